/* The demo Organization's Scaleway cloud usage, as start and stop events
 * of simulated resources (the Stardust1-s of seed 002 split into its
 * flexible IP, local storage and instance; instances that run on weekdays
 * or ten minutes at night; an Elastic Metal server billed while off; a
 * Mac mini deleted after two hours but billed 24; a dynamic IP; a volume;
 * weekly snapshots), billed by core/billing_payg: the invoices and the
 * consumption of billing_api.c are computed here, never written down. */
#ifndef DD_SB_BILLING_USAGE_H
#define DD_SB_BILLING_USAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DD_SB_USAGE_MAX 16

struct dd_sb_usage_line {
	const char *category, *product, *resource, *sku;
	int64_t nanos;     /* billed in the month up to now, excl. tax */
	int64_t cents;     /* nanos under core/money's rule: what the line shows */
	int64_t seconds;   /* billed seconds, minimums applied */
	size_t periods;    /* the seed's "unique resources" of the month */
	bool running;      /* still running at now */
	int64_t price_hour;/* nanos per hour */
	unsigned index;    /* the resource's, stable: its consumer id */
};

/* The lines of the UTC month [first, next) billed up to now (next for a
 * closed month): one per resource that billed something in it. */
size_t dd_sb_usage_month(uint64_t seed, int64_t first, int64_t next, int64_t now,
			 struct dd_sb_usage_line out[DD_SB_USAGE_MAX]);
/* The month's untaxed total in cents: the exact sum of its lines, rounded
 * once by core/money's rule. */
int64_t dd_sb_usage_cents(uint64_t seed, int64_t first, int64_t next, int64_t now);

#endif
