/* dedi invoices list | show | download | export | servers: the invoices
 * of both sources, as one list, and the Dedibox cost per server. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/billing.h"
#include "core/billing_load.h"
#include "core/dbx_lines.h"
#include "core/invoices.h"
#include "core/safefile.h"
#include "core/scw_invoice_pdf.h"
#include "core/store_billing.h"
#include "core/i18n.h"

struct wait {
	int pending;
	struct dd_error err;   /* the first failure */
};

static void on_done(void *ud, const struct dd_error *err)
{
	struct wait *w = ud;

	w->pending--;
	if (err->kind != DD_OK && w->err.kind == DD_OK)
		w->err = *err;
}

static int usage(const struct dd_cli *cli)
{
	fprintf(stderr,
		_("usage: %s invoices list [--json] [--from YYYY-MM] [--to YYYY-MM] [--source dedibox|scaleway]\n"
		"       %s invoices show ID [--json]\n"
		"       %s invoices download ID|--all [-o FILE] [--force] [--from YYYY-MM] [--to YYYY-MM] [--source S]\n"
		"       %s invoices export --csv [-o FILE] [--force] [--from YYYY-MM] [--to YYYY-MM] [--source S]\n"
		"       %s invoices servers [--year YYYY] [--json]\n"),
		cli->prog, cli->prog, cli->prog, cli->prog, cli->prog);
	return DD_EXIT_USAGE;
}

struct opts {
	struct dd_invoice_sel sel;
	int json, csv, force, all;
	int year;    /* --year, 0: this year */
	const char *out, *id;
};

/* Reads the options every subcommand shares; -1 after a message. */
static int parse(const struct dd_cli *cli, int argc, char **argv, struct opts *o)
{
	struct dd_error err;
	int64_t first, next;

	memset(o, 0, sizeof(*o));
	dd_invoice_sel_all(&o->sel);
	o->json = cli->json;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int has = i + 1 < argc;
		if (strcmp(a, "--json") == 0) {
			o->json = 1;
		} else if (strcmp(a, "--csv") == 0) {
			o->csv = 1;
		} else if (strcmp(a, "--force") == 0) {
			o->force = 1;
		} else if (strcmp(a, "--all") == 0) {
			o->all = 1;
		} else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && has) {
			o->out = argv[++i];
		} else if ((strcmp(a, "--from") == 0 || strcmp(a, "--to") == 0) && has) {
			if (dd_invoice_parse_month(argv[++i], &first, &next, &err) < 0) {
				fprintf(stderr, "%s: %s %s\n", cli->prog, a, err.message);
				return -1;
			}
			if (a[2] == 'f')
				o->sel.from = first;
			else
				o->sel.to = next;
		} else if (strcmp(a, "--year") == 0 && has) {
			const char *y = argv[++i];
			char *end;
			long v = strtol(y, &end, 10);
			if (strlen(y) != 4 || *end || v < 1990 || v > 9999) {
				fprintf(stderr, _("%s: --year wants a year like 2026, not \"%.20s\"\n"), cli->prog, y);
				return -1;
			}
			o->year = (int)v;
		} else if (strcmp(a, "--source") == 0 && has) {
			const char *s = argv[++i];
			if (strcmp(s, "dedibox") == 0)
				o->sel.source = DD_INVOICE_DEDIBOX;
			else if (strcmp(s, "scaleway") == 0)
				o->sel.source = DD_INVOICE_SCALEWAY;
			else {
				fprintf(stderr, _("%s: --source is dedibox or scaleway, not \"%.20s\"\n"), cli->prog, s);
				return -1;
			}
		} else if (a[0] != '-' && !o->id) {
			o->id = a;
		} else {
			fprintf(stderr, _("%s: invoices %s: unknown or incomplete argument %s\n"), cli->prog,
				argv[0], a);
			return -1;
		}
	}
	return 0;
}

/* Reads both lists (the sources the selection wants). A source that
 * cannot be read fails the command: a list with one source missing would
 * pass for all the invoices. */
