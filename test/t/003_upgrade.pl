# The updates from every released version to the current one.
#
# The current version's install script is sql/ticket_sla.sql, edited in
# place and installed as ticket_sla--<default_version>.sql; the first
# version's, ticket_sla--0.1.sql, is frozen, and an update script leads to
# each next version.  First the versions agree: the control file's
# default_version (which the Makefile reads) names the installed install
# script, a copy of sql/ticket_sla.sql, and the update scripts lead from
# 0.1 to it, on the server as in the tree.
#
# From 0.1 (through 0.2): a database that created the extension at 0.1 and
# filled it (the ticket store, and an application's own tables with
# calendars and contracts in columns, a generated column, an expression
# index and the stamp_deadlines trigger) runs ALTER EXTENSION ticket_sla
# UPDATE.  Its data stay as they were and compute the same deadlines, the
# functions of 0.2 work, the store is in dumps (0.3), and its schema is
# that of a fresh CREATE EXTENSION.
#
# When test/tap.sh could build the library of 0.1 (from the last commit
# before 0.2; TICKET_SLA_LIB_0_1 names the file), the database of 0.1 runs
# on it: the extension's C functions are bound to that file until the
# update, as if 0.1 were installed, and then to the installed library, as
# installing the current version does.  The data are then written by 0.1's
# code and read by the current one's.  Without it, both versions' SQL
# objects run on the installed library.
#
# From 0.2, 0.3 and 0.4: a database filled under that version (plans with
# holidays) updates with its store unchanged and the same schema as a fresh
# CREATE EXTENSION.
#
# The fresh CREATE EXTENSION runs that one install script, not 0.1's and
# the updates (an event trigger counts what it creates): so an updated
# database's catalog and pg_dump --binary-upgrade --schema-only, compared
# with the fresh one's, prove that the update scripts and the install
# script make the same extension, comments, privileges, policies and the
# tables marked for pg_dump included.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Digest::MD5 qw(md5_hex);
use TicketSlaTap;

# The current version: the control file's default_version, from which the
# Makefile names the install script it makes
my ($current) = slurp_file("$TOP/ticket_sla.control") =~ /^\s*default_version\s*=\s*'([^']+)'/m
  or die "ticket_sla.control names no default_version";

# The update scripts of the tree, ticket_sla--FROM--TO.sql, lead from 0.1
# to the current version, one step each, every script on the way
my %next;
for my $script (glob "$TOP/ticket_sla--*--*.sql")
{
	my ($from, $to) = $script =~ m{/ticket_sla--([^-/]+)--([^-/]+)\.sql$} or die "update script $script";
	die "two update scripts from $from" if exists $next{$from};
	$next{$from} = $to;
}
my @path = ('0.1');
push @path, $next{ $path[-1] } while exists $next{ $path[-1] } && @path <= keys %next;
is($path[-1], $current, "the newest update script leads to default_version $current: " . join('--', @path));
is(scalar(@path) - 1, scalar(keys %next), 'every update script is a step from 0.1 to it');

my $node = new_node('upgrade');
$node->start;

# What is installed: the control file of the tree, the install script of
# the current version made from sql/ticket_sla.sql under the name the
# control file gives (and no other but the frozen 0.1), the update scripts
# of the tree
my $extdir = sql($node, q{SELECT setting || '/extension' FROM pg_config WHERE name = 'SHAREDIR'});
is(sql($node, q{SELECT default_version FROM pg_available_extensions WHERE name = 'ticket_sla'}),
	$current, "the installed control file's default_version is the tree's");
is( sql($node, qq{
SELECT string_agg(f, ' ' ORDER BY f) FROM pg_ls_dir('$extdir') f WHERE f ~ '^ticket_sla--[^-]+\\.sql\$'}),
	"ticket_sla--0.1.sql ticket_sla--$current.sql",
	"installed install scripts: 0.1's and ticket_sla--$current.sql, named after default_version (no stale one of another version in $extdir)");
