/* Address parsing, formatting and prefix arithmetic (contract in
 * core/netcalc.h). Written by hand rather than with inet_pton so that a
 * refusal can say what is wrong and where. */
#include "core/netcalc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "core/i18n.h"

/* Longest input quoted back in a message. */
#define QUOTE_MAX 64

static const char *family_noun(enum dd_ip_family family)
{
	switch (family) {
	case DD_IPV4:
		return _("IPv4 address");
	case DD_IPV6:
		return _("IPv6 address");
	default:
		return _("IP address");
	}
}

/* The input is quoted back sanitized: it may come from anywhere. */
static void quote(const char *s, char *q, size_t qsz)
{
	dd_text_clean_buf(s, strnlen(s, QUOTE_MAX * 4), q, qsz);
}

__attribute__((format(printf, 4, 5)))
static int fail(struct dd_error *err, const char *input, const char *what,
		const char *fmt, ...)
{
	char q[QUOTE_MAX], why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	quote(input, q, sizeof(q));
	return dd_error_set(err, DD_E_USAGE, 0, NULL,
			    _("\"%s\" is not a valid %s: %s."), q, what, why);
}

unsigned dd_addr_bits(enum dd_ip_family family)
{
	return family == DD_IPV4 ? 32 : family == DD_IPV6 ? 128 : 0;
}

/* Parses the dotted IPv4 in s[0..n) into b[0..4). On failure writes the
 * reason into why and returns -1. */
