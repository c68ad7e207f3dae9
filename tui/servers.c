/* The Servers tab: every server of every zone in one virtualized table
 * over the store's list; OS and tags, which the Scaleway list does not
 * give, are read into the store lazily for the rows on screen, a few at a
 * time. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "core/cache.h"
#include "tui/actions.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "core/i18n.h"

#define DETAILS_AT_ONCE 4

enum { C_HOST, C_ID, C_ZONE, C_OFFER, C_STATUS, C_IPV4, C_OS, C_TAGS, C__N };

static const struct dd_table_col cols[C__N] = {
	[C_HOST] = { N_("hostname"), 10, 32, false, 2, DD_COL_TEXT },
	[C_ID] = { N_("id"), 4, 12, true, 0, DD_COL_TEXT },
	[C_ZONE] = { N_("zone"), 4, 8, false, 0, DD_COL_TEXT },
	[C_OFFER] = { N_("offer"), 9, 22, false, 2, DD_COL_TEXT },
	[C_STATUS] = { N_("status"), 6, 12, false, 3, DD_COL_TEXT },
	[C_IPV4] = { N_("ipv4"), 7, 15, false, 0, DD_COL_IPV4 },
	[C_OS] = { N_("os"), 8, 20, false, 1, DD_COL_TEXT },
	[C_TAGS] = { N_("tags"), 8, 60, false, 1, DD_COL_TEXT },
};

/* The list of Scaleway lacks OS and tags: until a row's detail is read,
 * it says so instead of showing an empty value as if it were true. */
static const char *extra_text(const struct dd_server *s, bool os)
{
	if (s->detailed)
		return os ? s->os : s->tags;
	if (s->detail_state == DD_DETAIL_FAILED)
		return "?";
	return dd_draw_utf8() ? "…" : "...";
}

const char *dd_servers_os(const struct dd_app *app, const struct dd_server *s)
{
	(void)app;
	return extra_text(s, true);
}

const char *dd_servers_tags(const struct dd_app *app, const struct dd_server *s)
{
	(void)app;
	return extra_text(s, false);
}

static const char *cell(const void *ctx, size_t row, int col, char *buf, size_t len)
{
	const struct dd_app *app = ctx;
	/* The store may have been replaced a moment before the table hears. */
	if (!app->servers.list || row >= app->servers.list->n)
		return "";
	const struct dd_server *s = &app->servers.list->v[row];
	switch (col) {
	case C_HOST:
		return s->hostname;
	case C_ID:
		snprintf(buf, len, "%" PRId64, s->id);
		return buf;
	case C_ZONE:
		return s->zone;
	case C_OFFER:
		return s->offer;
	case C_STATUS:
		/* A kept row says so in text, not by its colour alone. */
		if (s->kept_at) {
			snprintf(buf, len, "~%s", s->status);
			return buf;
		}
		return s->status;
	case C_IPV4:
		return s->ipv4;
	case C_OS:
		return dd_servers_os(app, s);
	case C_TAGS:
		return dd_servers_tags(app, s);
	}
	return "";
}

/* The zone filter: a view over the whole list, so switching it reads
 * nothing again. */
static bool keep(const void *ctx, size_t row)
{
	const struct dd_app *app = ctx;
	if (!app->servers.zone[0])
		return true;
	if (!app->servers.list || row >= app->servers.list->n)
		return false;
	return !strcmp(app->servers.list->v[row].zone, app->servers.zone);
}

/* The status column says what a state means by its colour too (the word
 * stays: colour is never the only signal). */
static int role(const void *ctx, size_t row, int col)
{
	static const struct { const char *word; int role; } meaning[] = {
		{ "ready", DD_R_STATE_READY },      { "installed", DD_R_STATE_READY },
		{ "stopped", DD_R_STATE_STOPPED },  { "error", DD_R_STATE_ERROR },
		{ "out_of_stock", DD_R_STATE_ERROR }, { "locked", DD_R_STATE_LOCKED },
		{ "installing", DD_R_STATE_INSTALLING }, { "delivering", DD_R_STATE_INSTALLING },
		{ "busy", DD_R_STATE_INSTALLING },  { "rescue", DD_R_STATE_LOCKED },
	};
	const struct dd_app *app = ctx;
	if (!app->servers.list || row >= app->servers.list->n)
		return -1;
	if (app->servers.list->v[row].kept_at)
		return DD_R_STALE;
	if (col != C_STATUS)
		return -1;
	for (size_t i = 0; i < sizeof(meaning) / sizeof(meaning[0]); i++)
		if (!strcmp(app->servers.list->v[row].status, meaning[i].word))
			return meaning[i].role;
	return -1;
}

