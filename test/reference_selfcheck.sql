-- test/reference_selfcheck.sql: checks the naive reference (reference.sql)
-- against examples worked out by hand, then against its own definitions on
-- random cases.  Prints one row per check, "ok" or "FAIL", and a summary.
--   psql -X -f test/reference_selfcheck.sql
-- Needs no ticket_sla extension.  Times in the expectations carry their UTC
-- offset; the Berlin ones are local (CET +01 in November, CEST +02 in summer).

\set ON_ERROR_STOP 1
\set QUIET 1
\ir reference.sql
SET TimeZone = 'UTC';

-- The calendars, as psql variables holding jsonb text.
SELECT
	-- Mon-Fri 09:00-18:00; tz Europe/Berlin; closed 2026-12-25, 2026-12-26
	ticket_sla_ref.calendar('Europe/Berlin', '09:00-18:00', '{1,2,3,4,5}',
		closed => '{2026-12-25,2026-12-26}') AS berlin,
	-- ... plus open 2026-12-24 09:00-13:00 (a Thursday) and 2026-12-27 10:00-12:00 (a Sunday)
	ticket_sla_ref.calendar('Europe/Berlin', '09:00-18:00', '{1,2,3,4,5}',
		closed => '{2026-12-25,2026-12-26}',
		open => '{"2026-12-24": "09:00-13:00", "2026-12-27": "10:00-12:00"}') AS short_eve,
	-- Mon-Sun 00:00-24:00; tz Europe/Berlin
	ticket_sla_ref.calendar('Europe/Berlin', '00:00-24:00') AS always,
	-- Sun 02:00-04:00; tz Europe/Berlin  (covers both DST changes of 2026)
	ticket_sla_ref.calendar('Europe/Berlin', '02:00-04:00', '{7}') AS night_sun,
	-- Sun 02:30-03:00; tz Europe/Berlin  (wholly inside the spring-forward gap)
	ticket_sla_ref.calendar('Europe/Berlin', '02:30-03:00', '{7}') AS gap_only,
	-- Mon-Fri 22:00-06:00; tz UTC
	ticket_sla_ref.calendar('UTC', '22:00-06:00', '{1,2,3,4,5}') AS nights,
	-- Mon-Fri 22:00-06:00; tz UTC; closed 2026-11-24 (a Tuesday)
	ticket_sla_ref.calendar('UTC', '22:00-06:00', '{1,2,3,4,5}', closed => '{2026-11-24}') AS nights_closed,
	-- Mon 20:00-06:00; Tue 06:00-10:00; tz UTC  (ranges of two dates that touch)
	ticket_sla_ref.calendar('UTC', week => '{"1": "20:00-06:00", "2": "06:00-10:00"}') AS touching
\gset

CREATE TEMP TABLE checks (n serial, name text, got text, want text);

