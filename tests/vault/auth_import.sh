#!/bin/sh
# auth import-scw over a profile that has a Dedibox token: --force keeps
# what the scw file does not hold and says what changed; a default_zone
# that is an Instance zone (fr-par-3) is dropped, said, and the profile
# works; a bad zone is blamed on its real source.
. "$DD_SRCDIR/tests/integration/lib.sh"

AK=SCWIMPORTTEST0000001
AK2=SCWIMPORTTEST0000002
SK=00000000-0000-4000-8000-0000001a9047
TOK=authimport-token-not-real-00000000000
PASS="auth-import test passphrase"

export XDG_DATA_HOME="$TMP/x/data" XDG_CONFIG_HOME="$TMP/x/config" \
	XDG_STATE_HOME="$TMP/x/state" XDG_CACHE_HOME="$TMP/x/cache" HOME="$TMP/x/home"
mkdir -p "$TMP/x/home"
export DEDI_VAULT_KDF=1:8
unset SCW_ACCESS_KEY SCW_SECRET_KEY DEDI_ONLINE_TOKEN DEDI_PASSPHRASE DEDI_PROFILE
printf '%s\n' "$PASS" >"$TMP/pass"
# No terminal: --passphrase-fd is the only source.
run() { setsid "$DEDI" "$@" --passphrase-fd 3 3<"$TMP/pass" <"$TMP/stdin" >"$TMP/out" 2>"$TMP/err"; rc=$?; }

start_sandbox --access-key "$AK" --secret-key "$SK" --online-token "$TOK" || exit 1

printf '%s\n%s\n%s\n' "$AK" "$SK" "$TOK" >"$TMP/stdin"
run auth login --zone fr-par-2
check "login saves a profile with Scaleway keys, zone and a Dedibox token" \
	sh -c "[ $rc -eq 0 ] && grep -q 'Saved profile default' '$TMP/out'"
: >"$TMP/stdin"

# scw's file: the same profile with another access key and an Instance
# zone, and a new profile with an Instance zone.
cat >"$TMP/scw.yaml" <<YAML
access_key: $AK2
secret_key: $SK
default_zone: fr-par-3
profiles:
  other:
    access_key: $AK
    secret_key: $SK
    default_zone: nl-ams-2
YAML
chmod 600 "$TMP/scw.yaml"
run auth import-scw "$TMP/scw.yaml" --force
cp "$TMP/out" "$TMP/import.out"
check "import --force replaces default and says what changed and what was kept" \
	sh -c "[ $rc -eq 0 ] && grep -q '^replaced default .*changed: access key SCWI…0001 -> SCWI…0002' '$TMP/out' && grep -q '^replaced default .*kept: .*Dedibox private token' '$TMP/out'"
check "the Instance zone of the replaced profile is said dropped, its zone stays" \
	sh -c "grep -q '^note *default *default_zone fr-par-3 is not a Dedibox zone.*not kept, the profile.s zone stays' '$TMP/import.out'"
check "the Instance zone of a new profile is said dropped: every zone" \
	sh -c "grep -q '^note *other *default_zone nl-ams-2 is not a Dedibox zone.*covers every zone' '$TMP/import.out' && grep -q '^imported other' '$TMP/import.out'"
check "no secret in the import's output" sh -c "! grep -q -e '$SK' -e '$TOK' '$TMP/import.out' '$TMP/err'"

run auth list
check "default still has its Dedibox token and fr-par-2; other covers all zones" \
	sh -c "[ $rc -eq 0 ] && grep -q '^\\* default *SCWI…0002 *fr-par-2 *yes *yes' '$TMP/out' && grep -q '^  other *SCWI…0001 *all *yes *no' '$TMP/out'"

run servers list --json
check "the replaced profile still reaches the Dedibox API (its token was kept)" \
	sh -c "[ $rc -eq 0 ] && grep -q '^ *\"online\"' '$TMP/out'"
run --profile other servers list --json
check "the imported profile works: no message about SCW_DEFAULT_ZONE" \
	sh -c "[ $rc -eq 0 ] && ! grep -q SCW_DEFAULT_ZONE '$TMP/err' && grep -q '\"id\": [0-9]' '$TMP/out'"

SCW_DEFAULT_ZONE=fr-par-3 run --profile other servers list
check "a bad zone from the environment names the variable" \
	sh -c "[ $rc -eq 2 ] && grep -q 'SCW_DEFAULT_ZONE=fr-par-3 is not a Dedibox zone' '$TMP/err'"

# The same file again with --force: nothing of default changes.
run auth import-scw "$TMP/scw.yaml" --force
check "a second replace says nothing changed, and what it kept" \
	sh -c "[ $rc -eq 0 ] && grep -q '^replaced default .*(nothing changed; kept: .*Dedibox private token' '$TMP/out'"
finish
