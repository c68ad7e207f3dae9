/* The server-list scanner against the jansson tree decoder: every page of
 * the sandbox's worlds (normal, --hostile, ip-shuffle) must be taken by
 * the scanner with the tree decoder's records, field by field; hand-made
 * pages (nulls, missing and unknown keys, escapes, surrogates, bad UTF-8,
 * huge numbers, deep nesting, duplicate keys, malformed text) either give
 * the same records or are given up, never a different answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curl/curl.h>

#include "core/json.h"
#include "core/json_scan.h"
#include "core/scw_dedibox.h"
#include "sandbox/sandbox.h"
#include "tests/fuzz/scan_check.h"

struct buf {
	char *p;
	size_t n;
};

static size_t on_data(char *d, size_t sz, size_t nm, void *ud)
{
	struct buf *b = ud;
	char *np = realloc(b->p, b->n + sz * nm + 1);

	if (!np)
		return 0;
	b->p = np;
	memcpy(b->p + b->n, d, sz * nm);
	b->n += sz * nm;
	b->p[b->n] = '\0';
	return sz * nm;
}

static void get(const char *url, struct buf *b)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = curl_slist_append(NULL, "X-Auth-Token: " DD_SANDBOX_SECRET_KEY);
	long status = 0;

	assert_non_null(c);
	b->p = NULL;
	b->n = 0;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	assert_int_equal(status, 200);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
}

static void check(const char *body, size_t len, int want)
{
	char why[600] = "";
	int rc = dd_scan_check_page(body, len, why, sizeof(why));

	if (rc != want)
		fail_msg("scanner %d, wanted %d: %s\n%.300s", rc, want, why[0] ? why : "(gave up)", body);
}

#define CHECK(lit, want) check(lit, sizeof(lit) - 1, want)

/* Every page of every zone, each taken by the scanner; returns how many
 * servers were read. */
static size_t world(const struct dd_sandbox_opts *o, size_t *with_raw)
{
	char err[256], url[512];
	struct dd_sandbox *sb = dd_sandbox_start(o, err, sizeof(err));
	size_t servers = 0;

	if (!sb)
		fail_msg("sandbox: %s", err);
	*with_raw = 0;
	for (size_t z = 0; dd_scw_zones[z]; z++) {
		for (unsigned page = 1;; page++) {
			struct buf b;
			struct dd_server_list l;
			struct dd_error e;
			int64_t total;

			snprintf(url, sizeof(url), "%s/dedibox/v1/zones/%s/servers?page=%u&page_size=100",
				 dd_sandbox_url(sb), dd_scw_zones[z], page);
			get(url, &b);
			check(b.p, b.n, 1);
			dd_server_list_init(&l);
			assert_int_equal(dd_scw_decode_server_page(b.p, b.n, dd_scw_zones[z], &l, &total, &e), 0);
			servers += l.n;
			for (size_t i = 0; i < l.n; i++)
				*with_raw += l.v[i].raw[DD_RAW_HOSTNAME] != NULL;
			size_t got = l.n;
			dd_server_list_clear(&l);
			free(b.p);
			if (got == 0 || page * 100 >= (unsigned)total)
				break;
		}
	}
	dd_sandbox_stop(sb);
	return servers;
}

static void test_normal_world(void **state)
{
	struct dd_sandbox_opts o = { .seed = 1, .servers = 300, .servers_set = 1 };
	size_t raw;

	(void)state;
	assert_int_equal(world(&o, &raw), 300);
}

static void test_hostile_world(void **state)
{
	struct dd_sandbox_opts o = { .seed = 1, .servers = 300, .servers_set = 1, .hostile = 1 };
	size_t raw, n = 0;

	(void)state;
	dd_sandbox_hostile_strings(&n);
	assert_true(n >= 58);
	assert_int_equal(world(&o, &raw), 300);
	/* The hostile names were there: many hostnames differ once sanitized. */
	assert_true(raw >= 50);
}

static void test_ip_shuffle_world(void **state)
{
	struct dd_sandbox_opts o = { .seed = 7, .servers = 250, .servers_set = 1, .ip_shuffle = 1 };
	size_t raw;

	(void)state;
	assert_int_equal(world(&o, &raw), 250);
}

