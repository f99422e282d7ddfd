#!/usr/bin/perl
# test/doctest.pl: runs the SQL examples of the documentation and compares
# what PostgreSQL prints with what the document shows.
#
# Usage: perl test/doctest.pl [FILE.md ...]
#   default: README.md and docs/*.md of the source tree.  Connects with the
#   usual libpq environment (PGHOST, PGPORT, PGUSER: a superuser) to a
#   maintenance database (PGDATABASE, default postgres).  The psql of
#   $PG_CONFIG --bindir is used when PG_CONFIG is set.  Prints one line per
#   file, the skipped blocks by name, and every mismatch; exits 1 when an
#   example fails or a relative link is broken (a file that does not exist,
#   or an #anchor that is no heading of its page).
#
# The convention, also described in docs/tests.md ("Examples in the
# documentation"):
#
# - Every fenced block opened with ```sql is run; other blocks (```sh,
#   ```json, plain ```) are listed as not SQL and not run.  A block that
#   cannot run here (it needs another server, or a database of an older
#   version) is marked on the line before its fence, visibly:
#       <!-- doctest: skip (needs a standby) -->
#   and is reported as skipped, with its line, section and reason.
# - Each file runs in a database of its own, created empty for it (nothing
#   installed: the file's first example creates the extension), in one psql
#   session (psql -X -q, ON_ERROR_STOP off), its blocks in order: what one
#   example sets (SET TimeZone, SET ROLE, tables, rows) holds for the ones
#   after it.  The session starts with TimeZone 'Pacific/Chatham'
#   (UTC+13:45), so an example that prints instants sets its zone itself
#   rather than passing by the luck of a server's default.  Roles created by
#   a file are dropped after it, with its database.
# - A statement runs from its first line to the line ending with a `;`
#   outside quotes, dollar quotes and comments (a trailing `-- comment` on
#   that line is part of the statement).  A line starting with a backslash
#   is a psql command on its own.
# - The expected output of a statement is the run of comment lines right
#   after it, up to the next blank or non-comment line: each `-- ` followed
#   by exactly one line psql printed (a bare `--` is an empty line).  A
#   comment that is prose goes before a statement, after a blank line.  A
#   statement followed by no comment line must print nothing: no result, no
#   notice, no error.
# - What psql prints is shown as this: a one-column result by its values
#   only (no header); a result of several columns by psql's aligned header
#   and rows, without the line of dashes under the header; never the footer
#   ("(2 rows)"); errors and notices as psql prints them (`ERROR:  ...`,
#   `DETAIL:  ...`, `HINT:  ...`, `NOTICE:  ...`), without the
#   "psql:file:line:" prefix, the "LINE n:" excerpt of the statement with
#   its caret, and CONTEXT lines (SHOW_CONTEXT never).  Statements that
#   print nothing under psql -q (SET, INSERT without RETURNING, CREATE ...)
#   show nothing.  Trailing blanks are ignored on both sides.
#
# psql writes results to stdout (buffered by stdio when it is a pipe) and
# errors and notices to stderr; it runs under `stdbuf -o0` with both going
# to the same pipe, so that they arrive in the order psql wrote them.  A
# marker printed with \echo before each statement cuts the output into the
# statements' parts.

use strict;
use warnings;
use File::Basename qw(dirname);
use File::Temp qw(tempfile);
use Cwd qw(abs_path);

my $top = abs_path(dirname(abs_path($0)) . '/..');
my @files = @ARGV ? @ARGV : ("$top/README.md", sort glob("$top/docs/*.md"));

my $psql = 'psql';
if ($ENV{PG_CONFIG}) {
	my $bindir = `"$ENV{PG_CONFIG}" --bindir`;
	chomp $bindir;
	$psql = "$bindir/psql" if $bindir ne '' && -x "$bindir/psql";
}
my $maintenance_db = $ENV{PGDATABASE} || 'postgres';

my ($total_failed, $total_checked) = (0, 0);

