/*
 * days.c
 *		Dates of a prepared calendar.
 *
 * A date's ranges are its "open" ranges if it has some, none if it is
 * closed, else the weekly ranges of its weekday; dated exceptions are found
 * through an index by date (days.h).  Long stretches of dates are never
 * walked: running sums of business days and, when dates cannot overlap, of
 * open time (DateSums) are read date by date where dated exceptions lie and
 * worked out from the weekly hours elsewhere, and the date at which a sum
 * is reached is searched for.
 */
#include "postgres.h"

#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "engine/days.h"
#include "holidays/holiday_dates.h"
#include "holidays/holidays.h"

/* The year of a day number */
static int
year_of_day(int32 day)
{
	int			year;
	int			month;
	int			mday;

	j2date(day + POSTGRES_EPOCH_JDATE, &year, &month, &mday);
	return year;
}

/* Where the years are counted, and why they are narrower than 1000 to 9999 */
static int
errdetail_years(const BizCalendar *bc)
{
	const char *tzname = calendar_tzname(bc->written);

	if (!calendar_has_holidays(bc->written))
		return errdetail("Years are counted in the calendar's time zone, %s.", tzname);
	return errdetail("Years are counted in the calendar's time zone, %s; the rules of its holiday regions cover the years %d to %d.",
					 tzname, HOLIDAY_FIRST_YEAR, HOLIDAY_LAST_YEAR);
}

/* What arithmetic that ran out of supported dates in direction dir needs */
static int
errdetail_edge(const BizCalendar *bc, int dir)
{
	StringInfoData edge;

	initStringInfo(&edge);
	append_calendar_date(&edge, dir > 0 ? bc->last_day : bc->first_day);
	if (!calendar_has_holidays(bc->written))
		return errdetail("It would need dates %s %s.", dir > 0 ? "after" : "before", edge.data);
	return errdetail("It would need dates %s %s; the rules of the calendar's holiday regions cover the years %d to %d.",
					 dir > 0 ? "after" : "before", edge.data,
					 HOLIDAY_FIRST_YEAR, HOLIDAY_LAST_YEAR);
}

void
report_outside_years(const BizCalendar *bc, TimestampTz t)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("timestamp %s is outside the years %d to %d that business-time arithmetic supports",
					timestamptz_to_str(t), year_of_day(bc->first_day), year_of_day(bc->last_day)),
			 errdetail_years(bc)));
}

/* Open time ran out in direction dir from instant from, having found some or none */
void
report_no_open_time(const BizCalendar *bc, TimestampTz from, int dir, int64 found)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("calendar has %s open time %s %s within the supported years %d to %d",
					found > 0 ? "too little" : "no", dir > 0 ? "after" : "before",
					timestamptz_to_str(from), year_of_day(bc->first_day), year_of_day(bc->last_day)),
			 errdetail_edge(bc, dir)));
}

/* Business days ran out in direction dir from from (a date or an instant), found there */
void
report_too_few_days(const BizCalendar *bc, const char *from, int dir, int64 found)
{
	const char *side = dir > 0 ? "after" : "before";

	if (found == 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("calendar has no business day %s %s within the supported years %d to %d",
						side, from, year_of_day(bc->first_day), year_of_day(bc->last_day)),
				 errdetail_edge(bc, dir)));
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg_plural("calendar has only " INT64_FORMAT " business day %s %s within the supported years %d to %d",
						   "calendar has only " INT64_FORMAT " business days %s %s within the supported years %d to %d",
						   found, found, side, from,
						   year_of_day(bc->first_day), year_of_day(bc->last_day)),
			 errdetail_edge(bc, dir)));
}

bool
is_business_date(const BizCalendar *bc, int32 day)
{
	const CalRange *ranges;

	return day_ranges(bc, day, &ranges) > 0;
}

/* Index of the nearest dated exception strictly after/before day, or -1/n. */
static int
next_date_index(const BizCalendar *bc, int32 day, int dir)
{
	return dir > 0 ? first_date_from(bc, day + 1) : first_date_from(bc, day) - 1;
}

/* With no weekly hours, only "open" dates are business dates. */
static bool
next_open_date(const BizCalendar *bc, int32 day, int dir, int32 *result)
{
	int			i = next_date_index(bc, day, dir);

	while (i >= 0 && i < bc->cal->n_dates && bc->dates[i].count == 0)
		i += dir;
	if (i < 0 || i >= bc->cal->n_dates || !date_within_reach(bc, bc->dates[i].day, dir))
		return false;
	*result = bc->dates[i].day;
	return true;
}

