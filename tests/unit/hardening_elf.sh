#!/bin/sh
# The built programs carry the hardening configure.ac asks for, read from
# the ELF files themselves: PIE, full RELRO (relro + bind now), the stack
# protector, and fortified string functions (not under --enable-sanitizers,
# where ASan replaces them).
set -u
b=${DD_BUILDDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
n=0
pt() { # pt DESCRIPTION COMMAND...
	n=$((n + 1))
	d=$1
	shift
	if "$@" >/dev/null 2>&1; then echo "ok $n - $d"; else echo "not ok $n - $d"; fi
}
if ! command -v readelf >/dev/null 2>&1; then
	echo "1..1"
	echo "not ok 1 - readelf (binutils) is needed to read the built programs"
	exit 1
fi
echo "1..10"
for p in dedi dedi-sandbox; do
	f=$b/$p
	readelf -h "$f" >"${TMPDIR:-/tmp}/elf.$$" 2>&1
	pt "$p: position independent (ELF type DYN)" grep -q 'Type: *DYN' "${TMPDIR:-/tmp}/elf.$$"
	readelf -d "$f" >"${TMPDIR:-/tmp}/elf.$$" 2>&1
	pt "$p: bound now (-z now)" grep -Eq 'BIND_NOW|FLAGS.*NOW' "${TMPDIR:-/tmp}/elf.$$"
	readelf -lW "$f" >"${TMPDIR:-/tmp}/elf.$$" 2>&1
	pt "$p: read-only relocations (GNU_RELRO)" grep -q 'GNU_RELRO' "${TMPDIR:-/tmp}/elf.$$"
	readelf --dyn-syms -W "$f" >"${TMPDIR:-/tmp}/elf.$$" 2>&1
	pt "$p: stack protector (__stack_chk_fail)" grep -q '__stack_chk_fail' "${TMPDIR:-/tmp}/elf.$$"
	n=$((n + 1))
	case " ${DD_HARDEN_CFLAGS:-} " in
	*-D_FORTIFY_SOURCE=2*)
		if grep -Eq '__(memcpy|snprintf|sprintf|vsnprintf|printf|fprintf|read|strcpy)_chk' "${TMPDIR:-/tmp}/elf.$$"; then
			echo "ok $n - $p: fortified libc calls (__*_chk)"
		else
			echo "not ok $n - $p: fortified libc calls (__*_chk)"
		fi ;;
	*) echo "ok $n - $p: fortified libc calls # SKIP not in this build's flags (sanitizers)" ;;
	esac
done
rm -f "${TMPDIR:-/tmp}/elf.$$"
