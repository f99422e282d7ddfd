# Security of the install scripts and of the roles (issue 6).  What it
# proves, on fresh nodes:
#
# 1. Hostile objects.  A non-superuser, mallory, who can create in the
#    schema the installer's search_path starts with (public of a database
#    she owns, as PostgreSQL 15 gives a database owner; her own schema put
#    first in another database), plants decoys before CREATE EXTENSION:
#    functions, operators and aggregates that would capture an unqualified
#    call of the install scripts or of the extension's SQL and PL/pgSQL
#    functions by matching its argument types better than pg_catalog does
#    (each found by reading every body and stored expression of the
#    scripts), and, once the types exist, operators on the extension's own
#    types.  Each decoy records that it ran, and as whom.  No decoy runs:
#    not while a superuser installs the extension, nor while the superuser
#    and every role of the extension use it under that search_path; no
#    object of the extension refers to anything outside pg_catalog and its
#    own schema; and the extension refuses to belong to mallory's schema,
#    whose DROP SCHEMA ... CASCADE would drop it with every ticket.
# 2. Pre-created objects.  A schema ticket_sla created beforehand by a
#    hostile user makes CREATE EXTENSION fail with nothing left behind.
#    Roles named like the extension's, created beforehand by a CREATEROLE
#    user, are taken over as found (what that means is in the notes there).
# 3. The catalogs: SECURITY DEFINER functions run with search_path
#    pg_catalog, pg_temp, every PL/pgSQL function has a fixed search_path,
#    superusers own everything, PUBLIC can neither run the functions that
#    change data (nor, from 0.4, any trigger function) nor write anything, and only the roles the README names
#    run retarget and process_escalations; no role calls
#    take_premium_request (the tickets' trigger takes premium requests as
#    the extension's owner).
# 4. The roles: ticket_sla_reporting writes no table and sees no
#    confidential ticket in the table or any view; ticket_sla_agent changes
#    no contract, customer or terms, raises no escalation_level, calls
#    neither retarget nor process_escalations and spends no customer's
#    premium requests; the admin needs clearance
#    like anybody else; a cleared agent sees everything.  Refusals are
#    SQLSTATE 42501.
#
# Every expectation is derived from ticket_sla--0.1.sql and the update
# scripts (named at each check), not from a run.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use TicketSlaTap;

# ------------------------------------------------------------------------
# Helpers
# ------------------------------------------------------------------------

# SQL as $role (SET ROLE from the superuser's session: privileges and
# row-level security are the role's) under search_path $path
sub as_role
{
	my ($node, $db, $role, $path, $sql) = @_;
	return sql($node, "SET ROLE $role;\nSET search_path = $path;\n$sql", db => $db);
}

# Catalog queries as the superuser with nothing but pg_catalog on the
# path: in a database full of decoys the test's own SQL must not meet them
sub catalog
{
	my ($node, $db, $sql) = @_;
	return sql($node, "SET search_path = pg_catalog;\n$sql", db => $db);
}

# 'ok', or the SQLSTATE of the first error of $sql run by psql
sub outcome_psql
{
	my ($node, $db, $sql) = @_;
	my ($rc, $out, $err) = $node->psql($db, "\\set VERBOSITY verbose\nSET TimeZone = 'UTC';\n$sql");
	return 'ok' if $rc == 0;
	return $err =~ /ERROR:  ([0-9A-Z]{5}):/ ? $1 : "failed without SQLSTATE: $err";
}

# probe.outcome(sql) runs a statement as the current role and always rolls
# it back: 'ok N' (N rows) or the SQLSTATE it failed with
my $probe_sql = q{
CREATE SCHEMA probe;
GRANT USAGE ON SCHEMA probe TO PUBLIC;
CREATE FUNCTION probe.outcome(q text) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n bigint;
BEGIN
	EXECUTE q;
	GET DIAGNOSTICS n = ROW_COUNT;
	RAISE EXCEPTION USING ERRCODE = 'P0999', MESSAGE = n::text;
EXCEPTION WHEN OTHERS THEN
	IF SQLSTATE = 'P0999' THEN
		RETURN 'ok ' || SQLERRM;
	END IF;
	RETURN SQLSTATE;
END
$$;};

sub outcome
{
	my ($node, $db, $role, $stmt) = @_;
	(my $quoted = $stmt) =~ s/'/''/g;
	return as_role($node, $db, $role, 'pg_catalog', "SELECT probe.outcome('$quoted')");
}

# ------------------------------------------------------------------------
# The decoys
#
# Each records its name, the role it ran as and the statement into
# <schema>.decoy_log, raises a WARNING that reaches the server log even
# from a transaction rolled back, and then returns what pg_catalog's own
# function would (its body runs under search_path pg_catalog), so that a
# capture goes unnoticed by the victim, as a real one would.
# ------------------------------------------------------------------------

