/* The RAID screen (D on a server's row or overview): the server's arrays,
 * their level and disks, read from the API; c changes the level of the
 * selected array through the same dialog as every action. */
#ifndef DD_TUI_RAID_H
#define DD_TUI_RAID_H

#include <stdint.h>

#include "tui/app.h"

extern const struct dd_screen_ops dd_screen_raid;

void dd_raid_open(struct dd_app *app, int64_t id);

#endif
