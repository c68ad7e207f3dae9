/* Failover IPs and reverse DNS of the Dedibox v1 API. */
#include "sandbox/dedibox_net.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/dedibox_json.h"
#include "sandbox/dedibox_paging.h"
#include "sandbox/sandbox.h"

/* Failover k alternates between two ranges (212.83 for even k, 212.129 for
 * odd k) and grows inside each, so address order is: even k, then odd k. */
static size_t by_address(size_t n, size_t p)
{
	size_t neven = (n + 1) / 2;
	return p < neven ? 2 * p : 2 * (p - neven) + 1;
}

static void list_failovers(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	static const char *const orders[] = { "ip_asc", "ip_desc", NULL };
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, orders, &pg) < 0)
		return;
	const char *project = dd_sb_query(r, "project_id");
	const char *search = dd_sb_query(r, "search");
	const char *avail = dd_sb_query(r, "only_available");
	if (project && *project && !dd_sb_is_uuid(project)) {
		dd_sb_scw_invalid(resp, "project_id", "format", "must be a UUID");
		return;
	}
	int only = -1;
	if (avail) {
		if (strcmp(avail, "true") == 0)
			only = 1;
		else if (strcmp(avail, "false") == 0)
			only = 0;
		else {
			dd_sb_scw_invalid(resp, "only_available", "format", "must be true or false");
			return;
		}
	}
	int other_project = project && *project && strcasecmp(project, DD_SANDBOX_PROJECT_ID) != 0;
	json_t *arr = json_array();
	size_t total = 0, first = dd_sb_page_first(&pg);
	pthread_rwlock_rdlock(&r->world->lock);
	size_t n = other_project ? 0 : r->world->nfailovers;
	for (size_t p = 0; p < n; p++) {
		const struct dd_sb_failover *f = &r->world->failovers[by_address(n, pg.order == 1 ? n - 1 - p : p)];
		char addr[16];
		if (f->deleted)
			continue;
		dd_sb_ipv4_str(f->addr, addr);
		if (f->zone != zone || (only == 1 && f->server) || (only == 0 && !f->server) ||
		    (search && !strstr(addr, search)))
			continue;
		if (total >= first && total < first + pg.size)
			json_array_append_new(arr, dd_sb_failover_json(r->world, f));
		total++;
	}
	pthread_rwlock_unlock(&r->world->lock);
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total, "failover_ips", arr));
}

static void get_failover(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	uint32_t id;
	if (dd_sb_parse_id(r->segs[3], &id) < 0) {
		dd_sb_scw_invalid(resp, "ip_id", "format", "must be a positive integer");
		return;
	}
	pthread_rwlock_rdlock(&r->world->lock);
	const struct dd_sb_failover *f = dd_sb_world_failover(r->world, id);
	json_t *v = f && f->zone == zone ? dd_sb_failover_json(r->world, f) : NULL;
	pthread_rwlock_unlock(&r->world->lock);
	if (!f || f->zone != zone)
		dd_sb_scw_not_found(resp, "failover_ip", r->segs[3]);
	else
		dd_sb_reply(resp, 200, v);
}

/* Reads fips_ids; each must be a failover IP of the zone. Caller holds
 * the lock. -1 with the error in resp. */
static int fips(const struct dd_sb_req *r, int zone, json_t *body, struct dd_sb_resp *resp)
{
	json_t *ids = json_object_get(body, "fips_ids"), *v;
	size_t i;
	if (!json_is_array(ids) || json_array_size(ids) == 0) {
		dd_sb_scw_invalid(resp, "fips_ids", ids ? "format" : "required", "must be a list of failover IP ids");
		return -1;
	}
	json_array_foreach(ids, i, v) {
		const struct dd_sb_failover *f = json_is_integer(v) && json_integer_value(v) > 0 &&
			json_integer_value(v) <= UINT32_MAX ? dd_sb_world_failover(r->world, (uint32_t)json_integer_value(v)) : NULL;
		if (!json_is_integer(v)) {
			dd_sb_scw_invalid(resp, "fips_ids", "format", "must be a list of failover IP ids");
			return -1;
		}
		if (!f || f->zone != zone) {
			char id[24];
			snprintf(id, sizeof id, "%lld", (long long)json_integer_value(v));
			dd_sb_scw_not_found(resp, "failover_ip", id);
			return -1;
		}
	}
	return 0;
}

/* The API routes an address to one server: attaching one that is routed
 * already is refused (a move detaches first). Caller holds the lock. */
static int attached(struct dd_sb_world *w, json_t *body, struct dd_sb_resp *resp)
{
	json_t *v;
	size_t i;
	json_array_foreach(json_object_get(body, "fips_ids"), i, v) {
		const struct dd_sb_failover *f = dd_sb_world_failover(w, (uint32_t)json_integer_value(v));
		if (f->server) {
			char msg[96];
			snprintf(msg, sizeof msg, "failover IP %u is already attached to server %u: detach it first",
				 f->id, f->server);
			dd_sb_scw_precondition(resp, "resource_still_in_use", msg);
			return 1;
		}
	}
	return 0;
}

