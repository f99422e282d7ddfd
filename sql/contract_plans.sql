--
-- The seven plans of the seed policies as contracts, and their deadlines at
-- fixed instants, each worked out by hand ("want", written with its UTC
-- offset) and shown in the plan's own local time.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS ticket_sla;
RESET client_min_messages;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

\i test/fixtures/seed_plans.sql
CREATE TEMP TABLE plans AS
SELECT v.plan, v.zone, c.terms AS c
FROM ticket_sla.contracts AS c
JOIN (VALUES ('Perseus Basis', 'Perseus Basis', 'Europe/Berlin'),
             ('Perseus Premium', 'Perseus Premium', 'Europe/Berlin'),
             ('Kaspersky Enhanced Support with TAM', 'Kaspersky Enhanced', 'Europe/Berlin'),
             ('Cyren Standard', 'Cyren Standard', 'America/New_York'),
             ('Cyren Gold', 'Cyren Gold', 'UTC'),
             ('ISMS.online', 'ISMS.online', 'GMT'),
             ('Kaspersky MSA Plus', 'Kaspersky MSA Plus', 'Europe/Amsterdam'))
     AS v(name, plan, zone) USING (name);

-- Response deadlines.  2026-03-13 is a Friday; the United States moved to
-- summer time on 2026-03-08, Europe on 2026-03-29 (02:00 CET -> 03:00 CEST).
SELECT p.plan, t.sev,
       to_char(t.opened AT TIME ZONE p.zone, 'Dy YYYY-MM-DD HH24:MI') AS opened_local,
       to_char(ticket_sla.response_deadline(t.opened, t.sev, p.c) AT TIME ZONE p.zone,
               'Dy YYYY-MM-DD HH24:MI') AS due_local,
       ticket_sla.response_deadline(t.opened, t.sev, p.c) IS NOT DISTINCT FROM t.want AS ok
FROM plans AS p JOIN (VALUES
  -- no response targets in these plans
  ('Perseus Basis', 'critical'::ticket_sla.severity, '2026-03-13 16:30+01'::timestamptz, NULL::timestamptz),
  ('Perseus Basis', 'low', '2026-03-13 16:30+01', NULL),
  ('Perseus Premium', 'critical', '2026-03-13 16:30+01', NULL),
  -- Friday 16:30 in Berlin: 30 minutes and 4 hours on the clock; 6 and 8
  -- business hours are 1.5 on Friday, then 4.5 and 6.5 on Monday
  ('Kaspersky Enhanced', 'critical', '2026-03-13 16:30+01', '2026-03-13 17:00+01'),
  ('Kaspersky Enhanced', 'high', '2026-03-13 16:30+01', '2026-03-13 20:30+01'),
  ('Kaspersky Enhanced', 'medium', '2026-03-13 16:30+01', '2026-03-16 13:30+01'),
  ('Kaspersky Enhanced', 'low', '2026-03-13 16:30+01', '2026-03-16 15:30+01'),
  -- Saturday: the clock runs for critical, business hours start on Monday
  ('Kaspersky Enhanced', 'critical', '2026-03-14 10:00+01', '2026-03-14 10:30+01'),
  ('Kaspersky Enhanced', 'medium', '2026-03-14 10:00+01', '2026-03-16 15:00+01'),
  -- across the change to summer time: 1 business hour on Friday, 5 on
  -- Monday in CEST; 4 hours on the clock from Saturday 23:30 CET end at
  -- 04:30 CEST (the clock skips 02:00-03:00)
  ('Kaspersky Enhanced', 'medium', '2026-03-27 17:00+01', '2026-03-30 14:00+02'),
  ('Kaspersky Enhanced', 'high', '2026-03-28 23:30+01', '2026-03-29 04:30+02'),
  -- New York, Friday 16:30 EDT: 1.5 business hours on Friday, the rest on
  -- Monday; 2 and 4 business days land at the same time of day
  ('Cyren Standard', 'critical', '2026-03-13 16:30-04', '2026-03-16 11:30-04'),
  ('Cyren Standard', 'high', '2026-03-13 16:30-04', '2026-03-16 15:30-04'),
  ('Cyren Standard', 'medium', '2026-03-13 16:30-04', '2026-03-17 16:30-04'),
  ('Cyren Standard', 'low', '2026-03-13 16:30-04', '2026-03-19 16:30-04'),
  -- Saturday counts as Friday's close: business days land at a close
  ('Cyren Standard', 'critical', '2026-03-14 10:00-04', '2026-03-16 13:00-04'),
  ('Cyren Standard', 'medium', '2026-03-14 10:00-04', '2026-03-17 18:00-04'),
  -- Friday 17:00 EST before the change: 1 hour, then 3 on Monday in EDT
  ('Cyren Standard', 'critical', '2026-03-06 17:00-05', '2026-03-09 12:00-04'),
  -- Gold: round the clock
  ('Cyren Gold', 'critical', '2026-03-13 22:00+00', '2026-03-13 22:30+00'),
  ('Cyren Gold', 'high', '2026-03-13 22:00+00', '2026-03-13 23:00+00'),
  ('Cyren Gold', 'medium', '2026-03-13 22:00+00', '2026-03-14 02:00+00'),
  ('Cyren Gold', 'low', '2026-03-13 22:00+00', '2026-03-14 06:00+00'),
  -- ISMS.online keeps GMT in summer: Friday 16:00 GMT is 17:00 in London
  ('ISMS.online', 'critical', '2026-07-10 16:00+00', '2026-07-10 17:00+00'),
  ('ISMS.online', 'high', '2026-07-10 16:00+00', '2026-07-13 11:00+00'),
  ('ISMS.online', 'medium', '2026-07-10 16:00+00', '2026-07-13 15:00+00'),
  ('ISMS.online', 'low', '2026-07-10 16:00+00', NULL),
  -- MSA Plus: only level 1 has a target; 2 hours on Friday, 2 on Monday
  ('Kaspersky MSA Plus', 'critical', '2026-03-13 15:00+01', '2026-03-16 11:00+01'),
  ('Kaspersky MSA Plus', 'high', '2026-03-13 15:00+01', NULL),
  -- the Sunday of the change: Monday 09:00 CEST plus 4 hours
  ('Kaspersky MSA Plus', 'critical', '2026-03-29 10:00+02', '2026-03-30 13:00+02')
) AS t(plan, sev, opened, want) USING (plan)
ORDER BY p.plan, t.opened, t.sev;

