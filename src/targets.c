/*
 * targets.c
 *		A contract's targets as instants: the first-response and resolution
 *		deadlines of a ticket of a given severity opened at a given instant.
 *
 * A target on the business clock is business time under the plan's hours
 * (business_deadline); one on the wall clock is plain elapsed time, a day
 * being 24 hours, so that neither depends on the session's time zone.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "common/int.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "arg_cache.h"
#include "contract.h"

PG_FUNCTION_INFO_V1(response_deadline);
PG_FUNCTION_INFO_V1(resolution_deadline);

/* The labels of ticket_sla.severity, most urgent first */
static const char *const severity_labels[CONTRACT_SEVERITIES] = {
	"critical", "high", "medium", "low"
};

/* What a call site keeps between calls (fn_extra) */
typedef struct TargetsCache
{
	ArgCache   *contract;
	Oid			severity_oids[CONTRACT_SEVERITIES]; /* enum value of each */
} TargetsCache;

static const Calendar *
contract_hours(const struct varlena *value)
{
	return contract_calendar((const Contract *) value);
}

static TargetsCache *
targets_cache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
														  sizeof(TargetsCache));
	return (TargetsCache *) fcinfo->flinfo->fn_extra;
}

/* The severity's index (0 = critical) from its enum label, looked up once */
static int
severity_index(TargetsCache *cache, Oid value)
{
	HeapTuple	tuple;
	const char *label;
	int			i;

	for (i = 0; i < CONTRACT_SEVERITIES; i++)
		if (cache->severity_oids[i] == value)
			return i;
	tuple = SearchSysCache1(ENUMOID, ObjectIdGetDatum(value));
	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for enum value %u", value);
	label = NameStr(((Form_pg_enum) GETSTRUCT(tuple))->enumlabel);
	for (i = 0; i < CONTRACT_SEVERITIES; i++)
		if (strcmp(label, severity_labels[i]) == 0)
			break;
	if (i == CONTRACT_SEVERITIES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("\"%s\" is not a severity of ticket_sla", label)));
	ReleaseSysCache(tuple);
	cache->severity_oids[i] = value;
	return i;
}

/* opened_at plus usecs of round-the-clock time */
static TimestampTz
wall_deadline(TimestampTz opened_at, int64 usecs)
{
	TimestampTz result;

	if (pg_add_s64_overflow(opened_at, usecs, &result) || !IS_VALID_TIMESTAMP(result))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	return result;
}

/*
 * The deadline of the target that pick() chooses from the severity's terms
 * of the contract in argument 2, for a ticket opened at argument 0 with the
 * severity of argument 1; NULL when the plan sets no such target.
 */
static Datum
target_deadline(FunctionCallInfo fcinfo,
				const ContractDuration *(*pick) (const SeverityTerms *terms))
{
	TimestampTz opened_at = PG_GETARG_TIMESTAMPTZ(0);
	TargetsCache *cache = targets_cache(fcinfo);
	int			severity = severity_index(cache, PG_GETARG_OID(1));
	ArgCache   *contract = arg_cache_get(fcinfo, 2, contract_hours, &cache->contract);
	const ContractDuration *target =
		pick(&((const Contract *) contract->value)->severity[severity]);

	if (target->clock == CLOCK_NONE)
		PG_RETURN_NULL();
	if (TIMESTAMP_NOT_FINITE(opened_at))
		PG_RETURN_TIMESTAMPTZ(opened_at);
	if (target->clock == CLOCK_WALL)
		PG_RETURN_TIMESTAMPTZ(wall_deadline(opened_at, target->usecs));
	/* the input function refuses business terms without hours */
	Assert(contract->has_calendar);
	biz_require_open_time(&contract->bc);
	PG_RETURN_TIMESTAMPTZ(biz_deadline(&contract->bc, opened_at, target->days, target->usecs));
}

static const ContractDuration *
respond_target(const SeverityTerms *terms)
{
	return &terms->respond;
}

static const ContractDuration *
resolve_target(const SeverityTerms *terms)
{
	return &terms->resolve;
}

Datum
response_deadline(PG_FUNCTION_ARGS)
{
	return target_deadline(fcinfo, respond_target);
}

Datum
resolution_deadline(PG_FUNCTION_ARGS)
{
	return target_deadline(fcinfo, resolve_target);
}
