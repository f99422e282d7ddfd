-- ticket_sla 0.5 -> 0.6: conversations and clocks.  Each section below
-- repeats, character for character, the definitions of sql/ticket_sla.sql
-- that 0.6 adds or changes, so that an updated database and a fresh one
-- have the same schema (test/t/003_upgrade.pl compares them).

\echo Use "ALTER EXTENSION ticket_sla UPDATE TO '0.6'" to load this file. \quit

-- As in the earlier scripts, everything that pg_catalog would match only
-- through a cast is qualified: the script runs with the extension's schema
-- first on the search_path.

------------------------------------------------------------------------------
-- The contract language of conversations (issue 18): the next-reply and
-- periodic-update targets of a severity as instants, and what a plan says
-- counts as a response and does on a reopening.  The type's C functions
-- read the new clauses; values stored by 0.5 read unchanged.
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.reply_deadline(asked_at timestamptz, sev ticket_sla.severity, c ticket_sla.contract)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'reply_deadline'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.reply_deadline(timestamptz, ticket_sla.severity, ticket_sla.contract) IS
'When the next reply to a customer''s message at ASKED_AT on a ticket of severity SEV is due under contract C (reply within); NULL when C sets no reply target for SEV';

CREATE FUNCTION ticket_sla.update_deadline(updated_at timestamptz, sev ticket_sla.severity, c ticket_sla.contract)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'update_deadline'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.update_deadline(timestamptz, ticket_sla.severity, ticket_sla.contract) IS
'When the next update to the customer on a ticket of severity SEV last updated at UPDATED_AT is due under contract C (update every); NULL when C sets no update target for SEV';

CREATE FUNCTION ticket_sla.qualified_responses(c ticket_sla.contract)
RETURNS boolean
AS 'MODULE_PATHNAME', 'contract_qualified_responses_of'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.qualified_responses(ticket_sla.contract) IS
'Whether under plan C only agent messages marked qualified count as the first response and as a reply (response means qualified answer); otherwise any public agent message does';

CREATE FUNCTION ticket_sla.reopen_restarts(c ticket_sla.contract)
RETURNS boolean
AS 'MODULE_PATHNAME', 'contract_reopen_restarts_of'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.reopen_restarts(ticket_sla.contract) IS
'Whether under plan C reopening a resolved ticket gives the resolution target afresh from the reopening (on reopen restart); otherwise the resolution clock resumes, the time resolved counting as paused';

------------------------------------------------------------------------------
-- Progress of the reply and update targets
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.reply_progress(
	awaiting_since timestamptz, sev ticket_sla.severity, c ticket_sla.contract,
	"at" timestamptz, stopped boolean,
	OUT due timestamptz, OUT target interval, OUT used interval,
	OUT remaining interval, OUT share double precision, OUT state text)
AS 'MODULE_PATHNAME', 'reply_progress'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.reply_progress(timestamptz, ticket_sla.severity, ticket_sla.contract, timestamptz, boolean) IS
'The reply target as response_progress reads it, for a reply owed since AWAITING_SINCE (0.6)';

CREATE FUNCTION ticket_sla.update_progress(
	update_from timestamptz, sev ticket_sla.severity, c ticket_sla.contract,
	"at" timestamptz, stopped boolean,
	OUT due timestamptz, OUT target interval, OUT used interval,
	OUT remaining interval, OUT share double precision, OUT state text)
AS 'MODULE_PATHNAME', 'update_progress'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.update_progress(timestamptz, ticket_sla.severity, ticket_sla.contract, timestamptz, boolean) IS
'The update target as response_progress reads it, for an update clock counting since UPDATE_FROM (0.6)';

------------------------------------------------------------------------------
-- The four clocks
--
-- ticket_sla.sla_clock gains the reply and update clocks.  A value added
-- to an enum cannot be used in the transaction that adds it, and this
-- script uses them: the type is made anew and clock_segments.clock (every
-- value kept) converted to it.  The views that use the type are dropped
-- here and made again below.
------------------------------------------------------------------------------

DROP VIEW ticket_sla.clock_ledger;
DROP VIEW ticket_sla.breaches;
ALTER TYPE ticket_sla.sla_clock RENAME TO sla_clock_0_5;
CREATE TYPE ticket_sla.sla_clock AS ENUM ('response', 'resolution', 'reply', 'update');

COMMENT ON TYPE ticket_sla.sla_clock IS
'The clocks of a ticket: to the first response, to the resolution, to the reply owed, to the next update (0.6)';

ALTER TABLE ticket_sla.clock_segments
	ALTER COLUMN clock TYPE ticket_sla.sla_clock USING clock::text::ticket_sla.sla_clock;
DROP TYPE ticket_sla.sla_clock_0_5;

------------------------------------------------------------------------------
-- Cycles and the conversation on the ticket
--
-- Every ticket is in its first resolution cycle, owes no reply (replies
-- are owed from messages, which 0.6 brings) and has no update clock until
-- its plan sets an update target.
------------------------------------------------------------------------------

ALTER TABLE ticket_sla.tickets
	ADD COLUMN cycle integer NOT NULL DEFAULT 1 CHECK (cycle > 0),
	ADD COLUMN reopened_at timestamptz,
	ADD COLUMN awaiting_reply_since timestamptz,
	ADD COLUMN reply_cycle integer NOT NULL DEFAULT 0,
	ADD COLUMN reply_due timestamptz,
	ADD COLUMN last_agent_message_at timestamptz,
	ADD COLUMN update_from timestamptz,
	ADD COLUMN update_cycle integer NOT NULL DEFAULT 0,
	ADD COLUMN update_due timestamptz;

COMMENT ON COLUMN ticket_sla.tickets.cycle IS
'The resolution cycle: 1, and one more at each reopening, which re-arms the resolution''s warning and breach (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.reopened_at IS
'When the ticket was last reopened; NULL if never (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.awaiting_reply_since IS
'Since when the customer waits for a reply: their first message after the last answer, or the reopening; NULL when no reply is owed (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.reply_cycle IS
'How many times the reply clock was armed (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.reply_due IS
'When the reply owed is due; NULL when none is owed or the plan sets no reply target (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.last_agent_message_at IS
'When an agent last wrote to the customer (a public agent message) (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.update_from IS
'Since when the update clock counts: the clock start, the last public agent message, or the last time the resolution clock started again; NULL while it does not run (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.update_cycle IS
'How many times the update clock started (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.update_due IS
'When the customer must next hear from an agent; NULL while the resolution clock does not run or the plan sets no update target (0.6)';

ALTER TABLE ticket_sla.clock_segments ADD COLUMN cycle integer CHECK (cycle > 0);

COMMENT ON COLUMN ticket_sla.clock_segments.cycle IS 'The cycle of the clock: 1 for the response, the resolution cycle, the reply or update clock''s count; NULL for stretches recorded before 0.6';

-- The cycles a ticket's clocks have finished (0.6).  The first response
-- has one, on the ticket; the resolution clock starts a cycle at each
-- reopening, the reply clock at each customer message that finds no reply
-- owed, the update clock at each public agent message and each time the
-- resolution clock starts again.  The current cycle of each is on the
-- ticket; a finished one is a row here, with its outcome.
CREATE TABLE ticket_sla.target_cycles (
	ticket_id bigint NOT NULL REFERENCES ticket_sla.tickets ON DELETE CASCADE,
	target ticket_sla.sla_clock NOT NULL CHECK (target <> 'response'),
	cycle integer NOT NULL CHECK (cycle > 0),
	started_at timestamptz NOT NULL,
	due_at timestamptz,
	ended_at timestamptz NOT NULL CHECK (ended_at >= started_at),
	ended_by text NOT NULL CHECK (ended_by IN ('answer', 'update', 'resolution', 'pause')),
	met boolean,
	due_manual boolean NOT NULL,
	severity ticket_sla.severity NOT NULL,
	terms_id integer NOT NULL REFERENCES ticket_sla.contract_terms,
	PRIMARY KEY (ticket_id, target, cycle)
);

COMMENT ON TABLE ticket_sla.target_cycles IS
'The finished cycles of every ticket''s resolution, reply and update clocks, with their outcome, written by the trigger record_segments (0.6)';
COMMENT ON COLUMN ticket_sla.target_cycles.due_at IS 'Its deadline when it ended; NULL when the plan set no such target';
COMMENT ON COLUMN ticket_sla.target_cycles.ended_by IS
'What ended it: an answer (reply clock), an update (a public agent message, update clock), the resolution, or a pause of the resolution clock (update clock)';
COMMENT ON COLUMN ticket_sla.target_cycles.met IS
'Whether its target was met: true in time, false late; NULL without a target, or for an update cycle that a pause or the resolution ended before it was due';
COMMENT ON COLUMN ticket_sla.target_cycles.due_manual IS
'Whether its due date was set by hand (ticket_sla.set_due): the reports count it apart';

-- SECURITY DEFINER because nobody writes clock_segments or target_cycles
-- directly
CREATE OR REPLACE FUNCTION ticket_sla.record_segments()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	since timestamptz := greatest(OLD.changed_at, OLD.clock_start);
	changed boolean := NEW.changed_at <> OLD.changed_at;
	resolved boolean := OLD.resolved_at IS NULL AND NEW.resolved_at IS NOT NULL;
	paused boolean;
	reply_end timestamptz;
	update_end timestamptz;
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.record_segments', TG_RELID,
												'ticket_sla.tickets');
	SELECT st.clock <> 'running' INTO paused FROM ticket_sla.statuses st WHERE st.status = OLD.status;
	-- a reply owed ends with an answer or the resolution; an update
	-- interval with the next public agent message, a pause or the resolution
	IF OLD.awaiting_reply_since IS NOT NULL AND NEW.awaiting_reply_since IS NULL THEN
		reply_end := CASE WHEN resolved THEN NEW.resolved_at ELSE NEW.last_agent_message_at END;
	END IF;
	IF OLD.update_from IS NOT NULL AND NEW.update_from IS DISTINCT FROM OLD.update_from THEN
		update_end := coalesce(NEW.update_from, NEW.changed_at);
	END IF;
	INSERT INTO ticket_sla.clock_segments
	SELECT OLD.ticket_id, s.clock, s.from_at, s.to_at, s.state, s.reason,
		   OLD.severity, OLD.terms_id,
		   ticket_sla.plan_time_between(s.from_at, s.to_at, ct.terms), OLD.support_level, s.cycle
	  FROM (VALUES
			('response'::ticket_sla.sla_clock, since,
			 CASE WHEN OLD.first_response_at IS NULL
				  THEN coalesce(NEW.first_response_at, NEW.changed_at) END,
			 'running', NULL::text, 1),
			('resolution', since, CASE WHEN changed THEN NEW.changed_at END,
			 CASE WHEN paused THEN 'paused' ELSE 'running' END,
			 CASE WHEN paused THEN OLD.status END, OLD.cycle),
			('reply', greatest(OLD.changed_at, OLD.awaiting_reply_since),
			 CASE WHEN OLD.awaiting_reply_since IS NOT NULL
				  THEN coalesce(reply_end, CASE WHEN changed THEN NEW.changed_at END) END,
			 'running', NULL, OLD.reply_cycle),
			('update', greatest(OLD.changed_at, OLD.update_from),
			 CASE WHEN OLD.update_from IS NOT NULL
				  THEN coalesce(update_end, CASE WHEN changed THEN NEW.changed_at END) END,
			 'running', NULL, OLD.update_cycle)
		   ) AS s (clock, from_at, to_at, state, reason, cycle)
	  JOIN ticket_sla.contract_terms ct ON ct.terms_id = OLD.terms_id
	 WHERE s.to_at > s.from_at;
	INSERT INTO ticket_sla.target_cycles
	SELECT OLD.ticket_id, c.target, c.cycle, c.started_at, c.due_at, c.ended_at, c.ended_by,
		   CASE WHEN c.ended_at > c.due_at THEN false
				WHEN c.target = 'update' AND c.ended_by <> 'update' THEN NULL
				ELSE c.ended_at <= c.due_at END,
		   c.due_manual, OLD.severity, OLD.terms_id
	  FROM (VALUES
			('resolution'::ticket_sla.sla_clock, OLD.cycle, coalesce(OLD.reopened_at, OLD.clock_start),
			 OLD.resolution_due,
			 CASE WHEN NEW.cycle <> OLD.cycle THEN OLD.resolved_at END, 'resolution',
			 OLD.resolution_due_set IS NOT NULL),
			('reply', OLD.reply_cycle, OLD.awaiting_reply_since, OLD.reply_due, reply_end,
			 CASE WHEN resolved THEN 'resolution' ELSE 'answer' END, false),
			('update', OLD.update_cycle, OLD.update_from, OLD.update_due, update_end,
			 CASE WHEN resolved THEN 'resolution'
				  WHEN NEW.update_from IS NULL THEN 'pause' ELSE 'update' END, false)
		   ) AS c (target, cycle, started_at, due_at, ended_at, ended_by, due_manual)
	 WHERE c.ended_at IS NOT NULL;
	RETURN NULL;
END
$$;

COMMENT ON FUNCTION ticket_sla.record_segments() IS
'Trigger of tickets: writes the stretches of its clocks that a change, the first response or a message ends into clock_segments, and the cycles that end into target_cycles';
REVOKE EXECUTE ON FUNCTION ticket_sla.record_segments() FROM PUBLIC;

DROP TRIGGER record_segments ON ticket_sla.tickets;
CREATE TRIGGER record_segments
AFTER UPDATE ON ticket_sla.tickets
FOR EACH ROW
WHEN (OLD.changed_at IS DISTINCT FROM NEW.changed_at
	  OR OLD.first_response_at IS DISTINCT FROM NEW.first_response_at
	  OR (OLD.awaiting_reply_since IS NOT NULL
		  AND OLD.awaiting_reply_since IS DISTINCT FROM NEW.awaiting_reply_since)
	  OR (OLD.update_from IS NOT NULL AND OLD.update_from IS DISTINCT FROM NEW.update_from))
EXECUTE FUNCTION ticket_sla.record_segments();

CREATE VIEW ticket_sla.clock_ledger WITH (security_invoker = true) AS
SELECT t.ticket_id, t.case_number, s.clock, s.from_at, s.to_at, s.state, s.reason,
	   s.severity, s.business_time, extract(epoch FROM s.business_time) AS business_time_seconds,
	   s.to_at - s.from_at AS elapsed, extract(epoch FROM s.to_at - s.from_at) AS elapsed_seconds,
	   s.support_level, s.cycle
FROM ticket_sla.clock_segments s
JOIN ticket_sla.tickets t ON t.ticket_id = s.ticket_id
UNION ALL
SELECT t.ticket_id, t.case_number, o.clock, o.from_at, NULL, o.state, o.reason,
	   t.severity, so_far.business_time, extract(epoch FROM so_far.business_time),
	   so_far.elapsed, extract(epoch FROM so_far.elapsed), t.support_level, o.cycle
FROM ticket_sla.tickets t
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
JOIN ticket_sla.statuses st ON st.status = t.status
CROSS JOIN LATERAL (VALUES
	('response'::ticket_sla.sla_clock, t.first_response_at IS NULL,
	 greatest(t.changed_at, t.clock_start), 'running', NULL::text, 1),
	('resolution', t.resolved_at IS NULL,
	 greatest(t.changed_at, t.clock_start),
	 CASE WHEN st.clock OPERATOR(pg_catalog.<>) 'running' THEN 'paused' ELSE 'running' END,
	 CASE WHEN st.clock OPERATOR(pg_catalog.<>) 'running' THEN t.status END, t.cycle),
	('reply', t.awaiting_reply_since IS NOT NULL,
	 greatest(t.changed_at, t.awaiting_reply_since), 'running', NULL, t.reply_cycle),
	('update', t.update_from IS NOT NULL,
	 greatest(t.changed_at, t.update_from), 'running', NULL, t.update_cycle)
) AS o (clock, open, from_at, state, reason, cycle)
CROSS JOIN LATERAL (SELECT ticket_sla.plan_time_between(o.from_at, greatest(now(), o.from_at), ct.terms),
						   greatest(now(), o.from_at) - o.from_at) AS so_far (business_time, elapsed)
WHERE o.open;

COMMENT ON VIEW ticket_sla.clock_ledger IS
'Every stretch of every ticket''s clocks (response, resolution, reply, update): the finished ones of clock_segments and those still running (to_at NULL, times so far), with the cycle of their clock';
COMMENT ON COLUMN ticket_sla.clock_ledger.business_time_seconds IS
'business_time in seconds (numeric, to the microsecond), for tools that cannot chart an interval';
COMMENT ON COLUMN ticket_sla.clock_ledger.elapsed_seconds IS
'elapsed in seconds (numeric, to the microsecond), for tools that cannot chart an interval';

------------------------------------------------------------------------------
-- The conversation (0.6)
--
-- ticket_sla.messages holds what is said on each ticket: by the customer,
-- an agent or the system (an automatic acknowledgement), public or an
-- internal note, and for a public agent message whether it is a qualified
-- answer.  The trigger record_message keeps the ticket's clocks from it:
--   - the first public agent message that answers is the first response
--     (first_response_at, unless the application set it itself);
--   - after the first response, a customer message that finds no reply
--     owed arms the reply clock (awaiting_reply_since), which the next
--     answer stops (the resolution answers too, and a reopening arms it);
--   - every public agent message keeps the customer informed: the update
--     clock counts again from it (last_agent_message_at).
-- An agent message answers when it is public and, under a plan that says
-- "response means qualified answer", marked qualified.  System messages and
-- internal notes answer nobody and inform nobody.
--
-- Messages are recorded in the order they were sent: one dated before the
-- ticket was opened, more than a minute before the conversation's last
-- turn, or in the future is refused; one dated less than a minute before
-- the last turn (two recorded at once) counts at that turn.  Nobody
-- changes or deletes a message (deleting a ticket deletes its messages),
-- and who recorded it is the role that inserted it.
------------------------------------------------------------------------------

CREATE TYPE ticket_sla.message_author AS ENUM ('customer', 'agent', 'system');

COMMENT ON TYPE ticket_sla.message_author IS
'Who wrote a message: the customer, an agent, or the system (an automatic acknowledgement, which answers nobody)';

CREATE TABLE ticket_sla.messages (
	message_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	ticket_id bigint NOT NULL REFERENCES ticket_sla.tickets ON DELETE CASCADE,
	author ticket_sla.message_author NOT NULL,
	public boolean NOT NULL DEFAULT true,
	qualified boolean NOT NULL DEFAULT false,
	sent_at timestamptz NOT NULL DEFAULT now(),
	recorded_by name NOT NULL DEFAULT CURRENT_USER,
	body text,
	CONSTRAINT customers_write_publicly CHECK (public OR author <> 'customer'),
	CONSTRAINT agents_answer_publicly CHECK (NOT qualified OR (author = 'agent' AND public))
);

CREATE INDEX messages_ticket ON ticket_sla.messages (ticket_id, sent_at);

COMMENT ON TABLE ticket_sla.messages IS
'What is said on each ticket, append-only; the trigger record_message keeps the ticket''s first response, reply and update clocks from it (0.6)';
COMMENT ON COLUMN ticket_sla.messages.public IS 'Seen by the customer; false for an internal note';
COMMENT ON COLUMN ticket_sla.messages.qualified IS
'A qualified answer, not a holding reply: what alone answers under a plan that says "response means qualified answer"';
COMMENT ON COLUMN ticket_sla.messages.sent_at IS 'When it was sent: not before the ticket was opened or the conversation''s last turn, nor in the future';
COMMENT ON COLUMN ticket_sla.messages.recorded_by IS 'The role that recorded it';

