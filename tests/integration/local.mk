# Integration tests: dedi against a private dedi-sandbox (TAP scripts).
TESTS += tests/integration/servers_list.sh tests/integration/servers_show.sh \
	tests/integration/output.sh tests/integration/servers_edit.sh
EXTRA_DIST += tests/integration/lib.sh tests/integration/servers_list.sh tests/integration/servers_edit.sh \
	tests/integration/servers_show.sh tests/integration/output.sh

# issue 17: the real APIs' quirks (dedi-sandbox --quirks)
TESTS += tests/integration/quirks_net.sh
EXTRA_DIST += tests/integration/quirks_net.sh
