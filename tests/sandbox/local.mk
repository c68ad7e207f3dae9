# tests/sandbox: the sandbox against the SDK contract, and its behaviour.
SBTEST_SOURCES = tests/sandbox/sbtest.c tests/sandbox/sbtest.h
SBTEST_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS) $(JANSSON_CFLAGS)
SBTEST_LIBS = $(DD_SANDBOX_LIBS) $(CURL_LIBS)

check_PROGRAMS += tests/sandbox/test_contract
TESTS += tests/sandbox/test_contract
tests_sandbox_test_contract_SOURCES = tests/sandbox/test_contract.c $(SBTEST_SOURCES)
tests_sandbox_test_contract_CFLAGS = $(SBTEST_CFLAGS)
tests_sandbox_test_contract_LDADD = $(SBTEST_LIBS)

EXTRA_DIST += tests/data/sdk-enums.txt tests/data/sdk-fields.txt tests/data/sdk-routes.txt tests/sandbox/extract-sdk.py

check_PROGRAMS += tests/sandbox/test_api
TESTS += tests/sandbox/test_api
tests_sandbox_test_api_SOURCES = tests/sandbox/test_api.c $(SBTEST_SOURCES)
tests_sandbox_test_api_CFLAGS = $(SBTEST_CFLAGS)
tests_sandbox_test_api_LDADD = $(SBTEST_LIBS)

check_PROGRAMS += tests/sandbox/test_load
TESTS += tests/sandbox/test_load
tests_sandbox_test_load_SOURCES = tests/sandbox/test_load.c $(SBTEST_SOURCES)
tests_sandbox_test_load_CFLAGS = $(SBTEST_CFLAGS)
tests_sandbox_test_load_LDADD = $(SBTEST_LIBS)

check_PROGRAMS += tests/sandbox/test_hostile
TESTS += tests/sandbox/test_hostile
tests_sandbox_test_hostile_SOURCES = tests/sandbox/test_hostile.c $(SBTEST_SOURCES)
tests_sandbox_test_hostile_CFLAGS = $(SBTEST_CFLAGS)
tests_sandbox_test_hostile_LDADD = $(SBTEST_LIBS)

TESTS += tests/sandbox/program.sh
EXTRA_DIST += tests/sandbox/program.sh

check_PROGRAMS += tests/sandbox/test_actions
TESTS += tests/sandbox/test_actions
tests_sandbox_test_actions_SOURCES = tests/sandbox/test_actions.c $(SBTEST_SOURCES)
tests_sandbox_test_actions_CFLAGS = $(SBTEST_CFLAGS)
tests_sandbox_test_actions_LDADD = $(SBTEST_LIBS)

check_PROGRAMS += tests/sandbox/test_billing
TESTS += tests/sandbox/test_billing
tests_sandbox_test_billing_SOURCES = tests/sandbox/test_billing.c $(SBTEST_SOURCES)
tests_sandbox_test_billing_CFLAGS = $(SBTEST_CFLAGS)
tests_sandbox_test_billing_LDADD = $(SBTEST_LIBS)

check_PROGRAMS += tests/sandbox/test_network
TESTS += tests/sandbox/test_network
tests_sandbox_test_network_SOURCES = tests/sandbox/test_network.c $(SBTEST_SOURCES)
tests_sandbox_test_network_CFLAGS = $(SBTEST_CFLAGS)
tests_sandbox_test_network_LDADD = $(SBTEST_LIBS)

check_PROGRAMS += tests/sandbox/test_order
TESTS += tests/sandbox/test_order
tests_sandbox_test_order_SOURCES = tests/sandbox/test_order.c $(SBTEST_SOURCES)
tests_sandbox_test_order_CFLAGS = $(SBTEST_CFLAGS)
tests_sandbox_test_order_LDADD = $(SBTEST_LIBS)

check_PROGRAMS += tests/sandbox/test_online
TESTS += tests/sandbox/test_online
tests_sandbox_test_online_SOURCES = tests/sandbox/test_online.c $(SBTEST_SOURCES)
tests_sandbox_test_online_CFLAGS = $(SBTEST_CFLAGS)
tests_sandbox_test_online_LDADD = $(SBTEST_LIBS)

check_PROGRAMS += tests/sandbox/test_rules
TESTS += tests/sandbox/test_rules
tests_sandbox_test_rules_SOURCES = tests/sandbox/test_rules.c $(SBTEST_SOURCES)
tests_sandbox_test_rules_CFLAGS = $(SBTEST_CFLAGS)
tests_sandbox_test_rules_LDADD = $(SBTEST_LIBS)

# issue 24: the kept list text against the tree path, byte for byte
check_PROGRAMS += tests/sandbox/test_pages
TESTS += tests/sandbox/test_pages
tests_sandbox_test_pages_SOURCES = tests/sandbox/test_pages.c $(SBTEST_SOURCES)
tests_sandbox_test_pages_CFLAGS = $(SBTEST_CFLAGS)
tests_sandbox_test_pages_LDADD = $(SBTEST_LIBS)

# issue 24: --invoices N, a busy account's billing history
check_PROGRAMS += tests/sandbox/test_invoices
TESTS += tests/sandbox/test_invoices
tests_sandbox_test_invoices_SOURCES = tests/sandbox/test_invoices.c $(SBTEST_SOURCES)
tests_sandbox_test_invoices_CFLAGS = $(SBTEST_CFLAGS)
tests_sandbox_test_invoices_LDADD = $(SBTEST_LIBS)
