/*
 * ticket_row.c
 *		The row of ticket_sla.stamp_ticket() (ticket_stamping.h): the
 *		columns of ticket_sla.tickets found once per statement, a row's
 *		columns read and written back, and what a row says for messages and
 *		for the arithmetic (its case, its terms, its severity).
 *
 * The trigger reads every column it needs into a TicketRow once, sets what
 * it stamps there, and writes back only the columns it set.
 */
#include "postgres.h"

#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "store/ticket_stamping.h"
#include "store/trigger_support.h"

const char *const ticket_column_names[N_COLUMNS] = {
	"case_number", "customer_id", "channel", "severity", "status", "tier",
	"terms_id", "opened_at", "clock_start", "response_due",
	"first_response_at", "resolution_due", "resolved_at", "changed_at",
	"paused_since", "next_escalation_at", "paused_business", "paused_elapsed",
	"escalation_level", "request_type", "support_level", "service", "summary", "problem_at",
	"business_impact", "description", "current_behaviour", "expected_behaviour", "contact_id",
	"ticket_id", "cycle", "reopened_at", "awaiting_reply_since", "reply_cycle", "reply_due",
	"last_agent_message_at", "update_from", "update_cycle", "update_due",
	"response_due_set", "resolution_due_set",
	"next_event_at", "events_fired", "revision"
};

/* ---------- The statement's cache ---------- */

/* The role that owns function fn: the extension's owner, for the store's */
Oid
ticket_function_owner(Oid fn)
{
	HeapTuple	tuple = SearchSysCache1(PROCOID, ObjectIdGetDatum(fn));
	Oid			owner;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for function %u", fn);
	owner = ((Form_pg_proc) GETSTRUCT(tuple))->proowner;
	ReleaseSysCache(tuple);
	return owner;
}

/* The type of each column, by TicketColumn */
static void
column_types(Oid nsp, Oid *types)
{
	int			i;

	types[COL_CASE_NUMBER] = TEXTOID;
	types[COL_CUSTOMER_ID] = INT4OID;
	types[COL_CHANNEL] = extension_type(nsp, "channel");
	types[COL_SEVERITY] = extension_type(nsp, "severity");
	types[COL_STATUS] = InvalidOid;	/* text, or 0.4's enum: ticket_statuses.c */
	types[COL_TIER] = extension_type(nsp, "tier");
	types[COL_TERMS_ID] = INT4OID;
	for (i = COL_OPENED_AT; i <= COL_NEXT_ESCALATION_AT; i++)
		types[i] = TIMESTAMPTZOID;
	types[COL_PAUSED_BUSINESS] = INTERVALOID;
	types[COL_PAUSED_ELAPSED] = INTERVALOID;
	types[COL_ESCALATION_LEVEL] = INT4OID;
	types[COL_REQUEST_TYPE] = TEXTOID;
	types[COL_SUPPORT_LEVEL] = INT2OID;
	for (i = COL_SERVICE; i <= COL_EXPECTED_BEHAVIOUR; i++)
		types[i] = TEXTOID;
	types[COL_PROBLEM_AT] = TIMESTAMPTZOID;
	types[COL_CONTACT_ID] = INT4OID;
	types[COL_TICKET_ID] = INT8OID;
	for (i = COL_CYCLE; i < N_COLUMNS; i++)
		types[i] = TIMESTAMPTZOID;
	types[COL_CYCLE] = INT4OID;
	types[COL_REPLY_CYCLE] = INT4OID;
	types[COL_UPDATE_CYCLE] = INT4OID;
	types[COL_EVENTS_FIRED] = INT4OID;
	types[COL_REVISION] = XID8OID;
}

/*
 * Whether the store lacks the column: one a store not yet updated lacks
 * (request types before 0.5, the conversation before 0.6)
 */
static bool
column_missing(Relation rel, int col)
{
	return (col == COL_REQUEST_TYPE || col >= FIRST_COLUMN_0_6) &&
		get_attnum(RelationGetRelid(rel), ticket_column_names[col]) == InvalidAttrNumber;
}

/*
 * What the statement looks up once: the columns (checked by name and type),
 * the enum labels the rules compare with, the statuses, the case number
 * sequence, the trigger function's owner and the store's tables
 */
TicketStamper *
ticket_stamper(FunctionCallInfo fcinfo, Relation rel)
{
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	Oid			types[N_COLUMNS];
	TicketStamper *st;
	int			i;

	if (fcinfo->flinfo->fn_extra != NULL)
		return (TicketStamper *) fcinfo->flinfo->fn_extra;
	/*
	 * Before anything is read from a relation that may not be the store's.
	 * Once is enough: a trigger's call site (and so this cache) belongs to
	 * the one relation the trigger is on.
	 */
	require_trigger_relation(rel, get_relname_relid("tickets", nsp), TICKET_TRIGGER_NAME);
	st = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(TicketStamper));
	column_types(nsp, types);
	/* a store not yet updated to 0.5 has no request types: all incidents */
	for (i = 0; i < N_COLUMNS; i++)
		if (!column_missing(rel, i))
			st->attnums[i] = column_of(rel, ticket_column_names[i], types[i], TICKET_TRIGGER_NAME);
	st->conversation = st->attnums[FIRST_COLUMN_0_6] != InvalidAttrNumber;
	st->premium = enum_label(types[COL_TIER], "premium");
	st->standard = enum_label(types[COL_TIER], "standard");
	st->phone = enum_label(types[COL_CHANNEL], "phone");
	ticket_load_statuses(st, rel, nsp, fcinfo->flinfo->fn_mcxt);
	st->case_seq = get_relname_relid("case_number_seq", nsp);
	if (!OidIsValid(st->case_seq))
		elog(ERROR, "sequence ticket_sla.case_number_seq is missing");
	st->owner = ticket_function_owner(fcinfo->flinfo->fn_oid);
	store_tables(&st->tables, nsp);
	fcinfo->flinfo->fn_extra = st;
	return st;
}