/* The nearest business date strictly after (dir > 0) or before day. */
bool
next_business_date(const BizCalendar *bc, int32 day, int dir, int32 *result)
{
	if (bc->open_weekdays == 0)
		return next_open_date(bc, day, dir, result);
	do
	{
		day += dir;
		if (!date_within_reach(bc, day, dir))
			return false;
	} while (!is_business_date(bc, day));
	*result = day;
	return true;
}

/*
 * The n-th supported business date after (dir > 0) or before day, n >= 1,
 * into *result, from the running count of business dates: going forward,
 * the date before the first whose count is n more than that of the date
 * after day; going back, the date before the first whose count is more
 * than day's less n.  False, with how many there are in *found, when there
 * are fewer.
 */
bool
nth_business_date(const BizCalendar *bc, int32 day, int64 n, int dir,
				  int32 *result, int64 *found)
{
	const DateSums *count = &bc->business_days;
	int64		guess = day + dir * guess_dates(count, n) + 1;
	int32		past;

	if (dir > 0)
	{
		past = first_date_reaching(bc, count, day + 2, bc->last_day + 1,
								   date_sum_to(bc, count, day + 1) + n, guess);
		*found = date_sum_to(bc, count, bc->last_day + 1) - date_sum_to(bc, count, day + 1);
		if (past > bc->last_day + 1)
			return false;
	}
	else
	{
		past = first_date_reaching(bc, count, bc->first_day, day,
								   date_sum_to(bc, count, day) - n + 1, guess);
		*found = Max(0, date_sum_to(bc, count, day) - date_sum_to(bc, count, bc->first_day));
		if (past == bc->first_day)
			return false;
	}
	*result = past - 1;
	return true;
}

/* Open time of one date's ranges (sorted and disjoint), in local time. */
int64
ranges_open_time(const CalRange *ranges, int n)
{
	int64		secs = 0;
	int			i;

	for (i = 0; i < n; i++)
		secs += ranges[i].end - ranges[i].start;
	return secs * USECS_PER_SEC;
}

/*
 * The first date in [lo, hi] whose running sum reaches target, or hi + 1
 * if none does: galloping out from a guess, then halving.
 */
int32
first_date_reaching(const BizCalendar *bc, const DateSums *sums, int32 lo, int32 hi,
					int64 target, int64 guess)
{
	int32		below = lo;		/* the dates before it fall short */
	int32		reached = hi + 1;	/* it reaches target, or it is hi + 1 */
	int32		date = (int32) Max(lo, Min(guess, hi));
	int32		step = 1;

	if (date_sum_to(bc, sums, date) >= target)
	{
		for (reached = date; (date = reached - step) >= below; step *= 2)
		{
			if (date_sum_to(bc, sums, date) < target)
			{
				below = date + 1;
				break;
			}
			reached = date;
		}
	}
	else
	{
		for (below = date + 1; (date = below - 1 + step) <= hi; step *= 2)
		{
			if (date_sum_to(bc, sums, date) >= target)
			{
				reached = date;
				break;
			}
			below = date + 1;
		}
	}
	while (below < reached)
	{
		int32		mid = below + (reached - below) / 2;

		if (date_sum_to(bc, sums, mid) >= target)
			reached = mid;
		else
			below = mid + 1;
	}
	return reached;
}

/*
 * Fill chunk k of the running sums (DateSums), in the memory context of the
 * prepared calendar: it is kept for every later call.
 */
int64 *
fill_date_sums_chunk(const BizCalendar *bc, const DateSums *sums, int k)
{
	int32		first = sums->table_first + k * DATE_SUMS_CHUNK_DATES;
	int			i = first_date_from(bc, first);
	int64		sum = weekly_sum_to(sums, first) + sums->deltas[i];
	int			w = calendar_weekday(first);
	int64	   *chunk = MemoryContextAlloc(sums->mcxt, DATE_SUMS_CHUNK_DATES * sizeof(int64));
	int			j;

	for (j = 0; j < DATE_SUMS_CHUNK_DATES; j++)
	{
		chunk[j] = sum;
		sum += sums->weekdays[w + 1] - sums->weekdays[w];
		if (first + j == bc->date_days[i])
		{
			sum += sums->deltas[i + 1] - sums->deltas[i];
			i++;
		}
		w = (w + 1) % CAL_DAYS_PER_WEEK;
	}
	sums->chunks[k] = chunk;
	return chunk;
}

