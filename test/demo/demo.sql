-- ticket_sla demo: the seed support policies as calendars and contracts, and
-- a day at a support desk that serves customers on all seven plans.
\pset footer off
\set QUIET on
CREATE EXTENSION ticket_sla;
-- Every time below is shown in Berlin time; the session's zone only changes
-- how instants are printed, never a deadline (each plan carries its own zone).
SET TimeZone = 'Europe/Berlin';
SET DateStyle = 'ISO, YMD';

\echo
\echo '== The calendars =='
\echo 'Berlin office hours with the German and Berlin public holidays (by rule, every'
\echo 'year) and short days on Christmas Eve and New Year''s Eve; the ISMS.online'
\echo '"09:00-18:00 GMT on UK weekdays" without English bank holidays; and a'
\echo 'round-the-clock plan.'
\echo '(All times in this demo are printed in Berlin time: TimeZone = Europe/Berlin.)'
CREATE TEMP TABLE calendars (name text PRIMARY KEY, cal ticket_sla.calendar);
INSERT INTO calendars VALUES
  ('Berlin office', 'Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE-BE; open 2026-12-24, 2026-12-31 09:00-13:00'),
  ('UK business hours (GMT)', 'mon-fri 9:00-18:00; tz GMT; holidays gb-eng'),
  ('24x7', '24x7; tz UTC');
SELECT name, cal AS "canonical form" FROM calendars;

\echo
\echo '== What the holiday rules close =='
\echo 'Berlin in 2026, and England and Wales in 2022 (a jubilee, a state funeral,'
\echo 'Christmas on a Sunday).'
SELECT to_char(day, 'Dy YYYY-MM-DD') AS day, name FROM ticket_sla.holidays('DE-BE', 2026, 2026);
SELECT to_char(day, 'Dy YYYY-MM-DD') AS day, name FROM ticket_sla.holidays('GB-ENG', 2022, 2022);

\echo
\echo '== An office''s own closures, from its Outlook calendar =='
\echo 'test/fixtures/ical/outlook_office_closures_2026.ics: the dates of its all-day events'
\echo '(meetings and a cancelled closure are left out); those before December taken'
\echo 'into the Berlin calendar (its own short days in December stay as they are).'
\set outlook `cat test/fixtures/ical/outlook_office_closures_2026.ics`
SELECT string_agg(to_char(d, 'MM-DD'), ' ') AS "closed dates in the feed"
FROM ticket_sla.closed_dates_from_ical(:'outlook') AS d;
SELECT ticket_sla.with_closed_dates(cal, ARRAY(SELECT ticket_sla.closed_dates_from_ical(:'outlook', '[2026-01-01,2026-12-01)')))
       AS "Berlin office with the feed's closures"
FROM calendars WHERE name = 'Berlin office';

\echo
\echo '== Is the support desk open? (at a few instants) =='
SELECT to_char(t, 'Dy YYYY-MM-DD HH24:MI TZ') AS "at (Berlin)",
       ticket_sla.is_business_time(t, b.cal) AS "Berlin open",
       ticket_sla.is_business_time(t, u.cal) AS "UK open",
       to_char(ticket_sla.next_business_time(t, b.cal), 'Dy MM-DD HH24:MI') AS "Berlin opens"
FROM calendars b, calendars u,
     (VALUES ('2026-11-20 16:30'::timestamptz), ('2026-11-20 18:30'), ('2026-04-03 11:00'), ('2026-07-06 09:30')) AS t(t)
WHERE b.name = 'Berlin office' AND u.name = 'UK business hours (GMT)';

\echo
\echo '== Deadlines from the seed targets =='
\echo 'Tickets opened on a Friday afternoon, the Thursday before Easter and in the'
\echo 'night the clocks go back (Berlin time).'
CREATE TEMP TABLE targets (policy text, target text, calendar text, duration interval);
INSERT INTO targets VALUES
  ('Cyren Standard', 'P1: 4 business hours', 'Berlin office', '4 hours'),
  ('Cyren Standard', 'P3: 2 business days', 'Berlin office', '2 days'),
  ('Cyren Gold', 'P1: 30 minutes', '24x7', '30 minutes'),
  ('Kaspersky Enhanced', 'Level 2: 4 hours', '24x7', '4 hours'),
  ('Kaspersky Enhanced', 'Level 3: 6 business hours', 'Berlin office', '6 hours'),
  ('ISMS.online', 'Severity 2: 4 business hours', 'UK business hours (GMT)', '4 hours');
