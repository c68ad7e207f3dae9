#!/bin/sh
# dedi invoices against a private sandbox: both sources in one list with
# exact totals, month filters done by dedi, one invoice in detail, the
# deadline timeline of an overdue invoice on an injected today, the PDF
# saved whole, private and never over an existing file, CSV parsed back,
# and a Dedibox-token-only profile told what to add.
. "$(dirname "$0")/lib.sh"

start_sandbox --servers 4 --seed 5 || exit 1
use_both

dedi invoices list --json
cp "$TMP/out" "$TMP/list.json"
nscw=$(grep -c '"source": "scaleway"' "$TMP/list.json")
ndbx=$(grep -c '"source": "dedibox"' "$TMP/list.json")
check "list: both sources, 24 months or more of each" \
	[ "$rc" -eq 0 -a "$nscw" -ge 24 -a "$ndbx" -ge 24 ]
# 24 distinct billed months, at least, among the invoices.
months=$(sed -n 's/^      "period": "\([0-9-]*\)",$/\1/p' "$TMP/list.json" | sort -u | wc -l)
check "list: at least 24 distinct billed months" [ "$months" -ge 24 ]

dedi invoices list
check "table: every row says its source, and the totals line counts them all" \
	sh -c "[ $rc -eq 0 ] && grep -q ' dedibox ' '$TMP/out' && grep -q ' scaleway ' '$TMP/out' &&
	       grep -q '^$((nscw + ndbx)) invoices: .* EUR excl. tax + .* EUR VAT = .* EUR$' '$TMP/out'"

dedi invoices list --json --from 2026-01 --to 2026-06 --source dedibox
per=$(sed -n 's/^      "period": "\([0-9-]*\)",$/\1/p' "$TMP/out" | sort -u | tr '\n' ' ')
check "months and source filtered client-side (the Dedibox list has no period filter)" \
	[ "$rc" -eq 0 -a "$per" = "2026-01 2026-02 2026-03 2026-04 2026-05 2026-06 " -a \
	  "$(grep -c '"source": "scaleway"' "$TMP/out")" -eq 0 ]
dedi invoices list --from 2026-13
check "a malformed month is a usage error that says how to write it" \
	sh -c "[ $rc -eq 2 ] && grep -q 'YYYY-MM' '$TMP/err'"

# The Scaleway invoice still issued (not paid): its deadlines.
sid=$(awk '/"source": "scaleway"/{s=1} s&&/"id":/{id=$2} s&&/"state": "issued"/{gsub(/[",]/,"",id); print id; exit} /^    }/{s=0}' "$TMP/list.json")
num=$(awk '/"source": "scaleway"/{s=1} s&&/"number":/{nb=$2} s&&/"state": "issued"/{gsub(/[",]/,"",nb); print nb; exit} /^    }/{s=0}' "$TMP/list.json")
DEDI_TODAY=2026-11-15 dedi invoices show "$sid"
check "detail: state in plain words, source, totals" \
	sh -c "[ $rc -eq 0 ] && grep -q '^state  *issued: A final invoice awaiting payment' '$TMP/out' &&
	       grep -q '^source  *Scaleway' '$TMP/out' && grep -q '^total incl. tax  *[0-9.]* EUR' '$TMP/out'"
# issued 2026-11-02 by the sandbox: due 11-12, suspended from 11-13, deleted 11-23.
check "overdue on an injected today: the timeline in order with today between suspension and deletion" \
	sh -c "sed -n '/^deadlines:/,/^days left/p' '$TMP/out' | awk '{print \$1}' | tr '\n' ' ' |
	       grep -q '^deadlines: 2026-11-02 2026-11-12 2026-11-13 2026-11-15 2026-11-23 days' &&
	       grep -q '2026-11-15  today' '$TMP/out' && grep -q '^days left to the next step: 8$' '$TMP/out'"