static int parse4(const char *s, size_t n, uint8_t b[4], char *why, size_t whysz)
{
	size_t i = 0;
	int part = 0;

	for (;;) {
		size_t start = i;
		unsigned v = 0;

		while (i < n && s[i] >= '0' && s[i] <= '9') {
			v = v * 10 + (unsigned)(s[i] - '0');
			if (i - start >= 3) {
				snprintf(why, whysz, _("part %d has more than three digits"),
					 part + 1);
				return -1;
			}
			i++;
		}
		if (i == start) {
			if (i < n && s[i] != '.')
				snprintf(why, whysz, _("unexpected character '%c' at position %zu"),
					 s[i] >= 0x20 && s[i] < 0x7F ? s[i] : '?', i + 1);
			else
				snprintf(why, whysz, _("part %d is empty"), part + 1);
			return -1;
		}
		if (v > 255) {
			snprintf(why, whysz, _("part %d is %u, more than 255"), part + 1, v);
			return -1;
		}
		if (i - start > 1 && s[start] == '0') {
			snprintf(why, whysz,
				 _("part %d has a leading zero (octal or decimal?)"), part + 1);
			return -1;
		}
		b[part++] = (uint8_t)v;
		if (i == n)
			break;
		if (s[i] != '.') {
			snprintf(why, whysz, _("unexpected character '%c' at position %zu"),
				 s[i] >= 0x20 && s[i] < 0x7F ? s[i] : '?', i + 1);
			return -1;
		}
		if (part == 4) {
			snprintf(why, whysz, _("more than four parts"));
			return -1;
		}
		i++;
	}
	if (part != 4) {
		snprintf(why, whysz, P_("%d part, expected four", "%d parts, expected four", part), part);
		return -1;
	}
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void printable(char c, char *out, size_t outsz)
{
	if (c >= 0x20 && c < 0x7F)
		snprintf(out, outsz, "'%c'", c);
	else
		snprintf(out, outsz, _("byte 0x%02X"), (unsigned char)c);
}

/* Parses the IPv6 text in s[0..n) into b. */
static int parse6(const char *s, size_t n, uint8_t b[16], char *why, size_t whysz)
{
	uint16_t g[8];
	int ng = 0, gap = -1;
	size_t i = 0;
	char c[16];

	if (memchr(s, '%', n) != NULL) {
		snprintf(why, whysz, _("zone indexes (%%...) are not accepted"));
		return -1;
	}
	if (n >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 0;
		i = 2;
	} else if (n >= 1 && s[0] == ':') {
		snprintf(why, whysz, _("it starts with a single ':'"));
		return -1;
	}
	while (i < n) {
		size_t start = i;
		unsigned v = 0;

		while (i < n && hexval(s[i]) >= 0) {
			v = (v << 4) | (unsigned)hexval(s[i]);
			i++;
			if (i - start > 4)
				break;
		}
		if (i < n && s[i] == '.') {
			/* a dotted IPv4 ends the address and fills two groups */
			char why4[128];

			if (ng > 6) {
				snprintf(why, whysz, _("a dotted IPv4 part leaves no room"));
				return -1;
			}
			if (parse4(s + start, n - start, b, why4, sizeof(why4)) != 0) {
				snprintf(why, whysz, _("its IPv4 part: %s"), why4);
				return -1;
			}
			g[ng++] = (uint16_t)(b[0] << 8 | b[1]);
			g[ng++] = (uint16_t)(b[2] << 8 | b[3]);
			i = n;
			break;
		}
		if (i - start > 4) {
			snprintf(why, whysz, _("group %d has more than four hex digits"),
				 ng + 1);
			return -1;
		}
		if (i == start) {
			if (i < n) {
				printable(s[i], c, sizeof(c));
				snprintf(why, whysz, _("unexpected %s at position %zu"), c, i + 1);
			} else {
				snprintf(why, whysz, _("it ends with a single ':'"));
			}
			return -1;
		}
		if (ng == 8) {
			snprintf(why, whysz, _("more than eight groups"));
			return -1;
		}
		g[ng++] = (uint16_t)v;
		if (i == n)
			break;
		if (s[i] != ':') {
			printable(s[i], c, sizeof(c));
			snprintf(why, whysz, _("unexpected %s at position %zu"), c, i + 1);
			return -1;
		}
		i++;
		if (i < n && s[i] == ':') {
			if (gap >= 0) {
				snprintf(why, whysz, _("\"::\" appears more than once"));
				return -1;
			}
			gap = ng;
			i++;
		} else if (i == n) {
			snprintf(why, whysz, _("it ends with a single ':'"));
			return -1;
		}
	}
	if (gap < 0 && ng != 8) {
		snprintf(why, whysz, P_("%d group and no \"::\", expected eight",
					"%d groups and no \"::\", expected eight", ng), ng);
		return -1;
	}
	if (gap >= 0 && ng == 8) {
		snprintf(why, whysz, _("\"::\" stands for no group in eight"));
		return -1;
	}
	memset(b, 0, 16);
	for (int k = 0; k < ng; k++) {
		int at = gap >= 0 && k >= gap ? 8 - (ng - k) : k;

		b[2 * at] = (uint8_t)(g[k] >> 8);
		b[2 * at + 1] = (uint8_t)g[k];
	}
	return 0;
}

/* Parses s[0..n), s being the whole input for messages. */
static int parse_addr(const char *input, const char *s, size_t n,
		      enum dd_ip_family family, struct dd_addr *out,
		      const char *what, struct dd_error *err)
{
	bool v6 = memchr(s, ':', n) != NULL;
	char why[160];
	struct dd_addr a;

	memset(&a, 0, sizeof(a));
	if (n == 0)
		return fail(err, input, what, _("the address is empty"));
	if (family == DD_IPV4 && v6)
		return fail(err, input, what, _("that is an IPv6 address"));
	if (family == DD_IPV6 && !v6) {
		if (parse4(s, n, a.b, why, sizeof(why)) == 0)
			return fail(err, input, what, _("that is an IPv4 address"));
		return fail(err, input, what, _("an IPv6 address has ':' between groups"));
	}
	if (v6) {
		a.family = DD_IPV6;
		if (parse6(s, n, a.b, why, sizeof(why)) != 0)
			return fail(err, input, what, "%s", why);
	} else {
		a.family = DD_IPV4;
		if (parse4(s, n, a.b, why, sizeof(why)) != 0)
			return fail(err, input, what, "%s", why);
	}
	*out = a;
	return 0;
}

int dd_addr_parse(const char *s, enum dd_ip_family family, struct dd_addr *out,
		  struct dd_error *err)
{
	if (s == NULL)
		s = "";
	return parse_addr(s, s, strlen(s), family, out, family_noun(family), err);
}

static size_t put(char *buf, size_t bufsz, size_t at, const char *s)
{
	size_t n = strlen(s);

	if (at < bufsz) {
		size_t room = bufsz - at - 1;

		memcpy(buf + at, s, n < room ? n : room);
		buf[at + (n < room ? n : room)] = '\0';
	}
	return at + n;
}

static size_t format4(const uint8_t *b, char *buf, size_t bufsz, size_t at)
{
	char t[16];

	snprintf(t, sizeof(t), "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
	return put(buf, bufsz, at, t);
}

size_t dd_addr_format(const struct dd_addr *a, char *buf, size_t bufsz)
{
	uint16_t g[8];
	int best = -1, bestlen = 1;
	size_t at = 0;

	if (bufsz > 0)
		buf[0] = '\0';
	if (a->family == DD_IPV4)
		return format4(a->b, buf, bufsz, 0);
	if (a->family != DD_IPV6)
		return 0;
	for (int k = 0; k < 8; k++)
		g[k] = (uint16_t)(a->b[2 * k] << 8 | a->b[2 * k + 1]);
	/* RFC 5952 section 5: IPv4-mapped addresses keep the dotted form. */
	if (!g[0] && !g[1] && !g[2] && !g[3] && !g[4] && g[5] == 0xFFFF) {
		at = put(buf, bufsz, 0, "::ffff:");
		return format4(a->b + 12, buf, bufsz, at);
	}
	for (int k = 0; k < 8;) {
		int run = 0;

		while (k + run < 8 && g[k + run] == 0)
			run++;
		if (run > bestlen) {
			best = k;
			bestlen = run;
		}
		k += run ? run : 1;
	}
	for (int k = 0; k < 8;) {
		char t[8];

		if (k == best) {
			at = put(buf, bufsz, at, "::");
			k += bestlen;
			continue;
		}
		if (k > 0 && k != best + bestlen)
			at = put(buf, bufsz, at, ":");
		snprintf(t, sizeof(t), "%x", g[k]);
		at = put(buf, bufsz, at, t);
		k++;
	}
	return at;
}

int dd_addr_cmp(const struct dd_addr *a, const struct dd_addr *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	return memcmp(a->b, b->b, dd_addr_bits(a->family) / 8);
}

bool dd_addr_equal(const struct dd_addr *a, const struct dd_addr *b)
{
	return dd_addr_cmp(a, b) == 0;
}

static bool bit(const uint8_t *b, unsigned i)
{
	return (b[i / 8] >> (7 - i % 8)) & 1;
}

static void set_bit(uint8_t *b, unsigned i, bool v)
{
	uint8_t m = (uint8_t)(1u << (7 - i % 8));

	b[i / 8] = v ? (uint8_t)(b[i / 8] | m) : (uint8_t)(b[i / 8] & ~m);
}

/* Clears (or sets) every bit from len on. */
static void fill_host(uint8_t *b, unsigned len, unsigned bits, bool v)
{
	for (unsigned i = len; i < bits; i++)
		set_bit(b, i, v);
}

static bool host_bits_zero(const uint8_t *b, unsigned len, unsigned bits)
{
	for (unsigned i = len; i < bits; i++)
		if (bit(b, i))
			return false;
	return true;
}

/* Do a and b agree on their first len bits? */
static bool same_bits(const uint8_t *a, const uint8_t *b, unsigned len)
{
	unsigned whole = len / 8;

	if (memcmp(a, b, whole) != 0)
		return false;
	if (len % 8 == 0)
		return true;
	return ((a[whole] ^ b[whole]) & (uint8_t)(0xFF << (8 - len % 8))) == 0;
}

int dd_prefix_parse(const char *s, enum dd_ip_family family, unsigned flags,
		    struct dd_prefix *out, struct dd_error *err)
{
	const char *what = family == DD_IPV4 ? _("IPv4 prefix") :
		family == DD_IPV6 ? _("IPv6 prefix") : _("IP prefix");
	const char *slash;
	struct dd_prefix p;
	unsigned len = 0, bits;
	size_t digits;

	if (s == NULL)
		s = "";
	memset(&p, 0, sizeof(p));
	slash = strchr(s, '/');
	if (slash == NULL && !(flags & DD_PREFIX_BARE)) {
		if (*s == '\0')
			return fail(err, s, what, _("it is empty"));
		return fail(err, s, what,
			    _("the length is missing (write it as address/length, e.g. 2001:db8::/48)"));
	}
	if (parse_addr(s, s, slash ? (size_t)(slash - s) : strlen(s), family,
		       &p.addr, what, err) != 0)
		return -1;
	bits = dd_addr_bits(p.addr.family);
	if (slash == NULL) {
		p.len = bits;
		*out = p;
		return 0;
	}
	digits = strspn(slash + 1, "0123456789");
	if (digits == 0)
		return fail(err, s, what, _("the length after '/' is not a number"));
	if (slash[1 + digits] != '\0')
		return fail(err, s, what, _("unexpected text after the length"));
	if (digits > 1 && slash[1] == '0')
		return fail(err, s, what, _("the length has a leading zero"));
	for (size_t k = 0; k < digits && len <= bits; k++)
		len = len * 10 + (unsigned)(slash[1 + k] - '0');
	if (len > bits)
		return fail(err, s, what, _("the length is more than %u"), bits);
	if (!host_bits_zero(p.addr.b, len, bits)) {
		char net[DD_PREFIX_STRLEN];
		struct dd_prefix m = p;

		fill_host(m.addr.b, len, bits, false);
		m.len = len;
		if (flags & DD_PREFIX_STRICT) {
			dd_prefix_format(&m, net, sizeof(net));
			return fail(err, s, what,
				    _("bits are set past the /%u (the network is %s)"),
				    len, net);
		}
		p = m;
	}
	p.len = len;
	*out = p;
	return 0;
}

size_t dd_prefix_format(const struct dd_prefix *p, char *buf, size_t bufsz)
{
	char t[8];
	size_t at = dd_addr_format(&p->addr, buf, bufsz);

	snprintf(t, sizeof(t), "/%u", p->len);
	return put(buf, bufsz, at, t);
}

int dd_prefix_make(const struct dd_addr *a, unsigned len, struct dd_prefix *out,
		   struct dd_error *err)
{
	unsigned bits = dd_addr_bits(a->family);

	if (bits == 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("The address has no family (neither IPv4 nor IPv6)."));
	if (len > bits)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("A prefix length of %u does not fit an %s (at most %u)."),
				    len, family_noun(a->family), bits);
	out->addr = *a;
	out->len = len;
	fill_host(out->addr.b, len, bits, false);
	return 0;
}

bool dd_prefix_equal(const struct dd_prefix *a, const struct dd_prefix *b)
{
	return a->len == b->len && dd_addr_equal(&a->addr, &b->addr);
}

bool dd_prefix_contains(const struct dd_prefix *p, const struct dd_addr *a)
{
	return p->addr.family == a->family && dd_addr_bits(a->family) != 0 &&
	       same_bits(p->addr.b, a->b, p->len);
}

bool dd_prefix_within(const struct dd_prefix *inner, const struct dd_prefix *outer)
{
	return inner->len >= outer->len && dd_prefix_contains(outer, &inner->addr);
}

bool dd_prefix_overlaps(const struct dd_prefix *a, const struct dd_prefix *b)
{
	return dd_prefix_within(a, b) || dd_prefix_within(b, a);
}

void dd_prefix_last(const struct dd_prefix *p, struct dd_addr *out)
{
	*out = p->addr;
	fill_host(out->b, p->len, dd_addr_bits(p->addr.family), true);
}

uint64_t dd_prefix_subnet_count(const struct dd_prefix *block, unsigned len)
{
	unsigned bits = dd_addr_bits(block->addr.family);

	if (len < block->len || len > bits)
		return 0;
	if (len - block->len >= 64)
		return UINT64_MAX;
	return (uint64_t)1 << (len - block->len);
}

static int subnet_len_ok(const struct dd_prefix *block, unsigned len,
			 struct dd_error *err)
{
	unsigned bits = dd_addr_bits(block->addr.family);
	char net[DD_PREFIX_STRLEN];

	if (bits == 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("The block has no family (neither IPv4 nor IPv6)."));
	dd_prefix_format(block, net, sizeof(net));
	if (len > bits)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("A /%u subnet does not exist in %s: an %s has %u bits."),
				    len, net, family_noun(block->addr.family), bits);
	if (len < block->len)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("A /%u is larger than the block %s and cannot lie inside it."),
				    len, net);
	return 0;
}

