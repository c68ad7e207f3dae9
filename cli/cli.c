/* The scripting face's frame: global options, the command table, exit
 * codes, opening the account, the audit observer. main() is in dedi.c. */
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
#include "core/profile.h"
#include "core/request.h"

static int cmd_help(struct dd_cli *cli, int argc, char **argv);

static const struct dd_cli_cmd cmds[] = {
	{ "servers", dd_cli_servers, "list servers, show or edit one" },
	{ "server", dd_cli_server, "act on one server: reboot, start, stop, rescue, KVM access, install, RAID" },
	{ "auth", dd_cli_auth, "profiles in the vault" },
	{ "invoices", dd_cli_invoices, "invoices of both sources: list, show, download, export, servers" },
	{ "rpn", dd_cli_rpn, "RPN v1 and v2 groups, members, invitations" },
	{ "vault", dd_cli_vault, "check the vault file" },
	{ "failover", dd_cli_failover, "failover IPs: list, order, attach, move, detach, MAC, reverse" },
	{ "ipv6", dd_cli_ipv6, "the IPv6 /48 block and its /56 and /64 subnets" },
	{ "offers", dd_cli_offers, "the server offers of every zone" },
	{ "order", dd_cli_order, "order a server, once" },
	{ "audit", dd_cli_audit, "the audit log of every write" },
	{ "billing", dd_cli_billing, "this month's consumption, month-end estimate, discounts" },
	{ "link", dd_cli_link, "Dedibox and Scaleway account linking: status, eligibility, payment" },
	{ "help", cmd_help, "the usage of every command, or of one" },
};

/* The one list of subcommands: dedi help, dedi COMMAND --help and
 * tests/integration/help.sh (which holds doc/dedi.1 to it) read it. */
