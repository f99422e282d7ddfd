--
-- Quiet hours for notifications (issue 20 section 3): a plan's notification
-- hours (contracts.notification_hours) and a recipient's own
-- (ticket_sla.recipients) hold the notice of an event due outside them
-- until their next opening.  The event is logged at its exact due time
-- (escalations, target_events, as before); the held notice is a row of
-- held_notices, delivered (its NOTIFY: test/isolation/specs/quiet_hours.spec
-- shows the payloads) by the first run at or after the opening, once.
-- Every instant and count below was worked out by hand (comments), not
-- copied from a run.
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
\i test/fixtures/io_helpers.sql
CREATE ROLE regress_qh_agent IN ROLE ticket_sla_agent;
CREATE ROLE regress_qh_reporting IN ROLE ticket_sla_reporting;
CREATE ROLE regress_qh_admin IN ROLE ticket_sla_admin;
CREATE ROLE regress_qh_plain;
\i test/fixtures/attempt.sql

-- The plan: critical answered within 30 minutes, escalated after 1 hour to
-- the duty manager and after 2 hours to the director and the night
-- operator; notices in office hours, Mon-Fri 08:00-20:00 UTC.  The night
-- operator is paged round the clock.  "Round the clock" has no hours: it
-- behaves as before.
INSERT INTO ticket_sla.contracts (name, terms, notification_hours) VALUES
 ('Quiet', 'plan "Quiet";
  critical: respond within 30 minutes, escalate after 1 hour to "Duty manager",
            escalate after 2 hours to "Director" and "Night operator"',
  'Mon-Fri 08:00-20:00; tz UTC'),
 ('Round the clock', 'plan "Round the clock";
  critical: respond within 30 minutes, escalate after 1 hour to "Duty manager"', NULL);
-- setting the hours is no change of terms: still one version each
SELECT contract_id, count(*) AS versions FROM ticket_sla.contract_terms GROUP BY 1 ORDER BY 1;
INSERT INTO ticket_sla.recipients (recipient, notification_hours) VALUES ('Night operator', '24x7');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('Acme', 1), ('Always On', 2);

CREATE FUNCTION open(customer integer, at timestamptz, confidential boolean DEFAULT false)
RETURNS bigint LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
		business_impact, description, current_behaviour, expected_behaviour,
		channel, severity, opened_at, confidential)
	VALUES (customer, 'VPN', 'VPN drops', at, 'Remote staff', 'Tunnel drops', 'Drops', 'Stays up',
		'web', 'critical', at, confidential)
	RETURNING ticket_id
$$;
CREATE VIEW held AS
SELECT notice_id, ticket_id, kind, step, target, recipients, due_at, held_until, held,
	   delivered_at IS NOT NULL AS delivered
FROM ticket_sla.held_notices ORDER BY notice_id;

-- 2026-11-13 is a Friday, 2026-11-16 the Monday after.
-- Ticket 1: Friday 19:45.  Breach 20:15, step 1 20:45 (Duty manager), step
-- 2 21:45 (Director; Night operator): all after Friday's 20:00 close, so
-- the plan's notices wait for Monday 08:00; the night operator's does not.
-- Ticket 2: Monday 01:10.  Breach 01:40, step 1 02:10, step 2 03:10: held
-- until Monday 08:00 but the night operator's.
-- Ticket 3: Monday 09:00, inside the hours: breach 09:30, step 1 10:00,
-- step 2 11:00, sent when due.
-- Ticket 4: Monday 01:10 on the round-the-clock plan: breach 01:40, step
-- 1 02:10, sent when due, as before quiet hours.
SELECT open(1, '2026-11-13 19:45+00'), open(1, '2026-11-16 01:10+00'),
	   open(1, '2026-11-16 09:00+00'), open(2, '2026-11-16 01:10+00');

