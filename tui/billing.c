/* The Billing tab: Dedibox and Scaleway invoices as one list, each row
 * marked with its source; a source filter, totals of what is shown (exact,
 * per currency), the same grouped by month or year, and a 12-month spend
 * chart. Enter opens an invoice (tui/invoice_view.c). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/billing_load.h"
#include "core/creds.h"
#include "core/i18n.h"
#include "core/money_display.h"
#include "core/scw_invoice_pdf.h"
#include "core/store_billing.h"
#include "tui/app.h"
#include "tui/draw.h"

enum { C_NUMBER, C_SOURCE, C_PERIOD, C_ISSUED, C_DUE, C_UNTAXED, C_VAT, C_TAXED, C_STATE, C_N };
static const struct dd_table_col cols[C_N] = {
	[C_NUMBER] = { N_("NUMBER"), 7, 36, false, 1, DD_COL_TEXT },
	[C_SOURCE] = { N_("SOURCE"), 6, 8, false, 0, DD_COL_TEXT },
	[C_PERIOD] = { N_("PERIOD"), 7, 7, false, 0, DD_COL_TEXT },
	[C_ISSUED] = { N_("ISSUED"), 10, 10, false, 2, DD_COL_DATE },
	[C_DUE] = { N_("DUE"), 10, 10, false, 3, DD_COL_DATE },
	[C_UNTAXED] = { N_("EXCL. TAX"), 9, 16, false, 0, DD_COL_DECIMAL },
	[C_VAT] = { N_("VAT"), 6, 14, false, 2, DD_COL_DECIMAL },
	[C_TAXED] = { N_("INCL. TAX"), 9, 16, false, 0, DD_COL_DECIMAL },
	[C_STATE] = { N_("STATE"), 5, 10, false, 0, DD_COL_TEXT },
};

struct dd_invoice_lists dd_billing_lists(const struct dd_app *app)
{
	const struct dd_store *st = dd_account_store(app->account);
	struct dd_invoice_lists L = { dd_store_scw_invoices(st), dd_store_dbx_invoices(st) };
	return L;
}

size_t dd_billing_unpaid(const struct dd_app *app)
{
	struct dd_invoice_lists L = dd_billing_lists(app);
	const struct dd_invoice_list *ls[2] = { L.scw, L.dbx };
	struct dd_billing_deadline dl;
	int64_t today;
	size_t n = 0;

	if (dd_invoice_today(&today, NULL) < 0)
		return 0;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; ls[k] && i < ls[k]->n; i++)
			if (dd_invoice_deadline(&ls[k]->v[i], today, &dl, NULL) > 0)
				n++;
	return n;
}

static const struct dd_invoice *row_invoice(const struct dd_app *app, size_t row)
{
	struct dd_invoice_lists L = dd_billing_lists(app);
	const struct dd_billing_state *b = &app->billing;
	return row < b->nrefs ? dd_invoice_get(&L, b->refs[row]) : NULL;
}

static const char *amount(const struct dd_invoice *v, const struct dd_money *m, char *buf, size_t len)
{
	if (!v->has_totals)
		return "-";
	dd_money_display(m, buf, len);
	return buf;
}

static const char *cell(const void *ctx, size_t row, int col, char *buf, size_t len)
{
	const struct dd_invoice *v = row_invoice(ctx, row);
	int64_t first;
	int y, m, d;

	if (!v)
		return "";
	switch (col) {
	case C_NUMBER:
		if (dd_billing_marked(ctx, v)) {
			snprintf(buf, len, "* %s", v->number[0] ? v->number : _("(draft)"));
			return buf;
		}
		return v->number[0] ? v->number : _("(draft)");
	case C_SOURCE: return v->source == DD_INVOICE_SCALEWAY ? "scaleway" : "dedibox";
	case C_PERIOD:
		if (dd_invoice_month(v, &first) < 0)
			return "-";
		dd_billing_ymd(first, &y, &m, &d);
		snprintf(buf, len, "%04d-%02d", y, m);
		return buf;
	case C_ISSUED: dd_date_display_iso(v->issued, buf, len < 11 ? len : 11); return buf;
	case C_DUE: dd_date_display_iso(v->due, buf, len < 11 ? len : 11); return buf;
	case C_UNTAXED: return amount(v, &v->untaxed, buf, len);
	case C_VAT: return amount(v, &v->vat, buf, len);
	case C_TAXED: return amount(v, &v->taxed, buf, len);
	default: return v->state;
	}
}

static bool keep(const void *ctx, size_t row)
{
	const struct dd_app *app = ctx;
	return app->billing.source < 0 || row >= app->billing.nrefs ||
	       (int)app->billing.refs[row].source == app->billing.source;
}

static int role(const void *ctx, size_t row, int col)
{
	const struct dd_invoice *v = row_invoice(ctx, row);
	if (col != C_STATE || !v)
		return -1;
	if (strcasecmp(v->state, "paid") == 0)
		return DD_R_STATE_READY;
	if (strcasecmp(v->state, "draft") == 0 || strcasecmp(v->state, "stopped") == 0)
		return DD_R_DIM;
	return DD_R_STATE_ERROR;
}

/* Both lists changed: the rows are built again, newest first. */
static void rebuild(struct dd_app *app)
{
	struct dd_billing_state *b = &app->billing;
	struct dd_invoice_lists L = dd_billing_lists(app);
	struct dd_invoice_sel sel;
	struct dd_error err;

	if (!b->table.cols) {
		dd_table_init(&b->table, cols, C_N, cell, app);
		b->source = -1;
		b->table.keep = keep;
		b->table.role = role;
	}
	free(b->refs);
	b->refs = NULL;
	b->nrefs = 0;
	dd_invoice_sel_all(&sel);
	if (dd_invoices_select(&L, &sel, &b->refs, &b->nrefs, &err) < 0)
		dd_status_error(&app->status, app->now_ms, _("Invoices"), &err);
	dd_table_set_rows(&b->table, b->nrefs);
	dd_table_resize(&b->table, dd_app_body_height(app) - 4, app->cols);
	app->dirty = true;
}

