/* The quit confirmation, shown only when requests are in flight. Focus
 * starts on Cancel; Enter takes the focused button, Esc cancels. */
#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "tui/app.h"
#include "tui/draw.h"

void dd_dialog_draw(const struct dd_app *app)
{
	const struct dd_theme *th = &app->theme;
	int w = app->cols > 54 ? 50 : app->cols - 2, h = 7;
	int x = (app->cols - w) / 2, y = (app->rows - h) / 2;
	unsigned long a = dd_theme_attr(th, DD_R_DIALOG);
	unsigned long sel = dd_theme_attr(th, DD_R_CURSOR) | A_REVERSE;
	char msg[128];
	if (w < 20 || y < 0)
		return;
	for (int r = 0; r < h; r++)
		dd_draw_blank(y + r, x, w, a);
	dd_draw_box(y, x, h, w, dd_theme_attr(th, DD_R_BORDER) | A_BOLD);
	dd_draw_text(y, x + 2, w - 4, " Quit dedi? ", dd_theme_attr(th, DD_R_DIALOG_TITLE));
	snprintf(msg, sizeof(msg), "%zu request(s) still in flight.", dd_app_busy(app));
	dd_draw_text(y + 2, x + 2, w - 4, msg, a);
	dd_draw_text(y + 4, x + w / 2 - 12, 10, "[ Cancel ]", app->confirm_focus == 0 ? sel : a);
	dd_draw_text(y + 4, x + w / 2 + 2, 8, "[ Quit ]", app->confirm_focus == 1 ? sel : a);
}

enum dd_result dd_dialog_key(struct dd_app *app, bool fkey, int ch)
{
	if ((fkey && (ch == KEY_LEFT || ch == KEY_RIGHT || ch == KEY_BTAB)) || (!fkey && ch == '\t') ||
	    (!fkey && (ch == 'h' || ch == 'l'))) {
		app->confirm_focus = !app->confirm_focus;
		return DD_RES_REDRAW;
	}
	if ((!fkey && (ch == '\r' || ch == '\n')) || (fkey && ch == KEY_ENTER)) {
		app->confirm_quit = false;
		if (app->confirm_focus == 1)
			app->quit = true;
		app->confirm_focus = 0;
		return DD_RES_REDRAW;
	}
	if (!fkey && ch == DD_CTRL('c')) {
		/* A second Ctrl-C means it. */
		app->quit = true;
		return DD_RES_REDRAW;
	}
	if (!fkey && (ch == DD_KEY_ESC || ch == 'n' || ch == 'q')) {
		app->confirm_quit = false;
		app->confirm_focus = 0;
	}
	return DD_RES_REDRAW;
}
