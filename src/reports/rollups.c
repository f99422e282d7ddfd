/*
 * rollups.c
 *		What the report rollups compute in C:
 *		ticket_sla.multiset_sum(anyarray, weight), the aggregate that adds
 *		and takes out arrays of values (bigint or timestamptz);
 *		ticket_sla.sorted_percentiles(bigint[]), the median and 90th
 *		percentile of sorted response times; and
 *		ticket_sla.instants_before(timestamptz[], timestamptz), how many of
 *		the open targets' due dates a reading has passed.
 *
 * Why: the rollups (ticket_sla.report_days and report_periods,
 * docs/reports.md) keep, besides counts, the response times of their
 * tickets (microseconds, for exact percentiles) and the due dates of their
 * open targets.  A period changed since the last refresh is its stored row,
 * minus its changed days as stored, plus those days as they are now:
 * counts add and subtract, and so must the arrays, as multisets.  SQL has
 * no multiset difference, and unnesting a year of arrays costs more than a
 * report may; multiset_sum sorts what was added and what was taken out and
 * merges them in one pass.  Taking out a value that is not there means the
 * rollups are out of step with the tickets: an error, never a silent
 * figure.
 *
 * The percentiles equal to the bit what percentile_cont(p) WITHIN GROUP
 * (ORDER BY seconds) gives over the same times as float8 seconds (the full
 * recomputation, ticket_sla.compliance_recomputed): the same ranks, floor
 * and ceil of p * (n - 1), and the same interpolation as the server's
 * float8_lerp, lo + p * (hi - lo), on seconds = microseconds / 1e6 (both
 * conversions are correctly rounded).
 *
 * Whether an open target is missed changes with the clock, not with a
 * write: a reader counts the due dates before now() (instants_before), as
 * the full recomputation compares each due date with now().
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(multiset_sum_add);
PG_FUNCTION_INFO_V1(multiset_sum_final);
PG_FUNCTION_INFO_V1(sorted_percentiles);
PG_FUNCTION_INFO_V1(instants_before);

/* The percentiles the reports give: the median and the 90th */
static const double report_percentiles[] = {0.5, 0.9};

/* Values gathered in the aggregate's memory */
typedef struct Values
{
	int64	   *v;
	int64		n;
	int64		size;
} Values;

/* The aggregate's state: what was added, what was taken out */
typedef struct Multiset
{
	Oid			elemtype;		/* int8 or timestamptz */
	Values		added;
	Values		removed;
} Multiset;

/* The values of an int8 or timestamptz array without nulls */
static const int64 *
array_values(ArrayType *a, int *n)
{
	if (ARR_HASNULL(a))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("a rollup's array holds a null")));
	*n = ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
	return (const int64 *) ARR_DATA_PTR(a);
}

/* Append n values, the buffer doubling as it fills */
static void
append_values(MemoryContext cxt, Values *to, const int64 *v, int n)
{
	if (n == 0)
		return;					/* nothing to copy (and no buffer yet, maybe) */
	if (to->n + n > to->size)
	{
		int64		size = Max(Max(to->n + n, 2 * to->size), 64);

		if ((Size) size > MaxAllocHugeSize / sizeof(int64))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many values in one rollup: %lld", (long long) size)));
		to->v = to->v == NULL ? MemoryContextAllocHuge(cxt, size * sizeof(int64)) :
			repalloc_huge(to->v, size * sizeof(int64));
		to->size = size;
	}
	memcpy(to->v + to->n, v, n * sizeof(int64));
	to->n += n;
}

/*
 * Transition: the values of the array added (weight 1) or taken out
 * (weight -1); a NULL array adds nothing
 */
