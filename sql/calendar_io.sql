--
-- calendar_io: text and binary input and output of ticket_sla.calendar
--
SET TimeZone = 'UTC';
CREATE EXTENSION IF NOT EXISTS ticket_sla;
-- for the = and <> operators of the type
SET search_path = public, ticket_sla;

\set ECHO none
\i test/fixtures/io_helpers.sql
\set ECHO all

-- try_calendar(lit): the canonical text of a literal, or its error
CREATE FUNCTION try_calendar(lit text) RETURNS text LANGUAGE sql AS $$
	SELECT try_query(format('SELECT %L::ticket_sla.calendar::text', lit))
$$;

--
-- The documented literals print back unchanged and re-read equal
--
SELECT lit::ticket_sla.calendar AS calendar,
       lit::ticket_sla.calendar::text = lit AS unchanged,
       lit::ticket_sla.calendar::text::ticket_sla.calendar = lit::ticket_sla.calendar AS rereads_equal
FROM (VALUES
  ('Mon-Fri 09:00-18:00; tz Europe/Berlin'),
  ('Mon-Fri 09:00-12:00,13:00-18:00; Sat 10:00-14:00; tz America/New_York'),
  ('Mon-Fri 22:00-06:00; tz UTC'),
  ('Mon,Wed,Fri 00:00-24:00; tz Europe/London'),
  ('24x7; tz GMT'),
  ('Mon-Fri 09:00-18:00; tz GMT; closed 2026-12-25, 2026-12-28; open 2026-12-24 09:00-13:00'),
  ('Mon-Fri 08:00-17:00; tz Europe/Amsterdam; closed 2026-12-24..2027-01-01')
) AS v(lit);

