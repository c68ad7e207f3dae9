# tests/vault: the credential vault, its file format and its commands.
VT_CPPFLAGS = $(AM_CPPFLAGS) $(SODIUM_CFLAGS) $(CMOCKA_CFLAGS)
VT_LIBS = $(DD_CORE_LIBS) $(CMOCKA_LIBS)

check_PROGRAMS += tests/vault/test_vault
TESTS += tests/vault/test_vault
tests_vault_test_vault_SOURCES = tests/vault/test_vault.c tests/vault/vtest.c tests/vault/vtest.h
tests_vault_test_vault_CPPFLAGS = $(VT_CPPFLAGS)
tests_vault_test_vault_LDADD = $(VT_LIBS)

check_PROGRAMS += tests/vault/test_tamper
TESTS += tests/vault/test_tamper
tests_vault_test_tamper_SOURCES = tests/vault/test_tamper.c tests/vault/vtest.c tests/vault/vtest.h
tests_vault_test_tamper_CPPFLAGS = $(VT_CPPFLAGS)
tests_vault_test_tamper_LDADD = $(VT_LIBS)

# The generator of tests/data/vault (run by hand, see its comment).
EXTRA_PROGRAMS = tests/vault/mkvectors
tests_vault_mkvectors_SOURCES = tests/vault/mkvectors.c
tests_vault_mkvectors_CPPFLAGS = $(AM_CPPFLAGS) $(SODIUM_CFLAGS)
tests_vault_mkvectors_LDADD = $(SODIUM_LIBS)

check_PROGRAMS += tests/vault/test_vectors
TESTS += tests/vault/test_vectors
tests_vault_test_vectors_SOURCES = tests/vault/test_vectors.c tests/vault/vtest.c tests/vault/vtest.h
tests_vault_test_vectors_CPPFLAGS = $(VT_CPPFLAGS)
tests_vault_test_vectors_LDADD = $(VT_LIBS)
EXTRA_DIST += tests/data/vault

# Its own build of the file code, with the fault points compiled in.
check_PROGRAMS += tests/vault/test_atomic
TESTS += tests/vault/test_atomic
tests_vault_test_atomic_SOURCES = tests/vault/test_atomic.c tests/vault/vtest.c tests/vault/vtest.h \
	core/safefile.c core/vault.c
tests_vault_test_atomic_CPPFLAGS = $(VT_CPPFLAGS) -DDD_SAFEFILE_FAULTS
tests_vault_test_atomic_LDADD = $(VT_LIBS)

check_PROGRAMS += tests/vault/test_concurrent
TESTS += tests/vault/test_concurrent
tests_vault_test_concurrent_SOURCES = tests/vault/test_concurrent.c tests/vault/vtest.c tests/vault/vtest.h
tests_vault_test_concurrent_CPPFLAGS = $(VT_CPPFLAGS)
tests_vault_test_concurrent_LDADD = $(VT_LIBS)

check_PROGRAMS += tests/vault/test_config
TESTS += tests/vault/test_config
tests_vault_test_config_SOURCES = tests/vault/test_config.c tests/vault/vtest.c tests/vault/vtest.h
tests_vault_test_config_CPPFLAGS = $(VT_CPPFLAGS)
tests_vault_test_config_LDADD = $(VT_LIBS)

check_PROGRAMS += tests/vault/test_import
TESTS += tests/vault/test_import
tests_vault_test_import_SOURCES = tests/vault/test_import.c
tests_vault_test_import_CPPFLAGS = $(VT_CPPFLAGS)
tests_vault_test_import_LDADD = $(VT_LIBS)

TESTS += tests/vault/cli_session.sh
EXTRA_DIST += tests/vault/cli_session.sh

TESTS += tests/vault/auth_import.sh
EXTRA_DIST += tests/vault/auth_import.sh

# dedi itself in a pseudo-terminal, answering its passphrase prompts.
check_PROGRAMS += tests/vault/test_tty
TESTS += tests/vault/test_tty
tests_vault_test_tty_SOURCES = tests/vault/test_tty.c tests/vault/vtest.c tests/vault/vtest.h
tests_vault_test_tty_CPPFLAGS = $(VT_CPPFLAGS)
tests_vault_test_tty_LDADD = $(VT_LIBS) -lutil

# auth login in a pseudo-terminal: passphrase first, fields checked as typed.
check_PROGRAMS += tests/vault/test_login_tty
TESTS += tests/vault/test_login_tty
tests_vault_test_login_tty_SOURCES = tests/vault/test_login_tty.c tests/vault/vtest.c tests/vault/vtest.h
tests_vault_test_login_tty_CPPFLAGS = $(VT_CPPFLAGS)
tests_vault_test_login_tty_LDADD = $(VT_LIBS) -lutil

check_PROGRAMS += tests/vault/test_iam
TESTS += tests/vault/test_iam
tests_vault_test_iam_SOURCES = tests/vault/test_iam.c
tests_vault_test_iam_CPPFLAGS = $(VT_CPPFLAGS) $(JANSSON_CFLAGS)
tests_vault_test_iam_LDADD = $(VT_LIBS)

TESTS += tests/vault/lock_wait.sh
EXTRA_DIST += tests/vault/lock_wait.sh

check_PROGRAMS += tests/vault/test_profile
TESTS += tests/vault/test_profile
tests_vault_test_profile_SOURCES = tests/vault/test_profile.c tests/vault/vtest.c tests/vault/vtest.h
tests_vault_test_profile_CPPFLAGS = $(VT_CPPFLAGS)
tests_vault_test_profile_LDADD = $(VT_LIBS)
