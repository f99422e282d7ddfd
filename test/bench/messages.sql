-- messages.sh's store: a plan with reply and update targets on Berlin
-- business hours (Mon-Fri 09:00-17:00), 100 customers on it, and the role
-- bench_agent, a member of ticket_sla_agent.  fill_tickets(n) opens n high
-- tickets through the trigger and gives each its first response, so that a
-- customer's message owes a reply.
SET client_min_messages = warning;
INSERT INTO ticket_sla.contracts (name, terms) VALUES ('Desk',
 'plan "Desk"; tier standard; hours (Mon-Fri 09:00-17:00; tz Europe/Berlin); warn at 75%;
  high: respond within 2 business hours, resolve within 3 business days,
        reply within 4 business hours, update every 8 business hours');
INSERT INTO ticket_sla.customers (organisation, contract_id)
SELECT 'Customer ' || i, 1 FROM generate_series(1, 100) i;
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench_agent') THEN
		CREATE ROLE bench_agent LOGIN;
	END IF;
END
$$;
GRANT ticket_sla_agent TO bench_agent;
-- the variant "disabled" writes what the triggers would, which no agent
-- may write (only a restore does, as a superuser)
GRANT UPDATE (awaiting_reply_since, reply_due, reply_cycle, last_agent_message_at, update_from,
              update_due, update_cycle, next_event_at)
	ON ticket_sla.tickets TO bench_agent;
GRANT INSERT ON ticket_sla.clock_segments, ticket_sla.target_cycles TO bench_agent;
CREATE POLICY bench_writes ON ticket_sla.clock_segments FOR INSERT TO bench_agent WITH CHECK (true);
CREATE POLICY bench_writes ON ticket_sla.target_cycles FOR INSERT TO bench_agent WITH CHECK (true);

CREATE PROCEDURE fill_tickets(n integer) LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, summary, channel, severity, opened_at)
	SELECT 1 + i % 100, 'Mail to customers is slow', 'web', 'high',
		   timestamptz '2026-11-02 09:00+01' + (i % 500) * interval '1 minute'
	FROM generate_series(1, n) i;
	UPDATE ticket_sla.tickets SET first_response_at = opened_at + interval '10 minutes';
$$;
