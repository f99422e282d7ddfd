--
-- Durations as numbers (0.6): BI tools (Metabase, Power BI, Tableau)
-- cannot chart an interval, so next to every interval column of every view
-- of ticket_sla is its twin <column>_seconds, numeric, extract(epoch FROM
-- it): to the microsecond, negative when the interval is.  First the
-- catalog: every interval column of every view has its twin right after
-- it, commented; then hand-worked values, live against now() (a missed
-- response, a reply owed past due, a fraction of a second) and at fixed
-- instants (business time against clock time); then every twin against
-- extract on every row of every view.  Every value was worked out by hand
-- (the comment before each statement).
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';

-- Every interval column of every view of ticket_sla, the column after it
-- and its type, and whether that column's comment gives the unit: 14
-- columns of seven views, each followed by <column>_seconds, numeric.
SELECT c.relname AS view, a.attname AS interval_column, tw.attname AS next_column,
	   format_type(tw.atttypid, tw.atttypmod) AS next_type,
	   col_description(c.oid, tw.attnum) LIKE a.attname || ' in seconds (%' AS commented
FROM pg_class c
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attribute tw ON tw.attrelid = c.oid AND tw.attnum = a.attnum + 1
WHERE c.relnamespace = 'ticket_sla'::regnamespace AND c.relkind IN ('v', 'm')
  AND a.atttypid = 'interval'::regtype
ORDER BY 1, a.attnum;
-- The views lacking a twin somewhere (none): an interval column not followed
-- by <column>_seconds of type numeric, commented with its unit
SELECT c.relname AS view_lacking_twin, a.attname AS interval_column
FROM pg_class c
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attribute tw ON tw.attrelid = c.oid AND tw.attnum = a.attnum + 1 AND NOT tw.attisdropped
WHERE c.relnamespace = 'ticket_sla'::regnamespace AND c.relkind IN ('v', 'm')
  AND a.atttypid = 'interval'::regtype
  AND (tw.attname IS DISTINCT FROM a.attname || '_seconds'
	   OR tw.atttypid IS DISTINCT FROM 'numeric'::regtype
	   OR col_description(c.oid, tw.attnum) NOT LIKE a.attname || ' in seconds (%'
	   OR col_description(c.oid, tw.attnum) IS NULL)
ORDER BY 1, 2;

-- twins_against_extract(): for every interval column of every view, the
-- rows of the view, those where the interval
-- has a value, and those where its twin is not extract(epoch FROM it)
CREATE FUNCTION twins_against_extract()
RETURNS TABLE (view name, interval_column name, with_value bigint, differing bigint)
LANGUAGE plpgsql AS $$
DECLARE
	col record;
BEGIN
	FOR col IN
		SELECT c.relname, a.attname
		FROM pg_class c
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		WHERE c.relnamespace = 'ticket_sla'::regnamespace AND c.relkind IN ('v', 'm')
		  AND a.atttypid = 'interval'::regtype
		ORDER BY c.relname, a.attnum
	LOOP
		view := col.relname;
		interval_column := col.attname;
		EXECUTE format('SELECT count(%2$I), count(*) FILTER (WHERE %3$I IS DISTINCT FROM extract(epoch FROM %2$I)) FROM ticket_sla.%1$I',
					   col.relname, col.attname, col.attname || '_seconds')
			INTO with_value, differing;
		RETURN NEXT;
	END LOOP;
END $$;

