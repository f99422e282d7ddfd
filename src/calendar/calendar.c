/*
 * calendar.c
 *		Text and binary input and output of the ticket_sla.calendar type.
 *
 * A calendar literal is a list of clauses separated by ";", in any order:
 *
 *		Mon-Fri 09:00-12:00,13:00-18:00		weekly hours: days, then ranges
 *		24x7								every day, all day
 *		tz Europe/Berlin					the time zone (default UTC)
 *		holidays DE-BE, GB-ENG				the public holidays of regions
 *		closed 2026-12-24..2026-12-26		closed dates
 *		open 2026-12-31 09:00-13:00			special hours on dates
 *
 * A small recursive-descent parser reads the clauses; build_calendar() then
 * normalises what they say into the stored form described in calendar.h
 * (ranges of a day sorted and merged, dates sorted and unique).  The output
 * function writes that stored form back in canonical order, so that
 * output(input(x)) is stable and reads back as an equal value.
 *
 * The binary form is a version byte followed by the canonical text, which
 * the receive function parses exactly like text input: a received value is
 * checked as thoroughly as a typed one.
 */
#include "postgres.h"

#include "calendar/calendar.h"
#include "holidays/holidays.h"
#include "common/scan.h"
#include "common/text_form.h"

#include "datatype/timestamp.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/pg_list.h"
#include "pgtime.h"
#include "utils/datetime.h"

PG_FUNCTION_INFO_V1(calendar_in);
PG_FUNCTION_INFO_V1(calendar_out);
PG_FUNCTION_INFO_V1(calendar_recv);
PG_FUNCTION_INFO_V1(calendar_send);

/* First byte of the binary form; not the same thing as the stored version */
#define CALENDAR_BINARY_VERSION 1


/* The clause index of the dates named by "closed" (see DateSpan) */
#define CLOSED_DATES (-1)

/* How a time range is written, for syntax error messages */
#define RANGE_HINT "A time range is HH:MM-HH:MM, or with seconds HH:MM:SS, such as 09:00-18:00."

/* What may start a clause, for syntax error messages */
#define CLAUSE_EXPECTED "a day name, \"24x7\", \"tz\", \"holidays\", \"closed\" or \"open\""

#define ASCII_LETTERS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

/* What a holiday region's code is made of */
#define REGION_CHARS ASCII_LETTERS "-"

static const char *const weekday_names[CAL_DAYS_PER_WEEK] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};

/* A growable list of ranges: of one day, or as written in one clause. */
typedef struct RangeList
{
	CalRange   *ranges;
	int			n;
	int			max;
} RangeList;

/* A date or an inclusive span of dates, from a "closed" or "open" clause */
typedef struct DateSpan
{
	int32		first;			/* days since 2000-01-01 */
	int32		last;
	int			clause;			/* index into open_clauses, or CLOSED_DATES */
	const char *pos;			/* where it is written, for error messages */
} DateSpan;

/* One parse: the input, and what its clauses have said so far */
typedef struct CalParser
{
	const char *input;			/* the whole literal */
	const char *p;				/* the next character to read */
	RangeList	week[CAL_DAYS_PER_WEEK];	/* weekly ranges, Monday first */
	const char *tzname;			/* canonical zone name; NULL before "tz" */
	uint64		regions;		/* holiday regions, bit i = region i */
	List	   *spans;			/* DateSpans, in the order written */
	List	   *open_clauses;	/* the ranges (RangeList) of each "open" */
} CalParser;

/* A dated exception, gathered from every clause that names its date */
typedef struct DatedDay
{
	int32		day;
	bool		closed;
	RangeList	hours;			/* union of the hours of its "open" clauses */
} DatedDay;

/* A weekday or a date with its ranges, to group equal hours in the output */
typedef struct DayHours
{
	int32		key;			/* weekday (0 = Monday) or days since 2000 */
	const CalRange *ranges;
	int			n;
} DayHours;

/* How to write a list of weekdays or of dates */
typedef struct KeyListStyle
{
	const char *separator;		/* between items */
	const char *span_mark;		/* between the ends of a run */
	void		(*append_key) (StringInfo buf, int32 key);
} KeyListStyle;

static void append_weekday(StringInfo buf, int32 weekday);

static const KeyListStyle weekday_style = {",", "-", append_weekday};
static const KeyListStyle date_style = {", ", "..", append_calendar_date};

static void syntax_error(const CalParser *ps, const char *p,
						 const char *expected, const char *hint) pg_attribute_noreturn();


/* ---------- Range lists ---------- */

