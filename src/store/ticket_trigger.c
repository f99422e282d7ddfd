/*
 * ticket_trigger.c
 *		ticket_sla.stamp_ticket(): the BEFORE INSERT OR UPDATE trigger of
 *		ticket_sla.tickets.
 *
 * On insert it looks up the customer's contract as in force now, and
 * stamps the ticket with its case number, the version of the terms it is
 * held to, its tier (taking a premium request from the quota, or storing
 * the ticket as a standard request when none is left), when its clocks
 * start, and its response and resolution deadlines.
 *
 * On update it keeps what must not change (the case number, customer,
 * opening, tier and the stamped deadlines), re-stamps the deadlines from
 * the same clock start when the severity changes or the ticket is moved to
 * its contract's current terms, lets the first response be recorded once,
 * and keeps status and resolved_at in step.
 *
 * The resolution clock runs while the status is new or in progress, is
 * paused while the ticket waits on the customer, and stops when it is
 * resolved or closed; time spent paused (and, after a reopening, resolved)
 * moves the resolution deadline on by as much time on the target's clock.
 * Every change of status, severity or terms is recorded at changed_at.
 * The escalation ladder counts from the clock start and is never paused:
 * next_escalation_at is the next step of the ladder past escalation_level,
 * none once the ticket is resolved.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "store/case_number.h"
#include "contract/quota.h"
#include "common/scan.h"
#include "store/store.h"
#include "store/trigger_support.h"

PG_FUNCTION_INFO_V1(stamp_ticket);

#define TRIGGER_NAME "ticket_sla.stamp_ticket"

/* The columns of ticket_sla.tickets the trigger reads or writes */
typedef enum TicketColumn
{
	COL_CASE_NUMBER,
	COL_CUSTOMER_ID,
	COL_CHANNEL,
	COL_SEVERITY,
	COL_STATUS,
	COL_TIER,
	COL_TERMS_ID,
	COL_OPENED_AT,
	COL_CLOCK_START,
	COL_RESPONSE_DUE,
	COL_FIRST_RESPONSE_AT,
	COL_RESOLUTION_DUE,
	COL_RESOLVED_AT,
	COL_CHANGED_AT,
	COL_PAUSED_SINCE,
	COL_NEXT_ESCALATION_AT,		/* the last timestamptz */
	COL_PAUSED_BUSINESS,
	COL_PAUSED_ELAPSED,
	COL_ESCALATION_LEVEL,
	N_COLUMNS
} TicketColumn;

static const char *const column_names[N_COLUMNS] = {
	"case_number", "customer_id", "channel", "severity", "status", "tier",
	"terms_id", "opened_at", "clock_start", "response_due",
	"first_response_at", "resolution_due", "resolved_at", "changed_at",
	"paused_since", "next_escalation_at", "paused_business", "paused_elapsed",
	"escalation_level"
};

/* Stamped on insert: the application gives none of them */
static const TicketColumn stamped_columns[] = {
	COL_CASE_NUMBER, COL_TERMS_ID, COL_CLOCK_START, COL_RESPONSE_DUE, COL_RESOLUTION_DUE,
	COL_CHANGED_AT, COL_PAUSED_SINCE, COL_NEXT_ESCALATION_AT, COL_PAUSED_BUSINESS,
	COL_PAUSED_ELAPSED, COL_ESCALATION_LEVEL
};

/* Kept by the trigger from the ticket's history: never set by an update */
static const TicketColumn kept_columns[] = {
	COL_PAUSED_SINCE, COL_NEXT_ESCALATION_AT, COL_PAUSED_BUSINESS, COL_PAUSED_ELAPSED
};

/* Facts of the opening and stamped values: never changed by an update */
static const TicketColumn fixed_columns[] = {
	COL_CASE_NUMBER, COL_CUSTOMER_ID, COL_OPENED_AT, COL_TIER, COL_CLOCK_START,
	COL_RESPONSE_DUE, COL_RESOLUTION_DUE
};

/* Needed to stamp a new ticket */
static const TicketColumn required_columns[] = {
	COL_CUSTOMER_ID, COL_CHANNEL, COL_SEVERITY, COL_OPENED_AT
};

