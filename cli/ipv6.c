/* dedi ipv6 show|order|subnets|subnet-create|subnet-delete|delegation:
 * the Organization's /48 block and its /56 and /64 subnets. The free
 * subnets are computed by core/netcalc from the carved ones, never
 * guessed; each write is planned by core/net_write. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/net_cli.h"
#include "core/export_net.h"
#include "core/net_load.h"
#include "core/store.h"
#include "core/i18n.h"

static const char usage_text[] = N_(
	"usage: dedi ipv6 show [--json]\n"
	"       dedi [--dry-run] ipv6 order\n"
	"       dedi ipv6 subnets [--free 56|64 [--limit N]] [--json]\n"
	"       dedi [--dry-run] ipv6 subnet-create PREFIX | --next 56|64\n"
	"       dedi [--dry-run] ipv6 subnet-delete PREFIX|ID --yes --confirm=PREFIX|ID\n"
	"       dedi [--dry-run] ipv6 delegation NS1,NS2[,...] | --none\n");

#define MAX_USED 1024

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
	fprintf(stderr, _("%s: ipv6: %s\n%s"), cli->prog, why, _(usage_text));
	return DD_EXIT_USAGE;
}

static int load(struct dd_cli *cli, struct dd_account *a)
{
	struct wait w = { 0 };
	struct dd_error err;

	if (dd_account_load_ipv6(a, cli->http, on_read, &w, &err) < 0)
		return dd_cli_fail(cli, &err);
	dd_http_run(cli->http);
	if (!w.done || w.err.kind != DD_OK)
		return dd_cli_fail(cli, &w.err);
	return DD_EXIT_OK;
}

static int print_doc(const struct dd_cli *cli, char *doc)
{
	return dd_cli_print_doc(cli, doc);
}

static void print_show(const struct dd_ipv6_list *l)
{
	for (size_t i = 0; i < l->n_quotas; i++)
		printf(_("quota /%d: %" PRId64 "\n"), l->quotas[i].cidr, l->quotas[i].quota);
	if (!l->n) {
		printf(_("no IPv6 block: order one with \"dedi ipv6 order\"\n"));
		return;
	}
	const struct dd_ipv6_block *b = &l->v[0];
	printf(_("block: %s/%d (id %" PRId64 ")\ndelegation: %s\nnameservers:"), b->address, b->cidr,
	       b->id, b->delegation[0] ? b->delegation : "-");
	for (size_t i = 0; i < b->n_nameservers; i++)
		printf("%s%s", i ? ", " : " ", b->nameservers[i]);
	printf(_("%s\nsubnets: %zu\n"), b->n_nameservers ? "" : _(" none"), b->n_subnets);
}

static void print_subnets(const struct dd_ipv6_list *l)
{
	const struct dd_ipv6_block *b = &l->v[0];
	printf("%-8s %-*s %-*s %s\n", "ID", DD_COLS(_("PREFIX"), 28), DD_COLS(_("PARENT"), 8), _("DELEGATION"));
	for (size_t i = 0; i < b->n_subnets; i++) {
		char p[64];
		snprintf(p, sizeof(p), "%s/%d", b->subnets[i].address, b->subnets[i].cidr);
		printf("%-8" PRId64 " %-28s %-8" PRId64 " %s\n", b->subnets[i].id, p,
		       b->subnets[i].parent_id, b->subnets[i].delegation[0] ? b->subnets[i].delegation : "-");
	}
	printf(P_("%zu subnet carved in %s/%d\n", "%zu subnets carved in %s/%d\n", b->n_subnets),
	       b->n_subnets, b->address, b->cidr);
}

static int parse_len(const char *s, unsigned *len)
{
	if (s && (!strcmp(s, "56") || !strcmp(s, "/56") || !strcmp(s, "64") || !strcmp(s, "/64"))) {
		*len = (unsigned)atoi(s + (s[0] == '/'));
		return 0;
	}
	return -1;
}

/* The free subnets of length len (a /64 only inside a carved /56). */
static int free_list(const struct dd_ipv6_list *l, unsigned len, struct dd_prefix *out, size_t max,
		     size_t *n, uint64_t *total, struct dd_error *err)
{
	struct dd_prefix block, used[MAX_USED];
	size_t nused;

	if (dd_net_v6_block(l, &block, err) < 0)
		return -1;
	nused = dd_net_v6_used(l, used, MAX_USED);
	if (len == 56)
		return dd_prefix_free(&block, 56, used, nused, 0, out, max, n, total, err);
	/* inside each carved /56: the /64s free there */
	*n = 0;
	*total = 0;
	for (size_t i = 0; i < nused; i++) {
		static struct dd_prefix inside[MAX_USED];
		size_t got = 0, ninside = 0;
		uint64_t t = 0;
		if (used[i].len != 56)
			continue;
		/* the /64s carved in it; the /56 itself holds them, it takes none */
		for (size_t k = 0; k < nused; k++)
			if (used[k].len > 56 && dd_prefix_within(&used[k], &used[i]))
				inside[ninside++] = used[k];
		if (dd_prefix_free(&used[i], 64, inside, ninside, 0, out + *n, max - *n, &got, &t, err) < 0)
			return -1;
		*n += got;
		*total += t;
	}
	return 0;
}