is( sql($node, qq{
SELECT CASE WHEN (pg_stat_file('$extdir/ticket_sla--$current.sql', true)).size IS NOT NULL
	THEN md5(pg_read_file('$extdir/ticket_sla--$current.sql')) END}),
	md5_hex(slurp_file("$TOP/sql/ticket_sla.sql")),
	"the installed ticket_sla--$current.sql is sql/ticket_sla.sql (run make install after changing it)");
is( sql($node, qq{
SELECT path FROM pg_extension_update_paths('ticket_sla') WHERE source = '0.1' AND target = '$current'}),
	join('--', @path), 'the installed update scripts are the steps of the tree');

sql($node, 'CREATE DATABASE upgraded');
sql($node, 'CREATE DATABASE fresh');
my %up = (db => 'upgraded');

sql($node, "CREATE EXTENSION ticket_sla VERSION '0.1'", %up);
is( sql($node, q{
SELECT extversion FROM pg_extension WHERE extname = 'ticket_sla';
SELECT count(*) FROM pg_proc WHERE proname IN ('holidays', 'closed_dates_from_ical', 'with_closed_dates')},
		%up),
	"0.1\n0",
	'CREATE EXTENSION ... VERSION 0.1 installs 0.1, without the functions of 0.2');

# the library behind the extension's C functions in database upgraded
sub bind_library
{
	my ($path) = @_;
	sql($node, qq{
UPDATE pg_proc SET probin = '$path'
WHERE pronamespace = 'ticket_sla'::regnamespace AND probin IS NOT NULL}, %up);
	return;
}
my $lib_0_1 = $ENV{TICKET_SLA_LIB_0_1};
SKIP:
{
	skip 'no library of 0.1 (TICKET_SLA_LIB_0_1): 0.1 runs on the installed library', 1
	  unless defined $lib_0_1 && -r $lib_0_1;
	bind_library($lib_0_1);
	my ($rc, $out, $err) = $node->psql('upgraded',
		"SELECT 'Mon-Fri 09:00-17:00; tz Europe/Berlin; holidays DE'::ticket_sla.calendar");
	like($err, qr/ERROR:  .*holidays/, "the database of 0.1 runs on 0.1's library, which knows no holidays clause");
}

# the store, its plans' hours with closed dates instead of holidays
fill_store($node, %up, holidays => 0, before_0_5 => 1);

# an application's own tables: calendars and contracts in columns, a
# deadline in a generated column, an expression index, and the trigger
# for an application's own table
sql($node, q{
CREATE EXTENSION amcheck;
CREATE SCHEMA app;
CREATE TABLE app.offices (
	name text PRIMARY KEY,
	cal ticket_sla.calendar NOT NULL,
	friday_due timestamptz GENERATED ALWAYS AS
		(ticket_sla.business_deadline('2024-03-01 16:30+00', '3 hours 15 minutes', cal)) STORED
);
CREATE INDEX offices_next_open ON app.offices (ticket_sla.next_business_time('2024-03-02 12:00+00', cal));
INSERT INTO app.offices (name, cal) VALUES
	('Berlin', 'Mon-Fri 09:00-18:00; tz Europe/Berlin; closed 2024-03-29, 2024-04-01; open 2024-03-30 10:00-14:00'),
	('Night shift', 'Mon-Fri 22:00-06:00; tz America/New_York'),
	('London', 'Mon-Fri 09:00-12:00,13:00-17:30; tz Europe/London; closed 2024-12-24..2024-12-31'),
	('GMT', '24x7; tz GMT'),
	('Sydney', 'Mon-Sat 08:00-20:00; Sun 10:00-14:00; tz Australia/Sydney');
CREATE TABLE app.requests (
	id integer PRIMARY KEY,
	opened timestamptz NOT NULL,
	prio ticket_sla.severity NOT NULL,
	plan ticket_sla.contract,
	answer_by timestamptz,
	fix_by timestamptz
);
CREATE TRIGGER sla BEFORE INSERT OR UPDATE ON app.requests FOR EACH ROW
EXECUTE FUNCTION ticket_sla.stamp_deadlines('opened', 'prio', 'plan', 'answer_by', 'fix_by');
INSERT INTO app.requests (id, opened, prio, plan)
SELECT i, '2024-03-01 15:00+00'::timestamptz + i * interval '5 hours 11 minutes',
	(ARRAY['critical', 'high', 'medium', 'low']::ticket_sla.severity[])[1 + i % 4],
	(SELECT terms FROM ticket_sla.contracts ORDER BY contract_id OFFSET i % 7 LIMIT 1)
FROM generate_series(1, 40) i;
}, %up);