check "overdue: what to do says the account is suspended" grep -q '^what to do: .*suspended' "$TMP/out"
DEDI_TODAY=2026-11-05 dedi invoices show "$num"
check "the same invoice by its number, before its due day: 7 days left" \
	sh -c "[ $rc -eq 0 ] && grep -q '^days left to the next step: 7$' '$TMP/out'"
DEDI_TODAY=yesterday dedi invoices show "$num"
check "a malformed DEDI_TODAY is refused with its format" sh -c "[ $rc -eq 2 ] && grep -q 'YYYY-MM-DD' '$TMP/err'"

mkdir "$TMP/dl"
( cd "$TMP/dl" && umask 022 && "$DEDI" invoices download "$num" >"$TMP/out" 2>"$TMP/err" ); rc=$?
f="$TMP/dl/scaleway-$num.pdf"
check "download: a PDF named from the invoice number" \
	sh -c "[ $rc -eq 0 ] && [ \"\$(head -c 5 '$f')\" = '%PDF-' ] && [ \"\$(ls '$TMP/dl')\" = 'scaleway-$num.pdf' ]"
check "download: mode 0600" [ "$(stat -c %a "$f" 2>/dev/null)" = 600 ]
echo keep >"$TMP/dl/mine.pdf"
dedi invoices download "$num" -o "$TMP/dl/mine.pdf"
check "download: an existing file is left as it is without --force" \
	sh -c "[ $rc -ne 0 ] && [ \"\$(cat '$TMP/dl/mine.pdf')\" = keep ] && grep -q 'force' '$TMP/err'"
dedi invoices download "$num" -o "$TMP/dl/mine.pdf" --force
check "download --force replaces it with the PDF" \
	sh -c "[ $rc -eq 0 ] && [ \"\$(head -c 5 '$TMP/dl/mine.pdf')\" = '%PDF-' ]"

dedi invoices export --csv -o "$TMP/inv.csv"
# A small RFC 4180 reader: records end with CRLF, quoted fields may hold
# commas, quotes ("") and line breaks. Prints "fields source total" per record.
cat >"$TMP/csv.awk" <<'AWK'
BEGIN { RS = "\r\n"; rec = "" }
{
	rec = rec (rec == "" ? "" : "\r\n") $0
	q = gsub(/"/, "\"", rec)
	if (q % 2) next
	n = 0; f = ""; inq = 0
	for (i = 1; i <= length(rec); i++) {
		c = substr(rec, i, 1)
		if (inq) {
			if (c == "\"" && substr(rec, i + 1, 1) == "\"") { f = f "\""; i++ }
			else if (c == "\"") inq = 0
			else f = f c
		} else if (c == "\"") inq = 1
		else if (c == ",") { fld[++n] = f; f = "" }
		else f = f c
	}
	fld[++n] = f
	print n, fld[1], fld[11]
	rec = ""
}
AWK
awk -f "$TMP/csv.awk" "$TMP/inv.csv" >"$TMP/parsed"
check "CSV: CRLF records, header first, 12 fields each" \
	sh -c "[ $rc -eq 0 ] && [ \$(tr -cd '\r' <'$TMP/inv.csv' | wc -c) -eq \$(wc -l <'$TMP/inv.csv') ] &&
	       head -n1 '$TMP/parsed' | grep -q '^12 source total_incl_tax\$' && ! awk '\$1 != 12' '$TMP/parsed' | grep -q ."
check "CSV parsed back: one record per invoice of the list, same sources" \
	[ "$nscw" -ge 24 -a "$(grep -c ' scaleway ' "$TMP/parsed")" -eq "$nscw" -a "$(grep -c ' dedibox ' "$TMP/parsed")" -eq "$ndbx" ]

use_online
dedi invoices list
check "Dedibox token only: says Scaleway keys are needed and how to add them" \
	sh -c "[ $rc -eq 3 ] && grep -q 'Scaleway keys' '$TMP/err' && grep -q 'auth login' '$TMP/err' && [ ! -s '$TMP/out' ]"
finish
