#!/bin/sh
# dedi invoices servers: the Dedibox cost per server per year, from the
# lines of every invoice of the year (GET /invoices/{id}: the list has no
# lines), checked against the invoices' own totals; the lines in
# invoices show; a malformed year refused; the Dedibox calendar following
# the sandbox clock.
. "$(dirname "$0")/lib.sh"

start_sandbox --servers 4 --seed 5 || exit 1
use_both

# excl FILE: the sum of the total_excl_tax objects of a --json document, in cents.
excl() {
	awk '/"total_excl_tax": \{/{t=1; next} t&&/"units":/{gsub(/,/,"",$2); u=$2} t&&/"nanos":/{s+=u*100+int($2/10000000); t=0} END {print s+0}' "$1"
}

dedi invoices list --json --source dedibox --from 2025-01 --to 2025-12
# The year's untaxed sum, in cents, from the invoices themselves.
want=$(excl "$TMP/out")
nyear=$(grep -c '"source": "dedibox"' "$TMP/out")
dedi invoices servers --year 2025 --json
cp "$TMP/out" "$TMP/srv.json"
got=$(excl "$TMP/srv.json")
check "servers --json: the per-server totals add up to the year's Dedibox invoices excl. tax" \
	[ "$rc" -eq 0 -a "$nyear" -eq 12 -a "$got" -gt 0 -a "$got" -eq "$want" ]
nsrv=$(grep -c '"server_id": ' "$TMP/srv.json")
check "servers --json: each of the 4 servers, billed 12 months of 2025" \
	[ "$nsrv" -eq 4 -a "$(grep -c '"months": 12,' "$TMP/srv.json")" -eq 4 ]
first=$(sed -n 's/^      "server_id": \([0-9]*\),$/\1/p' "$TMP/srv.json" | head -n1)
dedi servers show "$first"
check "the costliest server is one of the account's" sh -c "[ $rc -eq 0 ] && grep -q '$first' '$TMP/out'"

dedi invoices servers --year 2025
check "servers: a table and a sentence with the year's total" \
	sh -c "[ $rc -eq 0 ] && grep -q '^SERVER  *HOSTNAME  *OFFER  *MONTHS  *EXCL. TAX$' '$TMP/out' &&
	       grep -q '^4 servers billed in 2025 by 12 Dedibox invoices: $((want / 100)).$(printf %02d $((want % 100))) EUR excl. tax$' '$TMP/out'"
dedi invoices servers --year 25
check "a malformed year is a usage error" sh -c "[ $rc -eq 2 ] && grep -q 'year like 2026' '$TMP/err'"
dedi invoices servers --year 2001
check "a year with no invoice: no server, said so" \
	sh -c "[ $rc -eq 0 ] && grep -q '^0 servers billed in 2001 by 0 Dedibox invoices' '$TMP/out'"

dedi invoices list --json --source dedibox
id=$(sed -n 's/^      "id": "\([0-9]*\)",$/\1/p' "$TMP/out" | head -n1)
dedi invoices show "$id"
check "show: a Dedibox invoice's lines, one per server with its amount" \
	sh -c "[ $rc -eq 0 ] && [ \$(grep -c '^  server [0-9]* .* [0-9]*\.[0-9][0-9] EUR$' '$TMP/out') -eq 4 ]"

# The calendar follows the sandbox clock: 40 days on, a new unpaid invoice.
dedi invoices list --json --source dedibox
before=$(grep -c '"source": "dedibox"' "$TMP/out")
curl -sf -X POST "$URL/__sandbox/advance?seconds=$((40 * 86400))" >/dev/null
dedi invoices list --json --source dedibox
after=$(grep -c '"source": "dedibox"' "$TMP/out")
unpaid=$(grep -c '"state": "unpaid"' "$TMP/out")
check "Dedibox invoices follow the sandbox clock: more of them after 40 days, one unpaid" \
	[ "$rc" -eq 0 -a "$before" -gt 0 -a "$after" -gt "$before" -a "$unpaid" -eq 1 ]

finish
