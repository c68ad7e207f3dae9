/* dedi offers, dedi order OFFER, dedi audit: browse the server offers,
 * order one through the write path (typed confirmation, the idempotency
 * record, never sent twice), read the audit log. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/audit.h"
#include "core/billing_load.h"
#include "core/money.h"
#include "core/order.h"
#include "core/store_billing.h"
#include "core/i18n.h"

static const char offers_usage[] = N_("usage: dedi offers [--zone ZONE] [--json]\n");
static const char order_usage[] = N_(
	"usage: dedi [--dry-run] order OFFER [--zone ZONE] [--yes --confirm=OFFER_NAME] [--wait]\n"
	"            [--force-again]\n");

struct wait {
	int done;
	struct dd_error err;
};

static void on_done(void *ud, const struct dd_error *err)
{
	struct wait *w = ud;
	w->done = 1;
	w->err = *err;
}

/* Loads every zone's offers (and, when pay is set, can-order). */
static int load(struct dd_cli *cli, struct dd_account *a, bool pay, struct dd_error *err)
{
	struct wait w = { 0 }, wp = { 0 };

	if (dd_account_load_offers(a, cli->http, on_done, &w, err) < 0)
		return -1;
	if (pay && dd_account_load_payment(a, cli->http, on_done, &wp, err) < 0)
		return -1;
	dd_http_run(cli->http);
	if (w.err.kind != DD_OK) {
		*err = w.err;
		return -1;
	}
	if (pay && wp.err.kind != DD_OK) {
		*err = wp.err;
		dd_error_prefix(err, _("can-order could not be read, so nothing was sent"));
		return -1;
	}
	return 0;
}

static void gib(int64_t bytes, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRId64 "G", bytes / 1073741824);
}

int dd_cli_offers(struct dd_cli *cli, int argc, char **argv)
{
	const char *zone = NULL;
	struct dd_account *a;
	struct dd_error err;
	int json = cli->json, rc = DD_EXIT_OK;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--zone") == 0 && i + 1 < argc) {
			zone = argv[++i];
		} else if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else {
			fprintf(stderr, _("%s: offers: unknown argument %s\n%s"), cli->prog, argv[i], _(offers_usage));
			return DD_EXIT_USAGE;
		}
	}
	if (!(a = dd_cli_open_account(cli, &err)))
		return dd_cli_fail(cli, &err);
	if (load(cli, a, false, &err) < 0) {
		rc = dd_cli_fail(cli, &err);
		goto out;
	}
	const struct dd_offer_list *l = dd_store_offers(dd_account_store(a));
	if (json) {
		rc = dd_cli_print_doc(cli, dd_order_offers_json(l, zone));
		goto out;
	}
	printf("%-*s %-6s %-*s %-26s %*s %-*s %*s %*s %*s %s\n", DD_COLS(_("ZONE"), 9), "ID", DD_COLS(_("NAME"), 16), "CPU",
	       DD_COLS(_("MEMORY"), 6), DD_COLS(_("DISKS"), 16), DD_COLS(_("BW"), 7), DD_COLS(_("MONTHLY"), 12), DD_COLS(_("SETUP"), 12), _("STOCK"));
	for (size_t i = 0; i < l->n; i++) {
		const struct dd_offer *o = &l->v[i];
		char mem[24], disk[40], price[48], fee[48];
		if (zone && strcmp(o->zone, zone) != 0)
			continue;
		gib(o->memory_bytes, mem, sizeof(mem));
		snprintf(disk, sizeof(disk), "%dx%s %s", o->disk_count,
			 o->disk_count ? (gib(o->disk_bytes / o->disk_count, fee, sizeof(fee)), fee) : "0G",
			 o->disk_type);
		dd_cli_money(&o->price, 12, price, sizeof(price));
		if (o->has_setup_fee)
			dd_cli_money(&o->setup_fee, 12, fee, sizeof(fee));
		else
			snprintf(fee, sizeof(fee), "%12s", "-");
		printf("%-9s %-6" PRId64 " %-16s %-26.26s %6s %-16s %6" PRId64 "M %s %s %s\n",
		       o->zone, o->id, o->name, o->cpu, mem, disk, o->bandwidth / 1000000, price, fee,
		       o->stock);
	}
