/*
 * ticket_clock.c
 *		The clocks of a ticket (ticket_stamping.h): how the resolution clock
 *		follows the status, and the deadlines and next escalation they give.
 *
 * The resolution clock runs, is paused or stops as the ticket's status
 * says (its clock effect in ticket_sla.statuses, ticket_statuses.c): it
 * runs while new or in progress, is paused while the ticket waits on the
 * customer, and stops when it is resolved or closed; time spent paused (and,
 * after a reopening, resolved) moves the resolution deadline on by as much
 * time on the target's clock.
 * The escalation ladder counts from the clock start and is never paused:
 * next_escalation_at is the next step of the ladder past escalation_level,
 * none once the ticket is resolved.
 */
#include "postgres.h"

#include "store/ticket_stamping.h"

/*
 * Status and resolved_at agree: a status that stops the clock stamps
 * resolved_at (at "at"), reopening clears it, and setting resolved_at in a
 * status that does not stop the clock moves the ticket to "resolved".
 */
void
ticket_settle_resolution(Stamping *s, TimestampTz at)
{
	bool		reopened = s->is_update && ticket_column_changed(s, COL_STATUS) &&
		ticket_clock_state(s, &s->old) == CLOCK_STOPPED;

	if (ticket_clock_state(s, &s->row) == CLOCK_STOPPED)
	{
		if (s->row.isnull[COL_RESOLVED_AT])
			set_timestamp(s, COL_RESOLVED_AT, at);
	}
	else if (!s->row.isnull[COL_RESOLVED_AT])
	{
		if (reopened)
			set_column(s, COL_RESOLVED_AT, (Datum) 0, true);
		else
			set_column(s, COL_STATUS, s->st->resolved, false);
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
	TicketTerms tt = ticket_held_terms(s);

	from = Max(from, start);
	to = Max(to, start);
	set_usecs(s, COL_PAUSED_BUSINESS, usecs_of(&s->row, COL_PAUSED_BUSINESS) +
			  terms_time_between(&tt, from, to));
	set_usecs(s, COL_PAUSED_ELAPSED, usecs_of(&s->row, COL_PAUSED_ELAPSED) + (to - from));
}

/*
 * Move the resolution clock from its state before to its state now, at
 * "at": leaving a pause (or a resolution, by reopening) adds the time since
 * paused_since to the paused time.  A resolution without a first response
 * records the first response with it.  Returns whether paused time grew.
 */
bool
ticket_move_clock(Stamping *s, ClockState before, ClockState now, TimestampTz at)
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

/*
 * Both deadlines from the clock start under the ticket's terms, the
 * resolution deadline moved on by the time its clock was paused; a due date
 * set by hand stands instead (ticket_due.c)
 */
void
ticket_stamp_deadlines(Stamping *s)
{
	TicketTerms tt = ticket_held_terms(s);
	TimestampTz start = timestamp_of(&s->row, COL_CLOCK_START);
	PausedTime	paused;
	TimestampTz due;

	paused.business = usecs_of(&s->row, COL_PAUSED_BUSINESS);
	paused.elapsed = usecs_of(&s->row, COL_PAUSED_ELAPSED);
	if (target_due(&tt, &tt.terms->respond, start, &due))
		set_timestamp(s, COL_RESPONSE_DUE, due);
	else
		set_column(s, COL_RESPONSE_DUE, (Datum) 0, true);
	if (paused_target_due(&tt, &tt.terms->resolve, start, &paused, &due))
		set_timestamp(s, COL_RESOLUTION_DUE, due);
	else
		set_column(s, COL_RESOLUTION_DUE, (Datum) 0, true);
	ticket_apply_due_set(s);
}

/* The next step of the ladder past escalation_level; none once resolved */
void
ticket_stamp_next_escalation(Stamping *s, ClockState state)
{
	TimestampTz due;
	TicketTerms tt;

	if (state != CLOCK_STOPPED)
		tt = ticket_held_terms(s);
	if (state != CLOCK_STOPPED &&
		step_due(&tt, DatumGetInt32(s->row.value[COL_ESCALATION_LEVEL]),
				 timestamp_of(&s->row, COL_CLOCK_START), &due))
		set_timestamp(s, COL_NEXT_ESCALATION_AT, due);
	else
		set_column(s, COL_NEXT_ESCALATION_AT, (Datum) 0, true);
}

/* What ticket_recount_paused adds up */
typedef struct PausedRecount
{
	const TicketTerms *tt;		/* under these terms' hours */
	TimestampTz start;			/* the clock start */
	TimestampTz until;			/* the open pause's start: its stretches wait */
	int64		business;
} PausedRecount;

static void
count_paused_stretch(void *arg, TimestampTz from, TimestampTz to)
{
	PausedRecount *recount = (PausedRecount *) arg;

	if (to > recount->until)
		return;
	recount->business += terms_time_between(recount->tt, Max(from, recount->start),
											Max(to, recount->start));
}

/*
 * A change of kind that holds the ticket to terms on other hours: the
 * business time its resolution clock was paused, recounted under the new
 * hours from the ledger's paused stretches.  The pause still open, if any,
 * is counted when it ends, as always.
 */
void
ticket_recount_paused(Stamping *s)
{
	TicketTerms before = ticket_held_terms_of(s, &s->old);
	TicketTerms now = ticket_held_terms(s);
	PausedRecount recount;

	if (before.hours == now.hours)
		return;
	recount.tt = &now;
	recount.start = timestamp_of(&s->row, COL_CLOCK_START);
	recount.until = s->old.isnull[COL_PAUSED_SINCE] ? DT_NOEND :
		timestamp_of(&s->old, COL_PAUSED_SINCE);
	recount.business = 0;
	store_paused_stretches(&s->st->tables, DatumGetInt64(s->row.value[COL_TICKET_ID]),
						   count_paused_stretch, &recount);
	set_usecs(s, COL_PAUSED_BUSINESS, recount.business);
}
