/* Profiles in the console: the picker screen, `:profile`, and the one
 * place where the app's account is replaced. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/i18n.h"
#include "core/profile.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/profiles.h"

/* Callbacks of cancelled requests may start new ones (the lazy details
 * ask for the next rows): with quit set they do not, so this ends. */
static void drain(struct dd_app *app)
{
	bool quit = app->quit;

	app->quit = true;
	for (int i = 0; i < 1000 && dd_http_in_flight(app->http) > 0; i++) {
		dd_http_cancel_all(app->http);
		dd_http_poll(app->http, -1, i ? 10 : 0, NULL);
	}
	app->quit = quit;
}

/* What the views kept of the old account: nothing of it may show under
 * the new profile's name. */
static void forget(struct dd_app *app)
{
	struct dd_servers_state *st = &app->servers;

	dd_screen_view.leave(app);
	dd_billing_forget(app);
	dd_account_set_notify(app->account, NULL, NULL);
	st->details_in_flight = 0;
	st->list = NULL;
	st->start_err[0] = 0;
	st->cursor_id = 0;
	if (st->table.cols) {
		dd_table_set_filter(&st->table, "");
		dd_table_set_rows(&st->table, 0);
	}
}

int dd_app_set_account(struct dd_app *app, struct dd_account *a, struct dd_error *err)
{
	struct dd_account *old = app->account;

	if (app->view.edits > 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("an edit is in flight: switch profile once it has ended"));
	dd_app_switch(app, &dd_screen_servers);
	drain(app);
	forget(app);
	app->account = a;
	dd_account_free(old);
	if (app->opts->switched)
		app->opts->switched(app->opts->ud, a);
	dd_screen_servers.data(app, DD_DATA_SERVERS);
	dd_app_load_servers(app);
	app->dirty = true;
	return 0;
}

static enum dd_result fail(struct dd_app *app, const struct dd_error *e)
{
	dd_status_error(&app->status, app->now_ms, _("Profile"), e);
	return DD_RES_REDRAW;
}

static enum dd_result no_other(struct dd_app *app)
{
	struct dd_error e;
	const struct dd_profiles *p = app->opts->profiles;

	if (app->opts->demo)
		dd_error_set(&e, DD_E_USAGE, 0, NULL,
			     _("No other profile in the demo (start dedi without --demo for yours)."));
	else if (!p || dd_profiles_source(p) == DD_PROFILE_ENV)
		dd_error_set(&e, DD_E_USAGE, 0, NULL,
			     _("No other profile: the credentials come from the environment, the "
			     "vault is closed (start dedi with --profile NAME)."));
	else
		dd_error_set(&e, DD_E_USAGE, 0, NULL,
			     _("No other profile in the vault (dedi auth login adds one)."));
	return fail(app, &e);
}

static bool has_profiles(const struct dd_app *app)
{
	const struct dd_profiles *p = app->opts->profiles;

	return !app->opts->demo && p && dd_profiles_count(p) > 0;
}

static enum dd_result switch_to(struct dd_app *app, const char *name)
{
	const struct dd_creds *cur = dd_account_creds(app->account);
	struct dd_error e;
	struct dd_creds *c;
	struct dd_account *a;

	if (!has_profiles(app))
		return no_other(app);
	if (strcmp(cur->profile, name) == 0) {
		dd_app_switch(app, &dd_screen_servers);
		dd_status_info(&app->status, app->now_ms, _("Already on profile %s."), name);
		return DD_RES_REDRAW;
	}
	c = dd_profiles_creds(app->opts->profiles, name, &e);
	if (!c)
		return fail(app, &e);
	a = dd_account_new(c);
	if (!a) {
		dd_creds_free(c);
		return fail(app, (dd_error_oom(&e), &e));
	}
	if (dd_app_set_account(app, a, &e) != 0) {
		dd_account_free(a);
		return fail(app, &e);
	}
	dd_status_done(&app->status, app->now_ms, _("Profile %s."), name);
	return DD_RES_REDRAW;
}

