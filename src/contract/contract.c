/*
 * contract.c
 *		Text and binary input and output of the ticket_sla.contract type.
 *
 * A contract literal is a list of clauses separated by ";", in any order,
 * each at most once:
 *
 *		plan "Cyren Standard"					the plan's name
 *		tier premium							or standard (the default)
 *		hours (Mon-Fri 09:00-18:00; tz UTC)		the opening hours, a calendar
 *		named contacts 8						limit on named contacts
 *		premium requests 12 per year			quota, per month|quarter|year
 *		phone only out of hours
 *		warn at 75%								at risk from 75% of a target
 *		critical: respond within 30 minutes, resolve within 2 business days,
 *			escalate after 1 hour to "Director" and "VP"
 *												the terms of a severity
 *												(critical, high, medium, low)
 *
 * A duration is one or more parts "N [business] minutes|hours|days": on the
 * business clock when every part says "business", on the wall clock when
 * none does.
 *
 * A small recursive-descent parser reads the clauses; build_contract() then
 * lays out what they say in the stored form described in contract.h, which
 * is normalised (a duration is stored as a total, every padding byte is
 * zero) so that equal contracts have equal bytes.  The output function
 * writes the stored form back in canonical order, so that output(input(x))
 * is stable and reads back as an equal value.
 *
 * The binary form is a version byte followed by the canonical text, which
 * the receive function parses exactly like text input, as for calendars.
 */
#include "postgres.h"

#include "contract/contract.h"
#include "common/scan.h"
#include "common/text_form.h"

#include "datatype/timestamp.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "nodes/pg_list.h"

PG_FUNCTION_INFO_V1(contract_in);
PG_FUNCTION_INFO_V1(contract_out);
PG_FUNCTION_INFO_V1(contract_recv);
PG_FUNCTION_INFO_V1(contract_send);

/* First byte of the binary form; not the same thing as the stored version */
#define CONTRACT_BINARY_VERSION 1


/* Every part of the stored form after the header starts 8-byte aligned */
#define CONTRACT_ALIGN(len)		TYPEALIGN(8, (len))

#define MAX_NAME_CHARS			200
#define MAX_NAMED_CONTACTS		100000
#define MAX_PREMIUM_REQUESTS	1000000

/*
 * A duration is at most 100 years: 36500 days on the business clock, and
 * as much time in its hours and minutes on either clock.  This also keeps
 * every number of the output within the 6 digits that the input accepts.
 */
#define MAX_DURATION_DIGITS		6
#define MAX_DURATION_DAYS		36500
#define MAX_DURATION_USECS		(MAX_DURATION_DAYS * USECS_PER_DAY)

/* What the grammar wants where, for syntax error messages */
#define CLAUSE_EXPECTED \
	"\"plan\", \"tier\", \"hours\", \"named\", \"premium\", \"phone\", \"warn\" or a severity"
#define TERM_EXPECTED "\"respond\", \"resolve\" or \"escalate\""
#define UNIT_EXPECTED "\"minutes\", \"hours\" or \"days\""

/* How to write what the grammar wants, for syntax error messages */
#define CLAUSE_HINT \
	"A clause starts with plan, tier, hours, named, premium, phone, warn or a severity: critical, high, medium or low (or P1 to P4), then \":\"."
#define REPEAT_HINT \
	"Each kind of clause may come once; a severity's terms go in one clause, separated by \",\" (P1 to P4 are critical to low)."
#define DURATION_HINT \
	"A duration is one or more of \"N minutes\", \"N hours\", \"N days\", with \"business\" before the unit for business time, such as \"4 business hours\"."

/* The kinds of clause; each may appear once */
typedef enum ClauseKind
{
	CLAUSE_PLAN,
	CLAUSE_TIER,
	CLAUSE_HOURS,
	CLAUSE_NAMED_CONTACTS,
	CLAUSE_PREMIUM_REQUESTS,
	CLAUSE_PHONE_ONLY,
	CLAUSE_WARN,
	CLAUSE_SEVERITY,			/* + the severity, most urgent first */
	N_CLAUSE_KINDS = CLAUSE_SEVERITY + CONTRACT_SEVERITIES
} ClauseKind;

