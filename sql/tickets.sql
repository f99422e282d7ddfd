--
-- The ticket store: inserts stamp case numbers, terms, tier, clock start and
-- deadlines in the same statement; updates re-stamp on a severity change,
-- record the first response once, and keep what must not change.
-- Every deadline below was worked out by hand ("want", with its UTC offset).
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
\i test/fixtures/io_helpers.sql

-- The seven plans of the seed policies, one customer on each; ISMS.online's
-- plan gets a resolution target for critical tickets, to have one to test
\i test/fixtures/seed_plans.sql
UPDATE ticket_sla.contracts
SET terms = replace(terms::text, 'critical: respond within 1 business hour',
                    'critical: respond within 1 business hour, resolve within 1 day')::ticket_sla.contract
WHERE name = 'ISMS.online';

INSERT INTO ticket_sla.customers (organisation, contract_id, contract_start)
SELECT o, contract_id, '2026-01-01'
FROM ticket_sla.contracts
JOIN (VALUES ('Perseus Basis', 'Kanzlei Adler'), ('Perseus Premium', 'Stadtwerke Nord'),
             ('Kaspersky Enhanced Support with TAM', 'Maschinenbau Kern'), ('Cyren Standard', 'Corner Retail'),
             ('Cyren Gold', 'Fintech Ltd'), ('ISMS.online', 'Borough Council'),
             ('Kaspersky MSA Plus', 'Ziekenhuis West')) AS v(name, o) USING (name)
ORDER BY contract_id;

-- Kaspersky's plan serves its named contacts as premium: Maschinenbau Kern
-- files through its one named contact
INSERT INTO ticket_sla.contacts (customer_id, name)
SELECT customer_id, 'Anna Kern' FROM ticket_sla.customers WHERE organisation = 'Maschinenbau Kern';

-- Every contract's terms as first written, and ISMS.online's second version
SELECT terms_id, contract_id, ticket_sla.plan_name(terms) FROM ticket_sla.contract_terms ORDER BY 1;

-- open(organisation, severity, channel, opened_at): a new ticket with a
-- report, from the customer's named contact if it has one, as stored (call
-- it in FROM, so that it runs once)
CREATE FUNCTION open(org text, sev ticket_sla.severity, ch ticket_sla.channel, at timestamptz)
RETURNS ticket_sla.tickets LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, contact_id, service, summary, problem_at,
		business_impact, description, current_behaviour, expected_behaviour,
		channel, severity, opened_at)
	SELECT customer_id,
		(SELECT min(contact_id) FROM ticket_sla.contacts co WHERE co.customer_id = cu.customer_id),
		'Mail gateway', org || ': ' || sev, at - interval '10 minutes',
		'Users cannot receive mail', 'Inbound mail stops', 'Mail queues up',
		'Mail is delivered', ch, sev, at
	FROM ticket_sla.customers cu WHERE organisation = org
	RETURNING *
$$;


-- 2026-03-13 is a Friday.  The United States moved to summer time on
-- 2026-03-08 (New York is UTC-4), Europe on 2026-03-29 (Berlin and
-- Amsterdam are UTC+1 before, UTC+2 after).
CREATE TEMP TABLE cases (ticket_id bigint, note text, want_start timestamptz,
                         want_response timestamptz, want_resolution timestamptz);
