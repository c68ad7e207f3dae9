/* A small JSON writer over jansson values; see emit.h for why. */
#include "sandbox/emit.h"
#include "sandbox/sandbox.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dd_sb_buf_put(struct dd_sb_buf *b, const char *s, size_t n)
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

void dd_sb_buf_str(struct dd_sb_buf *b, const char *s, size_t n)
{
	dd_sb_buf_put(b, "\"", 1);
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\' && c != DD_SB_WIRE_MARK)
			continue;
		dd_sb_buf_put(b, s + run, i - run);
		run = i + 1;
		char esc[8];
		if (c == DD_SB_WIRE_MARK) {
			const char *wire = NULL;
			if (i + 1 < n)
				wire = s[i + 1] == '0' ? "\\u0000" : s[i + 1] == 'S' ? "\\ud800"
				     : s[i + 1] == 's' ? "\\udc00" : NULL;
			if (wire) {
				dd_sb_buf_put(b, wire, 6);
				run = ++i + 1;
			} else {
				dd_sb_buf_put(b, s + i, 1);
			}
			continue;
		}
		switch (c) {
		case '"': dd_sb_buf_put(b, "\\\"", 2); break;
		case '\\': dd_sb_buf_put(b, "\\\\", 2); break;
		case '\n': dd_sb_buf_put(b, "\\n", 2); break;
		case '\r': dd_sb_buf_put(b, "\\r", 2); break;
		case '\t': dd_sb_buf_put(b, "\\t", 2); break;
		case '\b': dd_sb_buf_put(b, "\\b", 2); break;
		case '\f': dd_sb_buf_put(b, "\\f", 2); break;
		default:
			snprintf(esc, sizeof esc, "\\u%04x", c);
			dd_sb_buf_put(b, esc, 6);
		}
	}
	dd_sb_buf_put(b, s + run, n - run);
	dd_sb_buf_put(b, "\"", 1);
}

void dd_sb_buf_value(struct dd_sb_buf *b, const json_t *v)
{
	char num[64];
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *key;
		json_t *val;
		int first = 1;
		dd_sb_buf_put(b, "{", 1);
		json_object_foreach((json_t *)v, key, val) {
			if (!first)
				dd_sb_buf_put(b, ",", 1);
			first = 0;
			dd_sb_buf_str(b, key, strlen(key));
			dd_sb_buf_put(b, ":", 1);
			dd_sb_buf_value(b, val);
		}
		dd_sb_buf_put(b, "}", 1);
		break;
	}
	case JSON_ARRAY:
		dd_sb_buf_put(b, "[", 1);
		for (size_t i = 0; i < json_array_size(v); i++) {
			if (i)
				dd_sb_buf_put(b, ",", 1);
			dd_sb_buf_value(b, json_array_get(v, i));
		}
		dd_sb_buf_put(b, "]", 1);
		break;
	case JSON_STRING:
		dd_sb_buf_str(b, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		dd_sb_buf_put(b, num, strlen(num));
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
		dd_sb_buf_put(b, num, strlen(num));
		break;
	}
	case JSON_TRUE: dd_sb_buf_put(b, "true", 4); break;
	case JSON_FALSE: dd_sb_buf_put(b, "false", 5); break;
	case JSON_NULL: dd_sb_buf_put(b, "null", 4); break;
	}
}

char *dd_sb_emit(const json_t *v, size_t *len)
{
	struct dd_sb_buf b = { 0 };
	dd_sb_buf_value(&b, v);
	return dd_sb_buf_take(&b, len);
}

char *dd_sb_buf_take(struct dd_sb_buf *b, size_t *len)
{
	char *p = b->p;
	if (b->oom || !p) {
		free(p);
		p = NULL;
	} else if (len) {
		*len = b->len;
	}
	*b = (struct dd_sb_buf){ 0 };
	return p;
}

void dd_sb_buf_cstr(struct dd_sb_buf *b, const char *s)
{
	dd_sb_buf_put(b, s, strlen(s));
}

void dd_sb_buf_uint(struct dd_sb_buf *b, uint64_t v)
{
	char num[24], *e = num + sizeof num, *p = e;
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	dd_sb_buf_put(b, p, (size_t)(e - p));
}