-- recorded_by is the role that inserts the message.  Its column privilege
-- alone does not hold it: a default on the writer's own view over
-- messages fills the column without the statement naming it.  A trigger of
-- the writer's rights (not SECURITY DEFINER: current_user is the writer)
-- refuses any other name.
CREATE FUNCTION ticket_sla.check_message_writer()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.check_message_writer', TG_RELID,
												'ticket_sla.messages');
	IF NEW.recorded_by IS DISTINCT FROM current_user THEN
		RAISE EXCEPTION 'a message cannot be recorded as %: % records it', NEW.recorded_by, current_user
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'recorded_by is always the role that inserts the message.';
	END IF;
	RETURN NEW;
END
$$;

COMMENT ON FUNCTION ticket_sla.check_message_writer() IS
'Trigger of messages: refuses a recorded_by other than the role that inserts the message';
REVOKE EXECUTE ON FUNCTION ticket_sla.check_message_writer() FROM PUBLIC;

CREATE TRIGGER recorded_by
BEFORE INSERT ON ticket_sla.messages
FOR EACH ROW EXECUTE FUNCTION ticket_sla.check_message_writer();

-- SECURITY DEFINER because the clocks it keeps are nobody else's to write.
-- An AFTER trigger: the row-level security of messages (and the foreign
-- key) have accepted the message before it reads the ticket.
CREATE FUNCTION ticket_sla.record_message()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	t record;
	answers boolean;
	last_turn timestamptz;
	at timestamptz;
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.record_message', TG_RELID,
												'ticket_sla.messages');
	SELECT tk.case_number, tk.opened_at, tk.resolved_at, tk.first_response_at,
		   tk.awaiting_reply_since, tk.last_agent_message_at, tk.terms_id
	  INTO t
	  FROM ticket_sla.tickets tk
	 WHERE tk.ticket_id = NEW.ticket_id
	   FOR NO KEY UPDATE;
	IF NEW.sent_at > greatest(statement_timestamp(), transaction_timestamp()) + interval '1 minute' THEN
		RAISE EXCEPTION 'message of case % sent at % is in the future', t.case_number, NEW.sent_at
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'An instant given for a ticket may lie at most one minute after the statement''s start.',
				  HINT = 'Give the instant it was sent; now() is always accepted.';
	END IF;
	IF NEW.sent_at < t.opened_at THEN
		RAISE EXCEPTION 'message of case % sent at % is before the ticket was opened (%)',
			t.case_number, NEW.sent_at, t.opened_at
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- two messages recorded at once (each dated by its own transaction's
	-- start) may commit in the other order: within a minute, a message
	-- counts at the last turn
	last_turn := greatest(t.awaiting_reply_since, t.last_agent_message_at);
	IF NEW.sent_at < last_turn - interval '1 minute' THEN
		RAISE EXCEPTION 'message of case % sent at % is before the conversation''s last turn at %',
			t.case_number, NEW.sent_at, last_turn
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Messages are recorded in the order they were sent.';
	END IF;
	at := greatest(NEW.sent_at, last_turn);
	-- the plan is read only for a public agent message not marked qualified
	answers := NEW.author = 'agent' AND NEW.public
		AND (NEW.qualified OR NOT (SELECT ticket_sla.qualified_responses(ct.terms)
									 FROM ticket_sla.contract_terms ct
									WHERE ct.terms_id = t.terms_id));
	IF NEW.author = 'agent' AND NEW.public THEN
		UPDATE ticket_sla.tickets
		   SET first_response_at = CASE WHEN answers THEN coalesce(first_response_at, at)
										ELSE first_response_at END,
			   awaiting_reply_since = CASE WHEN answers THEN NULL ELSE awaiting_reply_since END,
			   last_agent_message_at = at
		 WHERE ticket_id = NEW.ticket_id;
	ELSIF NEW.author = 'customer' AND t.first_response_at IS NOT NULL
		  AND t.awaiting_reply_since IS NULL AND t.resolved_at IS NULL THEN
		UPDATE ticket_sla.tickets SET awaiting_reply_since = at
		 WHERE ticket_id = NEW.ticket_id;
	END IF;
	RETURN NULL;
END
$$;

COMMENT ON FUNCTION ticket_sla.record_message() IS
'Trigger of messages: checks when a message was sent and keeps its ticket''s first response, reply clock (awaiting_reply_since) and update clock (last_agent_message_at) from it';
REVOKE EXECUTE ON FUNCTION ticket_sla.record_message() FROM PUBLIC;

CREATE TRIGGER record_message
AFTER INSERT ON ticket_sla.messages
FOR EACH ROW EXECUTE FUNCTION ticket_sla.record_message();

------------------------------------------------------------------------------
-- Privileges, row-level security and dumps of what 0.6 adds
------------------------------------------------------------------------------

-- Messages are appended, never changed; who recorded one is the role that
-- inserted it (recorded_by keeps its default)
GRANT INSERT (ticket_id, author, public, qualified, sent_at, body)
	ON ticket_sla.messages TO ticket_sla_agent, ticket_sla_admin;
GRANT SELECT ON ticket_sla.messages, ticket_sla.target_cycles
	TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
GRANT SELECT ON ticket_sla.clock_ledger TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;

-- Messages and the cycles of a ticket's clocks are seen, and messages
-- written, by those who see the ticket (0.6)
ALTER TABLE ticket_sla.messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_sla.target_cycles ENABLE ROW LEVEL SECURITY;
CREATE POLICY with_its_ticket ON ticket_sla.messages FOR SELECT
	USING (EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = messages.ticket_id));
CREATE POLICY on_its_ticket ON ticket_sla.messages FOR INSERT
	WITH CHECK (EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = messages.ticket_id));
CREATE POLICY with_its_ticket ON ticket_sla.target_cycles FOR SELECT
	USING (EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = target_cycles.ticket_id));
COMMENT ON POLICY with_its_ticket ON ticket_sla.messages IS 'The messages of a ticket are visible to those who see the ticket';
COMMENT ON POLICY on_its_ticket ON ticket_sla.messages IS 'A message is written only on a ticket its writer sees: a confidential one by the cleared';
COMMENT ON POLICY with_its_ticket ON ticket_sla.target_cycles IS 'The cycles of a ticket''s clocks are visible to those who see the ticket';


------------------------------------------------------------------------------
-- 0.6: due dates set by hand (set_due, clear_due, due_changes)
--
-- Two columns at the end of tickets (NULL: no ticket has a due date set by
-- hand before), the table due_changes and the functions, the reports
-- counting such targets apart (new columns at the end of sla_status,
-- breaches, ticket_outcomes and compliance; quarterly_report returns two
-- more columns, so it is dropped and created again), the roles' rights and
-- row-level security, and the marks for pg_dump, last.
------------------------------------------------------------------------------

ALTER TABLE ticket_sla.tickets
	ADD COLUMN response_due_set timestamptz,
	ADD COLUMN resolution_due_set timestamptz;
COMMENT ON COLUMN ticket_sla.tickets.response_due_set IS
'The response due date set by hand (ticket_sla.set_due), stamped into response_due whatever the terms say; NULL when none';
COMMENT ON COLUMN ticket_sla.tickets.resolution_due_set IS
'The resolution due date set by hand (ticket_sla.set_due), stamped into resolution_due whatever the terms say or the pauses; NULL when none';

------------------------------------------------------------------------------
-- Due dates set by hand
--
-- An admin sets a ticket's response or resolution due date by hand, with a
-- reason, and clears it again (set_due, clear_due; EXECUTE for
-- ticket_sla_admin and whom a DBA grants it).  The ticket keeps the due
-- date in response_due_set or resolution_due_set, and the trigger stamps it
-- into response_due or resolution_due whenever it stamps the deadlines: a
-- change of severity, request type, support level or terms, a pause and
-- its end, a reopening leave it exactly as set.  Clearing it re-stamps the
-- deadline the terms give, moved on by the paused time as usual.
--
-- Every set and clear is a row of due_changes: the ticket, the target, the
-- deadline before and after, why, who (current_user and session_user as
-- the call saw them) and when (the transaction's time).  The two functions
-- run as their caller, who must see the ticket (row-level security), and
-- then call record_due_change as the extension's owner (in C, the way the
-- trigger takes a premium request): no role may execute it, nobody writes
-- due_changes directly, and the trigger refuses the override columns to any
-- other writer (42501).
------------------------------------------------------------------------------

CREATE TABLE ticket_sla.due_changes (
	change_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	ticket_id bigint NOT NULL REFERENCES ticket_sla.tickets ON DELETE CASCADE,
	target ticket_sla.sla_clock NOT NULL,
	action text NOT NULL CHECK (action IN ('set', 'clear')),
	due_before timestamptz,
	due_after timestamptz,
	reason text NOT NULL CHECK (btrim(reason) <> ''),
	changed_by name NOT NULL,
	session_user_name name NOT NULL,
	changed_at timestamptz NOT NULL
);

CREATE INDEX due_changes_ticket ON ticket_sla.due_changes (ticket_id, target, change_id);

COMMENT ON TABLE ticket_sla.due_changes IS
'Every due date set or cleared by hand (ticket_sla.set_due, clear_due), never changed: which target of which ticket, the deadline before and after, why, by whom and when';
COMMENT ON COLUMN ticket_sla.due_changes.action IS 'set (the due date given) or clear (back to the deadline of the terms)';
COMMENT ON COLUMN ticket_sla.due_changes.due_before IS 'The target''s deadline stamped before the change';
COMMENT ON COLUMN ticket_sla.due_changes.due_after IS 'The target''s deadline stamped after it: the due date set, or the terms'' deadline again';
COMMENT ON COLUMN ticket_sla.due_changes.changed_by IS 'current_user as the call of set_due or clear_due saw it';
COMMENT ON COLUMN ticket_sla.due_changes.session_user_name IS 'session_user as the call saw it: who logged in';
COMMENT ON COLUMN ticket_sla.due_changes.changed_at IS 'The time of the transaction that made the change';
COMMENT ON INDEX ticket_sla.due_changes_ticket IS
'The due changes of a ticket''s target, in order: the last one says who set the current due date and why';

-- Run as the extension's owner by set_due and clear_due (C), which pass
-- who called; no role may execute it.  The ticket is locked first, so that
-- the rules are checked on the row that is then written.
CREATE FUNCTION ticket_sla.record_due_change(action text, ticket bigint, target ticket_sla.sla_clock,
	new_due timestamptz, reason text, changed_by name, session_user_name name)
RETURNS timestamptz
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	done text := CASE action WHEN 'set' THEN 'set' ELSE 'cleared' END;
	t record;
	after timestamptz;
BEGIN
	IF ticket IS NULL OR target IS NULL THEN
		RAISE EXCEPTION 'a due date is % for a ticket and a target, not NULL', done
			USING ERRCODE = 'null_value_not_allowed',
				  HINT = 'The targets are response and resolution.';
	END IF;
	IF target NOT IN ('response', 'resolution') THEN
		RAISE EXCEPTION 'the % target has no due date set by hand', target
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'The targets are response and resolution; a reply or an update falls due from the conversation.';
	END IF;
	IF action = 'set' AND new_due IS NULL THEN
		RAISE EXCEPTION 'the % due date of ticket % cannot be set to NULL', target, ticket
			USING ERRCODE = 'null_value_not_allowed',
				  HINT = 'ticket_sla.clear_due(ticket, target, reason) gives the target back the deadline of its terms.';
	END IF;
	IF reason IS NULL OR btrim(reason) = '' THEN
		RAISE EXCEPTION 'a due date is % only with a reason', done
			USING ERRCODE = CASE WHEN reason IS NULL THEN 'null_value_not_allowed' ELSE 'invalid_parameter_value' END,
				  HINT = 'Say why, in words: it is recorded in ticket_sla.due_changes.';
	END IF;
	SELECT tk.case_number, tk.opened_at,
		   CASE target WHEN 'response' THEN tk.response_due_set ELSE tk.resolution_due_set END AS set_due,
		   CASE target WHEN 'response' THEN tk.response_due ELSE tk.resolution_due END AS due,
		   CASE target WHEN 'response' THEN tk.first_response_at ELSE tk.resolved_at END AS settled_at
	  INTO t
	  FROM ticket_sla.tickets tk
	 WHERE tk.ticket_id = ticket
	   FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'ticket % does not exist', ticket USING ERRCODE = 'no_data_found';
	END IF;
	IF t.settled_at IS NOT NULL THEN
		RAISE EXCEPTION 'the % target of case % is settled (% at %): its due date cannot be %',
			target, t.case_number,
			CASE target WHEN 'response' THEN 'first response' ELSE 'resolved' END,
			t.settled_at, done
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = CASE target WHEN 'response' THEN 'A met or missed response stays as it was measured.'
							 ELSE 'Reopen the ticket first (status ''in progress'').' END;
	END IF;
	IF action = 'set' AND NOT isfinite(new_due) THEN
		RAISE EXCEPTION 'the % due date of case % cannot be %', target, t.case_number, new_due
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give the instant it falls due; a target without a deadline is the terms'' to say.';
	END IF;
	IF action = 'set' AND new_due < t.opened_at THEN
		RAISE EXCEPTION 'the % due date % of case % is before the ticket was opened (%)',
			target, new_due, t.case_number, t.opened_at
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF action = 'clear' AND t.set_due IS NULL THEN
		RAISE EXCEPTION 'the % due date of case % was not set by hand: there is nothing to clear',
			target, t.case_number
			USING ERRCODE = 'object_not_in_prerequisite_state';
	END IF;
	UPDATE ticket_sla.tickets tk
	   SET response_due_set = CASE target WHEN 'response' THEN new_due ELSE tk.response_due_set END,
		   resolution_due_set = CASE target WHEN 'resolution' THEN new_due ELSE tk.resolution_due_set END
	 WHERE tk.ticket_id = ticket
	RETURNING CASE target WHEN 'response' THEN tk.response_due ELSE tk.resolution_due END INTO after;
	INSERT INTO ticket_sla.due_changes (ticket_id, target, action, due_before, due_after, reason,
										changed_by, session_user_name, changed_at)
	VALUES (ticket, target, action, t.due, after, reason, changed_by, session_user_name, now());
	RETURN after;
END
$$;

COMMENT ON FUNCTION ticket_sla.record_due_change(text, bigint, ticket_sla.sla_clock, timestamptz, text, name, name) IS
'What set_due and clear_due do as the extension''s owner: checks the rules, writes the override and its row of due_changes; executable by no role';
REVOKE EXECUTE ON FUNCTION ticket_sla.record_due_change(text, bigint, ticket_sla.sla_clock, timestamptz, text, name, name) FROM PUBLIC;

CREATE FUNCTION ticket_sla.set_due(ticket_id bigint, target ticket_sla.sla_clock, due timestamptz, reason text)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'set_due'
LANGUAGE C;

COMMENT ON FUNCTION ticket_sla.set_due(bigint, ticket_sla.sla_clock, timestamptz, text) IS
'Sets the response or resolution due date of a ticket by hand, for REASON: it sticks through changes of severity, kind and terms and through pauses until cleared; recorded in due_changes; returns the deadline stamped';

CREATE FUNCTION ticket_sla.clear_due(ticket_id bigint, target ticket_sla.sla_clock, reason text)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'clear_due'
LANGUAGE C;

COMMENT ON FUNCTION ticket_sla.clear_due(bigint, ticket_sla.sla_clock, text) IS
'Clears a due date set by hand, for REASON: the target is due again when its terms say, with the paused time; recorded in due_changes; returns the deadline stamped';

-- Seconds next to every interval (issue 19 section 2): BI tools cannot
-- chart an interval, so every interval column of the views has a numeric
-- twin, <column>_seconds, right after it.  clock_ledger (above), breaches
-- and current_outcomes are new in this script and made with their twins;
-- sla_status and ticket_outcomes are dropped and made again (CREATE OR
-- REPLACE VIEW adds columns only at the end), in the order they depend on
-- each other, with their grants: ticket_outcomes after compliance, which
-- read it in 0.5, has moved to current_outcomes.
DROP VIEW ticket_sla.sla_status;
CREATE VIEW ticket_sla.sla_status WITH (security_invoker = true) AS
SELECT t.ticket_id, t.case_number, t.customer_id, cu.organisation,
	   co.name AS contract, t.severity, t.tier, t.status, t.opened_at, t.clock_start,
	   t.response_due, r.remaining AS response_remaining,
	   extract(epoch FROM r.remaining) AS response_remaining_seconds,
	   round((r.share OPERATOR(pg_catalog.*) 100)::numeric, 1) AS response_used_pct, r.state AS response_state,
	   t.resolution_due, z.remaining AS resolution_remaining,
	   extract(epoch FROM z.remaining) AS resolution_remaining_seconds,
	   round((z.share OPERATOR(pg_catalog.*) 100)::numeric, 1) AS resolution_used_pct, z.state AS resolution_state,
	   t.paused_since IS NOT NULL AS paused,
	   CASE WHEN 'breached' IN (r.state, z.state, y.state, u.state) THEN 'breached'
			WHEN 'at risk' IN (r.state, z.state, y.state, u.state) THEN 'at risk'
			WHEN coalesce(r.state, z.state, y.state, u.state) IS NOT NULL THEN 'on track'
	   END AS state,
	   t.escalation_level, t.next_escalation_at,
	   t.response_due_set IS NOT NULL AS response_due_manual,
	   t.resolution_due_set IS NOT NULL AS resolution_due_manual,
	   t.reply_due, y.remaining AS reply_remaining,
	   extract(epoch FROM y.remaining) AS reply_remaining_seconds, y.state AS reply_state,
	   t.update_due, u.remaining AS update_remaining,
	   extract(epoch FROM u.remaining) AS update_remaining_seconds, u.state AS update_state
FROM ticket_sla.tickets t
JOIN ticket_sla.customers cu ON cu.customer_id = t.customer_id
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
JOIN ticket_sla.contracts co ON co.contract_id = ct.contract_id
CROSS JOIN LATERAL ticket_sla.terms_for(ct.terms, t.request_type, t.tier, t.support_level) AS held (terms)
CROSS JOIN LATERAL ticket_sla.response_progress(t.clock_start, t.severity, held.terms,
	coalesce(t.first_response_at, now()), t.first_response_at IS NOT NULL) r
CROSS JOIN LATERAL ticket_sla.resolution_progress(t.clock_start, t.severity, held.terms,
	t.paused_business, t.paused_elapsed, coalesce(t.paused_since, now()), false) z
CROSS JOIN LATERAL ticket_sla.reply_progress(t.awaiting_reply_since, t.severity, held.terms, now(), false) y
CROSS JOIN LATERAL ticket_sla.update_progress(t.update_from, t.severity, held.terms, now(), false) u
WHERE t.resolved_at IS NULL;

COMMENT ON VIEW ticket_sla.sla_status IS
'Every open ticket: per target the time remaining on its clock (negative when missed), the share used and its state (met, on track, at risk, breached); the ticket''s worst state; the next escalation; whether each due date was set by hand (due_changes says by whom and why); the reply owed and the next update (0.6)';
COMMENT ON COLUMN ticket_sla.sla_status.response_remaining_seconds IS
'response_remaining in seconds (numeric, to the microsecond; negative when missed), for tools that cannot chart an interval';
COMMENT ON COLUMN ticket_sla.sla_status.resolution_remaining_seconds IS
'resolution_remaining in seconds (numeric, to the microsecond; negative when missed), for tools that cannot chart an interval';
COMMENT ON COLUMN ticket_sla.sla_status.reply_remaining_seconds IS
'reply_remaining in seconds (numeric, to the microsecond; negative when missed), for tools that cannot chart an interval';
COMMENT ON COLUMN ticket_sla.sla_status.update_remaining_seconds IS
'update_remaining in seconds (numeric, to the microsecond; negative when missed), for tools that cannot chart an interval';

GRANT SELECT ON ticket_sla.sla_status TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;

