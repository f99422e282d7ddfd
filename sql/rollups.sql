--
-- The report rollups (0.6): report_days and report_periods, kept by
-- refresh_reports, read by compliance and quarterly_report.  First a store
-- worked out by hand (every figure below in the comments), read before and
-- after refreshes, by an uncleared and a cleared role; then random
-- histories compared with the full recomputation (compliance_recomputed,
-- and the quarterly summary computed from ticket_outcomes).
--
\i test/fixtures/fresh_store.sql
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
\i test/fixtures/io_helpers.sql

INSERT INTO ticket_sla.contracts (name, terms) VALUES
('Watch', 'plan "Watch"; tier standard;
  critical: respond within 1 hour, resolve within 4 hours;
  high: respond within 2 hours'),
('Office', 'plan "Office"; tier standard; hours (Mon-Fri 09:00-17:00; tz UTC);
  critical: respond within 1 business hour, resolve within 8 business hours;
  high: respond within 4 business hours, resolve within 16 business hours;
  medium: respond within 8 business hours, reply within 4 business hours,
          update every 8 business hours');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES
('Night Shift', 1), ('Borough Council', 2), ('Corner Shop', 2);
CREATE ROLE regress_rollup_reader IN ROLE ticket_sla_reporting;
CREATE ROLE regress_rollup_cleared IN ROLE ticket_sla_reporting, ticket_sla_cleared;

\i test/fixtures/file_ticket.sql

-- Night Shift, on Watch (round the clock: critical 1 hour to respond, 4 to
-- resolve; high 2 hours to respond, nothing to resolve):
--   1 critical Mon 2 March 10:00, answered 10:10, resolved 12:00: both met
--   2 critical Mon 2 March 11:00, answered 11:20, resolved 16:00: resolution
--     missed (due 15:00)
--   3 critical Tue 3 March 09:00, answered 09:30, still open: resolution due
--     13:00, long past, so missed
--   4 high Tue 3 March 09:00, answered 09:40: met
--   5 critical Wed 1 April 08:00, answered 10:00 (due 09:00: missed),
--     resolved 11:00 (due 12:00: met)
--   6 critical Mon 2 March 12:00, confidential, answered 12:50, resolved
--     13:00: both met
SELECT file('Night Shift', 'critical', '2026-03-02 10:00+00', '2026-03-02 10:10+00', '2026-03-02 12:00+00'),
	   file('Night Shift', 'critical', '2026-03-02 11:00+00', '2026-03-02 11:20+00', '2026-03-02 16:00+00'),
	   file('Night Shift', 'critical', '2026-03-03 09:00+00', '2026-03-03 09:30+00'),
	   file('Night Shift', 'high', '2026-03-03 09:00+00', '2026-03-03 09:40+00'),
	   file('Night Shift', 'critical', '2026-04-01 08:00+00', '2026-04-01 10:00+00', '2026-04-01 11:00+00'),
	   file('Night Shift', 'critical', '2026-03-02 12:00+00', '2026-03-02 12:50+00', '2026-03-02 13:00+00', secret => true);

-- Nothing refreshed yet: every customer's day with tickets counts as
-- changed (the watermark is 0), and the rollups are empty
SELECT * FROM ticket_sla.report_changed_days() ORDER BY 1, 2;
SELECT count(*) AS day_rows FROM ticket_sla.report_days;

-- The figures, read by the uncleared role (not ticket 6) and the cleared.
-- March's critical tickets without 6: responses of 10, 20 and 30 minutes,
-- median 20, 90th percentile at rank 0.9 * 2 = 1.8: 20 + 0.8 * 10 = 28
-- minutes; 3 responses and 1 resolution met; missed the resolutions of 2
-- and 3 (open, past due): 4 of 6, 66.7 %.  With 6 (50 minutes): median at
-- 1.5, 25 minutes; 90th at 2.7: 30 + 0.7 * 20 = 44 minutes; 6 of 8, 75 %.
-- High in Q1: ticket 4, 40 minutes.  April: ticket 5, 1 of 2, 2 hours.
CREATE VIEW figures AS
SELECT period, period_start, severity, tickets, targets_met, targets_breached, compliance_pct,
	   median_response, median_response_seconds, p90_response, p90_response_seconds, targets_manual
FROM ticket_sla.compliance WHERE customer_id = 1;
GRANT SELECT ON figures TO ticket_sla_reporting;
SET ROLE regress_rollup_reader;
SELECT * FROM figures ORDER BY period, period_start, severity;
SET ROLE regress_rollup_cleared;
SELECT * FROM figures ORDER BY period, period_start, severity;
RESET ROLE;

-- The refresh: three days of Night Shift (2 and 3 March, 1 April) in five
-- rows (2 March has critical tickets with and without confidentiality;
-- 3 March's open resolution keeps its due date, 13:00; response times in
-- microseconds); their months and quarters, a group with confidential
-- tickets twice.  Nothing is changed since: the same figures, now read
-- from the rollups.
SELECT ticket_sla.refresh_reports() AS days_refreshed;
SELECT count(*) AS changed_days FROM ticket_sla.report_changed_days();
SELECT customer_id, day, severity, confidential, tickets, responses_met, responses_breached,
	   resolutions_met, resolutions_breached, resolutions_open, response_times
FROM ticket_sla.report_days ORDER BY day, severity, confidential;
SELECT period, period_start, severity, with_confidential, tickets, response_percentiles
FROM ticket_sla.report_periods ORDER BY period, period_start, severity, with_confidential;
SET ROLE regress_rollup_reader;
SELECT * FROM figures ORDER BY period, period_start, severity;
-- the uncleared see no rollup of a confidential ticket
SELECT count(*) AS confidential_rows FROM ticket_sla.report_days WHERE confidential;
SELECT count(*) AS confidential_rows FROM ticket_sla.report_periods WHERE with_confidential;
-- nor the days of deleted tickets; and they refresh nothing
SELECT error_of('SELECT * FROM ticket_sla.report_dirty');
SELECT error_of('SELECT ticket_sla.refresh_reports()');
SET ROLE regress_rollup_cleared;
SELECT * FROM figures ORDER BY period, period_start, severity;
RESET ROLE;

-- Changes after the refresh, read at once (the changed periods recomputed):
-- ticket 4 becomes critical, late (at 10:00 on 3 March): answered in 40
-- minutes, met; its resolution due 13:00, open and missed.  March critical
-- without 6: responses 10, 20, 30, 40: median 25, 90th at 2.7: 37 minutes;
-- met 4 + 1, missed 3: 62.5 %; Q1 has no high ticket left.  Ticket 5 is
-- deleted: April and Q2 go.
UPDATE ticket_sla.tickets SET severity = 'critical', changed_at = '2026-03-03 10:00+00' WHERE ticket_id = 4;
DELETE FROM ticket_sla.tickets WHERE ticket_id = 5;
SELECT * FROM ticket_sla.report_changed_days() ORDER BY 1, 2;
SET ROLE regress_rollup_reader;
SELECT * FROM figures ORDER BY period, period_start, severity;
RESET ROLE;
-- refreshed: the same figures from the rollups
SELECT ticket_sla.refresh_reports() AS days_refreshed;
SET ROLE regress_rollup_reader;
SELECT * FROM figures ORDER BY period, period_start, severity;
RESET ROLE;
SELECT count(*) AS day_rows, count(*) FILTER (WHERE day = '2026-04-01') AS april
FROM ticket_sla.report_days;

-- The quarterly report's summary comes from the rollups too: Q1 for the
-- cleared (tickets 1, 2, 3, 4, 6: median of 10, 20, 30, 40, 50 minutes)
SET ROLE regress_rollup_cleared;
SELECT section, severity, tickets, responses_met, responses_breached, resolutions_met,
	   resolutions_breached, response_time
FROM ticket_sla.quarterly_report(1, '2026-Q1') WHERE section = 'summary';
RESET ROLE;

-- A target still running counts as missed only once now() passes its due
-- date: a critical ticket opened 30 minutes ago, not answered (due in 30
-- minutes) is neither met nor missed; one opened 2 hours ago is missed
-- (summed over the months of the last two hours: one, or two at the start
-- of a month).
BEGIN;
SELECT file('Night Shift', 'critical', now() - interval '30 minutes') IS NOT NULL AS filed,
	   file('Night Shift', 'critical', now() - interval '2 hours') IS NOT NULL AS filed;
SELECT ticket_sla.refresh_reports() > 0 AS refreshed;
SELECT sum(r.targets_met) AS targets_met, sum(r.targets_breached) AS targets_breached,
	   sum(r.tickets) AS tickets
FROM ticket_sla.compliance r
WHERE r.customer_id = 1 AND r.period = 'month'
  AND r.period_start >= date_trunc('month', (now() - interval '2 hours') AT TIME ZONE 'UTC')::date;
ROLLBACK;

-- rebuild_reports makes them anew, with the same figures
SELECT ticket_sla.rebuild_reports() AS days_rebuilt;
SELECT count(*) AS differences FROM (
	(TABLE ticket_sla.compliance EXCEPT ALL TABLE ticket_sla.compliance_recomputed)
	UNION ALL
	(TABLE ticket_sla.compliance_recomputed EXCEPT ALL TABLE ticket_sla.compliance)) d;

-- Truncating the tickets (their owner only) empties the rollups
BEGIN;
TRUNCATE ticket_sla.tickets CASCADE;
SELECT (SELECT count(*) FROM ticket_sla.report_days) AS day_rows,
	   (SELECT count(*) FROM ticket_sla.report_periods) AS period_rows,
	   (SELECT count(*) FROM ticket_sla.compliance) AS compliance_rows;
ROLLBACK;

-- The arithmetic of the rollups.  multiset_sum adds the arrays of weight 1
-- and takes out those of weight -1, sorted: {5, 1, 3} + {3, 9} - {3, 1}
-- leaves {3, 5, 9}; instants too.  Taking out what is not there is the
-- rollups out of step (XX001); other weights and types are refused.
SELECT ticket_sla.multiset_sum(a, w)
FROM (VALUES ('{5,1,3}'::bigint[], 1), ('{3,9}', 1), ('{3,1}', -1)) AS v (a, w);
SELECT ticket_sla.multiset_sum(a, w)
FROM (VALUES ('{"2026-03-02 13:00+00","2026-03-01 09:00+00"}'::timestamptz[], 1),
			 ('{"2026-03-01 09:00+00"}', -1)) AS v (a, w);
SELECT ticket_sla.multiset_sum(a, w) FROM (VALUES ('{}'::bigint[], 1), ('{}', -1)) AS v (a, w);
SELECT error_of($$SELECT ticket_sla.multiset_sum(a, w)
	FROM (VALUES ('{1,2}'::bigint[], 1), ('{3}', -1)) AS v (a, w)$$);
SELECT error_of($$SELECT ticket_sla.multiset_sum('{1}'::bigint[], 2)$$);
SELECT error_of($$SELECT ticket_sla.multiset_sum('{1}'::integer[], 1)$$);
SELECT error_of($$SELECT ticket_sla.multiset_sum('{1,NULL}'::bigint[], 1)$$);
-- sorted_percentiles: 10, 20, 30, 40 seconds: median at rank 1.5, 25 s;
-- 90th at 2.7, 30 + 0.7 * 10 = 37 s; one value is both; none gives NULL;
-- unsorted is refused
SELECT ticket_sla.sorted_percentiles('{10000000,20000000,30000000,40000000}'),
	   ticket_sla.sorted_percentiles('{1500000}'), ticket_sla.sorted_percentiles('{}') IS NULL AS empty;
SELECT error_of($$SELECT ticket_sla.sorted_percentiles('{2,1}')$$);
-- instants_before: the due dates a reading has passed
SELECT ticket_sla.instants_before('{"2026-03-02 13:00+00","2026-03-03 09:00+00"}', '2026-03-03 00:00+00');

-- Only refresh_reports writes the rollups: an agent, a reader and the admin
-- write none of them, and a plain login reads none
CREATE ROLE regress_rollup_agent IN ROLE ticket_sla_agent;
CREATE ROLE regress_rollup_admin IN ROLE ticket_sla_admin;
CREATE ROLE regress_rollup_plain LOGIN;
SET ROLE regress_rollup_agent;
SELECT error_of($$INSERT INTO ticket_sla.report_days SELECT * FROM ticket_sla.report_days$$);
SELECT error_of($$UPDATE ticket_sla.report_periods SET tickets = 0$$);
SELECT error_of($$UPDATE ticket_sla.report_state SET refreshed_before = '0'$$);
SELECT error_of($$INSERT INTO ticket_sla.report_dirty VALUES (1, '2026-03-02')$$);
SET ROLE regress_rollup_admin;
SELECT error_of($$DELETE FROM ticket_sla.report_days$$);
SELECT error_of($$TRUNCATE ticket_sla.report_periods$$);
SELECT error_of($$SELECT ticket_sla.note_deleted_days()$$);
-- the admin refreshes (nothing changed since the rebuild)
SELECT ticket_sla.refresh_reports() AS days_refreshed;
SET ROLE regress_rollup_plain;
SELECT error_of($$SELECT * FROM ticket_sla.report_days$$);
SELECT error_of($$SELECT * FROM ticket_sla.report_changed_days()$$);
SELECT error_of($$SELECT * FROM ticket_sla.compliance$$);
RESET ROLE;

-- The trigger refuses a foreign table
CREATE TEMP TABLE fake (LIKE ticket_sla.tickets);
CREATE TRIGGER t AFTER DELETE ON fake REFERENCING OLD TABLE AS deleted_tickets
	FOR EACH STATEMENT EXECUTE FUNCTION ticket_sla.note_deleted_days();
SELECT error_of('DELETE FROM fake');
DROP TABLE fake;
DROP ROLE regress_rollup_reader, regress_rollup_cleared, regress_rollup_agent,
	regress_rollup_admin, regress_rollup_plain;
DROP VIEW figures;
DROP FUNCTION file(text, ticket_sla.severity, timestamptz, timestamptz, timestamptz, boolean);
DROP FUNCTION error_of(text);
DROP FUNCTION try_query(text);
DROP FUNCTION recv_as(regtype, bytea);
