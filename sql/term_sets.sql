--
-- term_sets: terms for some tickets (0.5) — a request type, the standard
-- requests of a premium plan, a support level — and hours per set of
-- terms, as the seed policies need them.  Every expected instant below is
-- worked out by hand in the comment before its query.
--
SET TimeZone = 'UTC';
\set ECHO none
\i test/fixtures/io_helpers.sql
\i test/fixtures/fresh_store.sql
\set ECHO all

--
-- Which set a ticket is held to: the one that says most of it, weighed
-- request type, standard, level, severity.  A set decides alone: a ticket
-- held to it has its targets, ladder and hours and no others.
--
CREATE TEMP TABLE plans (name text PRIMARY KEY, c ticket_sla.contract);
INSERT INTO plans VALUES
-- Kaspersky TAM with signature change requests (the policy names the
-- request type; 4 business hours and 5 business days are this test's)
('tam', 'plan "Kaspersky Enhanced Support with TAM"; tier premium;
  hours (Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE); named contacts 8; phone only out of hours;
  critical: respond within 30 minutes; high: respond within 4 hours;
  medium: respond within 6 business hours; low: respond within 8 business hours;
  request "signature change": respond within 4 business hours, resolve within 5 business days'),
-- Perseus Premium: cyber incidents 24x7, everything else in Berlin hours
('perseus', 'plan "Perseus Premium"; tier premium; hours (Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE-BE);
  high: respond within 4 business hours;
  request "cyber incident": hours (24x7; tz Europe/Berlin), respond within 1 business hour,
    escalate after 4 business hours to "external forensic provider"'),
-- MSA Plus: over the quota, the standard package (1 business day: this test's)
('msa', 'plan "Kaspersky MSA Plus"; tier premium; hours (Mon-Fri 09:00-17:00; tz Europe/Amsterdam; holidays NL-LUSTRUM);
  premium requests 12 per year; phone only out of hours;
  critical: respond within 4 business hours; standard critical: respond within 1 business day'),
-- the same plan where the standard package sets no target: standard: none
('msa none', 'plan "Kaspersky MSA Plus"; tier premium; hours (Mon-Fri 09:00-17:00; tz Europe/Amsterdam; holidays NL-LUSTRUM);
  premium requests 12 per year; phone only out of hours;
  critical: respond within 4 business hours; standard: none'),
-- ISMS.online: a third-level critical issue also gets a resolution target
('isms', 'plan "ISMS.online"; hours (Mon-Fri 09:00-18:00; tz GMT; holidays GB-ENG);
  critical: respond within 1 business hour;
  level 3 critical: respond within 1 business hour, resolve within 2 business days');

-- Kaspersky, opened Monday 2 March 2026 10:00 Berlin (09:00 UTC, CET):
-- an incident: 30 minutes, 09:30 UTC; a signature change of any severity:
-- 4 business hours, 14:00 Berlin = 13:00 UTC, resolved within 5 business
-- days, Monday 9 March 10:00 Berlin = 09:00 UTC
SELECT kind, sev,
       ticket_sla.response_deadline('2026-03-02 09:00+00', sev, t) AS respond_by,
       ticket_sla.resolution_deadline('2026-03-02 09:00+00', sev, t) AS resolve_by
FROM plans, (VALUES ('incident'), ('signature change')) AS k(kind),
     unnest('{critical,low}'::ticket_sla.severity[]) AS sev,
     LATERAL (SELECT ticket_sla.terms_for(c, kind, 'premium', 1) AS t) AS x
WHERE name = 'tam' ORDER BY kind, sev;

-- the plan as a signature change sees it: each severity has the type's terms
SELECT ticket_sla.terms_for(c, 'signature change', 'premium', 1) FROM plans WHERE name = 'tam';
-- a type the plan does not name sees the plain terms, as an incident does
SELECT ticket_sla.terms_for(c, 'question', 'premium', 2)
       OPERATOR(ticket_sla.=) ticket_sla.terms_for(c, 'incident', 'premium', 1) AS same,
       ticket_sla.terms_for(c, 'question', 'premium', 2) OPERATOR(ticket_sla.=) c AS same_as_plan
FROM plans WHERE name = 'tam';
-- a plan with only plain terms is the same plan for every kind
SELECT ticket_sla.terms_for(c, 'signature change', 'standard', 3) OPERATOR(ticket_sla.=) c AS same
FROM (VALUES ('tier premium; critical: respond within 1 hour'::ticket_sla.contract)) AS v(c);
SELECT ticket_sla.request_types(c) FROM plans ORDER BY name;

-- Perseus, opened Saturday 7 March 2026 22:00 Berlin (21:00 UTC): a cyber
-- incident counts round the clock, 1 hour: 22:00 UTC, and calls in the
-- forensic provider 4 hours on, Sunday 01:00 UTC; a high incident waits
-- for Monday 9 March 09:00 Berlin, + 4 hours = 13:00 Berlin = 12:00 UTC
SELECT kind, ticket_sla.response_deadline('2026-03-07 21:00+00', sev, t) AS respond_by,
       (SELECT array_agg(due || ' ' || recipients[1])
          FROM ticket_sla.escalation_steps('2026-03-07 21:00+00', sev, t)) AS ladder
FROM plans, (VALUES ('cyber incident', 'critical'::ticket_sla.severity), ('incident', 'high')) AS k(kind, sev),
     LATERAL (SELECT ticket_sla.terms_for(c, kind, 'premium', 1) AS t) AS x
WHERE name = 'perseus' ORDER BY kind;
SELECT ticket_sla.terms_for(c, 'cyber incident', 'premium', 1) FROM plans WHERE name = 'perseus';

-- MSA Plus, opened Monday 2 March 2026 10:00 Amsterdam (09:00 UTC): a
-- premium critical request, 4 business hours: 14:00 = 13:00 UTC; one over
-- the quota (standard): 1 business day, Tuesday 10:00 = 09:00 UTC
SELECT tier, ticket_sla.response_deadline('2026-03-02 09:00+00', 'critical',
                                          ticket_sla.terms_for(c, 'incident', tier, 1)) AS respond_by
FROM plans, unnest('{premium,standard}'::ticket_sla.tier[]) AS tier
WHERE name = 'msa' ORDER BY tier;
-- with standard: none, a standard request has no target
SELECT tier, ticket_sla.response_deadline('2026-03-02 09:00+00', 'critical',
                                          ticket_sla.terms_for(c, 'incident', tier, 1)) AS respond_by
FROM plans, unnest('{premium,standard}'::ticket_sla.tier[]) AS tier
WHERE name = 'msa none' ORDER BY tier;

-- ISMS.online, opened Monday 2 March 2026 17:30 GMT: 1 business hour is
-- 30 minutes on Monday and 30 on Tuesday: 09:30; at level 3 also resolved
-- within 2 business days, Wednesday 4 March 17:30
SELECT level, ticket_sla.response_deadline('2026-03-02 17:30+00', 'critical', t) AS respond_by,
       ticket_sla.resolution_deadline('2026-03-02 17:30+00', 'critical', t) AS resolve_by
FROM plans, generate_series(1, 3) AS level,
     LATERAL (SELECT ticket_sla.terms_for(c, 'incident', 'standard', level) AS t) AS x
WHERE name = 'isms' ORDER BY level;
SELECT error_of($$SELECT ticket_sla.terms_for('tier standard', 'incident', 'standard', 4)$$);

--
-- In the store: the request types are rows; a ticket's type, tier and
-- support level choose its terms when it is stamped, and a change of type
-- or level re-stamps them like a change of severity
--
SELECT * FROM ticket_sla.request_types;
-- a contract naming a type that is not a row is refused
SELECT error_of($$INSERT INTO ticket_sla.contracts (name, terms) SELECT 'TAM', c FROM plans WHERE name = 'tam'$$);
INSERT INTO ticket_sla.request_types VALUES
  ('signature change', 'A false positive or false negative of the anti-virus signatures, to be released'),
  ('cyber incident', 'An attack in progress or found');
INSERT INTO ticket_sla.contracts (name, terms) SELECT name, c FROM plans;
INSERT INTO ticket_sla.customers (organisation, contract_id, contract_start)
SELECT 'Customer of ' || name, contract_id, '2026-01-01' FROM ticket_sla.contracts;

CREATE FUNCTION open_ticket(plan text, kind text, sev ticket_sla.severity, at timestamptz,
                            level smallint DEFAULT 1)
RETURNS TABLE (case_number text, tier ticket_sla.tier, response_due timestamptz,
               resolution_due timestamptz, next_escalation_at timestamptz)
LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
		description, current_behaviour, expected_behaviour, channel, severity, opened_at,
		request_type, support_level)
	SELECT customer_id, 'Endpoint', kind, at, 'Some', 'Something', 'Now', 'Then', 'phone', sev, at,
	       kind, level
	FROM ticket_sla.customers WHERE organisation = 'Customer of ' || plan
	RETURNING case_number, tier, response_due, resolution_due, next_escalation_at
$$;

-- the Kaspersky and Perseus tickets of the examples above, stamped alike
SELECT * FROM open_ticket('tam', 'signature change', 'low', '2026-03-02 09:00+00');
SELECT * FROM open_ticket('perseus', 'cyber incident', 'critical', '2026-03-07 21:00+00');
-- an unknown type: the foreign key refuses it (its case number, 3, is spent)
SELECT error_of($$SELECT * FROM open_ticket('tam', 'complaint', 'low', '2026-03-02 09:00+00')$$);

-- a change of type re-stamps from the same clock start: the signature
-- change becomes an incident of severity low, 8 business hours from Monday
-- 10:00 Berlin: 18:00 = 17:00 UTC; no resolution target
UPDATE ticket_sla.tickets SET request_type = 'incident', changed_at = '2026-03-02 10:00+00'
WHERE case_number = 'CASE-2026-000001'
RETURNING case_number, request_type, response_due, resolution_due, changed_at;

-- the ISMS ticket at level 1, raised to level 3 at 18:00 on Monday: it
-- gains the resolution target of level 3 (Wednesday 17:30), and the
-- change is recorded like any other
SELECT * FROM open_ticket('isms', 'incident', 'critical', '2026-03-02 17:30+00');
UPDATE ticket_sla.tickets SET support_level = 3, changed_at = '2026-03-02 18:00+00'
WHERE case_number = 'CASE-2026-000004'
RETURNING case_number, support_level, response_due, resolution_due, changed_at;

-- a resolved ticket keeps its type and level until it is reopened
UPDATE ticket_sla.tickets SET status = 'resolved', resolved_at = '2026-03-03 09:00+00'
WHERE case_number = 'CASE-2026-000004';
SELECT error_of($$UPDATE ticket_sla.tickets SET support_level = 2 WHERE case_number = 'CASE-2026-000004'$$);
SELECT error_of($$UPDATE ticket_sla.tickets SET request_type = 'cyber incident' WHERE case_number = 'CASE-2026-000004'$$);

-- Kaspersky TAM serves its named contacts as premium: a request from an
-- active named contact is premium; one from a contact made inactive (as
-- from no contact, above) is stored as standard, with a NOTICE.  TAM asks
-- for no report fields: a ticket without them is stored.  A high request
-- at 10:00 Berlin on Wednesday 4 March is answered within 4 hours either
-- way (the plan gives standard requests no terms of their own): 13:00 UTC
INSERT INTO ticket_sla.contacts (customer_id, name)
SELECT customer_id, 'Named ' || i FROM ticket_sla.customers, generate_series(1, 2) AS i
WHERE organisation = 'Customer of tam';
UPDATE ticket_sla.contacts SET active = false WHERE name = 'Named 2';
INSERT INTO ticket_sla.tickets (customer_id, contact_id, channel, severity, opened_at)
SELECT customer_id, contact_id, 'phone', 'high', '2026-03-04 09:00+00'
FROM ticket_sla.contacts WHERE name LIKE 'Named %' ORDER BY contact_id
RETURNING case_number, contact_id, tier, response_due, summary IS NULL AS no_report;
SELECT * FROM ticket_sla.premium_requests;

-- Paused time follows the hours of the terms the ticket is held to.  Office
-- hours 09:00-17:00 UTC, a critical ticket resolved within 16 business
-- hours; at level 2 the same on a 24x7 clock.  Opened at level 2 on Monday
-- 2 March 2026 09:00, waiting on the customer from 10:00 to Thursday 5
-- March 10:00 (72 hours round the clock): due 09:00 + 16 + 72 hours =
-- Friday 01:00.  Back to level 1 at 11:00: the pause recounted in office
-- hours is 7 + 8 + 8 + 1 = 24 business hours, and 16 business hours from
-- Monday 09:00 (Tuesday 17:00) plus 24 is Friday 6 March 17:00
INSERT INTO ticket_sla.contracts (name, terms) VALUES ('Levels',
 'hours (Mon-Fri 09:00-17:00; tz UTC); critical: resolve within 16 business hours;
  level 2 critical: hours (24x7; tz UTC), resolve within 16 business hours');
INSERT INTO ticket_sla.customers (organisation, contract_id)
SELECT 'Levels Ltd', contract_id FROM ticket_sla.contracts WHERE name = 'Levels';
INSERT INTO ticket_sla.tickets (customer_id, channel, severity, opened_at, support_level)
SELECT customer_id, 'email', 'critical', '2026-03-02 09:00+00', 2
FROM ticket_sla.customers WHERE organisation = 'Levels Ltd'
RETURNING case_number, resolution_due;
UPDATE ticket_sla.tickets SET status = 'waiting on customer', changed_at = '2026-03-02 10:00+00'
WHERE case_number = 'CASE-2026-000007';
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2026-03-05 10:00+00'
WHERE case_number = 'CASE-2026-000007'
RETURNING paused_business, paused_elapsed, resolution_due;
UPDATE ticket_sla.tickets SET support_level = 1, changed_at = '2026-03-05 11:00+00'
WHERE case_number = 'CASE-2026-000007'
RETURNING paused_business, paused_elapsed, resolution_due;
-- and back to level 2 at 12:00: 72 hours again, due Friday 01:00
UPDATE ticket_sla.tickets SET support_level = 2, changed_at = '2026-03-05 12:00+00'
WHERE case_number = 'CASE-2026-000007'
RETURNING paused_business, resolution_due;

-- A change of kind re-stamps both deadlines from the same clock start, and
-- the verdicts follow (as a change of severity does).  The Kaspersky
-- signature change of above (now an incident, answered at 11:00 on Monday:
-- due 17:00, met) made a signature change again: 4 business hours, due
-- 13:00, still met; its resolution target comes back (Monday 9 March 09:00)
UPDATE ticket_sla.tickets SET first_response_at = '2026-03-02 11:00+00'
WHERE case_number = 'CASE-2026-000001';
UPDATE ticket_sla.tickets SET request_type = 'signature change', changed_at = '2026-03-02 12:00+00'
WHERE case_number = 'CASE-2026-000001'
RETURNING response_due, response_met, resolution_due;

-- terms_for gives a plan in canonical form: a warning whose terms lost
-- their targets is left out, so the value reads back equal
SELECT t, t::text::ticket_sla.contract OPERATOR(ticket_sla.=) t AS rereads_equal
FROM ticket_sla.terms_for('warn at 5%; request "x": respond within 1 hour', 'incident', 'standard', 1) AS t;

DROP FUNCTION open_ticket(text, text, ticket_sla.severity, timestamptz, smallint);
--
-- Against a naive reference on random inputs: 300 random plans of up to 5
-- clauses of terms for some tickets (a request type "a" or "b", standard,
-- a level, a severity, each or not), the clause numbered n answering
-- within n minutes, and 10 random kinds of ticket.  The reference picks,
-- by brute force over the clauses as generated, the one that matches the
-- ticket and says most of it (request type 8, standard 4, level 2,
-- severity 1); the engine answers through terms_for.  The seed makes the
-- inputs the same on every run and machine.
--
SELECT setseed(0.17);
CREATE TEMP TABLE ref_clauses AS
SELECT c.id, k.n,
       (ARRAY[NULL, 'a', 'b'])[1 + floor(random() * 3)::int] AS rtype,
       random() < 0.3 AS std,
       floor(random() * 4)::int AS lvl,
       (ARRAY[NULL, 'critical', 'high', 'medium', 'low'])[1 + floor(random() * 5)::int]::ticket_sla.severity AS sev
FROM generate_series(1, 300) AS c(id), generate_series(1, 5) AS k(n);
-- a clause says something of the ticket, and no two say the same
DELETE FROM ref_clauses WHERE rtype IS NULL AND NOT std AND lvl = 0 AND sev IS NULL;
DELETE FROM ref_clauses a USING ref_clauses b
WHERE a.id = b.id AND a.n > b.n AND a.rtype IS NOT DISTINCT FROM b.rtype AND a.std = b.std
  AND a.lvl = b.lvl AND a.sev IS NOT DISTINCT FROM b.sev;
CREATE TEMP TABLE ref_plans AS
SELECT id, ('tier premium; ' || string_agg(
         concat_ws(' ', CASE WHEN rtype IS NOT NULL THEN format('request "%s"', rtype) END,
                   CASE WHEN std THEN 'standard' END, CASE WHEN lvl > 0 THEN 'level ' || lvl END,
                   sev::text) || ': respond within ' || n || ' minutes', '; '))::ticket_sla.contract AS c
FROM ref_clauses GROUP BY id;
CREATE TEMP TABLE ref_kinds AS
SELECT k, (ARRAY['incident', 'a', 'b'])[1 + floor(random() * 3)::int] AS rtype,
       (ARRAY['premium', 'standard'])[1 + floor(random() * 2)::int]::ticket_sla.tier AS tier,
       1 + floor(random() * 3)::int AS lvl,
       (ARRAY['critical', 'high', 'medium', 'low'])[1 + floor(random() * 4)::int]::ticket_sla.severity AS sev
FROM generate_series(1, 10) AS k;
SELECT count(*) AS cases,
       count(*) FILTER (WHERE engine IS DISTINCT FROM naive) AS differ,
       count(naive) > 600 AS a_fifth_with_a_target,
       count(DISTINCT weight) = 15 AS every_weight_chosen
FROM (SELECT p.id, k.k,
             extract(epoch FROM ticket_sla.response_deadline('2026-01-01 00:00+00', k.sev,
                 ticket_sla.terms_for(p.c, k.rtype, k.tier, k.lvl)) - '2026-01-01 00:00+00') / 60 AS engine,
             r.n AS naive, r.weight
      FROM ref_plans p CROSS JOIN ref_kinds k
      LEFT JOIN LATERAL (
          SELECT c.n, (c.rtype IS NOT NULL)::int * 8 + c.std::int * 4 + (c.lvl > 0)::int * 2
                      + (c.sev IS NOT NULL)::int AS weight
          FROM ref_clauses c
          WHERE c.id = p.id AND (c.rtype IS NULL OR c.rtype = k.rtype)
            AND (NOT c.std OR k.tier = 'standard') AND (c.lvl = 0 OR c.lvl = k.lvl)
            AND (c.sev IS NULL OR c.sev = k.sev)
          ORDER BY weight DESC LIMIT 1) AS r ON true) AS x;

DROP FUNCTION recv_as(regtype, bytea);
DROP FUNCTION try_query(text);
DROP FUNCTION error_of(text);
