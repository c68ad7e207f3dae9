#!/bin/sh
# Online v1 conditional reads (issue 24): the sandbox sends an ETag of each
# answer's bytes and honours If-None-Match (RFC 9110: one tag, a list, *,
# weak comparison) with a bodiless 304. dedi keeps each server's ETag and
# body in the encrypted cache, so a second `servers list` with an Online
# token gets 304 for every unchanged server and prints the same document;
# a server changed by a write or by the sandbox clock is read in full, and
# only it; a damaged cache is said in one line and everything is read.
. "$DD_SRCDIR/tests/integration/lib.sh"

export XDG_DATA_HOME="$TMP/x/data" XDG_CONFIG_HOME="$TMP/x/config" \
	XDG_STATE_HOME="$TMP/x/state" XDG_CACHE_HOME="$TMP/x/cache" HOME="$TMP/x/home"
mkdir -p "$HOME"
CACHE="$XDG_CACHE_HOME/dedi/env.cache"
start_sandbox --servers 40 --seed 4 --stats "$TMP/stats" || exit 1
use_online
AUTH="Authorization: Bearer $DEMO_TOKEN"
gets() { sb_count "$TMP/stats" GET; }
n304() { sb_count "$TMP/stats" not_modified; }

# ---- the sandbox alone, with curl ----
first_ref=$(curl -s -H "$AUTH" "$URL/api/v1/server" | tr ',' '\n' | head -n1 | sed 's|.*/server/\([0-9]*\).*|\1|')
SRV="$URL/api/v1/server/$first_ref"
# head_of [HEADERS...]: status line and headers of a GET of $SRV in $TMP/h, body in $TMP/b
head_of() { rm -f "$TMP/b"; curl -s -D "$TMP/h" -o "$TMP/b" -H "$AUTH" "$@" "$SRV"; tr -d '\r' <"$TMP/h" >"$TMP/h2"; }
head_of
tag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: //p' "$TMP/h2")
check "an Online read carries a strong ETag, quoted ($tag) # sandbox-only" \
	sh -c "grep -q '^HTTP/1.1 200' '$TMP/h2' && echo '$tag' | grep -q '^\"[0-9a-f-]*\"\$'"
head_of -H "If-None-Match: $tag"
same_tag() { grep -qxF "ETag: $tag" "$TMP/h2"; }
not_modified() { grep -q '^HTTP/1.1 304' "$TMP/h2" && [ ! -s "$TMP/b" ] && same_tag; }
check "If-None-Match with that tag: 304, no body, the same ETag # sandbox-only" not_modified
# RFC 9110 8.6: a 304 carries no Content-Length, or only the 200's.
no_length() { grep -q '^HTTP/1.1 304' "$TMP/h2" && ! grep -qi '^Content-Length:' "$TMP/h2"; }
check "the 304 carries no Content-Length (never libmicrohttpd's 0) # sandbox-only" no_length
head_of -H "If-None-Match: W/$tag"
check "a weak W/ tag matches too (weak comparison for GET) # sandbox-only" grep -q '^HTTP/1.1 304' "$TMP/h2"
head_of -H "If-None-Match: \"nope\", $tag"
check "a list that names the tag: 304 # sandbox-only" grep -q '^HTTP/1.1 304' "$TMP/h2"
head_of -H "If-None-Match: *"
check "*: 304 for a server that exists # sandbox-only" grep -q '^HTTP/1.1 304' "$TMP/h2"
head_of -H 'If-None-Match: "nope"'
check "another tag: 200 with the whole body # sandbox-only" \
	sh -c "grep -q '^HTTP/1.1 200' '$TMP/h2' && grep -q '\"hostname\"' '$TMP/b'"
head_of -H "If-None-Match: ${tag%\"}"
check "a malformed tag matches nothing: 200 # sandbox-only" grep -q '^HTTP/1.1 200' "$TMP/h2"
curl -s -D "$TMP/h" -o "$TMP/b" -H "$AUTH" -H 'If-None-Match: *' "$URL/api/v1/server/999999"
check "If-None-Match on an unknown server: still its 404 # sandbox-only" \
	sh -c "tr -d '\r' <'$TMP/h' | grep -q '^HTTP/1.1 404' && grep -q '\"code\": *5' '$TMP/b'"
