#!/bin/sh
# dedi link check against the sandbox in every --scenario (issue 22):
# the status, the exit code, the failing and the undecided rules named by
# their scenario words, the payment method after linking; the --report
# file in Markdown and JSON, read back; one side's credentials only; IAM
# refusing to say who owns the key.
. "$(dirname "$0")/lib.sh"

export XDG_DATA_HOME="$TMP/x/data" XDG_CONFIG_HOME="$TMP/x/config" \
	XDG_STATE_HOME="$TMP/x/state" XDG_CACHE_HOME="$TMP/x/cache"

# words FILE KEY: the strings of the array KEY of a --json report, comma-separated.
words() {
	awk -v k="\"$2\": [" '
		index($0, k) { on = 1; if ($0 ~ /\]/) exit; next }
		on && /\]/ { exit }
		on { gsub(/[ ",]/, ""); s = s (s == "" ? "" : ",") $0 }
		END { print s }' "$1"
}
# value FILE KEY: the first string value of KEY.
value() { sed -n "s/^ *\"$2\": \"\([^\"]*\)\",\{0,1\}$/\1/p" "$1" | head -n1; }

FR="--dedibox-country FR --scaleway-country FR"
# scenario | extra arguments | status | exit | failing | unknown | payment default/from
cat >"$TMP/table" <<EOF
linked||linked|0||country-mismatch|-
eligible|$FR|not-linked|0|||-
eligible||not-linked|11||country-mismatch|-
webhosting|$FR|not-linked|10|webhosting||-
domain|$FR|not-linked|10|domain||-
dedirack|$FR|not-linked|10|dedirack||-
outsourced|$FR|not-linked|10|outsourced||-
paypal|$FR|not-linked|10|paypal||-
not-owner|$FR|not-linked|10|not-owner||-
country-mismatch||not-linked|10|country-mismatch||-
several|$FR|not-linked|10|webhosting,paypal,not-owner||-
sepa-one-side|$FR|not-linked|0|||sepa/dedibox
two-cards|$FR --scaleway-payment card:4242|not-linked|0|||card/scaleway
no-servers|$FR|undecided|11||paypal|-
EOF

use_both
while IFS='|' read -r scn extra status code failing unknown pay; do
	start_sandbox --scenario "$scn" || exit 1
	# shellcheck disable=SC2086
	dedi link check --json $extra
	got_status=$(value "$TMP/out" status)
	got_failing=$(words "$TMP/out" failing)
	got_unknown=$(words "$TMP/out" unknown)
	check "scenario $scn${extra:+ ($extra)}: $status, exit $code, failing [$failing], undecided [$unknown]" \
		sh -c "[ $rc -eq $code ] && [ '$got_status' = '$status' ] && [ '$got_failing' = '$failing' ] && [ '$got_unknown' = '$unknown' ]"
	[ "$got_status" = "$status" ] || echo "# got status '$got_status' failing [$got_failing] unknown [$got_unknown] rc $rc"
	if [ "$pay" != - ]; then
		check "scenario $scn: the default payment method is ${pay%/*}, from ${pay#*/}" \
			sh -c "grep -q '\"default\": \"${pay%/*}\"' '$TMP/out' && grep -q '\"from\": \"${pay#*/}\"' '$TMP/out'"
	fi
done <"$TMP/table"

# the evidence of the scenarios: names, numbers and rates from the APIs
start_sandbox --scenario country-mismatch || exit 1
dedi link check
check "country-mismatch: the two VAT rates and their countries, in words, exit 10" \
	sh -c "[ $rc -eq 10 ] && grep -q 'country-mismatch  FAIL .*Dedibox invoices charge 21% VAT (.*NL.*); Scaleway invoices charge 20% VAT (AT, BG, FR): not the same country' '$TMP/out'"
start_sandbox --scenario dedirack || exit 1
dedi link check --dedibox-country FR --scaleway-country FR
check "dedirack: the service and its offer name as evidence" \
	sh -c "[ $rc -eq 10 ] && grep -q 'dedirack  *FAIL  *service [0-9]* is a Dedirack: \"Dedirack 1U\"' '$TMP/out'"
start_sandbox --scenario two-cards || exit 1
dedi link check --scaleway-payment card:4242
check "two-cards: Scaleway's card either way, said so" \
	sh -c "[ $rc -eq 11 ] && grep -q 'card registered with Scaleway is the default either way' '$TMP/out'"
dedi link check
check "two-cards without --scaleway-payment: the payment cannot be decided, each case named" \
	sh -c "grep -q 'cannot be decided without the Scaleway method' '$TMP/out' && grep -q 'if Scaleway pays by SEPA' '$TMP/out'"
start_sandbox --scenario linked || exit 1
dedi link check --json
check "linked: the linking discount's remaining value from the Billing API" \
	sh -c "[ $rc -eq 0 ] && grep -q '\"discount\": \"[0-9.]* EUR remaining until 20[0-9-]*' '$TMP/out'"

# --report: Markdown and JSON, written whole, read back
start_sandbox --scenario several || exit 1
dedi link check $FR --report "$TMP/r.md"
check "--report r.md: Markdown with the status and one row per rule" \
	sh -c "[ $rc -eq 10 ] && grep -q '^## Status: not-linked' '$TMP/r.md' && grep -q '^| paypal | fail | the latest Dedibox invoice, [0-9]*, was paid by PayPal |' '$TMP/r.md' && [ \$(grep -c '^| [a-z-]* | \(pass\|fail\|unknown\)' '$TMP/r.md') -eq 7 ]"
check "--report: the file is private (0600)" sh -c "[ \"\$(stat -c %a '$TMP/r.md')\" = 600 ]"
# shellcheck disable=SC2086
dedi link check $FR --report "$TMP/r.json"
check "--report r.json: JSON whose verdicts match the scenario" \
	sh -c "[ $rc -eq 10 ] && grep -q '\"status\": \"not-linked\"' '$TMP/r.json' && grep -q '\"exit_code\": 10' '$TMP/r.json'"
got=$(words "$TMP/r.json" failing)
check "--report r.json: read back, the failing rules are webhosting, paypal, not-owner" \
	sh -c "[ '$got' = 'webhosting,paypal,not-owner' ]"
cp "$TMP/r.json" "$TMP/r.before"
# shellcheck disable=SC2086
dedi link check $FR --report "$TMP/r.json"
check "--report onto an existing file: refused (exit 2), the file untouched" \
	sh -c "[ $rc -eq 2 ] && grep -q -- '--force' '$TMP/err' && cmp -s '$TMP/r.json' '$TMP/r.before'"
start_sandbox --scenario eligible || exit 1
# shellcheck disable=SC2086
dedi link check $FR --report "$TMP/r.json" --force
check "--report --force: replaced by the new check" \
	sh -c "[ $rc -eq 0 ] && grep -q '\"eligible\": true' '$TMP/r.json'"

# one side's credentials: the other side's rules cannot be checked, and say why
use_online
dedi link check --json
got=$(words "$TMP/out" unknown)
check "Dedibox token only: undecided, exit 11, the Scaleway rules need the Scaleway key" \
	sh -c "[ $rc -eq 11 ] && grep -q '\"status\": \"undecided\"' '$TMP/out' && grep -q 'cannot be checked: needs the Scaleway key' '$TMP/out' && [ '$got' = 'domain,dedirack,outsourced,paypal,not-owner,country-mismatch' ]"
use_scw
dedi link check --json
check "Scaleway key only: webhosting needs the Dedibox token" \
	sh -c "[ $rc -eq 11 ] && grep -q 'cannot be checked: needs the Dedibox token' '$TMP/out'"

# IAM refuses to say who owns the key: not-owner cannot be checked, never a pass
use_both
start_sandbox --scenario eligible --quirks iam-denied || exit 1
# shellcheck disable=SC2086
dedi link check --json $FR
got=$(words "$TMP/out" unknown)
check "IAM 403: not-owner is unknown, with IAM's refusal as the reason (exit 11)" \
	sh -c "[ $rc -eq 11 ] && [ '$got' = not-owner ] && grep -q 'IAM refused to say whose key it is' '$TMP/out'"

# bad declarations: a clear message, nothing asked of the APIs
dedi link check --scaleway-payment cash
check "--scaleway-payment cash: usage error naming the choices" \
	sh -c "[ $rc -eq 2 ] && grep -q 'sepa, card, card:LAST4' '$TMP/err'"
dedi link check --dedibox-country US --scaleway-country FR
check "--dedibox-country US: not a member state, exit 2" \
	sh -c "[ $rc -eq 2 ] && grep -q 'not a member state' '$TMP/err'"
finish
