# Security of the install scripts and of the roles (issue 6), part 4: the
# roles.  ticket_sla_reporting writes no table and sees no confidential
# ticket in the table or any view; ticket_sla_agent changes no contract,
# customer or terms, raises no escalation_level, calls neither retarget nor
# process_escalations and spends no customer's premium requests; the admin
# needs clearance like anybody else; a cleared agent sees everything.
# Refusals are SQLSTATE 42501.
#
# The other parts: 006_hostile_objects.pl, 007_precreated_objects.pl,
# 008_catalog_privileges.pl.  Every expectation is derived from
# sql/ticket_sla.sql (the current version script) (named at each check), not
# from a run.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use TicketSlaTap;
use TicketSlaSecurity;

# the extension in database roles, the probe, and the login roles (agnes,
# clara, adam, rita); then the store of fill_store and two more
# confidential tickets, one open with an escalation and one resolved late
my $node = roles_node('roles');
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
SELECT ticket_sla.process_escalations('2024-03-25 00:00+00');
-- due dates set by hand (0.6) on an open ticket and on a confidential one
SELECT ticket_sla.set_due(ticket_id, 'resolution', '2024-04-30 12:00+00', 'Agreed with the customer')
FROM ticket_sla.tickets WHERE ticket_id = 1 OR summary = 'Secret open';}, db => 'roles');

my @tables = store_tables($node, db => 'roles');
is(join(',', sort @tables), 'clock_segments,contacts,contract_terms,contracts,customer_services,customers,due_changes,escalations,'
	  . 'held_notices,maintenance_windows,messages,outages,premium_requests,recipients,request_types,services,'
	  . 'statuses,target_cycles,target_events,tickets',
	'the twenty tables of the store');
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
		"SELECT nextval('ticket_sla.case_number_seq')",
		"SELECT ticket_sla.set_due(1, 'resolution', '2024-05-31 12:00+00', 'Tried')",
		"SELECT ticket_sla.clear_due(1, 'resolution', 'Tried')"),
	'42501 42501 42501 42501 42501 42501',
	'reporting: retarget, process_escalations, take_premium_request, the case number sequence, set_due and clear_due are refused (42501)');

# ticket_sla_agent: tickets, and (0.6) outages and maintenance windows
# recorded and changed, not deleted
my @agent_cannot = grep { !/^(tickets|outages|maintenance_windows)$/ } @tables;
my $agnes_writes = writes('agnes', @agent_cannot);
is_deeply($agnes_writes, all_42501($agnes_writes),
	'agent: no write to contracts, contract_terms, customers, contacts, premium_requests, request_types, statuses, clock_segments, escalations, due_changes, services, customer_services (42501)');
is_deeply(writes('agnes', 'outages', 'maintenance_windows'),
	{ map { ("INSERT $_" => '23502', "UPDATE $_" => 'ok 0', "DELETE $_" => '42501', "TRUNCATE $_" => '42501') }
		qw(outages maintenance_windows) },
	'agent: records outages and maintenance windows (an empty one: 23502) and changes them, deletes none (42501)');
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
		"SELECT ticket_sla.take_premium_request(2, '2024-01-01', 100)",
		"SELECT ticket_sla.set_due(1, 'resolution', '2024-05-31 12:00+00', 'Tried')",
		"UPDATE ticket_sla.tickets SET resolution_due_set = NULL WHERE ticket_id = 1"),
	'42501 42501 42501 42501 42501 42501 42501 42501 42501 42501 42501',
	"agent: another customer's contract, a ticket's customer, escalation_level, deleting, retarget, process_escalations, another customer's premium requests, a due date set by hand: 42501");
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
	  qw(sla_status breaches queue tier_queue ticket_outcomes clock_ledger clock_segments escalations due_changes));
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
is(outcome($node, 'roles', 'adam', "SELECT ticket_sla.clear_due(1, 'resolution', 'The customer withdrew')"),
	'ok 1', 'the admin may clear a due date set by hand');

done_testing();
