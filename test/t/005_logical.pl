# Logical replication of the ticket store: a publication of every table of
# schema ticket_sla, a subscriber with the extension created (the same
# schema, its own triggers), the initial copy and then the changes
# streamed.  The subscriber's triggers do not fire for the apply worker
# (they are ENABLE ORIGIN, and the worker runs as session_replication_role
# = replica): replicated rows keep the publisher's case numbers and
# deadlines, and its own sequences stay untouched.  The views answer alike.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use TicketSlaTap;

my $publisher = new_node('publisher', allows_streaming => 'logical');
$publisher->start;
my $subscriber = new_node('subscriber');
$subscriber->start;

sql($publisher, 'CREATE EXTENSION ticket_sla');
sql($subscriber, 'CREATE EXTENSION ticket_sla');
# the rows the extension comes with (0.5: the request type incident, the
# five statuses; 0.6: the rollups' watermark) come from the publisher with
# the initial copy: the subscriber's own would conflict with them
# (docs/operations.md, Replicas)
sql($subscriber, q{
SET session_replication_role = replica;
DELETE FROM ticket_sla.request_types;
DELETE FROM ticket_sla.statuses;
DELETE FROM ticket_sla.report_state;
RESET session_replication_role;});
# the publisher's sequences move on first: a subscriber that stamped rows
# itself would give different case numbers
sql($publisher, q{SELECT setval('ticket_sla.case_number_seq', 4000)});
fill_store($publisher);

sql($publisher, 'CREATE PUBLICATION ticket_store FOR TABLES IN SCHEMA ticket_sla');
is( sql($publisher, q{
SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_publication_tables WHERE pubname = 'ticket_store'}),
	'clock_segments,contacts,contract_terms,contracts,customer_services,customers,due_changes,escalations,'
	  . 'held_notices,maintenance_windows,messages,outages,premium_requests,recipients,report_days,report_dirty,'
	  . 'report_periods,report_state,request_types,services,statuses,target_cycles,target_events,tickets',
	'the publication holds the twenty tables of the store and the four of its report rollups');

(my $connstr = $publisher->connstr('postgres')) =~ s/'/''/g;
sql($subscriber, "CREATE SUBSCRIPTION ticket_store CONNECTION '$connstr' PUBLICATION ticket_store");
$subscriber->wait_for_subscription_sync($publisher, 'ticket_store');

# the subscriber's triggers on the store: every one fires only for local
# changes (tgenabled 'O')
is( sql($subscriber, q{
SELECT string_agg(c.relname || '.' || t.tgname || ' ' || t.tgenabled::text, ', ' ORDER BY c.relname, t.tgname)
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
WHERE c.relnamespace = 'ticket_sla'::regnamespace AND NOT t.tgisinternal}),
	'contacts.named_contact_limit O, contract_terms.terms_are_final O, contracts.record_terms O, '
	  . 'customers.localize O, maintenance_windows.checked O, messages.record_message O, messages.recorded_by O, '
	  . 'outages.checked O, recipients.check_recipient O, statuses.guard O, '
	  . 'tickets.note_deleted_days O, tickets.note_truncated O, tickets.record_segments O, '
	  . 'tickets.stamp O',
	"the subscriber's triggers are ENABLE (origin only)");

my $pub_fp = table_fingerprints($publisher);
is(sql($publisher, 'SELECT min(case_number) || ' . "' '" . ' || max(case_number) FROM ticket_sla.tickets'),
	'CASE-2024-004001 CASE-2024-004084', 'the publisher numbered its cases from 4001');
is_deeply(tables_only(table_fingerprints($subscriber)), tables_only($pub_fp),
	'initial copy: every table of the store is the same on the subscriber, row for row');
is(deadline_mismatches($subscriber), '', 'initial copy: the copied deadlines agree with the functions');
is( sql($subscriber, q{SELECT last_value || ' ' || is_called FROM ticket_sla.case_number_seq;
SELECT string_agg(sequencename || '=' || coalesce(last_value::text, 'unused'), ',' ORDER BY sequencename) FROM pg_sequences
WHERE schemaname = 'ticket_sla'}),
	"1 false\ncase_number_seq=unused,contacts_contact_id_seq=unused,contract_terms_terms_id_seq=unused,"
	  . 'contracts_contract_id_seq=unused,customers_customer_id_seq=unused,due_changes_change_id_seq=unused,'
	  . 'held_notices_notice_id_seq=unused,maintenance_windows_window_id_seq=unused,messages_message_id_seq=unused,'
	  . 'outages_outage_id_seq=unused,services_service_id_seq=unused,tickets_ticket_id_seq=unused',
	"the subscriber's triggers did not run: its sequences were never used");

