--
-- Warnings and breaches (0.6): next_event_at stamped by the trigger,
-- process_escalations firing each warning and breach once per target and
-- cycle, the warning at the instant sla_status first says 'at risk', a
-- weekend, a pause, a severity change after a warning fired, a reopening,
-- the bound per call, and what nobody but process_escalations may change.
-- Every instant below was worked out by hand (comments), not copied.
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
\i test/fixtures/io_helpers.sql

-- Office hours Mon-Fri 09:00-17:00 UTC, warning at 75 %
INSERT INTO ticket_sla.contracts (name, terms) VALUES ('Office',
 'plan "Office"; hours (Mon-Fri 09:00-17:00; tz UTC); warn at 75%;
  critical: respond within 2 business hours, resolve within 8 business hours;
  high: respond within 4 business hours, resolve within 16 business hours');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('Acme', 1);

CREATE FUNCTION open(sev ticket_sla.severity, at timestamptz)
RETURNS bigint LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
		business_impact, description, current_behaviour, expected_behaviour,
		channel, severity, opened_at)
	VALUES (1, 'VPN', 'VPN drops', at, 'Remote staff', 'Tunnel drops', 'Drops', 'Stays up',
		'web', sev, at)
	RETURNING ticket_id
$$;
-- the events log, as it grows
CREATE VIEW fired AS
SELECT ticket_id, kind, target, cycle, severity, due_at, notified
FROM ticket_sla.target_events ORDER BY ticket_id, target, cycle, due_at;
CREATE VIEW next AS
SELECT ticket_id, severity, status, cycle, events_fired, next_event_at
FROM ticket_sla.tickets ORDER BY ticket_id;

--
-- 1. A weekend in the middle.  2026-11-13 is a Friday.  High at 15:00:
-- response 4 business hours (Fri 15-17, Mon 09-11): due Mon 11:00, warned
-- at 3 hours, Mon 10:00; resolution 16 hours (Fri 2, Mon 8, Tue 6): due
-- Tue 15:00, warned at 12 hours, Tue 11:00.  Next: Mon 10:00.
--
SELECT open('high', '2026-11-13 15:00+00');
SELECT * FROM next;
-- the warning is the first instant sla_status calls the target at risk, to
-- the microsecond, on both clocks
SELECT at, r.state AS response, z.state AS resolution
FROM ticket_sla.tickets t
JOIN ticket_sla.contract_terms ct USING (terms_id),
	 unnest(ARRAY['2026-11-16 09:59:59.999999+00', '2026-11-16 10:00+00',
				  '2026-11-17 10:59:59.999999+00', '2026-11-17 11:00+00']::timestamptz[]) AS at,
	 ticket_sla.response_progress(t.clock_start, t.severity, ct.terms, at, false) r,
	 ticket_sla.resolution_progress(t.clock_start, t.severity, ct.terms, t.paused_business,
									t.paused_elapsed, at, false) z
WHERE ticket_id = 1 ORDER BY at;
-- Saturday: nothing due; Monday 10:00: the response warning
SELECT ticket_sla.process_escalations('2026-11-14 12:00+00');
SELECT ticket_sla.process_escalations('2026-11-16 10:00+00');
SELECT * FROM fired;
-- answered at 10:30, in time: the response breach is never due; next is
-- the resolution warning, Tue 11:00
UPDATE ticket_sla.tickets SET first_response_at = '2026-11-16 10:30+00' WHERE ticket_id = 1
RETURNING events_fired, next_event_at;

