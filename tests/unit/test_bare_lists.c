/* List answers without their array: {"total_count": 0} or a null array is
 * an empty list (as the official SDK reads it); a missing array with a
 * count above 0 is items lost, so an error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/json.h"
#include "core/model.h"
#include "core/scw_dedibox.h"

#define S(x) x, strlen(x)

/* The empty answers, KEY standing for the list's array. */
static const char *const empty[] = { "{\"total_count\":0}", "{}", "{\"total_count\":0,\"KEY\":null}",
				     "{\"KEY\":null}", "{\"KEY\":[],\"total_count\":0}" };

static void body(char *buf, size_t len, size_t i, const char *key)
{
	const char *k = strstr(empty[i], "KEY");
	if (!k)
		snprintf(buf, len, "%s", empty[i]);
	else
		snprintf(buf, len, "%.*s%s%s", (int)(k - empty[i]), empty[i], key, k + 3);
}

static void test_open_list(void **state)
{
	struct dd_jv root, arr;
	struct dd_error err;
	size_t n = 99;
	int64_t total;
	char b[128];
	(void)state;
	for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
		body(b, sizeof b, i, "invoices");
		assert_int_equal(dd_json_open_list(S(b), "invoices", &root, &arr, &n, &total, &err), 0);
		assert_int_equal(n, 0);
		json_decref(root.v);
	}
	assert_int_equal(dd_json_open_list(S("{\"total_count\":2}"), "invoices", &root, &arr, &n, &total, &err), -1);
	assert_non_null(strstr(err.message, "invoices: missing, though total_count is 2"));
	assert_int_equal(dd_json_open_list(S("{\"invoices\":null,\"total_count\":1}"), "invoices", &root, &arr,
					   &n, &total, &err), -1);
	assert_int_equal(dd_json_open_list(S("{\"invoices\":{},\"total_count\":0}"), "invoices", &root, &arr,
					   &n, &total, &err), -1);
}

static void test_server_page(void **state)
{
	struct dd_server_list l;
	struct dd_error err;
	int64_t total;
	char b[128];
	(void)state;
	for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
		dd_server_list_init(&l);
		body(b, sizeof b, i, "servers");
		assert_int_equal(dd_scw_decode_server_page(S(b), "fr-par-1", &l, &total, &err), 0);
		assert_int_equal(l.n, 0);
		dd_server_list_clear(&l);
	}
	dd_server_list_init(&l);
	assert_int_equal(dd_scw_decode_server_page(S("{\"servers\":null,\"total_count\":4}"), "fr-par-1", &l,
						   &total, &err), -1);
	dd_server_list_clear(&l);
}

static void test_overview_lists(void **state)
{
	struct dd_error err;
	char b[128];
	(void)state;
	for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
		struct dd_event_page ev = { 0 };
		struct dd_option_list ol = { 0 };
		struct dd_failover_list fl = { 0 };
		size_t page_n = 9;
		int64_t total = 9;
		body(b, sizeof b, i, "events");
		assert_int_equal(dd_scw_decode_events(S(b), &ev, &err), 0);
		assert_int_equal(ev.n, 0);
		dd_event_page_clear(&ev);
		body(b, sizeof b, i, "server_options");
		assert_int_equal(dd_scw_decode_subscribable(S(b), &ol, &err), 0);
		assert_int_equal(ol.n, 0);
		dd_option_list_clear(&ol);
		body(b, sizeof b, i, "failover_ips");
		assert_int_equal(dd_scw_decode_failovers(S(b), "fr-par-1", 0, NULL, &fl, &page_n, &total, &err), 0);
		assert_int_equal(page_n, 0);
		assert_int_equal(fl.n, 0);
		dd_failover_list_clear(&fl);
	}
	struct dd_event_page ev = { 0 };
	assert_int_equal(dd_scw_decode_events(S("{\"total_count\":3}"), &ev, &err), -1);
	dd_event_page_clear(&ev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_list),
		cmocka_unit_test(test_server_page),
		cmocka_unit_test(test_overview_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
