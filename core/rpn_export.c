#include "core/rpn_export.h"

#include <jansson.h>

static char *dump(json_t *doc)
{
	char *out = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;

	json_decref(doc);
	return out;
}

static json_t *member(const struct dd_rpn_member *m, int v2)
{
	json_t *o = json_pack("{s:I, s:s, s:I, s:s}", "id", (json_int_t)m->id, "status", m->status,
			      "server_id", (json_int_t)m->server_id, "hostname",
			      DD_RAW_OR(m->hostname_raw, m->hostname));

	if (o && v2) {
		json_object_set_new(o, "vlan", json_string(m->vlan));
		json_object_set_new(o, "rpnv1_group_id", json_integer((json_int_t)m->rpnv1_group_id));
	}
	if (o && m->group_id) {
		json_object_set_new(o, "group_id", json_integer((json_int_t)m->group_id));
		json_object_set_new(o, "group_name", json_string(DD_RAW_OR(m->group_name_raw, m->group_name)));
		json_object_set_new(o, "group_owner", json_string(DD_RAW_OR(m->group_owner_raw, m->group_owner)));
	}
	return o;
}

static json_t *groups(const struct dd_rpn_list *l, int v2)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && l && i < l->n; i++) {
		const struct dd_rpn_group *g = &l->v[i];
		json_t *ms = json_array();

		for (size_t k = 0; ms && k < g->n_members; k++)
			json_array_append_new(ms, member(&g->members[k], v2));
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:o}", "id", (json_int_t)g->id,
				      "name", DD_RAW_OR(g->name_raw, g->name), "type", g->type, "status", g->status,
				      "owner", DD_RAW_OR(g->owner_raw, g->owner), "members_count", (json_int_t)g->members_count,
				      "members", ms ? ms : json_array());
		if (o && v2) {
			json_object_set_new(o, "compatible_rpnv1", json_boolean(g->compatible_rpnv1));
			json_object_set_new(o, "rpnv1_group_id", json_integer((json_int_t)g->rpnv1_group_id));
			json_object_set_new(o, "subnet", json_string(g->subnet));
			json_object_set_new(o, "subnet_cidr", json_integer(g->subnet_cidr));
			json_object_set_new(o, "gateway", json_string(g->gateway));
		}
		json_array_append_new(arr, o);
	}
	return arr;
}

char *dd_export_rpn_json(const struct dd_rpn_list *v1, const struct dd_rpn_list *v2)
{
	json_t *inv = json_array();

	for (size_t i = 0; inv && v1 && i < v1->n_invites; i++)
		json_array_append_new(inv, member(&v1->invites[i], 0));
	return dump(json_pack("{s:i, s:o, s:o, s:o}", "version", 1, "rpnv1_groups", groups(v1, 0),
			      "rpnv2_groups", groups(v2, 1), "invitations", inv ? inv : json_array()));
}

char *dd_export_rpn_logs_json(const struct dd_rpn_log_list *l)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < l->n; i++) {
		const struct dd_rpn_log *g = &l->v[i];
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:I, s:s, s:s}", "id",
						     (json_int_t)g->id, "action", g->action, "status",
						     g->status, "member_id", (json_int_t)g->member_id,
						     "hostname", DD_RAW_OR(g->hostname_raw, g->hostname),
						     "created_at", g->created_at));
	}
	return dump(json_pack("{s:i, s:I, s:o}", "version", 1, "group_id", (json_int_t)l->group_id,
			      "logs", arr ? arr : json_array()));
}
