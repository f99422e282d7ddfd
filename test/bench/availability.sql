-- The store of test/bench/availability.sh: CUSTOMERS customers on a plan
-- with a monthly availability target (London's months, maintenance
-- announced 5 days ahead), each taking three services since 1 January
-- 2025; OUTAGES outages and WINDOWS maintenance windows at random instants
-- (fixed seed) of 2025 and 2026 up to 30 November, a fifth of each for one
-- customer alone, a fifth of the windows announced late.  Outages last up
-- to 15 minutes: about 29 a month per service, near a 99.5 % budget of
-- 216 to 223 minutes, so months fall on both sides of it.
SET TimeZone = 'UTC';
SELECT setseed(0.2026);
CREATE EXTENSION ticket_sla;
INSERT INTO ticket_sla.contracts (name, terms) VALUES
('Platform', 'plan "Platform"; hours (Mon-Fri 09:00-18:00; tz Europe/London);
  availability 99.5% per month, maintenance announced 5 days ahead;
  critical: respond within 1 business hour');
INSERT INTO ticket_sla.customers (organisation, contract_id)
SELECT 'Customer ' || i, 1 FROM generate_series(1, :customers) i;
-- the terms in force before the first month measured
SET session_replication_role = replica;
UPDATE ticket_sla.contract_terms SET in_force_from = '2024-12-01 00:00+00';
RESET session_replication_role;
INSERT INTO ticket_sla.services (name) VALUES ('Portal'), ('API'), ('Reports');
INSERT INTO ticket_sla.customer_services (customer_id, service_id, since)
SELECT c, s, '2025-01-01 00:00+00' FROM generate_series(1, :customers) c, generate_series(1, 3) s;
INSERT INTO ticket_sla.outages (service_id, during, customers)
SELECT 1 + floor(random() * 3)::int, tstzrange(t, t + random() * interval '15 minutes'),
	   CASE WHEN random() < 0.2 THEN ARRAY[1 + floor(random() * :customers)::int] END
FROM (SELECT timestamptz '2025-01-01 00:00+00' + random() * interval '698 days' AS t
	  FROM generate_series(1, :outages)) o;
INSERT INTO ticket_sla.maintenance_windows (service_id, during, announced_at, customers)
SELECT 1 + floor(random() * 3)::int, tstzrange(t, t + interval '2 hours'),
	   t - CASE WHEN random() < 0.2 THEN interval '2 days' ELSE interval '10 days' END,
	   CASE WHEN random() < 0.2 THEN ARRAY[1 + floor(random() * :customers)::int] END
FROM (SELECT timestamptz '2025-01-15 00:00+00' + random() * interval '680 days' AS t
	  FROM generate_series(1, :windows)) w;
ANALYZE;
