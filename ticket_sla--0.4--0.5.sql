-- ticket_sla 0.4 -> 0.5: the support policies as data.  Each section below
-- repeats, character for character, the definitions of sql/ticket_sla.sql
-- that 0.5 adds or changes, so that an updated database and a fresh one
-- have the same schema (test/t/003_upgrade.pl compares them).

\echo Use "ALTER EXTENSION ticket_sla UPDATE TO '0.5'" to load this file. \quit

-- As in the earlier scripts, everything that pg_catalog would match only
-- through a cast is qualified: the script runs with the extension's schema
-- first on the search_path.

------------------------------------------------------------------------------
-- Terms for some tickets
--
-- A 0.5 contract may give terms for a request type, for the standard
-- requests of a premium plan, for a support level, and hours of their own
-- to any set of terms.  terms_for shows a plan as one kind of ticket sees
-- it, so that every function that takes a contract and a severity serves
-- that kind; request_types lists the types a plan names.
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.terms_for(c ticket_sla.contract, request_type text, tier ticket_sla.tier, support_level integer)
RETURNS ticket_sla.contract
AS 'MODULE_PATHNAME', 'contract_terms_for'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.terms_for(ticket_sla.contract, text, ticket_sla.tier, integer) IS
'Plan C as a ticket of REQUEST_TYPE, TIER and SUPPORT_LEVEL sees it: for each severity, the terms such a ticket is held to (with their own hours where they have them); pass it to response_deadline and the other functions that take a contract and a severity';

CREATE FUNCTION ticket_sla.request_types(c ticket_sla.contract)
RETURNS text[]
AS 'MODULE_PATHNAME', 'contract_request_types'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.request_types(ticket_sla.contract) IS
'The request types plan C gives terms for, each once, in the order of their names';

------------------------------------------------------------------------------
-- Request types
--
-- A ticket is a plain incident unless it says otherwise; the types are
-- rows an admin adds.  Every ticket of 0.4 is an incident.
------------------------------------------------------------------------------

CREATE TABLE ticket_sla.request_types (
	request_type text PRIMARY KEY
		CHECK (btrim(request_type) <> '' AND pg_catalog.length(request_type) <= 200
			   AND request_type OPERATOR(pg_catalog.!~) '[[:cntrl:]]'),
	description text NOT NULL CHECK (btrim(description) <> '')
);

INSERT INTO ticket_sla.request_types (request_type, description)
VALUES ('incident', 'Something does not work as it should; the type of a ticket that names none');

COMMENT ON TABLE ticket_sla.request_types IS
'The kinds of request tickets are filed as; contracts may give a type terms of its own (request "signature change": ...)';

ALTER TABLE ticket_sla.tickets
	ADD COLUMN request_type text NOT NULL DEFAULT 'incident' REFERENCES ticket_sla.request_types;

COMMENT ON COLUMN ticket_sla.tickets.request_type IS
'The kind of request: its contract''s terms for that type apply, where it gives some';

GRANT SELECT ON ticket_sla.request_types TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
GRANT INSERT, UPDATE, DELETE ON ticket_sla.request_types TO ticket_sla_admin;
GRANT INSERT (request_type), UPDATE (request_type) ON ticket_sla.tickets TO ticket_sla_agent, ticket_sla_admin;
-- the types an admin adds; 'incident' comes with the extension
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.request_types', $$WHERE request_type <> 'incident'$$);

-- (record_contract_terms, which refuses terms for request types that do not
-- exist, is replaced at the end, with the localized versions it makes)

------------------------------------------------------------------------------
-- The report fields a plan requires
--
-- A plan says which fields of the report it requires (report requires
-- ...), and the trigger refuses a ticket without them; the columns no
-- longer require every field of every plan.
------------------------------------------------------------------------------

ALTER TABLE ticket_sla.tickets
	ALTER COLUMN service DROP NOT NULL,
	ALTER COLUMN summary DROP NOT NULL,
	ALTER COLUMN problem_at DROP NOT NULL,
	ALTER COLUMN business_impact DROP NOT NULL,
	ALTER COLUMN description DROP NOT NULL,
	ALTER COLUMN current_behaviour DROP NOT NULL,
	ALTER COLUMN expected_behaviour DROP NOT NULL;

