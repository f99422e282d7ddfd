--
-- arg_cache: a call site keeps the calendar it prepared last and reuses it
-- while its argument stays the same value.  Large values are stored
-- compressed or out of line and are compared as stored; a changed value must
-- never get the calendar prepared for the one before.  Every query below
-- alternates between two calendars that differ in one closed date only, so
-- that only an exact comparison tells them apart; the answers are worked out
-- by hand ("want").
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS ticket_sla;
RESET client_min_messages;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';

-- B: Mon-Fri 09:00-18:00 UTC, closed every eleventh date from Thu 2026-01-01
-- on (330 dates: ..., Wed 02-25, Sun 03-08, Thu 03-19, ...).  A: the same but
-- Mon 2026-03-02 closed instead of Sun 2026-03-08, the only difference.
CREATE TEMP TABLE cals (name text PRIMARY KEY, lit text NOT NULL);
INSERT INTO cals
SELECT name, 'Mon-Fri 09:00-18:00; tz UTC; closed '
             || string_agg(to_char(d, 'YYYY-MM-DD'), ', ' ORDER BY d)
FROM (SELECT 'A' AS name,
             CASE WHEN i = 6 THEN date '2026-03-02' ELSE date '2026-01-01' + 11 * i END AS d
      FROM generate_series(0, 329) AS i
      UNION ALL
      SELECT 'B', date '2026-01-01' + 11 * i FROM generate_series(0, 329) AS i) AS s
GROUP BY name;
SELECT name, array_length(string_to_array(lit, ','), 1) AS closed_dates,
       substring(lit FROM '2026-02-25, [0-9-]+, 2026-03-19') AS around_march
FROM cals ORDER BY name;

-- 4 business hours, by hand:
--   from Mon 03-02 10:00: B 8 hours left that day, Mon 14:00;
--                         A closed Monday, Tue 03-03 09:00 + 4 h = 13:00.
--   from Fri 02-27 16:00: 2 hours on Friday, then 2 more:
--                         B Mon 03-02 11:00; A Tue 03-03 11:00.
CREATE TEMP TABLE runs (id int PRIMARY KEY, name text, s timestamptz, want timestamptz);
INSERT INTO runs VALUES
  (1, 'A', '2026-03-02 10:00', '2026-03-03 13:00'),
  (2, 'B', '2026-03-02 10:00', '2026-03-02 14:00'),
  (3, 'A', '2026-02-27 16:00', '2026-03-03 11:00'),
  (4, 'B', '2026-02-27 16:00', '2026-03-02 11:00'),
  (5, 'A', '2026-02-27 16:00', '2026-03-03 11:00'),
  (6, 'B', '2026-03-02 10:00', '2026-03-02 14:00');

