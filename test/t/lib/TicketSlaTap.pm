# What the TAP tests of test/t share: nodes with the extension's settings,
# SQL run with an explicit time zone, a ticket store filled at fixed
# instants, and fingerprints of the store's tables for comparing copies.
package TicketSlaTap;

use strict;
use warnings;

use Exporter 'import';
use File::Basename qw(dirname);
use Cwd qw(abs_path);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

our @EXPORT = qw(new_node sql seed_plans_sql fill_store retarget_sql more_tickets_sql store_tables
  table_fingerprints tables_only deadline_mismatches deadline_inputs
  deadlines_differing schema_catalog text_diff view_queries
  function_queries $TOP);

# the repository's top directory (this file is test/t/lib/TicketSlaTap.pm)
our $TOP = abs_path(dirname(__FILE__) . '/../../..');

# Every session of every test runs in UTC, whatever the server's default
# or the environment say: the nodes' default and libpq's PGTZ, and each
# script sets it again.
$ENV{PGTZ} = 'UTC';

# A node initialised with %init (allows_streaming => ...), not started.
sub new_node
{
	my ($name, %init) = @_;
	my $node = PostgreSQL::Test::Cluster->new($name);
	$node->init(%init);
	$node->append_conf('postgresql.conf', qq{
timezone = 'UTC'
log_timezone = 'UTC'
datestyle = 'ISO, YMD'
lc_messages = 'C'
log_statement = 'none'
});
	return $node;
}

# Runs SQL on a node (database 'postgres' unless told) with TimeZone set
# first; returns psql's unaligned output.  Dies on an error.
sub sql
{
	my ($node, $sql, %opts) = @_;
	my $db = $opts{db} // 'postgres';
	return $node->safe_psql($db, "SET TimeZone = 'UTC';\n$sql");
}

# test/fixtures/seed_plans.sql; without holidays (%opts holidays => 0) the plans'
# "holidays" clauses (version 0.2) are replaced by closed dates that 0.1
# already reads; for a version before 0.5 (%opts before_0_5 => 1) the
# clauses of 0.5 are left out
sub seed_plans_sql
{
	my (%opts) = @_;
	my $text = slurp_file("$TOP/test/fixtures/seed_plans.sql");
	if ($opts{before_0_5})
	{
		$text =~ s/^-- from 0\.5:.*?^-- until here\n//ms;
		$text =~ s/;\s*(?:report requires|request "[^"]*"|standard:|local hours)[^;']*//g;
		die "seed plans still say what 0.5 adds" if $text =~ /report requires|request "|standard:|local hours|ticket_sla.statuses/;
	}
	if (defined $opts{holidays} && !$opts{holidays})
	{
		$text =~ s/; holidays [A-Z-]+\)/; closed 2024-03-29, 2024-04-01, 2024-05-01, 2024-12-24..2024-12-26)/g;
		die "seed plans still name holidays" if $text =~ /holidays/;
	}
	return $text;
}

