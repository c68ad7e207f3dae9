/* The account store against an in-process sandbox: progress while a load
 * runs, the store replaced only by a complete load, a failed load keeping
 * the previous list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/account.h"
#include "sandbox/sandbox.h"

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

static struct dd_account *account_for(const struct dd_sandbox *sb, const char *secret)
{
	struct dd_creds *c = dd_creds_new();

	assert_non_null(c);
	snprintf(c->secret_key, sizeof(c->secret_key), "%s", secret);
	snprintf(c->online_token, sizeof(c->online_token), "%s", DD_SANDBOX_ONLINE_TOKEN);
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", dd_sandbox_url(sb));
	snprintf(c->online_api_url, sizeof(c->online_api_url), "%s/api/v1", dd_sandbox_url(sb));
	return dd_account_new(c);
}

static void test_progress_then_store(void **state)
{
	struct dd_sandbox_opts o = { .seed = 5, .servers = 600, .servers_set = 1, .latency_ms = 5 };
	char msg[200];
	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a;
	struct done d = { 0 };
	size_t have, expected, max_seen = 0;
	int saw_partial = 0;

	assert_non_null(sb);
	a = account_for(sb, DD_SANDBOX_SECRET_KEY);
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
	assert_true(dd_account_loading(a));
	while (dd_http_in_flight(h) > 0) {
		dd_http_poll(h, -1, 100, NULL);
		if (!dd_account_loading(a))
			break;
		dd_account_load_progress(a, &have, &expected);
		assert_true(expected == 0 || have <= expected);
		assert_true(have >= max_seen); /* never goes back */
		max_seen = have;
		if (have > 0 && have < expected)
			saw_partial = 1;
		/* Nothing reaches the store before the load is whole. */
		assert_int_equal(dd_account_servers(a)->n, 0);
	}
	dd_http_run(h);
	assert_true(saw_partial);
	assert_int_equal(d.called, 1);
	assert_int_equal(d.err.kind, DD_OK);
	assert_int_equal(dd_account_servers(a)->n, 600);
	dd_account_load_progress(a, &have, &expected);
	assert_int_equal(have + expected, 0);
	dd_account_free(a);
	dd_http_free(h);
	dd_sandbox_stop(sb);
}

static void test_failed_load_keeps_list(void **state)
{
	struct dd_sandbox_opts o = { .seed = 5, .servers = 30, .servers_set = 1 };
	char msg[200];
	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a = account_for(sb, DD_SANDBOX_SECRET_KEY);
	struct done d = { 0 };
	struct dd_error err;

	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, &err), -1);
	assert_int_equal(err.kind, DD_E_USAGE); /* one load at a time */
	dd_http_run(h);
	assert_int_equal(dd_account_servers(a)->n, 30);
	dd_sandbox_stop(sb);
	sb = NULL;
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
	dd_http_run(h);
	assert_int_equal(d.called, 2);
	assert_int_equal(d.err.kind, DD_E_NETWORK);
	assert_int_equal(dd_account_servers(a)->n, 30); /* the old list stays */
	dd_account_free(a);
	dd_http_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_progress_then_store),
		cmocka_unit_test(test_failed_load_keeps_list),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
