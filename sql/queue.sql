--
-- The queues: open tickets, most urgent first (queue) or premium first
-- (tier_queue), each straight from an index
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';

INSERT INTO ticket_sla.contracts (name, terms) VALUES
('Gold 1', 'tier premium; critical: respond within 1 hour, resolve within 3 hours;
  high: respond within 1 hour'),
('Gold 2', 'tier premium; critical: respond within 2 hours'),
('Standard', 'tier standard; critical: respond within 1 hour; low: respond within 1 hour');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES
('Gold One Ltd', 1), ('Gold Two Ltd', 2), ('Standard Ltd', 3);

CREATE FUNCTION open(label text, org text, sev ticket_sla.severity, at timestamptz)
RETURNS ticket_sla.tickets LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
		business_impact, description, current_behaviour, expected_behaviour,
		channel, severity, opened_at)
	SELECT customer_id, 'Portal', label, at, 'Some', 'Broken', 'Error', 'Works',
		'phone', sev, at
	FROM ticket_sla.customers WHERE organisation = org
	RETURNING *
$$;

-- Worked out by hand (all deadlines round the clock, on 2026-03-02):
--   F  Gold 1 critical 06:00, answered 06:30: next is resolution, 09:00
--   E  Standard low 08:00: response 09:00 (same due as F; F is premium)
--   D  Gold 2 critical 08:00: response 10:00 (premium, critical, oldest)
--   C  Gold 1 critical 09:00: response 10:00
--   B  Gold 1 high 09:00: response 10:00 (less severe than C)
--   A  Standard critical 09:00: response 10:00 (standard after premium)
--   G  Standard critical 05:00, answered: no resolution target, last
--   H  Gold 1 high 07:00, resolved: not in the queue
SELECT count(*) FROM (VALUES
  ('A', 'Standard Ltd', 'critical'::ticket_sla.severity, '2026-03-02 09:00+00'::timestamptz),
  ('B', 'Gold One Ltd', 'high', '2026-03-02 09:00+00'),
  ('C', 'Gold One Ltd', 'critical', '2026-03-02 09:00+00'),
  ('D', 'Gold Two Ltd', 'critical', '2026-03-02 08:00+00'),
  ('E', 'Standard Ltd', 'low', '2026-03-02 08:00+00'),
  ('F', 'Gold One Ltd', 'critical', '2026-03-02 06:00+00'),
  ('G', 'Standard Ltd', 'critical', '2026-03-02 05:00+00'),
  ('H', 'Gold One Ltd', 'high', '2026-03-02 07:00+00')) AS v(label, org, sev, at),
LATERAL open(label, org, sev, at);
UPDATE ticket_sla.tickets SET first_response_at = opened_at + interval '30 minutes'
WHERE summary = 'F';
UPDATE ticket_sla.tickets SET first_response_at = opened_at + interval '10 minutes'
WHERE summary = 'G';
UPDATE ticket_sla.tickets SET status = 'resolved' WHERE summary = 'H';

SELECT summary, due, tier, severity, opened_at, organisation FROM ticket_sla.queue;

--
-- The tier queue: premium first, as the premium policies ask (Kaspersky TAM,
-- MSA Plus, Perseus Premium).  Three more tickets without a target (Gold 2
-- sets none for high or medium, Standard none for high):
--   I  Gold 2 high 07:30: premium, no deadline
--   J  Gold 2 medium 07:00: premium, no deadline
--   K  Standard high 04:00: standard, no deadline
-- Worked out by hand, the ten open tickets:
--   queue, by due, then tier, severity, age:
--     F E (09:00), D C B A (10:00), then no deadline: I J (premium),
--     G (standard critical), K (standard high)
--   tier_queue, by tier, then due, severity, age:
--     premium:  F (09:00), D C B (10:00), I J (no deadline, high before medium)
--     standard: E (09:00), A (10:00), G K (no deadline, critical before high)
-- They differ where the policies and the deadlines disagree: I, premium
-- with no target, comes before E, standard and due first, and before A;
-- at equal deadlines (F and E at 09:00, D C B and A at 10:00) both put
-- premium first, but tier_queue also puts every premium ticket with a
-- deadline (D C B) before E, due an hour earlier.
--
SELECT count(*) FROM (VALUES
  ('I', 'Gold Two Ltd', 'high'::ticket_sla.severity, '2026-03-02 07:30+00'::timestamptz),
  ('J', 'Gold Two Ltd', 'medium', '2026-03-02 07:00+00'),
  ('K', 'Standard Ltd', 'high', '2026-03-02 04:00+00')) AS v(label, org, sev, at),
LATERAL open(label, org, sev, at);
SELECT summary, due, tier, severity, opened_at, organisation FROM ticket_sla.queue;
SELECT summary, due, tier, severity, opened_at, organisation FROM ticket_sla.tier_queue;
-- the same columns, in the same order, as the queue
SELECT (SELECT array_agg(attname ORDER BY attnum) FROM pg_attribute
        WHERE attrelid = 'ticket_sla.tier_queue'::regclass AND attnum > 0)
     = (SELECT array_agg(attname ORDER BY attnum) FROM pg_attribute
        WHERE attrelid = 'ticket_sla.queue'::regclass AND attnum > 0) AS same_columns;

