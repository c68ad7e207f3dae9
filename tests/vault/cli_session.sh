#!/bin/sh
# dedi auth / vault check driven as a person would, against a private
# sandbox that knows this test's fake keys; then everything dedi wrote is
# searched for the secrets: there must be none.
. "$DD_SRCDIR/tests/integration/lib.sh"

AK=SCWVAULTSESSION00001
SK=00000000-0000-4000-8000-5e55105ec7e7
TOK=vaultsession-token-not-real-0000000000
PASS1="first vault-session passphrase"
PASS2="second vault-session passphrase"

export XDG_DATA_HOME="$TMP/x/data" XDG_CONFIG_HOME="$TMP/x/config" \
	XDG_STATE_HOME="$TMP/x/state" XDG_CACHE_HOME="$TMP/x/cache" HOME="$TMP/x/home"
mkdir -p "$TMP/x/home" "$TMP/in" "$TMP/log"
# Minimal Argon2 parameters so the session is fast; users get 3 / 256 MiB.
export DEDI_VAULT_KDF=1:8
unset SCW_ACCESS_KEY SCW_SECRET_KEY DEDI_ONLINE_TOKEN DEDI_PASSPHRASE DEDI_PROFILE
VAULT="$XDG_DATA_HOME/dedi/vault"
printf '%s\n' "$PASS1" >"$TMP/in/pass1"
printf '%s\n%s\n' "$PASS1" "$PASS2" >"$TMP/in/pass12"
printf '%s\n' "$PASS2" >"$TMP/in/pass2"
printf 'wrong passphrase\n' >"$TMP/in/wrong"

# run NAME ARGS...: dedi with stdin from $TMP/in/NAME.stdin if present;
# every output is kept in $TMP/log for the final search.
runs=0
run() {
	runs=$((runs + 1))
	local in=/dev/null
	[ -f "$TMP/in/$1.stdin" ] && in="$TMP/in/$1.stdin"
	shift
	"$DEDI" "$@" <"$in" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	cp "$TMP/out" "$TMP/log/$runs.out"
	cp "$TMP/err" "$TMP/log/$runs.err"
}
has() { grep -q -- "$1" "$2"; }

start_sandbox --access-key "$AK" --secret-key "$SK" --online-token "$TOK" || exit 1

run none --profile work servers list
check "a named profile without a vault: exit 3, says how to create it" \
	sh -c "[ $rc -eq 3 ] && grep -q 'dedi auth login --profile work' '$TMP/err'"

printf '%s\n%s\n\n' "$AK" "00000000-0000-4000-8000-0000000bad00" >"$TMP/in/badkey.stdin"
run badkey auth login --passphrase-fd 3 3<"$TMP/in/pass1"
check "login with a secret key IAM refuses: exit 3, nothing saved" \
	sh -c "[ $rc -eq 3 ] && [ ! -e '$VAULT' ] && grep -q 'Scaleway refused the key SCWV' '$TMP/err'"

printf '%s\n%s\n%s\n' "$AK" "$SK" "$TOK" >"$TMP/in/login.stdin"
run login auth login --zone fr-par-2 --passphrase-fd 3 3<"$TMP/in/pass1"
check "login checks both APIs and saves the profile" \
	sh -c "[ $rc -eq 0 ] && grep -q 'accepted by IAM' '$TMP/out' && grep -q 'private token accepted (24 servers)' '$TMP/out' && grep -q 'Saved profile default' '$TMP/out'"
check "DEDI_VAULT_KDF=1:8 sealed the vault with a loud warning (weak parameters are never silent)" \
	sh -c "[ $rc -eq 0 ] && grep -q 'WARNING: DEDI_VAULT_KDF=1:8 makes a WEAK vault' '$TMP/err'"
check "the vault is 0600 in a 0700 directory" \
	sh -c "[ \"\$(stat -c %a '$VAULT')\" = 600 ] && [ \"\$(stat -c %a '$XDG_DATA_HOME/dedi')\" = 700 ]"

