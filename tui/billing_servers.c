/* The Billing tab's cost per server (p): what each Dedibox server cost
 * over a year, excl. tax, from the lines of the year's Dedibox invoices.
 * The list has no lines, so the year's invoices are read one by one into
 * the store the first time the view asks for them; [ and ] change the
 * year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dbx_lines.h"
#include "core/i18n.h"
#include "core/money_display.h"
#include "core/store_billing.h"
#include "tui/app.h"
#include "tui/draw.h"

static int year_of(const struct dd_app *app)
{
	int64_t today;
	int y, m, d;

	if (app->billing.year)
		return app->billing.year;
	if (dd_invoice_today(&today, NULL) < 0)
		return 1970;
	dd_billing_ymd(today, &y, &m, &d);
	return y;
}

static void lines_read(void *ud, const struct dd_error *err)
{
	struct dd_app *app = ud;
	if (app->quit)
		return;
	if (err->kind != DD_OK)
		dd_status_error(&app->status, app->now_ms, _("Invoice lines"), err);
	app->dirty = true;
}

/* Reads the lines of the year's invoices the store lacks. */
static void need_lines(struct dd_app *app)
{
	const struct dd_store *st = dd_account_store(app->account);
	const struct dd_invoice_line_list *have = dd_store_dbx_lines(st);
	const char **ids = NULL, **missing;
	size_t n = 0, nm = 0;
	struct dd_error err;

	if (dd_store_meta(st, DD_KIND_DBX_LINES)->state == DD_COLL_LOADING ||
	    dd_dbx_invoices_of_year(dd_store_dbx_invoices(st), year_of(app), &ids, &n, &err) < 0 || n == 0) {
		free(ids);
		return;
	}
	missing = ids; /* filtered in place */
	for (size_t i = 0; i < n; i++)
		if (!dd_dbx_lines_have(have, ids[i]))
			missing[nm++] = ids[i];
	if (nm && dd_account_load_dbx_lines(app->account, app->http, missing, nm, lines_read, app, &err) < 0)
		dd_status_error(&app->status, app->now_ms, _("Invoice lines"), &err);
	free(ids);
}

void dd_billing_servers_enter(struct dd_app *app)
{
	app->billing.mode = DD_BILL_SERVERS;
	app->billing.srv_top = 0;
	need_lines(app);
}

int dd_billing_servers_key(struct dd_app *app, enum dd_action act)
{
	struct dd_billing_state *b = &app->billing;
	switch (act) {
	case DD_ACT_UP: if (b->srv_top) b->srv_top--; return DD_RES_REDRAW;
	case DD_ACT_DOWN: b->srv_top++; return DD_RES_REDRAW;
	case DD_ACT_TOP: b->srv_top = 0; return DD_RES_REDRAW;
	case DD_ACT_BILL_YEAR_PREV:
	case DD_ACT_BILL_YEAR_NEXT:
		b->year = year_of(app) + (act == DD_ACT_BILL_YEAR_NEXT ? 1 : -1);
		b->srv_top = 0;
		need_lines(app);
		return DD_RES_REDRAW;
	default:
		return DD_RES_UNHANDLED;
	}
}

void dd_billing_servers_draw(const struct dd_app *app, int y, int h)
{
	const struct dd_theme *th = &app->theme;
	const struct dd_store *st = dd_account_store(app->account);
	const struct dd_coll *m = dd_store_meta(st, DD_KIND_DBX_LINES);
	struct dd_server_cost *c = NULL;
	size_t n = 0, missing = 0;
	struct dd_error err;
	char line[256];
	int year = year_of(app);

	if (dd_server_costs(dd_store_dbx_invoices(st), dd_store_dbx_lines(st), year, &c, &n, &missing, &err) < 0) {
		dd_draw_para(y, 2, 3, app->cols - 4, err.message, dd_theme_attr(th, DD_R_ERROR));
		return;
	}
	snprintf(line, sizeof(line), _(" Dedibox cost per server in %d, excl. tax   ([ ] year, Esc back)"), year);
	dd_draw_text(y++, 0, app->cols, line, dd_theme_attr(th, DD_R_SECTION));
	if (m->state == DD_COLL_LOADING)
		dd_draw_text(y++, 2, app->cols - 4, _("Reading the year's invoices, one by one (the list has no lines)..."),
			     dd_theme_attr(th, DD_R_DIM));
	else if ((m->state == DD_COLL_ERROR || m->state == DD_COLL_STALE) && missing)
		y += dd_draw_para(y, 2, 2, app->cols - 4, m->error.message, dd_theme_attr(th, DD_R_ERROR));
	snprintf(line, sizeof(line), " %-10s %-24s %-20s %6s %14s", "SERVER", "HOSTNAME", "OFFER", "MONTHS", _("EXCL. TAX"));
	dd_draw_text(y++, 0, app->cols, line, dd_theme_attr(th, DD_R_HEADER));
	int64_t sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += c[i].cents;
	int rows = h - 3;
	for (size_t i = app->billing.srv_top; i < n && rows > 0; i++, rows--) {
		struct dd_money mm;
		char amt[32];
		dd_money_from_cents(c[i].cents, c[i].currency, &mm);
		dd_money_display(&mm, amt, sizeof(amt));
		snprintf(line, sizeof(line), " %-10lld %-24.24s %-20.20s %6zu %14s", (long long)c[i].server_id,
			 c[i].hostname, c[i].offer, c[i].months, amt);
		dd_draw_text(y++, 0, app->cols, line, dd_theme_attr(th, DD_R_ROW));
	}
	struct dd_money tot;
	char amt[32];
	dd_money_from_cents(sum, n ? c[0].currency : "EUR", &tot);
	dd_money_display(&tot, amt, sizeof(amt));
	if (n == 0 && m->state != DD_COLL_LOADING)
		dd_draw_text(y++, 2, app->cols - 4, _("No Dedibox invoice bills a server in this year."),
			     dd_theme_attr(th, DD_R_DIM));
	snprintf(line, sizeof(line), P_(" %zu server, %s excl. tax%s", " %zu servers, %s excl. tax%s", n), n, amt,
		 missing && m->state != DD_COLL_LOADING ? _(" (some invoices unread: r reads again)") : "");
	dd_draw_text(y, 0, app->cols, line, dd_theme_attr(th, DD_R_VALUE));
	free(c);
}
