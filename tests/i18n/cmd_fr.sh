#!/bin/sh
# The commands speak French under a French locale: the help, an error from
# core, the human table's headers, the amounts; and what scripts read does not move:
# servers list -o json is the same bytes under fr_FR and C.
#
# The French locale is made without root (localedef into $TMP, found
# through LOCPATH); the catalog is the build tree's (po/locale, or
# DEDI_LOCALEDIR when set).
. "$(dirname "$0")/../integration/lib.sh"
: "${DEDI_LOCALEDIR:=$DD_BUILDDIR/po/locale}"
export DEDI_LOCALEDIR

mkdir "$TMP/loc"
# Without the locale every point below fails and says why.
localedef -i fr_FR -f UTF-8 "$TMP/loc/fr_FR.UTF-8" >"$TMP/localedef.err" 2>&1 ||
	echo "# localedef fr_FR.UTF-8 failed (the locales package?): $(head -c 300 "$TMP/localedef.err")"
[ -f "$DEDI_LOCALEDIR/fr/LC_MESSAGES/dedi.mo" ] ||
	echo "# no catalog at $DEDI_LOCALEDIR/fr/LC_MESSAGES/dedi.mo"

# dedi with a locale (lib.sh's dedi, under env so the locale reaches it)
in_locale() {
	loc=$1; shift
	env LOCPATH="$TMP/loc" LANG="$loc" LC_ALL="$loc" LANGUAGE= "$DEDI" "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?
	[ "$rc" -lt 128 ] || DEDI_BAD="$DEDI_BAD '$*':$rc"
}
fr() { in_locale fr_FR.UTF-8 "$@"; }
c() { in_locale C "$@"; }

fr --help
check "dedi --help in French: usage line and command summaries, exit 0" \
	sh -c "[ $rc -eq 0 ] && grep -q '^utilisation : dedi ' '$TMP/out' && grep -q '^commandes :' '$TMP/out' &&
		grep -q 'chaque serveur de chaque zone' '$TMP/out' && grep -q '^codes de sortie :' '$TMP/out'"
# The command words and flags stay as they are typed.
check "dedi --help in French keeps the command lines as typed" \
	sh -c "grep -q '^  dedi servers list \[--json\] \[--zone ZONE\]' '$TMP/out'"

start_sandbox
use_both
fr servers show 999999
check "an unknown server id: core's error in French, exit 4" \
	sh -c "[ $rc -eq 4 ] && grep -q 'aucun serveur d.id 999999 dans' '$TMP/err' && grep -q 'le compte Online' '$TMP/err' &&
		! grep -q 'no server with id' '$TMP/err'"

fr servers list
cp "$TMP/out" "$TMP/table"
check "servers list: the human table's headers in French" \
	sh -c "[ $rc -eq 0 ] && head -n1 '$TMP/table' | grep -q \"^ID  *NOM D'HÔTE  *ZONE  *STATUT\" && [ \$(wc -l <'$TMP/table') -ge 2 ]"

fr servers list -o json
cp "$TMP/out" "$TMP/json.fr"; rc_fr=$rc
c servers list -o json
cp "$TMP/out" "$TMP/json.c"
check "servers list -o json: the same bytes under fr_FR and C" \
	sh -c "[ $rc_fr -eq 0 ] && [ $rc -eq 0 ] && grep -q '\"servers\"' '$TMP/json.c' && cmp -s '$TMP/json.fr' '$TMP/json.c'"

# The translation follows the locale: the C locale is English.
c servers list
check "servers list under C: the English headers" \
	sh -c "[ $rc -eq 0 ] && head -n1 '$TMP/out' | grep -q '^ID  *HOSTNAME  *ZONE  *STATUS'"

# Amounts a person reads follow LC_MONETARY: comma, the locale's thousands
# separator, the euro sign; the C locale keeps 1234.56 EUR. (-o json and
# --json keep the machine spelling: tests/integration/i18n_machine.sh.)
# glibc's fr_FR: U+202F between thousands, U+00A0 before the euro sign.
nnbsp=$(printf '\342\200\257'); nbsp=$(printf '\302\240')
fr invoices list
cp "$TMP/out" "$TMP/inv.fr"; rc_fr=$rc
c invoices list
check "invoices list: amounts in French (2 409,49 €) and in C (2409.49 EUR)" \
	sh -c "[ $rc_fr -eq 0 ] && [ $rc -eq 0 ] && grep -q '[0-9]$nnbsp[0-9][0-9][0-9],[0-9][0-9]$nbsp€' '$TMP/inv.fr' &&
		grep -q '^[0-9]* factures : [0-9].*€ HT' '$TMP/inv.fr' && ! grep -q ' EUR' '$TMP/inv.fr' &&
		grep -q '[0-9]\.[0-9][0-9] EUR' '$TMP/out' && ! grep -q '€' '$TMP/out'"

# A usage error of a subcommand: French prose, flags unchanged.
fr servers list --bogus
check "a usage error in French, exit 2" \
	sh -c "[ $rc -eq 2 ] && grep -q 'argument inconnu --bogus' '$TMP/err' && grep -q '^utilisation : dedi servers list \[--json\]' '$TMP/err'"
finish
