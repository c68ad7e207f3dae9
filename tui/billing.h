/* The Billing tab's state (tui/billing.c: the invoice list of both
 * sources, its grouped totals and the spend chart) and the invoice detail
 * pushed over it (tui/invoice_view.c). */
#ifndef DD_TUI_BILLING_H
#define DD_TUI_BILLING_H

#include <stdbool.h>
#include <stddef.h>

#include "core/invoices.h"
#include "tui/keys.h"
#include "tui/table.h"

struct dd_app;
struct dd_screen_ops;

enum dd_billing_mode {
	DD_BILL_ROWS,       /* one row per invoice */
	DD_BILL_BY_MONTH,   /* totals per billed month */
	DD_BILL_BY_YEAR,    /* totals per year */
	DD_BILL_CHART,      /* 12-month spend chart, per source */
	DD_BILL_SERVERS     /* Dedibox cost per server over a year (tui/billing_servers.c) */
};

/* A marked invoice, by what names it (rows are rebuilt on every read). */
struct dd_bill_mark {
	int source;                   /* enum dd_invoice_source */
	char id[48];
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
	struct dd_bill_mark *marks;   /* space marks, D downloads them */
	size_t nmarks;
	int year;                     /* the cost per server's year, 0: this year */
	size_t srv_top;               /* first server row shown */
	int detail_top;               /* the invoice detail's first line shown */
	int detail_lines;             /* how many it had when last drawn */
};

/* Both invoice lists of the app's store. */
struct dd_invoice_lists dd_billing_lists(const struct dd_app *app);
/* Invoices owed now (issued, unpaid), when the lists are read: for the
 * status line of every tab. */
size_t dd_billing_unpaid(const struct dd_app *app);

/* Saves v's PDF in the current directory under its safe name, never over
 * an existing file; the status line tells the outcome. */
void dd_billing_download(struct dd_app *app, const struct dd_invoice *v);

/* Starts reading both invoice lists once, after the server list, so the
 * status line of every tab can flag unpaid invoices from the start. Does
 * nothing without Scaleway keys (the Billing tab says what to add). */
void dd_billing_preload(struct dd_app *app);

/* Another profile: nothing of the old one's invoices stays, and the new
 * one's are read again. */
void dd_billing_forget(struct dd_app *app);

/* tui/billing_bulk.c: space marks, D saves the marked PDFs. */
bool dd_billing_marked(const struct dd_app *app, const struct dd_invoice *v);
void dd_billing_toggle_mark(struct dd_app *app, const struct dd_invoice *v);
/* Opens the prompt for the directory (D). */
void dd_billing_bulk_ask(struct dd_app *app);
/* Enter on that prompt: an enum dd_result (tui/app.h includes this file). */
int dd_billing_bulk_submit(struct dd_app *app);

/* tui/billing_servers.c: the cost per server (p). */
void dd_billing_servers_enter(struct dd_app *app);
void dd_billing_servers_draw(const struct dd_app *app, int y, int h);
/* j, k, [ and ]: the key's enum dd_result, DD_RES_UNHANDLED for others. */
int dd_billing_servers_key(struct dd_app *app, enum dd_action act);

extern const struct dd_screen_ops dd_screen_invoice;

#endif