# [ what is captured, CREATE ... of the decoy ]; $S stands for the schema.
# Planted before CREATE EXTENSION.
my @decoys_before = (
	# ticket_sla.sla_status: round((r.share * 100)::numeric, 1): share is
	# double precision, 100 an integer; pg_catalog has only *(float8, float8)
	[ '*(double precision, integer)',
	  'FUNCTION $S.d_mul_f8_i4(double precision, integer) RETURNS double precision',
	  '$1 * $2', 'OPERATOR $S.* (LEFTARG = double precision, RIGHTARG = integer, FUNCTION = $S.d_mul_f8_i4)' ],
	# ticket_sla.compliance: 100.0 * g.targets_met / nullif(...): numeric
	# times and over bigint (sums of integers); pg_catalog has only numeric
	# with numeric
	[ '*(numeric, bigint)', 'FUNCTION $S.d_mul_num_i8(numeric, bigint) RETURNS numeric',
	  '$1 * $2', 'OPERATOR $S.* (LEFTARG = numeric, RIGHTARG = bigint, FUNCTION = $S.d_mul_num_i8)' ],
	[ '/(numeric, bigint)', 'FUNCTION $S.d_div_num_i8(numeric, bigint) RETURNS numeric',
	  '$1 / $2', 'OPERATOR $S./ (LEFTARG = numeric, RIGHTARG = bigint, FUNCTION = $S.d_div_num_i8)' ],
	# string building with a number: text || integer beats anynonarray
	[ '||(text, integer)', 'FUNCTION $S.d_cat_text_i4(text, integer) RETURNS text',
	  '$1 || $2', 'OPERATOR $S.|| (LEFTARG = text, RIGHTARG = integer, FUNCTION = $S.d_cat_text_i4)' ],
	# same signatures as pg_catalog's: captured only if pg_catalog were not
	# searched first (the CHECKs' btrim(x) <> '', DEFAULT now(), views)
	[ '<>(text, text)', 'FUNCTION $S.d_ne_text(text, text) RETURNS boolean',
	  '$1 <> $2', 'OPERATOR $S.<> (LEFTARG = text, RIGHTARG = text, FUNCTION = $S.d_ne_text)' ],
	[ '=(text, text)', 'FUNCTION $S.d_eq_text(text, text) RETURNS boolean',
	  '$1 = $2', 'OPERATOR $S.= (LEFTARG = text, RIGHTARG = text, FUNCTION = $S.d_eq_text)' ],
	[ 'now()', 'FUNCTION $S.now() RETURNS timestamptz', 'pg_catalog.now()' ],
	[ 'btrim(text)', 'FUNCTION $S.btrim(text) RETURNS text', 'btrim($1)' ],
	# the DO block's format('CREATE ROLE %I NOLOGIN', r) and
	# check_named_contacts' format(...): a fixed signature beats VARIADIC "any"
	[ 'format(text, text)', 'FUNCTION $S.format(text, text) RETURNS text', 'format($1, $2)' ],
	[ 'format(text, integer)', 'FUNCTION $S.format(text, integer) RETURNS text', 'format($1, $2)' ],
	[ 'lower(varchar)', 'FUNCTION $S.lower(varchar) RETURNS text', 'lower($1)' ],
	# the policies' pg_has_role('ticket_sla_cleared', 'MEMBER'): for two
	# literals (text, text) beats pg_catalog's (name, text)
	[ 'pg_has_role(text, text)', 'FUNCTION $S.pg_has_role(text, text) RETURNS boolean',
	  'pg_has_role($1::name, $2)' ],
	[ 'pg_has_role(name, text)', 'FUNCTION $S.pg_has_role(name, text) RETURNS boolean',
	  'pg_has_role($1, $2)' ],
	# nextval('...') on a literal: text beats regclass
	[ 'nextval(text)', 'FUNCTION $S.nextval(text) RETURNS bigint', 'nextval($1::regclass)' ],
	# the update to 0.3: pg_extension_config_dump('ticket_sla.x', '')
	[ 'pg_extension_config_dump(text, text)',
	  'FUNCTION $S.pg_extension_config_dump(text, text) RETURNS void',
	  'PERFORM pg_extension_config_dump($1::regclass, $2)' ],
	# count(*) in check_named_contacts, retarget, quarterly_report
	[ 'count(*)', 'FUNCTION $S.d_count(bigint) RETURNS bigint', '$1 + 1',
	  q{AGGREGATE $S.count(*) (SFUNC = $S.d_count, STYPE = bigint, INITCOND = '0')} ],
	# ticket_sla.compliance: percentile_cont(0.5) WITHIN GROUP (ORDER BY
	# interval): 0.5 is numeric, pg_catalog's direct argument double precision
	[ 'percentile_cont(numeric ORDER BY interval)',
	  'FUNCTION $S.d_pc_final(interval[], numeric, interval) RETURNS interval',
	  '(SELECT percentile_cont($2::double precision) WITHIN GROUP (ORDER BY x) FROM unnest($1) x)',
	  q{FUNCTION $S.d_pc_add(interval[], interval) RETURNS interval[]
	LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS 'SELECT $1 || $2';
CREATE AGGREGATE $S.percentile_cont(numeric ORDER BY interval) (SFUNC = $S.d_pc_add,
	STYPE = interval[], INITCOND = '{}', FINALFUNC = $S.d_pc_final, FINALFUNC_EXTRA)} ],
);

