#!/bin/sh
# A dedi that must wait for the vault's lock says why instead of hanging
# silently, and goes on once the lock is free.
set -u
B=${DD_BUILDDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
TMP=$(mktemp -d)
trap 'kill $holder 2>/dev/null; rm -rf "$TMP"' EXIT
export XDG_DATA_HOME="$TMP/data" XDG_CONFIG_HOME="$TMP/config" XDG_STATE_HOME="$TMP/state" \
	XDG_CACHE_HOME="$TMP/cache" HOME="$TMP/home" DEDI_VAULT_KDF=1:8
unset SCW_ACCESS_KEY SCW_SECRET_KEY DEDI_ONLINE_TOKEN DEDI_PROFILE DEDI_PASSPHRASE
echo "1..3"
mkdir -p "$TMP/home/.config/scw"
cat >"$TMP/scw.yaml" <<'YAML'
access_key: SCWFAKE00000000000000
secret_key: 00000000-0000-4000-8000-00000000f00d
default_zone: fr-par-1
YAML
chmod 600 "$TMP/scw.yaml"
printf 'pass-for-tests\n' >"$TMP/pass"
"$B/dedi" auth import-scw "$TMP/scw.yaml" --passphrase-fd 3 3<"$TMP/pass" >/dev/null 2>"$TMP/err0"
if [ -f "$XDG_DATA_HOME/dedi/vault" ]; then echo "ok 1 - a vault to lock"; else echo "not ok 1 - a vault to lock"; sed 's/^/# /' "$TMP/err0"; exit 1; fi

# Another process holds the lock (as "auth passwd" does at its prompt).
# -o: only flock itself holds the lock, so killing it frees the lock.
flock -o "$XDG_DATA_HOME/dedi/vault.lock" sleep 30 &
holder=$!
i=0
while flock -n "$XDG_DATA_HOME/dedi/vault.lock" true 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.05; i=$((i + 1))
done
"$B/dedi" auth remove default --passphrase-fd 3 3<"$TMP/pass" >"$TMP/out" 2>"$TMP/err" &
waiter=$!
i=0
while [ $i -lt 100 ] && ! grep -q "waiting for another dedi" "$TMP/err"; do sleep 0.05; i=$((i + 1)); done
if grep -q "waiting for another dedi" "$TMP/err" && kill -0 "$waiter" 2>/dev/null; then
	echo "ok 2 - the waiting dedi says why"
else
	echo "not ok 2 - the waiting dedi says why"; sed 's/^/# /' "$TMP/err"
fi
kill "$holder"; wait "$holder" 2>/dev/null
wait "$waiter"; rc=$?
if [ "$rc" -eq 0 ]; then echo "ok 3 - it goes on once the lock is free"; else echo "not ok 3 - it goes on once the lock is free (exit $rc)"; sed 's/^/# /' "$TMP/err"; exit 1; fi