out:
	dd_cli_close_account(cli, a);
	return rc;
}

struct order_args {
	const char *offer, *zone, *confirm;
	bool yes, wait, force;
};

static int order_bad(const struct dd_cli *cli, const char *what)
{
	fprintf(stderr, _("%s: order: %s\n%s"), cli->prog, what, _(order_usage));
	return DD_EXIT_USAGE;
}

static int parse(const struct dd_cli *cli, int argc, char **argv, struct order_args *o)
{
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i];
		if (strcmp(s, "--zone") == 0 && i + 1 < argc)
			o->zone = argv[++i];
		else if (strncmp(s, "--confirm=", 10) == 0)
			o->confirm = s + 10;
		else if (strcmp(s, "--confirm") == 0 && i + 1 < argc)
			o->confirm = argv[++i];
		else if (strcmp(s, "--yes") == 0)
			o->yes = true;
		else if (strcmp(s, "--wait") == 0)
			o->wait = true;
		else if (strcmp(s, "--force-again") == 0)
			o->force = true;
		else if (s[0] == '-' || o->offer)
			return order_bad(cli, _("unknown argument"));
		else
			o->offer = s;
	}
	if (!o->offer)
		return order_bad(cli, _("which offer? (its name or id, see dedi offers)"));
	if (o->yes && !o->confirm)
		return order_bad(cli, _("--yes needs --confirm=OFFER_NAME: the name of the offer you order"));
	return 0;
}

/* The failing can-order checks, one reason each. */
static int can_order(const struct dd_cli *cli, const struct dd_payment *p)
{
	static const struct { size_t off; const char *why; } checks[] = {
		{ offsetof(struct dd_payment, email_confirmed), N_("the account's email address is not confirmed") },
		{ offsetof(struct dd_payment, phone_confirmed), N_("the account's phone number is not confirmed") },
		{ offsetof(struct dd_payment, user_confirmed), N_("the account is not confirmed yet") },
		{ offsetof(struct dd_payment, payment_mode), N_("no payment method is registered") },
		{ offsetof(struct dd_payment, billing_ok), N_("billing is not in order (an unpaid invoice?)") },
		{ offsetof(struct dd_payment, quota_ok), N_("the account's server quota is reached") },
	};
	if (p->can_order)
		return 0;
	fprintf(stderr, _("%s: order: the API says this account cannot order now%s%s; nothing was sent:\n"),
		cli->prog, p->message[0] ? ": " : "", p->message);
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		if (!*(const bool *)((const char *)p + checks[i].off))
			fprintf(stderr, "  - %s\n", _(checks[i].why));
	return DD_EXIT_REFUSED;
}

/* Interactive: the plan, then the offer's name typed on the terminal. */
static bool confirmed(const struct dd_cli *cli, const struct order_args *o, const struct dd_offer *f,
		      const struct dd_write_plan *plan)
{
	char text[4800], line[128], id[32];

	snprintf(id, sizeof(id), "%" PRId64, f->id);
	if (o->yes)
		return strcmp(o->confirm, f->name) == 0 || strcmp(o->confirm, id) == 0;
	if (!isatty(STDIN_FILENO))
		return false;
	dd_write_describe(plan, text, sizeof(text));
	fprintf(stderr, _("%s\nType the offer's name (%s) to order, anything else cancels: "), text, f->name);
	if (!fgets(line, sizeof(line), stdin))
		return false;
	line[strcspn(line, "\n")] = '\0';
	(void)cli;
	return strcmp(line, f->name) == 0;
}

struct result {
	int done, rc;
	int64_t service;
	const struct dd_cli *cli;
};

