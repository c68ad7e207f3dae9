/* The application's state: the tab table, switching screens, what every
 * screen shares (global keys, quitting, dialogs). The loop and the screens
 * meet here; nothing here knows what a screen holds. */
#include <stdio.h>
#include <time.h>

#include "tui/app.h"
#include "tui/actions.h"
#include "tui/bmc.h"
#include "tui/install.h"
#include "tui/raid.h"
#include "tui/link_wizard.h"
#include "tui/profiles.h"
#include "tui/rpn.h"
#include "tui/prompt.h"
#include "core/i18n.h"

/* The tabs, in the order of their keys 1, 2, 3...; a new tab is one line. */
static const struct dd_screen_ops *const tabs[] = {
	&dd_screen_servers, &dd_screen_network, &dd_screen_billing, &dd_screen_account,
};
#define NTABS ((int)(sizeof(tabs) / sizeof(tabs[0])))

/* Screens pushed over a tab; they are freed with the tabs. */
static const struct dd_screen_ops *const pushed[] = {
	&dd_screen_view, &dd_screen_log, &dd_screen_profiles, &dd_screen_invoice,
	&dd_screen_offers, &dd_screen_audit, &dd_screen_rpn,
	&dd_screen_install, &dd_screen_raid, &dd_screen_rescue_pick,
	&dd_screen_link,
	&dd_screen_bmc,
};

uint64_t dd_app_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int dd_app_tab_count(void)
{
	return NTABS;
}

const struct dd_screen_ops *dd_app_tab(int i)
{
	return tabs[(i % NTABS + NTABS) % NTABS];
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
	const struct dd_screen_ops *from = app->screen;
	if (from == to)
		return;
	if (to == &dd_screen_log) {
		/* The log covers its screen without closing it: Esc comes back
		 * to the same overview, cursor and all. */
		if (from != &dd_screen_log)
			app->log_from = from;
	} else {
		if (from == &dd_screen_log) {
			from = app->log_from;
			app->log_from = NULL;
		}
		if (from && from != to && from->leave)
			from->leave(app);
	}
	app->screen = to;
	for (int i = 0; i < NTABS; i++)
		if (tabs[i] == to)
			app->tab = i;
	if (to->enter)
		to->enter(app);
	app->dirty = true;
}

void dd_app_free_screens(struct dd_app *app)
{
	if (app->screen && app->screen->leave)
		app->screen->leave(app);
	if (app->screen == &dd_screen_log && app->log_from && app->log_from->leave)
		app->log_from->leave(app);
	app->screen = NULL;
	for (int i = 0; i < NTABS; i++)
		if (tabs[i]->free)
			tabs[i]->free(app);
	for (size_t i = 0; i < sizeof(pushed) / sizeof(pushed[0]); i++)
		if (pushed[i]->free)
			pushed[i]->free(app);
}

void dd_app_dialog(struct dd_app *app, const struct dd_dialog_spec *spec)
{
	dd_dialog_open(&app->dialog, spec);
	app->dirty = true;
}

static void quit_done(struct dd_app *app, enum dd_dialog_outcome out, void *ud)
{
	(void)ud;
	if (out == DD_DIALOG_CONFIRMED)
		app->quit = true;
}

void dd_app_quit(struct dd_app *app)
{
	size_t busy = dd_app_busy(app);
	app->dirty = true;
	if (!busy) {
		app->quit = true;
		return;
	}
	char text[96];
	snprintf(text, sizeof(text), _("%zu request(s) still in flight."), busy);
	struct dd_dialog_spec spec = {
		.title = _("Quit dedi?"),
		.text = text,
		.confirm_label = _("Quit"),
		.ctrl_c_confirms = true,
		.done = quit_done,
	};
	dd_app_dialog(app, &spec);
}

void dd_app_quit_check(struct dd_app *app)
{
	if (app->dialog.open && app->dialog.done == quit_done && !dd_app_busy(app)) {
		app->dialog.open = false;
		app->quit = true;
	}
}

static void back_or_quit(struct dd_app *app)
{
	if (app->screen == &dd_screen_log && app->log_from)
		dd_app_switch(app, app->log_from);
	else if (app->screen == tabs[app->tab])
		dd_app_quit(app);
	else
		dd_app_switch(app, tabs[app->tab]);
}

static void open_filter(struct dd_app *app)
{
	if (!app->screen->filter) {
		dd_status_info(&app->status, app->now_ms, _("%s has no filter."), _(app->screen->name));
		return;
	}
	dd_prompt_open(&app->prompt, DD_P_FILTER, "/", app->screen->filter(app, NULL));
}

void dd_app_global(struct dd_app *app, enum dd_action act)
{
	switch (act) {
	case DD_ACT_HELP:
		app->help = true;
		app->help_top = 0;
		break;
	case DD_ACT_CMDLINE:
		dd_prompt_open(&app->prompt, DD_P_CMD, ":", "");
		break;
	case DD_ACT_FILTER:
		open_filter(app);
		break;
	case DD_ACT_TAB1:
	case DD_ACT_TAB2:
	case DD_ACT_TAB3:
	case DD_ACT_TAB4:
		if ((int)(act - DD_ACT_TAB1) < NTABS)
			dd_app_switch(app, tabs[act - DD_ACT_TAB1]);
		break;
	case DD_ACT_TABNEXT:
		dd_app_switch(app, dd_app_tab(app->tab + 1));
		break;
	case DD_ACT_TABPREV:
		dd_app_switch(app, dd_app_tab(app->tab - 1));
		break;
	case DD_ACT_ESC:
		if (app->screen == &dd_screen_log && app->log_from)
			dd_app_switch(app, app->log_from);
		else if (app->screen != tabs[app->tab])
			dd_app_switch(app, tabs[app->tab]);
		break;
	case DD_ACT_BACK:
		back_or_quit(app);
		break;
	case DD_ACT_QUIT:
		dd_app_quit(app);
		break;
	case DD_ACT_REDRAW:
		app->clear = true;
		break;
	case DD_ACT_LOG:
		dd_app_switch(app, &dd_screen_log);
		break;
	case DD_ACT_OFFERS: /* order */
		dd_app_switch(app, &dd_screen_offers);
		break;
	case DD_ACT_AUDIT:
		dd_app_switch(app, &dd_screen_audit);
		break;
	case DD_ACT_RPN:
		dd_app_switch(app, &dd_screen_rpn);
		break;
	case DD_ACT_REFRESH:
		if (app->screen->reload)
			app->screen->reload(app);
		else
			dd_status_info(&app->status, app->now_ms, _("Nothing to refresh on this screen."));
		break;
	default:
		return;
	}
	app->dirty = true;
}

void dd_app_apply(struct dd_app *app, enum dd_result r)
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
		dd_app_quit(app);
		break;
	}
}

void dd_app_action(struct dd_app *app, enum dd_action act)
{
	enum dd_result r = app->screen->key(app, act, false, 0);
	if (r == DD_RES_UNHANDLED)
		dd_app_global(app, act);
	else
		dd_app_apply(app, r);
}
