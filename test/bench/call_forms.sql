-- Run by call_forms.sh; prints how the values are stored, then one row per
-- measured form.
CREATE EXTENSION ticket_sla;
SET TimeZone = 'UTC';
SELECT setseed(0.42);

-- The same start instants for every measurement: ten years, any time of day;
-- every row refers to office 1 and contract 1.
CREATE TABLE starts AS
SELECT ts, 1 AS office_id, 1 AS contract_id, 'critical'::ticket_sla.severity AS severity
FROM (SELECT timestamptz '2026-01-01' + random() * interval '3652 days' AS ts
      FROM generate_series(1, :rows)) s;
VACUUM ANALYZE starts;

-- Weekly hours plus 330 closed dates, one every eleven days from 2026 on
SELECT 'Mon-Fri 09:00-18:00; tz Europe/Berlin; closed '
       || string_agg(to_char(date '2026-01-01' + 11 * i, 'YYYY-MM-DD'), ', ' ORDER BY i) AS cal
FROM generate_series(0, 329) AS i
\gset

-- One table per way of storing the calendar: small (in line, plain), the
-- large one compressed in line (the default), and the large one out of line
-- without compression (storage external)
CREATE TABLE small_office (office_id int PRIMARY KEY, cal ticket_sla.calendar);
CREATE TABLE large_office (office_id int PRIMARY KEY, cal ticket_sla.calendar);
CREATE TABLE external_office (office_id int PRIMARY KEY, cal ticket_sla.calendar);
ALTER TABLE external_office ALTER COLUMN cal SET STORAGE EXTERNAL;
INSERT INTO small_office VALUES (1, 'Mon-Fri 09:00-18:00; tz Europe/Berlin; closed 2026-12-25, 2026-12-26');
INSERT INTO large_office VALUES (1, :'cal');
INSERT INTO external_office VALUES (1, :'cal');
-- the contract: the large calendar's hours, a 4-hour response to critical
INSERT INTO ticket_sla.contracts (contract_id, name, terms)
VALUES (1, 'bench', format('hours (%s); critical: respond within 4 business hours', :'cal')::ticket_sla.contract);
VACUUM ANALYZE small_office, large_office, external_office, ticket_sla.contracts;

-- How each is stored: compressed or not (pg_column_compression), stored size
-- and, for the values in line, their size uncompressed
\echo How the calendars and the contract are stored:
SELECT 'small_office.cal' AS "column", pg_column_compression(cal) AS compression,
       pg_column_size(cal) AS stored, pg_column_size(cal::text::ticket_sla.calendar) AS plain
FROM small_office
UNION ALL
SELECT 'large_office.cal', pg_column_compression(cal), pg_column_size(cal),
       pg_column_size(cal::text::ticket_sla.calendar)
FROM large_office
UNION ALL
SELECT 'external_office.cal (out of line)', pg_column_compression(cal), pg_column_size(cal),
       pg_column_size(cal::text::ticket_sla.calendar)
FROM external_office
UNION ALL
SELECT 'ticket_sla.contracts.terms', pg_column_compression(terms), pg_column_size(terms),
       pg_column_size(terms::text::ticket_sla.contract)
FROM ticket_sla.contracts;
-- the benchmark is about compressed values: stop if they are not
DO $$
BEGIN
    IF (SELECT pg_column_compression(cal) FROM large_office) IS NULL
       OR (SELECT pg_column_compression(terms) FROM ticket_sla.contracts) IS NULL THEN
        RAISE EXCEPTION 'the large calendar or the contract is not stored compressed';
    END IF;
END $$;

-- Each form with the query it reads; "scan" names the same query without
-- the call, subtracted from it
CREATE TEMP TABLE measured (name text, expr text, source text);
CREATE TEMP TABLE forms (name text, scan text);
INSERT INTO forms VALUES
    ('timezone(''Europe/Berlin'', ts)', 'scan: starts'),
    ('literal calendar', 'scan: starts'),
    ('small calendar from a column', 'scan: small_office'),
    ('330-date calendar from a column (compressed)', 'scan: large_office'),
    ('contract from a joined column (compressed)', 'scan: contracts'),
    ('330-date calendar from a column (out of line)', 'scan: external_office');
INSERT INTO measured VALUES
    ('timezone(''Europe/Berlin'', ts)', 'timezone(''Europe/Berlin'', ts)', 'starts'),
    ('literal calendar', format('ticket_sla.business_deadline(ts, ''4 hours'', %L::ticket_sla.calendar)', :'cal'), 'starts'),
    ('small calendar from a column', 'ticket_sla.business_deadline(ts, ''4 hours'', cal)', 'starts JOIN small_office USING (office_id)'),
    ('330-date calendar from a column (compressed)', 'ticket_sla.business_deadline(ts, ''4 hours'', cal)', 'starts JOIN large_office USING (office_id)'),
    ('contract from a joined column (compressed)', 'ticket_sla.response_deadline(ts, severity, terms)', 'starts JOIN ticket_sla.contracts USING (contract_id)'),
    ('330-date calendar from a column (out of line)', 'ticket_sla.business_deadline(ts, ''4 hours'', cal)', 'starts JOIN external_office USING (office_id)'),
    ('scan: starts', 'ts', 'starts'),
    ('scan: small_office', 'ts', 'starts JOIN small_office USING (office_id)'),
    ('scan: large_office', 'ts', 'starts JOIN large_office USING (office_id)'),
    ('scan: contracts', 'ts', 'starts JOIN ticket_sla.contracts USING (contract_id)'),
    ('scan: external_office', 'ts', 'starts JOIN external_office USING (office_id)');

\ir best_of_rounds.sql

\echo Per-call cost over :rows start instants (best of 7 rounds; "net" subtracts the query without the call):
SELECT f.name AS form,
       round((t.secs * 1e9 / :rows)::numeric, 0) AS "ns/row",
       round(((t.secs - s.secs) * 1e9 / :rows)::numeric, 0) AS "net ns/call",
       round(((t.secs - s.secs) / (b.secs - bs.secs))::numeric, 2) AS "x timezone()"
FROM forms f
JOIN best t ON t.name = f.name
JOIN best s ON s.name = f.scan,
     (SELECT secs FROM best WHERE name LIKE 'timezone%') b,
     (SELECT secs FROM best WHERE name = 'scan: starts') bs
ORDER BY t.secs - s.secs;
