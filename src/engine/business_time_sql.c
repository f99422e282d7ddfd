/*
 * business_time_sql.c
 *		The SQL wrappers of the business-time arithmetic (business_time.h):
 *		business_deadline, business_time_between, is_business_time,
 *		next_business_time, and the set-returning business_intervals; and
 *		time_zone, the zone a calendar's times are read in.
 *
 * Each checks its arguments and takes its calendar prepared from the call
 * site's cache (arg_cache.h); business_intervals hands out the open time
 * within a range one row at a time, from the general walker.
 */
#include "postgres.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "calendar/calendar.h"
#include "engine/arg_cache.h"

PG_FUNCTION_INFO_V1(business_deadline);
PG_FUNCTION_INFO_V1(business_time_between);
PG_FUNCTION_INFO_V1(is_business_time);
PG_FUNCTION_INFO_V1(next_business_time);
PG_FUNCTION_INFO_V1(business_intervals);
PG_FUNCTION_INFO_V1(calendar_time_zone);

/* A calendar argument is its own calendar */
static const Calendar *
calendar_itself(const struct varlena *value)
{
	return (const Calendar *) value;
}

static BizCalendar *
calendar_arg(FunctionCallInfo fcinfo, int argno)
{
	return &arg_cache_get(fcinfo, argno, calendar_itself,
						  (ArgCache **) &fcinfo->flinfo->fn_extra)->bc;
}

/*
 * A business duration is days (business days) and a time part; months and
 * years have no business meaning.
 */
static void
check_duration(Interval *duration)
{
	if (duration->month != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("business duration \"%s\" has months or years",
						DatumGetCString(DirectFunctionCall1(interval_out,
															IntervalPGetDatum(duration)))),
				 errhint("Count business days and hours: \"30 days\", \"400 hours\".")));
	if (duration->time == PG_INT64_MIN)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("interval out of range")));
}

Datum
business_deadline(PG_FUNCTION_ARGS)
{
	TimestampTz start = PG_GETARG_TIMESTAMPTZ(0);
	Interval   *duration = PG_GETARG_INTERVAL_P(1);
	BizCalendar *bc;

#if PG_VERSION_NUM >= 170000
	if (INTERVAL_NOT_FINITE(duration))
		PG_RETURN_TIMESTAMPTZ(INTERVAL_IS_NOBEGIN(duration) ? DT_NOBEGIN : DT_NOEND);
#endif
	check_duration(duration);
	if (TIMESTAMP_NOT_FINITE(start))
		PG_RETURN_TIMESTAMPTZ(start);
	bc = calendar_arg(fcinfo, 2);
	if (duration->day == 0 && duration->time == 0)
		PG_RETURN_TIMESTAMPTZ(start);
	biz_require_open_time(bc);
	PG_RETURN_TIMESTAMPTZ(biz_deadline(bc, start, duration->day, duration->time));
}

Datum
business_time_between(PG_FUNCTION_ARGS)
{
	TimestampTz from = PG_GETARG_TIMESTAMPTZ(0);
	TimestampTz to = PG_GETARG_TIMESTAMPTZ(1);

	biz_require_finite(from, to);
	PG_RETURN_INTERVAL_P(biz_interval(biz_between(calendar_arg(fcinfo, 2), from, to)));
}

Datum
is_business_time(PG_FUNCTION_ARGS)
{
	TimestampTz at = PG_GETARG_TIMESTAMPTZ(0);

	if (TIMESTAMP_NOT_FINITE(at))
		PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(biz_is_open(calendar_arg(fcinfo, 1), at));
}

Datum
next_business_time(PG_FUNCTION_ARGS)
{
	TimestampTz at = PG_GETARG_TIMESTAMPTZ(0);
	BizCalendar *bc;

	if (TIMESTAMP_NOT_FINITE(at))
		PG_RETURN_TIMESTAMPTZ(at);
	bc = calendar_arg(fcinfo, 1);
	biz_require_open_time(bc);
	PG_RETURN_TIMESTAMPTZ(biz_next_open(bc, at));
}

/* ---------- business_intervals ---------- */

typedef struct IntervalsState
{
	BizWalker	walker;
	TypeCacheEntry *typcache;
	RangeBound	lower;			/* the range asked about */
	RangeBound	upper;
	Span		pending;		/* open span waiting for its successor */
	bool		has_pending;
} IntervalsState;

