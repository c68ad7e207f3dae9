#include "tui/offers.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/audit.h"
#include "core/billing_load.h"
#include "core/i18n.h"
#include "core/money_display.h"
#include "core/money.h"
#include "core/order.h"
#include "core/store_billing.h"
#include "tui/app.h"
#include "tui/draw.h"

#define POLL_MS 5000 /* an ordered service is read again every 5 s until delivered */

enum { C_ZONE, C_NAME, C_CPU, C_MEM, C_DISKS, C_BW, C_MONTHLY, C_SETUP, C_STOCK, NCOLS };

static const struct dd_table_col cols[NCOLS] = {
	[C_ZONE] = { N_("ZONE"), 8, 9, false, 3, DD_COL_TEXT },
	[C_NAME] = { N_("OFFER"), 10, 18, false, 0, DD_COL_TEXT },
	[C_CPU] = { N_("CPU"), 10, 26, false, 1, DD_COL_TEXT },
	[C_MEM] = { N_("MEMORY"), 6, 7, false, 2, DD_COL_DECIMAL },
	[C_DISKS] = { N_("DISKS"), 8, 16, false, 1, DD_COL_TEXT },
	[C_BW] = { N_("BW"), 5, 6, false, 2, DD_COL_DECIMAL },
	[C_MONTHLY] = { N_("MONTHLY"), 9, 12, false, 0, DD_COL_DECIMAL },
	[C_SETUP] = { N_("SETUP"), 5, 12, false, 2, DD_COL_DECIMAL },
	[C_STOCK] = { N_("STOCK"), 5, 9, false, 0, DD_COL_TEXT },
};

static const struct dd_offer_list *offers(const struct dd_app *app)
{
	return dd_store_offers(dd_account_store(app->account));
}

static const char *cell(const void *ctx, size_t row, int col, char *buf, size_t len)
{
	const struct dd_offer_list *l = offers(ctx);
	const struct dd_offer *o;
	if (row >= l->n)
		return "";
	o = &l->v[row];
	switch (col) {
	case C_ZONE: return o->zone;
	case C_NAME: return o->name;
	case C_CPU: return o->cpu;
	case C_MEM: snprintf(buf, len, "%" PRId64 "G", o->memory_bytes / 1073741824); return buf;
	case C_DISKS:
		snprintf(buf, len, "%dx%" PRId64 "G %s", o->disk_count,
			 o->disk_count ? o->disk_bytes / o->disk_count / 1073741824 : 0, o->disk_type);
		return buf;
	case C_BW: snprintf(buf, len, "%" PRId64 "M", o->bandwidth / 1000000); return buf;
	case C_MONTHLY: dd_money_display(&o->price, buf, len); return buf;
	case C_SETUP:
		if (!o->has_setup_fee)
			return "-";
		dd_money_display(&o->setup_fee, buf, len);
		return buf;
	case C_STOCK: return o->stock;
	default: return "";
	}
}

static int role(const void *ctx, size_t row, int col)
{
	const struct dd_offer_list *l = offers(ctx);
	if (col != C_STOCK || row >= l->n)
		return -1;
	return !strcmp(l->v[row].stock, "empty") ? DD_R_STATE_ERROR
	       : !strcmp(l->v[row].stock, "low") ? DD_R_STATE_INSTALLING : DD_R_STATE_READY;
}

static void rows_changed(struct dd_app *app)
{
	dd_table_set_rows(&app->offers.table, offers(app)->n);
	dd_table_resize(&app->offers.table, dd_app_body_height(app) - 3, app->cols);
	app->dirty = true;
}

static void loaded(void *ud, const struct dd_error *err)
{
	struct dd_app *app = ud;
	if (app->quit)
		return;
	if (err->kind != DD_OK && !app->offers.err[0])
		snprintf(app->offers.err, sizeof(app->offers.err), "%s", err->message);
	app->offers.loading = false;
	rows_changed(app);
}

static void load(struct dd_app *app)
{
	struct dd_error err;
	app->offers.err[0] = '\0';
	app->offers.loading = true;
	if (dd_account_load_offers(app->account, app->http, loaded, app, &err) < 0 ||
	    dd_account_load_payment(app->account, app->http, loaded, app, &err) < 0) {
		snprintf(app->offers.err, sizeof(app->offers.err), "%s", err.message);
		app->offers.loading = false;
	}
	app->dirty = true;
}

