/*
 * days.c
 *		Dates of a prepared calendar.
 *
 * A date's ranges are its "open" ranges if it has some, none if it is
 * closed, else the weekly ranges of its weekday; dated exceptions are found
 * through an index by date (days.h).  Long stretches of dates are never walked: whole weeks
 * hold a known number of business days and, when dates cannot overlap, a
 * known amount of open time, corrected by running sums over the dated
 * exceptions.
 */
#include "postgres.h"

#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "days.h"
#include "holiday_dates.h"
#include "holidays.h"

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

/* Why the years are narrower than 1000 to 9999, if they are */
static int
errdetail_years(const BizCalendar *bc)
{
	if (!calendar_has_holidays(bc->written))
		return 0;
	return errdetail("The rules of the calendar's holiday regions cover the years %d to %d.",
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

void
report_no_open_time(const BizCalendar *bc, TimestampTz from, int dir)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("calendar has no open time %s %s within the supported years %d to %d",
					dir > 0 ? "after" : "before", timestamptz_to_str(from),
					year_of_day(bc->first_day), year_of_day(bc->last_day)),
			 errdetail_years(bc)));
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
	if (i < 0 || i >= bc->cal->n_dates)
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
		if (day < bc->first_day || day > bc->last_day)
			return false;
	} while (!is_business_date(bc, day));
	*result = day;
	return true;
}

/*
 * The n-th business date after (dir > 0) or before day, n >= 1: whole weeks
 * from the week sums; then the weekday table, when no dated exception lies
 * in the way, or else one date at a time.
 */