--
-- 2. A pause.  High on Mon 2026-11-16 09:00, answered 09:30: resolution
-- due Tue 17:00, warned at 12 hours, Tue 13:00.  Waiting on the customer
-- from Tue 12:00, before the warning: nothing fires while paused (next
-- NULL: no ladder).  Back on Wed 10:00 after 6 paused business hours (Tue
-- 12-17, Wed 09-10): due Wed 15:00, warned at 12 + 6 = 18 hours (Mon 8,
-- Tue 8, Wed 2), Wed 11:00.
--
SELECT open('high', '2026-11-16 09:00+00');
UPDATE ticket_sla.tickets SET first_response_at = '2026-11-16 09:30+00' WHERE ticket_id = 2;
SELECT resolution_due, next_event_at FROM ticket_sla.tickets WHERE ticket_id = 2;
UPDATE ticket_sla.tickets SET status = 'waiting on customer', changed_at = '2026-11-17 12:00+00'
WHERE ticket_id = 2 RETURNING next_event_at;
-- Tuesday 16:00: ticket 1's resolution warning (Tue 11:00) and breach
-- (Tue 15:00) fire; ticket 2, paused, fires nothing
SELECT ticket_sla.process_escalations('2026-11-17 16:00+00');
SELECT * FROM fired;
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2026-11-18 10:00+00'
WHERE ticket_id = 2 RETURNING paused_business, resolution_due, next_event_at;
SELECT at, z.state
FROM ticket_sla.tickets t
JOIN ticket_sla.contract_terms ct USING (terms_id),
	 unnest(ARRAY['2026-11-18 10:59:59.999999+00', '2026-11-18 11:00+00']::timestamptz[]) AS at,
	 ticket_sla.resolution_progress(t.clock_start, t.severity, ct.terms, t.paused_business,
									t.paused_elapsed, at, false) z
WHERE ticket_id = 2 ORDER BY at;
-- paused again at 12:00, after the warning (11:00) that no run fired yet:
-- a run at 16:00 fires the warning, whose instant lies before the pause,
-- and not the breach (15:00, after it)
UPDATE ticket_sla.tickets SET status = 'waiting on customer', changed_at = '2026-11-18 12:00+00'
WHERE ticket_id = 2 RETURNING next_event_at;
SELECT ticket_sla.process_escalations('2026-11-18 16:00+00');
SELECT * FROM fired WHERE ticket_id = 2;
SELECT * FROM next WHERE ticket_id = 2;

--
-- 3. A severity change that moves the due after a warning fired.  Critical
-- on Mon 2026-11-23 09:00: response due 11:00, warned at 1.5 hours, 10:30,
-- which fires.  High at 10:45: response due 13:00 (warning there 12:00),
-- resolution 16 hours, Tue 17:00, warned Tue 13:00.  The response warning
-- stays fired in its cycle; next is the response breach at 13:00.
--
SELECT open('critical', '2026-11-23 09:00+00');
SELECT ticket_sla.process_escalations('2026-11-23 10:30+00');
UPDATE ticket_sla.tickets SET severity = 'high', changed_at = '2026-11-23 10:45+00'
WHERE ticket_id = 3 RETURNING response_due, resolution_due, events_fired, next_event_at;
SELECT ticket_sla.process_escalations('2026-11-23 13:00+00');
SELECT * FROM fired WHERE ticket_id = 3;

--
-- 4. A reopening.  Critical on Mon 2026-11-30 09:00, answered 09:10:
-- resolution due 17:00, warned at 6 hours, 15:00, which fires.  Resolved
-- at 16:00, in time; reopened on Tue 10:00: the time resolved counts as
-- paused (Mon 16-17, Tue 09-10: 2 hours), so due Tue 11:00, warned at
-- 6 + 2 = 8 hours, Mon 17:00, already past: cycle 2 warns at the next run
-- and breaches at 11:00.
--
SELECT open('critical', '2026-11-30 09:00+00');
UPDATE ticket_sla.tickets SET first_response_at = '2026-11-30 09:10+00' WHERE ticket_id = 4;
SELECT ticket_sla.process_escalations('2026-11-30 15:00+00');
UPDATE ticket_sla.tickets SET resolved_at = '2026-11-30 16:00+00' WHERE ticket_id = 4
RETURNING status, cycle, events_fired, next_event_at;
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2026-12-01 10:00+00'
WHERE ticket_id = 4 RETURNING resolution_due, cycle, events_fired, next_event_at;
SELECT ticket_sla.process_escalations('2026-12-01 10:00+00');
SELECT ticket_sla.process_escalations('2026-12-01 11:00+00');
SELECT * FROM fired WHERE ticket_id = 4;
-- resolved late: the breach fired, nothing more is due
UPDATE ticket_sla.tickets SET resolved_at = '2026-12-01 12:00+00' WHERE ticket_id = 4
RETURNING resolution_met, next_event_at;

