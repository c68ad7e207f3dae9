#!/bin/sh
# -o json|yaml|table|csv on the listings: the same document in each format,
# read back by parsers that are not ours (libyaml, an RFC 4180 reader in
# tests/doc/fmtcheck); --json is -o json; a bad format or a write is refused.
. "$(dirname "$0")/lib.sh"
FMT="$DD_BUILDDIR/tests/doc/fmtcheck"
start_sandbox --servers 12 --seed 7 || exit 1
use_both

# out NAME ARGS...: dedi's stdout kept as $TMP/NAME, its status in $rc.
out() { f=$1; shift; dedi "$@"; cp "$TMP/out" "$TMP/$f"; }

out s.json servers list --json
out s-o.json servers list -o json
nids=$(json_ids "$TMP/s.json" | wc -l)
check "servers list -o json is --json, byte for byte (12 servers)" \
	sh -c "[ $rc -eq 0 ] && cmp -s '$TMP/s.json' '$TMP/s-o.json' && [ $nids -eq 12 ]"
out s.yaml servers list -o yaml
check "servers list -o yaml: libyaml reads the JSON document back" \
	sh -c "[ $rc -eq 0 ] && head -n1 '$TMP/s.yaml' | grep -qx -- --- && '$FMT' yaml '$TMP/s.yaml' '$TMP/s.json'"
out s.csv servers list -o csv
check "servers list -o csv: RFC 4180 rows, one per server, each field as in JSON" \
	sh -c "[ $rc -eq 0 ] && '$FMT' csv '$TMP/s.csv' '$TMP/s.json' | grep -qx '12 rows, [0-9]* columns'"
check "servers list -o csv: the header names the JSON fields" \
	sh -c "head -n1 '$TMP/s.csv' | grep -q '^id,hostname,zone,offer,status,ipv4,'"
out s.table servers list
out s-o.table servers list -o table
check "servers list -o table is the table" \
	sh -c "[ $rc -eq 0 ] && cmp -s '$TMP/s.table' '$TMP/s-o.table' && grep -q '^ID  *HOSTNAME' '$TMP/s.table'"
out g.yaml -o yaml servers list
check "dedi -o yaml servers list (before the command) is the same YAML" \
	sh -c "[ $rc -eq 0 ] && [ -s '$TMP/g.yaml' ] && cmp -s '$TMP/g.yaml' '$TMP/s.yaml'"
out s-eq.csv servers list --output=csv
check "--output=csv is -o csv" \
	sh -c "[ $rc -eq 0 ] && [ -s '$TMP/s-eq.csv' ] && cmp -s '$TMP/s-eq.csv' '$TMP/s.csv'"

out i.json invoices list --json
out i.yaml invoices list -o yaml
check "invoices list -o yaml: libyaml reads the JSON document back" \
	sh -c "[ $rc -eq 0 ] && '$FMT' yaml '$TMP/i.yaml' '$TMP/i.json'"
out i.csv invoices list -o csv
check "invoices list -o csv: one row per invoice, each field as in JSON" \
	sh -c "[ $rc -eq 0 ] && '$FMT' csv '$TMP/i.csv' '$TMP/i.json' | grep -q '^[1-9][0-9]* rows'"
out f.json failover list --json
out f.csv failover list -o csv
check "failover list -o csv: one row per failover IP, each field as in JSON" \
	sh -c "[ $rc -eq 0 ] && '$FMT' csv '$TMP/f.csv' '$TMP/f.json' | grep -q '^[1-9][0-9]* rows'"
# (billing consumption accrues by the second: its YAML is read back from rpn list's)
out r.json rpn list --json
out r.yaml rpn list -o yaml
check "rpn list -o yaml: libyaml reads the JSON document back (groups, members)" \
	sh -c "[ $rc -eq 0 ] && grep -q '^  - id: ' '$TMP/r.yaml' && '$FMT' yaml '$TMP/r.yaml' '$TMP/r.json'"
out b.csv billing consumption -o csv
check "billing consumption -o csv: two lists, a first column names each row's" \
	sh -c "[ $rc -eq 0 ] && head -n1 '$TMP/b.csv' | grep -q '^list,' && grep -q '^taxes,' '$TMP/b.csv' && grep -q '^consumptions,' '$TMP/b.csv'"

