# Unit tests (cmocka, TAP output).
DD_UNIT_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS) $(JANSSON_CFLAGS) $(CURL_CFLAGS) $(SODIUM_CFLAGS)
DD_UNIT_LIBS = $(DD_CORE_LIBS) $(CMOCKA_LIBS)

check_PROGRAMS += tests/unit/test_json tests/unit/test_decode
TESTS += tests/unit/test_json tests/unit/test_decode
tests_unit_test_json_SOURCES = tests/unit/test_json.c
tests_unit_test_json_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_json_LDADD = $(DD_UNIT_LIBS)
tests_unit_test_decode_SOURCES = tests/unit/test_decode.c
tests_unit_test_decode_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_decode_LDADD = $(DD_UNIT_LIBS)

# scan24: the server-list scanner against the tree decoder
check_PROGRAMS += tests/unit/test_json_scan
TESTS += tests/unit/test_json_scan
tests_unit_test_json_scan_SOURCES = tests/unit/test_json_scan.c \
	tests/fuzz/scan_check.c tests/fuzz/scan_check.h
tests_unit_test_json_scan_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_json_scan_LDADD = $(DD_SANDBOX_LIBS) $(DD_UNIT_LIBS) $(PTHREAD_LIBS)

check_PROGRAMS += tests/unit/test_text
TESTS += tests/unit/test_text
tests_unit_test_text_SOURCES = tests/unit/test_text.c \
	tests/fuzz/text_check.c tests/fuzz/text_check.h
tests_unit_test_text_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_text_LDADD = $(DD_CORE_LIBS) $(CMOCKA_LIBS)

check_PROGRAMS += tests/unit/test_netcalc
TESTS += tests/unit/test_netcalc
tests_unit_test_netcalc_SOURCES = tests/unit/test_netcalc.c
tests_unit_test_netcalc_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_netcalc_LDADD = $(DD_CORE_LIBS) $(CMOCKA_LIBS)

check_PROGRAMS += tests/unit/test_netcalc_free
TESTS += tests/unit/test_netcalc_free
tests_unit_test_netcalc_free_SOURCES = tests/unit/test_netcalc_free.c
tests_unit_test_netcalc_free_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_netcalc_free_LDADD = $(DD_CORE_LIBS) $(CMOCKA_LIBS)

TESTS += tests/unit/headers.sh
EXTRA_DIST += tests/unit/headers.sh

# secfix: the ELF of dedi and dedi-sandbox carries configure's hardening.
TESTS += tests/unit/hardening_elf.sh
EXTRA_DIST += tests/unit/hardening_elf.sh

check_PROGRAMS += tests/unit/test_http
TESTS += tests/unit/test_http
tests_unit_test_http_SOURCES = tests/unit/test_http.c
tests_unit_test_http_CPPFLAGS = $(DD_UNIT_CPPFLAGS) $(MHD_CFLAGS)
tests_unit_test_http_LDADD = $(DD_UNIT_LIBS) $(MHD_LIBS)

check_PROGRAMS += tests/unit/test_audit
TESTS += tests/unit/test_audit
tests_unit_test_audit_SOURCES = tests/unit/test_audit.c
tests_unit_test_audit_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_audit_LDADD = $(DD_UNIT_LIBS)

check_PROGRAMS += tests/unit/test_account
TESTS += tests/unit/test_account
tests_unit_test_account_SOURCES = tests/unit/test_account.c
tests_unit_test_account_CPPFLAGS = $(DD_UNIT_CPPFLAGS) $(MHD_CFLAGS)
tests_unit_test_account_LDADD = $(DD_UNIT_LIBS) $(MHD_LIBS) -lpthread

check_PROGRAMS += tests/unit/test_export
TESTS += tests/unit/test_export
tests_unit_test_export_SOURCES = tests/unit/test_export.c
tests_unit_test_export_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_export_LDADD = $(DD_UNIT_LIBS)

check_PROGRAMS += tests/unit/test_store
TESTS += tests/unit/test_store
tests_unit_test_store_SOURCES = tests/unit/test_store.c
tests_unit_test_store_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_store_LDADD = $(DD_SANDBOX_LIBS) $(DD_UNIT_LIBS) $(PTHREAD_LIBS)

check_PROGRAMS += tests/unit/test_write
TESTS += tests/unit/test_write
tests_unit_test_write_SOURCES = tests/unit/test_write.c
tests_unit_test_write_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_write_LDADD = $(DD_UNIT_LIBS)

check_PROGRAMS += tests/unit/test_store_billing
TESTS += tests/unit/test_store_billing
tests_unit_test_store_billing_SOURCES = tests/unit/test_store_billing.c
tests_unit_test_store_billing_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_store_billing_LDADD = $(DD_SANDBOX_LIBS) $(DD_UNIT_LIBS) $(PTHREAD_LIBS)