static void table_init(struct dd_app *app)
{
	dd_table_init(&app->servers.table, cols, C__N, cell, app);
	app->servers.table.keep = keep;
	app->servers.table.role = role;
	dd_servers_apply_columns(app);
}

/* ---- lazy details ---- */

static void want_details(struct dd_app *app);

static void detail_done(void *ud, const struct dd_error *err)
{
	struct dd_app *app = ud;
	(void)err; /* the record says failed; the row shows "?" */
	app->servers.details_in_flight--;
	if (!app->quit)
		want_details(app);
	app->dirty = true;
}

/* Starts detail reads (into the store) for rows on screen that lack OS
 * and tags, a few at a time. */
static void want_details(struct dd_app *app)
{
	struct dd_servers_state *st = &app->servers;
	struct dd_table *t = &st->table;
	if (!st->list || app->quit || app->opts->offline)
		return;
	for (size_t i = t->top; i < t->nview && i < t->top + (size_t)t->height; i++) {
		if (st->details_in_flight >= DETAILS_AT_ONCE)
			return;
		if (t->view[i] >= st->list->n)
			return;
		const struct dd_server *s = &st->list->v[t->view[i]];
		struct dd_error err;
		if (s->detailed || s->detail_state != DD_DETAIL_NONE)
			continue;
		if (dd_account_reload_server(app->account, app->http, s->id, detail_done, app, &err) < 0)
			continue;
		st->details_in_flight++;
	}
	/* A filter judges OS and tags too, and a row whose detail is not
	 * read cannot match on them (after r, every row): read the rows the
	 * filter left out, in order, until the screen is full or none is
	 * left, each judged again as it arrives (on_store). */
	if (!t->filter[0] || t->nview >= (size_t)t->height)
		return;
	for (; st->filter_scan < t->nrows && st->filter_scan < st->list->n; st->filter_scan++) {
		if (st->details_in_flight >= DETAILS_AT_ONCE)
			return;
		size_t row = t->order[st->filter_scan];
		const struct dd_server *s = &st->list->v[row];
		struct dd_error err;
		if (s->detailed || s->detail_state != DD_DETAIL_NONE || (t->keep && !t->keep(app, row)))
			continue;
		if (dd_account_reload_server(app->account, app->http, s->id, detail_done, app, &err) == 0)
			st->details_in_flight++;
	}
}

/* Grows the OS and tags columns when a record's new text is wider. */
static void fit_record(struct dd_app *app, int64_t id)
{
	struct dd_servers_state *st = &app->servers;
	const struct dd_server *s = dd_store_server(dd_account_store(app->account), id);
	if (!s || !s->detailed || !st->table.cols)
		return;
	dd_table_fit(&st->table, C_OS, dd_draw_width(s->os));
	dd_table_fit(&st->table, C_TAGS, dd_draw_width(s->tags));
}

/* ---- loading ---- */

/* The store's one notification: every screen that shows the collection
 * hears it, whoever started the read. */
static void on_store(void *ud, enum dd_kind kind, int64_t id)
{
	struct dd_app *app = ud;
	if (app->quit)
		return;
	if (kind == DD_KIND_SERVERS && id == 0) {
		dd_screen_servers.data(app, DD_DATA_SERVERS);
	} else if (kind == DD_KIND_SERVERS) {
		fit_record(app, id);
		/* A record's tags or hostname changed: the filter judges it again. */
		const struct dd_server_list *l = app->servers.list;
		for (size_t i = 0; l && app->servers.table.filter[0] && i < l->n; i++)
			if (l->v[i].id == id) {
				dd_table_rejudge(&app->servers.table, i);
				break;
			}
	}
	if (app->screen == &dd_screen_view && (id == 0 || id == app->view.id))
		dd_screen_view.data(app, kind == DD_KIND_SERVERS ? DD_DATA_SERVERS : DD_DATA_VIEW);
	app->dirty = true;
}

