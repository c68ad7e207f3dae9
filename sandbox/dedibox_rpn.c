/* Dedibox v1 RPN (zone-less): RPN v1 groups and members, RPN v2 groups,
 * members, VLANs and logs, and the servers able to join. Another
 * account's RPN v1 group (foreign) is seen only through the invitation it
 * sent one of this account's servers, and once accepted as a shared
 * group this account may only leave (invitations and leaving are
 * dedibox_rpn_share.c). RPN v2 changes
 * are asynchronous: a group or member is creating/updating until the next
 * read, as clients poll until everything is active. */
#include "sandbox/dedibox_rpn.h"
#include "sandbox/dedibox_rpn_share.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/dedibox_json.h"
#include "sandbox/dedibox_paging.h"
#include "sandbox/dedibox_san.h"
#include "sandbox/sandbox.h"

static const char *const log_actions[] = {
	"unknown_log_action", "group_created", "group_deleted", "members_added", "members_deleted",
	"description_updated", "rpnv1_members_added", "rpnv1_members_deleted", "vlan_updated",
	"vlan_updated_on_all_servers",
};
enum { LOG_CREATED = 1, LOG_MEMBERS_ADDED = 3, LOG_MEMBERS_DELETED = 4, LOG_RENAMED = 5, LOG_VLAN = 8 };

const char *const dd_sb_rpn_orders[] = { "created_at_asc", "created_at_desc", NULL };

static struct dd_sb_rpn_group *find_group(struct dd_sb_world *w, int v2, uint32_t id)
{
	for (size_t i = 0; i < w->nrpn; i++)
		if (w->rpn[i].id == id && w->rpn[i].v2 == v2 && !w->rpn[i].deleted)
			return &w->rpn[i];
	return NULL;
}

static void settle(struct dd_sb_world *w)
{
	for (size_t i = 0; i < w->nrpn; i++) {
		w->rpn[i].pending = 0;
		for (size_t k = 0; k < w->rpn[i].nm; k++)
			w->rpn[i].m[k].pending = 0;
	}
}

static size_t active_members(const struct dd_sb_rpn_group *g)
{
	size_t n = 0;
	for (size_t k = 0; k < g->nm; k++)
		n += !g->m[k].invited;
	return n;
}

static json_t *group_json(struct dd_sb_world *w, const struct dd_sb_rpn_group *g);

/* A foreign group is this account's to see once one of its servers is an
 * active member (an accepted invitation). */
static int visible(struct dd_sb_world *w, const struct dd_sb_rpn_group *g)
{
	for (size_t k = 0; g->foreign && k < g->nm; k++)
		if (!g->m[k].invited && dd_sb_world_server(w, g->m[k].server))
			return 1;
	return !g->foreign;
}

/* 403 permissions_denied, as the API words it (sdk-client errors). */
void dd_sb_rpn_denied(struct dd_sb_resp *resp, const char *action)
{
	dd_sb_reply(resp, 403, json_pack("{s:[{s:s, s:s}], s:s, s:s}", "details", "resource", "rpn_group",
					 "action", action, "message", "insufficient permissions",
					 "type", "permissions_denied"));
}

int dd_sb_rpn_foreign_server(uint32_t id)
{
	return id >= DD_SB_FOREIGN_SERVER_FIRST && id < DD_SB_FOREIGN_SERVER_FIRST + DD_SB_FOREIGN_SERVERS;
}

/* -1 with a 412 when a server of list is already a member (or invited). */
int dd_sb_rpn_not_members(const struct dd_sb_rpn_group *g, json_t *list, struct dd_sb_resp *resp)
{
	json_t *v;
	size_t i;
	json_array_foreach(list, i, v)
		for (size_t k = 0; k < g->nm; k++)
			if (g->m[k].server == json_integer_value(v)) {
				char help[120];
				snprintf(help, sizeof help, "server %lld is already %s this group",
					 (long long)json_integer_value(v), g->m[k].invited ? "invited into" : "a member of");
				dd_sb_scw_precondition(resp, "resource_still_in_use", help);
				return -1;
			}
	return 0;
}

static json_t *compat_json(struct dd_sb_world *w, const struct dd_sb_rpn_group *g)
{
	const struct dd_sb_rpn_group *v1 = g->compat ? find_group(w, 0, g->compat) : NULL;
	return v1 ? group_json(w, v1) : json_null();
}

