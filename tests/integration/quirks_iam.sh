#!/bin/sh
# dedi-sandbox --quirks iam-denied: IAM refuses the key with 403
# permissions_denied (a Dedibox-scoped application key) while the Dedibox
# endpoints accept it. auth login must check the key with a Dedibox call,
# save the profile, and say that the owner cannot be shown.
. "$(dirname "$0")/lib.sh"

export XDG_DATA_HOME="$TMP/data" XDG_CONFIG_HOME="$TMP/config" \
	XDG_STATE_HOME="$TMP/state" XDG_CACHE_HOME="$TMP/cache" HOME="$TMP"
# Minimal Argon2 parameters so the test is fast; users get 3 / 256 MiB.
export DEDI_VAULT_KDF=1:8 DEDI_PASSPHRASE="quirks-iam test passphrase"
unset SCW_ACCESS_KEY SCW_SECRET_KEY DEDI_ONLINE_TOKEN
VAULT="$XDG_DATA_HOME/dedi/vault"
AK=SCWDEMO0000000000000

start_sandbox --quirks iam-denied || exit 1
unset SCW_API_URL DEDI_ONLINE_API_URL
login() { # login PROFILE SECRET: the answers on stdin, no terminal
	printf '%s\n%s\n\n' "$AK" "$2" | "$DEDI" auth login --profile "$1" \
		--api-url "$URL" --online-api-url "$URL/api/v1" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

login bad 00000000-0000-4000-8000-0000000bad00
check "a wrong secret key: refused (3), nothing saved, though IAM refuses every key" \
	sh -c "[ $rc -eq 3 ] && [ ! -e '$VAULT' ] && grep -q 'Scaleway refused the key SCWD' '$TMP/err'"

login dbx "$DEMO_SECRET"
check "a Dedibox-scoped key: login succeeds (0) and saves the profile" \
	sh -c "[ $rc -eq 0 ] && [ -s '$VAULT' ] && grep -q 'Saved profile dbx' '$TMP/out'"
check "it says the Dedibox API accepted the key and the owner cannot be shown" \
	sh -c "grep -q 'accepted by the Dedibox API' '$TMP/out' && grep -q 'permissions_denied' '$TMP/out' && grep -q 'owner cannot be shown' '$TMP/out'"
check "no secret in what it printed" sh -c "grep -q 'Saved profile' '$TMP/out' && ! grep -q '$DEMO_SECRET' '$TMP/out' '$TMP/err'"

dedi auth list
check "auth list shows the profile" sh -c "[ $rc -eq 0 ] && grep -q '^ *dbx  *SCWD…0000 ' '$TMP/out'"

dedi --profile dbx servers list --json
check "servers list works with the saved key: 24 servers" \
	[ "$rc" -eq 0 -a "$(json_ids "$TMP/out" | wc -l)" -eq 24 ]

finish
