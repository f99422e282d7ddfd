--
-- The doors 0.6 adds, tried by every role (issue 18): messages and their
-- trigger record_message, the cycles and events the trigger and
-- process_escalations keep, the due dates set by hand.  An agent, an agent
-- cleared for confidential tickets, a reporting role, an admin (not
-- cleared) and a plain login try to read or write what is not theirs, to
-- forge what the triggers derive, and to reach the SECURITY DEFINER and
-- trigger functions another way; then odd instants and event runs.
--
-- Two doors were open: a change of a ticket dated before the
-- conversation's last turn (or given no instant, in a transaction that
-- started before it) failed on a check of target_cycles (23514, the cycle
-- it ended having begun after it); and set_due took 'infinity' (a breach
-- that never fires).  Both are refused now (22023).
--
-- Every expected value was worked out by hand from the plan below (elapsed
-- time; 2026-03-02 is a Monday); the comments give the reasoning.
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';

INSERT INTO ticket_sla.contracts (name, terms) VALUES
('Desk', 'plan "Desk"; warn at 50%;
  critical: respond within 2 hours, resolve within 1 day, reply within 1 hour,
            update every 4 hours, escalate after 1 hour to "Lead"');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('Open Ltd', 1), ('Secret Ltd', 1);
CREATE FUNCTION atk_open(customer integer, confidential boolean, at timestamptz) RETURNS bigint
LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
		description, current_behaviour, expected_behaviour, channel, severity, opened_at, confidential)
	VALUES (customer, 'Portal', 'Down', at, 'All', 'Down', 'Error', 'Page', 'web', 'critical', at,
			confidential)
	RETURNING ticket_id $$;
-- 1 ordinary, 2 confidential, 3 ordinary opened an hour ago
SELECT atk_open(1, false, '2026-03-02 09:00+00'), atk_open(2, true, '2026-03-02 09:00+00'),
	   atk_open(1, false, now() - interval '1 hour');
CREATE ROLE regress_atk_agent IN ROLE ticket_sla_agent;
CREATE ROLE regress_atk_cleared IN ROLE ticket_sla_agent, ticket_sla_cleared;
CREATE ROLE regress_atk_reporting IN ROLE ticket_sla_reporting;
CREATE ROLE regress_atk_admin IN ROLE ticket_sla_admin;
CREATE ROLE regress_atk_plain LOGIN;

\i test/fixtures/attempt.sql
CREATE TEMP TABLE roles (r) AS VALUES ('regress_atk_agent'), ('regress_atk_cleared'),
	('regress_atk_reporting'), ('regress_atk_admin'), ('regress_atk_plain');