-- got and want are converted to text under the same TimeZone, so equal text
-- means equal values; for intervals it is stricter than "=" on purpose:
-- '24:00:00' must not come back as '1 day'.
INSERT INTO checks (name, got, want)
SELECT name, got::text, want::text FROM (VALUES
	-- The examples of the specification.
	('deadline Fri 14:00 + 2 days',         ticket_sla_ref.deadline(:'berlin', '2026-11-20 14:00+01', '2 days'),         timestamptz '2026-11-24 14:00+01'),
	('deadline Sat 11:00 + 1 day',          ticket_sla_ref.deadline(:'berlin', '2026-11-21 11:00+01', '1 day'),          '2026-11-23 18:00+01'),
	('deadline Fri 18:00 + 1 day',          ticket_sla_ref.deadline(:'berlin', '2026-11-20 18:00+01', '1 day'),          '2026-11-23 18:00+01'),
	('deadline Thu 12-24 10:00 + 1 day',    ticket_sla_ref.deadline(:'berlin', '2026-12-24 10:00+01', '1 day'),          '2026-12-28 10:00+01'),
	('deadline Wed 10:00 + 1 day 2 hours',  ticket_sla_ref.deadline(:'berlin', '2026-11-25 10:00+01', '1 day 2 hours'),  '2026-11-26 12:00+01'),
	('deadline Tue 14:00 - 2 days',         ticket_sla_ref.deadline(:'berlin', '2026-11-24 14:00+01', '-2 days'),        '2026-11-20 14:00+01'),
	('deadline Fri 17:00 + 1 hour',         ticket_sla_ref.deadline(:'berlin', '2026-11-20 17:00+01', '1 hour'),         '2026-11-20 18:00+01'),
	('deadline Fri 17:00 + 2 hours',        ticket_sla_ref.deadline(:'berlin', '2026-11-20 17:00+01', '2 hours'),        '2026-11-23 10:00+01'),
	-- Mon-Fri 09:00-18:00 Berlin, more.
	('deadline Fri 14:00 + 27 hours',       ticket_sla_ref.deadline(:'berlin', '2026-11-20 14:00+01', '27 hours'),       '2026-11-25 14:00+01'),
	('deadline Mon 07:00 + 1 day (B0 = Fri, at its end)',
	                                        ticket_sla_ref.deadline(:'berlin', '2026-11-23 07:00+01', '1 day'),          '2026-11-23 18:00+01'),
	('deadline Fri 09:00 + 1 day (position 0)',
	                                        ticket_sla_ref.deadline(:'berlin', '2026-11-20 09:00+01', '1 day'),          '2026-11-23 09:00+01'),
	('deadline Sat 11:00 - 1 day',          ticket_sla_ref.deadline(:'berlin', '2026-11-21 11:00+01', '-1 day'),         '2026-11-19 18:00+01'),
	('deadline Fri 14:00 + 1 day - 3 hours',ticket_sla_ref.deadline(:'berlin', '2026-11-20 14:00+01', '1 day -3 hours'), '2026-11-23 11:00+01'),
	('deadline Fri 14:00 - 1 day + 5 hours',ticket_sla_ref.deadline(:'berlin', '2026-11-20 14:00+01', '-1 day +5 hours'),'2026-11-20 10:00+01'),
	('deadline Mon 10:00 - 2 hours',        ticket_sla_ref.deadline(:'berlin', '2026-11-23 10:00+01', '-2 hours'),       '2026-11-20 17:00+01'),
	('deadline Mon 10:00 - 1 hour (lands on opening)',
	                                        ticket_sla_ref.deadline(:'berlin', '2026-11-23 10:00+01', '-1 hour'),        '2026-11-23 09:00+01'),
	('deadline Sat 12:00 - 1 hour',         ticket_sla_ref.deadline(:'berlin', '2026-11-21 12:00+01', '-1 hour'),        '2026-11-20 17:00+01'),
	('deadline Sat 11:00 + 0 (returns s)',  ticket_sla_ref.deadline(:'berlin', '2026-11-21 11:00+01', '0'),              '2026-11-21 11:00+01'),
	('deadline Sat 11:00 + 0 days',         ticket_sla_ref.deadline(:'berlin', '2026-11-21 11:00+01', '0 days'),         '2026-11-21 11:00+01'),
	('deadline infinity + 1 day',           ticket_sla_ref.deadline(:'berlin', 'infinity', '1 day'),                     'infinity'),
	('deadline -infinity - 2 hours',        ticket_sla_ref.deadline(:'berlin', '-infinity', '-2 hours'),                 '-infinity'),
	('deadline Mon 12-28 12:00 - 1 day (Christmas closed)',
	                                        ticket_sla_ref.deadline(:'berlin', '2026-12-28 12:00+01', '-1 day'),         '2026-12-24 12:00+01'),
	('next_open Fri 12-25 10:00 (closed)',  ticket_sla_ref.next_open(:'berlin', '2026-12-25 10:00+01'),                  '2026-12-28 09:00+01'),
	('next_open Thu 12-24 18:00 (closing)', ticket_sla_ref.next_open(:'berlin', '2026-12-24 18:00+01'),                  '2026-12-28 09:00+01'),
	('next_open Thu 12-24 10:00 (open)',    ticket_sla_ref.next_open(:'berlin', '2026-12-24 10:00+01'),                  '2026-12-24 10:00+01'),
	-- An "open" date with short hours.
	('short eve: Wed 15:00 + 1 day = its close (p 6h > 4h)',
	                                        ticket_sla_ref.deadline(:'short_eve', '2026-12-23 15:00+01', '1 day'),       '2026-12-24 13:00+01'),
	('short eve: Wed 10:00 + 1 day',        ticket_sla_ref.deadline(:'short_eve', '2026-12-23 10:00+01', '1 day'),       '2026-12-24 10:00+01'),
	('short eve: Thu 12:00 + 1 day = open Sunday close',
	                                        ticket_sla_ref.deadline(:'short_eve', '2026-12-24 12:00+01', '1 day'),       '2026-12-27 12:00+01'),
	('short eve: Thu 12:00 + 2 days',       ticket_sla_ref.deadline(:'short_eve', '2026-12-24 12:00+01', '2 days'),      '2026-12-28 12:00+01'),
	('short eve: Thu 13:00 (its close: counts as its end) + 2 days',
	                                        ticket_sla_ref.deadline(:'short_eve', '2026-12-24 13:00+01', '2 days'),      '2026-12-28 18:00+01'),
	('short eve: Mon 17:00 - 2 days = Thu close',
	                                        ticket_sla_ref.deadline(:'short_eve', '2026-12-28 17:00+01', '-2 days'),     '2026-12-24 13:00+01'),
	('short eve: Sun 10:30 + 1 hour',       ticket_sla_ref.deadline(:'short_eve', '2026-12-27 10:30+01', '1 hour'),      '2026-12-27 11:30+01'),
	('short eve: Thu 12:00 + 2 hours',      ticket_sla_ref.deadline(:'short_eve', '2026-12-24 12:00+01', '2 hours'),     '2026-12-27 11:00+01'),
	-- 24x7 in Berlin across the DST changes.
	('24x7: Sat 03-28 12:00 + 1 day (Sunday has 23 h)',
	                                        ticket_sla_ref.deadline(:'always', '2026-03-28 12:00+01', '1 day'),          '2026-03-29 13:00+02'),
	('24x7: Sat 10-24 12:00 + 1 day (Sunday has 25 h)',
	                                        ticket_sla_ref.deadline(:'always', '2026-10-24 12:00+02', '1 day'),          '2026-10-25 11:00+01'),
	('24x7: Sat 10-24 12:00 + 24 hours',    ticket_sla_ref.deadline(:'always', '2026-10-24 12:00+02', '24 hours'),       '2026-10-25 11:00+01'),
	('24x7: Sun 03-29 12:00 - 1 day',       ticket_sla_ref.deadline(:'always', '2026-03-29 12:00+02', '-1 day'),         '2026-03-28 11:00+01'),
	('24x7: Sun 03-29 12:00 - 24 hours',    ticket_sla_ref.deadline(:'always', '2026-03-29 12:00+02', '-24 hours'),      '2026-03-28 11:00+01'),
	-- Overnight 22:00-06:00 in UTC.
	('nights: Fri 23:00 + 1 day',           ticket_sla_ref.deadline(:'nights', '2026-11-20 23:00Z', '1 day'),            '2026-11-23 23:00Z'),
	('nights: Sat 03:00 + 1 day (B0 = Fri)',ticket_sla_ref.deadline(:'nights', '2026-11-21 03:00Z', '1 day'),            '2026-11-24 03:00Z'),
	('nights: Sat 12:00 + 1 day (at end)',  ticket_sla_ref.deadline(:'nights', '2026-11-21 12:00Z', '1 day'),            '2026-11-24 06:00Z'),
	('nights: Fri 23:00 + 10 hours',        ticket_sla_ref.deadline(:'nights', '2026-11-20 23:00Z', '10 hours'),         '2026-11-24 01:00Z'),
	('nights: Tue 01:00 - 10 hours',        ticket_sla_ref.deadline(:'nights', '2026-11-24 01:00Z', '-10 hours'),        '2026-11-20 23:00Z'),
	('nights: next_open Sat 07:00',         ticket_sla_ref.next_open(:'nights', '2026-11-21 07:00Z'),                    '2026-11-23 22:00Z'),
	('nights closed Tue: Mon 23:00 + 1 day',ticket_sla_ref.deadline(:'nights_closed', '2026-11-23 23:00Z', '1 day'),     '2026-11-25 23:00Z'),
	('touching: next_open Tue 10:00',       ticket_sla_ref.next_open(:'touching', '2026-11-24 10:00Z'),                  '2026-11-30 20:00Z'),
	-- DST: a range starting in the gap / at the ambiguous hour.
	('gap: next_open Sun 03-29 00:00 (02:00 in the gap = 01:00Z)',
	                                        ticket_sla_ref.next_open(:'night_sun', '2026-03-29 00:00+01'),               '2026-03-29 01:00Z'),
	('fall: next_open Sun 10-25 00:00 (ambiguous 02:00 = 02:00 CET)',
	                                        ticket_sla_ref.next_open(:'night_sun', '2026-10-25 00:00+02'),               '2026-10-25 02:00+01')
) v(name, got, want);

