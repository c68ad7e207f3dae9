/* dedi billing consumption | estimate | discounts: the current month from
 * the Billing API, the month-end projection of core/billing_estimate, the
 * discounts with what is used and left. Data through the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/billing_estimate.h"
#include "core/billing_load.h"
#include "core/export_billing.h"
#include "core/store.h"
#include "core/store_billing.h"
#include "core/i18n.h"

struct wait {
	int pending;
	struct dd_error err;
};

static void on_done(void *ud, const struct dd_error *err)
{
	struct wait *w = ud;

	w->pending--;
	if (err->kind != DD_OK && w->err.kind == DD_OK)
		w->err = *err;
}

typedef int (*load_fn)(struct dd_account *, struct dd_http *, dd_done_fn, void *, struct dd_error *);

/* Runs the loads together and waits for all; -1 with err on the first
 * failure (each collection keeps its own error in the store). */
static int load(struct dd_cli *cli, struct dd_account *a, const load_fn *fns, size_t n,
		struct dd_error *err)
{
	struct wait w = { 0 };

	dd_error_clear(&w.err);
	for (size_t i = 0; i < n; i++) {
		w.pending++;
		if (fns[i](a, cli->http, on_done, &w, err) < 0) {
			dd_http_run(cli->http);
			return -1;
		}
	}
	dd_http_run(cli->http);
	if (w.err.kind != DD_OK) {
		*err = w.err;
		return -1;
	}
	return 0;
}

static int parse_flags(struct dd_cli *cli, const char *what, int argc, char **argv, int *json)
{
	*json = cli->json;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			*json = 1;
			continue;
		}
		fprintf(stderr, _("%s: billing %s: unknown argument %s\nusage: dedi billing %s [--json]\n"),
			cli->prog, what, argv[i], what);
		return -1;
	}
	return 0;
}

static int print_doc(struct dd_cli *cli, char *doc)
{
	return dd_cli_print_doc(cli, doc);
}

/* Amounts for a person, in the locale's spelling; fmt16 right-aligned in
 * a table's 16 columns. The JSON exports keep dd_money_format's. */
static const char *fmt(const struct dd_money *m, char *buf, size_t len)
{
	return dd_cli_money(m, 0, buf, len);
}

static const char *fmt16(const struct dd_money *m, char *buf, size_t len)
{
	return dd_cli_money(m, 16, buf, len);
}

static const char *fmt_cents(int64_t cents, const char *cur, char *buf, size_t len)
{
	struct dd_money m;

	dd_money_from_cents(cents, cur, &m);
	return fmt16(&m, buf, len);
}

/* The consumption's instant: updated_at, or the clock when the API left it out. */
static int64_t as_of(const struct dd_consumption_list *c)
{
	int64_t t;
	struct dd_error e;

	if (c->updated_at[0] && dd_billing_parse_instant(c->updated_at, &t, &e) == 0)
		return t;
	return (int64_t)time(NULL);
}

static void month_title(int64_t t, char *buf, size_t len)
{
	int y, m, d;

	dd_billing_ymd(t / 86400, &y, &m, &d);
	snprintf(buf, len, "%04d-%02d", y, m);
}

struct group {
	const char *name;
	int64_t cents;
};

/* Adds cents to name's group (n groups of at most cap). */
static void group_add(struct group *g, size_t *n, size_t cap, const char *name, int64_t cents)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(g[i].name, name) == 0) {
			g[i].cents += cents;
			return;
		}
	if (*n < cap) {
		g[*n].name = name;
		g[(*n)++].cents = cents;
	}
}

static void print_groups(const char *title, const struct group *g, size_t n, const char *cur)
{
	char b[48];

	printf("\n%s\n", title);
	for (size_t i = 0; i < n; i++)
		printf("  %-40.40s %s\n", g[i].name[0] ? g[i].name : _("(none)"),
		       fmt_cents(g[i].cents, cur, b, sizeof(b)));
}

