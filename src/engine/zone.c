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

#include "engine/zone.h"

/* seconds between the Unix epoch and the PostgreSQL epoch (2000-01-01) */
#define PG_EPOCH_UNIX_SECS \
	((int64) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY)

/*
 * DetermineTimeZoneOffset resolves a local time with the change of offset
 * that follows "local time - 1 day".  Where changes are at least this far
 * apart, the plain shift of a segment is exact for every local time that
 * shifts into the segment, except within the overlap of an autumn change
 * (at either end).  Where they are closer, or a segment's end is only where
 * our table ends, we keep this far from it instead.
 */
#define STEADY_MARGIN_USECS		(2 * USECS_PER_DAY)

/* How far around an instant the table of changes of offset reaches. */
#define COVER_SECS		((pg_time_t) 25 * 366 * SECS_PER_DAY)

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

/* Seconds by which offset a exceeds offset b, or 0, in microseconds. */
static int64
overlap_usecs(int32 a, int32 b)
{
	return a > b ? (int64) (a - b) * USECS_PER_SEC : 0;
}

/*
 * Whether [lo, hi) lasts STEADY_MARGIN_USECS; hi may be DT_NOEND (the table
 * ends with no change after it), where hi - lo would overflow.
 */
static bool
spans_margin(TimestampTz lo, TimestampTz hi)
{
	return hi == DT_NOEND || hi - lo >= STEADY_MARGIN_USECS;
}

/*
 * Where the plain shift of segment k is exact (see STEADY_MARGIN_USECS):
 * after the change that opens it, past any overlap with the segment before;
 * up to the change that closes it, short of any overlap with the next.
 */
static void
zone_find_steady(ZoneCursor *zone, int k)
{
	bool		known_lo = k > 0;	/* the segment opens with a change we know */
	bool		known_hi = k < zone->n_changes;
	TimestampTz seg_lo = known_lo ? zone->changes[k - 1] : zone->cover_lo;
	TimestampTz seg_hi = known_hi ? zone->changes[k] : zone->cover_hi;
	TimestampTz prev_lo = k > 1 ? zone->changes[k - 2] : zone->cover_lo;
	TimestampTz next_hi = k + 1 < zone->n_changes ? zone->changes[k + 1] : zone->cover_hi;
	bool		spaced = spans_margin(seg_lo, seg_hi) &&
		(!known_lo || spans_margin(prev_lo, seg_lo)) &&
		(!known_hi || spans_margin(seg_hi, next_hi));

	if (known_lo && spaced)
		zone->steady_los[k] = seg_lo + USECS_PER_SEC +
			overlap_usecs(zone->offsets[k - 1], zone->offsets[k]);
	else
		zone->steady_los[k] = seg_lo + STEADY_MARGIN_USECS;

	if (seg_hi == DT_NOEND)
		zone->steady_his[k] = DT_NOEND;
	else if (known_hi && spaced)
		zone->steady_his[k] = seg_hi - overlap_usecs(zone->offsets[k], zone->offsets[k + 1]);
	else
		zone->steady_his[k] = seg_hi - STEADY_MARGIN_USECS;
}

/*
 * List the changes of offset over the decades around t.  The first segment
 * may begin later than the real change before it, and the last one end
 * where the table is full: that only makes segments smaller, never wrong.
 */
static void
zone_list_changes(ZoneCursor *zone, TimestampTz t)
{
	pg_time_t	probe = unix_secs_floor(t) - COVER_SECS;
	pg_time_t	stop = unix_secs_floor(t) + COVER_SECS;

	zone->cover_lo = timestamptz_from_unix_secs(probe);
	zone->n_changes = 0;
	memset(zone->memo, 0, sizeof(zone->memo));
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
		zone->offsets[zone->n_changes] = (int32) before_off;
		if (found != 1)
		{
			zone->cover_hi = DT_NOEND;	/* no change of offset after this */
			return;
		}
		if (boundary >= stop || zone->n_changes == ZONE_MAX_CHANGES)
		{
			zone->cover_hi = timestamptz_from_unix_secs(boundary);
			return;
		}
		zone->changes[zone->n_changes++] = timestamptz_from_unix_secs(boundary);
		/* the offset just after this change, and the change after it */
		probe = boundary + 1;
	}
}

