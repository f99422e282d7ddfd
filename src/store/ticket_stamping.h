/*
 * ticket_stamping.h
 *		What the files of ticket_sla.stamp_ticket(), the trigger of
 *		ticket_sla.tickets, share; private to them:
 *
 *		ticket_row.c		the columns of a ticket, read and written, and
 *							what a statement looks up once
 *		ticket_statuses.c	the statuses and their clock effects, read once
 *							per statement
 *		ticket_clock.c		the clocks: paused and resumed with the status,
 *							and the deadlines and escalation they give
 *		ticket_conversation.c	the cycles: reopenings, the reply owed and
 *							the periodic update the messages give
 *		ticket_trigger.c	the trigger: what opening and updating a ticket
 *							may do, and what they stamp
 *		owner_calls.c		what it asks of the store's SECURITY DEFINER
 *							functions, as the extension's owner
 *		ticket_due.c		due dates set by hand: set_due, clear_due, and
 *							the override the trigger stamps over the terms'
 *		ticket_events.c		the warnings, breaches and escalation steps
 *							that fall due: the next one stamped on the
 *							ticket, those due listed for process_escalations
 *
 * Functions shared between them start with ticket_, so that none can meet a
 * symbol of the server's; the accessors of one column are inline.
 */
#ifndef TICKET_SLA_TICKET_STAMPING_H
#define TICKET_SLA_TICKET_STAMPING_H

#include "postgres.h"
#include "access/htup.h"
#include "executor/spi.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

#include "contract/targets.h"
#include "store/store.h"

#define TICKET_TRIGGER_NAME "ticket_sla.stamp_ticket"

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
	COL_REQUEST_TYPE,
	COL_SUPPORT_LEVEL,
	COL_SERVICE,				/* the report, in the order of the contract's
								 * report fields */
	COL_SUMMARY,
	COL_PROBLEM_AT,
	COL_BUSINESS_IMPACT,
	COL_DESCRIPTION,
	COL_CURRENT_BEHAVIOUR,
	COL_EXPECTED_BEHAVIOUR,
	COL_CONTACT_ID,
	COL_TICKET_ID,
	COL_CYCLE,					/* the conversation's (0.6), in table order:
								 * absent from a store not yet updated */
	COL_REOPENED_AT,
	COL_AWAITING_REPLY_SINCE,
	COL_REPLY_CYCLE,
	COL_REPLY_DUE,
	COL_LAST_AGENT_MESSAGE_AT,
	COL_UPDATE_FROM,
	COL_UPDATE_CYCLE,
	COL_UPDATE_DUE,
	COL_RESPONSE_DUE_SET,		/* due dates set by hand (0.6) */
	COL_RESOLUTION_DUE_SET,
	COL_NEXT_EVENT_AT,			/* the events of the targets (0.6) */
	COL_EVENTS_FIRED,
	COL_REVISION,				/* the writing transaction, for the
								 * report rollups (0.6) */
	N_COLUMNS
} TicketColumn;

/* The first column of 0.6, which a store of 0.5 does not have */
#define FIRST_COLUMN_0_6 COL_CYCLE

/* Their names, by TicketColumn */
extern const char *const ticket_column_names[N_COLUMNS];

/* A status and its clock effect (ticket_statuses.c) */
typedef struct StatusClock StatusClock;

/* What a statement keeps between rows (fn_extra) */
typedef struct TicketStamper
{
	AttrNumber	attnums[N_COLUMNS];
	SeverityMap severities;
	Oid			premium;		/* labels of ticket_sla.tier */
	Oid			standard;
	Oid			phone;			/* label of ticket_sla.channel */
	StatusClock *statuses;		/* ticket_sla.statuses, sorted by name */
	int			n_statuses;
	Oid			status_enum;	/* ticket_sla.status up to 0.4, or InvalidOid */
	Datum		resolved;		/* the status 'resolved' */
	Oid			case_seq;		/* ticket_sla.case_number_seq */
	Oid			owner;			/* of the trigger function: the extension's */
	bool		conversation;	/* the store has the columns of 0.6 */
	StoreTables tables;
} TicketStamper;

/* One row's columns: as read, and which were set by the trigger */
typedef struct TicketRow
{
	Datum		value[N_COLUMNS];
	bool		isnull[N_COLUMNS];
	bool		set[N_COLUMNS];
} TicketRow;

