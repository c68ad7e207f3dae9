#!/bin/sh
# Every hostile string of the sandbox's --hostile world (58: escape
# sequences, C1 controls, CR, backspace, bidi overrides, zero-width and tag
# characters, invalid and overlong UTF-8, \u0000 and unpaired surrogate
# escapes, 10 KB names) as hostnames, tags, reverses and RPN group names,
# through the commands' human, JSON, YAML and CSV outputs: no control
# character in human output, JSON that parses back, one CSV row a server.
. "$(dirname "$0")/lib.sh"

for tool in python3 jq curl; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool is not installed (apt-get install $tool)"
		exit 0
	fi
done
FMT="$DD_BUILDDIR/tests/doc/fmtcheck"

# What a terminal would act on: C0 but LF, DEL, C1 as UTF-8 or raw, bidi
# embeddings, overrides and isolates, tag characters.
cat >"$TMP/cleancheck.py" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
bad = [c for c in b if (c < 0x20 and c != 0x0a) or c == 0x7f]
t = b.decode("utf-8", "replace")
bad += [ch for ch in t if 0x80 <= ord(ch) <= 0x9f or 0x202a <= ord(ch) <= 0x202e
        or 0x2066 <= ord(ch) <= 0x2069 or 0xe0000 <= ord(ch) <= 0xe007f]
if bad:
    print("# %d control characters, first: %r" % (len(bad), bad[:5]))
sys.exit(1 if bad else 0)
PY
cat >"$TMP/jsoncheck.py" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
if len(sys.argv) > 2:
    s = d["servers"]
    assert len(s) == int(sys.argv[2]), len(s)
    h = [x["hostname"] for x in s]
    assert all(isinstance(x, str) for x in h)
    if len(sys.argv) > 3:
        assert any(x.startswith("nul") and x.endswith("byte") for x in h), "no nul name"
        assert any(x.startswith("lone") and x.endswith("high") for x in h), "no surrogate name"
PY
cat >"$TMP/csvcheck.py" <<'PY'
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert not [c for c in raw if (c < 0x20 and c not in (9, 10, 13)) or c == 0x7f], "control byte"
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) == int(sys.argv[2]), len(rows)
PY
# clean FILE: dedi succeeded, FILE is not empty and holds no control character.
clean() { [ "$rc" -eq 0 ] && [ -s "$1" ] && python3 "$TMP/cleancheck.py" "$1"; }
json_ok() { [ "$rc" -eq 0 ] && python3 "$TMP/jsoncheck.py" "$@"; }
table_ok() { clean "$1" && [ "$(wc -l <"$1")" -ge 61 ] && grep -q 'red-alert' "$1"; }
csv_ok() { [ "$rc" -eq 0 ] && python3 "$TMP/csvcheck.py" "$1" 61; }
yaml_ok() { [ "$rc" -eq 0 ] && [ -s "$1" ] && "$FMT" yaml "$1" "$2"; }

start_sandbox --servers 60 --seed 11 --hostile || exit 1
use_both
dedi servers list
cp "$TMP/out" "$TMP/list.txt"
check "servers list: 60 hostile servers, no control character in the table" table_ok "$TMP/list.txt"
LC_ALL=C dedi servers list
cp "$TMP/out" "$TMP/list-c.txt"
check "servers list in the C locale: no control character either" table_ok "$TMP/list-c.txt"
dedi servers list --json
cp "$TMP/out" "$TMP/list.json"
check "servers list --json: valid JSON, 60 servers, each hostname a string" json_ok "$TMP/list.json" 60
check "servers list --json: the \\u0000 and unpaired surrogate names arrive in valid JSON" \
	json_ok "$TMP/list.json" 60 escapes
dedi servers list -o yaml
cp "$TMP/out" "$TMP/list.yaml"
check "servers list -o yaml: libyaml reads back the JSON's strings" yaml_ok "$TMP/list.yaml" "$TMP/list.json"
dedi servers list -o csv
cp "$TMP/out" "$TMP/list.csv"
check "servers list -o csv: 61 records of RFC 4180, no control character but TAB and CRLF" csv_ok "$TMP/list.csv"

# Every server's detail (tags, reverses, options) in human form.
json_ids "$TMP/list.json" >"$TMP/ids"
: >"$TMP/shows.txt"
bad=0
while read -r id; do
	dedi servers show "$id"
	[ "$rc" -eq 0 ] || bad=$((bad + 1))
	cat "$TMP/out" >>"$TMP/shows.txt"