static json_t *group_json(struct dd_sb_world *w, const struct dd_sb_rpn_group *g)
{
	if (!g->v2)
		return json_pack("{s:I, s:o, s:s, s:b, s:o, s:s, s:I, s:s, s:s}", "id", (json_int_t)g->id,
				 "name", dd_sb_raw_string(g->name), "type", g->foreign ? "shared" : "local", "active", 1,
				 "created_at", dd_sb_time_json(g->created_at),
				 "owner", g->foreign ? DD_SB_FOREIGN_OWNER : "demo", "members_count", (json_int_t)active_members(g),
				 "organization_id", DD_SANDBOX_ORGANIZATION_ID, "project_id", DD_SANDBOX_PROJECT_ID);
	char subnet[16], gw[16];
	unsigned k = (g->id - 9300000u) % 250u;
	snprintf(subnet, sizeof subnet, "10.200.%u.0", k);
	snprintf(gw, sizeof gw, "10.200.%u.1", k);
	return json_pack("{s:I, s:o, s:b, s:s, s:s, s:s, s:s, s:s, s:I, s:{s:s, s:i}, s:s, s:o}",
			 "id", (json_int_t)g->id, "name", dd_sb_raw_string(g->name), "compatible_rpnv1", g->compat != 0,
			 "organization_id", DD_SANDBOX_ORGANIZATION_ID, "project_id", DD_SANDBOX_PROJECT_ID,
			 "type", g->qinq ? "qinq" : "standard",
			 "status", g->pending ? (g->pending == 2 ? "creating" : "updating") : "active",
			 "owner", "demo", "members_count", (json_int_t)g->nm,
			 "subnet", "address", subnet, "cidr", 24, "gateway", gw, "rpnv1_group", compat_json(w, g));
}

static json_t *server_of(struct dd_sb_world *w, uint32_t id)
{
	const struct dd_sb_server *s = dd_sb_world_server(w, id);
	return s ? dd_sb_server_json(s) : json_null();
}

json_t *dd_sb_rpn_member_json(struct dd_sb_world *w, const struct dd_sb_rpn_group *g, const struct dd_sb_rpn_member *m)
{
	if (!g->v2)
		return json_pack("{s:I, s:s, s:n, s:o, s:I, s:o, s:s, s:i, s:s}", "id", (json_int_t)m->id,
				 "status", m->invited ? "pending_invitation" : "active", "san_server", "server", server_of(w, m->server),
				 "group_id", (json_int_t)g->id, "group_name", dd_sb_raw_string(g->name),
				 "group_owner", g->foreign ? DD_SB_FOREIGN_OWNER : "demo",
				 "speed", 1000, "owner", "demo");
	char vlan[8];
	snprintf(vlan, sizeof vlan, "%u", (unsigned)m->vlan);
	return json_pack("{s:I, s:s, s:s, s:o, s:n, s:i}", "id", (json_int_t)m->id,
			 "status", m->pending ? (m->pending == 2 ? "creating" : "updating") : "active",
			 "vlan", vlan, "server", server_of(w, m->server), "rpnv1_group", "speed", 1000);
}

/* Reads a list of ids (key) from body; -1 with a 400 when malformed. */
int dd_sb_rpn_ids(json_t *body, const char *key, int required, struct dd_sb_resp *resp)
{
	json_t *a = json_object_get(body, key), *v;
	size_t i;
	if (!a && !required)
		return 0;
	if (!json_is_array(a) || (required && json_array_size(a) == 0)) {
		dd_sb_scw_invalid(resp, key, a ? "format" : "required", "must be a list of ids");
		return -1;
	}
	json_array_foreach(a, i, v)
		if (!json_is_integer(v) || json_integer_value(v) <= 0 || json_integer_value(v) > UINT32_MAX) {
			dd_sb_scw_invalid(resp, key, "format", "must be a list of ids");
			return -1;
		}
	return 0;
}

/* Each server id must be an RPN-capable server, and for RPN v2 not in
 * another RPN v2 group. -1 with the error in resp. */
