/* One invoice, pushed over the Billing tab: what it is, its state in plain
 * words, the payment method, what a Scaleway invoice holds (the seven parts
 * seed 002 lists: which ones the API gives and where the rest is), and for
 * an invoice still owed, the seed's timeline with today in its place, the
 * days left and what to do. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "core/store_billing.h"
#include "tui/app.h"
#include "tui/draw.h"

static int row(const struct dd_app *app, int y, const char *label, const char *value)
{
	if (y >= dd_app_body_top() + dd_app_body_height(app))
		return 0;
	dd_draw_text(y, 2, 18, label, dd_theme_attr(&app->theme, DD_R_LABEL));
	return dd_draw_para(y, 20, 3, app->cols - 22, value, dd_theme_attr(&app->theme, DD_R_VALUE));
}

static const char *money(const struct dd_invoice *v, const struct dd_money *m, char *buf, size_t n)
{
	if (!v->has_totals)
		return "not given by the API";
	dd_money_format(m, buf, n);
	return buf;
}

static int timeline(const struct dd_app *app, const struct dd_invoice *v, int y)
{
	const struct dd_theme *th = &app->theme;
	struct dd_billing_deadline dl;
	struct dd_invoice_step st[DD_INVOICE_STEPS];
	struct dd_error err;
	int64_t today;
	int y0 = y;
	char line[160];

	if (dd_invoice_today(&today, &err) < 0)
		return row(app, y, "Deadlines", err.message);
	int owed = dd_invoice_deadline(v, today, &dl, &err);
	if (owed < 0)
		return row(app, y, "Deadlines", err.message);
	if (owed == 0)
		return 0;
	dd_draw_text(y++, 2, app->cols - 4, "Deadlines", dd_theme_attr(th, DD_R_SECTION));
	size_t n = dd_invoice_timeline(&dl, today, st);
	for (size_t k = 0; k < n; k++) {
		int yy, mm, dd;
		dd_billing_ymd(st[k].day, &yy, &mm, &dd);
		snprintf(line, sizeof(line), "%s %04d-%02d-%02d  %s%s", st[k].today ? ">" : " ", yy, mm, dd,
			 st[k].what, st[k].today && strcmp(st[k].what, "today") ? "  (today)" : "");
		dd_draw_text(y++, 4, app->cols - 6, line,
			     dd_theme_attr(th, st[k].today ? DD_R_ERROR : DD_R_NORMAL));
	}
	if (dl.days_left >= 0) {
		snprintf(line, sizeof(line), "%lld day%s left to the next step", (long long)dl.days_left,
			 dl.days_left == 1 ? "" : "s");
		dd_draw_text(y++, 4, app->cols - 6, line, dd_theme_attr(th, DD_R_VALUE));
	}
	y += row(app, y, "What to do", dl.advice);
	return y - y0;
}

/* Seed 000's default method, from what the APIs tell: the Dedibox side by
 * the method of its newest invoice; the Scaleway side is in no public API,
 * so the sentence says the rule is applied without it. */
static void default_method(const struct dd_app *app, char *buf, size_t len)
{
	struct dd_invoice_lists L = dd_billing_lists(app);
	struct dd_pay_account dbx = { false, NULL };
	struct dd_pay_default d;
	const struct dd_invoice *newest = NULL;

	for (size_t i = 0; L.dbx && i < L.dbx->n; i++)
		if (!newest || strcmp(L.dbx->v[i].issued, newest->issued) > 0)
			newest = &L.dbx->v[i];
	if (newest && strcmp(newest->payment_method, "direct_debit") == 0)
		dbx.sepa_preferred = true;
	else if (newest && (strcmp(newest->payment_method, "credit_card") == 0 ||
			    strcmp(newest->payment_method, "amex") == 0))
		dbx.card = "dedibox";
	dd_billing_default_payment(&dbx, NULL, &d);
	snprintf(buf, len, "%s. %s (The Dedibox side is read from its newest invoice, paid by %s; "
		 "Scaleway's preferred method is in no public API: if it is SEPA, SEPA wins, and a "
		 "Scaleway card wins over a different Dedibox card.)",
		 d.kind == DD_PAY_SEPA ? "SEPA direct debit" : d.kind == DD_PAY_CARD ? "Credit card" : "None known",
		 d.why, newest && newest->payment_method[0] ? newest->payment_method : "an unknown method");
}