SET TimeZone = 'Europe/Berlin';
INSERT INTO checks (name, got, want)
SELECT name, got::text, want::text FROM (VALUES
	('between Fri 17:00 - Mon 10:00',       ticket_sla_ref.time_between(:'berlin', '2026-11-20 17:00+01', '2026-11-23 10:00+01'), interval '02:00:00'),
	('between Mon 10:00 - Fri 17:00 (negative)',
	                                        ticket_sla_ref.time_between(:'berlin', '2026-11-23 10:00+01', '2026-11-20 17:00+01'), '-02:00:00'),
	('between a whole week (no day part)',  ticket_sla_ref.time_between(:'berlin', '2026-11-23 00:00+01', '2026-11-30 00:00+01'), '45:00:00'),
	('between same instant',                ticket_sla_ref.time_between(:'berlin', '2026-11-23 10:00+01', '2026-11-23 10:00+01'), '00:00:00'),
	('between over Christmas (closed Fri)', ticket_sla_ref.time_between(:'berlin', '2026-12-24 17:00+01', '2026-12-28 10:00+01'), '02:00:00'),
	('between microseconds',                ticket_sla_ref.time_between(:'berlin', '2026-11-23 08:59:59.5+01', '2026-11-23 09:00:00.000001+01'), '00:00:00.000001'),
	('short eve: between Thu 12-24',        ticket_sla_ref.time_between(:'short_eve', '2026-12-24 00:00+01', '2026-12-25 00:00+01'), '04:00:00'),
	('24x7: between Sun 03-29 (23 h)',      ticket_sla_ref.time_between(:'always', '2026-03-29 00:00+01', '2026-03-30 00:00+02'), '23:00:00'),
	('24x7: between Sun 10-25 (25 h)',      ticket_sla_ref.time_between(:'always', '2026-10-25 00:00+02', '2026-10-26 00:00+01'), '25:00:00'),
	('24x7: between a week over 10-25',     ticket_sla_ref.time_between(:'always', '2026-10-19 00:00+02', '2026-10-26 00:00+01'), '169:00:00'),
	('gap: Sun 02:00-04:00 on 03-29 is 1 h',ticket_sla_ref.time_between(:'night_sun', '2026-03-29 00:00+01', '2026-03-30 00:00+02'), '01:00:00'),
	('fall: Sun 02:00-04:00 on 10-25 is 2 h (02:00 read as CET)',
	                                        ticket_sla_ref.time_between(:'night_sun', '2026-10-25 00:00+02', '2026-10-26 00:00+01'), '02:00:00'),
	('gap only: 02:30-03:00 on 03-29 is empty',
	                                        ticket_sla_ref.time_between(:'gap_only', '2026-03-29 00:00+01', '2026-03-30 00:00+02'), '00:00:00'),
	('gap only: 02:30-03:00 on 03-22 is 30 min',
	                                        ticket_sla_ref.time_between(:'gap_only', '2026-03-22 00:00+01', '2026-03-23 00:00+01'), '00:30:00'),
	('nights: between Fri 00:00 - Sat 12:00',
	                                        ticket_sla_ref.time_between(:'nights', '2026-11-20 00:00Z', '2026-11-21 12:00Z'), '14:00:00'),
	('nights closed Tue: between Mon - Thu',ticket_sla_ref.time_between(:'nights_closed', '2026-11-23 00:00Z', '2026-11-26 00:00Z'), '10:00:00')
) v(name, got, want);

