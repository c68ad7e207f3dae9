#!/bin/sh
# --json carries what the API sent, JSON-escaped, not the console's
# \u{1B} display form; invalid UTF-8 is the one thing replaced (U+FFFD).
# The human table stays sanitized (issue 18, 22).
. "$(dirname "$0")/lib.sh"

ESCB=$(printf '\033')

start_sandbox --servers 30 --seed 3 --hostile || exit 1
use_both
dedi servers list --json
check "list --json: the exit code is 0, with a document" sh -c "[ $rc -eq 0 ] && grep -q '\"servers\"' '$TMP/out'"
check "list --json: an escape sequence in a hostname arrives as \\u001B" \
	grep -qF '"hostname": "\u001B[31;1mred-alert\u001B[0m",' "$TMP/out"
check "list --json: no display form (\\\\u{1B}) anywhere" \
	sh -c "grep -q '\"hostname\"' '$TMP/out' && ! grep -qF '\\\\u{' '$TMP/out'"
check "list --json: a right-to-left override is kept as sent" \
	grep -qF "\"hostname\": \"$(printf '\342\200\256')exe.txt\"," "$TMP/out"
check "list --json: invalid UTF-8 becomes U+FFFD, once per bad part" \
	grep -qF "\"hostname\": \"overlong$(printf '\357\277\275\357\277\275')\"," "$TMP/out"
id=$(grep -B1 'red-alert' "$TMP/out" | grep '"id"' | tr -dc '0-9')
dedi servers show "$id" --json
check "show --json: the hostname as sent" \
	grep -qF '"hostname": "\u001B[31;1mred-alert\u001B[0m",' "$TMP/out"
check "show --json: tags as sent, no display form" \
	sh -c "grep -q '\"tags\": \[' '$TMP/out' && ! grep -qF '\\\\u{' '$TMP/out'"
dedi servers list
check "the human table writes no escape byte" \
	sh -c "[ $rc -eq 0 ] && ! grep -q '$ESCB' '$TMP/out' && grep -qF '\\u{1B}' '$TMP/out'"

finish