CREATE TEMP TABLE openings (opened timestamptz, note text);
INSERT INTO openings VALUES
  ('2026-11-20 16:30', 'Friday afternoon'),
  ('2026-04-02 15:00', 'Thursday before Easter'),
  ('2026-10-25 01:30', 'DST night (autumn)');
SELECT to_char(k.opened, 'Dy MM-DD HH24:MI') AS opened, k.note, t.policy, t.target,
       to_char(ticket_sla.business_deadline(k.opened, t.duration, c.cal), 'Dy MM-DD HH24:MI TZ') AS deadline,
       ticket_sla.business_time_between(k.opened, ticket_sla.business_deadline(k.opened, t.duration, c.cal), c.cal) AS "business time"
FROM openings k, targets t JOIN calendars c ON c.name = t.calendar
ORDER BY k.opened, t.policy, t.target;

\echo
\echo '== Bad input is refused with a clear error =='
\set ON_ERROR_STOP off
SELECT 'Mon-Fry 09:00-18:00'::ticket_sla.calendar;
SELECT ticket_sla.business_deadline(now(), '1 month', '24x7; tz UTC');
\set ON_ERROR_STOP on

------------------------------------------------------------------------------
-- The ticket store
------------------------------------------------------------------------------

\echo
\echo '== The seven seed plans as contracts =='
\ir ../fixtures/seed_plans.sql
SELECT name, ticket_sla.tier(terms) AS tier, ticket_sla.hours(terms) AS hours,
       ticket_sla.named_contact_limit(terms) AS "named contacts",
       ticket_sla.premium_quota(terms) AS "premium quota"
FROM ticket_sla.contracts ORDER BY contract_id;

\echo
\echo '== The customers =='
INSERT INTO ticket_sla.customers (organisation, contract_id, contract_start)
SELECT v.organisation, c.contract_id, v.contract_start::date
FROM (VALUES
  ('Brandt & Kollegen Rechtsanwälte PartG mbB, Berlin', 'Perseus Premium', '2025-09-01'),
  ('Praxis Dr. Yılmaz, Berlin-Neukölln', 'Perseus Basis', '2026-01-15'),
  ('Kessler Antriebstechnik GmbH, Heilbronn', 'Kaspersky Enhanced Support with TAM', '2025-07-01'),
  ('Harbor & Vine Outfitters, Boston', 'Cyren Standard', '2024-03-01'),
  ('Finora Payments Ltd, London', 'Cyren Gold', '2025-11-01'),
  ('Westmoor District Council', 'ISMS.online', '2026-04-01'),
  ('Rijnstate-Oost Ziekenhuis, Arnhem', 'Kaspersky MSA Plus', '2026-02-01')
) AS v(organisation, contract, contract_start)
JOIN ticket_sla.contracts c ON c.name = v.contract;
SELECT organisation, contract, contract_start,
       ticket_sla.quota_period_start(terms, contract_start, '2026-11-17 12:00') AS "quota period from"
FROM ticket_sla.customer_terms ORDER BY terms_id;

-- The hospital's year so far: eleven premium requests since February, all
-- resolved.  Its quota period runs from 2026-02-01 to 2027-01-31.
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
       description, current_behaviour, expected_behaviour, channel, severity, opened_at, resolved_at)
SELECT cu.customer_id, 'Kaspersky Endpoint Security',
       'Signature false positive on clinical workstation (' || to_char(d, 'Mon') || ')',
       d + interval '09:30', 'Clinical workstations of one ward cannot start the application',
       'After a signature update an executable of a clinical application is quarantined.',
       'The executable is deleted on start-up.', 'The application starts as before.',
       'phone', 'critical', d + interval '10:00', d + interval '14:00'
FROM ticket_sla.customers cu,
     generate_series(timestamptz '2026-02-16 00:00+01', '2026-09-14 00:00+02', interval '3 weeks') AS d
WHERE cu.organisation LIKE 'Rijnstate%';

