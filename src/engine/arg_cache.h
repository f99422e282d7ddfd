/*
 * arg_cache.h
 *		The calendar-bearing argument last seen at a call site, kept with its
 *		calendar prepared for arithmetic.
 *
 * A query calls a function many times with the same calendar or contract;
 * comparing the argument's bytes is much cheaper than preparing its
 * calendar again, and a constant argument is not even compared.  A value
 * stored compressed is compared as it is stored, before it is decompressed
 * (arg_cache.c says why that is exact).
 */
#ifndef TICKET_SLA_ARG_CACHE_H
#define TICKET_SLA_ARG_CACHE_H

#include "engine/business_time.h"

/* Which calendar a value carries: the value itself, or a contract's hours */
typedef const Calendar *(*CalendarOf) (const struct varlena *value);

typedef struct ArgCache
{
	MemoryContext mcxt;			/* holds all of it */
	struct varlena *value;		/* a copy of the argument, decompressed */
	struct varlena *compressed; /* the compressed form of value last seen,
								 * or NULL */
	Datum		constant;		/* the argument, when it is a Const */
	BizCalendar bc;				/* its calendar, prepared */
	bool		has_calendar;	/* false for a contract without hours */
	BizCalendar **more;			/* a contract's other calendars (the hours
								 * of its sets of terms), each prepared when
								 * first used; NULL until then */
} ArgCache;

extern ArgCache *arg_cache_prepare(MemoryContext mcxt, struct varlena *packed,
								   CalendarOf calendar_of);
extern ArgCache *arg_cache_match(MemoryContext mcxt, struct varlena *value,
								 CalendarOf calendar_of, ArgCache **slot);
extern ArgCache *arg_cache_get(FunctionCallInfo fcinfo, int argno,
							   CalendarOf calendar_of, ArgCache **slot);

#endif							/* TICKET_SLA_ARG_CACHE_H */
