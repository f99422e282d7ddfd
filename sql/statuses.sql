--
-- Statuses as data: an admin adds Perseus's emergency flow (analysis ->
-- action -> final report), "on hold", "waiting on third party" and
-- "released" as rows of ticket_sla.statuses, each with what it does to the
-- resolution clock; a ticket walks through them, and its deadlines, paused
-- time and ledger follow the rows.  Then what is refused: an unknown status,
-- deleting, renaming or changing the clock effect of a status in use,
-- changing a built-in one, bad rows, and roles other than the admin
-- writing statuses.  Every figure was worked out by hand (below each step).
--
-- "final report" stops the clock: Perseus's policy (the FAQ of seed policy
-- 000) counts an incident as solved when it is contained in the action
-- phase ("not solved after 4 hours of support" calls in the
-- forensic provider); the final report then sums up what happened.  Were it
-- running, writing the report would count against the resolution target and
-- keep the forensic escalation pending.
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'Europe/Berlin';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
\i test/fixtures/io_helpers.sql

CREATE ROLE regress_st_admin IN ROLE ticket_sla_admin;
CREATE ROLE regress_st_agent IN ROLE ticket_sla_agent;
CREATE ROLE regress_st_reporting IN ROLE ticket_sla_reporting;

-- the built-in five
SELECT status, clock FROM ticket_sla.statuses ORDER BY clock, status;

SET ROLE regress_st_admin;
INSERT INTO ticket_sla.statuses (status, clock, description) VALUES
	('analysis', 'running', 'Emergency, phase 1: the facts collected by phone or web form'),
	('action', 'running', 'Emergency, phase 2: the attack contained'),
	('final report', 'stopped', 'Emergency, phase 3: contained; the findings written up'),
	('on hold', 'paused', 'Held at the customer''s request'),
	('waiting on third party', 'paused', 'Waiting for a vendor or provider'),
	('released', 'stopped', 'A signature change request released');
RESET ROLE;

-- 2026-03-02 is a Monday; Berlin's office is open 09:00-18:00 (CET, +01)
INSERT INTO ticket_sla.contracts (name, terms) VALUES ('Perseus Premium',
 'plan "Perseus Premium"; tier premium; hours (Mon-Fri 09:00-18:00; tz Europe/Berlin);
  critical: respond within 1 business hour, resolve within 8 business hours,
            escalate after 4 hours to "external forensic provider"');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('Kanzlei Weber', 1);
CREATE FUNCTION open(status text, at timestamptz) RETURNS ticket_sla.tickets LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
		business_impact, description, current_behaviour, expected_behaviour,
		channel, severity, status, opened_at)
	VALUES (1, 'Network', 'Ransomware', at, 'Files encrypted', 'A ransom note on every share',
		'Files unreadable', 'Files readable', 'phone', 'critical', status, at)
	RETURNING *
$$;
CREATE VIEW clock AS
SELECT ticket_id, status, changed_at, resolved_at, paused_since, paused_business, paused_elapsed,
	   resolution_due, resolution_met, next_escalation_at
FROM ticket_sla.tickets ORDER BY ticket_id;

--
-- Ticket 1, opened Monday 09:00 in analysis: response due 10:00, resolution
-- (8 business hours) Monday 17:00, the forensic provider at 13:00 (4 hours
-- on the wall clock)
--
SELECT ticket_id, status, response_due, resolution_due, next_escalation_at
FROM open('analysis', '2026-03-02 09:00+01');
-- 09:30 answered, into action: the clock runs on
UPDATE ticket_sla.tickets SET first_response_at = '2026-03-02 09:30+01', status = 'action',
	changed_at = '2026-03-02 09:30+01' WHERE ticket_id = 1;
-- 11:00 waiting on third party: paused since 11:00
UPDATE ticket_sla.tickets SET status = 'waiting on third party', changed_at = '2026-03-02 11:00+01'
WHERE ticket_id = 1;
SELECT * FROM clock;
-- 13:00 back in action: paused 2 business hours (2 on the wall clock), so
-- resolution moves from Monday 17:00 by 2 hours: 1 to 18:00, 1 on Tuesday:
-- Tuesday 10:00
UPDATE ticket_sla.tickets SET status = 'action', changed_at = '2026-03-02 13:00+01' WHERE ticket_id = 1;
SELECT * FROM clock;
-- 14:00 on hold until Tuesday 09:30: Monday 14:00-18:00 and Tuesday
-- 09:00-09:30 are 4:30 business hours (19:30 on the wall clock); paused
-- 6:30 in all (21:30): 14:30 business hours from Monday 09:00 are 9 on
-- Monday and 5:30 on Tuesday: due Tuesday 14:30
UPDATE ticket_sla.tickets SET status = 'on hold', changed_at = '2026-03-02 14:00+01' WHERE ticket_id = 1;
UPDATE ticket_sla.tickets SET status = 'action', changed_at = '2026-03-03 09:30+01' WHERE ticket_id = 1;
SELECT * FROM clock;
-- Tuesday 11:00 contained, the final report begins: the clock stops, the
-- ticket is resolved at 11:00, in time (due 14:30), and the ladder stops
UPDATE ticket_sla.tickets SET status = 'final report', changed_at = '2026-03-03 11:00+01' WHERE ticket_id = 1;
SELECT * FROM clock;
-- 15:00 the report delivered, closed: still resolved at 11:00
UPDATE ticket_sla.tickets SET status = 'closed', changed_at = '2026-03-03 15:00+01' WHERE ticket_id = 1;
SELECT * FROM clock;
-- The ledger: the response clock ran 09:00-09:30; the resolution clock ran
-- 0:30 in analysis, 1:30 in action, was paused 2:00 by "waiting on third
-- party", ran 1:00, was paused 4:30 (19:30 on the wall clock) by "on hold",
-- ran 1:30, and was stopped by "final report" from 11:00 to 15:00 (4:00).
-- Running: 0:30 + 1:30 + 1:00 + 1:30 = 4:30 of the 8 hours.
SELECT clock, from_at, to_at, state, reason, business_time, elapsed
FROM ticket_sla.clock_ledger WHERE ticket_id = 1 ORDER BY clock, from_at;

