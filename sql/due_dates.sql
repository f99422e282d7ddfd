--
-- Due dates set by hand (0.6): set_due and clear_due.  A due date set by
-- hand sticks through a severity change, a pause and its end, a change of
-- support level, a retarget and a reopening; clearing it re-stamps the
-- terms' deadline with the paused time; every set and clear is a row of
-- due_changes; every refusal has its SQLSTATE; only the admin (and whom a
-- DBA grants it) may call them, and a confidential ticket only when
-- cleared; the reports count such targets apart.
--
-- Every instant below was worked out by hand from the office hours
-- Mon-Fri 09:00-17:00 UTC (2026-03-02 and 2026-03-09 are Mondays); the
-- comment before each statement gives the reasoning.
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
\i test/fixtures/io_helpers.sql

INSERT INTO ticket_sla.contracts (name, terms) VALUES
('Office', 'plan "Office"; hours (Mon-Fri 09:00-17:00; tz UTC);
  critical: respond within 2 business hours, resolve within 8 business hours;
  high: respond within 4 business hours, resolve within 16 business hours'),
('Answer only', 'plan "Answer only"; critical: respond within 1 hour');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('Acme', 1), ('Zed', 2);
CREATE FUNCTION open(customer integer, sev ticket_sla.severity, at timestamptz,
					 confidential boolean DEFAULT false)
RETURNS bigint LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
		business_impact, description, current_behaviour, expected_behaviour,
		channel, severity, opened_at, confidential)
	VALUES (customer, 'VPN', 'VPN ' || sev, at, 'Staff cannot work remotely', 'Tunnel drops',
		'Drops hourly', 'Stays up', 'web', sev, at, confidential)
	RETURNING ticket_id
$$;
CREATE VIEW dues AS
SELECT ticket_id, severity, status, response_due, resolution_due, response_due_set,
	   resolution_due_set, paused_business
FROM ticket_sla.tickets ORDER BY ticket_id;
GRANT SELECT ON dues TO PUBLIC;

CREATE ROLE regress_due_admin IN ROLE ticket_sla_admin;
CREATE ROLE regress_due_cleared IN ROLE ticket_sla_admin, ticket_sla_cleared;
CREATE ROLE regress_due_agent IN ROLE ticket_sla_agent;
CREATE ROLE regress_due_reporting IN ROLE ticket_sla_reporting;
CREATE ROLE regress_due_lead IN ROLE ticket_sla_reporting;
CREATE ROLE regress_due_plain LOGIN;

--
-- Ticket 1, Acme, high, opened Monday 2026-03-02 09:00: response due in 4
-- business hours (13:00), resolution in 16 (Tuesday 17:00)
--
SELECT open(1, 'high', '2026-03-02 09:00+00');
SELECT * FROM dues;

-- the admin agrees Friday noon with the customer; in one transaction, so
-- that changed_at can be compared with its time
SET ROLE regress_due_admin;
BEGIN;
SELECT ticket_sla.set_due(1, 'resolution', '2026-03-06 12:00+00',
						  'Customer agreed: Friday noon, the parts arrive Thursday');
SELECT ticket_id, target, action, due_before, due_after, reason, changed_by,
	   session_user_name = session_user AS session_user_name, changed_at = now() AS at_transaction_time
FROM ticket_sla.due_changes;
COMMIT;
RESET ROLE;