-- The same rows (in id order) under each way of storing a large value:
-- compressed in line (the type's default), plain in line (storage plain),
-- out of line uncompressed (storage external), out of line compressed
-- (toast_tuple_target 128 moves the compressed value out).
CREATE TEMP TABLE in_line_compressed (LIKE runs, cal ticket_sla.calendar);
CREATE TEMP TABLE in_line_plain (LIKE runs, cal ticket_sla.calendar);
ALTER TABLE in_line_plain ALTER COLUMN cal SET STORAGE PLAIN;
CREATE TEMP TABLE out_of_line (LIKE runs, cal ticket_sla.calendar);
ALTER TABLE out_of_line ALTER COLUMN cal SET STORAGE EXTERNAL;
CREATE TEMP TABLE out_of_line_compressed (LIKE runs, cal ticket_sla.calendar)
  WITH (toast_tuple_target = 128);
-- (each from the literal: a value already compressed would be stored as it is)
INSERT INTO in_line_compressed SELECT r.*, c.lit::ticket_sla.calendar FROM runs r JOIN cals c USING (name) ORDER BY id;
INSERT INTO in_line_plain SELECT r.*, c.lit::ticket_sla.calendar FROM runs r JOIN cals c USING (name) ORDER BY id;
INSERT INTO out_of_line SELECT r.*, c.lit::ticket_sla.calendar FROM runs r JOIN cals c USING (name) ORDER BY id;
INSERT INTO out_of_line_compressed SELECT r.*, c.lit::ticket_sla.calendar FROM runs r JOIN cals c USING (name) ORDER BY id;

-- How each table holds its values: compressed or not, and how many values
-- its TOAST table holds (0: all in line; 6: every row's out of line)
CREATE FUNCTION toasted_values(tbl regclass) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('SELECT count(DISTINCT chunk_id) FROM %s',
                   (SELECT reltoastrelid::regclass FROM pg_class WHERE oid = tbl)) INTO n;
    RETURN n;
END $$;
SELECT tbl, count(*) AS rows,
       string_agg(DISTINCT CASE WHEN pg_column_compression(cal) IS NULL THEN 'none' ELSE 'compressed' END, ',') AS compression,
       toasted_values(tbl) AS values_out_of_line
FROM (SELECT 'in_line_compressed'::regclass AS tbl, cal FROM in_line_compressed
      UNION ALL SELECT 'in_line_plain', cal FROM in_line_plain
      UNION ALL SELECT 'out_of_line', cal FROM out_of_line
      UNION ALL SELECT 'out_of_line_compressed', cal FROM out_of_line_compressed) AS t
GROUP BY tbl ORDER BY tbl::text;

-- Each table read in order: A, B, A, B, A, B at one call site
SELECT id, name, to_char(s, 'Dy MM-DD HH24:MI') AS start,
       to_char(d, 'Dy MM-DD HH24:MI') AS deadline, d = want AS ok
FROM (SELECT *, ticket_sla.business_deadline(s, '4 hours', cal) AS d FROM in_line_compressed) AS q
ORDER BY id;
SELECT id, name, to_char(d, 'Dy MM-DD HH24:MI') AS deadline, d = want AS ok
FROM (SELECT *, ticket_sla.business_deadline(s, '4 hours', cal) AS d FROM in_line_plain) AS q
ORDER BY id;
SELECT id, name, to_char(d, 'Dy MM-DD HH24:MI') AS deadline, d = want AS ok
FROM (SELECT *, ticket_sla.business_deadline(s, '4 hours', cal) AS d FROM out_of_line) AS q
ORDER BY id;
SELECT id, name, to_char(d, 'Dy MM-DD HH24:MI') AS deadline, d = want AS ok
FROM (SELECT *, ticket_sla.business_deadline(s, '4 hours', cal) AS d FROM out_of_line_compressed) AS q
ORDER BY id;

-- All four tables in one stream through one call site (the sort keeps the
-- values as stored): each calendar in every storage in turn, then the other
-- one, so that the same value arrives compressed, plain and out of line, and
-- a change of value comes with a change of storage.
SELECT id, storage, name, to_char(d, 'Dy MM-DD HH24:MI') AS deadline, d = want AS ok
FROM (SELECT *, ticket_sla.business_deadline(s, '4 hours', cal) AS d
      FROM (SELECT * FROM (SELECT 1 AS k, 'in line compressed' AS storage, * FROM in_line_compressed
                           UNION ALL SELECT 2, 'in line plain', * FROM in_line_plain
                           UNION ALL SELECT 3, 'out of line', * FROM out_of_line
                           UNION ALL SELECT 4, 'out of line compressed', * FROM out_of_line_compressed) AS u
            ORDER BY id, k OFFSET 0) AS sorted) AS q
ORDER BY id, k;

-- Contracts whose hours are A and B, compressed, taken from a joined table
-- (the rows of the join sorted by id, so alternating).  The critical response
-- is 4 business hours, so the answers are those above.
CREATE TEMP TABLE plans (name text PRIMARY KEY, terms ticket_sla.contract);
INSERT INTO plans
SELECT name, format('hours (%s); critical: respond within 4 business hours', lit)::ticket_sla.contract
FROM cals;
SELECT name, pg_column_compression(terms) IS NOT NULL AS compressed FROM plans ORDER BY name;
SELECT id, name, to_char(d, 'Dy MM-DD HH24:MI') AS deadline, d = want AS ok
FROM (SELECT *, ticket_sla.response_deadline(s, 'critical', terms) AS d
      FROM (SELECT * FROM runs JOIN plans USING (name) ORDER BY id OFFSET 0) AS joined) AS q
ORDER BY id;

-- A plpgsql variable is a parameter, not a constant: its next value may be
-- allocated where its last one was, so the address must not stand for the
-- value.  Small calendars, prepared alternately at one call site that lives
-- for the transaction; the variable is cleared before each new value.
CREATE FUNCTION alternating_deadlines() RETURNS TABLE (i int, deadline text, ok boolean)
LANGUAGE plpgsql AS $$
DECLARE
    cal ticket_sla.calendar;
    d timestamptz;
BEGIN
    FOR n IN 1..6 LOOP
        cal := NULL;
        cal := CASE WHEN n % 2 = 1 THEN 'Mon 09:00-18:00; tz UTC' ELSE 'Tue 09:00-18:00; tz UTC' END;
        d := ticket_sla.business_deadline('2026-03-02 10:00', '4 hours', cal);
        i := n;
        deadline := to_char(d, 'Dy MM-DD HH24:MI');
        -- Mon only: Mon 03-02 14:00; Tue only: Tue 03-03 13:00
        ok := d = CASE WHEN n % 2 = 1 THEN timestamptz '2026-03-02 14:00' ELSE '2026-03-03 13:00' END;
        RETURN NEXT;
    END LOOP;
END $$;
SELECT * FROM alternating_deadlines();

DROP FUNCTION alternating_deadlines();
DROP FUNCTION toasted_values(regclass);
