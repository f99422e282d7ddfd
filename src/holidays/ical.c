/*
 * ical.c
 *		The dates of the all-day events of an iCalendar (RFC 5545) text: the
 *		driver, which follows the components, keeps what matters of each
 *		event's properties, and at its end hands its dates to the caller.
 *		ical_reader.c reads the content lines and ical_recurrence.c expands
 *		the recurring events (ical_internal.h).
 *
 * Nothing is allocated: the input is read where it lies, and only the few
 * values that matter are copied into small fixed buffers.  The input is
 * read twice: the first pass only collects the modified instances of
 * recurring events (RECURRENCE-ID), so that the second pass can leave out
 * the dates they replace; the first pass stops silently at a problem, which
 * the second pass then reports.
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
#include "holidays/ical_internal.h"

#include <stdio.h>
#include <string.h>

/* ----------------------------------------------------------------------
 * Emitting
 * ---------------------------------------------------------------------- */

/* How a message names an event */
const char *
ical_event_name(char *out, size_t cap, const Event *ev)
{
	char		s[SHOW_CAP];

	if (ev->has_summary && ev->summary[0])
		snprintf(out, cap, "event \"%s\"", ical_show_str(s, ev->summary));
	else if (ev->has_uid && ev->uid[0])
		snprintf(out, cap, "event with UID \"%s\"", ical_show_str(s, ev->uid));
	else
		snprintf(out, cap, "the event that begins at line %d", ev->line);
	return out;
}

