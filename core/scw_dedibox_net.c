#include "core/scw_dedibox_net.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/json.h"
#include "core/request.h"
#include "core/text.h"
#include "core/i18n.h"

/* A block nests its subnets (a /48 holds /56s that hold /64s); deeper
 * nesting is a broken or hostile answer, not a deeper network. */
#define MAX_SUBNET_DEPTH 4

int dd_scw_url_ipv6_quotas(const struct dd_creds *c, char *buf, size_t len,
			   struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err, "/dedibox/v1/ipv6-block-quotas");
}

int dd_scw_url_ipv6_blocks(const struct dd_creds *c, char *buf, size_t len,
			   struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err, "/dedibox/v1/ipv6-blocks");
}

int dd_scw_url_ipv6_free(const struct dd_creds *c, int64_t block_id, char *buf, size_t len,
			 struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/ipv6-blocks/%" PRId64 "/subnets", block_id);
}

int dd_scw_url_rpn_groups(const struct dd_creds *c, bool v2, int page, char *buf, size_t len,
			  struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/rpnv%d/groups?page=%d&page_size=%d&order_by=created_at_asc",
			      v2 ? 2 : 1, page, DD_SCW_RPN_PAGE_SIZE);
}

int dd_scw_url_rpn_members(const struct dd_creds *c, bool v2, int64_t group_id, int page,
			   char *buf, size_t len, struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/rpnv%d/groups/%" PRId64
			      "/members?page=%d&page_size=%d&order_by=created_at_asc",
			      v2 ? 2 : 1, group_id, page, DD_SCW_RPN_PAGE_SIZE);
}

int dd_scw_url_rpn_group(const struct dd_creds *c, bool v2, int64_t group_id, char *buf,
			 size_t len, struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err, "/dedibox/v1/rpnv%d/groups/%" PRId64,
			      v2 ? 2 : 1, group_id);
}

int dd_scw_url_rpn_invites(const struct dd_creds *c, int page, char *buf, size_t len,
			   struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/rpnv1/invites?page=%d&page_size=%d&order_by=created_at_asc",
			      page, DD_SCW_RPN_PAGE_SIZE);
}

static int bad(struct dd_error *err, const struct dd_jv *at, const char *key, const char *what)
{
	return dd_error_set(err, DD_E_DECODE, 0, NULL, _("%s%s%s: expected %s"), at->path,
			    at->path[0] && key[0] ? "." : "", key, what);
}

/* An integer field that must lie in [lo, hi] when present. */
static int int_in(const struct dd_jv *o, const char *key, bool required, int64_t lo, int64_t hi,
		  int64_t *out, struct dd_error *err)
{
	if (dd_json_int(o, key, required, out, err) < 0)
		return -1;
	if (*out < lo || *out > hi)
		return bad(err, o, key, _("an integer in range"));
	return 0;
}

/* The id of an optional nested object ({"id": ...} or null). */
static int nested_id(const struct dd_jv *o, const char *key, int64_t *id, struct dd_jv *child,
		     struct dd_error *err)
{
	*id = 0;
	if (dd_json_obj(o, key, false, child, err) < 0)
		return -1;
	return child->v ? dd_json_int(child, "id", true, id, err) : 0;
}

static int push_prefix(struct dd_ipv6_block *b, const struct dd_ipv6_prefix *p, bool is_free,
		       struct dd_error *err)
{
	struct dd_ipv6_prefix **v = is_free ? &b->free : &b->subnets;
	size_t *n = is_free ? &b->n_free : &b->n_subnets;
	struct dd_ipv6_prefix *nv = realloc(*v, (*n + 1) * sizeof(*nv));

	if (!nv)
		return dd_error_oom(err);
	*v = nv;
	nv[(*n)++] = *p;
	return 0;
}

/* The fields a block and a subnet share. */
static int decode_prefix(const struct dd_jv *o, bool id_required, struct dd_ipv6_prefix *p,
			 struct dd_error *err)
{
	const char *addr = "", *deleg = "";
	int64_t cidr = 0;