\echo
\echo '== A named-contact limit: Kessler''s plan allows 8 active named contacts =='
INSERT INTO ticket_sla.contacts (customer_id, name, email, phone)
SELECT cu.customer_id, v.name, v.email, v.phone
FROM ticket_sla.customers cu, (VALUES
  ('Dr. Anja Kessler', 'a.kessler@kessler-antriebe.de', '+49 7131 5550-100'),
  ('Markus Weidner', 'm.weidner@kessler-antriebe.de', '+49 7131 5550-210'),
  ('Sabine Roth', 's.roth@kessler-antriebe.de', '+49 7131 5550-211'),
  ('Tobias Lang', 't.lang@kessler-antriebe.de', '+49 7131 5550-212'),
  ('Elif Demir', 'e.demir@kessler-antriebe.de', '+49 7131 5550-213'),
  ('Jonas Becker', 'j.becker@kessler-antriebe.de', '+49 7131 5550-300'),
  ('Claudia Fischer', 'c.fischer@kessler-antriebe.de', '+49 7131 5550-301'),
  ('Piotr Nowak', 'p.nowak@kessler-antriebe.de', '+49 7131 5550-400')
) AS v(name, email, phone)
WHERE cu.organisation LIKE 'Kessler%';
SELECT count(*) AS "active contacts of Kessler" FROM ticket_sla.contacts WHERE active;
\echo 'A ninth is refused:'
\set ON_ERROR_STOP off
INSERT INTO ticket_sla.contacts (customer_id, name, email)
SELECT customer_id, 'Lena Vogt', 'l.vogt@kessler-antriebe.de'
FROM ticket_sla.customers WHERE organisation LIKE 'Kessler%';
\set ON_ERROR_STOP on
\echo 'After Piotr Nowak leaves (active = false) she can be added.'
UPDATE ticket_sla.contacts SET active = false WHERE name = 'Piotr Nowak';
INSERT INTO ticket_sla.contacts (customer_id, name, email)
SELECT customer_id, 'Lena Vogt', 'l.vogt@kessler-antriebe.de'
FROM ticket_sla.customers WHERE organisation LIKE 'Kessler%';
SELECT count(*) FILTER (WHERE active) AS active, count(*) FILTER (WHERE NOT active) AS inactive
FROM ticket_sla.contacts;

\echo
\echo '== Tuesday 2026-11-17 at the support desk =='
\echo 'Berlin, Amsterdam: CET (UTC+1); New York: EST (UTC-5); ISMS.online: GMT.'
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
       description, current_behaviour, expected_behaviour, channel, severity, opened_at, confidential)
SELECT cu.customer_id, v.service, v.summary, v.problem_at::timestamptz, v.impact, v.description,
       v.current_behaviour, v.expected_behaviour, v.channel::ticket_sla.channel,
       v.severity::ticket_sla.severity, v.opened_at::timestamptz, v.confidential
