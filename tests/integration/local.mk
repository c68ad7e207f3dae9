# Integration tests: dedi against a private dedi-sandbox (TAP scripts).
TESTS += tests/integration/servers_list.sh tests/integration/servers_show.sh \
	tests/integration/output.sh tests/integration/servers_edit.sh
EXTRA_DIST += tests/integration/lib.sh tests/integration/servers_list.sh tests/integration/servers_edit.sh \
	tests/integration/servers_show.sh tests/integration/output.sh
# --json carries the real value of a string (issue 18, 22).
TESTS += tests/integration/json_raw.sh
EXTRA_DIST += tests/integration/json_raw.sh
