/* ticket_sla.sql: the extension as it is now, installed in one go */

\echo Use "CREATE EXTENSION ticket_sla" to load this file. \quit

-- This is the install script of the current version.  `make` copies it to
-- ticket_sla--<default_version of ticket_sla.control>.sql, which is what
-- CREATE EXTENSION ticket_sla runs: one script, no updates.  It is edited in
-- place.  Every change to it also goes into the update script to the next
-- version (ticket_sla--<old>--<new>.sql), written for a database that is
-- on the old version and holds data; test/t/003_upgrade.pl proves that a
-- database updated from every earlier version has exactly the catalog and
-- the schema dump of a fresh install of this script.  ticket_sla--0.1.sql
-- is the first version, frozen, for CREATE EXTENSION ... VERSION '0.1'.
--
-- The script runs with search_path set to the extension's schema (public,
-- usually), where others may be allowed to create objects: every operator,
-- function and aggregate that pg_catalog would match only through a cast is
-- qualified, and so is everything the DO blocks run.

-- The schema belongs to the extension: DROP EXTENSION removes it, and a
-- schema of that name created beforehand by anybody makes CREATE EXTENSION
-- fail instead of filling a schema somebody else controls.
CREATE SCHEMA ticket_sla;
COMMENT ON SCHEMA ticket_sla IS 'ticket_sla: SLA deadlines in business time';

-- The extension object itself: without a schema in the control file it
-- belongs to the first schema of the installer's search_path, and DROP
-- SCHEMA ... CASCADE there drops it with every ticket.  Only a schema whose
-- owner could drop the whole database anyway (a superuser, the database's
-- owner, or pg_database_owner, the owner of public since PostgreSQL 15) is
-- accepted.
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

------------------------------------------------------------------------------
-- The calendar type
--
-- A calendar is one self-contained value: weekly opening hours, a time zone,
-- public holidays by region and dated exceptions, written as a literal such as
--   'Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE-BE; closed 2026-12-31'
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
'Opening hours: weekly ranges, a time zone, public holidays by region, closed dates and special opening days';
COMMENT ON FUNCTION ticket_sla.calendar_in(cstring) IS 'input function of ticket_sla.calendar';
COMMENT ON FUNCTION ticket_sla.calendar_out(ticket_sla.calendar) IS 'output function of ticket_sla.calendar (canonical form)';
COMMENT ON FUNCTION ticket_sla.calendar_recv(internal) IS 'binary input function of ticket_sla.calendar';
COMMENT ON FUNCTION ticket_sla.calendar_send(ticket_sla.calendar) IS 'binary output function of ticket_sla.calendar';

CREATE FUNCTION ticket_sla.calendar_eq(ticket_sla.calendar, ticket_sla.calendar)
RETURNS boolean
AS 'MODULE_PATHNAME', 'same_bytes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE FUNCTION ticket_sla.calendar_ne(ticket_sla.calendar, ticket_sla.calendar)
RETURNS boolean
AS 'MODULE_PATHNAME', 'different_bytes'
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
-- the opening instant, closed at the closing instant).  docs/calendars.md states
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

CREATE FUNCTION ticket_sla.time_zone(cal ticket_sla.calendar)
RETURNS text
AS 'MODULE_PATHNAME', 'calendar_time_zone'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.time_zone(ticket_sla.calendar) IS
'The canonical name of the time zone CAL''s hours are kept in (UTC when the literal names none)';

CREATE FUNCTION ticket_sla.business_intervals(cal ticket_sla.calendar, during tstzrange)
RETURNS SETOF tstzrange
AS 'MODULE_PATHNAME', 'business_intervals'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 50;

COMMENT ON FUNCTION ticket_sla.business_intervals(ticket_sla.calendar, tstzrange) IS
'The open spans of the calendar inside DURING, merged and in order';

------------------------------------------------------------------------------
-- Public holidays by rule
--
-- A calendar's clause "holidays REGION[, REGION...]" closes the public
-- holidays of built-in regions in every year 1990 to 2100:
--   'Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE-BE'
-- The value holds the region codes, not the dates: the rules are part of
-- the extension, so the functions on calendars stay IMMUTABLE.  An "open"
-- date overrides a holiday.  docs/calendars.md lists the regions and their rules.
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.holidays(region text, from_year integer, to_year integer)
RETURNS TABLE (day date, name text)
AS 'MODULE_PATHNAME', 'holidays'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 15;

COMMENT ON FUNCTION ticket_sla.holidays(text, integer, integer) IS
'The public holidays a region closes in the years FROM_YEAR to TO_YEAR (1990 to 2100), in date order, named in the country''s language';

------------------------------------------------------------------------------
-- Closed dates from elsewhere
--
-- An office's own closing days often live in a shared calendar.  Its
-- iCalendar export (Outlook, Google, Apple) gives the dates, and a calendar
-- takes them in:
--   SELECT ticket_sla.with_closed_dates('Mon-Fri 09:00-17:00; tz Europe/Amsterdam',
--            ARRAY(SELECT ticket_sla.closed_dates_from_ical(pg_read_file('/path/closures.ics'))));
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.closed_dates_from_ical(ics text)
RETURNS SETOF date
AS 'MODULE_PATHNAME', 'closed_dates_from_ical'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;

COMMENT ON FUNCTION ticket_sla.closed_dates_from_ical(text) IS
'The dates of the all-day events of an iCalendar file, in order and each once; timed and cancelled events are left out';

CREATE FUNCTION ticket_sla.closed_dates_from_ical(ics text, within daterange)
RETURNS SETOF date
AS 'MODULE_PATHNAME', 'closed_dates_from_ical'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 20;

COMMENT ON FUNCTION ticket_sla.closed_dates_from_ical(text, daterange) IS
'The dates within WITHIN of the all-day events of an iCalendar file; an event that recurs without end is read within it';

CREATE FUNCTION ticket_sla.with_closed_dates(cal ticket_sla.calendar, dates date[])
RETURNS ticket_sla.calendar
AS 'MODULE_PATHNAME', 'with_closed_dates'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.with_closed_dates(ticket_sla.calendar, date[]) IS
'The calendar with DATES closed as well';

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
-- docs/contracts.md lists the whole syntax and the seven plans of the seed policies.
------------------------------------------------------------------------------

CREATE TYPE ticket_sla.severity AS ENUM ('critical', 'high', 'medium', 'low');

COMMENT ON TYPE ticket_sla.severity IS
'How urgent a ticket is, most urgent first (the policies'' level 1 to 4, P1 to P4)';

CREATE TYPE ticket_sla.tier AS ENUM ('premium', 'standard');

COMMENT ON TYPE ticket_sla.tier IS
'Whose requests are served first: premium before standard';

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
AS 'MODULE_PATHNAME', 'same_bytes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE FUNCTION ticket_sla.contract_ne(ticket_sla.contract, ticket_sla.contract)
RETURNS boolean
AS 'MODULE_PATHNAME', 'different_bytes'
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

CREATE FUNCTION ticket_sla.plan_time_between("from" timestamptz, "to" timestamptz, c ticket_sla.contract)
RETURNS interval
AS 'MODULE_PATHNAME', 'contract_time_between'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.plan_time_between(timestamptz, timestamptz, ticket_sla.contract) IS
'Business time in [FROM, TO) under the hours of plan C; elapsed time when C has no hours (always open); negative when TO < FROM';

------------------------------------------------------------------------------
-- How far a ticket's clocks have run
--
-- A target's length is the time its own clock counts from the clock start
-- to the unpaused deadline; the time used is the clock's time from the
-- start to the reading AT, less the paused time; what remains is the length
-- less what is used (negative once missed).  The state is "met" or
-- "breached" for a clock STOPPED at AT, else "breached" after the deadline,
-- "at risk" from the plan's warning share (warn at N%) on, or "on track".
-- The views below read these, so that they show the engine's own numbers.
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.response_progress(
	clock_start timestamptz, sev ticket_sla.severity, c ticket_sla.contract,
	"at" timestamptz, stopped boolean,
	OUT due timestamptz, OUT target interval, OUT used interval,
	OUT remaining interval, OUT share double precision, OUT state text)
AS 'MODULE_PATHNAME', 'response_progress'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.response_progress(timestamptz, ticket_sla.severity, ticket_sla.contract, timestamptz, boolean) IS
'The first-response target of severity SEV under C for a clock started at CLOCK_START, read at AT: due, length, time used and remaining on its clock, share used, state; NULL when C sets no such target';

CREATE FUNCTION ticket_sla.resolution_progress(
	clock_start timestamptz, sev ticket_sla.severity, c ticket_sla.contract,
	paused_business interval, paused_elapsed interval,
	"at" timestamptz, stopped boolean,
	OUT due timestamptz, OUT target interval, OUT used interval,
	OUT remaining interval, OUT share double precision, OUT state text)
AS 'MODULE_PATHNAME', 'resolution_progress'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.resolution_progress(timestamptz, ticket_sla.severity, ticket_sla.contract, interval, interval, timestamptz, boolean) IS
'The resolution target as response_progress reads it, its clock paused for PAUSED_BUSINESS (business time under the plan''s hours) or PAUSED_ELAPSED (round the clock), whichever its clock counts';

CREATE FUNCTION ticket_sla.reply_progress(
	awaiting_since timestamptz, sev ticket_sla.severity, c ticket_sla.contract,
	"at" timestamptz, stopped boolean,
	OUT due timestamptz, OUT target interval, OUT used interval,
	OUT remaining interval, OUT share double precision, OUT state text)
AS 'MODULE_PATHNAME', 'reply_progress'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.reply_progress(timestamptz, ticket_sla.severity, ticket_sla.contract, timestamptz, boolean) IS
'The reply target as response_progress reads it, for a reply owed since AWAITING_SINCE (0.6)';

CREATE FUNCTION ticket_sla.update_progress(
	update_from timestamptz, sev ticket_sla.severity, c ticket_sla.contract,
	"at" timestamptz, stopped boolean,
	OUT due timestamptz, OUT target interval, OUT used interval,
	OUT remaining interval, OUT share double precision, OUT state text)
AS 'MODULE_PATHNAME', 'update_progress'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.update_progress(timestamptz, ticket_sla.severity, ticket_sla.contract, timestamptz, boolean) IS
'The update target as response_progress reads it, for an update clock counting since UPDATE_FROM (0.6)';

------------------------------------------------------------------------------
-- Escalation ladders as instants
--
-- A step "escalate after 1 hour to ..." falls due that long after the clock
-- start on its own clock (business time under the plan's hours, or round
-- the clock); the ladder is never paused.  Steps fire in the order written:
-- a step is due once it and every step before it are due.
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.escalation_due(
	opened_at timestamptz, sev ticket_sla.severity, c ticket_sla.contract, "at" timestamptz,
	OUT step integer, OUT next_due timestamptz)
AS 'MODULE_PATHNAME', 'escalation_due'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.escalation_due(timestamptz, ticket_sla.severity, ticket_sla.contract, timestamptz) IS
'The last escalation step of severity SEV under C due at AT for a ticket opened at OPENED_AT (0 when none), and when the next one falls due (NULL when none is left)';

CREATE FUNCTION ticket_sla.escalation_steps(
	opened_at timestamptz, sev ticket_sla.severity, c ticket_sla.contract,
	OUT step integer, OUT after text, OUT due timestamptz, OUT recipients text[])
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'escalation_steps'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;

COMMENT ON FUNCTION ticket_sla.escalation_steps(timestamptz, ticket_sla.severity, ticket_sla.contract) IS
'The escalation ladder of severity SEV under C for a ticket opened at OPENED_AT: each step, after how long (as written), when it falls due, and to whom';

------------------------------------------------------------------------------
-- What a contract says
--
-- The plan's terms besides its targets, for constraints, triggers and
-- reports.
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.plan_name(c ticket_sla.contract)
RETURNS text
AS 'MODULE_PATHNAME', 'contract_plan_name'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.plan_name(ticket_sla.contract) IS
'The name of the plan C; NULL when it has none';

CREATE FUNCTION ticket_sla.tier(c ticket_sla.contract)
RETURNS ticket_sla.tier
AS 'MODULE_PATHNAME', 'contract_tier'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.tier(ticket_sla.contract) IS
'The tier of the plan C: premium or standard';

CREATE FUNCTION ticket_sla.hours(c ticket_sla.contract)
RETURNS ticket_sla.calendar
AS 'MODULE_PATHNAME', 'contract_hours_of'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.hours(ticket_sla.contract) IS
'The opening hours of the plan C; NULL when it has none (all its terms are round the clock)';

CREATE FUNCTION ticket_sla.named_contact_limit(c ticket_sla.contract)
RETURNS integer
AS 'MODULE_PATHNAME', 'contract_named_contact_limit'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.named_contact_limit(ticket_sla.contract) IS
'How many active named contacts a customer on plan C may have; NULL when unlimited';

CREATE FUNCTION ticket_sla.premium_quota(c ticket_sla.contract)
RETURNS integer
AS 'MODULE_PATHNAME', 'contract_premium_quota'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.premium_quota(ticket_sla.contract) IS
'How many premium requests plan C allows per quota period; NULL when unlimited';

CREATE FUNCTION ticket_sla.warn_percent(c ticket_sla.contract)
RETURNS integer
AS 'MODULE_PATHNAME', 'contract_warn_percent'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.warn_percent(ticket_sla.contract) IS
'The share of a target, in percent, from which plan C holds a ticket at risk; NULL when it gives no warning';

CREATE FUNCTION ticket_sla.quota_period_start(c ticket_sla.contract, contract_start date, "at" timestamptz)
RETURNS date
AS 'MODULE_PATHNAME', 'quota_period_start'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.quota_period_start(ticket_sla.contract, date, timestamptz) IS
'The first day of the quota period of plan C that holds AT (a date in the plan''s time zone), periods counted from CONTRACT_START; NULL when C has no quota';

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

CREATE FUNCTION ticket_sla.local_hours(c ticket_sla.contract)
RETURNS boolean
AS 'MODULE_PATHNAME', 'contract_local_hours'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.local_hours(ticket_sla.contract) IS
'Whether plan C keeps its hours in each customer''s own time zone and holidays (local hours)';

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

------------------------------------------------------------------------------
-- Case numbers
--
-- Every ticket gets CASE-<year it was opened, UTC>-<serial number of at
-- least six digits>, from one sequence: unique under any concurrency, never
-- reused.  A rolled-back insert leaves a gap, as sequences do.
------------------------------------------------------------------------------

CREATE SEQUENCE ticket_sla.case_number_seq AS bigint;

COMMENT ON SEQUENCE ticket_sla.case_number_seq IS
'The serial numbers of case numbers';

CREATE FUNCTION ticket_sla.subject_tag("case" text)
RETURNS text
AS 'MODULE_PATHNAME', 'subject_tag'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.subject_tag(text) IS
'The tag outgoing mail puts in its subject so that replies find the case: [CASE-2026-000042]';

CREATE FUNCTION ticket_sla.case_from_subject(subject text)
RETURNS text
AS 'MODULE_PATHNAME', 'case_from_subject'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.case_from_subject(text) IS
'The case number tagged in a mail subject (Re: AW: [CASE-2026-000042] ...), upper-cased; NULL when it has none';

------------------------------------------------------------------------------
-- The ticket store
--
-- contracts        the plans sold, by name; changing a plan's terms adds a
-- contract_terms   version there, and tickets keep the version in force
--                  when they were opened until ticket_sla.retarget moves them
-- customers        organisations and their contract
-- contacts         a customer's named people
-- tickets          the requests, stamped by ticket_sla.stamp_ticket
-- premium_requests premium requests used per customer and quota period
--
-- Trigger functions, on their own tables only.  A trigger function runs
-- with the rights of its definition (SECURITY DEFINER) or, like
-- stamp_ticket, takes the owner's rights for a step, and writes tables
-- nobody may write directly.  Attached by somebody else to a table of their
-- own (a temp table, a view) it would write those tables for them: contract
-- terms, clock segments, premium requests of any customer.  Two locks keep
-- that door shut.  PostgreSQL checks EXECUTE on a trigger function when a
-- trigger is created, not when it fires: no role but the ones that need it
-- may execute one (each is revoked from PUBLIC below it), while the store's
-- own triggers, made by the installing superuser, fire for everybody.  And
-- each function refuses, with 42501, to run on any relation but its own,
-- should it be attached by a superuser or a role granted EXECUTE by
-- mistake: the PL/pgSQL ones call require_trigger_relation first,
-- stamp_ticket and stamp_deadlines check their relation in C.
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

CREATE TYPE ticket_sla.channel AS ENUM ('phone', 'email', 'web', 'chat');

COMMENT ON TYPE ticket_sla.channel IS 'How a request reached the support desk';

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

CREATE TABLE ticket_sla.contracts (
	contract_id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	name text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
	terms ticket_sla.contract NOT NULL
);

COMMENT ON TABLE ticket_sla.contracts IS
'The support plans sold, each under a name; every change of terms is kept in contract_terms';
COMMENT ON COLUMN ticket_sla.contracts.terms IS 'The terms new tickets are opened under';

CREATE TABLE ticket_sla.contract_terms (
	terms_id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	contract_id integer NOT NULL REFERENCES ticket_sla.contracts ON DELETE CASCADE,
	terms ticket_sla.contract NOT NULL,
	in_force_from timestamptz NOT NULL DEFAULT now(),
	-- (0.5) a version localized for customers of one time zone and holidays
	localizes integer,
	locale text,
	UNIQUE (localizes, locale),
	CHECK ((localizes IS NULL) = (locale IS NULL))
);

CREATE INDEX contract_terms_latest ON ticket_sla.contract_terms (contract_id, terms_id);

COMMENT ON COLUMN ticket_sla.contract_terms.localizes IS
'The version of terms (terms_id) this one localizes for customers with local hours (its hours in their time zone and holidays); NULL for a contract''s own versions.  No foreign key: a table referring to itself would make pg_dump warn of circular keys; both go with their contract';
COMMENT ON COLUMN ticket_sla.contract_terms.locale IS 'The customers'' time zone and holiday regions it is localized for (customer_locale)';

COMMENT ON TABLE ticket_sla.contract_terms IS
'Every version of every contract''s terms, never changed: a ticket keeps the version it was opened under';

-- A new version of the terms whenever a contract's terms change; SECURITY
-- DEFINER because nobody writes contract_terms directly
CREATE FUNCTION ticket_sla.record_contract_terms()
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

COMMENT ON FUNCTION ticket_sla.record_contract_terms() IS
'Trigger of contracts: records each new version of a contract''s terms in contract_terms';
REVOKE EXECUTE ON FUNCTION ticket_sla.record_contract_terms() FROM PUBLIC;

CREATE TRIGGER record_terms
AFTER INSERT OR UPDATE OF terms ON ticket_sla.contracts
FOR EACH ROW EXECUTE FUNCTION ticket_sla.record_contract_terms();

-- Versions are facts: refuse to rewrite them
CREATE FUNCTION ticket_sla.refuse_terms_change()
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

COMMENT ON FUNCTION ticket_sla.refuse_terms_change() IS
'Trigger of contract_terms: a version of terms, once recorded, never changes';
REVOKE EXECUTE ON FUNCTION ticket_sla.refuse_terms_change() FROM PUBLIC;

CREATE TRIGGER terms_are_final
BEFORE UPDATE ON ticket_sla.contract_terms
FOR EACH ROW EXECUTE FUNCTION ticket_sla.refuse_terms_change();

CREATE TABLE ticket_sla.customers (
	customer_id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	organisation text NOT NULL UNIQUE CHECK (btrim(organisation) <> ''),
	contract_id integer NOT NULL REFERENCES ticket_sla.contracts,
	contract_start date NOT NULL DEFAULT current_date,
	-- (0.5) its own time zone and holiday regions, for plans with local hours
	time_zone text,
	holiday_regions text[],
	CHECK (ticket_sla.localized('hours (24x7); local hours', time_zone, holiday_regions) IS NOT NULL)
);

CREATE INDEX customers_contract ON ticket_sla.customers (contract_id);

COMMENT ON COLUMN ticket_sla.customers.time_zone IS
'The customer''s time zone (Europe/Berlin): a plan with local hours keeps its hours in it; NULL: the plan''s';
COMMENT ON COLUMN ticket_sla.customers.holiday_regions IS
'The public holidays the customer keeps ({DE-BE}): a plan with local hours closes on them; NULL: the plan''s, {}: none';

COMMENT ON TABLE ticket_sla.customers IS 'The organisations served, each under a contract';
COMMENT ON COLUMN ticket_sla.customers.contract_start IS
'When the contract began: its quota periods are counted from this date';

-- The customer's contract as in force now
CREATE VIEW ticket_sla.customer_terms AS
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

COMMENT ON VIEW ticket_sla.customer_terms IS
'Each customer with the version of its contract''s terms that new tickets are opened under';

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

CREATE TABLE ticket_sla.contacts (
	contact_id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	customer_id integer NOT NULL REFERENCES ticket_sla.customers ON DELETE CASCADE,
	name text NOT NULL CHECK (btrim(name) <> ''),
	email text,
	phone text,
	active boolean NOT NULL DEFAULT true,
	UNIQUE (customer_id, contact_id)
);

COMMENT ON TABLE ticket_sla.contacts IS
'A customer''s named people; a plan may limit how many are active';

-- The named-contact limit, exact under concurrency: the customer's row is
-- locked while its active contacts are counted.
CREATE FUNCTION ticket_sla.check_named_contacts()
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

COMMENT ON FUNCTION ticket_sla.check_named_contacts() IS
'Trigger of contacts: refuses an active contact beyond the named-contact limit of the customer''s contract';
REVOKE EXECUTE ON FUNCTION ticket_sla.check_named_contacts() FROM PUBLIC;

CREATE TRIGGER named_contact_limit
BEFORE INSERT OR UPDATE OF active, customer_id ON ticket_sla.contacts
FOR EACH ROW EXECUTE FUNCTION ticket_sla.check_named_contacts();

CREATE TABLE ticket_sla.premium_requests (
	customer_id integer NOT NULL REFERENCES ticket_sla.customers ON DELETE CASCADE,
	period_start date NOT NULL,
	used integer NOT NULL CHECK (used >= 0),
	PRIMARY KEY (customer_id, period_start)
);

COMMENT ON TABLE ticket_sla.premium_requests IS
'Premium requests used, per customer and quota period (written by the ticket trigger only)';

-- Takes one premium request of the period if any is left.  The row lock of
-- the upsert makes concurrent inserts count one after another; a statement
-- that fails later rolls the count back with it.
CREATE FUNCTION ticket_sla.take_premium_request(customer integer, period date, quota integer)
RETURNS boolean
LANGUAGE sql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
	INSERT INTO ticket_sla.premium_requests AS p (customer_id, period_start, used)
	SELECT customer, period, 1 WHERE quota > 0
	ON CONFLICT (customer_id, period_start)
	DO UPDATE SET used = p.used + 1 WHERE p.used < quota
	RETURNING true