/* The table around t, and where each of its segments is steady. */
static void
zone_cover(ZoneCursor *zone, TimestampTz t)
{
	int			k;

	zone_list_changes(zone, t);
	for (k = 0; k <= zone->n_changes; k++)
		zone_find_steady(zone, k);
}

/* Make the cursor's segment the one containing t. */
void
zone_load_segment(ZoneCursor *zone, TimestampTz t)
{
	int			lo = 0;
	int			hi;

	if (t < zone->cover_lo || t >= zone->cover_hi)
		zone_cover(zone, t);
	else if (t >= zone->seg_hi && zone->seg_k < zone->n_changes &&
			 (zone->seg_k + 1 == zone->n_changes || t < zone->changes[zone->seg_k + 1]))
	{
		/* the next segment, as when a walk crosses a change */
		zone_set_segment(zone, zone->seg_k + 1);
		return;
	}
	/* lo = how many changes are at or before t */
	hi = zone->n_changes;
	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (zone->changes[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	zone_set_segment(zone, lo);
}

void
zone_init(ZoneCursor *zone, pg_tz *tz)
{
	zone->tz = tz;
	/* empty: the first question fills them */
	zone->seg_lo = zone->seg_hi = DT_NOEND;
	zone->steady_lo = zone->steady_hi = DT_NOEND;
	zone->cover_lo = zone->cover_hi = DT_NOEND;
	zone->seg_off = 0;
	zone->seg_k = 0;
	zone->n_changes = 0;
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
 * The instant at which the local wall clock of zone tz shows local_secs, as
 * PostgreSQL resolves gaps and overlaps: slow, without a cursor.
 */
TimestampTz
zone_resolve_local(pg_tz *tz, int64 local_secs)
{
	int64		days;
	int64		secs;
	struct pg_tm tm;
	int			west;

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
	west = DetermineTimeZoneOffset(&tm, tz);
	return (local_secs + west) * USECS_PER_SEC;
}

/* The instant at which the local wall clock shows local_secs. */
TimestampTz
zone_local_to_utc(ZoneCursor *zone, int64 local_secs)
{
	TimestampTz utc;

	if (zone_local_to_utc_if_steady(zone, local_secs, &utc))
		return utc;
	/* near a change of offset: let PostgreSQL resolve gaps and overlaps */
	return zone_resolve_local(zone->tz, local_secs);
}

/* True when one UTC offset holds throughout [lo, hi]. */
bool
zone_steady_between(ZoneCursor *zone, TimestampTz lo, TimestampTz hi)
{
	if (lo < zone->seg_lo || lo >= zone->seg_hi)
		zone_load_segment(zone, lo);
	return hi < zone->seg_hi;
}

/*
 * The local times (microseconds) [*lo, *hi) around the change of offset
 * that opens the cursor's segment which neither this segment's plain shift
 * nor the previous one's converts exactly.  The segment must open with a
 * listed change, as it does just after zone_cross_change.
 */
void
zone_unsteady_at_change(ZoneCursor *zone, int64 *lo, int64 *hi)
{
	int			k = zone->seg_k;
	TimestampTz change = zone->seg_lo;
	int64		before = (int64) zone->offsets[k - 1] * USECS_PER_SEC;
	int64		after = (int64) zone->seg_off * USECS_PER_SEC;

	Assert(k > 0 && zone->changes[k - 1] == change);
	*lo = Min(zone->steady_his[k - 1] + before, change + after) - USECS_PER_SEC;
	*hi = Max(zone->steady_lo + after, change + before) + USECS_PER_SEC;
}

/* The local date (days since 2000-01-01) on which instant t falls. */
int32
zone_local_date(ZoneCursor *zone, TimestampTz t)
{
	int64		local = t + (int64) zone_offset_at(zone, t) * USECS_PER_SEC;
	int64		day = local / USECS_PER_DAY;

	if (local < 0 && day * USECS_PER_DAY != local)
		day--;
	return (int32) day;
}