static void attach_detach(const struct dd_sb_req *r, int zone, int attach, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp), *sid = NULL;
	if (!body)
		return;
	if (attach) {
		sid = json_object_get(body, "server_id");
		if (!json_is_integer(sid) || json_integer_value(sid) <= 0) {
			dd_sb_scw_invalid(resp, "server_id", sid ? "format" : "required", "must be the id of a server");
			json_decref(body);
			return;
		}
	}
	dd_sb_world_wrlock(r->world);
	const struct dd_sb_server *s = NULL;
	if (attach) {
		json_int_t id = json_integer_value(sid);
		s = id <= UINT32_MAX ? dd_sb_world_server(r->world, (uint32_t)id) : NULL;
		/* The path's zone is where the server is looked for: one of
		 * another zone is not found there, as a GET of it would be. */
		if (!s || dd_sb_dc_zone(s->dc) != zone) {
			char buf[24];
			snprintf(buf, sizeof buf, "%lld", (long long)id);
			dd_sb_scw_not_found(resp, "server", buf);
			pthread_rwlock_unlock(&r->world->lock);
			json_decref(body);
			return;
		}
	}
	if ((!attach || s) && fips(r, zone, body, resp) == 0 && (!attach || !attached(r->world, body, resp))) {
		json_t *v;
		size_t i;
		json_array_foreach(json_object_get(body, "fips_ids"), i, v) {
			struct dd_sb_failover *f = dd_sb_world_failover(r->world, (uint32_t)json_integer_value(v));
			f->server = s ? s->id : 0;
			if (!s)
				f->mac_type = 0;
		}
		dd_sb_no_content(resp);
	}
	pthread_rwlock_unlock(&r->world->lock);
	json_decref(body);
}

static int parse_mac(const char *s, uint8_t mac[6])
{
	unsigned v[6];
	char end;
	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &end) != 6 || strlen(s) != 17)
		return -1;
	for (int i = 0; i < 6; i++)
		mac[i] = (uint8_t)v[i];
	return 0;
}

static void mac(const struct dd_sb_req *r, int zone, int attach, struct dd_sb_resp *resp)
{
	static const char *const types[] = { "vmware", "kvm", "xen" };
	static const uint8_t ouis[3][3] = { { 0x00, 0x50, 0x56 }, { 0x52, 0x54, 0x00 }, { 0x00, 0x16, 0x3e } };
	uint32_t id;
	int type = -1;
	uint8_t given[6];
	json_t *body = dd_sb_json_body(r, resp);
	if (!body)
		return;
	if (dd_sb_parse_id(r->segs[3], &id) < 0) {
		dd_sb_scw_invalid(resp, "ip_id", "format", "must be a positive integer");
		json_decref(body);
		return;
	}
	if (attach) {
		json_t *t = json_object_get(body, "type"), *m = json_object_get(body, "mac");
		for (int i = 0; i < 3 && json_is_string(t); i++)
			if (strcmp(json_string_value(t), types[i]) == 0)
				type = i;
		if (type < 0) {
			dd_sb_scw_invalid(resp, "type", t ? "constraint" : "required", "must be one of vmware, kvm, xen");
			json_decref(body);
			return;
		}
		if (m && (!json_is_string(m) || parse_mac(json_string_value(m), given) < 0)) {
			dd_sb_scw_invalid(resp, "mac", "format", "must be a MAC address like 52:54:00:12:34:56");
			json_decref(body);
			return;
		}
		if (!m)
			type += 10; /* generate one */
	}
	dd_sb_world_wrlock(r->world);
	struct dd_sb_failover *f = dd_sb_world_failover(r->world, id);
	if (!f || f->zone != zone) {
		dd_sb_scw_not_found(resp, "failover_ip", r->segs[3]);
	} else if (attach && !f->server) {
		dd_sb_scw_precondition(resp, "unknown_precondition", "attach the failover IP to a server first");
	} else if (attach) {
		int t = type % 10;
		f->mac_type = (uint8_t)(t + 1);
		if (type >= 10) {
			memcpy(f->mac, ouis[t], 3);
			uint64_t h = dd_sb_mix(r->world->seed, f->id, 77);
			f->mac[3] = (uint8_t)(h >> 8);
			f->mac[4] = (uint8_t)(h >> 16);
			f->mac[5] = (uint8_t)(h >> 24);
		} else {
			memcpy(f->mac, given, 6);
		}
		dd_sb_reply(resp, 200, dd_sb_failover_ip_json(f));
	} else {
		f->mac_type = 0;
		dd_sb_reply(resp, 200, dd_sb_failover_ip_json(f));
	}
	pthread_rwlock_unlock(&r->world->lock);
	json_decref(body);
}