for my $file (@files) {
	my ($blocks, $problems) = parse_file($file);
	my $name = $file;
	$name =~ s{^\Q$top\E/}{};
	my @run = grep { !$_->{skip} && $_->{lang} eq 'sql' } @$blocks;
	my @skipped = grep { $_->{skip} } @$blocks;
	my @other = grep { $_->{lang} ne 'sql' } @$blocks;
	my @statements = map { @{ $_->{statements} } } @run;

	push @$problems, check_links($file);
	my $failed = 0;
	for my $p (@$problems) {
		print "$name:$p->{line}: $p->{message}\n";
		$failed++;
	}
	$failed += run_statements($name, \@statements) if @statements;

	for my $b (@skipped) {
		print "  skipped: $name:$b->{line} ($b->{section}): $b->{skip}\n";
	}
	for my $b (@other) {
		my $lang = $b->{lang} eq '' ? 'plain' : $b->{lang};
		print "  not SQL, not run: $name:$b->{line} ($b->{section}): $lang\n";
	}
	printf "doctest %s: %d sql blocks, %d statements checked, %d failed; %d blocks skipped, %d not SQL\n",
		$name, scalar(@run), scalar(@statements), $failed, scalar(@skipped), scalar(@other);
	$total_failed += $failed;
	$total_checked += @statements;
}
exit($total_failed ? 1 : 0);

# The fenced blocks of a Markdown file: language, line, section, skip
# reason, and for SQL blocks the statements with their expected output.
sub parse_file {
	my ($file) = @_;
	open my $fh, '<', $file or die "$file: $!\n";
	my @lines = <$fh>;
	close $fh;
	chomp @lines;
	my (@blocks, @problems);
	my ($section, $previous, $fence) = ('', '', undef);
	my $i = 0;
	while ($i < @lines) {
		my $line = $lines[$i];
		if ($line =~ /^(\s*)```\s*([\w-]*)\s*$/) {
			my ($indent, $lang) = (length $1, lc $2);
			my $start = $i + 1;
			my @body;
			$i++;
			while ($i < @lines && $lines[$i] !~ /^\s*```\s*$/) {
				my $l = $lines[$i];
				$l =~ s/^ {0,$indent}//;
				push @body, [$i + 1, $l];
				$i++;
			}
			push @problems, { line => $start, message => 'fenced block not closed' } if $i >= @lines;
			my $block = { line => $start, lang => $lang, section => $section, statements => [] };
			if ($previous =~ /<!--\s*doctest:\s*skip\b\s*(?:\((.*?)\))?\s*-->/) {
				$block->{skip} = $1 // 'marked skip';
			}
			if ($lang eq 'sql' && !$block->{skip}) {
				parse_block($block, \@body, \@problems);
			}
			push @blocks, $block;
			$previous = '';
			$i++;
			next;
		}
		if ($line =~ /^#+\s+(.*?)\s*$/) {
			$section = $1;
		}
		$previous = $line if $line =~ /\S/;
		$i++;
	}
	return (\@blocks, \@problems);
}

# The relative links of a page, outside code: the file must exist, and a
# #anchor must be a heading of the target page, as GitHub makes anchors
# (lower case; punctuation but - and _ dropped; spaces to -; a repeated
# heading gets -1, -2, ...).
my %anchor_cache;
sub check_links {
	my ($file) = @_;
	my @problems;
	my $n = 0;
	for my $line (prose_lines($file)) {
		$n++;
		(my $text = $line) =~ s/`+[^`]*`+//g;
		while ($text =~ /\]\(([^()\s]+)\)/g) {
			my $link = $1;
			next if $link =~ m{^[a-z][a-z0-9+.-]*:}i;    # http:, mailto:
			my ($path, $anchor) = split /#/, $link, 2;
			my $target = $path eq '' ? $file : dirname($file) . "/$path";
			if (!-e $target) {
				push @problems, { line => $n, message => "link $link: no file $path" };
				next;
			}
			next if !defined $anchor || $target !~ /\.md$/;
			$anchor_cache{$target} //= heading_anchors($target);
			push @problems, { line => $n, message => "link $link: no heading #$anchor in " . ($path eq "" ? "this page" : $path) }
				unless $anchor_cache{$target}{$anchor};
		}
	}
	return @problems;
}

# A page's lines with those of fenced blocks blanked (numbers kept).
sub prose_lines {
	my ($file) = @_;
	open my $fh, '<:encoding(UTF-8)', $file or die "$file: $!\n";
	my @lines = <$fh>;
	close $fh;
	chomp @lines;
	my $fenced = 0;
	for (@lines) {
		if (/^\s*```/) { $fenced = !$fenced; $_ = ''; next; }
		$_ = '' if $fenced;
	}
	return @lines;
}