static int check_servers(struct dd_sb_world *w, json_t *list, int v2, struct dd_sb_resp *resp)
{
	json_t *v;
	size_t i;
	json_array_foreach(list, i, v) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)json_integer_value(v));
		const struct dd_sb_server *s = dd_sb_world_server(w, (uint32_t)json_integer_value(v));
		if (!s) {
			dd_sb_scw_not_found(resp, "server", id);
			return -1;
		}
		if (!dd_sb_rpn_capable(s)) {
			dd_sb_scw_precondition(resp, "unknown_precondition", "this server's offer has no RPN");
			return -1;
		}
		if (v2 && s->rpnv2) {
			dd_sb_scw_precondition(resp, "resource_still_in_use", "this server is already in an RPN v2 group");
			return -1;
		}
	}
	return 0;
}

static void add_servers(struct dd_sb_world *w, struct dd_sb_rpn_group *g, json_t *list, int64_t now)
{
	json_t *v;
	size_t i;
	json_array_foreach(list, i, v) {
		struct dd_sb_rpn_member *m = dd_sb_rpn_add_member(w, g, (uint32_t)json_integer_value(v));
		if (m && g->v2) {
			m->pending = 2;
			dd_sb_world_server(w, m->server)->rpnv2 = 1;
			dd_sb_rpn_log(w, g->id, m->id, LOG_MEMBERS_ADDED, now);
		}
	}
}

static int name_ok(json_t *name, int required, struct dd_sb_resp *resp)
{
	if (!name && !required)
		return 1;
	if (!json_is_string(name) || json_string_length(name) == 0 || json_string_length(name) > 64) {
		dd_sb_scw_invalid(resp, "name", name ? "constraint" : "required", "must be 1 to 64 characters long");
		return 0;
	}
	return 1;
}

static void list_groups(const struct dd_sb_req *r, int v2, struct dd_sb_resp *resp)
{
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, dd_sb_rpn_orders, &pg) < 0)
		return;
	const char *p = dd_sb_query(r, "project_id");
	int other = p && *p && strcasecmp(p, DD_SANDBOX_PROJECT_ID) != 0;
	json_t *arr = json_array();
	size_t total = 0, first = dd_sb_page_first(&pg), n = r->world->nrpn;
	for (size_t k = 0; !other && k < n; k++) {
		const struct dd_sb_rpn_group *g = &r->world->rpn[pg.order == 1 ? n - 1 - k : k];
		if (g->deleted || g->v2 != v2 || !visible(r->world, g))
			continue;
		if (total >= first && total < first + pg.size)
			json_array_append_new(arr, group_json(r->world, g));
		total++;
	}
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total, "rpn_groups", arr));
}

static void create_group(const struct dd_sb_req *r, int v2, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp);
	if (!body)
		return;
	const char *key = v2 ? "servers" : "server_ids";
	json_t *type = json_object_get(body, "type");
	if (!name_ok(json_object_get(body, "name"), 1, resp) || dd_sb_rpn_ids(body, key, v2, resp) < 0) {
		json_decref(body);
		return;
	}
	if (v2 && type && (!json_is_string(type) || (strcmp(json_string_value(type), "standard") &&
						     strcmp(json_string_value(type), "qinq")))) {
		dd_sb_scw_invalid(resp, "type", "constraint", "must be standard or qinq");
		json_decref(body);
		return;
	}
	struct dd_sb_world *w = r->world;
	int64_t now = dd_sb_now();
	if (check_servers(w, json_object_get(body, key), v2, resp) == 0) {
		struct dd_sb_rpn_group *g = dd_sb_world_add_rpn(w, v2, json_string_value(json_object_get(body, "name")), now);
		if (!g) {
			dd_sb_reply(resp, 500, NULL);
		} else {
			g->qinq = type && !strcmp(json_string_value(type), "qinq");
			g->pending = v2 ? 2 : 0;
			if (v2)
				dd_sb_rpn_log(w, g->id, 0, LOG_CREATED, now);
			add_servers(w, g, json_object_get(body, key), now);
			dd_sb_reply(resp, 200, group_json(r->world, g));
		}
	}
	json_decref(body);
}

static void rename_group(const struct dd_sb_req *r, struct dd_sb_rpn_group *g, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp), *name;
	if (!body)
		return;
	name = json_object_get(body, "name");
	if (name_ok(name, 0, resp)) {
		if (name && dd_sb_set_string(&g->name, json_string_value(name)) == 0 && g->v2)
			dd_sb_rpn_log(r->world, g->id, 0, LOG_RENAMED, dd_sb_now());
		dd_sb_reply(resp, 200, group_json(r->world, g));
	}
	json_decref(body);
}