static void delete_failover(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	uint32_t id;
	if (dd_sb_parse_id(r->segs[3], &id) < 0) {
		dd_sb_scw_invalid(resp, "ip_id", "format", "must be a positive integer");
		return;
	}
	dd_sb_world_wrlock(r->world);
	struct dd_sb_failover *f = dd_sb_world_failover(r->world, id);
	if (!f || f->zone != zone) {
		dd_sb_scw_not_found(resp, "failover_ip", r->segs[3]);
	} else {
		f->deleted = 1;
		f->server = 0;
		f->mac_type = 0;
		dd_sb_no_content(resp);
	}
	pthread_rwlock_unlock(&r->world->lock);
}

void dd_sb_failover_ips(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	int get = strcmp(r->method, "GET") == 0, post = strcmp(r->method, "POST") == 0;
	if (r->nsegs == 3) {
		if (get)
			list_failovers(r, zone, resp);
		else
			dd_sb_scw_method(resp, "GET, POST");
	} else if (r->nsegs == 4 && (!strcmp(r->segs[3], "attach") || !strcmp(r->segs[3], "detach"))) {
		if (post)
			attach_detach(r, zone, strcmp(r->segs[3], "attach") == 0, resp);
		else
			dd_sb_scw_method(resp, "POST");
	} else if (r->nsegs == 4) {
		if (get)
			get_failover(r, zone, resp);
		else if (strcmp(r->method, "DELETE") == 0)
			delete_failover(r, zone, resp);
		else
			dd_sb_scw_method(resp, "GET, DELETE");
	} else if (r->nsegs == 5 && (!strcmp(r->segs[4], "attach-to-mac-address") ||
				     !strcmp(r->segs[4], "detach-from-mac-address"))) {
		if (post)
			mac(r, zone, r->segs[4][1] == 't', resp);
		else
			dd_sb_scw_method(resp, "POST");
	} else {
		dd_sb_scw_no_route(resp);
	}
}

static void update_reverse(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	uint32_t id;
	if (dd_sb_parse_id(r->segs[3], &id) < 0) {
		dd_sb_scw_invalid(resp, "ip_id", "format", "must be a positive integer");
		return;
	}
	json_t *body = dd_sb_json_body(r, resp);
	if (!body)
		return;
	json_t *rev = json_object_get(body, "reverse");
	if (!json_is_string(rev)) {
		dd_sb_scw_invalid(resp, "reverse", rev ? "format" : "required", "must be a host name");
		json_decref(body);
		return;
	}
	const char *name = json_string_value(rev);
	size_t len = json_string_length(rev);
	if (len && !dd_sb_valid_fqdn(name, len)) {
		dd_sb_scw_invalid(resp, "reverse", "constraint",
				  "must be a fully qualified host name, such as host.example.com.");
		json_decref(body);
		return;
	}
	dd_sb_world_wrlock(r->world);
	struct dd_sb_world *w = r->world;
	struct dd_sb_failover *f = dd_sb_world_failover(w, id);
	if (f && f->zone == zone) {
		if (len)
			dd_sb_set_string(&f->reverse, name);
		else {
			free(f->reverse);
			f->reverse = NULL;
		}
		dd_sb_reply(resp, 200, dd_sb_failover_ip_json(f));
	} else if (id >= 1000000u && id - 1000000u < 4u * w->nservers) {
		struct dd_sb_server *s = &w->servers[(id - 1000000u) / 4u];
		unsigned which = (id - 1000000u) % 4u;
		if (dd_sb_dc_zone(s->dc) != zone || (which == 1 && !s->ipv6)) {
			dd_sb_scw_not_found(resp, "ip", r->segs[3]);
		} else if (which >= 2) {
			dd_sb_scw_invalid(resp, "ip_id", "constraint",
					  "the reverse of a private or IPMI address cannot be changed");
		} else {
			char **slot = which == 0 ? &s->reverse : &s->reverse6;
			if (len)
				dd_sb_set_string(slot, name);
			else {
				free(*slot);
				*slot = NULL;
			}
			s->updated_at = dd_sb_now();
			dd_sb_reply(resp, 200, dd_sb_ip_json(s, which));
		}
	} else {
		dd_sb_scw_not_found(resp, "ip", r->segs[3]);
	}
	pthread_rwlock_unlock(&w->lock);
	json_decref(body);
}

void dd_sb_reverses(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	if (r->nsegs != 4)
		dd_sb_scw_no_route(resp);
	else if (strcmp(r->method, "PATCH") == 0)
		update_reverse(r, zone, resp);
	else
		dd_sb_scw_method(resp, "PATCH");
}
