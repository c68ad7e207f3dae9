/* The server actions in the console (reboot, start, stop, rescue, KVM):
 * a key on a server's row or overview opens the dialog (Cancel the
 * default, the hostname typed to enable it); only Confirm sends, through
 * the write path, with what the dialog showed as what the user saw. */
#ifndef DD_TUI_ACTIONS_H
#define DD_TUI_ACTIONS_H

#include <stdint.h>

#include "tui/app.h"
#include "tui/keys.h"

/* act is one of DD_ACT_REBOOT, START, STOP, RESCUE, BMC (a dialog),
 * INSTALL (the wizard, tui/install.h), RAID (tui/raid.h), SSH or COPY_ADDR (tui/ssh.h); id a
 * server of the store. Says on the status line why not when it cannot. */
enum dd_result dd_actions_key(struct dd_app *app, enum dd_action act, int64_t id);

/* The rescue picker, pushed when the API lists several rescue systems. */
extern const struct dd_screen_ops dd_screen_rescue_pick;

#endif