static struct dd_account *load(struct dd_cli *cli, const struct opts *o, struct dd_invoice_lists *L,
			       int *rc)
{
	struct dd_error err;
	struct wait w = { 0 };
	struct dd_account *a = dd_cli_open_account(cli, &err);

	if (!a) {
		*rc = dd_cli_fail(cli, &err);
		return NULL;
	}
	for (int s = 0; s < 2; s++) {
		enum dd_kind k = s ? DD_KIND_SCW_INVOICES : DD_KIND_DBX_INVOICES;
		if (o->sel.source >= 0 && o->sel.source != (s ? DD_INVOICE_SCALEWAY : DD_INVOICE_DEDIBOX))
			continue;
		if (dd_account_load_billing(a, cli->http, k, on_done, &w, &err) < 0) {
			if (w.err.kind == DD_OK)
				w.err = err;
			break;
		}
		w.pending++;
	}
	dd_http_run(cli->http);
	if (w.err.kind != DD_OK) {
		*rc = dd_cli_fail(cli, &w.err);
		dd_cli_close_account(cli, a);
		return NULL;
	}
	L->scw = o->sel.source == DD_INVOICE_DEDIBOX ? NULL : dd_store_scw_invoices(dd_account_store(a));
	L->dbx = o->sel.source == DD_INVOICE_SCALEWAY ? NULL : dd_store_dbx_invoices(dd_account_store(a));
	return a;
}

/* An invoice's amount for a person, right-aligned to w columns. */
static const char *money(const struct dd_invoice *v, const struct dd_money *m, int w, char *buf, size_t n)
{
	if (!v->has_totals) {
		snprintf(buf, n, "%*s", w, "-");
		return buf;
	}
	return dd_cli_money(m, w, buf, n);
}

static const char *day(const char *ts, char *buf)
{
	snprintf(buf, 11, "%s", ts[0] ? ts : "-");
	return buf;
}