# Fills an empty store with contracts, customers, contacts and tickets at
# fixed instants of 2024, then works them: severity changes, first
# responses, waits on the customer, resolutions, a reopening, a new version
# of a contract, escalations fired as of a fixed instant.  Every change is
# given its instant: nothing depends on the time of the run but what the
# engine stamps with the transaction time (contract_terms.in_force_from,
# escalations.fired_at).
sub fill_store
{
	my ($node, %opts) = @_;
	my $seed     = seed_plans_sql(%opts);
	my $retarget = retarget_sql('Cyren Standard', '2024-04-05 00:00+00');
	sql($node, <<"SQL", %opts);
SET client_min_messages = warning;
$seed
INSERT INTO ticket_sla.customers (organisation, contract_id, contract_start)
SELECT 'Customer of ' || name, contract_id, '2024-01-01'
FROM ticket_sla.contracts ORDER BY contract_id;
INSERT INTO ticket_sla.contacts (customer_id, name, email, active)
SELECT customer_id, 'Contact ' || n || ' of ' || customer_id, 'c' || n || '\@example.org', n < 3
FROM ticket_sla.customers, generate_series(1, 3) n ORDER BY 1, n;

-- 84 tickets, twelve per customer, every severity and channel, opened
-- every 7 hours 13 minutes from Friday 2024-03-01 (nights and weekends
-- included)
INSERT INTO ticket_sla.tickets (customer_id, contact_id, service, summary, problem_at,
	business_impact, description, current_behaviour, expected_behaviour,
	channel, severity, opened_at, confidential)
SELECT 1 + i % 7,
	CASE WHEN i % 3 = 0 THEN (SELECT min(contact_id) FROM ticket_sla.contacts c WHERE c.customer_id = 1 + i % 7) END,
	'Service ' || i % 5, 'Ticket ' || i, at - interval '10 minutes',
	'Impact ' || i, 'Description ' || i, 'Current ' || i, 'Expected ' || i,
	(ARRAY['phone', 'email', 'web', 'chat']::ticket_sla.channel[])[1 + i % 4],
	(ARRAY['critical', 'high', 'medium', 'low']::ticket_sla.severity[])[1 + (i / 7) % 4],
	at, i % 17 = 5
FROM generate_series(1, 84) i,
	LATERAL (SELECT '2024-03-01 06:00+00'::timestamptz + i * interval '7 hours 13 minutes' AS at) a
ORDER BY i;

-- changes in the order they happened, each at its own instant
UPDATE ticket_sla.tickets SET severity = 'critical', changed_at = clock_start + interval '30 minutes'
WHERE ticket_id % 7 = 3 AND severity <> 'critical';
UPDATE ticket_sla.tickets SET first_response_at = clock_start + (ticket_id % 5) * interval '47 minutes'
WHERE ticket_id % 3 <> 1;
UPDATE ticket_sla.tickets SET status = 'waiting on customer', changed_at = clock_start + interval '2 hours'
WHERE ticket_id % 5 = 1;
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = clock_start + interval '27 hours'
WHERE ticket_id % 5 = 1 AND ticket_id % 2 = 0;
UPDATE ticket_sla.tickets SET status = 'resolved', changed_at = clock_start + interval '31 hours'
WHERE ticket_id % 4 = 2;
UPDATE ticket_sla.tickets SET status = 'in progress', changed_at = clock_start + interval '40 hours'
WHERE ticket_id % 12 = 2;

-- a stricter version of Cyren Standard; its open tickets move to it on
-- 2024-04-05 (what ticket_sla.retarget does, at a fixed instant rather
-- than now())
UPDATE ticket_sla.contracts
SET terms = replace(terms::text, 'high: respond within 8 business hours',
                    'high: respond within 6 business hours, resolve within 3 business days')::ticket_sla.contract
WHERE name = 'Cyren Standard';
$retarget

SELECT ticket_sla.process_escalations('2024-03-20 00:00+00');
SQL
	return;
}

# An UPDATE that does what ticket_sla.retarget(contract) does, the change
# recorded at a fixed instant rather than at now(): the open tickets of the
# contract's customers move to its current terms
# SQL that opens $count more tickets of service $service by $channel, one
# every 3 hours 7 minutes from 2024-04-01 07:00 UTC, severities in turn
sub more_tickets_sql
{
	my ($service, $channel, $count) = @_;
	return qq{
INSERT INTO ticket_sla.tickets (customer_id, service, summary, problem_at, business_impact,
	description, current_behaviour, expected_behaviour, channel, severity, opened_at)
SELECT 1 + i % 7, '$service', '$service ' || i, at - interval '5 minutes', 'Impact', 'Description',
	'Current', 'Expected', '$channel', (ARRAY['critical', 'high', 'medium', 'low']::ticket_sla.severity[])[1 + i % 4], at
FROM generate_series(1, $count) i,
	LATERAL (SELECT '2024-04-01 07:00+00'::timestamptz + i * interval '3 hours 7 minutes' AS at) a;};
}

sub retarget_sql
{
	my ($contract, $at) = @_;
	return qq{
UPDATE ticket_sla.tickets t SET terms_id = ct.terms_id, changed_at = '$at'
FROM ticket_sla.customer_terms ct
WHERE ct.customer_id = t.customer_id AND ct.contract = '$contract'
  AND t.resolved_at IS NULL AND t.terms_id <> ct.terms_id;};
}

# The ordinary tables of schema ticket_sla that hold the store's data, by
# name: not the report rollups (report_*, 0.6), which are derived from them,
# neither dumped nor published, and made anew by rebuild_reports
sub store_tables
{
	my ($node, %opts) = @_;
	return split /\n/, sql($node, q{
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'ticket_sla' AND c.relkind::text IN ('r', 'p')
  AND c.relname NOT IN ('report_state', 'report_dirty', 'report_days', 'report_periods')
ORDER BY 1}, %opts);
}