/* What a statement keeps between rows (fn_extra) */
typedef struct TicketStamper
{
	AttrNumber	attnums[N_COLUMNS];
	SeverityMap severities;
	Oid			premium;		/* labels of ticket_sla.tier */
	Oid			standard;
	Oid			phone;			/* label of ticket_sla.channel */
	Oid			resolved;		/* labels of ticket_sla.status */
	Oid			closed;
	Oid			waiting;
	Oid			case_seq;		/* ticket_sla.case_number_seq */
	Oid			owner;			/* of the trigger function: the extension's */
	Oid			tickets;		/* ticket_sla.tickets, the only table it stamps */
	StoreTables tables;
} TicketStamper;

/* One row's columns: as read, and which were set by the trigger */
typedef struct TicketRow
{
	Datum		value[N_COLUMNS];
	bool		isnull[N_COLUMNS];
	bool		set[N_COLUMNS];
} TicketRow;

/* What the resolution clock does in a status */
typedef enum ClockState
{
	CLOCK_RUNNING,				/* new, in progress */
	CLOCK_PAUSED,				/* waiting on customer */
	CLOCK_STOPPED				/* resolved, closed */
} ClockState;

/* One trigger call */
typedef struct Stamping
{
	TicketStamper *st;
	Relation	rel;
	TicketRow	row;
	TicketRow	old;			/* on update */
	bool		is_update;
	ArgCache   *terms;			/* the ticket's terms, once looked up */
} Stamping;

/* ---------- The statement's cache ---------- */

/* The role that owns function fn */
static Oid
function_owner(Oid fn)
{
	HeapTuple	tuple = SearchSysCache1(PROCOID, ObjectIdGetDatum(fn));
	Oid			owner;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for function %u", fn);
	owner = ((Form_pg_proc) GETSTRUCT(tuple))->proowner;
	ReleaseSysCache(tuple);
	return owner;
}

static TicketStamper *
ticket_stamper(FunctionCallInfo fcinfo, Relation rel)
{
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	Oid			types[N_COLUMNS];
	Oid			status;
	TicketStamper *st;
	int			i;

	if (fcinfo->flinfo->fn_extra != NULL)
		return (TicketStamper *) fcinfo->flinfo->fn_extra;
	st = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(TicketStamper));
	/* before anything is read from a relation that may not be the store's */
	st->tickets = get_relname_relid("tickets", nsp);
	require_trigger_relation(rel, st->tickets, TRIGGER_NAME);
	types[COL_CASE_NUMBER] = TEXTOID;
	types[COL_CUSTOMER_ID] = INT4OID;
	types[COL_CHANNEL] = extension_type(nsp, "channel");
	types[COL_SEVERITY] = extension_type(nsp, "severity");
	types[COL_STATUS] = status = extension_type(nsp, "status");
	types[COL_TIER] = extension_type(nsp, "tier");
	types[COL_TERMS_ID] = INT4OID;
	for (i = COL_OPENED_AT; i <= COL_NEXT_ESCALATION_AT; i++)
		types[i] = TIMESTAMPTZOID;
	types[COL_PAUSED_BUSINESS] = INTERVALOID;
	types[COL_PAUSED_ELAPSED] = INTERVALOID;
	types[COL_ESCALATION_LEVEL] = INT4OID;
	for (i = 0; i < N_COLUMNS; i++)
		st->attnums[i] = column_of(rel, column_names[i], types[i], TRIGGER_NAME);
	st->premium = enum_label(types[COL_TIER], "premium");
	st->standard = enum_label(types[COL_TIER], "standard");
	st->phone = enum_label(types[COL_CHANNEL], "phone");
	st->resolved = enum_label(status, "resolved");
	st->closed = enum_label(status, "closed");
	st->waiting = enum_label(status, "waiting on customer");
	st->case_seq = get_relname_relid("case_number_seq", nsp);
	if (!OidIsValid(st->case_seq))
		elog(ERROR, "sequence ticket_sla.case_number_seq is missing");
	st->owner = function_owner(fcinfo->flinfo->fn_oid);
	store_tables(&st->tables, nsp);
	fcinfo->flinfo->fn_extra = st;
	return st;
}

/* ---------- Reading and writing the row ---------- */

