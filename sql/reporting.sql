--
-- The views that dashboards and BI tools read: sla_status (live), breaches,
-- compliance and the quarterly report, readable by ticket_sla_reporting but
-- for confidential tickets; and retarget's progress.  Every figure was
-- worked out by hand.
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
\i test/fixtures/io_helpers.sql

INSERT INTO ticket_sla.contracts (name, terms) VALUES
('Watch', 'plan "Watch"; tier premium; warn at 75%;
  critical: respond within 1 hour, resolve within 4 hours,
            escalate after 2 hours to "Duty manager";
  high: respond within 2 hours'),
('Office', 'plan "Office"; hours (Mon-Fri 09:00-17:00; tz UTC);
  critical: respond within 1 business hour, resolve within 8 business hours,
            escalate after 2 business hours to "Service manager";
  high: respond within 4 business hours');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES
('Night Shift', 1), ('Borough Council', 2), ('Corner Shop', 2);

\i test/fixtures/file_ticket.sql

--
-- sla_status: live, against now().  Night Shift's plan counts round the
-- clock; tickets opened so long before now, all in one transaction (one now()):
--   1 critical, 30 min ago:  response 50 % used, 30 min left; resolution 12.5 %
--   2 critical, 50 min ago:  response 83.3 %, at risk (warn at 75%)
--   3 critical, 70 min ago:  response missed by 10 minutes: breached
--   4 critical, 3 hours ago, answered after 20 minutes, waiting on the
--     customer since 1 hour after opening: resolution frozen at 1 of 4 hours
--   5 high, 1 hour ago: response 50 %; no resolution target
--   6 critical, 10 min ago, confidential
--
BEGIN;
SELECT file('Night Shift', 'critical', now() - interval '30 minutes'),
	   file('Night Shift', 'critical', now() - interval '50 minutes'),
	   file('Night Shift', 'critical', now() - interval '70 minutes'),
	   file('Night Shift', 'critical', now() - interval '3 hours', now() - interval '160 minutes'),
	   file('Night Shift', 'high', now() - interval '1 hour'),
	   file('Night Shift', 'critical', now() - interval '10 minutes', secret => true);
UPDATE ticket_sla.tickets SET status = 'waiting on customer', changed_at = now() - interval '2 hours'
WHERE ticket_id = 4;
-- the confidential ticket is taken up: its clocks' first stretches end
UPDATE ticket_sla.tickets SET status = 'in progress' WHERE ticket_id = 6;
SELECT count(*) AS segments_of_6 FROM ticket_sla.clock_segments WHERE ticket_id = 6;
SELECT ticket_id, response_remaining, response_used_pct, response_state,
	   resolution_remaining, resolution_used_pct, resolution_state, paused, state,
	   escalation_level, next_escalation_at - opened_at AS escalates_after
FROM ticket_sla.sla_status ORDER BY ticket_id;
SELECT ticket_id, target, met_at, late_business, late_clock
FROM ticket_sla.breaches ORDER BY ticket_id, target;
-- the reporting role reads the views, but not the confidential ticket, and
-- writes nothing
SET ROLE ticket_sla_reporting;
SELECT count(*) AS visible, bool_or(ticket_id = 6) AS sees_confidential FROM ticket_sla.sla_status;
SELECT count(*) AS segments_of_6 FROM ticket_sla.clock_segments WHERE ticket_id = 6;
SELECT error_of($$UPDATE ticket_sla.tickets SET holder = 'Eve' WHERE ticket_id = 1$$);
SELECT error_of($$SELECT ticket_sla.process_escalations()$$);
RESET ROLE;
ROLLBACK;

--
-- History for Borough Council (office hours Mon-Fri 09:00-17:00 UTC):
--   Jan 5 (Mon) critical 10:00, answered 10:30 (0:30), resolved 15:00: both met
--   Jan 7 (Wed) critical 16:30, response due Thu 09:30, answered 10:00 (1:30
--               of business time): missed by 0:30; resolution due Thu 16:30,
--               resolved 16:00: met
--   Jan 12 (Mon) high 09:00, answered 11:00 (2:00): met; no resolution target
--   Feb 6 (Fri) high 15:00, response due Mon 11:00, answered Tue 10:00 (11:00
--               of business time): missed by 7 business hours, 23 on the clock
--   Mar 3 (Tue) critical 09:00, answered 09:15, escalated at 11:00, waiting
--               on the customer 10:00 to Wed 10:00 (8 business hours), so due
--               Wed 17:00; resolved Wed 12:00: met
--   Mar 20 (Fri) medium 10:00, no targets, still open
--   Apr 1 (Wed) critical 09:00, answered 09:10, resolved 09:30
-- and for Corner Shop: Jan 5 high 09:00, answered 09:30, resolved 10:00.
--
SELECT file('Borough Council', 'critical', '2026-01-05 10:00+00', '2026-01-05 10:30+00', '2026-01-05 15:00+00'),
	   file('Borough Council', 'critical', '2026-01-07 16:30+00', '2026-01-08 10:00+00', '2026-01-08 16:00+00'),
	   file('Borough Council', 'high', '2026-01-12 09:00+00', '2026-01-12 11:00+00', '2026-01-13 12:00+00'),
	   file('Borough Council', 'high', '2026-02-06 15:00+00', '2026-02-10 10:00+00', '2026-02-10 15:00+00'),
	   file('Corner Shop', 'high', '2026-01-05 09:00+00', '2026-01-05 09:30+00', '2026-01-05 10:00+00');
SELECT file('Borough Council', 'critical', '2026-03-03 09:00+00', '2026-03-03 09:15+00') AS march;
UPDATE ticket_sla.tickets SET status = 'waiting on customer', changed_at = '2026-03-03 10:00+00'
WHERE ticket_id = 12;
-- at 11:00 the March ticket's step (after 2 business hours) fires, and the
-- breaches of the two response targets missed in January and February
-- (critical Jan 7 16:30, due Jan 8 09:30, answered 10:00; high Feb 6 15:00,
-- due Feb 9 11:00, answered Feb 10 10:00): a target missed fires its breach
-- even once its clock stopped.  The plan "Office" has no warning.
SELECT ticket_sla.process_escalations('2026-03-03 11:00+00');
SELECT ticket_id, kind, target, cycle, due_at FROM ticket_sla.target_events ORDER BY ticket_id;
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2026-03-04 10:00+00'
WHERE ticket_id = 12 RETURNING resolution_due;
UPDATE ticket_sla.tickets SET resolved_at = '2026-03-04 12:00+00' WHERE ticket_id = 12;
SELECT file('Borough Council', 'medium', '2026-03-20 10:00+00'),
	   file('Borough Council', 'critical', '2026-04-01 09:00+00', '2026-04-01 09:10+00', '2026-04-01 09:30+00');

SELECT case_number, target, due, met_at, late_business, late_clock
FROM ticket_sla.breaches ORDER BY case_number, target;

-- Compliance: Q1 critical is 5 targets met of 6 (83.3 %), responses 0:15,
-- 0:30 and 1:30 (median 0:30, 90th percentile 0:30 + 0.8 x 1:00 = 1:18);
-- Q1 high 1 of 2, responses 2:00 and 11:00 (median 6:30, 90th 10:06)
SELECT period, period_start, organisation, contract, severity, tickets, targets_met,
	   targets_breached, compliance_pct, median_response, p90_response
FROM ticket_sla.compliance ORDER BY organisation, period DESC, period_start, severity;

-- ISMS.online's quarterly report for Borough Council, Q1 2026
SELECT * FROM ticket_sla.quarterly_report(2, '2026-Q1');
-- a quarter without tickets says so
SELECT section, severity, tickets, responses_met, escalations
FROM ticket_sla.quarterly_report(2, '2025-Q4');
SELECT error_of($$SELECT * FROM ticket_sla.quarterly_report(2, '2026-Q5')$$);
SELECT error_of($$SELECT * FROM ticket_sla.quarterly_report(2, 'Q1 2026')$$);

-- two more open tickets, for retarget below
SELECT file('Corner Shop', 'low', '2026-03-23 10:00+00'), file('Corner Shop', 'low', '2026-03-24 10:00+00');

-- A stricter contract does not rewrite history: resolved tickets keep the
-- terms they were held to, and the open ones move only when retargeted
-- (with a NOTICE per batch and the total)
UPDATE ticket_sla.contracts SET terms =
 'plan "Office"; hours (Mon-Fri 09:00-17:00; tz UTC);
  critical: respond within 30 business minutes, resolve within 4 business hours;
  high: respond within 2 business hours; medium: respond within 1 business day'
WHERE name = 'Office';
SELECT period_start, severity, targets_met, targets_breached, compliance_pct
FROM ticket_sla.compliance
WHERE organisation = 'Borough Council' AND period = 'quarter' ORDER BY period_start, severity;
SELECT ticket_sla.retarget('Office', batch => 2);
SELECT case_number, severity, response_due FROM ticket_sla.tickets
WHERE resolved_at IS NULL ORDER BY ticket_id;
SELECT error_of($$SELECT ticket_sla.retarget('Office', batch => 0)$$);

DROP FUNCTION file(text, ticket_sla.severity, timestamptz, timestamptz, timestamptz, boolean);
DROP FUNCTION error_of(text);
DROP FUNCTION try_query(text);
DROP FUNCTION recv_as(regtype, bytea);
