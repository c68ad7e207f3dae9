/* The validators of the Online v1 per-server reads: for each server last
 * read whole, its ETag and the exact body that came with it. The next read
 * of the fleet asks If-None-Match with the tag; a 304 decodes the body
 * kept here, so a second start costs the API only what changed. Kept in
 * the store (dd_store_validators) and in the cache (doc/cache-format.md,
 * the validators section). */
#ifndef DD_VALIDATORS_H
#define DD_VALIDATORS_H

#include <stddef.h>
#include <stdint.h>

/* Longest ETag kept: a longer one is not a validator dedi reuses. */
#define DD_ETAG_MAX 200

struct dd_validator {
	int64_t id;      /* the Online server id */
	char *etag;      /* owned, the header's value as sent ("\"...\"" or W/"...") */
	char *body;      /* owned, NUL-terminated: the answer the tag stands for */
	size_t body_len;
};

/* One array, sorted by id once dd_validators_sort ran. */
struct dd_validators {
	struct dd_validator *v;
	size_t n, cap;
};

void dd_validators_init(struct dd_validators *l);
void dd_validators_clear(struct dd_validators *l);
/* True when etag is one dedi sends back: 1..DD_ETAG_MAX visible ASCII
 * bytes, so a header line cannot be split by what a server sent. */
int dd_etag_ok(const char *etag);
/* Appends copies of etag and body. -1 on ENOMEM (l unchanged). */
int dd_validators_add(struct dd_validators *l, int64_t id, const char *etag, const char *body,
		      size_t body_len);
/* Sorts by id; a later duplicate of an id is dropped. */
void dd_validators_sort(struct dd_validators *l);
/* The validator of id in a sorted list, NULL if none; borrowed. */
const struct dd_validator *dd_validators_find(const struct dd_validators *l, int64_t id);
/* Exchanges the contents of a and b. */
void dd_validators_swap(struct dd_validators *a, struct dd_validators *b);

#endif