static void
read_row(TicketStamper *st, Relation rel, HeapTuple tuple, TicketRow *row)
{
	int			i;

	for (i = 0; i < N_COLUMNS; i++)
	{
		row->value[i] = heap_getattr(tuple, st->attnums[i], RelationGetDescr(rel),
									 &row->isnull[i]);
		row->set[i] = false;
	}
}

static void
set_column(Stamping *s, TicketColumn col, Datum value, bool isnull)
{
	s->row.value[col] = value;
	s->row.isnull[col] = isnull;
	s->row.set[col] = true;
}

static void
set_timestamp(Stamping *s, TicketColumn col, TimestampTz value)
{
	set_column(s, col, TimestampTzGetDatum(value), false);
}

static void
set_usecs(Stamping *s, TicketColumn col, int64 usecs)
{
	set_column(s, col, IntervalPGetDatum(biz_interval(usecs)), false);
}

static HeapTuple
write_row(Stamping *s, HeapTuple tuple)
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

static TimestampTz
timestamp_of(const TicketRow *row, TicketColumn col)
{
	return DatumGetTimestampTz(row->value[col]);
}

/* The time part of an interval column (paused time has no days) */
static int64
usecs_of(const TicketRow *row, TicketColumn col)
{
	return DatumGetIntervalP(row->value[col])->time;
}

static bool
column_changed(const Stamping *s, TicketColumn col)
{
	Form_pg_attribute att = TupleDescAttr(RelationGetDescr(s->rel), s->st->attnums[col] - 1);

	if (s->row.isnull[col] || s->old.isnull[col])
		return s->row.isnull[col] != s->old.isnull[col];
	return !datum_image_eq(s->row.value[col], s->old.value[col], att->attbyval, att->attlen);
}

/* The case number, for messages: as stored, or as just stamped */
static const char *
case_of(const Stamping *s)
{
	const TicketRow *row = s->is_update ? &s->old : &s->row;

	return TextDatumGetCString(row->value[COL_CASE_NUMBER]);
}

/* A timestamp for a message (timestamptz_to_str reuses its buffer) */
static char *
timestamp_text(const TicketRow *row, TicketColumn col)
{
	return pstrdup(timestamptz_to_str(timestamp_of(row, col)));
}

/* ---------- Looking things up ---------- */

/* What the customer's contract says now */
static CustomerTerms
customer_terms(Stamping *s, int32 customer_id)
{
	CustomerTerms ct;

	if (!store_customer_terms(&s->st->tables, customer_id, &ct))
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("customer %d does not exist", customer_id),
				 errtablecol(s->rel, s->st->attnums[COL_CUSTOMER_ID])));
	return ct;
}

/* The terms the ticket is held to, looked up once per row */
static ArgCache *
ticket_terms(Stamping *s)
{
	if (s->terms == NULL)
		s->terms = store_terms(&s->st->tables, DatumGetInt32(s->row.value[COL_TERMS_ID]));
	return s->terms;
}

static int
ticket_severity(Stamping *s)
{
	return severity_index(&s->st->severities, DatumGetObjectId(s->row.value[COL_SEVERITY]));
}

/*
 * Takes a premium request of the period from the quota, if one is left,
 * through ticket_sla.take_premium_request: its upsert's row lock makes
 * concurrent inserts count one after another.  It runs as owner (the
 * extension's), so that no role that opens tickets needs the right to call
 * it, which would let it spend any customer's quota.  An error resets the
 * user with the (sub)transaction it aborts.
 */
static bool
take_premium_request(Oid owner, int32 customer_id, DateADT period, int32 quota)
{
	static SPIPlanPtr plan;
	static Oid	argtypes[] = {INT4OID, DATEOID, INT4OID};
	Datum		args[] = {Int32GetDatum(customer_id), DateADTGetDatum(period),
	Int32GetDatum(quota)};
	Datum		taken;
	bool		isnull;
	int			rc;
	Oid			user;
	int			security;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (plan == NULL)
	{
		plan = SPI_prepare("SELECT ticket_sla.take_premium_request($1, $2, $3)", 3, argtypes);
		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	}
	GetUserIdAndSecContext(&user, &security);
	SetUserIdAndSecContext(owner, security | SECURITY_LOCAL_USERID_CHANGE);
	rc = SPI_execute_plan(plan, args, NULL, false, 1);
	SetUserIdAndSecContext(user, security);
	if (rc != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "ticket_sla.take_premium_request failed: %s", SPI_result_code_string(rc));
	taken = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (SPI_finish() != SPI_OK_FINISH)
		elog(ERROR, "SPI_finish failed");
	return !isnull && DatumGetBool(taken);
}