# What must not change: the tables, and what the functions compute from
# the stored values (deadlines, business time, next openings on a grid of
# instants)
my $grid_sql = q{
SELECT md5(string_agg(concat_ws(' ', o.name, s,
	ticket_sla.business_deadline(s, d, o.cal),
	ticket_sla.business_time_between(s, s + interval '3 days', o.cal),
	ticket_sla.next_business_time(s, o.cal),
	ticket_sla.is_business_time(s, o.cal)), '|' ORDER BY o.name, s, d))
FROM app.offices o,
	generate_series('2024-03-27 00:00+00'::timestamptz, '2024-04-03 00:00+00', '3 hours 17 minutes') s,
	unnest(ARRAY['45 minutes', '7 hours', '2 days', '-3 hours']::interval[]) d;
SELECT md5(string_agg(concat_ws(' ', c.name, s, sev,
	ticket_sla.response_deadline(s, sev, c.terms), ticket_sla.resolution_deadline(s, sev, c.terms),
	(SELECT string_agg(e::text, ',') FROM ticket_sla.escalation_steps(s, sev, c.terms) e),
	ticket_sla.response_progress(s, sev, c.terms, s + interval '5 hours', false)), '|' ORDER BY c.name, s, sev))
FROM ticket_sla.contracts c,
	generate_series('2024-12-20 00:00+00'::timestamptz, '2024-12-31 00:00+00', '7 hours 1 minute') s,
	unnest(enum_range(NULL::ticket_sla.severity)) sev;
SELECT string_agg(name || ' ' || cal::text, E'\n' ORDER BY name) FROM app.offices;
SELECT string_agg(name || ' ' || terms::text, E'\n' ORDER BY name) FROM ticket_sla.contracts;
};
my $app_sql = q{
SELECT md5(string_agg(o::text, '|' ORDER BY o.name)) FROM app.offices o;
SELECT md5(string_agg(r::text, '|' ORDER BY r.id)) FROM app.requests r;
};
# The store's tables but statuses and request_types, which 0.5 adds, and
# What 0.6 adds (each checked on its own): the tickets' cycles,
# conversation, due dates set by hand and events, and the tables of
# messages, finished cycles, due changes and events fired (empty but for
# the events already past at the update), the quiet hours' plan hours,
# recipients and held notices, and service availability (services,
# subscriptions, outages, maintenance windows): all empty
my @columns_0_6 = qw(cycle reopened_at awaiting_reply_since reply_cycle reply_due
  last_agent_message_at update_from update_cycle update_due response_due_set resolution_due_set next_event_at events_fired revision);
my @tables_0_6 = qw(messages target_cycles seq:messages_message_id_seq due_changes seq:due_changes_change_id_seq target_events
  recipients held_notices seq:held_notices_notice_id_seq
  services seq:services_service_id_seq customer_services outages seq:outages_outage_id_seq maintenance_windows
  seq:maintenance_windows_window_id_seq);
