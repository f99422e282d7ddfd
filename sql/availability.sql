--
-- Service availability (0.6): the view availability, per customer x
-- service x month, and quarterly_report's availability rows.  Every figure
-- below is worked out by hand in the comment before it (minutes; a
-- month's budget is (minutes - maintenance) x (100 - target) / 100).  The
-- plans' months are in Europe/London: GMT (UTC+0) until 29 March 2026
-- 01:00 UTC, BST (UTC+1) until 25 October 2026 01:00 UTC.  Then the view
-- against a minute-by-minute reference on random outages and windows,
-- the refusals, and the doors.
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
\i test/fixtures/io_helpers.sql

-- backdate_terms(contract, at): the contract's latest version of its terms
-- (and its localizations) in force from AT, as if written then (the
-- trigger stamps now(); the months tested lie in the past)
CREATE PROCEDURE backdate_terms(contract integer, at timestamptz) LANGUAGE plpgsql AS $$
DECLARE
	latest integer := (SELECT max(terms_id) FROM ticket_sla.contract_terms
					   WHERE contract_id = contract AND localizes IS NULL);
BEGIN
	PERFORM set_config('session_replication_role', 'replica', true);
	UPDATE ticket_sla.contract_terms SET in_force_from = at
	WHERE terms_id = latest OR localizes = latest;
	PERFORM set_config('session_replication_role', 'origin', true);
END $$;

-- London: 99.5 % a month, maintenance announced 5 (24-hour) days ahead;
-- Council: 99.9 %, 2 business days ahead under London office hours
INSERT INTO ticket_sla.contracts (name, terms) VALUES
('London', 'plan "London"; hours (Mon-Fri 09:00-18:00; tz Europe/London);
  availability 99.5% per month, maintenance announced 5 days ahead;
  critical: respond within 1 business hour'),
('Council', 'plan "Council"; hours (Mon-Fri 09:00-18:00; tz Europe/London);
  availability 99.9% per month, maintenance announced 2 business days ahead'),
('No target', 'plan "No target"; critical: respond within 1 hour');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES
('Borough', 1), ('County', 2), ('Random Ltd', 1), ('Untargeted', 3);
INSERT INTO ticket_sla.services (name, description) VALUES
('Portal', 'The web portal'), ('API', 'The REST API'), ('Random', 'For the reference test');
-- each contract's first version is in force from December 2025: every month
-- of 2026 is under it, until London's second version below
CALL backdate_terms(1, '2025-12-01 00:00+00');
CALL backdate_terms(2, '2025-12-01 00:00+00');
CALL backdate_terms(3, '2025-12-01 00:00+00');
INSERT INTO ticket_sla.customer_services (customer_id, service_id, since) VALUES
(1, 1, '2026-01-01 00:00+00'),
(1, 2, '2026-03-15 12:00+00'),
(2, 1, '2026-09-30 23:00+00'),
(3, 3, '2026-01-01 00:00+00'),
(4, 1, '2026-01-01 00:00+00');

-- the outages and windows of the hand-worked months
INSERT INTO ticket_sla.outages (service_id, during, customers, note) VALUES
-- across the January/February boundary (GMT): 30 min in January, 45 in February
(1, '[2026-01-31 23:30+00, 2026-02-01 00:45+00)', NULL, 'boundary'),
-- three overlapping: 10:00-12:00 is down, 120 min, counted once
(1, '[2026-02-10 10:00+00, 2026-02-10 11:00+00)', NULL, 'overlap a'),
(1, '[2026-02-10 10:30+00, 2026-02-10 12:00+00)', NULL, 'overlap b'),
(1, '[2026-02-10 10:45+00, 2026-02-10 11:15+00)', NULL, 'overlap c'),
-- inside the window of 20 February 02:00-04:00: 0 min; half out: 30 min
(1, '[2026-02-20 03:00+00, 2026-02-20 03:30+00)', NULL, 'in window'),
(1, '[2026-02-20 03:30+00, 2026-02-20 04:30+00)', NULL, 'half in window'),
-- County's alone: Borough does not count it
(1, '[2026-02-12 08:00+00, 2026-02-12 20:00+00)', '{2}', 'County only'),
-- across the end of March in London time (1 April 00:00 BST = 31 March
-- 23:00 UTC): 30 min in March, 30 in April
(1, '[2026-03-31 22:30+00, 2026-03-31 23:30+00)', NULL, 'boundary BST'),
-- on the night the clocks go back (25 October, 01:00 UTC): 60 real minutes
(1, '[2026-10-25 00:30+00, 2026-10-25 01:30+00)', NULL, 'clocks back');
INSERT INTO ticket_sla.maintenance_windows (service_id, during, announced_at, customers, note) VALUES
-- announced 19 days ahead: planned, 120 min
(1, '[2026-02-20 02:00+00, 2026-02-20 04:00+00)', '2026-02-01 00:00+00', NULL, 'in time'),
-- announced 3 days ahead of 5: downtime, 60 min
(1, '[2026-02-25 01:00+00, 2026-02-25 02:00+00)', '2026-02-22 01:00+00', NULL, 'late'),
-- announced exactly 5 days ahead: planned, 60 min
(1, '[2026-03-10 02:00+00, 2026-03-10 03:00+00)', '2026-03-05 02:00+00', NULL, 'just in time'),
-- County, 2 business days: announced Thursday 8 October 11:00 BST, due
-- Monday 12 October 11:00 BST, the window starts Monday 03:00 BST: late
(1, '[2026-10-12 02:00+00, 2026-10-12 03:00+00)', '2026-10-08 10:00+00', '{2}', 'late in business days'),
-- announced Wednesday 14 October 11:00 BST, due Friday 16 October 11:00
-- BST, before the window of Monday 19 October 03:00 BST: planned
(1, '[2026-10-19 02:00+00, 2026-10-19 03:00+00)', '2026-10-14 10:00+00', '{2}', 'in business days');

-- The notice under each plan
SELECT ticket_sla.maintenance_from('2026-10-08 10:00+00', terms) AS thursday,
	   ticket_sla.maintenance_from('2026-10-14 10:00+00', terms) AS wednesday,
	   ticket_sla.maintenance_notice(terms), ticket_sla.availability_target(terms)
FROM ticket_sla.contracts ORDER BY contract_id;

-- Borough's portal, January to April 2026:
-- January, 31 days = 44640 min: down 30 (the boundary's first half);
--   budget 44640 x 0.005 = 223.2, margin 193.2; 100 x 44610 / 44640 =
--   99.93279..., 99.932; met
-- February, 28 days = 40320 min: down 45 (boundary) + 120 (overlaps) + 0
--   (in the window) + 30 (half out) + 60 (late window) = 255; maintenance
--   120; budget 40200 x 0.005 = 201, margin -54; 100 x 39945 / 40200 =
--   99.36567..., 99.365; breached
-- March, GMT to BST: 743 hours = 44580 min (from 1 March 00:00 UTC to 31
--   March 23:00 UTC); down 30; maintenance 60 (announced just in time);
--   budget 44520 x 0.005 = 222.6, margin 192.6; 100 x 44490 / 44520 =
--   99.93261..., 99.932; met
-- April, 30 days = 43200 min: down 30; budget 216, margin 186;
--   100 x 43170 / 43200 = 99.93055..., 99.930; met
SELECT month, time_zone, counted_from, counted_until, minutes, minutes_down, minutes_maintenance,
	   availability_pct, target_pct, met, margin_minutes, complete
FROM ticket_sla.availability
WHERE customer_id = 1 AND service = 'Portal' AND month < '2026-05-01'
ORDER BY month;

-- October 2026, BST to GMT: 745 hours = 44700 min (30 September 23:00 UTC
-- to 1 November 00:00 UTC).
-- Borough: down 60 (the night the clocks went back); budget 223.5, margin
--   163.5; 100 x 44640 / 44700 = 99.86577..., 99.865; met
-- County (subscribed from 1 October 00:00 BST): down 60 (that night) + 60
--   (the window announced late in business days) = 120; maintenance 60;
--   budget 44640 x 0.001 = 44.64, margin -75.36; 100 x 44520 / 44640 =
--   99.73118..., 99.731; breached
SELECT organisation, month, minutes, minutes_down, minutes_maintenance, availability_pct,
	   target_pct, met, margin_minutes
FROM ticket_sla.availability
WHERE service = 'Portal' AND month = '2026-10-01'
ORDER BY customer_id;

-- A subscription from the middle of a month counts from its start:
-- Borough's API from 15 March 12:00 UTC to 31 March 23:00 UTC = 16 days
-- 11 hours = 23700 min, no outage: 100 %, budget 118.5
SELECT month, counted_from, minutes, minutes_down, availability_pct, met, margin_minutes
FROM ticket_sla.availability
WHERE customer_id = 1 AND service = 'API' AND month <= '2026-04-01'
ORDER BY month;

-- No row for a plan without a target, none for County before October
SELECT count(*) FILTER (WHERE customer_id = 4) AS untargeted,
	   count(*) FILTER (WHERE customer_id = 2 AND month < '2026-10-01') AS county_before
FROM ticket_sla.availability;

-- The quarter: Borough's portal in 2026-Q1, 44640 + 40320 + 44580 =
-- 129540 min, maintenance 120 + 60 = 180, down 30 + 255 + 30 = 315:
-- 100 x 129045 / 129360 = 99.75649..., 99.756, one month breached; its
-- API (March only), 100 %
SELECT section, service, availability_pct, availability_target, minutes_down,
	   minutes_maintenance, months_breached
FROM ticket_sla.quarterly_report(1, '2026-Q1')
WHERE section = 'availability';

-- The terms of the month: London's second version (99.9 %), in force from
-- 15 April, governs the months begun after it; April keeps 99.5 %
UPDATE ticket_sla.contracts SET terms = 'plan "London"; hours (Mon-Fri 09:00-18:00; tz Europe/London);
  availability 99.9% per month, maintenance announced 5 days ahead;
  critical: respond within 1 business hour' WHERE contract_id = 1;
CALL backdate_terms(1, '2026-04-15 00:00+00');
-- April: down 30, budget 43200 x 0.005 = 216; May, 31 days: nothing down,
-- budget 44640 x 0.001 = 44.64
SELECT month, terms_id, target_pct, minutes_down, met, margin_minutes
FROM ticket_sla.availability
WHERE customer_id = 1 AND service = 'Portal' AND month IN ('2026-04-01', '2026-05-01')
ORDER BY month;

-- The zone of a calendar, as stored (canonical); UTC when none is named
SELECT ticket_sla.time_zone('Mon-Fri 09:00-18:00; tz europe/london') AS london,
	   ticket_sla.time_zone('24x7') AS none_named,
	   ticket_sla.time_zone('Mon-Fri 09:00-17:00; tz GMT; holidays GB-ENG') AS gmt;

-- A version of the terms that moves the months to another zone cuts the
-- month of the change where the new zone's months begin, so that every
-- instant is counted once.  County (portal from 30 September 23:00 UTC, 1
-- October in London) gets Council's second version in Asia/Tokyo, in
-- force from 15 October: Tokyo's months begin on 1 November 00:00 JST =
-- 31 October 15:00 UTC, so London's October stops there: 30 days 16 hours
-- = 44160 min (not 745 h).  The third, in America/New_York from 10
-- November: New York's months begin on 1 December 00:00 EST = 1 December
-- 05:00 UTC; Tokyo's November is whole (43200 min) and a piece of Tokyo's
-- December, 30 November 15:00 to 1 December 05:00 UTC, 14 h = 840 min, is
-- still Tokyo's.  New York's December runs to 1 January 05:00 UTC, 44640
-- min.  The rows add up to 30 September 23:00 to 1 January 05:00 UTC: 92
-- days 6 hours = 132840 min, each instant once.
UPDATE ticket_sla.contracts SET terms = 'plan "Council"; hours (Mon-Fri 09:00-18:00; tz Asia/Tokyo);
  availability 99.9% per month, maintenance announced 2 business days ahead' WHERE contract_id = 2;
CALL backdate_terms(2, '2026-10-15 00:00+00');
UPDATE ticket_sla.contracts SET terms = 'plan "Council"; hours (Mon-Fri 09:00-18:00; tz America/New_York);
  availability 99.9% per month, maintenance announced 2 business days ahead' WHERE contract_id = 2;
CALL backdate_terms(2, '2026-11-10 00:00+00');
SELECT month, time_zone, counted_from, counted_until, minutes
FROM ticket_sla.availability
WHERE customer_id = 2 AND month < '2027-01-01' ORDER BY counted_from;
SELECT sum(minutes) AS minutes, min(counted_from) AS counted_from, max(counted_until) AS counted_until
FROM ticket_sla.availability WHERE customer_id = 2 AND month < '2027-01-01';

-- The running month (this one, in London): not met until it is over, but
-- breached as soon as its budget is spent.  Borough's portal has had no
-- outage this month: met NULL, 100 %.  An outage still open, begun an
-- hour ago or at the month's start (whichever is later), under a target
-- of 100 % (no budget): breached at once.
SELECT met, complete, minutes_down, availability_pct
FROM ticket_sla.availability
WHERE customer_id = 1 AND service = 'Portal'
  AND month = date_trunc('month', now() AT TIME ZONE 'Europe/London')::date;
INSERT INTO ticket_sla.contracts (name, terms) VALUES ('Perfect', 'availability 100% per month');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('Perfectionist', 4);
INSERT INTO ticket_sla.services (name) VALUES ('Live');
INSERT INTO ticket_sla.customer_services (customer_id, service_id, since)
VALUES (5, 4, date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC');
INSERT INTO ticket_sla.outages (service_id, during)
VALUES (4, tstzrange(greatest(now() - interval '1 hour',
							  date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), NULL));
SELECT time_zone, met, complete, minutes_down > 0 AS down, margin_minutes < 0 AS over_budget
FROM ticket_sla.availability WHERE customer_id = 5;

-- The reference: random outages and windows on the service Random (Random
-- Ltd alone takes it), in minutes, from 20 February to 10 May 2026, some
-- for other customers; each minute of February to April (in London) is
-- down when an outage or a late window covers it and no window announced
-- in time does, maintenance when one announced in time covers it.
SELECT setseed(0.2026);
INSERT INTO ticket_sla.outages (service_id, during, customers)
SELECT 3, tstzrange(s, s + (1 + floor(random() * 900)) * interval '1 minute'),
	   CASE WHEN random() < 0.2 THEN '{1}'::integer[] WHEN random() < 0.2 THEN '{3,1}' END
FROM (SELECT '2026-02-20 00:00+00'::timestamptz + floor(random() * 79 * 1440) * interval '1 minute' AS s
	  FROM generate_series(1, 80)) AS x;
INSERT INTO ticket_sla.maintenance_windows (service_id, during, announced_at, customers)
SELECT 3, tstzrange(s, s + (1 + floor(random() * 600)) * interval '1 minute'),
	   s - floor(random() * 10 * 1440) * interval '1 minute',
	   CASE WHEN random() < 0.2 THEN '{1}'::integer[] END
FROM (SELECT '2026-02-20 00:00+00'::timestamptz + floor(random() * 79 * 1440) * interval '1 minute' AS s
	  FROM generate_series(1, 25)) AS x;
WITH minutes AS (
	SELECT date_trunc('month', m AT TIME ZONE 'Europe/London')::date AS month, m
	FROM generate_series('2026-02-01 00:00+00'::timestamptz, '2026-04-30 22:59+00', interval '1 minute') AS m
), marked AS (
	SELECT mi.month,
		   EXISTS (SELECT FROM ticket_sla.maintenance_windows w
				   WHERE w.service_id = 3 AND (w.customers IS NULL OR 3 = ANY (w.customers))
					 AND w.during @> mi.m AND w.announced_at + interval '5 days' <= lower(w.during)) AS planned,
		   EXISTS (SELECT FROM ticket_sla.outages o
				   WHERE o.service_id = 3 AND (o.customers IS NULL OR 3 = ANY (o.customers))
					 AND o.during @> mi.m)
		   OR EXISTS (SELECT FROM ticket_sla.maintenance_windows w
					  WHERE w.service_id = 3 AND (w.customers IS NULL OR 3 = ANY (w.customers))
						AND w.during @> mi.m AND w.announced_at + interval '5 days' > lower(w.during)) AS out
	FROM minutes mi
), reference AS (
	SELECT month, count(*) AS minutes, count(*) FILTER (WHERE planned) AS maintenance,
		   count(*) FILTER (WHERE out AND NOT planned) AS down
	FROM marked GROUP BY month
)
SELECT count(*) AS months,
	   count(*) FILTER (WHERE r.minutes = a.minutes AND r.maintenance = a.minutes_maintenance
						AND r.down = a.minutes_down) AS agree,
	   bool_and(r.down > 0 AND r.maintenance > 0) AS each_with_both,
	   count(*) FILTER (WHERE a.met IS NOT NULL) AS judged
FROM reference r
JOIN ticket_sla.availability a ON a.month = r.month AND a.customer_id = 3 AND a.service_id = 3;

-- A plan with local hours counts months in the customer's own zone, and a
-- plan without a notice excludes no maintenance: every window is downtime.
-- Gotham (America/New_York) takes the portal from 1 January 00:00 EST.
-- January (05:00 UTC to 05:00 UTC) = 44640 min: the boundary outage, 23:30
--   to 00:45 UTC, lies in New York's January whole: 75 down; 100 x 44565 /
--   44640 = 99.83198..., 99.831; budget 446.4, margin 371.4
-- February = 40320 min: the overlaps 120, the window of 20 February with
--   the outages in and after it (02:00-04:30 UTC) 150, the late window 60:
--   330 down (the County-only outage not counted); 100 x 39990 / 40320 =
--   99.18154..., 99.181; budget 403.2, margin 73.2
-- March (EST to EDT on 8 March: 1 March 05:00 UTC to 1 April 04:00 UTC) =
--   44580 min: the window of 10 March 60, and the outage of 31 March
--   22:30-23:30 UTC (18:30 EDT) 60: 120 down; 100 x 44460 / 44580 =
--   99.73082..., 99.730; budget 445.8, margin 325.8
INSERT INTO ticket_sla.contracts (name, terms) VALUES
('Local', 'hours (Mon-Fri 09:00-17:00; tz Europe/London); local hours; availability 99% per month');
INSERT INTO ticket_sla.customers (organisation, contract_id, time_zone) VALUES ('Gotham', 5, 'America/New_York');
INSERT INTO ticket_sla.customer_services (customer_id, service_id, since) VALUES (6, 1, '2026-01-01 05:00+00');
CALL backdate_terms(5, '2025-12-01 00:00+00');
SELECT month, time_zone, counted_from, counted_until, minutes, minutes_down, minutes_maintenance,
	   availability_pct, met, margin_minutes
FROM ticket_sla.availability WHERE customer_id = 6 AND month < '2026-04-01' ORDER BY month;

-- Refused: periods without start or end, outages and announcements in the
-- future, customers or a ticket that do not exist (22023, naming them)
SELECT error_of($$INSERT INTO ticket_sla.outages (service_id, during) VALUES (1, 'empty')$$);
SELECT error_of($$INSERT INTO ticket_sla.outages (service_id, during) VALUES (1, '(,2026-01-01 00:00+00)')$$);
SELECT error_of($$INSERT INTO ticket_sla.maintenance_windows (service_id, during, announced_at)
	VALUES (1, '[2026-01-05 00:00+00,)', '2026-01-01 00:00+00')$$);
SELECT regexp_replace(error_of($$INSERT INTO ticket_sla.outages (service_id, during)
	VALUES (1, tstzrange(now() + interval '1 hour', NULL))$$), '"[^"]*"|\(now is [^)]*\)', '...', 'g');
SELECT regexp_replace(error_of($$INSERT INTO ticket_sla.outages (service_id, during)
	VALUES (1, tstzrange(now() - interval '1 hour', now() + interval '1 hour'))$$), '"[^"]*"|\(now is [^)]*\)', '...', 'g');
SELECT regexp_replace(error_of($$INSERT INTO ticket_sla.maintenance_windows (service_id, during, announced_at)
	VALUES (1, tstzrange(now() + interval '9 days', now() + interval '10 days'), now() + interval '1 day')$$),
	'at [0-9][^(]*\(now is [^)]*\)', 'at ...', 'g');
SELECT error_of($$INSERT INTO ticket_sla.outages (service_id, during, customers)
	VALUES (1, '[2026-01-05 00:00+00,2026-01-05 01:00+00)', '{2,99,NULL}')$$);
SELECT error_of($$INSERT INTO ticket_sla.maintenance_windows (service_id, during, announced_at, customers)
	VALUES (1, '[2026-01-05 00:00+00,2026-01-05 01:00+00)', '2026-01-01 00:00+00', '{}')$$);
SELECT error_of($$INSERT INTO ticket_sla.outages (service_id, during, ticket_id)
	VALUES (1, '[2026-01-05 00:00+00,2026-01-05 01:00+00)', 12345)$$);
SELECT error_of($$INSERT INTO ticket_sla.customer_services (customer_id, service_id, since, until)
	VALUES (2, 2, '2026-01-05 00:00+00', '2026-01-01 00:00+00')$$);
-- the trigger function elsewhere refuses to run (42501)
CREATE TABLE my_outages (LIKE ticket_sla.outages);
CREATE TRIGGER checked BEFORE INSERT ON my_outages
FOR EACH ROW EXECUTE FUNCTION ticket_sla.check_availability_record();
SELECT error_of($$INSERT INTO my_outages (service_id, during) VALUES (1, '[2026-01-05 00:00+00,)')$$);
DROP TABLE my_outages;

-- The doors: every role of the extension reads; agents record outages
-- and windows to come (this past one, announced before it was recorded,
-- is the admin's: attack_0_6 tries the rest); only the admin adds
-- services and subscriptions and deletes; a plain login reads nothing
CREATE ROLE regress_av_agent IN ROLE ticket_sla_agent;
CREATE ROLE regress_av_reporting IN ROLE ticket_sla_reporting;
CREATE ROLE regress_av_admin IN ROLE ticket_sla_admin;
CREATE ROLE regress_av_plain LOGIN;
\i test/fixtures/attempt.sql
-- (each shown by its SQLSTATE, or ok; all undone at the end)
BEGIN;
SELECT r,
	   left(attempt(r, ARRAY['SELECT count(*) FROM ticket_sla.availability']), 5) AS "read",
	   left(attempt(r, ARRAY[$$INSERT INTO ticket_sla.outages (service_id, during)
		   VALUES (1, '[2026-01-05 00:00+00,2026-01-05 01:00+00)')$$]), 5) AS outage,
	   left(attempt(r, ARRAY[$$INSERT INTO ticket_sla.maintenance_windows (service_id, during, announced_at)
		   VALUES (1, '[2026-01-05 00:00+00,2026-01-05 01:00+00)', '2026-01-01 00:00+00')$$]), 5) AS "window",
	   left(attempt(r, ARRAY[$$UPDATE ticket_sla.outages SET note = 'x' WHERE outage_id = 1$$]), 5) AS note,
	   left(attempt(r, ARRAY['DELETE FROM ticket_sla.outages WHERE outage_id = 1']), 5) AS "delete",
	   left(attempt(r, ARRAY[$$INSERT INTO ticket_sla.services (name) VALUES ('New')$$]), 5) AS service,
	   left(attempt(r, ARRAY['INSERT INTO ticket_sla.customer_services (customer_id, service_id) VALUES (2, 2)']), 5)
		   AS subscription
FROM (VALUES ('regress_av_agent'), ('regress_av_reporting'), ('regress_av_admin'),
			 ('regress_av_plain')) AS roles (r);
ROLLBACK;
-- (every attempt above was undone)
SELECT count(*) AS outages FROM ticket_sla.outages;

DROP PROCEDURE backdate_terms(integer, timestamptz);
DROP FUNCTION attempt(text, text[]), error_of(text), try_query(text), recv_as(regtype, bytea);
DROP ROLE regress_av_agent, regress_av_reporting, regress_av_admin, regress_av_plain;
