-- ticket_sla 0.2 -> 0.3: pg_dump keeps the ticket store; the quarterly
-- report runs in parallel queries; names bound safely; confidential
-- escalation notices; premium requests taken by the trigger only; a schema
-- whose owner could drop the store is refused.

\echo Use "ALTER EXTENSION ticket_sla UPDATE TO '0.3'" to load this file. \quit

-- The script runs with search_path set to the extension's schema (public,
-- usually), where others may be allowed to create objects: every operator,
-- function and aggregate below that pg_catalog would match only through a
-- cast is qualified, and so is everything the DO block runs.

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

------------------------------------------------------------------------------
-- Names bound safely
--
-- 0.1 created its views while search_path named the extension's schema
-- (public, usually), so an unqualified operator or aggregate that pg_catalog
-- matches only through a cast (double precision * integer, numeric * bigint,
-- percentile_cont of a numeric) bound to whatever matched better there, to
-- be run later by everybody who reads the view.  sla_status and
-- compliance are created again with those qualified; otherwise their
-- definitions are 0.1's.  clock_paused_by is inlined into the queries that
-- call it and parsed under their search_path: its operators are qualified.
------------------------------------------------------------------------------

CREATE OR REPLACE VIEW ticket_sla.sla_status WITH (security_invoker = true) AS
SELECT t.ticket_id, t.case_number, t.customer_id, cu.organisation,
	   co.name AS contract, t.severity, t.tier, t.status, t.opened_at, t.clock_start,
	   t.response_due, r.remaining AS response_remaining,
	   round((r.share OPERATOR(pg_catalog.*) 100)::numeric, 1) AS response_used_pct, r.state AS response_state,
	   t.resolution_due, z.remaining AS resolution_remaining,
	   round((z.share OPERATOR(pg_catalog.*) 100)::numeric, 1) AS resolution_used_pct, z.state AS resolution_state,
	   t.paused_since IS NOT NULL AS paused,
	   CASE WHEN 'breached' IN (r.state, z.state) THEN 'breached'
			WHEN 'at risk' IN (r.state, z.state) THEN 'at risk'
			WHEN r.state IS NOT NULL OR z.state IS NOT NULL THEN 'on track'
	   END AS state,
	   t.escalation_level, t.next_escalation_at
FROM ticket_sla.tickets t
JOIN ticket_sla.customers cu ON cu.customer_id = t.customer_id
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
JOIN ticket_sla.contracts co ON co.contract_id = ct.contract_id
CROSS JOIN LATERAL ticket_sla.response_progress(t.clock_start, t.severity, ct.terms,
	coalesce(t.first_response_at, now()), t.first_response_at IS NOT NULL) r
CROSS JOIN LATERAL ticket_sla.resolution_progress(t.clock_start, t.severity, ct.terms,
	t.paused_business, t.paused_elapsed, coalesce(t.paused_since, now()), false) z
WHERE t.resolved_at IS NULL;

CREATE OR REPLACE VIEW ticket_sla.compliance WITH (security_invoker = true) AS
SELECT g.period, g.period_start, g.customer_id, cu.organisation,
	   g.contract_id, co.name AS contract, g.severity, g.tickets,
	   g.targets_met, g.targets_breached,
	   round(100.0 OPERATOR(pg_catalog.*) g.targets_met
			 OPERATOR(pg_catalog./) nullif(g.targets_met + g.targets_breached, 0), 1) AS compliance_pct,
	   g.median_response, g.p90_response
FROM (
	SELECT p.period, p.period_start, o.customer_id, o.contract_id, o.severity,
		   count(*) AS tickets,
		   sum(o.response_met + o.resolution_met) AS targets_met,
		   sum(o.response_breached + o.resolution_breached) AS targets_breached,
		   pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY o.response_time) AS median_response,
		   pg_catalog.percentile_cont(0.9) WITHIN GROUP (ORDER BY o.response_time) AS p90_response
	FROM ticket_sla.ticket_outcomes o
	CROSS JOIN LATERAL (VALUES
		('month', date_trunc('month', o.opened_at AT TIME ZONE 'UTC')::date),
		('quarter', date_trunc('quarter', o.opened_at AT TIME ZONE 'UTC')::date)
	) AS p (period, period_start)
	GROUP BY p.period, p.period_start, o.customer_id, o.contract_id, o.severity
) AS g
JOIN ticket_sla.customers cu ON cu.customer_id = g.customer_id
JOIN ticket_sla.contracts co ON co.contract_id = g.contract_id;

CREATE OR REPLACE FUNCTION ticket_sla.clock_paused_by(status ticket_sla.status)
RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT status OPERATOR(pg_catalog.<>) 'new' AND status OPERATOR(pg_catalog.<>) 'in progress' $$;