CREATE VIEW ticket_sla.breaches WITH (security_invoker = true) AS
SELECT t.ticket_id, t.case_number, t.customer_id, cu.organisation,
	   co.name AS contract, t.severity, b.target, b.due, b.met_at,
	   late.business AS late_business, extract(epoch FROM late.business) AS late_business_seconds,
	   late.clock AS late_clock, extract(epoch FROM late.clock) AS late_clock_seconds,
	   b.manual AS due_manual, b.cycle
FROM ticket_sla.tickets t
JOIN ticket_sla.customers cu ON cu.customer_id = t.customer_id
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
JOIN ticket_sla.contracts co ON co.contract_id = ct.contract_id
CROSS JOIN LATERAL (
	VALUES
	('response'::ticket_sla.sla_clock, t.response_due, t.first_response_at,
	 coalesce(t.first_response_at, now()), t.response_due_set IS NOT NULL, 1),
	('resolution', t.resolution_due, t.resolved_at,
	 coalesce(t.resolved_at, t.paused_since, now()), t.resolution_due_set IS NOT NULL, t.cycle),
	('reply', t.reply_due, NULL, now(), false, t.reply_cycle),
	('update', t.update_due, NULL, now(), false, t.update_cycle)
	UNION ALL
	SELECT c.target, c.due_at, c.ended_at, c.ended_at, c.due_manual, c.cycle
	FROM ticket_sla.target_cycles c
	WHERE c.ticket_id = t.ticket_id AND NOT c.met
) AS b (target, due, met_at, reading, manual, cycle)
CROSS JOIN LATERAL (SELECT ticket_sla.plan_time_between(b.due, b.reading, ct.terms), b.reading - b.due)
	AS late (business, clock)
WHERE b.reading > b.due;

COMMENT ON VIEW ticket_sla.breaches IS
'Every missed target, answered late or still open (met_at NULL): how late, in business time under the plan''s hours and in clock time (so far, for an open one); whether its due date was set by hand; the cycle of its clock, finished cycles (target_cycles) included (0.6)';
COMMENT ON COLUMN ticket_sla.breaches.late_business_seconds IS
'late_business in seconds (numeric, to the microsecond), for tools that cannot chart an interval';
COMMENT ON COLUMN ticket_sla.breaches.late_clock_seconds IS
'late_clock in seconds (numeric, to the microsecond), for tools that cannot chart an interval';

GRANT SELECT ON ticket_sla.breaches TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;

CREATE VIEW ticket_sla.current_outcomes WITH (security_invoker = true) AS
SELECT t.ticket_id, t.case_number, t.customer_id, ct.contract_id, t.severity,
	   t.opened_at, t.summary, t.status,
	   (t.response_due_set IS NULL AND t.response_met IS TRUE)::integer AS response_met,
	   (t.response_due_set IS NULL
		AND coalesce(t.response_due < coalesce(t.first_response_at, now()), false))::integer
		   AS response_breached,
	   (t.resolution_due_set IS NULL AND t.resolution_met IS TRUE)::integer AS resolution_met,
	   (t.resolution_due_set IS NULL
		AND coalesce(t.resolution_due < coalesce(t.resolved_at, t.paused_since, now()), false))::integer
		   AS resolution_breached,
	   first.response_time, extract(epoch FROM first.response_time) AS response_time_seconds,
	   (t.response_due_set IS NOT NULL)::integer AS response_manual,
	   (t.resolution_due_set IS NOT NULL)::integer AS resolution_manual,
	   coalesce(t.reply_due < now(), false)::integer AS reply_breached,
	   coalesce(t.update_due < now(), false)::integer AS update_breached
FROM ticket_sla.tickets t
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
CROSS JOIN LATERAL (SELECT CASE WHEN t.first_response_at IS NOT NULL
							   THEN ticket_sla.plan_time_between(t.clock_start,
									   greatest(t.first_response_at, t.clock_start), ct.terms)
						  END) AS first (response_time);

COMMENT ON VIEW ticket_sla.current_outcomes IS
'Every ticket with its targets met and missed in its current cycles (0 or 1 each; an open one is missed once past due; a target whose due date was set by hand is neither, but manual) and the business time to its first response under the plan''s hours (0.6)';
COMMENT ON COLUMN ticket_sla.current_outcomes.response_time_seconds IS
'response_time in seconds (numeric, to the microsecond; NULL before the first response), for tools that cannot chart an interval';

GRANT SELECT ON ticket_sla.current_outcomes TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;

-- compliance reads the report rollups (see "Report rollups" at the end);
-- 0.5's, which read ticket_outcomes, goes first
DROP VIEW ticket_sla.compliance;

-- What each ticket counts for in the reports: its targets met and missed
-- (0 or 1 each; an open one is missed once past due) and the business time
-- to its first response.  The reports below aggregate it.  A target whose
-- due date was set by hand (0.6) counts apart: neither met nor missed, but
-- manual.  Dropped and made again, with response_time_seconds, once
-- compliance no longer reads it (see "Seconds next to every interval").
DROP VIEW ticket_sla.ticket_outcomes;
CREATE VIEW ticket_sla.ticket_outcomes WITH (security_invoker = true) AS
SELECT o.ticket_id, o.case_number, o.customer_id, o.contract_id, o.severity,
	   o.opened_at, o.summary, o.status, o.response_met, o.response_breached,
	   o.resolution_met, o.resolution_breached, o.response_time, o.response_time_seconds, o.response_manual,
	   o.resolution_manual + c.earlier_resolutions_manual AS resolution_manual,
	   c.replies_met, c.replies_breached + o.reply_breached AS replies_breached,
	   c.updates_met, c.updates_breached + o.update_breached AS updates_breached,
	   c.earlier_resolutions_met, c.earlier_resolutions_breached
FROM ticket_sla.current_outcomes o
CROSS JOIN LATERAL (
	SELECT count(*) FILTER (WHERE f.target = 'reply' AND f.met)::integer AS replies_met,
		   count(*) FILTER (WHERE f.target = 'reply' AND NOT f.met)::integer AS replies_breached,
		   count(*) FILTER (WHERE f.target = 'update' AND f.met)::integer AS updates_met,
		   count(*) FILTER (WHERE f.target = 'update' AND NOT f.met)::integer AS updates_breached,
		   count(*) FILTER (WHERE f.target = 'resolution' AND f.met AND NOT f.due_manual)::integer
			   AS earlier_resolutions_met,
		   count(*) FILTER (WHERE f.target = 'resolution' AND NOT f.met AND NOT f.due_manual)::integer
			   AS earlier_resolutions_breached,
		   count(*) FILTER (WHERE f.target = 'resolution' AND f.due_manual)::integer
			   AS earlier_resolutions_manual
	FROM ticket_sla.target_cycles f
	WHERE f.ticket_id = o.ticket_id
) AS c;

COMMENT ON VIEW ticket_sla.ticket_outcomes IS
'Every ticket with its targets met and missed (0 or 1 each; an open one is missed once past due; a target whose due date was set by hand is neither, but manual) and the business time to its first response under the plan''s hours; the replies and updates met and missed in all cycles, the current one missed once past due, and the resolutions of the cycles before a reopening (0.6)';
COMMENT ON COLUMN ticket_sla.ticket_outcomes.response_time_seconds IS
'response_time in seconds (numeric, to the microsecond; NULL before the first response), for tools that cannot chart an interval';

GRANT SELECT ON ticket_sla.ticket_outcomes TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;

DROP FUNCTION ticket_sla.quarterly_report(integer, text);
CREATE FUNCTION ticket_sla.quarterly_report(customer integer, quarter text)
RETURNS TABLE (section text, severity ticket_sla.severity, case_number text,
			   opened_at timestamptz, summary text, status text,
			   tickets bigint, responses_met bigint, responses_breached bigint,
			   resolutions_met bigint, resolutions_breached bigint,
			   response_time interval, response_time_seconds numeric, escalations bigint,
			   responses_manual bigint, resolutions_manual bigint,
			   replies_met bigint, replies_breached bigint, updates_met bigint, updates_breached bigint,
			   service text, availability_pct numeric, availability_target numeric,
			   minutes_down numeric, minutes_maintenance numeric, months_breached bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	first_day date;
BEGIN
	IF quarter !~ '^\d{4}-Q[1-4]$' THEN
		RAISE EXCEPTION 'quarter "%" is not written YYYY-Qn', quarter
			USING ERRCODE = 'invalid_datetime_format', HINT = 'For example 2026-Q1.';
	END IF;
	first_day := make_date(left(quarter, 4)::integer, 3 * right(quarter, 1)::integer - 2, 1);
	RETURN QUERY
	WITH incident AS (
		SELECT o.*,
			   (SELECT count(*) FROM ticket_sla.escalations e WHERE e.ticket_id = o.ticket_id) AS n_escalations
		  FROM ticket_sla.ticket_outcomes o
		 WHERE o.customer_id = customer
		   AND o.opened_at >= first_day::timestamp AT TIME ZONE 'UTC'
		   AND o.opened_at < (first_day + interval '3 months') AT TIME ZONE 'UTC'
	), changed AS MATERIALIZED (
		SELECT c.day FROM ticket_sla.report_changed_days() c
		 WHERE c.customer_id = customer AND c.day >= first_day AND c.day < first_day + interval '3 months'
	), days AS (
		-- the summary from the rollups: the quarter's days as they are now
		SELECT d.*
		  FROM ticket_sla.report_days d
		 WHERE d.customer_id = customer AND d.day >= first_day AND d.day < first_day + interval '3 months'
		   AND NOT EXISTS (SELECT FROM changed c WHERE c.day = d.day)
		UNION ALL
		SELECT d.*
		  FROM ticket_sla.report_day_rows(ARRAY(SELECT customer FROM changed c ORDER BY c.day),
										  ARRAY(SELECT c.day FROM changed c ORDER BY c.day)) AS d
	), summary AS (
		SELECT d.severity, sum(d.tickets) AS tickets, sum(d.responses_met) AS responses_met,
			   sum(d.responses_breached + ticket_sla.instants_before(d.responses_open, now())) AS responses_breached,
			   sum(d.resolutions_met) AS resolutions_met,
			   sum(d.resolutions_breached + ticket_sla.instants_before(d.resolutions_open, now()))
				   AS resolutions_breached,
			   make_interval(secs => (ticket_sla.sorted_percentiles(
				   ticket_sla.multiset_sum(d.response_times, 1)))[1]) AS median,
			   sum(d.escalations) AS escalations, sum(d.responses_manual) AS responses_manual,
			   sum(d.resolutions_manual) AS resolutions_manual, sum(d.replies_met) AS replies_met,
			   sum(d.replies_breached + ticket_sla.instants_before(d.replies_open, now())) AS replies_breached,
			   sum(d.updates_met) AS updates_met,
			   sum(d.updates_breached + ticket_sla.instants_before(d.updates_open, now())) AS updates_breached
		  FROM days d
		 GROUP BY ROLLUP (d.severity)
	)
	SELECT 'summary', m.severity, NULL, NULL, NULL, NULL,
		   coalesce(m.tickets, 0)::bigint, coalesce(m.responses_met, 0)::bigint,
		   coalesce(m.responses_breached, 0)::bigint, coalesce(m.resolutions_met, 0)::bigint,
		   coalesce(m.resolutions_breached, 0)::bigint, m.median, EXTRACT(epoch FROM m.median),
		   coalesce(m.escalations, 0)::bigint, coalesce(m.responses_manual, 0)::bigint,
		   coalesce(m.resolutions_manual, 0)::bigint, coalesce(m.replies_met, 0)::bigint,
		   coalesce(m.replies_breached, 0)::bigint, coalesce(m.updates_met, 0)::bigint,
		   coalesce(m.updates_breached, 0)::bigint,
		   NULL::text, NULL::numeric, NULL::numeric, NULL::numeric, NULL::numeric, NULL::bigint
	  FROM summary m
	UNION ALL
	SELECT 'incident', i.severity, i.case_number, i.opened_at, i.summary, i.status,
		   1, i.response_met, i.response_breached, i.resolution_met + i.earlier_resolutions_met,
		   i.resolution_breached + i.earlier_resolutions_breached,
		   i.response_time, i.response_time_seconds, i.n_escalations, i.response_manual, i.resolution_manual,
		   i.replies_met, i.replies_breached, i.updates_met, i.updates_breached,
		   NULL, NULL, NULL, NULL, NULL, NULL
	  FROM incident i
	UNION ALL
	-- (0.6) each service's availability over the quarter's months (in the
	-- plan's time zone): the minutes up of the minutes not planned
	-- maintenance, the months breached
	SELECT 'availability', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		   NULL, NULL, NULL, NULL, NULL, NULL, NULL, a.service,
		   trunc(coalesce(100 * (sum(a.minutes) - sum(a.minutes_maintenance) - sum(a.minutes_down))
						  / nullif(sum(a.minutes) - sum(a.minutes_maintenance), 0), 100), 3),
		   (array_agg(a.target_pct ORDER BY a.month DESC))[1], sum(a.minutes_down),
		   sum(a.minutes_maintenance), count(*) FILTER (WHERE NOT a.met)
	  FROM ticket_sla.availability a
	 WHERE a.customer_id = customer AND a.month >= first_day AND a.month < first_day + interval '3 months'
	 GROUP BY a.service
	ORDER BY 1 DESC, 2 NULLS LAST, 4, 3, 21;
END
$$;

COMMENT ON FUNCTION ticket_sla.quarterly_report(integer, text) IS
'The quarterly incident and activity report of CUSTOMER for QUARTER (YYYY-Qn, UTC): a summary row per severity and one for all (severity NULL; response_time the median), then one row per ticket opened in the quarter; targets whose due date was set by hand are counted apart (responses_manual, resolutions_manual), not as met or breached; the replies and updates met and breached, response_time in seconds too, the summary read from the report rollups (0.6); then one availability row per service (0.6): its availability over the quarter''s months, the target of the last, the minutes down and of planned maintenance, the months breached';

GRANT SELECT ON ticket_sla.due_changes
	TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
-- due dates set by hand: the admin, and whom a DBA grants them
REVOKE EXECUTE ON FUNCTION ticket_sla.set_due(bigint, ticket_sla.sla_clock, timestamptz, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ticket_sla.clear_due(bigint, ticket_sla.sla_clock, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ticket_sla.set_due(bigint, ticket_sla.sla_clock, timestamptz, text) TO ticket_sla_admin;
GRANT EXECUTE ON FUNCTION ticket_sla.clear_due(bigint, ticket_sla.sla_clock, text) TO ticket_sla_admin;

ALTER TABLE ticket_sla.due_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY with_its_ticket ON ticket_sla.due_changes FOR SELECT
	USING (EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = due_changes.ticket_id));
COMMENT ON POLICY with_its_ticket ON ticket_sla.due_changes IS 'The due dates set by hand on a ticket are visible to those who see the ticket';

-- The tables of 0.6, in the order the update marks them
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.target_cycles', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.messages', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.messages_message_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.due_changes', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.due_changes_change_id_seq', '');

-- Warnings and breaches that fire exactly once
--
-- process_escalations fires the warnings and breaches of the targets too,
-- logged in target_events, a bounded number per call; the trigger keeps
-- each ticket's cycle, next_event_at and events_fired.  The old signature
-- of process_escalations goes; process_escalations() and
-- process_escalations(at) call the new one.
------------------------------------------------------------------------------

DROP FUNCTION ticket_sla.process_escalations(timestamptz);
DROP INDEX ticket_sla.tickets_escalation;

-- Nothing of 0.5 has fired a warning or breach (stamped below).  The
-- column is filled with the trigger off rather than by a default, which a
-- fresh table has not.
ALTER TABLE ticket_sla.tickets
	ADD COLUMN next_event_at timestamptz,
	ADD COLUMN events_fired integer;
ALTER TABLE ticket_sla.tickets DISABLE TRIGGER stamp;
UPDATE ticket_sla.tickets SET events_fired = 0;
ALTER TABLE ticket_sla.tickets ENABLE TRIGGER stamp;
ALTER TABLE ticket_sla.tickets ALTER COLUMN events_fired SET NOT NULL;

-- what process_escalations reads: only tickets with an event still to fire
CREATE INDEX tickets_events ON ticket_sla.tickets (next_event_at)
	WHERE next_event_at IS NOT NULL;
COMMENT ON INDEX ticket_sla.tickets_events IS
'What process_escalations reads: the tickets with an escalation step, warning or breach still to fire, by when';

COMMENT ON COLUMN ticket_sla.tickets.next_event_at IS
'When the next escalation step, warning or breach falls due (stamped by the trigger); NULL when none is left';
COMMENT ON COLUMN ticket_sla.tickets.events_fired IS
'The warnings and breaches fired in the current cycles, a bit each (1 response warning, 2 response breach, 4 resolution warning, 8 resolution breach, 16 and 32 the reply''s, 64 and 128 the update''s); set by process_escalations only';

COMMENT ON FUNCTION ticket_sla.stamp_ticket() IS
'Trigger of tickets: stamps case number, tier, terms and deadlines on insert, re-stamps on a severity or terms change or after a pause, keeps the next escalation and event, guards what must not change';

CREATE TABLE ticket_sla.target_events (
	ticket_id bigint NOT NULL REFERENCES ticket_sla.tickets ON DELETE CASCADE,
	kind text NOT NULL CHECK (kind IN ('warning', 'breach')),
	target ticket_sla.sla_clock NOT NULL,
	cycle integer NOT NULL CHECK (cycle > 0),
	severity ticket_sla.severity NOT NULL,
	due_at timestamptz NOT NULL,
	fired_at timestamptz NOT NULL,
	notified boolean NOT NULL,
	PRIMARY KEY (ticket_id, target, cycle, kind)
);

COMMENT ON TABLE ticket_sla.target_events IS
'Every warning and breach of a ticket''s targets fired, once per target and cycle: when it was due and when it fired';
COMMENT ON COLUMN ticket_sla.target_events.kind IS
'warning (the plan''s warn at N% of the target reached) or breach (the target missed)';
COMMENT ON COLUMN ticket_sla.target_events.target IS 'The target: the first response, the resolution, the reply owed or the next update';
COMMENT ON COLUMN ticket_sla.target_events.cycle IS
'1 for the first response; the ticket''s cycle for the resolution (one more at each reopening), its reply_cycle or update_cycle for the reply and the update';
COMMENT ON COLUMN ticket_sla.target_events.severity IS 'The ticket''s severity when it fired';
COMMENT ON COLUMN ticket_sla.target_events.due_at IS
'When it fell due: the first instant at risk for a warning, the deadline for a breach';
COMMENT ON COLUMN ticket_sla.target_events.fired_at IS 'When process_escalations fired it (or the update to 0.6 logged it)';
COMMENT ON COLUMN ticket_sla.target_events.notified IS
'Whether a NOTIFY was sent: false for the events already past when the store was updated to 0.6';

CREATE FUNCTION ticket_sla.due_events(t ticket_sla.tickets, "at" timestamptz)
RETURNS TABLE (kind text, target ticket_sla.sla_clock, step integer, cycle integer,
			   due_at timestamptz, fires_at timestamptz, recipients text[], fired integer)
AS 'MODULE_PATHNAME', 'due_events'
LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 4;

COMMENT ON FUNCTION ticket_sla.due_events(ticket_sla.tickets, timestamptz) IS
'The events of ticket T due at AT and not yet fired: escalation steps (step, recipients), warnings and breaches (target, cycle, fired: the bit of events_fired); fires_at orders them';
REVOKE EXECUTE ON FUNCTION ticket_sla.due_events(ticket_sla.tickets, timestamptz) FROM PUBLIC;

CREATE FUNCTION ticket_sla.process_escalations("at" timestamptz DEFAULT now(),
											   max_events integer DEFAULT 5000)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
-- a batch's plan is costed high enough to be compiled by JIT (over a
-- second for 5,000 events, against 0.3 s of work): it is not worth it
SET jit = off
AS $$
DECLARE
	n_done integer;
	n_batch integer;
BEGIN
	IF at IS NULL THEN
		RAISE EXCEPTION 'escalations are processed as of an instant, not NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF at > now() THEN
		RAISE EXCEPTION 'escalations cannot be processed as of %, which is later than now', at
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Steps fire when they are due, not before.';
	END IF;
	IF max_events IS NULL OR max_events < 1 THEN
		RAISE EXCEPTION 'max_events must be at least 1, not %', max_events
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Call process_escalations again for the events left.';
	END IF;
	-- first the notices held by quiet hours whose hours have opened by AT,
	-- oldest first, each locked (SKIP LOCKED) and marked delivered: once
	WITH held AS MATERIALIZED (
		SELECT h.notice_id
		  FROM ticket_sla.held_notices h
		 WHERE h.delivered_at IS NULL AND h.held_until <= at
		 ORDER BY h.held_until, h.notice_id
		 LIMIT max_events
		   FOR UPDATE OF h SKIP LOCKED
	), delivered AS (
		UPDATE ticket_sla.held_notices h SET delivered_at = now()
		  FROM held WHERE h.notice_id = held.notice_id
		RETURNING h
	)
	SELECT count(pg_notify('ticket_sla_escalation', ticket_sla.event_payload(d.t, d.n)))
	  INTO n_done
	  FROM (SELECT t, dl.h AS n
			  FROM delivered dl JOIN ticket_sla.tickets t ON t.ticket_id = (dl.h).ticket_id
			 ORDER BY (dl.h).held_until, (dl.h).notice_id) d;
	-- then the events due, with what is left of max_events
	WHILE n_done < max_events LOOP
		WITH due AS MATERIALIZED (
			SELECT tk
			  FROM ticket_sla.tickets tk
			 WHERE tk.next_event_at <= at
			 ORDER BY tk.next_event_at
			 LIMIT least(max_events - n_done, 2000)
			   FOR UPDATE OF tk SKIP LOCKED
		), ev AS MATERIALIZED (
			SELECT d.tk, (d.tk).ticket_id, (d.tk).severity, e.*, co.notification_hours
			  FROM due d CROSS JOIN LATERAL ticket_sla.due_events(d.tk, at) e
			  LEFT JOIN ticket_sla.contract_terms ct ON ct.terms_id = (d.tk).terms_id
			  LEFT JOIN ticket_sla.contracts co ON co.contract_id = ct.contract_id
			 ORDER BY e.fires_at, (d.tk).ticket_id, e.step, e.fired
			 LIMIT max_events - n_done
		), notices AS MATERIALIZED (
			-- each event's notices: one per instant at which the hours of its
			-- recipients (a step's, each by the recipient's own hours or else
			-- the plan's; a warning's or breach's, the plan's) open at or
			-- after its due_at; held_until NULL for the one sent when due
			SELECT ev.*, g.group_recipients, g.held_until
			  FROM ev CROSS JOIN LATERAL (
				SELECT CASE WHEN ev.recipients IS NOT NULL THEN array_agg(r.recipient ORDER BY r.n) END
						   AS group_recipients,
					   nullif(r.opens, ev.due_at) AS held_until
				  FROM (SELECT u.recipient, u.n,
							   coalesce(ticket_sla.next_business_time(ev.due_at, coalesce(
								   (SELECT x.notification_hours FROM ticket_sla.recipients x
									 WHERE x.recipient = u.recipient),
								   ev.notification_hours)), ev.due_at) AS opens
						  FROM unnest(coalesce(ev.recipients, '{NULL}')) WITH ORDINALITY AS u (recipient, n)) r
				 GROUP BY r.opens) g
		), steps AS (
			INSERT INTO ticket_sla.escalations
			SELECT ev.ticket_id, ev.step, ev.severity, ev.recipients, ev.due_at, now()
			  FROM ev WHERE ev.kind = 'escalation'
		), warnings_and_breaches AS (
			INSERT INTO ticket_sla.target_events
			SELECT ev.ticket_id, ev.kind, ev.target, ev.cycle, ev.severity, ev.due_at, now(), true
			  FROM ev WHERE ev.kind <> 'escalation'
		), held AS (
			-- a notice held by quiet hours is logged, delivered now if its
			-- hours have opened by AT, else by the first run at or after
			INSERT INTO ticket_sla.held_notices (ticket_id, kind, step, target, cycle, severity,
												 recipients, due_at, held_until, delivered_at)
			SELECT n.ticket_id, n.kind, n.step, n.target, n.cycle, n.severity, n.group_recipients,
				   n.due_at, n.held_until, CASE WHEN n.held_until <= at THEN now() END
			  FROM notices n WHERE n.held_until IS NOT NULL
		), marked AS (
			-- every ticket locked: its events marked, its next_event_at stamped
			-- anew (found by its key, so that a row updated since the snapshot
			-- is updated in its latest version)
			UPDATE ticket_sla.tickets tk
			   SET escalation_level = coalesce(f.level, tk.escalation_level),
				   events_fired = tk.events_fired | f.bits
			  FROM (SELECT (d.tk).ticket_id, max(ev.step) AS level,
						   coalesce(bit_or(ev.fired), 0) AS bits
					  FROM due d LEFT JOIN ev ON ev.ticket_id = (d.tk).ticket_id
					 GROUP BY (d.tk).ticket_id) f
			 WHERE tk.ticket_id = f.ticket_id
		)
		SELECT (SELECT count(*) FROM ev)
		  INTO n_batch
		  FROM (SELECT count(pg_notify('ticket_sla_escalation', ticket_sla.event_payload(n.tk,
						   ROW(NULL, n.ticket_id, n.kind, n.step, n.target, n.cycle, n.severity,
							   n.group_recipients, n.due_at, n.held_until, NULL,
							   NULL)::ticket_sla.held_notices)))
				  FROM (SELECT * FROM notices
						 WHERE notices.held_until IS NULL OR notices.held_until <= at
						 ORDER BY notices.fires_at, notices.ticket_id, notices.step, notices.fired,
								  notices.held_until NULLS FIRST) n) sent;
		n_done := n_done + n_batch;
		EXIT WHEN n_batch = 0;
	END LOOP;
	RETURN n_done;
END
$$;

COMMENT ON FUNCTION ticket_sla.process_escalations(timestamptz, integer) IS
'Fires the escalation steps, warnings and breaches due at AT (not later than now), each exactly once, and delivers the notices held by quiet hours whose hours have opened by AT, each once, at most MAX_EVENTS of both, oldest first: logs them (escalations, target_events, held_notices), marks the tickets, NOTIFY ticket_sla_escalation with a JSON payload (kind: escalation, warning or breach; held_until when held; of a confidential ticket ids only); returns how many events fired and held notices it delivered';

GRANT SELECT ON ticket_sla.target_events TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
REVOKE EXECUTE ON FUNCTION ticket_sla.process_escalations(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ticket_sla.process_escalations(timestamptz, integer) TO ticket_sla_admin;
ALTER TABLE ticket_sla.target_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY with_its_ticket ON ticket_sla.target_events FOR SELECT
	USING (EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = target_events.ticket_id));
COMMENT ON POLICY with_its_ticket ON ticket_sla.target_events IS 'The warnings and breaches of a ticket are visible to those who see the ticket';
-- the warnings and breaches fired (0.6)
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.target_events', '');

-- The warnings and breaches already past at the update are logged as fired
-- at the update, without a NOTIFY (notified false): a store updated with a
-- backlog of old tickets does not flood its listeners.  The escalation
-- steps due fire at the next run, as in 0.5.  Every ticket is then touched
-- once, so that the trigger stamps its events_fired and next_event_at.
INSERT INTO ticket_sla.target_events
SELECT t.ticket_id, e.kind, e.target, e.cycle, t.severity, e.due_at, now(), false
  FROM ticket_sla.tickets t CROSS JOIN LATERAL ticket_sla.due_events(t, now()) e
 WHERE e.kind <> 'escalation';
UPDATE ticket_sla.tickets t
   SET events_fired = coalesce((SELECT bit_or(e.fired) FROM ticket_sla.due_events(t, now()) e
								 WHERE e.kind <> 'escalation'), 0);

------------------------------------------------------------------------------
-- Report rollups (issue 19 section 1): compliance and quarterly_report read
-- rollups kept by refresh_reports.  Every ticket is stamped with the
-- transaction that writes it (revision, 0 for the tickets of before: with
-- the watermark at 0 they all count as changed until the first refresh,
-- which docs/operations.md says to run after the update).
------------------------------------------------------------------------------

-- the transaction that last wrote it, stamped by the trigger: what the
-- report rollups read to find what changed (0.6)
ALTER TABLE ticket_sla.tickets ADD COLUMN revision xid8 NOT NULL DEFAULT '0';
COMMENT ON COLUMN ticket_sla.tickets.revision IS
'The transaction that last wrote the ticket (stamped by the trigger on every insert and update; 0 for a ticket not written since the update to 0.6): what the report rollups read to find what changed (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.due IS 'The next deadline: response_due until the first response, then resolution_due';
COMMENT ON COLUMN ticket_sla.tickets.cycle IS
'The resolution cycle: 1, and one more at each reopening, which re-arms the resolution''s warning and breach (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.reopened_at IS
'When the ticket was last reopened; NULL if never (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.awaiting_reply_since IS
'Since when the customer waits for a reply: their first message after the last answer, or the reopening; NULL when no reply is owed (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.reply_cycle IS
'How many times the reply clock was armed (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.reply_due IS
'When the reply owed is due; NULL when none is owed or the plan sets no reply target (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.last_agent_message_at IS
'When an agent last wrote to the customer (a public agent message) (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.update_from IS
'Since when the update clock counts: the clock start, the last public agent message, or the last time the resolution clock started again; NULL while it does not run (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.update_cycle IS
'How many times the update clock started (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.update_due IS
'When the customer must next hear from an agent; NULL while the resolution clock does not run or the plan sets no update target (0.6)';
COMMENT ON COLUMN ticket_sla.tickets.response_due_set IS
'The response due date set by hand (ticket_sla.set_due), stamped into response_due whatever the terms say; NULL when none';
COMMENT ON COLUMN ticket_sla.tickets.resolution_due_set IS
'The resolution due date set by hand (ticket_sla.set_due), stamped into resolution_due whatever the terms say or the pauses; NULL when none';

-- a customer's tickets by opening: the days of the report rollups (0.6;
-- customer_id alone before), the quarterly report
DROP INDEX ticket_sla.tickets_customer;
CREATE INDEX tickets_customer ON ticket_sla.tickets (customer_id, opened_at);
-- what the report rollups read: the tickets written since their last
-- refresh (0.6)
CREATE INDEX tickets_revision ON ticket_sla.tickets (revision);
COMMENT ON INDEX ticket_sla.tickets_revision IS
'What refresh_reports and the reports read: the tickets written since the last refresh of the rollups';
COMMENT ON INDEX ticket_sla.tickets_customer IS
'A customer''s tickets by opening: the days of the report rollups, the quarterly report';
COMMENT ON INDEX ticket_sla.tickets_customer IS
'A customer''s tickets by opening: the days of the report rollups, the quarterly report';

