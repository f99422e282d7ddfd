--
-- Escalation ladders: escalation_steps and escalation_due, next_escalation_at
-- kept on every ticket, and process_escalations firing every step exactly
-- once.  Every instant below was worked out by hand.
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
\i test/fixtures/io_helpers.sql
\i test/fixtures/seed_plans.sql

-- A plan whose ladders run on the business clock, one of them mixing clocks
INSERT INTO ticket_sla.contracts (name, terms) VALUES ('Ladder',
 'plan "Ladder"; hours (Mon-Fri 09:00-18:00; tz America/New_York); warn at 75%;
  critical: respond within 4 business hours,
            escalate after 1 business hour to "Team lead",
            escalate after 4 business hours to "Director";
  high: escalate after 2 business hours to "A", escalate after 1 hour to "B"');
INSERT INTO ticket_sla.customers (organisation, contract_id)
SELECT o, contract_id FROM ticket_sla.contracts
JOIN (VALUES ('Cyren Standard', 'Corner Retail'), ('Ladder', 'Night Owl')) AS v(name, o) USING (name)
ORDER BY contract_id;

SELECT name, ticket_sla.warn_percent(terms) FROM ticket_sla.contracts
WHERE name IN ('Ladder', 'Cyren Standard') ORDER BY name;

--
-- The ladder as instants.  2026-03-13 is a Friday; New York is UTC-4.
--
-- Cyren Standard counts elapsed time: a P1 opened Friday 16:30 EDT goes to
-- the Director at 17:30 EDT and to the VPs at 18:30 EDT, after hours or not.
SELECT * FROM ticket_sla.escalation_steps('2026-03-13 20:30+00', 'critical',
	(SELECT terms FROM ticket_sla.contracts WHERE name = 'Cyren Standard'));
SELECT * FROM ticket_sla.escalation_steps('2026-03-13 20:30+00', 'high',
	(SELECT terms FROM ticket_sla.contracts WHERE name = 'Cyren Standard'));
-- Business hours are counted in business time: opened Friday 17:30 EDT, half
-- an hour passes on Friday, so "1 business hour" falls on Monday 09:30 EDT
-- (13:30 UTC) and "4 business hours" on Monday 12:30 EDT (16:30 UTC); no
-- reminder fires at the weekend.
SELECT * FROM ticket_sla.escalation_steps('2026-03-13 21:30+00', 'critical',
	(SELECT terms FROM ticket_sla.contracts WHERE name = 'Ladder'));
-- A severity without a ladder has no steps
SELECT count(*) FROM ticket_sla.escalation_steps('2026-03-13 21:30+00', 'low',
	(SELECT terms FROM ticket_sla.contracts WHERE name = 'Ladder'));

-- escalation_due: the last step due (a step is due at its instant) and the next
SELECT at, (ticket_sla.escalation_due('2026-03-13 21:30+00', 'critical', terms, at)).*
FROM ticket_sla.contracts,
	 unnest(ARRAY['2026-03-13 21:30+00', '2026-03-16 13:29:59+00', '2026-03-16 13:30+00',
				  '2026-03-16 16:29+00', '2026-03-16 16:30+00', '2027-01-01 00:00+00']::timestamptz[]) AS at
WHERE name = 'Ladder';
-- Steps fire in the order written.  High under "Ladder", opened Friday 17:00
-- EDT: "2 business hours" fall on Monday 10:00 EDT (14:00 UTC), "1 hour" on
-- Friday 18:00 EDT (22:00 UTC); the second step waits for the first.
SELECT * FROM ticket_sla.escalation_steps('2026-03-13 21:00+00', 'high',
	(SELECT terms FROM ticket_sla.contracts WHERE name = 'Ladder'));
SELECT at, (ticket_sla.escalation_due('2026-03-13 21:00+00', 'high', terms, at)).*
FROM ticket_sla.contracts,
	 unnest(ARRAY['2026-03-13 22:00+00', '2026-03-14 12:00+00', '2026-03-16 14:00+00']::timestamptz[]) AS at
WHERE name = 'Ladder';
SELECT (ticket_sla.escalation_due('2026-03-13 21:00+00', 'low', terms, '2030-01-01')).*
FROM ticket_sla.contracts WHERE name = 'Ladder';

--
-- Tickets carry next_escalation_at: the next step past escalation_level
--
CREATE FUNCTION open(org text, sev ticket_sla.severity, at timestamptz)
RETURNS ticket_sla.tickets LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
		business_impact, description, current_behaviour, expected_behaviour,
		channel, severity, opened_at)
	SELECT customer_id, 'Mail gateway', org || ': ' || sev, at, 'No mail',
		'Inbound mail stops', 'Mail queues up', 'Mail is delivered', 'phone', sev, at
	FROM ticket_sla.customers WHERE organisation = org
	RETURNING *
