#!/bin/sh
# Builds one libFuzzer harness with clang and runs it for a while.
#   tests/fuzz/fuzz.sh NAME [SECONDS]       (or: make fuzz FUZZ=NAME FUZZ_SECONDS=N)
# Needs clang with libFuzzer (Debian: apt-get install clang). The normal
# build does not: `make check` replays the corpora with gcc (replay.c).
# New inputs go to $OUT/NAME/corpus, crashes to $OUT/NAME/ (OUT defaults to
# ./fuzz-out); the checked-in seed corpus tests/fuzz/corpus/NAME is only read.
# Add a harness: one case below naming its sources and libraries.
set -e
name=${1:?usage: fuzz.sh NAME [SECONDS]}
seconds=${2:-120}
src=${DD_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
out=${OUT:-fuzz-out}/$name
cc=${FUZZ_CC:-clang}

case $name in
text)
  sources="core/text.c tests/fuzz/fuzz_text.c tests/fuzz/text_check.c"
  libs="" ;;
netcalc)
  sources="core/netcalc.c core/text.c core/error.c tests/fuzz/fuzz_netcalc.c"
  libs="" ;;
decode)
  sources="core/json.c core/text.c core/model.c core/money.c core/error.c core/scw_dedibox.c core/online.c core/apierr.c tests/fuzz/fuzz_decode.c"
  libs=$(pkg-config --libs jansson) ;;
vault)
  sources="core/vault.c core/safefile.c core/config.c core/scw_import.c core/text.c core/error.c tests/fuzz/fuzz_vault.c"
  libs="$(pkg-config --libs libsodium yaml-0.1)" ;;
*)
  echo "fuzz.sh: no harness named '$name' (see the case list in $0)" >&2
  exit 2 ;;
esac

command -v "$cc" >/dev/null 2>&1 || {
  echo "fuzz.sh: $cc not found; on Debian: apt-get install clang" >&2
  exit 2
}
mkdir -p "$out/corpus"
paths=""
for s in $sources; do paths="$paths $src/$s"; done
# shellcheck disable=SC2086
"$cc" -std=c11 -D_GNU_SOURCE -g -O1 -I"$src" -fsanitize=fuzzer,address,undefined \
  -fno-sanitize-recover=undefined -o "$out/fuzz_$name" $paths $libs
echo "fuzz.sh: running fuzz_$name for ${seconds}s (corpus $out/corpus)"
"$out/fuzz_$name" -max_total_time="$seconds" -print_final_stats=1 \
  -artifact_prefix="$out/" "$out/corpus" "$src/tests/fuzz/corpus/$name"