/* One trigger call */
typedef struct Stamping
{
	TicketStamper *st;
	Relation	rel;
	TicketRow	row;
	TicketRow	old;			/* on update */
	bool		is_update;
	ArgCache   *terms;			/* the ticket's terms, once looked up */
	TicketTerms held;			/* the set of them it is held to, once
								 * chosen; held.contract NULL until then */
} Stamping;

/* What the resolution clock does in a status: ticket_sla.clock_effect */
typedef enum ClockState
{
	CLOCK_RUNNING,				/* new, in progress, ... */
	CLOCK_PAUSED,				/* waiting on customer, ... */
	CLOCK_STOPPED				/* resolved, closed, ... */
} ClockState;


/* ticket_row.c */
extern Oid	ticket_function_owner(Oid fn);
extern TicketStamper *ticket_stamper(FunctionCallInfo fcinfo, Relation rel);
extern void ticket_read_row(const TicketStamper *st, Relation rel, HeapTuple tuple,
							TicketRow *row);
extern HeapTuple ticket_write_row(const Stamping *s, HeapTuple tuple);
extern bool ticket_column_changed(const Stamping *s, TicketColumn col);
extern const char *ticket_case_number(const Stamping *s);
extern char *ticket_timestamp_text(const TicketRow *row, TicketColumn col);
extern ArgCache *ticket_terms(Stamping *s);
extern int	ticket_severity(Stamping *s);
extern TicketTerms ticket_held_terms(Stamping *s);
extern TicketTerms ticket_held_terms_of(Stamping *s, const TicketRow *row);

/* ticket_statuses.c */
extern void ticket_load_statuses(TicketStamper *st, Relation tickets, Oid nsp,
								 MemoryContext mcxt);
extern ClockState ticket_clock_state(const Stamping *s, const TicketRow *row);

/* owner_calls.c */
extern Datum ticket_call_as_owner(Oid owner, SPIPlanPtr *plan, const char *query, int nargs,
								  Oid *argtypes, Datum *args, const char *nulls, bool *isnull);
extern bool ticket_take_premium_request(Oid owner, int32 customer_id, DateADT period,
										int32 quota);
extern int32 ticket_local_terms(Oid owner, int32 terms_id, int32 customer_id);

/* ticket_due.c */
extern bool ticket_guard_due_set(const Stamping *s);
extern void ticket_apply_due_set(Stamping *s);

/* ticket_clock.c */
extern void ticket_settle_resolution(Stamping *s, TimestampTz at);
extern bool ticket_move_clock(Stamping *s, ClockState before, ClockState now,
							  TimestampTz at);
extern void ticket_stamp_deadlines(Stamping *s);
extern void ticket_stamp_next_escalation(Stamping *s, ClockState state);
extern void ticket_recount_paused(Stamping *s);

/* ticket_conversation.c */
extern void ticket_open_conversation(Stamping *s, ClockState state);
extern void ticket_restart_resolution(Stamping *s, ClockState before, ClockState now,
									  TimestampTz at);
extern void ticket_update_conversation(Stamping *s, ClockState before, ClockState now,
									   TimestampTz at, bool new_terms);
/* ticket_events.c */
extern void ticket_open_events(Stamping *s);
extern void ticket_update_events(Stamping *s);

/* A column set by the trigger */
static inline void
set_column(Stamping *s, TicketColumn col, Datum value, bool isnull)
{
	s->row.value[col] = value;
	s->row.isnull[col] = isnull;
	s->row.set[col] = true;
}

static inline void
set_timestamp(Stamping *s, TicketColumn col, TimestampTz value)
{
	set_column(s, col, TimestampTzGetDatum(value), false);
}

/* An interval column of paused time, from microseconds */
static inline void
set_usecs(Stamping *s, TicketColumn col, int64 usecs)
{
	set_column(s, col, IntervalPGetDatum(biz_interval(usecs)), false);
}

static inline TimestampTz
timestamp_of(const TicketRow *row, TicketColumn col)
{
	return DatumGetTimestampTz(row->value[col]);
}

/* The time part of an interval column (paused time has no days) */
static inline int64
usecs_of(const TicketRow *row, TicketColumn col)
{
	return DatumGetIntervalP(row->value[col])->time;
}

#endif							/* TICKET_SLA_TICKET_STAMPING_H */
