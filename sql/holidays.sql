--
-- Public holidays by rule: the regions' lists against the official lists,
-- the calendar clause "holidays", and deadlines across holidays.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS ticket_sla;
RESET client_min_messages;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
\set ECHO none
\i test/fixtures/io_helpers.sql
\set ECHO all

-- What a region closes.  Berlin 2025: Frauentag (since 2019) on a
-- Saturday, still a holiday; the one-off Tag der Befreiung on 8 May.
SELECT day, to_char(day, 'Dy') AS dow, name FROM ticket_sla.holidays('DE-BE', 2025, 2025);
-- England and Wales 2022: the Spring bank holiday moved to Thursday 2 June
-- for the Platinum Jubilee on the 3rd, the Queen's funeral on 19 September,
-- and Christmas on a Sunday: Boxing Day Monday, Christmas's substitute on
-- Tuesday.  Codes are case-insensitive.
SELECT day, to_char(day, 'Dy') AS dow, name FROM ticket_sla.holidays('gb-eng', 2022, 2022);
-- United States 2021: Juneteenth's first year (Saturday 19 June, observed
-- Friday 18), Independence Day observed on Monday 5 July, Christmas on
-- Friday 24 December and New Year's Day 2022 (a Saturday) on Friday 31
-- December, which is why 2022's list does not start with it.
SELECT day, to_char(day, 'Dy') AS dow, name FROM ticket_sla.holidays('US', 2021, 2022);
-- Israel 2025 by the Hebrew calendar: Yom HaAtzmaut (5 Iyar, a Saturday)
-- moved to Thursday 1 May.
SELECT day, to_char(day, 'Dy') AS dow, name FROM ticket_sla.holidays('IL', 2025, 2025);

-- The Netherlands: NL closes Bevrijdingsdag every year, as the Algemene
-- termijnenwet counts it; NL-LUSTRUM only in the years 5 divides, as most
-- offices do.  5 May 2024 is a Sunday, 5 May 2025 a Monday: NL lists
-- both, NL-LUSTRUM only 2025.  Over 2020 to 2030, NL has it 11 times,
-- NL-LUSTRUM 3 times (2020, 2025, 2030).
SELECT r.region, h.day, to_char(h.day, 'Dy') AS dow, h.name
FROM (VALUES ('NL'), ('NL-LUSTRUM')) AS r(region), ticket_sla.holidays(r.region, 2024, 2025) AS h
WHERE h.name = 'Bevrijdingsdag' ORDER BY 1, 2;
SELECT r.region, count(*) FILTER (WHERE h.name = 'Bevrijdingsdag') AS bevrijdingsdag, count(*) AS holidays
FROM (VALUES ('NL'), ('NL-LUSTRUM')) AS r(region), ticket_sla.holidays(r.region, 2020, 2030) AS h
GROUP BY 1 ORDER BY 1;
-- NL-LUSTRUM 2025 in full (Easter 20 April): Koningsdag, 27 April on a
-- Sunday, moves to Saturday 26; Hemelvaartsdag is Easter + 39 = Thursday
-- 29 May; Pinksteren Easter + 49 and + 50 = 8 and 9 June.
SELECT day, to_char(day, 'Dy') AS dow, name FROM ticket_sla.holidays('NL-LUSTRUM', 2025, 2025);
-- A Dutch office's "2 business hours" from Monday 4 May 2026, 17:00
-- CEST (15:00 UTC): one hour that evening, then Tuesday 5 May is closed
-- under NL (due Wednesday 6 May 10:00 CEST, 08:00 UTC) but open under
-- NL-LUSTRUM (due Tuesday 5 May 10:00 CEST, 08:00 UTC).
SELECT r.region, ticket_sla.business_deadline('2026-05-04 15:00Z', '2 hours',
           ('Mon-Fri 09:00-18:00; tz Europe/Amsterdam; holidays ' || r.region)::ticket_sla.calendar) AS due
FROM (VALUES ('NL'), ('NL-LUSTRUM')) AS r(region) ORDER BY 1;

