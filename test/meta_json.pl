#!/usr/bin/perl
# test/meta_json.pl: META.json, the PGXN metadata, is valid JSON with the
# keys the PGXN meta spec 1.0.0 requires, and its versions are in step with
# ticket_sla.control's default_version (the extension's version x.y is the
# distribution's x.y.0), as is the Debian package's (debian/changelog).
# Needs no server and no module outside Perl's core.
# Usage: perl test/meta_json.pl     (exits non-zero on a mismatch)
use strict;
use warnings;
use JSON::PP;
use FindBin;

my $top = "$FindBin::Bin/..";
sub slurp { my ($f) = @_; open my $fh, '<', $f or die "$f: $!\n"; local $/; return <$fh> }

my $meta = eval { decode_json(slurp("$top/META.json")) } or die "META.json: not valid JSON: $@";
my ($control) = slurp("$top/ticket_sla.control") =~ /^\s*default_version\s*=\s*'([^']+)'/m
  or die "ticket_sla.control names no default_version\n";
my $want = "$control.0";
my @errors;
for my $key (qw(name abstract version maintainer license provides meta-spec))
{
	push @errors, "no \"$key\"" unless exists $meta->{$key};
}
push @errors, "name is \"$meta->{name}\", not ticket_sla" unless ($meta->{name} // '') eq 'ticket_sla';
push @errors, "meta-spec version is not 1.0.0" unless (($meta->{'meta-spec'} // {})->{version} // '') eq '1.0.0';
push @errors, "version $meta->{version} is not default_version $control as $want"
  unless ($meta->{version} // '') eq $want;
my $provided = ($meta->{provides} // {})->{ticket_sla} // {};
push @errors, "provides.ticket_sla.version " . ($provided->{version} // 'missing') . " is not $want"
  unless ($provided->{version} // '') eq $want;
push @errors, "provides.ticket_sla.file $provided->{file} does not exist"
  unless defined $provided->{file} && -f "$top/$provided->{file}";
# and the Debian package's version, the first line of debian/changelog
my ($debian) = slurp("$top/debian/changelog") =~ /^ticket-sla \(([^)]+)\)/
  or die "debian/changelog names no version\n";
push @errors, "debian/changelog's version $debian is not default_version $control" unless $debian eq $control;
if (@errors)
{
	print "meta_json: META.json: $_\n" for @errors;
	exit 1;
}
print "meta_json: META.json $meta->{version} and debian/changelog $debian are in step with default_version $control\n";
