/* servers list's writers without trees (core/export_list.c) against the
 * path they replaced, kept here whole: a jansson tree per server dumped
 * with json_dumps, and YAML and CSV converted from that JSON text by
 * core/outfmt. Same bytes for json, yaml and csv over the sandbox's
 * default world, its --hostile world, 10,000 servers, and records made
 * of every hostile string and of random bytes (invalid UTF-8 too). */
#include <errno.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/account.h"
#include "core/creds.h"
#include "core/export.h"
#include "core/http.h"
#include "core/outfmt.h"
#include "sandbox/sandbox.h"

/* ---- the old path, as core/export.c had it ---- */

static json_t *old_sources(unsigned s)
{
	json_t *a = json_array();

	if (s & DD_SRC_SCW)
		json_array_append_new(a, json_string("scaleway"));
	if (s & DD_SRC_ONLINE)
		json_array_append_new(a, json_string("online"));
	return a;
}

static json_t *old_tags(const struct dd_server *s)
{
	json_t *a = json_array();
	const char sep_raw[2] = { DD_RAW_TAG_SEP, 0 };
	const char *sep = s->raw[DD_RAW_TAGS] ? sep_raw : ",";
	const char *p = dd_server_raw(s, DD_RAW_TAGS, s->tags);

	while (p && *p) {
		size_t n = strcspn(p, sep);
		json_array_append_new(a, json_stringn(p, n));
		p += n;
		if (*p == sep[0])
			p++;
	}
	return a;
}

static json_t *old_server(const struct dd_server *s)
{
	const char *host = dd_server_raw(s, DD_RAW_HOSTNAME, s->hostname);
	const char *offer = dd_server_raw(s, DD_RAW_OFFER, s->offer);
	const char *dc = dd_server_raw(s, DD_RAW_DATACENTER, s->datacenter);
	const char *os = dd_server_raw(s, DD_RAW_OS, s->os);

	if (!s->detailed)
		return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:o}",
				 "id", (json_int_t)s->id, "hostname", host, "zone", s->zone,
				 "offer", offer, "status", s->status,
				 "ipv4", s->ipv4[0] ? s->ipv4 : NULL, "ipv6", s->ipv6[0] ? s->ipv6 : NULL,
				 "datacenter", dc[0] ? dc : NULL,
				 "sources", old_sources(s->sources));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:o, s:s?, s:o}",
			 "id", (json_int_t)s->id, "hostname", host, "zone", s->zone,
			 "offer", offer, "status", s->status,
			 "ipv4", s->ipv4[0] ? s->ipv4 : NULL, "ipv6", s->ipv6[0] ? s->ipv6 : NULL,
			 "os", os[0] ? os : NULL, "tags", old_tags(s),
			 "datacenter", dc[0] ? dc : NULL,
			 "sources", old_sources(s->sources));
}

/* The whole document as one tree, dumped once: what the per-server dump
 * of the old export.c was checked against (tests/unit/test_export). */
static char *old_json(const struct dd_server_list *l)
{
	json_t *arr = json_array(), *doc;
	char *out;

	for (size_t i = 0; i < l->n; i++) {
		json_t *one = old_server(&l->v[i]);

		if (!one) {
			json_decref(arr);
			return NULL;
		}
		json_array_append_new(arr, one);
	}
	doc = json_pack("{s:i, s:I, s:o}", "version", 1, "total_count", (json_int_t)l->n,
			"servers", arr);
	out = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	return out;
}

/* ---- the comparison ---- */

static size_t first_diff(const char *a, const char *b)
{
	size_t i = 0;

	while (a[i] && a[i] == b[i])
		i++;
	return i;
}

static void same(const char *what, char *old, char *now)
{
	if (!old || !now) {
		if (old || now)
			fail_msg("%s: old %s, new %s", what, old ? "written" : "NULL",
				 now ? "written" : "NULL");
	} else if (strcmp(old, now) != 0) {
		size_t i = first_diff(old, now), from = i > 60 ? i - 60 : 0;

		fail_msg("%s differs at byte %zu:\nold: %.120s\nnew: %.120s", what, i, old + from,
			 now + from);
	}
	free(old);
	free(now);
}