# { table => "rows md5" } for every table of the store, rows in text form
# in a fixed order (read as superuser: row-level security does not hide
# confidential tickets), and { "seq:NAME" => last_value/is_called } for its
# sequences.  skip_columns => { table => [column, ...] } leaves columns out
# of the rows (those a later version adds, to compare with an earlier one).
sub table_fingerprints
{
	my ($node, %opts) = @_;
	my $skip = delete $opts{skip_columns} // {};
	my %fp;
	for my $t (store_tables($node, %opts))
	{
		my $row = 'r';
		if ($skip->{$t})
		{
			my $left_out = join ',', map { "'$_'" } @{ $skip->{$t} };
			$row = 'ROW(' . sql($node, qq{
SELECT string_agg(format('r.%I', attname), ', ' ORDER BY attnum) FROM pg_attribute
WHERE attrelid = 'ticket_sla."$t"'::regclass AND attnum > 0 AND NOT attisdropped
  AND attname NOT IN ($left_out)}, %opts) . ')';
		}
		$fp{$t} = sql($node, qq{
SELECT count(*) || ' ' || md5(coalesce(string_agg(${row}::text, '|' ORDER BY ${row}::text), ''))
FROM ticket_sla."$t" r}, %opts);
	}
	for my $s (split /\n/, sql($node, q{
SELECT sequencename || ' ' || coalesce(last_value, 0) FROM pg_sequences
WHERE schemaname = 'ticket_sla' ORDER BY 1}, %opts))
	{
		my ($name, $v) = split / /, $s;
		$fp{"seq:$name"} = $v;
	}
	return \%fp;
}

# A fingerprint without the sequences (which no replica reads alike)
sub tables_only
{
	my ($fp) = @_;
	return { map { $_ => $fp->{$_} } grep { !/^seq:/ } keys %$fp };
}

# Tickets whose stamped deadlines differ from what the functions compute
# from their stored terms: the response deadline from clock_start, the
# resolution deadline moved on by the paused time.  One line per ticket
# (empty when all agree).
# The terms a ticket t of contract_terms ct is held to, as SQL: from 0.5
# the plan as its kind of ticket sees it (terms_for), before the plan
sub held_terms_sql
{
	my ($node, %opts) = @_;
	return sql($node, q{SELECT to_regproc('ticket_sla.terms_for') IS NOT NULL}, %opts) eq 't'
	  ? 'ticket_sla.terms_for(ct.terms, t.request_type, t.tier, t.support_level)'
	  : 'ct.terms';
}

sub deadline_mismatches
{
	my ($node, %opts) = @_;
	my $held = held_terms_sql($node, %opts);
	return sql($node, qq{
SELECT t.case_number || ': ' || concat_ws(' / ', t.response_due, r, t.resolution_due, z.due)
FROM ticket_sla.tickets t
JOIN ticket_sla.contract_terms ct USING (terms_id)
CROSS JOIN LATERAL (SELECT $held) AS h (terms)
CROSS JOIN LATERAL ticket_sla.response_deadline(t.clock_start, t.severity, h.terms) r
LEFT JOIN LATERAL ticket_sla.resolution_progress(t.clock_start, t.severity, h.terms,
	t.paused_business, t.paused_elapsed, t.clock_start, false) z ON true
-- a due date set by hand (0.6; the key is missing before) stands instead
WHERE t.response_due IS DISTINCT FROM coalesce((to_jsonb(t) ->> 'response_due_set')::timestamptz, r)
   OR t.resolution_due IS DISTINCT FROM coalesce((to_jsonb(t) ->> 'resolution_due_set')::timestamptz, z.due)
ORDER BY t.ticket_id}, %opts);
}

# The stamped tickets' inputs and deadlines as an SQL VALUES list, to be
# recomputed on another node whatever its tables hold: (ticket_id,
# clock_start, severity, the terms it is held to, paused_business,
# paused_elapsed, response_due, resolution_due, and the due dates set by
# hand, NULL when none or before 0.6)
sub deadline_inputs
{
	my ($node, %opts) = @_;
	my $held = held_terms_sql($node, %opts);
	return sql($node, qq{
SELECT 'VALUES ' || string_agg(format('(%s, %L::timestamptz, %L::ticket_sla.severity, %L::ticket_sla.contract, %L::interval, %L::interval, %L::timestamptz, %L::timestamptz, %L::timestamptz, %L::timestamptz)',
	t.ticket_id, t.clock_start, t.severity, $held, t.paused_business, t.paused_elapsed,
	t.response_due, t.resolution_due, to_jsonb(t) ->> 'response_due_set',
	to_jsonb(t) ->> 'resolution_due_set'), ', ' ORDER BY t.ticket_id)
FROM ticket_sla.tickets t JOIN ticket_sla.contract_terms ct USING (terms_id)}, %opts);
}

