/* dedi link check: the account-linking checks without the screens, for
 * scripts. The facts come from core/link_gather, the verdicts from
 * core/linking, the --report file from core/link_report (the console
 * wizard writes the same). Exit codes: dd_link_exit_code (dedi(1)). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/billing.h"
#include "core/link_gather.h"
#include "core/link_report.h"
#include "core/linking.h"
#include "core/i18n.h"

static const char usage_text[] = N_(
	"usage: dedi link check [--json] [--report FILE [--force]]\n"
	"                       [--scaleway-payment sepa|card[:LAST4]|none]\n"
	"                       [--dedibox-country CC --scaleway-country CC]\n");

struct run {
	bool done;
};

static void on_gathered(void *ud, struct dd_link_facts *facts)
{
	struct run *r = ud;

	(void)facts;
	r->done = true;
}

static const char *mark(enum dd_link_verdict v)
{
	return v == DD_LINK_PASS ? _("pass") : v == DD_LINK_FAIL ? _("FAIL") : _("cannot be checked");
}

static void print_text(const struct dd_link_facts *f, const struct dd_link_report *r)
{
	static const char *const states[] = { N_("same"), N_("DIFFERENT"), N_("one side only"),
					      N_("in no API") };

	printf(_("Status: %s: %s\n\nEligibility (%s):\n"), dd_link_status_word(r->status),
	       r->status_evidence, r->eligible ? _("eligible") : _("not eligible or not decided"));
	for (int i = 0; i < DD_LR_COUNT; i++) {
		const struct dd_link_line *l = &r->lines[i];
		printf("  %-17s %-17s %s%s\n", dd_link_rule_word(l->rule), mark(l->v), l->evidence,
		       l->declared ? _(" [declared]") : "");
	}
	printf(_("\nPayment method: %s\n\nDiscount: %s\n\nData:\n"), r->pay_evidence, r->discount);
	for (int i = 0; i < DD_LF_COUNT; i++) {
		const struct dd_link_field *x = &r->fields[i];
		printf("  %-16s %-28.28s %-28.28s %s\n", x->name, x->dedibox[0] ? x->dedibox : "-",
		       x->scaleway[0] ? x->scaleway : "-", _(states[x->state]));
	}
	printf("  %s\n", r->data_note);
	(void)f;
}

static int check(struct dd_cli *cli, int argc, char **argv)
{
	struct dd_link_facts *f = calloc(1, sizeof(*f));
	struct dd_link_report *r = calloc(1, sizeof(*r));
	const char *report = NULL;
	bool json = cli->json, force = false;
	struct dd_account *a = NULL;
	struct dd_link_gather *g = NULL;
	struct run run = { false };
	struct dd_error err;
	int rc = DD_EXIT_FAILURE;

	dd_error_clear(&err);
	if (!f || !r) {
		fprintf(stderr, _("%s: out of memory\n"), cli->prog);
		goto out;
	}
	dd_link_facts_init(f);
	f->today = (int64_t)time(NULL) / 86400;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		bool takes = strcmp(o, "--report") == 0 || strcmp(o, "--scaleway-payment") == 0 ||
			     strcmp(o, "--dedibox-country") == 0 || strcmp(o, "--scaleway-country") == 0;

		if (strcmp(o, "--json") == 0) {
			json = true;
			continue;
		}
		if (strcmp(o, "--force") == 0) {
			force = true;
			continue;
		}
		if (!takes) {
			fprintf(stderr, _("%s: link check: unknown argument %s\n%s"), cli->prog, o, _(usage_text));
			rc = DD_EXIT_USAGE;
			goto out;
		}
		if (!v) {
			fprintf(stderr, _("%s: link check: %s wants a value\n%s"), cli->prog, o, _(usage_text));
			rc = DD_EXIT_USAGE;
			goto out;
		}
		i++;
		if ((strcmp(o, "--report") == 0 && (report = v, false)) ||
		    (strcmp(o, "--scaleway-payment") == 0 && dd_link_parse_scw_payment(v, f, &err) < 0) ||
		    (strcmp(o, "--dedibox-country") == 0 &&
		     dd_link_parse_country(v, f->declared_dedibox_country, &err) < 0) ||
		    (strcmp(o, "--scaleway-country") == 0 &&
		     dd_link_parse_country(v, f->declared_scaleway_country, &err) < 0)) {
			fprintf(stderr, _("%s: link check: %s: %s\n"), cli->prog, o, err.message);
			rc = DD_EXIT_USAGE;
			goto out;
		}
	}
	if (!(a = dd_cli_open_account(cli, &err))) {
		rc = dd_cli_fail(cli, &err);
		goto out;
	}
	g = dd_link_gather_start(cli->http, dd_account_creds(a), f, on_gathered, &run, &err);
	if (!g) {
		rc = dd_cli_fail(cli, &err);
		goto out;
	}
	dd_http_run(cli->http);
	if (!run.done) {
		fprintf(stderr, _("%s: link check: the requests ended without an answer\n"), cli->prog);
		goto out;
	}
	dd_link_judge(f, r);
	if (report && dd_link_report_write(report, f, r, force, &err) < 0) {
		fprintf(stderr, _("%s: link check: --report %s: %s%s\n"), cli->prog, report, err.message,
			err.kind == DD_E_USAGE ? _(" (--force replaces it)") : "");
		rc = err.kind == DD_E_USAGE ? DD_EXIT_USAGE : DD_EXIT_FAILURE;
		goto out;
	}
	if (json) {
		char *doc = dd_link_report_json(f, r, &err);
		if (!doc) {
			rc = dd_cli_fail(cli, &err);
			goto out;
		}
		/* -o yaml|csv converts it; a failure is the command's, not the
		 * accounts' verdict */
		if ((rc = dd_cli_print_doc(cli, doc)) != DD_EXIT_OK)
			goto out;
	} else {
		print_text(f, r);
	}
	rc = dd_link_exit_code(r);
out:
	dd_link_gather_free(g);
	if (a)
		dd_cli_close_account(cli, a);
	free(f);
	free(r);
	return rc;
}

int dd_cli_link(struct dd_cli *cli, int argc, char **argv)
{
	if (argc >= 1 && strcmp(argv[0], "check") == 0)
		return check(cli, argc, argv);
	fprintf(stderr, _("%s: link: %s\n%s"), cli->prog,
		argc ? _("unknown subcommand") : _("the wizard is the console's (Account tab); for scripts:"),
		_(usage_text));
	return DD_EXIT_USAGE;
}