FROM (VALUES
  ('Finora%', 'Cyren Email Security', 'Inbound mail rejected by the gateway',
   '2026-11-17 03:05+01', 'No customer e-mail reaches the payments operations desk',
   'Since about 02:00 UTC every inbound connection fails in the TLS handshake.',
   'Senders get "454 TLS not available"; the queue is empty.', 'Mail is accepted and filtered.',
   'web', 'critical', '2026-11-17 03:20+01', false),
  ('Kessler%', 'Kaspersky Web Traffic Security', 'Proxy blocks the SAP Fiori launchpad',
   '2026-11-17 06:15+01', 'Shift planners cannot book production orders',
   'Since the morning update the launchpad URL is categorised as "malware".',
   'The browser shows the block page.', 'The launchpad opens.',
   'email', 'high', '2026-11-17 06:40+01', false),
  ('Kessler%', 'Kaspersky Endpoint Security', 'Ransomware alert on line 3 HMI, endpoints isolated',
   '2026-11-17 06:48+01', 'Production line 3 is stopped',
   'Detection Trojan-Ransom.Win32.Agent on two operator panels; both isolated by the network agent.',
   'Line 3 panels are offline.', 'Panels clean and back on line 3.',
   'phone', 'critical', '2026-11-17 06:55+01', false),
  ('Brandt%', 'Perseus Incident Response', 'Partner mailbox sends phishing to clients',
   '2026-11-17 08:30+01', 'Clients of the firm receive fraudulent invoices in its name',
   'A partner''s Microsoft 365 mailbox sent 40 messages with a fake invoice link.',
   'Messages are still being sent.', 'The mailbox is secured and the sending stops.',
   'phone', 'critical', '2026-11-17 08:50+01', false),
  ('Westmoor%', 'ISMS.online', 'Statement of Applicability PDF shows the old logo',
   '2026-11-16 16:00+00', 'Cosmetic: the document goes to the auditors on Friday',
   'The exported SoA still carries the council''s logo from before the rebrand.',
   'Old logo in the header.', 'The logo uploaded in October.',
   'email', 'medium', '2026-11-17 09:35+01', false),
  ('Finora%', 'Cyren Web Security', 'URL category lookups time out',
   '2026-11-17 09:50+01', 'Card-payment API callbacks are delayed',
   'About 5% of category lookups from the Frankfurt node take more than 10 s.',
   'Requests wait for the lookup and time out.', 'Lookups answer in under 100 ms.',
   'chat', 'high', '2026-11-17 10:05+01', false),
  ('Praxis%', 'Perseus Basis', 'Backup job reports a warning every night',
   '2026-11-16 23:00+01', 'None so far; the backups complete',
   'The nightly backup of the practice server ends with warning 0x2F.',
   'Warning e-mail each morning.', 'A clean backup report.',
   'email', 'low', '2026-11-17 10:15+01', false),
  ('Westmoor%', 'ISMS.online', 'Asset register export includes OFFICIAL-SENSITIVE records',
   '2026-11-17 10:00+00', 'OFFICIAL-SENSITIVE data may leave the platform unprotected',
   'The CSV export of the asset register ignores the classification filter.',
   'Every record is exported, sensitive ones included.', 'Sensitive records are left out.',
   'web', 'high', '2026-11-17 11:20+01', true),
  ('Harbor%', 'Cyren Email Security', 'Spam quarantine digests not delivered to store managers',
   '2026-11-17 05:00-05', 'Store managers miss customer orders caught as spam',
   'The daily digest was not sent to any of the 84 store mailboxes.',
   'No digest since Monday.', 'One digest a day per mailbox.',
   'web', 'high', '2026-11-17 11:40+01', false),
  ('Harbor%', 'Cyren Email Security', 'How to add the domain of the new Portland store',
   '2026-11-17 06:00-05', 'None: a question',
   'We opened a store with its own mail domain and want it filtered.',
   'The domain is not in the admin portal.', 'Steps to add it.',
   'email', 'medium', '2026-11-17 12:10+01', false),
  ('Kessler%', 'Kaspersky Security Center', 'Policy not applied to new laptops',
   '2026-11-17 11:30+01', 'Twelve new laptops run without the firewall policy',
   'Laptops added yesterday stay in "Unassigned devices".',
   'No policy applied.', 'The company policy is applied on first sync.',
   'web', 'medium', '2026-11-17 12:00+01', false)
) AS v(org, service, summary, problem_at, impact, description, current_behaviour,
       expected_behaviour, channel, severity, opened_at, confidential)
JOIN ticket_sla.customers cu ON cu.organisation LIKE v.org
ORDER BY v.opened_at::timestamptz;

-- The day's answers and one resolution
UPDATE ticket_sla.tickets SET first_response_at = '2026-11-17 03:41+01', holder = 'N. Okafor'
 WHERE summary LIKE 'Inbound mail rejected%';
UPDATE ticket_sla.tickets SET status = 'resolved', resolved_at = '2026-11-17 05:10+01'
 WHERE summary LIKE 'Inbound mail rejected%';
UPDATE ticket_sla.tickets SET first_response_at = '2026-11-17 07:10+01', holder = 'J. Hartmann', status = 'in progress'
 WHERE summary LIKE 'Ransomware alert%';
UPDATE ticket_sla.tickets SET first_response_at = '2026-11-17 10:48+01', holder = 'N. Okafor', status = 'in progress'
 WHERE summary LIKE 'URL category%';
UPDATE ticket_sla.tickets SET first_response_at = '2026-11-17 13:20+01', holder = 'J. Hartmann', status = 'in progress'
 WHERE summary LIKE 'Proxy blocks%';