--
-- Valid literals and their canonical form.  Every output re-reads to an
-- equal calendar and prints the same again (checked at the end).
--
CREATE TEMP TABLE good (id serial, lit text);
INSERT INTO good (lit) VALUES
  -- the examples of the specification
  ('tz europe/berlin; mon-fri 9:00-12:00, 11:00-18:00'),
  ('Mon,Tue,Wed 09:00-17:00'),
  ('Sat,Sun 10:00-14:00; Mon-Fri 09:00-18:00'),
  -- keywords and day names in any case
  ('MON-fri 09:00-18:00; TZ europe/BERLIN; CLOSED 2026-12-25; OPEN 2026-12-24 09:00-13:00'),
  ('24X7'),
  ('sUn 9:00-10:00'),
  -- white space is free around tokens, and may be absent
  (E' \tMon - Fri\n09:00 - 12:00 ,\t13:00-18:00 ;\n tz  UTC ; closed 2026-12-24 .. 2026-12-26 , 2026-12-31 ;\n'),
  ('Mon-Fri 09:00-18:00;tz UTC;closed 2026-12-25,2026-12-28;open 2026-12-24 09:00-13:00'),
  -- clauses in any order, a single trailing ";"
  ('open 2026-12-24 09:00-13:00; closed 2026-12-25; tz GMT; Mon-Fri 09:00-18:00'),
  ('Mon 09:00-18:00;'),
  -- H:MM, HH:MM:SS; seconds are printed only when not zero
  ('Mon 9:05-9:30'),
  ('Mon 09:00:30-17:59:59'),
  ('Mon 09:00:00-18:00:00'),
  -- 24:00 (or 24:00:00) ends the day; an end of 00:00 means the same
  ('Mon 00:00-24:00'),
  ('Mon 18:00-24:00:00'),
  ('Mon 22:00-00:00'),
  -- overnight ranges belong to the day they start on
  ('Mon 22:00-06:00'),
  ('Sun 20:00-02:00:30'),
  ('Mon 00:00:01-00:00'),
  -- a day's ranges are sorted, then merged when they overlap or touch
  ('Mon 13:00-18:00,09:00-12:00'),
  ('Mon 09:00-12:00,11:00-13:00'),
  ('Mon 09:00-12:00,12:00-13:00'),
  ('Mon 09:00-18:00,10:00-11:00'),
  ('Mon 09:00-12:00,12:00:01-13:00'),
  -- ... in the two-day frame of the day: an overnight range merges only
  -- with what it overlaps there
  ('Mon 05:00-07:00,22:00-06:00'),
  ('Mon 20:00-23:00,22:00-02:00'),
  ('Mon 18:00-22:00,22:00-02:00'),
  ('Mon 22:00-02:00,23:00-01:00'),
  -- ranges of different days are never merged
  ('Mon 18:00-24:00; Tue 00:00-06:00'),
  -- merges lasting 24 hours or more are printed as two overlapping ranges
  ('24x7; Mon 22:00-06:00'),
  ('Mon 08:00-23:00,22:00-09:00'),
  ('Mon 01:00-23:00,22:00-01:00'),
  ('Mon 00:00-24:00,23:59:30-23:59:10'),
  -- days named again add up
  ('Mon-Fri 09:00-12:00; Mon-Fri 13:00-18:00'),
  ('Mon-Fri 09:00-17:00; Wed 08:00-10:00'),
  ('Mon 09:00-10:00; Mon 09:00-10:00'),
  -- day lists and spans; a span may wrap around the week
  ('Mon-Wed,Fri 09:00-17:00'),
  ('Tue,Mon,Mon 09:00-17:00'),
  ('Fri-Mon 10:00-14:00'),
  ('Sat-Fri 09:00-17:00'),
  ('Wed-Wed 09:00-17:00'),
  ('Sat,Sun,Mon 09:00-17:00'),
  -- days with equal hours are grouped, groups in the order of their first day
  ('Mon 09:00-17:00; Tue 10:00-18:00; Wed 09:00-17:00; Sat-Sun 10:00-18:00'),
  ('Sun 01:00-02:00; Sat 01:00-02:00; Mon 03:00-04:00'),
  -- 24x7 is every day 00:00-24:00, however it is written
  ('24x7'),
  ('Mon-Sun 00:00-12:00,12:00-24:00'),
  ('24x7; Mon 09:00-10:00; 24x7'),
  ('Mon-Sat 00:00-24:00'),
  -- closed dates: sorted, duplicates dropped, runs of 3+ dates as spans
  ('closed 2026-12-25'),
  ('closed 2026-12-24, 2026-12-25'),
  ('closed 2026-12-26, 2026-12-24, 2026-12-25'),
  ('closed 2026-12-30..2027-01-02, 2026-12-24, 2026-12-24, 2027-01-01..2027-01-05, 2026-12-20; closed 2026-12-21'),
  ('closed 2026-12-24..2026-12-24'),
  ('closed 2028-02-29, 1000-01-01, 9999-12-31'),
  -- open dates: one clause per distinct list of hours, in date order
  ('open 2026-12-24, 2026-12-31 09:00-13:00'),
  ('open 2026-12-31 09:00-13:00; open 2026-12-27 10:00-12:00; open 2026-12-24 09:00-13:00'),
  ('open 2026-12-21..2026-12-23, 2026-12-28 08:00-12:00'),
  ('open 2026-12-24, 2026-12-31 09:00-12:00,13:00-15:00'),
  ('open 2026-12-31 20:00-02:00'),
  -- ... the same date opened again: the hours add up
  ('open 2026-12-24 09:00-12:00; open 2026-12-24 11:00-13:00,15:00-16:00'),
  ('open 2026-12-24..2026-12-26 09:00-12:00; open 2026-12-26..2026-12-27 14:00-15:00'),
  -- closed before open, whatever the dates
  ('Mon-Fri 09:00-17:00; open 2026-12-19 10:00-12:00; closed 2026-12-25..2026-12-27'),
  -- no weekly hours at all
  ('tz UTC'),
  ('tz UTC; open 2026-12-24 09:00-13:00'),
  -- time zones: canonical spelling, UTC by default
  ('Mon 09:00-10:00'),
  ('tz utc'),
  ('tz gmt'),
  ('tz Europe/London'),
  ('tz america/argentina/buenos_aires'),
  ('tz America/Port-au-Prince'),
  ('tz Etc/GMT+5'),
  ('tz UTC ; Mon 09:00-10:00');

-- (tabs and newlines shown as \t and \n)
SELECT id, replace(replace(lit, E'\t', '\t'), E'\n', '\n') AS lit,
       try_calendar(lit) AS canonical
FROM good ORDER BY id;

-- every canonical form reads back as an equal calendar and prints the same
SELECT id, lit
FROM good, LATERAL (SELECT lit::ticket_sla.calendar AS c) AS x
WHERE NOT (c::text::ticket_sla.calendar = c AND c::text::ticket_sla.calendar::text = c::text);

--
-- Equality: same canonical form, same value
--
SELECT a, b,
       a::ticket_sla.calendar = b::ticket_sla.calendar AS eq,
       a::ticket_sla.calendar <> b::ticket_sla.calendar AS ne
