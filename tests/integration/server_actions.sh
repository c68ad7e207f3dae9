#!/bin/sh
# dedi server reboot|start|stop|rescue|bmc: each action goes through the one
# write path (intent and outcome in the audit, no secret there), changes
# what servers show then reports, needs the hostname or id confirmed, sends
# nothing under --dry-run or the config's guards, and reports each refusal
# of the API (transient_state while installing, invalid image, no BMC).
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
unset SSH_CONNECTION SSH_CLIENT
AUDIT="$XDG_STATE_HOME/dedi/audit.jsonl"
CONFIG="$XDG_CONFIG_HOME/dedi/config"
STATS="$TMP/stats"
writes() { sed 's/.*"writes":\([0-9]*\).*/\1/' "$STATS"; }
lines() { [ -f "$AUDIT" ] && wc -l <"$AUDIT" || echo 0; }
config() { mkdir -p "$XDG_CONFIG_HOME/dedi"; printf "$1" >"$CONFIG"; chmod 600 "$CONFIG"; }
# sb METHOD PATH: the sandbox seen by another client (curl), body in $TMP/sb
sb() { curl -s -o "$TMP/sb" -w '%{http_code}' -X "$1" -H "X-Auth-Token: $DEMO_SECRET" \
	-H 'Content-Type: application/json' ${3:+--data "$3"} "$URL$2"; }
status_is() { dedi servers show "$1" && grep -q "^status  *$2\$" "$TMP/out"; }
# An intent line, then an ok outcome line with the same write id.
audited() { # audited METHOD URL-TAIL
	tail -n2 "$AUDIT" >"$TMP/last2"
	head -n1 "$TMP/last2" | grep -q "\"phase\":\"intent\",\"method\":\"$1\",\"url\":\"[^\"]*$2\"" &&
	tail -n1 "$TMP/last2" | grep -q "\"phase\":\"outcome\",\"method\":\"$1\",.*\"status\":20[04],\"outcome\":\"ok\"" &&
	[ "$(sed 's/.*"write":"\([0-9a-f]*\)".*/\1/' "$TMP/last2" | uniq | wc -l)" -eq 1 ]
}

if ! command -v curl >/dev/null; then
	echo "1..0 # SKIP curl is needed to read the sandbox as another client"; exit 0
fi
start_sandbox --servers 8 --seed 3 --stats "$STATS" || exit 1
use_scw
dedi servers list --json
id=$(json_ids "$TMP/out" | head -n1)
# a server with a BMC, and one without
bmc="" nobmc=""
for s in $(json_ids "$TMP/out"); do
	dedi servers show "$s" --json
	if grep -q '"has_bmc": true' "$TMP/out"; then [ -n "$bmc" ] || bmc=$s; else [ -n "$nobmc" ] || nobmc=$s; fi
done
dedi servers show "$id"
host=$(sed -n 's/^hostname  *//p' "$TMP/out")

# --dry-run: described, nothing sent, nothing audited, no confirmation needed.
w=$(writes); before=$(lines)
dedi --dry-run server reboot "$id"
check "dry run: exit 0, prints the POST .../reboot" \
	sh -c "[ $rc -eq 0 ] && grep -q '^POST .*/servers/$id/reboot\$' '$TMP/out'"
check "dry run: the sandbox received no write, the audit has nothing" \
	[ "$rc" -eq 0 -a -s "$TMP/out" -a "$(writes)" -eq "$w" -a "$(lines)" -eq "$before" ]

# Not a terminal, no --yes: nothing sent.
dedi server stop "$id" </dev/null
check "no terminal, no --yes: usage (2), says what to add, nothing sent" \
	sh -c "[ $rc -eq 2 ] && grep -q -- '--yes --confirm=HOSTNAME_OR_ID ($host or $id)' '$TMP/err' && [ $(writes) -eq $w ]"