static void enter(struct dd_app *app)
{
	struct dd_offers_state *s = &app->offers;
	if (!s->inited) {
		dd_table_init(&s->table, cols, NCOLS, cell, app);
		s->table.role = role;
		s->inited = true;
	}
	rows_changed(app);
	if (!offers(app)->n)
		load(app);
}

/* can-order's failing checks, each with its reason; "" when it may order. */
static void blocked(const struct dd_app *app, char *buf, size_t len)
{
	const struct dd_payment *p = dd_store_payment(dd_account_store(app->account));
	const struct dd_coll *m = dd_store_meta(dd_account_store(app->account), DD_KIND_PAYMENT);
	buf[0] = '\0';
	if (!m || m->state == DD_COLL_EMPTY || m->state == DD_COLL_LOADING || p->can_order)
		return;
	snprintf(buf, len, _("Cannot order:%s%s%s%s%s%s"), p->email_confirmed ? "" : _(" email not confirmed;"),
		 p->phone_confirmed ? "" : _(" phone not confirmed;"), p->user_confirmed ? "" : _(" account not validated;"),
		 p->payment_mode ? "" : _(" no payment method;"), p->billing_ok ? "" : _(" billing not in order (unpaid invoice?);"),
		 p->quota_ok ? "" : _(" server quota reached;"));
}

static void draw(const struct dd_app *app)
{
	const struct dd_offers_state *s = &app->offers;
	int y = dd_app_body_top(), h = dd_app_body_height(app);
	char title[200], why[300];
	snprintf(title, sizeof(title), _(" Server offers  %zu of %zu%s%s  Enter orders the offer under the cursor"),
		 s->table.nview, offers(app)->n, s->loading ? "  loading..." : "",
		 s->table.filter[0] ? _("  (filtered)") : "");
	dd_draw_field(y, 0, app->cols, title, dd_theme_attr(&app->theme, DD_R_HEADER));
	blocked(app, why, sizeof(why));
	if (s->err[0])
		dd_draw_field(y + 1, 0, app->cols, s->err, dd_theme_attr(&app->theme, DD_R_ERROR));
	else if (why[0])
		dd_draw_field(y + 1, 0, app->cols, why, dd_theme_attr(&app->theme, DD_R_ERROR));
	else
		dd_draw_blank(y + 1, 0, app->cols, dd_theme_attr(&app->theme, DD_R_NORMAL));
	if (!offers(app)->n)
		dd_draw_text(y + 3, 2, app->cols - 4, s->loading ? _("Loading offers...") : _("No offer."),
			     dd_theme_attr(&app->theme, DD_R_DIM));
	else
		dd_table_draw(&s->table, &app->theme, y + 2, 0);
	dd_draw_field(y + h - 1, 0, app->cols, s->progress,
		      dd_theme_attr(&app->theme, s->service ? DD_R_STATE_INSTALLING : DD_R_LABEL));
}

/* ---- the order ---- */

struct pending {
	int64_t id;
	char zone[16];
};

static void written(void *ud, const struct dd_write_result *r)
{
	struct dd_app *app = ud;
	struct dd_offers_state *s = &app->offers;
	struct dd_order_service svc;
	struct dd_error err;
	if (r->outcome == DD_WRITE_OK && dd_scw_decode_service(r->body, r->body_len, &svc, &err) == 0) {
		s->service = svc.id;
		snprintf(s->progress, sizeof(s->progress), _(" Ordered: ordered service %" PRId64 " is %s"), svc.id,
			 svc.status);
	} else if (r->outcome == DD_WRITE_UNKNOWN && s->order && dd_order_found(s->order)->id) {
		s->service = dd_order_found(s->order)->id;
		snprintf(s->progress, sizeof(s->progress), " %s", r->error.message);
	} else {
		s->service = 0;
		snprintf(s->progress, sizeof(s->progress), _(" Order: %s"), r->error.message);
		dd_status_error(&app->status, app->now_ms, _("Order"), &r->error);
	}
	if (s->service) {
		snprintf(s->service_zone, sizeof(s->service_zone), "%s", r->plan->zone);
		s->poll_at = app->now_ms + POLL_MS;
		dd_status_done(&app->status, app->now_ms, "%s", s->progress + 1);
	}
	dd_order_free(s->order);
	s->order = NULL;
	app->dirty = true;
}

