-- messages.sh, variant "triggers": one message per transaction on a random
-- ticket, from the customer or an agent; the trigger record_message keeps
-- the ticket's reply and update clocks, the ticket's trigger stamps their
-- deadlines and record_segments writes the stretches and cycles that end.
\set t random(1, :tickets)
\set agent random(0, 1)
INSERT INTO ticket_sla.messages (ticket_id, author, sent_at, body)
VALUES (:t, (ARRAY['customer', 'agent'])[:agent + 1]::ticket_sla.message_author, now(),
        'The relay of the old domain still throttles; could you check the limits for it as well?');
