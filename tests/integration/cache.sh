#!/bin/sh
# The encrypted cache and --offline: an online listing leaves a 0600 cache
# without a secret byte in it; --offline answers from it with no request
# at all (the sandbox counts them) and says its age; a corrupt, foreign or
# future-version cache is discarded with one line and the data is then
# fetched normally; a cache sealed by another vault does not open.
. "$DD_SRCDIR/tests/integration/lib.sh"

export XDG_DATA_HOME="$TMP/x/data" XDG_CONFIG_HOME="$TMP/x/config" \
	XDG_STATE_HOME="$TMP/x/state" XDG_CACHE_HOME="$TMP/x/cache" HOME="$TMP/x/home"
mkdir -p "$HOME"
CACHE="$XDG_CACHE_HOME/dedi/env.cache"
start_sandbox --servers 12 --seed 4 --stats "$TMP/stats" || exit 1
use_both
gets() { sb_count "$TMP/stats" GET; }

dedi servers list --json
cp "$TMP/out" "$TMP/online.json"
# ids_of FILE: the sorted ids of a --json list, one line ("" when none).
ids_of() { json_ids "$1" | sort | tr '\n' ' '; }
want=$(ids_of "$TMP/online.json")
check "an online listing writes the profile's cache, 0600 in a 0700 directory" \
	sh -c "[ $rc -eq 0 ] && [ \"\$(stat -c %a '$CACHE')\" = 600 ] && [ \"\$(stat -c %a '$XDG_CACHE_HOME/dedi')\" = 700 ]"
check "the cache holds no secret byte: neither the secret key nor the token" \
	sh -c "[ -s '$CACHE' ] && ! grep -a -q '$DEMO_SECRET' '$CACHE' && ! grep -a -q '$DEMO_TOKEN' '$CACHE'"
first=$(json_ids "$TMP/online.json" | head -n1)
check "nor the records in clear (the hostnames are sealed)" \
	sh -c "[ -s '$CACHE' ] && host=\$(grep -m1 '\"hostname\"' '$TMP/online.json' | cut -d'\"' -f4) && [ -n \"\$host\" ] && ! grep -a -q \"\$host\" '$CACHE'"

before=$(gets)
dedi servers list --offline --json
after=$(gets)
got=$(ids_of "$TMP/out")
check "servers list --offline lists the same servers as the online listing ($got)" \
	sh -c "[ $rc -eq 0 ] && [ -n '$first' ] && [ '$got' = '$want' ]"
check "and sent no request at all (the sandbox counted $before GETs before, $after after)" \
	sh -c "[ $rc -eq 0 ] && [ '$before' -gt 0 ] && [ '$after' = '$before' ]"
check "it says the cache's age on stderr, stdout stays the document" \
	sh -c "[ $rc -eq 0 ] && grep -q 'offline: servers of profile env as cached \(just now\|[0-9]* s ago\)' '$TMP/err' && head -c1 '$TMP/out' | grep -q '{'"

dedi servers show "$first"
cp "$TMP/out" "$TMP/show.txt"
before=$(gets)
dedi --offline servers show "$first"
after=$(gets)
check "servers show --offline gives the detail last read online, without a request" \
	sh -c "[ $rc -eq 0 ] && grep -q '^price ' '$TMP/out' && diff '$TMP/show.txt' '$TMP/out' >/dev/null && [ '$after' = '$before' ]"
dedi --offline servers show 999999
check "a server the cache does not hold: exit 4, said" \
	sh -c "[ $rc -eq 4 ] && grep -q 'no server 999999 in the cache' '$TMP/err'"
dedi --offline invoices list
check "--offline with a command the cache cannot answer: exit 2, said" \
	sh -c "[ $rc -eq 2 ] && grep -q 'offline works with the console, servers list and servers show' '$TMP/err'"

# A flipped bit in the sealed part.
size=$(stat -c %s "$CACHE")
printf 'X' | dd of="$CACHE" bs=1 seek=$((size - 30)) conv=notrunc 2>/dev/null
dedi servers list --offline
check "a corrupt cache is discarded with one line, then: exit 4, no cache" \
	sh -c "[ $rc -eq 4 ] && grep -q 'discarded the cache of profile env: the cache does not open' '$TMP/err' && [ ! -e '$CACHE' ] && grep -q 'no cache for profile env yet' '$TMP/err' && [ ! -s '$TMP/out' ]"
dedi servers list --json
got=$(ids_of "$TMP/out")
check "the data is then fetched normally and the cache written again" \
	sh -c "[ $rc -eq 0 ] && [ -n '$got' ] && [ '$got' = '$want' ] && [ -s '$CACHE' ]"

head -c 40 "$CACHE" >"$TMP/short" && cat "$TMP/short" >"$CACHE"
dedi servers list --offline
check "a truncated cache is discarded, dedi does not crash" \
	sh -c "[ $rc -eq 4 ] && grep -q 'discarded the cache of profile env: the cache is damaged' '$TMP/err'"

dedi servers list >/dev/null
# The version is the little-endian number after the 8-byte magic.
printf '\011' | dd of="$CACHE" bs=1 seek=8 conv=notrunc 2>/dev/null
dedi servers list --offline
check "a cache of a newer dedi is discarded, said as such" \
	sh -c "[ $rc -eq 4 ] && grep -q 'written by a newer dedi (format 9' '$TMP/err'"

dedi servers list >/dev/null
SCW_API_URL=$(echo "$URL" | sed 's/127.0.0.1/localhost/') dedi servers list --offline
check "a cache of another API endpoint is foreign: discarded" \
	sh -c "[ $rc -eq 4 ] && grep -q 'the cache belongs to another Scaleway API endpoint' '$TMP/err'"

# Vault profiles: the cache is sealed with the vault's key.
unset SCW_ACCESS_KEY SCW_SECRET_KEY DEDI_ONLINE_TOKEN
export DEDI_VAULT_KDF=1:8
printf 'first cache passphrase\n' >"$TMP/p1"
printf 'second cache passphrase\n' >"$TMP/p2"
printf 'SCWDEMO0000000000000\n%s\n%s\n' "$DEMO_SECRET" "$DEMO_TOKEN" >"$TMP/login"
"$DEDI" auth login --passphrase-fd 3 3<"$TMP/p1" <"$TMP/login" >/dev/null 2>&1
dedi --passphrase-fd 3 servers list --json 3<"$TMP/p1"
dedi --offline --passphrase-fd 3 servers list --json 3<"$TMP/p1"
got=$(ids_of "$TMP/out")
check "a vault profile's cache opens with its vault" \
	sh -c "[ $rc -eq 0 ] && [ -s '$XDG_CACHE_HOME/dedi/default.cache' ] && [ -n '$got' ] && [ '$got' = '$want' ]"
mv "$XDG_DATA_HOME/dedi/vault" "$TMP/vault1"
"$DEDI" auth login --passphrase-fd 3 3<"$TMP/p2" <"$TMP/login" >/dev/null 2>&1
dedi --offline --passphrase-fd 3 servers list 3<"$TMP/p2"
check "the same profile in another vault cannot open it: discarded as such, the vault untouched" \
	sh -c "[ $rc -eq 4 ] && grep -q 'sealed by another vault' '$TMP/err' && [ -s '$XDG_DATA_HOME/dedi/vault' ]"
rm -rf "$XDG_CACHE_HOME"
dedi --offline --passphrase-fd 3 servers list 3<"$TMP/p2"
check "no cache at all: exit 4 with the way to make one" \
	sh -c "[ $rc -eq 4 ] && grep -q 'no cache for profile default yet (a servers list without --offline' '$TMP/err'"
finish
