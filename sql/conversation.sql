--
-- The conversation (0.6): messages arm and stop the reply clock, keep the
-- customer informed (the update clock), give the first response; a
-- reopening starts a new resolution cycle.  One ticket's timeline over a
-- weekend, a pause, a change of severity in the middle, a resolution and a
-- reopening, then a plan that counts only qualified answers and gives the
-- resolution target afresh on reopening; then what is refused, and who may
-- do what.  Every instant was worked out by hand (below each step).
--
-- The hours: Berlin, Monday to Friday 09:00-17:00 (8 business hours a day;
-- CET, +01, all March 2026).  2026-03-05 is a Thursday.
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'Europe/Berlin';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

CREATE ROLE regress_cv_agent IN ROLE ticket_sla_agent;
CREATE ROLE regress_cv_reporting IN ROLE ticket_sla_reporting;
CREATE ROLE regress_cv_cleared IN ROLE ticket_sla_agent, ticket_sla_cleared;

INSERT INTO ticket_sla.contracts (name, terms) VALUES ('Desk',
 'plan "Desk"; tier standard; hours (Mon-Fri 09:00-17:00; tz Europe/Berlin);
  high: respond within 2 business hours, resolve within 3 business days,
        reply within 4 business hours, update every 8 business hours;
  medium: respond within 4 business hours, resolve within 5 business days,
          reply within 8 business hours, update every 16 business hours'),
 ('Desk strict',
 'plan "Desk strict"; tier standard; hours (Mon-Fri 09:00-17:00; tz Europe/Berlin);
  response means qualified answer; on reopen restart;
  high: respond within 2 business hours, resolve within 3 business days,
        reply within 4 business hours');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('Desk customer', 1), ('Strict customer', 2);

CREATE FUNCTION open(customer integer, at timestamptz, confidential boolean DEFAULT false)
RETURNS bigint LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, summary, channel, severity, opened_at, confidential)
	VALUES (customer, 'Mail is slow', 'web', 'high', at, confidential)
	RETURNING ticket_id
$$;
CREATE PROCEDURE say(ticket bigint, author ticket_sla.message_author, at timestamptz,
					 public boolean DEFAULT true, qualified boolean DEFAULT false)
LANGUAGE sql AS $$
	INSERT INTO ticket_sla.messages (ticket_id, author, public, qualified, sent_at, body)
	VALUES (ticket, author, public, qualified, at, author || ' at ' || at)
$$;
-- the ticket's clocks, one per line
CREATE VIEW clocks AS
SELECT ticket_id, v.clock, v.cycle, v.since, v.due
FROM ticket_sla.tickets t
CROSS JOIN LATERAL (VALUES
	(1, 'response', 1, t.clock_start, t.response_due, t.first_response_at),
	(2, 'resolution', t.cycle, coalesce(t.reopened_at, t.clock_start), t.resolution_due, t.resolved_at),
	(3, 'reply', t.reply_cycle, t.awaiting_reply_since, t.reply_due, NULL),
	(4, 'update', t.update_cycle, t.update_from, t.update_due, NULL)
) AS v (n, clock, cycle, since, due, met_at)
ORDER BY ticket_id, v.n;
CREATE VIEW answered AS
SELECT ticket_id, first_response_at, last_agent_message_at, response_met FROM ticket_sla.tickets ORDER BY ticket_id;

--
-- Ticket 1, high, opened Thursday 15:00 by web.
--   response due Thursday 15:00 + 2 business hours = Thursday 17:00
--   resolution due + 3 business days = Tuesday 2026-03-10 15:00
--   update clock from 15:00, cycle 1: + 8 business hours = 2 on Thursday,
--     6 on Friday: Friday 15:00
--   no reply owed
SELECT open(1, '2026-03-05 15:00+01');
SELECT clock, cycle, since, due FROM clocks WHERE ticket_id = 1;

-- An automatic acknowledgement at 15:01 answers nobody and informs nobody
CALL say(1, 'system', '2026-03-05 15:01+01');
SELECT * FROM answered;

-- A public agent message at 16:30 (the plan counts any): the first
-- response (in time, due 17:00); the update clock counts again from it,
-- cycle 2: 0.5 business hours on Thursday, 7.5 on Friday: Friday 16:30
CALL say(1, 'agent', '2026-03-05 16:30+01');
SELECT * FROM answered;
SELECT clock, cycle, since, due FROM clocks WHERE ticket_id = 1 AND clock = 'update';

-- The customer writes Friday 10:00: a reply is owed, cycle 1, due
-- 10:00 + 4 business hours = Friday 14:00.  A second message at 11:00 and
-- an internal note at 13:00 change nothing.
CALL say(1, 'customer', '2026-03-06 10:00+01');
CALL say(1, 'customer', '2026-03-06 11:00+01');
CALL say(1, 'agent', '2026-03-06 13:00+01', public => false);
SELECT clock, cycle, since, due FROM clocks WHERE ticket_id = 1 AND clock IN ('reply', 'update');

-- The agent replies at 16:00, two hours late.  The update clock counts
-- from 16:00, cycle 3: 1 business hour on Friday, 7 on Monday: Monday
-- 2026-03-09 16:00
CALL say(1, 'agent', '2026-03-06 16:00+01');
SELECT clock, cycle, since, due FROM clocks WHERE ticket_id = 1 AND clock IN ('reply', 'update');

-- The weekend: the customer writes Saturday 11:00; the reply (cycle 2) is
-- due 4 business hours after the weekend: Monday 13:00.  The agent answers
-- Monday 10:00 (in time) and the update clock counts from then, cycle 4:
-- Tuesday 10:00.  At 10:05 the ticket waits on the customer: no update is
-- due while it waits.
CALL say(1, 'customer', '2026-03-07 11:00+01');
SELECT clock, cycle, since, due FROM clocks WHERE ticket_id = 1 AND clock = 'reply';
CALL say(1, 'agent', '2026-03-09 10:00+01');
UPDATE ticket_sla.tickets SET status = 'waiting on customer', changed_at = '2026-03-09 10:05+01'
WHERE ticket_id = 1;
SELECT clock, cycle, since, due FROM clocks WHERE ticket_id = 1;

-- The customer answers Monday 14:00: a reply is owed (cycle 3), due 3
-- business hours on Monday and 1 on Tuesday: Tuesday 10:00.  The clock
-- resumes at 14:10: 4 hours 5 minutes of business time paused move the
-- resolution due on from Tuesday 15:00 to Wednesday 11:05 (2 hours on
-- Tuesday, 2:05 on Wednesday); the update clock counts afresh from 14:10,
-- cycle 5: 2:50 on Monday, 5:10 on Tuesday: Tuesday 14:10.
CALL say(1, 'customer', '2026-03-09 14:00+01');
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2026-03-09 14:10+01'
WHERE ticket_id = 1;
SELECT clock, cycle, since, due FROM clocks WHERE ticket_id = 1;

-- Tuesday 09:30 the ticket becomes medium: every deadline is stamped again
-- from its clock's start under the medium terms.
--   response: Thursday 15:00 + 4 business hours = Friday 11:00 (answered
--     Thursday 16:30: still met)
--   resolution: 5 business days = Thursday 2026-03-12 15:00, + 4:05 paused
--     = Friday 2026-03-13 11:05
--   reply (from Monday 14:00): + 8 business hours = 3 on Monday, 5 on
--     Tuesday: Tuesday 14:00
--   update (from Monday 14:10): + 16 business hours = 2:50 + 8 + 5:10:
--     Wednesday 14:10
UPDATE ticket_sla.tickets SET severity = 'medium', changed_at = '2026-03-10 09:30+01'
WHERE ticket_id = 1;
SELECT clock, cycle, since, due FROM clocks WHERE ticket_id = 1;
SELECT response_met FROM ticket_sla.tickets WHERE ticket_id = 1;

-- The agent answers Tuesday 11:00 (in time for 14:00); update cycle 6
-- from 11:00: 6 business hours on Tuesday, 8 on Wednesday, 2 on Thursday:
-- Thursday 11:00.  Resolved Wednesday 10:00 (in time for Friday 11:05): no
-- update is due any more.
CALL say(1, 'agent', '2026-03-10 11:00+01');
UPDATE ticket_sla.tickets SET status = 'resolved', changed_at = '2026-03-11 10:00+01'
WHERE ticket_id = 1;
SELECT clock, cycle, since, due FROM clocks WHERE ticket_id = 1;

-- A customer message on a resolved ticket owes no reply ("thanks!")
CALL say(1, 'customer', '2026-03-11 12:00+01');
SELECT awaiting_reply_since FROM ticket_sla.tickets WHERE ticket_id = 1;

-- Reopened Thursday 2026-03-12 09:00: resolution cycle 2.  The clock
-- resumes (the plan does not restart it): the 7 business hours resolved
-- (Wednesday 10:00-17:00) are paused time too, 11:05 in all, so the
-- resolution is due 2 hours on Thursday 2026-03-12, 8 on Friday, 1:05 on
-- Monday: Monday 2026-03-16 10:05.  A reply is owed from the reopening
-- (cycle 4): Thursday 17:00; the update clock counts from it (cycle 7): 16
-- business hours, Friday 17:00.
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2026-03-12 09:00+01'
WHERE ticket_id = 1;
SELECT clock, cycle, since, due FROM clocks WHERE ticket_id = 1;
SELECT paused_business FROM ticket_sla.tickets WHERE ticket_id = 1;

-- The finished cycles and their outcomes:
--   update 1 Thu 15:00 -> Thu 16:30 (due Fri 15:00): met
--   reply 1  Fri 10:00 -> Fri 16:00 (due Fri 14:00): late
--   update 2 Thu 16:30 -> Fri 16:00 (due Fri 16:30): met
--   reply 2  Sat 11:00 -> Mon 10:00 (due Mon 13:00): met
--   update 3 Fri 16:00 -> Mon 10:00 (due Mon 16:00): met
--   update 4 Mon 10:00 -> Mon 10:05, paused before due: not counted
--   reply 3  Mon 14:00 -> Tue 11:00 (due Tue 14:00 as medium): met
--   update 5 Mon 14:10 -> Tue 11:00 (due Wed 14:10): met
--   update 6 Tue 11:00 -> Wed 10:00, resolved before due: not counted
--   resolution 1 Thu 15:00 -> Wed 10:00 (due Fri 13 11:05): met
SELECT target, cycle, started_at, due_at, ended_at, ended_by, met, severity
FROM ticket_sla.target_cycles WHERE ticket_id = 1 ORDER BY ended_at, target;

-- The ledger's stretches of the reply and update clocks: each cycle, split
-- where the status or severity changed (business time under the hours)
SELECT clock, cycle, from_at, to_at, severity, business_time
FROM ticket_sla.clock_ledger WHERE ticket_id = 1 AND clock IN ('reply', 'update') AND to_at IS NOT NULL
ORDER BY from_at, clock;
-- and those still running
SELECT clock, cycle, from_at, state FROM ticket_sla.clock_ledger
WHERE ticket_id = 1 AND to_at IS NULL ORDER BY clock;

--
-- Ticket 2 under "Desk strict", opened Monday 2026-03-02 09:00: only
-- qualified answers count.  A holding reply at 09:30 informs the customer
-- but is no response; the qualified answer at 10:00 is (due 11:00).
--
SELECT open(2, '2026-03-02 09:00+01');
CALL say(2, 'agent', '2026-03-02 09:30+01');
SELECT * FROM answered WHERE ticket_id = 2;
CALL say(2, 'agent', '2026-03-02 10:00+01', qualified => true);
SELECT * FROM answered WHERE ticket_id = 2;
-- the customer asks at 11:00; a holding reply at 11:30 leaves the reply
-- owed, the qualified one at 12:00 answers it (due 15:00)
CALL say(2, 'customer', '2026-03-02 11:00+01');
CALL say(2, 'agent', '2026-03-02 11:30+01');
SELECT clock, cycle, since, due FROM clocks WHERE ticket_id = 2 AND clock = 'reply';
CALL say(2, 'agent', '2026-03-02 12:00+01', qualified => true);
SELECT target, cycle, started_at, due_at, ended_at, met FROM ticket_sla.target_cycles WHERE ticket_id = 2;

-- Resolved Monday 12:30, reopened Tuesday 10:00: the plan restarts the
-- resolution target, 3 business days from the reopening: Friday
-- 2026-03-06 10:00 (not Thursday 09:00 + 21:30 resolved-and-paused).
UPDATE ticket_sla.tickets SET status = 'resolved', changed_at = '2026-03-02 12:30+01' WHERE ticket_id = 2;
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2026-03-03 10:00+01' WHERE ticket_id = 2;
SELECT clock, cycle, since, due FROM clocks WHERE ticket_id = 2 AND clock IN ('resolution', 'reply');
-- the resolution's share used starts again from the reopening: at
-- Tuesday 11:00, 1 of its 24 business hours
SELECT r.used, r.remaining
FROM ticket_sla.tickets t JOIN ticket_sla.contract_terms ct USING (terms_id),
	ticket_sla.resolution_progress(t.clock_start, t.severity, ct.terms, t.paused_business,
		t.paused_elapsed, '2026-03-03 11:00+01', false) r
WHERE t.ticket_id = 2;

-- An application that sets first_response_at itself keeps working: the
-- customer's next message then owes a reply
SELECT open(1, '2026-03-02 09:00+01');
UPDATE ticket_sla.tickets SET first_response_at = '2026-03-02 09:20+01' WHERE ticket_id = 3;
CALL say(3, 'customer', '2026-03-02 09:40+01');
SELECT clock, cycle, since, due FROM clocks WHERE ticket_id = 3 AND clock = 'reply';

--
-- Refused
--
\set VERBOSITY default
-- in the future, before the ticket opened, more than a minute before the
-- conversation's last turn (the customer's message at 09:40)
CALL say(3, 'customer', '2999-01-01 00:00+01');
CALL say(3, 'customer', '2026-03-02 08:59+01');
CALL say(3, 'agent', '2026-03-02 09:38:59+01');
-- a customer's internal note, a qualified note, a qualified customer message
CALL say(3, 'customer', '2026-03-02 10:00+01', public => false);
CALL say(3, 'agent', '2026-03-02 10:00+01', public => false, qualified => true);
CALL say(3, 'customer', '2026-03-02 10:00+01', qualified => true);
-- no ticket 99
CALL say(99, 'customer', '2026-03-02 10:00+01');
\set VERBOSITY terse
SELECT count(*) AS messages_of_3 FROM ticket_sla.messages WHERE ticket_id = 3;

