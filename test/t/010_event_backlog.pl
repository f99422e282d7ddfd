# A backlog of 50,000 due events (after a day of downtime, say) drained by
# repeated calls of process_escalations under statement_timeout = 1s, as a
# scheduler's session would run them: each call fires at most max_events
# (5,000 by default) in its own transaction, well within the timeout, and
# every event is logged and notified exactly once.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use TicketSlaTap;

my $node = new_node('backlog');
$node->start;
sql($node, 'CREATE EXTENSION ticket_sla');
# 12,500 critical tickets opened a day ago on a plan with a warning: each
# has four events due (response warning at 30 s, breach at 1 minute,
# resolution warning at 1 minute, breach at 2 minutes): 50,000
sql($node, q{
INSERT INTO ticket_sla.contracts (name, terms)
VALUES ('Round the clock', 'warn at 50%; critical: respond within 1 minute, resolve within 2 minutes');
INSERT INTO ticket_sla.customers (organisation, contract_id) VALUES ('Night Shift', 1);
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
	description, current_behaviour, expected_behaviour, channel, severity, opened_at)
SELECT 1, 'Portal', 'Down ' || i, now() - interval '1 day', 'No orders', 'Portal down',
	'Error 500', 'The portal', 'phone', 'critical', now() - interval '1 day'
FROM generate_series(1, 12500) i;
});
is(sql($node, q{SELECT count(*) FROM ticket_sla.tickets t CROSS JOIN LATERAL ticket_sla.due_events(t, now()) e}),
	'50000', 'the backlog: 50,000 events due');

# one scheduler session: the timeout, LISTEN, and twenty calls (psql goes on
# after an error, so that a call cancelled by the timeout would show and not
# stop the rest); the session receives its own notices at each commit
my $calls = join('', map { "SELECT ticket_sla.process_escalations() AS fired;\n" } 1 .. 20);
my ($ret, $out, $err) = $node->psql('postgres',
	"SET statement_timeout = '1s';\nLISTEN ticket_sla_escalation;\n" . $calls,
	on_error_stop => 0);
is($err, '', 'no call was cancelled by the timeout, nor failed');
my @fired = $out =~ /^(\d+)$/mg;
is(join(',', @fired), join(',', (5000) x 10, (0) x 10),
	'ten calls fire 5,000 events each, the calls after them none');
my @payloads = $out =~ /^Asynchronous notification "ticket_sla_escalation" with payload "(.*)" received/mg;
my %distinct = map { $_ => 1 } @payloads;
is(scalar(@payloads) . ' ' . scalar(keys %distinct), '50000 50000', '50,000 notices, all distinct');
is(scalar(grep { /"kind":"(warning|breach)"/ } @payloads), 50000, 'every notice a warning or a breach');
is( sql($node, q{
SELECT count(*), count(DISTINCT (ticket_id, target, cycle, kind)), count(*) FILTER (WHERE notified),
       (SELECT count(*) FROM ticket_sla.tickets WHERE next_event_at IS NOT NULL OR events_fired <> 15)
FROM ticket_sla.target_events}),
	'50000|50000|50000|0', 'each event logged once, notified; every ticket marked, nothing left ahead');

done_testing();
