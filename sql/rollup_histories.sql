--
-- The report rollups against the full recomputation, over random histories
-- (0.6).  Tickets are opened, answered, paused, resumed, resolved,
-- reopened, changed in severity, late (changed_at in the past), made
-- confidential or not, given and cleared due dates by hand, written to,
-- escalated, moved to another contract by retarget, and deleted; the
-- rollups are refreshed at random moments between the steps.  After every
-- round, for an uncleared and a cleared reader:
--   compliance equals compliance_recomputed, row for row (EXCEPT ALL both
--     ways), the seconds of the percentiles included;
--   the summary of quarterly_report equals the same summary computed from
--     ticket_outcomes (percentile_cont over the seconds), for every
--     customer and quarter.
-- The histories are drawn from a fixed seed; their instants lie in 2026
-- (all in the past), but some tickets are opened within the last hours so
-- that targets still running count as missed only once now() passes them.
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET client_min_messages = warning;
-- (the random histories are read with many function scans: no JIT)
SET jit = off;

INSERT INTO ticket_sla.contracts (name, terms) VALUES
('Watch', 'plan "Watch"; tier standard; warn at 75%;
  critical: respond within 1 hour, resolve within 4 hours, escalate after 2 hours to "Duty manager";
  high: respond within 2 hours, resolve within 1 day, reply within 2 hours, update every 4 hours;
  medium: respond within 8 hours; low: respond within 1 day'),
('Office', 'plan "Office"; tier standard; hours (Mon-Fri 09:00-17:00; tz Europe/London);
  response means qualified answer; on reopen restart;
  critical: respond within 1 business hour, resolve within 8 business hours;
  high: respond within 4 business hours, resolve within 16 business hours;
  medium: respond within 8 business hours, resolve within 40 business hours,
          reply within 4 business hours, update every 8 business hours'),
('Spare', 'plan "Spare"; tier standard; hours (Mon-Fri 08:00-20:00; tz America/New_York);
  critical: respond within 2 business hours, resolve within 1 business day;
  high: respond within 4 business hours; low: respond within 2 business days');
INSERT INTO ticket_sla.customers (organisation, contract_id)
SELECT 'Customer ' || i, 1 + i % 3 FROM generate_series(1, 6) i;
CREATE ROLE regress_hist_reader IN ROLE ticket_sla_reporting;
CREATE ROLE regress_hist_cleared IN ROLE ticket_sla_reporting, ticket_sla_cleared;
SELECT setseed(0.19);

\i test/fixtures/random_history.sql

-- One random step; refused steps (a change the rules forbid) count apart,
-- any other error fails the test
CREATE FUNCTION random_step() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	id bigint;
	at timestamptz;
	kind integer := floor(random() * 15)::integer;
BEGIN
	SELECT t.ticket_id INTO id FROM ticket_sla.tickets t ORDER BY random() LIMIT 1;
	IF id IS NULL OR kind = 0 THEN
		kind := 0;
	ELSE
		-- a while after the ticket's last instant, never after now
		at := least(last_instant(id) + random() * interval '30 hours', now() - interval '1 minute');
	END IF;
	BEGIN
		CASE kind
		WHEN 0 THEN
			INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
				business_impact, description, current_behaviour, expected_behaviour,
				channel, severity, opened_at, confidential)
			SELECT 1 + floor(random() * 6)::integer, 'Portal', 'Random', o, 'Impact', 'Description',
				   'Now', 'Expected', pick(ARRAY['phone', 'email', 'web']::ticket_sla.channel[]),
				   pick(enum_range(NULL::ticket_sla.severity)), o, random() < 0.1
			FROM (SELECT CASE WHEN random() < 0.15 THEN now() - random() * interval '6 hours'
							  ELSE timestamptz '2026-01-02 00:00+00' + random() * interval '300 days'
						 END AS o) AS opened;
		WHEN 1, 2 THEN
			UPDATE ticket_sla.tickets
			   SET status = pick(ARRAY['new', 'in progress', 'waiting on customer', 'resolved']), changed_at = at
			 WHERE ticket_id = id;
		WHEN 3 THEN
			UPDATE ticket_sla.tickets
			   SET severity = pick(enum_range(NULL::ticket_sla.severity)), changed_at = at
			 WHERE ticket_id = id;
		WHEN 4 THEN
			UPDATE ticket_sla.tickets SET first_response_at = at WHERE ticket_id = id;
		WHEN 5, 6 THEN
			INSERT INTO ticket_sla.messages (ticket_id, author, public, qualified, sent_at, body)
			SELECT id, a, a = 'customer' OR random() < 0.8, a = 'agent' AND random() < 0.5, at, 'Message'
			FROM (SELECT pick(ARRAY['customer', 'agent', 'agent']::ticket_sla.message_author[]) AS a) AS author;
		WHEN 7 THEN
			UPDATE ticket_sla.tickets SET resolved_at = at WHERE ticket_id = id;
		WHEN 8 THEN
			PERFORM ticket_sla.set_due(id, pick(ARRAY['response', 'resolution']::ticket_sla.sla_clock[]),
									   at + random() * interval '3 days', 'Agreed with the customer');
		WHEN 9 THEN
			PERFORM ticket_sla.clear_due(id, pick(ARRAY['response', 'resolution']::ticket_sla.sla_clock[]),
										 'Back to the terms');
		WHEN 10 THEN
			UPDATE ticket_sla.tickets SET confidential = NOT confidential WHERE ticket_id = id;
		WHEN 11 THEN
			PERFORM ticket_sla.process_escalations();
		WHEN 12 THEN
			IF random() < 0.3 THEN
				DELETE FROM ticket_sla.tickets WHERE ticket_id = id;
			END IF;
		WHEN 13 THEN
			-- a customer moves to another contract; its open tickets follow
			UPDATE ticket_sla.customers SET contract_id = 1 + floor(random() * 3)::integer
			 WHERE customer_id = (SELECT customer_id FROM ticket_sla.tickets WHERE ticket_id = id);
			PERFORM ticket_sla.retarget(name) FROM ticket_sla.contracts;
		ELSE
			PERFORM ticket_sla.refresh_reports();
		END CASE;
		RETURN 'applied';
	EXCEPTION WHEN invalid_parameter_value OR object_not_in_prerequisite_state
				   OR check_violation OR no_data_found OR invalid_datetime_format THEN
		RETURN 'refused';
	END;
END $$;

-- The quarterly summary from the tickets: what quarterly_report gave
-- before the rollups (its percentile over the seconds)
CREATE FUNCTION summary_recomputed(customer integer, quarter text)
RETURNS TABLE (severity ticket_sla.severity, tickets bigint, responses_met bigint,
			   responses_breached bigint, resolutions_met bigint, resolutions_breached bigint,
			   response_time interval, responses_manual bigint, resolutions_manual bigint,
			   replies_met bigint, replies_breached bigint, updates_met bigint, updates_breached bigint)
LANGUAGE sql AS $$
SELECT o.severity, count(*), coalesce(sum(o.response_met), 0), coalesce(sum(o.response_breached), 0),
	   coalesce(sum(o.resolution_met + o.earlier_resolutions_met), 0),
	   coalesce(sum(o.resolution_breached + o.earlier_resolutions_breached), 0),
	   make_interval(secs => percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM o.response_time)::float8)),
	   coalesce(sum(o.response_manual), 0), coalesce(sum(o.resolution_manual), 0),
	   coalesce(sum(o.replies_met), 0), coalesce(sum(o.replies_breached), 0),
	   coalesce(sum(o.updates_met), 0), coalesce(sum(o.updates_breached), 0)
