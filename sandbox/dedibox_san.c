/* Dedibox v1 RPN SAN (zone-less): storage on the RPN, reachable from the
 * private IPs of servers of its datacenter that are allowed on it. A new
 * SAN is creating until the next read. */
#include "sandbox/dedibox_san.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/dedibox_json.h"
#include "sandbox/dedibox_paging.h"
#include "sandbox/sandbox.h"

#define SAN_OPTION 5          /* dd_sb_options[5]: RPN SAN 500 GB */
#define SAN_BYTES 500000000000LL

static const char *const orders[] = { "created_at_asc", "created_at_desc", NULL };

static struct dd_sb_san *find(struct dd_sb_world *w, const char *seg, struct dd_sb_resp *resp)
{
	uint32_t id;
	if (dd_sb_parse_id(seg, &id) < 0) {
		dd_sb_scw_invalid(resp, "rpn_san_id", "format", "must be a positive integer");
		return NULL;
	}
	for (size_t i = 0; i < w->nsans; i++)
		if (w->sans[i].id == id && !w->sans[i].deleted)
			return &w->sans[i];
	dd_sb_scw_not_found(resp, "rpn_san", seg);
	return NULL;
}

static json_t *san_json(const struct dd_sb_san *v, int full)
{
	char suffix[32], iqn[96], host[32];
	snprintf(suffix, sizeof suffix, "san-%u", v->id);
	snprintf(iqn, sizeof iqn, "iqn.2006-01.net.online:%s", suffix);
	snprintf(host, sizeof host, "sd-san-%u", v->id);
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:I, s:s, s:s, s:I, s:b, s:b, s:o, s:n, s:o}",
			      "id", (json_int_t)v->id, "datacenter_name", dd_sb_dc_names[v->dc],
			      "organization_id", DD_SANDBOX_ORGANIZATION_ID, "project_id", DD_SANDBOX_PROJECT_ID,
			      "server_hostname", host, "iqn_suffix", suffix, "created_at", dd_sb_time_json(v->created_at),
			      "offer_id", (json_int_t)dd_sb_options[SAN_OPTION].id, "offer_name", dd_sb_options[SAN_OPTION].name,
			      "status", v->pending ? "creating" : "active", "storage_size", (json_int_t)SAN_BYTES,
			      "rpnv1_compatible", 1, "rpnv1_implicit", 0,
			      "delivered_at", v->pending ? json_null() : dd_sb_time_json(v->created_at + 3600),
			      "terminated_at", "expires_at", dd_sb_time_json(v->created_at + 30 * 86400));
	if (o && full) {
		json_object_set_new(o, "iqn", json_string(iqn));
		json_object_set_new(o, "offer", dd_sb_option_offer_json(SAN_OPTION));
	}
	return o;
}

/* The server owning interface IP id if it is a private (RPN) address. */
static struct dd_sb_server *private_owner(struct dd_sb_world *w, json_int_t ip)
{
	if (ip < 1000000 || ip - 1000000 >= (json_int_t)w->nservers * 4 || (ip - 1000000) % 4 != 2)
		return NULL;
	struct dd_sb_server *s = &w->servers[(ip - 1000000) / 4];
	return s->deleted ? NULL : s;
}

static json_t *ip_entry(const struct dd_sb_server *s)
{
	return json_pack("{s:{s:I, s:o, s:s}, s:n, s:o, s:s}", "server", "id", (json_int_t)s->id,
			 "hostname", dd_sb_raw_string(s->hostname), "datacenter_name", dd_sb_dc_names[s->dc],
			 "rpnv2_group", "ip", dd_sb_ip_json(s, 2), "type", "server_ip");
}

static int allowed(const struct dd_sb_san *v, uint32_t ip)
{
	for (size_t i = 0; i < v->nips; i++)
		if (v->ips[i] == ip)
			return 1;
	return 0;
}

/* GET .../ips (available 0) or .../available-ips (available 1). */
static void ips(const struct dd_sb_req *r, struct dd_sb_san *v, int available, struct dd_sb_resp *resp)
{
	const char *type = dd_sb_query(r, "type");
	if (type && strcmp(type, "server_ip") && strcmp(type, "rpnv2_subnet") && strcmp(type, "unknown")) {
		dd_sb_scw_invalid(resp, "type", "constraint", "must be server_ip or rpnv2_subnet");
		return;
	}
	json_t *arr = json_array();
	int subnets_only = type && !strcmp(type, "rpnv2_subnet");
	for (size_t i = 0; !subnets_only && i < r->world->nservers; i++) {
		const struct dd_sb_server *s = &r->world->servers[i];
		if (s->deleted || s->dc != v->dc || !dd_sb_rpn_capable(s))
			continue;
		if (allowed(v, dd_sb_ip_id(s, 2)) != !available)
			continue;
		json_array_append_new(arr, ip_entry(s));
	}
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)json_array_size(arr), "ips", arr));
}

