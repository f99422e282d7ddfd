# Security of the install scripts and of the roles (issue 6), part 1:
# hostile objects.  What it proves, on a fresh node:
#
# A non-superuser, mallory, who can create in the schema the installer's
# search_path starts with (public of a database she owns, as PostgreSQL 15
# gives a database owner; her own schema put first in another database),
# plants decoys before CREATE EXTENSION: functions, operators and aggregates
# that would capture an unqualified call of the install scripts or of the
# extension's SQL and PL/pgSQL functions by matching its argument types
# better than pg_catalog does (each found by reading every body and stored
# expression of the scripts), and, once the types exist, operators on the
# extension's own types.  Each decoy records that it ran, and as whom.  No
# decoy runs: not while a superuser installs the extension, nor while the
# superuser and every role of the extension use it under that search_path;
# no object of the extension refers to anything outside pg_catalog and its
# own schema; and the extension refuses to belong to mallory's schema,
# whose DROP SCHEMA ... CASCADE would drop it with every ticket.
#
# The other parts: 007_precreated_objects.pl, 008_catalog_privileges.pl,
# 009_role_access.pl (their helpers are test/t/lib/TicketSlaSecurity.pm).
# Every expectation is derived from sql/ticket_sla.sql (the current version
# script) (named at each check), not from a run.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use TicketSlaTap;
use TicketSlaSecurity;

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
	# ticket_sla.availability (0.6): a range's bounds and overlap: exact
	# signatures beat pg_catalog's polymorphic (anyrange) ones; integers
	# with numeric beat numeric's (its lead() is qualified too, though only
	# a superuser can make a window function)
	[ 'lower(tstzrange)', 'FUNCTION $S.lower(tstzrange) RETURNS timestamptz', 'lower($1)' ],
	[ 'upper(tstzrange)', 'FUNCTION $S.upper(tstzrange) RETURNS timestamptz', 'upper($1)' ],
	[ '&&(tstzrange, tstzrange)', 'FUNCTION $S.d_overlaps_tstz(tstzrange, tstzrange) RETURNS boolean',
	  '$1 && $2', 'OPERATOR $S.&& (LEFTARG = tstzrange, RIGHTARG = tstzrange, FUNCTION = $S.d_overlaps_tstz)' ],
	[ '*(integer, numeric)', 'FUNCTION $S.d_mul_i4_num(integer, numeric) RETURNS numeric',
	  '$1 * $2', 'OPERATOR $S.* (LEFTARG = integer, RIGHTARG = numeric, FUNCTION = $S.d_mul_i4_num)' ],
	[ '/(numeric, integer)', 'FUNCTION $S.d_div_num_i4(numeric, integer) RETURNS numeric',
	  '$1 / $2', 'OPERATOR $S./ (LEFTARG = numeric, RIGHTARG = integer, FUNCTION = $S.d_div_num_i4)' ],
);

# Planted once the extension's types exist (mallory needs USAGE on schema
# ticket_sla for them: she is given ticket_sla_reporting, as a BI account)
my @decoys_after = (
	# exact operators of the extension's enums beat pg_catalog's (anyenum,
	# anyenum) ones wherever a query is parsed under a path that finds them:
	# clock_ledger compares a status's clock effect with 'running', and
	# nothing of the extension may pick up these (0.4's clock_paused_by,
	# an inlined SQL function, was parsed under the caller's path)
	[ '<>(ticket_sla.clock_effect, ticket_sla.clock_effect)',
	  'FUNCTION $S.d_ne_effect(ticket_sla.clock_effect, ticket_sla.clock_effect) RETURNS boolean',
	  '$1 <> $2', 'OPERATOR $S.<> (LEFTARG = ticket_sla.clock_effect, RIGHTARG = ticket_sla.clock_effect, FUNCTION = $S.d_ne_effect)' ],
	[ '=(ticket_sla.clock_effect, ticket_sla.clock_effect)',
	  'FUNCTION $S.d_eq_effect(ticket_sla.clock_effect, ticket_sla.clock_effect) RETURNS boolean',
	  '$1 = $2', 'OPERATOR $S.= (LEFTARG = ticket_sla.clock_effect, RIGHTARG = ticket_sla.clock_effect, FUNCTION = $S.d_eq_effect)' ],
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
GRANT CREATE ON DATABASE victim2 TO mallory;});
sql($node, 'SET ROLE mallory; CREATE SCHEMA hostile; GRANT USAGE ON SCHEMA hostile TO PUBLIC', db => 'victim2');

my $log_offset = -s $node->logfile;
sql($node, "SET ROLE mallory;\n" . decoy_sql('public', \@decoys_before, 1), db => 'victim');
sql($node, "SET ROLE mallory;\n" . decoy_sql('hostile', \@decoys_before, 1), db => 'victim2');
is( catalog($node, 'victim', q{
SELECT (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace) > 15,
       (SELECT count(*) FROM pg_operator WHERE oprnamespace = 'public'::regnamespace)}),
	"t|9", 'mallory planted her decoys in public of victim: functions, nine operators, two aggregates');

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

# the login roles of the rest of the test; mallory, given
# ticket_sla_reporting as a BI account, may use the extension's types
sql($node, login_roles_sql() . "\nGRANT ticket_sla_reporting TO mallory;");
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
	catalog($node, 'victim2', probe_sql());
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

done_testing();
