--
-- Beyond one machine: every function that computes or only reads is
-- PARALLEL SAFE, so that parallel query (and a distributed engine) can run
-- it where the rows are.  Over 20,000 tickets the full recomputation of
-- compliance (compliance_recomputed) runs in parallel workers and gives
-- what it gives without them, and what compliance reads from the report
-- rollups (0.6).
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';

-- The functions that are not PARALLEL SAFE: the triggers, and the
-- functions that write (a premium request taken, tickets moved to new
-- terms, escalations recorded, due dates set by hand, the report rollups
-- refreshed and rebuilt).  Everything else is 's'.
SELECT p.oid::regprocedure AS function, p.provolatile, p.proparallel
FROM pg_proc p
WHERE p.pronamespace = 'ticket_sla'::regnamespace AND p.proparallel <> 's'
ORDER BY p.oid::regprocedure::text;
SELECT count(*) AS parallel_safe,
	   count(*) FILTER (WHERE provolatile = 'i') AS immutable,
	   count(*) FILTER (WHERE provolatile = 's') AS stable
FROM pg_proc
WHERE pronamespace = 'ticket_sla'::regnamespace AND proparallel = 's';

-- 20,000 tickets of five customers on Berlin office hours with holidays,
-- one every 23 min 17 s from New Year 2026 (to 20 November); two in three
-- answered after 0 to 672 minutes
INSERT INTO ticket_sla.contracts (name, terms) VALUES
('Office', 'plan "Office"; hours (Mon-Fri 09:00-17:00; tz Europe/Berlin; holidays DE-BE);
  critical: respond within 1 business hour, resolve within 8 business hours;
  high: respond within 4 business hours, resolve within 2 business days;
  medium: respond within 1 business day');
INSERT INTO ticket_sla.customers (organisation, contract_id)
SELECT 'Customer ' || i, 1 FROM generate_series(1, 5) i;
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
	description, current_behaviour, expected_behaviour, channel, severity, opened_at)
SELECT 1 + i % 5, 'Portal', 'Ticket ' || i, o, 'Some', 'Fails', 'Error', 'Works', 'web',
	   (ARRAY['critical', 'high', 'medium', 'low']::ticket_sla.severity[])[1 + i % 4], o
FROM generate_series(1, 20000) i,
	 LATERAL (SELECT '2026-01-01 00:00+00'::timestamptz + i * interval '23 minutes 17 seconds') AS x (o);
UPDATE ticket_sla.tickets SET first_response_at = opened_at + (ticket_id % 97) * interval '7 minutes'
WHERE ticket_id % 3 <> 0;
ANALYZE ticket_sla.tickets, ticket_sla.contract_terms, ticket_sla.customers, ticket_sla.contracts;

-- Parallel plans whatever the machine's costs: the tickets and their terms
-- are scanned, joined and sorted by the leader and two workers; the
-- grouping, with the percentiles (ordered-set aggregates, which PostgreSQL
-- does not compute in parts), stays in the leader
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
EXPLAIN (COSTS OFF) SELECT * FROM ticket_sla.compliance_recomputed;

-- parallel_run(query): how many workers its Gather (Merge) launched
CREATE FUNCTION parallel_run(query text)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	plan jsonb;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, FORMAT JSON) ' || query INTO plan;
	RETURN jsonb_path_query_first(plan, 'strict $.**?(@."Node Type" like_regex "^Gather")."Workers Launched"');
END $$;
SELECT parallel_run('SELECT * FROM ticket_sla.compliance_recomputed') AS workers_launched;

-- The same figures with and without workers: 5 customers x 4 severities x
-- (11 months + 4 quarters) = 300 rows
SELECT count(*) AS groups, sum(tickets)::bigint / 2 AS tickets,
	   md5(string_agg(c::text, '|' ORDER BY c::text)) AS figures
FROM ticket_sla.compliance_recomputed c \gset parallel_
SET max_parallel_workers_per_gather = 0;
SELECT parallel_run('SELECT * FROM ticket_sla.compliance_recomputed') AS workers_launched;
SELECT count(*) AS groups, sum(tickets)::bigint / 2 AS tickets,
	   md5(string_agg(c::text, '|' ORDER BY c::text)) = :'parallel_figures' AS same_figures
FROM ticket_sla.compliance_recomputed c;
SELECT :parallel_groups AS parallel_groups, :parallel_tickets AS parallel_tickets;
-- and compliance, from the rollups once refreshed: the same figures
SELECT ticket_sla.refresh_reports() AS days_refreshed;
SELECT md5(string_agg(c::text, '|' ORDER BY c::text)) = :'parallel_figures' AS same_figures
FROM ticket_sla.compliance c;

RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
DROP FUNCTION parallel_run(text);
