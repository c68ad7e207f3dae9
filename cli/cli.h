/* The scripting face: one file per group of subcommands, one table in
 * cli.c. A handler returns the process exit code. dedi.c's main() parses
 * the global options here, then runs the console or a subcommand. */
#ifndef DD_CLI_H
#define DD_CLI_H

#include <stdio.h>

#include "core/account.h"
#include "core/creds.h"
#include "core/config.h"
#include "core/error.h"
#include "core/http.h"
#include "core/outfmt.h"
#include "core/write.h"

/* Exit codes, documented in README.md and dedi(1). */
enum dd_exit {
	DD_EXIT_OK = 0,
	DD_EXIT_FAILURE = 1,   /* anything else */
	DD_EXIT_USAGE = 2,     /* bad command line */
	DD_EXIT_AUTH = 3,      /* credentials missing or refused */
	DD_EXIT_NOT_FOUND = 4, /* no such server or resource */
	DD_EXIT_NETWORK = 5,   /* API unreachable, transfer broken */
	DD_EXIT_API = 6,       /* the API refused or answered nonsense */
	DD_EXIT_VAULT = 7,     /* the vault could not be opened or is damaged */
	DD_EXIT_REFUSED = 8,   /* a write not sent: read-only, protected, or the server changed */
	DD_EXIT_PARTIAL = 9    /* servers list --allow-partial printed a list with parts missing */
};

/* What every handler gets: global options already parsed. */
struct dd_cli {
	const char *prog;        /* argv[0] for messages */
	const char *profile;     /* --profile or NULL */
	int demo;                /* --demo: the embedded sandbox */
	int json;                /* --json given before the subcommand */
	const char *theme;       /* --theme NAME */
	/* Set by dedi.c: fills c with the demo's credentials (starting the
	 * embedded sandbox once); cli/ knows no sandbox. */
	int (*demo_creds)(struct dd_cli *cli, struct dd_creds *c, struct dd_error *err);
	void *demo_state;        /* dedi.c's: the embedded sandbox */
	struct dd_http *http;    /* the one request queue */
	char profile_used[64];   /* the profile the account was opened with */
	const char *passphrase_fd; /* --passphrase-fd N as given, or NULL */
	int dry_run;             /* --dry-run: writes are described, not sent */
	enum dd_outfmt output;   /* -o FORMAT (json also sets json) */
	int output_set;          /* -o was given */
	int offline;             /* --offline: the cache only, no request (core/cache.h) */
};

typedef int (*dd_cli_fn)(struct dd_cli *cli, int argc, char **argv);

struct dd_cli_cmd {
	const char *name;    /* first word: "servers", "auth" ... */
	dd_cli_fn run;       /* gets argv starting at the word after name */
	const char *summary; /* one line for "dedi help" */
};

/* Maps an error to its exit code and prints it as one sentence on stderr. */
int dd_cli_fail(const struct dd_cli *cli, const struct dd_error *err);
int dd_cli_exit_code(const struct dd_error *err);

/* Global options before the command (argv[0] is the program): fills cli
 * and sets *next to the first word after them. -1 to go on, else the exit
 * code (--help, --version, a bad option). */
int dd_cli_parse(struct dd_cli *cli, int argc, char **argv, int *next);
/* Runs the subcommand argv[0] with its arguments. */
int dd_cli_run(struct dd_cli *cli, int argc, char **argv);
/* Last words: a report that did not reach stdout fails; an audit log
 * failure is told. Returns the exit code. */
int dd_cli_finish(struct dd_cli *cli, int rc);
/* Prints a listing's JSON document in the -o format (cli/output.c) and
 * frees it; NULL is out of memory. Returns the exit code. */
int dd_cli_print_doc(const struct dd_cli *cli, char *doc);
/* A width in columns for printf's "%-*s" of a translated label: a
 * French header carries accents, which take more bytes than columns.
 * DD_COLS(s, w) gives the two arguments, the width then the string. */
int dd_cli_cols(const char *s, int w);
#define DD_COLS(s, w) dd_cli_cols((s), (w)), (s)
/* An amount for a person's table (dd_money_display: 1 234,56 € in French),
 * right-aligned to w columns (0: not padded); buf is returned. Machine
 * outputs keep dd_money_format. */
struct dd_money;
const char *dd_cli_money(const struct dd_money *m, int w, char *buf, size_t len);
/* "-o FMT", "--output FMT", "--output=FMT" at argv[*i]: 1 when it is one
 * (cli set, *i past it), 0 when not, -1 on a bad format (said). */
int dd_cli_output_opt(struct dd_cli *cli, int argc, char **argv, int *i);

/* Holds descriptors 0-2 open (see cli.c) before anything is opened. */
void dd_cli_hold_std_fds(void);

/* Builds the account for the selected profile (demo, environment, vault):
 * NULL with err filled. */
struct dd_account *dd_cli_open_account(struct dd_cli *cli, struct dd_error *err);
void dd_cli_close_account(struct dd_cli *cli, struct dd_account *a);

/* The write path's policy for the profile the account was opened with:
 * --dry-run, the config's read_only and protected, the audit (not for
 * the demo). *cfg is loaded here; the caller frees it after the writes. */
int dd_cli_write_policy(struct dd_cli *cli, struct dd_write_policy *p, struct dd_config **cfg,
			struct dd_error *err);

/* The command groups (one file each). */
int dd_cli_servers(struct dd_cli *cli, int argc, char **argv);
/* billing consumption | estimate | discounts (cli/billing.c) */
int dd_cli_billing(struct dd_cli *cli, int argc, char **argv);
/* servers edit ID ... (cli/servers_edit.c) */
int dd_cli_servers_edit(struct dd_cli *cli, int argc, char **argv);
/* invoices list | show | download | export (cli/invoices.c) */
int dd_cli_invoices(struct dd_cli *cli, int argc, char **argv);
/* failover ... (cli/failover.c), ipv6 ... (cli/ipv6.c) */
int dd_cli_failover(struct dd_cli *cli, int argc, char **argv);
int dd_cli_ipv6(struct dd_cli *cli, int argc, char **argv);
/* cli/order.c */
int dd_cli_offers(struct dd_cli *cli, int argc, char **argv);
int dd_cli_order(struct dd_cli *cli, int argc, char **argv);
int dd_cli_audit(struct dd_cli *cli, int argc, char **argv);
/* rpn list|v1|v2 ... (cli/rpn.c) */
int dd_cli_rpn(struct dd_cli *cli, int argc, char **argv);
/* server reboot|start|stop|rescue|bmc ID ... (cli/server_actions.c) */
int dd_cli_server(struct dd_cli *cli, int argc, char **argv);
/* link check (cli/link.c) */
int dd_cli_link(struct dd_cli *cli, int argc, char **argv);

#endif