# The tickets of a deadline_inputs list whose deadlines the functions of
# this node compute differently (empty when all agree)
sub deadlines_differing
{
	my ($node, $values, %opts) = @_;
	return sql($node, qq{
SELECT string_agg(v.id::text, ',' ORDER BY v.id)
FROM ($values) AS v (id, clock_start, severity, terms, paused_business, paused_elapsed,
                     response_due, resolution_due, response_due_set, resolution_due_set)
LEFT JOIN LATERAL ticket_sla.resolution_progress(v.clock_start, v.severity, v.terms,
	v.paused_business, v.paused_elapsed, v.clock_start, false) z ON true
WHERE coalesce(v.response_due_set, ticket_sla.response_deadline(v.clock_start, v.severity, v.terms))
		IS DISTINCT FROM v.response_due
   OR coalesce(v.resolution_due_set, z.due) IS DISTINCT FROM v.resolution_due}, %opts);
}

# The extension's schema as the catalogs describe it, by name (not oid),
# one line per fact: its version and configuration tables, its member
# objects, every function's signature, properties, body and privileges,
# every relation's columns, defaults, constraints, indexes, triggers,
# policies, options and privileges, views' definitions, enum labels,
# operators and every comment.
sub schema_catalog
{
	my ($node, %opts) = @_;
	return sql($node, q{
WITH ext AS (SELECT * FROM pg_extension WHERE extname = 'ticket_sla'),
member AS (
	SELECT d.classid, d.objid FROM pg_depend d, ext
	WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'),
rel AS (
	SELECT c.* FROM pg_class c WHERE c.relnamespace = 'ticket_sla'::regnamespace)
SELECT line FROM (
	SELECT 'extension ' || extversion || ' relocatable ' || extrelocatable
	       || ' config ' || coalesce((SELECT string_agg(x::regclass::text, ',' ORDER BY x::regclass::text)
	                                  FROM unnest(extconfig) x), '-')
	       || ' schema ' || extnamespace::regnamespace AS line FROM ext
	UNION ALL
	SELECT 'member ' || pg_describe_object(classid, objid, 0) FROM member
	UNION ALL
	SELECT 'function ' || p.oid::regprocedure || ' returns ' || pg_get_function_result(p.oid)
	       || ' args ' || pg_get_function_arguments(p.oid)
	       || ' kind ' || p.prokind::text || ' lang ' || l.lanname || ' vol ' || p.provolatile::text
	       || ' strict ' || p.proisstrict || ' par ' || p.proparallel::text || ' secdef ' || p.prosecdef
	       || ' leak ' || p.proleakproof || ' cost ' || p.procost || ' rows ' || p.prorows
	       || ' config ' || coalesce(p.proconfig::text, '-') || ' acl ' || coalesce(p.proacl::text, '-')
	       || ' owner ' || p.proowner::regrole
	       || ' bin ' || coalesce(p.probin, '-') || ' src ' || md5(p.prosrc)
	FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
	WHERE p.pronamespace = 'ticket_sla'::regnamespace
	UNION ALL
	SELECT 'relation ' || c.relname || ' kind ' || c.relkind::text || ' persistence ' || c.relpersistence::text
	       || ' rls ' || c.relrowsecurity || '/' || c.relforcerowsecurity
	       || ' options ' || coalesce(c.reloptions::text, '-') || ' acl ' || coalesce(c.relacl::text, '-')
	       || ' owner ' || c.relowner::regrole
	FROM rel c
	UNION ALL
	SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
	       || ' #' || a.attnum || ' notnull ' || a.attnotnull || ' identity ' || a.attidentity::text
	       || ' generated ' || a.attgenerated::text || ' default ' || coalesce(pg_get_expr(ad.adbin, ad.adrelid), '-')
	       || ' collation ' || a.attcollation || ' acl ' || coalesce(a.attacl::text, '-')
	FROM rel c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
	UNION ALL
	SELECT 'constraint ' || c.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)
	FROM rel c JOIN pg_constraint k ON k.conrelid = c.oid
	UNION ALL
	SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM rel c JOIN pg_index i ON i.indrelid = c.oid
	UNION ALL
	SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' enabled ' || t.tgenabled::text
	FROM rel c JOIN pg_trigger t ON t.tgrelid = c.oid AND NOT t.tgisinternal
	UNION ALL
	SELECT 'policy ' || tablename || '.' || policyname || ' ' || permissive || ' ' || roles::text
	       || ' ' || cmd || ' using ' || coalesce(qual, '-') || ' check ' || coalesce(with_check, '-')
	FROM pg_policies WHERE schemaname = 'ticket_sla'
	UNION ALL
	SELECT 'view ' || c.relname || ' ' || pg_get_viewdef(c.oid) FROM rel c WHERE c.relkind::text IN ('v', 'm')
	UNION ALL
	SELECT 'sequence ' || s.seqrelid::regclass || ' ' || format_type(s.seqtypid, NULL) || ' ' || s.seqstart
	       || ' ' || s.seqincrement || ' ' || s.seqmax || ' ' || s.seqmin || ' ' || s.seqcache || ' ' || s.seqcycle
	FROM pg_sequence s JOIN rel c ON c.oid = s.seqrelid
	UNION ALL
	SELECT 'type ' || t.oid::regtype || ' ' || t.typtype::text || ' len ' || t.typlen || ' align ' || t.typalign::text
	       || ' storage ' || t.typstorage::text || ' io ' || t.typinput::text || '/' || t.typoutput::text
	       || '/' || t.typreceive::text || '/' || t.typsend::text
	       || coalesce(' labels ' || (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
	                                  FROM pg_enum e WHERE e.enumtypid = t.oid), '')
	FROM pg_type t WHERE t.typnamespace = 'ticket_sla'::regnamespace AND t.typtype::text IN ('b', 'e', 'd')
	UNION ALL
	SELECT 'operator ' || o.oid::regoperator || ' ' || o.oprcode::text || ' commutator ' || o.oprcom::regoperator
	       || ' negator ' || o.oprnegate::regoperator || ' restrict ' || o.oprrest::text
	       || ' join ' || o.oprjoin::text
	FROM pg_operator o WHERE o.oprnamespace = 'ticket_sla'::regnamespace
	UNION ALL
	SELECT 'comment ' || pg_describe_object(d.classoid, d.objoid, d.objsubid) || ': ' || d.description
	FROM pg_description d
	WHERE (d.classoid, d.objoid) IN (SELECT classid, objid FROM member UNION ALL SELECT 'pg_extension'::regclass, oid FROM ext)
	   OR (d.classoid = 'pg_class'::regclass AND d.objoid IN (SELECT oid FROM rel))
	   OR (d.classoid = 'pg_policy'::regclass AND d.objoid IN
	       (SELECT p.oid FROM pg_policy p JOIN rel c ON c.oid = p.polrelid))
) s
ORDER BY line COLLATE "C"}, %opts);
}

