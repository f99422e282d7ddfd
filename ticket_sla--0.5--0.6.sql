-- ticket_sla 0.5 -> 0.6: conversations and clocks.  Each section below
-- repeats, character for character, the definitions of sql/ticket_sla.sql
-- that 0.6 adds or changes, so that an updated database and a fresh one
-- have the same schema (test/t/003_upgrade.pl compares them).

\echo Use "ALTER EXTENSION ticket_sla UPDATE TO '0.6'" to load this file. \quit

-- As in the earlier scripts, everything that pg_catalog would match only
-- through a cast is qualified: the script runs with the extension's schema
-- first on the search_path.

------------------------------------------------------------------------------
-- Warnings and breaches that fire exactly once
--
-- process_escalations fires the warnings and breaches of the targets too,
-- logged in target_events, a bounded number per call; the trigger keeps
-- each ticket's cycle, next_event_at and events_fired.  The old signature
-- of process_escalations goes; process_escalations() and
-- process_escalations(at) call the new one.
------------------------------------------------------------------------------

DROP FUNCTION ticket_sla.process_escalations(timestamptz);
DROP INDEX ticket_sla.tickets_escalation;

-- Every ticket of 0.5 is in its first cycle, nothing fired (stamped
-- below).  The columns are filled with the trigger off rather than by a
-- default, which would stay in the catalog as the columns' missing value,
-- unlike a fresh install's.
ALTER TABLE ticket_sla.tickets
	ADD COLUMN cycle integer CHECK (cycle > 0),
	ADD COLUMN next_event_at timestamptz,
	ADD COLUMN events_fired integer;
ALTER TABLE ticket_sla.tickets DISABLE TRIGGER stamp;
UPDATE ticket_sla.tickets SET cycle = 1, events_fired = 0;
ALTER TABLE ticket_sla.tickets ENABLE TRIGGER stamp;
ALTER TABLE ticket_sla.tickets
	ALTER COLUMN cycle SET NOT NULL,
	ALTER COLUMN events_fired SET NOT NULL;

-- what process_escalations reads: only tickets with an event still to fire
CREATE INDEX tickets_events ON ticket_sla.tickets (next_event_at)
	WHERE next_event_at IS NOT NULL;
COMMENT ON INDEX ticket_sla.tickets_events IS
'What process_escalations reads: the tickets with an escalation step, warning or breach still to fire, by when';

COMMENT ON COLUMN ticket_sla.tickets.cycle IS
'The resolution target''s cycle: 1 at opening, one more at each reopening (its warning and breach fire again)';
COMMENT ON COLUMN ticket_sla.tickets.next_event_at IS
'When the next escalation step, warning or breach falls due (stamped by the trigger); NULL when none is left';
COMMENT ON COLUMN ticket_sla.tickets.events_fired IS
'The warnings and breaches fired in the current cycles, a bit each (1 response warning, 2 response breach, 4 resolution warning, 8 resolution breach); set by process_escalations only';

COMMENT ON FUNCTION ticket_sla.stamp_ticket() IS
'Trigger of tickets: stamps case number, tier, terms and deadlines on insert, re-stamps on a severity or terms change or after a pause, keeps the next escalation and event, guards what must not change';

CREATE TABLE ticket_sla.target_events (
	ticket_id bigint NOT NULL REFERENCES ticket_sla.tickets ON DELETE CASCADE,
	kind text NOT NULL CHECK (kind IN ('warning', 'breach')),
	target ticket_sla.sla_clock NOT NULL,
	cycle integer NOT NULL CHECK (cycle > 0),
	severity ticket_sla.severity NOT NULL,
	due_at timestamptz NOT NULL,
	fired_at timestamptz NOT NULL,
	notified boolean NOT NULL,
	PRIMARY KEY (ticket_id, target, cycle, kind)
);

COMMENT ON TABLE ticket_sla.target_events IS
'Every warning and breach of a ticket''s targets fired, once per target and cycle: when it was due and when it fired';
COMMENT ON COLUMN ticket_sla.target_events.kind IS
'warning (the plan''s warn at N% of the target reached) or breach (the target missed)';
COMMENT ON COLUMN ticket_sla.target_events.target IS 'The target: the first response, or the resolution';
COMMENT ON COLUMN ticket_sla.target_events.cycle IS
'1 for the first response; the ticket''s cycle for the resolution (one more at each reopening)';
COMMENT ON COLUMN ticket_sla.target_events.severity IS 'The ticket''s severity when it fired';
COMMENT ON COLUMN ticket_sla.target_events.due_at IS
'When it fell due: the first instant at risk for a warning, the deadline for a breach';
COMMENT ON COLUMN ticket_sla.target_events.fired_at IS 'When process_escalations fired it (or the update to 0.6 logged it)';
COMMENT ON COLUMN ticket_sla.target_events.notified IS
'Whether a NOTIFY was sent: false for the events already past when the store was updated to 0.6';

CREATE FUNCTION ticket_sla.due_events(t ticket_sla.tickets, "at" timestamptz)
RETURNS TABLE (kind text, target ticket_sla.sla_clock, step integer, cycle integer,
			   due_at timestamptz, fires_at timestamptz, recipients text[], fired integer)
AS 'MODULE_PATHNAME', 'due_events'
LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 4;

COMMENT ON FUNCTION ticket_sla.due_events(ticket_sla.tickets, timestamptz) IS
'The events of ticket T due at AT and not yet fired: escalation steps (step, recipients), warnings and breaches (target, cycle, fired: the bit of events_fired); fires_at orders them';
REVOKE EXECUTE ON FUNCTION ticket_sla.due_events(ticket_sla.tickets, timestamptz) FROM PUBLIC;