check_PROGRAMS += tests/unit/test_store_net
TESTS += tests/unit/test_store_net
tests_unit_test_store_net_SOURCES = tests/unit/test_store_net.c
tests_unit_test_store_net_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_store_net_LDADD = $(DD_SANDBOX_LIBS) $(DD_UNIT_LIBS) $(PTHREAD_LIBS)

# issue 17: list answers without their array (quirks1).
check_PROGRAMS += tests/unit/test_bare_lists
TESTS += tests/unit/test_bare_lists
tests_unit_test_bare_lists_SOURCES = tests/unit/test_bare_lists.c
tests_unit_test_bare_lists_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_bare_lists_LDADD = $(DD_UNIT_LIBS)

check_PROGRAMS += tests/unit/test_apierr
TESTS += tests/unit/test_apierr
tests_unit_test_apierr_SOURCES = tests/unit/test_apierr.c
tests_unit_test_apierr_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_apierr_LDADD = $(DD_UNIT_LIBS)

check_PROGRAMS += tests/unit/test_ip_semantic
TESTS += tests/unit/test_ip_semantic
tests_unit_test_ip_semantic_SOURCES = tests/unit/test_ip_semantic.c
tests_unit_test_ip_semantic_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_ip_semantic_LDADD = $(DD_UNIT_LIBS)

check_PROGRAMS += tests/unit/test_failover_zones
TESTS += tests/unit/test_failover_zones
tests_unit_test_failover_zones_SOURCES = tests/unit/test_failover_zones.c
tests_unit_test_failover_zones_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_failover_zones_LDADD = $(DD_SANDBOX_LIBS) $(DD_UNIT_LIBS) $(PTHREAD_LIBS)

# Loading progress counts servers, not records (issue 18, 12).
check_PROGRAMS += tests/unit/test_progress
TESTS += tests/unit/test_progress
tests_unit_test_progress_SOURCES = tests/unit/test_progress.c
tests_unit_test_progress_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_progress_LDADD = $(DD_SANDBOX_LIBS) $(DD_UNIT_LIBS) $(PTHREAD_LIBS)
# One config key written in place; the raw UTF-8 copy for --json (issue 18).
check_PROGRAMS += tests/unit/test_config_set
TESTS += tests/unit/test_config_set
tests_unit_test_config_set_SOURCES = tests/unit/test_config_set.c
tests_unit_test_config_set_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_config_set_LDADD = $(DD_UNIT_LIBS)

check_PROGRAMS += tests/unit/test_billing_rules
TESTS += tests/unit/test_billing_rules
tests_unit_test_billing_rules_SOURCES = tests/unit/test_billing_rules.c
tests_unit_test_billing_rules_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_billing_rules_LDADD = $(DD_CORE_LIBS) $(CMOCKA_LIBS)

# billui: the invoice list of both sources, CSV, file names, cut downloads.
check_PROGRAMS += tests/unit/test_invoices
TESTS += tests/unit/test_invoices
tests_unit_test_invoices_SOURCES = tests/unit/test_invoices.c
tests_unit_test_invoices_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_invoices_LDADD = $(DD_UNIT_LIBS) $(PTHREAD_LIBS)
# order: offers, the order plan, the idempotency record, the audit log read back
check_PROGRAMS += tests/unit/test_order
TESTS += tests/unit/test_order
tests_unit_test_order_SOURCES = tests/unit/test_order.c
tests_unit_test_order_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_order_LDADD = $(DD_SANDBOX_LIBS) $(DD_UNIT_LIBS) $(PTHREAD_LIBS)
# billcore: pay-as-you-go and VAT rules.
check_PROGRAMS += tests/unit/test_billing_payg tests/unit/test_vat
TESTS += tests/unit/test_billing_payg tests/unit/test_vat
tests_unit_test_billing_payg_SOURCES = tests/unit/test_billing_payg.c
tests_unit_test_billing_payg_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_billing_payg_LDADD = $(DD_CORE_LIBS) $(CMOCKA_LIBS)
tests_unit_test_vat_SOURCES = tests/unit/test_vat.c
tests_unit_test_vat_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_vat_LDADD = $(DD_CORE_LIBS) $(CMOCKA_LIBS)
check_PROGRAMS += tests/unit/test_billing_estimate
TESTS += tests/unit/test_billing_estimate
tests_unit_test_billing_estimate_SOURCES = tests/unit/test_billing_estimate.c
tests_unit_test_billing_estimate_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) $(JANSSON_CFLAGS)
tests_unit_test_billing_estimate_LDADD = $(DD_CORE_LIBS) $(CMOCKA_LIBS)
# issue 20: RPN checks, requests and decoders
check_PROGRAMS += tests/unit/test_rpn
TESTS += tests/unit/test_rpn
tests_unit_test_rpn_SOURCES = tests/unit/test_rpn.c
tests_unit_test_rpn_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_rpn_LDADD = $(DD_UNIT_LIBS)
# issue 19: the server actions' decoders, RAID rule, install checks, Online bodies
check_PROGRAMS += tests/unit/test_actions
TESTS += tests/unit/test_actions
tests_unit_test_actions_SOURCES = tests/unit/test_actions.c
tests_unit_test_actions_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_actions_LDADD = $(DD_UNIT_LIBS)
# netfix: the failover move's spaced follow-up and the http loop's timer
check_PROGRAMS += tests/unit/test_fip_follow
TESTS += tests/unit/test_fip_follow
tests_unit_test_fip_follow_SOURCES = tests/unit/test_fip_follow.c
tests_unit_test_fip_follow_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_fip_follow_LDADD = $(DD_UNIT_LIBS)

