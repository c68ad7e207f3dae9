/* The Network tab's IPv6 view: the quotas, the /48 block (delegation,
 * name servers), its carved subnets, and the picker that shows what is
 * free (core/netcalc's dd_prefix_free over the carved subnets, never
 * guessed): n for a /56 of the block, N for a /64 of the /56 under the
 * cursor. Every change is planned by core/net_write and confirmed. */
#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/store.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/network.h"

#define MAX_USED 512

static const struct dd_ipv6_list *v6(const struct dd_app *app)
{
	return dd_store_ipv6(dd_account_store(app->account));
}

static size_t n_subnets(const struct dd_app *app)
{
	const struct dd_ipv6_list *l = v6(app);
	return l && l->n ? l->v[0].n_subnets : 0;
}

void dd_net_v6_draw(const struct dd_app *app, int y, int h)
{
	const struct dd_network_state *n = &app->network;
	const struct dd_ipv6_list *l = v6(app);
	const struct dd_coll *m = dd_store_meta(dd_account_store(app->account), DD_KIND_IPV6);
	unsigned long norm = dd_theme_attr(&app->theme, DD_R_NORMAL), dim = dd_theme_attr(&app->theme, DD_R_DIM);
	int w = app->cols - 4, end = y + h;
	char row[256];

	if (m->error.kind != DD_OK && (!l || !l->n)) {
		dd_draw_para(y, 2, 3, w, m->error.message, dd_theme_attr(&app->theme, DD_R_ERROR));
		return;
	}
	if (m->state == DD_COLL_LOADING && (!l || !l->n)) {
		dd_draw_text(y, 2, w, _("Loading the IPv6 block…"), dim);
		return;
	}
	size_t k = 0;
	k += (size_t)snprintf(row, sizeof(row), _("Quotas:"));
	for (size_t i = 0; l && i < l->n_quotas && k < sizeof(row); i++)
		k += (size_t)snprintf(row + k, sizeof(row) - k, " /%d %" PRId64 "", l->quotas[i].cidr,
				      l->quotas[i].quota);
	dd_draw_text(y++, 2, w, row, norm);
	if (!l || !l->n) {
		dd_draw_text(y, 2, w, _("No IPv6 block yet: o orders it (one /48 per Organization)."), dim);
		return;
	}
	const struct dd_ipv6_block *b = &l->v[0];
	k = (size_t)snprintf(row, sizeof(row), _("Block %s/%d  delegation %s  name servers"), b->address,
			     b->cidr, b->delegation[0] ? b->delegation : "-");
	for (size_t i = 0; i < b->n_nameservers && k < sizeof(row); i++)
		k += (size_t)snprintf(row + k, sizeof(row) - k, "%s%s", i ? ", " : " ", b->nameservers[i]);
	if (!b->n_nameservers && k < sizeof(row))
		snprintf(row + k, sizeof(row) - k, " none");
	dd_draw_text(y++, 2, w, row, norm);
	y++;
	if (n->picking) {
		char in[DD_PREFIX_STRLEN];
		dd_prefix_format(&n->pick_in, in, sizeof(in));
		snprintf(row, sizeof(row), _("Free /%u in %s: %" PRIu64 " (computed from the carved subnets)"),
			 n->pick_len, in, n->pick_total);
		dd_draw_text(y++, 2, w, row, dd_theme_attr(&app->theme, DD_R_SECTION));
		size_t first = 0, rows = end - y > 2 ? (size_t)(end - y - 2) : 1;
		if (n->pick_cur >= rows)
			first = n->pick_cur - rows + 1;
		for (size_t i = first; i < n->pick_n && i < first + rows; i++) {
			bool cur = i == n->pick_cur;
			dd_prefix_format(&n->pick[i], row, sizeof(row));
			dd_draw_blank(y, 2, w, dd_theme_attr(&app->theme, cur ? DD_R_CURSOR : DD_R_ROW));
			dd_draw_text(y++, 4, w - 2, row, dd_theme_attr(&app->theme, cur ? DD_R_CURSOR : DD_R_ROW));
		}
		dd_draw_text(y + 1, 2, w, _("Enter carves the picked subnet; Esc closes the picker."), dim);
		return;
	}
	snprintf(row, sizeof(row), "%-8s %-30s %-8s %s", "ID", "SUBNET", "PARENT", "DELEGATION");
	dd_draw_text(y++, 2, w, row, dd_theme_attr(&app->theme, DD_R_HEADER));
	size_t first = 0, rows = end - y > 2 ? (size_t)(end - y - 2) : 1;
	if (n->v6_cur >= rows)
		first = n->v6_cur - rows + 1;
	for (size_t i = first; i < b->n_subnets && i < first + rows; i++) {
		const struct dd_ipv6_prefix *s = &b->subnets[i];
		char p[64];
		bool cur = i == n->v6_cur;
		snprintf(p, sizeof(p), "%s%s/%d", s->parent_id == b->id ? "" : "  ", s->address, s->cidr);
		snprintf(row, sizeof(row), "%-8" PRId64 " %-30s %-8" PRId64 " %s", s->id, p, s->parent_id,
			 s->delegation[0] ? s->delegation : "-");
		dd_draw_blank(y, 2, w, dd_theme_attr(&app->theme, cur ? DD_R_CURSOR : DD_R_ROW));
		dd_draw_text(y++, 2, w, row, dd_theme_attr(&app->theme, cur ? DD_R_CURSOR : DD_R_ROW));
	}
	snprintf(row, sizeof(row), _("%zu subnets. n pick a /56, N pick a /64, c carve, x delete, e name servers"),
		 b->n_subnets);
	dd_draw_text(y + 1, 2, w, row, dim);
}

