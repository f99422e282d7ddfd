/*
 * ticket_trigger.c
 *		ticket_sla.stamp_ticket(): the BEFORE INSERT OR UPDATE trigger of
 *		ticket_sla.tickets, and its rules for opening and updating a ticket.
 *
 * On insert it looks up the customer's contract as in force now, and
 * stamps the ticket with its case number, the version of the terms it is
 * held to, its tier (taking a premium request from the quota, or storing
 * the ticket as a standard request when none is left), when its clocks
 * start, and its response and resolution deadlines.
 *
 * On update it keeps what must not change (the case number, customer,
 * opening, tier and the stamped deadlines), re-stamps the deadlines from
 * the same clock start when the ticket becomes another kind (severity,
 * request type or support level: each may have terms of its own) or is
 * moved to its contract's current terms, lets the first response be
 * recorded once, and keeps status and resolved_at in step.  Every change of
 * status, kind or terms is recorded at changed_at.  A due date set by hand
 * (ticket_due.c) stands in for the terms' deadline whenever it stamps them.
 * After either, the next time-driven event (escalation step, warning or
 * breach) is stamped (ticket_events.c).
 *
 * How the clocks follow the status, and the deadlines and escalation they
 * give, are ticket_clock.c's; the row's columns are ticket_row.c's.  This
 * file reads from the top: the trigger, then opening, then updating, then
 * the checks of the instants an application gives.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
#include "utils/xid8.h"

#include "contract/quota.h"
#include "common/scan.h"
#include "store/case_number.h"
#include "store/ticket_stamping.h"
#include "store/trigger_support.h"

PG_FUNCTION_INFO_V1(stamp_ticket);

/* Stamped on insert: the application gives none of them */
static const TicketColumn stamped_columns[] = {
	COL_CASE_NUMBER, COL_TERMS_ID, COL_CLOCK_START, COL_RESPONSE_DUE, COL_RESOLUTION_DUE,
	COL_CHANGED_AT, COL_PAUSED_SINCE, COL_NEXT_ESCALATION_AT, COL_PAUSED_BUSINESS,
	COL_PAUSED_ELAPSED, COL_ESCALATION_LEVEL, COL_NEXT_EVENT_AT, COL_EVENTS_FIRED,
	COL_REOPENED_AT, COL_AWAITING_REPLY_SINCE, COL_REPLY_DUE, COL_LAST_AGENT_MESSAGE_AT,
	COL_UPDATE_FROM, COL_UPDATE_DUE
};

