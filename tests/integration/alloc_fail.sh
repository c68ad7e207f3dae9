#!/bin/sh
# Allocation failure along servers list and the vault unlock: dedi runs
# with tests/alloc/failmalloc.so preloaded, its n-th allocation after main
# failing (then every later one, or that one only). Each run must end by
# itself (no signal), and either exit 1 with one clean line saying "out of
# memory", or exit 0 with the very list of a run without failure (a
# warning that says out of memory is allowed then: the cache not written).
# A sample of n also runs under valgrind memcheck: no error, no definite
# leak. make check tries a sample of n per path; make check-alloc
# (DEDI_ALLOC_EVERY=1) every n from 1 to the path's total.
. "$(dirname "$0")/lib.sh"

SHIM="$DD_BUILDDIR/tests/alloc/failmalloc.so"
# Under make check-valgrind, $DEDI is lib.sh's memcheck wrapper, whose
# valgrind replaces malloc: the shim would never be called (0 allocations
# counted) and 320 sample runs would take hours. The sample runs use the
# build's dedi itself; the memcheck points below run their own valgrind
# (which lets the shim's malloc be called) and log where lib.sh counts.
ADEDI="$DEDI"
[ -n "$VG" ] && ADEDI="$DD_BUILDDIR/dedi"
# Runs per path and mode in the sample; every n with DEDI_ALLOC_EVERY=1.
: "${DEDI_ALLOC_SAMPLE:=40}" "${DEDI_ALLOC_VALGRIND:=2}" "${DEDI_ALLOC_EVERY:=0}"
# By hand, to resume or split make check-alloc (its hour is in one
# process): DEDI_ALLOC_PATHS, a word each path run must contain
# ("Online", "vault"); DEDI_ALLOC_MODES, which of "after once" to run.
: "${DEDI_ALLOC_PATHS:=}" "${DEDI_ALLOC_MODES:=after once}"
# A sanitizer build puts its runtime first; a preloaded allocator cannot
# go before it (make check-asan runs this suite so).
if ldd "$ADEDI" 2>/dev/null | grep -q 'libasan\|libtsan'; then
	echo "1..0 # SKIP dedi is built with a sanitizer: no preloaded allocator"
	exit 0
fi
export XDG_DATA_HOME="$TMP/data" XDG_CONFIG_HOME="$TMP/config" \
	XDG_STATE_HOME="$TMP/state" HOME="$TMP" LC_ALL=C.UTF-8
unset DEDI_PASSPHRASE LD_PRELOAD
export DEDI_FAIL_ALLOC_PROG=dedi