SET TimeZone = 'UTC';
INSERT INTO checks (name, got, want)
SELECT name, got::text, want::text FROM (VALUES
	('is_open Fri 12-25 10:00 (closed)',    ticket_sla_ref.is_open(:'berlin', '2026-12-25 10:00+01'), false),
	('is_open Thu 12-24 09:00 (opening)',   ticket_sla_ref.is_open(:'berlin', '2026-12-24 09:00+01'), true),
	('is_open Thu 12-24 18:00 (closing)',   ticket_sla_ref.is_open(:'berlin', '2026-12-24 18:00+01'), false),
	('short eve: is_open Thu 12-24 14:00',  ticket_sla_ref.is_open(:'short_eve', '2026-12-24 14:00+01'), false),
	('nights: is_open Sat 05:00 (Friday''s range)', ticket_sla_ref.is_open(:'nights', '2026-11-21 05:00Z'), true),
	('nights: is_open Sat 06:00',           ticket_sla_ref.is_open(:'nights', '2026-11-21 06:00Z'), false),
	('nights: is_open Mon 03:00 (Sunday has none)', ticket_sla_ref.is_open(:'nights', '2026-11-23 03:00Z'), false),
	('nights: is_open Mon 22:00',           ticket_sla_ref.is_open(:'nights', '2026-11-23 22:00Z'), true),
	('nights closed Tue: is_open Tue 03:00 (Monday''s range stays)',
	                                        ticket_sla_ref.is_open(:'nights_closed', '2026-11-24 03:00Z'), true),
	('nights closed Tue: is_open Tue 23:00',ticket_sla_ref.is_open(:'nights_closed', '2026-11-24 23:00Z'), false),
	('fall: is_open 10-25 02:30 CEST (the first 02:30)', ticket_sla_ref.is_open(:'night_sun', '2026-10-25 02:30+02'), false),
	('fall: is_open 10-25 02:30 CET',       ticket_sla_ref.is_open(:'night_sun', '2026-10-25 02:30+01'), true)
) v(name, got, want);

