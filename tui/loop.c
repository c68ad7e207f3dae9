/* dd_tui_run: curses setup, the one event loop (keys, libcurl's sockets
 * and timers in one poll), key dispatch and the frame around screens. */
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "core/config.h"
#include "core/text.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/tui.h"

static const struct dd_screen_ops *const tabs[4] = {
	&dd_screen_servers, &dd_screen_network, &dd_screen_billing, &dd_screen_account,
};

uint64_t dd_app_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

const struct dd_screen_ops *dd_app_tab(int i)
{
	return tabs[(i % 4 + 4) % 4];
}

int dd_app_body_top(void)
{
	return 1;
}

int dd_app_body_height(const struct dd_app *app)
{
	int h = app->rows - 2;
	return h > 1 ? h : 1;
}

size_t dd_app_busy(const struct dd_app *app)
{
	return dd_http_in_flight(app->http);
}

void dd_app_switch(struct dd_app *app, const struct dd_screen_ops *to)
{
	if (app->screen == to)
		return;
	if (app->screen && app->screen->leave)
		app->screen->leave(app);
	app->screen = to;
	for (int i = 0; i < 4; i++)
		if (tabs[i] == to)
			app->tab = i;
	if (to->enter)
		to->enter(app);
	app->dirty = true;
}

/* ---- drawing the frame ---- */

static void draw_tabs(const struct dd_app *app)
{
	unsigned long a = dd_theme_attr(&app->theme, DD_R_TAB);
	unsigned long aa = dd_theme_attr(&app->theme, DD_R_TAB_ACTIVE);
	int x = 0;
	dd_draw_blank(0, 0, app->cols, a);
	for (int i = 0; i < 4; i++) {
		char label[32];
		snprintf(label, sizeof(label), " %d %s ", i + 1, tabs[i]->name);
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

static void draw_status(const struct dd_app *app)
{
	int y = app->rows - 1, x = 0, w = app->cols;
	unsigned long a = dd_theme_attr(&app->theme, DD_R_STATUS);
	const struct dd_creds *c = dd_account_creds(app->account);
	char left[160];
	bool u = dd_draw_utf8();
	const char *sep = u ? " │ " : " | ";
	dd_draw_blank(y, 0, w, a);
	snprintf(left, sizeof(left), " %s%s%s", app->opts->profile_label ? app->opts->profile_label : c->profile,
		 sep, c->zone[0] ? c->zone : "all zones");
	x += dd_draw_text(y, x, w - x, left, a);
	size_t busy = dd_app_busy(app);
	if (busy) {
		char b[64];
		const char *f = u ? spin_utf8[app->spin % 10] : spin_ascii[app->spin % 4];
		snprintf(b, sizeof(b), "%s%s %zu in flight", sep, f, busy);
		x += dd_draw_text(y, x, w - x, b, dd_theme_attr(&app->theme, DD_R_STATUS_BUSY));
	}
	if (app->status.kind != DD_MSG_NONE) {
		x += dd_draw_text(y, x, w - x, sep, a);
		x += dd_draw_text(y, x, w - x - 1, app->status.msg,
				  dd_theme_attr(&app->theme, app->status.kind == DD_MSG_ERROR
								     ? DD_R_STATUS_ERROR
								     : DD_R_STATUS_INFO));
	}
	const char *hint = "? help ";
	if (x + 8 < w)
		dd_draw_text(y, w - 7, 7, hint, a);
}

static void draw_all(struct dd_app *app)
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
	if (app->confirm_quit)
		dd_dialog_draw(app);
	/* The prompt goes last: it leaves the cursor where typing happens. */
	if (app->prompt.kind != DD_P_NONE) {
		dd_prompt_draw(&app->prompt, &app->theme, app->rows - 1, app->cols);
		curs_set(app->help || app->confirm_quit ? 0 : 1);
	} else {
		curs_set(0);
	}
	refresh();
	app->dirty = false;
}

/* ---- keys ---- */

static void ask_quit(struct dd_app *app)
{
	if (dd_app_busy(app) > 0)
		app->confirm_quit = true;
	else
		app->quit = true;
	app->dirty = true;
}

static void back_or_quit(struct dd_app *app)
{
	if (app->screen == tabs[app->tab])
		ask_quit(app);
	else
		dd_app_switch(app, tabs[app->tab]);
}

/* What every screen shares; runs when the screen did not take the key. */
static void global_action(struct dd_app *app, enum dd_action act)
{
	switch (act) {
	case DD_ACT_HELP:
		app->help = true;
		app->help_top = 0;
		break;
	case DD_ACT_CMDLINE:
		dd_prompt_open(&app->prompt, DD_P_CMD, ":", "");
		break;
	case DD_ACT_TAB1:
	case DD_ACT_TAB2:
	case DD_ACT_TAB3:
	case DD_ACT_TAB4:
		dd_app_switch(app, tabs[act - DD_ACT_TAB1]);
		break;
	case DD_ACT_TABNEXT:
		dd_app_switch(app, tabs[(app->tab + 1) % 4]);
		break;
	case DD_ACT_TABPREV:
		dd_app_switch(app, tabs[(app->tab + 3) % 4]);
		break;
	case DD_ACT_ESC:
		if (app->screen != tabs[app->tab])
			dd_app_switch(app, tabs[app->tab]);
		break;
	case DD_ACT_BACK:
		back_or_quit(app);
		break;
	case DD_ACT_QUIT:
		ask_quit(app);
		break;
	case DD_ACT_REDRAW:
		app->clear = true;
		break;
	case DD_ACT_LOG:
		dd_app_switch(app, &dd_screen_log);
		break;
	case DD_ACT_REFRESH:
		dd_status_info(&app->status, app->now_ms, "Nothing to refresh on this screen.");
		break;
	default:
		return;
	}
	app->dirty = true;
}

static void apply(struct dd_app *app, enum dd_result r)
{
	switch (r) {
	case DD_RES_UNHANDLED:
	case DD_RES_HANDLED:
		break;
	case DD_RES_REDRAW:
		app->dirty = true;
		break;
	case DD_RES_BACK:
		back_or_quit(app);
		break;
	case DD_RES_QUIT:
		ask_quit(app);
		break;
	}
}

void dd_app_action(struct dd_app *app, enum dd_action act)
{
	enum dd_result r = app->screen->key(app, act, false, 0);
	if (r == DD_RES_UNHANDLED)
		global_action(app, act);
	else
		apply(app, r);
}

static void prompt_key(struct dd_app *app, bool fkey, int ch)
{
	enum dd_prompt_ev ev = dd_prompt_input(&app->prompt, fkey, ch);
	app->dirty = true;
	switch (app->prompt.kind) {
	case DD_P_FILTER:
		/* The servers screen owns the filter: it sees every change. */
		if (ev == DD_PE_CHANGED || ev == DD_PE_CANCEL) {
			if (ev == DD_PE_CANCEL)
				app->prompt.len = 0, app->prompt.buf[0] = 0;
			dd_table_set_filter(&app->servers.table, app->prompt.buf);
			dd_screen_servers.data(app, DD_DATA_DETAIL);
		}
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
			apply(app, dd_cmd_run(app, line));
		}
		break;
	case DD_P_EDIT:
		if (ev == DD_PE_CANCEL)
			dd_prompt_close(&app->prompt);
		else if (ev == DD_PE_DONE)
			apply(app, dd_view_submit(app));
		break;
	case DD_P_NONE:
		break;
	}
}

