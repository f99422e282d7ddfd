--
-- contract_io: text and binary input and output of ticket_sla.contract
--
SET TimeZone = 'UTC';
-- quietly: the extension exists already when the whole suite runs
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS ticket_sla;
RESET client_min_messages;
-- for the = and <> operators of the type
SET search_path = public, ticket_sla;

\set ECHO none
\i test/fixtures/io_helpers.sql
\set ECHO all

-- try_contract(lit): the canonical text of a literal, or its error
CREATE FUNCTION try_contract(lit text) RETURNS text LANGUAGE sql AS $$
	SELECT try_query(format('SELECT %L::ticket_sla.contract::text', lit))
$$;

--
-- The seven plans of the seed policies print back unchanged and re-read
-- equal
--
CREATE TEMP TABLE plans (id serial, lit text);
INSERT INTO plans (lit) VALUES
  ('plan "Perseus Basis"; tier standard; hours (Mon-Fri 09:00-18:00; tz Europe/Berlin)'),
  ('plan "Perseus Premium"; tier premium; hours (Mon-Fri 09:00-18:00; tz Europe/Berlin); critical: escalate after 4 hours to "external forensic provider"'),
  ('plan "Kaspersky Enhanced Support with TAM"; tier premium; hours (Mon-Fri 09:00-18:00; tz Europe/Berlin); named contacts 8; phone only out of hours; critical: respond within 30 minutes; high: respond within 4 hours; medium: respond within 6 business hours; low: respond within 8 business hours'),
  ('plan "Cyren Standard"; tier standard; hours (Mon-Fri 09:00-18:00; tz America/New_York); critical: respond within 4 business hours, escalate after 1 hour to "Director of Support Services", escalate after 2 hours to "VP Customer Success" and "VP Products"; high: respond within 8 business hours, escalate after 2 hours to "Director of Support Services", escalate after 4 hours to "VP Customer Success" and "VP Products"; medium: respond within 2 business days; low: respond within 4 business days'),
  ('plan "Cyren Gold"; tier premium; critical: respond within 30 minutes, escalate after 1 hour to "Director of Support Services", escalate after 2 hours to "VP Customer Success" and "VP Products"; high: respond within 1 hour, escalate after 2 hours to "Director of Support Services", escalate after 4 hours to "VP Customer Success" and "VP Products"; medium: respond within 4 hours; low: respond within 8 hours'),
  ('plan "ISMS.online"; tier standard; hours (Mon-Fri 09:00-18:00; tz GMT); critical: respond within 1 business hour; high: respond within 4 business hours; medium: respond within 8 business hours'),
  ('plan "Kaspersky MSA Plus"; tier premium; hours (Mon-Fri 09:00-17:00; tz Europe/Amsterdam); premium requests 12 per year; phone only out of hours; critical: respond within 4 business hours');

\x on
SELECT id, lit::ticket_sla.contract AS contract,
       lit::ticket_sla.contract::text = lit AS unchanged,
       lit::ticket_sla.contract::text::ticket_sla.contract = lit::ticket_sla.contract AS rereads_equal
FROM plans ORDER BY id;
\x off

--
-- Valid literals and their canonical form.  Every output re-reads to an
-- equal contract and prints the same again (checked below).
--
CREATE TEMP TABLE good (id serial, lit text);
INSERT INTO good (lit) VALUES
  -- each clause alone; the tier is always printed, standard by default
  ('plan "Basic"'),
  ('tier premium'),
  ('tier standard'),
  ('hours (Mon-Fri 09:00-18:00; tz Europe/Berlin; closed 2026-12-25)'),
  ('named contacts 8'),
  ('tier premium; premium requests 12 per year'),
  ('hours (24x7); phone only out of hours'),
  ('warn at 75%; low: resolve within 3 days'),
  ('critical: respond within 1 hour'),
  ('high: resolve within 1 day'),
  ('medium: escalate after 2 hours to "Team lead"'),
  ('low: respond within 3 days'),
  -- clauses in any order, printed in the canonical one; a trailing ";"
  ('low: respond within 1 day; phone only out of hours; critical: respond within 1 hour; premium requests 1 per month; named contacts 2; hours (24x7); tier premium; plan "All";'),
  ('high: resolve within 8 hours; medium: resolve within 1 day;'),
  ('critical: respond within 1 hour; warn at 1 %; phone only out of hours; hours (24x7)'),
  ('WARN AT 99%; LOW: RESOLVE WITHIN 1 DAY'),
  -- keywords in any case
  ('PLAN "Mixed Case"; Tier PREMIUM; HOURS (mon-fri 9:00-18:00); Named Contacts 3; PREMIUM REQUESTS 5 PER MONTH; Phone Only Out Of Hours; CRITICAL: Respond WITHIN 1 Business HOUR, RESOLVE within 2 BUSINESS DAYS, Escalate After 30 MINUTES To "Boss" AND "CEO"'),
  ('tier Premium; premium requests 1 per Quarter'),
  -- white space is free between tokens, and may be absent around punctuation
  (E'\n plan\n"Spaced"\t;\n\ttier\npremium ;\nhours\n(\n  Mon-Fri 09:00-18:00;\n  tz UTC\n)\n;\ncritical\n:\nrespond\nwithin\n1\nhour\n,\nescalate\nafter\n2\nhours\nto\n"A"\nand\n"B"\n;\n'),
  ('plan"Tight";hours(24x7);critical:respond within 1 hour,resolve within 2 hours;high:escalate after 1 hour to"A"and"B"'),
  -- names: "" for a quote; any other character but a control character
  ('plan "The ""Gold"" plan"'),
  ('plan """"'),
  ('plan "a; b (c), d: e"'),
  ('plan "Zürich Süd – 24/7"'),
  ('plan " padded "'),
  ('critical: escalate after 1 hour to "He said ""now""" and "x"'),
  -- tiers, quotas and named contacts at their limits
  ('named contacts 1'),
  ('named contacts 100000'),
  ('named contacts 007'),
  ('tier premium; premium requests 0 per month'),
  ('tier premium; premium requests 1000000 per quarter'),
  -- every term of a severity: respond, resolve, then the ladder in order
  ('critical: escalate after 2 hours to "B", resolve within 1 day, escalate after 1 hour to "A", respond within 15 minutes'),
  ('high: escalate after 1 hour to "A" and "B" and "C", escalate after 1 hour to "D"'),
  -- every unit, singular and plural whatever the number
  ('critical: respond within 1 minute'),
  ('critical: respond within 1 minutes'),
  ('critical: respond within 2 minute'),
  ('critical: respond within 2 minutes'),
  ('critical: respond within 1 hour'),
  ('critical: respond within 1 hours'),
  ('critical: respond within 2 hour'),
  ('critical: respond within 2 hours'),
  ('critical: respond within 1 day'),
  ('critical: respond within 1 days'),
  ('critical: respond within 2 day'),
  ('critical: respond within 2 days'),
  ('hours (24x7); critical: respond within 1 business minute'),
  ('hours (24x7); critical: respond within 2 business minute'),
  ('hours (24x7); critical: respond within 1 business hours'),
  ('hours (24x7); critical: respond within 2 business hours'),
  ('hours (24x7); critical: respond within 1 business days'),
  ('hours (24x7); critical: respond within 2 business day'),
  -- wall clock: parts add up; a day is 24 hours
  ('critical: respond within 90 minutes'),
  ('critical: respond within 30 minutes 1 hour'),
  ('critical: respond within 24 hours'),
  ('critical: respond within 1 day 1 day'),
  ('critical: respond within 1 day 25 hours 61 minutes'),
  ('critical: respond within 0 hours 5 minutes'),
  ('critical: respond within 000010 minutes'),
  ('critical: respond within 999999 minutes'),
  ('critical: respond within 36500 days'),
  ('critical: respond within 876000 hours'),
  ('critical: respond within 36499 days 23 hours 60 minutes'),
  -- business clock: days are business days; hours are never turned into days
  ('hours (24x7); critical: respond within 24 business hours'),
  ('hours (24x7); critical: respond within 60 business minutes'),
  ('hours (24x7); critical: respond within 4 business hours 1 business day'),
  ('hours (24x7); critical: respond within 1 business day 25 business hours 61 business minutes'),
  ('hours (24x7); critical: respond within 36500 business days'),
  ('hours (24x7); critical: respond within 876000 business hours'),
  ('hours (24x7); critical: respond within 36500 business days 876000 business hours'),
  -- business time in any term, the hours anywhere
  ('high: escalate after 2 business days to "Account manager"; hours (Mon-Fri 08:00-16:00; tz Europe/London)'),
  ('hours (Mon-Fri 09:00-17:00); low: resolve within 10 business days, respond within 30 minutes'),
  -- the hours are a calendar, printed in its canonical form
  ('hours (tz europe/berlin; mon-fri 9:00-12:00, 11:00-18:00)'),
  ('hours ( Sat,Sun 10:00-14:00 ; Mon-Fri 09:00-18:00 ; )'),
  ('hours (tz UTC)');