$$;

COMMENT ON FUNCTION ticket_sla.take_premium_request(integer, date, integer) IS
'Counts one premium request of CUSTOMER in the quota period starting PERIOD; NULL (none taken) when QUOTA are used';

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

CREATE TABLE ticket_sla.tickets (
	ticket_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	case_number text NOT NULL UNIQUE,
	customer_id integer NOT NULL REFERENCES ticket_sla.customers,
	contact_id integer,
	-- the report, as the Cyren policy asks for it: the fields a ticket's plan
	-- requires (report requires ...) must be given (0.5; all of them before)
	service text CHECK (btrim(service) <> ''),
	summary text CHECK (btrim(summary) <> ''),
	problem_at timestamptz,
	business_impact text CHECK (btrim(business_impact) <> ''),
	description text CHECK (btrim(description) <> ''),
	current_behaviour text CHECK (btrim(current_behaviour) <> ''),
	expected_behaviour text CHECK (btrim(expected_behaviour) <> ''),
	-- its handling
	channel ticket_sla.channel NOT NULL,
	severity ticket_sla.severity NOT NULL,
	status text NOT NULL DEFAULT 'new' REFERENCES ticket_sla.statuses,
	holder text,
	support_level smallint NOT NULL DEFAULT 1 CHECK (support_level BETWEEN 1 AND 3),
	confidential boolean NOT NULL DEFAULT false,
	tier ticket_sla.tier NOT NULL,
	-- its SLA state
	terms_id integer NOT NULL REFERENCES ticket_sla.contract_terms,
	opened_at timestamptz NOT NULL DEFAULT now(),
	clock_start timestamptz NOT NULL,
	response_due timestamptz,
	first_response_at timestamptz,
	response_met boolean GENERATED ALWAYS AS (first_response_at <= response_due) STORED,
	resolution_due timestamptz,
	resolved_at timestamptz,
	resolution_met boolean GENERATED ALWAYS AS (resolved_at <= resolution_due) STORED,
	-- its history, kept by the trigger
	changed_at timestamptz NOT NULL,
	paused_since timestamptz,
	paused_business interval NOT NULL,
	paused_elapsed interval NOT NULL,
	escalation_level integer NOT NULL,
	next_escalation_at timestamptz,
	-- what the queue orders by first: the response deadline until the
	-- first response, then the resolution deadline
	due timestamptz GENERATED ALWAYS AS
		(COALESCE(CASE WHEN first_response_at IS NULL THEN response_due END, resolution_due)) STORED,
	-- what kind of request it is (0.5)
	request_type text NOT NULL DEFAULT 'incident' REFERENCES ticket_sla.request_types,
	-- its cycles and conversation (0.6): the resolution cycle, and the reply
	-- and update clocks that ticket_sla.messages arm and stop
	cycle integer NOT NULL DEFAULT 1 CHECK (cycle > 0),
	reopened_at timestamptz,
	awaiting_reply_since timestamptz,
	reply_cycle integer NOT NULL DEFAULT 0,
	reply_due timestamptz,
	last_agent_message_at timestamptz,
	update_from timestamptz,
	update_cycle integer NOT NULL DEFAULT 0,
	update_due timestamptz,
	-- due dates set by hand (0.6): written by ticket_sla.set_due and
	-- clear_due only, stamped by the trigger over the terms' deadlines
	response_due_set timestamptz,
	resolution_due_set timestamptz,
	-- its time-driven events, kept by the trigger and process_escalations (0.6)
	next_event_at timestamptz,
	events_fired integer NOT NULL,
	-- the transaction that last wrote it, stamped by the trigger: what the
	-- report rollups read to find what changed (0.6)
	revision xid8 NOT NULL DEFAULT '0',
	FOREIGN KEY (customer_id, contact_id) REFERENCES ticket_sla.contacts (customer_id, contact_id)
);

-- a customer's tickets by opening: the days of the report rollups (0.6;
-- customer_id alone before), the quarterly report
CREATE INDEX tickets_customer ON ticket_sla.tickets (customer_id, opened_at);
CREATE INDEX tickets_terms ON ticket_sla.tickets (terms_id);
CREATE INDEX tickets_queue ON ticket_sla.tickets (due, tier, severity, opened_at, ticket_id)
	WHERE resolved_at IS NULL;
-- what the tier queue orders by: premium first, then as tickets_queue
CREATE INDEX tickets_tier_queue ON ticket_sla.tickets (tier, due, severity, opened_at, ticket_id)
	WHERE resolved_at IS NULL;
COMMENT ON INDEX ticket_sla.tickets_queue IS
'The order of ticket_sla.queue: open tickets by next deadline, tier, severity, age';
COMMENT ON INDEX ticket_sla.tickets_tier_queue IS
'The order of ticket_sla.tier_queue: open tickets by tier, next deadline, severity, age';

-- what process_escalations reads: only tickets with an event still to fire
CREATE INDEX tickets_events ON ticket_sla.tickets (next_event_at)
	WHERE next_event_at IS NOT NULL;
-- what the report rollups read: the tickets written since their last
-- refresh (0.6)
CREATE INDEX tickets_revision ON ticket_sla.tickets (revision);
COMMENT ON INDEX ticket_sla.tickets_revision IS
'What refresh_reports and the reports read: the tickets written since the last refresh of the rollups';
COMMENT ON INDEX ticket_sla.tickets_customer IS
'A customer''s tickets by opening: the days of the report rollups, the quarterly report';

COMMENT ON INDEX ticket_sla.tickets_events IS
'What process_escalations reads: the tickets with an escalation step, warning or breach still to fire, by when';

COMMENT ON TABLE ticket_sla.tickets IS
'Support requests; on insert ticket_sla.stamp_ticket stamps the case number, tier, terms and deadlines';
COMMENT ON COLUMN ticket_sla.tickets.case_number IS 'CASE-<year>-<number>, stamped on insert';
COMMENT ON COLUMN ticket_sla.tickets.problem_at IS 'When the problem happened, as reported';
COMMENT ON COLUMN ticket_sla.tickets.holder IS 'Who works the ticket';
COMMENT ON COLUMN ticket_sla.tickets.support_level IS 'Support level holding it: 1st, 2nd or 3rd';
COMMENT ON COLUMN ticket_sla.tickets.confidential IS
'Only roles granted ticket_sla_cleared see or change it (OFFICIAL-SENSITIVE)';
COMMENT ON COLUMN ticket_sla.tickets.tier IS
'The plan''s tier; standard when asked for, or when the premium-request quota is used up';
COMMENT ON COLUMN ticket_sla.tickets.terms_id IS 'The version of the contract''s terms the ticket is held to';
COMMENT ON COLUMN ticket_sla.tickets.clock_start IS
'When the SLA clocks started: opened_at, or the next opening for a request out of hours not made by phone under a plan that requires it';
COMMENT ON COLUMN ticket_sla.tickets.response_due IS 'When the first qualified response is due; NULL when the plan sets no target';
COMMENT ON COLUMN ticket_sla.tickets.first_response_at IS 'When the first qualified response was given; it stops the response clock';
COMMENT ON COLUMN ticket_sla.tickets.response_met IS 'Whether the first response came in time; NULL until it comes or when there is no target';
COMMENT ON COLUMN ticket_sla.tickets.resolution_due IS 'When resolution is due; NULL when the plan sets no target';
COMMENT ON COLUMN ticket_sla.tickets.resolution_met IS 'Whether it was resolved in time; NULL until resolved or when there is no target';
COMMENT ON COLUMN ticket_sla.tickets.changed_at IS
'When the status, severity or terms last changed (opened_at until then): given with the change, or the transaction time';
COMMENT ON COLUMN ticket_sla.tickets.paused_since IS
'Since when the resolution clock is paused or stopped (by its status); NULL while it runs';
COMMENT ON COLUMN ticket_sla.tickets.paused_business IS
'Business time (under the plan''s hours) the resolution clock spent paused, and resolved before a reopening; it moves resolution_due on';
COMMENT ON COLUMN ticket_sla.tickets.paused_elapsed IS
'The same paused time round the clock, for resolution targets on the wall clock';
COMMENT ON COLUMN ticket_sla.tickets.escalation_level IS
'How many steps of the escalation ladder have fired (ticket_sla.process_escalations)';
COMMENT ON COLUMN ticket_sla.tickets.next_escalation_at IS
'When the next step of the escalation ladder falls due; NULL when none is left or the ticket is resolved';
COMMENT ON COLUMN ticket_sla.tickets.request_type IS
'The kind of request: its contract''s terms for that type apply, where it gives some';
COMMENT ON COLUMN ticket_sla.tickets.next_event_at IS
'When the next escalation step, warning or breach falls due (stamped by the trigger); NULL when none is left';
COMMENT ON COLUMN ticket_sla.tickets.events_fired IS
'The warnings and breaches fired in the current cycles, a bit each (1 response warning, 2 response breach, 4 resolution warning, 8 resolution breach, 16 and 32 the reply''s, 64 and 128 the update''s); set by process_escalations only';
COMMENT ON COLUMN ticket_sla.tickets.revision IS
'The transaction that last wrote the ticket (stamped by the trigger on every insert and update; 0 for a ticket not written since the update to 0.6): what the report rollups read to find what changed (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.due IS 'The next deadline: response_due until the first response, then resolution_due';
COMMENT ON COLUMN ticket_sla.tickets.cycle IS
'The resolution cycle: 1, and one more at each reopening, which re-arms the resolution''s warning and breach (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.reopened_at IS
'When the ticket was last reopened; NULL if never (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.awaiting_reply_since IS
'Since when the customer waits for a reply: their first message after the last answer, or the reopening; NULL when no reply is owed (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.reply_cycle IS
'How many times the reply clock was armed (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.reply_due IS
'When the reply owed is due; NULL when none is owed or the plan sets no reply target (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.last_agent_message_at IS
'When an agent last wrote to the customer (a public agent message) (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.update_from IS
'Since when the update clock counts: the clock start, the last public agent message, or the last time the resolution clock started again; NULL while it does not run (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.update_cycle IS
'How many times the update clock started (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.update_due IS
'When the customer must next hear from an agent; NULL while the resolution clock does not run or the plan sets no update target (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.response_due_set IS
'The response due date set by hand (ticket_sla.set_due), stamped into response_due whatever the terms say; NULL when none';
COMMENT ON COLUMN ticket_sla.tickets.resolution_due_set IS
'The resolution due date set by hand (ticket_sla.set_due), stamped into resolution_due whatever the terms say or the pauses; NULL when none';

CREATE FUNCTION ticket_sla.stamp_ticket()
RETURNS trigger
AS 'MODULE_PATHNAME', 'stamp_ticket'
LANGUAGE C;

COMMENT ON FUNCTION ticket_sla.stamp_ticket() IS
'Trigger of tickets: stamps case number, tier, terms and deadlines on insert, re-stamps on a severity or terms change or after a pause, keeps the next escalation and event, guards what must not change';
REVOKE EXECUTE ON FUNCTION ticket_sla.stamp_ticket() FROM PUBLIC;

CREATE TRIGGER stamp
BEFORE INSERT OR UPDATE ON ticket_sla.tickets
FOR EACH ROW EXECUTE FUNCTION ticket_sla.stamp_ticket();

-- SECURITY DEFINER so that confidential tickets are retargeted too.  It
-- moves the tickets in batches of BATCH, in ticket order, and reports its
-- progress after each.
CREATE FUNCTION ticket_sla.retarget(contract text, batch integer DEFAULT 10000)
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

COMMENT ON FUNCTION ticket_sla.retarget(text, integer) IS
'Holds the open tickets of the customers on CONTRACT to its current terms, re-stamping their deadlines, BATCH tickets at a time with a NOTICE after each; returns how many tickets moved';

------------------------------------------------------------------------------
-- Stamping an application's own table
--
--   CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON app.tickets FOR EACH ROW
--   EXECUTE FUNCTION ticket_sla.stamp_deadlines(
--       'opened_at', 'severity', 'contract', 'response_due', 'resolution_due');
--
-- The arguments name the columns, as contrib's moddatetime does; they are
-- checked when the trigger first fires.
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.stamp_deadlines()
RETURNS trigger
AS 'MODULE_PATHNAME', 'stamp_deadlines'
LANGUAGE C;

COMMENT ON FUNCTION ticket_sla.stamp_deadlines() IS
'Trigger for an application''s table: stamps the response and resolution deadlines into the columns named by its arguments (opened_at, severity, contract, response_due, resolution_due); EXECUTE for ticket_sla_admin and whom a DBA grants it; refuses the store''s own tables';

-- The trigger for an application's own table: its owner attaches it, so the
-- owner needs EXECUTE.  The admin has it (granted below, with the roles); a
-- DBA grants it to the role that owns the application's tables.  It runs
-- with its caller's rights, writes only the row it is given, and refuses
-- the store's tables.
REVOKE EXECUTE ON FUNCTION ticket_sla.stamp_deadlines() FROM PUBLIC;

------------------------------------------------------------------------------
-- The queue
--
-- Open tickets, most urgent first: the earliest next deadline (response
-- until answered, then resolution), then premium before standard, then
-- severity, then the oldest.  The partial index tickets_queue holds exactly
-- this order, so the first rows come straight from it.
------------------------------------------------------------------------------

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

------------------------------------------------------------------------------
-- The tier queue
--
-- Open tickets in the order the premium policies ask for (Kaspersky TAM and
-- MSA Plus: premium requests rank above standard ones; Perseus: premium
-- customers get priority): every premium ticket before every standard one,
-- then as the queue, by the next deadline (tickets with none last in their
-- tier), severity and age.  A premium ticket without a target (MSA Plus
-- levels 2-4) comes before a standard ticket due in a minute, which the
-- queue would put first.  The partial index tickets_tier_queue holds
-- exactly this order.
------------------------------------------------------------------------------

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

------------------------------------------------------------------------------
-- Paused clocks and their ledger
--
-- The resolution clock runs, is paused or stops as the ticket's status
-- says (ticket_sla.statuses: new and in progress run it, waiting on
-- customer pauses it, resolved and closed stop it); the first-response
-- clock runs until the first response.  The
-- trigger keeps the paused time on the ticket (paused_business,
-- paused_elapsed) and moves resolution_due on by it.
--
-- clock_segments holds every finished stretch of either clock: from when to
-- when, running or paused and why, under which severity and terms, and the
-- business time it took.  A change of status, severity or terms (at the
-- ticket's changed_at) ends the stretches of both clocks; the first response
-- ends the response clock's.  clock_ledger adds the stretches still running,
-- so that the ledger alone tells why a target was missed.
------------------------------------------------------------------------------

CREATE TYPE ticket_sla.sla_clock AS ENUM ('response', 'resolution', 'reply', 'update');

COMMENT ON TYPE ticket_sla.sla_clock IS
'The clocks of a ticket: to the first response, to the resolution, to the reply owed, to the next update (0.6)';

CREATE TABLE ticket_sla.clock_segments (
	ticket_id bigint NOT NULL REFERENCES ticket_sla.tickets ON DELETE CASCADE,
	clock ticket_sla.sla_clock NOT NULL,
	from_at timestamptz NOT NULL,
	to_at timestamptz NOT NULL CHECK (to_at > from_at),
	state text NOT NULL CHECK (state IN ('running', 'paused')),
	reason text REFERENCES ticket_sla.statuses CHECK ((state = 'paused') = (reason IS NOT NULL)),
	severity ticket_sla.severity NOT NULL,
	terms_id integer NOT NULL REFERENCES ticket_sla.contract_terms,
	business_time interval NOT NULL,
	PRIMARY KEY (ticket_id, clock, from_at),
	-- the support level holding the ticket (0.5; NULL in stretches written before)
	support_level smallint CHECK (support_level BETWEEN 1 AND 3),
	-- the cycle of its clock (0.6; NULL in stretches written before)
	cycle integer CHECK (cycle > 0)
);

COMMENT ON TABLE ticket_sla.clock_segments IS
'The finished stretches of every ticket''s two clocks, written by the trigger record_segments';
COMMENT ON COLUMN ticket_sla.clock_segments.state IS 'running, or paused (the resolution clock only)';
COMMENT ON COLUMN ticket_sla.clock_segments.reason IS 'The status that paused the clock (one whose clock effect is paused, or stopped before a reopening)';
COMMENT ON COLUMN ticket_sla.clock_segments.support_level IS 'The support level that held the ticket during the stretch; NULL for stretches recorded before 0.5';
COMMENT ON COLUMN ticket_sla.clock_segments.cycle IS 'The cycle of the clock: 1 for the response, the resolution cycle, the reply or update clock''s count; NULL for stretches recorded before 0.6';
COMMENT ON COLUMN ticket_sla.clock_segments.business_time IS 'Business time of the stretch under the terms'' hours (elapsed time for a plan without hours)';

-- The cycles a ticket's clocks have finished (0.6).  The first response
-- has one, on the ticket; the resolution clock starts a cycle at each
-- reopening, the reply clock at each customer message that finds no reply
-- owed, the update clock at each public agent message and each time the
-- resolution clock starts again.  The current cycle of each is on the
-- ticket; a finished one is a row here, with its outcome.
CREATE TABLE ticket_sla.target_cycles (
	ticket_id bigint NOT NULL REFERENCES ticket_sla.tickets ON DELETE CASCADE,
	target ticket_sla.sla_clock NOT NULL CHECK (target <> 'response'),
	cycle integer NOT NULL CHECK (cycle > 0),
	started_at timestamptz NOT NULL,
	due_at timestamptz,
	ended_at timestamptz NOT NULL CHECK (ended_at >= started_at),
	ended_by text NOT NULL CHECK (ended_by IN ('answer', 'update', 'resolution', 'pause')),
	met boolean,
	due_manual boolean NOT NULL,
	severity ticket_sla.severity NOT NULL,
	terms_id integer NOT NULL REFERENCES ticket_sla.contract_terms,
	PRIMARY KEY (ticket_id, target, cycle)
);

COMMENT ON TABLE ticket_sla.target_cycles IS
'The finished cycles of every ticket''s resolution, reply and update clocks, with their outcome, written by the trigger record_segments (0.6)';
COMMENT ON COLUMN ticket_sla.target_cycles.due_at IS 'Its deadline when it ended; NULL when the plan set no such target';
COMMENT ON COLUMN ticket_sla.target_cycles.ended_by IS
'What ended it: an answer (reply clock), an update (a public agent message, update clock), the resolution, or a pause of the resolution clock (update clock)';
COMMENT ON COLUMN ticket_sla.target_cycles.met IS
'Whether its target was met: true in time, false late; NULL without a target, or for an update cycle that a pause or the resolution ended before it was due';
COMMENT ON COLUMN ticket_sla.target_cycles.due_manual IS
'Whether its due date was set by hand (ticket_sla.set_due): the reports count it apart';

-- SECURITY DEFINER because nobody writes clock_segments or target_cycles
-- directly
CREATE FUNCTION ticket_sla.record_segments()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	since timestamptz := greatest(OLD.changed_at, OLD.clock_start);
	changed boolean := NEW.changed_at <> OLD.changed_at;
	resolved boolean := OLD.resolved_at IS NULL AND NEW.resolved_at IS NOT NULL;
	paused boolean;
	reply_end timestamptz;
	update_end timestamptz;
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.record_segments', TG_RELID,
												'ticket_sla.tickets');
	SELECT st.clock <> 'running' INTO paused FROM ticket_sla.statuses st WHERE st.status = OLD.status;
	-- a reply owed ends with an answer or the resolution; an update
	-- interval with the next public agent message, a pause or the resolution
	IF OLD.awaiting_reply_since IS NOT NULL AND NEW.awaiting_reply_since IS NULL THEN
		reply_end := CASE WHEN resolved THEN NEW.resolved_at ELSE NEW.last_agent_message_at END;
	END IF;
	IF OLD.update_from IS NOT NULL AND NEW.update_from IS DISTINCT FROM OLD.update_from THEN
		update_end := coalesce(NEW.update_from, NEW.changed_at);
	END IF;
	INSERT INTO ticket_sla.clock_segments
	SELECT OLD.ticket_id, s.clock, s.from_at, s.to_at, s.state, s.reason,
		   OLD.severity, OLD.terms_id,
		   ticket_sla.plan_time_between(s.from_at, s.to_at, ct.terms), OLD.support_level, s.cycle
	  FROM (VALUES
			('response'::ticket_sla.sla_clock, since,
			 CASE WHEN OLD.first_response_at IS NULL
				  THEN coalesce(NEW.first_response_at, NEW.changed_at) END,
			 'running', NULL::text, 1),
			('resolution', since, CASE WHEN changed THEN NEW.changed_at END,
			 CASE WHEN paused THEN 'paused' ELSE 'running' END,
			 CASE WHEN paused THEN OLD.status END, OLD.cycle),
			('reply', greatest(OLD.changed_at, OLD.awaiting_reply_since),
			 CASE WHEN OLD.awaiting_reply_since IS NOT NULL
				  THEN coalesce(reply_end, CASE WHEN changed THEN NEW.changed_at END) END,
			 'running', NULL, OLD.reply_cycle),
			('update', greatest(OLD.changed_at, OLD.update_from),
			 CASE WHEN OLD.update_from IS NOT NULL
				  THEN coalesce(update_end, CASE WHEN changed THEN NEW.changed_at END) END,
			 'running', NULL, OLD.update_cycle)
		   ) AS s (clock, from_at, to_at, state, reason, cycle)
	  JOIN ticket_sla.contract_terms ct ON ct.terms_id = OLD.terms_id
	 WHERE s.to_at > s.from_at;
	INSERT INTO ticket_sla.target_cycles
	SELECT OLD.ticket_id, c.target, c.cycle, c.started_at, c.due_at, c.ended_at, c.ended_by,
		   CASE WHEN c.ended_at > c.due_at THEN false
				WHEN c.target = 'update' AND c.ended_by <> 'update' THEN NULL
				ELSE c.ended_at <= c.due_at END,
		   c.due_manual, OLD.severity, OLD.terms_id
	  FROM (VALUES
			('resolution'::ticket_sla.sla_clock, OLD.cycle, coalesce(OLD.reopened_at, OLD.clock_start),
			 OLD.resolution_due,
			 CASE WHEN NEW.cycle <> OLD.cycle THEN OLD.resolved_at END, 'resolution',
			 OLD.resolution_due_set IS NOT NULL),
			('reply', OLD.reply_cycle, OLD.awaiting_reply_since, OLD.reply_due, reply_end,
			 CASE WHEN resolved THEN 'resolution' ELSE 'answer' END, false),
			('update', OLD.update_cycle, OLD.update_from, OLD.update_due, update_end,
			 CASE WHEN resolved THEN 'resolution'
				  WHEN NEW.update_from IS NULL THEN 'pause' ELSE 'update' END, false)
		   ) AS c (target, cycle, started_at, due_at, ended_at, ended_by, due_manual)
	 WHERE c.ended_at IS NOT NULL;
	RETURN NULL;
