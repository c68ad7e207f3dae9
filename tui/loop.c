/* dd_tui_run: curses setup, signals, and the one event loop (keys,
 * libcurl's sockets and timers in one poll). Keys go to input.c, drawing
 * to frame.c, what they change lives in app.c. */
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

#include "core/cache.h"
#include "core/config.h"
#include "core/i18n.h"
#include "core/text.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/frame.h"
#include "tui/input.h"
#include "tui/bmc.h"
#include "tui/install.h"
#include "tui/link_wizard.h"
#include "tui/tui.h"

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
				    _("The console needs a terminal; use a subcommand (dedi help) in scripts."));
	if (!term || !term[0])
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("TERM is not set; the console cannot start."));
	setlocale(LC_ALL, "");
	/* Numbers are parsed with a decimal point whatever the language. */
	setlocale(LC_NUMERIC, "C");
	dd_draw_set_utf8(!strcmp(nl_langinfo(CODESET), "UTF-8"));
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("The terminal type '%.40s' is unknown to curses."), term);
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
			dd_error_set(&e, DD_E_INTERNAL, 0, NULL, "%s", clean ? clean : _("(unreadable)"));
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

static void run(struct dd_app *app, struct err_capture *cap)
{
	uint64_t last_spin = 0;
	struct dd_keyq q;
	q.n = 0;
	q.carried = false;
	while (!app->quit) {
		app->now_ms = dd_app_now();
		capture_read(app, cap);
		if (g_stop)
			break;
		if (dd_status_expire(&app->status, app->now_ms))
			app->dirty = true;
		dd_servers_tick(app);
		dd_offers_tick(app); /* order: follows an ordered service */
		dd_install_tick(app);
		dd_bmc_tick(app); /* the KVM access's countdown */
		if (dd_app_busy(app) && app->now_ms - last_spin >= 100) {
			app->spin++;
			last_spin = app->now_ms;
			app->dirty = true;
		}
		if (app->dirty)
			dd_frame_draw(app);
		bool ready = false;
		dd_http_poll(app->http, STDIN_FILENO, next_timeout(app), &ready);
		app->now_ms = dd_app_now();
		/* Always read: a resize arrives as a key without stdin being readable. */
		dd_input_read(&q);
		dd_input_dispatch(app, &q);
		dd_app_quit_check(app);
	}
}

/* At quit, the fleet with the details read during the session goes to
 * the cache, so the next start (and --offline) shows them too. Only a
 * whole list read in this run: a partial or cached one is not rewritten. */
static void save_cache(const struct dd_app *app)
{
	const struct dd_coll *m = dd_store_meta(dd_account_store(app->account), DD_KIND_SERVERS);
	struct dd_error e;

	if (app->opts->offline || m->state != DD_COLL_FRESH || m->partial || m->cached)
		return;
	if (dd_cache_save_account(app->account, &e) < 0)
		fprintf(stderr, _("dedi: the cache was not written: %s\n"), e.message);
}

int dd_tui_run(const struct dd_tui_opts *opts, struct dd_error *err)
{
	struct dd_app *app = calloc(1, sizeof(*app));
	struct dd_error msg;
	dd_error_clear(err);
	if (!app) {
		dd_account_free(opts->account);
		return dd_error_oom(err), 1;
	}
	app->opts = opts;
	app->account = opts->account;
	app->http = opts->http;
	if (start_curses(app, err) < 0) {
		dd_account_free(app->account);
		free(app);
		return 1;
	}
	pick_theme(app, &msg);
	app->now_ms = dd_app_now();
	if (msg.kind != DD_OK)
		dd_status_error(&app->status, app->now_ms, _("Theme"), &msg);

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
	dd_app_switch(app, dd_app_tab(0));
	if (app->screen->reload)
		app->screen->reload(app);
	if (opts->link) /* linkwiz: `dedi link` */
		dd_linkwiz_open(app);
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
	/* Late callbacks still find the app: drain before freeing it. A
	 * cancelled load's callback may start the next read (the fleet's
	 * starts the invoices'): cancel again each turn, so every request
	 * ends through its callback, which frees what it carries. */
	for (int i = 0; i < 100 && dd_http_in_flight(app->http) > 0; i++) {
		dd_http_cancel_all(app->http);
		dd_http_poll(app->http, -1, 20, NULL);
	}
	dd_account_set_notify(app->account, NULL, NULL);
	save_cache(app);
	dd_app_free_screens(app);
	dd_account_free(app->account); /* perhaps another profile's (tui/profiles.c) */
	free(app);
	return 0;
}