------------------------------------------------------------------------------
-- Escalation notices of confidential tickets
--
-- Anybody connected may LISTEN on any channel.  The notice of a step fired
-- on a confidential ticket therefore names only the ticket, the step and its
-- recipients; a cleared listener reads the rest from ticket_sla.escalations.
-- Otherwise process_escalations is 0.1's.
------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION ticket_sla.process_escalations("at" timestamptz DEFAULT now())
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	t record;
	s record;
	level integer;
	fired integer := 0;
	batch_size integer;
BEGIN
	IF at IS NULL THEN
		RAISE EXCEPTION 'escalations are processed as of an instant, not NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF at > now() THEN
		RAISE EXCEPTION 'escalations cannot be processed as of %, which is later than now', at
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Steps fire when they are due, not before.';
	END IF;
	LOOP
		batch_size := 0;
		FOR t IN
			SELECT tk.ticket_id, tk.case_number, tk.customer_id, tk.severity,
				   tk.clock_start, tk.escalation_level, tk.confidential, ct.terms
			  FROM ticket_sla.tickets tk
			  JOIN ticket_sla.contract_terms ct ON ct.terms_id = tk.terms_id
			 WHERE tk.next_escalation_at <= at
			   AND tk.resolved_at IS NULL
			 ORDER BY tk.next_escalation_at
			 LIMIT 100
			   FOR UPDATE OF tk SKIP LOCKED
		LOOP
			batch_size := batch_size + 1;
			level := t.escalation_level;
			FOR s IN
				SELECT e.step, e.due, e.recipients
				  FROM ticket_sla.escalation_steps(t.clock_start, t.severity, t.terms) e
				 WHERE e.step > t.escalation_level
				 ORDER BY e.step
			LOOP
				EXIT WHEN s.due > at;
				INSERT INTO ticket_sla.escalations
				VALUES (t.ticket_id, s.step, t.severity, s.recipients, s.due, now());
				PERFORM pg_notify('ticket_sla_escalation', CASE
					WHEN t.confidential THEN json_build_object(
						'ticket_id', t.ticket_id, 'confidential', true, 'step', s.step,
						'recipients', s.recipients, 'due_at', s.due)
					ELSE json_build_object(
						'ticket_id', t.ticket_id, 'case_number', t.case_number,
						'customer_id', t.customer_id, 'severity', t.severity,
						'confidential', false, 'step', s.step,
						'recipients', s.recipients, 'due_at', s.due)
					END::text);
				level := s.step;
				fired := fired + 1;
			END LOOP;
			UPDATE ticket_sla.tickets SET escalation_level = level
			 WHERE ticket_id = t.ticket_id;
		END LOOP;
		EXIT WHEN batch_size = 0;
	END LOOP;
	RETURN fired;
END
$$;

COMMENT ON FUNCTION ticket_sla.process_escalations(timestamptz) IS
'Fires every escalation step due at AT (not later than now) exactly once: logs it in escalations, raises escalation_level, NOTIFY ticket_sla_escalation with a JSON payload (ticket_id, case_number, customer_id, severity, confidential, step, recipients, due_at; of a confidential ticket only ticket_id, confidential, step, recipients, due_at); returns how many steps fired';

------------------------------------------------------------------------------
-- Premium requests are taken by the tickets' trigger only
--
-- The trigger takes a premium request as the owner of the extension, so no
-- role needs to call take_premium_request itself (which would spend any
-- customer's quota without opening a ticket).
------------------------------------------------------------------------------

REVOKE EXECUTE ON FUNCTION ticket_sla.take_premium_request(integer, date, integer)
	FROM ticket_sla_agent, ticket_sla_admin;

------------------------------------------------------------------------------
-- The extension's schema
--
-- Without a schema in the control file, the extension object belongs to the
-- first schema of the installer's search_path, and DROP SCHEMA ... CASCADE
-- there drops it with every ticket.  Only a schema whose owner could drop
-- the whole database anyway (a superuser, the database's owner, or
-- pg_database_owner, the owner of public since PostgreSQL 15) is accepted.
------------------------------------------------------------------------------

DO $$
DECLARE
	nsp oid;
	owner oid;
BEGIN
	SELECT e.extnamespace, n.nspowner INTO nsp, owner
	  FROM pg_catalog.pg_extension e
	  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
	 WHERE e.extname OPERATOR(pg_catalog.=) 'ticket_sla';
	IF NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.oid OPERATOR(pg_catalog.=) owner)
	   AND pg_catalog.pg_get_userbyid(owner) OPERATOR(pg_catalog.<>) 'pg_database_owner'::pg_catalog.name
	   AND owner OPERATOR(pg_catalog.<>) (SELECT d.datdba FROM pg_catalog.pg_database d
										 WHERE d.datname OPERATOR(pg_catalog.=) pg_catalog.current_database()) THEN
		RAISE EXCEPTION 'ticket_sla cannot belong to schema %, whose owner % could drop it with every ticket',
			nsp::pg_catalog.regnamespace, owner::pg_catalog.regrole
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'Install it with CREATE EXTENSION ticket_sla SCHEMA pg_catalog.';
	END IF;
END
$$;