/* Kept by the trigger from the ticket's history: never set by an update */
static const TicketColumn kept_columns[] = {
	COL_PAUSED_SINCE, COL_NEXT_ESCALATION_AT, COL_PAUSED_BUSINESS, COL_PAUSED_ELAPSED,
	COL_CYCLE, COL_REOPENED_AT, COL_REPLY_CYCLE, COL_REPLY_DUE, COL_UPDATE_FROM,
	COL_UPDATE_CYCLE, COL_UPDATE_DUE, COL_NEXT_EVENT_AT
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

static void open_ticket(Stamping *s);
static void require_columns(const Stamping *s);
static void refuse_stamped_values(const Stamping *s);
static CustomerTerms customer_terms(Stamping *s, int32 customer_id);
static Oid choose_tier(Stamping *s, const CustomerTerms *ct);
static bool from_named_contact(const Stamping *s);
static const char *organisation_text(const CustomerTerms *ct);
static void check_report(const Stamping *s, const Contract *c);
static void check_report_change(Stamping *s);
static void update_ticket(Stamping *s);
static bool kind_changed(const Stamping *s);
static void refuse_changes(const Stamping *s, const TicketColumn *columns, int n,
						   const char *detail);
static void guard_first_response(const Stamping *s);
static void guard_resolved(const Stamping *s);
static void check_new_terms(Stamping *s);
static void hold_to_terms(Stamping *s, int32 terms_id);
static TimestampTz last_turn(const Stamping *s);
static TimestampTz change_instant(const Stamping *s);
static void record_change(Stamping *s, bool changed, TimestampTz at);
static void check_escalation_level(Stamping *s);
static void check_future_instants(const Stamping *s);
static void check_not_future(const Stamping *s, TicketColumn col);
static const char *ticket_label(const Stamping *s);
static void stamp_revision(Stamping *s);
static void check_given_instants(const Stamping *s);
static void check_after_opening(const Stamping *s, TicketColumn col);

/* ---------- The trigger ---------- */

Datum
stamp_ticket(PG_FUNCTION_ARGS)
{
	TriggerData *td = before_row_trigger(fcinfo, TICKET_TRIGGER_NAME);
	HeapTuple	tuple = stamped_tuple(td);
	Stamping	s;

	s.is_update = TRIGGER_FIRED_BY_UPDATE(td->tg_event);
	s.rel = td->tg_relation;
	s.st = ticket_stamper(fcinfo, s.rel);
	s.terms = NULL;
	s.held.contract = NULL;
	ticket_read_row(s.st, s.rel, tuple, &s.row);
	if (s.is_update)
		ticket_read_row(s.st, s.rel, td->tg_trigtuple, &s.old);
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
	stamp_revision(&s);
	return PointerGetDatum(ticket_write_row(&s, tuple));
}

/*
 * The transaction that writes the row (0.6): what refresh_reports reads to
 * find the days of tickets changed since its last run (docs/reporting.md)
 */
static void
stamp_revision(Stamping *s)
{
	if (s->st->attnums[COL_REVISION] != InvalidAttrNumber)
		set_column(s, COL_REVISION, FullTransactionIdGetDatum(GetTopFullTransactionId()), false);
}

/* ---------- Opening a ticket ---------- */

static void
open_ticket(Stamping *s)
{
	CustomerTerms ct;
	TimestampTz opened_at;
	char	   *number;

	require_columns(s);
	refuse_stamped_values(s);
	(void) ticket_guard_due_set(s);
	opened_at = timestamp_of(&s->row, COL_OPENED_AT);
	ct = customer_terms(s, DatumGetInt32(s->row.value[COL_CUSTOMER_ID]));
	s->terms = ct.contract;
	check_report(s, cached_contract(ct.contract));

	number = next_case_number(s->st->case_seq, opened_at);
	set_column(s, COL_CASE_NUMBER, CStringGetTextDatum(number), false);

	set_column(s, COL_TIER, ObjectIdGetDatum(choose_tier(s, &ct)), false);
	hold_to_terms(s, ct.terms_id);
	set_timestamp(s, COL_CLOCK_START,
				  clock_start(ticket_terms(s), opened_at,
							  DatumGetObjectId(s->row.value[COL_CHANNEL]) == s->st->phone));
	set_timestamp(s, COL_CHANGED_AT, opened_at);
	set_usecs(s, COL_PAUSED_BUSINESS, 0);
	set_usecs(s, COL_PAUSED_ELAPSED, 0);
	set_column(s, COL_ESCALATION_LEVEL, Int32GetDatum(0), false);
	if (s->row.isnull[COL_STATUS])
		return;					/* the NOT NULL constraint will refuse it */

	/* a ticket filed as waiting or resolved has its clock so from the start */
	ticket_settle_resolution(s, GetCurrentTransactionStartTimestamp());
	ticket_move_clock(s, CLOCK_RUNNING, ticket_clock_state(s, &s->row),
					  timestamp_of(&s->row, COL_CLOCK_START));
	ticket_stamp_deadlines(s);
	ticket_stamp_next_escalation(s, ticket_clock_state(s, &s->row));
	ticket_open_conversation(s, ticket_clock_state(s, &s->row));
	ticket_open_events(s);
}

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
							ticket_column_names[col], RelationGetRelationName(s->rel)),
					 errdetail("A ticket needs its %s to be stamped.", ticket_column_names[col]),
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
							ticket_column_names[col], RelationGetRelationName(s->rel)),
					 errdetail("ticket_sla stamps it when the ticket is opened."),
					 errhint("To restore a dump of the store, run pg_restore with session_replication_role = replica."),
					 errtablecol(s->rel, s->st->attnums[col])));
	}
}

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