static void test_values(void **state)
{
	(void)state;
	/* nulls, missing optional fields, an empty and a bare list */
	CHECK("{\"servers\":[{\"id\":1,\"hostname\":null,\"status\":null,\"zone\":null,"
	      "\"offer_name\":null,\"datacenter_name\":null,\"project_id\":null,\"os_id\":null,"
	      "\"interfaces\":null}],\"total_count\":null}", 1);
	CHECK("{\"servers\":[{\"id\":2}]}", 1);
	CHECK(" \t\r\n{ \"total_count\" : 0 , \"servers\" : [ ] } \n", 1);
	CHECK("{\"total_count\":0}", 1);
	CHECK("{}", 1);
	CHECK("{\"servers\":null,\"total_count\":0}", 1);
	/* unknown keys of every kind, nested, skipped */
	CHECK("{\"x\":{\"a\":[1,-2.5e-3,true,false,null,{\"b\":{}},[]],\"c\":\"\\\"\"},\"servers\":"
	      "[{\"id\":3,\"level\":{\"level\":\"basic\",\"n\":[0,1e5,-0,0.0]},\"zone\":\"nl-ams-1\","
	      "\"interfaces\":[{\"card\":{\"z\":1},\"ips\":[{\"address\":\"1.2.3.4\",\"gateway\":\"x\","
	      "\"version\":\"ipv4\",\"semantic\":\"proxad\",\"ip_id\":9}],\"type\":\"normal\"}]}],"
	      "\"extra\":[[[[]]]],\"total_count\":1}", 1);
	/* escapes of every kind, surrogate pairs, a lone surrogate, \u0000 */
	CHECK("{\"servers\":[{\"id\":4,\"hostname\":\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\\u00e9\\u20AC"
	      "\\ud83d\\ude00\",\"offer_name\":\"x\\ud800y\\udc00z\\ud800\\ud800\",\"status\":\"n\\u0000ul\","
	      "\"datacenter_name\":\"\\u001b[31m\\u202e\"}]}", 1);
	/* bad UTF-8 in strings (read as U+FFFD, as the tree path repairs) */
	CHECK("{\"servers\":[{\"id\":5,\"hostname\":\"a\xff\xfe\",\"offer_name\":\"\xc0\xaf\xe0\x80\","
	      "\"status\":\"\xed\xa0\x80\",\"zone\":\"\xf4\x90\x80\x80\",\"project_id\":\"\xe2\x82\"}]}", 1);
	CHECK("{\"servers\":[{\"id\":6,\"hostname\":\"\xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80\"}]}", 1);
	/* huge numbers: the largest integers, reals near the overflow */
	CHECK("{\"servers\":[{\"id\":9223372036854775807,\"os_id\":-9223372036854775808}]}", 1);
	CHECK("{\"servers\":[{\"id\":1,\"x\":1e307,\"y\":-9.99e306,\"z\":1e-400,\"w\":0e99999}]}", 1);
	/* the primary address: type after ips, ipmi, ranks, first of the best */
	CHECK("{\"servers\":[{\"id\":8,\"interfaces\":[{\"ips\":[{\"address\":\"10.0.0.1\",\"version\":\"ipv4\","
	      "\"semantic\":\"proxad\"}],\"type\":\"ipmi\"},{\"ips\":[{\"address\":\"5.5.5.5\",\"version\":"
	      "\"ipv4\",\"semantic\":\"failover\"},{\"address\":\"6.6.6.6\",\"version\":\"ipv4\",\"semantic\":"
	      "\"a-semantic-longer-than-sixteen\"},{\"address\":\"7.7.7.7\",\"version\":\"ipv4\"},{\"address\":"
	      "\"::1\",\"version\":\"ipv6\",\"semantic\":\"private\"},{\"address\":\"2001::1\",\"version\":"
	      "\"ipv6\",\"semantic\":\"ext\"}]}]}]}", 1);
}

