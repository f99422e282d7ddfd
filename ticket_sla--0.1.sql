/* ticket_sla--0.1.sql: business-time arithmetic under opening-hours calendars */

\echo Use "CREATE EXTENSION ticket_sla" to load this file. \quit

-- The schema belongs to the extension: DROP EXTENSION removes it, and a
-- schema of that name created beforehand by anybody makes CREATE EXTENSION
-- fail instead of filling a schema somebody else controls.
CREATE SCHEMA ticket_sla;
COMMENT ON SCHEMA ticket_sla IS 'ticket_sla: SLA deadlines in business time';

------------------------------------------------------------------------------
-- The calendar type
--
-- A calendar is one self-contained value: weekly opening hours, a time zone
-- and dated exceptions, written as a literal such as
--   'Mon-Fri 09:00-18:00; tz Europe/Berlin; closed 2026-12-25, 2026-12-26'
-- Everything computed from it depends on the value alone, which is why the
-- functions below are IMMUTABLE.
------------------------------------------------------------------------------

CREATE TYPE ticket_sla.calendar;

CREATE FUNCTION ticket_sla.calendar_in(cstring)
RETURNS ticket_sla.calendar
AS 'MODULE_PATHNAME', 'calendar_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION ticket_sla.calendar_out(ticket_sla.calendar)
RETURNS cstring
AS 'MODULE_PATHNAME', 'calendar_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION ticket_sla.calendar_recv(internal)
RETURNS ticket_sla.calendar
AS 'MODULE_PATHNAME', 'calendar_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION ticket_sla.calendar_send(ticket_sla.calendar)
RETURNS bytea
AS 'MODULE_PATHNAME', 'calendar_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE ticket_sla.calendar (
	INPUT = ticket_sla.calendar_in,
	OUTPUT = ticket_sla.calendar_out,
	RECEIVE = ticket_sla.calendar_recv,
	SEND = ticket_sla.calendar_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);

COMMENT ON TYPE ticket_sla.calendar IS
'Opening hours: weekly ranges, a time zone, closed dates and special opening days';
COMMENT ON FUNCTION ticket_sla.calendar_in(cstring) IS 'input function of ticket_sla.calendar';
COMMENT ON FUNCTION ticket_sla.calendar_out(ticket_sla.calendar) IS 'output function of ticket_sla.calendar (canonical form)';
COMMENT ON FUNCTION ticket_sla.calendar_recv(internal) IS 'binary input function of ticket_sla.calendar';
COMMENT ON FUNCTION ticket_sla.calendar_send(ticket_sla.calendar) IS 'binary output function of ticket_sla.calendar';

CREATE FUNCTION ticket_sla.calendar_eq(ticket_sla.calendar, ticket_sla.calendar)
RETURNS boolean
AS 'MODULE_PATHNAME', 'calendar_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE FUNCTION ticket_sla.calendar_ne(ticket_sla.calendar, ticket_sla.calendar)
RETURNS boolean
AS 'MODULE_PATHNAME', 'calendar_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR ticket_sla.= (
	LEFTARG = ticket_sla.calendar,
	RIGHTARG = ticket_sla.calendar,
	FUNCTION = ticket_sla.calendar_eq,
	COMMUTATOR = OPERATOR(ticket_sla.=),
	NEGATOR = OPERATOR(ticket_sla.<>),
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel
);

CREATE OPERATOR ticket_sla.<> (
	LEFTARG = ticket_sla.calendar,
	RIGHTARG = ticket_sla.calendar,
	FUNCTION = ticket_sla.calendar_ne,
	COMMUTATOR = OPERATOR(ticket_sla.<>),
	NEGATOR = OPERATOR(ticket_sla.=),
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);

COMMENT ON FUNCTION ticket_sla.calendar_eq(ticket_sla.calendar, ticket_sla.calendar) IS 'true when two calendars are the same (same canonical form)';
COMMENT ON FUNCTION ticket_sla.calendar_ne(ticket_sla.calendar, ticket_sla.calendar) IS 'true when two calendars differ';
COMMENT ON OPERATOR ticket_sla.=(ticket_sla.calendar, ticket_sla.calendar) IS 'equal';
COMMENT ON OPERATOR ticket_sla.<>(ticket_sla.calendar, ticket_sla.calendar) IS 'not equal';

------------------------------------------------------------------------------
-- Business-time arithmetic
--
-- Business time is real elapsed time inside open ranges (half-open: open at
-- the opening instant, closed at the closing instant).  The README states
-- the exact rules with examples.
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.business_deadline(start timestamptz, duration interval, cal ticket_sla.calendar)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'business_deadline'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.business_deadline(timestamptz, interval, ticket_sla.calendar) IS
'Earliest instant at which DURATION of business time has passed since START (days count business days; negative durations count backwards)';

CREATE FUNCTION ticket_sla.business_time_between("from" timestamptz, "to" timestamptz, cal ticket_sla.calendar)
RETURNS interval
AS 'MODULE_PATHNAME', 'business_time_between'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.business_time_between(timestamptz, timestamptz, ticket_sla.calendar) IS
'Business time inside [from, to), negative when to < from; hours, minutes and seconds only';

CREATE FUNCTION ticket_sla.is_business_time("at" timestamptz, cal ticket_sla.calendar)
RETURNS boolean
AS 'MODULE_PATHNAME', 'is_business_time'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.is_business_time(timestamptz, ticket_sla.calendar) IS
'True when AT lies inside an open range of the calendar';

CREATE FUNCTION ticket_sla.next_business_time("at" timestamptz, cal ticket_sla.calendar)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'next_business_time'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.next_business_time(timestamptz, ticket_sla.calendar) IS
'AT itself when open, otherwise the next opening instant';