static void on_write(void *ud, const struct dd_write_result *r)
{
	struct result *res = ud;
	struct dd_order_service s;
	struct dd_error err;

	res->done = 1;
	if (r->outcome == DD_WRITE_OK) {
		if (dd_scw_decode_service(r->body, r->body_len, &s, &err) == 0) {
			res->service = s.id;
			printf(_("%s: ordered: ordered service %" PRId64 " is %s.\n"), r->plan->summary, s.id,
			       s.status);
		} else {
			printf(_("%s: ordered (the answer could not be read: %s).\n"), r->plan->summary,
			       err.message);
		}
		res->rc = DD_EXIT_OK;
	} else {
		res->rc = dd_cli_fail(res->cli, &r->error);
	}
	if (r->audit.kind != DD_OK)
		fprintf(stderr, _("%s: warning: %s\n"), res->cli->prog, r->audit.message);
}

/* --wait: reads the ordered service until it is delivered (or fails). */
static int follow(struct dd_cli *cli, struct dd_account *a, const char *zone, int64_t id)
{
	struct dd_order_service s;
	struct dd_error err;
	char last[16] = "";

	for (;;) {
		struct wait w = { 0 };
		if (dd_order_read_service(a, cli->http, zone, id, &s, on_done, &w, &err) < 0)
			return dd_cli_fail(cli, &err);
		dd_http_run(cli->http);
		if (w.err.kind != DD_OK)
			return dd_cli_fail(cli, &w.err);
		if (strcmp(last, s.status) != 0) {
			fprintf(stderr, _("ordered service %" PRId64 ": %s\n"), id, s.status);
			snprintf(last, sizeof(last), "%s", s.status);
		}
		if (strcmp(s.status, "ready") == 0) {
			printf(_("ordered service %" PRId64 ": delivered, server %" PRId64 ".\n"), id, s.resource_id);
			return DD_EXIT_OK;
		}
		if (strcmp(s.status, "delivering") != 0) {
			fprintf(stderr, _("%s: order: ordered service %" PRId64 " is %s, not delivered.\n"),
				cli->prog, id, s.status);
			return DD_EXIT_API;
		}
		sleep(1);
	}
}

/* The idempotency check: DD_EXIT_OK when no identical order was sent
 * within the window (or under --dry-run, with *recent set to when it was),
 * DD_EXIT_REFUSED with the message when one was, or a failure to read. */
static int recent_order(const struct dd_cli *cli, const struct dd_write_policy *pol,
			const struct dd_write_plan *plan, const struct dd_offer *f, char *path, size_t len,
			time_t *recent)
{
	struct dd_error err;
	time_t when;
	int r = dd_audit_path(path, len, &err);

	if (r == 0)
		r = dd_order_recent(path, pol->profile, plan, time(NULL), DD_ORDER_WINDOW_SECONDS, &when, &err);
	if (r < 0)
		return dd_cli_fail(cli, &err);
	if (r > 0 && cli->dry_run) {
		*recent = when;
	} else if (r > 0) {
		char t[32];
		strftime(t, sizeof(t), "%H:%M:%S UTC", gmtime(&when));
		fprintf(stderr, _("%s: order: the same order (offer %s in %s) was sent at %s, less than %d minutes ago, "
			"and may have been placed; nothing was sent. Check dedi audit and the ordered services; "
			"add --force-again to order another one.\n"), cli->prog, f->name, f->zone, t,
			DD_ORDER_WINDOW_SECONDS / 60);
		return DD_EXIT_REFUSED;
	}
	return DD_EXIT_OK;
}

