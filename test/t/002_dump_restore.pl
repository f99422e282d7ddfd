# pg_dump -Fc of a database with a filled ticket store, pg_restore into a
# new database of a second cluster: the extension, its schema and every
# table of ticket_sla row for row, and the deadlines recomputed there.
#
# The install script marks no table with pg_extension_config_dump, so
# pg_dump writes CREATE EXTENSION and no row of the store: the row-for-row
# comparisons of the real extension are TODO tests until it does.  The
# second half simulates the fix (the tables and sequences marked in
# pg_extension.extconfig by hand) and shows what a restore then needs.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use TicketSlaTap;

my $source = new_node('source');
$source->start;
sql($source, 'CREATE EXTENSION ticket_sla');
fill_store($source);

# the data set has what this test claims to carry over
is( sql($source, q{
SELECT count(*) || ' tickets, ' || count(*) FILTER (WHERE resolved_at IS NOT NULL) || ' resolved, '
    || count(*) FILTER (WHERE paused_since IS NOT NULL AND resolved_at IS NULL) || ' waiting, '
    || count(*) FILTER (WHERE escalation_level > 0) || ' escalated, '
    || count(*) FILTER (WHERE confidential) || ' confidential, '
    || count(DISTINCT terms_id) || ' versions of terms'
FROM ticket_sla.tickets}),
	'84 tickets, 14 resolved, 9 waiting, 16 escalated, 5 confidential, 8 versions of terms',
	'source: tickets resolved, paused, escalated, confidential, under two versions of terms');
is(deadline_mismatches($source), '', 'source: stamped deadlines agree with the functions');

my $before = table_fingerprints($source);
my $inputs = deadline_inputs($source);
my @tables = store_tables($source);
is( join(',', @tables),
	'clock_segments,contacts,contract_terms,contracts,customers,escalations,premium_requests,tickets',
	'the store has eight tables');

my $dump = "$PostgreSQL::Test::Utils::tmp_check/ticket_sla.dump";
$source->command_ok([ 'pg_dump', '-Fc', '-f', $dump, '-d', $source->connstr('postgres') ],
	'pg_dump -Fc');

my $target = new_node('target');
$target->start;
sql($target, 'CREATE DATABASE restored');
my ($out, $err) = run_command([ 'pg_restore', '-d', $target->connstr('restored'), $dump ]);
is($err, '', 'pg_restore into a new database reports no error');

is(sql($target, "SELECT extversion FROM pg_extension WHERE extname = 'ticket_sla'", db => 'restored'),
	'0.2', 'the restored database has the extension at 0.2');
is(text_diff(schema_catalog($target, db => 'restored'), schema_catalog($source)), '',
	'the restored schema is the source schema (catalogs compared by name)');
is(deadlines_differing($target, $inputs, db => 'restored'), '',
	"the restored node's functions recompute every source ticket's deadlines");

# What pg_dump wrote for the store: its configuration tables
my $toc = (run_command([ 'pg_restore', '-l', $dump ]))[0];
my @data_entries = sort map { /TABLE DATA ticket_sla (\S+)/ ? $1 : () } split /\n/, $toc;
note "TABLE DATA entries in the dump: @data_entries";
note 'pg_extension.extconfig: '
  . sql($source, "SELECT coalesce(extconfig::regclass[]::text, 'NULL') FROM pg_extension WHERE extname = 'ticket_sla'");

my $after = table_fingerprints($target, db => 'restored');
TODO:
{
	local $TODO = 'ticket_sla--0.1.sql marks no table or sequence with pg_extension_config_dump: pg_dump keeps none of the store';
	is(join(',', @data_entries), join(',', @tables), 'the dump holds the data of every table of the store');
	for my $key (sort keys %$before)
	{
		is($after->{$key}, $before->{$key}, "restored $key equals the source's");
	}
	is(deadline_mismatches($target, db => 'restored') . '|'
		  . sql($target, 'SELECT count(*) FROM ticket_sla.tickets', db => 'restored'),
		'|84', 'the restored tickets carry the deadlines the functions compute');
}