static void delete_group(struct dd_sb_world *w, struct dd_sb_rpn_group *g, struct dd_sb_resp *resp)
{
	for (size_t k = 0; g->v2 && k < g->nm; k++) {
		struct dd_sb_server *s = dd_sb_world_server(w, g->m[k].server);
		if (s)
			s->rpnv2 = 0;
	}
	g->deleted = 1;
	dd_sb_no_content(resp);
}

static void list_members(const struct dd_sb_req *r, struct dd_sb_rpn_group *g, struct dd_sb_resp *resp)
{
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, dd_sb_rpn_orders, &pg) < 0)
		return;
	const char *type = g->v2 ? dd_sb_query(r, "type") : NULL;
	if (type && strcmp(type, "server") && strcmp(type, "rpnv1_group") && strcmp(type, "unknown_type")) {
		dd_sb_scw_invalid(resp, "type", "constraint", "must be server or rpnv1_group");
		return;
	}
	int servers = !type || strcmp(type, "rpnv1_group") != 0;
	int compat = g->v2 && g->compat && (!type || strcmp(type, "server") != 0);
	json_t *arr = json_array();
	size_t ns = servers ? g->nm : 0, total = ns + (size_t)compat, first = dd_sb_page_first(&pg);
	for (size_t k = first; k < total && k < first + pg.size; k++) {
		size_t i = pg.order == 1 ? total - 1 - k : k;
		if (i < ns)
			json_array_append_new(arr, dd_sb_rpn_member_json(r->world, g, &g->m[i]));
		else
			/* the RPN v1 group joined through compatibility is a member too */
			json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:n, s:o, s:n}", "id", (json_int_t)g->compat,
							     "status", "active", "vlan", "0", "server",
							     "rpnv1_group", compat_json(r->world, g), "speed"));
	}
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total, "members", arr));
}

static void compatibility(const struct dd_sb_req *r, struct dd_sb_rpn_group *g, int enable, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp);
	if (!body)
		return;
	json_t *v1 = json_object_get(body, "rpnv1_group_id");
	if (!enable) {
		if (g->compat)
			dd_sb_rpn_log(r->world, g->id, 0, 7 /* rpnv1_members_deleted */, dd_sb_now());
		g->compat = 0;
		g->pending = 1;
		dd_sb_no_content(resp);
	} else if (!json_is_integer(v1) || json_integer_value(v1) <= 0 || json_integer_value(v1) > UINT32_MAX) {
		dd_sb_scw_invalid(resp, "rpnv1_group_id", v1 ? "format" : "required", "must be the id of an RPN v1 group");
	} else if (!find_group(r->world, 0, (uint32_t)json_integer_value(v1)) ||
		   !visible(r->world, find_group(r->world, 0, (uint32_t)json_integer_value(v1)))) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)json_integer_value(v1));
		dd_sb_scw_not_found(resp, "rpn_group", id);
	} else {
		g->compat = (uint32_t)json_integer_value(v1);
		g->pending = 1;
		dd_sb_rpn_log(r->world, g->id, 0, 6 /* rpnv1_members_added */, dd_sb_now());
		dd_sb_no_content(resp);
	}
	json_decref(body);
}

static void capabilities(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, dd_sb_rpn_orders, &pg) < 0)
		return;
	struct dd_sb_world *w = r->world;
	json_t *arr = json_array();
	size_t total = 0, first = dd_sb_page_first(&pg), n = w->nservers;
	for (size_t k = 0; k < n; k++) {
		const struct dd_sb_server *s = &w->servers[pg.order == 1 ? n - 1 - k : k];
		if (s->deleted)
			continue;
		if (total >= first && total < first + pg.size) {
			size_t v1 = 0;
			for (size_t gi = 0; gi < w->nrpn; gi++)
				for (size_t i = 0; !w->rpn[gi].deleted && !w->rpn[gi].v2 && i < w->rpn[gi].nm; i++)
					v1 += w->rpn[gi].m[i].server == s->id && !w->rpn[gi].m[i].invited;
			char ip[16];
			int cap = dd_sb_rpn_capable(s), qinq = dd_sb_offers[s->offer].raid_model != NULL;
			dd_sb_ipv4_str(s->priv4, ip);
			json_array_append_new(arr, json_pack("{s:I, s:o, s:s, s:s, s:s?, s:o, s:b, s:b, s:I, s:i, s:b}",
				"id", (json_int_t)s->id, "hostname", dd_sb_raw_string(s->hostname),
				"datacenter_name", dd_sb_dc_names[s->dc], "zone", dd_sb_zone_names[dd_sb_dc_zone(s->dc)],
				"ip_address", cap ? ip : NULL, "rpn_version", cap ? json_integer(2) : json_null(),
				"compatible_qinq", qinq, "can_join_qinq_group", qinq && cap && !s->rpnv2,
				"rpnv1_group_count", (json_int_t)v1, "rpnv2_group_count", s->rpnv2 ? 1 : 0,
				"can_join_rpnv2_group", cap && !s->rpnv2));
		}
		total++;
	}
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total, "servers", arr));
}