/* ---------- Opening a ticket ---------- */

static void
require_columns(const Stamping *s)
{
	int			i;

	for (i = 0; i < (int) lengthof(required_columns); i++)
	{
		TicketColumn col = required_columns[i];

		if (s->row.isnull[col])
			ereport(ERROR,
					(errcode(ERRCODE_NOT_NULL_VIOLATION),
					 errmsg("null value in column \"%s\" of relation \"%s\" violates not-null constraint",
							column_names[col], RelationGetRelationName(s->rel)),
					 errdetail("A ticket needs its %s to be stamped.", column_names[col]),
					 errtablecol(s->rel, s->st->attnums[col])));
	}
}

static void
refuse_stamped_values(const Stamping *s)
{
	int			i;

	for (i = 0; i < (int) lengthof(stamped_columns); i++)
	{
		TicketColumn col = stamped_columns[i];

		if (!s->row.isnull[col])
			ereport(ERROR,
					(errcode(ERRCODE_GENERATED_ALWAYS),
					 errmsg("cannot insert a value into column \"%s\" of relation \"%s\"",
							column_names[col], RelationGetRelationName(s->rel)),
					 errdetail("ticket_sla stamps it when the ticket is opened."),
					 errhint("To restore a dump of the store, run pg_restore with session_replication_role = replica."),
					 errtablecol(s->rel, s->st->attnums[col])));
	}
}

/* The customer's name, for messages: a long one shortened */
static const char *
organisation_text(const CustomerTerms *ct)
{
	return shown_text(ct->organisation, strlen(ct->organisation));
}

/*
 * The ticket's tier: the plan's, or standard when asked for; a premium
 * request under a plan with a quota takes one from the quota, and is stored
 * as a standard request when none is left.
 */
static Oid
choose_tier(Stamping *s, const CustomerTerms *ct)
{
	const Contract *c = cached_contract(ct->contract);
	bool		premium = c->tier == TIER_PREMIUM;
	DateADT		period;

	if (!s->row.isnull[COL_TIER] && DatumGetObjectId(s->row.value[COL_TIER]) == s->st->standard)
		return s->st->standard;
	if (!s->row.isnull[COL_TIER] && !premium)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("customer \"%s\" has no premium requests", organisation_text(ct)),
				 errdetail("Its contract's tier is standard."),
				 errtablecol(s->rel, s->st->attnums[COL_TIER])));
	if (!premium || c->quota_period == QUOTA_NONE)
		return premium ? s->st->premium : s->st->standard;

	period = quota_period_of(c->quota_period, ct->contract_start,
							 contract_local_date(ct->contract,
												 timestamp_of(&s->row, COL_OPENED_AT)));
	if (take_premium_request(s->st->owner, DatumGetInt32(s->row.value[COL_CUSTOMER_ID]), period,
							 c->premium_quota))
		return s->st->premium;
	ereport(NOTICE,
			(errmsg("case %s is stored as a standard request: customer \"%s\" has used its %d premium requests of the period from %s",
					case_of(s), organisation_text(ct), c->premium_quota,
					DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(period))))));
	return s->st->standard;
}

/*
 * Both deadlines from the clock start under the ticket's terms, the
 * resolution deadline moved on by the time its clock was paused
 */
static void
stamp_deadlines_of(Stamping *s)
{
	ArgCache   *contract = ticket_terms(s);
	const SeverityTerms *terms = &cached_contract(contract)->severity[ticket_severity(s)];
	TimestampTz start = timestamp_of(&s->row, COL_CLOCK_START);
	PausedTime	paused;
	TimestampTz due;

	paused.business = usecs_of(&s->row, COL_PAUSED_BUSINESS);
	paused.elapsed = usecs_of(&s->row, COL_PAUSED_ELAPSED);
	if (target_due(contract, &terms->respond, start, &due))
		set_timestamp(s, COL_RESPONSE_DUE, due);
	else
		set_column(s, COL_RESPONSE_DUE, (Datum) 0, true);
	if (paused_target_due(contract, &terms->resolve, start, &paused, &due))
		set_timestamp(s, COL_RESOLUTION_DUE, due);
	else
		set_column(s, COL_RESOLUTION_DUE, (Datum) 0, true);
}