/* Open microseconds in one week of the weekly hours alone (local time). */
static int64
weekly_open_usecs(const Calendar *cal)
{
	const CalRange *ranges = calendar_ranges(cal);
	int64		window_lo = (int64) CAL_DAYS_PER_WEEK * CAL_SECS_PER_DAY;
	int64		window_hi = 2 * window_lo;
	int64		total = 0;
	int64		run_lo = 0;
	int64		run_hi = 0;
	int			week;
	int			wd;

	/*
	 * Two weeks of ranges in start order, merged as they come; the second
	 * week, which also holds what the first week's Sunday carries past
	 * midnight, is measured.
	 */
	for (week = 0; week < 2; week++)
		for (wd = 0; wd < CAL_DAYS_PER_WEEK; wd++)
		{
			int64		day_secs = (int64) (week * CAL_DAYS_PER_WEEK + wd) * CAL_SECS_PER_DAY;
			int			i;

			for (i = cal->week_first[wd]; i < cal->week_first[wd + 1]; i++)
			{
				int64		lo = day_secs + ranges[i].start;
				int64		hi = day_secs + ranges[i].end;

				if (lo > run_hi)
				{
					total += Max(0, Min(run_hi, window_hi) - Max(run_lo, window_lo));
					run_lo = lo;
				}
				run_hi = Max(run_hi, hi);
			}
		}
	total += Max(0, Min(run_hi, window_hi) - Max(run_lo, window_lo));
	return total * USECS_PER_SEC;
}

/*
 * The earliest start and latest end of any range; no range of one date can
 * overlap a range of another when every range ends, at the latest, where
 * the earliest range of any date could start on the next date.
 */
static void
prepare_extent(BizCalendar *bc)
{
	int			i;

	bc->earliest_start = CAL_SECS_PER_DAY;
	bc->latest_end = 0;
	for (i = 0; i < bc->cal->n_ranges; i++)
	{
		bc->earliest_start = Min(bc->earliest_start, bc->ranges[i].start);
		bc->latest_end = Max(bc->latest_end, bc->ranges[i].end);
	}
	bc->additive = bc->latest_end - CAL_SECS_PER_DAY <= bc->earliest_start;
}

/* The open time of a weekday or dated day, or 1 if it is a business day. */
static int64
day_amount(const CalRange *ranges, int n, bool count_days)
{
	return count_days ? (n > 0) : ranges_open_time(ranges, n);
}

/*
 * The running sums of open time (or of business dates, count_days) of
 * prepared calendar bc; a chunk of them is filled when first used, in the
 * current memory context.
 */
static void
prepare_sums(BizCalendar *bc, DateSums *sums, bool count_days)
{
	const Calendar *cal = bc->cal;
	int			n = cal->n_dates;
	int64		weekday[CAL_DAYS_PER_WEEK];
	int64		average_week;
	int			i;

	for (i = 0; i < CAL_DAYS_PER_WEEK; i++)
		weekday[i] = day_amount(bc->ranges + cal->week_first[i],
								cal->week_first[i + 1] - cal->week_first[i], count_days);
	sums->weekdays[0] = 0;
	for (i = 0; i < 2 * CAL_DAYS_PER_WEEK; i++)
		sums->weekdays[i + 1] = sums->weekdays[i] + weekday[i % CAL_DAYS_PER_WEEK];
	sums->deltas = palloc((n + 1) * sizeof(int64));
	sums->deltas[0] = 0;
	for (i = 0; i < n; i++)
	{
		const CalDate *date = &bc->dates[i];

		sums->deltas[i + 1] = sums->deltas[i] +
			day_amount(bc->ranges + date->first, date->count, count_days) -
			weekday[calendar_weekday(date->day)];
	}
	sums->mcxt = CurrentMemoryContext;
	sums->table_first = n > 0 ? bc->dates[0].day : 0;
	sums->table_days = n > 0 ? bc->dates[n - 1].day - bc->dates[0].day + 1 : 0;
	sums->chunks = palloc0(((sums->table_days + DATE_SUMS_CHUNK_DATES - 1) >> DATE_SUMS_CHUNK_SHIFT) *
						   sizeof(int64 *));
	average_week = sums->weekdays[CAL_DAYS_PER_WEEK];
	if (n > 0)
		average_week += sums->deltas[n] * CAL_DAYS_PER_WEEK / Max(sums->table_days, CAL_DAYS_PER_WEEK);
	sums->dates_per_unit = average_week > 0 ? CAL_DAYS_PER_WEEK / (double) average_week : 0;
}