--
-- Ticket 2, opened Tuesday 09:00 (new): resolution due Tuesday 17:00.  A
-- resolution given without a stopping status moves it to the built-in
-- "resolved"; reopening into analysis clears it and counts the 1 hour
-- resolved as paused (due 18:00); "released" stops the clock again.
--
SELECT ticket_id, status, resolution_due FROM open('new', '2026-03-03 09:00+01');
UPDATE ticket_sla.tickets SET resolved_at = '2026-03-03 10:00+01' WHERE ticket_id = 2;
SELECT * FROM clock WHERE ticket_id = 2;
UPDATE ticket_sla.tickets SET status = 'analysis', changed_at = '2026-03-03 11:00+01' WHERE ticket_id = 2;
SELECT * FROM clock WHERE ticket_id = 2;
UPDATE ticket_sla.tickets SET status = 'released', changed_at = '2026-03-03 12:00+01' WHERE ticket_id = 2;
SELECT * FROM clock WHERE ticket_id = 2;
SELECT clock, from_at, to_at, state, reason, business_time
FROM ticket_sla.clock_ledger WHERE ticket_id = 2 AND clock = 'resolution' ORDER BY from_at;
-- a ticket opened on hold has its clock paused from the start (Wednesday
-- 09:00): nothing counts yet
SELECT ticket_id, status, paused_since, resolution_due FROM open('on hold', '2026-03-04 09:00+01');

--
-- Refused
--
-- an unknown status, opening or changing a ticket (23503, the known ones in
-- the hint): the trigger refuses it before the foreign key would
SELECT error_of($$SELECT open('escalated', '2026-03-04 10:00+01')$$);
SELECT error_of($$UPDATE ticket_sla.tickets SET status = 'In Progress' WHERE ticket_id = 3$$);
-- ticket 2 is "released", ticket 3 "on hold": deleting, renaming or
-- changing the clock effect of either is refused (55000, without a count)
SELECT error_of($$DELETE FROM ticket_sla.statuses WHERE status = 'released'$$);
SELECT error_of($$UPDATE ticket_sla.statuses SET clock = 'running' WHERE status = 'released'$$);
SELECT error_of($$UPDATE ticket_sla.statuses SET status = 'shipped' WHERE status = 'released'$$);
SELECT error_of($$UPDATE ticket_sla.statuses SET clock = 'stopped' WHERE status = 'on hold'$$);
-- "waiting on third party" is in ticket 1's ledger, no ticket is in it: its
-- effect may change, it cannot be deleted (the ledger's foreign key)
SELECT error_of($$UPDATE ticket_sla.statuses SET clock = 'running' WHERE status = 'waiting on third party'$$);
SELECT error_of($$UPDATE ticket_sla.statuses SET clock = 'paused' WHERE status = 'waiting on third party'$$);
SELECT error_of($$DELETE FROM ticket_sla.statuses WHERE status = 'waiting on third party'$$);
-- a status nobody used changes and goes; a description changes freely
SELECT error_of($$INSERT INTO ticket_sla.statuses VALUES ('triage', 'running')$$);
SELECT error_of($$UPDATE ticket_sla.statuses SET clock = 'paused', status = 'triaged' WHERE status = 'triage'$$);
SELECT error_of($$DELETE FROM ticket_sla.statuses WHERE status = 'triaged'$$);
SELECT error_of($$UPDATE ticket_sla.statuses SET description = 'Contained' WHERE status = 'action'$$);
-- the built-in five never change, used or not
SELECT error_of($$UPDATE ticket_sla.statuses SET description = 'Done' WHERE status = 'closed'$$);
SELECT error_of($$DELETE FROM ticket_sla.statuses WHERE status = 'waiting on customer'$$);
-- bad rows
SELECT error_of($$INSERT INTO ticket_sla.statuses VALUES (' ', 'running')$$);
SELECT error_of($$INSERT INTO ticket_sla.statuses VALUES ('parked ', 'paused')$$);
SELECT error_of($$INSERT INTO ticket_sla.statuses VALUES ('parked', 'frozen')$$);
SELECT error_of($$INSERT INTO ticket_sla.statuses VALUES ('parked', NULL)$$);
-- only the admin writes statuses; everybody who reads tickets reads them
SET ROLE regress_st_agent;
SELECT count(*) AS statuses FROM ticket_sla.statuses;
SELECT error_of($$INSERT INTO ticket_sla.statuses VALUES ('parked', 'paused')$$);
SELECT error_of($$UPDATE ticket_sla.statuses SET description = NULL WHERE status = 'action'$$);
SELECT error_of($$DELETE FROM ticket_sla.statuses WHERE status = 'released'$$);
SET ROLE regress_st_reporting;
SELECT count(*) AS statuses FROM ticket_sla.statuses;
SELECT error_of($$INSERT INTO ticket_sla.statuses VALUES ('parked', 'paused')$$);
RESET ROLE;
-- nothing refused above changed a status (action's description changed)
SELECT status, clock, description FROM ticket_sla.statuses ORDER BY status;

DROP ROLE regress_st_admin, regress_st_agent, regress_st_reporting;
DROP FUNCTION error_of(text), try_query(text), recv_as(regtype, bytea);
