-- ticket_sla 0.5 -> 0.6: conversations and clocks.  Each section below
-- repeats, character for character, the definitions of sql/ticket_sla.sql
-- that 0.6 adds or changes, so that an updated database and a fresh one
-- have the same schema (test/t/003_upgrade.pl compares them).

\echo Use "ALTER EXTENSION ticket_sla UPDATE TO '0.6'" to load this file. \quit

-- As in the earlier scripts, everything that pg_catalog would match only
-- through a cast is qualified: the script runs with the extension's schema
-- first on the search_path.

------------------------------------------------------------------------------
-- The contract language of conversations (issue 18): the next-reply and
-- periodic-update targets of a severity as instants, and what a plan says
-- counts as a response and does on a reopening.  The type's C functions
-- read the new clauses; values stored by 0.5 read unchanged.
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.reply_deadline(asked_at timestamptz, sev ticket_sla.severity, c ticket_sla.contract)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'reply_deadline'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.reply_deadline(timestamptz, ticket_sla.severity, ticket_sla.contract) IS
'When the next reply to a customer''s message at ASKED_AT on a ticket of severity SEV is due under contract C (reply within); NULL when C sets no reply target for SEV';

CREATE FUNCTION ticket_sla.update_deadline(updated_at timestamptz, sev ticket_sla.severity, c ticket_sla.contract)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'update_deadline'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.update_deadline(timestamptz, ticket_sla.severity, ticket_sla.contract) IS
'When the next update to the customer on a ticket of severity SEV last updated at UPDATED_AT is due under contract C (update every); NULL when C sets no update target for SEV';

CREATE FUNCTION ticket_sla.qualified_responses(c ticket_sla.contract)
RETURNS boolean
AS 'MODULE_PATHNAME', 'contract_qualified_responses_of'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.qualified_responses(ticket_sla.contract) IS
'Whether under plan C only agent messages marked qualified count as the first response and as a reply (response means qualified answer); otherwise any public agent message does';

CREATE FUNCTION ticket_sla.reopen_restarts(c ticket_sla.contract)
RETURNS boolean
AS 'MODULE_PATHNAME', 'contract_reopen_restarts_of'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.reopen_restarts(ticket_sla.contract) IS
'Whether under plan C reopening a resolved ticket gives the resolution target afresh from the reopening (on reopen restart); otherwise the resolution clock resumes, the time resolved counting as paused';
