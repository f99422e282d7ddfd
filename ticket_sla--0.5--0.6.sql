-- ticket_sla 0.5 -> 0.6: conversations and clocks.  Each section below
-- repeats, character for character, the definitions of sql/ticket_sla.sql
-- that 0.6 adds or changes, so that an updated database and a fresh one
-- have the same schema (test/t/003_upgrade.pl compares them).

\echo Use "ALTER EXTENSION ticket_sla UPDATE TO '0.6'" to load this file. \quit

-- As in the earlier scripts, everything that pg_catalog would match only
-- through a cast is qualified: the script runs with the extension's schema
-- first on the search_path.

------------------------------------------------------------------------------
-- 0.6: due dates set by hand (set_due, clear_due, due_changes)
--
-- Two columns at the end of tickets (NULL: no ticket has a due date set by
-- hand before), the table due_changes and the functions, the reports
-- counting such targets apart (new columns at the end of sla_status,
-- breaches, ticket_outcomes and compliance; quarterly_report returns two
-- more columns, so it is dropped and created again), the roles' rights and
-- row-level security, and the marks for pg_dump, last.
------------------------------------------------------------------------------

ALTER TABLE ticket_sla.tickets
	ADD COLUMN response_due_set timestamptz,
	ADD COLUMN resolution_due_set timestamptz;
COMMENT ON COLUMN ticket_sla.tickets.response_due_set IS
'The response due date set by hand (ticket_sla.set_due), stamped into response_due whatever the terms say; NULL when none';
COMMENT ON COLUMN ticket_sla.tickets.resolution_due_set IS
'The resolution due date set by hand (ticket_sla.set_due), stamped into resolution_due whatever the terms say or the pauses; NULL when none';

------------------------------------------------------------------------------
-- Due dates set by hand
--
-- An admin sets a ticket's response or resolution due date by hand, with a
-- reason, and clears it again (set_due, clear_due; EXECUTE for
-- ticket_sla_admin and whom a DBA grants it).  The ticket keeps the due
-- date in response_due_set or resolution_due_set, and the trigger stamps it
-- into response_due or resolution_due whenever it stamps the deadlines: a
-- change of severity, request type, support level or terms, a pause and
-- its end, a reopening leave it exactly as set.  Clearing it re-stamps the
-- deadline the terms give, moved on by the paused time as usual.
--
-- Every set and clear is a row of due_changes: the ticket, the target, the
-- deadline before and after, why, who (current_user and session_user as
-- the call saw them) and when (the transaction's time).  The two functions
-- run as their caller, who must see the ticket (row-level security), and
-- then call record_due_change as the extension's owner (in C, the way the
-- trigger takes a premium request): no role may execute it, nobody writes
-- due_changes directly, and the trigger refuses the override columns to any
-- other writer (42501).
------------------------------------------------------------------------------

CREATE TABLE ticket_sla.due_changes (
	change_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	ticket_id bigint NOT NULL REFERENCES ticket_sla.tickets ON DELETE CASCADE,
	target ticket_sla.sla_clock NOT NULL,
	action text NOT NULL CHECK (action IN ('set', 'clear')),
	due_before timestamptz,
	due_after timestamptz,
	reason text NOT NULL CHECK (btrim(reason) <> ''),
	changed_by name NOT NULL,
	session_user_name name NOT NULL,
	changed_at timestamptz NOT NULL
);

CREATE INDEX due_changes_ticket ON ticket_sla.due_changes (ticket_id, target, change_id);