static void load_done(void *ud, const struct dd_error *err)
{
	struct dd_app *app = ud;
	const struct dd_server_list *l = dd_account_servers(app->account);
	if (err->kind == DD_OK) {
		struct dd_error e;
		dd_status_info(&app->status, app->now_ms, _("%zu servers loaded."), l->n);
		/* The whole fleet is what the next start paints first. */
		if (dd_cache_save_account(app->account, &e) < 0)
			dd_status_error(&app->status, app->now_ms, _("Cache not written"), &e);
	} else
		dd_status_error(&app->status, app->now_ms, _("Loading servers"), err);
	/* Then the invoices, so every tab's status line flags what is owed
	 * (not while quitting: the load ended because it was cancelled). */
	if (!app->quit)
		dd_billing_preload(app);
	app->dirty = true;
}

/* The last known fleet first, marked cached with its age (draw), while
 * the read runs; a cache that cannot be used is said in one line. */
static void paint_cache(struct dd_app *app)
{
	struct dd_error e;
	time_t at;
	char age[32];
	int rc = dd_cache_load_account(app->account, &at, &e);

	if (rc < 0) {
		dd_status_error(&app->status, app->now_ms, _("Cache"), &e);
	} else if (rc == 1) {
		dd_cache_age(dd_store_meta(dd_account_store(app->account), DD_KIND_SERVERS)->fetched_at,
			     time(NULL), age, sizeof(age));
		dd_status_info(&app->status, app->now_ms, app->opts->offline
			       ? _("Offline: servers as cached %s.") : _("Servers as cached %s; refreshing."), age);
	}
}

void dd_app_load_servers(struct dd_app *app)
{
	struct dd_error err;
	app->servers.list = dd_account_servers(app->account);
	dd_account_set_notify(app->account, on_store, app);
	dd_account_set_early_rows(app->account, true);
	if (dd_account_loading(app->account))
		return;
	app->servers.start_err[0] = 0;
	const struct dd_coll *m = dd_store_meta(dd_account_store(app->account), DD_KIND_SERVERS);
	bool had = dd_coll_has_data(m);
	if (!had)
		paint_cache(app);
	if (app->opts->offline) {
		if (!dd_coll_has_data(m))
			snprintf(app->servers.start_err, sizeof(app->servers.start_err),
				 _("Offline, and no cache for this profile yet: start dedi without --offline once."));
		else if (had)
			dd_status_info(&app->status, app->now_ms,
				       _("Offline (--offline): nothing is sent; the servers are the cache's."));
		app->dirty = true;
		return;
	}
	/* Every zone, as `servers list` without --zone: the default zone
	 * of the profile is for commands that act in one zone; :zone
	 * narrows the view. */
	if (dd_account_load_servers(app->account, app->http, NULL, load_done, app, &err) < 0) {
		snprintf(app->servers.start_err, sizeof(app->servers.start_err), "%s", err.message);
		dd_status_error(&app->status, app->now_ms, _("Loading servers"), &err);
	}
	app->dirty = true;
}

/* ---- ops ---- */

static void remember(struct dd_app *app)
{
	size_t row;
	struct dd_servers_state *st = &app->servers;
	if (st->list && dd_table_current(&st->table, &row) && row < st->list->n)
		st->cursor_id = st->list->v[row].id;
}

static void resize(struct dd_app *app)
{
	dd_table_resize(&app->servers.table, dd_app_body_height(app) - 2, app->cols);
	want_details(app);
}

static void enter(struct dd_app *app)
{
	if (!app->servers.table.cols)
		table_init(app);
	resize(app);
}

static void leave(struct dd_app *app)
{
	(void)app;
}

/* The rows a refresh kept from an older read, for the title: how many,
 * from when, which zones. Once per change of the list, not per frame. */