-- (tabs and newlines shown as \t and \n)
SELECT id, replace(replace(lit, E'\t', '\t'), E'\n', '\n') AS lit,
       try_contract(lit) AS canonical
FROM good ORDER BY id;

-- every canonical form reads back as an equal contract and prints the same
SELECT id, lit
FROM good, LATERAL (SELECT lit::ticket_sla.contract AS c) AS x
WHERE NOT (c::text::ticket_sla.contract = c AND c::text::ticket_sla.contract::text = c::text);

-- names are counted in characters, not bytes: 200 of them are allowed
SELECT length(try_contract(format('plan "%s"', repeat('ü', 200)))) AS plan_200_chars,
       try_contract(format('plan "%s"', repeat('ü', 200))) = format('plan "%s"; tier standard', repeat('ü', 200)) AS as_written,
       try_contract(format('critical: escalate after 1 hour to "%s"', repeat('x', 200))) = format('tier standard; critical: escalate after 1 hour to "%s"', repeat('x', 200)) AS recipient_200_chars;

--
-- Equality: same canonical form, same value
--
SELECT a, b,
       a::ticket_sla.contract = b::ticket_sla.contract AS eq,
       a::ticket_sla.contract <> b::ticket_sla.contract AS ne
FROM (VALUES
  -- clause order, case, spacing and the default tier do not matter
  ('tier premium; plan "P"; named contacts 5', 'plan "P"; named contacts 5; tier premium'),
  ('plan "P"', 'plan "P"; tier standard'),
  ('critical: respond within 1 hour; low: resolve within 1 day', 'LOW: resolve within 1 day;critical:respond within 1 hour;'),
  ('critical: resolve within 1 day, respond within 1 hour', 'critical: respond within 1 hour, resolve within 1 day'),
  -- nor how a duration is written
  ('critical: respond within 90 minutes', 'critical: respond within 1 hour 30 minutes'),
  ('critical: respond within 24 hours', 'critical: respond within 1 day'),
  ('hours (24x7); critical: respond within 60 business minutes', 'hours (24x7); critical: respond within 1 business hour'),
  -- nor how the calendar is written
  ('hours (mon-fri 9:00-18:00)', 'hours (Mon-Fri 09:00-18:00; tz UTC)'),
  -- everything else does
  ('plan "P"', 'plan "p"'),
  ('plan "P"', 'tier standard'),
  ('tier premium', 'tier standard'),
  ('named contacts 5', 'named contacts 6'),
  ('tier premium; premium requests 12 per year', 'tier premium; premium requests 1 per month'),
  ('tier premium; premium requests 0 per month', 'tier premium'),
  ('hours (24x7); phone only out of hours', 'hours (24x7)'),
  ('warn at 75%; low: resolve within 1 day', 'warn at 80%; low: resolve within 1 day'),
  ('warn at 75%; low: resolve within 1 day', 'low: resolve within 1 day'),
  ('hours (24x7)', 'tier standard'),
  ('hours (24x7; tz UTC)', 'hours (24x7; tz GMT)'),
  ('hours (24x7); critical: respond within 1 business day', 'hours (24x7); critical: respond within 24 business hours'),
  ('hours (24x7); critical: respond within 8 business hours', 'hours (24x7); critical: respond within 8 hours'),
  ('critical: respond within 1 hour', 'high: respond within 1 hour'),
  ('critical: respond within 1 hour', 'critical: resolve within 1 hour'),
  ('critical: respond within 1 hour', 'critical: respond within 61 minutes'),
  ('critical: escalate after 1 hour to "A", escalate after 2 hours to "B"', 'critical: escalate after 2 hours to "B", escalate after 1 hour to "A"'),
  ('critical: escalate after 1 hour to "A" and "B"', 'critical: escalate after 1 hour to "B" and "A"'),
  ('critical: escalate after 1 hour to "A" and "B"', 'critical: escalate after 1 hour to "A", escalate after 1 hour to "B"'),
  ('critical: escalate after 1 hour to "A"; high: escalate after 1 hour to "B"', 'critical: escalate after 1 hour to "B"; high: escalate after 1 hour to "A"')
) AS v(a, b);

