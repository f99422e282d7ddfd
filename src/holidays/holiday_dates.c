/*
 * holiday_dates.c
 *		A calendar's holiday regions as closed dates, for the arithmetic.
 *
 * The rules (holidays.c) give a region's holidays one year at a time; each
 * year of each region is worked out once per backend and kept, so that
 * preparing a calendar again (another call site, another query) only
 * merges lists.  Preparing a calendar with "holidays" merges the holidays of
 * its regions, all the years the rules know, into its dated exceptions as
 * closed dates.  A date that the calendar names itself keeps what the
 * calendar says, so that "open" overrides a holiday.  The arithmetic then
 * sees one sorted list of exceptions, as for any other calendar.
 */
#include "postgres.h"

#include "utils/memutils.h"

#include "holidays/holiday_dates.h"
#include "holidays/holidays.h"

#define HOLIDAY_YEARS	(HOLIDAY_LAST_YEAR - HOLIDAY_FIRST_YEAR + 1)

/* The distinct days one region closes in one year, sorted */
typedef struct YearDays
{
	int			n;				/* -1 until worked out */
	int32		days[HOLIDAYS_PER_YEAR_MAX];
} YearDays;

/* Per backend: the years of each region worked out so far */
static YearDays *region_years[CAL_MAX_REGIONS];

/* The region's table of years, allocated (all unknown) on first use. */
static YearDays *
years_of_region(int region)
{
	if (region_years[region] == NULL)
	{
		YearDays   *years = MemoryContextAlloc(TopMemoryContext,
											   HOLIDAY_YEARS * sizeof(YearDays));
		int			i;

		for (i = 0; i < HOLIDAY_YEARS; i++)
			years[i].n = -1;
		region_years[region] = years;
	}
	return region_years[region];
}

/* The distinct days the region closes in year: two holidays, one day. */
static const YearDays *
region_year_days(int region, int year)
{
	YearDays   *yd = &years_of_region(region)[year - HOLIDAY_FIRST_YEAR];

	if (yd->n < 0)
	{
		Holiday		holidays[HOLIDAYS_PER_YEAR_MAX];
		int			count = holidays_in_year(region, year, holidays);
		int			n = 0;
		int			i;

		for (i = 0; i < count; i++)
			if (n == 0 || yd->days[n - 1] != holidays[i].day)
				yd->days[n++] = holidays[i].day;
		yd->n = n;
	}
	return yd;
}

/* The region whose code is stored in a calendar; refuses one not built in */
static int
stored_region(const char *code)
{
	int			region = holiday_region_find(code, strlen(code));

	if (region < 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("calendar names holiday region \"%s\", which this version of ticket_sla does not know",
						code)));
	return region;
}

/*
 * Every day the calendar's regions close, sorted and distinct; sets *n.
 * Holidays that fall on the same day in two regions are one day.
 */
static int32 *
closed_holidays(const Calendar *cal, int *n)
{
	const char *code;
	int			nregions = 0;
	int32	   *days;
	int			count = 0;

	for (code = calendar_regions(cal); code < calendar_end(cal); code += strlen(code) + 1)
		nregions++;
	days = palloc((Size) nregions * HOLIDAY_YEARS * HOLIDAYS_PER_YEAR_MAX * sizeof(int32));
	for (code = calendar_regions(cal); code < calendar_end(cal); code += strlen(code) + 1)
	{
		int			region = stored_region(code);
		int			year;

		for (year = HOLIDAY_FIRST_YEAR; year <= HOLIDAY_LAST_YEAR; year++)
		{
			const YearDays *yd = region_year_days(region, year);

			memcpy(days + count, yd->days, yd->n * sizeof(int32));
			count += yd->n;
		}
	}
	*n = sort_unique_days(days, count);
	return days;
}

/* Sort n day numbers and drop the repeats; returns how many are left. */
int
sort_unique_days(int32 *days, int n)
{
	int			kept = 0;
	int			i;

	qsort(days, n, sizeof(int32), day_cmp);
	for (i = 0; i < n; i++)
		if (kept == 0 || days[kept - 1] != days[i])
			days[kept++] = days[i];
	return kept;
}

/*
 * The calendar's own dates and the holidays it does not name itself, in
 * date order, into merged; returns how many.
 */
static int
merge_dates(const Calendar *cal, const int32 *holidays, int nholidays,
			CalDate *merged)
{
	const CalDate *own = calendar_dates(cal);
	int			i = 0;
	int			j = 0;
	int			n = 0;

	while (i < cal->n_dates || j < nholidays)
	{
		if (j == nholidays || (i < cal->n_dates && own[i].day <= holidays[j]))
		{
			if (j < nholidays && own[i].day == holidays[j])
				j++;
			merged[n++] = own[i++];
		}
		else
		{
			merged[n].day = holidays[j++];
			merged[n].first = 0;
			merged[n].count = 0;
			n++;
		}
	}
	return n;
}

/*
 * The calendar the arithmetic reads: cal itself when it has no holiday
 * regions, else a copy in the current memory context whose dated
 * exceptions include the holidays as closed dates (and that names no
 * regions, having taken them in).
 */
const Calendar *
calendar_with_holidays(const Calendar *cal)
{
	int			nholidays;
	int32	   *holidays;
	Size		ranges_size = cal->n_ranges * sizeof(CalRange);
	const char *tzname = calendar_tzname(cal);
	Size		size;
	Calendar   *result;
	int			n;

	if (!calendar_has_holidays(cal))
		return cal;
	holidays = closed_holidays(cal, &nholidays);
	size = offsetof(Calendar, data) + ranges_size +
		(cal->n_dates + nholidays) * sizeof(CalDate) + strlen(tzname) + 1;
	result = palloc0(size);
	memcpy(result, cal, offsetof(Calendar, data) + ranges_size);
	n = merge_dates(cal, holidays, nholidays,
					unconstify(CalDate *, calendar_dates(result)));
	result->n_dates = n;
	strcpy(unconstify(char *, calendar_tzname(result)), tzname);
	SET_VARSIZE(result, (char *) calendar_regions(result) - (char *) result);
	pfree(holidays);
	return result;
}
