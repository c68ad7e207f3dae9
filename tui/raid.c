#include "tui/raid.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/actions_load.h"
#include "core/i18n.h"
#include "core/raid.h"
#include "core/write.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/status.h"

/* The screen's state, on the app; callbacks carry gen and drop an answer
 * meant for an older one. The arrays themselves live in the store
 * (DD_KIND_RAID, per server): reopening the screen reads nothing. */
struct dd_raid_view {
	unsigned gen;
	int64_t id;
	size_t cursor;
	char seen_host[256], seen_status[16];
	char level[16];          /* the level asked for, while its dialog is open */
};

struct cb {
	struct dd_app *app;
	unsigned gen;
};

static unsigned next_gen;

static struct dd_raid_view *view(const struct dd_app *app)
{
	return app->raid;
}

static const struct dd_server *record(const struct dd_app *app)
{
	return view(app) ? dd_store_server(dd_account_store(app->account), view(app)->id) : NULL;
}

static const struct dd_server_sections *sections(const struct dd_app *app)
{
	return view(app) ? dd_store_sections(dd_account_store(app->account), view(app)->id) : NULL;
}

static const struct dd_raid *arrays(const struct dd_app *app)
{
	static const struct dd_raid none;
	const struct dd_server_sections *sec = sections(app);
	return sec ? &sec->raid : &none;
}

static bool loading(const struct dd_app *app)
{
	const struct dd_server_sections *sec = sections(app);
	return sec && sec->meta[DD_KIND_RAID].state == DD_COLL_LOADING;
}

static struct cb *cb_new(struct dd_app *app)
{
	struct cb *c = malloc(sizeof(*c));
	if (c)
		*c = (struct cb){ app, view(app)->gen };
	return c;
}

static struct dd_raid_view *cb_view(const struct cb *c)
{
	struct dd_raid_view *v = view(c->app);
	return v && v->gen == c->gen ? v : NULL;
}

static void loaded(void *ud, const struct dd_error *err)
{
	struct cb *c = ud;
	struct dd_raid_view *v = cb_view(c);
	if (v) {
		if (err->kind != DD_OK)
			dd_status_error(&c->app->status, c->app->now_ms, "RAID", err);
		if (v->cursor >= arrays(c->app)->n)
			v->cursor = 0;
		c->app->dirty = true;
	}
	free(c);
}

/* force: read again even when the store's arrays are fresh. */
static void fetch(struct dd_app *app, bool force)
{
	struct dd_raid_view *v = view(app);
	const struct dd_server *s = record(app);
	struct dd_error err;
	struct cb *c;
	int rc;

	if (!v || !s || loading(app))
		return;
	dd_error_clear(&err);
	if (!(c = cb_new(app)))
		rc = dd_error_oom(&err);
	else
		rc = dd_actions_load_list(app->account, app->http, s, DD_KIND_RAID, force, loaded, c, &err);
	if (rc != 0)
		free(c); /* 1: fresh already, loaded() is not called */
	if (rc < 0)
		dd_status_error(&app->status, app->now_ms, "RAID", &err);
}

static void load(struct dd_app *app)
{
	fetch(app, true);
}

void dd_raid_open(struct dd_app *app, int64_t id)
{
	struct dd_raid_view *v;

	if (!dd_store_server(dd_account_store(app->account), id))
		return;
	free(app->raid);
	if (!(v = calloc(1, sizeof(*v)))) {
		app->raid = NULL;
		return;
	}
	v->gen = ++next_gen;
	v->id = id;
	app->raid = v;
	fetch(app, false);
	dd_app_switch(app, &dd_screen_raid);
}

static void write_done(void *ud, const struct dd_write_result *r)
{
	struct cb *c = ud;
	struct dd_app *app = c->app;
	if (r->outcome == DD_WRITE_OK)
		dd_status_done(&app->status, app->now_ms, _("%s: done."), r->plan->summary);
	else
		dd_status_error(&app->status, app->now_ms, r->plan->summary, &r->error);
	if (cb_view(c))
		load(app);
	free(c);
	app->dirty = true;
}

static void answered(struct dd_app *app, enum dd_dialog_outcome out, void *ud)
{
	struct cb *c = ud;
	struct dd_raid_view *v = cb_view(c);
	const struct dd_server *s = v ? record(app) : NULL;
	static const struct dd_write_policy none = { .profile = "" };
	const struct dd_write_policy *pol = app->opts->writes ? app->opts->writes : &none;
	struct dd_write_plan plan;
	struct dd_error err;
	int rc = -1;

	if (out != DD_DIALOG_CONFIRMED || !s) {
		dd_status_info(&app->status, app->now_ms, _("Cancelled: nothing sent."));
		free(c);
		return;
	}
	dd_error_clear(&err);
	struct dd_write_seen seen = { v->seen_host, v->seen_status[0] ? v->seen_status : NULL };
	if (dd_raid_plan(app->account, s, arrays(app), v->cursor, v->level, &plan, &err) == 0)
		rc = dd_write_send(app->account, app->http, pol, &plan, &seen, write_done, c, &err);
	if (rc == 1)
		dd_status_done(&app->status, app->now_ms, _("Dry run, nothing sent: %s"), plan.summary);
	else if (rc < 0)
		dd_status_error(&app->status, app->now_ms, "RAID", &err);
	if (rc != 0)
		free(c);
	dd_write_plan_wipe(&plan);
	app->dirty = true;
}