INSERT INTO cases
SELECT t.ticket_id, note, ws, wr, wres
FROM (VALUES
  -- Perseus: no targets; the clock starts at once
  ('Kanzlei Adler', 'critical'::ticket_sla.severity, 'email'::ticket_sla.channel,
   '2026-03-13 10:00+00'::timestamptz, 'no targets',
   '2026-03-13 10:00+00'::timestamptz, NULL::timestamptz, NULL::timestamptz),
  ('Stadtwerke Nord', 'critical', 'phone', '2026-03-13 10:00+00', 'no targets',
   '2026-03-13 10:00+00', NULL, NULL),
  -- Kaspersky Enhanced, phone only out of hours: Friday 20:00 CET by phone
  -- starts at once, 30 minutes; by e-mail the clock waits for Monday 09:00
  ('Maschinenbau Kern', 'critical', 'phone', '2026-03-13 19:00+00', 'out of hours by phone',
   '2026-03-13 19:00+00', '2026-03-13 19:30+00', NULL),
  ('Maschinenbau Kern', 'critical', 'email', '2026-03-13 19:00+00', 'out of hours by e-mail',
   '2026-03-16 08:00+00', '2026-03-16 08:30+00', NULL),
  -- Wednesday 16:00 CET, in hours: 2 business hours Wednesday, 4 Thursday
  ('Maschinenbau Kern', 'medium', 'web', '2026-03-11 15:00+00', 'in hours by web',
   '2026-03-11 15:00+00', '2026-03-12 12:00+00', NULL),
  -- Saturday by phone: the clock starts, the business hours come Monday
  -- 09:00-17:00 CET
  ('Maschinenbau Kern', 'low', 'phone', '2026-03-14 10:00+00', 'weekend by phone',
   '2026-03-14 10:00+00', '2026-03-16 16:00+00', NULL),
  -- Sunday 2026-03-29 08:00 CEST by chat: next opening Monday 09:00 CEST,
  -- then 4 hours round the clock
  ('Maschinenbau Kern', 'high', 'chat', '2026-03-29 06:00+00', 'after the DST change, by chat',
   '2026-03-30 07:00+00', '2026-03-30 11:00+00', NULL),
  -- Cyren Standard, Friday 16:30 EDT: 1.5 business hours Friday, the rest
  -- Monday from 09:00 EDT
  ('Corner Retail', 'critical', 'web', '2026-03-13 20:30+00', '4 business hours',
   '2026-03-13 20:30+00', '2026-03-16 15:30+00', NULL),
  ('Corner Retail', 'high', 'email', '2026-03-13 20:30+00', '8 business hours',
   '2026-03-13 20:30+00', '2026-03-16 19:30+00', NULL),
  -- 2 business days keep the position: Tuesday 16:30 EDT
  ('Corner Retail', 'medium', 'phone', '2026-03-13 20:30+00', '2 business days',
   '2026-03-13 20:30+00', '2026-03-17 20:30+00', NULL),
  -- Cyren Gold: round the clock
  ('Fintech Ltd', 'critical', 'phone', '2026-03-13 20:30+00', '30 minutes',
   '2026-03-13 20:30+00', '2026-03-13 21:00+00', NULL),
  ('Fintech Ltd', 'low', 'web', '2026-03-13 20:30+00', '8 hours',
   '2026-03-13 20:30+00', '2026-03-14 04:30+00', NULL),
  -- ISMS.online, GMT all year: Thursday 17:30, half an hour left, the rest
  -- Friday 09:00; resolution one round-the-clock day later
  ('Borough Council', 'critical', 'web', '2026-07-02 17:30+00', '1 business hour',
   '2026-07-02 17:30+00', '2026-07-03 09:30+00', '2026-07-03 17:30+00'),
  ('Borough Council', 'high', 'email', '2026-07-02 17:30+00', '4 business hours',
   '2026-07-02 17:30+00', '2026-07-03 12:30+00', NULL),
  -- Kaspersky MSA Plus: Friday 21:30 CET by e-mail waits for Monday 09:00
  -- CET; by phone it starts at once, and the deadline is the same, since no
  -- business time passes before the opening
  ('Ziekenhuis West', 'critical', 'email', '2026-03-13 20:30+00', 'out of hours by e-mail',
   '2026-03-16 08:00+00', '2026-03-16 12:00+00', NULL),
  ('Ziekenhuis West', 'critical', 'phone', '2026-03-13 20:30+00', 'out of hours by phone',
   '2026-03-13 20:30+00', '2026-03-16 12:00+00', NULL),
  -- levels 2 to 4 have no target
  ('Ziekenhuis West', 'high', 'phone', '2026-03-13 10:00+00', 'no target',
   '2026-03-13 10:00+00', NULL, NULL)
) AS v(org, sev, ch, at, note, ws, wr, wres)
CROSS JOIN LATERAL open(org, sev, ch, at) AS t;

SELECT t.case_number, cu.organisation, t.severity, t.channel, c.note, t.tier,
       t.clock_start IS NOT DISTINCT FROM c.want_start AS start_ok,
       t.response_due IS NOT DISTINCT FROM c.want_response AS response_ok,
       t.resolution_due IS NOT DISTINCT FROM c.want_resolution AS resolution_ok,
       -- the functions agree with what was stamped
       t.response_due IS NOT DISTINCT FROM
         ticket_sla.response_deadline(t.clock_start, t.severity, ct.terms) AS same_as_function
FROM cases c
JOIN ticket_sla.tickets t USING (ticket_id)
JOIN ticket_sla.customers cu USING (customer_id)
JOIN ticket_sla.contract_terms ct USING (terms_id)
ORDER BY t.ticket_id;