g2=$(sed -n '/"rpnv2_groups"/,$p' "$TMP/r.json" | sed -n 's/^      "id": \([0-9]*\),$/\1/p' | head -n1)
out l.json rpn v2 logs "$g2" --json
out l.csv rpn v2 logs "$g2" -o csv
check "rpn v2 logs -o csv: one row per log line of group $g2, each field as in JSON" \
	sh -c "[ $rc -eq 0 ] && head -n1 '$TMP/l.csv' | grep -q '^id,action,status,' && '$FMT' csv '$TMP/l.csv' '$TMP/l.json' | grep -q '^[1-9][0-9]* rows'"
out k.json link check --json
out k.yaml link check -o yaml
check "link check -o yaml: libyaml reads the report back, the verdict's exit code kept" \
	sh -c "[ $rc -eq 0 ] && grep -q '^status: linked' '$TMP/k.yaml' && '$FMT' yaml '$TMP/k.yaml' '$TMP/k.json'"
# a vault with one profile, for auth list
export XDG_DATA_HOME="$TMP/data" XDG_CONFIG_HOME="$TMP/config" DEDI_VAULT_KDF=1:8
printf 'correct horse battery staple\n' >"$TMP/pass"
printf 'SCWDEMO0000000000000\n%s\n%s\n' "$DEMO_SECRET" "$DEMO_TOKEN" >"$TMP/login"
(unset SCW_ACCESS_KEY SCW_SECRET_KEY DEDI_ONLINE_TOKEN
 "$DEDI" auth login --profile work --passphrase-fd 3 3<"$TMP/pass" <"$TMP/login" >/dev/null 2>&1)
out a.json auth list --json --passphrase-fd 3 3<"$TMP/pass"
out a.yaml auth list -o yaml --passphrase-fd 3 3<"$TMP/pass"
check "auth list -o yaml: libyaml reads the profile list back, keys masked" \
	sh -c "[ $rc -eq 0 ] && grep -q 'work' '$TMP/a.yaml' && ! grep -q '$DEMO_SECRET' '$TMP/a.yaml' && '$FMT' yaml '$TMP/a.yaml' '$TMP/a.json'"
dedi servers list -o xml
check "-o xml: usage error (exit 2) that names the formats, nothing printed" \
	sh -c "[ $rc -eq 2 ] && grep -q 'json, yaml, table or csv' '$TMP/err' && [ ! -s '$TMP/out' ]"
id=$(json_ids "$TMP/s.json" | head -n1)
dedi servers show "${id:-1}" -o csv
check "servers show -o csv: one record is no list, said (exit 2)" \
	sh -c "[ $rc -eq 2 ] && grep -q 'no list to write as CSV' '$TMP/err' && [ ! -s '$TMP/out' ]"
dedi -o yaml servers edit 1 --hostname x
check "dedi -o yaml servers edit: refused (exit 2), a write prints no listing" \
	sh -c "[ $rc -eq 2 ] && grep -q 'prints no listing' '$TMP/err'"

# Hostile strings: quoted in YAML, and no control character reaches CSV.
start_sandbox --servers 9 --seed 3 --hostile || exit 1
out h.json servers list --json
out h.yaml servers list -o yaml
check "hostile names: -o yaml quotes them and libyaml reads back the same strings" \
	sh -c "[ $rc -eq 0 ] && grep -q '^    hostname: \"' '$TMP/h.yaml' && '$FMT' yaml '$TMP/h.yaml' '$TMP/h.json'"
out h.csv servers list -o csv
check "hostile names: -o csv holds no control character, 9 rows of RFC 4180" \
	sh -c "[ $rc -eq 0 ] && ! LC_ALL=C grep -q \"\$(printf '[\\001-\\010\\013\\014\\016-\\037\\177]')\" '$TMP/h.csv' && [ \$(grep -c \"\$(printf '\\r')\$\" '$TMP/h.csv') -ge 10 ] && grep -q \"\$(printf '\\357\\277\\275')\" '$TMP/h.csv'"
finish
