/* SSH from the console: L suspends the console (endwin), runs ssh to the
 * server's primary address (as the profile's ssh_user when the config
 * sets one) on the terminal, and comes back when it ends, as k9s does for
 * a shell; Y copies the address to the terminal's clipboard (OSC 52). */
#ifndef DD_TUI_SSH_H
#define DD_TUI_SSH_H

#include <stdint.h>

#include "tui/app.h"

enum dd_result dd_ssh_open(struct dd_app *app, int64_t id);
enum dd_result dd_ssh_copy(struct dd_app *app, int64_t id);

#endif