	if (dd_json_int(o, "id", id_required, &p->id, err) < 0 ||
	    dd_json_str(o, "address", true, &addr, err) < 0 ||
	    int_in(o, "cidr", true, 0, 128, &cidr, err) < 0 ||
	    dd_json_str(o, "delegation_status", false, &deleg, err) < 0)
		return -1;
	p->cidr = (int)cidr;
	dd_text_clean_str(addr, p->address, sizeof(p->address));
	dd_text_clean_str(deleg, p->delegation, sizeof(p->delegation));
	return 0;
}

static int decode_subnets(const struct dd_jv *o, int64_t parent, int depth,
			  struct dd_ipv6_block *b, struct dd_error *err)
{
	struct dd_jv arr, it;
	size_t n = 0;

	if (dd_json_obj(o, "subnets", false, &arr, err) < 0 || dd_json_array_size(&arr, &n, err) < 0)
		return -1;
	if (n && depth >= MAX_SUBNET_DEPTH)
		return bad(err, &arr, "", _("no deeper subnets"));
	for (size_t i = 0; i < n; i++) {
		struct dd_ipv6_prefix p = { .parent_id = parent };

		if (dd_json_at(&arr, i, &it, err) < 0 || decode_prefix(&it, true, &p, err) < 0 ||
		    push_prefix(b, &p, false, err) < 0 ||
		    decode_subnets(&it, p.id, depth + 1, b, err) < 0)
			return -1;
	}
	return 0;
}

static int decode_nameservers(const struct dd_jv *o, struct dd_ipv6_block *b,
			      struct dd_error *err)
{
	struct dd_jv arr, it;
	size_t n = 0;

	if (dd_json_obj(o, "nameservers", false, &arr, err) < 0 ||
	    dd_json_array_size(&arr, &n, err) < 0)
		return -1;
	if (!n)
		return 0;
	if (!(b->nameservers = calloc(n, sizeof(*b->nameservers))))
		return dd_error_oom(err);
	for (size_t i = 0; i < n; i++) {
		if (dd_json_at(&arr, i, &it, err) < 0)
			return -1;
		if (!json_is_string(it.v))
			return bad(err, &it, "", "a string");
		b->nameservers[i] = dd_text_clean(json_string_value(it.v), json_string_length(it.v));
		if (!b->nameservers[i])
			return dd_error_oom(err);
		b->n_nameservers = i + 1;
	}
	return 0;
}

static int decode_block(const struct dd_jv *o, struct dd_ipv6_block *b, struct dd_error *err)
{
	struct dd_ipv6_prefix p = { 0 };
	const char *duid = "";

	if (decode_prefix(o, true, &p, err) < 0 || dd_json_str(o, "duid", false, &duid, err) < 0)
		return -1;
	b->id = p.id;
	b->cidr = p.cidr;
	memcpy(b->address, p.address, sizeof(b->address));
	memcpy(b->delegation, p.delegation, sizeof(b->delegation));
	dd_text_clean_str(duid, b->duid, sizeof(b->duid));
	if (decode_nameservers(o, b, err) < 0)
		return -1;
	return decode_subnets(o, b->id, 1, b, err);
}

int dd_scw_decode_ipv6_blocks(const char *body, size_t len, struct dd_ipv6_list *l,
			      struct dd_error *err)
{
	struct dd_jv root, arr, it;
	size_t n = 0, start = l->n;
	int rc = -1;

	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (dd_json_list(&root, "ipv6_blocks", &arr, &n, err) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct dd_ipv6_block *b = dd_ipv6_list_add(l);

		if (!b) {
			dd_error_oom(err);
			goto out;
		}
		if (dd_json_at(&arr, i, &it, err) < 0 || decode_block(&it, b, err) < 0)
			goto out;
	}
	rc = 0;
out:
	/* An answer is taken whole or not at all. */
	while (rc < 0 && l->n > start)
		dd_ipv6_block_clear(&l->v[--l->n]);
	json_decref(root.v);
	return rc;
}

