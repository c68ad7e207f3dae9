/* dedi failover list|order|attach|move|detach|mac|reverse|delete: the
 * zones' failover IPs. Each write is planned by core/net_write (or
 * core/fip_move for a move) and sent through core/write. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/net_cli.h"
#include "core/export_net.h"
#include "core/fip_move.h"
#include "core/fip_order.h"
#include "core/scw_dedibox.h"
#include "core/sections.h"
#include "core/store.h"
#include "core/i18n.h"

static const char usage_text[] = N_(
	"usage: dedi [--dry-run] failover list [--zone ZONE] [--json]\n"
	"       dedi failover quota [ZONE] [--json]\n"
	"       dedi [--dry-run] failover order ZONE [--quantity N] [--offer ID]\n"
	"       dedi [--dry-run] failover attach IP SERVER\n"
	"       dedi [--dry-run] failover move IP SERVER --yes --confirm=IP\n"
	"       dedi [--dry-run] failover detach IP --yes --confirm=IP\n"
	"       dedi [--dry-run] failover mac IP vmware|kvm|xen [--mac MAC]\n"
	"       dedi [--dry-run] failover mac IP --detach\n"
	"       dedi [--dry-run] failover reverse IP NAME     (\"\" resets it)\n"
	"       dedi [--dry-run] failover delete IP --yes --confirm=IP\n"
	"  IP is an address or an id (see dedi failover list).\n");

struct wait {
	int done;
	struct dd_error err;
};

static void on_read(void *ud, const struct dd_error *err)
{
	struct wait *w = ud;
	w->done = 1;
	w->err = *err;
}

static int usage(const struct dd_cli *cli, const char *why)
{
	fprintf(stderr, _("%s: failover: %s\n%s"), cli->prog, why, _(usage_text));
	return DD_EXIT_USAGE;
}

/* Reads the failover IPs (of zone, or every zone) into the store. */
static int load(struct dd_cli *cli, struct dd_account *a, const char *zone)
{
	struct wait w = { 0 };
	struct dd_error err;

	if (dd_account_load_failovers(a, cli->http, zone, on_read, &w, &err) < 0)
		return dd_cli_fail(cli, &err);
	dd_http_run(cli->http);
	if (!w.done || w.err.kind != DD_OK)
		return dd_cli_fail(cli, &w.err);
	return DD_EXIT_OK;
}

/* The fleet, for the destination of an attach or a move: its zone (an
 * address goes only to a server of its zone) and its main address (what
 * the Online API routes to). A fleet that cannot be read leaves the check
 * to the API: the write is not refused for it. */
static void load_fleet(struct dd_cli *cli, struct dd_account *a)
{
	struct wait w = { 0 };
	struct dd_error err;

	if (dd_account_load_servers(a, cli->http, NULL, on_read, &w, &err) == 0)
		dd_http_run(cli->http);
}

static void print_list(const struct dd_failover_list *l)
{
	printf("%-8s %-*s %-*s %-*s %-18s %-*s %s\n", "ID", DD_COLS(_("ADDRESS"), 16), DD_COLS(_("ZONE"), 9), DD_COLS(_("SERVER"), 9), "MAC",
	       DD_COLS(_("TYPE"), 7), _("REVERSE"));
	for (size_t i = 0; l && i < l->n; i++) {
		const struct dd_failover *f = &l->v[i];
		char server[24] = "-";
		if (f->server_id)
			snprintf(server, sizeof(server), "%" PRId64, f->server_id);
		printf("%-8" PRId64 " %-16s %-9s %-9s %-18s %-7s %s\n", f->id, f->address, f->zone,
		       server, f->mac[0] ? f->mac : "-", f->mac[0] ? dd_fip_mac_type(f->mac) : "-",
		       f->reverse && *f->reverse ? f->reverse : "-");
	}
	printf(P_("%zu failover IP\n", "%zu failover IPs\n", l ? l->n : 0), l ? l->n : 0);
}

static int cmd_quota(struct dd_cli *cli, struct dd_account *a, const struct net_args *na)
{
	struct dd_fip_quota q[DD_SCW_NZONES];
	struct dd_error err;
	struct wait w = { 0 };
	size_t n = 0;

	if (na->npos > 1)
		return usage(cli, "quota [ZONE]");
	if (dd_net_read_fip_quota(a, cli->http, na->npos ? na->pos[0] : na->zone, q, &n, on_read, &w,
				  &err) < 0)
		return dd_cli_fail(cli, &err);
	dd_http_run(cli->http);
	if (!w.done || w.err.kind != DD_OK)
		return dd_cli_fail(cli, &w.err);
	if (na->json) {
		return dd_cli_print_doc(cli, dd_export_fip_quota_json(q, n));
	}
	printf("%-*s %*s %*s\n", DD_COLS(_("ZONE"), 9), DD_COLS(_("REMAINING"), 9), DD_COLS(_("QUOTA"), 9));
	for (size_t i = 0; i < n; i++)
		printf("%-9s %9" PRId64 " %9" PRId64 "\n", q[i].zone, q[i].remaining, q[i].quota);
	return DD_EXIT_OK;
}

