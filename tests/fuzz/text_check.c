/* Written from the contract in core/text.h, not from core/text.c: the
 * forbidden list below is the one the contract names, with its own
 * decoder, so a slip in the sanitizer's tables shows here. */
#include "tests/fuzz/text_check.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

struct range {
	uint32_t lo, hi;
};

static const struct range forbidden[] = {
	{ 0x00, 0x1F }, { 0x7F, 0x9F }, { 0xA0, 0xA0 }, { 0xAD, 0xAD },
	{ 0x34F, 0x34F }, { 0x61C, 0x61C }, { 0x115F, 0x1160 },
	{ 0x1680, 0x1680 }, { 0x17B4, 0x17B5 }, { 0x180B, 0x180F },
	{ 0x2000, 0x200F }, { 0x2028, 0x202F }, { 0x205F, 0x206F },
	{ 0x3000, 0x3000 }, { 0x3164, 0x3164 }, { 0xD800, 0xDFFF },
	{ 0xFDD0, 0xFDEF }, { 0xFE00, 0xFE0F }, { 0xFEFF, 0xFEFF },
	{ 0xFFA0, 0xFFA0 }, { 0xFFF9, 0xFFFB }, { 0xE0000, 0xE007F },
	{ 0xE0100, 0xE01EF },
};

/* Combining blocks: a flood of marks from any of these is capped. */
static const struct range combining[] = {
	{ 0x300, 0x36F }, { 0x483, 0x489 }, { 0x591, 0x5BD },
	{ 0x1AB0, 0x1ABD }, { 0x1DC0, 0x1DFF }, { 0x20D0, 0x20F0 },
	{ 0xFE20, 0xFE2F },
};

static bool in(const struct range *r, size_t n, uint32_t cp)
{
	for (size_t i = 0; i < n; i++)
		if (cp >= r[i].lo && cp <= r[i].hi)
			return true;
	return false;
}

/* Strict decoder written the long way: value, then length checks. */
static size_t strict_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t v;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2;
		v = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3;
		v = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4;
		v = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) ||
	    (len == 4 && v < 0x10000) || v > 0x10FFFF)
		return 0;
	*cp = v;
	return len;
}

bool dd_test_text_valid(const char *out, size_t outlen, char *why, size_t whysz)
{
	const unsigned char *s = (const unsigned char *)out;
	unsigned run = 0;

	if (outlen > DD_TEXT_MAX - 1) {
		snprintf(why, whysz, "output of %zu bytes exceeds %d", outlen,
			 DD_TEXT_MAX - 1);
		return false;
	}
	if (strlen(out) != outlen) {
		snprintf(why, whysz, "output holds a NUL at byte %zu", strlen(out));
		return false;
	}
	for (size_t i = 0; i < outlen;) {
		uint32_t cp;
		size_t n = strict_decode(s + i, outlen - i, &cp);

		if (n == 0) {
			snprintf(why, whysz, "invalid UTF-8 at byte %zu", i);
			return false;
		}
		if (in(forbidden, sizeof(forbidden) / sizeof(forbidden[0]), cp) ||
		    (cp & 0xFFFE) == 0xFFFE) {
			snprintf(why, whysz, "forbidden U+%04X at byte %zu",
				 (unsigned)cp, i);
			return false;
		}
		if (in(combining, sizeof(combining) / sizeof(combining[0]), cp)) {
			if (i == 0) {
				snprintf(why, whysz, "output starts with a combining mark");
				return false;
			}
			if (++run > 2) {
				snprintf(why, whysz,
					 "third combining mark in a row at byte %zu", i);
				return false;
			}
		} else {
			run = 0;
		}
		i += n;
	}
	return true;
}

static bool ends_with_ellipsis(const char *s, size_t n)
{
	return n >= 3 && memcmp(s + n - 3, "\xE2\x80\xA6", 3) == 0;
}

