/* dedi server install ID --os OS_ID: the API's default partitioning for
 * that OS, a user and a password (generated with libsodium unless read
 * from a descriptor: never in argv), the typed confirmation, one write,
 * then with --wait a progress line per step until "installed". */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cli.h"
#include "cli/opt_table.h"
#include "cli/server_actions.h"
#include "core/install.h"
#include "core/ssh_keys.h"
#include "core/i18n.h"

/* Between two reads of the progress: a step takes minutes. */
#define POLL_MS 2000

struct inst_args {
	const char *idtext, *zone, *confirm, *os, *hostname, *user, *pw_fd;
	int yes, wait, cancel;
	const char *parts[DD_PART_MAX]; /* --partition, repeated: replaces the default plan */
	size_t nparts;
	const char *keys[DD_INSTALL_MAX_KEYS]; /* --ssh-key ID_OR_NAME, repeated */
	size_t nkeys;
};

static int bad(const struct dd_cli *cli, const char *what)
{
	fprintf(stderr, _("%s: server install: %s\n"
		"usage: dedi [--dry-run] server install ID --os OS_ID [--hostname NAME] [--user NAME]\n"
		"            [--partition MOUNT:FS:SIZE[:RAID]]... [--ssh-key ID_OR_NAME]... [--password-fd N]\n"
		"            [--wait] [--zone ZONE]\n"
		"            [--yes --confirm=HOSTNAME_OR_ID]\n"
		"       dedi server install ID --cancel [--yes --confirm=HOSTNAME_OR_ID]\n"),
		cli->prog, what);
	return DD_EXIT_USAGE;
}

static int parse(const struct dd_cli *cli, int argc, char **argv, struct inst_args *e)
{
#define V(name, field) { name, DD_OPT_VALUE, offsetof(struct inst_args, field), 0, 0, NULL, NULL }
#define F(name, field) { name, DD_OPT_FLAG, offsetof(struct inst_args, field), 0, 0, NULL, NULL }
	static const struct dd_cli_opt opts[] = {
		F("--yes", yes), F("--wait", wait), F("--cancel", cancel),
		{ "--partition", DD_OPT_LIST, offsetof(struct inst_args, parts), offsetof(struct inst_args, nparts),
		  DD_PART_MAX, N_("too many --partition"), NULL },
		{ "--ssh-key", DD_OPT_LIST, offsetof(struct inst_args, keys), offsetof(struct inst_args, nkeys),
		  DD_INSTALL_MAX_KEYS, N_("too many --ssh-key"), NULL },
		V("--zone", zone), V("--confirm", confirm), V("--os", os), V("--hostname", hostname),
		V("--user", user), V("--password-fd", pw_fd),
	};
#undef V
#undef F
	const char *why = dd_cli_opt_table(opts, sizeof(opts) / sizeof(opts[0]), NULL, argc, argv, e, &e->idtext);

	if (why)
		return bad(cli, why);
	if (!e->idtext)
		return bad(cli, _("which server? (ID or hostname)"));
	if (!e->cancel && !e->os)
		return bad(cli, _("which system? --os OS_ID (the ids are in the console's install list)"));
	if (e->cancel && (e->os || e->wait || e->nparts || e->nkeys))
		return bad(cli, _("--cancel takes no --os, --partition, --ssh-key or --wait"));
	return 0;
}

/* One line from descriptor fd, never echoed. */
static int read_password(const char *fdtext, char *buf, size_t len, struct dd_error *err)
{
	char *end;
	long fd = strtol(fdtext, &end, 10);
	size_t n = 0;

	if (*end || fd < 0 || fd > 1024)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("--password-fd wants a descriptor number"));
	while (n + 1 < len) {
		ssize_t r = read((int)fd, buf + n, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || buf[n] == '\n')
			break;
		n++;
	}
	buf[n] = '\0';
	return n ? 0 : dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("no password could be read from descriptor %ld"), fd);
}

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
		if (r->outcome == DD_WRITE_UNKNOWN && r->reconciled[0])
			fprintf(stderr, "%s: %s\n", res->cli->prog, r->reconciled);
	}
	if (r->audit.kind != DD_OK)
		fprintf(stderr, _("%s: warning: %s\n"), res->cli->prog, r->audit.message);
}