-- Friday 22:00: ticket 1's three events fire (logged at their due times);
-- three notices held (breach, step 1, step 2's director), one sent (step
-- 2's night operator, no row)
SELECT ticket_sla.process_escalations('2026-11-13 22:00+00');
SELECT * FROM held;
SELECT ticket_id, step, recipients, due_at FROM ticket_sla.escalations ORDER BY ticket_id, step;
SELECT ticket_id, kind, target, due_at, notified FROM ticket_sla.target_events ORDER BY ticket_id;
-- Saturday noon, Sunday 23:59: nothing due, nothing delivered
SELECT ticket_sla.process_escalations('2026-11-14 12:00+00') AS saturday,
	   ticket_sla.process_escalations('2026-11-15 23:59+00') AS sunday;

-- Monday 02:30: ticket 2's breach (01:40) and step 1 (02:10) fire, held
-- until 08:00; ticket 4's two fire and are sent (no row): 4
SELECT ticket_sla.process_escalations('2026-11-16 02:30+00');
-- Monday 03:30: ticket 2's step 2: the director's notice held, the night
-- operator's sent: 1
SELECT ticket_sla.process_escalations('2026-11-16 03:30+00');
SELECT * FROM held WHERE ticket_id <> 1;
-- the step logged once, with both recipients, at its due time
SELECT step, recipients, due_at FROM ticket_sla.escalations WHERE ticket_id = 2 ORDER BY step;
-- 07:59:59: the hours have not opened, nothing delivered
SELECT ticket_sla.process_escalations('2026-11-16 07:59:59+00');
SELECT count(*) AS still_held FROM ticket_sla.held_notices WHERE delivered_at IS NULL;

-- Monday 08:00: the six held notices delivered (tickets 1 and 2, three
-- each), oldest first; nothing of ticket 3 is due yet: 6.  A second run at
-- the same instant delivers nothing: 0
SELECT ticket_sla.process_escalations('2026-11-16 08:00+00') AS first,
	   ticket_sla.process_escalations('2026-11-16 08:00+00') AS second;
-- the delay in the log: ticket 1's breach held 2 days 11:45 (Friday 20:15
-- to Monday 08:00), its step 1 2 days 11:15, step 2's director 2 days
-- 10:15; ticket 2's 6:20, 5:50, 4:50
SELECT notice_id, ticket_id, kind, step, recipients, due_at, held_until, held, delivered
FROM held;
SELECT ticket_id, kind, step, delivered_at - held_until >= '0' AS not_before_the_opening
FROM ticket_sla.held_notices ORDER BY notice_id;

-- Ticket 3, inside the hours: its three events fire when due and are sent
-- at once (one notice to both of step 2's recipients): 3, no row
SELECT ticket_sla.process_escalations('2026-11-16 11:00+00');
SELECT count(*) AS held_of_ticket_3 FROM ticket_sla.held_notices WHERE ticket_id = 3;
SELECT step, recipients, due_at FROM ticket_sla.escalations WHERE ticket_id = 3 ORDER BY step;

--
-- A recipient's own hours override the plan's, both ways.  The duty
-- manager is paged only from 10:00 (Mon-Fri 10:00-18:00), later than the
-- plan's 08:00.  Ticket 5, Tuesday 2026-11-17 07:00: breach 07:30 (plan:
-- held until 08:00), step 1 08:00 (duty manager: held until 10:00), step 2
-- 09:00 (director: the plan's hours are open, sent; night operator: sent,
-- one notice).
--
INSERT INTO ticket_sla.recipients VALUES ('Duty manager', 'Mon-Fri 10:00-18:00; tz UTC');
SELECT open(1, '2026-11-17 07:00+00');
-- 09:00: the breach fires and, its hours open since 08:00, is delivered
-- by the same run (logged held 30 minutes); step 1 held until 10:00; step
-- 2 sent: 3 events
SELECT ticket_sla.process_escalations('2026-11-17 09:00+00');
SELECT notice_id, kind, step, recipients, due_at, held_until, held, delivered
FROM held WHERE ticket_id = 5;
-- 09:59: not yet; 10:00: the duty manager's notice (1)
SELECT ticket_sla.process_escalations('2026-11-17 09:59+00') AS at_0959,
	   ticket_sla.process_escalations('2026-11-17 10:00+00') AS at_1000;

