/* dedi rpn: the RPN v1 and v2 groups of the account (list, logs) and
 * every change to them, each through the one write path (core/write)
 * with the group as the target it re-reads. Grammar:
 *   dedi rpn list
 *   dedi rpn v1|v2 VERB GROUP [ARGS]   (create takes a NAME, not a GROUP;
 *                                       accept and refuse an INVITATION)
 * A change that destroys (delete, remove, leave, refuse) wants the
 * group's name typed: at the terminal, or --yes --confirm=NAME. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/net_load.h"
#include "core/rpn_export.h"
#include "core/rpn_logs.h"
#include "core/rpn_write.h"
#include "core/store.h"
#include "core/i18n.h"

static const char usage_text[] = N_(
	"usage: dedi rpn list [--json]\n"
	"       dedi [--dry-run] rpn v1 create NAME [--servers IDS]\n"
	"       dedi [--dry-run] rpn v1|v2 rename GROUP NAME\n"
	"       dedi [--dry-run] rpn v1|v2 delete GROUP [--yes --confirm=NAME]\n"
	"       dedi [--dry-run] rpn v1|v2 add GROUP SERVER_IDS\n"
	"       dedi [--dry-run] rpn v1|v2 remove GROUP MEMBER_IDS [--yes --confirm=NAME]\n"
	"       dedi [--dry-run] rpn v1 invite GROUP SERVER_IDS\n"
	"       dedi [--dry-run] rpn v1 leave GROUP MEMBER_IDS [--yes --confirm=NAME]\n"
	"       dedi [--dry-run] rpn v1 accept INVITATION\n"
	"       dedi [--dry-run] rpn v1 refuse INVITATION [--yes --confirm=NAME]\n"
	"       dedi [--dry-run] rpn v2 create NAME --servers IDS [--type standard|qinq]\n"
	"       dedi [--dry-run] rpn v2 vlan GROUP MEMBER_IDS VLAN|default\n"
	"       dedi [--dry-run] rpn v2 compat GROUP on V1_GROUP | off\n"
	"       dedi rpn v2 logs GROUP [--json]\n"
	"  IDS are comma-separated (12,13); VLAN is 0 to 3967.\n"
	"  An Online-only profile: v1 create|add|remove, v2 create|add|remove|delete,\n"
	"  v2 vlan of one member (Online has no route for the others).\n");

static int bad(const struct dd_cli *cli, const char *what)
{
	fprintf(stderr, _("%s: rpn: %s\n%s"), cli->prog, what, _(usage_text));
	return DD_EXIT_USAGE;
}

struct wait {
	int n;
	struct dd_error err;
};

static void on_read(void *ud, const struct dd_error *err)
{
	struct wait *w = ud;
	w->n--;
	if (err->kind != DD_OK && w->err.kind == DD_OK)
		w->err = *err;
}

/* Reads v1 and/or v2 into the store and waits. */
static int load(struct dd_cli *cli, struct dd_account *a, bool v1, bool v2, struct dd_error *err)
{
	struct wait w = { 0 };

	dd_error_clear(&w.err);
	if (v1 && dd_account_load_rpnv1(a, cli->http, on_read, &w, err) < 0)
		return -1;
	w.n += v1;
	if (v2 && dd_account_load_rpnv2(a, cli->http, on_read, &w, err) < 0) {
		dd_http_run(cli->http);
		return -1;
	}
	w.n += v2;
	dd_http_run(cli->http);
	if (w.err.kind != DD_OK) {
		*err = w.err;
		return -1;
	}
	return 0;
}

static int print_doc(const struct dd_cli *cli, char *doc)
{
	return dd_cli_print_doc(cli, doc);
}

