--
-- local_hours: one plan, each customer in its own time zone and holidays
-- (Cyren Standard: "Mon-Fri 09:00-18:00 local time, working days only").
-- Every expected instant is worked out by hand in the comment before it.
--
SET TimeZone = 'UTC';
\set ECHO none
\i test/fixtures/io_helpers.sql
\i test/fixtures/fresh_store.sql
\set ECHO all

INSERT INTO ticket_sla.contracts (name, terms) VALUES ('Cyren Standard',
 'plan "Cyren Standard"; tier standard; hours (Mon-Fri 09:00-18:00; tz America/New_York; holidays US);
  local hours; critical: respond within 4 business hours')
RETURNING terms;
-- a customer gives its time zone and holiday regions; one that gives none
-- is held to the plan's
INSERT INTO ticket_sla.customers (organisation, contract_id, time_zone, holiday_regions) VALUES
  ('Berlin GmbH', 1, 'Europe/Berlin', '{DE-BE}'),
  ('New York Inc', 1, 'America/New_York', '{US}'),
  ('Default Corp', 1, NULL, NULL);
SELECT organisation, ticket_sla.customer_hours(customer_id) FROM ticket_sla.customers ORDER BY customer_id;
-- the versions localized for them are made when they are written: opening
-- a ticket only reads them (below: one rolled back takes no terms_id)
SELECT terms_id, localizes, locale FROM ticket_sla.contract_terms ORDER BY terms_id;

CREATE FUNCTION open(org text, at timestamptz) RETURNS TABLE (case_number text, terms_id integer, response_due timestamptz)
LANGUAGE sql AS $$
	INSERT INTO ticket_sla.tickets (customer_id, channel, severity, opened_at)
	SELECT customer_id, 'web', 'critical', at FROM ticket_sla.customers WHERE organisation = org
	RETURNING case_number, terms_id, response_due
$$;

-- Friday 13 March 2026, 16:30 UTC.  Berlin (CET, UTC+1): 17:30, half an
-- hour on Friday, 3.5 hours from Monday 09:00: 12:30 CET, 11:30 UTC.  New
-- York (EDT since 8 March, UTC-4): 12:30, 4 hours on: 16:30 EDT, 20:30 UTC;
-- the customer without its own hours has the plan's, New York's
SELECT o.org, t.* FROM unnest('{Berlin GmbH,New York Inc,Default Corp}'::text[]) WITH ORDINALITY AS o(org, n),
  LATERAL open(o.org, '2026-03-13 16:30+00') AS t ORDER BY o.n;
-- Thursday 2 April 2026, 16:00 UTC.  Berlin (CEST, UTC+2): 18:00, closed;
-- Good Friday and Easter Monday are Berlin's holidays: Tuesday 7 April
-- 09:00 + 4 hours, 13:00 CEST, 11:00 UTC.  New York (EDT): 12:00, 16:00
-- EDT, 20:00 UTC the same day
SELECT o.org, t.* FROM unnest('{Berlin GmbH,New York Inc}'::text[]) WITH ORDINALITY AS o(org, n),
  LATERAL open(o.org, '2026-04-02 16:00+00') AS t ORDER BY o.n;

-- the versions: the contract's own, and one localized for each locale,
-- made once and shared by the tickets of the same time zone and holidays
SELECT terms_id, localizes, locale, ticket_sla.hours(terms) FROM ticket_sla.contract_terms ORDER BY terms_id;
SELECT customer_id, terms_id FROM ticket_sla.customer_terms ORDER BY customer_id;
-- each stamped deadline is what the functions compute from the version the
-- ticket keeps
SELECT count(*) AS tickets,
       count(*) FILTER (WHERE t.response_due = ticket_sla.response_deadline(t.clock_start, t.severity, ct.terms)) AS agree
FROM ticket_sla.tickets t JOIN ticket_sla.contract_terms ct USING (terms_id);

-- New York Inc moves to London (GB-ENG).  Its tickets keep their deadlines
-- until retarget moves them, and only them.  In London: Friday 13 March
-- 16:30 GMT, 1.5 hours on Friday, 2.5 from Monday 09:00: 11:30 GMT = UTC;
-- Thursday 2 April 17:00 BST, 1 hour, Good Friday and Easter Monday
-- closed, 3 hours from Tuesday 7 April 09:00: 12:00 BST, 11:00 UTC
UPDATE ticket_sla.customers SET time_zone = 'Europe/London', holiday_regions = '{GB-ENG}'
WHERE organisation = 'New York Inc';
SELECT case_number, response_due FROM ticket_sla.tickets WHERE customer_id = 2 ORDER BY ticket_id;
SELECT ticket_sla.retarget('Cyren Standard');
SELECT c.organisation, t.case_number, t.terms_id, t.response_due
FROM ticket_sla.tickets t JOIN ticket_sla.customers c USING (customer_id) ORDER BY t.ticket_id;
SELECT ticket_sla.retarget('Cyren Standard') AS moved_again;
-- Default Corp, on the plan's own hours so far, gives its time zone, Tokyo
-- (JST, UTC+9), and no holidays: retarget moves its ticket too.  Friday 13
-- March 16:30 UTC is Saturday 01:30 in Tokyo: Monday 16 March 09:00 + 4
-- hours, 13:00 JST, 04:00 UTC
UPDATE ticket_sla.customers SET time_zone = 'Asia/Tokyo', holiday_regions = '{}'
WHERE organisation = 'Default Corp';
SELECT ticket_sla.retarget('Cyren Standard');
SELECT t.case_number, t.terms_id, t.response_due, ct.locale
FROM ticket_sla.tickets t JOIN ticket_sla.contract_terms ct USING (terms_id) WHERE t.customer_id = 3;
SELECT ticket_sla.retarget('Cyren Standard') AS moved_again;

-- bad time zones and regions are refused when the customer is written
SELECT error_of($$UPDATE ticket_sla.customers SET time_zone = 'Mars/Olympus' WHERE customer_id = 3$$);
SELECT error_of($$UPDATE ticket_sla.customers SET holiday_regions = '{XX}' WHERE customer_id = 3$$);
SELECT error_of($$UPDATE ticket_sla.customers SET time_zone = 'UTC); warn at 5%' WHERE customer_id = 3$$);
SELECT error_of($$SELECT ticket_sla.localized('hours (24x7); local hours', 'UTC', '{"DE; open 2026-01-01"}')$$);
-- a plan without hours has none to keep in a customer's time
SELECT error_of($$SELECT 'local hours; critical: respond within 1 hour'::ticket_sla.contract$$);
-- a plan named like an hours clause: the plan's hours are localized, the
-- name stays as it is
SELECT ticket_sla.localized('plan "hours (Mon-Fri 09:00-17:00; tz UTC)"; hours (Mon-Fri 09:00-17:00; tz UTC); local hours',
                            'Europe/Berlin', '{DE}');
-- localized is the plan itself when it keeps no local hours, or the
-- customer gives nothing
SELECT ticket_sla.localized(c, 'Europe/Berlin', '{DE}') OPERATOR(ticket_sla.=) c AS not_local,
       ticket_sla.localized(d, NULL, NULL) OPERATOR(ticket_sla.=) d AS nothing_given,
       ticket_sla.localized(d, NULL, '{}') AS no_holidays
FROM (VALUES ('hours (Mon-Fri 09:00-17:00; tz UTC)'::ticket_sla.contract,
              'hours (Mon-Fri 09:00-17:00; tz UTC; holidays US); local hours'::ticket_sla.contract)) AS v(c, d);

-- a ticket opened and rolled back takes no identity value of contract_terms
-- (the last version made is still Tokyo's, 5)
BEGIN;
INSERT INTO ticket_sla.tickets (customer_id, channel, severity, opened_at) VALUES (1, 'web', 'low', now());
ROLLBACK;
SELECT last_value FROM ticket_sla.contract_terms_terms_id_seq;

-- local_terms writes contract_terms: no role but the owner calls it (the
-- trigger does, as the owner)
SET ROLE ticket_sla_admin;
SELECT error_of($$SELECT ticket_sla.local_terms(1, 1)$$);
RESET ROLE;

DROP FUNCTION open(text, timestamptz);
DROP FUNCTION recv_as(regtype, bytea);
DROP FUNCTION try_query(text);
DROP FUNCTION error_of(text);
