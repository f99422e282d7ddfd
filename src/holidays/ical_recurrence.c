/*
 * ical_recurrence.c
 *		The dates of a recurring all-day event: its RRULE parsed, and the
 *		rule, RDATE, EXDATE and the event's modified instances expanded into
 *		occurrences (ical_internal.h; the top of ical.c lists what is read).
 *
 * A rule is expanded period by period (a day, a week from WKST, a month or
 * a year, INTERVAL apart) from DTSTART's: the dates of each period are the
 * ones its BYxxx parts give (or DTSTART's day of the week, month or year
 * when they give none), cut by BYSETPOS, and the occurrences are those from
 * DTSTART on, until COUNT, UNTIL or the caller's range ends them.  A rule
 * without end is expanded within the caller's range only, from the period
 * of its first date.  Periods looked at are counted against STEP_BUDGET, so
 * that a rule whose dates are rare (the 31st of February) cannot run on.
 */
#include "holidays/ical_internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/civil_date.h"

#define LIST_CAP		64		/* values of one BYxxx rule part */
#define STEP_BUDGET		5000000 /* recurrence periods looked at, per input */
#define MAX_CANDIDATES	366		/* dates of one recurrence period */

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
		if (ical_upper((unsigned char) s[0]) == codes[i][0] &&
			ical_upper((unsigned char) s[1]) == codes[i][1] && s[2] == '\0')
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
	if (n == 0 || n > 9 || !ical_all_digits(s, n))
		return false;
	*v = ical_digits_value(s, n);
	if (neg)
		*v = -*v;
	return true;
}

/* The rule parts read, in the order of the bits of a mask of parts seen */
typedef enum RulePart
{
	RP_FREQ,
	RP_INTERVAL,
	RP_COUNT,
	RP_UNTIL,
	RP_BYMONTH,
	RP_BYMONTHDAY,
	RP_BYDAY,
	RP_BYSETPOS,
	RP_WKST,
	N_RULE_PARTS
} RulePart;

static const char *const rule_part_names[N_RULE_PARTS] = {
	"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYMONTHDAY", "BYDAY",
	"BYSETPOS", "WKST"
};

/* Where the problems of a rule are reported: naming its event, at its line */
typedef struct RuleSite
{
	Parser	   *ps;
	const char *event;
	int			line;
} RuleSite;

/* The RulePart of an upper-case part name, or -1 for a part not read */
static int
rule_part_index(const char *part)
{
	int			i;

	for (i = 0; i < N_RULE_PARTS; i++)
		if (strcmp(part, rule_part_names[i]) == 0)
			return i;
	return -1;
}

/* A part that is not read: skipped if it is an X- part, else refused */
static bool
skip_unread_part(const RuleSite *site, const char *part)
{
	char		s[SHOW_CAP];

	if (strncmp(part, "X-", 2) == 0)
		return true;
	if (strcmp(part, "BYWEEKNO") == 0 || strcmp(part, "BYYEARDAY") == 0)
		return ical_fail(site->ps, ICAL_UNSUPPORTED, site->line,
						 "%s: RRULE part %s is not supported", site->event, part);
	if (strcmp(part, "BYHOUR") == 0 || strcmp(part, "BYMINUTE") == 0 ||
		strcmp(part, "BYSECOND") == 0)
		return ical_fail(site->ps, ICAL_MALFORMED, site->line,
						 "%s: RRULE part %s does not go with an all-day event",
						 site->event, part);
	return ical_fail(site->ps, ICAL_MALFORMED, site->line,
					 "%s: unknown RRULE part \"%s\"", site->event, ical_show_str(s, part));
}

