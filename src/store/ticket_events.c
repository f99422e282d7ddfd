/*
 * ticket_events.c
 *		The time-driven events of a ticket (ticket_stamping.h): the steps of
 *		its escalation ladder, and the warning and the breach of each of its
 *		targets, which ticket_sla.process_escalations fires once each.
 *
 * A target warns at the plan's "warn at N%", at the first instant at which
 * ticket_sla.sla_status calls it at risk (progress.c: the time used on its
 * clock, less the paused time, times 100 reaches its length times N), and
 * breaches at its stamped deadline.  Each fires once per target and cycle:
 * the first response has cycle 1, the resolution the ticket's cycle, which
 * a reopening raises, the reply and update their own cycles
 * (ticket_conversation.c); a new cycle re-arms its target's warning and
 * breach.  A target met fires nothing more; a response or resolution
 * missed still fires its breach after its clock stopped, but no warning (a
 * reply or update answered clears its deadline: one answered late before
 * any run fired its breach is in target_cycles, not in the event log).  A paused resolution clock fires only
 * what was due before the pause began, as sla_status reads it at
 * paused_since: a warning at or before that instant, a breach before it.
 *
 * The ticket keeps what comes next, so that nothing reads the event log to
 * know it: events_fired, a bit per target and kind fired in the current
 * cycles, which only process_escalations sets (the trigger checks that bits
 * are only added), and next_event_at, the earliest of the next escalation
 * step and the events still to fire, stamped after every change.
 * ticket_sla.due_events lists the events of a ticket due at an instant, for
 * process_escalations to log, notify and mark in one statement per batch.
 *
 * The targets are the entries of event_targets below: another target is
 * another entry (its deadline, what stops its clock, whether the status
 * pauses it, its cycle), with two more bits of events_fired.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/table.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "common/srf.h"
#include "store/ticket_stamping.h"
#include "store/trigger_support.h"

PG_FUNCTION_INFO_V1(due_events);

/* What a target fires; each kind has a bit per target in events_fired */
typedef enum EventKind
{
	EVENT_WARNING,
	EVENT_BREACH,
	N_EVENT_KINDS
} EventKind;

static const char *const event_kind_names[N_EVENT_KINDS] = {"warning", "breach"};

/* A target that fires a warning and a breach */
typedef struct EventTarget
{
	const char *name;			/* its label of ticket_sla.sla_clock */
	TicketTarget which;			/* its target in the ticket's terms */
	TicketColumn start;			/* when its clock (cycle) started */
	TicketColumn due;			/* its stamped deadline */
	TicketColumn stop;			/* when its clock stopped for good; or
								 * N_COLUMNS: its deadline is cleared then */
	bool		paused;			/* paused by the status, moved on by paused time */
	TicketColumn cycle;			/* its cycle, whose change re-arms it; or
								 * N_COLUMNS: always cycle 1 */
} EventTarget;

static const EventTarget event_targets[] = {
	{"response", TARGET_RESPOND, COL_CLOCK_START, COL_RESPONSE_DUE, COL_FIRST_RESPONSE_AT, false,
	N_COLUMNS},
	{"resolution", TARGET_RESOLVE, COL_CLOCK_START, COL_RESOLUTION_DUE, COL_RESOLVED_AT, true,
	COL_CYCLE},
	{"reply", TARGET_REPLY, COL_AWAITING_REPLY_SINCE, COL_REPLY_DUE, N_COLUMNS, false,
	COL_REPLY_CYCLE},
	{"update", TARGET_UPDATE, COL_UPDATE_FROM, COL_UPDATE_DUE, N_COLUMNS, false,
	COL_UPDATE_CYCLE},
};

#define N_EVENT_TARGETS ((int) lengthof(event_targets))

/* The bit of events_fired of the event of kind on target */
static inline int32
event_bit(int target, EventKind kind)
{
	return (int32) 1 << (target * N_EVENT_KINDS + kind);
}

/* The bits of the events of the targets whose cycle is column "cycle" */
static int32
events_of_cycle(TicketColumn cycle)
{
	int32		bits = 0;
	int			t;

	for (t = 0; t < N_EVENT_TARGETS; t++)
		if (event_targets[t].cycle == cycle)
			bits |= event_bit(t, EVENT_WARNING) | event_bit(t, EVENT_BREACH);
	return bits;
}

/*
 * When the plan warns of the target: the first instant at which the time
 * used on its clock (less the paused time) times 100 reaches its length
 * times the plan's warning share; false without a warning or a target.
 */