-- compliance as it was before the rollups: every figure computed from the
-- tickets on every read.  Grouped by ids first, the names joined after: the sort under the
-- percentiles stays narrow.  The finished cycles are grouped alike and
-- joined by group.
CREATE VIEW ticket_sla.compliance_recomputed WITH (security_invoker = true) AS
SELECT g.period, g.period_start, g.customer_id, cu.organisation,
	   g.contract_id, co.name AS contract, g.severity, g.tickets,
	   g.targets_met + coalesce(f.targets_met, 0) AS targets_met,
	   g.targets_breached + coalesce(f.targets_breached, 0) AS targets_breached,
	   round(100.0 OPERATOR(pg_catalog.*) (g.targets_met + coalesce(f.targets_met, 0))
			 OPERATOR(pg_catalog./) nullif(g.targets_met + coalesce(f.targets_met, 0)
										   + g.targets_breached + coalesce(f.targets_breached, 0), 0), 1)
		   AS compliance_pct,
	   pct.median AS median_response, EXTRACT(epoch FROM pct.median) AS median_response_seconds,
	   pct.p90 AS p90_response, EXTRACT(epoch FROM pct.p90) AS p90_response_seconds,
	   g.targets_manual + coalesce(f.targets_manual, 0) AS targets_manual,
	   coalesce(f.replies_met, 0) AS replies_met,
	   g.replies_breached + coalesce(f.replies_breached, 0) AS replies_breached,
	   coalesce(f.updates_met, 0) AS updates_met,
	   g.updates_breached + coalesce(f.updates_breached, 0) AS updates_breached
FROM (
	SELECT p.period, p.period_start, o.customer_id, o.contract_id, o.severity,
		   count(*) AS tickets,
		   sum(o.response_met + o.resolution_met) AS targets_met,
		   sum(o.response_breached + o.resolution_breached + o.reply_breached + o.update_breached)
			   AS targets_breached,
		   pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY r.seconds) AS median_seconds,
		   pg_catalog.percentile_cont(0.9) WITHIN GROUP (ORDER BY r.seconds) AS p90_seconds,
		   sum(o.response_manual + o.resolution_manual) AS targets_manual,
		   sum(o.reply_breached) AS replies_breached, sum(o.update_breached) AS updates_breached
	FROM ticket_sla.current_outcomes o
	CROSS JOIN LATERAL (SELECT EXTRACT(epoch FROM o.response_time)::float8) AS r (seconds)
	CROSS JOIN LATERAL (VALUES
		('month', date_trunc('month', o.opened_at AT TIME ZONE 'UTC')::date),
		('quarter', date_trunc('quarter', o.opened_at AT TIME ZONE 'UTC')::date)
	) AS p (period, period_start)
	GROUP BY p.period, p.period_start, o.customer_id, o.contract_id, o.severity
) AS g
LEFT JOIN (
	SELECT p.period, p.period_start, t.customer_id, ct.contract_id, t.severity,
		   count(*) FILTER (WHERE c.met AND NOT c.due_manual) AS targets_met,
		   count(*) FILTER (WHERE NOT c.met AND NOT c.due_manual) AS targets_breached,
		   count(*) FILTER (WHERE c.due_manual) AS targets_manual,
		   count(*) FILTER (WHERE c.target = 'reply' AND c.met) AS replies_met,
		   count(*) FILTER (WHERE c.target = 'reply' AND NOT c.met) AS replies_breached,
		   count(*) FILTER (WHERE c.target = 'update' AND c.met) AS updates_met,
		   count(*) FILTER (WHERE c.target = 'update' AND NOT c.met) AS updates_breached
	FROM ticket_sla.target_cycles c
	JOIN ticket_sla.tickets t ON t.ticket_id = c.ticket_id
	JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
	CROSS JOIN LATERAL (VALUES
		('month', date_trunc('month', t.opened_at AT TIME ZONE 'UTC')::date),
		('quarter', date_trunc('quarter', t.opened_at AT TIME ZONE 'UTC')::date)
	) AS p (period, period_start)
	GROUP BY p.period, p.period_start, t.customer_id, ct.contract_id, t.severity
) AS f ON (f.period, f.period_start, f.customer_id, f.contract_id, f.severity)
		  = (g.period, g.period_start, g.customer_id, g.contract_id, g.severity)
CROSS JOIN LATERAL (
	SELECT pg_catalog.make_interval(secs => g.median_seconds) AS median,
		   pg_catalog.make_interval(secs => g.p90_seconds) AS p90
) AS pct
JOIN ticket_sla.customers cu ON cu.customer_id = g.customer_id
JOIN ticket_sla.contracts co ON co.contract_id = g.contract_id;

COMMENT ON VIEW ticket_sla.compliance_recomputed IS
'The figures of compliance computed from the tickets alone, without the rollups: slow over many tickets; for audits and tests.  Per month and per quarter (of opened_at, UTC), customer, contract and severity: tickets, targets met and breached (open ones once past due), compliance %, median and 90th percentile business time to the first response; targets whose due date was set by hand, counted apart; the replies and updates met and breached in all their cycles (in the targets too, with the resolutions of every cycle) (0.6)';
COMMENT ON COLUMN ticket_sla.compliance_recomputed.median_response_seconds IS
'median_response in seconds (numeric, to the microsecond; NULL without a response), for tools that cannot chart an interval';
COMMENT ON COLUMN ticket_sla.compliance_recomputed.p90_response_seconds IS
'p90_response in seconds (numeric, to the microsecond; NULL without a response), for tools that cannot chart an interval';

------------------------------------------------------------------------------
-- Report rollups (0.6)
--
-- compliance and quarterly_report read rollups instead of recomputing every
-- ticket's outcome on every read.  The unit of work is a day of one
-- customer: report_days holds, per customer, day of opened_at (UTC),
-- contract, severity and confidentiality, what its tickets count for
-- (targets met, missed and set by hand, in every cycle; escalations), the
-- due dates of the targets still open (missed once now() passes them, so
-- counted when read) and the response times in microseconds (for exact
-- percentiles).  report_periods holds the same per month and quarter, with
-- the percentiles.
--
-- Kept by refresh_reports() (the periodic run, every minute under pg_cron),
-- not by the writers: the trigger stamps each ticket with the transaction
-- that wrote it (tickets.revision), a statement trigger notes the days of
-- deleted tickets (report_dirty), and refresh_reports recomputes the days
-- changed since its last run, under one lock, and takes their old rows out
-- of their periods and puts the new ones in (report_periods_after).
-- Writers never wait on a rollup, and no rollup row is written by two
-- sessions.  Readers are exact at every instant: a period with days
-- changed since the last run is read as refresh_reports would leave it,
-- those days recomputed from the tickets.  compliance_recomputed gives the
-- same figures from the tickets alone; rebuild_reports() makes the rollups
-- anew.
------------------------------------------------------------------------------

CREATE TABLE ticket_sla.report_state (
	only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
	refreshed_before xid8 NOT NULL,
	refreshed_at timestamptz
);
INSERT INTO ticket_sla.report_state (refreshed_before) VALUES ('0');

COMMENT ON TABLE ticket_sla.report_state IS
'The report rollups'' watermark: every ticket written by a transaction before refreshed_before (tickets.revision) is in report_days; kept by refresh_reports (0.6)';
COMMENT ON COLUMN ticket_sla.report_state.refreshed_before IS
'The oldest transaction running when the last refresh began: what any later one wrote is recomputed on read and by the next refresh';
COMMENT ON COLUMN ticket_sla.report_state.refreshed_at IS 'When the last refresh ran; NULL before the first';

-- the days of tickets deleted since the last refresh, a row per deleting
-- transaction: a refresh takes (and removes) only those it sees, so the
-- day of a deletion still running when it reads is left for the next one
-- (one row per day for all deletions would let a refresh remove the mark
-- a running deletion relies on)
CREATE TABLE ticket_sla.report_dirty (
	customer_id integer NOT NULL,
	day date NOT NULL,
	deleted_by xid8 NOT NULL,
	PRIMARY KEY (customer_id, day, deleted_by)
);

COMMENT ON TABLE ticket_sla.report_dirty IS
'The customer''s days of tickets deleted since the last refresh_reports, one row per deleting transaction (deleted_by), written by the trigger note_deleted_days (0.6)';

