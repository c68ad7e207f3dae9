#include "cli/net_cli.h"
#include "core/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dd_net_cli_parse(const struct dd_cli *cli, const char *usage, int argc, char **argv,
		     struct net_args *na)
{
	static const struct { const char *name; size_t off; } opts[] = {
		{ "--confirm", offsetof(struct net_args, confirm) },
		{ "--zone", offsetof(struct net_args, zone) },
		{ "--offer", offsetof(struct net_args, offer) },
		{ "--quantity", offsetof(struct net_args, quantity) },
		{ "--mac", offsetof(struct net_args, mac) },
		{ "--next", offsetof(struct net_args, next) },
		{ "--limit", offsetof(struct net_args, limit) },
		{ "--free", offsetof(struct net_args, free_len) },
	};

	memset(na, 0, sizeof(*na));
	na->json = cli->json;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *eq = strchr(arg, '=');
		size_t k, n = eq && arg[0] == '-' ? (size_t)(eq - arg) : strlen(arg);

		if (!strcmp(arg, "--json") || !strcmp(arg, "--yes") || !strcmp(arg, "--detach") ||
		    !strcmp(arg, "--none")) {
			bool *flag = arg[2] == 'j' ? &na->json : arg[2] == 'y' ? &na->yes :
				     arg[2] == 'd' ? &na->detach : &na->none;
			*flag = true;
			continue;
		}
		for (k = 0; k < sizeof(opts) / sizeof(opts[0]); k++)
			if (strlen(opts[k].name) == n && strncmp(arg, opts[k].name, n) == 0)
				break;
		if (k < sizeof(opts) / sizeof(opts[0])) {
			const char **slot = (const char **)((char *)na + opts[k].off);
			if (!eq && i + 1 >= argc) {
				fprintf(stderr, _("%s: %s needs a value\n%s"), cli->prog, opts[k].name, usage);
				return DD_EXIT_USAGE;
			}
			*slot = eq ? eq + 1 : argv[++i];
			continue;
		}
		/* "-" alone or a word: a positional; "" is a value (a reverse reset) */
		if ((arg[0] == '-' && arg[1]) || na->npos == 4) {
			fprintf(stderr, _("%s: %s: unknown argument %s\n%s"), cli->prog, argv[0], arg, usage);
			return DD_EXIT_USAGE;
		}
		na->pos[na->npos++] = arg;
	}
	return 0;
}

int dd_net_cli_confirm(const struct dd_cli *cli, const struct net_args *na, const char *want)
{
	if (cli->dry_run)
		return 0;
	if (na->yes && na->confirm && strcmp(na->confirm, want) == 0)
		return 0;
	if (na->yes && na->confirm)
		fprintf(stderr, _("%s: --confirm=%s does not name %s: nothing was sent\n"), cli->prog,
			na->confirm, want);
	else
		fprintf(stderr, _("%s: this cannot be undone from here: add --yes --confirm=%s "
				"(or --dry-run to see the request)\n"), cli->prog, want);
	return DD_EXIT_USAGE;
}

struct sent {
	int done, rc;
	const struct dd_cli *cli;
};

static void on_write(void *ud, const struct dd_write_result *r)
{
	struct sent *s = ud;

	s->done = 1;
	if (r->outcome == DD_WRITE_OK) {
		printf(_("%s: done.\n"), r->plan->summary);
		s->rc = DD_EXIT_OK;
	} else if (r->outcome == DD_WRITE_UNKNOWN) {
		fprintf(stderr, _("%s: %s: outcome unknown: %s\n"), s->cli->prog, r->plan->summary,
			r->reconciled);
		s->rc = DD_EXIT_NETWORK;
	} else {
		s->rc = dd_cli_fail(s->cli, &r->error);
	}
	if (r->audit.kind != DD_OK)
		fprintf(stderr, _("%s: warning: %s\n"), s->cli->prog, r->audit.message);
}

int dd_net_cli_send(struct dd_cli *cli, struct dd_account *a, struct dd_write_plan *plan,
		    struct dd_net_target *target)
{
	struct dd_write_policy pol;
	struct dd_config *cfg = NULL;
	struct dd_error err;
	struct sent s = { .cli = cli, .rc = DD_EXIT_FAILURE };
	int rc;

	if (dd_cli_write_policy(cli, &pol, &cfg, &err) < 0) {
		rc = dd_cli_fail(cli, &err);
	} else if ((rc = dd_write_send_target(a, cli->http, &pol, plan, &target->t, on_write, &s,
					      &err)) < 0) {
		rc = dd_cli_fail(cli, &err);
	} else if (rc == 1) {
		char text[4800];
		dd_write_describe(plan, text, sizeof(text));
		printf(_("dry run, nothing sent:\n%s\n"), text);
		rc = DD_EXIT_OK;
	} else {
		dd_http_run(cli->http);
		rc = s.done ? s.rc : DD_EXIT_FAILURE;
	}
	dd_write_plan_wipe(plan);
	dd_config_free(cfg);
	return rc;
}

int dd_net_cli_refused(const struct dd_cli *cli, enum dd_net_field field,
		       const struct dd_error *err)
{
	static const char *const names[] = {
		[DD_NF_NONE] = NULL, [DD_NF_ADDRESS] = N_("address"), [DD_NF_SERVER] = N_("server"),
		[DD_NF_MAC_TYPE] = N_("MAC type"), [DD_NF_MAC] = "MAC", [DD_NF_REVERSE] = N_("reverse"),
		[DD_NF_NAMESERVERS] = N_("name servers"), [DD_NF_QUANTITY] = N_("quantity"),
	};
	if (field != DD_NF_NONE && field < sizeof(names) / sizeof(names[0]) && names[field])
		fprintf(stderr, "%s: %s: %s\n", cli->prog, _(names[field]), err->message);
	else
		fprintf(stderr, "%s: %s\n", cli->prog, err->message);
	return dd_cli_exit_code(err);
}