static void test_given_up(void **state)
{
	(void)state;
	/* the tree decoder's errors: wrong types, missing or bad ids */
	CHECK("{\"servers\":[{\"id\":\"1\"}]}", 0);
	CHECK("{\"servers\":[{\"id\":1.0}]}", 0);
	CHECK("{\"servers\":[{\"id\":null}]}", 0);
	CHECK("{\"servers\":[{\"hostname\":\"x\"}]}", 0);
	CHECK("{\"servers\":[{\"id\":0}]}", 0);
	CHECK("{\"servers\":[{\"id\":1},{\"id\":-5}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"hostname\":5}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"os_id\":\"5\"}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"interfaces\":{}}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"interfaces\":[5]}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"interfaces\":[{\"ips\":[{\"version\":\"ipv4\"}]}]}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"interfaces\":[{\"ips\":[{\"address\":null}]}]}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"interfaces\":[{\"ips\":[{\"address\":\"a\",\"ip_id\":1.5}]}]}]}", 0);
	CHECK("{\"servers\":[null]}", 0);
	CHECK("{\"servers\":{}}", 0);
	CHECK("{\"total_count\":3}", 0);
	CHECK("{\"servers\":null,\"total_count\":2}", 0);
	CHECK("{\"servers\":[],\"total_count\":\"3\"}", 0);
	CHECK("[]", 0);
	/* numbers jansson refuses, and one it takes that the scanner leaves */
	CHECK("{\"servers\":[{\"id\":9223372036854775808}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"x\":-9223372036854775809}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"x\":1e309}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"x\":1e308}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"x\":01}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"x\":1.}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"x\":-}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"x\":.5}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"x\":1e+}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"x\":+1}]}", 0);
	/* duplicate keys, known and unknown, at every level */
	CHECK("{\"servers\":[{\"id\":1,\"id\":2}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"x\":1,\"x\":2}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"x\":{\"a\":1,\"b\":{\"a\":1},\"a\":2}}]}", 0);
	CHECK("{\"servers\":[],\"servers\":[]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"interfaces\":[{\"type\":\"a\",\"type\":\"b\"}]}]}", 0);
	/* keys the scanner does not compare itself */
	CHECK("{\"servers\":[{\"id\":1,\"\\u0078\":1,\"x\":2}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"h\xc3\xa9\":1}]}", 0);
	/* malformed text, trailing bytes, bad UTF-8 outside a string */
	CHECK("", 0);
	CHECK("{", 0);
	CHECK("{\"servers\":[{\"id\":1}]", 0);
	CHECK("{\"servers\":[{\"id\":1}]}x", 0);
	CHECK("{\"servers\":[{\"id\":1},]}", 0);
	CHECK("{\"servers\":[{\"id\":1,}]}", 0);
	CHECK("{,\"servers\":[]}", 0);
	CHECK("{\"servers\" []}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"x\":tru}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"x\":nul}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"hostname\":\"a\nb\"}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"hostname\":\"a\\x\"}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"hostname\":\"a\\u12\"}]}", 0);
	CHECK("{\"servers\":[{\"id\":1,\"hostname\":\"abc", 0);
	CHECK("{\"servers\":[{\"id\":1}]}\xff", 0);
	CHECK("\xef\xbb\xbf{\"servers\":[]}", 0);
	CHECK("{\"servers\":[{\"id\":1}]}\0", 0);
	CHECK("{\"servers\":[{\"id\":1,\"hostname\":\"a\0b\"}]}", 0);
}

static void test_depth_and_size(void **state)
{
	static const size_t depths[] = { 28, 29, 30, 31, 32, 33, 34, 100, 2046, 2047, 2100 };
	size_t len;
	char *b = malloc(2 * 2100 + 64);

	(void)state;
	assert_non_null(b);
	/* nesting the scanner takes, past its cap, past jansson's (2048) */
	for (size_t k = 0; k < sizeof(depths) / sizeof(depths[0]); k++) {
		size_t depth = depths[k];
		len = (size_t)sprintf(b, "{\"servers\":[],\"x\":");
		for (size_t i = 0; i < depth; i++)
			b[len++] = '[';
		for (size_t i = 0; i < depth; i++)
			b[len++] = ']';
		b[len++] = '}';
		b[len] = '\0';
		/* the root object and "x"'s arrays count: up to DD_JS_MAX_DEPTH */
		check(b, len, depth + 1 <= DD_JS_MAX_DEPTH ? 1 : 0);
	}
	free(b);

	/* an object of more keys than the scanner compares */
	b = malloc(DD_JS_MAX_KEYS * 16 + 64);
	assert_non_null(b);
	for (size_t keys = DD_JS_MAX_KEYS - 2; keys <= DD_JS_MAX_KEYS + 2; keys++) {
		len = (size_t)sprintf(b, "{\"servers\":[{\"id\":1");
		for (size_t i = 0; i < keys; i++)
			len += (size_t)sprintf(b + len, ",\"k%zu\":%zu", i, i);
		len += (size_t)sprintf(b + len, "}]}");
		check(b, len, keys <= DD_JS_MAX_KEYS ? 1 : 0);
	}
	free(b);

	/* the value cap: counted as core/json.c counts (a value per container
	 * and per comma, one more for the document), exactly at it and past */
	for (size_t commas = DD_JSON_MAX_VALUES - 5; commas <= DD_JSON_MAX_VALUES - 4; commas++) {
		b = malloc(2 * commas + 64);
		assert_non_null(b);
		len = (size_t)sprintf(b, "{\"servers\":[],\"x\":[");
		for (size_t i = 0; i < commas; i++) {
			b[len++] = '0';
			b[len++] = ',';
		}
		len += (size_t)sprintf(b + len, "0]}");
		check(b, len, commas + 5 <= DD_JSON_MAX_VALUES ? 1 : 0);
		free(b);
	}
	/* a long text of few values */
	len = DD_JSON_MAX_VALUES + 10;
	b = malloc(len + 1);
	assert_non_null(b);
	memset(b, ' ', len);
	memcpy(b, "{\"servers\":[]}", 14);
	b[len] = '\0';
	check(b, len, 1);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normal_world),
		cmocka_unit_test(test_hostile_world),
		cmocka_unit_test(test_ip_shuffle_world),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_given_up),
		cmocka_unit_test(test_depth_and_size),
	};

	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
