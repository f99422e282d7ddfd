/*
 * ticket_due.c
 *		Due dates set by hand (0.6): ticket_sla.set_due() and clear_due(),
 *		and what the tickets' trigger (ticket_stamping.h) does with them.
 *
 * An admin sets a target's due date by hand, with a reason, and clears it
 * again.  The ticket keeps the override in response_due_set and
 * resolution_due_set; whenever the trigger stamps the deadlines (a change
 * of severity, request type, support level or terms, the end of a pause, a
 * reopening), the override stands in response_due or resolution_due instead
 * of the terms' deadline, so that all of them leave it exactly as set.
 * The paused time still accrues meanwhile: clearing the override re-stamps
 * the terms' deadline, moved on by it as usual.
 *
 * Who set it is part of the record, and not the caller's to say: the two
 * functions are not SECURITY DEFINER, so that they see what their caller
 * sees (row-level security hides a confidential ticket from a role that
 * is not cleared) and know who called (current_user and session_user as
 * the call saw them; inside a SECURITY DEFINER function current_user would
 * be its owner).  They then run ticket_sla.record_due_change, which nobody
 * may execute, as the extension's owner: it checks the rules, locks the
 * ticket, writes the override and its row of ticket_sla.due_changes.  The
 * trigger accepts a change of the override columns only during that call
 * and for that ticket: no INSERT or UPDATE writes them otherwise, whoever
 * runs it.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "store/ticket_stamping.h"

PG_FUNCTION_INFO_V1(set_due);
PG_FUNCTION_INFO_V1(clear_due);

/* The override columns, and the deadline each stands in */
static const TicketColumn due_set_columns[] = {COL_RESPONSE_DUE_SET, COL_RESOLUTION_DUE_SET};
static const TicketColumn due_columns[] = {COL_RESPONSE_DUE, COL_RESOLUTION_DUE};

/* The ticket record_due_change is writing the override of; 0 when none */
static int64 due_change_ticket = 0;

/* ---------- In the trigger ---------- */

/*
 * Whether the row's override columns change (on insert: are given), which
 * only record_due_change may do, for the ticket it is called for; anything
 * else is refused (42501).
 */
bool
ticket_guard_due_set(const Stamping *s)
{
	bool		changed = false;
	int			i;

	for (i = 0; i < (int) lengthof(due_set_columns); i++)
	{
		TicketColumn col = due_set_columns[i];

		if (s->is_update ? !ticket_column_changed(s, col) : s->row.isnull[col])
			continue;
		if (!s->is_update || DatumGetInt64(s->old.value[COL_TICKET_ID]) != due_change_ticket)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("column \"%s\" of ticket_sla.tickets is written only by ticket_sla.set_due and ticket_sla.clear_due",
							ticket_column_names[col]),
					 errdetail("They check the due date and record who changed it and why in ticket_sla.due_changes."),
					 errtablecol(s->rel, s->st->attnums[col])));
		changed = true;
	}
	return changed;
}

/* The deadlines just stamped from the terms give way to those set by hand */
void
ticket_apply_due_set(Stamping *s)
{
	int			i;

	for (i = 0; i < (int) lengthof(due_set_columns); i++)
		if (!s->row.isnull[due_set_columns[i]])
			set_column(s, due_columns[i], s->row.value[due_set_columns[i]], false);
}

/* ---------- set_due and clear_due ---------- */

/*
 * The ticket exists and the caller sees it (SELECT under its own rights
 * and row-level security); one it may not see does not exist for it
 */
static void
require_visible_ticket(int64 ticket_id)
{
	Oid			argtypes[] = {INT8OID};
	Datum		args[] = {Int64GetDatum(ticket_id)};
	int			rc;

	rc = SPI_execute_with_args("SELECT FROM ticket_sla.tickets WHERE ticket_id OPERATOR(pg_catalog.=) $1",
							   1, argtypes, args, NULL, true, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "reading ticket %lld failed: %s", (long long) ticket_id,
			 SPI_result_code_string(rc));
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("ticket %lld does not exist", (long long) ticket_id)));
}

/* A role's name as a datum of type name */
static Datum
role_name(Oid role)
{
	return DirectFunctionCall1(namein, CStringGetDatum(GetUserNameFromId(role, false)));
}

/*
 * ticket_sla.record_due_change(action, ticket, target, due, reason,
 * changed_by, session_user_name) run as the extension's owner, the ticket's
 * override columns open to it meanwhile; returns the deadline now stamped.
 * The caller's user is restored with the (sub)transaction an error aborts.
 */
static Datum
record_as_owner(FunctionCallInfo fcinfo, Datum *args, bool *isnull, bool *result_null)
{
	Oid			argtypes[] = {TEXTOID, INT8OID, get_fn_expr_argtype(fcinfo->flinfo, 1),
		TIMESTAMPTZOID, TEXTOID, NAMEOID, NAMEOID};
	char		nulls[lengthof(argtypes)];
	Datum		result;
	int			i;

	for (i = 0; i < (int) lengthof(argtypes); i++)
		nulls[i] = isnull[i] ? 'n' : ' ';
	due_change_ticket = isnull[1] ? 0 : DatumGetInt64(args[1]);
	PG_TRY();
	{
		/* planned each call: the enum's type is the caller's argument's */
		result = ticket_call_as_owner(ticket_function_owner(fcinfo->flinfo->fn_oid), NULL,
									  "SELECT ticket_sla.record_due_change($1, $2, $3, $4, $5, $6, $7)",
									  lengthof(argtypes), argtypes, args, nulls, result_null);
	}
	PG_FINALLY();
	{
		due_change_ticket = 0;
	}
	PG_END_TRY();
	return result;
}

/*
 * Sets (action "set", due given) or clears (action "clear") the due date of
 * a ticket's target, its reason the argument reason_arg; returns the
 * deadline now stamped, NULL when the target has none
 */
static Datum
change_due(FunctionCallInfo fcinfo, const char *action, int due_arg, int reason_arg)
{
	Datum		args[7];
	bool		isnull[7];
	bool		result_null;
	Datum		result;

	args[0] = CStringGetTextDatum(action);
	isnull[0] = false;
	args[1] = PG_GETARG_DATUM(0);
	isnull[1] = PG_ARGISNULL(0);
	args[2] = PG_GETARG_DATUM(1);
	isnull[2] = PG_ARGISNULL(1);
	isnull[3] = due_arg < 0 || PG_ARGISNULL(due_arg);
	args[3] = isnull[3] ? (Datum) 0 : PG_GETARG_DATUM(due_arg);
	args[4] = PG_GETARG_DATUM(reason_arg);
	isnull[4] = PG_ARGISNULL(reason_arg);
	args[5] = role_name(GetUserId());
	isnull[5] = false;
	args[6] = role_name(GetSessionUserId());
	isnull[6] = false;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (!isnull[1])
		require_visible_ticket(DatumGetInt64(args[1]));
	result = record_as_owner(fcinfo, args, isnull, &result_null);
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
	if (result_null)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}

/* ticket_sla.set_due(ticket_id, target, due, reason) */
Datum
set_due(PG_FUNCTION_ARGS)
{
	return change_due(fcinfo, "set", 2, 3);
}

/* ticket_sla.clear_due(ticket_id, target, reason) */
Datum
clear_due(PG_FUNCTION_ARGS)
{
	return change_due(fcinfo, "clear", -1, 2);
}
