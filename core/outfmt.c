#include "core/outfmt.h"
#include "core/buf.h"
#include "core/i18n.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

static const char *const NAMES[] = {
	[DD_OUT_TABLE] = "table", [DD_OUT_JSON] = "json", [DD_OUT_YAML] = "yaml", [DD_OUT_CSV] = "csv",
};

int dd_outfmt_parse(const char *name, enum dd_outfmt *out)
{
	for (size_t i = 0; i < sizeof(NAMES) / sizeof(NAMES[0]); i++)
		if (name && strcmp(name, NAMES[i]) == 0) {
			*out = (enum dd_outfmt)i;
			return 0;
		}
	return -1;
}

const char *dd_outfmt_name(enum dd_outfmt f)
{
	return NAMES[f];
}

static json_t *load(const char *doc, struct dd_error *err)
{
	json_error_t je;
	json_t *j = json_loads(doc, 0, &je);
	if (!j)
		dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("the document to convert is not JSON: %s"),
			     je.text);
	return j;
}

/* ---- YAML ---------------------------------------------------------- */

/* Words a YAML 1.1 or 1.2 reader takes for something other than a string. */
static bool special_word(const char *s)
{
	static const char *const W[] = { "null", "~", "true", "false", "yes", "no", "on", "off",
					 "y", "n", ".inf", ".nan", "-.inf", "+.inf", "<<" };
	for (size_t i = 0; i < sizeof(W) / sizeof(W[0]); i++)
		if (strcasecmp(s, W[i]) == 0)
			return true;
	return false;
}

/* A string goes out plain only when no reader could see anything else in
 * it: printable ASCII, no indicator first, no ": " or " #", not a number
 * nor a special word. The rest is double-quoted. */
static bool needs_quotes(const char *s)
{
	size_t n = strlen(s);
	if (!n || s[0] == ' ' || s[n - 1] == ' ' || special_word(s))
		return true;
	if (strchr("-?:,[]{}#&*!|>'\"%@`+.0123456789", s[0]))
		return true;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c >= 0x7f)
			return true;
		if (c == ':' && (i + 1 == n || s[i + 1] == ' '))
			return true;
		if (c == '#' && s[i - 1] == ' ')
			return true;
	}
	return false;
}

void dd_outfmt_yaml_string(struct dd_buf *o, const char *s)
{
	char x[8];

	if (!needs_quotes(s)) {
		dd_buf_puts(o, s);
		return;
	}
	dd_buf_putc(o, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			dd_buf_putc(o, '\\');
			dd_buf_putc(o, (char)*p);
		} else if (*p == '\n')
			dd_buf_put(o, "\\n", 2);
		else if (*p == '\t')
			dd_buf_put(o, "\\t", 2);
		else if (*p < 0x20 || *p == 0x7f)
			dd_buf_put(o, x, (size_t)snprintf(x, sizeof(x), "\\x%02x", *p));
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) /* C1 controls */
			dd_buf_put(o, x, (size_t)snprintf(x, sizeof(x), "\\x%02x", *++p));
		else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
			/* line, paragraph separators */
			dd_buf_puts(o, p[2] == 0xa8 ? "\\u2028" : "\\u2029");
			p += 2;
		} else if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
			dd_buf_puts(o, "\\ufeff");
			p += 2;
		} else if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf)) {
			/* U+FFFE, U+FFFF: outside YAML's printable set. */
			dd_buf_puts(o, p[2] == 0xbe ? "\\ufffe" : "\\uffff");
			p += 2;
		} else
			dd_buf_putc(o, (char)*p);
	}
	dd_buf_putc(o, '"');
}

static bool is_scalar(const json_t *v)
{
	return !json_is_object(v) && !json_is_array(v);
}

static bool empty_coll(const json_t *v)
{
	return (json_is_object(v) && json_object_size(v) == 0) ||
	       (json_is_array(v) && json_array_size(v) == 0);
}

static void yaml_scalar(struct dd_buf *o, const json_t *v)
{
	if (json_is_string(v))
		dd_outfmt_yaml_string(o, json_string_value(v));
	else if (json_is_null(v))
		dd_buf_puts(o, "null");
	else if (json_is_true(v))
		dd_buf_puts(o, "true");
	else if (json_is_false(v))
		dd_buf_puts(o, "false");
	else if (json_is_integer(v))
		dd_buf_int(o, (int64_t)json_integer_value(v));
	else if (json_is_object(v))
		dd_buf_puts(o, "{}");
	else if (json_is_array(v))
		dd_buf_puts(o, "[]");
	else {
		char *t = json_dumps(v, JSON_ENCODE_ANY);
		dd_buf_puts(o, t ? t : "null");
		free(t);
	}
}

