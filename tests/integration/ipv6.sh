#!/bin/sh
# dedi ipv6: the quotas and the /48 block, the free subnets (computed by
# core/netcalc from the carved ones), carving /56 and /64 subnets,
# deleting them, the delegation's name servers, ordering a block; each
# refusal, before sending (the client) and after (the API).
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
AUDIT="$XDG_STATE_HOME/dedi/audit.jsonl"
STATS="$TMP/stats"
writes() { sb_count "$STATS" writes; }

start_sandbox --servers 6 --seed 3 --stats "$STATS" || exit 1
use_scw

dedi ipv6 show
check "show: the quotas and the block" \
	sh -c "grep -q '^quota /56: 6\$' '$TMP/out' && grep -q '^block: 2001:bc8:a925::/48 (id 9100001)\$' '$TMP/out' && grep -q '^delegation: done\$' '$TMP/out'"
dedi ipv6 show --json
check "show --json: block, subnets and quotas" \
	sh -c "grep -q '\"address\": \"2001:bc8:a925::\"' '$TMP/out' && grep -q '\"cidr\": 64' '$TMP/out'"
dedi ipv6 subnets
check "subnets: the carved /56s and their /64" \
	sh -c "grep -Eq '^9100002 +2001:bc8:a925:100::/56 +9100001 ' '$TMP/out' && grep -Eq '^9100004 +2001:bc8:a925:101::/64 +9100002 ' '$TMP/out'"

# the picker's list: free /56s of the /48, free /64s of the carved /56s
dedi ipv6 subnets --free 56 --limit 3
check "free /56: 256 less the 2 carved, lowest first" \
	sh -c "[ \"\$(head -n3 '$TMP/out' | tr '\n' ' ')\" = '2001:bc8:a925::/56 2001:bc8:a925:300::/56 2001:bc8:a925:400::/56 ' ] && grep -q '^254 free /56\$' '$TMP/out'"
dedi ipv6 subnets --free 64 --limit 2 --json
check "free /64 --json: 512 less the carved /64, as a document" \
	sh -c "grep -q '\"free_total\": 511' '$TMP/out' && grep -q '\"2001:bc8:a925:100::/64\"' '$TMP/out'"

# carving: the client's refusals, each next to its field, nothing sent
w=$(writes)
dedi ipv6 subnet-create 2001:bc8:a926::/56
check "create: outside the block is refused (address)" sh -c "[ $rc -eq 2 ] && grep -q '^dedi: address: .*outside the block 2001:bc8:a925::/48' '$TMP/err'"
dedi ipv6 subnet-create 2001:bc8:a925:100::/56
check "create: a carved prefix is refused (overlap)" sh -c "[ $rc -eq 2 ] && grep -q 'overlaps the subnet 2001:bc8:a925:100::/56' '$TMP/err'"
dedi ipv6 subnet-create 2001:bc8:a925:180::/57
check "create: only /56 and /64" sh -c "[ $rc -eq 2 ] && grep -q 'are /56 or /64' '$TMP/err'"
dedi ipv6 subnet-create 2001:bc8:a925:ff00::/64
check "create: a /64 outside every carved /56 is refused" sh -c "[ $rc -eq 2 ] && grep -q 'carve its /56 first' '$TMP/err'"
dedi ipv6 subnet-create 2001:bc8:a925:101::/64
check "create: the carved /64 is refused too" sh -c "[ $rc -eq 2 ] && grep -q 'overlaps the subnet 2001:bc8:a925:101::/64' '$TMP/err'"
dedi ipv6 subnet-create 2001:bc8:a925:100::1/64
check "create: host bits set are refused" sh -c "[ $rc -eq 2 ] && grep -q '^dedi: address: ' '$TMP/err'"
check "create: none of the refusals sent anything (and the last one was told)" \
	sh -c "[ $(writes) -eq $w ] && grep -q '^dedi: address: ' '$TMP/err'"
check "create: the API refuses an overlap too (409 already_exists) # sandbox-only" \
	sh -c "curl -s -X POST -H 'X-Auth-Token: $DEMO_SECRET' -H 'Content-Type: application/json' \
		-d '{\"address\":\"2001:bc8:a925:100::\",\"cidr\":56}' '$URL/dedibox/v1/ipv6-blocks/9100001/subnets' | grep -q already_exists"

