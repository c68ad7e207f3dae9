#include "tui/rpn.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/i18n.h"
#include "core/net_load.h"
#include "core/rpn_logs.h"
#include "core/rpn_write.h"
#include "core/store.h"
#include "tui/app.h"
#include "tui/draw.h"

/* The screen keeps a cursor over rows it derives from the store on every
 * draw, never records. */
static struct {
	size_t cursor, top;
} S;

/* The log of one RPN v2 group, opened with l: read on demand into a list
 * the screen owns while it shows it (a history, not a kind of the store).
 * The list stays until its read is over even when the view is closed. */
static struct {
	bool open, reading;
	int64_t group;
	char name[DD_RPN_NAME_MAX * 4 + 1];
	struct dd_rpn_log_list l;
	struct dd_error err;
	size_t top;
} L;

enum row_kind { R_TITLE, R_GROUP, R_MEMBER, R_COMPAT, R_INVITE, R_NOTE };

struct row {
	enum row_kind kind;
	bool v2;
	const struct dd_rpn_group *g;
	const struct dd_rpn_member *m;
	char text[320];
};

static const struct dd_store *store(const struct dd_app *app)
{
	return dd_account_store(app->account);
}

static const char *state_note(const struct dd_coll *c)
{
	switch (c->state) {
	case DD_COLL_EMPTY:
		return _("not read yet");
	case DD_COLL_LOADING:
		return _("reading...");
	case DD_COLL_ERROR:
		return c->error.message;
	default:
		return NULL;
	}
}

/* Row i of the topology into r; false past the last. */
static bool row_at(const struct dd_app *app, size_t i, struct row *r)
{
	size_t k = 0;

	memset(r, 0, sizeof(*r));
	for (int v = 1; v <= 2; v++) {
		const struct dd_rpn_list *l = v == 2 ? dd_store_rpnv2(store(app)) : dd_store_rpnv1(store(app));
		const struct dd_coll *c = dd_store_meta(store(app), v == 2 ? DD_KIND_RPNV2 : DD_KIND_RPNV1);
		const char *note = state_note(c);
		r->v2 = v == 2;
		if (k++ == i) {
			r->kind = R_TITLE;
			snprintf(r->text, sizeof(r->text), _("RPN v%d  %zu group%s%s%s%s"), v, l->n,
				 l->n == 1 ? "" : "s", note ? "  (" : "", note ? note : "", note ? ")" : "");
			return true;
		}
		for (size_t gi = 0; gi < l->n; gi++) {
			const struct dd_rpn_group *g = &l->v[gi];
			r->g = g;
			if (k++ == i) {
				r->kind = R_GROUP;
				snprintf(r->text, sizeof(r->text), _("%-9" PRId64 " %-24s %-9s %-9s owner %s%s%s"),
					 g->id, g->name, g->type, g->status[0] ? g->status : "-", g->owner,
					 g->subnet[0] ? "  subnet " : "", g->subnet);
				return true;
			}
			if (v == 2 && g->compatible_rpnv1 && k++ == i) {
				r->kind = R_COMPAT;
				snprintf(r->text, sizeof(r->text), _("  <-> compatible with RPN v1 group %" PRId64),
					 g->rpnv1_group_id);
				return true;
			}
			for (size_t mi = 0; mi < g->n_members; mi++) {
				const struct dd_rpn_member *m = &g->members[mi];
				char who[300];
				if (k++ != i)
					continue;
				r->kind = R_MEMBER;
				r->m = m;
				if (m->server_id)
					snprintf(who, sizeof(who), "server %" PRId64 " %s", m->server_id, m->hostname);
				else if (m->rpnv1_group_id)
					snprintf(who, sizeof(who), "RPN v1 group %" PRId64, m->rpnv1_group_id);
				else
					snprintf(who, sizeof(who), _("another account's server"));
				snprintf(r->text, sizeof(r->text), _("  %s member %-9" PRId64 " %-36s %-19s%s%s"),
					 mi + 1 == g->n_members ? "`-" : "|-", m->id, who, m->status,
					 v == 2 ? " VLAN " : "", v == 2 ? (m->vlan[0] ? m->vlan : "-") : "");
				return true;
			}
		}
	}
	const struct dd_rpn_list *l1 = dd_store_rpnv1(store(app));
	r->g = NULL;
	r->v2 = false;
	if (k++ == i) {
		r->kind = R_TITLE;
		snprintf(r->text, sizeof(r->text), _("Invitations received  %zu"), l1->n_invites);
		return true;
	}
	for (size_t ii = 0; ii < l1->n_invites; ii++)
		if (k++ == i) {
			const struct dd_rpn_member *m = &l1->invites[ii];
			r->kind = R_INVITE;
			r->m = m;
			snprintf(r->text, sizeof(r->text), _("%-9" PRId64 " into %s (group %" PRId64
				 ", owner %s) for server %" PRId64 " %s  %s"), m->id, m->group_name,
				 m->group_id, m->group_owner, m->server_id, m->hostname, m->status);
			return true;
		}
	return false;
}

