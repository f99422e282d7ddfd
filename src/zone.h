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

/*
 * The zone and the span of UTC time around the last instant asked about in
 * which the UTC offset does not change.  Almost every conversion falls in
 * that span and costs a subtraction.
 */
typedef struct ZoneCursor
{
	pg_tz	   *tz;
	TimestampTz seg_lo;			/* the offset is seg_off in [seg_lo, seg_hi) */
	TimestampTz seg_hi;
	int32		seg_off;		/* seconds east of UTC */
} ZoneCursor;

/* Every UTC offset PostgreSQL accepts is less than 16 hours. */
#define ZONE_MAX_OFFSET_USECS	(INT64CONST(16) * USECS_PER_HOUR)

extern void zone_init(ZoneCursor *zone, pg_tz *tz);
extern int32 zone_offset_at(ZoneCursor *zone, TimestampTz t);
extern TimestampTz zone_local_to_utc(ZoneCursor *zone, int64 local_secs);
extern bool zone_local_to_utc_if_steady(ZoneCursor *zone, int64 local_secs,
										TimestampTz *utc);
extern bool zone_steady_between(ZoneCursor *zone, TimestampTz lo, TimestampTz hi);

#endif							/* TICKET_SLA_ZONE_H */
