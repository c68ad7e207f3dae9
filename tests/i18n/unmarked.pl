#!/usr/bin/perl
# unmarked.pl FILE...: prints "file:line: "literal"" for each string a
# person would read that is not wrapped in _(), N_() or P_().
#
# The heuristic, in three parts:
#  1. prose: after dropping printf conversions and escapes, the literal
#     holds two words apart ("no server"), a word next to a conversion
#     ("%zu invoice%s"), a capitalized word ("Hostname"), or a
#     word in parentheses ("(draft)"). Identifiers, API paths, JSON keys,
#     formats like "%04d-%02d" and single lowercase words are not prose.
#     Every string of a column table (struct dd_table_col) is a title.
#  2. where it stands: the argument of a call (any function but the
#     machine ones of @machine below), a designated field a screen shows
#     (.title = "..."), or a constant table (a literal in braces).
#  3. not wrapped: the text just before the literal is not "_(", "N_(" or
#     "P_(" (a P_ plural's second string counts as wrapped too).
# Lines the allow-list in unmarked.allow names are machine strings (each
# entry says why).
use strict;
use warnings;

# Calls whose string arguments are never shown: comparisons and parsing,
# environment, JSON field names, HTTP, audit keys, file modes, curses
# attribute names.
my %machine = map { $_ => 1 } qw(
	strcmp strcasecmp strncmp strncasecmp strstr strcasestr strchr strrchr strspn strcspn strtok_r
	sscanf strptime strftime getenv setenv fopen open popen access
	json_object_get json_object_set_new json_pack json_string json_unpack json_object_set
	dd_json_get_string dd_json_get_int dd_json_get_bool dd_json_get dd_json_obj dd_json_arr dd_json_str dd_json_int dd_json_bool dd_json_num
	dd_config_get dd_config_set dd_config_get_bool dd_config_get_int
	dd_request_url curl_easy_setopt curl_slist_append
	dd_audit_field
	assert
);

my ($allow_file, @files) = @ARGV;
my @allow;
if (open(my $a, '<', $allow_file)) {
	while (<$a>) {
		chomp;
		next if /^\s*(#|$)/;
		my ($file, $re) = split /\t+/, $_, 2;
		push @allow, [ $file, qr/$re/ ] if defined $re;
	}
}

sub prose {
	my $s = shift;
	# A word next to a conversion: "%zu invoice%s", "issued %.10s".
	my $conv = qr/%[-+ #0-9.*'lhzjtL]*[diouxXeEfgGcsp]/;
	return 1 if $s =~ /\b[a-z]{2,}\s+$conv/ || $s =~ /$conv\s+[a-z]{2,}/ || $s =~ /$conv\s+[A-Z]{3,}\b/;
	$s =~ s/%[-+ #0-9.*'lhzjtLq]*[a-zA-Z%]//g;
	$s =~ s/\\[nrt"\\]/ /g;
	return 1 if $s =~ /[A-Za-z]{2,}[,:;.'!?)]*\s+\(?[A-Za-z]{2,}/;
	return 1 if $s =~ /(^|[^A-Za-z_\/.])[A-Z][a-z]{2,}/;
	return 1 if $s =~ /\([a-z]{3,}\)/;
	return 0;
}

my $bad = 0;
for my $f (@files) {
	open(my $fh, '<', $f) or die "$f: $!";
	local $/;
	my $src = <$fh>;
	# Comments become spaces (newlines kept for the line numbers), and a
	# character constant ('"') loses its quote, which is no literal's start.
	$src =~ s{("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|(/\*.*?\*/|//[^\n]*)}
		{ my ($l, $c) = ($1, $2);
		  defined $l ? (substr($l, 0, 1) eq "'" ? "'" . ('c' x (length($l) - 2)) . "'" : $l)
			     : do { $c =~ s/[^\n]/ /g; $c } }gse;
	# Preprocessor lines (#include "x.h", #define K "v") are not text.
	$src =~ s{^([ \t]*#[^\n]*)}{ (my $c = $1) =~ s/./ /g; $c }gme;
	# Column titles: every string of a dd_table_col table is one, prose
	# or not ("hostname", "VAT").
	my @titles;
	while ($src =~ /struct\s+dd_table_col\s+\w+\s*\[[^\]]*\]\s*=\s*\{/g) {
		my ($from, $d, $k) = (pos($src), 1, pos($src));
		for (; $k < length($src) && $d > 0; $k++) {
			my $c = substr($src, $k, 1);
			$d++ if $c eq '{';
			$d-- if $c eq '}';
		}
		push @titles, [ $from, $k ];
	}
	while ($src =~ /"((?:\\.|[^"\\])*)"/g) {
		my ($lit, $at) = ($1, $-[0]);
		my $title = grep { $at > $_->[0] && $at < $_->[1] } @titles;
		next unless $title ? $lit ne '' : prose($lit);
		my $before = substr($src, 0, $at);
		# A literal continued from others ("a %" PRId64 " b") is wrapped
		# or not with the first piece of its chain.
		my $chain = qr/(?:"(?:\\.|[^"\\])*"|PRI[a-zA-Z0-9]+)/;
		$before =~ s/(?:$chain\s*)+$//;
		next if $before =~ /\b[NP]?_\(\s*$/;
		next if $before =~ /\bP_\(\s*(?:"(?:\\.|[^"\\])*"\s*)+,\s*$/;
		# The enclosing opening bracket and what names it.
		my ($depth, $i, $open) = (0, length($before) - 1, '');
		for (; $i >= 0; $i--) {
			my $c = substr($before, $i, 1);
			if ($c eq '"') { # skip a literal backwards
				$i-- while $i > 0 && !(substr($before, $i - 1, 1) eq '"' && substr($before, $i - 2, 1) ne '\\');
				$i--;
				next;
			}
			if ($c eq ')' || $c eq '}' || $c eq ']') { $depth++; next; }
			if ($c eq '(' || $c eq '{' || $c eq '[') {
				if ($depth == 0) { $open = $c; last; }
				$depth--;
			}
		}
		my $fn = '';
		$fn = $1 if $open eq '(' && substr($before, 0, $i) =~ /([A-Za-z_][A-Za-z0-9_]*)\s*$/;
		next if $fn ne '' && $machine{$fn};
		next if $open eq '(' && $fn =~ /^(if|while|switch|return|sizeof)$/ && $before !~ /[?:]\s*$/;
		next if $open eq '' ; # file scope, outside any bracket
		my $line = 1 + ($before =~ tr/\n//);
		my $text = "$f:$line: \"$lit\"";
		next if grep { $f =~ /\Q$_->[0]\E$/ && $text =~ $_->[1] } @allow;
		print "$text\n";
		$bad++;
	}
}
exit($bad ? 1 : 0);