/* ---------- Reading and writing the row ---------- */

/* The row's columns, the tuple deformed once (not a column at a time) */
void
ticket_read_row(const TicketStamper *st, Relation rel, HeapTuple tuple, TicketRow *row)
{
	TupleDesc	desc = RelationGetDescr(rel);
	Datum	   *values = palloc(desc->natts * sizeof(Datum));
	bool	   *nulls = palloc(desc->natts * sizeof(bool));
	int			i;

	heap_deform_tuple(tuple, desc, values, nulls);
	for (i = 0; i < N_COLUMNS; i++)
	{
		AttrNumber	attnum = st->attnums[i];

		row->value[i] = attnum == InvalidAttrNumber ? (Datum) 0 : values[attnum - 1];
		row->isnull[i] = attnum == InvalidAttrNumber || nulls[attnum - 1];
		row->set[i] = false;
	}
	pfree(values);
	pfree(nulls);
}

/* The tuple with the columns the trigger set; the same tuple if none */
HeapTuple
ticket_write_row(const Stamping *s, HeapTuple tuple)
{
	int			cols[N_COLUMNS];
	Datum		values[N_COLUMNS];
	bool		nulls[N_COLUMNS];
	int			n = 0;
	int			i;

	for (i = 0; i < N_COLUMNS; i++)
		if (s->row.set[i])
		{
			cols[n] = s->st->attnums[i];
			values[n] = s->row.value[i];
			nulls[n] = s->row.isnull[i];
			n++;
		}
	return n == 0 ? tuple :
		heap_modify_tuple_by_cols(tuple, RelationGetDescr(s->rel), n, cols, values, nulls);
}

/* Whether an update changes the column (as the row is now) */
bool
ticket_column_changed(const Stamping *s, TicketColumn col)
{
	Form_pg_attribute att;

	if (s->row.isnull[col] || s->old.isnull[col])
		return s->row.isnull[col] != s->old.isnull[col];
	att = TupleDescAttr(RelationGetDescr(s->rel), s->st->attnums[col] - 1);
	return !datum_image_eq(s->row.value[col], s->old.value[col], att->attbyval, att->attlen);
}

/* ---------- For messages ---------- */

/* The case number: as stored, or as just stamped */
const char *
ticket_case_number(const Stamping *s)
{
	const TicketRow *row = s->is_update ? &s->old : &s->row;

	return TextDatumGetCString(row->value[COL_CASE_NUMBER]);
}

/* A timestamp (timestamptz_to_str reuses its buffer) */
char *
ticket_timestamp_text(const TicketRow *row, TicketColumn col)
{
	return pstrdup(timestamptz_to_str(timestamp_of(row, col)));
}

/* ---------- For the arithmetic ---------- */

/* The terms the ticket is held to, looked up once per row */
ArgCache *
ticket_terms(Stamping *s)
{
	if (s->terms == NULL)
	{
		s->terms = store_terms(&s->st->tables, DatumGetInt32(s->row.value[COL_TERMS_ID]));
		s->held.contract = NULL;	/* chosen from the terms it had */
	}
	return s->terms;
}

int
ticket_severity(Stamping *s)
{
	return severity_index(&s->st->severities, DatumGetObjectId(s->row.value[COL_SEVERITY]));
}

/*
 * The set of its terms the ticket is held to, for its request type, tier,
 * support level and severity (contract_choose)
 */
TicketTerms
ticket_held_terms(Stamping *s)
{
	/* the row's kind is settled before it is first asked */
	if (s->held.contract == NULL)
		s->held = ticket_held_terms_of(s, &s->row);
	return s->held;
}

/* The same for a row of the ticket (as it was, on update), under its terms */
TicketTerms
ticket_held_terms_of(Stamping *s, const TicketRow *row)
{
	TicketKind	kind;

	/* NULL: the NOT NULL constraint refuses it after the trigger */
	kind.request_type = row->isnull[COL_REQUEST_TYPE] ? DEFAULT_REQUEST_TYPE :
		TextDatumGetCString(row->value[COL_REQUEST_TYPE]);
	kind.severity = severity_index(&s->st->severities, DatumGetObjectId(row->value[COL_SEVERITY]));
	kind.level = DatumGetInt16(row->value[COL_SUPPORT_LEVEL]);
	kind.standard = DatumGetObjectId(row->value[COL_TIER]) == s->st->standard;
	return terms_of_kind(ticket_terms(s), &kind);
}
