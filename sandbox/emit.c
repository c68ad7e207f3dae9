/* A small JSON writer over jansson values; see emit.h for why. */
#include "sandbox/emit.h"
#include "sandbox/sandbox.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf {
	char *p;
	size_t len, cap;
	int oom;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p) {
			b->oom = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void put_str(struct buf *b, const char *s, size_t n)
{
	put(b, "\"", 1);
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\' && c != DD_SB_WIRE_MARK)
			continue;
		put(b, s + run, i - run);
		run = i + 1;
		char esc[8];
		if (c == DD_SB_WIRE_MARK) {
			const char *wire = NULL;
			if (i + 1 < n)
				wire = s[i + 1] == '0' ? "\\u0000" : s[i + 1] == 'S' ? "\\ud800"
				     : s[i + 1] == 's' ? "\\udc00" : NULL;
			if (wire) {
				put(b, wire, 6);
				run = ++i + 1;
			} else {
				put(b, s + i, 1);
			}
			continue;
		}
		switch (c) {
		case '"': put(b, "\\\"", 2); break;
		case '\\': put(b, "\\\\", 2); break;
		case '\n': put(b, "\\n", 2); break;
		case '\r': put(b, "\\r", 2); break;
		case '\t': put(b, "\\t", 2); break;
		case '\b': put(b, "\\b", 2); break;
		case '\f': put(b, "\\f", 2); break;
		default:
			snprintf(esc, sizeof esc, "\\u%04x", c);
			put(b, esc, 6);
		}
	}
	put(b, s + run, n - run);
	put(b, "\"", 1);
}

static void put_value(struct buf *b, const json_t *v)
{
	char num[64];
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *key;
		json_t *val;
		int first = 1;
		put(b, "{", 1);
		json_object_foreach((json_t *)v, key, val) {
			if (!first)
				put(b, ",", 1);
			first = 0;
			put_str(b, key, strlen(key));
			put(b, ":", 1);
			put_value(b, val);
		}
		put(b, "}", 1);
		break;
	}
	case JSON_ARRAY:
		put(b, "[", 1);
		for (size_t i = 0; i < json_array_size(v); i++) {
			if (i)
				put(b, ",", 1);
			put_value(b, json_array_get(v, i));
		}
		put(b, "]", 1);
		break;
	case JSON_STRING:
		put_str(b, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		put(b, num, strlen(num));
		break;
	case JSON_REAL: {
		/* the shortest text that reads back as the same double */
		double d = json_real_value(v);
		if (d > -1e15 && d < 1e15 && (double)(long long)d == d)
			snprintf(num, sizeof num, "%.1f", d);
		else for (int prec = 1; prec <= 17; prec++) {
			snprintf(num, sizeof num, "%.*g", prec, d);
			if (strtod(num, NULL) == d)
				break;
		}
		if (!strpbrk(num, ".eEn"))
			strncat(num, ".0", sizeof num - strlen(num) - 1);
		put(b, num, strlen(num));
		break;
	}
	case JSON_TRUE: put(b, "true", 4); break;
	case JSON_FALSE: put(b, "false", 5); break;
	case JSON_NULL: put(b, "null", 4); break;
	}
}

char *dd_sb_emit(const json_t *v, size_t *len)
{
	struct buf b = { 0 };
	put_value(&b, v);
	if (b.oom || !b.p) {
		free(b.p);
		return NULL;
	}
	if (len)
		*len = b.len;
	return b.p;
}