# { view => query } for the views of the store (and quarterly_report),
# without the columns that read now() for a running clock: two nodes read
# at different instants.  The tickets of fill_store are long past due, so
# the states do not move.  Nor the columns that 0.6 adds (due dates set
# by hand, replies, updates, the resolutions of earlier cycles, the
# numeric <interval>_seconds next to each interval): a view read before an
# update to 0.6 has none.  (sla_status, breaches and clock_ledger name
# their columns, which leaves the seconds out.)
sub view_queries
{
	return (
	sla_status => q{
SELECT ticket_id, case_number, customer_id, organisation, contract, severity, tier, status,
	opened_at, clock_start, response_due, response_state, resolution_due, resolution_state,
	paused, state, escalation_level, next_escalation_at,
	-- a paused resolution clock is read at paused_since
	CASE WHEN paused THEN resolution_remaining END, CASE WHEN paused THEN resolution_used_pct END
FROM ticket_sla.sla_status ORDER BY ticket_id},
	breaches => q{
SELECT ticket_id, case_number, customer_id, organisation, contract, severity, target, due, met_at,
	CASE WHEN met_at IS NOT NULL THEN late_business END, CASE WHEN met_at IS NOT NULL THEN late_clock END
FROM ticket_sla.breaches ORDER BY ticket_id, target},
	compliance => q{
SELECT (to_jsonb(c) - 'targets_manual' - 'replies_met' - 'replies_breached' - 'updates_met' - 'updates_breached'
		 - 'median_response_seconds' - 'p90_response_seconds')::text FROM ticket_sla.compliance c
ORDER BY period, period_start, customer_id, contract_id, severity},
	queue           => q{SELECT q::text FROM ticket_sla.queue q},
	tier_queue      => q{SELECT q::text FROM ticket_sla.tier_queue q},
	ticket_outcomes => q{
SELECT (to_jsonb(o) - 'response_time_seconds' - 'response_manual' - 'resolution_manual' - 'replies_met' - 'replies_breached' - 'updates_met' - 'updates_breached'
	- 'earlier_resolutions_met' - 'earlier_resolutions_breached')::text
FROM ticket_sla.ticket_outcomes o ORDER BY ticket_id},
	clock_ledger    => q{
SELECT ticket_id, case_number, clock, from_at, to_at, state, reason, severity,
	CASE WHEN to_at IS NOT NULL THEN business_time END, CASE WHEN to_at IS NOT NULL THEN elapsed END
FROM ticket_sla.clock_ledger ORDER BY ticket_id, clock, from_at, to_at},
	customer_terms   => q{SELECT c::text FROM ticket_sla.customer_terms c ORDER BY customer_id},
	quarterly_report => q{
SELECT c.customer_id, (to_jsonb(r) - 'responses_manual' - 'resolutions_manual'
	- 'replies_met' - 'replies_breached' - 'updates_met' - 'updates_breached' - 'response_time_seconds'
	-- (0.6) the availability columns, NULL but in the rows of a service
	- 'service' - 'availability_pct' - 'availability_target' - 'minutes_down' - 'minutes_maintenance'
	- 'months_breached')::text
FROM ticket_sla.customers c,
	LATERAL ticket_sla.quarterly_report(c.customer_id, '2024-Q1') r ORDER BY 1});
}

