/* The `?` overlay: the keys of the current screen, built from the key
 * table and the command line's own commands. */
#ifndef DD_TUI_HELP_H
#define DD_TUI_HELP_H

#include <stdbool.h>

#include "tui/app.h"

void dd_help_draw(const struct dd_app *app);
/* Any key but scrolling closes the overlay. */
enum dd_result dd_help_key(struct dd_app *app, bool fkey, int ch);

#endif
