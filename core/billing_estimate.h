/* The month-end projection the console and `dedi billing estimate` show,
 * from what the Billing API gives: the consumption lines of the current
 * month (value and billed quantity so far) and the instant they were
 * computed (updated_at). The API does not say which resource still runs,
 * so the rule is explicit (DD_BILLING_ESTIMATE_RULE): an hourly line
 * billed for every hour of the month so far (one hour of slack) is a
 * resource still running and is projected to the end of the UTC month at
 * its own hourly price (dd_billing_project_line); any other line (stopped,
 * intermittent, started later, or not hourly) is counted as it is. Taxes
 * are the month's rates applied to the projection (core/vat's rounding).
 * Part of librules: pure, libc only. */
#ifndef DD_BILLING_ESTIMATE_H
#define DD_BILLING_ESTIMATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/billing_payg.h"
#include "core/i18n.h"
#include "core/model_billing.h"

#define DD_BILLING_ESTIMATE_RULE                                                            \
	N_("Hourly resources billed for every hour of the month so far are taken as still "    \
	"running and projected to the end of the UTC month at their own hourly price; "     \
	"every other line (stopped, intermittent, started later, not hourly) counts as "   \
	"billed so far. Taxes are this month's rates on the projection.")

struct dd_billing_estimate_line {
	struct dd_money so_far, projected;
	bool running;       /* projected to the month's end */
	int64_t qty_milli;  /* billed quantity in thousandths, -1 if unreadable */
};

struct dd_billing_estimate {
	int64_t now;              /* the consumption's instant (UTC seconds) */
	int64_t first, next;      /* its UTC month */
	struct dd_money so_far;   /* the lines' values, exact */
	struct dd_money projected;/* excl. tax */
	int tax_bp;               /* the taxes' rates added up */
	struct dd_money tax;      /* on the projection, to the cent */
	struct dd_money taxed;    /* projected + tax, to the cent */
	size_t running, kept;
};

/* now: the instant the lines were computed (updated_at; the caller falls
 * back to the clock when the API gives none). lines gets c->n entries
 * (may be NULL). -1 with err on amounts in several currencies or an
 * overflow. */
int dd_billing_estimate(const struct dd_consumption_list *c, const struct dd_tax_list *taxes,
			int64_t now, struct dd_billing_estimate *out,
			struct dd_billing_estimate_line *lines, struct dd_error *err);

/* An RFC 3339 UTC instant ("2026-11-30T07:35:00Z", fractions allowed) as
 * seconds; -1 with err on anything else. */
int dd_billing_parse_instant(const char *s, int64_t *t, struct dd_error *err);

#endif