static void count_kept(struct dd_servers_state *st)
{
	size_t used = 0;

	st->kept = 0;
	st->kept_at = 0;
	st->kept_zones[0] = '\0';
	for (size_t i = 0; st->list && i < st->list->n; i++) {
		const struct dd_server *s = &st->list->v[i];
		const char *z = s->zone[0] ? s->zone : "Online";
		char *hit;
		size_t zl = strlen(z);
		if (!s->kept_at)
			continue;
		st->kept++;
		if (!st->kept_at || s->kept_at < st->kept_at)
			st->kept_at = s->kept_at;
		hit = strstr(st->kept_zones, z);
		if (hit && (hit[zl] == '\0' || hit[zl] == ','))
			continue;
		if (used + zl + 2 < sizeof(st->kept_zones))
			used += (size_t)snprintf(st->kept_zones + used, sizeof(st->kept_zones) - used, "%s%s",
						 used ? "," : "", z);
	}
}

static void data(struct dd_app *app, enum dd_data what)
{
	struct dd_servers_state *st = &app->servers;
	if (!st->table.cols)
		table_init(app);
	st->list = dd_account_servers(app->account);
	if (what == DD_DATA_SERVERS)
		count_kept(st);
	if (what == DD_DATA_SERVERS) {
		const struct dd_coll *m = dd_store_meta(dd_account_store(app->account), DD_KIND_SERVERS);
		/* Early rows: a cursor the user left on the top row stays there
		 * as more rows come in; one that was moved follows its server. */
		bool keep_top = st->early && st->table.cursor == 0;
		st->early = m->state == DD_COLL_LOADING && !dd_coll_has_data(m);
		st->filter_scan = 0;
		/* Row numbers mean nothing across lists: follow the server id. */
		dd_table_set_rows(&st->table, st->list->n);
		for (size_t i = 0; st->cursor_id && !keep_top && i < st->table.nview; i++)
			if (st->list->v[st->table.view[i]].id == st->cursor_id) {
				dd_table_goto(&st->table, i);
				break;
			}
	}
	remember(app);
	want_details(app);
	app->dirty = true;
}

