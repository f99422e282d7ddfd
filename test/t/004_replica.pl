# A streaming hot standby of a primary with a filled ticket store: the
# store's tables, its views and the engine's functions answer on the
# standby exactly as on the primary, for data of the base backup and for
# data streamed after it; what writes is refused there.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use TicketSlaTap;

my $primary = new_node('primary', allows_streaming => 1);
$primary->start;
sql($primary, 'CREATE EXTENSION ticket_sla');
fill_store($primary);

$primary->backup('base');
my $standby = PostgreSQL::Test::Cluster->new('standby');
$standby->init_from_backup($primary, 'base', has_streaming => 1);
$standby->start;

# after the base backup: more tickets, changes, escalations and new terms,
# carried by WAL
sql($primary, more_tickets_sql('Streamed', 'email', 28) . q{
UPDATE ticket_sla.tickets SET first_response_at = clock_start + interval '20 minutes', status = 'in progress',
	changed_at = clock_start + interval '20 minutes'
WHERE service = 'Streamed' AND ticket_id % 2 = 0;
UPDATE ticket_sla.tickets SET status = 'resolved', changed_at = clock_start + interval '2 days'
WHERE service = 'Streamed' AND ticket_id % 4 = 0;
UPDATE ticket_sla.contracts SET terms = replace(terms::text, 'respond within 30 minutes', 'respond within 20 minutes')::ticket_sla.contract
WHERE name = 'Cyren Gold';
} . retarget_sql('Cyren Gold', '2024-04-12 00:00+00') . q{
SELECT ticket_sla.process_escalations('2024-04-10 00:00+00');
});
$primary->wait_for_catchup($standby, 'replay');

is(sql($standby, 'SELECT pg_is_in_recovery()'), 't', 'the standby is in recovery');
is( sql($primary, q{
SELECT count(*) || ' tickets, ' || count(*) FILTER (WHERE resolved_at IS NULL) || ' open, '
    || count(*) FILTER (WHERE service = 'Streamed') || ' streamed'
FROM ticket_sla.tickets}),
	'112 tickets, 91 open, 28 streamed', 'the primary holds the tickets of the backup and those streamed after it');
my ($fp_s, $fp_p) = (table_fingerprints($standby), table_fingerprints($primary));
my @seqs = grep { /^seq:/ } sort keys %$fp_p;
is_deeply(tables_only($fp_s), tables_only($fp_p),
	'every table of the store is the same on the standby, row for row');
# a sequence is WAL-logged up to 32 values ahead: the standby reads the
# logged value (a promoted standby skips up to 32 case numbers, a gap like
# that of a rolled-back insert)
is( join(',', map { my $d = $fp_s->{$_} - $fp_p->{$_}; $d >= 0 && $d <= 32 ? 'ok' : "$_ $fp_p->{$_} $fp_s->{$_}" } @seqs),
	join(',', map { 'ok' } @seqs),
	"the store's sequences on the standby: at or up to 32 past the primary's");

my %views = view_queries();

# rows each view has on the primary: the comparisons below are not of
# empty results (clock_ledger: 324 stretches as in 0.5, and from 0.6 9 of
# the reply owed since a reopening: 7 still running, 2 ended where retarget
# moved their tickets to new terms)
my %rows = (sla_status => 91, breaches => 27, compliance => 106, queue => 91, tier_queue => 91,
	ticket_outcomes => 112, clock_ledger => 333, customer_terms => 7, quarterly_report => 116);
is( sql($primary, q{
SELECT (SELECT count(*) FILTER (WHERE to_at IS NULL) || ' ' || count(*) FILTER (WHERE to_at IS NOT NULL)
          FROM ticket_sla.clock_ledger WHERE clock = 'reply'),
       (SELECT count(*) FROM ticket_sla.tickets WHERE cycle > 1 AND resolved_at IS NULL)}),
	'7 2|7', 'the reply stretches of the ledger: one running since each reopening of an open ticket, two ended by a change of terms');
for my $view (sort keys %views)
{
	my $on_primary = sql($primary, $views{$view});
	is(scalar(() = $on_primary =~ /^/mg), $rows{$view}, "$view: $rows{$view} rows on the primary");
	is(text_diff(sql($standby, $views{$view}), $on_primary), '', "$view: the same on the standby");
}

my %functions = function_queries();
my %function_rows = (business_deadline => 432, holidays => 145, response_progress => 112);
for my $f (sort keys %functions)
{
	my $on_primary = sql($primary, $functions{$f});
	is(scalar(() = $on_primary =~ /^/mg), $function_rows{$f}, "$f: $function_rows{$f} rows on the primary");
	is(text_diff(sql($standby, $functions{$f}), $on_primary), '', "$f: the same on the standby");
}
is(deadline_mismatches($standby), '', 'the standby: stamped deadlines agree with its functions');

# row-level security on the standby: the reporting role does not see the
# confidential tickets there either
my $as_reporting = q{
SET ROLE ticket_sla_reporting;
SELECT count(*) FROM ticket_sla.tickets;
SELECT count(*) FROM ticket_sla.sla_status;
SELECT count(*) FROM ticket_sla.escalations;};
is(sql($primary, $as_reporting), "107\n87\n35", 'the reporting role sees 107 of 112 tickets (87 open), 35 of 39 escalations on the primary');
is(sql($standby, $as_reporting), sql($primary, $as_reporting), 'and the same on the standby');

# what writes runs on the primary only
my ($rc, $out, $err) = $standby->psql('postgres',
	"SET TimeZone = 'UTC'; SELECT ticket_sla.process_escalations('2024-04-20 00:00+00')");
like($err, qr/read-only transaction/, 'process_escalations is refused on the standby (read-only)');
($rc, $out, $err) = $standby->psql('postgres', "SET TimeZone = 'UTC'; SELECT ticket_sla.retarget('Cyren Gold')");
like($err, qr/read-only transaction/, 'retarget is refused on the standby (read-only)');

done_testing();