FROM ticket_sla.ticket_outcomes o
WHERE o.customer_id = customer
  AND o.opened_at >= make_date(left(quarter, 4)::integer, 3 * right(quarter, 1)::integer - 2, 1)::timestamp AT TIME ZONE 'UTC'
  AND o.opened_at < (make_date(left(quarter, 4)::integer, 3 * right(quarter, 1)::integer - 2, 1)
					 + interval '3 months') AT TIME ZONE 'UTC'
GROUP BY ROLLUP (o.severity)
$$;

-- How many rows differ between the rollups and the recomputation, as the
-- current role reads them
CREATE FUNCTION differences() RETURNS bigint LANGUAGE sql AS $$
SELECT (SELECT count(*) FROM (
			(TABLE ticket_sla.compliance EXCEPT ALL TABLE ticket_sla.compliance_recomputed)
			UNION ALL
			(TABLE ticket_sla.compliance_recomputed EXCEPT ALL TABLE ticket_sla.compliance)) d)
	 + (SELECT count(*) FROM (
			SELECT c.customer_id, q.quarter, s.*
			FROM ticket_sla.customers c
			CROSS JOIN (VALUES ('2026-Q1'), ('2026-Q2'), ('2026-Q3'), ('2026-Q4'), ('2027-Q1')) AS q (quarter)
			CROSS JOIN LATERAL summary_recomputed(c.customer_id, q.quarter) AS s
			EXCEPT ALL
			SELECT c.customer_id, q.quarter, r.severity, r.tickets, r.responses_met, r.responses_breached,
				   r.resolutions_met, r.resolutions_breached, r.response_time, r.responses_manual,
				   r.resolutions_manual, r.replies_met, r.replies_breached, r.updates_met, r.updates_breached
			FROM ticket_sla.customers c
			CROSS JOIN (VALUES ('2026-Q1'), ('2026-Q2'), ('2026-Q3'), ('2026-Q4'), ('2027-Q1')) AS q (quarter)
			CROSS JOIN LATERAL ticket_sla.quarterly_report(c.customer_id, q.quarter) AS r
			WHERE r.section = 'summary') d)