sub store_fingerprints
{
	my ($node, %db) = @_;
	my $fp = table_fingerprints($node, %db, skip_columns => {
		tickets => ['request_type', @columns_0_6],
		clock_segments => ['support_level', 'cycle'],
		contract_terms => ['localizes', 'locale'],
		customers => ['time_zone', 'holiday_regions'],
		contracts => ['notification_hours'] });
	delete $fp->{$_} for qw(statuses request_types), @tables_0_6;
	return $fp;
}
my $store_before = store_fingerprints($node, %up);
my $inputs       = deadline_inputs($node, %up);
my $grid_before  = sql($node, $grid_sql, %up);
my $app_before   = sql($node, $app_sql, %up);
is(deadline_mismatches($node, %up), '', '0.1: stamped deadlines agree with the functions');
is(sql($node, q{SELECT count(*) FROM app.requests WHERE answer_by IS NOT NULL}, %up),
	'24', '0.1: the application trigger stamped the response deadlines of the 24 requests whose plan has a target');

# installing the current version puts its library where $libdir/ticket_sla points
bind_library('$libdir/ticket_sla') if defined $lib_0_1 && -r $lib_0_1;
sql($node, 'ALTER EXTENSION ticket_sla UPDATE', %up);
is(sql($node, "SELECT extversion FROM pg_extension WHERE extname = 'ticket_sla'", %up),
	$current, "ALTER EXTENSION ticket_sla UPDATE moves to $current");

is_deeply(store_fingerprints($node, %up), $store_before, 'the store is unchanged, row for row');
is(sql($node, $app_sql, %up), $app_before, "the application's tables are unchanged");
is(sql($node, $grid_sql, %up), $grid_before,
	'stored calendars and contracts read the same and compute the same deadlines, times and ladders');
is(deadlines_differing($node, $inputs, %up), '', "every ticket's deadlines recompute as stamped under 0.1");
is(deadline_mismatches($node, %up), '', "$current: stamped deadlines agree with the functions");
is( sql($node, q{
SELECT string_agg(name, ',') FROM app.offices
WHERE friday_due IS DISTINCT FROM ticket_sla.business_deadline('2024-03-01 16:30+00', '3 hours 15 minutes', cal)},
		%up),
	'', "the generated column stored under 0.1 equals what $current computes");
is(sql($node, q{SELECT bt_index_check('app.offices_next_open', true)}, %up),
	'', "amcheck: every row is in the expression index under ${current}'s values (heapallindexed)");
sql($node, 'DROP EXTENSION amcheck', %up);
# re-stamping every request under the current version changes nothing
sql($node, 'UPDATE app.requests SET prio = prio', %up);
is(sql($node, $app_sql, %up), $app_before, 'the application trigger re-stamps the same deadlines');

# the functions of 0.2
is( sql($node, q{
SELECT count(*) || ': ' || string_agg(to_char(day, 'MM-DD') || ' ' || name, ', ' ORDER BY day)
FROM ticket_sla.holidays('DE-BE', 2026, 2026)}, %up),
	'10: 01-01 Neujahr, 03-08 Internationaler Frauentag, 04-03 Karfreitag, 04-06 Ostermontag, '
	  . '05-01 Tag der Arbeit, 05-14 Christi Himmelfahrt, 05-25 Pfingstmontag, '
	  . '10-03 Tag der Deutschen Einheit, 12-25 1. Weihnachtstag, 12-26 2. Weihnachtstag',
	"holidays('DE-BE', 2026, 2026): Berlin's ten public holidays");
# Thursday 2026-12-24 10:00 in Berlin, 2 business days: Friday 25th and
# Saturday 26th are holidays, Sunday is closed; Monday 28th is one day,
# Tuesday 29th 10:00 the second
is( sql($node, q{
SELECT ticket_sla.business_deadline('2026-12-24 10:00+01', '2 days',
	'Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE-BE');
SELECT 'Mon-Fri 09:00-18:00; holidays de-be; tz Europe/Berlin'::ticket_sla.calendar;
SELECT ticket_sla.with_closed_dates('Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE-BE',
	ARRAY(SELECT ticket_sla.closed_dates_from_ical(E'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20261228\r\nDTEND;VALUE=DATE:20261230\r\nSUMMARY:Inventory\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n')))},
		%up),
	"2026-12-29 09:00:00+00\n"
	  . "Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE-BE\n"
	  . 'Mon-Fri 09:00-18:00; tz Europe/Berlin; holidays DE-BE; closed 2026-12-28, 2026-12-29',
	'a calendar with holidays DE-BE: the deadline skips Christmas; the iCalendar functions work');