static int64_t server_arg(const char *s)
{
	char *end;
	long long v = s ? strtoll(s, &end, 10) : 0;
	return s && *s && !*end && v > 0 ? (int64_t)v : 0;
}

static void on_step(void *ud, const char *line)
{
	(void)ud;
	printf("%s\n", line);
	fflush(stdout);
}

struct moved {
	int done;
	struct dd_error err;
};

static void on_moved(void *ud, const struct dd_error *err)
{
	struct moved *m = ud;
	m->done = 1;
	m->err = *err;
}

static int do_move(struct dd_cli *cli, struct dd_account *a, const struct dd_failover *f, int64_t to)
{
	struct dd_write_policy pol;
	struct dd_config *cfg = NULL;
	struct dd_error err;
	struct moved m = { 0 };
	char text[6000], address[sizeof(f->address)];
	int rc;

	/* f is the store's: the move's re-reads replace that list */
	snprintf(address, sizeof(address), "%s", f->address);
	if (dd_fip_move_describe(a, f, to, text, sizeof(text), &err) < 0)
		return dd_net_cli_refused(cli, DD_NF_SERVER, &err);
	if (dd_cli_write_policy(cli, &pol, &cfg, &err) < 0)
		return dd_cli_fail(cli, &err);
	rc = dd_fip_move(a, cli->http, &pol, f, to, on_step, on_moved, &m, &err);
	if (rc < 0) {
		rc = dd_cli_fail(cli, &err);
	} else if (rc == 1) {
		printf(_("dry run, nothing sent:\n%s\n"), text);
		rc = DD_EXIT_OK;
	} else {
		dd_http_run(cli->http);
		if (!m.done)
			rc = DD_EXIT_FAILURE;
		else if (m.err.kind != DD_OK)
			rc = dd_cli_fail(cli, &m.err);
		else {
			printf(_("Moved %s to server %" PRId64 ".\n"), address, to);
			rc = DD_EXIT_OK;
		}
	}
	dd_config_free(cfg);
	return rc;
}

/* Without --offer, the zone's failover IP offer is read and its price goes
 * into the plan (and the dry run); with it, the id is sent as given. */
static int cmd_order(struct dd_cli *cli, struct dd_account *a, const struct net_args *na)
{
	struct dd_write_plan plan;
	struct dd_net_target tgt;
	struct dd_error err;
	struct dd_offer offer;
	enum dd_net_field field = DD_NF_NONE;
	char *qend = NULL, *oend = NULL;
	long q = na->quantity ? strtol(na->quantity, &qend, 10) : 1;
	long long id = na->offer ? strtoll(na->offer, &oend, 10) : 0;

	if (na->npos != 1)
		return usage(cli, "order ZONE [--quantity N] [--offer ID]");
	if (na->quantity && (*qend || q < 1 || q > 32))
		q = 0;
	if (na->offer && *oend)
		id = 0;
	if (na->offer) {
		if (dd_net_plan_fip_order(a, na->pos[0], id, (int)q, &plan, &field, &err) < 0)
			return dd_net_cli_refused(cli, field, &err);
	} else {
		struct wait w = { 0 };
		/* a bad quantity or zone is told before anything is read */
		if (dd_net_plan_fip_order(a, na->pos[0], 1, (int)q, &plan, &field, &err) < 0)
			return dd_net_cli_refused(cli, field, &err);
		dd_write_plan_wipe(&plan);
		if (dd_fip_read_offer(a, cli->http, na->pos[0], &offer, on_read, &w, &err) < 0)
			return dd_net_cli_refused(cli, DD_NF_NONE, &err);
		dd_http_run(cli->http);
		if (!w.done || w.err.kind != DD_OK)
			return dd_cli_fail(cli, &w.err);
		if (dd_fip_plan_order(a, &offer, (int)q, &plan, &field, &err) < 0)
			return dd_net_cli_refused(cli, field, &err);
	}
	if (!cli->dry_run && plan.price[0])
		printf("%s: %s\n", plan.summary, plan.price);
	/* an order has no target yet: its re-read is the zone's list */
	struct dd_failover none = { .id = -1 };
	snprintf(none.zone, sizeof(none.zone), "%s", na->pos[0]);
	snprintf(none.address, sizeof(none.address), _("new in %s"), na->pos[0]);
	dd_net_target_fip(&tgt, a, &none);
	tgt.seen_server = -1;
	return dd_net_cli_send(cli, a, &plan, &tgt);
}

