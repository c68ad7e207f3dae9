# bash completion for dedi: commands, subcommands and options, read from
# `dedi help` (the one table of subcommands, so this file cannot drift from
# it), and server ids and hostnames where a command takes a server, read
# from `dedi servers list --json` and kept a short while.
#
# Installed by `make install` as $(datadir)/bash-completion/completions/dedi;
# or source it from ~/.bashrc. DEDI_COMPLETE_TTL (seconds, default 60) is
# how long the server list is kept; 0 reads it every time.

# The lines "dedi GROUP ..." of `dedi help` in the C locale (a translated
# help must not change what is completed), once per shell: they change
# only with dedi itself.
_dedi_usage()
{
	if [[ -z ${_DEDI_USAGE-} ]]; then
		_DEDI_USAGE=$(LC_ALL=C LANGUAGE= command dedi help 2>/dev/null | sed -n 's/^  dedi //p')
	fi
	printf '%s\n' "$_DEDI_USAGE"
}

# The global options, from the first line of `dedi help` ("usage: dedi
# [--demo] [--dry-run] [--profile P] ...").
_dedi_globals()
{
	if [[ -z ${_DEDI_GLOBALS-} ]]; then
		_DEDI_GLOBALS=$(LC_ALL=C LANGUAGE= command dedi help 2>/dev/null |
			sed -n '1,2{/dedi \[/p}' | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
	fi
	[[ -n $_DEDI_GLOBALS ]] && printf '%s\n' "$_DEDI_GLOBALS"
}

# [profile NAME] sections of the config file.
_dedi_profiles()
{
	local f=${XDG_CONFIG_HOME:-$HOME/.config}/dedi/config
	[[ -r $f ]] && sed -n 's/^[[:space:]]*\[profile \([^]]*\)\][[:space:]]*$/\1/p' "$f"
}

# Server ids then hostnames of the profile in use. The list is read without
# a terminal (setsid): a vault that needs its passphrase gives no names
# rather than a prompt in the middle of a completion.
_dedi_servers()
{
	local profile=$1 ttl=${DEDI_COMPLETE_TTL:-60} dir key file now mtime
	dir=${XDG_CACHE_HOME:-$HOME/.cache}/dedi
	# one list per profile and per API (the sandbox's differs from the real one)
	key=$(printf '%s|%s|%s|%s' "$profile" "${DEDI_PROFILE-}" "${SCW_API_URL-}" \
		"${DEDI_ONLINE_API_URL-}" | cksum | cut -d' ' -f1)
	file=$dir/complete-servers-$key
	now=$(date +%s)
	mtime=$(stat -c %Y "$file" 2>/dev/null || echo 0)
	if ((ttl <= 0 || now - mtime >= ttl)); then
		local -a cmd=(dedi)
		[[ -n $profile ]] && cmd+=(--profile "$profile")
		cmd+=(servers list --json)
		command -v setsid >/dev/null 2>&1 && cmd=(setsid -w "${cmd[@]}")
		local list
		list=$(command "${cmd[@]}" </dev/null 2>/dev/null |
			sed -n 's/^      "id": \([0-9][0-9]*\),$/\1/p; s/^      "hostname": "\([^"]*\)",$/\1/p')
		if ((ttl > 0)) && [[ -n $list ]]; then
			(umask 077 && mkdir -p "$dir" && printf '%s\n' "$list" >"$file.$$" &&
				mv -f "$file.$$" "$file") 2>/dev/null
		fi
		printf '%s\n' "$list"
		return
	fi
	cat "$file" 2>/dev/null
}

_dedi()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion -n = || return
	else
		cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
		words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
	fi

	# the global options come before the command
	local i=1 profile="" group="" sub="" nargs=0
	while ((i < cword)); do
		case ${words[i]} in
		--profile) profile=${words[i+1]-}; ((i += 2)); continue ;;
		--profile=*) profile=${words[i]#--profile=} ;;
		--theme|--passphrase-fd) ((i += 2)); continue ;;
		-*) ;;
		*) break ;;
		esac
		((i++))
	done
	case $prev in
	--profile|--theme|--passphrase-fd|--zone|--reason|--image|--ip|--os|--hostname|--user|--password-fd|--confirm|--offer|--from|--to|--source|--limit|-o)
		[[ $prev == --profile ]] && _dedi_globals | grep -qx -- --profile &&
			COMPREPLY=($(compgen -W "$(_dedi_profiles)" -- "$cur"))
		[[ $prev == --zone || $prev == -o ]] && ((i < cword)) || return ;;
	esac
	if ((i >= cword)); then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$(_dedi_globals) --help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_dedi_usage | cut -d' ' -f1 | sort -u)" -- "$cur"))
		fi
		return
	fi
	group=${words[i]}
	local usage
	usage=$(_dedi_usage | grep "^$group\( \|\$\)")
	# subcommands: the second word of the group's lines when it is a word
	# of small letters (reboot|start|stop), not an argument (ID, OFFER)
	local subs
	subs=$(printf '%s\n' "$usage" | cut -d' ' -f2 | grep '^[a-z0-9][a-z0-9|-]*$' | tr '|' '\n' | sort -u)
	((i++))
	if [[ -n $subs ]]; then
		if ((i >= cword)); then
			[[ $cur != -* ]] && COMPREPLY=($(compgen -W "$subs" -- "$cur"))
			[[ $cur == -* ]] && COMPREPLY=($(compgen -W "--help" -- "$cur"))
			return
		fi
		sub=${words[i]}
		usage=$(printf '%s\n' "$usage" | grep "^$group \([a-z0-9|-]*|\)\?$sub\(|[a-z0-9|-]*\)\? ")
		((i++))
	fi
	# option values the command's usage announces: zones where it takes
	# --zone, output formats where it lists (--json), a file for -o FILE
	case $prev in
	--zone)
		[[ $usage == *--zone* ]] && COMPREPLY=($(compgen -W "fr-par-1 fr-par-2 nl-ams-1" -- "$cur"))
		return ;;
	-o)
		if [[ $usage == *"-o FILE"* ]]; then
			COMPREPLY=($(compgen -f -- "$cur"))
		elif [[ $usage == *--json* ]]; then
			COMPREPLY=($(compgen -W "json yaml table csv" -- "$cur"))
		fi
		return ;;
	esac
	if [[ $cur == -* ]]; then
		local opts
		opts=$(printf '%s\n' "$usage" | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
		COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
		[[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == --confirm ]] && COMPREPLY=(--confirm=)
		[[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi
	# the first argument that is not an option: a server where the usage
	# says ID after "server SUB" or "servers show|edit"
	while ((i < cword)); do
		case ${words[i]} in
		--zone|--reason|--image|--ip|--os|--hostname|--user|--password-fd|--passphrase-fd) ((i++)) ;;
		-*) ;;
		*) ((nargs++)) ;;
		esac
		((i++))
	done
	if ((nargs == 0)) && { [[ $group == server && -n $sub ]] ||
		[[ $group == servers && ($sub == show || $sub == edit) ]]; }; then
		COMPREPLY=($(compgen -W "$(_dedi_servers "$profile")" -- "$cur"))
	fi
}
complete -F _dedi dedi