FROM (VALUES
  ('Mon-Fri 9:00-18:00', 'Fri,Thu,Wed,Tue,Mon 09:00-12:00,12:00-18:00; tz UTC'),
  ('Mon 09:00-10:00', 'Mon 09:00-10:00; tz utc'),
  ('Mon 22:00-00:00', 'Mon 22:00-24:00'),
  ('Mon-Sun 00:00-24:00', '24x7'),
  ('closed 2026-12-24..2026-12-26', 'closed 2026-12-26, 2026-12-25, 2026-12-24'),
  ('tz europe/berlin', 'tz Europe/Berlin'),
  ('Mon 09:00-10:00', 'Mon 09:00-10:01'),
  ('Mon 09:00-10:00', 'Tue 09:00-10:00'),
  ('Mon 22:00-06:00', 'Mon 22:00-24:00; Tue 00:00-06:00'),
  ('24x7; tz GMT', '24x7; tz Europe/London'),
  ('24x7; tz UTC', '24x7; tz Etc/UTC'),
  ('closed 2026-12-24', 'closed 2026-12-25'),
  ('closed 2026-12-24', 'open 2026-12-24 09:00-10:00'),
  ('tz UTC', 'Mon 09:00-10:00')
) AS v(a, b);

--
-- Bad literals: syntax errors are 22P02, bad values 22023, limits 54000
--
SELECT replace(replace(lit, E'\t', '\t'), E'\n', '\n') AS lit,
       try_calendar(lit) AS error
