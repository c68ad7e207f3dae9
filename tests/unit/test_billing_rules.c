/* core/billing: the rules of the billing seeds (002: Scaleway billing FAQ,
 * 000: payment methods after linking), each with its edges: the due day
 * itself and the day after, month ends, leap years, negative and zero
 * amounts, nanos carry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/billing.h"

static int64_t day(const char *s)
{
	int64_t d;
	struct dd_error e;

	dd_error_clear(&e);
	if (dd_billing_parse_day(s, &d, &e) != 0)
		fail_msg("%s: %s", s, e.message);
	return d;
}

static void ymd_is(int64_t d, int y, int m, int dd)
{
	int yy, mm, ddd;

	dd_billing_ymd(d, &yy, &mm, &ddd);
	if (yy != y || mm != m || ddd != dd)
		fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", yy, mm, ddd, y, m, dd);
}

static void test_calendar(void **state)
{
	(void)state;
	assert_int_equal(dd_billing_day(1970, 1, 1), 0);
	assert_int_equal(dd_billing_day(1969, 12, 31), -1);
	assert_int_equal(dd_billing_day(2000, 3, 1) - dd_billing_day(2000, 2, 28), 2);
	assert_int_equal(dd_billing_day(1900, 3, 1) - dd_billing_day(1900, 2, 28), 1);
	assert_int_equal(dd_billing_day(2024, 1, 1), 19723);
	/* Round trip over four centuries, both sides of the epoch. */
	for (int64_t d = -200000; d < 200000; d += 7) {
		int y, m, dd;

		dd_billing_ymd(d, &y, &m, &dd);
		assert_int_equal(dd_billing_day(y, m, dd), d);
	}
	ymd_is(dd_billing_day(2024, 2, 29), 2024, 2, 29);
}

static void test_parse_day(void **state)
{
	int64_t d;
	struct dd_error e;
	static const char *bad[] = { "", "2024-2-01", "2023-02-29", "2024-13-01", "2024-04-31",
				     "2024-01-01T10:00:00", "2024-01-01T24:00:00Z",
				     "2024-01-01Z", "2024-01-01T10:00:00Zjunk",
				     "2024-01-01T10:00:00.Z", "2024-01-01T10:00:00+0100" };

	(void)state;
	assert_int_equal(day("2024-02-29"), dd_billing_day(2024, 2, 29));
	assert_int_equal(day("2024-02-29T23:59:59Z"), dd_billing_day(2024, 2, 29));
	assert_int_equal(day("2024-02-29T23:59:59.123456Z"), dd_billing_day(2024, 2, 29));
	/* An offset moves the instant to another UTC day, both ways. */
	assert_int_equal(day("2024-03-01T00:30:00+02:00"), dd_billing_day(2024, 2, 29));
	assert_int_equal(day("2024-12-31T23:30:00-01:00"), dd_billing_day(2025, 1, 1));
	assert_int_equal(day("2024-03-01T00:00:00+00:00"), dd_billing_day(2024, 3, 1));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		dd_error_clear(&e);
		if (dd_billing_parse_day(bad[i], &d, &e) == 0)
			fail_msg("accepted %s", bad[i]);
		assert_int_equal(e.kind, DD_E_USAGE);
	}
	assert_int_equal(dd_billing_parse_day(NULL, &d, &e), -1);
}

static void test_period(void **state)
{
	struct {
		const char *in, *first, *next;
	} t[] = {
		{ "2024-02-01", "2024-02-01", "2024-03-01" },
		{ "2024-02-29", "2024-02-01", "2024-03-01" },  /* leap */
		{ "2023-02-28", "2023-02-01", "2023-03-01" },
		{ "2100-02-15", "2100-02-01", "2100-03-01" },  /* 2100 is not leap */
		{ "2024-12-31", "2024-12-01", "2025-01-01" },  /* year end */
		{ "2024-04-30", "2024-04-01", "2024-05-01" },
	};
	int64_t f, n;

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		dd_billing_period(day(t[i].in), &f, &n);
		assert_int_equal(f, day(t[i].first));
		assert_int_equal(n, day(t[i].next));
	}
	assert_int_equal(n - f, 30);
	dd_billing_period(day("2100-02-15"), &f, &n);
	assert_int_equal(n - f, 28);
	/* "based on the resources' consumption of the previous month" */
	dd_billing_period_billed(day("2024-03-01"), &f, &n);
	assert_int_equal(f, day("2024-02-01"));
	assert_int_equal(n, day("2024-03-01"));
	dd_billing_period_billed(day("2025-01-03"), &f, &n);
	assert_int_equal(f, day("2024-12-01"));
	assert_int_equal(n, day("2025-01-01"));
}

