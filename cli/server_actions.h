/* What the server action commands share (cli/server_actions.c): naming
 * the server and the person's confirmation. */
#ifndef DD_CLI_SERVER_ACTIONS_H
#define DD_CLI_SERVER_ACTIONS_H

#include <stdint.h>

#include "cli/cli.h"
#include "core/model.h"
#include "core/write.h"

/* The id of the server text names: a number, or the one server whose
 * hostname starts with text (an exact name wins). */
int dd_cli_server_resolve(struct dd_cli *cli, struct dd_account *a, const char *text,
			  const char *zone, int64_t *id, struct dd_error *err);
/* 0 when the person confirmed (typed the hostname or id at a terminal, or
 * --yes with --confirm naming s; always under --dry-run), else the exit
 * code, the reason said on stderr. */
int dd_cli_server_confirm(struct dd_cli *cli, int yes, const char *confirm_text,
			  const struct dd_server *s, const struct dd_write_plan *plan);
/* Sends the confirmed plan on s (seen as the person saw it), runs the
 * transfers to the end, and gives the exit code: the callback's (*done_rc
 * once *done) or, for --dry-run, 0 after printing what would be sent. */
int dd_cli_server_send(struct dd_cli *cli, struct dd_account *a, const struct dd_write_policy *pol,
		       const struct dd_write_plan *plan, const struct dd_server *s, dd_write_fn cb,
		       void *ud, const int *done, const int *done_rc);
/* server install ID ... (cli/server_install.c) */
int dd_cli_server_install(struct dd_cli *cli, int argc, char **argv);
/* server raid ID [--json] | --array N --level L (cli/server_raid.c) */
int dd_cli_server_raid(struct dd_cli *cli, int argc, char **argv);

#endif
