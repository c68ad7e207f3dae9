/* Dedibox v1 IPv6 blocks (zone-less): the Organization's /48, its /56
 * subnets (quota: one per server) and their /64 (quota: one per failover
 * IP), with name server delegation. */
#include "sandbox/dedibox_ipv6.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/netcalc.h"
#include "sandbox/dedibox_json.h"
#include "sandbox/sandbox.h"

static struct dd_sb_v6 *find(struct dd_sb_world *w, uint32_t id)
{
	for (size_t i = 0; i < w->nv6; i++)
		if (w->v6[i].id == id && !w->v6[i].deleted)
			return &w->v6[i];
	return NULL;
}

static struct dd_sb_v6 *org_block(struct dd_sb_world *w)
{
	for (size_t i = 0; i < w->nv6; i++)
		if (w->v6[i].cidr == 48 && !w->v6[i].deleted)
			return &w->v6[i];
	return NULL;
}

static size_t live_children(const struct dd_sb_world *w, uint32_t id, unsigned cidr)
{
	size_t n = 0;
	for (size_t i = 0; i < w->nv6; i++)
		n += !w->v6[i].deleted && (id ? w->v6[i].parent == id : w->v6[i].cidr == cidr);
	return n;
}

/* The prefix arithmetic is core's (core/netcalc.h), as the client does it. */
static struct dd_prefix prefix_of(const struct dd_sb_v6 *b)
{
	struct dd_prefix p = { .addr.family = DD_IPV6, .len = b->cidr };
	memcpy(p.addr.b, b->addr, 16);
	return p;
}

static json_t *block_json(const struct dd_sb_world *w, const struct dd_sb_v6 *b)
{
	char addr[DD_ADDR_STRLEN], duid[64];
	struct dd_prefix p = prefix_of(b);
	dd_addr_format(&p.addr, addr, sizeof addr);
	uint64_t h = dd_sb_mix(w->seed, b->id, 610);
	snprintf(duid, sizeof duid, "00:03:00:01:%02x:%02x:%02x:%02x:%02x:%02x", (unsigned)(h >> 40) & 255,
		 (unsigned)(h >> 32) & 255, (unsigned)(h >> 24) & 255, (unsigned)(h >> 16) & 255,
		 (unsigned)(h >> 8) & 255, (unsigned)h & 255);
	json_t *ns = json_array(), *subs = json_array();
	for (size_t i = 0; ns && i < b->nns; i++)
		json_array_append_new(ns, json_string(b->ns[i]));
	for (size_t i = 0; subs && i < w->nv6; i++)
		if (!w->v6[i].deleted && w->v6[i].parent == b->id)
			json_array_append_new(subs, block_json(w, &w->v6[i]));
	return json_pack("{s:I, s:s, s:s, s:o, s:i, s:o, s:s}", "id", (json_int_t)b->id, "address", addr,
			 "duid", duid, "nameservers", ns, "cidr", (int)b->cidr, "subnets", subs,
			 "delegation_status", b->updating ? "updating" : "done");
}

static void settle(struct dd_sb_world *w)
{
	/* a delegation change is seen done by the next read */
	for (size_t i = 0; i < w->nv6; i++)
		w->v6[i].updating = 0;
}

static int project_ok(const struct dd_sb_req *r, struct dd_sb_resp *resp, int *other)
{
	const char *p = dd_sb_query(r, "project_id");
	*other = 0;
	if (p && *p && !dd_sb_is_uuid(p)) {
		dd_sb_scw_invalid(resp, "project_id", "format", "must be a UUID");
		return 0;
	}
	*other = p && *p && strcasecmp(p, DD_SANDBOX_PROJECT_ID) != 0;
	return 1;
}

static void quotas(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	int other;
	if (!project_ok(r, resp, &other))
		return;
	dd_sb_reply(resp, 200, json_pack("{s:[{s:i, s:i}, {s:I, s:i}, {s:I, s:i}], s:i}", "quotas",
					 "quota", other ? 0 : 1, "cidr", 48,
					 "quota", (json_int_t)(other ? 0 : r->world->nservers), "cidr", 56,
					 "quota", (json_int_t)(other ? 0 : r->world->nfailovers), "cidr", 64,
					 "total_count", 3));
}

static void create_block(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp);
	if (!body)
		return;
	struct dd_sb_world *w = r->world;
	struct dd_sb_v6 *b = org_block(w);
	if (b) {
		char id[16];
		snprintf(id, sizeof id, "%u", b->id);
		dd_sb_reply(resp, 409, json_pack("{s:s, s:s, s:s, s:s, s:s}", "help_message",
						 "an Organization has one /48 block", "message", "resource already exists",
						 "resource", "ipv6_block", "resource_id", id, "type", "already_exists"));
	} else {
		uint8_t a[16] = { 0x20, 0x01, 0x0b, 0xc8 };
		uint32_t x = 0x1000u + (uint32_t)(dd_sb_mix(w->seed, w->next_v6_id, 600) % 0xE000u);
		a[4] = (uint8_t)(x >> 8);
		a[5] = (uint8_t)x;
		b = dd_sb_world_add_v6(w, a, 48, 0);
		dd_sb_reply(resp, 200, b ? block_json(w, b) : NULL);
	}
	json_decref(body);
}

