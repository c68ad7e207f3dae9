# tests/sdk: the official Scaleway SDK as a client of the sandbox (Node is a
# test tool only; run.sh skips without it).
TESTS += tests/sdk/run.sh
EXTRA_DIST += tests/sdk/run.sh tests/sdk/sdk.test.mjs tests/sdk/package.json \
	tests/sdk/package-lock.json tests/sdk/.npmrc
clean-local: clean-sdk
clean-sdk:
	rm -rf tests/sdk/cache
.PHONY: clean-sdk