int32
nth_business_date(const BizCalendar *bc, int32 day, int64 n, int dir, TimestampTz from)
{
	int64		max_weeks = (dir > 0 ? bc->last_day - day : day - bc->first_day) /
		CAL_DAYS_PER_WEEK;
	WeekRun		run = weeks_below(bc, &bc->business_days, day + dir, dir, max_weeks, n);

	day += dir * CAL_DAYS_PER_WEEK * run.weeks;
	n -= run.sum;
	if (bc->open_weekdays > 0 && n <= CAL_DAYS_PER_WEEK)
	{
		int32		target = day + dir * bc->nth_weekday[dir < 0][calendar_weekday(day)][n];
		/* the nearest exception after (before) day marks the end of the run */
		int			i = dir > 0 ? run.index : run.index - 1;

		if (i < 0 || i >= bc->cal->n_dates || (bc->dates[i].day - target) * dir > 0)
			return target;
	}
	for (; n > 0; n--)
		if (!next_business_date(bc, day, dir, &day))
			report_no_open_time(bc, from, dir);
	return day;
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
 * Sums over whole weeks of dates from first on, in direction dir: the
 * weekly amount times the weeks, plus the running sums over the dated
 * exceptions between the near end (fixed) and the far end.  An end is
 * marked by the index of the first exception on or after the date past the
 * weeks (going forward) or on or after their last date (going back).
 */
typedef struct WeekSums
{
	const BizCalendar *bc;
	const DateSums *sums;
	int32		first;
	int			dir;
	int			near_index;
} WeekSums;

/* The exception index that marks the far end of k weeks. */
static pg_attribute_always_inline int
far_index(const WeekSums *ws, int64 k)
{
	int32		far = ws->first + ws->dir * (int32) (CAL_DAYS_PER_WEEK * k);

	return first_date_from(ws->bc, ws->dir > 0 ? far : far + 1);
}

/* The far-end index of k + 1 weeks from that of k: a step past one week. */
static pg_attribute_always_inline int
next_far_index(const WeekSums *ws, int64 k, int index)
{
	const int32 *days = ws->bc->date_days;
	int32		far = ws->first + ws->dir * (int32) (CAL_DAYS_PER_WEEK * (k + 1));

	if (ws->dir > 0)
		while (days[index] < far)
			index++;
	else
		while (days[index - 1] > far)
			index--;
	return index;
}

/* The sum over k weeks whose far end is marked by index. */
static pg_attribute_always_inline int64
weeks_sum_to(const WeekSums *ws, int64 k, int index)
{
	const int64 *deltas = ws->sums->deltas;

	return k * ws->sums->weekdays[CAL_DAYS_PER_WEEK] +
		ws->dir * (deltas[index] - deltas[ws->near_index]);
}

/* The sum over k weeks, and the index that marks their far end. */
static pg_attribute_always_inline int64
weeks_sum(const WeekSums *ws, int64 k, int *index)
{
	*index = far_index(ws, k);
	return weeks_sum_to(ws, k, *index);
}

/*
 * The most whole weeks (at most max_weeks) of dates from first on, in
 * direction dir, whose sum stays below room, with their sum and the index
 * that marks their far end (see WeekSums).  The sum grows with the weeks.
 * A guess from the average week is almost always right, and the week after
 * it, one step further through the exceptions, confirms it.  Otherwise
 * Newton steps by the weekly amount come close, and a galloping search
 * settles the rest, however many exceptions lie in the way.
 */
WeekRun
weeks_below(const BizCalendar *bc, const DateSums *sums, int32 first, int dir,
			int64 max_weeks, int64 room)
{
	int64		per_week = sums->weekdays[CAL_DAYS_PER_WEEK];
	WeekSums	ws = {bc, sums, first, dir, 0};
	WeekRun		lo;				/* weeks known to stay below room */
	int64		hi = max_weeks + 1; /* weeks known not to, or too many */
	int64		step = 1;

	ws.near_index = far_index(&ws, 0);
	lo.weeks = 0;
	lo.sum = 0;
	lo.index = ws.near_index;
	if (sums->average_weeks_per_unit > 0)
	{
		double		weeks = (double) (room - 1) * sums->average_weeks_per_unit;
		int64		guess = weeks < (double) max_weeks ? (int64) weeks : max_weeks;
		int			index = guess > 0 ? far_index(&ws, guess) : ws.near_index;
		int64		guess_sum = weeks_sum_to(&ws, guess, index);
		int			next_index;
		int64		next_sum;

		if (guess_sum >= room)
			hi = guess;
		else if (guess == max_weeks ||
				 (next_sum = weeks_sum_to(&ws, guess + 1,
										  next_index = next_far_index(&ws, guess, index))) >= room)
		{
			/* the week after the guess settles it */
			lo.weeks = guess;
			lo.sum = guess_sum;
			lo.index = index;
			return lo;
		}
		else
		{
			lo.weeks = guess + 1;
			lo.sum = next_sum;
			lo.index = next_index;
		}
	}
	while (per_week > 0 && lo.sum < room)
	{
		int64		next = Min(lo.weeks + (room - 1 - lo.sum) / per_week, hi - 1);
		int			next_index;
		int64		next_sum;

		if (next == lo.weeks)
			break;
		next_sum = weeks_sum(&ws, next, &next_index);
		if (next_sum >= room)
		{
			hi = next;
			break;
		}
		lo.weeks = next;
		lo.sum = next_sum;
		lo.index = next_index;
	}
	for (;;)
	{
		int64		next = lo.weeks + step;
		int			next_index;
		int64		next_sum;

		if (next >= hi || (next_sum = weeks_sum(&ws, next, &next_index)) >= room)
		{
			if (next < hi)
				hi = next;
			if (step == 1)
				break;
			step /= 2;			/* narrow down between lo and hi */
			continue;
		}
		lo.weeks = next;
		lo.sum = next_sum;
		lo.index = next_index;
		step *= 2;				/* gallop on */
	}
	return lo;
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

static void
prepare_sums(BizCalendar *bc, DateSums *sums, bool count_days)
{
	const Calendar *cal = bc->cal;
	int64		weekday[CAL_DAYS_PER_WEEK];
	int64		per_week;
	int64		average_week;
	int			i;

	for (i = 0; i < CAL_DAYS_PER_WEEK; i++)
		weekday[i] = day_amount(bc->ranges + cal->week_first[i],
								cal->week_first[i + 1] - cal->week_first[i], count_days);
	sums->weekdays[0] = 0;
	for (i = 0; i < 2 * CAL_DAYS_PER_WEEK; i++)
		sums->weekdays[i + 1] = sums->weekdays[i] + weekday[i % CAL_DAYS_PER_WEEK];
	sums->deltas = palloc((cal->n_dates + 1) * sizeof(int64));
	sums->deltas[0] = 0;
	for (i = 0; i < cal->n_dates; i++)
	{
		const CalDate *date = &bc->dates[i];

		sums->deltas[i + 1] = sums->deltas[i] +
			day_amount(bc->ranges + date->first, date->count, count_days) -
			weekday[calendar_weekday(date->day)];
	}
	average_week = per_week = sums->weekdays[CAL_DAYS_PER_WEEK];
	if (cal->n_dates > 0)
	{
		int64		span = Max((int64) bc->dates[cal->n_dates - 1].day - bc->dates[0].day + 1,
							   CAL_DAYS_PER_WEEK);

		average_week += sums->deltas[cal->n_dates] * CAL_DAYS_PER_WEEK / span;
	}
	sums->weeks_per_unit = per_week > 0 ? 1.0 / per_week : 0;
	sums->average_weeks_per_unit = average_week > 0 ? 1.0 / average_week : 0;
}

static void
prepare_nth_weekday(BizCalendar *bc)
{
	int			side;
	int			w;

	for (side = 0; side < 2; side++)
		for (w = 0; w < CAL_DAYS_PER_WEEK; w++)
		{
			int			dir = side == 0 ? 1 : -1;
			int			found = 0;
			int			k;

			memset(bc->nth_weekday[side][w], 0, sizeof(bc->nth_weekday[side][w]));
			for (k = 1; bc->open_weekdays > 0 && found < CAL_DAYS_PER_WEEK; k++)
			{
				int			wd = ((w + dir * k) % CAL_DAYS_PER_WEEK + CAL_DAYS_PER_WEEK) % CAL_DAYS_PER_WEEK;

				if (bc->business_days.weekdays[wd + 1] > bc->business_days.weekdays[wd])
					bc->nth_weekday[side][w][++found] = k;
			}
		}
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

/* The dates the arithmetic may reach under cal (see BizCalendar) */
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
}

/*
 * Prepare calendar written for arithmetic; allocates in the current memory
 * context.
 */
void
biz_init(BizCalendar *bc, const Calendar *written)
{
	const char *tzname = calendar_tzname(written);
	pg_tz	   *tz = pg_tzset(tzname);
	const Calendar *cal;
	int			wd;
	int			i;

	if (tz == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" not recognized", tzname)));
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
	prepare_nth_weekday(bc);
}