# { function => query }: the functions at fixed instants, over the stored
# tickets and plans
sub function_queries
{
	return (
	business_deadline => q{
SELECT c.name, s, d, ticket_sla.business_deadline(s, d, ticket_sla.hours(c.terms)),
	ticket_sla.business_time_between(s, s + d, ticket_sla.hours(c.terms))
FROM ticket_sla.contracts c,
	generate_series('2024-03-28 00:00+00'::timestamptz, '2024-04-02 00:00+00', '5 hours 3 minutes') s,
	unnest(ARRAY['1 hour', '9 hours', '3 days']::interval[]) d
WHERE ticket_sla.hours(c.terms) IS NOT NULL ORDER BY 1, 2, 3},
	holidays => q{
SELECT r, h.day, h.name FROM unnest(ARRAY['DE-BE', 'GB-ENG', 'US', 'IL', 'NL']) r,
	LATERAL ticket_sla.holidays(r, 2024, 2026) h ORDER BY 1, 2, 3},
	response_progress => q{
SELECT t.ticket_id, p::text, z::text,
	(SELECT string_agg(e::text, ',') FROM ticket_sla.escalation_steps(t.clock_start, t.severity, ct.terms) e),
	ticket_sla.escalation_due(t.clock_start, t.severity, ct.terms, '2024-03-15 12:00+00')::text
FROM ticket_sla.tickets t JOIN ticket_sla.contract_terms ct USING (terms_id)
CROSS JOIN LATERAL ticket_sla.response_progress(t.clock_start, t.severity, ct.terms,
	'2024-03-10 12:00+00', t.first_response_at IS NOT NULL) p
CROSS JOIN LATERAL ticket_sla.resolution_progress(t.clock_start, t.severity, ct.terms,
	t.paused_business, t.paused_elapsed, '2024-03-10 12:00+00', false) z
ORDER BY 1});
}

# A unified diff of two texts (empty when they are equal), for messages
# that show what differs rather than two long texts
sub text_diff
{
	my ($a, $b) = @_;
	return '' if $a eq $b;
	my $dir = PostgreSQL::Test::Utils::tempdir('diff');
	open my $fa, '>', "$dir/a" or die;
	print $fa "$a\n";
	close $fa;
	open my $fb, '>', "$dir/b" or die;
	print $fb "$b\n";
	close $fb;
	my ($out) = run_command([ 'diff', '-U1', "$dir/a", "$dir/b" ]);
	return $out eq '' ? "(texts differ in a way diff does not show)" : $out;
}

1;
