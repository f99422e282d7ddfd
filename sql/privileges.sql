--
-- The doors of the store, tried by every role.
--
-- Some functions of the extension run with other rights than their
-- caller's (SECURITY DEFINER, or stamp_ticket taking a premium request as
-- the extension's owner), and the trigger functions write tables nobody may
-- write directly.  Each role (an agent, a reporting role, an admin, a plain
-- login with no role of the extension) tries to reach them every way it can:
-- its own trigger on a temp table or a view, a SECURITY DEFINER wrapper of
-- its own, a direct call, and instants in the future given for a ticket's
-- changes.  Every attempt is refused and nothing is written.  Then the
-- superuser attaches the trigger functions where they do not belong, and
-- each refuses to run there.  Last, the catalog: which role may execute
-- which function.
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
\i test/fixtures/io_helpers.sql

INSERT INTO ticket_sla.contracts (name, terms) VALUES
('Premium Two', 'plan "Premium Two"; tier premium; premium requests 2 per year;
  critical: respond within 1 hour, resolve within 1 day'),
('Standard', 'plan "Standard"; critical: respond within 4 hours, resolve within 2 days');
INSERT INTO ticket_sla.customers (organisation, contract_id, contract_start) VALUES
('Own Customer', 2, '2026-01-01'),
('Other Customer', 1, '2026-01-01');

-- one ordinary ticket of each customer, the other's confidential
CREATE FUNCTION open_ticket(customer integer, confidential boolean, opened_at timestamptz)
RETURNS bigint LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
		description, current_behaviour, expected_behaviour, channel, severity, opened_at,
		confidential, tier)
	VALUES (customer, 'Portal', 'Down', opened_at, 'All', 'Down', 'Error', 'Page', 'web',
		'critical', opened_at, confidential, 'standard')
	RETURNING ticket_id
$$;
SELECT open_ticket(1, false, '2026-03-02 09:00+00'), open_ticket(2, true, '2026-03-02 10:00+00');

CREATE ROLE regress_ts_agent IN ROLE ticket_sla_agent;
CREATE ROLE regress_ts_reporting IN ROLE ticket_sla_reporting;
CREATE ROLE regress_ts_admin IN ROLE ticket_sla_admin;
CREATE ROLE regress_ts_plain LOGIN;

\i test/fixtures/attempt.sql

-- What the attacks would write, to compare before and after
CREATE FUNCTION store_fingerprint() RETURNS text LANGUAGE sql AS $$
	SELECT concat_ws(' | ',
		(SELECT md5(string_agg(t::text, ',' ORDER BY terms_id)) FROM ticket_sla.contract_terms t),
		(SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY ticket_id, clock, from_at), '')) FROM ticket_sla.clock_segments s),
		(SELECT md5(coalesce(string_agg(p::text, ',' ORDER BY customer_id, period_start), '')) FROM ticket_sla.premium_requests p),
		(SELECT md5(coalesce(string_agg(e::text, ',' ORDER BY ticket_id, step), '')) FROM ticket_sla.escalations e),
		(SELECT md5(coalesce(string_agg(e::text, ',' ORDER BY ticket_id, target, kind), '')) FROM ticket_sla.target_events e),
		(SELECT md5(string_agg(t::text, ',' ORDER BY ticket_id)) FROM ticket_sla.tickets t))
$$;
-- what is due fires now, so that the admin's run below finds nothing to
-- do: the breaches of both tickets' response and resolution targets (due
-- 2026-03-02 13:00 and 03-04 09:00, 11:00 and 03-03 10:00), no warning
SELECT ticket_sla.process_escalations() AS fired_before;
CREATE TEMP TABLE before AS SELECT store_fingerprint() AS fingerprint;

-- The attacks: each a list of statements, %1$s standing for the role's
-- name (so that every role's temp objects have names of their own)
CREATE TEMP TABLE attacks (n integer, attack text, statements text[]);
GRANT SELECT ON attacks TO PUBLIC;
INSERT INTO attacks VALUES
(1, 'own trigger: record_contract_terms', ARRAY[
  'CREATE TEMP TABLE evil1_%1$s (contract_id integer, terms ticket_sla.contract)',
  'CREATE TRIGGER t AFTER INSERT ON evil1_%1$s FOR EACH ROW EXECUTE FUNCTION ticket_sla.record_contract_terms()',
  'INSERT INTO evil1_%1$s VALUES (1, ''plan "x"; critical: respond within 9999 days'')']),
(2, 'own trigger: record_segments', ARRAY[
  'CREATE TEMP TABLE evil2_%1$s (ticket_id bigint, changed_at timestamptz, clock_start timestamptz,
     first_response_at timestamptz, status text, severity ticket_sla.severity,
     terms_id integer)',
  'CREATE TRIGGER t AFTER UPDATE ON evil2_%1$s FOR EACH ROW EXECUTE FUNCTION ticket_sla.record_segments()',
  'INSERT INTO evil2_%1$s VALUES (2, ''2026-03-02'', ''2026-03-02'', NULL, ''new'', ''critical'', 1)',
  'UPDATE evil2_%1$s SET changed_at = ''2026-03-05''']),
