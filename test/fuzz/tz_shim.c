/*
 * tz_shim.c
 *		Synthetic time zones for the fuzzing harnesses, under real names:
 *		pg_tzset() and the rest of the server's zone API (pgtime.h), and
 *		DetermineTimeZoneOffset() (utils/datetime.h), which resolves local
 *		times as the server does.
 *
 * The zones are not history; they only need to be self-consistent and to
 * have what makes zones hard: gaps and overlaps of one hour, of half an
 * hour, of two hours and of a whole day, changes at local midnight, a
 * "daylight saving" offset below the standard one, an odd offset that
 * changes once, a change of the DST flag alone, the largest offsets, and
 * DST that stops.
 *
 * A zone's state at an instant is its standard offset (a base, changed by
 * a few one-off changes) plus its DST offset while a yearly DST period
 * runs.  The state can only change at a candidate instant: a one-off
 * change, or the start or end of a DST period.
 */
#include "pg_shim.h"

#include "datatype/timestamp.h"
#include "utils/datetime.h"

/* A one-off change of the standard offset, or of the DST flag alone */
typedef struct OffsetChange
{
	pg_time_t	at;				/* Unix seconds */
	int32		std_after;		/* seconds east of UTC */
	bool		isdst_after;
} OffsetChange;

/* The day and local time of year at which a DST period starts or ends */
typedef struct DstRule
{
	int			month;
	int			sunday;			/* the n-th Sunday of the month, -1: the last */
	int32		local_secs;		/* wall-clock time of the offset before */
} DstRule;

#define MAX_CHANGES 3
#define NO_DST		0

struct pg_tz
{
	const char *name;
	int32		std;			/* before any change */
	int32		dst_delta;		/* added while a DST period runs (NO_DST) */
	int			first_year;		/* the years whose DST periods start */
	int			last_year;
	DstRule		start;
	DstRule		end;			/* in the next year when before start */
	int			n_changes;
	OffsetChange changes[MAX_CHANGES];
	bool		leap_seconds;	/* refused as a TimeZone is */
};

#define H(hours)	((int32) ((hours) * 3600))
#define EVER		100000		/* DST rules that never stop */

/* DST of delta over the years first to last; then .start and .end */
#define DST(delta, first, last) \
	.dst_delta = (delta), .first_year = (first), .last_year = (last)

static struct pg_tz zones[] = {
	{.name = "UTC"},
	{.name = "Europe/Berlin", .std = H(1),
	DST(H(1), 1980, EVER),
	.start = {3, -1, H(2)}, .end = {10, -1, H(3)}},
	{.name = "Europe/Amsterdam", .std = H(1),
	DST(H(1), 1980, EVER),
	.start = {3, -1, H(2)}, .end = {10, -1, H(3)}},
	{.name = "Europe/London", .std = 0,
	DST(H(1), 1980, EVER),
	.start = {3, -1, H(1)}, .end = {10, -1, H(2)}},
	{.name = "GMT"},
	{.name = "America/New_York", .std = H(-5),
	DST(H(1), 1967, EVER),
	.start = {3, 2, H(2)}, .end = {11, 1, H(2)}},
	/* southern: DST over the turn of the year, half an hour */
	{.name = "Australia/Lord_Howe", .std = H(10.5),
	DST(H(0.5), 1981, EVER),
	.start = {10, 1, H(2)}, .end = {4, 1, H(2)}},
	/* "daylight saving" in winter, one hour below standard time */
	{.name = "Europe/Dublin", .std = H(1),
	DST(H(-1), 1971, EVER),
	.start = {10, -1, H(2)}, .end = {3, -1, H(1)}},
	/* two hours of DST */
	{.name = "Antarctica/Troll", .std = 0,
	DST(H(2), 2005, EVER),
	.start = {3, -1, H(1)}, .end = {10, -1, H(3)}},
	/* changes at local midnight; DST stops */
	{.name = "America/Sao_Paulo", .std = H(-3),
	DST(H(1), 1985, 2018),
	.start = {11, 1, 0}, .end = {2, 3, 0}},
	/* an odd offset that changes once, by 15 minutes */
	{.name = "Asia/Kathmandu", .std = H(5.5),
	.n_changes = 1, .changes = {{504901800, H(5.75), false}}},
	/* a DST period across a change of 24 hours: a day skipped */
	{.name = "Pacific/Apia", .std = H(-11),
	DST(H(1), 2010, 2020),
	.start = {9, -1, H(3)}, .end = {4, 1, H(4)},
	.n_changes = 1, .changes = {{1325239200, H(13), false}}},
	/* DST stops; "summer time" all year; the DST flag alone; back */
	{.name = "Europe/Moscow", .std = H(3),
	DST(H(1), 1981, 2010),
	.start = {3, -1, H(2)}, .end = {10, -1, H(3)},
	.n_changes = 3, .changes = {{1301180400, H(4), true},
	{1319929200, H(4), false}, {1414274400, H(3), false}}},
	/* the largest offsets */
	{.name = "Etc/GMT-14", .std = H(14)},
	{.name = "Etc/GMT+12", .std = H(-12)},
	{.name = "right/UTC", .leap_seconds = true},
};

