/* The `:` command line: the key table's command names plus the commands
 * that take an argument, with Tab completion. */
#ifndef DD_TUI_CMDLINE_H
#define DD_TUI_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/app.h"

/* A command with an argument, for help. */
struct dd_cmd_help {
	const char *usage;     /* ":open NAME|ID" */
	const char *name;      /* "open" */
	const char *help;
};

const struct dd_cmd_help *dd_cmd_extra(size_t *n);
/* Whether a key (or command) of the key table, or an argument command
 * ("sort"), means anything on the current screen: its scope and the
 * hook it needs. Completion and help list only those. */
bool dd_cmd_key_applies(const struct dd_app *app, const struct dd_key *k);
bool dd_cmd_extra_applies(const struct dd_app *app, const char *name);
/* Runs a `:` command line. */
enum dd_result dd_cmd_run(struct dd_app *app, const char *line);
/* Completes the command line's last word (app->prompt). */
void dd_cmd_complete(struct dd_app *app);

#endif
