-- Run once by what_if.sh: the seed of queue.sql (insert.sql's contracts,
-- customers and contacts; bench_fill), every customer moved to the plan
-- "Perseus Business" given reply and update targets, :tickets (1,000,000)
-- through the trigger (one every 31.5 seconds from 2023-01-01: a quarter
-- holds about 250,000), and a history for a third of the tickets of
-- 2023-Q2: reopened an hour after their resolution, waiting on the customer
-- from an hour later for a day, resolved again a day after that; and for a
-- fifth of them a customer's question answered by an agent two hours later.
\ir queue.sql
SET TimeZone = 'UTC';
UPDATE ticket_sla.contracts SET terms =
 'plan "Perseus Business"; tier standard;
  hours (Mon-Fri 09:00-18:00; tz Europe/Berlin);
  critical: respond within 2 business hours, resolve within 1 business day,
            reply within 2 business hours, update every 4 business hours;
  high: respond within 4 business hours, resolve within 3 business days,
        reply within 4 business hours, update every 8 business hours;
  medium: respond within 1 business day, resolve within 5 business days, reply within 1 business day;
  low: respond within 2 business days, resolve within 10 business days, reply within 2 business days'
WHERE contract_id = 3;
UPDATE ticket_sla.customers SET contract_id = 3;
CALL bench_fill(:tickets, true, interval '31.5 seconds');

CREATE TEMP TABLE storied AS
SELECT ticket_id, resolved_at FROM ticket_sla.tickets
WHERE opened_at >= '2023-04-01' AND opened_at < '2023-07-01' AND resolved_at IS NOT NULL
  AND ticket_id % 3 = 0;
UPDATE ticket_sla.tickets t SET status = 'in progress', changed_at = s.resolved_at + interval '1 hour'
FROM storied s WHERE t.ticket_id = s.ticket_id;
UPDATE ticket_sla.tickets t SET status = 'waiting on customer', changed_at = s.resolved_at + interval '2 hours'
FROM storied s WHERE t.ticket_id = s.ticket_id;
UPDATE ticket_sla.tickets t SET status = 'in progress', changed_at = s.resolved_at + interval '26 hours'
FROM storied s WHERE t.ticket_id = s.ticket_id;
INSERT INTO ticket_sla.messages (ticket_id, author, sent_at, body)
SELECT ticket_id, 'agent', resolved_at + interval '27 hours', 'We are on it.'
FROM storied WHERE ticket_id % 5 = 0;
INSERT INTO ticket_sla.messages (ticket_id, author, sent_at, body)
SELECT ticket_id, 'customer', resolved_at + interval '28 hours', 'Any news?'
FROM storied WHERE ticket_id % 5 = 0;
INSERT INTO ticket_sla.messages (ticket_id, author, sent_at, body)
SELECT ticket_id, 'agent', resolved_at + interval '30 hours', 'Fixed, please check.'
FROM storied WHERE ticket_id % 5 = 0;
UPDATE ticket_sla.tickets t SET status = 'resolved', changed_at = s.resolved_at + interval '50 hours'
FROM storied s WHERE t.ticket_id = s.ticket_id;
VACUUM ANALYZE;
