/* What the invoice detail says, as lines: the invoice, its state in plain
 * words, the payment method, the Dedibox invoice's lines or the seven
 * parts of a Scaleway invoice (seed 002: which ones an API gives, and for
 * the others that they are only on the PDF), and for an invoice still
 * owed, the seed's timeline with today in its place. */
#include "tui/invoice_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dbx_lines.h"
#include "core/i18n.h"
#include "core/money_display.h"
#include "core/store_billing.h"
#include "tui/app.h"

static struct dd_pline *add(struct dd_page *p)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct dd_pline *v = realloc(p->v, cap * sizeof(*v));
		if (!v) {
			p->oom = 1;
			return NULL;
		}
		p->v = v;
		p->cap = cap;
	}
	struct dd_pline *l = &p->v[p->n++];
	memset(l, 0, sizeof(*l));
	return l;
}

/* Cuts s into lines of at most w bytes at spaces (a word longer than w
 * is cut); each piece goes to a new line at x. */
static void wrap(struct dd_page *p, int x, const char *label, const char *s, int role)
{
	int w = p->width - x - 2;
	bool first = true;

	if (w < 20)
		w = 20;
	if (w > (int)sizeof(p->v->text) - 1)
		w = (int)sizeof(p->v->text) - 1;
	do {
		size_t len = strlen(s), cut = len;
		if (len > (size_t)w) {
			cut = (size_t)w;
			while (cut > 0 && s[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = (size_t)w;
		}
		struct dd_pline *l = add(p);
		if (!l)
			return;
		l->x = x;
		l->role = role;
		if (first && label)
			snprintf(l->label, sizeof(l->label), "%s", label);
		snprintf(l->text, sizeof(l->text), "%.*s", (int)cut, s);
		s += cut;
		while (*s == ' ')
			s++;
		first = false;
	} while (*s);
}

void dd_page_row(struct dd_page *p, const char *label, const char *value, int role)
{
	wrap(p, 20, label, value, role);
}

void dd_page_text(struct dd_page *p, int x, const char *text, int role)
{
	wrap(p, x, NULL, text, role);
}

void dd_page_free(struct dd_page *p)
{
	free(p->v);
	memset(p, 0, sizeof(*p));
}

static const char *money(const struct dd_invoice *v, const struct dd_money *m, char *buf, size_t n)
{
	if (!v->has_totals)
		return _("not given by the API");
	dd_money_display(m, buf, n);
	return buf;
}

static void timeline(const struct dd_app *app, const struct dd_invoice *v, struct dd_page *p)
{
	struct dd_billing_deadline dl;
	struct dd_invoice_step st[DD_INVOICE_STEPS];
	struct dd_error err;
	int64_t today;
	char line[160];

	if (dd_invoice_today(&today, &err) < 0) {
		dd_page_row(p, _("Deadlines"), err.message, DD_R_ERROR);
		return;
	}
	int owed = dd_invoice_deadline(v, today, &dl, &err);
	if (owed < 0)
		dd_page_row(p, _("Deadlines"), err.message, DD_R_ERROR);
	if (owed <= 0)
		return;
	(void)app;
	dd_page_text(p, 2, _("Deadlines"), DD_R_SECTION);
	size_t n = dd_invoice_timeline(&dl, today, st);
	for (size_t k = 0; k < n; k++) {
		int yy, mm, dd;
		char day[32];
		dd_billing_ymd(st[k].day, &yy, &mm, &dd);
		dd_date_display(yy, mm, dd, day, sizeof(day));
		snprintf(line, sizeof(line), "%s %s  %s%s", st[k].today ? ">" : " ", day,
			 _(st[k].what), st[k].today && strcmp(st[k].what, "today") ? _("  (today)") : "");
		dd_page_text(p, 4, line, st[k].today ? DD_R_ERROR : DD_R_NORMAL);
	}
	if (dl.days_left >= 0) {
		snprintf(line, sizeof(line), P_("%lld day left to the next step", "%lld days left to the next step",
			    (unsigned long)dl.days_left), (long long)dl.days_left);
		dd_page_text(p, 4, line, DD_R_VALUE);
	}
	dd_page_row(p, _("What to do"), _(dl.advice), DD_R_VALUE);
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
	snprintf(buf, len, _("%s. %s (The Dedibox side is read from its newest invoice, paid by %s; "
		 "Scaleway's preferred method is in no public API: if it is SEPA, SEPA wins, and a "
		 "Scaleway card wins over a different Dedibox card.)"),
		 d.kind == DD_PAY_SEPA ? _("SEPA direct debit") : d.kind == DD_PAY_CARD ? _("Credit card") : _("None known"),
		 d.why, newest && newest->payment_method[0] ? newest->payment_method : _("an unknown method"));
}

/* A collection that is being read, failed, or was never asked for. */
static bool not_ready(const struct dd_store *st, enum dd_kind kind, struct dd_page *p, const char *label)
{
	const struct dd_coll *m = dd_store_meta(st, kind);
	if (m->state == DD_COLL_FRESH || m->state == DD_COLL_STALE)
		return false;
	if (m->state == DD_COLL_ERROR)
		dd_page_row(p, label, m->error.message, DD_R_ERROR);
	else
		dd_page_row(p, label, _("reading..."), DD_R_DIM);
	return true;
}

static void dedibox_lines(const struct dd_app *app, const struct dd_invoice *v, struct dd_page *p)
{
	const struct dd_store *st = dd_account_store(app->account);
	const struct dd_invoice_line_list *l = dd_store_dbx_lines(st);
	const struct dd_coll *m = dd_store_meta(st, DD_KIND_DBX_LINES);
	char line[320], amt[32];
	size_t shown = 0;

	dd_page_text(p, 2, _("Lines (one per server billed)"), DD_R_SECTION);
	if (!dd_dbx_lines_have(l, v->id)) {
		if (m->state == DD_COLL_LOADING)
			dd_page_text(p, 4, _("Reading the invoice's lines (the list has none)..."), DD_R_DIM);
		else if (m->state == DD_COLL_ERROR || m->state == DD_COLL_STALE)
			dd_page_text(p, 4, m->error.message, DD_R_ERROR);
		else
			dd_page_text(p, 4, _("The API gave this invoice no lines."), DD_R_DIM);
		return;
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct dd_invoice_line *x = &l->v[i];
		if (strcmp(x->invoice_id, v->id) != 0)
			continue;
		shown++;
		if (x->server_id) {
			dd_money_display(&x->untaxed, amt, sizeof(amt));
			snprintf(line, sizeof(line), _("server %-8lld %-24.24s %-20.20s %14s"), (long long)x->server_id,
				 x->hostname, x->offer, amt);
			dd_page_text(p, 4, line, DD_R_VALUE);
		} else {
			dd_page_text(p, 4, x->text, DD_R_NORMAL);
		}
	}
}

static void discounts(const struct dd_app *app, const struct dd_invoice *v, struct dd_page *p)
{
	const struct dd_store *st = dd_account_store(app->account);
	const struct dd_discount_list *dl = dd_store_discounts(st);
	char buf[600], a[32], b[32], c[32];

	snprintf(buf, sizeof(buf), _("%s off this invoice"), money(v, &v->discount, a, sizeof(a)));
	dd_page_row(p, _("Discounts"), buf, DD_R_VALUE);
	if (not_ready(st, DD_KIND_DISCOUNTS, p, "   account's"))
		return;
	for (size_t i = 0; i < dl->n; i++) {
		const struct dd_discount *d = &dl->v[i];
		dd_money_display(&d->value, a, sizeof(a));
		dd_money_display(&d->value_used, b, sizeof(b));
		dd_money_display(&d->value_remaining, c, sizeof(c));
		snprintf(buf, sizeof(buf), _("%s: %s, used %s, remaining %s, valid %.10s to %.10s"), d->description, a, b,
			 c, d->start[0] ? d->start : "-", d->stop[0] ? d->stop : _("(no end)"));
		dd_page_row(p, i ? "" : _("   account's"), buf, DD_R_VALUE);
	}
	if (!dl->n)
		dd_page_row(p, _("   account's"), _("none"), DD_R_DIM);
}

/* Part 5: per project, from the consumption of the current month. */
static void projects(const struct dd_store *st, struct dd_page *p)
{
	const struct dd_consumption_list *c = dd_store_consumption(st);
	char buf[320], amt[32];
	for (size_t i = 0; i < c->n; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(c->v[j].project_id, c->v[i].project_id) == 0;
		if (seen)
			continue;
		int64_t cents = 0;
		size_t nres = 0;
		for (size_t j = i; j < c->n; j++)
			if (strcmp(c->v[j].project_id, c->v[i].project_id) == 0)
				cents += dd_money_cents(&c->v[j].value), nres++;
		struct dd_money m;
		dd_money_from_cents(cents, c->v[i].value.currency, &m);
		dd_money_display(&m, amt, sizeof(amt));
		snprintf(buf, sizeof(buf), _("project %s: %zu resource%s, %s so far"), c->v[i].project_id[0] ? c->v[i].project_id : _("(none)"),
			 nres, nres == 1 ? "" : "s", amt);
		dd_page_text(p, 20, buf, DD_R_VALUE);
	}
}

static void seven_parts(const struct dd_app *app, const struct dd_invoice *v, struct dd_page *p)
{
	const struct dd_store *st = dd_account_store(app->account);
	bool draft = strcasecmp(v->state, "draft") == 0;
	char buf[600], a[32], b[32], c[32], d[32];
	const char *pdf = _("in no public API: printed on the PDF only (d saves it).");

	dd_page_text(p, 2, _("The seven parts of the invoice (Scaleway's FAQ)"), DD_R_SECTION);
	dd_page_row(p, _("1 Number"), v->number[0] ? v->number : _("none yet: a draft is numbered when it is issued"),
		    DD_R_VALUE);
	snprintf(buf, sizeof(buf), _("%s; period %.10s to %.10s; issued %.10s; due %.10s"), v->state,
		 v->period_start[0] ? v->period_start : "-", v->period_stop[0] ? v->period_stop : "-",
		 v->issued[0] ? v->issued : "-", v->due[0] ? v->due : "-");
	dd_page_row(p, _("2 Status, dates"), buf, DD_R_VALUE);
	snprintf(buf, sizeof(buf), _("Scaleway SAS, its address and VAT number: %s"), pdf);
	dd_page_row(p, _("3 Seller"), buf, DD_R_DIM);
	snprintf(buf, sizeof(buf), _("Your postal address, e-mail, organization ID and EU VAT number: %s"), pdf);
	dd_page_row(p, _("4 Customer"), buf, DD_R_DIM);
	if (!draft) {
		snprintf(buf, sizeof(buf), _("Per project, for a past month: %s (the consumption API gives the current "
			 "month only)"), pdf);
		dd_page_row(p, _("5 Projects"), buf, DD_R_DIM);
	} else if (!not_ready(st, DD_KIND_CONSUMPTION, p, _("5 Projects"))) {
		dd_page_row(p, _("5 Projects"), _("from the consumption of this month, so far:"), DD_R_VALUE);
		projects(st, p);
	}
	snprintf(buf, sizeof(buf), _("not given by the API"));
	/* total_untaxed is after the discount: the sum before it is the two added. */
	if (v->has_totals) {
		struct dd_money before;
		int64_t cents = dd_money_cents(&v->untaxed) + dd_money_cents(&v->discount);
		dd_money_from_cents(cents, v->untaxed.currency, &before);
		dd_money_display(&before, b, sizeof(b));
		dd_money_display(&v->discount, c, sizeof(c));
		dd_money_display(&v->untaxed, d, sizeof(d));
		char t1[32], t2[32];
		dd_money_display(&v->vat, t1, sizeof(t1));
		dd_money_display(&v->taxed, t2, sizeof(t2));
		snprintf(buf, sizeof(buf), _("%s before discount - %s discount = %s excl. tax; + %s VAT = %s"), b, c, d, t1, t2);
	}
	dd_page_row(p, _("6 Totals"), buf, DD_R_VALUE);
	if (draft && !not_ready(st, DD_KIND_TAXES, p, "   taxes")) {
		const struct dd_tax_list *tl = dd_store_taxes(st);
		for (size_t i = 0; i < tl->n; i++) {
			snprintf(buf, sizeof(buf), "%s: %d.%02d%%, %s", tl->v[i].description, tl->v[i].rate_bp / 100,
				 tl->v[i].rate_bp % 100, tl->v[i].has_total ? (dd_money_display(&tl->v[i].total, a, sizeof(a)), a) : "-");
			dd_page_row(p, i ? "" : "   taxes", buf, DD_R_VALUE);
		}
	}
	if (!draft) {
		snprintf(buf, sizeof(buf), _("Resource by resource, for a past month: %s"), pdf);
		dd_page_row(p, _("7 Consumption"), buf, DD_R_DIM);
	} else if (!not_ready(st, DD_KIND_CONSUMPTION, p, _("7 Consumption"))) {
		const struct dd_consumption_list *cl = dd_store_consumption(st);
		snprintf(buf, sizeof(buf), _("%zu line%s so far (dedi billing consumption has them all):"), cl->n,
			 cl->n == 1 ? "" : "s");
		dd_page_row(p, _("7 Consumption"), buf, DD_R_VALUE);
		for (size_t i = 0; i < cl->n; i++) {
			dd_money_display(&cl->v[i].value, a, sizeof(a));
			snprintf(buf, sizeof(buf), "%-14.14s %-34.34s %-18.18s %12s", cl->v[i].category, cl->v[i].product,
				 cl->v[i].resource, a);
			dd_page_text(p, 20, buf, DD_R_NORMAL);
		}
	}
	discounts(app, v, p);
}

void dd_invoice_page(const struct dd_app *app, struct dd_page *p)
{
	struct dd_invoice_lists L = dd_billing_lists(app);
	const struct dd_invoice *v = dd_invoice_get(&L, app->billing.open);
	const struct dd_payment *pay = dd_store_payment(dd_account_store(app->account));
	char title[160], buf[400], m1[32], m2[32], m3[32];

	p->width = app->cols;
	if (!v) {
		dd_page_text(p, 2, _("This invoice is no longer in the list. Esc goes back."), DD_R_DIM);
		return;
	}
	snprintf(title, sizeof(title), _("%s invoice %s"), dd_invoice_source_name(v->source),
		 v->number[0] ? v->number : _("(draft: no number yet)"));
	dd_page_text(p, 1, title, DD_R_SECTION);
	dd_page_row(p, _("State"), v->state, DD_R_VALUE);
	dd_page_row(p, _("Meaning"), dd_billing_state_text(v->source, v->state, buf, sizeof(buf)), DD_R_VALUE);
	if (v->source == DD_INVOICE_SCALEWAY) {
		char d1[32], d2[32];
		dd_date_display_iso(v->period_start[0] ? v->period_start : "-", d1, sizeof(d1));
		dd_date_display_iso(v->period_stop[0] ? v->period_stop : "-", d2, sizeof(d2));
		/* TRANSLATORS: a Scaleway invoice bills one calendar month of UTC. */
		snprintf(buf, sizeof(buf), _("%s to %s (a UTC calendar month)"), d1, d2);
		dd_page_row(p, _("Period"), buf, DD_R_VALUE);
	}
	char di[32], du[64], dp[32];
	dd_date_display_iso(v->issued[0] ? v->issued : "-", di, sizeof(di));
	if (v->due[0])
		dd_date_display_iso(v->due, du, sizeof(du));
	else
		snprintf(du, sizeof(du), "%s", _("(10 days after issue)"));
	dd_date_display_iso(v->paid, dp, sizeof(dp));
	if (v->paid[0])
		snprintf(buf, sizeof(buf), _("issued %s, due %s, paid %s"), di, du, dp);
	else
		snprintf(buf, sizeof(buf), _("issued %s, due %s"), di, du);
	dd_page_row(p, _("Dates"), buf, DD_R_VALUE);
	snprintf(buf, sizeof(buf), _("%s excl. tax + %s VAT = %s"), money(v, &v->untaxed, m1, sizeof(m1)),
		 money(v, &v->vat, m2, sizeof(m2)), money(v, &v->taxed, m3, sizeof(m3)));
	dd_page_row(p, _("Total"), buf, DD_R_VALUE);
	if (v->source == DD_INVOICE_DEDIBOX)
		dd_page_row(p, _("Paid with"), v->payment_method[0] ? v->payment_method : _("not said"), DD_R_VALUE);
	else
		dd_page_row(p, _("Paid with"), _("the account's preferred method (the Billing API does not say which)"),
			    DD_R_VALUE);
	snprintf(buf, sizeof(buf), _("%s; billing %s; can order: %s. Payment methods are added or "
		 "changed only in the Scaleway console, https://console.scaleway.com (no public API)."),
		 pay->payment_mode ? _("a payment method is registered") : _("no payment method registered"),
		 pay->billing_ok ? _("ok") : _("blocked"), pay->can_order ? _("yes") : _("no"));
	dd_page_row(p, _("Account"), buf, DD_R_VALUE);
	char why[800];
	default_method(app, why, sizeof(why));
	dd_page_row(p, _("Default method"), why, DD_R_VALUE);
	timeline(app, v, p);
	if (v->source == DD_INVOICE_DEDIBOX)
		dedibox_lines(app, v, p);
	else
		seven_parts(app, v, p);
	if (p->oom)
		dd_page_text(p, 2, _("(out of memory: the page is cut)"), DD_R_ERROR);
}