--
-- Bad literals: syntax errors are 22P02, bad values 22023, limits 54000
--
SELECT replace(replace(replace(lit, E'\t', '\t'), E'\n', '\n'), E'\x7f', '\x7f') AS lit,
       replace(replace(replace(try_contract(lit), E'\t', '\t'), E'\n', '\n'), E'\x7f', '\x7f') AS error
FROM (VALUES
  -- nothing to read
  (''),
  ('   '),
  (';'),
  ('tier premium;;'),
  ('; tier premium'),
  -- unknown clauses and severities, missing separators
  ('gold'),
  ('tier premium tier standard'),
  ('plan "P" tier premium'),
  ('urgent: respond within 1 hour'),
  ('Critical1: respond within 1 hour'),
  ('P0: respond within 1 hour'),
  ('critical respond within 1 hour'),
  ('critical; respond within 1 hour'),
  ('planned "P"'),
  -- plan and names
  ('plan'),
  ('plan;'),
  ('plan P'),
  ('plan ''P'''),
  ('plan "P'),
  ('plan "P""'),
  ('plan "P"; tier premium; critical: escalate after 1 hour to "A'),
  ('plan "P" "Q"'),
  -- tier
  ('tier'),
  ('tier gold'),
  ('tier "premium"'),
  ('tier premiums'),
  -- hours
  ('hours'),
  ('hours;'),
  ('hours Mon-Fri 09:00-18:00'),
  ('hours [24x7]'),
  ('hours (Mon-Fri 09:00-18:00'),
  ('hours (24x7))'),
  ('hours (24x7) tz UTC'),
  -- named contacts and premium requests
  ('named'),
  ('named contact 8'),
  ('named contacts'),
  ('named contacts eight'),
  ('named contacts -1'),
  ('named contacts 8x'),
  ('named contacts 1.5'),
  ('premium'),
  ('premium requests'),
  ('premium requests 12'),
  ('premium requests 12 per'),
  ('premium requests 12 per week'),
  ('premium requests 12 a year'),
  ('premium requests 12 per years'),
  -- phone only out of hours
  ('phone'),
  ('phone only'),
  ('phone only out of office'),
  ('phone out of hours'),
  -- warn at N%
  ('warn'),
  ('warn 75%'),
  ('warn at'),
  ('warn at 75'),
  ('warn at 75 percent'),
  ('warn at seventy%'),
  ('warn at 7.5%'),
  ('warn at -5%'),
  -- severity clauses and terms
  ('critical'),
  ('critical:'),
  ('critical: ;'),
  ('critical: respond'),
  ('critical: respond in 1 hour'),
  ('critical: respond within'),
  ('critical: respond within;'),
  ('critical: respond within 1'),
  ('critical: respond within 1 business'),
  ('critical: respond within 1 business business hour'),
  ('critical: respond within 1 hr'),
  ('critical: respond within 1 weeks'),
  ('critical: respond within 1hour'),
  ('critical: respond within one hour'),
  ('critical: respond within 1 hour 30'),
  ('critical: respond within 1.5 hours'),
  ('critical: respond within -1 hours'),
  ('critical: respond within 1234567 minutes'),
  ('critical: respond within 1 hour,'),
  ('critical: respond within 1 hour resolve within 2 hours'),
  ('critical: respond within 1 hour and resolve within 2 hours'),
  ('critical: respond within 1 hour: high: respond within 2 hours'),
  ('critical: answer within 1 hour'),
  ('critical: escalate'),
  ('critical: escalate to "A"'),
  ('critical: escalate after 1 hour'),
  ('critical: escalate after 1 hour "A"'),
  ('critical: escalate after 1 hour to'),
  ('critical: escalate after 1 hour to A'),
  ('critical: escalate after 1 hour to "A" and'),
  ('critical: escalate after 1 hour to "A", "B"'),
  ('critical: escalate after 1 hour to "A" & "B"'),
  ('critical: escalate after 1 hour to "A" "B"'),
  ('critical: escalate after 1 hour to "A" and "B",'),
  -- a clause, a severity or a target given twice
  ('plan "A"; plan "B"'),
  ('tier premium; TIER premium'),
  ('hours (24x7); hours (24x7)'),
  ('named contacts 1; named contacts 2'),
  ('premium requests 1 per month; premium requests 2 per year'),
  ('phone only out of hours; phone only out of hours'),
  ('warn at 50%; warn at 75%'),
  ('critical: respond within 1 hour; critical: resolve within 2 hours'),
  ('critical: respond within 1 hour; high: respond within 2 hours; Critical: resolve within 1 day'),
  ('critical: respond within 1 hour, respond within 2 hours'),
  ('critical: resolve within 1 hour, respond within 1 hour, resolve within 2 hours'),
  -- counts out of range
  ('named contacts 0'),
  ('named contacts 100001'),
  ('named contacts 99999999999999999999999999'),
  ('premium requests 1000001 per year'),
  ('warn at 0%'),
  ('warn at 100%'),
  -- durations: zero, mixed clocks, too long
  ('critical: respond within 0 minutes'),
  ('critical: respond within 0 hours 0 minutes'),
  ('hours (24x7); critical: respond within 0 business days'),
  ('hours (24x7); critical: respond within 1 business hour 30 minutes'),
  ('hours (24x7); critical: respond within 1 hour 30 business minutes'),
  ('hours (24x7); high: escalate after 1 day 1 business day to "A"'),
  ('critical: respond within 36501 days'),
  ('critical: respond within 876001 hours'),
  ('critical: respond within 36500 days 1 minute'),
  ('critical: respond within 999999 days'),
  ('hours (24x7); critical: respond within 36501 business days'),
  ('hours (24x7); critical: respond within 876000 business hours 1 business minute'),
  ('hours (24x7); critical: respond within 999999 business days 999999 business days'),
  -- business time needs hours
  ('critical: respond within 1 business hour'),
  ('plan "P"; tier premium; critical: respond within 1 hour; high: escalate after 1 hour to "A", escalate after 2 business days to "B"'),
  ('low: resolve within 1 business day; medium: respond within 4 business hours'),
  -- bad names
  ('plan ""'),
  ('critical: escalate after 1 hour to "A" and ""'),
  (E'plan "tab\there"'),
  (E'plan "two\nlines"'),
  (E'plan "del\x7f"'),
  (E'critical: escalate after 1 hour to "new\nline"'),
  -- bad calendars: the calendar's own errors
  ('hours ()'),
  ('hours (Mon-Fry 09:00-18:00)'),
  ('hours (Mon 25:00-26:00)'),
  ('hours (tz Mars/Olympus)'),
  ('hours (closed 2000-01-01..2027-05-19)'),
  ('hours (Mon 09:00-18:00; tz "UTC")')
) AS v(lit);