-- Case numbers carry the year of opening in UTC: 00:30 in Berlin on New
-- Year's Day is still 2025 in UTC
SELECT case_number FROM open('Fintech Ltd', 'low', 'web', '2026-01-01 00:30+01');
SELECT case_number FROM open('Fintech Ltd', 'low', 'web', '2026-01-01 01:30+01');

-- Mail subjects: the tag, and the case found in replies
SELECT s AS subject, ticket_sla.case_from_subject(s) AS "case"
FROM (VALUES ('Re: AW: [CASE-2026-000042] Mail gateway down'),
             ('[case-2026-000042]'),
             ('CASE-2026-000042'),
             ('Antw: CASE-2026-1234567 and CASE-2026-000001'),
             ('Re: [CASE-2026-00042] too few digits'),
             ('Re: [CASE-26-000042] short year'),
             ('Re: XCASE-2026-000042 inside a word'),
             ('Re: CASE-2026-000042X inside a word'),
             ('Re: CASE-2026-000042-1 inside a word'),
             ('Re: no case here'),
             ('')) AS v(s);
SELECT ticket_sla.subject_tag(case_number) FROM ticket_sla.tickets WHERE ticket_id = 1;
SELECT ticket_sla.subject_tag('case-2026-1234567');
SELECT try_query(format('SELECT ticket_sla.subject_tag(%L)', c))
FROM (VALUES (''), ('CASE-2026-00004'), ('CASE-2026-000042 '), (' CASE-2026-000042'),
             ('[CASE-2026-000042]'), ('CASE-20260-000042'), ('TICKET-2026-000042')) AS v(c);
-- a long one is quoted by its first 60 characters
SELECT replace(try_query(format('SELECT ticket_sla.subject_tag(%L)', 'CASE-2026-' || repeat('0', 1000000))),
               repeat('0', 50), '<50 zeros>') AS long_case;

--
-- A missing required field is refused, naming it
--
CREATE FUNCTION open_without(col text) RETURNS text LANGUAGE sql AS $$
	SELECT error_of(format(
		'INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
			business_impact, description, current_behaviour, expected_behaviour,
			channel, severity, opened_at)
		 SELECT %s',
		 (SELECT string_agg(CASE WHEN c = col THEN 'NULL' ELSE v END, ', ' ORDER BY n)
		  FROM (VALUES (1, 'customer_id', '4'), (2, 'service', '''Portal'''),
		               (3, 'summary', '''Down'''), (4, 'problem_at', '''2026-03-13 10:00+00'''),
		               (5, 'business_impact', '''All users'''), (6, 'description', '''It is down'''),
		               (7, 'current_behaviour', '''Error 500'''), (8, 'expected_behaviour', '''A page'''),
		               (9, 'channel', '''web'''), (10, 'severity', '''high'''),
		               (11, 'opened_at', '''2026-03-13 10:10+00''')) AS f(n, c, v))))
$$;
SELECT col, open_without(col)
FROM unnest(ARRAY['customer_id', 'service', 'summary', 'problem_at', 'business_impact',
                  'description', 'current_behaviour', 'expected_behaviour', 'channel',
                  'severity', 'opened_at']) AS col;
-- blank text is as good as missing (the check constraint is named after it)
SELECT error_of($$INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
	business_impact, description, current_behaviour, expected_behaviour, channel, severity)
	VALUES (4, '  ', 'Down', now(), 'All', 'Down', 'Error', 'Page', 'web', 'high')$$);
-- an unknown customer
SELECT error_of($$INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
	business_impact, description, current_behaviour, expected_behaviour, channel, severity)
	VALUES (99, 'Portal', 'Down', now(), 'All', 'Down', 'Error', 'Page', 'web', 'high')$$);
-- what is stamped cannot be given
SELECT col, error_of(format($$INSERT INTO ticket_sla.tickets (customer_id, service, summary,
	problem_at, business_impact, description, current_behaviour, expected_behaviour, channel,
	severity, %I) VALUES (4, 'Portal', 'Down', now(), 'All', 'Down', 'Error', 'Page', 'web',
	'high', %s)$$, col, v))
FROM (VALUES ('case_number', '''CASE-2026-999999'''), ('terms_id', '1'),
             ('clock_start', 'now()'), ('response_due', 'now()'),
             ('resolution_due', 'now()')) AS f(col, v);
