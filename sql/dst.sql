--
-- Daylight saving time: business time is real elapsed time, and local
-- times are resolved as PostgreSQL resolves them.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS ticket_sla;
RESET client_min_messages;
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- Europe/Berlin: clocks go forward on 2026-03-29 at 02:00 (CET -> CEST) and
-- back on 2026-10-25 at 03:00 (CEST -> CET).
SET TimeZone = 'Europe/Berlin';

-- A 24-hour calendar has a 23-hour and a 25-hour day.
SELECT d AS day,
       ticket_sla.business_time_between(d::timestamp AT TIME ZONE 'Europe/Berlin',
                                        (d + 1)::timestamp AT TIME ZONE 'Europe/Berlin',
                                        '24x7; tz Europe/Berlin') AS open
FROM (VALUES ('2026-03-28'::date), ('2026-03-29'), ('2026-10-25'), ('2026-10-26')) AS t(d);

-- 24 hours of round-the-clock time from Saturday noon end at 13:00 on the
-- short Sunday; "1 day" keeps the 12 hours of position in the day, which is
-- 13:00 on the short day too, and 11:00 on the long one.
SELECT ticket_sla.business_deadline('2026-03-28 12:00', '24 hours', '24x7; tz Europe/Berlin'),
       ticket_sla.business_deadline('2026-03-28 12:00', '1 day', '24x7; tz Europe/Berlin'),
       ticket_sla.business_deadline('2026-10-24 12:00', '1 day', '24x7; tz Europe/Berlin'),
       ticket_sla.business_deadline('2026-10-24 12:00', '24 hours', '24x7; tz Europe/Berlin');

-- Office hours across the change: Friday 17:00 CET + 2 hours is Monday
-- 10:00 CEST, and back again.
SELECT ticket_sla.business_deadline('2026-03-27 17:00', '2 hours', 'Mon-Fri 09:00-18:00; tz Europe/Berlin'),
       ticket_sla.business_deadline('2026-03-30 10:00', '-2 hours', 'Mon-Fri 09:00-18:00; tz Europe/Berlin'),
       ticket_sla.business_time_between('2026-03-27 17:00', '2026-03-30 10:00', 'Mon-Fri 09:00-18:00; tz Europe/Berlin'),
       ticket_sla.business_deadline('2026-10-23 17:00', '2 hours', 'Mon-Fri 09:00-18:00; tz Europe/Berlin');

-- A night shift that spans the change is 7 hours long in spring and 9 in
-- autumn.
SELECT ticket_sla.business_time_between('2026-03-28 12:00', '2026-03-29 12:00', 'Sat 22:00-06:00; tz Europe/Berlin') AS spring,
       ticket_sla.business_time_between('2026-10-24 12:00', '2026-10-25 12:00', 'Sat 22:00-06:00; tz Europe/Berlin') AS autumn;
SELECT ticket_sla.business_intervals('Sat 22:00-06:00; tz Europe/Berlin', '[2026-03-28, 2026-03-30)');

-- A range that starts in the spring-forward gap: 02:30 does not exist on
-- 2026-03-29 and, as in PostgreSQL, takes the offset before the change
-- (01:30 UTC, shown as 03:30 CEST).  An ambiguous autumn time takes the
-- offset after the change.
SELECT '2026-03-29 02:30'::timestamp AT TIME ZONE 'Europe/Berlin' AS postgres_says;
SELECT ticket_sla.business_intervals('Sun 02:30-04:00; tz Europe/Berlin', '[2026-03-29, 2026-03-30)');
SELECT '2026-10-25 02:30'::timestamp AT TIME ZONE 'Europe/Berlin' AS postgres_says;
SELECT ticket_sla.business_intervals('Sun 02:30-03:30; tz Europe/Berlin', '[2026-10-25, 2026-10-26)');

-- America/New_York: forward on 2026-03-08, back on 2026-11-01.
SET TimeZone = 'America/New_York';
SELECT d AS day,
       ticket_sla.business_time_between(d::timestamp AT TIME ZONE 'America/New_York',
                                        (d + 1)::timestamp AT TIME ZONE 'America/New_York',
                                        '24x7; tz America/New_York') AS open
FROM (VALUES ('2026-03-08'::date), ('2026-11-01')) AS t(d);
SELECT ticket_sla.business_deadline('2026-03-06 16:00', '2 hours', 'Mon-Fri 09:00-17:00; tz America/New_York') AS spring,
       ticket_sla.business_deadline('2026-10-30 16:00', '2 hours', 'Mon-Fri 09:00-17:00; tz America/New_York') AS autumn,
       ticket_sla.business_deadline('2026-03-06 16:00', '1 day', 'Mon-Fri 09:00-17:00; tz America/New_York') AS one_day;
SET TimeZone = 'UTC';
SELECT ticket_sla.business_deadline('2026-03-06 21:00+00', '2 hours', 'Mon-Fri 09:00-17:00; tz America/New_York') AS spring_utc;

-- GMT is not Europe/London: in July the UK office opens at 08:00 UTC.
SELECT c AS calendar,
       ticket_sla.is_business_time('2026-07-06 08:30+00', c) AS open_0830_utc,
       ticket_sla.business_deadline('2026-07-06 08:30+00', '1 hour', c) AS deadline
FROM (VALUES ('Mon-Fri 09:00-18:00; tz GMT'::ticket_sla.calendar),
             ('Mon-Fri 09:00-18:00; tz Europe/London')) AS t(c);

-- Weeks skipped arithmetically must still see the changes of offset: 30
-- weeks of 45 hours from January in Berlin end on a Friday at 18:00 local
-- time in summer (CEST), and the round trip comes back.
SET TimeZone = 'Europe/Berlin';
SELECT ticket_sla.business_deadline('2026-01-05 09:00', '1350 hours', 'Mon-Fri 09:00-18:00; tz Europe/Berlin'),
       ticket_sla.business_deadline('2026-07-31 18:00', '-1350 hours', 'Mon-Fri 09:00-18:00; tz Europe/Berlin'),
       ticket_sla.business_time_between('2026-01-05 09:00', '2026-07-31 18:00', 'Mon-Fri 09:00-18:00; tz Europe/Berlin');
