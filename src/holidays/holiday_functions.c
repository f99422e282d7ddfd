/*
 * holiday_functions.c
 *		The SQL functions of closed days: a region's holidays listed, the
 *		dates of an iCalendar feed read, and dates closed in a calendar.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

#include "calendar/calendar.h"
#include "holidays/holiday_dates.h"
#include "holidays/holidays.h"
#include "holidays/ical.h"
#include "common/scan.h"
#include "common/srf.h"

PG_FUNCTION_INFO_V1(holidays);
PG_FUNCTION_INFO_V1(closed_dates_from_ical);
PG_FUNCTION_INFO_V1(with_closed_dates);

/* ---------- holidays ---------- */

/* The region a code names; refuses an unknown one, listing those known */
static int
region_arg(text *code)
{
	int			region = holiday_region_find(VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code));

	if (region < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("holiday region \"%s\" not recognized",
						shown_text(VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code))),
				 errhint("The regions are %s.", holiday_region_codes())));
	return region;
}

static void
check_holiday_year(int32 year)
{
	if (year < HOLIDAY_FIRST_YEAR || year > HOLIDAY_LAST_YEAR)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
				 errmsg("year %d is outside the years %d to %d that the holiday rules cover",
						year, HOLIDAY_FIRST_YEAR, HOLIDAY_LAST_YEAR)));
}

/*
 * holidays(region, from_year, to_year): the region's holidays in those
 * years, one row per holiday (two on one day are two rows), in date order.
 */
Datum
holidays(PG_FUNCTION_ARGS)
{
	int			region = region_arg(PG_GETARG_TEXT_PP(0));
	int32		from_year = PG_GETARG_INT32(1);
	int32		to_year = PG_GETARG_INT32(2);
	TupleDesc	desc;
	Tuplestorestate *result;
	int			year;

	check_holiday_year(from_year);
	check_holiday_year(to_year);
	result = materialized_result(fcinfo, &desc);
	for (year = from_year; year <= to_year; year++)
	{
		Holiday		list[HOLIDAYS_PER_YEAR_MAX];
		int			n = holidays_in_year(region, year, list);
		int			i;

		for (i = 0; i < n; i++)
		{
			Datum		values[2];
			bool		nulls[2] = {false, false};

			values[0] = DateADTGetDatum(list[i].day);
			values[1] = CStringGetTextDatum(pg_any_to_server(list[i].name,
															 strlen(list[i].name),
															 PG_UTF8));
			tuplestore_putvalues(result, desc, values, nulls);
		}
	}
	return (Datum) 0;
}

/* ---------- closed_dates_from_ical ---------- */

/* The dates read so far: a growing array */
typedef struct DayList
{
	int32	   *days;
	int			n;
	int			max;
} DayList;

static void
add_day(int day, const char *summary, void *arg)
{
	DayList    *list = (DayList *) arg;

	(void) summary;
	if (list->n == list->max)
	{
		list->max *= 2;
		list->days = repalloc(list->days, list->max * sizeof(int32));
	}
	list->days[list->n++] = day;
}

/* The SQLSTATE of a problem the parser reports */
static int
ical_sqlstate(IcalProblem problem)
{
	switch (problem)
	{
		case ICAL_UNSUPPORTED:
			return ERRCODE_FEATURE_NOT_SUPPORTED;
		case ICAL_LIMIT:
			return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
		default:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
	}
}

/*
 * The dates within range (all when NULL) of the all-day events of ics,
 * sorted and each once; sets *n.
 */
static int32 *
ical_dates(text *ics, const IcalRange *range, int *n)
{
	DayList		list;
	IcalError	err;

	list.max = 64;
	list.n = 0;
	list.days = palloc(list.max * sizeof(int32));
	if (!ical_all_day_dates(VARDATA_ANY(ics), VARSIZE_ANY_EXHDR(ics), range,
							add_day, &list, &err))
		ereport(ERROR,
				(errcode(ical_sqlstate(err.problem)),
				 errmsg("cannot read iCalendar: %s", err.message)));
	*n = sort_unique_days(list.days, list.n);
	return list.days;
}

