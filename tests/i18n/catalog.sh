#!/bin/sh
# Every user-facing string is in the French catalog: xgettext over every
# source of dedi (the same list as `make update-po`), then each msgid must
# have a non-empty, non-fuzzy translation in po/fr.po or po/fr-cmd.po; both
# catalogs pass msgfmt --check (c-format specifiers kept, plurals, header);
# the compiled dedi.mo of the build tree is the two catalogs.
set -u
: "${DD_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${DD_SRCDIR:=$DD_BUILDDIR}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dedi-i18n.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0; failed=0
point() { # point STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}
po="$DD_SRCDIR/po"
echo "1..6"
sh "$po/xgettext.sh" "$DD_SRCDIR" "$tmp/dedi.pot" 2>"$tmp/err"
ids=$(grep -c '^msgid ' "$tmp/dedi.pot" 2>/dev/null); ids=${ids:-0}
# A scan that finds next to nothing scanned the wrong place.
[ "$ids" -gt 100 ]
point $? "xgettext finds the marked strings of dedi.c, cli, tui and core ($ids msgids)"
sed 's/^/# /' "$tmp/err"

msgcat --force-po --use-first "$po/fr.po" "$po/fr-cmd.po" -o "$tmp/fr.po" 2>"$tmp/err"
# No fuzzy matching: a near string is still a missing translation.
msgmerge --quiet --no-fuzzy-matching --no-wrap "$tmp/fr.po" "$tmp/dedi.pot" -o "$tmp/merged.po" 2>>"$tmp/err"
point $? "the two catalogs merge with the sources' strings"
sed 's/^/# /' "$tmp/err"

msgattrib --untranslated --no-obsolete --no-wrap "$tmp/merged.po" >"$tmp/missing.po"
missing=$(grep -c '^msgid ' "$tmp/missing.po" 2>/dev/null); missing=${missing:-0}
# The header entry (msgid "") is translated; anything else listed is not.
[ -s "$tmp/merged.po" ] && [ "$missing" -eq 0 ]
point $? "every msgid has a French translation ($missing missing)"
grep -B1 -A1 '^msgid ' "$tmp/missing.po" | grep -v '^msgstr\|^--' | head -60 | sed 's/^/# /'

msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/merged.po" >"$tmp/fuzzy.po"
fuzzy=$(grep -c '^msgid ' "$tmp/fuzzy.po" 2>/dev/null); fuzzy=${fuzzy:-0}
[ -s "$tmp/merged.po" ] && [ "$fuzzy" -eq 0 ]
point $? "no translation is fuzzy ($fuzzy fuzzy)"
grep '^#:\|^msgid ' "$tmp/fuzzy.po" | head -40 | sed 's/^/# /'

ok=0
for f in fr.po fr-cmd.po; do
	msgfmt --check --statistics -o /dev/null "$po/$f" 2>"$tmp/err" || { ok=1; sed "s|^|# $f: |" "$tmp/err"; }
done
point $ok "msgfmt --check passes on po/fr.po and po/fr-cmd.po (formats, plurals, header)"

# The build compiled exactly these catalogs: the .mo holds as many
# translations as the two catalogs together.
mo="$DD_BUILDDIR/po/locale/fr/LC_MESSAGES/dedi.mo"
want=$(msgfmt --statistics -o /dev/null "$tmp/fr.po" 2>&1 | sed -n 's/^\([0-9]*\) translated.*/\1/p')
got=$(msgunfmt "$mo" 2>/dev/null | msgfmt --statistics -o /dev/null - 2>&1 | sed -n 's/^\([0-9]*\) translated.*/\1/p')
[ -n "$want" ] && [ "$want" -gt 0 ] && [ "$want" = "$got" ]
point $? "po/locale/fr/LC_MESSAGES/dedi.mo holds the two catalogs ($got of $want translations)"
[ $failed -eq 0 ]