INSERT INTO ticket_sla.contracts (name, terms) VALUES
('Watch', 'plan "Watch"; critical: respond within 1 hour, resolve within 4 hours,
  reply within 30 minutes, update every 2 hours'),
('Office', 'plan "Office"; hours (Mon-Fri 09:00-17:00; tz UTC);
  high: respond within 4 business hours, resolve within 16 business hours');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('Night Shift', 1), ('Borough Council', 2);
CREATE FUNCTION open(customer integer, sev ticket_sla.severity, at timestamptz)
RETURNS bigint LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
		business_impact, description, current_behaviour, expected_behaviour,
		channel, severity, opened_at)
	VALUES (customer, 'Portal', 'Login fails', at, 'Staff cannot log in', 'Login fails',
		'Error 403', 'Login works', 'phone', sev, at)
	RETURNING ticket_id
$$;
CREATE PROCEDURE say(ticket bigint, author ticket_sla.message_author, at timestamptz)
LANGUAGE sql AS $$
	INSERT INTO ticket_sla.messages (ticket_id, author, public, sent_at, body)
	VALUES (ticket, author, true, at, author || ' writes')
$$;

--
-- At fixed instants, under office hours Mon-Fri 09:00-17:00 UTC: a high
-- ticket opened Friday 2026-02-06 15:00, answered Tuesday 10:00, resolved
-- Tuesday 15:00.
--   response due Monday 11:00 (Friday 15:00-17:00, Monday 09:00-11:00);
--   answered Tuesday 10:00: late 7 business hours (Monday 11:00-17:00,
--   Tuesday 09:00-10:00) = 25200 s, 23 hours on the clock = 82800 s
--   response time 11 business hours (2 + 8 + 1) = 39600 s
--   resolution due 16 business hours on: Tuesday 15:00 (2 + 8 + 6), met
--   the ledger: the response clock ran Friday 15:00 to Tuesday 10:00,
--   11 business hours = 39600 s, 3 days 19 hours = 327600 s on the clock;
--   the resolution clock Friday 15:00 to Tuesday 15:00, 16 business hours
--   = 57600 s, 4 days = 345600 s
--
SELECT open(2, 'high', '2026-02-06 15:00+00');
UPDATE ticket_sla.tickets SET first_response_at = '2026-02-10 10:00+00' WHERE ticket_id = 1;
UPDATE ticket_sla.tickets SET resolved_at = '2026-02-10 15:00+00' WHERE ticket_id = 1;
SELECT target, due, met_at, late_business, late_business_seconds, late_clock, late_clock_seconds
FROM ticket_sla.breaches WHERE ticket_id = 1;
SELECT response_time, response_time_seconds FROM ticket_sla.current_outcomes WHERE ticket_id = 1;
SELECT response_time, response_time_seconds FROM ticket_sla.ticket_outcomes WHERE ticket_id = 1;
SELECT clock, from_at, to_at, business_time, business_time_seconds, elapsed, elapsed_seconds
FROM ticket_sla.clock_ledger WHERE ticket_id = 1 ORDER BY clock, from_at;

--
-- Live, against now() (one transaction, one now()), on the Watch plan
-- (round the clock: critical respond within 1 hour, resolve within 4
-- hours, reply within 30 minutes, update every 2 hours):
--   2 opened 90 minutes ago, answered by an agent 80 minutes ago (the first
--     response, 50 minutes early: response_remaining 00:50:00 = 3000 s;
--     the update clock counts from it: due in 40 minutes = 2400 s), the
--     customer wrote 45 minutes ago: the reply was due 15 minutes ago,
--     -00:15:00 = -900 s; resolution 4 h - 90 min = 02:30:00 = 9000 s
--   3 opened 70 minutes and a quarter of a second ago, unanswered: the
--     response missed by 00:10:00.25 = -600.25 s; resolution 4 h - 70 min
--     0.25 s = 02:49:59.75 = 10199.75 s; the update clock counts from the
--     opening: due in 2 h - 70 min 0.25 s = 00:49:59.75 = 2999.75 s; no
--     reply owed
--   4 opened 20 minutes and a microsecond ago: the response due in
--     00:39:59.999999 = 2399.999999 s, the resolution in 03:39:59.999999 =
--     13199.999999 s, the update in 01:39:59.999999 = 5999.999999 s
--
BEGIN;
SELECT open(1, 'critical', now() - interval '90 minutes'),
	   open(1, 'critical', now() - interval '70 minutes 0.25 seconds'),
	   open(1, 'critical', now() - interval '20 minutes 0.000001 seconds');
CALL say(2, 'agent', now() - interval '80 minutes');
CALL say(2, 'customer', now() - interval '45 minutes');
SELECT ticket_id, response_remaining, response_remaining_seconds,
	   resolution_remaining, resolution_remaining_seconds
FROM ticket_sla.sla_status ORDER BY ticket_id;
SELECT ticket_id, reply_remaining, reply_remaining_seconds, update_remaining, update_remaining_seconds
FROM ticket_sla.sla_status ORDER BY ticket_id;
-- the breaches open now: ticket 2's reply, late 15 minutes, and ticket 3's
-- response, late 10 minutes and a quarter of a second (round the clock:
-- business time is clock time)
SELECT ticket_id, target, met_at, late_business, late_business_seconds, late_clock, late_clock_seconds
FROM ticket_sla.breaches WHERE ticket_id > 1 ORDER BY ticket_id, target;
-- ticket 2's response time: 10 minutes = 600 s; the others are unanswered
SELECT ticket_id, response_time, response_time_seconds FROM ticket_sla.ticket_outcomes ORDER BY ticket_id;

-- Every twin equals extract(epoch FROM its interval) on every row:
--   breaches: ticket 1's response (above) and the two open now: 3 rows
--   clock_ledger: ticket 1's two stretches (above); ticket 2's five: the
--     response clock's and the update clock's first cycle, both ended by
--     the agent's message, and the resolution clock, the reply owed and
--     the update's second cycle still running (a message changes no
--     status, so the resolution clock runs on in one stretch); ticket 3's
--     running response, resolution and update clocks, and ticket 4's:
--     2 + 5 + 3 + 3 = 13 rows with business_time and elapsed
--   current_outcomes, ticket_outcomes: tickets 1 and 2 answered
--   sla_status: tickets 2, 3 and 4 open with response and resolution
--     targets; the reply owed on ticket 2 only; the update clocks of the
--     three
--   compliance, compliance_recomputed: the medians of the month and the
--     quarter of ticket 1 (Borough Council) and of tickets 2 to 4 (Night
--     Shift: ticket 2 answered): 4 rows
SELECT * FROM twins_against_extract();
ROLLBACK;

DROP FUNCTION twins_against_extract();
DROP FUNCTION open(integer, ticket_sla.severity, timestamptz);
DROP PROCEDURE say(bigint, ticket_sla.message_author, timestamptz);
