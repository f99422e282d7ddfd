--
-- Business-time arithmetic: every rule of docs/calendars.md, worked out by hand.
-- Each row shows the inputs, what the extension answers, and whether that
-- equals the value worked out by hand ("want").
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS ticket_sla;
RESET client_min_messages;
SET TimeZone = 'Europe/Berlin';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- The reference table of docs/calendars.md: Berlin office hours, Christmas closed.
-- 2026-11-20 is a Friday.
CREATE TEMP TABLE office AS
SELECT 'Mon-Fri 09:00-18:00; tz Europe/Berlin; closed 2026-12-25, 2026-12-26'::ticket_sla.calendar AS cal;

SELECT to_char(s, 'Dy YYYY-MM-DD HH24:MI') AS start, d AS duration,
       to_char(ticket_sla.business_deadline(s, d, cal), 'Dy YYYY-MM-DD HH24:MI') AS deadline,
       ticket_sla.business_deadline(s, d, cal) = want AS ok
FROM office, (VALUES
  ('2026-11-20 14:00'::timestamptz, '2 days'::interval, '2026-11-24 14:00'::timestamptz),
  ('2026-11-21 11:00', '1 day', '2026-11-23 18:00'),
  ('2026-11-20 18:00', '1 day', '2026-11-23 18:00'),
  ('2026-12-24 10:00', '1 day', '2026-12-28 10:00'),
  ('2026-11-25 10:00', '1 day 2 hours', '2026-11-26 12:00'),
  ('2026-11-24 14:00', '-2 days', '2026-11-20 14:00'),
  ('2026-11-20 17:00', '1 hour', '2026-11-20 18:00'),
  ('2026-11-20 17:00', '2 hours', '2026-11-23 10:00')
) AS t(s, d, want);

-- Hours, minutes and seconds: the earliest instant at which the duration
-- has passed.  A start outside hours counts from the next opening; a
-- deadline on a closing time stays there; zero returns the start.
SELECT to_char(s, 'Dy YYYY-MM-DD HH24:MI:SS.US') AS start, d AS duration,
       to_char(ticket_sla.business_deadline(s, d, cal), 'Dy YYYY-MM-DD HH24:MI:SS.US') AS deadline,
       ticket_sla.business_deadline(s, d, cal) = want AS ok
FROM office, (VALUES
  ('2026-11-23 09:00'::timestamptz, '9 hours'::interval, '2026-11-23 18:00'::timestamptz),
  ('2026-11-23 18:00', '1 hour', '2026-11-24 10:00'),
  ('2026-11-21 11:00', '1 hour', '2026-11-23 10:00'),
  ('2026-11-21 11:00', '0', '2026-11-21 11:00'),
  ('2026-11-23 09:00', '45 hours', '2026-11-27 18:00'),
  ('2026-11-23 09:00', '46 hours', '2026-11-30 10:00'),
  ('2026-11-23 17:59:30', '90 seconds', '2026-11-24 09:01'),
  ('2026-11-23 09:00', '00:00:00.000001', '2026-11-23 09:00:00.000001'),
  -- across the closed Christmas days: Thu 24 ends at 18:00, Fri 25 closed
  ('2026-12-24 17:00', '2 hours', '2026-12-28 10:00'),
  -- negative durations mirror: the latest instant that far back
  ('2026-11-23 10:00', '-2 hours', '2026-11-20 17:00'),
  ('2026-11-23 09:00', '-1 hour', '2026-11-20 17:00'),
  ('2026-11-20 18:00', '-9 hours', '2026-11-20 09:00'),
  ('2026-11-21 12:00', '-1 hour', '2026-11-20 17:00'),
  ('2026-12-28 10:00', '-2 hours', '2026-12-24 17:00'),
  -- business days then the time part, each with its own sign
  ('2026-11-25 10:00', '1 day -2 hours', '2026-11-25 17:00'),
  ('2026-11-21 11:00', '-1 day', '2026-11-19 18:00'),
  ('2026-11-23 09:00', '5 days', '2026-11-30 09:00'),
  ('2026-11-27 18:00', '-5 days', '2026-11-20 18:00')
) AS t(s, d, want);

