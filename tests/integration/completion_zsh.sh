#!/bin/sh
# completion/_dedi loaded in zsh: the words _dedi hands to compadd for
# commands, subcommands, options, -o formats, profile names (from the
# config file) and server ids and hostnames (read from dedi servers list
# --json against the sandbox, kept a short while in a 0600 cache file
# shared with the bash completion). compadd is replaced by a function that
# keeps the words matching the prefix, as compadd itself would.
. "$(dirname "$0")/lib.sh"
: "${DD_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"

if ! command -v zsh >/dev/null; then
	echo "1..0 # SKIP zsh is needed to run its completion (apt-get install zsh)"; exit 0
fi
export XDG_STATE_HOME="$TMP/state" XDG_CONFIG_HOME="$TMP/config" XDG_CACHE_HOME="$TMP/cache" HOME="$TMP"
mkdir "$TMP/bin" && ln -s "$DEDI" "$TMP/bin/dedi"
# comp WORDS...: the words _dedi adds for the last word (cursor at its end)
comp() {
	PATH="$TMP/bin:$PATH" zsh -f -c '
		f=$1; shift
		compdef() { :; }
		_files() { print -r -- "(file names)"; }
		compadd() {
			local suffix=
			while [[ $1 == -* && $1 != -- ]]; do
				[[ $1 == -S ]] && { suffix=$2; shift; }
				shift
			done
			[[ $1 == -- ]] && shift
			local w
			for w in "$@"; do [[ $w == "$PREFIX"* ]] && print -r -- "$w$suffix"; done
		}
		source "$f"
		words=("$@"); CURRENT=$#; PREFIX=${words[-1]}
		_dedi' zsh "$DD_SRCDIR/completion/_dedi" "$@" >"$TMP/comp" 2>"$TMP/comp.err"
}
has() { [ -n "$1" ] && grep -qx -- "$1" "$TMP/comp"; }
count() { grep -c . "$TMP/comp"; }

start_sandbox --servers 5 --seed 3 || exit 1
use_scw
dedi servers list --json
id=$(json_ids "$TMP/out" | head -n1)
host=$(sed -n 's/^      "hostname": "\(.*\)",$/\1/p' "$TMP/out" | head -n1)

comp dedi ser
check "commands: ser completes to server and servers only" eval 'has server && has servers && [ $(count) -eq 2 ]'
comp dedi server ''
check "subcommands of server: the actions of dedi help" \
	eval 'has reboot && has start && has stop && has rescue && has bmc && has install && ! has list'
comp dedi --dry-run server reboot --
check "options of server reboot after a global option: --reason, --zone, --yes, --confirm" \
	eval 'has --reason && has --zone && has --yes && has --confirm && ! has --os'
comp dedi order --f
check "options of order: --force-again only" eval 'has --force-again && [ $(count) -eq 1 ]'
comp dedi order --conf
check "--confirm is completed with its = sign" eval 'has --confirm= && [ $(count) -eq 1 ]'
comp dedi --
check "global options, read from dedi help: --dry-run, --profile, --theme, --version" \
	eval 'has --dry-run && has --profile && has --theme && has --version && ! has --zone'
comp dedi invoices download 1 -o ''
check "-o of invoices download completes file names, not formats" eval 'has "(file names)" && ! has json'
comp dedi servers list -o ''
check "-o completes the four output formats" eval 'has json && has yaml && has table && has csv && [ $(count) -eq 4 ]'
comp dedi servers list --zone nl
check "--zone completes a zone" eval 'has nl-ams-1 && [ $(count) -eq 1 ]'
mkdir -p "$XDG_CONFIG_HOME/dedi"
printf '[dedi]\nprotected = 1\n[profile prod-paris]\nread_only = true\n[profile lab]\n' >"$XDG_CONFIG_HOME/dedi/config"
comp dedi --profile ''
check "--profile completes the config file's profiles" eval 'has prod-paris && has lab && [ $(count) -eq 2 ]'
comp dedi server reboot ''
check "server ids and hostnames from the sandbox: $id and $host among them" \
	eval 'has "$id" && has "$host" && [ $(count) -eq 10 ]'
comp dedi servers show "$(printf %s "$id" | cut -c1-5)"
check "servers show completes an id prefix to ids only" eval 'has "$id" && ! grep -qv "^[0-9]*\$" "$TMP/comp"'
comp dedi server reboot "$id" ''
check "after the server, no more names" eval '[ -f "$TMP/comp" ] && [ $(count) -eq 0 ] && ! [ -s "$TMP/comp.err" ] && [ -s "$XDG_CACHE_HOME"/dedi/complete-servers-* ]'
check "the names are kept in a 0600 file of the cache directory" \
	eval 'f=$(ls "$XDG_CACHE_HOME"/dedi/complete-servers-*) && [ "$(stat -c %a "$f")" = 600 ] && grep -qx "$id" "$f"'
stop_sandbox
comp dedi server stop ''
check "within DEDI_COMPLETE_TTL the kept names answer, the API being gone" has "$host"
DEDI_COMPLETE_TTL=0 comp dedi server stop ''
check "DEDI_COMPLETE_TTL=0 reads again: the API is gone, no names, no error shown" \
	eval '[ $(count) -eq 0 ] && ! [ -s "$TMP/comp.err" ] && ls "$XDG_CACHE_HOME"/dedi/complete-servers-* >/dev/null'

finish
