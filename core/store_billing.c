#include "core/store_billing.h"

/* The readers cast const away only to reach the one billing member: none
 * of them writes. */
#define ACCESSORS(type, name, member)                                          \
	type *dd_store_##name##_mut(struct dd_store *st)                       \
	{                                                                      \
		return &dd_store_billing_mut(st)->member;                      \
	}                                                                      \
	const type *dd_store_##name(const struct dd_store *st)                 \
	{                                                                      \
		return dd_store_##name##_mut((struct dd_store *)st);           \
	}

ACCESSORS(struct dd_invoice_list, scw_invoices, scw_invoices)
ACCESSORS(struct dd_invoice_list, dbx_invoices, dbx_invoices)
ACCESSORS(struct dd_consumption_list, consumption, consumption)
ACCESSORS(struct dd_discount_list, discounts, discounts)
ACCESSORS(struct dd_tax_list, taxes, taxes)
ACCESSORS(struct dd_offer_list, offers, offers)
ACCESSORS(struct dd_payment, payment, payment)
ACCESSORS(struct dd_invoice_line_list, dbx_lines, dbx_lines)
