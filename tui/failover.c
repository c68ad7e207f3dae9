/* The Network tab's failover IPs: the list (address, zone, the server it
 * is routed to, virtual MAC and its type, reverse), and every change,
 * each planned by core/net_write and confirmed in a dialog. A move is
 * core/fip_move's guided operation: from -> to, typed confirmation, then
 * its steps as they end. */
#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fip_move.h"
#include "core/fip_order.h"
#include "core/i18n.h"
#include "core/sections.h"
#include "core/store.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/network.h"

static const struct dd_failover_list *list(const struct dd_app *app)
{
	return dd_store_failovers(dd_account_store(app->account));
}

static const struct dd_failover *current(const struct dd_app *app)
{
	const struct dd_failover_list *l = list(app);
	return l && app->network.fo_cur < l->n ? &l->v[app->network.fo_cur] : NULL;
}

/* The failover IP a prompt or dialog is about, if it is still listed. */
static const struct dd_failover *chosen(const struct dd_app *app)
{
	const struct dd_failover_list *l = list(app);
	for (size_t i = 0; l && i < l->n; i++)
		if (l->v[i].id == app->network.fip_id)
			return &l->v[i];
	return NULL;
}

/* "Remaining quota: fr-par-1 60 of 64, ..." or why it is not known. */
static void draw_quota(const struct dd_app *app, int y, int w)
{
	const struct dd_network_state *n = &app->network;
	char row[256];
	size_t k;

	if (n->quota_reading && !n->n_quota) {
		dd_draw_text(y, 2, w, _("Remaining quota: reading…"), dd_theme_attr(&app->theme, DD_R_DIM));
		return;
	}
	if (n->quota_err.kind != DD_OK) {
		snprintf(row, sizeof(row), _("Remaining quota: %s"), n->quota_err.message);
		dd_draw_text(y, 2, w, row, dd_theme_attr(&app->theme, DD_R_DIM));
		return;
	}
	k = (size_t)snprintf(row, sizeof(row), _("Remaining quota:"));
	for (size_t i = 0; i < n->n_quota && k < sizeof(row); i++)
		k += (size_t)snprintf(row + k, sizeof(row) - k, "%s %s %" PRId64 " of %" PRId64, i ? "," : "",
				      n->quota[i].zone, n->quota[i].remaining, n->quota[i].quota);
	dd_draw_text(y, 2, w, row, dd_theme_attr(&app->theme, DD_R_VALUE));
}

void dd_net_fo_draw(const struct dd_app *app, int y, int h)
{
	const struct dd_failover_list *l = list(app);
	const struct dd_coll *m = dd_store_meta(dd_account_store(app->account), DD_KIND_FAILOVERS);
	int w = app->cols - 4;
	char row[256];

	if (m->error.kind != DD_OK && (!l || !l->n)) {
		dd_draw_para(y, 2, 3, w, m->error.message, dd_theme_attr(&app->theme, DD_R_ERROR));
		return;
	}
	if (m->state == DD_COLL_LOADING && (!l || !l->n)) {
		dd_draw_text(y, 2, w, _("Loading failover IPs…"), dd_theme_attr(&app->theme, DD_R_DIM));
		return;
	}
	snprintf(row, sizeof(row), "%-15s %-8s %-8s %-17s %-6s %s", "ADDRESS", "ZONE", "SERVER",
		 _("VIRTUAL MAC"), "TYPE", "REVERSE");
	dd_draw_text(y++, 2, w, row, dd_theme_attr(&app->theme, DD_R_HEADER));
	size_t n = l ? l->n : 0, first = 0, rows = h > 2 ? (size_t)h - 2 : 1;
	if (app->network.fo_cur >= rows)
		first = app->network.fo_cur - rows + 1;
	for (size_t i = first; i < n && i < first + rows; i++) {
		const struct dd_failover *f = &l->v[i];
		char server[24] = "-";
		if (f->server_id)
			snprintf(server, sizeof(server), "%" PRId64, f->server_id);
		snprintf(row, sizeof(row), "%-15s %-8s %-8s %-17s %-6s %s", f->address, f->zone, server,
			 f->mac[0] ? f->mac : "-", f->mac[0] ? dd_fip_mac_type(f->mac) : "-",
			 f->reverse && *f->reverse ? f->reverse : "-");
		bool cur = i == app->network.fo_cur;
		dd_draw_blank(y, 2, w, dd_theme_attr(&app->theme, cur ? DD_R_CURSOR : DD_R_ROW));
		dd_draw_text(y++, 2, w, row, dd_theme_attr(&app->theme, cur ? DD_R_CURSOR : DD_R_ROW));
	}
	snprintf(row, sizeof(row), _("%zu failover IPs. m move, a attach, d detach, M MAC, v reverse, x delete, o order"),
		 n);
	dd_draw_text(y + 1, 2, w, row, dd_theme_attr(&app->theme, DD_R_DIM));
	draw_quota(app, y + 2, w);
}

