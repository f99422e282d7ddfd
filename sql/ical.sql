--
-- Closed dates from iCalendar feeds: closed_dates_from_ical on exported
-- files (test/fixtures/ical/, described in its README.md), and with_closed_dates.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS ticket_sla;
RESET client_min_messages;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
\set ECHO none
\i test/fixtures/io_helpers.sql
\set ECHO all

-- The files, read by psql (pg_regress runs in the repository's top directory)
\set google `cat test/fixtures/ical/google_holidays_de_2026.ics`
\set govuk `cat test/fixtures/ical/govuk_bank_holidays_england_2026.ics`
\set outlook `cat test/fixtures/ical/outlook_office_closures_2026.ics`
\set apple `cat test/fixtures/ical/apple_support_amsterdam_2026.ics`
\set thunderbird `cat test/fixtures/ical/thunderbird_recurring_closures.ics`
\set google_series `cat test/fixtures/ical/google_recurring_with_exceptions.ics`
\set birthday `cat test/fixtures/ical/outlook_birthday_yearly_unbounded.ics`

-- Google's "Holidays in Germany" 2026: 24 events in the feed's own order,
-- two of them on 14 May; the dates in order, each once (23).  The feed
-- lists observances as well (Mother's Day on Sunday 10 May, Christmas Eve,
-- New Year's Eve): a user picks what to close.
SELECT d, to_char(d, 'Dy') AS dow FROM ticket_sla.closed_dates_from_ical(:'google') AS d;

-- GOV.UK's feed for England and Wales 2026: Boxing Day on its substitute
-- day, Monday 28 December.  The same days as the rules of GB-ENG.
SELECT array_agg(d) AS feed,
       array_agg(d) = ARRAY(SELECT day FROM ticket_sla.holidays('GB-ENG', 2026, 2026)) AS same_as_rules
FROM ticket_sla.closed_dates_from_ical(:'govuk') AS d;

-- An Outlook export of an office calendar: closures on dates, one written
-- as local midnights with Outlook's all-day flag (10 and 11 July); a
-- quarterly "last Friday" series (27 March, 26 June, 25 September, 25
-- December); 15 May, 5 June, 18 September; 24 December to 1 January.  Its
-- two meetings (one a weekly series without end) and a cancelled closure
-- are left out.
SELECT d, to_char(d, 'Dy') AS dow FROM ticket_sla.closed_dates_from_ical(:'outlook') AS d;

-- An Apple Calendar export (a Dutch team: Easter Monday, King's Day,
-- Ascension, Whit Monday, a two-day offsite on 12 and 13 June, Christmas)
SELECT array_agg(d) AS dates FROM ticket_sla.closed_dates_from_ical(:'apple') AS d;

-- Thunderbird, with bare LF line ends: 24-26 December yearly for four
-- years (COUNT), 30 June yearly to 2028 (UNTIL), three Fridays of August
-- 2026 (the 14th excluded), 3 October yearly for three years (DURATION).
SELECT array_agg(d) AS dates FROM ticket_sla.closed_dates_from_ical(:'thunderbird') AS d;

-- Google, a monthly series on the first Monday with its exceptions: 7
-- September excluded (EXDATE), 2 November cancelled, 1 June moved to 2 June,
-- 2 March renamed (still closed).
SELECT array_agg(d) AS dates FROM ticket_sla.closed_dates_from_ical(:'google_series') AS d;

-- A date is a date: under any session time zone the same dates come back.
SET TimeZone = 'Pacific/Kiritimati';
CREATE TEMP TABLE east AS
SELECT f, ARRAY(SELECT ticket_sla.closed_dates_from_ical(ics)) AS dates
FROM (VALUES ('google', :'google'), ('outlook', :'outlook'), ('apple', :'apple')) AS v(f, ics);
SET TimeZone = 'Pacific/Pago_Pago';
SELECT f, dates = ARRAY(SELECT ticket_sla.closed_dates_from_ical(ics)) AS same_in_pago_pago
FROM east JOIN (VALUES ('google', :'google'), ('outlook', :'outlook'), ('apple', :'apple')) AS v(f, ics) USING (f);
SET TimeZone = 'UTC';

-- An Outlook birthday recurs without end: read only within a window.  The
-- 2027 occurrence was turned into an evening party, a timed event.
SELECT try_query(format('SELECT count(*) FROM ticket_sla.closed_dates_from_ical(%L)', :'birthday')) AS without_window;
SELECT array_agg(d) AS within_2026_to_2028
FROM ticket_sla.closed_dates_from_ical(:'birthday', '[2026-01-01,2029-01-01)') AS d;
-- a window keeps only the dates inside it, for any file; an empty one keeps none
SELECT array_agg(d) AS december
FROM ticket_sla.closed_dates_from_ical(:'outlook', '[2026-12-01,2027-01-01)') AS d;
SELECT count(*) AS empty_window FROM ticket_sla.closed_dates_from_ical(:'outlook', 'empty');

-- What cannot be read is refused, naming the line and the value: 22P02
-- for what is not valid iCalendar, 0A000 for what is valid but not read,
-- 54000 past a limit (test/fixtures/ical/README.md says what is wrong with each).
\set iso_date `cat test/fixtures/ical/broken_iso_date.ics`
\set invalid_date `cat test/fixtures/ical/broken_invalid_date.ics`
\set year_out_of_range `cat test/fixtures/ical/broken_year_out_of_range.ics`
\set dtend_before_dtstart `cat test/fixtures/ical/broken_dtend_before_dtstart.ics`
\set span_too_long `cat test/fixtures/ical/broken_span_too_long.ics`
\set truncated_download `cat test/fixtures/ical/broken_truncated_download.ics`
\set unclosed_valarm `cat test/fixtures/ical/broken_unclosed_valarm.ics`
\set lost_fold `cat test/fixtures/ical/broken_lost_fold.ics`
\set utc_until_all_day `cat test/fixtures/ical/broken_utc_until_all_day.ics`
\set vcalendar_1_0 `cat test/fixtures/ical/broken_vcalendar_1_0.ics`
\set meeting_cancellation `cat test/fixtures/ical/broken_meeting_cancellation.ics`
\set html_page `cat test/fixtures/ical/broken_html_page.ics`
\set empty `cat test/fixtures/ical/broken_empty.ics`
SELECT f, try_query(format('SELECT count(*) FROM ticket_sla.closed_dates_from_ical(%L)', ics)) AS result
FROM (VALUES
  ('iso_date', :'iso_date'),
  ('invalid_date', :'invalid_date'),
  ('year_out_of_range', :'year_out_of_range'),
  ('dtend_before_dtstart', :'dtend_before_dtstart'),
  ('span_too_long', :'span_too_long'),
  ('truncated_download', :'truncated_download'),
  ('unclosed_valarm', :'unclosed_valarm'),
  ('lost_fold', :'lost_fold'),
  ('utc_until_all_day', :'utc_until_all_day'),
  ('vcalendar_1_0', :'vcalendar_1_0'),
  ('meeting_cancellation', :'meeting_cancellation'),
  ('html_page', :'html_page'),
  ('empty', :'empty')
) AS v(f, ics);

------------------------------------------------------------------------------
-- A calendar takes the dates in

-- The office closures of the Outlook export closed in a Berlin calendar
-- with its holidays: dates that are holidays anyway (25 and 26 December, 1
-- January) are closed twice over, which changes nothing.
SELECT ticket_sla.with_closed_dates('Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE-BE',
           ARRAY(SELECT ticket_sla.closed_dates_from_ical(:'outlook'))) AS cal
\gset
SELECT :'cal'::ticket_sla.calendar;
-- Wednesday 23 December 2026, 16:00 in Berlin: two business hours that
-- day, then closed from the 24th to 1 January (a Friday), the weekend; two
-- more hours on Monday 4 January 2027, to 11:00 (10:00 UTC).
SELECT ticket_sla.business_deadline('2026-12-23 15:00Z', '4 hours', :'cal') AS due;
-- no dates: the calendar as it was
SELECT ticket_sla.with_closed_dates('24x7', '{}') AS unchanged;

-- A value quoted in a message is cut to 45 bytes and "..." (on a character
-- boundary), however long: a date of 100000 digits, a summary of 100
-- characters of two bytes and an RRULE part of 1000.
SELECT replace(try_query(format('SELECT count(*) FROM ticket_sla.closed_dates_from_ical(%L)',
               E'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:' || repeat('2', 100000) ||
               E'\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n')), repeat('2', 45), '<45 times 2>') AS long_date;
SELECT replace(replace(try_query(format('SELECT count(*) FROM ticket_sla.closed_dates_from_ical(%L)',
               E'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:' || repeat('ü', 100) ||
               E'\r\nDTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=' || repeat('X', 1000) ||
               E'\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n')), repeat('ü', 22), '<22 times ü>'), repeat('X', 45), '<45 times X>') AS long_values;

-- Bad dates: a null, infinity, a year the calendar type cannot hold, a
-- date the calendar opens.
SELECT q, try_query(q) AS result FROM (VALUES
  ($$SELECT ticket_sla.with_closed_dates('24x7', ARRAY['2026-12-24', NULL]::date[])::text$$),
  ($$SELECT ticket_sla.with_closed_dates('24x7', ARRAY['infinity']::date[])::text$$),
  ($$SELECT ticket_sla.with_closed_dates('24x7', ARRAY['0999-12-31']::date[])::text$$),
  ($$SELECT ticket_sla.with_closed_dates('24x7', ARRAY['0044-03-15 BC']::date[])::text$$),
  ($$SELECT ticket_sla.with_closed_dates('Mon-Fri 09:00-17:00; open 2026-12-26 10:00-12:00',
                                          ARRAY['2026-12-26']::date[])::text$$)
) AS v(q);

DROP FUNCTION error_of(text);
DROP FUNCTION try_query(text);
DROP FUNCTION recv_as(regtype, bytea);
