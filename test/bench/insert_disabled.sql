-- insert.sh, variant "disabled": the same ticket as insert_triggers.sql,
-- run while the trigger stamp is disabled, so the INSERT itself supplies
-- what the trigger would have stamped: a case number from the same sequence
-- in the same format, the contract's tier and terms (customer N is on
-- contract and terms (N - 1) % 3 + 1, of which 2 is premium), the clock
-- start, and deadlines as plain values (NULL where the plan has no target),
-- nothing paused, and the first escalation step of the Cyren plans' P1 and
-- P2, and the writing transaction as revision (0.6: what the report rollups
-- read), so that the row has the same width and the same indexes are
-- maintained.
\set cust random(1, :customers)
\set contact 3 * (:cust - 1) + random(1, 3)
\set sev random(1, 4)
\set chan random(1, 4)
\set secs random(0, 28771199)
\set k (:cust - 1) % 3 + 1
INSERT INTO ticket_sla.tickets
	(customer_id, contact_id, service, summary, problem_at, business_impact,
	 description, current_behaviour, expected_behaviour, channel, severity, opened_at,
	 case_number, tier, terms_id, clock_start, response_due, resolution_due,
	 changed_at, paused_business, paused_elapsed, escalation_level, next_escalation_at,
	 cycle, events_fired, revision)
VALUES
	(:cust, :contact, 'Mail security gateway',
	 'Outbound mail held in the queue for hours',
	 timestamptz '2026-01-01 00:00+00' + (:secs - 1800) * interval '1 second',
	 'Invoices and order confirmations do not reach our customers',
	 'Since this morning outbound messages stay in the deferred queue; the gateway log shows TLS handshake timeouts towards several large providers.',
	 'Messages wait up to four hours before delivery; some bounce after retries.',
	 'Outbound messages are delivered within a minute.',
	 (ARRAY['phone', 'email', 'web', 'chat'])[:chan]::ticket_sla.channel,
	 (ARRAY['critical', 'high', 'medium', 'low'])[:sev]::ticket_sla.severity,
	 timestamptz '2026-01-01 00:00+00' + :secs * interval '1 second',
	 format('CASE-%s-%s',
	        to_char(timezone('UTC', timestamptz '2026-01-01 00:00+00' + :secs * interval '1 second'), 'YYYY'),
	        replace(format('%6s', nextval('ticket_sla.case_number_seq')), ' ', '0')),
	 (ARRAY['standard', 'premium', 'standard'])[:k]::ticket_sla.tier,
	 :k,
	 timestamptz '2026-01-01 00:00+00' + :secs * interval '1 second',
	 timestamptz '2026-01-01 00:00+00' + :secs * interval '1 second' + :sev * interval '2 hours',
	 CASE WHEN :k = 3 THEN timestamptz '2026-01-01 00:00+00' + :secs * interval '1 second' + :sev * interval '2 days' END,
	 timestamptz '2026-01-01 00:00+00' + :secs * interval '1 second', '0', '0', 0,
	 CASE WHEN :k < 3 AND :sev <= 2 THEN timestamptz '2026-01-01 00:00+00' + :secs * interval '1 second' + :sev * interval '1 hour' END,
	 1, 0, pg_current_xact_id());
