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
 *		response means qualified answer			only agent messages marked
 *												qualified are a response or
 *												a reply (default: any public
 *												agent message)
 *		on reopen restart						a reopened ticket's resolution
 *												target starts afresh (default:
 *												its clock resumes)
 *		local hours								the hours in each customer's
 *												time zone and holidays
 *		report requires service, summary		the report fields required
 *		availability 99.5% per month, maintenance announced 5 days ahead
 *												the monthly availability
 *												target; windows announced
 *												that long ahead are planned
 *												maintenance (0.6)
 *		critical: respond within 30 minutes, resolve within 2 business days,
 *			reply within 4 business hours, update every 1 business day,
 *			escalate after 1 hour to "Director" and "VP"
 *												the terms of a severity
 *												(critical, high, medium, low)
 *		request "signature change" critical: hours (...), respond within ...
 *												the terms of some tickets: a
 *												request type, standard
 *												requests, a support level
 *												("level 2"), a severity, in
 *												this order, one at least
 *
 * A set of terms may carry hours of its own ("hours (...)" among its
 * terms): its business-time targets and steps count in them.  A ticket is
 * held to the set that says most of it: one naming its request type before
 * any that does not, then one for standard requests, then its support
 * level, then its severity (contract_choose in term_sets.c).
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
	"\"plan\", \"tier\", \"hours\", \"named\", \"premium\", \"phone\", \"warn\", \"report\", \"local\", \"response\", \"on\", \"availability\", \"request\", \"standard\", \"level\" or a severity"
#define TERM_EXPECTED "\"respond\", \"resolve\", \"reply\", \"update\", \"escalate\" or \"hours\""
#define FIELD_EXPECTED \
	"\"service\", \"summary\", \"problem time\", \"business impact\", \"description\", \"current behaviour\" or \"expected behaviour\""
#define UNIT_EXPECTED "\"minutes\", \"hours\" or \"days\""
#define PERIOD_HINT \
	"An availability target is measured per month (only months so far): \"availability 99.5% per month\"."

/* How to write what the grammar wants, for syntax error messages */
#define CLAUSE_HINT \
	"A clause starts with plan, tier, hours, named, premium, phone, warn, report, local, response, on or availability; terms start with request \"TYPE\", standard, level N or a severity: critical, high, medium or low (or P1 to P4), in this order, then \":\"."
#define REPEAT_HINT \
	"Each kind of clause may come once, and the terms of the same tickets in one clause, separated by \",\" (P1 to P4 are critical to low)."
#define DURATION_HINT \
	"A duration is one or more of \"N minutes\", \"N hours\", \"N days\", with \"business\" before the unit for business time, such as \"4 business hours\"."

/* The kinds of clause but terms; each may appear once */
typedef enum ClauseKind
{
	CLAUSE_PLAN,
	CLAUSE_TIER,
	CLAUSE_HOURS,
	CLAUSE_NAMED_CONTACTS,
	CLAUSE_PREMIUM_REQUESTS,
	CLAUSE_PHONE_ONLY,
	CLAUSE_WARN,
	CLAUSE_REPORT,
	CLAUSE_LOCAL,
	CLAUSE_RESPONSE,
	CLAUSE_REOPEN,
	CLAUSE_AVAILABILITY,
	N_CLAUSE_KINDS
} ClauseKind;

/* The keyword that starts each kind of clause, by ClauseKind */
static const char *const clause_keywords[N_CLAUSE_KINDS] = {
	"plan", "tier", "hours", "named", "premium", "phone", "warn", "report", "local",
	"response", "on", "availability"
};

/* The names of the severities, most urgent first, as in the SQL enum */
static const char *const severity_names[CONTRACT_SEVERITIES] = {
	"critical", "high", "medium", "low"
};

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
	TERM_REPLY,
	TERM_UPDATE,
	TERM_ESCALATE,
	TERM_HOURS
} TermKind;

/* By TermKind */
static const char *const term_keywords[] = {
	"respond", "resolve", "reply", "update", "escalate", "hours"
};

/* The word between a target's keyword and its duration, by TermKind */
static const char *const target_words[] = {"within", "within", "within", "every"};

/* The targets a clause of terms may set, as bits */
#define TARGET_RESPOND	(1 << TERM_RESPOND)
#define TARGET_RESOLVE	(1 << TERM_RESOLVE)
#define TARGET_REPLY	(1 << TERM_REPLY)
#define TARGET_UPDATE	(1 << TERM_UPDATE)

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

/* One clause of terms as written */
typedef struct ParsedSet
{
	TermsKey	key;			/* request_type: 0 when type_name is set */
	char	   *type_name;		/* NULL: any */
	SeverityTerms terms;		/* respond and resolve; the ladder is laid
								 * out when building */
	ConversationTerms conversation; /* reply and update */
	List	   *ladder;			/* ParsedSteps, as written */
	Calendar   *hours;			/* its own; NULL: the plan's */
	const char *start;			/* where its clause starts */
	const char *first_business; /* its first business-time duration */
	bool		none;			/* "none": no terms, said on purpose */
} ParsedSet;

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
	char	   *plan_name;		/* NULL when unnamed */
	ContractTier tier;
	Calendar   *hours;			/* NULL when none */
	int32		named_contacts;
	int32		premium_quota;
	QuotaPeriod quota_period;
	bool		phone_only_out_of_hours;
	int32		warn_percent;
	int32		report_fields;
	bool		local_hours;
	int32		conversation;	/* CONVERSATION_QUALIFIED and _RESTART */
	AvailabilityTerms availability; /* target 0: no availability clause */
	const char *notice_start;	/* where a business-time notice starts */
	const char *clause_start[N_CLAUSE_KINDS];	/* where each clause starts */
	List	   *sets;			/* ParsedSets, as written */
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

	duration.clock = sum.business_parts > 0 ? CLOCK_BUSINESS : CLOCK_WALL;
	duration.usecs = sum.usecs;
	duration.days = sum.days;
	return duration;
}

