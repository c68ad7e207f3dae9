# Shared by the integration tests: TAP output and a private sandbox.
# Each test script sources this, calls plan N, then ok/fail.
set -u
: "${DD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
# DD_DEDI replaces the binary under test: tests/integration/stub_dedi.sh
# runs every script with a dedi that does nothing, and every point must fail.
: "${DD_DEDI:=$DD_BUILDDIR/dedi}"
DEDI="$DD_DEDI"
SANDBOX="$DD_BUILDDIR/dedi-sandbox"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dedi-test.XXXXXX")
# DD_VALGRIND=DIR (make check-valgrind): every run of the build's dedi goes
# through valgrind memcheck, whichever way a script calls it ("$DEDI",
# dedi, a symlink, setpriv). An error or a definite leak fails the point
# that follows, like a sanitizer report; the bad logs are kept in DIR and
# each script adds its figures to DIR/summary. A stub dedi is never wrapped.
# DD_SLOW scales the waits of the scripts that wait for a running dedi.
DD_SLOW=1
VG=""
if [ -n "${DD_VALGRIND:-}" ] && [ "$DEDI" = "$DD_BUILDDIR/dedi" ]; then
	VG="$TMP/vg"
	DD_SLOW=20
	mkdir -p "$VG/log" "$DD_VALGRIND"
	# Scripts that run dedi as nobody need to write its log too.
	chmod 1777 "$VG/log"
	printf '#!/bin/sh\nexec valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --error-exitcode=99 --suppressions="%s" --log-file="%s/log/vg.%%p" "%s" "$@"\n' \
		"${DD_SRCDIR:-$DD_BUILDDIR}/tests/valgrind.supp" "$VG" "$DEDI" >"$VG/dedi"
	chmod 755 "$VG/dedi"
	DEDI="$VG/dedi"
	VG_RUNS=0 VG_ERRORS=0 VG_LOST=0
fi
# Every online listing writes the profile's cache: into the test's
# directory, never the user's ~/.cache.
export XDG_CACHE_HOME="$TMP/cache"
SB_PID=""
n=0
failed=0
# What a sanitizer reports at exit changes no exit code a test may expect
# to be non-zero anyway: reports go to files that every point looks for.
mkdir "$TMP/san"
# UBSan inside ASan ignores log_path (gcc 12) and writes to stderr, which
# many calls send to /dev/null: abort_on_error turns its report into an
# abort that ASan (handle_abort) reports in log_path too, with the UBSan
# handler and the line in its stack. The exit status stays 1.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$TMP/san/asan:handle_abort=1"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$TMP/san/ubsan:abort_on_error=1"
# Exit statuses the points do not see: the sandbox's when it stops, dedi's
# when a signal killed it.
SB_BAD=""
DEDI_BAD=""

cleanup() {
	[ -n "$SB_PID" ] && kill "$SB_PID" 2>/dev/null && wait "$SB_PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
# A signal goes through exit, so the sandbox never outlives its test.
trap 'exit 129' HUP INT PIPE TERM

# Prints the sanitizer reports written so far, once each; true if any.
san_reports() {
	local f found=1
	for f in "$TMP"/san/*; do
		[ -f "$f" ] || continue
		found=0
		sed 's/^/# sanitizer: /' "$f" | head -30
		mv "$f" "$TMP/san-seen.${f##*/}"
	done
	vg_reports && found=0
	return $found
}
# The finished valgrind logs (a running dedi's has no summary yet): counted,
# the clean ones dropped, the bad ones printed and kept; true if any bad.
vg_reports() {
	local f e l found=1
	[ -n "$VG" ] || return 1
	for f in "$VG"/log/vg.*; do
		[ -f "$f" ] && grep -q 'ERROR SUMMARY:' "$f" || continue
		e=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$f" | tail -n1)
		l=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$f" | tail -n1 | tr -d ,)
		VG_RUNS=$((VG_RUNS + 1)) VG_ERRORS=$((VG_ERRORS + ${e:-0})) VG_LOST=$((VG_LOST + ${l:-0}))
		if [ "${e:-0}" -ne 0 ] || [ "${l:-0}" -ne 0 ]; then
			found=0
			grep -v '^==[0-9]*== *$' "$f" | sed 's/^/# valgrind: /' | head -60
			cp "$f" "$DD_VALGRIND/$(basename "$0" .sh).${f##*/}"
		fi
		rm -f "$f"
	done
	return $found
}

plan() { echo "1..$1"; }
ok() {
	if san_reports; then not_ok "$1 (and a sanitizer report)"; return; fi
	n=$((n + 1)); echo "ok $n - $1"
}
not_ok() {
	n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
	shift
	for f in "$@"; do [ -f "$f" ] && sed 's/^/# /' "$f" | head -20; done
	if [ -n "$SB_PID" ]; then
		kill -0 "$SB_PID" 2>/dev/null && echo "# sandbox $SB_PID alive at $URL" || echo "# sandbox $SB_PID is dead"
		sed 's/^/# sandbox: /' "$TMP/sb.err" | tail -5
	fi
}
check() { # check "description" command...
	local d=$1; shift
	if "$@"; then ok "$d"; else not_ok "$d" "$TMP/out" "$TMP/err"; fi
}