CREATE FUNCTION ticket_sla.business_intervals(cal ticket_sla.calendar, during tstzrange)
RETURNS SETOF tstzrange
AS 'MODULE_PATHNAME', 'business_intervals'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 50;

COMMENT ON FUNCTION ticket_sla.business_intervals(ticket_sla.calendar, tstzrange) IS
'The open spans of the calendar inside DURING, merged and in order';

------------------------------------------------------------------------------
-- Severities and contracts
--
-- A contract is one self-contained value holding a whole support plan: its
-- tier, entitlements, opening hours and, per severity, the first-response
-- and resolution targets and the escalation ladder, written as a literal
-- such as
--   'plan "Cyren Standard"; tier standard;
--    hours (Mon-Fri 09:00-18:00; tz America/New_York);
--    critical: respond within 4 business hours,
--              escalate after 1 hour to "Director of Support Services"'
-- The README lists the whole syntax and the seven plans of the seed policies.
------------------------------------------------------------------------------

CREATE TYPE ticket_sla.severity AS ENUM ('critical', 'high', 'medium', 'low');

COMMENT ON TYPE ticket_sla.severity IS
'How urgent a ticket is, most urgent first (the policies'' level 1 to 4, P1 to P4)';

CREATE TYPE ticket_sla.contract;

CREATE FUNCTION ticket_sla.contract_in(cstring)
RETURNS ticket_sla.contract
AS 'MODULE_PATHNAME', 'contract_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION ticket_sla.contract_out(ticket_sla.contract)
RETURNS cstring
AS 'MODULE_PATHNAME', 'contract_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION ticket_sla.contract_recv(internal)
RETURNS ticket_sla.contract
AS 'MODULE_PATHNAME', 'contract_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION ticket_sla.contract_send(ticket_sla.contract)
RETURNS bytea
AS 'MODULE_PATHNAME', 'contract_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE ticket_sla.contract (
	INPUT = ticket_sla.contract_in,
	OUTPUT = ticket_sla.contract_out,
	RECEIVE = ticket_sla.contract_recv,
	SEND = ticket_sla.contract_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);

COMMENT ON TYPE ticket_sla.contract IS
'A support plan: tier, entitlements, opening hours, and per severity the response and resolution targets and the escalation ladder';
COMMENT ON FUNCTION ticket_sla.contract_in(cstring) IS 'input function of ticket_sla.contract';
COMMENT ON FUNCTION ticket_sla.contract_out(ticket_sla.contract) IS 'output function of ticket_sla.contract (canonical form)';
COMMENT ON FUNCTION ticket_sla.contract_recv(internal) IS 'binary input function of ticket_sla.contract';
COMMENT ON FUNCTION ticket_sla.contract_send(ticket_sla.contract) IS 'binary output function of ticket_sla.contract';

CREATE FUNCTION ticket_sla.contract_eq(ticket_sla.contract, ticket_sla.contract)
RETURNS boolean
AS 'MODULE_PATHNAME', 'contract_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE FUNCTION ticket_sla.contract_ne(ticket_sla.contract, ticket_sla.contract)
RETURNS boolean
AS 'MODULE_PATHNAME', 'contract_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR ticket_sla.= (
	LEFTARG = ticket_sla.contract,
	RIGHTARG = ticket_sla.contract,
	FUNCTION = ticket_sla.contract_eq,
	COMMUTATOR = OPERATOR(ticket_sla.=),
	NEGATOR = OPERATOR(ticket_sla.<>),
	RESTRICT = pg_catalog.eqsel,
	JOIN = pg_catalog.eqjoinsel
);

CREATE OPERATOR ticket_sla.<> (
	LEFTARG = ticket_sla.contract,
	RIGHTARG = ticket_sla.contract,
	FUNCTION = ticket_sla.contract_ne,
	COMMUTATOR = OPERATOR(ticket_sla.<>),
	NEGATOR = OPERATOR(ticket_sla.=),
	RESTRICT = pg_catalog.neqsel,
	JOIN = pg_catalog.neqjoinsel
);

COMMENT ON FUNCTION ticket_sla.contract_eq(ticket_sla.contract, ticket_sla.contract) IS 'true when two contracts are the same (same canonical form)';
COMMENT ON FUNCTION ticket_sla.contract_ne(ticket_sla.contract, ticket_sla.contract) IS 'true when two contracts differ';
COMMENT ON OPERATOR ticket_sla.=(ticket_sla.contract, ticket_sla.contract) IS 'equal';
COMMENT ON OPERATOR ticket_sla.<>(ticket_sla.contract, ticket_sla.contract) IS 'not equal';

------------------------------------------------------------------------------
-- A contract's targets as instants
--
-- A target on the business clock counts business time under the plan's
-- hours (as business_deadline does); one on the wall clock counts elapsed
-- time, a day being 24 hours.  NULL where the plan sets no target.
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.response_deadline(opened_at timestamptz, sev ticket_sla.severity, c ticket_sla.contract)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'response_deadline'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.response_deadline(timestamptz, ticket_sla.severity, ticket_sla.contract) IS
'When the first qualified response to a ticket of severity SEV opened at OPENED_AT is due under contract C; NULL when C sets no response target for SEV';

CREATE FUNCTION ticket_sla.resolution_deadline(opened_at timestamptz, sev ticket_sla.severity, c ticket_sla.contract)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'resolution_deadline'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.resolution_deadline(timestamptz, ticket_sla.severity, ticket_sla.contract) IS
'When a ticket of severity SEV opened at OPENED_AT is due to be resolved under contract C; NULL when C sets no resolution target for SEV';