static void change_ips(const struct dd_sb_req *r, struct dd_sb_san *v, int add, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp), *list, *e;
	size_t i;
	if (!body)
		return;
	list = json_object_get(body, "ip_ids");
	if (!json_is_array(list) || json_array_size(list) == 0) {
		dd_sb_scw_invalid(resp, "ip_ids", list ? "format" : "required", "must be a list of private IP ids");
		json_decref(body);
		return;
	}
	json_array_foreach(list, i, e) {
		const struct dd_sb_server *s = json_is_integer(e) ? private_owner(r->world, json_integer_value(e)) : NULL;
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)json_integer_value(e));
		if (!s || (!add && !allowed(v, (uint32_t)json_integer_value(e)))) {
			dd_sb_scw_not_found(resp, "ip", id);
			json_decref(body);
			return;
		}
		if (add && (s->dc != v->dc || !dd_sb_rpn_capable(s))) {
			dd_sb_scw_precondition(resp, "unknown_precondition",
					       "only RPN servers of the SAN's datacenter can reach it");
			json_decref(body);
			return;
		}
	}
	json_array_foreach(list, i, e) {
		uint32_t ip = (uint32_t)json_integer_value(e);
		if (add && !allowed(v, ip)) {
			uint32_t *n = realloc(v->ips, (v->nips + 1) * sizeof *n);
			if (n) {
				v->ips = n;
				v->ips[v->nips++] = ip;
			}
		} else if (!add) {
			for (size_t k = 0; k < v->nips; k++)
				if (v->ips[k] == ip) {
					v->ips[k] = v->ips[--v->nips];
					break;
				}
		}
	}
	dd_sb_no_content(resp);
	json_decref(body);
}

static void list(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, orders, &pg) < 0)
		return;
	const char *p = dd_sb_query(r, "project_id");
	int other = p && *p && strcasecmp(p, DD_SANDBOX_PROJECT_ID) != 0;
	json_t *arr = json_array();
	size_t total = 0, first = dd_sb_page_first(&pg), n = r->world->nsans;
	for (size_t k = 0; !other && k < n; k++) {
		const struct dd_sb_san *v = &r->world->sans[pg.order == 1 ? n - 1 - k : k];
		if (v->deleted)
			continue;
		if (total >= first && total < first + pg.size)
			json_array_append_new(arr, san_json(v, 0));
		total++;
	}
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total, "rpn_sans", arr));
}

static void create(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp);
	if (!body)
		return;
	json_t *offer = json_object_get(body, "offer_id");
	if (!json_is_integer(offer) || json_integer_value(offer) != dd_sb_options[SAN_OPTION].id) {
		dd_sb_scw_invalid(resp, "offer_id", offer ? "constraint" : "required", "must be the RPN SAN offer (4040)");
	} else {
		/* delivered where the Organization's first server is */
		unsigned dc = r->world->nservers ? r->world->servers[0].dc : DD_SB_DC3;
		struct dd_sb_san *v = dd_sb_world_add_san(r->world, dc, dd_sb_now());
		if (v)
			v->pending = 1;
		dd_sb_reply(resp, 200, v ? san_json(v, 1) : NULL);
	}
	json_decref(body);
}

void dd_sb_san_capable_servers(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, orders, &pg) < 0)
		return;
	struct dd_sb_world *w = r->world;
	json_t *arr = json_array();
	size_t total = 0, first = dd_sb_page_first(&pg), n = w->nservers;
	for (size_t k = 0; k < n; k++) {
		const struct dd_sb_server *s = &w->servers[pg.order == 1 ? n - 1 - k : k];
		json_t *sans = NULL;
		for (size_t i = 0; !s->deleted && i < w->nsans; i++)
			if (!w->sans[i].deleted && allowed(&w->sans[i], dd_sb_ip_id(s, 2))) {
				if (!sans)
					sans = json_array();
				json_array_append_new(sans, san_json(&w->sans[i], 1));
			}
		if (!sans)
			continue;
		if (total >= first && total < first + pg.size)
			json_array_append_new(arr, json_pack("{s:I, s:s, s:o, s:o, s:s}", "id", (json_int_t)s->id,
							     "datacenter_name", dd_sb_dc_names[s->dc],
							     "hostname", dd_sb_raw_string(s->hostname), "sans", sans,
							     "zone", dd_sb_zone_names[dd_sb_dc_zone(s->dc)]));
		else
			json_decref(sans);
		total++;
	}
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total, "san_servers", arr));
}

int dd_sb_dedibox_san(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	if (!r->nsegs || strcmp(r->segs[0], "rpn-sans") != 0)
		return 0;
	const char *m = r->method;
	int get = !strcmp(m, "GET");
	dd_sb_world_wrlock(r->world);
	struct dd_sb_world *w = r->world;
	struct dd_sb_san *v;
	/* the answer to a creation says creating; the next read sees it active */
	for (size_t i = 0; get && i < w->nsans; i++)
		w->sans[i].pending = 0;
	if (r->nsegs == 1) {
		if (get)
			list(r, resp);
		else if (!strcmp(m, "POST"))
			create(r, resp);
		else
			dd_sb_scw_method(resp, "GET, POST");
	} else if (r->nsegs > 3) {
		dd_sb_scw_no_route(resp);
	} else if ((v = find(w, r->segs[1], resp)) != NULL) {
		if (r->nsegs == 2 && get)
			dd_sb_reply(resp, 200, san_json(v, 1));
		else if (r->nsegs == 2 && !strcmp(m, "DELETE")) {
			v->deleted = 1;
			dd_sb_no_content(resp);
		} else if (r->nsegs == 2)
			dd_sb_scw_method(resp, "GET, DELETE");
		else if (!strcmp(r->segs[2], "ips") && get)
			ips(r, v, 0, resp);
		else if (!strcmp(r->segs[2], "ips") && (!strcmp(m, "POST") || !strcmp(m, "DELETE")))
			change_ips(r, v, !strcmp(m, "POST"), resp);
		else if (!strcmp(r->segs[2], "ips"))
			dd_sb_scw_method(resp, "GET, POST, DELETE");
		else if (!strcmp(r->segs[2], "available-ips"))
			get ? ips(r, v, 1, resp) : dd_sb_scw_method(resp, "GET");
		else
			dd_sb_scw_no_route(resp);
	}
	pthread_rwlock_unlock(&w->lock);
	return 1;
}