static int
range_start_cmp(const void *a, const void *b)
{
	const CalRange *ra = (const CalRange *) a;
	const CalRange *rb = (const CalRange *) b;

	return (ra->start > rb->start) - (ra->start < rb->start);
}

/*
 * Sort the half-open ranges and merge those that overlap or touch, so that
 * equal sets of hours get equal stored forms.  The ranges of a day are
 * compared in the two-day frame of that day, where an overnight range simply
 * ends after 86400: it merges with the day's other ranges only if it
 * overlaps them there.
 */
static void
range_list_normalise(RangeList *list)
{
	int			last = 0;
	int			i;

	if (list->n == 0)
		return;
	qsort(list->ranges, list->n, sizeof(CalRange), range_start_cmp);
	for (i = 1; i < list->n; i++)
	{
		if (list->ranges[i].start <= list->ranges[last].end)
			list->ranges[last].end = Max(list->ranges[last].end,
										 list->ranges[i].end);
		else
			list->ranges[++last] = list->ranges[i];
	}
	list->n = last + 1;
}

static void
range_list_add(RangeList *list, int32 start, int32 end)
{
	if (list->n == list->max)
	{
		/*
		 * Merge before growing: a date or a day named by many clauses then
		 * needs room for its distinct hours only, not for every copy.
		 */
		range_list_normalise(list);
		if (list->n >= list->max / 2)
		{
			list->max = Max(2 * list->max, 8);
			if (list->ranges == NULL)
				list->ranges = palloc(list->max * sizeof(CalRange));
			else
				list->ranges = repalloc(list->ranges,
										list->max * sizeof(CalRange));
		}
	}
	list->ranges[list->n].start = start;
	list->ranges[list->n].end = end;
	list->n++;
}

/* Add the hours of src to those of dst (normalised later, as a whole) */
static void
range_list_add_all(RangeList *dst, const RangeList *src)
{
	int			i;

	for (i = 0; i < src->n; i++)
		range_list_add(dst, src->ranges[i].start, src->ranges[i].end);
}


/* ---------- Scanning ---------- */

/* The weekday (0 = Monday) that the word of len bytes at p names, or -1 */
static int
weekday_of_word(const char *p, int len)
{
	int			d;

	for (d = 0; d < CAL_DAYS_PER_WEEK; d++)
	{
		if (word_is(p, len, weekday_names[d]))
			return d;
	}
	return -1;
}

/*
 * How much of the input at p to quote when it is unexpected: the longest
 * word, time-like or date-like run there, else the one character at p
 * (ASCII, since the bytes of other characters are word characters).
 */
static int
unexpected_length(const char *p)
{
	int			len = word_length(p);

	len = Max(len, (int) strspn(p, DIGIT_CHARS ":"));
	len = Max(len, (int) strspn(p, DIGIT_CHARS "-"));
	return Max(len, 1);
}

/*
 * Report a syntax error at p, where the grammar wanted what "expected"
 * names; hint (NULL for none) says how to write it
 */
static void
syntax_error(const CalParser *ps, const char *p, const char *expected, const char *hint)
{
	report_syntax_error("calendar", ps->input, p, expected, unexpected_length(p), hint);
}

/*
 * Read min_digits to max_digits decimal digits at *s into *value.  A longer
 * run of digits fails before it can overflow.
 */
static bool
read_digits(const char **s, int min_digits, int max_digits, int *value)
{
	int			ndigits = 0;

	*value = 0;
	while (**s >= '0' && **s <= '9')
	{
		if (++ndigits > max_digits)
			return false;
		*value = *value * 10 + (**s - '0');
		(*s)++;
	}
	return ndigits >= min_digits;
}

static bool
read_char(const char **s, char c)
{
	if (**s != c)
		return false;
	(*s)++;
	return true;
}


/* ---------- Parsing ---------- */

/*
 * time: H:MM, HH:MM or HH:MM:SS, as seconds after midnight.  24:00 is the
 * end of the day, valid only where may_end_day says a range ends.
 */
static int32
parse_time(CalParser *ps, const char *expected, bool may_end_day)
{
	const char *start;
	const char *s;
	int			len;
	int			hours;
	int			minutes;
	int			seconds = 0;
	int32		secs;

	skip_space(&ps->p);
	start = s = ps->p;
	len = strspn(start, DIGIT_CHARS ":");
	if (!(read_digits(&s, 1, 2, &hours) &&
		  read_char(&s, ':') &&
		  read_digits(&s, 2, 2, &minutes) &&
		  (!read_char(&s, ':') || read_digits(&s, 2, 2, &seconds)) &&
		  s == start + len))
		syntax_error(ps, start, expected, RANGE_HINT);
	ps->p = s;

	secs = hours * 3600 + minutes * 60 + seconds;
	if (minutes > 59 || seconds > 59 || secs > CAL_SECS_PER_DAY)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time \"%.*s\" is out of range", len, start),
				 errdetail("At position %d.", char_position(ps->input, start))));
	if (secs == CAL_SECS_PER_DAY && !may_end_day)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time \"%.*s\" can only end a range", len, start),
				 errdetail("At position %d.", char_position(ps->input, start))));
	return secs;
}