dedi server stop "$id" --yes
check "--yes without --confirm: usage (2), nothing sent" sh -c "[ $rc -eq 2 ] && [ $(writes) -eq $w ] && grep -q 'needs --confirm' '$TMP/err'"
dedi server stop "$id" --yes --confirm=not-this-one
check "--confirm that names another server: refused (8), nothing sent" \
	sh -c "[ $rc -eq 8 ] && [ $(writes) -eq $w ] && grep -q 'nothing sent' '$TMP/err'"
check "refused confirmations: the server is still ready" status_is "$id" ready

# Power: stop, start, reboot (by hostname), each seen by servers show.
dedi server stop "$id" --yes --confirm="$host"
check "stop: done (0), one write" sh -c "[ $rc -eq 0 ] && [ $(writes) -eq $((w + 1)) ]"
audited POST "/servers/$id/stop" && ok "stop: intent and outcome in the audit" || not_ok "stop audit" "$AUDIT"
check "stop: servers show says stopped" status_is "$id" stopped
dedi server start "$id" --yes --confirm="$id"
audited POST "/servers/$id/start" && ok "start: intent and outcome in the audit" || not_ok "start audit" "$AUDIT"
check "start: servers show says ready" status_is "$id" ready
dedi servers show "$id"; last=$(sed -n 's/^last reboot  *//p' "$TMP/out")
sb POST "/__sandbox/advance?seconds=7200" >/dev/null
dedi server reboot "$host" --yes --confirm="$host"
check "reboot by hostname: done (0)" sh -c "[ $rc -eq 0 ] && grep -q '^Reboot server $id ($host): done.\$' '$TMP/out'"
dedi servers show "$id"
check "reboot: the last reboot moved on" sh -c "now=\$(sed -n 's/^last reboot  *//p' '$TMP/out'); [ -n \"\$now\" ] && [ \"\$now\" != '$last' ]"

# Rescue: credentials printed once, never in the audit; then leave it.
dedi server rescue "$id" --image no-such-image --yes --confirm="$id"
check "rescue with an unknown image: not found (4), lists the images" \
	sh -c "[ $rc -eq 4 ] && grep -q 'it has: ' '$TMP/err'"
dedi server rescue "$id" --yes --confirm="$id"
pw=$(sed -n 's/^password  *//p' "$TMP/out")
check "rescue: done, prints protocol, login and a password" \
	sh -c "[ $rc -eq 0 ] && grep -q '^protocol  *ssh\$' '$TMP/out' && grep -q '^login  *sd-' '$TMP/out' && [ -n '$pw' ]"
audited POST "/servers/$id/rescue" && ok "rescue: intent and outcome in the audit" || not_ok "rescue audit" "$AUDIT"
check "rescue: the password is not in the audit log" sh -c "[ -n '$pw' ] && ! grep -qF '$pw' '$AUDIT'"
check "rescue: servers show says rescue" status_is "$id" rescue
sb GET "/dedibox/v1/zones/fr-par-1/servers/$id/rescue" >"$TMP/code"
check "rescue: the API gives the same credentials" sh -c "[ -n '$pw' ] && grep -qF '\"password\":\"$pw\"' '$TMP/sb'"
dedi server rescue "$id" --off --yes --confirm="$id"
audited DELETE "/servers/$id/rescue" && ok "rescue --off: intent and outcome in the audit" || not_ok "rescue off audit" "$AUDIT"
check "rescue --off: servers show says ready" status_is "$id" ready

# The API's refusal while the server installs: transient_state.
dedi servers show "$nobmc" --json
zone=$(sed -n 's/^ *"zone": "\(.*\)",$/\1/p' "$TMP/out" | head -n1)
code=$(sb POST "/dedibox/v1/zones/$zone/servers/$nobmc/install" '{"os_id":503,"hostname":"inst.example","user_login":"u","user_password":"abcdefgh1"}')
dedi server reboot "$nobmc" --yes --confirm="$nobmc"
check "reboot while installing: API error (6), transient state said" \
	sh -c "[ '$code' = 200 ] && [ $rc -eq 6 ] && grep -qi 'transient' '$TMP/err'"