static size_t rows(const struct dd_app *app)
{
	struct row r;
	size_t n = 0;
	while (row_at(app, n, &r))
		n++;
	return n;
}

static void draw_logs(const struct dd_app *app)
{
	int y = dd_app_body_top(), h = dd_app_body_height(app);
	char line[400];

	snprintf(line, sizeof(line), _(" RPN v2 group %s (%" PRId64 ") logs, oldest first   j/k scroll  r read again  Esc back"),
		 L.name, L.group);
	dd_draw_field(y, 0, app->cols, line, dd_theme_attr(&app->theme, DD_R_HEADER));
	if (L.reading || L.err.kind != DD_OK || !L.l.n) {
		snprintf(line, sizeof(line), "%s", L.reading ? _("reading the group's logs...")
			 : L.err.kind != DD_OK ? L.err.message : _("no log line for this group"));
		dd_draw_field(y + 1, 0, app->cols, line,
			      dd_theme_attr(&app->theme, L.err.kind != DD_OK && !L.reading ? DD_R_ERROR : DD_R_DIM));
		return;
	}
	for (int k = 1; k < h && L.top + (size_t)k - 1 < L.l.n; k++) {
		const struct dd_rpn_log *g = &L.l.v[L.top + (size_t)k - 1];
		snprintf(line, sizeof(line), "%-25s %-28s %-8s %s", g->created_at, g->action, g->status,
			 g->hostname);
		dd_draw_field(y + k, 0, app->cols, line,
			      dd_theme_attr(&app->theme, strcmp(g->status, "error") == 0 ? DD_R_ERROR : DD_R_NORMAL));
	}
}

static void draw(const struct dd_app *app)
{
	int y = dd_app_body_top(), h = dd_app_body_height(app);
	struct row r;

	if (L.open) {
		draw_logs(app);
		return;
	}

	dd_draw_field(y, 0, app->cols, _(" RPN topology  v1 and v2 groups, members, VLANs, invitations"
		      "   d delete/remove/refuse  a accept  l v2 logs  Esc"), dd_theme_attr(&app->theme, DD_R_HEADER));
	for (int line = 1; line < h; line++) {
		size_t i = S.top + (size_t)line - 1;
		if (!row_at(app, i, &r))
			break;
		enum dd_role role = r.kind == R_TITLE ? DD_R_SECTION
				    : r.kind == R_COMPAT ? DD_R_DIM
				    : r.m && strstr(r.m->status, "pending") ? DD_R_STATE_INSTALLING
				    : r.m && strcmp(r.m->status, "active") ? DD_R_STATE_INSTALLING
				    : DD_R_NORMAL;
		if (i == S.cursor)
			role = DD_R_CURSOR;
		dd_draw_field(y + line, 0, app->cols, r.text, dd_theme_attr(&app->theme, role));
	}
}