CREATE FUNCTION ticket_sla.process_escalations("at" timestamptz DEFAULT now(),
											   max_events integer DEFAULT 5000)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	n_fired integer := 0;
	n_batch integer;
BEGIN
	IF at IS NULL THEN
		RAISE EXCEPTION 'escalations are processed as of an instant, not NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF at > now() THEN
		RAISE EXCEPTION 'escalations cannot be processed as of %, which is later than now', at
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Steps fire when they are due, not before.';
	END IF;
	IF max_events IS NULL OR max_events < 1 THEN
		RAISE EXCEPTION 'max_events must be at least 1, not %', max_events
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Call process_escalations again for the events left.';
	END IF;
	LOOP
		WITH due AS MATERIALIZED (
			SELECT tk
			  FROM ticket_sla.tickets tk
			 WHERE tk.next_event_at <= at
			 ORDER BY tk.next_event_at
			 LIMIT least(max_events - n_fired, 2000)
			   FOR UPDATE OF tk SKIP LOCKED
		), ev AS MATERIALIZED (
			SELECT (d.tk).ticket_id, (d.tk).case_number, (d.tk).customer_id, (d.tk).severity,
				   (d.tk).confidential, e.*
			  FROM due d CROSS JOIN LATERAL ticket_sla.due_events(d.tk, at) e
			 ORDER BY e.fires_at, (d.tk).ticket_id, e.step, e.fired
			 LIMIT max_events - n_fired
		), steps AS (
			INSERT INTO ticket_sla.escalations
			SELECT ev.ticket_id, ev.step, ev.severity, ev.recipients, ev.due_at, now()
			  FROM ev WHERE ev.kind = 'escalation'
		), warnings_and_breaches AS (
			INSERT INTO ticket_sla.target_events
			SELECT ev.ticket_id, ev.kind, ev.target, ev.cycle, ev.severity, ev.due_at, now(), true
			  FROM ev WHERE ev.kind <> 'escalation'
		), marked AS (
			-- every ticket locked: its events marked, its next_event_at stamped
			-- anew (found by its key, so that a row updated since the snapshot
			-- is updated in its latest version)
			UPDATE ticket_sla.tickets tk
			   SET escalation_level = coalesce(f.level, tk.escalation_level),
				   events_fired = tk.events_fired | f.bits
			  FROM (SELECT (d.tk).ticket_id, max(ev.step) AS level,
						   coalesce(bit_or(ev.fired), 0) AS bits
					  FROM due d LEFT JOIN ev ON ev.ticket_id = (d.tk).ticket_id
					 GROUP BY (d.tk).ticket_id) f
			 WHERE tk.ticket_id = f.ticket_id
		)
		SELECT count(pg_notify('ticket_sla_escalation', CASE
				WHEN ev.confidential THEN json_strip_nulls(json_build_object(
					'kind', ev.kind, 'ticket_id', ev.ticket_id, 'confidential', true,
					'step', ev.step, 'recipients', ev.recipients, 'target', ev.target,
					'cycle', ev.cycle, 'due_at', ev.due_at))
				ELSE json_strip_nulls(json_build_object(
					'kind', ev.kind, 'ticket_id', ev.ticket_id, 'case_number', ev.case_number,
					'customer_id', ev.customer_id, 'severity', ev.severity, 'confidential', false,
					'step', ev.step, 'recipients', ev.recipients, 'target', ev.target,
					'cycle', ev.cycle, 'due_at', ev.due_at))
				END::text))
		  INTO n_batch
		  FROM (SELECT * FROM ev ORDER BY ev.fires_at, ev.ticket_id, ev.step, ev.fired) ev;
		n_fired := n_fired + n_batch;
		EXIT WHEN n_batch = 0 OR n_fired >= max_events;
	END LOOP;
	RETURN n_fired;
END
$$;

COMMENT ON FUNCTION ticket_sla.process_escalations(timestamptz, integer) IS
'Fires the escalation steps, warnings and breaches due at AT (not later than now), each exactly once, at most MAX_EVENTS, oldest first: logs them (escalations, target_events), marks the tickets, NOTIFY ticket_sla_escalation with a JSON payload (kind: escalation, warning or breach; of a confidential ticket ids only); returns how many fired';

GRANT SELECT ON ticket_sla.target_events TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
REVOKE EXECUTE ON FUNCTION ticket_sla.process_escalations(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ticket_sla.process_escalations(timestamptz, integer) TO ticket_sla_admin;
ALTER TABLE ticket_sla.target_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY with_its_ticket ON ticket_sla.target_events FOR SELECT
	USING (EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = target_events.ticket_id));
COMMENT ON POLICY with_its_ticket ON ticket_sla.target_events IS 'The warnings and breaches of a ticket are visible to those who see the ticket';
-- the warnings and breaches fired (0.6)
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.target_events', '');

-- The warnings and breaches already past at the update are logged as fired
-- at the update, without a NOTIFY (notified false): a store updated with a
-- backlog of old tickets does not flood its listeners.  The escalation
-- steps due fire at the next run, as in 0.5.  Every ticket is then touched
-- once, so that the trigger stamps its events_fired and next_event_at.
INSERT INTO ticket_sla.target_events
SELECT t.ticket_id, e.kind, e.target, e.cycle, t.severity, e.due_at, now(), false
  FROM ticket_sla.tickets t CROSS JOIN LATERAL ticket_sla.due_events(t, now()) e
 WHERE e.kind <> 'escalation';
UPDATE ticket_sla.tickets t
   SET events_fired = coalesce((SELECT bit_or(e.fired) FROM ticket_sla.due_events(t, now()) e
								 WHERE e.kind <> 'escalation'), 0);
