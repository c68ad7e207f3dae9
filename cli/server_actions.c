/* dedi server reboot|start|stop|rescue|bmc ID: the server actions through
 * the one write path. ID is an id or a unique hostname prefix. Nothing is
 * sent until the person typed the hostname or id (a terminal) or the
 * script said --yes --confirm=HOSTNAME_OR_ID; --dry-run needs neither
 * because it sends nothing. */
#include <errno.h>
#include <poll.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opt_table.h"
#include "cli/server_actions.h"
#include "core/actions.h"
#include "core/i18n.h"

static const char usage_text[] = N_(
	"usage: dedi [--dry-run] server reboot|start|stop ID [--reason TEXT] [COMMON]\n"
	"       dedi [--dry-run] server rescue ID [--image OS_ID_OR_NAME | --off] [COMMON]\n"
	"       dedi [--dry-run] server bmc ID [--ip ADDR | --revoke | --show] [COMMON]\n"
	"       dedi [--dry-run] server install ID --os OS_ID [--hostname NAME] [--user NAME]\n"
	"            [--partition MOUNT:FS:SIZE[:RAID]]... [--password-fd N] [--wait] | --cancel [COMMON]\n"
	"       dedi server raid ID [--json] | dedi [--dry-run] server raid ID --array N --level L [COMMON]\n"
	"  COMMON: [--zone ZONE] [--yes --confirm=HOSTNAME_OR_ID]\n"
	"  ID is a server id or a unique hostname prefix.\n");

struct act_args {
	const char *verb, *idtext, *zone, *confirm, *reason, *image, *ip;
	int yes, off, show;
};

static int bad(const struct dd_cli *cli, const char *what)
{
	fprintf(stderr, _("%s: server: %s\n%s"), cli->prog, what, _(usage_text));
	return DD_EXIT_USAGE;
}

static int parse(const struct dd_cli *cli, int argc, char **argv, struct act_args *e)
{
#define V(name, field, verbs) { name, DD_OPT_VALUE, offsetof(struct act_args, field), 0, 0, NULL, verbs }
#define F(name, field, verbs) { name, DD_OPT_FLAG, offsetof(struct act_args, field), 0, 0, NULL, verbs }
	static const struct dd_cli_opt opts[] = {
		F("--yes", yes, NULL), F("--show", show, "bmc"), F("--off", off, "rescue"), F("--revoke", off, "bmc"),
		V("--zone", zone, NULL), V("--confirm", confirm, NULL), V("--reason", reason, "reboot stop"),
		V("--image", image, "rescue"), V("--ip", ip, "bmc"),
	};
#undef V
#undef F
	const char *why;

	e->verb = argv[0];
	if ((why = dd_cli_opt_table(opts, sizeof(opts) / sizeof(opts[0]), e->verb, argc, argv, e, &e->idtext)))
		return bad(cli, why);
	if (!e->idtext)
		return bad(cli, _("which server? (ID or hostname)"));
	if (e->off && (e->image || e->ip))
		return bad(cli, e->ip ? _("--revoke takes no --ip") : _("--off takes no --image"));
	if (e->show && (e->off || e->ip))
		return bad(cli, _("--show takes no --ip or --revoke"));
	return 0;
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

/* The id of the server the person named: a number, or the one server
 * whose hostname starts with the text. */
int dd_cli_server_resolve(struct dd_cli *cli, struct dd_account *a, const char *text,
			  const char *zone, int64_t *id, struct dd_error *err)
{
	struct wait w = { 0 };
	const struct dd_server_list *l;
	size_t found = 0, len = strlen(text);
	char *end;

	errno = 0;
	*id = strtoll(text, &end, 10);
	if (!errno && !*end && *id > 0)
		return 0;
	if (dd_account_load_servers(a, cli->http, zone, on_done, &w, err) < 0)
		return -1;
	dd_http_run(cli->http);
	if (w.err.kind != DD_OK) {
		*err = w.err;
		return -1;
	}
	l = dd_account_servers(a);
	for (size_t i = 0; l && i < l->n; i++) {
		const char *h = l->v[i].hostname ? l->v[i].hostname : "";
		if (strncmp(h, text, len) != 0)
			continue;
		if (strcmp(h, text) == 0) { /* an exact name wins over longer ones */
			*id = l->v[i].id;
			return 0;
		}
		if (found++ == 0)
			*id = l->v[i].id;
	}
	if (found == 1)
		return 0;
	if (found == 0)
		return dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
				    _("no server has an id or a hostname starting with \"%.64s\""), text);
	return dd_error_set(err, DD_E_USAGE, 0, NULL,
			    _("%zu servers have a hostname starting with \"%.64s\": give more of it, or the id"),
			    found, text);
}

