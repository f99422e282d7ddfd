-- Run by test/check.sh in a cluster with pg_cron preloaded (database
-- "postgres"): process_escalations scheduled every minute, as
-- docs/escalations-and-clocks.md shows, fires a due step, a warning and a
-- breach exactly once each.  Prints "ok" or what went wrong.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS ticket_sla CASCADE;
CREATE EXTENSION IF NOT EXISTS pg_cron;
CREATE EXTENSION ticket_sla;
SET TimeZone = 'UTC';

INSERT INTO ticket_sla.contracts (name, terms)
VALUES ('Gold', 'warn at 50%; critical: respond within 2 minutes, escalate after 1 minute to "Duty manager"');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('Fintech Ltd', 1);
-- opened three minutes ago: its one step (1 minute), its response warning
-- (1 minute) and breach (2 minutes) are due; the next job's runs find
-- nothing left
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
	description, current_behaviour, expected_behaviour, channel, severity, opened_at)
VALUES (1, 'Portal', 'Portal down', now(), 'No orders', 'Portal down', 'Error 500',
	'The portal', 'phone', 'critical', now() - interval '3 minutes');

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
	WHEN (SELECT count(*) FROM ticket_sla.escalations) <> 1
		THEN 'fired ' || (SELECT count(*) FROM ticket_sla.escalations) || ' steps, not 1'
	WHEN (SELECT escalation_level FROM ticket_sla.tickets) <> 1 THEN 'escalation_level not raised'
	WHEN (SELECT string_agg(kind || ' ' || target || ' ' || cycle, ', ' ORDER BY due_at)
		  FROM ticket_sla.target_events) IS DISTINCT FROM 'warning response 1, breach response 1'
		THEN 'fired ' || coalesce((SELECT string_agg(kind || ' ' || target, ', ')
								   FROM ticket_sla.target_events), 'no warning or breach')
	WHEN (SELECT events_fired FROM ticket_sla.tickets) <> 3 THEN 'events_fired not marked'
	ELSE 'ok'
END AS result;

SELECT cron.unschedule(:job) \gset
DROP EXTENSION ticket_sla CASCADE;