FROM (VALUES
  -- nothing to read
  (''),
  ('   '),
  (';'),
  ('Mon 09:00-18:00;;'),
  ('; Mon 09:00-18:00'),
  -- unknown words and missing separators
  ('Mox-Fri 09:00-18:00'),
  ('Mon-Fry 09:00-18:00'),
  ('Monday 09:00-18:00'),
  ('holiday 2026-12-24'),
  ('Mon-Fri09:00-18:00'),
  ('Mon 09:00-18:00 Tue 09:00-10:00'),
  ('Mon 09:00-18:00, Tue 09:00-10:00'),
  ('Mon, 09:00-18:00'),
  ('Mon-Fri-Sat 09:00-10:00'),
  ('24x7 Mon'),
  ('24x7x 09:00-10:00'),
  ('tz Europe/Berlin Mon 09:00-10:00'),
  ('tzUTC'),
  ('Mon 09:00-18:00; tz UTC; foo'),
  -- malformed times and ranges
  ('Mon 9-17'),
  ('Mon 0900-1800'),
  ('Mon 09.00-10:00'),
  ('Mon 09:0-10:00'),
  ('Mon 009:00-10:00'),
  ('Mon 09:00:0-10:00'),
  ('Mon 09:00:00:00-10:00'),
  ('Mon 12:00am-1:00pm'),
  ('Mon 09:00 10:00'),
  ('Mon 09:00--10:00'),
  ('Mon 09:00-10:00-11:00'),
  ('Mon 09:00–10:00'),
  ('Mon 99999999999999999999999999:00-10:00'),
  ('Mon 09:99999999999999999999999-10:00'),
  -- truncated input
  ('Mon'),
  ('Mon-'),
  ('Mon,'),
  ('Mon 09'),
  ('Mon 09:'),
  ('Mon 09:00'),
  ('Mon 09:00-'),
  ('Mon 09:00-1'),
  ('Mon 09:00-18:0'),
  ('Mon 09:00-18:00,'),
  ('Mon-Fri ; tz UTC'),
  ('tz'),
  ('tz ;'),
  ('closed'),
  ('closed;'),
  ('closed 2026'),
  ('closed 2026-12-'),
  ('closed 2026-12-24..'),
  ('closed 2026-12-24,'),
  ('open'),
  ('open 2026-12-24'),
  ('open 2026-12-24 09:00-'),
  ('open 2026-12-24,'),
  ('open 09:00-10:00'),
  -- odd characters
  ('Mon 09:00-10:00 x'),
  ('Mon 09:00-10:00!'),
  ('"Mon" 09:00-10:00'),
  ('Mon@ 09:00-10:00'),
  ('Mon 09:00-10:00\'),
  ('Mön-Fri 09:00-18:00'),
  -- malformed dates
  ('closed 2026-1-5'),
  ('closed 26-12-24'),
  ('closed 10000-01-01'),
  ('closed 2026/12/24'),
  ('closed 2026-12-24-2026-12-31'),
  ('closed 2026-12-24...2026-12-31'),
  ('closed 2026-12-24. .2026-12-31'),
  ('open 2026-12-2409:00-13:00'),
  ('open 2026-12-24 09:00-13:00, 2026-12-31 10:00-11:00'),
  -- impossible times
  ('Mon 25:00-26:00'),
  ('Mon 09:60-10:00'),
  ('Mon 09:00:60-10:00'),
  ('Mon 09:00-24:30'),
  ('Mon 09:00-24:00:01'),
  ('Mon 99:00-10:00'),
  -- 24:00 only ends a range
  ('Mon 24:00-06:00'),
  ('Mon 24:00:00-24:00'),
  -- empty ranges
  ('Mon 09:00-09:00'),
  ('Mon 00:00-00:00'),
  ('Mon 9:00 - 09:00:00'),
  ('Mon 09:00-12:00, 24:00-24:00'),
  -- time zones
  ('tz Europe/Berln'),
  ('tz Europe'),
  ('tz UTC; tz UTC'),
  ('tz UTC; Mon 09:00-10:00; tz Europe/Berlin'),
  -- impossible dates
  ('closed 2026-02-30'),
  ('closed 2027-02-29'),
  ('closed 2026-13-01'),
  ('closed 2026-00-10'),
  ('closed 2026-12-00'),
  ('closed 2026-04-31'),
  ('closed 0999-12-31'),
  ('open 2026-12-32 09:00-10:00'),
  -- reversed date spans
  ('closed 2026-12-31..2026-12-24'),
  ('open 2026-12-25 .. 2026-12-24 09:00-10:00'),
  -- a date both closed and opened, in either order or through spans
  ('closed 2026-12-24; open 2026-12-24 09:00-10:00'),
  ('open 2026-12-24 09:00-10:00; closed 2026-12-24'),
  ('closed 2026-12-20..2026-12-31; open 2026-12-01, 2026-12-24..2027-01-02 09:00-10:00'),
  ('open 2026-12-24 09:00-10:00; closed 2026-12-25, 2026-12-01..2026-12-31')
) AS v(lit);

-- a zone name longer than 255 bytes is not one
SELECT replace(try_calendar('tz ' || repeat('A', 256)), repeat('A', 60), '<60 times A>') AS long_zone;

-- Zones that do not mean the same on every server are refused (22023),
-- for the functions on a calendar are IMMUTABLE: POSIX-style zones, read
-- from the host's time zone database when that has the name (EST5EDT) and
-- by POSIX rules otherwise (UTC+3, three hours behind UTC), and the
-- placeholder of a host whose zone is not set.  Abbreviations and what the
-- TimeZone setting alone accepts are no zones.
SELECT lit, try_calendar(lit) AS error
FROM (VALUES
  ('tz EST5EDT'), ('tz UTC+3'), ('tz <+03>-3'), ('tz -3'), ('tz GMT0'), ('tz Factory'),
  ('tz MSK'), ('tz LOCAL'), ('tz DEFAULT')
) AS v(lit);
-- Nor the host's own zone, its default rules for POSIX-style zones, or the
-- copy of the database under posix/ that only some hosts have; a host
-- without them does not know them at all, so only the SQLSTATE and the
-- hint are shown.
SELECT lit, split_part(try_calendar(lit), ':', 1) AS sqlstate,
       try_calendar(lit) LIKE '%[Name a zone of the IANA time zone database, such as Europe/Berlin, or UTC.]' AS hint
FROM (VALUES ('tz localtime'), ('tz :localtime'), ('tz posixrules'), ('tz posix/Europe/Berlin')) AS v(lit);
-- what to write instead: zones of the database, fixed offsets among them
SELECT try_calendar('tz Etc/GMT-3') AS fixed_offset;
-- a hyphen before letters is no offset: old names of the database stay zones
SELECT try_calendar('tz W-SU') AS moscow, try_calendar('tz GB-Eire') AS london;

-- A message quotes at most 60 characters of what it was given, then "...":
-- the literal, the unexpected word, a region, a range or a date span,
-- however long (here a megabyte); characters, not bytes, are counted.
SELECT replace(replace(try_calendar('Mon-Fri 09:00-18:00; ' || repeat('x', 1000000)),
                       repeat('x', 60), '<60 times x>'), repeat('x', 39), '<39 times x>') AS long_literal;
SELECT replace(try_calendar('holidays DE, ' || repeat('Q', 1000000)), repeat('Q', 60), '<60 times Q>') AS long_region;
SELECT replace(replace(try_calendar('holidays ' || repeat('ä', 100)), repeat('ä', 60), '<60 times ä>'),
               repeat('ä', 51), '<51 times ä>') AS long_word;
SELECT replace(try_calendar('Mon 09:00' || repeat(' ', 1000) || '-09:00'), repeat(' ', 55), '<55 spaces>') AS long_empty_range;
SELECT replace(try_calendar('closed 2026-12-31' || repeat(' ', 1000) || '..2026-12-24'), repeat(' ', 50), '<50 spaces>') AS long_date_span;

--
-- Limits: at most 10000 distinct dates and 10000 stored ranges
--
-- 2000-01-01 + 10000 days = 2027-05-19
SELECT try_calendar('closed 2000-01-01..2027-05-18') AS dates_10000,
       try_calendar('closed 2000-01-01..2027-05-19') AS dates_10001;
-- dates are counted once however often they are named
SELECT try_calendar('closed 2000-01-01..2027-05-18; closed 2000-01-01..2027-05-18, 2010-01-01') AS same_10000;
SELECT try_calendar('closed 2000-01-01..2027-05-18; open 1999-12-31 09:00-10:00') AS dates_10001;
-- a huge span fails at once
SELECT try_calendar('closed 1000-01-01..9999-12-31') AS huge_span;
-- ranges: 10000 open dates with an hour each, then one weekly range more
SELECT try_calendar('open 2000-01-01..2027-05-18 09:00-10:00') AS ranges_10000,
       try_calendar('open 2000-01-01..2027-05-18 09:00-10:00; Sun 09:00-10:00') AS ranges_10001;
-- ranges: one day with 10000 and with 10001 one-second ranges
CREATE TEMP TABLE many_ranges (n int, lit text);
INSERT INTO many_ranges
SELECT n, 'Mon ' || string_agg(format('%s-%s', time '00:00' + make_interval(secs => 2 * i),
                                      time '00:00' + make_interval(secs => 2 * i + 1)), ',')
FROM (VALUES (10000), (10001)) AS v(n), generate_series(0, n - 1) AS i
GROUP BY n;
SELECT left(lit, 40) AS lit_starts, left(try_calendar(lit), 40) AS canonical_starts,
       array_length(string_to_array(split_part(try_calendar(lit), ' ', 2), ','), 1) AS printed_ranges
FROM many_ranges WHERE n = 10000;
SELECT try_calendar(lit) AS ranges_10001 FROM many_ranges WHERE n = 10001;
-- repeated clauses are merged as they come and stay cheap
SELECT try_calendar(repeat('Mon 09:00-10:00; ', 5000)) AS repeated_weekly,
       try_calendar(repeat('open 2000-01-01..2027-05-18 09:00-10:00; ', 100)) = try_calendar('open 2000-01-01..2027-05-18 09:00-10:00') AS repeated_open;

--
-- Binary send and receive
--
-- send: a version byte 1, then the canonical text
SELECT ticket_sla.calendar_send('mon-fri 9:00-18:00');
SELECT lit, ticket_sla.calendar_send(lit::ticket_sla.calendar) = '\x01'::bytea || convert_to(lit::ticket_sla.calendar::text, 'UTF8') AS version_then_text
FROM good ORDER BY id LIMIT 5;

-- receive, through a binary COPY round trip
CREATE TEMP TABLE cal_out (id int, c ticket_sla.calendar);
INSERT INTO cal_out SELECT id, lit::ticket_sla.calendar FROM good;
SELECT current_setting('data_directory') || '/calendar_io.bin' AS binfile \gset
COPY cal_out TO :'binfile' (FORMAT binary);
CREATE TEMP TABLE cal_in (id int, c ticket_sla.calendar);
COPY cal_in FROM :'binfile' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE i.c = o.c AND i.c::text = o.c::text) AS equal
FROM cal_out o JOIN cal_in i USING (id);

