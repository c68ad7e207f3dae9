/* The Online API shows a group with its members inline: RPN v1 as
 * {"id","name","owner","members":[{"id","status","server":{"id","$ref"}}]}
 * (the contract leaves the member's fields unverified beyond "id"), RPN v2
 * as {"id","description","status","type","compatibility_rpn_v1","member":
 * [{"id","linked":{"id","ip","type","$ref"},"status","vlan"}]}, upper-case
 * states as Terraform's provider reads them. */
#include "sandbox/online_rpn.h"

#include <stdio.h>
#include <stdlib.h>
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

/* A v2 change is CREATING or UPDATING until the next read, as Terraform's
 * provider polls until the group and every member are ACTIVE. Caller
 * holds the write lock. */
static void settle(struct dd_sb_world *w)
{
	for (size_t i = 0; i < w->nrpn; i++) {
		w->rpn[i].pending = 0;
		for (size_t k = 0; k < w->rpn[i].nm; k++)
			w->rpn[i].m[k].pending = 0;
	}
}

static void reads(const struct dd_sb_req *r, int v2, struct dd_sb_resp *resp)
{
	uint32_t id = 0;

	if (r->nsegs == 3 && dd_sb_parse_id(r->segs[2], &id) < 0) {
		dd_sb_online_error(resp, 400, "Invalid parameter: group id", 4);
		return;
	}
	dd_sb_world_wrlock(r->world);
	settle(r->world);
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
}

/* server_ids: an array in a JSON body, or its JSON text in a form
 * (server_ids=[12,34], as the API's clients send arrays). NULL with a 400
 * in resp when absent, malformed, or (required) empty. */
static json_t *server_ids(const struct dd_sb_req *r, int required, struct dd_sb_resp *resp)
{
	json_t *a = NULL, *v;
	size_t i;

	if (r->body_len && r->body[0] == '{') {
		json_t *b = json_loadb(r->body, r->body_len, 0, NULL);
		a = json_incref(json_object_get(b, "server_ids"));
		json_decref(b);
	}
	if (!json_is_array(a)) {
		char *text = dd_sb_online_param(r, "server_ids");
		json_decref(a);
		a = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
		if (!text && !required)
			a = json_array();
		free(text);
	}
	int ok = json_is_array(a) && (!required || json_array_size(a) > 0) && json_array_size(a) <= 64;
	json_array_foreach(a, i, v)
		ok = ok && json_is_integer(v) && json_integer_value(v) > 0 &&
		     json_integer_value(v) <= UINT32_MAX;
	if (!ok) {
		json_decref(a);
		dd_sb_online_error(resp, 400, required ? "Invalid parameter: server_ids must be a JSON list of at least one server id"
						       : "Invalid parameter: server_ids must be a JSON list of server ids", 4);
		return NULL;
	}
	return a;
}

static struct dd_sb_rpn_member *member_of(struct dd_sb_rpn_group *g, uint32_t server)
{
	for (size_t k = 0; k < g->nm; k++)
		if (g->m[k].server == server)
			return &g->m[k];
	return NULL;
}

/* Every id of ids may join g (NULL: a group being created): a server of
 * this account, with RPN, not yet a member, and for RPN v2 in no other
 * v2 group. -1 with Online's refusal in resp. Caller holds the lock. */
static int joinable(const struct dd_sb_req *r, struct dd_sb_rpn_group *g, int v2, json_t *ids,
		    struct dd_sb_resp *resp)
{
	json_t *v;
	size_t i;
	char msg[128];

	json_array_foreach(ids, i, v) {
		uint32_t id = (uint32_t)json_integer_value(v);
		const struct dd_sb_server *s = dd_sb_online_server(r, id);
		if (!s || s->deleted) {
			dd_sb_online_server_unknown(r, resp);
			return -1;
		}
		if (!dd_sb_rpn_capable(s)) {
			snprintf(msg, sizeof msg, "Server %u cannot join RPN: its offer has no RPN", id);
			dd_sb_online_error(resp, 400, msg, 4);
			return -1;
		}
		if (g && member_of(g, id)) {
			snprintf(msg, sizeof msg, "Server %u is already a member of this group", id);
			dd_sb_online_error(resp, 400, msg, 4);
			return -1;
		}
		if (v2 && s->rpnv2) {
			snprintf(msg, sizeof msg, "Server %u is already in an RPN v2 group", id);
			dd_sb_online_error(resp, 400, msg, 4);
			return -1;
		}
		for (size_t k = 0; k < i; k++)
			if (json_integer_value(json_array_get(ids, k)) == json_integer_value(v)) {
				dd_sb_online_error(resp, 400, "Invalid parameter: server_ids names a server twice", 4);
				return -1;
			}
	}
	return 0;
}

