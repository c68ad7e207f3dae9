/* The overview of one server (Enter on the Servers tab): every section
 * the API gives, built into lines when data arrives; edits go through
 * core and report the API's answer. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/edit.h"
#include "core/write.h"
#include "tui/app.h"
#include "tui/draw.h"

#define EVENTS_PAGE 15

enum sect { S_DETAIL, S_BACKUP, S_EVENTS, S_OPTIONS, S_FO, S_EDIT };
enum target { T_HOSTNAME = 1, T_TAGS, T_REVERSE, T_BACKUP };

/* One request of the overview; owns its output until it is handed over. */
struct vreq {
	struct dd_app *app;
	unsigned gen;
	enum sect sect;
	enum target target;
	union {
		struct dd_server_detail d;
		struct dd_backup b;
		struct dd_event_page ev;
		struct dd_option_list opt;
		struct dd_failover_list fo;
	} u;
};

static void ident(const struct dd_view_state *v, struct dd_server *s)
{
	memset(s, 0, sizeof(*s));
	s->id = v->id;
	memcpy(s->zone, v->zone, sizeof(s->zone));
	s->sources = v->sources;
	s->hostname = v->hostname;
}

/* ---- requests ---- */

static void req_done(void *ud, const struct dd_error *err)
{
	struct vreq *r = ud;
	struct dd_app *app = r->app;
	struct dd_view_state *v = &app->view;
	bool mine = r->gen == v->gen;
	bool ok = err->kind == DD_OK;
	char *emsg = NULL;
	enum dd_sect_state *st = NULL;
	bool *have = NULL;
	switch (r->sect) {
	case S_DETAIL:
		st = &v->st_d, emsg = v->err_d, have = &v->have_d;
		if (mine && ok) {
			dd_server_detail_clear(&v->d);
			v->d = r->u.d;
		} else {
			dd_server_detail_clear(&r->u.d);
		}
		break;
	case S_BACKUP:
		st = &v->st_b, emsg = v->err_b, have = &v->have_b;
		if (mine && ok)
			v->b = r->u.b;
		break;
	case S_EVENTS:
		st = &v->st_ev, emsg = v->err_ev, have = &v->have_ev;
		if (mine && ok) {
			dd_event_page_clear(&v->ev);
			v->ev = r->u.ev;
		} else {
			dd_event_page_clear(&r->u.ev);
		}
		break;
	case S_OPTIONS:
		st = &v->st_opt, emsg = v->err_opt, have = &v->have_opt;
		if (mine && ok) {
			dd_option_list_clear(&v->opt);
			v->opt = r->u.opt;
		} else {
			dd_option_list_clear(&r->u.opt);
		}
		break;
	case S_FO:
		st = &v->st_fo, emsg = v->err_fo, have = &v->have_fo;
		if (mine && ok) {
			dd_failover_list_clear(&v->fo);
			v->fo = r->u.fo;
		} else {
			dd_failover_list_clear(&r->u.fo);
		}
		break;
	case S_EDIT: {
		static const char *const what[] = { "", "hostname", "tags", "reverse DNS", "backup settings" };
		if (mine) {
			v->edits--;
			if (ok)
				snprintf(v->edit_msg, sizeof(v->edit_msg), "The API accepted the new %s.",
					 what[r->target]);
			else
				snprintf(v->edit_msg, sizeof(v->edit_msg), "The API refused the %s: %s",
					 what[r->target], err->message);
		}
		if (ok) {
			dd_status_info(&app->status, app->now_ms, "Saved the %s.", what[r->target]);
			if (r->target == T_BACKUP && mine)
				v->b = r->u.b;
			if (!app->quit && (r->target == T_HOSTNAME || r->target == T_TAGS))
				dd_app_load_servers(app);
		} else {
			dd_status_error(&app->status, app->now_ms, "Saving", err);
		}
		break;
	}
	}
	if (mine && ok && have)
		*have = true;
	if (mine && st) {
		*st = ok ? DD_SECT_OK : DD_SECT_ERR;
		if (!ok)
			snprintf(emsg, 300, "%s", err->message);
	}
	bool reload = mine && r->sect == S_EDIT && ok && r->target != T_BACKUP;
	free(r);
	if (mine && !app->quit) {
		if (reload)
			dd_screen_view.key(app, DD_ACT_REFRESH, false, 0);
		dd_view_rebuild(&app->view);
	}
	app->dirty = true;
}