/* The keyword that starts each kind of clause, by ClauseKind */
static const char *const clause_keywords[N_CLAUSE_KINDS] = {
	"plan", "tier", "hours", "named", "premium", "phone", "warn",
	"critical", "high", "medium", "low"
};

/* The names of the severities, most urgent first, as in the SQL enum */
static const char *const *const severity_names =
	clause_keywords + CLAUSE_SEVERITY;

/* What a severity's clause may start with instead: the policies' levels */
static const char *const severity_aliases[CONTRACT_SEVERITIES] = {
	"P1", "P2", "P3", "P4"
};

/* By ContractTier */
static const char *const tier_names[] = {"premium", "standard"};

/* By QuotaPeriod, from QUOTA_MONTH on */
static const char *const quota_period_names[] = {"month", "quarter", "year"};

typedef enum TermKind
{
	TERM_RESPOND,
	TERM_RESOLVE,
	TERM_ESCALATE
} TermKind;

/* By TermKind */
static const char *const term_keywords[] = {"respond", "resolve", "escalate"};

/* The units of a duration, longest first (the order of the output) */
typedef enum UnitKind
{
	UNIT_DAY,
	UNIT_HOUR,
	UNIT_MINUTE
} UnitKind;

typedef struct TimeUnit
{
	const char *singular;
	const char *plural;
	int64		usecs;			/* on the wall clock */
} TimeUnit;

static const TimeUnit time_units[] = {
	{"day", "days", USECS_PER_DAY},
	{"hour", "hours", USECS_PER_HOUR},
	{"minute", "minutes", USECS_PER_MINUTE}
};

/* One escalation step as written */
typedef struct ParsedStep
{
	ContractDuration after;
	List	   *recipients;		/* the names (char *), in the order written */
} ParsedStep;

/* The parts of a duration read so far, with totals capped past the limit */
typedef struct DurationSum
{
	int64		usecs;
	int64		days;			/* business days */
	int			business_parts;
	int			wall_parts;
} DurationSum;

/* One parse: the input, and what its clauses have said so far */
typedef struct ContractParser
{
	const char *input;			/* the whole literal */
	const char *p;				/* the next character to read */
	bool		seen[N_CLAUSE_KINDS];
	char	   *plan_name;		/* NULL when unnamed */
	ContractTier tier;
	Calendar   *hours;			/* NULL when none */
	int32		named_contacts;
	int32		premium_quota;
	QuotaPeriod quota_period;
	bool		phone_only_out_of_hours;
	int32		warn_percent;
	/* respond and resolve; the ladders are laid out when building */
	SeverityTerms severity[CONTRACT_SEVERITIES];
	List	   *ladder[CONTRACT_SEVERITIES];	/* ParsedSteps, as written */
	const char *first_business; /* where the first business duration is */
} ContractParser;

static void syntax_error(const ContractParser *ps, const char *p,
						 const char *expected, const char *hint) pg_attribute_noreturn();


/* ---------- Scanning ---------- */

/* Is the word of len bytes at p a whole number? */
static bool
is_number_word(const char *p, int len)
{
	return len > 0 && (int) strspn(p, DIGIT_CHARS) == len;
}

/*
 * Report a syntax error at p, where the grammar wanted what "expected"
 * names, quoting the unexpected word there, or the one character at p
 * (ASCII, since the bytes of other characters are word characters); hint
 * (NULL for none) says how to write it.
 */
static void
syntax_error(const ContractParser *ps, const char *p, const char *expected,
			 const char *hint)
{
	report_syntax_error("contract", ps->input, p, expected, Max(word_length(p), 1), hint);
}

/*
 * Skip white space, then the next word if it is one of the n words: returns
 * its index, or -1 (and reads nothing more) when it is none of them.
 */