-- Severities may be written as the policies' levels, P1 to P4, in any
-- case; the canonical output names them.
SELECT lit, try_contract(lit) AS canonical
FROM (VALUES
  ('P1: respond within 30 minutes; P2: respond within 1 hour; P3: respond within 4 hours; P4: respond within 8 hours'),
  ('p4: resolve within 5 days; p1: escalate after 1 hour to "Duty manager"')
) AS v(lit);
-- Syntax errors say how to write what was wanted: a misspelt severity
-- lists the severities, a time range and a duration show how they are
-- written, a severity named twice (P1 is critical) says each comes once.
SELECT lit, try_contract(lit) AS error
FROM (VALUES
  ('critcal: respond within 1 hour'),
  ('P5: respond within 1 hour'),
  ('hours (Mon-Fri 9-18)'),
  ('hours (Mon-Fri 09:00 18:00)'),
  ('critical: respond within 1h'),
  ('critical: respond within 1 hr'),
  ('critical: respond within one hour'),
  ('P1: respond within 1 hour; critical: resolve within 1 day')
) AS v(lit);

-- names longer than 200 characters (a message quotes at most 60
-- characters, the opening quote and 59 more, then "...")
SELECT replace(try_contract(format('plan "%s"', repeat('x', 201))), repeat('x', 59), '<59 times x>') AS plan_201,
       replace(try_contract(format('plan "%s"', repeat('ü', 201))), repeat('ü', 59), '<59 times ü>') AS plan_201_multibyte,
       replace(try_contract(format('critical: escalate after 1 hour to "A" and "%s"', repeat('y', 201))), repeat('y', 59), '<59 times y>') AS recipient_201;

-- the parts of a duration are added up without overflow, however many
SELECT replace(try_contract('critical: respond within ' || repeat('999999 days ', 100000)),
               repeat('999999 days ', 5), '<5 times "999999 days ">') AS many_parts;

-- A message quotes at most 60 characters of what it was given, then "...",
-- however long (here a megabyte): a plan name, the literal and the
-- unexpected word, a number, a duration, the whole literal.
SELECT replace(try_contract(format('plan "%s"', repeat('n', 1000000))), repeat('n', 59), '<59 times n>') AS plan_1mb;
SELECT replace(replace(try_contract('tier ' || repeat('z', 1000000)), repeat('z', 60), '<60 times z>'),
               repeat('z', 55), '<55 times z>') AS long_word;
SELECT replace(try_contract('named contacts ' || repeat('9', 1000000)), repeat('9', 60), '<60 nines>') AS long_number;
SELECT replace(try_contract('critical: respond within 0 hours' || repeat(' ', 1000000) || '0 minutes'),
               repeat(' ', 53), '<53 spaces>') AS long_duration;
SELECT replace(try_contract('critical: respond within 1 business hour;' || repeat(' ', 1000000) || 'tier premium'),
               repeat(' ', 19), '<19 spaces>') AS long_contract;

--
-- Limits: at most 100 steps per severity, 10 recipients per step
--
CREATE TEMP TABLE ladders (n int, lit text);
INSERT INTO ladders
SELECT n, 'critical: ' || string_agg(format('escalate after %s minutes to "Level %s"', i, i), ', ' ORDER BY i)
FROM (VALUES (100), (101)) AS v(n), generate_series(1, n) AS i
GROUP BY n;
-- 100 steps, and 100 more in every other severity: printed in order
SELECT left(try_contract(lit), 80) AS canonical_starts, right(try_contract(lit), 44) AS canonical_ends,
       (SELECT count(*) FROM regexp_matches(try_contract(lit), 'escalate after', 'g')) AS printed_steps
FROM ladders WHERE n = 100;
SELECT (SELECT count(*) FROM regexp_matches(try_contract(lit || replace(replace(lit, 'critical', '; high'), '"Level', '"High')
                                                         || replace(lit, 'critical', '; medium') || replace(lit, 'critical', '; low')),
                                            'escalate after', 'g')) AS printed_steps
FROM ladders WHERE n = 100;
SELECT try_contract(lit) AS steps_101 FROM ladders WHERE n = 101;
SELECT try_contract(replace(lit, 'critical', 'low')) AS steps_101 FROM ladders WHERE n = 101;

CREATE TEMP TABLE recipients (n int, lit text);
INSERT INTO recipients
SELECT n, 'high: escalate after 1 hour to "A", escalate after 2 hours to '
          || string_agg(format('"R%s"', i), ' and ' ORDER BY i)
FROM (VALUES (10), (11)) AS v(n), generate_series(1, n) AS i
GROUP BY n;
SELECT n, try_contract(lit) AS result FROM recipients ORDER BY n;

--
-- Binary send and receive
--
-- send: a version byte 1, then the canonical text
SELECT ticket_sla.contract_send('tier premium; critical: respond within 90 minutes');
SELECT id, ticket_sla.contract_send(lit::ticket_sla.contract) = '\x01'::bytea || convert_to(lit::ticket_sla.contract::text, 'UTF8') AS version_then_text
FROM plans ORDER BY id;

-- receive, through a binary COPY round trip of every good literal, the
-- plans and the long ladder
CREATE TEMP TABLE con_out (id int, c ticket_sla.contract);
INSERT INTO con_out SELECT id, lit::ticket_sla.contract FROM good;
INSERT INTO con_out SELECT 1000 + id, lit::ticket_sla.contract FROM plans;
INSERT INTO con_out SELECT 2000, lit::ticket_sla.contract FROM ladders WHERE n = 100;
SELECT current_setting('data_directory') || '/contract_io.bin' AS binfile \gset
COPY con_out TO :'binfile' (FORMAT binary);
CREATE TEMP TABLE con_in (id int, c ticket_sla.contract);
COPY con_in FROM :'binfile' (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE i.c = o.c AND i.c::text = o.c::text) AS equal
FROM con_out o JOIN con_in i USING (id);