-- No seed plan sets a resolution target; these do.  A business day, then
-- business hours; on the clock a day is 24 hours, also on the day of the
-- change to summer time (11:00 UTC is 12:00 CET before and 13:00 CEST after).
SELECT to_char(t.opened, 'Dy YYYY-MM-DD HH24:MI') AS opened,
       to_char(ticket_sla.resolution_deadline(t.opened, t.sev, t.c), 'Dy YYYY-MM-DD HH24:MI') AS due,
       ticket_sla.resolution_deadline(t.opened, t.sev, t.c) IS NOT DISTINCT FROM t.want AS ok
FROM (VALUES
  ('hours (Mon-Fri 09:00-17:00; tz UTC); critical: respond within 1 hour, resolve within 1 business day 2 business hours'::ticket_sla.contract,
   'critical'::ticket_sla.severity, '2026-03-16 10:00+00'::timestamptz, '2026-03-17 12:00+00'::timestamptz),
  ('hours (Mon-Fri 09:00-17:00; tz UTC); critical: respond within 1 hour, resolve within 1 business day 2 business hours',
   'high', '2026-03-16 10:00+00', NULL),
  ('critical: resolve within 1 day', 'critical', '2026-03-28 11:00+00', '2026-03-29 11:00+00')
) AS t(c, sev, opened, want);

-- NULL in, NULL out; an infinite opening stays infinite.
SELECT ticket_sla.response_deadline(NULL, 'critical', c) IS NULL AS null_opened,
       ticket_sla.response_deadline('2026-03-13 10:00+00', NULL, c) IS NULL AS null_severity,
       ticket_sla.response_deadline('infinity', 'critical', c) AS infinite
FROM plans WHERE plan = 'Cyren Gold';

-- The functions are IMMUTABLE: a generated column and an expression index
-- can use them.
CREATE TEMP TABLE tickets (
  opened_at timestamptz NOT NULL,
  severity ticket_sla.severity NOT NULL,
  c ticket_sla.contract NOT NULL,
  response_due timestamptz GENERATED ALWAYS AS (ticket_sla.response_deadline(opened_at, severity, c)) STORED
);
CREATE INDEX ON tickets (ticket_sla.resolution_deadline(opened_at, severity, c));
INSERT INTO tickets (opened_at, severity, c)
SELECT '2026-03-13 16:30+01', 'medium', c FROM plans WHERE plan = 'Kaspersky Enhanced';
SELECT response_due = '2026-03-16 13:30+01' AS ok FROM tickets;

-- Volatility as declared.
SELECT proname, provolatile, proparallel, proisstrict
FROM pg_proc
WHERE pronamespace = 'ticket_sla'::regnamespace AND proname LIKE '%\_deadline' AND proname <> 'business_deadline'
ORDER BY proname;

--
-- What 0.5 lets the plans say, each worked out by hand
--
-- Kaspersky MSA Plus closes on Liberation Day in lustrum years only
-- (NL-LUSTRUM).  A critical request on Friday 2 May 2025 at 16:00 in
-- Amsterdam (14:00 UTC): 1 business hour on Friday, Monday 5 May 2025
-- closed, 3 on Tuesday: 12:00, 10:00 UTC.  On Monday 4 May 2026 at 16:00:
-- 1 hour on Monday, and Tuesday 5 May 2026 is a working day: 12:00 on it.
-- Beyond the quota (standard: none) a request has no target.
SELECT t.opened, t.tier,
       ticket_sla.response_deadline(t.opened, 'critical', ticket_sla.terms_for(p.c, 'incident', t.tier, 1)) AS due
FROM plans p, (VALUES ('2025-05-02 14:00+00'::timestamptz, 'premium'::ticket_sla.tier),
                      ('2026-05-04 14:00+00', 'premium'), ('2026-05-04 14:00+00', 'standard')) AS t(opened, tier)
WHERE p.plan = 'Kaspersky MSA Plus' ORDER BY t.opened, t.tier;
-- Perseus Premium: a cyber incident of any severity calls in the forensic
-- provider after 4 hours round the clock (its own hours, 24x7): opened on
-- Saturday 7 March 2026 at 22:00 in Berlin (21:00 UTC), at 01:00 UTC on
-- Sunday; a low incident has no ladder, a critical one the plan's (4 hours
-- on the clock: 01:00 UTC too)
SELECT k.kind, k.sev, s.step, s.after, s.due, s.recipients
FROM plans p, (VALUES ('cyber incident', 'low'::ticket_sla.severity), ('incident', 'low'),
                      ('incident', 'critical')) AS k(kind, sev)
LEFT JOIN LATERAL ticket_sla.escalation_steps('2026-03-07 21:00+00', k.sev,
          ticket_sla.terms_for((SELECT c FROM plans WHERE plan = 'Perseus Premium'), k.kind, 'premium', 1)) AS s ON true
WHERE p.plan = 'Perseus Premium' ORDER BY k.kind, k.sev;
