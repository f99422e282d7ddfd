/*
 * rollups.c
 *		What the report rollups compute in C: the aggregate
 *		ticket_sla.response_percentiles(bigint[]), the median and 90th
 *		percentile of the times to the first response, and
 *		ticket_sla.instants_before(timestamptz[], timestamptz), how many of
 *		the open targets' due dates a reading has passed.
 *
 * Why in C: the rollups (ticket_sla.report_days, docs/reports.md) keep the
 * response times of each day's tickets as an array of microseconds, and a
 * month or a quarter is the merge of its days.  percentile_cont cannot read
 * arrays, and unnesting a year of them costs more than the whole report
 * may.  The aggregate appends the arrays and selects the two ranks each
 * percentile needs (quickselect: linear, no sort).
 *
 * Its figures equal to the bit what percentile_cont(p) WITHIN GROUP (ORDER
 * BY seconds) gives over the same times as float8 seconds (the reports'
 * full recomputation, ticket_sla.compliance_recomputed): the same ranks,
 * floor and ceil of p * (n - 1), and the same interpolation as the
 * server's float8_lerp, lo + p * (hi - lo), on seconds = microseconds /
 * 1e6 (both conversions are correctly rounded).
 *
 * A rollup cannot hold whether an open target is missed: that changes with
 * the clock, not with a write.  It holds the due dates of its open targets,
 * and a reader counts those before now() (instants_before), as the full
 * recomputation compares each due date with now().
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(response_percentiles_add);
PG_FUNCTION_INFO_V1(response_percentiles_final);
PG_FUNCTION_INFO_V1(instants_before);

/* The percentiles the reports give: the median and the 90th */
static const double report_percentiles[] = {0.5, 0.9};

/* The times gathered so far, in the aggregate's memory */
typedef struct Durations
{
	int64	   *values;
	int64		n;
	int64		size;
} Durations;

/* Room for more values, doubling */
static void
make_room(Durations *d, int64 more)
{
	if (d->n + more <= d->size)
		return;
	d->size = Max(d->n + more, 2 * d->size);
	if ((Size) d->size > MaxAllocHugeSize / sizeof(int64))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many response times for one group: %lld", (long long) d->size)));
	d->values = repalloc_huge(d->values, d->size * sizeof(int64));
}

/* Transition: the times of one more row (NULL or empty adds none) */
Datum
response_percentiles_add(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	Durations  *d;
	ArrayType  *times;
	int			n;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "response_percentiles_add called outside an aggregate");
	d = PG_ARGISNULL(0) ? NULL : (Durations *) PG_GETARG_POINTER(0);
	if (d == NULL)
	{
		d = MemoryContextAllocZero(aggcxt, sizeof(Durations));
		d->size = 64;
		d->values = MemoryContextAlloc(aggcxt, d->size * sizeof(int64));
	}
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(d);
	times = PG_GETARG_ARRAYTYPE_P(1);
	if (ARR_HASNULL(times) || ARR_ELEMTYPE(times) != INT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("response times must be a bigint array without nulls")));
	n = ArrayGetNItems(ARR_NDIM(times), ARR_DIMS(times));
	make_room(d, n);
	memcpy(d->values + d->n, ARR_DATA_PTR(times), n * sizeof(int64));
	d->n += n;
	PG_RETURN_POINTER(d);
}

/*
 * Rearrange v[lo..hi] so that v[k] holds the value of rank k, the smaller
 * ones before it and the larger after (Hoare's selection)
 */
static void
select_rank(int64 *v, int64 lo, int64 hi, int64 k)
{
	while (lo < hi)
	{
		int64		pivot = v[lo + (hi - lo) / 2];
		int64		i = lo;
		int64		j = hi;

		while (i <= j)
		{
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j)
			{
				int64		t = v[i];

				v[i++] = v[j];
				v[j--] = t;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;				/* v[j + 1 .. i - 1] all equal the pivot */
	}
}

/* The smallest of v[from..n) */
static int64
smallest_from(const int64 *v, int64 from, int64 n)
{
	int64		m = v[from];
	int64		i;

	for (i = from + 1; i < n; i++)
		m = Min(m, v[i]);
	return m;
}

/*
 * The p-th percentile in seconds, as percentile_cont interpolates it;
 * ranks below *from are already in place (the earlier, smaller percentile)
 */
static double
percentile_seconds(Durations *d, double p, int64 *from)
{
	double		position = p * (double) (d->n - 1);
	int64		first = (int64) floor(position);
	int64		second = (int64) ceil(position);
	double		lo;
	double		hi;

	select_rank(d->values, *from, d->n - 1, first);
	*from = first;
	lo = (double) d->values[first] / 1000000.0;
	if (second == first)
		return lo;
	hi = (double) smallest_from(d->values, first + 1, d->n) / 1000000.0;
	return lo + ((position - (double) first) * (hi - lo));
}

/* Final: {median, 90th percentile} in seconds; NULL without any time */
Datum
response_percentiles_final(PG_FUNCTION_ARGS)
{
	Durations  *d = PG_ARGISNULL(0) ? NULL : (Durations *) PG_GETARG_POINTER(0);
	Datum		result[lengthof(report_percentiles)];
	int64		from = 0;
	int			i;

	if (d == NULL || d->n == 0)
		PG_RETURN_NULL();
	for (i = 0; i < (int) lengthof(report_percentiles); i++)
		result[i] = Float8GetDatum(percentile_seconds(d, report_percentiles[i], &from));
	PG_RETURN_ARRAYTYPE_P(construct_array(result, lengthof(result), FLOAT8OID,
										  sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* How many of the instants (no NULL among them) lie before the reading */
Datum
instants_before(PG_FUNCTION_ARGS)
{
	ArrayType  *instants = PG_GETARG_ARRAYTYPE_P(0);
	TimestampTz reading = PG_GETARG_TIMESTAMPTZ(1);
	const TimestampTz *v = (const TimestampTz *) ARR_DATA_PTR(instants);
	int			n = ArrayGetNItems(ARR_NDIM(instants), ARR_DIMS(instants));
	int64		before = 0;
	int			i;

	if (ARR_HASNULL(instants) || ARR_ELEMTYPE(instants) != TIMESTAMPTZOID)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("instants must be a timestamptz array without nulls")));
	for (i = 0; i < n; i++)
		before += v[i] < reading;
	PG_RETURN_INT64(before);
}
