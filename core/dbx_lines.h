/* The lines of Dedibox invoices and the cost per server they give. The
 * Dedibox v1 list has no lines: only GET /invoices/{id} carries `content`,
 * one free string (the SDK types it as a string, nothing more). It is read
 * defensively: a line "server ID HOSTNAME OFFER: EUR 12.34 ..." is tied to
 * its server, every other line is kept as text, and nothing in it is
 * trusted for more than what it says. */
#ifndef DD_DBX_LINES_H
#define DD_DBX_LINES_H

#include <stddef.h>
#include <stdint.h>

#include "core/account.h"
#include "core/error.h"
#include "core/http.h"
#include "core/model_billing.h"

/* More invoices than this in one read is a mistake of the caller. */
#define DD_DBX_LINES_MAX_INVOICES 400

/* Appends the lines of content (the invoice invoice_id's) to out. Empty
 * lines are skipped; an overlong line is cut, never refused. -1 on ENOMEM
 * (out is as it was). */
int dd_dbx_lines_parse(const char *content, size_t len, const char *invoice_id,
		       struct dd_invoice_line_list *out, struct dd_error *err);

/* Reads the lines of the invoices ids (Dedibox ids) into the store's
 * DD_KIND_DBX_LINES: the lines of those invoices are replaced, the others
 * kept. 0 when the reads are out (done runs once, later); -1 when they
 * cannot start (no Scaleway keys, a read already out, too many ids). */
int dd_account_load_dbx_lines(struct dd_account *a, struct dd_http *h, const char *const *ids,
			      size_t n, dd_done_fn done, void *ud, struct dd_error *err);

/* Whether the store holds the lines of invoice id (it was read). */
bool dd_dbx_lines_have(const struct dd_invoice_line_list *l, const char *id);

/* One server's cost over a year, from the lines of the invoices billing
 * that year (the month an invoice bills: dd_invoice_month). */
struct dd_server_cost {
	int64_t server_id;
	char hostname[64];          /* as the newest line names it */
	char offer[64];
	int64_t cents;              /* excl. tax, exact: the lines are in cents */
	char currency[4];
	size_t months;              /* invoices that bill it */
	char newest_invoice[24];    /* the newest of them (hostname and offer are its) */
};

/* The cost per server of year (UTC), from the Dedibox invoices dbx and
 * their lines: *out malloc'd (caller frees; NULL when *n is 0), most
 * expensive first. *missing counts the invoices of the year whose lines
 * were never read (their servers are not in the sums). -1 on ENOMEM. */
int dd_server_costs(const struct dd_invoice_list *dbx, const struct dd_invoice_line_list *lines,
		    int year, struct dd_server_cost **out, size_t *n, size_t *missing,
		    struct dd_error *err);

/* The ids of the Dedibox invoices that bill year, newest first: *ids
 * points into dbx (borrowed), malloc'd array (caller frees). -1 on ENOMEM. */
int dd_dbx_invoices_of_year(const struct dd_invoice_list *dbx, int year, const char ***ids,
			    size_t *n, struct dd_error *err);

/* The JSON document of `dedi invoices servers --json` (caller frees). */
char *dd_export_server_costs_json(int year, const struct dd_server_cost *c, size_t n);

#endif
