/*
 * escalation.c
 *		A contract's escalation ladders as instants: which step is due at a
 *		given instant, and the whole ladder of a ticket.
 *
 * A step "escalate after 1 hour to ..." falls due that long after the
 * ticket's clock started, on the step's own clock (business time under the
 * plan's hours, or round-the-clock time).  Steps fire in the order written:
 * step k is due once it and every step before it are due, so that a ladder
 * mixing the two clocks still climbs one rung at a time.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "common/srf.h"
#include "contract/targets.h"

PG_FUNCTION_INFO_V1(escalation_due);
PG_FUNCTION_INFO_V1(escalation_steps);
PG_FUNCTION_INFO_V1(escalation_recipients);

/* The terms of a ladder call: its contract (argument 2) and severity (1) */
static TicketTerms
ladder_args(FunctionCallInfo fcinfo)
{
	TargetsCache *cache = targets_cache(fcinfo);
	int			severity = severity_index(&cache->severities, PG_GETARG_OID(1));

	return terms_of_severity(arg_cache_get(fcinfo, 2, contract_hours, &cache->contract),
							 severity);
}

/*
 * How many steps of the ladder are due at "at" (every one before them is
 * due too), and when the next one falls due.  Returns false when none is
 * left to fall due.
 */
static bool
steps_due_at(const TicketTerms *tt, TimestampTz start, TimestampTz at,
			 int *fired, TimestampTz *next)
{
	for (*fired = 0; step_due(tt, *fired, start, next); (*fired)++)
		if (*next > at)
			return true;
	return false;
}

/*
 * escalation_due(opened_at, sev, c, at, OUT step, OUT next_due): the last
 * step due at "at" (0 when none) and when the next one falls due (NULL when
 * the ladder is climbed or there is none).
 */
Datum
escalation_due(PG_FUNCTION_ARGS)
{
	TimestampTz start = PG_GETARG_TIMESTAMPTZ(0);
	TimestampTz at = PG_GETARG_TIMESTAMPTZ(3);
	TicketTerms tt = ladder_args(fcinfo);
	TupleDesc	desc;
	Datum		values[2];
	bool		nulls[2] = {false, false};
	int			fired;
	TimestampTz next;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "escalation_due must return a row");
	nulls[1] = !steps_due_at(&tt, start, at, &fired, &next);
	values[0] = Int32GetDatum(fired);
	values[1] = TimestampTzGetDatum(next);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* A step's recipients as a text[] (process_escalations logs them too) */
Datum
step_recipients(const Contract *c, const ContractStep *step)
{
	Datum	   *names = palloc(step->n_names * sizeof(Datum));
	const char *name = contract_name_at(c, step->names);
	int			i;

	for (i = 0; i < step->n_names; i++)
	{
		names[i] = CStringGetTextDatum(name);
		name += strlen(name) + 1;
	}
	return PointerGetDatum(construct_array(names, step->n_names, TEXTOID, -1, false,
										   TYPALIGN_INT));
}

/*
 * escalation_recipients(c): the recipients of every step of every ladder
 * of the plan (its severities' and its sets'), in the order stored, a name
 * once per step that names it.  Read from the stored names, not the text,
 * so that any name, quotes and all, comes back as written.
 */
Datum
escalation_recipients(PG_FUNCTION_ARGS)
{
	Contract   *c = PG_GETARG_CONTRACT_P(0);
	const ContractStep *steps = contract_steps(c);
	ArrayBuildState *names = initArrayResult(TEXTOID, CurrentMemoryContext, false);
	int			i;

	for (i = 0; i < c->n_steps; i++)
	{
		const char *name = contract_name_at(c, steps[i].names);
		int			k;

		for (k = 0; k < steps[i].n_names; k++, name += strlen(name) + 1)
			accumArrayResult(names, CStringGetTextDatum(name), false, TEXTOID,
							 CurrentMemoryContext);
	}
	PG_RETURN_DATUM(makeArrayResult(names, CurrentMemoryContext));
}

/*
 * escalation_steps(opened_at, sev, c): the ladder, one row per step in the
 * order written: step (from 1), after (as written), due, recipients.
 */
Datum
escalation_steps(PG_FUNCTION_ARGS)
{
	TimestampTz start = PG_GETARG_TIMESTAMPTZ(0);
	TupleDesc	desc;
	Tuplestorestate *result = materialized_result(fcinfo, &desc);
	TicketTerms tt = ladder_args(fcinfo);
	const Contract *c = cached_contract(tt.contract);
	const ContractStep *steps = contract_steps(c) + tt.terms->first_step;
	TimestampTz due;
	int			i;

	for (i = 0; step_due(&tt, i, start, &due); i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = Int32GetDatum(i + 1);
		values[1] = CStringGetTextDatum(contract_duration_text(&steps[i].after));
		values[2] = TimestampTzGetDatum(due);
		values[3] = step_recipients(c, &steps[i]);
		tuplestore_putvalues(result, desc, values, nulls);
	}
	return (Datum) 0;
}
