/* core/ratelimit.c: the retry schedule (exponential, capped, jittered,
 * reproducible from a seed), Retry-After parsing with absurd values
 * clamped, and the per-host budget. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/ratelimit.h"

static void test_schedule_doubles_within_jitter(void **state)
{
	uint64_t rng;

	(void)state;
	dd_backoff_seed(&rng, 42);
	for (int a = 0; a < 12; a++) {
		long long full = (long long)DD_BACKOFF_BASE_MS << a;
		if (full > 5000)
			full = 5000;
		long long w = dd_backoff_ms(a, -1, 5000, &rng);
		/* the upper half of the full wait: never zero, never past the cap */
		assert_true(w >= full - full / 2);
		assert_true(w <= full);
	}
}

static void test_schedule_seeded_repeats(void **state)
{
	uint64_t a, b, c;
	int differs = 0;

	(void)state;
	dd_backoff_seed(&a, 7);
	dd_backoff_seed(&b, 7);
	dd_backoff_seed(&c, 8);
	for (int i = 0; i < 8; i++) {
		long long x = dd_backoff_ms(i, -1, 30000, &a), y = dd_backoff_ms(i, -1, 30000, &b);
		assert_int_equal(x, y);
		differs |= x != dd_backoff_ms(i, -1, 30000, &c);
	}
	/* another seed, another schedule: the jitter is real */
	assert_true(differs);
}

static void test_retry_after_followed_and_clamped(void **state)
{
	uint64_t rng;

	(void)state;
	dd_backoff_seed(&rng, 1);
	assert_int_equal(dd_backoff_ms(0, 0, 30000, &rng), 0);
	assert_int_equal(dd_backoff_ms(0, 4, 30000, &rng), 4000);
	assert_int_equal(dd_backoff_ms(3, 3600, 30000, &rng), 30000);
	assert_int_equal(dd_backoff_ms(0, LONG_MAX, 30000, &rng), 30000);
	assert_int_equal(dd_backoff_ms(0, 31, 30000, &rng), 30000);
	/* no cap given: the documented default */
	assert_int_equal(dd_backoff_ms(0, 100000, 0, &rng), DD_BACKOFF_CAP_MS);
}

static void test_retry_after_parse(void **state)
{
	const int64_t now = 1780000000; /* 2026-05-28T20:26:40Z */

	(void)state;
	assert_int_equal(dd_retry_after_parse("7", now), 7);
	assert_int_equal(dd_retry_after_parse(" 120 ", now), 120);
	assert_int_equal(dd_retry_after_parse("99999999999999999999", now), LONG_MAX);
	assert_int_equal(dd_retry_after_parse("-5", now), -1);
	assert_int_equal(dd_retry_after_parse("soon", now), -1);
	assert_int_equal(dd_retry_after_parse("12abc", now), -1);
	assert_int_equal(dd_retry_after_parse("", now), -1);
	assert_int_equal(dd_retry_after_parse("Thu, 28 May 2026 20:27:10 GMT", now), 30);
	/* a date in the past: go now */
	assert_int_equal(dd_retry_after_parse("Thu, 28 May 2026 20:00:00 GMT", now), 0);
	/* the far future parses; the schedule clamps it */
	assert_true(dd_retry_after_parse("Fri, 31 Dec 2100 23:59:59 GMT", now) > 86400L * 365 * 70);
	assert_int_equal(dd_retry_after_parse("Thu, 28 May 2026 20:27:10 GMT trailing", now), -1);
}

static void test_host_budget(void **state)
{
	struct dd_ratelimit rl;
	char host[64];

	(void)state;
	memset(&rl, 0, sizeof(rl));
	dd_ratelimit_host("https://api.scaleway.com/dedibox/v1/zones/x?page=2", host, sizeof(host));
	assert_string_equal(host, "api.scaleway.com");
	dd_ratelimit_host("http://127.0.0.1:8080/api/v1/server", host, sizeof(host));
	assert_string_equal(host, "127.0.0.1:8080");
	assert_int_equal(dd_ratelimit_until(&rl, "api.scaleway.com", 1000), 0);
	dd_ratelimit_hold(&rl, "api.scaleway.com", 5000);
	assert_int_equal(dd_ratelimit_until(&rl, "api.scaleway.com", 1000), 5000);
	/* another host keeps its own budget */
	assert_int_equal(dd_ratelimit_until(&rl, "api.online.net", 1000), 0);
	/* a shorter hold never shortens a longer one */
	dd_ratelimit_hold(&rl, "api.scaleway.com", 2000);
	assert_int_equal(dd_ratelimit_until(&rl, "api.scaleway.com", 1000), 5000);
	/* open again once the time has passed */
	assert_int_equal(dd_ratelimit_until(&rl, "api.scaleway.com", 5000), 0);
	/* more hosts than slots: the table recycles, nothing overflows */
	for (int i = 0; i < 3 * DD_RATELIMIT_HOSTS; i++) {
		char h[32];
		snprintf(h, sizeof(h), "h%d.example", i);
		dd_ratelimit_hold(&rl, h, 10000 + i);
		assert_int_equal(dd_ratelimit_until(&rl, h, 0), 10000 + i);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schedule_doubles_within_jitter),
		cmocka_unit_test(test_schedule_seeded_repeats),
		cmocka_unit_test(test_retry_after_followed_and_clamped),
		cmocka_unit_test(test_retry_after_parse),
		cmocka_unit_test(test_host_budget),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
