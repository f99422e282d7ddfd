/*
 * contract_fields.c
 *		What a contract says besides its targets: plan name, tier, hours,
 *		named-contact limit, premium-request quota and its periods, warning,
 *		what counts as a response and what a reopening does, and the plan
 *		as one kind of ticket sees it (terms_for).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/syscache.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "contract/quota.h"

PG_FUNCTION_INFO_V1(contract_plan_name);
PG_FUNCTION_INFO_V1(contract_tier);
PG_FUNCTION_INFO_V1(contract_hours_of);
PG_FUNCTION_INFO_V1(contract_named_contact_limit);
PG_FUNCTION_INFO_V1(contract_premium_quota);
PG_FUNCTION_INFO_V1(contract_warn_percent);
PG_FUNCTION_INFO_V1(quota_period_start);
PG_FUNCTION_INFO_V1(contract_terms_for);
PG_FUNCTION_INFO_V1(contract_request_types);
PG_FUNCTION_INFO_V1(contract_local_hours);
PG_FUNCTION_INFO_V1(contract_qualified_responses_of);
PG_FUNCTION_INFO_V1(contract_reopen_restarts_of);

static const char *const tier_labels[] = {"premium", "standard"};

/* Months in a quota period, by QuotaPeriod */
static const int quota_months[] = {0, 1, 3, 12};

Datum
contract_plan_name(PG_FUNCTION_ARGS)
{
	Contract   *c = PG_GETARG_CONTRACT_P(0);

	if (c->plan_name < 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(contract_name_at(c, c->plan_name)));
}

Datum
contract_tier(PG_FUNCTION_ARGS)
{
	Contract   *c = PG_GETARG_CONTRACT_P(0);

	PG_RETURN_DATUM(DirectFunctionCall2(enum_in,
										CStringGetDatum(tier_labels[c->tier]),
										ObjectIdGetDatum(get_fn_expr_rettype(fcinfo->flinfo))));
}

Datum
contract_hours_of(PG_FUNCTION_ARGS)
{
	Contract   *c = PG_GETARG_CONTRACT_P(0);
	const Calendar *cal = contract_calendar(c);
	Calendar   *copy;

	if (cal == NULL)
		PG_RETURN_NULL();
	copy = palloc(VARSIZE(cal));
	memcpy(copy, cal, VARSIZE(cal));
	PG_RETURN_CALENDAR_P(copy);
}

Datum
contract_named_contact_limit(PG_FUNCTION_ARGS)
{
	Contract   *c = PG_GETARG_CONTRACT_P(0);

	if (c->named_contacts < 0)
		PG_RETURN_NULL();
	PG_RETURN_INT32(c->named_contacts);
}

Datum
contract_premium_quota(PG_FUNCTION_ARGS)
{
	Contract   *c = PG_GETARG_CONTRACT_P(0);

	if (c->quota_period == QUOTA_NONE)
		PG_RETURN_NULL();
	PG_RETURN_INT32(c->premium_quota);
}

Datum
contract_warn_percent(PG_FUNCTION_ARGS)
{
	Contract   *c = PG_GETARG_CONTRACT_P(0);

	if (c->warn_percent == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT32(c->warn_percent);
}

/* a / b rounded down, for b > 0 */
static int
floor_div(int a, int b)
{
	return (a >= 0 ? a : a - b + 1) / b;
}

/* The date n months after y-m-d, its day cut to the end of a shorter month */
static DateADT
add_months(int y, int m, int d, int n)
{
	int			months = y * MONTHS_PER_YEAR + (m - 1) + n;
	int			ny = floor_div(months, MONTHS_PER_YEAR);
	int			nm = months - ny * MONTHS_PER_YEAR + 1;
	int			last = day_tab[isleap(ny)][nm - 1];

	return date2j(ny, nm, Min(d, last)) - POSTGRES_EPOCH_JDATE;
}

/*
 * The first day of the quota period that holds the date day: periods run
 * from start, each a whole number of months long, as start + k periods
 * (with PostgreSQL's rule for adding months to a day that a shorter month
 * lacks).  Dates before 4713 BC are out of the range of dates anyway.
 */
DateADT
quota_period_of(QuotaPeriod period, DateADT start, DateADT day)
{
	int			months = quota_months[period];
	int			sy, sm, sd, y, m, d, k;
	DateADT		first;

	Assert(period != QUOTA_NONE);
	j2date(start + POSTGRES_EPOCH_JDATE, &sy, &sm, &sd);
	j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	/* periods before the start count back from it */
	k = floor_div((y * MONTHS_PER_YEAR + m) - (sy * MONTHS_PER_YEAR + sm), months);
	first = add_months(sy, sm, sd, k * months);
	/* in day's own month, the period may begin after day */
	if (first > day)
		first = add_months(sy, sm, sd, (k - 1) * months);
	return first;
}

/* The date of at in the plan's time zone (UTC for a plan without hours) */
DateADT
contract_local_date(ArgCache *contract, TimestampTz at)
{
	if (TIMESTAMP_NOT_FINITE(at))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	if (contract->has_calendar)
		return zone_local_date(&contract->bc.zone, at);
	return at / USECS_PER_DAY - (at % USECS_PER_DAY < 0);
}

/* quota_period_start(c, contract_start, at) */
Datum
quota_period_start(PG_FUNCTION_ARGS)
{
	ArgCache   *contract = arg_cache_get(fcinfo, 0, contract_hours,
										 (ArgCache **) &fcinfo->flinfo->fn_extra);
	DateADT		start = PG_GETARG_DATEADT(1);
	TimestampTz at = PG_GETARG_TIMESTAMPTZ(2);
	QuotaPeriod period = cached_contract(contract)->quota_period;

	if (period == QUOTA_NONE)
		PG_RETURN_NULL();
	if (DATE_NOT_FINITE(start))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("contract start %s is not a finite date",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(start))))));
	PG_RETURN_DATEADT(quota_period_of(period, start, contract_local_date(contract, at)));
}

