#!/bin/sh
# dedi help, dedi COMMAND --help and doc/dedi.1 come from one table:
# every usage line of "dedi help" is in the man page's COMMANDS, with each
# of its options, and every command of the man page is in "dedi help".
# Then --passphrase-fd after every command that may open the vault, and the
# small messages of the vault and the config.
. "$(dirname "$0")/lib.sh"
MAN="${DD_SRCDIR:-$DD_BUILDDIR}/doc/dedi.1"

export XDG_DATA_HOME="$TMP/x/data" XDG_CONFIG_HOME="$TMP/x/config" \
	XDG_STATE_HOME="$TMP/x/state" XDG_CACHE_HOME="$TMP/x/cache" HOME="$TMP/x/home"
mkdir -p "$TMP/x/home" "$TMP/x/config/dedi"
export DEDI_VAULT_KDF=1:8
unset SCW_ACCESS_KEY SCW_SECRET_KEY DEDI_ONLINE_TOKEN DEDI_PASSPHRASE DEDI_PROFILE
# No controlling terminal: a prompt would be a hang, not a pass.
nt() { setsid "$@"; }

dedi help
check "dedi help: usage lines on stdout, exit 0" \
	sh -c "[ $rc -eq 0 ] && grep -q '^  dedi servers list ' '$TMP/out' && grep -q '^  dedi auth import-scw ' '$TMP/out' && [ ! -s '$TMP/err' ]"
cp "$TMP/out" "$TMP/help"