static void draw(const struct dd_app *app)
{
	const struct dd_servers_state *st = &app->servers;
	const struct dd_table *t = &st->table;
	const struct dd_theme *th = &app->theme;
	const struct dd_coll *m = dd_store_meta(dd_account_store(app->account), DD_KIND_SERVERS);
	/* A first read shows its rows as they arrive, marked loading n/N. */
	bool early = m->state == DD_COLL_LOADING && !dd_coll_has_data(m) && st->list && st->list->n;
	bool loaded = dd_coll_has_data(m) || early;
	const char *load_err = st->start_err[0] ? st->start_err
			     : m->state == DD_COLL_ERROR ? m->error.message : "";
	int y = dd_app_body_top();
	char title[400];
	int x = 0;
	if (early) {
		/* Never "N servers" before the end: that is the whole fleet. */
		snprintf(title, sizeof(title), _(" Servers  %zu rows so far%s%s"), t->nrows,
			 t->filter[0] ? _("  filter: ") : "", t->filter);
	} else if (loaded) {
		if (t->filter[0])
			snprintf(title, sizeof(title), _(" Servers  %zu of %zu servers  filter: %s"), t->nview,
				 t->nrows, t->filter);
		else if (st->zone[0])
			snprintf(title, sizeof(title), _(" Servers  %zu of %zu servers  zone: %s"), t->nview,
				 t->nrows, st->zone);
		else
			snprintf(title, sizeof(title), _(" Servers  %zu servers"), t->nrows);
	} else {
		snprintf(title, sizeof(title), _(" Servers"));
	}
	x += dd_draw_text(y, 0, app->cols, title, dd_theme_attr(th, DD_R_SECTION));
	/* The cache's mark right after the count: what the rows are comes
	 * before how the refresh is going. */
	if (m->cached && loaded) {
		char s[64], age[32];
		dd_cache_age(m->fetched_at, time(NULL), age, sizeof(age));
		snprintf(s, sizeof(s), _("  cached %s%s"), age, app->opts->offline ? _(" (offline)") : "");
		x += dd_draw_text(y, x, app->cols - x, s, dd_theme_attr(th, DD_R_STALE));
	}
	/* Rows of a zone that failed this time are its last good read's:
	 * which zone, how old, and that '~' marks them. */
	if (st->kept && loaded && x + 2 < app->cols) {
		char s[160], age[32];
		dd_cache_age(st->kept_at, time(NULL), age, sizeof(age));
		snprintf(s, sizeof(s), P_("  %s: %zu row (~) from the last good read, %s",
					  "  %s: %zu rows (~) from the last good read, %s", st->kept),
			 st->kept_zones, st->kept, age);
		x += dd_draw_text(y, x, app->cols - x, s, dd_theme_attr(th, DD_R_STALE));
	}
	if (m->state == DD_COLL_LOADING && dd_account_loading(app->account) && loaded && x + 2 < app->cols) {
		char s[64];
		size_t have, expected;
		dd_account_load_progress(app->account, &have, &expected);
		snprintf(s, sizeof(s), _("  loading %zu/%zu"), have, expected);
		x += dd_draw_text(y, x, app->cols - x, s, dd_theme_attr(th, DD_R_DIM));
	}
	/* Rows of a list with a zone or server missing must not pass for the
	 * whole fleet: the mark comes before anything else on the line. */
	if (m->partial && loaded && x + 2 < app->cols) {
		char s[sizeof(m->error.message) + 4];
		snprintf(s, sizeof(s), "  %s", m->error.message);
		x += dd_draw_text(y, x, app->cols - x, s, dd_theme_attr(th, DD_R_ERROR));
	}
	if (t->sort_col >= 0 && x + 20 < app->cols) {
		char s[64];
		snprintf(s, sizeof(s), _("  sorted by %s%s"), _(cols[t->sort_col].title),
			 t->sort_desc ? _(" (reversed)") : "");
		x += dd_draw_text(y, x, app->cols - x, s, dd_theme_attr(th, DD_R_DIM));
	}
	if (!(m->cached && loaded) && m->state == DD_COLL_STALE) {
		char s[64], at[16];
		struct tm tm;
		localtime_r(&m->fetched_at, &tm);
		strftime(at, sizeof(at), "%H:%M", &tm);
		snprintf(s, sizeof(s), _("  stale since %s"), at);
		dd_draw_text(y, x, app->cols - x, s, dd_theme_attr(th, DD_R_STALE));
	}
	if (!loaded) {
		unsigned long a = dd_theme_attr(th, load_err[0] ? DD_R_ERROR : DD_R_NORMAL);
		const char *msg = load_err[0] ? load_err
				 : dd_draw_utf8() ? _("Loading servers…") : _("Loading servers...");
		char progress[160];
		size_t have, expected;

		dd_account_load_progress(app->account, &have, &expected);
		if (!load_err[0] && expected > 0) {
			snprintf(progress, sizeof(progress), _("%s %zu of %zu read"), msg, have, expected);
			msg = progress;
		}
		dd_draw_text(y + 2, 2, app->cols - 4, msg, a);
		if (load_err[0])
			dd_draw_text(y + 3, 2, app->cols - 4, _("Press r to try again."),
				     dd_theme_attr(th, DD_R_DIM));
		return;
	}
	dd_table_draw(t, th, y + 1, 0);
	if (t->nview == 0) {
		char none[300];
		if (t->filter[0])
			snprintf(none, sizeof(none), _("No server matches \"%s\". Esc clears the filter."), t->filter);
		else
			snprintf(none, sizeof(none), _("This account has no servers."));
		dd_draw_text(y + 3, 2, app->cols - 4, none, dd_theme_attr(th, DD_R_DIM));
	}
}

static void open_current(struct dd_app *app)
{
	size_t row;
	if (app->servers.list && dd_table_current(&app->servers.table, &row) &&
	    row < app->servers.list->n)
		dd_app_open_server(app, &app->servers.list->v[row]);
}