-- Business time between two instants: only open time counts, [from, to).
SELECT to_char(a, 'Dy MM-DD HH24:MI') AS "from", to_char(b, 'Dy MM-DD HH24:MI') AS "to",
       ticket_sla.business_time_between(a, b, cal) AS business_time,
       ticket_sla.business_time_between(a, b, cal) = want AS ok
FROM office, (VALUES
  ('2026-11-20 17:00'::timestamptz, '2026-11-23 10:00'::timestamptz, '2 hours'::interval),
  ('2026-11-23 10:00', '2026-11-20 17:00', '-2 hours'),
  ('2026-11-23 00:00', '2026-11-30 00:00', '45 hours'),
  ('2026-12-21 00:00', '2026-12-28 00:00', '36 hours'),
  ('2026-11-23 12:00', '2026-11-23 12:00', '0'),
  ('2026-11-21 00:00', '2026-11-22 23:59', '0'),
  ('2026-11-23 00:00', '2026-12-07 00:00', '90 hours')
) AS t(a, b, want);

-- The interval has no day part, however long.
SELECT ticket_sla.business_time_between('2026-11-23', '2026-11-26', cal) FROM office;

-- Open at the opening instant, closed at the closing instant.
SELECT to_char(t, 'Dy MM-DD HH24:MI:SS.US') AS "at", ticket_sla.is_business_time(t, cal) AS open
FROM office, (VALUES
  ('2026-11-23 08:59:59.999999'::timestamptz), ('2026-11-23 09:00'), ('2026-11-23 17:59:59.999999'),
  ('2026-11-23 18:00'), ('2026-11-21 12:00'), ('2026-12-25 12:00'), ('2026-12-24 12:00')
) AS t(t);

SELECT to_char(t, 'Dy MM-DD HH24:MI') AS "at",
       to_char(ticket_sla.next_business_time(t, cal), 'Dy MM-DD HH24:MI') AS next_open
FROM office, (VALUES
  ('2026-11-23 10:00'::timestamptz), ('2026-11-23 09:00'), ('2026-11-20 18:00'),
  ('2026-11-21 12:00'), ('2026-12-24 19:00')
) AS t(t);

SELECT ticket_sla.business_intervals(cal, '[2026-11-20 12:00, 2026-11-24 10:00)') FROM office;
-- bounds are kept as given where they cut an open span
SELECT ticket_sla.business_intervals(cal, '(2026-11-23 09:00, 2026-11-23 12:00]') FROM office;
SELECT ticket_sla.business_intervals(cal, '[2026-11-21 00:00, 2026-11-22 00:00)') FROM office;
SELECT count(*) FROM office, ticket_sla.business_intervals(cal, 'empty');

-- Overnight ranges belong to the day they start on.
CREATE TEMP TABLE night AS
SELECT 'Mon-Fri 22:00-06:00; tz UTC'::ticket_sla.calendar AS cal;
SET TimeZone = 'UTC';
SELECT to_char(t, 'Dy MM-DD HH24:MI') AS "at", ticket_sla.is_business_time(t, cal) AS open
FROM night, (VALUES
  ('2026-11-21 03:00+00'::timestamptz), ('2026-11-23 03:00+00'), ('2026-11-23 22:00+00'),
  ('2026-11-24 05:59+00'), ('2026-11-24 06:00+00')
) AS t(t);
SELECT to_char(s, 'Dy MM-DD HH24:MI') AS start, d AS duration,
       to_char(ticket_sla.business_deadline(s, d, cal), 'Dy MM-DD HH24:MI') AS deadline,
       ticket_sla.business_deadline(s, d, cal) = want AS ok
FROM night, (VALUES
  ('2026-11-20 23:00+00'::timestamptz, '4 hours'::interval, '2026-11-21 03:00+00'::timestamptz),
  ('2026-11-21 05:00+00', '2 hours', '2026-11-23 23:00+00'),
  ('2026-11-21 03:00+00', '1 day', '2026-11-24 03:00+00'),
  ('2026-11-24 03:00+00', '-1 day', '2026-11-21 03:00+00')
) AS t(s, d, want);
SELECT ticket_sla.business_time_between('2026-11-20 20:00+00', '2026-11-23 23:00+00', cal) FROM night;