-- Switzerland: CH is the four days every canton keeps; Zürich 2025 by
-- its Ruhetags- und Ladenöffnungsgesetz, from Easter on 20 April:
-- Karfreitag 18 April, Ostermontag 21 April, Auffahrt (+ 39) Thursday
-- 29 May, Pfingstmontag (+ 50) Monday 9 June, and 1 May, 1 August,
-- 25 and 26 December.
SELECT day, to_char(day, 'Dy') AS dow, name FROM ticket_sla.holidays('CH', 2025, 2025);
SELECT day, to_char(day, 'Dy') AS dow, name FROM ticket_sla.holidays('ch-zh', 2025, 2025);
-- The days after a Sunday of September: the Jeûne genevois is the
-- Thursday after the first Sunday (1 September 2024 is one: Thursday 5;
-- 2025's first Sunday is the 7th: Thursday 11), Vaud's Lundi du Jeûne
-- the Monday after the third (2024: the Sundays are 1, 8, 15, so Monday
-- 16; 2025: 7, 14, 21, so Monday 22).
SELECT r.region, h.day, to_char(h.day, 'Dy') AS dow, h.name
FROM (VALUES ('CH-GE'), ('CH-VD')) AS r(region), ticket_sla.holidays(r.region, 2024, 2025) AS h
WHERE extract(month FROM h.day) = 9 ORDER BY 1, 2;

-- Bad arguments: an unknown region (the hint lists them all), years the
-- rules do not cover.
SELECT q, try_query(q) AS result FROM (VALUES
  ($$SELECT count(*) FROM ticket_sla.holidays('DE-XX', 2026, 2026)$$),
  ($$SELECT count(*) FROM ticket_sla.holidays('', 2026, 2026)$$),
  ($$SELECT count(*) FROM ticket_sla.holidays('DE', 1989, 2026)$$),
  ($$SELECT count(*) FROM ticket_sla.holidays('DE', 2026, 2101)$$)
) AS v(q);
-- a long code is quoted by its first 60 characters
SELECT replace(try_query(format('SELECT count(*) FROM ticket_sla.holidays(%L, 2026, 2026)', repeat('DE-', 100000))),
               repeat('DE-', 20), '<20 times DE->') AS long_region;
-- an empty span of years is an empty list, as generate_series has it
SELECT count(*) FROM ticket_sla.holidays('DE', 2027, 2026);

-- Every official list pinned in test/fixtures/holidays_official.sql (written from
-- the governments' own lists, independently of the rules): the rows found
-- in only one of the two.  None.
\set ECHO none
\set QUIET on
\i test/fixtures/holidays_official.sql
\set QUIET off
\set ECHO all
SELECT count(*) AS official_rows, count(DISTINCT region) AS regions,
       count(DISTINCT (region, extract(year FROM day))) AS region_years
FROM official;
SELECT coalesce(o.region, r.region) AS region, coalesce(o.day, r.day) AS day,
       o.name AS official, r.name AS rules
FROM official AS o
FULL JOIN (SELECT y.region, h.day, h.name
           FROM (SELECT DISTINCT region, extract(year FROM day)::int AS year FROM official) AS y,
                LATERAL ticket_sla.holidays(y.region, y.year, y.year) AS h) AS r
       ON (o.region, o.day, o.name) = (r.region, r.day, r.name)
WHERE o.region IS NULL OR r.region IS NULL
ORDER BY 1, 2;

-- Whole-range sanity of every region, 1990 to 2100: each year's list is
-- in date order, inside its year, and no substitute or observed day falls
-- on a weekend.  The cantons have the same days every year, 111 times
-- their number: CH-AG 5 (555), CH-LU 10 (1110), CH-TI 15 (1665), the
-- others 9 (999); NL-LUSTRUM has NL's days but Bevrijdingsdag in only 23
-- of the 111 years, 88 fewer.
WITH regions(region) AS (
    VALUES ('DE'), ('DE-BW'), ('DE-BY'), ('DE-BE'), ('DE-BB'), ('DE-HB'), ('DE-HH'), ('DE-HE'),
           ('DE-MV'), ('DE-NI'), ('DE-NW'), ('DE-RP'), ('DE-SL'), ('DE-SN'), ('DE-ST'), ('DE-SH'),
           ('DE-TH'), ('AT'), ('CH'), ('NL'), ('GB-ENG'), ('GB-SCT'), ('GB-NIR'), ('US'), ('IL'),
           ('NL-LUSTRUM'), ('CH-AG'), ('CH-BE'), ('CH-BS'), ('CH-GE'), ('CH-LU'), ('CH-SG'), ('CH-TI'),
           ('CH-VD'), ('CH-ZH')),
lists AS (
    SELECT r.region, y.year, h.day, h.name,
           lag(h.day) OVER (PARTITION BY r.region, y.year ORDER BY h.ordinality) AS previous
    FROM regions AS r, generate_series(1990, 2100) AS y(year),
         LATERAL ticket_sla.holidays(r.region, y.year, y.year) WITH ORDINALITY AS h)
SELECT region, count(*) AS holidays, min(day) AS first, max(day) AS last,
       count(*) FILTER (WHERE day < previous OR extract(year FROM day) <> year) AS out_of_order,
       count(*) FILTER (WHERE (name LIKE '%(substitute day)' OR name LIKE '%(observed)')
                        AND extract(isodow FROM day) > 5) AS moved_to_weekend
FROM lists GROUP BY region ORDER BY region;

------------------------------------------------------------------------------
-- The calendar clause

-- Canonical form: after tz, codes in upper case, sorted, each once; two
-- clauses add up.
SELECT 'holidays gb-eng, DE-BE, de-be; Mon-Fri 09:00-18:00; tz Europe/London; holidays NL'::ticket_sla.calendar;
SELECT 'holidays nl-lustrum, ch-zh, CH; 24x7'::ticket_sla.calendar;
SELECT 'Mon-Fri 09:00-18:00; holidays DE-BE; closed 2026-12-24; open 2026-12-26 10:00-14:00'::ticket_sla.calendar;
-- equal calendars, whatever the order written; a region makes a difference
SELECT 'holidays GB-ENG; holidays DE-BE; 24x7'::ticket_sla.calendar OPERATOR(ticket_sla.=)
       '24x7; holidays de-be, gb-eng'::ticket_sla.calendar AS same,
       '24x7; holidays DE'::ticket_sla.calendar OPERATOR(ticket_sla.=) '24x7'::ticket_sla.calendar AS same_without;
-- the output reads back as the same value
SELECT c::text::ticket_sla.calendar OPERATOR(ticket_sla.=) c AS round_trip
FROM (SELECT 'Sun-Thu 08:00-17:00; tz Asia/Jerusalem; holidays IL, US'::ticket_sla.calendar AS c) AS x;

-- Bad clauses: an unknown region, a missing one, two codes without a
-- comma, a code with a character a code never has.
SELECT lit, try_query(format('SELECT %L::ticket_sla.calendar::text', lit)) AS result FROM (VALUES
  ('Mon-Fri 09:00-17:00; holidays DE-BE, UK'),
  ('Mon-Fri 09:00-17:00; holidays'),
  ('Mon-Fri 09:00-17:00; holidays ; tz UTC'),
  ('Mon-Fri 09:00-17:00; holidays DE BE'),
  ('Mon-Fri 09:00-17:00; holidays DE,'),
  ('Mon-Fri 09:00-17:00; holidays DE_BE'),
  ('Mon-Fri 09:00-17:00; holidays CH-XX'),
  ('Mon-Fri 09:00-17:00; holidays NL-OFFICE')
) AS v(lit);

------------------------------------------------------------------------------
-- Business time across holidays

-- Berlin, Easter 2026 (Sunday 5 April): Good Friday and Easter Monday are
-- closed.  Thursday 2 April 18:00 the office closes; it opens again on
-- Tuesday at 09:00 (07:00 UTC).  24 December is no holiday in Berlin;
-- 25 December is, unless the calendar opens it.
SELECT ticket_sla.next_business_time('2026-04-02 16:00Z', c) AS after_thursday,
       ticket_sla.is_business_time('2026-04-03 10:00Z', c) AS good_friday,
       ticket_sla.is_business_time('2026-12-24 10:00Z', c) AS christmas_eve,
       ticket_sla.is_business_time('2026-12-25 10:00Z', c) AS christmas,
       ticket_sla.is_business_time('2026-12-25 10:00Z',
           (c::text || '; open 2026-12-25 10:00-14:00')::ticket_sla.calendar) AS christmas_opened
FROM (SELECT 'Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE-BE'::ticket_sla.calendar AS c) AS x;

-- Thursday 09:00 to Tuesday 18:00 is two days of nine hours: 18 hours,
-- against 36 without the holidays.
SELECT ticket_sla.business_time_between('2026-04-02 07:00Z', '2026-04-07 16:00Z',
           'Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE-BE') AS with_holidays,
       ticket_sla.business_time_between('2026-04-02 07:00Z', '2026-04-07 16:00Z',
           'Mon-Fri 09:00-18:00; tz Europe/Berlin') AS without;

-- Cyren Standard's "P3: 2 business days", kept by a Berlin office: a
-- request on Maundy Thursday 2 April 2026 at 14:00 is due two business days
-- later at the same time of day, skipping Good Friday and Easter Monday:
-- Wednesday 8 April 14:00 (12:00 UTC); without holidays, Monday 6 April.
SELECT ticket_sla.response_deadline('2026-04-02 12:00Z', 'medium', c) AS with_holidays,
       ticket_sla.response_deadline('2026-04-02 12:00Z', 'medium',
           replace(c::text, '; holidays DE-BE', '')::ticket_sla.contract) AS without
FROM (SELECT 'hours (Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE-BE);
              medium: respond within 2 business days'::ticket_sla.contract AS c) AS x;

-- ISMS.online's "Severity 2: 4 business hours" (09:00-18:00 GMT on UK
-- weekdays, UK bank holidays excluded) from Christmas Eve afternoon 2021,
-- when Christmas fell on a Saturday: 16:00 to 18:00 on Friday is two hours;
-- Monday 27 and Tuesday 28 are the substitute days of Christmas and Boxing
-- Day; the other two hours run on Wednesday 29 December, 09:00 to 11:00.
SELECT ticket_sla.response_deadline('2021-12-24 16:00Z', 'high',
           'hours (Mon-Fri 09:00-18:00; tz GMT; holidays GB-ENG); high: respond within 4 business hours') AS due;

-- Several regions close the union of their holidays: 1 May (Germany) and
-- 4 May (England's Early May bank holiday) in 2026.
SELECT d::date AS day, ticket_sla.is_business_time(d + interval '12 hours', c) AS open
FROM (SELECT 'Mon-Fri 09:00-18:00; tz UTC; holidays DE, GB-ENG'::ticket_sla.calendar AS c) AS x,
     generate_series(timestamptz '2026-04-30', '2026-05-05', interval '1 day') AS d;

-- A night shift belongs to the date it starts on: Thursday's shift runs
-- into Good Friday morning; Good Friday's and Easter Monday's own shifts
-- do not happen.
SELECT r FROM ticket_sla.business_intervals('Mon-Fri 22:00-06:00; tz Europe/Berlin; holidays DE',
                                            '[2026-04-02 00:00Z, 2026-04-09 00:00Z)') AS r;

-- Israel's Sunday-to-Thursday week with its holidays: Yom Kippur 5787 is
-- Monday 21 September 2026.
SELECT ticket_sla.is_business_time('2026-09-21 09:00Z', c) AS yom_kippur,
       ticket_sla.is_business_time('2026-09-22 09:00Z', c) AS day_after
FROM (SELECT 'Sun-Thu 08:00-17:00; tz Asia/Jerusalem; holidays IL'::ticket_sla.calendar AS c) AS x;

-- Outside the years the rules cover, a calendar with holidays refuses to
-- answer rather than answer without them.  The last answer it gives: from
-- Wednesday 22 December 2100 at 12:00, 40 hours of eight-hour days skip
-- Christmas (a Saturday) and Boxing Day, observed on Monday 27 and Tuesday
-- 28, and end on Friday 31 December at 12:00.  60 hours would run into
-- 2101.
-- The same 60 hours without holidays end on Friday 31 December 2100, 16:00.
SELECT q, try_query(q) AS result FROM (VALUES
  ($$SELECT ticket_sla.business_deadline('1989-12-01 12:00Z', '1 hour', 'Mon-Fri 09:00-17:00; holidays GB-ENG')$$),
  ($$SELECT ticket_sla.business_deadline('2100-12-22 12:00Z', '40 hours', 'Mon-Fri 09:00-17:00; holidays GB-ENG')$$),
  ($$SELECT ticket_sla.business_deadline('2100-12-22 12:00Z', '60 hours', 'Mon-Fri 09:00-17:00; holidays GB-ENG')$$),
  ($$SELECT ticket_sla.business_deadline('2100-12-22 12:00Z', '60 hours', 'Mon-Fri 09:00-17:00')$$),
  ($$SELECT ticket_sla.business_time_between('2100-12-20 12:00Z', '2101-01-03 12:00Z', 'Mon-Fri 09:00-17:00; holidays US')$$)
) AS v(q);

-- The first and the last week of the years, every function: the years are
-- counted in the calendar's time zone, from 1990-01-01 00:00 to the end of
-- 2100-12-31 (a deadline may land on that end).  Monday 1990-01-01 is
-- Neujahr; Saturday 2100-12-25 and Sunday 26 are Christmas, Monday 27 to
-- Friday 31 are business days.
SELECT q, try_query(q) AS result FROM (VALUES
  ($$SELECT ticket_sla.is_business_time('1990-01-01 12:00+00', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.is_business_time('1990-01-02 09:00+00', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.is_business_time('2100-12-30 12:00+00', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.is_business_time('2100-12-31 17:59:59+00', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.is_business_time('2100-12-31 23:59:59.999999+00', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.next_business_time('1990-01-01 00:00+00', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.next_business_time('1990-01-05 18:00+00', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.next_business_time('2100-12-24 18:00+00', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.next_business_time('2100-12-31 17:00+00', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('1990-01-01 00:00+00', '1 hour', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('1990-01-02 10:00+00', '-1 hour', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('1990-01-03 10:00+00', '-1 day', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('1990-01-01 12:00+00', '1 day', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('2100-12-24 10:00+00', '1 day', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('2100-12-30 10:00+00', '1 day', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('2100-12-24 17:00+00', '46 hours', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.business_time_between('1990-01-01 00:00+00', '1990-01-08 00:00+00', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.business_time_between('2100-12-25 00:00+00', '2101-01-01 00:00+00', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.business_time_between('2101-01-01 00:00+00', '2100-12-27 00:00+00', 'Mon-Fri 09:00-18:00; holidays DE')$$)
) AS v(q);
SELECT * FROM ticket_sla.business_intervals('Mon-Fri 09:00-18:00; holidays DE', '[1990-01-01, 1990-01-03)');
SELECT * FROM ticket_sla.business_intervals('Mon-Fri 09:00-18:00; holidays DE', '[2100-12-31 12:00+00, 2101-01-01)');
-- Past the edges: an instant outside the years, and arithmetic that would
-- need dates outside them, say so.
SELECT q, try_query(q) AS result FROM (VALUES
  ($$SELECT ticket_sla.is_business_time('1989-12-31 23:59:59+00', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.is_business_time('2101-01-01 00:00+00', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.next_business_time('2100-12-31 18:00+00', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('2100-12-31 17:00+00', '2 hours', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('2100-12-30 10:00+00', '2 days', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('1990-01-02 10:00+00', '-2 hours', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('1990-01-02 10:00+00', '-1 day', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT ticket_sla.business_time_between('2100-12-31 00:00+00', '2101-01-01 00:00:01+00', 'Mon-Fri 09:00-18:00; holidays DE')$$),
  ($$SELECT count(*) FROM ticket_sla.business_intervals('Mon-Fri 09:00-18:00; holidays DE', '[1989-12-31, 1990-01-03)')$$),
  ($$SELECT count(*) FROM ticket_sla.business_intervals('Mon-Fri 09:00-18:00; holidays DE', '[2100-12-31, 2101-01-02)')$$)
) AS v(q);
-- In Berlin the years start at 1989-12-31 23:00 UTC.  Sunday 1989-12-31,
-- read by its weekly hours, is no holiday: its night shift runs into 1990
-- until 06:00 CET (05:00 UTC).  03:00 CET on 1 January is 5 hours into it,
-- and 1 day later is 03:00 CET on Monday 8 January.  The night of Friday
-- 2100-12-31 runs past the end of the years: from 00:00 CET on Saturday
-- 25 December, 2 hours into Friday 24's night, 1 day lands on that end;
-- 3 hours into it, an hour past the end.
SELECT q, try_query(q) AS result FROM (VALUES
  ($$SELECT ticket_sla.is_business_time('1990-01-01 02:00+00', 'Sun 22:00-06:00; tz Europe/Berlin; holidays DE')$$),
  ($$SELECT ticket_sla.is_business_time('1989-12-31 22:59:59+00', 'Sun 22:00-06:00; tz Europe/Berlin; holidays DE')$$),
  ($$SELECT ticket_sla.business_time_between('1989-12-31 23:00+00', '1990-01-01 12:00+00', 'Sun 22:00-06:00; tz Europe/Berlin; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('1990-01-01 02:00+00', '1 day', 'Sun 22:00-06:00; tz Europe/Berlin; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('1990-01-01 02:00+00', '-3 hours', 'Sun 22:00-06:00; tz Europe/Berlin; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('1990-01-01 02:00+00', '-4 hours', 'Sun 22:00-06:00; tz Europe/Berlin; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('2100-12-24 23:00+00', '1 day', 'Fri 22:00-06:00; tz Europe/Berlin; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('2100-12-25 00:00+00', '1 day', 'Fri 22:00-06:00; tz Europe/Berlin; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('2100-12-31 21:00+00', '2 hours', 'Fri 22:00-06:00; tz Europe/Berlin; holidays DE')$$),
  ($$SELECT ticket_sla.business_deadline('2100-12-31 21:00+00', '3 hours', 'Fri 22:00-06:00; tz Europe/Berlin; holidays DE')$$)
) AS v(q);
SELECT * FROM ticket_sla.business_intervals('Sun 22:00-06:00; tz Europe/Berlin; holidays DE', '[1989-12-31 23:00+00, 1990-01-08)');

DROP FUNCTION error_of(text);
DROP FUNCTION try_query(text);
DROP FUNCTION recv_as(regtype, bytea);
