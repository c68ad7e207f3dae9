/* The invoice list of both sources as one: which invoices a selection
 * holds (a source, a range of billed months), their order, their exact
 * totals, the per-month spend, the CSV and JSON documents of a selection
 * and the safe file name of each PDF. Views and commands keep references
 * (source + index), never copies of the records. */
#ifndef DD_INVOICES_H
#define DD_INVOICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/billing.h"
#include "core/error.h"
#include "core/model_billing.h"

/* Both lists, borrowed from the store. */
struct dd_invoice_lists {
	const struct dd_invoice_list *scw;
	const struct dd_invoice_list *dbx;
};

struct dd_invoice_ref {
	enum dd_invoice_source source;
	size_t i;
};

/* What a selection keeps. The Dedibox API has no period filter, so the
 * months are judged here, on both sources alike. */
struct dd_invoice_sel {
	int source;          /* -1 both, else an enum dd_invoice_source */
	int64_t from, to;    /* billed month's first day in [from, to); INT64_MIN/MAX: open */
};

/* A selection of everything. */
void dd_invoice_sel_all(struct dd_invoice_sel *s);
/* "2025-03" → the UTC days of its first day and of the next month's. */
int dd_invoice_parse_month(const char *ym, int64_t *first, int64_t *next, struct dd_error *err);
/* The first day of the month an invoice bills: its period_start when it
 * has one; else the month before its issue day (seed 002: an invoice bills
 * the previous month), which is all the Dedibox list tells. -1 undated. */
int dd_invoice_month(const struct dd_invoice *v, int64_t *first);
bool dd_invoice_selected(const struct dd_invoice *v, const struct dd_invoice_sel *s);

const struct dd_invoice *dd_invoice_get(const struct dd_invoice_lists *L, struct dd_invoice_ref r);
/* The invoice whose id or number is key (Scaleway first), or NULL. */
const struct dd_invoice *dd_invoice_find(const struct dd_invoice_lists *L, const char *key);

/* Every invoice of sel, newest billed month first (undated last). *out is
 * malloc'd (caller frees), NULL when n is 0. -1 on ENOMEM. */
int dd_invoices_select(const struct dd_invoice_lists *L, const struct dd_invoice_sel *sel,
		       struct dd_invoice_ref **out, size_t *n, struct dd_error *err);

/* Exact totals of refs, per currency (core/billing's sums over both lists). */
int dd_invoices_totals(const struct dd_invoice_lists *L, const struct dd_invoice_ref *refs,
		       size_t n, struct dd_billing_totals *out, struct dd_error *err);

/* One month of the spend chart: taxed totals in cents, per source. */
struct dd_spend_month {
	int64_t first;        /* the month's first UTC day */
	int64_t cents[2];     /* [DD_INVOICE_DEDIBOX], [DD_INVOICE_SCALEWAY] */
};
#define DD_SPEND_MONTHS 12
/* The 12 billed months ending with the month before today's (the last
 * one invoiced), oldest first. Only EUR is added; *other counts invoices
 * in another currency, left out. Drafts are not spent yet: left out. */
void dd_invoices_spend(const struct dd_invoice_lists *L, int64_t today,
		       struct dd_spend_month out[DD_SPEND_MONTHS], size_t *other);

/* RFC 4180: a header line, then one line per ref, CRLF, fields quoted
 * when they hold a comma, quote, CR or LF. Caller frees; NULL on ENOMEM. */
char *dd_invoices_csv(const struct dd_invoice_lists *L, const struct dd_invoice_ref *refs,
		      size_t n, size_t *len);
/* `invoices list --json` (version 1: fields are only ever added) and
 * `invoices show --json`. Caller frees; NULL on ENOMEM. */
char *dd_export_invoices_json(const struct dd_invoice_lists *L, const struct dd_invoice_ref *refs,
			      size_t n);
char *dd_export_invoice_json(const struct dd_invoice *v);

/* "dedibox-7000123.pdf", "scaleway-1000088.pdf": from the invoice's number
 * (its id when it has none), every byte outside [A-Za-z0-9._-] dropped,
 * never a leading dot. No name from the server is trusted as a path. -1
 * when nothing usable is left or it does not fit. */
int dd_invoice_filename(const struct dd_invoice *v, char *buf, size_t len);

/* The seed 002 timeline of v seen on today (core/billing's
 * dd_billing_deadline). 1 when v is owed (issued and unpaid: before the
 * due day, suspended or deleted), 0 when not, -1 with err on a date it
 * cannot read. */
int dd_invoice_deadline(const struct dd_invoice *v, int64_t today, struct dd_billing_deadline *out,
			struct dd_error *err);

/* One step of the timeline, today among them in its place. */
struct dd_invoice_step {
	int64_t day;
	const char *what;
	bool today;
};
#define DD_INVOICE_STEPS 5
/* issued, due (10 days to pay), services suspended, resources deleted,
 * and "today" before the first step that comes after it. The count. */
size_t dd_invoice_timeline(const struct dd_billing_deadline *dl, int64_t today,
			   struct dd_invoice_step out[DD_INVOICE_STEPS]);

/* "Dedibox" or "Scaleway". */
const char *dd_invoice_source_name(enum dd_invoice_source s);

/* "today" as a UTC day: DEDI_TODAY=YYYY-MM-DD when set (a test hook, see
 * dedi(1)), else the clock. -1 with err when DEDI_TODAY is malformed. */
int dd_invoice_today(int64_t *day, struct dd_error *err);

#endif