static enum dd_result submit(struct dd_app *app)
{
	struct dd_raid_view *v = view(app);
	const struct dd_server *s = record(app);
	struct dd_prompt *p = &app->prompt;
	struct dd_write_plan plan;
	struct dd_error err;
	char title[200], ids[24];
	struct cb *c;

	if (!v || !s) {
		dd_prompt_close(p);
		return DD_RES_REDRAW;
	}
	dd_error_clear(&err);
	if (dd_raid_plan(app->account, s, arrays(app), v->cursor, p->buf, &plan, &err) < 0) {
		/* the prompt stays open with the reason */
		snprintf(p->err, sizeof(p->err), "%s", err.message);
		dd_write_plan_wipe(&plan);
		return DD_RES_REDRAW;
	}
	snprintf(v->level, sizeof(v->level), "%s", p->buf);
	dd_prompt_close(p);
	if (!(c = cb_new(app))) {
		dd_write_plan_wipe(&plan);
		return DD_RES_REDRAW;
	}
	snprintf(v->seen_host, sizeof(v->seen_host), "%s", s->hostname ? s->hostname : "");
	snprintf(v->seen_status, sizeof(v->seen_status), "%s", s->status);
	snprintf(ids, sizeof(ids), "%" PRId64, s->id);
	snprintf(title, sizeof(title), "%s?", plan.summary);
	struct dd_dialog_spec spec = {
		.title = title,
		.text = _("The disks of this array are rebuilt: what they hold is lost. Type the hostname "
			"to enable it."),
		.method = dd_http_method_name(plan.req.method),
		.resource = plan.req.url,
		.body = plan.req.shown,
		.confirm_label = _("Change RAID"),
		.typed = v->seen_host[0] ? v->seen_host : ids,
		.done = answered,
		.ud = c,
	};
	dd_app_dialog(app, &spec);
	dd_write_plan_wipe(&plan);
	return DD_RES_REDRAW;
}

static void draw(const struct dd_app *app)
{
	const struct dd_raid_view *v = view(app);
	const struct dd_server *s = record(app);
	int y = dd_app_body_top(), bottom = y + dd_app_body_height(app);
	char buf[256];

	if (!v || !s)
		return;
	snprintf(buf, sizeof(buf), _(" RAID of server #%" PRId64 " %s"), s->id, s->hostname);
	dd_draw_field(y++, 0, app->cols, buf, dd_theme_attr(&app->theme, DD_R_HEADER));
	y++;
	const struct dd_raid *raid = arrays(app);
	if (loading(app) && !raid->n)
		dd_draw_text(y++, 2, app->cols - 4, _("Loading…"), dd_theme_attr(&app->theme, DD_R_DIM));
	for (size_t i = 0; i < raid->n && y < bottom; i++) {
		const struct dd_raid_array *a = &raid->arrays[i];
		snprintf(buf, sizeof(buf), _("array %zu   %-8s %zu disk%s"), i + 1, a->level, a->n,
			 a->n == 1 ? "" : "s");
		dd_draw_field(y++, 2, app->cols - 4, buf,
			      dd_theme_attr(&app->theme, i == v->cursor ? DD_R_CURSOR : DD_R_ROW));
		for (size_t k = 0; k < a->n && y < bottom; k++) {
			const struct dd_raid_disk *d = &a->disks[k];
			snprintf(buf, sizeof(buf), _("    disk %-3s %-5s %8.0f GB   id %" PRId64), d->connector,
				 d->type, (double)d->capacity / 1e9, d->id);
			dd_draw_field(y++, 2, app->cols - 4, buf, dd_theme_attr(&app->theme, DD_R_VALUE));
		}
	}
	if (y + 1 < bottom)
		dd_draw_text(y + 1, 2, app->cols - 4,
			     _("j/k: array   c: change its level (asks, the hostname typed)   r: read again   Esc: back"),
			     dd_theme_attr(&app->theme, DD_R_DIM));
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	struct dd_raid_view *v = view(app);
	char label[64];

	if (!v || act == DD_ACT_ESC || act == DD_ACT_BACK)
		return DD_RES_BACK;
	if (act == DD_ACT_DOWN && v->cursor + 1 < arrays(app)->n)
		v->cursor++;
	else if (act == DD_ACT_UP && v->cursor)
		v->cursor--;
	else if (!fkey && ch == 'c' && v->cursor < arrays(app)->n) {
		snprintf(label, sizeof(label), _("RAID level of array %zu: "), v->cursor + 1);
		dd_prompt_open(&app->prompt, DD_P_EDIT, label, arrays(app)->arrays[v->cursor].level);
	} else
		return DD_RES_UNHANDLED;
	return DD_RES_REDRAW;
}

static void leave(struct dd_app *app)
{
	free(app->raid);
	app->raid = NULL;
}

const struct dd_screen_ops dd_screen_raid = {
	.name = "RAID",
	.scopes = DD_KS_MOVE,
	.leave = leave,
	.draw = draw,
	.key = key,
	.submit = submit,
	.reload = load,
	.free = leave,
};