static void test_state_meaning(void **state)
{
	static const char *scw[] = { "draft", "stopped", "issued", "paid", "incomplete",
				     "outdated" };
	static const char *dbx[] = { "unpaid", "paid", "errored" };
	char buf[128];

	(void)state;
	for (size_t i = 0; i < 6; i++)
		assert_non_null(dd_billing_state_meaning(DD_INVOICE_SCALEWAY, scw[i]));
	for (size_t i = 0; i < 3; i++)
		assert_non_null(dd_billing_state_meaning(DD_INVOICE_DEDIBOX, dbx[i]));
	assert_non_null(strstr(dd_billing_state_meaning(DD_INVOICE_SCALEWAY, "Incomplete"),
			       "deleted"));
	assert_non_null(strstr(dd_billing_state_meaning(DD_INVOICE_SCALEWAY, "draft"),
			       "may still change"));
	/* Each source has its own words: no Scaleway draft on Dedibox. */
	assert_null(dd_billing_state_meaning(DD_INVOICE_DEDIBOX, "draft"));
	assert_null(dd_billing_state_meaning(DD_INVOICE_SCALEWAY, "unpaid"));
	assert_null(dd_billing_state_meaning(DD_INVOICE_SCALEWAY, NULL));
	assert_string_equal(dd_billing_state_text(DD_INVOICE_SCALEWAY, "frozen", buf, sizeof(buf)),
			    "Unknown state \"frozen\": dedi does not know what it means.");
	assert_string_equal(dd_billing_state_text(DD_INVOICE_DEDIBOX, "a\"\x1b[2Jb", buf,
						  sizeof(buf)),
			    "Unknown state \"a??[2Jb\": dedi does not know what it means.");
	assert_string_equal(dd_billing_state_text(DD_INVOICE_DEDIBOX, "paid", buf, sizeof(buf)),
			    "Fully paid. No further action is required.");
}

static struct dd_billing_deadline deadline(enum dd_invoice_source src, const char *st,
					   const char *pm, const char *issued, const char *due,
					   const char *today)
{
	struct dd_billing_deadline d;
	struct dd_error e;

	dd_error_clear(&e);
	if (dd_billing_deadline(src, st, pm, day(issued), due ? day(due) : INT64_MIN,
				day(today), &d, &e) != 0)
		fail_msg("%s", e.message);
	return d;
}

