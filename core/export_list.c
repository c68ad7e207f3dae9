/* `servers list` as JSON, YAML and CSV written straight from the records
 * into one growing buffer: no jansson tree, no per-server dump, no parse
 * of our own JSON to write YAML or CSV. The bytes are the ones the trees
 * gave (json_dumps with JSON_INDENT(2) and keys in order, then
 * dd_outfmt_yaml or dd_outfmt_csv of that text): tests/unit/test_export_same
 * keeps the old path and compares both over the sandbox's worlds. */
#include "core/export.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/outfmt.h"

/* The keys of a server, in the document's order. */
enum key { K_ID, K_HOSTNAME, K_ZONE, K_OFFER, K_STATUS, K_IPV4, K_IPV6, K_OS, K_TAGS,
	   K_DATACENTER, K_SOURCES, K__N };

static const char *const KEY[K__N] = { "id", "hostname", "zone", "offer", "status", "ipv4",
				       "ipv6", "os", "tags", "datacenter", "sources" };

/* One server as the document holds it. */
struct rec {
	unsigned present;       /* bit k: key k is in the record */
	const char *str[K__N];  /* the string keys' values */
	const char *tags;       /* K_TAGS: the list as sent, split at sep */
	char sep;
};

/* jansson's UTF-8 rule (utf8_check_full): no overlong form, no surrogate,
 * nothing past U+10FFFF. A string that breaks it made json_pack fail (the
 * whole document) and json_stringn fail (that one tag left out). */
static size_t utf8_len(const unsigned char *p, size_t left)
{
	unsigned c = p[0], n, v;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, v = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, v = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, v = c & 0x07;
	else
		return 0;
	if (n > left)
		return 0;
	for (unsigned i = 1; i < n; i++) {
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
		v = v << 6 | (p[i] & 0x3fu);
	}
	if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) || (n == 3 && v < 0x800) ||
	    (n == 4 && v < 0x10000))
		return 0;
	return n;
}

static bool utf8_ok(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < n;) {
		size_t k = p[i] < 0x80 ? 1 : utf8_len(p + i, n - i);

		if (!k)
			return false;
		i += k;
	}
	return true;
}

/* Fills r; false when a string could not be in the document. */
static bool record(const struct dd_server *s, struct rec *r)
{
	const char *host = dd_server_raw(s, DD_RAW_HOSTNAME, s->hostname);
	const char *offer = dd_server_raw(s, DD_RAW_OFFER, s->offer);
	const char *dc = dd_server_raw(s, DD_RAW_DATACENTER, s->datacenter);
	const char *os = dd_server_raw(s, DD_RAW_OS, s->os);

	*r = (struct rec){ 0 };
	/* json_pack's "s?": an empty optional string is null, the key stays. */
	r->present = 1u << K_ID | 1u << K_HOSTNAME | 1u << K_ZONE | 1u << K_OFFER |
		     1u << K_STATUS | 1u << K_IPV4 | 1u << K_IPV6 | 1u << K_DATACENTER |
		     1u << K_SOURCES;
	r->str[K_HOSTNAME] = host;
	r->str[K_ZONE] = s->zone;
	r->str[K_OFFER] = offer;
	r->str[K_STATUS] = s->status;
	r->str[K_IPV4] = s->ipv4[0] ? s->ipv4 : NULL;
	r->str[K_IPV6] = s->ipv6[0] ? s->ipv6 : NULL;
	r->str[K_DATACENTER] = dc && dc[0] ? dc : NULL;
	/* A list record whose detail was never read has no OS or tags from
	 * the API that owns them: the keys are left out (export.c). */
	if (s->detailed) {
		r->present |= 1u << K_OS | 1u << K_TAGS;
		r->str[K_OS] = os && os[0] ? os : NULL;
		r->tags = dd_server_raw(s, DD_RAW_TAGS, s->tags);
		r->sep = s->raw[DD_RAW_TAGS] ? DD_RAW_TAG_SEP : ',';
	}
	for (int k = K_HOSTNAME; k <= K_STATUS; k++)
		if (!r->str[k])
			return false;
	for (int k = K_HOSTNAME; k < K__N; k++)
		if (r->str[k] && !utf8_ok(r->str[k], strlen(r->str[k])))
			return false;
	return true;
}

/* The next tag of *p (the tags as sent: the raw ones are joined by a
 * byte UTF-8 never holds), or false at the end. */
static bool next_tag(const char **p, char sep, const char **t, size_t *n)
{
	const char set[2] = { sep, 0 };

	if (!*p || !**p)
		return false;
	*t = *p;
	*n = strcspn(*p, set);
	*p += *n;
	if (**p == sep)
		(*p)++;
	return true;
}

static const char *const SOURCE[2] = { "scaleway", "online" };

/* The items of a list key in order: tags (only the valid ones, as
 * json_stringn left the others out) or sources. */
struct items {
	const char *p;
	char sep;
	unsigned src, at;
};

static struct items items_of(const struct rec *r, const struct dd_server *s, enum key k)
{
	struct items it = { 0 };

