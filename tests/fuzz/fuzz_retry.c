/* Fuzz harness: the Retry-After header's value (core/http.c), seconds or
 * an HTTP date, as any server may send it. No crash; the wait is -1 (not
 * understood) or a count of seconds, never below. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *v = malloc(size + 1);
	long s;

	if (v == NULL)
		return 0;
	memcpy(v, data, size);
	v[size] = '\0';
	s = dd_http_parse_retry_after(v);
	if (s < -1)
		abort();
	free(v);
	return 0;
}
