/*
 * ical_reader.c
 *		Reading the content lines of an iCalendar text (RFC 5545, section
 *		3.1): unfolding, property and parameter names, the parameters that
 *		matter, and the DATE, DATE-TIME and DURATION values; and the messages
 *		of every problem the reader finds (ical_internal.h).
 *
 * The input is read where it lies, never copied: the cursor unfolds the
 * content lines on the fly (a line that starts with a space or a tab
 * continues the one before), and only the values that matter are copied
 * into small buffers of the caller's.
 */
#include "holidays/ical_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/civil_date.h"

#define SHOW_MAX		48		/* a quoted part longer than this is cut */

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
const char *
ical_show(char *out, const char *s, size_t n)
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

const char *
ical_show_str(char *out, const char *s)
{
	return ical_show(out, s, strlen(s));
}

/* The raw text of the physical line at p, for a message */
static const char *
show_line(char *out, const char *p, const char *end)
{
	const char *q = p;

	while (q < end && *q != '\r' && *q != '\n' && q - p <= SHOW_MAX)
		q++;
	return ical_show(out, p, (size_t) (q - p));
}

/* A DATE or DATE-TIME as written in iCalendar */
const char *
ical_show_stamp(char *out, const Stamp *s)
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

const char *
ical_show_day(char *out, int64_t day)
{
	int			y,
				m,
				d;

	civil_from_days(day, &y, &m, &d);
	snprintf(out, SHOW_CAP, "%04d-%02d-%02d", y, m, d);
	return out;
}

/* Records the problem (message, then " at line N") and returns false */
bool
ical_fail(Parser *ps, IcalProblem problem, int line, const char *fmt,...)
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

/*
 * The next byte of the current content line, stepping over folds; -1 at
 * the end of the content line (p is then at its line break, or the end).
 */
int
ical_peek(Cursor *c)
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

/* Steps over the byte ical_peek() returned */
void
ical_advance(Cursor *c)
{
	c->p++;
}