check "reboot while installing: the audit's outcome says refused" \
	sh -c "tail -n1 '$AUDIT' | grep -q '\"phase\":\"outcome\".*\"status\":409'"

# BMC: no address known, a server without BMC, then open, read, revoke.
dedi server bmc "$bmc" --yes --confirm="$bmc"
check "bmc without --ip outside SSH: usage (2), says how to give it" \
	sh -c "[ -n '$bmc' ] && [ $rc -eq 2 ] && grep -q 'SSH_CONNECTION' '$TMP/err'"
dedi server bmc "$nobmc" --ip 203.0.113.9 --yes --confirm="$nobmc"
check "bmc on a server without one: refused before sending" sh -c "[ $rc -eq 2 ] && grep -q 'has no BMC' '$TMP/err'"
SSH_CONNECTION="198.51.100.7 50022 10.1.1.1 22" dedi server bmc "$bmc" --yes --confirm="$bmc"
bpw=$(sed -n 's/^password  *//p' "$TMP/out")
check "bmc: url, login, password and expiry printed" \
	sh -c "[ $rc -eq 0 ] && grep -q '^url  *https://' '$TMP/out' && grep -q '^expires  *20.*(in [0-9]* min by the API.s clock)\$' '$TMP/out' && [ -n '$bpw' ]"
check "bmc: the caller's address from SSH_CONNECTION is the one allowed" \
	sh -c "grep '\"phase\":\"intent\"' '$AUDIT' | tail -n1 | grep -q '\"body\":\"{.*ip.*198\\.51\\.100\\.7'"
check "bmc: the password is not in the audit log" sh -c "[ -n '$bpw' ] && ! grep -qF '$bpw' '$AUDIT'"
dedi servers show "$bmc" --json
bzone=$(sed -n 's/^ *"zone": "\(.*\)",$/\1/p' "$TMP/out" | head -n1)
code=$(sb GET "/dedibox/v1/zones/$bzone/servers/$bmc/bmc-access")
check "bmc: the API has the access" sh -c "[ '$code' = 200 ] && grep -q '\"status\":\"created\"' '$TMP/sb'"
dedi server bmc "$bmc" --revoke --yes --confirm="$bmc"
audited DELETE "/servers/$bmc/bmc-access" && ok "bmc --revoke: intent and outcome in the audit" || not_ok "bmc revoke audit" "$AUDIT"
code=$(sb GET "/dedibox/v1/zones/$bzone/servers/$bmc/bmc-access")
check "bmc --revoke: the API has none any more" sh -c "[ $rc -eq 0 ] && [ '$code' = 404 ]"
dedi server bmc "$bmc" --ip 203.0.113.9 --yes --confirm="$bmc"
code1=$(sb GET "/dedibox/v1/zones/$bzone/servers/$bmc/bmc-access")
sb POST "/__sandbox/advance?seconds=3601" >/dev/null
code2=$(sb GET "/dedibox/v1/zones/$bzone/servers/$bmc/bmc-access")
check "bmc: the access expires on the sandbox clock" sh -c "[ $rc -eq 0 ] && [ '$code1' = 200 ] && [ '$code2' = 404 ]"

# The guards of the config.
w=$(writes)
config "protected = $id\n"
dedi server reboot "$id" --yes --confirm="$id"
check "protected: refused (8), nothing sent" sh -c "[ $rc -eq 8 ] && [ $(writes) -eq $w ] && grep -q protected '$TMP/err'"
config "[profile env]\nread_only = true\n"
dedi server rescue "$id" --yes --confirm="$id"
check "read_only: refused (8), nothing sent" sh -c "[ $rc -eq 8 ] && [ $(writes) -eq $w ] && grep -q read_only '$TMP/err'"
rm -f "$CONFIG"

# Every write of the session: one intent and one outcome each.
check "audit: as many outcome lines as intent lines, and every write of the sandbox audited" \
	sh -c "i=\$(grep -c '\"phase\":\"intent\"' '$AUDIT'); o=\$(grep -c '\"phase\":\"outcome\"' '$AUDIT'); [ \$i -ge 9 ] && [ \$i -eq \$o ]"

