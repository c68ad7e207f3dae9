/* The Network tab: the failover IPs (tui/failover.c) and the IPv6 block
 * with its subnets (tui/ipv6.c), f and i switch. RPN v1 and v2 groups are
 * a screen of their own (tui/rpn.c); R opens it. What the two
 * views share lives here: sending a confirmed plan through core/write and
 * the dialog that comes first. */
#include <curses.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/net_load.h"
#include "core/sections.h"
#include "core/store.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/network.h"
#include "tui/rpn.h"

void dd_net_line(struct dd_app *app, const char *fmt, ...)
{
	struct dd_network_state *n = &app->network;
	va_list ap;

	if (n->n_lines == DD_NET_LINES) {
		memmove(n->lines[0], n->lines[1], sizeof(n->lines[0]) * (DD_NET_LINES - 1));
		n->n_lines--;
	}
	va_start(ap, fmt);
	vsnprintf(n->lines[n->n_lines++], sizeof(n->lines[0]), fmt, ap);
	va_end(ap);
	app->dirty = true;
}

static void on_quota(void *ud, const struct dd_error *err)
{
	struct dd_app *app = ud;

	app->network.quota_reading = false;
	app->network.quota_err = *err;
	app->dirty = true;
}

void dd_net_read_quota(struct dd_app *app)
{
	struct dd_network_state *n = &app->network;
	struct dd_error e;

	if (n->quota_reading)
		return;
	/* the array is written by the read: one read at a time */
	if (dd_net_read_fip_quota(app->account, app->http, NULL, n->quota, &n->n_quota, on_quota, app,
				  &e) < 0) {
		n->n_quota = 0;
		n->quota_err = e;
	} else {
		n->quota_reading = true;
	}
}

static void load(struct dd_app *app)
{
	struct dd_error e;
	/* a refusal to start marks the collection failed: the view shows why */
	dd_account_load_failovers(app->account, app->http, NULL, NULL, NULL, &e);
	dd_account_load_ipv6(app->account, app->http, NULL, NULL, &e);
	dd_net_read_quota(app);
	app->network.started = true;
}

static void written(void *ud, const struct dd_write_result *r)
{
	struct dd_app *app = ud;

	app->network.writing = false;
	if (r->outcome == DD_WRITE_OK) {
		dd_status_done(&app->status, app->now_ms, _("%s: done."), r->plan->summary);
		dd_net_line(app, _("%s: done."), r->plan->summary);
	} else if (r->outcome == DD_WRITE_UNKNOWN) {
		dd_net_line(app, _("%s: outcome unknown: %s"), r->plan->summary, r->reconciled);
		dd_status_error(&app->status, app->now_ms, r->plan->summary, &r->error);
	} else {
		dd_net_line(app, "%s: %s", r->plan->summary, r->error.message);
		dd_status_error(&app->status, app->now_ms, r->plan->summary, &r->error);
	}
	if (!app->quit)
		load(app); /* what changed, never the fleet */
	app->dirty = true;
}

void dd_net_send(struct dd_app *app, struct dd_write_plan *plan)
{
	static const struct dd_write_policy none = { .profile = "" };
	const struct dd_write_policy *pol = app->opts->writes ? app->opts->writes : &none;
	struct dd_error err;
	int rc = dd_write_send_target(app->account, app->http, pol, plan, &app->network.target.t,
				      written, app, &err);

	if (rc == 1) {
		dd_status_done(&app->status, app->now_ms, _("Dry run, nothing sent: %s"), plan->summary);
		dd_net_line(app, _("Dry run, nothing sent: %s"), plan->summary);
	} else if (rc < 0) {
		dd_status_error(&app->status, app->now_ms, plan->summary, &err);
		dd_net_line(app, "%s: %s", plan->summary, err.message);
	} else {
		app->network.writing = true;
	}
	dd_write_plan_wipe(plan);
}