sub heading_anchors {
	my ($file) = @_;
	my (%anchors, %seen);
	for (prose_lines($file)) {
		next unless /^#{1,6}\s+(.*?)\s*$/;
		(my $slug = lc $1) =~ s/\[([^\]]*)\]\([^)]*\)/$1/g;
		$slug =~ s/[^\w\- ]//g;
		$slug =~ s/ /-/g;
		my $k = $seen{$slug}++;
		$anchors{$k ? "$slug-$k" : $slug} = 1;
	}
	return \%anchors;
}

# Cuts a block's lines into statements and the comment lines after them.
sub parse_block {
	my ($block, $body, $problems) = @_;
	my $state = 'idle';          # idle, statement, expect
	my %lex = (mode => 'n');
	my $current;
	for my $entry (@$body) {
		my ($n, $line) = @$entry;
		if ($state ne 'statement') {
			if ($line !~ /\S/) {
				$state = 'idle';
				next;
			}
			if ($line =~ /^\s*--/) {
				if ($state eq 'expect') {
					(my $text = $line) =~ s/^\s*-- ?//;
					push @{ $current->{expected} }, $text;
				}
				next;
			}
			$current = { line => $n, block => $block->{line}, text => '', expected => [] };
			push @{ $block->{statements} }, $current;
			if ($line =~ /^\s*\\/) {
				$current->{text} = "$line\n";
				$state = 'expect';
				next;
			}
			$state = 'statement';
		}
		$current->{text} .= "$line\n";
		if (scan_line($line, \%lex)) {
			$state = 'expect';
		}
	}
	if ($state eq 'statement') {
		push @$problems, { line => $current->{line},
			message => 'statement not ended by ";" before the end of its block' };
		pop @{ $block->{statements} };
	}
}

# Scans one line of SQL, carrying the lexical state (quotes, dollar quotes,
# block comments) over lines; true when the line ends a statement: its last
# character outside quotes and comments is a semicolon.
sub scan_line {
	my ($line, $lex) = @_;
	my $last = '';
	my $i = 0;
	my $n = length $line;
	while ($i < $n) {
		my $c = substr($line, $i, 1);
		my $mode = $lex->{mode};
		if ($mode eq 'n') {
			if ($c eq "'") {
				$lex->{mode} = 's';
			} elsif ($c eq '"') {
				$lex->{mode} = 'd';
			} elsif (substr($line, $i, 2) eq '--') {
				last;
			} elsif (substr($line, $i, 2) eq '/*') {
				$lex->{mode} = 'c';
				$lex->{depth} = 1;
				$i += 2;
				next;
			} elsif ($c eq '$' && substr($line, $i) =~ /^(\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$)/) {
				$lex->{mode} = '$';
				$lex->{tag} = $1;
				$i += length $1;
				$last = '$';
				next;
			}
			$last = $c if $c =~ /\S/;
		} elsif ($mode eq 's') {
			$lex->{mode} = 'n' if $c eq "'";
		} elsif ($mode eq 'd') {
			$lex->{mode} = 'n' if $c eq '"';
		} elsif ($mode eq '$') {
			if (substr($line, $i, length $lex->{tag}) eq $lex->{tag}) {
				$i += length $lex->{tag};
				$lex->{mode} = 'n';
				next;
			}
		} elsif ($mode eq 'c') {
			if (substr($line, $i, 2) eq '*/') {
				$lex->{mode} = 'n' if --$lex->{depth} == 0;
				$i += 2;
				next;
			} elsif (substr($line, $i, 2) eq '/*') {
				$lex->{depth}++;
				$i += 2;
				next;
			}
		}
		$i++;
	}
	return $lex->{mode} eq 'n' && $last eq ';';
}

sub sql_literal {
	my ($s) = @_;
	$s =~ s/'/''/g;
	return "'$s'";
}

sub ident {
	my ($s) = @_;
	$s =~ s/"/""/g;
	return qq{"$s"};
}