# Planted once the extension's types exist (mallory needs USAGE on schema
# ticket_sla for them: she is given ticket_sla_reporting, as a BI account)
my @decoys_after = (
	# ticket_sla.clock_paused_by: SELECT status NOT IN ('new', 'in progress'),
	# a SQL function without a fixed search_path: its body is parsed (or
	# inlined) under the caller's path, and an exact <>(status, status)
	# beats pg_catalog's <>(anyenum, anyenum)
	[ '<>(ticket_sla.status, ticket_sla.status)',
	  'FUNCTION $S.d_ne_status(ticket_sla.status, ticket_sla.status) RETURNS boolean',
	  '$1 <> $2', 'OPERATOR $S.<> (LEFTARG = ticket_sla.status, RIGHTARG = ticket_sla.status, FUNCTION = $S.d_ne_status)' ],
	[ '=(ticket_sla.status, ticket_sla.status)',
	  'FUNCTION $S.d_eq_status(ticket_sla.status, ticket_sla.status) RETURNS boolean',
	  '$1 = $2', 'OPERATOR $S.= (LEFTARG = ticket_sla.status, RIGHTARG = ticket_sla.status, FUNCTION = $S.d_eq_status)' ],
	[ '=(ticket_sla.severity, ticket_sla.severity)',
	  'FUNCTION $S.d_eq_sev(ticket_sla.severity, ticket_sla.severity) RETURNS boolean',
	  '$1 = $2', 'OPERATOR $S.= (LEFTARG = ticket_sla.severity, RIGHTARG = ticket_sla.severity, FUNCTION = $S.d_eq_sev)' ],
	[ '<(ticket_sla.severity, ticket_sla.severity)',
	  'FUNCTION $S.d_lt_sev(ticket_sla.severity, ticket_sla.severity) RETURNS boolean',
	  '$1 < $2', 'OPERATOR $S.< (LEFTARG = ticket_sla.severity, RIGHTARG = ticket_sla.severity, FUNCTION = $S.d_lt_sev)' ],
	[ '=(ticket_sla.tier, ticket_sla.tier)',
	  'FUNCTION $S.d_eq_tier(ticket_sla.tier, ticket_sla.tier) RETURNS boolean',
	  '$1 = $2', 'OPERATOR $S.= (LEFTARG = ticket_sla.tier, RIGHTARG = ticket_sla.tier, FUNCTION = $S.d_eq_tier)' ],
	[ '=(ticket_sla.sla_clock, ticket_sla.sla_clock)',
	  'FUNCTION $S.d_eq_clock(ticket_sla.sla_clock, ticket_sla.sla_clock) RETURNS boolean',
	  '$1 = $2', 'OPERATOR $S.= (LEFTARG = ticket_sla.sla_clock, RIGHTARG = ticket_sla.sla_clock, FUNCTION = $S.d_eq_clock)' ],
	# record_contract_terms compares terms with OPERATOR(ticket_sla.=)
	[ '=(ticket_sla.contract, ticket_sla.contract)',
	  'FUNCTION $S.d_eq_contract(ticket_sla.contract, ticket_sla.contract) RETURNS boolean',
	  '$1 OPERATOR(ticket_sla.=) $2', 'OPERATOR $S.= (LEFTARG = ticket_sla.contract, RIGHTARG = ticket_sla.contract, FUNCTION = $S.d_eq_contract)' ],
);

