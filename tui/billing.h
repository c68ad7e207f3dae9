/* The Billing tab's state (tui/billing.c: the invoice list of both
 * sources, its grouped totals and the spend chart) and the invoice detail
 * pushed over it (tui/invoice_view.c). */
#ifndef DD_TUI_BILLING_H
#define DD_TUI_BILLING_H

#include <stdbool.h>
#include <stddef.h>

#include "core/invoices.h"
#include "tui/table.h"

struct dd_app;
struct dd_screen_ops;

enum dd_billing_mode {
	DD_BILL_ROWS,       /* one row per invoice */
	DD_BILL_BY_MONTH,   /* totals per billed month */
	DD_BILL_BY_YEAR,    /* totals per year */
	DD_BILL_CHART       /* 12-month spend chart, per source */
};

struct dd_billing_state {
	struct dd_table table;
	struct dd_invoice_ref *refs;  /* both lists, newest first; the table's rows */
	size_t nrefs;
	int source;                   /* -1 both, else enum dd_invoice_source ('f' cycles) */
	enum dd_billing_mode mode;    /* 'm' cycles rows, month, year; 'c' the chart */
	size_t group_top;             /* first group line shown */
	struct dd_invoice_ref open;   /* what the detail screen shows */
	bool started;                 /* the invoices were asked for once */
};

/* Both invoice lists of the app's store. */
struct dd_invoice_lists dd_billing_lists(const struct dd_app *app);
/* Invoices owed now (issued, unpaid), when the lists are read: for the
 * status line of every tab. */
size_t dd_billing_unpaid(const struct dd_app *app);

/* Saves v's PDF in the current directory under its safe name, never over
 * an existing file; the status line tells the outcome. */
void dd_billing_download(struct dd_app *app, const struct dd_invoice *v);

extern const struct dd_screen_ops dd_screen_invoice;

#endif
