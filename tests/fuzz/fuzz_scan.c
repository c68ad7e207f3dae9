/* Fuzz harness: the server-list scanner (core/scw_server_scan.h) against
 * the jansson tree decoder. Whatever the bytes: when the scanner takes a
 * page, the tree decoder takes it too with the same records and total;
 * when it gives up, its list is as it was; dd_scw_decode_server_page
 * answers what the tree decoder answers (records or error message). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tests/fuzz/scan_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[600];

	if (dd_scan_check_page((const char *)data, size, why, sizeof(why)) < 0) {
		fprintf(stderr, "fuzz_scan: %s\n", why);
		abort();
	}
	return 0;
}
