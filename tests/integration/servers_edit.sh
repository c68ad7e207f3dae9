#!/bin/sh
# dedi servers edit: every edit goes through the one write path (intent and
# outcome in the audit log), --dry-run and the config's guards send
# nothing, a server that changed is refused, a cut connection is reconciled.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" HOME="$TMP"
AUDIT="$XDG_STATE_HOME/dedi/audit.jsonl"
CONFIG="$XDG_CONFIG_HOME/dedi/config"
STATS="$TMP/stats"
writes() { sed 's/.*"writes":\([0-9]*\).*/\1/' "$STATS"; }
lines() { [ -f "$AUDIT" ] && wc -l <"$AUDIT" || echo 0; }
config() { mkdir -p "$XDG_CONFIG_HOME/dedi"; printf "$1" >"$CONFIG"; chmod 600 "$CONFIG"; }

start_sandbox --servers 6 --seed 3 --stats "$STATS" || exit 1
use_scw
dedi servers list --json
id=$(json_ids "$TMP/out" | head -n1)
other=$(json_ids "$TMP/out" | sed -n 2p)
dedi servers show "$id" --json
addr=$(grep -m1 '"address":' "$TMP/out" | sed 's/.*"address": "\(.*\)",*/\1/')

# An intent line, then an outcome line with the same write id.
audited() { # audited METHOD URL-TAIL
	tail -n2 "$AUDIT" >"$TMP/last2"
	head -n1 "$TMP/last2" | grep -q "\"phase\":\"intent\",\"method\":\"$1\",\"url\":\"[^\"]*$2\"" &&
	tail -n1 "$TMP/last2" | grep -q "\"phase\":\"outcome\",\"method\":\"$1\",.*\"status\":200,\"outcome\":\"ok\"" &&
	[ "$(sed 's/.*"write":"\([0-9a-f]*\)".*/\1/' "$TMP/last2" | uniq | wc -l)" -eq 1 ]
}

before=$(lines); w=$(writes)
dedi servers edit "$id" --hostname web-7.example
check "hostname: done (0), one write sent" [ "$rc" -eq 0 -a "$(writes)" -eq $((w + 1)) ]
check "hostname: an intent and an outcome line in the audit" [ "$(lines)" -eq $((before + 2)) ]
audited PATCH "/servers/$id" && ok "hostname: the intent is a PATCH, the outcome ok, one write id" || not_ok "hostname audit" "$AUDIT"
dedi servers show "$id"
check "hostname: servers show has it" grep -q '^hostname  *web-7.example$' "$TMP/out"

dedi servers edit "$id" --tags "blue, green"
audited POST "/servers/$id/tags" && ok "tags: intent and outcome in the audit" || not_ok "tags audit" "$AUDIT"
dedi servers show "$id"
check "tags: servers show has them" grep -q '^tags  *blue,green$' "$TMP/out"

# A comma inside a tag is written "\,": the tag keeps it, as one tag.
dedi servers edit "$id" --tags 'env=prod\,eu, green'
check "tags: a comma inside a tag stays in it (two tags, not three)" \
	grep -qF '{\"tags\":[\"env=prod,eu\",\"green\"]}' "$AUDIT"
dedi servers show "$id" --json
check "tags: servers show --json gives the list as sent" \
	sh -c "tr -d ' \n' <'$TMP/out' | grep -q '\"tags\":\[\"env=prod,eu\",\"green\"\]'"
dedi servers edit "$id" --tags "blue, green"

dedi servers edit "$id" --reverse "$addr=rev-7.example.com."
audited PATCH "/reverses/[0-9]*" && ok "reverse: intent and outcome in the audit" || not_ok "reverse audit" "$AUDIT" "$TMP/err"
dedi servers show "$id"
check "reverse: servers show has it" grep -qF "$addr  reverse rev-7.example.com." "$TMP/out"

