# Security of the install scripts and of the roles (issue 6), part 3: the
# catalogs, in a database without decoys.  SECURITY DEFINER functions run
# with search_path pg_catalog, pg_temp, every PL/pgSQL function has a fixed
# search_path, superusers own everything, PUBLIC can neither run the
# functions that change data (nor, from 0.4, any trigger function) nor
# write anything, and only the roles the manual names run retarget and
# process_escalations; no role calls take_premium_request (the tickets'
# trigger takes premium requests as the extension's owner).
#
# The other parts: 006_hostile_objects.pl, 007_precreated_objects.pl,
# 009_role_access.pl.  Every expectation is derived from
# sql/ticket_sla.sql (the current version script) (named at each check), not
# from a run.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use TicketSlaTap;
use TicketSlaSecurity;

# the extension in database roles, the probe, and the login roles
my $node = roles_node('catalogs');

# the thirteen SECURITY DEFINER functions of sql/ticket_sla.sql, each with
# SET search_path = pg_catalog, pg_temp (0.6: the report rollups' four;
# process_escalations also with jit off, which its batches do not pay for)
is( catalog($node, 'roles', q{
SELECT string_agg(proname || ' ' || coalesce(array_to_string(proconfig, ';'), '-'), E'\n' ORDER BY proname)
FROM pg_proc WHERE pronamespace = 'ticket_sla'::regnamespace AND prosecdef}),
	join("\n", map { "$_ search_path=pg_catalog, pg_temp" . ($_ eq 'process_escalations' ? ';jit=off' : '') }
		qw(guard_statuses local_terms localize_customer note_deleted_days process_escalations rebuild_reports
		  record_contract_terms record_message record_segments refresh_reports report_changed_days retarget
		  take_premium_request)),
	'every SECURITY DEFINER function runs with search_path = pg_catalog, pg_temp');
# every PL/pgSQL and SQL function fixes its search_path (0.5 dropped the
# one without, clock_paused_by, an inlinable SQL function whose body was
# parsed under the caller's search_path)
is( catalog($node, 'roles', q{
SELECT coalesce(string_agg(p.proname || ' ' || l.lanname, ', ' ORDER BY p.proname), '-')
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
WHERE p.pronamespace = 'ticket_sla'::regnamespace AND l.lanname IN ('sql', 'plpgsql')
  AND NOT coalesce(p.proconfig::text[] && ARRAY['search_path=pg_catalog, pg_temp'], false)}),
	'-', 'every PL/pgSQL and SQL function has a fixed search_path');
is( catalog($node, 'roles', q{
SELECT coalesce(string_agg(pg_describe_object(d.classid, d.objid, 0), ', '), '-')
FROM pg_depend d
JOIN LATERAL (
	SELECT proowner AS owner FROM pg_proc WHERE d.classid = 'pg_proc'::regclass AND oid = d.objid
	UNION ALL SELECT relowner FROM pg_class WHERE d.classid = 'pg_class'::regclass AND oid = d.objid
	UNION ALL SELECT typowner FROM pg_type WHERE d.classid = 'pg_type'::regclass AND oid = d.objid
	UNION ALL SELECT oprowner FROM pg_operator WHERE d.classid = 'pg_operator'::regclass AND oid = d.objid
	UNION ALL SELECT nspowner FROM pg_namespace WHERE d.classid = 'pg_namespace'::regclass AND oid = d.objid
) o ON true
JOIN pg_roles r ON r.oid = o.owner
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'ticket_sla')
  AND NOT r.rolsuper;
SELECT count(*) > 50 FROM pg_depend WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'}),
	"-\nt", 'no function, relation, type, operator or schema of the extension is owned by a non-superuser');
# PUBLIC may execute no SECURITY DEFINER function and no trigger function
# (0.4: a trigger function attached to a role's own table would run with
# the rights it has); sql/privileges.sql tries every way in
is( catalog($node, 'roles', q{
SELECT coalesce(string_agg(proname, ',' ORDER BY proname), '-') FROM pg_proc
WHERE pronamespace = 'ticket_sla'::regnamespace AND (prosecdef OR prorettype = 'trigger'::regtype)
  AND has_function_privilege('public', oid, 'EXECUTE')}),
	'-',
	'PUBLIC may execute no SECURITY DEFINER function and no trigger function');
is(outcome($node, 'roles', 'rita', 'SELECT ticket_sla.record_segments()'), '42501',
	'a reporting role may not call record_segments (42501)');
is( catalog($node, 'roles', q{
SELECT f || ': ' || string_agg(r, ',' ORDER BY r)
FROM unnest(ARRAY['ticket_sla.retarget(text,integer)', 'ticket_sla.process_escalations(timestamptz,integer)',
                  'ticket_sla.take_premium_request(integer,date,integer)',
                  'ticket_sla.due_events(ticket_sla.tickets,timestamptz)',
                  'ticket_sla.set_due(bigint,ticket_sla.sla_clock,timestamptz,text)',
                  'ticket_sla.clear_due(bigint,ticket_sla.sla_clock,text)',
                  'ticket_sla.record_due_change(text,bigint,ticket_sla.sla_clock,timestamptz,text,name,name)']) f,
     unnest(ARRAY['ticket_sla_agent', 'ticket_sla_reporting', 'ticket_sla_admin', 'ticket_sla_cleared']) r
WHERE has_function_privilege(r, f::regprocedure, 'EXECUTE')
GROUP BY f ORDER BY f}),
	"ticket_sla.clear_due(bigint,ticket_sla.sla_clock,text): ticket_sla_admin\n"
	  . "ticket_sla.process_escalations(timestamptz,integer): ticket_sla_admin\n"
	  . "ticket_sla.retarget(text,integer): ticket_sla_admin\n"
	  . "ticket_sla.set_due(bigint,ticket_sla.sla_clock,timestamptz,text): ticket_sla_admin",
	'retarget, process_escalations, set_due and clear_due are for the admin; take_premium_request, due_events and record_due_change for no role (run as the owner)');
is( catalog($node, 'roles', q{
SELECT coalesce(string_agg(c.relname, ','), '-') FROM pg_class c
WHERE c.relnamespace = 'ticket_sla'::regnamespace
  AND (EXISTS (SELECT FROM aclexplode(c.relacl) a WHERE a.grantee = 0)
       OR EXISTS (SELECT FROM pg_attribute t, aclexplode(t.attacl) a WHERE t.attrelid = c.oid AND a.grantee = 0));
SELECT has_schema_privilege('public', 'ticket_sla', 'CREATE'), has_schema_privilege('public', 'ticket_sla', 'USAGE');
SELECT coalesce(string_agg(r, ','), '-') FROM unnest(ARRAY['ticket_sla_agent', 'ticket_sla_reporting',
	'ticket_sla_admin', 'ticket_sla_cleared']) r WHERE has_schema_privilege(r, 'ticket_sla', 'CREATE')}),
	"-\nf|f\n-", 'PUBLIC has no privilege on any table, column or sequence, nor CREATE on the schema; no role of the extension creates in it');

done_testing();