# Online-only profile: the Online API's words for the same actions (on
# the server with a BMC: the other one is being installed again, since the
# clock moved past the first installation's end).
sb POST "/dedibox/v1/zones/$zone/servers/$nobmc/install" '{"os_id":503,"hostname":"inst.example","user_login":"u","user_password":"abcdefgh1"}' >/dev/null
use_online
dedi server reboot "$nobmc" --yes --confirm="$nobmc"
check "online reboot while installing: refused by the API (6), nothing changed" \
	sh -c "[ $rc -eq 6 ] && grep -q 'being installed' '$TMP/err'"
dedi server stop "$bmc" --yes --confirm="$bmc"
audited POST "/server/shutdown/$bmc" && ok "online stop: POST /server/shutdown with a reason, audited" || not_ok "online stop" "$AUDIT" "$TMP/err"
check "online stop: the reason is sent" sh -c "grep '\"phase\":\"intent\"' '$AUDIT' | tail -n1 | grep -q 'reason=requested%20with%20dedi'"
check "online stop: servers show says stopped" status_is "$bmc" stopped
dedi server start "$bmc" --yes --confirm="$bmc"
check "online start: boots normal (done)" sh -c "[ $rc -eq 0 ] && grep -q 'done' '$TMP/out'"
check "online start: servers show says ready" status_is "$bmc" ready
dedi server rescue "$bmc" --yes --confirm="$bmc"
opw=$(sed -n 's/^password  *//p' "$TMP/out")
check "online rescue: credentials with the address" \
	sh -c "[ $rc -eq 0 ] && grep -q '^address  *[0-9.]*\$' '$TMP/out' && [ -n '$opw' ] && ! grep -qF '$opw' '$AUDIT'"
check "online rescue: servers show says rescue" status_is "$bmc" rescue

# Installation: the API's default partitioning, a generated password shown
# once and never audited, --wait follows it to "installed".
start_sandbox --servers 4 --seed 3 --stats "$STATS" --time-scale 300 || exit 1
use_scw
dedi servers list --json
iid=$(json_ids "$TMP/out" | head -n1)
w=$(writes); before=$(lines)
dedi --dry-run server install "$iid" --os 503 --user alice
check "install --dry-run: the default partitions, the password masked, nothing sent" \
	sh -c "[ $rc -eq 0 ] && grep -q '^partition 1 ' '$TMP/out' && grep -qF '\"user_password\":\"********\"' '$TMP/out' && grep -q '\"partitions\":\[{' '$TMP/out' && [ $(writes) -eq $w ] && [ $(lines) -eq $before ]"
dedi server install "$iid" --os 503 --user alice --hostname 'bad_name!' --yes --confirm="$iid"
check "install with a bad hostname: usage (2), nothing sent" sh -c "[ $rc -eq 2 ] && [ $(writes) -eq $w ]"
dedi --dry-run server install "$iid" --os 503 --user alice --partition :swap:8 --partition /:ext4:100G --partition /srv:xfs:50
check "install --partition --dry-run: exactly the given plan, in order, nothing sent" \
	sh -c "[ $rc -eq 0 ] && grep -q '^partition 3 .* xfs  *\/srv  *50.0 GiB  no_raid' '$TMP/out' && ! grep -q '^partition 4' '$TMP/out' && grep -qF '\"partitions\":[{\"file_system\":\"swap\",\"raid_level\":\"no_raid\",\"capacity\":8589934592,' '$TMP/out' && [ $(writes) -eq $w ]"
dedi server install "$iid" --os 503 --user alice --partition /srv:ext4:10 --yes --confirm="$iid"
check "install --partition without a root: usage (2), says so, nothing sent" \
	sh -c "[ $rc -eq 2 ] && grep -q 'exactly one root' '$TMP/err' && [ $(writes) -eq $w ]"