# carving: done
w=$(writes)
dedi --dry-run ipv6 subnet-create --next 56
check "create --next --dry-run: the first free /56 in the POST, nothing sent" \
	sh -c "[ $rc -eq 0 ] && grep -qF '{\"address\":\"2001:bc8:a925::\",\"cidr\":56}' '$TMP/out' && [ $(writes) -eq $w ]"
dedi ipv6 subnet-create --next 56
check "create --next 56: done" sh -c "[ $rc -eq 0 ] && grep -q 'Carve the subnet 2001:bc8:a925::/56: done' '$TMP/out'"
dedi ipv6 subnet-create 2001:bc8:a925:ab::/64
check "create a /64 inside the new /56: done" sh -c "[ $rc -eq 0 ] && grep -q 'done' '$TMP/out'"
dedi ipv6 subnets
check "subnets: both new ones listed, the /64 under the /56" \
	sh -c "grep -Eq '^9100005 +2001:bc8:a925::/56 ' '$TMP/out' && grep -Eq '^9100006 +2001:bc8:a925:ab::/64 +9100005 ' '$TMP/out'"
check "create: intent and outcome audited" \
	sh -c "grep -q '\"phase\":\"intent\",\"method\":\"POST\",\"url\":\"[^\"]*/ipv6-blocks/9100005/subnets\"' '$AUDIT' && grep -q '\"phase\":\"outcome\",\"method\":\"POST\",\"url\":\"[^\"]*/ipv6-blocks/9100005/subnets\",\"status\":200' '$AUDIT'"

# the /64 quota (one per failover IP: 4) is the API's to refuse
dedi ipv6 subnet-create 2001:bc8:a925:ac::/64
dedi ipv6 subnet-create 2001:bc8:a925:ad::/64
dedi ipv6 subnet-create 2001:bc8:a925:ae::/64
check "create: over the /64 quota, the API's quotas_exceeded is told" \
	sh -c "[ $rc -ne 0 ] && grep -qi 'quota' '$TMP/err'"

# delete
dedi ipv6 subnet-delete 2001:bc8:a925::/56 --yes --confirm=2001:bc8:a925::/56
check "delete: a /56 that holds /64s is refused" sh -c "[ $rc -eq 2 ] && grep -q 'delete its /64s first' '$TMP/err'"
dedi ipv6 subnet-delete 2001:bc8:a925:ab::/64
check "delete: refused without --yes --confirm" sh -c "[ $rc -eq 2 ] && grep -q 'confirm=2001:bc8:a925:ab::/64' '$TMP/err'"
dedi ipv6 subnet-delete 2001:bc8:a925:ab::/64 --yes --confirm=2001:bc8:a925:ab::/64
check "delete: done" sh -c "[ $rc -eq 0 ] && grep -q 'Delete the subnet 2001:bc8:a925:ab::/64 (id 9100006): done' '$TMP/out'"
dedi ipv6 subnet-delete 9100006 --yes --confirm=9100006
check "delete: a subnet that is gone is not found (4)" sh -c "[ $rc -eq 4 ] && grep -q 'not a carved subnet' '$TMP/err'"

# delegation
dedi ipv6 delegation ns1.example.com
check "delegation: one name server is refused" sh -c "[ $rc -eq 2 ] && grep -q '^dedi: name servers: ' '$TMP/err'"
dedi ipv6 delegation ns1.example.com,bad_name
check "delegation: an invalid name is refused" sh -c "[ $rc -eq 2 ] && grep -q '^dedi: name servers: ' '$TMP/err'"
dedi ipv6 delegation ns1.example.com,ns2.example.com
check "delegation: done" sh -c "[ $rc -eq 0 ] && grep -q 'to ns1.example.com,ns2.example.com: done' '$TMP/out'"
dedi ipv6 show
check "delegation: show lists the name servers" grep -q '^nameservers: ns1.example.com, ns2.example.com$' "$TMP/out"
dedi ipv6 delegation --none
check "delegation --none: done, no name servers" sh -c "[ $rc -eq 0 ] && '$DEDI' ipv6 show | grep -q '^nameservers: none\$'"

# ordering a block: the account has one
dedi ipv6 order
check "order: refused, the account has its /48" sh -c "[ $rc -eq 2 ] && grep -q 'already has its /48 block 2001:bc8:a925::/48' '$TMP/err'"

# Online only: says where IPv6 lives
use_online
dedi ipv6 show
check "online only: IPv6 needs Scaleway keys, said so" sh -c "[ $rc -ne 0 ] && grep -qi 'scaleway\\|SCW_SECRET_KEY' '$TMP/err'"

finish