--
-- max_events bounds the held notices delivered and the events fired
-- together, the held notices first.  Ticket 6, Friday 2026-11-20 21:00:
-- breach 21:30, step 1 22:00, step 2 23:00 (director held, night operator
-- sent), every plan notice held until Monday 2026-11-23 08:00 (the duty
-- manager's until 10:00).  Ticket 7, Monday 2026-11-23 06:00: breach
-- 06:30, step 1 07:00, step 2 08:00.
--
SELECT open(1, '2026-11-20 21:00+00'), open(1, '2026-11-23 06:00+00');
SELECT ticket_sla.process_escalations('2026-11-20 23:30+00');
-- Monday 08:00, two per call: ticket 6's breach and director's notices
-- (held until 08:00; step 1's until 10:00), then ticket 7's breach (06:30,
-- held until 08:00, delivered by its own run) and step 1 (07:00, held
-- until 10:00), then step 2 (08:00: the director's sent, the night
-- operator's too, one notice), then nothing
SELECT ticket_sla.process_escalations('2026-11-23 08:00+00', 2) AS call_1,
	   ticket_sla.process_escalations('2026-11-23 08:00+00', 2) AS call_2,
	   ticket_sla.process_escalations('2026-11-23 08:00+00', 2) AS call_3,
	   ticket_sla.process_escalations('2026-11-23 08:00+00', 2) AS call_4;
SELECT notice_id, ticket_id, kind, step, held_until, delivered FROM held WHERE ticket_id IN (6, 7);
-- 10:00: the two duty manager notices (ticket 6's 22:00, ticket 7's 07:00)
SELECT ticket_sla.process_escalations('2026-11-23 10:00+00');
SELECT count(*) AS still_held FROM ticket_sla.held_notices WHERE delivered_at IS NULL;

--
-- Refusals and doors
--
-- a recipient that no ladder names would override nobody (22023), nor may
-- a row be renamed to one
SELECT try_query($$INSERT INTO ticket_sla.recipients VALUES ('Duty Manager', '24x7') RETURNING 'inserted'$$);
SELECT try_query($$UPDATE ticket_sla.recipients SET recipient = 'Nobody' WHERE recipient = 'Night operator' RETURNING 'updated'$$);
-- hours that are not a calendar: out of range (22023) or not its syntax
-- (22P02), with the position
SELECT try_query($$INSERT INTO ticket_sla.recipients VALUES ('Director', 'Mon-Fri 08:00-25:00') RETURNING 'inserted'$$);
SELECT try_query($$UPDATE ticket_sla.contracts SET notification_hours = 'Mon-Fro 08:00-20:00' RETURNING 'updated'$$);
-- hours that never open (only closed dates: 22023) or never again (only
-- special openings: 22008, none after 2100) would fail every run that
-- holds a notice: refused
SELECT try_query($$UPDATE ticket_sla.contracts SET notification_hours = 'closed 2026-12-24' RETURNING 'updated'$$);
SELECT try_query($$INSERT INTO ticket_sla.recipients VALUES ('Director', 'open 2026-12-24 09:00-13:00') RETURNING 'inserted'$$);
-- a recipient needs hours: round the clock is written 24x7
SELECT try_query($$INSERT INTO ticket_sla.recipients VALUES ('Director', NULL) RETURNING 'inserted'$$);

-- The admin sets the hours (kept: the plan's now 07:00-21:00); an agent
-- and a reporting role read them and the held notices (of the tickets they
-- see) and change nothing; nobody writes held_notices
SELECT r AS role, attempt(r, ARRAY[
	'UPDATE ticket_sla.contracts SET notification_hours = ''Mon-Fri 07:00-21:00; tz UTC'' WHERE contract_id = 1',
	'INSERT INTO ticket_sla.recipients VALUES (''Director'', ''Mon-Sun 07:00-23:00; tz UTC'')',
	'DELETE FROM ticket_sla.recipients WHERE recipient = ''Director''']) AS set_hours,
	attempt(r, ARRAY['SELECT count(*) FROM ticket_sla.held_notices', 'SELECT count(*) FROM ticket_sla.recipients']) AS read,
	attempt(r, ARRAY['UPDATE ticket_sla.held_notices SET delivered_at = NULL']) AS redeliver,
	attempt(r, ARRAY['INSERT INTO ticket_sla.held_notices (ticket_id, kind, target, cycle, severity, due_at, held_until)
					  VALUES (1, ''breach'', ''response'', 1, ''critical'', now() - interval ''1 hour'', now())']) AS forge
FROM unnest(ARRAY['regress_qh_agent', 'regress_qh_reporting', 'regress_qh_admin', 'regress_qh_plain']) r;
SELECT contract_id, notification_hours FROM ticket_sla.contracts ORDER BY contract_id;
-- a confidential ticket's held notices are the cleared's to see.  Ticket
-- 8, Tuesday 02:00: its breach (02:30) fires at 02:30, held until 07:00
SELECT open(1, '2026-11-24 02:00+00', true);
SELECT ticket_sla.process_escalations('2026-11-24 02:30+00');
SELECT attempt('regress_qh_agent', ARRAY[
	'DO $d$ BEGIN IF (SELECT count(*) FROM ticket_sla.held_notices WHERE ticket_id = 8) <> 0 THEN RAISE ''seen''; END IF; END $d$']) AS agent_sees_none,
	(SELECT held_until FROM ticket_sla.held_notices WHERE ticket_id = 8) AS held_until;

-- The trigger of recipients on a table of one's own (a temp table): no
-- role may execute it (42501 when the trigger is made), and attached by the
-- superuser it refuses to run on another relation (42501)
SELECT attempt('regress_qh_admin', ARRAY[
	'CREATE TEMP TABLE evil_recipients (recipient text, notification_hours ticket_sla.calendar)',
	'CREATE TRIGGER evil BEFORE INSERT ON evil_recipients FOR EACH ROW EXECUTE FUNCTION ticket_sla.check_recipient()']);
CREATE TEMP TABLE evil_recipients (recipient text, notification_hours ticket_sla.calendar);
CREATE TRIGGER evil BEFORE INSERT ON evil_recipients FOR EACH ROW EXECUTE FUNCTION ticket_sla.check_recipient();
SELECT try_query($$INSERT INTO evil_recipients VALUES ('Director', '24x7') RETURNING 'inserted'$$);
-- the payload function is no role's to call; the names the ladders write
-- are read from the terms, which a role without a grant cannot read
SELECT attempt('regress_qh_admin', ARRAY['SELECT ticket_sla.event_payload(t, NULL) FROM ticket_sla.tickets t']) AS payload,
	   attempt('regress_qh_plain', ARRAY['SELECT ticket_sla.ladder_recipients()']) AS plain_names;
SELECT ticket_sla.ladder_recipients() ORDER BY 1;
-- the names come from the stored steps, not the text: a name with quotes
-- comes back as written, and a plan or request type whose name reads like
-- a ladder ('go to "Nobody"') names no recipient.  Expected, in the order
-- stored: the severity's step, then the set's two names
SELECT ticket_sla.escalation_recipients(
	'plan "go to ""Nobody"""; critical: escalate after 1 hour to "Ops ""night"" desk";
	 request "hand to ""Somebody""": escalate after 2 hours to "Duty manager" and "Ops ""night"" desk"');

DROP ROLE regress_qh_agent, regress_qh_reporting, regress_qh_admin, regress_qh_plain;
DROP TABLE evil_recipients;
DROP VIEW held;
DROP FUNCTION open(integer, timestamptz, boolean), attempt(text, text[]);
DROP FUNCTION error_of(text), try_query(text), recv_as(regtype, bytea);