dedi servers edit "$id" --backup-autologin on --backup-acl off --backup-password-fd 3 3<<PW
Sup3r-secret-pw
PW
audited PATCH "/servers/$id/backups" && ok "backup: intent and outcome in the audit" || not_ok "backup audit" "$AUDIT" "$TMP/err"
check "backup: the audit shows the password masked, never in clear" \
	sh -c "grep -q '\\\\\"password\\\\\":\\\\\"\\*\\*\\*\\*\\*\\*\\*\\*\\\\\"' '$AUDIT' && ! grep -q Sup3r '$AUDIT'"

# --dry-run: described, nothing sent, nothing changed, nothing audited.
w=$(writes); before=$(lines)
dedi --dry-run servers edit "$id" --hostname dry.example
check "dry run: exit 0, prints the request" sh -c "[ $rc -eq 0 ] && grep -q '^PATCH .*/servers/$id\$' '$TMP/out' && grep -qF '{\"hostname\":\"dry.example\"}' '$TMP/out'"
# Nothing sent is only news from a dedi that described the request.
check "dry run: the sandbox received no write" [ "$rc" -eq 0 -a -s "$TMP/out" -a "$(writes)" -eq "$w" ]
check "dry run: nothing in the audit" [ "$rc" -eq 0 -a -s "$TMP/out" -a "$(lines)" -eq "$before" ]
dedi servers show "$id"
check "dry run: the server is unchanged" grep -q '^hostname  *web-7.example$' "$TMP/out"
dedi --dry-run servers edit "$id" --backup-autologin off --backup-acl on --backup-password-fd 3 3<<PW
Sup3r-secret-pw
PW
check "dry run: the backup password is masked" sh -c "grep -qF '\"password\":\"********\"' '$TMP/out' && ! grep -q Sup3r '$TMP/out'"

# The config's guards: protected servers and read-only profiles.
w=$(writes)
config "protected = $other\n"
dedi servers edit "$other" --hostname nope.example
check "protected: refused (8), the message names the setting" \
	sh -c "[ $rc -eq 8 ] && grep -q 'protected = $other in $CONFIG (line 1)' '$TMP/err'"
config "[profile env]\nprotected = web-7.example\n"
dedi servers edit "$id" --hostname nope.example
check "protected by hostname in [profile env]: refused (8)" \
	sh -c "[ $rc -eq 8 ] && grep -q 'in \\[profile env\\]' '$TMP/err'"
config "[profile env]\nread_only = true\n"
dedi servers edit "$id" --tags x
check "read_only profile: refused (8), says which setting" \
	sh -c "[ $rc -eq 8 ] && grep -q 'read_only = true in \\[profile env\\]' '$TMP/err'"
check "guards: the sandbox received no write" [ "$rc" -eq 8 -a "$(writes)" -eq "$w" ]
rm -f "$CONFIG"

# What the caller saw is no longer true: refused before sending.
dedi servers edit "$id" --hostname late.example --expect-hostname web-6.example
check "changed hostname: refused (8), says what it is now" \
	sh -c "[ $rc -eq 8 ] && grep -q 'hostname is now \"web-7.example\"' '$TMP/err'"
dedi servers edit "$id" --hostname late.example --expect-status stopped
check "changed status: refused (8)" [ "$rc" -eq 8 ]
check "changed: the sandbox received no write" [ "$rc" -eq 8 -a "$(writes)" -eq "$w" ]

# The connection is cut after the sandbox applied the write.
start_sandbox --servers 6 --seed 3 --stats "$STATS" --cut-after-write || exit 1
dedi servers edit "$id" --hostname cut.example
check "cut: network exit code (5), outcome unknown, then the re-read state" \
	sh -c "[ $rc -eq 5 ] && grep -q 'outcome unknown.*re-read: hostname is now cut.example' '$TMP/err'"
check "cut: sent exactly once" [ "$(writes)" -eq 1 ]
check "cut: the audit's outcome is unknown, reconciled" \
	sh -c "tail -n1 '$AUDIT' | grep -q '\"status\":0,\"outcome\":\"unknown\".*\"reconciled\":\"re-read: hostname is now cut.example\"'"

finish