static void join(struct dd_sb_world *w, struct dd_sb_rpn_group *g, json_t *ids, int64_t now)
{
	json_t *v;
	size_t i;

	json_array_foreach(ids, i, v) {
		struct dd_sb_rpn_member *m = dd_sb_rpn_add_member(w, g, (uint32_t)json_integer_value(v));
		if (m && g->v2) {
			m->pending = 2;
			dd_sb_world_server(w, m->server)->rpnv2 = 1;
			dd_sb_rpn_log(w, g->id, m->id, 3 /* members_added */, now);
		}
	}
}

/* POST /rpn/group (name, server_ids) or /rpn/v2 (type, description,
 * server_ids): the created group. */
static void create(const struct dd_sb_req *r, int v2, struct dd_sb_resp *resp)
{
	char *name = dd_sb_online_param(r, v2 ? "description" : "name");
	char *type = v2 ? dd_sb_online_param(r, "type") : NULL;
	json_t *ids = NULL;

	if (!name || !*name || strlen(name) > 64) {
		dd_sb_online_error(resp, 400, v2 ? "Invalid parameter: description must be 1 to 64 characters long"
						 : "Invalid parameter: name must be 1 to 64 characters long", 4);
	} else if (v2 && (!type || (strcmp(type, "STANDARD") && strcmp(type, "QINQ")))) {
		dd_sb_online_error(resp, 400, "Invalid parameter: type must be STANDARD or QINQ", 4);
	} else if ((ids = server_ids(r, v2, resp))) {
		struct dd_sb_world *w = r->world;
		int64_t now = dd_sb_now();
		dd_sb_world_wrlock(w);
		if (joinable(r, NULL, v2, ids, resp) == 0) {
			struct dd_sb_rpn_group *g = dd_sb_world_add_rpn(w, v2, name, now);
			if (!g) {
				dd_sb_reply(resp, 500, NULL);
			} else {
				g->qinq = v2 && !strcmp(type, "QINQ");
				g->pending = v2 ? 2 : 0;
				if (v2)
					dd_sb_rpn_log(w, g->id, 0, 1 /* group_created */, now);
				join(w, g, ids, now);
				dd_sb_reply(resp, 200, v2 ? v2_json(r, g) : v1_json(r, g));
			}
		}
		pthread_rwlock_unlock(&w->lock);
	}
	json_decref(ids);
	free(name);
	free(type);
}

/* The group a change names, this account's own; NULL with Online's
 * refusal in resp. Caller holds the write lock. */
static struct dd_sb_rpn_group *own_group(const struct dd_sb_req *r, int v2, uint32_t id,
					 struct dd_sb_resp *resp)
{
	for (size_t i = 0; id && i < r->world->nrpn; i++) {
		struct dd_sb_rpn_group *g = &r->world->rpn[i];
		if (g->id != id || g->v2 != v2 || !visible(r, g))
			continue;
		if (g->foreign) {
			dd_sb_online_error(resp, 403, "Permission denied: this RPN group belongs to another account", 2);
			return NULL;
		}
		return g;
	}
	dd_sb_online_error(resp, 404, "RPN group not found", 7);
	return NULL;
}

/* addServers/removeServers (v1, group_id in the body) and addMember/
 * removeMember (v2, the group in the path). */
static void members(const struct dd_sb_req *r, int v2, uint32_t id, int add, struct dd_sb_resp *resp)
{
	char *gid = v2 ? NULL : dd_sb_online_param(r, "group_id");
	json_t *ids = NULL, *v;
	size_t i;

	if (!v2 && (!gid || dd_sb_parse_id(gid, &id) < 0)) {
		dd_sb_online_error(resp, 400, "Invalid parameter: group_id must be the id of an RPN group", 4);
		free(gid);
		return;
	}
	free(gid);
	if (!(ids = server_ids(r, 1, resp)))
		return;
	struct dd_sb_world *w = r->world;
	int64_t now = dd_sb_now();
	dd_sb_world_wrlock(w);
	struct dd_sb_rpn_group *g = own_group(r, v2, id, resp);
	if (g && add && joinable(r, g, v2, ids, resp) == 0) {
		join(w, g, ids, now);
		g->pending = v2;
		dd_sb_reply(resp, 200, json_true());
	} else if (g && !add) {
		int ok = 1;
		json_array_foreach(ids, i, v) {
			struct dd_sb_rpn_member *m = member_of(g, (uint32_t)json_integer_value(v));
			if (ok && (!m || m->invited)) {
				char msg[96];
				snprintf(msg, sizeof msg, "Server %lld is not a member of this group",
					 (long long)json_integer_value(v));
				dd_sb_online_error(resp, 400, msg, 4);
				ok = 0;
			}
		}
		json_array_foreach(ids, i, v) {
			struct dd_sb_rpn_member *m = ok ? member_of(g, (uint32_t)json_integer_value(v)) : NULL;
			if (!m)
				continue;
			struct dd_sb_server *s = dd_sb_world_server(w, m->server);
			if (v2 && s)
				s->rpnv2 = 0;
			if (v2)
				dd_sb_rpn_log(w, g->id, m->id, 4 /* members_deleted */, now);
			*m = g->m[--g->nm];
		}
		if (ok) {
			g->pending = v2;
			dd_sb_reply(resp, 200, json_true());
		}
	}
	pthread_rwlock_unlock(&w->lock);
	json_decref(ids);
}

