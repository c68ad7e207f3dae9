/* core/netcalc.c: parsing, RFC 5952 formatting, prefix arithmetic. The
 * C library's inet_pton and inet_ntop serve as a second opinion on many
 * generated addresses. */
#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/netcalc.h"

static struct dd_addr addr(const char *s)
{
	struct dd_addr a;
	struct dd_error e;

	dd_error_clear(&e);
	if (dd_addr_parse(s, DD_IP_ANY, &a, &e) != 0)
		fail_msg("%s: %s", s, e.message);
	return a;
}

static struct dd_prefix prefix(const char *s)
{
	struct dd_prefix p;
	struct dd_error e;

	dd_error_clear(&e);
	if (dd_prefix_parse(s, DD_IP_ANY, DD_PREFIX_STRICT, &p, &e) != 0)
		fail_msg("%s: %s", s, e.message);
	return p;
}

/* Parses s, formats it, compares with want. */
static void canon(const char *s, const char *want)
{
	struct dd_addr a = addr(s);
	char buf[DD_ADDR_STRLEN];
	size_t n = dd_addr_format(&a, buf, sizeof(buf));

	if (strcmp(buf, want) != 0)
		fail_msg("%s formats as %s, want %s", s, buf, want);
	assert_int_equal(n, strlen(want));
}

/* Parsing s must fail and the message must hold every given fragment. */
static void refused(const char *s, enum dd_ip_family family, const char *frag)
{
	struct dd_addr a;
	struct dd_error e;

	dd_error_clear(&e);
	if (dd_addr_parse(s, family, &a, &e) == 0)
		fail_msg("\"%s\" was accepted", s);
	assert_int_equal(e.kind, DD_E_USAGE);
	if (strstr(e.message, frag) == NULL)
		fail_msg("\"%s\": message \"%s\" lacks \"%s\"", s, e.message, frag);
}

static void prefix_refused(const char *s, enum dd_ip_family family,
			   unsigned flags, const char *frag)
{
	struct dd_prefix p;
	struct dd_error e;

	dd_error_clear(&e);
	if (dd_prefix_parse(s, family, flags, &p, &e) == 0)
		fail_msg("\"%s\" was accepted", s);
	assert_int_equal(e.kind, DD_E_USAGE);
	if (strstr(e.message, frag) == NULL)
		fail_msg("\"%s\": message \"%s\" lacks \"%s\"", s, e.message, frag);
}

static void test_ipv4(void **state)
{
	struct dd_addr a = addr("192.0.2.33");

	(void)state;
	assert_int_equal(a.family, DD_IPV4);
	assert_memory_equal(a.b, "\xC0\x00\x02\x21\0\0\0\0\0\0\0\0\0\0\0\0", 16);
	canon("0.0.0.0", "0.0.0.0");
	canon("255.255.255.255", "255.255.255.255");
	canon("10.0.0.1", "10.0.0.1");
	assert_int_equal(dd_addr_bits(DD_IPV4), 32);
}

static void test_ipv4_refused(void **state)
{
	(void)state;
	refused("", DD_IP_ANY, "empty");
	refused(NULL, DD_IP_ANY, "empty");
	refused("1.2.3", DD_IP_ANY, "3 parts, expected four");
	refused("1", DD_IP_ANY, "1 part, expected four");
	refused("1.2.3.4.5", DD_IP_ANY, "more than four parts");
	refused("256.1.1.1", DD_IP_ANY, "part 1 is 256, more than 255");
	refused("1.2.3.999", DD_IP_ANY, "part 4 is 999");
	refused("01.2.3.4", DD_IP_ANY, "leading zero");
	refused("1.2.3.00", DD_IP_ANY, "leading zero");
	refused("1234.1.1.1", DD_IP_ANY, "more than three digits");
	refused("1..2.3", DD_IP_ANY, "part 2 is empty");
	refused("1.2.3.", DD_IP_ANY, "part 4 is empty");
	refused(".1.2.3", DD_IP_ANY, "part 1 is empty");
	refused("1.2.3.4 ", DD_IP_ANY, "unexpected character ' ' at position 8");
	refused(" 1.2.3.4", DD_IP_ANY, "unexpected character ' ' at position 1");
	refused("a.b.c.d", DD_IP_ANY, "unexpected character 'a'");
	refused("1.2.3.-4", DD_IP_ANY, "unexpected character '-'");
	refused("1.2.3.4/24", DD_IP_ANY, "unexpected character '/'");
	refused("2001:db8::1", DD_IPV4, "that is an IPv6 address");
	refused("1.2.3.4", DD_IPV6, "that is an IPv4 address");
	refused("example.com", DD_IPV6, "':' between groups");
}