/* At most this many buckets index the dated exceptions. */
#define MAX_BUCKETS		4096

/* The days of the dated exceptions between two sentinels. */
static void
prepare_date_days(BizCalendar *bc)
{
	int			n = bc->cal->n_dates;
	int32	   *days = palloc((n + 2) * sizeof(int32));
	int			i;

	days[0] = PG_INT32_MIN;
	for (i = 0; i < n; i++)
		days[i + 1] = bc->dates[i].day;
	days[n + 1] = PG_INT32_MAX;
	bc->date_days = days + 1;
}

static void
prepare_buckets(BizCalendar *bc)
{
	int			n = bc->cal->n_dates;
	int64		span;
	int			k;
	int			i = 0;

	bc->bucket_shift = 0;
	bc->n_buckets = 0;
	bc->bucket_base = n > 0 ? bc->dates[0].day : 0;
	if (n == 0)
		return;
	span = (int64) bc->dates[n - 1].day - bc->bucket_base + 1;
	while ((span >> bc->bucket_shift) >= MAX_BUCKETS)
		bc->bucket_shift++;
	bc->n_buckets = (int) ((span - 1) >> bc->bucket_shift) + 1;
	bc->bucket_first = palloc(bc->n_buckets * sizeof(int));
	for (k = 0; k < bc->n_buckets; k++)
	{
		int64		bucket_day = bc->bucket_base + ((int64) k << bc->bucket_shift);

		while (i < n && bc->dates[i].day < bucket_day)
			i++;
		bc->bucket_first[k] = i;
	}
}

/* The supported dates under cal, and their instants (see BizCalendar) */
static void
prepare_years(BizCalendar *bc)
{
	if (calendar_has_holidays(bc->written))
	{
		bc->first_day = date2j(HOLIDAY_FIRST_YEAR, 1, 1) - POSTGRES_EPOCH_JDATE;
		bc->last_day = date2j(HOLIDAY_LAST_YEAR, 12, 31) - POSTGRES_EPOCH_JDATE;
	}
	else
	{
		bc->first_day = FIRST_SUPPORTED_DAY;
		bc->last_day = LAST_SUPPORTED_DAY;
	}
	bc->first_instant = zone_resolve_local(bc->zone.tz, (int64) bc->first_day * CAL_SECS_PER_DAY);
	bc->end_instant = zone_resolve_local(bc->zone.tz, (int64) (bc->last_day + 1) * CAL_SECS_PER_DAY);
}

/*
 * Prepare calendar written for arithmetic; allocates in the current memory
 * context.
 */
void
biz_init(BizCalendar *bc, const Calendar *written)
{
	const char *tzname = calendar_tzname(written);
	pg_tz	   *tz = calendar_zone(tzname, strlen(tzname), NULL);
	const Calendar *cal;
	int			wd;
	int			i;

	bc->written = written;
	bc->cal = cal = calendar_with_holidays(written);
	bc->ranges = calendar_ranges(cal);
	bc->dates = calendar_dates(cal);
	zone_init(&bc->zone, tz);
	bc->week_open = weekly_open_usecs(cal);
	bc->open_weekdays = 0;
	for (wd = 0; wd < CAL_DAYS_PER_WEEK; wd++)
		if (cal->week_first[wd + 1] > cal->week_first[wd])
			bc->open_weekdays++;
	bc->has_hours = bc->open_weekdays > 0;
	for (i = 0; i < cal->n_dates && !bc->has_hours; i++)
		bc->has_hours = bc->dates[i].count > 0;
	prepare_years(bc);
	prepare_extent(bc);
	prepare_date_days(bc);
	prepare_buckets(bc);
	prepare_sums(bc, &bc->open_sums, false);
	prepare_sums(bc, &bc->business_days, true);
}
