/* Where keys go. The open dialog takes every key, then the prompt, then
 * the help overlay, then the current screen; what the screen leaves goes
 * to the app. The prompt talks to the current screen through its hooks. */
#include "tui/input.h"

#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "tui/app.h"
#include "tui/cmdline.h"
#include "tui/frame.h"
#include "tui/help.h"

static void prompt_key(struct dd_app *app, bool fkey, int ch)
{
	enum dd_prompt_ev ev = dd_prompt_input(&app->prompt, fkey, ch);
	const struct dd_screen_ops *s = app->screen;
	app->dirty = true;
	switch (app->prompt.kind) {
	case DD_P_FILTER:
		/* The screen sees every change: it filters as the user types. */
		if (ev == DD_PE_CANCEL)
			app->prompt.len = 0, app->prompt.buf[0] = 0;
		if ((ev == DD_PE_CHANGED || ev == DD_PE_CANCEL) && s->filter)
			s->filter(app, app->prompt.buf);
		if (ev == DD_PE_DONE || ev == DD_PE_CANCEL)
			dd_prompt_close(&app->prompt);
		break;
	case DD_P_CMD:
		if (ev == DD_PE_TAB) {
			dd_cmd_complete(app);
		} else if (ev == DD_PE_CANCEL) {
			dd_prompt_close(&app->prompt);
		} else if (ev == DD_PE_DONE) {
			char line[512];
			snprintf(line, sizeof(line), "%s", app->prompt.buf);
			dd_prompt_close(&app->prompt);
			dd_app_apply(app, dd_cmd_run(app, line));
		}
		break;
	case DD_P_EDIT:
		if (ev == DD_PE_CANCEL || (ev == DD_PE_DONE && !s->submit))
			dd_prompt_close(&app->prompt);
		else if (ev == DD_PE_DONE)
			dd_app_apply(app, s->submit(app));
		break;
	case DD_P_NONE:
		break;
	}
}

static void dialog_key(struct dd_app *app, bool fkey, int ch)
{
	struct dd_dialog *d = &app->dialog;
	/* done may open another dialog: keep what this one needs first. */
	dd_dialog_done_fn *done = d->done;
	void *ud = d->ud;
	enum dd_dialog_ev ev = dd_dialog_input(d, fkey, ch);
	if (ev == DD_DE_NONE)
		return;
	app->dirty = true;
	if (ev == DD_DE_REDRAW)
		return;
	if (done)
		done(app, ev == DD_DE_CONFIRMED ? DD_DIALOG_CONFIRMED : DD_DIALOG_CANCELLED, ud);
	if (ev == DD_DE_QUIT)
		dd_app_quit(app);
}

/* A mouse press at (y, x); bstate holds curses' BUTTON*_PRESSED bits. */
static void mouse_at(struct dd_app *app, int y, int x, unsigned long bstate)
{
	if (app->help || app->dialog.open || app->prompt.kind != DD_P_NONE)
		return;
	if (y == 0 && (bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))) {
		int i = dd_frame_tab_at(app, x);
		if (i >= 0)
			dd_app_switch(app, dd_app_tab(i));
		return;
	}
	app->mouse_y = y;
	app->mouse_x = x;
	app->mouse_bstate = bstate;
	dd_app_apply(app, app->screen->key(app, DD_ACT_NONE, true, KEY_MOUSE));
}

/* Terminals whose mouse reports curses decodes itself (not SGR 1006). */
static void mouse_event(struct dd_app *app)
{
	MEVENT ev;
	if (getmouse(&ev) == OK)
		mouse_at(app, ev.y, ev.x, (unsigned long)ev.bstate);
}

static void resize(struct dd_app *app)
{
	app->rows = LINES;
	app->cols = COLS;
	if (app->screen->resize)
		app->screen->resize(app);
	app->clear = true;
	app->dirty = true;
}

static void handle_key(struct dd_app *app, bool fkey, int ch)
{
	if (fkey && ch == KEY_RESIZE) {
		resize(app);
		return;
	}
	dd_status_key(&app->status);
	app->dirty = true;
	if (fkey && ch == KEY_MOUSE) {
		mouse_event(app);
		return;
	}
	if (app->dialog.open) {
		dialog_key(app, fkey, ch);
		return;
	}
	if (app->prompt.kind != DD_P_NONE) {
		prompt_key(app, fkey, ch);
		return;
	}
	if (app->help) {
		dd_app_apply(app, dd_help_key(app, fkey, ch));
		return;
	}
	/* A wide character is never a command key. */
	enum dd_action act = (!fkey && ch >= KEY_MIN) ? DD_ACT_NONE
				: dd_keys_lookup(ch, app->screen->scopes | DD_KS_GLOBAL);
	/* `/` everywhere: a screen without a filter says so rather than
	 * ignoring the key. */
	if (act == DD_ACT_NONE && !fkey && dd_keys_lookup(ch, DD_KS_TABLE) == DD_ACT_FILTER)
		act = DD_ACT_FILTER;
	enum dd_result r = app->screen->key(app, act, fkey, ch);
	if (r == DD_RES_UNHANDLED)
		dd_app_global(app, act);
	else
		dd_app_apply(app, r);
}

static bool is_char(const struct dd_keyq *q, int i, int ch)
{
	return i < q->n && !q->k[i].fkey && q->k[i].ch == ch;
}

/* Length of the SGR report at i ("ESC [ < b ; x ; y M|m"), 0 if none
 * starts there, -1 if one starts but is not complete yet. */
