-- Run once by queue.sh: the seed of insert.sql (three contracts, customers,
-- contacts, the role bench_agent) and the procedure that grows the tickets
-- table.
\ir insert.sql

-- Grows ticket_sla.tickets to TARGET rows, continuing where it stands: one
-- ticket every SPACING or so from 2023-01-01 (every 90 seconds by default:
-- a million span about three years), with a random customer, contact, channel and severity (5 %
-- critical, 20 % high, 45 % medium, 30 % low) and 2 % confidential; 90 %
-- are resolved (status resolved, resolved_at set), the others are new or in
-- progress (first response given).
--   via_trigger true: through the trigger stamp, which stamps every row as
--   in production; false: with session_replication_role = replica, which
--   skips the user trigger (and the foreign-key checks: the values are valid
--   by construction), the stamped columns computed by the same functions
--   (customer_terms, response_deadline, resolution_deadline, escalation_due),
--   clock_start being opened_at since none of the plans says "phone only out
--   of hours", nothing paused and no escalation fired yet.
CREATE PROCEDURE bench_fill(target bigint, via_trigger boolean, spacing interval DEFAULT '90 seconds')
LANGUAGE plpgsql
AS $$
DECLARE
	have bigint;
BEGIN
	SELECT count(*) INTO have FROM ticket_sla.tickets;
	IF target <= have THEN
		RETURN;
	END IF;
	CREATE TEMP TABLE new_tickets ON COMMIT DROP AS
	SELECT n, customer_id, 3 * (customer_id - 1) + 1 + floor(random() * 3)::int AS contact_id,
	       (ARRAY['phone', 'email', 'web', 'chat'])[1 + floor(random() * 4)::int]::ticket_sla.channel AS channel,
	       CASE WHEN s < 0.05 THEN 'critical' WHEN s < 0.25 THEN 'high'
	            WHEN s < 0.70 THEN 'medium' ELSE 'low' END::ticket_sla.severity AS severity,
	       opened_at, random() < 0.02 AS confidential,
	       CASE WHEN r < 0.9 OR random() < 0.5 THEN opened_at + random() * interval '4 hours' END AS first_response_at,
	       CASE WHEN r < 0.9 THEN opened_at + interval '4 hours' + random() * interval '5 days' END AS resolved_at
	FROM (SELECT n, 1 + floor(random() * (SELECT count(*) FROM ticket_sla.customers))::int AS customer_id,
	             timestamptz '2023-01-01 00:00+00' + (n + random()) * spacing AS opened_at,
	             random() AS r, random() AS s
	      FROM generate_series(have + 1, target) AS n) AS g;

	IF via_trigger THEN
		INSERT INTO ticket_sla.tickets
			(customer_id, contact_id, service, summary, problem_at, business_impact,
			 description, current_behaviour, expected_behaviour, channel, severity,
			 status, confidential, opened_at, first_response_at, resolved_at)
		SELECT customer_id, contact_id, 'Mail security gateway', format('Ticket %s: outbound mail delayed', n),
		       opened_at - interval '30 minutes', 'Invoices do not reach our customers',
		       'Outbound messages stay in the deferred queue; TLS handshake timeouts towards large providers.',
		       'Messages wait hours before delivery.', 'Messages are delivered within a minute.',
		       channel, severity,
		       CASE WHEN resolved_at IS NOT NULL THEN 'resolved'
		            WHEN first_response_at IS NOT NULL THEN 'in progress' ELSE 'new' END,
		       confidential, opened_at, first_response_at, resolved_at
		FROM new_tickets ORDER BY n;
	ELSE
		SET LOCAL session_replication_role = replica;
		INSERT INTO ticket_sla.tickets
			(customer_id, contact_id, service, summary, problem_at, business_impact,
			 description, current_behaviour, expected_behaviour, channel, severity,
			 status, confidential, opened_at, first_response_at, resolved_at,
			 case_number, tier, terms_id, clock_start, response_due, resolution_due,
			 changed_at, paused_since, paused_business, paused_elapsed, escalation_level,
			 next_escalation_at, cycle, events_fired)
		SELECT t.customer_id, contact_id, 'Mail security gateway', format('Ticket %s: outbound mail delayed', n),
		       opened_at - interval '30 minutes', 'Invoices do not reach our customers',
		       'Outbound messages stay in the deferred queue; TLS handshake timeouts towards large providers.',
		       'Messages wait hours before delivery.', 'Messages are delivered within a minute.',
		       channel, severity,
		       CASE WHEN resolved_at IS NOT NULL THEN 'resolved'
		            WHEN first_response_at IS NOT NULL THEN 'in progress' ELSE 'new' END,
		       confidential, opened_at, first_response_at, resolved_at,
		       format('CASE-%s-%s', to_char(timezone('UTC', opened_at), 'YYYY'),
		              replace(format('%6s', nextval('ticket_sla.case_number_seq')), ' ', '0')),
		       ticket_sla.tier(ct.terms), ct.terms_id, opened_at,
		       ticket_sla.response_deadline(opened_at, severity, ct.terms),
		       ticket_sla.resolution_deadline(opened_at, severity, ct.terms),
		       opened_at, resolved_at, '0', '0', 0,
		       CASE WHEN resolved_at IS NULL THEN
		            (ticket_sla.escalation_due(opened_at, severity, ct.terms, opened_at)).next_due END,
		       1, 0
		FROM new_tickets t JOIN ticket_sla.customer_terms ct USING (customer_id)
		ORDER BY n;
		SET LOCAL session_replication_role = origin;
	END IF;
END
$$;
