/* core/order and core/audit_log without a network: finding an offer, the
 * price line, the plan of an order, the idempotency record read from an
 * audit log (the window, the profile, a refused order does not count, an
 * unknown outcome and a missing outcome do), and the audit log read back
 * newest first with intents paired to outcomes; against the in-process
 * sandbox, the offer re-read before sending: an order whose price changed
 * since the user saw it is refused and nothing is sent, the same order at
 * the price of now is sent once. The cut is tested end to end in
 * tests/integration/order.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/account.h"
#include "core/audit_log.h"
#include "core/creds.h"
#include "core/billing_load.h"
#include "core/order.h"
#include "core/store_billing.h"
#include "sandbox/sandbox.h"

static struct dd_offer offer(const char *zone, int64_t id, const char *name, const char *stock)
{
	struct dd_offer o;
	memset(&o, 0, sizeof(o));
	o.id = id;
	snprintf(o.zone, sizeof(o.zone), "%s", zone);
	snprintf(o.name, sizeof(o.name), "%s", name);
	snprintf(o.stock, sizeof(o.stock), "%s", stock);
	snprintf(o.payment_frequency, sizeof(o.payment_frequency), "monthly");
	snprintf(o.price.currency, sizeof(o.price.currency), "EUR");
	o.price.units = 39;
	o.price.nanos = 990000000;
	return o;
}

static void find_offer(void **state)
{
	struct dd_offer v[3] = { offer("fr-par-1", 3201, "Pro-4-S", "available"),
				 offer("nl-ams-1", 3201, "Pro-4-S", "low"),
				 offer("fr-par-1", 3125, "Start-2-S-SATA", "empty") };
	struct dd_offer_list l = { v, 3, 3 };
	struct dd_error err;
	(void)state;

	assert_ptr_equal(dd_order_find_offer(&l, "pro-4-s", "nl-ams-1", &err), &v[1]);
	assert_ptr_equal(dd_order_find_offer(&l, "3125", NULL, &err), &v[2]);
	assert_null(dd_order_find_offer(&l, "Pro-4-S", NULL, &err));
	assert_int_equal(err.kind, DD_E_USAGE);
	assert_non_null(strstr(err.message, "--zone"));
	assert_null(dd_order_find_offer(&l, "Pro-9", "fr-par-1", &err));
	assert_int_equal(err.kind, DD_E_NOT_FOUND);
}

static void price_and_plan(void **state)
{
	struct dd_offer o = offer("fr-par-1", 3201, "Pro-4-S", "available"), e = o;
	struct dd_creds *c = dd_creds_new();
	struct dd_write_plan plan;
	struct dd_account *a;
	struct dd_error err;
	char buf[128];
	(void)state;

	dd_order_price_text(&o, buf, sizeof(buf));
	assert_string_equal(buf, "39.99 EUR/month, no setup fee, excl. tax");
	o.has_setup_fee = true;
	o.setup_fee = (struct dd_money){ "EUR", 49, 0 };
	dd_order_price_text(&o, buf, sizeof(buf));
	assert_string_equal(buf, "39.99 EUR/month + 49.00 EUR setup fee, excl. tax");

	assert_non_null(c);
	snprintf(c->secret_key, sizeof(c->secret_key), "00000000-0000-4000-8000-0000000fa4e0");
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "http://127.0.0.1:9");
	assert_non_null(a = dd_account_new(c));
	assert_int_equal(dd_order_plan(a, &o, &plan, &err), 0);
	assert_int_equal(plan.req.method, DD_POST);
	assert_string_equal(plan.req.url, "http://127.0.0.1:9/dedibox/v1/zones/fr-par-1/servers");
	assert_string_equal(plan.req.body, "{\"offer_id\":3201,\"server_option_ids\":[]}");
	assert_string_equal(plan.req.shown, plan.req.body);
	assert_string_equal(plan.price, buf);
	assert_non_null(strstr(plan.summary, "Pro-4-S"));
	snprintf(e.stock, sizeof(e.stock), "empty");
	assert_int_equal(dd_order_plan(a, &e, &plan, &err), -1);
	assert_non_null(strstr(err.message, "out of stock"));
	dd_account_free(a);
}

/* An audit log with the lines given, in a private file. */
static void log_file(char *path, size_t len, const char *text)
{
	snprintf(path, len, "/tmp/dedi-test-order.XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

#define URL "http://127.0.0.1:9/dedibox/v1/zones/fr-par-1/servers"
#define BODY "{\\\"offer_id\\\":3201,\\\"server_option_ids\\\":[]}"
#define INTENT(t, w, p) "{\"time\":\"" t "\",\"profile\":\"" p "\",\"write\":\"" w "\",\"phase\":\"intent\"," \
	"\"method\":\"POST\",\"url\":\"" URL "\",\"summary\":\"order\",\"body\":\"" BODY "\"}\n"
#define OUTCOME(t, w, o) "{\"time\":\"" t "\",\"profile\":\"work\",\"write\":\"" w "\",\"phase\":\"outcome\"," \
	"\"method\":\"POST\",\"url\":\"" URL "\",\"status\":0,\"outcome\":\"" o "\"}\n"

static void recent(void **state)
{
	struct dd_write_plan plan;
	struct dd_error err;
	char path[64];
	time_t when = 0, now = 1796000000; /* 2026-11-30T...: the log's times below are near it */
	struct tm tm;
	(void)state;

	memset(&plan, 0, sizeof(plan));
	snprintf(plan.req.url, sizeof(plan.req.url), URL);
	snprintf(plan.req.shown, sizeof(plan.req.shown), "{\"offer_id\":3201,\"server_option_ids\":[]}");
	gmtime_r(&now, &tm);
	assert_int_equal(dd_order_recent("/nonexistent/dedi/audit.jsonl", "work", &plan, now, 600, &when, &err), 0);

	/* 2026-12-01T06:13:20Z is 1796105600; use times relative to it */
	now = 1796105600;
	log_file(path, sizeof(path),
		 INTENT("2026-12-01T05:50:00Z", "old", "work")            /* 23 minutes ago */
		 INTENT("2026-12-01T06:10:00Z", "refused", "work")
		 OUTCOME("2026-12-01T06:10:01Z", "refused", "api")        /* out of stock: no order */
		 INTENT("2026-12-01T06:11:00Z", "other", "home")          /* another profile */
		 "{torn line\n");
	assert_int_equal(dd_order_recent(path, "work", &plan, now, 600, &when, &err), 0);
	unlink(path);

	log_file(path, sizeof(path),
		 INTENT("2026-12-01T06:05:00Z", "unk", "work")
		 OUTCOME("2026-12-01T06:05:01Z", "unk", "unknown")
		 INTENT("2026-12-01T06:12:00Z", "crash", "work"));     /* no outcome: dedi died */
	assert_int_equal(dd_order_recent(path, "work", &plan, now, 600, &when, &err), 1);
	assert_int_equal((long)when, 1796105600L - 80);
	/* another offer is another order */
	snprintf(plan.req.shown, sizeof(plan.req.shown), "{\"offer_id\":3125,\"server_option_ids\":[]}");
	assert_int_equal(dd_order_recent(path, "work", &plan, now, 600, &when, &err), 0);
	unlink(path);
}

static void audit_read(void **state)
{
	struct dd_audit_log l;
	struct dd_error err;
	char path[64];
	(void)state;

	log_file(path, sizeof(path),
		 INTENT("2026-12-01T06:05:00Z", "a1", "work")
		 OUTCOME("2026-12-01T06:05:01Z", "a1", "unknown")
		 INTENT("2026-12-01T06:12:00Z", "b2", "work")
		 "not json\n");
	assert_int_equal(dd_audit_read(path, &l, &err), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.skipped, 1);
	assert_string_equal(l.v[0].write, "b2"); /* newest first */
	assert_false(l.v[0].has_outcome);
	assert_string_equal(l.v[1].write, "a1");
	assert_true(l.v[1].has_outcome);
	assert_string_equal(l.v[1].outcome, "unknown");
	assert_string_equal(l.v[1].summary, "order");
	char *json = dd_audit_log_json(&l, 1);
	assert_non_null(json);
	assert_non_null(strstr(json, "\"b2\""));
	assert_null(strstr(json, "\"a1\""));
	free(json);
	dd_audit_log_clear(&l);
	unlink(path);
}

struct sent {
	int done;
	enum dd_write_outcome outcome;
	struct dd_error err;
};

static void on_sent(void *ud, const struct dd_write_result *r)
{
	struct sent *s = ud;
	s->done++;
	s->outcome = r->outcome;
	s->err = r->error;
}

static void on_loaded(void *ud, const struct dd_error *err)
{
	*(int *)ud = err->kind == DD_OK ? 1 : -1;
}

static void reread_before_sending(void **state)
{
	struct dd_sandbox_opts o = { .seed = 7 };
	struct dd_write_policy pol = { .profile = "" };
	struct dd_sandbox_stats st;
	struct dd_write_plan plan;
	struct dd_write_target t;
	struct dd_error err;
	struct sent s = { 0 };
	char msg[200];
	int loaded = 0;
	(void)state;

	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	assert_non_null(sb);
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_creds *c = dd_creds_new();
	assert_non_null(h);
	assert_non_null(c);
	snprintf(c->access_key, sizeof(c->access_key), "%s", DD_SANDBOX_ACCESS_KEY);
	snprintf(c->secret_key, sizeof(c->secret_key), "%s", DD_SANDBOX_SECRET_KEY);
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", dd_sandbox_url(sb));
	struct dd_account *a = dd_account_new(c);
	assert_non_null(a);
	assert_int_equal(dd_account_load_offers(a, h, on_loaded, &loaded, &err), 0);
	dd_http_run(h);
	assert_int_equal(loaded, 1);
	const struct dd_offer *f = dd_order_find_offer(dd_store_offers(dd_account_store(a)), "Pro-4-S", "fr-par-1", &err);
	assert_non_null(f);

	/* The user saw 35.99 a month; the API says 39.99 now. */
	struct dd_offer seen = *f;
	seen.price.units = 35;
	assert_int_equal(dd_order_plan(a, &seen, &plan, &err), 0);
	struct dd_order *ord = dd_order_new(&seen);
	assert_non_null(ord);
	dd_order_target(ord, &t);
	assert_int_equal(dd_write_send_target(a, h, &pol, &plan, &t, on_sent, &s, &err), 0);
	dd_http_run(h);
	assert_int_equal(s.done, 1);
	assert_int_equal(s.outcome, DD_WRITE_REFUSED);
	assert_non_null(strstr(s.err.message, "its price is now 39.99 EUR/month"));
	assert_non_null(strstr(s.err.message, "not 35.99 EUR/month"));
	dd_sandbox_stats(sb, &st);
	assert_int_equal(st.writes, 0);
	dd_order_free(ord);
	dd_write_plan_wipe(&plan);

	/* At the price of now it is sent, once. */
	memset(&s, 0, sizeof(s));
	assert_int_equal(dd_order_plan(a, f, &plan, &err), 0);
	assert_non_null(ord = dd_order_new(f));
	dd_order_target(ord, &t);
	assert_int_equal(dd_write_send_target(a, h, &pol, &plan, &t, on_sent, &s, &err), 0);
	dd_http_run(h);
	assert_int_equal(s.done, 1);
	assert_int_equal(s.outcome, DD_WRITE_OK);
	dd_sandbox_stats(sb, &st);
	assert_int_equal(st.writes, 1);
	dd_order_free(ord);
	dd_write_plan_wipe(&plan);

	dd_account_free(a);
	dd_http_free(h);
	dd_sandbox_stop(sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(find_offer),
		cmocka_unit_test(price_and_plan),
		cmocka_unit_test(recent),
		cmocka_unit_test(audit_read),
		cmocka_unit_test(reread_before_sending),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
