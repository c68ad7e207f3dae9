/* core/billing_estimate (the month-end projection and its rule), the
 * taxes decoder of core/scw_billing on hand-written JSON, and the
 * documents of core/export_billing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/billing_estimate.h"
#include "core/export_billing.h"
#include "core/scw_billing.h"

static void line(struct dd_consumption_list *c, const char *res, const char *unit, const char *qty,
		 int64_t units, int32_t nanos)
{
	struct dd_consumption *l = dd_consumption_list_add(c);

	assert_non_null(l);
	snprintf(l->resource, sizeof(l->resource), "%s", res);
	snprintf(l->unit, sizeof(l->unit), "%s", unit);
	snprintf(l->billed_quantity, sizeof(l->billed_quantity), "%s", qty);
	l->value = (struct dd_money){ "EUR", units, nanos };
}

static void test_estimate(void **state)
{
	struct dd_consumption_list c = { 0 };
	struct dd_tax_list t = { 0 };
	struct dd_billing_estimate e;
	struct dd_billing_estimate_line l[4];
	struct dd_error err;
	/* 2026-11-16T00:00:00Z: 360 hours into a 720-hour month. */
	const int64_t now = dd_billing_day(2026, 11, 16) * 86400;

	(void)state;
	dd_error_clear(&err);
	line(&c, "web-1", "hour", "360.000", 3, 168000000);      /* 0.0088 x 360: running */
	line(&c, "stardust", "hour", "359.667", 0, 43160000);    /* off 20 minutes: still running */
	line(&c, "batch", "hour", "3.000", 0, 273000000);        /* intermittent: as billed */
	line(&c, "domain", "year", "1", 9, 990000000);           /* not hourly: as billed */
	struct dd_tax *x = dd_tax_list_add(&t);
	x->has_rate = true;
	x->rate_bp = 2000;
	assert_int_equal(dd_billing_estimate(&c, &t, now, &e, l, &err), 0);
	assert_true(l[0].running);
	assert_int_equal(l[0].projected.units, 6);
	assert_int_equal(l[0].projected.nanos, 336000000);     /* 0.0088 x 720 */
	assert_true(l[1].running);
	assert_false(l[2].running);
	assert_int_equal(l[2].projected.nanos, 273000000);
	assert_false(l[3].running);
	assert_int_equal(e.running, 2);
	assert_int_equal(e.kept, 2);
	assert_int_equal(e.first, dd_billing_day(2026, 11, 1) * 86400);
	assert_int_equal(e.next, dd_billing_day(2026, 12, 1) * 86400);
	/* so far: 3.168 + 0.04316 + 0.273 + 9.99 = 13.47416 */
	assert_int_equal(e.so_far.units, 13);
	assert_int_equal(e.so_far.nanos, 474160000);
	/* projected: 6.336 + 0.04316 x 720/359.667 (0.086400...) + 0.273 + 9.99 */
	assert_int_equal(dd_money_cents(&e.projected), 1669);
	assert_int_equal(e.tax_bp, 2000);
	assert_int_equal(dd_money_cents(&e.tax), 334);         /* 16.69 x 20% = 3.338 */
	assert_int_equal(dd_money_cents(&e.taxed), 2003);

	/* Two currencies cannot make one estimate. */
	line(&c, "other", "hour", "1", 1, 0);
	snprintf(c.v[4].value.currency, sizeof(c.v[4].value.currency), "USD");
	assert_int_equal(dd_billing_estimate(&c, &t, now, &e, NULL, &err), -1);
	assert_non_null(strstr(err.message, "USD"));
	dd_consumption_list_clear(&c);
	dd_tax_list_clear(&t);

	/* Nothing consumed: zero, not an error. */
	assert_int_equal(dd_billing_estimate(&c, NULL, now, &e, NULL, &err), 0);
	assert_int_equal(e.projected.units, 0);
}

