-- ticket_sla 0.2 -> 0.3: pg_dump keeps the ticket store; the compliance
-- view and the quarterly report run in parallel queries.

\echo Use "ALTER EXTENSION ticket_sla UPDATE TO '0.3'" to load this file. \quit

------------------------------------------------------------------------------
-- The store in dumps
--
-- pg_dump writes an extension as one CREATE EXTENSION and leaves out its
-- objects, rows included, except those marked as configuration.  Every table
-- of the store and every sequence behind it is marked, all rows kept: a dump
-- then restores the contracts, their terms, the customers and contacts, the
-- tickets with their stamped deadlines and case numbers, the quotas taken,
-- the clocks' ledger and the escalations fired, and the next ticket, case
-- and contract take the next numbers.
--
-- A restore must not fire the store's triggers on the rows it copies in
-- (they would stamp the tickets again and add a version of every
-- contract's terms): run pg_restore with triggers off, as a superuser,
--   PGOPTIONS='-c session_replication_role=replica' pg_restore ...
-- The README's "Operations" section shows the whole procedure.
------------------------------------------------------------------------------

SELECT pg_catalog.pg_extension_config_dump('ticket_sla.contracts', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.contract_terms', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.customers', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.contacts', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.premium_requests', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.tickets', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.clock_segments', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.escalations', '');

SELECT pg_catalog.pg_extension_config_dump('ticket_sla.case_number_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.contracts_contract_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.contract_terms_terms_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.customers_customer_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.contacts_contact_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.tickets_ticket_id_seq', '');

------------------------------------------------------------------------------
-- Parallel query
--
-- Every function that computes or only reads is PARALLEL SAFE, so that a
-- query over many tickets can use parallel workers (and a distributed
-- engine push the functions down).  Only the triggers and the functions
-- that write (take_premium_request, retarget, process_escalations) are not.
------------------------------------------------------------------------------

ALTER FUNCTION ticket_sla.quarterly_report(integer, text) PARALLEL SAFE;

-- The outcomes of the tickets are worked out in a subquery of their own
-- (OFFSET 0 keeps the planner from merging it into the grouping): each
-- ticket's business response time is then computed once, not once for its
-- month and again for its quarter, and by the parallel workers that scan
-- the tickets rather than by the leader that aggregates.  Same columns,
-- same figures as 0.2.
CREATE OR REPLACE VIEW ticket_sla.compliance WITH (security_invoker = true) AS
SELECT g.period, g.period_start, g.customer_id, cu.organisation,
	   g.contract_id, co.name AS contract, g.severity, g.tickets,
	   g.targets_met, g.targets_breached,
	   round(100.0 * g.targets_met / nullif(g.targets_met + g.targets_breached, 0), 1) AS compliance_pct,
	   g.median_response, g.p90_response
FROM (
	SELECT p.period, p.period_start, o.customer_id, o.contract_id, o.severity,
		   count(*) AS tickets,
		   sum(o.response_met + o.resolution_met) AS targets_met,
		   sum(o.response_breached + o.resolution_breached) AS targets_breached,
		   percentile_cont(0.5) WITHIN GROUP (ORDER BY o.response_time) AS median_response,
		   percentile_cont(0.9) WITHIN GROUP (ORDER BY o.response_time) AS p90_response
	FROM (SELECT * FROM ticket_sla.ticket_outcomes OFFSET 0) AS o
	CROSS JOIN LATERAL (VALUES
		('month', date_trunc('month', o.opened_at AT TIME ZONE 'UTC')::date),
		('quarter', date_trunc('quarter', o.opened_at AT TIME ZONE 'UTC')::date)
	) AS p (period, period_start)
	GROUP BY p.period, p.period_start, o.customer_id, o.contract_id, o.severity
) AS g
JOIN ticket_sla.customers cu ON cu.customer_id = g.customer_id
JOIN ticket_sla.contracts co ON co.contract_id = g.contract_id;
