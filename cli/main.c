/* dedi: the console (no subcommand) and the scripting face (subcommands). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/unlock.h"
#include "core/creds.h"
#include "sandbox/sandbox.h"
#include "tui/tui.h"

static int cmd_help(struct dd_cli *cli, int argc, char **argv);

static const struct dd_cli_cmd cmds[] = {
	{ "servers", dd_cli_servers, "list servers, show or edit one (servers list|show ID|edit ID)" },
	{ "auth", dd_cli_auth, "profiles in the vault (auth login|list|remove P|passwd|import-scw)" },
	{ "vault", dd_cli_vault, "check the vault file (vault check [PATH])" },
	{ "help", cmd_help, "this list" },
};

static void usage(FILE *f, const char *prog)
{
	fprintf(f,
		"usage: %s [--demo] [--dry-run] [--profile P] [--theme NAME] [--passphrase-fd N]\n"
		"       [COMMAND [ARGS]]\n"
		"  With no command, opens the console.\n\n"
		"commands:\n", prog);
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
	fprintf(f, "\nexit codes: 0 ok, 1 failure, 2 usage, 3 authentication, 4 not found,\n"
		   "            5 network, 6 API error, 7 vault, 8 write refused\n"
		   "See dedi(1) and README.md for environment variables and files.\n");
}

static int cmd_help(struct dd_cli *cli, int argc, char **argv)
{
	usage(stdout, cli->prog);
	return DD_EXIT_OK;
}

int dd_cli_exit_code(const struct dd_error *err)
{
	switch (err->kind) {
	case DD_OK: return DD_EXIT_OK;
	case DD_E_USAGE: return DD_EXIT_USAGE;
	case DD_E_AUTH:
	case DD_E_PERMISSION: return DD_EXIT_AUTH;
	case DD_E_NOT_FOUND: return DD_EXIT_NOT_FOUND;
	case DD_E_NETWORK: return DD_EXIT_NETWORK;
	case DD_E_RATE_LIMIT:
	case DD_E_API:
	case DD_E_DECODE: return DD_EXIT_API;
	case DD_E_VAULT: return DD_EXIT_VAULT;
	case DD_E_REFUSED: return DD_EXIT_REFUSED;
	default: return DD_EXIT_FAILURE;
	}
}

int dd_cli_fail(const struct dd_cli *cli, const struct dd_error *err)
{
	fprintf(stderr, "%s: %s\n", cli->prog, err->message[0] ? err->message : "failed");
	return dd_cli_exit_code(err);
}

static int copy_field(char *dst, size_t n, const char *v)
{
	if (strlen(v) >= n)
		return -1;
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

struct dd_account *dd_cli_open_account(struct dd_cli *cli, struct dd_error *err)
{
	struct dd_creds *c = dd_creds_new();
	struct dd_account *a;

	if (!c) {
		dd_error_set(err, DD_E_INTERNAL, 0, NULL, "cannot allocate locked memory for credentials");
		return NULL;
	}
	if (cli->demo) {
		struct dd_sandbox_opts o = { .seed = 1 };
		char msg[256] = "";
		const char *n = getenv("DEDI_DEMO_SERVERS");

		if (n && *n) {
			char *end;
			unsigned long v = strtoul(n, &end, 10);
			if (*end || v > 100000) {
				dd_creds_free(c);
				dd_error_set(err, DD_E_USAGE, 0, NULL, "DEDI_DEMO_SERVERS must be a number from 0 to 100000");
				return NULL;
			}
			o.servers = (unsigned)v;
			o.servers_set = 1;
		} else {
			o.servers = 24;
		}
		cli->sandbox = dd_sandbox_start(&o, msg, sizeof(msg));
		if (!cli->sandbox) {
			dd_creds_free(c);
			dd_error_set(err, DD_E_INTERNAL, 0, NULL, "the demo sandbox could not start: %s", msg);
			return NULL;
		}
		/* The demo never reads the environment or the user's vault. */
		copy_field(c->profile, sizeof(c->profile), "demo");
		copy_field(c->access_key, sizeof(c->access_key), DD_SANDBOX_ACCESS_KEY);
		copy_field(c->secret_key, sizeof(c->secret_key), DD_SANDBOX_SECRET_KEY);
		copy_field(c->organization_id, sizeof(c->organization_id), DD_SANDBOX_ORGANIZATION_ID);
		copy_field(c->project_id, sizeof(c->project_id), DD_SANDBOX_PROJECT_ID);
		copy_field(c->online_token, sizeof(c->online_token), DD_SANDBOX_ONLINE_TOKEN);
		snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", dd_sandbox_url(cli->sandbox));
		snprintf(c->online_api_url, sizeof(c->online_api_url), "%s/api/v1", dd_sandbox_url(cli->sandbox));
	} else if (dd_cli_profile_creds(cli, c, err) < 0) {
		dd_creds_free(c);
		return NULL;
	}
	snprintf(cli->profile_used, sizeof(cli->profile_used), "%s", c->profile);
	a = dd_account_new(c);
	if (!a) {
		dd_creds_free(c);
		dd_error_oom(err);
	}
	return a;
}

