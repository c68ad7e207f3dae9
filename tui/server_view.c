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
#include "core/i18n.h"
#include "core/sections.h"
#include "core/write.h"
#include "tui/actions.h"
#include "tui/app.h"
#include "tui/draw.h"

enum target { T_HOSTNAME = 1, T_TAGS, T_REVERSE, T_BACKUP, T_BACKUP_AGAIN };

/* The API's rule for a backup password, checked before anything is sent. */
#define BACKUP_PW_MIN 8
#define BACKUP_PW_MAX 64

/* One edit in flight. */
struct vreq {
	struct dd_app *app;
	unsigned gen;
	int64_t id;
	enum target target;
};

static const struct dd_store *store(const struct dd_app *app)
{
	return dd_account_store(app->account);
}

static const struct dd_server_sections *sections(const struct dd_app *app)
{
	return dd_store_sections(store(app), app->view.id);
}

static bool have(const struct dd_app *app, enum dd_kind k)
{
	const struct dd_server_sections *s = sections(app);
	return s && dd_coll_has_data(&s->meta[k]);
}

static const struct dd_server_detail *detail(const struct dd_app *app)
{
	const struct dd_server *rec = dd_store_server(store(app), app->view.id);
	return rec ? rec->detail : NULL;
}

static void rebuild(struct dd_app *app)
{
	dd_view_rebuild(&app->view, store(app));
}

/* ---- requests ---- */

/* Starts one section's read into the store; a refusal to start is kept
 * in the section's meta, which the lines show. */
static void load(struct dd_app *app, enum dd_kind kind)
{
	struct dd_view_state *v = &app->view;
	struct dd_error err;
	dd_error_clear(&err);
	if (kind == DD_KIND_SERVERS) {
		if (dd_account_reload_server(app->account, app->http, v->id, NULL, NULL, &err) < 0)
			dd_status_error(&app->status, app->now_ms, _("Reading the server"), &err);
		return;
	}
	dd_account_load_section(app->account, app->http, v->id, kind, v->ev_page, NULL, NULL, &err);
}

static void load_all(struct dd_app *app)
{
	load(app, DD_KIND_SERVERS);
	load(app, DD_KIND_BACKUP);
	load(app, DD_KIND_SRV_FAILOVERS);
	load(app, DD_KIND_OPTIONS);
	load(app, DD_KIND_EVENTS);
}

static void edit_done(void *ud, const struct dd_error *err)
{
	static const char *const what[] = { "", N_("hostname"), N_("tags"), N_("reverse DNS"), N_("backup settings"),
					    N_("backup settings") };
	struct vreq *r = ud;
	struct dd_app *app = r->app;
	struct dd_view_state *v = &app->view;
	bool mine = r->gen == v->gen;
	bool ok = err->kind == DD_OK;
	if (mine) {
		v->edits--;
		v->edit_ok = ok;
		if (ok)
			snprintf(v->edit_msg, sizeof(v->edit_msg), _("The API accepted the new %s."),
				 _(what[r->target]));
		else
			snprintf(v->edit_msg, sizeof(v->edit_msg), _("The API refused the %s: %s"),
				 _(what[r->target]), err->message);
	}
	if (ok) {
		struct dd_error e;
		dd_status_done(&app->status, app->now_ms, _("Saved the %s."), _(what[r->target]));
		/* Re-read only what the edit changed: the record (hostname, tags,
		 * reverses live in it) or the backup, never the fleet. */
		if (!app->quit) {
			if (r->target == T_BACKUP)
				dd_account_load_section(app->account, app->http, r->id, DD_KIND_BACKUP, 1,
							NULL, NULL, &e);
			else
				dd_account_reload_server(app->account, app->http, r->id, NULL, NULL, &e);
		}
	} else {
		dd_status_error(&app->status, app->now_ms, _("Saving"), err);
	}
	free(r);
	if (mine && !app->quit)
		rebuild(app);
	app->dirty = true;
}

