#include "core/outfmt.h"

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
		dd_error_set(err, DD_E_INTERNAL, 0, NULL, "the document to convert is not JSON: %s",
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

static void yaml_string(FILE *o, const char *s)
{
	if (!needs_quotes(s)) {
		fputs(s, o);
		return;
	}
	fputc('"', o);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(o, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", o);
		else if (*p == '\t')
			fputs("\\t", o);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(o, "\\x%02x", *p);
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) /* C1 controls */
			fprintf(o, "\\x%02x", *++p);
		else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
			fprintf(o, "\\u20%02x", p[2] == 0xa8 ? 0x28 : 0x29); /* line, paragraph sep. */
			p += 2;
		} else if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
			fputs("\\ufeff", o);
			p += 2;
		} else if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf)) {
			/* U+FFFE, U+FFFF: outside YAML's printable set. */
			fprintf(o, "\\uff%02x", p[2] == 0xbe ? 0xfe : 0xff);
			p += 2;
		} else
			fputc(*p, o);
	}
	fputc('"', o);
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

static void yaml_scalar(FILE *o, const json_t *v)
{
	if (json_is_string(v))
		yaml_string(o, json_string_value(v));
	else if (json_is_null(v))
		fputs("null", o);
	else if (json_is_true(v))
		fputs("true", o);
	else if (json_is_false(v))
		fputs("false", o);
	else if (json_is_integer(v))
		fprintf(o, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_object(v))
		fputs("{}", o);
	else if (json_is_array(v))
		fputs("[]", o);
	else {
		char *t = json_dumps(v, JSON_ENCODE_ANY);
		fputs(t ? t : "null", o);
		free(t);
	}
}

static void yaml_node(FILE *o, const json_t *v, int ind);

/* The value after "key:" or "- ": on the same line when it is a scalar,
 * else on the next lines, indented. */
static void yaml_value(FILE *o, const json_t *v, int ind)
{
	if (is_scalar(v) || empty_coll(v)) {
		fputc(' ', o);
		yaml_scalar(o, v);
		fputc('\n', o);
	} else {
		fputc('\n', o);
		yaml_node(o, v, ind);
	}
}

/* A mapping's entries at ind; the first on the current line after "-"
 * when inline (a record of a list reads "- id: 1"). */
static void yaml_entries(FILE *o, const json_t *v, int ind, bool inline_first)
{
	const char *k;
	json_t *x;
	bool first = true;
	json_object_foreach((json_t *)v, k, x) {
		if (first && inline_first)
			fputc(' ', o);
		else
			fprintf(o, "%*s", ind, "");
		first = false;
		yaml_string(o, k);
		fputc(':', o);
		yaml_value(o, x, ind + 2);
	}
}

static void yaml_node(FILE *o, const json_t *v, int ind)
{
	if (json_is_object(v))
		yaml_entries(o, v, ind, false);
	else if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) {
			fprintf(o, "%*s-", ind, "");
			if (json_is_object(x) && json_object_size(x))
				yaml_entries(o, x, ind + 2, true);
			else
				yaml_value(o, x, ind + 2);
		}
	}
}

static char *yaml_of(const json_t *j)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *o = open_memstream(&buf, &len);
	if (!o)
		return NULL;
	fputs("---\n", o);
	if (is_scalar(j) || empty_coll(j)) {
		yaml_scalar(o, j);
		fputc('\n', o);
	} else
		yaml_node(o, j, 0);
	if (fclose(o) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
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
static void csv_cell(FILE *o, const char *s)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', o);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && *p != '\t' && *p != '\r' && *p != '\n') || *p == 0x7f) {
			fputs("\xef\xbf\xbd", o);
			continue;
		}
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			fputs("\xef\xbf\xbd", o);
			p++;
			continue;
		}
		if (*p == '"')
			fputc('"', o);
		fputc(*p, o);
	}
	if (quote)
		fputc('"', o);
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
			char *buf = NULL;
			size_t len = 0;
			FILE *o = open_memstream(&buf, &len);
			if (!o)
				return NULL;
			json_array_foreach(v, i, x) {
				char *t = cell_text(x);
				fprintf(o, "%s%s", i ? ";" : "", t ? t : "");
				free(t);
			}
			fclose(o);
			return buf;
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
	size_t len = 0, ncols;
	const char *k;
	json_t *x;
	FILE *o;

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
		dd_error_set(err, DD_E_USAGE, 0, NULL, "this document has no list to write as CSV; "
			     "use -o json or -o yaml");
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
	o = order ? open_memstream(&buf, &len) : NULL;
	if (!o) {
		dd_error_oom(err);
		goto out;
	}
	json_object_foreach(cols, k, x) order[json_integer_value(x)] = k;
	for (size_t c = 0; c < ncols; c++) {
		fputs(c ? "," : "", o);
		csv_cell(o, order[c]);
	}
	if (ncols) /* no record, no column: an empty file rather than a blank line */
		fputs("\r\n", o);
	json_object_foreach(lists, k, x) {
		size_t i;
		json_t *r;
		json_array_foreach(x, i, r) {
			for (size_t c = 0; c < ncols; c++) {
				char *t;
				fputs(c ? "," : "", o);
				if (c == 0 && json_object_size(lists) > 1)
					t = strdup(k);
				else {
					const json_t *v = field(r, order[c]);
					t = v ? cell_text(v) : strdup("");
				}
				csv_cell(o, t ? t : "");
				free(t);
			}
			fputs("\r\n", o);
		}
	}
	if (fclose(o) != 0) {
		free(buf);
		buf = NULL;
		dd_error_oom(err);
	}
out:
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