/*
 * range: START-END.  A range whose end is not after its start runs
 * overnight and belongs to the day it starts on.
 */
static void
parse_range(CalParser *ps, RangeList *hours)
{
	const char *pos;
	int32		start;
	int32		end;

	skip_space(&ps->p);
	pos = ps->p;
	start = parse_time(ps, "a time range", false);
	if (!consume(&ps->p, "-"))
		syntax_error(ps, ps->p, "\"-\"", RANGE_HINT);
	end = parse_time(ps, "an end time", true);
	if (end == start)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("empty range \"%s\"", shown_text(pos, ps->p - pos)),
				 errdetail("At position %d.", char_position(ps->input, pos)),
				 errhint("Write 00:00-24:00 for a whole day.")));
	if (end < start)
		end += CAL_SECS_PER_DAY;
	range_list_add(hours, start, end);
}

/* ranges: RANGE[,RANGE...] */
static void
parse_range_list(CalParser *ps, RangeList *hours)
{
	do
		parse_range(ps, hours);
	while (consume(&ps->p, ","));
}

static int
parse_weekday(CalParser *ps)
{
	int			len;
	int			weekday;

	skip_space(&ps->p);
	len = word_length(ps->p);
	weekday = weekday_of_word(ps->p, len);
	if (weekday < 0)
		syntax_error(ps, ps->p, "a day name", NULL);
	ps->p += len;
	return weekday;
}

/*
 * days: a comma-separated list of day names and spans such as Mon-Fri, as a
 * bit mask (bit 0 = Monday).  A span may wrap around the week: Fri-Mon.
 */
static int
parse_weekday_list(CalParser *ps)
{
	int			weekdays = 0;

	do
	{
		int			first = parse_weekday(ps);
		int			last = consume(&ps->p, "-") ? parse_weekday(ps) : first;
		int			d;

		for (d = first; d != last; d = (d + 1) % CAL_DAYS_PER_WEEK)
			weekdays |= 1 << d;
		weekdays |= 1 << last;
	} while (consume(&ps->p, ","));
	return weekdays;
}

/* Weekly hours add up: several clauses may name the same day */
static void
add_weekly_hours(CalParser *ps, int weekdays, const RangeList *hours)
{
	int			d;

	for (d = 0; d < CAL_DAYS_PER_WEEK; d++)
	{
		if (weekdays & (1 << d))
			range_list_add_all(&ps->week[d], hours);
	}
}

/* weekly clause: DAYS RANGES */
static void
parse_weekly(CalParser *ps)
{
	int			weekdays = parse_weekday_list(ps);
	RangeList	hours = {0};

	parse_range_list(ps, &hours);
	add_weekly_hours(ps, weekdays, &hours);
}

static void
add_24x7(CalParser *ps)
{
	CalRange	whole_day = {0, CAL_SECS_PER_DAY};
	RangeList	hours = {&whole_day, 1, 1};

	add_weekly_hours(ps, (1 << CAL_DAYS_PER_WEEK) - 1, &hours);
}

/* How a refusal of a zone says what to write instead */
#define ZONE_HINT "Name a zone of the IANA time zone database, such as Europe/Berlin, or UTC."

/*
 * Zone names that pg_tzset() knows but that mean different things on
 * different servers, and why (see zone_refusal)
 */
static const struct
{
	const char *name;
	const char *why;
}			host_zones[] = {
	{"localtime", "It is the server host's own time zone, whatever that is set to."},
	{"posixrules", "It holds the server host's default rules for POSIX-style zones, whatever those are set to."},
	{"Factory", "It is the placeholder of a host whose time zone is not set."}
};

/*
 * Why a zone, by its canonical name, cannot be a calendar's, or NULL when
 * it can.  A calendar must mean the same on every server, for the functions
 * on it are IMMUTABLE: a zone of the time zone database qualifies, but not
 * the names that stand for the host's settings, nor the copy of the
 * database under posix/ that only some hosts have, nor a POSIX-style
 * specification (an abbreviation, empty or <quoted>, then an offset):
 * that means what the host's database has under the name if it has it
 * (EST5EDT: New York's history), else what POSIX rules make of it (today's
 * US rules for every year), and its sign is west of UTC (UTC+3 is three
 * hours behind).  The TimeZone setting and timezone_abbreviations play no
 * part: pg_tzset() reads neither.
 */