static void print_group(const struct dd_rpn_group *g, int v)
{
	printf("v%d  %-8" PRId64 " %-24s %-9s %-9s", v, g->id, g->name, g->type,
	       g->status[0] ? g->status : "-");
	if (v == 2 && g->compatible_rpnv1)
		printf(_(" compatible with v1 group %" PRId64), g->rpnv1_group_id);
	if (v == 2 && g->subnet[0])
		printf(_(" subnet %s/%d"), g->subnet, g->subnet_cidr);
	putchar('\n');
	for (size_t k = 0; k < g->n_members; k++) {
		const struct dd_rpn_member *m = &g->members[k];
		if (m->server_id)
			printf(_("      member %-8" PRId64 " server %-8" PRId64 " %-24s %s"), m->id,
			       m->server_id, m->hostname, m->status);
		else if (m->rpnv1_group_id)
			printf(_("      member %-8" PRId64 " RPN v1 group %-8" PRId64 " %s"), m->id,
			       m->rpnv1_group_id, m->status);
		else
			/* the API shows no server of another account */
			printf(_("      member %-8" PRId64 " another account's server %s"), m->id,
			       m->status);
		if (v == 2)
			printf(_("  vlan %s"), m->vlan[0] ? m->vlan : "-");
		putchar('\n');
	}
}

static int cmd_list(struct dd_cli *cli, struct dd_account *a, int argc, char **argv)
{
	bool json = cli->json;
	struct dd_error err;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") != 0)
			return bad(cli, _("list takes only --json"));
		json = true;
	}
	if (load(cli, a, true, true, &err) < 0)
		return dd_cli_fail(cli, &err);
	const struct dd_store *st = dd_account_store(a);
	const struct dd_rpn_list *v1 = dd_store_rpnv1(st), *v2 = dd_store_rpnv2(st);
	if (json)
		return print_doc(cli, dd_export_rpn_json(v1, v2));
	for (size_t i = 0; i < v1->n; i++)
		print_group(&v1->v[i], 1);
	for (size_t i = 0; i < v2->n; i++)
		print_group(&v2->v[i], 2);
	for (size_t i = 0; i < v1->n_invites; i++) {
		const struct dd_rpn_member *m = &v1->invites[i];
		printf(_("invitation %-8" PRId64 " to v1 group %" PRId64 " %s (owner %s) for server %"
		       PRId64 " %s\n"), m->id, m->group_id, m->group_name, m->group_owner,
		       m->server_id, m->hostname);
	}
	if (!v1->n && !v2->n && !v1->n_invites)
		printf(_("no RPN group and no invitation\n"));
	return DD_EXIT_OK;
}

static int positive(const char *text, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(text, &end, 10);
	if (errno || *end || !*text || v <= 0)
		return -1;
	*out = v;
	return 0;
}

static int cmd_logs(struct dd_cli *cli, struct dd_account *a, int argc, char **argv)
{
	struct dd_rpn_log_list l = { 0 };
	struct wait w = { .n = 1 };
	struct dd_error err;
	bool json = cli->json;
	int64_t id = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (id || positive(argv[i], &id) < 0)
			return bad(cli, _("logs GROUP: GROUP is the id of an RPN v2 group"));
	}
	if (!id)
		return bad(cli, _("logs: which group?"));
	dd_error_clear(&w.err);
	if (dd_rpn_load_logs(a, cli->http, id, &l, on_read, &w, &err) < 0)
		return dd_cli_fail(cli, &err);
	dd_http_run(cli->http);
	if (w.err.kind != DD_OK) {
		dd_rpn_log_list_clear(&l);
		return dd_cli_fail(cli, &w.err);
	}
	int rc = DD_EXIT_OK;
	if (json) {
		rc = print_doc(cli, dd_export_rpn_logs_json(&l));
	} else {
		for (size_t i = 0; i < l.n; i++)
			printf("%-25s %-28s %-8s %s\n", l.v[i].created_at, l.v[i].action, l.v[i].status,
			       l.v[i].hostname);
		if (!l.n)
			printf(_("no log line for RPN v2 group %" PRId64 "\n"), id);
	}
	dd_rpn_log_list_clear(&l);
	return rc;
}