/* A duration of a set's terms; the set notes where its first business one is */
static ContractDuration
parse_set_duration(ContractParser *ps, ParsedSet *set)
{
	const char *start = ps->p + strspn(ps->p, SPACE_CHARS);
	ContractDuration duration = parse_duration(ps);

	if (duration.clock == CLOCK_BUSINESS && set->first_business == NULL)
		set->first_business = start;
	return duration;
}

/*
 * escalation term: after DURATION to NAME[ and NAME...], its keyword at
 * start (for messages)
 */
static void
parse_escalation(ContractParser *ps, ParsedSet *set, const char *start)
{
	ParsedStep *step = palloc0(sizeof(ParsedStep));

	expect_keyword(ps, "after");
	step->after = parse_set_duration(ps, set);
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
	set->ladder = lappend(set->ladder, step);
}

/*
 * hours clause or term: (CALENDAR).  A calendar literal has no parentheses,
 * so the first ")" ends it; the calendar's own errors name it alone.
 */
static Calendar *
parse_hours(ContractParser *ps)
{
	const char *close;
	Calendar   *hours;

	if (!consume(&ps->p, "("))
		syntax_error(ps, ps->p, "\"(\"", NULL);
	close = strchr(ps->p, ')');
	if (close == NULL)
		syntax_error(ps, ps->p + strlen(ps->p), "\")\"", NULL);
	hours = calendar_parse(pnstrdup(ps->p, close - ps->p));
	ps->p = close + 1;
	return hours;
}

/* The target of a set that a term of kind sets */
static ContractDuration *
set_target(ParsedSet *set, TermKind kind)
{
	switch (kind)
	{
		case TERM_RESPOND:
			return &set->terms.respond;
		case TERM_RESOLVE:
			return &set->terms.resolve;
		case TERM_REPLY:
			return &set->conversation.reply;
		default:
			Assert(kind == TERM_UPDATE);
			return &set->conversation.update;
	}
}

/*
 * term: respond within DURATION | resolve within DURATION | reply within
 * DURATION | update every DURATION | escalate ... | hours (CALENDAR)
 */
static void
parse_term(ContractParser *ps, ParsedSet *set)
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
		parse_escalation(ps, set, word);
		return;
	}
	if (kind == TERM_HOURS)
	{
		/* a second term of a kind is as unexpected as a second clause */
		if (set->hours != NULL)
			syntax_error(ps, word, TERM_EXPECTED, NULL);
		set->hours = parse_hours(ps);
		return;
	}

	target = set_target(set, kind);
	if (target->clock != CLOCK_NONE)
		syntax_error(ps, word, TERM_EXPECTED, NULL);
	expect_keyword(ps, target_words[kind]);
	*target = parse_set_duration(ps, set);
}

/* The severity named at the parser (a name or P1 to P4), or -1 */
static int
accept_severity(ContractParser *ps)
{
	int			severity = accept_word(ps, severity_names, CONTRACT_SEVERITIES);

	if (severity < 0)
		severity = accept_word(ps, severity_aliases, CONTRACT_SEVERITIES);
	return severity;
}

static bool
same_key(const ParsedSet *a, const ParsedSet *b)
{
	return a->key.severity == b->key.severity && a->key.level == b->key.level &&
		a->key.standard == b->key.standard &&
		(a->type_name == NULL ? b->type_name == NULL :
		 b->type_name != NULL && strcmp(a->type_name, b->type_name) == 0);
}

/*
 * Which tickets a clause of terms is for: [request NAME] [standard]
 * [level N] [SEVERITY], one at least, in this order; start is where the
 * clause starts.  Two clauses for the same tickets are refused.
 */
static ParsedSet *
parse_terms_key(ContractParser *ps, const char *start)
{
	ParsedSet  *set = palloc0(sizeof(ParsedSet));
	ListCell   *lc;

	set->start = start;
	set->key.request_type = -1;
	set->key.severity = -1;
	if (accept_keyword(ps, "request"))
		set->type_name = parse_name(ps);
	set->key.standard = accept_keyword(ps, "standard") ? 1 : 0;
	if (accept_keyword(ps, "level"))
		set->key.level = parse_count(ps, "support level", 1, CONTRACT_LEVELS);
	set->key.severity = accept_severity(ps);
	if (ps->p == start)
		syntax_error(ps, start, CLAUSE_EXPECTED, CLAUSE_HINT);
	foreach(lc, ps->sets)
	{
		if (same_key((ParsedSet *) lfirst(lc), set))
			syntax_error(ps, start, CLAUSE_EXPECTED, REPEAT_HINT);
	}
	return set;
}

/* terms clause: KEY: TERM[, TERM...] | KEY: none */
static void
parse_terms(ContractParser *ps, const char *start)
{
	ParsedSet  *set = parse_terms_key(ps, start);

	if (!consume(&ps->p, ":"))
		syntax_error(ps, ps->p, "\":\"", NULL);
	set->none = accept_keyword(ps, "none");
	while (!set->none)
	{
		parse_term(ps, set);
		if (!consume(&ps->p, ","))
			break;
	}

	if (list_length(set->ladder) > CONTRACT_MAX_STEPS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many escalation steps in the terms at position %d",
						char_position(ps->input, start)),
				 errdetail("The ladder has %d steps; the limit is %d.",
						   list_length(set->ladder), CONTRACT_MAX_STEPS)));
	if (list_length(ps->sets) >= CONTRACT_MAX_SETS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many clauses of terms"),
				 errdetail("The limit is %d.", CONTRACT_MAX_SETS)));
	ps->sets = lappend(ps->sets, set);
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