$$;
SELECT case_number, severity, opened_at, escalation_level, next_escalation_at
FROM (VALUES ('Corner Retail', 'critical'::ticket_sla.severity, '2026-03-13 20:30+00'::timestamptz),
			 ('Night Owl', 'critical', '2026-03-13 21:30+00'),
			 ('Night Owl', 'high', '2026-03-13 21:00+00'),
			 ('Corner Retail', 'high', '2026-03-13 20:30+00'),
			 ('Corner Retail', 'medium', '2026-03-13 20:30+00')) AS v(org, sev, at),
	 LATERAL open(org, sev, at);

-- the escalations log, as it grows
CREATE VIEW fired AS
SELECT t.case_number, e.step, e.severity, e.recipients, e.due_at
FROM ticket_sla.escalations e JOIN ticket_sla.tickets t USING (ticket_id)
ORDER BY t.ticket_id, e.step;
CREATE VIEW ladders AS
SELECT case_number, severity, status, escalation_level, next_escalation_at
FROM ticket_sla.tickets ORDER BY ticket_id;

-- Friday 22:00 UTC: CASE-1's first step (21:30) fires, its second (22:30) not yet
SELECT ticket_sla.process_escalations('2026-03-13 22:00+00');
SELECT * FROM fired;
SELECT * FROM ladders;
-- run again for the same instant: nothing fires twice
SELECT ticket_sla.process_escalations('2026-03-13 22:00+00');
-- CASE-4 is resolved at 22:15, before its first step: it never escalates
UPDATE ticket_sla.tickets SET resolved_at = '2026-03-13 22:15+00' WHERE ticket_id = 4
RETURNING case_number, status, next_escalation_at;
-- Saturday 01:00 UTC: CASE-1's second step
SELECT ticket_sla.process_escalations('2026-03-14 01:00+00');
-- Monday 14:00 UTC: CASE-2's first step (13:30); CASE-3's first (14:00) and,
-- with it, its second (Friday 22:00)
SELECT ticket_sla.process_escalations('2026-03-16 14:00+00');
SELECT * FROM fired;
SELECT * FROM ladders;

-- A severity change keeps the steps fired and moves to the new ladder:
-- CASE-2 (critical, one step fired) becomes high at 15:00 UTC, whose second
-- step ("1 hour", Friday 22:30 UTC) is already due.  Reopening CASE-4 puts
-- its ladder back, both steps of which are due by now.
UPDATE ticket_sla.tickets SET severity = 'high', changed_at = '2026-03-16 15:00+00'
WHERE ticket_id = 2 RETURNING case_number, escalation_level, next_escalation_at;
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2026-03-16 15:00+00'
WHERE ticket_id = 4 RETURNING case_number, resolved_at, escalation_level, next_escalation_at;
SELECT ticket_sla.process_escalations('2026-03-16 15:00+00');
SELECT * FROM fired;
SELECT * FROM ladders;
SELECT ticket_sla.process_escalations('2026-03-16 15:00+00');
-- every step fired when its run came, after it was due
SELECT bool_and(fired_at >= due_at AND fired_at <= now()) AS fired_when_due FROM ticket_sla.escalations;

--
-- The ladder is the trigger's and process_escalations' to climb
--
SELECT error_of($$UPDATE ticket_sla.tickets SET escalation_level = 1 WHERE ticket_id = 1$$);
SELECT error_of($$UPDATE ticket_sla.tickets SET escalation_level = 3 WHERE ticket_id = 1$$);
SELECT error_of($$UPDATE ticket_sla.tickets SET escalation_level = 1 WHERE ticket_id = 5$$);
SELECT error_of($$UPDATE ticket_sla.tickets SET next_escalation_at = now() WHERE ticket_id = 2$$);
SELECT error_of($$INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
	business_impact, description, current_behaviour, expected_behaviour, channel, severity,
	escalation_level) VALUES (1, 's', 's', now(), 'b', 'd', 'c', 'e', 'web', 'low', 2)$$);
SET ROLE ticket_sla_agent;
SELECT error_of($$UPDATE ticket_sla.tickets SET escalation_level = 2 WHERE ticket_id = 2$$);
SELECT error_of($$SELECT ticket_sla.process_escalations('2026-03-16 15:00+00')$$);
RESET ROLE;
-- steps are not fired before they are due: no processing as of the future
SELECT split_part(error_of($$SELECT ticket_sla.process_escalations(now() + interval '1 minute')$$), ':', 1);
SELECT error_of($$SELECT ticket_sla.process_escalations(NULL)$$);

DROP VIEW fired;
DROP VIEW ladders;
DROP FUNCTION open(text, ticket_sla.severity, timestamptz);
DROP FUNCTION error_of(text);
DROP FUNCTION try_query(text);
DROP FUNCTION recv_as(regtype, bytea);
