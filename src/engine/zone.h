/*
 * zone.h
 *		Local wall-clock time <-> UTC under one time zone, resolved exactly as
 *		PostgreSQL resolves "timestamp AT TIME ZONE zone", and fast.
 *
 * Instants are TimestampTz (microseconds since 2000-01-01 00:00 UTC).  Local
 * times are whole seconds since 2000-01-01 00:00 local, which is all a
 * calendar ever needs to convert (its times have one-second resolution).
 */
#ifndef TICKET_SLA_ZONE_H
#define TICKET_SLA_ZONE_H

#include "postgres.h"
#include "datatype/timestamp.h"
#include "pgtime.h"

#define ZONE_MAX_CHANGES	256

/*
 * The zone, its changes of UTC offset over a few decades around the instants
 * asked about, and the segment between two changes that holds the last
 * instant asked about.  Almost every conversion falls in that segment and
 * costs a subtraction; finding another segment is a binary search.
 */
typedef struct ZoneCursor
{
	pg_tz	   *tz;
	TimestampTz seg_lo;			/* the offset is seg_off in [seg_lo, seg_hi) */
	TimestampTz seg_hi;
	int32		seg_off;		/* seconds east of UTC */
	TimestampTz steady_lo;		/* local times whose plain shift lands in */
	TimestampTz steady_hi;		/* [steady_lo, steady_hi) convert exactly */
	TimestampTz cover_lo;		/* changes[] lists every change of offset */
	TimestampTz cover_hi;		/* in [cover_lo, cover_hi) */
	int			n_changes;
	TimestampTz changes[ZONE_MAX_CHANGES];
	int32		offsets[ZONE_MAX_CHANGES + 1];	/* offsets[k]: before changes[k] */
	int			seg_k;			/* the segment is the one before changes[seg_k] */
	/* steady_lo and steady_hi of every segment, worked out with the table */
	TimestampTz steady_los[ZONE_MAX_CHANGES + 1];
	TimestampTz steady_his[ZONE_MAX_CHANGES + 1];
	/* a byte per change for the caller to remember what it learned of it */
	int8		memo[ZONE_MAX_CHANGES];
} ZoneCursor;

/* Every UTC offset PostgreSQL accepts is less than 16 hours. */
#define ZONE_MAX_OFFSET_USECS	(INT64CONST(16) * USECS_PER_HOUR)

extern void zone_init(ZoneCursor *zone, pg_tz *tz);
extern void zone_load_segment(ZoneCursor *zone, TimestampTz t);
extern int32 zone_offset_at(ZoneCursor *zone, TimestampTz t);
extern TimestampTz zone_resolve_local(pg_tz *tz, int64 local_secs);
extern TimestampTz zone_local_to_utc(ZoneCursor *zone, int64 local_secs);
extern bool zone_steady_between(ZoneCursor *zone, TimestampTz lo, TimestampTz hi);
extern void zone_unsteady_at_change(ZoneCursor *zone, int64 *lo, int64 *hi);
extern int32 zone_local_date(ZoneCursor *zone, TimestampTz t);

/* Make segment k (the one before changes[k]) the cursor's. */
static inline void
zone_set_segment(ZoneCursor *zone, int k)
{
	zone->seg_k = k;
	zone->seg_lo = k > 0 ? zone->changes[k - 1] : zone->cover_lo;
	zone->seg_hi = k < zone->n_changes ? zone->changes[k] : zone->cover_hi;
	zone->seg_off = zone->offsets[k];
	zone->steady_lo = zone->steady_los[k];
	zone->steady_hi = zone->steady_his[k];
}

/*
 * Move the cursor past the change of offset that ends its segment; false
 * when no change follows.
 */
static inline bool
zone_cross_change(ZoneCursor *zone)
{
	if (zone->seg_hi == DT_NOEND)
		return false;
	if (zone->seg_k < zone->n_changes)
		zone_set_segment(zone, zone->seg_k + 1);
	else
		zone_load_segment(zone, zone->seg_hi);	/* past the table: list more */
	return true;
}

/*
 * The plain shift, when the local time is far enough from any change of
 * offset for it to be exact.
 */
static inline bool
zone_local_to_utc_if_steady(ZoneCursor *zone, int64 local_secs, TimestampTz *utc)
{
	TimestampTz guess = (local_secs - zone->seg_off) * USECS_PER_SEC;

	if (guess < zone->seg_lo || guess >= zone->seg_hi)
	{
		zone_load_segment(zone, guess);
		guess = (local_secs - zone->seg_off) * USECS_PER_SEC;
	}
	*utc = guess;
	return guess >= zone->steady_lo && guess < zone->steady_hi;
}

/*
 * The local time (microseconds, exclusive) up to which the plain shift of
 * the cursor's segment stays exact.
 */
static inline int64
zone_steady_until_local(const ZoneCursor *zone)
{
	return zone->steady_hi == DT_NOEND ? PG_INT64_MAX :
		zone->steady_hi + (int64) zone->seg_off * USECS_PER_SEC;
}

/*
 * When local time local_secs converts by a plain shift: the offset, and the
 * local time (microseconds, exclusive) up to which the same shift stays exact.
 */
static inline bool
zone_steady_from(ZoneCursor *zone, int64 local_secs, int32 *offset,
				 int64 *until_local_usecs)
{
	TimestampTz utc;

	if (!zone_local_to_utc_if_steady(zone, local_secs, &utc))
		return false;
	*offset = zone->seg_off;
	*until_local_usecs = zone_steady_until_local(zone);
	return true;
}

/* The caller's byte for the change that ends the segment, if it is listed. */
static inline int8 *
zone_change_memo(ZoneCursor *zone)
{
	return zone->seg_k < zone->n_changes ? &zone->memo[zone->seg_k] : NULL;
}

#endif							/* TICKET_SLA_ZONE_H */