static bool
read_freq(const RuleSite *site, char *val, Rule *r)
{
	static const char *const names[] = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
	char		s[SHOW_CAP];
	int			i;

	ical_upper_str(val);
	for (i = 0; i < 4; i++)
		if (strcmp(val, names[i]) == 0)
		{
			r->freq = (Freq) (FREQ_DAILY + i);
			return true;
		}
	if (strcmp(val, "HOURLY") == 0 || strcmp(val, "MINUTELY") == 0 ||
		strcmp(val, "SECONDLY") == 0)
		return ical_fail(site->ps, ICAL_UNSUPPORTED, site->line,
						 "%s: RRULE FREQ=%s does not go with an all-day event",
						 site->event, val);
	return ical_fail(site->ps, ICAL_MALFORMED, site->line,
					 "%s: RRULE FREQ=%s is not a frequency", site->event, ical_show_str(s, val));
}

static bool
read_interval(const RuleSite *site, const char *val, Rule *r)
{
	char		s[SHOW_CAP];

	if (!parse_int(val, &r->interval) || r->interval < 1 || val[0] == '+' || val[0] == '-')
		return ical_fail(site->ps, ICAL_MALFORMED, site->line,
						 "%s: RRULE INTERVAL=%s is not a positive number",
						 site->event, ical_show_str(s, val));
	return true;
}

/* COUNT: digits, saturating at 999999999 */
static bool
read_count(const RuleSite *site, const char *val, Rule *r)
{
	char		s[SHOW_CAP];
	size_t		n = strlen(val);

	if (n == 0 || !ical_all_digits(val, n) || (n <= 9 && ical_digits_value(val, n) < 1))
		return ical_fail(site->ps, ICAL_MALFORMED, site->line,
						 "%s: RRULE COUNT=%s is not a positive number",
						 site->event, ical_show_str(s, val));
	r->count = n > 9 ? 999999999 : ical_digits_value(val, n);
	r->has_count = true;
	return true;
}

static bool
read_wkst(const RuleSite *site, const char *val, Rule *r)
{
	char		s[SHOW_CAP];

	r->wkst = weekday_code(val);
	if (r->wkst < 0)
		return ical_fail(site->ps, ICAL_MALFORMED, site->line,
						 "%s: RRULE WKST=%s is not a weekday (MO to SU)",
						 site->event, ical_show_str(s, val));
	return true;
}

/* One BYDAY value: a weekday, with a number before it or none */
static bool
add_byday(const RuleSite *site, char *item, Rule *r)
{
	char		s[SHOW_CAP];
	size_t		n = strlen(item);
	int			wd = n >= 2 ? weekday_code(item + n - 2) : -1;
	WeekdayNum *e = &r->byday[r->n_byday];
	int64_t		v = 0;

	if (wd < 0)
		return ical_fail(site->ps, ICAL_MALFORMED, site->line,
						 "%s: RRULE BYDAY value \"%s\" is not a weekday such as MO, 2TU or -1FR",
						 site->event, ical_show_str(s, item));
	item[n - 2] = '\0';
	if (n > 2 && (!parse_int(item, &v) || v == 0 || v < -53 || v > 53))
		return ical_fail(site->ps, ICAL_MALFORMED, site->line,
						 "%s: RRULE BYDAY value \"%s\" has a bad number (1 to 53, or -1 to -53)",
						 site->event, ical_show_str(s, item));
	if (r->n_byday >= LIST_CAP)
		return ical_fail(site->ps, ICAL_LIMIT, site->line,
						 "%s: RRULE BYDAY has more than %d values", site->event, LIST_CAP);
	e->wd = wd;
	e->ord = (int) v;
	if (v != 0)
		r->byday_numbered = true;
	r->n_byday++;
	return true;
}