-- critical at 10:00: the response is re-stamped (2 business hours from
-- 09:00: 11:00), the resolution stays Friday 12:00 (the terms would say
-- Monday 17:00)
SET ROLE regress_due_agent;
UPDATE ticket_sla.tickets SET severity = 'critical', changed_at = '2026-03-02 10:00+00'
WHERE ticket_id = 1;
SELECT * FROM dues;
-- answered at 10:30, by 11:00: met
UPDATE ticket_sla.tickets SET first_response_at = '2026-03-02 10:30+00' WHERE ticket_id = 1
RETURNING response_met;
-- waiting on the customer from Monday 12:00 to Tuesday 10:00: 5 business
-- hours on Monday, 1 on Tuesday, 6 in all; the resolution due date set by
-- hand does not move (GLPI's manual TTR would, glpi#17186)
UPDATE ticket_sla.tickets SET status = 'waiting on customer', changed_at = '2026-03-02 12:00+00'
WHERE ticket_id = 1;
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2026-03-03 10:00+00'
WHERE ticket_id = 1;
SELECT * FROM dues;
-- to the second level at 11:00: a change of kind, it stays
UPDATE ticket_sla.tickets SET support_level = 2, changed_at = '2026-03-03 11:00+00'
WHERE ticket_id = 1;
SELECT * FROM dues;
RESET ROLE;

-- Office promises critical resolutions within 4 business hours instead of
-- 8; retarget moves ticket 1 to the new terms and re-stamps it: the
-- response stays 11:00 (same target), the resolution stays Friday 12:00
UPDATE ticket_sla.contracts SET terms =
 'plan "Office"; hours (Mon-Fri 09:00-17:00; tz UTC);
  critical: respond within 2 business hours, resolve within 4 business hours;
  high: respond within 4 business hours, resolve within 16 business hours'
WHERE name = 'Office';
SET ROLE regress_due_admin;
SELECT ticket_sla.retarget('Office');
SELECT ticket_id, terms_id, response_due, resolution_due FROM ticket_sla.tickets WHERE ticket_id = 1;

-- cleared: the new terms' 4 business hours plus the 6 paused from Monday
-- 09:00 are 10 business hours: Monday 09:00-17:00 (8) and Tuesday
-- 09:00-11:00 (2), so Tuesday 11:00
SELECT ticket_sla.clear_due(1, 'resolution', 'Parts came early: back to the contract');
SELECT * FROM dues;

--
-- Ticket 2, Acme, critical, opened Monday 2026-03-09 09:00 under the new
-- terms: response due 11:00, resolution (4 business hours) 13:00.  Both set
-- by hand, then resolved and reopened.
--
RESET ROLE;
SELECT open(1, 'critical', '2026-03-09 09:00+00');
SET ROLE regress_due_admin;
-- an earlier response than the terms', and a later resolution
SELECT ticket_sla.set_due(2, 'response', '2026-03-09 10:00+00', 'Promised a call back at 10:00'),
	   ticket_sla.set_due(2, 'resolution', '2026-03-11 12:00+00', 'The vendor''s fix comes Wednesday');
SELECT * FROM dues WHERE ticket_id = 2;
-- resolved on Tuesday 10:00 without a first response: the resolution
-- records it, a day after the 10:00 promised (missed), the resolution by
-- Wednesday 12:00 (met)
SET ROLE regress_due_agent;
UPDATE ticket_sla.tickets SET resolved_at = '2026-03-10 10:00+00' WHERE ticket_id = 2
RETURNING status, first_response_at, response_met, resolution_met;
SET ROLE regress_due_admin;
-- both targets are settled now
SELECT error_of($$SELECT ticket_sla.set_due(2, 'resolution', '2026-03-12 12:00+00', 'Later')$$);
SELECT error_of($$SELECT ticket_sla.clear_due(2, 'response', 'Back to the contract')$$);
-- reopened at 12:00: the 2 hours resolved count as paused, and the
-- resolution is still due Wednesday 12:00
SET ROLE regress_due_agent;
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2026-03-10 12:00+00'
WHERE ticket_id = 2;
SELECT * FROM dues WHERE ticket_id = 2;
RESET ROLE;

--
-- Ticket 3, Zed, on a plan without a resolution target: a due date set by
-- hand gives it one, clearing it none again (clear_due returns NULL)
--
SELECT open(2, 'critical', '2026-03-02 09:00+00');
SET ROLE regress_due_admin;
SELECT ticket_sla.set_due(3, 'resolution', '2026-03-04 09:00+00', 'Fix promised for Wednesday');
SELECT ticket_sla.clear_due(3, 'resolution', 'The plan sets no resolution target') IS NULL AS no_target;
SELECT * FROM dues WHERE ticket_id = 3;

--
-- Ticket 4, Zed, confidential: only the cleared admin sees it, sets its due
-- date and reads its row of due_changes; its response (1 hour round the
-- clock from 10:00) is due 11:00, then 12:00 by hand
--
RESET ROLE;
SELECT open(2, 'critical', '2026-03-02 10:00+00', true);
SET ROLE regress_due_admin;
SELECT error_of($$SELECT ticket_sla.set_due(4, 'response', '2026-03-02 12:00+00', 'Not cleared')$$);
SET ROLE regress_due_cleared;
SELECT ticket_sla.set_due(4, 'response', '2026-03-02 12:00+00', 'Cleared');
SELECT ticket_id, target, changed_by FROM ticket_sla.due_changes WHERE ticket_id = 4;
SET ROLE regress_due_admin;
SELECT count(*) AS seen_uncleared FROM ticket_sla.due_changes WHERE ticket_id = 4;

-- The ledger of manual changes, in order: ticket 1's resolution set
-- (Tuesday 17:00 -> Friday 12:00) and cleared (Friday 12:00 -> Tuesday
-- 11:00), ticket 2's two, ticket 3's set and clear (none before and after);
-- ticket 4's is hidden from the admin, who is not cleared
SELECT change_id, ticket_id, target, action, due_before, due_after, changed_by
FROM ticket_sla.due_changes ORDER BY change_id;

--
-- Refusals, each with its SQLSTATE, as the admin; nothing changes
--
RESET ROLE;
CREATE TEMP TABLE before AS
SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY ticket_id)) FROM ticket_sla.tickets t) AS tickets,
	   (SELECT count(*) FROM ticket_sla.due_changes) AS changes;
