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
	ADD COLUMN cycle integer NOT NULL DEFAULT 1,
	ADD COLUMN reopened_at timestamptz,
	ADD COLUMN awaiting_reply_since timestamptz,
	ADD COLUMN reply_cycle integer NOT NULL DEFAULT 0,
	ADD COLUMN reply_due timestamptz,
	ADD COLUMN last_agent_message_at timestamptz,
	ADD COLUMN update_from timestamptz,
	ADD COLUMN update_cycle integer NOT NULL DEFAULT 0,
	ADD COLUMN update_due timestamptz;

COMMENT ON COLUMN ticket_sla.tickets.cycle IS
'The resolution cycle: 1, and one more at each reopening (0.6)';
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
		   OLD.severity, OLD.terms_id
	  FROM (VALUES
			('resolution'::ticket_sla.sla_clock, OLD.cycle, coalesce(OLD.reopened_at, OLD.clock_start),
			 OLD.resolution_due,
			 CASE WHEN NEW.cycle <> OLD.cycle THEN OLD.resolved_at END, 'resolution'),
			('reply', OLD.reply_cycle, OLD.awaiting_reply_since, OLD.reply_due, reply_end,
			 CASE WHEN resolved THEN 'resolution' ELSE 'answer' END),
			('update', OLD.update_cycle, OLD.update_from, OLD.update_due, update_end,
			 CASE WHEN resolved THEN 'resolution'
				  WHEN NEW.update_from IS NULL THEN 'pause' ELSE 'update' END)
		   ) AS c (target, cycle, started_at, due_at, ended_at, ended_by)
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
	  OR OLD.awaiting_reply_since IS DISTINCT FROM NEW.awaiting_reply_since
	  OR OLD.update_from IS DISTINCT FROM NEW.update_from)
EXECUTE FUNCTION ticket_sla.record_segments();

CREATE VIEW ticket_sla.clock_ledger WITH (security_invoker = true) AS
SELECT t.ticket_id, t.case_number, s.clock, s.from_at, s.to_at, s.state, s.reason,
	   s.severity, s.business_time, s.to_at - s.from_at AS elapsed, s.support_level, s.cycle
FROM ticket_sla.clock_segments s
JOIN ticket_sla.tickets t ON t.ticket_id = s.ticket_id
UNION ALL
SELECT t.ticket_id, t.case_number, o.clock, o.from_at, NULL, o.state, o.reason,
	   t.severity, ticket_sla.plan_time_between(o.from_at, greatest(now(), o.from_at), ct.terms),
	   greatest(now(), o.from_at) - o.from_at, t.support_level, o.cycle
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
WHERE o.open;

COMMENT ON VIEW ticket_sla.clock_ledger IS
'Every stretch of every ticket''s clocks (response, resolution, reply, update): the finished ones of clock_segments and those still running (to_at NULL, times so far), with the cycle of their clock';

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
-- ticket was opened, before the conversation's last turn, or in the future
-- is refused.  Nobody changes or deletes a message (deleting a ticket
-- deletes its messages), and who recorded it is the role that inserted it.
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
BEGIN
	PERFORM ticket_sla.require_trigger_relation('ticket_sla.record_message', TG_RELID,
												'ticket_sla.messages');
	SELECT tk.case_number, tk.opened_at, tk.resolved_at, tk.first_response_at,
		   tk.awaiting_reply_since, tk.last_agent_message_at,
		   ticket_sla.qualified_responses(ct.terms) AS qualified_only
	  INTO t
	  FROM ticket_sla.tickets tk
	  JOIN ticket_sla.contract_terms ct ON ct.terms_id = tk.terms_id
	 WHERE tk.ticket_id = NEW.ticket_id
	   FOR NO KEY UPDATE OF tk;
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
	IF NEW.sent_at < greatest(t.awaiting_reply_since, t.last_agent_message_at) THEN
		RAISE EXCEPTION 'message of case % sent at % is before the conversation''s last turn at %',
			t.case_number, NEW.sent_at, greatest(t.awaiting_reply_since, t.last_agent_message_at)
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Messages are recorded in the order they were sent.';
	END IF;
	answers := NEW.author = 'agent' AND NEW.public AND (NEW.qualified OR NOT t.qualified_only);
	IF NEW.author = 'agent' AND NEW.public THEN
		UPDATE ticket_sla.tickets
		   SET first_response_at = CASE WHEN answers THEN coalesce(first_response_at, NEW.sent_at)
										ELSE first_response_at END,
			   awaiting_reply_since = CASE WHEN answers THEN NULL ELSE awaiting_reply_since END,
			   last_agent_message_at = NEW.sent_at
		 WHERE ticket_id = NEW.ticket_id;
	ELSIF NEW.author = 'customer' AND t.first_response_at IS NOT NULL
		  AND t.awaiting_reply_since IS NULL AND t.resolved_at IS NULL THEN
		UPDATE ticket_sla.tickets SET awaiting_reply_since = NEW.sent_at
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
-- The views, made again over the new clocks
------------------------------------------------------------------------------

CREATE VIEW ticket_sla.breaches WITH (security_invoker = true) AS
SELECT t.ticket_id, t.case_number, t.customer_id, cu.organisation,
	   co.name AS contract, t.severity, b.target, b.due, b.met_at,
	   ticket_sla.plan_time_between(b.due, b.reading, ct.terms) AS late_business,
	   b.reading - b.due AS late_clock
FROM ticket_sla.tickets t
JOIN ticket_sla.customers cu ON cu.customer_id = t.customer_id
JOIN ticket_sla.contract_terms ct ON ct.terms_id = t.terms_id
JOIN ticket_sla.contracts co ON co.contract_id = ct.contract_id
CROSS JOIN LATERAL (VALUES
	('response'::ticket_sla.sla_clock, t.response_due, t.first_response_at,
	 coalesce(t.first_response_at, now())),
	('resolution', t.resolution_due, t.resolved_at,
	 coalesce(t.resolved_at, t.paused_since, now()))
) AS b (target, due, met_at, reading)
WHERE b.reading > b.due;

COMMENT ON VIEW ticket_sla.breaches IS
'Every missed target, answered late or still open (met_at NULL): how late, in business time under the plan''s hours and in clock time (so far, for an open one)';

GRANT SELECT ON ticket_sla.breaches TO ticket_sla_agent, ticket_sla_reporting, ticket_sla_admin;

-- The tables of 0.6, in the order the update marks them
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.target_cycles', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.messages', '');
SELECT pg_catalog.pg_extension_config_dump('ticket_sla.messages_message_id_seq', '');