enum dd_result dd_profiles_cmd(struct dd_app *app, const char *arg)
{
	if (arg && *arg)
		return switch_to(app, arg);
	if (!has_profiles(app))
		return no_other(app);
	dd_app_switch(app, &dd_screen_profiles);
	return DD_RES_REDRAW;
}

const char **dd_profiles_names(const struct dd_app *app, size_t *n)
{
	const struct dd_profiles *p = app->opts->profiles;
	const char **v;

	*n = 0;
	if (!has_profiles(app))
		return NULL;
	v = malloc(dd_profiles_count(p) * sizeof(*v));
	if (!v)
		return NULL;
	for (size_t i = 0; i < dd_profiles_count(p); i++)
		v[(*n)++] = dd_profiles_name(p, i);
	return v;
}

/* ---- the picker ---- */

static void enter(struct dd_app *app)
{
	const struct dd_profiles *p = app->opts->profiles;
	const char *cur = dd_account_creds(app->account)->profile;

	app->profile_cursor = 0;
	for (size_t i = 0; p && i < dd_profiles_count(p); i++)
		if (strcmp(dd_profiles_name(p, i), cur) == 0)
			app->profile_cursor = i;
}

static void draw(const struct dd_app *app)
{
	const struct dd_profiles *p = app->opts->profiles;
	const char *cur = dd_account_creds(app->account)->profile;
	size_t n = p ? dd_profiles_count(p) : 0, top = 0;
	int y = dd_app_body_top(), h = dd_app_body_height(app) - 1;
	char line[128];

	snprintf(line, sizeof(line), _(" Profiles  %zu in the vault; Enter switches, Esc goes back"), n);
	dd_draw_field(y, 0, app->cols, line, dd_theme_attr(&app->theme, DD_R_HEADER));
	if (h > 0 && app->profile_cursor >= (size_t)h)
		top = app->profile_cursor - (size_t)h + 1;
	for (int r = 0; r < h && top + (size_t)r < n; r++) {
		size_t i = top + (size_t)r;
		const char *name = dd_profiles_name(p, i);
		enum dd_role role = i == app->profile_cursor ? DD_R_CURSOR : DD_R_ROW;

		snprintf(line, sizeof(line), " %s %s", strcmp(name, cur) ? " " : "*", name);
		dd_draw_field(y + 1 + r, 0, app->cols, line, dd_theme_attr(&app->theme, role));
	}
}

static bool is_enter(bool fkey, int ch)
{
	return fkey ? ch == KEY_ENTER : (ch == '\r' || ch == '\n');
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	const struct dd_profiles *p = app->opts->profiles;
	size_t n = p ? dd_profiles_count(p) : 0;

	if (is_enter(fkey, ch) && app->profile_cursor < n)
		return switch_to(app, dd_profiles_name(p, app->profile_cursor));
	switch (act) {
	case DD_ACT_DOWN:
		if (app->profile_cursor + 1 < n)
			app->profile_cursor++;
		return DD_RES_REDRAW;
	case DD_ACT_UP:
		if (app->profile_cursor)
			app->profile_cursor--;
		return DD_RES_REDRAW;
	case DD_ACT_TOP:
		app->profile_cursor = 0;
		return DD_RES_REDRAW;
	case DD_ACT_BOTTOM:
		app->profile_cursor = n ? n - 1 : 0;
		return DD_RES_REDRAW;
	case DD_ACT_ESC:
	case DD_ACT_BACK:
		return DD_RES_BACK;
	default:
		return DD_RES_UNHANDLED;
	}
}

const struct dd_screen_ops dd_screen_profiles = {
	.name = N_("Profiles"),
	.scopes = DD_KS_MOVE,
	.enter = enter,
	.draw = draw,
	.key = key,
};