int dd_cli_server_confirm(struct dd_cli *cli, int yes, const char *confirm_text,
			  const struct dd_server *s, const struct dd_write_plan *plan)
{
	char ids[24], line[300];
	const char *host = s->hostname ? s->hostname : "";

	if (cli->dry_run)
		return 0;
	snprintf(ids, sizeof(ids), "%" PRId64, s->id);
	if (yes) {
		if (!confirm_text) {
			fprintf(stderr, _("%s: --yes needs --confirm=HOSTNAME_OR_ID (%s or %s)\n"), cli->prog,
				host, ids);
			return DD_EXIT_USAGE;
		}
		if (strcmp(confirm_text, ids) != 0 && (!*host || strcmp(confirm_text, host) != 0)) {
			fprintf(stderr, _("%s: --confirm=%.64s is neither the hostname (%s) nor the id (%s) "
				"of the server: nothing sent\n"), cli->prog, confirm_text, host, ids);
			return DD_EXIT_REFUSED;
		}
		return 0;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO)) {
		fprintf(stderr, _("%s: %s\n  not a terminal: add --yes --confirm=HOSTNAME_OR_ID "
			"(%s or %s) to send it\n"), cli->prog, plan->summary, host, ids);
		return DD_EXIT_USAGE;
	}
	fprintf(stderr, _("%s\nType the hostname (%s) or the id (%s) to send it, anything else cancels: "),
		plan->summary, host, ids);
	if (!fgets(line, sizeof(line), stdin))
		line[0] = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	if (strcmp(line, ids) == 0 || (*host && strcmp(line, host) == 0))
		return 0;
	fprintf(stderr, _("%s: not confirmed: nothing sent\n"), cli->prog);
	return DD_EXIT_REFUSED;
}

struct result {
	int done;
	int rc;
	const struct dd_cli *cli;
	const struct act_args *e;
	const struct dd_server_detail *d;
	struct dd_bmc bmc;         /* the access opened or read: secret, wiped */
	int have_bmc;
};

static void print_rescue(struct result *res, const struct dd_write_result *r)
{
	struct dd_rescue_creds c;
	struct dd_error err;

	if (dd_action_decode_rescue(r->plan, r->body, r->body_len, &c, &err) < 0) {
		res->rc = dd_cli_fail(res->cli, &err);
		return;
	}
	printf(_("protocol       %s\nlogin          %s\npassword       %s\naddress        %s\n"),
	       c.protocol, c.login, c.password, c.ip[0] ? c.ip : res->d->s.ipv4);
	printf(_("(the password is shown once; dedi keeps no copy)\n"));
	dd_action_wipe(&c, sizeof(c));
}

/* The access as the API gave it; the password only when it was just
 * opened. The time left is counted from the answer's Date, the API's
 * clock, which may differ from this machine's. */
static void print_bmc(const struct dd_bmc *b, int with_password)
{
	char left[120] = "";
	bool by_api;
	long long s = dd_bmc_left(b, (long long)time(NULL), &by_api);

	if (s >= 0)
		snprintf(left, sizeof(left), by_api ? _(" (in %lld min by the API's clock)")
			 : _(" (in %lld min by this machine's clock: the answer had no Date)"),
			 (s + 59) / 60);
	printf(_("url            %s\nlogin          %s\n"), b->url, b->login);
	if (with_password)
		printf(_("password       %s\n"), b->password);
	printf(_("status         %s\nexpires        %s%s\n"), b->status,
	       b->expires_at[0] ? b->expires_at : _("not said"), s == 0 ? _(" (expired)") : left);
	if (with_password)
		printf("%s", _("(the password is shown once; dedi keeps no copy)\n"));
}

/* Reads the access into b until the API says it is ready: an Online
 * session answers 202 for a while after it was asked. */