run none auth list --passphrase-fd 3 3<"$TMP/in/pass1"
check "auth list shows the profile with its access key masked" \
	sh -c "[ $rc -eq 0 ] && grep -q '^\\* default *SCWV…0001 *fr-par-2 *yes *yes' '$TMP/out' && ! grep -q '$AK' '$TMP/out'"
run none --json auth list --passphrase-fd 3 3<"$TMP/in/pass1"
check "auth list --json: a versioned document, key masked" \
	sh -c "[ $rc -eq 0 ] && grep -q '\"version\": 1' '$TMP/out' && grep -q '\"access_key\": \"SCWV…0001\"' '$TMP/out'"

run none --passphrase-fd 3 servers list 3<"$TMP/in/pass1"
check "servers list uses the vault's profile" sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$TMP/out') -gt 1 ]"

printf '\n%s\n' "$TOK" >"$TMP/in/second.stdin"
run second auth login --profile second --passphrase-fd 3 3<"$TMP/in/pass1"
check "a second profile with a Dedibox token only" sh -c "[ $rc -eq 0 ] && grep -q 'Saved profile second' '$TMP/out'"
DEDI_PROFILE=second run none servers list --json --passphrase-fd 3 3<"$TMP/in/pass1"
DEDI_PROFILE=second run none --passphrase-fd 3 servers list --json 3<"$TMP/in/pass1"
check "DEDI_PROFILE selects it (Online only)" sh -c "[ $rc -eq 0 ] && grep -q '\"online\"' '$TMP/out' && ! grep -q '\"scaleway\"' '$TMP/out'"
run none --profile nosuch --passphrase-fd 3 servers list 3<"$TMP/in/pass1"
check "an unknown profile: exit 3, says how to add it" sh -c "[ $rc -eq 3 ] && grep -q 'no profile named nosuch' '$TMP/err'"

# A selected name that is no profile name (bytes that are not UTF-8
# made the JSON document fail to build: a blank line, exit 0).
DEDI_PROFILE=$(printf 'bad\377name') run none --json auth list --passphrase-fd 3 3<"$TMP/in/pass1"
check "auth list --json with an invalid DEDI_PROFILE: a document, selected null" \
	sh -c "[ $rc -eq 0 ] && grep -q '\"selected\": null' '$TMP/out' && grep -q '\"profiles\"' '$TMP/out'"

run none --passphrase-fd 3 servers list 3<"$TMP/in/wrong"
check "wrong passphrase from an fd: exit 7, no retry" sh -c "[ $rc -eq 7 ] && grep -q 'wrong passphrase' '$TMP/err'"

mkdir -p "$XDG_CONFIG_HOME/dedi" && chmod 700 "$XDG_CONFIG_HOME/dedi"
printf 'default_profile = second\npassphrase_command = cat %s\n' "$TMP/in/pass1" >"$XDG_CONFIG_HOME/dedi/config"
chmod 600 "$XDG_CONFIG_HOME/dedi/config"
run none auth list
check "passphrase_command from the config, default_profile marked" \
	sh -c "[ $rc -eq 0 ] && grep -q '^\\* second' '$TMP/out'"
chmod 644 "$XDG_CONFIG_HOME/dedi/config"
run none auth list
check "a config others can read is refused with the fix" sh -c "[ $rc -ne 0 ] && grep -q 'chmod 600' '$TMP/err'"
printf 'default_profile = second\nbogus line\n' >"$XDG_CONFIG_HOME/dedi/config"
chmod 600 "$XDG_CONFIG_HOME/dedi/config"
run none auth list
check "a bad config line names file and line" sh -c "[ $rc -eq 2 ] && grep -q 'config:2: expected' '$TMP/err'"
rm "$XDG_CONFIG_HOME/dedi/config"

