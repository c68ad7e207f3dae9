/* dedi servers edit ID CHANGE: one edit through the write path (core/write).
 * The server is read first: that is what this command "saw", unless the
 * script says what it saw with --expect-hostname / --expect-status. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cli.h"
#include "core/edit.h"
#include "core/i18n.h"

static const char usage_text[] = N_(
	"usage: dedi [--dry-run] servers edit ID CHANGE [--zone ZONE]\n"
	"            [--expect-hostname NAME] [--expect-status STATUS]\n"
	"  CHANGE is one of:\n"
	"    --hostname NAME\n"
	"    --tags a,b,c                 (\"\" removes every tag; \\, is a comma in a tag)\n"
	"    --reverse ADDRESS=NAME       (ADDRESS= removes the reverse)\n"
	"    --backup-autologin on|off --backup-acl on|off [--backup-password-fd N]\n");

struct edit_args {
	int64_t id;
	const char *zone, *expect_host, *expect_status;
	const char *hostname, *tags, *reverse, *autologin, *acl, *pw_fd;
	int changes;
};

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

struct result {
	int done;
	int rc;
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

static int bad(const struct dd_cli *cli, const char *what)
{
	fprintf(stderr, _("%s: servers edit: %s\n%s"), cli->prog, what, _(usage_text));
	return DD_EXIT_USAGE;
}

static int on_off(const char *v, bool *out)
{
	if (strcmp(v, "on") == 0 || strcmp(v, "off") == 0) {
		*out = strcmp(v, "on") == 0;
		return 0;
	}
	return -1;
}

static int parse(const struct dd_cli *cli, int argc, char **argv, struct edit_args *e)
{
	static const struct { const char *name; size_t off; int change; } opts[] = {
		{ "--zone", offsetof(struct edit_args, zone), 0 },
		{ "--expect-hostname", offsetof(struct edit_args, expect_host), 0 },
		{ "--expect-status", offsetof(struct edit_args, expect_status), 0 },
		{ "--hostname", offsetof(struct edit_args, hostname), 1 },
		{ "--tags", offsetof(struct edit_args, tags), 1 },
		{ "--reverse", offsetof(struct edit_args, reverse), 1 },
		{ "--backup-autologin", offsetof(struct edit_args, autologin), 1 },
		{ "--backup-acl", offsetof(struct edit_args, acl), 0 },
		{ "--backup-password-fd", offsetof(struct edit_args, pw_fd), 0 },
	};
	const char *idtext = NULL;
	char *end;

	for (int i = 1; i < argc; i++) {
		size_t k;
		for (k = 0; k < sizeof(opts) / sizeof(opts[0]); k++)
			if (strcmp(argv[i], opts[k].name) == 0)
				break;
		if (k == sizeof(opts) / sizeof(opts[0])) {
			if (idtext || argv[i][0] == '-')
				return bad(cli, _("unknown argument"));
			idtext = argv[i];
			continue;
		}
		const char **slot = (const char **)((char *)e + opts[k].off);
		if (i + 1 >= argc || *slot)
			return bad(cli, i + 1 >= argc ? _("an option needs a value") : _("an option is given twice"));
		*slot = argv[++i];
		e->changes += opts[k].change;
	}
	if (!idtext)
		return bad(cli, _("which server? (ID)"));
	errno = 0;
	e->id = strtoll(idtext, &end, 10);
	if (errno || *end || e->id <= 0)
		return bad(cli, _("ID is a positive number (see dedi servers list)"));
	if (e->changes != 1)
		return bad(cli, e->changes ? _("one change per command") : _("what to change?"));
	if (!e->autologin && (e->acl || e->pw_fd))
		return bad(cli, _("--backup-acl and --backup-password-fd go with --backup-autologin"));
	if (e->autologin && !e->acl)
		return bad(cli, _("--backup-autologin needs --backup-acl: both are sent"));
	return 0;
}

/* One line from descriptor fd, never echoed anywhere. */
static int read_password(const char *fdtext, char *buf, size_t len, struct dd_error *err)
{
	char *end;
	long fd = strtol(fdtext, &end, 10);
	size_t n = 0;

	if (*end || fd < 0 || fd > 1024)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("--backup-password-fd wants a descriptor number"));
	while (n + 1 < len) {
		ssize_t r = read((int)fd, buf + n, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || buf[n] == '\n')
			break;
		n++;
	}
	buf[n] = '\0';
	if (!n)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("no backup password could be read from descriptor %ld"), fd);
	return 0;
}