static const struct {
	const char *usage;   /* after "dedi ": group, subcommand, arguments */
	const char *summary; /* one line */
} subs[] = {
	{ "servers list [--json] [--zone ZONE] [--allow-partial] [--offline] [--passphrase-fd N]",
	  "every server of every zone and of the Online account, each once" },
	{ "servers show ID [--json] [--zone ZONE] [--offline] [--passphrase-fd N]",
	  "one server in detail, merged from both APIs" },
	{ "servers edit ID CHANGE [--zone ZONE] [--expect-hostname NAME] [--expect-status STATUS] "
	  "[--passphrase-fd N]", "one change to one server, through the write path" },
	{ "invoices list [--json] [--from YYYY-MM] [--to YYYY-MM] [--source dedibox|scaleway]",
	  "Dedibox and Scaleway invoices as one list, with exact totals per currency" },
	{ "invoices show ID [--json]",
	  "one invoice: state in plain words, payment method, deadlines when unpaid" },
	{ "invoices download ID|--all [-o FILE] [--force] [--from YYYY-MM] [--to YYYY-MM] [--source S]",
	  "the PDF, saved atomically under a name made from the invoice number" },
	{ "invoices export --csv [-o FILE] [--force] [--from YYYY-MM] [--to YYYY-MM] [--source S]",
	  "the invoice list as RFC 4180 CSV" },
	{ "invoices servers [--year YYYY] [--json]",
	  "Dedibox cost per server over a year, from the lines of each invoice" },
	{ "rpn list [--json] [--passphrase-fd N]",
	  "RPN v1 and v2 groups with their members, and the invitations received" },
	{ "rpn v1 create|rename|delete|add|remove|invite|leave|accept|refuse ARGS [--yes --confirm=NAME]",
	  "change an RPN v1 group, through the write path" },
	{ "rpn v2 create|rename|delete|add|remove|vlan|compat|logs ARGS [--yes --confirm=NAME] [--json]",
	  "change an RPN v2 group through the write path, or read its log" },
	{ "server reboot|start|stop ID [--reason TEXT] [--zone ZONE] [--yes --confirm=HOSTNAME_OR_ID]",
	  "power actions, after the hostname or id is typed (or confirmed with --yes)" },
	{ "server rescue ID [--image OS_ID_OR_NAME | --off] [--zone ZONE] [--yes --confirm=HOSTNAME_OR_ID]",
	  "boot a rescue system and print its credentials, or leave rescue" },
	{ "server bmc ID [--ip ADDR | --revoke | --show] [--zone ZONE] [--yes --confirm=HOSTNAME_OR_ID]",
	  "open KVM (BMC) access from ADDR and print its credentials, or revoke it" },
	{ "server install ID --os OS_ID [--hostname NAME] [--user NAME] [--partition MOUNT:FS:SIZE[:RAID]]... "
	  "[--ssh-key ID_OR_NAME]... [--password-fd N] [--wait] [--cancel] [--zone ZONE] [--yes --confirm=HOSTNAME_OR_ID]",
	  "install a system (erases the disks) with the API's default partitioning or the --partition ones; "
	  "--wait follows it" },
	{ "server raid ID [--json] [--array N --level LEVEL] [--zone ZONE] [--yes --confirm=HOSTNAME_OR_ID]",
	  "the RAID arrays and their disks, or set array N's level (its data is lost)" },
	{ "auth login [--profile P] [--access-key AK] [--organization-id ID] [--project-id ID] "
	  "[--zone Z] [--api-url URL] [--online-api-url URL] [--passphrase-fd N]",
	  "check keys and/or a Dedibox token with the APIs, save them as a profile" },
	{ "auth list [--passphrase-fd N]", "the profiles, keys masked" },
	{ "auth remove P [--passphrase-fd N]", "remove profile P from the vault" },
	{ "auth passwd [--passphrase-fd N]", "seal the vault with a new passphrase" },
	{ "auth import-scw [PATH] [--force] [--passphrase-fd N]",
	  "import the profiles of the scw CLI's config.yaml" },
	{ "vault check [PATH] [--no-passphrase] [--passphrase-fd N]",
	  "is the vault whole, and does it open" },
	{ "failover list [--zone ZONE] [--json]",
	  "the failover IPs: address, server routed to, virtual MAC and type, reverse" },
	{ "failover quota [ZONE] [--json]", "how many more failover IPs each zone allows" },
	{ "failover order ZONE [--quantity N] [--offer ID]",
	  "order failover IPs in a zone, at the price of its failover IP offer" },
	{ "failover attach IP SERVER", "route a failover IP to a server" },
	{ "failover move IP SERVER --yes --confirm=IP",
	  "move a failover IP to another server, its MAC and reverse with it" },
	{ "failover detach IP --yes --confirm=IP", "stop routing a failover IP" },
	{ "failover mac IP TYPE [--mac MAC] | --detach",
	  "give a failover IP a virtual MAC (vmware, kvm, xen), or remove it" },
	{ "failover reverse IP NAME", "set the reverse DNS of a failover IP (\"\" resets it)" },
	{ "failover delete IP --yes --confirm=IP", "give a failover IP back" },
	{ "ipv6 show [--json]", "the IPv6 quotas and the /48 block: delegation, name servers" },
	{ "ipv6 order", "order the Organization's /48 block" },
	{ "ipv6 subnets [--free 56|64 [--limit N]] [--json]",
	  "the carved subnets, or the free ones computed from them" },
	{ "ipv6 subnet-create PREFIX | --next 56|64", "carve a /56, or a /64 inside a carved /56" },
	{ "ipv6 subnet-delete PREFIX|ID --yes --confirm=PREFIX|ID", "delete a carved subnet" },
	{ "ipv6 delegation NS1,NS2[,...] | --none", "delegate the block's reverse zone, or stop" },
	{ "offers [--zone ZONE] [--json] [--passphrase-fd N]",
	  "the server offers: hardware, monthly price and setup fee, stock" },
	{ "order OFFER [--zone ZONE] [--yes --confirm=OFFER_NAME] [--wait] [--force-again] "
	  "[--passphrase-fd N]", "order a server (never twice within 10 minutes), follow it with --wait" },
	{ "audit [--json] [--limit N]", "the audit log, newest first, each intent with its outcome" },
	{ "billing consumption [--json] [--passphrase-fd N]",
	  "this month's consumption per resource, category and project, the draft total, taxes" },
	{ "billing estimate [--json] [--passphrase-fd N]",
	  "the month-end projection of the resources still running, with its rule" },
	{ "billing discounts [--json] [--passphrase-fd N]",
	  "the discounts: value, used, remaining, validity dates" },
	{ "link check [--json] [--report FILE] [--force] [--scaleway-payment sepa|card[:LAST4]|none] "
	  "[--dedibox-country CC] [--scaleway-country CC] [--passphrase-fd N]",
	  "linked or not, each linking rule with its evidence, the payment method after linking; "
	  "exit 0 linked or eligible, 10 not eligible, 11 cannot be decided, 12 partly linked" },
	/* linkwiz */
	{ "link [--report FILE] [--scaleway-payment sepa|card[:LAST4]|none] [--dedibox-country CC] "
	  "[--scaleway-country CC] [--passphrase-fd N]",
	  "the console's link wizard: are the Dedibox and Scaleway accounts linked, could they be, "
	  "one profile for both" },
	{ "help [COMMAND [SUBCOMMAND]]", "this list, or the usage of one command" },
};

