# tests/sandbox: the sandbox against the SDK contract, and its behaviour.
SBTEST_SOURCES = tests/sandbox/sbtest.c tests/sandbox/sbtest.h
SBTEST_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS) $(JANSSON_CFLAGS)
SBTEST_LIBS = $(DD_SANDBOX_LIBS) $(CURL_LIBS)

check_PROGRAMS += tests/sandbox/test_contract
TESTS += tests/sandbox/test_contract
tests_sandbox_test_contract_SOURCES = tests/sandbox/test_contract.c $(SBTEST_SOURCES)
tests_sandbox_test_contract_CFLAGS = $(SBTEST_CFLAGS)
tests_sandbox_test_contract_LDADD = $(SBTEST_LIBS)

EXTRA_DIST += tests/data/sdk-enums.txt tests/data/sdk-fields.txt tests/sandbox/extract-sdk.py

check_PROGRAMS += tests/sandbox/test_api
TESTS += tests/sandbox/test_api
tests_sandbox_test_api_SOURCES = tests/sandbox/test_api.c $(SBTEST_SOURCES)
tests_sandbox_test_api_CFLAGS = $(SBTEST_CFLAGS)
tests_sandbox_test_api_LDADD = $(SBTEST_LIBS)
