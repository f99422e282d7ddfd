# What the security tests of test/t share (issue 6: 006_hostile_objects.pl,
# 007_precreated_objects.pl, 008_catalog_privileges.pl, 009_role_access.pl):
# SQL run as a role under a given search_path, catalog queries that meet no
# decoy, the outcome (SQLSTATE or rows) of a statement, rolled back, and a
# node with the extension installed and the tests' login roles.
package TicketSlaSecurity;

use strict;
use warnings;

use Exporter 'import';
use TicketSlaTap;

our @EXPORT = qw(as_role catalog outcome_psql probe_sql outcome login_roles_sql roles_node);

# SQL as $role (SET ROLE from the superuser's session: privileges and
# row-level security are the role's) under search_path $path
sub as_role
{
	my ($node, $db, $role, $path, $sql) = @_;
	return sql($node, "SET ROLE $role;\nSET search_path = $path;\n$sql", db => $db);
}

# Catalog queries as the superuser with nothing but pg_catalog on the
# path: in a database full of decoys the test's own SQL must not meet them
sub catalog
{
	my ($node, $db, $sql) = @_;
	return sql($node, "SET search_path = pg_catalog;\n$sql", db => $db);
}

# 'ok', or the SQLSTATE of the first error of $sql run by psql
sub outcome_psql
{
	my ($node, $db, $sql) = @_;
	my ($rc, $out, $err) = $node->psql($db, "\\set VERBOSITY verbose\nSET TimeZone = 'UTC';\n$sql");
	return 'ok' if $rc == 0;
	return $err =~ /ERROR:  ([0-9A-Z]{5}):/ ? $1 : "failed without SQLSTATE: $err";
}

# The SQL that makes probe.outcome(sql), which runs a statement as the
# current role and always rolls it back: 'ok N' (N rows) or the SQLSTATE
# it failed with
sub probe_sql
{
	return q{
CREATE SCHEMA probe;
GRANT USAGE ON SCHEMA probe TO PUBLIC;
CREATE FUNCTION probe.outcome(q text) RETURNS text
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	n bigint;
BEGIN
	EXECUTE q;
	GET DIAGNOSTICS n = ROW_COUNT;
	RAISE EXCEPTION USING ERRCODE = 'P0999', MESSAGE = n::text;
EXCEPTION WHEN OTHERS THEN
	IF SQLSTATE = 'P0999' THEN
		RETURN 'ok ' || SQLERRM;
	END IF;
	RETURN SQLSTATE;
END
$$;};
}

# What $stmt does run by $role in $db (where probe_sql ran), rolled back
sub outcome
{
	my ($node, $db, $role, $stmt) = @_;
	(my $quoted = $stmt) =~ s/'/''/g;
	return as_role($node, $db, $role, 'pg_catalog', "SELECT probe.outcome('$quoted')");
}

# The login roles of the tests, one per role of the extension (which must
# exist: the extension is installed somewhere in the cluster): agnes an
# agent, clara a cleared agent, adam the admin, rita reporting
sub login_roles_sql
{
	return q{
CREATE ROLE agnes LOGIN IN ROLE ticket_sla_agent;
CREATE ROLE clara LOGIN IN ROLE ticket_sla_agent, ticket_sla_cleared;
CREATE ROLE adam LOGIN IN ROLE ticket_sla_admin;
CREATE ROLE rita LOGIN IN ROLE ticket_sla_reporting;};
}

# A started node named $name whose database roles (no decoys) has the
# extension installed and the probe, with the login roles of login_roles_sql
sub roles_node
{
	my ($name) = @_;
	my $node = new_node($name);
	$node->start;
	sql($node, 'CREATE DATABASE roles');
	sql($node, 'CREATE EXTENSION ticket_sla', db => 'roles');
	sql($node, login_roles_sql());
	sql($node, probe_sql(), db => 'roles');
	return $node;
}

1;