(3, 'own trigger: stamp_ticket (premium quota)', ARRAY[
  'CREATE TEMP TABLE evil3_%1$s (LIKE ticket_sla.tickets INCLUDING DEFAULTS)',
  'CREATE TRIGGER t BEFORE INSERT ON evil3_%1$s FOR EACH ROW EXECUTE FUNCTION ticket_sla.stamp_ticket()',
  'INSERT INTO evil3_%1$s (ticket_id, customer_id, service, summary, problem_at, business_impact,
     description, current_behaviour, expected_behaviour, channel, severity, opened_at)
   VALUES (1000, 2, ''x'', ''x'', now(), ''x'', ''x'', ''x'', ''x'', ''web'', ''critical'', now())']),
(4, 'own trigger: check_named_contacts', ARRAY[
  'CREATE TEMP TABLE evil4_%1$s (customer_id integer, active boolean, contact_id integer, name text)',
  'CREATE TRIGGER t BEFORE INSERT ON evil4_%1$s FOR EACH ROW EXECUTE FUNCTION ticket_sla.check_named_contacts()',
  'INSERT INTO evil4_%1$s VALUES (2, true, 1, ''x'')']),
(5, 'own trigger: stamp_deadlines on an own table', ARRAY[
  'CREATE TEMP TABLE app5_%1$s (opened_at timestamptz, severity ticket_sla.severity,
     contract ticket_sla.contract, response_due timestamptz, resolution_due timestamptz)',
  'CREATE TRIGGER t BEFORE INSERT ON app5_%1$s FOR EACH ROW EXECUTE FUNCTION
     ticket_sla.stamp_deadlines(''opened_at'', ''severity'', ''contract'', ''response_due'', ''resolution_due'')',
  'INSERT INTO app5_%1$s (opened_at, severity, contract) VALUES (now(), ''critical'', ''critical: respond within 1 hour'')']),