/* Emits the dates of one occurrence: span days from day */
bool
ical_emit_occurrence(Parser *ps, const Event *ev, int64_t day, int span, int line)
{
	int64_t		first = day;
	int64_t		last = day + span - 1;
	char		name[SHOW_CAP * 2];

	if (last > ICAL_LAST_DAY)
		return ical_fail(ps, ICAL_MALFORMED, line, "%s runs past 9999-12-31",
						 ical_event_name(name, sizeof(name), ev));
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
			return ical_fail(ps, ICAL_LIMIT, line, "%s has more than %d dates",
							 ical_event_name(name, sizeof(name), ev), ICAL_MAX_EVENT_DAYS);
		if (ps->total_days >= ICAL_MAX_DAYS)
			return ical_fail(ps, ICAL_LIMIT, line, "the calendar has more than %d dates",
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
bool
ical_date_of(Parser *ps, const Event *ev, const char *prop, const Stamp *st, int *day)
{
	char		s[SHOW_CAP];
	char		name[SHOW_CAP * 2];

	switch (as_date(st, day))
	{
		case DF_OK:
			return true;
		case DF_TIME:
			return ical_fail(ps, ICAL_MALFORMED, st->line,
							 "%s value \"%s\" has a time of day, but %s is all-day",
							 prop, ical_show_stamp(s, st), ical_event_name(name, sizeof(name), ev));
		default:
			return ical_fail(ps, ICAL_UNSUPPORTED, st->line,
							 "%s value \"%s\" is a UTC time, but %s is all-day: its date depends on the time zone",
							 prop, ical_show_stamp(s, st), ical_event_name(name, sizeof(name), ev));
	}
}

/* ----------------------------------------------------------------------
 * An event's dates
 * ---------------------------------------------------------------------- */

/*
 * A modified instance of a recurring event (RECURRENCE-ID with UID): the
 * first pass keeps it, so that its series leaves out the date it replaces;
 * the second counts it against the limit.
 */
static bool
note_modified_instance(Parser *ps, const Event *ev)
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
		return ical_fail(ps, ICAL_LIMIT, ev->rid.line,
						 "the calendar has more than %d modified instances (RECURRENCE-ID)",
						 ICAL_MAX_OVERRIDES);
	return true;
}

/* A DTSTART with a time of day, on an event flagged all-day by Outlook */
static bool
check_flagged_start(Parser *ps, const Event *ev, const char *name)
{
	char		s[SHOW_CAP];

	if (ev->dtstart.kind == SK_UTC)
		return ical_fail(ps, ICAL_UNSUPPORTED, ev->dtstart.line,
						 "%s is marked all-day (X-MICROSOFT-CDO-ALLDAYEVENT) but DTSTART \"%s\" is a UTC time: its date depends on the time zone",
						 name, ical_show_stamp(s, &ev->dtstart));
	if (ev->dtstart.secs != 0)
		return ical_fail(ps, ICAL_UNSUPPORTED, ev->dtstart.line,
						 "%s is marked all-day (X-MICROSOFT-CDO-ALLDAYEVENT) but DTSTART \"%s\" is not at midnight",
						 name, ical_show_stamp(s, &ev->dtstart));
	return ical_check_year_range(ps, "DTSTART", &ev->dtstart);
}

/* The dates of one occurrence: up to DTEND, or DURATION's days, or one */
static bool
event_span(Parser *ps, const Event *ev, const char *name, int64_t *span)
{
	char		s[SHOW_CAP];
	char		s2[SHOW_CAP];
	int			start = ev->dtstart.day;
	int			end;

	*span = 1;
	if (ev->dtend.present)
	{
		if (!ical_date_of(ps, ev, "DTEND", &ev->dtend, &end))
			return false;
		if (end < start)
			return ical_fail(ps, ICAL_MALFORMED, ev->dtend.line,
							 "DTEND value \"%s\" is before DTSTART \"%s\"",
							 ical_show_stamp(s, &ev->dtend), ical_show_stamp(s2, &ev->dtstart));
		*span = end > start ? end - start : 1;
	}
	else if (ev->has_duration)
	{
		if (ev->dur_negative)
			return ical_fail(ps, ICAL_MALFORMED, ev->dur_line,
							 "DURATION value \"%s\" is negative", ical_show_str(s, ev->dur_text));
		if (ev->dur_secs % 86400 != 0)
			return ical_fail(ps, ICAL_MALFORMED, ev->dur_line,
							 "DURATION value \"%s\" is not a whole number of days, as %s is all-day",
							 ical_show_str(s, ev->dur_text), name);
		*span = ev->dur_secs / 86400 == 0 ? 1 : ev->dur_secs / 86400;
	}
	if (*span > ICAL_MAX_EVENT_DAYS)
		return ical_fail(ps, ICAL_LIMIT, ev->dtend.present ? ev->dtend.line : ev->dur_line,
						 "%s lasts %lld days, more than %d", name, (long long) *span,
						 ICAL_MAX_EVENT_DAYS);
	return true;
}

/* Whether an event repeats (or says how, in a way that is refused) */
static bool
repeats(const Event *ev)
{
	return ev->n_rrule > 0 || ev->n_rdate > 0 || ev->rdate_period_line ||
		ev->rdate_overflow_line || ev->exrule_line;
}

/* END:VEVENT: the event's dates */
static bool
finish_event(Parser *ps)
{
	Event	   *ev = &ps->ev;
	char		name[SHOW_CAP * 2];
	int64_t		span;

	if (ev->rid.present && ev->has_uid && !note_modified_instance(ps, ev))
		return false;
	if (ps->collecting || ev->cancelled)
		return true;

	ical_event_name(name, sizeof(name), ev);
	if (!ev->dtstart.present)
		return ical_fail(ps, ICAL_MALFORMED, ev->line, "%s has no DTSTART", name);
	if (ev->dtend.present && ev->has_duration)
		return ical_fail(ps, ICAL_MALFORMED, ev->dur_line,
						 "%s has both DTEND and DURATION", name);
	if (ev->dtstart.kind != SK_DATE)
	{
		if (!ev->allday_flag)
			return true;		/* a timed event: not a closure */
		if (!check_flagged_start(ps, ev, name))
			return false;
	}
	if (!event_span(ps, ev, name, &span))
		return false;

	ps->event_days = 0;
	if (repeats(ev))
	{
		if (ev->rid.present)
			return ical_fail(ps, ICAL_UNSUPPORTED, ev->rid.line,
							 "%s is a modified instance (RECURRENCE-ID) that repeats itself, which is not supported",
							 name);
		return ical_emit_recurring(ps, ev, ev->dtstart.day, (int) span);
	}
	if (ev->rid.present && ev->rid_future)
		return ical_fail(ps, ICAL_UNSUPPORTED, ev->rid.line,
						 "%s has RECURRENCE-ID;RANGE=THISANDFUTURE, which is not supported",
						 name);
	return ical_emit_occurrence(ps, ev, ev->dtstart.day, (int) span, ev->dtstart.line);
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
	ValueType	vt = ical_value_type(h, &ok);

	if (dst->present)
		return ical_fail(ps, ICAL_MALFORMED, h->line,
						 "second %s in the event that begins at line %d", h->name, ps->ev.line);
	if (!ok)
		return ical_fail(ps, ICAL_MALFORMED, h->line,
						 "%s;VALUE=%s is not allowed (only DATE or DATE-TIME)",
						 h->name, ical_show_str(s, h->value_param));
	if (!ical_read_value(c, v, sizeof(v), &n))
		return ical_fail(ps, ICAL_MALFORMED, h->value_line,
						 "%s value \"%s\" is too long", h->name, ical_show(s, v, n));
	if (!ical_parse_stamp(ps, h->name, v, n, vt, h->value_line, dst))
		return false;
	if (dst->kind == SK_DATE && strcmp(h->name, "RECURRENCE-ID") != 0)
		return ical_check_year_range(ps, h->name, dst);
	return true;
}

/* EXDATE, RDATE: a list of DATE or DATE-TIME values */
static bool
read_stamp_list(Parser *ps, Cursor *c, const Head *h, Stamp *list, int *n_list,
				int *overflow_line)
{
	bool		ok;
	ValueType	vt = ical_value_type(h, &ok);
	char		s[SHOW_CAP];

	if (!ok)
	{
		if (strcmp(h->value_param, "PERIOD") == 0 && strcmp(h->name, "RDATE") == 0)
		{
			ps->ev.rdate_period_line = h->value_line;
			return true;
		}
		return ical_fail(ps, ICAL_MALFORMED, h->line,
						 "%s;VALUE=%s is not allowed (only DATE or DATE-TIME)",
						 h->name, ical_show_str(s, h->value_param));
	}
	for (;;)
	{
		char		v[VALUE_CAP];
		size_t		n = 0;
		bool		fits = true;
		int			line;
		int			ch;
		Stamp		st;

		while ((ch = ical_peek(c)) == ' ' || ch == '\t')
			ical_advance(c);
		line = c->line;
		while ((ch = ical_peek(c)) >= 0 && ch != ',')
		{
			if (n < sizeof(v) - 1)
				v[n++] = (char) ch;
			else
				fits = false;
			ical_advance(c);
		}
		while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
			n--;
		v[n] = '\0';
		if (!fits)
			return ical_fail(ps, ICAL_MALFORMED, line,
							 "%s value \"%s\" is too long", h->name, ical_show(s, v, n));
		memset(&st, 0, sizeof(st));
		if (!ical_parse_stamp(ps, h->name, v, n, vt, line, &st))
			return false;
		if (*n_list < ICAL_MAX_EXCEPTIONS)
			list[(*n_list)++] = st;
		else if (*overflow_line == 0)
			*overflow_line = line;
		if (ch != ',')
			return true;
		ical_advance(c);
	}
}

/* Whether the rest of the content line is word (or other), in any case */
static bool
value_is(Cursor *c, const char *word, const char *other)
{
	char		v[VALUE_CAP];
	size_t		n;

	ical_read_value(c, v, sizeof(v), &n);
	ical_upper_str(v);
	return strcmp(v, word) == 0 || (other != NULL && strcmp(v, other) == 0);
}

/* DURATION: once, with no VALUE but DURATION */
static bool
read_duration_prop(Parser *ps, Cursor *c, const Head *h)
{
	Event	   *ev = &ps->ev;
	char		v[VALUE_CAP];
	char		s[SHOW_CAP];
	size_t		n;

	if (ev->has_duration)
		return ical_fail(ps, ICAL_MALFORMED, h->line,
						 "second DURATION in the event that begins at line %d", ev->line);
	if (h->value_param[0] && strcmp(h->value_param, "DURATION") != 0)
		return ical_fail(ps, ICAL_MALFORMED, h->line,
						 "DURATION;VALUE=%s is not allowed", ical_show_str(s, h->value_param));
	if (!ical_read_value(c, v, sizeof(v), &n) ||
		!ical_parse_duration(v, &ev->dur_secs, &ev->dur_negative))
		return ical_fail(ps, ICAL_MALFORMED, h->value_line,
						 "DURATION value \"%s\" is not a duration such as P1D, P2W or PT1H30M",
						 ical_show(s, v, n));
	ev->has_duration = true;
	ev->dur_line = h->value_line;
	memcpy(ev->dur_text, v, n + 1);
	return true;
}

/* RRULE: the first one kept for expansion, the others only counted */
static void
read_rrule_prop(Cursor *c, const Head *h, Event *ev)
{
	if (++ev->n_rrule == 1)
	{
		ev->rrule_line = h->value_line;
		ev->rrule_long = !ical_read_value(c, ev->rrule, sizeof(ev->rrule), NULL);
	}
}

/* SUMMARY and UID: the first of each, unescaped */
static void
read_name_prop(Cursor *c, const Head *h, Event *ev)
{
	uint64_t	ignored;

	if (ical_head_is(h, "SUMMARY") && !ev->has_summary)
	{
		ical_read_text(c, ev->summary, sizeof(ev->summary), &ignored);
		ev->has_summary = true;
	}
	else if (ical_head_is(h, "UID") && !ev->has_uid)
	{
		ical_read_text(c, ev->uid, sizeof(ev->uid), &ev->uid_hash);
		ev->has_uid = true;
	}
}

/* A property of a VEVENT: what matters of it kept in ps->ev */
static bool
event_property(Parser *ps, Cursor *c, const Head *h)
{
	Event	   *ev = &ps->ev;

	if (ical_head_is(h, "DTSTART"))
		return read_stamp_prop(ps, c, h, &ev->dtstart);
	if (ical_head_is(h, "DTEND"))
		return read_stamp_prop(ps, c, h, &ev->dtend);
	if (ical_head_is(h, "RECURRENCE-ID"))
	{
		ev->rid_future = h->range_future;
		return read_stamp_prop(ps, c, h, &ev->rid);
	}
	if (ical_head_is(h, "DURATION"))
		return read_duration_prop(ps, c, h);
	if (ical_head_is(h, "EXDATE"))
		return read_stamp_list(ps, c, h, ev->exdate, &ev->n_exdate,
							   &ev->exdate_overflow_line);
	if (ical_head_is(h, "RDATE"))
		return read_stamp_list(ps, c, h, ev->rdate, &ev->n_rdate,
							   &ev->rdate_overflow_line);
	if (ical_head_is(h, "STATUS"))
		ev->cancelled |= value_is(c, "CANCELLED", "CANCELED");
	else if (ical_head_is(h, "RRULE"))
		read_rrule_prop(c, h, ev);
	else if (ical_head_is(h, "EXRULE"))
		ev->exrule_line = h->value_line;
	else if (ical_head_is(h, "X-MICROSOFT-CDO-ALLDAYEVENT") ||
			 ical_head_is(h, "X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT"))
		ev->allday_flag |= value_is(c, "TRUE", NULL);
	else
		read_name_prop(c, h, ev);
	return true;
}

/* A property of the VCALENDAR: what says the input is no calendar to read */
static bool
calendar_property(Parser *ps, Cursor *c, const Head *h)
{
	if (ical_head_is(h, "METHOD") && value_is(c, "CANCEL", NULL))
		return ical_fail(ps, ICAL_UNSUPPORTED, h->value_line,
						 "METHOD:CANCEL: this is a meeting cancellation, not a calendar");
	if (ical_head_is(h, "VERSION") && value_is(c, "1.0", NULL))
		return ical_fail(ps, ICAL_UNSUPPORTED, h->value_line,
						 "VERSION:1.0 is a vCalendar 1.0 file, which is not supported (export as iCalendar 2.0)");
	return true;
}

/* ----------------------------------------------------------------------
 * Components
 * ---------------------------------------------------------------------- */

/* BEGIN:name or END:name: the component name, upper case */
static bool
read_component_name(Parser *ps, Cursor *c, const Head *h, char *name)
{
	char		s[SHOW_CAP];
	size_t		n;
	size_t		i;

	if (!ical_read_value(c, name, COMP_NAME_CAP, &n))
		return ical_fail(ps, ICAL_MALFORMED, h->value_line,
						 "%s:%s is too long for a component name", h->name, ical_show(s, name, n));
	for (i = 0; i < n; i++)
		if (!ical_is_name_char((unsigned char) name[i]))
			break;
	if (n == 0 || i < n)
		return ical_fail(ps, ICAL_MALFORMED, h->value_line,
						 "%s value \"%s\" is not a component name", h->name, ical_show(s, name, n));
	ical_upper_str(name);
	return true;
}

/* BEGIN:name: a component opened, an event started */
static bool
begin_component(Parser *ps, Cursor *c, const Head *h)
{
	char		name[COMP_NAME_CAP];
	const Component *top = ps->depth > 0 ? &ps->stack[ps->depth - 1] : NULL;

	if (!read_component_name(ps, c, h, name))
		return false;
	if (top == NULL)
	{
		if (strcmp(name, "VCALENDAR") != 0)
			return ical_fail(ps, ICAL_MALFORMED, h->line,
							 "expected BEGIN:VCALENDAR, found BEGIN:%s", name);
		ps->seen_calendar = true;
	}
	else if (strcmp(name, "VCALENDAR") == 0)
		return ical_fail(ps, ICAL_MALFORMED, h->line,
						 "BEGIN:VCALENDAR inside BEGIN:%s (line %d)", top->name, top->line);
	else if (strcmp(name, "VEVENT") == 0)
	{
		if (ps->depth != 1)
			return ical_fail(ps, ICAL_MALFORMED, h->line,
							 "BEGIN:VEVENT inside BEGIN:%s (line %d): events must be directly inside VCALENDAR",
							 top->name, top->line);
		memset(&ps->ev, 0, sizeof(ps->ev));
		ps->ev.line = h->line;
		ps->in_event = true;
	}
	if (ps->depth >= MAX_DEPTH)
		return ical_fail(ps, ICAL_LIMIT, h->line,
						 "components are nested more than %d deep", MAX_DEPTH);
	strcpy(ps->stack[ps->depth].name, name);
	ps->stack[ps->depth].line = h->line;
	ps->depth++;
	return true;
}

/* END:name: the innermost component closed, an event finished */
static bool
end_component(Parser *ps, Cursor *c, const Head *h)
{
	char		name[COMP_NAME_CAP];
	const Component *top;

	if (!read_component_name(ps, c, h, name))
		return false;
	if (ps->depth == 0)
		return ical_fail(ps, ICAL_MALFORMED, h->line,
						 "expected BEGIN:VCALENDAR, found END:%s", name);
	top = &ps->stack[ps->depth - 1];
	if (strcmp(name, top->name) != 0)
		return ical_fail(ps, ICAL_MALFORMED, h->line,
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

/* One content line, by where it stands */
static bool
handle_line(Parser *ps, Cursor *c)
{
	Head		h;
	char		s[SHOW_CAP];

	if (!ical_read_head(ps, c, &h))
		return false;
	if (ical_head_is(&h, "BEGIN"))
		return begin_component(ps, c, &h);
	if (ical_head_is(&h, "END"))
		return end_component(ps, c, &h);
	if (ps->depth == 0)
		return ical_fail(ps, ICAL_MALFORMED, h.line,
						 "expected BEGIN:VCALENDAR, found property %s", ical_show_str(s, h.name));
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
			ical_next_line(&c);
			continue;
		}
		if (ch == ' ' || ch == '\t')
			return ical_fail(ps, ICAL_MALFORMED, c.line,
							 "line begins with a space or tab (a continuation) but continues no property");
		if (!handle_line(ps, &c))
			return false;
		ical_next_line(&c);
	}
	if (ps->depth > 0)
	{
		const Component *top = &ps->stack[ps->depth - 1];

		return ical_fail(ps, ICAL_MALFORMED, top->line,
						 "BEGIN:%s is never closed (the input ends without END:%s)",
						 top->name, top->name);
	}
	if (!ps->seen_calendar)
		return ical_fail(ps, ICAL_MALFORMED, 1,
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
		return ical_fail(&ps, ICAL_MALFORMED, line, "the input contains a NUL byte");
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