-- what contract_recv makes of bytes (recv_as, test/fixtures/io_helpers.sql)
SELECT bytes, try_query(format('SELECT recv_as(%L, %L)', 'ticket_sla.contract', bytes)) AS received
FROM (VALUES
  -- received text is checked and normalised like text input
  ('\x01'::bytea || convert_to('tier premium; critical: respond within 1 hour', 'UTF8')),
  ('\x01'::bytea || convert_to('critical: respond within 90 minutes; TIER premium; hours (mon 9:00-17:00)', 'UTF8')),
  ('\x01'::bytea || convert_to('tier gold', 'UTF8')),
  ('\x01'::bytea || convert_to('critical: respond within 1 business hour', 'UTF8')),
  ('\x01'),
  -- unknown versions, and no version at all
  ('\x02'::bytea || convert_to('tier premium', 'UTF8')),
  ('\x00'::bytea || convert_to('tier premium', 'UTF8')),
  ('\x74696572'),
  ('\x')
) AS v(bytes);

--
-- Terms for some tickets (0.5): a request type, the standard requests of a
-- premium plan, a support level, a severity, in this order, one at least;
-- hours of their own among the terms.  Printed in the order of their keys:
-- request type (none first, then by name), standard, level, severity, each
-- with "any" first; the plain severity terms keep the version 1 form.
--
SELECT lit, try_contract(lit) AS canonical
FROM (VALUES
  ('request "signature change": respond within 4 hours'),
  ('request "signature change" critical: resolve within 2 days; request "signature change": respond within 4 hours'),
  -- standard needs a premium plan
  ('tier premium; standard critical: respond within 4 hours; critical: respond within 30 minutes'),
  ('level 3: respond within 1 hour; level 2 high: respond within 2 hours'),
  -- a type's clause may name all four
  ('tier premium; hours (24x7); request "cyber incident" standard level 2 critical: respond within 8 business hours'),
  -- a severity with hours of its own: stored in the extension, printed as written
  ('hours (Mon-Fri 09:00-18:00; tz Europe/Berlin); critical: hours (24x7; tz Europe/Berlin), respond within 1 business hour; high: respond within 4 business hours'),
  -- hours of its own are enough for business time, without the plan's
  ('request "x": respond within 2 business hours, hours (Mon-Fri 08:00-12:00; tz UTC), escalate after 1 business hour to "A"'),
  -- P1 to P4 after a qualifier too; keywords in any case
  ('REQUEST "A" LEVEL 1 P2: RESPOND WITHIN 1 HOUR'),
  -- the type's name is any name
  ('request "Fehl""alarm": respond within 1 hour'),
  -- none: a clause that takes the terms of a less specific one away
  ('tier premium; critical: respond within 1 hour; standard: none'),
  ('request "question": NONE; high: respond within 2 hours'),
  -- report fields, each once, printed in their order
  ('report requires expected behaviour, service, Business Impact'),
  ('report requires service, summary, problem time, business impact, description, current behaviour, expected behaviour')
) AS v(lit);

-- each reads back equal
SELECT lit, c::text::ticket_sla.contract = c AS rereads_equal
FROM (VALUES
  ('critical: respond within 1 hour'),
  ('request "a": respond within 1 hour; critical: respond within 2 hours'),
  ('hours (24x7); critical: hours (Mon-Fri 09:00-17:00), respond within 1 business hour'),
  ('report requires service')
) AS v(lit), LATERAL (SELECT lit::ticket_sla.contract AS c) AS x;

-- bad terms keys and terms
SELECT lit, try_contract(lit) AS error
FROM (VALUES
  -- the same tickets twice, however written
  ('request "a": respond within 1 hour; request "a": resolve within 1 day'),
  ('critical: respond within 1 hour; P1: resolve within 1 day'),
  ('tier premium; standard: respond within 1 hour; standard: resolve within 1 day'),
  -- qualifiers in another order, or missing parts
  ('critical request "a": respond within 1 hour'),
  ('level 2 standard: respond within 1 hour'),
  ('request: respond within 1 hour'),
  ('request a: respond within 1 hour'),
  ('request "a"'),
  ('request "": respond within 1 hour'),
  ('level: respond within 1 hour'),
  ('level 0: respond within 1 hour'),
  ('level 4: respond within 1 hour'),
  ('standard'),
  -- hours twice in one clause
  ('critical: hours (24x7), hours (24x7), respond within 1 business hour'),
  ('critical: hours 24x7, respond within 1 business hour'),
  -- none stands alone
  ('tier premium; standard: none, respond within 1 hour'),
  ('tier premium; standard: respond within 1 hour, none'),
  -- report fields
  ('report'),
  ('report requires'),
  ('report requires service, service'),
  ('report requires problem'),
  ('report requires name'),
  ('report requires service; report requires summary')
) AS v(lit);

-- clauses that would have no effect are refused (22023), with where they are
SELECT lit, try_contract(lit) AS error
FROM (VALUES
  ('premium requests 12 per year'),
  ('tier standard; premium requests 1 per quarter'),
  ('phone only out of hours'),
  ('critical: hours (24x7), respond within 1 business hour; phone only out of hours'),
  ('warn at 75%'),
  ('warn at 75%; critical: escalate after 1 hour to "A"'),
  ('tier standard; standard critical: respond within 1 hour'),
  ('standard critical: respond within 1 hour'),
  ('hours (24x7); critical: hours (Mon-Fri 09:00-17:00), respond within 1 hour'),
  ('critical: none'),
  -- business time needs hours: the plan's or the clause's own
  ('request "a": respond within 1 business hour'),
  ('critical: hours (24x7), respond within 1 business hour; high: respond within 1 business hour')
) AS v(lit);

--
-- Conversations (0.6): "reply within" and "update every" in any clause of
-- terms; "response means qualified answer" and "on reopen restart" for the
-- plan.  The canonical text below is worked out by hand: inside a clause
-- hours, respond, resolve, reply, update, then the ladder; the two plan
-- clauses after the warning and before the report fields; durations as
-- for respond (wall-clock days of 24 hours, business hours never turned
-- into days, 90 minutes as 1 hour 30 minutes).
--
CREATE TEMP TABLE conversation (id serial, lit text);
INSERT INTO conversation (lit) VALUES
  ('critical: reply within 4 hours'),
  ('low: update every 24 hours'),
  -- the canonical order inside a clause, whatever the written one
  ('hours (Mon-Fri 09:00-17:00; tz Europe/Berlin); high: update every 1 business day, reply within 240 business minutes, escalate after 1 hour to "A", resolve within 2 business days, respond within 1 hour'),
  -- the plan clauses after the warning, before the report fields
  ('report requires service; on reopen restart; response means qualified answer; warn at 80%; critical: respond within 1 hour, resolve within 1 day'),
  -- keywords in any case, P1 to P4
  ('RESPONSE MEANS QUALIFIED ANSWER; On Reopen Restart; P2: Reply Within 2 Hours, Resolve WITHIN 1 day, UPDATE EVERY 90 minutes'),
  -- in every kind of set, with hours of a set's own; sets in key order
  -- (no type first: level 2 before standard; then "outage" before
  -- "outage" critical)
  ('tier premium; hours (24x7); request "outage": reply within 1 hour; standard: update every 1 day; level 2: reply within 30 minutes; request "outage" critical: hours (Mon-Fri 08:00-18:00), update every 2 business hours'),
  -- a warning acts on any of the four targets; the plan clauses on a
  -- target in any clause
  ('warn at 50%; low: update every 1 day'),
  ('response means qualified answer; level 3: reply within 1 hour'),
  ('on reopen restart; request "x": resolve within 5 days'),
  -- the same limits as respond
  ('critical: reply within 36500 days, update every 1 minute'),
  ('hours (24x7); critical: update every 876000 business hours'),
  -- none takes reply and update away too
  ('tier premium; critical: reply within 1 hour; standard critical: none');