static struct vreq *req_new(struct dd_app *app, enum target t)
{
	struct vreq *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->app = app;
	r->gen = app->view.gen;
	r->id = app->view.id;
	r->target = t;
	return r;
}

/* ---- opening ---- */

static void reset(struct dd_view_state *v)
{
	dd_view_lines_free(v);
	unsigned gen = v->gen;
	memset(v, 0, sizeof(*v));
	v->gen = gen + 1;
}

void dd_app_open_server(struct dd_app *app, const struct dd_server *s)
{
	struct dd_view_state *v = &app->view;
	reset(v);
	v->id = s->id;
	v->ev_page = 1;
	dd_account_watch_server(app->account, v->id);
	load_all(app);
	rebuild(app);
	dd_app_switch(app, &dd_screen_view);
}

/* ---- edits ---- */

static void open_edit(struct dd_app *app, enum target t, int ref, const char *label, const char *initial)
{
	dd_prompt_open(&app->prompt, DD_P_EDIT, label, initial);
	app->prompt.target = t;
	app->prompt.ref = ref;
}

static const struct dd_ip *ip_at(const struct dd_app *app, int ref)
{
	const struct dd_server_detail *d = detail(app);
	size_t i = (size_t)ref >> 16, k = (size_t)ref & 0xffff;
	if (!d || i >= d->n_ifaces || k >= d->ifaces[i].n_ips)
		return NULL;
	return &d->ifaces[i].ips[k];
}

/* The edit's outcome from the write path. An unknown outcome carries
 * what the re-read found. */
static void write_done(void *ud, const struct dd_write_result *res)
{
	const struct vreq *r = ud;
	struct dd_app *app = r->app;
	int64_t id = r->id;
	struct dd_error e;
	edit_done(ud, &res->error);
	/* The request may have been applied: show what the server says now. */
	if (res->outcome == DD_WRITE_UNKNOWN && !app->quit)
		dd_account_reload_server(app->account, app->http, id, NULL, NULL, &e);
}

/* 0: sent (r is the write's); 1: dry run, told on the status line, r
 * freed; -1: refused or not started, err says why. */
static int send_plan(struct dd_app *app, struct vreq *r, const struct dd_server *rec,
		     const struct dd_write_plan *plan, struct dd_error *err)
{
	static const struct dd_write_policy none = { .profile = "" };
	const struct dd_write_policy *pol = app->opts->writes ? app->opts->writes : &none;
	/* What the user saw: the write path refuses if the server changed. */
	struct dd_write_seen seen = { rec->hostname, rec->status[0] ? rec->status : NULL };
	int rc = dd_write_send(app->account, app->http, pol, plan, &seen, write_done, r, err);
	if (rc == 1) {
		char text[600];
		dd_write_describe(plan, text, sizeof(text));
		for (char *c = text; *c; c++)
			*c = *c == '\n' ? ' ' : *c;
		dd_status_done(&app->status, app->now_ms, _("Dry run, nothing sent: %s"), text);
		free(r);
	}
	return rc;
}

/* ---- backup settings: every change asks first ---- */

/* A backup change waiting in its dialog; the password is wiped with it. */
struct backup_change {
	unsigned gen;
	int64_t id;
	bool acl, autologin;
	bool has_pw;
	char pw[DD_VIEW_PW_MAX];
};

static void backup_change_free(struct backup_change *c)
{
	explicit_bzero(c, sizeof(*c));
	free(c);
}

/* Plans the change against the settings of now; 0 or -1 with err. */
static int backup_plan(struct dd_app *app, const struct backup_change *c, struct dd_write_plan *plan,
		       struct dd_error *err)
{
	const struct dd_server *rec = dd_store_server(store(app), app->view.id);
	memset(plan, 0, sizeof(*plan));
	if (!rec || !have(app, DD_KIND_BACKUP)) {
		dd_error_set(err, DD_E_USAGE, 0, NULL, _("The backup settings are not loaded yet."));
		return -1;
	}
	return dd_edit_backup(app->account, rec, c->acl, c->autologin, c->has_pw ? c->pw : NULL, plan, err);
}