-- 24:00 ends the day; whole days are open on Mon, Wed and Fri.
CREATE TEMP TABLE alternate AS
SELECT 'Mon,Wed,Fri 00:00-24:00; tz UTC'::ticket_sla.calendar AS cal;
SELECT ticket_sla.business_time_between('2026-11-23 00:00+00', '2026-11-28 00:00+00', cal) FROM alternate;
SELECT ticket_sla.business_deadline('2026-11-25 23:00+00', '2 hours', cal) FROM alternate;
SELECT ticket_sla.business_intervals(cal, '[2026-11-23, 2026-11-28)') FROM alternate;

-- An "open" date with short hours before the holidays.  A business day
-- keeps its position, but a shorter day ends at its close.
CREATE TEMP TABLE short_day AS
SELECT 'Mon-Fri 09:00-18:00; tz GMT; closed 2026-12-25, 2026-12-28; open 2026-12-24 09:00-13:00; open 2026-12-19 10:00-12:00'::ticket_sla.calendar AS cal;
SELECT cal FROM short_day;
SELECT to_char(s, 'Dy MM-DD HH24:MI') AS start, d AS duration,
       to_char(ticket_sla.business_deadline(s, d, cal), 'Dy MM-DD HH24:MI') AS deadline,
       ticket_sla.business_deadline(s, d, cal) = want AS ok
FROM short_day, (VALUES
  ('2026-12-24 12:00+00'::timestamptz, '2 hours'::interval, '2026-12-29 10:00+00'::timestamptz),
  ('2026-12-23 15:00+00', '1 day', '2026-12-24 13:00+00'),
  ('2026-12-24 11:00+00', '1 day', '2026-12-29 11:00+00'),
  ('2026-12-18 17:00+00', '2 hours', '2026-12-19 11:00+00'),
  ('2026-12-18 10:00+00', '1 day', '2026-12-19 11:00+00'),
  ('2026-12-19 13:00+00', '1 day', '2026-12-21 18:00+00')
) AS t(s, d, want);

-- Many years of business time: whole weeks are counted, not walked.
-- 23400 hours are 520 weeks of 45 hours; 2600 business days 520 weeks.
SELECT ticket_sla.business_deadline('2026-01-05 09:00+00', '23400 hours', 'Mon-Fri 09:00-18:00; tz UTC');
SELECT ticket_sla.business_deadline('2026-01-05 10:00+00', '2600 days', 'Mon-Fri 09:00-18:00; tz UTC');
SELECT ticket_sla.business_deadline('2035-12-24 10:00+00', '-2600 days', 'Mon-Fri 09:00-18:00; tz UTC');
SELECT ticket_sla.business_time_between('2026-01-05 09:00+00', '2035-12-21 18:00+00', 'Mon-Fri 09:00-18:00; tz UTC');
-- Weeks holding closed dates are summed too: every Wednesday of 2027 is
-- closed, so 2027 has 52 weeks of 36 hours (1872) and 2028 weeks of 45.
-- 3600 hours from Monday 2027-01-04 09:00: 1728 hours are left for 2028,
-- 38 weeks and two days, ending on Tuesday 2028-09-26 at 18:00.  400
-- business days: 207 in 2027 after the start, 38 weeks of 5, then the third
-- business day of the week of 2028-09-25: Wednesday 27 at 09:00.
CREATE TEMP TABLE wednesdays AS
SELECT ('Mon-Fri 09:00-18:00; tz UTC; closed ' || string_agg(d::date::text, ', '))::ticket_sla.calendar AS cal
FROM generate_series(date '2027-01-06', date '2027-12-29', interval '7 days') AS d;
SELECT ticket_sla.business_deadline('2027-01-04 09:00+00', '3600 hours', cal) AS deadline,
       ticket_sla.business_time_between('2027-01-04 09:00+00', '2028-09-26 18:00+00', cal) AS between,
       ticket_sla.business_deadline('2028-09-26 18:00+00', '-3600 hours', cal) AS back,
       ticket_sla.business_deadline('2027-01-04 09:00+00', '400 days', cal) AS days_400,
       ticket_sla.business_deadline('2028-09-27 09:00+00', '-400 days', cal) AS back_400
