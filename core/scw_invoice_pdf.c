#include "core/scw_invoice_pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/request.h"
#include "core/safefile.h"
#include "core/i18n.h"

static bool is_uuid(const char *s)
{
	if (strlen(s) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : !strchr("0123456789abcdefABCDEF", s[i]))
			return false;
	}
	return true;
}

static bool is_decimal(const char *s)
{
	if (!*s || strlen(s) > 19)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

int dd_scw_url_invoice_pdf(const struct dd_creds *c, const struct dd_invoice *v, char *buf,
			   size_t len, struct dd_error *err)
{
	if (v->source == DD_INVOICE_SCALEWAY) {
		if (!is_uuid(v->id))
			return dd_error_set(err, DD_E_DECODE, 0, NULL,
					    _("Scaleway invoice id \"%.40s\" is not a UUID"), v->id);
		return dd_request_url(c, DD_API_SCW, buf, len, err,
				      "/billing/v2beta1/invoices/%s/download?file_type=pdf", v->id);
	}
	if (!is_decimal(v->id))
		return dd_error_set(err, DD_E_DECODE, 0, NULL,
				    _("Dedibox invoice id \"%.40s\" is not a number"), v->id);
	return dd_request_url(c, DD_API_SCW, buf, len, err, "/dedibox/v1/invoices/%s/download",
			      v->id);
}

struct dl {
	char *path;
	bool overwrite;
	char what[64];
	dd_done_fn done;
	void *ud;
};

static void on_pdf(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct dl *D = ud;
	struct dd_error e;

	dd_error_clear(&e);
	if (herr->kind != DD_OK) {
		e = *herr;
		dd_error_prefix(&e, "%s", D->what);
	} else if (!resp || resp->body_len < 5 || memcmp(resp->body, "%PDF-", 5) != 0) {
		/* A body that is not a PDF is not saved as one. */
		dd_error_set(&e, DD_E_DECODE, 0, NULL,
			     _("%s: the API sent something that is not a PDF (%s); nothing was saved"),
			     D->what, resp && resp->content_type[0] ? resp->content_type : _("no type"));
	} else {
		dd_safefile_create(D->path, resp->body, resp->body_len, D->overwrite, &e);
	}
	if (D->done)
		D->done(D->ud, &e);
	free(D->path);
	free(D);
}

int dd_invoice_download(struct dd_account *a, struct dd_http *h, const struct dd_invoice *v,
			const char *path, bool overwrite, dd_done_fn done, void *ud,
			struct dd_error *err)
{
	char url[768];
	struct dd_request q = { .api = DD_API_SCW, .method = DD_GET, .url = url,
				.max_body = DD_HTTP_FILE_MAX };
	const struct dd_creds *c = dd_account_creds(a);
	struct dl *D;

	if (!dd_creds_has_scw(c))
		return dd_error_set(err, DD_E_AUTH, 0, NULL,
				    _("invoices need Scaleway keys in this profile: dedi auth login adds "
				    "them (or set SCW_ACCESS_KEY and SCW_SECRET_KEY)"));
	/* Asked before the read, so nothing is fetched for a file we keep;
	 * dd_safefile_create asks again at the end. */
	if (!overwrite && access(path, F_OK) == 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s exists: it was left as it is (--force replaces it)"), path);
	if (dd_scw_url_invoice_pdf(c, v, url, sizeof(url), err) < 0)
		return -1;
	D = calloc(1, sizeof(*D));
	if (!D || !(D->path = strdup(path))) {
		free(D);
		return dd_error_oom(err);
	}
	D->overwrite = overwrite;
	snprintf(D->what, sizeof(D->what), _("%s invoice %s"),
		 v->source == DD_INVOICE_SCALEWAY ? "Scaleway" : "Dedibox",
		 v->number[0] ? v->number : v->id);
	D->done = done;
	D->ud = ud;
	if (!dd_request_send(h, c, &q, on_pdf, D, err)) {
		free(D->path);
		free(D);
		return -1;
	}
	return 0;
}
