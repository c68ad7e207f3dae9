/* KVM (BMC) access, a screen pushed over the servers: the IPv4 address the
 * BMC will answer typed (from $SSH_CONNECTION when dedi runs over SSH),
 * the typed confirmation, then URL, login, password and a countdown to
 * the expiry that ticks each second; x revokes (asks). */
#ifndef DD_TUI_BMC_H
#define DD_TUI_BMC_H

#include <stdint.h>

#include "tui/app.h"

extern const struct dd_screen_ops dd_screen_bmc;

/* Opens the screen on server id (a server of the store). */
void dd_bmc_open(struct dd_app *app, int64_t id);
/* The loop's tick: redraws the countdown each second. */
void dd_bmc_tick(struct dd_app *app);

#endif