static void test_deadline_timeline(void **state)
{
	struct dd_billing_deadline d;

	(void)state;
	/* No due date given: issued + 10 days. Leap February. */
	d = deadline(DD_INVOICE_SCALEWAY, "issued", "credit_card", "2024-02-25", NULL,
		     "2024-02-25");
	assert_int_equal(d.due, day("2024-03-06"));
	assert_int_equal(d.stage, DD_STAGE_BEFORE_DUE);
	assert_int_equal(d.days_left, 10);
	assert_int_equal(d.suspend, day("2024-03-07"));
	assert_int_equal(d.delete_day, day("2024-03-17"));
	/* The due day itself: still in time, zero days left. */
	d = deadline(DD_INVOICE_SCALEWAY, "issued", "", "2024-02-25", NULL, "2024-03-06");
	assert_int_equal(d.stage, DD_STAGE_BEFORE_DUE);
	assert_int_equal(d.days_left, 0);
	/* The day after: suspended, ten days before deletion. */
	d = deadline(DD_INVOICE_SCALEWAY, "issued", "", "2024-02-25", NULL, "2024-03-07");
	assert_int_equal(d.stage, DD_STAGE_SUSPENDED);
	assert_int_equal(d.days_left, 10);
	assert_non_null(strstr(d.advice, "suspended"));
	/* The last suspended day, then the delete day. */
	d = deadline(DD_INVOICE_SCALEWAY, "issued", "", "2024-02-25", NULL, "2024-03-16");
	assert_int_equal(d.stage, DD_STAGE_SUSPENDED);
	assert_int_equal(d.days_left, 1);
	d = deadline(DD_INVOICE_SCALEWAY, "issued", "", "2024-02-25", NULL, "2024-03-17");
	assert_int_equal(d.stage, DD_STAGE_DELETED);
	assert_int_equal(d.days_left, -1);
	/* A due date given by the invoice wins over issued + 10; non-leap year
	 * across the month end. */
	d = deadline(DD_INVOICE_DEDIBOX, "unpaid", "", "2023-02-20", "2023-02-28", "2023-03-01");
	assert_int_equal(d.stage, DD_STAGE_SUSPENDED);
	assert_int_equal(d.delete_day, day("2023-03-11"));
	/* Year end. */
	d = deadline(DD_INVOICE_DEDIBOX, "unpaid", "", "2024-12-22", NULL, "2024-12-31");
	assert_int_equal(d.due, day("2025-01-01"));
	assert_int_equal(d.days_left, 1);
}

static void test_deadline_states_and_advice(void **state)
{
	struct dd_billing_deadline d;
	struct dd_error e;

	(void)state;
	d = deadline(DD_INVOICE_SCALEWAY, "paid", "", "2024-01-01", NULL, "2025-01-01");
	assert_int_equal(d.stage, DD_STAGE_SETTLED);
	d = deadline(DD_INVOICE_SCALEWAY, "draft", "", "2024-01-01", NULL, "2024-03-01");
	assert_int_equal(d.stage, DD_STAGE_NOT_ISSUED);
	d = deadline(DD_INVOICE_SCALEWAY, "stopped", "", "2024-01-01", NULL, "2024-03-01");
	assert_int_equal(d.stage, DD_STAGE_NOT_ISSUED);
	d = deadline(DD_INVOICE_SCALEWAY, "incomplete", "", "2024-01-01", NULL, "2024-01-02");
	assert_int_equal(d.stage, DD_STAGE_ACTION);
	assert_non_null(strstr(d.advice, "update"));
	d = deadline(DD_INVOICE_SCALEWAY, "outdated", "", "2024-01-01", NULL, "2024-01-02");
	assert_int_equal(d.stage, DD_STAGE_ACTION);
	assert_non_null(strstr(d.advice, "updated invoice"));
	d = deadline(DD_INVOICE_SCALEWAY, "weird", "", "2024-01-01", NULL, "2024-01-02");
	assert_int_equal(d.stage, DD_STAGE_UNKNOWN);
	/* Before the due date: pay, or add another card. */
	d = deadline(DD_INVOICE_SCALEWAY, "issued", "credit_card", "2024-01-01", NULL,
		     "2024-01-02");
	assert_non_null(strstr(d.advice, "another card"));
	/* "Failed SEPA payments can only be regularized by credit or debit
	 * card payment": an errored debit, and a suspended SEPA account. */
	d = deadline(DD_INVOICE_DEDIBOX, "errored", "direct_debit", "2024-01-01", NULL,
		     "2024-01-02");
	assert_int_equal(d.stage, DD_STAGE_BEFORE_DUE);
	assert_non_null(strstr(d.advice, "Failed SEPA payments"));
	d = deadline(DD_INVOICE_SCALEWAY, "issued", "SEPA", "2024-01-01", NULL, "2024-01-12");
	assert_int_equal(d.stage, DD_STAGE_SUSPENDED);
	assert_non_null(strstr(d.advice, "by card"));
	/* An errored card payment keeps the ordinary advice. */
	d = deadline(DD_INVOICE_DEDIBOX, "errored", "credit_card", "2024-01-01", NULL,
		     "2024-01-02");
	assert_null(strstr(d.advice, "SEPA"));
	/* A due day before the issue day is refused. */
	dd_error_clear(&e);
	assert_int_equal(dd_billing_deadline(DD_INVOICE_SCALEWAY, "issued", "", day("2024-01-10"),
					     day("2024-01-09"), day("2024-01-10"), &d, &e),
			 -1);
	assert_int_equal(e.kind, DD_E_USAGE);
}