/* Length of the UTF-8 sequence a lead byte starts (output is valid). */
static size_t seq_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static size_t width_of(const char *s, size_t n)
{
	char prefix[DD_TEXT_MAX + 8];

	memcpy(prefix, s, n);
	prefix[n] = '\0';
	return dd_text_width(prefix);
}

/* dd_text_fit at a few widths: a boundary, fits, and is the longest that
 * does (one more character would not fit). */
static bool check_fit(const char *out, size_t outlen, char *why, size_t whysz)
{
	size_t width = dd_text_width(out);
	size_t cols[] = { 0, 1, 2, 3, width / 2, width ? width - 1 : 0, width };

	if (dd_text_fit(out, width) != outlen) {
		snprintf(why, whysz, "fit(width=%zu) gives %zu of %zu bytes",
			 width, dd_text_fit(out, width), outlen);
		return false;
	}
	for (size_t k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
		size_t n = dd_text_fit(out, cols[k]), next;

		if (n > outlen ||
		    (n < outlen && ((unsigned char)out[n] & 0xC0) == 0x80)) {
			snprintf(why, whysz, "fit(%zu) = %zu is not a boundary",
				 cols[k], n);
			return false;
		}
		if (width_of(out, n) > cols[k]) {
			snprintf(why, whysz, "fit(%zu) prefix is %zu wide", cols[k],
				 width_of(out, n));
			return false;
		}
		if (n == outlen)
			continue;
		next = n + seq_len((unsigned char)out[n]);
		if (next <= outlen && width_of(out, next) <= cols[k]) {
			snprintf(why, whysz, "fit(%zu) = %zu stops short", cols[k], n);
			return false;
		}
	}
	return true;
}

bool dd_test_text_invariants(const unsigned char *in, size_t len, char *why,
			     size_t whysz)
{
	static const size_t sizes[] = { 1, 2, 3, 4, 5, 8, 13, 64, 300 };
	char *out = dd_text_clean((const char *)in, len), *again;
	char buf[DD_TEXT_MAX];
	size_t outlen;
	bool ok = false;

	if (out == NULL) {
		snprintf(why, whysz, "dd_text_clean returned NULL");
		return false;
	}
	outlen = strlen(out);
	if (!dd_test_text_valid(out, outlen, why, whysz))
		goto done;
	again = dd_text_clean(out, outlen);
	if (again == NULL || strcmp(again, out) != 0) {
		snprintf(why, whysz, "not idempotent");
		free(again);
		goto done;
	}
	free(again);
	if (dd_text_clean_buf((const char *)in, len, buf, sizeof(buf)) != outlen ||
	    strcmp(buf, out) != 0) {
		snprintf(why, whysz, "clean_buf differs from clean");
		goto done;
	}
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t n = dd_text_clean_buf((const char *)in, len, buf, sizes[i]);
		size_t body = n;

		if (n != strlen(buf) || n > sizes[i] - 1) {
			snprintf(why, whysz, "clean_buf(%zu) wrote %zu", sizes[i], n);
			goto done;
		}
		if (!dd_test_text_valid(buf, n, why, whysz))
			goto done;
		if (n == outlen && strcmp(buf, out) == 0)
			continue;
		if (outlen <= sizes[i] - 1) {
			snprintf(why, whysz, "clean_buf(%zu) cut an output of %zu bytes",
				 sizes[i], outlen);
			goto done;
		}
		/* A cut: the body before the ellipsis is a prefix of the full
		 * output that ends on a character boundary. */
		if (sizes[i] >= 4) {
			if (!ends_with_ellipsis(buf, n)) {
				snprintf(why, whysz, "clean_buf(%zu) cut without ellipsis",
					 sizes[i]);
				goto done;
			}
			body -= 3;
		}
		if (body > outlen || memcmp(buf, out, body) != 0 ||
		    (body < outlen && ((unsigned char)out[body] & 0xC0) == 0x80)) {
			snprintf(why, whysz, "clean_buf(%zu) is not a cut of the output",
				 sizes[i]);
			goto done;
		}
	}
	ok = check_fit(out, outlen, why, whysz);
done:
	free(out);
	return ok;
}
