/* The scanner (core/scw_server_scan.h) against the tree decoder on one
 * server-list page: shared by tests/unit/test_json_scan.c and the fuzz
 * harness tests/fuzz/fuzz_scan.c. */
#ifndef DD_SCAN_CHECK_H
#define DD_SCAN_CHECK_H

#include <stddef.h>

#include "core/model.h"

/* 0 when a and b hold the same records, field by field; else -1 with
 * the first difference in why. */
int dd_scan_check_same(const struct dd_server_list *a, const struct dd_server_list *b,
		       char *why, size_t whylen);

/* Decodes body three ways: the scanner alone, the tree decoder alone and
 * dd_scw_decode_server_page, each into a list that already holds one
 * record. The rules: a page the scanner takes, the tree decoder takes
 * with the same records and total; a page it gives up leaves its list and
 * total as they were; dd_scw_decode_server_page's answer (records, total
 * or error message) is the tree decoder's. Returns 1 (the scanner took
 * the page) or 0 (it gave up) when they hold, -1 with why filled when one
 * breaks. */
int dd_scan_check_page(const char *body, size_t len, char *why, size_t whylen);

#endif