static struct vreq *req_new(struct dd_app *app, enum sect sect)
{
	struct vreq *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->app = app;
	r->gen = app->view.gen;
	r->sect = sect;
	return r;
}

/* Starts one section's load; a refusal to start is shown in the section. */
static void load(struct dd_app *app, enum sect sect)
{
	struct dd_view_state *v = &app->view;
	struct dd_server s;
	struct dd_error err;
	struct vreq *r = req_new(app, sect);
	enum dd_sect_state *st = NULL;
	char *emsg = NULL;
	int rc = -1;
	ident(v, &s);
	dd_error_clear(&err);
	if (!r)
		return;
	switch (sect) {
	case S_DETAIL:
		st = &v->st_d, emsg = v->err_d;
		if (dd_server_detail_init(&r->u.d) == 0)
			rc = dd_account_load_server(app->account, app->http, v->id,
						    v->zone[0] ? v->zone : NULL, &r->u.d, req_done, r, &err);
		if (rc < 0)
			dd_server_detail_clear(&r->u.d);
		break;
	case S_BACKUP:
		st = &v->st_b, emsg = v->err_b;
		rc = dd_overview_backup(app->account, app->http, &s, &r->u.b, req_done, r, &err);
		break;
	case S_EVENTS:
		st = &v->st_ev, emsg = v->err_ev;
		rc = dd_overview_events(app->account, app->http, &s, v->ev_page, EVENTS_PAGE, &r->u.ev,
					req_done, r, &err);
		break;
	case S_OPTIONS:
		st = &v->st_opt, emsg = v->err_opt;
		rc = dd_overview_options(app->account, app->http, &s, &r->u.opt, req_done, r, &err);
		break;
	case S_FO:
		st = &v->st_fo, emsg = v->err_fo;
		rc = dd_overview_failovers(app->account, app->http, &s, &r->u.fo, req_done, r, &err);
		break;
	case S_EDIT:
		break;
	}
	if (rc < 0) {
		free(r);
		if (st) {
			*st = DD_SECT_ERR;
			snprintf(emsg, 300, "%s", err.message);
		}
		return;
	}
	*st = DD_SECT_LOADING;
}

static void load_all(struct dd_app *app)
{
	load(app, S_DETAIL);
	load(app, S_BACKUP);
	load(app, S_FO);
	load(app, S_OPTIONS);
	load(app, S_EVENTS);
}

/* ---- lines ---- */

/* ---- opening ---- */

static void reset(struct dd_view_state *v)
{
	dd_view_lines_free(v);
	dd_server_detail_clear(&v->d);
	dd_event_page_clear(&v->ev);
	dd_option_list_clear(&v->opt);
	dd_failover_list_clear(&v->fo);
	free(v->hostname);
	unsigned gen = v->gen;
	memset(v, 0, sizeof(*v));
	v->gen = gen + 1;
}

void dd_app_open_server(struct dd_app *app, const struct dd_server *s)
{
	struct dd_view_state *v = &app->view;
	reset(v);
	v->id = s->id;
	memcpy(v->zone, s->zone, sizeof(v->zone));
	v->sources = s->sources;
	v->hostname = strdup(s->hostname ? s->hostname : "");
	v->ev_page = 1;
	dd_server_detail_init(&v->d);
	load_all(app);
	dd_view_rebuild(&app->view);
	dd_app_switch(app, &dd_screen_view);
}

/* ---- edits ---- */

static void open_edit(struct dd_app *app, enum target t, int ref, const char *label, const char *initial)
{
	dd_prompt_open(&app->prompt, DD_P_EDIT, label, initial);
	app->prompt.target = t;
	app->prompt.ref = ref;
}

static const struct dd_ip *ip_at(const struct dd_view_state *v, int ref)
{
	size_t i = (size_t)ref >> 16, k = (size_t)ref & 0xffff;
	if (!v->have_d || i >= v->d.n_ifaces || k >= v->d.ifaces[i].n_ips)
		return NULL;
	return &v->d.ifaces[i].ips[k];
}