static const char *
zone_refusal(const char *name)
{
	const char *p = name;
	int			i;

	for (i = 0; i < (int) lengthof(host_zones); i++)
		if (pg_strcasecmp(name, host_zones[i].name) == 0)
			return host_zones[i].why;
	if (pg_strncasecmp(name, "posix/", 6) == 0)
		return "Zones under posix/ are a copy of the time zone database that only some hosts have.";
	if (*p == '<')
		p += strcspn(p, ">");
	else
		p += strspn(p, ASCII_LETTERS);
	/* an offset is digits, signed or not (W-SU and GB-Eire are zones) */
	if (*p == '+' || *p == '-')
		p++;
	if (*p == '>' || (*p >= '0' && *p <= '9'))
		return "A POSIX-style zone (an abbreviation and an offset, counted west of UTC) is read from the host's time zone database if that has the name, else by POSIX rules.";
	return NULL;
}

/*
 * A calendar's zone by the len bytes of its name: one that pg_tzset()
 * knows (which refuses names longer than TZ_STRLEN_MAX), without leap
 * seconds (as the TimeZone setting), the same on every server
 * (zone_refusal).  Refused with SQLSTATE 22023; where (NULL for none) is
 * the detail that says where the name is written.
 */
pg_tz *
calendar_zone(const char *name, int len, const char *where)
{
	pg_tz	   *tz = pg_tzset(pnstrdup(name, len));
	const char *why;

	if (tz == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" not recognized", shown_text(name, len)),
				 where ? errdetail("%s", where) : 0,
				 errhint(ZONE_HINT)));
	if (!pg_tz_acceptable(tz))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" appears to use leap seconds", shown_text(name, len)),
				 errdetail("PostgreSQL does not support leap seconds.")));
	why = zone_refusal(pg_get_timezone_name(tz));
	if (why != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" does not mean the same on every server",
						shown_text(name, len)),
				 where ? errdetail("%s %s", why, where) : errdetail("%s", why),
				 errhint(ZONE_HINT)));
	return tz;
}

/*
 * tz NAME (calendar_zone).  The canonical spelling is kept, so that
 * "europe/berlin" and "Europe/Berlin" make equal calendars.
 */
static void
parse_zone(CalParser *ps)
{
	const char *start;
	int			len;

	skip_space(&ps->p);
	start = ps->p;
	len = strcspn(start, SPACE_CHARS ";");
	if (len == 0)
		syntax_error(ps, start, "a time zone name", NULL);
	ps->p += len;
	ps->tzname = pg_get_timezone_name(
		calendar_zone(start, len, psprintf("At position %d.", char_position(ps->input, start))));
}

/* The codes of all holiday regions, comma-separated, for hints */
char *
holiday_region_codes(void)
{
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	for (i = 0; i < holiday_region_count(); i++)
		appendStringInfo(&buf, "%s%s", i > 0 ? ", " : "", holiday_region_code(i));
	return buf.data;
}

/* holidays REGION[, REGION...]: the public holidays of built-in regions */
static void
parse_holidays(CalParser *ps)
{
	do
	{
		const char *start;
		int			len;
		int			region;

		skip_space(&ps->p);
		start = ps->p;
		len = strspn(start, REGION_CHARS);
		if (len == 0)
			syntax_error(ps, start, "a holiday region such as DE-BE", NULL);
		region = holiday_region_find(start, len);
		if (region < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("holiday region \"%s\" not recognized", shown_text(start, len)),
					 errdetail("At position %d.", char_position(ps->input, start)),
					 errhint("The regions are %s.", holiday_region_codes())));
		ps->regions |= UINT64CONST(1) << region;
		ps->p += len;
	} while (consume(&ps->p, ","));
}

/* date: YYYY-MM-DD, as days since 2000-01-01 */
static int32
parse_date(CalParser *ps)
{
	const char *start;
	const char *s;
	int			len;
	int			year;
	int			month;
	int			mday;

	skip_space(&ps->p);
	start = s = ps->p;
	len = strspn(start, DIGIT_CHARS "-");
	if (!(read_digits(&s, 4, 4, &year) &&
		  read_char(&s, '-') &&
		  read_digits(&s, 2, 2, &month) &&
		  read_char(&s, '-') &&
		  read_digits(&s, 2, 2, &mday) &&
		  s == start + len))
		syntax_error(ps, start, "a date", NULL);
	ps->p = s;

	if (year < 1000 || month < 1 || month > MONTHS_PER_YEAR || mday < 1 ||
		mday > day_tab[isleap(year)][month - 1])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("date \"%.*s\" is out of range", len, start),
				 errdetail("At position %d.", char_position(ps->input, start))));
	return date2j(year, month, mday) - POSTGRES_EPOCH_JDATE;
}

