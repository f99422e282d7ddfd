--
-- Paused clocks and their ledger: waiting on the customer pauses the
-- resolution clock (never the response clock), and the paused business time
-- moves the resolution deadline on; a severity change in the middle
-- re-stamps from the clock start and keeps the paused time; the ledger tells
-- why the target was missed.  Every figure was worked out by hand.
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
\i test/fixtures/io_helpers.sql

-- 2026-03-02 is a Monday; the office is open 09:00-17:00 UTC on weekdays
INSERT INTO ticket_sla.contracts (name, terms) VALUES ('Pause test',
 'plan "Pause test"; hours (Mon-Fri 09:00-17:00; tz UTC); warn at 75%;
  critical: respond within 2 business hours, resolve within 8 business hours;
  high: respond within 4 business hours, resolve within 16 business hours;
  low: resolve within 2 days');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('Acme', 1);
CREATE FUNCTION open(sev ticket_sla.severity, at timestamptz)
RETURNS ticket_sla.tickets LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at,
		business_impact, description, current_behaviour, expected_behaviour,
		channel, severity, opened_at)
	VALUES (1, 'VPN', 'VPN ' || sev, at, 'Staff cannot work remotely', 'Tunnel drops',
		'Drops hourly', 'Stays up', 'web', sev, at)
	RETURNING *
$$;
CREATE VIEW clocks AS
SELECT ticket_id, severity, status, changed_at, paused_since, paused_business,
	   paused_elapsed, response_due, resolution_due
FROM ticket_sla.tickets ORDER BY ticket_id;
CREATE VIEW ledger AS
SELECT ticket_id, clock, from_at, to_at, state, reason, severity, business_time, elapsed
FROM ticket_sla.clock_ledger WHERE to_at IS NOT NULL
ORDER BY ticket_id, clock, from_at;

--
-- Ticket 1, high, opened Monday 09:00: response due 13:00, resolution (16
-- business hours) Tuesday 17:00
--
SELECT ticket_id, response_due, resolution_due, changed_at, paused_business
FROM open('high', '2026-03-02 09:00+00');
-- first response at 10:00: the response clock stops, met
UPDATE ticket_sla.tickets SET first_response_at = '2026-03-02 10:00+00' WHERE ticket_id = 1
RETURNING response_met, changed_at;
-- 11:00 waiting on the customer: the resolution clock pauses
UPDATE ticket_sla.tickets SET status = 'waiting on customer', changed_at = '2026-03-02 11:00+00'
WHERE ticket_id = 1;
SELECT * FROM clocks;
-- read while it waits: the response met, the resolution clock frozen at 2 of
-- its 16 hours (12.5 %) while it waits
SELECT (ticket_sla.response_progress(clock_start, severity, ct.terms, first_response_at, true)).*
FROM ticket_sla.tickets JOIN ticket_sla.contract_terms ct USING (terms_id) WHERE ticket_id = 1;
SELECT (ticket_sla.resolution_progress(clock_start, severity, ct.terms, paused_business,
		paused_elapsed, paused_since, false)).*
FROM ticket_sla.tickets JOIN ticket_sla.contract_terms ct USING (terms_id) WHERE ticket_id = 1;
-- Tuesday 10:00 the customer answers: paused Monday 11:00-17:00 and Tuesday
-- 09:00-10:00 is 7 business hours (23 hours round the clock), so resolution
-- moves from Tuesday 17:00 to Wednesday 16:00
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2026-03-03 10:00+00'
WHERE ticket_id = 1;
SELECT * FROM clocks;
-- Tuesday 12:00 it turns critical: 8 business hours from Monday 09:00 end
-- Monday 17:00, plus the 7 paused: Tuesday 16:00.  Its response target (2
-- business hours, Monday 11:00) was met at 10:00 all the same.
UPDATE ticket_sla.tickets SET severity = 'critical', changed_at = '2026-03-03 12:00+00'
WHERE ticket_id = 1 RETURNING response_due, response_met, resolution_due, paused_business;
-- progress read at Tuesday 13:00, 14:00 and 16:30: 13 business hours since
-- the start at 14:00, less 7 paused, are 6 of 8 = 75 %, at risk from then on
SELECT at, p.*
FROM ticket_sla.tickets JOIN ticket_sla.contract_terms ct USING (terms_id),
	 unnest(ARRAY['2026-03-03 13:00+00', '2026-03-03 14:00+00', '2026-03-03 16:30+00']::timestamptz[]) AS at,
	 ticket_sla.resolution_progress(clock_start, severity, ct.terms, paused_business,
		paused_elapsed, at, false) AS p
WHERE ticket_id = 1;
-- resolved Tuesday 17:00: an hour late
UPDATE ticket_sla.tickets SET resolved_at = '2026-03-03 17:00+00' WHERE ticket_id = 1
RETURNING status, resolution_met, paused_since, next_escalation_at;
SELECT (ticket_sla.resolution_progress(clock_start, severity, ct.terms, paused_business,
		paused_elapsed, resolved_at, true)).*