/* One value of BYMONTH, BYMONTHDAY or BYSETPOS, checked for its range */
static bool
add_rule_number(const RuleSite *site, RulePart which, const char *item, Rule *r)
{
	const char *part = rule_part_names[which];
	int			lo = which == RP_BYMONTH ? 1 : which == RP_BYMONTHDAY ? -31 : -366;
	int			hi = which == RP_BYMONTH ? 12 : which == RP_BYMONTHDAY ? 31 : 366;
	int		   *n = which == RP_BYMONTHDAY ? &r->n_bymonthday : &r->n_bysetpos;
	int		   *list = which == RP_BYMONTHDAY ? r->bymonthday : r->bysetpos;
	char		s[SHOW_CAP];
	int64_t		v;

	if (!parse_int(item, &v) || v == 0 || v < lo || v > hi)
		return ical_fail(site->ps, ICAL_MALFORMED, site->line,
						 "%s: RRULE %s value \"%s\" is not a number from %d to %d",
						 site->event, part, ical_show_str(s, item), lo == 1 ? 1 : -hi, hi);
	if (which == RP_BYMONTH)
	{
		r->bymonth |= 1 << v;
		return true;
	}
	if (*n >= LIST_CAP)
		return ical_fail(site->ps, ICAL_LIMIT, site->line,
						 "%s: RRULE %s has more than %d values", site->event, part, LIST_CAP);
	list[(*n)++] = (int) v;
	return true;
}

/* The comma-separated values of a BYxxx part, cut in place */
static bool
read_rule_list(const RuleSite *site, RulePart which, char *val, Rule *r)
{
	char	   *item = val;

	for (;;)
	{
		char	   *comma = strchr(item, ',');

		if (comma)
			*comma = '\0';
		if (!(which == RP_BYDAY ? add_byday(site, item, r) :
			  add_rule_number(site, which, item, r)))
			return false;
		if (!comma)
			return true;
		item = comma + 1;
	}
}

static bool
read_rule_part(const RuleSite *site, RulePart which, char *val, Rule *r)
{
	switch (which)
	{
		case RP_FREQ:
			return read_freq(site, val, r);
		case RP_INTERVAL:
			return read_interval(site, val, r);
		case RP_COUNT:
			return read_count(site, val, r);
		case RP_UNTIL:
			if (!ical_parse_stamp(site->ps, "RRULE UNTIL", val, strlen(val), VT_ANY,
								  site->line, &r->until))
				return false;
			r->has_until = true;
			return true;
		case RP_WKST:
			return read_wkst(site, val, r);
		default:
			return read_rule_list(site, which, val, r);
	}
}

/* What the parts say together: a frequency, and parts that go with it */
static bool
check_rule(const RuleSite *site, const Rule *r)
{
	Parser	   *ps = site->ps;

	if (r->freq == FREQ_NONE)
		return ical_fail(ps, ICAL_MALFORMED, site->line, "%s: RRULE has no FREQ", site->event);
	if (r->has_count && r->has_until)
		return ical_fail(ps, ICAL_MALFORMED, site->line,
						 "%s: RRULE has both COUNT and UNTIL", site->event);
	if (r->byday_numbered && (r->freq == FREQ_DAILY || r->freq == FREQ_WEEKLY))
		return ical_fail(ps, ICAL_MALFORMED, site->line,
						 "%s: RRULE BYDAY with a number goes only with FREQ=MONTHLY or YEARLY",
						 site->event);
	if (r->n_bymonthday > 0 && r->freq == FREQ_WEEKLY)
		return ical_fail(ps, ICAL_MALFORMED, site->line,
						 "%s: RRULE BYMONTHDAY does not go with FREQ=WEEKLY", site->event);
	if (r->byday_numbered && r->freq == FREQ_YEARLY && r->bymonth == 0)
		return ical_fail(ps, ICAL_UNSUPPORTED, site->line,
						 "%s: RRULE BYDAY with a number in a yearly rule without BYMONTH is not supported",
						 site->event);
	return true;
}

/*
 * Parses ev->rrule, cutting its text into parts in place; problems are
 * reported naming the event ("event").  Each part comes at most once.
 */
