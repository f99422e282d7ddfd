/*
 * ical.h
 *		The dates of the all-day events of an iCalendar (RFC 5545) text, as
 *		Outlook, Google Calendar, Apple Calendar and Thunderbird export them:
 *		the parser behind ticket_sla.closed_dates_from_ical().
 *
 * Plain C with no server calls and no allocation, so that it can be checked
 * and fuzzed on its own.  Days count from 2000-01-01, as in calendar.h.
 *
 * What counts as an all-day event, what is skipped and what is an error is
 * described at the top of ical.c.
 */
#ifndef TICKET_SLA_ICAL_H
#define TICKET_SLA_ICAL_H

#include <stdbool.h>
#include <stddef.h>

/* The dates a calendar can hold: the years 1000 to 9999 */
#define ICAL_FIRST_DAY		(-365242)	/* 1000-01-01 */
#define ICAL_LAST_DAY		2921939 /* 9999-12-31 */

/* Limits (exceeding one is ICAL_LIMIT) */
#define ICAL_MAX_EVENT_DAYS	10000	/* dates of one event, all its
									 * occurrences together */
#define ICAL_MAX_DAYS		100000	/* dates of the whole input, repeats
									 * counted */
#define ICAL_MAX_EXCEPTIONS	256		/* EXDATE values, and RDATE values, of one
									 * event */
#define ICAL_MAX_OVERRIDES	512		/* events with a RECURRENCE-ID in the
									 * input */

/* Longest SUMMARY handed to the callback, in bytes with the NUL */
#define ICAL_SUMMARY_MAX	128

typedef enum IcalProblem
{
	ICAL_OK = 0,
	ICAL_MALFORMED,				/* not valid iCalendar, or a value that can't
								 * be right: SQLSTATE 22P02 */
	ICAL_UNSUPPORTED,			/* valid, but beyond what is read (e.g. an
								 * endless or unusual RRULE): 0A000 */
	ICAL_LIMIT					/* one of the limits above: 54000 */
} IcalProblem;

typedef struct IcalError
{
	IcalProblem problem;
	int			line;			/* 1-based physical line of the problem */
	char		message[256];	/* ends in "at line N"; quotes parts of the
								 * input, shortened on a UTF-8 character
								 * boundary */
} IcalError;

/* Dates first_day to last_day, both included (days since 2000-01-01) */
typedef struct IcalRange
{
	int			first_day;
	int			last_day;
} IcalRange;

/*
 * Called once for every date of every all-day event, in the order of the
 * events in the input; a date comes again if several events cover it.
 * summary is the event's SUMMARY, unescaped and NUL-terminated ("" if it has
 * none), bytes as in the input, cut to ICAL_SUMMARY_MAX - 1 bytes with "..."
 * on a UTF-8 character boundary; it is valid only during the call.
 */
typedef void (*IcalEmit) (int day, const char *summary, void *arg);

/*
 * Calls emit for the dates of the all-day events in text[0 .. len) (not
 * NUL-terminated; never read past len).  With range, only dates within it
 * are emitted, and a recurring event without COUNT or UNTIL is expanded
 * within it; with range NULL such an event is ICAL_UNSUPPORTED.
 *
 * Returns true, or false with *err filled in on the first problem; dates
 * emitted before a problem must then be discarded.
 */
extern bool ical_all_day_dates(const char *text, size_t len,
							   const IcalRange *range,
							   IcalEmit emit, void *arg, IcalError *err);

#endif							/* TICKET_SLA_ICAL_H */