# The SQL, run as mallory, that plants @$decoys in schema $schema (with the
# log table and its writer when $with_log)
sub decoy_sql
{
	my ($schema, $decoys, $with_log) = @_;
	my $sql = "SET search_path = pg_catalog;\n";
	$sql .= qq{
CREATE TABLE \$S.decoy_log (decoy text, ran_as name, query text);
GRANT INSERT ON \$S.decoy_log TO PUBLIC;
CREATE FUNCTION \$S.decoy_ran(decoy text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS \$\$
BEGIN
	INSERT INTO \$S.decoy_log VALUES (decoy, current_user, current_query());
	RAISE WARNING 'ticket_sla decoy ran: % as %', decoy, current_user;
END
\$\$;
} if $with_log;
	for my $d (@$decoys)
	{
		my ($what, $function, $result, $wrapper) = @$d;
		(my $name = $what) =~ s/'/''/g;
		my $finish = $result =~ /^PERFORM / ? "$result; RETURN;" : "RETURN $result;";
		$sql .= "CREATE $function\nLANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS "
		  . "\$\$BEGIN PERFORM \$S.decoy_ran('$name'); $finish END\$\$;\n";
		$sql .= "CREATE $wrapper;\n" if defined $wrapper;
	}
	$sql =~ s/\$S\b/$schema/g;
	return $sql;
}

# What the decoys of $schema logged, one "decoy as role" line each (empty
# when none ran), and the WARNINGs in the server log since $offset
sub decoys_ran
{
	my ($node, $db, $schema, $offset) = @_;
	my $logged = catalog($node, $db, qq{
SELECT coalesce(string_agg(DISTINCT decoy || ' as ' || ran_as, E'\\n'), '') FROM $schema.decoy_log});
	my $server_log = slurp_file($node->logfile, $offset);
	my %warned = map { $_ => 1 } $server_log =~ /WARNING:  ticket_sla decoy ran: (.*)/g;
	return ($logged, join("\n", sort keys %warned));
}

# ------------------------------------------------------------------------
# Using the extension: literal statements only, so that the test's own SQL
# meets no decoy; what runs is the extension's code (the triggers,
# retarget, process_escalations, the views, quarterly_report) under the
# caller's search_path $path
# ------------------------------------------------------------------------

# 28 tickets, four per customer of the seven seed plans, at fixed instants
# of March 2024, every fifth confidential
sub tickets_sql
{
	my ($first, $count, $summary) = @_;
	my @channels   = qw(phone email web chat);
	my @severities = qw(critical high medium low);
	my @rows;
	for my $i ($first .. $first + $count - 1)
	{
		my $day  = 1 + $i % 20;
		my $hour = 6 + ($i * 5) % 14;
		my $at   = sprintf('2024-03-%02d %02d:%02d+00', $day, $hour, (7 * $i) % 60);
		push @rows, sprintf("(%d, 'Service %d', '%s %d', '%s', 'Impact', 'Description', 'Current', "
			  . "'Expected', '%s', '%s', '%s', %s)",
			1 + $i % 7, $i % 5, $summary, $i, $at, $channels[ $i % 4 ], $severities[ int($i / 7) % 4 ],
			$at, $i % 5 == 2 ? 'true' : 'false');
	}
	return "INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,\n"
	  . "\tdescription, current_behaviour, expected_behaviour, channel, severity, opened_at, confidential)\nVALUES "
	  . join(",\n", @rows) . ";\n";
}

my $store_sql = seed_plans_sql() . q{
INSERT INTO ticket_sla.customers (organisation, contract_id, contract_start) VALUES
	('Customer 1', 1, '2024-01-01'), ('Customer 2', 2, '2024-01-01'), ('Customer 3', 3, '2024-01-01'),
	('Customer 4', 4, '2024-01-01'), ('Customer 5', 5, '2024-01-01'), ('Customer 6', 6, '2024-01-01'),
	('Customer 7', 7, '2024-01-01');
-- Kaspersky Enhanced Support with TAM has named contacts: the trigger counts them
INSERT INTO ticket_sla.contacts (customer_id, name, email) VALUES
	(3, 'Anna', 'anna@example.org'), (3, 'Bert', 'bert@example.org'), (4, 'Cleo', 'cleo@example.org');
} . tickets_sql(0, 28, 'Ticket') . q{
UPDATE ticket_sla.tickets SET first_response_at = clock_start + interval '40 minutes' WHERE ticket_id IN (2, 5, 9, 14, 20);
UPDATE ticket_sla.tickets SET status = 'waiting on customer', changed_at = '2024-03-21 10:00+00' WHERE ticket_id IN (3, 8, 13);
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = '2024-03-22 10:00+00' WHERE ticket_id = 8;
UPDATE ticket_sla.tickets SET status = 'resolved', changed_at = '2024-03-23 10:00+00' WHERE ticket_id IN (4, 9, 18);
UPDATE ticket_sla.tickets SET severity = 'critical', changed_at = '2024-03-24 10:00+00' WHERE ticket_id IN (11, 12);
UPDATE ticket_sla.contracts
SET terms = 'plan "Cyren Standard"; tier standard; hours (Mon-Fri 09:00-18:00; tz America/New_York; holidays US);
  critical: respond within 2 business hours, escalate after 1 hour to "Director of Support Services";
  high: respond within 6 business hours, resolve within 3 business days'
WHERE name = 'Cyren Standard';
SELECT ticket_sla.retarget('Cyren Standard');
SELECT ticket_sla.process_escalations('2024-03-25 00:00+00');
};

# every view of the store, and quarterly_report (TicketSlaTap's queries,
# which call no operator)
sub read_views
{
	my ($node, $db, $role, $path) = @_;
	my %q = view_queries();
	as_role($node, $db, $role, $path, join(";\n", map { $q{$_} } sort keys %q));
	return;
}

# The whole store used by the superuser and each role under $path
sub use_extension
{
	my ($node, $db, $path, $first_ticket) = @_;
	as_role($node, $db, 'postgres', $path, "SET client_min_messages = warning;\n$store_sql");
	read_views($node, $db, 'postgres', $path);
	as_role($node, $db, 'agnes', $path, tickets_sql($first_ticket, 3, 'Agent ticket') . qq{
UPDATE ticket_sla.tickets SET status = 'in progress', first_response_at = '2024-03-26 10:00+00',
	changed_at = '2024-03-26 10:00+00' WHERE ticket_id = 1;
UPDATE ticket_sla.tickets SET status = 'waiting on customer', changed_at = '2024-03-26 11:00+00' WHERE ticket_id = 1;});
	as_role($node, $db, 'adam', $path, q{
SET client_min_messages = warning;
UPDATE ticket_sla.contracts SET terms = 'plan "Cyren Gold"; tier premium; critical: respond within 20 minutes'
WHERE name = 'Cyren Gold';
SELECT ticket_sla.retarget('Cyren Gold');
SELECT ticket_sla.process_escalations('2024-03-27 00:00+00');});
	for my $role (qw(agnes clara adam rita))
	{
		read_views($node, $db, $role, $path);
	}
	return;
}

# ========================================================================
# 2. Pre-created objects (a node of its own: roles belong to the cluster,
#    and the main node must find none of the extension's roles)
# ========================================================================

my $pre = new_node('precreated');
$pre->start;
sql($pre, q{
CREATE ROLE mallory LOGIN;
CREATE ROLE eve LOGIN CREATEROLE;
GRANT CREATE ON DATABASE postgres TO mallory;
SET ROLE mallory;
CREATE SCHEMA ticket_sla;
CREATE TABLE ticket_sla.bait (x integer);});

# the install script's first statement is CREATE SCHEMA ticket_sla: an
# existing schema makes it fail (42P06, duplicate_schema), and the whole
# CREATE EXTENSION is rolled back
is(outcome_psql($pre, 'postgres', "SET search_path = public;\nCREATE EXTENSION ticket_sla"),
	'42P06', 'CREATE EXTENSION fails on a schema ticket_sla created by a hostile user (42P06)');
is( catalog($pre, 'postgres', q{
SELECT count(*) FROM pg_extension WHERE extname = 'ticket_sla';
SELECT count(*) FROM pg_roles WHERE rolname LIKE 'ticket\_sla\_%';
SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'ticket_sla';
SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relnamespace = 'ticket_sla'::regnamespace;
SELECT count(*) FROM pg_proc WHERE pronamespace = 'ticket_sla'::regnamespace;
SELECT count(*) FROM pg_type WHERE typnamespace = 'ticket_sla'::regnamespace AND typname NOT IN ('bait', '_bait');
SELECT count(*) FROM pg_operator WHERE oprnamespace = 'ticket_sla'::regnamespace}),
	"0\n0\nmallory\nbait\n0\n0\n0",
	'and leaves nothing behind: no extension, no role, nothing added to the hostile schema');

# Roles: the DO block of ticket_sla--0.1.sql creates each of the four roles
# only "IF NOT EXISTS": a role created beforehand is used as it is, with
# its attributes and its members.  Here eve (CREATEROLE, not a superuser)
# creates ticket_sla_cleared able to log in, and makes herself a member.
sql($pre, q{
SET ROLE mallory;
DROP SCHEMA ticket_sla CASCADE;
SET ROLE eve;
CREATE ROLE ticket_sla_cleared LOGIN;
GRANT ticket_sla_cleared TO eve;});
is(outcome_psql($pre, 'postgres', 'CREATE EXTENSION ticket_sla'), 'ok',
	'CREATE EXTENSION succeeds with a role of the extension created beforehand by a CREATEROLE user');
is( catalog($pre, 'postgres', q{
SELECT string_agg(rolname || ' login ' || rolcanlogin, ', ' ORDER BY rolname) FROM pg_roles
WHERE rolname LIKE 'ticket\_sla\_%';
SELECT pg_has_role('eve', 'ticket_sla_cleared', 'MEMBER')}),
	"ticket_sla_admin login false, ticket_sla_agent login false, ticket_sla_cleared login true, "
	  . "ticket_sla_reporting login false\nt",
	'the pre-created role is taken over as found: it can still log in and eve is still cleared');
# What that means on PostgreSQL 15: nothing more than CREATEROLE gives
# anyway.  A CREATEROLE user may grant herself any role that is not a
# superuser, those the script created included, and make any of them
# LOGIN.  (From PostgreSQL 16 on a CREATEROLE user administers only the
# roles she created: there, pre-creating a role of the extension would
# keep for her the power to grant it; see the report.)
is( outcome_psql($pre, 'postgres', q{
SET ROLE eve;
GRANT ticket_sla_admin, ticket_sla_agent TO eve;
ALTER ROLE ticket_sla_reporting LOGIN;}),
	'ok', 'PostgreSQL 15: a CREATEROLE user grants herself the roles the script created, pre-created or not');
$pre->stop;

# ========================================================================
# 1. Hostile objects
# ========================================================================

my $node = new_node('security');
$node->start;

# victim: owned by mallory, so that she owns its schema public (PostgreSQL
# 15 gives CREATE on public to the database owner only); the superuser
# installs the extension there with search_path = public.
# victim2: owned by the superuser; mallory may create schemas, and the
# superuser's search_path starts with her schema hostile.
sql($node, q{
CREATE ROLE mallory LOGIN;
CREATE DATABASE victim OWNER mallory;
CREATE DATABASE victim2;
GRANT CREATE ON DATABASE victim2 TO mallory;
CREATE DATABASE roles;});
sql($node, 'SET ROLE mallory; CREATE SCHEMA hostile; GRANT USAGE ON SCHEMA hostile TO PUBLIC', db => 'victim2');

my $log_offset = -s $node->logfile;
sql($node, "SET ROLE mallory;\n" . decoy_sql('public', \@decoys_before, 1), db => 'victim');
sql($node, "SET ROLE mallory;\n" . decoy_sql('hostile', \@decoys_before, 1), db => 'victim2');
is( catalog($node, 'victim', q{
SELECT (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace) > 15,
       (SELECT count(*) FROM pg_operator WHERE oprnamespace = 'public'::regnamespace)}),
	"t|6", 'mallory planted her decoys in public of victim: functions, six operators, two aggregates');

is(outcome_psql($node, 'victim', "SET search_path = public;\nCREATE EXTENSION ticket_sla"), 'ok',
	'a superuser installs the extension in victim with search_path = public');
# Under search_path hostile, public the extension would belong to
# mallory's schema (the control file names none), and she could drop it
# with every ticket: it refuses, and installs with SCHEMA pg_catalog, the
# way its hint says
is(outcome_psql($node, 'victim2', "SET search_path = hostile, public;\nCREATE EXTENSION ticket_sla"),
	'42501', 'CREATE EXTENSION refuses to belong to a schema mallory owns (42501)');
my $install2 = outcome_psql($node, 'victim2',
	"SET search_path = hostile, public;\nCREATE EXTENSION ticket_sla SCHEMA pg_catalog");
is($install2, 'ok', 'and installs in victim2 with search_path = hostile, public, SCHEMA pg_catalog');
is(join(' | ', decoys_ran($node, 'victim', 'public', $log_offset)), ' | ',
	'no decoy ran while the extension was installed');

# the login roles of the rest of the test
sql($node, q{
CREATE ROLE agnes LOGIN IN ROLE ticket_sla_agent;
CREATE ROLE clara LOGIN IN ROLE ticket_sla_agent, ticket_sla_cleared;
CREATE ROLE adam LOGIN IN ROLE ticket_sla_admin;
CREATE ROLE rita LOGIN IN ROLE ticket_sla_reporting;
GRANT ticket_sla_reporting TO mallory;});
sql($node, "SET ROLE mallory;\n" . decoy_sql('public', \@decoys_after, 0), db => 'victim');
sql($node, "SET ROLE mallory;\n" . decoy_sql('hostile', \@decoys_after, 0), db => 'victim2') if $install2 eq 'ok';

# No member of the extension refers to an object outside pg_catalog and
# its own schema: an unqualified call bound at install time to a decoy
# shows up here (the views' rules, defaults, constraints, policies,
# triggers, indexes)
my $foreign_refs = q{
WITH member AS (
	SELECT classid, objid FROM pg_depend
	WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
	  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ticket_sla')),
part AS (
	SELECT classid, objid FROM member
	UNION
	SELECT d.classid, d.objid FROM pg_depend d JOIN member m
		ON d.refclassid = m.classid AND d.refobjid = m.objid AND d.deptype IN ('a', 'i'))
SELECT coalesce(string_agg(DISTINCT pg_describe_object(d.classid, d.objid, 0) || ' -> '
	|| pg_describe_object(d.refclassid, d.refobjid, 0), E'\n'), '')
FROM pg_depend d JOIN part p ON p.classid = d.classid AND p.objid = d.objid
WHERE (pg_identify_object(d.refclassid, d.refobjid, 0)).schema NOT IN ('pg_catalog', 'ticket_sla')};
is(catalog($node, 'victim', $foreign_refs), '',
	'victim: no object of the extension refers to anything outside pg_catalog and ticket_sla');

# The extension used by the superuser ("$user", public: the default) and
# by every role
use_extension($node, 'victim', '"$user", public', 100);
my ($logged, $warned) = decoys_ran($node, 'victim', 'public', $log_offset);
is($logged, '', 'victim: no decoy ran while the superuser and every role used the extension (decoy_log)');
is($warned, '', 'victim: no decoy ran, not even in a statement rolled back (server log)');

SKIP:
{
	skip "the extension was not installed in victim2 ($install2)", 4 unless $install2 eq 'ok';
	catalog($node, 'victim2', $probe_sql);
	is(catalog($node, 'victim2', $foreign_refs), '',
		'victim2: no object of the extension refers to anything outside pg_catalog and ticket_sla');
	use_extension($node, 'victim2', 'hostile, public', 100);
	my ($logged2) = decoys_ran($node, 'victim2', 'hostile', $log_offset);
	is($logged2, '', 'victim2: no decoy ran under search_path hostile, public (decoy_log)');
	# An extension depends on its schema: were it mallory's, she could drop
	# the extension and every ticket with DROP SCHEMA ... CASCADE
	is(outcome($node, 'victim2', 'mallory', 'DROP SCHEMA hostile CASCADE'), 'ok 0',
		'mallory may drop her schema hostile (probed, rolled back)');
	sql($node, 'SET ROLE mallory; SET client_min_messages = warning; DROP SCHEMA hostile CASCADE',
		db => 'victim2');
	is(catalog($node, 'victim2', q{SELECT count(*) FROM pg_extension WHERE extname = 'ticket_sla'}), '1',
		'victim2: the extension and its store survive mallory dropping her schema');
}

# ========================================================================
# 3. The catalogs (in roles, a database without decoys)
# ========================================================================

sql($node, 'CREATE EXTENSION ticket_sla', db => 'roles');
sql($node, $probe_sql, db => 'roles');

# the five SECURITY DEFINER functions of ticket_sla--0.1.sql, each with
# SET search_path = pg_catalog, pg_temp
is( catalog($node, 'roles', q{
SELECT string_agg(proname || ' ' || coalesce(array_to_string(proconfig, ';'), '-'), E'\n' ORDER BY proname)
FROM pg_proc WHERE pronamespace = 'ticket_sla'::regnamespace AND prosecdef}),
	join("\n", map { "$_ search_path=pg_catalog, pg_temp" }
		qw(process_escalations record_contract_terms record_segments retarget take_premium_request)),
	'every SECURITY DEFINER function runs with search_path = pg_catalog, pg_temp');
# every PL/pgSQL function fixes its search_path; the only SQL function
# without one is clock_paused_by, kept inlinable: its body is parsed under
# the caller's search_path, which part 1 tries
is( catalog($node, 'roles', q{
SELECT string_agg(p.proname || ' ' || l.lanname, ', ' ORDER BY p.proname)
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
WHERE p.pronamespace = 'ticket_sla'::regnamespace AND l.lanname IN ('sql', 'plpgsql')
  AND NOT coalesce(p.proconfig::text[] && ARRAY['search_path=pg_catalog, pg_temp'], false)}),
	'clock_paused_by sql', 'every PL/pgSQL function has a fixed search_path; of the SQL ones only clock_paused_by has none');
is( catalog($node, 'roles', q{
SELECT coalesce(string_agg(pg_describe_object(d.classid, d.objid, 0), ', '), '-')
FROM pg_depend d
JOIN LATERAL (
	SELECT proowner AS owner FROM pg_proc WHERE d.classid = 'pg_proc'::regclass AND oid = d.objid
	UNION ALL SELECT relowner FROM pg_class WHERE d.classid = 'pg_class'::regclass AND oid = d.objid
	UNION ALL SELECT typowner FROM pg_type WHERE d.classid = 'pg_type'::regclass AND oid = d.objid
	UNION ALL SELECT oprowner FROM pg_operator WHERE d.classid = 'pg_operator'::regclass AND oid = d.objid
	UNION ALL SELECT nspowner FROM pg_namespace WHERE d.classid = 'pg_namespace'::regclass AND oid = d.objid
) o ON true
JOIN pg_roles r ON r.oid = o.owner
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ticket_sla')
  AND NOT r.rolsuper;
SELECT count(*) > 50 FROM pg_depend WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'}),
	"-\nt", 'no function, relation, type, operator or schema of the extension is owned by a non-superuser');
# PUBLIC may execute no SECURITY DEFINER function and no trigger function
# (0.4: a trigger function attached to a role's own table would run with
# the rights it has); sql/privileges.sql tries every way in
is( catalog($node, 'roles', q{
SELECT coalesce(string_agg(proname, ',' ORDER BY proname), '-') FROM pg_proc
WHERE pronamespace = 'ticket_sla'::regnamespace AND (prosecdef OR prorettype = 'trigger'::regtype)
  AND has_function_privilege('public', oid, 'EXECUTE')}),
	'-',
	'PUBLIC may execute no SECURITY DEFINER function and no trigger function');
is(outcome($node, 'roles', 'rita', 'SELECT ticket_sla.record_segments()'), '42501',
	'a reporting role may not call record_segments (42501)');
is( catalog($node, 'roles', q{
SELECT f || ': ' || string_agg(r, ',' ORDER BY r)
FROM unnest(ARRAY['ticket_sla.retarget(text,integer)', 'ticket_sla.process_escalations(timestamptz)',
                  'ticket_sla.take_premium_request(integer,date,integer)']) f,
     unnest(ARRAY['ticket_sla_agent', 'ticket_sla_reporting', 'ticket_sla_admin', 'ticket_sla_cleared']) r
WHERE has_function_privilege(r, f::regprocedure, 'EXECUTE')
GROUP BY f ORDER BY f}),
	"ticket_sla.process_escalations(timestamptz): ticket_sla_admin\n"
	  . "ticket_sla.retarget(text,integer): ticket_sla_admin",
	'retarget and process_escalations are for the admin; take_premium_request for no role (the trigger takes premium requests as the owner)');
is( catalog($node, 'roles', q{
SELECT coalesce(string_agg(c.relname, ','), '-') FROM pg_class c
WHERE c.relnamespace = 'ticket_sla'::regnamespace
  AND (EXISTS (SELECT FROM aclexplode(c.relacl) a WHERE a.grantee = 0)
       OR EXISTS (SELECT FROM pg_attribute t, aclexplode(t.attacl) a WHERE t.attrelid = c.oid AND a.grantee = 0));
SELECT has_schema_privilege('public', 'ticket_sla', 'CREATE'), has_schema_privilege('public', 'ticket_sla', 'USAGE');
SELECT coalesce(string_agg(r, ','), '-') FROM unnest(ARRAY['ticket_sla_agent', 'ticket_sla_reporting',
	'ticket_sla_admin', 'ticket_sla_cleared']) r WHERE has_schema_privilege(r, 'ticket_sla', 'CREATE')}),
	"-\nf|f\n-", 'PUBLIC has no privilege on any table, column or sequence, nor CREATE on the schema; no role of the extension creates in it');

# ========================================================================
# 4. The roles (in roles: the store of fill_store and two more
#    confidential tickets, one open with an escalation and one resolved late)
# ========================================================================

fill_store($node, db => 'roles');
sql($node, q{
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact, description,
	current_behaviour, expected_behaviour, channel, severity, opened_at, confidential)
VALUES (5, 'Secret', 'Secret open', '2024-03-10 09:00+00', 'Impact', 'Description', 'Current', 'Expected',
	'phone', 'critical', '2024-03-10 09:00+00', true),
       (6, 'Secret', 'Secret late', '2024-03-11 09:00+00', 'Impact', 'Description', 'Current', 'Expected',
	'phone', 'critical', '2024-03-11 09:00+00', true);
UPDATE ticket_sla.tickets SET first_response_at = '2024-03-12 09:00+00', status = 'resolved',
	changed_at = '2024-03-12 10:00+00' WHERE summary = 'Secret late';
SELECT ticket_sla.process_escalations('2024-03-25 00:00+00');}, db => 'roles');

my @tables = store_tables($node, db => 'roles');
is(join(',', sort @tables), 'clock_segments,contacts,contract_terms,contracts,customers,escalations,premium_requests,tickets',
	'the eight tables of the store');
# a column each that an UPDATE may name (not an identity or generated one)
my %column = map { split /\|/ } split /\n/, catalog($node, 'roles', q{
SELECT DISTINCT ON (c.relname) c.relname, a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
WHERE c.relnamespace = 'ticket_sla'::regnamespace AND c.relkind = 'r' AND a.attnum > 0
  AND NOT a.attisdropped AND a.attidentity = '' AND a.attgenerated = ''
ORDER BY c.relname, a.attnum});

# every write of $role to @$tables: { "VERB table" => outcome }
sub writes
{
	my ($role, @which) = @_;
	my %out;
	for my $t (@which)
	{
		$out{"INSERT $t"} = outcome($node, 'roles', $role, "INSERT INTO ticket_sla.$t DEFAULT VALUES");
		$out{"UPDATE $t"} = outcome($node, 'roles', $role,
			"UPDATE ticket_sla.$t SET $column{$t} = $column{$t} WHERE false");
		$out{"DELETE $t"}   = outcome($node, 'roles', $role, "DELETE FROM ticket_sla.$t WHERE false");
		$out{"TRUNCATE $t"} = outcome($node, 'roles', $role, "TRUNCATE ticket_sla.$t");
	}
	return \%out;
}
sub all_42501 { my ($h) = @_; return { map { $_ => '42501' } keys %$h }; }

# ticket_sla_reporting: SELECT on every table and view, nothing else
my $rita_writes = writes('rita', @tables);
is_deeply($rita_writes, all_42501($rita_writes),
	'reporting: INSERT, UPDATE, DELETE and TRUNCATE of every table are refused (42501)');
is( join(' ', map { outcome($node, 'roles', 'rita', $_) }
		"SELECT ticket_sla.retarget('Cyren Standard')",
		"SELECT ticket_sla.process_escalations('2024-03-25 00:00+00')",
		"SELECT ticket_sla.take_premium_request(1, '2024-01-01', 5)",
		"SELECT nextval('ticket_sla.case_number_seq')"),
	'42501 42501 42501 42501',
	'reporting: retarget, process_escalations, take_premium_request and the case number sequence are refused (42501)');

# ticket_sla_agent: tickets only
my @agent_cannot = grep { $_ ne 'tickets' } @tables;
my $agnes_writes = writes('agnes', @agent_cannot);
is_deeply($agnes_writes, all_42501($agnes_writes),
	'agent: no write to contracts, contract_terms, customers, contacts, premium_requests, clock_segments, escalations (42501)');
# ticket 1 is customer 2's (fill_store: customer 1 + i % 7), open and not
# confidential; terms 1 are customer 1's contract's
is( join(' ', map { outcome($node, 'roles', 'agnes', $_) }
		"UPDATE ticket_sla.customers SET contract_id = 5 WHERE customer_id = 2",
		"UPDATE ticket_sla.contracts SET terms = 'tier premium' WHERE contract_id = 2",
		"UPDATE ticket_sla.tickets SET customer_id = 1 WHERE ticket_id = 1",
		"UPDATE ticket_sla.tickets SET escalation_level = escalation_level + 1 WHERE ticket_id = 1",
		"UPDATE ticket_sla.tickets SET next_escalation_at = NULL WHERE ticket_id = 1",
		"DELETE FROM ticket_sla.tickets WHERE ticket_id = 1",
		"SELECT ticket_sla.retarget('Cyren Standard')",
		"SELECT ticket_sla.process_escalations('2024-03-25 00:00+00')",
		"SELECT ticket_sla.take_premium_request(2, '2024-01-01', 100)"),
	'42501 42501 42501 42501 42501 42501 42501 42501 42501',
	"agent: another customer's contract, a ticket's customer, escalation_level, deleting, retarget, process_escalations, another customer's premium requests: 42501");
# terms_id is no role's to update from 0.4 (retarget moves tickets); the
# trigger would move a ticket only to its own contract's current terms
is(outcome($node, 'roles', 'agnes', 'UPDATE ticket_sla.tickets SET terms_id = 1 WHERE ticket_id = 1'), '42501',
	"agent: a ticket cannot be moved to other terms (42501)");
is(outcome($node, 'roles', 'agnes', "UPDATE ticket_sla.tickets SET holder = 'Agnes' WHERE ticket_id = 1"), 'ok 1',
	'agent: while working a ticket is allowed');

# Confidential tickets.  For each view: the rows the superuser sees, the
# rows of them that belong to no confidential ticket (what an uncleared
# role must see), and what each role sees.
my %visibility = (
	tickets        => [ 'SELECT count(*) FROM ticket_sla.tickets', 'WHERE NOT confidential' ],
	compliance     => [ q{SELECT coalesce(sum(tickets), 0) FROM ticket_sla.compliance WHERE period = 'month'} ],
	quarterly_report => [ q{SELECT count(*) FROM ticket_sla.customers c,
	LATERAL ticket_sla.quarterly_report(c.customer_id, '2024-Q1') r WHERE r.section = 'incident'},
	  'AND r.case_number NOT IN (SELECT case_number FROM ticket_sla.tickets WHERE confidential)' ],
	map { $_ => [ "SELECT count(*) FROM ticket_sla.$_ v",
			'WHERE v.ticket_id NOT IN (SELECT ticket_id FROM ticket_sla.tickets WHERE confidential)' ] }
	  qw(sla_status breaches queue ticket_outcomes clock_ledger clock_segments escalations));
# compliance counts tickets, one per month: the uncleared count the tickets
# that are not confidential
my $not_confidential = catalog($node, 'roles', 'SELECT count(*) FROM ticket_sla.tickets WHERE NOT confidential');
for my $view (sort keys %visibility)
{
	my ($count, $filter) = @{ $visibility{$view} };
	my $all = catalog($node, 'roles', $count);
	my $open = defined $filter ? catalog($node, 'roles', "$count $filter") : $not_confidential;
	cmp_ok($all, '>', $open, "$view: the superuser sees rows of confidential tickets ($all > $open)");
	my %seen = map { $_ => as_role($node, 'roles', $_, 'pg_catalog', $count) } qw(rita agnes adam clara);
	is_deeply(\%seen, { rita => $open, agnes => $open, adam => $open, clara => $all },
		"$view: reporting, agent and admin see only what is not confidential; the cleared agent sees all");
}
# nothing of a confidential ticket in anything reporting reads
my $secret = catalog($node, 'roles',
	q{SELECT string_agg(case_number, '|') || '|Secret' FROM ticket_sla.tickets WHERE confidential});
my %q = view_queries();
my $rita_reads = as_role($node, 'roles', 'rita', 'pg_catalog', join(";\n", map { $q{$_} } sort keys %q));
my @leaked = grep { index($rita_reads, $_) >= 0 } grep { /\S/ } split /\|/, $secret;
is(join(', ', @leaked), '', 'no case number (nor "Secret" summary) of a confidential ticket appears in any view reporting reads');
# an uncleared agent neither changes nor flags a confidential ticket
is( join(' ', map { outcome($node, 'roles', 'agnes', $_) }
		"UPDATE ticket_sla.tickets SET holder = 'Agnes' WHERE summary = 'Secret open'",
		"UPDATE ticket_sla.tickets SET confidential = true WHERE ticket_id = 1"),
	'ok 0 42501', 'agent: a confidential ticket is not there to change; flagging one confidential is refused (42501)');
is(outcome($node, 'roles', 'clara', "UPDATE ticket_sla.tickets SET holder = 'Clara' WHERE summary = 'Secret open'"),
	'ok 1', 'a cleared agent works a confidential ticket');
is(outcome($node, 'roles', 'adam', "SELECT ticket_sla.retarget('Cyren Standard')"), 'ok 1',
	'the admin may retarget');

done_testing();