int
shim_zone_count(void)
{
	return lengthof(zones);
}

const char *
shim_zone_name(int i)
{
	return zones[i].name;
}


/* ---------- The state of a zone ---------- */

typedef struct ZoneState
{
	int32		offset;			/* seconds east of UTC */
	bool		isdst;
} ZoneState;

static int64
floor_div64(int64 a, int64 b)
{
	return a / b - (a % b < 0);
}

#define UNIX_EPOCH_SECS(jd)	((pg_time_t) ((jd) - UNIX_EPOCH_JDATE) * SECS_PER_DAY)

static int
year_of(pg_time_t t)
{
	int			year,
				month,
				day;

	j2date((int) (floor_div64(t, SECS_PER_DAY) + UNIX_EPOCH_JDATE), &year, &month, &day);
	return year;
}

/* The standard offset, and the DST flag the changes set, at instant t */
static ZoneState
standard_state(const pg_tz *tz, pg_time_t t)
{
	ZoneState	state = {tz->std, false};
	int			i;

	for (i = 0; i < tz->n_changes && tz->changes[i].at <= t; i++)
	{
		state.offset = tz->changes[i].std_after;
		state.isdst = tz->changes[i].isdst_after;
	}
	return state;
}

/* Local midnight of the rule's day in year, as Unix seconds of local time */
static pg_time_t
rule_day(int year, const DstRule *rule)
{
	int			jd;

	if (rule->sunday > 0)
	{
		jd = date2j(year, rule->month, 1);
		/* (jd + 1) % 7 is 0 on a Sunday */
		jd += (7 - (jd + 1) % 7) % 7 + 7 * (rule->sunday - 1);
	}
	else
	{
		jd = date2j(year, rule->month, day_tab[isleap(year)][rule->month - 1]);
		jd -= (jd + 1) % 7;
	}
	return UNIX_EPOCH_SECS(jd);
}

/* The instant the rule names in year, under a wall clock delta past standard */
static pg_time_t
rule_instant(const pg_tz *tz, int year, const DstRule *rule, int32 delta)
{
	pg_time_t	local = rule_day(year, rule) + rule->local_secs;

	return local - (standard_state(tz, local - tz->std).offset + delta);
}

static pg_time_t
dst_start(const pg_tz *tz, int year)
{
	return rule_instant(tz, year, &tz->start, 0);
}

/* The end of the DST period that starts in year */
static pg_time_t
dst_end(const pg_tz *tz, int year)
{
	int			end_year = tz->end.month < tz->start.month ? year + 1 : year;

	return rule_instant(tz, end_year, &tz->end, tz->dst_delta);
}

static bool
in_dst(const pg_tz *tz, pg_time_t t)
{
	int			year = year_of(t);
	int			y;

	if (tz->dst_delta == NO_DST)
		return false;
	for (y = Max(year - 1, tz->first_year); y <= Min(year, tz->last_year); y++)
		if (dst_start(tz, y) <= t && t < dst_end(tz, y))
			return true;
	return false;
}