/* The next step of the ladder past escalation_level; none once resolved */
static void
stamp_next_escalation(Stamping *s, ClockState state)
{
	TimestampTz due;

	if (state != CLOCK_STOPPED &&
		step_due(ticket_terms(s), ticket_severity(s),
				 DatumGetInt32(s->row.value[COL_ESCALATION_LEVEL]),
				 timestamp_of(&s->row, COL_CLOCK_START), &due))
		set_timestamp(s, COL_NEXT_ESCALATION_AT, due);
	else
		set_column(s, COL_NEXT_ESCALATION_AT, (Datum) 0, true);
}

/* ---------- Updating a ticket ---------- */

/* Refuse a change of any of the n columns, saying why with "detail" */
static void
refuse_changes(const Stamping *s, const TicketColumn *columns, int n, const char *detail)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		TicketColumn col = columns[i];

		if (column_changed(s, col))
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("column \"%s\" of case %s cannot be changed",
							column_names[col], case_of(s)),
					 errdetail("%s", detail),
					 errtablecol(s->rel, s->st->attnums[col])));
	}
}

/* The first response, once recorded, stops the response clock for good */
static void
guard_first_response(const Stamping *s)
{
	if (!s->old.isnull[COL_FIRST_RESPONSE_AT] && column_changed(s, COL_FIRST_RESPONSE_AT))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the first response to case %s was already recorded at %s",
						case_of(s), timestamp_text(&s->old, COL_FIRST_RESPONSE_AT)),
				 errtablecol(s->rel, s->st->attnums[COL_FIRST_RESPONSE_AT])));
}

/* A ticket moves only to its contract's current terms */
static void
check_new_terms(Stamping *s)
{
	int32		customer = DatumGetInt32(s->row.value[COL_CUSTOMER_ID]);
	int32		wanted = DatumGetInt32(s->row.value[COL_TERMS_ID]);
	CustomerTerms ct = customer_terms(s, customer);

	if (ct.terms_id != wanted)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("case %s can only move to terms %d, the current terms of its contract, not %d",
						case_of(s), ct.terms_id, wanted),
				 errhint("ticket_sla.retarget(contract) moves every open ticket of a contract."),
				 errtablecol(s->rel, s->st->attnums[COL_TERMS_ID])));
}

/* The ladder is climbed, never descended, and has only so many steps */
static void
check_escalation_level(Stamping *s)
{
	int32		old_level = DatumGetInt32(s->old.value[COL_ESCALATION_LEVEL]);
	int32		level = DatumGetInt32(s->row.value[COL_ESCALATION_LEVEL]);
	int32		steps = cached_contract(ticket_terms(s))->severity[ticket_severity(s)].n_steps;

	if (level < old_level || level > Max(steps, old_level))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("escalation_level of case %s cannot move from %d to %d",
						case_of(s), old_level, level),
				 errdetail("Its escalation ladder has %d steps, and steps once fired stay fired.", steps),
				 errtablecol(s->rel, s->st->attnums[COL_ESCALATION_LEVEL])));
}

/*
 * When this update's change happened: the changed_at the application
 * gives, or the resolved_at it gives, or else the transaction's start, or
 * the last change when that is later (a change committed by another
 * transaction since this one started, or dated by a clock running ahead):
 * a change given no instant is never refused as out of order.
 */