------------------------------------------------------------------------------
-- Statuses
--
-- Where a ticket stands is a row of ticket_sla.statuses, which says what the
-- status does to the resolution clock: it runs (new, in progress), pauses
-- (waiting on customer) or stops (resolved, closed: the ticket is no longer
-- open).  The five statuses above are built in: the trigger and the
-- tickets' default rely on them, every CREATE EXTENSION makes them, and
-- they cannot be changed or deleted.  An admin adds others (a support
-- process's phases, waiting on a third party, ...).
--
-- A status in use keeps its name and its clock effect: the tickets in it
-- were stamped by that effect, and their paused time and deadlines would
-- no longer agree with it.  A status in use cannot be deleted (the foreign
-- keys of tickets and clock_segments refuse it).  The ticket trigger reads
-- the statuses once per statement.
------------------------------------------------------------------------------

CREATE TYPE ticket_sla.clock_effect AS ENUM ('running', 'paused', 'stopped');

COMMENT ON TYPE ticket_sla.clock_effect IS
'What a status does to the resolution clock: running, paused (the time does not count), or stopped (the ticket is resolved)';

CREATE TABLE ticket_sla.statuses (
	status text PRIMARY KEY CHECK (btrim(status) <> '' AND status = btrim(status)),
	clock ticket_sla.clock_effect NOT NULL,
	description text
);

COMMENT ON TABLE ticket_sla.statuses IS
'Where a ticket can stand, and what each status does to its resolution clock; written by ticket_sla_admin';
COMMENT ON COLUMN ticket_sla.statuses.clock IS
'running, paused (as while waiting on the customer) or stopped (resolved: resolved_at is stamped)';

INSERT INTO ticket_sla.statuses (status, clock, description) VALUES
	('new', 'running', 'Opened, not yet worked on'),
	('in progress', 'running', 'Being worked on'),
	('waiting on customer', 'paused', 'Waiting for the customer''s answer: the resolution clock is paused'),
	('resolved', 'stopped', 'Resolved: the resolution clock stops'),
	('closed', 'stopped', 'Closed after its resolution');

-- A built-in status never changes; a status in use keeps its name and
-- clock effect.  SECURITY DEFINER so that confidential tickets are counted
-- too; the tickets are locked against writers (SHARE) before they are
-- counted, so that no ticket moves into the status under its old effect
-- meanwhile.
CREATE FUNCTION ticket_sla.guard_statuses()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.guard_statuses', TG_RELID,
												'ticket_sla.statuses');
	IF OLD.status IN ('new', 'in progress', 'waiting on customer', 'resolved', 'closed') THEN
		RAISE EXCEPTION 'status "%" is built in and cannot be changed or deleted', OLD.status
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'Add a status of your own to ticket_sla.statuses.';
	END IF;
	IF TG_OP = 'UPDATE' AND (NEW.status IS DISTINCT FROM OLD.status OR NEW.clock IS DISTINCT FROM OLD.clock) THEN
		LOCK TABLE ticket_sla.tickets IN SHARE MODE;
		-- whether it is in use, not by how many tickets: confidential ones
		-- count too, and the admin may not be cleared to see them
		IF EXISTS (SELECT FROM ticket_sla.tickets WHERE status = OLD.status) THEN
			RAISE EXCEPTION 'status "%" is in use: its name and clock effect cannot change',
				OLD.status
				USING ERRCODE = 'object_not_in_prerequisite_state',
					  HINT = 'Move its tickets to another status first, or add a new status.';
		END IF;
	END IF;
	RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

COMMENT ON FUNCTION ticket_sla.guard_statuses() IS
'Trigger of statuses: refuses changing or deleting a built-in status, and renaming a status in use or changing its clock effect (55000)';
REVOKE EXECUTE ON FUNCTION ticket_sla.guard_statuses() FROM PUBLIC;

CREATE TRIGGER guard
BEFORE UPDATE OR DELETE ON ticket_sla.statuses
FOR EACH ROW EXECUTE FUNCTION ticket_sla.guard_statuses();

------------------------------------------------------------------------------
-- Statuses: the store converted
--
-- tickets.status and clock_segments.reason become text referencing
-- statuses, each value kept as its text; the objects that name the enum or
-- those columns' types are dropped first and created again below as in
-- sql/ticket_sla.sql, with their comments and privileges; the enum goes
-- last.  An application's own column of type ticket_sla.status makes DROP
-- TYPE fail (2BP01) and the whole update with it, nothing changed:
-- docs/operations.md says how to convert such a column first.
------------------------------------------------------------------------------