static void after_write(struct dd_app *app, int confirmed)
{
	if (confirmed)
		dd_net_send(app, dd_net_plan(app));
}

static void step(void *ud, const char *line)
{
	dd_net_line(ud, "%s", line);
}

static void moved(void *ud, const struct dd_error *err)
{
	struct dd_app *app = ud;
	struct dd_error e;
	app->network.writing = false;
	/* the last step's change (the MAC, the reverse) is read again */
	if (!app->quit)
		dd_account_load_failovers(app->account, app->http, NULL, NULL, NULL, &e);
	if (err->kind == DD_OK) {
		dd_net_line(app, _("Move done: the API reports the address on server %" PRId64 "."),
			    app->network.move_to);
		dd_status_done(&app->status, app->now_ms, _("Moved to server %" PRId64 "."), app->network.move_to);
	} else {
		dd_net_line(app, _("Move stopped: %s"), err->message);
		dd_status_error(&app->status, app->now_ms, _("Moving"), err);
	}
	app->dirty = true;
}

static void after_move(struct dd_app *app, int confirmed)
{
	static const struct dd_write_policy none = { .profile = "" };
	const struct dd_write_policy *pol = app->opts->writes ? app->opts->writes : &none;
	const struct dd_failover *f = chosen(app);
	struct dd_error err;

	if (!confirmed || !f)
		return;
	app->network.n_lines = 0;
	dd_net_line(app, _("Moving %s: server %" PRId64 " -> server %" PRId64 "…"), f->address,
		    f->server_id, app->network.move_to);
	int rc = dd_fip_move(app->account, app->http, pol, f, app->network.move_to, step, moved, app, &err);
	if (rc == 1)
		dd_net_line(app, _("Dry run, nothing sent."));
	else if (rc < 0)
		moved(app, &err);
	else
		app->network.writing = true;
}

static void open_prompt(struct dd_app *app, enum dd_net_edit what, const char *label, const char *initial)
{
	dd_prompt_open(&app->prompt, DD_P_EDIT, label, initial);
	app->prompt.target = what;
}

enum dd_result dd_net_fo_key(struct dd_app *app, enum dd_action act)
{
	struct dd_network_state *n = &app->network;
	const struct dd_failover_list *l = list(app);
	const struct dd_failover *f = current(app);
	size_t count = l ? l->n : 0;
	struct dd_write_plan plan;
	struct dd_error err;
	char label[128], title[128];

