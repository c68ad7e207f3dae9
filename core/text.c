/* The one sanitizer (contract and notation in core/text.h). */
#include "core/text.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct text_range {
	uint32_t lo, hi;
};

#include "core/text_tables.inc"

/* Combining marks beyond this many after one character are escaped, as are
 * marks with no character before them: two cover real text (Vietnamese
 * stacks two diacritics) and keep a flood from drawing over the
 * neighbouring rows. An escaped mark does not end the run. */
#define TEXT_MAX_COMBINING 2

#define TEXT_INVALID UINT32_MAX

static const char text_ellipsis[] = "\xE2\x80\xA6";   /* U+2026 */
static const char text_replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

static bool in_table(const struct text_range *t, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	if (cp < t[0].lo || cp > t[n - 1].hi)
		return false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp > t[mid].hi)
			lo = mid + 1;
		else if (cp < t[mid].lo)
			hi = mid;
		else
			return true;
	}
	return false;
}

#define IN_TABLE(t, cp) in_table((t), sizeof(t) / sizeof((t)[0]), (cp))

/* Decodes one scalar value from s[0..n), n >= 1, following Table 3-7 of
 * the Unicode standard: overlong forms, surrogates and values past
 * U+10FFFF are invalid. Returns the bytes consumed; on invalid input *cp
 * is TEXT_INVALID and the count is the maximal subpart (at least 1), so
 * each one becomes a single U+FFFD. */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char b = s[0], lo = 0x80, hi = 0xBF;
	size_t need, i;
	uint32_t v;

	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b < 0xC2) {
		*cp = TEXT_INVALID;
		return 1;
	}
	if (b < 0xE0) {
		need = 1;
		v = b & 0x1F;
	} else if (b < 0xF0) {
		need = 2;
		v = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0;
		else if (b == 0xED)
			hi = 0x9F;
	} else if (b < 0xF5) {
		need = 3;
		v = b & 0x07;
		if (b == 0xF0)
			lo = 0x90;
		else if (b == 0xF4)
			hi = 0x8F;
	} else {
		*cp = TEXT_INVALID;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			*cp = TEXT_INVALID;
			return i;
		}
		lo = 0x80;
		hi = 0xBF;
		v = (v << 6) | (s[i] & 0x3F);
	}
	*cp = v;
	return need + 1;
}

enum cp_class {
	CP_PLAIN,
	CP_COMBINING,
	CP_ESCAPE
};

static enum cp_class classify(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return CP_ESCAPE;
	if (cp < 0x7F)
		return CP_PLAIN;
	if (IN_TABLE(text_forbidden, cp))
		return CP_ESCAPE;
	if (IN_TABLE(text_zero, cp))
		return CP_COMBINING;
	return CP_PLAIN;
}

/* The output buffer. keep is the longest emitted prefix, cut on a unit
 * boundary, that still leaves room for the ellipsis. */
struct sink {
	char *out;
	size_t cap;   /* bytes available before the NUL */
	size_t len;
	size_t keep;
	bool full;    /* cut: nothing more is written */
};

static void sink_cut(struct sink *k)
{
	if (k->cap >= sizeof(text_ellipsis) - 1) {
		memcpy(k->out + k->keep, text_ellipsis, sizeof(text_ellipsis) - 1);
		k->len = k->keep + sizeof(text_ellipsis) - 1;
	}
	k->full = true;
}

/* One unit (a character, an escape, a U+FFFD) goes in whole or not at all. */
static void sink_put(struct sink *k, const char *u, size_t n)
{
	if (k->len + n > k->cap) {
		sink_cut(k);
		return;
	}
	memcpy(k->out + k->len, u, n);
	k->len += n;
	if (k->len + sizeof(text_ellipsis) - 1 <= k->cap)
		k->keep = k->len;
}

/* A run of printable ASCII: every byte is a unit boundary. */
static void sink_ascii(struct sink *k, const unsigned char *s, size_t n)
{
	size_t room = k->cap >= sizeof(text_ellipsis) - 1 ?
		k->cap - (sizeof(text_ellipsis) - 1) : 0;
	size_t fit = n <= k->cap - k->len ? n : k->cap - k->len;
	size_t old = k->len;

	memcpy(k->out + k->len, s, fit);
	k->len += fit;
	if (k->len <= room)
		k->keep = k->len;
	else if (room >= old)
		k->keep = room;
	if (fit < n)
		sink_cut(k);
}

static void sink_escape(struct sink *k, uint32_t cp)
{
	static const char hex[] = "0123456789ABCDEF";
	char u[12];
	size_t n = 0;
	int shift = 20;

	while (shift > 4 && (cp >> shift) == 0)
		shift -= 4;
	u[n++] = '\\';
	u[n++] = 'u';
	u[n++] = '{';
	for (; shift >= 0; shift -= 4)
		u[n++] = hex[(cp >> shift) & 0xF];
	u[n++] = '}';
	sink_put(k, u, n);
}