\echo 'Every ticket gets a case number; the clocks start at once, except that'
\echo 'Kessler''s plan takes requests out of hours by phone only: its 06:40 e-mail'
\echo 'waits for the 09:00 opening, its 06:55 phone call starts the clock at once.'
\echo 'No seed plan sets a resolution target, so resolution_due stays empty.'
SELECT t.case_number, left(cu.organisation, 28) AS organisation, t.severity, t.channel,
       to_char(t.opened_at, 'HH24:MI') AS opened_at,
       to_char(t.clock_start, 'HH24:MI') AS clock_start,
       to_char(t.response_due, 'Dy HH24:MI') AS response_due,
       to_char(t.first_response_at, 'HH24:MI') AS answered,
       t.response_met AS met,
       to_char(t.resolution_due, 'Dy HH24:MI') AS resolution_due,
       t.status
FROM ticket_sla.tickets t JOIN ticket_sla.customers cu USING (customer_id)
WHERE t.opened_at >= '2026-11-17' AND t.opened_at < '2026-11-18'
ORDER BY t.opened_at;

\echo
\echo '== The premium-request quota runs out =='
\echo 'The hospital has used 11 of its 12 premium requests this period; in the'
\echo 'afternoon it files three more.'
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
       description, current_behaviour, expected_behaviour, channel, severity, opened_at)
SELECT cu.customer_id, 'Kaspersky Endpoint Security', v.summary, v.opened_at::timestamptz - interval '20 minutes',
       v.impact, v.description, v.current_behaviour, v.expected_behaviour,
       v.channel::ticket_sla.channel, v.severity::ticket_sla.severity, v.opened_at::timestamptz
FROM (VALUES
  ('PACS viewer DLL quarantined after signature update', 'Radiologists cannot open images',
   'Signature update 17.11 quarantines pacsview64.dll on all reading stations.',
   'Viewer crashes on start.', 'Viewer starts.', 'phone', 'critical', '2026-11-17 13:05+01'),
  ('Lab analyser interface flagged as false positive', 'Lab results are keyed in by hand',
   'The HL7 bridge of the lab analysers is detected as "not-a-virus:RemoteAdmin".',
   'Bridge blocked.', 'Bridge allowed.', 'web', 'high', '2026-11-17 14:30+01'),
  ('Endpoint agent stops on the ICU nurse stations', 'ICU charting runs on paper',
   'The agent service stops after the update on 14 nurse stations.',
   'Service stopped, stations unprotected.', 'Service running.', 'email', 'critical', '2026-11-17 16:20+01')
) AS v(summary, impact, description, current_behaviour, expected_behaviour, channel, severity, opened_at)
JOIN ticket_sla.customers cu ON cu.organisation LIKE 'Rijnstate%'
ORDER BY v.opened_at::timestamptz;
SELECT t.case_number, t.severity, t.channel, to_char(t.opened_at, 'HH24:MI') AS opened, t.tier,
       to_char(t.response_due, 'Dy HH24:MI') AS response_due, left(t.summary, 40) AS summary
FROM ticket_sla.tickets t JOIN ticket_sla.customers cu USING (customer_id)
WHERE cu.organisation LIKE 'Rijnstate%' AND t.opened_at >= '2026-11-17'
ORDER BY t.opened_at;
SELECT cu.organisation, p.period_start, p.used
FROM ticket_sla.premium_requests p JOIN ticket_sla.customers cu USING (customer_id);

\echo
\echo '== The queue, most urgent first =='
\echo 'Ordered by the next deadline (response until answered, then resolution), then premium before standard, severity, age.'
SELECT case_number, to_char(due, 'Dy HH24:MI') AS due, tier, severity,
       left(organisation, 28) AS organisation, left(summary, 44) AS summary
FROM ticket_sla.queue LIMIT 10;

\echo
\echo '== A confidential ticket (OFFICIAL-SENSITIVE) =='
\echo 'demo_agent is an agent; demo_cleared is an agent with the clearance.'
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'demo_agent') THEN
		CREATE ROLE demo_agent NOLOGIN IN ROLE ticket_sla_agent;
	END IF;
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'demo_cleared') THEN
		CREATE ROLE demo_cleared NOLOGIN IN ROLE ticket_sla_agent, ticket_sla_cleared;
	END IF;