static struct dd_money m(const char *cur, int64_t units, int32_t nanos)
{
	struct dd_money x;

	memset(&x, 0, sizeof(x));
	snprintf(x.currency, sizeof(x.currency), "%s", cur);
	x.units = units;
	x.nanos = nanos;
	return x;
}

static void money_is(const struct dd_money *x, const char *cur, int64_t units, int32_t nanos)
{
	if (strcmp(x->currency, cur) != 0 || x->units != units || x->nanos != nanos)
		fail_msg("got %s %lld.%d, want %s %lld.%d", x->currency, (long long)x->units,
			 x->nanos, cur, (long long)units, nanos);
}

static void test_money_add(void **state)
{
	struct dd_money a, b, r;
	struct dd_error e;

	(void)state;
	/* The seed's Stardust1-s: 0.00198 + 0.0004 + 0.00012 = 0.0025 exactly. */
	a = m("EUR", 0, 1980000);
	b = m("EUR", 0, 400000);
	assert_int_equal(dd_billing_money_add(&a, &b, &r, &e), 0);
	b = m("EUR", 0, 120000);
	assert_int_equal(dd_billing_money_add(&r, &b, &r, &e), 0);
	money_is(&r, "EUR", 0, 2500000);
	/* Nanos carry up and down. */
	a = m("EUR", 1, 600000000);
	b = m("EUR", 2, 700000000);
	assert_int_equal(dd_billing_money_add(&a, &b, &r, &e), 0);
	money_is(&r, "EUR", 4, 300000000);
	a = m("EUR", -1, -600000000);
	b = m("EUR", -2, -700000000);
	assert_int_equal(dd_billing_money_add(&a, &b, &r, &e), 0);
	money_is(&r, "EUR", -4, -300000000);
	/* Mixed signs: nanos take the sign of units. */
	a = m("EUR", 2, 0);
	b = m("EUR", 0, -300000000);
	assert_int_equal(dd_billing_money_add(&a, &b, &r, &e), 0);
	money_is(&r, "EUR", 1, 700000000);
	a = m("EUR", -2, 0);
	b = m("EUR", 0, 300000000);
	assert_int_equal(dd_billing_money_add(&a, &b, &r, &e), 0);
	money_is(&r, "EUR", -1, -700000000);
	/* Zero, and "" is EUR. */
	a = m("", 0, 0);
	b = m("EUR", 0, 0);
	assert_int_equal(dd_billing_money_add(&a, &b, &r, &e), 0);
	money_is(&r, "EUR", 0, 0);
	/* A running sum (out is a) keeps its currency. */
	a = m("USD", 1, 500000000);
	b = m("USD", 0, 500000000);
	assert_int_equal(dd_billing_money_add(&a, &b, &a, &e), 0);
	money_is(&a, "USD", 2, 0);
	/* Refusals: currencies, overflow, bad nanos. */
	a = m("USD", 1, 0);
	b = m("", 1, 0);
	assert_int_equal(dd_billing_money_add(&a, &b, &r, &e), -1);
	a = m("EUR", INT64_MAX, 600000000);
	b = m("EUR", 0, 600000000);
	assert_int_equal(dd_billing_money_add(&a, &b, &r, &e), -1);
	a = m("EUR", INT64_MAX, 0);
	b = m("EUR", 1, 0);
	assert_int_equal(dd_billing_money_add(&a, &b, &r, &e), -1);
	a = m("EUR", 0, 1000000000);
	b = m("EUR", 0, 0);
	assert_int_equal(dd_billing_money_add(&a, &b, &r, &e), -1);
}

static struct dd_invoice inv(const char *cur, int64_t cu, int32_t cn, int64_t vu, int32_t vn,
			     int64_t tu, int32_t tn)
{
	struct dd_invoice i;

	memset(&i, 0, sizeof(i));
	i.untaxed = m(cur, cu, cn);
	i.vat = m(cur, vu, vn);
	i.taxed = m(cur, tu, tn);
	i.has_totals = true;
	return i;
}

