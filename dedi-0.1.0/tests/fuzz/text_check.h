/* Invariants of core/text.c, checked by a decoder and tables written apart
 * from the sanitizer's own, for the unit tests and the fuzz harness. */
#ifndef DD_TEST_TEXT_CHECK_H
#define DD_TEST_TEXT_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* True when out (outlen bytes) is what a sanitizer may give: valid UTF-8,
 * no NUL, no forbidden code point, short enough, no combining flood.
 * Otherwise writes one sentence into why. */
bool dd_test_text_valid(const char *out, size_t outlen, char *why, size_t whysz);

/* Runs dd_text_clean, dd_text_clean_buf, dd_text_width and dd_text_fit on
 * in and checks every invariant: validity, idempotence, cuts that are
 * prefixes, fits on character boundaries. */
bool dd_test_text_invariants(const unsigned char *in, size_t len, char *why,
			     size_t whysz);

#endif
