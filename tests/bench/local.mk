# tests/bench: owned by whoever writes its tests

# Built by make check, run by hand: tests/bench/bench_text [ROUNDS]
check_PROGRAMS += tests/bench/bench_text
tests_bench_bench_text_SOURCES = tests/bench/bench_text.c
tests_bench_bench_text_LDADD = $(DD_CORE_LIBS)
EXTRA_DIST += tests/bench/list_servers.sh tests/bench/list_cpu.sh

# Built by make check, run by hand: tests/bench/bench_vault [ROUNDS]
check_PROGRAMS += tests/bench/bench_vault
tests_bench_bench_vault_SOURCES = tests/bench/bench_vault.c
tests_bench_bench_vault_CPPFLAGS = $(AM_CPPFLAGS) $(SODIUM_CFLAGS)
tests_bench_bench_vault_LDADD = $(DD_CORE_LIBS)

# Built by make check, run by hand: tests/bench/bench_sandbox [ROUNDS]
check_PROGRAMS += tests/bench/bench_sandbox
tests_bench_bench_sandbox_SOURCES = tests/bench/bench_sandbox.c $(SBTEST_SOURCES)
tests_bench_bench_sandbox_CFLAGS = $(SBTEST_CFLAGS)
tests_bench_bench_sandbox_LDADD = $(SBTEST_LIBS)

# make bench: issue 24's table in one run (tests/bench/bench.sh). Not part
# of make check; exits non-zero when a target is missed by more than 50%.
EXTRA_DIST += tests/bench/bench.sh tests/bench/sdk_list.mjs
bench: all tests/screen/bench_screen
	DD_BUILDDIR=$(abs_top_builddir) $(SHELL) $(srcdir)/tests/bench/bench.sh
.PHONY: bench