# ---------------------------------------------------------------------------
# The fix, simulated: a copy of the source database whose extension marks
# every table and sequence of the store as configuration (what calls of
# pg_extension_config_dump in the install and update scripts would record).
sql($source, 'CREATE DATABASE marked TEMPLATE postgres');
sql($source, q{
UPDATE pg_extension SET extconfig = m.oids, extcondition = m.conditions
FROM (SELECT array_agg(c.oid ORDER BY c.oid) AS oids, array_agg(''::text ORDER BY c.oid) AS conditions
      FROM pg_class c
      WHERE c.relnamespace = 'ticket_sla'::regnamespace AND c.relkind IN ('r', 'S')) m
WHERE extname = 'ticket_sla'}, db => 'marked');
is_deeply(table_fingerprints($source, db => 'marked'), $before, 'the marked copy holds the same store');

my $marked_dump = "$PostgreSQL::Test::Utils::tmp_check/marked.dump";
$source->command_ok([ 'pg_dump', '-Fc', '-f', $marked_dump, '-d', $source->connstr('marked') ],
	'pg_dump -Fc of the marked copy');

# A plain restore fires the store's triggers on the COPY of every row: the
# contracts' trigger adds terms of its own, the tickets' trigger refuses
# the stamped columns, and what references tickets finds none.
sql($target, 'CREATE DATABASE plain');
($out, $err) = run_command([ 'pg_restore', '-d', $target->connstr('plain'), $marked_dump ]);
note "plain pg_restore of the marked dump:\n$err";
my $plain = table_fingerprints($target, db => 'plain');
TODO:
{
	local $TODO = "the store's triggers fire on pg_restore's COPY (record_terms, stamp)";
	is($err, '', 'plain pg_restore of the marked dump reports no error');
	is_deeply($plain, $before, 'plain pg_restore of the marked dump restores every row');
}

# Restored with the triggers off (session_replication_role = replica, for
# a superuser), the marked dump carries everything.
sql($target, 'CREATE DATABASE replica');
{
	local $ENV{PGOPTIONS} = '-c session_replication_role=replica';
	($out, $err) = run_command([ 'pg_restore', '-d', $target->connstr('replica'), $marked_dump ]);
}
is($err, '', 'pg_restore of the marked dump with session_replication_role = replica: no error');
my $restored = table_fingerprints($target, db => 'replica');
for my $key (sort keys %$before)
{
	is($restored->{$key}, $before->{$key}, "marked dump, restored: $key equals the source's");
}
is(deadline_mismatches($target, db => 'replica'), '',
	'marked dump, restored: stamped deadlines agree with the functions');
is( sql($target, q{
SELECT ticket_sla.process_escalations('2024-03-20 00:00+00');
SELECT count(*) FROM ticket_sla.sla_status;
SELECT count(*) || ' ' || sum(targets_met) || ' ' || sum(targets_breached)
FROM ticket_sla.compliance WHERE period = 'quarter'}, db => 'replica'),
	sql($source, q{
SELECT 0;
SELECT count(*) FROM ticket_sla.sla_status;
SELECT count(*) || ' ' || sum(targets_met) || ' ' || sum(targets_breached)
FROM ticket_sla.compliance WHERE period = 'quarter'}),
	'marked dump, restored: no escalation fires twice, the views agree');
# the next ticket, contact and contract take the next numbers
is( sql($target, q{
INSERT INTO ticket_sla.contacts (customer_id, name) VALUES (1, 'New') RETURNING contact_id;
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
	description, current_behaviour, expected_behaviour, channel, severity, opened_at)
VALUES (4, 'Web', 'After the restore', '2024-05-02 13:00+00', 'Some', 'It broke', 'Broken', 'Works',
	'web', 'high', '2024-05-02 13:05+00')
RETURNING ticket_id, case_number, terms_id, response_due}, db => 'replica'),
	"22\n85|CASE-2024-000085|8|2024-05-02 19:05:00+00",
	'marked dump, restored: the next contact, ticket and case number follow on, under the current terms');

done_testing();