int dd_cli_order(struct dd_cli *cli, int argc, char **argv)
{
	struct order_args o = { 0 };
	struct dd_write_plan plan;
	struct dd_write_policy pol;
	struct dd_write_target target;
	struct dd_config *cfg = NULL;
	struct dd_order *ord = NULL;
	struct dd_account *a;
	struct dd_error err;
	struct result res = { .cli = cli, .rc = DD_EXIT_FAILURE };
	const struct dd_offer *f;
	char path[1100];
	int rc, lockfd = -1;

	if ((rc = parse(cli, argc, argv, &o)) != 0)
		return rc;
	if (!(a = dd_cli_open_account(cli, &err)))
		return dd_cli_fail(cli, &err);
	memset(&plan, 0, sizeof(plan));
	if (dd_cli_write_policy(cli, &pol, &cfg, &err) < 0 || load(cli, a, !cli->dry_run, &err) < 0 ||
	    !(f = dd_order_find_offer(dd_store_offers(dd_account_store(a)), o.offer, o.zone, &err)) ||
	    dd_order_plan(a, f, &plan, &err) < 0) {
		rc = dd_cli_fail(cli, &err);
		goto out;
	}
	if (!cli->dry_run && (rc = can_order(cli, dd_store_payment(dd_account_store(a)))) != 0)
		goto out;
	/* The idempotency record: the same order, sent a moment ago, is not
	 * sent again unless the user says so; a dry run says it would be. */
	time_t recent = 0;
	if (pol.audit && !o.force &&
	    (rc = recent_order(cli, &pol, &plan, f, path, sizeof(path), &recent)) != DD_EXIT_OK)
		goto out;
	if (!cli->dry_run && !confirmed(cli, &o, f, &plan)) {
		fprintf(stderr, o.yes ? _("%s: order: --confirm must be the offer's name (%s); nothing was sent.\n")
			: isatty(STDIN_FILENO) ? _("%s: order: cancelled; nothing was sent (the offer is %s).\n")
			: _("%s: order: not interactive: add --yes --confirm=%s; nothing was sent.\n"),
			cli->prog, f->name);
		rc = o.yes || !isatty(STDIN_FILENO) ? DD_EXIT_USAGE : DD_EXIT_REFUSED;
		goto out;
	}
	/* Checked again under the lock, now that the user has confirmed: two
	 * processes ordering at the same instant cannot both pass, since the
	 * lock is held until this order's intent and outcome are written. */
	if (!cli->dry_run && pol.audit && !o.force) {
		if ((lockfd = dd_order_lock(path, &err)) < 0) {
			rc = dd_cli_fail(cli, &err);
			goto out;
		}
		if ((rc = recent_order(cli, &pol, &plan, f, path, sizeof(path), &recent)) != DD_EXIT_OK)
			goto out;
	}
	if (!(ord = dd_order_new(f))) {
		rc = dd_cli_fail(cli, (dd_error_oom(&err), &err));
		goto out;
	}
	dd_order_target(ord, &target);
	rc = dd_write_send_target(a, cli->http, &pol, &plan, &target, on_write, &res, &err);
	if (rc < 0) {
		rc = dd_cli_fail(cli, &err);
	} else if (rc == 1) {
		char text[4800];
		dd_write_describe(&plan, text, sizeof(text));
		printf(_("dry run, nothing sent:\n%s\n"), text);
		if (recent) {
			long ago = (long)(time(NULL) - recent) / 60;
			printf(P_("an identical order was sent %ld minute ago; without --force-again it would be "
				  "refused\n", "an identical order was sent %ld minutes ago; without --force-again it "
				  "would be refused\n", ago), ago);
		}
		rc = DD_EXIT_OK;
	} else {
		dd_http_run(cli->http);
		rc = res.done ? res.rc : DD_EXIT_FAILURE;
		/* the outcome line is written: another order may check now, not
		 * only after the delivery --wait follows */
		dd_order_unlock(lockfd);
		lockfd = -1;
		if (rc == DD_EXIT_OK && o.wait && res.service)
			rc = follow(cli, a, f->zone, res.service);
	}
out:
	dd_order_unlock(lockfd);
	dd_order_free(ord);
	dd_write_plan_wipe(&plan);
	dd_config_free(cfg);
	dd_cli_close_account(cli, a);
	return rc;
}
