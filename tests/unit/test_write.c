/* The write path's guards, before anything reaches the network: a dry
 * run and every refusal leave the request queue empty and never call
 * back; a plan without a server to re-read is refused; a target that is
 * not a server is re-read by the function it lends, and refused when it
 * changed. The sends
 * themselves are tested end to end in tests/integration/servers_edit.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/account.h"
#include "core/config.h"
#include "core/creds.h"
#include "core/write.h"

struct fixture {
	struct dd_account *a;
	struct dd_http *h;
	struct dd_config *cfg;
	struct dd_write_plan plan;
	int called;
};

static void on_written(void *ud, const struct dd_write_result *r)
{
	struct fixture *f = ud;
	(void)r;
	f->called++;
}

static int setup(void **state)
{
	static struct fixture f;
	static const char conf[] =
		"[dedi]\nprotected = db-primary\n"
		"[profile ro]\nread_only = true\n"
		"[profile ops]\nprotected = 4242\n";
	struct dd_creds *c = dd_creds_new();
	struct dd_error err;

	memset(&f, 0, sizeof(f));
	assert_non_null(c);
	snprintf(c->secret_key, sizeof(c->secret_key), "00000000-0000-4000-8000-0000000fa4e0");
	/* A port nothing listens on: a write that slipped through would fail
	 * later, but the queue would not be empty when we look. */
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "http://127.0.0.1:9");
	f.a = dd_account_new(c);
	/* The refused re-read is not worth four retries here. */
	f.h = dd_http_new(&(struct dd_http_opts){ .max_retries = 0 }, &err);
	f.cfg = dd_config_parse(conf, sizeof(conf) - 1, "test-config", &err);
	assert_non_null(f.a);
	assert_non_null(f.h);
	assert_non_null(f.cfg);
	f.plan.server_id = 4242;
	snprintf(f.plan.zone, sizeof(f.plan.zone), "fr-par-1");
	snprintf(f.plan.hostname, sizeof(f.plan.hostname), "web-7");
	snprintf(f.plan.summary, sizeof(f.plan.summary), "hostname of server 4242 (web-7): web-8");
	f.plan.req.api = DD_API_SCW;
	f.plan.req.method = DD_PATCH;
	snprintf(f.plan.req.url, sizeof(f.plan.req.url),
		 "http://127.0.0.1:9/dedibox/v1/zones/fr-par-1/servers/4242");
	snprintf(f.plan.req.body, sizeof(f.plan.req.body), "{\"hostname\":\"web-8\"}");
	snprintf(f.plan.req.shown, sizeof(f.plan.req.shown), "{\"hostname\":\"web-8\"}");
	f.plan.req.content_type = "application/json";
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	dd_http_free(f->h);
	dd_account_free(f->a);
	dd_config_free(f->cfg);
	return 0;
}

static int send(struct fixture *f, const char *profile, bool dry, const char *seen_host,
		struct dd_error *err)
{
	struct dd_write_policy pol = { .profile = profile, .config = f->cfg, .dry_run = dry };
	struct dd_write_seen seen = { seen_host, NULL };
	dd_error_clear(err);
	return dd_write_send(f->a, f->h, &pol, &f->plan, &seen, on_written, f, err);
}

static void dry_run_sends_nothing(void **state)
{
	struct fixture *f = *state;
	struct dd_error err;
	char text[1024];

	assert_int_equal(send(f, "default", true, "web-7", &err), 1);
	assert_int_equal(dd_http_in_flight(f->h), 0);
	assert_int_equal(f->called, 0);
	dd_write_describe(&f->plan, text, sizeof(text));
	assert_non_null(strstr(text, "PATCH http://127.0.0.1:9/dedibox/v1/zones/fr-par-1/servers/4242"));
	assert_non_null(strstr(text, "web-8"));
}

static void read_only_profile_refuses(void **state)
{
	struct fixture *f = *state;
	struct dd_error err;

	assert_int_equal(send(f, "ro", false, "web-7", &err), -1);
	assert_int_equal(err.kind, DD_E_REFUSED);
	assert_non_null(strstr(err.message, "read_only"));
	assert_int_equal(dd_http_in_flight(f->h), 0);
	assert_int_equal(f->called, 0);
}

static void protected_server_refuses(void **state)
{
	struct fixture *f = *state;
	struct dd_error err;

	/* By id, in the profile's own section. */
	assert_int_equal(send(f, "ops", false, "web-7", &err), -1);
	assert_int_equal(err.kind, DD_E_REFUSED);
	assert_non_null(strstr(err.message, "protected"));
	/* By hostname, for every profile, even under --dry-run. */
	assert_int_equal(send(f, "default", true, "db-primary", &err), -1);
	assert_int_equal(err.kind, DD_E_REFUSED);
	assert_int_equal(dd_http_in_flight(f->h), 0);
	assert_int_equal(f->called, 0);
}

static void unprotected_write_starts_with_a_reread(void **state)
{
	struct fixture *f = *state;
	struct dd_error err;

	assert_int_equal(send(f, "default", false, "web-7", &err), 0);
	/* The first request is the re-read (a GET), not the write. */
	assert_int_equal(dd_http_in_flight(f->h), 1);
	dd_http_run(f->h);
	assert_int_equal(f->called, 1);
}