static void loaded(void *ud, const struct dd_error *err)
{
	struct dd_app *app = ud;
	if (app->quit)
		return;
	if (err->kind != DD_OK)
		dd_status_error(&app->status, app->now_ms, _("Billing"), err);
	rebuild(app);
	if (app->billing.mode == DD_BILL_SERVERS)
		dd_billing_servers_enter(app);
}

/* Quietly: an error shows when the Billing tab is opened, not on the
 * Servers tab at start. */
static void preloaded(void *ud, const struct dd_error *err)
{
	struct dd_app *app = ud;
	(void)err;
	if (app->quit)
		return;
	rebuild(app);
}

void dd_billing_forget(struct dd_app *app)
{
	struct dd_billing_state *b = &app->billing;

	b->started = false;
	free(b->refs);
	b->refs = NULL;
	b->nrefs = 0;
	b->nmarks = 0;
	b->mode = DD_BILL_ROWS;
	if (b->table.cols)
		dd_table_set_rows(&b->table, 0);
}

void dd_billing_preload(struct dd_app *app)
{
	static const enum dd_kind kinds[] = { DD_KIND_SCW_INVOICES, DD_KIND_DBX_INVOICES };

	if (app->billing.started || !dd_creds_has_scw(dd_account_creds(app->account)))
		return;
	app->billing.started = true;
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		dd_account_load_billing(app->account, app->http, kinds[k], preloaded, app, NULL);
	app->dirty = true;
}

struct saving {
	struct dd_app *app;
	char path[128];
};

static void saved(void *ud, const struct dd_error *err)
{
	struct saving *s = ud;
	if (err->kind == DD_OK)
		dd_status_info(&s->app->status, s->app->now_ms, _("Saved %s."), s->path);
	else
		dd_status_error(&s->app->status, s->app->now_ms, _("Download"), err);
	s->app->dirty = true;
	free(s);
}

