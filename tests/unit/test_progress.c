/* Loading progress counts servers, not records: a server that both the
 * Scaleway and the Online API list is one server read (issue 18, 12). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/account.h"
#include "sandbox/sandbox.h"

static void on_done(void *ud, const struct dd_error *err)
{
	*(int *)ud = err->kind == DD_OK ? 1 : -1;
}

static void test_counts_servers(void **state)
{
	struct dd_sandbox_opts o = { .seed = 3, .servers = 300, .servers_set = 1, .latency_ms = 2 };
	char msg[200];
	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_creds *c = dd_creds_new();
	struct dd_account *a;
	size_t have, expected, most = 0, top = 0;
	int done = 0;

	(void)state;
	assert_non_null(sb);
	assert_non_null(c);
	snprintf(c->secret_key, sizeof(c->secret_key), "%s", DD_SANDBOX_SECRET_KEY);
	snprintf(c->online_token, sizeof(c->online_token), "%s", DD_SANDBOX_ONLINE_TOKEN);
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", dd_sandbox_url(sb));
	snprintf(c->online_api_url, sizeof(c->online_api_url), "%s/api/v1", dd_sandbox_url(sb));
	a = dd_account_new(c);
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &done, NULL), 0);
	while (dd_http_in_flight(h) > 0 && dd_account_loading(a)) {
		dd_http_poll(h, -1, 100, NULL);
		if (!dd_account_loading(a))
			break;
		dd_account_load_progress(a, &have, &expected);
		assert_true(have <= expected);
		if (expected > top)
			top = expected;
		if (have > most)
			most = have;
	}
	dd_http_run(h);
	assert_int_equal(done, 1);
	assert_int_equal(dd_account_servers(a)->n, 300);
	/* Every server is seen by both APIs: twice as many records, but the
	 * figures never pass the fleet's size. */
	assert_int_equal(top, 300);
	assert_true(most > 0 && most <= 300);
	dd_account_free(a);
	dd_http_free(h);
	dd_sandbox_stop(sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_servers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
