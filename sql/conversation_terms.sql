--
-- conversation_terms: the next-reply and periodic-update targets of a
-- contract (0.6) as instants: reply_deadline and update_deadline on the
-- business clock (over a weekend and a public holiday) and the wall clock
-- (over a change of offset), in a set with hours of its own, through
-- terms_for; and what a plan says of responses and reopenings, as each kind
-- of ticket sees it.  Every expected instant is worked out by hand in the
-- comment before its query.
--
SET TimeZone = 'Europe/Berlin';
-- quietly: the extension exists already when the whole suite runs
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS ticket_sla;
RESET client_min_messages;

-- Berlin office hours with Berlin's holidays.  Critical tickets: wall
-- clock; high ones: business clock; an outage of severity high: hours of
-- its own, every day 08:00-20:00 and no holidays; the second support
-- level: a 30-minute reply for any severity, and nothing else (a set
-- decides alone: no update target, no resolution target there).
CREATE TEMP TABLE plan (c ticket_sla.contract);
INSERT INTO plan VALUES ('plan "Conversations"; hours (Mon-Fri 09:00-17:00; tz Europe/Berlin; holidays DE-BE);
  response means qualified answer; on reopen restart;
  critical: respond within 1 hour, resolve within 8 hours, reply within 2 hours, update every 4 hours;
  high: resolve within 5 business days, reply within 4 business hours, update every 1 business day;
  request "outage" high: hours (Mon-Sun 08:00-20:00; tz Europe/Berlin), reply within 2 business hours, update every 6 business hours;
  level 2: reply within 30 minutes');
SELECT c FROM plan;

-- The holidays of Berlin around Christmas 2026 that the examples cross:
-- Friday 25 and Saturday 26 December; Thursday 24 December is a working day
SELECT day, to_char(day, 'Dy') AS weekday, name
FROM ticket_sla.holidays('DE-BE', 2026, 2026) WHERE day >= '2026-12-20';

--
-- Business clock (high, the plan's hours).  Every instant in Berlin time
-- (CET, +01).
--
-- reply within 4 business hours:
--   Friday 2026-11-20 15:30: 1.5 h on Friday (to 17:00), 2.5 h from Monday
--   09:00: Monday 2026-11-23 11:30.
--   Saturday 2026-11-21 19:30 (closed): 4 h from Monday 09:00: 13:00.
--   Thursday 2026-12-24 16:00: 1 h on Thursday; Friday 25 (holiday),
--   Saturday, Sunday closed; 3 h from Monday 28 December 09:00: 12:00.
-- update every 1 business day: the next business day at the same time of
-- day: Friday 20 November 15:30 -> Monday 23 November 15:30; Thursday 24
-- December 16:00 -> Monday 28 December 16:00 (25 December a holiday); from
-- Saturday 19:30, which counts as Friday's close, Monday's close, 17:00
-- (business days as docs/calendars.md defines them).
SELECT at, ticket_sla.reply_deadline(at, 'high', c) AS reply_due,
       ticket_sla.update_deadline(at, 'high', c) AS update_due
FROM plan, (VALUES ('2026-11-20 15:30+01'::timestamptz), ('2026-11-21 19:30+01'),
                   ('2026-12-24 16:00+01')) AS v(at)
ORDER BY at;

--
-- Wall clock (critical): elapsed time, closed days or not.
--   from Friday 2026-11-20 16:30: reply by 18:30, update by 20:30.
--   from Saturday 2026-11-21 22:00: reply by Sunday 00:00, update by 02:00.
--   from Sunday 2026-10-25 01:30 CEST (+02), an hour before the clocks go
--   back at 03:00 CEST: 2 elapsed hours are 03:30 CEST = 02:30 CET, and 4
--   elapsed hours 05:30 CEST = 04:30 CET.
--
SELECT at, ticket_sla.reply_deadline(at, 'critical', c) AS reply_due,
       ticket_sla.update_deadline(at, 'critical', c) AS update_due
FROM plan, (VALUES ('2026-11-20 16:30+01'::timestamptz), ('2026-11-21 22:00+01'),
                   ('2026-10-25 01:30+02')) AS v(at)
ORDER BY at;

-- No target: NULL (medium and low have no terms; the functions are STRICT)
SELECT ticket_sla.reply_deadline('2026-11-20 15:30+01', 'medium', c) AS medium_reply,
       ticket_sla.update_deadline('2026-11-20 15:30+01', 'low', c) AS low_update,
       ticket_sla.reply_deadline(NULL, 'high', c) AS null_instant
FROM plan;

--
-- Through terms_for: the plan as each kind of ticket sees it.
--
-- An outage of severity high counts on its own hours, every day
-- 08:00-20:00 and open on holidays:
--   reply within 2 business hours from Saturday 2026-11-21 19:30: 0.5 h on
--   Saturday, 1.5 h from Sunday 08:00: Sunday 2026-11-22 09:30 (an
--   incident: Monday 13:00, as above); update every 6 business hours:
--   0.5 h on Saturday, 5.5 h from Sunday 08:00: 13:30 (an incident:
--   Monday 17:00, as above).
--   update every 6 business hours from Friday 2026-12-25 17:00 (a Berlin
--   holiday, open here): 3 h to 20:00, 3 h from Saturday 08:00: 11:00.
-- Its critical tickets keep the plan's critical terms (the outage set is
-- for high ones): 2 and 4 elapsed hours, 19:00 and 21:00.
-- At the second level every severity replies within 30 elapsed minutes
-- (17:30) and has no update target (NULL).
SELECT kind, level, sev, at,
       ticket_sla.reply_deadline(at, sev, ticket_sla.terms_for(c, kind, 'standard', level)) AS reply_due,
       ticket_sla.update_deadline(at, sev, ticket_sla.terms_for(c, kind, 'standard', level)) AS update_due
FROM plan, (VALUES ('outage', 1, 'high'::ticket_sla.severity, '2026-11-21 19:30+01'::timestamptz),
                   ('incident', 1, 'high', '2026-11-21 19:30+01'),
                   ('outage', 1, 'high', '2026-12-25 17:00+01'),
                   ('outage', 1, 'critical', '2026-12-25 17:00+01'),
                   ('incident', 2, 'high', '2026-12-25 17:00+01'),
                   ('incident', 2, 'low', '2026-12-25 17:00+01')) AS v(kind, level, sev, at)
ORDER BY kind, level, sev, at;

-- The plan each kind sees, and its two plan clauses: the outage keeps both
-- (its critical terms resolve); the second level has only a reply target,
-- so "on reopen restart" acts on nothing there and is left out, as a
-- warning without a target is; "response means qualified answer" stays.
SELECT kind, level, t AS terms,
       ticket_sla.qualified_responses(t) AS qualified, ticket_sla.reopen_restarts(t) AS restarts
FROM plan, (VALUES ('outage', 1), ('incident', 2)) AS v(kind, level),
     LATERAL (SELECT ticket_sla.terms_for(c, kind, 'standard', level) AS t) AS x
ORDER BY kind;

-- The whole plan says both
SELECT ticket_sla.qualified_responses(c) AS qualified, ticket_sla.reopen_restarts(c) AS restarts
FROM plan;
