#!/bin/sh
# dedi-sandbox --quirks bare-lists / null-lists: an empty list page comes
# back without its array ({"total_count": 0}) or with it null. dedi reads
# an empty list, as the official SDK does.
. "$(dirname "$0")/lib.sh"

for q in bare-lists null-lists; do
	# Two servers: at least one of the three zones answers an empty page.
	start_sandbox --servers 2 --seed 5 --quirks "$q" || exit 1
	use_scw
	dedi servers list --json
	check "$q: servers list reads the empty zones as empty (0, the 2 servers)" \
		[ "$rc" -eq 0 -a "$(json_ids "$TMP/out" | wc -l)" -eq 2 ]
	start_sandbox --servers 0 --quirks "$q" || exit 1
	dedi servers list --json
	check "$q: an empty account is a whole, empty list (0, total 0, no error)" \
		sh -c "[ $rc -eq 0 ] && grep -q '\"total_count\": 0' '$TMP/out' && [ ! -s '$TMP/err' ]"
done

finish