static void print_consumption(const struct dd_consumption_list *c, const struct dd_tax_list *t)
{
	char month[16], b[48];
	int64_t total = 0, tax = 0, disc = dd_money_cents(&c->discount_untaxed);
	const char *cur = c->n && c->v[0].value.currency[0] ? c->v[0].value.currency : "EUR";
	struct group *cat = calloc(c->n + 1, sizeof(*cat)), *prj = calloc(c->n + 1, sizeof(*prj));
	size_t ncat = 0, nprj = 0;

	month_title(as_of(c), month, sizeof(month));
	printf(_("Consumption of %s (UTC calendar month) so far, updated %s\n\n"), month,
	       c->updated_at[0] ? c->updated_at : _("(the API did not say when)"));
	printf("%-*s %-*s %-*s %*s %*s\n", DD_COLS(_("CATEGORY"), 16), DD_COLS(_("PRODUCT"), 34), DD_COLS(_("RESOURCE"), 20), DD_COLS(_("QUANTITY"), 12),
	       DD_COLS(_("VALUE"), 16));
	for (size_t i = 0; i < c->n; i++) {
		const struct dd_consumption *l = &c->v[i];
		int64_t v = dd_money_cents(&l->value);
		char q[48];

		snprintf(q, sizeof(q), "%s %s", l->billed_quantity, strcmp(l->unit, "hour") ? l->unit : "h");
		printf("%-16.16s %-34.34s %-20.20s %12s %s\n", l->category, l->product, l->resource, q,
		       fmt16(&l->value, b, sizeof(b)));
		total += v;
		if (cat && prj) {
			group_add(cat, &ncat, c->n, l->category, v);
			group_add(prj, &nprj, c->n, l->project_id, v);
		}
	}
	if (!c->n)
		printf(_("(nothing consumed this month yet)\n"));
	if (cat && prj) {
		print_groups(_("Per category"), cat, ncat, cur);
		print_groups(_("Per project"), prj, nprj, cur);
	}
	free(cat);
	free(prj);
	printf("\n%-*s %s\n", DD_COLS(_("Total so far (excl. tax)"), 43), fmt_cents(total, cur, b, sizeof(b)));
	printf("%-*s %s\n", DD_COLS(_("Discounts"), 43), fmt_cents(-disc, cur, b, sizeof(b)));
	printf(_("Taxes\n"));
	for (size_t i = 0; t && i < t->n; i++) {
		char d[200];

		if (t->v[i].has_rate)
			snprintf(d, sizeof(d), "%s (%d.%02d%%)", t->v[i].description, t->v[i].rate_bp / 100,
				 t->v[i].rate_bp % 100);
		else
			snprintf(d, sizeof(d), "%s", t->v[i].description);
		printf("  %-41.41s %s\n", d, fmt16(&t->v[i].total, b, sizeof(b)));
		tax += dd_money_cents(&t->v[i].total);
	}
	if (!t || !t->n)
		printf(_("  (none)\n"));
	printf("%-*s %s\n", DD_COLS(_("Draft total incl. tax"), 43), fmt_cents(total - disc + tax, cur, b, sizeof(b)));
}

static void print_estimate(const struct dd_consumption_list *c, const struct dd_billing_estimate *e,
			   const struct dd_billing_estimate_line *lines)
{
	char month[16], b1[48], b2[48];

	month_title(e->now, month, sizeof(month));
	printf(_("Month-end estimate for %s (UTC), from the consumption at %s\n\n"), month,
	       c->updated_at[0] ? c->updated_at : _("this instant"));
	printf("%-*s %-*s %*s %*s  %s\n", DD_COLS(_("RESOURCE"), 20), DD_COLS(_("PRODUCT"), 34), DD_COLS(_("SO FAR"), 16), DD_COLS(_("MONTH END"), 16), "");
	for (size_t i = 0; i < c->n; i++)
		printf("%-20.20s %-34.34s %s %s  %s\n", c->v[i].resource, c->v[i].product,
		       fmt16(&lines[i].so_far, b1, sizeof(b1)), fmt16(&lines[i].projected, b2, sizeof(b2)),
		       lines[i].running ? _("running") : _("as billed"));
	printf("\n%-*s %s\n", DD_COLS(_("Billed so far (excl. tax)"), 43), fmt16(&e->so_far, b1, sizeof(b1)));
	printf("%-*s %s\n", DD_COLS(_("Projected at the month's end (excl. tax)"), 43),
	       fmt16(&e->projected, b1, sizeof(b1)));
	snprintf(b2, sizeof(b2), _("Taxes at %d.%02d%%"), e->tax_bp / 100, e->tax_bp % 100);
	printf("%-*s %s\n", DD_COLS(b2, 43), fmt16(&e->tax, b1, sizeof(b1)));
	printf("%-*s %s\n", DD_COLS(_("Projected incl. tax"), 43), fmt16(&e->taxed, b1, sizeof(b1)));
	printf(_("\n%zu line(s) projected as running, %zu counted as billed so far.\n"), e->running,
	       e->kept);
	printf(_("Rule: %s\n"), _(DD_BILLING_ESTIMATE_RULE));
	printf(_("Discounts are not projected: see \"dedi billing discounts\".\n"));
}

static void day_of(const char *ts, char *buf, size_t len)
{
	snprintf(buf, len, "%.10s", ts[0] ? ts : _("(open)"));
}

