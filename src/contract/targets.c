/*
 * targets.c
 *		A contract's targets as instants: the first-response and resolution
 *		deadlines of a ticket of a given severity opened at a given instant,
 *		and when a ticket's clocks start under the plan's channel rule.
 *
 * A target on the business clock is business time under the plan's hours
 * (business_deadline); one on the wall clock is plain elapsed time, a day
 * being 24 hours, so that neither depends on the session's time zone.
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
target_due(ArgCache *contract, const ContractDuration *target,
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
		Assert(contract->has_calendar);
		biz_require_open_time(&contract->bc);
		*due = biz_deadline(&contract->bc, start, target->days, target->usecs);
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

/* The time from "from" to "to" on the clock of a target */
int64
target_time_between(ArgCache *contract, const ContractDuration *target,
					TimestampTz from, TimestampTz to)
{
	if (target->clock == CLOCK_WALL)
		return to - from;
	return plan_time_between(contract, from, to);
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
paused_target_due(ArgCache *contract, const ContractDuration *target,
				  TimestampTz start, const PausedTime *paused, TimestampTz *due)
{
	int64		extra = paused_on_clock(target, paused);

	if (!target_due(contract, target, start, due))
		return false;
	if (extra == 0 || TIMESTAMP_NOT_FINITE(*due))
		return true;
	if (target->clock == CLOCK_WALL)
		*due = wall_deadline(*due, extra);
	else
		*due = biz_deadline(&contract->bc, *due, 0, extra);
	return true;
}

/*
 * When the escalation step at index "step" of a severity's ladder falls due
 * for a ticket whose clock started at start; false past the last step.
 * Steps are not paused: the ladder counts from the clock start.
 */
bool
step_due(ArgCache *contract, int severity, int step, TimestampTz start,
		 TimestampTz *due)
{
	const Contract *c = cached_contract(contract);
	const SeverityTerms *terms = &c->severity[severity];

	if (step >= terms->n_steps)
		return false;
	return target_due(contract, &contract_steps(c)[terms->first_step + step].after,
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

/*
 * The deadline of the target that pick() chooses from the severity's terms
 * of the contract in argument 2, for a ticket opened at argument 0 with the
 * severity of argument 1; NULL when the plan sets no such target.
 */
static Datum
target_deadline(FunctionCallInfo fcinfo,
				const ContractDuration *(*pick) (const SeverityTerms *terms))
{
	TimestampTz opened_at = PG_GETARG_TIMESTAMPTZ(0);
	TargetsCache *cache = targets_cache(fcinfo);
	int			severity = severity_index(&cache->severities, PG_GETARG_OID(1));
	ArgCache   *contract = arg_cache_get(fcinfo, 2, contract_hours, &cache->contract);
	TimestampTz due;

	if (!target_due(contract, pick(&cached_contract(contract)->severity[severity]),
					opened_at, &due))
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(due);
}

static const ContractDuration *
respond_target(const SeverityTerms *terms)
{
	return &terms->respond;
}

static const ContractDuration *
resolve_target(const SeverityTerms *terms)
{
	return &terms->resolve;
}

Datum
response_deadline(PG_FUNCTION_ARGS)
{
	return target_deadline(fcinfo, respond_target);
}

Datum
resolution_deadline(PG_FUNCTION_ARGS)
{
	return target_deadline(fcinfo, resolve_target);
}
