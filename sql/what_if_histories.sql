--
-- what_if against re-insertion, over random histories (0.6, issue 20).
-- The same random histories (openings, some filed as waiting or resolved,
-- status changes with pauses,
-- resolutions and reopenings dated in the past, severity changes, first
-- responses, messages of customers and agents, resolutions, due dates set
-- and cleared by hand) are applied in step to tickets of contract "Now"
-- and to their twins of contract "Proposed", whose terms are the proposed
-- ones (the scratch store: another contract in the same database, twin
-- customers of the same time zones).  Then:
--   what_if(Now, period, terms of Proposed): its proposed columns equal
--     the twins' recorded deadlines and outcomes (what_if over Proposed
--     reads them from the store), row for row (EXCEPT ALL both ways);
--   the "now" columns of every what_if equal the store's own outcomes:
--     added up per ticket, the counts of ticket_outcomes;
--   replaying a contract's own terms gives its record again;
--   an uncleared reader replays no confidential ticket.
-- "Now" and "Proposed" differ in every target's length, on the business
-- and the wall clock, in their hours (Proposed has local hours, kept in the
-- customers' own time zones) and in the reply targets; they agree in the
-- clauses what_if does not replay (what_if.sql tests its refusals).
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET client_min_messages = warning;
-- (the random histories are read with many function scans: no JIT)
SET jit = off;

INSERT INTO ticket_sla.contracts (name, terms) VALUES
('Now', 'plan "Now"; tier standard; hours (Mon-Fri 09:00-17:00; tz Europe/London);
  critical: respond within 1 hour, resolve within 8 business hours, reply within 2 hours,
            update every 4 hours;
  high: respond within 4 business hours, resolve within 1 day, update every 8 business hours;
  medium: respond within 8 business hours, resolve within 40 business hours,
          reply within 4 business hours;
  low: respond within 2 business days'),
('Proposed', 'plan "Proposed"; tier standard; hours (Mon-Fri 08:00-18:00; tz America/New_York); local hours;
  critical: respond within 30 minutes, resolve within 6 business hours, update every 2 business hours;
  high: respond within 2 business hours, resolve within 12 business hours, reply within 3 hours,
        update every 6 hours;
  medium: respond within 1 business day, resolve within 4 business days,
          reply within 2 business hours;
  low: respond within 1 business day, resolve within 10 days');
-- three customers under each, in pairs of the same time zone
INSERT INTO ticket_sla.customers (organisation, contract_id, time_zone)
SELECT c.name || ' ' || i, c.contract_id, (ARRAY['Europe/Berlin', NULL, 'Asia/Tokyo'])[i]
FROM ticket_sla.contracts c CROSS JOIN generate_series(1, 3) i
ORDER BY c.contract_id, i;
CREATE ROLE regress_whatif_reader IN ROLE ticket_sla_reporting;
CREATE ROLE regress_whatif_cleared IN ROLE ticket_sla_reporting, ticket_sla_cleared;
SELECT setseed(0.20);
\i test/fixtures/random_history.sql

-- each ticket of Now (a) and its twin of Proposed (b)
CREATE TABLE twins (a bigint PRIMARY KEY, b bigint UNIQUE);
CREATE FUNCTION open_ticket(customer integer, sev ticket_sla.severity, opened timestamptz,
							secret boolean, via ticket_sla.channel, filed text, resolved timestamptz)
RETURNS bigint LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, summary, channel, severity, opened_at, confidential,
									status, resolved_at)
	VALUES (customer, 'Random', via, sev, opened, secret, filed, CASE WHEN filed = 'resolved' THEN resolved END)
	RETURNING ticket_id
$$;
-- a ticket of a customer of Now (1 to 3) and its twin of the twin
-- customer of Proposed (4 to 6); one in ten filed as waiting on the
-- customer, one in ten as resolved (hours after its opening: in the
-- ledger it stood resolved from its opening)
CREATE FUNCTION open_pair(sev ticket_sla.severity, opened timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	customer integer := 1 + floor(random() * 3)::integer;
	secret boolean := random() < 0.1;
	via ticket_sla.channel := pick(ARRAY['phone', 'email', 'web']::ticket_sla.channel[]);
	filed text := pick(ARRAY['new', 'new', 'new', 'new', 'new', 'new', 'new', 'in progress',
							 'waiting on customer', 'resolved']);
	resolved timestamptz := least(opened + random() * interval '20 hours', now() - interval '1 minute');
BEGIN
	INSERT INTO twins VALUES (open_ticket(customer, sev, opened, secret, via, filed, resolved),
							  open_ticket(customer + 3, sev, opened, secret, via, filed, resolved));
END $$;

-- One random step, applied to a ticket and to its twin alike; returns
-- 'applied', 'refused' (a change the rules forbid, refused for both) or
-- 'apart' (applied to one only: the test fails)
CREATE FUNCTION twin_step() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	pair twins;
	kind integer := floor(random() * 10)::integer;
	at timestamptz;
	s text;
	sev ticket_sla.severity := pick(enum_range(NULL::ticket_sla.severity));
	author ticket_sla.message_author := pick(ARRAY['customer', 'agent', 'agent']::ticket_sla.message_author[]);
	public boolean := random() < 0.8;
	qualified boolean := random() < 0.5;
	target ticket_sla.sla_clock := pick(ARRAY['response', 'resolution']::ticket_sla.sla_clock[]);
	due_in interval := random() * interval '3 days';
	set_due boolean := random() < 0.7;
	results text[] := '{}';
	id bigint;
BEGIN
	SELECT * INTO pair FROM twins ORDER BY random() LIMIT 1;
	s := pick(ARRAY['new', 'in progress', 'waiting on customer', 'resolved', 'in progress']);
	IF pair.a IS NULL OR kind = 0 THEN
		at := CASE WHEN random() < 0.15 THEN now() - random() * interval '6 hours'
				   ELSE timestamptz '2026-01-02 00:00+00' + random() * interval '300 days' END;
		PERFORM open_pair(sev, at);
		RETURN 'applied';
	END IF;
	-- a while after the ticket's last instant, never after now
	at := least(last_instant(pair.a) + random() * interval '30 hours', now() - interval '1 minute');
	FOREACH id IN ARRAY ARRAY[pair.a, pair.b] LOOP
		BEGIN
			CASE kind
			WHEN 1, 2, 3 THEN
				UPDATE ticket_sla.tickets SET status = s, changed_at = at WHERE ticket_id = id;
			WHEN 4 THEN
				UPDATE ticket_sla.tickets SET severity = sev, changed_at = at WHERE ticket_id = id;
			WHEN 5 THEN
				UPDATE ticket_sla.tickets SET first_response_at = at WHERE ticket_id = id;
			WHEN 6, 7 THEN
				INSERT INTO ticket_sla.messages (ticket_id, author, public, qualified, sent_at, body)
				VALUES (id, author, author = 'customer' OR public, author = 'agent' AND public AND qualified,
						at, 'Message');
			WHEN 8 THEN
				UPDATE ticket_sla.tickets SET resolved_at = at WHERE ticket_id = id;
			ELSE
				IF set_due THEN
					PERFORM ticket_sla.set_due(id, target, at + due_in, 'Agreed with the customer');
				ELSE
					PERFORM ticket_sla.clear_due(id, target, 'Back to the terms');
				END IF;
			END CASE;
			results := results || 'applied'::text;
		EXCEPTION WHEN invalid_parameter_value OR object_not_in_prerequisite_state
					   OR check_violation OR no_data_found THEN
			results := results || 'refused'::text;
		END;
	END LOOP;
	RETURN CASE WHEN results[1] <> results[2] THEN 'apart' ELSE results[1] END;
END $$;

-- 200 pairs first, then 3,000 random steps
SELECT count(open_pair(pick(enum_range(NULL::ticket_sla.severity)),
					   timestamptz '2026-01-02 00:00+00' + random() * interval '300 days'))
FROM generate_series(1, 200);
CREATE TABLE steps (outcome text);
INSERT INTO steps SELECT twin_step() FROM generate_series(1, 3000);
-- no step was applied to one twin only; most were applied
SELECT count(*) FILTER (WHERE outcome = 'apart') AS apart,
	   count(*) FILTER (WHERE outcome = 'applied') > count(*) FILTER (WHERE outcome = 'refused')
		   AS mostly_applied
FROM steps;
-- the twins' records differ (other terms), their histories not
SELECT count(*) FILTER (WHERE ta.resolution_due IS DISTINCT FROM tb.resolution_due) > 100 AS other_deadlines,
	   count(*) FILTER (WHERE (ta.status, ta.severity, ta.cycle, ta.reply_cycle, ta.first_response_at, ta.resolved_at)
						   IS DISTINCT FROM (tb.status, tb.severity, tb.cycle, tb.reply_cycle,
											 tb.first_response_at, tb.resolved_at)) AS other_histories
FROM twins JOIN ticket_sla.tickets ta ON ta.ticket_id = twins.a
JOIN ticket_sla.tickets tb ON tb.ticket_id = twins.b;

-- The period: every ticket (all opened in 2026, before now)
CREATE FUNCTION period() RETURNS tstzrange LANGUAGE sql AS
$$ SELECT tstzrange('2026-01-01 00:00+00', '2027-01-01 00:00+00') $$;
CREATE FUNCTION terms_of(plan text) RETURNS ticket_sla.contract LANGUAGE sql AS
$$ SELECT terms FROM ticket_sla.contracts WHERE name = plan $$;

-- what_if(Now, terms of Proposed) against the twins as recorded, and the
-- "now" columns against ticket_outcomes, as the current role sees them:
-- the rows that differ, each way
CREATE FUNCTION differences(OUT proposed_vs_twins bigint, OUT now_vs_outcomes bigint,
							OUT own_terms bigint, OUT rows bigint)
LANGUAGE sql AS $$
WITH replayed AS (
	SELECT w.*, t.b AS twin FROM ticket_sla.what_if(period(), terms_of('Proposed'), contract_id => 1) w
	JOIN twins t ON t.a = w.ticket_id
), recorded AS (
	SELECT w.*, w.ticket_id AS twin FROM ticket_sla.what_if(period(), terms_of('Proposed'), contract_id => 2) w
), replayed_rows AS (
	SELECT twin, target, cycle, due_proposed, outcome_proposed FROM replayed
), recorded_rows AS (
	SELECT twin, target, cycle, due_now, outcome_now FROM recorded
), both_now AS (
	SELECT ticket_id, target, cycle, outcome_now FROM replayed
	UNION ALL
	SELECT ticket_id, target, cycle, outcome_now FROM recorded
), counted AS (
	SELECT ticket_id,
		   count(*) FILTER (WHERE target = 'response' AND outcome_now = 'met')::integer,
		   count(*) FILTER (WHERE target = 'response' AND outcome_now = 'breached')::integer,
		   count(*) FILTER (WHERE target = 'response' AND outcome_now = 'manual')::integer,
		   count(*) FILTER (WHERE target = 'resolution' AND outcome_now = 'met')::integer,
		   count(*) FILTER (WHERE target = 'resolution' AND outcome_now = 'breached')::integer,
		   count(*) FILTER (WHERE target = 'resolution' AND outcome_now = 'manual')::integer,
		   count(*) FILTER (WHERE target = 'reply' AND outcome_now = 'met')::integer,
		   count(*) FILTER (WHERE target = 'reply' AND outcome_now = 'breached')::integer,
		   count(*) FILTER (WHERE target = 'update' AND outcome_now = 'met')::integer,
		   count(*) FILTER (WHERE target = 'update' AND outcome_now = 'breached')::integer
	FROM both_now GROUP BY ticket_id
), outcomes AS (
	SELECT ticket_id, response_met, response_breached, response_manual,
		   resolution_met + earlier_resolutions_met, resolution_breached + earlier_resolutions_breached,
		   resolution_manual, replies_met, replies_breached, updates_met, updates_breached
	FROM ticket_sla.ticket_outcomes
), own AS (
	SELECT count(*) AS n FROM ticket_sla.what_if(period(), terms_of('Now'), contract_id => 1) w
	WHERE (w.due_now, w.outcome_now) IS DISTINCT FROM (w.due_proposed, w.outcome_proposed)
)
SELECT (SELECT count(*) FROM ((TABLE replayed_rows EXCEPT ALL TABLE recorded_rows)
							  UNION ALL (TABLE recorded_rows EXCEPT ALL TABLE replayed_rows)) d),
	   (SELECT count(*) FROM ((TABLE counted EXCEPT ALL TABLE outcomes)
							  UNION ALL (TABLE outcomes EXCEPT ALL TABLE counted)) d),
	   (SELECT n FROM own),
	   (SELECT count(*) FROM replayed)
$$;
GRANT SELECT ON twins TO ticket_sla_reporting;
GRANT EXECUTE ON FUNCTION differences(), period(), terms_of(text) TO ticket_sla_reporting;

-- nothing differs, for the superuser, an uncleared and a cleared reader;
-- the uncleared reader replays no confidential ticket, the cleared all
CREATE TABLE secret AS SELECT ticket_id FROM ticket_sla.tickets WHERE confidential;
CREATE TABLE readings (reader text, proposed_vs_twins bigint, now_vs_outcomes bigint,
					   own_terms bigint, rows bigint, confidential_replayed bigint);
GRANT SELECT ON secret TO ticket_sla_reporting;
GRANT INSERT ON readings TO ticket_sla_reporting;
CREATE FUNCTION reading(reader text) RETURNS void LANGUAGE sql AS $$
	INSERT INTO readings
	SELECT reader, d.*, (SELECT count(DISTINCT ticket_id)
						 FROM ticket_sla.what_if(period(), terms_of('Proposed'), contract_id => 1)
						 JOIN secret USING (ticket_id))
	FROM differences() d
$$;
GRANT EXECUTE ON FUNCTION reading(text) TO ticket_sla_reporting;
SELECT reading('superuser');
SET ROLE regress_whatif_cleared;
SELECT reading('cleared');
SET ROLE regress_whatif_reader;
SELECT reading('uncleared');
RESET ROLE;
SELECT reader, proposed_vs_twins, now_vs_outcomes, own_terms, rows > 1000 AS many_rows,
	   confidential_replayed = (SELECT count(*) FROM secret WHERE ticket_id IN (SELECT a FROM twins))
		   AS all_confidential,
	   confidential_replayed = 0 AS no_confidential
FROM readings ORDER BY reader;
-- the histories held what they must: pauses, reopenings, severity
-- changes, finished reply and update cycles, due dates by hand, tickets
-- filed as resolved and reopened, and outcomes the proposed terms change
-- both ways
SELECT (SELECT count(*) FROM ticket_sla.clock_segments WHERE state = 'paused' AND reason <> 'resolved') > 50 AS paused,
	   (SELECT count(*) FROM ticket_sla.clock_segments g JOIN ticket_sla.tickets t USING (ticket_id)
		WHERE g.reason = 'resolved' AND g.from_at = t.opened_at AND g.to_at > t.opened_at + interval '1 hour') > 5
		   AS filed_resolved,
	   (SELECT count(*) FROM ticket_sla.tickets WHERE cycle > 1) > 50 AS reopened,
	   (SELECT count(DISTINCT severity) FROM ticket_sla.clock_segments s
		GROUP BY ticket_id ORDER BY 1 DESC LIMIT 1) > 1 AS severity_changed,
	   (SELECT count(DISTINCT target) FROM ticket_sla.target_cycles) AS cycle_targets,
	   (SELECT count(*) FROM ticket_sla.tickets
		WHERE response_due_set IS NOT NULL OR resolution_due_set IS NOT NULL) > 10 AS due_by_hand,
	   (SELECT count(*) FROM ticket_sla.tickets WHERE confidential) > 10 AS confidential,
	   (SELECT count(*) FILTER (WHERE outcome_now = 'met' AND outcome_proposed = 'breached') > 10
			   AND count(*) FILTER (WHERE outcome_now = 'breached' AND outcome_proposed = 'met') > 10
		FROM ticket_sla.what_if(period(), terms_of('Proposed'), contract_id => 1)) AS changed_both_ways;
RESET client_min_messages;
DROP TABLE twins, steps, secret, readings;
DROP FUNCTION reading(text), differences(), period(), terms_of(text), twin_step(), open_pair(ticket_sla.severity, timestamptz),
	open_ticket(integer, ticket_sla.severity, timestamptz, boolean, ticket_sla.channel, text, timestamptz),
	last_instant(bigint), pick(anyarray);
DROP ROLE regress_whatif_reader, regress_whatif_cleared;
