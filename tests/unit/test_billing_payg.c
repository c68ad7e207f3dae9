/* core/billing_payg: seed 002's hourly pay-as-you-go. The worked example
 * (Stardust1-s at EUR 0.0025 an hour = 0.00198 IP + 0.0004 storage +
 * 0.00012 instance), each class's start and stop events, the 60-minute
 * and 24-hour minimums, UTC month boundaries and the month-end projection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/billing_payg.h"

#define H 3600
#define EUR 1000000000LL

static int64_t at(int y, int m, int d, int hh, int mm)
{
	return dd_billing_day(y, m, d) * 86400 + hh * H + mm * 60;
}

/* The seed's example, to the nano. */
static const int64_t ip_price = 1980000, storage_price = 400000, instance_price = 120000;

static void test_stardust_example(void **state)
{
	int64_t n;
	struct dd_error e;
	const int64_t nov1 = at(2026, 11, 1, 0, 0), dec1 = at(2026, 12, 1, 0, 0);
	const struct dd_bill_event on[] = { { nov1, DD_EV_POWER_ON } };
	const struct dd_bill_event ip[] = { { nov1, DD_EV_RESERVE } };
	const struct dd_bill_event vol[] = { { nov1, DD_EV_CREATE } };
	const struct dd_bill_resource stardust[] = {
		{ DD_RES_FLEXIBLE_IP, ip_price, ip, 1 },
		{ DD_RES_VOLUME, storage_price, vol, 1 },
		{ DD_RES_INSTANCE, instance_price, on, 1 },
	};
	struct dd_bill_month m;

	(void)state;
	dd_error_clear(&e);
	/* 0.00198 + 0.0004 + 0.00012 = 0.0025, exactly. */
	assert_int_equal(ip_price + storage_price + instance_price, 2500000);
	assert_int_equal(dd_billing_cost_of(ip_price + storage_price + instance_price, H, &n, &e), 0);
	assert_int_equal(n, EUR / 400);
	/* One hour of the three resources is the advertised hourly price. */
	assert_int_equal(dd_billing_month(stardust, 3, nov1 + H, &m, &e), 0);
	assert_int_equal(m.so_far, 2500000);
	assert_int_equal(m.periods, 3);
	assert_int_equal(m.running, 3);
	/* The whole of November (720 hours): 1.4256 + 0.288 + 0.0864 = 1.80. */
	assert_int_equal(m.projected, 1800000000);
	assert_int_equal(dd_billing_month(stardust, 3, dec1 - 1, &m, &e), 0);
	assert_int_equal(m.projected, 1800000000);
	assert_int_equal(dd_billing_cost_of(ip_price, 720 * H, &n, &e), 0);
	assert_int_equal(n, 1425600000);
	assert_int_equal(dd_billing_cost_of(storage_price, 720 * H, &n, &e), 0);
	assert_int_equal(n, 288000000);
	assert_int_equal(dd_billing_cost_of(instance_price, 720 * H, &n, &e), 0);
	assert_int_equal(n, 86400000);
	/* A second is a 3600th of the price, rounded half away from zero. */
	assert_int_equal(dd_billing_cost_of(instance_price, 1, &n, &e), 0);
	assert_int_equal(n, 33); /* 33.33 */
	assert_int_equal(dd_billing_cost_of(1800, 1, &n, &e), 0);
	assert_int_equal(n, 1); /* 0.5 */
	assert_int_equal(dd_billing_cost_of(-1800, 1, &n, &e), 0);
	assert_int_equal(n, -1);
}

struct class_case {
	const char *what;
	enum dd_resource_class cls;
	struct dd_bill_event ev[6];
	size_t nev;
	size_t nperiods;
	int64_t billed[3];   /* seconds billed per period, the minimum applied */
};

#define T0 1790000000LL /* 2026-09-21 */

