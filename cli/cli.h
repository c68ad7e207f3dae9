/* The scripting face: one file per group of subcommands, one table in
 * main.c. A handler returns the process exit code. */
#ifndef DD_CLI_H
#define DD_CLI_H

#include <stdio.h>

#include "core/account.h"
#include "core/config.h"
#include "core/error.h"
#include "core/http.h"
#include "core/write.h"

struct dd_sandbox;

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
	DD_EXIT_REFUSED = 8    /* a write not sent: read-only, protected, or the server changed */
};

/* What every handler gets: global options already parsed. */
struct dd_cli {
	const char *prog;        /* argv[0] for messages */
	const char *profile;     /* --profile or NULL */
	int demo;                /* --demo: the embedded sandbox */
	int json;                /* --json given before the subcommand */
	const char *theme;       /* --theme NAME */
	struct dd_sandbox *sandbox; /* the embedded sandbox of --demo */
	struct dd_http *http;    /* the one request queue */
	char profile_used[64];   /* the profile the account was opened with */
	const char *passphrase_fd; /* --passphrase-fd N as given, or NULL */
	int dry_run;             /* --dry-run: writes are described, not sent */
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

/* Builds the account for the selected profile (demo, environment, vault):
 * NULL with err filled. Starts the embedded sandbox for --demo. */
struct dd_account *dd_cli_open_account(struct dd_cli *cli, struct dd_error *err);
void dd_cli_close_account(struct dd_cli *cli, struct dd_account *a);

/* The write path's policy for the profile the account was opened with:
 * --dry-run, the config's read_only and protected, the audit (not for
 * the demo). *cfg is loaded here; the caller frees it after the writes. */
int dd_cli_write_policy(struct dd_cli *cli, struct dd_write_policy *p, struct dd_config **cfg,
			struct dd_error *err);

/* The command groups (one file each). */
int dd_cli_servers(struct dd_cli *cli, int argc, char **argv);
/* servers edit ID ... (cli/servers_edit.c) */
int dd_cli_servers_edit(struct dd_cli *cli, int argc, char **argv);

#endif
