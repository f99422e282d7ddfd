/*
 * ticket_conversation.c
 *		The cycles of a ticket's clocks (ticket_stamping.h): reopenings,
 *		the reply owed to the customer, and the periodic update.
 *
 * Why here and not in ticket_clock.c: these clocks are armed and stopped
 * by the conversation (ticket_sla.messages, whose trigger record_message
 * writes awaiting_reply_since, last_agent_message_at and first_response_at
 * on the ticket), not only by the status, and they come in cycles.
 *
 *	- Reopening a resolved ticket starts a new resolution cycle (cycle,
 *	  reopened_at).  The resolution clock resumes, the time resolved counting
 *	  as paused; under a plan that says "on reopen restart" the resolution
 *	  target is given afresh from the reopening.  Either way a reopening
 *	  owes the customer a reply.
 *	- The reply clock runs from awaiting_reply_since (armed by a customer
 *	  message after the first response, or by the reopening) until an
 *	  answer or the resolution; reply_due is its deadline under the terms
 *	  the ticket is held to, re-stamped when the ticket becomes another kind.
 *	  It does not pause: the customer waits whatever the status.
 *	- The update clock runs while the resolution clock runs under terms
 *	  with an update target, from update_from: the clock start, each public
 *	  agent message, and each time the resolution clock starts again (a
 *	  resumption or a reopening gives a full interval: the customer has just
 *	  been heard) or the ticket comes under such terms.  No update is due
 *	  while the ticket waits or is resolved.
 * Each new reply or update interval counts one more cycle of its clock.
 */
#include "postgres.h"

#include "store/ticket_stamping.h"

static void stamp_cycle_due(Stamping *s, const ContractDuration *target,
							TicketColumn from, TicketColumn due);
static void count_cycle(Stamping *s, TicketColumn cycle);

/* A new ticket's cycles: the first resolution cycle, an update clock if it runs */
void
ticket_open_conversation(Stamping *s, ClockState state)
{
	TicketTerms tt;

	if (!s->st->conversation)
		return;
	tt = ticket_held_terms(s);
	set_column(s, COL_CYCLE, Int32GetDatum(1), false);
	set_column(s, COL_REOPENED_AT, (Datum) 0, true);
	set_column(s, COL_AWAITING_REPLY_SINCE, (Datum) 0, true);
	set_column(s, COL_REPLY_CYCLE, Int32GetDatum(0), false);
	set_column(s, COL_LAST_AGENT_MESSAGE_AT, (Datum) 0, true);
	set_column(s, COL_UPDATE_CYCLE, Int32GetDatum(0), false);
	if (state == CLOCK_RUNNING && tt.update->clock != CLOCK_NONE)
	{
		set_column(s, COL_UPDATE_FROM, s->row.value[COL_CLOCK_START], false);
		count_cycle(s, COL_UPDATE_CYCLE);
	}
	else
		set_column(s, COL_UPDATE_FROM, (Datum) 0, true);
	stamp_cycle_due(s, tt.reply, COL_AWAITING_REPLY_SINCE, COL_REPLY_DUE);
	stamp_cycle_due(s, tt.update, COL_UPDATE_FROM, COL_UPDATE_DUE);
}

/*
 * A reopening at "at" under a plan that restarts the resolution target:
 * the paused time becomes what moves the unpaused deadline to the target's
 * length from the reopening, so that the deadline stamped next is that.
 */
void
ticket_restart_resolution(Stamping *s, ClockState before, ClockState now, TimestampTz at)
{
	TicketTerms tt;
	TimestampTz start = timestamp_of(&s->row, COL_CLOCK_START);
	TimestampTz unpaused;
	TimestampTz restarted;

	if (!s->st->conversation || before != CLOCK_STOPPED || now == CLOCK_STOPPED)
		return;
	tt = ticket_held_terms(s);
	if (!contract_reopen_restarts(cached_contract(tt.contract)) ||
		!target_due(&tt, &tt.terms->resolve, start, &unpaused) ||
		!target_due(&tt, &tt.terms->resolve, Max(at, start), &restarted))
		return;
	set_usecs(s, COL_PAUSED_ELAPSED, Max(at, start) - start);
	set_usecs(s, COL_PAUSED_BUSINESS,
			  tt.terms->resolve.clock == CLOCK_WALL ? restarted - unpaused :
			  terms_time_between(&tt, unpaused, restarted));
}

