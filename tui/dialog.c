/* The dialog widget: Cancel is the default, Confirm stays disabled until
 * the typed text matches, and the request shows exactly as it will be
 * sent. Nothing here knows which action opened it. */
#include "tui/dialog.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "tui/draw.h"
#include "tui/keys.h"
#include "core/i18n.h"

#define BODY_ROWS 8 /* more would push the buttons off a 24-row terminal */
#define URL_ROWS 3  /* a URL is cut into rows, never shortened silently */

/* Rows of w columns that the request line takes (URLs are ASCII). */
static int url_rows(const struct dd_dialog *d, int w)
{
	int len = (int)strlen(d->method) + 1 + (int)strlen(d->resource);
	int n = w > 0 ? (len + w - 1) / w : 1;
	return n < 1 ? 1 : n > URL_ROWS ? URL_ROWS : n;
}

static void copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

void dd_dialog_open(struct dd_dialog *d, const struct dd_dialog_spec *spec)
{
	memset(d, 0, sizeof(*d));
	copy(d->title, sizeof(d->title), spec->title);
	copy(d->text, sizeof(d->text), spec->text);
	copy(d->method, sizeof(d->method), spec->method);
	copy(d->resource, sizeof(d->resource), spec->resource);
	copy(d->body, sizeof(d->body), spec->body);
	copy(d->price, sizeof(d->price), spec->price);
	copy(d->confirm_label, sizeof(d->confirm_label),
	     spec->confirm_label && spec->confirm_label[0] ? spec->confirm_label : _("Confirm"));
	copy(d->typed, sizeof(d->typed), spec->typed);
	d->ctrl_c_confirms = spec->ctrl_c_confirms;
	d->done = spec->done;
	d->ud = spec->ud;
	d->focus = DD_DF_CANCEL;
	dd_prompt_open(&d->field, DD_P_EDIT, "", "");
	d->open = true;
}

bool dd_dialog_ready(const struct dd_dialog *d)
{
	return !d->typed[0] || strcmp(d->field.buf, d->typed) == 0;
}

static enum dd_dialog_ev close_with(struct dd_dialog *d, enum dd_dialog_ev ev)
{
	dd_prompt_close(&d->field);
	d->open = false;
	return ev;
}

static void say_disabled(struct dd_dialog *d)
{
	snprintf(d->note, sizeof(d->note), _("%s stays disabled: type \"%.60s\" exactly."),
		 d->confirm_label, d->typed);
}

enum dd_dialog_ev dd_dialog_input(struct dd_dialog *d, bool fkey, int ch)
{
	bool typing = d->typed[0] != 0;
	if (!d->open)
		return DD_DE_NONE;
	if ((fkey && (ch == KEY_LEFT || ch == KEY_RIGHT || ch == KEY_BTAB || ch == KEY_UP ||
		      ch == KEY_DOWN)) ||
	    (!fkey && ch == '\t') || (!typing && !fkey && (ch == 'h' || ch == 'l'))) {
		d->focus = d->focus == DD_DF_CANCEL ? DD_DF_CONFIRM : DD_DF_CANCEL;
		d->note[0] = 0;
		return DD_DE_REDRAW;
	}
	if ((!fkey && (ch == '\r' || ch == '\n')) || (fkey && ch == KEY_ENTER)) {
		if (d->focus == DD_DF_CANCEL)
			return close_with(d, DD_DE_CANCELLED);
		if (!dd_dialog_ready(d)) {
			say_disabled(d);
			return DD_DE_REDRAW;
		}
		return close_with(d, DD_DE_CONFIRMED);
	}
	if (!fkey && ch == DD_CTRL('c'))
		return close_with(d, d->ctrl_c_confirms ? DD_DE_CONFIRMED : DD_DE_QUIT);
	if (!fkey && ch == DD_KEY_ESC)
		return close_with(d, DD_DE_CANCELLED);
	if (!typing) {
		if (!fkey && (ch == 'n' || ch == 'q'))
			return close_with(d, DD_DE_CANCELLED);
		return DD_DE_NONE;
	}
	/* Everything else edits the text to type; the prompt knows UTF-8. */
	if (dd_prompt_input(&d->field, fkey, ch) == DD_PE_CHANGED) {
		d->note[0] = 0;
		return DD_DE_REDRAW;
	}
	return DD_DE_NONE;
}

/* Rows that s takes when wrapped at w columns (at least one per line). */
static int rows_for(const char *s, int w)
{
	int rows = 0;
	char line[512];
	while (*s) {
		size_t n = strcspn(s, "\n");
		snprintf(line, sizeof(line), "%.*s", (int)n, s);
		int lw = dd_draw_width(line);
		rows += lw > w ? (lw + w - 1) / w + 1 : 1; /* + 1: word wrap wastes some */
		s += n;
		if (*s == '\n')
			s++;
	}
	return rows;
}

