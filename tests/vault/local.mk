# tests/vault: the credential vault, its file format and its commands.
VT_CPPFLAGS = $(AM_CPPFLAGS) $(SODIUM_CFLAGS) $(CMOCKA_CFLAGS)
VT_LIBS = $(DD_CORE_LIBS) $(CMOCKA_LIBS)

check_PROGRAMS += tests/vault/test_vault
TESTS += tests/vault/test_vault
tests_vault_test_vault_SOURCES = tests/vault/test_vault.c tests/vault/vtest.c tests/vault/vtest.h
tests_vault_test_vault_CPPFLAGS = $(VT_CPPFLAGS)
tests_vault_test_vault_LDADD = $(VT_LIBS)