done <"$TMP/ids"
shows_ok() { [ "$bad" -eq 0 ] && [ "$(wc -l <"$TMP/ids")" -eq 60 ] && rc=0 && clean "$TMP/shows.txt"; }
check "servers show of all 60: exit 0, no control character in any" shows_ok
dedi servers show "$(sed -n 45p "$TMP/ids")" --json
check "servers show --json: valid JSON" json_ok "$TMP/out"

# servers show --json carries each IP's reverse as the API sent it (JSON
# escapes, never the display form): compared with curl of the same route,
# for every server whose API reverse is set. The human form of the same
# servers is checked above (no ESC, C1 or bidi byte).
# safe_json: the sandbox sends lone surrogate escapes (hostnames) that jq
# 1.6 refuses; each becomes U+FFFD, which the comparison leaves out.
safe_json() { sed 's/\\u[dD][89a-fA-F][0-9a-fA-F][0-9a-fA-F]/\\ufffd/g'; }
api_get() { curl -s -H "X-Auth-Token: $DEMO_SECRET" "$URL$1" | safe_json; }
cat >"$TMP/revcmp.jq" <<'JQ'
# $api: the sandbox's answer; input: dedi's server. One line an address
# whose reverse a C string holds (no NUL, valid UTF-8, no lone surrogate):
# "hostile"/"same" when dedi prints it byte for byte, "DIFF ..." if not.
def plain: explode | all(. != 0 and . != 65533 and (. < 55296 or . > 57343));
def odd: explode | any(. < 32 or (. >= 127 and . <= 159) or (. >= 8203 and . <= 8303) or . == 173);
def revs: [.interfaces[]?.ips[]? | {key: .address, value: (.reverse // "")}] | from_entries;
($api[0] | revs) as $want | (.server | revs) as $got
| $want | to_entries[] | select(.value != "" and (.value | plain))
| if $got[.key] == .value then (if .value | odd then "hostile" else "same" end)
  else "DIFF \(.value | tojson) shown as \($got[.key] | tojson)" end
JQ
: >"$TMP/revs"
nshow=0
while read -r id; do
	zone=$(jq -r ".servers[] | select(.id == $id) | .zone" "$TMP/list.json")
	api_get "/dedibox/v1/zones/$zone/servers/$id" >"$TMP/api-srv.json"
	jq -e '[.interfaces[]?.ips[]?.reverse // "" | select(. != "")] | length > 0' "$TMP/api-srv.json" >/dev/null || continue
	dedi servers show "$id" --json
	[ "$rc" -eq 0 ] || echo "DIFF: servers show $id --json exited $rc" >>"$TMP/revs"
	jq -r --slurpfile api "$TMP/api-srv.json" -f "$TMP/revcmp.jq" "$TMP/out" >>"$TMP/revs" ||
		echo "DIFF: jq failed on server $id" >>"$TMP/revs"
	nshow=$((nshow + 1))
done <"$TMP/ids"
raw_revs() {
	grep '^DIFF' "$TMP/revs" | head -n3 | sed 's/^/# /'
	[ "$nshow" -ge 10 ] && ! grep -q '^DIFF' "$TMP/revs" && [ "$(grep -c '^hostile$' "$TMP/revs")" -ge 3 ]
}
check "servers show --json: each IP reverse is the API's raw value, hostile ones included" raw_revs

# Reverses and RPN group names are hostile too.
dedi failover list
cp "$TMP/out" "$TMP/fo.txt"
check "failover list: no control character" clean "$TMP/fo.txt"
dedi failover list --json
cp "$TMP/out" "$TMP/fo.json"
check "failover list --json: valid JSON" json_ok "$TMP/fo.json"
# The machine output carries the API's reverse as it was sent (JSON-escaped),
# never the display form of the human output (\u{200E} spelled out).
cat >"$TMP/rawcheck.py" <<'PY'
import json, sys, urllib.request
url, token, mine = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3], encoding="utf-8"))
api = {}
for z in ("fr-par-1", "fr-par-2", "nl-ams-1"):
    page = 1
    while True:
        q = urllib.request.Request("%s/dedibox/v1/zones/%s/failover-ips?page=%d&page_size=100" % (url, z, page),
                                   headers={"X-Auth-Token": token})
        d = json.loads(urllib.request.urlopen(q).read().decode("utf-8", "replace"))
        for f in d["failover_ips"]:
            api[f["id"]] = f.get("reverse") or ""
        if page * 100 >= d["total_count"]:
            break
        page += 1