SELECT id, lit, try_contract(lit) AS canonical FROM conversation ORDER BY id;
-- each reads back equal and prints the same
SELECT id, lit
FROM conversation, LATERAL (SELECT lit::ticket_sla.contract AS c) AS x
WHERE NOT (c::text::ticket_sla.contract = c AND c::text::ticket_sla.contract::text = c::text);
-- what a plan says of its conversations (false in a plan without them)
SELECT id, ticket_sla.qualified_responses(lit::ticket_sla.contract) AS qualified,
       ticket_sla.reopen_restarts(lit::ticket_sla.contract) AS restarts
FROM conversation WHERE id IN (1, 4, 5, 8, 9) ORDER BY id;

-- Bad conversation terms and clauses, with SQLSTATE and position (counted
-- by hand in characters from 1)
SELECT lit, try_contract(lit) AS error
FROM (VALUES
  -- each target once per clause (the same error as a repeated respond):
  -- the second "reply" at 32, the second "update" at 55
  ('critical: reply within 1 hour, reply within 2 hours'),
  ('critical: update every 1 hour, respond within 1 hour, update every 2 hours'),
  -- the word after the keyword: "within" for reply, "every" for update
  ('critical: reply in 1 hour'),
  ('critical: reply every 1 hour'),
  ('critical: update within 1 hour'),
  ('critical: update every'),
  ('critical: update every hour'),
  -- durations as for respond: zero (at 24), mixed clocks (at 38), too long
  ('critical: reply within 0 minutes'),
  ('hours (24x7); critical: update every 1 business hour 30 minutes'),
  ('critical: reply within 36501 days'),
  ('hours (24x7); critical: update every 36501 business days'),
  -- business time needs hours (the first business duration at 24)
  ('critical: update every 1 business day'),
  -- a clause's own hours need a business duration there
  ('critical: hours (24x7), update every 1 hour'),
  -- the plan clauses: misspelt, repeated (the second at 20)
  ('response means qualified answers'),
  ('response qualified answer'),
  ('response means qualified answer,'),
  ('on reopen restarts'),
  ('on reopen'),
  ('reopen restart'),
  ('on reopen restart; on reopen restart; critical: resolve within 1 day'),
  -- no effect (22023): no response or reply target (position 1, and 34
  -- after a clause of 31 characters and "; "), no resolution target (at 1
  -- and 34)
  ('response means qualified answer'),
  ('response means qualified answer; critical: resolve within 1 hour, update every 1 hour'),
  ('critical: resolve within 1 hour; response means qualified answer'),
  ('on reopen restart; critical: respond within 1 hour, reply within 1 hour, update every 1 hour'),
  ('critical: respond within 1 hour; on reopen restart'),
  ('warn at 75%; critical: escalate after 1 hour to "A"')
) AS v(lit);

--
-- The stored form (contract.h).  contract_bytes shows a value's bytes
-- after its 4-byte length word, as stored; contract_of makes a value of
-- such bytes (byteacat of the bytes and nothing, declared over the types).
--
CREATE FUNCTION contract_bytes(c ticket_sla.contract, nothing bytea = '') RETURNS bytea
LANGUAGE internal IMMUTABLE STRICT AS 'byteacat';
CREATE FUNCTION contract_of(bytes bytea, nothing bytea = '') RETURNS ticket_sla.contract
LANGUAGE internal IMMUTABLE STRICT AS 'byteacat';

-- Worked out by hand (x86-64, little-endian): the fixed header is 196 bytes
-- after the length word (version at 0, the four severities' terms at 36,
-- data at 196).  "critical: reply within 1 hour" has no step, no hours and
-- no set: the extension is at data+0 (version 2 at byte 0), its 16 bytes
-- (n_sets 0, report fields 0, local hours 0, conversation 1 =
-- CONVERSATION_TERMS at byte 196+12 = 208), then the block of 4
-- ConversationTerms of 32 bytes (reply, update) at 212: critical's reply is
-- 3600000000 microseconds (00 a4 93 d6 00 00 00 00) with clock 2 (wall) at
-- 212+12 = 224; names at data+144: 340 bytes in all.  With "response
-- means qualified answer" and "on reopen restart" the conversation field is
-- 1+2+4 = 7 (the resolution target is in the header, the length the same).
SELECT lit, length(b) AS bytes, get_byte(b, 0) AS version, get_byte(b, 208) AS conversation,
       substring(b FROM 213 FOR 8) AS critical_reply_usecs, get_byte(b, 224) AS clock
FROM (VALUES
  ('critical: reply within 1 hour'),
  ('response means qualified answer; on reopen restart; critical: reply within 1 hour, resolve within 1 day')
) AS v(lit), LATERAL (SELECT contract_bytes(lit::ticket_sla.contract) AS b) AS x;
-- Adding one set (request "x", 64 bytes) puts the block at data+80, the
-- set's reply after the four severities' at data+80+128 = byte 404 (clock
-- at 416), and the names ("x" and its NUL) at data+240: 438 bytes.
SELECT length(b) AS bytes, get_byte(b, 0) AS version, get_byte(b, 208) AS conversation,
       substring(b FROM 405 FOR 8) AS set_reply_usecs, get_byte(b, 416) AS clock
FROM (SELECT contract_bytes('request "x": reply within 1 hour') AS b) AS x;

