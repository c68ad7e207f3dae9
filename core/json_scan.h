/* A strict, single-pass JSON scanner over the receive buffer, for the
 * one answer whose size grows with the fleet (a page of the server list,
 * core/scw_server_scan.c): nothing is built, a string is handed over as a
 * span of the buffer (or of one scratch block when it held escapes), an
 * unknown value is skipped after being checked.
 *
 * It accepts a subset of what core/json.c's jansson path accepts, with the
 * same values: invalid UTF-8 in a string reads as U+FFFD per maximal bad
 * byte, a lone surrogate escape as U+FFFD, \u0000 as the text "\u{00}"
 * (dd_json_str's spelling). Everything else it does not take for sure
 * (a key with an escape or a non-ASCII byte, an object of more than
 * DD_JS_MAX_KEYS keys, nesting past DD_JS_MAX_DEPTH, a number that may
 * overflow, a text of more than DD_JSON_MAX_VALUES values, any malformed
 * text)
 * makes it give up, and the caller reads the page with jansson, whose
 * errors and repairs stay the only ones. */
#ifndef DD_JSON_SCAN_H
#define DD_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DD_JS_MAX_DEPTH 32
#define DD_JS_MAX_KEYS 256

/* A string value: n bytes at p, valid UTF-8, no NUL; not NUL-terminated.
 * Borrowed from the text or the scanner's scratch until dd_js_free. */
struct dd_js_str {
	const char *p;
	size_t n;
};

struct dd_js_key {
	uint32_t hash;
	uint32_t n;
	const char *p;
};

struct dd_js {
	const char *p, *end;
	int depth;
	size_t values;          /* containers and commas, as core/json.c counts */
	bool oom;               /* gave up for want of memory, not for the text */
	char *scratch;          /* unescaped strings; sized once, never moved */
	size_t scratch_used, scratch_cap;
	struct dd_js_key *keys; /* the keys of the open objects, for duplicates */
	size_t nkeys, keys_cap;
};

/* The place of an open object or array. */
struct dd_js_cur {
	size_t kstart;          /* its first key in dd_js.keys */
	bool first;
};

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid: no
 * overlong form, no surrogate, nothing past U+10FFFF. The one rule of
 * both paths (core/json.c repairs with it before jansson reads). */
size_t dd_js_utf8_len(const unsigned char *s, size_t n);

/* false when text is NULL. */
bool dd_js_init(struct dd_js *s, const char *text, size_t len);
void dd_js_free(struct dd_js *s);

/* Every reader returns false when it gives up (s->oom tells why). */
bool dd_js_obj_begin(struct dd_js *s, struct dd_js_cur *c);
/* *more: a key follows (in *key, its ':' read); false: the '}' was read. */
bool dd_js_obj_next(struct dd_js *s, struct dd_js_cur *c, bool *more, struct dd_js_str *key);
/* Records a key the caller does not know, refusing a duplicate. A known
 * key is the caller's to check (a bit per key). */
bool dd_js_key_unknown(struct dd_js *s, const struct dd_js_cur *c, const struct dd_js_str *key);
bool dd_js_arr_begin(struct dd_js *s, struct dd_js_cur *c);
bool dd_js_arr_next(struct dd_js *s, struct dd_js_cur *c, bool *more);

/* The next value's first byte ('{', '[', '"', 'n', 't', 'f', '-' or a
 * digit), 0 at the end of the text. */
char dd_js_peek(struct dd_js *s);
/* Reads null if it is next: true when it was. */
bool dd_js_null(struct dd_js *s);
bool dd_js_string(struct dd_js *s, struct dd_js_str *out);
/* An integer (no fraction, no exponent) that fits int64_t. */
bool dd_js_int(struct dd_js *s, int64_t *out);
/* Skips any value, checked as strictly as the rest. */
bool dd_js_skip(struct dd_js *s);
/* Only whitespace is left. */
bool dd_js_end(struct dd_js *s);

bool dd_js_str_is(const struct dd_js_str *v, const char *lit);

#endif
