/* IPv4 and IPv6 addresses and prefixes: parsing with messages a person can
 * act on, canonical formatting (RFC 5952 for IPv6), and the arithmetic the
 * IPv6 blocks and failover IPs need: containment, the nth subnet of a
 * block, the index of a subnet. Pure functions: no I/O, no allocation, no
 * locale. */
#ifndef DD_NETCALC_H
#define DD_NETCALC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

enum dd_ip_family {
	DD_IP_ANY = 0,  /* as a parse argument: either family */
	DD_IPV4 = 4,
	DD_IPV6 = 6
};

struct dd_addr {
	enum dd_ip_family family;  /* DD_IPV4 or DD_IPV6 */
	uint8_t b[16];             /* network order; IPv4 uses b[0..3], rest 0 */
};

/* A network: addr has no bit set past len. */
struct dd_prefix {
	struct dd_addr addr;
	unsigned len;              /* 0..32 (IPv4) or 0..128 (IPv6) */
};

/* Room for any formatted address or prefix, NUL included. */
#define DD_ADDR_STRLEN 46
#define DD_PREFIX_STRLEN 50

/* Flags of dd_prefix_parse. */
enum {
	/* "2001:db8::1/48" is refused (host bits set) instead of masked. */
	DD_PREFIX_STRICT = 1u << 0,
	/* A bare address is accepted as a /32 or /128. */
	DD_PREFIX_BARE = 1u << 1
};

/* Parses an IPv4 address (dotted decimal, four parts, no leading zeros) or
 * an IPv6 address (RFC 4291 text, "::" and a trailing dotted IPv4 allowed,
 * no zone index). family restricts what is accepted (DD_IP_ANY: both).
 * Returns 0, or -1 with err saying what is wrong (DD_E_USAGE). */
int dd_addr_parse(const char *s, enum dd_ip_family family, struct dd_addr *out,
		  struct dd_error *err);
/* Canonical text: dotted decimal, or RFC 5952 (lowercase, no leading
 * zeros, the longest run of two or more zero groups as "::", the first on
 * a tie, "::ffff:a.b.c.d" for IPv4-mapped addresses). Returns the length;
 * the output is cut if bufsz < DD_ADDR_STRLEN (always NUL-terminated). */
size_t dd_addr_format(const struct dd_addr *a, char *buf, size_t bufsz);
/* <0, 0, >0 like memcmp; IPv4 sorts before IPv6. */
int dd_addr_cmp(const struct dd_addr *a, const struct dd_addr *b);
bool dd_addr_equal(const struct dd_addr *a, const struct dd_addr *b);
/* Number of address bits: 32 or 128 (0 for an unset family). */
unsigned dd_addr_bits(enum dd_ip_family family);

/* Parses "ADDRESS/LEN" (LEN decimal, no sign, no leading zeros) under the
 * DD_PREFIX_* flags. Without DD_PREFIX_STRICT the host bits are cleared.
 * Returns 0, or -1 with err (DD_E_USAGE). */
int dd_prefix_parse(const char *s, enum dd_ip_family family, unsigned flags,
		    struct dd_prefix *out, struct dd_error *err);
/* "ADDRESS/LEN" in canonical form. Returns the length (see dd_addr_format). */
size_t dd_prefix_format(const struct dd_prefix *p, char *buf, size_t bufsz);
/* The prefix of length len that holds a (host bits cleared). -1 with err
 * when len is longer than the family allows. */
int dd_prefix_make(const struct dd_addr *a, unsigned len, struct dd_prefix *out,
		   struct dd_error *err);
bool dd_prefix_equal(const struct dd_prefix *a, const struct dd_prefix *b);

/* Is address a inside network p? false across families. */
bool dd_prefix_contains(const struct dd_prefix *p, const struct dd_addr *a);
/* Does inner lie wholly inside outer (a /64 in a /56 or a /48)? A prefix
 * lies inside itself. */
bool dd_prefix_within(const struct dd_prefix *inner, const struct dd_prefix *outer);
/* Do a and b share any address? */
bool dd_prefix_overlaps(const struct dd_prefix *a, const struct dd_prefix *b);
/* The last address of p (the IPv4 broadcast address, for instance). */
void dd_prefix_last(const struct dd_prefix *p, struct dd_addr *out);

/* How many subnets of length len block holds: 2^(len - block->len), or
 * UINT64_MAX when that does not fit in 64 bits; 0 when len is shorter than
 * the block or longer than the family allows. */
uint64_t dd_prefix_subnet_count(const struct dd_prefix *block, unsigned len);
/* The nth (from 0) subnet of length len of block: the nth /64 of a /48.
 * -1 with err when len does not fit the block or n is out of range. */
int dd_prefix_subnet(const struct dd_prefix *block, unsigned len, uint64_t n,
		     struct dd_prefix *out, struct dd_error *err);
/* The inverse: which subnet of block sub is (sub->len fixes the size).
 * -1 with err when sub is not inside block or the index needs more than
 * 64 bits. */
int dd_prefix_subnet_index(const struct dd_prefix *block,
			   const struct dd_prefix *sub, uint64_t *n,
			   struct dd_error *err);

/* The free subnets of length len inside block: those that overlap none
 * of used[0..nused) (anything: prefixes outside the block or of another
 * family are ignored, nested ones such as a /56 and its /64s are fine).
 * Writes the free ones from the skip-th on (by address, from 0) into
 * out[0..max) and sets *nout; *total (may be NULL) is how many are free
 * in all. -1 with err when len does not fit the block or the block holds
 * 2^63 subnets of that length or more. No allocation: O(nused^2) per
 * free range, meant for the few hundred subnets an account carves. */
int dd_prefix_free(const struct dd_prefix *block, unsigned len, const struct dd_prefix *used,
		   size_t nused, uint64_t skip, struct dd_prefix *out, size_t max, size_t *nout,
		   uint64_t *total, struct dd_error *err);

#endif