static void test_totals(void **state)
{
	struct dd_invoice v[6];
	struct dd_billing_totals t;
	struct dd_error e;
	size_t sel[] = { 0, 2 }, badsel[] = { 7 };

	(void)state;
	v[0] = inv("EUR", 10, 0, 2, 0, 12, 0);
	v[1] = inv("EUR", 0, 990000000, 0, 198000000, 1, 188000000);
	v[2] = inv("USD", 5, 0, 0, 0, 5, 0);
	v[3] = inv("", -3, -500000000, 0, -700000000, -4, -200000000);
	v[4] = inv("EUR", 1, 0, 0, 0, 2, 0);  /* untaxed + VAT != taxed */
	v[5] = inv("EUR", 99, 0, 0, 0, 99, 0);
	v[5].has_totals = false;
	assert_int_equal(dd_billing_totals(v, 6, NULL, 0, &t, &e), 0);
	assert_int_equal(t.nsums, 2);
	assert_string_equal(t.sums[0].currency, "EUR");
	assert_int_equal(t.sums[0].count, 4);
	/* 10 + 0.99 - 3.5 + 1 = 8.49; VAT 2 + 0.198 - 0.7 = 1.498;
	 * taxed 12 + 1.188 - 4.2 + 2 = 10.988 */
	money_is(&t.sums[0].untaxed, "EUR", 8, 490000000);
	money_is(&t.sums[0].vat, "EUR", 1, 498000000);
	money_is(&t.sums[0].taxed, "EUR", 10, 988000000);
	assert_string_equal(t.sums[1].currency, "USD");
	money_is(&t.sums[1].taxed, "USD", 5, 0);
	assert_int_equal(t.without_totals, 1);
	assert_int_equal(t.vat_mismatch, 1);
	/* A selection. */
	assert_int_equal(dd_billing_totals(v, 6, sel, 2, &t, &e), 0);
	assert_int_equal(t.nsums, 2);
	assert_int_equal(t.sums[0].count, 1);
	money_is(&t.sums[0].taxed, "EUR", 12, 0);
	/* Empty selection: no sums at all. */
	assert_int_equal(dd_billing_totals(v, 6, sel, 0, &t, &e), 0);
	assert_int_equal(t.nsums, 0);
	assert_int_equal(dd_billing_totals(v, 6, badsel, 1, &t, &e), -1);
	/* Too many currencies is an error, not a silent drop. */
	v[0] = inv("CHF", 1, 0, 0, 0, 1, 0);
	v[1] = inv("GBP", 1, 0, 0, 0, 1, 0);
	v[4] = inv("JPY", 1, 0, 0, 0, 1, 0);
	assert_int_equal(dd_billing_totals(v, 5, NULL, 0, &t, &e), -1);
	/* An invoice mixing currencies in its own totals. */
	v[0] = inv("EUR", 1, 0, 0, 0, 1, 0);
	v[0].vat = m("USD", 0, 0);
	assert_int_equal(dd_billing_totals(v, 1, NULL, 0, &t, &e), -1);
}