static void dialog_done(struct dd_app *app, enum dd_dialog_outcome out, void *ud)
{
	(void)ud;
	void (*after)(struct dd_app *, int) = app->network.after;
	app->network.after = NULL;
	if (after)
		after(app, out == DD_DIALOG_CONFIRMED);
	dd_write_plan_wipe(&app->network.plan);
	app->dirty = true;
}

static const char *method_name(enum dd_http_method m)
{
	static const char *const names[] = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE" };
	return (unsigned)m < sizeof(names) / sizeof(names[0]) ? names[m] : "?";
}

void dd_net_confirm(struct dd_app *app, const char *title, const char *text,
		    const struct dd_write_plan *plan, const char *typed,
		    void (*done)(struct dd_app *app, int confirmed))
{
	if (plan != &app->network.plan)
		app->network.plan = *plan;
	app->network.after = done;
	struct dd_dialog_spec spec = {
		.title = title,
		.text = text ? text : plan->summary,
		.method = method_name(plan->req.method),
		.resource = plan->req.url,
		.body = plan->req.shown,
		.price = plan->price,
		.typed = typed,
		.done = dialog_done,
	};
	dd_app_dialog(app, &spec);
}

struct dd_write_plan *dd_net_plan(struct dd_app *app)
{
	return &app->network.plan;
}

static void draw(const struct dd_app *app)
{
	const struct dd_network_state *n = &app->network;
	int top = dd_app_body_top(), h = dd_app_body_height(app), w = app->cols - 4;
	unsigned long dim = dd_theme_attr(&app->theme, DD_R_DIM);
	int y = top;

	dd_draw_text(y, 2, w, n->view == DD_NV_FAILOVER ? _("[f] Failover IPs   i  IPv6")
							 : _(" f  Failover IPs  [i] IPv6"),
		     dd_theme_attr(&app->theme, DD_R_SECTION));
	dd_draw_text(y, 32, w - 30, " R  RPN v1/v2 topology", dim);
	y += 2;
	int lines = (int)n->n_lines, body = h - 3 - (lines ? lines + 1 : 0);
	if (n->view == DD_NV_FAILOVER)
		dd_net_fo_draw(app, y, body);
	else
		dd_net_v6_draw(app, y, body);
	y = top + h - lines - 1;
	for (int i = 0; i < lines; i++)
		dd_draw_text(y + i, 2, w, n->lines[i], dd_theme_attr(&app->theme, DD_R_VALUE));
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	struct dd_network_state *n = &app->network;
	(void)fkey, (void)ch;
	if (act == DD_ACT_RPN) {
		dd_app_switch(app, &dd_screen_rpn);
		return DD_RES_REDRAW;
	}
	if (act == DD_ACT_NET_FAILOVER || act == DD_ACT_NET_IPV6) {
		n->view = act == DD_ACT_NET_FAILOVER ? DD_NV_FAILOVER : DD_NV_IPV6;
		n->picking = false;
		return DD_RES_REDRAW;
	}
	return n->view == DD_NV_FAILOVER ? dd_net_fo_key(app, act) : dd_net_v6_key(app, act);
}

static enum dd_result submit(struct dd_app *app)
{
	int t = app->prompt.target;
	return t == DD_NE_CARVE || t == DD_NE_NS ? dd_net_v6_submit(app) : dd_net_fo_submit(app);
}

static void enter(struct dd_app *app)
{
	if (!app->network.started)
		load(app);
}

static void reload(struct dd_app *app)
{
	load(app);
	dd_status_info(&app->status, app->now_ms, _("Reading the failover IPs and the IPv6 block again."));
}

static void free_state(struct dd_app *app)
{
	dd_write_plan_wipe(&app->network.plan);
}

const struct dd_screen_ops dd_screen_network = {
	.name = N_("Network"),
	.scopes = DD_KS_MOVE | DD_KS_NET,
	.enter = enter,
	.draw = draw,
	.key = key,
	.submit = submit,
	.reload = reload,
	.free = free_state,
};
