--
-- What lets Citus push a function down to the shards is its volatility:
-- tried with Citus 13.2.2 on PostgreSQL 15, an IMMUTABLE function is
-- evaluated in the shard queries (even a PARALLEL UNSAFE wrapper of one),
-- while a STABLE one in a multi-shard UPDATE is refused.  So every function
-- an application calls over its own columns (calendars, contracts,
-- instants, text) must be IMMUTABLE, and only the functions that read or
-- write the store may be anything else.  (sql/parallel.sql tests parallel
-- query, a different property.)
--
\i test/fixtures/fresh_store.sql

-- The functions an application pushes down with its own tables, in the
-- forms docs/operations.md names: each IMMUTABLE (no row: none is not)
SELECT f AS not_immutable
FROM unnest(ARRAY[
	'ticket_sla.business_deadline(timestamptz, interval, ticket_sla.calendar)',
	'ticket_sla.business_time_between(timestamptz, timestamptz, ticket_sla.calendar)',
	'ticket_sla.is_business_time(timestamptz, ticket_sla.calendar)',
	'ticket_sla.next_business_time(timestamptz, ticket_sla.calendar)',
	'ticket_sla.business_intervals(ticket_sla.calendar, tstzrange)',
	'ticket_sla.with_closed_dates(ticket_sla.calendar, date[])',
	'ticket_sla.response_deadline(timestamptz, ticket_sla.severity, ticket_sla.contract)',
	'ticket_sla.resolution_deadline(timestamptz, ticket_sla.severity, ticket_sla.contract)',
	'ticket_sla.reply_deadline(timestamptz, ticket_sla.severity, ticket_sla.contract)',
	'ticket_sla.update_deadline(timestamptz, ticket_sla.severity, ticket_sla.contract)',
	'ticket_sla.plan_time_between(timestamptz, timestamptz, ticket_sla.contract)',
	'ticket_sla.escalation_due(timestamptz, ticket_sla.severity, ticket_sla.contract, timestamptz)',
	'ticket_sla.escalation_steps(timestamptz, ticket_sla.severity, ticket_sla.contract)',
	'ticket_sla.response_progress(timestamptz, ticket_sla.severity, ticket_sla.contract, timestamptz, boolean)',
	'ticket_sla.resolution_progress(timestamptz, ticket_sla.severity, ticket_sla.contract, interval, interval, timestamptz, boolean)',
	'ticket_sla.terms_for(ticket_sla.contract, text, ticket_sla.tier, integer)',
	'ticket_sla.localized(ticket_sla.contract, text, text[])',
	'ticket_sla.case_from_subject(text)'
]::regprocedure[]) AS f
JOIN pg_proc p ON p.oid = f
WHERE p.provolatile <> 'i';

-- Every function of the extension that is not IMMUTABLE reads or writes
-- the store: the triggers and the functions they call as the owner
-- (VOLATILE), the readers of the store's tables (STABLE: quarterly_report,
-- local_terms' reader localized_terms_id, customer_hours, due_events, the
-- what-if replay what_if, what_if_summary and their helpers what_if_check,
-- what_if_refusal;
-- require_trigger_relation reads the catalog), the writers (retarget,
-- process_escalations, set_due, clear_due, record_due_change,
-- take_premium_request, local_terms).  A function over values alone that
-- were not IMMUTABLE would show up here.
SELECT p.oid::regprocedure AS function, p.provolatile AS volatility,
	   p.prorettype = 'trigger'::regtype AS is_trigger
FROM pg_proc p
WHERE p.pronamespace = 'ticket_sla'::regnamespace AND p.provolatile <> 'i'
ORDER BY p.provolatile, p.oid::regprocedure::text;

-- and the IMMUTABLE ones: the 61 functions over values (type I/O and
-- comparison, business time, holidays, contracts, case numbers)
SELECT count(*) AS immutable
FROM pg_proc WHERE pronamespace = 'ticket_sla'::regnamespace AND provolatile = 'i';