static size_t clean_into(const unsigned char *in, size_t len, char *out,
			 size_t cap)
{
	struct sink k = { out, cap, 0, 0, false };
	/* Marks in a row so far; a string may not start with one, since it
	 * would stack on whatever the screen holds left of it. */
	unsigned combining = TEXT_MAX_COMBINING;
	size_t i = 0;

	while (i < len && !k.full) {
		uint32_t cp;
		size_t n;

		if (in[i] >= 0x20 && in[i] < 0x7F) {
			size_t j = i + 1;

			while (j < len && in[j] >= 0x20 && in[j] < 0x7F)
				j++;
			sink_ascii(&k, in + i, j - i);
			combining = 0;
			i = j;
			continue;
		}
		n = decode(in + i, len - i, &cp);
		if (cp == TEXT_INVALID) {
			sink_put(&k, text_replacement, sizeof(text_replacement) - 1);
			combining = 0;
		} else {
			switch (classify(cp)) {
			case CP_PLAIN:
				sink_put(&k, (const char *)in + i, n);
				combining = 0;
				break;
			case CP_COMBINING:
				/* The whole rest of a flood is escaped, not just
				 * every third mark. */
				if (combining < TEXT_MAX_COMBINING)
					sink_put(&k, (const char *)in + i, n);
				else
					sink_escape(&k, cp);
				if (combining <= TEXT_MAX_COMBINING)
					combining++;
				break;
			case CP_ESCAPE:
				sink_escape(&k, cp);
				combining = 0;
				break;
			}
		}
		i += n;
	}
	out[k.len] = '\0';
	return k.len;
}

size_t dd_text_clean_buf(const char *in, size_t len, char *out, size_t outsz)
{
	size_t cap;

	if (out == NULL || outsz == 0)
		return 0;
	cap = (outsz < DD_TEXT_MAX ? outsz : DD_TEXT_MAX) - 1;
	if (in == NULL)
		len = 0;
	return clean_into((const unsigned char *)in, len, out, cap);
}

char *dd_text_clean(const char *in, size_t len)
{
	char buf[DD_TEXT_MAX];
	size_t n = dd_text_clean_buf(in, len, buf, sizeof(buf));
	char *r = malloc(n + 1);

	if (r != NULL)
		memcpy(r, buf, n + 1);
	return r;
}

char *dd_text_utf8(const char *in, size_t len)
{
	const unsigned char *s = (const unsigned char *)(in ? in : "");
	size_t o = 0;
	/* At worst each byte is a subpart of its own: 3 bytes out. */
	char *r = malloc(len * 3 + 1);

	if (!r)
		return NULL;
	if (!in)
		len = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = decode(s + i, len - i, &cp);
		if (cp == TEXT_INVALID) {
			memcpy(r + o, text_replacement, 3);
			o += 3;
		} else {
			memcpy(r + o, s + i, n);
			o += n;
		}
		i += n;
	}
	r[o] = 0;
	return r;
}

static unsigned cp_width(uint32_t cp)
{
	if (cp < 0xA0)
		return cp >= 0x20 && cp < 0x7F ? 1 : 0;
	if (IN_TABLE(text_zero, cp))
		return 0;
	if (cp >= 0x1100 && IN_TABLE(text_wide, cp))
		return 2;
	return 1;
}

/* Walks s one character at a time; an invalid byte counts as the U+FFFD
 * the sanitizer would have put there. */
static size_t walk(const char *s, size_t cols, size_t *width)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, w = 0;

	while (i < len) {
		uint32_t cp;
		size_t n;
		unsigned cw;

		if (p[i] >= 0x20 && p[i] < 0x7F) {
			n = 1;
			cw = 1;
		} else {
			n = decode(p + i, len - i, &cp);
			cw = cp == TEXT_INVALID ? 1 : cp_width(cp);
		}
		if (w + cw > cols)
			break;
		w += cw;
		i += n;
	}
	if (width != NULL)
		*width = w;
	return i;
}

size_t dd_text_width(const char *s)
{
	size_t w;

	if (s == NULL)
		return 0;
	walk(s, SIZE_MAX, &w);
	return w;
}

size_t dd_text_fit(const char *s, size_t cols)
{
	if (s == NULL)
		return 0;
	return walk(s, cols, NULL);
}

size_t dd_text_clean_str(const char *in, char *out, size_t outsz)
{
	return dd_text_clean_buf(in, in ? strlen(in) : 0, out, outsz);
}

int dd_text_set(char **field, const char *in)
{
	char *c = dd_text_clean(in, in ? strlen(in) : 0);

	if (!c)
		return -1;
	free(*field);
	*field = c;
	return 0;
}
