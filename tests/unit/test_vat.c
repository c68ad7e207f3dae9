/* core/vat: seed 002's VAT rules (EU consumer: local rate of the fiscal
 * residence, dated; outside the EU: none; EU business with a valid number:
 * exempt; invalid number: a consumer), the rate table shipped as data, and
 * VAT-number syntax and check digits. Valid numbers are published examples
 * (python-stdnum's documentation, Scaleway's own number), not numbers made
 * by the code under test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/billing.h"
#include "core/vat.h"

static int rate(const char *c, int y, int m, int d)
{
	int bp = -1;
	struct dd_error e;

	dd_error_clear(&e);
	if (dd_vat_rate(c, dd_billing_day(y, m, d), &bp, NULL, &e) != 0)
		fail_msg("%s %04d-%02d-%02d: %s", c, y, m, d, e.message);
	return bp;
}

static void test_rates(void **state)
{
	int bp;
	int64_t since;
	struct dd_error e;

	(void)state;
	assert_int_equal(rate("FR", 2026, 11, 30), 2000);
	assert_int_equal(rate("fr", 2013, 12, 31), 1960);
	assert_int_equal(rate("FR", 2014, 1, 1), 2000);
	/* Germany's six months at 16%, both edges. */
	assert_int_equal(rate("DE", 2020, 6, 30), 1900);
	assert_int_equal(rate("DE", 2020, 7, 1), 1600);
	assert_int_equal(rate("DE", 2020, 12, 31), 1600);
	assert_int_equal(rate("DE", 2021, 1, 1), 1900);
	/* Two decimals: Finland's 25.5% from September 2024. */
	assert_int_equal(rate("FI", 2024, 8, 31), 2400);
	assert_int_equal(rate("FI", 2024, 9, 1), 2550);
	assert_int_equal(rate("LU", 2023, 6, 1), 1600);
	assert_int_equal(rate("LU", 2024, 6, 1), 1700);
	assert_int_equal(rate("EE", 2025, 7, 1), 2400);
	assert_int_equal(rate("RO", 2025, 8, 1), 2100);
	assert_int_equal(rate("SK", 2025, 1, 1), 2300);
	assert_int_equal(rate("HU", 2026, 1, 1), 2700);
	assert_int_equal(rate("GR", 2026, 1, 1), 2400);
	dd_error_clear(&e);
	assert_int_equal(dd_vat_rate("DE", dd_billing_day(2020, 7, 15), &bp, &since, &e), 0);
	assert_int_equal(since, dd_billing_day(2020, 7, 1));
	/* Every member state has a rate today; no one else has. */
	static const char *eu[] = { "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
				    "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
				    "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK" };
	for (size_t i = 0; i < sizeof(eu) / sizeof(eu[0]); i++) {
		bp = rate(eu[i], 2026, 11, 30);
		if (bp < 1700 || bp > 2700)
			fail_msg("%s: %d", eu[i], bp);
	}
	static const char *not_eu[] = { "US", "GB", "CH", "NO", "EL", "", "F", "FRA" };
	for (size_t i = 0; i < sizeof(not_eu) / sizeof(not_eu[0]); i++) {
		assert_false(dd_vat_is_eu(not_eu[i]));
		assert_int_equal(dd_vat_rate(not_eu[i], 20000, &bp, NULL, &e), -1);
	}
	assert_int_equal(dd_vat_rate("FR", dd_billing_day(1999, 1, 1), &bp, NULL, &e), -1);
	assert_non_null(strstr(e.message, "that early"));
}

