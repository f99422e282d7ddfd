--
-- What the plans entitle a customer to: named contacts, premium requests
-- by quota and period; and who may see what: roles and confidential
-- tickets under row-level security.
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
\i test/fixtures/io_helpers.sql


INSERT INTO ticket_sla.contracts (name, terms) VALUES
('Kaspersky Enhanced',
 'plan "Kaspersky Enhanced Support with TAM"; tier premium;
  hours (Mon-Fri 09:00-18:00; tz Europe/Berlin); named contacts 8; phone only out of hours;
  critical: respond within 30 minutes; high: respond within 4 hours;
  medium: respond within 6 business hours; low: respond within 8 business hours'),
('Kaspersky MSA Plus',
 'plan "Kaspersky MSA Plus"; tier premium; hours (Mon-Fri 09:00-17:00; tz Europe/Amsterdam);
  premium requests 12 per year; phone only out of hours;
  critical: respond within 4 business hours'),
('Cyren Standard',
 'plan "Cyren Standard"; tier standard; hours (Mon-Fri 09:00-18:00; tz America/New_York);
  critical: respond within 4 business hours'),
('Monthly Two', 'plan "Monthly Two"; tier premium; premium requests 2 per month;
  critical: respond within 1 hour');

INSERT INTO ticket_sla.customers (organisation, contract_id, contract_start) VALUES
('Maschinenbau Kern', 1, '2026-01-01'),
('Ziekenhuis West', 2, '2025-07-01'),
('Corner Retail', 3, '2026-01-01'),
('Small Shop', 4, '2026-01-31'),
('Maschinenbau Sued', 1, '2026-01-01');

--
-- The contract's other terms, as the functions read them
--
SELECT name, ticket_sla.plan_name(terms), ticket_sla.tier(terms),
       ticket_sla.named_contact_limit(terms), ticket_sla.premium_quota(terms),
       ticket_sla.hours(terms)
FROM ticket_sla.contracts ORDER BY contract_id;
SELECT ticket_sla.plan_name('tier premium') IS NULL AS unnamed,
       ticket_sla.hours('tier premium') IS NULL AS no_hours;

--
-- Named contacts: Kaspersky allows 8 active ones
--
INSERT INTO ticket_sla.contacts (customer_id, name)
SELECT 1, 'Contact ' || i FROM generate_series(1, 8) i;
SELECT error_of($$INSERT INTO ticket_sla.contacts (customer_id, name) VALUES (1, 'Contact 9')$$);
-- all eight at once in one statement: the ninth row fails, and none stays
SELECT error_of($$INSERT INTO ticket_sla.contacts (customer_id, name)
	SELECT 5, 'Person ' || i FROM generate_series(1, 9) i$$);
SELECT count(*) AS contacts_of_sued FROM ticket_sla.contacts WHERE customer_id = 5;
-- an inactive contact does not count; nor does another customer's
INSERT INTO ticket_sla.contacts (customer_id, name, active) VALUES (1, 'Former contact', false);
INSERT INTO ticket_sla.contacts (customer_id, name) VALUES (5, 'Person 1');
-- to bring a ninth in, one goes out
SELECT error_of($$UPDATE ticket_sla.contacts SET active = true WHERE name = 'Former contact'$$);
UPDATE ticket_sla.contacts SET active = false WHERE name = 'Contact 3';
UPDATE ticket_sla.contacts SET active = true WHERE name = 'Former contact';
-- a change that is not of activity is not checked again
UPDATE ticket_sla.contacts SET email = 'c1@kern.example' WHERE name = 'Contact 1';
-- moving an active contact to a customer at its limit
SELECT error_of($$UPDATE ticket_sla.contacts SET customer_id = 1 WHERE name = 'Person 1'$$);
SELECT customer_id, count(*) FILTER (WHERE active) AS active, count(*) AS all_contacts
FROM ticket_sla.contacts GROUP BY customer_id ORDER BY 1;
-- plans without a limit have none
INSERT INTO ticket_sla.contacts (customer_id, name)
SELECT 3, 'Clerk ' || i FROM generate_series(1, 20) i;
SELECT count(*) AS retail_contacts FROM ticket_sla.contacts WHERE customer_id = 3;
-- a ticket's contact must be one of its customer's
SELECT error_of($$INSERT INTO ticket_sla.tickets (customer_id, contact_id, service, summary,
	problem_at, business_impact, description, current_behaviour, expected_behaviour,
	channel, severity) VALUES (3, 1, 'AV', 'x', now(), 'x', 'x', 'x', 'x', 'phone', 'low')$$);

--
-- Quota periods run from the contract's start, in the plan's time zone
--
SELECT ticket_sla.quota_period_start(c, s, a) AS period_start, note
FROM (VALUES
  -- yearly from 2025-07-01; Amsterdam is UTC+2 in summer
  ('tier premium; premium requests 12 per year; hours (24x7; tz Europe/Amsterdam)'::ticket_sla.contract,
   '2025-07-01'::date, '2026-06-30 21:59+00'::timestamptz, 'last minute of the first year, local time'),
  ('tier premium; premium requests 12 per year; hours (24x7; tz Europe/Amsterdam)',
   '2025-07-01', '2026-06-30 22:00+00', 'midnight in Amsterdam starts the second year'),
  ('tier premium; premium requests 12 per year', '2025-07-01', '2026-06-30 22:00+00',
   'without hours, UTC: still the first year'),
  ('tier premium; premium requests 12 per year', '2025-07-01', '2025-06-30 12:00+00',
   'before the start: the period before'),
  -- monthly from the 31st: a short month ends the period early, as
  -- PostgreSQL adds months ('2026-01-31' + 1 month = '2026-02-28')
  ('tier premium; premium requests 2 per month', '2026-01-31', '2026-02-27 12:00+00', 'January period'),
  ('tier premium; premium requests 2 per month', '2026-01-31', '2026-02-28 12:00+00', 'February period'),
  ('tier premium; premium requests 2 per month', '2026-01-31', '2026-03-30 12:00+00', 'still February period'),
  ('tier premium; premium requests 2 per month', '2026-01-31', '2026-03-31 00:00+00', 'March period'),
  ('tier premium; premium requests 2 per month', '2026-01-31', '2024-02-29 12:00+00', 'leap year, long before'),
  ('tier premium; premium requests 3 per quarter', '2026-01-15', '2026-04-14 23:59+00', 'first quarter'),
  ('tier premium; premium requests 3 per quarter', '2026-01-15', '2026-04-15 00:00+00', 'second quarter'),
  ('tier premium; premium requests 3 per quarter', '2026-01-15', '2025-10-14 00:00+00', 'two quarters back')
) AS v(c, s, a, note);
SELECT ticket_sla.quota_period_start('tier premium', '2026-01-01', now()) IS NULL AS no_quota;
SELECT error_of($$SELECT ticket_sla.quota_period_start('tier premium; premium requests 1 per month', 'infinity', now())$$);
SELECT error_of($$SELECT ticket_sla.quota_period_start('tier premium; premium requests 1 per month', '2026-01-01', 'infinity')$$);

--
-- Premium requests: MSA Plus allows 12 per contract year
--
CREATE FUNCTION open(customer int, at timestamptz, asked ticket_sla.tier DEFAULT NULL)
RETURNS ticket_sla.tickets LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
		business_impact, description, current_behaviour, expected_behaviour,
		channel, severity, opened_at, tier)
	VALUES (customer, 'Endpoint protection', 'Scan fails', at, 'Wards unprotected',
		'The scan stops', 'Error 1042', 'A full scan', 'phone', 'critical', at, asked)
	RETURNING *
$$;
-- eleven used in the contract year from 2025-07-01, in one statement
SELECT tier, count(*)
FROM generate_series(1, 11) i, LATERAL open(2, '2026-03-02 10:00+00'::timestamptz + i * interval '1 hour')
GROUP BY tier;
SELECT * FROM ticket_sla.premium_requests;
-- the twelfth is premium; the thirteenth is still stored, as a standard
-- request, and the insert says so
SELECT case_number, tier FROM open(2, '2026-03-03 10:00+00');
SELECT case_number, tier FROM open(2, '2026-03-03 11:00+00');
-- a standard request asked for as such takes nothing from the quota
SELECT case_number, tier FROM open(2, '2026-03-03 12:00+00', 'standard');
SELECT * FROM ticket_sla.premium_requests;
-- the next contract year starts at midnight of 2026-07-01 in Amsterdam
SELECT case_number, tier FROM open(2, '2026-06-30 21:59+00');
SELECT case_number, tier FROM open(2, '2026-06-30 22:00+00');
SELECT * FROM ticket_sla.premium_requests ORDER BY period_start;
-- a failed insert takes no request: the row fails after the trigger ran
SELECT error_of($$INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
	business_impact, description, current_behaviour, expected_behaviour, channel, severity,
	opened_at) VALUES (2, 'AV', 'x', now(), 'x', 'x', 'x', ' ', 'phone', 'critical',
	'2026-07-02 10:00+00')$$);
SELECT * FROM ticket_sla.premium_requests ORDER BY period_start;
-- monthly, from 2026-01-31: two in the period from 2026-02-28
SELECT case_number, tier FROM open(4, '2026-02-28 10:00+00');
SELECT case_number, tier FROM open(4, '2026-03-15 10:00+00');
SELECT case_number, tier FROM open(4, '2026-03-30 23:59+00');
SELECT case_number, tier FROM open(4, '2026-03-31 00:00+00');
SELECT * FROM ticket_sla.premium_requests WHERE customer_id = 4 ORDER BY period_start;
-- a premium plan without a quota is premium throughout, for its named
-- contacts: Kaspersky Enhanced (named contacts 8) stores a request from no
-- contact as standard, with a NOTICE, and one from an active named contact
-- as premium, taking no quota; a standard plan has no premium requests to
-- ask for
SELECT tier FROM open(1, '2026-03-03 10:00+00');
INSERT INTO ticket_sla.tickets (customer_id, contact_id, channel, severity, opened_at)
SELECT customer_id, min(contact_id), 'phone', 'critical', '2026-03-03 10:00+00'
FROM ticket_sla.contacts WHERE customer_id = 1 AND active GROUP BY customer_id
RETURNING contact_id, tier;
SELECT tier FROM open(3, '2026-03-03 10:00+00');
SELECT tier FROM open(3, '2026-03-03 10:00+00', 'standard');
SELECT error_of($$SELECT tier FROM open(3, '2026-03-03 10:00+00', 'premium')$$);
-- the quota's table is written by the trigger alone
SELECT has_table_privilege('ticket_sla_agent', 'ticket_sla.premium_requests', 'UPDATE') AS agent_may_update,
       has_table_privilege('ticket_sla_agent', 'ticket_sla.premium_requests', 'SELECT') AS agent_may_read;

--
-- Roles and confidential tickets
--
SET client_min_messages = warning;
DROP ROLE IF EXISTS ent_agent;
DROP ROLE IF EXISTS ent_cleared;
DROP ROLE IF EXISTS ent_reporter;
DROP ROLE IF EXISTS ent_admin;
RESET client_min_messages;
CREATE ROLE ent_agent IN ROLE ticket_sla_agent;
CREATE ROLE ent_cleared IN ROLE ticket_sla_agent, ticket_sla_cleared;
CREATE ROLE ent_reporter IN ROLE ticket_sla_reporting;
CREATE ROLE ent_admin IN ROLE ticket_sla_admin;

-- ISMS.online: the customer flags an issue OFFICIAL-SENSITIVE
INSERT INTO ticket_sla.contracts (name, terms) VALUES ('ISMS.online',
 'plan "ISMS.online"; tier standard; hours (Mon-Fri 09:00-18:00; tz GMT);
  critical: respond within 1 business hour; high: respond within 4 business hours;
  medium: respond within 8 business hours');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('Borough Council', 5);
CREATE FUNCTION file(summary text, secret boolean) RETURNS void LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
		business_impact, description, current_behaviour, expected_behaviour,
		channel, severity, opened_at, confidential)
	VALUES (6, 'ISMS', summary, '2026-03-03 09:00+00', 'Audit blocked', 'Export fails',
		'Error', 'An export', 'web', 'high', '2026-03-03 09:10+00', secret)
$$;
GRANT EXECUTE ON FUNCTION file(text, boolean) TO PUBLIC;

-- an uncleared agent files both kinds, but sees only the ordinary one, in
-- the table and in the queue; the confidential one cannot be changed or
-- deleted by it either
SET ROLE ent_agent;
SELECT file('Export of policies fails', false);
SELECT file('Export of OFFICIAL-SENSITIVE risk register fails', true);
SELECT summary, confidential FROM ticket_sla.tickets WHERE customer_id = 6 ORDER BY ticket_id;
SELECT summary FROM ticket_sla.queue WHERE organisation = 'Borough Council';
UPDATE ticket_sla.tickets SET holder = 'Agent' WHERE customer_id = 6;
SELECT error_of($$DELETE FROM ticket_sla.tickets WHERE customer_id = 6$$);
-- only the cleared flag a filed ticket confidential (it would vanish from
-- the agent's sight)
SELECT error_of($$UPDATE ticket_sla.tickets SET confidential = true
	WHERE summary = 'Export of policies fails'$$);
SELECT count(*) AS visible FROM ticket_sla.tickets WHERE customer_id = 6;
-- the agent cannot change a contract, a customer or a quota
SELECT error_of($$UPDATE ticket_sla.contracts SET terms = 'tier premium'$$);
SELECT error_of($$UPDATE ticket_sla.customers SET contract_id = 1$$);
SELECT error_of($$UPDATE ticket_sla.premium_requests SET used = 0$$);
SELECT error_of($$SELECT ticket_sla.retarget('ISMS.online')$$);
-- nor spend a customer's premium requests without opening a ticket; the
-- ticket it opens takes one all the same (the trigger takes it as the
-- extension's owner): Monthly Two's second of the period from 2026-03-31
SELECT error_of($$SELECT ticket_sla.take_premium_request(4, '2026-03-31', 2)$$);
SELECT tier FROM open(4, '2026-04-01 10:00+00');
RESET ROLE;
SELECT * FROM ticket_sla.premium_requests WHERE customer_id = 4 ORDER BY period_start;

-- the cleared agent sees and works both
SET ROLE ent_cleared;
SELECT summary, confidential, holder FROM ticket_sla.tickets WHERE customer_id = 6 ORDER BY ticket_id;
SELECT count(*) AS in_queue FROM ticket_sla.queue WHERE organisation = 'Borough Council';
UPDATE ticket_sla.tickets SET holder = 'Cleared agent' WHERE customer_id = 6;
RESET ROLE;

-- reporting reads, never writes, and sees no confidential row
SET ROLE ent_reporter;
SELECT count(*) AS visible FROM ticket_sla.tickets WHERE customer_id = 6;
SELECT count(*) AS visible_in_queue FROM ticket_sla.queue;
SELECT count(*) AS contracts FROM ticket_sla.contracts;
SELECT error_of($$UPDATE ticket_sla.tickets SET holder = 'Reporter'$$);
SELECT error_of($$SELECT file('From reporting', false)$$);
SELECT error_of($$INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('X', 1)$$);
RESET ROLE;

-- the admin manages contracts and customers, and retargets, but needs the
-- clearance for confidential tickets like anybody else
SET ROLE ent_admin;
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('New Council', 5);
UPDATE ticket_sla.contracts SET terms = 'plan "ISMS.online"; tier standard;
  hours (Mon-Fri 09:00-18:00; tz GMT); critical: respond within 1 business hour;
  high: respond within 2 business hours; medium: respond within 8 business hours'
WHERE name = 'ISMS.online';
SELECT ticket_sla.retarget('ISMS.online') AS moved;
SELECT count(*) AS visible FROM ticket_sla.tickets WHERE customer_id = 6;
RESET ROLE;
-- both tickets were moved, the confidential one too, and re-stamped:
-- Tuesday 09:10 GMT plus 2 business hours
SELECT summary, holder, terms_id, response_due FROM ticket_sla.tickets
WHERE customer_id = 6 ORDER BY ticket_id;

DROP FUNCTION file(text, boolean);
DROP FUNCTION open(int, timestamptz, ticket_sla.tier);
DROP OWNED BY ent_agent, ent_cleared, ent_reporter, ent_admin;
DROP ROLE ent_agent, ent_cleared, ent_reporter, ent_admin;
DROP FUNCTION error_of(text);
DROP FUNCTION try_query(text);
DROP FUNCTION recv_as(regtype, bytea);