DROP FUNCTION ticket_sla.quarterly_report(integer, text);
DROP VIEW ticket_sla.compliance;
DROP VIEW ticket_sla.ticket_outcomes;
DROP VIEW ticket_sla.sla_status;
DROP VIEW ticket_sla.queue;
DROP VIEW ticket_sla.clock_ledger;

ALTER TABLE ticket_sla.tickets
	ALTER COLUMN status DROP DEFAULT,
	ALTER COLUMN status TYPE text USING status::text,
	ALTER COLUMN status SET DEFAULT 'new',
	ADD FOREIGN KEY (status) REFERENCES ticket_sla.statuses;
ALTER TABLE ticket_sla.clock_segments
	ALTER COLUMN reason TYPE text USING reason::text,
	ADD FOREIGN KEY (reason) REFERENCES ticket_sla.statuses;
-- the support level of each stretch from 0.5 on; NULL in those before
ALTER TABLE ticket_sla.clock_segments
	ADD COLUMN support_level smallint CHECK (support_level BETWEEN 1 AND 3);
COMMENT ON COLUMN ticket_sla.clock_segments.support_level IS 'The support level that held the ticket during the stretch; NULL for stretches recorded before 0.5';

CREATE OR REPLACE FUNCTION ticket_sla.record_segments()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	since timestamptz := greatest(OLD.changed_at, OLD.clock_start);
	paused boolean;
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.record_segments', TG_RELID,
												'ticket_sla.tickets');
	SELECT st.clock <> 'running' INTO paused FROM ticket_sla.statuses st WHERE st.status = OLD.status;
	INSERT INTO ticket_sla.clock_segments
	SELECT OLD.ticket_id, s.clock, since, s.to_at, s.state, s.reason,
		   OLD.severity, OLD.terms_id,
		   ticket_sla.plan_time_between(since, s.to_at, ct.terms), OLD.support_level
	  FROM (VALUES
			('response'::ticket_sla.sla_clock,
			 CASE WHEN OLD.first_response_at IS NULL
				  THEN coalesce(NEW.first_response_at, NEW.changed_at) END,
			 'running', NULL::text),
			('resolution',
			 CASE WHEN NEW.changed_at <> OLD.changed_at THEN NEW.changed_at END,
			 CASE WHEN paused THEN 'paused' ELSE 'running' END,
			 CASE WHEN paused THEN OLD.status END)
		   ) AS s (clock, to_at, state, reason)
	  JOIN ticket_sla.contract_terms ct ON ct.terms_id = OLD.terms_id
	 WHERE s.to_at > since;
	RETURN NULL;
END
$$;

CREATE VIEW ticket_sla.queue WITH (security_invoker = true) AS
SELECT t.case_number, t.due, t.tier, t.severity, t.opened_at, t.status,
	   cu.organisation, t.service, t.summary, t.holder, t.support_level,
	   t.response_due, t.first_response_at, t.resolution_due, t.ticket_id
FROM ticket_sla.tickets t
JOIN ticket_sla.customers cu ON cu.customer_id = t.customer_id
WHERE t.resolved_at IS NULL
ORDER BY t.due, t.tier, t.severity, t.opened_at, t.ticket_id;

COMMENT ON VIEW ticket_sla.queue IS
'Open tickets, most urgent first: next deadline, then tier, severity, age';

CREATE VIEW ticket_sla.clock_ledger WITH (security_invoker = true) AS
SELECT t.ticket_id, t.case_number, s.clock, s.from_at, s.to_at, s.state, s.reason,
	   s.severity, s.business_time, s.to_at - s.from_at AS elapsed, s.support_level
FROM ticket_sla.clock_segments s
JOIN ticket_sla.tickets t ON t.ticket_id = s.ticket_id
UNION ALL
SELECT t.ticket_id, t.case_number, o.clock, o.from_at, NULL, o.state, o.reason,
	   t.severity, ticket_sla.plan_time_between(o.from_at, greatest(now(), o.from_at), ct.terms),
	   greatest(now(), o.from_at) - o.from_at, t.support_level
