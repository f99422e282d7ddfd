# Security of the install scripts and of the roles (issue 6), part 2:
# pre-created objects.  A schema ticket_sla created beforehand by a hostile
# user makes CREATE EXTENSION fail with nothing left behind.  Roles named
# like the extension's, created beforehand by a CREATEROLE user, are taken
# over as found (what that means is in the notes there).
#
# The other parts: 006_hostile_objects.pl, 008_catalog_privileges.pl,
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

my $pre = new_node('precreated');
$pre->start;
sql($pre, q{
CREATE ROLE mallory LOGIN;
CREATE ROLE eve LOGIN CREATEROLE;
GRANT CREATE ON DATABASE postgres TO mallory;
SET ROLE mallory;
CREATE SCHEMA ticket_sla;
CREATE TABLE ticket_sla.bait (x integer);});

# the install script's first statement is CREATE SCHEMA ticket_sla: an
# existing schema makes it fail (42P06, duplicate_schema), and the whole
# CREATE EXTENSION is rolled back
is(outcome_psql($pre, 'postgres', "SET search_path = public;\nCREATE EXTENSION ticket_sla"),
	'42P06', 'CREATE EXTENSION fails on a schema ticket_sla created by a hostile user (42P06)');
is( catalog($pre, 'postgres', q{
SELECT count(*) FROM pg_extension WHERE extname = 'ticket_sla';
SELECT count(*) FROM pg_roles WHERE rolname LIKE 'ticket\_sla\_%';
SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'ticket_sla';
SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relnamespace = 'ticket_sla'::regnamespace;
SELECT count(*) FROM pg_proc WHERE pronamespace = 'ticket_sla'::regnamespace;
SELECT count(*) FROM pg_type WHERE typnamespace = 'ticket_sla'::regnamespace AND typname NOT IN ('bait', '_bait');
SELECT count(*) FROM pg_operator WHERE oprnamespace = 'ticket_sla'::regnamespace}),
	"0\n0\nmallory\nbait\n0\n0\n0",
	'and leaves nothing behind: no extension, no role, nothing added to the hostile schema');

# Roles: the DO block of sql/ticket_sla.sql creates each of the four roles
# only "IF NOT EXISTS": a role created beforehand is used as it is, with
# its attributes and its members.  Here eve (CREATEROLE, not a superuser)
# creates ticket_sla_cleared able to log in, and makes herself a member.
sql($pre, q{
SET ROLE mallory;
DROP SCHEMA ticket_sla CASCADE;
SET ROLE eve;
CREATE ROLE ticket_sla_cleared LOGIN;
GRANT ticket_sla_cleared TO eve;});
is(outcome_psql($pre, 'postgres', 'CREATE EXTENSION ticket_sla'), 'ok',
	'CREATE EXTENSION succeeds with a role of the extension created beforehand by a CREATEROLE user');
is( catalog($pre, 'postgres', q{
SELECT string_agg(rolname || ' login ' || rolcanlogin, ', ' ORDER BY rolname) FROM pg_roles
WHERE rolname LIKE 'ticket\_sla\_%';
SELECT pg_has_role('eve', 'ticket_sla_cleared', 'MEMBER')}),
	"ticket_sla_admin login false, ticket_sla_agent login false, ticket_sla_cleared login true, "
	  . "ticket_sla_reporting login false\nt",
	'the pre-created role is taken over as found: it can still log in and eve is still cleared');
# What that means on PostgreSQL 15: nothing more than CREATEROLE gives
# anyway.  A CREATEROLE user may grant herself any role that is not a
# superuser, those the script created included, and make any of them
# LOGIN.  (From PostgreSQL 16 on a CREATEROLE user administers only the
# roles she created: there, pre-creating a role of the extension would
# keep for her the power to grant it; see the report.)
is( outcome_psql($pre, 'postgres', q{
SET ROLE eve;
GRANT ticket_sla_admin, ticket_sla_agent TO eve;
ALTER ROLE ticket_sla_reporting LOGIN;}),
	'ok', 'PostgreSQL 15: a CREATEROLE user grants herself the roles the script created, pre-created or not');
$pre->stop;

done_testing();
