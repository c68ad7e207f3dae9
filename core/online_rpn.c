#include "core/online_rpn.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>
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
		return dd_json_bad(o, "vlan", N_("a VLAN from 0 to 4095"), err);
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
	if (dd_model_set_text_raw(&g->name, &g->name_raw, name) < 0 ||
	    dd_model_set_text_raw(&g->owner, &g->owner_raw, owner) < 0)
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

int dd_online_url_rpn_group(const struct dd_creds *c, bool v2, int64_t id, char *buf, size_t len,
			    struct dd_error *err)
{
	return dd_request_url(c, DD_API_ONLINE, buf, len, err, "%s/%" PRId64,
			      v2 ? "/rpn/v2" : "/rpn/group", id);
}

int dd_online_decode_rpn_group(const char *body, size_t len, bool v2, struct dd_rpn_group *g,
			       struct dd_error *err)
{
	struct dd_jv root;
	int rc = -1;

	dd_rpn_group_clear(g);
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (!json_is_object(root.v))
		dd_error_set(err, DD_E_DECODE, 0, NULL, _("RPN group: expected an object"));
	else
		rc = decode_group(&root, v2, g, err);
	if (rc < 0)
		dd_rpn_group_clear(g);
	json_decref(root.v);
	return rc;
}

/* Appends &key=value (value escaped) to out->body. */
static int add_field(struct dd_write_req *out, const char *key, const char *value,
		     struct dd_error *err)
{
	size_t o = strlen(out->body);
	char *enc = curl_easy_escape(NULL, value, 0);
	int n;

	if (!enc)
		return dd_error_oom(err);
	n = snprintf(out->body + o, sizeof(out->body) - o, "%s%s=%s", o ? "&" : "", key, enc);
	curl_free(enc);
	if (n < 0 || (size_t)n >= sizeof(out->body) - o)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("The request would be too long."));
	return 0;
}

static int add_ids(struct dd_write_req *out, const int64_t *ids, size_t n, struct dd_error *err)
{
	char text[DD_RPN_MAX_IDS * 21 + 3];
	size_t o = 0;

	text[o++] = '[';
	for (size_t i = 0; i < n && o < sizeof(text); i++)
		o += (size_t)snprintf(text + o, sizeof(text) - o, "%s%" PRId64, i ? "," : "", ids[i]);
	if (o + 2 > sizeof(text))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("The request would be too long."));
	text[o++] = ']';
	text[o] = '\0';
	return add_field(out, "server_ids", text, err);
}

static int no_route(const struct dd_rpn_change *ch, struct dd_error *err)
{
	static const char *const what[] = {
		[DD_RPN_RENAME] = N_("rename a group"), [DD_RPN_DELETE] = N_("delete an RPN v1 group"),
		[DD_RPN_INVITE] = N_("invite another account's servers"),
		[DD_RPN_LEAVE] = N_("leave another account's group"),
		[DD_RPN_ACCEPT] = N_("answer an invitation"), [DD_RPN_REFUSE] = N_("answer an invitation"),
		[DD_RPN_COMPAT_ON] = N_("change the RPN v1 compatibility"),
		[DD_RPN_COMPAT_OFF] = N_("change the RPN v1 compatibility"),
	};
	const char *w = (size_t)ch->op < sizeof(what) / sizeof(what[0]) && what[ch->op]
				? _(what[ch->op]) : _("make this change");

	return dd_error_set(err, DD_E_USAGE, 0, NULL,
			    _("The Online API has no route to %s; add Scaleway keys to this profile to do it through Scaleway Dedibox."),
			    w);
}

int dd_online_req_rpn(const struct dd_creds *c, const struct dd_rpn_change *ch,
		      const int64_t *servers, size_t n_servers, struct dd_write_req *out,
		      struct dd_error *err)
{
	const char *base = ch->v2 ? "/rpn/v2" : "/rpn/group";
	char num[24];
	int rc;

	memset(out, 0, sizeof(*out));
	out->api = DD_API_ONLINE;
	out->method = DD_POST;
	switch (ch->op) {
	case DD_RPN_CREATE:
		rc = dd_request_url(c, DD_API_ONLINE, out->url, sizeof(out->url), err, "%s", base);
		if (rc == 0 && ch->v2)
			rc = add_field(out, "type", strcmp(ch->type, "qinq") == 0 ? "QINQ" : "STANDARD",
				       err);
		if (rc == 0)
			rc = add_field(out, ch->v2 ? "description" : "name", ch->name, err);
		if (rc == 0)
			rc = add_ids(out, servers, n_servers, err);
		break;
	case DD_RPN_ADD:
	case DD_RPN_REMOVE:
		if (!ch->v2) {
			snprintf(num, sizeof(num), "%" PRId64, ch->group_id);
			rc = dd_request_url(c, DD_API_ONLINE, out->url, sizeof(out->url), err,
					    "/rpn/group/%s", ch->op == DD_RPN_ADD ? "addServers"
									       : "removeServers");
			if (rc == 0)
				rc = add_field(out, "group_id", num, err);
		} else {
			out->method = ch->op == DD_RPN_ADD ? DD_POST : DD_DELETE;
			rc = dd_request_url(c, DD_API_ONLINE, out->url, sizeof(out->url), err,
					    "/rpn/v2/%" PRId64 "/%s", ch->group_id,
					    ch->op == DD_RPN_ADD ? "addMember" : "removeMember");
		}
		if (rc == 0)
			rc = add_ids(out, servers, n_servers, err);
		break;
	case DD_RPN_VLAN:
		if (!ch->v2)
			return no_route(ch, err);
		if (ch->n_ids != 1)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("The Online API changes one member's VLAN at a time: name one member."));
		out->method = DD_PATCH;
		rc = dd_request_url(c, DD_API_ONLINE, out->url, sizeof(out->url), err,
				    "/rpn/v2/%" PRId64 "/editVlanMember/%" PRId64, ch->group_id,
				    ch->ids[0]);
		snprintf(num, sizeof(num), "%d", ch->vlan);
		if (rc == 0 && ch->vlan >= 0)
			rc = add_field(out, "vlan_number", num, err);
		if (rc == 0)
			rc = add_field(out, "reset_vlan", ch->vlan < 0 ? "true" : "false", err);
		break;
	case DD_RPN_DELETE:
		if (!ch->v2)
			return no_route(ch, err);
		out->method = DD_DELETE;
		return dd_request_url(c, DD_API_ONLINE, out->url, sizeof(out->url), err,
				      "/rpn/v2/%" PRId64, ch->group_id);
	default:
		return no_route(ch, err);
	}
	if (rc < 0)
		return -1;
	/* RPN forms hold no secret: shown is the body */
	snprintf(out->shown, sizeof(out->shown), "%s", out->body);
	out->content_type = "application/x-www-form-urlencoded";
	return 0;
}