/* Opens the picker: the free subnets of length len in the block (56) or
 * in the /56 under the cursor (64). */
static void pick(struct dd_app *app, unsigned len)
{
	struct dd_network_state *n = &app->network;
	const struct dd_ipv6_list *l = v6(app);
	static struct dd_prefix used[MAX_USED], inside[MAX_USED];
	struct dd_error err;
	size_t nused, ninside = 0;

	if (dd_net_v6_block(l, &n->pick_in, &err) < 0) {
		dd_status_error(&app->status, app->now_ms, "IPv6", &err);
		return;
	}
	nused = dd_net_v6_used(l, used, MAX_USED);
	if (len == 64) {
		const struct dd_ipv6_prefix *s = n->v6_cur < n_subnets(app) ? &l->v[0].subnets[n->v6_cur] : NULL;
		char text[64];
		if (s && s->cidr == 64) /* a /64's row: its /56 */
			for (size_t i = 0; i < l->v[0].n_subnets; i++)
				if (l->v[0].subnets[i].id == s->parent_id)
					s = &l->v[0].subnets[i];
		if (!s || s->cidr != 56) {
			dd_status_info(&app->status, app->now_ms,
				       _("Put the cursor on a carved /56 first: a /64 is carved inside one."));
			return;
		}
		snprintf(text, sizeof(text), "%s/%d", s->address, s->cidr);
		if (dd_prefix_parse(text, DD_IPV6, 0, &n->pick_in, &err) < 0)
			return;
		for (size_t i = 0; i < nused; i++)
			if (used[i].len > 56 && dd_prefix_within(&used[i], &n->pick_in))
				inside[ninside++] = used[i];
	}
	if (dd_prefix_free(&n->pick_in, len, len == 64 ? inside : used, len == 64 ? ninside : nused, 0,
			   n->pick, DD_NET_PICK_MAX, &n->pick_n, &n->pick_total, &err) < 0) {
		dd_status_error(&app->status, app->now_ms, "IPv6", &err);
		return;
	}
	n->pick_len = len;
	n->pick_cur = 0;
	n->picking = true;
}

static void after_write(struct dd_app *app, int confirmed)
{
	if (confirmed) {
		app->network.picking = false;
		dd_net_send(app, dd_net_plan(app));
	}
}

/* Plans the carving of text; on a refusal, err (and the field) says why. */
static int carve(struct dd_app *app, const char *text, struct dd_error *err)
{
	struct dd_write_plan plan;
	char title[128];

	if (dd_net_plan_v6_subnet(app->account, v6(app), text, &plan, NULL, err) < 0)
		return -1;
	dd_net_target_v6(&app->network.target, app->account, 0, text);
	snprintf(title, sizeof(title), _("Carve %s?"), text);
	dd_net_confirm(app, title, NULL, &plan, NULL, after_write);
	dd_write_plan_wipe(&plan);
	return 0;
}

enum dd_result dd_net_v6_key(struct dd_app *app, enum dd_action act)
{
	struct dd_network_state *n = &app->network;
	size_t count = n->picking ? n->pick_n : n_subnets(app);
	size_t *cur = n->picking ? &n->pick_cur : &n->v6_cur;
	struct dd_error err;