/* dd_export_servers_write: the bytes of the string writer (the JSON with
 * puts()'s newline), or nothing at all and EINVAL when it refused. */
static void same_streamed(const struct dd_server_list *l, enum dd_export_fmt fmt)
{
	char *want = fmt == DD_EXPORT_JSON ? dd_export_servers_json(l)
		     : fmt == DD_EXPORT_YAML ? dd_export_servers_yaml(l)
					     : dd_export_servers_csv(l);
	char *got = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&got, &n);
	int rc;

	assert_non_null(f);
	errno = 0;
	rc = dd_export_servers_write(f, l, fmt);
	assert_int_equal(fclose(f), 0);
	if (!want) {
		assert_int_equal(rc, -1);
		assert_int_equal(errno, EINVAL);
		assert_int_equal(n, 0);
	} else {
		size_t wn = strlen(want);

		assert_int_equal(rc, 0);
		assert_int_equal(n, wn + (fmt == DD_EXPORT_JSON));
		assert_memory_equal(got, want, wn);
		if (fmt == DD_EXPORT_JSON)
			assert_int_equal(got[wn], '\n');
	}
	free(want);
	free(got);
}

/* Returns how many documents were written (0 when both paths refused). */
static int compare(const struct dd_server_list *l)
{
	struct dd_error err;
	char *json = old_json(l);
	int written = json != NULL;

	same_streamed(l, DD_EXPORT_JSON);
	same_streamed(l, DD_EXPORT_YAML);
	same_streamed(l, DD_EXPORT_CSV);

	same("json", json ? strdup(json) : NULL, dd_export_servers_json(l));
	same("yaml", json ? dd_outfmt_yaml(json, &err) : NULL, dd_export_servers_yaml(l));
	same("csv", json ? dd_outfmt_csv(json, &err) : NULL, dd_export_servers_csv(l));
	free(json);
	return written;
}

/* ---- the worlds ---- */

struct done {
	int called;
	struct dd_error err;
};

static void on_done(void *ud, const struct dd_error *err)
{
	struct done *d = ud;

	d->called++;
	d->err = *err;
}

/* The sandbox's world o, listed with both APIs' credentials, compared
 * as listed and again with every other record marked detailed (os and
 * tags then in the document). */