/*
 * The ticket's tier: the plan's, or standard when asked for; under a plan
 * with named contacts only a request from an active named contact is
 * premium; a premium request under a plan with a quota takes one from the
 * quota, and is stored as a standard request when none is left.
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
	if (premium && c->named_contacts >= 0 && !from_named_contact(s))
	{
		ereport(NOTICE,
				(errmsg("case %s is stored as a standard request: it is not from an active named contact of customer \"%s\"",
						ticket_case_number(s), organisation_text(ct)),
				 errdetail("Its plan serves the requests of its named contacts as premium.")));
		return s->st->standard;
	}
	if (!premium || c->quota_period == QUOTA_NONE)
		return premium ? s->st->premium : s->st->standard;

	period = quota_period_of(c->quota_period, ct->contract_start,
							 contract_local_date(ct->contract,
												 timestamp_of(&s->row, COL_OPENED_AT)));
	if (ticket_take_premium_request(s->st->owner, DatumGetInt32(s->row.value[COL_CUSTOMER_ID]), period,
							 c->premium_quota))
		return s->st->premium;
	ereport(NOTICE,
			(errmsg("case %s is stored as a standard request: customer \"%s\" has used its %d premium requests of the period from %s",
					ticket_case_number(s), organisation_text(ct), c->premium_quota,
					DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(period))))));
	return s->st->standard;
}

/*
 * The report fields the ticket's plan requires ("report requires ...") are
 * given; a field a plan does not require may be left out
 */
static void
check_report(const Stamping *s, const Contract *c)
{
	const ContractExtension *ext = contract_extension(c);
	int			f;

	for (f = 0; ext != NULL && f < CONTRACT_REPORT_FIELDS; f++)
	{
		TicketColumn col = COL_SERVICE + f;

		if ((ext->report_fields & (1 << f)) == 0 || !s->row.isnull[col])
			continue;
		ereport(ERROR,
				(errcode(ERRCODE_NOT_NULL_VIOLATION),
				 errmsg("%s needs its %s", ticket_label(s), contract_report_fields[f]),
				 errdetail("Its plan%s requires it in the report.",
						   c->plan_name >= 0 ?
						   psprintf(" \"%s\"", contract_name_at(c, c->plan_name)) : ""),
				 errhint("Give column \"%s\".", ticket_column_names[col]),
				 errtablecol(s->rel, s->st->attnums[col])));
	}
}

/* An update that empties a report field: the plan may require it */
static void
check_report_change(Stamping *s)
{
	int			col;

	for (col = COL_SERVICE; col <= COL_EXPECTED_BEHAVIOUR; col++)
		if (s->row.isnull[col] && ticket_column_changed(s, col))
		{
			check_report(s, cached_contract(ticket_terms(s)));
			return;
		}
}

/* Whether the request comes from an active named contact of its customer */
static bool
from_named_contact(const Stamping *s)
{
	return !s->row.isnull[COL_CONTACT_ID] &&
		store_contact_active(&s->st->tables, DatumGetInt32(s->row.value[COL_CUSTOMER_ID]),
							 DatumGetInt32(s->row.value[COL_CONTACT_ID]));
}

/* The customer's name, for messages: a long one shortened */
static const char *
organisation_text(const CustomerTerms *ct)
{
	return shown_text(ct->organisation, strlen(ct->organisation));
}

/* ---------- Updating a ticket ---------- */