static void
require_bounded(RangeBound *bound)
{
	if (bound->infinite || TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(bound->val)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("business_intervals needs a range with finite bounds")));
}

/* The open span clipped to the range asked about, as a tstzrange. */
static Datum
clipped_range(IntervalsState *st, Span span)
{
	RangeBound	lower = {0};
	RangeBound	upper = {0};
	TimestampTz want_lo = DatumGetTimestampTz(st->lower.val);
	TimestampTz want_hi = DatumGetTimestampTz(st->upper.val);

	lower.lower = true;
	lower.inclusive = span.lo > want_lo || st->lower.inclusive;
	lower.val = TimestampTzGetDatum(Max(span.lo, want_lo));
	upper.lower = false;
	upper.inclusive = span.hi > want_hi && st->upper.inclusive;
	upper.val = TimestampTzGetDatum(Min(span.hi, want_hi));
	return RangeTypePGetDatum(make_range(st->typcache, &lower, &upper, false
#if PG_VERSION_NUM >= 160000
										 ,NULL
#endif
										 ));
}

/* The next open span merged with those that touch it; false at the end. */
static bool
next_merged_span(IntervalsState *st, Span *merged)
{
	TimestampTz want_hi = DatumGetTimestampTz(st->upper.val);
	Span		span;

	while (biz_walker_next(&st->walker, &span) && span.lo <= want_hi)
	{
		if (st->has_pending && span.lo == st->pending.hi)
		{
			st->pending.hi = span.hi;
			continue;
		}
		if (st->has_pending)
		{
			*merged = st->pending;
			st->pending = span;
			return true;
		}
		st->pending = span;
		st->has_pending = true;
	}
	if (!st->has_pending)
		return false;
	*merged = st->pending;
	st->has_pending = false;
	return true;
}

static IntervalsState *
start_intervals(FunctionCallInfo fcinfo, MemoryContext mcxt)
{
	RangeType  *during = PG_GETARG_RANGE_P(1);
	IntervalsState *st = MemoryContextAllocZero(mcxt, sizeof(IntervalsState));
	struct varlena *packed = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	BizCalendar *bc;
	bool		empty;

	/* not range_get_typcache(): fn_extra holds the SRF's own state */
	st->typcache = lookup_type_cache(RangeTypeGetOid(during), TYPECACHE_RANGE_INFO);
	range_deserialize(st->typcache, during, &st->lower, &st->upper, &empty);
	if (empty)
		return NULL;
	require_bounded(&st->lower);
	require_bounded(&st->upper);
	bc = &arg_cache_prepare(mcxt, packed, calendar_itself)->bc;
	biz_require_supported(bc, DatumGetTimestampTz(st->lower.val),
						  DatumGetTimestampTz(st->upper.val));
	biz_walker_start(&st->walker, bc, DatumGetTimestampTz(st->lower.val), 1);
	return st;
}

Datum
business_intervals(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	IntervalsState *st;
	Span		span;
	MemoryContext oldcxt;
	bool		found;

	if (SRF_IS_FIRSTCALL())
	{
		funcctx = SRF_FIRSTCALL_INIT();
		oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		funcctx->user_fctx = start_intervals(fcinfo, funcctx->multi_call_memory_ctx);
		MemoryContextSwitchTo(oldcxt);
	}
	funcctx = SRF_PERCALL_SETUP();
	st = (IntervalsState *) funcctx->user_fctx;
	if (st == NULL)
		SRF_RETURN_DONE(funcctx);

	oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
	do
		found = next_merged_span(st, &span);
	while (found && span.hi <= DatumGetTimestampTz(st->lower.val));
	MemoryContextSwitchTo(oldcxt);

	if (!found || span.lo > DatumGetTimestampTz(st->upper.val) ||
		(span.lo == DatumGetTimestampTz(st->upper.val) && !st->upper.inclusive))
		SRF_RETURN_DONE(funcctx);
	SRF_RETURN_NEXT(funcctx, clipped_range(st, span));
}

/*
 * time_zone(cal): the canonical name of the zone the calendar's hours are
 * kept in (UTC when the literal named none), for SQL that needs the
 * calendar's local dates (the months of service availability)
 */
Datum
calendar_time_zone(PG_FUNCTION_ARGS)
{
	Calendar   *cal = PG_GETARG_CALENDAR_P(0);

	PG_RETURN_TEXT_P(cstring_to_text(calendar_tzname(cal)));
}
