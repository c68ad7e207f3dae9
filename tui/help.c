/* The `?` overlay: the keys of the current screen, generated from the
 * key table that dispatches them. */
#include "tui/help.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "tui/cmdline.h"
#include "tui/draw.h"
#include "core/i18n.h"

/* A key an earlier line of the table takes on this screen does not do
 * what this line says: it is not listed (Enter on the Billing tab opens an
 * invoice, not a server). */
static bool shadowed(const struct dd_app *app, const struct dd_key *keys, size_t j)
{
	for (size_t k = 0; keys[j].key && k < j; k++)
		if (keys[k].key == keys[j].key && dd_cmd_key_applies(app, &keys[k]))
			return true;
	return false;
}

/* The help lines for the current screen (index i), NULL past the end. */
static bool help_line(const struct dd_app *app, size_t i, const char **keyname, const char **help,
		      char *buf, size_t len)
{
	size_t n, k = 0, nx;
	const struct dd_key *keys = dd_keys(&n);
	const struct dd_cmd_help *extra = dd_cmd_extra(&nx);
	for (size_t j = 0; j < n; j++) {
		/* A key whose hook the screen lacks does nothing: not listed. */
		if (!keys[j].help || !dd_cmd_key_applies(app, &keys[j]) || shadowed(app, keys, j))
			continue;
		if (k++ == i) {
			if (keys[j].keyname) {
				*keyname = _(keys[j].keyname);
			} else {
				snprintf(buf, len, ":%s", keys[j].command);
				*keyname = buf;
			}
			*help = _(keys[j].help);
			return true;
		}
	}
	for (size_t j = 0; j < nx; j++)
		if (dd_cmd_extra_applies(app, extra[j].name) && k++ == i) {
			*keyname = extra[j].usage;
			*help = _(extra[j].help);
			return true;
		}
	return false;
}

static size_t help_count(const struct dd_app *app)
{
	const char *a, *b;
	char buf[32];
	size_t n = 0;
	while (help_line(app, n, &a, &b, buf, sizeof(buf)))
		n++;
	return n;
}

void dd_help_draw(const struct dd_app *app)
{
	const struct dd_theme *th = &app->theme;
	/* The width there is (a line of text reads badly past 100). */
	int w = app->cols > 104 ? 100 : app->cols - 4;
	int h = app->rows - 4;
	int x = (app->cols - w) / 2, y = 2;
	unsigned long a = dd_theme_attr(th, DD_R_DIALOG), ak = dd_theme_attr(th, DD_R_HELP_KEY);
	char title[96];
	if (w < 20 || h < 4)
		return;
	size_t n = help_count(app);
	for (int r = 0; r < h; r++)
		dd_draw_blank(y + r, x, w, a);
	dd_draw_box(y, x, h, w, dd_theme_attr(th, DD_R_BORDER) | A_BOLD);
	snprintf(title, sizeof(title), _(" Keys: %s "), _(app->screen->name));
	dd_draw_text(y, x + 2, w - 4, title, dd_theme_attr(th, DD_R_DIALOG_TITLE));
	/* Narrow: the text goes under its key; else beside it, wrapped. */
	bool under = w < 44;
	int row = y + 1, bottom = y + h - 2;
	for (size_t e = app->help_top; row < bottom; e++) {
		const char *k, *hp;
		char buf[64];
		if (!help_line(app, e, &k, &hp, buf, sizeof(buf)))
			break;
		int kw = dd_draw_text(row, x + 2, w - 4, k, ak);
		int hx = under ? 4 : kw < 16 ? 19 : kw + 4;
		if (under)
			row++;
		if (row < bottom)
			row += dd_draw_para(row, x + hx, bottom - row, w - hx - 2, hp, a);
	}
	char foot[96];
	snprintf(foot, sizeof(foot), _(" %zu entries  j/k scroll  Esc or ? closes "), n);
	dd_draw_text(y + h - 1, x + 2, w - 4, foot, a);
}

enum dd_result dd_help_key(struct dd_app *app, bool fkey, int ch)
{
	size_t n = help_count(app);
	size_t page = app->rows > 8 ? (size_t)app->rows - 7 : 1;
	enum dd_action act = fkey || ch < KEY_MIN ? dd_keys_lookup(ch, DD_KS_MOVE) : DD_ACT_NONE;
	switch (act) {
	case DD_ACT_DOWN:
		if (app->help_top + page < n)
			app->help_top++;
		return DD_RES_REDRAW;
	case DD_ACT_UP:
		if (app->help_top)
			app->help_top--;
		return DD_RES_REDRAW;
	case DD_ACT_PGDN:
		app->help_top = n > page ? (app->help_top + page < n - page ? app->help_top + page : n - page) : 0;
		return DD_RES_REDRAW;
	case DD_ACT_PGUP:
		app->help_top = app->help_top > page ? app->help_top - page : 0;
		return DD_RES_REDRAW;
	default:
		break;
	}
	/* Any other key closes the help; Ctrl-C still quits. */
	app->help = false;
	if (!fkey && ch == DD_CTRL('c'))
		return DD_RES_QUIT;
	return DD_RES_REDRAW;
}