FROM ticket_sla.tickets JOIN ticket_sla.contract_terms ct USING (terms_id) WHERE ticket_id = 1;
-- why: the ledger.  The resolution clock ran 2 hours as high, was paused 7
-- for the customer, ran 2 more as high and 5 as critical: 9 running hours
-- against a target of 8.
SELECT * FROM ledger WHERE ticket_id = 1;
SELECT clock, state, sum(business_time) FROM ledger WHERE ticket_id = 1
GROUP BY clock, state ORDER BY clock, state;

--
-- Ticket 2, low (resolve within 2 days round the clock), opened Monday
-- 09:00: due Wednesday 09:00.  Resolved at 12:00 without a response (which
-- records the first response with it), reopened at 18:00: the 6 hours it
-- stood resolved move the deadline to Wednesday 15:00.
--
SELECT ticket_id, response_due, resolution_due FROM open('low', '2026-03-02 09:00+00');
UPDATE ticket_sla.tickets SET status = 'resolved', changed_at = '2026-03-02 12:00+00'
WHERE ticket_id = 2 RETURNING resolved_at, first_response_at, paused_since;
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2026-03-02 18:00+00'
WHERE ticket_id = 2 RETURNING resolved_at, paused_since, paused_business, paused_elapsed, resolution_due;
SELECT * FROM ledger WHERE ticket_id = 2;
-- the stretches still running, from the last change (from 0.6 the
-- reopening owes the customer a reply: its clock runs from 18:00 too)
SELECT ticket_id, clock, from_at, state FROM ticket_sla.clock_ledger
WHERE to_at IS NULL ORDER BY ticket_id, clock;

--
-- Ticket 3, critical, opened Friday 2026-03-06 16:00: a pause over the
-- weekend costs no business time but the Friday hour; closing while waiting
-- counts the wait up to the resolution
--
SELECT ticket_id, resolution_due FROM open('critical', '2026-03-06 16:00+00');
UPDATE ticket_sla.tickets SET status = 'waiting on customer', changed_at = '2026-03-06 16:30+00'
WHERE ticket_id = 3;
-- resolved Monday 10:00 while still waiting: paused 16:30-17:00 Friday and
-- 09:00-10:00 Monday, 1.5 business hours; due Monday 16:00 + 1:30 = Tuesday 09:30
UPDATE ticket_sla.tickets SET status = 'resolved', changed_at = '2026-03-09 10:00+00'
WHERE ticket_id = 3
RETURNING resolved_at, paused_business, paused_elapsed, resolution_due, resolution_met;
SELECT * FROM ledger WHERE ticket_id = 3;

--
-- Changes are recorded in the order they happened
--
SELECT ticket_id FROM open('critical', '2026-03-09 09:00+00');
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2026-03-09 11:00+00'
WHERE ticket_id = 4;
SELECT error_of($$UPDATE ticket_sla.tickets SET status = 'waiting on customer',
	changed_at = '2026-03-09 10:00+00' WHERE ticket_id = 4$$);
SELECT error_of($$UPDATE ticket_sla.tickets SET status = 'waiting on customer',
	changed_at = '2026-03-09 08:00+00' WHERE ticket_id = 4$$);
SELECT error_of($$UPDATE ticket_sla.tickets SET changed_at = '2026-03-09 12:00+00'
	WHERE ticket_id = 4$$);
SELECT error_of($$UPDATE ticket_sla.tickets SET status = 'resolved',
	resolved_at = '2026-03-09 12:00+00', changed_at = '2026-03-09 12:30+00' WHERE ticket_id = 4$$);
SELECT col, error_of(format('UPDATE ticket_sla.tickets SET %I = %s WHERE ticket_id = 4', col, v))
FROM (VALUES ('paused_since', 'now()'), ('paused_business', '''1 hour'''),
			 ('paused_elapsed', '''1 hour''')) AS f(col, v);
-- nothing half-done: the refused updates left the ticket and the ledger as they were
SELECT status, changed_at, paused_since FROM ticket_sla.tickets WHERE ticket_id = 4;
SELECT count(*) FROM ticket_sla.clock_segments WHERE ticket_id = 4;

-- The progress functions refuse what they cannot read
SELECT error_of($$SELECT ticket_sla.resolution_progress('2026-03-02', 'low', 'tier standard',
	'-1 hour', '0', '2026-03-03', false)$$);
SELECT error_of($$SELECT ticket_sla.resolution_progress('2026-03-02', 'low', 'tier standard',
	'1 day', '0', '2026-03-03', false)$$);
SELECT error_of($$SELECT ticket_sla.response_progress('infinity', 'low', 'tier standard',
	'2026-03-03', false)$$);
-- no target, no progress
SELECT ticket_sla.response_progress('2026-03-02', 'low', 'tier standard', '2026-03-03', false) IS NULL;
SELECT ticket_sla.plan_time_between('2026-03-06 16:00+00', '2026-03-09 10:00+00', terms),
	   ticket_sla.plan_time_between('2026-03-06 16:00+00', '2026-03-09 10:00+00', 'tier standard')
FROM ticket_sla.contracts;

DROP VIEW clocks;
DROP VIEW ledger;
DROP FUNCTION open(ticket_sla.severity, timestamptz);
DROP FUNCTION error_of(text);
DROP FUNCTION try_query(text);
DROP FUNCTION recv_as(regtype, bytea);