# A guard only: a run that hangs is reported as such instead of holding
# the suite (dedi's own timeouts are far shorter).
HANG=300
# run_at N MODE ARGS...: dedi with the N-th allocation failing (0: none),
# counted into $TMP/count; out, err, rc as dedi() leaves them.
run_at() {
	local at=$1 mode=$2
	shift 2
	rm -rf "$XDG_CACHE_HOME" "$TMP/count"
	DEDI_FAIL_ALLOC_AT=$at DEDI_FAIL_ALLOC_MODE=$mode DEDI_FAIL_ALLOC_REPORT="$TMP/count" \
		LD_PRELOAD="$SHIM" timeout -s KILL $HANG "$ADEDI" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# judge: what is wrong with the last run, on stdout; nothing if it is fine.
# The lines a run without failure prints on stderr (the warning about
# DEDI_PASSPHRASE) are set aside first.
judge() {
	grep -vxF -f "$TMP/want.err" "$TMP/err" >"$TMP/err.new"
	mv "$TMP/err.new" "$TMP/err"
	if [ "$rc" -ge 128 ]; then
		echo "killed by signal $((rc - 128))$( [ "$rc" -eq 137 ] && echo ' (hung?)')"
		return
	fi
	if grep -q '0x[0-9a-f]\{6,\}' "$TMP/err" || LC_ALL=C grep -q '[^ -~]' "$TMP/err"; then
		echo "stderr holds a pointer or a byte that is not plain text"
		return
	fi
	if [ "$rc" -eq 0 ]; then
		cmp -s "$TMP/out" "$TMP/want" || { echo "exit 0 with another output (silent success)"; return; }
		if [ -s "$TMP/err" ] && grep -v 'out of memory' "$TMP/err" | grep -q .; then
			echo "exit 0 with a message that is not about memory"
		fi
		return
	fi
	[ "$rc" -eq 1 ] || { echo "exit $rc instead of 1 (other failure)"; return; }
	[ "$(wc -l <"$TMP/err")" -eq 1 ] || { echo "$(wc -l <"$TMP/err") lines on stderr instead of one"; return; }
	grep -q '^dedi: .*out of memory' "$TMP/err" || echo "the message does not say out of memory"
}

# path NAME ARGS...: the baseline, then every n of the sample in both
# modes, then a few n under valgrind.
path() {
	local name=$1 total mode at step tried bad first vg_bad
	shift
	case $name in *"$DEDI_ALLOC_PATHS"*) ;; *) echo "# $name: not in DEDI_ALLOC_PATHS"; return ;; esac
	run_at 0 after "$@"
	cp "$TMP/out" "$TMP/want"
	cp "$TMP/err" "$TMP/want.err"
	total=$(cut -d' ' -f1 "$TMP/count" 2>/dev/null)
	check "$name: a run without failure lists the servers, $total allocations counted" \
		sh -c "[ $rc -eq 0 ] && [ '${total:-0}' -gt 100 ] && grep -q '$WANT' '$TMP/want'"
	[ "${total:-0}" -gt 100 ] || return
	for mode in $DEDI_ALLOC_MODES; do
		if [ "$DEDI_ALLOC_EVERY" = 1 ]; then
			step=1
		else
			step=$((total / DEDI_ALLOC_SAMPLE + 1))
		fi
		# The offset moves with the path, so paths cover other n.
		at=$(( ($(printf %s "$name$mode" | cksum | cut -d' ' -f1) % step) + 1 ))
		tried=0 bad=0 first=""
		: >"$TMP/bad.$mode"
		while [ "$at" -le "$total" ]; do
			run_at "$at" "$mode" "$@"
			tried=$((tried + 1))
			why=$(judge)
			if [ -n "$why" ]; then
				bad=$((bad + 1))
				echo "n=$at: $why: $(head -c 200 "$TMP/err" | tr '\n' '|')" >>"$TMP/bad.$mode"
			fi
			at=$((at + step))
		done
		echo "# $name, $mode: $tried of $total n tried (every ${step}th), $bad wrong"
		check "$name: the n-th allocation failing ($mode), $tried n of $total: each a clean 'out of memory' (exit 1) or the same list" \
			sh -c "[ $tried -ge 1 ] && [ $bad -eq 0 ] || { head -20 '$TMP/bad.$mode' | sed 's/^/# /'; false; }"
	done
	if ! command -v valgrind >/dev/null; then
		n=$((n + 1)); echo "ok $n - $name: under valgrind memcheck # SKIP valgrind is not installed"
		return
	fi
	vg_bad=0 tried=0
	: >"$TMP/bad.vg"
	for k in $(seq 1 "$DEDI_ALLOC_VALGRIND"); do
		at=$((total * k / (DEDI_ALLOC_VALGRIND + 1)))
		rm -rf "$XDG_CACHE_HOME" "$TMP/count"
		DEDI_FAIL_ALLOC_AT=$at DEDI_FAIL_ALLOC_REPORT="$TMP/count" LD_PRELOAD="$SHIM" \
			timeout -s KILL $HANG valgrind --soname-synonyms=somalloc=nouserintercepts \
			--leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
			--log-file="$TMP/vg.log" "$ADEDI" "$@" >"$TMP/out" 2>"$TMP/err"
		rc=$?
		# make check-valgrind counts these runs in its table too.
		[ -n "$VG" ] && cp "$TMP/vg.log" "$VG/log/vg.alloc.$at"
		tried=$((tried + 1))
		why=$(judge)
		# Without -q, so the log has the summary that lib.sh counts.
		if [ "$rc" -eq 99 ] || ! grep -q 'ERROR SUMMARY: 0 errors' "$TMP/vg.log" ||
			grep -q 'definitely lost: [1-9]' "$TMP/vg.log" || [ -n "$why" ] || [ ! -s "$TMP/count" ]; then
			vg_bad=$((vg_bad + 1))
			{ echo "n=$at: exit $rc ${why}"; grep -v '^==[0-9]*== *$' "$TMP/vg.log" | head -30; } >>"$TMP/bad.vg"
		fi
	done
	echo "# $name, valgrind: n = $(seq 1 "$DEDI_ALLOC_VALGRIND" | while read -r k; do printf '%s ' $((total * k / (DEDI_ALLOC_VALGRIND + 1))); done)"
	check "$name: under valgrind memcheck, $tried n: no error, no definite leak" \
		sh -c "[ $tried -ge 1 ] && [ $vg_bad -eq 0 ] || { head -40 '$TMP/bad.vg' | sed 's/^/# /'; false; }"
}

if [ ! -f "$SHIM" ]; then
	not_ok "tests/alloc/failmalloc.so is built (make check builds it)"
	finish
fi

start_sandbox --servers 3 --seed 7 || exit 1
WANT=100022
use_scw
path "servers list (Scaleway keys)" servers list
WANT='"id": 100022'
path "servers list --json (Scaleway keys)" servers list --json
use_online
WANT=100022
path "servers list (Online token)" servers list

# The vault: made by the test (fast Argon2 parameters), opened with
# DEDI_PASSPHRASE, then the list.
unset SCW_ACCESS_KEY SCW_SECRET_KEY DEDI_ONLINE_TOKEN
export DEDI_VAULT_KDF=1:8 DEDI_PASSPHRASE="alloc test passphrase"
printf 'SCWDEMO0000000000000\n%s\n\n' "$DEMO_SECRET" |
	"$DEDI" auth login --api-url "$URL" --online-api-url "$URL/api/v1" >"$TMP/out" 2>"$TMP/err"
unset SCW_API_URL DEDI_ONLINE_API_URL
check "auth login made the vault" [ -s "$XDG_DATA_HOME/dedi/vault" ]
path "vault unlock, then servers list" servers list
finish