SET ROLE regress_due_admin;
SELECT s AS statement, error_of(s) FROM unnest(ARRAY[
	-- NULL: use clear_due
	$$SELECT ticket_sla.set_due(1, 'resolution', NULL, 'No date')$$,
	$$SELECT ticket_sla.set_due(NULL, 'resolution', '2026-03-10 12:00+00', 'Which?')$$,
	$$SELECT ticket_sla.set_due(1, NULL, '2026-03-10 12:00+00', 'Which?')$$,
	$$SELECT ticket_sla.set_due(1, 'resolution', '2026-03-10 12:00+00', NULL)$$,
	$$SELECT ticket_sla.set_due(1, 'resolution', '2026-03-10 12:00+00', '   ')$$,
	$$SELECT ticket_sla.clear_due(1, 'resolution', '')$$,
	-- no such target; the reply and update targets fall due from the conversation
	$$SELECT ticket_sla.set_due(1, 'answer', '2026-03-10 12:00+00', 'No such target')$$,
	$$SELECT ticket_sla.set_due(1, 'reply', '2026-03-10 12:00+00', 'Not by hand')$$,
	$$SELECT ticket_sla.clear_due(1, 'update', 'Not by hand')$$,
	$$SELECT ticket_sla.set_due(999, 'resolution', '2026-03-10 12:00+00', 'Unknown')$$,
	-- ticket 1 opened 2026-03-02 09:00
	$$SELECT ticket_sla.set_due(1, 'resolution', '2026-03-02 08:59+00', 'Before the opening')$$,
	-- ticket 1 was answered at 10:30
	$$SELECT ticket_sla.set_due(1, 'response', '2026-03-02 12:00+00', 'Retroactively')$$,
	-- ticket 1's resolution was cleared
	$$SELECT ticket_sla.clear_due(1, 'resolution', 'Again')$$,
	-- the columns: no privilege, and the function that writes them is nobody's
	$$UPDATE ticket_sla.tickets SET resolution_due_set = '2026-03-20 12:00+00' WHERE ticket_id = 1$$,
	$$SELECT ticket_sla.record_due_change('set', 1, 'resolution', '2026-03-20 12:00+00', 'Forged', 'somebody', 'somebody')$$,
	$$INSERT INTO ticket_sla.due_changes (ticket_id, target, action, reason, changed_by, session_user_name, changed_at)
	  VALUES (1, 'resolution', 'set', 'Forged', 'somebody', 'somebody', now())$$,
	$$DELETE FROM ticket_sla.due_changes$$,
	$$UPDATE ticket_sla.due_changes SET reason = 'Rewritten'$$
]) AS s;
RESET ROLE;
-- the superuser, who owns the tables, is refused by the trigger: the
-- columns are written only during set_due and clear_due
SELECT s AS statement, error_of(s) FROM unnest(ARRAY[
	$$UPDATE ticket_sla.tickets SET resolution_due_set = '2026-03-20 12:00+00' WHERE ticket_id = 1$$,
	$$UPDATE ticket_sla.tickets SET response_due_set = NULL WHERE ticket_id = 2$$,
	$$SELECT ticket_sla.record_due_change('set', 1, 'resolution', '2026-03-20 12:00+00', 'Forged', 'somebody', 'somebody')$$,
	$$INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
		description, current_behaviour, expected_behaviour, channel, severity, opened_at, response_due_set)
	  VALUES (1, 'VPN', 'Planted', '2026-03-02 09:00+00', 'x', 'x', 'x', 'x', 'web', 'high',
		'2026-03-02 09:00+00', '2026-03-20 12:00+00')$$
]) AS s;
SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY ticket_id)) FROM ticket_sla.tickets t) = tickets
	   AS tickets_unchanged,
	   (SELECT count(*) FROM ticket_sla.due_changes) = changes AS no_change_recorded
FROM before;

--
-- Roles: only the admin, and a role a DBA grants EXECUTE
--
SELECT r AS role, error_of(format('SET LOCAL ROLE %I; SELECT ticket_sla.set_due(3, %L, %L, %L)',
	r, 'response', '2026-03-02 09:30+00', 'Tried')) AS set_due,
	error_of(format('SET LOCAL ROLE %I; SELECT ticket_sla.clear_due(2, %L, %L)',
	r, 'resolution', 'Tried')) AS clear_due