static void load(struct dd_app *app)
{
	struct dd_error err;
	dd_error_clear(&err);
	if (dd_store_meta(store(app), DD_KIND_RPNV1)->state != DD_COLL_LOADING &&
	    dd_account_load_rpnv1(app->account, app->http, NULL, NULL, &err) < 0)
		dd_status_error(&app->status, app->now_ms, _("Reading RPN v1 groups"), &err);
	if (dd_store_meta(store(app), DD_KIND_RPNV2)->state != DD_COLL_LOADING &&
	    dd_account_load_rpnv2(app->account, app->http, NULL, NULL, &err) < 0)
		dd_status_error(&app->status, app->now_ms, _("Reading RPN v2 groups"), &err);
	app->dirty = true;
}

static void on_logs(void *ud, const struct dd_error *err)
{
	struct dd_app *app = ud;

	L.reading = false;
	L.err = *err;
	if (err->kind != DD_OK)
		dd_status_error(&app->status, app->now_ms, _("Reading the RPN v2 group's logs"), err);
	app->dirty = true;
}

static void read_logs(struct dd_app *app)
{
	struct dd_error err;

	if (L.reading)
		return;
	dd_rpn_log_list_clear(&L.l);
	dd_error_clear(&L.err);
	L.top = 0;
	if (dd_rpn_load_logs(app->account, app->http, L.group, &L.l, on_logs, app, &err) < 0) {
		L.err = err;
		dd_status_error(&app->status, app->now_ms, _("Reading the RPN v2 group's logs"), &err);
	} else {
		L.reading = true;
	}
	app->dirty = true;
}

/* l: the logs of the RPN v2 group under the cursor (or of the member's). */
static void open_logs(struct dd_app *app)
{
	struct row r;

	if (!row_at(app, S.cursor, &r) || !r.v2 || !r.g || (r.kind != R_GROUP && r.kind != R_MEMBER)) {
		dd_status_info(&app->status, app->now_ms,
			       _("Put the cursor on an RPN v2 group (or one of its members) first: logs are RPN v2's."));
		return;
	}
	if (L.reading) {
		dd_status_info(&app->status, app->now_ms, _("Still reading the logs of RPN v2 group %" PRId64 "."),
			       L.group);
		return;
	}
	L.open = true;
	L.group = r.g->id;
	snprintf(L.name, sizeof(L.name), "%s", r.g->name);
	read_logs(app);
}

static enum dd_result logs_key(struct dd_app *app, enum dd_action act)
{
	int page = dd_app_body_height(app) - 1;

	switch (act) {
	case DD_ACT_DOWN:
		if (L.top + 1 < L.l.n && !L.reading)
			L.top++;
		break;
	case DD_ACT_UP:
		if (L.top)
			L.top--;
		break;
	case DD_ACT_PGDN:
		if (!L.reading && page > 0)
			L.top = L.top + (size_t)page < L.l.n ? L.top + (size_t)page : L.top;
		break;
	case DD_ACT_PGUP:
		L.top = L.top > (size_t)page ? L.top - (size_t)page : 0;
		break;
	case DD_ACT_ESC:
	case DD_ACT_BACK:
		L.open = false;
		if (!L.reading)
			dd_rpn_log_list_clear(&L.l);
		break;
	default:
		return DD_RES_UNHANDLED;
	}
	return DD_RES_REDRAW;
}

/* A change waiting in its dialog, then in the write path: it owns the
 * target the write path re-reads. */
struct pending {
	struct dd_app *app;
	struct dd_rpn_change ch;
	char name[DD_RPN_NAME_MAX * 4 + 1];
	struct dd_rpn_member member; /* REMOVE: its server, for `protected` (strings borrowed) */
	char host[256];
	struct dd_rpn_target *t;
};

static void pending_free(struct pending *p)
{
	dd_rpn_target_free(p->t);
	free(p);
}