--
-- With 1,000,000 tickets the first 50 come from the index tickets_queue
-- (tier_queue: tickets_tier_queue), with no sort.  The load skips the
-- trigger (replica mode) and writes the stamped columns itself; nine
-- tickets in ten are resolved.
--
SET session_replication_role = replica;
INSERT INTO ticket_sla.tickets (case_number, customer_id, service, summary, problem_at,
	business_impact, description, current_behaviour, expected_behaviour, channel,
	severity, status, tier, terms_id, opened_at, clock_start, response_due,
	first_response_at, resolution_due, resolved_at, changed_at, paused_since,
	paused_business, paused_elapsed, escalation_level, cycle, events_fired)
SELECT 'CASE-2025-' || lpad(i::text, 7, '0'), 1 + i % 3, 'Portal', 'load', at, 'Some',
	'Broken', 'Error', 'Works', 'web', sev, CASE WHEN i % 10 = 0 THEN 'new' ELSE 'resolved' END,
	CASE WHEN i % 3 = 2 THEN 'standard' ELSE 'premium' END::ticket_sla.tier, 1 + i % 3,
	at, at, at + interval '1 hour', NULL, at + interval '3 hours',
	CASE WHEN i % 10 = 0 THEN NULL ELSE at + interval '2 hours' END, at,
	CASE WHEN i % 10 = 0 THEN NULL ELSE at + interval '2 hours' END, '0', '0', 0, 1, 0
FROM generate_series(1, 1000000) i,
	LATERAL (SELECT '2025-01-01 00:00+00'::timestamptz + i * interval '30 seconds' AS at,
	                (ARRAY['critical', 'high', 'medium', 'low'])[1 + i % 4]::ticket_sla.severity AS sev) v;
RESET session_replication_role;
ANALYZE ticket_sla.tickets;
ANALYZE ticket_sla.customers;
SELECT count(*) AS tickets, count(*) FILTER (WHERE resolved_at IS NULL) AS open
FROM ticket_sla.tickets;

-- plan_nodes(query): the plan's nodes, each with the index it scans
CREATE FUNCTION plan_nodes(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (FORMAT JSON, COSTS OFF) ' || query INTO plan;
	RETURN QUERY
	WITH RECURSIVE node(n) AS (
		SELECT plan -> 0 -> 'Plan'
		UNION ALL
		SELECT child FROM node, json_array_elements(node.n -> 'Plans') AS child)
	SELECT (n ->> 'Node Type') || coalesce(' on ' || (n ->> 'Relation Name'), '')
		|| coalesce(' using ' || (n ->> 'Index Name'), '')
	FROM node;
END $$;

SELECT count(*) FILTER (WHERE node LIKE '%Sort%') AS sorts,
       count(*) FILTER (WHERE node = 'Index Scan on tickets using tickets_queue') AS queue_index_scans,
       count(*) FILTER (WHERE node LIKE 'Seq Scan on tickets%') AS ticket_table_scans
FROM plan_nodes('SELECT * FROM ticket_sla.queue LIMIT 50') AS node;
SELECT count(*) FILTER (WHERE node LIKE '%Sort%') AS sorts,
       count(*) FILTER (WHERE node = 'Index Scan on tickets using tickets_tier_queue') AS tier_index_scans,
       count(*) FILTER (WHERE node LIKE 'Seq Scan on tickets%') AS ticket_table_scans
FROM plan_nodes('SELECT * FROM ticket_sla.tier_queue LIMIT 50') AS node;
-- the plans' first nodes: each view reads its own index in order, no Sort
-- (how the few customers are joined is the planner's choice, not shown)
SELECT (SELECT string_agg(node, ' / ') FROM (SELECT node FROM plan_nodes(
          'SELECT * FROM ticket_sla.queue LIMIT 50') AS node LIMIT 3) AS f) AS queue_plan,
       (SELECT string_agg(node, ' / ') FROM (SELECT node FROM plan_nodes(
          'SELECT * FROM ticket_sla.tier_queue LIMIT 50') AS node LIMIT 3) AS f) AS tier_queue_plan;
-- the same for a reporting role, whose row-level security filters the scan
SET client_min_messages = warning;
DROP ROLE IF EXISTS queue_reporter;
RESET client_min_messages;
CREATE ROLE queue_reporter IN ROLE ticket_sla_reporting;
SET ROLE queue_reporter;
SELECT count(*) FILTER (WHERE node LIKE '%Sort%') AS sorts,
       count(*) FILTER (WHERE node = 'Index Scan on tickets using tickets_queue') AS queue_index_scans
FROM plan_nodes('SELECT * FROM ticket_sla.queue LIMIT 50') AS node;
SELECT count(*) FILTER (WHERE node LIKE '%Sort%') AS sorts,
       count(*) FILTER (WHERE node = 'Index Scan on tickets using tickets_tier_queue') AS tier_index_scans
FROM plan_nodes('SELECT * FROM ticket_sla.tier_queue LIMIT 50') AS node;
RESET ROLE;
DROP ROLE queue_reporter;

-- and the rows are the most urgent: the load's open tickets are every
-- tenth, opened from 2025-01-01 00:05 every 5 minutes and due an hour later
SELECT summary, due, tier, severity FROM ticket_sla.queue LIMIT 3;
-- in the tier queue the premium ones of them (every third is standard:
-- i % 3 = 2): i = 10 at 00:05 (medium), i = 30 at 00:15 (medium), i = 40 at
-- 00:20 (critical, i % 4 = 0), each due an hour later; i = 20, standard and
-- due at 01:10, is not among them
SELECT summary, due, tier, severity FROM ticket_sla.tier_queue LIMIT 3;

DROP FUNCTION plan_nodes(text);
DROP FUNCTION open(text, text, ticket_sla.severity, timestamptz);