static ZoneState
zone_state(const pg_tz *tz, pg_time_t t)
{
	ZoneState	state = standard_state(tz, t);

	if (in_dst(tz, t))
	{
		state.offset += tz->dst_delta;
		state.isdst = !state.isdst;
	}
	return state;
}

static void
consider(pg_time_t candidate, pg_time_t after, bool *found, pg_time_t *next)
{
	if (candidate > after && (!*found || candidate < *next))
	{
		*next = candidate;
		*found = true;
	}
}

/*
 * The first candidate instant after t.  DST periods that start before the
 * year before t's have ended by t's year, and the period of the year after
 * starts after t, so three periods hold the next one.
 */
static bool
next_candidate(const pg_tz *tz, pg_time_t t, pg_time_t *next)
{
	bool		found = false;
	int			first = Max(year_of(t) - 1, tz->first_year);
	int			i;
	int			y;

	for (i = 0; i < tz->n_changes; i++)
		consider(tz->changes[i].at, t, &found, next);
	if (tz->dst_delta != NO_DST)
		for (y = first; y <= Min(first + 2, tz->last_year); y++)
		{
			consider(dst_start(tz, y), t, &found, next);
			consider(dst_end(tz, y), t, &found, next);
		}
	return found;
}


/* ---------- The server's API ---------- */

pg_tz *
pg_tzset(const char *tzname)
{
	int			i;

	for (i = 0; i < (int) lengthof(zones); i++)
		if (pg_strcasecmp(tzname, zones[i].name) == 0)
			return &zones[i];
	return NULL;
}

bool
pg_tz_acceptable(pg_tz *tz)
{
	return !tz->leap_seconds;
}

const char *
pg_get_timezone_name(pg_tz *tz)
{
	return tz->name;
}

/*
 * The next change of offset or DST flag after *timep: 1 and the state
 * before it (that of *timep), the instant and the state after; 0 and the
 * state of *timep when no change follows.
 */
int
pg_next_dst_boundary(const pg_time_t *timep, long int *before_gmtoff,
					 int *before_isdst, pg_time_t *boundary,
					 long int *after_gmtoff, int *after_isdst, const pg_tz *tz)
{
	ZoneState	before = zone_state(tz, *timep);
	pg_time_t	t = *timep;

	*before_gmtoff = before.offset;
	*before_isdst = before.isdst;
	while (next_candidate(tz, t, &t))
	{
		ZoneState	after = zone_state(tz, t);

		if (after.offset != before.offset || after.isdst != before.isdst)
		{
			*boundary = t;
			*after_gmtoff = after.offset;
			*after_isdst = after.isdst;
			return 1;
		}
	}
	return 0;
}

/*
 * The UTC offset (seconds west, as the server returns it) of the local
 * time in tm, setting tm_isdst.  As the server does, it reads the local
 * time with the offsets around the first change after "local time - 1 day"
 * (taken as UTC), and prefers the later reading where there are two: the
 * offset after the change when reading with it lands at or after the
 * change (past it, or in an overlap), else the offset before (before it,
 * or in a gap, where only the offset before lands after the change).  A
 * date out of range reads as UTC.
 */
int
DetermineTimeZoneOffset(struct pg_tm *tm, pg_tz *tzp)
{
	pg_time_t	local;
	pg_time_t	probe;
	pg_time_t	change;
	long int	before_off;
	long int	after_off;
	int			before_dst;
	int			after_dst;

	if (!IS_VALID_JULIAN(tm->tm_year, tm->tm_mon, tm->tm_mday))
	{
		tm->tm_isdst = 0;
		return 0;
	}
	local = UNIX_EPOCH_SECS(date2j(tm->tm_year, tm->tm_mon, tm->tm_mday)) +
		(tm->tm_hour * MINS_PER_HOUR + tm->tm_min) * SECS_PER_MINUTE + tm->tm_sec;
	probe = local - SECS_PER_DAY;
	if (pg_next_dst_boundary(&probe, &before_off, &before_dst, &change,
							 &after_off, &after_dst, tzp) == 1 &&
		local - after_off >= change)
	{
		tm->tm_isdst = after_dst;
		return -(int) after_off;
	}
	tm->tm_isdst = before_dst;
	return -(int) before_off;
}
