#!/bin/sh
# dedi link (the console's link wizard) refuses what it cannot use before
# anything opens: a bad declaration, an unknown option, the demo; it
# needs a terminal and leaves the vault as it was when it has none. The
# wizard itself is tests/screen/test_link_wizard.
. "$(dirname "$0")/lib.sh"

export XDG_DATA_HOME="$TMP/x/data" XDG_CONFIG_HOME="$TMP/x/config" \
	XDG_STATE_HOME="$TMP/x/state" XDG_CACHE_HOME="$TMP/x/cache" HOME="$TMP/x/home"
mkdir -p "$TMP/x/home"
export DEDI_VAULT_KDF=1:8
unset SCW_ACCESS_KEY SCW_SECRET_KEY DEDI_ONLINE_TOKEN DEDI_PASSPHRASE
VAULT="$XDG_DATA_HOME/dedi/vault"

dedi link --scaleway-payment cheque
check "--scaleway-payment cheque: exit 2, the accepted forms named" \
	sh -c "[ $rc -eq 2 ] && grep -q 'card:LAST4' '$TMP/err' && [ ! -e '$VAULT' ]"
dedi link --dedibox-country ZZ
check "--dedibox-country ZZ: exit 2, said on stderr, no vault made" \
	sh -c "[ $rc -eq 2 ] && grep -q 'ZZ\|country' '$TMP/err' && [ ! -e '$VAULT' ]"
dedi link --nosuch x
check "an unknown option: exit 2, named" sh -c "[ $rc -eq 2 ] && grep -q 'unknown option --nosuch' '$TMP/err'"
dedi link --report
check "--report without a file: exit 2" sh -c "[ $rc -eq 2 ] && grep -q -- '--report needs a value' '$TMP/err'"
dedi --demo link
check "--demo: no vault to save in, exit 2" sh -c "[ $rc -eq 2 ] && grep -q 'the demo has no vault' '$TMP/err'"
dedi help
check "dedi help lists dedi link and its options" \
	sh -c "[ $rc -eq 0 ] && grep -q '^  dedi link \[--report FILE\] \[--scaleway-payment' '$TMP/out'"

# A vault with one profile, then dedi link with no terminal.
start_sandbox || exit 1
printf '%s\n' "link-test passphrase" >"$TMP/pass"
# No access key, then the token, on standard input.
printf '\n%s\n' "$DEMO_TOKEN" >"$TMP/answers"
"$DEDI" auth login --profile dbx --passphrase-fd 3 3<"$TMP/pass" >"$TMP/login.out" \
	2>"$TMP/login.err" <"$TMP/answers"
cp "$VAULT" "$TMP/vault.before" 2>/dev/null || sed 's/^/# login: /' "$TMP/login.err"
setsid "$DEDI" link --passphrase-fd 3 3<"$TMP/pass" >"$TMP/out" 2>"$TMP/err" </dev/null; rc=$?
check "no terminal: the console says it needs one (exit 2)" \
	sh -c "[ $rc -eq 2 ] && grep -q 'needs a terminal' '$TMP/err'"
check "no terminal: the vault is as it was (no wizard record written)" \
	sh -c "[ -s '$TMP/vault.before' ] && cmp -s '$VAULT' '$TMP/vault.before'"
finish