static void print_plan(const struct dd_install *in)
{
	printf(_("system         %s (os %" PRId64 ")\nhostname       %s\nuser           %s\n"),
	       in->os_name, in->os_id, in->hostname, in->user_login);
	for (size_t i = 0; i < in->parts.n; i++) {
		const struct dd_partition *p = &in->parts.v[i];
		char disks[64] = "";
		for (size_t k = 0; k < p->nconn; k++) {
			size_t u = strlen(disks);
			snprintf(disks + u, sizeof(disks) - u, "%s%s", k ? "," : "", p->connectors[k]);
		}
		printf(_("partition %-4zu %-6s %-10s %8.1f GiB  %-7s disks %s\n"), i + 1, p->file_system,
		       p->mount_point[0] ? p->mount_point : "-", (double)p->capacity / 1073741824.0,
		       p->raid_level, disks);
	}
	if (in->online)
		printf(_("partitions     the Online API's own layout for this system\n"));
	for (size_t k = 0; k < in->nkeys; k++)
		printf(_("ssh key        %s\n"), in->ssh_key_ids[k]);
}

/* The --ssh-key the person named, from the account's keys (IAM's, or
 * Online's /user/key/ssh for a server only that API serves) into
 * in; 0, or the exit code with the reason said. */
static int pick_keys(struct dd_cli *cli, struct dd_account *a, const struct dd_server *s,
		     const struct inst_args *e, struct dd_install *in)
{
	struct dd_ssh_keys keys = { 0 };
	struct dd_error err;
	struct wait w = { 0 };
	int rc = 0;

	if (dd_ssh_keys_load(a, cli->http, s, &keys, on_done, &w, &err) < 0)
		return dd_cli_fail(cli, &err);
	dd_http_run(cli->http);
	if (w.err.kind != DD_OK)
		rc = dd_cli_fail(cli, &w.err);
	for (size_t i = 0; rc == 0 && i < e->nkeys; i++)
		if (dd_ssh_keys_pick(&keys, e->keys[i], in, &err) < 0) {
			fprintf(stderr, _("%s: server install: %s\nNothing was sent.\n"), cli->prog, err.message);
			rc = err.kind == DD_E_NOT_FOUND ? DD_EXIT_NOT_FOUND : DD_EXIT_USAGE;
		}
	dd_ssh_keys_clear(&keys);
	return rc;
}

/* Follows the installation to its end, one line per step. */
static int follow(struct dd_cli *cli, struct dd_account *a, const struct dd_server *s)
{
	struct timespec t0, t1;
	char status[32], last[32] = "";
	struct dd_error err;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct wait w = { 0 };
		if (dd_install_read_status(a, cli->http, s, status, sizeof(status), on_done, &w, &err) < 0)
			return dd_cli_fail(cli, &err);
		dd_http_run(cli->http);
		if (w.err.kind != DD_OK)
			return dd_cli_fail(cli, &w.err);
		if (strcmp(status, last) != 0) {
			clock_gettime(CLOCK_MONOTONIC, &t1);
			long el = (long)(t1.tv_sec - t0.tv_sec);
			int step = dd_install_step(status);
			printf("[%02ld:%02ld] %s (%d/%d)\n", el / 60, el % 60, status, step, DD_INSTALL_STEPS);
			fflush(stdout);
			snprintf(last, sizeof(last), "%s", status);
			if (!step) {
				fprintf(stderr, _("%s: the API reports the installation as \"%s\"\n"), cli->prog, status);
				return DD_EXIT_API;
			}
			if (step == DD_INSTALL_STEPS)
				return DD_EXIT_OK;
		}
		poll(NULL, 0, POLL_MS);
	}
}