static void status(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	const char *v1 = dd_sb_query(r, "rpnv1_group_id"), *v2 = dd_sb_query(r, "rpnv2_group_id");
	uint32_t id = 0;
	size_t pending = 0;
	if ((v1 && dd_sb_parse_id(v1, &id) < 0) || (v2 && dd_sb_parse_id(v2, &id) < 0)) {
		dd_sb_scw_invalid(resp, v1 ? "rpnv1_group_id" : "rpnv2_group_id", "format", "must be a positive integer");
		return;
	}
	struct dd_sb_rpn_group *g = id ? find_group(r->world, v2 != NULL, id) : NULL;
	if (id && !g) {
		dd_sb_scw_not_found(resp, v2 ? "rpnv2_group" : "rpn_group", v2 ? v2 : v1);
		return;
	}
	for (size_t gi = 0; gi < r->world->nrpn; gi++) {
		const struct dd_sb_rpn_group *x = &r->world->rpn[gi];
		if (x->deleted || (g && x != g))
			continue;
		pending += x->pending != 0;
		for (size_t k = 0; k < x->nm; k++)
			pending += x->m[k].pending != 0;
	}
	dd_sb_reply(resp, 200, json_pack("{s:s, s:o}", "status", pending ? "busy" : "operational",
					 "operations_left", pending ? json_integer((json_int_t)pending) : json_null()));
}

/* Finds every member id of body's member_ids in g; -1 with a 404 if not. */
int dd_sb_rpn_members_exist(json_t *body, const struct dd_sb_rpn_group *g, struct dd_sb_resp *resp)
{
	json_t *v;
	size_t i;
	json_array_foreach(json_object_get(body, "member_ids"), i, v) {
		int found = 0;
		for (size_t k = 0; k < g->nm && !found; k++)
			found = g->m[k].id == json_integer_value(v);
		if (!found) {
			char id[24];
			snprintf(id, sizeof id, "%lld", (long long)json_integer_value(v));
			dd_sb_scw_not_found(resp, g->v2 ? "rpnv2_member" : "rpn_group_member", id);
			return -1;
		}
	}
	return 0;
}

static void change_members(const struct dd_sb_req *r, struct dd_sb_rpn_group *g, int add, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp);
	if (!body)
		return;
	struct dd_sb_world *w = r->world;
	const char *key = add ? (g->v2 ? "servers" : "server_ids") : "member_ids";
	int64_t now = dd_sb_now();
	if (dd_sb_rpn_ids(body, key, 1, resp) == 0 &&
	    (add ? (dd_sb_rpn_not_members(g, json_object_get(body, key), resp) == 0 &&
		    check_servers(w, json_object_get(body, key), g->v2, resp) == 0)
		 : dd_sb_rpn_members_exist(body, g, resp) == 0)) {
		if (add) {
			add_servers(w, g, json_object_get(body, key), now);
		} else {
			json_t *v;
			size_t i;
			json_array_foreach(json_object_get(body, key), i, v) {
				for (size_t k = 0; k < g->nm; k++) {
					if (g->m[k].id != json_integer_value(v))
						continue;
					struct dd_sb_server *s = dd_sb_world_server(w, g->m[k].server);
					if (g->v2 && s)
						s->rpnv2 = 0;
					if (g->v2)
						dd_sb_rpn_log(w, g->id, g->m[k].id, LOG_MEMBERS_DELETED, now);
					g->m[k] = g->m[--g->nm];
					break;
				}
			}
		}
		if (g->v2) {
			g->pending = 1;
			dd_sb_no_content(resp);
		} else {
			dd_sb_reply(resp, 200, group_json(r->world, g));
		}
	}
	json_decref(body);
}