-- a ticket opened outside the years of case numbers, or in the future
-- (infinity is both: the future is checked first)
SELECT try_query($$SELECT case_number FROM open('Fintech Ltd', 'low', 'web', '0999-12-31 12:00+00')$$);
SELECT try_query($$SELECT case_number FROM open('Fintech Ltd', 'low', 'web', '-infinity')$$);
SELECT try_query($$SELECT case_number FROM open('Fintech Ltd', 'low', 'web', 'infinity')$$);
-- none of the failed inserts left a row
SELECT count(*) AS tickets FROM ticket_sla.tickets;

--
-- A severity change re-stamps the deadlines from the same clock start
--
-- Corner Retail's critical ticket, Friday 16:30 EDT: critical 4 business
-- hours (Monday 11:30 EDT), high 8 (Monday 15:30 EDT), low 4 business days
-- (Thursday 16:30 EDT)
SELECT severity, response_due, opened_at, clock_start
FROM ticket_sla.tickets WHERE ticket_id = 8;
UPDATE ticket_sla.tickets SET severity = 'high' WHERE ticket_id = 8
RETURNING severity, response_due, response_due = '2026-03-16 19:30+00' AS ok;
UPDATE ticket_sla.tickets SET severity = 'low' WHERE ticket_id = 8
RETURNING severity, response_due, response_due = '2026-03-19 20:30+00' AS ok;
-- the e-mail out of hours keeps its clock start: Monday 09:00 CET + 4 hours
UPDATE ticket_sla.tickets SET severity = 'high' WHERE ticket_id = 4
RETURNING severity, clock_start, response_due, response_due = '2026-03-16 12:00+00' AS ok;
-- a change that is not of severity leaves the deadlines alone
UPDATE ticket_sla.tickets SET holder = 'Ana', support_level = 2 WHERE ticket_id = 8
RETURNING holder, support_level, response_due;
-- to a severity the plan sets no target for
UPDATE ticket_sla.tickets SET severity = 'low' WHERE ticket_id = 17
RETURNING severity, response_due;
UPDATE ticket_sla.tickets SET severity = 'critical' WHERE ticket_id = 17
RETURNING severity, response_due, response_due = '2026-03-13 14:00+00' AS ok;

--
-- The first qualified response stops the response clock, once
--
UPDATE ticket_sla.tickets SET first_response_at = '2026-03-19 20:30+00', status = 'in progress'
WHERE ticket_id = 8
RETURNING response_due, first_response_at, response_met, due, status;
UPDATE ticket_sla.tickets SET first_response_at = '2026-03-13 21:01+00' WHERE ticket_id = 11
RETURNING response_due, first_response_at, response_met;
-- recorded once: a later change is refused
SELECT error_of($$UPDATE ticket_sla.tickets SET first_response_at = '2026-03-13 20:59+00'
	WHERE ticket_id = 11$$);
SELECT error_of($$UPDATE ticket_sla.tickets SET first_response_at = NULL WHERE ticket_id = 11$$);
-- and never before the ticket was opened
SELECT error_of($$UPDATE ticket_sla.tickets SET first_response_at = '2026-03-13 20:29+00'
	WHERE ticket_id = 12$$);
-- a severity change after the response re-stamps, and the verdict follows
UPDATE ticket_sla.tickets SET severity = 'high' WHERE ticket_id = 11
RETURNING response_due, first_response_at, response_met;

--
-- Resolving, reopening
--
-- ISMS.online high, no resolution target: resolving without an instant
-- stamps the transaction time, reopening clears it
UPDATE ticket_sla.tickets SET status = 'resolved' WHERE ticket_id = 14
RETURNING status, resolved_at = now() AS resolved_now, resolution_due;
UPDATE ticket_sla.tickets SET status = 'in progress' WHERE ticket_id = 14
RETURNING status, resolved_at, resolution_met;
-- ISMS.online critical, resolution due Friday 17:30 (one day after
-- opening): setting resolved_at resolves, closing keeps it
UPDATE ticket_sla.tickets SET resolved_at = '2026-07-03 17:00+00' WHERE ticket_id = 13
RETURNING status, resolved_at, resolution_met;
UPDATE ticket_sla.tickets SET status = 'closed' WHERE ticket_id = 13
RETURNING status, resolved_at, resolution_met;
SELECT error_of($$UPDATE ticket_sla.tickets SET resolved_at = '2026-07-01 00:00+00'
	WHERE ticket_id = 14$$);