# man_line GROUP SUB: the .B line of the man page for that command.
man_esc() { printf '%s' "$1" | sed 's/-/\\-/g'; }
drift="$TMP/drift"
: >"$drift"
grep '^  dedi ' "$TMP/help" | sed 's/^  dedi //' | while IFS= read -r line; do
	group=${line%% *}
	rest=${line#"$group"}; rest=${rest# }
	sub=${rest%% *}
	case $sub in ''|\[*|[A-Z]*) sub= ;; esac
	key=$(man_esc "$group${sub:+ $sub}")
	m=$(grep -F ".B $key " "$MAN" | head -1)
	[ -n "$m" ] || m=$(grep -Fx ".B $key" "$MAN" | head -1)
	if [ -z "$m" ]; then echo "no .B $key in dedi.1" >>"$drift"; continue; fi
	for opt in $(printf '%s\n' "$line" | grep -o -- '--[a-z-]*'); do
		printf '%s' "$m" | grep -qF -- "$(man_esc "$opt")" ||
			echo "$group $sub: $opt missing from dedi.1" >>"$drift"
	done
done
check "every usage line of dedi help is in dedi.1 with all its options" sh -c "[ -s '$TMP/help' ] && [ ! -s '$drift' ]"
[ -s "$drift" ] && sed 's/^/# /' "$drift"

: >"$drift"
sed -n '/^\.SH COMMANDS/,/^\.SH OPTIONS/p' "$MAN" | awk 'p == ".TP" && /^\.B [a-z]/; { p = $0 }' | while IFS= read -r m; do
	words=$(printf '%s\n' "$m" | sed 's/^\.B //; s/\\-/-/g; s/\\f[A-Z]//g' | awk '{ w = $1; if ($2 ~ /^[a-z][a-z-]*$/) w = w " " $2; print w }')
	grep -q "^  dedi $words\( \|$\)" "$TMP/help" || echo "dedi.1 has \"$words\", dedi help has not" >>"$drift"
done
check "every command of dedi.1 is in dedi help" sh -c "[ ! -s '$drift' ]"
[ -s "$drift" ] && sed 's/^/# /' "$drift"

for c in "servers list" "servers show" "servers edit" "auth login" "auth list" "auth remove" \
	"auth passwd" "auth import-scw" "vault check"; do
	# shellcheck disable=SC2086
	dedi $c --help
	check "dedi $c --help: its usage on stdout, exit 0" \
		sh -c "[ $rc -eq 0 ] && grep -q '^  dedi $c ' '$TMP/out' && [ \$(grep -c '^  dedi ' '$TMP/out') -eq 1 ] && [ ! -s '$TMP/err' ]"
	# shellcheck disable=SC2086
	dedi help $c
	check "dedi help $c: the same" sh -c "[ $rc -eq 0 ] && grep -q '^  dedi $c ' '$TMP/out' && [ \$(grep -c '^  dedi ' '$TMP/out') -eq 1 ]"
done
dedi servers --help
check "dedi servers --help: the three servers commands" \
	sh -c "[ $rc -eq 0 ] && [ \$(grep -c '^  dedi servers ' '$TMP/out') -eq 3 ] && ! grep -q '^  dedi auth' '$TMP/out'"
dedi help nosuch
check "dedi help nosuch: exit 2, said on stderr" sh -c "[ $rc -eq 2 ] && grep -q 'no command \"nosuch\"' '$TMP/err'"

# No vault yet.
nt "$DEDI" vault check >"$TMP/out" 2>"$TMP/err" </dev/null; rc=$?
check "vault check with no vault: exit 4, says to run dedi auth login" \
	sh -c "[ $rc -eq 4 ] && grep -q 'no vault yet: run dedi auth login' '$TMP/err'"

AK=SCWHELPTEST000000001
SK=00000000-0000-4000-8000-000000004e1b
start_sandbox --access-key "$AK" --secret-key "$SK" || exit 1
PASS="help-test passphrase one"
printf '%s\n' "$PASS" >"$TMP/pass"
printf '%s\n%s\n' "$PASS" "help-test passphrase two" >"$TMP/pass12"
printf 'access_key: %s\nsecret_key: %s\n' "$AK" "$SK" >"$TMP/scw.yaml"
chmod 600 "$TMP/scw.yaml"
nt "$DEDI" auth import-scw "$TMP/scw.yaml" --passphrase-fd 3 3<"$TMP/pass" >"$TMP/out" 2>"$TMP/err" </dev/null; rc=$?
check "a vault with one profile (import-scw, no API call)" sh -c "[ $rc -eq 0 ] && grep -q '^imported default' '$TMP/out'"

nt "$DEDI" servers list >"$TMP/out" 2>"$TMP/err" </dev/null; rc=$?
check "no passphrase available: exit 7, says where one can come from" \
	sh -c "[ $rc -eq 7 ] && grep -q 'no passphrase available' '$TMP/err' && grep -q -- '--passphrase-fd' '$TMP/err'"

pf() { nt "$DEDI" "$@" --passphrase-fd 3 3<"$TMP/pass" >"$TMP/out" 2>"$TMP/err" </dev/null; rc=$?; }
pf servers list --json
id=$(json_ids "$TMP/out" | head -1)
check "servers list --passphrase-fd N: the vault opens, the list prints" sh -c "[ $rc -eq 0 ] && [ -n '$id' ]"
pf servers show "$id"
check "servers show ID --passphrase-fd N" sh -c "[ $rc -eq 0 ] && grep -q '$id' '$TMP/out'"
nt "$DEDI" --dry-run servers edit "$id" --hostname pf.example --passphrase-fd 3 3<"$TMP/pass" >"$TMP/out" 2>"$TMP/err" </dev/null; rc=$?
check "servers edit ID CHANGE --passphrase-fd N (dry run described)" sh -c "[ $rc -eq 0 ] && grep -q 'pf.example' '$TMP/out'"
pf auth list
check "auth list --passphrase-fd N" sh -c "[ $rc -eq 0 ] && grep -q '^\\* default' '$TMP/out'"
pf vault check
check "vault check --passphrase-fd N" sh -c "[ $rc -eq 0 ] && grep -q 'ok, 1 profile' '$TMP/out'"
nt "$DEDI" auth passwd --passphrase-fd 3 3<"$TMP/pass12" >"$TMP/out" 2>"$TMP/err" </dev/null; rc=$?
printf '%s\n' "help-test passphrase two" >"$TMP/pass"
pf auth list
check "auth passwd --passphrase-fd N: the new passphrase opens it" sh -c "[ $rc -eq 0 ] && grep -q '^\\* default' '$TMP/out'"
pf auth remove default
check "auth remove P --passphrase-fd N" sh -c "[ $rc -eq 0 ] && grep -q 'Removed profile default' '$TMP/out'"

# A short new passphrase: warned, not refused.
rm -rf "$XDG_DATA_HOME"
printf 'short\n' >"$TMP/short"
nt "$DEDI" auth import-scw "$TMP/scw.yaml" --passphrase-fd 3 3<"$TMP/short" >"$TMP/out" 2>"$TMP/err" </dev/null; rc=$?
check "a passphrase under 12 characters: a warning, and the vault is made" \
	sh -c "[ $rc -eq 0 ] && grep -q 'warning: the passphrase has 5 characters' '$TMP/err' && [ -f '$XDG_DATA_HOME/dedi/vault' ]"
nt "$DEDI" auth list --passphrase-fd 3 3<"$TMP/short" >"$TMP/out" 2>"$TMP/err" </dev/null; rc=$?
check "opening a vault is not warned about" sh -c "[ $rc -eq 0 ] && [ -s '$TMP/out' ] && ! grep -q warning '$TMP/err'"
rm -rf "$XDG_DATA_HOME"

# The environment's credentials from here on.
export SCW_ACCESS_KEY=$AK SCW_SECRET_KEY=$SK
printf 'theme = dark\ncolour = red\n' >"$XDG_CONFIG_HOME/dedi/config"
chmod 600 "$XDG_CONFIG_HOME/dedi/config"
dedi servers list
check "an unknown config key: a warning with file and line, the command runs" \
	sh -c "[ $rc -eq 0 ] && grep -q 'warning: .*dedi/config:2: unknown key \"colour\"' '$TMP/err' && [ -s '$TMP/out' ]"
printf 'theme = dark\nnonsense\n' >"$XDG_CONFIG_HOME/dedi/config"
nt "$DEDI" auth list --passphrase-fd 3 3<"$TMP/pass" >"$TMP/out" 2>"$TMP/err" </dev/null; rc=$?
check "a line that cannot be read is still an error with file and line" \
	sh -c "[ $rc -ne 0 ] && grep -q 'dedi/config:2: expected' '$TMP/err'"
rm -f "$XDG_CONFIG_HOME/dedi/config"

SCW_API_URL=notaurl dedi servers list
check "SCW_API_URL=notaurl: said invalid, naming the variable; exit 2" \
	sh -c "[ $rc -eq 2 ] && grep -q 'SCW_API_URL=notaurl is not a valid URL' '$TMP/err'"
SCW_API_URL=ftp://x.example dedi servers list
check "SCW_API_URL with another scheme: refused the same way" \
	sh -c "[ $rc -eq 2 ] && grep -q 'SCW_API_URL=ftp://x.example is not a valid URL' '$TMP/err'"
finish