-- Equal values have equal bytes, however written: targets in any order and
-- any units, clauses and sets in any order, keywords in any case
SELECT a, b, contract_bytes(a::ticket_sla.contract) = contract_bytes(b::ticket_sla.contract) AS same_bytes,
       a::ticket_sla.contract = b::ticket_sla.contract AS eq
FROM (VALUES
  ('critical: update every 1 hour, reply within 2 hours', 'CRITICAL: reply within 120 minutes, update every 60 minutes'),
  ('on reopen restart; response means qualified answer; high: resolve within 1 day, reply within 1 hour',
   'response means qualified answer; high: reply within 1 hour, resolve within 24 hours; on reopen restart'),
  ('request "b": reply within 1 hour; request "a": update every 1 hour', 'request "a": update every 60 minutes; request "b": reply within 1 hour'),
  ('hours (24x7); level 2: update every 1 business day; critical: reply within 8 business hours',
   'critical: reply within 480 business minutes; hours (24x7; tz UTC); level 2: update every 1 business day'),
  -- and different values differ
  ('critical: reply within 1 hour', 'critical: respond within 1 hour'),
  ('critical: reply within 1 hour', 'critical: update every 1 hour'),
  ('critical: reply within 1 hour', 'high: reply within 1 hour'),
  ('critical: reply within 1 hour, resolve within 1 day', 'on reopen restart; critical: reply within 1 hour, resolve within 1 day'),
  ('critical: reply within 1 hour', 'response means qualified answer; critical: reply within 1 hour'),
  ('hours (24x7); critical: reply within 1 business day', 'hours (24x7); critical: reply within 24 business hours')
) AS v(a, b);

-- Values stored by 0.5 read unchanged: the bytes below are what 0.5 stored
-- for these literals (version 1 for the first two, version 2 with sets,
-- report fields and local hours for the third, its conversation field the
-- zero padding of 0.5); they print as 0.5 printed them, have no reply or
-- update target and neither plan clause, and 0.6 still stores these
-- literals so, byte for byte.
CREATE TEMP TABLE stored_05 (lit text, canonical text, bytes bytea);
INSERT INTO stored_05 VALUES
  ('tier premium; critical: respond within 1 hour',
   'tier premium; critical: respond within 1 hour',
   '\x0100000000000000ffffffffffffffff00000000ffffffff00000000000000000000000000a493d6000000000000000002000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000'),
  ('plan "P"; hours (Mon-Fri 09:00-18:00; tz UTC); warn at 75%; high: respond within 4 business hours, resolve within 2 business days, escalate after 1 hour to "A"',
   'plan "P"; tier standard; hours (Mon-Fri 09:00-18:00; tz UTC); warn at 75%; high: respond within 4 business hours, resolve within 2 business days, escalate after 1 hour to "A"',
   '\x0101000001000000ffffffffffffffff4b000000000000000100000018000000600000000000000000000000000000000000000000000000000000000000000000000000000000000000000000904e5a030000000000000001000000000000000000000002000000010000000000000001000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000a493d6000000000000000002000000020000000100000020010000010005000000000000000100020003000400050005000500907e000020fd0000907e000020fd0000907e000020fd0000907e000020fd0000907e000020fd00005554430050004100'),
  ('plan "V2"; hours (Mon-Fri 09:00-18:00; tz UTC); local hours; report requires service; critical: respond within 1 hour; request "x" high: hours (24x7), respond within 2 business hours',
   'plan "V2"; tier standard; hours (Mon-Fri 09:00-18:00; tz UTC); local hours; report requires service; critical: respond within 1 hour; request "x" high: hours (24x7; tz UTC), respond within 2 business hours',
   '\x0201000001000000ffffffffffffffff00000000000000000000000000000000f000000000a493d600000000000000000200000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000020010000010005000000000000000100020003000400050005000500907e000020fd0000907e000020fd0000907e000020fd0000907e000020fd0000907e000020fd0000555443000100000001000000010000000000000003000000010000000000000000000000004827ad0100000000000000010000000000000000000000000000000000000000000000000000009800000000000000600100000100070000000000000001000200030004000500060007000000000080510100000000008051010000000000805101000000000080510100000000008051010000000000805101000000000080510100555443005632007800');
SELECT get_byte(bytes, 0) AS version,
       contract_of(bytes)::text = canonical AS prints_as_before,
       contract_bytes(lit::ticket_sla.contract) = bytes AS stored_as_before,
       ticket_sla.qualified_responses(contract_of(bytes)) AS qualified,
       ticket_sla.reopen_restarts(contract_of(bytes)) AS restarts,
       ticket_sla.reply_deadline('2026-11-20 10:00+00', sev, contract_of(bytes)) AS reply_due,
       ticket_sla.update_deadline('2026-11-20 10:00+00', sev, contract_of(bytes)) AS update_due
FROM stored_05, (VALUES ('critical'::ticket_sla.severity), ('high')) AS s(sev)
ORDER BY lit, sev;

-- Binary send and receive of the new clauses: a version byte 1 and the
-- canonical text, read back through a binary COPY as an equal value
SELECT ticket_sla.contract_send('on reopen restart; critical: reply within 1 hour, resolve within 1 day');
CREATE TEMP TABLE conv_out (id int, c ticket_sla.contract);
INSERT INTO conv_out SELECT id, lit::ticket_sla.contract FROM conversation;
SELECT current_setting('data_directory') || '/contract_conv.bin' AS convfile \gset
COPY conv_out TO :'convfile' (FORMAT binary);
CREATE TEMP TABLE conv_in (id int, c ticket_sla.contract);
COPY conv_in FROM :'convfile' (FORMAT binary);
SELECT count(*) AS rows,
       count(*) FILTER (WHERE contract_bytes(i.c) = contract_bytes(o.c) AND i.c::text = o.c::text) AS same_bytes
FROM conv_out o JOIN conv_in i USING (id);
SELECT bytes, try_query(format('SELECT recv_as(%L, %L)', 'ticket_sla.contract', bytes)) AS received
FROM (VALUES
  -- received text is checked and normalised like text input
  ('\x01'::bytea || convert_to('high: UPDATE every 90 minutes, resolve within 1 day; on reopen restart', 'UTF8')),
  ('\x01'::bytea || convert_to('on reopen restart; high: update every 90 minutes', 'UTF8'))
) AS v(bytes);

