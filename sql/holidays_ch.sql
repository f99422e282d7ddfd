--
-- Switzerland's holidays, 1990 to 2100, against an independent oracle: the
-- fixture test/fixtures/holidays/switzerland_1990_2100.tsv, made by hand
-- with the npm package date-holidays (its header says which of that
-- package's days count and where a canton's law overrides it).  No Node
-- is needed here: the file is read by psql.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS ticket_sla;
RESET client_min_messages;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';

CREATE TEMP TABLE fixture_line (line text);
-- one column: no byte of the file is \x01
\copy fixture_line FROM 'test/fixtures/holidays/switzerland_1990_2100.tsv' WITH (FORMAT text, DELIMITER E'\x01')
CREATE TEMP VIEW fixture AS
SELECT split_part(line, E'\t', 1) AS region, split_part(line, E'\t', 2)::int AS year,
       split_part(line, E'\t', 3) AS days
FROM fixture_line WHERE line NOT LIKE '#%';

-- What the fixture covers: CH and nine cantons, every year 1990 to 2100,
-- 111 lines each.
SELECT region, count(*) AS years, min(year) AS first, max(year) AS last
FROM fixture GROUP BY region ORDER BY region;

-- Every region and year whose days (distinct: Auffahrt can fall on
-- 1 May) differ between the extension and the fixture.  None.
SELECT f.region, f.year, f.days AS fixture, e.days AS extension
FROM fixture AS f,
     LATERAL (SELECT string_agg(to_char(d.day, 'MM-DD'), ' ' ORDER BY d.day) AS days
              FROM (SELECT DISTINCT h.day FROM ticket_sla.holidays(f.region, f.year, f.year) AS h) AS d) AS e
WHERE e.days IS DISTINCT FROM f.days
ORDER BY 1, 2;

-- The comparison can fail: a day taken from a line, and a line given a
-- day it does not have, are both seen.
SELECT count(*) AS differing
FROM (VALUES ('CH-ZH', 2025, '01-01 04-18 04-21 05-01 05-29 06-09 08-01 12-25'),
             ('CH-GE', 2024, '01-01 03-29 04-01 05-09 05-20 08-01 09-05 09-12 12-25 12-31')) AS f(region, year, days),
     LATERAL (SELECT string_agg(to_char(d.day, 'MM-DD'), ' ' ORDER BY d.day) AS days
              FROM (SELECT DISTINCT h.day FROM ticket_sla.holidays(f.region, f.year, f.year) AS h) AS d) AS e
WHERE e.days IS DISTINCT FROM f.days;
