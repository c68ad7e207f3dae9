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

void dd_sb_failover_ips(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	if (r->nsegs == 3) {
		if (strcmp(r->method, "GET") == 0)
			list_failovers(r, zone, resp);
		else
			dd_sb_scw_method(resp, "GET, POST");
	} else if (r->nsegs == 4) {
		if (strcmp(r->method, "GET") == 0)
			get_failover(r, zone, resp);
		else
			dd_sb_scw_method(resp, "GET, DELETE");
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
	if (len && !dd_sb_valid_hostname(name, len, 1)) {
		dd_sb_scw_invalid(resp, "reverse", "constraint",
				  "must be a fully qualified host name, such as host.example.com.");
		json_decref(body);
		return;
	}
	pthread_rwlock_wrlock(&r->world->lock);
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