static int
accept_word(ContractParser *ps, const char *const *words, int n)
{
	int			len;
	int			i;

	skip_space(&ps->p);
	len = word_length(ps->p);
	for (i = 0; i < n; i++)
	{
		if (word_is(ps->p, len, words[i]))
		{
			ps->p += len;
			return i;
		}
	}
	return -1;
}

/* The same, when one of the words must come next */
static int
expect_word(ContractParser *ps, const char *const *words, int n,
			const char *expected)
{
	int			i = accept_word(ps, words, n);

	if (i < 0)
		syntax_error(ps, ps->p, expected, NULL);
	return i;
}

static bool
accept_keyword(ContractParser *ps, const char *kw)
{
	return accept_word(ps, &kw, 1) >= 0;
}

static void
expect_keyword(ContractParser *ps, const char *kw)
{
	if (!accept_keyword(ps, kw))
		syntax_error(ps, ps->p, psprintf("\"%s\"", kw), NULL);
}

/* Is the next word, after white space, a whole number? */
static bool
number_follows(const ContractParser *ps)
{
	const char *p = ps->p + strspn(ps->p, SPACE_CHARS);

	return is_number_word(p, word_length(p));
}

/*
 * Skip white space; the next word must be a whole number, of at most
 * max_digits digits.  Returns its length; the caller reads it.  expected
 * and hint are for the syntax error.
 */
static int
number_length(ContractParser *ps, int max_digits, const char *expected,
			  const char *hint)
{
	int			len;

	skip_space(&ps->p);
	len = word_length(ps->p);
	if (!is_number_word(ps->p, len) || len > max_digits)
		syntax_error(ps, ps->p, expected, hint);
	return len;
}

/* The value of the len decimal digits at p, or cap if it is more */
static int32
digits_value(const char *p, int len, int32 cap)
{
	int64		value = 0;
	int			i;

	for (i = 0; i < len && value <= cap; i++)
		value = value * 10 + (p[i] - '0');
	return Min(value, cap);
}


/* ---------- Parsing ---------- */

/* A count between min and max, such as the number of named contacts */
static int32
parse_count(ContractParser *ps, const char *what, int32 min, int32 max)
{
	int			len = number_length(ps, PG_INT32_MAX, "a number", NULL);
	const char *start = ps->p;
	int32		value = digits_value(start, len, max + 1);

	if (value < min || value > max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s \"%s\" is out of range", what, shown_text(start, len)),
				 errdetail("At position %d.", char_position(ps->input, start)),
				 errhint("It must be from %d to %d.", min, max)));
	ps->p += len;
	return value;
}

static bool
has_control_char(const char *s)
{
	for (; *s != '\0'; s++)
	{
		if ((unsigned char) *s < 0x20 || *s == 0x7f)
			return true;
	}
	return false;
}

/* Refuse a bad name, quoting it as written from start to the parser */
static void
check_name(const ContractParser *ps, const char *start, const char *name)
{
	const char *problem = NULL;

	if (*name == '\0')
		problem = "is empty";
	else if (pg_mbstrlen(name) > MAX_NAME_CHARS)
		problem = "is too long";
	else if (has_control_char(name))
		problem = "contains a control character";
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("name %s %s", shown_text(start, ps->p - start), problem),
				 errdetail("At position %d.", char_position(ps->input, start)),
				 errhint("A name has 1 to %d characters, none of them a control character.",
						 MAX_NAME_CHARS)));
}

/* name: "..." with "" for a " inside; returns the name itself */
static char *
parse_name(ContractParser *ps)
{
	const char *start;
	StringInfoData name;

	skip_space(&ps->p);
	start = ps->p;
	if (*ps->p != '"')
		syntax_error(ps, ps->p, "a quoted name", NULL);
	initStringInfo(&name);
	for (ps->p++;; ps->p++)
	{
		if (*ps->p == '\0')
			syntax_error(ps, ps->p, "a closing quote", NULL);
		if (*ps->p == '"')
		{
			if (ps->p[1] != '"')
				break;
			ps->p++;
		}
		appendStringInfoChar(&name, *ps->p);
	}
	ps->p++;
	check_name(ps, start, name.data);
	return name.data;
}

