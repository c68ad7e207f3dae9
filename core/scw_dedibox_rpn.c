#include "core/scw_dedibox_rpn.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/request.h"
#include "core/i18n.h"

static json_t *id_array(const struct dd_rpn_change *ch)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < ch->n_ids; i++)
		if (json_array_append_new(a, json_integer((json_int_t)ch->ids[i])) < 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}

/* The SDK sends its default project, and nothing when it has none. */
static const char *project(const struct dd_creds *c)
{
	return c->project_id[0] ? c->project_id : NULL;
}

/* RPN bodies hold no secret: shown is the body. */
static int put_body(json_t *body, struct dd_write_req *out, struct dd_error *err)
{
	char *text = body ? json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	int rc = 0;

	json_decref(body);
	if (!text)
		return dd_error_oom(err);
	if (strlen(text) >= sizeof(out->body))
		rc = dd_error_set(err, DD_E_USAGE, 0, NULL, _("The request would be too long."));
	else {
		memcpy(out->body, text, strlen(text) + 1);
		memcpy(out->shown, text, strlen(text) + 1);
		out->content_type = "application/json";
	}
	free(text);
	return rc;
}

int dd_scw_req_rpn(const struct dd_creds *c, const struct dd_rpn_change *ch,
		   struct dd_write_req *out, struct dd_error *err)
{
	int ver = ch->v2 ? 2 : 1;
	const char *tail = "";
	json_t *body = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	out->api = DD_API_SCW;
	switch (ch->op) {
	case DD_RPN_CREATE:
		out->method = DD_POST;
		rc = dd_request_url(c, DD_API_SCW, out->url, sizeof(out->url), err,
				    "/dedibox/v1/rpnv%d/groups", ver);
		body = json_pack("{s:s, s:s*, s:o}", "name", ch->name, "project_id", project(c),
				 ch->v2 ? "servers" : "server_ids", id_array(ch));
		if (body && ch->v2)
			json_object_set_new(body, "type", json_string(ch->type[0] ? ch->type : "standard"));
		return rc < 0 ? (json_decref(body), -1) : put_body(body, out, err);
	case DD_RPN_ACCEPT:
	case DD_RPN_REFUSE:
		out->method = DD_POST;
		if (dd_request_url(c, DD_API_SCW, out->url, sizeof(out->url), err,
				   "/dedibox/v1/rpnv1/invites/%" PRId64 "/%s", ch->member_id,
				   ch->op == DD_RPN_ACCEPT ? "accept" : "refuse") < 0)
			return -1;
		return put_body(json_object(), out, err);
	case DD_RPN_RENAME:
		out->method = DD_PATCH;
		body = json_pack("{s:s}", "name", ch->name);
		break;
	case DD_RPN_DELETE:
		out->method = DD_DELETE;
		break;
	case DD_RPN_ADD:
		out->method = DD_POST;
		tail = "/members";
		body = json_pack("{s:o}", ch->v2 ? "servers" : "server_ids", id_array(ch));
		break;
	case DD_RPN_REMOVE:
		out->method = DD_DELETE;
		tail = "/members";
		body = json_pack("{s:o}", "member_ids", id_array(ch));
		break;
	case DD_RPN_INVITE:
		out->method = DD_POST;
		tail = "/invite";
		body = json_pack("{s:s*, s:o}", "project_id", project(c), "server_ids", id_array(ch));
		break;
	case DD_RPN_LEAVE:
		out->method = DD_POST;
		tail = "/leave";
		body = json_pack("{s:o}", "member_ids", id_array(ch));
		break;
	case DD_RPN_VLAN:
		out->method = DD_PATCH;
		tail = "/vlan";
		body = json_pack("{s:o}", "member_ids", id_array(ch));
		/* no vlan: the API puts the members back on the default */
		if (body && ch->vlan >= 0)
			json_object_set_new(body, "vlan", json_integer(ch->vlan));
		break;
	case DD_RPN_COMPAT_ON:
		out->method = DD_POST;
		tail = "/enable-compatibility";
		body = json_pack("{s:I}", "rpnv1_group_id", (json_int_t)ch->v1_group);
		break;
	case DD_RPN_COMPAT_OFF:
		out->method = DD_POST;
		tail = "/disable-compatibility";
		body = json_object();
		break;
	}
	if (dd_request_url(c, DD_API_SCW, out->url, sizeof(out->url), err,
			   "/dedibox/v1/rpnv%d/groups/%" PRId64 "%s", ver, ch->group_id, tail) < 0) {
		json_decref(body);
		return -1;
	}
	if (ch->op == DD_RPN_DELETE)
		return 0;
	return put_body(body, out, err);
}