/* The edit's outcome from the write path, told as the overview's other
 * requests are (req_done). */
static void write_done(void *ud, const struct dd_write_result *res)
{
	req_done(ud, &res->error);
}

/* 0: sent (r is the write's); 1: dry run, told on the status line, r
 * freed; -1: refused or not started, err says why. */
static int send_plan(struct dd_app *app, struct vreq *r, const struct dd_write_plan *plan,
		     struct dd_error *err)
{
	static const struct dd_write_policy none = { .profile = "" };
	const struct dd_write_policy *pol = app->opts->writes ? app->opts->writes : &none;
	const struct dd_view_state *v = &app->view;
	struct dd_write_seen seen = { v->hostname, v->have_d ? v->d.s.status : NULL };
	int rc = dd_write_send(app->account, app->http, pol, plan, &seen, write_done, r, err);
	if (rc == 1) {
		char text[600];
		dd_write_describe(plan, text, sizeof(text));
		for (char *c = text; *c; c++)
			*c = *c == '\n' ? ' ' : *c;
		dd_status_info(&app->status, app->now_ms, "Dry run, nothing sent: %s", text);
		free(r);
	}
	return rc;
}

enum dd_result dd_view_submit(struct dd_app *app)
{
	struct dd_view_state *v = &app->view;
	struct dd_prompt *p = &app->prompt;
	struct dd_server s;
	struct dd_error err;
	struct vreq *r = req_new(app, S_EDIT);
	struct dd_write_plan plan;
	int rc = -1;
	ident(v, &s);
	memset(&plan, 0, sizeof(plan));
	dd_error_clear(&err);
	if (!r)
		return DD_RES_REDRAW;
	r->target = (enum target)p->target;
	switch (p->target) {
	case T_HOSTNAME:
		rc = dd_edit_hostname(app->account, &s, p->buf, &plan, &err);
		break;
	case T_TAGS:
		rc = dd_edit_tags(app->account, &s, p->buf, &plan, &err);
		break;
	case T_REVERSE: {
		const struct dd_ip *ip = ip_at(v, p->ref);
		if (!ip) {
			dd_error_set(&err, DD_E_USAGE, 0, NULL, "That address is gone; refresh with r.");
			break;
		}
		rc = dd_edit_reverse(app->account, &s, ip, p->buf, &plan, &err);
		break;
	}
	case T_BACKUP: {
		if (!v->have_b) {
			dd_error_set(&err, DD_E_USAGE, 0, NULL, "The backup settings are not loaded yet.");
			break;
		}
		if (!p->buf[0]) {
			/* The API judges the password; empty means nothing to send. */
			dd_error_set(&err, DD_E_USAGE, 0, NULL, "Type a password, or Esc to cancel.");
			break;
		}
		r->u.b = v->b;
		rc = dd_edit_backup(app->account, &s, v->b.acl_enabled, v->b.autologin, p->buf, &plan,
				    &err);
		break;
	}
	default:
		break;
	}
	if (rc == 0)
		rc = send_plan(app, r, &plan, &err);
	dd_write_plan_wipe(&plan);
	if (rc == 1) {
		dd_prompt_close(p);
		return DD_RES_REDRAW;
	}
	if (rc < 0) {
		free(r);
		/* The prompt stays open with the reason: nothing typed is lost. */
		snprintf(p->err, sizeof(p->err), "%s", err.message);
		return DD_RES_REDRAW;
	}
	dd_prompt_close(p);
	v->edits++;
	v->edit_msg[0] = 0;
	dd_view_rebuild(&app->view);
	return DD_RES_REDRAW;
}