INSERT INTO checks (name, got, want)
SELECT name, (SELECT array_agg(r ORDER BY r) FROM ticket_sla_ref.intervals(cal::jsonb, during) r)::text, want
FROM (VALUES
	('intervals Fri 12:00 - Mon 10:00', :'berlin', tstzrange('2026-11-20 12:00+01', '2026-11-23 10:00+01'),
	 '{"[\"2026-11-20 11:00:00+00\",\"2026-11-20 17:00:00+00\")","[\"2026-11-23 08:00:00+00\",\"2026-11-23 09:00:00+00\")"}'),
	('nights: intervals Fri 00:00 - Mon 23:00', :'nights', tstzrange('2026-11-20 00:00Z', '2026-11-23 23:00Z'),
	 '{"[\"2026-11-20 00:00:00+00\",\"2026-11-20 06:00:00+00\")","[\"2026-11-20 22:00:00+00\",\"2026-11-21 06:00:00+00\")","[\"2026-11-23 22:00:00+00\",\"2026-11-23 23:00:00+00\")"}'),
	('touching: intervals merge Mon 20:00 - Tue 10:00', :'touching', tstzrange('2026-11-23 00:00Z', '2026-11-25 00:00Z'),
	 '{"[\"2026-11-23 20:00:00+00\",\"2026-11-24 10:00:00+00\")"}'),
	('24x7: intervals merge across days and DST', :'always', tstzrange('2026-03-28 00:00+01', '2026-03-31 00:00+02'),
	 '{"[\"2026-03-27 23:00:00+00\",\"2026-03-30 22:00:00+00\")"}'),
	('intervals inclusive bounds kept', :'berlin', tstzrange('2026-11-20 10:00+01', '2026-11-20 12:00+01', '[]'),
	 '{"[\"2026-11-20 09:00:00+00\",\"2026-11-20 11:00:00+00\"]"}'),
	('intervals of an empty range', :'berlin', 'empty'::tstzrange, NULL)
) v(name, cal, during, want);