static bool
warning_instant(Stamping *s, const EventTarget *et, TimestampTz *at)
{
	TicketTerms tt = ticket_held_terms(s);
	const ContractDuration *target = ticket_target(&tt, et->which);
	int32		warn = cached_contract(tt.contract)->warn_percent;
	TimestampTz start = timestamp_of(&s->row, et->start);
	PausedTime	paused = {0, 0};
	TimestampTz unpaused;
	int64		length;

	if (warn == 0 || !target_due(&tt, target, start, &unpaused))
		return false;
	if (et->paused)
	{
		paused.business = usecs_of(&s->row, COL_PAUSED_BUSINESS);
		paused.elapsed = usecs_of(&s->row, COL_PAUSED_ELAPSED);
	}
	length = target_time_between(&tt, target, start, unpaused);
	/* the least time used with used * 100 >= length * warn, in integers */
	*at = target_clock_after(&tt, target, start,
							 (length * warn + 99) / 100 + paused_on_clock(target, &paused));
	return true;
}

/*
 * When the event of kind on target falls due, at *at; false when it is not
 * to fire: fired in this cycle, no such target or warning, the target met
 * (or, for a warning, its clock stopped), or its clock paused before it.
 */
static bool
event_instant(Stamping *s, int target, EventKind kind, TimestampTz *at)
{
	const EventTarget *et = &event_targets[target];
	const TicketRow *row = &s->row;
	TimestampTz due;
	TimestampTz paused_since;

	if ((DatumGetInt32(row->value[COL_EVENTS_FIRED]) & event_bit(target, kind)) != 0 ||
		row->isnull[et->due])
		return false;
	due = timestamp_of(row, et->due);
	if (et->stop != N_COLUMNS && !row->isnull[et->stop])
	{
		*at = due;
		return kind == EVENT_BREACH && timestamp_of(row, et->stop) > due;
	}
	if (kind == EVENT_BREACH)
		*at = due;
	else if (!warning_instant(s, et, at))
		return false;
	if (!et->paused || row->isnull[COL_PAUSED_SINCE])
		return true;
	/* as sla_status reads a paused clock: at risk from the warning on, breached after the due */
	paused_since = timestamp_of(row, COL_PAUSED_SINCE);
	return kind == EVENT_WARNING ? *at <= paused_since : *at < paused_since;
}

/* next_event_at: the next escalation step or event to fire, if any */
static void
stamp_next_event(Stamping *s)
{
	bool		any = !s->row.isnull[COL_NEXT_ESCALATION_AT];
	TimestampTz next = any ? timestamp_of(&s->row, COL_NEXT_ESCALATION_AT) : 0;
	TimestampTz at;
	int			t;
	EventKind	k;

	for (t = 0; t < N_EVENT_TARGETS; t++)
		for (k = EVENT_WARNING; k < N_EVENT_KINDS; k++)
			if (event_instant(s, t, k, &at) && (!any || at < next))
			{
				next = at;
				any = true;
			}
	if (any)
		set_timestamp(s, COL_NEXT_EVENT_AT, next);
	else
		set_column(s, COL_NEXT_EVENT_AT, (Datum) 0, true);
}

/* Whether the store has the columns of events (not before 0.6) */
static bool
store_has_events(const Stamping *s)
{
	return s->st->attnums[COL_NEXT_EVENT_AT] != InvalidAttrNumber;
}

/* A new ticket: nothing fired, its first event */
void
ticket_open_events(Stamping *s)
{
	if (!store_has_events(s))
		return;
	set_column(s, COL_EVENTS_FIRED, Int32GetDatum(0), false);
	stamp_next_event(s);
}

/*
 * Events once fired stay fired in their cycle: an update (process_escalations'
 * own) only adds the bits of events that exist
 */
static void
check_events_fired(const Stamping *s)
{
	int32		old = DatumGetInt32(s->old.value[COL_EVENTS_FIRED]);
	int32		now = DatumGetInt32(s->row.value[COL_EVENTS_FIRED]);
	int32		all = event_bit(N_EVENT_TARGETS - 1, N_EVENT_KINDS - 1) * 2 - 1;

	if ((old & ~now) != 0 || (now & ~all) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("events_fired of case %s cannot move from %d to %d",
						ticket_case_number(s), old, now),
				 errdetail("It has a bit for each warning and breach fired (%d in all), and events once fired stay fired in their cycle.",
						   all),
				 errtablecol(s->rel, s->st->attnums[COL_EVENTS_FIRED])));
}

/*
 * An update: events_fired checked; a target whose cycle started anew (a
 * reopening, a reply owed again, an update interval, ticket_conversation.c)
 * is re-armed; the next event stamped anew.
 */
void
ticket_update_events(Stamping *s)
{
	int			t;

	if (!store_has_events(s) || s->row.isnull[COL_EVENTS_FIRED])
		return;					/* the NOT NULL constraint refuses it */
	if (ticket_column_changed(s, COL_EVENTS_FIRED))
		check_events_fired(s);
	for (t = 0; t < N_EVENT_TARGETS; t++)
		if (event_targets[t].cycle != N_COLUMNS && ticket_column_changed(s, event_targets[t].cycle))
			set_column(s, COL_EVENTS_FIRED,
					   Int32GetDatum(DatumGetInt32(s->row.value[COL_EVENTS_FIRED]) &
									 ~events_of_cycle(event_targets[t].cycle)), false);
	stamp_next_event(s);
}

