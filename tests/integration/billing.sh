#!/bin/sh
# dedi billing consumption | estimate | discounts against a private
# sandbox whose clock the test moves (POST /__sandbox/advance): the
# Stardust1-s of seed 002 to the nano, totals that add up, the month-end
# projection, discounts, and the refusals.
. "$(dirname "$0")/lib.sh"

# field FILE RESOURCE KEY: KEY's value in RESOURCE's object of a --json
# document (keys print in a fixed order, one per line).
field() { grep -A14 "\"resource\": \"$2\"" "$1" | sed -n "s/^ *\"$3\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" | head -n1; }
# amount FILE RESOURCE OBJECT: the exact amount of OBJECT (value, so_far,
# projected) of RESOURCE.
amount() { grep -A16 "\"resource\": \"$2\"" "$1" | grep -A1 "\"$3\": {" | sed -n 's/.*"amount": "\(.*\)",/\1/p' | head -n1; }

# A clock a thousand times slower than real time: the instants the test
# sets stay put while it runs.
start_sandbox --seed 7 --time-scale 0.001 || exit 1
use_scw

dedi billing consumption --json
check "consumption --json: the month's lines, the seed's Stardust1-s among them" \
	sh -c "[ $rc -eq 0 ] && grep -q '\"resource\": \"stardust-ip\"' '$TMP/out' && grep -q '\"product\": \"Flexible IP (Stardust1-s)\"' '$TMP/out'"
check "consumption --json: the taxes, FR VAT 20% in basis points" \
	sh -c "grep -q '\"description\": \"FR VAT 20%\"' '$TMP/out' && grep -q '\"rate_basis_points\": 2000' '$TMP/out'"

dedi billing consumption
cp "$TMP/out" "$TMP/cons.txt"
# The VALUE column, in cents, added up by the test itself.
sum=$(awk '/^CATEGORY/ {on=1; next} on && /^$/ {exit} on {v=$(NF-1); sub(/\./, "", v); s+=v} END {print s+0}' "$TMP/cons.txt")
total=$(sed -n 's/^Total so far (excl. tax) *\(-\{0,1\}[0-9]*\)\.\([0-9][0-9]\) EUR$/\1\2/p' "$TMP/cons.txt")
check "consumption: the lines add up to the total so far ($sum cents)" \
	sh -c "[ $rc -eq 0 ] && [ -n '$total' ] && [ '$sum' -gt 0 ] && [ '$sum' -eq '$total' ]"
tax=$(sed -n 's/^  FR VAT 20% (20.00%) *\([0-9]*\)\.\([0-9][0-9]\) EUR$/\1\2/p' "$TMP/cons.txt")
disc=$(sed -n 's/^Discounts *-\{0,1\}\([0-9]*\)\.\([0-9][0-9]\) EUR$/\1\2/p' "$TMP/cons.txt")
draft=$(sed -n 's/^Draft total incl. tax *\([0-9]*\)\.\([0-9][0-9]\) EUR$/\1\2/p' "$TMP/cons.txt")
check "consumption: draft total = total - discounts + taxes" \
	sh -c "[ -n '$tax' ] && [ -n '$disc' ] && [ -n '$draft' ] && [ \$(( $total - $disc + $tax )) -eq $draft ]"
check "consumption: per category and per project" \
	sh -c "grep -q '^Per category' '$TMP/cons.txt' && grep -q '^  Compute ' '$TMP/cons.txt' && grep -q '^Per project' '$TMP/cons.txt'"

# Noon on the 1st of the next month (UTC), whatever day the test runs.
now=$(curl -sf -X POST "$URL/__sandbox/advance?seconds=0" | sed -n 's/.*"now":\([0-9]*\).*/\1/p')
next=$(date -u -d "@${now:-0}" +%Y-%m-01)
next=$(date -u -d "$next +1 month" +%s)
after=$(date -u -d "@$next" +%Y-%m-01)
hours=$(( ($(date -u -d "$after +1 month" +%s) - next) / 3600 ))
curl -sf -X POST "$URL/__sandbox/advance?seconds=$((next + 43200 - ${now:-0}))" >/dev/null