static TimestampTz
change_instant(const Stamping *s)
{
	bool		given_change = column_changed(s, COL_CHANGED_AT) && !s->row.isnull[COL_CHANGED_AT];
	bool		given_resolution = s->old.isnull[COL_RESOLVED_AT] && !s->row.isnull[COL_RESOLVED_AT];

	if (given_change && given_resolution &&
		timestamp_of(&s->row, COL_CHANGED_AT) != timestamp_of(&s->row, COL_RESOLVED_AT))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("case %s cannot be resolved at %s and changed at %s",
						case_of(s), timestamp_text(&s->row, COL_RESOLVED_AT),
						timestamp_text(&s->row, COL_CHANGED_AT)),
				 errhint("Give one of the two.")));
	if (given_change)
		return timestamp_of(&s->row, COL_CHANGED_AT);
	if (given_resolution)
		return timestamp_of(&s->row, COL_RESOLVED_AT);
	return Max(GetCurrentTransactionStartTimestamp(), timestamp_of(&s->old, COL_CHANGED_AT));
}

/*
 * Record a change of status, severity or terms at "at", which is not
 * before the last one; changed_at moves with such a change only.
 */
static void
record_change(Stamping *s, bool changed, TimestampTz at)
{
	if (!changed)
	{
		if (column_changed(s, COL_CHANGED_AT))
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("column \"changed_at\" of case %s moves only with its status, severity or terms",
							case_of(s)),
					 errtablecol(s->rel, s->st->attnums[COL_CHANGED_AT])));
		return;
	}
	if (at < timestamp_of(&s->old, COL_CHANGED_AT))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("change of case %s at %s is before its last change at %s",
						case_of(s), pstrdup(timestamptz_to_str(at)),
						timestamp_text(&s->old, COL_CHANGED_AT)),
				 errhint("Changes are recorded in the order they happened."),
				 errtablecol(s->rel, s->st->attnums[COL_CHANGED_AT])));
	set_timestamp(s, COL_CHANGED_AT, at);
}

/* ---------- Both ---------- */

static ClockState
clock_state(const Stamping *s, const TicketRow *row)
{
	Oid			status = DatumGetObjectId(row->value[COL_STATUS]);

	if (status == s->st->resolved || status == s->st->closed)
		return CLOCK_STOPPED;
	if (status == s->st->waiting)
		return CLOCK_PAUSED;
	return CLOCK_RUNNING;
}

/*
 * Status and resolved_at agree: resolving stamps resolved_at (at "at"),
 * reopening clears it, and setting resolved_at resolves.
 */
static void
settle_resolution(Stamping *s, TimestampTz at)
{
	bool		reopened = s->is_update && column_changed(s, COL_STATUS) &&
		clock_state(s, &s->old) == CLOCK_STOPPED;

	if (clock_state(s, &s->row) == CLOCK_STOPPED)
	{
		if (s->row.isnull[COL_RESOLVED_AT])
			set_timestamp(s, COL_RESOLVED_AT, at);
	}
	else if (!s->row.isnull[COL_RESOLVED_AT])
	{
		if (reopened)
			set_column(s, COL_RESOLVED_AT, (Datum) 0, true);
		else
			set_column(s, COL_STATUS, ObjectIdGetDatum(s->st->resolved), false);
	}
}

/*
 * Add the time from "from" to "to", counted from the clock start on, to the
 * paused time: as business time under the ticket's hours and as elapsed time.
 */
static void
add_paused_time(Stamping *s, TimestampTz from, TimestampTz to)
{
	TimestampTz start = timestamp_of(&s->row, COL_CLOCK_START);

	from = Max(from, start);
	to = Max(to, start);
	set_usecs(s, COL_PAUSED_BUSINESS, usecs_of(&s->row, COL_PAUSED_BUSINESS) +
			  plan_time_between(ticket_terms(s), from, to));
	set_usecs(s, COL_PAUSED_ELAPSED, usecs_of(&s->row, COL_PAUSED_ELAPSED) + (to - from));
}

/*
 * Move the resolution clock from its state before to its state now, at
 * "at": leaving a pause (or a resolution, by reopening) adds the time since
 * paused_since to the paused time.  A resolution without a first response
 * records the first response with it.  Returns whether paused time grew.
 */
static bool
move_clock(Stamping *s, ClockState before, ClockState now, TimestampTz at)
{
	bool		grew = false;

	if (now == CLOCK_STOPPED && s->row.isnull[COL_FIRST_RESPONSE_AT])
		set_column(s, COL_FIRST_RESPONSE_AT, s->row.value[COL_RESOLVED_AT], false);
	if (now == before)
		return false;
	if (before != CLOCK_RUNNING)
	{
		add_paused_time(s, timestamp_of(&s->old, COL_PAUSED_SINCE), at);
		grew = true;
	}
	if (now == CLOCK_RUNNING)
		set_column(s, COL_PAUSED_SINCE, (Datum) 0, true);
	else
		set_column(s, COL_PAUSED_SINCE,
				   now == CLOCK_STOPPED ? s->row.value[COL_RESOLVED_AT] :
				   TimestampTzGetDatum(at), false);
	return grew;
}