FROM wednesdays;
-- Closed dates ten years apart: the open time of the dates between them is
-- kept date by date, in chunks of 128 dates from 2026-01-01 (the next ones
-- start on 2026-05-09, 2026-09-14, 2027-01-20, 2027-05-28), read across.
-- 2700 hours from Monday 2026-06-01 09:00 are 300 business days: 60 weeks
-- to Friday 2027-07-23, one more for Wednesday 2026-07-15, closed: Monday
-- 2027-07-26 at 18:00.  300 business days later than Monday 2026-06-01
-- 10:00: the 300 weekdays after it end on Monday 2027-07-26, the 301st
-- is Tuesday 27.  The ten years hold 521 weeks and 5 dates, 3 of them
-- weekdays: 2608 weekdays, 3 of them closed, 2605 of 9 hours.
CREATE TEMP TABLE far_apart AS
SELECT 'Mon-Fri 09:00-18:00; tz UTC; closed 2026-01-01, 2026-07-15, 2035-12-31'::ticket_sla.calendar AS cal;
SELECT ticket_sla.business_deadline('2026-06-01 09:00+00', '2700 hours', cal) AS deadline,
       ticket_sla.business_deadline('2026-06-01 10:00+00', '300 days', cal) AS days_300,
       ticket_sla.business_deadline('2027-07-27 10:00+00', '-300 days', cal) AS back_300,
       ticket_sla.business_time_between('2026-01-01 00:00+00', '2036-01-01 00:00+00', cal) AS ten_years
FROM far_apart;
SELECT ticket_sla.business_deadline('2026-01-01 00:00+00', '87600 hours', '24x7; tz GMT');
SELECT ticket_sla.business_deadline('2035-12-30 00:00+00', '-87600 hours', '24x7; tz GMT');

-- Infinity in gives infinity out.
SELECT ticket_sla.business_deadline('infinity', '4 hours', cal),
       ticket_sla.business_deadline('-infinity', '-4 hours', cal),
       ticket_sla.is_business_time('infinity', cal),
       ticket_sla.next_business_time('-infinity', cal)
FROM office;