static void backup_send(struct dd_app *app, const struct backup_change *c)
{
	struct dd_view_state *v = &app->view;
	const struct dd_server *rec = dd_store_server(store(app), v->id);
	struct dd_write_plan plan;
	struct dd_error err;
	struct vreq *r = req_new(app, T_BACKUP);
	int rc;
	dd_error_clear(&err);
	if (!r)
		return;
	rc = backup_plan(app, c, &plan, &err);
	if (rc == 0)
		rc = send_plan(app, r, rec, &plan, &err); /* 1 freed r; 0 keeps it */
	if (rc < 0)
		free(r);
	dd_write_plan_wipe(&plan);
	if (rc < 0)
		dd_status_error(&app->status, app->now_ms, _("Backup"), &err);
	if (rc != 0)
		return;
	v->edits++;
	v->edit_msg[0] = 0;
	rebuild(app);
}

static void backup_answered(struct dd_app *app, enum dd_dialog_outcome out, void *ud)
{
	struct backup_change *c = ud;
	/* The overview moved on to another server: this change is not its. */
	if (out == DD_DIALOG_CONFIRMED && c->gen == app->view.gen && c->id == app->view.id)
		backup_send(app, c);
	backup_change_free(c);
}

/* Shows the request (method, URL, body with the password masked) in a
 * dialog whose default is Cancel; c is the dialog's from here on. */
static void backup_ask(struct dd_app *app, struct backup_change *c)
{
	struct dd_write_plan plan;
	struct dd_error err;
	char text[512];
	dd_error_clear(&err);
	if (backup_plan(app, c, &plan, &err) < 0) {
		dd_write_plan_wipe(&plan);
		backup_change_free(c);
		dd_status_error(&app->status, app->now_ms, _("Backup"), &err);
		return;
	}
	snprintf(text, sizeof(text), "%s", plan.summary);
	struct dd_dialog_spec spec = {
		.title = c->has_pw ? _("Set the backup password?") : _("Change the backup settings?"),
		.text = text,
		.method = dd_http_method_name(plan.req.method),
		.resource = plan.req.url,
		.body = plan.req.shown,
		.confirm_label = _("Send"),
		.done = backup_answered,
		.ud = c,
	};
	dd_app_dialog(app, &spec);
	dd_write_plan_wipe(&plan);
}