int dd_scw_decode_ipv6_quotas(const char *body, size_t len, struct dd_ipv6_list *l,
			      struct dd_error *err)
{
	struct dd_jv root, arr, it;
	struct dd_ipv6_quota *q = NULL;
	size_t n = 0;
	int rc = -1;

	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (dd_json_list(&root, "quotas", &arr, &n, err) < 0)
		goto out;
	if (n && !(q = calloc(n, sizeof(*q)))) {
		dd_error_oom(err);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		int64_t cidr = 0;

		if (dd_json_at(&arr, i, &it, err) < 0 ||
		    int_in(&it, "cidr", true, 0, 128, &cidr, err) < 0 ||
		    int_in(&it, "quota", true, 0, INT64_MAX, &q[i].quota, err) < 0)
			goto out;
		q[i].cidr = (int)cidr;
	}
	free(l->quotas);
	l->quotas = q;
	l->n_quotas = n;
	q = NULL;
	rc = 0;
out:
	free(q);
	json_decref(root.v);
	return rc;
}

int dd_scw_decode_ipv6_free(const char *body, size_t len, struct dd_ipv6_block *b,
			    struct dd_error *err)
{
	struct dd_jv root, arr, it;
	struct dd_ipv6_block tmp = { 0 };
	size_t n = 0;
	int rc = -1;

	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (dd_json_list(&root, "subnet_availables", &arr, &n, err) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct dd_ipv6_prefix p = { .parent_id = b->id };

		if (dd_json_at(&arr, i, &it, err) < 0 || decode_prefix(&it, false, &p, err) < 0 ||
		    push_prefix(&tmp, &p, true, err) < 0)
			goto out;
	}
	free(b->free);
	b->free = tmp.free;
	b->n_free = tmp.n_free;
	tmp.free = NULL;
	rc = 0;
out:
	free(tmp.free);
	json_decref(root.v);
	return rc;
}

static int decode_group(const struct dd_jv *o, bool v2, struct dd_rpn_group *g,
			struct dd_error *err)
{
	const char *name = "", *type = "", *status = "", *owner = "", *gw = "", *sub = "";
	struct dd_jv child;
	int64_t cidr = 0;
	bool active = false;

	if (dd_json_int(o, "id", true, &g->id, err) < 0 ||
	    dd_json_str(o, "name", false, &name, err) < 0 ||
	    dd_json_str(o, "type", false, &type, err) < 0 ||
	    dd_json_str(o, "owner", false, &owner, err) < 0 ||
	    int_in(o, "members_count", false, 0, INT64_MAX, &g->members_count, err) < 0)
		return -1;
	if (!v2) {
		/* Absent says nothing: not "inactive". */
		if (dd_json_obj(o, "active", false, &child, err) < 0 ||
		    dd_json_bool(o, "active", false, &active, err) < 0)
			return -1;
		status = !child.v ? "" : active ? "active" : "inactive";
	} else if (dd_json_str(o, "status", false, &status, err) < 0 ||
		   dd_json_bool(o, "compatible_rpnv1", false, &g->compatible_rpnv1, err) < 0 ||
		   dd_json_str(o, "gateway", false, &gw, err) < 0 ||
		   nested_id(o, "rpnv1_group", &g->rpnv1_group_id, &child, err) < 0 ||
		   dd_json_obj(o, "subnet", false, &child, err) < 0 ||
		   (child.v && (dd_json_str(&child, "address", false, &sub, err) < 0 ||
				int_in(&child, "cidr", false, 0, 128, &cidr, err) < 0))) {
		return -1;
	}
	g->subnet_cidr = (int)cidr;
	if (dd_model_set_text_raw(&g->name, &g->name_raw, name) < 0 ||
	    dd_model_set_text_raw(&g->owner, &g->owner_raw, owner) < 0)
		return dd_error_oom(err);
	dd_text_clean_str(type, g->type, sizeof(g->type));
	dd_text_clean_str(status, g->status, sizeof(g->status));
	dd_text_clean_str(gw, g->gateway, sizeof(g->gateway));
	dd_text_clean_str(sub, g->subnet, sizeof(g->subnet));
	return 0;
}