# a contract stored under 0.1 takes the holidays clause: a new version of
# its terms, and the next ticket is stamped under it.  Cyren Standard,
# Thursday 2026-07-02 16:00 in New York, 4 business hours: 2 on Thursday,
# Friday 3rd is Independence Day observed, 2 on Monday: 11:00 EDT.
is( sql($node, q{
UPDATE ticket_sla.contracts
SET terms = replace(terms::text, 'tz America/New_York', 'tz America/New_York; holidays US')::ticket_sla.contract
WHERE name = 'Cyren Standard';
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
	description, current_behaviour, expected_behaviour, channel, severity, opened_at)
VALUES (4, 'Mail', 'Before the holiday', '2026-07-02 19:50+00', 'No mail', 'Mail stops', 'Queued',
	'Delivered', 'web', 'critical', '2026-07-02 20:00+00')
RETURNING terms_id, case_number, response_due}, %up),
	'9|CASE-2026-000085|2026-07-06 15:00:00+00',
	'a 0.1 contract with holidays US added: the next ticket skips Independence Day');
is(deadlines_differing($node, $inputs, %up), '', "the tickets opened under 0.1 keep their deadlines");

# The tickets waiting on the customer: id, paused_since, paused time and the
# open stretch of the ledger (fill_store leaves tickets 1, 11, 21, ... so)
my $waiting_sql = q{
SELECT string_agg(concat_ws(' ', t.ticket_id, t.status, t.paused_since, t.paused_business, l.state, l.reason),
	'|' ORDER BY t.ticket_id)
FROM ticket_sla.tickets t
JOIN ticket_sla.clock_ledger l ON l.ticket_id = t.ticket_id AND l.clock = 'resolution' AND l.to_at IS NULL
WHERE t.status = 'waiting on customer'};

# After the update: the five statuses with their clock effects; a ticket
# that waited on the customer before still waits, its clock paused (in the
# ledger too); resuming it at a fixed instant adds the paused time and
# records the stretch paused by 'waiting on customer'
sub check_statuses
{
	my ($version, $waiting_before, %db) = @_;
	is( sql($node, q{SELECT string_agg(status || ' ' || clock, ', ' ORDER BY status) FROM ticket_sla.statuses}, %db),
		($version lt "0.5" ? "" : "action running, analysis running, ")
		  . "closed stopped, " . ($version lt "0.5" ? "" : "final report stopped, ")
		  . "in progress running, new running, " . ($version lt "0.5" ? "" : "released stopped, ")
		  . "resolved stopped, waiting on customer paused",
		"from $version: the five statuses with their clock effects (and from 0.5 those the seed plans add)");
	like($waiting_before, qr/^1 waiting on customer \d{4}-.* paused waiting on customer(\||$)/,
		"from $version: ticket 1 waits on the customer before the update");
	is(sql($node, $waiting_sql, %db), $waiting_before,
		"from $version: the tickets waiting on the customer still do, their clocks paused");
	# ticket 1: paused since clock_start + 2 hours, resumed 24 hours later
	is( sql($node, q{
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = paused_since + interval '24 hours'
WHERE ticket_id = 1 RETURNING paused_since IS NULL, paused_elapsed;
SELECT state, reason, to_at - from_at FROM ticket_sla.clock_segments
WHERE ticket_id = 1 AND clock = 'resolution' ORDER BY from_at DESC LIMIT 1}, %db),
		"t|24:00:00\npaused|waiting on customer|1 day",
		"from $version: resuming it adds the 24 hours paused; the ledger says 'waiting on customer' paused them");
}