# changes after the initial copy: new tickets (stamped by the publisher),
# pauses and resolutions (the publisher's record_segments writes the
# ledger), a new version of terms (its record_terms writes contract_terms),
# the open tickets moved to them (as retarget does) and escalations
sql($publisher, more_tickets_sql('Replicated', 'phone', 21) . q{
UPDATE ticket_sla.tickets SET status = 'waiting on customer', changed_at = clock_start + interval '1 hour'
WHERE service = 'Replicated' AND ticket_id % 3 = 0;
UPDATE ticket_sla.tickets SET status = 'resolved', changed_at = clock_start + interval '30 hours'
WHERE service = 'Replicated' AND ticket_id % 2 = 0;
UPDATE ticket_sla.contracts
SET terms = replace(terms::text, 'respond within 30 minutes', 'respond within 20 minutes')::ticket_sla.contract
WHERE name = 'Cyren Gold';
} . retarget_sql('Cyren Gold', '2024-04-12 00:00+00') . q{
SELECT ticket_sla.process_escalations('2024-04-10 00:00+00');
});
# the publisher refreshes its report rollups, and they are replicated with
# their watermark: the subscriber's compliance reads them (below)
sql($publisher, 'SELECT ticket_sla.refresh_reports()');
$publisher->wait_for_catchup('ticket_store');
is( sql($subscriber, q{SELECT count(*) || ' ' || (SELECT count(*) FROM ticket_sla.report_changed_days())
FROM ticket_sla.report_days}),
	sql($publisher, q{SELECT count(*) || ' 0' FROM ticket_sla.report_days}),
	"the publisher's rollups on the subscriber, with nothing changed since their refresh");

$pub_fp = table_fingerprints($publisher);
is( sql($publisher, q{
SELECT count(*) || ' tickets, ' || count(*) FILTER (WHERE service = 'Replicated') || ' replicated; '
    || (SELECT count(*) FROM ticket_sla.contract_terms) || ' versions of terms, '
    || (SELECT count(*) FROM ticket_sla.clock_segments) || ' segments, '
    || (SELECT count(*) FROM ticket_sla.escalations) || ' escalations'
FROM ticket_sla.tickets}),
	'105 tickets, 21 replicated; 9 versions of terms, 196 segments, 37 escalations',
	'the publisher after the changes');
# from 0.6, the replies owed since the reopenings of Cyren Gold's open
# tickets end a stretch where retarget moves them to the new terms
is(sql($publisher, q{SELECT count(*) FROM ticket_sla.clock_segments WHERE clock = 'reply'}),
	'2', 'the publisher: two stretches of replies owed, ended by the change of terms');
is_deeply(tables_only(table_fingerprints($subscriber)), tables_only($pub_fp),
	'streamed changes: every table of the store is the same on the subscriber, row for row');
is(deadline_mismatches($subscriber), '', 'streamed changes: the deadlines agree with the functions');
is(sql($subscriber, q{SELECT last_value || ' ' || is_called FROM ticket_sla.case_number_seq}),
	'1 false', "the subscriber's case number sequence is still unused");

my %views = view_queries();
for my $view (sort keys %views)
{
	my $on_publisher = sql($publisher, $views{$view});
	isnt($on_publisher, '', "$view: rows on the publisher");
	is(text_diff(sql($subscriber, $views{$view}), $on_publisher), '', "$view: the same on the subscriber");
}
my %functions = function_queries();
for my $f (sort keys %functions)
{
	is(text_diff(sql($subscriber, $functions{$f}), sql($publisher, $functions{$f})), '',
		"$f: the same on the subscriber");
}

# The subscriber is not ready to take tickets of its own: its sequences
# were never advanced (logical replication does not carry them), so a
# local insert takes ticket_id 1 and CASE-2024-000001, both taken.
my ($rc, $out, $err) = $subscriber->psql('postgres', q{
SET TimeZone = 'UTC';
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
	description, current_behaviour, expected_behaviour, channel, severity, opened_at)
VALUES (1, 'Local', 'Local', '2024-05-01 10:00+00', 'Impact', 'Description', 'Current', 'Expected',
	'web', 'low', '2024-05-01 10:00+00')});
like($err, qr/duplicate key value violates unique constraint "tickets_(pkey|case_number_key)"/,
	'a local insert on the subscriber collides with a replicated ticket');

# Were the stamping trigger made to fire for replicated rows too (ENABLE
# ALWAYS TRIGGER), the apply worker's insert would give the stamped columns
# and be refused: replication stops until it is ENABLE again.
sql($subscriber, 'ALTER TABLE ticket_sla.tickets ENABLE ALWAYS TRIGGER stamp');
my $log_offset = -s $subscriber->logfile;
sql($publisher, q{
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
	description, current_behaviour, expected_behaviour, channel, severity, opened_at)
VALUES (4, 'After', 'After the trigger change', '2024-05-02 13:00+00', 'Impact', 'Description',
	'Current', 'Expected', 'web', 'high', '2024-05-02 13:05+00')});
$subscriber->wait_for_log(qr/cannot insert a value into column "case_number" of relation "tickets"/, $log_offset);
ok(1, 'with ENABLE ALWAYS TRIGGER stamp the apply worker fails: "cannot insert a value into column case_number"');
sql($subscriber, 'ALTER TABLE ticket_sla.tickets ENABLE TRIGGER stamp');
$publisher->wait_for_catchup('ticket_store');
is_deeply(tables_only(table_fingerprints($subscriber)), tables_only(table_fingerprints($publisher)),
	'with the trigger ENABLE again the apply worker goes on: the same store on both');

done_testing();
