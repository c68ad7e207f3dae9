#include "tui/actions.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/actions.h"
#include "core/actions_load.h"
#include "core/write.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/bmc.h"
#include "tui/install.h"
#include "tui/raid.h"
#include "tui/ssh.h"
#include "tui/status.h"

/* One action from its key to its outcome. What the user saw is copied
 * when the dialog opens: a rename or a status change meanwhile makes the
 * write path refuse, instead of sending to a server the dialog did not
 * show. */
struct dd_action_pending {
	struct dd_app *app;
	enum dd_action act;
	int64_t id;
	bool off;                     /* rescue: leave it; bmc: revoke */
	char seen_host[256];
	char seen_status[16];
	struct dd_rescue_image image; /* rescue: the system to boot */
	char ip[64];                  /* bmc: the address allowed */
	struct dd_write_plan plan;    /* as the dialog showed it */
	size_t cursor;                /* the rescue picker's row */
	const struct dd_screen_ops *from; /* the screen the picker covers */
};

static void pending_free(struct dd_action_pending *p)
{
	dd_write_plan_wipe(&p->plan);
	free(p);
}

static const struct dd_server *record(struct dd_app *app, int64_t id)
{
	return dd_store_server(dd_account_store(app->account), id);
}

static int plan_for(struct dd_action_pending *p, const struct dd_server *s, struct dd_error *err)
{
	struct dd_account *a = p->app->account;

	switch (p->act) {
	case DD_ACT_REBOOT: return dd_action_power(a, s, DD_POWER_REBOOT, NULL, &p->plan, err);
	case DD_ACT_START: return dd_action_power(a, s, DD_POWER_START, NULL, &p->plan, err);
	case DD_ACT_STOP: return dd_action_power(a, s, DD_POWER_STOP, NULL, &p->plan, err);
	case DD_ACT_RESCUE:
		return p->off ? dd_action_rescue_off(a, s, &p->plan, err)
			      : dd_action_rescue(a, s, &p->image, &p->plan, err);
	default:
		/* no session at hand here: an Online session is revoked from the KVM screen (K) */
		return p->off ? dd_action_bmc_off(a, s, NULL, &p->plan, err)
			      : dd_action_bmc(a, s, p->ip, &p->plan, err);
	}
}

/* The credentials the API just gave, shown once in a dialog of their own. */
static void show_secret(struct dd_app *app, const struct dd_action_pending *p,
			const struct dd_write_result *r)
{
	char text[512];
	struct dd_error err;
	const char *title;

	if (p->act == DD_ACT_RESCUE) {
		struct dd_rescue_creds c;
		if (dd_action_decode_rescue(&p->plan, r->body, r->body_len, &c, &err) < 0) {
			dd_status_error(&app->status, app->now_ms, "Rescue", &err);
			return;
		}
		title = "Rescue credentials (shown once)";
		snprintf(text, sizeof(text), "%s %s@%s\nlogin     %s\npassword  %s\nprotocol  %s",
			 c.protocol, c.login, c.ip[0] ? c.ip : p->seen_host, c.login, c.password,
			 c.protocol);
		dd_action_wipe(&c, sizeof(c));
	} else {
		struct dd_bmc b;
		if (dd_action_decode_bmc(&p->plan, r->body, r->body_len, r->date, &b, &err) < 0) {
			dd_status_error(&app->status, app->now_ms, "KVM", &err);
			return;
		}
		title = "KVM access (shown once)";
		if (!b.url[0] && b.session_key[0])
			snprintf(text, sizeof(text), "The Online API is preparing the session: the KVM screen (K) shows it when ready.");
		else
			snprintf(text, sizeof(text), "%s\nlogin     %s\npassword  %s\nexpires   %s\nallowed   %s",
			 b.url, b.login, b.password, b.expires_at[0] ? b.expires_at : "not said", p->ip);
		dd_action_wipe(&b, sizeof(b));
	}
	struct dd_dialog_spec spec = { .title = title, .text = text, .confirm_label = "Close" };
	dd_app_dialog(app, &spec);
	dd_action_wipe(text, sizeof(text));
}

static void write_done(void *ud, const struct dd_write_result *r)
{
	struct dd_action_pending *p = ud;
	struct dd_app *app = p->app;
	struct dd_error e;

	if (r->outcome == DD_WRITE_OK) {
		dd_status_done(&app->status, app->now_ms, "%s: done.", r->plan->summary);
		if (!p->off && (p->act == DD_ACT_RESCUE || p->act == DD_ACT_BMC) && !app->quit)
			show_secret(app, p, r);
	} else {
		dd_status_error(&app->status, app->now_ms, r->plan->summary, &r->error);
	}
	app->dirty = true;
	/* The server's status moved (or may have): read that one server again. */
	if (!app->quit && record(app, p->id))
		dd_account_reload_server(app->account, app->http, p->id, NULL, NULL, &e);
	pending_free(p);
}