/* What the user asked, parsed before anything is read. */
struct args {
	struct dd_rpn_change ch;
	bool yes;
	const char *confirm;
};

static const struct { const char *verb; enum dd_rpn_op op; int v; int nargs; } verbs[] = {
	{ "create", DD_RPN_CREATE, 0, 1 },  { "rename", DD_RPN_RENAME, 0, 2 },
	{ "delete", DD_RPN_DELETE, 0, 1 },  { "add", DD_RPN_ADD, 0, 2 },
	{ "remove", DD_RPN_REMOVE, 0, 2 },  { "invite", DD_RPN_INVITE, 1, 2 },
	{ "leave", DD_RPN_LEAVE, 1, 2 },    { "accept", DD_RPN_ACCEPT, 1, 1 },
	{ "refuse", DD_RPN_REFUSE, 1, 1 },  { "vlan", DD_RPN_VLAN, 2, 3 },
	{ "compat", DD_RPN_COMPAT_ON, 2, 1 },
};

static int parse_change(const struct dd_cli *cli, int v, int argc, char **argv, struct args *x)
{
	const char *pos[4] = { 0 }, *servers = NULL, *type = NULL;
	int npos = 0, k;
	struct dd_error err;
	struct dd_rpn_change *ch = &x->ch;

	for (k = 0; k < (int)(sizeof(verbs) / sizeof(verbs[0])); k++)
		if (strcmp(argv[0], verbs[k].verb) == 0 && (!verbs[k].v || verbs[k].v == v))
			break;
	if (k == (int)(sizeof(verbs) / sizeof(verbs[0])))
		return bad(cli, _("unknown change for this RPN version"));
	ch->op = verbs[k].op;
	ch->v2 = v == 2;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--yes") == 0)
			x->yes = true;
		else if (strncmp(argv[i], "--confirm=", 10) == 0)
			x->confirm = argv[i] + 10;
		else if (strcmp(argv[i], "--servers") == 0 && i + 1 < argc && ch->op == DD_RPN_CREATE)
			servers = argv[++i];
		else if (strcmp(argv[i], "--type") == 0 && i + 1 < argc && ch->op == DD_RPN_CREATE && v == 2)
			type = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "-") != 0)
			return bad(cli, _("unknown option"));
		else if (npos == 4)
			return bad(cli, _("too many arguments"));
		else
			pos[npos++] = argv[i];
	}
	if (ch->op == DD_RPN_COMPAT_ON && npos == 2 && strcmp(pos[1], "off") == 0) {
		ch->op = DD_RPN_COMPAT_OFF;
		npos = 1;
	} else if (ch->op == DD_RPN_COMPAT_ON) {
		if (npos != 3 || strcmp(pos[1], "on") != 0)
			return bad(cli, _("compat GROUP on V1_GROUP, or compat GROUP off"));
		if (positive(pos[2], &ch->v1_group) < 0)
			return bad(cli, _("V1_GROUP is the id of an RPN v1 group"));
		npos = 1;
	}
	if (npos != verbs[k].nargs)
		return bad(cli, _("wrong number of arguments"));
	dd_error_clear(&err);
	switch (ch->op) {
	case DD_RPN_CREATE:
		snprintf(ch->name, sizeof(ch->name), "%s", pos[0]);
		snprintf(ch->type, sizeof(ch->type), "%s", type ? type : "");
		if (servers && dd_rpn_parse_ids(servers, "--servers", ch, &err) < 0)
			return dd_cli_fail(cli, &err);
		return 0;
	case DD_RPN_ACCEPT:
	case DD_RPN_REFUSE:
		if (positive(pos[0], &ch->member_id) < 0)
			return bad(cli, _("INVITATION is the id of an invitation (see dedi rpn list)"));
		return 0;
	default:
		break;
	}
	if (positive(pos[0], &ch->group_id) < 0)
		return bad(cli, _("GROUP is the id of a group (see dedi rpn list)"));
	if (ch->op == DD_RPN_RENAME)
		snprintf(ch->name, sizeof(ch->name), "%s", pos[1]);
	else if (npos >= 2 && dd_rpn_parse_ids(pos[1], ch->op == DD_RPN_ADD || ch->op == DD_RPN_INVITE
						       ? "SERVER_IDS" : "MEMBER_IDS", ch, &err) < 0)
		return dd_cli_fail(cli, &err);
	if (ch->op == DD_RPN_VLAN && dd_rpn_parse_vlan(pos[2], &ch->vlan, &err) < 0)
		return dd_cli_fail(cli, &err);
	return 0;
}