--
-- Availability (0.6): "availability N% per month", N more than 0 and at
-- most 100 with up to three decimals, and optionally ", maintenance
-- announced DURATION ahead" (a duration as for targets; business time
-- needs hours).  Printed after the report fields, before the terms, the
-- target without trailing zeros.
--
CREATE TEMP TABLE availability (id int, lit text);
INSERT INTO availability VALUES
  (1, 'availability 99.5% per month'),
  (2, 'AVAILABILITY 99.500 % PER MONTH'),
  (3, 'availability 100% per month, maintenance announced 120 hours ahead'),
  (4, 'availability 0.001% per month, maintenance announced 90 minutes ahead'),
  (5, 'critical: respond within 1 business hour; report requires service; hours (Mon-Fri 09:00-18:00; tz Europe/London); availability 99.95% per month, maintenance announced 2 business days 4 business hours ahead; plan "ISMS"'),
  (6, 'critical: reply within 1 hour; availability 99.9% per month; request "x": respond within 1 hour');
-- 1 and 2 print alike; 3: 120 hours are 5 days; 4: 1 hour 30 minutes;
-- 5: plan, tier, hours, report, availability, terms; 6: the availability
-- before the terms, the plain severity's before the set's
SELECT id, try_contract(lit) AS canonical FROM availability ORDER BY id;
-- each reads back equal and prints the same
SELECT id FROM availability, LATERAL (SELECT lit::ticket_sla.contract AS c) AS x
WHERE NOT (c::text::ticket_sla.contract = c AND c::text::ticket_sla.contract::text = c::text);
-- what the accessors give: the target in percent, the notice as written
SELECT id, ticket_sla.availability_target(lit::ticket_sla.contract) AS target,
       ticket_sla.maintenance_notice(lit::ticket_sla.contract) AS notice
FROM availability ORDER BY id;
-- none without the clause
SELECT ticket_sla.availability_target('critical: respond within 1 hour') AS target,
       ticket_sla.maintenance_notice('critical: respond within 1 hour') AS notice,
       ticket_sla.maintenance_from('2026-01-01 00:00+00', 'availability 99% per month') AS no_notice;
-- the plan as a kind of ticket sees it keeps the clause
SELECT ticket_sla.terms_for(lit::ticket_sla.contract, 'x', 'standard', 1) FROM availability WHERE id = 6;

-- Bad availability clauses, with SQLSTATE and position (counted by hand)
SELECT lit, try_contract(lit) AS error
FROM (VALUES
  -- out of range (22023, the number at 14)
  ('availability 0% per month'),
  ('availability 0.000% per month'),
  ('availability 100.001% per month'),
  ('availability 1000% per month'),
  -- syntax (22P02): a fourth decimal (at 17), no decimals after "." (at
  -- 17), no "%" (at 19), no number (at 14)
  ('availability 99.1234% per month'),
  ('availability 99.% per month'),
  ('availability 99.5 per month'),
  ('availability high per month'),
  -- only "per month" (22P02 with a hint; at 24, and at the end, 23);
  -- without "per" (at 19)
  ('availability 99.5% per week'),
  ('availability 99.5% per'),
  ('availability 99.5%'),
  -- the notice: its words, a duration, "ahead" (at 43, 53, and at the
  -- end, 59)
  ('availability 99.5% per month, maintenance 5 days ahead'),
  ('availability 99.5% per month, maintenance announced ahead'),
  ('availability 99.5% per month, maintenance announced 5 days'),
  -- a zero notice (22023 at 53), business time without hours (22023 at 53)
  ('availability 99.5% per month, maintenance announced 0 days ahead'),
  ('availability 99.5% per month, maintenance announced 2 business days ahead'),
  -- once (the second at 31)
  ('availability 99.5% per month; availability 99% per month')
) AS v(lit);

-- Worked out by hand, as above: "availability 99.5% per month" is version
-- 2, its extension at data+0 with the conversation field 8
-- (CONTRACT_AVAILABILITY, byte 208) and no block of ConversationTerms; the
-- AvailabilityTerms at data+16 = byte 212: the target 99500 thousandths
-- (ac 84 01 00), the period 1 at 216, no notice (16 zero bytes, clock 0 at
-- 232); names at data+40: 236 bytes.  With the notice of 5 days:
-- 432000000000 microseconds (00 e0 34 95 64 00 00 00) at 220, clock 2
-- (wall) at 232.  With a reply target too: conversation 1 + 8 = 9, the
-- block of 4 x 32 bytes at 212, the clause after it at 340 (target 99950:
-- 6e 86 01 00), 364 bytes.
SELECT lit, length(b) AS bytes, get_byte(b, 0) AS version, get_byte(b, 208) AS bits,
       substring(b FROM 213 FOR 4) AS target_212, get_byte(b, 216) AS period,
       substring(b FROM 221 FOR 8) AS notice_usecs, get_byte(b, 232) AS clock,
       substring(b FROM 341 FOR 4) AS target_340
FROM (VALUES
  ('availability 99.5% per month'),
  ('availability 99.5% per month, maintenance announced 5 days ahead'),
  ('critical: reply within 1 hour; availability 99.95% per month')
) AS v(lit), LATERAL (SELECT contract_bytes(lit::ticket_sla.contract) AS b) AS x;
-- equal values, equal bytes; different ones differ
SELECT a, b, contract_bytes(a::ticket_sla.contract) = contract_bytes(b::ticket_sla.contract) AS same_bytes,
       a::ticket_sla.contract = b::ticket_sla.contract AS eq
FROM (VALUES
  ('availability 99.5% per month, maintenance announced 5 days ahead', 'Availability 99.50% per MONTH, maintenance announced 120 hours ahead'),
  ('availability 99.5% per month', 'availability 99.51% per month'),
  ('availability 99.5% per month', 'availability 99.5% per month, maintenance announced 5 days ahead'),
  ('hours (24x7); availability 99.5% per month, maintenance announced 1 business day ahead',
   'hours (24x7); availability 99.5% per month, maintenance announced 24 business hours ahead'),
  ('critical: respond within 1 hour', 'critical: respond within 1 hour; availability 100% per month')
) AS v(a, b);
-- binary: a version byte 1 and the canonical text, received equal
SELECT ticket_sla.contract_send('availability 99.5% per month, maintenance announced 5 days ahead');
SELECT try_query(format('SELECT recv_as(%L, %L)', 'ticket_sla.contract',
       '\x01'::bytea || convert_to('availability 99.90% per month, maintenance announced 48 hours ahead', 'UTF8')))
       AS received;

DROP FUNCTION contract_of(bytea, bytea);
DROP FUNCTION contract_bytes(ticket_sla.contract, bytea);

DROP FUNCTION recv_as(regtype, bytea);
DROP FUNCTION try_contract(text);
DROP FUNCTION try_query(text);
DROP FUNCTION error_of(text);
