#include "core/json_scan.h"

#include <stdlib.h>
#include <string.h>

#include "core/json.h"

size_t dd_js_utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return (n >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0;
		if (c == 0xED && s[1] >= 0xA0)
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

bool dd_js_init(struct dd_js *s, const char *text, size_t len)
{
	memset(s, 0, sizeof(*s));
	if (!text)
		return false;
	s->p = text;
	s->end = text + len;
	return true;
}

void dd_js_free(struct dd_js *s)
{
	free(s->scratch);
	free(s->keys);
	s->scratch = NULL;
	s->keys = NULL;
}

static inline void ws(struct dd_js *s)
{
	/* One comparison for the usual case, a compact text. */
	while (s->p < s->end && (unsigned char)*s->p <= ' ' &&
	       (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
		s->p++;
}

char dd_js_peek(struct dd_js *s)
{
	ws(s);
	return s->p < s->end ? *s->p : 0;
}

static bool lit(struct dd_js *s, const char *word, size_t n)
{
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
		return false;
	s->p += n;
	return true;
}

bool dd_js_null(struct dd_js *s)
{
	return dd_js_peek(s) == 'n' && lit(s, "null", 4);
}

bool dd_js_str_is(const struct dd_js_str *v, const char *l)
{
	size_t n = strlen(l);

	return v->n == n && memcmp(v->p, l, n) == 0;
}

/* ---- strings ---- */

#define ONES UINT64_C(0x0101010101010101)
#define HIGH UINT64_C(0x8080808080808080)

/* The bytes of w that are '"', '\\', a control byte or not ASCII, as
 * their high bits. Only the lowest is exact (a borrow may flag bytes
 * above it), and only the first special byte counts. */
static inline uint64_t special8(uint64_t w)
{
	uint64_t q = w ^ (ONES * '"'), b = w ^ (ONES * '\\');

	return (((q - ONES) & ~q) | ((b - ONES) & ~b) | (w - ONES * 0x20) | w) & HIGH;
}

/* The first special byte at or after q (or end), 8 bytes at a time. */
static inline const char *next_special(const char *q, const char *end)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* The lowest address is the lowest byte: its flag is the first. */
	while (end - q >= 8) {
		uint64_t w, m;
		memcpy(&w, q, 8);
		m = special8(w);
		if (m)
			return q + (__builtin_ctzll(m) >> 3);
		q += 8;
	}
#endif
	while (q < end && (unsigned char)*q >= 0x20 && (unsigned char)*q < 0x80 && *q != '"' &&
	       *q != '\\')
		q++;
	return q;
}

static int hex4(const char *p)
{
	int v = 0;

	for (int k = 0; k < 4; k++) {
		int c = (unsigned char)p[k], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static char *put_utf8(char *o, unsigned long cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xC0 | (cp >> 6));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xE0 | (cp >> 12));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (char)(0xF0 | (cp >> 18));
		*o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	}
	return o;
}

/* One \u escape at q (q[0] == 'u'), written at *o: a pair is one code
 * point, a lone surrogate U+FFFD (core/json.c's repair), U+0000 the
 * text dd_json_str shows for it. Returns the byte after it, NULL if
 * malformed. */
static const char *unicode_escape(const char *q, const char *end, char **o)
{
	int u = end - q >= 5 ? hex4(q + 1) : -1;

	if (u < 0)
		return NULL;
	q += 5;
	if (u == 0) {
		memcpy(*o, "\\u{00}", 6);
		*o += 6;
		return q;
	}
	if (u >= 0xD800 && u <= 0xDBFF && end - q >= 6 && q[0] == '\\' && q[1] == 'u') {
		int lo = hex4(q + 2);
		if (lo >= 0xDC00 && lo <= 0xDFFF) {
			*o = put_utf8(*o, 0x10000 + (((unsigned long)u - 0xD800) << 10) +
				      ((unsigned long)lo - 0xDC00));
			return q + 6;
		}
	}
	if (u >= 0xD800 && u <= 0xDFFF)
		u = 0xFFFD;
	*o = put_utf8(*o, (unsigned long)u);
	return q;
}

/* The rest of a string from q (inside it, after plain bytes from start)
 * through the scratch block: escapes decoded, each invalid byte U+FFFD. */
static bool string_slow(struct dd_js *s, const char *start, const char *q, struct dd_js_str *out)
{
	char *o;

	if (!s->scratch) {
		/* Every form at most triples (an invalid byte becomes three),
		 * so one block holds the whole text's strings and never moves. */
		s->scratch_cap = (size_t)(s->end - s->p) * 3 + 16;
		s->scratch = malloc(s->scratch_cap);
		if (!s->scratch) {
			s->oom = true;
			return false;
		}
	}
	o = s->scratch + s->scratch_used;
	out->p = o;
	memcpy(o, start, (size_t)(q - start));
	o += q - start;
	while (q < s->end) {
		unsigned char c = (unsigned char)*q;

		if (c == '"') {
			out->n = (size_t)(o - out->p);
			s->scratch_used += out->n;
			s->p = q + 1;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c >= 0x80) {
			size_t k = dd_js_utf8_len((const unsigned char *)q, (size_t)(s->end - q));
			if (k == 0) {
				memcpy(o, "\xEF\xBF\xBD", 3);
				o += 3;
				q++;
			} else {
				memcpy(o, q, k);
				o += k;
				q += k;
			}
			continue;
		}
		if (c != '\\') {
			*o++ = (char)c;
			q++;
			continue;
		}
		if (++q >= s->end)
			return false;
		switch (*q) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			q = unicode_escape(q, s->end, &o);
			if (!q)
				return false;
			continue;
		default:
			return false;
		}
		q++;
	}
	return false;
}