static void toggle_backup(struct dd_app *app, bool autologin)
{
	struct dd_view_state *v = &app->view;
	struct dd_server s;
	struct dd_error err;
	if (!v->have_b) {
		dd_status_info(&app->status, app->now_ms, "The backup settings are not loaded yet.");
		return;
	}
	bool acl = v->b.acl_enabled != !autologin, login = v->b.autologin != autologin;
	struct dd_write_plan plan;
	struct vreq *r = req_new(app, S_EDIT);
	int rc;
	if (!r)
		return;
	r->target = T_BACKUP;
	r->u.b = v->b;
	r->u.b.acl_enabled = acl; /* what the overview shows once the API accepts */
	r->u.b.autologin = login;
	ident(v, &s);
	rc = dd_edit_backup(app->account, &s, acl, login, NULL, &plan, &err);
	if (rc == 0)
		rc = send_plan(app, r, &plan, &err);
	dd_write_plan_wipe(&plan);
	if (rc != 0) {
		if (rc < 0) {
			free(r);
			dd_status_error(&app->status, app->now_ms, "Backup", &err);
		}
		return;
	}
	v->edits++;
	v->edit_msg[0] = 0;
	dd_view_rebuild(&app->view);
}

/* ---- ops ---- */

static void resize(struct dd_app *app)
{
	app->view.height = dd_app_body_height(app) - 1;
	dd_view_keep_visible(&app->view);
}

static void enter(struct dd_app *app)
{
	resize(app);
}

static void leave(struct dd_app *app)
{
	/* Late answers for this server are dropped by the new generation. */
	reset(&app->view);
}

static void data(struct dd_app *app, enum dd_data what)
{
	(void)what;
	dd_view_rebuild(&app->view);
	app->dirty = true;
}

static void draw(const struct dd_app *app)
{
	const struct dd_view_state *v = &app->view;
	const struct dd_theme *th = &app->theme;
	int y = dd_app_body_top();
	char title[700];
	const char *host = v->have_d ? v->d.s.hostname : v->hostname;
	snprintf(title, sizeof(title), " %s  #%" PRId64 "  %s", host ? host : "", v->id, v->zone);
	dd_draw_field(y, 0, app->cols, title, dd_theme_attr(th, DD_R_HEADER));
	for (int r = 0; r < v->height; r++) {
		size_t i = v->top + (size_t)r;
		int ry = y + 1 + r;
		if (i >= v->nlines)
			break;
		const struct dd_vline *l = &v->lines[i];
		bool cur = i == v->cursor;
		unsigned long ac = dd_theme_attr(th, DD_R_CURSOR);
		if (l->kind == DD_VL_SECTION) {
			int w = dd_draw_text(ry, 1, app->cols - 1, l->text,
					     cur ? ac : dd_theme_attr(th, DD_R_SECTION));
			dd_draw_hline(ry, w + 2, app->cols - w - 3, dd_theme_attr(th, DD_R_BORDER));
			continue;
		}
		if (cur)
			dd_draw_blank(ry, 0, app->cols, ac);
		dd_draw_field(ry, 2, DD_VIEW_LABEL_W, l->label, cur ? ac : dd_theme_attr(th, DD_R_LABEL));
		dd_draw_text(ry, 2 + DD_VIEW_LABEL_W + 1, app->cols - DD_VIEW_LABEL_W - 3, l->text,
			     cur ? ac : dd_theme_attr(th, l->role));
	}
}

static void events_page(struct dd_app *app, int delta)
{
	struct dd_view_state *v = &app->view;
	long long pages = v->ev.page_size ? (v->ev.total + v->ev.page_size - 1) / v->ev.page_size : 1;
	int np = v->ev_page + delta;
	if (np < 1 || (v->have_ev && np > pages)) {
		dd_status_info(&app->status, app->now_ms, "No %s events.", delta > 0 ? "older" : "newer");
		return;
	}
	v->ev_page = np;
	load(app, S_EVENTS);
	dd_view_rebuild(&app->view);
}

static enum dd_result activate(struct dd_app *app)
{
	struct dd_view_state *v = &app->view;
	if (v->cursor >= v->nlines)
		return DD_RES_HANDLED;
	const struct dd_vline *l = &v->lines[v->cursor];
	switch (l->kind) {
	case DD_VL_HOSTNAME:
		return dd_screen_view.key(app, DD_ACT_HOSTNAME, false, 'e');
	case DD_VL_TAGS:
		return dd_screen_view.key(app, DD_ACT_TAGS, false, 't');
	case DD_VL_IP:
		return dd_screen_view.key(app, DD_ACT_REVERSE, false, 'v');
	case DD_VL_AUTOLOGIN:
		toggle_backup(app, true);
		break;
	case DD_VL_ACL:
		toggle_backup(app, false);
		break;
	case DD_VL_EVENTS:
		events_page(app, 1);
		break;
	default:
		break;
	}
	return DD_RES_REDRAW;
}