COMMENT ON TABLE ticket_sla.due_changes IS
'Every due date set or cleared by hand (ticket_sla.set_due, clear_due), never changed: which target of which ticket, the deadline before and after, why, by whom and when';
COMMENT ON COLUMN ticket_sla.due_changes.action IS 'set (the due date given) or clear (back to the deadline of the terms)';
COMMENT ON COLUMN ticket_sla.due_changes.due_before IS 'The target''s deadline stamped before the change';
COMMENT ON COLUMN ticket_sla.due_changes.due_after IS 'The target''s deadline stamped after it: the due date set, or the terms'' deadline again';
COMMENT ON COLUMN ticket_sla.due_changes.changed_by IS 'current_user as the call of set_due or clear_due saw it';
COMMENT ON COLUMN ticket_sla.due_changes.session_user_name IS 'session_user as the call saw it: who logged in';
COMMENT ON COLUMN ticket_sla.due_changes.changed_at IS 'The time of the transaction that made the change';
COMMENT ON INDEX ticket_sla.due_changes_ticket IS
'The due changes of a ticket''s target, in order: the last one says who set the current due date and why';

-- Run as the extension's owner by set_due and clear_due (C), which pass
-- who called; no role may execute it.  The ticket is locked first, so that
-- the rules are checked on the row that is then written.
CREATE FUNCTION ticket_sla.record_due_change(action text, ticket bigint, target ticket_sla.sla_clock,
	new_due timestamptz, reason text, changed_by name, session_user_name name)
RETURNS timestamptz
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	done text := CASE action WHEN 'set' THEN 'set' ELSE 'cleared' END;
	t record;
	after timestamptz;
BEGIN
	IF ticket IS NULL OR target IS NULL THEN
		RAISE EXCEPTION 'a due date is % for a ticket and a target, not NULL', done
			USING ERRCODE = 'null_value_not_allowed',
				  HINT = 'The targets are response and resolution.';
	END IF;
	IF action = 'set' AND new_due IS NULL THEN
		RAISE EXCEPTION 'the % due date of ticket % cannot be set to NULL', target, ticket
			USING ERRCODE = 'null_value_not_allowed',
				  HINT = 'ticket_sla.clear_due(ticket, target, reason) gives the target back the deadline of its terms.';
	END IF;
	IF reason IS NULL OR btrim(reason) = '' THEN
		RAISE EXCEPTION 'a due date is % only with a reason', done
			USING ERRCODE = CASE WHEN reason IS NULL THEN 'null_value_not_allowed' ELSE 'invalid_parameter_value' END,
				  HINT = 'Say why, in words: it is recorded in ticket_sla.due_changes.';
	END IF;
	SELECT tk.case_number, tk.opened_at,
		   CASE target WHEN 'response' THEN tk.response_due_set ELSE tk.resolution_due_set END AS set_due,
		   CASE target WHEN 'response' THEN tk.response_due ELSE tk.resolution_due END AS due,
		   CASE target WHEN 'response' THEN tk.first_response_at ELSE tk.resolved_at END AS settled_at
	  INTO t
	  FROM ticket_sla.tickets tk
	 WHERE tk.ticket_id = ticket
	   FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'ticket % does not exist', ticket USING ERRCODE = 'no_data_found';
	END IF;
	IF t.settled_at IS NOT NULL THEN
		RAISE EXCEPTION 'the % target of case % is settled (% at %): its due date cannot be %',
			target, t.case_number,
			CASE target WHEN 'response' THEN 'first response' ELSE 'resolved' END,
			t.settled_at, done
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = CASE target WHEN 'response' THEN 'A met or missed response stays as it was measured.'
							 ELSE 'Reopen the ticket first (status ''in progress'').' END;
	END IF;
	IF action = 'set' AND new_due < t.opened_at THEN
		RAISE EXCEPTION 'the % due date % of case % is before the ticket was opened (%)',
			target, new_due, t.case_number, t.opened_at
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF action = 'clear' AND t.set_due IS NULL THEN
		RAISE EXCEPTION 'the % due date of case % was not set by hand: there is nothing to clear',
			target, t.case_number
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	UPDATE ticket_sla.tickets tk
	   SET response_due_set = CASE target WHEN 'response' THEN new_due ELSE tk.response_due_set END,
		   resolution_due_set = CASE target WHEN 'resolution' THEN new_due ELSE tk.resolution_due_set END
	 WHERE tk.ticket_id = ticket
	RETURNING CASE target WHEN 'response' THEN tk.response_due ELSE tk.resolution_due END INTO after;
	INSERT INTO ticket_sla.due_changes (ticket_id, target, action, due_before, due_after, reason,
										changed_by, session_user_name, changed_at)
	VALUES (ticket, target, action, t.due, after, reason, changed_by, session_user_name, now());
	RETURN after;
