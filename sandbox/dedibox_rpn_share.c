/* RPN v1 between accounts (Dedibox v1, zone-less): invitations of other
 * accounts' servers into this account's groups, the invitations this
 * account received and their answers, and leaving another account's group
 * (the only change a shared group allows). */
#include "sandbox/dedibox_rpn_share.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/dedibox_json.h"
#include "sandbox/dedibox_paging.h"
#include "sandbox/sandbox.h"

/* Leaving is for this account's servers only: -1 with a 403 otherwise. */
static int own_members(struct dd_sb_world *w, json_t *body, const struct dd_sb_rpn_group *g, struct dd_sb_resp *resp)
{
	json_t *v;
	size_t i;
	json_array_foreach(json_object_get(body, "member_ids"), i, v)
		for (size_t k = 0; k < g->nm; k++)
			if (g->m[k].id == json_integer_value(v) && (g->m[k].invited || !dd_sb_world_server(w, g->m[k].server))) {
				dd_sb_rpn_denied(resp, "leave");
				return -1;
			}
	return 0;
}

/* Invitations name other accounts' servers: one of this account's is
 * added instead, an id nobody has is unknown. -1 with the error. */
static int check_invited(struct dd_sb_world *w, json_t *list, struct dd_sb_resp *resp)
{
	json_t *v;
	size_t i;
	json_array_foreach(list, i, v) {
		char id[24];
		uint32_t sid = (uint32_t)json_integer_value(v);
		snprintf(id, sizeof id, "%lld", (long long)json_integer_value(v));
		if (dd_sb_world_server(w, sid)) {
			dd_sb_scw_precondition(resp, "unknown_precondition",
					       "this server belongs to this account: add it to the group instead of inviting it");
			return -1;
		}
		if (!dd_sb_rpn_foreign_server(sid)) {
			dd_sb_scw_not_found(resp, "server", id);
			return -1;
		}
	}
	return 0;
}

/* POST /rpnv1/groups/{id}/leave: the listed members leave the group. */
void dd_sb_rpn_leave(const struct dd_sb_req *r, struct dd_sb_rpn_group *g, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp), *v;
	size_t i;
	if (!body)
		return;
	if (!g->foreign) {
		dd_sb_scw_precondition(resp, "unknown_precondition",
				       "this account owns the group: remove its members or delete it instead of leaving");
	} else if (dd_sb_rpn_ids(body, "member_ids", 1, resp) == 0 && dd_sb_rpn_members_exist(body, g, resp) == 0 &&
		   own_members(r->world, body, g, resp) == 0) {
		json_array_foreach(json_object_get(body, "member_ids"), i, v)
			for (size_t k = 0; k < g->nm; k++)
				if (g->m[k].id == json_integer_value(v)) {
					g->m[k] = g->m[--g->nm];
					break;
				}
		dd_sb_no_content(resp);
	}
	json_decref(body);
}

/* POST /rpnv1/groups/{id}/invite: the servers are invited, pending until
 * accepted (GET /rpnv1/invites). */
void dd_sb_rpn_invite(const struct dd_sb_req *r, struct dd_sb_rpn_group *g, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp), *v;
	size_t i;
	if (!body)
		return;
	if (dd_sb_rpn_ids(body, "server_ids", 1, resp) == 0 && check_invited(r->world, json_object_get(body, "server_ids"), resp) == 0 &&
	    dd_sb_rpn_not_members(g, json_object_get(body, "server_ids"), resp) == 0) {
		json_array_foreach(json_object_get(body, "server_ids"), i, v) {
			struct dd_sb_rpn_member *m = dd_sb_rpn_add_member(r->world, g, (uint32_t)json_integer_value(v));
			if (m)
				m->invited = 1;
		}
		dd_sb_no_content(resp);
	}
	json_decref(body);
}

void dd_sb_rpn_invites(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, dd_sb_rpn_orders, &pg) < 0)
		return;
	struct dd_sb_world *w = r->world;
	json_t *arr = json_array();
	size_t total = 0, first = dd_sb_page_first(&pg);
	for (size_t gi = 0; gi < w->nrpn; gi++) {
		const struct dd_sb_rpn_group *g = &w->rpn[gi];
		for (size_t k = 0; !g->deleted && !g->v2 && k < g->nm; k++) {
			if (!g->m[k].invited || !dd_sb_world_server(w, g->m[k].server))
				continue;
			if (total >= first && total < first + pg.size)
				json_array_append_new(arr, dd_sb_rpn_member_json(w, g, &g->m[k]));
			total++;
		}
	}
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total, "members", arr));
}

void dd_sb_rpn_answer_invite(const struct dd_sb_req *r, int accept, struct dd_sb_resp *resp)
{
	uint32_t id;
	struct dd_sb_world *w = r->world;
	if (dd_sb_parse_id(r->segs[2], &id) < 0) {
		dd_sb_scw_invalid(resp, "member_id", "format", "must be a positive integer");
		return;
	}
	for (size_t gi = 0; gi < w->nrpn; gi++) {
		struct dd_sb_rpn_group *g = &w->rpn[gi];
		for (size_t k = 0; !g->deleted && !g->v2 && k < g->nm; k++) {
			if (g->m[k].id != id || !g->m[k].invited || !dd_sb_world_server(w, g->m[k].server))
				continue;
			if (accept)
				g->m[k].invited = 0;
			else
				g->m[k] = g->m[--g->nm];
			dd_sb_no_content(resp);
			return;
		}
	}
	dd_sb_scw_not_found(resp, "rpn_invite", r->segs[2]);
}
