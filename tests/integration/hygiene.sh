#!/bin/sh
# Process hygiene of a dedi that holds secrets: no core dump and no ptrace
# attach from the start, no secret in argv (no option takes one), no
# temporary file holding one, and file modes that do not depend on the
# umask (the vault, the audit log, exports, all under umask 000).
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data"
export XDG_CACHE_HOME="$TMP/cache" HOME="$TMP/home" TMPDIR="$TMP/tmp"
export DEDI_VAULT_KDF=1:8
mkdir -p "$HOME" "$TMPDIR"

# A dedi that waits on an API that accepts and never answers, so its
# /proc entry can be read while it holds the key.
: >"$TMP/stall.port"
python3 -c '
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True)
held = []
while True:
    c, _ = s.accept(); held.append(c)
    open(sys.argv[1], "a").write("accepted\n")
' "$TMP/accepted" >>"$TMP/stall.port" &
STALL=$!
trap 'kill $STALL $DPID 2>/dev/null; cleanup' EXIT
i=0
while [ ! -s "$TMP/stall.port" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done

# Non-dumpable shows as /proc/PID files owned by root instead of the
# process's user, so dedi runs as a user that is not root: ourselves, or
# nobody when the test runs as root.
if [ "$(id -u)" -eq 0 ]; then
	RUNAS="setpriv --reuid=65534 --regid=65534 --clear-groups --"
	chmod 755 "$TMP"
	# valgrind (make check-valgrind) makes its /proc files in TMPDIR as
	# that user before dedi starts (then unlinks them).
	chmod 1777 "$TMPDIR"
else
	RUNAS=""
fi
use_scw
SCW_API_URL="http://127.0.0.1:$(cat "$TMP/stall.port")" $RUNAS "$DEDI" servers list \
	>"$TMP/stall.out" 2>"$TMP/stall.err" &
DPID=$!
i=0
while ! grep -q accepted "$TMP/accepted" 2>/dev/null && [ $i -lt $((400 * DD_SLOW)) ]; do sleep 0.05; i=$((i + 1)); done
tr '\0' ' ' <"/proc/$DPID/cmdline" >"$TMP/cmdline" 2>/dev/null
grep '^Max core file size' "/proc/$DPID/limits" >"$TMP/limits" 2>/dev/null
env_owner=$(stat -c %u "/proc/$DPID/environ" 2>/dev/null)
dedi_uid=$(awk '/^Uid:/ { print $2 }' "/proc/$DPID/status" 2>/dev/null)
kill $DPID 2>/dev/null
wait $DPID 2>/dev/null
DPID=""
check "a running dedi sending a request has core dumps off (limit 0 0)" \
	sh -c "grep -q accepted '$TMP/accepted' && grep -q 'servers list' '$TMP/cmdline' &&
		grep -Eq '^Max core file size +0 +0 ' '$TMP/limits'"
check "a running dedi is not dumpable (its /proc files belong to root, not to user $dedi_uid)" \
	sh -c "grep -q accepted '$TMP/accepted' && [ -n '$dedi_uid' ] && [ '$dedi_uid' != 0 ] && [ '$env_owner' = 0 ]"
check "the secret key is not in its argv" \
	sh -c "grep -q 'servers list' '$TMP/cmdline' && ! grep -q '$DEMO_SECRET' '$TMP/cmdline'"
kill $STALL 2>/dev/null
wait $STALL 2>/dev/null
chmod 700 "$TMP" "$TMPDIR"

# No option takes a secret: only --passphrase-fd and --password-fd carry
# one, through a descriptor.
dedi help
grep -o -- '--[a-z-]*' "$TMP/out" | sort -u >"$TMP/opts"
check "no option takes a secret, token, password or passphrase on the command line" \
	sh -c "[ $rc -eq 0 ] && grep -qx -- '--passphrase-fd' '$TMP/opts' &&
		! grep -E -- 'secret|token|^--password$|^--passphrase$|^--pass$|^--key$' '$TMP/opts'"

# Files created under umask 000 keep their modes.
start_sandbox --servers 4 --seed 2 || exit 1
printf 'hygiene test passphrase\n' >"$TMP/pass"
printf '%s\n%s\n%s\n' SCWDEMO0000000000000 "$DEMO_SECRET" "$DEMO_TOKEN" >"$TMP/login.in"
unset SCW_SECRET_KEY SCW_ACCESS_KEY DEDI_ONLINE_TOKEN
( umask 000; "$DEDI" auth login --passphrase-fd 3 <"$TMP/login.in" >"$TMP/out" 2>"$TMP/err" 3<"$TMP/pass" ); rc=$?
VAULT=$XDG_DATA_HOME/dedi/vault
check "umask 000: the vault is 0600 in a 0700 directory" \
	sh -c "[ $rc -eq 0 ] && [ \"\$(stat -c %a '$VAULT')\" = 600 ] && [ \"\$(stat -c %a '$XDG_DATA_HOME/dedi')\" = 700 ]"
# The vault's lock file stays (flock needs it), empty.
check "auth login left no temporary file: only the vault and its empty lock" \
	sh -c "[ $rc -eq 0 ] && [ -s '$VAULT' ] && [ -z \"\$(ls -A '$TMPDIR')\" ] &&
		[ -z \"\$(find '$XDG_DATA_HOME' -type f ! -name vault ! \( -name vault.lock -empty \))\" ]"

use_scw
dedi servers list --json
id=$(json_ids "$TMP/out" | head -n1)
( umask 000; "$DEDI" servers edit "$id" --hostname hygiene-1.example >"$TMP/out" 2>"$TMP/err" ); rc=$?
AUDIT=$XDG_STATE_HOME/dedi/audit.jsonl
check "umask 000: the audit log is 0600 in a 0700 directory" \
	sh -c "[ $rc -eq 0 ] && [ -s '$AUDIT' ] && [ \"\$(stat -c %a '$AUDIT')\" = 600 ] &&
		[ \"\$(stat -c %a '$XDG_STATE_HOME/dedi')\" = 700 ]"

mkdir "$TMP/exp" && chmod 777 "$TMP/exp"
( umask 000; "$DEDI" invoices export --csv -o "$TMP/exp/inv.csv" >"$TMP/out" 2>"$TMP/err" ); rc=$?
check "umask 000: invoices export writes its file 0600" \
	sh -c "[ $rc -eq 0 ] && [ -s '$TMP/exp/inv.csv' ] && [ \"\$(stat -c %a '$TMP/exp/inv.csv')\" = 600 ]"
dedi invoices list --json
num=$(grep -m1 '"id":' "$TMP/out" | sed 's/.*"id": "*\([^",]*\)"*,*/\1/')
( umask 000; cd "$TMP/exp" && "$DEDI" invoices download "$num" >"$TMP/out" 2>"$TMP/err" ); rc=$?
pdf=$(find "$TMP/exp" -name '*.pdf' | head -n1)
check "umask 000: invoices download writes its PDF 0600" \
	sh -c "[ $rc -eq 0 ] && [ -n '$pdf' ] && [ \"\$(stat -c %a '$pdf')\" = 600 ]"
use_both
( umask 000; "$DEDI" link check --report "$TMP/exp/link.json" >"$TMP/out" 2>"$TMP/err" ); rc=$?
check "umask 000: the link report is written 0600" \
	sh -c "[ -s '$TMP/exp/link.json' ] && [ \"\$(stat -c %a '$TMP/exp/link.json')\" = 600 ]"

# No file anywhere dedi writes holds a secret in clear, and the temporary
# directory stayed empty through every command.
check "no file dedi wrote holds the secret key or the token in clear" \
	sh -c "[ -s '$VAULT' ] && [ -s '$AUDIT' ] &&
		! grep -rl -e '$DEMO_SECRET' -e '$DEMO_TOKEN' '$XDG_DATA_HOME' '$XDG_STATE_HOME' '$XDG_CONFIG_HOME' '$HOME' '$TMPDIR' '$TMP/exp' 2>/dev/null"
check "the temporary directory is empty after every command" \
	sh -c "[ -s '$AUDIT' ] && [ -z \"\$(ls -A '$TMPDIR')\" ]"
finish
