--
-- ticket_sla.stamp_deadlines(): the trigger for an application's own
-- ticket table, its columns named by the trigger's arguments
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS ticket_sla;
RESET client_min_messages;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
\i test/fixtures/io_helpers.sql

CREATE TABLE app_tickets (
	id serial PRIMARY KEY,
	created timestamptz NOT NULL,
	prio ticket_sla.severity,
	plan ticket_sla.contract,
	answer_by timestamptz,
	fix_by timestamptz
);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON app_tickets FOR EACH ROW
EXECUTE FUNCTION ticket_sla.stamp_deadlines('created', 'prio', 'plan', 'answer_by', 'fix_by');

-- Cyren Standard's P1 from Friday 16:30 EDT: 1.5 business hours Friday,
-- 2.5 Monday, 11:30 EDT; resolution within 2 round-the-clock days.  A
-- plan without a target leaves NULL; so does a NULL input.
INSERT INTO app_tickets (created, prio, plan) VALUES
('2026-03-13 20:30+00', 'critical',
 'hours (Mon-Fri 09:00-18:00; tz America/New_York);
  critical: respond within 4 business hours, resolve within 2 days'),
('2026-03-13 20:30+00', 'high',
 'hours (Mon-Fri 09:00-18:00; tz America/New_York);
  critical: respond within 4 business hours, resolve within 2 days'),
('2026-03-13 20:30+00', NULL, 'critical: respond within 1 hour'),
('2026-03-13 20:30+00', 'critical', NULL);
SELECT id, prio, answer_by, fix_by FROM app_tickets ORDER BY id;
-- values given for the deadlines are overwritten
INSERT INTO app_tickets (created, prio, plan, answer_by, fix_by)
VALUES ('2026-03-13 20:30+00', 'critical', 'critical: respond within 1 hour', 'infinity', 'infinity')
RETURNING answer_by, fix_by;
-- every update re-stamps: a new severity, a new plan
UPDATE app_tickets SET prio = 'critical' WHERE id = 2 RETURNING answer_by, fix_by;
UPDATE app_tickets SET plan = 'critical: respond within 30 minutes' WHERE id = 4
RETURNING answer_by, fix_by;
-- a multi-row statement with several plans
UPDATE app_tickets SET created = created + interval '1 hour' RETURNING id, answer_by, fix_by;

-- Wrong arguments are reported when the trigger first fires

CREATE TABLE bad (created timestamptz, prio ticket_sla.severity, plan ticket_sla.contract,
                  answer_by timestamptz, fix_by timestamptz, prio_text text, answer_date date);
CREATE FUNCTION try_trigger(timing text, args text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	result text;
BEGIN
	EXECUTE format('CREATE TRIGGER t %s ON bad FOR EACH ROW EXECUTE FUNCTION ticket_sla.stamp_deadlines(%s)',
				   timing, args);
	result := error_of($q$INSERT INTO bad (created, prio, plan) VALUES
		('2026-03-13 20:30+00', 'critical', 'critical: respond within 1 hour')$q$);
	DROP TRIGGER t ON bad;
	RETURN result;
END $$;
SELECT timing, args, try_trigger(timing, args)
FROM (VALUES
  ('BEFORE INSERT', $$'created', 'prio', 'plan', 'answer_by', 'fix_by'$$),
  ('BEFORE INSERT', $$'created', 'prio', 'plan', 'answer_by'$$),
  ('BEFORE INSERT', ''),
  ('BEFORE INSERT', $$'created', 'prio', 'plan', 'answer_by', 'fix_by', 'extra'$$),
  ('BEFORE INSERT', $$'created', 'priority', 'plan', 'answer_by', 'fix_by'$$),
  ('BEFORE INSERT', $$'created', 'prio_text', 'plan', 'answer_by', 'fix_by'$$),
  ('BEFORE INSERT', $$'created', 'prio', 'prio', 'answer_by', 'fix_by'$$),
  ('BEFORE INSERT', $$'created', 'prio', 'plan', 'answer_date', 'fix_by'$$),
  ('BEFORE INSERT', $$'prio', 'prio', 'plan', 'answer_by', 'fix_by'$$),
  ('AFTER INSERT', $$'created', 'prio', 'plan', 'answer_by', 'fix_by'$$)
) AS v(timing, args);
-- a statement-level trigger
CREATE TRIGGER t BEFORE INSERT ON bad FOR EACH STATEMENT
EXECUTE FUNCTION ticket_sla.stamp_deadlines('created', 'prio', 'plan', 'answer_by', 'fix_by');
SELECT error_of($$INSERT INTO bad (created) VALUES (now())$$);
DROP TRIGGER t ON bad;
-- called as a plain function
SELECT error_of($$SELECT ticket_sla.stamp_deadlines()$$);
SELECT error_of($$SELECT ticket_sla.stamp_ticket()$$);
-- a dropped column is not found
ALTER TABLE bad DROP COLUMN fix_by;
SELECT try_trigger('BEFORE INSERT', $$'created', 'prio', 'plan', 'answer_by', 'fix_by'$$);
-- only the insert under the right trigger stored a row, stamped
SELECT created, answer_by FROM bad;

DROP TABLE bad;
DROP TABLE app_tickets;
DROP FUNCTION try_trigger(text, text);
DROP FUNCTION error_of(text);
DROP FUNCTION try_query(text);
DROP FUNCTION recv_as(regtype, bytea);