static const char *period(const struct dd_invoice *v, char *buf, size_t n)
{
	int64_t first;
	int y, m, d;
	if (dd_invoice_month(v, &first) < 0)
		return "-";
	dd_billing_ymd(first, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d", y, m);
	return buf;
}

static void print_totals(const struct dd_billing_totals *t, size_t n)
{
	char a[48], b[48], c[48];

	printf(P_("%zu invoice", "%zu invoices", n), n);
	for (size_t k = 0; k < t->nsums; k++) {
		dd_cli_money(&t->sums[k].untaxed, 0, a, sizeof(a));
		dd_cli_money(&t->sums[k].vat, 0, b, sizeof(b));
		dd_cli_money(&t->sums[k].taxed, 0, c, sizeof(c));
		printf(_("%s %s excl. tax + %s VAT = %s"), k ? ";" : ":", a, b, c);
	}
	if (t->without_totals)
		printf(_(" (%zu without totals, not added)"), t->without_totals);
	putchar('\n');
}

static int cmd_list(struct dd_cli *cli, const struct opts *o)
{
	struct dd_invoice_lists L = { 0 };
	struct dd_invoice_ref *refs = NULL;
	struct dd_billing_totals t;
	struct dd_error err;
	size_t n = 0;
	int rc = DD_EXIT_OK;
	struct dd_account *a = load(cli, o, &L, &rc);

	if (!a)
		return rc;
	if (dd_invoices_select(&L, &o->sel, &refs, &n, &err) < 0 ||
	    dd_invoices_totals(&L, refs, n, &t, &err) < 0) {
		rc = dd_cli_fail(cli, &err);
	} else if (o->json) {
		rc = dd_cli_print_doc(cli, dd_export_invoices_json(&L, refs, n));
	} else {
		char p[16], i1[12], i2[12], m1[48], m2[48], m3[48];
		printf("%-*s  %-*s  %-*s  %-*s  %-*s  %*s  %*s  %*s  %s\n", DD_COLS(_("NUMBER"), 36), DD_COLS(_("SOURCE"), 8),
		       DD_COLS(_("PERIOD"), 7), DD_COLS(_("ISSUED"), 10), DD_COLS(_("DUE"), 10), DD_COLS(_("EXCL. TAX"), 14), DD_COLS(_("VAT"), 12), DD_COLS(_("INCL. TAX"), 14), _("STATE"));
		for (size_t i = 0; i < n; i++) {
			const struct dd_invoice *v = dd_invoice_get(&L, refs[i]);
			printf("%-36s  %-8s  %-7s  %-10s  %-10s  %s  %s  %s  %s\n",
			       v->number[0] ? v->number : v->id, v->source == DD_INVOICE_SCALEWAY ? "scaleway" : "dedibox",
			       period(v, p, sizeof(p)), day(v->issued, i1), day(v->due, i2),
			       money(v, &v->untaxed, 14, m1, sizeof(m1)), money(v, &v->vat, 12, m2, sizeof(m2)),
			       money(v, &v->taxed, 14, m3, sizeof(m3)), v->state);
		}
		print_totals(&t, n);
		if (o->sel.from != INT64_MIN || o->sel.to != INT64_MAX)
			printf(_("Months filtered by dedi: the Dedibox invoice list has no period filter, "
			       "so both lists were read whole.\n"));
	}
	free(refs);
	dd_cli_close_account(cli, a);
	return rc;
}

static int find(struct dd_cli *cli, const struct opts *o, const struct dd_invoice_lists *L,
		const struct dd_invoice **v)
{
	*v = dd_invoice_find(L, o->id);
	if (*v)
		return DD_EXIT_OK;
	fprintf(stderr, _("%s: no invoice \"%.48s\" in either source (dedi invoices list shows the "
			"ids and numbers)\n"), cli->prog, o->id);
	return DD_EXIT_NOT_FOUND;
}

/* Reads the lines of the Dedibox invoices ids into the store; the exit
 * code (a failure is said on stderr). */
static int read_lines(struct dd_cli *cli, struct dd_account *a, const char *const *ids, size_t n)
{
	struct wait w = { 0 };
	struct dd_error err;

	if (dd_account_load_dbx_lines(a, cli->http, ids, n, on_done, &w, &err) < 0)
		return dd_cli_fail(cli, &err);
	w.pending = 1;
	dd_http_run(cli->http);
	return w.err.kind != DD_OK ? dd_cli_fail(cli, &w.err) : DD_EXIT_OK;
}

/* A Dedibox invoice's lines (GET /invoices/{id}: the list has none). */
static int print_lines(struct dd_cli *cli, struct dd_account *a, const struct dd_invoice *v)
{
	const char *id = v->id;
	int rc = read_lines(cli, a, &id, 1);
	const struct dd_invoice_line_list *l = dd_store_dbx_lines(dd_account_store(a));
	size_t shown = 0;

	if (rc != DD_EXIT_OK)
		return rc;
	printf(_("lines:\n"));
	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].invoice_id, v->id) != 0)
			continue;
		shown++;
		if (l->v[i].server_id) {
			char m[48];
			dd_cli_money(&l->v[i].untaxed, 14, m, sizeof(m));
			printf(_("  server %-8lld %-24s %-20s %s\n"), (long long)l->v[i].server_id,
			       l->v[i].hostname, l->v[i].offer, m);
		} else {
			printf("  %s\n", l->v[i].text);
		}
	}
	if (!shown)
		printf(_("  (the API gave this invoice no content)\n"));
	return DD_EXIT_OK;
}

