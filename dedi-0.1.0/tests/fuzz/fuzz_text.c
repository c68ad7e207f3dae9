/* libFuzzer harness for core/text.c: any bytes in, every invariant of the
 * contract checked (tests/fuzz/text_check.c). A broken invariant aborts,
 * which is what libFuzzer and the replay driver report. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tests/fuzz/text_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[256];

	if (!dd_test_text_invariants(data, size, why, sizeof(why))) {
		fprintf(stderr, "fuzz_text: %s\n", why);
		abort();
	}
	return 0;
}