int dd_cli_server_install(struct dd_cli *cli, int argc, char **argv)
{
	struct inst_args e = { 0 };
	struct dd_server_detail d;
	struct dd_install in;
	struct dd_write_plan plan;
	struct dd_write_policy pol;
	struct dd_config *cfg = NULL;
	struct dd_account *a;
	struct dd_error err;
	struct wait w = { 0 };
	struct result res = { .cli = cli, .rc = DD_EXIT_FAILURE };
	int64_t id, os_id = 0;
	int rc, generated = 0;
	char *end;

	if ((rc = parse(cli, argc, argv, &e)) != 0)
		return rc;
	if (e.os) {
		errno = 0;
		os_id = strtoll(e.os, &end, 10);
		if (errno || *end || os_id <= 0)
			return bad(cli, _("--os wants the number of an OS"));
	}
	if (!(a = dd_cli_open_account(cli, &err)))
		return dd_cli_fail(cli, &err);
	memset(&d, 0, sizeof(d));
	memset(&plan, 0, sizeof(plan));
	memset(&in, 0, sizeof(in));
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
	if (e.cancel) {
		rc = dd_install_plan_cancel(a, &d.s, &plan, &err);
	} else {
		w = (struct wait){ 0 };
		if (dd_install_load_defaults(a, cli->http, &d.s, os_id, &in, on_done, &w, &err) < 0) {
			rc = dd_cli_fail(cli, &err);
			goto out;
		}
		dd_http_run(cli->http);
		if (w.err.kind != DD_OK) {
			rc = dd_cli_fail(cli, &w.err);
			goto out;
		}
		if (e.nkeys && (rc = pick_keys(cli, a, &d.s, &e, &in)) != 0)
			goto out;
		if (e.nparts && dd_install_replace_partitions(&in, e.parts, e.nparts, &err) < 0) {
			fprintf(stderr, _("%s: server install: %s\nNothing was sent.\n"), cli->prog, err.message);
			rc = DD_EXIT_USAGE;
			goto out;
		}
		snprintf(in.hostname, sizeof(in.hostname), "%s", e.hostname ? e.hostname : d.s.hostname);
		snprintf(in.user_login, sizeof(in.user_login), "%s",
			 e.user ? e.user : getenv("USER") ? getenv("USER") : "");
		if (e.pw_fd) {
			if (read_password(e.pw_fd, in.user_password, sizeof(in.user_password), &err) < 0) {
				rc = dd_cli_fail(cli, &err);
				goto out;
			}
		} else {
			dd_install_gen_password(in.user_password, sizeof(in.user_password));
			generated = 1;
		}
		rc = dd_install_plan(a, &d.s, &in, &plan, &err);
		if (rc == 0)
			print_plan(&in);
	}
	if (rc < 0) {
		rc = dd_cli_fail(cli, &err);
		goto out;
	}
	if ((rc = dd_cli_server_confirm(cli, e.yes, e.confirm, &d.s, &plan)) != 0)
		goto out;
	struct dd_write_seen seen = { .hostname = d.s.hostname, .status = d.s.status };
	rc = dd_write_send(a, cli->http, &pol, &plan, &seen, on_write, &res, &err);
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
		if (rc == DD_EXIT_OK && generated)
			printf(_("password       %s\n(generated; shown once, dedi keeps no copy)\n"),
			       in.user_password);
		if (rc == DD_EXIT_OK && in.online)
			printf(_("root password  %s\n(generated; shown once, dedi keeps no copy)\n"),
			       in.root_password);
		if (rc == DD_EXIT_OK && e.wait)
			rc = follow(cli, a, &d.s);
	}
out:
	sodium_memzero(&in, sizeof(in));
	dd_write_plan_wipe(&plan);
	dd_server_detail_clear(&d);
	dd_config_free(cfg);
	dd_cli_close_account(cli, a);
	return rc;
}
