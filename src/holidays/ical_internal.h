/*
 * ical_internal.h
 *		What the three parts of the iCalendar reader share; ical.h is its
 *		interface, and the top of ical.c says what it reads.
 *
 *		ical_reader.c		content lines: unfolding, names, parameters, values,
 *							and the messages of every problem
 *		ical_recurrence.c	RRULE parsed, and a recurring event's dates
 *		ical.c				the driver: components and events, each event's
 *							dates handed to the caller
 *
 * Plain C with no server calls and no allocation, like ical.h: every buffer
 * has one of the fixed sizes below.  The names the parts share start with
 * ical_, so that none can meet a symbol of the server's.
 */
#ifndef TICKET_SLA_ICAL_INTERNAL_H
#define TICKET_SLA_ICAL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "holidays/ical.h"

#define MAX_DEPTH		32		/* components nested in each other */
#define NAME_CAP		40		/* property and parameter names kept */
#define COMP_NAME_CAP	64		/* component names */
#define VALUE_CAP		64		/* date, duration and status values */
#define RRULE_CAP		1024	/* one RRULE value */
#define SHOW_CAP		52		/* a quoted part of a message */

/* ----------------------------------------------------------------------
 * State
 * ---------------------------------------------------------------------- */

typedef enum StampKind
{
	SK_DATE,					/* YYYYMMDD */
	SK_LOCAL,					/* YYYYMMDDTHHMMSS, floating or with TZID */
	SK_UTC						/* YYYYMMDDTHHMMSSZ */
} StampKind;

typedef struct Stamp
{
	bool		present;
	StampKind	kind;
	int			day;
	int			secs;			/* after midnight, for a time */
	int			line;
} Stamp;

typedef struct Event
{
	int			line;			/* of BEGIN:VEVENT */
	Stamp		dtstart;
	Stamp		dtend;
	Stamp		rid;			/* RECURRENCE-ID */
	bool		rid_future;		/* ... with RANGE=THISANDFUTURE */
	bool		has_duration;
	bool		dur_negative;
	int64_t		dur_secs;
	int			dur_line;
	char		dur_text[VALUE_CAP];
	bool		cancelled;
	bool		allday_flag;	/* X-MICROSOFT-CDO-ALLDAYEVENT:TRUE */
	int			n_rrule;
	int			rrule_line;
	bool		rrule_long;
	char		rrule[RRULE_CAP];
	int			exrule_line;	/* 0: none */
	int			rdate_period_line;	/* 0: none */
	int			n_exdate;
	int			exdate_overflow_line;
	Stamp		exdate[ICAL_MAX_EXCEPTIONS];
	int			n_rdate;
	int			rdate_overflow_line;
	Stamp		rdate[ICAL_MAX_EXCEPTIONS];
	bool		has_summary;
	char		summary[ICAL_SUMMARY_MAX];
	bool		has_uid;
	char		uid[ICAL_SUMMARY_MAX];
	uint64_t	uid_hash;
} Event;

/* A modified instance of a recurring event */
typedef struct Override
{
	uint64_t	uid_hash;
	Stamp		rid;
	bool		future;
} Override;

typedef struct Component
{
	char		name[COMP_NAME_CAP];
	int			line;
} Component;

typedef struct Parser
{
	const char *text;
	const char *end;
	const IcalRange *range;
	IcalEmit	emit;
	void	   *arg;
	IcalError  *err;
	bool		collecting;		/* first pass: only fill ov[] */
	Override	ov[ICAL_MAX_OVERRIDES];
	int			n_ov;
	int			ov_seen;		/* second pass: overrides met so far */
	long		total_days;
	long		event_days;
	long		steps;
	bool		seen_calendar;
	int			depth;
	Component	stack[MAX_DEPTH];
	bool		in_event;
	Event		ev;
} Parser;

/* A content line's name and the parameters that matter */
typedef struct Head
{
	char		name[NAME_CAP];
	bool		name_long;
	int			line;			/* where the line starts */
	int			value_line;		/* where its value starts */
	char		value_param[NAME_CAP];	/* VALUE=, upper case; "" if none */
	bool		range_future;	/* RANGE=THISANDFUTURE */
} Head;

typedef struct Cursor
{
	const char *p;
	const char *end;
	int			line;			/* physical line of p */
} Cursor;

typedef enum ValueType
{
	VT_ANY,						/* no VALUE parameter */
	VT_DATE,
	VT_DATE_TIME
} ValueType;


#if defined(__GNUC__) || defined(__clang__)
#define ICAL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ICAL_PRINTF(f, a)
#endif

/* ----------------------------------------------------------------------
 * ical_reader.c
 * ---------------------------------------------------------------------- */

/* Messages: parts of the input quoted (out has SHOW_CAP bytes), problems */
extern const char *ical_show(char *out, const char *s, size_t n);
extern const char *ical_show_str(char *out, const char *s);
extern const char *ical_show_stamp(char *out, const Stamp *s);
extern const char *ical_show_day(char *out, int64_t day);
extern bool ical_fail(Parser *ps, IcalProblem problem, int line, const char *fmt,...) ICAL_PRINTF(4, 5);

/* The unfolding cursor */
extern int	ical_peek(Cursor *c);
extern void ical_advance(Cursor *c);
extern void ical_next_line(Cursor *c);
extern bool ical_read_value(Cursor *c, char *buf, size_t cap, size_t *len);
extern void ical_read_text(Cursor *c, char *buf, size_t cap, uint64_t *hash);

/* Names and content lines */
extern bool ical_is_name_char(int ch);
extern int	ical_upper(int ch);
extern void ical_upper_str(char *s);
extern bool ical_read_head(Parser *ps, Cursor *c, Head *h);
extern bool ical_head_is(const Head *h, const char *name);

/* Values */
extern bool ical_all_digits(const char *s, size_t n);
extern int	ical_digits_value(const char *s, size_t n);
extern ValueType ical_value_type(const Head *h, bool *ok);
extern bool ical_parse_stamp(Parser *ps, const char *prop, const char *v, size_t n,
							 ValueType vt, int line, Stamp *out);
extern bool ical_check_year_range(Parser *ps, const char *prop, const Stamp *st);
extern bool ical_parse_duration(const char *v, int64_t *secs, bool *negative);

/* ----------------------------------------------------------------------
 * ical_recurrence.c
 * ---------------------------------------------------------------------- */

extern bool ical_emit_recurring(Parser *ps, Event *ev, int start, int span);

/* ----------------------------------------------------------------------
 * ical.c: what the recurrence hands its dates to
 * ---------------------------------------------------------------------- */

extern const char *ical_event_name(char *out, size_t cap, const Event *ev);
extern bool ical_date_of(Parser *ps, const Event *ev, const char *prop,
						 const Stamp *st, int *day);
extern bool ical_emit_occurrence(Parser *ps, const Event *ev, int64_t day,
								 int span, int line);

#endif							/* TICKET_SLA_ICAL_INTERNAL_H */