END
$$;

COMMENT ON FUNCTION ticket_sla.record_segments() IS
'Trigger of tickets: writes the stretches of its clocks that a change, the first response or a message ends into clock_segments, and the cycles that end into target_cycles';
REVOKE EXECUTE ON FUNCTION ticket_sla.record_segments() FROM PUBLIC;

CREATE TRIGGER record_segments
AFTER UPDATE ON ticket_sla.tickets
FOR EACH ROW
WHEN (OLD.changed_at IS DISTINCT FROM NEW.changed_at
	  OR OLD.first_response_at IS DISTINCT FROM NEW.first_response_at
	  OR (OLD.awaiting_reply_since IS NOT NULL
		  AND OLD.awaiting_reply_since IS DISTINCT FROM NEW.awaiting_reply_since)
	  OR (OLD.update_from IS NOT NULL AND OLD.update_from IS DISTINCT FROM NEW.update_from))
EXECUTE FUNCTION ticket_sla.record_segments();

CREATE VIEW ticket_sla.clock_ledger WITH (security_invoker = true) AS
SELECT t.ticket_id, t.case_number, s.clock, s.from_at, s.to_at, s.state, s.reason,
	   s.severity, s.business_time, extract(epoch FROM s.business_time) AS business_time_seconds,
	   s.to_at - s.from_at AS elapsed, extract(epoch FROM s.to_at - s.from_at) AS elapsed_seconds,
	   s.support_level, s.cycle
FROM ticket_sla.clock_segments s
JOIN ticket_sla.tickets t ON t.ticket_id = s.ticket_id
UNION ALL
SELECT t.ticket_id, t.case_number, o.clock, o.from_at, NULL, o.state, o.reason,
	   t.severity, so_far.business_time, extract(epoch FROM so_far.business_time),
	   so_far.elapsed, extract(epoch FROM so_far.elapsed), t.support_level, o.cycle
FROM ticket_sla.tickets t
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
JOIN ticket_sla.statuses st ON st.status = t.status
CROSS JOIN LATERAL (VALUES
	('response'::ticket_sla.sla_clock, t.first_response_at IS NULL,
	 greatest(t.changed_at, t.clock_start), 'running', NULL::text, 1),
	('resolution', t.resolved_at IS NULL,
	 greatest(t.changed_at, t.clock_start),
	 CASE WHEN st.clock OPERATOR(pg_catalog.<>) 'running' THEN 'paused' ELSE 'running' END,
	 CASE WHEN st.clock OPERATOR(pg_catalog.<>) 'running' THEN t.status END, t.cycle),
	('reply', t.awaiting_reply_since IS NOT NULL,
	 greatest(t.changed_at, t.awaiting_reply_since), 'running', NULL, t.reply_cycle),
	('update', t.update_from IS NOT NULL,
	 greatest(t.changed_at, t.update_from), 'running', NULL, t.update_cycle)
) AS o (clock, open, from_at, state, reason, cycle)
CROSS JOIN LATERAL (SELECT ticket_sla.plan_time_between(o.from_at, greatest(now(), o.from_at), ct.terms),
						   greatest(now(), o.from_at) - o.from_at) AS so_far (business_time, elapsed)
WHERE o.open;

COMMENT ON VIEW ticket_sla.clock_ledger IS
'Every stretch of every ticket''s clocks (response, resolution, reply, update): the finished ones of clock_segments and those still running (to_at NULL, times so far), with the cycle of their clock';
COMMENT ON COLUMN ticket_sla.clock_ledger.business_time_seconds IS
'business_time in seconds (numeric, to the microsecond), for tools that cannot chart an interval';
COMMENT ON COLUMN ticket_sla.clock_ledger.elapsed_seconds IS
'elapsed in seconds (numeric, to the microsecond), for tools that cannot chart an interval';

------------------------------------------------------------------------------
-- The conversation (0.6)
--
-- ticket_sla.messages holds what is said on each ticket: by the customer,
-- an agent or the system (an automatic acknowledgement), public or an
-- internal note, and for a public agent message whether it is a qualified
-- answer.  The trigger record_message keeps the ticket's clocks from it:
--   - the first public agent message that answers is the first response
--     (first_response_at, unless the application set it itself);
--   - after the first response, a customer message that finds no reply
--     owed arms the reply clock (awaiting_reply_since), which the next
--     answer stops (the resolution answers too, and a reopening arms it);
--   - every public agent message keeps the customer informed: the update
--     clock counts again from it (last_agent_message_at).
-- An agent message answers when it is public and, under a plan that says
-- "response means qualified answer", marked qualified.  System messages and
-- internal notes answer nobody and inform nobody.
--
-- Messages are recorded in the order they were sent: one dated before the
-- ticket was opened, more than a minute before the conversation's last
-- turn, or in the future is refused; one dated less than a minute before
-- the last turn (two recorded at once) counts at that turn.  Nobody
-- changes or deletes a message (deleting a ticket deletes its messages),
-- and who recorded it is the role that inserted it.
------------------------------------------------------------------------------

CREATE TYPE ticket_sla.message_author AS ENUM ('customer', 'agent', 'system');

COMMENT ON TYPE ticket_sla.message_author IS
'Who wrote a message: the customer, an agent, or the system (an automatic acknowledgement, which answers nobody)';

CREATE TABLE ticket_sla.messages (
	message_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	ticket_id bigint NOT NULL REFERENCES ticket_sla.tickets ON DELETE CASCADE,
	author ticket_sla.message_author NOT NULL,
	public boolean NOT NULL DEFAULT true,
	qualified boolean NOT NULL DEFAULT false,
	sent_at timestamptz NOT NULL DEFAULT now(),
	recorded_by name NOT NULL DEFAULT CURRENT_USER,
	body text,
	CONSTRAINT customers_write_publicly CHECK (public OR author <> 'customer'),
	CONSTRAINT agents_answer_publicly CHECK (NOT qualified OR (author = 'agent' AND public))
);

CREATE INDEX messages_ticket ON ticket_sla.messages (ticket_id, sent_at);

COMMENT ON TABLE ticket_sla.messages IS
'What is said on each ticket, append-only; the trigger record_message keeps the ticket''s first response, reply and update clocks from it (0.6)';
COMMENT ON COLUMN ticket_sla.messages.public IS 'Seen by the customer; false for an internal note';
COMMENT ON COLUMN ticket_sla.messages.qualified IS
'A qualified answer, not a holding reply: what alone answers under a plan that says "response means qualified answer"';
COMMENT ON COLUMN ticket_sla.messages.sent_at IS 'When it was sent: not before the ticket was opened or the conversation''s last turn, nor in the future';
COMMENT ON COLUMN ticket_sla.messages.recorded_by IS 'The role that recorded it';

-- recorded_by is the role that inserts the message.  Its column privilege
-- alone does not hold it: a default on the writer's own view over
-- messages fills the column without the statement naming it.  A trigger of
-- the writer's rights (not SECURITY DEFINER: current_user is the writer)
-- refuses any other name.
CREATE FUNCTION ticket_sla.check_message_writer()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.check_message_writer', TG_RELID,
												'ticket_sla.messages');
	IF NEW.recorded_by IS DISTINCT FROM current_user THEN
		RAISE EXCEPTION 'a message cannot be recorded as %: % records it', NEW.recorded_by, current_user
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'recorded_by is always the role that inserts the message.';
	END IF;
	RETURN NEW;
END
$$;

COMMENT ON FUNCTION ticket_sla.check_message_writer() IS
'Trigger of messages: refuses a recorded_by other than the role that inserts the message';
REVOKE EXECUTE ON FUNCTION ticket_sla.check_message_writer() FROM PUBLIC;

CREATE TRIGGER recorded_by
BEFORE INSERT ON ticket_sla.messages
FOR EACH ROW EXECUTE FUNCTION ticket_sla.check_message_writer();

-- SECURITY DEFINER because the clocks it keeps are nobody else's to write.
-- An AFTER trigger: the row-level security of messages (and the foreign
-- key) have accepted the message before it reads the ticket.
CREATE FUNCTION ticket_sla.record_message()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	t record;
	answers boolean;
	last_turn timestamptz;
	at timestamptz;
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.record_message', TG_RELID,
												'ticket_sla.messages');
	SELECT tk.case_number, tk.opened_at, tk.resolved_at, tk.first_response_at,
		   tk.awaiting_reply_since, tk.last_agent_message_at, tk.terms_id
	  INTO t
	  FROM ticket_sla.tickets tk
	 WHERE tk.ticket_id = NEW.ticket_id
	   FOR NO KEY UPDATE;
	IF NEW.sent_at > greatest(statement_timestamp(), transaction_timestamp()) + interval '1 minute' THEN
		RAISE EXCEPTION 'message of case % sent at % is in the future', t.case_number, NEW.sent_at
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'An instant given for a ticket may lie at most one minute after the statement''s start.',
				  HINT = 'Give the instant it was sent; now() is always accepted.';
	END IF;
	IF NEW.sent_at < t.opened_at THEN
		RAISE EXCEPTION 'message of case % sent at % is before the ticket was opened (%)',
			t.case_number, NEW.sent_at, t.opened_at
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- two messages recorded at once (each dated by its own transaction's
	-- start) may commit in the other order: within a minute, a message
	-- counts at the last turn
	last_turn := greatest(t.awaiting_reply_since, t.last_agent_message_at);
	IF NEW.sent_at < last_turn - interval '1 minute' THEN
		RAISE EXCEPTION 'message of case % sent at % is before the conversation''s last turn at %',
			t.case_number, NEW.sent_at, last_turn
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Messages are recorded in the order they were sent.';
	END IF;
	at := greatest(NEW.sent_at, last_turn);
	-- the plan is read only for a public agent message not marked qualified
	answers := NEW.author = 'agent' AND NEW.public
		AND (NEW.qualified OR NOT (SELECT ticket_sla.qualified_responses(ct.terms)
									 FROM ticket_sla.contract_terms ct
									WHERE ct.terms_id = t.terms_id));
	IF NEW.author = 'agent' AND NEW.public THEN
		UPDATE ticket_sla.tickets
		   SET first_response_at = CASE WHEN answers THEN coalesce(first_response_at, at)
										ELSE first_response_at END,
			   awaiting_reply_since = CASE WHEN answers THEN NULL ELSE awaiting_reply_since END,
			   last_agent_message_at = at
		 WHERE ticket_id = NEW.ticket_id;
	ELSIF NEW.author = 'customer' AND t.first_response_at IS NOT NULL
		  AND t.awaiting_reply_since IS NULL AND t.resolved_at IS NULL THEN
		UPDATE ticket_sla.tickets SET awaiting_reply_since = at
		 WHERE ticket_id = NEW.ticket_id;
	END IF;
	RETURN NULL;
END
$$;

COMMENT ON FUNCTION ticket_sla.record_message() IS
'Trigger of messages: checks when a message was sent and keeps its ticket''s first response, reply clock (awaiting_reply_since) and update clock (last_agent_message_at) from it';
REVOKE EXECUTE ON FUNCTION ticket_sla.record_message() FROM PUBLIC;

CREATE TRIGGER record_message
AFTER INSERT ON ticket_sla.messages
FOR EACH ROW EXECUTE FUNCTION ticket_sla.record_message();

