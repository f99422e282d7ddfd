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

-- A contract's terms for a request type that does not exist are refused
CREATE OR REPLACE FUNCTION ticket_sla.record_contract_terms()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	unknown text;
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
		VALUES (NEW.contract_id, NEW.terms);
	END IF;
	RETURN NULL;
END
$$;