/* Add to a total, capped just past its limit so that no sum can overflow */
static int64
add_capped(int64 total, int64 amount, int64 limit)
{
	return Min(total + amount, limit + 1);
}

/* duration part: N [business] UNIT */
static void
parse_duration_part(ContractParser *ps, DurationSum *sum)
{
	int			len = number_length(ps, MAX_DURATION_DIGITS, "a duration", DURATION_HINT);
	int32		amount = digits_value(ps->p, len, PG_INT32_MAX);
	bool		business;
	int			unit;

	ps->p += len;
	business = accept_keyword(ps, "business");
	skip_space(&ps->p);
	len = word_length(ps->p);
	for (unit = 0; unit < (int) lengthof(time_units); unit++)
	{
		if (word_is(ps->p, len, time_units[unit].singular) ||
			word_is(ps->p, len, time_units[unit].plural))
			break;
	}
	if (unit == lengthof(time_units))
		syntax_error(ps, ps->p,
					 business ? UNIT_EXPECTED : "\"business\", " UNIT_EXPECTED, DURATION_HINT);
	ps->p += len;

	if (business)
		sum->business_parts++;
	else
		sum->wall_parts++;
	/* business days are days of the calendar, not 24 hours */
	if (business && unit == UNIT_DAY)
		sum->days = add_capped(sum->days, amount, MAX_DURATION_DAYS);
	else
		sum->usecs = add_capped(sum->usecs, amount * time_units[unit].usecs,
								MAX_DURATION_USECS);
}

/* Refuse the duration written from start to the parser's position */
static void
duration_error(const ContractParser *ps, const char *start,
			   const char *problem, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("duration \"%s\" %s", shown_text(start, ps->p - start), problem),
			 errdetail("At position %d.", char_position(ps->input, start)),
			 hint ? errhint("%s", hint) : 0));
}

/* duration: PART[ PART...], all on the business clock or none */
static ContractDuration
parse_duration(ContractParser *ps)
{
	const char *start;
	DurationSum sum = {0};
	ContractDuration duration = {0};

	skip_space(&ps->p);
	start = ps->p;
	do
		parse_duration_part(ps, &sum);
	while (number_follows(ps));

	if (sum.business_parts > 0 && sum.wall_parts > 0)
		duration_error(ps, start, "mixes business and wall-clock time",
					   "Say \"business\" in every part of a duration or in none.");
	if (sum.usecs == 0 && sum.days == 0)
		duration_error(ps, start, "is zero", NULL);
	if (sum.usecs > MAX_DURATION_USECS || sum.days > MAX_DURATION_DAYS)
		duration_error(ps, start, "is too long",
					   "A duration is at most 36500 days (100 years).");

	if (sum.business_parts > 0 && ps->first_business == NULL)
		ps->first_business = start;
	duration.clock = sum.business_parts > 0 ? CLOCK_BUSINESS : CLOCK_WALL;
	duration.usecs = sum.usecs;
	duration.days = sum.days;
	return duration;
}

/*
 * escalation term: after DURATION to NAME[ and NAME...], its keyword at
 * start (for messages)
 */
static void
parse_escalation(ContractParser *ps, int severity, const char *start)
{
	ParsedStep *step = palloc0(sizeof(ParsedStep));

	expect_keyword(ps, "after");
	step->after = parse_duration(ps);
	expect_keyword(ps, "to");
	do
		step->recipients = lappend(step->recipients, parse_name(ps));
	while (accept_keyword(ps, "and"));

	if (list_length(step->recipients) > CONTRACT_MAX_NAMES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many recipients in escalation step"),
				 errdetail("The step at position %d names %d recipients; the limit is %d.",
						   char_position(ps->input, start),
						   list_length(step->recipients), CONTRACT_MAX_NAMES)));
	ps->ladder[severity] = lappend(ps->ladder[severity], step);
}

