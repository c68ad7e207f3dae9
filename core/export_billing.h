/* The JSON documents of `dedi billing consumption|estimate|discounts
 * --json` (version 1: fields are only ever added). Amounts are exact
 * decimal strings ("27.820000000") next to their currency, and "cents"
 * under core/money's rounding rule: never a floating-point number. */
#ifndef DD_EXPORT_BILLING_H
#define DD_EXPORT_BILLING_H

#include "core/billing_estimate.h"
#include "core/model_billing.h"

/* Caller frees. NULL on ENOMEM. */
char *dd_export_consumption_json(const struct dd_consumption_list *c,
				 const struct dd_tax_list *taxes);
char *dd_export_estimate_json(const struct dd_consumption_list *c,
			      const struct dd_billing_estimate *e,
			      const struct dd_billing_estimate_line *lines);
char *dd_export_discounts_json(const struct dd_discount_list *d);

/* "27.820000000": the exact amount, sign first. */
void dd_money_exact(const struct dd_money *m, char *buf, size_t len);

#endif