	if (k == K_TAGS)
		it.p = r->tags, it.sep = r->sep;
	else
		it.src = (s->sources & DD_SRC_SCW ? 1u : 0) | (s->sources & DD_SRC_ONLINE ? 2u : 0);
	return it;
}

static bool next_item(struct items *it, bool tags, const char **t, size_t *n)
{
	if (tags) {
		while (next_tag(&it->p, it->sep, t, n))
			if (utf8_ok(*t, *n))
				return true;
		return false;
	}
	while (it->at < 2 && !(it->src & 1u << it->at))
		it->at++;
	if (it->at >= 2)
		return false;
	*t = SOURCE[it->at++];
	*n = strlen(*t);
	return true;
}

/* ---- JSON ---------------------------------------------------------- */

/* jansson's escapes (dump_string without JSON_ENSURE_ASCII): the quote,
 * the backslash and C0 controls; the rest as it is. s is valid UTF-8. */
static void json_str(struct dd_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s, *end = p + n, *run;

	dd_buf_putc(b, '"');
	while (p < end) {
		run = p;
		while (p < end && *p >= 0x20 && *p != '"' && *p != '\\')
			p++;
		dd_buf_put(b, (const char *)run, (size_t)(p - run));
		if (p == end)
			break;
		switch (*p) {
		case '"': dd_buf_put(b, "\\\"", 2); break;
		case '\\': dd_buf_put(b, "\\\\", 2); break;
		case '\b': dd_buf_put(b, "\\b", 2); break;
		case '\f': dd_buf_put(b, "\\f", 2); break;
		case '\n': dd_buf_put(b, "\\n", 2); break;
		case '\r': dd_buf_put(b, "\\r", 2); break;
		case '\t': dd_buf_put(b, "\\t", 2); break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15] };
			dd_buf_put(b, u, 6);
		}
		}
		p++;
	}
	dd_buf_putc(b, '"');
}

/* One server at the depth of the list (json_dumps indents by 2). */
static void json_server(struct dd_buf *b, const struct dd_server *s, const struct rec *r)
{
	bool first = true;

	dd_buf_putc(b, '{');
	for (int k = 0; k < K__N; k++) {
		if (!(r->present & 1u << k))
			continue;
		dd_buf_puts(b, first ? "\n      \"" : ",\n      \"");
		first = false;
		dd_buf_puts(b, KEY[k]);
		dd_buf_put(b, "\": ", 3);
		if (k == K_ID) {
			dd_buf_int(b, s->id);
		} else if (k == K_TAGS || k == K_SOURCES) {
			struct items it = items_of(r, s, (enum key)k);
			const char *t;
			size_t n, i = 0;

			dd_buf_putc(b, '[');
			for (; next_item(&it, k == K_TAGS, &t, &n); i++) {
				dd_buf_puts(b, i ? ",\n        " : "\n        ");
				json_str(b, t, n);
			}
			dd_buf_puts(b, i ? "\n      ]" : "]");
		} else if (!r->str[k]) {
			dd_buf_put(b, "null", 4);
		} else {
			json_str(b, r->str[k], strlen(r->str[k]));
		}
	}
	dd_buf_put(b, "\n    }", 6);
}

static void write_json(struct dd_buf *o, const struct dd_server_list *l)
{
	dd_buf_puts(o, "{\n  \"version\": 1,\n  \"total_count\": ");
	dd_buf_int(o, (int64_t)l->n);
	dd_buf_puts(o, ",\n  \"servers\": ");
	dd_buf_puts(o, l->n ? "[" : "[]");
	for (size_t i = 0; i < l->n && !o->oom; i++) {
		struct rec r;

		if (!record(&l->v[i], &r))
			o->oom = true;
		dd_buf_puts(o, i ? ",\n    " : "\n    ");
		json_server(o, &l->v[i], &r);
	}
	dd_buf_puts(o, l->n ? "\n  ]\n}" : "\n}");
}

char *dd_export_servers_json(const struct dd_server_list *l)
{
	struct dd_buf b = { 0 };

	/* About 300 bytes a server: one allocation for most lists. */
	dd_buf_grow(&b, 128 + l->n * 320);
	write_json(&b, l);
	return dd_buf_take(&b);
}

/* ---- YAML ---------------------------------------------------------- */

/* As dd_outfmt_yaml writes the JSON document: a block mapping, the list
 * of records as "- id: ...", lists of strings one item a line. */