static void
update_ticket(Stamping *s)
{
	TimestampTz at;
	bool		new_terms;
	bool		new_kind;
	bool		paused_more;
	bool		due_set;
	ClockState	state;

	refuse_changes(s, fixed_columns, lengthof(fixed_columns),
				   "It is fixed when the ticket is opened; a change of severity re-stamps the deadlines.");
	/* paused time and the escalation state are the trigger's to keep */
	refuse_changes(s, kept_columns, lengthof(kept_columns),
				   "ticket_sla keeps it from the ticket's changes of status, severity and escalation.");
	guard_first_response(s);
	due_set = ticket_guard_due_set(s);
	check_report_change(s);
	if (s->row.isnull[COL_SEVERITY] || s->row.isnull[COL_TERMS_ID] ||
		s->row.isnull[COL_STATUS] || s->row.isnull[COL_ESCALATION_LEVEL] ||
		s->row.isnull[COL_CHANGED_AT] || s->row.isnull[COL_SUPPORT_LEVEL])
		return;					/* the NOT NULL constraints will refuse it */
	guard_resolved(s);
	new_terms = ticket_column_changed(s, COL_TERMS_ID);
	if (new_terms)
		check_new_terms(s);
	new_kind = kind_changed(s);
	if (new_kind && !new_terms)
		ticket_recount_paused(s);

	at = change_instant(s);
	ticket_settle_resolution(s, at);
	record_change(s, new_terms || new_kind || ticket_column_changed(s, COL_STATUS), at);
	state = ticket_clock_state(s, &s->row);
	paused_more = ticket_move_clock(s, ticket_clock_state(s, &s->old), state, at);
	ticket_restart_resolution(s, ticket_clock_state(s, &s->old), state, at);
	if (new_terms || new_kind || paused_more || due_set)
		ticket_stamp_deadlines(s);
	ticket_update_conversation(s, ticket_clock_state(s, &s->old), state, at, new_terms || new_kind);
	if (ticket_column_changed(s, COL_ESCALATION_LEVEL))
		check_escalation_level(s);
	/* the ladder stops with a resolution and starts again with a reopening */
	if (new_terms || new_kind || ticket_column_changed(s, COL_ESCALATION_LEVEL) ||
		(ticket_clock_state(s, &s->old) == CLOCK_STOPPED) != (state == CLOCK_STOPPED))
		ticket_stamp_next_escalation(s, state);
	ticket_update_events(s);
}

/*
 * Whether the ticket becomes another kind (contract_choose): of another
 * severity, request type or support level, each of which may have terms of
 * its own
 */
static bool
kind_changed(const Stamping *s)
{
	return ticket_column_changed(s, COL_SEVERITY) || ticket_column_changed(s, COL_REQUEST_TYPE) ||
		ticket_column_changed(s, COL_SUPPORT_LEVEL);
}

/* Refuse a change of any of the n columns, saying why with "detail" */
static void
refuse_changes(const Stamping *s, const TicketColumn *columns, int n, const char *detail)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		TicketColumn col = columns[i];

		if (ticket_column_changed(s, col))
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("column \"%s\" of case %s cannot be changed",
							ticket_column_names[col], ticket_case_number(s)),
					 errdetail("%s", detail),
					 errtablecol(s->rel, s->st->attnums[col])));
	}
}

/* The first response, once recorded, stops the response clock for good */
static void
guard_first_response(const Stamping *s)
{
	if (!s->old.isnull[COL_FIRST_RESPONSE_AT] && ticket_column_changed(s, COL_FIRST_RESPONSE_AT))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the first response to case %s was already recorded at %s",
						ticket_case_number(s), ticket_timestamp_text(&s->old, COL_FIRST_RESPONSE_AT)),
				 errtablecol(s->rel, s->st->attnums[COL_FIRST_RESPONSE_AT])));
}

/*
 * A resolved or closed ticket keeps its resolution, severity and terms: its
 * outcome is settled until it is reopened
 */
static void
guard_resolved(const Stamping *s)
{
	static const TicketColumn final_columns[] = {
		COL_RESOLVED_AT, COL_SEVERITY, COL_TERMS_ID, COL_REQUEST_TYPE, COL_SUPPORT_LEVEL
	};

	if (ticket_clock_state(s, &s->old) == CLOCK_STOPPED && ticket_clock_state(s, &s->row) == CLOCK_STOPPED)
		refuse_changes(s, final_columns, lengthof(final_columns),
					   "The ticket is resolved; reopen it (status 'in progress') to change it.");
}