static bool
parse_rrule(Parser *ps, Event *ev, const char *event, Rule *r)
{
	RuleSite	site = {ps, event, ev->rrule_line};
	char	   *p = ev->rrule;
	unsigned	seen = 0;

	memset(r, 0, sizeof(*r));
	r->interval = 1;
	while (*p)
	{
		char	   *part = p;
		char	   *semi = strchr(p, ';');
		char	   *eq;
		char		s[SHOW_CAP];
		int			which;

		p = semi ? semi + 1 : p + strlen(p);
		if (semi)
			*semi = '\0';
		if (*part == '\0')
			continue;
		eq = strchr(part, '=');
		if (!eq)
			return ical_fail(ps, ICAL_MALFORMED, site.line,
							 "%s: RRULE part \"%s\" has no \"=\"", event, ical_show_str(s, part));
		*eq = '\0';
		ical_upper_str(part);
		which = rule_part_index(part);
		if (which < 0)
		{
			if (!skip_unread_part(&site, part))
				return false;
			continue;
		}
		if (seen & (1u << which))
			return ical_fail(ps, ICAL_MALFORMED, site.line,
							 "%s: RRULE part %s is given twice", event, part);
		seen |= 1u << which;
		if (!read_rule_part(&site, (RulePart) which, eq + 1, r))
			return false;
	}
	return check_rule(&site, r);
}

/* ----------------------------------------------------------------------
 * The dates of a period
 * ---------------------------------------------------------------------- */

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

/* DAILY: the period's one date, if the BYxxx parts let it through */
static int
daily_dates(const Series *x, int64_t k, int64_t *all)
{
	const Rule *r = x->rule;
	int64_t		d = period_start(x, k);
	int			y,
				m,
				md;

	civil_from_days(d, &y, &m, &md);
	if ((r->bymonth == 0 || (r->bymonth & (1 << m))) &&
		(r->n_bymonthday == 0 || bymonthday_matches(r, md, days_in_month(y, m))) &&
		(r->n_byday == 0 || byday_matches(r, d, md, days_in_month(y, m))))
	{
		all[0] = d;
		return 1;
	}
	return 0;
}

/* WEEKLY: BYDAY's days of the week (else DTSTART's), in BYMONTH's months */
static int
weekly_dates(const Series *x, int64_t k, int64_t *all)
{
	const Rule *r = x->rule;
	int64_t		ws = period_start(x, k);
	int			n = 0;
	int			i;

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
	return n;
}

/* MONTHLY: the month's dates, if BYMONTH lets it through */
static int
monthly_dates(const Series *x, int64_t k, int64_t *all)
{
	const Rule *r = x->rule;
	int64_t		mi = (int64_t) x->y0 * 12 + x->m0 - 1 + k * r->interval;
	int			m = (int) (mi % 12) + 1;

	if (r->bymonth == 0 || (r->bymonth & (1 << m)))
		return month_dates(r, mi / 12, m, x->d0, all, 0);
	return 0;
}

/* YEARLY: BYMONTH's months, or every month's BYMONTHDAY, or BYDAY's days */
static int
yearly_dates(const Series *x, int64_t k, int64_t *all)
{
	const Rule *r = x->rule;
	int64_t		y = x->y0 + k * r->interval;
	int			n = 0;
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
	return n;
}

/* BYSETPOS: the dates at its positions among all[0 .. n), sorted, unique */
static int
select_positions(const Rule *r, const int64_t *all, int n, int64_t *out)
{
	int			m = 0;
	int			kept = 0;
	int			i;

	for (i = 0; i < r->n_bysetpos; i++)
	{
		int			pos = r->bysetpos[i];
		int			idx = pos > 0 ? pos - 1 : n + pos;

		if (idx >= 0 && idx < n)
			out[m++] = all[idx];
	}
	qsort(out, (size_t) m, sizeof(int64_t), cmp_int64);
	for (i = 0; i < m; i++)
		if (kept == 0 || out[kept - 1] != out[i])
			out[kept++] = out[i];
	return kept;
}