DEDI_PASSPHRASE="$PASS1" run none auth list
check "DEDI_PASSPHRASE works, with a warning" sh -c "[ $rc -eq 0 ] && grep -q 'environments leak' '$TMP/err'"

cp "$VAULT" "$TMP/old-vault"
run none auth passwd --passphrase-fd 3 3<"$TMP/in/pass12"
check "auth passwd re-seals the vault: a new file, the old one kept as vault.bak" \
	sh -c "[ $rc -eq 0 ] && [ -s '$VAULT' ] && ! cmp -s '$VAULT' '$TMP/old-vault' && cmp -s '$VAULT.bak' '$TMP/old-vault'"
run none auth list --passphrase-fd 3 3<"$TMP/in/pass1"
r1=$rc
run none auth list --passphrase-fd 3 3<"$TMP/in/pass2"
check "the old passphrase no longer opens it, the new one does" [ "$r1" -eq 7 -a "$rc" -eq 0 ]
run none vault check "$VAULT.bak" --passphrase-fd 3 3<"$TMP/in/pass1"
check "vault.bak is the previous vault, old passphrase" sh -c "[ $rc -eq 0 ] && grep -q 'ok, 2 profiles' '$TMP/out'"

run none auth remove second --passphrase-fd 3 3<"$TMP/in/pass2"
r1=$rc
run none auth list --passphrase-fd 3 3<"$TMP/in/pass2"
check "auth remove: the profile is gone from auth list" \
	sh -c "[ $r1 -eq 0 ] && [ $rc -eq 0 ] && grep -q default '$TMP/out' && ! grep -q second '$TMP/out'"
run none auth remove second --passphrase-fd 3 3<"$TMP/in/pass2"
check "removing it again: exit 4" [ "$rc" -eq 4 ]

cat >"$TMP/in/scw.yaml" <<YAML
access_key: SCWIMPORTTEST0000001
secret_key: 00000000-0000-4000-8000-1e57f00dcafe
default_zone: nl-ams-1
active_profile: other
profiles:
  other:
    access_key: SCWIMPORTTEST0000002
    secret_key: 00000000-0000-4000-8000-1e57f00dbeef
YAML
chmod 600 "$TMP/in/scw.yaml"
run none auth import-scw "$TMP/in/scw.yaml" --passphrase-fd 3 3<"$TMP/in/pass2"
check "import-scw: the default profile is kept, the other imported" \
	sh -c "[ $rc -eq 0 ] && grep -q '^kept *default' '$TMP/out' && grep -q '^imported other' '$TMP/out'"
run none auth import-scw "$TMP/in/scw.yaml" --force --passphrase-fd 3 3<"$TMP/in/pass2"
check "import-scw --force replaces" sh -c "[ $rc -eq 0 ] && grep -q '^replaced default' '$TMP/out'"

run none vault check --passphrase-fd 3 3<"$TMP/in/pass2"
check "vault check: 0" sh -c "[ $rc -eq 0 ] && grep -q 'ok, 2 profiles' '$TMP/out'"
cp "$VAULT" "$TMP/good-vault"
# Flip every bit of byte 200: writing a fixed letter would change nothing
# one time in 256 (the ciphertext is random).
byte=$(od -An -tu1 -j200 -N1 "$VAULT" | tr -d ' ')
printf "\\$(printf %o $((byte ^ 255)))" | dd of="$VAULT" bs=1 seek=200 conv=notrunc 2>/dev/null
cmp -s "$VAULT" "$TMP/good-vault" && echo "# byte 200 did not change"
run none vault check --passphrase-fd 3 3<"$TMP/in/pass2"
check "vault check on a changed byte: 7" sh -c "[ $rc -eq 7 ] && grep -q 'fail authentication' '$TMP/err'"
head -c 100 "$TMP/good-vault" >"$VAULT"
run none vault check --no-passphrase
check "vault check --no-passphrase on a truncated file: 7" sh -c "[ $rc -eq 7 ] && grep -q 'truncated contents' '$TMP/err'"
cp "$TMP/good-vault" "$VAULT"
chmod 640 "$VAULT"
run none auth list --passphrase-fd 3 3<"$TMP/in/pass2"
check "a group-readable vault is refused with the fix (7)" sh -c "[ $rc -eq 7 ] && grep -q 'chmod 600' '$TMP/err'"
chmod 600 "$VAULT"
mv "$VAULT" "$VAULT.real" && ln -s "$VAULT.real" "$VAULT"
run none auth list --passphrase-fd 3 3<"$TMP/in/pass2"
check "a symlinked vault is refused (7)" sh -c "[ $rc -eq 7 ] && grep -q 'symbolic link' '$TMP/err'"
rm "$VAULT" && mv "$VAULT.real" "$VAULT"

