/* core/order and core/audit_log without a network: finding an offer, the
 * price line, the plan of an order, the idempotency record read from an
 * audit log (the window, the profile, a refused order does not count, an
 * unknown outcome and a missing outcome do), and the audit log read back
 * newest first with intents paired to outcomes. The sends are tested end
 * to end in tests/integration/order.sh. */
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
#include "core/order.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(find_offer),
		cmocka_unit_test(price_and_plan),
		cmocka_unit_test(recent),
		cmocka_unit_test(audit_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