/* The dates of period k, sorted, after BYSETPOS; returns how many */
static int
period_dates(const Series *x, int64_t k, int64_t *out)
{
	int64_t		all[MAX_CANDIDATES];
	int			n;

	switch (x->rule->freq)
	{
		case FREQ_DAILY:
			n = daily_dates(x, k, all);
			break;
		case FREQ_WEEKLY:
			n = weekly_dates(x, k, all);
			break;
		case FREQ_MONTHLY:
			n = monthly_dates(x, k, all);
			break;
		case FREQ_YEARLY:
			n = yearly_dates(x, k, all);
			break;
		default:
			n = 0;
			break;
	}
	if (x->rule->n_bysetpos == 0)
	{
		memcpy(out, all, (size_t) n * sizeof(int64_t));
		return n;
	}
	return select_positions(x->rule, all, n, out);
}

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

/* ----------------------------------------------------------------------
 * Expanding
 * ---------------------------------------------------------------------- */

/* One recurring event being expanded */
typedef struct Expansion
{
	Parser	   *ps;
	Event	   *ev;
	char		name[SHOW_CAP * 2]; /* the event, for messages */
	int			start;			/* DTSTART's date */
	int			span;			/* dates of one occurrence */
	int			excl[ICAL_MAX_EXCEPTIONS + ICAL_MAX_OVERRIDES]; /* dates left
																 * out, sorted */
	int			n_excl;
} Expansion;

/* What UNTIL and the caller's range leave of a rule's dates */
typedef struct Bounds
{
	int64_t		limit;			/* no date after it */
	int64_t		until_last;		/* the last date UNTIL allows */
	int64_t		amb_lo,
				amb_hi;			/* dates a UTC UNTIL leaves in doubt */
} Bounds;

/* What is refused in a recurring event before anything is expanded */
static bool
refuse_unexpandable(const Expansion *e)
{
	const Event *ev = e->ev;

	if (ev->n_rrule > 1)
		return ical_fail(e->ps, ICAL_UNSUPPORTED, ev->rrule_line,
						 "%s has more than one RRULE, which is not supported", e->name);
	if (ev->exrule_line)
		return ical_fail(e->ps, ICAL_UNSUPPORTED, ev->exrule_line,
						 "%s has an EXRULE, which is not supported", e->name);
	if (ev->rdate_period_line)
		return ical_fail(e->ps, ICAL_UNSUPPORTED, ev->rdate_period_line,
						 "%s has RDATE periods (VALUE=PERIOD), which are not supported", e->name);
	if (ev->exdate_overflow_line)
		return ical_fail(e->ps, ICAL_LIMIT, ev->exdate_overflow_line,
						 "%s has more than %d EXDATE values", e->name, ICAL_MAX_EXCEPTIONS);
	if (ev->rdate_overflow_line)
		return ical_fail(e->ps, ICAL_LIMIT, ev->rdate_overflow_line,
						 "%s has more than %d RDATE values", e->name, ICAL_MAX_EXCEPTIONS);
	return true;
}

/* The dates left out, sorted: EXDATE, and the modified instances */
static bool
collect_exclusions(Expansion *e)
{
	const Event *ev = e->ev;
	Parser	   *ps = e->ps;
	int			i;

	for (i = 0; i < ev->n_exdate; i++)
		if (!ical_date_of(ps, ev, "EXDATE", &ev->exdate[i], &e->excl[e->n_excl++]))
			return false;
	for (i = 0; ev->has_uid && i < ps->n_ov; i++)
	{
		const Override *o = &ps->ov[i];

		if (o->uid_hash != ev->uid_hash)
			continue;
		if (o->future)
			return ical_fail(ps, ICAL_UNSUPPORTED, o->rid.line,
							 "a modified instance of %s has RECURRENCE-ID;RANGE=THISANDFUTURE, which is not supported",
							 e->name);
		if (!ical_date_of(ps, ev, "RECURRENCE-ID", &o->rid, &e->excl[e->n_excl++]))
			return false;
	}
	qsort(e->excl, (size_t) e->n_excl, sizeof(int), cmp_int);
	return true;
}