/* term: respond within DURATION | resolve within DURATION | escalate ... */
static void
parse_term(ContractParser *ps, int severity)
{
	const char *word;
	TermKind	kind;
	ContractDuration *target;

	skip_space(&ps->p);
	word = ps->p;
	kind = expect_word(ps, term_keywords, lengthof(term_keywords),
					   TERM_EXPECTED);
	if (kind == TERM_ESCALATE)
	{
		parse_escalation(ps, severity, word);
		return;
	}

	target = kind == TERM_RESPOND ? &ps->severity[severity].respond :
		&ps->severity[severity].resolve;
	/* a second target is as unexpected as a second clause */
	if (target->clock != CLOCK_NONE)
		syntax_error(ps, word, TERM_EXPECTED, NULL);
	expect_keyword(ps, "within");
	*target = parse_duration(ps);
}

/* severity clause: SEVERITY: TERM[, TERM...] */
static void
parse_severity(ContractParser *ps, int severity)
{
	if (!consume(&ps->p, ":"))
		syntax_error(ps, ps->p, "\":\"", NULL);
	do
		parse_term(ps, severity);
	while (consume(&ps->p, ","));

	if (list_length(ps->ladder[severity]) > CONTRACT_MAX_STEPS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many escalation steps for severity %s",
						severity_names[severity]),
				 errdetail("The ladder has %d steps; the limit is %d.",
						   list_length(ps->ladder[severity]),
						   CONTRACT_MAX_STEPS)));
}

/*
 * hours clause: (CALENDAR).  A calendar literal has no parentheses, so the
 * first ")" ends it; the calendar's own errors name it alone.
 */
static void
parse_hours(ContractParser *ps)
{
	const char *close;

	if (!consume(&ps->p, "("))
		syntax_error(ps, ps->p, "\"(\"", NULL);
	close = strchr(ps->p, ')');
	if (close == NULL)
		syntax_error(ps, ps->p + strlen(ps->p), "\")\"", NULL);
	ps->hours = calendar_parse(pnstrdup(ps->p, close - ps->p));
	ps->p = close + 1;
}

/* premium requests clause: N per month|quarter|year */
static void
parse_premium_requests(ContractParser *ps)
{
	expect_keyword(ps, "requests");
	ps->premium_quota = parse_count(ps, "number of premium requests",
									0, MAX_PREMIUM_REQUESTS);
	expect_keyword(ps, "per");
	ps->quota_period = QUOTA_MONTH +
		expect_word(ps, quota_period_names, lengthof(quota_period_names),
					"\"month\", \"quarter\" or \"year\"");
}

/* phone clause: only out of hours */
static void
parse_phone_only(ContractParser *ps)
{
	static const char *const rest[] = {"only", "out", "of", "hours"};
	int			i;

	for (i = 0; i < (int) lengthof(rest); i++)
		expect_keyword(ps, rest[i]);
	ps->phone_only_out_of_hours = true;
}

/* warn clause: at N% (the share of each target after which it is at risk) */
static void
parse_warning(ContractParser *ps)
{
	expect_keyword(ps, "at");
	ps->warn_percent = parse_count(ps, "warning share", 1, 99);
	if (!consume(&ps->p, "%"))
		syntax_error(ps, ps->p, "\"%\"", NULL);
}