/*
 * dates: a comma-separated list of dates and inclusive spans A..B, of the
 * given "open" clause or of "closed" (CLOSED_DATES)
 */
static void
parse_date_list(CalParser *ps, int clause)
{
	do
	{
		DateSpan   *span = palloc(sizeof(DateSpan));

		skip_space(&ps->p);
		span->pos = ps->p;
		span->first = parse_date(ps);
		span->last = consume(&ps->p, "..") ? parse_date(ps) : span->first;
		span->clause = clause;
		if (span->last < span->first)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("date range \"%s\" ends before it starts",
							shown_text(span->pos, ps->p - span->pos)),
					 errdetail("At position %d.",
							   char_position(ps->input, span->pos))));
		ps->spans = lappend(ps->spans, span);
	} while (consume(&ps->p, ","));
}

/* open clause: DATES RANGES */
static void
parse_open(CalParser *ps)
{
	RangeList  *hours = palloc0(sizeof(RangeList));

	parse_date_list(ps, list_length(ps->open_clauses));
	parse_range_list(ps, hours);
	ps->open_clauses = lappend(ps->open_clauses, hours);
}

static void
parse_clause(CalParser *ps)
{
	const char *word;
	int			len;

	skip_space(&ps->p);
	word = ps->p;
	len = word_length(word);
	if (weekday_of_word(word, len) >= 0)
	{
		parse_weekly(ps);
		return;
	}

	ps->p += len;
	if (word_is(word, len, "24x7"))
		add_24x7(ps);
	else if (word_is(word, len, "holidays"))
		parse_holidays(ps);
	else if (word_is(word, len, "closed"))
		parse_date_list(ps, CLOSED_DATES);
	else if (word_is(word, len, "open"))
		parse_open(ps);
	/* a second "tz" is as unexpected as an unknown keyword */
	else if (word_is(word, len, "tz") && ps->tzname == NULL)
		parse_zone(ps);
	else
		syntax_error(ps, word, CLAUSE_EXPECTED, NULL);
}

/* calendar: CLAUSE[;CLAUSE...][;] */
static void
parse_clauses(CalParser *ps)
{
	do
	{
		parse_clause(ps);
		if (!consume(&ps->p, ";"))
			break;
		skip_space(&ps->p);
	} while (*ps->p != '\0');

	if (*ps->p != '\0')
		syntax_error(ps, ps->p, "\";\"", NULL);
}


/* ---------- Building the stored form ---------- */

/* qsort and bsearch order of day numbers (int32) */
int
day_cmp(const void *a, const void *b)
{
	int32		x = *(const int32 *) a;
	int32		y = *(const int32 *) b;

	return (x > y) - (x < y);
}

/*
 * The distinct dates that the spans name, sorted.  They are counted on the
 * merged spans before any is listed, so that a span such as
 * 1000-01-01..9999-12-31 fails at once instead of listing millions of dates.
 */
static int32 *
distinct_dates(List *spans, int *ndates)
{
	RangeList	merged = {0};
	int64		count = 0;
	int32	   *dates;
	int			n = 0;
	ListCell   *lc;
	int			i;

	/* as half-open ranges of days, merged like the hours of a day */
	foreach(lc, spans)
	{
		DateSpan   *span = (DateSpan *) lfirst(lc);

		range_list_add(&merged, span->first, span->last + 1);
	}
	range_list_normalise(&merged);

	for (i = 0; i < merged.n; i++)
		count += merged.ranges[i].end - merged.ranges[i].start;
	if (count > CAL_MAX_DATES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many dates in calendar"),
				 errdetail("The calendar names " INT64_FORMAT " distinct dates; the limit is %d.",
						   count, CAL_MAX_DATES)));

	dates = palloc(count * sizeof(int32));
	for (i = 0; i < merged.n; i++)
	{
		int32		day;

		for (day = merged.ranges[i].start; day < merged.ranges[i].end; day++)
			dates[n++] = day;
	}
	*ndates = n;
	return dates;
}

