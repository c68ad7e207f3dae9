/* Fuzz harness: the Retry-After header's value (core/ratelimit.c), seconds or
 * an HTTP date, as any server may send it. No crash; the wait is -1 (not
 * understood) or a count of seconds, never below. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/ratelimit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *v = malloc(size + 1);
	long s;

	if (v == NULL)
		return 0;
	memcpy(v, data, size);
	v[size] = '\0';
	s = dd_retry_after_parse(v, 1764547200); /* 2025-12-01 */
	if (s < -1)
		abort();
	free(v);
	return 0;
}
