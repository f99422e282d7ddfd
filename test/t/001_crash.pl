# Crash recovery of the ticket store: a psql session commits tickets one by
# one, each INSERT ... RETURNING reporting its case number and deadlines
# once committed; the postmaster and every server process are killed with
# SIGKILL in the middle of the load, and the node restarted.  Every ticket
# psql reported is there with what it reported; at most the one in flight
# is there unreported; case numbers are distinct and the deadlines and
# premium-request counts agree with what the functions compute.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;
use Time::HiRes qw(usleep);
use TicketSlaTap;

my $node = new_node('crash');
$node->start;
my $seed = seed_plans_sql();
sql($node, qq{
CREATE EXTENSION ticket_sla;
$seed
-- a plan whose premium requests run out every month
INSERT INTO ticket_sla.contracts (name, terms) VALUES ('Quota',
 'plan "Quota"; tier premium; hours (Mon-Fri 08:00-20:00; tz Europe/Vienna; holidays AT);
  premium requests 25 per month; critical: respond within 2 business hours, resolve within 1 business day;
  high: respond within 4 business hours, resolve within 3 business days');
INSERT INTO ticket_sla.customers (organisation, contract_id, contract_start)
SELECT 'Customer of ' || name, contract_id, '2024-01-15' FROM ticket_sla.contracts
WHERE name IN ('Cyren Gold', 'Cyren Standard', 'Kaspersky Enhanced Support with TAM', 'ISMS.online', 'Quota')
ORDER BY contract_id;
});
my @customers = split /\n/, sql($node, 'SELECT customer_id FROM ticket_sla.customers ORDER BY 1');
is(scalar @customers, 5, 'five customers on five plans');

# The load: one INSERT a ticket, committed on its own (autocommit), each
# returning what was stamped; an instant 1 hour 13 minutes after the last
my $load_size = 20000;
my @channels  = qw(phone email web chat);
my @severities = qw(critical high medium low);
my $script = '';
for my $i (1 .. $load_size)
{
	my $customer = $customers[ $i % @customers ];
	my $channel  = $channels[ $i % 4 ];
	my $severity = $severities[ ($i / 5) % 4 ];
	$script .= "INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,"
	  . " description, current_behaviour, expected_behaviour, channel, severity, opened_at)"
	  . " VALUES ($customer, 'Service', 'Load $i', '2024-01-15 00:00+00'::timestamptz + $i * interval '1 hour 13 minutes',"
	  . " 'Impact', 'Description', 'Current', 'Expected', '$channel', '$severity',"
	  . " '2024-01-15 00:05+00'::timestamptz + $i * interval '1 hour 13 minutes')"
	  . " RETURNING 'committed', ticket_id, case_number, response_due, resolution_due, tier;\n";
}

# psql reads the script from a file (not a pipe that it may leave unread
# when the server goes away), and its output is read as it comes
my $load_file = "$PostgreSQL::Test::Utils::tmp_check/load.sql";
open my $fh, '>', $load_file or die "cannot write $load_file: $!";
print $fh $script;
close $fh;
my ($stdout, $stderr) = ('', '');
my $timer = IPC::Run::timer($PostgreSQL::Test::Utils::timeout_default);
my $psql = IPC::Run::start(
	[ 'psql', '-XAtq', '-v', 'ON_ERROR_STOP=1',
	  '-c', "SET TimeZone = 'UTC'; SET client_min_messages = warning", '-f', $load_file,
	  '-d', $node->connstr('postgres') ],
	'<', \undef, '>', \$stdout, '2>', \$stderr, $timer);

# wait until 400 tickets are reported committed, then kill the server:
# the postmaster first, then every process it had started (so that no
# backend goes on after its postmaster)
my $reported = sub { scalar(() = $stdout =~ /^committed\|/mg) };
$psql->pump until $reported->() >= 400 || $timer->is_expired || !$psql->pumpable;
cmp_ok($reported->(), '>=', 400, 'the load committed 400 tickets before the crash');

my $postmaster = $node->{_pid};
my @children;
for my $stat (glob '/proc/[0-9]*/stat')
{
	open my $fh, '<', $stat or next;
	my $line = <$fh>;
	push @children, $1 if defined $line && $line =~ /^(\d+) \(.*\) \S (\d+) /s && $2 == $postmaster;
}
note "killing postmaster $postmaster and its processes @children";
$node->kill9;
kill 'KILL', @children;

# psql loses its connection; what it printed until then was committed
my $finished = eval { $psql->finish; 1 };
note 'psql: ' . ($finished ? 'exit code ' . ($? >> 8) : "not finished: $@");
my @lines = grep { /^committed\|/ } split /\n/, $stdout;
my $in_load = scalar @lines;
note "psql reported $in_load tickets committed; it ended with: $stderr";
cmp_ok($in_load, '<', $load_size, 'the crash came in the middle of the load');
like($stderr, qr/server closed the connection|connection to server .* lost|terminat/i,
	'psql lost its connection to the server');

# the killed processes are gone before the restart: a new postmaster
# refuses to start while the old one's pid exists, so wait for it to be
# reaped; one left a zombie (by an init that does not reap) holds nothing,
# and its stale postmaster.pid is removed
my $zombie = sub {
	open my $fh, '<', "/proc/$_[0]/stat" or return 0;
	my $stat = <$fh> // '';
	return $stat =~ /^\d+ \(.*\) Z /s;
};
for my $tenth (1 .. 300)
{
	my @running = grep { -e "/proc/$_" && !$zombie->($_) } $postmaster, @children;
	last if !@running && (!-e "/proc/$postmaster" || $tenth > 50);
	usleep(100_000);
}
if (-e "/proc/$postmaster" && $zombie->($postmaster))
{
	note "postmaster $postmaster is a zombie: removing its postmaster.pid";
	unlink $node->data_dir . '/postmaster.pid';
}

my $log_offset = -s $node->logfile;
$node->start;
ok($node->log_contains(qr/database system was interrupted.*\n(.*\n)*.*redo starts at/, $log_offset),
	'the restart recovered from the WAL (the crash was not a clean shutdown)');

my %reported;
for (@lines)
{
	my (undef, $id, $case, $response, $resolution, $tier) = split /\|/, $_, -1;
	$reported{$case} = "$id|$case|$response|$resolution|$tier";
}
is(scalar keys %reported, $in_load, 'psql reported distinct case numbers');

my %stored = map { (split /\|/)[1] => $_ } split /\n/, sql($node, q{
SELECT ticket_id, case_number, coalesce(response_due::text, ''), coalesce(resolution_due::text, ''), tier
FROM ticket_sla.tickets ORDER BY ticket_id});
my @missing = grep { !exists $stored{$_} } sort keys %reported;
is(join(',', @missing), '', 'every ticket psql reported committed is there after the restart');
my @changed = grep { exists $stored{$_} && $stored{$_} ne $reported{$_} } sort keys %reported;
is(join(',', @changed), '', 'with the ticket id, deadlines and tier psql reported');
my @unreported = grep { !exists $reported{$_} } sort keys %stored;
cmp_ok(scalar @unreported, '<=', 1, 'at most one ticket is there that psql did not report (the one in flight)');
my $max_reported = (sort { $a <=> $b } map { (split /\|/)[0] } values %reported)[-1];
is(join(',', grep { (split /\|/, $stored{$_})[0] <= $max_reported } @unreported), '',
	'and that one came after every reported ticket');

is( sql($node, q{
SELECT count(*) - count(DISTINCT case_number) FROM ticket_sla.tickets;
SELECT count(*) FROM ticket_sla.tickets
WHERE case_number <> format('CASE-%s-%s', extract(year FROM opened_at AT TIME ZONE 'UTC'), lpad(ticket_id::text, 6, '0'))}),
	"0\n0", 'case numbers are distinct, of the year opened, numbered without a gap in one session');
is(deadline_mismatches($node), '', 'every ticket holds the deadlines the functions compute from its stored terms');
# clock_start: the next opening for a request out of hours not made by phone
# under a plan that asks for it, else opened_at
is( sql($node, q{
SELECT count(*) FROM ticket_sla.tickets t JOIN ticket_sla.contract_terms ct USING (terms_id)
WHERE t.clock_start IS DISTINCT FROM
	CASE WHEN ct.terms::text LIKE '%phone only out of hours%' AND t.channel <> 'phone'
	     THEN ticket_sla.next_business_time(t.opened_at, ticket_sla.hours(ct.terms))
	     ELSE t.opened_at END}),
	'0', 'every clock starts where the plan says');
# the premium requests counted are the premium tickets, each month's at
# most the quota of 25
is( sql($node, q{
WITH counted AS (
	SELECT t.customer_id, ticket_sla.quota_period_start(ct.terms, cu.contract_start, t.opened_at) AS period,
	       count(*) FILTER (WHERE t.tier = 'premium') AS premium, count(*) AS tickets
	FROM ticket_sla.tickets t JOIN ticket_sla.contract_terms ct USING (terms_id)
	JOIN ticket_sla.customers cu USING (customer_id)
	WHERE ticket_sla.premium_quota(ct.terms) IS NOT NULL
	GROUP BY 1, 2)
SELECT count(*) FILTER (WHERE p.used IS DISTINCT FROM c.premium) || ' '
    || count(*) FILTER (WHERE c.premium <> least(c.tickets, 25)) || ' '
    || (count(*) FILTER (WHERE c.tickets > 25) > 0)
FROM counted c LEFT JOIN ticket_sla.premium_requests p
	ON p.customer_id = c.customer_id AND p.period_start = c.period}),
	'0 0 true', 'premium requests counted are the premium tickets: the first 25 of each month (one went over)');

# the store takes tickets again, numbered after every one before the crash
my $max_id = sql($node, 'SELECT max(ticket_id) FROM ticket_sla.tickets');
my ($new_id, $new_case) = split /\|/, sql($node, q{
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
	description, current_behaviour, expected_behaviour, channel, severity, opened_at)
VALUES (1, 'After', 'After the crash', '2024-06-03 09:00+00', 'Impact', 'Description', 'Current',
	'Expected', 'web', 'high', '2024-06-03 09:05+00')
RETURNING ticket_id, case_number});
cmp_ok($new_id, '>', $max_id, 'a ticket after the restart takes a new id');
my ($serial) = $new_case =~ /^CASE-2024-(\d+)$/;
ok(defined $serial && $serial > $max_id && !exists $stored{$new_case},
	"and a new case number ($new_case) after every one before the crash");

done_testing();
