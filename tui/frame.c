/* The frame: tab bar, status line (profile, zone, spinner, message) and
 * the order of the overlays over the current screen. */
#include "tui/frame.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "core/http.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/help.h"

/* The tab labels degrade with the width: " 1 Servers ", then " 1 Ser ",
 * then " 1 ", so a small terminal still shows every tab whole. */
enum { LABEL_FULL, LABEL_SHORT, LABEL_NUMBER };

static int tab_label(int i, int mode, char *buf, size_t len)
{
	const char *name = dd_app_tab(i)->name;
	if (mode == LABEL_FULL)
		snprintf(buf, len, " %d %s ", i + 1, name);
	else if (mode == LABEL_SHORT)
		snprintf(buf, len, " %d %.3s ", i + 1, name);
	else
		snprintf(buf, len, " %d ", i + 1);
	return dd_draw_width(buf);
}

/* The widest mode that fits; each label is followed by a blank. */
static int tab_mode(const struct dd_app *app)
{
	for (int mode = LABEL_FULL; mode < LABEL_NUMBER; mode++) {
		int w = 0;
		char buf[64];
		for (int i = 0; i < dd_app_tab_count(); i++)
			w += tab_label(i, mode, buf, sizeof(buf)) + 1;
		if (w <= app->cols)
			return mode;
	}
	return LABEL_NUMBER;
}

/* The mouse needs the same widths as the drawing. */
int dd_frame_tab_at(const struct dd_app *app, int x)
{
	int tx = 0, mode = tab_mode(app);
	for (int i = 0; i < dd_app_tab_count(); i++) {
		char buf[64];
		int w = tab_label(i, mode, buf, sizeof(buf)) + 1;
		if (x >= tx && x < tx + w)
			return i;
		tx += w;
	}
	return -1;
}

static void draw_tabs(const struct dd_app *app)
{
	unsigned long a = dd_theme_attr(&app->theme, DD_R_TAB);
	unsigned long aa = dd_theme_attr(&app->theme, DD_R_TAB_ACTIVE);
	int x = 0, mode = tab_mode(app);
	dd_draw_blank(0, 0, app->cols, a);
	for (int i = 0; i < dd_app_tab_count(); i++) {
		char label[64];
		tab_label(i, mode, label, sizeof(label));
		x += dd_draw_text(0, x, app->cols - x, label, i == app->tab ? aa : a);
		x += dd_draw_text(0, x, app->cols - x, " ", a);
	}
	const char *right = app->opts->demo ? "dedi demo" : "dedi";
	int rw = dd_draw_width(right);
	if (x + rw + 1 < app->cols)
		dd_draw_text(0, app->cols - rw - 1, rw, right, a);
}

static const char *const spin_utf8[] = { "⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏" };
static const char *const spin_ascii[] = { "|", "/", "-", "\\" };

/* A slow host or a rate limit is named while the console waits for it,
 * so the spinner never turns without a reason. */
static int draw_wait(const struct dd_app *app, int x, int w, const char *sep)
{
	char t[200], b[220];

	if (!app->http)
		return 0;
	dd_http_wait_text(app->http, t, sizeof(t));
	if (!t[0])
		return 0;
	snprintf(b, sizeof(b), "%s%s", sep, t);
	return dd_draw_text(app->rows - 1, x, w - x, b, dd_theme_attr(&app->theme, DD_R_STATUS_BUSY));
}

static void draw_status(const struct dd_app *app)
{
	int y = app->rows - 1, x = 0, w = app->cols;
	unsigned long a = dd_theme_attr(&app->theme, DD_R_STATUS);
	const struct dd_creds *c = dd_account_creds(app->account);
	char left[160];
	bool u = dd_draw_utf8();
	const char *sep = u ? " │ " : " | ";
	/* The help hint is the way out of any screen: it keeps its place and
	 * the rest of the line is cut (with "…") around it. */
	const char *hint = w >= 30 ? "? help " : "? ";
	int hw = dd_draw_width(hint);
	dd_draw_blank(y, 0, w, a);
	dd_draw_text(y, w - hw, hw, hint, a);
	w -= hw + 1;
	snprintf(left, sizeof(left), " %s%s%s", app->opts->profile_label ? app->opts->profile_label : c->profile,
		 sep, app->servers.zone[0] ? app->servers.zone : "all zones");
	/* Room for the message first: the zone matters less than an error. */
	bool msg = app->status.kind != DD_MSG_NONE;
	int room = msg ? w / 2 : w;
	/* Owed invoices show on every tab (read at startup): in short when a
	 * message needs the room, and not at all while a message would be cut
	 * (it fades, or goes at the next key; the flag comes back). */
	size_t unpaid = dd_billing_unpaid(app);
	char flag[64] = "";
	if (unpaid)
		snprintf(flag, sizeof(flag), "%s%zu unpaid invoice%s", sep, unpaid, unpaid == 1 ? "" : "s");
	int mw = msg ? 3 + dd_draw_width(app->status.msg) : 0;
	if (unpaid && msg && dd_draw_width(left) + dd_draw_width(flag) + mw > w)
		snprintf(flag, sizeof(flag), "%s%zu unpaid", sep, unpaid);
	/* left at its shortest: " PROFILE" */
	int lmin = 1 + dd_draw_width(app->opts->profile_label ? app->opts->profile_label : c->profile);
	if (unpaid && msg && lmin + dd_draw_width(flag) + mw > w) {
		flag[0] = '\0';
		unpaid = 0;
	}
	if (dd_draw_width(left) > room ||
	    (msg && dd_draw_width(left) + dd_draw_width(flag) + mw > w))
		snprintf(left, sizeof(left), " %s", app->opts->profile_label ? app->opts->profile_label : c->profile);
	x += dd_draw_text(y, x, room, left, a);
	size_t busy = dd_app_busy(app);
	if (busy) {
		char b[64];
		const char *f = u ? spin_utf8[app->spin % 10] : spin_ascii[app->spin % 4];
		snprintf(b, sizeof(b), "%s%s %zu in flight", sep, f, busy);
		x += dd_draw_text(y, x, w - x, b, dd_theme_attr(&app->theme, DD_R_STATUS_BUSY));
		x += draw_wait(app, x, w, sep);
	}
	if (unpaid)
		x += dd_draw_text(y, x, w - x, flag, dd_theme_attr(&app->theme, DD_R_STATUS_ERROR));
	if (app->status.kind != DD_MSG_NONE) {
		x += dd_draw_text(y, x, w - x, sep, a);
		x += dd_draw_text(y, x, w - x, app->status.msg,
				  dd_theme_attr(&app->theme, app->status.kind == DD_MSG_ERROR
								     ? DD_R_STATUS_ERROR
								     : DD_R_STATUS_INFO));
	}
}

void dd_frame_draw(struct dd_app *app)
{
	if (app->clear) {
		clearok(curscr, TRUE);
		app->clear = false;
	}
	erase();
	draw_tabs(app);
	app->screen->draw(app);
	if (app->prompt.kind == DD_P_NONE)
		draw_status(app);
	if (app->help)
		dd_help_draw(app);
	if (app->dialog.open)
		dd_dialog_draw(&app->dialog, &app->theme, app->rows, app->cols);
	/* The prompt goes last: it leaves the cursor where typing happens. */
	if (app->prompt.kind != DD_P_NONE) {
		dd_prompt_draw(&app->prompt, &app->theme, app->rows - 1, app->cols);
		curs_set(app->help || app->dialog.open ? 0 : 1);
	} else {
		curs_set(0);
	}
	refresh();
	app->dirty = false;
}