	switch (act) {
	case DD_ACT_DOWN:
		if (*cur + 1 < count)
			(*cur)++;
		return DD_RES_REDRAW;
	case DD_ACT_UP:
		if (*cur)
			(*cur)--;
		return DD_RES_REDRAW;
	case DD_ACT_TOP:
		*cur = 0;
		return DD_RES_REDRAW;
	case DD_ACT_BOTTOM:
		*cur = count ? count - 1 : 0;
		return DD_RES_REDRAW;
	case DD_ACT_ESC:
	case DD_ACT_BACK:
		if (!n->picking)
			return DD_RES_UNHANDLED;
		n->picking = false;
		return DD_RES_REDRAW;
	case DD_ACT_NET_PICK:
	case DD_ACT_NET_PICK64:
		pick(app, act == DD_ACT_NET_PICK ? 56 : 64);
		return DD_RES_REDRAW;
	case DD_ACT_OPEN:
		if (n->picking && n->pick_cur < n->pick_n) {
			char text[DD_PREFIX_STRLEN];
			dd_prefix_format(&n->pick[n->pick_cur], text, sizeof(text));
			if (carve(app, text, &err) < 0)
				dd_status_error(&app->status, app->now_ms, _("Carving"), &err);
		}
		return DD_RES_REDRAW;
	case DD_ACT_NET_CARVE:
		dd_prompt_open(&app->prompt, DD_P_EDIT, "carve /56 or /64: ", "");
		app->prompt.target = DD_NE_CARVE;
		return DD_RES_REDRAW;
	case DD_ACT_NET_ORDER: {
		const struct dd_ipv6_list *l = v6(app);
		struct dd_write_plan plan;
		if (l && l->n) {
			dd_status_info(&app->status, app->now_ms,
				       _("The Organization has its /48 block already (one per Organization)."));
			return DD_RES_REDRAW;
		}
		if (dd_store_meta(dd_account_store(app->account), DD_KIND_IPV6)->state != DD_COLL_FRESH) {
			dd_status_info(&app->status, app->now_ms,
				       _("The IPv6 block is not read yet: an order waits until dedi knows there is none."));
			return DD_RES_REDRAW;
		}
		if (dd_net_plan_v6_order(app->account, &plan, NULL, &err) < 0) {
			dd_status_error(&app->status, app->now_ms, _("Ordering the IPv6 block"), &err);
			return DD_RES_REDRAW;
		}
		dd_net_target_v6(&n->target, app->account, 0, "");
		dd_net_confirm(app, _("Order the Organization's IPv6 /48 block?"),
			       _("The API gives one /48 per Organization; /56 and /64 subnets are carved in it."),
			       &plan, NULL, after_write);
		dd_write_plan_wipe(&plan);
		return DD_RES_REDRAW;
	}
	case DD_ACT_NET_NS: {
		const struct dd_ipv6_list *l = v6(app);
		char initial[512] = "";
		size_t k = 0;
		for (size_t i = 0; l && l->n && i < l->v[0].n_nameservers && k < sizeof(initial); i++)
			k += (size_t)snprintf(initial + k, sizeof(initial) - k, "%s%s", i ? "," : "",
					      l->v[0].nameservers[i]);
		dd_prompt_open(&app->prompt, DD_P_EDIT, _("name servers (2 to 5, commas; empty stops): "), initial);
		app->prompt.target = DD_NE_NS;
		return DD_RES_REDRAW;
	}
	case DD_ACT_NET_DELETE: {
		const struct dd_ipv6_list *l = v6(app);
		struct dd_write_plan plan;
		char text[64], title[128];
		if (n->picking || n->v6_cur >= n_subnets(app))
			return DD_RES_REDRAW;
		const struct dd_ipv6_prefix *s = &l->v[0].subnets[n->v6_cur];
		snprintf(text, sizeof(text), "%s/%d", s->address, s->cidr);
		if (dd_net_plan_v6_subnet_delete(app->account, l, text, &plan, NULL, &err) < 0) {
			dd_status_error(&app->status, app->now_ms, _("Delete"), &err);
			return DD_RES_REDRAW;
		}
		dd_net_target_v6(&n->target, app->account, s->id, text);
		snprintf(title, sizeof(title), _("Delete the subnet %s?"), text);
		dd_net_confirm(app, title, NULL, &plan, text, after_write);
		dd_write_plan_wipe(&plan);
		return DD_RES_REDRAW;
	}
	default:
		return DD_RES_UNHANDLED;
	}
}

enum dd_result dd_net_v6_submit(struct dd_app *app)
{
	struct dd_prompt *p = &app->prompt;
	struct dd_error err;
	char text[512];

	snprintf(text, sizeof(text), "%s", p->buf);
	if (p->target == DD_NE_CARVE) {
		if (carve(app, text, &err) < 0) {
			snprintf(p->err, sizeof(p->err), "%s", err.message); /* next to the field */
			return DD_RES_REDRAW;
		}
		dd_prompt_close(p);
		return DD_RES_REDRAW;
	}
	struct dd_write_plan plan;
	const struct dd_ipv6_list *l = v6(app);
	if (dd_net_plan_v6_nameservers(app->account, l, text, &plan, NULL, &err) < 0) {
		snprintf(p->err, sizeof(p->err), "%s", err.message);
		return DD_RES_REDRAW;
	}
	dd_prompt_close(p);
	dd_net_target_v6(&app->network.target, app->account, l->v[0].id, l->v[0].address);
	dd_net_confirm(app, _("Change the delegation?"), NULL, &plan, NULL, after_write);
	dd_write_plan_wipe(&plan);
	return DD_RES_REDRAW;
}
