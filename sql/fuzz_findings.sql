--
-- fuzz_findings: what the fuzzing harnesses (test/fuzz, run by
-- test/fuzz.sh) found, each worked out by hand.  Their inputs are the
-- finding-* files of test/fuzz/corpus/deadline.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS ticket_sla;
RESET client_min_messages;
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
SET TimeZone = 'UTC';

-- 1. A zone with no change of offset after an instant before 2000: the
-- steady stretch ran to "no end", and its length overflowed (zone.c,
-- zone_find_steady; harmless with -fwrapv, undefined behaviour without).
-- 1985-01-01 is a Tuesday, open from midnight; Kathmandu last changed its
-- offset in 1986: a week of office hours in 1990 is 40 hours.
SELECT ticket_sla.business_deadline('1985-01-01 00:00+00', '00:00:00.000001',
                                    'Tue 00:00-00:15; tz UTC') AS one_microsecond,
       ticket_sla.business_time_between('1990-01-01 00:00+00', '1990-01-08 00:00+00',
                                        'Mon-Fri 09:00-17:00; tz Asia/Kathmandu') AS one_week;

-- 2. An overnight range ending at 02:00 on the night the clocks go back in
-- Berlin (2026-10-25, 03:00 CEST -> 02:00 CET): 02:00 is ambiguous and takes
-- the offset after the change, so Saturday's range runs 23 hours (02:00 UTC
-- to 01:00 UTC).  Summing whole dates counted it as 22 (business_time.c,
-- last_date_within took a range ending at the end of a steady stretch).
-- From Saturday 2026-10-10 00:00 UTC to Monday 2026-10-26 00:00 UTC
-- (CEST, UTC+2, until the change):
--   Sat 10th, 17th: 04:00 -> 02:00 next day      2 x 22:00
--   Mon 12th, 19th: 02:00-04:30 and 04:45 -> 02:00  2 x 23:45
--   Thu 15th, 22nd: 03:00-03:15                   2 x 00:15
--   Fri 16th, 23rd: 02:45-24:00                   2 x 21:15
--   Sat 24th: 04:00 CEST -> 02:00 CET                 23:00
--   Mon 26th: opens at 02:00 CET, 01:00 UTC, after the end
-- = 157:30; the pieces before and after the 24th add up to it.
SELECT ticket_sla.business_time_between('2026-10-10 00:00+00', '2026-10-26 00:00+00', cal) AS whole,
       ticket_sla.business_time_between('2026-10-10 00:00+00', '2026-10-24 00:00+00', cal) AS before_24th,
       ticket_sla.business_time_between('2026-10-24 00:00+00', '2026-10-26 00:00+00', cal) AS from_24th
FROM (VALUES ('Mon 02:00-04:30,04:45-02:00; Thu 03:00-03:15; Fri 02:45-24:00; Sat 04:00-02:00; tz Europe/Berlin'::ticket_sla.calendar)) AS t(cal);

-- 3. Samoa skipped 2011-12-30: at its local midnight (10:00 UTC) the offset
-- went from -10 to +14.  The range of the missing day lies in the gap and
-- takes the offset before it: 10:45-11:00 on the 30th is 20:45-21:00 UTC on
-- the 30th, the same span as 10:45-11:00 on the 31st.  Summing whole dates
-- after the 30th counted that span twice (business_time.c, walk_dates: now
-- a range with an end in a gap goes to the walker, which merges spans).
-- From 2011-12-29 20:45 UTC (10:45 on the
-- 29th) to 2012-01-10 00:00 UTC (14:00 on the 10th) the spans are those of
-- the 29th, the 31st and 1st to 10th January: 12 x 15 minutes = 3 hours;
-- so the deadlines 3 hours either way end at the ends of that stretch
-- (11:00 on the 10th is 21:00 UTC on the 9th).
SELECT ticket_sla.business_time_between('2011-12-29 20:45+00', '2012-01-10 00:00+00', cal) AS between,
       ticket_sla.business_deadline('2012-01-10 00:00+00', '-3 hours', cal) AS back,
       ticket_sla.business_deadline('2011-12-29 20:45+00', '3 hours', cal) AS forward
FROM (VALUES ('Mon-Sun 10:45-11:00; tz Pacific/Apia'::ticket_sla.calendar)) AS t(cal);

-- 4. The same gap puts Friday the 30th's 18:30-22:30 at 04:30-08:30 UTC on
-- the 31st, inside Saturday the 31st's 11:30-22:30 (21:30 UTC on the 30th to
-- 08:30 UTC on the 31st): the open time after Thursday 22:58 (08:58:35 UTC
-- on the 30th) starts at 21:30 UTC, and one minute of it ends at 21:31.
-- Going date by date, the walk counted Friday's span first and stopped in
-- it, at 04:31 (business_time.c, walk_dates, as in 3).
SELECT ticket_sla.next_business_time('2011-12-30 08:58:35+00', cal) AS next_open,
       ticket_sla.business_deadline('2011-12-30 08:58:35+00', '1 minute', cal) AS one_minute,
       ticket_sla.business_time_between('2011-12-30 08:58:35+00', '2011-12-31 12:00+00', cal) AS until_noon
FROM (VALUES ('Fri 18:30-22:30; Sat 11:30-22:30; tz Pacific/Apia'::ticket_sla.calendar)) AS t(cal);

-- 5. Thursday the 29th's overnight range 12:30-12:00 ends at noon on the
-- skipped 30th, in the gap: with the offset before it, at 22:00 UTC on the
-- 30th (noon on the 31st), so 01:28:16 on the 31st (11:28:16 UTC on the
-- 30th) is open, with 10:31:44 of the range to go.  A walk from there
-- started at the date before, the missing 30th, and never saw Thursday's
-- range (business_time.c, walk_dates: the ranges of two dates before can
-- reach the start's date across a change of offset).
SELECT ticket_sla.is_business_time('2011-12-30 11:28:16+00', cal) AS open,
       ticket_sla.business_time_between('2011-12-30 11:28:16+00', '2011-12-30 22:00+00', cal) AS to_close,
       ticket_sla.business_deadline('2011-12-30 11:28:16+00', '1 hour', cal) AS one_hour
FROM (VALUES ('Thu 12:30-12:00; tz Pacific/Apia'::ticket_sla.calendar)) AS t(cal);