static void no_target_refused(void **state)
{
	struct fixture *f = *state;
	struct dd_error err;
	int64_t id = f->plan.server_id;

	f->plan.server_id = 0;
	assert_int_equal(send(f, "default", false, NULL, &err), -1);
	assert_int_equal(err.kind, DD_E_USAGE);
	assert_int_equal(dd_http_in_flight(f->h), 0);
	f->plan.server_id = id;
}

/* A target that is not a server: the test plays the re-read, so that
 * what happens before and after it is seen step by step. */
struct fake_target {
	int rereads;
	dd_write_reread_done done;
	void *ctx;
	bool same;
	int last_outcome;
	char reconciled[300];
};

static int fake_reread(void *ud, struct dd_account *a, struct dd_http *h, dd_write_reread_done done,
		       void *ctx, struct dd_error *err)
{
	struct fake_target *t = ud;
	(void)a, (void)h, (void)err;
	t->rereads++;
	t->done = done;
	t->ctx = ctx;
	return 0;
}

static bool fake_unchanged(void *ud, char *why, size_t len)
{
	struct fake_target *t = ud;
	snprintf(why, len, "its price is now 30.00 EUR, not 25.00 EUR");
	return t->same;
}

static void fake_describe(void *ud, char *buf, size_t len)
{
	(void)ud;
	snprintf(buf, len, "1 order of offer 77 exists");
}

static void on_target_written(void *ud, const struct dd_write_result *r)
{
	struct fake_target *t = ud;
	t->last_outcome = (int)r->outcome;
	snprintf(t->reconciled, sizeof(t->reconciled), "%s", r->error.message);
}

static int send_target(struct fixture *f, struct fake_target *t, const char *profile, bool dry,
		       struct dd_error *err)
{
	struct dd_write_policy pol = { .profile = profile, .config = f->cfg, .dry_run = dry };
	struct dd_write_target tg = { fake_reread, fake_unchanged, fake_describe, t };
	dd_error_clear(err);
	t->last_outcome = -1;
	return dd_write_send_target(f->a, f->h, &pol, &f->plan, &tg, on_target_written, t, err);
}

static void target_guards_and_dry_run(void **state)
{
	struct fixture *f = *state;
	struct fake_target t = { .same = true };
	struct dd_error err;
	int64_t id = f->plan.server_id;

	f->plan.server_id = 0;
	assert_int_equal(send_target(f, &t, "default", true, &err), 1);
	assert_int_equal(send_target(f, &t, "ro", false, &err), -1);
	assert_int_equal(err.kind, DD_E_REFUSED);
	/* A protected server the write touches still refuses. */
	f->plan.server_id = 4242;
	assert_int_equal(send_target(f, &t, "ops", false, &err), -1);
	assert_int_equal(err.kind, DD_E_REFUSED);
	assert_int_equal(t.rereads, 0);
	assert_int_equal(dd_http_in_flight(f->h), 0);
	assert_int_equal(t.last_outcome, -1);
	f->plan.server_id = id;
}

static void target_changed_refuses_after_reread(void **state)
{
	struct fixture *f = *state;
	struct fake_target t = { .same = false };
	struct dd_error err, ok;
	int64_t id = f->plan.server_id;

	f->plan.server_id = 0;
	assert_int_equal(send_target(f, &t, "default", false, &err), 0);
	assert_int_equal(t.rereads, 1);
	assert_int_equal(t.last_outcome, -1);
	dd_error_clear(&ok);
	t.done(t.ctx, &ok);
	assert_int_equal(t.last_outcome, DD_WRITE_REFUSED);
	assert_non_null(strstr(t.reconciled, "30.00 EUR"));
	assert_int_equal(dd_http_in_flight(f->h), 0);
	f->plan.server_id = id;
}

static void target_unchanged_sends_once(void **state)
{
	struct fixture *f = *state;
	struct fake_target t = { .same = true };
	struct dd_error err, ok;
	int64_t id = f->plan.server_id;

	f->plan.server_id = 0;
	assert_int_equal(send_target(f, &t, "default", false, &err), 0);
	dd_error_clear(&ok);
	t.done(t.ctx, &ok);
	/* Now the write itself is queued: one request. */
	assert_int_equal(dd_http_in_flight(f->h), 1);
	dd_http_run(f->h);
	/* Port 9 refuses: either nothing was sent (failed), or the path
	 * reconciles through the target's re-read, never by resending. */
	if (t.last_outcome == -1) {
		assert_int_equal(t.rereads, 2);
		t.done(t.ctx, &ok);
		assert_int_equal(t.last_outcome, DD_WRITE_UNKNOWN);
		assert_non_null(strstr(t.reconciled, "1 order of offer 77 exists"));
	} else {
		assert_int_equal(t.last_outcome, DD_WRITE_FAILED);
	}
	assert_int_equal(dd_http_in_flight(f->h), 0);
	f->plan.server_id = id;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dry_run_sends_nothing),
		cmocka_unit_test(read_only_profile_refuses),
		cmocka_unit_test(protected_server_refuses),
		cmocka_unit_test(no_target_refused),
		cmocka_unit_test(unprotected_write_starts_with_a_reread),
		cmocka_unit_test(target_guards_and_dry_run),
		cmocka_unit_test(target_changed_refuses_after_reread),
		cmocka_unit_test(target_unchanged_sends_once),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
