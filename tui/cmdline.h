/* The `:` command line: the key table's command names plus the commands
 * that take an argument, with Tab completion. */
#ifndef DD_TUI_CMDLINE_H
#define DD_TUI_CMDLINE_H

#include <stddef.h>

#include "tui/app.h"

/* A command with an argument, for help. */
struct dd_cmd_help {
	const char *usage;     /* ":open NAME|ID" */
	const char *name;      /* "open" */
	const char *help;
};

const struct dd_cmd_help *dd_cmd_extra(size_t *n);
/* Runs a `:` command line. */
enum dd_result dd_cmd_run(struct dd_app *app, const char *line);
/* Completes the command line's last word (app->prompt). */
void dd_cmd_complete(struct dd_app *app);

#endif