static void written(void *ud, const struct dd_write_result *res)
{
	struct pending *p = ud;
	struct dd_app *app = p->app;
	struct dd_error err;

	if (res->outcome == DD_WRITE_OK)
		dd_status_done(&app->status, app->now_ms, _("%s: done."), res->plan->summary);
	else
		dd_status_error(&app->status, app->now_ms, "RPN", &res->error);
	/* Read again only the kind that changed (and after an unknown outcome, too). */
	dd_error_clear(&err);
	if (!app->quit && res->outcome != DD_WRITE_REFUSED) {
		if (p->ch.v2)
			dd_account_load_rpnv2(app->account, app->http, NULL, NULL, &err);
		else
			dd_account_load_rpnv1(app->account, app->http, NULL, NULL, &err);
	}
	pending_free(p);
	app->dirty = true;
}

static void answered(struct dd_app *app, enum dd_dialog_outcome out, void *ud)
{
	static const struct dd_write_policy none = { .profile = "" };
	const struct dd_write_policy *pol = app->opts->writes ? app->opts->writes : &none;
	struct pending *p = ud;
	struct dd_write_plan plan;
	struct dd_write_target target;
	struct dd_error err;
	int rc;

	if (out != DD_DIALOG_CONFIRMED) {
		dd_status_info(&app->status, app->now_ms, _("Cancelled; nothing was sent."));
		pending_free(p);
		return;
	}
	dd_error_clear(&err);
	if (dd_rpn_plan(app->account, &p->ch, p->name, &plan, &err) < 0 ||
	    !(p->t = dd_rpn_target_new(&p->ch, p->name, &err))) {
		dd_status_error(&app->status, app->now_ms, "RPN", &err);
		dd_write_plan_wipe(&plan);
		pending_free(p);
		return;
	}
	if (p->ch.op == DD_RPN_REMOVE)
		dd_rpn_plan_member(&plan, &p->member);
	dd_rpn_target_lend(p->t, &target);
	rc = dd_write_send_target(app->account, app->http, pol, &plan, &target, written, p, &err);
	if (rc == 1) {
		char text[600];
		dd_write_describe(&plan, text, sizeof(text));
		for (char *c = text; *c; c++)
			*c = *c == '\n' ? ' ' : *c;
		dd_status_done(&app->status, app->now_ms, _("Dry run, nothing sent: %s"), text);
	} else if (rc < 0) {
		dd_status_error(&app->status, app->now_ms, "RPN", &err);
	}
	if (rc != 0)
		pending_free(p);
	dd_write_plan_wipe(&plan);
	app->dirty = true;
}

/* d: delete the group under the cursor, remove the member under it, or
 * refuse the invitation under it; a (accept true): accept the invitation. */
