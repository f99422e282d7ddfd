/*
 * availability.c
 *		What a contract's availability clause says, for SQL: the monthly
 *		target, the notice maintenance needs, and from when a window
 *		announced at a given instant counts as planned maintenance.
 *
 * The view ticket_sla.availability measures each month against these; the
 * clause itself is read and written by contract.c.  The notice counts on
 * its own clock as a target does (targets.c): business time under the
 * plan's hours, or elapsed time.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "contract/targets.h"

PG_FUNCTION_INFO_V1(contract_availability_target);
PG_FUNCTION_INFO_V1(contract_maintenance_notice);
PG_FUNCTION_INFO_V1(maintenance_from);

/* availability_target(c): the target in percent; NULL without the clause */
Datum
contract_availability_target(PG_FUNCTION_ARGS)
{
	const AvailabilityTerms *availability =
		contract_availability(PG_GETARG_CONTRACT_P(0));

	if (availability == NULL)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(DirectFunctionCall3(numeric_in,
										CStringGetDatum(availability_target_text(availability->target)),
										ObjectIdGetDatum(InvalidOid),
										Int32GetDatum(-1)));
}

/*
 * maintenance_notice(c): the notice as written ("5 days", "2 business
 * days"); NULL when the plan excludes no maintenance
 */
Datum
contract_maintenance_notice(PG_FUNCTION_ARGS)
{
	const AvailabilityTerms *availability =
		contract_availability(PG_GETARG_CONTRACT_P(0));

	if (availability == NULL || availability->notice.clock == CLOCK_NONE)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(contract_duration_text(&availability->notice)));
}

/*
 * maintenance_from(announced_at, c): the earliest start of a window
 * announced at announced_at that is planned maintenance under c, the
 * notice after the announcement on its clock; NULL when the plan excludes
 * no maintenance
 */
Datum
maintenance_from(PG_FUNCTION_ARGS)
{
	TimestampTz announced_at = PG_GETARG_TIMESTAMPTZ(0);
	TargetsCache *cache = targets_cache(fcinfo);
	ArgCache   *contract = arg_cache_get(fcinfo, 1, contract_hours, &cache->contract);
	const AvailabilityTerms *availability = contract_availability(cached_contract(contract));
	TicketTerms plan = {0};
	TimestampTz from;

	if (availability == NULL)
		PG_RETURN_NULL();
	plan.contract = contract;
	plan.hours = contract->has_calendar ? &contract->bc : NULL;
	if (!target_due(&plan, &availability->notice, announced_at, &from))
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(from);
}