bool dd_js_string(struct dd_js *s, struct dd_js_str *out)
{
	const char *q, *start;

	if (dd_js_peek(s) != '"')
		return false;
	start = q = s->p + 1;
	for (;;) {
		q = next_special(q, s->end);
		if (q >= s->end)
			return false;
		unsigned char c = (unsigned char)*q;
		if (c == '"')
			break;
		if (c >= 0x80) {
			size_t k = dd_js_utf8_len((const unsigned char *)q, (size_t)(s->end - q));
			if (k == 0)
				return string_slow(s, start, q, out);
			q += k;
		} else if (c == '\\') {
			return string_slow(s, start, q, out);
		} else {
			return false; /* a control byte */
		}
	}
	out->p = start;
	out->n = (size_t)(q - start);
	s->p = q + 1;
	return true;
}

/* A key: ASCII without a control byte or an escape (anything else goes
 * to jansson, which compares keys after decoding them). */
static bool key(struct dd_js *s, struct dd_js_str *out)
{
	const char *q;

	if (s->p >= s->end || *s->p != '"')
		return false;
	q = next_special(s->p + 1, s->end);
	if (q >= s->end || *q != '"')
		return false;
	out->p = s->p + 1;
	out->n = (size_t)(q - out->p);
	s->p = q + 1;
	return true;
}

/* ---- containers ---- */

/* core/json.c counts a value per container and per comma, and refuses
 * the text past DD_JSON_MAX_VALUES: the scanner counts the same. */
static inline bool count(struct dd_js *s)
{
	return ++s->values < DD_JSON_MAX_VALUES;
}

bool dd_js_obj_begin(struct dd_js *s, struct dd_js_cur *c)
{
	if (dd_js_peek(s) != '{' || s->depth >= DD_JS_MAX_DEPTH || !count(s))
		return false;
	s->p++;
	s->depth++;
	c->kstart = s->nkeys;
	c->first = true;
	return true;
}

bool dd_js_obj_next(struct dd_js *s, struct dd_js_cur *c, bool *more, struct dd_js_str *k)
{
	char ch = dd_js_peek(s);

	if (ch == '}') {
		s->p++;
		s->depth--;
		s->nkeys = c->kstart;
		*more = false;
		return true;
	}
	if (!c->first) {
		if (ch != ',' || !count(s))
			return false;
		s->p++;
		ws(s);
	}
	c->first = false;
	if (!key(s, k) || dd_js_peek(s) != ':')
		return false;
	s->p++;
	*more = true;
	return true;
}

bool dd_js_key_unknown(struct dd_js *s, const struct dd_js_cur *c, const struct dd_js_str *k)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < k->n; i++)
		h = (h ^ (unsigned char)k->p[i]) * 16777619u;
	/* jansson refuses a document with a duplicate key anywhere
	 * (JSON_REJECT_DUPLICATES); a linear look is cheap at this size. */
	for (size_t i = c->kstart; i < s->nkeys; i++)
		if (s->keys[i].hash == h && s->keys[i].n == k->n && memcmp(s->keys[i].p, k->p, k->n) == 0)
			return false;
	if (s->nkeys - c->kstart >= DD_JS_MAX_KEYS)
		return false;
	if (s->nkeys == s->keys_cap) {
		size_t cap = s->keys_cap ? s->keys_cap * 2 : 64;
		struct dd_js_key *nk = realloc(s->keys, cap * sizeof(*nk));
		if (!nk) {
			s->oom = true;
			return false;
		}
		s->keys = nk;
		s->keys_cap = cap;
	}
	s->keys[s->nkeys++] = (struct dd_js_key){ h, (uint32_t)k->n, k->p };
	return true;
}