void dd_billing_download(struct dd_app *app, const struct dd_invoice *v)
{
	struct saving *s = calloc(1, sizeof(*s));
	struct dd_error err;
	char name[96];

	if (!s || !v || dd_invoice_filename(v, name, sizeof(name)) < 0) {
		dd_status_info(&app->status, app->now_ms, _("This invoice has no PDF to save."));
		free(s);
		return;
	}
	s->app = app;
	snprintf(s->path, sizeof(s->path), "./%s", name);
	if (strcasecmp(v->state, "draft") == 0) {
		dd_status_info(&app->status, app->now_ms, _("A draft has no PDF yet: it is issued after the month ends."));
		free(s);
	} else if (dd_invoice_download(app->account, app->http, v, s->path, false, saved, s, &err) < 0) {
		dd_status_error(&app->status, app->now_ms, _("Download"), &err);
		free(s);
	}
}

static void reload(struct dd_app *app)
{
	static const enum dd_kind kinds[] = { DD_KIND_SCW_INVOICES, DD_KIND_DBX_INVOICES, DD_KIND_PAYMENT };
	struct dd_error err;

	app->billing.started = true;
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (dd_account_load_billing(app->account, app->http, kinds[k], loaded, app, &err) < 0 &&
		    dd_store_meta(dd_account_store(app->account), kinds[k])->state != DD_COLL_LOADING)
			rebuild(app); /* the error state says why: drawn below */
	app->dirty = true;
}

static void enter(struct dd_app *app)
{
	if (!app->billing.table.cols)
		rebuild(app);
	if (!app->billing.started)
		reload(app);
}

static void resize(struct dd_app *app)
{
	if (app->billing.table.cols)
		dd_table_resize(&app->billing.table, dd_app_body_height(app) - 4, app->cols);
}

/* The view's rows as references (caller frees). */
static struct dd_invoice_ref *shown(const struct dd_app *app, size_t *n)
{
	const struct dd_billing_state *b = &app->billing;
	struct dd_invoice_ref *r = malloc((b->table.nview ? b->table.nview : 1) * sizeof(*r));
	*n = 0;
	for (size_t i = 0; r && i < b->table.nview; i++)
		if (b->table.view[i] < b->nrefs)
			r[(*n)++] = b->refs[b->table.view[i]];
	return r;
}

/* "12 invoices: 100.00 EUR excl. tax + 20.00 EUR VAT = 120.00 EUR". */
static void totals_text(const struct dd_app *app, const struct dd_invoice_ref *r, size_t n,
			char *buf, size_t len)
{
	struct dd_invoice_lists L = dd_billing_lists(app);
	struct dd_billing_totals t;
	struct dd_error err;
	size_t k = 0;

	if (dd_invoices_totals(&L, r, n, &t, &err) < 0) {
		snprintf(buf, len, "%s", err.message);
		return;
	}
	k += (size_t)snprintf(buf, len, P_("%zu invoice", "%zu invoices", n), n);
	for (size_t i = 0; i < t.nsums && k < len; i++) {
		char a[32], v[32], c[32];
		dd_money_display(&t.sums[i].untaxed, a, sizeof(a));
		dd_money_display(&t.sums[i].vat, v, sizeof(v));
		dd_money_display(&t.sums[i].taxed, c, sizeof(c));
		k += (size_t)snprintf(buf + k, len - k, _("%s %s + %s VAT = %s"), i ? ";" : ":", a, v, c);
	}
	if (t.without_totals && k < len)
		snprintf(buf + k, len - k, _(" (%zu without totals)"), t.without_totals);
}

