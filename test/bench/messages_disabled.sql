-- messages.sh, variant "disabled": the same message as messages_triggers.sql
-- with the triggers record_message, stamp and record_segments disabled, in
-- one statement that writes what they would have: the ticket's reply and
-- update clocks (deadlines as plain values: 4 and 8 hours on), and the
-- stretch and cycle of each clock that the message ends, so that the same
-- rows are written and the same indexes maintained.
\set t random(1, :tickets)
\set agent random(0, 1)
WITH m AS (
	INSERT INTO ticket_sla.messages (ticket_id, author, sent_at, body)
	VALUES (:t, (ARRAY['customer', 'agent'])[:agent + 1]::ticket_sla.message_author, now(),
	        'The relay of the old domain still throttles; could you check the limits for it as well?')
), old AS (
	SELECT t.ticket_id, t.awaiting_reply_since, t.reply_due, t.reply_cycle, t.update_from,
	       t.update_due, t.update_cycle, t.changed_at, t.severity, t.terms_id, t.support_level
	FROM ticket_sla.tickets t WHERE t.ticket_id = :t FOR NO KEY UPDATE
), upd AS (
	UPDATE ticket_sla.tickets t
	   SET awaiting_reply_since = CASE WHEN :agent = 1 THEN NULL ELSE coalesce(o.awaiting_reply_since, now()) END,
	       reply_due = CASE WHEN :agent = 1 THEN NULL ELSE coalesce(o.reply_due, now() + interval '4 hours') END,
	       reply_cycle = o.reply_cycle + (:agent = 0 AND o.awaiting_reply_since IS NULL)::integer,
	       last_agent_message_at = CASE WHEN :agent = 1 THEN now() ELSE t.last_agent_message_at END,
	       update_from = CASE WHEN :agent = 1 THEN now() ELSE o.update_from END,
	       update_due = CASE WHEN :agent = 1 THEN now() + interval '8 hours' ELSE o.update_due END,
	       update_cycle = o.update_cycle + :agent,
	       next_event_at = CASE WHEN :agent = 1 THEN now() + interval '6 hours' ELSE now() + interval '3 hours' END
	  FROM old o WHERE t.ticket_id = o.ticket_id
), ended AS (
	SELECT o.*, e.clock, e.from_at, e.started_at, e.cycle, e.due_at
	FROM old o, LATERAL (VALUES
		('reply'::ticket_sla.sla_clock, greatest(o.changed_at, o.awaiting_reply_since),
		 o.awaiting_reply_since, o.reply_cycle, o.reply_due),
		('update', greatest(o.changed_at, o.update_from), o.update_from, o.update_cycle, o.update_due)
	) AS e (clock, from_at, started_at, cycle, due_at)
	WHERE :agent = 1 AND e.started_at IS NOT NULL AND e.from_at < now()
), seg AS (
	INSERT INTO ticket_sla.clock_segments
	SELECT e.ticket_id, e.clock, e.from_at, now(), 'running', NULL, e.severity, e.terms_id,
	       now() - e.from_at, e.support_level, e.cycle
	FROM ended e
)
INSERT INTO ticket_sla.target_cycles
SELECT e.ticket_id, e.clock, e.cycle, e.started_at, e.due_at, now(),
       CASE e.clock WHEN 'reply' THEN 'answer' ELSE 'update' END, now() <= e.due_at, false,
       e.severity, e.terms_id
FROM ended e;