static void test_default_payment(void **state)
{
	struct dd_pay_account d, s;
	struct dd_pay_default r;

	(void)state;
	/* SEPA in either account wins, even over cards. */
	d = (struct dd_pay_account){ .sepa_preferred = true, .card = "dcard" };
	s = (struct dd_pay_account){ .sepa_preferred = false, .card = "scard" };
	dd_billing_default_payment(&d, &s, &r);
	assert_int_equal(r.kind, DD_PAY_SEPA);
	assert_int_equal(r.from, DD_PAY_FROM_DEDIBOX);
	dd_billing_default_payment(&s, &d, &r);
	assert_int_equal(r.kind, DD_PAY_SEPA);
	assert_int_equal(r.from, DD_PAY_FROM_SCALEWAY);
	s.sepa_preferred = true;
	dd_billing_default_payment(&d, &s, &r);
	assert_int_equal(r.from, DD_PAY_FROM_BOTH);
	/* No SEPA, different cards: Scaleway's card. */
	d = (struct dd_pay_account){ .card = "dcard" };
	s = (struct dd_pay_account){ .card = "scard" };
	dd_billing_default_payment(&d, &s, &r);
	assert_int_equal(r.kind, DD_PAY_CARD);
	assert_int_equal(r.from, DD_PAY_FROM_SCALEWAY);
	assert_non_null(strstr(r.why, "registered with Scaleway"));
	/* The same card in both. */
	s.card = "dcard";
	dd_billing_default_payment(&d, &s, &r);
	assert_int_equal(r.kind, DD_PAY_CARD);
	assert_int_equal(r.from, DD_PAY_FROM_BOTH);
	/* Only one card: that card. */
	s.card = NULL;
	dd_billing_default_payment(&d, &s, &r);
	assert_int_equal(r.from, DD_PAY_FROM_DEDIBOX);
	dd_billing_default_payment(NULL, &d, &r);
	assert_int_equal(r.from, DD_PAY_FROM_SCALEWAY);
	/* Nothing at all. */
	dd_billing_default_payment(NULL, NULL, &r);
	assert_int_equal(r.kind, DD_PAY_NONE);
	assert_non_null(r.why);
}

static void test_billed_seconds(void **state)
{
	struct dd_error e;
	const char *st, *sp;

	(void)state;
	/* 60-minute minimum: zero, one second, 59:59, exactly an hour, more. */
	assert_int_equal(dd_billing_billed_seconds(DD_RES_INSTANCE, 100, 100, &e), 3600);
	assert_int_equal(dd_billing_billed_seconds(DD_RES_INSTANCE, 0, 1, &e), 3600);
	assert_int_equal(dd_billing_billed_seconds(DD_RES_VOLUME, 0, 3599, &e), 3600);
	assert_int_equal(dd_billing_billed_seconds(DD_RES_SNAPSHOT, 0, 3600, &e), 3600);
	assert_int_equal(dd_billing_billed_seconds(DD_RES_FLEXIBLE_IP, 0, 3601, &e), 3601);
	/* The Mac mini's 24 hours. */
	assert_int_equal(dd_billing_billed_seconds(DD_RES_MAC_MINI, 0, 3601, &e), 86400);
	assert_int_equal(dd_billing_billed_seconds(DD_RES_MAC_MINI, 0, 86401, &e), 86401);
	/* Two uninterrupted periods are two resources, each with its minimum. */
	assert_int_equal(dd_billing_billed_seconds(DD_RES_INSTANCE, 0, 600, &e) +
				 dd_billing_billed_seconds(DD_RES_INSTANCE, 1200, 1800, &e),
			 7200);
	assert_int_equal(dd_billing_billed_seconds(DD_RES_INSTANCE, 10, 9, &e), -1);
	assert_int_equal(dd_billing_billed_seconds(DD_RES_INSTANCE, INT64_MIN, INT64_MAX, &e),
			 -1);
	assert_int_equal(dd_billing_billed_seconds(DD_RES_CLASS_COUNT, 0, 1, &e), -1);
	/* Every class has the seed's events. */
	for (int c = 0; c < DD_RES_CLASS_COUNT; c++) {
		assert_int_equal(dd_billing_class_events((enum dd_resource_class)c, &st, &sp, &e),
				 0);
		assert_non_null(st);
		assert_non_null(sp);
	}
	dd_billing_class_events(DD_RES_ELASTIC_METAL, &st, &sp, &e);
	assert_non_null(strstr(sp, "even when powered off"));
	assert_int_equal(dd_billing_class_events(DD_RES_CLASS_COUNT, &st, &sp, &e), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar),
		cmocka_unit_test(test_parse_day),
		cmocka_unit_test(test_period),
		cmocka_unit_test(test_state_meaning),
		cmocka_unit_test(test_deadline_timeline),
		cmocka_unit_test(test_deadline_states_and_advice),
		cmocka_unit_test(test_money_add),
		cmocka_unit_test(test_totals),
		cmocka_unit_test(test_default_payment),
		cmocka_unit_test(test_billed_seconds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