static const struct class_case cases[] = {
	{ "instance: power on to the power-off click; shutdown and hard reboot not breaks",
	  DD_RES_INSTANCE,
	  { { T0, DD_EV_POWER_ON }, { T0 + H, DD_EV_HARD_REBOOT }, { T0 + 2 * H, DD_EV_SHUTDOWN },
	    { T0 + 2 * H + 300, DD_EV_POWERED_OFF } }, 4, 1, { 2 * H } },
	{ "instance: powered off without a shutdown event stops there", DD_RES_INSTANCE,
	  { { T0, DD_EV_POWER_ON }, { T0 + 3 * H, DD_EV_POWERED_OFF } }, 2, 1, { 3 * H } },
	{ "instance: 10 minutes on is billed 60", DD_RES_INSTANCE,
	  { { T0, DD_EV_POWER_ON }, { T0 + 600, DD_EV_SHUTDOWN } }, 2, 1, { H } },
	{ "instance: each start-stop is its own resource", DD_RES_INSTANCE,
	  { { T0, DD_EV_POWER_ON }, { T0 + 600, DD_EV_SHUTDOWN }, { T0 + 1200, DD_EV_POWER_ON },
	    { T0 + 1800, DD_EV_POWER_ON }, { T0 + 2 * H, DD_EV_SHUTDOWN } }, 5, 2, { H, 2 * H - 1200 } },
	{ "instance: create alone does not bill", DD_RES_INSTANCE,
	  { { T0, DD_EV_CREATE }, { T0 + H, DD_EV_DELETE } }, 2, 0, { 0 } },
	{ "elastic metal: creation to deletion, even powered off", DD_RES_ELASTIC_METAL,
	  { { T0, DD_EV_CREATE }, { T0 + H, DD_EV_POWERED_OFF }, { T0 + 5 * H, DD_EV_POWER_ON },
	    { T0 + 9 * H, DD_EV_DELETE } }, 4, 1, { 9 * H } },
	{ "mac mini: 24 hours minimum", DD_RES_MAC_MINI,
	  { { T0, DD_EV_CREATE }, { T0 + 2 * H, DD_EV_SHUTDOWN }, { T0 + 3 * H, DD_EV_DELETE } }, 3, 1,
	  { 24 * H } },
	{ "mac mini: beyond 24 hours, the real length", DD_RES_MAC_MINI,
	  { { T0, DD_EV_CREATE }, { T0 + 30 * H, DD_EV_DELETE } }, 2, 1, { 30 * H } },
	{ "flexible ip: reserve to cancel, used or not", DD_RES_FLEXIBLE_IP,
	  { { T0, DD_EV_RESERVE }, { T0 + H, DD_EV_ATTACH }, { T0 + 2 * H, DD_EV_DETACH },
	    { T0 + 7 * H, DD_EV_CANCEL } }, 4, 1, { 7 * H } },
	{ "dynamic ip: attach to detach, twice", DD_RES_DYNAMIC_IP,
	  { { T0, DD_EV_ATTACH }, { T0 + 2 * H, DD_EV_DETACH }, { T0 + 3 * H, DD_EV_ATTACH },
	    { T0 + 3 * H + 60, DD_EV_DETACH } }, 4, 2, { 2 * H, H } },
	{ "volume: create to delete", DD_RES_VOLUME,
	  { { T0, DD_EV_CREATE }, { T0 + 10 * H, DD_EV_POWERED_OFF }, { T0 + 50 * H, DD_EV_DELETE } },
	  3, 1, { 50 * H } },
	{ "snapshot: create to delete, 60 minutes minimum", DD_RES_SNAPSHOT,
	  { { T0, DD_EV_CREATE }, { T0 + 59, DD_EV_DELETE } }, 2, 1, { H } },
};