/*
 * The days of a daterange as an IcalRange; false when it is empty.  An
 * unbounded side reaches as far as a calendar's dates go.
 */
static bool
ical_range_of(RangeType *during, IcalRange *range)
{
	TypeCacheEntry *typcache = lookup_type_cache(RangeTypeGetOid(during), TYPECACHE_RANGE_INFO);
	RangeBound	lower;
	RangeBound	upper;
	bool		empty;

	range_deserialize(typcache, during, &lower, &upper, &empty);
	if (empty)
		return false;
	/* a daterange is canonical: [lower, upper) */
	range->first_day = lower.infinite ? ICAL_FIRST_DAY :
		Max(DatumGetDateADT(lower.val), ICAL_FIRST_DAY);
	range->last_day = upper.infinite ? ICAL_LAST_DAY :
		Min(DatumGetDateADT(upper.val) - 1, ICAL_LAST_DAY);
	return range->first_day <= range->last_day;
}

/*
 * closed_dates_from_ical(ics [, within daterange]): the dates of the all-day
 * events of an iCalendar text, in order and each once; with a range, only
 * those within it, and an endlessly recurring event is read within it.
 */
Datum
closed_dates_from_ical(PG_FUNCTION_ARGS)
{
	IcalRange	range;
	bool		bounded = PG_NARGS() > 1;
	TupleDesc	desc;
	Tuplestorestate *result;
	int32	   *days;
	int			n = 0;
	int			i;

	days = (bounded && !ical_range_of(PG_GETARG_RANGE_P(1), &range)) ? NULL :
		ical_dates(PG_GETARG_TEXT_PP(0), bounded ? &range : NULL, &n);
	result = materialized_result(fcinfo, &desc);
	for (i = 0; i < n; i++)
	{
		Datum		value = DateADTGetDatum(days[i]);
		bool		isnull = false;

		tuplestore_putvalues(result, desc, &value, &isnull);
	}
	return (Datum) 0;
}


/* ---------- with_closed_dates ---------- */

/* A closed date of the array, as days since 2000-01-01; refuses a null or infinite one */
static int32
closed_date_of(Datum value, bool isnull, int i)
{
	DateADT		day = DatumGetDateADT(value);
	int			year;
	int			month;
	int			mday;

	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("closed date %d of the array is null", i + 1)));
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("closed date %d of the array is %s", i + 1,
						DATE_IS_NOBEGIN(day) ? "-infinity" : "infinity")));
	j2date(day + POSTGRES_EPOCH_JDATE, &year, &month, &mday);
	if (year < 1000 || year > 9999)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("closed date %d of the array, %s, is outside the years 1000 to 9999",
						i + 1, DatumGetCString(DirectFunctionCall1(date_out, value)))));
	return day;
}

/*
 * with_closed_dates(cal, dates): the calendar with those dates closed too.
 * The dates join the literal's "closed" clause and the whole is read again,
 * so that they meet every check a typed literal meets (years 1000 to 9999,
 * no date both closed and open, the limit on dates).
 */
Datum
with_closed_dates(PG_FUNCTION_ARGS)
{
	Calendar   *cal = PG_GETARG_CALENDAR_P(0);
	ArrayType  *dates = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *values;
	bool	   *nulls;
	int			n;
	StringInfoData literal;
	int			i;

	deconstruct_array(dates, DATEOID, sizeof(DateADT), true, TYPALIGN_INT,
					  &values, &nulls, &n);
	initStringInfo(&literal);
	appendStringInfoString(&literal, calendar_to_text(cal));
	for (i = 0; i < n; i++)
	{
		appendStringInfoString(&literal, i == 0 ? "; closed " : ", ");
		append_calendar_date(&literal, closed_date_of(values[i], nulls[i], i));
	}
	PG_RETURN_CALENDAR_P(calendar_parse(literal.data));
}