/* The n words, in order */
static void
expect_keywords(ContractParser *ps, const char *const *words, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		expect_keyword(ps, words[i]);
}

/* The words after the first of "phone only out of hours" and the others */
static const char *const phone_rest[] = {"only", "out", "of", "hours"};
static const char *const response_rest[] = {"means", "qualified", "answer"};
static const char *const reopen_rest[] = {"reopen", "restart"};

/* warn clause: at N% (the share of each target after which it is at risk) */
static void
parse_warning(ContractParser *ps)
{
	expect_keyword(ps, "at");
	ps->warn_percent = parse_count(ps, "warning share", 1, 99);
	if (!consume(&ps->p, "%"))
		syntax_error(ps, ps->p, "\"%\"", NULL);
}

/* The words of each report field, by bit of report_fields */
const char *const contract_report_fields[CONTRACT_REPORT_FIELDS] = {
	"service", "summary", "problem time", "business impact", "description",
	"current behaviour", "expected behaviour"
};

/* The report field named at the parser (its words, in any case), or -1 */
static int
accept_report_field(ContractParser *ps)
{
	int			f;

	skip_space(&ps->p);
	for (f = 0; f < CONTRACT_REPORT_FIELDS; f++)
	{
		const char *p = ps->p;
		const char *words = contract_report_fields[f];

		while (*words != '\0')
		{
			int			len = strcspn(words, " ");
			int			wlen = (skip_space(&p), word_length(p));

			if (wlen != len || pg_strncasecmp(p, words, len) != 0)
				break;
			p += len;
			words += len + (words[len] == ' ');
		}
		if (*words == '\0')
		{
			ps->p = p;
			return f;
		}
	}
	return -1;
}

/* report clause: requires FIELD[, FIELD...], each once */
static void
parse_report(ContractParser *ps)
{
	expect_keyword(ps, "requires");
	do
	{
		const char *word = ps->p + strspn(ps->p, SPACE_CHARS);
		int			field = accept_report_field(ps);

		if (field < 0 || (ps->report_fields & (1 << field)) != 0)
			syntax_error(ps, word, FIELD_EXPECTED, NULL);
		ps->report_fields |= 1 << field;
	} while (consume(&ps->p, ","));
}

/* The words between an availability target and its notice */
static const char *const maintenance_words[] = {"maintenance", "announced"};

/*
 * An availability target: N[.D[D[D]]]%, more than 0 and at most 100;
 * returns it in thousandths of a percent
 */
static int32
parse_availability_target(ContractParser *ps)
{
	int			len = number_length(ps, MAX_DURATION_DIGITS, "a percentage", NULL);
	const char *start = ps->p;
	int32		value = digits_value(start, len, 101) * AVAILABILITY_SCALE;
	int32		unit = AVAILABILITY_SCALE;
	int			i;

	ps->p += len;
	if (*ps->p == '.')
	{
		ps->p++;
		len = word_length(ps->p);
		if (!is_number_word(ps->p, len) || len > 3)
			syntax_error(ps, ps->p, "one to three decimals", NULL);
		for (i = 0; i < len; i++)
			value += (ps->p[i] - '0') * (unit /= 10);
		ps->p += len;
	}
	if (value <= 0 || value > 100 * AVAILABILITY_SCALE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("availability target \"%s%%\" is out of range",
						shown_text(start, ps->p - start)),
				 errdetail("At position %d.", char_position(ps->input, start)),
				 errhint("It must be more than 0%% and at most 100%%, with up to three decimals.")));
	if (!consume(&ps->p, "%"))
		syntax_error(ps, ps->p, "\"%\"", NULL);
	return value;
}

/*
 * availability clause: N% per month[, maintenance announced DURATION
 * ahead]
 */
static void
parse_availability(ContractParser *ps)
{
	const char *notice;

	ps->availability.target = parse_availability_target(ps);
	expect_keyword(ps, "per");
	if (!accept_keyword(ps, "month"))
		syntax_error(ps, ps->p, "\"month\"", PERIOD_HINT);
	ps->availability.period = AVAILABILITY_MONTH;
	if (!consume(&ps->p, ","))
		return;
	expect_keywords(ps, maintenance_words, lengthof(maintenance_words));
	notice = ps->p + strspn(ps->p, SPACE_CHARS);
	ps->availability.notice = parse_duration(ps);
	if (ps->availability.notice.clock == CLOCK_BUSINESS)
		ps->notice_start = notice;
	expect_keyword(ps, "ahead");
}

/* A clause that starts with one of clause_keywords */
static void
parse_keyword_clause(ContractParser *ps, ClauseKind kind)
{
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
			ps->hours = parse_hours(ps);
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
			expect_keywords(ps, phone_rest, lengthof(phone_rest));
			ps->phone_only_out_of_hours = true;
			break;
		case CLAUSE_WARN:
			parse_warning(ps);
			break;
		case CLAUSE_REPORT:
			parse_report(ps);
			break;
		case CLAUSE_LOCAL:
			expect_keyword(ps, "hours");
			ps->local_hours = true;
			break;
		case CLAUSE_RESPONSE:
			expect_keywords(ps, response_rest, lengthof(response_rest));
			ps->conversation |= CONVERSATION_QUALIFIED;
			break;
		case CLAUSE_REOPEN:
			expect_keywords(ps, reopen_rest, lengthof(reopen_rest));
			ps->conversation |= CONVERSATION_RESTART;
			break;
		case CLAUSE_AVAILABILITY:
			parse_availability(ps);
			break;
		default:
			Assert(false);
	}
}