static int run(struct dd_cli *cli, struct dd_account *a, const char *sub, struct net_args *na)
{
	const struct dd_failover *f;
	struct dd_write_plan plan;
	struct dd_net_target tgt;
	struct dd_error err;
	enum dd_net_field field = DD_NF_NONE;
	int rc, want;

	if (!strcmp(sub, "order"))
		return cmd_order(cli, a, na);
	want = !strcmp(sub, "attach") || !strcmp(sub, "move") ? 2 :
	       !strcmp(sub, "mac") ? (na->detach ? 1 : 2) : !strcmp(sub, "reverse") ? 2 : 1;
	if (na->npos != want)
		return usage(cli, na->npos < want ? _("missing arguments") : _("too many arguments"));
	if ((rc = load(cli, a, na->zone)) != DD_EXIT_OK)
		return rc;
	if (!(f = dd_net_find_fip(a, na->pos[0]))) {
		dd_error_set(&err, DD_E_NOT_FOUND, 0, NULL,
			     _("no failover IP %.64s (see dedi failover list)"), na->pos[0]);
		return dd_net_cli_refused(cli, DD_NF_ADDRESS, &err);
	}
	if (!strcmp(sub, "move") || !strcmp(sub, "attach"))
		load_fleet(cli, a);
	if (!strcmp(sub, "move")) {
		int64_t to = server_arg(na->pos[1]);
		if (!to)
			return usage(cli, _("SERVER is a server id (see dedi servers list)"));
		if ((rc = dd_net_cli_confirm(cli, na, f->address)) != 0)
			return rc;
		return do_move(cli, a, f, to);
	}
	if (!strcmp(sub, "attach")) {
		int64_t to = server_arg(na->pos[1]);
		if (!to)
			return usage(cli, _("SERVER is a server id (see dedi servers list)"));
		rc = dd_net_plan_fip_route(a, f, to, &plan, &field, &err);
	} else if (!strcmp(sub, "detach")) {
		if ((rc = dd_net_cli_confirm(cli, na, f->address)) != 0)
			return rc;
		rc = dd_net_plan_fip_route(a, f, 0, &plan, &field, &err);
	} else if (!strcmp(sub, "mac")) {
		rc = na->detach ? dd_net_plan_fip_mac_detach(a, f, &plan, &field, &err)
				: dd_net_plan_fip_mac(a, f, na->pos[1], na->mac, &plan, &field, &err);
	} else if (!strcmp(sub, "reverse")) {
		rc = dd_net_plan_fip_reverse(a, f, na->pos[1], &plan, &field, &err);
	} else {
		if ((rc = dd_net_cli_confirm(cli, na, f->address)) != 0)
			return rc;
		rc = dd_net_plan_fip_delete(a, f, &plan, &field, &err);
	}
	if (rc < 0)
		return dd_net_cli_refused(cli, field, &err);
	dd_net_target_fip(&tgt, a, f);
	return dd_net_cli_send(cli, a, &plan, &tgt);
}

int dd_cli_failover(struct dd_cli *cli, int argc, char **argv)
{
	static const char *const subs[] = { "list", "quota", "order", "attach", "move", "detach", "mac",
					    "reverse", "delete", NULL };
	struct net_args na;
	struct dd_account *a;
	struct dd_error err;
	size_t k;
	int rc;

	if (argc < 1)
		return usage(cli, _("which subcommand?"));
	for (k = 0; subs[k] && strcmp(subs[k], argv[0]) != 0; k++)
		;
	if (!subs[k])
		return usage(cli, _("unknown subcommand"));
	if ((rc = dd_net_cli_parse(cli, usage_text, argc, argv, &na)) != 0)
		return rc;
	if (!(a = dd_cli_open_account(cli, &err)))
		return dd_cli_fail(cli, &err);
	if (k == 1) {
		rc = cmd_quota(cli, a, &na);
	} else if (k == 0) {
		if (na.npos)
			rc = usage(cli, _("list takes no argument"));
		else if ((rc = load(cli, a, na.zone)) == DD_EXIT_OK) {
			const struct dd_failover_list *l = dd_store_failovers(dd_account_store(a));
			if (na.json) {
				rc = dd_cli_print_doc(cli, dd_export_failovers_json(l));
			} else {
				print_list(l);
			}
		}
	} else {
		rc = run(cli, a, argv[0], &na);
	}
	dd_cli_close_account(cli, a);
	return rc;
}