-- The literals written for the structured calendars.
INSERT INTO checks (name, got, want) VALUES
	('literal of berlin', ticket_sla_ref.to_literal(:'berlin'),
	 'Mon 09:00-18:00; Tue 09:00-18:00; Wed 09:00-18:00; Thu 09:00-18:00; Fri 09:00-18:00; tz Europe/Berlin; closed 2026-12-25, 2026-12-26'),
	('literal of short_eve', ticket_sla_ref.to_literal(:'short_eve'),
	 'Mon 09:00-18:00; Tue 09:00-18:00; Wed 09:00-18:00; Thu 09:00-18:00; Fri 09:00-18:00; tz Europe/Berlin; closed 2026-12-25, 2026-12-26; open 2026-12-24 09:00-13:00; open 2026-12-27 10:00-12:00'),
	('literal of touching', ticket_sla_ref.to_literal(:'touching'), 'Mon 20:00-06:00; Tue 06:00-10:00; tz UTC'),
	('literal of always', ticket_sla_ref.to_literal(:'always'),
	 'Mon 00:00-24:00; Tue 00:00-24:00; Wed 00:00-24:00; Thu 00:00-24:00; Fri 00:00-24:00; Sat 00:00-24:00; Sun 00:00-24:00; tz Europe/Berlin'),
	('literal with seconds and a range ending at midnight',
	 ticket_sla_ref.to_literal('{"tz": "UTC", "week": {"3": [[3661, 7322], [72000, 86400]]}}'), 'Wed 01:01:01-02:02:02,20:00-00:00; tz UTC');

-- The reference against its own definitions, on random cases of the
-- generator (the same ones a differential test would use).
CREATE TEMP TABLE cases AS
SELECT c.*,
       ticket_sla_ref.between_us(c.cal, c.a, c.b) AS between_us,
       ticket_sla_ref.next_open(c.cal, c.a) AS next_open
FROM ticket_sla_ref.random_cases(0.25, 300) c;

