-- ticket_sla 0.4 -> 0.5: the support policies as data.  Each section below
-- repeats, character for character, the definitions of sql/ticket_sla.sql
-- that 0.5 adds or changes, so that an updated database and a fresh one
-- have the same schema (test/t/003_upgrade.pl compares them).

\echo Use "ALTER EXTENSION ticket_sla UPDATE TO '0.5'" to load this file. \quit

-- As in the earlier scripts, everything that pg_catalog would match only
-- through a cast is qualified: the script runs with the extension's schema
-- first on the search_path.

------------------------------------------------------------------------------
-- The tier queue
--
-- The premium policies (Kaspersky TAM, MSA Plus, Perseus Premium) rank
-- premium requests above standard ones, even a premium request without a
-- target.  ticket_sla.queue keeps its order (earliest deadline first, the
-- right default for keeping promises); tier_queue is the order the
-- policies ask for, read from an index of its own.  The index and view are
-- those of sql/ticket_sla.sql; the grant is what GRANT SELECT ON ALL TABLES
-- gives the view in a fresh install.
------------------------------------------------------------------------------

-- what the tier queue orders by: premium first, then as tickets_queue
CREATE INDEX tickets_tier_queue ON ticket_sla.tickets (tier, due, severity, opened_at, ticket_id)
	WHERE resolved_at IS NULL;
COMMENT ON INDEX ticket_sla.tickets_queue IS
'The order of ticket_sla.queue: open tickets by next deadline, tier, severity, age';
COMMENT ON INDEX ticket_sla.tickets_tier_queue IS
'The order of ticket_sla.tier_queue: open tickets by tier, next deadline, severity, age';

CREATE VIEW ticket_sla.tier_queue WITH (security_invoker = true) AS
SELECT t.case_number, t.due, t.tier, t.severity, t.opened_at, t.status,
	   cu.organisation, t.service, t.summary, t.holder, t.support_level,
	   t.response_due, t.first_response_at, t.resolution_due, t.ticket_id
FROM ticket_sla.tickets t
JOIN ticket_sla.customers cu ON cu.customer_id = t.customer_id
WHERE t.resolved_at IS NULL
ORDER BY t.tier, t.due, t.severity, t.opened_at, t.ticket_id;

COMMENT ON VIEW ticket_sla.tier_queue IS
'Open tickets, premium first: tier, then next deadline (none last), severity, age';

GRANT SELECT ON ticket_sla.tier_queue TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
