/*
 * stamp_trigger.c
 *		ticket_sla.stamp_deadlines(): the trigger an application attaches to
 *		its own ticket table, naming the columns as arguments (as contrib's
 *		moddatetime does):
 *
 *		EXECUTE FUNCTION ticket_sla.stamp_deadlines('opened_at', 'severity',
 *			'contract', 'response_due', 'resolution_due')
 *
 * On every insert and update it computes both deadlines from the first
 * three columns, as response_deadline and resolution_deadline do, and
 * writes them into the last two; NULL when an input is NULL or the plan
 * sets no target.  The columns are checked, by name and type, the first
 * time the trigger fires in a statement.  It refuses the ticket store's own
 * tables, which their own triggers stamp: attached there by whoever may,
 * it would rewrite their deadlines.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "contract/targets.h"
#include "store/trigger_support.h"

PG_FUNCTION_INFO_V1(stamp_deadlines);

#define TRIGGER_NAME "ticket_sla.stamp_deadlines"

/* The trigger's arguments, in order */
enum
{
	ARG_OPENED_AT,
	ARG_SEVERITY,
	ARG_CONTRACT,
	ARG_RESPONSE_DUE,
	ARG_RESOLUTION_DUE,
	N_ARGS
};

/* What a statement keeps between rows (fn_extra) */
typedef struct DeadlineStamper
{
	AttrNumber	columns[N_ARGS];
	SeverityMap severities;
	ArgCache   *contract;
} DeadlineStamper;

/* The columns named by the trigger's arguments, checked */
static DeadlineStamper *
deadline_stamper(FunctionCallInfo fcinfo, TriggerData *td)
{
	Trigger    *trigger = td->tg_trigger;
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	Oid			types[N_ARGS];
	DeadlineStamper *st;
	int			i;

	if (fcinfo->flinfo->fn_extra != NULL)
		return (DeadlineStamper *) fcinfo->flinfo->fn_extra;
	refuse_extension_relation(td->tg_relation, nsp, TRIGGER_NAME);
	if (trigger->tgnargs != N_ARGS)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("trigger \"%s\" on relation \"%s\" gives %s %d arguments, not 5",
						trigger->tgname, RelationGetRelationName(td->tg_relation),
						TRIGGER_NAME, trigger->tgnargs),
				 errhint("Name the columns: EXECUTE FUNCTION " TRIGGER_NAME
						 "('opened_at', 'severity', 'contract', 'response_due', 'resolution_due').")));
	types[ARG_OPENED_AT] = TIMESTAMPTZOID;
	types[ARG_SEVERITY] = extension_type(nsp, "severity");
	types[ARG_CONTRACT] = extension_type(nsp, "contract");
	types[ARG_RESPONSE_DUE] = TIMESTAMPTZOID;
	types[ARG_RESOLUTION_DUE] = TIMESTAMPTZOID;
	st = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(DeadlineStamper));
	for (i = 0; i < N_ARGS; i++)
		st->columns[i] = column_of(td->tg_relation, trigger->tgargs[i], types[i],
								   TRIGGER_NAME);
	fcinfo->flinfo->fn_extra = st;
	return st;
}

Datum
stamp_deadlines(PG_FUNCTION_ARGS)
{
	TriggerData *td = before_row_trigger(fcinfo, TRIGGER_NAME);
	DeadlineStamper *st = deadline_stamper(fcinfo, td);
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	HeapTuple	tuple = stamped_tuple(td);
	Datum		in[ARG_CONTRACT + 1];
	bool		in_null[ARG_CONTRACT + 1];
	int			out_cols[2] = {st->columns[ARG_RESPONSE_DUE], st->columns[ARG_RESOLUTION_DUE]};
	Datum		out[2] = {0, 0};
	bool		out_null[2] = {true, true};
	int			i;

	for (i = 0; i <= ARG_CONTRACT; i++)
		in[i] = heap_getattr(tuple, st->columns[i], desc, &in_null[i]);
	if (!in_null[ARG_OPENED_AT] && !in_null[ARG_SEVERITY] && !in_null[ARG_CONTRACT])
	{
		TimestampTz opened_at = DatumGetTimestampTz(in[ARG_OPENED_AT]);
		int			severity = severity_index(&st->severities,
											  DatumGetObjectId(in[ARG_SEVERITY]));
		ArgCache   *contract = arg_cache_match(fcinfo->flinfo->fn_mcxt,
											   (struct varlena *) DatumGetPointer(in[ARG_CONTRACT]),
											   contract_hours, &st->contract);
		TicketTerms tt = terms_of_severity(contract, severity);
		TimestampTz due;

		if (target_due(&tt, &tt.terms->respond, opened_at, &due))
		{
			out[0] = TimestampTzGetDatum(due);
			out_null[0] = false;
		}
		if (target_due(&tt, &tt.terms->resolve, opened_at, &due))
		{
			out[1] = TimestampTzGetDatum(due);
			out_null[1] = false;
		}
	}
	return PointerGetDatum(heap_modify_tuple_by_cols(tuple, desc, 2, out_cols, out, out_null));
}