/* Emits the occurrence on day, unless it is left out */
static bool
emit_unless_excluded(const Expansion *e, int64_t day, int line)
{
	return is_excluded(e->excl, e->n_excl, day) ||
		ical_emit_occurrence(e->ps, e->ev, day, e->span, line);
}

/*
 * The last date a rule may give: UNTIL's, within the caller's range.  A
 * rule with neither UNTIL nor COUNT needs a range.
 */
static bool
rule_bounds(const Expansion *e, const Rule *r, const char *rule_text, Bounds *b)
{
	b->limit = ICAL_LAST_DAY;
	b->until_last = ICAL_LAST_DAY;
	b->amb_lo = 1;
	b->amb_hi = 0;
	if (r->has_until)
	{
		int64_t		u = r->until.day;

		if (r->until.kind == SK_UTC)
		{
			/*
			 * The occurrence on date D starts at local midnight, which is
			 * UTC D - 14 h to D + 12 h depending on the zone.
			 */
			int64_t		sure = r->until.secs >= 43200 ? u : u - 1;
			int64_t		never = r->until.secs < 36000 ? u + 1 : u + 2;

			b->amb_lo = sure + 1;
			b->amb_hi = never - 1;
			u = never - 1;
		}
		b->until_last = u;
		if (u < b->limit)
			b->limit = u;
	}
	else if (!r->has_count && !e->ps->range)
		return ical_fail(e->ps, ICAL_UNSUPPORTED, e->ev->rrule_line,
						 "%s repeats without end (RRULE \"%s\" has neither COUNT nor UNTIL)",
						 e->name, rule_text);
	if (e->ps->range && e->ps->range->last_day < b->limit)
		b->limit = e->ps->range->last_day;
	return true;
}

static void
start_series(Series *x, const Rule *r, int start)
{
	x->rule = r;
	x->start = start;
	civil_from_days(start, &x->y0, &x->m0, &x->d0);
	x->base = r->freq == FREQ_WEEKLY ?
		start - (weekday_of(start) - r->wkst + 7) % 7 : start;
}

/* DTSTART must be one of the dates of its own period */
static bool
check_start_occurs(const Expansion *e, const Series *x)
{
	int64_t		cand[MAX_CANDIDATES];
	char		s[SHOW_CAP];
	int			n = period_dates(x, 0, cand);
	int			i;

	for (i = 0; i < n; i++)
		if (cand[i] == e->start)
			return true;
	return ical_fail(e->ps, ICAL_UNSUPPORTED, e->ev->rrule_line,
					 "%s: DTSTART %s is not one of the dates its RRULE gives",
					 e->name, ical_show_stamp(s, &e->ev->dtstart));
}

/*
 * The first period to look at: the first, or without COUNT, that of the
 * first date the caller's range wants
 */
static int64_t
first_period(const Expansion *e, const Series *x)
{
	const Rule *r = x->rule;
	const IcalRange *range = e->ps->range;
	int64_t		target;
	int			ty,
				tm,
				td;

	if (r->has_count || !range || (int64_t) range->first_day - (e->span - 1) <= e->start)
		return 0;
	target = (int64_t) range->first_day - (e->span - 1);
	civil_from_days(target, &ty, &tm, &td);
	switch (r->freq)
	{
		case FREQ_DAILY:
			return (target - x->base) / r->interval;
		case FREQ_WEEKLY:
			return (target - x->base) / (7 * r->interval);
		case FREQ_MONTHLY:
			return ((int64_t) ty * 12 + tm - (int64_t) x->y0 * 12 - x->m0) / r->interval;
		default:
			return ((int64_t) ty - x->y0) / r->interval;
	}
}

/*
 * Emits the occurrences of period k from DTSTART on, counting them; *done
 * once COUNT or the last date is reached
 */