# ---------------------------------------------------------------------------
# From 0.2, 0.3, 0.4 and 0.5: the store filled under that version, with
# holidays in its plans, updated; %from02 ... %from05 name the databases
sub update_filled_store
{
	my ($version, %db) = @_;
	sql($node, "CREATE DATABASE $db{db}");
	sql($node, "CREATE EXTENSION ticket_sla VERSION '$version'", %db);
	fill_store($node, %db, before_0_5 => ($version lt "0.5"));
	my $store  = store_fingerprints($node, %db);
	my $inputs = deadline_inputs($node, %db);
	my %views  = view_queries();
	delete $views{tier_queue} if $version lt "0.5";	# 0.5 adds it
	my %views_before = map { $_ => sql($node, $views{$_}, %db) } keys %views;
	my $waiting_before = sql($node, $waiting_sql, %db);
	sql($node, 'ALTER EXTENSION ticket_sla UPDATE', %db);
	is(sql($node, "SELECT extversion FROM pg_extension WHERE extname = 'ticket_sla'", %db),
		$current, "ALTER EXTENSION ticket_sla UPDATE moves $version to $current");
	is_deeply(store_fingerprints($node, %db), $store, "from $version: the store is unchanged, row for row");
	is(deadlines_differing($node, $inputs, %db), '', "from $version: every ticket's deadlines recompute as stamped");
	is_deeply({ map { $_ => sql($node, $views{$_}, %db) } keys %views }, \%views_before,
		"from $version: every view (and quarterly_report) reads the same");
	# the tables and sequences of the store: as 0.3 marks them, and
	# request_types and statuses (0.5), due_changes and its sequence, the
	# recipients and held notices of quiet hours, the tables of service
	# availability and their sequences (0.6)
	is( sql($node, q{
SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_extension e, unnest(e.extconfig) r JOIN pg_class c ON c.oid = r
WHERE e.extname = 'ticket_sla'}, %db),
		'case_number_seq,clock_segments,contacts,contacts_contact_id_seq,contract_terms,contract_terms_terms_id_seq,'
		  . 'contracts,contracts_contract_id_seq,customer_services,customers,customers_customer_id_seq,due_changes,'
		  . 'due_changes_change_id_seq,escalations,held_notices,held_notices_notice_id_seq,maintenance_windows,'
		  . 'maintenance_windows_window_id_seq,messages,messages_message_id_seq,outages,outages_outage_id_seq,'
		  . 'premium_requests,recipients,request_types,services,services_service_id_seq,statuses,target_cycles,'
		  . 'target_events,tickets,tickets_ticket_id_seq',
		"from $version: every table and sequence of the store is marked for pg_dump");
	# 0.6: the warnings and breaches already past are logged without a
	# NOTIFY and marked on their tickets: none is left for the first run
	is( sql($node, q{
SELECT count(*) > 0, count(*) FILTER (WHERE notified),
       (SELECT count(*) FROM ticket_sla.tickets t CROSS JOIN LATERAL ticket_sla.due_events(t, now()) e
        WHERE e.kind <> 'escalation')
FROM ticket_sla.target_events}, %db),
		't|0|0', "from $version: the warnings and breaches past at the update are logged, not notified, and marked");
	# quiet hours (0.6): every plan notifies round the clock, as before, and
	# no notice is held: what the logs hold counts as delivered
	is( sql($node, q{
SELECT (SELECT count(*) FROM ticket_sla.contracts WHERE notification_hours IS NOT NULL),
       (SELECT count(*) FROM ticket_sla.recipients), (SELECT count(*) FROM ticket_sla.held_notices)}, %db),
		'0|0|0', "from $version: no plan has notification hours, no notice is held");
	check_statuses($version, $waiting_before, %db);
	is( sql($node, q{
SELECT (SELECT string_agg(DISTINCT request_type, ',') FROM ticket_sla.tickets),
       (SELECT string_agg(request_type, ',') FROM ticket_sla.request_types)}, %db),
		$version lt "0.5" ? "incident|incident" : "incident|incident,cyber incident,signature change",
		"from $version: every ticket is an incident, the one request type there is (0.5: the seed plans name two more)");
}