CREATE TABLE ticket_sla.report_days (
	customer_id integer NOT NULL,
	day date NOT NULL,
	contract_id integer NOT NULL,
	severity ticket_sla.severity NOT NULL,
	confidential boolean NOT NULL,
	tickets bigint NOT NULL,
	responses_met bigint NOT NULL,
	responses_breached bigint NOT NULL,
	responses_manual bigint NOT NULL,
	resolutions_met bigint NOT NULL,
	resolutions_breached bigint NOT NULL,
	resolutions_manual bigint NOT NULL,
	replies_met bigint NOT NULL,
	replies_breached bigint NOT NULL,
	updates_met bigint NOT NULL,
	updates_breached bigint NOT NULL,
	escalations bigint NOT NULL,
	responses_open timestamptz[] NOT NULL,
	resolutions_open timestamptz[] NOT NULL,
	replies_open timestamptz[] NOT NULL,
	updates_open timestamptz[] NOT NULL,
	response_times bigint[] NOT NULL,
	PRIMARY KEY (customer_id, day, contract_id, severity, confidential)
);

COMMENT ON TABLE ticket_sla.report_days IS
'Report rollup: what the tickets a customer opened on a day (UTC) count for, per contract, severity and confidentiality, as of the last refresh_reports (0.6)';
COMMENT ON COLUMN ticket_sla.report_days.responses_breached IS
'Targets missed for good (answered late; for a resolution, resolved or paused late; every finished cycle): the targets still open are in the *_open columns';
COMMENT ON COLUMN ticket_sla.report_days.responses_open IS
'The due dates of the targets still running: each counts as missed once now() is past it';
COMMENT ON COLUMN ticket_sla.report_days.response_times IS
'The business time to each first response, in microseconds, in no order';

CREATE TABLE ticket_sla.report_periods (
	period text NOT NULL CHECK (period IN ('month', 'quarter')),
	period_start date NOT NULL,
	customer_id integer NOT NULL,
	contract_id integer NOT NULL,
	severity ticket_sla.severity NOT NULL,
	with_confidential boolean NOT NULL,
	tickets bigint NOT NULL,
	confidential_tickets bigint NOT NULL,
	responses_met bigint NOT NULL,
	responses_breached bigint NOT NULL,
	responses_manual bigint NOT NULL,
	resolutions_met bigint NOT NULL,
	resolutions_breached bigint NOT NULL,
	resolutions_manual bigint NOT NULL,
	replies_met bigint NOT NULL,
	replies_breached bigint NOT NULL,
	updates_met bigint NOT NULL,
	updates_breached bigint NOT NULL,
	escalations bigint NOT NULL,
	responses_open timestamptz[] NOT NULL,
	resolutions_open timestamptz[] NOT NULL,
	replies_open timestamptz[] NOT NULL,
	updates_open timestamptz[] NOT NULL,
	response_times bigint[] NOT NULL,
	response_percentiles float8[],
	PRIMARY KEY (period, period_start, customer_id, contract_id, severity, with_confidential)
);

COMMENT ON TABLE ticket_sla.report_periods IS
'Report rollup: the sums of report_days per month and quarter, customer, contract and severity, as of the last refresh_reports, kept by adding and taking out the days that change; a group with confidential tickets has two rows, without them (with_confidential false) and with them (0.6)';
COMMENT ON COLUMN ticket_sla.report_periods.with_confidential IS
'false: the non-confidential tickets only (what an uncleared role sees); true: all of them, for the members of ticket_sla_cleared (only when the group has confidential tickets)';
COMMENT ON COLUMN ticket_sla.report_periods.confidential_tickets IS
'How many of its tickets are confidential: 0 in a row without them';
COMMENT ON COLUMN ticket_sla.report_periods.response_times IS
'The business time to each first response, in microseconds, sorted';
COMMENT ON COLUMN ticket_sla.report_periods.response_percentiles IS
'The median and 90th percentile of response_times, in seconds (ticket_sla.sorted_percentiles); NULL without a response';

-- Readers see the rollups of what they may see: confidential tickets'
-- only with clearance.  Only refresh_reports writes them.
ALTER TABLE ticket_sla.report_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_sla.report_periods ENABLE ROW LEVEL SECURITY;
CREATE POLICY cleared_see ON ticket_sla.report_days FOR SELECT
	USING (NOT confidential OR pg_catalog.pg_has_role('ticket_sla_cleared', 'MEMBER'));
CREATE POLICY cleared_see ON ticket_sla.report_periods FOR SELECT
	USING (NOT with_confidential OR pg_catalog.pg_has_role('ticket_sla_cleared', 'MEMBER'));
COMMENT ON POLICY cleared_see ON ticket_sla.report_days IS 'The rollups of confidential tickets are visible only to members of ticket_sla_cleared';
COMMENT ON POLICY cleared_see ON ticket_sla.report_periods IS 'The sums with confidential tickets are visible only to members of ticket_sla_cleared';

-- The aggregate the rollups add and take out arrays with, and the
-- percentiles of the sorted response times
CREATE FUNCTION ticket_sla.multiset_sum_add(internal, anyarray, integer)
RETURNS internal
AS 'MODULE_PATHNAME', 'multiset_sum_add'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION ticket_sla.multiset_sum_final(internal, anyarray, integer)
RETURNS anyarray
AS 'MODULE_PATHNAME', 'multiset_sum_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE ticket_sla.multiset_sum(anyarray, integer) (
	SFUNC = ticket_sla.multiset_sum_add,
	STYPE = internal,
	FINALFUNC = ticket_sla.multiset_sum_final,
	FINALFUNC_EXTRA,
	FINALFUNC_MODIFY = READ_WRITE,
	PARALLEL = SAFE
);
COMMENT ON FUNCTION ticket_sla.multiset_sum_add(internal, anyarray, integer) IS
'Transition function of ticket_sla.multiset_sum';
COMMENT ON FUNCTION ticket_sla.multiset_sum_final(internal, anyarray, integer) IS
'Final function of ticket_sla.multiset_sum';
COMMENT ON AGGREGATE ticket_sla.multiset_sum(anyarray, integer) IS
'The values of the arrays (bigint or timestamptz) of weight 1, less those of the arrays of weight -1, sorted: a rollup with its changed days taken out and put in again; taking out a value not there is an error (XX001)';

CREATE FUNCTION ticket_sla.sorted_percentiles(times bigint[])
RETURNS float8[]
AS 'MODULE_PATHNAME', 'sorted_percentiles'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ticket_sla.sorted_percentiles(bigint[]) IS
'{median, 90th percentile}, in seconds, of sorted durations in microseconds: what percentile_cont(0.5) and (0.9) WITHIN GROUP (ORDER BY seconds::float8) give over them, to the bit; NULL when empty';

CREATE FUNCTION ticket_sla.instants_before(instants timestamptz[], reading timestamptz)
RETURNS bigint
AS 'MODULE_PATHNAME', 'instants_before'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ticket_sla.instants_before(timestamptz[], timestamptz) IS
'How many of the instants lie before READING: the open targets of a rollup missed by then';

-- The month and the quarter a day counts in
CREATE FUNCTION ticket_sla.report_periods_of(day date,
	OUT period text, OUT period_start date, OUT period_end date)
RETURNS SETOF record
ROWS 2
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT p.period, p.first, (p.first + p.length)::date
FROM (VALUES ('month', date_trunc('month', day)::date, interval '1 month'),
			 ('quarter', date_trunc('quarter', day)::date, interval '3 months')) AS p (period, first, length)
$$;
COMMENT ON FUNCTION ticket_sla.report_periods_of(date) IS
'The month and the quarter DAY counts in, each with its first day and the day after its last';

-- What the tickets of the days given (customers[i] on days[i]) count for,
-- computed from the tickets: the rows report_days holds for them.  It reads
-- with its caller's rights (a reader sees only what it may).
CREATE FUNCTION ticket_sla.report_day_rows(customers integer[], days date[])
RETURNS SETOF ticket_sla.report_days
ROWS 100
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT t.customer_id, b.day, ct.contract_id, t.severity, t.confidential,
	   count(*),
	   count(*) FILTER (WHERE t.response_due_set IS NULL AND t.response_met),
	   count(*) FILTER (WHERE t.response_due_set IS NULL AND t.response_due < t.first_response_at),
	   count(*) FILTER (WHERE t.response_due_set IS NOT NULL),
	   count(*) FILTER (WHERE t.resolution_due_set IS NULL AND t.resolution_met) + sum(c.resolutions_met),
	   count(*) FILTER (WHERE t.resolution_due_set IS NULL
						AND t.resolution_due < coalesce(t.resolved_at, t.paused_since))
		   + sum(c.resolutions_breached),
	   count(*) FILTER (WHERE t.resolution_due_set IS NOT NULL) + sum(c.resolutions_manual),
	   sum(c.replies_met), sum(c.replies_breached), sum(c.updates_met), sum(c.updates_breached),
	   sum(e.fired),
	   coalesce(array_agg(t.response_due) FILTER (WHERE t.response_due_set IS NULL
			AND t.first_response_at IS NULL AND t.response_due IS NOT NULL), '{}'),
	   coalesce(array_agg(t.resolution_due) FILTER (WHERE t.resolution_due_set IS NULL
			AND t.resolved_at IS NULL AND t.paused_since IS NULL AND t.resolution_due IS NOT NULL), '{}'),
	   coalesce(array_agg(t.reply_due) FILTER (WHERE t.reply_due IS NOT NULL), '{}'),
	   coalesce(array_agg(t.update_due) FILTER (WHERE t.update_due IS NOT NULL), '{}'),
	   coalesce(array_agg((extract(epoch FROM ticket_sla.plan_time_between(t.clock_start,
			greatest(t.first_response_at, t.clock_start), ct.terms)) * 1000000)::bigint)
			FILTER (WHERE t.first_response_at IS NOT NULL), '{}')
FROM unnest(customers, days) AS b (customer_id, day)
JOIN ticket_sla.tickets t
  ON t.customer_id = b.customer_id
 AND t.opened_at >= b.day::timestamp AT TIME ZONE 'UTC'
 AND t.opened_at < (b.day + 1)::timestamp AT TIME ZONE 'UTC'
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
CROSS JOIN LATERAL (
	SELECT count(*) FILTER (WHERE f.target = 'resolution' AND f.met AND NOT f.due_manual) AS resolutions_met,
		   count(*) FILTER (WHERE f.target = 'resolution' AND NOT f.met AND NOT f.due_manual)
			   AS resolutions_breached,
		   count(*) FILTER (WHERE f.target = 'resolution' AND f.due_manual) AS resolutions_manual,
		   count(*) FILTER (WHERE f.target = 'reply' AND f.met) AS replies_met,
		   count(*) FILTER (WHERE f.target = 'reply' AND NOT f.met) AS replies_breached,
		   count(*) FILTER (WHERE f.target = 'update' AND f.met) AS updates_met,
		   count(*) FILTER (WHERE f.target = 'update' AND NOT f.met) AS updates_breached
	FROM ticket_sla.target_cycles f
	WHERE f.ticket_id = t.ticket_id
) AS c
CROSS JOIN LATERAL (
	SELECT count(*) AS fired FROM ticket_sla.escalations x WHERE x.ticket_id = t.ticket_id
) AS e
GROUP BY t.customer_id, b.day, ct.contract_id, t.severity, t.confidential
$$;

COMMENT ON FUNCTION ticket_sla.report_day_rows(integer[], date[]) IS
'What the tickets that CUSTOMERS[i] opened on DAYS[i] (UTC) count for in the reports, computed from the tickets the caller sees: the rows of report_days for those days';

-- The customers' days whose rollup is stale: a ticket of them written
-- since the last refresh began, or deleted since.  SECURITY DEFINER so
-- that a day counts as changed whoever reads (a ticket made confidential
-- leaves the reader's sight but must leave its day too).
CREATE FUNCTION ticket_sla.report_changed_days(OUT customer_id integer, OUT day date)
RETURNS SETOF record
ROWS 100
LANGUAGE plpgsql STABLE PARALLEL SAFE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	-- read first, so that the query is planned for its value: few tickets
	-- above it (a join would be estimated at a third of the tickets, and
	-- hashed as many)
	since xid8 := (SELECT s.refreshed_before FROM ticket_sla.report_state s);
BEGIN
	RETURN QUERY
	SELECT t.customer_id, (t.opened_at AT TIME ZONE 'UTC')::date
	  FROM ticket_sla.tickets t
	 WHERE t.revision >= since
	UNION
	SELECT d.customer_id, d.day FROM ticket_sla.report_dirty d;
END
$$;

COMMENT ON FUNCTION ticket_sla.report_changed_days() IS
'The customers'' days (UTC, of opened_at) whose tickets were written or deleted since the last refresh_reports began: what readers recompute from the tickets';
REVOKE EXECUTE ON FUNCTION ticket_sla.report_changed_days() FROM PUBLIC;

-- The rows of report_periods for the months and quarters of the customers'
-- days given (customers[i] on days[i]), once those days' rows REMOVED are
-- taken out and ADDED put in (NULL: the days' rows as stored now): the
-- stored rows, minus and plus those days, per group one row of its
-- non-confidential tickets and, when it has confidential ones the caller
-- sees, one of all.  Counts subtract; arrays as multisets (multiset_sum).
CREATE FUNCTION ticket_sla.report_periods_after(customers integer[], days date[],
	removed ticket_sla.report_days[], added ticket_sla.report_days[])
RETURNS SETOF ticket_sla.report_periods
ROWS 100
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
WITH changed AS MATERIALIZED (
	SELECT DISTINCT c.customer_id, c.day FROM unnest(customers, days) AS c (customer_id, day)
), stale AS MATERIALIZED (
	SELECT DISTINCT c.customer_id, p.period, p.period_start, p.period_end
	FROM changed c CROSS JOIN LATERAL ticket_sla.report_periods_of(c.day) AS p
), stored AS (
	-- a group's row with confidential tickets stands for both audiences
	-- where it has none
	SELECT r.*, a.with_confidential AS audience
	FROM stale s
	JOIN ticket_sla.report_periods r
	  ON r.customer_id = s.customer_id AND r.period = s.period AND r.period_start = s.period_start
	CROSS JOIN LATERAL (VALUES (false), (true)) AS a (with_confidential)
	WHERE r.with_confidential = a.with_confidential
	   OR (a.with_confidential AND NOT EXISTS (
			SELECT FROM ticket_sla.report_periods w
			WHERE w.period = r.period AND w.period_start = r.period_start AND w.customer_id = r.customer_id
			  AND w.contract_id = r.contract_id AND w.severity = r.severity AND w.with_confidential))
), day_rows AS (
	SELECT -1 AS weight, d.* FROM unnest(removed) AS d
	UNION ALL
	SELECT 1, d.* FROM unnest(added) AS d
	UNION ALL
	SELECT 1, d.*
	FROM changed c JOIN ticket_sla.report_days d ON d.customer_id = c.customer_id AND d.day = c.day
	WHERE added IS NULL
), parts AS (
	SELECT r.period, r.period_start, r.customer_id, r.contract_id, r.severity, r.audience, 1 AS weight,
		   r.tickets, r.confidential_tickets, r.responses_met, r.responses_breached, r.responses_manual,
		   r.resolutions_met, r.resolutions_breached, r.resolutions_manual, r.replies_met,
		   r.replies_breached, r.updates_met, r.updates_breached, r.escalations, r.responses_open,
		   r.resolutions_open, r.replies_open, r.updates_open, r.response_times
	FROM stored r
	UNION ALL
	SELECT s.period, s.period_start, d.customer_id, d.contract_id, d.severity, a.with_confidential, d.weight,
		   d.tickets, CASE WHEN d.confidential THEN d.tickets ELSE 0 END, d.responses_met,
		   d.responses_breached, d.responses_manual, d.resolutions_met, d.resolutions_breached,
		   d.resolutions_manual, d.replies_met, d.replies_breached, d.updates_met, d.updates_breached,
		   d.escalations, d.responses_open, d.resolutions_open, d.replies_open, d.updates_open,
		   d.response_times
	FROM day_rows d
	JOIN stale s ON s.customer_id = d.customer_id AND d.day >= s.period_start AND d.day < s.period_end
	CROSS JOIN LATERAL (VALUES (false), (true)) AS a (with_confidential)
	WHERE a.with_confidential OR NOT d.confidential
)
SELECT g.*, ticket_sla.sorted_percentiles(g.response_times)
FROM (
	SELECT p.period, p.period_start, p.customer_id, p.contract_id, p.severity, p.audience,
		   sum(p.weight * p.tickets)::bigint AS tickets,
		   sum(p.weight * p.confidential_tickets)::bigint AS confidential_tickets,
		   sum(p.weight * p.responses_met)::bigint, sum(p.weight * p.responses_breached)::bigint,
		   sum(p.weight * p.responses_manual)::bigint, sum(p.weight * p.resolutions_met)::bigint,
		   sum(p.weight * p.resolutions_breached)::bigint, sum(p.weight * p.resolutions_manual)::bigint,
		   sum(p.weight * p.replies_met)::bigint, sum(p.weight * p.replies_breached)::bigint,
		   sum(p.weight * p.updates_met)::bigint, sum(p.weight * p.updates_breached)::bigint,
		   sum(p.weight * p.escalations)::bigint,
		   ticket_sla.multiset_sum(p.responses_open, p.weight),
		   ticket_sla.multiset_sum(p.resolutions_open, p.weight),
		   ticket_sla.multiset_sum(p.replies_open, p.weight),
		   ticket_sla.multiset_sum(p.updates_open, p.weight),
		   ticket_sla.multiset_sum(p.response_times, p.weight) AS response_times
	FROM parts p
	GROUP BY p.period, p.period_start, p.customer_id, p.contract_id, p.severity, p.audience
) AS g
WHERE g.tickets > 0 AND (NOT g.audience OR g.confidential_tickets > 0)
$$;

COMMENT ON FUNCTION ticket_sla.report_periods_after(integer[], date[], ticket_sla.report_days[], ticket_sla.report_days[]) IS
'The rows of report_periods for the months and quarters in which CUSTOMERS[i] opened tickets on DAYS[i], once those days'' rows REMOVED are taken out and ADDED put in (NULL: the days'' rows as stored now), as the caller sees them';

-- SECURITY DEFINER: the rollups count every ticket, and nobody else writes
-- them.  One refresh at a time (the lock on report_state); writers never
-- wait for it.
CREATE FUNCTION ticket_sla.refresh_reports()
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	mark xid8;
	since xid8;
	customers integer[];
	days date[];
	removed ticket_sla.report_days[];
	periods ticket_sla.report_periods[];
BEGIN
	-- one refresh at a time: the others wait here
	SELECT s.refreshed_before INTO since FROM ticket_sla.report_state s FOR UPDATE;
	-- every transaction older than the oldest one running now has written
	-- what it will write: its tickets are in the days read below
	mark := pg_snapshot_xmin(pg_current_snapshot());
	WITH deleted AS (
		DELETE FROM ticket_sla.report_dirty RETURNING customer_id, day
	), changed AS (
		SELECT d.customer_id, d.day FROM deleted d
		UNION
		SELECT t.customer_id, (t.opened_at AT TIME ZONE 'UTC')::date
		FROM ticket_sla.tickets t
		WHERE t.revision >= since
	)
	SELECT array_agg(c.customer_id ORDER BY c.customer_id, c.day), array_agg(c.day ORDER BY c.customer_id, c.day)
	  INTO customers, days
	  FROM changed c;
	UPDATE ticket_sla.report_state SET refreshed_before = mark, refreshed_at = now();
	IF customers IS NULL THEN
		RETURN 0;
	END IF;
	-- the changed days anew, what they held kept to take out of their periods
	WITH gone AS (
		DELETE FROM ticket_sla.report_days r
		 USING unnest(customers, days) AS c (customer_id, day)
		 WHERE r.customer_id = c.customer_id AND r.day = c.day
		RETURNING r.*
	)
	SELECT coalesce(array_agg(g), '{}') INTO removed FROM gone g;
	INSERT INTO ticket_sla.report_days SELECT * FROM ticket_sla.report_day_rows(customers, days);
	-- their months and quarters: what they hold, less what the days held,
	-- plus what they hold now
	periods := ARRAY(SELECT p FROM ticket_sla.report_periods_after(customers, days, removed, NULL) AS p);
	DELETE FROM ticket_sla.report_periods r
	 USING unnest(customers, days) AS c (customer_id, day),
		   LATERAL ticket_sla.report_periods_of(c.day) AS p
	 WHERE r.customer_id = c.customer_id AND r.period = p.period AND r.period_start = p.period_start;
	INSERT INTO ticket_sla.report_periods SELECT * FROM unnest(periods);
	RETURN cardinality(customers);
END
$$;

COMMENT ON FUNCTION ticket_sla.refresh_reports() IS
'Brings the report rollups up to date: recomputes the customers'' days whose tickets were written or deleted since the last refresh began, and their months and quarters; returns how many days; one at a time (the others wait).  Schedule it every minute (docs/reports.md)';
REVOKE EXECUTE ON FUNCTION ticket_sla.refresh_reports() FROM PUBLIC;

CREATE FUNCTION ticket_sla.rebuild_reports()
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM FROM ticket_sla.report_state FOR UPDATE;
	-- a ticket stamped by another cluster's transaction (restored from a
	-- dump) would count as changed for ever: the trigger stamps it anew
	UPDATE ticket_sla.tickets SET revision = revision WHERE revision > pg_current_xact_id();
	DELETE FROM ticket_sla.report_days;
	DELETE FROM ticket_sla.report_periods;
	DELETE FROM ticket_sla.report_dirty;
	UPDATE ticket_sla.report_state SET refreshed_before = '0';
	RETURN ticket_sla.refresh_reports();
END
$$;

COMMENT ON FUNCTION ticket_sla.rebuild_reports() IS
'Makes the report rollups anew from every ticket (after a restore, or to check them); returns how many customers'' days it computed';
REVOKE EXECUTE ON FUNCTION ticket_sla.rebuild_reports() FROM PUBLIC;

-- SECURITY DEFINER because nobody writes report_dirty or the rollups
-- directly
CREATE FUNCTION ticket_sla.note_deleted_days()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.note_deleted_days', TG_RELID,
												'ticket_sla.tickets');
	IF TG_OP = 'TRUNCATE' THEN
		DELETE FROM ticket_sla.report_days;
		DELETE FROM ticket_sla.report_periods;
		DELETE FROM ticket_sla.report_dirty;
	ELSE
		INSERT INTO ticket_sla.report_dirty
		SELECT DISTINCT g.customer_id, (g.opened_at AT TIME ZONE 'UTC')::date, pg_current_xact_id()
		  FROM deleted_tickets g
		ON CONFLICT DO NOTHING;
	END IF;
	RETURN NULL;
