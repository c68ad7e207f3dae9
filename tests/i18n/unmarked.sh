#!/bin/sh
# No user-facing string literal of the rooms in DD_I18N_ROOMS is left out of
# the catalog: tests/i18n/unmarked.pl lists the prose literals not wrapped in
# _(), N_() or P_(); tests/i18n/unmarked.allow names the machine strings
# (API values, JSON keys, formats) with the reason each is not translated.
#
# DD_I18N_ROOMS: the rooms checked (a directory or one file), by default
# dedi.c, the console (tui), the commands (cli) and core's messages.
set -u
: "${DD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${DD_SRCDIR:=$DD_BUILDDIR}"
: "${DD_I18N_ROOMS:=dedi.c tui cli core}"
here="$DD_SRCDIR/tests/i18n"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dedi-unmarked.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0; failed=0
point() { # point STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
set -- $DD_I18N_ROOMS
echo "1..$(($# + 1))"
# The checker finds what it must: a file with an unmarked status message,
# a column title and a dialog title, and one where all three are marked.
cat >"$tmp/bad.c" <<'C'
static const struct dd_table_col cols[] = { { "Hostname", 20 } };
static void f(struct dd_app *app) {
	dd_status_info(&app->status, app->now_ms, "Nothing to reload here.");
	struct dd_dialog_spec spec = { .title = "Reboot the server?" };
	if (!strcmp(x, "Ready now")) return;
}
C
sed -e 's/"Hostname"/N_("Hostname")/' -e 's/"Nothing to reload here."/_("Nothing to reload here.")/' \
	-e 's/"Reboot the server?"/_("Reboot the server?")/' "$tmp/bad.c" >"$tmp/good.c"
cnt=$(perl "$here/unmarked.pl" /dev/null "$tmp/bad.c" | wc -l)
perl "$here/unmarked.pl" /dev/null "$tmp/good.c" >"$tmp/good.out"
good=$?
[ "$cnt" -eq 3 ] && [ "$good" -eq 0 ] && ! [ -s "$tmp/good.out" ]
point $? "the checker flags exactly the 3 unmarked strings of a sample and none once marked ($cnt)"
for room in "$@"; do
	case $room in
	*.c) files=$(cd "$DD_SRCDIR" && ls "$room" 2>/dev/null) ;;
	*) files=$(cd "$DD_SRCDIR" && ls "$room"/*.c 2>/dev/null) ;;
	esac
	if [ -z "$files" ]; then point 1 "$room: no source found"; continue; fi
	(cd "$DD_SRCDIR" && perl "$here/unmarked.pl" "$here/unmarked.allow" $files) >"$tmp/out"
	rc=$?
	point $rc "$room: every string shown to a person is marked for translation ($(wc -l <"$tmp/out") left)"
	head -80 "$tmp/out" | sed 's/^/# /'
done
[ $failed -eq 0 ]
