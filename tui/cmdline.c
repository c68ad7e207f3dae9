/* The `:` command line: the key table's command names, plus open, sort
 * and theme, with completion of commands and server names. A command that
 * acts on a screen goes to the current screen's hooks. */
#include "tui/cmdline.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curses.h>

#include "tui/app.h"
#include "tui/profiles.h"
#include "core/i18n.h"

/* Commands with an argument: not keys, so not in the key table. */
static const struct dd_cmd_help extra_cmds[] = {
	{ ":open NAME|ID", "open", N_("Open a server's overview (Tab completes names).") },
	{ ":sort [-]COLUMN", "sort", N_("Sort by a column; '-' reverses.") },
	{ ":theme NAME", "theme", N_("Switch theme: dark, light, high-contrast, mono or yours.") },
	{ ":filter TEXT", "filter", N_("Filter the servers by TEXT.") },
	{ ":profile [NAME]", "profile", N_("Switch to a profile of the vault; alone, pick from a list.") },
	{ ":zone NAME|all", "zone", N_("Show the servers of one zone, or of every zone.") },
	{ ":columns [NAME]", "columns", N_("Hide or show a column of the servers (kept in the config).") },
	{ ":refresh 30s|off", "refresh", N_("Refresh the servers in the background every so often.") },
};

const struct dd_cmd_help *dd_cmd_extra(size_t *n)
{
	*n = sizeof(extra_cmds) / sizeof(extra_cmds[0]);
	return extra_cmds;
}
static const char *const theme_names[] = { "dark", "light", "high-contrast", "mono" };

static enum dd_result cmd_open(struct dd_app *app, const char *arg)
{
	const struct dd_server_list *l = dd_account_servers(app->account);
	char *end;
	long long id = strtoll(arg, &end, 10);
	size_t named = 0, first = 0;
	for (size_t i = 0; l && i < l->n; i++) {
		if (*end == 0 && end != arg && l->v[i].id == id) {
			dd_app_open_server(app, &l->v[i]);
			return DD_RES_REDRAW;
		}
		if (!strcmp(l->v[i].hostname, arg) && !named++)
			first = i;
	}
	if (named == 1) {
		dd_app_open_server(app, &l->v[first]);
		return DD_RES_REDRAW;
	}
	if (named > 1) {
		/* Hostnames are not unique: opening one would be a guess. The
		 * list, filtered to the name, lets the user pick. */
		const struct dd_screen_ops *list = dd_app_tab(0);
		dd_app_switch(app, list);
		if (list->filter)
			list->filter(app, arg);
		dd_status_done(&app->status, app->now_ms,
			       _("%zu servers are named %.80s: pick one, Enter opens it."), named, arg);
		return DD_RES_REDRAW;
	}
	struct dd_error e;
	dd_error_set(&e, DD_E_NOT_FOUND, 0, NULL, _("No server is named or numbered \"%.80s\"."), arg);
	dd_status_error(&app->status, app->now_ms, "open", &e);
	return DD_RES_REDRAW;
}

static enum dd_result cmd_sort(struct dd_app *app, const char *arg)
{
	struct dd_table *t = app->screen->table ? app->screen->table(app) : NULL;
	bool desc = arg[0] == '-';
	if (!t) {
		dd_status_info(&app->status, app->now_ms, _("%s has no columns to sort."), _(app->screen->name));
		return DD_RES_REDRAW;
	}
	if (desc)
		arg++;
	for (int c = 0; c < t->ncols; c++)
		if (!strcasecmp(t->cols[c].title, arg) || !strcasecmp(_(t->cols[c].title), arg)) {
			dd_table_sort(t, c, desc);
			/* Other rows are on screen now: the screen reads what
			 * they lack (the servers' OS and tags). */
			if (app->screen->data)
				app->screen->data(app, DD_DATA_DETAIL);
			return DD_RES_REDRAW;
		}
	struct dd_error e;
	dd_error_set(&e, DD_E_USAGE, 0, NULL, _("No column is named \"%.40s\" (Tab lists them)."), arg);
	dd_status_error(&app->status, app->now_ms, "sort", &e);
	return DD_RES_REDRAW;
}

static enum dd_result cmd_theme(struct dd_app *app, const char *arg)
{
	struct dd_error e;
	struct dd_theme t;
	if (dd_theme_load(arg, has_colors() ? COLORS : 0, &t, &e) < 0) {
		dd_status_error(&app->status, app->now_ms, _("Theme"), &e);
		return DD_RES_REDRAW;
	}
	if (!has_colors())
		t.mono = true;
	app->theme = t;
	dd_theme_apply(&app->theme);
	app->clear = true;
	dd_status_done(&app->status, app->now_ms, _("Theme %s."), t.name);
	return DD_RES_REDRAW;
}

