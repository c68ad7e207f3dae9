/* Typed getters fail with the path of the value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/json.h"

static void parse(const char *text, struct dd_jv *root)
{
	struct dd_error err;
	assert_int_equal(dd_json_parse(text, strlen(text), root, &err), 0);
}

static void test_path_in_error(void **state)
{
	struct dd_jv root, arr, item, offer, pricing;
	struct dd_error err;
	int64_t units;

	parse("{\"servers\":[{},{},{},{\"offer\":{\"pricing\":{\"units\":\"12\"}}}]}", &root);
	assert_int_equal(dd_json_obj(&root, "servers", true, &arr, &err), 0);
	assert_int_equal(dd_json_at(&arr, 3, &item, &err), 0);
	assert_int_equal(dd_json_obj(&item, "offer", true, &offer, &err), 0);
	assert_int_equal(dd_json_obj(&offer, "pricing", true, &pricing, &err), 0);
	assert_int_equal(dd_json_int(&pricing, "units", true, &units, &err), -1);
	assert_string_equal(err.message, "servers[3].offer.pricing.units: expected an integer, got a string");
	assert_int_equal(err.kind, DD_E_DECODE);
	json_decref(root.v);
}

static void test_missing_and_optional(void **state)
{
	struct dd_jv root;
	struct dd_error err;
	const char *s = "default";
	int64_t i = 7;
	bool b = true;

	parse("{\"a\":null}", &root);
	assert_int_equal(dd_json_str(&root, "a", false, &s, &err), 0);
	assert_string_equal(s, "default");
	assert_int_equal(dd_json_int(&root, "b", false, &i, &err), 0);
	assert_int_equal(i, 7);
	assert_int_equal(dd_json_bool(&root, "c", true, &b, &err), -1);
	assert_string_equal(err.message, "c: missing");
	json_decref(root.v);
}

static void test_malformed(void **state)
{
	struct dd_jv root;
	struct dd_error err;

	assert_int_equal(dd_json_parse("{\"a\":", 5, &root, &err), -1);
	assert_int_equal(err.kind, DD_E_DECODE);
	assert_non_null(strstr(err.message, "malformed JSON"));
	assert_int_equal(dd_json_parse("{\"a\":1,\"a\":2}", 13, &root, &err), -1);
	assert_int_equal(dd_json_parse("", 0, &root, &err), -1);
}

/* jansson's error text quotes the server's bytes; none may reach a
 * terminal raw. */
static void test_malformed_text_sanitized(void **state)
{
	static const char *const hostile[] = {
		"{\"a\": \x1b[2J\x1b]0;owned\x07}",
		"{\"a\": \xC2\x9B""31m}",
		"{\"a\": x\xE2\x80\xAEgnp.exe}",
		"[\"\x1b[31m",
		"\x1b[31mnot json",
	};
	struct dd_jv root;
	struct dd_error err;

	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		assert_int_equal(dd_json_parse(hostile[i], strlen(hostile[i]), &root, &err), -1);
		assert_int_equal(err.kind, DD_E_DECODE);
		assert_non_null(strstr(err.message, "malformed JSON"));
		for (const unsigned char *p = (const unsigned char *)err.message; *p; p++)
			assert_true(*p >= 0x20 && *p != 0x7f);
		assert_null(strstr(err.message, "\xC2\x9B"));
		assert_null(strstr(err.message, "\xE2\x80\xAE"));
	}
}

/* An unpaired surrogate escape is valid JSON a JavaScript backend sends;
 * jansson refuses the whole page for it. It reads as U+FFFD; a pair and
 * an escaped backslash before "ud800" stay as they are. */
static void test_lone_surrogates_repaired(void **state)
{
	static const struct {
		const char *json, *want;
	} cases[] = {
		{ "{\"h\":\"lone\\ud800high\"}", "lone\xef\xbf\xbdhigh" },
		{ "{\"h\":\"lone\\uDC00low\"}", "lone\xef\xbf\xbdlow" },
		{ "{\"h\":\"\\ud800\\ud800\\udc00\"}", "\xef\xbf\xbd\xf0\x90\x80\x80" },
		{ "{\"h\":\"pair\\ud83d\\ude00\"}", "pair\xf0\x9f\x98\x80" },
		{ "{\"h\":\"kept\\\\ud800\"}", "kept\\ud800" },
		{ "{\"h\":\"end\\ud800\"}", "end\xef\xbf\xbd" },
	};
	struct dd_jv root;
	struct dd_error err;
	const char *h;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(dd_json_parse(cases[i].json, strlen(cases[i].json), &root, &err), 0);
		assert_int_equal(dd_json_str(&root, "h", true, &h, &err), 0);
		assert_string_equal(h, cases[i].want);
		json_decref(root.v);
	}
}

/* Three bytes per value: a page under the size cap could still ask
 * jansson for gigabytes. The count is refused before parsing. */