END
$$;
SET ROLE demo_agent;
SELECT current_user AS "as", case_number, severity, summary
FROM ticket_sla.tickets t JOIN ticket_sla.customers cu USING (customer_id)
WHERE cu.organisation = 'Westmoor District Council' ORDER BY case_number;
RESET ROLE;
SET ROLE demo_cleared;
SELECT current_user AS "as", case_number, severity, summary
FROM ticket_sla.tickets t JOIN ticket_sla.customers cu USING (customer_id)
WHERE cu.organisation = 'Westmoor District Council' ORDER BY case_number;
RESET ROLE;

\echo
\echo '== Mail: the case number in the subject =='
SELECT case_number AS harbor_case FROM ticket_sla.tickets WHERE summary LIKE 'Spam quarantine%' \gset
SELECT ticket_sla.subject_tag(:'harbor_case') || ' Spam quarantine digests not delivered' AS "outgoing subject";
SELECT s AS "reply subject", ticket_sla.case_from_subject(s) AS "case"
FROM (VALUES ('RE: AW: ' || lower(ticket_sla.subject_tag(:'harbor_case')) || ' Spam quarantine digests not delivered'),
             ('Fwd: digests still missing, see ' || :'harbor_case'),
             ('Question about SHOWCASE-2026-123456 pricing')) AS v(s);

\echo
\echo '== Escalations through the day =='
\echo 'Cyren escalates unresolved P1 and P2 cases by elapsed time; Perseus Premium'
\echo 'calls in a forensic provider after 4 hours.  The ladders of the day''s open'
\echo 'tickets (resolved ones never escalate):'
SELECT t.case_number, t.severity, left(cu.organisation, 24) AS organisation, s.step, s.after,
       to_char(s.due, 'Dy HH24:MI') AS due, array_to_string(s.recipients, ', ') AS "to"
FROM ticket_sla.tickets t
JOIN ticket_sla.customers cu USING (customer_id)
JOIN ticket_sla.contract_terms ct USING (terms_id),
     ticket_sla.escalation_steps(t.clock_start, t.severity, ct.terms) s
WHERE t.opened_at >= '2026-11-17' AND t.resolved_at IS NULL
ORDER BY s.due, t.case_number, s.step;
\echo 'process_escalations(), run every minute by pg_cron, fires each step (and each'
\echo 'warning and breach) once: it logs it, raises the ticket''s escalation_level,'
\echo 'and sends a NOTIFY on ticket_sla_escalation, which this session listens to.'
\echo 'Run as of 12:00 and of 18:00, and once more as of 18:00:'
LISTEN ticket_sla_escalation;
SELECT '12:00' AS "as of", ticket_sla.process_escalations('2026-11-17 12:00+01') AS "events fired";
SELECT '18:00' AS "as of", ticket_sla.process_escalations('2026-11-17 18:00+01') AS "events fired";
SELECT '18:00 again' AS "as of", ticket_sla.process_escalations('2026-11-17 18:00+01') AS "events fired";
UNLISTEN ticket_sla_escalation;
SELECT t.case_number, e.step, array_to_string(e.recipients, ', ') AS "to",
       to_char(e.due_at, 'Dy HH24:MI') AS due, t.escalation_level,
       to_char(t.next_escalation_at, 'Dy HH24:MI') AS "next step"
FROM ticket_sla.escalations e JOIN ticket_sla.tickets t USING (ticket_id)
ORDER BY e.due_at, t.case_number, e.step;

\echo
\echo '== A clock paused while the customer answers =='
\echo 'Give ISMS.online''s critical tickets a resolution target of 8 business hours.'
\echo 'Westmoor''s portal outage, opened Monday 10:00 GMT (11:00 in Berlin), waits on'
\echo 'the council from 11:00 to Tuesday 10:00 GMT: the 8 business hours paused move'
\echo 'the deadline from Monday 18:00 GMT to Tuesday 17:00 GMT (18:00 in Berlin).'
SET client_min_messages = warning;
UPDATE ticket_sla.contracts
SET terms = replace(terms::text, 'critical: respond within 1 business hour',
                    'critical: respond within 1 business hour, resolve within 8 business hours')::ticket_sla.contract