FROM ticket_sla.tickets t
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
JOIN ticket_sla.statuses st ON st.status = t.status
CROSS JOIN LATERAL (VALUES
	('response'::ticket_sla.sla_clock, t.first_response_at IS NULL,
	 greatest(t.changed_at, t.clock_start), 'running', NULL::text),
	('resolution', t.resolved_at IS NULL,
	 greatest(t.changed_at, t.clock_start),
	 CASE WHEN st.clock OPERATOR(pg_catalog.<>) 'running' THEN 'paused' ELSE 'running' END,
	 CASE WHEN st.clock OPERATOR(pg_catalog.<>) 'running' THEN t.status END)
) AS o (clock, open, from_at, state, reason)
WHERE o.open;

COMMENT ON VIEW ticket_sla.clock_ledger IS
'Every stretch of every ticket''s clocks: the finished ones of clock_segments and those still running (to_at NULL, times so far)';

CREATE VIEW ticket_sla.sla_status WITH (security_invoker = true) AS
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
CROSS JOIN LATERAL ticket_sla.terms_for(ct.terms, t.request_type, t.tier, t.support_level) AS held (terms)
CROSS JOIN LATERAL ticket_sla.response_progress(t.clock_start, t.severity, held.terms,
	coalesce(t.first_response_at, now()), t.first_response_at IS NOT NULL) r
CROSS JOIN LATERAL ticket_sla.resolution_progress(t.clock_start, t.severity, held.terms,
	t.paused_business, t.paused_elapsed, coalesce(t.paused_since, now()), false) z
WHERE t.resolved_at IS NULL;

COMMENT ON VIEW ticket_sla.sla_status IS
'Every open ticket: per target the time remaining on its clock (negative when missed), the share used and its state (met, on track, at risk, breached); the ticket''s worst state; the next escalation';

CREATE VIEW ticket_sla.ticket_outcomes WITH (security_invoker = true) AS
SELECT t.ticket_id, t.case_number, t.customer_id, ct.contract_id, t.severity,
	   t.opened_at, t.summary, t.status,
	   (t.response_met IS TRUE)::integer AS response_met,
	   coalesce(t.response_due < coalesce(t.first_response_at, now()), false)::integer
		   AS response_breached,
	   (t.resolution_met IS TRUE)::integer AS resolution_met,
	   coalesce(t.resolution_due < coalesce(t.resolved_at, t.paused_since, now()), false)::integer
		   AS resolution_breached,
	   CASE WHEN t.first_response_at IS NOT NULL
			THEN ticket_sla.plan_time_between(t.clock_start,
					greatest(t.first_response_at, t.clock_start), ct.terms)
	   END AS response_time
FROM ticket_sla.tickets t
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id;

COMMENT ON VIEW ticket_sla.ticket_outcomes IS
'Every ticket with its targets met and missed (0 or 1 each; an open one is missed once past due) and the business time to its first response under the plan''s hours';

CREATE VIEW ticket_sla.compliance WITH (security_invoker = true) AS
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

COMMENT ON VIEW ticket_sla.compliance IS
'Per month and per quarter (of opened_at, UTC), customer, contract and severity: tickets, targets met and breached (open ones once past due), compliance %, median and 90th percentile business time to the first response';

CREATE FUNCTION ticket_sla.quarterly_report(customer integer, quarter text)
RETURNS TABLE (section text, severity ticket_sla.severity, case_number text,
			   opened_at timestamptz, summary text, status text,
			   tickets bigint, responses_met bigint, responses_breached bigint,
			   resolutions_met bigint, resolutions_breached bigint,
			   response_time interval, escalations bigint)
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
		   coalesce(sum(i.n_escalations), 0)::bigint
	  FROM incident i
	 GROUP BY ROLLUP (i.severity)
	UNION ALL
	SELECT 'incident', i.severity, i.case_number, i.opened_at, i.summary, i.status,
		   1, i.response_met, i.response_breached, i.resolution_met, i.resolution_breached,
		   i.response_time, i.n_escalations
	  FROM incident i
	ORDER BY 1 DESC, 2 NULLS LAST, 4, 3;
END
$$;

COMMENT ON FUNCTION ticket_sla.quarterly_report(integer, text) IS
'The quarterly incident and activity report of CUSTOMER for QUARTER (YYYY-Qn, UTC): a summary row per severity and one for all (severity NULL; response_time the median), then one row per ticket opened in the quarter';