void dd_cli_close_account(struct dd_cli *cli, struct dd_account *a)
{
	dd_account_free(a);
	if (cli->sandbox) {
		dd_sandbox_stop(cli->sandbox);
		cli->sandbox = NULL;
	}
}

/* No subcommand: the console on the selected profile. */
static int console(struct dd_cli *cli)
{
	struct dd_error err;
	struct dd_account *a = dd_cli_open_account(cli, &err);
	struct dd_write_policy wp;
	struct dd_config *cfg = NULL;
	if (!a)
		return dd_cli_fail(cli, &err);
	if (dd_cli_write_policy(cli, &wp, &cfg, &err) < 0) {
		dd_cli_close_account(cli, a);
		return dd_cli_fail(cli, &err);
	}
	struct dd_tui_opts o = {
		.account = a,
		.http = cli->http,
		.theme = cli->theme,
		.profile_label = dd_account_creds(a)->profile[0] ? dd_account_creds(a)->profile : "env",
		.demo = cli->demo,
		.writes = &wp,
	};
	int rc = dd_tui_run(&o, &err);
	dd_cli_close_account(cli, a);
	dd_config_free(cfg);
	if (err.kind != DD_OK)
		return dd_cli_fail(cli, &err);
	return rc;
}

/* A report on stdout that did not reach its file is a failure (a full disk
 * must not look like success). A reader that left early (| head -1) is
 * not: it had what it wanted. stdio keeps only the error flag, not errno,
 * so a pipe without a reader is recognised by poll's POLLERR. */
static int check_stdout(const struct dd_cli *cli, int rc)
{
	struct pollfd p = { .fd = STDOUT_FILENO, .events = POLLOUT };
	int e = 0;

	errno = 0;
	if (fflush(stdout) != 0)
		e = errno;
	else if (!ferror(stdout))
		return rc;
	if (e == EPIPE || (e == 0 && poll(&p, 1, 0) == 1 && (p.revents & POLLERR)))
		return rc;
	fprintf(stderr, "%s: cannot write the output%s%s\n", cli->prog, e ? ": " : "",
		e ? strerror(e) : " (disk full or device error?)");
	return rc == DD_EXIT_OK ? DD_EXIT_FAILURE : rc;
}

/* Descriptors 0-2 closed by the caller (>&-) would be the first files
 * and sockets dedi opens: output would go into libcurl's socket pair or
 * a vault being written. Hold them with /dev/null opened read-only, so a
 * write to a closed stdout still fails, and says so. */
static void hold_std_fds(void)
{
	int fd;

	while ((fd = open("/dev/null", O_RDONLY | O_NOCTTY)) >= 0 && fd <= 2)
		;
	if (fd > 2)
		close(fd);
}

int main(int argc, char **argv)
{
	struct dd_cli cli = { .prog = "dedi" };
	struct dd_error err;
	int i, rc;

	hold_std_fds();
	signal(SIGPIPE, SIG_IGN);
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--demo") == 0) {
			cli.demo = 1;
		} else if (strcmp(a, "--dry-run") == 0) {
			cli.dry_run = 1;
		} else if (strcmp(a, "--json") == 0) {
			cli.json = 1;
		} else if (strcmp(a, "--profile") == 0 || strcmp(a, "--theme") == 0 ||
			   strcmp(a, "--passphrase-fd") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "dedi: %s needs a value\n", a);
				return DD_EXIT_USAGE;
			}
			if (a[3] == 'r')
				cli.profile = argv[++i];
			else if (a[3] == 'a')
				cli.passphrase_fd = argv[++i];
			else
				cli.theme = argv[++i];
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout, cli.prog);
			return check_stdout(&cli, DD_EXIT_OK);
		} else if (strcmp(a, "--version") == 0) {
			printf("dedi %s\n", PACKAGE_VERSION);
			return check_stdout(&cli, DD_EXIT_OK);
		} else if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else {
			fprintf(stderr, "dedi: unknown option %s (see dedi --help)\n", a);
			return DD_EXIT_USAGE;
		}
	}
	cli.http = dd_http_new(NULL, &err);
	if (!cli.http)
		return dd_cli_fail(&cli, &err);
	if (i >= argc) {
		rc = console(&cli);
	} else {
		rc = -1;
		for (size_t k = 0; k < sizeof(cmds) / sizeof(cmds[0]); k++) {
			if (strcmp(argv[i], cmds[k].name) == 0) {
				rc = cmds[k].run(&cli, argc - i - 1, argv + i + 1);
				break;
			}
		}
		if (rc < 0) {
			fprintf(stderr, "dedi: unknown command \"%s\" (see dedi --help)\n", argv[i]);
			rc = DD_EXIT_USAGE;
		}
	}
	rc = check_stdout(&cli, rc);
	dd_http_free(cli.http);
	return rc;
}