static void
parse_clause(ContractParser *ps)
{
	const char *word;
	int			kind;

	skip_space(&ps->p);
	word = ps->p;
	kind = accept_word(ps, clause_keywords, N_CLAUSE_KINDS);
	if (kind < 0 && (kind = accept_word(ps, severity_aliases, CONTRACT_SEVERITIES)) >= 0)
		kind += CLAUSE_SEVERITY;
	if (kind < 0)
		syntax_error(ps, word, CLAUSE_EXPECTED, CLAUSE_HINT);
	/* a second clause of a kind is as unexpected as an unknown keyword */
	if (ps->seen[kind])
		syntax_error(ps, word, CLAUSE_EXPECTED, REPEAT_HINT);
	ps->seen[kind] = true;

	switch (kind)
	{
		case CLAUSE_PLAN:
			ps->plan_name = parse_name(ps);
			break;
		case CLAUSE_TIER:
			ps->tier = expect_word(ps, tier_names, lengthof(tier_names),
								   "\"premium\" or \"standard\"");
			break;
		case CLAUSE_HOURS:
			parse_hours(ps);
			break;
		case CLAUSE_NAMED_CONTACTS:
			expect_keyword(ps, "contacts");
			ps->named_contacts = parse_count(ps, "number of named contacts",
											 1, MAX_NAMED_CONTACTS);
			break;
		case CLAUSE_PREMIUM_REQUESTS:
			parse_premium_requests(ps);
			break;
		case CLAUSE_PHONE_ONLY:
			parse_phone_only(ps);
			break;
		case CLAUSE_WARN:
			parse_warning(ps);
			break;
		default:
			parse_severity(ps, kind - CLAUSE_SEVERITY);
			break;
	}
}

/* contract: CLAUSE[;CLAUSE...][;] */
static void
parse_clauses(ContractParser *ps)
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

/* Business time is counted in opening hours, so it needs some */
static void
check_hours_for_business_terms(const ContractParser *ps)
{
	if (ps->first_business != NULL && ps->hours == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("contract \"%s\" has business-time terms but no hours",
						shown_text(ps->input, strlen(ps->input))),
				 errdetail("The first business-time duration is at position %d.",
						   char_position(ps->input, ps->first_business)),
				 errhint("Add the opening hours, e.g. hours (Mon-Fri 09:00-18:00; tz Europe/Berlin).")));
}


/* ---------- Building the stored form ---------- */

/* Append a NUL-terminated name to names[]; returns its offset there */
static int32
store_name(StringInfo names, const char *name)
{
	int32		offset = names->len;

	appendBinaryStringInfo(names, name, strlen(name) + 1);
	return offset;
}

/*
 * The steps of all ladders, most urgent severity first and each ladder in
 * the order written, with their recipients appended to names; sets the
 * first_step and n_steps of each severity of the parser.
 */
static ContractStep *
lay_out_ladders(ContractParser *ps, StringInfo names, int *nsteps)
{
	ContractStep *steps;
	int			n = 0;
	int			s;

	for (s = 0; s < CONTRACT_SEVERITIES; s++)
		n += list_length(ps->ladder[s]);
	steps = palloc0(n * sizeof(ContractStep));

	n = 0;
	for (s = 0; s < CONTRACT_SEVERITIES; s++)
	{
		ListCell   *lc;

		if (ps->ladder[s] != NIL)
		{
			ps->severity[s].first_step = n;
			ps->severity[s].n_steps = list_length(ps->ladder[s]);
		}
		foreach(lc, ps->ladder[s])
		{
			ParsedStep *parsed = (ParsedStep *) lfirst(lc);
			ListCell   *rc;

			steps[n].after = parsed->after;
			steps[n].names = names->len;
			steps[n].n_names = list_length(parsed->recipients);
			foreach(rc, parsed->recipients)
				store_name(names, (const char *) lfirst(rc));
			n++;
		}
	}
	*nsteps = n;
	return steps;
}