--
-- Who may do what: agents append messages, nobody changes or deletes one,
-- the clocks the messages keep are nobody's to write, a confidential
-- ticket's messages are the cleared's
--
-- two messages recorded at once may commit in the other order: an answer
-- dated 09:39:30, within a minute before the customer's 09:40, counts at
-- 09:40 (ticket 3's reply cycle 1 then lasts no time at all)
CALL say(3, 'agent', '2026-03-02 09:39:30+01');
SELECT last_agent_message_at, awaiting_reply_since FROM ticket_sla.tickets WHERE ticket_id = 3;
SELECT cycle, started_at, ended_at, met FROM ticket_sla.target_cycles
WHERE ticket_id = 3 AND target = 'reply';
SET ROLE regress_cv_agent;
CALL say(3, 'agent', '2026-03-02 10:00+01');
UPDATE ticket_sla.messages SET body = 'edited' WHERE ticket_id = 3;
DELETE FROM ticket_sla.messages WHERE ticket_id = 3;
INSERT INTO ticket_sla.messages (ticket_id, author, recorded_by) VALUES (3, 'agent', 'somebody else');
UPDATE ticket_sla.tickets SET awaiting_reply_since = NULL WHERE ticket_id = 3;
UPDATE ticket_sla.tickets SET last_agent_message_at = now() WHERE ticket_id = 3;
INSERT INTO ticket_sla.target_cycles SELECT * FROM ticket_sla.target_cycles;
RESET ROLE;
SELECT author, recorded_by FROM ticket_sla.messages WHERE ticket_id = 3 ORDER BY message_id;
-- the trigger keeps what the conversation gives: not even the owner
-- writes it directly
UPDATE ticket_sla.tickets SET reply_due = now() WHERE ticket_id = 3;
UPDATE ticket_sla.tickets SET cycle = 5 WHERE ticket_id = 3;

-- a confidential ticket: the uncleared agent neither writes nor reads its
-- messages; the cleared one does
SELECT open(1, '2026-03-02 09:00+01', confidential => true);
CALL say(4, 'customer', '2026-03-02 09:10+01');
SET ROLE regress_cv_agent;
CALL say(4, 'agent', '2026-03-02 09:20+01');
SELECT count(*) FROM ticket_sla.messages WHERE ticket_id = 4;
SET ROLE regress_cv_cleared;
CALL say(4, 'agent', '2026-03-02 09:20+01');
SELECT count(*) FROM ticket_sla.messages WHERE ticket_id = 4;
SET ROLE regress_cv_reporting;
CALL say(3, 'agent', '2026-03-02 10:05+01');
SELECT count(*) FROM ticket_sla.messages WHERE ticket_id = 4;
RESET ROLE;

-- record_message runs on messages only
CREATE TEMP TABLE fake (LIKE ticket_sla.messages);
CREATE TRIGGER fake AFTER INSERT ON fake FOR EACH ROW EXECUTE FUNCTION ticket_sla.record_message();
INSERT INTO fake (message_id, ticket_id, author, public, qualified, sent_at, recorded_by)
VALUES (1, 3, 'customer', true, false, now(), 'x');

DROP ROLE regress_cv_agent, regress_cv_reporting, regress_cv_cleared;

--
-- Warnings and breaches of the reply and update targets, fired once by
-- process_escalations.  "Desk warned" warns at 75 %.  Ticket 5, high,
-- opened Monday 2026-03-02 09:00; answered at 10:00 (the response's
-- warning, at 10:30, never falls due); the update clock counts from 10:00,
-- cycle 2: due Tuesday 10:00, warning after 6 business hours, Monday 16:00.
-- The customer writes at 10:30: a reply is owed by 14:30, the warning after
-- 3 business hours, 13:30.
--
INSERT INTO ticket_sla.contracts (name, terms) VALUES ('Desk warned',
 'plan "Desk warned"; tier standard; hours (Mon-Fri 09:00-17:00; tz Europe/Berlin); warn at 75%;
  high: respond within 2 business hours, reply within 4 business hours,
        update every 8 business hours');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('Warned customer', 3);
SELECT open(3, '2026-03-02 09:00+01');
CALL say(5, 'agent', '2026-03-02 10:00+01');
CALL say(5, 'customer', '2026-03-02 10:30+01');
SELECT reply_due, update_due, next_event_at FROM ticket_sla.tickets WHERE ticket_id = 5;
-- as of 14:00 the reply's warning (13:30) fires; as of 15:00 its breach
-- (14:30); once more as of 15:00, nothing
SELECT ticket_sla.process_escalations('2026-03-02 14:00+01') AS fired_at_14,
	   ticket_sla.process_escalations('2026-03-02 15:00+01') AS fired_at_15,
	   ticket_sla.process_escalations('2026-03-02 15:00+01') AS again;
-- the late answer at 15:30 closes reply cycle 1; update cycle 3 counts from
-- 15:30: due Tuesday 15:30, warning Tuesday 13:30
CALL say(5, 'agent', '2026-03-02 15:30+01');
SELECT reply_due, update_cycle, update_due, next_event_at FROM ticket_sla.tickets WHERE ticket_id = 5;
-- as of Tuesday 14:00: ticket 5's update warning (cycle 3), and the
-- breaches due by then on the other tickets: ticket 2's reply owed since
-- its reopening (cycle 2, due Tuesday 14:00), ticket 3's update (cycle 3,
-- from Monday 10:00, due Tuesday 10:00), ticket 4's (cycle 2, from 09:20,
-- due Tuesday 09:20)
SELECT ticket_sla.process_escalations('2026-03-03 14:00+01') AS fired;
SELECT ticket_id, target, cycle, kind, due_at, notified FROM ticket_sla.target_events
ORDER BY due_at, ticket_id;