static void test_event_classes(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct class_case *c = &cases[i];
		struct dd_bill_period p[8];
		size_t np;
		struct dd_error e;

		dd_error_clear(&e);
		if (dd_billing_periods(c->cls, c->ev, c->nev, p, 8, &np, &e) != 0)
			fail_msg("%s: %s", c->what, e.message);
		if (np != c->nperiods)
			fail_msg("%s: %zu periods, want %zu", c->what, np, c->nperiods);
		for (size_t k = 0; k < np; k++) {
			int64_t s, n;

			assert_int_equal(dd_billing_period_cost(c->cls, 3600, &p[k], INT64_MIN,
								 INT64_MAX, T0 + 100 * H, &s, &n, &e), 0);
			if (s != c->billed[k] || n != s)
				fail_msg("%s: period %zu billed %lld s (%lld nanos), want %lld", c->what,
					 k, (long long)s, (long long)n, (long long)c->billed[k]);
		}
	}
}

static void test_bad_events(void **state)
{
	struct dd_bill_period p[1];
	size_t np;
	struct dd_error e;
	const struct dd_bill_event back[] = { { T0, DD_EV_POWER_ON }, { T0 - 1, DD_EV_SHUTDOWN } };
	const struct dd_bill_event two[] = { { T0, DD_EV_CREATE }, { T0 + 1, DD_EV_DELETE },
					     { T0 + 2, DD_EV_CREATE } };

	(void)state;
	dd_error_clear(&e);
	assert_int_equal(dd_billing_periods(DD_RES_INSTANCE, back, 2, p, 1, &np, &e), -1);
	assert_non_null(strstr(e.message, "time order"));
	dd_error_clear(&e);
	assert_int_equal(dd_billing_periods(DD_RES_VOLUME, two, 3, p, 1, &np, &e), -1);
	assert_non_null(strstr(e.message, "more than 1"));
	assert_int_equal(dd_billing_periods((enum dd_resource_class)99, two, 1, p, 1, &np, &e), -1);
}

static int64_t billed_in(enum dd_resource_class c, int64_t start, int64_t stop, int64_t from,
			 int64_t to)
{
	struct dd_bill_period p = { start, stop };
	int64_t s, n;
	struct dd_error e;

	dd_error_clear(&e);
	if (dd_billing_period_cost(c, H, &p, from, to, INT64_MAX - 1, &s, &n, &e) != 0)
		fail_msg("%s", e.message);
	assert_int_equal(s, n);
	return s;
}

static void test_month_boundaries(void **state)
{
	int64_t f, nx;
	const int64_t jan = at(2026, 1, 1, 0, 0), feb = at(2026, 2, 1, 0, 0), mar = at(2026, 3, 1, 0, 0);

	(void)state;
	dd_billing_month_of(feb - 1, &f, &nx);
	assert_int_equal(f, jan);
	assert_int_equal(nx, feb);
	dd_billing_month_of(feb, &f, &nx);
	assert_int_equal(f, feb);
	assert_int_equal(nx, mar);
	/* Leap February: 29 days. */
	dd_billing_month_of(at(2028, 2, 29, 23, 59), &f, &nx);
	assert_int_equal(nx - f, 29 * 86400);
	/* Before 1970 too. */
	dd_billing_month_of(-1, &f, &nx);
	assert_int_equal(f, -31 * 86400);
	assert_int_equal(nx, 0);
	/* An hour across midnight UTC of the month's end: half in each. */
	assert_int_equal(billed_in(DD_RES_INSTANCE, feb - 1800, feb + 1800, jan, feb), 1800);
	assert_int_equal(billed_in(DD_RES_INSTANCE, feb - 1800, feb + 1800, feb, mar), 1800);
	/* Ten minutes before the month ends: the minimum's rest goes to the next month. */
	assert_int_equal(billed_in(DD_RES_VOLUME, feb - 600, feb - 300, jan, feb), 600);
	assert_int_equal(billed_in(DD_RES_VOLUME, feb - 600, feb - 300, feb, mar), 3000);
	/* A Mac mini created at noon on the last day, deleted an hour later. */
	assert_int_equal(billed_in(DD_RES_MAC_MINI, mar - 12 * H, mar - 11 * H, feb, mar), 12 * H);
	assert_int_equal(billed_in(DD_RES_MAC_MINI, mar - 12 * H, mar - 11 * H, mar, mar + 86400 * 31),
			 12 * H);
	/* A month entirely inside a long period bills the whole month. */
	assert_int_equal(billed_in(DD_RES_ELASTIC_METAL, jan - 86400, DD_BILL_RUNNING, feb, mar),
			 28 * 86400);
}