------------------------------------------------------------------------------
-- Escalations, warnings and breaches
--
-- process_escalations, run every minute (by pg_cron, say), is the one place
-- where time-driven events fire: every step of every open ticket's ladder
-- that is due (logged in escalations, raising escalation_level), and the
-- warning (at the plan's "warn at N%") and the breach (at the deadline) of
-- each target, once per target and cycle (logged in target_events, marked
-- in the ticket's events_fired).  Each is sent as a NOTIFY on the channel
-- ticket_sla_escalation with a JSON payload that says its kind.  The
-- trigger keeps next_event_at, the earliest event still to fire, so that
-- due tickets are read from the index tickets_events alone; they are locked
-- a batch at a time, SKIP LOCKED, and one statement per batch logs, notifies
-- and marks their events: a ticket locked by another session is left to it,
-- so that concurrent runs fire every event exactly once.  A call fires at
-- most max_events, oldest first; the scheduler calls it again for the rest.
--
-- Anybody connected may LISTEN on any channel.  The notice of an event on a
-- confidential ticket therefore names only ids (ticket, step or target and
-- cycle) and the recipients of a step; a cleared listener reads the rest
-- from ticket_sla.escalations and ticket_sla.target_events.
------------------------------------------------------------------------------

CREATE TABLE ticket_sla.escalations (
	ticket_id bigint NOT NULL REFERENCES ticket_sla.tickets ON DELETE CASCADE,
	step integer NOT NULL CHECK (step > 0),
	severity ticket_sla.severity NOT NULL,
	recipients text[] NOT NULL,
	due_at timestamptz NOT NULL,
	fired_at timestamptz NOT NULL,
	PRIMARY KEY (ticket_id, step)
);

COMMENT ON TABLE ticket_sla.escalations IS
'Every escalation step fired, once: to whom, which step of which severity''s ladder, when it was due and when it fired';

CREATE TABLE ticket_sla.target_events (
	ticket_id bigint NOT NULL REFERENCES ticket_sla.tickets ON DELETE CASCADE,
	kind text NOT NULL CHECK (kind IN ('warning', 'breach')),
	target ticket_sla.sla_clock NOT NULL,
	cycle integer NOT NULL CHECK (cycle > 0),
	severity ticket_sla.severity NOT NULL,
	due_at timestamptz NOT NULL,
	fired_at timestamptz NOT NULL,
	notified boolean NOT NULL,
	PRIMARY KEY (ticket_id, target, cycle, kind)
);

COMMENT ON TABLE ticket_sla.target_events IS
'Every warning and breach of a ticket''s targets fired, once per target and cycle: when it was due and when it fired';
COMMENT ON COLUMN ticket_sla.target_events.kind IS
'warning (the plan''s warn at N% of the target reached) or breach (the target missed)';
COMMENT ON COLUMN ticket_sla.target_events.target IS 'The target: the first response, the resolution, the reply owed or the next update';
COMMENT ON COLUMN ticket_sla.target_events.cycle IS
'1 for the first response; the ticket''s cycle for the resolution (one more at each reopening), its reply_cycle or update_cycle for the reply and the update';
COMMENT ON COLUMN ticket_sla.target_events.severity IS 'The ticket''s severity when it fired';
COMMENT ON COLUMN ticket_sla.target_events.due_at IS
'When it fell due: the first instant at risk for a warning, the deadline for a breach';
COMMENT ON COLUMN ticket_sla.target_events.fired_at IS 'When process_escalations fired it (or the update to 0.6 logged it)';
COMMENT ON COLUMN ticket_sla.target_events.notified IS
'Whether a NOTIFY was sent: false for the events already past when the store was updated to 0.6';

CREATE FUNCTION ticket_sla.due_events(t ticket_sla.tickets, "at" timestamptz)
RETURNS TABLE (kind text, target ticket_sla.sla_clock, step integer, cycle integer,
			   due_at timestamptz, fires_at timestamptz, recipients text[], fired integer)
AS 'MODULE_PATHNAME', 'due_events'
LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 4;

COMMENT ON FUNCTION ticket_sla.due_events(ticket_sla.tickets, timestamptz) IS
'The events of ticket T due at AT and not yet fired: escalation steps (step, recipients), warnings and breaches (target, cycle, fired: the bit of events_fired); fires_at orders them';
REVOKE EXECUTE ON FUNCTION ticket_sla.due_events(ticket_sla.tickets, timestamptz) FROM PUBLIC;

CREATE FUNCTION ticket_sla.process_escalations("at" timestamptz DEFAULT now(),
											   max_events integer DEFAULT 5000)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
-- a batch's plan is costed high enough to be compiled by JIT (over a
-- second for 5,000 events, against 0.3 s of work): it is not worth it
SET jit = off
AS $$
DECLARE
	n_done integer;
	n_batch integer;
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
	IF max_events IS NULL OR max_events < 1 THEN
		RAISE EXCEPTION 'max_events must be at least 1, not %', max_events
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Call process_escalations again for the events left.';
	END IF;
	-- first the notices held by quiet hours whose hours have opened by AT,
	-- oldest first, each locked (SKIP LOCKED) and marked delivered: once
	WITH held AS MATERIALIZED (
		SELECT h.notice_id
		  FROM ticket_sla.held_notices h
		 WHERE h.delivered_at IS NULL AND h.held_until <= at
		 ORDER BY h.held_until, h.notice_id
		 LIMIT max_events
		   FOR UPDATE OF h SKIP LOCKED
	), delivered AS (
		UPDATE ticket_sla.held_notices h SET delivered_at = now()
		  FROM held WHERE h.notice_id = held.notice_id
		RETURNING h
	)
	SELECT count(pg_notify('ticket_sla_escalation', ticket_sla.event_payload(d.t, d.n)))
	  INTO n_done
	  FROM (SELECT t, dl.h AS n
			  FROM delivered dl JOIN ticket_sla.tickets t ON t.ticket_id = (dl.h).ticket_id
			 ORDER BY (dl.h).held_until, (dl.h).notice_id) d;
	-- then the events due, with what is left of max_events
	WHILE n_done < max_events LOOP
		WITH due AS MATERIALIZED (
			SELECT tk
			  FROM ticket_sla.tickets tk
			 WHERE tk.next_event_at <= at
			 ORDER BY tk.next_event_at
			 LIMIT least(max_events - n_done, 2000)
			   FOR UPDATE OF tk SKIP LOCKED
		), ev AS MATERIALIZED (
			SELECT d.tk, (d.tk).ticket_id, (d.tk).severity, e.*, co.notification_hours
			  FROM due d CROSS JOIN LATERAL ticket_sla.due_events(d.tk, at) e
			  LEFT JOIN ticket_sla.contract_terms ct ON ct.terms_id = (d.tk).terms_id
			  LEFT JOIN ticket_sla.contracts co ON co.contract_id = ct.contract_id
			 ORDER BY e.fires_at, (d.tk).ticket_id, e.step, e.fired
			 LIMIT max_events - n_done
		), notices AS MATERIALIZED (
			-- each event's notices: one per instant at which the hours of its
			-- recipients (a step's, each by the recipient's own hours or else
			-- the plan's; a warning's or breach's, the plan's) open at or
			-- after its due_at; held_until NULL for the one sent when due
			SELECT ev.*, g.group_recipients, g.held_until
			  FROM ev CROSS JOIN LATERAL (
				SELECT CASE WHEN ev.recipients IS NOT NULL THEN array_agg(r.recipient ORDER BY r.n) END
						   AS group_recipients,
					   nullif(r.opens, ev.due_at) AS held_until
				  FROM (SELECT u.recipient, u.n,
							   coalesce(ticket_sla.next_business_time(ev.due_at, coalesce(
								   (SELECT x.notification_hours FROM ticket_sla.recipients x
									 WHERE x.recipient = u.recipient),
								   ev.notification_hours)), ev.due_at) AS opens
						  FROM unnest(coalesce(ev.recipients, '{NULL}')) WITH ORDINALITY AS u (recipient, n)) r
				 GROUP BY r.opens) g
		), steps AS (
			INSERT INTO ticket_sla.escalations
			SELECT ev.ticket_id, ev.step, ev.severity, ev.recipients, ev.due_at, now()
			  FROM ev WHERE ev.kind = 'escalation'
		), warnings_and_breaches AS (
			INSERT INTO ticket_sla.target_events
			SELECT ev.ticket_id, ev.kind, ev.target, ev.cycle, ev.severity, ev.due_at, now(), true
			  FROM ev WHERE ev.kind <> 'escalation'
		), held AS (
			-- a notice held by quiet hours is logged, delivered now if its
			-- hours have opened by AT, else by the first run at or after
			INSERT INTO ticket_sla.held_notices (ticket_id, kind, step, target, cycle, severity,
												 recipients, due_at, held_until, delivered_at)
			SELECT n.ticket_id, n.kind, n.step, n.target, n.cycle, n.severity, n.group_recipients,
				   n.due_at, n.held_until, CASE WHEN n.held_until <= at THEN now() END
			  FROM notices n WHERE n.held_until IS NOT NULL
		), marked AS (
			-- every ticket locked: its events marked, its next_event_at stamped
			-- anew (found by its key, so that a row updated since the snapshot
			-- is updated in its latest version)
			UPDATE ticket_sla.tickets tk
			   SET escalation_level = coalesce(f.level, tk.escalation_level),
				   events_fired = tk.events_fired | f.bits
			  FROM (SELECT (d.tk).ticket_id, max(ev.step) AS level,
						   coalesce(bit_or(ev.fired), 0) AS bits
					  FROM due d LEFT JOIN ev ON ev.ticket_id = (d.tk).ticket_id
					 GROUP BY (d.tk).ticket_id) f
			 WHERE tk.ticket_id = f.ticket_id
		)
		SELECT (SELECT count(*) FROM ev)
		  INTO n_batch
		  FROM (SELECT count(pg_notify('ticket_sla_escalation', ticket_sla.event_payload(n.tk,
						   ROW(NULL, n.ticket_id, n.kind, n.step, n.target, n.cycle, n.severity,
							   n.group_recipients, n.due_at, n.held_until, NULL,
							   NULL)::ticket_sla.held_notices)))
				  FROM (SELECT * FROM notices
						 WHERE notices.held_until IS NULL OR notices.held_until <= at
						 ORDER BY notices.fires_at, notices.ticket_id, notices.step, notices.fired,
								  notices.held_until NULLS FIRST) n) sent;
		n_done := n_done + n_batch;
		EXIT WHEN n_batch = 0;
	END LOOP;
	RETURN n_done;
END
$$;

COMMENT ON FUNCTION ticket_sla.process_escalations(timestamptz, integer) IS
'Fires the escalation steps, warnings and breaches due at AT (not later than now), each exactly once, and delivers the notices held by quiet hours whose hours have opened by AT, each once, at most MAX_EVENTS of both, oldest first: logs them (escalations, target_events, held_notices), marks the tickets, NOTIFY ticket_sla_escalation with a JSON payload (kind: escalation, warning or breach; held_until when held; of a confidential ticket ids only); returns how many events fired and held notices it delivered';

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
	IF target NOT IN ('response', 'resolution') THEN
		RAISE EXCEPTION 'the % target has no due date set by hand', target
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The targets are response and resolution; a reply or an update falls due from the conversation.';
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
	IF action = 'set' AND NOT isfinite(new_due) THEN
		RAISE EXCEPTION 'the % due date of case % cannot be %', target, t.case_number, new_due
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give the instant it falls due; a target without a deadline is the terms'' to say.';
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

------------------------------------------------------------------------------
-- Views for dashboards and BI tools
--
-- Their numbers come from the engine's own functions and the stamped
-- deadlines, under the terms each ticket is held to, so they never go stale
-- after a contract changes.  Periods are calendar months and quarters of
-- opened_at in UTC, as case numbers count years.
--
-- BI tools cannot chart an interval: next to every interval column, here
-- and in clock_ledger, is its twin <column>_seconds, extract(epoch FROM it)
-- (numeric, to the microsecond, negative when the interval is).  A duration
-- a function computes is named once, in a LATERAL subquery, and both read
-- it; the planner flattens the subquery, so a query that selects both
-- columns computes it twice (a chart needs only the seconds).  extract is
-- pg_catalog.extract whatever the search_path: the parser names it so.
--
-- The views are created while search_path names the extension's schema
-- (public, usually), so an unqualified operator or aggregate that
-- pg_catalog matches only through a cast (double precision * integer,
-- numeric * bigint, percentile_cont of a numeric) would bind to whatever
-- matched better there, to be run later by everybody who reads the view:
-- those are qualified.
------------------------------------------------------------------------------

CREATE VIEW ticket_sla.sla_status WITH (security_invoker = true) AS
SELECT t.ticket_id, t.case_number, t.customer_id, cu.organisation,
	   co.name AS contract, t.severity, t.tier, t.status, t.opened_at, t.clock_start,
	   t.response_due, r.remaining AS response_remaining,
	   extract(epoch FROM r.remaining) AS response_remaining_seconds,
	   round((r.share OPERATOR(pg_catalog.*) 100)::numeric, 1) AS response_used_pct, r.state AS response_state,
	   t.resolution_due, z.remaining AS resolution_remaining,
	   extract(epoch FROM z.remaining) AS resolution_remaining_seconds,
	   round((z.share OPERATOR(pg_catalog.*) 100)::numeric, 1) AS resolution_used_pct, z.state AS resolution_state,
	   t.paused_since IS NOT NULL AS paused,
	   CASE WHEN 'breached' IN (r.state, z.state, y.state, u.state) THEN 'breached'
			WHEN 'at risk' IN (r.state, z.state, y.state, u.state) THEN 'at risk'
			WHEN coalesce(r.state, z.state, y.state, u.state) IS NOT NULL THEN 'on track'
	   END AS state,
	   t.escalation_level, t.next_escalation_at,
	   t.response_due_set IS NOT NULL AS response_due_manual,
	   t.resolution_due_set IS NOT NULL AS resolution_due_manual,
	   t.reply_due, y.remaining AS reply_remaining,
	   extract(epoch FROM y.remaining) AS reply_remaining_seconds, y.state AS reply_state,
	   t.update_due, u.remaining AS update_remaining,
	   extract(epoch FROM u.remaining) AS update_remaining_seconds, u.state AS update_state
FROM ticket_sla.tickets t
JOIN ticket_sla.customers cu ON cu.customer_id = t.customer_id
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
JOIN ticket_sla.contracts co ON co.contract_id = ct.contract_id
CROSS JOIN LATERAL ticket_sla.terms_for(ct.terms, t.request_type, t.tier, t.support_level) AS held (terms)
CROSS JOIN LATERAL ticket_sla.response_progress(t.clock_start, t.severity, held.terms,
	coalesce(t.first_response_at, now()), t.first_response_at IS NOT NULL) r
CROSS JOIN LATERAL ticket_sla.resolution_progress(t.clock_start, t.severity, held.terms,
	t.paused_business, t.paused_elapsed, coalesce(t.paused_since, now()), false) z
CROSS JOIN LATERAL ticket_sla.reply_progress(t.awaiting_reply_since, t.severity, held.terms, now(), false) y
CROSS JOIN LATERAL ticket_sla.update_progress(t.update_from, t.severity, held.terms, now(), false) u
WHERE t.resolved_at IS NULL;

COMMENT ON VIEW ticket_sla.sla_status IS
'Every open ticket: per target the time remaining on its clock (negative when missed), the share used and its state (met, on track, at risk, breached); the ticket''s worst state; the next escalation; whether each due date was set by hand (due_changes says by whom and why); the reply owed and the next update (0.6)';
COMMENT ON COLUMN ticket_sla.sla_status.response_remaining_seconds IS
'response_remaining in seconds (numeric, to the microsecond; negative when missed), for tools that cannot chart an interval';
COMMENT ON COLUMN ticket_sla.sla_status.resolution_remaining_seconds IS
'resolution_remaining in seconds (numeric, to the microsecond; negative when missed), for tools that cannot chart an interval';
COMMENT ON COLUMN ticket_sla.sla_status.reply_remaining_seconds IS
'reply_remaining in seconds (numeric, to the microsecond; negative when missed), for tools that cannot chart an interval';
COMMENT ON COLUMN ticket_sla.sla_status.update_remaining_seconds IS
'update_remaining in seconds (numeric, to the microsecond; negative when missed), for tools that cannot chart an interval';

CREATE VIEW ticket_sla.breaches WITH (security_invoker = true) AS
SELECT t.ticket_id, t.case_number, t.customer_id, cu.organisation,
	   co.name AS contract, t.severity, b.target, b.due, b.met_at,
	   late.business AS late_business, extract(epoch FROM late.business) AS late_business_seconds,
	   late.clock AS late_clock, extract(epoch FROM late.clock) AS late_clock_seconds,
	   b.manual AS due_manual, b.cycle
FROM ticket_sla.tickets t
JOIN ticket_sla.customers cu ON cu.customer_id = t.customer_id
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
JOIN ticket_sla.contracts co ON co.contract_id = ct.contract_id
CROSS JOIN LATERAL (
	VALUES
	('response'::ticket_sla.sla_clock, t.response_due, t.first_response_at,
	 coalesce(t.first_response_at, now()), t.response_due_set IS NOT NULL, 1),
	('resolution', t.resolution_due, t.resolved_at,
	 coalesce(t.resolved_at, t.paused_since, now()), t.resolution_due_set IS NOT NULL, t.cycle),
	('reply', t.reply_due, NULL, now(), false, t.reply_cycle),
	('update', t.update_due, NULL, now(), false, t.update_cycle)
	UNION ALL
	SELECT c.target, c.due_at, c.ended_at, c.ended_at, c.due_manual, c.cycle
	FROM ticket_sla.target_cycles c
	WHERE c.ticket_id = t.ticket_id AND NOT c.met
) AS b (target, due, met_at, reading, manual, cycle)
CROSS JOIN LATERAL (SELECT ticket_sla.plan_time_between(b.due, b.reading, ct.terms), b.reading - b.due)
	AS late (business, clock)
WHERE b.reading > b.due;

COMMENT ON VIEW ticket_sla.breaches IS
'Every missed target, answered late or still open (met_at NULL): how late, in business time under the plan''s hours and in clock time (so far, for an open one); whether its due date was set by hand; the cycle of its clock, finished cycles (target_cycles) included (0.6)';
COMMENT ON COLUMN ticket_sla.breaches.late_business_seconds IS
'late_business in seconds (numeric, to the microsecond), for tools that cannot chart an interval';
COMMENT ON COLUMN ticket_sla.breaches.late_clock_seconds IS
'late_clock in seconds (numeric, to the microsecond), for tools that cannot chart an interval';

-- What each ticket counts for in its current cycles: its targets met and
-- missed (0 or 1 each; an open one is missed once past due) and the
-- business time to its first response.  A target whose due date was set by
-- hand (0.6) counts apart: neither met nor missed, but manual.  The
-- finished cycles of a ticket's clocks are rows of target_cycles: the
-- reports add them, ticket_outcomes per ticket, compliance per group (so
-- that its scan of the tickets stays in parallel workers).
CREATE VIEW ticket_sla.current_outcomes WITH (security_invoker = true) AS
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
	   first.response_time, extract(epoch FROM first.response_time) AS response_time_seconds,
	   (t.response_due_set IS NOT NULL)::integer AS response_manual,
	   (t.resolution_due_set IS NOT NULL)::integer AS resolution_manual,
	   coalesce(t.reply_due < now(), false)::integer AS reply_breached,
	   coalesce(t.update_due < now(), false)::integer AS update_breached
FROM ticket_sla.tickets t
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
CROSS JOIN LATERAL (SELECT CASE WHEN t.first_response_at IS NOT NULL
							   THEN ticket_sla.plan_time_between(t.clock_start,
									   greatest(t.first_response_at, t.clock_start), ct.terms)
						  END) AS first (response_time);

COMMENT ON VIEW ticket_sla.current_outcomes IS
'Every ticket with its targets met and missed in its current cycles (0 or 1 each; an open one is missed once past due; a target whose due date was set by hand is neither, but manual) and the business time to its first response under the plan''s hours (0.6)';
COMMENT ON COLUMN ticket_sla.current_outcomes.response_time_seconds IS
'response_time in seconds (numeric, to the microsecond; NULL before the first response), for tools that cannot chart an interval';

-- What each ticket counts for in the reports: its current cycles and the
-- finished ones.  quarterly_report adds it up.
CREATE VIEW ticket_sla.ticket_outcomes WITH (security_invoker = true) AS
SELECT o.ticket_id, o.case_number, o.customer_id, o.contract_id, o.severity,
	   o.opened_at, o.summary, o.status, o.response_met, o.response_breached,
	   o.resolution_met, o.resolution_breached, o.response_time, o.response_time_seconds, o.response_manual,
	   o.resolution_manual + c.earlier_resolutions_manual AS resolution_manual,
	   c.replies_met, c.replies_breached + o.reply_breached AS replies_breached,
	   c.updates_met, c.updates_breached + o.update_breached AS updates_breached,
	   c.earlier_resolutions_met, c.earlier_resolutions_breached
FROM ticket_sla.current_outcomes o
CROSS JOIN LATERAL (
	SELECT count(*) FILTER (WHERE f.target = 'reply' AND f.met)::integer AS replies_met,
		   count(*) FILTER (WHERE f.target = 'reply' AND NOT f.met)::integer AS replies_breached,
		   count(*) FILTER (WHERE f.target = 'update' AND f.met)::integer AS updates_met,
		   count(*) FILTER (WHERE f.target = 'update' AND NOT f.met)::integer AS updates_breached,
		   count(*) FILTER (WHERE f.target = 'resolution' AND f.met AND NOT f.due_manual)::integer
			   AS earlier_resolutions_met,
		   count(*) FILTER (WHERE f.target = 'resolution' AND NOT f.met AND NOT f.due_manual)::integer
			   AS earlier_resolutions_breached,
		   count(*) FILTER (WHERE f.target = 'resolution' AND f.due_manual)::integer
			   AS earlier_resolutions_manual
	FROM ticket_sla.target_cycles f
	WHERE f.ticket_id = o.ticket_id
) AS c;

COMMENT ON VIEW ticket_sla.ticket_outcomes IS
'Every ticket with its targets met and missed (0 or 1 each; an open one is missed once past due; a target whose due date was set by hand is neither, but manual) and the business time to its first response under the plan''s hours; the replies and updates met and missed in all cycles, the current one missed once past due, and the resolutions of the cycles before a reopening (0.6)';
COMMENT ON COLUMN ticket_sla.ticket_outcomes.response_time_seconds IS
'response_time in seconds (numeric, to the microsecond; NULL before the first response), for tools that cannot chart an interval';

-- compliance as it was before the rollups: every figure computed from the
-- tickets on every read.  Grouped by ids first, the names joined after: the sort under the
-- percentiles stays narrow.  The finished cycles are grouped alike and
-- joined by group.
CREATE VIEW ticket_sla.compliance_recomputed WITH (security_invoker = true) AS
SELECT g.period, g.period_start, g.customer_id, cu.organisation,
	   g.contract_id, co.name AS contract, g.severity, g.tickets,
	   g.targets_met + coalesce(f.targets_met, 0) AS targets_met,
	   g.targets_breached + coalesce(f.targets_breached, 0) AS targets_breached,
	   round(100.0 OPERATOR(pg_catalog.*) (g.targets_met + coalesce(f.targets_met, 0))
			 OPERATOR(pg_catalog./) nullif(g.targets_met + coalesce(f.targets_met, 0)
										   + g.targets_breached + coalesce(f.targets_breached, 0), 0), 1)
		   AS compliance_pct,
	   pct.median AS median_response, EXTRACT(epoch FROM pct.median) AS median_response_seconds,
	   pct.p90 AS p90_response, EXTRACT(epoch FROM pct.p90) AS p90_response_seconds,
	   g.targets_manual + coalesce(f.targets_manual, 0) AS targets_manual,
	   coalesce(f.replies_met, 0) AS replies_met,
	   g.replies_breached + coalesce(f.replies_breached, 0) AS replies_breached,
	   coalesce(f.updates_met, 0) AS updates_met,
	   g.updates_breached + coalesce(f.updates_breached, 0) AS updates_breached
FROM (
	SELECT p.period, p.period_start, o.customer_id, o.contract_id, o.severity,
		   count(*) AS tickets,
		   sum(o.response_met + o.resolution_met) AS targets_met,
		   sum(o.response_breached + o.resolution_breached + o.reply_breached + o.update_breached)
			   AS targets_breached,
		   pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY r.seconds) AS median_seconds,
		   pg_catalog.percentile_cont(0.9) WITHIN GROUP (ORDER BY r.seconds) AS p90_seconds,
		   sum(o.response_manual + o.resolution_manual) AS targets_manual,
		   sum(o.reply_breached) AS replies_breached, sum(o.update_breached) AS updates_breached
	FROM ticket_sla.current_outcomes o
	CROSS JOIN LATERAL (SELECT EXTRACT(epoch FROM o.response_time)::float8) AS r (seconds)
	CROSS JOIN LATERAL (VALUES
		('month', date_trunc('month', o.opened_at AT TIME ZONE 'UTC')::date),
		('quarter', date_trunc('quarter', o.opened_at AT TIME ZONE 'UTC')::date)
	) AS p (period, period_start)
	GROUP BY p.period, p.period_start, o.customer_id, o.contract_id, o.severity
) AS g
LEFT JOIN (
	SELECT p.period, p.period_start, t.customer_id, ct.contract_id, t.severity,
		   count(*) FILTER (WHERE c.met AND NOT c.due_manual) AS targets_met,
		   count(*) FILTER (WHERE NOT c.met AND NOT c.due_manual) AS targets_breached,
		   count(*) FILTER (WHERE c.due_manual) AS targets_manual,
		   count(*) FILTER (WHERE c.target = 'reply' AND c.met) AS replies_met,
		   count(*) FILTER (WHERE c.target = 'reply' AND NOT c.met) AS replies_breached,
		   count(*) FILTER (WHERE c.target = 'update' AND c.met) AS updates_met,
		   count(*) FILTER (WHERE c.target = 'update' AND NOT c.met) AS updates_breached
	FROM ticket_sla.target_cycles c
	JOIN ticket_sla.tickets t ON t.ticket_id = c.ticket_id
	JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
	CROSS JOIN LATERAL (VALUES
		('month', date_trunc('month', t.opened_at AT TIME ZONE 'UTC')::date),
		('quarter', date_trunc('quarter', t.opened_at AT TIME ZONE 'UTC')::date)
	) AS p (period, period_start)
	GROUP BY p.period, p.period_start, t.customer_id, ct.contract_id, t.severity
) AS f ON (f.period, f.period_start, f.customer_id, f.contract_id, f.severity)
		  = (g.period, g.period_start, g.customer_id, g.contract_id, g.severity)
CROSS JOIN LATERAL (
	SELECT pg_catalog.make_interval(secs => g.median_seconds) AS median,
		   pg_catalog.make_interval(secs => g.p90_seconds) AS p90
) AS pct
JOIN ticket_sla.customers cu ON cu.customer_id = g.customer_id
JOIN ticket_sla.contracts co ON co.contract_id = g.contract_id;

COMMENT ON VIEW ticket_sla.compliance_recomputed IS
'The figures of compliance computed from the tickets alone, without the rollups: slow over many tickets; for audits and tests.  Per month and per quarter (of opened_at, UTC), customer, contract and severity: tickets, targets met and breached (open ones once past due), compliance %, median and 90th percentile business time to the first response; targets whose due date was set by hand, counted apart; the replies and updates met and breached in all their cycles (in the targets too, with the resolutions of every cycle) (0.6)';
COMMENT ON COLUMN ticket_sla.compliance_recomputed.median_response_seconds IS
'median_response in seconds (numeric, to the microsecond; NULL without a response), for tools that cannot chart an interval';
COMMENT ON COLUMN ticket_sla.compliance_recomputed.p90_response_seconds IS
'p90_response in seconds (numeric, to the microsecond; NULL without a response), for tools that cannot chart an interval';

------------------------------------------------------------------------------
-- Report rollups (0.6)
--
-- compliance and quarterly_report read rollups instead of recomputing every
-- ticket's outcome on every read.  The unit of work is a day of one
-- customer: report_days holds, per customer, day of opened_at (UTC),
-- contract, severity and confidentiality, what its tickets count for
-- (targets met, missed and set by hand, in every cycle; escalations), the
-- due dates of the targets still open (missed once now() passes them, so
-- counted when read) and the response times in microseconds (for exact
-- percentiles).  report_periods holds the same per month and quarter, with
-- the percentiles.
--
-- Kept by refresh_reports() (the periodic run, every minute under pg_cron),
-- not by the writers: the trigger stamps each ticket with the transaction
-- that wrote it (tickets.revision), a statement trigger notes the days of
-- deleted tickets (report_dirty), and refresh_reports recomputes the days
-- changed since its last run, under one lock, and takes their old rows out
-- of their periods and puts the new ones in (report_periods_after).
-- Writers never wait on a rollup, and no rollup row is written by two
-- sessions.  Readers are exact at every instant: a period with days
-- changed since the last run is read as refresh_reports would leave it,
-- those days recomputed from the tickets.  compliance_recomputed gives the
-- same figures from the tickets alone; rebuild_reports() makes the rollups
-- anew.
------------------------------------------------------------------------------

CREATE TABLE ticket_sla.report_state (
	only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
	refreshed_before xid8 NOT NULL,
	refreshed_at timestamptz
);
INSERT INTO ticket_sla.report_state (refreshed_before) VALUES ('0');

COMMENT ON TABLE ticket_sla.report_state IS
'The report rollups'' watermark: every ticket written by a transaction before refreshed_before (tickets.revision) is in report_days; kept by refresh_reports (0.6)';
COMMENT ON COLUMN ticket_sla.report_state.refreshed_before IS
'The oldest transaction running when the last refresh began: what any later one wrote is recomputed on read and by the next refresh';
COMMENT ON COLUMN ticket_sla.report_state.refreshed_at IS 'When the last refresh ran; NULL before the first';

-- the days of tickets deleted since the last refresh, a row per deleting
-- transaction: a refresh takes (and removes) only those it sees, so the
-- day of a deletion still running when it reads is left for the next one
-- (one row per day for all deletions would let a refresh remove the mark
-- a running deletion relies on)
CREATE TABLE ticket_sla.report_dirty (
	customer_id integer NOT NULL,
	day date NOT NULL,
	deleted_by xid8 NOT NULL,
	PRIMARY KEY (customer_id, day, deleted_by)
);

COMMENT ON TABLE ticket_sla.report_dirty IS
'The customer''s days of tickets deleted since the last refresh_reports, one row per deleting transaction (deleted_by), written by the trigger note_deleted_days (0.6)';

CREATE TABLE ticket_sla.report_days (
	customer_id integer NOT NULL,
	day date NOT NULL,
	contract_id integer NOT NULL,
	severity ticket_sla.severity NOT NULL,
	confidential boolean NOT NULL,
	tickets bigint NOT NULL,
	responses_met bigint NOT NULL,
	responses_breached bigint NOT NULL,
	responses_manual bigint NOT NULL,
	resolutions_met bigint NOT NULL,
	resolutions_breached bigint NOT NULL,
	resolutions_manual bigint NOT NULL,
	replies_met bigint NOT NULL,
	replies_breached bigint NOT NULL,
	updates_met bigint NOT NULL,
	updates_breached bigint NOT NULL,
	escalations bigint NOT NULL,
	responses_open timestamptz[] NOT NULL,
	resolutions_open timestamptz[] NOT NULL,
	replies_open timestamptz[] NOT NULL,
	updates_open timestamptz[] NOT NULL,
	response_times bigint[] NOT NULL,
	PRIMARY KEY (customer_id, day, contract_id, severity, confidential)
);

COMMENT ON TABLE ticket_sla.report_days IS
'Report rollup: what the tickets a customer opened on a day (UTC) count for, per contract, severity and confidentiality, as of the last refresh_reports (0.6)';
COMMENT ON COLUMN ticket_sla.report_days.responses_breached IS
'Targets missed for good (answered late; for a resolution, resolved or paused late; every finished cycle): the targets still open are in the *_open columns';
COMMENT ON COLUMN ticket_sla.report_days.responses_open IS
'The due dates of the targets still running: each counts as missed once now() is past it';
COMMENT ON COLUMN ticket_sla.report_days.response_times IS
'The business time to each first response, in microseconds, in no order';

CREATE TABLE ticket_sla.report_periods (
	period text NOT NULL CHECK (period IN ('month', 'quarter')),
	period_start date NOT NULL,
	customer_id integer NOT NULL,
	contract_id integer NOT NULL,
	severity ticket_sla.severity NOT NULL,
	with_confidential boolean NOT NULL,
	tickets bigint NOT NULL,
	confidential_tickets bigint NOT NULL,
	responses_met bigint NOT NULL,
	responses_breached bigint NOT NULL,
	responses_manual bigint NOT NULL,
	resolutions_met bigint NOT NULL,
	resolutions_breached bigint NOT NULL,
	resolutions_manual bigint NOT NULL,
	replies_met bigint NOT NULL,
	replies_breached bigint NOT NULL,
	updates_met bigint NOT NULL,
	updates_breached bigint NOT NULL,
	escalations bigint NOT NULL,
	responses_open timestamptz[] NOT NULL,
	resolutions_open timestamptz[] NOT NULL,
	replies_open timestamptz[] NOT NULL,
	updates_open timestamptz[] NOT NULL,
	response_times bigint[] NOT NULL,
	response_percentiles float8[],
	PRIMARY KEY (period, period_start, customer_id, contract_id, severity, with_confidential)
);