WHERE name = 'ISMS.online';
RESET client_min_messages;
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
       description, current_behaviour, expected_behaviour, channel, severity, opened_at)
SELECT customer_id, 'ISMS.online', 'Portal unreachable for all council users', '2026-11-16 09:50+00',
       'Nobody can record risks before the audit', 'Every page returns 503.', '503 errors.',
       'The portal loads.', 'phone', 'critical', '2026-11-16 10:00+00'
FROM ticket_sla.customers WHERE organisation = 'Westmoor District Council';
SELECT case_number AS outage FROM ticket_sla.tickets WHERE summary LIKE 'Portal unreachable%' \gset
UPDATE ticket_sla.tickets SET first_response_at = '2026-11-16 10:25+00' WHERE case_number = :'outage';
UPDATE ticket_sla.tickets SET status = 'waiting on customer', changed_at = '2026-11-16 11:00+00'
WHERE case_number = :'outage';
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2026-11-17 10:00+00'
WHERE case_number = :'outage';
UPDATE ticket_sla.tickets SET resolved_at = '2026-11-17 15:00+00' WHERE case_number = :'outage';
SELECT case_number, to_char(resolution_due, 'Dy HH24:MI') AS "resolution due",
       paused_business AS "paused (business)", to_char(resolved_at, 'Dy HH24:MI') AS resolved,
       resolution_met
FROM ticket_sla.tickets WHERE case_number = :'outage';
\echo 'Its ledger: every stretch of both clocks, and why the clock stood still.'
SELECT clock, to_char(from_at, 'Dy HH24:MI') AS "from", to_char(to_at, 'Dy HH24:MI') AS "to",
       state, reason, business_time, elapsed
FROM ticket_sla.clock_ledger WHERE case_number = :'outage' ORDER BY clock, from_at;

\echo
\echo '== A conversation: the next reply, its warning, and the reply missed =='
\echo 'Kaspersky counts a qualified answer as a response, not a holding reply.'
\echo 'Kessler''s plan now says so, warns at 75 % of a target, and owes an answer to'
\echo 'each further question of a medium ticket within 4 business hours.'
SET client_min_messages = warning;
UPDATE ticket_sla.contracts
SET terms = replace(replace(terms::text, 'named contacts 8;', 'named contacts 8; warn at 75%; response means qualified answer;'),
                    'medium: respond within 6 business hours',
                    'medium: respond within 6 business hours, reply within 4 business hours')::ticket_sla.contract
WHERE name = 'Kaspersky Enhanced Support with TAM';
RESET client_min_messages;
INSERT INTO ticket_sla.tickets (customer_id, contact_id, service, summary, problem_at, business_impact,
       description, current_behaviour, expected_behaviour, channel, severity, opened_at)
SELECT cu.customer_id, (SELECT min(contact_id) FROM ticket_sla.contacts c
                        WHERE c.customer_id = cu.customer_id AND c.active),
       'Kaspersky Security Center', 'Update tasks fail on two servers', '2026-11-18 08:40+01',
       'Two file servers miss signature updates', 'The update task ends with an error.',
       'Task failed: the update source cannot be reached.', 'Updates install every hour.',
       'web', 'medium', '2026-11-18 09:00+01'
FROM ticket_sla.customers cu WHERE cu.organisation LIKE 'Kessler%';
SELECT case_number AS updates FROM ticket_sla.tickets WHERE summary = 'Update tasks fail on two servers' \gset
INSERT INTO ticket_sla.messages (ticket_id, author, qualified, sent_at, body)
SELECT t.ticket_id, v.author::ticket_sla.message_author, v.qualified, v.sent_at::timestamptz, v.body
FROM ticket_sla.tickets t, (VALUES
  ('system', false, '2026-11-18 09:01+01', 'Your request has been received.'),
  ('agent', false, '2026-11-18 09:30+01', 'We are looking into it.'),
  ('agent', true, '2026-11-18 11:00+01', 'The servers use a proxy that blocks the update source; allow it as follows.'),
  ('customer', false, '2026-11-18 12:00+01', 'Done, but one server still fails. Which port does it need?')
) AS v(author, qualified, sent_at, body)
WHERE t.case_number = :'updates';
\echo 'The holding reply at 09:30 is no response; the qualified answer at 11:00 is'
\echo '(due 15:00). The question at 12:00 owes a reply by 16:00, at risk from 15:00:'
SELECT to_char(first_response_at, 'Dy HH24:MI') AS "first response",
       to_char(response_due, 'Dy HH24:MI') AS "response due",
       to_char(awaiting_reply_since, 'Dy HH24:MI') AS "reply owed since",
       to_char(reply_due, 'Dy HH24:MI') AS "reply due"