/* Apply a span to one of its dates: close it, or add its clause's hours */
static void
apply_span(const CalParser *ps, DatedDay *day, const DateSpan *span)
{
	bool		opens = span->clause != CLOSED_DATES;

	/* an "open" clause always has hours, so a date with hours is open */
	if (opens ? day->closed : day->hours.n > 0)
	{
		StringInfoData date;

		initStringInfo(&date);
		append_calendar_date(&date, day->day);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("date \"%s\" is both closed and open", date.data),
				 errdetail("At position %d.", char_position(ps->input, span->pos))));
	}
	if (opens)
		range_list_add_all(&day->hours,
						   (RangeList *) list_nth(ps->open_clauses,
												  span->clause));
	else
		day->closed = true;
}

/*
 * The dated exceptions in date order: each distinct date named by "closed"
 * or "open", closed or with the union of the hours of the clauses naming it.
 */
static DatedDay *
collect_dated_days(CalParser *ps, int *ndated)
{
	int			n;
	int32	   *dates = distinct_dates(ps->spans, &n);
	DatedDay   *dated = palloc0(n * sizeof(DatedDay));
	ListCell   *lc;
	int			i;

	for (i = 0; i < n; i++)
		dated[i].day = dates[i];

	foreach(lc, ps->spans)
	{
		DateSpan   *span = (DateSpan *) lfirst(lc);
		int32	   *found = bsearch(&span->first, dates, n, sizeof(int32),
									day_cmp);

		Assert(found != NULL);
		/* every date of the span is listed, so they follow one another */
		for (i = 0; i <= span->last - span->first; i++)
			apply_span(ps, &dated[found - dates + i], span);
		CHECK_FOR_INTERRUPTS();
	}

	for (i = 0; i < n; i++)
		range_list_normalise(&dated[i].hours);
	*ndated = n;
	return dated;
}

static int
string_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* The codes of the regions named, sorted: a canonical order of their own */
static int
sorted_region_codes(uint64 regions, const char **codes)
{
	int			n = 0;
	int			i;

	for (i = 0; i < holiday_region_count(); i++)
		if (regions & (UINT64CONST(1) << i))
			codes[n++] = holiday_region_code(i);
	qsort(codes, n, sizeof(const char *), string_cmp);
	return n;
}

/* Copy the ranges of list to ranges[k...]; returns the next free index */
static int
store_ranges(CalRange *ranges, int k, const RangeList *list)
{
	if (list->n > 0)
		memcpy(ranges + k, list->ranges, list->n * sizeof(CalRange));
	return k + list->n;
}

static Calendar *
build_calendar(CalParser *ps)
{
	const char *tzname = ps->tzname ? ps->tzname : "UTC";
	const char *codes[CAL_MAX_REGIONS];
	int			ncodes = sorted_region_codes(ps->regions, codes);
	Size		codes_size = 0;
	char	   *p;
	int			ndated;
	DatedDay   *dated = collect_dated_days(ps, &ndated);
	int			nranges = 0;
	Size		size;
	Calendar   *cal;
	CalRange   *ranges;
	CalDate    *dates;
	int			k = 0;
	int			i;

	for (i = 0; i < CAL_DAYS_PER_WEEK; i++)
	{
		range_list_normalise(&ps->week[i]);
		nranges += ps->week[i].n;
	}
	for (i = 0; i < ndated; i++)
		nranges += dated[i].hours.n;
	if (nranges > CAL_MAX_RANGES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many time ranges in calendar"),
				 errdetail("The calendar has %d ranges once merged; the limit is %d.",
						   nranges, CAL_MAX_RANGES)));

	for (i = 0; i < ncodes; i++)
		codes_size += strlen(codes[i]) + 1;

	/* zeroed, so that padding cannot make equal calendars differ */
	size = offsetof(Calendar, data) + nranges * sizeof(CalRange) +
		ndated * sizeof(CalDate) + strlen(tzname) + 1 + codes_size;
	cal = palloc0(size);
	SET_VARSIZE(cal, size);
	cal->version = CALENDAR_FORMAT_VERSION;
	cal->n_ranges = nranges;
	cal->n_dates = ndated;

	ranges = unconstify(CalRange *, calendar_ranges(cal));
	for (i = 0; i < CAL_DAYS_PER_WEEK; i++)
	{
		cal->week_first[i] = k;
		k = store_ranges(ranges, k, &ps->week[i]);
	}
	cal->week_first[CAL_DAYS_PER_WEEK] = k;

	dates = unconstify(CalDate *, calendar_dates(cal));
	for (i = 0; i < ndated; i++)
	{
		dates[i].day = dated[i].day;
		dates[i].first = k;
		dates[i].count = dated[i].hours.n;
		k = store_ranges(ranges, k, &dated[i].hours);
	}

	strcpy(unconstify(char *, calendar_tzname(cal)), tzname);
	p = unconstify(char *, calendar_regions(cal));
	for (i = 0; i < ncodes; i++)
		p += strlen(strcpy(p, codes[i])) + 1;
	return cal;
}