static void ask(struct dd_app *app, bool accept)
{
	struct row r;
	struct dd_write_plan plan;
	struct dd_error err;
	struct pending *p;
	char title[160];

	if (!row_at(app, S.cursor, &r) || (accept && r.kind != R_INVITE) ||
	    (r.kind != R_GROUP && r.kind != R_MEMBER && r.kind != R_INVITE)) {
		dd_status_info(&app->status, app->now_ms, accept ? _("Put the cursor on an invitation first.")
				: _("Put the cursor on a group, a member or an invitation first."));
		return;
	}
	if (!(p = calloc(1, sizeof(*p)))) {
		dd_error_oom(&err);
		dd_status_error(&app->status, app->now_ms, "RPN", &err);
		return;
	}
	p->app = app;
	p->ch.v2 = r.v2;
	if (r.kind == R_INVITE) {
		/* the name to type is the inviting group's */
		p->ch.op = accept ? DD_RPN_ACCEPT : DD_RPN_REFUSE;
		p->ch.member_id = r.m->id;
		snprintf(p->name, sizeof(p->name), "%s", r.m->group_name);
	} else {
		p->ch.group_id = r.g->id;
		snprintf(p->name, sizeof(p->name), "%s", r.g->name);
	}
	if (r.kind == R_GROUP) {
		p->ch.op = DD_RPN_DELETE;
	} else if (r.kind == R_MEMBER) {
		p->ch.op = DD_RPN_REMOVE;
		p->ch.ids[0] = r.m->id;
		p->ch.n_ids = 1;
		/* the store may change while the dialog is open: copy what the
		 * guard needs */
		snprintf(p->host, sizeof(p->host), "%s", r.m->hostname);
		p->member = (struct dd_rpn_member){ .id = r.m->id, .server_id = r.m->server_id,
						    .hostname = p->host };
	}
	dd_error_clear(&err);
	if (dd_rpn_plan(app->account, &p->ch, p->name, &plan, &err) < 0) {
		dd_status_error(&app->status, app->now_ms, "RPN", &err);
		pending_free(p);
		return;
	}
	snprintf(title, sizeof(title), "%s?", plan.summary);
	title[0] = (char)(title[0] - 'a' + 'A');
	struct dd_dialog_spec spec = {
		.title = title,
		.text = accept ? _("The server joins the other account's group.")
			: r.kind == R_INVITE ? _("The invitation goes away; the server stays out of the group.")
			: r.kind == R_GROUP ? _("The group and every membership in it go away.")
					  : _("The server leaves the group's private network."),
		.method = dd_http_method_name(plan.req.method),
		.resource = plan.req.url,
		.body = plan.req.shown,
		.confirm_label = accept ? _("Accept") : r.kind == R_INVITE ? _("Refuse")
			: r.kind == R_GROUP ? _("Delete") : _("Remove"),
		/* accepting destroys nothing: no name to type */
		.typed = accept ? NULL : p->name,
		.done = answered,
		.ud = p,
	};
	dd_app_dialog(app, &spec);
	dd_write_plan_wipe(&plan);
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	size_t n = rows(app);
	int page = dd_app_body_height(app) - 1;
	(void)fkey, (void)ch;
	if (L.open)
		return logs_key(app, act);
	if (page < 1)
		page = 1;
	switch (act) {
	case DD_ACT_DOWN:
		if (S.cursor + 1 < n)
			S.cursor++;
		break;
	case DD_ACT_UP:
		if (S.cursor)
			S.cursor--;
		break;
	case DD_ACT_TOP:
		S.cursor = 0;
		break;
	case DD_ACT_BOTTOM:
		S.cursor = n ? n - 1 : 0;
		break;
	case DD_ACT_PGDN:
		S.cursor = S.cursor + (size_t)page < n ? S.cursor + (size_t)page : (n ? n - 1 : 0);
		break;
	case DD_ACT_PGUP:
		S.cursor = S.cursor > (size_t)page ? S.cursor - (size_t)page : 0;
		break;
	case DD_ACT_RPN_LOGS:
		open_logs(app);
		return DD_RES_REDRAW;
	case DD_ACT_RPN_DELETE:
	case DD_ACT_RPN_ACCEPT:
		ask(app, act == DD_ACT_RPN_ACCEPT);
		return DD_RES_REDRAW;
	case DD_ACT_ESC:
	case DD_ACT_BACK:
		return DD_RES_BACK;
	default:
		return DD_RES_UNHANDLED;
	}
	if (S.cursor < S.top)
		S.top = S.cursor;
	if (S.cursor >= S.top + (size_t)page)
		S.top = S.cursor + 1 - (size_t)page;
	return DD_RES_REDRAW;
}

static void enter(struct dd_app *app)
{
	S.cursor = S.top = 0;
	L.open = false;
	load(app);
}

/* r: the logs when they are open, else the groups. */
static void reload(struct dd_app *app)
{
	if (L.open)
		read_logs(app);
	else
		load(app);
}

static void rpn_free(struct dd_app *app)
{
	(void)app;
	/* the http handle is gone by now: no read can still write into L.l */
	dd_rpn_log_list_clear(&L.l);
	L.open = L.reading = false;
}

static void data(struct dd_app *app, enum dd_data what)
{
	(void)what;
	app->dirty = true;
}

const struct dd_screen_ops dd_screen_rpn = {
	.name = "RPN",
	.scopes = DD_KS_MOVE | DD_KS_RPN,
	.enter = enter,
	.draw = draw,
	.key = key,
	.data = data,
	.reload = reload,
	.free = rpn_free,
};