static int cmd_show(struct dd_cli *cli, const struct opts *o)
{
	struct dd_invoice_lists L = { 0 };
	const struct dd_invoice *v;
	struct dd_billing_deadline dl;
	struct dd_error err;
	char buf[256], m1[48], m2[48], m3[48], p[16];

	int64_t today;
	int rc = DD_EXIT_OK;
	struct dd_account *a;

	if (!o->id)
		return usage(cli);
	if (dd_invoice_today(&today, &err) < 0)
		return dd_cli_fail(cli, &err);
	if (!(a = load(cli, o, &L, &rc)))
		return rc;
	if ((rc = find(cli, o, &L, &v)) != DD_EXIT_OK) {
		dd_cli_close_account(cli, a);
		return rc;
	}
	if (o->json) {
		rc = dd_cli_print_doc(cli, dd_export_invoice_json(v));
		dd_cli_close_account(cli, a);
		return rc;
	}
	printf("%-16s %s\n", "id", v->id);
	printf("%-*s %s\n", DD_COLS(_("number"), 16), v->number[0] ? v->number : _("(none yet: a draft has no number)"));
	printf("%-*s %s\n", DD_COLS(_("source"), 16), dd_invoice_source_name(v->source));
	printf("%-*s %s\n", DD_COLS(_("period"), 16), period(v, p, sizeof(p)));
	printf("%-*s %s\n", DD_COLS(_("issued"), 16), v->issued[0] ? v->issued : "-");
	printf("%-*s %s\n", DD_COLS(_("due"), 16), v->due[0] ? v->due : "-");
	if (v->paid[0])
		printf("%-*s %s\n", DD_COLS(_("paid"), 16), v->paid);
	printf("%-*s %s: %s\n", DD_COLS(_("state"), 16), v->state,
	       dd_billing_state_text(v->source, v->state, buf, sizeof(buf)));
	if (v->type[0])
		printf("%-*s %s\n", DD_COLS(_("type"), 16), v->type);
	printf("%-*s %s\n", DD_COLS(_("payment method"), 16),
	       v->payment_method[0] ? v->payment_method
				    : _("not given by the Scaleway API: the account's preferred method is debited"));
	printf("%-*s %s\n", DD_COLS(_("total excl. tax"), 16), money(v, &v->untaxed, 0, m1, sizeof(m1)));
	printf("%-*s %s\n", DD_COLS(_("VAT"), 16), money(v, &v->vat, 0, m2, sizeof(m2)));
	printf("%-*s %s\n", DD_COLS(_("total incl. tax"), 16), money(v, &v->taxed, 0, m3, sizeof(m3)));
	if (v->has_totals && (v->discount.units || v->discount.nanos))
		printf("%-*s %s\n", DD_COLS(_("discount"), 16), money(v, &v->discount, 0, m1, sizeof(m1)));
	if (v->source == DD_INVOICE_DEDIBOX)
		rc = print_lines(cli, a, v);
	if (dd_invoice_deadline(v, today, &dl, &err) > 0) {
		struct dd_invoice_step st[DD_INVOICE_STEPS];
		size_t ns = dd_invoice_timeline(&dl, today, st);
		int y, m, d;
		printf(_("deadlines:\n"));
		for (size_t k = 0; k < ns; k++) {
			dd_billing_ymd(st[k].day, &y, &m, &d);
			printf("  %04d-%02d-%02d  %s%s\n", y, m, d, _(st[k].what),
			       st[k].today && strcmp(st[k].what, "today") != 0 ? _("   <- today") : "");
		}
		if (dl.days_left >= 0)
			printf(_("days left to the next step: %lld\n"), (long long)dl.days_left);
		printf(_("what to do: %s\n"), dl.advice);
	}
	dd_cli_close_account(cli, a);
	return rc;
}

struct dlw {
	struct wait w;
	const char *path;
	int ok;
};

static void on_saved(void *ud, const struct dd_error *err)
{
	struct dlw *d = ud;
	on_done(&d->w, err);
	if (err->kind == DD_OK)
		d->ok++;
}

/* Downloads one invoice to path; the exit code. */
static int download_one(struct dd_cli *cli, struct dd_account *a, const struct dd_invoice *v,
			const char *path, int force)
{
	struct dlw d = { .path = path };
	struct dd_error err;

	if (dd_invoice_download(a, cli->http, v, path, force, on_saved, &d, &err) < 0)
		return dd_cli_fail(cli, &err);
	d.w.pending = 1;
	dd_http_run(cli->http);
	if (d.w.err.kind != DD_OK)
		return dd_cli_fail(cli, &d.w.err);
	printf("%s\n", path);
	return DD_EXIT_OK;
}