COMMENT ON TABLE ticket_sla.report_periods IS
'Report rollup: the sums of report_days per month and quarter, customer, contract and severity, as of the last refresh_reports, kept by adding and taking out the days that change; a group with confidential tickets has two rows, without them (with_confidential false) and with them (0.6)';
COMMENT ON COLUMN ticket_sla.report_periods.with_confidential IS
'false: the non-confidential tickets only (what an uncleared role sees); true: all of them, for the members of ticket_sla_cleared (only when the group has confidential tickets)';
COMMENT ON COLUMN ticket_sla.report_periods.confidential_tickets IS
'How many of its tickets are confidential: 0 in a row without them';
COMMENT ON COLUMN ticket_sla.report_periods.response_times IS
'The business time to each first response, in microseconds, sorted';
COMMENT ON COLUMN ticket_sla.report_periods.response_percentiles IS
'The median and 90th percentile of response_times, in seconds (ticket_sla.sorted_percentiles); NULL without a response';

-- Readers see the rollups of what they may see: confidential tickets'
-- only with clearance.  Only refresh_reports writes them.
ALTER TABLE ticket_sla.report_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_sla.report_periods ENABLE ROW LEVEL SECURITY;
CREATE POLICY cleared_see ON ticket_sla.report_days FOR SELECT
	USING (NOT confidential OR pg_catalog.pg_has_role('ticket_sla_cleared', 'MEMBER'));
CREATE POLICY cleared_see ON ticket_sla.report_periods FOR SELECT
	USING (NOT with_confidential OR pg_catalog.pg_has_role('ticket_sla_cleared', 'MEMBER'));
COMMENT ON POLICY cleared_see ON ticket_sla.report_days IS 'The rollups of confidential tickets are visible only to members of ticket_sla_cleared';
COMMENT ON POLICY cleared_see ON ticket_sla.report_periods IS 'The sums with confidential tickets are visible only to members of ticket_sla_cleared';

-- The aggregate the rollups add and take out arrays with, and the
-- percentiles of the sorted response times
CREATE FUNCTION ticket_sla.multiset_sum_add(internal, anyarray, integer)
RETURNS internal
AS 'MODULE_PATHNAME', 'multiset_sum_add'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ticket_sla.multiset_sum_final(internal, anyarray, integer)
RETURNS anyarray
AS 'MODULE_PATHNAME', 'multiset_sum_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE ticket_sla.multiset_sum(anyarray, integer) (
	SFUNC = ticket_sla.multiset_sum_add,
	STYPE = internal,
	FINALFUNC = ticket_sla.multiset_sum_final,
	FINALFUNC_EXTRA,
	FINALFUNC_MODIFY = READ_WRITE,
	PARALLEL = SAFE
);
COMMENT ON FUNCTION ticket_sla.multiset_sum_add(internal, anyarray, integer) IS
'Transition function of ticket_sla.multiset_sum';
COMMENT ON FUNCTION ticket_sla.multiset_sum_final(internal, anyarray, integer) IS
'Final function of ticket_sla.multiset_sum';
COMMENT ON AGGREGATE ticket_sla.multiset_sum(anyarray, integer) IS
'The values of the arrays (bigint or timestamptz) of weight 1, less those of the arrays of weight -1, sorted: a rollup with its changed days taken out and put in again; taking out a value not there is an error (XX001)';

CREATE FUNCTION ticket_sla.sorted_percentiles(times bigint[])
RETURNS float8[]
AS 'MODULE_PATHNAME', 'sorted_percentiles'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ticket_sla.sorted_percentiles(bigint[]) IS
'{median, 90th percentile}, in seconds, of sorted durations in microseconds: what percentile_cont(0.5) and (0.9) WITHIN GROUP (ORDER BY seconds::float8) give over them, to the bit; NULL when empty';

CREATE FUNCTION ticket_sla.instants_before(instants timestamptz[], reading timestamptz)
RETURNS bigint
AS 'MODULE_PATHNAME', 'instants_before'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ticket_sla.instants_before(timestamptz[], timestamptz) IS
'How many of the instants lie before READING: the open targets of a rollup missed by then';

-- The month and the quarter a day counts in
CREATE FUNCTION ticket_sla.report_periods_of(day date,
	OUT period text, OUT period_start date, OUT period_end date)
RETURNS SETOF record
ROWS 2
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT p.period, p.first, (p.first + p.length)::date
FROM (VALUES ('month', date_trunc('month', day)::date, interval '1 month'),
			 ('quarter', date_trunc('quarter', day)::date, interval '3 months')) AS p (period, first, length)
$$;
COMMENT ON FUNCTION ticket_sla.report_periods_of(date) IS
'The month and the quarter DAY counts in, each with its first day and the day after its last';

-- What the tickets of the days given (customers[i] on days[i]) count for,
-- computed from the tickets: the rows report_days holds for them.  It reads
-- with its caller's rights (a reader sees only what it may).
CREATE FUNCTION ticket_sla.report_day_rows(customers integer[], days date[])
RETURNS SETOF ticket_sla.report_days
ROWS 100
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT t.customer_id, b.day, ct.contract_id, t.severity, t.confidential,
	   count(*),
	   count(*) FILTER (WHERE t.response_due_set IS NULL AND t.response_met),
	   count(*) FILTER (WHERE t.response_due_set IS NULL AND t.response_due < t.first_response_at),
	   count(*) FILTER (WHERE t.response_due_set IS NOT NULL),
	   count(*) FILTER (WHERE t.resolution_due_set IS NULL AND t.resolution_met) + sum(c.resolutions_met),
	   count(*) FILTER (WHERE t.resolution_due_set IS NULL
						AND t.resolution_due < coalesce(t.resolved_at, t.paused_since))
		   + sum(c.resolutions_breached),
	   count(*) FILTER (WHERE t.resolution_due_set IS NOT NULL) + sum(c.resolutions_manual),
	   sum(c.replies_met), sum(c.replies_breached), sum(c.updates_met), sum(c.updates_breached),
	   sum(e.fired),
	   coalesce(array_agg(t.response_due) FILTER (WHERE t.response_due_set IS NULL
			AND t.first_response_at IS NULL AND t.response_due IS NOT NULL), '{}'),
	   coalesce(array_agg(t.resolution_due) FILTER (WHERE t.resolution_due_set IS NULL
			AND t.resolved_at IS NULL AND t.paused_since IS NULL AND t.resolution_due IS NOT NULL), '{}'),
	   coalesce(array_agg(t.reply_due) FILTER (WHERE t.reply_due IS NOT NULL), '{}'),
	   coalesce(array_agg(t.update_due) FILTER (WHERE t.update_due IS NOT NULL), '{}'),
	   coalesce(array_agg((extract(epoch FROM ticket_sla.plan_time_between(t.clock_start,
			greatest(t.first_response_at, t.clock_start), ct.terms)) * 1000000)::bigint)
			FILTER (WHERE t.first_response_at IS NOT NULL), '{}')
FROM unnest(customers, days) AS b (customer_id, day)
JOIN ticket_sla.tickets t
  ON t.customer_id = b.customer_id
 AND t.opened_at >= b.day::timestamp AT TIME ZONE 'UTC'
 AND t.opened_at < (b.day + 1)::timestamp AT TIME ZONE 'UTC'
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
CROSS JOIN LATERAL (
	SELECT count(*) FILTER (WHERE f.target = 'resolution' AND f.met AND NOT f.due_manual) AS resolutions_met,
		   count(*) FILTER (WHERE f.target = 'resolution' AND NOT f.met AND NOT f.due_manual)
			   AS resolutions_breached,
		   count(*) FILTER (WHERE f.target = 'resolution' AND f.due_manual) AS resolutions_manual,
		   count(*) FILTER (WHERE f.target = 'reply' AND f.met) AS replies_met,
		   count(*) FILTER (WHERE f.target = 'reply' AND NOT f.met) AS replies_breached,
		   count(*) FILTER (WHERE f.target = 'update' AND f.met) AS updates_met,
		   count(*) FILTER (WHERE f.target = 'update' AND NOT f.met) AS updates_breached
	FROM ticket_sla.target_cycles f
	WHERE f.ticket_id = t.ticket_id
) AS c
CROSS JOIN LATERAL (
	SELECT count(*) AS fired FROM ticket_sla.escalations x WHERE x.ticket_id = t.ticket_id
) AS e
GROUP BY t.customer_id, b.day, ct.contract_id, t.severity, t.confidential
$$;

COMMENT ON FUNCTION ticket_sla.report_day_rows(integer[], date[]) IS
'What the tickets that CUSTOMERS[i] opened on DAYS[i] (UTC) count for in the reports, computed from the tickets the caller sees: the rows of report_days for those days';

-- The customers' days whose rollup is stale: a ticket of them written
-- since the last refresh began, or deleted since.  SECURITY DEFINER so
-- that a day counts as changed whoever reads (a ticket made confidential
-- leaves the reader's sight but must leave its day too).
CREATE FUNCTION ticket_sla.report_changed_days(OUT customer_id integer, OUT day date)
RETURNS SETOF record
ROWS 100
LANGUAGE plpgsql STABLE PARALLEL SAFE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	-- read first, so that the query is planned for its value: few tickets
	-- above it (a join would be estimated at a third of the tickets, and
	-- hashed as many)
	since xid8 := (SELECT s.refreshed_before FROM ticket_sla.report_state s);
BEGIN
	RETURN QUERY
	SELECT t.customer_id, (t.opened_at AT TIME ZONE 'UTC')::date
	  FROM ticket_sla.tickets t
	 WHERE t.revision >= since
	UNION
	SELECT d.customer_id, d.day FROM ticket_sla.report_dirty d;
END
$$;

COMMENT ON FUNCTION ticket_sla.report_changed_days() IS
'The customers'' days (UTC, of opened_at) whose tickets were written or deleted since the last refresh_reports began: what readers recompute from the tickets';
REVOKE EXECUTE ON FUNCTION ticket_sla.report_changed_days() FROM PUBLIC;

-- The rows of report_periods for the months and quarters of the customers'
-- days given (customers[i] on days[i]), once those days' rows REMOVED are
-- taken out and ADDED put in (NULL: the days' rows as stored now): the
-- stored rows, minus and plus those days, per group one row of its
-- non-confidential tickets and, when it has confidential ones the caller
-- sees, one of all.  Counts subtract; arrays as multisets (multiset_sum).
CREATE FUNCTION ticket_sla.report_periods_after(customers integer[], days date[],
	removed ticket_sla.report_days[], added ticket_sla.report_days[])
RETURNS SETOF ticket_sla.report_periods
ROWS 100
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
WITH changed AS MATERIALIZED (
	SELECT DISTINCT c.customer_id, c.day FROM unnest(customers, days) AS c (customer_id, day)
), stale AS MATERIALIZED (
	SELECT DISTINCT c.customer_id, p.period, p.period_start, p.period_end
	FROM changed c CROSS JOIN LATERAL ticket_sla.report_periods_of(c.day) AS p
), stored AS (
	-- a group's row with confidential tickets stands for both audiences
	-- where it has none
	SELECT r.*, a.with_confidential AS audience
	FROM stale s
	JOIN ticket_sla.report_periods r
	  ON r.customer_id = s.customer_id AND r.period = s.period AND r.period_start = s.period_start
	CROSS JOIN LATERAL (VALUES (false), (true)) AS a (with_confidential)
	WHERE r.with_confidential = a.with_confidential
	   OR (a.with_confidential AND NOT EXISTS (
			SELECT FROM ticket_sla.report_periods w
			WHERE w.period = r.period AND w.period_start = r.period_start AND w.customer_id = r.customer_id
			  AND w.contract_id = r.contract_id AND w.severity = r.severity AND w.with_confidential))
), day_rows AS (
	SELECT -1 AS weight, d.* FROM unnest(removed) AS d
	UNION ALL
	SELECT 1, d.* FROM unnest(added) AS d
	UNION ALL
	SELECT 1, d.*
	FROM changed c JOIN ticket_sla.report_days d ON d.customer_id = c.customer_id AND d.day = c.day
	WHERE added IS NULL
), parts AS (
	SELECT r.period, r.period_start, r.customer_id, r.contract_id, r.severity, r.audience, 1 AS weight,
		   r.tickets, r.confidential_tickets, r.responses_met, r.responses_breached, r.responses_manual,
		   r.resolutions_met, r.resolutions_breached, r.resolutions_manual, r.replies_met,
		   r.replies_breached, r.updates_met, r.updates_breached, r.escalations, r.responses_open,
		   r.resolutions_open, r.replies_open, r.updates_open, r.response_times
	FROM stored r
	UNION ALL
	SELECT s.period, s.period_start, d.customer_id, d.contract_id, d.severity, a.with_confidential, d.weight,
		   d.tickets, CASE WHEN d.confidential THEN d.tickets ELSE 0 END, d.responses_met,
		   d.responses_breached, d.responses_manual, d.resolutions_met, d.resolutions_breached,
		   d.resolutions_manual, d.replies_met, d.replies_breached, d.updates_met, d.updates_breached,
		   d.escalations, d.responses_open, d.resolutions_open, d.replies_open, d.updates_open,
		   d.response_times
	FROM day_rows d
	JOIN stale s ON s.customer_id = d.customer_id AND d.day >= s.period_start AND d.day < s.period_end
	CROSS JOIN LATERAL (VALUES (false), (true)) AS a (with_confidential)
	WHERE a.with_confidential OR NOT d.confidential
)
SELECT g.*, ticket_sla.sorted_percentiles(g.response_times)
FROM (
	SELECT p.period, p.period_start, p.customer_id, p.contract_id, p.severity, p.audience,
		   sum(p.weight * p.tickets)::bigint AS tickets,
		   sum(p.weight * p.confidential_tickets)::bigint AS confidential_tickets,
		   sum(p.weight * p.responses_met)::bigint, sum(p.weight * p.responses_breached)::bigint,
		   sum(p.weight * p.responses_manual)::bigint, sum(p.weight * p.resolutions_met)::bigint,
		   sum(p.weight * p.resolutions_breached)::bigint, sum(p.weight * p.resolutions_manual)::bigint,
		   sum(p.weight * p.replies_met)::bigint, sum(p.weight * p.replies_breached)::bigint,
		   sum(p.weight * p.updates_met)::bigint, sum(p.weight * p.updates_breached)::bigint,
		   sum(p.weight * p.escalations)::bigint,
		   ticket_sla.multiset_sum(p.responses_open, p.weight),
		   ticket_sla.multiset_sum(p.resolutions_open, p.weight),
		   ticket_sla.multiset_sum(p.replies_open, p.weight),
		   ticket_sla.multiset_sum(p.updates_open, p.weight),
		   ticket_sla.multiset_sum(p.response_times, p.weight) AS response_times
	FROM parts p
	GROUP BY p.period, p.period_start, p.customer_id, p.contract_id, p.severity, p.audience
) AS g
WHERE g.tickets > 0 AND (NOT g.audience OR g.confidential_tickets > 0)
$$;

COMMENT ON FUNCTION ticket_sla.report_periods_after(integer[], date[], ticket_sla.report_days[], ticket_sla.report_days[]) IS
'The rows of report_periods for the months and quarters in which CUSTOMERS[i] opened tickets on DAYS[i], once those days'' rows REMOVED are taken out and ADDED put in (NULL: the days'' rows as stored now), as the caller sees them';

-- SECURITY DEFINER: the rollups count every ticket, and nobody else writes
-- them.  One refresh at a time (the lock on report_state); writers never
-- wait for it.
CREATE FUNCTION ticket_sla.refresh_reports()
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	mark xid8;
	since xid8;
	customers integer[];
	days date[];
	removed ticket_sla.report_days[];
	periods ticket_sla.report_periods[];
BEGIN
	-- one refresh at a time: the others wait here
	SELECT s.refreshed_before INTO since FROM ticket_sla.report_state s FOR UPDATE;
	-- every transaction older than the oldest one running now has written
	-- what it will write: its tickets are in the days read below
	mark := pg_snapshot_xmin(pg_current_snapshot());
	WITH deleted AS (
		DELETE FROM ticket_sla.report_dirty RETURNING customer_id, day
	), changed AS (
		SELECT d.customer_id, d.day FROM deleted d
		UNION
		SELECT t.customer_id, (t.opened_at AT TIME ZONE 'UTC')::date
		FROM ticket_sla.tickets t
		WHERE t.revision >= since
	)
	SELECT array_agg(c.customer_id ORDER BY c.customer_id, c.day), array_agg(c.day ORDER BY c.customer_id, c.day)
	  INTO customers, days
	  FROM changed c;
	UPDATE ticket_sla.report_state SET refreshed_before = mark, refreshed_at = now();
	IF customers IS NULL THEN
		RETURN 0;
	END IF;
	-- the changed days anew, what they held kept to take out of their periods
	WITH gone AS (
		DELETE FROM ticket_sla.report_days r
		 USING unnest(customers, days) AS c (customer_id, day)
		 WHERE r.customer_id = c.customer_id AND r.day = c.day
		RETURNING r.*
	)
	SELECT coalesce(array_agg(g), '{}') INTO removed FROM gone g;
	INSERT INTO ticket_sla.report_days SELECT * FROM ticket_sla.report_day_rows(customers, days);
	-- their months and quarters: what they hold, less what the days held,
	-- plus what they hold now
	periods := ARRAY(SELECT p FROM ticket_sla.report_periods_after(customers, days, removed, NULL) AS p);
	DELETE FROM ticket_sla.report_periods r
	 USING unnest(customers, days) AS c (customer_id, day),
		   LATERAL ticket_sla.report_periods_of(c.day) AS p
	 WHERE r.customer_id = c.customer_id AND r.period = p.period AND r.period_start = p.period_start;
	INSERT INTO ticket_sla.report_periods SELECT * FROM unnest(periods);
	RETURN cardinality(customers);
END
$$;

COMMENT ON FUNCTION ticket_sla.refresh_reports() IS
'Brings the report rollups up to date: recomputes the customers'' days whose tickets were written or deleted since the last refresh began, and their months and quarters; returns how many days; one at a time (the others wait).  Schedule it every minute (docs/reports.md)';
REVOKE EXECUTE ON FUNCTION ticket_sla.refresh_reports() FROM PUBLIC;

CREATE FUNCTION ticket_sla.rebuild_reports()
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM FROM ticket_sla.report_state FOR UPDATE;
	-- a ticket stamped by another cluster's transaction (restored from a
	-- dump) would count as changed for ever: the trigger stamps it anew
	UPDATE ticket_sla.tickets SET revision = revision WHERE revision > pg_current_xact_id();
	DELETE FROM ticket_sla.report_days;
	DELETE FROM ticket_sla.report_periods;
	DELETE FROM ticket_sla.report_dirty;
	UPDATE ticket_sla.report_state SET refreshed_before = '0';
	RETURN ticket_sla.refresh_reports();
END
$$;

COMMENT ON FUNCTION ticket_sla.rebuild_reports() IS
'Makes the report rollups anew from every ticket (after a restore, or to check them); returns how many customers'' days it computed';
REVOKE EXECUTE ON FUNCTION ticket_sla.rebuild_reports() FROM PUBLIC;

-- SECURITY DEFINER because nobody writes report_dirty or the rollups
-- directly
CREATE FUNCTION ticket_sla.note_deleted_days()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.note_deleted_days', TG_RELID,
												'ticket_sla.tickets');
	IF TG_OP = 'TRUNCATE' THEN
		DELETE FROM ticket_sla.report_days;
		DELETE FROM ticket_sla.report_periods;
		DELETE FROM ticket_sla.report_dirty;
	ELSE
		INSERT INTO ticket_sla.report_dirty
		SELECT DISTINCT g.customer_id, (g.opened_at AT TIME ZONE 'UTC')::date, pg_current_xact_id()
		  FROM deleted_tickets g
		ON CONFLICT DO NOTHING;
	END IF;
	RETURN NULL;
END
$$;

COMMENT ON FUNCTION ticket_sla.note_deleted_days() IS
'Trigger of tickets: notes the customers'' days of deleted tickets in report_dirty, for refresh_reports and the readers; empties the rollups when the tickets are truncated';
REVOKE EXECUTE ON FUNCTION ticket_sla.note_deleted_days() FROM PUBLIC;

CREATE TRIGGER note_deleted_days
AFTER DELETE ON ticket_sla.tickets
REFERENCING OLD TABLE AS deleted_tickets
FOR EACH STATEMENT EXECUTE FUNCTION ticket_sla.note_deleted_days();
CREATE TRIGGER note_truncated
AFTER TRUNCATE ON ticket_sla.tickets
FOR EACH STATEMENT EXECUTE FUNCTION ticket_sla.note_deleted_days();

-- The report's figures of a group of report_periods, as of now(): its
-- open targets count as missed once past due.  compliance and
-- compliance_recomputed both give them; before the first refresh
-- compliance is compliance_recomputed (the rollups would recompute every
-- day of every customer on every read).
CREATE VIEW ticket_sla.compliance WITH (security_invoker = true) AS
WITH changed AS MATERIALIZED (
	SELECT c.customer_id, c.day FROM ticket_sla.report_changed_days() c
), stale AS MATERIALIZED (
	SELECT DISTINCT c.customer_id, p.period, p.period_start
	FROM changed c CROSS JOIN LATERAL ticket_sla.report_periods_of(c.day) AS p
), sums AS (
	SELECT DISTINCT ON (r.period, r.period_start, r.customer_id, r.contract_id, r.severity) r.*
	FROM (
		SELECT s.*
		FROM ticket_sla.report_periods s
		WHERE NOT EXISTS (SELECT FROM stale x WHERE x.customer_id = s.customer_id
						  AND x.period = s.period AND x.period_start = s.period_start)
		UNION ALL
		SELECT f.*
		FROM ticket_sla.report_periods_after(
				ARRAY(SELECT c.customer_id FROM changed c ORDER BY c.customer_id, c.day),
				ARRAY(SELECT c.day FROM changed c ORDER BY c.customer_id, c.day),
				ARRAY(SELECT d FROM changed c JOIN ticket_sla.report_days d
					  ON d.customer_id = c.customer_id AND d.day = c.day),
				ARRAY(SELECT d FROM ticket_sla.report_day_rows(
						ARRAY(SELECT c.customer_id FROM changed c ORDER BY c.customer_id, c.day),
						ARRAY(SELECT c.day FROM changed c ORDER BY c.customer_id, c.day)) AS d)) AS f
		WHERE EXISTS (SELECT FROM changed)
	) AS r
	ORDER BY r.period, r.period_start, r.customer_id, r.contract_id, r.severity, r.with_confidential DESC
)
SELECT g.period, g.period_start, g.customer_id, cu.organisation, g.contract_id, co.name AS contract,
	   g.severity, g.tickets, n.met AS targets_met, n.breached AS targets_breached,
	   round(100.0 OPERATOR(pg_catalog.*) n.met OPERATOR(pg_catalog./) nullif(n.met + n.breached, 0), 1)
		   AS compliance_pct,
	   pct.median AS median_response, EXTRACT(epoch FROM pct.median) AS median_response_seconds,
	   pct.p90 AS p90_response, EXTRACT(epoch FROM pct.p90) AS p90_response_seconds,
	   g.responses_manual + g.resolutions_manual AS targets_manual,
	   g.replies_met, o.replies_breached, g.updates_met, o.updates_breached
