/* libFuzzer harness for core/netcalc.c. The input, cut at its first NUL,
 * is parsed as an address and as a prefix under every flag; what is
 * accepted must format and parse back to itself and agree with inet_pton,
 * what is refused must say so in a clean sentence, and the arithmetic on
 * any accepted prefix must hold together. A broken rule aborts. */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/netcalc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz_netcalc: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

static void check_message(const struct dd_error *e)
{
	size_t n = strlen(e->message);

	CHECK(e->kind == DD_E_USAGE);
	CHECK(n > 0);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)e->message[i];

		CHECK(c >= 0x20 && c != 0x7F);
	}
}

static void check_addr(const char *s)
{
	struct dd_addr a, b;
	struct dd_error e;
	unsigned char want[16];
	char buf[DD_ADDR_STRLEN];
	int mine, libc;

	dd_error_clear(&e);
	mine = dd_addr_parse(s, DD_IP_ANY, &a, &e) == 0;
	libc = inet_pton(strchr(s, ':') ? AF_INET6 : AF_INET, s, want) == 1;
	CHECK(mine == libc);
	if (!mine) {
		check_message(&e);
		return;
	}
	CHECK(memcmp(a.b, want, a.family == DD_IPV4 ? 4 : 16) == 0);
	CHECK(dd_addr_format(&a, buf, sizeof(buf)) == strlen(buf));
	CHECK(dd_addr_parse(buf, a.family, &b, &e) == 0);
	CHECK(dd_addr_equal(&a, &b));
	CHECK(dd_addr_parse(s, a.family == DD_IPV4 ? DD_IPV6 : DD_IPV4, &b, &e) != 0);
	check_message(&e);
}

static void check_prefix(const char *s, unsigned flags)
{
	struct dd_prefix p, q, sub;
	struct dd_addr last;
	struct dd_error e;
	char buf[DD_PREFIX_STRLEN];
	unsigned bits;
	uint64_t n;

	dd_error_clear(&e);
	if (dd_prefix_parse(s, DD_IP_ANY, flags, &p, &e) != 0) {
		check_message(&e);
		return;
	}
	bits = dd_addr_bits(p.addr.family);
	CHECK(bits != 0 && p.len <= bits);
	CHECK(dd_prefix_format(&p, buf, sizeof(buf)) == strlen(buf));
	CHECK(dd_prefix_parse(buf, p.addr.family, DD_PREFIX_STRICT, &q, &e) == 0);
	CHECK(dd_prefix_equal(&p, &q));
	CHECK(dd_prefix_within(&p, &p));
	CHECK(dd_prefix_contains(&p, &p.addr));
	dd_prefix_last(&p, &last);
	CHECK(dd_prefix_contains(&p, &last));
	CHECK(dd_addr_cmp(&p.addr, &last) <= 0);
	CHECK(dd_prefix_subnet_count(&p, p.len) == 1);
	if (p.len < bits) {
		CHECK(dd_prefix_subnet(&p, p.len + 1, 1, &sub, &e) == 0);
		CHECK(dd_prefix_within(&sub, &p) && !dd_prefix_within(&p, &sub));
		CHECK(dd_prefix_subnet_index(&p, &sub, &n, &e) == 0 && n == 1);
		/* the picker's arithmetic: with the upper half taken, the lower is free */
		struct dd_prefix free_[2];
		size_t nfree = 9;
		uint64_t total = 9;
		CHECK(dd_prefix_free(&p, p.len + 1, &sub, 1, 0, free_, 2, &nfree, &total, &e) == 0);
		CHECK(nfree == 1 && total == 1 && dd_prefix_within(&free_[0], &p) &&
		      !dd_prefix_overlaps(&free_[0], &sub));
		dd_prefix_last(&sub, &q.addr);
		CHECK(dd_addr_equal(&q.addr, &last));
		CHECK(dd_prefix_subnet(&p, p.len + 1, 2, &sub, &e) != 0);
		check_message(&e);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[256];
	size_t n = size < sizeof(s) - 1 ? size : sizeof(s) - 1;

	memcpy(s, data, n);
	s[n] = '\0';
	check_addr(s);
	check_prefix(s, 0);
	check_prefix(s, DD_PREFIX_STRICT);
	check_prefix(s, DD_PREFIX_BARE);
	return 0;
}
