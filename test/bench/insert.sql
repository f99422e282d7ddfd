-- Run once by insert.sh before the timed rounds: the contracts, customers
-- and contacts the inserted tickets refer to, and the login role pgbench
-- connects as.  The pgbench scripts insert_triggers.sql and
-- insert_disabled.sql rely on two facts checked at the end: customer N is on
-- contract (N - 1) % 3 + 1, whose only version of terms has the same id, and
-- its contacts are 3 * (N - 1) + 1 to 3 * N.
\set ON_ERROR_STOP on
CREATE EXTENSION ticket_sla;
SET TimeZone = 'UTC';

-- Three plans: business hours in New York (respond targets only), round the
-- clock (premium, on the wall clock, no quota: taking premium requests from
-- a quota is an upsert per ticket on a row shared by the customer's
-- tickets, whose contention is a different measurement), and Berlin office
-- hours with the 2026 public holidays and resolution targets too.
INSERT INTO ticket_sla.contracts (contract_id, name, terms) VALUES
(1, 'Cyren Standard',
 'plan "Cyren Standard"; tier standard; hours (Mon-Fri 09:00-18:00; tz America/New_York);
  critical: respond within 4 business hours,
            escalate after 1 hour to "Director of Support Services",
            escalate after 2 hours to "VP Customer Success" and "VP Products";
  high: respond within 8 business hours,
        escalate after 2 hours to "Director of Support Services",
        escalate after 4 hours to "VP Customer Success" and "VP Products";
  medium: respond within 2 business days; low: respond within 4 business days'),
(2, 'Cyren Gold',
 'plan "Cyren Gold"; tier premium;
  critical: respond within 30 minutes,
            escalate after 1 hour to "Director of Support Services",
            escalate after 2 hours to "VP Customer Success" and "VP Products";
  high: respond within 1 hour,
        escalate after 2 hours to "Director of Support Services",
        escalate after 4 hours to "VP Customer Success" and "VP Products";
  medium: respond within 4 hours; low: respond within 8 hours'),
(3, 'Perseus Business',
 'plan "Perseus Business"; tier standard;
  hours (Mon-Fri 09:00-18:00; tz Europe/Berlin;
         closed 2026-01-01, 2026-04-03, 2026-04-06, 2026-05-01, 2026-05-14, 2026-05-25,
                2026-10-03, 2026-12-25, 2026-12-26; open 2026-12-24, 2026-12-31 09:00-13:00);
  critical: respond within 2 business hours, resolve within 1 business day;
  high: respond within 4 business hours, resolve within 3 business days;
  medium: respond within 1 business day, resolve within 5 business days;
  low: respond within 2 business days, resolve within 10 business days');

INSERT INTO ticket_sla.customers (customer_id, organisation, contract_id, contract_start)
SELECT n, format('Customer %s GmbH', n), (n - 1) % 3 + 1, date '2025-01-01' + n
FROM generate_series(1, :customers) AS n;

INSERT INTO ticket_sla.contacts (contact_id, customer_id, name, email, phone)
SELECT 3 * (n - 1) + k, n, format('Contact %s of customer %s', k, n),
       format('contact%s@customer%s.example', k, n), format('+49 30 %s', 1000000 + 10 * n + k)
FROM generate_series(1, :customers) AS n, generate_series(1, 3) AS k;

-- pgbench connects as an agent, as the support desk's application would
-- (row-level security applies to it as it does in production)
CREATE ROLE bench_agent LOGIN IN ROLE ticket_sla_agent;
-- the variant "disabled" inserts what the trigger would stamp, which no
-- agent may give (only a restore does, as a superuser)
GRANT INSERT (case_number, terms_id, clock_start, response_due, resolution_due, changed_at,
              paused_business, paused_elapsed, escalation_level, next_escalation_at,
              cycle, events_fired, revision)
	ON ticket_sla.tickets TO bench_agent;

DO $$
BEGIN
	IF EXISTS (SELECT FROM ticket_sla.contract_terms WHERE terms_id <> contract_id)
	   OR EXISTS (SELECT FROM ticket_sla.customer_terms ct JOIN ticket_sla.customers cu USING (customer_id)
	              WHERE ct.terms_id <> (cu.customer_id - 1) % 3 + 1) THEN
		RAISE EXCEPTION 'the seed does not match what the pgbench scripts assume';
	END IF;
END $$;

VACUUM ANALYZE;
