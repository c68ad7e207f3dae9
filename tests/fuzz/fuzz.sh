#!/bin/sh
# Builds libFuzzer harnesses with clang and runs each for a while.
#   tests/fuzz/fuzz.sh NAME|all [SECONDS]   (or: make fuzz [FUZZ=NAME] FUZZ_SECONDS=N)
# Needs clang with libFuzzer (Debian: apt-get install clang). The normal
# build does not: `make check` replays the corpora with gcc (replay.c).
# core/*.c (and the theme parser) are compiled once with clang, the
# sanitizers and the fuzzer's coverage into $OUT/obj, and each harness links
# what it needs from that archive. New inputs go to $OUT/NAME/corpus,
# crashes to $OUT/NAME/ (OUT defaults to ./fuzz-out); the checked-in seed
# corpus tests/fuzz/corpus/NAME is only read.
# Exits 1 when a harness found something (a crash, a leak, a broken rule).
# Add a harness: one line in harness_files below, and a corpus directory.
set -e
name=${1:?usage: fuzz.sh NAME|all [SECONDS]}
seconds=${2:-120}
src=${DD_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
top=${OUT:-fuzz-out}
cc=${FUZZ_CC:-clang}
all="text netcalc decode vault dedibox api config retry scan"

# The harness and its helpers, relative to the source tree.
harness_files() {
  case $1 in
  text) echo "tests/fuzz/fuzz_text.c tests/fuzz/text_check.c" ;;
  decode|dedibox|api|config) echo "tests/fuzz/fuzz_$1.c tests/fuzz/decode_check.c" ;;
  scan) echo "tests/fuzz/fuzz_scan.c tests/fuzz/scan_check.c" ;;
  netcalc|vault|retry) echo "tests/fuzz/fuzz_$1.c" ;;
  *) return 1 ;;
  esac
}

if [ "$name" != all ] && ! harness_files "$name" >/dev/null; then
  echo "fuzz.sh: no harness named '$name' (one of: $all)" >&2
  exit 2
fi
command -v "$cc" >/dev/null 2>&1 || {
  echo "fuzz.sh: $cc not found; on Debian: apt-get install clang" >&2
  exit 2
}

pkgs="libcurl jansson libsodium yaml-0.1 ncursesw"
# shellcheck disable=SC2046
cflags="-std=c11 -D_GNU_SOURCE -DPACKAGE_VERSION=\"fuzz\" -DDD_DATADIR=\"/nonexistent\" -g -O1 \
  -I$src $(pkg-config --cflags $pkgs) \
  -fsanitize=address,undefined -fno-sanitize-recover=undefined"
libs="$(pkg-config --libs $pkgs) -lpthread"

# One archive of the code under test, rebuilt file by file when a source
# (or any header) is newer than its object.
obj=$top/obj
mkdir -p "$obj"
newest_h=$(ls -t "$src"/core/*.h "$src"/tui/theme.h | head -n 1)
changed=0
for c in "$src"/core/*.c "$src"/tui/theme.c; do
  o=$obj/$(basename "$(dirname "$c")")_$(basename "$c" .c).o
  if [ ! -f "$o" ] || [ "$c" -nt "$o" ] || [ "$newest_h" -nt "$o" ]; then
    # shellcheck disable=SC2086
    "$cc" $cflags -fsanitize=fuzzer-no-link -c "$c" -o "$o"
    changed=1
  fi
done
if [ "$changed" = 1 ] || [ ! -f "$top/libfuzzcore.a" ]; then
  rm -f "$top/libfuzzcore.a"
  ar rcs "$top/libfuzzcore.a" "$obj"/*.o
fi

run_one() {
  h=$1
  out=$top/$h
  mkdir -p "$out/corpus"
  paths=""
  for s in $(harness_files "$h"); do paths="$paths $src/$s"; done
  # shellcheck disable=SC2086
  "$cc" $cflags -fsanitize=fuzzer -o "$out/fuzz_$h" $paths "$top/libfuzzcore.a" $libs
  echo "fuzz.sh: running fuzz_$h for ${seconds}s (corpus $out/corpus)"
  "$out/fuzz_$h" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$out/" "$out/corpus" "$src/tests/fuzz/corpus/$h" \
    >"$out/log" 2>&1 && st=0 || st=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log" | tail -n 1)
  if [ "$st" -eq 0 ]; then
    echo "fuzz.sh: $h: ${execs:-?} executions, no finding"
  else
    tail -n 40 "$out/log"
    echo "fuzz.sh: $h: FINDING after ${execs:-?} executions (exit $st; input in $out/)"
  fi
  return "$st"
}

found=0
if [ "$name" = all ]; then
  for h in $all; do run_one "$h" || found=1; done
else
  run_one "$name" || found=1
fi
exit "$found"