--
-- 5. A target missed and closed before any run: its breach still fires
-- (late), its warning not.  Critical on Fri 2026-11-27 09:00, answered
-- 11:30 (due 11:00) and resolved 12:00.
--
SELECT open('critical', '2026-11-27 09:00+00');
UPDATE ticket_sla.tickets SET first_response_at = '2026-11-27 11:30+00', resolved_at = '2026-11-27 12:00+00'
WHERE ticket_id = 5 RETURNING next_event_at;

--
-- 6. At most max_events per call, oldest due first.  Two critical tickets
-- of Fri 2026-12-04 09:00, unanswered: each warns of its response at 10:30,
-- breaches it at 11:00, warns of its resolution at 15:00 and breaches it at
-- 17:00.  With ticket 5's breach (Nov 27 11:00) nine events are due: four,
-- four and one per call of at most four, ticket 5's first, then by instant.
--
SELECT open('critical', '2026-12-04 09:00+00'), open('critical', '2026-12-04 09:00+00');
SELECT ticket_sla.process_escalations(now(), 4) AS first;
-- the four oldest: ticket 5's breach, both response warnings (10:30) and
-- ticket 6's response breach (11:00; ticket 7's, as old, waits)
SELECT ticket_id, kind, target, due_at FROM ticket_sla.target_events
WHERE ticket_id >= 5 ORDER BY due_at, ticket_id;
SELECT ticket_sla.process_escalations(now(), 4) AS second,
	   ticket_sla.process_escalations(now(), 4) AS third,
	   ticket_sla.process_escalations(now(), 4) AS none_left;
SELECT * FROM fired WHERE ticket_id >= 5;
SELECT * FROM next;
SELECT error_of($$SELECT ticket_sla.process_escalations(now(), 0)$$);
SELECT error_of($$SELECT ticket_sla.process_escalations(now(), NULL)$$);
-- process_escalations() and process_escalations(at) keep working
SELECT ticket_sla.process_escalations(), ticket_sla.process_escalations('2026-12-01 00:00+00');

--
-- 7. What only the trigger and process_escalations change
--
SELECT error_of($$UPDATE ticket_sla.tickets SET events_fired = 0 WHERE ticket_id = 1$$);
-- bits 1 to 128: the warning and breach of the four targets
SELECT error_of($$UPDATE ticket_sla.tickets SET events_fired = events_fired | 256 WHERE ticket_id = 2$$);
SELECT error_of($$UPDATE ticket_sla.tickets SET cycle = 2 WHERE ticket_id = 1$$);
SELECT error_of($$UPDATE ticket_sla.tickets SET next_event_at = now() WHERE ticket_id = 2$$);
SELECT error_of($$INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
	business_impact, description, current_behaviour, expected_behaviour, channel, severity, next_event_at)
	VALUES (1, 'a', 'b', now(), 'c', 'd', 'e', 'f', 'web', 'high', now())$$);
SET ROLE ticket_sla_agent;
SELECT error_of($$UPDATE ticket_sla.tickets SET events_fired = 15 WHERE ticket_id = 2$$);
SELECT error_of($$SELECT * FROM ticket_sla.due_events(NULL, now())$$);
RESET ROLE;
-- the next events are read from the index tickets_events alone
EXPLAIN (COSTS OFF)
SELECT ticket_id FROM ticket_sla.tickets WHERE next_event_at <= now() ORDER BY next_event_at LIMIT 10;

DROP VIEW fired, next;
DROP FUNCTION open(ticket_sla.severity, timestamptz);
DROP FUNCTION error_of(text);
DROP FUNCTION try_query(text);
DROP FUNCTION recv_as(regtype, bytea);