/* The body's first lines, one screen row each. */
static int draw_body(int y, int x, int w, const char *body, unsigned long a, unsigned long dim)
{
	int r = 0;
	while (*body && r < BODY_ROWS) {
		size_t n = strcspn(body, "\n");
		char line[512];
		snprintf(line, sizeof(line), "%.*s", (int)n, body);
		if (r == BODY_ROWS - 1 && body[n]) {
			dd_draw_text(y + r, x, w, dd_draw_utf8() ? "…" : "...", dim);
			return r + 1;
		}
		dd_draw_text(y + r, x, w, line, a);
		r++;
		body += n;
		if (*body == '\n')
			body++;
	}
	return r;
}

void dd_dialog_draw(const struct dd_dialog *d, const struct dd_theme *th, int rows, int cols)
{
	int w = cols > 74 ? 70 : cols - 4, iw = w - 4;
	unsigned long a = dd_theme_attr(th, DD_R_DIALOG), dim = dd_theme_attr(th, DD_R_DIM);
	unsigned long lab = dd_theme_attr(th, DD_R_LABEL), sel = dd_theme_attr(th, DD_R_CURSOR) | A_REVERSE;
	bool req = d->method[0] || d->resource[0] || d->body[0] || d->price[0];
	char buf[700];
	if (!d->open || w < 24)
		return;
	int body_rows = d->body[0] ? rows_for(d->body, 1 << 20) : 0;
	body_rows = body_rows > BODY_ROWS ? BODY_ROWS : body_rows;
	int h = 2 + 1 + (d->text[0] ? rows_for(d->text, iw) + 1 : 0) +
		(req ? 1 + (d->method[0] || d->resource[0] ? url_rows(d, iw - 2) : 0) + body_rows + (d->price[0] != 0) + 1 : 0) +
		(d->typed[0] ? 3 : 0) + 2;
	if (h > rows - 2)
		h = rows - 2;
	int x = (cols - w) / 2, y = (rows - h) / 2, bottom = y + h - 1, r = y + 2;
	if (h < 5 || y < 0)
		return;
	for (int i = 0; i < h; i++)
		dd_draw_blank(y + i, x, w, a);
	dd_draw_box(y, x, h, w, dd_theme_attr(th, DD_R_BORDER) | A_BOLD);
	snprintf(buf, sizeof(buf), " %s ", d->title);
	dd_draw_text(y, x + 2, w - 4, buf, dd_theme_attr(th, DD_R_DIALOG_TITLE));
	if (d->text[0])
		r += dd_draw_para(r, x + 2, bottom - 2 - r, iw, d->text, a) + 1;
	if (req && r < bottom - 2) {
		dd_draw_text(r++, x + 2, iw, _("Request"), lab);
		if (d->method[0] || d->resource[0]) {
			snprintf(buf, sizeof(buf), "%s%s%s", d->method, d->method[0] ? " " : "", d->resource);
			size_t len = strlen(buf), cw = (size_t)(iw - 2), off = 0;
			for (int i = 0; i < url_rows(d, iw - 2) && off < len; i++, off += cw) {
				char part[700];
				snprintf(part, sizeof(part), "%.*s", (int)cw, buf + off);
				dd_draw_text(r++, x + 4, iw - 2, part, a);
			}
		}
		if (d->body[0])
			r += draw_body(r, x + 4, iw - 2, d->body, a, dim);
		if (d->price[0]) {
			snprintf(buf, sizeof(buf), _("Price: %s"), d->price);
			dd_draw_text(r++, x + 4, iw - 2, buf, lab);
		}
		r++;
	}
	if (d->typed[0] && r < bottom - 2) {
		snprintf(buf, sizeof(buf), _("Type %s to enable %s:"), d->typed, d->confirm_label);
		dd_draw_text(r++, x + 2, iw, buf, a);
		snprintf(buf, sizeof(buf), "> %s%s", d->field.buf, dd_draw_utf8() ? "▏" : "_");
		dd_draw_text(r++, x + 2, iw, buf, dd_theme_attr(th, DD_R_PROMPT));
	}
	/* The note line: why Confirm is disabled, or that it is not. */
	if (d->note[0])
		dd_draw_text(bottom - 2, x + 2, iw, d->note, dd_theme_attr(th, DD_R_ERROR));
	else if (d->typed[0])
		dd_draw_text(bottom - 2, x + 2, iw,
			     dd_dialog_ready(d) ? _("The text matches.") : _("Confirm is disabled until the text matches."),
			     dim);
	char cb[48];
	snprintf(cb, sizeof(cb), "[ %s ]", d->confirm_label);
	int cw = dd_draw_width(cb), bx = x + (w - 10 - 2 - cw) / 2;
	dd_draw_text(bottom - 1, bx, 10, _("[ Cancel ]"), d->focus == DD_DF_CANCEL ? sel : a);
	unsigned long ca = d->focus == DD_DF_CONFIRM ? sel : a;
	if (!dd_dialog_ready(d))
		ca = (d->focus == DD_DF_CONFIRM ? sel : dim) | A_DIM;
	dd_draw_text(bottom - 1, bx + 12, cw, cb, ca);
}