FROM sums g
-- the missed targets, the open ones once past due
CROSS JOIN LATERAL (
	SELECT g.responses_breached + ticket_sla.instants_before(g.responses_open, now()) AS responses_breached,
		   g.resolutions_breached + ticket_sla.instants_before(g.resolutions_open, now())
			   AS resolutions_breached,
		   g.replies_breached + ticket_sla.instants_before(g.replies_open, now()) AS replies_breached,
		   g.updates_breached + ticket_sla.instants_before(g.updates_open, now()) AS updates_breached
) AS o
CROSS JOIN LATERAL (
	SELECT g.responses_met + g.resolutions_met + g.replies_met + g.updates_met AS met,
		   o.responses_breached + o.resolutions_breached + o.replies_breached + o.updates_breached
			   AS breached
) AS n
CROSS JOIN LATERAL (
	SELECT pg_catalog.make_interval(secs => g.response_percentiles[1]) AS median,
		   pg_catalog.make_interval(secs => g.response_percentiles[2]) AS p90
) AS pct
JOIN ticket_sla.customers cu ON cu.customer_id = g.customer_id
JOIN ticket_sla.contracts co ON co.contract_id = g.contract_id
WHERE EXISTS (SELECT FROM ticket_sla.report_state r WHERE r.refreshed_at IS NOT NULL)
UNION ALL
-- until the first refresh (a new or updated store), the full recomputation
SELECT * FROM ticket_sla.compliance_recomputed
WHERE NOT EXISTS (SELECT FROM ticket_sla.report_state r WHERE r.refreshed_at IS NOT NULL);

COMMENT ON VIEW ticket_sla.compliance IS
'Per month and per quarter (of opened_at, UTC), customer, contract and severity: tickets, targets met and breached (open ones once past due), compliance %, median and 90th percentile business time to the first response (and in seconds); targets whose due date was set by hand, counted apart; the replies and updates met and breached in all their cycles (in the targets too, with the resolutions of every cycle).  Read from the report rollups, the periods changed since the last refresh_reports recomputed: the figures of compliance_recomputed (0.6)';
COMMENT ON COLUMN ticket_sla.compliance.median_response_seconds IS
'median_response in seconds (numeric, to the microsecond; NULL without a response), for tools that cannot chart an interval';
COMMENT ON COLUMN ticket_sla.compliance.p90_response_seconds IS
'p90_response in seconds (numeric, to the microsecond; NULL without a response), for tools that cannot chart an interval';

-- Every function that computes or only reads is PARALLEL SAFE, so that a
-- query over many tickets can use parallel workers (and a distributed
-- engine push the functions down).  Only the triggers and the functions
-- that write (take_premium_request, retarget, process_escalations) are not.
CREATE FUNCTION ticket_sla.quarterly_report(customer integer, quarter text)
RETURNS TABLE (section text, severity ticket_sla.severity, case_number text,
			   opened_at timestamptz, summary text, status text,
			   tickets bigint, responses_met bigint, responses_breached bigint,
			   resolutions_met bigint, resolutions_breached bigint,
			   response_time interval, response_time_seconds numeric, escalations bigint,
			   responses_manual bigint, resolutions_manual bigint,
			   replies_met bigint, replies_breached bigint, updates_met bigint, updates_breached bigint,
			   service text, availability_pct numeric, availability_target numeric,
			   minutes_down numeric, minutes_maintenance numeric, months_breached bigint)
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
	), changed AS MATERIALIZED (
		SELECT c.day FROM ticket_sla.report_changed_days() c
		 WHERE c.customer_id = customer AND c.day >= first_day AND c.day < first_day + interval '3 months'
	), days AS (
		-- the summary from the rollups: the quarter's days as they are now
		SELECT d.*
		  FROM ticket_sla.report_days d
		 WHERE d.customer_id = customer AND d.day >= first_day AND d.day < first_day + interval '3 months'
		   AND NOT EXISTS (SELECT FROM changed c WHERE c.day = d.day)
		UNION ALL
		SELECT d.*
		  FROM ticket_sla.report_day_rows(ARRAY(SELECT customer FROM changed c ORDER BY c.day),
										  ARRAY(SELECT c.day FROM changed c ORDER BY c.day)) AS d
	), summary AS (
		SELECT d.severity, sum(d.tickets) AS tickets, sum(d.responses_met) AS responses_met,
			   sum(d.responses_breached + ticket_sla.instants_before(d.responses_open, now())) AS responses_breached,
			   sum(d.resolutions_met) AS resolutions_met,
			   sum(d.resolutions_breached + ticket_sla.instants_before(d.resolutions_open, now()))
				   AS resolutions_breached,
			   make_interval(secs => (ticket_sla.sorted_percentiles(
				   ticket_sla.multiset_sum(d.response_times, 1)))[1]) AS median,
			   sum(d.escalations) AS escalations, sum(d.responses_manual) AS responses_manual,
			   sum(d.resolutions_manual) AS resolutions_manual, sum(d.replies_met) AS replies_met,
			   sum(d.replies_breached + ticket_sla.instants_before(d.replies_open, now())) AS replies_breached,
			   sum(d.updates_met) AS updates_met,
			   sum(d.updates_breached + ticket_sla.instants_before(d.updates_open, now())) AS updates_breached
		  FROM days d
		 GROUP BY ROLLUP (d.severity)
	)
	SELECT 'summary', m.severity, NULL, NULL, NULL, NULL,
		   coalesce(m.tickets, 0)::bigint, coalesce(m.responses_met, 0)::bigint,
		   coalesce(m.responses_breached, 0)::bigint, coalesce(m.resolutions_met, 0)::bigint,
		   coalesce(m.resolutions_breached, 0)::bigint, m.median, EXTRACT(epoch FROM m.median),
		   coalesce(m.escalations, 0)::bigint, coalesce(m.responses_manual, 0)::bigint,
		   coalesce(m.resolutions_manual, 0)::bigint, coalesce(m.replies_met, 0)::bigint,
		   coalesce(m.replies_breached, 0)::bigint, coalesce(m.updates_met, 0)::bigint,
		   coalesce(m.updates_breached, 0)::bigint,
		   NULL::text, NULL::numeric, NULL::numeric, NULL::numeric, NULL::numeric, NULL::bigint
	  FROM summary m
	UNION ALL
	SELECT 'incident', i.severity, i.case_number, i.opened_at, i.summary, i.status,
		   1, i.response_met, i.response_breached, i.resolution_met + i.earlier_resolutions_met,
		   i.resolution_breached + i.earlier_resolutions_breached,
		   i.response_time, i.response_time_seconds, i.n_escalations, i.response_manual, i.resolution_manual,
		   i.replies_met, i.replies_breached, i.updates_met, i.updates_breached,
		   NULL, NULL, NULL, NULL, NULL, NULL
	  FROM incident i
	UNION ALL
	-- (0.6) each service's availability over the quarter's months (in the
	-- plan's time zone): the minutes up of the minutes not planned
	-- maintenance, the months breached
	SELECT 'availability', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		   NULL, NULL, NULL, NULL, NULL, NULL, NULL, a.service,
		   trunc(coalesce(100 * (sum(a.minutes) - sum(a.minutes_maintenance) - sum(a.minutes_down))
						  / nullif(sum(a.minutes) - sum(a.minutes_maintenance), 0), 100), 3),
		   (array_agg(a.target_pct ORDER BY a.month DESC))[1], sum(a.minutes_down),
		   sum(a.minutes_maintenance), count(*) FILTER (WHERE NOT a.met)
	  FROM ticket_sla.availability a
	 WHERE a.customer_id = customer AND a.month >= first_day AND a.month < first_day + interval '3 months'
	 GROUP BY a.service
	ORDER BY 1 DESC, 2 NULLS LAST, 4, 3, 21;
END
$$;

COMMENT ON FUNCTION ticket_sla.quarterly_report(integer, text) IS
'The quarterly incident and activity report of CUSTOMER for QUARTER (YYYY-Qn, UTC): a summary row per severity and one for all (severity NULL; response_time the median), then one row per ticket opened in the quarter; targets whose due date was set by hand are counted apart (responses_manual, resolutions_manual), not as met or breached; the replies and updates met and breached, response_time in seconds too, the summary read from the report rollups (0.6); then one availability row per service (0.6): its availability over the quarter''s months, the target of the last, the minutes down and of planned maintenance, the months breached';

------------------------------------------------------------------------------
-- Roles and row-level security
--
-- ticket_sla_agent      works tickets: reads the store, opens and updates
--                       tickets
-- ticket_sla_reporting  reads the store and its views, writes nothing
-- ticket_sla_admin      manages contracts, customers, contacts and statuses too
-- ticket_sla_cleared    grants the clearance to see confidential tickets
--
-- Roles belong to the cluster: they are created when missing and survive
-- DROP EXTENSION.
------------------------------------------------------------------------------

DO $$
DECLARE
	r text;
BEGIN
	FOREACH r IN ARRAY ARRAY['ticket_sla_agent', 'ticket_sla_reporting',
							 'ticket_sla_admin', 'ticket_sla_cleared']
	LOOP
		IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r) THEN
			EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r);
		END IF;
	END LOOP;
END
$$;

GRANT USAGE ON SCHEMA ticket_sla
	TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
GRANT SELECT ON ALL TABLES IN SCHEMA ticket_sla
	TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
-- What agents and admins may write in a ticket.  Only the columns an
-- application gives can be inserted: the trigger stamps the rest.  (With
-- INSERT on every column, ticket_id included, OVERRIDING SYSTEM VALUE could
-- give an id that exists already, and INSERT ... ON CONFLICT DO NOTHING then
-- fired the trigger, taking a premium request of any customer, and stored
-- nothing; ids planted ahead of the identity blocked every later insert.)
-- Every column can be updated but escalation_level and events_fired, which
-- only process_escalations raises, those the trigger keeps, and terms_id:
-- only retarget (SECURITY DEFINER, for the admin) moves a ticket to new
-- terms.
GRANT INSERT (customer_id, contact_id, service, summary, problem_at, business_impact,
			  description, current_behaviour, expected_behaviour, channel, severity, status,
			  holder, support_level, confidential, tier, opened_at, first_response_at,
			  resolved_at, request_type)
	ON ticket_sla.tickets TO ticket_sla_agent, ticket_sla_admin;
GRANT UPDATE (contact_id, service, summary, problem_at, business_impact, description,
			  current_behaviour, expected_behaviour, channel, severity, status, holder,
			  support_level, confidential, first_response_at, resolved_at, changed_at,
			  request_type)
	ON ticket_sla.tickets TO ticket_sla_agent, ticket_sla_admin;
GRANT USAGE ON SEQUENCE ticket_sla.case_number_seq TO ticket_sla_agent, ticket_sla_admin;
GRANT INSERT, UPDATE, DELETE ON ticket_sla.contracts, ticket_sla.customers, ticket_sla.contacts,
	ticket_sla.statuses
	TO ticket_sla_admin;
GRANT INSERT, UPDATE, DELETE ON ticket_sla.request_types TO ticket_sla_admin;
GRANT DELETE ON ticket_sla.tickets TO ticket_sla_admin;
-- Messages are appended, never changed; who recorded one is the role that
-- inserted it (recorded_by keeps its default)
GRANT INSERT (ticket_id, author, public, qualified, sent_at, body)
	ON ticket_sla.messages TO ticket_sla_agent, ticket_sla_admin;
-- Premium requests are taken by the tickets' trigger only, as the owner of
-- the extension: no role calls take_premium_request itself (which would
-- spend any customer's quota without opening a ticket).
REVOKE EXECUTE ON FUNCTION ticket_sla.take_premium_request(integer, date, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ticket_sla.retarget(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ticket_sla.retarget(text, integer) TO ticket_sla_admin;
REVOKE EXECUTE ON FUNCTION ticket_sla.process_escalations(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ticket_sla.process_escalations(timestamptz, integer) TO ticket_sla_admin;
-- the trigger for an application's own table (see stamp_deadlines)
GRANT EXECUTE ON FUNCTION ticket_sla.stamp_deadlines() TO ticket_sla_admin;
-- due dates set by hand: the admin, and whom a DBA grants them
REVOKE EXECUTE ON FUNCTION ticket_sla.set_due(bigint, ticket_sla.sla_clock, timestamptz, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ticket_sla.clear_due(bigint, ticket_sla.sla_clock, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ticket_sla.set_due(bigint, ticket_sla.sla_clock, timestamptz, text) TO ticket_sla_admin;
GRANT EXECUTE ON FUNCTION ticket_sla.clear_due(bigint, ticket_sla.sla_clock, text) TO ticket_sla_admin;
-- the report rollups (0.6): readers learn which customers' days changed
-- since the last refresh (not what changed); the admin and the scheduler
-- refresh and rebuild them; the days of deleted tickets are nobody's to read
GRANT EXECUTE ON FUNCTION ticket_sla.report_changed_days()
	TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
GRANT EXECUTE ON FUNCTION ticket_sla.refresh_reports(), ticket_sla.rebuild_reports() TO ticket_sla_admin;
REVOKE SELECT ON ticket_sla.report_dirty FROM ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;

ALTER TABLE ticket_sla.tickets ENABLE ROW LEVEL SECURITY;

-- Anybody who may insert may file a confidential ticket (the customer flags
-- it); only the cleared see, change or delete one, or flag a filed one.  An
-- uncleared role cannot read back what it filed (INSERT ... RETURNING).
CREATE POLICY file_any ON ticket_sla.tickets FOR INSERT WITH CHECK (true);
CREATE POLICY cleared_see ON ticket_sla.tickets FOR SELECT
	USING (NOT confidential OR pg_catalog.pg_has_role('ticket_sla_cleared', 'MEMBER'));
CREATE POLICY cleared_change ON ticket_sla.tickets FOR UPDATE
	USING (NOT confidential OR pg_catalog.pg_has_role('ticket_sla_cleared', 'MEMBER'));
CREATE POLICY cleared_delete ON ticket_sla.tickets FOR DELETE
	USING (NOT confidential OR pg_catalog.pg_has_role('ticket_sla_cleared', 'MEMBER'));

-- What the trigger and process_escalations write about a ticket is seen by
-- those who see the ticket
ALTER TABLE ticket_sla.clock_segments ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_sla.escalations ENABLE ROW LEVEL SECURITY;
CREATE POLICY with_its_ticket ON ticket_sla.clock_segments FOR SELECT
	USING (EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = clock_segments.ticket_id));
CREATE POLICY with_its_ticket ON ticket_sla.escalations FOR SELECT
	USING (EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = escalations.ticket_id));
ALTER TABLE ticket_sla.target_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY with_its_ticket ON ticket_sla.target_events FOR SELECT
	USING (EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = target_events.ticket_id));
COMMENT ON POLICY with_its_ticket ON ticket_sla.target_events IS 'The warnings and breaches of a ticket are visible to those who see the ticket';

-- Messages and the cycles of a ticket's clocks are seen, and messages
-- written, by those who see the ticket (0.6)
ALTER TABLE ticket_sla.messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_sla.target_cycles ENABLE ROW LEVEL SECURITY;
CREATE POLICY with_its_ticket ON ticket_sla.messages FOR SELECT
	USING (EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = messages.ticket_id));
CREATE POLICY on_its_ticket ON ticket_sla.messages FOR INSERT
	WITH CHECK (EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = messages.ticket_id));
CREATE POLICY with_its_ticket ON ticket_sla.target_cycles FOR SELECT
	USING (EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = target_cycles.ticket_id));
COMMENT ON POLICY with_its_ticket ON ticket_sla.messages IS 'The messages of a ticket are visible to those who see the ticket';
COMMENT ON POLICY on_its_ticket ON ticket_sla.messages IS 'A message is written only on a ticket its writer sees: a confidential one by the cleared';
COMMENT ON POLICY with_its_ticket ON ticket_sla.target_cycles IS 'The cycles of a ticket''s clocks are visible to those who see the ticket';

COMMENT ON POLICY with_its_ticket ON ticket_sla.clock_segments IS 'The stretches of a ticket''s clocks are visible to those who see the ticket';
COMMENT ON POLICY with_its_ticket ON ticket_sla.escalations IS 'The escalations of a ticket are visible to those who see the ticket';
ALTER TABLE ticket_sla.due_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY with_its_ticket ON ticket_sla.due_changes FOR SELECT
	USING (EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = due_changes.ticket_id));
COMMENT ON POLICY with_its_ticket ON ticket_sla.due_changes IS 'The due dates set by hand on a ticket are visible to those who see the ticket';
COMMENT ON POLICY file_any ON ticket_sla.tickets IS 'Anybody allowed to insert may file a ticket, confidential or not';
COMMENT ON POLICY cleared_see ON ticket_sla.tickets IS 'Confidential tickets are visible only to members of ticket_sla_cleared';
COMMENT ON POLICY cleared_change ON ticket_sla.tickets IS 'Confidential tickets are changed only by members of ticket_sla_cleared, and only they flag a filed ticket confidential';
COMMENT ON POLICY cleared_delete ON ticket_sla.tickets IS 'Confidential tickets are deleted only by members of ticket_sla_cleared';

------------------------------------------------------------------------------
-- Service availability (0.6)
--
-- A plan's "availability 99.5% per month, maintenance announced 5 days
-- ahead" is measured on what is recorded here: the services, which
-- customers take which service and since when, the outages and the
-- maintenance windows with the time each was announced.  Outages are
-- recorded directly (by the on-call agent or a monitoring job), not derived
-- from tickets: one outage is reported in many tickets, or in none; an
-- outage may name the ticket it was reported in.  docs/availability.md
-- gives the rules of the view availability.
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.availability_target(c ticket_sla.contract)
RETURNS numeric
AS 'MODULE_PATHNAME', 'contract_availability_target'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.availability_target(ticket_sla.contract) IS
'The monthly availability target of plan C in percent (availability 99.5% per month); NULL when it sets none';

CREATE FUNCTION ticket_sla.maintenance_notice(c ticket_sla.contract)
RETURNS text
AS 'MODULE_PATHNAME', 'contract_maintenance_notice'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.maintenance_notice(ticket_sla.contract) IS
'How long ahead plan C needs maintenance announced for it not to count as downtime, as written (5 days, 2 business days); NULL when the plan excludes no maintenance';

CREATE FUNCTION ticket_sla.maintenance_from(announced_at timestamptz, c ticket_sla.contract)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'maintenance_from'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.maintenance_from(timestamptz, ticket_sla.contract) IS
'The earliest start of a maintenance window announced at ANNOUNCED_AT that plan C counts as planned maintenance (the notice after the announcement, in business time under the plan''s hours when the notice says business); NULL when the plan excludes no maintenance';

CREATE TABLE ticket_sla.services (
	service_id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	name text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
	description text
);

COMMENT ON TABLE ticket_sla.services IS
'The services whose availability the plans promise (0.6)';

CREATE TABLE ticket_sla.customer_services (
	customer_id integer NOT NULL REFERENCES ticket_sla.customers ON DELETE CASCADE,
	service_id integer NOT NULL REFERENCES ticket_sla.services,
	-- finite, from 1900 on: the view counts its months from it (from
	-- -infinity it would count them for ever)
	since timestamptz NOT NULL DEFAULT now()
		CHECK (isfinite(since) AND since >= '1900-01-01 00:00+00'),
	until timestamptz,
	PRIMARY KEY (customer_id, service_id),
	CHECK (until > since)
);

CREATE INDEX customer_services_service ON ticket_sla.customer_services (service_id);

COMMENT ON TABLE ticket_sla.customer_services IS
'Which customers take which service, from SINCE until UNTIL (NULL: still): their availability is measured over that time, a month without outages at 100 % (0.6)';

CREATE TABLE ticket_sla.outages (
	outage_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	service_id integer NOT NULL REFERENCES ticket_sla.services,
	during tstzrange NOT NULL,
	customers integer[],
	ticket_id bigint,
	note text
);

-- a month reads the outages that overlap it
CREATE INDEX outages_during ON ticket_sla.outages USING gist (during);

COMMENT ON TABLE ticket_sla.outages IS
'The times a service was down (0.6): DURING has an open end while it lasts (counted up to now), CUSTOMERS are the customers affected (NULL: every subscriber), TICKET_ID the ticket it was reported in, if any';
COMMENT ON COLUMN ticket_sla.outages.ticket_id IS
'The ticket the outage was reported in (checked when given); no foreign key: an outage is a fact of the service, kept when tickets are deleted or truncated';

CREATE TABLE ticket_sla.maintenance_windows (
	window_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	service_id integer NOT NULL REFERENCES ticket_sla.services,
	during tstzrange NOT NULL,
	announced_at timestamptz NOT NULL DEFAULT now(),
	customers integer[],
	note text
);

CREATE INDEX maintenance_windows_during ON ticket_sla.maintenance_windows USING gist (during);

COMMENT ON TABLE ticket_sla.maintenance_windows IS
'The planned maintenance of a service (0.6), DURING, announced at ANNOUNCED_AT to CUSTOMERS (NULL: every subscriber): planned maintenance when announced as far ahead as the plan requires (maintenance_from), downtime otherwise';