	switch (act) {
	case DD_ACT_DOWN:
		if (n->fo_cur + 1 < count)
			n->fo_cur++;
		return DD_RES_REDRAW;
	case DD_ACT_UP:
		if (n->fo_cur)
			n->fo_cur--;
		return DD_RES_REDRAW;
	case DD_ACT_TOP:
		n->fo_cur = 0;
		return DD_RES_REDRAW;
	case DD_ACT_BOTTOM:
		n->fo_cur = count ? count - 1 : 0;
		return DD_RES_REDRAW;
	case DD_ACT_NET_ORDER:
		if (n->writing || n->offer_reading) {
			dd_status_info(&app->status, app->now_ms, _("A change is under way; wait for it to end."));
			return DD_RES_REDRAW;
		}
		open_prompt(app, DD_NE_ORDER, _("order failover IPs, ZONE [N]: "),
			    f && f->zone[0] ? f->zone : "fr-par-1");
		return DD_RES_REDRAW;
	case DD_ACT_NET_MOVE: case DD_ACT_NET_ATTACH: case DD_ACT_NET_MAC: case DD_ACT_REVERSE:
	case DD_ACT_NET_DETACH: case DD_ACT_NET_DELETE:
		break;
	default:
		return DD_RES_UNHANDLED;
	}
	if (!f) {
		dd_status_info(&app->status, app->now_ms, _("No failover IP selected."));
		return DD_RES_REDRAW;
	}
	if (n->writing) {
		dd_status_info(&app->status, app->now_ms, _("A change is under way; wait for it to end."));
		return DD_RES_REDRAW;
	}
	n->fip_id = f->id;
	switch (act) {
	case DD_ACT_NET_MOVE:
		snprintf(label, sizeof(label), _("move %s (now on %" PRId64 ") to server: "), f->address, f->server_id);
		open_prompt(app, DD_NE_MOVE, label, "");
		return DD_RES_REDRAW;
	case DD_ACT_NET_ATTACH:
		snprintf(label, sizeof(label), _("route %s to server: "), f->address);
		open_prompt(app, DD_NE_ATTACH, label, "");
		return DD_RES_REDRAW;
	case DD_ACT_NET_MAC:
		snprintf(label, sizeof(label), _("virtual MAC of %s (vmware, kvm, xen; none removes): "), f->address);
		open_prompt(app, DD_NE_MAC, label, f->mac[0] ? dd_fip_mac_type(f->mac) : "");
		return DD_RES_REDRAW;
	case DD_ACT_REVERSE:
		snprintf(label, sizeof(label), _("reverse of %s: "), f->address);
		open_prompt(app, DD_NE_REVERSE, label, f->reverse ? f->reverse : "");
		return DD_RES_REDRAW;
	default:
		break;
	}
	bool del = act == DD_ACT_NET_DELETE;
	int rc = del ? dd_net_plan_fip_delete(app->account, f, &plan, NULL, &err)
		     : dd_net_plan_fip_route(app->account, f, 0, &plan, NULL, &err);
	if (rc < 0) {
		dd_status_error(&app->status, app->now_ms, del ? _("Delete") : _("Detach"), &err);
		return DD_RES_REDRAW;
	}
	dd_net_target_fip(&n->target, app->account, f);
	snprintf(title, sizeof(title), _("%s failover IP %s?"), del ? _("Delete") : _("Detach"), f->address);
	dd_net_confirm(app, title, NULL, &plan, f->address, after_write);
	dd_write_plan_wipe(&plan);
	return DD_RES_REDRAW;
}

/* The zone's failover IP offer is in: the dialog shows its price, and the
 * zone must be typed (an order costs money every month). */
static void on_offer(void *ud, const struct dd_error *err)
{
	struct dd_app *app = ud;
	struct dd_network_state *n = &app->network;
	struct dd_write_plan plan;
	struct dd_error e;
	char title[128];

	n->offer_reading = false;
	app->dirty = true;
	if (err->kind != DD_OK) {
		dd_status_error(&app->status, app->now_ms, _("Reading the failover IP offer"), err);
		return;
	}
	if (dd_fip_plan_order(app->account, &n->offer, n->order_qty, &plan, NULL, &e) < 0) {
		dd_status_error(&app->status, app->now_ms, _("Ordering"), &e);
		return;
	}
	/* an order has no target yet: its re-read is the zone's list */
	struct dd_failover none = { .id = -1 };
	snprintf(none.zone, sizeof(none.zone), "%s", n->offer.zone);
	snprintf(none.address, sizeof(none.address), _("new in %s"), n->offer.zone);
	dd_net_target_fip(&n->target, app->account, &none);
	n->target.seen_server = -1;
	snprintf(title, sizeof(title), _("Order %d failover IP%s in %s?"), n->order_qty,
		 n->order_qty == 1 ? "" : "s", n->offer.zone);
	dd_net_confirm(app, title, NULL, &plan, n->offer.zone, after_write);
	dd_write_plan_wipe(&plan);
}

/* "ZONE [QUANTITY]": checked as the command's arguments are, then the
 * zone's offer is read. -1 with the message for the prompt. */