static void test_numbers(void **state)
{
	static const struct {
		const char *in, *canon;
		enum dd_vatnum want;
	} good[] = {
		{ "ATU13585627", "ATU13585627", DD_VATNUM_CHECKED },
		{ "BE0403019261", "BE0403019261", DD_VATNUM_CHECKED },
		{ "DE136695976", "DE136695976", DD_VATNUM_CHECKED },
		{ "DK 13585628", "DK13585628", DD_VATNUM_CHECKED },
		{ "ES B-58378431", "ESB58378431", DD_VATNUM_CHECKED },
		{ "ES X-5253868-R", "ESX5253868R", DD_VATNUM_CHECKED },
		{ "ES54362315K", "ES54362315K", DD_VATNUM_CHECKED },
		{ "FI 20774740", "FI20774740", DD_VATNUM_CHECKED },
		{ "Fr 40 303 265 045", "FR40303265045", DD_VATNUM_CHECKED },
		{ "FR35433115904", "FR35433115904", DD_VATNUM_CHECKED },
		{ "FRK7399859412", "FRK7399859412", DD_VATNUM_SYNTAX },
		{ "IT 00743110157", "IT00743110157", DD_VATNUM_CHECKED },
		{ "LU 150 274 42", "LU15027442", DD_VATNUM_CHECKED },
		{ "NL004495445B01", "NL004495445B01", DD_VATNUM_CHECKED },
		{ "PL 8567346215", "PL8567346215", DD_VATNUM_CHECKED },
		{ "PT 501 964 843", "PT501964843", DD_VATNUM_CHECKED },
		{ "SE 123456789701", "SE123456789701", DD_VATNUM_CHECKED },
		{ "EL094259216", "EL094259216", DD_VATNUM_CHECKED },
		{ "EE 100 931 558", "EE100931558", DD_VATNUM_CHECKED },
		{ "HR 33392005961", "HR33392005961", DD_VATNUM_CHECKED },
		{ "HU-12892312", "HU12892312", DD_VATNUM_CHECKED },
		{ "MT 1167-9112", "MT11679112", DD_VATNUM_CHECKED },
		{ "RO 185 472 90", "RO18547290", DD_VATNUM_CHECKED },
		{ "SI 5022 3054", "SI50223054", DD_VATNUM_CHECKED },
		{ "SK 202 274 96 19", "SK2022749619", DD_VATNUM_CHECKED },
		{ "IE6388047V", "IE6388047V", DD_VATNUM_SYNTAX },
		{ "CZ25123891", "CZ25123891", DD_VATNUM_SYNTAX },
	};
	static const char *bad[] = {
		"ATU13585626", "BE0403019262", "BE2403019261", "DE136695977", "DK13585629",
		"ESB58378432", "ESX5253868S", "ES54362315Z", "FI20774741", "FR41303265045",
		"IT00743110158", "LU15027443", "NL004495446B01", "PL8567346216", "PT501964844",
		"SE123456789702", "SE123456789601", "DE13669597", "FR4030326504", "GB980780684",
		"GR094259216", "EL094259217", "EE100931559", "HR33392005962", "HU12892313",
		"MT11679113", "RO18547291", "SI50223055", "SK2022749618", "136695976", "DE 136/695/976", "", "DE", "DEDE136695976",
	};
	char canon[32];
	const char *why;

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		enum dd_vatnum r = dd_vat_number_check(good[i].in, canon, sizeof(canon), &why);

		if (r != good[i].want)
			fail_msg("%s: %d (%s), want %d", good[i].in, (int)r, why ? why : "", (int)good[i].want);
		assert_string_equal(canon, good[i].canon);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (dd_vat_number_check(bad[i], canon, sizeof(canon), &why) != DD_VATNUM_BAD)
			fail_msg("accepted %s", bad[i]);
		assert_non_null(why);
		assert_string_equal(canon, "");
	}
	assert_int_equal(dd_vat_number_check("DE136695977", NULL, 0, &why), DD_VATNUM_BAD);
	assert_string_equal(why, "its check digits are wrong");
	assert_int_equal(dd_vat_number_check(NULL, NULL, 0, NULL), DD_VATNUM_BAD);
}

static void test_decide(void **state)
{
	static const struct {
		struct dd_vat_customer c;
		enum dd_vat_case kind;
		int bp;
	} cases[] = {
		{ { "FR", false, NULL }, DD_VAT_CONSUMER, 2000 },
		{ { "de", false, "DE136695976" }, DD_VAT_CONSUMER, 1900 },
		{ { "US", false, NULL }, DD_VAT_OUTSIDE_EU, 0 },
		{ { "CH", true, "CHE123456789" }, DD_VAT_OUTSIDE_EU, 0 },
		{ { "DE", true, "DE136695976" }, DD_VAT_BUSINESS_EXEMPT, 0 },
		{ { "FR", true, "FRK7399859412" }, DD_VAT_BUSINESS_EXEMPT, 0 },
		{ { "DE", true, "DE136695977" }, DD_VAT_INVALID_NUMBER, 1900 },
		{ { "FI", true, "" }, DD_VAT_INVALID_NUMBER, 2550 },
		{ { "IT", true, NULL }, DD_VAT_INVALID_NUMBER, 2200 },
	};
	struct dd_vat_decision d;
	struct dd_error e;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		dd_error_clear(&e);
		if (dd_vat_decide(&cases[i].c, dd_billing_day(2026, 11, 30), &d, &e) != 0)
			fail_msg("case %zu: %s", i, e.message);
		if (d.kind != cases[i].kind || d.bp != cases[i].bp)
			fail_msg("case %zu (%s): kind %d bp %d", i, cases[i].c.country, (int)d.kind, d.bp);
		assert_non_null(d.why);
	}
	struct dd_vat_customer bad = { "F", false, NULL };
	assert_int_equal(dd_vat_decide(&bad, 0, &d, &e), -1);
	bad.country = "1X";
	assert_int_equal(dd_vat_decide(&bad, 0, &d, &e), -1);
}

static void test_amount(void **state)
{
	static const struct {
		struct dd_money untaxed;
		int bp;
		int64_t units;
		int32_t nanos;
	} cases[] = {
		{ { "EUR", 10, 0 }, 2000, 2, 0 },
		/* 0.125 is 13 cents (half away from zero), 20% of it 2.6 -> 3 cents. */
		{ { "EUR", 0, 125000000 }, 2000, 0, 30000000 },
		/* 12.345 -> 12.35; x 25.5% = 3.14925 -> 3.15. */
		{ { "EUR", 12, 345000000 }, 2550, 3, 150000000 },
		/* A credit note: the same rule below zero. */
		{ { "EUR", -12, -345000000 }, 2550, -3, -150000000 },
		{ { "EUR", 99, 0 }, 0, 0, 0 },
	};
	struct dd_money v;
	struct dd_error e;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		dd_error_clear(&e);
		assert_int_equal(dd_vat_amount(&cases[i].untaxed, cases[i].bp, &v, &e), 0);
		if (v.units != cases[i].units || v.nanos != cases[i].nanos)
			fail_msg("case %zu: %lld.%09d", i, (long long)v.units, v.nanos);
	}
	struct dd_money huge = { "EUR", INT64_MAX / 100 - 1, 0 };
	assert_int_equal(dd_vat_amount(&huge, 2000, &v, &e), -1);
	assert_int_equal(dd_vat_amount(&cases[0].untaxed, 10001, &v, &e), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rates),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_decide),
		cmocka_unit_test(test_amount),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