static bool
emit_period(const Expansion *e, const Series *x, const Bounds *b, int64_t k,
			int64_t *count, bool *done)
{
	const Rule *r = x->rule;
	int64_t		cand[MAX_CANDIDATES];
	char		s[SHOW_CAP];
	char		s2[SHOW_CAP];
	int			n = period_dates(x, k, cand);
	int			i;

	for (i = 0; i < n; i++)
	{
		int64_t		d = cand[i];

		if (d < e->start)
			continue;
		if (d > b->limit || (r->has_count && *count >= r->count))
		{
			*done = true;
			return true;
		}
		(*count)++;
		if (is_excluded(e->excl, e->n_excl, d))
			continue;
		if (d != e->start && d >= b->amb_lo && d <= b->amb_hi)
			return ical_fail(e->ps, ICAL_UNSUPPORTED, e->ev->rrule_line,
							 "%s: RRULE UNTIL=%s is a UTC time, but the event is all-day: whether %s is included depends on the time zone",
							 e->name, ical_show_stamp(s, &r->until), ical_show_day(s2, d));
		if (!ical_emit_occurrence(e->ps, e->ev, d, e->span, e->ev->rrule_line))
			return false;
	}
	return true;
}

/* The occurrences of the event's RRULE */
static bool
expand_rrule(const Expansion *e)
{
	Event	   *ev = e->ev;
	Rule		r;
	Series		x;
	Bounds		b;
	char		rule_text[SHOW_CAP];
	int64_t		count = 0;
	int64_t		k;
	bool		done = false;

	if (ev->rrule_long)
		return ical_fail(e->ps, ICAL_LIMIT, ev->rrule_line,
						 "%s: RRULE is longer than %d bytes", e->name, RRULE_CAP - 1);
	ical_show_str(rule_text, ev->rrule);
	if (!parse_rrule(e->ps, ev, e->name, &r) || !rule_bounds(e, &r, rule_text, &b))
		return false;
	start_series(&x, &r, e->start);
	if (!check_start_occurs(e, &x))
		return false;
	/* DTSTART is the first occurrence even if UNTIL is earlier */
	if (b.until_last < e->start)
		return emit_unless_excluded(e, e->start, ev->dtstart.line);
	for (k = first_period(e, &x); !done; k++)
	{
		if (++e->ps->steps > STEP_BUDGET)
			return ical_fail(e->ps, ICAL_LIMIT, ev->rrule_line,
							 "the recurrence rules need more than %d steps to expand",
							 STEP_BUDGET);
		if (period_start(&x, k) > b.limit)
			break;
		if (!emit_period(e, &x, &b, k, &count, &done))
			return false;
	}
	/* COUNT asks for occurrences beyond the last date there is */
	if (r.has_count && count < r.count && b.limit == ICAL_LAST_DAY)
		return ical_fail(e->ps, ICAL_MALFORMED, ev->rrule_line,
						 "%s runs past 9999-12-31 (RRULE \"%s\")", e->name, rule_text);
	return true;
}

/* The RDATE occurrences */
static bool
emit_rdates(const Expansion *e)
{
	int			i;

	for (i = 0; i < e->ev->n_rdate; i++)
	{
		const Stamp *rdate = &e->ev->rdate[i];
		int			day;

		if (!ical_date_of(e->ps, e->ev, "RDATE", rdate, &day) ||
			!ical_check_year_range(e->ps, "RDATE", rdate) ||
			!emit_unless_excluded(e, day, rdate->line))
			return false;
	}
	return true;
}

/* Expands the RRULE and RDATEs of an all-day event of span days */
bool
ical_emit_recurring(Parser *ps, Event *ev, int start, int span)
{
	Expansion	e;

	e.ps = ps;
	e.ev = ev;
	ical_event_name(e.name, sizeof(e.name), ev);
	e.start = start;
	e.span = span;
	e.n_excl = 0;
	if (!refuse_unexpandable(&e) || !collect_exclusions(&e))
		return false;
	if (ev->n_rrule == 0)
	{
		/* RDATE only: DTSTART, then each RDATE */
		if (!emit_unless_excluded(&e, start, ev->dtstart.line))
			return false;
	}
	else if (!expand_rrule(&e))
		return false;
	return emit_rdates(&e);
}