static const struct dd_ip *find_ip(const struct dd_server_detail *d, const char *addr)
{
	for (size_t i = 0; i < d->n_ifaces; i++)
		for (size_t k = 0; k < d->ifaces[i].n_ips; k++)
			if (strcmp(d->ifaces[i].ips[k].address, addr) == 0)
				return &d->ifaces[i].ips[k];
	return NULL;
}

static int plan_edit(const struct dd_account *a, const struct edit_args *e,
		     const struct dd_server_detail *d, struct dd_write_plan *plan,
		     struct dd_error *err)
{
	if (e->hostname)
		return dd_edit_hostname(a, &d->s, e->hostname, plan, err);
	if (e->tags)
		return dd_edit_tags(a, &d->s, e->tags, plan, err);
	if (e->reverse) {
		char addr[64];
		const char *eq = strchr(e->reverse, '=');
		const struct dd_ip *ip;
		if (!eq || (size_t)(eq - e->reverse) >= sizeof(addr))
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("--reverse wants ADDRESS=NAME (ADDRESS= removes it)"));
		memcpy(addr, e->reverse, (size_t)(eq - e->reverse));
		addr[eq - e->reverse] = '\0';
		if (!(ip = find_ip(d, addr)))
			return dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
					    _("%s is not an address of server %" PRId64
					    " (see dedi servers show %" PRId64 ")"), addr, d->s.id, d->s.id);
		return dd_edit_reverse(a, &d->s, ip, eq + 1, plan, err);
	}
	bool autologin, acl;
	char pw[256] = "";
	int rc;
	if (on_off(e->autologin, &autologin) < 0 || on_off(e->acl, &acl) < 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("--backup-autologin and --backup-acl are on or off"));
	if (e->pw_fd && read_password(e->pw_fd, pw, sizeof(pw), err) < 0)
		return -1;
	rc = dd_edit_backup(a, &d->s, acl, autologin, pw, plan, err);
	sodium_memzero(pw, sizeof(pw));
	return rc;
}

int dd_cli_write_policy(struct dd_cli *cli, struct dd_write_policy *p, struct dd_config **cfg,
			struct dd_error *err)
{
	*cfg = cli->demo ? NULL : dd_config_load(NULL, err);
	if (!cli->demo && !*cfg)
		return -1;
	*p = (struct dd_write_policy){
		.profile = cli->profile_used, .config = *cfg, .dry_run = cli->dry_run,
		.audit = !cli->demo,
	};
	return 0;
}

int dd_cli_servers_edit(struct dd_cli *cli, int argc, char **argv)
{
	struct edit_args e = { 0 };
	struct dd_server_detail d;
	struct dd_write_plan plan;
	struct dd_write_policy pol;
	struct dd_config *cfg = NULL;
	struct dd_account *a;
	struct dd_error err;
	struct wait w = { 0 };
	struct result res = { .cli = cli, .rc = DD_EXIT_FAILURE };
	int rc;

	if ((rc = parse(cli, argc, argv, &e)) != 0)
		return rc;
	if (!(a = dd_cli_open_account(cli, &err)))
		return dd_cli_fail(cli, &err);
	memset(&d, 0, sizeof(d));
	memset(&plan, 0, sizeof(plan));
	if (dd_cli_write_policy(cli, &pol, &cfg, &err) < 0 ||
	    dd_account_load_server(a, cli->http, e.id, e.zone, &d, on_read, &w, &err) < 0) {
		rc = dd_cli_fail(cli, &err);
		goto out;
	}
	dd_http_run(cli->http);
	if (w.err.kind != DD_OK) {
		rc = dd_cli_fail(cli, &w.err);
		goto out;
	}
	if (plan_edit(a, &e, &d, &plan, &err) < 0) {
		rc = dd_cli_fail(cli, &err);
		goto out;
	}
	struct dd_write_seen seen = {
		.hostname = e.expect_host ? e.expect_host : d.s.hostname,
		.status = e.expect_status ? e.expect_status : d.s.status,
	};
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
	}
out:
	dd_write_plan_wipe(&plan);
	dd_server_detail_clear(&d);
	dd_config_free(cfg);
	dd_cli_close_account(cli, a);
	return rc;
}