-- Instants are checked against the transaction's time: an outage is
-- recorded once it has begun, and ends when it is over (an open end
-- meanwhile); an announcement is made before it is recorded.  Every
-- instant is finite and from 1900 on: an announcement far in the past
-- would make maintenance_from, and with it the view, fail for everyone.
-- History is the admin's to correct.  Other writers (agents) record an
-- announcement as it is made (announced_at now, the default) and its
-- window before it begins, and change a record only to close an open
-- outage or in its note and ticket_id: else a window backdated or
-- stretched over an outage would turn downtime into planned maintenance,
-- and an outage shrunk or moved would be as good as deleted.
CREATE FUNCTION ticket_sla.check_availability_record()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	what text := CASE TG_TABLE_NAME WHEN 'outages' THEN 'outage' ELSE 'maintenance window' END;
	-- whether the writer may correct history (the admin, a superuser)
	corrects boolean := pg_has_role(current_user, 'ticket_sla_admin', 'USAGE');
	unknown text;
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.check_availability_record', TG_RELID,
		CASE TG_TABLE_NAME WHEN 'outages' THEN 'ticket_sla.outages'
			 ELSE 'ticket_sla.maintenance_windows' END::regclass);
	IF isempty(NEW.during) OR lower_inf(NEW.during) OR NOT isfinite(lower(NEW.during))
	   OR (what <> 'outage' AND upper_inf(NEW.during))
	   OR (NOT upper_inf(NEW.during) AND NOT isfinite(upper(NEW.during))) THEN
		RAISE EXCEPTION 'the % has no start or no end: %', what, NEW.during
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = CASE what WHEN 'outage' THEN 'An outage starts at an instant; while it lasts its end is open: [start,).'
							  ELSE 'A maintenance window starts and ends at instants: [start,end).' END;
	END IF;
	IF lower(NEW.during) < '1900-01-01 00:00+00' THEN
		RAISE EXCEPTION 'the % starts before 1900: %', what, NEW.during
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Record the history of a service from 1900 on.';
	END IF;
	IF what = 'outage' AND (lower(NEW.during) > now() OR upper(NEW.during) > now()) THEN
		RAISE EXCEPTION 'the outage % lies in the future (now is %)', NEW.during, now()
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Record an outage once it has begun, with an open end while it lasts: [start,).';
	END IF;
	IF TG_OP = 'UPDATE' AND NOT corrects
	   AND (NEW.service_id <> OLD.service_id OR NEW.customers IS DISTINCT FROM OLD.customers
			OR lower(NEW.during) <> lower(OLD.during)
			OR upper(NEW.during) IS DISTINCT FROM upper(OLD.during) AND NOT upper_inf(OLD.during)) THEN
		RAISE EXCEPTION 'only an admin changes the service, customers or period of this % (% to %)', what,
			OLD.during, NEW.during
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'Close an open outage, or change a note; ask an admin (ticket_sla_admin) to correct the record.';
	END IF;
	-- (NEW of an outage has no announced_at, a window no ticket_id: the
	-- tests are apart)
	IF what = 'outage' THEN
		IF NEW.ticket_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.ticket_id IS DISTINCT FROM OLD.ticket_id)
		   AND NOT EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = NEW.ticket_id) THEN
			RAISE EXCEPTION 'the outage names ticket %, which does not exist', NEW.ticket_id
				USING ERRCODE = 'invalid_parameter_value',
					  HINT = 'Give the ticket_id of a ticket you see, or NULL.';
		END IF;
		-- every role reads outages: one naming a confidential ticket would
		-- tell the uncleared of it (when, which service, which customers)
		IF NEW.ticket_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.ticket_id IS DISTINCT FROM OLD.ticket_id)
		   AND EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = NEW.ticket_id AND t.confidential) THEN
			RAISE EXCEPTION 'the outage names ticket %, which is confidential', NEW.ticket_id
				USING ERRCODE = 'invalid_parameter_value',
					  HINT = 'Every role reads outages: name no confidential ticket (NULL), and keep the link in the ticket.';
		END IF;
	ELSE
		IF NEW.announced_at > now() OR NOT isfinite(NEW.announced_at)
		   OR NEW.announced_at < '1900-01-01 00:00+00' THEN
			RAISE EXCEPTION 'the announcement at % lies in the future or before 1900 (now is %)',
				NEW.announced_at, now()
				USING ERRCODE = 'invalid_parameter_value',
					  HINT = 'Record a maintenance window when it is announced.';
		END IF;
		IF NOT corrects AND (TG_OP = 'INSERT' AND (NEW.announced_at <> now() OR lower(NEW.during) <= now())
							 OR TG_OP = 'UPDATE' AND NEW.announced_at <> OLD.announced_at) THEN
			RAISE EXCEPTION 'only an admin records a maintenance window announced before it is recorded or begun by then: % announced at %',
				NEW.during, NEW.announced_at
				USING ERRCODE = 'insufficient_privilege',
					  HINT = 'Record a window when it is announced (announced_at now, the default) and before it begins; an admin (ticket_sla_admin) records past ones.';
		END IF;
	END IF;
	SELECT string_agg(coalesce(c::text, 'NULL'), ', ') INTO unknown
	  FROM unnest(NEW.customers) AS c
	 WHERE NOT EXISTS (SELECT FROM ticket_sla.customers cu WHERE cu.customer_id = c);
	IF unknown IS NOT NULL OR cardinality(NEW.customers) = 0 THEN
		RAISE EXCEPTION 'the % affects %', what,
			coalesce('customers that do not exist: ' || unknown, 'no customer (an empty list)')
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give ids of ticket_sla.customers, or NULL for every subscriber of the service.';
	END IF;
	RETURN NEW;
END
$$;

COMMENT ON FUNCTION ticket_sla.check_availability_record() IS
'Trigger of outages and maintenance_windows: refuses (22023) a period without start or (a window) without end, an instant not finite or before 1900, an outage or an announcement in the future, customers and (an outage) a ticket that does not exist or is confidential; refuses (42501) to other writers than the admin a window announced before it is recorded or begun by then, and any change but closing an open outage or a note or ticket_id';
REVOKE EXECUTE ON FUNCTION ticket_sla.check_availability_record() FROM PUBLIC;

CREATE TRIGGER checked
BEFORE INSERT OR UPDATE ON ticket_sla.outages
FOR EACH ROW EXECUTE FUNCTION ticket_sla.check_availability_record();

CREATE TRIGGER checked
BEFORE INSERT OR UPDATE ON ticket_sla.maintenance_windows
FOR EACH ROW EXECUTE FUNCTION ticket_sla.check_availability_record();

-- Each customer x service x month under a plan with an availability
-- target.  The month is in the time zone of the plan's hours (the
-- customer's own under local hours; UTC for a plan without hours), under
-- the version of the terms in force when it began (the first version for a
-- month before it).  The time counted runs from the later of the month's
-- start and the subscription's to the earlier of their ends, and up to now
-- only.  Within it: the windows announced in time are planned maintenance;
-- the outages and the windows announced late are downtime, except where
-- they overlap planned maintenance.  Overlaps count once.  Each month is
-- computed on its own (a lateral subquery, no multirange), so that a
-- filter on the customer or the service reaches the tables.  (Polymorphic
-- functions and operators, and arithmetic that pg_catalog would match only
-- through a cast, are qualified or given numeric constants: the view is
-- parsed under the installer's search_path.)
CREATE VIEW ticket_sla.availability WITH (security_invoker = true) AS
WITH versions AS (
	SELECT ct.contract_id, ct.terms_id, ct.terms, ct.in_force_from,
		   row_number() OVER (PARTITION BY ct.contract_id ORDER BY ct.terms_id) = 1 AS first_version
	FROM ticket_sla.contract_terms ct
	WHERE ct.localizes IS NULL
), zoned AS (
	SELECT cs.customer_id, cu.organisation, cs.service_id, cs.since, coalesce(cs.until, 'infinity') AS until,
		   v.terms_id, v.in_force_from, v.first_version, p.terms,
		   coalesce(ticket_sla.time_zone(ticket_sla.hours(p.terms)), 'UTC') AS time_zone
	FROM ticket_sla.customer_services cs
	JOIN ticket_sla.customers cu ON cu.customer_id = cs.customer_id
	JOIN versions v ON v.contract_id = cu.contract_id
	CROSS JOIN LATERAL (SELECT ticket_sla.localized(v.terms, cu.time_zone, cu.holiday_regions) AS terms) p
	WHERE ticket_sla.availability_target(v.terms) IS NOT NULL AND cs.since <= now()
), subscriptions AS (
	-- a version's months start at the first month start of its zone at or
	-- after it came in force (the first version's: with the subscription)
	-- and stop where a later version's start: when the zone changes, the
	-- month of the change is cut there, so that every instant is counted
	-- once, in one zone
	SELECT z.*, coalesce(pg_catalog.min(z.months_from) OVER later, 'infinity') AS months_until
	FROM (
		SELECT z.*,
			   CASE WHEN z.first_version THEN '-infinity'
					ELSE (date_trunc('month', (z.in_force_from AT TIME ZONE z.time_zone) - interval '1 microsecond')
						  + interval '1 month') AT TIME ZONE z.time_zone END AS months_from
		FROM zoned z
	) z
	WINDOW later AS (PARTITION BY z.customer_id, z.service_id ORDER BY z.terms_id
					 ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
), months AS (
	SELECT s.customer_id, s.organisation, s.service_id, s.terms_id, s.terms, s.time_zone, m.month,
		   greatest(m.month_start, s.since) AS counted_from,
		   least(m.month_end, s.months_until, s.until) AS counted_until,
		   least(m.month_end, s.months_until, s.until, now()) AS measured_until
	FROM subscriptions s
	CROSS JOIN LATERAL (
		SELECT g::date AS month, g AT TIME ZONE s.time_zone AS month_start,
			   (g + interval '1 month') AT TIME ZONE s.time_zone AS month_end
		FROM generate_series(date_trunc('month', s.since AT TIME ZONE s.time_zone),
							 least(s.until, now()) AT TIME ZONE s.time_zone, interval '1 month') AS g
	) m
	WHERE m.month_start >= s.months_from
	  AND m.month_start < s.months_until
	  AND m.month_start < s.until
), figures AS (
	SELECT m.*, ticket_sla.availability_target(m.terms) AS target,
		   EXTRACT(epoch FROM m.counted_until - m.counted_from) AS seconds,
		   u.planned_seconds, u.without_seconds - u.planned_seconds AS down_seconds
	FROM months m
	-- the month's stretches without the service, cut to it, each planned
	-- one once more (planned_only): the length of the union of all, and of
	-- the planned, each stretch adding what it reaches past the furthest
	-- end before it (in the order of the starts)
	CROSS JOIN LATERAL (
		SELECT coalesce(EXTRACT(epoch FROM sum(a.adds) FILTER (WHERE NOT a.planned_only)), 0) AS without_seconds,
			   coalesce(EXTRACT(epoch FROM sum(a.adds) FILTER (WHERE a.planned_only)), 0) AS planned_seconds
		FROM (
			SELECT s.planned_only,
				   greatest(s.ends - greatest(s.starts, coalesce(max(s.ends) OVER w, s.starts)), interval '0') AS adds
			FROM (
				SELECT x.planned_only, greatest(pg_catalog.lower(k.during), m.counted_from) AS starts,
					   least(coalesce(pg_catalog.upper(k.during), now()), m.measured_until) AS ends
				FROM (
					SELECT o.during, false AS planned
					FROM ticket_sla.outages o
					WHERE o.service_id = m.service_id
					  AND (o.customers IS NULL OR m.customer_id = ANY (o.customers))
					  AND o.during OPERATOR(pg_catalog.&&) tstzrange(m.counted_from, m.measured_until)
					UNION ALL
					SELECT w.during,
						   coalesce(ticket_sla.maintenance_from(w.announced_at, m.terms) <= pg_catalog.lower(w.during), false)
					FROM ticket_sla.maintenance_windows w
					WHERE w.service_id = m.service_id
					  AND (w.customers IS NULL OR m.customer_id = ANY (w.customers))
					  AND w.during OPERATOR(pg_catalog.&&) tstzrange(m.counted_from, m.measured_until)
				) k
				CROSS JOIN LATERAL (VALUES (false), (true)) AS x (planned_only)
				WHERE k.planned OR NOT x.planned_only
			) s
			WINDOW w AS (PARTITION BY s.planned_only ORDER BY s.starts
						 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
		) a
	) u
)
SELECT f.customer_id, f.organisation, f.service_id, sv.name AS service, f.month, f.time_zone, f.terms_id,
	   f.counted_from, f.counted_until,
	   round(f.seconds / 60.0, 3) AS minutes, round(f.down_seconds / 60.0, 3) AS minutes_down,
	   round(f.planned_seconds / 60.0, 3) AS minutes_maintenance,
	   trunc(coalesce(100.0 * (f.seconds - f.planned_seconds - f.down_seconds)
					  / nullif(f.seconds - f.planned_seconds, 0.0), 100.0), 3) AS availability_pct,
	   f.target AS target_pct,
	   CASE WHEN f.down_seconds > b.budget THEN false WHEN now() >= f.counted_until THEN true END AS met,
	   round((b.budget - f.down_seconds) / 60.0, 3) AS margin_minutes,
	   now() >= f.counted_until AS complete
FROM figures f
CROSS JOIN LATERAL (SELECT (f.seconds - f.planned_seconds) * (100.0 - f.target) / 100.0 AS budget) b
JOIN ticket_sla.services sv ON sv.service_id = f.service_id;

COMMENT ON VIEW ticket_sla.availability IS
'Per customer, service and month (the first day, in the plan''s time zone) under a plan with an availability target: the minutes counted (the whole month, or its part subscribed), minutes down and of planned maintenance (up to now), the availability in % (truncated to 3 decimals; the rest of a running month counted as up), the target, met (NULL while the month runs and the budget lasts; false once spent), the margin (minutes of downtime the budget has left; negative: over it), complete (0.6)';
COMMENT ON COLUMN ticket_sla.availability.minutes IS
'The minutes counted: the whole month (a DST month in Europe has 743 or 745 hours), or its part subscribed';
COMMENT ON COLUMN ticket_sla.availability.margin_minutes IS
'The minutes of downtime left in the month''s budget, (minutes - minutes_maintenance) x (100 - target) / 100 - minutes_down; negative once breached';

-- services and subscriptions are the admin's; outages and windows are
-- recorded by agents (the on-call) and admins; only the admin deletes
GRANT SELECT ON ticket_sla.services, ticket_sla.customer_services, ticket_sla.outages,
	ticket_sla.maintenance_windows, ticket_sla.availability
	TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
GRANT INSERT, UPDATE, DELETE ON ticket_sla.services, ticket_sla.customer_services,
	ticket_sla.outages, ticket_sla.maintenance_windows
	TO ticket_sla_admin;
GRANT INSERT, UPDATE ON ticket_sla.outages, ticket_sla.maintenance_windows TO ticket_sla_agent;

------------------------------------------------------------------------------
-- The store in dumps
--
-- pg_dump writes an extension as one CREATE EXTENSION and leaves out its
-- objects, rows included, except those marked as configuration.  Every table
-- of the store and every sequence behind it is marked, all rows kept (of
-- statuses, those an admin added: CREATE EXTENSION makes the built-in
-- ones): a dump then restores the contracts, their terms, the customers and
-- contacts, the statuses, the tickets with their stamped deadlines and case
-- numbers, the quotas taken,
-- the clocks' ledger, the escalations fired and the due dates changed by
-- hand, and the next ticket, case and contract take the next numbers.
--
-- A restore must not fire the store's triggers on the rows it copies in
-- (they would stamp the tickets again and add a version of every
-- contract's terms): run pg_restore with triggers off, as a superuser,
--   PGOPTIONS='-c session_replication_role=replica' pg_restore ...
-- docs/operations.md shows the whole procedure.
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

-- The tables of 0.5 are marked last, in the order the update marks them, so
-- that a fresh and an updated database list them alike.
-- the types an admin adds; 'incident' comes with the extension
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.request_types', $$WHERE request_type <> 'incident'$$);
-- the statuses an admin added: CREATE EXTENSION makes the built-in ones
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.statuses',
	'WHERE status NOT IN (''new'', ''in progress'', ''waiting on customer'', ''resolved'', ''closed'')');

-- The tables of 0.6, in the order the update marks them
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.target_cycles', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.messages', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.messages_message_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.due_changes', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.due_changes_change_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.target_events', '');

------------------------------------------------------------------------------
-- Quiet hours for notifications (issue 20 section 3, 0.6)
--
-- Escalation steps, warnings and breaches fire at any hour; the people
-- paged want them at the next opening of their notification hours.  Who is
-- paged when is an operational setting, not a term of the customer's
-- contract: a plan's notification hours are a column of contracts (NULL:
-- round the clock), and a recipient named in the ladders may have hours of
-- its own, a row of recipients, which override the plan's for that
-- recipient.  process_escalations logs every event at its exact due time as
-- before; a notice whose hours are closed at due_at is held (a row of
-- held_notices) and sent at their next opening, by the first run at or
-- after it, exactly once.  A step whose recipients' hours open at different
-- instants is sent as one notice per instant, to the recipients of each.
-- Changing the hours moves no notice already held.
------------------------------------------------------------------------------

-- Hours that never open would fail every run that holds a notice (22023,
-- "calendar has no open time"): refused when set, by finding their
-- opening after 2100-01-01, which hours with weekly times always have
ALTER TABLE ticket_sla.contracts ADD COLUMN notification_hours ticket_sla.calendar
	CHECK (notification_hours IS NULL
		   OR ticket_sla.next_business_time('2100-01-01 00:00+00', notification_hours) IS NOT NULL);
COMMENT ON COLUMN ticket_sla.contracts.notification_hours IS
'When the notices of the plan''s escalation steps, warnings and breaches are sent: one due outside these hours is held until their next opening (ticket_sla.held_notices); NULL: round the clock.  An operational setting, not a term: changing it makes no new version of the terms';

CREATE TABLE ticket_sla.recipients (
	recipient text PRIMARY KEY,
	notification_hours ticket_sla.calendar NOT NULL
		CHECK (ticket_sla.next_business_time('2100-01-01 00:00+00', notification_hours) IS NOT NULL)
);
COMMENT ON TABLE ticket_sla.recipients IS
'Recipients of escalation steps, named as the ladders name them, with notification hours of their own that override the plan''s (24x7: paged at any hour); written by ticket_sla_admin';
COMMENT ON COLUMN ticket_sla.recipients.recipient IS 'The name as a ladder of some contract''s terms writes it ("escalate after 1 hour to "Duty manager"")';
COMMENT ON COLUMN ticket_sla.recipients.notification_hours IS
'When this recipient is paged: a step due outside these hours reaches it at their next opening, whatever the plan''s hours';

-- A name that no ladder writes would silently override nobody: refused
-- (22023), with the names the ladders write in the hint
CREATE FUNCTION ticket_sla.check_recipient()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.check_recipient', TG_RELID,
												'ticket_sla.recipients');
	IF NOT EXISTS (SELECT FROM ticket_sla.ladder_recipients() r WHERE r = NEW.recipient) THEN
		RAISE EXCEPTION 'no escalation ladder names the recipient "%"', NEW.recipient
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = coalesce('The ladders name ' || (SELECT string_agg(format('"%s"', r), ', ' ORDER BY r)
														  FROM ticket_sla.ladder_recipients() r) || '.',
								  'No contract has an escalation ladder yet.');
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION ticket_sla.check_recipient() IS
'Trigger of recipients: refuses a recipient that no escalation ladder of any contract''s terms names (22023)';
REVOKE EXECUTE ON FUNCTION ticket_sla.check_recipient() FROM PUBLIC;

CREATE TRIGGER check_recipient
BEFORE INSERT OR UPDATE OF recipient ON ticket_sla.recipients
FOR EACH ROW EXECUTE FUNCTION ticket_sla.check_recipient();

-- The recipients a contract's ladders name, read from the stored names
CREATE FUNCTION ticket_sla.escalation_recipients(c ticket_sla.contract)
RETURNS text[]
AS 'MODULE_PATHNAME', 'escalation_recipients'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ticket_sla.escalation_recipients(ticket_sla.contract) IS
'The recipients of every step of every escalation ladder of C (its severities'' and its sets''), in the order stored, a name once per step that names it';

-- The names the ladders of every version of every contract's terms write
CREATE FUNCTION ticket_sla.ladder_recipients()
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT DISTINCT r
	  FROM ticket_sla.contract_terms ct,
		   unnest(ticket_sla.escalation_recipients(ct.terms)) AS r
$$;
COMMENT ON FUNCTION ticket_sla.ladder_recipients() IS
'The recipients named by the escalation ladders of every version of every contract''s terms, each once';

-- Every notice held by quiet hours, delivered or not.  A notice sent when
-- due has no row: its event's fired_at is when it went out.
CREATE TABLE ticket_sla.held_notices (
	notice_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	ticket_id bigint NOT NULL REFERENCES ticket_sla.tickets ON DELETE CASCADE,
	kind text NOT NULL CHECK (kind IN ('escalation', 'warning', 'breach')),
	step integer,
	target ticket_sla.sla_clock,
	cycle integer,
	severity ticket_sla.severity NOT NULL,
	recipients text[],
	due_at timestamptz NOT NULL,
	held_until timestamptz NOT NULL,
	delivered_at timestamptz,
	held interval GENERATED ALWAYS AS (held_until - due_at) STORED,
	CHECK (held_until > due_at),
	CHECK ((kind = 'escalation') = (step IS NOT NULL AND recipients IS NOT NULL)),
	CHECK ((kind = 'escalation') = (target IS NULL AND cycle IS NULL))
);
CREATE INDEX held_notices_pending ON ticket_sla.held_notices (held_until) WHERE delivered_at IS NULL;
CREATE INDEX held_notices_ticket ON ticket_sla.held_notices (ticket_id);

COMMENT ON TABLE ticket_sla.held_notices IS
'The notices of escalation steps, warnings and breaches held by quiet hours: due outside their notification hours, sent at the next opening by the first process_escalations run at or after it, once';
COMMENT ON COLUMN ticket_sla.held_notices.kind IS 'escalation (step, recipients), warning or breach (target, cycle): the event, logged in escalations or target_events';
COMMENT ON COLUMN ticket_sla.held_notices.recipients IS
'The recipients of the step this notice goes to: those whose hours open at held_until (the others have notices of their own)';
COMMENT ON COLUMN ticket_sla.held_notices.due_at IS 'When the event fell due (its due_at in escalations or target_events)';
COMMENT ON COLUMN ticket_sla.held_notices.held_until IS 'The next opening of the notification hours at or after due_at: when the notice may be sent';
COMMENT ON COLUMN ticket_sla.held_notices.delivered_at IS 'When a run sent it (the NOTIFY, at its commit); NULL while held';
COMMENT ON COLUMN ticket_sla.held_notices.held IS 'How long quiet hours held it: held_until - due_at';
COMMENT ON INDEX ticket_sla.held_notices_pending IS 'What process_escalations reads: the notices still held, by when their hours open';

-- The payload of a notice: ids only for a confidential ticket, held_until
-- when quiet hours held it.  Of ticket T, the notice N (a row of held_notices,
-- or one made for a notice sent when due: held_until NULL).
CREATE FUNCTION ticket_sla.event_payload(t ticket_sla.tickets, n ticket_sla.held_notices)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pg_catalog.json_strip_nulls(CASE WHEN t.confidential THEN pg_catalog.json_build_object(
			'kind', n.kind, 'ticket_id', t.ticket_id, 'confidential', true,
			'step', n.step, 'recipients', n.recipients, 'target', n.target,
			'cycle', n.cycle, 'due_at', n.due_at, 'held_until', n.held_until)
		ELSE pg_catalog.json_build_object(
			'kind', n.kind, 'ticket_id', t.ticket_id, 'case_number', t.case_number,
			'customer_id', t.customer_id, 'severity', n.severity, 'confidential', false,
			'step', n.step, 'recipients', n.recipients, 'target', n.target,
			'cycle', n.cycle, 'due_at', n.due_at, 'held_until', n.held_until)
		END)::text
$$;
COMMENT ON FUNCTION ticket_sla.event_payload(ticket_sla.tickets, ticket_sla.held_notices) IS
'The JSON payload of the NOTIFY of notice N of ticket T (an escalation step, warning or breach): of a confidential ticket ids only; held_until when quiet hours held it.  Called by process_escalations';
REVOKE EXECUTE ON FUNCTION ticket_sla.event_payload(ticket_sla.tickets, ticket_sla.held_notices) FROM PUBLIC;

-- The admin sets the hours (contracts already, recipients here); whoever
-- reads the logs reads the held notices, of the tickets they see
GRANT SELECT ON ticket_sla.recipients, ticket_sla.held_notices
	TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
GRANT INSERT, UPDATE, DELETE ON ticket_sla.recipients TO ticket_sla_admin;
ALTER TABLE ticket_sla.held_notices ENABLE ROW LEVEL SECURITY;
CREATE POLICY with_its_ticket ON ticket_sla.held_notices FOR SELECT
	USING (EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = held_notices.ticket_id));