DROP FUNCTION ticket_sla.clock_paused_by(ticket_sla.status);
DROP TYPE ticket_sla.status;

-- what 0.5's comments say of the columns and the roles
COMMENT ON COLUMN ticket_sla.tickets.paused_since IS
'Since when the resolution clock is paused or stopped (by its status); NULL while it runs';
COMMENT ON COLUMN ticket_sla.clock_segments.reason IS 'The status that paused the clock (one whose clock effect is paused, or stopped before a reopening)';

GRANT SELECT ON ticket_sla.statuses, ticket_sla.queue, ticket_sla.clock_ledger, ticket_sla.sla_status,
	ticket_sla.ticket_outcomes, ticket_sla.compliance
	TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
GRANT INSERT, UPDATE, DELETE ON ticket_sla.statuses TO ticket_sla_admin;

-- the statuses an admin added: CREATE EXTENSION makes the built-in ones
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.statuses',
	'WHERE status NOT IN (''new'', ''in progress'', ''waiting on customer'', ''resolved'', ''closed'')');

------------------------------------------------------------------------------
-- Escalations and the open tickets' clocks follow the terms a ticket is
-- held to (by its request type, tier and support level), as its stamped
-- deadlines do: process_escalations reads them through terms_for, and so
-- does sla_status (above)
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
				   tk.clock_start, tk.escalation_level, tk.confidential,
				   ticket_sla.terms_for(ct.terms, tk.request_type, tk.tier, tk.support_level) AS terms
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

------------------------------------------------------------------------------
-- The tier queue
--
-- The premium policies (Kaspersky TAM, MSA Plus, Perseus Premium) rank
-- premium requests above standard ones, even a premium request without a
-- target.  ticket_sla.queue keeps its order (earliest deadline first, the
-- right default for keeping promises); tier_queue is the order the
-- policies ask for, read from an index of its own.  The index and view are
-- those of sql/ticket_sla.sql; the grant is what GRANT SELECT ON ALL TABLES
-- gives the view in a fresh install.  It comes after the statuses: the view
-- reads the status column in its type of 0.5.
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

------------------------------------------------------------------------------
-- The customer's local time
--
-- A plan with local hours keeps its hours in each customer's own time zone
-- and public holidays.  A ticket is stamped under a version of the terms
-- localized for its customer, kept in contract_terms (localizes, locale),
-- so that the customer's later move changes no stamped deadline until
-- retarget moves its open tickets.
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.local_hours(c ticket_sla.contract)
RETURNS boolean
AS 'MODULE_PATHNAME', 'contract_local_hours'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.local_hours(ticket_sla.contract) IS
'Whether plan C keeps its hours in each customer''s own time zone and holidays (local hours)';

-- The plan's hours text, its tz and holidays clauses (which the canonical
-- form writes one after the other) swapped for the customer's; the names
-- are checked before they go into a literal.
CREATE FUNCTION ticket_sla.localized(c ticket_sla.contract, time_zone text, holiday_regions text[])
RETURNS ticket_sla.contract
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	hours text;
	regions text;
	old_clause text;
	new_clause text;
	plan text;
	skip integer;
BEGIN
	IF c IS NULL OR NOT ticket_sla.local_hours(c) OR (time_zone IS NULL AND holiday_regions IS NULL) THEN
		RETURN c;
	END IF;
	IF time_zone !~ '^[A-Za-z][A-Za-z0-9/_+-]*$' THEN
		RAISE EXCEPTION 'time zone "%" is not a time zone name', time_zone
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give a name of the IANA time zone database, such as Europe/Berlin.';
	END IF;
	IF EXISTS (SELECT FROM unnest(holiday_regions) AS r WHERE r IS NULL OR r !~ '^[A-Za-z]+(-[A-Za-z0-9]+)?$') THEN
		RAISE EXCEPTION 'holiday regions % are not all region codes', holiday_regions
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give codes such as DE-BE, US or CH-ZH (ticket_sla.holidays lists what a region closes).';
	END IF;
	hours := ticket_sla.hours(c)::text;
	regions := CASE WHEN holiday_regions IS NULL THEN substring(hours FROM '; holidays ([^;]*)')
					WHEN cardinality(holiday_regions) > 0 THEN array_to_string(holiday_regions, ', ') END;
	old_clause := 'hours (' || hours || ')';
	new_clause := 'hours (' || regexp_replace(hours, 'tz [^;]*(; holidays [^;]*)?',
		'tz ' || coalesce(time_zone, substring(hours FROM 'tz ([^;]*)')) || coalesce('; holidays ' || regions, '')) || ')';
	plan := c::text;
	-- the plan's hours clause: the first after its name (which may say anything)
	skip := coalesce(length('plan "' || replace(ticket_sla.plan_name(c), '"', '""') || '"'), 0);
	RETURN overlay(plan PLACING new_clause FROM skip + position(old_clause IN substr(plan, skip + 1))
				   FOR length(old_clause))::ticket_sla.contract;
