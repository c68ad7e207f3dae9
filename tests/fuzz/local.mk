# tests/fuzz: libFuzzer harnesses. `make check` replays each checked-in
# corpus through its harness with the normal compiler (replay.c, one harness
# per binary); `make fuzz` builds a harness with clang and libFuzzer and
# runs it (tests/fuzz/fuzz.sh).
check_PROGRAMS += tests/fuzz/replay_text
TESTS += tests/fuzz/replay_text
tests_fuzz_replay_text_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_text.c \
	tests/fuzz/text_check.c tests/fuzz/text_check.h
tests_fuzz_replay_text_CPPFLAGS = $(AM_CPPFLAGS) -DDD_FUZZ_CORPUS='"text"'
tests_fuzz_replay_text_LDADD = $(DD_CORE_LIBS)

check_PROGRAMS += tests/fuzz/replay_netcalc
TESTS += tests/fuzz/replay_netcalc
tests_fuzz_replay_netcalc_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_netcalc.c
tests_fuzz_replay_netcalc_CPPFLAGS = $(AM_CPPFLAGS) -DDD_FUZZ_CORPUS='"netcalc"'
tests_fuzz_replay_netcalc_LDADD = $(DD_CORE_LIBS)

EXTRA_DIST += tests/fuzz/fuzz.sh tests/fuzz/corpus

# make fuzz runs every harness FUZZ_SECONDS each; make fuzz FUZZ=netcalc one.
FUZZ = all
FUZZ_SECONDS = 120
fuzz:
	DD_SRCDIR='$(abs_top_srcdir)' $(SHELL) $(top_srcdir)/tests/fuzz/fuzz.sh $(FUZZ) $(FUZZ_SECONDS)
.PHONY: fuzz

check_PROGRAMS += tests/fuzz/replay_decode
TESTS += tests/fuzz/replay_decode
tests_fuzz_replay_decode_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_decode.c
tests_fuzz_replay_decode_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS) $(CURL_CFLAGS) -DDD_FUZZ_CORPUS='"decode"'
tests_fuzz_replay_decode_LDADD = $(DD_CORE_LIBS)

check_PROGRAMS += tests/fuzz/replay_vault
TESTS += tests/fuzz/replay_vault
tests_fuzz_replay_vault_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_vault.c
tests_fuzz_replay_vault_CPPFLAGS = $(AM_CPPFLAGS) -DDD_FUZZ_CORPUS='"vault"'
tests_fuzz_replay_vault_LDADD = $(DD_CORE_LIBS)

check_PROGRAMS += tests/fuzz/replay_dedibox
TESTS += tests/fuzz/replay_dedibox
tests_fuzz_replay_dedibox_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_dedibox.c \
	tests/fuzz/decode_check.c tests/fuzz/decode_check.h
tests_fuzz_replay_dedibox_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS) -DDD_FUZZ_CORPUS='"dedibox"'
tests_fuzz_replay_dedibox_LDADD = $(DD_CORE_LIBS)

check_PROGRAMS += tests/fuzz/replay_api
TESTS += tests/fuzz/replay_api
tests_fuzz_replay_api_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_api.c \
	tests/fuzz/decode_check.c tests/fuzz/decode_check.h
tests_fuzz_replay_api_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS) -DDD_FUZZ_CORPUS='"api"'
tests_fuzz_replay_api_LDADD = $(DD_CORE_LIBS)

check_PROGRAMS += tests/fuzz/replay_config
TESTS += tests/fuzz/replay_config
tests_fuzz_replay_config_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_config.c \
	tests/fuzz/decode_check.c tests/fuzz/decode_check.h
tests_fuzz_replay_config_CPPFLAGS = $(AM_CPPFLAGS) $(NCURSES_CFLAGS) -DDD_FUZZ_CORPUS='"config"'
tests_fuzz_replay_config_LDADD = $(DD_TUI_LIBS) $(DD_CORE_LIBS)

check_PROGRAMS += tests/fuzz/replay_retry
TESTS += tests/fuzz/replay_retry
tests_fuzz_replay_retry_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_retry.c
tests_fuzz_replay_retry_CPPFLAGS = $(AM_CPPFLAGS) $(CURL_CFLAGS) -DDD_FUZZ_CORPUS='"retry"'
tests_fuzz_replay_retry_LDADD = $(DD_CORE_LIBS)

EXTRA_DIST += tests/fuzz/decode_check.h

# scan24: the server-list scanner against the tree decoder
check_PROGRAMS += tests/fuzz/replay_scan
TESTS += tests/fuzz/replay_scan
tests_fuzz_replay_scan_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_scan.c \
	tests/fuzz/scan_check.c tests/fuzz/scan_check.h
tests_fuzz_replay_scan_CPPFLAGS = $(AM_CPPFLAGS) -DDD_FUZZ_CORPUS='"scan"'
tests_fuzz_replay_scan_LDADD = $(DD_CORE_LIBS)

# make check-asan: the whole suite built with AddressSanitizer and UBSan
# (configure --enable-sanitizers) in a tree of its own, asan-build/, made
# from the distributed files, so this build's objects stay as they are.
check-asan:
	rm -rf asan-build
	$(MAKE) $(AM_MAKEFLAGS) distdir distdir=asan-build
	cd asan-build && ./configure --enable-sanitizers --enable-werror && $(MAKE) $(AM_MAKEFLAGS) check
.PHONY: check-asan