static void draw_groups(const struct dd_app *app, int y, int h)
{
	const struct dd_billing_state *b = &app->billing;
	struct dd_invoice_lists L = dd_billing_lists(app);
	size_t n, ng = 0, *keyc;
	struct dd_invoice_ref *r = shown(app, &n), *sub;
	int64_t *keys;
	bool year = b->mode == DD_BILL_BY_YEAR;

	keys = calloc(n ? n : 1, sizeof(*keys));
	keyc = calloc(n ? n : 1, sizeof(*keyc));
	sub = malloc((n ? n : 1) * sizeof(*sub));
	if (!r || !keys || !keyc || !sub)
		goto out;
	/* The groups, newest first, in the order the list has them. */
	for (size_t i = 0; i < n; i++) {
		int64_t first;
		int yy, mm, dd;
		if (dd_invoice_month(dd_invoice_get(&L, r[i]), &first) < 0)
			first = INT64_MIN;
		else if (year)
			dd_billing_ymd(first, &yy, &mm, &dd), first = yy;
		size_t g;
		for (g = 0; g < ng && keys[g] != first; g++)
			;
		if (g == ng)
			keys[ng++] = first;
	}
	dd_draw_text(y, 0, app->cols, year ? _(" YEAR     TOTALS") : _(" MONTH    TOTALS"),
		     dd_theme_attr(&app->theme, DD_R_HEADER));
	for (size_t g = b->group_top; g < ng && (int)(g - b->group_top) < h - 1; g++) {
		size_t m = 0;
		char label[16], line[512], tot[400];
		for (size_t i = 0; i < n; i++) {
			int64_t first;
			int yy, mm, dd;
			if (dd_invoice_month(dd_invoice_get(&L, r[i]), &first) < 0)
				first = INT64_MIN;
			else if (year)
				dd_billing_ymd(first, &yy, &mm, &dd), first = yy;
			if (first == keys[g])
				sub[m++] = r[i];
		}
		if (keys[g] == INT64_MIN)
			snprintf(label, sizeof(label), "%s", _("undated"));
		else if (year)
			snprintf(label, sizeof(label), "%lld", (long long)keys[g]);
		else {
			int yy, mm, dd;
			dd_billing_ymd(keys[g], &yy, &mm, &dd);
			snprintf(label, sizeof(label), "%04d-%02d", yy, mm);
		}
		totals_text(app, sub, m, tot, sizeof(tot));
		snprintf(line, sizeof(line), " %-8s %s", label, tot);
		dd_draw_text(y + 1 + (int)(g - b->group_top), 0, app->cols, line,
			     dd_theme_attr(&app->theme, DD_R_ROW));
	}
out:
	free(r);
	free(keys);
	free(keyc);
	free(sub);
}

static void draw_chart(const struct dd_app *app, int y, int h)
{
	struct dd_invoice_lists L = dd_billing_lists(app);
	struct dd_spend_month sp[DD_SPEND_MONTHS];
	const struct dd_theme *th = &app->theme;
	size_t other;
	int64_t today, max = 1;
	int barw = app->cols - 40;
	const char *full = dd_draw_utf8() ? "█" : "#", *half = dd_draw_utf8() ? "▒" : "=";

	if (dd_invoice_today(&today, NULL) < 0)
		today = 0;
	dd_invoices_spend(&L, today, sp, &other);
	for (int k = 0; k < DD_SPEND_MONTHS; k++)
		if (sp[k].cents[0] + sp[k].cents[1] > max)
			max = sp[k].cents[0] + sp[k].cents[1];
	dd_draw_text(y, 0, app->cols, _(" Spend per billed month, incl. tax (EUR)"), dd_theme_attr(th, DD_R_SECTION));
	for (int k = 0; k < DD_SPEND_MONTHS && k + 2 < h; k++) {
		int yy, mm, dd, x;
		char label[64];
		struct dd_money tot;
		dd_billing_ymd(sp[k].first, &yy, &mm, &dd);
		dd_money_from_cents(sp[k].cents[0] + sp[k].cents[1], "EUR", &tot);
		char amt[32];
		dd_money_display(&tot, amt, sizeof(amt));
		snprintf(label, sizeof(label), " %04d-%02d %14s ", yy, mm, amt);
		x = dd_draw_text(y + 1 + k, 0, app->cols, label, dd_theme_attr(th, DD_R_LABEL));
		for (int s = 0; s < 2 && barw > 4; s++) {
			int n = (int)(sp[k].cents[s] * barw / max);
			for (int i = 0; i < n && x < app->cols; i++)
				x += dd_draw_text(y + 1 + k, x, 1, s == 0 ? full : half,
						  dd_theme_attr(th, s == 0 ? DD_R_VALUE : DD_R_OK));
		}
	}
	char legend[160];
	snprintf(legend, sizeof(legend), _(" %s Dedibox   %s Scaleway%s"), full, half,
		 other ? _("   (invoices in another currency left out)") : "");
	dd_draw_text(y + 1 + DD_SPEND_MONTHS, 0, app->cols, legend, dd_theme_attr(th, DD_R_DIM));
}

