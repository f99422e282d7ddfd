# pg_dump -Fc of a database with a filled ticket store, pg_restore into
# new databases of a second cluster, as docs/operations.md
# says: with the store's triggers off (session_replication_role = replica),
# in one transaction.  The extension, its schema and every table and
# sequence of ticket_sla come back row for row (0.3 marks them with
# pg_extension_config_dump), the deadlines agree with the functions, and
# the next ticket follows on.  A restore with the triggers on fails, and
# in one transaction leaves nothing behind.
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
# a request type and a status the admin added, and ticket 1 (waiting on
# the customer) in that status: the dump carries the added rows only,
# CREATE EXTENSION the built-in ones
sql($source, q{
INSERT INTO ticket_sla.request_types VALUES ('feature request', 'A wish for the product');
INSERT INTO ticket_sla.statuses VALUES ('on hold', 'paused', 'Held at the customer''s request');
UPDATE ticket_sla.tickets SET status = 'on hold', changed_at = paused_since + interval '1 hour'
WHERE ticket_id = 1 AND status = 'waiting on customer'});
is(sql($source, q{SELECT count(*) FROM ticket_sla.tickets WHERE status = 'on hold'}), '1',
	'source: a ticket in a status the admin added');
# due dates set by hand (0.6): the dump carries the override and its rows of
# due_changes, a confidential ticket's among them
sql($source, q{
SELECT ticket_sla.set_due(ticket_id, 'resolution', opened_at + interval '20 days', 'Agreed with the customer')
FROM ticket_sla.tickets
WHERE ticket_id IN (SELECT min(ticket_id) FROM ticket_sla.tickets WHERE resolved_at IS NULL GROUP BY confidential)});
is(sql($source, q{SELECT count(*) || ' ' || count(*) FILTER (WHERE t.confidential)
FROM ticket_sla.due_changes d JOIN ticket_sla.tickets t USING (ticket_id)}), '2 1',
	'source: two due dates set by hand, one of a confidential ticket');

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
	'clock_segments,contacts,contract_terms,contracts,customer_services,customers,due_changes,escalations,'
	  . 'held_notices,maintenance_windows,messages,outages,premium_requests,recipients,request_types,services,'
	  . 'statuses,target_cycles,target_events,tickets',
	'the store has twenty tables (due_changes, messages, target_cycles, target_events, recipients, held_notices and the four of service availability from 0.6)');

my $dump = "$PostgreSQL::Test::Utils::tmp_check/ticket_sla.dump";
$source->command_ok([ 'pg_dump', '-Fc', '-f', $dump, '-d', $source->connstr('postgres') ],
	'pg_dump -Fc');

# the dump holds the data of every table and sequence of the store
my $toc = (run_command([ 'pg_restore', '-l', $dump ]))[0];
my @data_entries = sort map { /(?:TABLE DATA|SEQUENCE SET) ticket_sla (\S+)/ ? $1 : () } split /\n/, $toc;
is( join(',', @data_entries),
	join(',', sort(@tables, sql($source, q{
SELECT string_agg(sequencename, E'\n') FROM pg_sequences WHERE schemaname = 'ticket_sla'}) =~ /(\S+)/g)),
	'the dump holds the rows of every table and the value of every sequence of the store');

my $target = new_node('target');
$target->start;
sql($target, 'CREATE DATABASE restored');
my ($out, $err);
{
	local $ENV{PGOPTIONS} = '-c session_replication_role=replica';
	($out, $err) = run_command([ 'pg_restore', '--single-transaction', '--exit-on-error',
		'-d', $target->connstr('restored'), $dump ]);
}
is($err, '', 'pg_restore with session_replication_role = replica reports no error');

is(sql($target, q{SELECT extversion = default_version FROM pg_extension, pg_available_extensions
WHERE extname = 'ticket_sla' AND name = extname}, db => 'restored'),
	't', 'the restored database has the extension at the current version');
is(text_diff(schema_catalog($target, db => 'restored'), schema_catalog($source)), '',
	'the restored schema is the source schema (catalogs compared by name)');
is(deadlines_differing($target, $inputs, db => 'restored'), '',
	"the restored node's functions recompute every source ticket's deadlines");

my $after = table_fingerprints($target, db => 'restored');
for my $key (sort keys %$before)
{
	is($after->{$key}, $before->{$key}, "restored $key equals the source's");
}
is(deadline_mismatches($target, db => 'restored'), '',
	'the restored tickets carry the deadlines the functions compute');
is( sql($target, q{
SELECT ticket_sla.process_escalations('2024-03-20 00:00+00');
SELECT count(*) FROM ticket_sla.sla_status;
SELECT count(*) || ' ' || sum(targets_met) || ' ' || sum(targets_breached)
FROM ticket_sla.compliance WHERE period = 'quarter'}, db => 'restored'),
	sql($source, q{
SELECT 0;
SELECT count(*) FROM ticket_sla.sla_status;
SELECT count(*) || ' ' || sum(targets_met) || ' ' || sum(targets_breached)
FROM ticket_sla.compliance WHERE period = 'quarter'}),
	'restored: no escalation fires twice, the views agree');
# the next ticket, contact and contract take the next numbers (the source
# has 21 contacts, 84 tickets and 8 versions of terms, the current terms
# of customer 4's contract being version 8)
is( sql($target, q{
INSERT INTO ticket_sla.contacts (customer_id, name) VALUES (1, 'New') RETURNING contact_id;
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
	description, current_behaviour, expected_behaviour, channel, severity, opened_at)
VALUES (4, 'Web', 'After the restore', '2024-05-02 13:00+00', 'Some', 'It broke', 'Broken', 'Works',
	'web', 'high', '2024-05-02 13:05+00')
RETURNING ticket_id, case_number, terms_id, response_due}, db => 'restored'),
	"22\n85|CASE-2024-000085|8|2024-05-02 19:05:00+00",
	'restored: the next contact, ticket and case number follow on, under the current terms');

# ---------------------------------------------------------------------------
# With the triggers on, the COPY of the store's rows fires them: the
# contracts' trigger records terms of its own, the tickets' trigger refuses
# the stamped columns, with a hint at the way to restore.
sql($target, 'CREATE DATABASE plain');
($out, $err) = run_command([ 'pg_restore', '-d', $target->connstr('plain'), $dump ]);
like($err, qr/cannot insert a value into column "case_number" of relation "tickets"/,
	'pg_restore with the triggers on: the tickets are refused');
like($err, qr/HINT:  To restore a dump of the store, run pg_restore with session_replication_role = replica\./,
	'... with a hint at how to restore');
is(sql($target, 'SELECT count(*) FROM ticket_sla.tickets', db => 'plain'), '0',
	'... and none of them is restored');

# in one transaction (--single-transaction --exit-on-error), the failed
# restore leaves an empty database
sql($target, 'CREATE DATABASE atomic');
($out, $err) = run_command([ 'pg_restore', '--single-transaction', '--exit-on-error',
	'-d', $target->connstr('atomic'), $dump ]);
# (the first error is whichever table comes first: contracts naming a
# request type not yet restored, a duplicate, or a stamped column)
like($err, qr/cannot insert a value into column|duplicate key value|request types that do not exist/,
	'pg_restore --single-transaction with the triggers on fails');
is( sql($target, q{
SELECT count(*) FROM pg_extension WHERE extname = 'ticket_sla';
SELECT count(*) FROM pg_namespace WHERE nspname = 'ticket_sla'}, db => 'atomic'),
	"0\n0", '... and leaves neither the extension nor its schema behind');

done_testing();