/* ---------- Terms for some tickets ---------- */

/* Whether a label of ticket_sla.tier is "standard" */
static bool
is_standard_tier(Oid label)
{
	HeapTuple	tuple = SearchSysCache1(ENUMOID, ObjectIdGetDatum(label));
	bool		standard;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for enum value %u", label);
	standard = strcmp(NameStr(((Form_pg_enum) GETSTRUCT(tuple))->enumlabel), "standard") == 0;
	ReleaseSysCache(tuple);
	return standard;
}

/*
 * What a terms_for call site keeps: the last plan and kind it was asked
 * for, and the answer (a query asks for few kinds of few plans, row after
 * row)
 */
typedef struct TermsForCache
{
	struct varlena *plan;
	char	   *request_type;
	bool		standard;
	int32		level;
	Contract   *answer;
} TermsForCache;

/* The cached answer for the plan and kind, or NULL */
static Contract *
cached_terms_for(const TermsForCache *cache, const Contract *c, const TicketKind *kind)
{
	if (cache == NULL || VARSIZE(cache->plan) != VARSIZE(c) ||
		cache->standard != kind->standard || cache->level != kind->level ||
		strcmp(cache->request_type, kind->request_type) != 0 ||
		memcmp(cache->plan, c, VARSIZE(c)) != 0)
		return NULL;
	return cache->answer;
}

/* A copy of a varlena in mcxt */
static void *
varlena_copy(MemoryContext mcxt, const void *value)
{
	void	   *copy = MemoryContextAlloc(mcxt, VARSIZE(value));

	memcpy(copy, value, VARSIZE(value));
	return copy;
}

/* Keep the answer for the plan and kind at the call site */
static void
keep_terms_for(FunctionCallInfo fcinfo, const Contract *c, const TicketKind *kind,
			   const Contract *answer)
{
	MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
	TermsForCache *cache = fcinfo->flinfo->fn_extra;

	if (cache == NULL)
		cache = fcinfo->flinfo->fn_extra = MemoryContextAllocZero(mcxt, sizeof(TermsForCache));
	else
	{
		pfree(cache->plan);
		pfree(cache->request_type);
		pfree(cache->answer);
	}
	cache->plan = varlena_copy(mcxt, c);
	cache->request_type = MemoryContextStrdup(mcxt, kind->request_type);
	cache->standard = kind->standard;
	cache->level = kind->level;
	cache->answer = varlena_copy(mcxt, answer);
}

/*
 * terms_for(c, request_type, tier, support_level): the plan as a ticket of
 * that kind sees it (contract_for_kind), for the functions that take a
 * contract and a severity.  A plan without terms for some tickets is the
 * same for every kind.
 */
Datum
contract_terms_for(PG_FUNCTION_ARGS)
{
	Contract   *c = PG_GETARG_CONTRACT_P(0);
	int32		level = PG_GETARG_INT32(3);
	TicketKind	kind;
	Contract   *answer;

	if (level < 1 || level > CONTRACT_LEVELS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("support level %d does not exist", level),
				 errhint("Support levels are 1 to %d.", CONTRACT_LEVELS)));
	if (contract_extension(c) == NULL)
		PG_RETURN_CONTRACT_P(c);
	kind.request_type = text_to_cstring(PG_GETARG_TEXT_PP(1));
	kind.standard = is_standard_tier(PG_GETARG_OID(2));
	kind.level = level;
	kind.severity = 0;
	answer = cached_terms_for(fcinfo->flinfo->fn_extra, c, &kind);
	if (answer != NULL)
		PG_RETURN_CONTRACT_P(varlena_copy(CurrentMemoryContext, answer));
	answer = contract_for_kind(c, &kind);
	keep_terms_for(fcinfo, c, &kind, answer);
	PG_RETURN_CONTRACT_P(answer);
}

/* request_types(c): the request types the plan names, in order, once each */
Datum
contract_request_types(PG_FUNCTION_ARGS)
{
	Contract   *c = (Contract *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	const ContractExtension *ext = contract_extension(c);
	Datum	   *names = palloc((ext ? ext->n_sets : 0) * sizeof(Datum) + 1);
	const char *last = NULL;
	int			n = 0;
	int			i;

	/* the sets are in the order of their keys: a type's sets are together */
	for (i = 0; ext != NULL && i < ext->n_sets; i++)
	{
		const char *type;

		if (ext->sets[i].key.request_type < 0)
			continue;
		type = contract_name_at(c, ext->sets[i].key.request_type);
		if (last == NULL || strcmp(type, last) != 0)
			names[n++] = CStringGetTextDatum(type);
		last = type;
	}
	PG_RETURN_ARRAYTYPE_P(construct_array(names, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/* local_hours(c): whether the plan keeps its hours in each customer's time */
Datum
contract_local_hours(PG_FUNCTION_ARGS)
{
	Contract   *c = PG_GETARG_CONTRACT_P(0);

	PG_RETURN_BOOL(contract_has_local_hours(c));
}

/* qualified_responses(c): whether only qualified answers are responses */
Datum
contract_qualified_responses_of(PG_FUNCTION_ARGS)
{
	Contract   *c = PG_GETARG_CONTRACT_P(0);

	PG_RETURN_BOOL(contract_qualified_responses(c));
}

/* reopen_restarts(c): whether a reopening gives the resolution target afresh */
Datum
contract_reopen_restarts_of(PG_FUNCTION_ARGS)
{
	Contract   *c = PG_GETARG_CONTRACT_P(0);

	PG_RETURN_BOOL(contract_reopen_restarts(c));
}
