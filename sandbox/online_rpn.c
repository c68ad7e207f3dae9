/* The Online API shows a group with its members inline: RPN v1 as
 * {"id","name","owner","members":[{"id","status","server":{"id","$ref"}}]}
 * (the contract leaves the member's fields unverified beyond "id"), RPN v2
 * as {"id","description","status","type","compatibility_rpn_v1","member":
 * [{"id","linked":{"id","ip","type","$ref"},"status","vlan"}]}, upper-case
 * states as Terraform's provider reads them. */
#include "sandbox/online_rpn.h"

#include <stdio.h>
#include <string.h>

#include "sandbox/dedibox_json.h"
#include "sandbox/online_actions.h"
#include "sandbox/sandbox.h"
#include "sandbox/world.h"

static json_t *server_ref(const struct dd_sb_req *r, uint32_t id)
{
	char ref[40];
	if (!dd_sb_online_server(r, id))
		return json_null(); /* another account's server */
	snprintf(ref, sizeof ref, "/api/v1/server/%u", id);
	return json_pack("{s:I, s:s}", "id", (json_int_t)id, "$ref", ref);
}

/* Seen by this account: its own groups, and another's once one of its
 * servers is an accepted member. */
static int visible(const struct dd_sb_req *r, const struct dd_sb_rpn_group *g)
{
	if (g->deleted)
		return 0;
	for (size_t k = 0; g->foreign && k < g->nm; k++)
		if (!g->m[k].invited && dd_sb_online_server(r, g->m[k].server))
			return 1;
	return !g->foreign;
}

static json_t *v1_json(const struct dd_sb_req *r, const struct dd_sb_rpn_group *g)
{
	json_t *ms = json_array();
	for (size_t k = 0; ms && k < g->nm; k++)
		json_array_append_new(ms, json_pack("{s:I, s:s, s:o}", "id", (json_int_t)g->m[k].id,
						    "status", g->m[k].invited ? "pending" : "active",
						    "server", server_ref(r, g->m[k].server)));
	return json_pack("{s:I, s:o, s:s, s:o}", "id", (json_int_t)g->id, "name", dd_sb_raw_string(g->name),
			 "owner", g->foreign ? DD_SB_FOREIGN_OWNER : "demo", "members", ms ? ms : json_array());
}

static json_t *v2_json(const struct dd_sb_req *r, const struct dd_sb_rpn_group *g)
{
	json_t *ms = json_array();
	for (size_t k = 0; ms && k < g->nm; k++) {
		const struct dd_sb_server *s = dd_sb_online_server(r, g->m[k].server);
		char ip[16] = "", ref[40];
		if (s)
			dd_sb_ipv4_str(s->priv4, ip);
		snprintf(ref, sizeof ref, "/api/v1/server/%u", g->m[k].server);
		json_array_append_new(ms, json_pack("{s:I, s:{s:I, s:s, s:s, s:s}, s:s, s:i}",
			"id", (json_int_t)g->m[k].id,
			"linked", "id", (json_int_t)g->m[k].server, "ip", ip, "type", "server", "$ref", ref,
			"status", g->m[k].pending ? "UPDATING" : "ACTIVE", "vlan", (int)g->m[k].vlan));
	}
	return json_pack("{s:I, s:o, s:s, s:s, s:b, s:o}", "id", (json_int_t)g->id,
			 "description", dd_sb_raw_string(g->name),
			 "status", g->pending ? (g->pending == 2 ? "CREATING" : "UPDATING") : "ACTIVE",
			 "type", g->qinq ? "QINQ" : "STANDARD", "compatibility_rpn_v1", g->compat != 0,
			 "member", ms ? ms : json_array());
}

int dd_sb_online_rpn(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	int v1 = r->nsegs >= 2 && !strcmp(r->segs[0], "rpn") && !strcmp(r->segs[1], "group");
	int v2 = r->nsegs >= 2 && !strcmp(r->segs[0], "rpn") && !strcmp(r->segs[1], "v2");
	uint32_t id = 0;

	if (!v1 && !v2)
		return 0;
	if (r->nsegs > 3 || strcmp(r->method, "GET") != 0) {
		/* dedi reads Online's RPN; its writes stay unserved here */
		dd_sb_online_error(resp, 404, "Unknown method", 3);
		return 1;
	}
	if (r->nsegs == 3 && dd_sb_parse_id(r->segs[2], &id) < 0) {
		dd_sb_online_error(resp, 400, "Invalid parameter: group id", 4);
		return 1;
	}
	pthread_rwlock_rdlock(&r->world->lock);
	json_t *out = id ? NULL : json_array();
	for (size_t i = 0; i < r->world->nrpn; i++) {
		const struct dd_sb_rpn_group *g = &r->world->rpn[i];
		if (g->v2 != v2 || !visible(r, g) || (id && g->id != id))
			continue;
		json_t *one = v2 ? v2_json(r, g) : v1_json(r, g);
		if (id)
			out = one;
		else
			json_array_append_new(out, one);
	}
	pthread_rwlock_unlock(&r->world->lock);
	if (id && !out)
		dd_sb_online_error(resp, 404, "RPN group not found", 7);
	else
		dd_sb_reply(resp, 200, out);
	return 1;
}