(6, 'own trigger: stamp_deadlines on the store', ARRAY[
  'CREATE TRIGGER evil6 BEFORE UPDATE ON ticket_sla.tickets FOR EACH ROW EXECUTE FUNCTION
     ticket_sla.stamp_deadlines(''opened_at'', ''severity'', ''terms'', ''response_due'', ''resolution_due'')']),
(7, 'INSTEAD OF trigger on a view', ARRAY[
  'CREATE TEMP VIEW evil7_%1$s AS SELECT 1 AS contract_id, NULL::ticket_sla.contract AS terms',
  'CREATE TRIGGER t INSTEAD OF INSERT ON evil7_%1$s FOR EACH ROW EXECUTE FUNCTION ticket_sla.record_contract_terms()',
  'INSERT INTO evil7_%1$s VALUES (1, ''plan "x"; critical: respond within 9999 days'')']),
(8, 'SECURITY DEFINER wrapper', ARRAY[
  'CREATE FUNCTION pg_temp.evil8_%1$s() RETURNS boolean SECURITY DEFINER LANGUAGE sql
     AS ''SELECT ticket_sla.take_premium_request(2, ''''2026-01-01'''', 100)''',
  'SELECT pg_temp.evil8_%1$s()']),
(9, 'direct call: take_premium_request', ARRAY[
  'SELECT ticket_sla.take_premium_request(2, ''2026-01-01'', 100)']),
(10, 'direct call: record_contract_terms', ARRAY['SELECT ticket_sla.record_contract_terms()']),
(11, 'direct call: process_escalations', ARRAY['SELECT ticket_sla.process_escalations()']),
(12, 'direct call: retarget', ARRAY['SELECT ticket_sla.retarget(''Premium Two'')']),
(13, 'direct insert: contract_terms', ARRAY[
  'INSERT INTO ticket_sla.contract_terms (contract_id, terms) VALUES (1, ''critical: respond within 9999 days'')']),
(14, 'direct insert: clock_segments', ARRAY[
  'INSERT INTO ticket_sla.clock_segments VALUES (1, ''resolution'', ''2026-03-02'', ''2026-03-03'',
     ''paused'', ''waiting on customer'', ''critical'', 1, ''1 hour'')']),
(15, 'direct insert: premium_requests', ARRAY[
  'INSERT INTO ticket_sla.premium_requests VALUES (2, ''2026-01-01'', 2)']),
(16, 'escalation_level by hand', ARRAY[
  'UPDATE ticket_sla.tickets SET escalation_level = 1 WHERE ticket_id = 1']),
(17, 'resume in 9999 (changed_at)', ARRAY[
  'UPDATE ticket_sla.tickets SET status = ''waiting on customer'' WHERE ticket_id = 1',
  'UPDATE ticket_sla.tickets SET status = ''in progress'', changed_at = ''9999-01-01'' WHERE ticket_id = 1']),
(18, 'first response in 9999', ARRAY[
  'UPDATE ticket_sla.tickets SET first_response_at = ''9999-01-01'' WHERE ticket_id = 1']),
(19, 'resolved in 9999', ARRAY[
  'UPDATE ticket_sla.tickets SET resolved_at = ''9999-01-01'' WHERE ticket_id = 1']),
(20, 'opened in 9999', ARRAY[
  'SELECT open_ticket(1, false, ''9999-01-01'')']),
(21, 'change two minutes ahead', ARRAY[
  'UPDATE ticket_sla.tickets SET status = ''in progress'', changed_at = now() + interval ''2 minutes'' WHERE ticket_id = 1']),
(22, 'ticket_id of an existing ticket, ON CONFLICT DO NOTHING', ARRAY[
  'INSERT INTO ticket_sla.tickets (ticket_id, customer_id, service, summary, problem_at, business_impact,
     description, current_behaviour, expected_behaviour, channel, severity) OVERRIDING SYSTEM VALUE
   SELECT 2, 2, ''x'', ''x'', now(), ''x'', ''x'', ''x'', ''x'', ''web'', ''critical''
   FROM generate_series(1, 3) ON CONFLICT DO NOTHING']),
(23, 'new terms by hand', ARRAY[
  'UPDATE ticket_sla.tickets SET terms_id = terms_id WHERE ticket_id = 1']),
(24, 'resolved earlier after the resolution', ARRAY[
  'UPDATE ticket_sla.tickets SET status = ''resolved'' WHERE ticket_id = 1',
  'UPDATE ticket_sla.tickets SET resolved_at = opened_at + interval ''1 minute'' WHERE ticket_id = 1']),
(25, 'severity changed after the resolution', ARRAY[
  'UPDATE ticket_sla.tickets SET status = ''resolved'' WHERE ticket_id = 1',
  'UPDATE ticket_sla.tickets SET severity = ''low'' WHERE ticket_id = 1']),
(26, 'own trigger: guard_statuses', ARRAY[
  'CREATE TEMP TABLE evil26_%1$s (status text, clock text)',
  'CREATE TRIGGER t BEFORE DELETE ON evil26_%1$s FOR EACH ROW EXECUTE FUNCTION ticket_sla.guard_statuses()',
  'INSERT INTO evil26_%1$s VALUES (''new'', ''running'')',
  'DELETE FROM evil26_%1$s']),
(27, 'own trigger: localize_customer', ARRAY[
  'CREATE TEMP TABLE evil27_%1$s (customer_id integer, time_zone text, holiday_regions text[])',
  'CREATE TRIGGER t AFTER INSERT ON evil27_%1$s FOR EACH ROW EXECUTE FUNCTION ticket_sla.localize_customer()',
  'INSERT INTO evil27_%1$s VALUES (2, ''UTC'', NULL)']),
(28, 'direct call: local_terms', ARRAY['SELECT ticket_sla.local_terms(1, 2)']);

-- (the instant of attack 21 is shown as what it is)
SELECT a.n, a.attack, r.role,
	   regexp_replace(attempt(r.role, ARRAY(SELECT format(s, r.role) FROM unnest(a.statements) s)),
					  CASE WHEN a.n = 21 THEN '[0-9]{4}-[0-9:. -]+[+]00' ELSE '^$' END,
					  'now() + 2 minutes') AS outcome
FROM attacks a
CROSS JOIN (VALUES (1, 'regress_ts_agent'), (2, 'regress_ts_reporting'), (3, 'regress_ts_admin'),
				   (4, 'regress_ts_plain')) AS r (k, role)
ORDER BY a.n, r.k;

-- nothing was written (what the admin may do, it did: retarget and
-- process_escalations found nothing to do; its own table is dropped)
SELECT fingerprint = store_fingerprint() AS store_unchanged FROM before;
DROP TABLE app5_regress_ts_admin;

--
-- What the roles may still do: an agent opens a premium ticket for a
-- customer (taking one of its premium requests), and records changes
-- entered late or dated by a clock running up to a minute ahead; the admin
-- stamps its own table.  These statements are kept.
--
SET ROLE regress_ts_agent;
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
	description, current_behaviour, expected_behaviour, channel, severity, opened_at)
VALUES (2, 'Portal', 'Down', '2026-03-03 09:00+00', 'All', 'Down', 'Error', 'Page', 'phone',
	'critical', '2026-03-03 09:00+00');
UPDATE ticket_sla.tickets SET status = 'waiting on customer', changed_at = '2026-03-02 10:00+00'
WHERE ticket_id = 1;
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = now() + interval '30 seconds'
WHERE ticket_id = 1;
-- a change given no instant after it is recorded at that later instant,
-- not refused as out of order
UPDATE ticket_sla.tickets SET severity = 'high' WHERE ticket_id = 1
RETURNING severity, changed_at > now() AS dated_ahead;
RESET ROLE;
-- the premium request was taken; the ticket ran from 09:00 to 10:00 on the
-- 2nd, then was paused until the change dated half a minute ahead
SELECT customer_id, period_start, used FROM ticket_sla.premium_requests;
SELECT ticket_id, status, changed_at > now() AS dated_ahead FROM ticket_sla.tickets WHERE ticket_id = 1;
SELECT ticket_id, clock, from_at, state, reason FROM ticket_sla.clock_segments
WHERE ticket_id = 1 AND clock = 'resolution' ORDER BY from_at;
SET ROLE regress_ts_admin;
CREATE TEMP TABLE app_requests (opened_at timestamptz, severity ticket_sla.severity,
	contract ticket_sla.contract, response_due timestamptz, resolution_due timestamptz);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON app_requests FOR EACH ROW EXECUTE FUNCTION
	ticket_sla.stamp_deadlines('opened_at', 'severity', 'contract', 'response_due', 'resolution_due');
INSERT INTO app_requests (opened_at, severity, contract)
VALUES ('2026-03-02 09:00+00', 'critical', 'critical: respond within 1 hour')
RETURNING response_due;
DROP TABLE app_requests;
RESET ROLE;

--
-- The superuser attaches the trigger functions where they do not belong:
-- each refuses to run there (42501), naming the relation, and writes
-- nothing
--
CREATE TABLE wrong_terms (contract_id integer, terms ticket_sla.contract);
CREATE TRIGGER t AFTER INSERT ON wrong_terms FOR EACH ROW EXECUTE FUNCTION ticket_sla.record_contract_terms();
SELECT error_of($$INSERT INTO wrong_terms VALUES (1, 'critical: respond within 9999 days')$$);
CREATE TABLE wrong_versions (terms_id integer, contract_id integer);
INSERT INTO wrong_versions VALUES (1, 1);
CREATE TRIGGER t BEFORE UPDATE ON wrong_versions FOR EACH ROW EXECUTE FUNCTION ticket_sla.refuse_terms_change();
SELECT error_of($$UPDATE wrong_versions SET terms_id = 2$$);
CREATE TABLE wrong_contacts (customer_id integer, active boolean, contact_id integer, name text);
CREATE TRIGGER t BEFORE INSERT ON wrong_contacts FOR EACH ROW EXECUTE FUNCTION ticket_sla.check_named_contacts();
SELECT error_of($$INSERT INTO wrong_contacts VALUES (2, true, 1, 'x')$$);
CREATE TABLE wrong_tickets (LIKE ticket_sla.tickets INCLUDING DEFAULTS);
CREATE TRIGGER t BEFORE INSERT ON wrong_tickets FOR EACH ROW EXECUTE FUNCTION ticket_sla.stamp_ticket();
CREATE TRIGGER s AFTER UPDATE ON wrong_tickets FOR EACH ROW EXECUTE FUNCTION ticket_sla.record_segments();
SELECT error_of($$INSERT INTO wrong_tickets (customer_id, service, summary, problem_at, business_impact,
	description, current_behaviour, expected_behaviour, channel, severity, opened_at)
	VALUES (2, 'x', 'x', now(), 'x', 'x', 'x', 'x', 'web', 'critical', now())$$);
ALTER TABLE wrong_tickets DISABLE TRIGGER t;
INSERT INTO wrong_tickets SELECT * FROM ticket_sla.tickets WHERE ticket_id = 2;
SELECT error_of($$UPDATE wrong_tickets SET changed_at = '2026-03-05'$$);
CREATE TABLE wrong_statuses (status text, clock text);
INSERT INTO wrong_statuses VALUES ('on hold', 'paused');
CREATE TRIGGER t BEFORE UPDATE ON wrong_statuses FOR EACH ROW EXECUTE FUNCTION ticket_sla.guard_statuses();
SELECT error_of($$UPDATE wrong_statuses SET clock = 'running'$$);
CREATE TABLE wrong_customers (customer_id integer, time_zone text, holiday_regions text[]);
CREATE TRIGGER t AFTER INSERT ON wrong_customers FOR EACH ROW EXECUTE FUNCTION ticket_sla.localize_customer();
SELECT error_of($$INSERT INTO wrong_customers VALUES (2, 'UTC', NULL)$$);
CREATE VIEW wrong_view AS SELECT 1 AS contract_id, NULL::ticket_sla.contract AS terms;
CREATE TRIGGER t INSTEAD OF INSERT ON wrong_view FOR EACH ROW EXECUTE FUNCTION ticket_sla.record_contract_terms();
SELECT error_of($$INSERT INTO wrong_view VALUES (1, 'critical: respond within 9999 days')$$);
-- stamp_deadlines on a table of the store
CREATE TRIGGER wrong BEFORE UPDATE ON ticket_sla.customers FOR EACH ROW EXECUTE FUNCTION
	ticket_sla.stamp_deadlines('contract_start', 'organisation', 'contract_id', 'contract_start', 'contract_start');
SELECT error_of($$UPDATE ticket_sla.customers SET organisation = organisation$$);
DROP TRIGGER wrong ON ticket_sla.customers;
DROP TABLE wrong_terms, wrong_versions, wrong_contacts, wrong_tickets, wrong_statuses, wrong_customers;
DROP VIEW wrong_view;
-- the premium request taken above is the only one
SELECT customer_id, period_start, used FROM ticket_sla.premium_requests;
SELECT count(*) AS terms_versions FROM ticket_sla.contract_terms;

--
-- The catalog: every function of the extension, whether it is a trigger
-- function or SECURITY DEFINER, and who besides its owner may execute it
-- (PUBLIC: everybody)
--
CREATE TEMP VIEW function_rights AS
SELECT p.oid::regprocedure AS function,
	   p.prorettype = 'trigger'::regtype AS is_trigger,
	   p.prosecdef AS security_definer,
	   coalesce((SELECT string_agg(CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END,
								   ', ' ORDER BY a.grantee <> 0, a.grantee::regrole::text)
				 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
				 WHERE a.privilege_type = 'EXECUTE' AND a.grantee <> p.proowner), '-') AS executable_by
FROM pg_depend d
JOIN pg_proc p ON p.oid = d.objid
WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ticket_sla');
SELECT * FROM function_rights ORDER BY function::text;
-- no trigger or SECURITY DEFINER function is executable by PUBLIC
SELECT function FROM function_rights
WHERE (is_trigger OR security_definer) AND executable_by LIKE 'PUBLIC%';

--
-- Every view of the extension, whether row-level security applies to its
-- reader (security_invoker), and who may read it.  Worked out from
-- sql/ticket_sla.sql: GRANT SELECT ON ALL TABLES, after the last view,
-- gives each to the agent, reporting and admin roles, none to PUBLIC nor to
-- ticket_sla_cleared alone (it adds clearance to one of the others); every
-- view but customer_terms (contracts and customers only, no ticket) is
-- security_invoker.  A view that an update adds is granted the same by its
-- script (0.5: tier_queue), which test/t/003_upgrade.pl compares.
--
SELECT c.relname AS view,
	   coalesce('security_invoker=true' = ANY (c.reloptions), false) AS security_invoker,
	   coalesce((SELECT string_agg(r, ', ' ORDER BY r)
				 FROM unnest(ARRAY['public', 'ticket_sla_agent', 'ticket_sla_reporting',
								   'ticket_sla_admin', 'ticket_sla_cleared']) r
				 WHERE has_table_privilege(r, c.oid, 'SELECT')), '-') AS readers
FROM pg_class c
WHERE c.relnamespace = 'ticket_sla'::regnamespace AND c.relkind = 'v'
ORDER BY c.relname;

DROP ROLE regress_ts_agent, regress_ts_reporting, regress_ts_admin, regress_ts_plain;
DROP FUNCTION attempt(text, text[]), store_fingerprint(), open_ticket(integer, boolean, timestamptz);
DROP FUNCTION error_of(text), try_query(text), recv_as(regtype, bytea);
