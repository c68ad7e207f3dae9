#!/bin/bash
# dedi-sandbox as a program: first stdout line is the URL, it serves, it
# stops with exit 0 on SIGTERM/SIGINT, bad options give a message and 2.
set -u
bin="${DD_BUILDDIR:-.}/dedi-sandbox"
n=0 failed=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Starts the sandbox with "$@"; sets pid and url (deadline 5 s, no fixed sleep).
start() {
	"$bin" "$@" >"$tmp/out" 2>"$tmp/err" &
	pid=$!
	url=
	for _ in $(seq 500); do
		url=$(head -n1 "$tmp/out" 2>/dev/null)
		[ -n "$url" ] && break
		kill -0 "$pid" 2>/dev/null || break
		read -r -t 0.01 <> <(:) || true
	done
}

# get PATH HEADER: prints the status line and body (HTTP/1.0 over bash's /dev/tcp).
get() {
	local hostport=${url#http://}
	exec 3<>"/dev/tcp/${hostport%:*}/${hostport#*:}" || return 1
	printf 'GET %s HTTP/1.0\r\nHost: x\r\n%s\r\n\r\n' "$1" "$2" >&3
	cat <&3
	exec 3<&-
}

start --seed 9 --servers 5
case "$url" in http://127.0.0.1:[0-9]*) r=0 ;; *) r=1 ;; esac
ok $r "first stdout line is the base URL ($url)"
resp=$(get /dedibox/v1/zones/fr-par-1/servers "X-Auth-Token: 00000000-0000-4000-8000-00000000de70")
case "$resp" in "HTTP/1."[01]" 200"*'"total_count":'*) r=0 ;; *) r=1 ;; esac
ok $r "it serves the demo credentials"
resp=$(get /api/v1/user "Authorization: Bearer demo0000000000000000000000000000online")
case "$resp" in "HTTP/1."[01]" 200"*'"login":"demo"'*) r=0 ;; *) r=1 ;; esac
ok $r "it serves Online with the demo token"
kill -TERM "$pid"; wait "$pid"; ok $? "SIGTERM: exit 0"

start --servers 0 --secret-key 12345678-1234-4234-8234-123456789abc --online-token tok --latency 1 --hostile
resp=$(get /dedibox/v1/zones/fr-par-1/servers "X-Auth-Token: 12345678-1234-4234-8234-123456789abc")
case "$resp" in "HTTP/1."[01]" 200"*'"total_count":0'*) r=0 ;; *) r=1 ;; esac
ok $r "--servers 0 and --secret-key: an empty world"
resp=$(get /api/v1/server "Authorization: Bearer tok")
case "$resp" in "HTTP/1."[01]" 200"*'[]') r=0 ;; *) r=1 ;; esac
ok $r "--online-token is the Online token"
kill -INT "$pid"; wait "$pid"; ok $? "SIGINT: exit 0"

port=${url##*:}
start --port "$port"
[ "$url" = "http://127.0.0.1:$port" ]; ok $? "--port $port is honoured"
"$bin" --port "$port" >/dev/null 2>"$tmp/err2"; r=$?
[ $r = 1 ] && grep -q "cannot listen" "$tmp/err2"; ok $? "a port in use: a message and exit 1 (got $r)"
kill -TERM "$pid"; wait "$pid"

for bad in "--servers 100001" "--servers -1" "--port 70000" "--latency x" "--seed" "--nope" "extra" "--secret-key="; do
	# shellcheck disable=SC2086
	"$bin" $bad >/dev/null 2>"$tmp/err"; r=$?
	[ $r = 2 ] && [ -s "$tmp/err" ]; ok $? "dedi-sandbox $bad: a message and exit 2 (got $r)"
done
echo "1..$n"
exit $failed
