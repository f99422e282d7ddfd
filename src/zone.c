/*
 * zone.c
 *		Local wall-clock time <-> UTC for the business-time arithmetic.
 *
 * PostgreSQL resolves a local time in a spring-forward gap with the offset
 * before the change and an ambiguous local time with the offset after it
 * (DetermineTimeZoneOffset).  The calendars must agree with that to the
 * second, so near a change of offset we call PostgreSQL's own routine.  Far
 * from one, the conversion is a plain shift by the offset of the current
 * segment, which we cache.
 */
#include "postgres.h"

#include "utils/datetime.h"

#include "zone.h"

/* seconds between the Unix epoch and the PostgreSQL epoch (2000-01-01) */
#define PG_EPOCH_UNIX_SECS \
	((int64) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY)

/*
 * How far a local time must be from a change of offset for the plain shift
 * to be what DetermineTimeZoneOffset answers.  It looks for the change that
 * follows "local time - 1 day", and offsets differ by less than a day.
 */
#define STEADY_MARGIN_USECS		(2 * USECS_PER_DAY)

/* How far back we look for the change that opens the current segment. */
#define SEGMENT_LOOKBACK_SECS	((pg_time_t) 400 * SECS_PER_DAY)

static pg_time_t
unix_secs_floor(TimestampTz t)
{
	int64		secs = t / USECS_PER_SEC;

	if (t < 0 && secs * USECS_PER_SEC != t)
		secs--;
	return secs + PG_EPOCH_UNIX_SECS;
}

static TimestampTz
timestamptz_from_unix_secs(pg_time_t secs)
{
	return (TimestampTz) (secs - PG_EPOCH_UNIX_SECS) * USECS_PER_SEC;
}

/*
 * Make the cursor's segment the one containing t.  The segment may start
 * later than the real change of offset (we look back a bounded distance),
 * which only makes it smaller, never wrong.
 */
static void
zone_load_segment(ZoneCursor *zone, TimestampTz t)
{
	pg_time_t	target = unix_secs_floor(t);
	pg_time_t	probe = target - SEGMENT_LOOKBACK_SECS;

	zone->seg_lo = timestamptz_from_unix_secs(probe);
	for (;;)
	{
		long		before_off;
		long		after_off;
		int			before_dst;
		int			after_dst;
		pg_time_t	boundary;
		int			found;

		found = pg_next_dst_boundary(&probe, &before_off, &before_dst,
									 &boundary, &after_off, &after_dst,
									 zone->tz);
		if (found != 1 || boundary > target)
		{
			zone->seg_off = (int32) before_off;
			zone->seg_hi = (found == 1) ? timestamptz_from_unix_secs(boundary)
				: DT_NOEND;
			return;
		}
		/* the change at boundary is at or before t: the segment starts there */
		zone->seg_lo = timestamptz_from_unix_secs(boundary);
		probe = Max(boundary, probe + 1);
	}
}

void
zone_init(ZoneCursor *zone, pg_tz *tz)
{
	zone->tz = tz;
	zone->seg_lo = DT_NOEND;	/* empty: the first question loads one */
	zone->seg_hi = DT_NOEND;
	zone->seg_off = 0;
}

/* The UTC offset, in seconds east, in force at instant t. */
int32
zone_offset_at(ZoneCursor *zone, TimestampTz t)
{
	if (t < zone->seg_lo || t >= zone->seg_hi)
		zone_load_segment(zone, t);
	return zone->seg_off;
}

/*
 * The plain shift, when the local time is far enough from any change of
 * offset for it to be exact.
 */
bool
zone_local_to_utc_if_steady(ZoneCursor *zone, int64 local_secs, TimestampTz *utc)
{
	TimestampTz guess = (local_secs - zone->seg_off) * USECS_PER_SEC;

	if (guess < zone->seg_lo || guess >= zone->seg_hi)
	{
		zone_load_segment(zone, guess);
		guess = (local_secs - zone->seg_off) * USECS_PER_SEC;
	}
	*utc = guess;
	return guess - STEADY_MARGIN_USECS >= zone->seg_lo &&
		guess < zone->seg_hi - STEADY_MARGIN_USECS;
}

/* The instant at which the local wall clock shows local_secs. */
TimestampTz
zone_local_to_utc(ZoneCursor *zone, int64 local_secs)
{
	TimestampTz utc;
	int64		days;
	int64		secs;
	struct pg_tm tm;
	int			west;

	if (zone_local_to_utc_if_steady(zone, local_secs, &utc))
		return utc;

	/* near a change of offset: let PostgreSQL resolve gaps and overlaps */
	days = local_secs / SECS_PER_DAY;
	secs = local_secs - days * SECS_PER_DAY;
	if (secs < 0)
	{
		secs += SECS_PER_DAY;
		days--;
	}
	memset(&tm, 0, sizeof(tm));
	j2date((int) (days + POSTGRES_EPOCH_JDATE), &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_hour = (int) (secs / SECS_PER_HOUR);
	tm.tm_min = (int) (secs / SECS_PER_MINUTE % MINS_PER_HOUR);
	tm.tm_sec = (int) (secs % SECS_PER_MINUTE);
	west = DetermineTimeZoneOffset(&tm, zone->tz);
	return (local_secs + west) * USECS_PER_SEC;
}

/* True when one UTC offset holds throughout [lo, hi]. */
bool
zone_steady_between(ZoneCursor *zone, TimestampTz lo, TimestampTz hi)
{
	if (lo < zone->seg_lo || lo >= zone->seg_hi)
		zone_load_segment(zone, lo);
	return hi < zone->seg_hi;
}