int dd_prefix_subnet(const struct dd_prefix *block, unsigned len, uint64_t n,
		     struct dd_prefix *out, struct dd_error *err)
{
	uint64_t count;
	struct dd_prefix p;

	if (subnet_len_ok(block, len, err) != 0)
		return -1;
	count = dd_prefix_subnet_count(block, len);
	if (len - block->len < 64 && n >= count) {
		char net[DD_PREFIX_STRLEN];

		dd_prefix_format(block, net, sizeof(net));
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s holds %llu /%u subnet%s; index %llu is out of range (0 to %llu)."),
				    net, (unsigned long long)count, len,
				    count == 1 ? "" : "s", (unsigned long long)n,
				    (unsigned long long)(count - 1));
	}
	p = *block;
	fill_host(p.addr.b, block->len, dd_addr_bits(block->addr.family), false);
	/* n's low bit is the last bit of the subnet part, and so on up. */
	for (unsigned k = 0; k < len - block->len && k < 64; k++)
		set_bit(p.addr.b, len - 1 - k, (n >> k) & 1);
	p.len = len;
	*out = p;
	return 0;
}

int dd_prefix_subnet_index(const struct dd_prefix *block,
			   const struct dd_prefix *sub, uint64_t *n,
			   struct dd_error *err)
{
	char net[DD_PREFIX_STRLEN], in[DD_PREFIX_STRLEN];
	uint64_t v = 0;