END
$$;

COMMENT ON FUNCTION ticket_sla.localized(ticket_sla.contract, text, text[]) IS
'Plan C in a customer''s own TIME_ZONE and HOLIDAY_REGIONS (NULL: the plan''s), when C has local hours; C itself otherwise';

CREATE FUNCTION ticket_sla.customer_locale(time_zone text, holiday_regions text[])
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT coalesce(time_zone, '') || '|' || coalesce(array_to_string(holiday_regions, ','), '-') $$;

COMMENT ON FUNCTION ticket_sla.customer_locale(text, text[]) IS
'The key of a customer''s TIME_ZONE and HOLIDAY_REGIONS, under which contract_terms keeps a version of terms localized for it';

ALTER TABLE ticket_sla.contract_terms
	ADD COLUMN localizes integer,
	ADD COLUMN locale text,
	ADD UNIQUE (localizes, locale),
	ADD CHECK ((localizes IS NULL) = (locale IS NULL));
COMMENT ON COLUMN ticket_sla.contract_terms.localizes IS
'The version of terms (terms_id) this one localizes for customers with local hours (its hours in their time zone and holidays); NULL for a contract''s own versions.  No foreign key: a table referring to itself would make pg_dump warn of circular keys; both go with their contract';
COMMENT ON COLUMN ticket_sla.contract_terms.locale IS 'The customers'' time zone and holiday regions it is localized for (customer_locale)';

ALTER TABLE ticket_sla.customers
	ADD COLUMN time_zone text,
	ADD COLUMN holiday_regions text[],
	ADD CHECK (ticket_sla.localized('hours (24x7); local hours', time_zone, holiday_regions) IS NOT NULL);
COMMENT ON COLUMN ticket_sla.customers.time_zone IS
'The customer''s time zone (Europe/Berlin): a plan with local hours keeps its hours in it; NULL: the plan''s';
COMMENT ON COLUMN ticket_sla.customers.holiday_regions IS
'The public holidays the customer keeps ({DE-BE}): a plan with local hours closes on them; NULL: the plan''s, {}: none';

CREATE OR REPLACE VIEW ticket_sla.customer_terms AS
SELECT cu.customer_id, cu.organisation, cu.contract_start, co.name AS contract,
	   t.terms_id, t.terms
FROM ticket_sla.customers cu
JOIN ticket_sla.contracts co ON co.contract_id = cu.contract_id
CROSS JOIN LATERAL (
	SELECT ct.terms_id, ct.terms
	FROM ticket_sla.contract_terms ct
	WHERE ct.contract_id = cu.contract_id AND ct.localizes IS NULL
	ORDER BY ct.terms_id DESC
	LIMIT 1) t;

-- The version of terms a customer's tickets are stamped under: VERSION
-- itself, or under a plan with local hours the version localized for the
-- customer's time zone and holidays, made the first time it is needed.
-- SECURITY DEFINER: nobody writes contract_terms directly; the tickets'
-- trigger calls it as the extension's owner.
CREATE FUNCTION ticket_sla.local_terms(version integer, customer integer)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	plan ticket_sla.contract;
	zone text;
	regions text[];
	loc text;
	localized_id integer;