int dd_scw_decode_rpn_groups(const char *body, size_t len, bool v2, struct dd_rpn_list *l,
			     size_t *page_n, int64_t *total, struct dd_error *err)
{
	struct dd_jv root, arr, it;
	size_t n = 0, start = l->n;
	int rc = -1;

	*page_n = 0;
	*total = -1;
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (dd_json_list(&root, "rpn_groups", &arr, &n, err) < 0 ||
	    dd_json_int(&root, "total_count", false, total, err) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct dd_rpn_group *g = dd_rpn_list_add(l);

		if (!g) {
			dd_error_oom(err);
			goto out;
		}
		if (dd_json_at(&arr, i, &it, err) < 0 || decode_group(&it, v2, g, err) < 0)
			goto out;
	}
	*page_n = n;
	rc = 0;
out:
	while (rc < 0 && l->n > start)
		dd_rpn_group_clear(&l->v[--l->n]);
	json_decref(root.v);
	return rc;
}

static int decode_member(const struct dd_jv *o, bool v2, struct dd_rpn_member *m,
			 struct dd_error *err)
{
	const char *status = "", *vlan = "", *host = "", *gname = "", *gowner = "";
	struct dd_jv srv, child;

	if (dd_json_int(o, "id", true, &m->id, err) < 0 ||
	    dd_json_str(o, "status", false, &status, err) < 0 ||
	    int_in(o, "speed", false, 0, INT64_MAX, &m->speed, err) < 0 ||
	    dd_json_obj(o, "server", false, &srv, err) < 0)
		return -1;
	if (srv.v && (dd_json_int(&srv, "id", true, &m->server_id, err) < 0 ||
		      dd_json_str(&srv, "hostname", false, &host, err) < 0))
		return -1;
	if (v2 && (dd_json_str(o, "vlan", false, &vlan, err) < 0 ||
		   nested_id(o, "rpnv1_group", &m->rpnv1_group_id, &child, err) < 0))
		return -1;
	/* An RPN v1 member names its group: what an invitation shows. */
	if (!v2 && (int_in(o, "group_id", false, 0, INT64_MAX, &m->group_id, err) < 0 ||
		    dd_json_str(o, "group_name", false, &gname, err) < 0 ||
		    dd_json_str(o, "group_owner", false, &gowner, err) < 0))
		return -1;
	if (dd_model_set_text_raw(&m->hostname, &m->hostname_raw, host) < 0 ||
	    dd_model_set_text_raw(&m->group_name, &m->group_name_raw, gname) < 0 ||
	    dd_model_set_text_raw(&m->group_owner, &m->group_owner_raw, gowner) < 0)
		return dd_error_oom(err);
	dd_text_clean_str(status, m->status, sizeof(m->status));
	dd_text_clean_str(vlan, m->vlan, sizeof(m->vlan));
	return 0;
}

int dd_scw_decode_rpn_members(const char *body, size_t len, bool v2, struct dd_rpn_group *g,
			      size_t *page_n, int64_t *total, struct dd_error *err)
{
	struct dd_jv root, arr, it;
	size_t n = 0, start = g->n_members;
	int rc = -1;

	*page_n = 0;
	*total = -1;
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (dd_json_list(&root, "members", &arr, &n, err) < 0 ||
	    dd_json_int(&root, "total_count", false, total, err) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct dd_rpn_member *m = dd_rpn_group_add_member(g);

		if (!m) {
			dd_error_oom(err);
			goto out;
		}
		if (dd_json_at(&arr, i, &it, err) < 0 || decode_member(&it, v2, m, err) < 0)
			goto out;
	}
	*page_n = n;
	rc = 0;
out:
	while (rc < 0 && g->n_members > start) {
		g->n_members--;
		dd_rpn_member_clear(&g->members[g->n_members]);
	}
	json_decref(root.v);
	return rc;
}

