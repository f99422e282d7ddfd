/*
 * ical.c
 *		The dates of the all-day events of an iCalendar (RFC 5545) text.
 *
 * The input is read as it is, without copying it: content lines are
 * unfolded on the fly (a line that starts with a space or a tab continues
 * the one before), and only the few values that matter are copied into
 * small fixed buffers.  Nothing is allocated.  The input is read twice: the
 * first pass only collects the modified instances of recurring events
 * (RECURRENCE-ID), so that the second pass can leave out the dates they
 * replace; the first pass stops silently at a problem, which the second pass
 * then reports.
 *
 * What is read
 *	- Line ends CRLF, LF or a lone CR; blank lines are ignored; a UTF-8 byte
 *	  order mark at the start is skipped.  A NUL byte is an error.
 *	- Property, parameter and component names, and the enumerated values used
 *	  here (VALUE=DATE, STATUS:CANCELLED, FREQ=YEARLY, ...), in any case.
 *	  Parameter values may be quoted (TZID="W. Europe Standard Time").
 *	- One or more VCALENDAR objects one after another.  Inside them only
 *	  VEVENT counts; any other component (VTIMEZONE, VTODO, X-...) and any
 *	  component inside an event (VALARM) is skipped, but BEGIN and END must
 *	  pair up everywhere.  A VEVENT that is not directly inside VCALENDAR is
 *	  an error.
 *
 * Which events give dates
 *	- An event is all-day when its DTSTART is a DATE: VALUE=DATE, or a bare
 *	  YYYYMMDD value.  Outlook's X-MICROSOFT-CDO-ALLDAYEVENT:TRUE (or
 *	  X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT:TRUE) also makes one whose DTSTART is
 *	  local midnight (floating or with TZID) all-day, on that date; such an
 *	  event starting at a UTC time or away from midnight is ICAL_UNSUPPORTED,
 *	  since its date would depend on a time zone.
 *	- Every other event (DTSTART with a time of day) is not a closure and is
 *	  skipped without a word, however long it lasts.
 *	- STATUS:CANCELLED (or CANCELED) events are skipped, and so is every
 *	  occurrence of a cancelled recurring event.
 *	- The dates are DTSTART up to but not including DTEND; DTEND equal to
 *	  DTSTART (as some feeds write one-day events) is one day; DTEND before
 *	  DTSTART is an error.  Without DTEND, DURATION in whole days (P1D, P2W,
 *	  P1DT0H) gives the length, P0D being one day; a DURATION that is not whole
 *	  days, or negative, is an error; neither is one day; both is an error.
 *	- DTEND, EXDATE, RDATE and RECURRENCE-ID of an all-day event may be a
 *	  DATE, or a local (floating or TZID) time at midnight, which names that
 *	  date; another local time is an error, a UTC time ICAL_UNSUPPORTED.
 *	- Date values carry no time zone: TZID, VTIMEZONE and X-WR-TIMEZONE never
 *	  move a date.
 *	- Dates are of the years 1000 to 9999; a DTSTART, DTEND or RDATE date
 *	  outside them is an error, and so is an event that runs past
 *	  9999-12-31.  An event of more than ICAL_MAX_EVENT_DAYS dates (all its
 *	  occurrences together) is ICAL_LIMIT.
 *	- An event without DTSTART is an error (unless cancelled); so are two
 *	  DTSTART, DTEND, DURATION or RECURRENCE-ID in one event.
 *	- METHOD:CANCEL (a meeting cancellation) and VERSION:1.0 (vCalendar 1.0,
 *	  whose recurrence rules are of another syntax) are ICAL_UNSUPPORTED.
 *
 * Recurring all-day events (RRULE, RDATE) are expanded, never ignored:
 *	- FREQ=DAILY, WEEKLY, MONTHLY or YEARLY with INTERVAL, COUNT, UNTIL, WKST,
 *	  BYMONTH, BYMONTHDAY, BYDAY (with a number, such as 4TH or -1FR, in
 *	  monthly rules and in yearly rules with BYMONTH) and BYSETPOS (Outlook's
 *	  "last Friday": BYDAY=FR;BYSETPOS=-1).  Anything else (BYWEEKNO,
 *	  BYYEARDAY, two RRULEs, EXRULE, RDATE periods, a DTSTART that is not an
 *	  occurrence of its rule, a RECURRENCE-ID with RANGE=THISANDFUTURE) is
 *	  ICAL_UNSUPPORTED naming the event.
 *	- A rule with neither COUNT nor UNTIL (Outlook's yearly birthdays) is
 *	  expanded only within a range the caller gives, and is ICAL_UNSUPPORTED
 *	  without one.
 *	- DTSTART is always the first occurrence, even if UNTIL is earlier.
 *	- An UNTIL that is a UTC time on an all-day event (written by some sync
 *	  tools) is read as far as the date it gives is the same in every time
 *	  zone; an occurrence whose inclusion would depend on the zone is
 *	  ICAL_UNSUPPORTED.
 *	- EXDATE dates are left out.  An event with the same UID and a
 *	  RECURRENCE-ID replaces the occurrence on that date: the series leaves it
 *	  out and the replacing event gives its own dates (none if it is cancelled
 *	  or timed).
 *	- Recurrence rules on timed events are not looked at.
 *
 * Dates are emitted in the order of the events, and may repeat.
 */
#include "holidays/ical.h"

#include "common/civil_date.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH		32		/* components nested in each other */
#define NAME_CAP		40		/* property and parameter names kept */
#define COMP_NAME_CAP	64		/* component names */
#define VALUE_CAP		64		/* date, duration and status values */
#define RRULE_CAP		1024	/* one RRULE value */
#define LIST_CAP		64		/* values of one BYxxx rule part */
#define SHOW_CAP		52		/* a quoted part of a message */
#define SHOW_MAX		48		/* ... longer ones are cut to this */
#define STEP_BUDGET		5000000 /* recurrence periods looked at, per input */
#define MAX_CANDIDATES	366		/* dates of one recurrence period */

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

/* ----------------------------------------------------------------------
 * Messages
 * ---------------------------------------------------------------------- */

/* Length of s[0 .. n) cut to at most max bytes on a UTF-8 boundary */
static size_t
utf8_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char) s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/*
 * s[0 .. n) for quoting in a message: control characters as '?', cut to
 * SHOW_MAX bytes with "...".  out has SHOW_CAP bytes.
 */
static const char *
show(char *out, const char *s, size_t n)
{
	size_t		k;
	size_t		i;
	bool		cut = n > SHOW_MAX;

	k = cut ? utf8_cut(s, n, SHOW_MAX - 3) : n;
	for (i = 0; i < k; i++)
	{
		unsigned char ch = (unsigned char) s[i];

		out[i] = ch < 0x20 || ch == 0x7F ? '?' : (char) ch;
	}
	if (cut)
	{
		memcpy(out + k, "...", 3);
		k += 3;
	}
	out[k] = '\0';
	return out;
}

static const char *
show_str(char *out, const char *s)
{
	return show(out, s, strlen(s));
}

/* The raw text of the physical line at p, for a message */
static const char *
show_line(char *out, const char *p, const char *end)
{
	const char *q = p;

	while (q < end && *q != '\r' && *q != '\n' && q - p <= SHOW_MAX)
		q++;
	return show(out, p, (size_t) (q - p));
}

/* A DATE or DATE-TIME as written in iCalendar */
static const char *
show_stamp(char *out, const Stamp *s)
{
	int			y,
				m,
				d;

	civil_from_days(s->day, &y, &m, &d);
	if (s->kind == SK_DATE)
		snprintf(out, SHOW_CAP, "%04d%02d%02d", y, m, d);
	else
		snprintf(out, SHOW_CAP, "%04d%02d%02dT%02d%02d%02d%s", y, m, d,
				 s->secs / 3600, s->secs / 60 % 60, s->secs % 60,
				 s->kind == SK_UTC ? "Z" : "");
	return out;
}

static const char *
show_day(char *out, int64_t day)
{
	int			y,
				m,
				d;

	civil_from_days(day, &y, &m, &d);
	snprintf(out, SHOW_CAP, "%04d-%02d-%02d", y, m, d);
	return out;
}

