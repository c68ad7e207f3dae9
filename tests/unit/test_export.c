/* The --json server list: the same bytes as jansson's dump of the whole
 * tree (the documented, stable shape), without holding that tree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/export.h"
#include "core/model.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

static void fill(struct dd_server_list *l, size_t n)
{
	static const char *const hosts[] = { "web-1", "quote\"back\\slash", "ünï€ode",
					     "\\u{1B}[2Jclean", "" };

	for (size_t i = 0; i < n; i++) {
		struct dd_server *s = dd_server_list_add(l);
		assert_non_null(s);
		s->id = 100000 + (int64_t)i;
		assert_int_equal(dd_model_set_str(&s->hostname, hosts[i % 5]), 0);
		snprintf(s->zone, sizeof(s->zone), "%s", i % 2 ? "fr-par-1" : "nl-ams-1");
		assert_int_equal(dd_model_set_str(&s->offer, "Start-2-M-SSD"), 0);
		snprintf(s->status, sizeof(s->status), "ready");
		if (i % 3)
			snprintf(s->ipv4, sizeof(s->ipv4), "62.210.0.%zu", i % 250);
		if (i % 4 == 1)
			snprintf(s->ipv6, sizeof(s->ipv6), "2001:bc8::%zx", i);
		if (i % 2)
			assert_int_equal(dd_model_set_str(&s->os, "Debian 12"), 0);
		if (i % 5 == 2)
			assert_int_equal(dd_model_set_str(&s->tags, "db,prod,,x"), 0);
		if (i % 3 == 0)
			assert_int_equal(dd_model_set_str(&s->datacenter, "DC3"), 0);
		s->sources = (unsigned)(i % 3) + 1;
		s->detailed = i % 7 != 0;
	}
}

/* The oracle: the whole tree in jansson, dumped once. */
static char *tree_dump(const struct dd_server_list *l)
{
	json_t *arr = json_array();
	char *out;

	for (size_t i = 0; i < l->n; i++) {
		const struct dd_server *s = &l->v[i];
		json_t *tags = json_array(), *src = json_array();
		const char *p = s->tags;

		while (*p) {
			size_t n = strcspn(p, ",");
			json_array_append_new(tags, json_stringn(p, n));
			p += n;
			if (*p == ',')
				p++;
		}
		if (s->sources & DD_SRC_SCW)
			json_array_append_new(src, json_string("scaleway"));
		if (s->sources & DD_SRC_ONLINE)
			json_array_append_new(src, json_string("online"));
		json_t *one = json_pack(
			"{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:o, s:s?, s:o}",
			"id", (json_int_t)s->id, "hostname", s->hostname, "zone", s->zone,
			"offer", s->offer, "status", s->status,
			"ipv4", s->ipv4[0] ? s->ipv4 : NULL, "ipv6", s->ipv6[0] ? s->ipv6 : NULL,
			"os", s->os[0] ? s->os : NULL, "tags", tags,
			"datacenter", s->datacenter[0] ? s->datacenter : NULL, "sources", src);
		/* Never read in detail: no OS or tags rather than empty ones. */
		if (!s->detailed) {
			json_object_del(one, "os");
			json_object_del(one, "tags");
		}
		json_array_append_new(arr, one);
	}
	json_t *doc = json_pack("{s:i, s:I, s:o}", "version", 1, "total_count",
				(json_int_t)l->n, "servers", arr);
	out = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	return out;
}

static void test_same_bytes_as_the_tree(void **state)
{
	static const size_t sizes[] = { 0, 1, 2, 7, 60 };

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		struct dd_server_list l;
		char *want, *got;

		dd_server_list_init(&l);
		fill(&l, sizes[k]);
		want = tree_dump(&l);
		got = dd_export_servers_json(&l);
		assert_non_null(want);
		assert_non_null(got);
		assert_string_equal(got, want);
		free(want);
		free(got);
		dd_server_list_clear(&l);
	}
}

static long peak_rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* 100,000 servers: the export costs about the size of its text, not a
 * tree ten times that (it was 300 MB). */
static void test_memory_is_the_text(void **state)
{
	struct dd_server_list l;
	long before, after;
	char *doc;
	size_t len;

#ifdef UNDER_ASAN
	/* Redzones and quarantine make RSS say nothing. tests/tap-skip.sh
	 * makes cmocka's line a TAP SKIP, not a pass nor a failure. */
	skip();
#endif
	dd_server_list_init(&l);
	fill(&l, 100000);
	before = peak_rss_kb();
	assert_true(before >= 0); /* /proc is there on Linux */
	doc = dd_export_servers_json(&l);
	after = peak_rss_kb();
	assert_non_null(doc);
	len = strlen(doc);
	free(doc);
	dd_server_list_clear(&l);
	/* The buffer doubles: twice the text, plus slack. */
	if ((size_t)(after - before) * 1024 > 3 * len + (8u << 20))
		fail_msg("export of %zu bytes raised the peak RSS by %ld kB", len, after - before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_bytes_as_the_tree),
		cmocka_unit_test(test_memory_is_the_text),
	};
	return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