/*
 * A ticket moves only to its contract's current terms, or their version
 * localized for its customer, and is held to the latter
 */
static void
check_new_terms(Stamping *s)
{
	int32		customer = DatumGetInt32(s->row.value[COL_CUSTOMER_ID]);
	int32		wanted = DatumGetInt32(s->row.value[COL_TERMS_ID]);
	CustomerTerms ct = customer_terms(s, customer);

	/* the current terms, or their version localized for the customer */
	hold_to_terms(s, ct.terms_id);
	if (ct.terms_id != wanted && DatumGetInt32(s->row.value[COL_TERMS_ID]) != wanted)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("case %s can only move to terms %d, the current terms of its contract, not %d",
						ticket_case_number(s), ct.terms_id, wanted),
				 errhint("ticket_sla.retarget(contract) moves every open ticket of a contract."),
				 errtablecol(s->rel, s->st->attnums[COL_TERMS_ID])));
}

/*
 * Hold the ticket to the version terms_id of its contract's terms, as
 * current: under a plan with local hours, to the version localized for its
 * customer's time zone and holidays (ticket_sla.local_terms).  The
 * ticket's terms are looked up anew from that version.
 */
static void
hold_to_terms(Stamping *s, int32 terms_id)
{
	int32		held = terms_id;

	if (contract_has_local_hours(cached_contract(ticket_terms(s))))
		held = ticket_local_terms(s->st->owner, terms_id,
								  DatumGetInt32(s->row.value[COL_CUSTOMER_ID]));
	set_column(s, COL_TERMS_ID, Int32GetDatum(held), false);
	if (held != terms_id)
	{
		s->terms = NULL;
		s->held.contract = NULL;
	}
}

/*
 * The conversation's last turn (0.6): the later of the reply owed and the
 * last public agent message, which a change may not precede (the cycle it
 * would end began there); DT_NOBEGIN when there is none
 */
static TimestampTz
last_turn(const Stamping *s)
{
	TimestampTz turn = DT_NOBEGIN;

	if (!s->st->conversation)
		return turn;
	if (!s->old.isnull[COL_AWAITING_REPLY_SINCE])
		turn = timestamp_of(&s->old, COL_AWAITING_REPLY_SINCE);
	if (!s->old.isnull[COL_LAST_AGENT_MESSAGE_AT])
		turn = Max(turn, timestamp_of(&s->old, COL_LAST_AGENT_MESSAGE_AT));
	return turn;
}

/*
 * When this update's change happened: the changed_at the application
 * gives, or the resolved_at it gives, or else the transaction's start, or
 * the last change or the conversation's last turn when that is later (a
 * change or message committed by another transaction since this one
 * started, or dated by a clock running ahead): a change given no instant is
 * never refused as out of order.
 */
static TimestampTz
change_instant(const Stamping *s)
{
	bool		given_change = ticket_column_changed(s, COL_CHANGED_AT) && !s->row.isnull[COL_CHANGED_AT];
	bool		given_resolution = s->old.isnull[COL_RESOLVED_AT] && !s->row.isnull[COL_RESOLVED_AT];

	if (given_change && given_resolution &&
		timestamp_of(&s->row, COL_CHANGED_AT) != timestamp_of(&s->row, COL_RESOLVED_AT))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("case %s cannot be resolved at %s and changed at %s",
						ticket_case_number(s), ticket_timestamp_text(&s->row, COL_RESOLVED_AT),
						ticket_timestamp_text(&s->row, COL_CHANGED_AT)),
				 errhint("Give one of the two.")));
	if (given_change)
		return timestamp_of(&s->row, COL_CHANGED_AT);
	if (given_resolution)
		return timestamp_of(&s->row, COL_RESOLVED_AT);
	return Max(Max(GetCurrentTransactionStartTimestamp(), timestamp_of(&s->old, COL_CHANGED_AT)),
			   last_turn(s));
}

/*
 * Record a change of status, severity or terms at "at", which is not
 * before the last one nor the conversation's last turn; changed_at moves
 * with such a change only.
 */
