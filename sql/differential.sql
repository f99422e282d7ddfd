--
-- The C engine against a deliberately naive reference (test/fixtures/reference.sql:
-- PL/pgSQL that walks date by date over PostgreSQL's own time zone
-- conversion and multiranges, reading calendars as structured data, not as
-- literals) on thousands of random calendars, instants and durations.
-- Every query below lists the cases where the two disagree: none.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS ticket_sla;
RESET client_min_messages;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
\set ECHO none
\i test/fixtures/reference.sql
\set ECHO all

CREATE TEMP TABLE cases AS
SELECT c.*, c.literal::ticket_sla.calendar AS calendar
FROM ticket_sla_ref.random_cases(0.42, 3000) AS c;

-- Holidays by rule: every fifth case again (numbered from 100000 on), its
-- calendar with the holidays of a region, the regions taken in turn; the
-- reference reads the same calendar with that region's holidays, as
-- ticket_sla.holidays lists them, among its closed dates, except the dates
-- the calendar opens itself.
INSERT INTO cases
SELECT 100000 + c.case_no,
       jsonb_set(c.cal, '{closed}',
                 (SELECT jsonb_agg(d ORDER BY d)
                  FROM (SELECT jsonb_array_elements_text(c.cal->'closed')
                        UNION
                        SELECT ticket_sla_ref.date_key(h.day)
                        FROM ticket_sla.holidays(r.region, 2016, 2036) AS h
                        WHERE NOT c.cal->'open' ? ticket_sla_ref.date_key(h.day)) AS u(d))),
       c.literal || '; holidays ' || r.region,
       c.a, c.b, c.dur, c.during,
       (c.literal || '; holidays ' || r.region)::ticket_sla.calendar
FROM cases AS c,
     LATERAL (SELECT (ARRAY['DE', 'DE-BW', 'DE-BY', 'DE-BE', 'DE-BB', 'DE-HB', 'DE-HH', 'DE-HE',
                            'DE-MV', 'DE-NI', 'DE-NW', 'DE-RP', 'DE-SL', 'DE-SN', 'DE-ST', 'DE-SH',
                            'DE-TH', 'AT', 'CH', 'NL', 'GB-ENG', 'GB-SCT', 'GB-NIR', 'US', 'IL']
                     )[1 + c.case_no / 5 % 25] AS region) AS r
WHERE c.case_no % 5 = 0;

-- how varied the cases are
SELECT count(*) AS cases,
       count(DISTINCT cal->>'tz') AS zones,
       count(*) FILTER (WHERE literal LIKE '%holidays%') AS with_holidays,
       count(*) FILTER (WHERE literal LIKE '%closed%') AS with_closed_dates,
       count(*) FILTER (WHERE literal LIKE '%open%') AS with_open_dates,
       count(*) FILTER (WHERE extract(day FROM dur) <> 0) AS with_days,
       count(*) FILTER (WHERE dur < interval '0') AS negative
FROM cases;

-- the literal the reference writes reads back as the calendar it means
SELECT case_no, literal, calendar FROM cases
WHERE calendar::text::ticket_sla.calendar OPERATOR(ticket_sla.<>) calendar LIMIT 5;

SELECT case_no, literal, a, dur,
       ticket_sla.business_deadline(a, dur, calendar) AS engine,
       ticket_sla_ref.deadline(cal, a, dur) AS reference
FROM cases
WHERE ticket_sla.business_deadline(a, dur, calendar) IS DISTINCT FROM ticket_sla_ref.deadline(cal, a, dur)
LIMIT 10;

SELECT case_no, literal, a, b,
       ticket_sla.business_time_between(a, b, calendar) AS engine,
       ticket_sla_ref.time_between(cal, a, b) AS reference
FROM cases
WHERE ticket_sla.business_time_between(a, b, calendar) IS DISTINCT FROM ticket_sla_ref.time_between(cal, a, b)
LIMIT 10;

SELECT case_no, literal, a
FROM cases
WHERE ticket_sla.is_business_time(a, calendar) IS DISTINCT FROM ticket_sla_ref.is_open(cal, a)
   OR ticket_sla.next_business_time(a, calendar) IS DISTINCT FROM ticket_sla_ref.next_open(cal, a)
LIMIT 10;

SELECT case_no, literal, during
FROM cases
WHERE ARRAY(SELECT ticket_sla.business_intervals(calendar, during))
      IS DISTINCT FROM ARRAY(SELECT ticket_sla_ref.intervals(cal, during))
LIMIT 10;