static int sgr_report(const struct dd_keyq *q, int i, int v[3], bool *press)
{
	int j = i + 3, f = 0;
	if (!is_char(q, i, DD_KEY_ESC) || !is_char(q, i + 1, '[') || !is_char(q, i + 2, '<'))
		return 0;
	v[0] = v[1] = v[2] = 0;
	for (; j < q->n && !q->k[j].fkey; j++) {
		int c = q->k[j].ch;
		if (c >= '0' && c <= '9' && v[f] < 100000)
			v[f] = v[f] * 10 + (c - '0');
		else if (c == ';' && f < 2)
			f++;
		else if ((c == 'M' || c == 'm') && f == 2) {
			*press = c == 'M';
			return j - i + 1;
		} else
			return 0;
	}
	return j < q->n ? 0 : -1;
}

/* The key a CSI "ESC [ params final" or SS3 "ESC O final" sequence
 * stands for, 0 for one we do not know (swallowed whole all the same). A
 * terminal inside tmux sends the vt220 forms of Home and End ("ESC [ 1 ~")
 * that TERM=xterm's terminfo does not list, so curses hands them over as
 * loose characters that would otherwise fire '[' or '4'. */
static int esc_key(int intro, int param, int final)
{
	if (intro == 'O' || final != '~') {
		switch (final) {
		case 'A': return KEY_UP;
		case 'B': return KEY_DOWN;
		case 'C': return KEY_RIGHT;
		case 'D': return KEY_LEFT;
		case 'H': return KEY_HOME;
		case 'F': return KEY_END;
		case 'Z': return intro == '[' ? KEY_BTAB : 0;
		default: return 0;
		}
	}
	switch (param) {
	case 1: case 7: return KEY_HOME;
	case 4: case 8: return KEY_END;
	case 2: return KEY_IC;
	case 3: return KEY_DC;
	case 5: return KEY_PPAGE;
	case 6: return KEY_NPAGE;
	default: return 0;
	}
}

/* Length of the escape sequence at i, 0 if none starts there, -1 if one
 * starts but is not complete yet; *key is what it stands for (0: none). */
static int esc_seq(const struct dd_keyq *q, int i, int *key)
{
	int j, param = 0;
	bool first = true;
	if (!is_char(q, i, DD_KEY_ESC) || i + 1 >= q->n || q->k[i + 1].fkey)
		return 0;
	int intro = q->k[i + 1].ch;
	if (intro == 'O') {
		if (i + 2 >= q->n)
			return -1;
		*key = q->k[i + 2].fkey ? 0 : esc_key('O', 0, q->k[i + 2].ch);
		return 3;
	}
	if (intro != '[')
		return 0;
	for (j = i + 2; j < q->n && !q->k[j].fkey; j++) {
		int c = q->k[j].ch;
		if (c >= 0x30 && c <= 0x3f) {
			if (c >= '0' && c <= '9' && first && param < 10000)
				param = param * 10 + (c - '0');
			else if (c == ';')
				first = false;
		} else if (c >= 0x20 && c <= 0x2f) {
			continue;
		} else if (c >= 0x40 && c <= 0x7e) {
			*key = esc_key('[', param, c);
			return j - i + 1;
		} else {
			/* Not a sequence after all: the ESC is a key of its own. */
			return 0;
		}
	}
	return j < q->n ? 0 : -1;
}

#define QCAP ((int)(sizeof(((struct dd_keyq *)0)->k) / sizeof(((struct dd_keyq *)0)->k[0])))

void dd_input_read(struct dd_keyq *q)
{
	wint_t wc;
	int rc;
	while (q->n < QCAP && (rc = get_wch(&wc)) != ERR) {
		q->k[q->n].fkey = rc == KEY_CODE_YES;
		q->k[q->n].ch = (int)wc;
		q->n++;
	}
}

void dd_input_dispatch(struct dd_app *app, struct dd_keyq *q)
{
	/* A full queue may have cut a report in two: no waiting for the rest. */
	bool more_may_come = q->n < QCAP;
	int i = 0;
	while (i < q->n && !app->quit) {
		int v[3];
		bool press = false;
		int len = sgr_report(q, i, v, &press);
		if (len < 0 && more_may_come && !q->carried) {
			/* Keep the partial report for the next round. */
			memmove(q->k, q->k + i, (size_t)(q->n - i) * sizeof(q->k[0]));
			q->n -= i;
			q->carried = true;
			return;
		}
		if (len > 0) {
			unsigned long b = 0;
			if (press && v[0] == 0)
				b = BUTTON1_PRESSED;
			else if (v[0] == 64)
				b = BUTTON4_PRESSED;
			else if (v[0] == 65)
				b = BUTTON5_PRESSED;
			dd_status_key(&app->status);
			app->dirty = true;
			if (b)
				mouse_at(app, v[2] - 1, v[1] - 1, b);
			i += len;
			continue;
		}
		int key = 0;
		len = esc_seq(q, i, &key);
		if (len < 0 && more_may_come && !q->carried) {
			memmove(q->k, q->k + i, (size_t)(q->n - i) * sizeof(q->k[0]));
			q->n -= i;
			q->carried = true;
			return;
		}
		if (len > 0) {
			if (key)
				handle_key(app, true, key);
			i += len;
			continue;
		}
		handle_key(app, q->k[i].fkey, q->k[i].ch);
		i++;
	}
	q->n = 0;
	q->carried = false;
}