/* Does usage start with the words group [sub]? */
static int sub_is(const char *usage, const char *group, const char *sub)
{
	size_t g = strlen(group);

	if (strncmp(usage, group, g) != 0 || (usage[g] != ' ' && usage[g] != '\0'))
		return 0;
	if (!sub)
		return 1;
	usage += g + (usage[g] == ' ');
	return strncmp(usage, sub, strlen(sub)) == 0 &&
	       (usage[strlen(sub)] == ' ' || usage[strlen(sub)] == '\0');
}

/* Prints the lines of group (and sub) on f; 0 when none matched. */
static int print_subs(FILE *f, const char *prog, const char *group, const char *sub)
{
	int found = 0;

	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		if (group && !sub_is(subs[i].usage, group, sub))
			continue;
		fprintf(f, "  %s %s\n      %s\n", prog, subs[i].usage, subs[i].summary);
		found = 1;
	}
	return found;
}

static void usage(FILE *f, const char *prog)
{
	fprintf(f,
		"usage: %s [--demo] [--dry-run] [--offline] [--profile P] [--theme NAME] [--passphrase-fd N]\n"
		"       [COMMAND [ARGS]]\n"
		"  With no command, opens the console.\n\n"
		"commands:\n", prog);
	print_subs(f, "dedi", NULL, NULL);
	fprintf(f, "\nexit codes: 0 ok, 1 failure, 2 usage, 3 authentication, 4 not found,\n"
		   "            5 network, 6 API error, 7 vault, 8 write refused\n"
		   "See dedi(1) and README.md for environment variables and files.\n");
}