static int parse_ns(json_t *ns, struct dd_sb_resp *resp)
{
	json_t *v;
	size_t i, k;
	if (!json_is_array(ns)) {
		dd_sb_scw_invalid(resp, "nameservers", ns ? "format" : "required", "must be a list of host names");
		return -1;
	}
	size_t n = json_array_size(ns);
	if (n == 1 || n > 5) {
		dd_sb_scw_invalid(resp, "nameservers", "constraint", "must name 2 to 5 servers, or none to stop delegating");
		return -1;
	}
	json_array_foreach(ns, i, v) {
		if (!json_is_string(v) || !dd_sb_valid_fqdn(json_string_value(v), json_string_length(v))) {
			dd_sb_scw_invalid(resp, "nameservers", "format", "each name server must be a host name");
			return -1;
		}
		for (k = 0; k < i; k++)
			if (strcasecmp(json_string_value(v), json_string_value(json_array_get(ns, k))) == 0) {
				dd_sb_scw_invalid(resp, "nameservers", "constraint", "name servers must not repeat");
				return -1;
			}
	}
	return 0;
}

static void update_block(const struct dd_sb_req *r, struct dd_sb_v6 *b, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp);
	if (!body)
		return;
	json_t *ns = json_object_get(body, "nameservers");
	if (parse_ns(ns, resp) == 0) {
		size_t n = json_array_size(ns);
		char **copy = calloc(n ? n : 1, sizeof *copy);
		for (size_t i = 0; copy && i < n; i++)
			copy[i] = strdup(json_string_value(json_array_get(ns, i)));
		for (size_t i = 0; i < b->nns; i++)
			free(b->ns[i]);
		free(b->ns);
		b->ns = copy;
		b->nns = copy ? n : 0;
		b->updating = 1;
		dd_sb_reply(resp, 200, block_json(r->world, b));
	}
	json_decref(body);
}

static void delete_block(const struct dd_sb_req *r, struct dd_sb_v6 *b, struct dd_sb_resp *resp)
{
	if (live_children(r->world, b->id, 0)) {
		dd_sb_scw_precondition(resp, "resource_still_in_use", "delete its subnets first");
		return;
	}
	b->deleted = 1;
	dd_sb_no_content(resp);
}

static void create_subnet(const struct dd_sb_req *r, struct dd_sb_v6 *b, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp);
	if (!body)
		return;
	json_t *addr = json_object_get(body, "address"), *cidr = json_object_get(body, "cidr");
	struct dd_addr a;
	struct dd_prefix block = prefix_of(b), sub;
	unsigned want = b->cidr + 8u;
	char help[96];
	if (!json_is_string(addr) || strlen(json_string_value(addr)) != json_string_length(addr) ||
	    dd_addr_parse(json_string_value(addr), DD_IPV6, &a, NULL) < 0) {
		dd_sb_scw_invalid(resp, "address", addr ? "format" : "required", "must be an IPv6 address");
	} else if (!json_is_integer(cidr) || json_integer_value(cidr) != (json_int_t)want || want > 64) {
		snprintf(help, sizeof help, "a /%u block is divided in /%u subnets", (unsigned)b->cidr, want);
		dd_sb_scw_invalid(resp, "cidr", cidr ? "constraint" : "required", help);
	} else if (dd_prefix_make(&a, want, &sub, NULL) < 0 || !dd_addr_equal(&sub.addr, &a) ||
		   !dd_prefix_within(&sub, &block)) {
		snprintf(help, sizeof help, "must be a /%u boundary inside the /%u block", want, (unsigned)b->cidr);
		dd_sb_scw_invalid(resp, "address", "constraint", help);
	} else {
		struct dd_sb_world *w = r->world;
		size_t used = live_children(w, 0, want);
		size_t quota = want == 56 ? w->nservers : w->nfailovers;
		struct dd_sb_v6 *dup = NULL;
		for (size_t i = 0; i < w->nv6 && !dup; i++)
			if (!w->v6[i].deleted && w->v6[i].cidr == want && memcmp(w->v6[i].addr, a.b, 16) == 0)
				dup = &w->v6[i];
		if (dup) {
			char id[16];
			snprintf(id, sizeof id, "%u", dup->id);
			dd_sb_reply(resp, 409, json_pack("{s:s, s:s, s:s, s:s, s:s}", "help_message", "this subnet is already carved",
							 "message", "resource already exists", "resource", "ipv6_subnet",
							 "resource_id", id, "type", "already_exists"));
		} else if (used >= quota) {
			char res[24];
			snprintf(res, sizeof res, "ipv6_subnet_%u", want);
			dd_sb_reply(resp, 403, json_pack("{s:[{s:s, s:I, s:I}], s:s, s:s}", "details", "resource", res,
							 "quota", (json_int_t)quota, "current", (json_int_t)used,
							 "message", "quota(s) exceeded for this resource", "type", "quotas_exceeded"));
		} else {
			struct dd_sb_v6 *s = dd_sb_world_add_v6(w, a.b, want, b->id);
			dd_sb_reply(resp, 200, s ? block_json(w, s) : NULL);
		}
	}
	json_decref(body);
}