FROM ticket_sla.tickets WHERE case_number = :'updates';
\echo 'process_escalations as of 15:30 fires what is due by then (the warning of this'
\echo 'reply among it), as of 16:30 the breach:'
SELECT ticket_sla.process_escalations('2026-11-18 15:30+01') AS "15:30",
       ticket_sla.process_escalations('2026-11-18 16:30+01') AS "16:30";
SELECT e.kind, e.target, e.cycle, to_char(e.due_at, 'Dy HH24:MI') AS due
FROM ticket_sla.target_events e JOIN ticket_sla.tickets t USING (ticket_id)
WHERE t.case_number = :'updates' ORDER BY e.due_at;
\echo 'The answer comes at 17:00; the reply cycle is kept, missed by an hour:'
INSERT INTO ticket_sla.messages (ticket_id, author, qualified, sent_at, body)
SELECT ticket_id, 'agent', true, '2026-11-18 17:00+01', 'Port 13000 to the administration server.'
FROM ticket_sla.tickets WHERE case_number = :'updates';
SELECT c.target, c.cycle, to_char(c.started_at, 'Dy HH24:MI') AS asked,
       to_char(c.due_at, 'Dy HH24:MI') AS due, to_char(c.ended_at, 'Dy HH24:MI') AS answered, c.met,
       b.late_business AS "late (business)"
FROM ticket_sla.target_cycles c JOIN ticket_sla.tickets t USING (ticket_id)
JOIN ticket_sla.breaches b ON b.ticket_id = c.ticket_id AND b.target = c.target AND b.cycle = c.cycle
WHERE t.case_number = :'updates';


\echo
\echo '== ISMS.online''s quarterly incident and activity report =='
\echo 'Westmoor District Council, 2026-Q4 (UTC); in October it filed three requests.'
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
       description, current_behaviour, expected_behaviour, channel, severity, opened_at)
SELECT cu.customer_id, 'ISMS.online', v.summary, v.opened_at::timestamptz, 'Audit preparation',
       v.summary, 'Not as documented.', 'As documented.', 'web', v.severity::ticket_sla.severity,
       v.opened_at::timestamptz
FROM ticket_sla.customers cu, (VALUES
  ('Single sign-on fails for all users', 'critical', '2026-10-05 09:30+00'),
  ('Risk heat map shows no colours for one team', 'high', '2026-10-14 15:00+00'),
  ('Typo in the ISO 27001 Annex A control text', 'medium', '2026-10-20 11:00+00')
) AS v(summary, severity, opened_at)
WHERE cu.organisation = 'Westmoor District Council';
UPDATE ticket_sla.tickets t SET first_response_at = v.answered::timestamptz
FROM (VALUES ('Single sign-on%', '2026-10-05 10:10+00'), ('Risk heat map%', '2026-10-15 13:00+00'),
             ('Typo in%', '2026-10-20 13:00+00')) AS v(summary, answered)
WHERE t.summary LIKE v.summary;
UPDATE ticket_sla.tickets t SET resolved_at = v.resolved::timestamptz
FROM (VALUES ('Single sign-on%', '2026-10-05 16:00+00'), ('Risk heat map%', '2026-10-16 12:00+00'),
             ('Typo in%', '2026-10-27 12:00+00')) AS v(summary, resolved)
WHERE t.summary LIKE v.summary;
SELECT section, severity, case_number, to_char(opened_at, 'YYYY-MM-DD HH24:MI') AS opened,
       left(summary, 42) AS summary, tickets, responses_met AS "responses met",
       responses_breached AS "missed", resolutions_met AS "resolved in time",
       response_time AS "to first response", escalations
FROM ticket_sla.quarterly_report(
       (SELECT customer_id FROM ticket_sla.customers WHERE organisation = 'Westmoor District Council'),
       '2026-Q4');
