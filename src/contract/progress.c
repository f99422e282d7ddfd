/*
 * progress.c
 *		How far a ticket's clocks have run against its targets: the time
 *		used and left on each target's own clock, the share used, and the
 *		target's state.  The views of the ticket store read these, so that
 *		dashboards show the numbers the engine stamps.
 *
 * A target's length is the time its clock counts from the clock start to
 * the unpaused deadline ("2 business days" from a Thursday 10:00 are the
 * business hours to Monday 10:00).  Time used is the clock's time from the
 * start to the reading, less the paused time; what is left is the length
 * less what is used, negative once the target is missed.  The deadline is
 * the unpaused one moved on by the paused time (targets.c), as stamped.
 * what_if_outcome names the outcome of one cycle of a target, as what_if
 * (sql/ticket_sla.sql) gives it for the recorded and the proposed deadline.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "contract/targets.h"

PG_FUNCTION_INFO_V1(contract_time_between);
PG_FUNCTION_INFO_V1(response_progress);
PG_FUNCTION_INFO_V1(resolution_progress);
PG_FUNCTION_INFO_V1(reply_progress);
PG_FUNCTION_INFO_V1(update_progress);
PG_FUNCTION_INFO_V1(what_if_outcome);

/*
 * An interval argument as microseconds of time: paused time is business
 * time (or elapsed time), which has no days or months.
 */
static int64
paused_usecs(FunctionCallInfo fcinfo, int argno)
{
	Interval   *paused = PG_GETARG_INTERVAL_P(argno);

	if (paused->month != 0 || paused->day != 0 || paused->time < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("paused time \"%s\" is not a non-negative number of hours",
						DatumGetCString(DirectFunctionCall1(interval_out,
															IntervalPGetDatum(paused)))),
				 errhint("Paused time is counted in hours, minutes and seconds, as business_time_between gives it.")));
	return paused->time;
}

/* plan_time_between(from, to, c contract): under the plan's hours */
Datum
contract_time_between(PG_FUNCTION_ARGS)
{
	TimestampTz from = PG_GETARG_TIMESTAMPTZ(0);
	TimestampTz to = PG_GETARG_TIMESTAMPTZ(1);
	TargetsCache *cache = targets_cache(fcinfo);

	biz_require_finite(from, to);
	PG_RETURN_INTERVAL_P(biz_interval(
		plan_time_between(arg_cache_get(fcinfo, 2, contract_hours, &cache->contract),
						  from, to)));
}

/* A target's state at a reading */
static const char *
target_state(const Contract *c, TimestampTz at, TimestampTz due, bool stopped,
			 int64 used, int64 length)
{
	if (stopped)
		return at <= due ? "met" : "breached";
	if (at > due)
		return "breached";
	/* used >= share of length, in integers: both are at most 100 years */
	if (c->warn_percent > 0 && used * 100 >= length * c->warn_percent)
		return "at risk";
	return "on track";
}

/*
 * The progress row of a target (NULL when the plan sets none): due,
 * target (its length), used, remaining, share (used / target), state.
 * Arguments 0 to 2 are the clock start, severity and contract; "at" is the
 * reading, "stopped" says whether the clock stopped there for good.
 */
static Datum
target_progress(FunctionCallInfo fcinfo, TicketTarget which, const PausedTime *paused,
				TimestampTz at, bool stopped)
{
	TimestampTz start = PG_GETARG_TIMESTAMPTZ(0);
	TargetsCache *cache = targets_cache(fcinfo);
	int			severity = severity_index(&cache->severities, PG_GETARG_OID(1));
	ArgCache   *contract = arg_cache_get(fcinfo, 2, contract_hours, &cache->contract);
	const Contract *c = cached_contract(contract);
	TicketTerms tt = terms_of_severity(contract, severity);
	const ContractDuration *target = ticket_target(&tt, which);
	TimestampTz unpaused;
	TimestampTz due;
	int64		length;
	int64		used;
	TupleDesc	desc;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};

	biz_require_finite(start, at);
	if (!target_due(&tt, target, start, &unpaused))
		PG_RETURN_NULL();
	paused_target_due(&tt, target, start, paused, &due);
	length = target_time_between(&tt, target, start, unpaused);
	used = target_time_between(&tt, target, start, Max(at, start)) -
		paused_on_clock(target, paused);

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "target progress must return a row");
	values[0] = TimestampTzGetDatum(due);
	values[1] = IntervalPGetDatum(biz_interval(length));
	values[2] = IntervalPGetDatum(biz_interval(used));
	values[3] = IntervalPGetDatum(biz_interval(length - used));
	values[4] = Float8GetDatum(length > 0 ? (double) used / length : 0);
	values[5] = CStringGetTextDatum(target_state(c, at, due, stopped, used, length));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* A target never paused, read at argument 3; stopped there when argument 4 */
static Datum
unpaused_progress(FunctionCallInfo fcinfo, TicketTarget which)
{
	PausedTime	none = {0, 0};

	return target_progress(fcinfo, which, &none, PG_GETARG_TIMESTAMPTZ(3), PG_GETARG_BOOL(4));
}

/* response_progress(clock_start, sev, c, at, stopped) */
Datum
response_progress(PG_FUNCTION_ARGS)
{
	return unpaused_progress(fcinfo, TARGET_RESPOND);
}

/* reply_progress(awaiting_reply_since, sev, c, at, stopped) */
Datum
reply_progress(PG_FUNCTION_ARGS)
{
	return unpaused_progress(fcinfo, TARGET_REPLY);
}

/* update_progress(update_from, sev, c, at, stopped) */
Datum
update_progress(PG_FUNCTION_ARGS)
{
	return unpaused_progress(fcinfo, TARGET_UPDATE);
}

/*
 * resolution_progress(clock_start, sev, c, paused_business, paused_elapsed,
 * at, stopped)
 */
Datum
resolution_progress(PG_FUNCTION_ARGS)
{
	PausedTime	paused;

	paused.business = paused_usecs(fcinfo, 3);
	paused.elapsed = paused_usecs(fcinfo, 4);
	return target_progress(fcinfo, TARGET_RESOLVE, &paused, PG_GETARG_TIMESTAMPTZ(5),
						   PG_GETARG_BOOL(6));
}

/*
 * what_if_outcome(due, ended, settles, reading, manual): the outcome of a
 * cycle of a target due at "due" and ended at "ended" (NULL: still open,
 * read at "reading"): manual (its due date set by hand), no target, met,
 * breached (late, or open past due), open, or not due (an update interval
 * that a pause or the resolution ended in time: "settles" false, neither
 * met nor missed, as target_cycles and the reports count it).  Not STRICT:
 * NULL is a value of due and ended.
 */
Datum
what_if_outcome(PG_FUNCTION_ARGS)
{
	TimestampTz due;
	const char *outcome;

	if (PG_ARGISNULL(2) || PG_ARGISNULL(3) || PG_ARGISNULL(4))
		PG_RETURN_NULL();
	due = PG_ARGISNULL(0) ? 0 : PG_GETARG_TIMESTAMPTZ(0);
	if (PG_GETARG_BOOL(4))
		outcome = "manual";
	else if (PG_ARGISNULL(0))
		outcome = "no target";
	else if (PG_ARGISNULL(1))
		outcome = due < PG_GETARG_TIMESTAMPTZ(3) ? "breached" : "open";
	else if (PG_GETARG_TIMESTAMPTZ(1) > due)
		outcome = "breached";
	else
		outcome = PG_GETARG_BOOL(2) ? "met" : "not due";
	PG_RETURN_TEXT_P(cstring_to_text(outcome));
}
