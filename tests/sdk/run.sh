#!/bin/sh
# tests/sdk: Scaleway's official SDK (npm, pinned by package-lock.json) as a
# client of dedi-sandbox. Needs the Node version the SDK's "engines" field
# asks for; without it, an honest SKIP. node_modules is installed into the
# build directory, so a VPATH or distcheck build leaves the sources alone.
: "${DD_SRCDIR:?}" "${DD_BUILDDIR:?}"
need=20.19.4
if ! command -v node >/dev/null 2>&1; then
	echo "1..0 # SKIP no node >= $need (the SDK's engines field)"
	exit 0
fi
have=$(node -p 'process.versions.node' 2>/dev/null)
if ! node -e '
	const [a, b] = process.argv.slice(1).map((v) => v.split(".").map(Number))
	process.exit((a[0] - b[0] || a[1] - b[1] || a[2] - b[2]) >= 0 ? 0 : 1)' "$have" "$need"; then
	echo "1..0 # SKIP node $have is older than $need (the SDK's engines field)"
	exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
	echo "1..0 # SKIP node $have has no npm beside it"
	exit 0
fi
cache="$DD_BUILDDIR/tests/sdk/cache"
mkdir -p "$cache" || exit 99
# npm ci wants the manifest, lockfile and .npmrc beside node_modules.
for f in package.json package-lock.json .npmrc sdk.test.mjs; do
	cmp -s "$DD_SRCDIR/tests/sdk/$f" "$cache/$f" || cp "$DD_SRCDIR/tests/sdk/$f" "$cache/$f" || exit 99
done
if [ ! -d "$cache/node_modules/@scaleway/sdk-dedibox" ] ||
	[ "$cache/package-lock.json" -nt "$cache/node_modules/.package-lock.json" ]; then
	# A failed install with node present is a failure, not a skip: CI
	# reaches the registry.
	if ! out=$(cd "$cache" && npm ci --no-audit --no-fund 2>&1); then
		echo "1..1"
		echo "not ok 1 - npm ci in $cache"
		printf '%s\n' "$out" | sed 's/^/# /'
		exit 1
	fi
fi
cd "$cache" && exec node sdk.test.mjs "$DD_BUILDDIR/dedi-sandbox" "$DD_BUILDDIR/dedi"