--
-- What is fixed at opening cannot be changed
--
SELECT col, error_of(format('UPDATE ticket_sla.tickets SET %I = %s WHERE ticket_id = 9', col, v))
FROM (VALUES ('case_number', '''CASE-2026-999999'''), ('customer_id', '5'),
             ('opened_at', 'opened_at + interval ''1 minute'''), ('tier', '''premium'''),
             ('clock_start', 'clock_start - interval ''1 minute'''),
             ('response_due', 'response_due + interval ''1 day'''),
             ('resolution_due', 'now()')) AS f(col, v);

--
-- The terms in force at opening stay with the ticket
--
-- Cyren Standard halves its P1 target: a second version of its terms
UPDATE ticket_sla.contracts
SET terms = replace(terms::text, 'critical: respond within 4 business hours',
                    'critical: respond within 2 business hours')::ticket_sla.contract
WHERE name = 'Cyren Standard';
SELECT terms_id, contract_id FROM ticket_sla.contract_terms WHERE contract_id = 4 ORDER BY 1;
-- an update that does not change the terms adds no version
UPDATE ticket_sla.contracts SET terms = terms WHERE name = 'Cyren Standard';
SELECT count(*) AS versions FROM ticket_sla.contract_terms WHERE contract_id = 4;
-- old tickets keep version 4; a new one is held to version 9: Friday 16:30
-- EDT + 2 business hours = 1.5 hours Friday and Monday 09:30 EDT
SELECT ticket_id, terms_id, severity, response_due FROM ticket_sla.tickets
WHERE customer_id = 4 ORDER BY ticket_id;
SELECT terms_id, response_due, response_due = '2026-03-16 13:30+00' AS ok
FROM open('Corner Retail', 'critical', 'web', '2026-03-13 20:30+00');
-- a ticket moves to other terms only to its contract's current ones
SELECT error_of($$UPDATE ticket_sla.tickets SET terms_id = 1 WHERE ticket_id = 9$$);
-- retarget moves the open tickets of the contract that are not on its
-- current terms and says how many: tickets 8 and 9 (ticket 10 is resolved
-- first and stays; the new ticket is on version 9 already)
UPDATE ticket_sla.tickets SET status = 'resolved' WHERE ticket_id = 10;
UPDATE ticket_sla.tickets SET severity = 'critical' WHERE ticket_id = 9;
SELECT ticket_sla.retarget('Cyren Standard') AS moved;
-- ticket 9 (critical) now has 2 business hours: Monday 09:30 EDT
SELECT ticket_id, terms_id, severity, response_due, resolved_at IS NOT NULL AS resolved
FROM ticket_sla.tickets WHERE customer_id = 4 ORDER BY ticket_id;
SELECT ticket_sla.retarget('Cyren Standard') AS moved_again;
SELECT try_query($$SELECT ticket_sla.retarget('No such plan')$$);
-- versions are facts
SELECT try_query($$UPDATE ticket_sla.contract_terms SET in_force_from = now() WHERE terms_id = 1 RETURNING 1$$);

--
-- Volatility and parallel safety of the functions of this part
--
SELECT p.proname, p.provolatile, p.proparallel, p.prosecdef
FROM pg_proc p
WHERE p.pronamespace = 'ticket_sla'::regnamespace
  AND p.proname IN ('plan_name', 'tier', 'hours', 'named_contact_limit', 'premium_quota',
                    'quota_period_start', 'subject_tag', 'case_from_subject',
                    'take_premium_request', 'retarget', 'stamp_ticket', 'stamp_deadlines',
                    'record_contract_terms', 'refuse_terms_change', 'check_named_contacts')
ORDER BY 1;

-- A plan that requires no report fields (Perseus Basis) takes a ticket
-- without them; emptying a field its plan requires is refused
INSERT INTO ticket_sla.tickets (customer_id, channel, severity, opened_at)
SELECT customer_id, 'phone', 'low', '2026-03-13 10:00+00'
FROM ticket_sla.customers WHERE organisation = 'Kanzlei Adler'
RETURNING customer_id, service IS NULL AND summary IS NULL AND problem_at IS NULL AS no_report;
SELECT error_of($$UPDATE ticket_sla.tickets SET business_impact = NULL WHERE customer_id = 4$$);

DROP FUNCTION open(text, ticket_sla.severity, ticket_sla.channel, timestamptz);
DROP FUNCTION open_without(text);
DROP FUNCTION error_of(text);
DROP FUNCTION try_query(text);
DROP FUNCTION recv_as(regtype, bytea);