--
-- The views, read long after March 2026: every open clock is past due.
--
-- sla_status: ticket 1 owes the reply of the reopening (due 2026-03-12
-- 17:00) and the update due 2026-03-13 17:00, both breached
SELECT ticket_id, reply_due, reply_state, update_due, update_state, state
FROM ticket_sla.sla_status WHERE ticket_id = 1;
-- breaches of ticket 1: the resolution of cycle 2 (open), the reply of
-- cycle 1 (answered two business hours late, Friday 16:00 for 14:00), the
-- reply and update still owed
SELECT target, cycle, due, met_at, CASE WHEN met_at IS NOT NULL THEN late_business END AS late_business
FROM ticket_sla.breaches
WHERE ticket_id = 1 ORDER BY target, cycle;
-- compliance of the Desk customer in March 2026:
--   medium, ticket 1: met the response, the resolution of cycle 1, the
--     replies of cycles 2 and 3, the updates of cycles 1, 2, 3 and 5 (8);
--     missed the resolution of cycle 2, the reply of cycle 1 and the one
--     owed, the update owed (4): 66.7 %
--   high, tickets 3 and 4 (confidential): each met its response; 3 met its
--     reply and two updates (answered at 09:40, wrote again at 10:00), 4
--     its first update (09:20); each misses its resolution and its update
--     owed: 6 met, 4 missed, 60.0 %
SELECT period, severity, tickets, targets_met, targets_breached, compliance_pct,
	   replies_met, replies_breached, updates_met, updates_breached
FROM ticket_sla.compliance WHERE customer_id = 1 ORDER BY period, severity;
-- the quarterly report's summary: the same counts (ticket 1's resolutions:
-- cycle 1 met, cycle 2 missed)
SELECT severity, tickets, resolutions_met, resolutions_breached,
	   replies_met, replies_breached, updates_met, updates_breached
FROM ticket_sla.quarterly_report(1, '2026-Q1') WHERE section = 'summary';

DROP VIEW clocks, answered;
DROP FUNCTION open(integer, timestamptz, boolean);
DROP PROCEDURE say(bigint, ticket_sla.message_author, timestamptz, boolean, boolean);