static int cmd_help(struct dd_cli *cli, int argc, char **argv)
{
	if (argc == 0) {
		usage(stdout, cli->prog);
		return DD_EXIT_OK;
	}
	if (argc > 2 || !print_subs(stdout, "dedi", argv[0], argc == 2 ? argv[1] : NULL)) {
		fprintf(stderr, "%s: no command \"%.40s%s%.40s\" (dedi help lists them)\n",
			cli->prog, argv[0], argc == 2 ? " " : "", argc == 2 ? argv[1] : "");
		return DD_EXIT_USAGE;
	}
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

struct dd_account *dd_cli_open_account(struct dd_cli *cli, struct dd_error *err)
{
	struct dd_creds *c = NULL;
	struct dd_account *a;

	if (cli->demo) {
		/* The demo never reads the environment or the user's vault. */
		c = dd_creds_new();
		if (!c) {
			dd_error_set(err, DD_E_INTERNAL, 0, NULL,
				     "cannot allocate locked memory for credentials");
			return NULL;
		}
		if (!cli->demo_creds || cli->demo_creds(cli, c, err) < 0) {
			if (!cli->demo_creds)
				dd_error_set(err, DD_E_INTERNAL, 0, NULL, "this dedi has no demo");
			dd_creds_free(c);
			return NULL;
		}
	} else {
		struct dd_profiles *p = dd_cli_open_profiles(cli, err);

		if (!p)
			return NULL;
		c = dd_profiles_creds(p, dd_profiles_current(p), err);
		dd_profiles_free(p);
		if (!c)
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
	(void)cli;
	dd_account_free(a);
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
void dd_cli_hold_std_fds(void)
{
	int fd;

	while ((fd = open("/dev/null", O_RDONLY | O_NOCTTY)) >= 0 && fd <= 2)
		;
	if (fd > 2)
		close(fd);
}

int dd_cli_parse(struct dd_cli *cli, int argc, char **argv, int *next)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--demo") == 0) {
			cli->demo = 1;
		} else if (strcmp(a, "--dry-run") == 0) {
			cli->dry_run = 1;
		} else if (strcmp(a, "--offline") == 0) {
			cli->offline = 1;
		} else if (strcmp(a, "--json") == 0) {
			cli->json = 1;
		} else if (strcmp(a, "-o") == 0 || strncmp(a, "--output", 8) == 0) {
			if (dd_cli_output_opt(cli, argc, argv, &i) != 1)
				return DD_EXIT_USAGE;
		} else if (strcmp(a, "--profile") == 0 || strcmp(a, "--theme") == 0 ||
			   strcmp(a, "--passphrase-fd") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "dedi: %s needs a value\n", a);
				return DD_EXIT_USAGE;
			}
			if (a[3] == 'r')
				cli->profile = argv[++i];
			else if (a[3] == 'a')
				cli->passphrase_fd = argv[++i];
			else
				cli->theme = argv[++i];
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout, cli->prog);
			return check_stdout(cli, DD_EXIT_OK);
		} else if (strcmp(a, "--version") == 0) {
			printf("dedi %s\n", PACKAGE_VERSION);
			return check_stdout(cli, DD_EXIT_OK);
		} else if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else {
			fprintf(stderr, "dedi: unknown option %s (see dedi --help)\n", a);
			return DD_EXIT_USAGE;
		}
	}
	*next = i;
	return -1;
}

/* Said once per command, before it runs: an unknown key in the config
 * must be seen, and must not stop anything. */
static void config_warnings(const struct dd_cli *cli)
{
	struct dd_error err;
	struct dd_config *cfg;
	const char *w;

	if (cli->demo || !(cfg = dd_config_load(NULL, &err)))
		return; /* a broken config is told by the command that reads it */
	for (w = dd_config_warnings(cfg); w && *w;) {
		const char *nl = strchr(w, '\n');
		int len = nl ? (int)(nl - w) : (int)strlen(w);

		fprintf(stderr, "%s: warning: %.*s\n", cli->prog, len, w);
		w += len + (nl != NULL);
	}
	dd_config_free(cfg);
}

/* --help anywhere before "--" asks for the usage of the command given;
 * --passphrase-fd N anywhere is the global option, so every command that
 * may open the vault takes it after its words too. */
static int global_after(struct dd_cli *cli, int *argc, char **argv, int *help)
{
	int i, o = 1;

	*help = 0;
	for (i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			*help = 1;
		} else if (strcmp(argv[i], "--passphrase-fd") == 0) {
			if (i + 1 >= *argc) {
				fprintf(stderr, "%s: --passphrase-fd needs a value\n", cli->prog);
				return -1;
			}
			cli->passphrase_fd = argv[++i];
		} else if (strcmp(argv[i], "--offline") == 0) {
			cli->offline = 1;
		} else {
			argv[o++] = argv[i];
		}
	}
	while (i < *argc)
		argv[o++] = argv[i++];
	argv[o] = NULL;
	*argc = o;
	return 0;
}