static void toggle_backup(struct dd_app *app, bool autologin)
{
	const struct dd_server_sections *sec = sections(app);
	if (!dd_store_server(store(app), app->view.id) || !have(app, DD_KIND_BACKUP)) {
		dd_status_info(&app->status, app->now_ms, _("The backup settings are not loaded yet."));
		return;
	}
	struct backup_change *c = calloc(1, sizeof(*c));
	if (!c)
		return;
	c->gen = app->view.gen;
	c->id = app->view.id;
	c->acl = sec->backup.acl_enabled != !autologin;
	c->autologin = sec->backup.autologin != autologin;
	backup_ask(app, c);
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Enter on a password prompt: the first one checks the API's rule, the
 * second one must match it, then the dialog asks. */
static enum dd_result backup_password(struct dd_app *app)
{
	struct dd_view_state *v = &app->view;
	struct dd_prompt *p = &app->prompt;
	const struct dd_server_sections *sec = sections(app);
	if (!have(app, DD_KIND_BACKUP)) {
		snprintf(p->err, sizeof(p->err), _("The backup settings are not loaded yet."));
		return DD_RES_REDRAW;
	}
	if (p->target == T_BACKUP) {
		size_t n = utf8_chars(p->buf);
		if (n == 0) {
			snprintf(p->err, sizeof(p->err), _("Type a password, or Esc to cancel."));
			return DD_RES_REDRAW;
		}
		if (n < BACKUP_PW_MIN || n > BACKUP_PW_MAX) {
			snprintf(p->err, sizeof(p->err), _("Type %d to %d characters (%zu now), or Esc to cancel."),
				 BACKUP_PW_MIN, BACKUP_PW_MAX, n);
			return DD_RES_REDRAW;
		}
		snprintf(v->pw, sizeof(v->pw), "%s", p->buf);
		dd_prompt_close(p);
		open_edit(app, T_BACKUP_AGAIN, 0, _("the same password again: "), "");
		p->secret = true;
		return DD_RES_REDRAW;
	}
	bool same = !strcmp(v->pw, p->buf);
	if (!same) {
		explicit_bzero(v->pw, sizeof(v->pw));
		dd_prompt_close(p);
		open_edit(app, T_BACKUP, 0, _("new backup password: "), "");
		p->secret = true;
		snprintf(p->err, sizeof(p->err), _("The two passwords differ; type it again."));
		return DD_RES_REDRAW;
	}
	struct backup_change *c = calloc(1, sizeof(*c));
	dd_prompt_close(p);
	if (c) {
		c->gen = v->gen;
		c->id = v->id;
		c->acl = sec->backup.acl_enabled;
		c->autologin = sec->backup.autologin;
		c->has_pw = true;
		snprintf(c->pw, sizeof(c->pw), "%s", v->pw);
	}
	explicit_bzero(v->pw, sizeof(v->pw));
	if (c)
		backup_ask(app, c);
	return DD_RES_REDRAW;
}

enum dd_result dd_view_submit(struct dd_app *app)
{
	struct dd_view_state *v = &app->view;
	struct dd_prompt *p = &app->prompt;
	const struct dd_server *rec = dd_store_server(store(app), v->id);
	struct dd_write_plan plan;
	struct dd_error err;
	struct vreq *r = req_new(app, (enum target)p->target);
	int rc = -1;
	dd_error_clear(&err);
	memset(&plan, 0, sizeof(plan));
	if (!r)
		return DD_RES_REDRAW;
	if (!rec) {
		free(r);
		snprintf(p->err, sizeof(p->err), _("The server left the list; refresh with r."));
		return DD_RES_REDRAW;
	}
	switch (p->target) {
	case T_HOSTNAME:
		rc = dd_edit_hostname(app->account, rec, p->buf, &plan, &err);
		break;
	case T_TAGS:
		rc = dd_edit_tags(app->account, rec, p->buf, &plan, &err);
		break;
	case T_REVERSE: {
		const struct dd_ip *ip = ip_at(app, p->ref);
		if (!ip) {
			dd_error_set(&err, DD_E_USAGE, 0, NULL, _("That address is gone; refresh with r."));
			break;
		}
		rc = dd_edit_reverse(app->account, rec, ip, p->buf, &plan, &err);
		break;
	}
	case T_BACKUP:
	case T_BACKUP_AGAIN:
		free(r);
		return backup_password(app);
	default:
		break;
	}
	if (rc == 0)
		rc = send_plan(app, r, rec, &plan, &err); /* 1 freed r; 0 keeps it */
	if (rc < 0)
		free(r);
	dd_write_plan_wipe(&plan);
	if (rc < 0) {
		/* The prompt stays open with the reason: nothing typed is lost. */
		snprintf(p->err, sizeof(p->err), "%s", err.message);
		return DD_RES_REDRAW;
	}
	dd_prompt_close(p);
	if (rc == 0) {
		v->edits++;
		v->edit_msg[0] = 0;
	}
	rebuild(app);
	return DD_RES_REDRAW;
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
	rebuild(app);
	app->dirty = true;
}

static void draw(const struct dd_app *app)
{
	const struct dd_view_state *v = &app->view;
	const struct dd_theme *th = &app->theme;
	const struct dd_server *rec = dd_store_server(store(app), v->id);
	int y = dd_app_body_top();
	char title[700];
	snprintf(title, sizeof(title), " %s  #%" PRId64 "  %s", rec ? rec->hostname : "", v->id,
		 rec ? rec->zone : "");
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
	const struct dd_server_sections *sec = sections(app);
	const struct dd_event_page *ev = sec ? &sec->events : NULL;
	long long pages = ev && ev->page_size ? (ev->total + ev->page_size - 1) / ev->page_size : 1;
	int np = v->ev_page + delta;
	if (np < 1 || (have(app, DD_KIND_EVENTS) && np > pages)) {
		dd_status_info(&app->status, app->now_ms, delta > 0 ? _("No older events.") : _("No newer events."));
		return;
	}
	v->ev_page = np;
	load(app, DD_KIND_EVENTS);
	rebuild(app);
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
		open_edit(app, T_HOSTNAME, 0, "hostname: ", dd_store_server(store(app), v->id)
			  ? dd_store_server(store(app), v->id)->hostname : "");
		break;
	case DD_ACT_TAGS:
		if (!detail(app)) {
			dd_status_info(&app->status, app->now_ms, _("The tags are not loaded yet."));
			break;
		}
		{
			/* Each tag as it is, a comma inside one as "\\,": saving
			 * the prompt unchanged gives the same list back. */
			char *text = dd_server_tags_text(&detail(app)->s);
			open_edit(app, T_TAGS, 0, _("tags (comma-separated): "),
				  text ? text : detail(app)->s.tags);
			free(text);
		}
		break;
	case DD_ACT_REVERSE: {
		const struct dd_vline *l = v->cursor < v->nlines ? &v->lines[v->cursor] : NULL;
		const struct dd_ip *ip = l && l->kind == DD_VL_IP ? ip_at(app, l->ref) : NULL;
		char label[96];
		if (!ip) {
			dd_status_info(&app->status, app->now_ms,
				       _("Select an address under Network first (j/k), then v."));
			break;
		}
		snprintf(label, sizeof(label), _("reverse of %s: "), ip->address);
		open_edit(app, T_REVERSE, l->ref, label, ip->reverse);
		break;
	}
	case DD_ACT_AUTOLOGIN: toggle_backup(app, true); break;
	case DD_ACT_ACL: toggle_backup(app, false); break;
	case DD_ACT_BACKUP_PW:
		if (!have(app, DD_KIND_BACKUP)) {
			dd_status_info(&app->status, app->now_ms, _("The backup settings are not loaded yet."));
			break;
		}
		open_edit(app, T_BACKUP, 0, _("new backup password: "), "");
		app->prompt.secret = true;
		break;
	case DD_ACT_REBOOT:
	case DD_ACT_START:
	case DD_ACT_STOP:
	case DD_ACT_RESCUE:
	case DD_ACT_RAID:
	case DD_ACT_SSH:
	case DD_ACT_COPY_ADDR:
	case DD_ACT_INSTALL:
	case DD_ACT_BMC:
		return dd_actions_key(app, act, v->id);
	case DD_ACT_EV_NEXT: events_page(app, 1); break;
	case DD_ACT_EV_PREV: events_page(app, -1); break;
	case DD_ACT_ESC:
	case DD_ACT_BACK:
		return DD_RES_BACK;
	default:
		return DD_RES_UNHANDLED;
	}
	return DD_RES_REDRAW;
}

static void reload_all(struct dd_app *app)
{
	load_all(app);
	rebuild(app);
}

const struct dd_screen_ops dd_screen_view = {
	.name = N_("Server"),
	.scopes = DD_KS_MOVE | DD_KS_VIEW | DD_KS_SERVER,
	.enter = enter,
	.leave = leave,
	.draw = draw,
	.key = key,
	.resize = resize,
	.data = data,
	.submit = dd_view_submit,
	.reload = reload_all,
	.free = leave, /* harmless after leave */
};