/*
 * The cycles after an update at "at" that moved the resolution clock from
 * "before" to "now": a reopening starts a resolution cycle and owes a reply,
 * the resolution answers the reply owed, and the update clock follows the
 * resolution clock and the agents' messages.  Deadlines are stamped again
 * where their clock's start moved or the ticket is held to other terms.
 */
void
ticket_update_conversation(Stamping *s, ClockState before, ClockState now,
						   TimestampTz at, bool new_terms)
{
	TicketTerms tt;

	if (!s->st->conversation)
		return;
	tt = ticket_held_terms(s);
	if (before == CLOCK_STOPPED && now != CLOCK_STOPPED)
	{
		count_cycle(s, COL_CYCLE);
		set_timestamp(s, COL_REOPENED_AT, at);
		if (s->row.isnull[COL_AWAITING_REPLY_SINCE])
			set_timestamp(s, COL_AWAITING_REPLY_SINCE, at);
	}
	if (now == CLOCK_STOPPED)
		set_column(s, COL_AWAITING_REPLY_SINCE, (Datum) 0, true);
	if (s->old.isnull[COL_AWAITING_REPLY_SINCE] && !s->row.isnull[COL_AWAITING_REPLY_SINCE])
		count_cycle(s, COL_REPLY_CYCLE);

	if (now != CLOCK_RUNNING || tt.update->clock == CLOCK_NONE)
		set_column(s, COL_UPDATE_FROM, (Datum) 0, true);
	else if (before != CLOCK_RUNNING || s->row.isnull[COL_UPDATE_FROM])
		set_timestamp(s, COL_UPDATE_FROM, at);
	else if (ticket_column_changed(s, COL_LAST_AGENT_MESSAGE_AT) &&
			 (s->row.isnull[COL_UPDATE_FROM] ||
			  timestamp_of(&s->row, COL_LAST_AGENT_MESSAGE_AT) > timestamp_of(&s->row, COL_UPDATE_FROM)))
		set_column(s, COL_UPDATE_FROM, s->row.value[COL_LAST_AGENT_MESSAGE_AT], false);
	if (!s->row.isnull[COL_UPDATE_FROM] && ticket_column_changed(s, COL_UPDATE_FROM))
		count_cycle(s, COL_UPDATE_CYCLE);

	if (new_terms || ticket_column_changed(s, COL_AWAITING_REPLY_SINCE))
		stamp_cycle_due(s, tt.reply, COL_AWAITING_REPLY_SINCE, COL_REPLY_DUE);
	if (new_terms || ticket_column_changed(s, COL_UPDATE_FROM))
		stamp_cycle_due(s, tt.update, COL_UPDATE_FROM, COL_UPDATE_DUE);
}

/* The deadline of a cycle that started at column "from"; none when it runs not */
static void
stamp_cycle_due(Stamping *s, const ContractDuration *target, TicketColumn from,
				TicketColumn due)
{
	TicketTerms tt = ticket_held_terms(s);
	TimestampTz instant;

	if (!s->row.isnull[from] && target_due(&tt, target, timestamp_of(&s->row, from), &instant))
		set_timestamp(s, due, instant);
	else
		set_column(s, due, (Datum) 0, true);
}

/* One more cycle of a clock */
static void
count_cycle(Stamping *s, TicketColumn cycle)
{
	set_column(s, cycle, Int32GetDatum(DatumGetInt32(s->row.value[cycle]) + 1), false);
}