/* A source that cannot be read says why (an Online-only profile). */
static int draw_errors(const struct dd_app *app, int y)
{
	const struct dd_store *st = dd_account_store(app->account);
	const enum dd_kind kinds[2] = { DD_KIND_SCW_INVOICES, DD_KIND_DBX_INVOICES };
	int lines = 0;

	for (int k = 0; k < 2; k++) {
		const struct dd_coll *m = dd_store_meta(st, kinds[k]);
		if (m->state != DD_COLL_ERROR && m->state != DD_COLL_STALE)
			continue;
		/* No keys: both say so; once is enough. */
		if (k == 1 && m->error.kind == DD_E_AUTH &&
		    dd_store_meta(st, kinds[0])->error.kind == DD_E_AUTH)
			continue;
		lines += dd_draw_para(y + lines, 2, 3, app->cols - 4, m->error.message,
				      dd_theme_attr(&app->theme, DD_R_ERROR));
	}
	return lines;
}

static void draw(const struct dd_app *app)
{
	const struct dd_billing_state *b = &app->billing;
	const struct dd_theme *th = &app->theme;
	const struct dd_store *st = dd_account_store(app->account);
	int y = dd_app_body_top(), h = dd_app_body_height(app);
	char title[256], tot[400];
	/* indexed by enum dd_billing_mode: a mode added there needs its word here */
	static const char *const modes[] = {
		[DD_BILL_ROWS] = "", [DD_BILL_BY_MONTH] = N_("  by month"), [DD_BILL_BY_YEAR] = N_("  by year"),
		[DD_BILL_CHART] = N_("  spend chart"), [DD_BILL_SERVERS] = N_("  cost per server"),
	};
	const char *mode = (size_t)b->mode < sizeof(modes) / sizeof(modes[0]) ? modes[b->mode] : "";

	/* _("") is the catalog's header, never a word: the rows' mode stays "" */
	snprintf(title, sizeof(title), _(" Billing  %zu invoices%s%s%s%s"), b->table.nview,
		 b->source == DD_INVOICE_DEDIBOX ? _("  source: Dedibox") : b->source == DD_INVOICE_SCALEWAY ? _("  source: Scaleway") : "",
		 b->table.filter[0] ? _("  filter: ") : "", b->table.filter, mode[0] ? _(mode) : "");
	dd_draw_text(y, 0, app->cols, title, dd_theme_attr(th, DD_R_SECTION));
	if (dd_store_meta(st, DD_KIND_SCW_INVOICES)->state == DD_COLL_LOADING ||
	    dd_store_meta(st, DD_KIND_DBX_INVOICES)->state == DD_COLL_LOADING)
		dd_draw_text(y, dd_draw_width(title) + 2, app->cols, dd_draw_utf8() ? _("Loading invoices…") : _("Loading invoices..."),
			     dd_theme_attr(th, DD_R_DIM));
	int e = draw_errors(app, y + 1);
	if (e && b->nrefs == 0) {
		dd_draw_para(y + 1 + e, 2, 3, app->cols - 4,
			     _("The Online API (Dedibox console token) has no invoices: both lists come "
			     "from Scaleway's APIs. Add Scaleway keys to this profile with "
			     "dedi auth login --access-key SCW... (the secret key is asked), or set "
			     "SCW_ACCESS_KEY and SCW_SECRET_KEY."),
			     dd_theme_attr(th, DD_R_DIM));
		return;
	}
	if (b->mode == DD_BILL_SERVERS) {
		dd_billing_servers_draw(app, y + 1 + e, h - 2 - e);
		dd_draw_text(y + h - 1, 1, app->cols - 1, _("[ ] year  j k scroll  Esc back to the invoices  ? keys"),
			     dd_theme_attr(th, DD_R_DIM));
		return;
	}
	if (b->mode == DD_BILL_CHART)
		draw_chart(app, y + 1 + e, h - 2 - e);
	else if (b->mode != DD_BILL_ROWS)
		draw_groups(app, y + 1 + e, h - 3 - e);
	else
		dd_table_draw(&b->table, th, y + 1 + e, 0);
	size_t n;
	struct dd_invoice_ref *r = shown(app, &n);
	totals_text(app, r, n, tot, sizeof(tot));
	free(r);
	dd_draw_text(y + h - 2, 1, app->cols - 1, tot, dd_theme_attr(th, DD_R_VALUE));
	dd_draw_text(y + h - 1, 1, app->cols - 1,
		     _("Enter detail  d PDF  space mark  D save marked  f source  m month/year  c chart  p per server  ? keys"),
		     dd_theme_attr(th, DD_R_DIM));
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	struct dd_billing_state *b = &app->billing;
	struct dd_table *t = &b->table;
	long page = t->height > 1 ? t->height - 1 : 1;
	size_t row;

	if (!t->cols)
		rebuild(app);
	if (b->mode == DD_BILL_SERVERS) {
		int r = dd_billing_servers_key(app, act);
		if (r != DD_RES_UNHANDLED)
			return (enum dd_result)r;
	}
	if (b->mode != DD_BILL_ROWS && b->mode != DD_BILL_CHART && (act == DD_ACT_UP || act == DD_ACT_DOWN)) {
		if (act == DD_ACT_UP && b->group_top > 0)
			b->group_top--;
		else if (act == DD_ACT_DOWN)
			b->group_top++;
		return DD_RES_REDRAW;
	}
	switch (act) {
	case DD_ACT_UP: dd_table_move(t, -1); return DD_RES_REDRAW;
	case DD_ACT_DOWN: dd_table_move(t, 1); return DD_RES_REDRAW;
	case DD_ACT_TOP: dd_table_goto(t, 0); return DD_RES_REDRAW;
	case DD_ACT_BOTTOM: dd_table_goto(t, t->nview ? t->nview - 1 : 0); return DD_RES_REDRAW;
	case DD_ACT_PGDN: dd_table_move(t, page); return DD_RES_REDRAW;
	case DD_ACT_PGUP: dd_table_move(t, -page); return DD_RES_REDRAW;
	case DD_ACT_HALFDN: dd_table_move(t, page / 2 + 1); return DD_RES_REDRAW;
	case DD_ACT_HALFUP: dd_table_move(t, -(page / 2 + 1)); return DD_RES_REDRAW;
	case DD_ACT_LEFT: dd_table_hscroll(t, -1); return DD_RES_REDRAW;
	case DD_ACT_RIGHT: dd_table_hscroll(t, 1); return DD_RES_REDRAW;
	case DD_ACT_SORT: dd_table_sort(t, t->sort_col + 1 >= t->ncols ? 0 : t->sort_col + 1, false); return DD_RES_REDRAW;
	case DD_ACT_RSORT: dd_table_sort(t, t->sort_col < 0 ? 0 : t->sort_col, !t->sort_desc); return DD_RES_REDRAW;
	case DD_ACT_OPEN:
		if (b->mode == DD_BILL_ROWS && dd_table_current(t, &row) && row < b->nrefs) {
			b->open = b->refs[row];
			dd_app_switch(app, &dd_screen_invoice);
		}
		return DD_RES_REDRAW;
	case DD_ACT_ESC:
		if (b->mode != DD_BILL_ROWS) {
			b->mode = DD_BILL_ROWS;
			return DD_RES_REDRAW;
		}
		if (!t->filter[0])
			return DD_RES_UNHANDLED;
		dd_table_set_filter(t, "");
		return DD_RES_REDRAW;
	case DD_ACT_BILL_SOURCE:
		b->source = b->source == -1 ? DD_INVOICE_DEDIBOX : b->source == DD_INVOICE_DEDIBOX ? DD_INVOICE_SCALEWAY : -1;
		dd_table_refilter(t);
		return DD_RES_REDRAW;
	case DD_ACT_BILL_GROUP:
		b->mode = b->mode == DD_BILL_ROWS ? DD_BILL_BY_MONTH : b->mode == DD_BILL_BY_MONTH ? DD_BILL_BY_YEAR : DD_BILL_ROWS;
		b->group_top = 0;
		return DD_RES_REDRAW;
	case DD_ACT_BILL_PDF:
		if (b->mode == DD_BILL_ROWS && dd_table_current(t, &row) && row < b->nrefs) {
			struct dd_invoice_lists L = dd_billing_lists(app);
			dd_billing_download(app, dd_invoice_get(&L, b->refs[row]));
		}
		return DD_RES_REDRAW;
	case DD_ACT_BILL_CHART:
		b->mode = b->mode == DD_BILL_CHART ? DD_BILL_ROWS : DD_BILL_CHART;
		return DD_RES_REDRAW;
	case DD_ACT_BILL_SERVERS:
		if (b->mode == DD_BILL_SERVERS)
			b->mode = DD_BILL_ROWS;
		else
			dd_billing_servers_enter(app);
		return DD_RES_REDRAW;
	case DD_ACT_BILL_MARK:
		if (b->mode == DD_BILL_ROWS && dd_table_current(t, &row) && row < b->nrefs) {
			struct dd_invoice_lists L = dd_billing_lists(app);
			dd_billing_toggle_mark(app, dd_invoice_get(&L, b->refs[row]));
			dd_table_move(t, 1);
		}
		return DD_RES_REDRAW;
	case DD_ACT_BILL_BULK:
		dd_billing_bulk_ask(app);
		return DD_RES_REDRAW;
	default:
		(void)fkey;
		(void)ch;
		return DD_RES_UNHANDLED;
	}
}

static enum dd_result submit(struct dd_app *app)
{
	return (enum dd_result)dd_billing_bulk_submit(app);
}

static const char *filter_to(struct dd_app *app, const char *text)
{
	if (!app->billing.table.cols)
		rebuild(app);
	if (text)
		dd_table_set_filter(&app->billing.table, text);
	return app->billing.table.filter;
}

static struct dd_table *table(struct dd_app *app)
{
	if (!app->billing.table.cols)
		rebuild(app);
	return &app->billing.table;
}

static void free_state(struct dd_app *app)
{
	dd_table_free(&app->billing.table);
	free(app->billing.refs);
	app->billing.refs = NULL;
	free(app->billing.marks);
	app->billing.marks = NULL;
	app->billing.nmarks = 0;
}

const struct dd_screen_ops dd_screen_billing = {
	.name = N_("Billing"),
	.scopes = DD_KS_BILL | DD_KS_MOVE | DD_KS_TABLE,
	.enter = enter,
	.draw = draw,
	.key = key,
	.resize = resize,
	.filter = filter_to,
	.reload = reload,
	.submit = submit,
	.free = free_state,
	.table = table,
};
