-- ticket_sla 0.1 -> 0.2: public holidays by rule, and closed dates from
-- iCalendar feeds.

\echo Use "ALTER EXTENSION ticket_sla UPDATE TO '0.2'" to load this file. \quit

------------------------------------------------------------------------------
-- Public holidays by rule
--
-- A calendar's clause "holidays REGION[, REGION...]" closes the public
-- holidays of built-in regions in every year 1990 to 2100:
--   'Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE-BE'
-- The value holds the region codes, not the dates: the rules are part of
-- the extension, so the functions on calendars stay IMMUTABLE.  An "open"
-- date overrides a holiday.  The README lists the regions and their rules.

COMMENT ON TYPE ticket_sla.calendar IS
'Opening hours: weekly ranges, a time zone, public holidays by region, closed dates and special opening days';

CREATE FUNCTION ticket_sla.holidays(region text, from_year integer, to_year integer)
RETURNS TABLE (day date, name text)
AS 'MODULE_PATHNAME', 'holidays'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 15;

COMMENT ON FUNCTION ticket_sla.holidays(text, integer, integer) IS
'The public holidays a region closes in the years FROM_YEAR to TO_YEAR (1990 to 2100), in date order, named in the country''s language';

------------------------------------------------------------------------------
-- Closed dates from elsewhere
--
-- An office's own closing days often live in a shared calendar.  Its
-- iCalendar export (Outlook, Google, Apple) gives the dates, and a calendar
-- takes them in:
--   SELECT ticket_sla.with_closed_dates('Mon-Fri 09:00-17:00; tz Europe/Amsterdam',
--            ARRAY(SELECT ticket_sla.closed_dates_from_ical(pg_read_file('/path/closures.ics'))));

CREATE FUNCTION ticket_sla.closed_dates_from_ical(ics text)
RETURNS SETOF date
AS 'MODULE_PATHNAME', 'closed_dates_from_ical'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;

COMMENT ON FUNCTION ticket_sla.closed_dates_from_ical(text) IS
'The dates of the all-day events of an iCalendar file, in order and each once; timed and cancelled events are left out';

CREATE FUNCTION ticket_sla.closed_dates_from_ical(ics text, within daterange)
RETURNS SETOF date
AS 'MODULE_PATHNAME', 'closed_dates_from_ical'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;

COMMENT ON FUNCTION ticket_sla.closed_dates_from_ical(text, daterange) IS
'The dates within WITHIN of the all-day events of an iCalendar file; an event that recurs without end is read within it';

CREATE FUNCTION ticket_sla.with_closed_dates(cal ticket_sla.calendar, dates date[])
RETURNS ticket_sla.calendar
AS 'MODULE_PATHNAME', 'with_closed_dates'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.with_closed_dates(ticket_sla.calendar, date[]) IS
'The calendar with DATES closed as well';