SCW_ACCESS_KEY=$AK SCW_SECRET_KEY=$SK run none servers list
check "environment credentials win, no passphrase asked" sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$TMP/out') -gt 1 ]"

before=$(ls -la --time-style=full-iso "$XDG_DATA_HOME/dedi" | md5sum)
run none --demo servers list
after=$(ls -la --time-style=full-iso "$XDG_DATA_HOME/dedi" | md5sum)
check "the demo never touches the vault" sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$TMP/out') -gt 1 ] && [ '$before' = '$after' ]"
run none --demo auth list
check "auth in the demo is refused" [ "$rc" -eq 2 ]

# Core dumps are off before the passphrase is read: look while dedi waits.
mkfifo "$TMP/fifo"
"$DEDI" auth list --passphrase-fd 3 3<"$TMP/fifo" >"$TMP/log/fifo.out" 2>"$TMP/log/fifo.err" &
pid=$!
exec 4>"$TMP/fifo"
i=0
until grep -q '^Max core file size *0 *0' "/proc/$pid/limits" 2>/dev/null || [ $i -ge $((100 * DD_SLOW)) ]; do
	sleep 0.05; i=$((i + 1))
done
limits=$(grep '^Max core file size' "/proc/$pid/limits" 2>/dev/null)
# In a subshell: with no reader left (a dedi that did not wait), SIGPIPE
# ends the subshell, not the test.
( printf '%s\n' "$PASS2" >&4 ) 2>/dev/null
exec 4>&-
wait $pid; rc=$?
check "RLIMIT_CORE is 0 while the passphrase is awaited, then the list is shown" \
	sh -c "echo '$limits' | grep -q 'size *0 *0' && [ $rc -eq 0 ] && grep -q default '$TMP/log/fifo.out'"

# Everything dedi wrote: outputs, the XDG directories, any core file.
hits=0
for s in "$SK" "$TOK" "$PASS1" "$PASS2" "00000000-0000-4000-8000-1e57f00dcafe" "00000000-0000-4000-8000-1e57f00dbeef"; do
	c=$(grep -r -a -F -c -- "$s" "$TMP/log" "$TMP/x" 2>/dev/null | awk -F: '{s += $NF} END {print s + 0}')
	hits=$((hits + c))
done
cores=$(find "$TMP" / -maxdepth 1 -name 'core*' -newer "$TMP/in/pass1" -type f 2>/dev/null | wc -l)
files=$(find "$TMP/log" "$TMP/x" -type f | wc -l)
# The same search finds the secret key where the test itself wrote it, and
# the masked access key in what dedi printed: it looks where it should.
control=$(grep -r -a -F -l -- "$SK" "$TMP/in" | wc -l)
masked=$(grep -r -a -F -l -- "SCWV…0001" "$TMP/log" | wc -l)
check "0 occurrences of the secrets in $files files dedi wrote over $runs runs ($hits found, $cores core files; the search finds $control and $masked controls)" \
	[ "$hits" -eq 0 -a "$cores" -eq 0 -a "$control" -ge 1 -a "$masked" -ge 1 ]

finish