/* Parse a calendar literal; errors name the literal as a whole. */
Calendar *
calendar_parse(const char *input)
{
	CalParser	ps;

	memset(&ps, 0, sizeof(ps));
	ps.input = ps.p = input;
	parse_clauses(&ps);
	return build_calendar(&ps);
}


/* ---------- Output ---------- */

static void
append_weekday(StringInfo buf, int32 weekday)
{
	appendStringInfoString(buf, weekday_names[weekday]);
}

/* A date as literals write it, YYYY-MM-DD (days since 2000-01-01) */
void
append_calendar_date(StringInfo buf, int32 day)
{
	int			year;
	int			month;
	int			mday;

	j2date(day + POSTGRES_EPOCH_JDATE, &year, &month, &mday);
	appendStringInfo(buf, "%04d-%02d-%02d", year, month, mday);
}

/* HH:MM, or HH:MM:SS when the seconds are not zero */
static void
append_time(StringInfo buf, int32 secs)
{
	appendStringInfo(buf, "%02d:%02d", secs / 3600, secs / 60 % 60);
	if (secs % 60 != 0)
		appendStringInfo(buf, ":%02d", secs % 60);
}

/*
 * A range as a literal writes it: an overnight range with its end time on
 * the next day, a range ending at the end of its own day with 24:00.
 */
static void
append_range(StringInfo buf, int32 start, int32 end)
{
	append_time(buf, start);
	appendStringInfoChar(buf, '-');
	append_time(buf, end > CAL_SECS_PER_DAY ? end - CAL_SECS_PER_DAY : end);
}

/*
 * The ranges of one day, comma-separated.
 *
 * Merging can make a range of 24 hours or more (00:00-24:00 with 22:00-06:00
 * runs from 00:00 to 06:00 the next day), which no single written range
 * expresses: its end time is not before its start time, so it would read
 * back as a same-day range.  It is written instead as two overlapping ranges
 * that merge back into it: START-24:00 and an overnight range from late in
 * the evening, 23:59 (or 23:59:59, should the end time be 23:59 or later).
 */
static void
append_range_list(StringInfo buf, const CalRange *ranges, int n)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		int32		start = ranges[i].start;
		int32		end = ranges[i].end;

		if (i > 0)
			appendStringInfoChar(buf, ',');
		if (end > CAL_SECS_PER_DAY && end - CAL_SECS_PER_DAY >= start)
		{
			append_range(buf, start, CAL_SECS_PER_DAY);
			appendStringInfoChar(buf, ',');
			start = end - CAL_SECS_PER_DAY < CAL_SECS_PER_DAY - 60 ?
				CAL_SECS_PER_DAY - 60 : CAL_SECS_PER_DAY - 1;
		}
		append_range(buf, start, end);
	}
}

/*
 * Sorted distinct keys (weekdays or dates): a run of three or more
 * consecutive keys as its first and last key joined by the span mark, other
 * keys one by one.
 */
static void
append_key_list(StringInfo buf, const int32 *keys, int n,
				const KeyListStyle *style)
{
	int			i = 0;

	while (i < n)
	{
		int			run = 1;

		while (i + run < n && keys[i + run] == keys[i] + run)
			run++;
		if (i > 0)
			appendStringInfoString(buf, style->separator);
		style->append_key(buf, keys[i]);
		if (run >= 3)
		{
			appendStringInfoString(buf, style->span_mark);
			style->append_key(buf, keys[i + run - 1]);
			i += run;
		}
		else
			i++;
	}
}

static bool
same_hours(const DayHours *a, const DayHours *b)
{
	return a->n == b->n &&
		memcmp(a->ranges, b->ranges, a->n * sizeof(CalRange)) == 0;
}

/*
 * One clause per distinct list of hours, "PREFIX KEYS RANGES" with the keys
 * that have those hours, in the order of their first keys.  Quadratic, but
 * there are at most 7 weekdays or CAL_MAX_DATES dates, and lists of
 * different lengths are told apart at once.
 */