FROM unnest(ARRAY['regress_due_agent', 'regress_due_reporting', 'regress_due_plain',
				  'regress_due_lead']) AS r;
-- a team lead of the reporting role, granted the two functions by a DBA:
-- ticket 3's response 30 minutes after its opening, before the terms' hour
GRANT EXECUTE ON FUNCTION ticket_sla.set_due(bigint, ticket_sla.sla_clock, timestamptz, text),
	ticket_sla.clear_due(bigint, ticket_sla.sla_clock, text) TO regress_due_lead;
SET ROLE regress_due_lead;
SELECT ticket_sla.set_due(3, 'response', '2026-03-02 09:30+00', 'Escalated by the account manager');
SELECT ticket_id, target, action, due_before, due_after, changed_by FROM ticket_sla.due_changes
WHERE changed_by = 'regress_due_lead';
RESET ROLE;
REVOKE EXECUTE ON FUNCTION ticket_sla.set_due(bigint, ticket_sla.sla_clock, timestamptz, text),
	ticket_sla.clear_due(bigint, ticket_sla.sla_clock, text) FROM regress_due_lead;

-- a caller's own search_path leads nowhere else: a table "tickets" of its
-- own holding ticket 999 does not make it a ticket of the store
CREATE SCHEMA regress_hostile;
CREATE TABLE regress_hostile.tickets (ticket_id bigint, confidential boolean);
INSERT INTO regress_hostile.tickets VALUES (999, false), (4, false);
GRANT USAGE ON SCHEMA regress_hostile TO PUBLIC;
GRANT SELECT ON regress_hostile.tickets TO PUBLIC;
SET ROLE regress_due_admin;
SET search_path = regress_hostile, public;
SELECT error_of($$SELECT ticket_sla.set_due(999, 'resolution', '2026-03-10 12:00+00', 'Hostile')$$);
RESET search_path;
RESET ROLE;


--
-- The views.  Open tickets 1 to 4 in sla_status: 1 none by hand (cleared),
-- 2 both, 3 the response (the lead's), 4 the response
--
SELECT ticket_id, response_due_manual, resolution_due_manual
FROM ticket_sla.sla_status ORDER BY ticket_id;
-- breaches (as of now, long after March 2026): ticket 1's resolution
-- (Tuesday 11:00, open); ticket 2's response (10:00, answered Tuesday
-- 10:00) and resolution (Wednesday 12:00, open), both set by hand; ticket
-- 3's response (09:30, by hand, open); ticket 4's response (12:00 by hand, open)
SELECT ticket_id, target, due, met_at, due_manual FROM ticket_sla.breaches
ORDER BY ticket_id, target;
-- Acme in March 2026, critical: ticket 1's response met and resolution
-- missed count as before; ticket 2's targets set by hand count apart: its
-- response, and its resolution in each of its two cycles (resolved and
-- reopened with the date set by hand: 0.6 counts every resolution cycle):
-- 1 met, 1 breached, 50 %, 3 manual
SELECT period, organisation, severity, tickets, targets_met, targets_breached, compliance_pct,
	   targets_manual
FROM ticket_sla.compliance WHERE customer_id = 1 ORDER BY period;
-- Zed: ticket 3's response by hand and no resolution target; ticket 4's
-- response by hand (the superuser reads it): no target met or breached, 2 manual
SELECT period, tickets, targets_met, targets_breached, compliance_pct, targets_manual
FROM ticket_sla.compliance WHERE customer_id = 2 ORDER BY period;
SELECT section, severity, case_number, tickets, responses_met, responses_breached,
	   resolutions_met, resolutions_breached, responses_manual, resolutions_manual
FROM ticket_sla.quarterly_report(1, '2026-Q1');

-- deleting a ticket deletes its due changes with it (as its ledger)
DELETE FROM ticket_sla.tickets WHERE ticket_id = 3;
SELECT count(*) FROM ticket_sla.due_changes WHERE ticket_id = 3;

DROP SCHEMA regress_hostile CASCADE;
DROP ROLE regress_due_admin, regress_due_cleared, regress_due_agent, regress_due_reporting,
	regress_due_lead, regress_due_plain;
DROP VIEW dues;
DROP FUNCTION open(integer, ticket_sla.severity, timestamptz, boolean);
DROP FUNCTION error_of(text);
DROP FUNCTION try_query(text);
DROP FUNCTION recv_as(regtype, bytea);