/* A mouse press at (y, x); bstate holds curses' BUTTON*_PRESSED bits. */
static void mouse_at(struct dd_app *app, int y, int x, unsigned long bstate)
{
	if (app->help || app->confirm_quit || app->prompt.kind != DD_P_NONE)
		return;
	if (y == 0 && (bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))) {
		int tx = 0;
		for (int i = 0; i < 4; i++) {
			int w = (int)strlen(tabs[i]->name) + 5;
			if (x >= tx && x < tx + w) {
				dd_app_switch(app, tabs[i]);
				return;
			}
			tx += w;
		}
		return;
	}
	app->mouse_y = y;
	app->mouse_x = x;
	app->mouse_bstate = bstate;
	apply(app, app->screen->key(app, DD_ACT_NONE, true, KEY_MOUSE));
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
	if (app->confirm_quit) {
		apply(app, dd_dialog_key(app, fkey, ch));
		return;
	}
	if (app->prompt.kind != DD_P_NONE) {
		prompt_key(app, fkey, ch);
		return;
	}
	if (app->help) {
		apply(app, dd_help_key(app, fkey, ch));
		return;
	}
	/* A wide character is never a command key. */
	enum dd_action act = (!fkey && ch >= KEY_MIN) ? DD_ACT_NONE
				: dd_keys_lookup(ch, app->screen->scopes | DD_KS_GLOBAL);
	enum dd_result r = app->screen->key(app, act, fkey, ch);
	if (r == DD_RES_UNHANDLED)
		global_action(app, act);
	else
		apply(app, r);
}

/* ---- the loop ---- */

