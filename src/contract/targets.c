/*
 * targets.c
 *		A contract's targets as instants: the first-response, resolution,
 *		next-reply and periodic-update deadlines of a ticket of a given
 *		severity from a given instant, and when a ticket's clocks start under
 *		the plan's channel rule.
 *
 * A target on the business clock is business time under the hours of its
 * terms, their own or the plan's (business_deadline); one on the wall clock
 * is plain elapsed time, a day being 24 hours, so that neither depends on
 * the session's time zone.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "common/int.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "contract/targets.h"

PG_FUNCTION_INFO_V1(response_deadline);
PG_FUNCTION_INFO_V1(resolution_deadline);
PG_FUNCTION_INFO_V1(reply_deadline);
PG_FUNCTION_INFO_V1(update_deadline);
PG_FUNCTION_INFO_V1(contract_clock_start);

/* The labels of ticket_sla.severity, most urgent first */
static const char *const severity_labels[CONTRACT_SEVERITIES] = {
	"critical", "high", "medium", "low"
};

const Calendar *
contract_hours(const struct varlena *value)
{
	return contract_calendar((const Contract *) value);
}

TargetsCache *
targets_cache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
														  sizeof(TargetsCache));
	return (TargetsCache *) fcinfo->flinfo->fn_extra;
}

/* The severity's index (0 = critical) from its enum label, looked up once */
int
severity_index(SeverityMap *map, Oid value)
{
	HeapTuple	tuple;
	const char *label;
	int			i;

	for (i = 0; i < CONTRACT_SEVERITIES; i++)
		if (map->oids[i] == value)
			return i;
	tuple = SearchSysCache1(ENUMOID, ObjectIdGetDatum(value));
	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for enum value %u", value);
	label = NameStr(((Form_pg_enum) GETSTRUCT(tuple))->enumlabel);
	for (i = 0; i < CONTRACT_SEVERITIES; i++)
		if (strcmp(label, severity_labels[i]) == 0)
			break;
	if (i == CONTRACT_SEVERITIES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("\"%s\" is not a severity of ticket_sla", label)));
	ReleaseSysCache(tuple);
	map->oids[i] = value;
	return i;
}

/*
 * The business clock of the contract's set of terms "set" whose own hours
 * are "hours": prepared once, when first used, and kept with the contract's
 * cache (in its memory, so that it goes with the value).
 */
static BizCalendar *
set_clock(ArgCache *contract, int set, const Calendar *hours)
{
	if (contract->more == NULL)
		contract->more = MemoryContextAllocZero(contract->mcxt,
												contract_extension(cached_contract(contract))->n_sets *
												sizeof(BizCalendar *));
	if (contract->more[set] == NULL)
	{
		BizCalendar *bc = MemoryContextAlloc(contract->mcxt, sizeof(BizCalendar));
		MemoryContext oldcxt = MemoryContextSwitchTo(contract->mcxt);

		biz_init(bc, hours);
		MemoryContextSwitchTo(oldcxt);
		contract->more[set] = bc;
	}
	return contract->more[set];
}

/* The terms a kind of ticket is held to, with their business clock */
TicketTerms
terms_of_kind(ArgCache *contract, const TicketKind *kind)
{
	ChosenTerms chosen = contract_choose(cached_contract(contract), kind);
	TicketTerms tt;

	tt.contract = contract;
	tt.terms = chosen.terms;
	tt.reply = &chosen.conversation->reply;
	tt.update = &chosen.conversation->update;
	if (chosen.hours != NULL)
		tt.hours = set_clock(contract, chosen.set, chosen.hours);
	else
		tt.hours = contract->has_calendar ? &contract->bc : NULL;
	return tt;
}

/* The terms of a plain incident of the severity, at the first level */
TicketTerms
terms_of_severity(ArgCache *contract, int severity)
{
	TicketKind	kind;

	default_ticket_kind(&kind, severity);
	return terms_of_kind(contract, &kind);
}

/* opened_at plus usecs of round-the-clock time */
static TimestampTz
wall_deadline(TimestampTz opened_at, int64 usecs)
{
	TimestampTz result;

	if (pg_add_s64_overflow(opened_at, usecs, &result) || !IS_VALID_TIMESTAMP(result))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	return result;
}

/*
 * When a target of the contract falls due for a ticket whose clock started
 * at start: false when the plan sets no such target.
 */
bool
target_due(const TicketTerms *tt, const ContractDuration *target,
		   TimestampTz start, TimestampTz *due)
{
	if (target->clock == CLOCK_NONE)
		return false;
	if (TIMESTAMP_NOT_FINITE(start))
		*due = start;
	else if (target->clock == CLOCK_WALL)
		*due = wall_deadline(start, target->usecs);
	else
	{
		/* the input function refuses business terms without hours */
		Assert(tt->hours != NULL);
		biz_require_open_time(tt->hours);
		*due = biz_deadline(tt->hours, start, target->days, target->usecs);
	}
	return true;
}

/*
 * The time from "from" to "to" that counts under the plan: business time
 * under its hours, or elapsed time for a plan without hours (always open).
 */
int64
plan_time_between(ArgCache *contract, TimestampTz from, TimestampTz to)
{
	if (!contract->has_calendar)
		return to - from;
	return biz_between(&contract->bc, from, to);
}

/*
 * The time from "from" to "to" that counts under a ticket's terms:
 * business time under their hours, or elapsed time when they have none.
 */
