-- ticket_sla 0.3 -> 0.4: trigger functions run only on their own tables and
-- are executable by no role that does not need them.  (The library of 0.4
-- also refuses instants given for a ticket's changes that lie in the
-- future; that needs no change here.)

\echo Use "ALTER EXTENSION ticket_sla UPDATE TO '0.4'" to load this file. \quit

-- As in the earlier scripts, everything that pg_catalog would match only
-- through a cast is qualified: the script runs with the extension's schema
-- first on the search_path.

------------------------------------------------------------------------------
-- Trigger functions, on their own tables only
--
-- A trigger function runs with the rights of its definition (SECURITY
-- DEFINER) or, like stamp_ticket, takes the owner's rights for a step, and
-- writes tables nobody may write directly.  Attached by somebody else to a
-- table of their own (a temp table, a view) it would write those tables for
-- them: contract terms, clock segments, premium requests of any customer.
-- Two locks keep that door shut.  PostgreSQL checks EXECUTE on a trigger
-- function when a trigger is created, not when it fires: no role but the
-- ones that need it may execute one, while the store's own triggers, made
-- by the installing superuser, fire for everybody.  And each function
-- refuses, with 42501, to run on any relation but its own, should it be
-- attached by a superuser or a role granted EXECUTE by mistake.
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.require_trigger_relation(trigger_function text, relation oid, own regclass)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF relation IS DISTINCT FROM own THEN
		RAISE EXCEPTION '%() runs only on %, not on relation %',
			trigger_function, own, relation::regclass
			USING ERRCODE = 'insufficient_privilege';
	END IF;
END
$$;

COMMENT ON FUNCTION ticket_sla.require_trigger_relation(text, oid, regclass) IS
'Raises 42501 unless RELATION is OWN: the trigger functions of the store call it with TG_RELID, so that attached elsewhere they write nothing';

CREATE OR REPLACE FUNCTION ticket_sla.record_contract_terms()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.record_contract_terms', TG_RELID,
												'ticket_sla.contracts');
	IF TG_OP = 'INSERT' OR NOT (NEW.terms OPERATOR(ticket_sla.=) OLD.terms) THEN
		INSERT INTO ticket_sla.contract_terms (contract_id, terms)
		VALUES (NEW.contract_id, NEW.terms);
	END IF;
	RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION ticket_sla.refuse_terms_change()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.refuse_terms_change', TG_RELID,
												'ticket_sla.contract_terms');
	RAISE EXCEPTION 'terms % of contract % cannot be changed', OLD.terms_id, OLD.contract_id
		USING ERRCODE = 'object_not_in_prerequisite_state',
			  HINT = 'Change the contract''s terms in ticket_sla.contracts: that adds a version.';
END
$$;

CREATE OR REPLACE FUNCTION ticket_sla.check_named_contacts()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	lim integer;
	org text;
	plan text;
	n integer;
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.check_named_contacts', TG_RELID,
												'ticket_sla.contacts');
	IF NOT NEW.active THEN
		RETURN NEW;
	END IF;
	PERFORM FROM ticket_sla.customers WHERE customer_id = NEW.customer_id FOR NO KEY UPDATE;
	SELECT ticket_sla.named_contact_limit(terms), organisation, contract
	  INTO lim, org, plan
	  FROM ticket_sla.customer_terms WHERE customer_id = NEW.customer_id;
	IF lim IS NULL THEN
		RETURN NEW;
	END IF;
	SELECT count(*) INTO n FROM ticket_sla.contacts
	 WHERE customer_id = NEW.customer_id AND active
	   AND contact_id IS DISTINCT FROM (CASE WHEN TG_OP = 'UPDATE' THEN OLD.contact_id END);
	IF n >= lim THEN
		RAISE EXCEPTION 'customer "%" already has % active named contacts, the limit of contract "%"',
			org, n, plan
			USING ERRCODE = 'check_violation',
				  DETAIL = format('Contact "%s" would be one too many.', NEW.name),
				  HINT = 'Deactivate a contact first (active = false).';
	END IF;
	RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION ticket_sla.record_segments()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	since timestamptz := greatest(OLD.changed_at, OLD.clock_start);
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.record_segments', TG_RELID,
												'ticket_sla.tickets');
	INSERT INTO ticket_sla.clock_segments
	SELECT OLD.ticket_id, s.clock, since, s.to_at, s.state, s.reason,
		   OLD.severity, OLD.terms_id,
		   ticket_sla.plan_time_between(since, s.to_at, ct.terms)
	  FROM (VALUES
			('response'::ticket_sla.sla_clock,
			 CASE WHEN OLD.first_response_at IS NULL
				  THEN coalesce(NEW.first_response_at, NEW.changed_at) END,
			 'running', NULL::ticket_sla.status),
			('resolution',
			 CASE WHEN NEW.changed_at <> OLD.changed_at THEN NEW.changed_at END,
			 CASE WHEN ticket_sla.clock_paused_by(OLD.status) THEN 'paused' ELSE 'running' END,
			 CASE WHEN ticket_sla.clock_paused_by(OLD.status) THEN OLD.status END)
		   ) AS s (clock, to_at, state, reason)
	  JOIN ticket_sla.contract_terms ct ON ct.terms_id = OLD.terms_id
	 WHERE s.to_at > since;
	RETURN NULL;
END
$$;

-- (stamp_ticket and stamp_deadlines check their relation in C.)

REVOKE EXECUTE ON FUNCTION ticket_sla.record_contract_terms() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ticket_sla.refuse_terms_change() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ticket_sla.check_named_contacts() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ticket_sla.stamp_ticket() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ticket_sla.record_segments() FROM PUBLIC;

-- The trigger for an application's own table: its owner attaches it, so the
-- owner needs EXECUTE.  The admin has it; a DBA grants it to the role that
-- owns the application's tables.  It runs with its caller's rights, writes
-- only the row it is given, and refuses the store's tables.
REVOKE EXECUTE ON FUNCTION ticket_sla.stamp_deadlines() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ticket_sla.stamp_deadlines() TO ticket_sla_admin;

COMMENT ON FUNCTION ticket_sla.stamp_deadlines() IS
'Trigger for an application''s table: stamps the response and resolution deadlines into the columns named by its arguments (opened_at, severity, contract, response_due, resolution_due); EXECUTE for ticket_sla_admin and whom a DBA grants it; refuses the store''s own tables';

------------------------------------------------------------------------------
-- What agents and admins may write in a ticket
--
-- INSERT was granted on every column of tickets, ticket_id included: with
-- OVERRIDING SYSTEM VALUE a role could give an id that exists already, and
-- INSERT ... ON CONFLICT DO NOTHING then fired the trigger (taking a
-- premium request of any customer) and stored nothing; ids planted ahead of
-- the identity blocked every later insert.  Now only the columns an
-- application gives can be inserted: the trigger stamps the rest.  And only
-- retarget (SECURITY DEFINER, for the admin) moves a ticket to new terms.
------------------------------------------------------------------------------

REVOKE INSERT ON ticket_sla.tickets FROM ticket_sla_agent, ticket_sla_admin;
GRANT INSERT (customer_id, contact_id, service, summary, problem_at, business_impact,
			  description, current_behaviour, expected_behaviour, channel, severity, status,
			  holder, support_level, confidential, tier, opened_at, first_response_at,
			  resolved_at)
	ON ticket_sla.tickets TO ticket_sla_agent, ticket_sla_admin;
REVOKE UPDATE (terms_id) ON ticket_sla.tickets FROM ticket_sla_agent, ticket_sla_admin;
