/* The Billing tab's marks and the bulk download: space marks an invoice,
 * D asks for a directory and saves the PDF of each marked one there under
 * its safe name, whole or not at all, never over a file that is there
 * (those are counted and left as they are). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/i18n.h"
#include "core/scw_invoice_pdf.h"
#include "core/store_billing.h"
#include "tui/app.h"

enum { BULK_TARGET = 0xb11 };

static size_t mark_at(const struct dd_app *app, const struct dd_invoice *v)
{
	const struct dd_billing_state *b = &app->billing;
	for (size_t i = 0; i < b->nmarks; i++)
		if (b->marks[i].source == (int)v->source && strcmp(b->marks[i].id, v->id) == 0)
			return i;
	return (size_t)-1;
}

bool dd_billing_marked(const struct dd_app *app, const struct dd_invoice *v)
{
	return v && mark_at(app, v) != (size_t)-1;
}

void dd_billing_toggle_mark(struct dd_app *app, const struct dd_invoice *v)
{
	struct dd_billing_state *b = &app->billing;
	size_t i;

	if (!v)
		return;
	if ((i = mark_at(app, v)) != (size_t)-1) {
		b->marks[i] = b->marks[--b->nmarks];
		return;
	}
	struct dd_bill_mark *m = realloc(b->marks, (b->nmarks + 1) * sizeof(*m));
	if (!m) {
		dd_status_info(&app->status, app->now_ms, _("Out of memory: not marked."));
		return;
	}
	b->marks = m;
	m[b->nmarks].source = (int)v->source;
	snprintf(m[b->nmarks].id, sizeof(m[b->nmarks].id), "%s", v->id);
	b->nmarks++;
}

void dd_billing_bulk_ask(struct dd_app *app)
{
	if (app->billing.nmarks == 0) {
		dd_status_info(&app->status, app->now_ms, _("Mark invoices with space first; D saves their PDFs."));
		return;
	}
	char label[96];
	snprintf(label, sizeof(label), _("save %zu PDF%s into directory: "), app->billing.nmarks,
		 app->billing.nmarks == 1 ? "" : "s");
	dd_prompt_open(&app->prompt, DD_P_EDIT, label, ".");
	app->prompt.target = BULK_TARGET;
}

/* One bulk download: the outcome of each file, told once all ended. */
struct bulk {
	struct dd_app *app;
	char dir[400];
	int pending;
	size_t saved, there, failed;
	char first_err[200];
};

static void bulk_end(struct bulk *B)
{
	struct dd_app *app = B->app;
	char msg[512];
	int k = snprintf(msg, sizeof(msg), P_("Saved %zu PDF into %s", "Saved %zu PDFs into %s", B->saved), B->saved, B->dir);
	if (B->there && k > 0 && (size_t)k < sizeof(msg))
		k += snprintf(msg + k, sizeof(msg) - (size_t)k, _("; %zu already there, left as they were"), B->there);
	if (B->failed && k > 0 && (size_t)k < sizeof(msg))
		snprintf(msg + k, sizeof(msg) - (size_t)k, _("; %zu failed: %s"), B->failed, B->first_err);
	if (B->failed) {
		struct dd_error e;
		dd_error_set(&e, DD_E_IO, 0, NULL, "%s", msg);
		dd_status_error(&app->status, app->now_ms, _("Bulk download"), &e);
	} else {
		dd_status_info(&app->status, app->now_ms, "%s.", msg);
	}
	app->dirty = true;
	free(B);
}

static void one_saved(void *ud, const struct dd_error *err)
{
	struct bulk *B = ud;
	if (err->kind == DD_OK) {
		B->saved++;
	} else {
		B->failed++;
		if (!B->first_err[0])
			snprintf(B->first_err, sizeof(B->first_err), "%s", err->message);
	}
	if (--B->pending == 0)
		bulk_end(B);
}

int dd_billing_bulk_submit(struct dd_app *app)
{
	struct dd_prompt *p = &app->prompt;
	struct dd_invoice_lists L = dd_billing_lists(app);
	struct stat st;
	struct bulk *B;

	if (p->target != BULK_TARGET) {
		dd_prompt_close(p);
		return DD_RES_REDRAW;
	}
	if (!p->buf[0] || stat(p->buf, &st) < 0 || !S_ISDIR(st.st_mode)) {
		snprintf(p->err, sizeof(p->err), "not a directory: %s", p->buf[0] ? strerror(errno ? errno : ENOTDIR) : _("type one"));
		return DD_RES_REDRAW;
	}
	if (!(B = calloc(1, sizeof(*B)))) {
		snprintf(p->err, sizeof(p->err), _("out of memory"));
		return DD_RES_REDRAW;
	}
	B->app = app;
	snprintf(B->dir, sizeof(B->dir), "%s", p->buf);
	dd_prompt_close(p);
	B->pending = 1; /* held while starting */
	for (size_t i = 0; i < app->billing.nmarks; i++) {
		const struct dd_bill_mark *m = &app->billing.marks[i];
		const struct dd_invoice_list *l = m->source == DD_INVOICE_SCALEWAY ? L.scw : L.dbx;
		const struct dd_invoice *v = NULL;
		char name[96], path[600];
		struct dd_error err;
		for (size_t k = 0; l && k < l->n && !v; k++)
			if (strcmp(l->v[k].id, m->id) == 0)
				v = &l->v[k];
		if (!v || strcasecmp(v->state, "draft") == 0 || dd_invoice_filename(v, name, sizeof(name)) < 0) {
			B->failed++;
			if (!B->first_err[0])
				snprintf(B->first_err, sizeof(B->first_err), _("%s has no PDF (a draft, or gone from the list)"),
					 v ? (v->number[0] ? v->number : "a draft") : m->id);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", B->dir, name);
		if (stat(path, &st) == 0) {
			B->there++;
			continue;
		}
		if (dd_invoice_download(app->account, app->http, v, path, false, one_saved, B, &err) < 0) {
			if (err.kind == DD_E_USAGE && stat(path, &st) == 0) {
				B->there++;
			} else {
				B->failed++;
				if (!B->first_err[0])
					snprintf(B->first_err, sizeof(B->first_err), "%s", err.message);
			}
			continue;
		}
		B->pending++;
	}
	app->billing.nmarks = 0; /* the marks did their work */
	dd_status_info(&app->status, app->now_ms, _("Saving the marked PDFs into %s..."), B->dir);
	if (--B->pending == 0)
		bulk_end(B);
	return DD_RES_REDRAW;
}