int64
terms_time_between(const TicketTerms *tt, TimestampTz from, TimestampTz to)
{
	if (tt->hours == NULL)
		return to - from;
	return biz_between(tt->hours, from, to);
}

/* The time from "from" to "to" on the clock of a target */
int64
target_time_between(const TicketTerms *tt, const ContractDuration *target,
					TimestampTz from, TimestampTz to)
{
	if (target->clock == CLOCK_WALL)
		return to - from;
	return terms_time_between(tt, from, to);
}

/* The paused time that counts on the clock of a target */
int64
paused_on_clock(const ContractDuration *target, const PausedTime *paused)
{
	return target->clock == CLOCK_WALL ? paused->elapsed : paused->business;
}

/*
 * When a target falls due for a ticket whose clock started at start and
 * was paused for paused: the unpaused deadline, moved on by the paused
 * time on the target's own clock.  False when there is no such target.
 */
bool
paused_target_due(const TicketTerms *tt, const ContractDuration *target,
				  TimestampTz start, const PausedTime *paused, TimestampTz *due)
{
	int64		extra = paused_on_clock(target, paused);

	if (!target_due(tt, target, start, due))
		return false;
	if (extra == 0 || TIMESTAMP_NOT_FINITE(*due))
		return true;
	if (target->clock == CLOCK_WALL)
		*due = wall_deadline(*due, extra);
	else
		*due = biz_deadline(tt->hours, *due, 0, extra);
	return true;
}

/*
 * The first instant at which the clock of a target, started at start, has
 * counted usecs: the instant a share of the target is used up (a warning).
 */
TimestampTz
target_clock_after(const TicketTerms *tt, const ContractDuration *target,
				   TimestampTz start, int64 usecs)
{
	if (TIMESTAMP_NOT_FINITE(start))
		return start;
	if (target->clock == CLOCK_WALL)
		return wall_deadline(start, usecs);
	return biz_deadline(tt->hours, start, 0, usecs);
}

/*
 * When the escalation step at index "step" of the ladder of a ticket's
 * terms falls due for a ticket whose clock started at start; false past the
 * last step.  Steps are not paused: the ladder counts from the clock start.
 */
bool
step_due(const TicketTerms *tt, int step, TimestampTz start, TimestampTz *due)
{
	const Contract *c = cached_contract(tt->contract);

	if (step >= tt->terms->n_steps)
		return false;
	return target_due(tt, &contract_steps(c)[tt->terms->first_step + step].after,
					  start, due);
}

/*
 * When the clocks of a ticket opened at opened_at start: at once, except
 * under a plan that takes requests out of hours only by phone, where a
 * request by any other channel waits for the next opening.  A plan without
 * hours is never out of hours.
 */
TimestampTz
clock_start(ArgCache *contract, TimestampTz opened_at, bool by_phone)
{
	if (by_phone || !cached_contract(contract)->phone_only_out_of_hours ||
		!contract->has_calendar || TIMESTAMP_NOT_FINITE(opened_at))
		return opened_at;
	biz_require_open_time(&contract->bc);
	return biz_next_open(&contract->bc, opened_at);
}

/* One of the targets of a ticket's terms */
const ContractDuration *
ticket_target(const TicketTerms *tt, TicketTarget which)
{
	switch (which)
	{
		case TARGET_RESPOND:
			return &tt->terms->respond;
		case TARGET_RESOLVE:
			return &tt->terms->resolve;
		case TARGET_REPLY:
			return tt->reply;
		default:
			Assert(which == TARGET_UPDATE);
			return tt->update;
	}
}

/*
 * The deadline of the target "which" of the severity's terms of the
 * contract in argument 2, for a clock started at argument 0 (a ticket's
 * opening, a customer's message, the last update) with the severity of
 * argument 1; NULL when the plan sets no such target.
 */
static Datum
target_deadline(FunctionCallInfo fcinfo, TicketTarget which)
{
	TimestampTz start = PG_GETARG_TIMESTAMPTZ(0);
	TargetsCache *cache = targets_cache(fcinfo);
	int			severity = severity_index(&cache->severities, PG_GETARG_OID(1));
	ArgCache   *contract = arg_cache_get(fcinfo, 2, contract_hours, &cache->contract);
	TicketTerms tt = terms_of_severity(contract, severity);
	TimestampTz due;

	if (!target_due(&tt, ticket_target(&tt, which), start, &due))
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(due);
}

Datum
response_deadline(PG_FUNCTION_ARGS)
{
	return target_deadline(fcinfo, TARGET_RESPOND);
}

Datum
resolution_deadline(PG_FUNCTION_ARGS)
{
	return target_deadline(fcinfo, TARGET_RESOLVE);
}

Datum
reply_deadline(PG_FUNCTION_ARGS)
{
	return target_deadline(fcinfo, TARGET_REPLY);
}

Datum
update_deadline(PG_FUNCTION_ARGS)
{
	return target_deadline(fcinfo, TARGET_UPDATE);
}

/*
 * clock_start(opened_at, by_phone, c): when the clocks of a ticket opened
 * at opened_at start under plan c, as the store stamps it (what_if refuses
 * proposed terms that would move a ticket's clock start)
 */
Datum
contract_clock_start(PG_FUNCTION_ARGS)
{
	TargetsCache *cache = targets_cache(fcinfo);
	ArgCache   *contract = arg_cache_get(fcinfo, 2, contract_hours, &cache->contract);

	PG_RETURN_TIMESTAMPTZ(clock_start(contract, PG_GETARG_TIMESTAMPTZ(0), PG_GETARG_BOOL(1)));
}