END
$$;

COMMENT ON FUNCTION ticket_sla.note_deleted_days() IS
'Trigger of tickets: notes the customers'' days of deleted tickets in report_dirty, for refresh_reports and the readers; empties the rollups when the tickets are truncated';
REVOKE EXECUTE ON FUNCTION ticket_sla.note_deleted_days() FROM PUBLIC;

CREATE TRIGGER note_deleted_days
AFTER DELETE ON ticket_sla.tickets
REFERENCING OLD TABLE AS deleted_tickets
FOR EACH STATEMENT EXECUTE FUNCTION ticket_sla.note_deleted_days();
CREATE TRIGGER note_truncated
AFTER TRUNCATE ON ticket_sla.tickets
FOR EACH STATEMENT EXECUTE FUNCTION ticket_sla.note_deleted_days();

-- The report's figures of a group of report_periods, as of now(): its
-- open targets count as missed once past due.  compliance and
-- compliance_recomputed both give them; before the first refresh
-- compliance is compliance_recomputed (the rollups would recompute every
-- day of every customer on every read).
CREATE VIEW ticket_sla.compliance WITH (security_invoker = true) AS
WITH changed AS MATERIALIZED (
	SELECT c.customer_id, c.day FROM ticket_sla.report_changed_days() c
), stale AS MATERIALIZED (
	SELECT DISTINCT c.customer_id, p.period, p.period_start
	FROM changed c CROSS JOIN LATERAL ticket_sla.report_periods_of(c.day) AS p
), sums AS (
	SELECT DISTINCT ON (r.period, r.period_start, r.customer_id, r.contract_id, r.severity) r.*
	FROM (
		SELECT s.*
		FROM ticket_sla.report_periods s
		WHERE NOT EXISTS (SELECT FROM stale x WHERE x.customer_id = s.customer_id
						  AND x.period = s.period AND x.period_start = s.period_start)
		UNION ALL
		SELECT f.*
		FROM ticket_sla.report_periods_after(
				ARRAY(SELECT c.customer_id FROM changed c ORDER BY c.customer_id, c.day),
				ARRAY(SELECT c.day FROM changed c ORDER BY c.customer_id, c.day),
				ARRAY(SELECT d FROM changed c JOIN ticket_sla.report_days d
					  ON d.customer_id = c.customer_id AND d.day = c.day),
				ARRAY(SELECT d FROM ticket_sla.report_day_rows(
						ARRAY(SELECT c.customer_id FROM changed c ORDER BY c.customer_id, c.day),
						ARRAY(SELECT c.day FROM changed c ORDER BY c.customer_id, c.day)) AS d)) AS f
		WHERE EXISTS (SELECT FROM changed)
	) AS r
	ORDER BY r.period, r.period_start, r.customer_id, r.contract_id, r.severity, r.with_confidential DESC
)
SELECT g.period, g.period_start, g.customer_id, cu.organisation, g.contract_id, co.name AS contract,
	   g.severity, g.tickets, n.met AS targets_met, n.breached AS targets_breached,
	   round(100.0 OPERATOR(pg_catalog.*) n.met OPERATOR(pg_catalog./) nullif(n.met + n.breached, 0), 1)
		   AS compliance_pct,
	   pct.median AS median_response, EXTRACT(epoch FROM pct.median) AS median_response_seconds,
	   pct.p90 AS p90_response, EXTRACT(epoch FROM pct.p90) AS p90_response_seconds,
	   g.responses_manual + g.resolutions_manual AS targets_manual,
	   g.replies_met, o.replies_breached, g.updates_met, o.updates_breached
FROM sums g
-- the missed targets, the open ones once past due
CROSS JOIN LATERAL (
	SELECT g.responses_breached + ticket_sla.instants_before(g.responses_open, now()) AS responses_breached,
		   g.resolutions_breached + ticket_sla.instants_before(g.resolutions_open, now())
			   AS resolutions_breached,
		   g.replies_breached + ticket_sla.instants_before(g.replies_open, now()) AS replies_breached,
		   g.updates_breached + ticket_sla.instants_before(g.updates_open, now()) AS updates_breached
) AS o
CROSS JOIN LATERAL (
	SELECT g.responses_met + g.resolutions_met + g.replies_met + g.updates_met AS met,
		   o.responses_breached + o.resolutions_breached + o.replies_breached + o.updates_breached
			   AS breached
) AS n
CROSS JOIN LATERAL (
	SELECT pg_catalog.make_interval(secs => g.response_percentiles[1]) AS median,
		   pg_catalog.make_interval(secs => g.response_percentiles[2]) AS p90
) AS pct
JOIN ticket_sla.customers cu ON cu.customer_id = g.customer_id
JOIN ticket_sla.contracts co ON co.contract_id = g.contract_id
WHERE EXISTS (SELECT FROM ticket_sla.report_state r WHERE r.refreshed_at IS NOT NULL)
UNION ALL
-- until the first refresh (a new or updated store), the full recomputation
SELECT * FROM ticket_sla.compliance_recomputed
WHERE NOT EXISTS (SELECT FROM ticket_sla.report_state r WHERE r.refreshed_at IS NOT NULL);

COMMENT ON VIEW ticket_sla.compliance IS
'Per month and per quarter (of opened_at, UTC), customer, contract and severity: tickets, targets met and breached (open ones once past due), compliance %, median and 90th percentile business time to the first response (and in seconds); targets whose due date was set by hand, counted apart; the replies and updates met and breached in all their cycles (in the targets too, with the resolutions of every cycle).  Read from the report rollups, the periods changed since the last refresh_reports recomputed: the figures of compliance_recomputed (0.6)';
COMMENT ON COLUMN ticket_sla.compliance.median_response_seconds IS
'median_response in seconds (numeric, to the microsecond; NULL without a response), for tools that cannot chart an interval';
COMMENT ON COLUMN ticket_sla.compliance.p90_response_seconds IS
'p90_response in seconds (numeric, to the microsecond; NULL without a response), for tools that cannot chart an interval';

GRANT SELECT ON ticket_sla.compliance_recomputed, ticket_sla.compliance, ticket_sla.report_state,
	ticket_sla.report_days, ticket_sla.report_periods
	TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
-- the report rollups (0.6): readers learn which customers' days changed
-- since the last refresh (not what changed); the admin and the scheduler
-- refresh and rebuild them; the days of deleted tickets are nobody's to read
GRANT EXECUTE ON FUNCTION ticket_sla.report_changed_days()
	TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
GRANT EXECUTE ON FUNCTION ticket_sla.refresh_reports(), ticket_sla.rebuild_reports() TO ticket_sla_admin;
REVOKE SELECT ON ticket_sla.report_dirty FROM ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;

------------------------------------------------------------------------------
-- Quiet hours for notifications (issue 20 section 3, 0.6)
--
-- Escalation steps, warnings and breaches fire at any hour; the people
-- paged want them at the next opening of their notification hours.  Who is
-- paged when is an operational setting, not a term of the customer's
-- contract: a plan's notification hours are a column of contracts (NULL:
-- round the clock), and a recipient named in the ladders may have hours of
-- its own, a row of recipients, which override the plan's for that
-- recipient.  process_escalations logs every event at its exact due time as
-- before; a notice whose hours are closed at due_at is held (a row of
-- held_notices) and sent at their next opening, by the first run at or
-- after it, exactly once.  A step whose recipients' hours open at different
-- instants is sent as one notice per instant, to the recipients of each.
-- Changing the hours moves no notice already held.
------------------------------------------------------------------------------

-- Hours that never open would fail every run that holds a notice (22023,
-- "calendar has no open time"): refused when set, by finding their
-- opening after 2100-01-01, which hours with weekly times always have
ALTER TABLE ticket_sla.contracts ADD COLUMN notification_hours ticket_sla.calendar
	CHECK (notification_hours IS NULL
		   OR ticket_sla.next_business_time('2100-01-01 00:00+00', notification_hours) IS NOT NULL);
COMMENT ON COLUMN ticket_sla.contracts.notification_hours IS
'When the notices of the plan''s escalation steps, warnings and breaches are sent: one due outside these hours is held until their next opening (ticket_sla.held_notices); NULL: round the clock.  An operational setting, not a term: changing it makes no new version of the terms';

CREATE TABLE ticket_sla.recipients (
	recipient text PRIMARY KEY,
	notification_hours ticket_sla.calendar NOT NULL
		CHECK (ticket_sla.next_business_time('2100-01-01 00:00+00', notification_hours) IS NOT NULL)
);
COMMENT ON TABLE ticket_sla.recipients IS
'Recipients of escalation steps, named as the ladders name them, with notification hours of their own that override the plan''s (24x7: paged at any hour); written by ticket_sla_admin';
COMMENT ON COLUMN ticket_sla.recipients.recipient IS 'The name as a ladder of some contract''s terms writes it ("escalate after 1 hour to "Duty manager"")';
COMMENT ON COLUMN ticket_sla.recipients.notification_hours IS
'When this recipient is paged: a step due outside these hours reaches it at their next opening, whatever the plan''s hours';

-- A name that no ladder writes would silently override nobody: refused
-- (22023), with the names the ladders write in the hint
CREATE FUNCTION ticket_sla.check_recipient()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.check_recipient', TG_RELID,
												'ticket_sla.recipients');
	IF NOT EXISTS (SELECT FROM ticket_sla.ladder_recipients() r WHERE r = NEW.recipient) THEN
		RAISE EXCEPTION 'no escalation ladder names the recipient "%"', NEW.recipient
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = coalesce('The ladders name ' || (SELECT string_agg(format('"%s"', r), ', ' ORDER BY r)
														  FROM ticket_sla.ladder_recipients() r) || '.',
								  'No contract has an escalation ladder yet.');
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION ticket_sla.check_recipient() IS
'Trigger of recipients: refuses a recipient that no escalation ladder of any contract''s terms names (22023)';
REVOKE EXECUTE ON FUNCTION ticket_sla.check_recipient() FROM PUBLIC;

CREATE TRIGGER check_recipient
BEFORE INSERT OR UPDATE OF recipient ON ticket_sla.recipients
FOR EACH ROW EXECUTE FUNCTION ticket_sla.check_recipient();

-- The recipients a contract's ladders name, read from the stored names
CREATE FUNCTION ticket_sla.escalation_recipients(c ticket_sla.contract)
RETURNS text[]
AS 'MODULE_PATHNAME', 'escalation_recipients'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ticket_sla.escalation_recipients(ticket_sla.contract) IS
'The recipients of every step of every escalation ladder of C (its severities'' and its sets''), in the order stored, a name once per step that names it';

-- The names the ladders of every version of every contract's terms write
CREATE FUNCTION ticket_sla.ladder_recipients()
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT DISTINCT r
	  FROM ticket_sla.contract_terms ct,
		   unnest(ticket_sla.escalation_recipients(ct.terms)) AS r
$$;
COMMENT ON FUNCTION ticket_sla.ladder_recipients() IS
'The recipients named by the escalation ladders of every version of every contract''s terms, each once';

-- Every notice held by quiet hours, delivered or not.  A notice sent when
-- due has no row: its event's fired_at is when it went out.
CREATE TABLE ticket_sla.held_notices (
	notice_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	ticket_id bigint NOT NULL REFERENCES ticket_sla.tickets ON DELETE CASCADE,
	kind text NOT NULL CHECK (kind IN ('escalation', 'warning', 'breach')),
	step integer,
	target ticket_sla.sla_clock,
	cycle integer,
	severity ticket_sla.severity NOT NULL,
	recipients text[],
	due_at timestamptz NOT NULL,
	held_until timestamptz NOT NULL,
	delivered_at timestamptz,
	held interval GENERATED ALWAYS AS (held_until - due_at) STORED,
	CHECK (held_until > due_at),
	CHECK ((kind = 'escalation') = (step IS NOT NULL AND recipients IS NOT NULL)),
	CHECK ((kind = 'escalation') = (target IS NULL AND cycle IS NULL))
);
CREATE INDEX held_notices_pending ON ticket_sla.held_notices (held_until) WHERE delivered_at IS NULL;
CREATE INDEX held_notices_ticket ON ticket_sla.held_notices (ticket_id);

COMMENT ON TABLE ticket_sla.held_notices IS
'The notices of escalation steps, warnings and breaches held by quiet hours: due outside their notification hours, sent at the next opening by the first process_escalations run at or after it, once';
COMMENT ON COLUMN ticket_sla.held_notices.kind IS 'escalation (step, recipients), warning or breach (target, cycle): the event, logged in escalations or target_events';
COMMENT ON COLUMN ticket_sla.held_notices.recipients IS
'The recipients of the step this notice goes to: those whose hours open at held_until (the others have notices of their own)';
COMMENT ON COLUMN ticket_sla.held_notices.due_at IS 'When the event fell due (its due_at in escalations or target_events)';
COMMENT ON COLUMN ticket_sla.held_notices.held_until IS 'The next opening of the notification hours at or after due_at: when the notice may be sent';
COMMENT ON COLUMN ticket_sla.held_notices.delivered_at IS 'When a run sent it (the NOTIFY, at its commit); NULL while held';
COMMENT ON COLUMN ticket_sla.held_notices.held IS 'How long quiet hours held it: held_until - due_at';
COMMENT ON INDEX ticket_sla.held_notices_pending IS 'What process_escalations reads: the notices still held, by when their hours open';

-- The payload of a notice: ids only for a confidential ticket, held_until
-- when quiet hours held it.  Of ticket T, the notice N (a row of held_notices,
-- or one made for a notice sent when due: held_until NULL).
CREATE FUNCTION ticket_sla.event_payload(t ticket_sla.tickets, n ticket_sla.held_notices)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT pg_catalog.json_strip_nulls(CASE WHEN t.confidential THEN pg_catalog.json_build_object(
			'kind', n.kind, 'ticket_id', t.ticket_id, 'confidential', true,
			'step', n.step, 'recipients', n.recipients, 'target', n.target,
			'cycle', n.cycle, 'due_at', n.due_at, 'held_until', n.held_until)
		ELSE pg_catalog.json_build_object(
			'kind', n.kind, 'ticket_id', t.ticket_id, 'case_number', t.case_number,
			'customer_id', t.customer_id, 'severity', n.severity, 'confidential', false,
			'step', n.step, 'recipients', n.recipients, 'target', n.target,
			'cycle', n.cycle, 'due_at', n.due_at, 'held_until', n.held_until)
		END)::text
$$;
COMMENT ON FUNCTION ticket_sla.event_payload(ticket_sla.tickets, ticket_sla.held_notices) IS
'The JSON payload of the NOTIFY of notice N of ticket T (an escalation step, warning or breach): of a confidential ticket ids only; held_until when quiet hours held it.  Called by process_escalations';
REVOKE EXECUTE ON FUNCTION ticket_sla.event_payload(ticket_sla.tickets, ticket_sla.held_notices) FROM PUBLIC;

-- The admin sets the hours (contracts already, recipients here); whoever
-- reads the logs reads the held notices, of the tickets they see
GRANT SELECT ON ticket_sla.recipients, ticket_sla.held_notices
	TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
GRANT INSERT, UPDATE, DELETE ON ticket_sla.recipients TO ticket_sla_admin;
ALTER TABLE ticket_sla.held_notices ENABLE ROW LEVEL SECURITY;
CREATE POLICY with_its_ticket ON ticket_sla.held_notices FOR SELECT
	USING (EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = held_notices.ticket_id));
COMMENT ON POLICY with_its_ticket ON ticket_sla.held_notices IS 'The held notices of a ticket are visible to those who see the ticket';
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.recipients', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.held_notices', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.held_notices_notice_id_seq', '');

------------------------------------------------------------------------------
-- Service availability (0.6)
--
-- A plan's "availability 99.5% per month, maintenance announced 5 days
-- ahead" is measured on what is recorded here: the services, which
-- customers take which service and since when, the outages and the
-- maintenance windows with the time each was announced.  Outages are
-- recorded directly (by the on-call agent or a monitoring job), not derived
-- from tickets: one outage is reported in many tickets, or in none; an
-- outage may name the ticket it was reported in.  docs/availability.md
-- gives the rules of the view availability.
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.availability_target(c ticket_sla.contract)
RETURNS numeric
AS 'MODULE_PATHNAME', 'contract_availability_target'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.availability_target(ticket_sla.contract) IS
'The monthly availability target of plan C in percent (availability 99.5% per month); NULL when it sets none';

CREATE FUNCTION ticket_sla.maintenance_notice(c ticket_sla.contract)
RETURNS text
AS 'MODULE_PATHNAME', 'contract_maintenance_notice'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.maintenance_notice(ticket_sla.contract) IS
'How long ahead plan C needs maintenance announced for it not to count as downtime, as written (5 days, 2 business days); NULL when the plan excludes no maintenance';

CREATE FUNCTION ticket_sla.maintenance_from(announced_at timestamptz, c ticket_sla.contract)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'maintenance_from'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.maintenance_from(timestamptz, ticket_sla.contract) IS
'The earliest start of a maintenance window announced at ANNOUNCED_AT that plan C counts as planned maintenance (the notice after the announcement, in business time under the plan''s hours when the notice says business); NULL when the plan excludes no maintenance';

