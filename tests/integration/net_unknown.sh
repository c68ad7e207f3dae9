#!/bin/sh
# Unknown outcomes of network writes: the sandbox applies the write, then
# cuts the connection (POST /__sandbox/cut-next-write). dedi says "outcome
# unknown", re-reads the target and tells the reconciled state, audits it,
# and never sends the write again: a failover move (cut on its detach; the
# Online move's one edit), an attach, an IPv6 subnet creation.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
AUDIT="$XDG_STATE_HOME/dedi/audit.jsonl"
STATS="$TMP/stats"
writes() { sb_count "$STATS" writes; }
cut() { curl -s -X POST "$URL/__sandbox/cut-next-write" >/dev/null; }

start_sandbox --servers 6 --seed 3 --stats "$STATS" || exit 1
use_scw
# seed 3: 212.129.0.2 (2000001) routed to 100021 with the kvm MAC
# 52:54:00:00:00:01; 100025 (62.210.0.2) in fr-par-1; the /48
# 2001:bc8:a925::/48 with 2001:bc8:a925:100::/56 and :200::/56 carved.

# --- a move whose first write (the detach) is cut
w=$(writes)
cut
dedi failover move 212.129.0.2 100025 --yes --confirm=212.129.0.2
check "move, detach cut: network exit (5), outcome unknown, the re-read's state told" \
	sh -c "[ $rc -eq 5 ] && grep -q 'outcome unknown.*re-read: failover IP 212.129.0.2 is not routed' '$TMP/err'"
check "move, detach cut: the move stops there and says how to finish it" \
	sh -c "grep -q 'the move stopped there, nothing sent again (finish it with dedi failover attach 212.129.0.2 100025' '$TMP/err' && ! grep -q 'still routed to the old server' '$TMP/err'"
check "move, detach cut: sent once, and no attach sent on a guess" [ "$(writes)" -eq $((w + 1)) ]
check "move, detach cut: the audit's outcome is unknown, reconciled" \
	sh -c "tail -n1 '$AUDIT' | grep -q 'failover-ips/detach.*\"status\":0,\"outcome\":\"unknown\".*\"reconciled\":\"re-read: failover IP 212.129.0.2 is not routed\"'"
dedi failover list
check "move, detach cut: the sandbox did apply it, as the re-read said" \
	grep -Eq '^2000001 +212.129.0.2 +fr-par-1 +- ' "$TMP/out"

# --- the attach that finishes it, cut
w=$(writes)
cut
dedi failover attach 212.129.0.2 100025
check "attach cut: outcome unknown, re-read: routed to the new server" \
	sh -c "[ $rc -eq 5 ] && grep -q 'outcome unknown.*re-read: failover IP 212.129.0.2 is routed to server 100025' '$TMP/err'"
check "attach cut: sent once" [ "$(writes)" -eq $((w + 1)) ]
dedi failover list
check "attach cut: the list shows it on 100025" grep -Eq '^2000001 +212.129.0.2 +fr-par-1 +100025 ' "$TMP/out"

# --- an IPv6 subnet carved, cut
w=$(writes)
cut
dedi ipv6 subnet-create --next 56
check "subnet cut: outcome unknown, re-read: the prefix is carved, with its id" \
	sh -c "[ $rc -eq 5 ] && grep -q 'Carve the subnet 2001:bc8:a925::/56: outcome unknown.*re-read: 2001:bc8:a925::/56 is carved (id [0-9]*)' '$TMP/err'"
check "subnet cut: sent once" [ "$(writes)" -eq $((w + 1)) ]
check "subnet cut: the audit's outcome is unknown, reconciled" \
	sh -c "tail -n1 '$AUDIT' | grep -q 'ipv6-blocks/[0-9]*/subnets.*\"outcome\":\"unknown\".*\"reconciled\":\"re-read: 2001:bc8:a925::/56 is carved'"
dedi ipv6 subnets
check "subnet cut: carved exactly once" [ "$(grep -c ' 2001:bc8:a925::/56 ' "$TMP/out")" -eq 1 ]
dedi ipv6 subnet-create 2001:bc8:a925::/56
check "subnet cut: creating it again is refused by dedi as carved (overlap), nothing sent" \
	sh -c "[ $rc -eq 2 ] && grep -q 'overlaps the subnet 2001:bc8:a925::/56' '$TMP/err' && [ $(writes) -eq $((w + 1)) ]"

# --- an Online-only move (one edit), cut
use_online
w=$(writes)
cut
dedi failover move 212.129.0.2 100021 --yes --confirm=212.129.0.2
check "online move cut: outcome unknown, the re-read says the new server" \
	sh -c "[ $rc -eq 5 ] && grep -q 'outcome unknown.*212.129.0.2.*100021' '$TMP/err' && [ $(writes) -eq $((w + 1)) ]"
check "online move cut: the audit's outcome is unknown on /server/failover/edit" \
	sh -c "tail -n1 '$AUDIT' | grep -q 'server/failover/edit.*\"outcome\":\"unknown\"'"

finish
