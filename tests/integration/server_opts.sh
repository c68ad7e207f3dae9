#!/bin/sh
# The option tables of `dedi server ACTION`, `server install` and `server
# raid` (one parser, cli/opt_table.c): --opt=value and --opt value are the
# same, an option given twice, a missing value, an unknown argument, a
# flag with a value, an option of another action and a list past its size
# are usage errors (exit 2) that name the fault and change nothing.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
STATS="$TMP/stats"
writes() { sb_count "$STATS" writes; }

start_sandbox --servers 4 --seed 3 --stats "$STATS" || exit 1
use_scw
dedi servers list --json
id=$(json_ids "$TMP/out" | head -n1)

# usage MESSAGE: exit 2, MESSAGE and the usage on stderr, nothing on stdout.
usage() { [ "$rc" -eq 2 ] && [ ! -s "$TMP/out" ] && grep -qF -- "$1" "$TMP/err" && grep -q 'usage: dedi' "$TMP/err"; }

dedi --dry-run server reboot "$id" --reason=maintenance
cp "$TMP/out" "$TMP/eq1"; rc1=$rc
dedi --dry-run server reboot "$id" --reason maintenance
same() { [ "$rc1" -eq 0 ] && [ "$rc" -eq 0 ] && [ -s "$TMP/eq1" ] && cmp -s "$TMP/eq1" "$TMP/out"; }
check "reboot: --reason=X and --reason X describe the same request" same

w=$(writes)
dedi --dry-run server reboot "$id" --zone=fr-par-1 --zone fr-par-2
check "reboot: --zone given twice" usage "an option is given twice"
dedi --dry-run server reboot "$id" --reason
check "reboot: --reason without its value" usage "an option needs a value"
dedi --dry-run server reboot "$id" --image=x
check "reboot: --image belongs to rescue" usage "that option does not go with this action"
dedi --dry-run server reboot "$id" --off
check "reboot: --off is rescue's flag, unknown here" usage "unknown argument"
dedi --dry-run server reboot "$id" --yes=1
check "reboot: a flag takes no value" usage "unknown argument"
dedi --dry-run server reboot "$id" "$id"
check "reboot: a second server" usage "unknown argument"
dedi --dry-run server reboot --yes
check "reboot: no server" usage "which server?"

dedi --dry-run server install "$id" --os 1 --os=2
check "install: --os given twice" usage "an option is given twice"
set --
for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33; do
	set -- "$@" --ssh-key "key$k"
done
dedi --dry-run server install "$id" --os 1 "$@"
check "install: --ssh-key past the list's size" usage "too many --ssh-key"
dedi --dry-run server install "$id" --os 1 --partition
check "install: --partition without its value" usage "an option needs a value"

dedi server raid "$id" --level raid1 --level=raid0 --array 1
check "raid: --level given twice" usage "an option is given twice"
dedi server raid "$id" --jsonx
check "raid: an unknown option" usage "unknown argument"
dedi server raid "$id" --array=1
check "raid: --array without --level" usage "--array and --level go together"
check "no usage error sent anything" [ -n "$id" -a "$(writes)" -eq "$w" ]
finish