static int cmd_download(struct dd_cli *cli, const struct opts *o)
{
	struct dd_invoice_lists L = { 0 };
	const struct dd_invoice *v;
	struct dd_invoice_ref *refs = NULL;
	struct dd_error err;
	char name[96], path[4096];
	size_t n = 0;
	int rc = DD_EXIT_OK;
	struct dd_account *a;

	if (!o->id == !o->all || (o->all && o->out && strcmp(o->out, ".") != 0 && access(o->out, F_OK) != 0)) {
		if (o->all && o->out)
			fprintf(stderr, _("%s: with --all, -o names an existing directory\n"), cli->prog);
		return usage(cli);
	}
	if (!(a = load(cli, o, &L, &rc)))
		return rc;
	if (!o->all) {
		if ((rc = find(cli, o, &L, &v)) == DD_EXIT_OK) {
			if (o->out)
				snprintf(path, sizeof(path), "%s", o->out);
			else if (dd_invoice_filename(v, path, sizeof(path)) < 0)
				rc = DD_EXIT_FAILURE, fprintf(stderr, _("%s: no usable file name for this invoice: give -o FILE\n"), cli->prog);
			if (rc == DD_EXIT_OK)
				rc = download_one(cli, a, v, path, o->force);
		}
		dd_cli_close_account(cli, a);
		return rc;
	}
	/* Bulk: every invoice of the selection that has a PDF (a draft has none). */
	if (dd_invoices_select(&L, &o->sel, &refs, &n, &err) < 0) {
		rc = dd_cli_fail(cli, &err);
		n = 0;
	}
	for (size_t i = 0; i < n; i++) {
		v = dd_invoice_get(&L, refs[i]);
		if (strcasecmp(v->state, "draft") == 0 || dd_invoice_filename(v, name, sizeof(name)) < 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", o->out ? o->out : ".", name);
		int r = download_one(cli, a, v, path, o->force);
		if (r != DD_EXIT_OK && rc == DD_EXIT_OK)
			rc = r;
	}
	free(refs);
	dd_cli_close_account(cli, a);
	return rc;
}

static int cmd_export(struct dd_cli *cli, const struct opts *o)
{
	struct dd_invoice_lists L = { 0 };
	struct dd_invoice_ref *refs = NULL;
	struct dd_error err;
	size_t n = 0, len = 0;
	char *csv = NULL;
	int rc = DD_EXIT_OK;
	struct dd_account *a;

	if (!o->csv || o->id) {
		fprintf(stderr, _("%s: invoices export writes CSV: say --csv\n"), cli->prog);
		return usage(cli);
	}
	if (!(a = load(cli, o, &L, &rc)))
		return rc;
	if (dd_invoices_select(&L, &o->sel, &refs, &n, &err) < 0) {
		rc = dd_cli_fail(cli, &err);
	} else if (!(csv = dd_invoices_csv(&L, refs, n, &len))) {
		rc = DD_EXIT_FAILURE;
		fprintf(stderr, _("%s: out of memory\n"), cli->prog);
	} else if (o->out) {
		if (dd_safefile_create(o->out, csv, len, o->force, &err) < 0) {
			if (err.kind == DD_E_USAGE && !o->force)
				fprintf(stderr, _("%s: %s exists: left as it is (--force replaces it)\n"),
					cli->prog, o->out), rc = DD_EXIT_FAILURE;
			else
				rc = dd_cli_fail(cli, &err);
		} else {
			fprintf(stderr, _("%zu invoices written to %s\n"), n, o->out);
		}
	} else {
		fwrite(csv, 1, len, stdout);
	}
	free(csv);
	free(refs);
	dd_cli_close_account(cli, a);
	return rc;
}

/* The Dedibox cost per server over a year: the lines of every invoice
 * billing that year, read one by one (the list has no lines). */
static int cmd_servers(struct dd_cli *cli, struct opts *o)
{
	struct dd_invoice_lists L = { 0 };
	struct dd_server_cost *c = NULL;
	const char **ids = NULL;
	struct dd_error err;
	size_t nids = 0, n = 0, missing = 0;
	int rc = DD_EXIT_OK;
	struct dd_account *a;

	if (o->id || o->sel.source == DD_INVOICE_SCALEWAY) {
		fprintf(stderr, _("%s: invoices servers reads the Dedibox invoices (Scaleway's bill no server)\n"),
			cli->prog);
		return usage(cli);
	}
	if (!o->year) {
		int64_t today;
		int m, d;
		if (dd_invoice_today(&today, &err) < 0)
			return dd_cli_fail(cli, &err);
		dd_billing_ymd(today, &o->year, &m, &d);
	}
	o->sel.source = DD_INVOICE_DEDIBOX;
	if (!(a = load(cli, o, &L, &rc)))
		return rc;
	if (dd_dbx_invoices_of_year(L.dbx, o->year, &ids, &nids, &err) < 0)
		rc = dd_cli_fail(cli, &err);
	else if (nids)
		rc = read_lines(cli, a, ids, nids);
	if (rc == DD_EXIT_OK &&
	    dd_server_costs(L.dbx, dd_store_dbx_lines(dd_account_store(a)), o->year, &c, &n, &missing, &err) < 0)
		rc = dd_cli_fail(cli, &err);
	if (rc == DD_EXIT_OK && o->json) {
		char *doc = dd_export_server_costs_json(o->year, c, n);
		if (doc)
			puts(doc);
		else
			rc = DD_EXIT_FAILURE, fprintf(stderr, _("%s: out of memory\n"), cli->prog);
		free(doc);
	} else if (rc == DD_EXIT_OK) {
		int64_t sum = 0;
		printf("%-*s  %-*s  %-*s  %*s  %*s\n", DD_COLS(_("SERVER"), 10), DD_COLS(_("HOSTNAME"), 24), DD_COLS(_("OFFER"), 20), DD_COLS(_("MONTHS"), 6),
		       DD_COLS(_("EXCL. TAX"), 14));
		for (size_t i = 0; i < n; i++) {
			char m[48];
			struct dd_money mm;
			dd_money_from_cents(c[i].cents, c[i].currency, &mm);
			dd_cli_money(&mm, 14, m, sizeof(m));
			printf("%-10lld  %-24s  %-20s  %6zu  %s\n", (long long)c[i].server_id, c[i].hostname,
			       c[i].offer, c[i].months, m);
			sum += c[i].cents;
		}
		struct dd_money tot;
		char m[48];
		dd_money_from_cents(sum, n ? c[0].currency : "EUR", &tot);
		dd_cli_money(&tot, 0, m, sizeof(m));
		printf(P_("%zu server billed in %d", "%zu servers billed in %d", n), n, o->year);
		printf(P_(" by %zu Dedibox invoice: %s excl. tax\n", " by %zu Dedibox invoices: %s excl. tax\n",
			  nids), nids, m);
	}
	if (rc == DD_EXIT_OK && missing)
		fprintf(stderr, P_("%s: %zu invoice of %d had no lines read: not in the sums\n",
				   "%s: %zu invoices of %d had no lines read: not in the sums\n", missing),
			cli->prog, missing, o->year);
	free(c);
	free(ids);
	dd_cli_close_account(cli, a);
	return rc;
}

int dd_cli_invoices(struct dd_cli *cli, int argc, char **argv)
{
	struct opts o;

	if (argc < 1)
		return usage(cli);
	if (parse(cli, argc, argv, &o) < 0)
		return DD_EXIT_USAGE;
	if (strcmp(argv[0], "list") == 0 && !o.id)
		return cmd_list(cli, &o);
	if (strcmp(argv[0], "show") == 0)
		return cmd_show(cli, &o);
	if (strcmp(argv[0], "download") == 0)
		return cmd_download(cli, &o);
	if (strcmp(argv[0], "export") == 0)
		return cmd_export(cli, &o);
	if (strcmp(argv[0], "servers") == 0)
		return cmd_servers(cli, &o);
	return usage(cli);
}