static void set_vlan(const struct dd_sb_req *r, struct dd_sb_rpn_group *g, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp);
	if (!body)
		return;
	json_t *vlan = json_object_get(body, "vlan");
	if (dd_sb_rpn_ids(body, "member_ids", 1, resp) < 0 || dd_sb_rpn_members_exist(body, g, resp) < 0) {
		json_decref(body);
		return;
	}
	if (vlan && (!json_is_integer(vlan) || json_integer_value(vlan) < 0 || json_integer_value(vlan) > 3967)) {
		dd_sb_scw_invalid(resp, "vlan", "constraint", "must be from 0 to 3967");
		json_decref(body);
		return;
	}
	json_t *v;
	size_t i;
	int64_t now = dd_sb_now();
	json_array_foreach(json_object_get(body, "member_ids"), i, v)
		for (size_t k = 0; k < g->nm; k++)
			if (g->m[k].id == json_integer_value(v)) {
				g->m[k].vlan = (uint16_t)(vlan ? json_integer_value(vlan) : 0);
				g->m[k].pending = 1;
				dd_sb_rpn_log(r->world, g->id, g->m[k].id, LOG_VLAN, now);
			}
	g->pending = 1;
	dd_sb_no_content(resp);
	json_decref(body);
}

static void logs(const struct dd_sb_req *r, struct dd_sb_rpn_group *g, struct dd_sb_resp *resp)
{
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, dd_sb_rpn_orders, &pg) < 0)
		return;
	struct dd_sb_world *w = r->world;
	json_t *arr = json_array();
	size_t total = 0, first = dd_sb_page_first(&pg), n = w->nrpn_logs;
	for (size_t k = 0; k < n; k++) {
		const struct dd_sb_rpn_log *l = &w->rpn_logs[pg.order == 1 ? n - 1 - k : k];
		if (l->group != g->id)
			continue;
		if (total >= first && total < first + pg.size) {
			const struct dd_sb_rpn_member *m = NULL;
			for (size_t i = 0; i < g->nm && l->member; i++)
				if (g->m[i].id == l->member)
					m = &g->m[i];
			json_array_append_new(arr, json_pack("{s:I, s:o, s:o, s:s, s:s, s:o, s:o}", "id", (json_int_t)l->id,
				"group", group_json(r->world, g), "member", m ? dd_sb_rpn_member_json(w, g, m) : json_null(),
				"action", log_actions[l->action], "status", "success",
				"created_at", dd_sb_time_json(l->at), "finished_at", dd_sb_time_json(l->at)));
		}
		total++;
	}
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total, "logs", arr));
}

static void capable(const struct dd_sb_req *r, int v2, struct dd_sb_resp *resp)
{
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, dd_sb_rpn_orders, &pg) < 0)
		return;
	struct dd_sb_world *w = r->world;
	json_t *arr = json_array();
	size_t total = 0, first = dd_sb_page_first(&pg), n = w->nservers;
	for (size_t k = 0; k < n; k++) {
		const struct dd_sb_server *s = &w->servers[pg.order == 1 ? n - 1 - k : k];
		if (s->deleted || !dd_sb_rpn_capable(s) || (v2 && s->rpnv2))
			continue;
		if (total >= first && total < first + pg.size)
			json_array_append_new(arr, dd_sb_server_json(s));
		total++;
	}
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total, "servers", arr));
}

static int is(const struct dd_sb_req *r, size_t i, const char *s)
{
	return r->nsegs > i && strcmp(r->segs[i], s) == 0;
}