Datum
multiset_sum_add(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	Multiset   *m;
	ArrayType  *a;
	int32		weight;
	const int64 *v;
	int			n;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		elog(ERROR, "multiset_sum_add called outside an aggregate");
	m = PG_ARGISNULL(0) ? NULL : (Multiset *) PG_GETARG_POINTER(0);
	if (m == NULL)
		m = MemoryContextAllocZero(aggcxt, sizeof(Multiset));
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(m);
	weight = PG_ARGISNULL(2) ? 0 : PG_GETARG_INT32(2);
	if (weight != 1 && weight != -1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight %d of a rollup's array is not 1 or -1", weight)));
	a = PG_GETARG_ARRAYTYPE_P(1);
	if (ARR_ELEMTYPE(a) != INT8OID && ARR_ELEMTYPE(a) != TIMESTAMPTZOID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("multiset_sum adds bigint or timestamptz arrays, not %s",
						format_type_be(ARR_ELEMTYPE(a)))));
	m->elemtype = ARR_ELEMTYPE(a);
	v = array_values(a, &n);
	append_values(aggcxt, weight > 0 ? &m->added : &m->removed, v, n);
	PG_RETURN_POINTER(m);
}

static int
compare_int64(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return (x > y) - (x < y);
}

/*
 * The values added less those taken out, sorted, into m->added; a value
 * taken out that was never added is an error
 */
static void
subtract_removed(Multiset *m)
{
	int64		i = 0;
	int64		j = 0;
	int64		kept = 0;

	if (m->added.n > 1)
		qsort(m->added.v, m->added.n, sizeof(int64), compare_int64);
	if (m->removed.n > 1)
		qsort(m->removed.v, m->removed.n, sizeof(int64), compare_int64);
	while (i < m->added.n)
	{
		if (j < m->removed.n && m->removed.v[j] == m->added.v[i])
			j++, i++;
		else if (j < m->removed.n && m->removed.v[j] < m->added.v[i])
			break;
		else
			m->added.v[kept++] = m->added.v[i++];
	}
	if (j < m->removed.n)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("the report rollups are out of step with the tickets"),
				 errdetail("A value taken out of a period is not in it."),
				 errhint("SELECT ticket_sla.rebuild_reports() makes them anew.")));
	m->added.n = kept;
}

/* Final: the values added less those taken out, sorted; NULL without any input */
Datum
multiset_sum_final(PG_FUNCTION_ARGS)
{
	Multiset   *m = PG_ARGISNULL(0) ? NULL : (Multiset *) PG_GETARG_POINTER(0);
	Datum	   *d;
	int64		i;

	if (m == NULL || m->elemtype == InvalidOid)
		PG_RETURN_NULL();
	subtract_removed(m);
	d = palloc_extended(Max(m->added.n, 1) * sizeof(Datum), MCXT_ALLOC_HUGE);
	for (i = 0; i < m->added.n; i++)
		d[i] = Int64GetDatum(m->added.v[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(d, (int) m->added.n, m->elemtype, sizeof(int64),
										  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* The p-th percentile in seconds of n sorted microseconds, as percentile_cont */
static double
percentile_seconds(const int64 *v, int n, double p)
{
	double		position = p * (double) (n - 1);
	int			first = (int) floor(position);
	int			second = (int) ceil(position);
	double		lo = (double) v[first] / 1000000.0;
	double		hi;

	if (second == first)
		return lo;
	hi = (double) v[second] / 1000000.0;
	return lo + ((position - (double) first) * (hi - lo));
}

/* {median, 90th percentile} in seconds of sorted microseconds; NULL if none */
Datum
sorted_percentiles(PG_FUNCTION_ARGS)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
	Datum		result[lengthof(report_percentiles)];
	const int64 *v;
	int			n;
	int			i;

	v = array_values(a, &n);
	if (n == 0)
		PG_RETURN_NULL();
	for (i = 1; i < n; i++)
		if (v[i] < v[i - 1])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("response times are not sorted at element %d", i + 1)));
	for (i = 0; i < (int) lengthof(report_percentiles); i++)
		result[i] = Float8GetDatum(percentile_seconds(v, n, report_percentiles[i]));
	PG_RETURN_ARRAYTYPE_P(construct_array(result, lengthof(result), FLOAT8OID,
										  sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* How many of the instants lie before the reading */
Datum
instants_before(PG_FUNCTION_ARGS)
{
	ArrayType  *instants = PG_GETARG_ARRAYTYPE_P(0);
	TimestampTz reading = PG_GETARG_TIMESTAMPTZ(1);
	const int64 *v;
	int			n;
	int64		before = 0;
	int			i;

	v = array_values(instants, &n);
	for (i = 0; i < n; i++)
		before += v[i] < reading;
	PG_RETURN_INT64(before);
}
