#include "core/json.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json_arena.h"
#include "core/json_scan.h"
#include "core/text.h"
#include "core/i18n.h"

#include <malloc.h>
#include <sodium.h>

void dd_json_free_wiped(void *p)
{
	if (!p)
		return;
	/* The optimiser may drop a memset before free; sodium_memzero stays. */
	sodium_memzero(p, malloc_usable_size(p));
	free(p);
}


/* jansson refuses a whole document for one invalid byte; a hostile or
 * broken server must cost one garbled name, not the whole list. Invalid
 * bytes become U+FFFD before parsing. Returns NULL if the text was valid. */
static char *repair_utf8(const char *text, size_t len, size_t *outlen)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, bad = 0;
	char *out, *o;

	while (i < len) {
		size_t k;

		/* Eight ASCII bytes at a time: API bodies are nearly all ASCII. */
		while (len - i >= 8) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (w & UINT64_C(0x8080808080808080))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		k = dd_js_utf8_len(s + i, len - i);
		if (k == 0) {
			bad++;
			k = 1;
		}
		i += k;
	}
	if (bad == 0)
		return NULL;
	out = malloc(len + bad * 2 + 1);
	if (!out)
		return NULL;
	o = out;
	for (i = 0; i < len;) {
		size_t k = dd_js_utf8_len(s + i, len - i);
		if (k == 0) {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
			i++;
			continue;
		}
		memcpy(o, s + i, k);
		o += k;
		i += k;
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

/* An upper bound of the values the text holds (each container, and one
 * per comma outside strings), counted without building anything: jansson
 * spends hundreds of bytes per value, and "{}," costs three bytes. */
static size_t count_values(const char *text, size_t len, size_t stop)
{
	size_t n = 1;
	int in_str = 0;

	for (size_t i = 0; i < len && n <= stop; i++) {
		char c = text[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[' || c == ',') {
			n++;
		}
	}
	return n;
}

/* The code unit of a \uXXXX escape at p, -1 if there is none. */
static long escape_unit(const char *p, size_t left)
{
	long v = 0;

	if (left < 6 || p[0] != '\\' || p[1] != 'u')
		return -1;
	for (int k = 2; k < 6; k++) {
		int c = (unsigned char)p[k];
		int d = isdigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
			: (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* An unpaired surrogate escape (\ud800 alone) is valid JSON text that a
 * JavaScript backend happily sends, but jansson refuses the whole
 * document for it: it becomes \ufffd, the same length, in place, as
 * invalid UTF-8 becomes U+FFFD. Returns whether anything changed. */
static int repair_surrogates(char *s, size_t n)
{
	int changed = 0;

	for (size_t i = 0; i + 1 < n; i++) {
		if (s[i] != '\\')
			continue;
		if (s[i + 1] != 'u') {
			i++; /* \\ and the other escapes: the next byte is not one */
			continue;
		}
		long u = escape_unit(s + i, n - i);

		if (u >= 0xd800 && u <= 0xdbff) {
			long next = escape_unit(s + i + 6, n - i - 6);

			if (next >= 0xdc00 && next <= 0xdfff) {
				i += 11;
				continue;
			}
			memcpy(s + i + 2, "fffd", 4);
			changed = 1;
		} else if (u >= 0xdc00 && u <= 0xdfff) {
			memcpy(s + i + 2, "fffd", 4);
			changed = 1;
		}
		if (u >= 0)
			i += 5;
	}
	return changed;
}

static int has_surrogate_escape(const char *text, size_t len)
{
	return memmem(text, len, "\\ud", 3) != NULL || memmem(text, len, "\\uD", 3) != NULL;
}

/* jansson's answer when memory ran out is not a verdict on the text: it
 * says out_of_memory where it notices, and in many places (a lexer that
 * could not start, an object it could not allocate) returns NULL with the
 * error left as initialised, line -1 and no text, which no syntax error
 * leaves. Either way the text was never judged "malformed". */
static int out_of_memory(const json_error_t *je)
{
	return json_error_code(je) == json_error_out_of_memory ||
	       (je->line == -1 && je->text[0] == '\0');
}

/* One document, parsed into its own arena (core/json_arena.h). */
static json_t *load(const char *text, size_t len, json_error_t *je)
{
	json_t *v;

	dd_json_arena_open();
	v = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, je);
	dd_json_arena_seal();
	return v;
}

int dd_json_parse(const char *text, size_t len, struct dd_jv *root, struct dd_error *err)
{
	json_error_t je;
	size_t fixed_len = 0;
	char *fixed;

	memset(root, 0, sizeof(*root));
	/* Each value counted is one byte of text: a shorter text (a page of
	 * 100 servers is half as long) cannot pass the limit. */
	if (len >= DD_JSON_MAX_VALUES &&
	    count_values(text, len, DD_JSON_MAX_VALUES) > DD_JSON_MAX_VALUES)
		return dd_error_set(err, DD_E_DECODE, 0, NULL,
				    _("the API answered more than %d JSON values in one document; "
				    "it was not read"), DD_JSON_MAX_VALUES);
	root->v = load(text, len, &je);
	if (!root->v && out_of_memory(&je))
		return dd_error_oom(err);
	/* jansson checks UTF-8 as it reads, and refuses a lone \ud800 escape
	 * (valid JSON text a JavaScript backend may send): the text is scanned
	 * for repairs only when the first parse failed, not on every answer. */
	if (!root->v && (json_error_code(&je) == json_error_invalid_utf8 ||
			 has_surrogate_escape(text, len))) {
		fixed = repair_utf8(text, len, &fixed_len);
		if (!fixed && has_surrogate_escape(text, len)) {
			fixed = malloc(len ? len : 1);
			if (!fixed)
				return dd_error_oom(err);
			memcpy(fixed, text, len);
			fixed_len = len;
		}
		if (fixed) {
			repair_surrogates(fixed, fixed_len);
			root->v = load(fixed, fixed_len, &je);
		}
		free(fixed);
		if (!root->v && out_of_memory(&je))
			return dd_error_oom(err);
	}
	if (!root->v) {
		/* jansson quotes the server's bytes in its text (ESC, C1 CSI,
		 * RLO...): they reach a terminal only through the sanitizer. */
		char why[160];
		dd_text_clean_str(je.text, why, sizeof(why));
		return dd_error_set(err, DD_E_DECODE, 0, NULL,
				    _("the API answered malformed JSON (line %d, column %d: %s)"),
				    je.line, je.column, why);
	}
	return 0;
}

static void child_path(char *dst, size_t dstsz, const char *parent, const char *key)
{
	int n;

	if (parent[0])
		n = snprintf(dst, dstsz, "%s.%s", parent, key);
	else
		n = snprintf(dst, dstsz, "%s", key);
	if (n < 0 || (size_t)n >= dstsz)
		memcpy(dst + dstsz - 4, "...", 4);
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return _("an object");
	case JSON_ARRAY: return _("an array");
	case JSON_STRING: return _("a string");
	case JSON_INTEGER: return _("an integer");
	case JSON_REAL: return _("a number");
	case JSON_TRUE:
	case JSON_FALSE: return _("a boolean");
	case JSON_NULL: return "null";
	}
	return _("something else");
}

/* want is marked N_() by the caller and translated here, only when the
 * error is built: a getter that succeeds (some 300,000 times for a list
 * of 10,000 servers) must not pay for a gettext lookup. */
static int type_error(const char *path, const char *want, const json_t *got, struct dd_error *err)
{
	return dd_error_set(err, DD_E_DECODE, 0, NULL, _("%s: expected %s, got %s"),
			    path[0] ? path : _("(document)"), _(want), type_name(got));
}

int dd_json_obj(const struct dd_jv *parent, const char *key, bool required,
		struct dd_jv *out, struct dd_error *err)
{
	json_t *v = NULL;

	child_path(out->path, sizeof(out->path), parent->path, key);
	out->v = NULL;
	if (!parent->v || !json_is_object(parent->v))
		return type_error(parent->path, N_("an object"), parent->v ? parent->v : json_null(), err);
	v = json_object_get(parent->v, key);
	if (!v || json_is_null(v)) {
		if (required)
			return dd_error_set(err, DD_E_DECODE, 0, NULL, _("%s: missing"), out->path);
		return 0;
	}
	out->v = v;
	return 0;
}

int dd_json_at(const struct dd_jv *array, size_t i, struct dd_jv *out, struct dd_error *err)
{
	int n = snprintf(out->path, sizeof(out->path), "%s[%zu]", array->path, i);

	if (n < 0 || (size_t)n >= sizeof(out->path))
		memcpy(out->path + sizeof(out->path) - 4, "...", 4);
	out->v = json_array_get(array->v, i);
	if (!out->v)
		return dd_error_set(err, DD_E_DECODE, 0, NULL, _("%s: missing"), out->path);
	return 0;
}

int dd_json_array_size(const struct dd_jv *jv, size_t *n, struct dd_error *err)
{
	*n = 0;
	if (!jv->v || json_is_null(jv->v))
		return 0;
	if (!json_is_array(jv->v))
		return type_error(jv->path, N_("an array"), jv->v, err);
	*n = json_array_size(jv->v);
	return 0;
}

#define T(t) (1u << (t))

/* Looks up parent[key] for a scalar getter and checks its type against
 * the mask of T(JSON_...) bits. *v is NULL when absent or null. */
static int scalar(const struct dd_jv *parent, const char *key, bool required, unsigned types,
		  const char *want, json_t **v, struct dd_error *err)
{
	char path[sizeof(((struct dd_jv *)0)->path)];

	/* The path is spelt only for an error: a list of 10,000 servers reads
	 * some 300,000 fields, and one snprintf each was a tenth of its CPU. */
	*v = NULL;
	if (!parent->v || !json_is_object(parent->v))
		return type_error(parent->path, N_("an object"), parent->v ? parent->v : json_null(), err);
	*v = json_object_get(parent->v, key);
	if (*v && json_is_null(*v))
		*v = NULL;
	if (!*v && required) {
		child_path(path, sizeof(path), parent->path, key);
		return dd_error_set(err, DD_E_DECODE, 0, NULL, _("%s: missing"), path);
	}
	if (*v && !(types & T(json_typeof(*v)))) {
		child_path(path, sizeof(path), parent->path, key);
		return type_error(path, want, *v, err);
	}
	return 0;
}

/* A C string would end at an embedded NUL ("web-1\u0000evil" would show
 * as "web-1"): spell each NUL out in the sanitizer's notation instead. */
static int show_nuls(json_t *v)
{
	const char *s = json_string_value(v);
	size_t n = json_string_length(v), nuls = 0, o = 0;
	char *buf;
	int rc;

	for (size_t i = 0; i < n; i++)
		nuls += s[i] == '\0';
	buf = malloc(n + nuls * 6 + 1);
	if (!buf)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\0') {
			memcpy(buf + o, "\\u{00}", 6);
			o += 6;
		} else {
			buf[o++] = s[i];
		}
	}
	/* The new copy is malloc'd: the tree no longer lives in its arena alone. */
	dd_json_arena_taint(v);
	rc = json_string_setn_nocheck(v, buf, o);
	free(buf);
	return rc;
}

int dd_json_str(const struct dd_jv *parent, const char *key, bool required,
		const char **out, struct dd_error *err)
{
	json_t *v;

	if (scalar(parent, key, required, T(JSON_STRING), N_("a string"), &v, err) < 0)
		return -1;
	if (!v)
		return 0;
	if (json_string_length(v) != strlen(json_string_value(v)) && show_nuls(v) < 0)
		return dd_error_oom(err);
	*out = json_string_value(v);
	return 0;
}

int dd_json_int(const struct dd_jv *parent, const char *key, bool required,
		int64_t *out, struct dd_error *err)
{
	json_t *v;

	if (scalar(parent, key, required, T(JSON_INTEGER), N_("an integer"), &v, err) < 0)
		return -1;
	if (v)
		*out = (int64_t)json_integer_value(v);
	return 0;
}

int dd_json_bool(const struct dd_jv *parent, const char *key, bool required,
		 bool *out, struct dd_error *err)
{
	json_t *v;

	if (scalar(parent, key, required, T(JSON_TRUE) | T(JSON_FALSE), N_("a boolean"), &v, err) < 0)
		return -1;
	if (v)
		*out = json_is_true(v);
	return 0;
}

int dd_json_num(const struct dd_jv *parent, const char *key, bool required,
		double *out, struct dd_error *err)
{
	json_t *v;

	if (scalar(parent, key, required, T(JSON_INTEGER) | T(JSON_REAL), N_("a number"), &v, err) < 0)
		return -1;
	if (v)
		*out = json_number_value(v);
	return 0;
}

int dd_json_int_or_str(const struct dd_jv *parent, const char *key, bool required,
		       char *buf, size_t buflen, struct dd_error *err)
{
	json_t *v;

	if (scalar(parent, key, required, T(JSON_INTEGER) | T(JSON_STRING),
		   N_("an integer or a string"), &v, err) < 0)
		return -1;
	if (v && json_is_integer(v))
		snprintf(buf, buflen, "%" PRId64, (int64_t)json_integer_value(v));
	else if (v)
		snprintf(buf, buflen, "%s", json_string_value(v));
	return 0;
}

int dd_json_text(const struct dd_jv *parent, const char *key, char *buf, size_t len,
		 struct dd_error *err)
{
	const char *s = "";

	if (dd_json_str(parent, key, false, &s, err) < 0)
		return -1;
	dd_text_clean_str(s, buf, len);
	return 0;
}

int dd_json_bad(const struct dd_jv *at, const char *key, const char *what, struct dd_error *err)
{
	/* what is marked N_() where it is written: one message per case */
	return dd_error_set(err, DD_E_DECODE, 0, NULL, "%s%s%s: %s", at->path,
			    at->path[0] ? "." : "", key, _(what));
}

int dd_json_list(const struct dd_jv *root, const char *key, struct dd_jv *arr, size_t *n,
		 struct dd_error *err)
{
	int64_t total = -1;

	*n = 0;
	if (dd_json_obj(root, key, false, arr, err) < 0 ||
	    dd_json_int(root, "total_count", false, &total, err) < 0)
		return -1;
	/* Real answers drop an empty list's array ({"total_count": 0}) or
	 * send it null; without one, a count above 0 is items lost. */
	if (!arr->v && total > 0)
		return dd_error_set(err, DD_E_DECODE, 0, NULL,
				    _("%s: missing, though total_count is %" PRId64), arr->path, total);
	return dd_json_array_size(arr, n, err);
}

int dd_json_open_list(const char *body, size_t len, const char *key, struct dd_jv *root,
		      struct dd_jv *arr, size_t *n, int64_t *total, struct dd_error *err)
{
	root->v = NULL;
	*total = -1;
	if (!body)
		return dd_error_set(err, DD_E_DECODE, 0, NULL, _("The API answered nothing."));
	if (dd_json_parse(body, len, root, err) < 0)
		return -1;
	if (dd_json_list(root, key, arr, n, err) < 0 ||
	    dd_json_int(root, "total_count", false, total, err) < 0) {
		json_decref(root->v);
		root->v = NULL;
		return -1;
	}
	return 0;
}

int dd_json_each_item(const char *body, size_t len, const char *key, dd_json_item_fn each,
		      void *ud, size_t *page_n, int64_t *total, struct dd_error *err)
{
	struct dd_jv root, arr, item;
	size_t n = 0;

	*page_n = 0;
	if (dd_json_open_list(body, len, key, &root, &arr, &n, total, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (dd_json_at(&arr, i, &item, err) < 0 || each(ud, &item, err) < 0) {
			dd_json_drop(root.v);
			return -1;
		}
	dd_json_drop(root.v);
	*page_n = n;
	return 0;
}