/* -o FORMAT is for the commands whose usage line has --json (their one
 * JSON document is what -o writes), except the writes (--yes): elsewhere
 * -o may name a file (invoices download, invoices export). */
static int takes_format(int argc, char **argv)
{
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		const char *u = subs[i].usage, *w;
		size_t g = strlen(argv[0]), n;
		if (!sub_is(u, argv[0], NULL))
			continue;
		w = u + g + (u[g] == ' ');
		n = strcspn(w, " ");
		/* a subcommand word (or words a|b|c) is lower case */
		if (n && w[0] >= 'a' && w[0] <= 'z') {
			int hit = 0;
			for (const char *p = w; p < w + n && !hit;) {
				size_t k = strcspn(p, "| ");
				hit = argc > 1 && strlen(argv[1]) == k && strncmp(p, argv[1], k) == 0;
				p += k + (p[k] == '|');
			}
			if (!hit)
				continue;
		}
		/* link check's report is linkwiz's room: it prints its own JSON */
		return strstr(u, "[--json]") && !strstr(u, "--yes") && strcmp(argv[0], "link") != 0;
	}
	return 0;
}

/* Takes -o out of argv for a command that prints a document. */
static int output_after(struct dd_cli *cli, int *argc, char **argv)
{
	int o = 1, i, r;

	if (!takes_format(*argc, argv)) {
		if (!cli->output_set)
			return 0;
		fprintf(stderr, "%s: %s prints no listing: -o json|yaml|table|csv does not apply\n",
			cli->prog, argv[0]);
		return -1;
	}
	for (i = 1; i < *argc && strcmp(argv[i], "--") != 0; i++) {
		if ((r = dd_cli_output_opt(cli, *argc, argv, &i)) < 0)
			return -1;
		if (r == 0)
			argv[o++] = argv[i];
	}
	while (i < *argc)
		argv[o++] = argv[i++];
	argv[o] = NULL;
	*argc = o;
	return 0;
}

int dd_cli_run(struct dd_cli *cli, int argc, char **argv)
{
	int help;

	for (size_t k = 0; k < sizeof(cmds) / sizeof(cmds[0]); k++) {
		if (strcmp(argv[0], cmds[k].name) != 0)
			continue;
		if (global_after(cli, &argc, argv, &help) != 0)
			return DD_EXIT_USAGE;
		if (!help && output_after(cli, &argc, argv) != 0)
			return DD_EXIT_USAGE;
		if (help) {
			const char *sub = argc > 1 && argv[1][0] != '-' ? argv[1] : NULL;

			if (!print_subs(stdout, "dedi", argv[0], sub))
				print_subs(stdout, "dedi", argv[0], NULL);
			return DD_EXIT_OK;
		}
		/* Only what the cache holds can be answered without a request. */
		if (cli->offline && !(argc >= 2 && !strcmp(argv[0], "servers") &&
				      (!strcmp(argv[1], "list") || !strcmp(argv[1], "show")))) {
			fprintf(stderr, "%s: --offline works with the console, servers list and "
				"servers show (the cache holds the servers only)\n", cli->prog);
			return DD_EXIT_USAGE;
		}
		if (cli->offline)
			dd_request_set_offline(true);
		if (cmds[k].run != cmd_help)
			config_warnings(cli);
		return cmds[k].run(cli, argc - 1, argv + 1);
	}
	fprintf(stderr, "dedi: unknown command \"%s\" (see dedi --help)\n", argv[0]);
	return DD_EXIT_USAGE;
}

int dd_cli_finish(struct dd_cli *cli, int rc)
{
	rc = check_stdout(cli, rc);
	return rc;
}