-- Errors, each with its SQLSTATE and a message that names the bad value.
CREATE FUNCTION pg_temp.try(query text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE query;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
SELECT q AS query, pg_temp.try(q) AS error
FROM (VALUES
  ($$SELECT ticket_sla.business_deadline('2026-11-20', '1 month', 'Mon-Fri 09:00-18:00')$$),
  ($$SELECT ticket_sla.business_deadline('2026-11-20', '1 year 2 hours', 'Mon-Fri 09:00-18:00')$$),
  ($$SELECT ticket_sla.business_deadline('2026-11-20', '1 hour', 'tz UTC')$$),
  ($$SELECT ticket_sla.business_deadline('2026-11-20', '1 day', 'tz UTC')$$),
  ($$SELECT ticket_sla.next_business_time('2026-11-20', 'tz UTC')$$),
  ($$SELECT ticket_sla.business_time_between('infinity', '2026-11-20', 'Mon-Fri 09:00-18:00')$$),
  ($$SELECT ticket_sla.business_intervals('Mon-Fri 09:00-18:00', '[2026-11-20,)')$$),
  ($$SELECT ticket_sla.business_intervals('Mon-Fri 09:00-18:00', '[2026-11-20, infinity)')$$),
  ($$SELECT ticket_sla.business_deadline('2026-11-20', '1 hour', 'tz UTC; open 2026-11-19 09:00-10:00')$$),
  ($$SELECT ticket_sla.business_deadline('2026-11-20', '-1 day', 'tz UTC; open 2026-11-21 09:00-10:00')$$),
  ($$SELECT ticket_sla.business_deadline('10000-01-01', '1 hour', 'Mon-Fri 09:00-18:00')$$),
  ($$SELECT ticket_sla.business_deadline('9999-12-31 17:30', '1 hour', 'Mon-Fri 09:00-18:00')$$),
  ($$SELECT ticket_sla.business_time_between('0999-12-30', '2026-01-01', 'Mon-Fri 09:00-18:00')$$),
  ($$SELECT ticket_sla.business_deadline('2026-11-20', '2147483647 days', 'Mon-Fri 09:00-18:00')$$)
) AS t(q);
-- with its detail
SELECT ticket_sla.business_deadline('2026-11-20', '1 hour', 'tz UTC');
-- which quotes at most 60 characters of the calendar: here every other
-- date of 2026 closed
SELECT ticket_sla.business_deadline('2026-11-20', '1 hour',
       ('tz UTC; closed ' || (SELECT string_agg(d::date::text, ', ')
                              FROM generate_series(date '2026-01-01', date '2026-12-31', interval '2 days') AS d))::ticket_sla.calendar);

-- Where no time must be found, a calendar without open time is no error.
SELECT ticket_sla.business_deadline('2026-11-20 12:00+00', '0', 'tz UTC'),
       ticket_sla.business_time_between('2026-11-20', '2026-11-27', 'tz UTC'),
       ticket_sla.is_business_time('2026-11-20', 'tz UTC');
-- A calendar open on one date only.
SELECT ticket_sla.business_deadline('2026-11-01 00:00+00', '90 minutes', 'tz UTC; open 2026-11-19 09:00-10:00; open 2027-03-01 09:00-10:00');

-- Business days in a calendar open on one date only, Thursday 2026-12-24
-- 09:00-13:00.  A start before every business day counts as the end of one
-- before them all, so 1 day lands on the close of the first (docs/calendars.md,
-- "Business days"); hours count its four hours.
SELECT to_char(s, 'Dy YYYY-MM-DD HH24:MI') AS start, d AS duration,
       to_char(ticket_sla.business_deadline(s, d, cal), 'Dy YYYY-MM-DD HH24:MI') AS deadline,
       ticket_sla.business_deadline(s, d, cal) = want AS ok
FROM (SELECT 'tz UTC; open 2026-12-24 09:00-13:00'::ticket_sla.calendar AS cal) AS c,
     (VALUES
       ('2026-12-20 09:00+00'::timestamptz, '1 day'::interval, '2026-12-24 13:00+00'::timestamptz),
       ('2026-12-24 08:59+00', '1 day', '2026-12-24 13:00+00'),
       ('2026-12-20 09:00+00', '1 hour', '2026-12-24 10:00+00'),
       ('2026-12-20 09:00+00', '4 hours', '2026-12-24 13:00+00'),
       ('2026-12-24 12:00+00', '1 hour', '2026-12-24 13:00+00'),
       ('2026-12-28 12:00+00', '-1 hour', '2026-12-24 12:00+00'),
       ('2026-12-28 12:00+00', '-4 hours', '2026-12-24 09:00+00')
     ) AS t(s, d, want);
-- From the day itself or after it there is no next business day; 2 days
-- need a second one; no business day comes before it.
SELECT q AS query, pg_temp.try(q) AS error
FROM (VALUES
  ($$SELECT ticket_sla.business_deadline('2026-12-24 09:00+00', '1 day', 'tz UTC; open 2026-12-24 09:00-13:00')$$),
  ($$SELECT ticket_sla.business_deadline('2026-12-25 09:00+00', '1 day', 'tz UTC; open 2026-12-24 09:00-13:00')$$),
  ($$SELECT ticket_sla.business_deadline('2026-12-20 09:00+00', '2 days', 'tz UTC; open 2026-12-24 09:00-13:00')$$),
  ($$SELECT ticket_sla.business_deadline('2026-12-20 09:00+00', '-1 day', 'tz UTC; open 2026-12-24 09:00-13:00')$$),
  ($$SELECT ticket_sla.business_deadline('2026-12-20 09:00+00', '5 hours', 'tz UTC; open 2026-12-24 09:00-13:00')$$),
  ($$SELECT ticket_sla.business_deadline('2026-12-24 12:30+00', '1 hour', 'tz UTC; open 2026-12-24 09:00-13:00')$$)
) AS t(q);
