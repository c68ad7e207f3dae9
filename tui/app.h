/* The console's one global, struct dd_app, and the screen ops table.
 * A screen's key handler returns what must happen and never draws; its
 * draw reads the app and never changes it. */
#ifndef DD_TUI_APP_H
#define DD_TUI_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/account.h"
#include "core/http.h"
#include "core/model.h"
#include "tui/keys.h"
#include "tui/prompt.h"
#include "tui/server_view.h"
#include "tui/servers.h"
#include "tui/status.h"
#include "tui/table.h"
#include "tui/theme.h"
#include "tui/tui.h"

struct dd_app;

enum dd_result {
	DD_RES_UNHANDLED, /* not this screen's key: the loop tries global keys */
	DD_RES_HANDLED,   /* done, nothing to redraw */
	DD_RES_REDRAW,    /* done, the screen changed */
	DD_RES_BACK,      /* leave this screen */
	DD_RES_QUIT       /* quit the console */
};

/* What arrived, for a screen's data handler. */
enum dd_data {
	DD_DATA_SERVERS,  /* the server list was replaced (or failed) */
	DD_DATA_DETAIL,   /* one record changed (a detail arrived), or the filter */
	DD_DATA_VIEW      /* a section of the overview arrived or an edit ended */
};

struct dd_screen_ops {
	const char *name;      /* tab label or screen title */
	unsigned scopes;       /* DD_KS_* keys it takes */
	void (*enter)(struct dd_app *app);
	void (*leave)(struct dd_app *app);
	void (*draw)(const struct dd_app *app);
	enum dd_result (*key)(struct dd_app *app, enum dd_action act, bool fkey, int ch);
	void (*resize)(struct dd_app *app);
	void (*data)(struct dd_app *app, enum dd_data what);
};

extern const struct dd_screen_ops dd_screen_servers;
extern const struct dd_screen_ops dd_screen_network;
extern const struct dd_screen_ops dd_screen_billing;
extern const struct dd_screen_ops dd_screen_account;
extern const struct dd_screen_ops dd_screen_view;
extern const struct dd_screen_ops dd_screen_log;

struct dd_app {
	const struct dd_tui_opts *opts;
	struct dd_account *account;
	struct dd_http *http;
	struct dd_theme theme;
	int tab;                             /* 0..3 */
	const struct dd_screen_ops *screen;  /* the tab's screen or one pushed on it */
	struct dd_status status;
	struct dd_prompt prompt;
	bool help;                           /* the help overlay is open */
	size_t help_top;
	bool confirm_quit;                   /* the quit dialog is open */
	int confirm_focus;                   /* 0 Cancel (the default), 1 Quit */
	bool quit;
	bool dirty;                          /* something to redraw */
	bool clear;                          /* repaint every cell (Ctrl-L, resize) */
	int rows, cols;
	uint64_t now_ms;
	unsigned spin;                       /* spinner frame */
	size_t log_top;
	int mouse_y, mouse_x;                /* the last mouse event for a screen */
	unsigned long mouse_bstate;
	bool sgr_mouse;                      /* we decode SGR mouse reports */
	struct dd_servers_state servers;
	struct dd_view_state view;
};

/* Monotonic milliseconds. */
uint64_t dd_app_now(void);
/* Switches to a screen (leave the old one, enter the new one). */
void dd_app_switch(struct dd_app *app, const struct dd_screen_ops *to);
/* The tab screens in order. */
const struct dd_screen_ops *dd_app_tab(int i);
/* Requests in flight (network and lazy work). */
size_t dd_app_busy(const struct dd_app *app);
/* Runs an action as if its key was pressed. */
void dd_app_action(struct dd_app *app, enum dd_action act);
/* Starts (re)loading the server list. */
void dd_app_load_servers(struct dd_app *app);
/* Opens the overview of a server of the list. */
void dd_app_open_server(struct dd_app *app, const struct dd_server *s);
/* Rows available to a screen between the tab bar and the status line. */
int dd_app_body_top(void);
int dd_app_body_height(const struct dd_app *app);

/* servers.c: the text shown for a row's OS and tags. */
const char *dd_servers_os(const struct dd_app *app, const struct dd_server *s);
const char *dd_servers_tags(const struct dd_app *app, const struct dd_server *s);

/* help.c */
void dd_help_draw(const struct dd_app *app);
enum dd_result dd_help_key(struct dd_app *app, bool fkey, int ch);
/* dialog.c: the quit confirmation. */
void dd_dialog_draw(const struct dd_app *app);
enum dd_result dd_dialog_key(struct dd_app *app, bool fkey, int ch);
/* cmdline.c: the commands that take an argument (for help). */
struct dd_cmd_help {
	const char *usage;     /* ":open NAME|ID" */
	const char *name;      /* "open" */
	const char *help;
};
const struct dd_cmd_help *dd_cmd_extra(size_t *n);
/* cmdline.c: runs a `:` command line; completes one. */
enum dd_result dd_cmd_run(struct dd_app *app, const char *line);
void dd_cmd_complete(struct dd_app *app);
/* server_view.c: the edit prompt was confirmed. */
enum dd_result dd_view_submit(struct dd_app *app);

#endif