/* Steps over the rest of the content line and its line break */
void
ical_next_line(Cursor *c)
{
	while (ical_peek(c) >= 0)
		ical_advance(c);
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

/*
 * Copies the rest of the content line into buf (cap bytes with the NUL),
 * without blanks at either end; returns false if it did not fit.
 */
bool
ical_read_value(Cursor *c, char *buf, size_t cap, size_t *len)
{
	size_t		n = 0;
	bool		fits = true;
	int			ch;

	while ((ch = ical_peek(c)) == ' ' || ch == '\t')
		ical_advance(c);
	while ((ch = ical_peek(c)) >= 0)
	{
		if (n < cap - 1)
			buf[n++] = (char) ch;
		else if (ch != ' ' && ch != '\t')
			fits = false;
		ical_advance(c);
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
void
ical_read_text(Cursor *c, char *buf, size_t cap, uint64_t *hash)
{
	uint64_t	h = UINT64_C(14695981039346656037);
	size_t		n = 0;
	bool		cut = false;
	int			ch;

	while ((ch = ical_peek(c)) >= 0)
	{
		ical_advance(c);
		if (ch == '\\')
		{
			int			e = ical_peek(c);

			if (e >= 0)
			{
				ical_advance(c);
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
 * Names and content lines
 * ---------------------------------------------------------------------- */

bool
ical_is_name_char(int ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		(ch >= '0' && ch <= '9') || ch == '-';
}

int
ical_upper(int ch)
{
	return ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch;
}

void
ical_upper_str(char *s)
{
	for (; *s; s++)
		*s = (char) ical_upper((unsigned char) *s);
}

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

	while ((ch = ical_peek(c)) >= 0 && ical_is_name_char(ch))
	{
		if (n < sizeof(name) - 1)
			name[n++] = (char) ical_upper(ch);
		ical_advance(c);
	}
	name[n] = '\0';
	if (n == 0)
		return ical_fail(ps, ICAL_MALFORMED, c->line,
						 "property %s has a parameter without a name",
						 ical_show_str(s, h->name));
	if (ical_peek(c) != '=')
		return ical_fail(ps, ICAL_MALFORMED, c->line,
						 "parameter %s of property %s has no \"=\" and value",
						 name, ical_show_str(s, h->name));
	ical_advance(c);
	for (;;)
	{
		ch = ical_peek(c);
		if (ch == '"')
		{
			ical_advance(c);
			while ((ch = ical_peek(c)) >= 0 && ch != '"')
			{
				if (first && vn < sizeof(value) - 1)
					value[vn++] = (char) ical_upper(ch);
				ical_advance(c);
			}
			if (ch < 0)
				return ical_fail(ps, ICAL_MALFORMED, c->line,
								 "parameter %s of property %s has a quoted value without its closing quote",
								 name, ical_show_str(s, h->name));
			ical_advance(c);
		}
		else
		{
			while ((ch = ical_peek(c)) >= 0 && ch != ';' && ch != ':' && ch != ',')
			{
				if (first && vn < sizeof(value) - 1)
					value[vn++] = (char) ical_upper(ch);
				ical_advance(c);
			}
		}
		first = false;
		if (ical_peek(c) != ',')
			break;
		ical_advance(c);
	}
	value[vn] = '\0';
	if (strcmp(name, "VALUE") == 0)
		memcpy(h->value_param, value, vn + 1);
	else if (strcmp(name, "RANGE") == 0 && strcmp(value, "THISANDFUTURE") == 0)
		h->range_future = true;
	return true;
}

/* Reads NAME *(;param) ":" of the content line at the cursor */
bool
ical_read_head(Parser *ps, Cursor *c, Head *h)
{
	const char *start = c->p;
	char		s[SHOW_CAP];
	size_t		n = 0;
	int			ch;

	h->name_long = false;
	h->line = c->line;
	h->value_param[0] = '\0';
	h->range_future = false;
	while ((ch = ical_peek(c)) >= 0 && ical_is_name_char(ch))
	{
		if (n < sizeof(h->name) - 1)
			h->name[n++] = (char) ical_upper(ch);
		else
			h->name_long = true;
		ical_advance(c);
	}
	h->name[n] = '\0';
	if (n == 0 || (ch != ':' && ch != ';'))
	{
		if (ps->depth == 0)
			return ical_fail(ps, ICAL_MALFORMED, h->line,
							 "expected BEGIN:VCALENDAR, found \"%s\"",
							 show_line(s, start, ps->end));
		return ical_fail(ps, ICAL_MALFORMED, h->line,
						 "\"%s\" is not a content line (NAME:value)",
						 show_line(s, start, ps->end));
	}
	for (;;)
	{
		ch = ical_peek(c);
		if (ch == ':')
		{
			ical_advance(c);
			break;
		}
		if (ch != ';')
			return ical_fail(ps, ICAL_MALFORMED, c->line,
							 "property %s: expected \";\" or \":\" after a parameter, found %s",
							 ical_show_str(s, h->name), ch < 0 ? "the end of the line" : "another character");
		ical_advance(c);
		if (!read_param(ps, c, h))
			return false;
	}
	ical_peek(c);
	h->value_line = c->line;
	return true;
}

bool
ical_head_is(const Head *h, const char *name)
{
	return !h->name_long && strcmp(h->name, name) == 0;
}

/* ----------------------------------------------------------------------
 * Values
 * ---------------------------------------------------------------------- */

bool
ical_all_digits(const char *s, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

int
ical_digits_value(const char *s, size_t n)
{
	int			v = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

ValueType
ical_value_type(const Head *h, bool *ok)
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

/* A DATE or DATE-TIME value of property prop */
bool
ical_parse_stamp(Parser *ps, const char *prop, const char *v, size_t n,
				 ValueType vt, int line, Stamp *out)
{
	char		s[SHOW_CAP];
	bool		d8 = n >= 8 && ical_all_digits(v, 8);
	bool		is_date = d8 && n == 8;
	bool		is_time = d8 && (n == 15 || n == 16) &&
		(v[8] == 'T' || v[8] == 't') && ical_all_digits(v + 9, 6) &&
		(n == 15 || v[15] == 'Z' || v[15] == 'z');
	int			y,
				m,
				d;

	if (vt == VT_DATE && !is_date)
		return ical_fail(ps, ICAL_MALFORMED, line,
						 "%s value \"%s\" is not a DATE (expected YYYYMMDD)",
						 prop, ical_show(s, v, n));
	if (vt == VT_DATE_TIME && !is_time)
		return ical_fail(ps, ICAL_MALFORMED, line,
						 "%s value \"%s\" is not a DATE-TIME (expected YYYYMMDDTHHMMSS, Z for UTC)",
						 prop, ical_show(s, v, n));
	if (!is_date && !is_time)
		return ical_fail(ps, ICAL_MALFORMED, line,
						 "%s value \"%s\" is neither a DATE (YYYYMMDD) nor a DATE-TIME (YYYYMMDDTHHMMSS)",
						 prop, ical_show(s, v, n));
	y = ical_digits_value(v, 4);
	m = ical_digits_value(v + 4, 2);
	d = ical_digits_value(v + 6, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return ical_fail(ps, ICAL_MALFORMED, line,
						 "%s value \"%s\" is not a valid date", prop, ical_show(s, v, n));
	out->present = true;
	out->kind = is_date ? SK_DATE : n == 16 ? SK_UTC : SK_LOCAL;
	out->day = (int) days_from_civil(y, m, d);
	out->secs = 0;
	out->line = line;
	if (is_time)
	{
		int			hh = ical_digits_value(v + 9, 2);
		int			mi = ical_digits_value(v + 11, 2);
		int			ss = ical_digits_value(v + 13, 2);

		if (hh > 23 || mi > 59 || ss > 60)
			return ical_fail(ps, ICAL_MALFORMED, line,
							 "%s value \"%s\" is not a valid time of day",
							 prop, ical_show(s, v, n));
		out->secs = hh * 3600 + mi * 60 + (ss > 59 ? 59 : ss);
	}
	return true;
}

/* A date within the years 1000 to 9999 */
bool
ical_check_year_range(Parser *ps, const char *prop, const Stamp *st)
{
	char		s[SHOW_CAP];

	if (st->day < ICAL_FIRST_DAY || st->day > ICAL_LAST_DAY)
		return ical_fail(ps, ICAL_MALFORMED, st->line,
						 "%s value \"%s\" is outside the years 1000 to 9999",
						 prop, ical_show_stamp(s, st));
	return true;
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
bool
ical_parse_duration(const char *v, int64_t *secs, bool *negative)
{
	size_t		i = 0;
	int64_t		total = 0;
	int64_t		num;
	bool		any = false;

	*negative = false;
	if (v[i] == '+' || v[i] == '-')
		*negative = v[i++] == '-';
	if (ical_upper((unsigned char) v[i]) != 'P')
		return false;
	i++;
	if (v[i] >= '0' && v[i] <= '9')
	{
		int			unit;

		read_number(v, &i, &num);
		unit = ical_upper((unsigned char) v[i]);
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
	if (ical_upper((unsigned char) v[i]) == 'T')
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
			unit = ical_upper((unsigned char) v[i]);
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
