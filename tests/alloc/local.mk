# alloc25: the failing allocator of tests/integration/alloc_fail.sh, a
# shared object preloaded into dedi; built for the checks only.
check_DATA = tests/alloc/failmalloc.so
tests/alloc/failmalloc.so: tests/alloc/failmalloc.c
	@mkdir -p tests/alloc
	$(AM_V_CC)$(CC) -std=c11 -O1 -g -Wall -Wextra -Werror -shared -fPIC \
		-o $@ $(srcdir)/tests/alloc/failmalloc.c -ldl
CLEANFILES += tests/alloc/failmalloc.so
EXTRA_DIST += tests/alloc/failmalloc.c
TESTS += tests/integration/alloc_fail.sh
EXTRA_DIST += tests/integration/alloc_fail.sh
# Every n from 1 to each path's total, both modes (long: see doc/HACKING.md).
check-alloc: tests/alloc/failmalloc.so dedi dedi-sandbox
	DD_BUILDDIR='$(abs_top_builddir)' DD_SRCDIR='$(abs_top_srcdir)' DEDI_ALLOC_EVERY=1 \
		DEDI_ALLOC_VALGRIND=$${DEDI_ALLOC_VALGRIND:-12} \
		$(SHELL) $(srcdir)/tests/integration/alloc_fail.sh
.PHONY: check-alloc
