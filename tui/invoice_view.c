/* One invoice, pushed over the Billing tab: the page tui/invoice_page.c
 * builds, scrolled with the moving keys so nothing is cut at the last row.
 * Opening it reads what the page needs and the store lacks: a Dedibox
 * invoice's lines; a Scaleway invoice's discounts, and for the draft, the
 * month's consumption and taxes. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "core/billing_load.h"
#include "core/dbx_lines.h"
#include "core/i18n.h"
#include "core/store_billing.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/invoice_page.h"

static void draw(const struct dd_app *app)
{
	struct dd_page p = { 0 };
	const struct dd_theme *th = &app->theme;
	int y = dd_app_body_top(), h = dd_app_body_height(app);

	dd_invoice_page(app, &p);
	int top = app->billing.detail_top;
	if (top > (int)p.n - 1)
		top = p.n ? (int)p.n - 1 : 0;
	int rows = (int)p.n - top > h ? h - 1 : h;
	for (int i = 0; i < rows && top + i < (int)p.n; i++) {
		const struct dd_pline *l = &p.v[top + i];
		if (l->label[0])
			dd_draw_text(y + i, 2, 18, l->label, dd_theme_attr(th, DD_R_LABEL));
		dd_draw_text(y + i, l->x, app->cols - l->x - 1, l->text, dd_theme_attr(th, l->role));
	}
	if (rows < h) {
		char more[96];
		snprintf(more, sizeof(more), _(" lines %d-%d of %zu: j k PgDn PgUp scroll, d PDF, Esc back"), top + 1,
			 top + rows, p.n);
		dd_draw_text(y + h - 1, 0, app->cols, more, dd_theme_attr(th, DD_R_DIM));
	}
	dd_page_free(&p);
}

static int page_lines(const struct dd_app *app)
{
	struct dd_page p = { 0 };
	dd_invoice_page(app, &p);
	int n = (int)p.n;
	dd_page_free(&p);
	return n;
}

static void read_done(void *ud, const struct dd_error *err)
{
	struct dd_app *app = ud;
	if (app->quit)
		return;
	if (err->kind != DD_OK)
		dd_status_error(&app->status, app->now_ms, _("Invoice"), err);
	app->dirty = true;
}

static void need(struct dd_app *app, enum dd_kind kind)
{
	const struct dd_coll *m = dd_store_meta(dd_account_store(app->account), kind);
	if (m->state == DD_COLL_EMPTY)
		dd_account_load_billing(app->account, app->http, kind, read_done, app, NULL);
}

static void enter(struct dd_app *app)
{
	struct dd_invoice_lists L = dd_billing_lists(app);
	const struct dd_invoice *v = dd_invoice_get(&L, app->billing.open);
	const struct dd_store *st = dd_account_store(app->account);

	app->billing.detail_top = 0;
	if (!v)
		return;
	if (v->source == DD_INVOICE_DEDIBOX) {
		const char *id = v->id;
		if (!dd_dbx_lines_have(dd_store_dbx_lines(st), id) &&
		    dd_store_meta(st, DD_KIND_DBX_LINES)->state != DD_COLL_LOADING)
			dd_account_load_dbx_lines(app->account, app->http, &id, 1, read_done, app, NULL);
		return;
	}
	need(app, DD_KIND_DISCOUNTS);
	if (strcasecmp(v->state, "draft") == 0) {
		need(app, DD_KIND_CONSUMPTION);
		need(app, DD_KIND_TAXES);
	}
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	int *top = &app->billing.detail_top, h = dd_app_body_height(app) - 1;
	(void)fkey;
	(void)ch;
	switch (act) {
	case DD_ACT_ESC:
	case DD_ACT_BACK:
		dd_app_switch(app, &dd_screen_billing);
		return DD_RES_REDRAW;
	case DD_ACT_BILL_PDF: {
		struct dd_invoice_lists L = dd_billing_lists(app);
		dd_billing_download(app, dd_invoice_get(&L, app->billing.open));
		return DD_RES_REDRAW;
	}
	case DD_ACT_DOWN: *top += 1; break;
	case DD_ACT_UP: *top -= 1; break;
	case DD_ACT_PGDN: *top += h; break;
	case DD_ACT_PGUP: *top -= h; break;
	case DD_ACT_HALFDN: *top += h / 2; break;
	case DD_ACT_HALFUP: *top -= h / 2; break;
	case DD_ACT_TOP: *top = 0; break;
	case DD_ACT_BOTTOM: *top = 1 << 20; break;
	default:
		return DD_RES_UNHANDLED;
	}
	/* The last line stays at the bottom: no scrolling past it. */
	int n = page_lines(app), max = n > h + 1 ? n - h : 0;
	if (*top > max)
		*top = max;
	if (*top < 0)
		*top = 0;
	return DD_RES_REDRAW;
}

const struct dd_screen_ops dd_screen_invoice = {
	.name = N_("Invoice"),
	.scopes = DD_KS_MOVE | DD_KS_INVOICE,
	.enter = enter,
	.draw = draw,
	.key = key,
};