-- Shut: a message on the confidential ticket 2 only by the cleared (the
-- reporting role may not write, the plain login not even reach the schema)
BEGIN;
SELECT r, attempt(r, ARRAY['INSERT INTO ticket_sla.messages (ticket_id, author, sent_at)
	VALUES (2, ''customer'', ''2026-03-02 09:10+00'')']) FROM roles;
ROLLBACK;

-- Shut: recorded_by and the message's id are not the writer's to give; a
-- default on its own view, or a rule sending the row to ticket 2, gains
-- nothing (the view's owner needs the column; row-level security holds);
-- messages are never changed or deleted; record_message is nobody's to
-- attach
SELECT n, attempt('regress_atk_agent', s) FROM (VALUES
 (1, ARRAY['INSERT INTO ticket_sla.messages (ticket_id, author, recorded_by) VALUES (1, ''agent'', ''postgres'')']),
 (2, ARRAY['INSERT INTO ticket_sla.messages (message_id, ticket_id, author) OVERRIDING SYSTEM VALUE VALUES (9, 1, ''agent'')']),
 (3, ARRAY['CREATE TEMP VIEW mv2 AS SELECT ticket_id, author FROM ticket_sla.messages',
		   'CREATE RULE r AS ON INSERT TO mv2 DO INSTEAD INSERT INTO ticket_sla.messages (ticket_id, author, sent_at) VALUES (2, NEW.author, ''2026-03-02 09:01+00'')',
		   'INSERT INTO mv2 VALUES (1, ''system'')']),
 (4, ARRAY['INSERT INTO ticket_sla.messages (ticket_id, author, sent_at) VALUES (2, ''system'', ''2026-03-02 09:01+00'') ON CONFLICT DO NOTHING']),
 (5, ARRAY['UPDATE ticket_sla.messages SET sent_at = sent_at']),
 (6, ARRAY['DELETE FROM ticket_sla.messages']),
 (7, ARRAY['CREATE TEMP TABLE tm (LIKE ticket_sla.messages)',
		   'CREATE TRIGGER t AFTER INSERT ON tm FOR EACH ROW EXECUTE FUNCTION ticket_sla.record_message()'])
) a (n, s) ORDER BY n;

-- Shut since found open: a default on the agent's own view of messages
-- forged recorded_by (PostgreSQL checks INSERT only on the columns the
-- statement names, not on those a view's default fills in); the trigger
-- recorded_by refuses any name but the inserting role's (42501).
BEGIN;
SELECT attempt('regress_atk_agent', ARRAY['CREATE TEMP VIEW mv AS SELECT * FROM ticket_sla.messages',
	'ALTER VIEW mv ALTER recorded_by SET DEFAULT ''postgres''',
	'INSERT INTO mv (ticket_id, author, sent_at) VALUES (1, ''system'', ''2026-03-02 09:01+00'')']);
SELECT ticket_id, author, sent_at, recorded_by FROM ticket_sla.messages;
ROLLBACK;

-- Shut: what the triggers and process_escalations derive is no role's to
-- write, nor are the logs; the SECURITY DEFINER and owner-only functions
-- are refused to a direct call
SELECT r, c, attempt(r, ARRAY[format('UPDATE ticket_sla.tickets SET %I = %s WHERE ticket_id = 1', c, v)])
FROM (VALUES ('regress_atk_agent'), ('regress_atk_admin')) r (r),
	 (VALUES ('awaiting_reply_since', 'now()'), ('last_agent_message_at', 'now()'),
			 ('events_fired', '255'), ('next_event_at', 'NULL'), ('response_due_set', 'now()'),
			 ('reply_cycle', '7')) v (c, v) ORDER BY 1, 2;
SELECT t, attempt('regress_atk_admin', ARRAY[format('INSERT INTO ticket_sla.%I DEFAULT VALUES', t)])
FROM unnest(ARRAY['target_cycles', 'target_events', 'due_changes', 'clock_segments']) t;
SELECT n, attempt('regress_atk_admin', ARRAY[s]) FROM (VALUES
 (1, 'SELECT ticket_sla.record_message()'),
 (2, 'SELECT ticket_sla.record_due_change(''set'', 1, ''resolution'', now(), ''x'', ''postgres'', ''postgres'')'),
 (3, 'SELECT ticket_sla.due_events(t, now()) FROM ticket_sla.tickets t'),
 (4, 'SELECT ticket_sla.set_due(2, ''resolution'', ''2026-03-09 09:00+00'', ''x'')'),
 (5, 'SELECT ticket_sla.set_due(99, ''resolution'', ''2026-03-09 09:00+00'', ''x'')'),
 (6, 'SELECT ticket_sla.process_escalations(''infinity'')'),
 (7, 'SELECT ticket_sla.process_escalations(now(), 0)')
) a (n, s) ORDER BY n;
-- 4 and 5: the uncleared admin cannot tell the confidential ticket 2 from
-- one that does not exist; the agent may call neither
SELECT attempt('regress_atk_agent', ARRAY['SELECT ticket_sla.set_due(1, ''resolution'', now(), ''x'')']),
	   attempt('regress_atk_agent', ARRAY['SELECT ticket_sla.process_escalations()']);

-- Odd instants for a message: refused, with their SQLSTATE
SELECT s, attempt('regress_atk_agent', ARRAY[format(
	'INSERT INTO ticket_sla.messages (ticket_id, author, sent_at) VALUES (1, ''agent'', %s)', s)])
FROM unnest(ARRAY['''infinity''', '''-infinity''', 'NULL', '''2026-03-02 08:59+00''']) s;

-- The conversation of ticket 1: answered at 09:30 (first response; the
-- update clock from 09:30, cycle 2, due 13:30), the customer asks at 10:00
-- (a reply owed, cycle 1, due 11:00)
SET ROLE regress_atk_agent;
INSERT INTO ticket_sla.messages (ticket_id, author, sent_at) VALUES (1, 'agent', '2026-03-02 09:30+00');
INSERT INTO ticket_sla.messages (ticket_id, author, sent_at) VALUES (1, 'customer', '2026-03-02 10:00+00');
RESET ROLE;
SELECT changed_at, first_response_at, awaiting_reply_since, reply_cycle, reply_due,
	   update_from, update_cycle, update_due
FROM ticket_sla.tickets WHERE ticket_id = 1;

-- Was open: a resolution at 09:45 or a pause at 09:15, after the last
-- change (09:00) but before the last turn (10:00), ended cycles that began
-- after their end (23514 on target_cycles); now 22023
SELECT attempt('regress_atk_agent', ARRAY[
	'UPDATE ticket_sla.tickets SET status = ''resolved'', resolved_at = ''2026-03-02 09:45+00'' WHERE ticket_id = 1']);
SELECT attempt('regress_atk_agent', ARRAY[
	'UPDATE ticket_sla.tickets SET status = ''waiting on customer'', changed_at = ''2026-03-02 09:15+00'' WHERE ticket_id = 1']);
-- resolved at 10:20: the reply (10:00-10:20, due 11:00) met by the
-- resolution, the update interval (09:30-10:20, due 13:30) ended by it
-- (met NULL: the customer was not kept waiting)
UPDATE ticket_sla.tickets SET status = 'resolved', resolved_at = '2026-03-02 10:20+00' WHERE ticket_id = 1;
SELECT target, cycle, started_at, due_at, ended_at, ended_by, met FROM ticket_sla.target_cycles
ORDER BY ticket_id, target, cycle;

-- Was open: a change given no instant in a transaction that began before
-- the last turn (here an agent message sent 30 s ahead, as a concurrent
-- transaction could record it) counted at the transaction's start, before
-- the update interval it ended had begun (23514).  It counts at the last
-- turn now: the interval of ticket 3 from the message ends there (met
-- NULL: a pause ended it)
BEGIN;
INSERT INTO ticket_sla.messages (ticket_id, author, sent_at) VALUES (3, 'agent', now() + interval '30 s');
UPDATE ticket_sla.tickets SET status = 'waiting on customer' WHERE ticket_id = 3;
SELECT changed_at = now() + interval '30 s' AS at_last_turn, update_cycle, update_from
FROM ticket_sla.tickets WHERE ticket_id = 3;
SELECT cycle, started_at = ended_at AS empty, ended_by, met FROM ticket_sla.target_cycles
WHERE ticket_id = 3 ORDER BY cycle;
ROLLBACK;

-- Was open: set_due took 'infinity' (a breach never due); now 22023
SELECT ticket_sla.set_due(3, 'resolution', 'infinity', 'never');
SELECT ticket_sla.set_due(3, 'response', '-infinity', 'always');

-- Shut: a hostile search_path (a temp table tickets first) changes nothing
-- set_due reads; the due change is the admin's, whatever the path
SET ROLE regress_atk_admin;
CREATE TEMP TABLE tickets (ticket_id bigint, confidential boolean);
SET search_path = pg_temp, public;
SELECT ticket_sla.set_due(3, 'resolution', '2026-12-31 23:00+00', 'Agreed');
RESET search_path;
RESET ROLE;
SELECT ticket_id, target, action, due_after, changed_by FROM ticket_sla.due_changes;
DROP TABLE pg_temp.tickets;

-- Events exactly once.  Ticket 1 met its response (09:30 < 10:00) and was
-- resolved at 10:20, before its escalation at 10:00 was fired; ticket 2,
-- untouched, has step 1 and the response warning at 10:00 (50 % of 2 h),
-- its breach and the update warning at 11:00, the update breach at 13:00,
-- the resolution warning at 21:00 and breach on 03-03 at 09:00
SELECT ticket_sla.process_escalations('2026-03-02 10:30+00', 2147483647);
SELECT ticket_sla.process_escalations('2026-03-10 00:00+00', 1) FROM generate_series(1, 6);
SELECT ticket_id, step, due_at FROM ticket_sla.escalations ORDER BY 1, 2;
SELECT ticket_id, kind, target, cycle, due_at FROM ticket_sla.target_events ORDER BY due_at, kind DESC;
SELECT ticket_id, escalation_level, events_fired, next_event_at FROM ticket_sla.tickets
WHERE ticket_id < 3 ORDER BY 1;

-- Shut: of the confidential ticket, the uncleared see nothing; the
-- cleared agent sees its 6 warnings and breaches, its step, the two
-- messages and the due change below (10 rows)
INSERT INTO ticket_sla.messages (ticket_id, author, public, sent_at) VALUES
(2, 'customer', true, '2026-03-02 09:10+00'), (2, 'agent', false, '2026-03-02 09:20+00');
SELECT ticket_sla.set_due(2, 'resolution', '2026-03-03 09:00+00', 'As the terms say');
SELECT r, attempt(r, ARRAY['SELECT 1/(count(*) - 10) FROM (
	SELECT FROM ticket_sla.messages WHERE ticket_id = 2
	UNION ALL SELECT FROM ticket_sla.target_cycles WHERE ticket_id = 2
	UNION ALL SELECT FROM ticket_sla.target_events WHERE ticket_id = 2
	UNION ALL SELECT FROM ticket_sla.escalations WHERE ticket_id = 2
	UNION ALL SELECT FROM ticket_sla.due_changes WHERE ticket_id = 2) e']) AS "sees 10 (22012)",
	attempt(r, ARRAY['SELECT 1/count(*) FROM (
	SELECT FROM ticket_sla.messages WHERE ticket_id = 2
	UNION ALL SELECT FROM ticket_sla.target_cycles WHERE ticket_id = 2
	UNION ALL SELECT FROM ticket_sla.target_events WHERE ticket_id = 2
	UNION ALL SELECT FROM ticket_sla.escalations WHERE ticket_id = 2
	UNION ALL SELECT FROM ticket_sla.due_changes WHERE ticket_id = 2) e']) AS "sees none (22012)"
FROM roles WHERE r <> 'regress_atk_plain';

-- Issue 20: service availability, quiet hours and what-if, tried by every
-- role.  Four doors were open:
--   - an agent could rewrite the history availability is measured on: shrink
--     or move a closed outage (as good as deleting it), and record a window
--     over an outage already past with an announcement backdated, or
--     stretch a window over one, turning downtime into planned maintenance;
--   - an announcement in year 900 made maintenance_from fail (22008) in the
--     view, for every reader of the service's months; one at -infinity made
--     every window planned; a window or an outage could start at -infinity
--     or end at infinity;
--   - a subscription since -infinity made the view count months for ever;
--   - an outage could name a confidential ticket, read by every role.
-- Now: agents record a window when it is announced and before it begins,
-- and change a record only to close an open outage or in its note (42501;
-- the admin corrects); instants are finite and from 1900 on (22023, 23514).
-- February 2026 in London (GMT all month) under "Avail": the outage of
-- 2 February 10:00-12:00 UTC is 120 minutes down, no maintenance; every
-- attempt below leaves it so.
INSERT INTO ticket_sla.contracts (name, terms) VALUES
('Avail', 'hours (Mon-Fri 09:00-17:00; tz Europe/London);
  availability 99% per month, maintenance announced 2 business days ahead');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('Avail Ltd', 2);
INSERT INTO ticket_sla.services (name) VALUES ('Portal'), ('Mail');
INSERT INTO ticket_sla.customer_services (customer_id, service_id, since)
VALUES (3, 1, '2026-01-01 00:00+00');
INSERT INTO ticket_sla.outages (service_id, during)
VALUES (1, '[2026-02-02 10:00+00,2026-02-02 12:00+00)'), (1, tstzrange(now() - interval '1 hour', NULL));
CREATE TEMP VIEW february AS SELECT minutes_down, minutes_maintenance FROM ticket_sla.availability
WHERE customer_id = 3 AND month = '2026-02-01';
GRANT SELECT ON february TO PUBLIC;
SELECT * FROM february;

-- Shut (42501): the agent shrinks, moves or narrows the closed outage 1,
-- records a window over it announced a week before (2 business days
-- before 2 February 09:00 would do) or announced now; the admin may
-- (undone)
SELECT n, attempt('regress_atk_agent', s) FROM (VALUES
 (1, ARRAY[$$UPDATE ticket_sla.outages SET during = '[2026-02-02 10:00+00,2026-02-02 10:01+00)' WHERE outage_id = 1$$]),
 (2, ARRAY['UPDATE ticket_sla.outages SET service_id = 2 WHERE outage_id = 1']),
 (3, ARRAY['UPDATE ticket_sla.outages SET customers = ''{1}'' WHERE outage_id = 1']),
 (4, ARRAY[$$INSERT INTO ticket_sla.maintenance_windows (service_id, during, announced_at)
	VALUES (1, '[2026-02-02 09:00+00,2026-02-02 13:00+00)', '2026-01-26 09:00+00')$$,
	'SELECT * FROM february'])) AS a (n, s) ORDER BY n;
SELECT left(attempt('regress_atk_agent', ARRAY[$$INSERT INTO ticket_sla.maintenance_windows (service_id, during)
	VALUES (1, '[2026-02-02 09:00+00,2026-02-02 13:00+00)')$$]), 5) AS announced_now;
BEGIN;
SELECT attempt('regress_atk_admin', ARRAY[$$UPDATE ticket_sla.outages SET during = '[2026-02-02 10:00+00,2026-02-02 10:01+00)' WHERE outage_id = 1$$,
	$$INSERT INTO ticket_sla.maintenance_windows (service_id, during, announced_at)
	VALUES (1, '[2026-02-02 09:00+00,2026-02-02 13:00+00)', '2026-01-26 09:00+00')$$]);
SELECT * FROM february;	-- the admin's correction: 0 down, 240 planned
ROLLBACK;

-- Open: the agent closes the open outage 2, notes, records a window to
-- come announced now (kept); shut (42501): then moves the outage's end,
-- stretches the window back or backdates its announcement
SELECT n, attempt('regress_atk_agent', s) FROM (VALUES
 (1, ARRAY['UPDATE ticket_sla.outages SET during = tstzrange(lower(during), now()) WHERE outage_id = 2',
		   'UPDATE ticket_sla.outages SET note = ''Over'', ticket_id = 1 WHERE outage_id = 2',
		   $$INSERT INTO ticket_sla.maintenance_windows (service_id, during)
			VALUES (1, tstzrange(now() + interval '3 days', now() + interval '4 days'))$$])) AS a (n, s);
SELECT n, left(attempt('regress_atk_agent', s), 5) FROM (VALUES
 (1, ARRAY['UPDATE ticket_sla.outages SET during = tstzrange(lower(during), lower(during) + interval ''1 second'') WHERE outage_id = 2']),
 (2, ARRAY['UPDATE ticket_sla.maintenance_windows SET during = tstzrange(lower(during) - interval ''30 days'', upper(during))']),
 (3, ARRAY['UPDATE ticket_sla.maintenance_windows SET announced_at = announced_at - interval ''10 days''']))
 AS a (n, s) ORDER BY n;
SELECT outage_id, upper_inf(during) AS still_open, note, ticket_id FROM ticket_sla.outages ORDER BY 1;

-- Shut (22023, 23514), for the admin too: an announcement in year 900
-- (the view failed with 22008) or at -infinity (every window planned:
-- the view said 0 down, 240 planned), a window without end, an outage
-- from -infinity or from before 1900, a subscription since -infinity
SELECT n, left(attempt('regress_atk_admin', s), 5) FROM (VALUES
 (1, ARRAY[$$INSERT INTO ticket_sla.maintenance_windows (service_id, during, announced_at)
	VALUES (1, '[2026-02-02 09:00+00,2026-02-02 13:00+00)', '0900-01-01 00:00+00')$$, 'SELECT * FROM february']),
 (2, ARRAY[$$INSERT INTO ticket_sla.maintenance_windows (service_id, during, announced_at)
	VALUES (1, '[2026-02-02 09:00+00,2026-02-02 13:00+00)', '-infinity')$$, 'SELECT 1/0 FROM february WHERE minutes_down = 0'])) AS a (n, s)
ORDER BY n;
SELECT n, attempt('regress_atk_admin', s) FROM (VALUES
 (1, ARRAY[$$INSERT INTO ticket_sla.maintenance_windows (service_id, during, announced_at)
	VALUES (1, '[2026-02-02 09:00+00,infinity)', '2026-01-01 00:00+00')$$]),
 (2, ARRAY[$$INSERT INTO ticket_sla.outages (service_id, during) VALUES (1, '[-infinity,2026-01-01 00:00+00)')$$]),
 (3, ARRAY[$$INSERT INTO ticket_sla.outages (service_id, during) VALUES (1, '[1899-12-31 00:00+00,2026-01-01 00:00+00)')$$]),
 (4, ARRAY[$$INSERT INTO ticket_sla.customer_services (customer_id, service_id, since) VALUES (3, 2, '-infinity')$$]))
 AS a (n, s) ORDER BY n;
SELECT * FROM february;

-- Shut (22023): an outage naming the confidential ticket 2 (of Secret
-- Ltd, customer 2) told every reader of outages, the uncleared too, when
-- it was filed about which service and for whom; the cleared agent may not
-- name it, the uncleared do not see it
SELECT r, attempt(r, ARRAY[$$INSERT INTO ticket_sla.outages (service_id, during, customers, ticket_id)
	VALUES (1, '[2026-03-02 08:00+00,2026-03-02 09:00+00)', '{2}', 2)$$])
FROM roles WHERE r IN ('regress_atk_cleared', 'regress_atk_agent');

-- Held (42501): nobody forges a held notice or runs process_escalations
-- but the admin; what_if is for the reporting role and the admin, and
-- replays the confidential ticket 2 for neither (tickets 1 and 3 of
-- "Desk": 2, a division by zero)
SELECT r, attempt(r, ARRAY[$$INSERT INTO ticket_sla.held_notices (ticket_id, kind, severity, due_at, held_until)
		VALUES (1, 'breach', 'critical', '2026-03-02 10:00+00', '2026-03-02 11:00+00')$$]) AS forge,
	   left(attempt(r, ARRAY['SELECT ticket_sla.process_escalations()']), 5) AS process,
	   attempt(r, ARRAY[$$SELECT 1/(tickets - 2) FROM ticket_sla.what_if_summary('[2026-01-01 00:00+00,2100-01-01 00:00+00)',
		   (SELECT terms FROM ticket_sla.contracts WHERE contract_id = 1), contract_id => 1) WHERE severity IS NULL$$])
		   AS what_if
FROM roles;
-- Held: check_recipient on a table of one's own refuses to run (42501),
-- and an agent may not even attach it
CREATE TEMP TABLE recipients (recipient text, notification_hours ticket_sla.calendar);
CREATE TRIGGER check_recipient BEFORE INSERT ON recipients
FOR EACH ROW EXECUTE FUNCTION ticket_sla.check_recipient();
SELECT attempt(current_user, ARRAY['INSERT INTO recipients VALUES (''Lead'', ''24x7'')']);
DROP TABLE recipients;
SELECT attempt('regress_atk_agent', ARRAY['CREATE TEMP TABLE r (recipient text)',
	'CREATE TRIGGER c BEFORE INSERT ON r FOR EACH ROW EXECUTE FUNCTION ticket_sla.check_recipient()']);
DROP VIEW february;

DROP FUNCTION atk_open(integer, boolean, timestamptz), attempt(text, text[]);
DROP ROLE regress_atk_agent, regress_atk_cleared, regress_atk_reporting, regress_atk_admin,
	regress_atk_plain;