	dd_prefix_format(block, net, sizeof(net));
	dd_prefix_format(sub, in, sizeof(in));
	if (!dd_prefix_within(sub, block))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s does not lie inside %s."), in, net);
	if (sub->len - block->len > 64)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s is too deep inside %s to number (more than 64 bits of index)."),
				    in, net);
	for (unsigned i = block->len; i < sub->len; i++)
		v = v << 1 | (bit(sub->addr.b, i) ? 1 : 0);
	*n = v;
	return 0;
}

/* The subnets of length len that used[k] takes, as an index range of
 * block. false when it takes none. */
static bool taken_range(const struct dd_prefix *block, unsigned len, const struct dd_prefix *u,
			uint64_t count, uint64_t *lo, uint64_t *hi)
{
	struct dd_prefix sub;

	if (u->addr.family != block->addr.family || !dd_prefix_overlaps(u, block))
		return false;
	if (dd_prefix_within(block, u)) {
		*lo = 0;
		*hi = count - 1;
		return true;
	}
	/* u lies inside the block: the subnet holding its first address */
	if (dd_prefix_make(&u->addr, u->len < len ? u->len : len, &sub, NULL) < 0)
		return false;
	sub.len = len;
	if (dd_prefix_subnet_index(block, &sub, lo, NULL) < 0)
		return false;
	*hi = *lo + (u->len < len ? ((uint64_t)1 << (len - u->len)) - 1 : 0);
	return true;
}