static void
record_change(Stamping *s, bool changed, TimestampTz at)
{
	if (!changed)
	{
		if (ticket_column_changed(s, COL_CHANGED_AT))
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("column \"changed_at\" of case %s moves only with its status, severity, request type, support level or terms",
							ticket_case_number(s)),
					 errtablecol(s->rel, s->st->attnums[COL_CHANGED_AT])));
		return;
	}
	if (at < timestamp_of(&s->old, COL_CHANGED_AT))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("change of case %s at %s is before its last change at %s",
						ticket_case_number(s), pstrdup(timestamptz_to_str(at)),
						ticket_timestamp_text(&s->old, COL_CHANGED_AT)),
				 errhint("Changes are recorded in the order they happened."),
				 errtablecol(s->rel, s->st->attnums[COL_CHANGED_AT])));
	if (at < last_turn(s))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("change of case %s at %s is before the conversation's last turn at %s",
						ticket_case_number(s), pstrdup(timestamptz_to_str(at)),
						pstrdup(timestamptz_to_str(last_turn(s)))),
				 errhint("Changes and messages are recorded in the order they happened."),
				 errtablecol(s->rel, s->st->attnums[COL_CHANGED_AT])));
	set_timestamp(s, COL_CHANGED_AT, at);
}

/* The ladder is climbed, never descended, and has only so many steps */
static void
check_escalation_level(Stamping *s)
{
	int32		old_level = DatumGetInt32(s->old.value[COL_ESCALATION_LEVEL]);
	int32		level = DatumGetInt32(s->row.value[COL_ESCALATION_LEVEL]);
	int32		steps = ticket_held_terms(s).terms->n_steps;

	if (level < old_level || level > Max(steps, old_level))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("escalation_level of case %s cannot move from %d to %d",
						ticket_case_number(s), old_level, level),
				 errdetail("Its escalation ladder has %d steps, and steps once fired stay fired.", steps),
				 errtablecol(s->rel, s->st->attnums[COL_ESCALATION_LEVEL])));
}

/* ---------- The instants an application gives ---------- */

/*
 * How far past the statement's start an instant given by the application
 * may lie: its clock may run a little ahead of the database's.  A change
 * dated later would pause, resume or resolve the ticket in the future, and
 * every later change would have to be dated after it.
 */
#define CLOCK_DRIFT_ALLOWED (60 * USECS_PER_SEC)

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

/* An instant the application gives, or changes, is not in the future */
static void
check_not_future(const Stamping *s, TicketColumn col)
{
	/* in a procedure, the transaction (and now()) starts again at COMMIT */
	TimestampTz started = Max(GetCurrentStatementStartTimestamp(),
							  GetCurrentTransactionStartTimestamp());

	if (s->row.isnull[col] || (s->is_update && !ticket_column_changed(s, col)) ||
		timestamp_of(&s->row, col) <= started + CLOCK_DRIFT_ALLOWED)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s %s of %s is in the future",
					ticket_column_names[col], ticket_timestamp_text(&s->row, col), ticket_label(s)),
			 errdetail("An instant given for a ticket may lie at most one minute after the statement's start."),
			 errhint("Give the instant it happened; now() is always accepted."),
			 errtablecol(s->rel, s->st->attnums[col])));
}

/* Which ticket a message is about: its case, or a new one not yet stamped */
static const char *
ticket_label(const Stamping *s)
{
	return s->is_update ? psprintf("case %s", ticket_case_number(s)) : "a new ticket";
}

/* Nothing was answered or resolved before the ticket was opened */
static void
check_given_instants(const Stamping *s)
{
	check_after_opening(s, COL_FIRST_RESPONSE_AT);
	check_after_opening(s, COL_RESOLVED_AT);
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
					ticket_column_names[col], ticket_timestamp_text(&s->row, col),
					ticket_case_number(s), ticket_timestamp_text(&s->row, COL_OPENED_AT)),
			 errtablecol(s->rel, s->st->attnums[col])));
}