static void route(const struct dd_sb_req *r, int v2, struct dd_sb_resp *resp)
{
	const char *m = r->method;
	int get = !strcmp(m, "GET");
	if (!v2 && r->nsegs == 2 && is(r, 1, "capable-servers")) {
		get ? capable(r, 0, resp) : dd_sb_scw_method(resp, "GET");
		return;
	}
	if (!v2 && r->nsegs == 2 && is(r, 1, "capable-san-servers")) {
		get ? dd_sb_san_capable_servers(r, resp) : dd_sb_scw_method(resp, "GET");
		return;
	}
	if (!v2 && r->nsegs == 2 && is(r, 1, "invites")) {
		get ? dd_sb_rpn_invites(r, resp) : dd_sb_scw_method(resp, "GET");
		return;
	}
	if (!v2 && r->nsegs == 4 && is(r, 1, "invites") && (is(r, 3, "accept") || is(r, 3, "refuse"))) {
		!strcmp(m, "POST") ? dd_sb_rpn_answer_invite(r, is(r, 3, "accept"), resp) : dd_sb_scw_method(resp, "POST");
		return;
	}
	if (!is(r, 1, "groups")) {
		dd_sb_scw_no_route(resp);
		return;
	}
	if (r->nsegs == 2) {
		if (get)
			list_groups(r, v2, resp);
		else if (!strcmp(m, "POST"))
			create_group(r, v2, resp);
		else
			dd_sb_scw_method(resp, "GET, POST");
		return;
	}
	if (v2 && r->nsegs == 3 && is(r, 2, "capable")) {
		get ? capable(r, 1, resp) : dd_sb_scw_method(resp, "GET");
		return;
	}
	uint32_t id;
	if (dd_sb_parse_id(r->segs[2], &id) < 0) {
		dd_sb_scw_invalid(resp, "group_id", "format", "must be a positive integer");
		return;
	}
	struct dd_sb_rpn_group *g = find_group(r->world, v2, id);
	if (g && !visible(r->world, g))
		g = NULL;
	if (!g) {
		dd_sb_scw_not_found(resp, v2 ? "rpnv2_group" : "rpn_group", r->segs[2]);
	} else if (g->foreign && !get && !(r->nsegs == 4 && is(r, 3, "leave"))) {
		dd_sb_rpn_denied(resp, "write");
	} else if (r->nsegs == 3) {
		if (get)
			dd_sb_reply(resp, 200, group_json(r->world, g));
		else if (!strcmp(m, "PATCH"))
			rename_group(r, g, resp);
		else if (!strcmp(m, "DELETE"))
			delete_group(r->world, g, resp);
		else
			dd_sb_scw_method(resp, "GET, PATCH, DELETE");
	} else if (r->nsegs == 4 && is(r, 3, "members")) {
		if (get)
			list_members(r, g, resp);
		else if (!strcmp(m, "POST") || !strcmp(m, "DELETE"))
			change_members(r, g, !strcmp(m, "POST"), resp);
		else
			dd_sb_scw_method(resp, "GET, POST, DELETE");
	} else if (v2 && r->nsegs == 4 && is(r, 3, "vlan")) {
		!strcmp(m, "PATCH") ? set_vlan(r, g, resp) : dd_sb_scw_method(resp, "PATCH");
	} else if (v2 && r->nsegs == 4 && is(r, 3, "logs")) {
		get ? logs(r, g, resp) : dd_sb_scw_method(resp, "GET");
	} else if (v2 && r->nsegs == 4 && (is(r, 3, "enable-compatibility") || is(r, 3, "disable-compatibility"))) {
		!strcmp(m, "POST") ? compatibility(r, g, is(r, 3, "enable-compatibility"), resp) : dd_sb_scw_method(resp, "POST");
	} else if (!v2 && r->nsegs == 4 && (is(r, 3, "invite") || is(r, 3, "leave"))) {
		if (strcmp(m, "POST") != 0)
			dd_sb_scw_method(resp, "POST");
		else if (is(r, 3, "invite"))
			dd_sb_rpn_invite(r, g, resp);
		else
			dd_sb_rpn_leave(r, g, resp);
	} else {
		dd_sb_scw_no_route(resp);
	}
}

int dd_sb_dedibox_rpn(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	int v1 = is(r, 0, "rpnv1"), v2 = is(r, 0, "rpnv2"), any = is(r, 0, "rpn");
	if (!v1 && !v2 && !any)
		return 0;
	dd_sb_world_wrlock(r->world);
	/* a read settles what earlier changes left pending; the answer to the
	 * change itself still shows it pending. /rpn/status reports before. */
	if (any && r->nsegs == 2 && is(r, 1, "status"))
		!strcmp(r->method, "GET") ? status(r, resp) : dd_sb_scw_method(resp, "GET");
	if (!strcmp(r->method, "GET"))
		settle(r->world);
	if (any && r->nsegs == 2 && is(r, 1, "server-capabilities"))
		!strcmp(r->method, "GET") ? capabilities(r, resp) : dd_sb_scw_method(resp, "GET");
	else if (any && !(r->nsegs == 2 && is(r, 1, "status")))
		dd_sb_scw_no_route(resp);
	else if (!any)
		route(r, v2, resp);
	pthread_rwlock_unlock(&r->world->lock);
	return 1;
}