INSERT INTO checks (name, got, want)
SELECT name, count(*) FILTER (WHERE NOT good)::text || ' bad of ' || count(*), '0 bad of ' || count(*)
FROM (
	-- a time-only deadline spends exactly the duration, and not 1 us earlier
	SELECT 'random: time-only deadline is exact and earliest' AS name,
	       CASE WHEN t_us > 0 THEN ticket_sla_ref.between_us(cal, a, x) = t_us AND ticket_sla_ref.between_us(cal, a, x - interval '1 microsecond') < t_us
	            WHEN t_us < 0 THEN ticket_sla_ref.between_us(cal, x, a) = -t_us AND ticket_sla_ref.between_us(cal, x + interval '1 microsecond', a) < -t_us
	            ELSE x = a END AS good
	FROM cases, LATERAL (SELECT extract(epoch FROM dur - make_interval(days => extract(day FROM dur)::int)) * 1000000 AS t_us,
	                            ticket_sla_ref.deadline(cal, a, dur - make_interval(days => extract(day FROM dur)::int)) AS x) d
	UNION ALL
	-- between is antisymmetric and additive
	SELECT 'random: between antisymmetric', ticket_sla_ref.between_us(cal, b, a) = -between_us FROM cases
	UNION ALL
	SELECT 'random: between additive at next_open(a)',
	       between_us = ticket_sla_ref.between_us(cal, a, next_open) + ticket_sla_ref.between_us(cal, next_open, b) FROM cases
	UNION ALL
	-- between = total length of the intervals of [a, b)
	SELECT 'random: between = sum of intervals', abs(between_us) = coalesce((SELECT sum(ticket_sla_ref.len_us(r))
	       FROM ticket_sla_ref.intervals(cal, tstzrange(least(a, b), greatest(a, b))) r), 0) FROM cases
	UNION ALL
	-- next_open is open, and nothing between it and a is
	SELECT 'random: next_open is open, nothing open before it',
	       ticket_sla_ref.is_open(cal, next_open) AND ticket_sla_ref.between_us(cal, a, next_open) = 0 FROM cases
	UNION ALL
	-- a day-only deadline lands on a business day's span: between its open and close
	SELECT 'random: day deadline within a business day', EXISTS (
	       SELECT FROM generate_series(-2, 2) i,
	            LATERAL (SELECT ticket_sla_ref.local_date(cal, x) + i AS d) dd
	       WHERE ticket_sla_ref.is_business_day(cal, d)
	         AND x BETWEEN ticket_sla_ref.day_open(cal, d) AND greatest(ticket_sla_ref.day_open(cal, d), ticket_sla_ref.day_close(cal, d)))
	FROM cases, LATERAL (SELECT ticket_sla_ref.deadline(cal, a, make_interval(days => extract(day FROM dur)::int)) AS x) d
	WHERE extract(day FROM dur) <> 0
	UNION ALL
	-- generated calendars keep the rules of the literal: per day sorted,
	-- 0 <= start < 86400, start < end, end <= 86400 or end < start + 86400
	-- (overnight), not touching; and
	-- the literal's text of each day reads back to the same ranges
	SELECT 'random: generated ranges are well formed and round-trip', (
	       SELECT bool_and((r->>0)::int >= 0 AND (r->>0)::int < 86400
	                       AND (r->>1)::int > (r->>0)::int AND (r->>1)::int <= greatest(86400, (r->>0)::int + 86399)
	                       AND (i = 1 OR (r->>0)::int > (day->(i::int - 2)->>1)::int))
	       FROM jsonb_array_elements(day) WITH ORDINALITY x(r, i))
	       AND ticket_sla_ref.day_ranges(ticket_sla_ref.ranges_literal(day)) = day
	FROM cases, LATERAL (SELECT v FROM jsonb_each(cal->'week') w(k, v) UNION ALL SELECT v FROM jsonb_each(cal->'open') o(k, v)) w(day)
	WHERE jsonb_array_length(day) > 0
	UNION ALL
	SELECT 'random: no date both closed and open',
	       NOT EXISTS (SELECT FROM jsonb_array_elements_text(cal->'closed') c WHERE cal->'open' ? c) FROM cases
) t
GROUP BY name;

\unset QUIET
SELECT n, CASE WHEN got IS NOT DISTINCT FROM want THEN 'ok' ELSE 'FAIL' END AS result, name, got, want
FROM checks ORDER BY n;

SELECT count(*) FILTER (WHERE got IS NOT DISTINCT FROM want) AS ok,
       count(*) FILTER (WHERE got IS DISTINCT FROM want) AS failed
FROM checks;
