/* dedi server raid ID [--json]: a server's RAID arrays and their disks;
 * with --array N --level L, one array's level changed through the write
 * path, confirmed as every server action is (the typed hostname or id, or
 * --yes --confirm=HOSTNAME_OR_ID). Scaleway keys only: the Online API
 * reads the arrays but documents no route to change them. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opt_table.h"
#include "cli/server_actions.h"
#include "core/raid.h"
#include "core/i18n.h"

struct raid_args {
	const char *idtext, *zone, *confirm, *array, *level;
	int yes, json;
};

struct wait {
	int done;
	struct dd_error err;
};

struct result {
	int done, rc;
	const struct dd_cli *cli;
};

static int bad(const struct dd_cli *cli, const char *what)
{
	fprintf(stderr, _("%s: server raid: %s\n"
		"usage: dedi server raid ID [--json] [--zone ZONE]\n"
		"       dedi [--dry-run] server raid ID --array N --level LEVEL [--zone ZONE]\n"
		"            [--yes --confirm=HOSTNAME_OR_ID]\n"
		"  LEVEL: no_raid, raid0, raid1, raid5, raid6, raid10 (the disks of array N must build it)\n"),
		cli->prog, what);
	return DD_EXIT_USAGE;
}

static int parse(const struct dd_cli *cli, int argc, char **argv, struct raid_args *e)
{
#define V(name, field) { name, DD_OPT_VALUE, offsetof(struct raid_args, field), 0, 0, NULL, NULL }
#define F(name, field) { name, DD_OPT_FLAG, offsetof(struct raid_args, field), 0, 0, NULL, NULL }
	static const struct dd_cli_opt opts[] = {
		F("--yes", yes), F("--json", json),
		V("--zone", zone), V("--confirm", confirm), V("--array", array), V("--level", level),
	};
#undef V
#undef F
	const char *why;

	e->json = cli->json;
	if ((why = dd_cli_opt_table(opts, sizeof(opts) / sizeof(opts[0]), NULL, argc, argv, e, &e->idtext)))
		return bad(cli, why);
	if (!e->idtext)
		return bad(cli, _("which server? (ID or hostname)"));
	if (!e->array != !e->level)
		return bad(cli, _("--array and --level go together"));
	if (e->array && e->json)
		return bad(cli, _("--json shows the arrays; it does not go with --array"));
	return 0;
}

static void on_done(void *ud, const struct dd_error *err)
{
	struct wait *w = ud;
	w->done = 1;
	w->err = *err;
}

static void on_write(void *ud, const struct dd_write_result *r)
{
	struct result *res = ud;

	res->done = 1;
	if (r->outcome == DD_WRITE_OK) {
		printf(_("%s: done.\n"), r->plan->summary);
		res->rc = DD_EXIT_OK;
	} else {
		res->rc = dd_cli_fail(res->cli, &r->error);
		if (r->outcome == DD_WRITE_UNKNOWN && r->reconciled[0])
			fprintf(stderr, "%s: %s\n", res->cli->prog, r->reconciled);
	}
	if (r->audit.kind != DD_OK)
		fprintf(stderr, _("%s: warning: %s\n"), res->cli->prog, r->audit.message);
}

static void print_raid(const struct dd_server *s, const struct dd_raid *r)
{
	printf(_("server         %" PRId64 " (%s) in %s\n"), s->id, s->hostname ? s->hostname : "", s->zone);
	printf(_("controller     not reported by the Dedibox v1 API\n"));
	for (size_t i = 0; i < r->n; i++) {
		const struct dd_raid_array *a = &r->arrays[i];
		printf(P_("array %-8zu %-8s %zu disk\n", "array %-8zu %-8s %zu disks\n", a->n), i + 1, a->level, a->n);
		for (size_t k = 0; k < a->n; k++)
			printf(_("  disk %-7s %-6s %8.1f GB  id %" PRId64 "\n"), a->disks[k].connector,
			       a->disks[k].type, (double)a->disks[k].capacity / 1e9, a->disks[k].id);
	}
	if (!r->n)
		printf(_("no array\n"));
}

int dd_cli_server_raid(struct dd_cli *cli, int argc, char **argv)
{
	struct raid_args e = { 0 };
	struct dd_server_detail d;
	struct dd_raid raid;
	struct dd_write_plan plan;
	struct dd_write_policy pol;
	struct dd_config *cfg = NULL;
	struct dd_account *a;
	struct dd_error err;
	struct wait w = { 0 };
	struct result res = { .cli = cli, .rc = DD_EXIT_FAILURE };
	int64_t id;
	long n = 0;
	int rc;

	if ((rc = parse(cli, argc, argv, &e)) != 0)
		return rc;
	if (e.array) {
		char *end;
		errno = 0;
		n = strtol(e.array, &end, 10);
		if (errno || *end || n < 1 || n > DD_RAID_MAX_ARRAYS)
			return bad(cli, _("--array wants the number of an array (1, 2, ...)"));
	}
	if (!(a = dd_cli_open_account(cli, &err)))
		return dd_cli_fail(cli, &err);
	memset(&d, 0, sizeof(d));
	memset(&raid, 0, sizeof(raid));
	memset(&plan, 0, sizeof(plan));
	if (dd_cli_write_policy(cli, &pol, &cfg, &err) < 0 ||
	    dd_cli_server_resolve(cli, a, e.idtext, e.zone, &id, &err) < 0 ||
	    dd_account_load_server(a, cli->http, id, e.zone, &d, on_done, &w, &err) < 0) {
		rc = dd_cli_fail(cli, &err);
		goto out;
	}
	dd_http_run(cli->http);
	if (w.err.kind != DD_OK) {
		rc = dd_cli_fail(cli, &w.err);
		goto out;
	}
	w = (struct wait){ 0 };
	if (dd_raid_load(a, cli->http, &d.s, &raid, on_done, &w, &err) < 0) {
		rc = dd_cli_fail(cli, &err);
		goto out;
	}
	dd_http_run(cli->http);
	if (w.err.kind != DD_OK) {
		rc = dd_cli_fail(cli, &w.err);
		goto out;
	}
	if (!e.array) {
		char *doc = e.json ? dd_raid_json(&d.s, &raid) : NULL;
		if (e.json && !doc) {
			rc = dd_cli_fail(cli, (dd_error_oom(&err), &err));
			goto out;
		}
		if (doc)
			printf("%s\n", doc);
		else
			print_raid(&d.s, &raid);
		free(doc);
		rc = DD_EXIT_OK;
		goto out;
	}
	if (dd_raid_plan(a, &d.s, &raid, (size_t)n - 1, e.level, &plan, &err) < 0) {
		rc = dd_cli_fail(cli, &err);
		goto out;
	}
	if ((rc = dd_cli_server_confirm(cli, e.yes, e.confirm, &d.s, &plan)) != 0)
		goto out;
	rc = dd_cli_server_send(cli, a, &pol, &plan, &d.s, on_write, &res, &res.done, &res.rc);
out:
	dd_write_plan_wipe(&plan);
	dd_server_detail_clear(&d);
	dd_config_free(cfg);
	dd_cli_close_account(cli, a);
	return rc;
}