static void draw(const struct dd_app *app)
{
	struct dd_invoice_lists L = dd_billing_lists(app);
	const struct dd_invoice *v = dd_invoice_get(&L, app->billing.open);
	const struct dd_payment *p = dd_store_payment(dd_account_store(app->account));
	const struct dd_theme *th = &app->theme;
	int y = dd_app_body_top();
	char title[160], buf[400], m1[32], m2[32], m3[32];

	if (!v) {
		dd_draw_text(y + 1, 2, app->cols - 4, "This invoice is no longer in the list. Esc goes back.",
			     dd_theme_attr(th, DD_R_DIM));
		return;
	}
	snprintf(title, sizeof(title), " %s invoice %s", dd_invoice_source_name(v->source),
		 v->number[0] ? v->number : "(draft: no number yet)");
	dd_draw_text(y++, 0, app->cols, title, dd_theme_attr(th, DD_R_SECTION));
	y += row(app, y, "State", v->state);
	y += row(app, y, "Meaning", dd_billing_state_text(v->source, v->state, buf, sizeof(buf)));
	snprintf(buf, sizeof(buf), "%.10s to %.10s", v->period_start[0] ? v->period_start : "-",
		 v->period_stop[0] ? v->period_stop : "-");
	if (v->source == DD_INVOICE_SCALEWAY)
		y += row(app, y, "Period", buf);
	snprintf(buf, sizeof(buf), "issued %.10s, due %.10s%s%.10s", v->issued[0] ? v->issued : "-",
		 v->due[0] ? v->due : "(10 days after issue)", v->paid[0] ? ", paid " : "", v->paid);
	y += row(app, y, "Dates", buf);
	snprintf(buf, sizeof(buf), "%s excl. tax + %s VAT = %s", money(v, &v->untaxed, m1, sizeof(m1)),
		 money(v, &v->vat, m2, sizeof(m2)), money(v, &v->taxed, m3, sizeof(m3)));
	y += row(app, y, "Total", buf);
	if (v->has_totals && (v->discount.units || v->discount.nanos))
		y += row(app, y, "Discount", money(v, &v->discount, m1, sizeof(m1)));
	if (v->source == DD_INVOICE_DEDIBOX)
		y += row(app, y, "Paid with", v->payment_method[0] ? v->payment_method : "not said");
	else
		y += row(app, y, "Paid with", "the account's preferred method (the Billing API does not say which)");
	snprintf(buf, sizeof(buf), "%s; billing %s; can order: %s. Payment methods are added or "
		 "changed only in the Scaleway console, https://console.scaleway.com (no public API).",
		 p->payment_mode ? "a payment method is registered" : "no payment method registered",
		 p->billing_ok ? "ok" : "blocked", p->can_order ? "yes" : "no");
	y += row(app, y, "Account", buf);
	char why[800];
	default_method(app, why, sizeof(why));
	y += row(app, y, "Default method", why);
	if (v->source == DD_INVOICE_SCALEWAY)
		y += row(app, y, "On the PDF",
			 "1 number, 2 status and dates, 3 seller, 4 customer, 5 projects table, "
			 "6 totals (above), 7 consumption table: d downloads it.");
	y++;
	timeline(app, v, y);
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	(void)fkey;
	if (act == DD_ACT_ESC || act == DD_ACT_BACK) {
		dd_app_switch(app, &dd_screen_billing);
		return DD_RES_REDRAW;
	}
	if (act == DD_ACT_NONE && ch == 'd') {
		struct dd_invoice_lists L = dd_billing_lists(app);
		const struct dd_invoice *v = dd_invoice_get(&L, app->billing.open);
		dd_billing_download(app, v);
		return DD_RES_REDRAW;
	}
	return DD_RES_UNHANDLED;
}

const struct dd_screen_ops dd_screen_invoice = {
	.name = "Invoice",
	.scopes = 0,
	.draw = draw,
	.key = key,
};
