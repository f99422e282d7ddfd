-- ticket_sla demo: the seed support policies as calendars, and the deadlines
-- their targets give for a handful of realistic ticket times.
\pset footer off
\set QUIET on
CREATE EXTENSION ticket_sla;
SET TimeZone = 'Europe/Berlin';
SET DateStyle = 'ISO, YMD';

\echo
\echo '== The calendars =='
\echo 'Berlin office hours with the 2026 German and Berlin public holidays and short'
\echo 'days on Christmas Eve and New Year''s Eve (Perseus,'
\echo 'Cyren Standard for a German customer, Kaspersky''s business hours); the'
\echo 'ISMS.online "09:00-18:00 GMT on UK weekdays" excluding English bank holidays;'
\echo 'and a round-the-clock plan (Cyren Gold, Kaspersky levels 1 and 2).'
CREATE TEMP TABLE calendars (name text PRIMARY KEY, cal ticket_sla.calendar);
INSERT INTO calendars VALUES
  ('Berlin office', 'Mon-Fri 09:00-18:00; tz Europe/Berlin; closed 2026-01-01, 2026-04-03, 2026-04-06, 2026-05-01, 2026-05-14, 2026-05-25, 2026-10-03, 2026-12-25, 2026-12-26; open 2026-12-24, 2026-12-31 09:00-13:00'),
  ('UK business hours (GMT)', 'mon-fri 9:00-18:00; tz GMT; closed 2026-01-01, 2026-04-03, 2026-04-06, 2026-05-04, 2026-05-25, 2026-08-31, 2026-12-25, 2026-12-28'),
  ('24x7', '24x7; tz UTC');
SELECT name, cal AS "canonical form" FROM calendars;

\echo
\echo '== Is the support desk open right now? (at a few instants) =='
SELECT to_char(t, 'Dy YYYY-MM-DD HH24:MI TZ') AS "at (Berlin)",
       ticket_sla.is_business_time(t, b.cal) AS "Berlin open",
       ticket_sla.is_business_time(t, u.cal) AS "UK open",
       to_char(ticket_sla.next_business_time(t, b.cal), 'Dy MM-DD HH24:MI') AS "Berlin opens"
FROM calendars b, calendars u,
     (VALUES ('2026-11-20 16:30'::timestamptz), ('2026-11-20 18:30'), ('2026-04-03 11:00'), ('2026-07-06 09:30')) AS t(t)
WHERE b.name = 'Berlin office' AND u.name = 'UK business hours (GMT)';

\echo
\echo '== Deadlines from the seed targets =='
\echo 'Tickets opened on a Friday afternoon, on Good Friday, on Christmas Eve,'
\echo 'and on the weekends the clocks change (times shown in Berlin time).'
CREATE TEMP TABLE targets (policy text, target text, calendar text, duration interval);
INSERT INTO targets VALUES
  ('Cyren Standard', 'P1: 4 business hours', 'Berlin office', '4 hours'),
  ('Cyren Standard', 'P3: 2 business days', 'Berlin office', '2 days'),
  ('Cyren Gold', 'P1: 30 minutes', '24x7', '30 minutes'),
  ('Kaspersky Enhanced', 'Level 2: 4 hours', '24x7', '4 hours'),
  ('Kaspersky Enhanced', 'Level 3: 6 business hours', 'Berlin office', '6 hours'),
  ('ISMS.online', 'Severity 2: 4 business hours', 'UK business hours (GMT)', '4 hours'),
  ('Kaspersky MSA Plus', 'Level 1: 4 office hours', 'Berlin office', '4 hours');
CREATE TEMP TABLE tickets (opened timestamptz, note text);
INSERT INTO tickets VALUES
  ('2026-11-20 16:30', 'Friday afternoon'),
  ('2026-04-02 15:00', 'Thursday before Easter'),
  ('2026-12-23 17:00', 'day before Christmas Eve'),
  ('2026-03-28 23:00', 'DST weekend (spring)'),
  ('2026-10-25 01:30', 'DST night (autumn)');
SELECT to_char(k.opened, 'Dy MM-DD HH24:MI') AS opened, k.note, t.policy, t.target,
       to_char(ticket_sla.business_deadline(k.opened, t.duration, c.cal), 'Dy MM-DD HH24:MI TZ') AS deadline,
       ticket_sla.business_time_between(k.opened, ticket_sla.business_deadline(k.opened, t.duration, c.cal), c.cal) AS "business time"
FROM tickets k, targets t JOIN calendars c ON c.name = t.calendar
ORDER BY k.opened, t.policy, t.target;

\echo
\echo '== Open hours around Easter in the Berlin office =='
SELECT ticket_sla.business_intervals(cal, '[2026-04-02, 2026-04-08)') AS "open"
FROM calendars WHERE name = 'Berlin office';

\echo
\echo '== Bad input is refused with a clear error =='
\set ON_ERROR_STOP off
SELECT 'Mon-Fry 09:00-18:00'::ticket_sla.calendar;
SELECT 'Mon-Fri 09:00-18:00; tz Europe/Berln'::ticket_sla.calendar;
SELECT ticket_sla.business_deadline(now(), '1 month', '24x7; tz UTC');