static void yaml_node(struct dd_buf *o, const json_t *v, int ind);

/* The value after "key:" or "- ": on the same line when it is a scalar,
 * else on the next lines, indented. */
static void yaml_value(struct dd_buf *o, const json_t *v, int ind)
{
	if (is_scalar(v) || empty_coll(v)) {
		dd_buf_putc(o, ' ');
		yaml_scalar(o, v);
		dd_buf_putc(o, '\n');
	} else {
		dd_buf_putc(o, '\n');
		yaml_node(o, v, ind);
	}
}

/* A mapping's entries at ind; the first on the current line after "-"
 * when inline (a record of a list reads "- id: 1"). */
static void yaml_entries(struct dd_buf *o, const json_t *v, int ind, bool inline_first)
{
	const char *k;
	json_t *x;
	bool first = true;
	json_object_foreach((json_t *)v, k, x) {
		if (first && inline_first)
			dd_buf_putc(o, ' ');
		else
			dd_buf_pad(o, (size_t)ind);
		first = false;
		dd_outfmt_yaml_string(o, k);
		dd_buf_putc(o, ':');
		yaml_value(o, x, ind + 2);
	}
}

static void yaml_node(struct dd_buf *o, const json_t *v, int ind)
{
	if (json_is_object(v))
		yaml_entries(o, v, ind, false);
	else if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) {
			dd_buf_pad(o, (size_t)ind);
			dd_buf_putc(o, '-');
			if (json_is_object(x) && json_object_size(x))
				yaml_entries(o, x, ind + 2, true);
			else
				yaml_value(o, x, ind + 2);
		}
	}
}

static char *yaml_of(const json_t *j)
{
	struct dd_buf b = { 0 }, *o = &b;

	dd_buf_puts(o, "---\n");
	if (is_scalar(j) || empty_coll(j)) {
		yaml_scalar(o, j);
		dd_buf_putc(o, '\n');
	} else
		yaml_node(o, j, 0);
	return dd_buf_take(o);
}

char *dd_outfmt_yaml(const char *doc, struct dd_error *err)
{
	json_t *j = load(doc, err);
	char *out;
	if (!j)
		return NULL;
	out = yaml_of(j);
	json_decref(j);
	if (!out)
		dd_error_oom(err);
	return out;
}

/* ---- CSV ----------------------------------------------------------- */

/* RFC 4180 has no place for control characters and a terminal obeys
 * them: C0 (but tab, CR, LF), DEL and C1 become U+FFFD; -o json keeps
 * them, escaped. */
void dd_outfmt_csv_cell(struct dd_buf *o, const char *s)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		dd_buf_putc(o, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && *p != '\t' && *p != '\r' && *p != '\n') || *p == 0x7f) {
			dd_buf_put(o, "\xef\xbf\xbd", 3);
			continue;
		}
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			dd_buf_put(o, "\xef\xbf\xbd", 3);
			p++;
			continue;
		}
		if (*p == '"')
			dd_buf_putc(o, '"');
		dd_buf_putc(o, (char)*p);
	}
	if (quote)
		dd_buf_putc(o, '"');
}

/* A field's text in a cell; caller frees. */
static char *cell_text(const json_t *v)
{
	if (json_is_string(v))
		return strdup(json_string_value(v));
	if (json_is_null(v))
		return strdup("");
	if (json_is_array(v)) {
		bool flat = true;
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) flat = flat && is_scalar(x) && !json_is_null(x);
		if (flat) {
			struct dd_buf b = { 0 };
			json_array_foreach(v, i, x) {
				char *t = cell_text(x);
				if (!t)
					b.oom = true;
				else if (i)
					dd_buf_putc(&b, ';');
				dd_buf_puts(&b, t ? t : "");
				free(t);
			}
			return dd_buf_take(&b);
		}
	}
	return json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
}

/* Adds a record's columns (nested objects as "a.b") to cols, in order. */
static void add_columns(json_t *cols, const json_t *rec, const char *prefix)
{
	const char *k;
	json_t *x;
	json_object_foreach((json_t *)rec, k, x) {
		char name[256];
		snprintf(name, sizeof(name), "%s%s%s", prefix, prefix[0] ? "." : "", k);
		if (json_is_object(x) && json_object_size(x))
			add_columns(cols, x, name);
		else if (!json_object_get(cols, name))
			json_object_set_new(cols, name, json_integer((json_int_t)json_object_size(cols)));
	}
}