static void test_ipv6_canonical(void **state)
{
	(void)state;
	/* RFC 5952 section 4 */
	canon("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1");
	canon("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1");
	canon("2001:db8::0:1", "2001:db8::1");
	canon("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1");
	canon("2001:db8:0:0:0::1", "2001:db8::1");
	canon("2001:db8:0:0:1:0:0:0", "2001:db8:0:0:1::");
	canon("2001:DB8::AbCd", "2001:db8::abcd");
	canon("2001:0:0:1:0:0:0:1", "2001:0:0:1::1");
	canon("2001:db8:0:0:1:1:0:0", "2001:db8::1:1:0:0");
	canon("::", "::");
	canon("::1", "::1");
	canon("1::", "1::");
	canon("0:0:0:0:0:0:0:0", "::");
	canon("1:0:0:0:0:0:0:0", "1::");
	canon("0:0:0:0:0:0:0:1", "::1");
	canon("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0");
	canon("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8");
	canon("fe80::0202:b3ff:fe1e:8329", "fe80::202:b3ff:fe1e:8329");
	canon("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
	      "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	/* RFC 5952 section 5: IPv4-mapped keeps the dotted part */
	canon("::ffff:192.0.2.1", "::ffff:192.0.2.1");
	canon("::FFFF:c000:0201", "::ffff:192.0.2.1");
	canon("::192.0.2.1", "::c000:201");
	canon("64:ff9b::192.0.2.33", "64:ff9b::c000:221");
	canon("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304");
	assert_int_equal(addr("::1").family, DD_IPV6);
	assert_int_equal(dd_addr_bits(DD_IPV6), 128);
}

static void test_ipv6_refused(void **state)
{
	(void)state;
	refused(":1::", DD_IP_ANY, "starts with a single ':'");
	refused(":", DD_IP_ANY, "starts with a single ':'");
	refused("1:", DD_IP_ANY, "ends with a single ':'");
	refused("1::2:", DD_IP_ANY, "ends with a single ':'");
	refused("1:::2", DD_IP_ANY, "unexpected ':' at position 4");
	refused(":::", DD_IP_ANY, "unexpected ':' at position 3");
	refused("1::2::3", DD_IP_ANY, "\"::\" appears more than once");
	refused("12345::", DD_IP_ANY, "group 1 has more than four hex digits");
	refused("1:2:3:4:5:6:7:8:9", DD_IP_ANY, "more than eight groups");
	refused("1:2:3:4:5:6:7", DD_IP_ANY, "7 groups and no \"::\"");
	refused("1:2:3:4:5:6:7:8::", DD_IP_ANY, "stands for no group");
	refused("1::2:3:4:5:6:7:8", DD_IP_ANY, "stands for no group");
	refused("fe80::1%eth0", DD_IP_ANY, "zone indexes");
	refused("::g", DD_IP_ANY, "unexpected 'g' at position 3");
	refused("2001:db8::1 ", DD_IP_ANY, "unexpected ' '");
	refused("1:2:3:4:5:6:7:1.2.3.4", DD_IP_ANY, "no room");
	refused("::1.2.3", DD_IP_ANY, "IPv4 part: 3 parts");
	refused("::ffff:1.2.3.256", DD_IP_ANY, "IPv4 part: part 4 is 256");
	refused("::1.2.3.4:5", DD_IP_ANY, "IPv4 part");
	refused("::1a.2.3.4", DD_IP_ANY, "IPv4 part");
	refused("2001:db8::/48", DD_IP_ANY, "unexpected '/'");
	refused("::\xC3\xA9", DD_IP_ANY, "unexpected byte 0xC3");
}

/* What a hostile string puts in a message is sanitized. */
static void test_message_sanitized(void **state)
{
	struct dd_addr a;
	struct dd_error e;
	char big[300];

	(void)state;
	dd_error_clear(&e);
	assert_int_equal(dd_addr_parse("1.2.3.4\x1B[2J", DD_IP_ANY, &a, &e), -1);
	assert_null(strchr(e.message, 0x1B));
	assert_non_null(strstr(e.message, "\"1.2.3.4\\u{1B}[2J\""));
	memset(big, '1', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	dd_error_clear(&e);
	assert_int_equal(dd_addr_parse(big, DD_IP_ANY, &a, &e), -1);
	assert_true(strlen(e.message) < 140);
	assert_non_null(strstr(e.message, "\xE2\x80\xA6\""));
}

static void test_format_small_buffer(void **state)
{
	struct dd_addr a = addr("2001:db8::1");
	struct dd_prefix p = prefix("2001:db8::/32");
	char buf[6];

	(void)state;
	assert_int_equal(dd_addr_format(&a, buf, sizeof(buf)), 11);
	assert_string_equal(buf, "2001:");
	assert_int_equal(dd_prefix_format(&p, buf, sizeof(buf)), 13);
	assert_string_equal(buf, "2001:");
	assert_int_equal(dd_addr_format(&a, buf, 0), 11);
	a = addr("192.0.2.1");
	assert_int_equal(dd_addr_format(&a, buf, sizeof(buf)), 9);
	assert_string_equal(buf, "192.0");
}

static void test_cmp(void **state)
{
	struct dd_addr a = addr("10.0.0.1"), b = addr("10.0.0.2"), c = addr("::1");

	(void)state;
	assert_true(dd_addr_cmp(&a, &b) < 0);
	assert_true(dd_addr_cmp(&b, &a) > 0);
	assert_true(dd_addr_cmp(&a, &c) < 0);
	assert_true(dd_addr_equal(&a, &a));
	assert_false(dd_addr_equal(&a, &b));
	b = addr("::0a00:1");
	assert_false(dd_addr_equal(&a, &b));
}

static void test_prefix_parse(void **state)
{
	struct dd_prefix p;
	struct dd_error e;
	char buf[DD_PREFIX_STRLEN];

	(void)state;
	p = prefix("2001:db8:1200::/56");
	assert_int_equal(p.len, 56);
	dd_prefix_format(&p, buf, sizeof(buf));
	assert_string_equal(buf, "2001:db8:1200::/56");
	p = prefix("192.0.2.0/24");
	dd_prefix_format(&p, buf, sizeof(buf));
	assert_string_equal(buf, "192.0.2.0/24");
	p = prefix("::/0");
	assert_int_equal(p.len, 0);
	p = prefix("0.0.0.0/0");
	assert_int_equal(p.addr.family, DD_IPV4);

	/* host bits: masked by default, refused when strict */
	assert_int_equal(dd_prefix_parse("2001:db8::1/48", DD_IP_ANY, 0, &p, &e), 0);
	dd_prefix_format(&p, buf, sizeof(buf));
	assert_string_equal(buf, "2001:db8::/48");
	assert_int_equal(dd_prefix_parse("192.0.2.77/26", DD_IPV4, 0, &p, &e), 0);
	dd_prefix_format(&p, buf, sizeof(buf));
	assert_string_equal(buf, "192.0.2.64/26");
	prefix_refused("2001:db8::1/48", DD_IP_ANY, DD_PREFIX_STRICT,
		       "the network is 2001:db8::/48");
	prefix_refused("192.0.2.1/24", DD_IP_ANY, DD_PREFIX_STRICT,
		       "bits are set past the /24 (the network is 192.0.2.0/24)");

	/* bare addresses only when asked */
	prefix_refused("2001:db8::1", DD_IP_ANY, 0, "the length is missing");
	prefix_refused("", DD_IP_ANY, 0, "empty");
	assert_int_equal(dd_prefix_parse("2001:db8::1", DD_IP_ANY, DD_PREFIX_BARE,
					 &p, &e), 0);
	assert_int_equal(p.len, 128);
	assert_int_equal(dd_prefix_parse("192.0.2.1", DD_IP_ANY, DD_PREFIX_BARE,
					 &p, &e), 0);
	assert_int_equal(p.len, 32);

	prefix_refused("2001:db8::/129", DD_IP_ANY, 0, "more than 128");
	prefix_refused("1.2.3.0/33", DD_IP_ANY, 0, "more than 32");
	prefix_refused("1.2.3.0/99999999999999999999", DD_IP_ANY, 0, "more than 32");
	prefix_refused("2001:db8::/", DD_IP_ANY, 0, "not a number");
	prefix_refused("2001:db8::/-1", DD_IP_ANY, 0, "not a number");
	prefix_refused("2001:db8::/048", DD_IP_ANY, 0, "leading zero");
	prefix_refused("2001:db8::/48x", DD_IP_ANY, 0, "after the length");
	prefix_refused("2001:db8::/48/2", DD_IP_ANY, 0, "after the length");
	prefix_refused("2001:db8::/ 48", DD_IP_ANY, 0, "not a number");
	prefix_refused("/48", DD_IP_ANY, 0, "empty");
	prefix_refused("1.2.3.0/24", DD_IPV6, 0, "IPv6 prefix: that is an IPv4");
	prefix_refused("2001:db8::/48", DD_IPV4, 0, "IPv4 prefix: that is an IPv6");
	prefix_refused("2001:db8::g/48", DD_IP_ANY, 0, "unexpected 'g'");
}

static void test_prefix_make(void **state)
{
	struct dd_addr a = addr("2001:db8:abcd:1234::1");
	struct dd_prefix p;
	struct dd_error e;
	char buf[DD_PREFIX_STRLEN];

	(void)state;
	assert_int_equal(dd_prefix_make(&a, 52, &p, &e), 0);
	dd_prefix_format(&p, buf, sizeof(buf));
	assert_string_equal(buf, "2001:db8:abcd:1000::/52");
	assert_int_equal(dd_prefix_make(&a, 129, &p, &e), -1);
	assert_non_null(strstr(e.message, "at most 128"));
	a = addr("192.0.2.255");
	assert_int_equal(dd_prefix_make(&a, 25, &p, &e), 0);
	dd_prefix_format(&p, buf, sizeof(buf));
	assert_string_equal(buf, "192.0.2.128/25");
	assert_int_equal(dd_prefix_make(&a, 33, &p, &e), -1);
	assert_true(dd_prefix_equal(&p, &p));
}

static void test_contains(void **state)
{
	struct dd_prefix b56 = prefix("2001:db8:1200::/56");
	struct dd_prefix b48 = prefix("2001:db8:1200::/48");
	struct dd_prefix v4 = prefix("192.0.2.0/24");
	struct dd_prefix all6 = prefix("::/0"), all4 = prefix("0.0.0.0/0");
	struct dd_addr x;

	(void)state;
	x = addr("2001:db8:1200::");
	assert_true(dd_prefix_contains(&b56, &x));
	/* a /56 is 3.5 groups: 2001:db8:1200::/56 ends at 2001:db8:1200:ff:... */
	x = addr("2001:db8:1200:ff:ffff:ffff:ffff:ffff");
	assert_true(dd_prefix_contains(&b56, &x));
	x = addr("2001:db8:12ff:ffff:ffff:ffff:ffff:ffff");
	assert_false(dd_prefix_contains(&b56, &x));
	assert_false(dd_prefix_contains(&b48, &x));
	x = addr("2001:db8:11ff:ffff:ffff:ffff:ffff:ffff");
	assert_false(dd_prefix_contains(&b56, &x));
	assert_false(dd_prefix_contains(&b48, &x));
	x = addr("2001:db8:1200:100::");
	assert_false(dd_prefix_contains(&b56, &x));
	assert_true(dd_prefix_contains(&b48, &x));
	x = addr("2001:db8:1200:ffff:ffff:ffff:ffff:ffff");
	assert_true(dd_prefix_contains(&b48, &x));
	assert_true(dd_prefix_contains(&all6, &x));
	assert_false(dd_prefix_contains(&all4, &x));
	x = addr("192.0.2.255");
	assert_true(dd_prefix_contains(&v4, &x));
	assert_true(dd_prefix_contains(&all4, &x));
	assert_false(dd_prefix_contains(&all6, &x));
	x = addr("192.0.3.0");
	assert_false(dd_prefix_contains(&v4, &x));
	/* an IPv4-mapped address is IPv6, not inside an IPv4 prefix */
	x = addr("::ffff:192.0.2.1");
	assert_false(dd_prefix_contains(&v4, &x));
	/* /31 edge: bits cut mid-byte */
	v4 = prefix("10.0.0.6/31");
	x = addr("10.0.0.7");
	assert_true(dd_prefix_contains(&v4, &x));
	x = addr("10.0.0.5");
	assert_false(dd_prefix_contains(&v4, &x));
}

static void test_within(void **state)
{
	struct dd_prefix s64 = prefix("2001:db8:1234:5678::/64");
	struct dd_prefix b56 = prefix("2001:db8:1234:5600::/56");
	struct dd_prefix o56 = prefix("2001:db8:1234:5700::/56");
	struct dd_prefix b48 = prefix("2001:db8:1234::/48");
	struct dd_prefix o48 = prefix("2001:db8:1235::/48");
	struct dd_prefix v4 = prefix("192.0.2.0/24"), v4s = prefix("192.0.2.128/25");

	(void)state;
	assert_true(dd_prefix_within(&s64, &b56));
	assert_true(dd_prefix_within(&s64, &b48));
	assert_true(dd_prefix_within(&b56, &b48));
	assert_false(dd_prefix_within(&s64, &o56));
	assert_false(dd_prefix_within(&s64, &o48));
	assert_false(dd_prefix_within(&b48, &b56));
	assert_true(dd_prefix_within(&b56, &b56));
	assert_false(dd_prefix_within(&s64, &v4));
	assert_true(dd_prefix_within(&v4s, &v4));
	assert_false(dd_prefix_within(&v4, &v4s));
	assert_true(dd_prefix_overlaps(&v4, &v4s));
	assert_true(dd_prefix_overlaps(&b48, &s64));
	assert_true(dd_prefix_overlaps(&s64, &b48));
	assert_false(dd_prefix_overlaps(&b56, &o56));
	assert_false(dd_prefix_overlaps(&b48, &v4));
}

static void test_last(void **state)
{
	struct dd_prefix p = prefix("192.0.2.0/24");
	struct dd_addr l;
	char buf[DD_ADDR_STRLEN];

	(void)state;
	dd_prefix_last(&p, &l);
	dd_addr_format(&l, buf, sizeof(buf));
	assert_string_equal(buf, "192.0.2.255");
	p = prefix("2001:db8::/32");
	dd_prefix_last(&p, &l);
	dd_addr_format(&l, buf, sizeof(buf));
	assert_string_equal(buf, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff");
	p = prefix("2001:db8:1200::/56");
	dd_prefix_last(&p, &l);
	dd_addr_format(&l, buf, sizeof(buf));
	assert_string_equal(buf, "2001:db8:1200:ff:ffff:ffff:ffff:ffff");
	p = prefix("10.1.2.3/32");
	dd_prefix_last(&p, &l);
	dd_addr_format(&l, buf, sizeof(buf));
	assert_string_equal(buf, "10.1.2.3");
}

static void subnet_is(const char *block, unsigned len, uint64_t n,
		      const char *want)
{
	struct dd_prefix b = prefix(block), s;
	struct dd_error e;
	char buf[DD_PREFIX_STRLEN];
	uint64_t back;

	dd_error_clear(&e);
	if (dd_prefix_subnet(&b, len, n, &s, &e) != 0)
		fail_msg("%s /%u #%llu: %s", block, len, (unsigned long long)n,
			 e.message);
	dd_prefix_format(&s, buf, sizeof(buf));
	if (strcmp(buf, want) != 0)
		fail_msg("%s /%u #%llu is %s, want %s", block, len,
			 (unsigned long long)n, buf, want);
	assert_true(dd_prefix_within(&s, &b));
	if (len - b.len > 64)
		return;
	assert_int_equal(dd_prefix_subnet_index(&b, &s, &back, &e), 0);
	assert_true(back == n);
}

static void test_subnet(void **state)
{
	struct dd_prefix b = prefix("2001:db8:1200::/56"), s;
	struct dd_error e;
	uint64_t n;

	(void)state;
	subnet_is("2001:db8:1200::/56", 64, 0, "2001:db8:1200::/64");
	subnet_is("2001:db8:1200::/56", 64, 1, "2001:db8:1200:1::/64");
	subnet_is("2001:db8:1200::/56", 64, 255, "2001:db8:1200:ff::/64");
	subnet_is("2001:db8::/48", 56, 0x12, "2001:db8:0:1200::/56");
	subnet_is("2001:db8::/48", 64, 0xffff, "2001:db8:0:ffff::/64");
	subnet_is("2001:db8::/48", 48, 0, "2001:db8::/48");
	subnet_is("2001:db8::/32", 48, 0xabcd, "2001:db8:abcd::/48");
	subnet_is("::/0", 128, 1, "::1/128");
	subnet_is("::/0", 128, UINT64_MAX, "::ffff:ffff:ffff:ffff/128");
	subnet_is("::/0", 64, UINT64_MAX, "ffff:ffff:ffff:ffff::/64");
	subnet_is("2001:db8::/64", 128, 0x1234, "2001:db8::1234/128");
	subnet_is("192.0.2.0/24", 26, 3, "192.0.2.192/26");
	subnet_is("192.0.2.0/24", 32, 200, "192.0.2.200/32");
	subnet_is("10.0.0.0/8", 16, 255, "10.255.0.0/16");
	subnet_is("0.0.0.0/0", 32, 0xC0000201, "192.0.2.1/32");
	subnet_is("10.0.0.0/7", 9, 3, "11.128.0.0/9");

	assert_int_equal(dd_prefix_subnet(&b, 64, 256, &s, &e), -1);
	assert_int_equal(e.kind, DD_E_USAGE);
	assert_string_equal(e.message, "2001:db8:1200::/56 holds 256 /64 subnets; "
			    "index 256 is out of range (0 to 255).");
	assert_int_equal(dd_prefix_subnet(&b, 48, 0, &s, &e), -1);
	assert_non_null(strstr(e.message, "larger than the block"));
	assert_int_equal(dd_prefix_subnet(&b, 129, 0, &s, &e), -1);
	assert_non_null(strstr(e.message, "has 128 bits"));
	assert_int_equal(dd_prefix_subnet(&b, 56, 1, &s, &e), -1);
	assert_non_null(strstr(e.message, "holds 1 /56 subnet;"));

	/* index of something outside, or too deep */
	s = prefix("2001:db8:1300::/64");
	assert_int_equal(dd_prefix_subnet_index(&b, &s, &n, &e), -1);
	assert_non_null(strstr(e.message, "does not lie inside 2001:db8:1200::/56"));
	b = prefix("::/0");
	s = prefix("::1/128");
	assert_int_equal(dd_prefix_subnet_index(&b, &s, &n, &e), -1);
	assert_non_null(strstr(e.message, "more than 64 bits"));
}

static void test_subnet_count(void **state)
{
	struct dd_prefix b48 = prefix("2001:db8::/48"), all = prefix("::/0");
	struct dd_prefix v4 = prefix("192.0.2.0/24");

	(void)state;
	assert_true(dd_prefix_subnet_count(&b48, 64) == 65536);
	assert_true(dd_prefix_subnet_count(&b48, 56) == 256);
	assert_true(dd_prefix_subnet_count(&b48, 48) == 1);
	assert_true(dd_prefix_subnet_count(&b48, 47) == 0);
	assert_true(dd_prefix_subnet_count(&b48, 129) == 0);
	assert_true(dd_prefix_subnet_count(&b48, 111) == (uint64_t)1 << 63);
	assert_true(dd_prefix_subnet_count(&b48, 112) == UINT64_MAX);
	assert_true(dd_prefix_subnet_count(&all, 128) == UINT64_MAX);
	assert_true(dd_prefix_subnet_count(&v4, 26) == 4);
	assert_true(dd_prefix_subnet_count(&v4, 32) == 256);
	assert_true(dd_prefix_subnet_count(&v4, 33) == 0);
}

/* Every subnet of every size down to 16 bits below a block: each is
 * inside the block, numbered back to its index, and follows the last. */
static void test_subnet_exhaustive(void **state)
{
	static const char *const blocks[] = {
		"2001:db8:ab00::/40", "2001:db8:1200::/56", "10.0.0.0/8",
		"172.16.0.0/12", "2001:db8::/61",
	};

	(void)state;
	for (size_t k = 0; k < sizeof(blocks) / sizeof(blocks[0]); k++) {
		struct dd_prefix b = prefix(blocks[k]);
		unsigned bits = dd_addr_bits(b.addr.family);

		for (unsigned d = 0; d <= 16 && b.len + d <= bits; d++) {
			uint64_t count = dd_prefix_subnet_count(&b, b.len + d);
			struct dd_prefix prev;

			assert_true(count == (uint64_t)1 << d);
			for (uint64_t n = 0; n < count; n++) {
				struct dd_prefix s;
				struct dd_error e;
				uint64_t back;

				assert_int_equal(dd_prefix_subnet(&b, b.len + d, n, &s, &e), 0);
				assert_true(dd_prefix_within(&s, &b));
				assert_int_equal(dd_prefix_subnet_index(&b, &s, &back, &e), 0);
				assert_true(back == n);
				if (n > 0) {
					struct dd_addr last;

					assert_true(dd_addr_cmp(&prev.addr, &s.addr) < 0);
					assert_false(dd_prefix_overlaps(&prev, &s));
					dd_prefix_last(&prev, &last);
					/* adjacent: last of prev + 1 == first of s */
					for (int i = (int)bits / 8 - 1; i >= 0; i--)
						if (++last.b[i] != 0)
							break;
					assert_true(dd_addr_equal(&last, &s.addr));
				}
				prev = s;
			}
		}
	}
}

static uint64_t rng = 0x2545F4914F6CDD1Du;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* Random addresses with long zero runs, formatted here and by inet_ntop. */
static void test_format_vs_libc(void **state)
{
	(void)state;
	for (int i = 0; i < 100000; i++) {
		struct dd_addr a = { .family = DD_IPV6 }, back;
		struct dd_error e;
		char mine[DD_ADDR_STRLEN], libc[INET6_ADDRSTRLEN];
		bool low96zero = true;

		for (int g = 0; g < 8; g++) {
			uint32_t r = rnd() % 4;
			uint16_t v = r < 2 ? 0 : r == 2 ? (uint16_t)(rnd() % 16) :
				(uint16_t)rnd();

			a.b[2 * g] = (uint8_t)(v >> 8);
			a.b[2 * g + 1] = (uint8_t)v;
		}
		if (i % 7 == 0) {
			memset(a.b, 0, 10);
			a.b[10] = a.b[11] = 0xFF;
		}
		dd_addr_format(&a, mine, sizeof(mine));
		assert_int_equal(dd_addr_parse(mine, DD_IPV6, &back, &e), 0);
		assert_true(dd_addr_equal(&a, &back));
		for (int k = 0; k < 12; k++)
			low96zero = low96zero && a.b[k] == 0;
		/* glibc writes ::a.b.c.d for the deprecated IPv4-compatible
		 * form, which RFC 5952 does not ask for */
		if (low96zero)
			continue;
		inet_ntop(AF_INET6, a.b, libc, sizeof(libc));
		if (strcmp(mine, libc) != 0)
			fail_msg("%s, libc says %s", mine, libc);
	}
}

/* Random spellings of random addresses, some mutated: what we accept must
 * be what inet_pton accepts, with the same bytes. */
static void test_parse_vs_libc(void **state)
{
	static const char alphabet[] = "0123456789abcdefABCDEF:.:.%/ g";
	int accepted = 0;

	(void)state;
	for (int i = 0; i < 100000; i++) {
		char s[80];
		size_t n = 0;
		bool v4 = rnd() % 3 == 0;
		struct dd_addr a;
		struct dd_error e;
		unsigned char want[16];
		int mine, libc;

		if (v4) {
			n = (size_t)snprintf(s, sizeof(s), "%u.%u.%u.%u",
					     rnd() % 300, rnd() % 256, rnd() % 256,
					     rnd() % 256);
		} else {
			int groups = 8, gap = -1;

			if (rnd() % 2)
				gap = (int)(rnd() % 8);
			if (gap >= 0)
				groups = (int)(rnd() % 8);
			for (int g = 0; g < groups && n < 60; g++) {
				if (g == gap)
					n += (size_t)snprintf(s + n, sizeof(s) - n, "::");
				else if (g > 0)
					s[n++] = ':';
				n += (size_t)snprintf(s + n, sizeof(s) - n,
						      rnd() % 2 ? "%x" : "%04X",
						      rnd() % 4 ? rnd() % 0x10000 : 0);
			}
			if (gap >= groups)
				n += (size_t)snprintf(s + n, sizeof(s) - n, "::");
			if (rnd() % 8 == 0 && n < 60)
				n += (size_t)snprintf(s + n, sizeof(s) - n, ":%u.%u.%u.%u",
						      rnd() % 256, rnd() % 256,
						      rnd() % 256, rnd() % 256);
		}
		s[n] = '\0';
		/* mutations: replace, insert or delete a character */
		for (uint32_t m = rnd() % 4; m > 0 && n > 0 && n < 70; m--) {
			size_t at = rnd() % n;
			char c = alphabet[rnd() % (sizeof(alphabet) - 1)];

			switch (rnd() % 3) {
			case 0:
				s[at] = c;
				break;
			case 1:
				memmove(s + at + 1, s + at, n - at + 1);
				s[at] = c;
				n++;
				break;
			default:
				memmove(s + at, s + at + 1, n - at);
				n--;
				break;
			}
		}
		dd_error_clear(&e);
		mine = dd_addr_parse(s, DD_IP_ANY, &a, &e) == 0;
		libc = inet_pton(strchr(s, ':') ? AF_INET6 : AF_INET, s, want) == 1;
		if (mine != libc)
			fail_msg("\"%s\": we say %s (%s), libc %s", s,
				 mine ? "yes" : "no", e.message, libc ? "yes" : "no");
		if (mine) {
			accepted++;
			assert_memory_equal(a.b, want, a.family == DD_IPV4 ? 4 : 16);
		} else {
			assert_true(strlen(e.message) > 0);
		}
	}
	/* the generator must reach both sides */
	assert_true(accepted > 10000 && accepted < 90000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4),
		cmocka_unit_test(test_ipv4_refused),
		cmocka_unit_test(test_ipv6_canonical),
		cmocka_unit_test(test_ipv6_refused),
		cmocka_unit_test(test_message_sanitized),
		cmocka_unit_test(test_format_small_buffer),
		cmocka_unit_test(test_cmp),
		cmocka_unit_test(test_prefix_parse),
		cmocka_unit_test(test_prefix_make),
		cmocka_unit_test(test_contains),
		cmocka_unit_test(test_within),
		cmocka_unit_test(test_last),
		cmocka_unit_test(test_subnet),
		cmocka_unit_test(test_subnet_count),
		cmocka_unit_test(test_subnet_exhaustive),
		cmocka_unit_test(test_format_vs_libc),
		cmocka_unit_test(test_parse_vs_libc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