# start_sandbox [ARGS...]: starts dedi-sandbox on an ephemeral port and
# waits (with a deadline) for the URL it prints first.
start_sandbox() {
	URL=""
	stop_sandbox
	rm -f "$TMP/sb.out"
	"$SANDBOX" --port 0 "$@" >"$TMP/sb.out" 2>"$TMP/sb.err" &
	SB_PID=$!
	local i=0
	while [ $i -lt 200 ]; do
		# Only a complete first line counts.
		if [ "$(wc -l 2>/dev/null <"$TMP/sb.out" || echo 0)" -ge 1 ]; then
			URL=$(head -n1 "$TMP/sb.out")
			break
		fi
		kill -0 "$SB_PID" 2>/dev/null || break
		sleep 0.05; i=$((i + 1))
	done
	case "$URL" in http://*) ;; *) echo "# sandbox did not start: $(cat "$TMP/sb.err")"; return 1 ;; esac
	export SCW_API_URL="$URL" DEDI_ONLINE_API_URL="$URL/api/v1"
}
stop_sandbox() {
	local st
	if [ -n "$SB_PID" ]; then
		kill "$SB_PID" 2>/dev/null; wait "$SB_PID" 2>/dev/null; st=$?
		# It leaves with 0 on SIGTERM; anything else is a crash or a
		# sanitizer's exit code.
		[ "$st" -eq 0 ] || SB_BAD="$SB_BAD $st"
		ubsan_from "$TMP/sb.err"
		SB_PID=""
	fi
}

# sb_count FILE KEY: a counter from the file of start_sandbox --stats FILE, 0
# before the first request.
sb_count() { { sed -n "s/.*\"$2\":\([0-9]*\).*/\1/p" "$1" 2>/dev/null; echo 0; } | head -n1; }

# The sandbox's documented demo credentials (obviously fake).
DEMO_SECRET=00000000-0000-4000-8000-00000000de70
DEMO_TOKEN=demo0000000000000000000000000000online
use_scw() { export SCW_SECRET_KEY=$DEMO_SECRET SCW_ACCESS_KEY=SCWDEMO0000000000000; unset DEDI_ONLINE_TOKEN; }
use_online() { export DEDI_ONLINE_TOKEN=$DEMO_TOKEN; unset SCW_SECRET_KEY SCW_ACCESS_KEY; }
use_both() { export SCW_SECRET_KEY=$DEMO_SECRET SCW_ACCESS_KEY=SCWDEMO0000000000000 DEDI_ONLINE_TOKEN=$DEMO_TOKEN; }
unset SCW_DEFAULT_PROJECT_ID SCW_DEFAULT_ORGANIZATION_ID SCW_DEFAULT_ZONE DEDI_PROFILE

# dedi ARGS: runs dedi, stdout in $TMP/out, stderr in $TMP/err, status in $rc.
dedi() {
	"$DEDI" "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?
	[ "$rc" -lt 128 ] || DEDI_BAD="$DEDI_BAD '$*':$rc"
	ubsan_from "$TMP/err"
}
# UBSan built with ASan ignores log_path (gcc 12): its reports come on
# stderr. Kept with the other reports, which every point looks for.
UB_N=0
ubsan_from() {
	grep -q '^[^ ]*:[0-9]*:[0-9]*: runtime error: ' "$1" 2>/dev/null || return 0
	UB_N=$((UB_N + 1))
	cp "$1" "$TMP/san/ubsan.stderr.$UB_N"
}

# ids in a --json server list, one per line.
json_ids() { grep -E '^      "id": [0-9]+,$' "$1" | tr -dc '0-9\n'; }

# The exit statuses no point saw: a point of their own, only when one is
# wrong (a run without sanitizers has nothing to report).
finish() {
	stop_sandbox
	if [ -n "$SB_BAD$DEDI_BAD" ] || san_reports; then
		not_ok "exit statuses: sandbox${SB_BAD:- 0}; dedi killed by a signal:${DEDI_BAD:- none}"
	fi
	if [ -n "$VG" ]; then
		echo "# valgrind: $VG_RUNS runs of dedi, $VG_ERRORS errors, $VG_LOST bytes definitely lost"
		printf '%s\t%s\t%s\t%s\n' "$(basename "$0" .sh)" "$VG_RUNS" "$VG_ERRORS" "$VG_LOST" >>"$DD_VALGRIND/summary"
	fi
	echo "1..$n"; [ "$failed" -eq 0 ]; exit $?
}