dedi billing consumption --json
cp "$TMP/out" "$TMP/c2.json"
# Seed 002: EUR 0.0025 an hour = 0.00198 IP + 0.0004 storage + 0.00012
# instance; 12 hours of each, exactly.
got="$(amount "$TMP/c2.json" stardust-ip value) $(amount "$TMP/c2.json" stardust-storage value)"
got="$got $(amount "$TMP/c2.json" stardust value) $(field "$TMP/c2.json" stardust billed_quantity)"
check "12 hours into the month: the Stardust1-s is 12 x (0.00198 + 0.0004 + 0.00012)" \
	[ "$rc" -eq 0 -a "$got" = "0.023760000 0.004800000 0.001440000 12.000" ]
# Ten minutes at 03:00 on the 1st billed an hour, plus the last night's
# run (23:50, five minutes) whose 60-minute minimum ends 50 minutes into
# this month.
check "the 60-minute minimum: a night run of 10 minutes and the rest of last month's" \
	[ "$(field "$TMP/c2.json" batch billed_quantity)" = 1.833 ]

dedi billing estimate --json
cp "$TMP/out" "$TMP/e.json"
web=$(( 8800000 * hours ))
got="$(field "$TMP/e.json" web-1 running) $(amount "$TMP/e.json" web-1 projected)"
check "estimate: web-1 (DEV1-S at 0.0088/h) running, projected over the $hours hours of the month" \
	[ "$rc" -eq 0 -a "$got" = "true $((web / 1000000000)).$(printf %09d $((web % 1000000000)))" ]
star=$(( 2500000 * hours ))
p3=$(for r in stardust-ip stardust-storage stardust; do amount "$TMP/e.json" $r projected; done | tr -d . | sed 's/^0*//' | awk '{s+=$1} END {print s+0}')
check "estimate: the Stardust1-s projects to 0.0025 x $hours hours" [ "$p3" = "$star" ]
got="$(field "$TMP/e.json" batch running) $(amount "$TMP/e.json" batch projected)"
check "estimate: the nightly batch is counted as billed, not projected" \
	[ "$got" = "false $(amount "$TMP/e.json" batch so_far)" -a -n "$(amount "$TMP/e.json" batch so_far)" ]
dedi billing estimate
check "estimate: the rule and the projected totals, in words" \
	sh -c "[ $rc -eq 0 ] && grep -q '^Rule: Hourly resources billed for every hour' '$TMP/out' && grep -q '^Projected incl. tax  *[0-9]*\.[0-9][0-9] EUR$' '$TMP/out'"

dedi billing discounts --json
check "discounts: the linking credit, EUR 100 = used + remaining, with its dates" \
	sh -c "[ $rc -eq 0 ] && grep -q '\"amount\": \"100.000000000\"' '$TMP/out' &&
	       grep -q '\"start\": \"2026-10-15T' '$TMP/out' && grep -q '\"value_remaining\": {' '$TMP/out'"
dedi billing discounts
check "discounts: value, used, remaining and validity in words" \
	sh -c "[ $rc -eq 0 ] && grep -q '^  value      100.00 EUR, used .* EUR, remaining .* EUR$' '$TMP/out' && grep -q '^  valid      2026-10-15 to 2027-04-15 (UTC)$' '$TMP/out'"

dedi billing consumption --bogus
check "an unknown argument is a usage error (2)" [ "$rc" -eq 2 -a ! -s "$TMP/out" ]
dedi billing
check "billing without a subcommand is a usage error (2)" [ "$rc" -eq 2 -a -s "$TMP/err" ]

# A Dedibox-only profile: no consumption to show, and it says what to add.
use_online
dedi billing consumption
check "a Dedibox token alone: an error naming the Scaleway keys, nothing on stdout" \
	sh -c "[ $rc -ne 0 ] && [ ! -s '$TMP/out' ] && grep -qi 'scaleway' '$TMP/err'"

# Another Organization: the API's 403 reaches the user.
use_scw
SCW_DEFAULT_ORGANIZATION_ID=99999999-9999-4999-8999-999999999999 dedi billing estimate
check "another Organization: refused (403), an exit code and a sentence" \
	sh -c "[ $rc -ne 0 ] && [ ! -s '$TMP/out' ] && grep -qi 'permission' '$TMP/err'"

finish