static void
parse_clause(ContractParser *ps)
{
	const char *word;
	int			kind;

	skip_space(&ps->p);
	word = ps->p;
	kind = accept_word(ps, clause_keywords, N_CLAUSE_KINDS);
	if (kind < 0)
	{
		parse_terms(ps, word);
		return;
	}
	/* a second clause of a kind is as unexpected as an unknown keyword */
	if (ps->clause_start[kind] != NULL)
		syntax_error(ps, word, CLAUSE_EXPECTED, REPEAT_HINT);
	ps->clause_start[kind] = word;
	parse_keyword_clause(ps, kind);
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

/* Refuse a clause, at start, that would have no effect, saying why */
static void
refuse_no_effect(const ContractParser *ps, const char *start, const char *what,
				 const char *why, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s of contract \"%s\" would have no effect: %s", what,
					shown_text(ps->input, strlen(ps->input)), why),
			 errdetail("At position %d.", char_position(ps->input, start)),
			 errhint("%s", hint)));
}

/* The targets (TARGET_* bits) that terms and their reply and update set */
static int
targets_of(const SeverityTerms *terms, const ConversationTerms *conversation)
{
	return (terms->respond.clock != CLOCK_NONE ? TARGET_RESPOND : 0) |
		(terms->resolve.clock != CLOCK_NONE ? TARGET_RESOLVE : 0) |
		(conversation->reply.clock != CLOCK_NONE ? TARGET_REPLY : 0) |
		(conversation->update.clock != CLOCK_NONE ? TARGET_UPDATE : 0);
}

/* The targets that some set of terms of the literal sets, as bits */
static int
parsed_targets(const ContractParser *ps)
{
	ListCell   *lc;
	int			targets = 0;

	foreach(lc, ps->sets)
	{
		const ParsedSet *set = (const ParsedSet *) lfirst(lc);

		targets |= targets_of(&set->terms, &set->conversation);
	}
	return targets;
}

/* The clauses of the plan as a whole that would change nothing */
static void
refuse_idle_clauses(const ContractParser *ps)
{
	if (ps->tier == TIER_STANDARD && ps->clause_start[CLAUSE_PREMIUM_REQUESTS] != NULL)
		refuse_no_effect(ps, ps->clause_start[CLAUSE_PREMIUM_REQUESTS], "\"premium requests\"",
						 "every request of a standard plan is standard",
						 "Count premium requests in a plan of tier premium.");
	if (ps->phone_only_out_of_hours && ps->hours == NULL)
		refuse_no_effect(ps, ps->clause_start[CLAUSE_PHONE_ONLY], "\"phone only out of hours\"",
						 "a plan without hours is never out of hours",
						 "Give the plan's hours, e.g. hours (Mon-Fri 09:00-18:00; tz Europe/Berlin).");
	if (ps->local_hours && ps->hours == NULL)
		refuse_no_effect(ps, ps->clause_start[CLAUSE_LOCAL], "\"local hours\"",
						 "the plan has no hours to keep in a customer's time",
						 "Give the plan's hours, e.g. hours (Mon-Fri 09:00-18:00; tz America/New_York).");
	if (ps->warn_percent > 0 && parsed_targets(ps) == 0)
		refuse_no_effect(ps, ps->clause_start[CLAUSE_WARN], "\"warn\"",
						 "the plan sets no target to warn of",
						 "Give a target (respond within, resolve within, reply within, update every), or leave the warning out.");
	if ((ps->conversation & CONVERSATION_QUALIFIED) &&
		(parsed_targets(ps) & (TARGET_RESPOND | TARGET_REPLY)) == 0)
		refuse_no_effect(ps, ps->clause_start[CLAUSE_RESPONSE], "\"response means qualified answer\"",
						 "the plan sets no response or reply target",
						 "Give a target for responses (respond within, reply within), or leave the clause out.");
	if ((ps->conversation & CONVERSATION_RESTART) &&
		(parsed_targets(ps) & TARGET_RESOLVE) == 0)
		refuse_no_effect(ps, ps->clause_start[CLAUSE_REOPEN], "\"on reopen restart\"",
						 "the plan sets no resolution target to restart",
						 "Give a resolution target (resolve within), or leave the clause out.");
}

/* Refuse business time, first written at first_business, without hours */
static void
refuse_business_without_hours(const ContractParser *ps, const char *first_business)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("contract \"%s\" has business-time terms but no hours",
					shown_text(ps->input, strlen(ps->input))),
			 errdetail("The first business-time duration is at position %d.",
					   char_position(ps->input, first_business)),
			 errhint("Add the opening hours, e.g. hours (Mon-Fri 09:00-18:00; tz Europe/Berlin).")));
}

/*
 * The hours of a set's terms: business time needs some (its own or the
 * plan's), and its own are for its business time
 */
static void
check_set_hours(const ContractParser *ps, const ParsedSet *set)
{
	if (set->first_business != NULL && set->hours == NULL && ps->hours == NULL)
		refuse_business_without_hours(ps, set->first_business);
	if (set->hours != NULL && set->first_business == NULL)
		refuse_no_effect(ps, set->start, "the hours of the terms",
						 "every target and step of these terms is on the wall clock",
						 "Give these terms business-time durations (\"4 business hours\"), or leave their hours out.");
	if (set->key.standard && ps->tier == TIER_STANDARD)
		refuse_no_effect(ps, set->start, "the terms for standard requests",
						 "every request of a standard plan is standard",
						 "Give these terms without \"standard\".");
	if (set->none && set->type_name == NULL && !set->key.standard && set->key.level == 0)
		refuse_no_effect(ps, set->start, "\"none\"",
						 "a severity without terms has none",
						 "\"none\" takes away the terms of a clause that says less of the same tickets, such as \"standard: none\" under \"critical: ...\".");
}