static void move_cursor(struct dd_view_state *v, long d)
{
	long c = (long)v->cursor + d;
	if (c < 0)
		c = 0;
	if (v->nlines && (size_t)c >= v->nlines)
		c = (long)v->nlines - 1;
	v->cursor = (size_t)c;
	dd_view_keep_visible(v);
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	struct dd_view_state *v = &app->view;
	long page = v->height > 1 ? v->height - 1 : 1;
	if (fkey && ch == KEY_MOUSE) {
		int first = dd_app_body_top() + 1;
		if (app->mouse_bstate & BUTTON4_PRESSED)
			move_cursor(v, -3);
		else if (app->mouse_bstate & BUTTON5_PRESSED)
			move_cursor(v, 3);
		else if (app->mouse_y >= first && app->mouse_y < first + v->height &&
			 v->top + (size_t)(app->mouse_y - first) < v->nlines)
			v->cursor = v->top + (size_t)(app->mouse_y - first);
		return DD_RES_REDRAW;
	}
	switch (act) {
	case DD_ACT_UP: move_cursor(v, -1); break;
	case DD_ACT_DOWN: move_cursor(v, 1); break;
	case DD_ACT_TOP: move_cursor(v, -(long)v->nlines); break;
	case DD_ACT_BOTTOM: move_cursor(v, (long)v->nlines); break;
	case DD_ACT_PGDN: move_cursor(v, page); break;
	case DD_ACT_PGUP: move_cursor(v, -page); break;
	case DD_ACT_HALFDN: move_cursor(v, page / 2 + 1); break;
	case DD_ACT_HALFUP: move_cursor(v, -(page / 2 + 1)); break;
	case DD_ACT_OPEN: return activate(app);
	case DD_ACT_HOSTNAME:
		open_edit(app, T_HOSTNAME, 0, "hostname: ",
			  v->have_d ? v->d.s.hostname : v->hostname);
		break;
	case DD_ACT_TAGS:
		if (!v->have_d) {
			dd_status_info(&app->status, app->now_ms, "The tags are not loaded yet.");
			break;
		}
		open_edit(app, T_TAGS, 0, "tags (comma-separated): ", v->d.s.tags);
		break;
	case DD_ACT_REVERSE: {
		const struct dd_vline *l = v->cursor < v->nlines ? &v->lines[v->cursor] : NULL;
		const struct dd_ip *ip = l && l->kind == DD_VL_IP ? ip_at(v, l->ref) : NULL;
		char label[96];
		if (!ip) {
			dd_status_info(&app->status, app->now_ms,
				       "Select an address under Network first (j/k), then v.");
			break;
		}
		snprintf(label, sizeof(label), "reverse of %s: ", ip->address);
		open_edit(app, T_REVERSE, l->ref, label, ip->reverse);
		break;
	}
	case DD_ACT_AUTOLOGIN: toggle_backup(app, true); break;
	case DD_ACT_ACL: toggle_backup(app, false); break;
	case DD_ACT_BACKUP_PW:
		if (!v->have_b) {
			dd_status_info(&app->status, app->now_ms, "The backup settings are not loaded yet.");
			break;
		}
		open_edit(app, T_BACKUP, 0, "new backup password: ", "");
		app->prompt.secret = true;
		break;
	case DD_ACT_EV_NEXT: events_page(app, 1); break;
	case DD_ACT_EV_PREV: events_page(app, -1); break;
	case DD_ACT_REFRESH:
		load_all(app);
		dd_view_rebuild(&app->view);
		break;
	case DD_ACT_ESC:
	case DD_ACT_BACK:
		return DD_RES_BACK;
	default:
		return DD_RES_UNHANDLED;
	}
	return DD_RES_REDRAW;
}

const struct dd_screen_ops dd_screen_view = {
	.name = "Server",
	.scopes = DD_KS_MOVE | DD_KS_VIEW,
	.enter = enter,
	.leave = leave,
	.draw = draw,
	.key = key,
	.resize = resize,
	.data = data,
};