static void world(struct dd_sandbox_opts *o, size_t expect)
{
	char msg[200];
	struct dd_sandbox *sb = dd_sandbox_start(o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_creds *c = dd_creds_new();
	struct dd_account *a;
	struct dd_server_list *l;
	struct done d = { 0 };

	assert_non_null(sb);
	assert_non_null(c);
	snprintf(c->secret_key, sizeof(c->secret_key), "%s", DD_SANDBOX_SECRET_KEY);
	snprintf(c->online_token, sizeof(c->online_token), "%s", DD_SANDBOX_ONLINE_TOKEN);
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", dd_sandbox_url(sb));
	snprintf(c->online_api_url, sizeof(c->online_api_url), "%s/api/v1", dd_sandbox_url(sb));
	a = dd_account_new(c);
	assert_non_null(a);
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
	dd_http_run(h);
	assert_int_equal(d.called, 1);
	assert_int_equal(d.err.kind, DD_OK);
	l = (struct dd_server_list *)dd_account_servers(a);
	assert_true(l->n >= expect);
	assert_int_equal(compare(l), 1);
	for (size_t i = 0; i < l->n; i += 2)
		l->v[i].detailed = !l->v[i].detailed;
	assert_int_equal(compare(l), 1);
	dd_account_free(a);
	dd_http_free(h);
	dd_sandbox_stop(sb);
}

static void test_default_world(void **state)
{
	struct dd_sandbox_opts o = { .seed = 1 };

	(void)state;
	world(&o, 24);
}

static void test_hostile_world(void **state)
{
	struct dd_sandbox_opts o = { .seed = 1, .hostile = 1, .servers = 200, .servers_set = 1 };

	(void)state;
	world(&o, 200);
}

static void test_ten_thousand(void **state)
{
	struct dd_sandbox_opts o = { .seed = 1, .servers = 10000, .servers_set = 1 };

	(void)state;
	world(&o, 10000);
}

static void test_empty_list(void **state)
{
	struct dd_server_list l;

	(void)state;
	dd_server_list_init(&l);
	assert_int_equal(compare(&l), 1);
	dd_server_list_clear(&l);
}

static void set(char **dst, const char *v)
{
	assert_int_equal(dd_model_set_str(dst, v), 0);
}

/* Every hostile string in every string field, the raw tags joined by
 * the byte UTF-8 never holds, keys present and absent in turn (so the
 * CSV's first-seen column order moves). */
static void test_hostile_strings(void **state)
{
	size_t nall, nh = 0;
	const char *const *all = dd_sandbox_hostile_strings(&nall);
	const char **hs = calloc(nall, sizeof(*hs));
	const char *marked = NULL;
	struct dd_server_list l;

	(void)state;
	assert_non_null(hs);
	/* A DD_SB_WIRE_* mark is a byte the sandbox's wire turns into an
	 * escape; here it is not UTF-8 (nor are a few others, which the
	 * sanitizer repairs before they reach a record): those strings are
	 * tried apart. */
	for (size_t i = 0; i < nall; i++) {
		json_t *ok = json_string(all[i]);

		if (ok)
			hs[nh++] = all[i];
		else
			marked = all[i];
		json_decref(ok);
	}
	assert_true(nh > 40);
	dd_server_list_init(&l);
	for (size_t i = 0; i < nh * 3; i++) {
		struct dd_server *s = dd_server_list_add(&l);
		const char *h = hs[i % nh], *g = hs[(i * 7 + 3) % nh];
		char raw[512];

		assert_non_null(s);
		s->id = i % 5 == 4 ? -(int64_t)i * 1000003 : (int64_t)i * 7919;
		set(&s->hostname, h);
		set(&s->offer, g);
		set(&s->os, i % 4 ? h : "");
		set(&s->tags, i % 3 ? "a,,b," : "");
		set(&s->datacenter, i % 5 ? g : "");
		snprintf(s->zone, sizeof(s->zone), "%s", i % 2 ? "fr-par-1" : "nl-ams-1");
		snprintf(s->status, sizeof(s->status), "%s", i % 6 ? "ready" : "");
		if (i % 3 != 1)
			snprintf(s->ipv4, sizeof(s->ipv4), "10.0.%zu.%zu", i / 250, i % 250);
		if (i % 4 == 2)
			snprintf(s->ipv6, sizeof(s->ipv6), "2001:db8::%zx", i);
		s->sources = (unsigned)(i % 4);
		s->detailed = i % 7 != 3;
		if (i % 2) {
			snprintf(raw, sizeof(raw), "%s%c%c%s%c", h, DD_RAW_TAG_SEP, DD_RAW_TAG_SEP, g,
				 DD_RAW_TAG_SEP);
			set(&s->raw[DD_RAW_TAGS], raw);
			set(&s->raw[DD_RAW_HOSTNAME], g);
		}
	}
	assert_int_equal(compare(&l), 1);
	/* Lists whose first records differ: the CSV's columns come in the
	 * order first seen (os and tags only with a detail). */
	for (size_t k = 1; k < 8 && k < l.n; k++) {
		struct dd_server_list part = { .v = l.v + k, .n = l.n - k };
		assert_int_equal(compare(&part), 1);
	}
	/* A string that is not UTF-8 in a tag: that tag was left out; in
	 * the hostname: the document was refused. Both paths alike. */
	if (marked) {
		char raw[512];

		snprintf(raw, sizeof(raw), "ok%c%s%cfine", DD_RAW_TAG_SEP, marked, DD_RAW_TAG_SEP);
		set(&l.v[1].raw[DD_RAW_TAGS], raw);
		l.v[1].detailed = true;
		assert_int_equal(compare(&l), 1);
		set(&l.v[2].hostname, marked);
		free(l.v[2].raw[DD_RAW_HOSTNAME]);
		l.v[2].raw[DD_RAW_HOSTNAME] = NULL;
		assert_int_equal(compare(&l), 0);
	}
	dd_server_list_clear(&l);
	free(hs);
}

/* Random bytes in the strings: most are invalid UTF-8 (the old path
 * refused the whole document, or left the one tag out), some are C0
 * controls and DEL, some valid multibyte characters. */
static void test_random_bytes(void **state)
{
	/* The last three are not UTF-8 (a surrogate, an overlong form,
	 * past U+10FFFF). */
	static const char *const pieces[] = { "\xc3\xa9", "\xe2\x80\xa8", "\xef\xbb\xbf", "\xef\xbf\xbe",
					      "\xf0\x9f\x98\x80", "\xc2\x85", "\x7f", "\x1b[2J", "\"",
					      "\\", ",", ";", "\r\n", "\t", "- ", ": ", " #", "yes", "0x1F", "",
					      "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80" };
	const size_t n_pieces = sizeof(pieces) / sizeof(*pieces);
	uint64_t x = 0x9e3779b97f4a7c15u;
	int written = 0;

	(void)state;
	for (int round = 0; round < 400; round++) {
		struct dd_server_list l;
		/* Every other round only valid UTF-8: documents get written. */
		bool clean = round % 2 == 0;

		dd_server_list_init(&l);
		for (int i = 0; i < 4; i++) {
			struct dd_server *s = dd_server_list_add(&l);
			char f[4][64];

			assert_non_null(s);
			for (int k = 0; k < 4; k++) {
				size_t n = 0;

				f[k][0] = 0;
				for (int j = 0; j < 4; j++) {
					x ^= x << 13, x ^= x >> 7, x ^= x << 17;
					char byte[2] = { (char)(1 + (x >> 8) % (clean ? 127 : 255)), 0 };
					const char *p = x % 9 == 0 ? byte
								    : pieces[(x >> 16) % (clean ? n_pieces - 3 : n_pieces)];
					n += (size_t)snprintf(f[k] + n, sizeof(f[k]) - n, "%s", p);
				}
			}
			s->id = (int64_t)(x >> 1) * (x & 1 ? -1 : 1);
			set(&s->hostname, f[0]);
			set(&s->offer, f[1]);
			set(&s->os, f[2]);
			set(&s->tags, f[3]);
			set(&s->datacenter, i % 2 ? f[2] : "");
			snprintf(s->zone, sizeof(s->zone), "fr-par-%d", i % 3);
			snprintf(s->status, sizeof(s->status), "ready");
			s->sources = (unsigned)x % 4;
			s->detailed = (x >> 3) % 2;
			if ((x >> 5) % 3 == 0)
				set(&s->raw[DD_RAW_TAGS], f[1]);
		}
		written += compare(&l);
		dd_server_list_clear(&l);
	}
	assert_true(written >= 200); /* the clean rounds were written */
}

/* Strings longer than the stream's 64 KiB chunk, across its ends, and a
 * file that refuses the bytes. */
static void test_streamed_chunks(void **state)
{
	struct dd_server_list l;
	char *big = malloc(200001);
	FILE *full;

	(void)state;
	assert_non_null(big);
	for (size_t i = 0; i < 200000; i++)
		big[i] = (char)('a' + i % 26);
	big[200000] = 0;
	big[65530] = '"'; /* an escape across the first chunk's end */
	dd_server_list_init(&l);
	for (int i = 0; i < 300; i++) {
		struct dd_server *s = dd_server_list_add(&l);

		assert_non_null(s);
		s->id = i;
		set(&s->hostname, i % 100 == 7 ? big : "host");
		set(&s->offer, "Start-2-M-SATA");
		snprintf(s->zone, sizeof(s->zone), "fr-par-1");
		snprintf(s->status, sizeof(s->status), "ready");
		s->sources = 1;
	}
	assert_int_equal(compare(&l), 1);
	full = fopen("/dev/full", "w");
	assert_non_null(full);
	errno = 0;
	assert_int_equal(dd_export_servers_write(full, &l, DD_EXPORT_JSON), -1);
	assert_int_equal(errno, EIO);
	assert_true(ferror(full));
	fclose(full);
	dd_server_list_clear(&l);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_list),
		cmocka_unit_test(test_hostile_strings),
		cmocka_unit_test(test_random_bytes),
		cmocka_unit_test(test_default_world),
		cmocka_unit_test(test_hostile_world),
		cmocka_unit_test(test_ten_thousand),
		cmocka_unit_test(test_streamed_chunks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