/* How a message names an event */
static const char *
event_name(char *out, size_t cap, const Event *ev)
{
	char		s[SHOW_CAP];

	if (ev->has_summary && ev->summary[0])
		snprintf(out, cap, "event \"%s\"", show_str(s, ev->summary));
	else if (ev->has_uid && ev->uid[0])
		snprintf(out, cap, "event with UID \"%s\"", show_str(s, ev->uid));
	else
		snprintf(out, cap, "the event that begins at line %d", ev->line);
	return out;
}

#if defined(__GNUC__) || defined(__clang__)
#define ICAL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ICAL_PRINTF(f, a)
#endif

static bool fail(Parser *ps, IcalProblem problem, int line, const char *fmt,...) ICAL_PRINTF(4, 5);

/* Records the problem (message, then " at line N") and returns false */
static bool
fail(Parser *ps, IcalProblem problem, int line, const char *fmt,...)
{
	IcalError  *err = ps->err;
	char		body[sizeof(err->message)];
	char		tail[32];
	size_t		n;
	size_t		room;
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	snprintf(tail, sizeof(tail), " at line %d", line);
	room = sizeof(err->message) - 1 - strlen(tail);
	n = utf8_cut(body, strlen(body), room);
	memcpy(err->message, body, n);
	strcpy(err->message + n, tail);
	err->problem = problem;
	err->line = line;
	return false;
}

/* ----------------------------------------------------------------------
 * Unfolding cursor
 * ---------------------------------------------------------------------- */

typedef struct Cursor
{
	const char *p;
	const char *end;
	int			line;			/* physical line of p */
} Cursor;

/*
 * The next byte of the current content line, stepping over folds; -1 at
 * the end of the content line (p is then at its line break, or the end).
 */
static int
peek(Cursor *c)
{
	while (c->p < c->end)
	{
		unsigned char ch = (unsigned char) *c->p;
		const char *q;

		if (ch != '\r' && ch != '\n')
			return ch;
		q = c->p + 1;
		if (ch == '\r' && q < c->end && *q == '\n')
			q++;
		if (q < c->end && (*q == ' ' || *q == '\t'))
		{
			c->p = q + 1;
			c->line++;
			continue;
		}
		return -1;
	}
	return -1;
}

/* Steps over the byte peek() returned */
static void
advance(Cursor *c)
{
	c->p++;
}

/* Steps over the rest of the content line and its line break */
static void
next_line(Cursor *c)
{
	while (peek(c) >= 0)
		advance(c);
	if (c->p < c->end)
	{
		if (*c->p == '\r')
		{
			c->p++;
			if (c->p < c->end && *c->p == '\n')
				c->p++;
		}
		else
			c->p++;
		c->line++;
	}
}

static bool
is_name_char(int ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		(ch >= '0' && ch <= '9') || ch == '-';
}

static int
upper(int ch)
{
	return ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch;
}

static void
upper_str(char *s)
{
	for (; *s; s++)
		*s = (char) upper((unsigned char) *s);
}

/*
 * Copies the rest of the content line into buf (cap bytes with the NUL),
 * without blanks at either end; returns false if it did not fit.
 */
static bool
read_value(Cursor *c, char *buf, size_t cap, size_t *len)
{
	size_t		n = 0;
	bool		fits = true;
	int			ch;

	while ((ch = peek(c)) == ' ' || ch == '\t')
		advance(c);
	while ((ch = peek(c)) >= 0)
	{
		if (n < cap - 1)
			buf[n++] = (char) ch;
		else if (ch != ' ' && ch != '\t')
			fits = false;
		advance(c);
	}
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		n--;
	buf[n] = '\0';
	if (len)
		*len = n;
	return fits;
}

/*
 * A TEXT value, unescaped, into buf (cut with "..." on a UTF-8 boundary);
 * *hash gets the FNV-1a hash of the whole unescaped value.
 */