curl -s -o /dev/null -X PUT -H "$AUTH" -d "hostname=etag-changed.example" "$SRV"
head_of -H "If-None-Match: $tag"
new_tag() { grep -q '^HTTP/1.1 200' "$TMP/h2" && grep -q '^ETag: "' "$TMP/h2" && ! same_tag && grep -q 'etag-changed.example' "$TMP/b"; }
check "a write changes the server's ETag: the old tag gets 200 and a new ETag # sandbox-only" new_tag

# ---- dedi ----
# full_bodies BEFORE_GETS BEFORE_304: Online server bodies sent whole since
# (the reference list is one whole body of its own).
full_bodies() { echo $(( $(gets) - $1 - ($(n304) - $2) - 1 )); }
nref=$(curl -s -H "$AUTH" "$URL/api/v1/server" | tr ',' '\n' | grep -c '/api/v1/server/')

g=$(gets); m=$(n304)
dedi servers list --json
cp "$TMP/out" "$TMP/first.json"
full=$(full_bodies "$g" "$m")
check "first listing: every server read in full ($full of $nref), none conditional" \
	sh -c "[ $rc -eq 0 ] && [ $nref -gt 10 ] && [ $full -eq $nref ] && [ $(n304) -eq $m ] && [ -s '$CACHE' ]"

g=$(gets); m=$(n304)
dedi servers list --json
full=$(full_bodies "$g" "$m"); got=$(( $(n304) - m ))
check "second listing: a 304 for each of the $nref servers ($got), no body sent again ($full)" \
	sh -c "[ $rc -eq 0 ] && [ $got -eq $nref ] && [ $full -eq 0 ]"
check "and the same document as the first" \
	sh -c "[ $rc -eq 0 ] && [ -s '$TMP/out' ] && cmp -s '$TMP/first.json' '$TMP/out'"

# A write through dedi changes one server: only it comes back whole.
id=$(json_ids "$TMP/first.json" | sed -n 3p)
dedi servers edit "$id" --hostname etag-edit.example
edited=$rc
g=$(gets); m=$(n304)
dedi servers list --json
full=$(full_bodies "$g" "$m"); got=$(( $(n304) - m ))
check "after editing server $id: exactly that one read in full ($full), the others 304 ($got)" \
	sh -c "[ $edited -eq 0 ] && [ $rc -eq 0 ] && [ $full -eq 1 ] && [ $got -eq $((nref - 1)) ]"
check "and its new hostname shows" \
	sh -c "[ $rc -eq 0 ] && grep -q '\"hostname\": \"etag-edit.example\"' '$TMP/out'"
cp "$TMP/out" "$TMP/edited.json"

# The sandbox clock finishes the installations under way: those servers,
# and only those, change.
installing=$(grep -c '"status": "installing"' "$TMP/edited.json")
curl -s -o /dev/null -X POST "$URL/__sandbox/advance?seconds=86400"
g=$(gets); m=$(n304)
dedi servers list --json
full=$(full_bodies "$g" "$m")
now_installing=$(grep -c '"status": "installing"' "$TMP/out")
check "after __sandbox/advance: the $installing installing servers read in full ($full), now installed" \
	sh -c "[ $rc -eq 0 ] && [ $installing -ge 1 ] && [ $full -eq $installing ] && [ $now_installing -eq 0 ]"

# A flipped bit in the sealed part.
size1=$(stat -c %s "$CACHE")
printf 'X' | dd of="$CACHE" bs=1 seek=$((size1 - 30)) conv=notrunc 2>/dev/null
g=$(gets); m=$(n304)
dedi servers list --json
full=$(full_bodies "$g" "$m")
check "a damaged cache: one line says it is discarded, every server read in full ($full)" \
	sh -c "[ $rc -eq 0 ] && [ \$(grep -c 'discarded the cache of profile env' '$TMP/err') -eq 1 ] && [ \$(wc -l <'$TMP/err') -eq 1 ] && [ $full -eq $nref ] && [ $(n304) -eq $m ]"
check "and the listing is whole, the cache written again" \
	sh -c "[ $rc -eq 0 ] && [ \$(grep -cE '^      \"id\": [0-9]+,\$' '$TMP/out') -eq $nref ] && [ -s '$CACHE' ]"
g=$(gets); m=$(n304)
dedi servers list --json
check "then the next listing is conditional again ($(( $(n304) - m )) 304s)" \
	sh -c "[ $rc -eq 0 ] && [ $(( $(n304) - m )) -eq $nref ]"

finish
