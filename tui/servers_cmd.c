/* The Servers tab's commands: :zone narrows the view to one zone, :columns
 * hides or shows a column (remembered in the config), :refresh reloads the
 * list in the background every so often. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/config.h"
#include "core/i18n.h"
#include "core/scw_dedibox.h"
#include "tui/app.h"

#define REFRESH_MIN_S 5

static bool zone_known(const struct dd_app *app, const char *z)
{
	const struct dd_server_list *l = app->servers.list;
	for (int i = 0; dd_scw_zones[i]; i++)
		if (!strcmp(dd_scw_zones[i], z))
			return true;
	for (size_t i = 0; l && i < l->n; i++)
		if (!strcmp(l->v[i].zone, z))
			return true;
	return false;
}

static void cmd_zone(struct dd_app *app, const char *arg)
{
	struct dd_servers_state *st = &app->servers;
	if (!arg[0]) {
		dd_status_info(&app->status, app->now_ms, _("Showing %s; :zone NAME or :zone all."),
			       st->zone[0] ? st->zone : _("every zone"));
		return;
	}
	if (strcmp(arg, "all") && !zone_known(app, arg)) {
		struct dd_error e;
		dd_error_set(&e, DD_E_USAGE, 0, NULL, _("No zone is named \"%.40s\" (Tab lists them)."), arg);
		dd_status_error(&app->status, app->now_ms, "zone", &e);
		return;
	}
	snprintf(st->zone, sizeof(st->zone), "%s", strcmp(arg, "all") ? arg : "");
	st->filter_scan = 0;
	if (st->table.cols) {
		dd_table_refilter(&st->table);
		/* Other rows are on screen: they get their OS and tags read. */
		dd_screen_servers.data(app, DD_DATA_DETAIL);
	}
	dd_status_info(&app->status, app->now_ms, _("Showing %s."), st->zone[0] ? st->zone : _("every zone"));
}

/* The shown columns as the config keeps them: "hostname,id,...". */
static void shown_list(const struct dd_table *t, char *buf, size_t len)
{
	size_t k = 0;
	buf[0] = 0;
	for (int c = 0; c < t->ncols && k < len; c++)
		if (!t->hidden[c])
			k += (size_t)snprintf(buf + k, len - k, "%s%s", k ? "," : "", t->cols[c].title);
}

void dd_servers_apply_columns(struct dd_app *app)
{
	struct dd_table *t = &app->servers.table;
	struct dd_error err;
	struct dd_config *cfg = dd_config_load(NULL, &err);
	const char *want = cfg ? dd_config_columns(cfg) : NULL;
	if (want) {
		/* Names the table does not have are left out: a column may be
		 * renamed by a later version, the others still apply. */
		for (int c = 1; c < t->ncols; c++) {
			const char *p = want;
			size_t n = strlen(t->cols[c].title);
			bool listed = false;
			while (*p && !listed) {
				size_t w = strcspn(p, ", ");
				listed = w == n && !strncasecmp(p, t->cols[c].title, n);
				p += w;
				p += strspn(p, ", ");
			}
			t->hidden[c] = !listed;
		}
	}
	dd_config_free(cfg);
}

static void cmd_columns(struct dd_app *app, const char *arg)
{
	struct dd_table *t = &app->servers.table;
	char list[256];
	struct dd_error e;
	int col = -1;
	if (!t->cols)
		return;
	for (int c = 0; c < t->ncols && arg[0]; c++)
		if (!strcasecmp(t->cols[c].title, arg) || !strcasecmp(_(t->cols[c].title), arg))
			col = c;
	if (!arg[0]) {
		shown_list(t, list, sizeof(list));
		dd_status_info(&app->status, app->now_ms, _("Columns: %s. :columns NAME hides or shows one."), list);
		return;
	}
	if (col < 0) {
		dd_error_set(&e, DD_E_USAGE, 0, NULL, _("No column is named \"%.40s\" (Tab lists them)."), arg);
		dd_status_error(&app->status, app->now_ms, "columns", &e);
		return;
	}
	if (col == 0) {
		dd_status_info(&app->status, app->now_ms, _("The %s column always shows."), t->cols[0].title);
		return;
	}
	dd_table_show_col(t, col, t->hidden[col]);
	shown_list(t, list, sizeof(list));
	if (dd_config_set(NULL, "columns", list, &e) < 0)
		dd_status_error(&app->status, app->now_ms, _("Saving the columns"), &e);
	else
		dd_status_info(&app->status, app->now_ms, t->hidden[col] ? _("Hid the %s column (saved in the config).")
			       : _("Showing the %s column (saved in the config)."), _(t->cols[col].title));
}

static void cmd_refresh(struct dd_app *app, const char *arg)
{
	struct dd_servers_state *st = &app->servers;
	char *end;
	unsigned long v;
	if (!arg[0] || !strcmp(arg, "off")) {
		st->refresh_s = 0;
		dd_status_info(&app->status, app->now_ms, _("Auto-refresh off."));
		return;
	}
	v = strtoul(arg, &end, 10);
	if (end != arg && *end == 'm' && !end[1])
		v *= 60;
	else if (end == arg || !(!*end || (*end == 's' && !end[1])))
		v = 0;
	if (v < REFRESH_MIN_S || v > 86400) {
		struct dd_error e;
		dd_error_set(&e, DD_E_USAGE, 0, NULL,
			     _("\"%.20s\" is not a period: 30s, 2m (%d s to 24 h) or off."), arg, REFRESH_MIN_S);
		dd_status_error(&app->status, app->now_ms, "refresh", &e);
		return;
	}
	st->refresh_s = (unsigned)v;
	st->refresh_at = app->now_ms + v * 1000;
	dd_status_info(&app->status, app->now_ms, _("Refreshing every %lus."), v);
}

bool dd_servers_cmd(struct dd_app *app, const char *word, const char *arg)
{
	if (!strcmp(word, "zone"))
		cmd_zone(app, arg);
	else if (!strcmp(word, "columns"))
		cmd_columns(app, arg);
	else if (!strcmp(word, "refresh") && arg[0])
		cmd_refresh(app, arg);
	else
		return false;
	return true;
}

const char **dd_servers_complete(struct dd_app *app, const char *buf, size_t *n)
{
	static const char *const periods[] = { "off", "30s", "1m", "5m" };
	const struct dd_table *t = &app->servers.table;
	const char **c = malloc((DD_SCW_NZONES + DD_TABLE_MAXCOLS + 8) * sizeof(*c));
	*n = 0;
	if (!c)
		return NULL;
	if (!strncmp(buf, "zone ", 5)) {
		c[(*n)++] = "all";
		for (int i = 0; dd_scw_zones[i]; i++)
			c[(*n)++] = dd_scw_zones[i];
	} else if (!strncmp(buf, "columns ", 8)) {
		for (int i = 0; i < t->ncols; i++)
			c[(*n)++] = t->cols[i].title;
	} else if (!strncmp(buf, "refresh ", 8)) {
		for (size_t i = 0; i < sizeof(periods) / sizeof(periods[0]); i++)
			c[(*n)++] = periods[i];
	} else {
		free(c);
		return NULL;
	}
	return c;
}

void dd_servers_tick(struct dd_app *app)
{
	struct dd_servers_state *st = &app->servers;
	if (!st->refresh_s || app->now_ms < st->refresh_at)
		return;
	st->refresh_at = app->now_ms + (uint64_t)st->refresh_s * 1000;
	/* A load still running (started by r or the last tick) is enough. */
	if (!dd_account_loading(app->account))
		dd_app_load_servers(app);
}