static void test_projection(void **state)
{
	const int64_t nov1 = at(2026, 11, 1, 0, 0), now = at(2026, 11, 16, 0, 0);
	const struct dd_bill_event running[] = { { nov1, DD_EV_POWER_ON }, { nov1 + H, DD_EV_HARD_REBOOT } };
	const struct dd_bill_event gone[] = { { at(2026, 11, 2, 0, 0), DD_EV_CREATE },
					      { at(2026, 11, 3, 0, 0), DD_EV_DELETE } };
	const struct dd_bill_event fresh[] = { { now - H, DD_EV_RESERVE } };
	const struct dd_bill_event later[] = { { now + H, DD_EV_CREATE } };
	const struct dd_bill_resource r[] = {
		{ DD_RES_INSTANCE, 1 * EUR, running, 2 },
		{ DD_RES_ELASTIC_METAL, 2 * EUR, gone, 2 },
		{ DD_RES_FLEXIBLE_IP, 1 * EUR, fresh, 1 },
		{ DD_RES_VOLUME, 1 * EUR, later, 1 },
	};
	struct dd_bill_month m;
	struct dd_error e;

	(void)state;
	dd_error_clear(&e);
	assert_int_equal(dd_billing_month(r, 4, now, &m, &e), 0);
	/* 360 h running + 24 h x 2 gone + the fresh IP's 60-minute minimum. */
	assert_int_equal(m.so_far, (360 + 48 + 1) * EUR);
	/* The running ones to the end of November; the gone one stays; the
	 * volume created after now is not guessed. */
	assert_int_equal(m.projected, (720 + 48 + 361) * EUR);
	assert_int_equal(m.periods, 3);
	assert_int_equal(m.running, 2);
}

static void test_project_line(void **state)
{
	struct dd_money v = { "EUR", 7, 340000000 }, out;
	int64_t q;
	struct dd_error e;

	(void)state;
	dd_error_clear(&e);
	/* EUR 7.34 for 480 hours so far, 240 hours left: 7.34 x 1.5. */
	assert_int_equal(dd_billing_project_line(&v, 480000, 240 * H, &out, &e), 0);
	assert_int_equal(out.units, 11);
	assert_int_equal(out.nanos, 10000000);
	assert_int_equal(dd_billing_project_line(&v, 480000, 0, &out, &e), 0);
	assert_int_equal(out.units, 7);
	assert_int_equal(dd_billing_project_line(&v, 0, H, &out, &e), -1);
	assert_int_equal(dd_billing_parse_quantity("720", &q, &e), 0);
	assert_int_equal(q, 720000);
	assert_int_equal(dd_billing_parse_quantity("12.5", &q, &e), 0);
	assert_int_equal(q, 12500);
	assert_int_equal(dd_billing_parse_quantity("0.125", &q, &e), 0);
	assert_int_equal(q, 125);
	static const char *bad[] = { "", ".5", "1.2345", "-1", "1e3", "12h", "99999999999999999999" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (dd_billing_parse_quantity(bad[i], &q, &e) == 0)
			fail_msg("accepted %s", bad[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stardust_example),
		cmocka_unit_test(test_event_classes),
		cmocka_unit_test(test_bad_events),
		cmocka_unit_test(test_month_boundaries),
		cmocka_unit_test(test_projection),
		cmocka_unit_test(test_project_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