static void send_order(struct dd_app *app, const struct pending *p)
{
	static const struct dd_write_policy none = { .profile = "" };
	const struct dd_write_policy *pol = app->opts->writes ? app->opts->writes : &none;
	struct dd_offers_state *s = &app->offers;
	const struct dd_offer *o = NULL;
	struct dd_write_plan plan;
	struct dd_write_target t;
	struct dd_error err;
	char id[24];
	int rc = -1;

	snprintf(id, sizeof(id), "%" PRId64, p->id);
	memset(&plan, 0, sizeof(plan));
	if (s->order) {
		dd_error_set(&err, DD_E_USAGE, 0, NULL, _("An order is already on its way; wait for its outcome."));
	} else if ((o = dd_order_find_offer(offers(app), id, p->zone, &err)) && dd_order_plan(app->account, o, &plan, &err) == 0) {
		if (!(s->order = dd_order_new(o))) {
			dd_error_oom(&err);
		} else {
			dd_order_target(s->order, &t);
			rc = dd_write_send_target(app->account, app->http, pol, &plan, &t, written, app, &err);
		}
	}
	if (rc == 1) {
		dd_status_done(&app->status, app->now_ms, _("Dry run, nothing sent: %s, %s"), plan.summary, plan.price);
		snprintf(s->progress, sizeof(s->progress), _(" Dry run: %s %s %s"), dd_http_method_name(plan.req.method),
			 plan.req.url, plan.req.shown);
	} else if (rc == 0) {
		snprintf(s->progress, sizeof(s->progress), _(" Ordering %s in %s..."), o->name, o->zone);
	} else {
		dd_status_error(&app->status, app->now_ms, _("Order"), &err);
	}
	if (rc != 0) {
		dd_order_free(s->order);
		s->order = NULL;
	}
	dd_write_plan_wipe(&plan);
	app->dirty = true;
}

static void answered(struct dd_app *app, enum dd_dialog_outcome out, void *ud)
{
	struct pending *p = ud;
	if (out == DD_DIALOG_CONFIRMED)
		send_order(app, p);
	else
		dd_status_info(&app->status, app->now_ms, _("Order cancelled; nothing was sent."));
	free(p);
}

/* The dialog: request, price, and the offer's name to type. The
 * idempotency record asks for a second, explicit confirmation line. */
static void ask(struct dd_app *app)
{
	const struct dd_write_policy *pol = app->opts->writes;
	struct dd_offers_state *s = &app->offers;
	struct dd_write_plan plan;
	struct dd_error err;
	struct pending *p;
	char text[512], why[300], path[1100];
	time_t when;
	size_t row;
	int again = 0;

	if (!dd_table_current(&s->table, &row) || row >= offers(app)->n)
		return;
	const struct dd_offer *o = &offers(app)->v[row];
	blocked(app, why, sizeof(why));
	if (why[0]) {
		dd_status_info(&app->status, app->now_ms, _("%s nothing can be ordered now."), why);
		return;
	}
	if (dd_order_plan(app->account, o, &plan, &err) < 0 || !(p = calloc(1, sizeof(*p)))) {
		if (err.kind == DD_OK)
			dd_error_oom(&err);
		dd_status_error(&app->status, app->now_ms, _("Order"), &err);
		dd_write_plan_wipe(&plan);
		return;
	}
	if (pol && pol->audit && dd_audit_path(path, sizeof(path), &err) == 0)
		again = dd_order_recent(path, pol->profile, &plan, time(NULL), DD_ORDER_WINDOW_SECONDS, &when, &err);
	p->id = o->id;
	snprintf(p->zone, sizeof(p->zone), "%s", o->zone);
	snprintf(text, sizeof(text), _("A new %s server in %s, billed every month until you cancel it.%s"),
		 o->name, o->zone, again > 0 ? _("\nThe SAME ORDER was sent less than 10 minutes ago and may have "
		 "been placed (see :audit). Confirming orders ANOTHER server.") : "");
	struct dd_dialog_spec spec = {
		.title = again > 0 ? _("Order this server AGAIN?") : _("Order this server?"),
		.text = text,
		.method = dd_http_method_name(plan.req.method),
		.resource = plan.req.url,
		.body = plan.req.shown,
		.price = plan.price,
		.confirm_label = again > 0 ? _("Order again") : _("Order"),
		.typed = o->name,
		.done = answered,
		.ud = p,
	};
	dd_app_dialog(app, &spec);
	dd_write_plan_wipe(&plan);
}