static void available(const struct dd_sb_req *r, const struct dd_sb_v6 *b, struct dd_sb_resp *resp)
{
	json_t *arr = json_array();
	size_t n = 0;
	unsigned want = b->cidr + 8u;
	struct dd_prefix block = prefix_of(b), sub;
	uint64_t count = want <= 64 ? dd_prefix_subnet_count(&block, want) : 0;
	for (uint64_t k = 0; k < count && k < 256; k++) {
		if (dd_prefix_subnet(&block, want, k, &sub, NULL) < 0)
			break;
		int taken = 0;
		for (size_t i = 0; i < r->world->nv6 && !taken; i++)
			taken = !r->world->v6[i].deleted && r->world->v6[i].cidr == want &&
				!memcmp(r->world->v6[i].addr, sub.addr.b, 16);
		if (taken)
			continue;
		char s[DD_ADDR_STRLEN];
		dd_addr_format(&sub.addr, s, sizeof s);
		json_array_append_new(arr, json_pack("{s:s, s:i}", "address", s, "cidr", (int)want));
		n++;
	}
	dd_sb_reply(resp, 200, json_pack("{s:o, s:I}", "subnet_availables", arr, "total_count", (json_int_t)n));
}

static void blocks(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	uint32_t id;
	struct dd_sb_v6 *b;
	if (r->nsegs == 1) {
		int other;
		if (strcmp(r->method, "GET") != 0) {
			dd_sb_scw_method(resp, "GET");
			return;
		}
		if (!project_ok(r, resp, &other))
			return;
		json_t *arr = json_array();
		b = other ? NULL : org_block(r->world);
		settle(r->world);
		if (b)
			json_array_append_new(arr, block_json(r->world, b));
		dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)(b != NULL), "ipv6_blocks", arr));
		return;
	}
	if (dd_sb_parse_id(r->segs[1], &id) < 0) {
		dd_sb_scw_invalid(resp, "block_id", "format", "must be a positive integer");
		return;
	}
	if (!(b = find(r->world, id))) {
		dd_sb_scw_not_found(resp, "ipv6_block", r->segs[1]);
		return;
	}
	int subnets = r->nsegs == 3 && strcmp(r->segs[2], "subnets") == 0;
	if (r->nsegs == 2 && strcmp(r->method, "PATCH") == 0)
		update_block(r, b, resp);
	else if (r->nsegs == 2 && strcmp(r->method, "DELETE") == 0)
		delete_block(r, b, resp);
	else if (r->nsegs == 2)
		dd_sb_scw_method(resp, "PATCH, DELETE");
	else if (subnets && strcmp(r->method, "POST") == 0)
		create_subnet(r, b, resp);
	else if (subnets && strcmp(r->method, "GET") == 0)
		available(r, b, resp);
	else if (subnets)
		dd_sb_scw_method(resp, "GET, POST");
	else
		dd_sb_scw_no_route(resp);
}

int dd_sb_dedibox_ipv6(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	const char *s0 = r->nsegs ? r->segs[0] : "";
	int quota = !strcmp(s0, "ipv6-block-quotas"), one = !strcmp(s0, "ipv6-block"), many = !strcmp(s0, "ipv6-blocks");
	if (!quota && !one && !many)
		return 0;
	/* reads settle delegations, so every route takes the write lock */
	dd_sb_world_wrlock(r->world);
	if ((quota || one) && r->nsegs != 1) {
		dd_sb_scw_no_route(resp);
	} else if (quota) {
		if (strcmp(r->method, "GET") == 0)
			quotas(r, resp);
		else
			dd_sb_scw_method(resp, "GET");
	} else if (one && strcmp(r->method, "POST") == 0) {
		create_block(r, resp);
	} else if (one && strcmp(r->method, "GET") == 0) {
		int other;
		if (project_ok(r, resp, &other)) {
			struct dd_sb_v6 *b = other ? NULL : org_block(r->world);
			settle(r->world);
			if (b)
				dd_sb_reply(resp, 200, block_json(r->world, b));
			else
				dd_sb_scw_not_found(resp, "ipv6_block", DD_SANDBOX_PROJECT_ID);
		}
	} else if (one) {
		dd_sb_scw_method(resp, "GET, POST");
	} else if (r->nsegs <= 3) {
		blocks(r, resp);
	} else {
		dd_sb_scw_no_route(resp);
	}
	pthread_rwlock_unlock(&r->world->lock);
	return 1;
}