END
$$;

COMMENT ON FUNCTION ticket_sla.record_due_change(text, bigint, ticket_sla.sla_clock, timestamptz, text, name, name) IS
'What set_due and clear_due do as the extension''s owner: checks the rules, writes the override and its row of due_changes; executable by no role';
REVOKE EXECUTE ON FUNCTION ticket_sla.record_due_change(text, bigint, ticket_sla.sla_clock, timestamptz, text, name, name) FROM PUBLIC;

CREATE FUNCTION ticket_sla.set_due(ticket_id bigint, target ticket_sla.sla_clock, due timestamptz, reason text)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'set_due'
LANGUAGE C;

COMMENT ON FUNCTION ticket_sla.set_due(bigint, ticket_sla.sla_clock, timestamptz, text) IS
'Sets the response or resolution due date of a ticket by hand, for REASON: it sticks through changes of severity, kind and terms and through pauses until cleared; recorded in due_changes; returns the deadline stamped';

CREATE FUNCTION ticket_sla.clear_due(ticket_id bigint, target ticket_sla.sla_clock, reason text)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'clear_due'
LANGUAGE C;

COMMENT ON FUNCTION ticket_sla.clear_due(bigint, ticket_sla.sla_clock, text) IS
'Clears a due date set by hand, for REASON: the target is due again when its terms say, with the paused time; recorded in due_changes; returns the deadline stamped';

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
	   t.escalation_level, t.next_escalation_at,
	   t.response_due_set IS NOT NULL AS response_due_manual,
	   t.resolution_due_set IS NOT NULL AS resolution_due_manual
FROM ticket_sla.tickets t
JOIN ticket_sla.customers cu ON cu.customer_id = t.customer_id
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
JOIN ticket_sla.contracts co ON co.contract_id = ct.contract_id
CROSS JOIN LATERAL ticket_sla.terms_for(ct.terms, t.request_type, t.tier, t.support_level) AS held (terms)
CROSS JOIN LATERAL ticket_sla.response_progress(t.clock_start, t.severity, held.terms,
	coalesce(t.first_response_at, now()), t.first_response_at IS NOT NULL) r
CROSS JOIN LATERAL ticket_sla.resolution_progress(t.clock_start, t.severity, held.terms,
	t.paused_business, t.paused_elapsed, coalesce(t.paused_since, now()), false) z
WHERE t.resolved_at IS NULL;

COMMENT ON VIEW ticket_sla.sla_status IS
'Every open ticket: per target the time remaining on its clock (negative when missed), the share used and its state (met, on track, at risk, breached); the ticket''s worst state; the next escalation; whether each due date was set by hand (due_changes says by whom and why)';

CREATE OR REPLACE VIEW ticket_sla.breaches WITH (security_invoker = true) AS
SELECT t.ticket_id, t.case_number, t.customer_id, cu.organisation,
	   co.name AS contract, t.severity, b.target, b.due, b.met_at,
	   ticket_sla.plan_time_between(b.due, b.reading, ct.terms) AS late_business,
	   b.reading - b.due AS late_clock, b.manual AS due_manual
FROM ticket_sla.tickets t
JOIN ticket_sla.customers cu ON cu.customer_id = t.customer_id
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
JOIN ticket_sla.contracts co ON co.contract_id = ct.contract_id
CROSS JOIN LATERAL (VALUES
	('response'::ticket_sla.sla_clock, t.response_due, t.first_response_at,
	 coalesce(t.first_response_at, now()), t.response_due_set IS NOT NULL),
	('resolution', t.resolution_due, t.resolved_at,
	 coalesce(t.resolved_at, t.paused_since, now()), t.resolution_due_set IS NOT NULL)
) AS b (target, due, met_at, reading, manual)
WHERE b.reading > b.due;

