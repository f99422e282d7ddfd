-- queue.sh: what the support desk's queue screen asks for
SELECT * FROM ticket_sla.queue LIMIT 50;