CREATE TABLE ticket_sla.services (
	service_id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	name text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
	description text
);

COMMENT ON TABLE ticket_sla.services IS
'The services whose availability the plans promise (0.6)';

CREATE TABLE ticket_sla.customer_services (
	customer_id integer NOT NULL REFERENCES ticket_sla.customers ON DELETE CASCADE,
	service_id integer NOT NULL REFERENCES ticket_sla.services,
	-- finite, from 1900 on: the view counts its months from it (from
	-- -infinity it would count them for ever)
	since timestamptz NOT NULL DEFAULT now()
		CHECK (isfinite(since) AND since >= '1900-01-01 00:00+00'),
	until timestamptz,
	PRIMARY KEY (customer_id, service_id),
	CHECK (until > since)
);

CREATE INDEX customer_services_service ON ticket_sla.customer_services (service_id);

COMMENT ON TABLE ticket_sla.customer_services IS
'Which customers take which service, from SINCE until UNTIL (NULL: still): their availability is measured over that time, a month without outages at 100 % (0.6)';

CREATE TABLE ticket_sla.outages (
	outage_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	service_id integer NOT NULL REFERENCES ticket_sla.services,
	during tstzrange NOT NULL,
	customers integer[],
	ticket_id bigint,
	note text
);

-- a month reads the outages that overlap it
CREATE INDEX outages_during ON ticket_sla.outages USING gist (during);

COMMENT ON TABLE ticket_sla.outages IS
'The times a service was down (0.6): DURING has an open end while it lasts (counted up to now), CUSTOMERS are the customers affected (NULL: every subscriber), TICKET_ID the ticket it was reported in, if any';
COMMENT ON COLUMN ticket_sla.outages.ticket_id IS
'The ticket the outage was reported in (checked when given); no foreign key: an outage is a fact of the service, kept when tickets are deleted or truncated';

CREATE TABLE ticket_sla.maintenance_windows (
	window_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
	service_id integer NOT NULL REFERENCES ticket_sla.services,
	during tstzrange NOT NULL,
	announced_at timestamptz NOT NULL DEFAULT now(),
	customers integer[],
	note text
);

CREATE INDEX maintenance_windows_during ON ticket_sla.maintenance_windows USING gist (during);

COMMENT ON TABLE ticket_sla.maintenance_windows IS
'The planned maintenance of a service (0.6), DURING, announced at ANNOUNCED_AT to CUSTOMERS (NULL: every subscriber): planned maintenance when announced as far ahead as the plan requires (maintenance_from), downtime otherwise';

-- Instants are checked against the transaction's time: an outage is
-- recorded once it has begun, and ends when it is over (an open end
-- meanwhile); an announcement is made before it is recorded.  Every
-- instant is finite and from 1900 on: an announcement far in the past
-- would make maintenance_from, and with it the view, fail for everyone.
-- History is the admin's to correct.  Other writers (agents) record an
-- announcement as it is made (announced_at now, the default) and its
-- window before it begins, and change a record only to close an open
-- outage or in its note and ticket_id: else a window backdated or
-- stretched over an outage would turn downtime into planned maintenance,
-- and an outage shrunk or moved would be as good as deleted.
CREATE FUNCTION ticket_sla.check_availability_record()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	what text := CASE TG_TABLE_NAME WHEN 'outages' THEN 'outage' ELSE 'maintenance window' END;
	-- whether the writer may correct history (the admin, a superuser)
	corrects boolean := pg_has_role(current_user, 'ticket_sla_admin', 'USAGE');
	unknown text;
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.check_availability_record', TG_RELID,
		CASE TG_TABLE_NAME WHEN 'outages' THEN 'ticket_sla.outages'
			 ELSE 'ticket_sla.maintenance_windows' END::regclass);
	IF isempty(NEW.during) OR lower_inf(NEW.during) OR NOT isfinite(lower(NEW.during))
	   OR (what <> 'outage' AND upper_inf(NEW.during))
	   OR (NOT upper_inf(NEW.during) AND NOT isfinite(upper(NEW.during))) THEN
		RAISE EXCEPTION 'the % has no start or no end: %', what, NEW.during
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = CASE what WHEN 'outage' THEN 'An outage starts at an instant; while it lasts its end is open: [start,).'
							  ELSE 'A maintenance window starts and ends at instants: [start,end).' END;
	END IF;
	IF lower(NEW.during) < '1900-01-01 00:00+00' THEN
		RAISE EXCEPTION 'the % starts before 1900: %', what, NEW.during
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Record the history of a service from 1900 on.';
	END IF;
	IF what = 'outage' AND (lower(NEW.during) > now() OR upper(NEW.during) > now()) THEN
		RAISE EXCEPTION 'the outage % lies in the future (now is %)', NEW.during, now()
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Record an outage once it has begun, with an open end while it lasts: [start,).';
	END IF;
	IF TG_OP = 'UPDATE' AND NOT corrects
	   AND (NEW.service_id <> OLD.service_id OR NEW.customers IS DISTINCT FROM OLD.customers
			OR lower(NEW.during) <> lower(OLD.during)
			OR upper(NEW.during) IS DISTINCT FROM upper(OLD.during) AND NOT upper_inf(OLD.during)) THEN
		RAISE EXCEPTION 'only an admin changes the service, customers or period of this % (% to %)', what,
			OLD.during, NEW.during
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'Close an open outage, or change a note; ask an admin (ticket_sla_admin) to correct the record.';
	END IF;
	-- (NEW of an outage has no announced_at, a window no ticket_id: the
	-- tests are apart)
	IF what = 'outage' THEN
		IF NEW.ticket_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.ticket_id IS DISTINCT FROM OLD.ticket_id)
		   AND NOT EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = NEW.ticket_id) THEN
			RAISE EXCEPTION 'the outage names ticket %, which does not exist', NEW.ticket_id
				USING ERRCODE = 'invalid_parameter_value',
					  HINT = 'Give the ticket_id of a ticket you see, or NULL.';
		END IF;
		-- every role reads outages: one naming a confidential ticket would
		-- tell the uncleared of it (when, which service, which customers)
		IF NEW.ticket_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.ticket_id IS DISTINCT FROM OLD.ticket_id)
		   AND EXISTS (SELECT FROM ticket_sla.tickets t WHERE t.ticket_id = NEW.ticket_id AND t.confidential) THEN
			RAISE EXCEPTION 'the outage names ticket %, which is confidential', NEW.ticket_id
				USING ERRCODE = 'invalid_parameter_value',
					  HINT = 'Every role reads outages: name no confidential ticket (NULL), and keep the link in the ticket.';
		END IF;
	ELSE
		IF NEW.announced_at > now() OR NOT isfinite(NEW.announced_at)
		   OR NEW.announced_at < '1900-01-01 00:00+00' THEN
			RAISE EXCEPTION 'the announcement at % lies in the future or before 1900 (now is %)',
				NEW.announced_at, now()
				USING ERRCODE = 'invalid_parameter_value',
					  HINT = 'Record a maintenance window when it is announced.';
		END IF;
		IF NOT corrects AND (TG_OP = 'INSERT' AND (NEW.announced_at <> now() OR lower(NEW.during) <= now())
							 OR TG_OP = 'UPDATE' AND NEW.announced_at <> OLD.announced_at) THEN
			RAISE EXCEPTION 'only an admin records a maintenance window announced before it is recorded or begun by then: % announced at %',
				NEW.during, NEW.announced_at
				USING ERRCODE = 'insufficient_privilege',
					  HINT = 'Record a window when it is announced (announced_at now, the default) and before it begins; an admin (ticket_sla_admin) records past ones.';
		END IF;
	END IF;
	SELECT string_agg(coalesce(c::text, 'NULL'), ', ') INTO unknown
	  FROM unnest(NEW.customers) AS c
	 WHERE NOT EXISTS (SELECT FROM ticket_sla.customers cu WHERE cu.customer_id = c);
	IF unknown IS NOT NULL OR cardinality(NEW.customers) = 0 THEN
		RAISE EXCEPTION 'the % affects %', what,
			coalesce('customers that do not exist: ' || unknown, 'no customer (an empty list)')
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give ids of ticket_sla.customers, or NULL for every subscriber of the service.';
	END IF;
	RETURN NEW;
END
$$;

COMMENT ON FUNCTION ticket_sla.check_availability_record() IS
'Trigger of outages and maintenance_windows: refuses (22023) a period without start or (a window) without end, an instant not finite or before 1900, an outage or an announcement in the future, customers and (an outage) a ticket that does not exist or is confidential; refuses (42501) to other writers than the admin a window announced before it is recorded or begun by then, and any change but closing an open outage or a note or ticket_id';
REVOKE EXECUTE ON FUNCTION ticket_sla.check_availability_record() FROM PUBLIC;

CREATE TRIGGER checked
BEFORE INSERT OR UPDATE ON ticket_sla.outages
FOR EACH ROW EXECUTE FUNCTION ticket_sla.check_availability_record();

CREATE TRIGGER checked
BEFORE INSERT OR UPDATE ON ticket_sla.maintenance_windows
FOR EACH ROW EXECUTE FUNCTION ticket_sla.check_availability_record();

