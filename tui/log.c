/* The message log (`:log`): every error and every result the status line
 * showed, newest first, with its time, whole (wrapped): the status line
 * cuts long ones. */
#include <stdio.h>
#include <time.h>

#include <curses.h>

#include "tui/app.h"
#include "tui/draw.h"
#include "core/i18n.h"

static void draw(const struct dd_app *app)
{
	int y = dd_app_body_top(), bottom = y + dd_app_body_height(app);
	size_t n = dd_status_log_count(&app->status);
	char title[64];
	snprintf(title, sizeof(title), P_(" Error log and messages  %zu entry, newest first",
					      " Error log and messages  %zu entries, newest first", n), n);
	dd_draw_field(y, 0, app->cols, title, dd_theme_attr(&app->theme, DD_R_HEADER));
	if (!n)
		dd_draw_text(y + 2, 2, app->cols - 4, _("No message so far."), dd_theme_attr(&app->theme, DD_R_DIM));
	int row = y + 1;
	for (size_t i = app->log_top; row < bottom; i++) {
		const struct dd_log_entry *e = dd_status_log_at(&app->status, i);
		char when[16];
		struct tm tm;
		if (!e)
			break;
		localtime_r(&e->when, &tm);
		strftime(when, sizeof(when), "%H:%M:%S", &tm);
		dd_draw_text(row, 1, 9, when, dd_theme_attr(&app->theme, DD_R_LABEL));
		row += dd_draw_para(row, 11, bottom - row, app->cols - 12, e->text,
				    dd_theme_attr(&app->theme, e->error ? DD_R_ERROR : DD_R_NORMAL));
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
	.name = N_("Error log"),
	.scopes = DD_KS_MOVE,
	.enter = enter,
	.draw = draw,
	.key = key,
};
