-- Run by holidays.sh; prints one row per measured expression.
CREATE EXTENSION ticket_sla;
SET TimeZone = 'UTC';
SELECT setseed(0.42);

-- The same start instants for every measurement: ten years, any time of day.
CREATE TABLE starts AS
SELECT timestamptz '2026-01-01' + random() * interval '3652 days' AS ts
FROM generate_series(1, :rows);
VACUUM ANALYZE starts;

\set plain 'Mon-Fri 09:00-18:00; tz Europe/Berlin'
\set holidays 'Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE-BE'

-- Each duration under the plain calendar (the baseline) and with holidays;
-- then a call site whose calendar changes on every row, which prepares the
-- calendar (and merges its 111 years of holidays) on every call.
CREATE TEMP TABLE measured (name text, expr text);
INSERT INTO measured
SELECT format('%s, %s', d, c.name),
       format('ticket_sla.business_deadline(ts, %L, %L::ticket_sla.calendar)', d, c.literal)
FROM unnest(ARRAY['4 hours', '400 hours', '20 days']) AS d,
     (VALUES ('plain', :'plain'), ('holidays DE-BE', :'holidays')) AS c(name, literal);
INSERT INTO measured VALUES
    ('scan only (ts)', 'ts'),
    ('4 hours, holidays DE-BE, prepared per row',
     format('ticket_sla.business_deadline(ts, ''4 hours'', (%L || CASE WHEN extract(microseconds FROM ts)::int %% 2 = 0 THEN ''; tz Europe/Berlin'' ELSE ''; tz Europe/Busingen'' END)::ticket_sla.calendar)',
            'Mon-Fri 09:00-18:00; holidays DE-BE')),
    ('4 hours, plain, prepared per row',
     format('ticket_sla.business_deadline(ts, ''4 hours'', (%L || CASE WHEN extract(microseconds FROM ts)::int %% 2 = 0 THEN ''; tz Europe/Berlin'' ELSE ''; tz Europe/Busingen'' END)::ticket_sla.calendar)',
            'Mon-Fri 09:00-18:00'));

\ir best_of_rounds.sql

\echo Per-call cost over :rows start instants (best of 7 rounds; "net" subtracts the scan):
SELECT t.name,
       round((t.secs * 1e9 / :rows)::numeric, 0) AS "ns/row",
       round(((t.secs - s.secs) * 1e9 / :rows)::numeric, 0) AS "net ns/call",
       round(((t.secs - s.secs) / (p.secs - s.secs))::numeric, 2) AS "x plain"
FROM best t
     CROSS JOIN (SELECT secs FROM best WHERE name = 'scan only (ts)') s
     LEFT JOIN best p ON p.name = split_part(t.name, ', ', 1) || ', plain' ||
                                 CASE WHEN t.name LIKE '%per row' THEN ', prepared per row' ELSE '' END
WHERE t.name <> 'scan only (ts)'
ORDER BY t.name;
