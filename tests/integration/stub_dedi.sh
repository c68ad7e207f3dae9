#!/bin/sh
# A test of the tests: every integration script (and the vault's CLI
# session) runs with a dedi that exits 0 and prints nothing. Each of their
# points must then fail, except the ones that look at the sandbox alone and
# say so with "# sandbox-only" at the end of their description. A new
# script is picked up by the glob and held to the same rule.
. "$(dirname "$0")/lib.sh"
: "${DD_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"

mkdir "$TMP/stub"
# The stub leaves a trace, so a script that ran the real dedi behind
# DD_DEDI's back is caught.
printf '#!/bin/sh\necho "$*" >>"%s"\nexit 0\n' "$TMP/stub/calls" >"$TMP/stub/dedi"
chmod +x "$TMP/stub/dedi"

for script in "$DD_SRCDIR"/tests/integration/*.sh "$DD_SRCDIR"/tests/vault/cli_session.sh; do
	name=${script#"$DD_SRCDIR"/}
	case "$name" in
	tests/integration/lib.sh | tests/integration/stub_dedi.sh) continue ;;
	esac
	rm -f "$TMP/stub/calls"
	DD_DEDI="$TMP/stub/dedi" sh "$script" >"$TMP/tap" 2>"$TMP/tap.err"; st=$?
	grep '^ok ' "$TMP/tap" | grep -v '# SKIP' >"$TMP/passed"
	alone=$(grep -c '# sandbox-only$' "$TMP/passed")
	grep -v '# sandbox-only$' "$TMP/passed" >"$TMP/wrong"
	nok=$(grep -c '^not ok ' "$TMP/tap")
	calls=$(wc -l <"$TMP/stub/calls" 2>/dev/null || echo 0)
	echo "# $name: $nok failed, $alone sandbox-only passed, $(wc -l <"$TMP/wrong") passed, stub run $calls times"
	if grep -q '^1\.\.0 # SKIP' "$TMP/tap"; then
		echo "ok $((n + 1)) - $name: skipped here, nothing to judge # SKIP"
		n=$((n + 1))
		continue
	fi
	if [ ! -s "$TMP/wrong" ] && [ "$nok" -ge 1 ] && [ "$st" -ne 0 ] && [ "$calls" -ge 1 ]; then
		ok "$name: every point fails with a stub dedi ($nok)"
	else
		not_ok "$name: every point fails with a stub dedi ($(wc -l <"$TMP/wrong") passed, exit $st)" "$TMP/wrong" "$TMP/tap.err"
	fi
done
finish