-- Identities.  From an open instant, the deadline of d is exactly d of
-- business time away, and going back by d returns to the start.
SELECT case_no, literal, a, dur
FROM cases, LATERAL (SELECT abs(extract(epoch FROM dur)) * interval '1 second' AS d) AS d1
WHERE ticket_sla.is_business_time(a, calendar)
  AND (ticket_sla.business_time_between(a, ticket_sla.business_deadline(a, d1.d, calendar), calendar) <> d1.d
       OR ticket_sla.business_deadline(ticket_sla.business_deadline(a, d1.d, calendar), -d1.d, calendar) <> a)
LIMIT 10;

-- Antisymmetry, and agreement between the measuring functions (over the
-- span of a non-empty range, as [lower, upper)).
SELECT case_no, literal, a, b
FROM cases LEFT JOIN LATERAL (SELECT tstzrange(lower(during), upper(during)) AS span
                              WHERE NOT isempty(during)) AS s ON true
WHERE ticket_sla.business_time_between(a, b, calendar) <> -ticket_sla.business_time_between(b, a, calendar)
   OR ticket_sla.business_time_between(lower(span), upper(span), calendar) <>
      coalesce((SELECT sum(upper(r) - lower(r)) FROM ticket_sla.business_intervals(calendar, span) AS r), '0')
LIMIT 10;

-- Contracts over the same calendars: the targets, pauses and escalation
-- steps of the contract functions against the reference's arithmetic.  For
-- the first 400 cases with open time: a resolution target of m business
-- minutes, paused for p business minutes, a ladder of k business minutes
-- then j minutes on the clock, read at b; from the duration's minutes.
CREATE TEMP TABLE contract_cases AS
SELECT c.*, format('hours (%s); warn at 50%%; critical: resolve within %s business minutes, '
				   'escalate after %s business minutes to "A", escalate after %s minutes to "B"',
				   literal, m, k, j)::ticket_sla.contract AS contract,
	   p * interval '1 minute' AS paused
FROM (SELECT *, 1 + abs(extract(epoch FROM dur)::bigint / 60) % 3000 AS m,
			 abs(extract(epoch FROM dur)::bigint / 60) % 700 AS p,
			 1 + abs(extract(epoch FROM dur)::bigint / 60) % 900 AS k,
			 1 + case_no % 600 AS j
	  FROM cases
	  WHERE EXISTS (SELECT FROM ticket_sla.business_intervals(calendar, tstzrange(a, a + interval '30 days')))
	  ORDER BY case_no LIMIT 400) AS c;
SELECT count(*) AS contract_cases, count(*) FILTER (WHERE paused > interval '0') AS paused
FROM contract_cases;

SELECT case_no, literal, a, b, m, paused, r.*
FROM contract_cases,
	 LATERAL ticket_sla.resolution_progress(a, 'critical', contract, paused, '0', b, false) AS r,
	 LATERAL (SELECT ticket_sla_ref.deadline(cal, a, m * interval '1 minute') AS unpaused) AS u
WHERE r.due IS DISTINCT FROM
	  CASE WHEN paused = '0' THEN u.unpaused ELSE ticket_sla_ref.deadline(cal, u.unpaused, paused) END
   OR r.target IS DISTINCT FROM ticket_sla_ref.time_between(cal, a, u.unpaused)
   OR r.used IS DISTINCT FROM ticket_sla_ref.time_between(cal, a, greatest(a, b)) - paused
   OR r.remaining IS DISTINCT FROM r.target - r.used
   OR r.state IS DISTINCT FROM CASE WHEN b > r.due THEN 'breached'
									WHEN r.used * 2 >= r.target THEN 'at risk' ELSE 'on track' END
LIMIT 10;

SELECT case_no, literal, a, b, k, j
FROM contract_cases,
	 LATERAL (SELECT ticket_sla_ref.deadline(cal, a, k * interval '1 minute') AS step1,
					 a + j * interval '1 minute' AS step2) AS want
WHERE ARRAY(SELECT due FROM ticket_sla.escalation_steps(a, 'critical', contract) ORDER BY step)
	  IS DISTINCT FROM ARRAY[want.step1, want.step2]
   OR (ticket_sla.escalation_due(a, 'critical', contract, b)).step IS DISTINCT FROM
	  CASE WHEN want.step1 > b THEN 0 WHEN want.step2 > b THEN 1 ELSE 2 END
   OR ticket_sla.plan_time_between(a, b, contract) IS DISTINCT FROM ticket_sla_ref.time_between(cal, a, b)
LIMIT 10;