$$;
GRANT EXECUTE ON FUNCTION differences(), summary_recomputed(integer, text) TO ticket_sla_reporting;

-- 300 tickets first, refreshed
DO $$
BEGIN
	FOR i IN 1 .. 300 LOOP
		INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
			business_impact, description, current_behaviour, expected_behaviour,
			channel, severity, opened_at, confidential)
		SELECT 1 + floor(random() * 6)::integer, 'Portal', 'Random', o, 'Impact', 'Description',
			   'Now', 'Expected', 'email', pick(enum_range(NULL::ticket_sla.severity)), o, random() < 0.1
		FROM (SELECT timestamptz '2026-01-02 00:00+00' + random() * interval '300 days' AS o) AS opened;
	END LOOP;
END $$;
SELECT ticket_sla.refresh_reports() > 0 AS refreshed;

-- Ten rounds of 150 random steps, each compared by both readers
CREATE TABLE rounds (round integer, applied integer, refused integer,
					 uncleared bigint, cleared bigint);
GRANT SELECT, UPDATE ON rounds TO ticket_sla_reporting;
DO $$
DECLARE
	outcome text;
	n_applied integer;
	n_refused integer;
BEGIN
	FOR r IN 1 .. 10 LOOP
		n_applied := 0;
		n_refused := 0;
		FOR s IN 1 .. 150 LOOP
			outcome := random_step();
			IF outcome = 'applied' THEN
				n_applied := n_applied + 1;
			ELSE
				n_refused := n_refused + 1;
			END IF;
		END LOOP;
		INSERT INTO rounds VALUES (r, n_applied, n_refused);
		SET LOCAL ROLE regress_hist_reader;
		UPDATE rounds SET uncleared = differences() WHERE round = r;
		SET LOCAL ROLE regress_hist_cleared;
		UPDATE rounds SET cleared = differences() WHERE round = r;
		RESET ROLE;
	END LOOP;
END $$;
-- every round differs in nothing; most of its steps were applied
SELECT round, applied > refused AS mostly_applied, uncleared, cleared FROM rounds ORDER BY round;
-- the histories held what they must: refreshed rollups, reopenings,
-- finished reply and update cycles, due dates by hand, confidential
-- tickets, deletions, contract moves, escalations
SELECT (SELECT count(*) FROM ticket_sla.report_days) > 0 AS day_rows,
	   (SELECT count(*) FROM ticket_sla.tickets WHERE cycle > 1) > 0 AS reopened,
	   (SELECT count(DISTINCT target) FROM ticket_sla.target_cycles) AS cycle_targets,
	   (SELECT count(*) FROM ticket_sla.tickets
		WHERE response_due_set IS NOT NULL OR resolution_due_set IS NOT NULL) > 0 AS due_by_hand,
	   (SELECT count(*) FROM ticket_sla.tickets WHERE confidential) > 0 AS confidential,
	   (SELECT max(ticket_id) FROM ticket_sla.tickets) > (SELECT count(*) FROM ticket_sla.tickets) AS deleted,
	   EXISTS (SELECT FROM ticket_sla.tickets t JOIN ticket_sla.contract_terms ct USING (terms_id)
			   GROUP BY t.customer_id HAVING count(DISTINCT ct.contract_id) > 1) AS moved,
	   (SELECT count(*) FROM ticket_sla.escalations) > 0 AS escalated;
-- and after a last refresh, and a rebuild, still nothing differs
SELECT ticket_sla.refresh_reports() >= 0 AS refreshed, differences();
SELECT ticket_sla.rebuild_reports() > 0 AS rebuilt, differences();
RESET client_min_messages;
DROP TABLE rounds;
DROP FUNCTION differences(), summary_recomputed(integer, text), random_step(), last_instant(bigint),
	pick(anyarray);
DROP ROLE regress_hist_reader, regress_hist_cleared;