/* ---- following the ordered service ---- */

struct poll {
	struct dd_app *app;
	struct dd_order_service svc;
};

static void polled(void *ud, const struct dd_error *err)
{
	struct poll *q = ud;
	struct dd_app *app = q->app;
	struct dd_offers_state *s = &app->offers;
	if (!app->quit) {
		s->polling = false;
		if (err->kind != DD_OK) {
			snprintf(s->progress, sizeof(s->progress), _(" Ordered service %" PRId64 ": %s (trying again)"),
				 s->service, err->message);
		} else if (!strcmp(q->svc.status, "delivering")) {
			snprintf(s->progress, sizeof(s->progress), _(" Ordered service %" PRId64 ": delivering..."), s->service);
		} else {
			snprintf(s->progress, sizeof(s->progress), _(" Ordered service %" PRId64 ": %s%s"), s->service,
				 !strcmp(q->svc.status, "ready") ? "delivered" : q->svc.status,
				 !strcmp(q->svc.status, "ready") ? _("; it is in the Servers tab") : "");
			dd_status_done(&app->status, app->now_ms, "%s", s->progress + 1);
			s->service = 0;
			if (!strcmp(q->svc.status, "ready"))
				dd_app_load_servers(app);
		}
		s->poll_at = app->now_ms + POLL_MS;
		app->dirty = true;
	}
	free(q);
}

void dd_offers_tick(struct dd_app *app)
{
	struct dd_offers_state *s = &app->offers;
	struct dd_error err;
	struct poll *q;
	if (!s->service || s->polling || app->now_ms < s->poll_at || !(q = calloc(1, sizeof(*q))))
		return;
	q->app = app;
	if (dd_order_read_service(app->account, app->http, s->service_zone, s->service, &q->svc, polled, q, &err) < 0) {
		free(q);
		s->poll_at = app->now_ms + POLL_MS;
		return;
	}
	s->polling = true;
}

/* ---- keys ---- */

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	struct dd_table *t = &app->offers.table;
	long page = t->height > 1 ? t->height - 1 : 1;
	(void)fkey, (void)ch;
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
	case DD_ACT_OPEN: ask(app); break;
	case DD_ACT_SORT: dd_table_sort(t, t->sort_col + 1 >= t->ncols ? 0 : t->sort_col + 1, false); break;
	case DD_ACT_RSORT: dd_table_sort(t, t->sort_col < 0 ? 0 : t->sort_col, !t->sort_desc); break;
	case DD_ACT_ESC:
		if (!t->filter[0])
			return DD_RES_BACK;
		dd_table_set_filter(t, "");
		break;
	case DD_ACT_BACK: return DD_RES_BACK;
	default: return DD_RES_UNHANDLED;
	}
	return DD_RES_REDRAW;
}

static void resize(struct dd_app *app)
{
	dd_table_resize(&app->offers.table, dd_app_body_height(app) - 3, app->cols);
}

static const char *filter_to(struct dd_app *app, const char *text)
{
	if (text)
		dd_table_set_filter(&app->offers.table, text);
	return app->offers.table.filter;
}

static struct dd_table *table(struct dd_app *app)
{
	return &app->offers.table;
}

static void free_state(struct dd_app *app)
{
	if (app->offers.inited)
		dd_table_free(&app->offers.table);
	dd_order_free(app->offers.order);
	app->offers.order = NULL;
	app->offers.inited = false;
}

const struct dd_screen_ops dd_screen_offers = {
	.name = N_("Offers"),
	.scopes = DD_KS_MOVE | DD_KS_TABLE,
	.enter = enter,
	.draw = draw,
	.key = key,
	.resize = resize,
	.filter = filter_to,
	.reload = load,
	.free = free_state,
	.table = table,
};