dedi server install "$iid" --os 503 --user alice --partition /:ext4:999999 --yes --confirm="$iid"
check "install --partition larger than the disks: usage (2), says what they hold, nothing sent" \
	sh -c "[ $rc -eq 2 ] && grep -q 'the disks hold' '$TMP/err' && [ $(writes) -eq $w ]"
dedi server install "$iid" --os 503 --user alice --partition /:ext4:10:raid9 --yes --confirm="$iid"
check "install --partition with an unknown RAID level: usage (2), nothing sent" \
	sh -c "[ $rc -eq 2 ] && grep -q 'partition /:ext4:10:raid9' '$TMP/err' && [ $(writes) -eq $w ]"
dedi --dry-run server install "$iid" --os 503 --user alice --ssh-key laptop --ssh-key 8b2d4e6f-1a3c-4b5d-8e7f-9a0b1c2d3e02
check "install --ssh-key NAME --ssh-key ID --dry-run: both IAM key ids in ssh_key_ids, nothing sent" \
	sh -c "[ $rc -eq 0 ] && grep -qF '\"ssh_key_ids\":[\"5e1f0c2a-7d64-4a8e-9a3b-2f6c1d0e9a01\",\"8b2d4e6f-1a3c-4b5d-8e7f-9a0b1c2d3e02\"]' '$TMP/out' && grep -q '^ssh key  *5e1f0c2a-' '$TMP/out' && [ $(writes) -eq $w ]"
dedi server install "$iid" --os 503 --user alice --ssh-key old-desktop --yes --confirm="$iid"
check "install --ssh-key of a disabled key: usage (2), says disabled, nothing sent" \
	sh -c "[ $rc -eq 2 ] && grep -q 'old-desktop\" is disabled' '$TMP/err' && [ $(writes) -eq $w ]"
dedi server install "$iid" --os 503 --user alice --ssh-key nope --yes --confirm="$iid"
check "install --ssh-key unknown: not found (4), lists the Organization's keys, nothing sent" \
	sh -c "[ $rc -eq 4 ] && grep -q 'there are: old-desktop (disabled), laptop, ci-deploy' '$TMP/err' && [ $(writes) -eq $w ]"
code=$(sb POST "/dedibox/v1/zones/fr-par-1/servers/$iid/install" '{"os_id":503,"hostname":"k.example","user_login":"u","user_password":"abcdefgh1","ssh_key_ids":["00000000-0000-4000-8000-000000000000"]}')
check "the sandbox refuses an ssh_key_ids entry that is no key of the Organization (400) # sandbox-only" \
	sh -c "[ '$code' = 400 ] && grep -q '\"argument_name\":\"ssh_key_ids\"' '$TMP/sb'"
w=$(writes) # that refused POST counts as a write received
dedi server install "$iid" --os 9999 --user alice --yes --confirm="$iid"
check "install of an OS the API does not know: not found (4), nothing sent" sh -c "[ $rc -eq 4 ] && [ $(writes) -eq $w ]"
dedi server install "$iid" --os 503 --user alice --hostname fresh-1.example --yes --confirm="$iid" --wait
ipw=$(sed -n 's/^password  *//p' "$TMP/out")
# (at --time-scale 300 a step lasts 0.3 s: on a loaded machine the first
# read may see a later step than booting, so the first line is any step)
check "install --wait: a progress line per step seen, ending installed (9/9)" \
	sh -c "[ $rc -eq 0 ] && grep -q '^\[00:[0-9][0-9]\] [a-z_]* ([1-8]/9)\$' '$TMP/out' && tail -n1 '$TMP/out' | grep -q '^\[[0-9:]*\] installed (9/9)\$'"
check "install: the generated password is shown once and is not in the audit" \
	sh -c "[ \$(printf %s '$ipw' | wc -c) -eq 20 ] && ! grep -qF '$ipw' '$AUDIT' && grep -qF '\\\"user_password\\\":\\\"********\\\"' '$AUDIT'"
dedi servers show "$iid"
check "install: servers show has the new hostname, ready" \
	sh -c "grep -q '^hostname  *fresh-1.example\$' '$TMP/out' && grep -q '^status  *ready\$' '$TMP/out'"