static struct dd_http *g_wake; /* for the signal handlers only */
static struct sigaction g_old_winch, g_old_term, g_old_hup;
static volatile sig_atomic_t g_stop; /* SIGTERM or SIGHUP: leave cleanly */

static void on_stop(int sig)
{
	(void)sig;
	g_stop = 1;
	if (g_wake)
		dd_http_wakeup(g_wake);
}

static void on_winch(int sig)
{
	if (g_old_winch.sa_handler != SIG_IGN && g_old_winch.sa_handler != SIG_DFL &&
	    g_old_winch.sa_handler)
		g_old_winch.sa_handler(sig);
	if (g_wake)
		dd_http_wakeup(g_wake);
}

static int start_curses(struct dd_app *app, struct dd_error *err)
{
	const char *term = getenv("TERM");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "The console needs a terminal; use a subcommand (dedi help) in scripts.");
	if (!term || !term[0])
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "TERM is not set; the console cannot start.");
	setlocale(LC_ALL, "");
	dd_draw_set_utf8(!strcmp(nl_langinfo(CODESET), "UTF-8"));
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "The terminal type '%.40s' is unknown to curses.", term);
	set_term(scr);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mouseinterval(0);
	const char *km = tigetstr("kmous");
	if (km && km != (char *)-1 && !strcmp(km, "\033[<")) {
		/* SGR reports: decoded by dispatch_keys, so curses must not. */
		define_key(km, 0);
		app->sgr_mouse = true;
		fputs("\033[?1000h\033[?1006h", stdout);
		fflush(stdout);
	} else {
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	}
	if (has_colors()) {
		start_color();
		use_default_colors();
	}
	app->rows = LINES;
	app->cols = COLS;
	return 0;
}

static void pick_theme(struct dd_app *app, struct dd_error *msg)
{
	struct dd_error cerr;
	struct dd_config *cfg = dd_config_load(NULL, &cerr);
	char configured[64] = "";
	if (cfg && dd_config_theme(cfg))
		snprintf(configured, sizeof(configured), "%s", dd_config_theme(cfg));
	dd_config_free(cfg);
	const char *name = dd_theme_choose(app->opts->theme, configured);
	int colors = has_colors() ? COLORS : 0;
	dd_error_clear(msg);
	if (!cfg) {
		/* The config's own message names the file and line. */
		*msg = cerr;
		dd_theme_load(name, colors, &app->theme, &cerr);
		app->theme.mono = app->theme.mono || !has_colors();
		dd_theme_apply(&app->theme);
		return;
	}
	if (!has_colors() && !(app->opts->theme && app->opts->theme[0]))
		name = "mono";
	dd_theme_load(name, colors, &app->theme, msg);
	if (!has_colors())
		app->theme.mono = true;
	dd_theme_apply(&app->theme);
}

/* While curses owns the terminal, whatever a library writes to stderr
 * goes to the error log instead of through the screen. The pipe does not
 * block its writers: when it is full, the excess is lost. */
struct err_capture {
	int saved;   /* the real stderr, -1 when not capturing */
	int rd;      /* our end of the pipe */
	char part[300];
	size_t plen;
};

static void capture_start(struct err_capture *c)
{
	int p[2];
	c->saved = c->rd = -1;
	c->plen = 0;
	if (pipe(p) < 0)
		return;
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	c->saved = dup(STDERR_FILENO);
	if (c->saved < 0 || dup2(p[1], STDERR_FILENO) < 0) {
		close(p[0]);
		close(p[1]);
		if (c->saved >= 0)
			close(c->saved);
		c->saved = -1;
		return;
	}
	close(p[1]);
	c->rd = p[0];
}

static void capture_read(struct dd_app *app, struct err_capture *c)
{
	char buf[1024];
	ssize_t n;
	if (c->rd < 0)
		return;
	while ((n = read(c->rd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] != '\n' && c->plen + 1 < sizeof(c->part)) {
				c->part[c->plen++] = buf[i];
				continue;
			}
			/* A newline or a full line: log it. */
			struct dd_error e;
			char *clean = dd_text_clean(c->part, c->plen);
			dd_error_set(&e, DD_E_INTERNAL, 0, NULL, "%s", clean ? clean : "(unreadable)");
			free(clean);
			dd_status_error(&app->status, app->now_ms, "stderr", &e);
			app->dirty = true;
			c->plen = 0;
		}
	}
}

static void capture_stop(struct err_capture *c)
{
	if (c->saved >= 0) {
		dup2(c->saved, STDERR_FILENO);
		close(c->saved);
	}
	if (c->rd >= 0)
		close(c->rd);
	c->saved = c->rd = -1;
}