-- what calendar_recv makes of bytes (recv_as, test/fixtures/io_helpers.sql)
SELECT bytes, try_query(format('SELECT recv_as(%L, %L)', 'ticket_sla.calendar', bytes)) AS received
FROM (VALUES
  -- received text is checked and normalised like text input
  ('\x01'::bytea || convert_to('Mon-Fri 09:00-18:00; tz Europe/Berlin', 'UTF8')),
  ('\x01'::bytea || convert_to('tz europe/berlin; mon-fri 9:00-12:00, 11:00-18:00', 'UTF8')),
  ('\x01'::bytea || convert_to('Mox-Fri 09:00-18:00', 'UTF8')),
  ('\x01'::bytea || convert_to('Mon 25:00-26:00', 'UTF8')),
  ('\x01'),
  -- unknown versions, and no version at all
  ('\x02'::bytea || convert_to('Mon-Fri 09:00-18:00', 'UTF8')),
  ('\x00'::bytea || convert_to('Mon-Fri 09:00-18:00', 'UTF8')),
  ('\x4d6f6e'),
  ('\x')
) AS v(bytes);

DROP FUNCTION recv_as(regtype, bytea);
DROP FUNCTION try_calendar(text);
DROP FUNCTION try_query(text);
DROP FUNCTION error_of(text);