-- Each customer x service x month under a plan with an availability
-- target.  The month is in the time zone of the plan's hours (the
-- customer's own under local hours; UTC for a plan without hours), under
-- the version of the terms in force when it began (the first version for a
-- month before it).  The time counted runs from the later of the month's
-- start and the subscription's to the earlier of their ends, and up to now
-- only.  Within it: the windows announced in time are planned maintenance;
-- the outages and the windows announced late are downtime, except where
-- they overlap planned maintenance.  Overlaps count once.  Each month is
-- computed on its own (a lateral subquery, no multirange), so that a
-- filter on the customer or the service reaches the tables.  (Polymorphic
-- functions and operators, and arithmetic that pg_catalog would match only
-- through a cast, are qualified or given numeric constants: the view is
-- parsed under the installer's search_path.)
-- (0.6) the zone of a calendar, for the months of availability
CREATE FUNCTION ticket_sla.time_zone(cal ticket_sla.calendar)
RETURNS text
AS 'MODULE_PATHNAME', 'calendar_time_zone'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.time_zone(ticket_sla.calendar) IS
'The canonical name of the time zone CAL''s hours are kept in (UTC when the literal names none)';

CREATE VIEW ticket_sla.availability WITH (security_invoker = true) AS
WITH versions AS (
	SELECT ct.contract_id, ct.terms_id, ct.terms, ct.in_force_from,
		   row_number() OVER (PARTITION BY ct.contract_id ORDER BY ct.terms_id) = 1 AS first_version
	FROM ticket_sla.contract_terms ct
	WHERE ct.localizes IS NULL
), zoned AS (
	SELECT cs.customer_id, cu.organisation, cs.service_id, cs.since, coalesce(cs.until, 'infinity') AS until,
		   v.terms_id, v.in_force_from, v.first_version, p.terms,
		   coalesce(ticket_sla.time_zone(ticket_sla.hours(p.terms)), 'UTC') AS time_zone
	FROM ticket_sla.customer_services cs
	JOIN ticket_sla.customers cu ON cu.customer_id = cs.customer_id
	JOIN versions v ON v.contract_id = cu.contract_id
	CROSS JOIN LATERAL (SELECT ticket_sla.localized(v.terms, cu.time_zone, cu.holiday_regions) AS terms) p
	WHERE ticket_sla.availability_target(v.terms) IS NOT NULL AND cs.since <= now()
), subscriptions AS (
	-- a version's months start at the first month start of its zone at or
	-- after it came in force (the first version's: with the subscription)
	-- and stop where a later version's start: when the zone changes, the
	-- month of the change is cut there, so that every instant is counted
	-- once, in one zone
	SELECT z.*, coalesce(pg_catalog.min(z.months_from) OVER later, 'infinity') AS months_until
	FROM (
		SELECT z.*,
			   CASE WHEN z.first_version THEN '-infinity'
					ELSE (date_trunc('month', (z.in_force_from AT TIME ZONE z.time_zone) - interval '1 microsecond')
						  + interval '1 month') AT TIME ZONE z.time_zone END AS months_from
		FROM zoned z
	) z
	WINDOW later AS (PARTITION BY z.customer_id, z.service_id ORDER BY z.terms_id
					 ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
), months AS (
	SELECT s.customer_id, s.organisation, s.service_id, s.terms_id, s.terms, s.time_zone, m.month,
		   greatest(m.month_start, s.since) AS counted_from,
		   least(m.month_end, s.months_until, s.until) AS counted_until,
		   least(m.month_end, s.months_until, s.until, now()) AS measured_until
	FROM subscriptions s
	CROSS JOIN LATERAL (
		SELECT g::date AS month, g AT TIME ZONE s.time_zone AS month_start,
			   (g + interval '1 month') AT TIME ZONE s.time_zone AS month_end
		FROM generate_series(date_trunc('month', s.since AT TIME ZONE s.time_zone),
							 least(s.until, now()) AT TIME ZONE s.time_zone, interval '1 month') AS g
	) m
	WHERE m.month_start >= s.months_from
	  AND m.month_start < s.months_until
	  AND m.month_start < s.until
), figures AS (
	SELECT m.*, ticket_sla.availability_target(m.terms) AS target,
		   EXTRACT(epoch FROM m.counted_until - m.counted_from) AS seconds,
		   u.planned_seconds, u.without_seconds - u.planned_seconds AS down_seconds
	FROM months m
	-- the month's stretches without the service, cut to it, each planned
	-- one once more (planned_only): the length of the union of all, and of
	-- the planned, each stretch adding what it reaches past the furthest
	-- end before it (in the order of the starts)
	CROSS JOIN LATERAL (
		SELECT coalesce(EXTRACT(epoch FROM sum(a.adds) FILTER (WHERE NOT a.planned_only)), 0) AS without_seconds,
			   coalesce(EXTRACT(epoch FROM sum(a.adds) FILTER (WHERE a.planned_only)), 0) AS planned_seconds
		FROM (
			SELECT s.planned_only,
				   greatest(s.ends - greatest(s.starts, coalesce(max(s.ends) OVER w, s.starts)), interval '0') AS adds
			FROM (
				SELECT x.planned_only, greatest(pg_catalog.lower(k.during), m.counted_from) AS starts,
					   least(coalesce(pg_catalog.upper(k.during), now()), m.measured_until) AS ends
				FROM (
					SELECT o.during, false AS planned
					FROM ticket_sla.outages o
					WHERE o.service_id = m.service_id
					  AND (o.customers IS NULL OR m.customer_id = ANY (o.customers))
					  AND o.during OPERATOR(pg_catalog.&&) tstzrange(m.counted_from, m.measured_until)
					UNION ALL
					SELECT w.during,
						   coalesce(ticket_sla.maintenance_from(w.announced_at, m.terms) <= pg_catalog.lower(w.during), false)
					FROM ticket_sla.maintenance_windows w
					WHERE w.service_id = m.service_id
					  AND (w.customers IS NULL OR m.customer_id = ANY (w.customers))
					  AND w.during OPERATOR(pg_catalog.&&) tstzrange(m.counted_from, m.measured_until)
				) k
				CROSS JOIN LATERAL (VALUES (false), (true)) AS x (planned_only)
				WHERE k.planned OR NOT x.planned_only
			) s
			WINDOW w AS (PARTITION BY s.planned_only ORDER BY s.starts
						 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
		) a
	) u
)
SELECT f.customer_id, f.organisation, f.service_id, sv.name AS service, f.month, f.time_zone, f.terms_id,
	   f.counted_from, f.counted_until,
	   round(f.seconds / 60.0, 3) AS minutes, round(f.down_seconds / 60.0, 3) AS minutes_down,
	   round(f.planned_seconds / 60.0, 3) AS minutes_maintenance,
	   trunc(coalesce(100.0 * (f.seconds - f.planned_seconds - f.down_seconds)
					  / nullif(f.seconds - f.planned_seconds, 0.0), 100.0), 3) AS availability_pct,
	   f.target AS target_pct,
	   CASE WHEN f.down_seconds > b.budget THEN false WHEN now() >= f.counted_until THEN true END AS met,
	   round((b.budget - f.down_seconds) / 60.0, 3) AS margin_minutes,
	   now() >= f.counted_until AS complete
FROM figures f
CROSS JOIN LATERAL (SELECT (f.seconds - f.planned_seconds) * (100.0 - f.target) / 100.0 AS budget) b
JOIN ticket_sla.services sv ON sv.service_id = f.service_id;

COMMENT ON VIEW ticket_sla.availability IS
'Per customer, service and month (the first day, in the plan''s time zone) under a plan with an availability target: the minutes counted (the whole month, or its part subscribed), minutes down and of planned maintenance (up to now), the availability in % (truncated to 3 decimals; the rest of a running month counted as up), the target, met (NULL while the month runs and the budget lasts; false once spent), the margin (minutes of downtime the budget has left; negative: over it), complete (0.6)';
COMMENT ON COLUMN ticket_sla.availability.minutes IS
'The minutes counted: the whole month (a DST month in Europe has 743 or 745 hours), or its part subscribed';
COMMENT ON COLUMN ticket_sla.availability.margin_minutes IS
'The minutes of downtime left in the month''s budget, (minutes - minutes_maintenance) x (100 - target) / 100 - minutes_down; negative once breached';

-- services and subscriptions are the admin's; outages and windows are
-- recorded by agents (the on-call) and admins; only the admin deletes
GRANT SELECT ON ticket_sla.services, ticket_sla.customer_services, ticket_sla.outages,
	ticket_sla.maintenance_windows, ticket_sla.availability
	TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;
GRANT INSERT, UPDATE, DELETE ON ticket_sla.services, ticket_sla.customer_services,
	ticket_sla.outages, ticket_sla.maintenance_windows
	TO ticket_sla_admin;
GRANT INSERT, UPDATE ON ticket_sla.outages, ticket_sla.maintenance_windows TO ticket_sla_agent;

-- The tables of service availability (0.6), in the order the update marks them
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.services', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.services_service_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.customer_services', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.outages', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.outages_outage_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.maintenance_windows', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.maintenance_windows_window_id_seq', '');

------------------------------------------------------------------------------
-- What-if (0.6, issue 20): proposed terms replayed over history
--
-- "If we had promised P3 in 1 business day instead of 2 last quarter, how
-- many breaches would we have had?"  what_if takes the tickets of a
-- contract or of a customer opened in a period and gives every cycle of
-- every target (the first response, each resolution cycle, each reply
-- owed, each update interval) with its deadline and outcome as the store
-- recorded them (the terms each ticket had) and as the proposed terms
-- would have given them.  The history replayed is the store's own: the
-- clock start, the ledger's paused stretches of the resolution clock
-- (waits, and the time resolved before a reopening), the severity and
-- support level each cycle ended with, and the cycles of the conversation
-- (target_cycles); a due date set by hand stays the hand's.  The proposed
-- deadlines come from the engine's functions under the proposed terms
-- localized for each customer (localized) and chosen per kind (terms_for),
-- as the trigger stamps them.  Clauses that would change the stretches
-- themselves are refused (0A000), never ignored: a change of "response
-- means qualified answer", "on reopen restart" over reopened tickets, a
-- clock start that moves ("phone only out of hours", or other hours for
-- it), and an update target given or taken away.
------------------------------------------------------------------------------

CREATE FUNCTION ticket_sla.clock_start(opened_at timestamptz, by_phone boolean, c ticket_sla.contract)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'contract_clock_start'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.clock_start(timestamptz, boolean, ticket_sla.contract) IS
'When the clocks of a ticket opened at OPENED_AT start under plan C, as the store stamps clock_start: at once, or at the next opening for a request out of hours not BY_PHONE under a plan saying phone only out of hours';

-- One outcome of a target's cycle, for what_if (C: it is called twice for
-- every cycle replayed)
CREATE FUNCTION ticket_sla.what_if_outcome(due timestamptz, ended timestamptz, settles boolean,
	reading timestamptz, manual boolean)
RETURNS text
AS 'MODULE_PATHNAME', 'what_if_outcome'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION ticket_sla.what_if_outcome(timestamptz, timestamptz, boolean, timestamptz, boolean) IS
'The outcome of a target''s cycle due at DUE and ended at ENDED (NULL: still open, read at READING), as what_if gives it: manual (due set by hand), no target, met, breached, open, or not due (ended, SETTLES false, before it fell due)';

-- The first clause of the proposed terms that what_if would have to replay
-- by changing the stretches themselves, with the first case it concerns;
-- no row when there is none
CREATE FUNCTION ticket_sla.what_if_refusal(period tstzrange, proposed ticket_sla.contract,
	contract_id integer, customer_id integer,
	OUT clause text, OUT case_number text, OUT detail text)
RETURNS SETOF record
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	WITH scope AS MATERIALIZED (
		SELECT tk.ticket_id, tk.case_number, tk.customer_id, tk.terms_id, tk.opened_at, tk.channel,
			   tk.clock_start, tk.cycle, tk.severity, tk.support_level, tk.request_type, tk.tier
		  FROM ticket_sla.tickets tk
		 WHERE tk.opened_at <@ period
		   AND (what_if_refusal.customer_id IS NULL OR tk.customer_id = what_if_refusal.customer_id)
		   AND (what_if_refusal.contract_id IS NULL
				OR tk.terms_id IN (SELECT ct.terms_id FROM ticket_sla.contract_terms ct
								   WHERE ct.contract_id = what_if_refusal.contract_id))
	), held AS MATERIALIZED (
		SELECT ct.terms_id, ct.terms FROM ticket_sla.contract_terms ct
		 WHERE ct.terms_id IN (SELECT s.terms_id FROM scope s)
	), localized AS MATERIALIZED (
		SELECT cu.customer_id, ticket_sla.localized(proposed, cu.time_zone, cu.holiday_regions) AS terms
		  FROM ticket_sla.customers cu
		 WHERE cu.customer_id IN (SELECT s.customer_id FROM scope s)
	), kinds AS MATERIALIZED (
		-- every kind a ticket was held to: now, and in each stretch of its
		-- ledger; each with the first case held to it
		SELECT k.terms_id, k.severity, k.request_type, k.tier, k.level, min(k.case_number) AS case_number
		  FROM (SELECT s.terms_id, s.severity, s.request_type, s.tier, s.support_level::integer AS level,
					   s.case_number
				  FROM scope s
				UNION ALL
				SELECT g.terms_id, g.severity, s.request_type, s.tier,
					   coalesce(g.support_level, s.support_level)::integer, s.case_number
				  FROM scope s
				  JOIN ticket_sla.clock_segments g ON g.ticket_id = s.ticket_id AND g.clock = 'resolution') k
		 GROUP BY k.terms_id, k.severity, k.request_type, k.tier, k.level
	)
	(SELECT 'response means qualified answer', min(s.case_number),
			'Which agent messages answer would change, and with them the first responses and the replies.'
	   FROM scope s JOIN held h ON h.terms_id = s.terms_id
	  WHERE ticket_sla.qualified_responses(h.terms) <> ticket_sla.qualified_responses(proposed)
	 HAVING count(*) > 0
	 UNION ALL
	 SELECT 'on reopen restart', min(s.case_number),
			'The resolution target given afresh at a reopening is not replayed.'
	   FROM scope s
	  WHERE ticket_sla.reopen_restarts(proposed) AND s.cycle > 1
	 HAVING count(*) > 0
	 UNION ALL
	 SELECT 'phone only out of hours', min(s.case_number),
			'The clock of a ticket would start at another instant than the store recorded.'
	   FROM scope s JOIN localized l ON l.customer_id = s.customer_id
	  WHERE ticket_sla.clock_start(s.opened_at, s.channel = 'phone', l.terms) <> s.clock_start
	 HAVING count(*) > 0
	 UNION ALL
	 SELECT 'update every', min(k.case_number),
			'The proposed terms give or take away an update target of a severity a ticket was held to: its update intervals would be others.'
	   FROM kinds k JOIN held h ON h.terms_id = k.terms_id
	  WHERE (ticket_sla.update_deadline('2000-01-03 12:00+00', k.severity,
										ticket_sla.terms_for(h.terms, k.request_type, k.tier, k.level)) IS NULL)
			<> (ticket_sla.update_deadline('2000-01-03 12:00+00', k.severity,
										   ticket_sla.terms_for(proposed, k.request_type, k.tier, k.level)) IS NULL)
	 HAVING count(*) > 0)
	LIMIT 1
$$;

COMMENT ON FUNCTION ticket_sla.what_if_refusal(tstzrange, ticket_sla.contract, integer, integer) IS
'The first clause of PROPOSED that what_if cannot replay over the tickets of the period (it would change the stretches themselves), with the first case concerned and why; no row when what_if can replay them all';

CREATE FUNCTION ticket_sla.what_if(period tstzrange, proposed ticket_sla.contract,
	contract_id integer DEFAULT NULL, customer_id integer DEFAULT NULL)
RETURNS TABLE (ticket_id bigint, case_number text, severity ticket_sla.severity,
	target ticket_sla.sla_clock, cycle integer, due_now timestamptz, outcome_now text,
	due_proposed timestamptz, outcome_proposed text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
-- the kinds of tickets are a handful: joined to every cycle by hashing
-- them, not by sorting every cycle (the planner, blind to their number,
-- chose to sort: a third of the time over 250,000 tickets)
SET enable_mergejoin = off
AS $$
#variable_conflict use_column
DECLARE
	refused record;
	-- whether the proposal gives some support level terms of its own: only
	-- then is the level each finished cycle ended with looked up
	by_level boolean;
BEGIN
	PERFORM ticket_sla.what_if_check(what_if.period, what_if.proposed, what_if.contract_id,
									 what_if.customer_id);
	SELECT * INTO refused
	  FROM ticket_sla.what_if_refusal(what_if.period, what_if.proposed, what_if.contract_id,
									  what_if.customer_id);
	IF FOUND THEN
		RAISE EXCEPTION 'what_if does not replay "%" of the proposed terms over case %',
			refused.clause, refused.case_number
			USING ERRCODE = 'feature_not_supported', DETAIL = refused.detail,
				  HINT = 'Propose terms that keep this clause as the tickets'' terms have it, or a period without such tickets.';
	END IF;
	SELECT EXISTS (
		SELECT FROM ticket_sla.request_types r CROSS JOIN unnest(enum_range(NULL::ticket_sla.tier)) AS tr
		 WHERE ticket_sla.terms_for(what_if.proposed, r.request_type, tr, 1)
				   OPERATOR(ticket_sla.<>) ticket_sla.terms_for(what_if.proposed, r.request_type, tr, 2)
			OR ticket_sla.terms_for(what_if.proposed, r.request_type, tr, 1)
				   OPERATOR(ticket_sla.<>) ticket_sla.terms_for(what_if.proposed, r.request_type, tr, 3))
	  INTO by_level;
	RETURN QUERY
	WITH scope AS MATERIALIZED (
		SELECT tk.ticket_id, tk.case_number, tk.severity, tk.request_type, tk.tier, tk.support_level,
			   tk.clock_start, tk.first_response_at, tk.response_due, tk.response_due_set,
			   tk.resolved_at, tk.resolution_due, tk.resolution_due_set, tk.paused_since, tk.cycle,
			   tk.awaiting_reply_since, tk.reply_cycle, tk.reply_due, tk.update_from, tk.update_cycle,
			   tk.update_due, cu.time_zone, cu.holiday_regions,
			   -- the customer's locale as a key (the proposal is localized per locale)
			   coalesce(cu.time_zone, '') AS zone_key, coalesce(cu.holiday_regions::text, '-') AS regions_key
		  FROM ticket_sla.tickets tk
		  JOIN ticket_sla.customers cu ON cu.customer_id = tk.customer_id
		 -- the tickets of the contract (that of their terms) or of the
		 -- customer opened in the period, as the caller sees them
		 WHERE tk.opened_at <@ what_if.period
		   AND (what_if.customer_id IS NULL OR tk.customer_id = what_if.customer_id)
		   AND (what_if.contract_id IS NULL
				OR tk.terms_id IN (SELECT ct.terms_id FROM ticket_sla.contract_terms ct
								   WHERE ct.contract_id = what_if.contract_id))
	), cycles AS (
		-- the current cycles, on the ticket
		SELECT s.ticket_id, s.case_number, s.severity, s.time_zone, s.holiday_regions, s.zone_key,
			   s.regions_key, s.request_type, s.tier, s.resolved_at AS resolved_now, c.*
		  FROM scope s
		 CROSS JOIN LATERAL (VALUES
			('response'::ticket_sla.sla_clock, 1, s.severity, s.support_level::integer, s.clock_start,
			 s.first_response_at, true, now(), NULL::timestamptz, s.response_due,
			 s.response_due_set IS NOT NULL),
			('resolution', s.cycle, s.severity, s.support_level, s.clock_start, s.resolved_at, true,
			 coalesce(s.paused_since, now()), coalesce(s.paused_since, 'infinity'), s.resolution_due,
			 s.resolution_due_set IS NOT NULL),
			('reply', s.reply_cycle, s.severity, s.support_level, s.awaiting_reply_since, NULL, true,
			 now(), NULL, s.reply_due, false),
			('update', s.update_cycle, s.severity, s.support_level, s.update_from, NULL, true,
			 now(), NULL, s.update_due, false)
			) AS c (target, cycle, sev, level, start, ended, settles, reading, cutoff, due_now, manual)
		 WHERE c.start IS NOT NULL
		UNION ALL
		-- the finished ones, each with the severity and support level it ended with
		SELECT s.ticket_id, s.case_number, s.severity, s.time_zone, s.holiday_regions, s.zone_key,
			   s.regions_key, s.request_type, s.tier, s.resolved_at, f.target, f.cycle, f.severity,
			   CASE WHEN by_level
					THEN coalesce((SELECT g.support_level FROM ticket_sla.clock_segments g
								   WHERE g.ticket_id = f.ticket_id AND g.clock = f.target
									 AND g.cycle = f.cycle
								   ORDER BY g.to_at DESC LIMIT 1), s.support_level)
					ELSE s.support_level END::integer,
			   CASE WHEN f.target = 'resolution' THEN s.clock_start ELSE f.started_at END,
			   f.ended_at, NOT (f.target = 'update' AND f.ended_by <> 'update'), f.ended_at, f.ended_at,
			   f.due_at, f.due_manual
		  FROM scope s
		  JOIN ticket_sla.target_cycles f ON f.ticket_id = s.ticket_id
	), kinds AS MATERIALIZED (
		-- the proposal as each kind of ticket sees it, in its customer's locale
		SELECT k.*, ticket_sla.terms_for(ticket_sla.localized(what_if.proposed, k.time_zone, k.holiday_regions),
										 k.request_type, k.tier, k.level) AS terms
		  FROM (SELECT c.zone_key, c.regions_key, c.time_zone, c.holiday_regions, c.request_type, c.tier,
					   c.level
				  FROM cycles c
				 GROUP BY c.zone_key, c.regions_key, c.time_zone, c.holiday_regions, c.request_type, c.tier,
					   c.level) k
	)
	SELECT c.ticket_id, c.case_number, c.severity, c.target, c.cycle,
		   c.due_now, ticket_sla.what_if_outcome(c.due_now, c.ended, c.settles, c.reading, c.manual),
		   p.due, ticket_sla.what_if_outcome(p.due, c.ended, c.settles, c.reading, c.manual)
	  FROM cycles c
	  JOIN kinds k ON k.zone_key = c.zone_key AND k.regions_key = c.regions_key
				  AND k.request_type = c.request_type AND k.tier = c.tier AND k.level = c.level
	 -- the time the resolution clock was paused before the cycle's deadline
	 -- was read, on the target's own clock under the proposed terms; a
	 -- stretch in a status that stops the clock counts from the resolution
	 -- (a ticket filed as resolved stood so, in the ledger, from its opening)
	 CROSS JOIN LATERAL (
		SELECT coalesce(sum((ticket_sla.resolution_progress(
					CASE WHEN st.clock = 'stopped'
						 THEN greatest(g.from_at, coalesce(
								  (SELECT f.ended_at FROM ticket_sla.target_cycles f
								   WHERE f.ticket_id = g.ticket_id AND f.target = 'resolution'
									 AND f.cycle = g.cycle), c.resolved_now))
						 ELSE g.from_at END,
					c.sev, k.terms, '0', '0', g.to_at, false)).used), '0') AS paused
		  FROM ticket_sla.clock_segments g
		  JOIN ticket_sla.statuses st ON st.status = g.reason
		 WHERE c.target = 'resolution' AND NOT c.manual
		   AND g.ticket_id = c.ticket_id AND g.clock = 'resolution' AND g.state = 'paused'
		   AND g.to_at <= c.cutoff
	 ) AS z
	 CROSS JOIN LATERAL (
		SELECT CASE WHEN c.manual THEN c.due_now
					WHEN c.target = 'response' THEN ticket_sla.response_deadline(c.start, c.sev, k.terms)
					WHEN c.target = 'reply' THEN ticket_sla.reply_deadline(c.start, c.sev, k.terms)
					WHEN c.target = 'update' THEN ticket_sla.update_deadline(c.start, c.sev, k.terms)
					ELSE (ticket_sla.resolution_progress(c.start, c.sev, k.terms, z.paused, z.paused,
														 c.start, false)).due
			   END AS due
	 ) AS p
	 ORDER BY c.ticket_id, c.target, c.cycle;
END
$$;

COMMENT ON FUNCTION ticket_sla.what_if(tstzrange, ticket_sla.contract, integer, integer) IS
'Every cycle of every target of the tickets of CONTRACT_ID or CUSTOMER_ID (exactly one) opened in PERIOD, with its deadline and outcome as recorded and as the PROPOSED terms would have given them, replaying the recorded history (ledger, severity changes, conversation cycles, reopenings; due dates set by hand stay); refuses (0A000) a clause that would change the stretches themselves';

-- The arguments of what_if and what_if_summary, checked
CREATE FUNCTION ticket_sla.what_if_check(period tstzrange, proposed ticket_sla.contract,
	contract_id integer, customer_id integer)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF (contract_id IS NULL) = (customer_id IS NULL) THEN
		RAISE EXCEPTION 'what_if takes a contract or a customer, not %',
			CASE WHEN contract_id IS NULL THEN 'neither' ELSE 'both' END
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give exactly one of contract_id => ... and customer_id => ....';
	END IF;
	IF contract_id IS NOT NULL AND NOT EXISTS (SELECT FROM ticket_sla.contracts c WHERE c.contract_id = what_if_check.contract_id) THEN
		RAISE EXCEPTION 'contract % does not exist', contract_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = (SELECT 'The contracts are ' || coalesce(string_agg(format('%s (%s)', c.contract_id, c.name), ', '
																	  ORDER BY c.contract_id), 'none') || '.'
							FROM ticket_sla.contracts c);
	END IF;
	IF customer_id IS NOT NULL AND NOT EXISTS (SELECT FROM ticket_sla.customers c WHERE c.customer_id = what_if_check.customer_id) THEN
		RAISE EXCEPTION 'customer % does not exist', customer_id
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'ticket_sla.customers lists the customers and their ids.';
	END IF;
	IF period IS NULL OR isempty(period) OR lower_inf(period) OR upper_inf(period) THEN
		RAISE EXCEPTION 'what_if replays the tickets opened in a period, not %', coalesce(period::text, 'NULL')
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give a bounded range of instants, such as ''[2026-07-01 00:00+00, 2026-10-01 00:00+00)''.';
	END IF;
	IF proposed IS NULL THEN
		RAISE EXCEPTION 'what_if replays proposed terms, not NULL'
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give the terms as a contract, such as (SELECT terms FROM ticket_sla.contracts WHERE name = ...) edited.';
	END IF;
END
$$;

COMMENT ON FUNCTION ticket_sla.what_if_check(tstzrange, ticket_sla.contract, integer, integer) IS
'Checks the arguments of what_if and what_if_summary: exactly one of an existing contract or customer, a bounded non-empty period, terms (22023)';

CREATE FUNCTION ticket_sla.what_if_summary(period tstzrange, proposed ticket_sla.contract,
	contract_id integer DEFAULT NULL, customer_id integer DEFAULT NULL)
RETURNS TABLE (severity ticket_sla.severity, tickets bigint,
	targets_now bigint, met_now bigint, breached_now bigint, compliance_now numeric,
	targets_proposed bigint, met_proposed bigint, breached_proposed bigint, compliance_proposed numeric,
	breaches_gained bigint, breaches_lost bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT n.severity, n.tickets, n.targets_now, n.met_now, n.breached_now,
		   round(100.0 * n.met_now / nullif(n.met_now + n.breached_now, 0), 1),
		   n.targets_proposed, n.met_proposed, n.breached_proposed,
		   round(100.0 * n.met_proposed / nullif(n.met_proposed + n.breached_proposed, 0), 1),
		   n.gained, n.lost
	  FROM (SELECT w.severity, count(DISTINCT w.ticket_id) AS tickets,
				   count(*) FILTER (WHERE w.outcome_now IN ('met', 'breached', 'open')) AS targets_now,
				   count(*) FILTER (WHERE w.outcome_now = 'met') AS met_now,
				   count(*) FILTER (WHERE w.outcome_now = 'breached') AS breached_now,
				   count(*) FILTER (WHERE w.outcome_proposed IN ('met', 'breached', 'open')) AS targets_proposed,
				   count(*) FILTER (WHERE w.outcome_proposed = 'met') AS met_proposed,
				   count(*) FILTER (WHERE w.outcome_proposed = 'breached') AS breached_proposed,
				   count(*) FILTER (WHERE w.outcome_proposed = 'breached' AND w.outcome_now <> 'breached') AS gained,
				   count(*) FILTER (WHERE w.outcome_now = 'breached' AND w.outcome_proposed <> 'breached') AS lost
			  FROM ticket_sla.what_if(period, proposed, contract_id, customer_id) w
			 GROUP BY ROLLUP (w.severity)) n
	 ORDER BY n.severity NULLS LAST
$$;

COMMENT ON FUNCTION ticket_sla.what_if_summary(tstzrange, ticket_sla.contract, integer, integer) IS
'what_if added up per severity of the tickets and overall (severity NULL): tickets, targets with a deadline (met, breached or open), met, breached and compliance % as recorded and under the PROPOSED terms, and the breaches the proposed terms would add (gained) and remove (lost)';

-- Planning reads every ticket's history: for the reporting role and the
-- admin, not for agents (who work the queue); row-level security applies
-- (SECURITY INVOKER), so an uncleared reader replays no confidential ticket
REVOKE EXECUTE ON FUNCTION ticket_sla.what_if(tstzrange, ticket_sla.contract, integer, integer),
	ticket_sla.what_if_summary(tstzrange, ticket_sla.contract, integer, integer),
	ticket_sla.what_if_refusal(tstzrange, ticket_sla.contract, integer, integer),
	ticket_sla.what_if_check(tstzrange, ticket_sla.contract, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ticket_sla.what_if(tstzrange, ticket_sla.contract, integer, integer),
	ticket_sla.what_if_summary(tstzrange, ticket_sla.contract, integer, integer),
	ticket_sla.what_if_refusal(tstzrange, ticket_sla.contract, integer, integer),
	ticket_sla.what_if_check(tstzrange, ticket_sla.contract, integer, integer)
	TO ticket_sla_reporting, ticket_sla_admin;
