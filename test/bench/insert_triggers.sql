-- insert.sh, variant "triggers": one ticket per transaction, the columns an
-- application gives; the trigger stamp fills in case number, tier, terms,
-- clock start and deadlines.  pgbench -D customers=N.
\set cust random(1, :customers)
\set contact 3 * (:cust - 1) + random(1, 3)
\set sev random(1, 4)
\set chan random(1, 4)
\set secs random(0, 28771199)
INSERT INTO ticket_sla.tickets
	(customer_id, contact_id, service, summary, problem_at, business_impact,
	 description, current_behaviour, expected_behaviour, channel, severity, opened_at)
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
	 timestamptz '2026-01-01 00:00+00' + :secs * interval '1 second');