static int cmd_subnets(struct dd_cli *cli, const struct dd_ipv6_list *l, const struct net_args *na)
{
	struct dd_prefix out[256];
	struct dd_error err;
	unsigned len;
	size_t n;
	uint64_t total;
	long limit = na->limit ? strtol(na->limit, NULL, 10) : 16;

	if (!na->free_len) {
		if (!l->n) {
			dd_error_set(&err, DD_E_NOT_FOUND, 0, NULL,
				     _("This account has no IPv6 block: order one with \"dedi ipv6 order\"."));
			return dd_cli_fail(cli, &err);
		}
		if (na->json)
			return print_doc(cli, dd_export_ipv6_json(l));
		print_subnets(l);
		return DD_EXIT_OK;
	}
	if (parse_len(na->free_len, &len) < 0)
		return usage(cli, _("--free is 56 or 64"));
	if (limit < 1 || limit > 256)
		return usage(cli, _("--limit is 1 to 256"));
	if (free_list(l, len, out, (size_t)limit, &n, &total, &err) < 0)
		return dd_cli_fail(cli, &err);
	if (na->json)
		return print_doc(cli, dd_export_free_json(out, n, (unsigned long long)total));
	for (size_t i = 0; i < n; i++) {
		char s[DD_PREFIX_STRLEN];
		dd_prefix_format(&out[i], s, sizeof(s));
		printf("%s\n", s);
	}
	printf(_("%" PRIu64 " free /%u%s\n"), total, len,
	       len == 64 ? _(" (inside the carved /56s)") : "");
	return DD_EXIT_OK;
}

static int cmd_write(struct dd_cli *cli, struct dd_account *a, const char *sub,
		     const struct dd_ipv6_list *l, const struct net_args *na)
{
	struct dd_write_plan plan;
	struct dd_net_target tgt;
	struct dd_error err;
	enum dd_net_field field = DD_NF_NONE;
	char what[64] = "";
	int rc;

	if (!strcmp(sub, "order")) {
		if (na->npos)
			return usage(cli, _("order takes no argument"));
		rc = dd_net_plan_v6_order(a, &plan, &field, &err);
		snprintf(what, sizeof(what), "the /48 block");
		if (rc == 0 && l->n) {
			dd_write_plan_wipe(&plan);
			dd_error_set(&err, DD_E_USAGE, 0, NULL,
				     _("This account already has its /48 block %s/%d."), l->v[0].address,
				     l->v[0].cidr);
			return dd_net_cli_refused(cli, DD_NF_NONE, &err);
		}
		dd_net_target_v6(&tgt, a, 0, "");
	} else if (!strcmp(sub, "subnet-create")) {
		if (na->next) {
			unsigned len;
			struct dd_prefix one;
			size_t n = 0;
			uint64_t total;
			if (na->npos || parse_len(na->next, &len) < 0)
				return usage(cli, _("subnet-create PREFIX, or --next 56|64"));
			if (free_list(l, len, &one, 1, &n, &total, &err) < 0)
				return dd_net_cli_refused(cli, DD_NF_ADDRESS, &err);
			if (!n) {
				dd_error_set(&err, DD_E_USAGE, 0, NULL, _("No /%u is free%s."), len,
					     len == 64 ? _(" (carve a /56 first)") : "");
				return dd_net_cli_refused(cli, DD_NF_ADDRESS, &err);
			}
			dd_prefix_format(&one, what, sizeof(what));
		} else if (na->npos == 1) {
			snprintf(what, sizeof(what), "%s", na->pos[0]);
		} else {
			return usage(cli, _("subnet-create PREFIX, or --next 56|64"));
		}
		rc = dd_net_plan_v6_subnet(a, l, what, &plan, &field, &err);
		dd_net_target_v6(&tgt, a, 0, what);
	} else if (!strcmp(sub, "subnet-delete")) {
		if (na->npos != 1)
			return usage(cli, _("subnet-delete PREFIX|ID"));
		if ((rc = dd_net_cli_confirm(cli, na, na->pos[0])) != 0)
			return rc;
		rc = dd_net_plan_v6_subnet_delete(a, l, na->pos[0], &plan, &field, &err);
		/* the plan's URL names the id; the target follows it */
		const char *slash = rc == 0 ? strrchr(plan.req.url, '/') : NULL;
		dd_net_target_v6(&tgt, a, slash ? strtoll(slash + 1, NULL, 10) : 0, na->pos[0]);
	} else {
		if ((na->none ? 0 : 1) != na->npos)
			return usage(cli, _("delegation NS1,NS2[,...], or --none"));
		rc = dd_net_plan_v6_nameservers(a, l, na->none ? "" : na->pos[0], &plan, &field, &err);
		dd_net_target_v6(&tgt, a, l->n ? l->v[0].id : 0, l->n ? l->v[0].address : "");
	}
	if (rc < 0)
		return dd_net_cli_refused(cli, field, &err);
	return dd_net_cli_send(cli, a, &plan, &tgt);
}

int dd_cli_ipv6(struct dd_cli *cli, int argc, char **argv)
{
	static const char *const subs[] = { "show", "order", "subnets", "subnet-create",
					    "subnet-delete", "delegation", NULL };
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
	if ((rc = load(cli, a)) == DD_EXIT_OK) {
		const struct dd_ipv6_list *l = dd_store_ipv6(dd_account_store(a));
		if (k == 0 && na.npos)
			rc = usage(cli, _("show takes no argument"));
		else if (k == 0 && na.json)
			rc = print_doc(cli, dd_export_ipv6_json(l));
		else if (k == 0)
			print_show(l);
		else if (k == 2)
			rc = cmd_subnets(cli, l, &na);
		else
			rc = cmd_write(cli, a, argv[0], l, &na);
	}
	dd_cli_close_account(cli, a);
	return rc;
}