my %from02 = (db => 'from02');
my %from03 = (db => 'from03');
my %from04 = (db => 'from04');
my %from05 = (db => 'from05');
sql($node, 'CREATE DATABASE probe02');
sql($node, "CREATE EXTENSION ticket_sla VERSION '0.2'", db => 'probe02');
is(sql($node, "SELECT extversion, extconfig IS NULL FROM pg_extension WHERE extname = 'ticket_sla'", db => 'probe02'),
	'0.2|t', 'CREATE EXTENSION ... VERSION 0.2 installs 0.2, which marks nothing for pg_dump');
update_filled_store('0.2', %from02);
update_filled_store('0.3', %from03);
update_filled_store('0.4', %from04);
update_filled_store('0.5', %from05);

# An application's own column of type ticket_sla.status: the update fails
# when it drops the enum, and changes nothing; with the column converted to
# text first (as docs/operations.md says), it goes through and the
# column's values stay, then may reference ticket_sla.statuses
my %appcol = (db => 'appcolumn04');
sql($node, 'CREATE DATABASE appcolumn04');
sql($node, "CREATE EXTENSION ticket_sla VERSION '0.4'", %appcol);
sql($node, q{
CREATE TABLE app_tasks (id integer PRIMARY KEY, state ticket_sla.status NOT NULL DEFAULT 'new');
INSERT INTO app_tasks VALUES (1, 'waiting on customer'), (2, 'closed');}, %appcol);
my (undef, undef, $update_err) = $node->psql('appcolumn04', 'ALTER EXTENSION ticket_sla UPDATE');
like($update_err,
	qr/ERROR:  cannot drop type ticket_sla\.status because other objects depend on it\nDETAIL:  column state of table app_tasks depends on type ticket_sla\.status/,
	"an application's column of type ticket_sla.status: the update fails on the enum's dependency");
is( sql($node, q{
SELECT extversion FROM pg_extension WHERE extname = 'ticket_sla';
SELECT count(*) FROM pg_class WHERE relname = 'statuses';
SELECT format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = 'ticket_sla.tickets'::regclass AND attname = 'status'},
		%appcol),
	"0.4\n0\nticket_sla.status", 'the failed update changed nothing');
sql($node, q{
ALTER TABLE app_tasks ALTER COLUMN state DROP DEFAULT,
	ALTER COLUMN state TYPE text USING state::text, ALTER COLUMN state SET DEFAULT 'new';
ALTER EXTENSION ticket_sla UPDATE;
ALTER TABLE app_tasks ADD FOREIGN KEY (state) REFERENCES ticket_sla.statuses;}, %appcol);
is( sql($node, q{
SELECT extversion FROM pg_extension WHERE extname = 'ticket_sla';
SELECT string_agg(id || ' ' || state, ', ' ORDER BY id) FROM app_tasks}, %appcol),
	"$current\n1 waiting on customer, 2 closed",
	'converted to text first, the column lets the update through and keeps its values');

# The schema of an updated database is that of a fresh CREATE EXTENSION,
# which runs the one install script ticket_sla--<current>.sql: an event
# trigger logs every command the extension's scripts run, and each function
# and view is created once (0.1's script and the updates would create
# process_escalations, the trigger functions, sla_status, compliance
# and clock_ledger twice, and ALTER quarterly_report).  The probe is dropped
# before the comparisons.
sql($node, q{
CREATE SCHEMA probe;
CREATE TABLE probe.ddl (tag text, identity text);
CREATE FUNCTION probe.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO probe.ddl SELECT command_tag, object_identity FROM pg_event_trigger_ddl_commands() WHERE in_extension;
END
$$;
CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION probe.log_ddl();
CREATE EXTENSION ticket_sla;
DROP EVENT TRIGGER log_ddl;
}, db => 'fresh');
is( sql($node, q{
SELECT (SELECT extversion FROM pg_extension WHERE extname = 'ticket_sla'),
	(SELECT count(*) FROM probe.ddl WHERE tag IN ('CREATE FUNCTION', 'CREATE AGGREGATE'))
	  = (SELECT count(*) FROM pg_proc WHERE pronamespace = 'ticket_sla'::regnamespace),
	(SELECT count(*) FROM probe.ddl WHERE tag = 'CREATE VIEW')
	  = (SELECT count(*) FROM pg_class WHERE relnamespace = 'ticket_sla'::regnamespace AND relkind = 'v'),
	(SELECT count(*) FROM probe.ddl WHERE tag = 'ALTER FUNCTION')},
		db => 'fresh'),
	"$current|t|t|0",
	"a fresh CREATE EXTENSION runs ticket_sla--$current.sql alone: each function and view created once, none altered");
