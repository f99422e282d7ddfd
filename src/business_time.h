/*
 * business_time.h
 *		Business-time arithmetic under a ticket_sla.calendar.
 */
#ifndef TICKET_SLA_BUSINESS_TIME_H
#define TICKET_SLA_BUSINESS_TIME_H

#include "postgres.h"
#include "datatype/timestamp.h"

#include "calendar.h"
#include "zone.h"

/* A calendar made ready for arithmetic: built once, used for many calls. */
typedef struct BizCalendar
{
	const Calendar *cal;
	const CalRange *ranges;
	const CalDate *dates;
	ZoneCursor	zone;
	int64		week_open;		/* open microseconds in a week of weekly hours */
	int			open_weekdays;	/* weekdays with weekly hours */
	bool		has_hours;		/* any open time at all */
} BizCalendar;

/* One open span [lo, hi) of UTC time. */
typedef struct Span
{
	TimestampTz lo;
	TimestampTz hi;
} Span;

#define WALKER_INLINE_SPANS 16

/*
 * Hands out the open spans of a calendar one by one, forward or backward in
 * time, merged so that they never overlap.  Going backward, spans are
 * reported negated ([-hi, -lo)), so that every consumer counts forward.
 */
typedef struct BizWalker
{
	BizCalendar *bc;
	int			dir;			/* +1 forward, -1 backward */
	int32		next_day;		/* next business date to expand, or none */
	bool		days_left;		/* false once no business date remains */
	TimestampTz frontier;		/* no span still to expand starts before this */
	TimestampTz done_to;		/* end of the last span handed out */
	int			head;			/* pending spans: buf[head .. head + n) ... */
	int			n;				/* ... sorted by lo */
	int			cap;
	Span	   *buf;
	Span		inline_buf[WALKER_INLINE_SPANS];
} BizWalker;

extern void biz_init(BizCalendar *bc, const Calendar *cal);
extern TimestampTz biz_deadline(BizCalendar *bc, TimestampTz start,
								int32 days, int64 usecs);
extern int64 biz_between(BizCalendar *bc, TimestampTz from, TimestampTz to);
extern bool biz_is_open(BizCalendar *bc, TimestampTz at);
extern TimestampTz biz_next_open(BizCalendar *bc, TimestampTz at);
extern void biz_walker_start(BizWalker *w, BizCalendar *bc, TimestampTz at, int dir);
extern bool biz_walker_next(BizWalker *w, Span *span);

#endif							/* TICKET_SLA_BUSINESS_TIME_H */