enum dd_result dd_cmd_run(struct dd_app *app, const char *line)
{
	char word[64];
	const char *arg;
	while (*line == ' ')
		line++;
	size_t wl = strcspn(line, " ");
	if (wl == 0)
		return DD_RES_REDRAW;
	snprintf(word, sizeof(word), "%.*s", (int)(wl < 63 ? wl : 63), line);
	arg = line + wl;
	while (*arg == ' ')
		arg++;
	char a[512];
	snprintf(a, sizeof(a), "%s", arg);
	for (size_t n = strlen(a); n && a[n - 1] == ' ';)
		a[--n] = 0;
	/* vi's spelling: a hand that types :q should not read "Unknown". */
	if (!strcmp(word, "q"))
		snprintf(word, sizeof(word), "quit");
	if (!strcmp(word, "profile"))
		return dd_profiles_cmd(app, a);
	if (app->screen == &dd_screen_servers && dd_servers_cmd(app, word, a))
		return DD_RES_REDRAW;
	if (!strcmp(word, "open") || !strcmp(word, "sort") || !strcmp(word, "theme")) {
		if (!a[0]) {
			dd_status_info(&app->status, app->now_ms, _(":%s needs an argument (Tab completes)."), word);
			return DD_RES_REDRAW;
		}
		return word[0] == 'o' ? cmd_open(app, a) : word[0] == 's' ? cmd_sort(app, a) : cmd_theme(app, a);
	}
	enum dd_action act = dd_keys_command(word);
	if (act == DD_ACT_NONE) {
		struct dd_error e;
		dd_error_set(&e, DD_E_USAGE, 0, NULL, _("Unknown command \"%.40s\"; Tab lists the commands."), word);
		dd_status_error(&app->status, app->now_ms, "", &e);
		return DD_RES_REDRAW;
	}
	size_t nk;
	const struct dd_key *keys = dd_keys(&nk);
	for (size_t i = 0; i < nk; i++)
		if (keys[i].command && !strcmp(keys[i].command, word) &&
		    !(keys[i].scope & (app->screen->scopes | DD_KS_GLOBAL))) {
			dd_status_info(&app->status, app->now_ms, _(":%s does not apply to %s."), word,
				       _(app->screen->name));
			return DD_RES_REDRAW;
		}
	if (act == DD_ACT_FILTER && a[0]) {
		if (app->screen->filter)
			app->screen->filter(app, a);
		else
			dd_status_info(&app->status, app->now_ms, _("%s has no filter."), _(app->screen->name));
		return DD_RES_REDRAW;
	}
	dd_app_action(app, act);
	return DD_RES_REDRAW;
}

/* Whether an argument command means anything on this screen. */
bool dd_cmd_extra_applies(const struct dd_app *app, const char *name)
{
	if (!strcmp(name, "sort"))
		return app->screen->table != NULL;
	if (!strcmp(name, "filter"))
		return app->screen->filter != NULL;
	return true;
}

/* Whether a key-table command means anything on this screen: its scope,
 * and for refresh the screen's hook. */
bool dd_cmd_key_applies(const struct dd_app *app, const struct dd_key *k)
{
	if (!(k->scope & (app->screen->scopes | DD_KS_GLOBAL)))
		return false;
	if (k->action == DD_ACT_REFRESH)
		return app->screen->reload != NULL;
	if (k->action == DD_ACT_FILTER)
		return app->screen->filter != NULL;
	return true;
}

void dd_cmd_complete(struct dd_app *app)
{
	struct dd_prompt *p = &app->prompt;
	const char *sp = strchr(p->buf, ' ');
	const char **c = NULL;
	char *dashed = NULL;
	size_t n = 0;
	if (!sp) {
		size_t nk;
		const struct dd_key *keys = dd_keys(&nk);
		c = malloc((nk + sizeof(extra_cmds) / sizeof(extra_cmds[0])) * sizeof(*c));
		if (!c)
			return;
		for (size_t i = 0; i < nk; i++) {
			bool dup = false;
			if (!keys[i].command || !dd_cmd_key_applies(app, &keys[i]))
				continue;
			for (size_t j = 0; j < n; j++)
				dup = dup || !strcmp(c[j], keys[i].command);
			if (!dup)
				c[n++] = keys[i].command;
		}
		for (size_t i = 0; i < sizeof(extra_cmds) / sizeof(extra_cmds[0]); i++) {
			bool dup = !dd_cmd_extra_applies(app, extra_cmds[i].name);
			for (size_t j = 0; j < n; j++)
				dup = dup || !strcmp(c[j], extra_cmds[i].name);
			if (!dup)
				c[n++] = extra_cmds[i].name;
		}
	} else if (!strncmp(p->buf, "open ", 5)) {
		/* hostnames and ids: a hostname may be shared, an id never is */
		const struct dd_server_list *l = dd_account_servers(app->account);
		size_t ns = l ? l->n : 0;
		c = malloc((2 * ns + 1) * sizeof(*c));
		dashed = calloc(ns + 1, 24);
		if (!c || !dashed) {
			free(c);
			free(dashed);
			return;
		}
		for (size_t i = 0; i < ns; i++) {
			c[n++] = l->v[i].hostname;
			snprintf(dashed + i * 24, 24, "%" PRId64, (int64_t)l->v[i].id);
			c[n++] = dashed + i * 24;
		}
	} else if (!strncmp(p->buf, "profile ", 8)) {
		c = dd_profiles_names(app, &n);
	} else if (!strncmp(p->buf, "theme ", 6)) {
		size_t nt = sizeof(theme_names) / sizeof(theme_names[0]);
		c = malloc(nt * sizeof(*c));
		if (!c)
			return;
		for (size_t i = 0; i < nt; i++)
			c[n++] = theme_names[i];
	} else if ((c = dd_servers_complete(app, p->buf, &n)) != NULL) {
		/* the Servers tab's own */
	} else if (!strncmp(p->buf, "sort ", 5)) {
		const struct dd_table *t = app->screen->table ? app->screen->table(app) : NULL;
		size_t nc = (size_t)(t ? t->ncols : 0);
		/* "-" reverses: offer the titles with it so "-i" completes. */
		bool desc = p->buf[5 + strspn(p->buf + 5, " ")] == '-';
		c = malloc((nc + 1) * sizeof(*c));
		dashed = calloc(nc + 1, 64);
		if (!c || !dashed) {
			free(c);
			free(dashed);
			return;
		}
		for (size_t i = 0; i < nc; i++) {
			snprintf(dashed + i * 64, 64, "%s%s", desc ? "-" : "", t->cols[i].title);
			c[n++] = dashed + i * 64;
		}
	}
	if (c)
		dd_prompt_complete(p, c, n);
	free(c);
	free(dashed);
}