static void test_parse_instant(void **state)
{
	int64_t t;
	struct dd_error e;
	static const char *bad[] = { "", "2026-11-30", "2026-11-30T07:35:00", "2026-11-31T00:00:00Z",
				     "2026-11-30T24:00:00Z", "2026-11-30T07:35:00+01:00", "x" };

	(void)state;
	assert_int_equal(dd_billing_parse_instant("2026-11-30T07:35:09Z", &t, &e), 0);
	assert_int_equal(t, dd_billing_day(2026, 11, 30) * 86400 + 7 * 3600 + 35 * 60 + 9);
	assert_int_equal(dd_billing_parse_instant("2026-11-30T07:35:09.123456Z", &t, &e), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (dd_billing_parse_instant(bad[i], &t, &e) == 0)
			fail_msg("accepted %s", bad[i]);
}

static void test_decode_taxes(void **state)
{
	static const char ok[] = "{\"taxes\":[{\"description\":\"FR VAT 20%\",\"currency\":\"EUR\","
				 "\"rate\":0.2,\"total_tax_value\":4.89},{\"description\":\"none\","
				 "\"currency\":\"EUR\",\"rate\":null,\"total_tax_value\":null}],"
				 "\"total_count\":2,\"updated_at\":\"2026-11-30T07:00:00Z\"}";
	static const char *bad[] = {
		"{\"taxes\":[{\"rate\":\"0.2\"}],\"total_count\":1}",
		"{\"taxes\":[{\"rate\":1.5}],\"total_count\":1}",
		"{\"taxes\":[{\"currency\":\"EURO\",\"rate\":0.2}],\"total_count\":1}",
		"{\"taxes\":{},\"total_count\":1}",
		"not json",
	};
	struct dd_tax_list l = { 0 };
	size_t n;
	int64_t total;
	struct dd_error e;

	(void)state;
	dd_error_clear(&e);
	assert_int_equal(dd_scw_billing_decode_taxes(ok, sizeof(ok) - 1, &l, &n, &total, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(total, 2);
	assert_string_equal(l.v[0].description, "FR VAT 20%");
	assert_true(l.v[0].has_rate);
	assert_int_equal(l.v[0].rate_bp, 2000);
	assert_int_equal(l.v[0].total.units, 4);
	assert_int_equal(l.v[0].total.nanos, 890000000);
	assert_false(l.v[1].has_rate);
	assert_false(l.v[1].has_total);
	assert_string_equal(l.updated_at, "2026-11-30T07:00:00Z");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		size_t before = l.n;

		if (dd_scw_billing_decode_taxes(bad[i], strlen(bad[i]), &l, &n, &total, &e) == 0)
			fail_msg("accepted %s", bad[i]);
		assert_int_equal(l.n, before); /* a page is taken whole or not at all */
	}

	/* The document shows the rate in basis points, amounts exact. */
	struct dd_consumption_list c = { 0 };
	line(&c, "web-1", "hour", "1.5", 0, 13200000);
	char *doc = dd_export_consumption_json(&c, &l);
	assert_non_null(doc);
	assert_non_null(strstr(doc, "\"rate_basis_points\": 2000"));
	assert_non_null(strstr(doc, "\"amount\": \"0.013200000\""));
	assert_non_null(strstr(doc, "\"cents\": 1"));
	assert_non_null(strstr(doc, "\"rate_basis_points\": null"));
	free(doc);
	dd_consumption_list_clear(&c);
	dd_tax_list_clear(&l);

	char buf[40];
	struct dd_money m = { "EUR", -3, -150000000 };
	dd_money_exact(&m, buf, sizeof(buf));
	assert_string_equal(buf, "-3.150000000");
	m = (struct dd_money){ "EUR", 0, -5 };
	dd_money_exact(&m, buf, sizeof(buf));
	assert_string_equal(buf, "-0.000000005");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_estimate),
		cmocka_unit_test(test_parse_instant),
		cmocka_unit_test(test_decode_taxes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