/* The name the user must type: the group's (or, for a refusal, the
 * inviting group's), found in the store. NULL with err when absent. */
static const char *seen_name(const struct dd_account *a, const struct dd_rpn_change *ch,
			     struct dd_error *err)
{
	const struct dd_store *st = dd_account_store(a);
	const struct dd_rpn_list *l = ch->v2 ? dd_store_rpnv2(st) : dd_store_rpnv1(st);

	if (ch->op == DD_RPN_CREATE)
		return "";
	if (ch->op == DD_RPN_ACCEPT || ch->op == DD_RPN_REFUSE) {
		for (size_t i = 0; i < l->n_invites; i++)
			if (l->invites[i].id == ch->member_id)
				return l->invites[i].group_name;
		dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
			     _("No pending RPN v1 invitation %" PRId64 " (see dedi rpn list)."), ch->member_id);
		return NULL;
	}
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].id == ch->group_id)
			return l->v[i].name;
	dd_error_set(err, DD_E_NOT_FOUND, 0, NULL, _("No RPN v%d group %" PRId64 " (see dedi rpn list)."),
		     ch->v2 ? 2 : 1, ch->group_id);
	return NULL;
}

/* The member ch names (its first id) in the store, or NULL. */
static const struct dd_rpn_member *member_of(const struct dd_account *a,
					     const struct dd_rpn_change *ch)
{
	const struct dd_store *st = dd_account_store(a);
	const struct dd_rpn_list *l = ch->v2 ? dd_store_rpnv2(st) : dd_store_rpnv1(st);

	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; l->v[i].id == ch->group_id && k < l->v[i].n_members; k++)
			if (l->v[i].members[k].id == ch->ids[0])
				return &l->v[i].members[k];
	return NULL;
}

/* A destructive change goes on only when the group's name was typed. */
static int confirmed(const struct dd_cli *cli, const struct args *x, const char *name,
		     const char *summary)
{
	char line[256];

	if (x->yes && x->confirm) {
		if (strcmp(x->confirm, name) == 0)
			return 0;
		fprintf(stderr, _("%s: rpn: --confirm=%s is not the group's name (%s); nothing was sent.\n"),
			cli->prog, x->confirm, name);
		return DD_EXIT_USAGE;
	}
	if (x->yes || x->confirm || !isatty(STDIN_FILENO)) {
		fprintf(stderr, _("%s: rpn: %s destroys; pass --yes --confirm=%s to do it without a "
			"terminal. Nothing was sent.\n"), cli->prog, summary, name);
		return DD_EXIT_USAGE;
	}
	fprintf(stderr, _("%s\nType the group's name (%s) to go on: "), summary, name);
	if (!fgets(line, sizeof(line), stdin))
		return DD_EXIT_USAGE;
	line[strcspn(line, "\n")] = '\0';
	if (strcmp(line, name) == 0)
		return 0;
	fprintf(stderr, _("%s: rpn: that is not the group's name; nothing was sent.\n"), cli->prog);
	return DD_EXIT_USAGE;
}

struct result {
	int done, rc;
	const struct dd_cli *cli;
};

static void on_write(void *ud, const struct dd_write_result *r)
{
	struct result *res = ud;
	res->done = 1;
	if (r->outcome == DD_WRITE_OK) {
		printf(_("%s: done.\n"), r->plan->summary);
		res->rc = DD_EXIT_OK;
	} else {
		res->rc = dd_cli_fail(res->cli, &r->error);
	}
	if (r->audit.kind != DD_OK)
		fprintf(stderr, _("%s: warning: %s\n"), res->cli->prog, r->audit.message);
}

