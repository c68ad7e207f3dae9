#!/bin/sh
# Machine outputs never change with the language: under a French locale
# (fr_FR.UTF-8 built by localedef into a private LOCPATH, the build tree's
# catalog through DEDI_LOCALEDIR) servers list -o json|csv|yaml, invoices
# list --json and invoices export --csv are byte for byte what the C
# locale gives, with decimal points, never commas.
. "$(dirname "$0")/lib.sh"
start_sandbox --servers 12 --seed 7 || exit 1
use_both
loc="$TMP/locale"
mkdir -p "$loc"
# localedef exits 1 for warnings only.
localedef -i fr_FR -f UTF-8 "$loc/fr_FR.UTF-8" >"$TMP/localedef.log" 2>&1
[ -d "$loc/fr_FR.UTF-8" ] || sed 's/^/# localedef: /' "$TMP/localedef.log"

# both NAME ARGS...: dedi ARGS under C ($TMP/NAME.c) and French ($TMP/NAME.fr).
both() {
	f=$1; shift
	LC_ALL=C LANG=C dedi "$@"; rc_c=$rc; cp "$TMP/out" "$TMP/$f.c"
	LOCPATH="$loc" LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 DEDI_LOCALEDIR="$DD_BUILDDIR/po/locale" dedi "$@"
	rc_fr=$rc; cp "$TMP/out" "$TMP/$f.fr"
}
same() { # same NAME: French was there, both ran well, said something, the same
	[ -d "$loc/fr_FR.UTF-8" ] && [ "$rc_c" -eq 0 ] && [ "$rc_fr" -eq 0 ] && [ -s "$TMP/$1.c" ] && cmp -s "$TMP/$1.c" "$TMP/$1.fr"
}

both sj servers list -o json
nsrv=$(json_ids "$TMP/sj.fr" | wc -l)
check "servers list -o json is the same under fr_FR.UTF-8 as under C (12 servers)" sh -c "$(same sj && echo true || echo false) && [ $nsrv -eq 12 ]"
both sc servers list -o csv
check "servers list -o csv is the same under fr_FR.UTF-8 as under C" same sc
both sy servers list -o yaml
check "servers list -o yaml is the same under fr_FR.UTF-8 as under C" same sy
both ij invoices list --json
check "invoices list --json is the same under fr_FR.UTF-8 as under C (amounts as units and nanos)" \
	sh -c "$(same ij && echo true || echo false) && grep -q '\"units\": [0-9]' '$TMP/ij.fr'"
both ic invoices export --csv
# A CSV amount keeps its decimal point: 12.34, never "12,34".
check "invoices export --csv is the same under fr_FR.UTF-8 as under C, amounts with a decimal point" \
	sh -c "$(same ic && echo true || echo false) && grep -q ',[0-9][0-9]*\.[0-9][0-9],' '$TMP/ic.fr'"
finish