static Contract *
build_contract(ContractParser *ps)
{
	StringInfoData names;
	int32		plan_name = -1;
	int			nsteps;
	ContractStep *steps;
	Size		steps_size;
	Size		calendar_offset;
	Size		names_offset;
	Size		size;
	Contract   *c;

	initStringInfo(&names);
	if (ps->plan_name != NULL)
		plan_name = store_name(&names, ps->plan_name);
	steps = lay_out_ladders(ps, &names, &nsteps);

	/* where the calendar would be even when there is none, for one layout */
	steps_size = nsteps * sizeof(ContractStep);
	calendar_offset = CONTRACT_ALIGN(steps_size);
	names_offset = CONTRACT_ALIGN(calendar_offset +
								  (ps->hours ? VARSIZE(ps->hours) : 0));

	/* zeroed, so that padding cannot make equal contracts differ */
	size = offsetof(Contract, data) + names_offset + names.len;
	c = palloc0(size);
	SET_VARSIZE(c, size);
	c->version = CONTRACT_FORMAT_VERSION;
	c->tier = ps->tier;
	c->quota_period = ps->quota_period;
	c->phone_only_out_of_hours = ps->phone_only_out_of_hours;
	c->has_hours = ps->hours != NULL;
	c->named_contacts = ps->named_contacts;
	c->premium_quota = ps->premium_quota;
	c->warn_percent = ps->warn_percent;
	c->plan_name = plan_name;
	c->n_steps = nsteps;
	c->calendar_offset = calendar_offset;
	c->names_offset = names_offset;
	memcpy(c->severity, ps->severity, sizeof(c->severity));

	memcpy(c->data, steps, steps_size);
	if (ps->hours != NULL)
		memcpy(c->data + calendar_offset, ps->hours, VARSIZE(ps->hours));
	memcpy(c->data + names_offset, names.data, names.len);
	return c;
}

/* Parse a contract literal; errors name the literal as a whole. */
static Contract *
contract_parse(const char *input)
{
	ContractParser ps;

	memset(&ps, 0, sizeof(ps));
	ps.input = ps.p = input;
	ps.tier = TIER_STANDARD;
	ps.named_contacts = -1;
	ps.premium_quota = -1;
	ps.quota_period = QUOTA_NONE;
	parse_clauses(&ps);
	check_hours_for_business_terms(&ps);
	return build_contract(&ps);
}


/* ---------- Output ---------- */

/* A name in double quotes, with each " inside doubled */
static void
append_name(StringInfo buf, const char *name)
{
	appendStringInfoChar(buf, '"');
	for (; *name != '\0'; name++)
	{
		if (*name == '"')
			appendStringInfoChar(buf, '"');
		appendStringInfoChar(buf, *name);
	}
	appendStringInfoChar(buf, '"');
}

/* " N [business] UNIT", when n is not zero */
static void
append_duration_part(StringInfo buf, int64 n, bool business, UnitKind unit)
{
	if (n == 0)
		return;
	appendStringInfo(buf, " " INT64_FORMAT "%s %s", n,
					 business ? " business" : "",
					 n == 1 ? time_units[unit].singular :
					 time_units[unit].plural);
}

/*
 * A duration, after a space, as days, hours and minutes.  A wall-clock day
 * is 24 hours; business days are kept apart, and business hours are never
 * turned into days.
 */
static void
append_duration(StringInfo buf, const ContractDuration *d)
{
	bool		business = d->clock == CLOCK_BUSINESS;
	int64		days = business ? d->days : d->usecs / USECS_PER_DAY;
	int64		usecs = business ? d->usecs : d->usecs % USECS_PER_DAY;

	append_duration_part(buf, days, business, UNIT_DAY);
	append_duration_part(buf, usecs / USECS_PER_HOUR, business, UNIT_HOUR);
	append_duration_part(buf, usecs % USECS_PER_HOUR / USECS_PER_MINUTE,
						 business, UNIT_MINUTE);
}

/* A duration as the canonical output writes it: "1 hour", "2 business days" */
char *
contract_duration_text(const ContractDuration *d)
{
	StringInfoData buf;

	initStringInfo(&buf);
	append_duration(&buf, d);
	return buf.data + 1;		/* past the leading space */
}

/* The terms of a severity follow its "NAME:", separated by ", " */
static void
start_term(StringInfo buf, int terms_start)
{
	appendStringInfoString(buf, buf->len > terms_start ? ", " : " ");
}