#define BMC_TRIES 30
#define BMC_POLL_MS 1000
static int read_bmc(struct dd_cli *cli, struct dd_account *a, const struct dd_server *s,
		    struct dd_bmc *b, struct dd_error *err)
{
	for (int i = 0; i < BMC_TRIES; i++) {
		struct wait w = { 0 };
		if (dd_action_read_bmc(a, cli->http, s, b, on_done, &w, err) < 0)
			return -1;
		dd_http_run(cli->http);
		if (w.err.kind != DD_OK) {
			*err = w.err;
			return -1;
		}
		if (strcmp(b->status, "creating") != 0 || !b->session_key[0])
			return 0;
		poll(NULL, 0, BMC_POLL_MS);
	}
	return dd_error_set(err, DD_E_API, 0, NULL,
			    _("The KVM session is still being prepared after %d s: see it later with "
			      "dedi server bmc %" PRId64 " --show."), BMC_TRIES * BMC_POLL_MS / 1000, s->id);
}

static void on_write(void *ud, const struct dd_write_result *r)
{
	struct result *res = ud;

	res->done = 1;
	if (r->outcome == DD_WRITE_OK) {
		printf(_("%s: done.\n"), r->plan->summary);
		res->rc = DD_EXIT_OK;
		if (strcmp(res->e->verb, "rescue") == 0 && !res->e->off)
			print_rescue(res, r);
		else if (strcmp(res->e->verb, "bmc") == 0 && !res->e->off) {
			struct dd_error err;
			if (dd_action_decode_bmc(r->plan, r->body, r->body_len, r->date, &res->bmc, &err) < 0)
				res->rc = dd_cli_fail(res->cli, &err);
			else
				res->have_bmc = 1;
		}
	} else {
		res->rc = dd_cli_fail(res->cli, &r->error);
		if (r->outcome == DD_WRITE_UNKNOWN && r->reconciled[0])
			fprintf(stderr, "%s: %s\n", res->cli->prog, r->reconciled);
	}
	if (r->audit.kind != DD_OK)
		fprintf(stderr, _("%s: warning: %s\n"), res->cli->prog, r->audit.message);
}

/* The rescue image the person named (id or name, any case), else the
 * API's first one. */
static int pick_image(struct dd_cli *cli, struct dd_account *a, const struct act_args *e,
		      const struct dd_server *s, struct dd_rescue_image *out, struct dd_error *err)
{
	struct dd_rescue_images l = { 0 };
	struct wait w = { 0 };
	int rc = -1;

	if (dd_action_load_rescue_images(a, cli->http, s, &l, on_done, &w, err) < 0)
		return -1;
	dd_http_run(cli->http);
	if (w.err.kind != DD_OK) {
		*err = w.err;
		return -1;
	}
	for (size_t i = 0; i < l.n && rc < 0; i++) {
		char ids[24];
		snprintf(ids, sizeof(ids), "%" PRId64, l.v[i].os_id);
		if (!e->image || strcasecmp(e->image, l.v[i].name) == 0 ||
		    (l.v[i].os_id > 0 && strcmp(e->image, ids) == 0)) {
			*out = l.v[i];
			rc = 0;
		}
	}
	if (rc < 0) {
		char names[400] = "";
		for (size_t i = 0; i < l.n; i++) {
			size_t u = strlen(names);
			snprintf(names + u, sizeof(names) - u, "%s%s", u ? ", " : "", l.v[i].name);
		}
		dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
			     _("\"%.64s\" is not a rescue image of server %" PRId64 " (it has: %s)"),
			     e->image, s->id, names);
	}
	dd_rescue_images_clear(&l);
	return rc;
}

static int plan_action(struct dd_cli *cli, struct dd_account *a, const struct act_args *e,
		       const struct dd_server_detail *d, struct dd_bmc *known, struct dd_write_plan *plan,
		       struct dd_error *err)
{
	const struct dd_server *s = &d->s;
	bool has_bmc = d->has_bmc;
	enum dd_power what;