/* What the clauses say together */
static void
check_clauses(const ContractParser *ps)
{
	ListCell   *lc;

	foreach(lc, ps->sets)
		check_set_hours(ps, (const ParsedSet *) lfirst(lc));
	/* a maintenance notice in business time counts in the plan's hours */
	if (ps->notice_start != NULL && ps->hours == NULL)
		refuse_business_without_hours(ps, ps->notice_start);
	refuse_idle_clauses(ps);
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
 * A severity's plain terms: no request type, standard requests or level,
 * nor hours of their own.  They are stored in the header, as version 1 did.
 */
static bool
is_plain(const ParsedSet *set)
{
	return set->type_name == NULL && !set->key.standard && set->key.level == 0 &&
		set->key.severity >= 0 && set->hours == NULL && !set->none;
}

static int
compare_parsed_sets(const void *a, const void *b)
{
	const ParsedSet *x = *(ParsedSet *const *) a;
	const ParsedSet *y = *(ParsedSet *const *) b;

	return terms_key_compare(&x->key, x->type_name, &y->key, y->type_name);
}

/*
 * The sets in the order they are stored: the plain terms by severity
 * (into plain[], NULL where none), then the others in the order of their
 * keys.
 */
static List *
order_sets(const ContractParser *ps, ParsedSet *plain[CONTRACT_SEVERITIES])
{
	ParsedSet **others = palloc(Max(list_length(ps->sets), 1) * sizeof(ParsedSet *));
	List	   *ordered = NIL;
	int			n = 0;
	int			i;
	ListCell   *lc;

	memset(plain, 0, CONTRACT_SEVERITIES * sizeof(ParsedSet *));
	foreach(lc, ps->sets)
	{
		ParsedSet  *set = (ParsedSet *) lfirst(lc);

		if (is_plain(set))
			plain[set->key.severity] = set;
		else
			others[n++] = set;
	}
	qsort(others, n, sizeof(ParsedSet *), compare_parsed_sets);
	for (i = 0; i < n; i++)
		ordered = lappend(ordered, others[i]);
	return ordered;
}

/*
 * Append a set's ladder to steps[*n...], with its recipients appended to
 * names; sets the set's first_step and n_steps.
 */
static void
lay_out_ladder(ParsedSet *set, ContractStep *steps, int *n, StringInfo names)
{
	ListCell   *lc;

	if (set->ladder != NIL)
	{
		set->terms.first_step = *n;
		set->terms.n_steps = list_length(set->ladder);
	}
	foreach(lc, set->ladder)
	{
		ParsedStep *parsed = (ParsedStep *) lfirst(lc);
		ListCell   *rc;

		steps[*n].after = parsed->after;
		steps[*n].names = names->len;
		steps[*n].n_names = list_length(parsed->recipients);
		foreach(rc, parsed->recipients)
			store_name(names, (const char *) lfirst(rc));
		(*n)++;
	}
}

/* The stored form being laid out */
typedef struct ContractLayout
{
	ParsedSet  *plain[CONTRACT_SEVERITIES];
	List	   *others;			/* the extension's sets, in key order */
	bool		extended;		/* version 2 */
	int32		conversation;	/* the extension's conversation bits */
	StringInfoData names;
	ContractStep *steps;
	int			n_steps;
	Size		calendar_offset;
	Size		extension_offset;
	Size		availability_offset;
	Size		set_hours_offset;
	Size		names_offset;
} ContractLayout;

/* The ladders, most urgent plain terms first, then the extension's */
static void
lay_out_ladders(ContractParser *ps, ContractLayout *lay)
{
	ListCell   *lc;
	int			s;

	lay->n_steps = 0;
	foreach(lc, ps->sets)
		lay->n_steps += list_length(((ParsedSet *) lfirst(lc))->ladder);
	lay->steps = palloc0(Max(lay->n_steps, 1) * sizeof(ContractStep));
	lay->n_steps = 0;
	for (s = 0; s < CONTRACT_SEVERITIES; s++)
		if (lay->plain[s] != NULL)
			lay_out_ladder(lay->plain[s], lay->steps, &lay->n_steps, &lay->names);
	foreach(lc, lay->others)
		lay_out_ladder((ParsedSet *) lfirst(lc), lay->steps, &lay->n_steps, &lay->names);
}

/* Where each part goes, after names[] is complete but for the types */
static void
place_parts(ContractParser *ps, ContractLayout *lay)
{
	ListCell   *lc;
	Size		offset;

	/* where the calendar would be even when there is none, for one layout */
	lay->calendar_offset = CONTRACT_ALIGN(lay->n_steps * sizeof(ContractStep));
	offset = CONTRACT_ALIGN(lay->calendar_offset + (ps->hours ? VARSIZE(ps->hours) : 0));
	lay->extension_offset = offset;
	if (lay->extended)
		offset = CONTRACT_ALIGN(offset + offsetof(ContractExtension, sets) +
								list_length(lay->others) * sizeof(TermSet));
	if (lay->conversation & CONVERSATION_TERMS)
		offset += (CONTRACT_SEVERITIES + list_length(lay->others)) * sizeof(ConversationTerms);
	lay->availability_offset = offset;
	if (lay->conversation & CONTRACT_AVAILABILITY)
		offset += sizeof(AvailabilityTerms);
	lay->set_hours_offset = offset;
	foreach(lc, lay->others)
	{
		ParsedSet  *set = (ParsedSet *) lfirst(lc);

		set->key.request_type = set->type_name ?
			store_name(&lay->names, set->type_name) : -1;
		if (set->hours != NULL)
			offset = CONTRACT_ALIGN(offset + VARSIZE(set->hours));
	}
	lay->names_offset = offset;
}

/*
 * The extension's conversation bits: those of the plan's clauses, and
 * CONVERSATION_TERMS (the block after the sets) when any of 0.6's additions
 * is there, so that a plan without them is stored as 0.5 stored it
 */
static int32
conversation_bits(const ContractParser *ps)
{
	if (ps->conversation == 0 && (parsed_targets(ps) & (TARGET_REPLY | TARGET_UPDATE)) == 0)
		return 0;
	return ps->conversation | CONVERSATION_TERMS;
}

/* The reply and update targets of every set, after the extension's sets */
static void
write_conversation(const ContractLayout *lay, ContractExtension *ext)
{
	ConversationTerms *block = (ConversationTerms *) &ext->sets[ext->n_sets];
	ListCell   *lc;
	int			s;

	for (s = 0; s < CONTRACT_SEVERITIES; s++)
		if (lay->plain[s] != NULL)
			block[s] = lay->plain[s]->conversation;
	block += CONTRACT_SEVERITIES;
	foreach(lc, lay->others)
		*block++ = ((const ParsedSet *) lfirst(lc))->conversation;
}

/* The extension and the hours of its sets, into the contract's data */
static void
write_extension(const ContractParser *ps, const ContractLayout *lay, Contract *c)
{
	ContractExtension *ext = (ContractExtension *) (c->data + lay->extension_offset);
	Size		hours_offset = lay->set_hours_offset;
	ListCell   *lc;
	int			i = 0;

	ext->n_sets = list_length(lay->others);
	ext->report_fields = ps->report_fields;
	ext->local_hours = ps->local_hours;
	ext->conversation = lay->conversation;
	if (lay->conversation & CONVERSATION_TERMS)
		write_conversation(lay, ext);
	if (lay->conversation & CONTRACT_AVAILABILITY)
		memcpy(c->data + lay->availability_offset, &ps->availability, sizeof(AvailabilityTerms));
	foreach(lc, lay->others)
	{
		const ParsedSet *set = (const ParsedSet *) lfirst(lc);
		TermSet    *stored = &ext->sets[i++];

		stored->key = set->key;
		stored->terms = set->terms;
		stored->hours = -1;
		if (set->hours != NULL)
		{
			stored->hours = hours_offset;
			memcpy(c->data + hours_offset, set->hours, VARSIZE(set->hours));
			hours_offset = CONTRACT_ALIGN(hours_offset + VARSIZE(set->hours));
		}
	}
}

/* The header: what the plan says as a whole, and the plain terms */
static void
write_header(const ContractParser *ps, const ContractLayout *lay, int32 plan_name,
			 Contract *c)
{
	int			s;

	c->version = lay->extended ? CONTRACT_FORMAT_EXTENDED : CONTRACT_FORMAT_VERSION;
	c->tier = ps->tier;
	c->quota_period = ps->quota_period;
	c->phone_only_out_of_hours = ps->phone_only_out_of_hours;
	c->has_hours = ps->hours != NULL;
	c->named_contacts = ps->named_contacts;
	c->premium_quota = ps->premium_quota;
	c->warn_percent = ps->warn_percent;
	c->plan_name = plan_name;
	c->n_steps = lay->n_steps;
	c->calendar_offset = lay->calendar_offset;
	c->names_offset = lay->names_offset;
	for (s = 0; s < CONTRACT_SEVERITIES; s++)
		if (lay->plain[s] != NULL)
			c->severity[s] = lay->plain[s]->terms;
}

static Contract *
build_contract(ContractParser *ps)
{
	ContractLayout lay;
	int32		plan_name = -1;
	Size		size;
	Contract   *c;

	initStringInfo(&lay.names);
	lay.others = order_sets(ps, lay.plain);
	lay.conversation = conversation_bits(ps) |
		(ps->availability.target > 0 ? CONTRACT_AVAILABILITY : 0);
	lay.extended = lay.others != NIL || ps->report_fields != 0 || ps->local_hours ||
		lay.conversation != 0;
	if (ps->plan_name != NULL)
		plan_name = store_name(&lay.names, ps->plan_name);
	lay_out_ladders(ps, &lay);
	place_parts(ps, &lay);

	/* zeroed, so that padding cannot make equal contracts differ */
	size = offsetof(Contract, data) + lay.names_offset + lay.names.len;
	c = palloc0(size);
	SET_VARSIZE(c, size);
	write_header(ps, &lay, plan_name, c);
	memcpy(c->data, lay.steps, lay.n_steps * sizeof(ContractStep));
	if (ps->hours != NULL)
		memcpy(c->data + lay.calendar_offset, ps->hours, VARSIZE(ps->hours));
	if (lay.extended)
		write_extension(ps, &lay, c);
	memcpy(c->data + lay.names_offset, lay.names.data, lay.names.len);
	return c;
}

static void
init_parser(ContractParser *ps, const char *input)
{
	memset(ps, 0, sizeof(*ps));
	ps->input = ps->p = input;
	ps->tier = TIER_STANDARD;
	ps->named_contacts = -1;
	ps->premium_quota = -1;
	ps->quota_period = QUOTA_NONE;
}

/* Parse a contract literal; errors name the literal as a whole. */
static Contract *
contract_parse(const char *input)
{
	ContractParser ps;

	init_parser(&ps, input);
	parse_clauses(&ps);
	check_clauses(&ps);
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

static bool
has_terms(const SeverityTerms *terms, const ConversationTerms *conversation)
{
	return targets_of(terms, conversation) != 0 || terms->n_steps > 0;
}

/* One clause of terms as the output writes it */
typedef struct ShownSet
{
	const TermsKey *key;
	const char *type_name;		/* NULL: any */
	const SeverityTerms *terms;
	const ConversationTerms *conversation;
	const Calendar *hours;		/* NULL: the plan's */
} ShownSet;

static int
compare_shown_sets(const void *a, const void *b)
{
	const ShownSet *x = (const ShownSet *) a;
	const ShownSet *y = (const ShownSet *) b;

	return terms_key_compare(x->key, x->type_name, y->key, y->type_name);
}

/* Which tickets a clause of terms is for, then ":" */
static void
append_terms_key(StringInfo buf, const ShownSet *set)
{
	int			start = buf->len;

	if (set->type_name != NULL)
	{
		appendStringInfoString(buf, "request ");
		append_name(buf, set->type_name);
	}
	if (set->key->standard)
		appendStringInfoString(buf, buf->len > start ? " standard" : "standard");
	if (set->key->level > 0)
		appendStringInfo(buf, "%slevel %d", buf->len > start ? " " : "", set->key->level);
	if (set->key->severity >= 0)
		appendStringInfo(buf, "%s%s", buf->len > start ? " " : "",
						 severity_names[set->key->severity]);
	appendStringInfoChar(buf, ':');
}

/* A target, "KEYWORD WORD DURATION", when there is one */
static void
append_target(StringInfo buf, int terms_start, TermKind kind,
			  const ContractDuration *target)
{
	if (target->clock == CLOCK_NONE)
		return;
	start_term(buf, terms_start);
	appendStringInfo(buf, "%s %s", term_keywords[kind], target_words[kind]);
	append_duration(buf, target);
}

/* A clause of terms: its hours, respond, resolve, reply, update, the ladder */
static void
append_terms(StringInfo buf, const Contract *c, const ShownSet *set)
{
	const SeverityTerms *terms = set->terms;
	const ContractStep *steps = contract_steps(c) + terms->first_step;
	int			terms_start;
	int			i;

	start_clause(buf);
	append_terms_key(buf, set);
	terms_start = buf->len;
	if (!has_terms(terms, set->conversation) && set->hours == NULL)
		appendStringInfoString(buf, " none");
	if (set->hours != NULL)
	{
		start_term(buf, terms_start);
		appendStringInfo(buf, "hours (%s)", calendar_to_text(set->hours));
	}
	append_target(buf, terms_start, TERM_RESPOND, &terms->respond);
	append_target(buf, terms_start, TERM_RESOLVE, &terms->resolve);
	append_target(buf, terms_start, TERM_REPLY, &set->conversation->reply);
	append_target(buf, terms_start, TERM_UPDATE, &set->conversation->update);
	for (i = 0; i < terms->n_steps; i++)
	{
		start_term(buf, terms_start);
		append_escalation(buf, c, &steps[i]);
	}
}

/* The targets that some terms of the plan set, as TARGET_* bits */
static int
contract_targets(const Contract *c)
{
	const ContractExtension *ext = contract_extension(c);
	int			targets = 0;
	int			i;

	for (i = 0; i < CONTRACT_SEVERITIES; i++)
		targets |= targets_of(&c->severity[i], contract_conversation(c, i));
	for (i = 0; ext != NULL && i < ext->n_sets; i++)
		targets |= targets_of(&ext->sets[i].terms,
							  contract_conversation(c, CONTRACT_SEVERITIES + i));
	return targets;
}

/* The keys of the severities' plain terms, most urgent first */
static const TermsKey plain_keys[CONTRACT_SEVERITIES] = {
	{-1, 0, 0, 0, 0}, {-1, 1, 0, 0, 0}, {-1, 2, 0, 0, 0}, {-1, 3, 0, 0, 0}
};

/* Every clause of terms, in the order of their keys */
static void
append_all_terms(StringInfo buf, const Contract *c)
{
	const ContractExtension *ext = contract_extension(c);
	int			n_ext = ext ? ext->n_sets : 0;
	ShownSet   *shown = palloc((CONTRACT_SEVERITIES + n_ext) * sizeof(ShownSet));
	int			n = 0;
	int			i;

	for (i = 0; i < CONTRACT_SEVERITIES; i++)
		if (has_terms(&c->severity[i], contract_conversation(c, i)))
			shown[n++] = (ShownSet) {
				&plain_keys[i], NULL, &c->severity[i], contract_conversation(c, i), NULL
			};
	for (i = 0; i < n_ext; i++)
	{
		const TermSet *set = &ext->sets[i];

		shown[n++] = (ShownSet) {
			&set->key,
			set->key.request_type >= 0 ? contract_name_at(c, set->key.request_type) : NULL,
			&set->terms,
			contract_conversation(c, CONTRACT_SEVERITIES + i),
			set->hours >= 0 ? (const Calendar *) (c->data + set->hours) : NULL
		};
	}
	qsort(shown, n, sizeof(ShownSet), compare_shown_sets);
	for (i = 0; i < n; i++)
		append_terms(buf, c, &shown[i]);
}

/* report requires FIELD, FIELD... */
static void
append_report_fields(StringInfo buf, const Contract *c)
{
	const ContractExtension *ext = contract_extension(c);
	int			f;
	bool		first = true;

	if (ext == NULL || ext->report_fields == 0)
		return;
	start_clause(buf);
	appendStringInfoString(buf, "report requires");
	for (f = 0; f < CONTRACT_REPORT_FIELDS; f++)
	{
		if ((ext->report_fields & (1 << f)) == 0)
			continue;
		appendStringInfoString(buf, first ? " " : ", ");
		appendStringInfoString(buf, contract_report_fields[f]);
		first = false;
	}
}

/* An availability target as written: "99.5", "100", "99.95" */
char *
availability_target_text(int32 target)
{
	int32		decimals = target % AVAILABILITY_SCALE;
	int			digits = 3;

	if (decimals == 0)
		return psprintf("%d", target / AVAILABILITY_SCALE);
	for (; decimals % 10 == 0; decimals /= 10)
		digits--;
	return psprintf("%d.%0*d", target / AVAILABILITY_SCALE, digits, decimals);
}

/* availability N% per month[, maintenance announced DURATION ahead] */
static void
append_availability(StringInfo buf, const Contract *c)
{
	const AvailabilityTerms *availability = contract_availability(c);

	if (availability == NULL)
		return;
	start_clause(buf);
	appendStringInfo(buf, "availability %s%% per month",
					 availability_target_text(availability->target));
	if (availability->notice.clock == CLOCK_NONE)
		return;
	appendStringInfoString(buf, ", maintenance announced");
	append_duration(buf, &availability->notice);
	appendStringInfoString(buf, " ahead");
}

/*
 * The clauses that act only in some plans, where they act: 0.4 accepted a
 * premium quota in a standard plan, phone only out of hours without hours,
 * a warning without targets; a value stored so prints without them, and
 * reads back as the same plan.  The plan a kind of ticket sees
 * (contract_for_kind) may lack the targets that a warning, "response means
 * qualified answer" or "on reopen restart" act on: it goes without them.
 */
static void
append_effective_clauses(StringInfo buf, const Contract *c)
{
	int			targets = contract_targets(c);

	if (c->quota_period != QUOTA_NONE && c->tier == TIER_PREMIUM)
	{
		start_clause(buf);
		appendStringInfo(buf, "premium requests %d per %s", c->premium_quota,
						 quota_period_names[c->quota_period - QUOTA_MONTH]);
	}
	if (c->phone_only_out_of_hours && c->has_hours)
	{
		start_clause(buf);
		appendStringInfoString(buf, "phone only out of hours");
	}
	if (c->warn_percent > 0 && targets != 0)
	{
		start_clause(buf);
		appendStringInfo(buf, "warn at %d%%", c->warn_percent);
	}
	if (contract_qualified_responses(c) && (targets & (TARGET_RESPOND | TARGET_REPLY)))
	{
		start_clause(buf);
		appendStringInfoString(buf, "response means qualified answer");
	}
	if (contract_reopen_restarts(c) && (targets & TARGET_RESOLVE))
	{
		start_clause(buf);
		appendStringInfoString(buf, "on reopen restart");
	}
}

/*
 * The canonical text: plan, tier, hours, local hours, named contacts,
 * premium requests, phone only out of hours, warning, response means
 * qualified answer, on reopen restart, report fields, availability, then
 * the terms in the order of their keys (the severities' plain terms most
 * urgent first).
 */
static void
append_plan_clauses(StringInfo buf, const Contract *c)
{
	const Calendar *hours = contract_calendar(c);

	if (c->plan_name >= 0)
	{
		appendStringInfoString(buf, "plan ");
		append_name(buf, contract_name_at(c, c->plan_name));
	}
	start_clause(buf);
	appendStringInfo(buf, "tier %s", tier_names[c->tier]);
	if (hours != NULL)
	{
		start_clause(buf);
		appendStringInfo(buf, "hours (%s)", calendar_to_text(hours));
	}
	if (contract_has_local_hours(c))
	{
		start_clause(buf);
		appendStringInfoString(buf, "local hours");
	}
	if (c->named_contacts >= 0)
	{
		start_clause(buf);
		appendStringInfo(buf, "named contacts %d", c->named_contacts);
	}
	append_effective_clauses(buf, c);
	append_report_fields(buf, c);
	append_availability(buf, c);
}

char *
contract_to_text(const Contract *c)
{
	StringInfoData buf;

	initStringInfo(&buf);
	append_plan_clauses(&buf, c);
	append_all_terms(&buf, c);
	return buf.data;
}

/*
 * The plan as a ticket of a kind sees it: its clauses as a whole, and for
 * each severity the terms such a ticket of that severity is held to, as
 * the plain terms of the severity (with their own hours where they have
 * them).  A version 1 plan is the same for every kind.
 */
Contract *
contract_for_kind(const Contract *c, const TicketKind *kind)
{
	StringInfoData buf;
	ContractParser ps;
	int			s;

	if (contract_extension(c) == NULL)
		return (Contract *) c;
	initStringInfo(&buf);
	append_plan_clauses(&buf, c);
	for (s = 0; s < CONTRACT_SEVERITIES; s++)
	{
		TicketKind	one = *kind;
		ChosenTerms chosen;

		one.severity = s;
		chosen = contract_choose(c, &one);
		if (has_terms(chosen.terms, chosen.conversation))
			append_terms(&buf, c, &(ShownSet) {
				&plain_keys[s], NULL, chosen.terms, chosen.conversation, chosen.hours
			});
	}
	/* the plan's terms were checked when it was read */
	init_parser(&ps, buf.data);
	parse_clauses(&ps);
	/*
	 * in canonical form: what no longer acts for this kind (a warning when
	 * its terms have no target, "response means qualified answer" when they
	 * have no response or reply target, "on reopen restart" when they have
	 * no resolution target) is left out, as the output leaves it out
	 */
	init_parser(&ps, contract_to_text(build_contract(&ps)));
	parse_clauses(&ps);
	return build_contract(&ps);
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