static void
append_hours_clauses(StringInfo buf, const DayHours *hours, int n,
					 const char *prefix, const KeyListStyle *style)
{
	bool	   *done = palloc0(n * sizeof(bool));
	int32	   *keys = palloc(n * sizeof(int32));
	int			i;
	int			j;

	for (i = 0; i < n; i++)
	{
		int			nkeys = 0;

		if (done[i])
			continue;
		for (j = i; j < n; j++)
		{
			if (!done[j] && same_hours(&hours[i], &hours[j]))
			{
				done[j] = true;
				keys[nkeys++] = hours[j].key;
			}
		}
		start_clause(buf);
		appendStringInfoString(buf, prefix);
		append_key_list(buf, keys, nkeys, style);
		appendStringInfoChar(buf, ' ');
		append_range_list(buf, hours[i].ranges, hours[i].n);
	}
	pfree(done);
	pfree(keys);
}

static bool
is_whole_day(const DayHours *day)
{
	return day->n == 1 &&
		day->ranges[0].start == 0 && day->ranges[0].end == CAL_SECS_PER_DAY;
}

/* The weekly clauses: "24x7", or the days grouped by equal hours */
static void
append_weekly(StringInfo buf, const Calendar *cal)
{
	const CalRange *ranges = calendar_ranges(cal);
	DayHours	weekly[CAL_DAYS_PER_WEEK];
	int			n = 0;
	int			nwhole = 0;
	int			d;

	for (d = 0; d < CAL_DAYS_PER_WEEK; d++)
	{
		int			first = cal->week_first[d];
		int			count = cal->week_first[d + 1] - first;

		if (count == 0)
			continue;
		weekly[n].key = d;
		weekly[n].ranges = ranges + first;
		weekly[n].n = count;
		if (is_whole_day(&weekly[n]))
			nwhole++;
		n++;
	}

	if (nwhole == CAL_DAYS_PER_WEEK)
	{
		start_clause(buf);
		appendStringInfoString(buf, "24x7");
	}
	else
		append_hours_clauses(buf, weekly, n, "", &weekday_style);
}

/* The "closed" clause and the "open" clauses */
static void
append_dated(StringInfo buf, const Calendar *cal)
{
	const CalRange *ranges = calendar_ranges(cal);
	const CalDate *dates = calendar_dates(cal);
	int32	   *closed = palloc(cal->n_dates * sizeof(int32));
	DayHours   *open = palloc(cal->n_dates * sizeof(DayHours));
	int			nclosed = 0;
	int			nopen = 0;
	int			i;

	for (i = 0; i < cal->n_dates; i++)
	{
		if (dates[i].count == 0)
			closed[nclosed++] = dates[i].day;
		else
		{
			open[nopen].key = dates[i].day;
			open[nopen].ranges = ranges + dates[i].first;
			open[nopen].n = dates[i].count;
			nopen++;
		}
	}

	if (nclosed > 0)
	{
		start_clause(buf);
		appendStringInfoString(buf, "closed ");
		append_key_list(buf, closed, nclosed, &date_style);
	}
	append_hours_clauses(buf, open, nopen, "open ", &date_style);
	pfree(closed);
	pfree(open);
}

/* The "holidays" clause, if the calendar has regions */
static void
append_regions(StringInfo buf, const Calendar *cal)
{
	const char *code;

	for (code = calendar_regions(cal); code < calendar_end(cal); code += strlen(code) + 1)
	{
		if (code == calendar_regions(cal))
		{
			start_clause(buf);
			appendStringInfoString(buf, "holidays ");
		}
		else
			appendStringInfoString(buf, ", ");
		appendStringInfoString(buf, code);
	}
}

/* The canonical text: weekly hours, tz, holidays, closed, open */
char *
calendar_to_text(const Calendar *cal)
{
	StringInfoData buf;

	initStringInfo(&buf);
	append_weekly(&buf, cal);
	start_clause(&buf);
	appendStringInfo(&buf, "tz %s", calendar_tzname(cal));
	append_regions(&buf, cal);
	append_dated(&buf, cal);
	return buf.data;
}


/* ---------- SQL-callable functions ---------- */

Datum
calendar_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);

	PG_RETURN_CALENDAR_P(calendar_parse(str));
}

Datum
calendar_out(PG_FUNCTION_ARGS)
{
	Calendar   *cal = PG_GETARG_CALENDAR_P(0);

	PG_RETURN_CSTRING(calendar_to_text(cal));
}

/* The binary form: a version byte, then the text, read like text input */
Datum
calendar_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);

	PG_RETURN_CALENDAR_P(calendar_parse(text_form_recv(buf, CALENDAR_BINARY_VERSION, "calendar")));
}

Datum
calendar_send(PG_FUNCTION_ARGS)
{
	Calendar   *value = PG_GETARG_CALENDAR_P(0);

	PG_RETURN_BYTEA_P(text_form_send(calendar_to_text(value), CALENDAR_BINARY_VERSION));
}

