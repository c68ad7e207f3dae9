#!/bin/sh
# dedi server raid ID [--json]: the arrays and their disks as the sandbox
# has them; --array N --level L goes through the write path (typed
# confirmation, intent and outcome in the audit, nothing under --dry-run
# or protected), refuses a level the disks cannot build before sending,
# and the change is what the next read shows.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
AUDIT="$XDG_STATE_HOME/dedi/audit.jsonl"
CONFIG="$XDG_CONFIG_HOME/dedi/config"
STATS="$TMP/stats"
writes() { sb_count "$STATS" writes; }
lines() { [ -f "$AUDIT" ] && wc -l <"$AUDIT" || echo 0; }

if ! command -v jq >/dev/null; then
	echo "1..0 # SKIP jq is needed to read the --json output"; exit 0
fi
start_sandbox --servers 6 --seed 3 --stats "$STATS" || exit 1
use_scw
dedi servers list --json
# a server whose first array has two disks (a RAID controller's)
rid=""
for s in $(json_ids "$TMP/out"); do
	dedi server raid "$s" --json
	if [ "$rc" -eq 0 ] && jq -e '.arrays[0].disks | length == 2' "$TMP/out" >/dev/null; then rid=$s; break; fi
done
dedi server raid "$rid" --json
level=$(jq -r '.arrays[0].level' "$TMP/out" 2>/dev/null)
check "raid --json: a server with two disks in array 1, their connectors A and B, the level" \
	sh -c "[ -n '$rid' ] && [ $rc -eq 0 ] && jq -e '.server_id == $rid and .arrays[0].array == 1 and ([.arrays[0].disks[].connector] == [\"A\",\"B\"]) and (.arrays[0].level | length) > 0' '$TMP/out' >/dev/null"
dedi server raid "$rid"
check "raid: one line per array and per disk, the controller said not reported" \
	sh -c "[ $rc -eq 0 ] && grep -q '^array 1  *$level  *2 disks\$' '$TMP/out' && grep -q '^  disk A ' '$TMP/out' && grep -q '^controller  *not reported' '$TMP/out'"
new=raid0
[ "$level" = raid0 ] && new=raid1

w=$(writes); before=$(lines)
dedi --dry-run server raid "$rid" --array 1 --level "$new"
check "raid --dry-run: the POST .../update-raid with both disks, nothing sent, nothing audited" \
	sh -c "[ $rc -eq 0 ] && grep -q '^POST .*/servers/$rid/update-raid\$' '$TMP/out' && grep -q '\"raid_level\":\"$new\",\"disk_ids\":\[[0-9]*,[0-9]*\]' '$TMP/out' && [ $(writes) -eq $w ] && [ $(lines) -eq $before ]"
dedi server raid "$rid" --array 1 --level "$new" </dev/null
check "raid change without --yes, not a terminal: usage (2), nothing sent" \
	sh -c "[ $rc -eq 2 ] && grep -q -- '--yes --confirm=HOSTNAME_OR_ID' '$TMP/err' && [ $(writes) -eq $w ]"
dedi server raid "$rid" --array 1 --level "$new" --yes --confirm=someone-else
check "raid change confirming another server: refused (8), nothing sent" \
	sh -c "[ $rc -eq 8 ] && [ $(writes) -eq $w ]"
dedi server raid "$rid" --array 1 --level raid5 --yes --confirm="$rid"
check "raid5 from two disks: refused before sending (2), says why" \
	sh -c "[ $rc -eq 2 ] && grep -q 'raid5 cannot be built from 2 disks' '$TMP/err' && [ $(writes) -eq $w ]"
dedi server raid "$rid" --array 9 --level raid1 --yes --confirm="$rid"
check "an array that does not exist: usage (2), nothing sent" sh -c "[ $rc -eq 2 ] && [ $(writes) -eq $w ]"
mkdir -p "$XDG_CONFIG_HOME/dedi" && printf 'protected = %s\n' "$rid" >"$CONFIG" && chmod 600 "$CONFIG"
dedi server raid "$rid" --array 1 --level "$new" --yes --confirm="$rid"
check "protected: refused (8), nothing sent" \
	sh -c "[ $rc -eq 8 ] && grep -q protected '$TMP/err' && [ $(writes) -eq $w ]"
rm -f "$CONFIG"

dedi server raid "$rid" --array 1 --level "$new" --yes --confirm="$rid"
check "raid change: done (0), one write" sh -c "[ $rc -eq 0 ] && grep -q 'from $level to $new: its data is lost: done.' '$TMP/out' && [ $(writes) -eq $((w + 1)) ]"
check "raid change: an intent and an ok outcome in the audit" \
	sh -c "tail -n2 '$AUDIT' | head -n1 | grep -q '\"phase\":\"intent\",\"method\":\"POST\",\"url\":\"[^\"]*/servers/$rid/update-raid\"' && tail -n1 '$AUDIT' | grep -q '\"outcome\":\"ok\"'"
dedi server raid "$rid" --json
check "raid: the next read shows array 1 at $new" \
	sh -c "[ $rc -eq 0 ] && [ -s '$TMP/out' ] && jq -e '.arrays[0].level == \"$new\"' '$TMP/out' >/dev/null"

# An Online-only profile: the RAID is Scaleway's.
use_online
dedi server raid "$rid"
check "Online token only: says the RAID is read through Scaleway keys (2)" \
	sh -c "[ $rc -eq 2 ] && grep -q 'Scaleway keys only' '$TMP/err'"

finish