COMMENT ON VIEW ticket_sla.breaches IS
'Every missed target, answered late or still open (met_at NULL): how late, in business time under the plan''s hours and in clock time (so far, for an open one); whether its due date was set by hand';

-- What each ticket counts for in the reports: its targets met and missed
-- (0 or 1 each; an open one is missed once past due) and the business time
-- to its first response.  The reports below aggregate it.  A target whose
-- due date was set by hand (0.6) counts apart: neither met nor missed, but
-- manual.
CREATE OR REPLACE VIEW ticket_sla.ticket_outcomes WITH (security_invoker = true) AS
SELECT t.ticket_id, t.case_number, t.customer_id, ct.contract_id, t.severity,
	   t.opened_at, t.summary, t.status,
	   (t.response_due_set IS NULL AND t.response_met IS TRUE)::integer AS response_met,
	   (t.response_due_set IS NULL
		AND coalesce(t.response_due < coalesce(t.first_response_at, now()), false))::integer
		   AS response_breached,
	   (t.resolution_due_set IS NULL AND t.resolution_met IS TRUE)::integer AS resolution_met,
	   (t.resolution_due_set IS NULL
		AND coalesce(t.resolution_due < coalesce(t.resolved_at, t.paused_since, now()), false))::integer
		   AS resolution_breached,
	   CASE WHEN t.first_response_at IS NOT NULL
			THEN ticket_sla.plan_time_between(t.clock_start,
					greatest(t.first_response_at, t.clock_start), ct.terms)
	   END AS response_time,
	   (t.response_due_set IS NOT NULL)::integer AS response_manual,
	   (t.resolution_due_set IS NOT NULL)::integer AS resolution_manual
FROM ticket_sla.tickets t
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id;

COMMENT ON VIEW ticket_sla.ticket_outcomes IS
'Every ticket with its targets met and missed (0 or 1 each; an open one is missed once past due; a target whose due date was set by hand is neither, but manual) and the business time to its first response under the plan''s hours';

CREATE OR REPLACE VIEW ticket_sla.compliance WITH (security_invoker = true) AS
SELECT g.period, g.period_start, g.customer_id, cu.organisation,
	   g.contract_id, co.name AS contract, g.severity, g.tickets,
	   g.targets_met, g.targets_breached,
	   round(100.0 OPERATOR(pg_catalog.*) g.targets_met
			 OPERATOR(pg_catalog./) nullif(g.targets_met + g.targets_breached, 0), 1) AS compliance_pct,
	   g.median_response, g.p90_response, g.targets_manual
FROM (
	SELECT p.period, p.period_start, o.customer_id, o.contract_id, o.severity,
		   count(*) AS tickets,
		   sum(o.response_met + o.resolution_met) AS targets_met,
		   sum(o.response_breached + o.resolution_breached) AS targets_breached,
		   pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY o.response_time) AS median_response,
		   pg_catalog.percentile_cont(0.9) WITHIN GROUP (ORDER BY o.response_time) AS p90_response,
		   sum(o.response_manual + o.resolution_manual) AS targets_manual
	FROM ticket_sla.ticket_outcomes o
	CROSS JOIN LATERAL (VALUES
		('month', date_trunc('month', o.opened_at AT TIME ZONE 'UTC')::date),
		('quarter', date_trunc('quarter', o.opened_at AT TIME ZONE 'UTC')::date)
	) AS p (period, period_start)
	GROUP BY p.period, p.period_start, o.customer_id, o.contract_id, o.severity
) AS g
JOIN ticket_sla.customers cu ON cu.customer_id = g.customer_id
JOIN ticket_sla.contracts co ON co.contract_id = g.contract_id;

COMMENT ON VIEW ticket_sla.compliance IS
'Per month and per quarter (of opened_at, UTC), customer, contract and severity: tickets, targets met and breached (open ones once past due), compliance %, median and 90th percentile business time to the first response; targets whose due date was set by hand, counted apart';

