/* The frame around the current screen: the tab bar on top, the status
 * line at the bottom, and the overlays (help, dialog, prompt). */
#ifndef DD_TUI_FRAME_H
#define DD_TUI_FRAME_H

struct dd_app;

/* Draws everything that is dirty and clears app->dirty. */
void dd_frame_draw(struct dd_app *app);
/* The tab under column x of the tab bar, -1 if none. */
int dd_frame_tab_at(const struct dd_app *app, int x);

#endif