int dd_scw_decode_rpn_group(const char *body, size_t len, bool v2, struct dd_rpn_group *g,
			    struct dd_error *err)
{
	struct dd_jv root;
	int rc;

	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	rc = decode_group(&root, v2, g, err);
	json_decref(root.v);
	return rc;
}

int dd_scw_decode_rpn_invites(const char *body, size_t len, struct dd_rpn_list *l,
			      size_t *page_n, int64_t *total, struct dd_error *err)
{
	struct dd_jv root, arr, it;
	size_t n = 0, start = l->n_invites;
	int rc = -1;

	*page_n = 0;
	*total = -1;
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (dd_json_list(&root, "members", &arr, &n, err) < 0 ||
	    dd_json_int(&root, "total_count", false, total, err) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct dd_rpn_member *m = dd_rpn_list_add_invite(l);

		if (!m) {
			dd_error_oom(err);
			goto out;
		}
		if (dd_json_at(&arr, i, &it, err) < 0 || decode_member(&it, false, m, err) < 0)
			goto out;
	}
	*page_n = n;
	rc = 0;
out:
	while (rc < 0 && l->n_invites > start)
		dd_rpn_member_clear(&l->invites[--l->n_invites]);
	json_decref(root.v);
	return rc;
}

int dd_scw_url_rpn_logs(const struct dd_creds *c, int64_t group_id, int page, char *buf,
			size_t len, struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/rpnv2/groups/%" PRId64
			      "/logs?page=%d&page_size=%d&order_by=created_at_asc",
			      group_id, page, DD_SCW_RPN_PAGE_SIZE);
}

int dd_scw_decode_rpn_logs(const char *body, size_t len, struct dd_rpn_log_list *l,
			   size_t *page_n, int64_t *total, struct dd_error *err)
{
	struct dd_jv root, arr, it, mem, srv;
	size_t n = 0, start = l->n;
	int rc = -1;

	*page_n = 0;
	*total = -1;
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (dd_json_list(&root, "logs", &arr, &n, err) < 0 ||
	    dd_json_int(&root, "total_count", false, total, err) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct dd_rpn_log *g = dd_rpn_log_list_add(l);
		const char *action = "", *status = "", *at = "", *host = "";

		if (!g) {
			dd_error_oom(err);
			goto out;
		}
		srv.v = NULL;
		if (dd_json_at(&arr, i, &it, err) < 0 || dd_json_int(&it, "id", true, &g->id, err) < 0 ||
		    dd_json_str(&it, "action", false, &action, err) < 0 ||
		    dd_json_str(&it, "status", false, &status, err) < 0 ||
		    dd_json_str(&it, "created_at", false, &at, err) < 0 ||
		    dd_json_obj(&it, "member", false, &mem, err) < 0 ||
		    (mem.v && (dd_json_int(&mem, "id", true, &g->member_id, err) < 0 ||
			       dd_json_obj(&mem, "server", false, &srv, err) < 0)) ||
		    (srv.v && dd_json_str(&srv, "hostname", false, &host, err) < 0))
			goto out;
		dd_text_clean_str(action, g->action, sizeof(g->action));
		dd_text_clean_str(status, g->status, sizeof(g->status));
		dd_text_clean_str(at, g->created_at, sizeof(g->created_at));
		dd_text_clean_str(host, g->hostname, sizeof(g->hostname));
		/* --json carries the API's hostname, not the cut display form */
		if (strcmp(host, g->hostname) != 0 && !(g->hostname_raw = dd_text_utf8(host, strlen(host)))) {
			dd_error_oom(err);
			goto out;
		}
	}
	*page_n = n;
	rc = 0;
out:
	if (rc < 0)
		dd_rpn_log_list_cut(l, start);
	json_decref(root.v);
	return rc;
}