/* ---------- Opening and updating ---------- */

static void
open_ticket(Stamping *s)
{
	CustomerTerms ct;
	TimestampTz opened_at;
	char	   *number;

	require_columns(s);
	refuse_stamped_values(s);
	opened_at = timestamp_of(&s->row, COL_OPENED_AT);
	ct = customer_terms(s, DatumGetInt32(s->row.value[COL_CUSTOMER_ID]));
	s->terms = ct.contract;

	number = next_case_number(s->st->case_seq, opened_at);
	set_column(s, COL_CASE_NUMBER, CStringGetTextDatum(number), false);

	set_column(s, COL_TIER, ObjectIdGetDatum(choose_tier(s, &ct)), false);
	set_column(s, COL_TERMS_ID, Int32GetDatum(ct.terms_id), false);
	set_timestamp(s, COL_CLOCK_START,
				  clock_start(ct.contract, opened_at,
							  DatumGetObjectId(s->row.value[COL_CHANNEL]) == s->st->phone));
	set_timestamp(s, COL_CHANGED_AT, opened_at);
	set_usecs(s, COL_PAUSED_BUSINESS, 0);
	set_usecs(s, COL_PAUSED_ELAPSED, 0);
	set_column(s, COL_ESCALATION_LEVEL, Int32GetDatum(0), false);
	if (s->row.isnull[COL_STATUS])
		return;					/* the NOT NULL constraint will refuse it */

	/* a ticket filed as waiting or resolved has its clock so from the start */
	settle_resolution(s, GetCurrentTransactionStartTimestamp());
	move_clock(s, CLOCK_RUNNING, clock_state(s, &s->row),
			   timestamp_of(&s->row, COL_CLOCK_START));
	stamp_deadlines_of(s);
	stamp_next_escalation(s, clock_state(s, &s->row));
}

/*
 * A resolved or closed ticket keeps its resolution, severity and terms: its
 * outcome is settled until it is reopened
 */
static void
guard_resolved(const Stamping *s)
{
	static const TicketColumn final_columns[] = {COL_RESOLVED_AT, COL_SEVERITY, COL_TERMS_ID};

	if (clock_state(s, &s->old) == CLOCK_STOPPED && clock_state(s, &s->row) == CLOCK_STOPPED)
		refuse_changes(s, final_columns, lengthof(final_columns),
					   "The ticket is resolved; reopen it (status 'in progress') to change it.");
}

static void
update_ticket(Stamping *s)
{
	TimestampTz at;
	bool		new_terms;
	bool		new_severity;
	bool		paused_more;
	ClockState	state;

	refuse_changes(s, fixed_columns, lengthof(fixed_columns),
				   "It is fixed when the ticket is opened; a change of severity re-stamps the deadlines.");
	/* paused time and the escalation state are the trigger's to keep */
	refuse_changes(s, kept_columns, lengthof(kept_columns),
				   "ticket_sla keeps it from the ticket's changes of status, severity and escalation.");
	guard_first_response(s);
	if (s->row.isnull[COL_SEVERITY] || s->row.isnull[COL_TERMS_ID] ||
		s->row.isnull[COL_STATUS] || s->row.isnull[COL_ESCALATION_LEVEL] ||
		s->row.isnull[COL_CHANGED_AT])
		return;					/* the NOT NULL constraints will refuse it */
	guard_resolved(s);
	new_terms = column_changed(s, COL_TERMS_ID);
	if (new_terms)
		check_new_terms(s);
	new_severity = column_changed(s, COL_SEVERITY);

	at = change_instant(s);
	settle_resolution(s, at);
	record_change(s, new_terms || new_severity || column_changed(s, COL_STATUS), at);
	state = clock_state(s, &s->row);
	paused_more = move_clock(s, clock_state(s, &s->old), state, at);
	if (new_terms || new_severity || paused_more)
		stamp_deadlines_of(s);
	if (column_changed(s, COL_ESCALATION_LEVEL))
		check_escalation_level(s);
	/* the ladder stops with a resolution and starts again with a reopening */
	if (new_terms || new_severity || column_changed(s, COL_ESCALATION_LEVEL) ||
		(clock_state(s, &s->old) == CLOCK_STOPPED) != (state == CLOCK_STOPPED))
		stamp_next_escalation(s, state);
}

