/* The PDF of one invoice, from either source (Billing v2beta1
 * /invoices/{id}/download, Dedibox v1 /invoices/{id}/download), saved to a
 * file atomically: the body must be a whole PDF before anything touches the
 * disk, so a cut transfer leaves no file, and an existing file is only
 * replaced when the caller says so. */
#ifndef DD_SCW_INVOICE_PDF_H
#define DD_SCW_INVOICE_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/account.h"
#include "core/creds.h"
#include "core/error.h"
#include "core/http.h"
#include "core/model_billing.h"

/* The download URL of v; -1 with err when its id is not what its source
 * uses (a UUID, a decimal number), so no id from the server shapes a path. */
int dd_scw_url_invoice_pdf(const struct dd_creds *c, const struct dd_invoice *v, char *buf,
			   size_t len, struct dd_error *err);

/* Reads v's PDF and saves it as path (mode 0600, core/safefile's
 * dd_safefile_create). Returns 0 when the read is out (done runs later,
 * once, with the outcome), -1 with err when it cannot start: path exists
 * and !overwrite, bad id, no Scaleway keys. v is copied. */
int dd_invoice_download(struct dd_account *a, struct dd_http *h, const struct dd_invoice *v,
			const char *path, bool overwrite, dd_done_fn done, void *ud,
			struct dd_error *err);

#endif