DROP FUNCTION ticket_sla.quarterly_report(integer, text);
CREATE FUNCTION ticket_sla.quarterly_report(customer integer, quarter text)
RETURNS TABLE (section text, severity ticket_sla.severity, case_number text,
			   opened_at timestamptz, summary text, status text,
			   tickets bigint, responses_met bigint, responses_breached bigint,
			   resolutions_met bigint, resolutions_breached bigint,
			   response_time interval, escalations bigint,
			   responses_manual bigint, resolutions_manual bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	first_day date;
BEGIN
	IF quarter !~ '^\d{4}-Q[1-4]$' THEN
		RAISE EXCEPTION 'quarter "%" is not written YYYY-Qn', quarter
			USING ERRCODE = 'invalid_datetime_format', HINT = 'For example 2026-Q1.';
	END IF;
	first_day := make_date(left(quarter, 4)::integer, 3 * right(quarter, 1)::integer - 2, 1);
	RETURN QUERY
	WITH incident AS (
		SELECT o.*,
			   (SELECT count(*) FROM ticket_sla.escalations e WHERE e.ticket_id = o.ticket_id) AS n_escalations
		  FROM ticket_sla.ticket_outcomes o
		 WHERE o.customer_id = customer
		   AND o.opened_at >= first_day::timestamp AT TIME ZONE 'UTC'
		   AND o.opened_at < (first_day + interval '3 months') AT TIME ZONE 'UTC'
	)
	SELECT 'summary', i.severity, NULL, NULL, NULL, NULL,
		   count(*), coalesce(sum(i.response_met), 0), coalesce(sum(i.response_breached), 0),
		   coalesce(sum(i.resolution_met), 0), coalesce(sum(i.resolution_breached), 0),
		   percentile_cont(0.5) WITHIN GROUP (ORDER BY i.response_time),
		   coalesce(sum(i.n_escalations), 0)::bigint,
		   coalesce(sum(i.response_manual), 0), coalesce(sum(i.resolution_manual), 0)
	  FROM incident i
	 GROUP BY ROLLUP (i.severity)
	UNION ALL
	SELECT 'incident', i.severity, i.case_number, i.opened_at, i.summary, i.status,
		   1, i.response_met, i.response_breached, i.resolution_met, i.resolution_breached,
		   i.response_time, i.n_escalations, i.response_manual, i.resolution_manual
	  FROM incident i
	ORDER BY 1 DESC, 2 NULLS LAST, 4, 3;
END
$$;

COMMENT ON FUNCTION ticket_sla.quarterly_report(integer, text) IS
'The quarterly incident and activity report of CUSTOMER for QUARTER (YYYY-Qn, UTC): a summary row per severity and one for all (severity NULL; response_time the median), then one row per ticket opened in the quarter; targets whose due date was set by hand are counted apart (responses_manual, resolutions_manual), not as met or breached';

GRANT SELECT ON ticket_sla.due_changes
	TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
-- due dates set by hand: the admin, and whom a DBA grants them
REVOKE EXECUTE ON FUNCTION ticket_sla.set_due(bigint, ticket_sla.sla_clock, timestamptz, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ticket_sla.clear_due(bigint, ticket_sla.sla_clock, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ticket_sla.set_due(bigint, ticket_sla.sla_clock, timestamptz, text) TO ticket_sla_admin;
GRANT EXECUTE ON FUNCTION ticket_sla.clear_due(bigint, ticket_sla.sla_clock, text) TO ticket_sla_admin;

ALTER TABLE ticket_sla.due_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY with_its_ticket ON ticket_sla.due_changes FOR SELECT
	USING (EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = due_changes.ticket_id));
COMMENT ON POLICY with_its_ticket ON ticket_sla.due_changes IS 'The due dates set by hand on a ticket are visible to those who see the ticket';

-- The table of 0.6 is marked last, in the order the update marks it.
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.due_changes', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.due_changes_change_id_seq', '');