static void answered(struct dd_app *app, enum dd_dialog_outcome out, void *ud)
{
	struct dd_action_pending *p = ud;
	static const struct dd_write_policy none = { .profile = "" };
	const struct dd_write_policy *pol = app->opts->writes ? app->opts->writes : &none;
	struct dd_write_seen seen = { p->seen_host, p->seen_status[0] ? p->seen_status : NULL };
	struct dd_error err;
	int rc;

	if (out != DD_DIALOG_CONFIRMED) {
		dd_status_info(&app->status, app->now_ms, "Cancelled: nothing sent.");
		pending_free(p);
		return;
	}
	dd_error_clear(&err);
	/* The plan the dialog showed is sent; the write path re-reads the
	 * server and compares it with what the dialog showed. */
	rc = dd_write_send(app->account, app->http, pol, &p->plan, &seen, write_done, p, &err);
	if (rc == 1) {
		char text[600];
		dd_write_describe(&p->plan, text, sizeof(text));
		for (char *c = text; *c; c++)
			*c = *c == '\n' ? ' ' : *c;
		dd_status_done(&app->status, app->now_ms, "Dry run, nothing sent: %s", text);
	} else if (rc < 0) {
		dd_status_error(&app->status, app->now_ms, p->plan.summary, &err);
	}
	if (rc != 0)
		pending_free(p);
	app->dirty = true;
}

static const char *const labels[] = { "Reboot", "Start", "Stop", "Rescue", "Open KVM" };

static void ask(struct dd_action_pending *p)
{
	struct dd_app *app = p->app;
	const struct dd_server *s = record(app, p->id);
	struct dd_error err;
	char title[128], ids[24];

	dd_error_clear(&err);
	if (!s) {
		dd_status_info(&app->status, app->now_ms, "Server %" PRId64 " is no longer listed.", p->id);
		pending_free(p);
		return;
	}
	snprintf(p->seen_host, sizeof(p->seen_host), "%s", s->hostname ? s->hostname : "");
	snprintf(p->seen_status, sizeof(p->seen_status), "%s", s->status);
	if (plan_for(p, s, &err) < 0) {
		dd_status_error(&app->status, app->now_ms, labels[p->act - DD_ACT_REBOOT], &err);
		pending_free(p);
		return;
	}
	snprintf(ids, sizeof(ids), "%" PRId64, s->id);
	snprintf(title, sizeof(title), "%s?", p->plan.summary);
	struct dd_dialog_spec spec = {
		.title = title,
		.text = "Type the hostname (or the id when it has none) to enable the action.",
		.method = dd_http_method_name(p->plan.req.method),
		.resource = p->plan.req.url,
		.body = p->plan.req.shown,
		.confirm_label = p->off ? (p->act == DD_ACT_RESCUE ? "Leave rescue" : "Revoke")
					: labels[p->act - DD_ACT_REBOOT],
		.typed = p->seen_host[0] ? p->seen_host : ids,
		.done = answered,
		.ud = p,
	};
	dd_app_dialog(app, &spec);
}

/* The rescue images live in the store (DD_KIND_RESCUE_IMAGES, per
 * server); empty when they are not read. */
static const struct dd_rescue_images *images(const struct dd_app *app, const struct dd_action_pending *p)
{
	static const struct dd_rescue_images none;
	const struct dd_server_sections *sec = dd_store_sections(dd_account_store(app->account), p->id);
	return sec ? &sec->rescue_images : &none;
}

static void images_done(void *ud, const struct dd_error *err)
{
	struct dd_action_pending *p = ud;
	const struct dd_rescue_images *l = images(p->app, p);

	if (err->kind != DD_OK) {
		dd_status_error(&p->app->status, p->app->now_ms, "Rescue images", err);
		pending_free(p);
		return;
	}
	p->app->dirty = true;
	if (l->n == 1) {
		p->image = l->v[0];
		ask(p);
		return;
	}
	/* several: the picker, over the screen the key came from */
	if (p->app->rescue_pick)
		pending_free(p->app->rescue_pick);
	p->app->rescue_pick = p;
	p->from = p->app->screen;
	dd_app_switch(p->app, &dd_screen_rescue_pick);
}