# linkwiz: the link wizard's kept place (core/link_form) and the vault record
check_PROGRAMS += tests/unit/test_link_form
TESTS += tests/unit/test_link_form
tests_unit_test_link_form_SOURCES = tests/unit/test_link_form.c
tests_unit_test_link_form_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_link_form_LDADD = $(DD_UNIT_LIBS)
# linking: the FAQ's rules, table-driven
check_PROGRAMS += tests/unit/test_linking
TESTS += tests/unit/test_linking
tests_unit_test_linking_SOURCES = tests/unit/test_linking.c
tests_unit_test_linking_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_linking_LDADD = $(DD_CORE_LIBS) $(CMOCKA_LIBS)

# linking: the facts from the sandbox's scenarios, the new decoders, the report
check_PROGRAMS += tests/unit/test_link_gather
TESTS += tests/unit/test_link_gather
tests_unit_test_link_gather_SOURCES = tests/unit/test_link_gather.c
tests_unit_test_link_gather_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_link_gather_LDADD = $(DD_SANDBOX_LIBS) $(DD_UNIT_LIBS) $(PTHREAD_LIBS)

check_PROGRAMS += tests/unit/test_dbx_lines
TESTS += tests/unit/test_dbx_lines
tests_unit_test_dbx_lines_SOURCES = tests/unit/test_dbx_lines.c
tests_unit_test_dbx_lines_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_dbx_lines_LDADD = $(DD_SANDBOX_LIBS) $(DD_UNIT_LIBS) $(PTHREAD_LIBS)
# eco: the YAML and CSV writers of -o
check_PROGRAMS += tests/unit/test_outfmt
TESTS += tests/unit/test_outfmt
tests_unit_test_outfmt_SOURCES = tests/unit/test_outfmt.c
tests_unit_test_outfmt_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_outfmt_LDADD = $(DD_UNIT_LIBS)

# cache24: the encrypted cache (core/cache.h).
check_PROGRAMS += tests/unit/test_cache
TESTS += tests/unit/test_cache
tests_unit_test_cache_SOURCES = tests/unit/test_cache.c
tests_unit_test_cache_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_cache_LDADD = $(DD_UNIT_LIBS)
# act19: the server actions' lists (systems, rescue images) as store kinds
check_PROGRAMS += tests/unit/test_store_actions
TESTS += tests/unit/test_store_actions
tests_unit_test_store_actions_SOURCES = tests/unit/test_store_actions.c
tests_unit_test_store_actions_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_store_actions_LDADD = $(DD_SANDBOX_LIBS) $(DD_UNIT_LIBS) $(PTHREAD_LIBS)
# faults25: the retry schedule, Retry-After and the per-host budget
check_PROGRAMS += tests/unit/test_ratelimit
TESTS += tests/unit/test_ratelimit
tests_unit_test_ratelimit_SOURCES = tests/unit/test_ratelimit.c
tests_unit_test_ratelimit_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_ratelimit_LDADD = $(DD_UNIT_LIBS)
# issue 24 (etag24): the Online validators in the cache
check_PROGRAMS += tests/unit/test_cache_validators
TESTS += tests/unit/test_cache_validators
tests_unit_test_cache_validators_SOURCES = tests/unit/test_cache_validators.c
tests_unit_test_cache_validators_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_cache_validators_LDADD = $(DD_UNIT_LIBS)

# out24: servers list's writers without trees against the old path (kept in the test)
check_PROGRAMS += tests/unit/test_export_same
TESTS += tests/unit/test_export_same
tests_unit_test_export_same_SOURCES = tests/unit/test_export_same.c
tests_unit_test_export_same_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_export_same_LDADD = $(DD_SANDBOX_LIBS) $(DD_UNIT_LIBS) $(PTHREAD_LIBS)

# out24: a public document's arena recycled unwiped, a secret's wiped whole
check_PROGRAMS += tests/unit/test_json_arena
TESTS += tests/unit/test_json_arena
tests_unit_test_json_arena_SOURCES = tests/unit/test_json_arena.c
tests_unit_test_json_arena_CPPFLAGS = $(DD_UNIT_CPPFLAGS)
tests_unit_test_json_arena_LDADD = $(DD_UNIT_LIBS)