/* PATCH /rpn/v2/{id}/editVlanMember/{member_id}: vlan_number, or
 * reset_vlan=true for the default VLAN. */
static void edit_vlan(const struct dd_sb_req *r, uint32_t id, const char *mseg, struct dd_sb_resp *resp)
{
	char *num = dd_sb_online_param(r, "vlan_number"), *reset = dd_sb_online_param(r, "reset_vlan");
	int back = reset && (!strcmp(reset, "true") || !strcmp(reset, "1"));
	uint32_t mid;
	char *end = NULL;
	long vlan = num ? strtol(num, &end, 10) : -1;

	if (dd_sb_parse_id(mseg, &mid) < 0) {
		dd_sb_online_error(resp, 400, "Invalid parameter: member id", 4);
	} else if (!back && (!num || !*num || *end || vlan < 0 || vlan > 3967)) {
		dd_sb_online_error(resp, 400, "Invalid parameter: vlan_number must be from 0 to 3967", 4);
	} else {
		dd_sb_world_wrlock(r->world);
		struct dd_sb_rpn_group *g = own_group(r, 1, id, resp);
		struct dd_sb_rpn_member *m = NULL;
		for (size_t k = 0; g && k < g->nm && !m; k++)
			if (g->m[k].id == mid)
				m = &g->m[k];
		if (g && !m) {
			dd_sb_online_error(resp, 404, "RPN member not found", 5);
		} else if (m) {
			m->vlan = (uint16_t)(back ? 0 : vlan);
			m->pending = 1;
			g->pending = 1;
			dd_sb_rpn_log(r->world, g->id, m->id, 8 /* vlan_updated */, dd_sb_now());
			dd_sb_reply(resp, 200, json_true());
		}
		pthread_rwlock_unlock(&r->world->lock);
	}
	free(num);
	free(reset);
}

static void delete_v2(const struct dd_sb_req *r, uint32_t id, struct dd_sb_resp *resp)
{
	dd_sb_world_wrlock(r->world);
	struct dd_sb_rpn_group *g = own_group(r, 1, id, resp);
	if (g) {
		for (size_t k = 0; k < g->nm; k++) {
			struct dd_sb_server *s = dd_sb_world_server(r->world, g->m[k].server);
			if (s)
				s->rpnv2 = 0;
		}
		g->deleted = 1;
		dd_sb_reply(resp, 200, json_true());
	}
	pthread_rwlock_unlock(&r->world->lock);
}

static int is(const struct dd_sb_req *r, size_t i, const char *s)
{
	return r->nsegs > i && strcmp(r->segs[i], s) == 0;
}

/* The routes of online-v1.md section 6 and their methods; anything else
 * under /rpn is an unknown method, as Online says it (code 3). */
int dd_sb_online_rpn(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	int v1 = is(r, 0, "rpn") && is(r, 1, "group"), v2 = is(r, 0, "rpn") && is(r, 1, "v2");
	const char *m = r->method;
	uint32_t id = 0;

	if (!v1 && !v2)
		return 0;
	if (v1 && r->nsegs == 3 && (is(r, 2, "addServers") || is(r, 2, "removeServers"))) {
		if (strcmp(m, "POST") != 0)
			dd_sb_online_error(resp, 405, "Method not allowed: use POST", 3);
		else
			members(r, 0, 0, is(r, 2, "addServers"), resp);
		return 1;
	}
	if (r->nsegs <= 3 && !strcmp(m, "GET")) {
		reads(r, v2, resp);
		return 1;
	}
	if (r->nsegs == 2 && !strcmp(m, "POST")) {
		create(r, v2, resp);
		return 1;
	}
	if (!v2 || r->nsegs < 3 || r->nsegs > 5) {
		dd_sb_online_error(resp, 404, "Unknown method", 3);
		return 1;
	}
	if (dd_sb_parse_id(r->segs[2], &id) < 0)
		dd_sb_online_error(resp, 400, "Invalid parameter: group id", 4);
	else if (r->nsegs == 3 && !strcmp(m, "DELETE"))
		delete_v2(r, id, resp);
	else if (r->nsegs == 4 && is(r, 3, "addMember") && !strcmp(m, "POST"))
		members(r, 1, id, 1, resp);
	else if (r->nsegs == 4 && is(r, 3, "removeMember") && !strcmp(m, "DELETE"))
		members(r, 1, id, 0, resp);
	else if (r->nsegs == 5 && is(r, 3, "editVlanMember") && !strcmp(m, "PATCH"))
		edit_vlan(r, id, r->segs[4], resp);
	else
		dd_sb_online_error(resp, 404, "Unknown method", 3);
	return 1;
}