static void print_discounts(const struct dd_discount_list *d)
{
	char b1[48], b2[48], b3[48], s1[16], s2[16];

	if (!d->n)
		printf(_("No discount on this Organization.\n"));
	for (size_t i = 0; i < d->n; i++) {
		const struct dd_discount *x = &d->v[i];

		day_of(x->start, s1, sizeof(s1));
		day_of(x->stop, s2, sizeof(s2));
		printf("%s%s\n", i ? "\n" : "", x->description[0] ? x->description : x->id);
		printf(_("  id         %s\n"), x->id);
		if (x->coupon[0])
			printf(_("  coupon     %s\n"), x->coupon);
		printf(_("  value      %s, used %s, remaining %s\n"), fmt(&x->value, b1, sizeof(b1)),
		       fmt(&x->value_used, b2, sizeof(b2)), fmt(&x->value_remaining, b3, sizeof(b3)));
		printf(_("  valid      %s to %s (UTC)\n"), s1, s2);
		printf(_("  mode       %s\n"), x->mode);
		for (size_t k = 0; k < x->nfilters; k++)
			printf("  %-10s %s %s %s\n", k ? "" : _("applies"),
			       x->filters[k].exclude ? _("not on") : _("only on"),
			       x->filters[k].type, x->filters[k].value);
	}
}

static int cmd_consumption(struct dd_cli *cli, int argc, char **argv, int estimate)
{
	static const load_fn fns[] = { dd_account_load_consumption, dd_account_load_taxes };
	const char *what = estimate ? "estimate" : "consumption";
	struct dd_account *a;
	struct dd_error err;
	int json, rc;

	if (parse_flags(cli, what, argc, argv, &json) < 0)
		return DD_EXIT_USAGE;
	a = dd_cli_open_account(cli, &err);
	if (!a)
		return dd_cli_fail(cli, &err);
	if (load(cli, a, fns, 2, &err) < 0) {
		dd_cli_close_account(cli, a);
		return dd_cli_fail(cli, &err);
	}
	const struct dd_consumption_list *c = dd_store_consumption(dd_account_store(a));
	const struct dd_tax_list *t = dd_store_taxes(dd_account_store(a));

	if (!estimate) {
		if (json)
			rc = print_doc(cli, dd_export_consumption_json(c, t));
		else {
			print_consumption(c, t);
			rc = DD_EXIT_OK;
		}
	} else {
		struct dd_billing_estimate e;
		struct dd_billing_estimate_line *lines = calloc(c->n + 1, sizeof(*lines));

		if (!lines) {
			dd_error_oom(&err);
			rc = dd_cli_fail(cli, &err);
		} else if (dd_billing_estimate(c, t, as_of(c), &e, lines, &err) < 0) {
			rc = dd_cli_fail(cli, &err);
		} else if (json) {
			rc = print_doc(cli, dd_export_estimate_json(c, &e, lines));
		} else {
			print_estimate(c, &e, lines);
			rc = DD_EXIT_OK;
		}
		free(lines);
	}
	dd_cli_close_account(cli, a);
	return rc;
}

static int cmd_discounts(struct dd_cli *cli, int argc, char **argv)
{
	static const load_fn fns[] = { dd_account_load_discounts };
	struct dd_account *a;
	struct dd_error err;
	int json, rc;

	if (parse_flags(cli, "discounts", argc, argv, &json) < 0)
		return DD_EXIT_USAGE;
	a = dd_cli_open_account(cli, &err);
	if (!a)
		return dd_cli_fail(cli, &err);
	if (load(cli, a, fns, 1, &err) < 0) {
		dd_cli_close_account(cli, a);
		return dd_cli_fail(cli, &err);
	}
	if (json) {
		rc = print_doc(cli, dd_export_discounts_json(dd_store_discounts(dd_account_store(a))));
	} else {
		print_discounts(dd_store_discounts(dd_account_store(a)));
		rc = DD_EXIT_OK;
	}
	dd_cli_close_account(cli, a);
	return rc;
}

int dd_cli_billing(struct dd_cli *cli, int argc, char **argv)
{
	if (argc < 1) {
		fprintf(stderr, _("%s: billing needs a subcommand: consumption, estimate or discounts\n"),
			cli->prog);
		return DD_EXIT_USAGE;
	}
	if (strcmp(argv[0], "consumption") == 0)
		return cmd_consumption(cli, argc, argv, 0);
	if (strcmp(argv[0], "estimate") == 0)
		return cmd_consumption(cli, argc, argv, 1);
	if (strcmp(argv[0], "discounts") == 0)
		return cmd_discounts(cli, argc, argv);
	fprintf(stderr, _("%s: billing: unknown subcommand %s (consumption, estimate, discounts)\n"),
		cli->prog, argv[0]);
	return DD_EXIT_USAGE;
}
