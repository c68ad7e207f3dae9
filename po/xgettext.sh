#!/bin/sh
# po/xgettext.sh SRCDIR OUT.pot [ROOM...]: every translatable string of the
# given rooms (default: dedi.c, cli, tui and core) into OUT.pot. Used by
# `make update-po` and by tests/i18n/catalog.sh, so both see the same list.
# The sandbox is a test tool and speaks English only: never scanned.
set -eu
src=$1; out=$2; shift 2
[ $# -gt 0 ] || set -- dedi.c cli tui core
files=$(cd "$src" && for r in "$@"; do
	case $r in
	*.c) echo "$r" ;;
	*) ls "$r"/*.c "$r"/*.h 2>/dev/null ;;
	esac
done | LC_ALL=C sort)
# xgettext names files relative to the directory it runs in (the
# "#: tui/app.c:12" references stay the same in any build tree).
cd "$src"
# shellcheck disable=SC2086
xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=P_:1,2 \
	--add-comments=TRANSLATORS: --package-name=dedi --msgid-bugs-address=dedi \
	--sort-by-file --no-wrap --force-po -o "$out" $files