static int order(struct dd_app *app, const char *text, struct dd_error *err)
{
	struct dd_network_state *n = &app->network;
	struct dd_write_plan plan;
	char zone[32] = "", extra[8] = "";
	int qty = 1, got = sscanf(text, "%31s %d %7s", zone, &qty, extra);

	if (got < 1 || got > 2)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("a zone, then how many (1 to 32): fr-par-1 2"));
	if (dd_net_plan_fip_order(app->account, zone, 1, qty, &plan, NULL, err) < 0)
		return -1;
	dd_write_plan_wipe(&plan);
	if (dd_fip_read_offer(app->account, app->http, zone, &n->offer, on_offer, app, err) < 0)
		return -1;
	n->order_qty = qty;
	n->offer_reading = true;
	dd_status_info(&app->status, app->now_ms, _("Reading the failover IP offer of %s…"), zone);
	return 0;
}

static int64_t server_id(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	return *s && !*end && v > 0 ? (int64_t)v : 0;
}

enum dd_result dd_net_fo_submit(struct dd_app *app)
{
	struct dd_prompt *p = &app->prompt;
	struct dd_network_state *n = &app->network;
	const struct dd_failover *f = chosen(app);
	struct dd_write_plan plan;
	struct dd_error err;
	enum dd_net_field field = DD_NF_NONE;
	char title[128], text[6000];
	int rc = -1;

	if (p->target == DD_NE_ORDER) {
		dd_error_clear(&err);
		if (order(app, p->buf, &err) < 0) {
			snprintf(p->err, sizeof(p->err), "%s", err.message);
			return DD_RES_REDRAW;
		}
		dd_prompt_close(p);
		return DD_RES_REDRAW;
	}
	if (!f) {
		snprintf(p->err, sizeof(p->err), _("That failover IP left the list; refresh with r."));
		return DD_RES_REDRAW;
	}
	dd_error_clear(&err);
	switch (p->target) {
	case DD_NE_MOVE:
	case DD_NE_ATTACH: {
		int64_t to = server_id(p->buf);
		if (!to) {
			snprintf(p->err, sizeof(p->err), _("a server id (see the Servers tab)"));
			return DD_RES_REDRAW;
		}
		if (p->target == DD_NE_MOVE) {
			if (dd_fip_move_describe(app->account, f, to, text, sizeof(text), &err) < 0) {
				snprintf(p->err, sizeof(p->err), "%s", err.message);
				return DD_RES_REDRAW;
			}
			n->move_to = to;
			dd_prompt_close(p);
			/* the dialog shows the first step's request; the text, every step
			 * (an Online-only profile moves it in one edit) */
			if ((dd_net_online_only(app->account)
				     ? dd_net_plan_fip_online_route(app->account, f, to, &plan, NULL, &err)
				     : dd_net_plan_fip_route(app->account, f, 0, &plan, NULL, &err)) < 0)
				return DD_RES_REDRAW;
			snprintf(title, sizeof(title), _("Move %s: server %" PRId64 " -> server %" PRId64 "?"),
				 f->address, f->server_id, to);
			dd_net_confirm(app, title, text, &plan, f->address, after_move);
			dd_write_plan_wipe(&plan);
			return DD_RES_REDRAW;
		}
		rc = dd_net_plan_fip_route(app->account, f, to, &plan, &field, &err);
		break;
	}
	case DD_NE_MAC:
		if (!p->buf[0] || !strcmp(p->buf, "none"))
			rc = dd_net_plan_fip_mac_detach(app->account, f, &plan, &field, &err);
		else
			rc = dd_net_plan_fip_mac(app->account, f, p->buf, NULL, &plan, &field, &err);
		break;
	case DD_NE_REVERSE:
		rc = dd_net_plan_fip_reverse(app->account, f, p->buf, &plan, &field, &err);
		break;
	default:
		dd_prompt_close(p);
		return DD_RES_REDRAW;
	}
	if (rc < 0) {
		/* next to the field, and the prompt stays open */
		snprintf(p->err, sizeof(p->err), "%s", err.message);
		return DD_RES_REDRAW;
	}
	dd_prompt_close(p);
	dd_net_target_fip(&n->target, app->account, f);
	snprintf(title, sizeof(title), _("Change failover IP %s?"), f->address);
	dd_net_confirm(app, title, NULL, &plan, NULL, after_write);
	dd_write_plan_wipe(&plan);
	return DD_RES_REDRAW;
}
