/* core/netcalc.c: the free subnets the IPv6 picker offers
 * (dd_prefix_free), checked against a brute-force count over generated
 * carvings, and 10,000 generated prefixes that round-trip through text
 * and through their subnet index. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/netcalc.h"

static struct dd_prefix prefix(const char *s)
{
	struct dd_prefix p;
	struct dd_error e;

	dd_error_clear(&e);
	if (dd_prefix_parse(s, DD_IP_ANY, DD_PREFIX_STRICT, &p, &e) != 0)
		fail_msg("%s: %s", s, e.message);
	return p;
}

static void text_is(const struct dd_prefix *p, const char *want)
{
	char buf[DD_PREFIX_STRLEN];
	dd_prefix_format(p, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static void test_free_56_in_48(void **state)
{
	struct dd_prefix block = prefix("2001:db8:1200::/48");
	struct dd_prefix used[] = {
		prefix("2001:db8:1200::/56"),       /* #0 */
		prefix("2001:db8:1200:200::/56"),   /* #2 */
		prefix("2001:db8:1200:500::/64"),   /* a /64 of #5 */
		prefix("2001:db8:9999::/56"),       /* outside: ignored */
		prefix("10.0.0.0/8"),               /* another family: ignored */
	};
	struct dd_prefix out[4];
	size_t n;
	uint64_t total;

	(void)state;
	assert_int_equal(dd_prefix_free(&block, 56, used, 5, 0, out, 4, &n, &total, NULL), 0);
	assert_int_equal(n, 4);
	assert_int_equal(total, 253);
	text_is(&out[0], "2001:db8:1200:100::/56");
	text_is(&out[1], "2001:db8:1200:300::/56");
	text_is(&out[2], "2001:db8:1200:400::/56");
	text_is(&out[3], "2001:db8:1200:600::/56");
	/* a window further on */
	assert_int_equal(dd_prefix_free(&block, 56, used, 5, 252, out, 4, &n, &total, NULL), 0);
	assert_int_equal(n, 1);
	text_is(&out[0], "2001:db8:1200:ff00::/56");
	/* /64s: 65536 less two whole /56s less one /64 */
	assert_int_equal(dd_prefix_free(&block, 64, used, 5, 0, out, 2, &n, &total, NULL), 0);
	assert_int_equal(total, 65536 - 256 - 256 - 1);
	text_is(&out[0], "2001:db8:1200:100::/64");
}

static void test_free_refusals(void **state)
{
	struct dd_prefix block = prefix("2001:db8:1200::/48"), all = prefix("2001:db8::/32");
	struct dd_prefix out[1];
	size_t n = 9;
	uint64_t total = 9;
	struct dd_error e;

	(void)state;
	dd_error_clear(&e);
	assert_int_equal(dd_prefix_free(&block, 40, NULL, 0, 0, out, 1, &n, &total, &e), -1);
	assert_non_null(strstr(e.message, "larger than the block"));
	assert_int_equal(dd_prefix_free(&block, 128, NULL, 0, 0, out, 1, &n, &total, &e), -1);
	assert_non_null(strstr(e.message, "too many"));
	/* a used prefix that covers the block leaves nothing */
	assert_int_equal(dd_prefix_free(&block, 56, &all, 1, 0, out, 1, &n, &total, NULL), 0);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
}

/* Random carvings of a /48 (some /56, some /64, some repeated), counted
 * against a check of every /60 one by one. */
static void test_free_vs_brute_force(void **state)
{
	struct dd_prefix block = prefix("2001:db8:aa00::/48");

	(void)state;
	for (int round = 0; round < 200; round++) {
		struct dd_prefix used[24], out[8], sub;
		size_t nused = rnd() % 24, n;
		uint64_t total, brute = 0, first = UINT64_MAX;

		for (size_t i = 0; i < nused; i++) {
			unsigned len = rnd() % 3 == 0 ? 56 : rnd() % 2 ? 64 : 60;
			uint64_t count = dd_prefix_subnet_count(&block, len);
			assert_int_equal(dd_prefix_subnet(&block, len, rnd() % count, &used[i], NULL), 0);
		}
		for (uint64_t k = 0; k < 4096; k++) {
			bool taken = false;
			assert_int_equal(dd_prefix_subnet(&block, 60, k, &sub, NULL), 0);
			for (size_t i = 0; i < nused && !taken; i++)
				taken = dd_prefix_overlaps(&sub, &used[i]);
			if (!taken && first == UINT64_MAX)
				first = k;
			brute += !taken;
		}
		assert_int_equal(dd_prefix_free(&block, 60, used, nused, 0, out, 8, &n, &total, NULL), 0);
		assert_int_equal(total, brute);
		assert_int_equal(n, brute < 8 ? brute : 8);
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < nused; k++)
				assert_false(dd_prefix_overlaps(&out[i], &used[k]));
		if (n) {
			uint64_t idx;
			assert_int_equal(dd_prefix_subnet_index(&block, &out[0], &idx, NULL), 0);
			assert_int_equal(idx, first);
		}
	}
}

/* 10,000 generated prefixes of both families: text and back, and subnet
 * index and back inside a shorter prefix that holds them. */
static void test_prefix_round_trip(void **state)
{
	(void)state;
	for (int i = 0; i < 10000; i++) {
		struct dd_prefix p, back, outer, again;
		struct dd_error e;
		char text[DD_PREFIX_STRLEN];
		uint64_t idx;
		bool v6 = i % 3 != 0;

		memset(&p, 0, sizeof(p));
		p.addr.family = v6 ? DD_IPV6 : DD_IPV4;
		for (unsigned b = 0; b < (v6 ? 16u : 4u); b++)
			p.addr.b[b] = (uint8_t)(rnd() % 3 == 0 ? 0 : rnd());
		p.len = rnd() % (dd_addr_bits(p.addr.family) + 1);
		assert_int_equal(dd_prefix_make(&p.addr, p.len, &p, NULL), 0);
		dd_prefix_format(&p, text, sizeof(text));
		dd_error_clear(&e);
		if (dd_prefix_parse(text, DD_IP_ANY, DD_PREFIX_STRICT, &back, &e) != 0)
			fail_msg("%s: %s", text, e.message);
		assert_true(dd_prefix_equal(&p, &back));
		unsigned olen = p.len > 64 ? p.len - 1 - rnd() % 64 : rnd() % (p.len + 1);
		assert_int_equal(dd_prefix_make(&p.addr, olen, &outer, NULL), 0);
		assert_int_equal(dd_prefix_subnet_index(&outer, &p, &idx, NULL), 0);
		assert_int_equal(dd_prefix_subnet(&outer, p.len, idx, &again, NULL), 0);
		assert_true(dd_prefix_equal(&p, &again));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_56_in_48),
		cmocka_unit_test(test_free_refusals),
		cmocka_unit_test(test_free_vs_brute_force),
		cmocka_unit_test(test_prefix_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
