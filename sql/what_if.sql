--
-- what_if and what_if_summary (0.6, issue 20): proposed terms replayed
-- over hand-worked histories, every deadline worked out below; the
-- arguments refused, the clauses not replayed, who may call them.
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';

-- Office hours Mon-Fri 09:00-17:00, in each customer's own time zone
-- (local hours).  2026-11-13 is a Friday, 2026-11-16 a Monday.
INSERT INTO ticket_sla.contracts (name, terms) VALUES ('Desk',
 'plan "Desk"; hours (Mon-Fri 09:00-17:00; tz UTC); local hours;
  critical: respond within 1 hour, resolve within 8 business hours, update every 4 business hours;
  high: respond within 2 business hours, resolve within 16 business hours,
        reply within 4 business hours, update every 8 business hours;
  medium: respond within 8 business hours, resolve within 3 business days;
  low: respond within 16 business hours');
INSERT INTO ticket_sla.customers (organisation, contract_id, time_zone) VALUES
('Acme', 1, NULL), ('Tokyo Co', 1, 'Asia/Tokyo');
-- The proposal: critical answered in 30 minutes but resolved in 10
-- business hours, high faster (1, 6 hours) but replied to in 6 and
-- updated every 6 business hours, medium answered within the hour
CREATE FUNCTION proposal() RETURNS ticket_sla.contract LANGUAGE sql AS $$
SELECT 'plan "Desk"; hours (Mon-Fri 09:00-17:00; tz UTC); local hours;
  critical: respond within 30 minutes, resolve within 10 business hours, update every 4 business hours;
  high: respond within 1 business hour, resolve within 6 business hours,
        reply within 6 business hours, update every 6 business hours;
  medium: respond within 1 business hour, resolve within 1 business day;
  low: respond within 16 business hours'::ticket_sla.contract
$$;
GRANT EXECUTE ON FUNCTION proposal() TO PUBLIC;
-- the proposal with one more clause
CREATE FUNCTION proposal_with(clause text) RETURNS ticket_sla.contract LANGUAGE sql AS $$
SELECT replace(proposal()::text, 'local hours;', 'local hours; ' || clause || ';')::ticket_sla.contract
$$;

-- Ticket 1 (Acme, high, Monday 09:00): answered at 10:00, waiting on the
-- customer 11:00 to Tuesday 10:00 (7 business hours paused: Monday
-- 11:00-17:00, Tuesday 09:00-10:00), critical from Tuesday 12:00,
-- resolved Tuesday 17:00
INSERT INTO ticket_sla.tickets (customer_id, summary, channel, severity, opened_at)
VALUES (1, 'VPN drops', 'web', 'high', '2026-11-16 09:00+00');
UPDATE ticket_sla.tickets SET first_response_at = '2026-11-16 10:00+00' WHERE ticket_id = 1;
UPDATE ticket_sla.tickets SET status = 'waiting on customer', changed_at = '2026-11-16 11:00+00' WHERE ticket_id = 1;
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2026-11-17 10:00+00' WHERE ticket_id = 1;
UPDATE ticket_sla.tickets SET severity = 'critical', changed_at = '2026-11-17 12:00+00' WHERE ticket_id = 1;
UPDATE ticket_sla.tickets SET resolved_at = '2026-11-17 17:00+00' WHERE ticket_id = 1;

-- Ticket 2 (Acme, high, Friday 15:00, over the weekend): an agent answers
-- on Friday at 16:00; the customer asks on Monday at 10:00 and is answered
-- at 15:00; resolved Monday 16:00, reopened Tuesday 10:00 (2 business hours
-- resolved: Monday 16:00-17:00, Tuesday 09:00-10:00), resolved again
-- Tuesday 13:00
INSERT INTO ticket_sla.tickets (customer_id, summary, channel, severity, opened_at)
VALUES (1, 'Mail slow', 'web', 'high', '2026-11-13 15:00+00');
INSERT INTO ticket_sla.messages (ticket_id, author, sent_at, body) VALUES
(2, 'agent', '2026-11-13 16:00+00', 'Looking into it.'),
(2, 'customer', '2026-11-16 10:00+00', 'Still slow.'),
(2, 'agent', '2026-11-16 15:00+00', 'Relay fixed.');
UPDATE ticket_sla.tickets SET status = 'resolved', changed_at = '2026-11-16 16:00+00' WHERE ticket_id = 2;
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2026-11-17 10:00+00' WHERE ticket_id = 2;
UPDATE ticket_sla.tickets SET status = 'resolved', changed_at = '2026-11-17 13:00+00' WHERE ticket_id = 2;

-- Ticket 3 (Acme, medium, by phone, Wednesday 09:00): answered at 10:00,
-- a question at 11:00 answered at 12:00 (medium has no reply target), its
-- resolution due by hand on Friday 12:00, resolved Thursday 12:00
INSERT INTO ticket_sla.tickets (customer_id, summary, channel, severity, opened_at)
VALUES (1, 'Printer', 'phone', 'medium', '2026-11-18 09:00+00');
INSERT INTO ticket_sla.messages (ticket_id, author, sent_at, body) VALUES
(3, 'agent', '2026-11-18 10:00+00', 'Which model?'),
(3, 'customer', '2026-11-18 11:00+00', 'The one on floor 2.'),
(3, 'agent', '2026-11-18 12:00+00', 'A technician comes.');
SELECT ticket_sla.set_due(3, 'resolution', '2026-11-20 12:00+00', 'Technician on Friday');
UPDATE ticket_sla.tickets SET resolved_at = '2026-11-19 12:00+00' WHERE ticket_id = 3;

-- Ticket 4 (Acme, low, confidential, by web on Thursday 08:00, before the
-- opening): never answered
INSERT INTO ticket_sla.tickets (customer_id, summary, channel, severity, opened_at, confidential)
VALUES (1, 'Audit finding', 'web', 'low', '2026-11-19 08:00+00', true);

-- Ticket 5 (Tokyo Co, critical, Monday 00:00 UTC = 09:00 in Tokyo, whose
-- hours are 00:00-08:00 UTC): answered at 00:45, resolved at 07:00
INSERT INTO ticket_sla.tickets (customer_id, summary, channel, severity, opened_at)
VALUES (2, 'Site down', 'email', 'critical', '2026-11-16 00:00+00');
UPDATE ticket_sla.tickets SET first_response_at = '2026-11-16 00:45+00' WHERE ticket_id = 5;
UPDATE ticket_sla.tickets SET resolved_at = '2026-11-16 07:00+00' WHERE ticket_id = 5;

-- Every cycle of every target, recorded and proposed:
-- Ticket 1, critical at the end:
--   response: now 1 hour from 09:00 = Mon 10:00, answered 10:00: met;
--     proposed 30 minutes = Mon 09:30: breached
--   resolution: now 8 business hours = Mon 17:00, + 7 paused = Tue 16:00,
--     resolved 17:00: breached; proposed 10 = Tue 11:00, + 7 = Wed 10:00: met
--   update 1 (from 09:00, high, ended by the pause at 11:00): now 8 = Mon
--     17:00, proposed 6 = Mon 15:00: not due either way
--   update 2 (from the resumption Tue 10:00, critical from 12:00, ended by
--     the resolution at 17:00): 4 business hours both = Tue 14:00: breached
-- Ticket 2, high:
--   response: now 2 = Fri 17:00, answered 16:00: met; proposed 1 = Fri
--     16:00: met (on the minute)
--   resolution 1 (resolved Mon 16:00): now 16 = Fri 2 + Mon 8 + Tue 6 =
--     Tue 15:00: met; proposed 6 = Fri 2 + Mon 4 = Mon 13:00: breached
--   resolution 2 (resolved Tue 13:00): now Tue 15:00 + 2 resolved = Tue
--     17:00: met; proposed Mon 13:00 + 2 = Mon 15:00: breached
--   reply 1 (Mon 10:00, answered 15:00): now 4 = 14:00: breached;
--     proposed 6 = 16:00: met
--   reply 2 (owed at the reopening Tue 10:00, ended by the resolution at
--     13:00): now Tue 14:00, proposed Tue 16:00: met
--   update 1 (Fri 15:00 to the answer at 16:00): now 8 = Mon 15:00,
--     proposed 6 = Mon 13:00: met
--   update 2 (Fri 16:00 to the answer Mon 15:00): now Fri 1 + Mon 7 = Mon
--     16:00: met; proposed Fri 1 + Mon 5 = Mon 14:00: breached
--   update 3 (Mon 15:00, ended by the resolution at 16:00): now Mon 2 +
--     Tue 6 = Tue 15:00, proposed Tue 13:00: not due
--   update 4 (from the reopening Tue 10:00, ended by the resolution at
--     13:00): now Tue 7 + Wed 1 = Wed 10:00, proposed Tue 16:00: not due
-- Ticket 3, medium:
--   response: now 8 = Wed 17:00, proposed 1 = Wed 10:00: met both
--   resolution: set by hand to Fri 12:00: manual both
--   reply 1: no target either way
-- Ticket 4, low: response 16 business hours from 08:00 = Thu 8 + Fri 8 =
--   Fri 17:00 both, never answered: breached; resolution: no target
-- Ticket 5, critical, in Tokyo's hours (09:00-17:00 JST = 00:00-08:00 UTC):
--   response: now 1 hour = 01:00: met; proposed 00:30: breached
--   resolution: now 8 business hours = 17:00 JST = 08:00 UTC: met;
--     proposed 10 = Tue 11:00 JST = Tue 02:00 UTC (localized: under the
--     plan's UTC hours it would be Tue 11:00 UTC): met
--   update 1 (from 09:00 JST, ended by the resolution at 07:00 UTC): 4
--     business hours both = 13:00 JST = 04:00 UTC: breached
SELECT * FROM ticket_sla.what_if('[2026-11-01 00:00+00, 2026-12-01 00:00+00)', proposal(),
								 contract_id => 1);

-- Per severity (the ticket's): critical (tickets 1 and 5): targets 6 (the
-- update that was not due counts for none), met 3 (1's and 5's response,
-- 5's resolution) and breached 3 now: 50.0 %; met 2 (the resolutions),
-- breached 4 proposed: 33.3 %; gained 2 (the responses), lost 1 (1's
-- resolution).  high (ticket 2): targets 7, met 6 and breached 1 (reply 1)
-- now: 85.7 %; met 4, breached 3 (both resolutions, update 2) proposed:
-- 57.1 %; gained 3, lost 1.  medium: the response, met both ways: 100.0 %.
-- low: the response, breached both ways: 0.0 %.  All: 15 targets, 10 met
-- and 5 breached now (66.7 %), 7 and 8 proposed (46.7 %), 5 gained, 2 lost.
SELECT * FROM ticket_sla.what_if_summary('[2026-11-01 00:00+00, 2026-12-01 00:00+00)', proposal(),
										 contract_id => 1);

-- A customer: Acme's tickets only (1 to 4); the period bounds opened_at
-- (ticket 2, opened Friday 15:00, falls outside the week from Monday)
SELECT ticket_id, count(*) AS cycles
FROM ticket_sla.what_if('[2026-11-16 00:00+00, 2026-11-23 00:00+00)', proposal(), customer_id => 1)
GROUP BY ticket_id ORDER BY ticket_id;

-- The contract's own terms replayed give its record again, row for row
SELECT count(*) AS rows,
	   count(*) FILTER (WHERE (due_now, outcome_now) IS DISTINCT FROM (due_proposed, outcome_proposed))
		   AS differing
FROM ticket_sla.what_if('[2026-11-01 00:00+00, 2026-12-01 00:00+00)',
						(SELECT terms FROM ticket_sla.contracts WHERE name = 'Desk'), contract_id => 1);

-- (errors without their CONTEXT lines: which line of which function raised
-- them is no part of what is tested)
\set SHOW_CONTEXT never
-- Bad arguments: neither or both of contract and customer, unknown ids, a
-- period that is not a bounded range, no terms (22023); a malformed
-- period or terms (22P02)
SELECT * FROM ticket_sla.what_if('[2026-11-01, 2026-12-01)', proposal());
SELECT * FROM ticket_sla.what_if('[2026-11-01, 2026-12-01)', proposal(), contract_id => 1, customer_id => 1);
SELECT * FROM ticket_sla.what_if_summary('[2026-11-01, 2026-12-01)', proposal(), contract_id => 9);
SELECT * FROM ticket_sla.what_if_summary('[2026-11-01, 2026-12-01)', proposal(), customer_id => 9);
SELECT * FROM ticket_sla.what_if('[2026-11-01,)', proposal(), contract_id => 1);
SELECT * FROM ticket_sla.what_if('empty', proposal(), contract_id => 1);
SELECT * FROM ticket_sla.what_if(NULL, proposal(), contract_id => 1);
SELECT * FROM ticket_sla.what_if('[2026-11-01, 2026-12-01)', NULL, contract_id => 1);
SELECT * FROM ticket_sla.what_if('[2026-11-01, 2026-12-01', proposal(), contract_id => 1);
SELECT * FROM ticket_sla.what_if('[2026-11-01, 2026-12-01)', 'plan "Desk"; high: respond within 2 fortnights', contract_id => 1);

-- Clauses that would change the stretches themselves are refused (0A000)
-- naming the clause and the first case concerned:
-- which messages answer (the tickets' terms take every agent message;
-- the first case of the period is named, ticket 1)
SELECT * FROM ticket_sla.what_if('[2026-11-01, 2026-12-01)',
	proposal_with('response means qualified answer'), contract_id => 1);
-- the resolution given afresh at a reopening (ticket 2 was reopened) ...
SELECT * FROM ticket_sla.what_if('[2026-11-01, 2026-12-01)',
	proposal_with('on reopen restart'), contract_id => 1);
-- ... but not over a period without a reopened ticket
SELECT count(*) FROM ticket_sla.what_if('[2026-11-18, 2026-12-01)',
	proposal_with('on reopen restart'), contract_id => 1);
-- the clock start: ticket 4, opened by web before the opening, would wait
-- for it
SELECT * FROM ticket_sla.what_if('[2026-11-01, 2026-12-01)',
	proposal_with('phone only out of hours'), contract_id => 1);
-- an update target taken away (high had one: tickets 1 and 2)
SELECT * FROM ticket_sla.what_if('[2026-11-01, 2026-12-01)',
	replace(proposal()::text, ', update every 6 business hours', '')::ticket_sla.contract,
	contract_id => 1);

-- Read-only, STABLE, PARALLEL SAFE, of the caller's rights; for the
-- reporting role and the admin, not for agents nor PUBLIC
SELECT p.proname, p.provolatile, p.proparallel, p.prosecdef,
	   has_function_privilege('ticket_sla_reporting', p.oid, 'EXECUTE') AS reporting,
	   has_function_privilege('ticket_sla_admin', p.oid, 'EXECUTE') AS admin,
	   has_function_privilege('ticket_sla_agent', p.oid, 'EXECUTE') AS agent
FROM pg_proc p
WHERE p.pronamespace = 'ticket_sla'::regnamespace AND p.proname IN ('what_if', 'what_if_summary')
ORDER BY p.proname;
BEGIN TRANSACTION READ ONLY;
SELECT count(*) FROM ticket_sla.what_if_summary('[2026-11-01, 2026-12-01)', proposal(), contract_id => 1);
COMMIT;

CREATE ROLE regress_whatif_agent IN ROLE ticket_sla_agent;
CREATE ROLE regress_whatif_reader IN ROLE ticket_sla_reporting;
CREATE ROLE regress_whatif_cleared IN ROLE ticket_sla_reporting, ticket_sla_cleared;
SET ROLE regress_whatif_agent;
SELECT * FROM ticket_sla.what_if_summary('[2026-11-01, 2026-12-01)', proposal(), contract_id => 1);
-- an uncleared reader replays tickets 1, 2, 3 and 5 (not the confidential
-- 4: the low row is missing); a cleared one all five
SET ROLE regress_whatif_reader;
SELECT severity, tickets, targets_now, targets_proposed
FROM ticket_sla.what_if_summary('[2026-11-01, 2026-12-01)', proposal(), contract_id => 1);
SET ROLE regress_whatif_cleared;
SELECT severity, tickets, targets_now, targets_proposed
FROM ticket_sla.what_if_summary('[2026-11-01, 2026-12-01)', proposal(), contract_id => 1);
RESET ROLE;
DROP ROLE regress_whatif_agent, regress_whatif_reader, regress_whatif_cleared;
DROP FUNCTION proposal_with(text), proposal();