	if (dd_power_parse(e->verb, &what) == 0)
		return dd_action_power(a, s, what, e->reason, plan, err);
	if (strcmp(e->verb, "rescue") == 0) {
		struct dd_rescue_image img;
		if (e->off)
			return dd_action_rescue_off(a, s, plan, err);
		if (pick_image(cli, a, e, s, &img, err) < 0)
			return -1;
		return dd_action_rescue(a, s, &img, plan, err);
	}
	if (e->off) {
		enum dd_api_flavour api;
		/* an Online session is revoked by its key, read from the server */
		if (dd_account_api_for(a, s, &api, err) < 0 ||
		    (api == DD_API_ONLINE && read_bmc(cli, a, s, known, err) < 0))
			return -1;
		return dd_action_bmc_off(a, s, known, plan, err);
	}
	if (!has_bmc)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("server %" PRId64 " has no BMC: its offer comes without KVM over IP"),
				    s->id);
	char ip[64];
	if (!e->ip && !dd_action_caller_ip(ip, sizeof(ip)))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("which IPv4 address may reach the BMC? Give --ip ADDR (dedi only "
				    "knows yours when it runs over SSH, from $SSH_CONNECTION)"));
	return dd_action_bmc(a, s, e->ip ? e->ip : ip, plan, err);
}

int dd_cli_server(struct dd_cli *cli, int argc, char **argv)
{
	static const char *const verbs[] = { "reboot", "start", "stop", "rescue", "bmc", "install", "raid" };
	struct act_args e = { 0 };
	struct dd_server_detail d;
	struct dd_write_plan plan;
	struct dd_write_policy pol;
	struct dd_config *cfg = NULL;
	struct dd_account *a;
	struct dd_error err;
	struct wait w = { 0 };
	struct result res = { .cli = cli, .rc = DD_EXIT_FAILURE, .e = &e, .d = &d };
	int64_t id;
	int rc = -1;
	size_t v;

	for (v = 0; argc >= 1 && v < sizeof(verbs) / sizeof(verbs[0]); v++)
		if (strcmp(argv[0], verbs[v]) == 0)
			break;
	if (argc < 1 || v == sizeof(verbs) / sizeof(verbs[0])) {
		fputs(_(usage_text), stderr);
		return DD_EXIT_USAGE;
	}
	if (strcmp(argv[0], "install") == 0)
		return dd_cli_server_install(cli, argc, argv);
	if (strcmp(argv[0], "raid") == 0)
		return dd_cli_server_raid(cli, argc, argv);
	if ((rc = parse(cli, argc, argv, &e)) != 0)
		return rc;
	if (!(a = dd_cli_open_account(cli, &err)))
		return dd_cli_fail(cli, &err);
	memset(&d, 0, sizeof(d));
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
	if (e.show) {
		if (read_bmc(cli, a, &d.s, &res.bmc, &err) < 0) {
			rc = dd_cli_fail(cli, &err);
		} else {
			print_bmc(&res.bmc, 0);
			rc = DD_EXIT_OK;
		}
		goto out;
	}
	if (plan_action(cli, a, &e, &d, &res.bmc, &plan, &err) < 0) {
		rc = dd_cli_fail(cli, &err);
		goto out;
	}
	if ((rc = dd_cli_server_confirm(cli, e.yes, e.confirm, &d.s, &plan)) != 0)
		goto out;
	rc = dd_cli_server_send(cli, a, &pol, &plan, &d.s, on_write, &res, &res.done, &res.rc);
	if (rc == DD_EXIT_OK && res.have_bmc) {
		if (strcmp(res.bmc.status, "creating") == 0 && res.bmc.session_key[0] &&
		    read_bmc(cli, a, &d.s, &res.bmc, &err) < 0)
			rc = dd_cli_fail(cli, &err);
		else
			print_bmc(&res.bmc, 1);
	}
out:
	dd_action_wipe(&res.bmc, sizeof(res.bmc));
	dd_write_plan_wipe(&plan);
	dd_server_detail_clear(&d);
	dd_config_free(cfg);
	dd_cli_close_account(cli, a);
	return rc;
}

int dd_cli_server_send(struct dd_cli *cli, struct dd_account *a, const struct dd_write_policy *pol,
		       const struct dd_write_plan *plan, const struct dd_server *s, dd_write_fn cb,
		       void *ud, const int *done, const int *done_rc)
{
	struct dd_write_seen seen = { .hostname = s->hostname, .status = s->status };
	struct dd_error err;
	int rc;

	dd_error_clear(&err);
	rc = dd_write_send(a, cli->http, pol, plan, &seen, cb, ud, &err);
	if (rc < 0)
		return dd_cli_fail(cli, &err);
	if (rc == 1) {
		char text[4800];
		dd_write_describe(plan, text, sizeof(text));
		printf(_("dry run, nothing sent:\n%s\n"), text);
		return DD_EXIT_OK;
	}
	dd_http_run(cli->http);
	return *done ? *done_rc : DD_EXIT_FAILURE;
}