/* ---------- ticket_sla.due_events ---------- */

/* Where due_events puts its rows */
typedef struct EventRows
{
	Tuplestorestate *store;
	TupleDesc	desc;
	Oid			clock_type;		/* ticket_sla.sla_clock */
} EventRows;

/*
 * One row: kind, target (NULL for a step), step (NULL for a target's
 * event), cycle (NULL for a step), due_at, fires_at, recipients (of a
 * step), fired (the bit of events_fired; 0 for a step)
 */
static void
put_event(EventRows *out, const char *kind, const EventTarget *et, int32 step,
		  int32 cycle, TimestampTz due, TimestampTz fires, Datum recipients, int32 bit)
{
	Datum		values[8];
	bool		nulls[8] = {false, et == NULL, et != NULL, et == NULL, false, false,
	et != NULL, false};

	values[0] = CStringGetTextDatum(kind);
	values[1] = et == NULL ? (Datum) 0 : ObjectIdGetDatum(enum_label(out->clock_type, et->name));
	values[2] = Int32GetDatum(step);
	values[3] = Int32GetDatum(cycle);
	values[4] = TimestampTzGetDatum(due);
	values[5] = TimestampTzGetDatum(fires);
	values[6] = recipients;
	values[7] = Int32GetDatum(bit);
	tuplestore_putvalues(out->store, out->desc, values, nulls);
}

/*
 * The steps of the ladder due at "at" past escalation_level, in order: a
 * step fires once it and every step before it are due (fires_at)
 */
static void
put_due_steps(Stamping *s, TimestampTz at, EventRows *out)
{
	TimestampTz start = timestamp_of(&s->row, COL_CLOCK_START);
	TimestampTz fires = DT_NOBEGIN;
	TimestampTz due;
	TicketTerms tt;
	int			step;

	if (s->row.isnull[COL_NEXT_ESCALATION_AT])
		return;					/* climbed, or resolved */
	tt = ticket_held_terms(s);
	for (step = DatumGetInt32(s->row.value[COL_ESCALATION_LEVEL]);
		 step_due(&tt, step, start, &due) && due <= at; step++)
	{
		const Contract *c = cached_contract(tt.contract);

		fires = Max(fires, due);
		put_event(out, "escalation", NULL, step + 1, 0, due, fires,
				  step_recipients(c, &contract_steps(c)[tt.terms->first_step + step]), 0);
	}
}

/* The warnings and breaches due at "at" */
static void
put_due_targets(Stamping *s, TimestampTz at, EventRows *out)
{
	TimestampTz due;
	int			t;
	EventKind	k;

	for (t = 0; t < N_EVENT_TARGETS; t++)
		for (k = EVENT_WARNING; k < N_EVENT_KINDS; k++)
			if (event_instant(s, t, k, &due) && due <= at)
			{
				const EventTarget *et = &event_targets[t];
				int32		cycle = et->cycle == N_COLUMNS ? 1 :
					DatumGetInt32(s->row.value[et->cycle]);

				put_event(out, event_kind_names[k], et, 0, cycle, due, due, (Datum) 0,
						  event_bit(t, k));
			}
}

/*
 * due_events(t ticket_sla.tickets, at): the events of ticket t due at "at"
 * and not yet fired, as the trigger stamped its next_event_at
 */
Datum
due_events(PG_FUNCTION_ARGS)
{
	HeapTupleHeader ticket = PG_GETARG_HEAPTUPLEHEADER(0);
	Oid			nsp = get_func_namespace(fcinfo->flinfo->fn_oid);
	EventRows	out;
	HeapTupleData tuple;
	Stamping	s;

	out.store = materialized_result(fcinfo, &out.desc);
	out.clock_type = TupleDescAttr(out.desc, 1)->atttypid;
	s.rel = table_open(get_relname_relid("tickets", nsp), AccessShareLock);
	s.st = ticket_stamper(fcinfo, s.rel);
	s.is_update = false;
	s.terms = NULL;
	s.held.contract = NULL;
	tuple.t_len = HeapTupleHeaderGetDatumLength(ticket);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = RelationGetRelid(s.rel);
	tuple.t_data = ticket;
	ticket_read_row(s.st, s.rel, &tuple, &s.row);
	if (store_has_events(&s))
	{
		put_due_steps(&s, PG_GETARG_TIMESTAMPTZ(1), &out);
		put_due_targets(&s, PG_GETARG_TIMESTAMPTZ(1), &out);
	}
	table_close(s.rel, NoLock);
	return (Datum) 0;
}