/* A field that is an object in one record and null in another: its
 * "name.field" columns hold it, a "name" column beside them would not
 * be the same from one listing to the next. */
static void prune_parents(json_t **cols)
{
	json_t *kept = json_object();
	const char *k, *k2;
	json_t *x, *y;
	json_object_foreach(*cols, k, x) {
		size_t n = strlen(k);
		bool parent = false;
		json_object_foreach(*cols, k2, y) parent = parent || (strncmp(k2, k, n) == 0 && k2[n] == '.');
		if (!parent)
			json_object_set_new(kept, k, json_integer((json_int_t)json_object_size(kept)));
	}
	json_decref(*cols);
	*cols = kept;
}

static const json_t *field(const json_t *rec, const char *path)
{
	char part[256];
	const char *dot;
	while (rec && (dot = strchr(path, '.'))) {
		snprintf(part, sizeof(part), "%.*s", (int)(dot - path), path);
		const json_t *sub = json_object_get(rec, part);
		if (json_is_object(sub)) {
			rec = sub;
			path = dot + 1;
		} else
			break; /* a key with a dot in it */
	}
	return rec ? json_object_get(rec, path) : NULL;
}

static bool records(const json_t *a)
{
	size_t i;
	json_t *x;
	json_array_foreach(a, i, x) if (!json_is_object(x)) return false;
	return true;
}

char *dd_outfmt_csv(const char *doc, struct dd_error *err)
{
	json_t *j = load(doc, err), *lists, *cols;
	const char **order = NULL;
	char *buf = NULL;
	size_t ncols;
	const char *k;
	json_t *x;
	struct dd_buf b = { 0 }, *o = &b;

	if (!j)
		return NULL;
	lists = json_object();
	cols = json_object();
	if (json_is_array(j) && records(j))
		json_object_set(lists, "", j);
	else if (json_is_object(j))
		json_object_foreach(j, k, x) if (json_is_array(x) && records(x))
			json_object_set(lists, k, x);
	if (!json_object_size(lists)) {
		dd_error_set(err, DD_E_USAGE, 0, NULL, _("this document has no list to write as CSV; "
			     "use -o json or -o yaml"));
		goto out;
	}
	if (json_object_size(lists) > 1)
		json_object_set_new(cols, "list", json_integer(0));
	json_object_foreach(lists, k, x) {
		size_t i;
		json_t *r;
		json_array_foreach(x, i, r) add_columns(cols, r, "");
	}
	prune_parents(&cols);
	ncols = json_object_size(cols);
	order = calloc(ncols ? ncols : 1, sizeof(*order));
	if (!order) {
		dd_error_oom(err);
		goto out;
	}
	json_object_foreach(cols, k, x) order[json_integer_value(x)] = k;
	for (size_t c = 0; c < ncols; c++) {
		dd_buf_puts(o, c ? "," : "");
		dd_outfmt_csv_cell(o, order[c]);
	}
	if (ncols) /* no record, no column: an empty file rather than a blank line */
		dd_buf_puts(o, "\r\n");
	json_object_foreach(lists, k, x) {
		size_t i;
		json_t *r;
		json_array_foreach(x, i, r) {
			for (size_t c = 0; c < ncols; c++) {
				char *t;
				dd_buf_puts(o, c ? "," : "");
				if (c == 0 && json_object_size(lists) > 1)
					t = strdup(k);
				else {
					const json_t *v = field(r, order[c]);
					t = v ? cell_text(v) : strdup("");
				}
				if (!t)
					o->oom = true;
				dd_outfmt_csv_cell(o, t ? t : "");
				free(t);
			}
			dd_buf_puts(o, "\r\n");
		}
	}
	if (!(buf = dd_buf_take(o)))
		dd_error_oom(err);
out:
	free(b.p);
	free(order);
	json_decref(cols);
	json_decref(lists);
	json_decref(j);
	return buf;
}

char *dd_outfmt_convert(const char *doc, enum dd_outfmt f, struct dd_error *err)
{
	char *s;
	switch (f) {
	case DD_OUT_YAML:
		return dd_outfmt_yaml(doc, err);
	case DD_OUT_CSV:
		return dd_outfmt_csv(doc, err);
	default:
		s = strdup(doc);
		if (!s)
			dd_error_oom(err);
		return s;
	}
}