static int next_timeout(const struct dd_app *app)
{
	long t = 1000;
	long s = dd_status_next_ms(&app->status, app->now_ms);
	if (dd_app_busy(app))
		t = 100; /* the spinner turns */
	if (s >= 0 && s < t)
		t = s;
	return (int)t;
}

/* Keys read in one go. SGR (1006) mouse reports are decoded here rather
 * than by curses, whose decoder reads the rest of a report with a blocking
 * read() and can freeze the loop when reports arrive back to back. */
struct keyq {
	struct { bool fkey; int ch; } k[512];
	int n;
	bool carried;   /* a partial report waited one round already */
};

static bool is_char(const struct keyq *q, int i, int ch)
{
	return i < q->n && !q->k[i].fkey && q->k[i].ch == ch;
}

/* Length of the SGR report at i ("ESC [ < b ; x ; y M|m"), 0 if none
 * starts there, -1 if one starts but is not complete yet. */
static int sgr_report(const struct keyq *q, int i, int v[3], bool *press)
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

static void dispatch_keys(struct dd_app *app, struct keyq *q, bool more_may_come)
{
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
		handle_key(app, q->k[i].fkey, q->k[i].ch);
		i++;
	}
	q->n = 0;
	q->carried = false;
}

static void run(struct dd_app *app, struct err_capture *cap)
{
	uint64_t last_spin = 0;
	struct keyq q;
	q.n = 0;
	q.carried = false;
	while (!app->quit) {
		app->now_ms = dd_app_now();
		capture_read(app, cap);
		if (g_stop)
			break;
		if (dd_status_expire(&app->status, app->now_ms))
			app->dirty = true;
		if (dd_app_busy(app) && app->now_ms - last_spin >= 100) {
			app->spin++;
			last_spin = app->now_ms;
			app->dirty = true;
		}
		if (app->dirty)
			draw_all(app);
		bool ready = false;
		dd_http_poll(app->http, STDIN_FILENO, next_timeout(app), &ready);
		app->now_ms = dd_app_now();
		wint_t wc;
		int rc;
		/* Always read: a resize arrives as a key without stdin being readable. */
		while (q.n < (int)(sizeof(q.k) / sizeof(q.k[0])) && (rc = get_wch(&wc)) != ERR) {
			q.k[q.n].fkey = rc == KEY_CODE_YES;
			q.k[q.n].ch = (int)wc;
			q.n++;
		}
		dispatch_keys(app, &q, q.n < (int)(sizeof(q.k) / sizeof(q.k[0])));
	}
}

int dd_tui_run(const struct dd_tui_opts *opts, struct dd_error *err)
{
	struct dd_app *app = calloc(1, sizeof(*app));
	struct dd_error msg;
	dd_error_clear(err);
	if (!app)
		return dd_error_oom(err), 1;
	app->opts = opts;
	app->account = opts->account;
	app->http = opts->http;
	if (start_curses(app, err) < 0) {
		free(app);
		return 1;
	}
	pick_theme(app, &msg);
	app->now_ms = dd_app_now();
	if (msg.kind != DD_OK)
		dd_status_error(&app->status, app->now_ms, "Theme", &msg);

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_winch;
	sigemptyset(&sa.sa_mask);
	g_wake = app->http;
	g_stop = 0;
	sigaction(SIGWINCH, &sa, &g_old_winch);
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, &g_old_term);
	sigaction(SIGHUP, &sa, &g_old_hup);

	struct err_capture cap;
	capture_start(&cap);
	app->screen = NULL;
	dd_app_switch(app, &dd_screen_servers);
	dd_app_load_servers(app);
	run(app, &cap);

	sigaction(SIGWINCH, &g_old_winch, NULL);
	sigaction(SIGTERM, &g_old_term, NULL);
	sigaction(SIGHUP, &g_old_hup, NULL);
	g_wake = NULL;
	if (app->sgr_mouse) {
		fputs("\033[?1006l\033[?1000l", stdout);
		fflush(stdout);
	}
	endwin();
	capture_stop(&cap);
	/* Late callbacks still find the app: drain before freeing it. */
	dd_http_cancel_all(app->http);
	for (int i = 0; i < 100 && dd_http_in_flight(app->http) > 0; i++)
		dd_http_poll(app->http, -1, 20, NULL);
	if (app->screen && app->screen->leave)
		app->screen->leave(app);
	dd_screen_view.leave(app); /* frees the overview; harmless twice */
	dd_table_free(&app->servers.table);
	dd_account_set_notify(app->account, NULL, NULL);
	free(app);
	return 0;
}