/* The first free index at or after k, or count when none is. */
static uint64_t next_free(const struct dd_prefix *block, unsigned len, const struct dd_prefix *used,
			  size_t nused, uint64_t count, uint64_t k)
{
	bool moved = true;

	while (moved && k < count) {
		moved = false;
		for (size_t i = 0; i < nused && k < count; i++) {
			uint64_t lo, hi;
			if (taken_range(block, len, &used[i], count, &lo, &hi) && lo <= k && k <= hi) {
				k = hi + 1; /* hi < count, so no wrap */
				moved = true;
			}
		}
	}
	return k;
}

/* The last index of the free run that starts at k. */
static uint64_t run_end(const struct dd_prefix *block, unsigned len, const struct dd_prefix *used,
			size_t nused, uint64_t count, uint64_t k)
{
	uint64_t end = count - 1;

	for (size_t i = 0; i < nused; i++) {
		uint64_t lo, hi;
		if (taken_range(block, len, &used[i], count, &lo, &hi) && lo > k && lo - 1 < end)
			end = lo - 1;
	}
	return end;
}

int dd_prefix_free(const struct dd_prefix *block, unsigned len, const struct dd_prefix *used,
		   size_t nused, uint64_t skip, struct dd_prefix *out, size_t max, size_t *nout,
		   uint64_t *total, struct dd_error *err)
{
	uint64_t count, seen = 0, k = 0;
	size_t n = 0;

	if (subnet_len_ok(block, len, err) != 0)
		return -1;
	if (len - block->len >= 63) {
		char net[DD_PREFIX_STRLEN];
		dd_prefix_format(block, net, sizeof(net));
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s holds too many /%u subnets to list the free ones."), net, len);
	}
	count = dd_prefix_subnet_count(block, len);
	while ((k = next_free(block, len, used, nused, count, k)) < count) {
		uint64_t end = run_end(block, len, used, nused, count, k);
		/* the run k..end is free: take what falls in the window */
		for (uint64_t j = skip > seen ? k + (skip - seen) : k; j <= end && n < max && j >= k; j++)
			if (dd_prefix_subnet(block, len, j, &out[n], err) == 0)
				n++;
		seen += end - k + 1;
		if (!total && n >= max)
			break;
		k = end + 1;
		if (k == 0)
			break;
	}
	if (nout)
		*nout = n;
	if (total)
		*total = seen;
	return 0;
}