static void
append_escalation(StringInfo buf, const Contract *c, const ContractStep *step)
{
	const char *name = contract_name_at(c, step->names);
	int			i;

	appendStringInfoString(buf, "escalate after");
	append_duration(buf, &step->after);
	appendStringInfoString(buf, " to ");
	for (i = 0; i < step->n_names; i++)
	{
		if (i > 0)
			appendStringInfoString(buf, " and ");
		append_name(buf, name);
		name += strlen(name) + 1;
	}
}

/* A severity clause: respond, resolve, then the ladder; none without terms */
static void
append_severity(StringInfo buf, const Contract *c, int severity)
{
	const SeverityTerms *terms = &c->severity[severity];
	const ContractStep *steps = contract_steps(c) + terms->first_step;
	int			terms_start;
	int			i;

	if (terms->respond.clock == CLOCK_NONE &&
		terms->resolve.clock == CLOCK_NONE && terms->n_steps == 0)
		return;

	start_clause(buf);
	appendStringInfo(buf, "%s:", severity_names[severity]);
	terms_start = buf->len;
	if (terms->respond.clock != CLOCK_NONE)
	{
		start_term(buf, terms_start);
		appendStringInfoString(buf, "respond within");
		append_duration(buf, &terms->respond);
	}
	if (terms->resolve.clock != CLOCK_NONE)
	{
		start_term(buf, terms_start);
		appendStringInfoString(buf, "resolve within");
		append_duration(buf, &terms->resolve);
	}
	for (i = 0; i < terms->n_steps; i++)
	{
		start_term(buf, terms_start);
		append_escalation(buf, c, &steps[i]);
	}
}

/*
 * The canonical text: plan, tier, hours, named contacts, premium requests,
 * phone only out of hours, warning, then the severities, most urgent first.
 */
char *
contract_to_text(const Contract *c)
{
	const Calendar *hours = contract_calendar(c);
	StringInfoData buf;
	int			s;

	initStringInfo(&buf);
	if (c->plan_name >= 0)
	{
		appendStringInfoString(&buf, "plan ");
		append_name(&buf, contract_name_at(c, c->plan_name));
	}
	start_clause(&buf);
	appendStringInfo(&buf, "tier %s", tier_names[c->tier]);
	if (hours != NULL)
	{
		start_clause(&buf);
		appendStringInfo(&buf, "hours (%s)", calendar_to_text(hours));
	}
	if (c->named_contacts >= 0)
	{
		start_clause(&buf);
		appendStringInfo(&buf, "named contacts %d", c->named_contacts);
	}
	if (c->quota_period != QUOTA_NONE)
	{
		start_clause(&buf);
		appendStringInfo(&buf, "premium requests %d per %s", c->premium_quota,
						 quota_period_names[c->quota_period - QUOTA_MONTH]);
	}
	if (c->phone_only_out_of_hours)
	{
		start_clause(&buf);
		appendStringInfoString(&buf, "phone only out of hours");
	}
	if (c->warn_percent > 0)
	{
		start_clause(&buf);
		appendStringInfo(&buf, "warn at %d%%", c->warn_percent);
	}
	for (s = 0; s < CONTRACT_SEVERITIES; s++)
		append_severity(&buf, c, s);
	return buf.data;
}


/* ---------- SQL-callable functions ---------- */

Datum
contract_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);

	PG_RETURN_CONTRACT_P(contract_parse(str));
}

Datum
contract_out(PG_FUNCTION_ARGS)
{
	Contract   *c = PG_GETARG_CONTRACT_P(0);

	PG_RETURN_CSTRING(contract_to_text(c));
}

/* The binary form: a version byte, then the text, read like text input */
Datum
contract_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);

	PG_RETURN_CONTRACT_P(contract_parse(text_form_recv(buf, CONTRACT_BINARY_VERSION, "contract")));
}

Datum
contract_send(PG_FUNCTION_ARGS)
{
	Contract   *value = PG_GETARG_CONTRACT_P(0);

	PG_RETURN_BYTEA_P(text_form_send(contract_to_text(value), CONTRACT_BINARY_VERSION));
}