dedi server install "$iid" --os 503 --user bob --password-fd 3 --yes --confirm="$iid" 3<<PW
Given-Pa55word
PW
check "install --password-fd: sent, the password neither printed nor audited" \
	sh -c "[ $rc -eq 0 ] && grep -q ': done.$' '$TMP/out' && ! grep -q 'Given-Pa55' '$TMP/out' '$AUDIT'"
dedi server install "$iid" --cancel --yes --confirm="$iid"
dedi server install "$iid" --os 503 --user bob --partition /:ext4:20 --partition -:swap:2 --ssh-key ci-deploy --yes --confirm="$iid"
sb GET /__sandbox/last-write >/dev/null
check "install --partition --ssh-key: the API received the two partitions given and the key's id" \
	sh -c "[ $rc -eq 0 ] && jq -e '.body | fromjson | (.partitions | length == 2 and .[0].mount_point == \"/\" and .[0].capacity == 21474836480 and .[1].file_system == \"swap\") and .ssh_key_ids == [\"8b2d4e6f-1a3c-4b5d-8e7f-9a0b1c2d3e02\"]' '$TMP/sb' >/dev/null"
# An installation under way: on a sandbox at real time it lasts twelve
# minutes, so the second install and the cancel find it running however
# slow this machine is (at --time-scale 300 it could end in between).
start_sandbox --servers 4 --seed 3 --stats "$STATS" || exit 1
use_scw
dedi server install "$iid" --os 503 --user bob --yes --confirm="$iid"
check "install on a real-time sandbox: servers show says installing" status_is "$iid" installing
dedi server install "$iid" --os 503 --user bob --yes --confirm="$iid"
check "install while installing: refused by the API (transient_state, exit 6)" \
	sh -c "[ $rc -eq 6 ] && grep -qi transient '$TMP/err'"
dedi server install "$iid" --cancel --yes --confirm="$iid"
audited POST "/servers/$iid/cancel-install" && ok "install --cancel: intent and outcome in the audit" || not_ok "cancel audit" "$AUDIT" "$TMP/err"
check "install --cancel: servers show says ready" status_is "$iid" ready

# The sandbox's clock runs --time-scale times faster; tests move it with
# POST /__sandbox/advance instead of waiting.
start_sandbox --servers 2 --seed 3 --time-scale 60 || exit 1
sb GET /__sandbox/clock >/dev/null
check "dedi-sandbox --time-scale 60: the clock says 60000 thousandths # sandbox-only" \
	grep -q '"scale_milli":60000' "$TMP/sb"

# An installation ends on the sandbox clock whatever is read: servers show
# (GET /servers/{id}) and the list say ready once its time has passed, with
# no read of the install route in between; so does Online's install_status.
start_sandbox --servers 4 --seed 3 || exit 1
use_scw
dedi servers list --json
sid=$(json_ids "$TMP/out" | head -n1)
dedi servers show "$sid" --json
szone=$(sed -n 's/^ *"zone": "\(.*\)",$/\1/p' "$TMP/out" | head -n1)
sb POST "/dedibox/v1/zones/$szone/servers/$sid/install" \
	'{"os_id":503,"hostname":"settled.example","user_login":"u","user_password":"abcdefgh1"}' >/dev/null
check "settle: servers show says installing right after the install" status_is "$sid" installing
sb POST "/__sandbox/advance?seconds=1200" >/dev/null
check "settle: after the install's time, servers show says ready (no install read)" status_is "$sid" ready
dedi servers list --json
check "settle: servers list --json says ready with the new hostname" \
	sh -c "grep -A12 '\"id\": $sid,' '$TMP/out' | grep -q '\"status\": \"ready\"' && grep -q 'settled.example' '$TMP/out'"
curl -s -o "$TMP/sb" -H "Authorization: Bearer $DEMO_TOKEN" "$URL/api/v1/server/$sid"
check "settle: Online's install_status says installed # sandbox-only" grep -q '"install_status":"installed"' "$TMP/sb"

finish