bool dd_js_arr_begin(struct dd_js *s, struct dd_js_cur *c)
{
	if (dd_js_peek(s) != '[' || s->depth >= DD_JS_MAX_DEPTH || !count(s))
		return false;
	s->p++;
	s->depth++;
	c->kstart = s->nkeys;
	c->first = true;
	return true;
}

bool dd_js_arr_next(struct dd_js *s, struct dd_js_cur *c, bool *more)
{
	char ch = dd_js_peek(s);

	if (ch == ']') {
		s->p++;
		s->depth--;
		*more = false;
		return true;
	}
	if (!c->first) {
		if (ch != ',' || !count(s))
			return false;
		s->p++;
	}
	c->first = false;
	*more = true;
	return true;
}

/* ---- numbers ---- */

static bool digit(const char *p, const char *end)
{
	return p < end && *p >= '0' && *p <= '9';
}

/* A number's text checked against RFC 8259's grammar; *real when it has
 * a fraction or an exponent. p is left after it. */
static bool number(struct dd_js *s, const char **start, bool *real)
{
	const char *p = s->p, *end = s->end;

	*start = p;
	*real = false;
	if (p < end && *p == '-')
		p++;
	if (!digit(p, end))
		return false;
	if (*p == '0')
		p++;
	else
		while (digit(p, end))
			p++;
	if (p < end && *p == '.') {
		*real = true;
		if (!digit(++p, end))
			return false;
		while (digit(p, end))
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		*real = true;
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (!digit(p, end))
			return false;
		while (digit(p, end))
			p++;
	}
	s->p = p;
	return true;
}

/* An integer's text as jansson reads it (strtoll): false past int64_t,
 * which jansson refuses as "too big integer". */
static bool int_value(const char *p, const char *end, int64_t *out)
{
	bool neg = *p == '-';
	uint64_t v = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;

	if (neg)
		p++;
	for (; p < end; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (v > (lim - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return true;
}

/* Whether strtod surely stays below HUGE_VAL for this real (jansson
 * refuses "real number overflow"): its decimal exponent is under 308.
 * Decided from the text, so the locale has no say. */
static bool real_fits(const char *p, const char *end)
{
	long e10, exp = 0;
	bool neg = false;

	if (*p == '-')
		p++;
	if (*p != '0') {
		const char *q = p;
		while (q < end && *q >= '0' && *q <= '9')
			q++;
		e10 = (long)(q - p) - 1;
		p = q;
	} else {
		long k = 0;
		p++;
		if (p < end && *p == '.')
			for (p++; p < end && *p == '0'; p++)
				k++;
		if (p >= end || *p < '1' || *p > '9')
			return true; /* zero, whatever the exponent */
		e10 = -(k + 1);
	}
	while (p < end && *p != 'e' && *p != 'E')
		p++;
	if (p < end) {
		p++;
		if (*p == '+' || *p == '-')
			neg = *p++ == '-';
		for (; p < end; p++)
			if (exp < 100000)
				exp = exp * 10 + (*p - '0');
	}
	return e10 + (neg ? -exp : exp) < 308;
}

bool dd_js_int(struct dd_js *s, int64_t *out)
{
	const char *start;
	bool real;

	ws(s);
	return number(s, &start, &real) && !real && int_value(start, s->p, out);
}

/* ---- skipping ---- */

static bool skip_value(struct dd_js *s)
{
	struct dd_js_cur c;
	struct dd_js_str k;
	bool more;
	const char *start;
	bool real;
	int64_t iv;

	switch (dd_js_peek(s)) {
	case '{':
		if (!dd_js_obj_begin(s, &c))
			return false;
		for (;;) {
			if (!dd_js_obj_next(s, &c, &more, &k))
				return false;
			if (!more)
				return true;
			if (!dd_js_key_unknown(s, &c, &k) || !skip_value(s))
				return false;
		}
	case '[':
		if (!dd_js_arr_begin(s, &c))
			return false;
		for (;;) {
			if (!dd_js_arr_next(s, &c, &more))
				return false;
			if (!more)
				return true;
			if (!skip_value(s))
				return false;
		}
	case '"':
		return dd_js_string(s, &k);
	case 't':
		return lit(s, "true", 4);
	case 'f':
		return lit(s, "false", 5);
	case 'n':
		return lit(s, "null", 4);
	default:
		if (!number(s, &start, &real))
			return false;
		return real ? real_fits(start, s->p) : int_value(start, s->p, &iv);
	}
}

bool dd_js_skip(struct dd_js *s)
{
	return skip_value(s);
}

bool dd_js_end(struct dd_js *s)
{
	ws(s);
	return s->p == s->end;
}
