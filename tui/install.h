/* The installation wizard (a screen pushed over the Servers tab): pick a
 * system the server supports, see the API's default partitioning, set the
 * hostname and the user, the password generated (libsodium) and shown
 * once; the typed confirmation; then the live progress of the steps with
 * the elapsed time, and cancel. */
#ifndef DD_TUI_INSTALL_H
#define DD_TUI_INSTALL_H

#include <stdint.h>

#include "tui/app.h"

extern const struct dd_screen_ops dd_screen_install;

/* Opens the wizard on server id (a server of the store). */
void dd_install_open(struct dd_app *app, int64_t id);
/* The loop's tick: polls the progress when it is due. */
void dd_install_tick(struct dd_app *app);

#endif
