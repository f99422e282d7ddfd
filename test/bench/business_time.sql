-- Run by business_time.sh; prints one row per measured expression.
CREATE EXTENSION ticket_sla;
SET TimeZone = 'UTC';
SELECT setseed(0.42);

-- The same start instants for every measurement: ten years, any time of day.
CREATE TABLE starts AS
SELECT ts, ts + random() * interval '20 days' AS ts2
FROM (SELECT timestamptz '2026-01-01' + random() * interval '3652 days' AS ts
      FROM generate_series(1, :rows)) s;
VACUUM ANALYZE starts;

-- Weekly hours plus about 30 closed dates a year over the ten years.
SELECT 'Mon-Fri 09:00-18:00; tz Europe/Berlin; closed '
       || string_agg(to_char(d, 'YYYY-MM-DD'), ', ' ORDER BY d) AS cal
FROM generate_series(date '2026-01-01', date '2035-12-31', interval '12 days') AS d
\gset

CREATE TEMP TABLE measured (name text, expr text);
INSERT INTO measured VALUES
    ('scan only (ts)', 'ts'),
    ('timezone(''Europe/Berlin'', ts)', 'timezone(''Europe/Berlin'', ts)'),
    ('business_deadline 4 hours', format('ticket_sla.business_deadline(ts, ''4 hours'', %L::ticket_sla.calendar)', :'cal')),
    ('business_deadline 400 hours', format('ticket_sla.business_deadline(ts, ''400 hours'', %L::ticket_sla.calendar)', :'cal')),
    ('business_deadline 20 days', format('ticket_sla.business_deadline(ts, ''20 days'', %L::ticket_sla.calendar)', :'cal')),
    ('business_time_between', format('ticket_sla.business_time_between(ts, ts2, %L::ticket_sla.calendar)', :'cal'));

\ir best_of_rounds.sql

\echo Per-call cost over :rows start instants (best of 7 rounds; "net" subtracts the scan):
SELECT t.name,
       round((t.secs * 1e9 / :rows)::numeric, 0) AS "ns/row",
       round(((t.secs - s.secs) * 1e9 / :rows)::numeric, 0) AS "net ns/call",
       round(((t.secs - s.secs) / (b.secs - s.secs))::numeric, 2) AS "x timezone()",
       round(((t.secs - s.secs) / nullif(f.secs - s.secs, 0))::numeric, 2) AS "x 4 hours"
FROM best t,
     (SELECT secs FROM best WHERE name = 'scan only (ts)') s,
     (SELECT secs FROM best WHERE name LIKE 'timezone%') b,
     (SELECT secs FROM best WHERE name = 'business_deadline 4 hours') f
WHERE t.name <> 'scan only (ts)'
ORDER BY t.secs;