static enum dd_result mouse(struct dd_app *app)
{
	struct dd_table *t = &app->servers.table;
	int header = dd_app_body_top() + 1;
	if (app->mouse_bstate & BUTTON4_PRESSED) {
		dd_table_move(t, -3);
	} else if (app->mouse_bstate & BUTTON5_PRESSED) {
		dd_table_move(t, 3);
	} else if (app->mouse_y == header) {
		int c = dd_table_col_at(t, app->mouse_x);
		if (c >= 0)
			dd_table_sort(t, c, c == t->sort_col ? !t->sort_desc : false);
	} else if (app->mouse_y > header && app->mouse_y <= header + t->height) {
		size_t vi = t->top + (size_t)(app->mouse_y - header - 1);
		if (vi < t->nview) {
			if (vi == t->cursor)
				open_current(app);
			else
				dd_table_goto(t, vi);
		}
	}
	return DD_RES_REDRAW;
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	struct dd_table *t = &app->servers.table;
	long page = t->height > 1 ? t->height - 1 : 1;
	enum dd_result r = DD_RES_REDRAW;
	if (fkey && ch == KEY_MOUSE) {
		r = mouse(app);
		remember(app);
		want_details(app);
		return r;
	}
	switch (act) {
	case DD_ACT_UP: dd_table_move(t, -1); break;
	case DD_ACT_DOWN: dd_table_move(t, 1); break;
	case DD_ACT_TOP: dd_table_goto(t, 0); break;
	case DD_ACT_BOTTOM: dd_table_goto(t, t->nview ? t->nview - 1 : 0); break;
	case DD_ACT_PGDN: dd_table_move(t, page); break;
	case DD_ACT_PGUP: dd_table_move(t, -page); break;
	case DD_ACT_HALFDN: dd_table_move(t, page / 2 + 1); break;
	case DD_ACT_HALFUP: dd_table_move(t, -(page / 2 + 1)); break;
	case DD_ACT_LEFT: dd_table_hscroll(t, -1); break;
	case DD_ACT_RIGHT: dd_table_hscroll(t, 1); break;
	case DD_ACT_OPEN: open_current(app); break;
	case DD_ACT_REBOOT:
	case DD_ACT_START:
	case DD_ACT_STOP:
	case DD_ACT_RESCUE:
	case DD_ACT_RAID:
	case DD_ACT_SSH:
	case DD_ACT_COPY_ADDR:
	case DD_ACT_INSTALL:
	case DD_ACT_BMC: {
		size_t row;
		if (app->servers.list && dd_table_current(t, &row) && row < app->servers.list->n)
			return dd_actions_key(app, act, app->servers.list->v[row].id);
		dd_status_info(&app->status, app->now_ms, _("No server selected."));
		break;
	}
	case DD_ACT_NEXT:
	case DD_ACT_PREV:
		if (!t->filter[0]) {
			dd_status_info(&app->status, app->now_ms, _("No filter: / starts one."));
			break;
		}
		if (t->nview) {
			size_t to = (t->cursor + (act == DD_ACT_NEXT ? 1 : t->nview - 1)) % t->nview;
			if (t->nview > 1 && (act == DD_ACT_NEXT ? to < t->cursor : to > t->cursor))
				dd_status_info(&app->status, app->now_ms, "%s",
					       act == DD_ACT_NEXT ? _("Search wrapped to the top.")
								  : _("Search wrapped to the bottom."));
			dd_table_goto(t, to);
		}
		break;
	case DD_ACT_SORT:
		dd_table_sort(t, t->sort_col + 1 >= t->ncols ? 0 : t->sort_col + 1, false);
		break;
	case DD_ACT_RSORT:
		dd_table_sort(t, t->sort_col < 0 ? 0 : t->sort_col, !t->sort_desc);
		break;
	case DD_ACT_ESC:
		if (!t->filter[0])
			return DD_RES_UNHANDLED;
		dd_table_set_filter(t, "");
		break;
	default:
		return DD_RES_UNHANDLED;
	}
	remember(app);
	want_details(app);
	return r;
}

static const char *filter_to(struct dd_app *app, const char *text)
{
	struct dd_table *t = &app->servers.table;
	if (text) {
		app->servers.filter_scan = 0;
		dd_table_set_filter(t, text);
		data(app, DD_DATA_DETAIL);
	}
	return t->filter;
}

static struct dd_table *table(struct dd_app *app)
{
	return &app->servers.table;
}

static void free_state(struct dd_app *app)
{
	struct dd_servers_state *st = &app->servers;
	dd_table_free(&st->table);
}

const struct dd_screen_ops dd_screen_servers = {
	.name = N_("Servers"),
	.scopes = DD_KS_MOVE | DD_KS_TABLE | DD_KS_SERVER | DD_KS_SERVERS,
	.enter = enter,
	.leave = leave,
	.draw = draw,
	.key = key,
	.resize = resize,
	.data = data,
	.filter = filter_to,
	.reload = dd_app_load_servers,
	.free = free_state,
	.table = table,
};
