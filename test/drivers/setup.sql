-- test/drivers/setup.sql: the small data set the client drivers of the
-- part `drivers` of test/check.sh read (test/drivers/*): run by psql as the
-- superuser in a database made empty for each client, so that every client
-- finds the same rows and its own insert gets the same case number.  Its
-- values, worked out by hand, are in test/drivers/expected.properties.
--
-- psql variables: password (of the three login roles), reader, agent and
-- admin (their names).  The roles belong to the cluster: made once, kept
-- by every later run of the file, dropped by test/check.sh at the end.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE EXTENSION ticket_sla;
SET TimeZone = 'Europe/Berlin';

-- The clients log in over TCP with a password, as BI tools and
-- applications do: a reader as a BI tool (ticket_sla_reporting: reads,
-- LISTEN), an agent as the help desk's application (opens tickets) and an
-- admin (process_escalations).
SELECT set_config('drivers.password', :'password', false),
	   set_config('drivers.roles', concat_ws(' ', :'reader', :'agent', :'admin'), false) \g /dev/null
DO $$
DECLARE
	names text[] := string_to_array(current_setting('drivers.roles'), ' ');
	granted text[] := ARRAY['ticket_sla_reporting', 'ticket_sla_agent', 'ticket_sla_admin'];
BEGIN
	FOR i IN 1 .. 3 LOOP
		IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = names[i]) THEN
			EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I',
						   names[i], current_setting('drivers.password'), granted[i]);
		END IF;
	END LOOP;
END
$$;

-- A contract with a business-hours plan: Mon-Fri 09:00-17:00 in Berlin,
-- closed on Berlin's holidays (none from 15 to 21 November 2024; Buß- und
-- Bettag, Wednesday 20 November, is Saxony's, not Berlin's), and (0.6) an
-- availability of 99.95 % a month, maintenance announced 3 business days
-- ahead.  Written out of order and in lower case: the clients read its
-- canonical text.
INSERT INTO ticket_sla.contracts (name, terms) VALUES ('Drivers Gold',
 'warn at 50%; HIGH: resolve within 2 business days, respond within 4 business hours;
  AVAILABILITY 99.950% PER MONTH, maintenance announced 3 business days ahead;
  hours (mon-fri 9:00-17:00; tz Europe/Berlin; holidays de-be); plan "Drivers Gold";
  critical: escalate after 2 business hours to "Duty manager", resolve within 8 business hours,
            respond within 1 business hour');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('Nordwind GmbH', 1);

-- Two tickets, long past.  CASE-2024-000001, high, Friday 15 November 16:00:
-- an answer due after 1 business hour on Friday and 3 on Monday (Monday
-- 12:00), a resolution after 2 business days (Tuesday 16:00).
-- CASE-2024-000002, critical, Monday 18 November 08:30: its clocks count
-- from the opening at 09:00, the answer due at 10:00, the resolution at
-- 17:00, the step of its ladder at 11:00.
INSERT INTO ticket_sla.tickets (customer_id, summary, channel, severity, opened_at) VALUES
(1, 'Invoices print blank', 'email', 'high', '2024-11-15 16:00+01'),
(1, 'Checkout fails', 'phone', 'critical', '2024-11-18 08:30+01');

-- A message: the first public agent message answers ticket 1, at Monday
-- 13:30, 1.5 business hours late.
INSERT INTO ticket_sla.messages (ticket_id, author, sent_at, body)
VALUES (1, 'agent', '2024-11-18 13:30+01', 'A fix for the blank invoices is on its way.');

-- Ticket 2 answered at 09:40 (40 business minutes) and resolved at 15:00,
-- both in time.
UPDATE ticket_sla.tickets SET first_response_at = '2024-11-18 09:40+01' WHERE ticket_id = 2;
UPDATE ticket_sla.tickets SET status = 'resolved', resolved_at = '2024-11-18 15:00+01'
WHERE ticket_id = 2;

-- Every event of these two tickets fired now, so that a client's run of
-- process_escalations fires only its own ticket's: ticket 1's response
-- breach, resolution warning and resolution breach (no response warning:
-- its answer came before any run); nothing of ticket 2's, answered and
-- resolved in time before any run.
DO $$
DECLARE
	fired integer := ticket_sla.process_escalations();
BEGIN
	IF fired <> 3 THEN
		RAISE EXCEPTION 'setup.sql: process_escalations fired % events, not 3', fired;
	END IF;
END
$$;

-- (0.6) The customer's shop, in November 2024 (Berlin): down from 08:30 to
-- 09:10 on Monday 18 November (reported in ticket 2), maintained on
-- Saturday 23 November from 22:00 to 24:00, announced on Friday 15
-- November at 10:00, 3 business days before Wednesday 20 November 10:00
INSERT INTO ticket_sla.services (name) VALUES ('Shop');
INSERT INTO ticket_sla.customer_services (customer_id, service_id, since, until)
VALUES (1, 1, '2024-11-01 00:00+01', '2024-12-01 00:00+01');
INSERT INTO ticket_sla.outages (service_id, during, ticket_id)
VALUES (1, '[2024-11-18 08:30+01, 2024-11-18 09:10+01)', 2);
INSERT INTO ticket_sla.maintenance_windows (service_id, during, announced_at)
VALUES (1, '[2024-11-23 22:00+01, 2024-11-24 00:00+01)', '2024-11-15 10:00+01');

-- The report rollups refreshed (the customer's two days, 15 and 18 November
-- 2024, UTC), so that compliance reads them and compliance_recomputed computes
-- the same rows from the tickets
DO $$
DECLARE
	days integer := ticket_sla.refresh_reports();
BEGIN
	IF days < 1 THEN
		RAISE EXCEPTION 'setup.sql: refresh_reports refreshed % days', days;
	END IF;
END
$$;