sql($node, 'DROP SCHEMA probe CASCADE', db => 'fresh');
my $cat_up    = schema_catalog($node, %up);
my $cat_fresh = schema_catalog($node, db => 'fresh');
cmp_ok(scalar(split /\n/, $cat_fresh), '>', 500, 'the catalog description of the schema is substantial');
is(text_diff($cat_up, $cat_fresh), '', 'updated from 0.1 and fresh: the catalogs describe the same schema');
is(text_diff(schema_catalog($node, %from02), $cat_fresh), '',
	'updated from 0.2 and fresh: the catalogs describe the same schema');
is(text_diff(schema_catalog($node, %from03), $cat_fresh), '',
	'updated from 0.3 and fresh: the catalogs describe the same schema');
is(text_diff(schema_catalog($node, %from04), $cat_fresh), '',
	'updated from 0.4 and fresh: the catalogs describe the same schema');
is(text_diff(schema_catalog($node, %from05), $cat_fresh), '',
	'updated from 0.5 and fresh: the catalogs describe the same schema');

# pg_dump --binary-upgrade --schema-only writes every member of the
# extension; compared without oids (also those of the configuration
# tables), transaction ids, sequence states, the application's schema and
# the dump's random \restrict key.  Nor the missing values of columns
# that an update added with a default (binary_upgrade_set_missing_value):
# the rows stored before read those defaults, and a fresh table has no
# rows from before to give them to.
sub member_dump
{
	my ($db) = @_;
	my ($out, $err) = run_command([ 'pg_dump', '--binary-upgrade', '--schema-only',
			'--exclude-schema=app', '-d', $node->connstr($db) ]);
	die "pg_dump failed: $err" if $err ne '';
	$out =~ s/^-- set missing value\.\n(?:\n|SELECT pg_catalog\.binary_upgrade_set_missing_value\(.*\n)*//mg;
	return join "\n", grep { !/binary_upgrade_set_next|^\\(un)?restrict |relfrozenxid|^WHERE oid = '\d+';|pg_catalog.setval\(/ }
	  map { /binary_upgrade_create_empty_extension/ ? s/\d{4,}/OID/gr : $_ } split /\n/, $out;
}
my $dump_up    = member_dump('upgraded');
my $dump_fresh = member_dump('fresh');
like($dump_fresh, qr/ALTER EXTENSION ticket_sla ADD FUNCTION ticket_sla\.holidays\(/,
	'the schema dump lists the members of the extension');
is(text_diff($dump_up, $dump_fresh), '', 'updated from 0.1 and fresh: pg_dump --binary-upgrade --schema-only is the same');
is(text_diff(member_dump('from02'), $dump_fresh), '',
	'updated from 0.2 and fresh: pg_dump --binary-upgrade --schema-only is the same');
is(text_diff(member_dump('from03'), $dump_fresh), '',
	'updated from 0.3 and fresh: pg_dump --binary-upgrade --schema-only is the same');
is(text_diff(member_dump('from04'), $dump_fresh), '',
	'updated from 0.4 and fresh: pg_dump --binary-upgrade --schema-only is the same');
is(text_diff(member_dump('from05'), $dump_fresh), '',
	'updated from 0.5 and fresh: pg_dump --binary-upgrade --schema-only is the same');

done_testing();