COMMENT ON POLICY with_its_ticket ON ticket_sla.held_notices IS 'The held notices of a ticket are visible to those who see the ticket';
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.recipients', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.held_notices', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.held_notices_notice_id_seq', '');

-- The tables of service availability (0.6), in the order the update marks them
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.services', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.services_service_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.customer_services', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.outages', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.outages_outage_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.maintenance_windows', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.maintenance_windows_window_id_seq', '');

------------------------------------------------------------------------------
-- What-if (0.6, issue 20): proposed terms replayed over history
--
-- "If we had promised P3 in 1 business day instead of 2 last quarter, how
-- many breaches would we have had?"  what_if takes the tickets of a
-- contract or of a customer opened in a period and gives every cycle of
-- every target (the first response, each resolution cycle, each reply
-- owed, each update interval) with its deadline and outcome as the store
-- recorded them (the terms each ticket had) and as the proposed terms
-- would have given them.  The history replayed is the store's own: the
-- clock start, the ledger's paused stretches of the resolution clock
-- (waits, and the time resolved before a reopening), the severity and
-- support level each cycle ended with, and the cycles of the conversation
-- (target_cycles); a due date set by hand stays the hand's.  The proposed
-- deadlines come from the engine's functions under the proposed terms
-- localized for each customer (localized) and chosen per kind (terms_for),
-- as the trigger stamps them.  Clauses that would change the stretches
-- themselves are refused (0A000), never ignored: a change of "response
-- means qualified answer", "on reopen restart" over reopened tickets, a
-- clock start that moves ("phone only out of hours", or other hours for
-- it), and an update target given or taken away.
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.clock_start(opened_at timestamptz, by_phone boolean, c ticket_sla.contract)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'contract_clock_start'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.clock_start(timestamptz, boolean, ticket_sla.contract) IS
'When the clocks of a ticket opened at OPENED_AT start under plan C, as the store stamps clock_start: at once, or at the next opening for a request out of hours not BY_PHONE under a plan saying phone only out of hours';

-- One outcome of a target's cycle, for what_if (C: it is called twice for
-- every cycle replayed)
CREATE FUNCTION ticket_sla.what_if_outcome(due timestamptz, ended timestamptz, settles boolean,
	reading timestamptz, manual boolean)
RETURNS text
AS 'MODULE_PATHNAME', 'what_if_outcome'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.what_if_outcome(timestamptz, timestamptz, boolean, timestamptz, boolean) IS
'The outcome of a target''s cycle due at DUE and ended at ENDED (NULL: still open, read at READING), as what_if gives it: manual (due set by hand), no target, met, breached, open, or not due (ended, SETTLES false, before it fell due)';

-- The first clause of the proposed terms that what_if would have to replay
-- by changing the stretches themselves, with the first case it concerns;
-- no row when there is none
CREATE FUNCTION ticket_sla.what_if_refusal(period tstzrange, proposed ticket_sla.contract,
	contract_id integer, customer_id integer,
	OUT clause text, OUT case_number text, OUT detail text)
RETURNS SETOF record
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	WITH scope AS MATERIALIZED (
		SELECT tk.ticket_id, tk.case_number, tk.customer_id, tk.terms_id, tk.opened_at, tk.channel,
			   tk.clock_start, tk.cycle, tk.severity, tk.support_level, tk.request_type, tk.tier
		  FROM ticket_sla.tickets tk
		 WHERE tk.opened_at <@ period
		   AND (what_if_refusal.customer_id IS NULL OR tk.customer_id = what_if_refusal.customer_id)
		   AND (what_if_refusal.contract_id IS NULL
				OR tk.terms_id IN (SELECT ct.terms_id FROM ticket_sla.contract_terms ct
								   WHERE ct.contract_id = what_if_refusal.contract_id))
	), held AS MATERIALIZED (
		SELECT ct.terms_id, ct.terms FROM ticket_sla.contract_terms ct
		 WHERE ct.terms_id IN (SELECT s.terms_id FROM scope s)
	), localized AS MATERIALIZED (
		SELECT cu.customer_id, ticket_sla.localized(proposed, cu.time_zone, cu.holiday_regions) AS terms
		  FROM ticket_sla.customers cu
		 WHERE cu.customer_id IN (SELECT s.customer_id FROM scope s)
	), kinds AS MATERIALIZED (
		-- every kind a ticket was held to: now, and in each stretch of its
		-- ledger; each with the first case held to it
		SELECT k.terms_id, k.severity, k.request_type, k.tier, k.level, min(k.case_number) AS case_number
		  FROM (SELECT s.terms_id, s.severity, s.request_type, s.tier, s.support_level::integer AS level,
					   s.case_number
				  FROM scope s
				UNION ALL
				SELECT g.terms_id, g.severity, s.request_type, s.tier,
					   coalesce(g.support_level, s.support_level)::integer, s.case_number
				  FROM scope s
				  JOIN ticket_sla.clock_segments g ON g.ticket_id = s.ticket_id AND g.clock = 'resolution') k
		 GROUP BY k.terms_id, k.severity, k.request_type, k.tier, k.level
	)
	(SELECT 'response means qualified answer', min(s.case_number),
			'Which agent messages answer would change, and with them the first responses and the replies.'
	   FROM scope s JOIN held h ON h.terms_id = s.terms_id
	  WHERE ticket_sla.qualified_responses(h.terms) <> ticket_sla.qualified_responses(proposed)
	 HAVING count(*) > 0
	 UNION ALL
	 SELECT 'on reopen restart', min(s.case_number),
			'The resolution target given afresh at a reopening is not replayed.'
	   FROM scope s
	  WHERE ticket_sla.reopen_restarts(proposed) AND s.cycle > 1
	 HAVING count(*) > 0
	 UNION ALL
	 SELECT 'phone only out of hours', min(s.case_number),
			'The clock of a ticket would start at another instant than the store recorded.'
	   FROM scope s JOIN localized l ON l.customer_id = s.customer_id
	  WHERE ticket_sla.clock_start(s.opened_at, s.channel = 'phone', l.terms) <> s.clock_start
	 HAVING count(*) > 0
	 UNION ALL
	 SELECT 'update every', min(k.case_number),
			'The proposed terms give or take away an update target of a severity a ticket was held to: its update intervals would be others.'
	   FROM kinds k JOIN held h ON h.terms_id = k.terms_id
	  WHERE (ticket_sla.update_deadline('2000-01-03 12:00+00', k.severity,
										ticket_sla.terms_for(h.terms, k.request_type, k.tier, k.level)) IS NULL)
			<> (ticket_sla.update_deadline('2000-01-03 12:00+00', k.severity,
										   ticket_sla.terms_for(proposed, k.request_type, k.tier, k.level)) IS NULL)
	 HAVING count(*) > 0)
	LIMIT 1
$$;

COMMENT ON FUNCTION ticket_sla.what_if_refusal(tstzrange, ticket_sla.contract, integer, integer) IS
'The first clause of PROPOSED that what_if cannot replay over the tickets of the period (it would change the stretches themselves), with the first case concerned and why; no row when what_if can replay them all';

CREATE FUNCTION ticket_sla.what_if(period tstzrange, proposed ticket_sla.contract,
	contract_id integer DEFAULT NULL, customer_id integer DEFAULT NULL)
RETURNS TABLE (ticket_id bigint, case_number text, severity ticket_sla.severity,
	target ticket_sla.sla_clock, cycle integer, due_now timestamptz, outcome_now text,
	due_proposed timestamptz, outcome_proposed text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
-- the kinds of tickets are a handful: joined to every cycle by hashing
-- them, not by sorting every cycle (the planner, blind to their number,
-- chose to sort: a third of the time over 250,000 tickets)
SET enable_mergejoin = off
AS $$
#variable_conflict use_column
DECLARE
	refused record;
	-- whether the proposal gives some support level terms of its own: only
	-- then is the level each finished cycle ended with looked up
	by_level boolean;
BEGIN
	PERFORM ticket_sla.what_if_check(what_if.period, what_if.proposed, what_if.contract_id,
									 what_if.customer_id);
	SELECT * INTO refused
	  FROM ticket_sla.what_if_refusal(what_if.period, what_if.proposed, what_if.contract_id,
									  what_if.customer_id);
	IF FOUND THEN
		RAISE EXCEPTION 'what_if does not replay "%" of the proposed terms over case %',
			refused.clause, refused.case_number
			USING ERRCODE = 'feature_not_supported', DETAIL = refused.detail,
				  HINT = 'Propose terms that keep this clause as the tickets'' terms have it, or a period without such tickets.';
	END IF;
	SELECT EXISTS (
		SELECT FROM ticket_sla.request_types r CROSS JOIN unnest(enum_range(NULL::ticket_sla.tier)) AS tr
		 WHERE ticket_sla.terms_for(what_if.proposed, r.request_type, tr, 1)
				   OPERATOR(ticket_sla.<>) ticket_sla.terms_for(what_if.proposed, r.request_type, tr, 2)
			OR ticket_sla.terms_for(what_if.proposed, r.request_type, tr, 1)
				   OPERATOR(ticket_sla.<>) ticket_sla.terms_for(what_if.proposed, r.request_type, tr, 3))
	  INTO by_level;
	RETURN QUERY
	WITH scope AS MATERIALIZED (
		SELECT tk.ticket_id, tk.case_number, tk.severity, tk.request_type, tk.tier, tk.support_level,
			   tk.clock_start, tk.first_response_at, tk.response_due, tk.response_due_set,
			   tk.resolved_at, tk.resolution_due, tk.resolution_due_set, tk.paused_since, tk.cycle,
			   tk.awaiting_reply_since, tk.reply_cycle, tk.reply_due, tk.update_from, tk.update_cycle,
			   tk.update_due, cu.time_zone, cu.holiday_regions,
			   -- the customer's locale as a key (the proposal is localized per locale)
			   coalesce(cu.time_zone, '') AS zone_key, coalesce(cu.holiday_regions::text, '-') AS regions_key
		  FROM ticket_sla.tickets tk
		  JOIN ticket_sla.customers cu ON cu.customer_id = tk.customer_id
		 -- the tickets of the contract (that of their terms) or of the
		 -- customer opened in the period, as the caller sees them
		 WHERE tk.opened_at <@ what_if.period
		   AND (what_if.customer_id IS NULL OR tk.customer_id = what_if.customer_id)
		   AND (what_if.contract_id IS NULL
				OR tk.terms_id IN (SELECT ct.terms_id FROM ticket_sla.contract_terms ct
								   WHERE ct.contract_id = what_if.contract_id))
	), cycles AS (
		-- the current cycles, on the ticket
		SELECT s.ticket_id, s.case_number, s.severity, s.time_zone, s.holiday_regions, s.zone_key,
			   s.regions_key, s.request_type, s.tier, s.resolved_at AS resolved_now, c.*
		  FROM scope s
		 CROSS JOIN LATERAL (VALUES
			('response'::ticket_sla.sla_clock, 1, s.severity, s.support_level::integer, s.clock_start,
			 s.first_response_at, true, now(), NULL::timestamptz, s.response_due,
			 s.response_due_set IS NOT NULL),
			('resolution', s.cycle, s.severity, s.support_level, s.clock_start, s.resolved_at, true,
			 coalesce(s.paused_since, now()), coalesce(s.paused_since, 'infinity'), s.resolution_due,
			 s.resolution_due_set IS NOT NULL),
			('reply', s.reply_cycle, s.severity, s.support_level, s.awaiting_reply_since, NULL, true,
			 now(), NULL, s.reply_due, false),
			('update', s.update_cycle, s.severity, s.support_level, s.update_from, NULL, true,
			 now(), NULL, s.update_due, false)
			) AS c (target, cycle, sev, level, start, ended, settles, reading, cutoff, due_now, manual)
		 WHERE c.start IS NOT NULL
		UNION ALL
		-- the finished ones, each with the severity and support level it ended with
		SELECT s.ticket_id, s.case_number, s.severity, s.time_zone, s.holiday_regions, s.zone_key,
			   s.regions_key, s.request_type, s.tier, s.resolved_at, f.target, f.cycle, f.severity,
			   CASE WHEN by_level
					THEN coalesce((SELECT g.support_level FROM ticket_sla.clock_segments g
								   WHERE g.ticket_id = f.ticket_id AND g.clock = f.target
									 AND g.cycle = f.cycle
								   ORDER BY g.to_at DESC LIMIT 1), s.support_level)
					ELSE s.support_level END::integer,
			   CASE WHEN f.target = 'resolution' THEN s.clock_start ELSE f.started_at END,
			   f.ended_at, NOT (f.target = 'update' AND f.ended_by <> 'update'), f.ended_at, f.ended_at,
			   f.due_at, f.due_manual
		  FROM scope s
		  JOIN ticket_sla.target_cycles f ON f.ticket_id = s.ticket_id
	), kinds AS MATERIALIZED (
		-- the proposal as each kind of ticket sees it, in its customer's locale
		SELECT k.*, ticket_sla.terms_for(ticket_sla.localized(what_if.proposed, k.time_zone, k.holiday_regions),
										 k.request_type, k.tier, k.level) AS terms
		  FROM (SELECT c.zone_key, c.regions_key, c.time_zone, c.holiday_regions, c.request_type, c.tier,
					   c.level
				  FROM cycles c
				 GROUP BY c.zone_key, c.regions_key, c.time_zone, c.holiday_regions, c.request_type, c.tier,
					   c.level) k
	)
	SELECT c.ticket_id, c.case_number, c.severity, c.target, c.cycle,
		   c.due_now, ticket_sla.what_if_outcome(c.due_now, c.ended, c.settles, c.reading, c.manual),
		   p.due, ticket_sla.what_if_outcome(p.due, c.ended, c.settles, c.reading, c.manual)
	  FROM cycles c
	  JOIN kinds k ON k.zone_key = c.zone_key AND k.regions_key = c.regions_key
				  AND k.request_type = c.request_type AND k.tier = c.tier AND k.level = c.level
	 -- the time the resolution clock was paused before the cycle's deadline
	 -- was read, on the target's own clock under the proposed terms; a
	 -- stretch in a status that stops the clock counts from the resolution
	 -- (a ticket filed as resolved stood so, in the ledger, from its opening)
	 CROSS JOIN LATERAL (
		SELECT coalesce(sum((ticket_sla.resolution_progress(
					CASE WHEN st.clock = 'stopped'
						 THEN greatest(g.from_at, coalesce(
								  (SELECT f.ended_at FROM ticket_sla.target_cycles f
								   WHERE f.ticket_id = g.ticket_id AND f.target = 'resolution'
									 AND f.cycle = g.cycle), c.resolved_now))
						 ELSE g.from_at END,
					c.sev, k.terms, '0', '0', g.to_at, false)).used), '0') AS paused
		  FROM ticket_sla.clock_segments g
		  JOIN ticket_sla.statuses st ON st.status = g.reason
		 WHERE c.target = 'resolution' AND NOT c.manual
		   AND g.ticket_id = c.ticket_id AND g.clock = 'resolution' AND g.state = 'paused'
		   AND g.to_at <= c.cutoff
	 ) AS z
	 CROSS JOIN LATERAL (
		SELECT CASE WHEN c.manual THEN c.due_now
					WHEN c.target = 'response' THEN ticket_sla.response_deadline(c.start, c.sev, k.terms)
					WHEN c.target = 'reply' THEN ticket_sla.reply_deadline(c.start, c.sev, k.terms)
					WHEN c.target = 'update' THEN ticket_sla.update_deadline(c.start, c.sev, k.terms)
					ELSE (ticket_sla.resolution_progress(c.start, c.sev, k.terms, z.paused, z.paused,
														 c.start, false)).due
			   END AS due
	 ) AS p
	 ORDER BY c.ticket_id, c.target, c.cycle;
END
$$;

COMMENT ON FUNCTION ticket_sla.what_if(tstzrange, ticket_sla.contract, integer, integer) IS
'Every cycle of every target of the tickets of CONTRACT_ID or CUSTOMER_ID (exactly one) opened in PERIOD, with its deadline and outcome as recorded and as the PROPOSED terms would have given them, replaying the recorded history (ledger, severity changes, conversation cycles, reopenings; due dates set by hand stay); refuses (0A000) a clause that would change the stretches themselves';

-- The arguments of what_if and what_if_summary, checked
CREATE FUNCTION ticket_sla.what_if_check(period tstzrange, proposed ticket_sla.contract,
	contract_id integer, customer_id integer)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF (contract_id IS NULL) = (customer_id IS NULL) THEN
		RAISE EXCEPTION 'what_if takes a contract or a customer, not %',
			CASE WHEN contract_id IS NULL THEN 'neither' ELSE 'both' END
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give exactly one of contract_id => ... and customer_id => ....';
	END IF;
	IF contract_id IS NOT NULL AND NOT EXISTS (SELECT FROM ticket_sla.contracts c WHERE c.contract_id = what_if_check.contract_id) THEN
		RAISE EXCEPTION 'contract % does not exist', contract_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = (SELECT 'The contracts are ' || coalesce(string_agg(format('%s (%s)', c.contract_id, c.name), ', '
																	  ORDER BY c.contract_id), 'none') || '.'
							FROM ticket_sla.contracts c);
	END IF;
	IF customer_id IS NOT NULL AND NOT EXISTS (SELECT FROM ticket_sla.customers c WHERE c.customer_id = what_if_check.customer_id) THEN
		RAISE EXCEPTION 'customer % does not exist', customer_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'ticket_sla.customers lists the customers and their ids.';
	END IF;
	IF period IS NULL OR isempty(period) OR lower_inf(period) OR upper_inf(period) THEN
		RAISE EXCEPTION 'what_if replays the tickets opened in a period, not %', coalesce(period::text, 'NULL')
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give a bounded range of instants, such as ''[2026-07-01 00:00+00, 2026-10-01 00:00+00)''.';
	END IF;
	IF proposed IS NULL THEN
		RAISE EXCEPTION 'what_if replays proposed terms, not NULL'
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give the terms as a contract, such as (SELECT terms FROM ticket_sla.contracts WHERE name = ...) edited.';
	END IF;
END
$$;

COMMENT ON FUNCTION ticket_sla.what_if_check(tstzrange, ticket_sla.contract, integer, integer) IS
'Checks the arguments of what_if and what_if_summary: exactly one of an existing contract or customer, a bounded non-empty period, terms (22023)';

CREATE FUNCTION ticket_sla.what_if_summary(period tstzrange, proposed ticket_sla.contract,
	contract_id integer DEFAULT NULL, customer_id integer DEFAULT NULL)
RETURNS TABLE (severity ticket_sla.severity, tickets bigint,
	targets_now bigint, met_now bigint, breached_now bigint, compliance_now numeric,
	targets_proposed bigint, met_proposed bigint, breached_proposed bigint, compliance_proposed numeric,
	breaches_gained bigint, breaches_lost bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT n.severity, n.tickets, n.targets_now, n.met_now, n.breached_now,
		   round(100.0 * n.met_now / nullif(n.met_now + n.breached_now, 0), 1),
		   n.targets_proposed, n.met_proposed, n.breached_proposed,
		   round(100.0 * n.met_proposed / nullif(n.met_proposed + n.breached_proposed, 0), 1),
		   n.gained, n.lost
	  FROM (SELECT w.severity, count(DISTINCT w.ticket_id) AS tickets,
				   count(*) FILTER (WHERE w.outcome_now IN ('met', 'breached', 'open')) AS targets_now,
				   count(*) FILTER (WHERE w.outcome_now = 'met') AS met_now,
				   count(*) FILTER (WHERE w.outcome_now = 'breached') AS breached_now,
				   count(*) FILTER (WHERE w.outcome_proposed IN ('met', 'breached', 'open')) AS targets_proposed,
				   count(*) FILTER (WHERE w.outcome_proposed = 'met') AS met_proposed,
				   count(*) FILTER (WHERE w.outcome_proposed = 'breached') AS breached_proposed,
				   count(*) FILTER (WHERE w.outcome_proposed = 'breached' AND w.outcome_now <> 'breached') AS gained,
				   count(*) FILTER (WHERE w.outcome_now = 'breached' AND w.outcome_proposed <> 'breached') AS lost
			  FROM ticket_sla.what_if(period, proposed, contract_id, customer_id) w
			 GROUP BY ROLLUP (w.severity)) n
	 ORDER BY n.severity NULLS LAST
$$;

COMMENT ON FUNCTION ticket_sla.what_if_summary(tstzrange, ticket_sla.contract, integer, integer) IS
'what_if added up per severity of the tickets and overall (severity NULL): tickets, targets with a deadline (met, breached or open), met, breached and compliance % as recorded and under the PROPOSED terms, and the breaches the proposed terms would add (gained) and remove (lost)';

-- Planning reads every ticket's history: for the reporting role and the
-- admin, not for agents (who work the queue); row-level security applies
-- (SECURITY INVOKER), so an uncleared reader replays no confidential ticket
REVOKE EXECUTE ON FUNCTION ticket_sla.what_if(tstzrange, ticket_sla.contract, integer, integer),
	ticket_sla.what_if_summary(tstzrange, ticket_sla.contract, integer, integer),
	ticket_sla.what_if_refusal(tstzrange, ticket_sla.contract, integer, integer),
	ticket_sla.what_if_check(tstzrange, ticket_sla.contract, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ticket_sla.what_if(tstzrange, ticket_sla.contract, integer, integer),
	ticket_sla.what_if_summary(tstzrange, ticket_sla.contract, integer, integer),
	ticket_sla.what_if_refusal(tstzrange, ticket_sla.contract, integer, integer),
	ticket_sla.what_if_check(tstzrange, ticket_sla.contract, integer, integer)
	TO ticket_sla_reporting, ticket_sla_admin;