BEGIN
	SELECT ct.terms INTO plan FROM ticket_sla.contract_terms ct WHERE ct.terms_id = version;
	SELECT cu.time_zone, cu.holiday_regions INTO zone, regions
	  FROM ticket_sla.customers cu WHERE cu.customer_id = customer;
	IF plan IS NULL OR NOT ticket_sla.local_hours(plan) OR (zone IS NULL AND regions IS NULL) THEN
		RETURN version;
	END IF;
	loc := ticket_sla.customer_locale(zone, regions);
	SELECT ct.terms_id INTO localized_id
	  FROM ticket_sla.contract_terms ct WHERE ct.localizes = version AND ct.locale = loc;
	IF FOUND THEN
		RETURN localized_id;
	END IF;
	INSERT INTO ticket_sla.contract_terms (contract_id, terms, localizes, locale)
	SELECT ct.contract_id, ticket_sla.localized(ct.terms, zone, regions), ct.terms_id, loc
	  FROM ticket_sla.contract_terms ct WHERE ct.terms_id = version
	ON CONFLICT (localizes, locale) DO NOTHING;
	SELECT ct.terms_id INTO localized_id
	  FROM ticket_sla.contract_terms ct WHERE ct.localizes = version AND ct.locale = loc;
	RETURN localized_id;
END
$$;

COMMENT ON FUNCTION ticket_sla.local_terms(integer, integer) IS
'The version of terms the tickets of CUSTOMER are stamped under when its contract is at VERSION: VERSION, or its localization for the customer''s time zone and holidays under a plan with local hours (made when first needed)';
REVOKE EXECUTE ON FUNCTION ticket_sla.local_terms(integer, integer) FROM PUBLIC;

-- The hours a customer's tickets are held to now
CREATE FUNCTION ticket_sla.customer_hours(customer integer)
RETURNS ticket_sla.calendar
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT ticket_sla.hours(ticket_sla.localized(ct.terms, cu.time_zone, cu.holiday_regions))
	FROM ticket_sla.customer_terms ct
	JOIN ticket_sla.customers cu ON cu.customer_id = ct.customer_id
	WHERE ct.customer_id = customer
$$;

COMMENT ON FUNCTION ticket_sla.customer_hours(integer) IS
'The opening hours new tickets of CUSTOMER are held to: its contract''s, in its own time zone and holidays under a plan with local hours';

-- The version the customer's tickets belong on now, as local_terms would
-- give it, without making one (retarget: a customer that moved, or gained
-- or lost its own time zone, has its tickets moved)
CREATE FUNCTION ticket_sla.localized_terms_id(version integer, customer integer)
RETURNS integer
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE
		WHEN NOT ticket_sla.local_hours(ct.terms) OR (cu.time_zone IS NULL AND cu.holiday_regions IS NULL)
		THEN version
		ELSE (SELECT v.terms_id FROM ticket_sla.contract_terms v
			  WHERE v.localizes = version
				AND v.locale = ticket_sla.customer_locale(cu.time_zone, cu.holiday_regions))
	END
	FROM ticket_sla.contract_terms ct, ticket_sla.customers cu
	WHERE ct.terms_id = version AND cu.customer_id = customer
$$;

COMMENT ON FUNCTION ticket_sla.localized_terms_id(integer, integer) IS
'The version of terms CUSTOMER''s tickets belong on when its contract is at VERSION: VERSION, or its localization for the customer''s time zone and holidays (NULL when that is still to be made)';

-- retarget moves the tickets of a customer that moved, too
CREATE OR REPLACE FUNCTION ticket_sla.retarget(contract text, batch integer DEFAULT 10000)
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	total bigint;
	moved bigint := 0;
	done bigint;
	last_id bigint := 0;