static int cmd_change(struct dd_cli *cli, struct dd_account *a, int v, int argc, char **argv)
{
	struct args x = { 0 };
	struct dd_write_plan plan;
	struct dd_write_policy pol;
	struct dd_write_target target;
	struct dd_rpn_target *t = NULL;
	struct dd_config *cfg = NULL;
	struct result res = { .cli = cli, .rc = DD_EXIT_FAILURE };
	struct dd_error err;
	const char *name;
	int rc;

	if ((rc = parse_change(cli, v, argc, argv, &x)) != 0)
		return rc;
	memset(&plan, 0, sizeof(plan));
	dd_error_clear(&err);
	/* A name, a VLAN or an id that cannot be right is refused before
	 * anything is read or sent. */
	if (dd_rpn_check_change(a, &x.ch, &err) < 0)
		return dd_cli_fail(cli, &err);
	if (dd_cli_write_policy(cli, &pol, &cfg, &err) < 0 ||
	    (x.ch.op != DD_RPN_CREATE && load(cli, a, v == 1, v == 2, &err) < 0) ||
	    !(name = seen_name(a, &x.ch, &err)) || dd_rpn_plan(a, &x.ch, name, &plan, &err) < 0) {
		rc = dd_cli_fail(cli, &err);
		goto out;
	}
	if (x.ch.n_ids == 1 && (x.ch.op == DD_RPN_REMOVE || x.ch.op == DD_RPN_LEAVE ||
				x.ch.op == DD_RPN_VLAN))
		dd_rpn_plan_member(&plan, member_of(a, &x.ch));
	if (dd_rpn_destructive(&x.ch) && !cli->dry_run &&
	    (rc = confirmed(cli, &x, name, plan.summary)) != 0)
		goto out;
	if (!(t = dd_rpn_target_new(&x.ch, name, &err))) {
		rc = dd_cli_fail(cli, &err);
		goto out;
	}
	dd_rpn_target_lend(t, &target);
	rc = dd_write_send_target(a, cli->http, &pol, &plan, &target, on_write, &res, &err);
	if (rc < 0) {
		rc = dd_cli_fail(cli, &err);
	} else if (rc == 1) {
		char text[4800];
		dd_write_describe(&plan, text, sizeof(text));
		printf(_("dry run, nothing sent:\n%s\n"), text);
		rc = DD_EXIT_OK;
	} else {
		dd_http_run(cli->http);
		rc = res.done ? res.rc : DD_EXIT_FAILURE;
	}
out:
	dd_rpn_target_free(t);
	dd_write_plan_wipe(&plan);
	dd_config_free(cfg);
	return rc;
}

int dd_cli_rpn(struct dd_cli *cli, int argc, char **argv)
{
	struct dd_account *a;
	struct dd_error err;
	int v = 0, rc;

	if (argc < 1)
		return bad(cli, _("list, v1 or v2?"));
	if (strcmp(argv[0], "v1") == 0 || strcmp(argv[0], "v2") == 0) {
		v = argv[0][1] - '0';
		if (argc < 2)
			return bad(cli, _("which change?"));
		if (v == 1 && strcmp(argv[1], "logs") == 0)
			return bad(cli, _("logs are RPN v2's"));
	} else if (strcmp(argv[0], "list") != 0) {
		return bad(cli, _("list, v1 or v2?"));
	}
	if (!(a = dd_cli_open_account(cli, &err)))
		return dd_cli_fail(cli, &err);
	if (!v)
		rc = cmd_list(cli, a, argc, argv);
	else if (strcmp(argv[1], "logs") == 0)
		rc = cmd_logs(cli, a, argc - 1, argv + 1);
	else
		rc = cmd_change(cli, a, v, argc - 1, argv + 1);
	dd_cli_close_account(cli, a);
	return rc;
}