static void test_value_count_capped(void **state)
{
	size_t n = 3 * (size_t)DD_JSON_MAX_VALUES + 64, k = 0;
	char *t = malloc(n);
	struct dd_jv root;
	struct dd_error err;

	assert_non_null(t);
	k = (size_t)sprintf(t, "{\"servers\":[");
	while (k + 8 < n) {
		memcpy(t + k, "{},", 3);
		k += 3;
	}
	memcpy(t + k, "{}]}", 4);
	k += 4;
	assert_int_equal(dd_json_parse(t, k, &root, &err), -1);
	assert_int_equal(err.kind, DD_E_DECODE);
	assert_non_null(strstr(err.message, "JSON values"));
	/* commas inside strings are not values */
	memset(t, ',', n);
	t[0] = '[';
	t[1] = '"';
	t[n - 2] = '"';
	t[n - 1] = ']';
	assert_int_equal(dd_json_parse(t, n, &root, &err), 0);
	json_decref(root.v);
	free(t);
}

/* jansson frees its copies of secrets through the wiping free. */
static void test_jansson_frees_wiped(void **state)
{
	json_malloc_t m;
	json_free_t f;
	unsigned char *p = malloc(100);

	json_get_alloc_funcs(&m, &f);
	assert_true(f == dd_json_free_wiped);
	dd_json_free_wiped(NULL);
	assert_non_null(p);
	memset(p, 'S', 100);
	dd_json_free_wiped(p);
}

static void test_invalid_utf8_repaired(void **state)
{
	struct dd_jv root;
	struct dd_error err;
	const char *s = NULL;
	const char doc[] = "{\"h\":\"a\xff" "b\xc0\xaf" "c\xed\xa0\x80\"}";

	assert_int_equal(dd_json_parse(doc, sizeof(doc) - 1, &root, &err), 0);
	assert_int_equal(dd_json_str(&root, "h", true, &s, &err), 0);
	assert_string_equal(s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	json_decref(root.v);
}

static void test_embedded_nul_shown(void **state)
{
	struct dd_jv root;
	struct dd_error err;
	const char *s = NULL;
	const char doc[] = "{\"h\":\"web-1\\u0000evil\"}";

	assert_int_equal(dd_json_parse(doc, sizeof(doc) - 1, &root, &err), 0);
	assert_int_equal(dd_json_str(&root, "h", true, &s, &err), 0);
	assert_string_equal(s, "web-1\\u{00}evil");
	json_decref(root.v);
}

static void test_wrong_types(void **state)
{
	struct dd_jv root, arr;
	struct dd_error err;
	size_t n;
	double d;
	char buf[16];

	parse("{\"arr\":{},\"num\":true,\"rack\":12,\"rack2\":\"A23\",\"bad\":[1]}", &root);
	assert_int_equal(dd_json_obj(&root, "arr", true, &arr, &err), 0);
	assert_int_equal(dd_json_array_size(&arr, &n, &err), -1);
	assert_string_equal(err.message, "arr: expected an array, got an object");
	assert_int_equal(dd_json_num(&root, "num", true, &d, &err), -1);
	assert_int_equal(dd_json_int_or_str(&root, "rack", true, buf, sizeof(buf), &err), 0);
	assert_string_equal(buf, "12");
	assert_int_equal(dd_json_int_or_str(&root, "rack2", true, buf, sizeof(buf), &err), 0);
	assert_string_equal(buf, "A23");
	assert_int_equal(dd_json_int_or_str(&root, "bad", true, buf, sizeof(buf), &err), -1);
	json_decref(root.v);
}

static void test_deep_path_truncated(void **state)
{
	struct dd_jv cur, next;
	struct dd_error err;
	char doc[4096] = "";
	int depth = 60;

	for (int i = 0; i < depth; i++)
		strcat(doc, "{\"a_long_key_name\":");
	strcat(doc, "1");
	for (int i = 0; i < depth; i++)
		strcat(doc, "}");
	parse(doc, &cur);
	json_t *root = cur.v;
	for (int i = 0; i < depth - 1; i++) {
		assert_int_equal(dd_json_obj(&cur, "a_long_key_name", true, &next, &err), 0);
		cur = next;
	}
	assert_true(strlen(cur.path) < sizeof(cur.path));
	assert_non_null(strstr(cur.path, "..."));
	json_decref(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_in_error),
		cmocka_unit_test(test_missing_and_optional),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_malformed_text_sanitized),
		cmocka_unit_test(test_lone_surrogates_repaired),
		cmocka_unit_test(test_value_count_capped),
		cmocka_unit_test(test_jansson_frees_wiped),
		cmocka_unit_test(test_invalid_utf8_repaired),
		cmocka_unit_test(test_embedded_nul_shown),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_deep_path_truncated),
	};
	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