# psql -c on the maintenance database; dies on failure.
sub admin {
	my ($sql) = @_;
	my @out = `"$psql" -X -q -A -t -v ON_ERROR_STOP=1 -d ${\ sql_literal_shell($maintenance_db)} -c ${\ sql_literal_shell($sql)} 2>&1`;
	die "doctest: $sql: @out" if $?;
	chomp @out;
	return @out;
}

sub sql_literal_shell {
	my ($s) = @_;
	$s =~ s/'/'\\''/g;
	return "'$s'";
}

# Runs the statements of one file in a fresh database and compares; returns
# the number of statements that failed.
sub run_statements {
	my ($name, $statements) = @_;
	(my $db = "doctest_$name") =~ s/[^A-Za-z0-9_]/_/g;
	$db = substr($db, 0, 63);
	my %roles_before = map { $_ => 1 } admin('SELECT rolname FROM pg_roles');
	admin('DROP DATABASE IF EXISTS ' . ident($db));
	admin('CREATE DATABASE ' . ident($db) . ' TEMPLATE template0');

	my ($sfh, $script) = tempfile('doctest-XXXXXX', SUFFIX => '.sql', TMPDIR => 1, UNLINK => 1);
	print $sfh "\\set SHOW_CONTEXT never\n\\pset footer off\n\\pset pager off\n";
	for my $k (0 .. $#$statements) {
		print $sfh "\\echo '\@\@doctest $k'\n", $statements->[$k]{text};
	}
	print $sfh "\\echo '\@\@doctest end'\n";
	close $sfh;
	chmod 0644, $script;

	local $ENV{PGTZ} = 'Pacific/Chatham';
	local $ENV{PGOPTIONS} = '';
	my $cmd = join(' ', map { sql_literal_shell($_) } 'stdbuf', '-o0', '-e0', $psql, '-X', '-q',
		'-v', 'ON_ERROR_STOP=0', '-d', $db, '-f', $script) . ' 2>&1';
	my @output = `$cmd`;
	chomp @output;

	my (%got, $key);
	my @stray;
	for my $line (@output) {
		if ($line =~ /^\@\@doctest (\d+|end)$/) {
			$key = $1;
			$got{$key} = [];
			next;
		}
		if (defined $key) {
			push @{ $got{$key} }, $line;
		} else {
			push @stray, $line;
		}
	}
	my $failed = 0;
	if (@stray || !exists $got{end}) {
		print "$name: psql printed outside the examples or stopped early:\n";
		print map { "    $_\n" } @stray, @output[-5 .. -1];
		$failed++;
	}
	for my $k (0 .. $#$statements) {
		my $s = $statements->[$k];
		my @got = shown($got{$k} // ['(not run)']);
		my @want = @{ $s->{expected} };
		s/\s+$// for @got, @want;
		next if "@{[ map { qq{$_\n} } @got ]}" eq "@{[ map { qq{$_\n} } @want ]}";
		$failed++;
		print "FAILED $name:$s->{line} (block at line $s->{block}):\n";
		print map { "    $_\n" } split /\n/, $s->{text};
		print "  expected:\n", (map { "    -- $_\n" } @want), (@want ? '' : "    (nothing)\n");
		print "  got:\n", (map { "    -- $_\n" } @got), (@got ? '' : "    (nothing)\n");
	}

	admin('DROP DATABASE IF EXISTS ' . ident($db));
	for my $role (admin('SELECT rolname FROM pg_roles')) {
		admin('DROP ROLE ' . ident($role)) unless $roles_before{$role};
	}
	return $failed;
}

# What psql printed for one statement, as the document shows it.
sub shown {
	my ($lines) = @_;
	my @in = @$lines;
	my @out;
	my $table = 0;
	for (my $i = 0; $i < @in; $i++) {
		my $l = $in[$i];
		if ($table && $l eq "") {    # the empty line psql prints after a result
			$table = 0;
			next;
		}
		$l =~ s/^psql:.*?:\d+: //;
		if ($l =~ /^LINE \d+: /) {
			$i++ if $i + 1 < @in && $in[$i + 1] =~ /^\s*\^\s*$/;
			next;
		}
		if ($l =~ /^-+(\+-+)*$/ && @out) {
			pop @out if $l !~ /\+/;       # one column: values only
			$table = 1;
			next;
		}
		push @out, $l;
	}
	return @out;
}