static void write_yaml(struct dd_buf *o, const struct dd_server_list *l)
{
	struct dd_buf t = { 0 };

	dd_buf_puts(o, "---\nversion: 1\ntotal_count: ");
	dd_buf_int(o, (int64_t)l->n);
	dd_buf_puts(o, l->n ? "\nservers:\n" : "\nservers: []\n");
	for (size_t i = 0; i < l->n && !o->oom; i++) {
		const struct dd_server *s = &l->v[i];
		struct rec r;

		if (!record(s, &r))
			o->oom = true;
		dd_buf_puts(o, "  -");
		for (int k = 0; k < K__N; k++) {
			if (!(r.present & 1u << k))
				continue;
			dd_buf_puts(o, k == K_ID ? " " : "    ");
			dd_buf_puts(o, KEY[k]);
			dd_buf_putc(o, ':');
			if (k == K_ID) {
				dd_buf_putc(o, ' ');
				dd_buf_int(o, s->id);
			} else if (k == K_TAGS || k == K_SOURCES) {
				struct items it = items_of(&r, s, (enum key)k);
				const char *x;
				size_t n, m = 0;

				for (; next_item(&it, k == K_TAGS, &x, &n); m++) {
					/* A tag is a part of a longer string: its own copy. */
					t.len = 0;
					dd_buf_put(&t, x, n);
					dd_buf_puts(o, "\n      - ");
					dd_outfmt_yaml_string(o, t.p ? t.p : "");
				}
				if (!m)
					dd_buf_puts(o, " []");
			} else {
				dd_buf_putc(o, ' ');
				if (r.str[k])
					dd_outfmt_yaml_string(o, r.str[k]);
				else
					dd_buf_put(o, "null", 4);
			}
			dd_buf_putc(o, '\n');
		}
	}
	if (t.oom)
		o->oom = true;
	free(t.p);
}

char *dd_export_servers_yaml(const struct dd_server_list *l)
{
	struct dd_buf b = { 0 };

	dd_buf_grow(&b, 128 + l->n * 256);
	write_yaml(&b, l);
	return dd_buf_take(&b);
}

/* ---- CSV ----------------------------------------------------------- */

/* As dd_outfmt_csv writes the document's one list: the columns are the
 * keys in the order first seen over the records (a key left out of the
 * first records comes after the others), an absent key an empty cell, a
 * list its items joined with ";". */
static bool write_csv(struct dd_buf *o, const struct dd_server_list *l)
{
	struct dd_buf t = { 0 };
	int order[K__N], ncols = 0;
	unsigned seen = 0;

	for (size_t i = 0; i < l->n && ncols < K__N; i++) {
		struct rec r;

		if (!record(&l->v[i], &r))
			return false;
		for (int k = 0; k < K__N; k++)
			if (r.present & ~seen & 1u << k) {
				order[ncols++] = k;
				seen |= 1u << k;
			}
	}
	for (int c = 0; c < ncols; c++) {
		if (c)
			dd_buf_putc(o, ',');
		dd_outfmt_csv_cell(o, KEY[order[c]]);
	}
	if (ncols) /* no record, no column: an empty file rather than a blank line */
		dd_buf_put(o, "\r\n", 2);
	for (size_t i = 0; i < l->n && !o->oom; i++) {
		const struct dd_server *s = &l->v[i];
		struct rec r;

		if (!record(s, &r))
			o->oom = true;
		for (int c = 0; c < ncols; c++) {
			int k = order[c];

			if (c)
				dd_buf_putc(o, ',');
			if (!(r.present & 1u << k))
				continue;
			if (k == K_ID) {
				dd_buf_int(o, s->id);
			} else if (k == K_TAGS || k == K_SOURCES) {
				struct items it = items_of(&r, s, (enum key)k);
				const char *x;
				size_t n, m = 0;

				t.len = 0;
				for (; next_item(&it, k == K_TAGS, &x, &n); m++) {
					if (m)
						dd_buf_putc(&t, ';');
					dd_buf_put(&t, x, n);
				}
				dd_outfmt_csv_cell(o, t.p && m ? t.p : "");
			} else if (r.str[k]) { /* null is an empty cell */
				dd_outfmt_csv_cell(o, r.str[k]);
			}
		}
		dd_buf_put(o, "\r\n", 2);
	}
	if (t.oom)
		o->oom = true;
	free(t.p);
	return true;
}

char *dd_export_servers_csv(const struct dd_server_list *l)
{
	struct dd_buf b = { 0 };

	dd_buf_grow(&b, 128 + l->n * 200);
	if (!write_csv(&b, l)) {
		free(b.p);
		return NULL;
	}
	return dd_buf_take(&b);
}

/* ---- to a file ----------------------------------------------------- */

/* Every record checked before the first byte goes out: a record that
 * cannot be in the document fails the whole output, as the string
 * writers fail, not half of it. */
static bool records_ok(const struct dd_server_list *l)
{
	struct rec r;

	for (size_t i = 0; i < l->n; i++)
		if (!record(&l->v[i], &r))
			return false;
	return true;
}

int dd_export_servers_write(FILE *f, const struct dd_server_list *l, enum dd_export_fmt fmt)
{
	struct dd_buf b;

	if (!records_ok(l)) {
		errno = EINVAL;
		return -1;
	}
	if (!dd_buf_sink(&b, f)) {
		errno = ENOMEM;
		return -1;
	}
	if (fmt == DD_EXPORT_JSON) {
		write_json(&b, l);
		dd_buf_putc(&b, '\n'); /* as puts() ended the document */
	} else if (fmt == DD_EXPORT_YAML) {
		write_yaml(&b, l);
	} else {
		write_csv(&b, l);
	}
	return dd_buf_finish(&b);
}