static void
read_text(Cursor *c, char *buf, size_t cap, uint64_t *hash)
{
	uint64_t	h = UINT64_C(14695981039346656037);
	size_t		n = 0;
	bool		cut = false;
	int			ch;

	while ((ch = peek(c)) >= 0)
	{
		advance(c);
		if (ch == '\\')
		{
			int			e = peek(c);

			if (e >= 0)
			{
				advance(c);
				ch = e == 'n' || e == 'N' ? '\n' : e;
			}
		}
		h = (h ^ (unsigned char) ch) * UINT64_C(1099511628211);
		if (n < cap - 1)
			buf[n++] = (char) ch;
		else
			cut = true;
	}
	if (cut)
	{
		n = utf8_cut(buf, n, cap - 4);
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	*hash = h;
}

/* ----------------------------------------------------------------------
 * Content lines
 * ---------------------------------------------------------------------- */

static bool
read_param(Parser *ps, Cursor *c, Head *h)
{
	char		name[NAME_CAP];
	char		value[NAME_CAP];
	char		s[SHOW_CAP];
	size_t		n = 0;
	size_t		vn = 0;
	bool		first = true;
	int			ch;

	while ((ch = peek(c)) >= 0 && is_name_char(ch))
	{
		if (n < sizeof(name) - 1)
			name[n++] = (char) upper(ch);
		advance(c);
	}
	name[n] = '\0';
	if (n == 0)
		return fail(ps, ICAL_MALFORMED, c->line,
					"property %s has a parameter without a name",
					show_str(s, h->name));
	if (peek(c) != '=')
		return fail(ps, ICAL_MALFORMED, c->line,
					"parameter %s of property %s has no \"=\" and value",
					name, show_str(s, h->name));
	advance(c);
	for (;;)
	{
		ch = peek(c);
		if (ch == '"')
		{
			advance(c);
			while ((ch = peek(c)) >= 0 && ch != '"')
			{
				if (first && vn < sizeof(value) - 1)
					value[vn++] = (char) upper(ch);
				advance(c);
			}
			if (ch < 0)
				return fail(ps, ICAL_MALFORMED, c->line,
							"parameter %s of property %s has a quoted value without its closing quote",
							name, show_str(s, h->name));
			advance(c);
		}
		else
		{
			while ((ch = peek(c)) >= 0 && ch != ';' && ch != ':' && ch != ',')
			{
				if (first && vn < sizeof(value) - 1)
					value[vn++] = (char) upper(ch);
				advance(c);
			}
		}
		first = false;
		if (peek(c) != ',')
			break;
		advance(c);
	}
	value[vn] = '\0';
	if (strcmp(name, "VALUE") == 0)
		memcpy(h->value_param, value, vn + 1);
	else if (strcmp(name, "RANGE") == 0 && strcmp(value, "THISANDFUTURE") == 0)
		h->range_future = true;
	return true;
}

/* Reads NAME *(;param) ":" of the content line at the cursor */
static bool
read_head(Parser *ps, Cursor *c, Head *h)
{
	const char *start = c->p;
	char		s[SHOW_CAP];
	size_t		n = 0;
	int			ch;

	h->name_long = false;
	h->line = c->line;
	h->value_param[0] = '\0';
	h->range_future = false;
	while ((ch = peek(c)) >= 0 && is_name_char(ch))
	{
		if (n < sizeof(h->name) - 1)
			h->name[n++] = (char) upper(ch);
		else
			h->name_long = true;
		advance(c);
	}
	h->name[n] = '\0';
	if (n == 0 || (ch != ':' && ch != ';'))
	{
		if (ps->depth == 0)
			return fail(ps, ICAL_MALFORMED, h->line,
						"expected BEGIN:VCALENDAR, found \"%s\"",
						show_line(s, start, ps->end));
		return fail(ps, ICAL_MALFORMED, h->line,
					"\"%s\" is not a content line (NAME:value)",
					show_line(s, start, ps->end));
	}
	for (;;)
	{
		ch = peek(c);
		if (ch == ':')
		{
			advance(c);
			break;
		}
		if (ch != ';')
			return fail(ps, ICAL_MALFORMED, c->line,
						"property %s: expected \";\" or \":\" after a parameter, found %s",
						show_str(s, h->name), ch < 0 ? "the end of the line" : "another character");
		advance(c);
		if (!read_param(ps, c, h))
			return false;
	}
	peek(c);
	h->value_line = c->line;
	return true;
}

static bool
head_is(const Head *h, const char *name)
{
	return !h->name_long && strcmp(h->name, name) == 0;
}

/* ----------------------------------------------------------------------
 * Values
 * ---------------------------------------------------------------------- */

static bool
all_digits(const char *s, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int
digits_value(const char *s, size_t n)
{
	int			v = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

typedef enum ValueType
{
	VT_ANY,						/* no VALUE parameter */
	VT_DATE,
	VT_DATE_TIME
} ValueType;

/* A DATE or DATE-TIME value of property prop */
static bool
parse_stamp(Parser *ps, const char *prop, const char *v, size_t n,
			ValueType vt, int line, Stamp *out)
{
	char		s[SHOW_CAP];
	bool		d8 = n >= 8 && all_digits(v, 8);
	bool		is_date = d8 && n == 8;
	bool		is_time = d8 && (n == 15 || n == 16) &&
		(v[8] == 'T' || v[8] == 't') && all_digits(v + 9, 6) &&
		(n == 15 || v[15] == 'Z' || v[15] == 'z');
	int			y,
				m,
				d;

	if (vt == VT_DATE && !is_date)
		return fail(ps, ICAL_MALFORMED, line,
					"%s value \"%s\" is not a DATE (expected YYYYMMDD)",
					prop, show(s, v, n));
	if (vt == VT_DATE_TIME && !is_time)
		return fail(ps, ICAL_MALFORMED, line,
					"%s value \"%s\" is not a DATE-TIME (expected YYYYMMDDTHHMMSS, Z for UTC)",
					prop, show(s, v, n));
	if (!is_date && !is_time)
		return fail(ps, ICAL_MALFORMED, line,
					"%s value \"%s\" is neither a DATE (YYYYMMDD) nor a DATE-TIME (YYYYMMDDTHHMMSS)",
					prop, show(s, v, n));
	y = digits_value(v, 4);
	m = digits_value(v + 4, 2);
	d = digits_value(v + 6, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return fail(ps, ICAL_MALFORMED, line,
					"%s value \"%s\" is not a valid date", prop, show(s, v, n));
	out->present = true;
	out->kind = is_date ? SK_DATE : n == 16 ? SK_UTC : SK_LOCAL;
	out->day = (int) days_from_civil(y, m, d);
	out->secs = 0;
	out->line = line;
	if (is_time)
	{
		int			hh = digits_value(v + 9, 2);
		int			mi = digits_value(v + 11, 2);
		int			ss = digits_value(v + 13, 2);

		if (hh > 23 || mi > 59 || ss > 60)
			return fail(ps, ICAL_MALFORMED, line,
						"%s value \"%s\" is not a valid time of day",
						prop, show(s, v, n));
		out->secs = hh * 3600 + mi * 60 + (ss > 59 ? 59 : ss);
	}
	return true;
}

/* A date within the years 1000 to 9999 */
static bool
check_year_range(Parser *ps, const char *prop, const Stamp *st)
{
	char		s[SHOW_CAP];

	if (st->day < ICAL_FIRST_DAY || st->day > ICAL_LAST_DAY)
		return fail(ps, ICAL_MALFORMED, st->line,
					"%s value \"%s\" is outside the years 1000 to 9999",
					prop, show_stamp(s, st));
	return true;
}

static ValueType
value_type(const Head *h, bool *ok)
{
	*ok = true;
	if (h->value_param[0] == '\0')
		return VT_ANY;
	if (strcmp(h->value_param, "DATE") == 0)
		return VT_DATE;
	if (strcmp(h->value_param, "DATE-TIME") == 0)
		return VT_DATE_TIME;
	*ok = false;
	return VT_ANY;
}

/* Digits at v[*i] (at least one), saturating at 999999999 */
static bool
read_number(const char *v, size_t *i, int64_t *num)
{
	size_t		digits = 0;

	*num = 0;
	while (v[*i] >= '0' && v[*i] <= '9')
	{
		*num = digits < 9 ? *num * 10 + (v[*i] - '0') : 999999999;
		digits++;
		(*i)++;
	}
	return digits > 0;
}

/*
 * A DURATION value: [+|-]P, then nW alone, or [nD][T[nH][nM][nS]] with at
 * least one part.  Numbers of more than 9 digits saturate (and so exceed
 * every limit).
 */
static bool
parse_duration(const char *v, int64_t *secs, bool *negative)
{
	size_t		i = 0;
	int64_t		total = 0;
	int64_t		num;
	bool		any = false;

	*negative = false;
	if (v[i] == '+' || v[i] == '-')
		*negative = v[i++] == '-';
	if (upper((unsigned char) v[i]) != 'P')
		return false;
	i++;
	if (v[i] >= '0' && v[i] <= '9')
	{
		int			unit;

		read_number(v, &i, &num);
		unit = upper((unsigned char) v[i]);
		if (unit == 'W')
		{
			*secs = num * 7 * 86400;
			return v[i + 1] == '\0';
		}
		if (unit != 'D')
			return false;
		i++;
		total = num * 86400;
		any = true;
	}
	if (upper((unsigned char) v[i]) == 'T')
	{
		static const int64_t mult[3] = {3600, 60, 1};
		int			next = 0;	/* H, then M, then S */
		bool		any_time = false;

		i++;
		while (v[i] != '\0')
		{
			int			unit;
			int			u;

			if (!read_number(v, &i, &num))
				return false;
			unit = upper((unsigned char) v[i]);
			u = unit == 'H' ? 0 : unit == 'M' ? 1 : unit == 'S' ? 2 : -1;
			if (u < next)
				return false;
			i++;
			next = u + 1;
			total += num * mult[u];
			any_time = true;
		}
		if (!any_time)
			return false;
		any = true;
	}
	*secs = total;
	return any && v[i] == '\0';
}

/* ----------------------------------------------------------------------
 * Recurrence rules
 * ---------------------------------------------------------------------- */

typedef enum Freq
{
	FREQ_NONE,
	FREQ_DAILY,
	FREQ_WEEKLY,
	FREQ_MONTHLY,
	FREQ_YEARLY
} Freq;

typedef struct WeekdayNum
{
	int			wd;				/* 0 = Monday */
	int			ord;			/* 0: every; n: n-th; -n: n-th from the end */
} WeekdayNum;

typedef struct Rule
{
	Freq		freq;
	int64_t		interval;
	bool		has_count;
	int64_t		count;
	bool		has_until;
	Stamp		until;
	int			bymonth;		/* bit m for month m; 0: none */
	int			n_bymonthday;
	int			bymonthday[LIST_CAP];
	int			n_byday;
	WeekdayNum	byday[LIST_CAP];
	bool		byday_numbered;
	int			n_bysetpos;
	int			bysetpos[LIST_CAP];
	int			wkst;
} Rule;

static int
weekday_code(const char *s)
{
	static const char *const codes[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
	int			i;

	for (i = 0; i < 7; i++)
		if (upper((unsigned char) s[0]) == codes[i][0] &&
			upper((unsigned char) s[1]) == codes[i][1] && s[2] == '\0')
			return i;
	return -1;
}

/* An optionally signed integer of at most 9 digits */
static bool
parse_int(const char *s, int64_t *v)
{
	bool		neg = false;
	size_t		n;

	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	n = strlen(s);
	if (n == 0 || n > 9 || !all_digits(s, n))
		return false;
	*v = digits_value(s, n);
	if (neg)
		*v = -*v;
	return true;
}

/*
 * Parses ev->rrule.  Problems are reported naming the event; the rule text
 * is cut into parts in place.
 */
static bool
parse_rrule(Parser *ps, Event *ev, Rule *r)
{
	char		name[SHOW_CAP * 2];
	char		s[SHOW_CAP];
	char	   *p = ev->rrule;
	int			line = ev->rrule_line;
	unsigned	seen = 0;

	memset(r, 0, sizeof(*r));
	r->interval = 1;
	event_name(name, sizeof(name), ev);
	while (*p)
	{
		char	   *part = p;
		char	   *eq;
		char	   *val;
		char	   *semi = strchr(p, ';');
		unsigned	bit;
		static const char *const parts[] = {"FREQ", "INTERVAL", "COUNT", "UNTIL",
			"BYMONTH", "BYMONTHDAY", "BYDAY", "BYSETPOS", "WKST", NULL};
		int			which;

		if (semi)
		{
			*semi = '\0';
			p = semi + 1;
		}
		else
			p += strlen(p);
		if (*part == '\0')
			continue;
		eq = strchr(part, '=');
		if (!eq)
			return fail(ps, ICAL_MALFORMED, line,
						"%s: RRULE part \"%s\" has no \"=\"", name, show_str(s, part));
		*eq = '\0';
		val = eq + 1;
		upper_str(part);
		for (which = 0; parts[which]; which++)
			if (strcmp(part, parts[which]) == 0)
				break;
		if (!parts[which])
		{
			if (strncmp(part, "X-", 2) == 0)
				continue;
			if (strcmp(part, "BYWEEKNO") == 0 || strcmp(part, "BYYEARDAY") == 0)
				return fail(ps, ICAL_UNSUPPORTED, line,
							"%s: RRULE part %s is not supported", name, part);
			if (strcmp(part, "BYHOUR") == 0 || strcmp(part, "BYMINUTE") == 0 ||
				strcmp(part, "BYSECOND") == 0)
				return fail(ps, ICAL_MALFORMED, line,
							"%s: RRULE part %s does not go with an all-day event",
							name, part);
			return fail(ps, ICAL_MALFORMED, line,
						"%s: unknown RRULE part \"%s\"", name, show_str(s, part));
		}
		bit = 1u << which;
		if (seen & bit)
			return fail(ps, ICAL_MALFORMED, line,
						"%s: RRULE part %s is given twice", name, part);
		seen |= bit;

		if (strcmp(part, "FREQ") == 0)
		{
			upper_str(val);
			if (strcmp(val, "DAILY") == 0)
				r->freq = FREQ_DAILY;
			else if (strcmp(val, "WEEKLY") == 0)
				r->freq = FREQ_WEEKLY;
			else if (strcmp(val, "MONTHLY") == 0)
				r->freq = FREQ_MONTHLY;
			else if (strcmp(val, "YEARLY") == 0)
				r->freq = FREQ_YEARLY;
			else if (strcmp(val, "HOURLY") == 0 || strcmp(val, "MINUTELY") == 0 ||
					 strcmp(val, "SECONDLY") == 0)
				return fail(ps, ICAL_UNSUPPORTED, line,
							"%s: RRULE FREQ=%s does not go with an all-day event",
							name, val);
			else
				return fail(ps, ICAL_MALFORMED, line,
							"%s: RRULE FREQ=%s is not a frequency", name, show_str(s, val));
		}
		else if (strcmp(part, "INTERVAL") == 0)
		{
			if (!parse_int(val, &r->interval) || r->interval < 1 || val[0] == '+' || val[0] == '-')
				return fail(ps, ICAL_MALFORMED, line,
							"%s: RRULE INTERVAL=%s is not a positive number",
							name, show_str(s, val));
		}
		else if (strcmp(part, "COUNT") == 0)
		{
			size_t		n = strlen(val);

			if (n == 0 || !all_digits(val, n))
				return fail(ps, ICAL_MALFORMED, line,
							"%s: RRULE COUNT=%s is not a positive number",
							name, show_str(s, val));
			r->count = n > 9 ? 999999999 : digits_value(val, n);
			if (r->count < 1)
				return fail(ps, ICAL_MALFORMED, line,
							"%s: RRULE COUNT=%s is not a positive number",
							name, show_str(s, val));
			r->has_count = true;
		}
		else if (strcmp(part, "UNTIL") == 0)
		{
			if (!parse_stamp(ps, "RRULE UNTIL", val, strlen(val), VT_ANY, line, &r->until))
				return false;
			r->has_until = true;
		}
		else if (strcmp(part, "WKST") == 0)
		{
			r->wkst = weekday_code(val);
			if (r->wkst < 0)
				return fail(ps, ICAL_MALFORMED, line,
							"%s: RRULE WKST=%s is not a weekday (MO to SU)",
							name, show_str(s, val));
		}
		else
		{
			/* the lists */
			char	   *item = val;

			for (;;)
			{
				char	   *comma = strchr(item, ',');
				int64_t		v;

				if (comma)
					*comma = '\0';
				if (strcmp(part, "BYDAY") == 0)
				{
					size_t		n = strlen(item);
					int			wd = n >= 2 ? weekday_code(item + n - 2) : -1;
					WeekdayNum *e = &r->byday[r->n_byday];

					if (wd < 0)
						return fail(ps, ICAL_MALFORMED, line,
									"%s: RRULE BYDAY value \"%s\" is not a weekday such as MO, 2TU or -1FR",
									name, show_str(s, item));
					item[n - 2] = '\0';
					v = 0;
					if (n > 2 && (!parse_int(item, &v) || v == 0 || v < -53 || v > 53))
						return fail(ps, ICAL_MALFORMED, line,
									"%s: RRULE BYDAY value \"%s\" has a bad number (1 to 53, or -1 to -53)",
									name, show_str(s, item));
					if (r->n_byday >= LIST_CAP)
						return fail(ps, ICAL_LIMIT, line,
									"%s: RRULE BYDAY has more than %d values", name, LIST_CAP);
					e->wd = wd;
					e->ord = (int) v;
					if (v != 0)
						r->byday_numbered = true;
					r->n_byday++;
				}
				else
				{
					int			lo = strcmp(part, "BYMONTH") == 0 ? 1 :
						strcmp(part, "BYMONTHDAY") == 0 ? -31 : -366;
					int			hi = strcmp(part, "BYMONTH") == 0 ? 12 :
						strcmp(part, "BYMONTHDAY") == 0 ? 31 : 366;

					if (!parse_int(item, &v) || v == 0 || v < lo || v > hi)
						return fail(ps, ICAL_MALFORMED, line,
									"%s: RRULE %s value \"%s\" is not a number from %d to %d",
									name, part, show_str(s, item), lo == 1 ? 1 : -hi, hi);
					if (strcmp(part, "BYMONTH") == 0)
						r->bymonth |= 1 << v;
					else
					{
						int		   *n = strcmp(part, "BYMONTHDAY") == 0 ?
							&r->n_bymonthday : &r->n_bysetpos;
						int		   *list = strcmp(part, "BYMONTHDAY") == 0 ?
							r->bymonthday : r->bysetpos;

						if (*n >= LIST_CAP)
							return fail(ps, ICAL_LIMIT, line,
										"%s: RRULE %s has more than %d values",
										name, part, LIST_CAP);
						list[(*n)++] = (int) v;
					}
				}
				if (!comma)
					break;
				item = comma + 1;
			}
		}
	}

	if (r->freq == FREQ_NONE)
		return fail(ps, ICAL_MALFORMED, line, "%s: RRULE has no FREQ", name);
	if (r->has_count && r->has_until)
		return fail(ps, ICAL_MALFORMED, line,
					"%s: RRULE has both COUNT and UNTIL", name);
	if (r->byday_numbered && (r->freq == FREQ_DAILY || r->freq == FREQ_WEEKLY))
		return fail(ps, ICAL_MALFORMED, line,
					"%s: RRULE BYDAY with a number goes only with FREQ=MONTHLY or YEARLY",
					name);
	if (r->n_bymonthday > 0 && r->freq == FREQ_WEEKLY)
		return fail(ps, ICAL_MALFORMED, line,
					"%s: RRULE BYMONTHDAY does not go with FREQ=WEEKLY", name);
	if (r->byday_numbered && r->freq == FREQ_YEARLY && r->bymonth == 0)
		return fail(ps, ICAL_UNSUPPORTED, line,
					"%s: RRULE BYDAY with a number in a yearly rule without BYMONTH is not supported",
					name);
	return true;
}

/* Whether date day, the md-th of a month of dim days, matches BYDAY */
static bool
byday_matches(const Rule *r, int64_t day, int md, int dim)
{
	int			wd = weekday_of(day);
	int			i;

	for (i = 0; i < r->n_byday; i++)
	{
		const WeekdayNum *e = &r->byday[i];

		if (e->wd != wd)
			continue;
		if (e->ord == 0 ||
			(e->ord > 0 && (md - 1) / 7 + 1 == e->ord) ||
			(e->ord < 0 && (dim - md) / 7 + 1 == -e->ord))
			return true;
	}
	return false;
}

static bool
bymonthday_matches(const Rule *r, int md, int dim)
{
	int			i;

	for (i = 0; i < r->n_bymonthday; i++)
		if (r->bymonthday[i] == md || r->bymonthday[i] == md - dim - 1)
			return true;
	return false;
}

/*
 * Appends the dates of month (y, m) that the rule gives, in order;
 * def_mday is DTSTART's day of the month, used when neither BYMONTHDAY nor
 * BYDAY is given.
 */
static int
month_dates(const Rule *r, int64_t y, int m, int def_mday, int64_t *out, int n)
{
	int			dim = days_in_month(y, m);
	int64_t		first = days_from_civil(y, m, 1);
	int			md;

	if (r->n_bymonthday == 0 && r->n_byday == 0)
	{
		if (def_mday <= dim)
			out[n++] = first + def_mday - 1;
		return n;
	}
	for (md = 1; md <= dim; md++)
	{
		if (r->n_bymonthday > 0 && !bymonthday_matches(r, md, dim))
			continue;
		if (r->n_byday > 0 && !byday_matches(r, first + md - 1, md, dim))
			continue;
		out[n++] = first + md - 1;
	}
	return n;
}

static int
cmp_int64(const void *a, const void *b)
{
	int64_t		x = *(const int64_t *) a;
	int64_t		y = *(const int64_t *) b;

	return (x > y) - (x < y);
}

/* What period k of a rule starts from */
typedef struct Series
{
	const Rule *rule;
	int64_t		start;			/* DTSTART's day */
	int			y0,
				m0,
				d0;				/* ... as a date */
	int64_t		base;			/* DAILY: DTSTART; WEEKLY: its week's start */
} Series;

/* The first day of period k */
static int64_t
period_start(const Series *x, int64_t k)
{
	const Rule *r = x->rule;

	switch (r->freq)
	{
		case FREQ_DAILY:
			return x->base + k * r->interval;
		case FREQ_WEEKLY:
			return x->base + 7 * k * r->interval;
		case FREQ_MONTHLY:
			{
				int64_t		mi = (int64_t) x->y0 * 12 + x->m0 - 1 + k * r->interval;

				return days_from_civil(mi / 12, (int) (mi % 12) + 1, 1);
			}
		default:
			return days_from_civil(x->y0 + k * r->interval, 1, 1);
	}
}

/* The dates of period k, sorted, after BYSETPOS; returns how many */
static int
period_dates(const Series *x, int64_t k, int64_t *out)
{
	const Rule *r = x->rule;
	int64_t		all[MAX_CANDIDATES];
	int			n = 0;
	int			i;

	switch (r->freq)
	{
		case FREQ_DAILY:
			{
				int64_t		d = period_start(x, k);
				int			y,
							m,
							md;

				civil_from_days(d, &y, &m, &md);
				if ((r->bymonth == 0 || (r->bymonth & (1 << m))) &&
					(r->n_bymonthday == 0 || bymonthday_matches(r, md, days_in_month(y, m))) &&
					(r->n_byday == 0 || byday_matches(r, d, md, days_in_month(y, m))))
					all[n++] = d;
				break;
			}
		case FREQ_WEEKLY:
			{
				int64_t		ws = period_start(x, k);

				for (i = 0; i < 7; i++)
				{
					int64_t		d = ws + i;
					int			y,
								m,
								md;

					civil_from_days(d, &y, &m, &md);
					if (r->n_byday > 0 ? !byday_matches(r, d, 1, 1)
						: weekday_of(d) != weekday_of(x->start))
						continue;
					if (r->bymonth != 0 && !(r->bymonth & (1 << m)))
						continue;
					all[n++] = d;
				}
				/* a week that starts on WKST is in date order already */
				break;
			}
		case FREQ_MONTHLY:
			{
				int64_t		mi = (int64_t) x->y0 * 12 + x->m0 - 1 + k * r->interval;
				int			m = (int) (mi % 12) + 1;

				if (r->bymonth == 0 || (r->bymonth & (1 << m)))
					n = month_dates(r, mi / 12, m, x->d0, all, 0);
				break;
			}
		case FREQ_YEARLY:
			{
				int64_t		y = x->y0 + k * r->interval;
				int			m;

				if (r->bymonth != 0)
				{
					for (m = 1; m <= 12; m++)
						if (r->bymonth & (1 << m))
							n = month_dates(r, y, m, x->d0, all, n);
				}
				else if (r->n_bymonthday > 0)
				{
					for (m = 1; m <= 12; m++)
						n = month_dates(r, y, m, x->d0, all, n);
				}
				else if (r->n_byday > 0)
				{
					/* every such weekday of the year (numbered ones refused) */
					int64_t		d = days_from_civil(y, 1, 1);
					int64_t		last = days_from_civil(y, 12, 31);

					for (; d <= last; d++)
						if (byday_matches(r, d, 1, 1))
							all[n++] = d;
				}
				else if (x->d0 <= days_in_month(y, x->m0))
					all[n++] = days_from_civil(y, x->m0, x->d0);
				break;
			}
		default:
			break;
	}

	if (r->n_bysetpos == 0)
	{
		memcpy(out, all, (size_t) n * sizeof(int64_t));
		return n;
	}
	{
		int			m = 0;

		for (i = 0; i < r->n_bysetpos; i++)
		{
			int			pos = r->bysetpos[i];
			int			idx = pos > 0 ? pos - 1 : n + pos;

			if (idx >= 0 && idx < n)
				out[m++] = all[idx];
		}
		qsort(out, (size_t) m, sizeof(int64_t), cmp_int64);
		n = 0;
		for (i = 0; i < m; i++)
			if (n == 0 || out[n - 1] != out[i])
				out[n++] = out[i];
		return n;
	}
}

/* ----------------------------------------------------------------------
 * Emitting
 * ---------------------------------------------------------------------- */

static int
cmp_int(const void *a, const void *b)
{
	int			x = *(const int *) a;
	int			y = *(const int *) b;

	return (x > y) - (x < y);
}

static bool
is_excluded(const int *excl, int n_excl, int64_t day)
{
	int			lo = 0;
	int			hi = n_excl - 1;

	while (lo <= hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (excl[mid] == day)
			return true;
		if (excl[mid] < day)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

/* Emits the dates of one occurrence: span days from day */
static bool
emit_occurrence(Parser *ps, const Event *ev, int64_t day, int span, int line)
{
	int64_t		first = day;
	int64_t		last = day + span - 1;
	char		name[SHOW_CAP * 2];

	if (last > ICAL_LAST_DAY)
		return fail(ps, ICAL_MALFORMED, line, "%s runs past 9999-12-31",
					event_name(name, sizeof(name), ev));
	if (ps->range)
	{
		if (first < ps->range->first_day)
			first = ps->range->first_day;
		if (last > ps->range->last_day)
			last = ps->range->last_day;
	}
	for (; first <= last; first++)
	{
		if (ps->event_days >= ICAL_MAX_EVENT_DAYS)
			return fail(ps, ICAL_LIMIT, line, "%s has more than %d dates",
						event_name(name, sizeof(name), ev), ICAL_MAX_EVENT_DAYS);
		if (ps->total_days >= ICAL_MAX_DAYS)
			return fail(ps, ICAL_LIMIT, line, "the calendar has more than %d dates",
						ICAL_MAX_DAYS);
		ps->event_days++;
		ps->total_days++;
		ps->emit((int) first, ev->summary, ps->arg);
	}
	return true;
}

typedef enum DateFit
{
	DF_OK,
	DF_TIME,					/* a local time away from midnight */
	DF_UTC						/* a UTC time */
} DateFit;

/* The date a value names in an all-day event */
static DateFit
as_date(const Stamp *st, int *day)
{
	*day = st->day;
	if (st->kind == SK_DATE)
		return DF_OK;
	if (st->kind == SK_UTC)
		return DF_UTC;
	return st->secs == 0 ? DF_OK : DF_TIME;
}

/* as_date() of property prop of an all-day event, reporting a misfit */
static bool
date_of(Parser *ps, const Event *ev, const char *prop, const Stamp *st, int *day)
{
	char		s[SHOW_CAP];
	char		name[SHOW_CAP * 2];

	switch (as_date(st, day))
	{
		case DF_OK:
			return true;
		case DF_TIME:
			return fail(ps, ICAL_MALFORMED, st->line,
						"%s value \"%s\" has a time of day, but %s is all-day",
						prop, show_stamp(s, st), event_name(name, sizeof(name), ev));
		default:
			return fail(ps, ICAL_UNSUPPORTED, st->line,
						"%s value \"%s\" is a UTC time, but %s is all-day: its date depends on the time zone",
						prop, show_stamp(s, st), event_name(name, sizeof(name), ev));
	}
}

/* Expands the RRULE and RDATEs of an all-day event of span days */
static bool
emit_recurring(Parser *ps, Event *ev, int start, int span)
{
	int			excl[ICAL_MAX_EXCEPTIONS + ICAL_MAX_OVERRIDES];
	int			n_excl = 0;
	char		name[SHOW_CAP * 2];
	char		s[SHOW_CAP];
	char		s2[SHOW_CAP];
	int			i;

	event_name(name, sizeof(name), ev);
	if (ev->n_rrule > 1)
		return fail(ps, ICAL_UNSUPPORTED, ev->rrule_line,
					"%s has more than one RRULE, which is not supported", name);
	if (ev->exrule_line)
		return fail(ps, ICAL_UNSUPPORTED, ev->exrule_line,
					"%s has an EXRULE, which is not supported", name);
	if (ev->rdate_period_line)
		return fail(ps, ICAL_UNSUPPORTED, ev->rdate_period_line,
					"%s has RDATE periods (VALUE=PERIOD), which are not supported", name);
	if (ev->exdate_overflow_line)
		return fail(ps, ICAL_LIMIT, ev->exdate_overflow_line,
					"%s has more than %d EXDATE values", name, ICAL_MAX_EXCEPTIONS);
	if (ev->rdate_overflow_line)
		return fail(ps, ICAL_LIMIT, ev->rdate_overflow_line,
					"%s has more than %d RDATE values", name, ICAL_MAX_EXCEPTIONS);

	/* the dates left out: EXDATE, and the modified instances */
	for (i = 0; i < ev->n_exdate; i++)
		if (!date_of(ps, ev, "EXDATE", &ev->exdate[i], &excl[n_excl++]))
			return false;
	if (ev->has_uid)
	{
		for (i = 0; i < ps->n_ov; i++)
		{
			const Override *o = &ps->ov[i];

			if (o->uid_hash != ev->uid_hash)
				continue;
			if (o->future)
				return fail(ps, ICAL_UNSUPPORTED, o->rid.line,
							"a modified instance of %s has RECURRENCE-ID;RANGE=THISANDFUTURE, which is not supported",
							name);
			if (!date_of(ps, ev, "RECURRENCE-ID", &o->rid, &excl[n_excl++]))
				return false;
		}
	}
	qsort(excl, (size_t) n_excl, sizeof(int), cmp_int);

	if (ev->n_rrule == 0)
	{
		/* RDATE only: DTSTART, then each RDATE */
		if (!is_excluded(excl, n_excl, start) &&
			!emit_occurrence(ps, ev, start, span, ev->dtstart.line))
			return false;
	}
	else
	{
		Rule		r;
		Series		x;
		int64_t		limit = ICAL_LAST_DAY;
		int64_t		amb_lo = 1,
					amb_hi = 0; /* dates an UTC UNTIL leaves in doubt */
		int64_t		cand[MAX_CANDIDATES];
		int64_t		count = 0;
		int64_t		k = 0;
		int			n;
		bool		done = false;

		char		rule_text[SHOW_CAP];
		int64_t		until_last = ICAL_LAST_DAY;

		if (ev->rrule_long)
			return fail(ps, ICAL_LIMIT, ev->rrule_line,
						"%s: RRULE is longer than %d bytes", name, RRULE_CAP - 1);
		show_str(rule_text, ev->rrule);
		if (!parse_rrule(ps, ev, &r))
			return false;
		if (r.has_until)
		{
			int64_t		u = r.until.day;

			if (r.until.kind == SK_UTC)
			{
				/*
				 * The occurrence on date D starts at local midnight, which is
				 * UTC D - 14 h to D + 12 h depending on the zone.
				 */
				int64_t		sure = r.until.secs >= 43200 ? u : u - 1;
				int64_t		never = r.until.secs < 36000 ? u + 1 : u + 2;

				amb_lo = sure + 1;
				amb_hi = never - 1;
				u = never - 1;
			}
			until_last = u;
			if (u < limit)
				limit = u;
		}
		else if (!r.has_count && !ps->range)
			return fail(ps, ICAL_UNSUPPORTED, ev->rrule_line,
						"%s repeats without end (RRULE \"%s\" has neither COUNT nor UNTIL)",
						name, rule_text);
		if (ps->range && ps->range->last_day < limit)
			limit = ps->range->last_day;

		x.rule = &r;
		x.start = start;
		civil_from_days(start, &x.y0, &x.m0, &x.d0);
		x.base = r.freq == FREQ_WEEKLY ?
			start - (weekday_of(start) - r.wkst + 7) % 7 : start;

		/* DTSTART must be one of the dates of its own period */
		n = period_dates(&x, 0, cand);
		for (i = 0; i < n && cand[i] != start; i++)
			;
		if (i == n)
			return fail(ps, ICAL_UNSUPPORTED, ev->rrule_line,
						"%s: DTSTART %s is not one of the dates its RRULE gives",
						name, show_stamp(s, &ev->dtstart));

		/* without COUNT, start at the period of the first date wanted */
		if (!r.has_count && ps->range &&
			(int64_t) ps->range->first_day - (span - 1) > start)
		{
			int64_t		target = (int64_t) ps->range->first_day - (span - 1);
			int			ty,
						tm,
						td;

			civil_from_days(target, &ty, &tm, &td);
			switch (r.freq)
			{
				case FREQ_DAILY:
					k = (target - x.base) / r.interval;
					break;
				case FREQ_WEEKLY:
					k = (target - x.base) / (7 * r.interval);
					break;
				case FREQ_MONTHLY:
					k = ((int64_t) ty * 12 + tm - (int64_t) x.y0 * 12 - x.m0) / r.interval;
					break;
				default:
					k = ((int64_t) ty - x.y0) / r.interval;
					break;
			}
		}

		/* DTSTART is the first occurrence even if UNTIL is earlier */
		if (until_last < start)
		{
			if (!is_excluded(excl, n_excl, start) &&
				!emit_occurrence(ps, ev, start, span, ev->dtstart.line))
				return false;
			done = true;
		}

		for (; !done; k++)
		{
			if (++ps->steps > STEP_BUDGET)
				return fail(ps, ICAL_LIMIT, ev->rrule_line,
							"the recurrence rules need more than %d steps to expand",
							STEP_BUDGET);
			if (period_start(&x, k) > limit)
				break;
			n = period_dates(&x, k, cand);
			for (i = 0; i < n; i++)
			{
				int64_t		d = cand[i];

				if (d < start)
					continue;
				if (d > limit || (r.has_count && count >= r.count))
				{
					done = true;
					break;
				}
				count++;
				if (is_excluded(excl, n_excl, d))
					continue;
				if (d != start && d >= amb_lo && d <= amb_hi)
					return fail(ps, ICAL_UNSUPPORTED, ev->rrule_line,
								"%s: RRULE UNTIL=%s is a UTC time, but the event is all-day: whether %s is included depends on the time zone",
								name, show_stamp(s, &r.until), show_day(s2, d));
				if (!emit_occurrence(ps, ev, d, span, ev->rrule_line))
					return false;
			}
		}
		/* COUNT asks for occurrences beyond the last date there is */
		if (r.has_count && count < r.count && limit == ICAL_LAST_DAY)
			return fail(ps, ICAL_MALFORMED, ev->rrule_line,
						"%s runs past 9999-12-31 (RRULE \"%s\")", name, rule_text);
	}

	for (i = 0; i < ev->n_rdate; i++)
	{
		int			day;

		if (!date_of(ps, ev, "RDATE", &ev->rdate[i], &day))
			return false;
		if (!check_year_range(ps, "RDATE", &ev->rdate[i]))
			return false;
		if (!is_excluded(excl, n_excl, day) &&
			!emit_occurrence(ps, ev, day, span, ev->rdate[i].line))
			return false;
	}
	return true;
}

/* END:VEVENT: the event's dates */
static bool
finish_event(Parser *ps)
{
	Event	   *ev = &ps->ev;
	char		name[SHOW_CAP * 2];
	char		s[SHOW_CAP];
	char		s2[SHOW_CAP];
	int			start;
	int64_t		span;

	if (ev->rid.present && ev->has_uid)
	{
		if (ps->collecting)
		{
			if (ps->n_ov < ICAL_MAX_OVERRIDES)
			{
				Override   *o = &ps->ov[ps->n_ov++];

				o->uid_hash = ev->uid_hash;
				o->rid = ev->rid;
				o->future = ev->rid_future;
			}
			return true;
		}
		if (++ps->ov_seen > ICAL_MAX_OVERRIDES)
			return fail(ps, ICAL_LIMIT, ev->rid.line,
						"the calendar has more than %d modified instances (RECURRENCE-ID)",
						ICAL_MAX_OVERRIDES);
	}
	if (ps->collecting || ev->cancelled)
		return true;

	event_name(name, sizeof(name), ev);
	if (!ev->dtstart.present)
		return fail(ps, ICAL_MALFORMED, ev->line, "%s has no DTSTART", name);
	if (ev->dtend.present && ev->has_duration)
		return fail(ps, ICAL_MALFORMED, ev->dur_line,
					"%s has both DTEND and DURATION", name);

	if (ev->dtstart.kind != SK_DATE)
	{
		if (!ev->allday_flag)
			return true;		/* a timed event: not a closure */
		if (ev->dtstart.kind == SK_UTC)
			return fail(ps, ICAL_UNSUPPORTED, ev->dtstart.line,
						"%s is marked all-day (X-MICROSOFT-CDO-ALLDAYEVENT) but DTSTART \"%s\" is a UTC time: its date depends on the time zone",
						name, show_stamp(s, &ev->dtstart));
		if (ev->dtstart.secs != 0)
			return fail(ps, ICAL_UNSUPPORTED, ev->dtstart.line,
						"%s is marked all-day (X-MICROSOFT-CDO-ALLDAYEVENT) but DTSTART \"%s\" is not at midnight",
						name, show_stamp(s, &ev->dtstart));
		if (!check_year_range(ps, "DTSTART", &ev->dtstart))
			return false;
	}
	start = ev->dtstart.day;

	if (ev->dtend.present)
	{
		int			end;

		if (!date_of(ps, ev, "DTEND", &ev->dtend, &end))
			return false;
		if (end < start)
			return fail(ps, ICAL_MALFORMED, ev->dtend.line,
						"DTEND value \"%s\" is before DTSTART \"%s\"",
						show_stamp(s, &ev->dtend), show_stamp(s2, &ev->dtstart));
		span = end > start ? end - start : 1;
	}
	else if (ev->has_duration)
	{
		if (ev->dur_negative)
			return fail(ps, ICAL_MALFORMED, ev->dur_line,
						"DURATION value \"%s\" is negative", show_str(s, ev->dur_text));
		if (ev->dur_secs % 86400 != 0)
			return fail(ps, ICAL_MALFORMED, ev->dur_line,
						"DURATION value \"%s\" is not a whole number of days, as %s is all-day",
						show_str(s, ev->dur_text), name);
		span = ev->dur_secs / 86400;
		if (span == 0)
			span = 1;
	}
	else
		span = 1;
	if (span > ICAL_MAX_EVENT_DAYS)
		return fail(ps, ICAL_LIMIT, ev->dtend.present ? ev->dtend.line : ev->dur_line,
					"%s lasts %lld days, more than %d", name, (long long) span,
					ICAL_MAX_EVENT_DAYS);

	ps->event_days = 0;
	if (ev->n_rrule > 0 || ev->n_rdate > 0 || ev->rdate_period_line ||
		ev->rdate_overflow_line || ev->exrule_line)
	{
		if (ev->rid.present)
			return fail(ps, ICAL_UNSUPPORTED, ev->rid.line,
						"%s is a modified instance (RECURRENCE-ID) that repeats itself, which is not supported",
						name);
		return emit_recurring(ps, ev, start, (int) span);
	}
	if (ev->rid.present && ev->rid_future)
		return fail(ps, ICAL_UNSUPPORTED, ev->rid.line,
					"%s has RECURRENCE-ID;RANGE=THISANDFUTURE, which is not supported",
					name);
	return emit_occurrence(ps, ev, start, (int) span, ev->dtstart.line);
}

/* ----------------------------------------------------------------------
 * Properties
 * ---------------------------------------------------------------------- */

/* DTSTART, DTEND, RECURRENCE-ID */
static bool
read_stamp_prop(Parser *ps, Cursor *c, const Head *h, Stamp *dst)
{
	char		v[VALUE_CAP];
	char		s[SHOW_CAP];
	size_t		n;
	bool		ok;
	ValueType	vt = value_type(h, &ok);

	if (dst->present)
		return fail(ps, ICAL_MALFORMED, h->line,
					"second %s in the event that begins at line %d", h->name, ps->ev.line);
	if (!ok)
		return fail(ps, ICAL_MALFORMED, h->line,
					"%s;VALUE=%s is not allowed (only DATE or DATE-TIME)",
					h->name, show_str(s, h->value_param));
	if (!read_value(c, v, sizeof(v), &n))
		return fail(ps, ICAL_MALFORMED, h->value_line,
					"%s value \"%s\" is too long", h->name, show(s, v, n));
	if (!parse_stamp(ps, h->name, v, n, vt, h->value_line, dst))
		return false;
	if (dst->kind == SK_DATE && strcmp(h->name, "RECURRENCE-ID") != 0)
		return check_year_range(ps, h->name, dst);
	return true;
}

/* EXDATE, RDATE: a list of DATE or DATE-TIME values */
static bool
read_stamp_list(Parser *ps, Cursor *c, const Head *h, Stamp *list, int *n_list,
				int *overflow_line)
{
	bool		ok;
	ValueType	vt = value_type(h, &ok);
	char		s[SHOW_CAP];

	if (!ok)
	{
		if (strcmp(h->value_param, "PERIOD") == 0 && strcmp(h->name, "RDATE") == 0)
		{
			ps->ev.rdate_period_line = h->value_line;
			return true;
		}
		return fail(ps, ICAL_MALFORMED, h->line,
					"%s;VALUE=%s is not allowed (only DATE or DATE-TIME)",
					h->name, show_str(s, h->value_param));
	}
	for (;;)
	{
		char		v[VALUE_CAP];
		size_t		n = 0;
		bool		fits = true;
		int			line;
		int			ch;
		Stamp		st;

		while ((ch = peek(c)) == ' ' || ch == '\t')
			advance(c);
		line = c->line;
		while ((ch = peek(c)) >= 0 && ch != ',')
		{
			if (n < sizeof(v) - 1)
				v[n++] = (char) ch;
			else
				fits = false;
			advance(c);
		}
		while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
			n--;
		v[n] = '\0';
		if (!fits)
			return fail(ps, ICAL_MALFORMED, line,
						"%s value \"%s\" is too long", h->name, show(s, v, n));
		memset(&st, 0, sizeof(st));
		if (!parse_stamp(ps, h->name, v, n, vt, line, &st))
			return false;
		if (*n_list < ICAL_MAX_EXCEPTIONS)
			list[(*n_list)++] = st;
		else if (*overflow_line == 0)
			*overflow_line = line;
		if (ch != ',')
			return true;
		advance(c);
	}
}

static bool
event_property(Parser *ps, Cursor *c, const Head *h)
{
	Event	   *ev = &ps->ev;
	char		v[VALUE_CAP];
	char		s[SHOW_CAP];
	size_t		n;

	if (head_is(h, "DTSTART"))
		return read_stamp_prop(ps, c, h, &ev->dtstart);
	if (head_is(h, "DTEND"))
		return read_stamp_prop(ps, c, h, &ev->dtend);
	if (head_is(h, "RECURRENCE-ID"))
	{
		ev->rid_future = h->range_future;
		return read_stamp_prop(ps, c, h, &ev->rid);
	}
	if (head_is(h, "DURATION"))
	{
		if (ev->has_duration)
			return fail(ps, ICAL_MALFORMED, h->line,
						"second DURATION in the event that begins at line %d", ev->line);
		if (h->value_param[0] && strcmp(h->value_param, "DURATION") != 0)
			return fail(ps, ICAL_MALFORMED, h->line,
						"DURATION;VALUE=%s is not allowed", show_str(s, h->value_param));
		if (!read_value(c, v, sizeof(v), &n) ||
			!parse_duration(v, &ev->dur_secs, &ev->dur_negative))
			return fail(ps, ICAL_MALFORMED, h->value_line,
						"DURATION value \"%s\" is not a duration such as P1D, P2W or PT1H30M",
						show(s, v, n));
		ev->has_duration = true;
		ev->dur_line = h->value_line;
		memcpy(ev->dur_text, v, n + 1);
		return true;
	}
	if (head_is(h, "STATUS"))
	{
		read_value(c, v, sizeof(v), &n);
		upper_str(v);
		if (strcmp(v, "CANCELLED") == 0 || strcmp(v, "CANCELED") == 0)
			ev->cancelled = true;
		return true;
	}
	if (head_is(h, "RRULE"))
	{
		if (++ev->n_rrule == 1)
		{
			ev->rrule_line = h->value_line;
			ev->rrule_long = !read_value(c, ev->rrule, sizeof(ev->rrule), NULL);
		}
		return true;
	}
	if (head_is(h, "EXRULE"))
	{
		ev->exrule_line = h->value_line;
		return true;
	}
	if (head_is(h, "EXDATE"))
		return read_stamp_list(ps, c, h, ev->exdate, &ev->n_exdate,
							   &ev->exdate_overflow_line);
	if (head_is(h, "RDATE"))
		return read_stamp_list(ps, c, h, ev->rdate, &ev->n_rdate,
							   &ev->rdate_overflow_line);
	if (head_is(h, "SUMMARY") && !ev->has_summary)
	{
		uint64_t	ignored;

		read_text(c, ev->summary, sizeof(ev->summary), &ignored);
		ev->has_summary = true;
		return true;
	}
	if (head_is(h, "UID") && !ev->has_uid)
	{
		read_text(c, ev->uid, sizeof(ev->uid), &ev->uid_hash);
		ev->has_uid = true;
		return true;
	}
	if (head_is(h, "X-MICROSOFT-CDO-ALLDAYEVENT") ||
		head_is(h, "X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT"))
	{
		read_value(c, v, sizeof(v), &n);
		upper_str(v);
		if (strcmp(v, "TRUE") == 0)
			ev->allday_flag = true;
		return true;
	}
	return true;
}

static bool
calendar_property(Parser *ps, Cursor *c, const Head *h)
{
	char		v[VALUE_CAP];
	size_t		n;

	if (head_is(h, "METHOD"))
	{
		read_value(c, v, sizeof(v), &n);
		upper_str(v);
		if (strcmp(v, "CANCEL") == 0)
			return fail(ps, ICAL_UNSUPPORTED, h->value_line,
						"METHOD:CANCEL: this is a meeting cancellation, not a calendar");
	}
	else if (head_is(h, "VERSION"))
	{
		read_value(c, v, sizeof(v), &n);
		if (strcmp(v, "1.0") == 0)
			return fail(ps, ICAL_UNSUPPORTED, h->value_line,
						"VERSION:1.0 is a vCalendar 1.0 file, which is not supported (export as iCalendar 2.0)");
	}
	return true;
}

/* BEGIN:name or END:name: the component name, upper case */
static bool
read_component_name(Parser *ps, Cursor *c, const Head *h, char *name)
{
	char		s[SHOW_CAP];
	size_t		n;
	size_t		i;

	if (!read_value(c, name, COMP_NAME_CAP, &n))
		return fail(ps, ICAL_MALFORMED, h->value_line,
					"%s:%s is too long for a component name", h->name, show(s, name, n));
	for (i = 0; i < n; i++)
		if (!is_name_char((unsigned char) name[i]))
			break;
	if (n == 0 || i < n)
		return fail(ps, ICAL_MALFORMED, h->value_line,
					"%s value \"%s\" is not a component name", h->name, show(s, name, n));
	upper_str(name);
	return true;
}

static bool
handle_line(Parser *ps, Cursor *c)
{
	Head		h;
	char		name[COMP_NAME_CAP];

	if (!read_head(ps, c, &h))
		return false;

	if (head_is(&h, "BEGIN"))
	{
		if (!read_component_name(ps, c, &h, name))
			return false;
		if (ps->depth == 0)
		{
			if (strcmp(name, "VCALENDAR") != 0)
				return fail(ps, ICAL_MALFORMED, h.line,
							"expected BEGIN:VCALENDAR, found BEGIN:%s", name);
			ps->seen_calendar = true;
		}
		else if (strcmp(name, "VCALENDAR") == 0)
			return fail(ps, ICAL_MALFORMED, h.line,
						"BEGIN:VCALENDAR inside BEGIN:%s (line %d)",
						ps->stack[ps->depth - 1].name, ps->stack[ps->depth - 1].line);
		else if (strcmp(name, "VEVENT") == 0)
		{
			if (ps->depth != 1)
				return fail(ps, ICAL_MALFORMED, h.line,
							"BEGIN:VEVENT inside BEGIN:%s (line %d): events must be directly inside VCALENDAR",
							ps->stack[ps->depth - 1].name, ps->stack[ps->depth - 1].line);
			memset(&ps->ev, 0, sizeof(ps->ev));
			ps->ev.line = h.line;
			ps->in_event = true;
		}
		if (ps->depth >= MAX_DEPTH)
			return fail(ps, ICAL_LIMIT, h.line,
						"components are nested more than %d deep", MAX_DEPTH);
		strcpy(ps->stack[ps->depth].name, name);
		ps->stack[ps->depth].line = h.line;
		ps->depth++;
		return true;
	}
	if (head_is(&h, "END"))
	{
		Component  *top;

		if (!read_component_name(ps, c, &h, name))
			return false;
		if (ps->depth == 0)
			return fail(ps, ICAL_MALFORMED, h.line,
						"expected BEGIN:VCALENDAR, found END:%s", name);
		top = &ps->stack[ps->depth - 1];
		if (strcmp(name, top->name) != 0)
			return fail(ps, ICAL_MALFORMED, h.line,
						"END:%s does not close BEGIN:%s (line %d)",
						name, top->name, top->line);
		ps->depth--;
		if (ps->depth == 1 && ps->in_event)
		{
			ps->in_event = false;
			return finish_event(ps);
		}
		return true;
	}
	if (ps->depth == 0)
	{
		char		s[SHOW_CAP];

		return fail(ps, ICAL_MALFORMED, h.line,
					"expected BEGIN:VCALENDAR, found property %s", show_str(s, h.name));
	}
	if (ps->depth == 1)
		return calendar_property(ps, c, &h);
	if (ps->depth == 2 && ps->in_event)
		return event_property(ps, c, &h);
	return true;
}

/* One pass over the input */
static bool
run(Parser *ps)
{
	Cursor		c;

	c.p = ps->text;
	c.end = ps->end;
	c.line = 1;
	if (ps->end - ps->text >= 3 && memcmp(ps->text, "\xEF\xBB\xBF", 3) == 0)
		c.p += 3;
	ps->depth = 0;
	ps->in_event = false;
	ps->seen_calendar = false;
	ps->total_days = 0;
	ps->steps = 0;
	ps->ov_seen = 0;

	while (c.p < c.end)
	{
		char		ch = *c.p;

		if (ch == '\r' || ch == '\n')
		{
			next_line(&c);
			continue;
		}
		if (ch == ' ' || ch == '\t')
			return fail(ps, ICAL_MALFORMED, c.line,
						"line begins with a space or tab (a continuation) but continues no property");
		if (!handle_line(ps, &c))
			return false;
		next_line(&c);
	}
	if (ps->depth > 0)
	{
		const Component *top = &ps->stack[ps->depth - 1];

		return fail(ps, ICAL_MALFORMED, top->line,
					"BEGIN:%s is never closed (the input ends without END:%s)",
					top->name, top->name);
	}
	if (!ps->seen_calendar)
		return fail(ps, ICAL_MALFORMED, 1,
					"the input is empty: no BEGIN:VCALENDAR");
	return true;
}

static void
ignore_day(int day, const char *summary, void *arg)
{
	(void) day;
	(void) summary;
	(void) arg;
}

bool
ical_all_day_dates(const char *text, size_t len, const IcalRange *range,
				   IcalEmit emit, void *arg, IcalError *err)
{
	Parser		ps;
	IcalError	ignored;
	const char *nul;

	err->problem = ICAL_OK;
	err->line = 0;
	err->message[0] = '\0';
	if (len == 0)
		text = "";

	memset(&ps, 0, sizeof(ps));
	ps.text = text;
	ps.end = text + len;
	ps.range = range;
	ps.emit = emit ? emit : ignore_day;
	ps.arg = arg;
	ps.err = err;

	nul = memchr(text, '\0', len);
	if (nul)
	{
		int			line = 1;
		const char *p;

		for (p = text; p < nul; p++)
			if (*p == '\n' || (*p == '\r' && (p + 1 == nul || p[1] != '\n')))
				line++;
		return fail(&ps, ICAL_MALFORMED, line, "the input contains a NUL byte");
	}
	/* first pass: the modified instances of recurring events */
	ps.collecting = true;
	ps.err = &ignored;
	ps.emit = ignore_day;
	(void) run(&ps);

	ps.collecting = false;
	ps.err = err;
	ps.emit = emit ? emit : ignore_day;
	return run(&ps);
}
