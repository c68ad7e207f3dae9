/* The error log (`:log`): every error the status line showed, newest
 * first, with its time. */
#include <stdio.h>
#include <time.h>

#include <curses.h>

#include "tui/app.h"
#include "tui/draw.h"

static void draw(const struct dd_app *app)
{
	int y = dd_app_body_top();
	size_t n = dd_status_log_count(&app->status);
	char title[64];
	snprintf(title, sizeof(title), " Error log  %zu entr%s, newest first", n, n == 1 ? "y" : "ies");
	dd_draw_field(y, 0, app->cols, title, dd_theme_attr(&app->theme, DD_R_HEADER));
	if (!n)
		dd_draw_text(y + 2, 2, app->cols - 4, "No error so far.", dd_theme_attr(&app->theme, DD_R_DIM));
	for (int r = 0; r < dd_app_body_height(app) - 1; r++) {
		const struct dd_log_entry *e = dd_status_log_at(&app->status, app->log_top + (size_t)r);
		char when[16];
		struct tm tm;
		if (!e)
			break;
		localtime_r(&e->when, &tm);
		strftime(when, sizeof(when), "%H:%M:%S", &tm);
		dd_draw_text(y + 1 + r, 1, 9, when, dd_theme_attr(&app->theme, DD_R_LABEL));
		dd_draw_text(y + 1 + r, 11, app->cols - 12, e->text, dd_theme_attr(&app->theme, DD_R_ERROR));
	}
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	size_t n = dd_status_log_count(&app->status);
	(void)fkey, (void)ch;
	switch (act) {
	case DD_ACT_DOWN:
		if (app->log_top + 1 < n)
			app->log_top++;
		return DD_RES_REDRAW;
	case DD_ACT_UP:
		if (app->log_top)
			app->log_top--;
		return DD_RES_REDRAW;
	case DD_ACT_TOP:
		app->log_top = 0;
		return DD_RES_REDRAW;
	case DD_ACT_ESC:
	case DD_ACT_BACK:
		return DD_RES_BACK;
	default:
		return DD_RES_UNHANDLED;
	}
}

static void enter(struct dd_app *app)
{
	app->log_top = 0;
}

const struct dd_screen_ops dd_screen_log = {
	.name = "Error log",
	.scopes = DD_KS_MOVE,
	.enter = enter,
	.draw = draw,
	.key = key,
};