def plain(s):  # what a C string holds, as sent: no NUL, no lone surrogate, valid UTF-8
    return "\0" not in s and "\ufffd" not in s and not any(0xd800 <= ord(c) <= 0xdfff for c in s)
got = {f["id"]: f.get("reverse") or "" for f in mine["failover_ips"]}
assert got and set(got) <= set(api), "ids"
same = [i for i in got if plain(api[i]) and got[i] == api[i]]
hostile = [i for i in same if any(ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f or 0x200b <= ord(c) <= 0x206f for c in api[i])]
wrong = [(api[i], got[i]) for i in got if plain(api[i]) and got[i] != api[i]]
if wrong:
    print("# %d reverses differ from the API's, first: %r" % (len(wrong), wrong[0]))
assert not wrong and len(hostile) >= 3, (len(same), len(hostile))
PY
raw_ok() { [ "$rc" -eq 0 ] && python3 "$TMP/rawcheck.py" "$URL" "$DEMO_SECRET" "$TMP/fo.json"; }
check "failover list --json: each reverse is the API's raw value, hostile ones included" raw_ok
dedi rpn list
cp "$TMP/out" "$TMP/rpn.txt"
check "rpn list: no control character" clean "$TMP/rpn.txt"
dedi rpn list --json
check "rpn list --json: valid JSON" json_ok "$TMP/out"
# Group names, owners and member hostnames as the API sent them: hostile
# characters JSON-escaped, never the console's \u{...} spelling.
cat >"$TMP/rpnraw.py" <<'PY'
import json, sys
def strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for x in v.values():
            yield from strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)
s = list(strings(json.load(open(sys.argv[1], encoding="utf-8"))))
shown = [x for x in s if "\\u{" in x]
raw = [x for x in s if any(ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f or 0x200b <= ord(c) <= 0x206f for c in x)]
if shown:
    print("# %d display forms, first: %r" % (len(shown), shown[0]))
assert not shown and len(raw) >= 3, (len(shown), len(raw))
PY
rpn_raw() { [ "$rc" -eq 0 ] && python3 "$TMP/rpnraw.py" "$TMP/out"; }
check "rpn list --json: names carry the API's values, hostile ones escaped by JSON" rpn_raw

# rpn v2 logs --json: each line's member hostname is the API's, byte for
# byte (the human form, checked for control characters, spells them).
gid=$(jq -r '.rpnv2_groups[0].id' "$TMP/out")
api_get "/dedibox/v1/rpnv2/groups/$gid/logs?page=1&page_size=100&order_by=created_at_asc" >"$TMP/api-logs.json"
dedi rpn v2 logs "$gid" --json
cp "$TMP/out" "$TMP/logs.json"
cat >"$TMP/logcmp.jq" <<'JQ'
def plain: explode | all(. != 0 and . != 65533 and (. < 55296 or . > 57343));
def odd: explode | any(. < 32 or (. >= 127 and . <= 159) or (. >= 8203 and . <= 8303) or . == 173);
([$api[0].logs[] | {key: (.id | tostring), value: (.member.server.hostname // "")}] | from_entries) as $want
| ([.logs[] | {key: (.id | tostring), value: .hostname}] | from_entries) as $got
| $want | to_entries[] | select(.value != "" and (.value | plain))
| if $got[.key] == .value then (if .value | odd then "hostile" else "same" end)
  else "DIFF \(.value | tojson) shown as \($got[.key] | tojson)" end
JQ
raw_logs() {
	[ "$rc" -eq 0 ] || return 1
	jq -r --slurpfile api "$TMP/api-logs.json" -f "$TMP/logcmp.jq" "$TMP/logs.json" >"$TMP/logrevs" || return 1
	grep '^DIFF' "$TMP/logrevs" | head -n3 | sed 's/^/# /'
	! grep -q '^DIFF' "$TMP/logrevs" && [ "$(grep -c '^hostile$' "$TMP/logrevs")" -ge 2 ]
}
check "rpn v2 logs --json: member hostnames are the API's raw values, hostile ones escaped by JSON" raw_logs
dedi rpn v2 logs "$gid"
check "rpn v2 logs: no control character in the human form" clean "$TMP/out"
finish
