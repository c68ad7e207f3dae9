# Integration tests: dedi against a private dedi-sandbox (TAP scripts).
TESTS += tests/integration/servers_list.sh tests/integration/servers_show.sh \
	tests/integration/output.sh tests/integration/servers_edit.sh \
	tests/integration/stub_dedi.sh
EXTRA_DIST += tests/integration/lib.sh tests/integration/stub_dedi.sh tests/integration/servers_list.sh tests/integration/servers_edit.sh \
	tests/integration/servers_show.sh tests/integration/output.sh
