-- Run by test/check.sh in a cluster with pg_cron preloaded (database
-- "postgres"): process_escalations scheduled every minute, as
-- docs/escalations-and-clocks.md shows, fires a due step, a warning and a
-- breach exactly once each; and, under quiet hours that open two minutes
-- ahead, holds a due step and delivers it once at the opening.  Prints "ok"
-- or what went wrong, last; the session listens, and test/check.sh counts
-- the notices psql prints (one held, delivered once).
\set ON_ERROR_STOP on
LISTEN ticket_sla_escalation;
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ticket_sla CASCADE;
CREATE EXTENSION IF NOT EXISTS pg_cron;
CREATE EXTENSION ticket_sla;
SET TimeZone = 'UTC';

-- One transaction, one now().  Gold, round the clock: a ticket opened three
-- minutes ago has its one step (1 minute), its response warning (1 minute)
-- and breach (2 minutes) due; the next job's runs find nothing left.
-- Quiet hours: a plan whose notification hours are closed from two minutes
-- before the current minute to two minutes after it (every day:
-- "HH:MM-HH:MM" with an end before its start runs overnight).  Its ticket,
-- opened two minutes ago, escalates a minute ago, inside the closed span:
-- the job's first run fires and logs the step and holds its notice until
-- the opening (the minute of the due time plus three), the run at the
-- opening delivers it.
BEGIN;
INSERT INTO ticket_sla.contracts (name, terms, notification_hours)
SELECT 'Gold', 'warn at 50%; critical: respond within 2 minutes, escalate after 1 minute to "Duty manager"'::ticket_sla.contract,
	   NULL
UNION ALL
SELECT 'Quiet', 'critical: escalate after 1 minute to "Duty manager"',
	   format('Mon-Sun %s-%s; tz UTC', to_char(m + interval '2 minutes', 'HH24:MI'),
			  to_char(m - interval '2 minutes', 'HH24:MI'))::ticket_sla.calendar
FROM (SELECT date_trunc('minute', now() AT TIME ZONE 'UTC') AS m) AS now_minute;
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('Fintech Ltd', 1), ('Night Shift', 2);
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
	description, current_behaviour, expected_behaviour, channel, severity, opened_at)
SELECT c, 'Portal', 'Portal down', now(), 'No orders', 'Portal down', 'Error 500',
	'The portal', 'phone', 'critical', now() - ago
FROM (VALUES (1, interval '3 minutes'), (2, interval '2 minutes')) AS t (c, ago) ORDER BY c;
COMMIT;

SELECT cron.schedule('ticket_sla escalations', '* * * * *',
					 'SELECT ticket_sla.process_escalations()') AS job \gset

-- wait for a run of the job (at the next minute), at most 130 seconds
DO $$
BEGIN
	FOR i IN 1..130 LOOP
		EXIT WHEN EXISTS (SELECT FROM cron.job_run_details
						  WHERE status IN ('succeeded', 'failed'));
		PERFORM pg_sleep(1);
	END LOOP;
END $$;

SELECT CASE
	WHEN NOT EXISTS (SELECT FROM cron.job_run_details) THEN 'no run of the job'
	WHEN EXISTS (SELECT FROM cron.job_run_details WHERE status <> 'succeeded')
		THEN 'the job failed: ' || (SELECT string_agg(return_message, '; ') FROM cron.job_run_details)
	WHEN (SELECT count(*) FROM ticket_sla.escalations WHERE ticket_id = 1) <> 1
		THEN 'fired ' || (SELECT count(*) FROM ticket_sla.escalations WHERE ticket_id = 1) || ' steps, not 1'
	WHEN (SELECT escalation_level FROM ticket_sla.tickets WHERE ticket_id = 1) <> 1 THEN 'escalation_level not raised'
	WHEN (SELECT string_agg(kind || ' ' || target || ' ' || cycle, ', ' ORDER BY due_at)
		  FROM ticket_sla.target_events) IS DISTINCT FROM 'warning response 1, breach response 1'
		THEN 'fired ' || coalesce((SELECT string_agg(kind || ' ' || target, ', ')
								   FROM ticket_sla.target_events), 'no warning or breach')
	WHEN (SELECT events_fired FROM ticket_sla.tickets WHERE ticket_id = 1) <> 3 THEN 'events_fired not marked'
	ELSE 'ok'
END AS result \gset first_

-- wait for the run at the opening to deliver the held notice, at most 130
-- seconds more
DO $$
BEGIN
	FOR i IN 1..130 LOOP
		EXIT WHEN EXISTS (SELECT FROM ticket_sla.held_notices WHERE delivered_at IS NOT NULL);
		PERFORM pg_sleep(1);
	END LOOP;
END $$;

-- the step logged at its exact due time by the first run, before the
-- opening; its notice held from then to the opening, delivered at or after
-- it by a later run, once
SELECT CASE
	WHEN :'first_result' <> 'ok' THEN :'first_result'
	WHEN (SELECT count(*) FROM ticket_sla.escalations WHERE ticket_id = 2) <> 1
		THEN 'the quiet plan fired ' || (SELECT count(*) FROM ticket_sla.escalations WHERE ticket_id = 2)
			 || ' steps, not 1'
	WHEN NOT EXISTS (SELECT FROM ticket_sla.escalations e JOIN ticket_sla.tickets t USING (ticket_id)
					 WHERE t.ticket_id = 2 AND e.due_at = t.opened_at + interval '1 minute')
		THEN 'the held step is not logged at its due time'
	WHEN (SELECT count(*) FROM ticket_sla.held_notices) <> 1
		THEN (SELECT count(*) FROM ticket_sla.held_notices) || ' notices held, not 1'
	WHEN NOT EXISTS (SELECT FROM ticket_sla.held_notices h JOIN ticket_sla.escalations e USING (ticket_id, step)
					 WHERE h.ticket_id = 2 AND h.held_until = date_trunc('minute', h.due_at) + interval '3 minutes'
					   AND h.held > '0' AND e.fired_at < h.held_until AND h.delivered_at >= h.held_until)
		THEN 'the notice was not held until the opening and delivered after it: '
			 || coalesce((SELECT string_agg(h::text, '; ') FROM ticket_sla.held_notices h), 'none held')
	ELSE 'ok'
END AS result;

SELECT cron.unschedule(:job) \gset
DROP EXTENSION ticket_sla CASCADE;