BEGIN
	IF batch IS NULL OR batch < 1 THEN
		RAISE EXCEPTION 'batch size % is not a positive number of tickets', batch
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	PERFORM FROM ticket_sla.contracts WHERE name = contract;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'contract "%" does not exist', contract
			USING ERRCODE = 'no_data_found';
	END IF;
	SELECT count(*) INTO total
	  FROM ticket_sla.tickets t
	  JOIN ticket_sla.customer_terms ct ON ct.customer_id = t.customer_id
	 WHERE ct.contract = retarget.contract
	   AND t.resolved_at IS NULL
	   AND t.terms_id IS DISTINCT FROM ticket_sla.localized_terms_id(ct.terms_id, t.customer_id);
	LOOP
		WITH next_batch AS (
			SELECT t.ticket_id, ct.terms_id
			  FROM ticket_sla.tickets t
			  JOIN ticket_sla.customer_terms ct ON ct.customer_id = t.customer_id
			 WHERE ct.contract = retarget.contract
			   AND t.resolved_at IS NULL
			   AND t.terms_id IS DISTINCT FROM ticket_sla.localized_terms_id(ct.terms_id, t.customer_id)
			   AND t.ticket_id > last_id
			 ORDER BY t.ticket_id
			 LIMIT batch
		), updated AS (
			UPDATE ticket_sla.tickets t SET terms_id = ticket_sla.local_terms(b.terms_id, t.customer_id)
			  FROM next_batch b
			 WHERE t.ticket_id = b.ticket_id
			RETURNING t.ticket_id
		)
		SELECT count(*), max(ticket_id) INTO done, last_id FROM updated;
		EXIT WHEN done = 0;
		moved := moved + done;
		IF moved < total THEN
			RAISE NOTICE 'retarget %: % of % open tickets moved', contract, moved, total;
		END IF;
	END LOOP;
	RAISE NOTICE 'retarget %: % open tickets moved to the current terms', contract, moved;
	RETURN moved;
END
$$;

------------------------------------------------------------------------------
-- Localized versions made by the admin's changes (a customer's time zone
-- or contract, a contract's new terms), not by the first ticket of each
------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION ticket_sla.record_contract_terms()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	unknown text;
	version integer;
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.record_contract_terms', TG_RELID,
												'ticket_sla.contracts');
	IF TG_OP = 'INSERT' OR NOT (NEW.terms OPERATOR(ticket_sla.=) OLD.terms) THEN
		-- terms for a type no ticket can have would have no effect
		SELECT string_agg(format('"%s"', r), ', ') INTO unknown
		  FROM unnest(ticket_sla.request_types(NEW.terms)) AS r
		 WHERE NOT EXISTS (SELECT FROM ticket_sla.request_types t WHERE t.request_type = r);
		IF unknown IS NOT NULL THEN
			RAISE EXCEPTION 'contract "%" gives terms for request types that do not exist: %',
				NEW.name, unknown
				USING ERRCODE = 'invalid_parameter_value',
					  HINT = (SELECT 'The request types are ' || string_agg(format('"%s"', request_type), ', '
																		   ORDER BY request_type)
								|| '; an admin adds one to ticket_sla.request_types.'
							  FROM ticket_sla.request_types);
		END IF;
		INSERT INTO ticket_sla.contract_terms (contract_id, terms)
		VALUES (NEW.contract_id, NEW.terms)
		RETURNING terms_id INTO version;
		-- the versions localized for its customers are made now, by the
		-- admin's change, rather than by the first ticket of each
		PERFORM ticket_sla.local_terms(version, cu.customer_id)
		   FROM ticket_sla.customers cu
		  WHERE cu.contract_id = NEW.contract_id
			AND (cu.time_zone IS NOT NULL OR cu.holiday_regions IS NOT NULL);
	END IF;
	RETURN NULL;
END
$$;

-- A customer's own time zone and holidays, or its contract, written by the
-- admin: the version of its contract's terms localized for it is made then,
-- so that opening a ticket only reads it (an agent's rolled-back inserts
-- would otherwise use up identity values of contract_terms).  SECURITY
-- DEFINER because nobody writes contract_terms directly.
CREATE FUNCTION ticket_sla.localize_customer()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.localize_customer', TG_RELID,
												'ticket_sla.customers');
	PERFORM ticket_sla.local_terms(ct.terms_id, NEW.customer_id)
	   FROM ticket_sla.customer_terms ct
	  WHERE ct.customer_id = NEW.customer_id;
	RETURN NULL;
END
$$;

COMMENT ON FUNCTION ticket_sla.localize_customer() IS
'Trigger of customers: makes the version of the customer''s contract terms localized for its time zone and holidays, under a plan with local hours';
REVOKE EXECUTE ON FUNCTION ticket_sla.localize_customer() FROM PUBLIC;

CREATE TRIGGER localize
AFTER INSERT OR UPDATE OF time_zone, holiday_regions, contract_id ON ticket_sla.customers
FOR EACH ROW
WHEN (NEW.time_zone IS NOT NULL OR NEW.holiday_regions IS NOT NULL)
EXECUTE FUNCTION ticket_sla.localize_customer();