/* Nothing is answered, resolved or changed before the ticket was opened */
static void
check_after_opening(const Stamping *s, TicketColumn col)
{
	if (s->row.isnull[col] || s->row.isnull[COL_OPENED_AT] ||
		timestamp_of(&s->row, col) >= timestamp_of(&s->row, COL_OPENED_AT))
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s %s of case %s is before the ticket was opened (%s)",
					column_names[col], timestamp_text(&s->row, col),
					case_of(s), timestamp_text(&s->row, COL_OPENED_AT)),
			 errtablecol(s->rel, s->st->attnums[col])));
}

/*
 * How far past the statement's start an instant given by the application
 * may lie: its clock may run a little ahead of the database's.  A change
 * dated later would pause, resume or resolve the ticket in the future, and
 * every later change would have to be dated after it.
 */
#define CLOCK_DRIFT_ALLOWED (60 * USECS_PER_SEC)

/* Which ticket a message is about: its case, or a new one not yet stamped */
static const char *
ticket_label(const Stamping *s)
{
	return s->is_update ? psprintf("case %s", case_of(s)) : "a new ticket";
}

/* An instant the application gives, or changes, is not in the future */
static void
check_not_future(const Stamping *s, TicketColumn col)
{
	/* in a procedure, the transaction (and now()) starts again at COMMIT */
	TimestampTz started = Max(GetCurrentStatementStartTimestamp(),
							  GetCurrentTransactionStartTimestamp());

	if (s->row.isnull[col] || (s->is_update && !column_changed(s, col)) ||
		timestamp_of(&s->row, col) <= started + CLOCK_DRIFT_ALLOWED)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s %s of %s is in the future",
					column_names[col], timestamp_text(&s->row, col), ticket_label(s)),
			 errdetail("An instant given for a ticket may lie at most one minute after the statement's start."),
			 errhint("Give the instant it happened; now() is always accepted."),
			 errtablecol(s->rel, s->st->attnums[col])));
}

/* Nothing given or changed by the application happened in the future */
static void
check_future_instants(const Stamping *s)
{
	static const TicketColumn given[] = {
		COL_OPENED_AT, COL_CHANGED_AT, COL_FIRST_RESPONSE_AT, COL_RESOLVED_AT
	};
	int			i;

	for (i = 0; i < (int) lengthof(given); i++)
		check_not_future(s, given[i]);
}

/* Nothing was answered or resolved before the ticket was opened */
static void
check_given_instants(const Stamping *s)
{
	check_after_opening(s, COL_FIRST_RESPONSE_AT);
	check_after_opening(s, COL_RESOLVED_AT);
}

Datum
stamp_ticket(PG_FUNCTION_ARGS)
{
	TriggerData *td = before_row_trigger(fcinfo, TRIGGER_NAME);
	HeapTuple	tuple = stamped_tuple(td);
	Stamping	s;

	s.is_update = TRIGGER_FIRED_BY_UPDATE(td->tg_event);
	s.rel = td->tg_relation;
	s.st = ticket_stamper(fcinfo, s.rel);
	require_trigger_relation(s.rel, s.st->tickets, TRIGGER_NAME);
	s.terms = NULL;
	read_row(s.st, s.rel, tuple, &s.row);
	if (s.is_update)
		read_row(s.st, s.rel, td->tg_trigtuple, &s.old);
	/* given instants are checked before anything is derived from them */
	check_future_instants(&s);
	if (s.is_update)
	{
		check_given_instants(&s);
		update_ticket(&s);
	}
	else
	{
		open_ticket(&s);
		check_given_instants(&s);
	}
	check_after_opening(&s, COL_CHANGED_AT);
	return PointerGetDatum(write_row(&s, tuple));
}
