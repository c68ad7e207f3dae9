#include "core/online_rpn.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/json.h"
#include "core/request.h"
#include "core/text.h"
#include "core/i18n.h"

int dd_online_url_rpn_groups(const struct dd_creds *c, bool v2, char *buf, size_t len,
			     struct dd_error *err)
{
	return dd_request_url(c, DD_API_ONLINE, buf, len, err, v2 ? "/rpn/v2" : "/rpn/group");
}

/* Online spells states and types in capitals (ACTIVE, QINQ); the records
 * hold Dedibox v1's words. */
static void lower_clean(const char *s, char *buf, size_t len)
{
	dd_text_clean_str(s, buf, len);
	for (char *p = buf; *p; p++)
		*p = (char)tolower((unsigned char)*p);
}

static int decode_member(const struct dd_jv *o, bool v2, struct dd_rpn_member *m,
			 struct dd_error *err)
{
	const char *status = "";
	struct dd_jv srv;
	int64_t vlan = -1;

	if (dd_json_int(o, "id", true, &m->id, err) < 0 ||
	    dd_json_str(o, "status", false, &status, err) < 0 ||
	    dd_json_obj(o, v2 ? "linked" : "server", false, &srv, err) < 0 ||
	    (srv.v && dd_json_int(&srv, "id", false, &m->server_id, err) < 0) ||
	    (v2 && dd_json_int(o, "vlan", false, &vlan, err) < 0))
		return -1;
	if (vlan < -1 || vlan > 4095)
		return dd_json_bad(o, "vlan", "a VLAN from 0 to 4095", err);
	if (vlan >= 0)
		snprintf(m->vlan, sizeof(m->vlan), "%d", (int)vlan);
	lower_clean(status, m->status, sizeof(m->status));
	return 0;
}

static int decode_group(const struct dd_jv *o, bool v2, struct dd_rpn_group *g,
			struct dd_error *err)
{
	const char *name = "", *owner = "", *status = "", *type = "";
	struct dd_jv arr, it;
	size_t n = 0;

	if (dd_json_int(o, "id", true, &g->id, err) < 0 ||
	    dd_json_str(o, v2 ? "description" : "name", false, &name, err) < 0 ||
	    dd_json_str(o, "owner", false, &owner, err) < 0 ||
	    dd_json_str(o, "status", false, &status, err) < 0 ||
	    dd_json_str(o, "type", false, &type, err) < 0 ||
	    (v2 && dd_json_bool(o, "compatibility_rpn_v1", false, &g->compatible_rpnv1, err) < 0) ||
	    dd_json_obj(o, v2 ? "member" : "members", false, &arr, err) < 0 ||
	    dd_json_array_size(&arr, &n, err) < 0)
		return -1;
	if (dd_text_set(&g->name, name) < 0 || dd_text_set(&g->owner, owner) < 0)
		return dd_error_oom(err);
	lower_clean(status, g->status, sizeof(g->status));
	lower_clean(type, g->type, sizeof(g->type));
	for (size_t i = 0; i < n; i++) {
		struct dd_rpn_member *m = dd_rpn_group_add_member(g);
		if (!m)
			return dd_error_oom(err);
		if (dd_json_at(&arr, i, &it, err) < 0 || decode_member(&it, v2, m, err) < 0)
			return -1;
	}
	g->members_count = (int64_t)g->n_members;
	return 0;
}

int dd_online_decode_rpn_groups(const char *body, size_t len, bool v2, struct dd_rpn_list *l,
				struct dd_error *err)
{
	struct dd_jv root, it;
	size_t n = 0, start = l->n;
	int rc = -1;

	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (!json_is_array(root.v)) {
		dd_error_set(err, DD_E_DECODE, 0, NULL, _("RPN groups: expected an array"));
		goto out;
	}
	if (dd_json_array_size(&root, &n, err) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct dd_rpn_group *g = dd_rpn_list_add(l);
		if (!g) {
			dd_error_oom(err);
			goto out;
		}
		if (dd_json_at(&root, i, &it, err) < 0 || decode_group(&it, v2, g, err) < 0)
			goto out;
	}
	rc = 0;
out:
	while (rc < 0 && l->n > start)
		dd_rpn_group_clear(&l->v[--l->n]);
	json_decref(root.v);
	return rc;
}