static void pick_draw(const struct dd_app *app)
{
	const struct dd_action_pending *p = app->rescue_pick;
	int y = dd_app_body_top(), bottom = y + dd_app_body_height(app);
	char buf[200];

	if (!p)
		return;
	snprintf(buf, sizeof(buf), " Rescue system for %s", p->seen_host[0] ? p->seen_host : "the server");
	dd_draw_field(y++, 0, app->cols, buf, dd_theme_attr(&app->theme, DD_R_HEADER));
	y++;
	const struct dd_rescue_images *l = images(app, p);
	for (size_t i = 0; i < l->n && y < bottom; i++)
		dd_draw_field(y++, 2, app->cols - 4, l->v[i].name,
			      dd_theme_attr(&app->theme, i == p->cursor ? DD_R_CURSOR : DD_R_ROW));
	if (y + 1 < bottom)
		dd_draw_text(y + 1, 2, app->cols - 4, "j/k, Enter: boot it (asks first)   Esc: back",
			     dd_theme_attr(&app->theme, DD_R_DIM));
}

static enum dd_result pick_key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	struct dd_action_pending *p = app->rescue_pick;

	if (!p)
		return DD_RES_BACK;
	const struct dd_rescue_images *l = images(app, p);
	if (act == DD_ACT_DOWN && p->cursor + 1 < l->n) {
		p->cursor++;
	} else if (act == DD_ACT_UP && p->cursor) {
		p->cursor--;
	} else if (act == DD_ACT_ESC || act == DD_ACT_BACK || (!fkey && (ch == '\r' || ch == '\n'))) {
		bool go = act != DD_ACT_ESC && act != DD_ACT_BACK;
		const struct dd_screen_ops *from = p->from;
		app->rescue_pick = NULL;
		dd_app_switch(app, from ? from : dd_app_tab(app->tab));
		if (go && p->cursor < l->n) {
			p->image = l->v[p->cursor];
			ask(p);
		} else {
			dd_status_info(&app->status, app->now_ms, "Cancelled: nothing sent.");
			pending_free(p);
		}
	} else {
		return DD_RES_UNHANDLED;
	}
	return DD_RES_REDRAW;
}

static void pick_free(struct dd_app *app)
{
	if (app->rescue_pick)
		pending_free(app->rescue_pick);
	app->rescue_pick = NULL;
}

const struct dd_screen_ops dd_screen_rescue_pick = {
	.name = "Rescue",
	.scopes = DD_KS_MOVE,
	.draw = pick_draw,
	.key = pick_key,
	.free = pick_free,
};

enum dd_result dd_actions_key(struct dd_app *app, enum dd_action act, int64_t id)
{
	const struct dd_server *s = record(app, id);
	struct dd_action_pending *p;
	struct dd_error err;

	if (!s) {
		dd_status_info(&app->status, app->now_ms, "No server selected.");
		return DD_RES_REDRAW;
	}
	if (act == DD_ACT_RAID) {
		dd_raid_open(app, id);
		return DD_RES_REDRAW;
	}
	if (act == DD_ACT_SSH)
		return dd_ssh_open(app, id);
	if (act == DD_ACT_COPY_ADDR)
		return dd_ssh_copy(app, id);
	if (act == DD_ACT_INSTALL) {
		dd_install_open(app, id);
		return DD_RES_REDRAW;
	}
	if (!(p = calloc(1, sizeof(*p))))
		return DD_RES_HANDLED;
	*p = (struct dd_action_pending){ .app = app, .act = act, .id = id };
	if (act == DD_ACT_RESCUE && strcmp(s->status, "rescue") != 0) {
		dd_error_clear(&err);
		int rc = dd_actions_load_list(app->account, app->http, s, DD_KIND_RESCUE_IMAGES, false,
					      images_done, p, &err);
		if (rc < 0) {
			dd_status_error(&app->status, app->now_ms, "Rescue images", &err);
			pending_free(p);
		} else if (rc == 1) {
			images_done(p, &err); /* fresh in the store: no read */
		} else {
			dd_status_info(&app->status, app->now_ms, "Reading the rescue images of %s…",
				       s->hostname);
		}
		return DD_RES_REDRAW;
	}
	p->off = act == DD_ACT_RESCUE;
	if (act == DD_ACT_BMC) {
		const struct dd_server_detail *d = s->detail;
		pending_free(p);
		if (d && !d->has_bmc) {
			dd_status_info(&app->status, app->now_ms,
				       "%s has no BMC: its offer comes without KVM over IP.", s->hostname);
			return DD_RES_REDRAW;
		}
		/* its own screen: the address typed, the countdown, revoke */
		dd_bmc_open(app, id);
		return DD_RES_REDRAW;
	}
	ask(p);
	return DD_RES_REDRAW;
}
