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
#include "tui/billing.h"
#include "tui/dialog.h"
#include "tui/keys.h"
#include "tui/network.h"
#include "tui/offers.h"
#include "tui/prompt.h"
#include "tui/server_view.h"
#include "tui/servers.h"
#include "tui/status.h"
#include "tui/table.h"
#include "tui/theme.h"
#include "tui/tui.h"

struct dd_app;
struct dd_linkwiz;

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
	/* The hooks below are optional: NULL means the screen has none, and the
	 * loop says so on the status line instead of reaching into the screen. */
	/* `/` as you type and `:filter`: text replaces the filter ("" clears
	 * it); NULL only asks. Returns the filter in force, owned by the screen. */
	const char *(*filter)(struct dd_app *app, const char *text);
	/* Enter on the edit prompt the screen opened; the screen closes the
	 * prompt, or keeps it open with its reason in prompt.err. */
	enum dd_result (*submit)(struct dd_app *app);
	/* `r`: read this screen's data again. Not "refresh": curses defines
	 * refresh() as a macro, which would eat every call of the hook. */
	void (*reload)(struct dd_app *app);
	/* The console is closing: release what the screen holds (once, even if
	 * the screen was never entered). */
	void (*free)(struct dd_app *app);
	/* The screen's table, for `:sort` and its completion. */
	struct dd_table *(*table)(struct dd_app *app);
};

extern const struct dd_screen_ops dd_screen_servers;
extern const struct dd_screen_ops dd_screen_network;
extern const struct dd_screen_ops dd_screen_billing;
extern const struct dd_screen_ops dd_screen_account;
extern const struct dd_screen_ops dd_screen_view;
extern const struct dd_screen_ops dd_screen_log;
extern const struct dd_screen_ops dd_screen_offers;  /* order: tui/offers.c */
extern const struct dd_screen_ops dd_screen_audit;   /* order: tui/audit_view.c */

struct dd_install_wiz;
struct dd_raid_view;
struct dd_action_pending;
struct dd_bmc_view;

struct dd_app {
	const struct dd_tui_opts *opts;
	struct dd_account *account;
	struct dd_http *http;
	struct dd_theme theme;
	int tab;                             /* index in the tab table */
	const struct dd_screen_ops *screen;  /* the tab's screen or one pushed on it */
	struct dd_status status;
	struct dd_prompt prompt;
	bool help;                           /* the help overlay is open */
	size_t help_top;
	struct dd_dialog dialog;             /* covers everything while open */
	bool quit;
	bool dirty;                          /* something to redraw */
	bool clear;                          /* repaint every cell (Ctrl-L, resize) */
	int rows, cols;
	uint64_t now_ms;
	unsigned spin;                       /* spinner frame */
	size_t log_top;
	const struct dd_screen_ops *log_from; /* the screen `:log` covers, kept alive */
	int mouse_y, mouse_x;                /* the last mouse event for a screen */
	unsigned long mouse_bstate;
	bool sgr_mouse;                      /* we decode SGR mouse reports */
	struct dd_servers_state servers;
	struct dd_view_state view;
	struct dd_billing_state billing;     /* the Billing tab and invoice detail */
	struct dd_network_state network;     /* tui/network.h */
	size_t profile_cursor;               /* the profile picker's row */
	struct dd_offers_state offers;       /* order: the offers screen */
	struct dd_audit_state audit;         /* order: the audit screen */
	struct dd_install_wiz *install;      /* the install wizard's state, tui/install.c */
	struct dd_raid_view *raid;           /* the RAID screen's state, tui/raid.c */
	struct dd_action_pending *rescue_pick; /* the rescue picker's action, tui/actions.c */
	struct dd_linkwiz *link;             /* linkwiz: the wizard (tui/link_wizard.h), NULL until opened */
	struct dd_bmc_view *bmc;             /* the KVM access screen's state, tui/bmc.c */
};

/* app.c: the application's state, shared by the loop and the screens. */
/* Monotonic milliseconds. */
uint64_t dd_app_now(void);
/* Switches to a screen (leave the old one, enter the new one). */
void dd_app_switch(struct dd_app *app, const struct dd_screen_ops *to);
/* The tab screens in order: i wraps around; the count. */
const struct dd_screen_ops *dd_app_tab(int i);
int dd_app_tab_count(void);
/* Requests in flight (network and lazy work). */
size_t dd_app_busy(const struct dd_app *app);
/* Runs an action as if its key was pressed. */
void dd_app_action(struct dd_app *app, enum dd_action act);
/* What the screen, prompt or dialog asked for happens. */
void dd_app_apply(struct dd_app *app, enum dd_result r);
/* The action the screen left to the app (tabs, help, filter, refresh...). */
void dd_app_global(struct dd_app *app, enum dd_action act);
/* Quits, first asking with a dialog while requests are in flight. */
void dd_app_quit(struct dd_app *app);
/* The quit dialog waited for requests that have all ended: quit. */
void dd_app_quit_check(struct dd_app *app);
/* Opens a dialog over everything; its done callback tells the outcome. */
void dd_app_dialog(struct dd_app *app, const struct dd_dialog_spec *spec);
/* Calls every screen's free hook (the console is closing). */
void dd_app_free_screens(struct dd_app *app);
/* Rows available to a screen between the tab bar and the status line. */
int dd_app_body_top(void);
int dd_app_body_height(const struct dd_app *app);
/* servers.c: starts (re)loading the server list. */
void dd_app_load_servers(struct dd_app *app);
/* server_view.c: opens the overview of a server of the list. */
void dd_app_open_server(struct dd_app *app, const struct dd_server *s);

/* servers.c: the text shown for a row's OS and tags. */
const char *dd_servers_os(const struct dd_app *app, const struct dd_server *s);
const char *dd_servers_tags(const struct dd_app *app, const struct dd_server *s);

/* server_view.c: the edit prompt was confirmed. */
enum dd_result dd_view_submit(struct dd_app *app);

#endif
