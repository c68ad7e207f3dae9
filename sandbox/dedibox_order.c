/* Ordering with the Dedibox v1 API: offers and their stock, a new server,
 * failover IPs, server options, the services they become, termination.
 * A new server is delivering for DELIVERY_SECONDS of the sandbox clock,
 * then ready; what else is ordered is delivered on the next read. An
 * offer with low stock in a datacenter has LOW_STOCK servers left there,
 * then it is out of stock. can-order's checks can be made to fail
 * (POST /__sandbox/account?fail=...): an order is then refused. */
#include "sandbox/dedibox_order.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/dedibox_api.h"
#include "sandbox/dedibox_json.h"
#include "sandbox/dedibox_paging.h"
#include "sandbox/sandbox.h"
#include "sandbox/scenario.h"

#define FAILOVER_OPTION 4      /* dd_sb_options[4]: Failover IP */
#define SAN_OPTION 5
#define SERVICE_BASE 20000000u /* derived services: one per server */
#define DELIVERY_SECONDS 1800  /* a new server is racked and delivered in 30 minutes */
#define LOW_STOCK 2            /* servers left where the stock is "low" */

int dd_sb_order_blocks_parse(const char *list, unsigned *out)
{
	static const char *const names[] = { "email", "phone", "user", "payment", "billing", "quota" };
	unsigned bits = 0;
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ","), i;
		for (i = 0; i < sizeof names / sizeof names[0]; i++)
			if (strlen(names[i]) == len && !strncmp(p, names[i], len))
				break;
		if (i == sizeof names / sizeof names[0])
			return -1;
		bits |= 1u << i;
		p += len + (p[len] == ',');
	}
	*out = bits;
	return 0;
}

static json_t *offer_json(int offer);

/* The stock of a server offer in one datacenter (dc >= 0) or overall,
 * counting what was sold since the sandbox started. */
static const char *stock_now(const struct dd_sb_world *w, size_t offer, int dc)
{
	if (dc < 0) {
		const char *best = "empty";
		for (int d = 0; d < DD_SB_NDCS; d++) {
			const char *st = stock_now(w, offer, d);
			if (!strcmp(st, "available"))
				return st;
			if (!strcmp(st, "low"))
				best = st;
		}
		return best;
	}
	const char *st = dd_sb_offer_stock(offer, dc);
	if (!strcmp(st, "low") && offer < 32 && __atomic_load_n(&w->sold[offer][dc], __ATOMIC_ACQUIRE) >= LOW_STOCK)
		return "empty";
	return st;
}

static json_t *stocked_offer_json(const struct dd_sb_world *w, int offer)
{
	json_t *o = offer_json(offer), *info;
	if (offer >= 0 && (info = json_object_get(o, "server_info"))) {
		json_t *by = json_object_get(info, "stock_by_datacenter");
		json_object_set_new(info, "stock", json_string(stock_now(w, (size_t)offer, -1)));
		/* the Core and Store ranges are sold with a setup fee: an Offer of its own */
		const struct dd_sb_offer *so = &dd_sb_offers[offer];
		unsigned fee = !strcmp(so->range, "core") ? 49 : !strcmp(so->range, "store") ? 29 : 0;
		if (fee)
			json_object_set_new(info, "onetime_fees",
					    json_pack("{s:I, s:s, s:s, s:s, s:{s:s, s:I, s:i}}", "id", (json_int_t)so->id + 90000,
						      "name", "Setup fee", "catalog", "default", "payment_frequency", "oneshot",
						      "pricing", "currency_code", "EUR", "units", (json_int_t)fee, "nanos", 990000000));
		for (int d = 0; json_is_object(by) && d < DD_SB_NDCS; d++)
			if (json_object_get(by, dd_sb_dc_names[d]))
				json_object_set_new(by, dd_sb_dc_names[d], json_string(stock_now(w, (size_t)offer, d)));
	}
	return o;
}

static int offer_index(uint32_t id)
{
	for (size_t i = 0; i < dd_sb_noffers; i++)
		if (dd_sb_offers[i].id == id)
			return (int)i;
	for (int i = 0; i < DD_SB_NOPTIONS; i++)
		if (dd_sb_options[i].id == id)
			return -1 - i;
	return INT32_MIN;
}

static json_t *offer_json(int offer)
{
	return offer >= 0 ? dd_sb_offer_json(&dd_sb_offers[offer]) : dd_sb_option_offer_json((unsigned)(-1 - offer));
}

static int64_t offer_cents(int offer)
{
	if (offer >= 0)
		return dd_sb_price_cents(dd_sb_offers[offer].units, dd_sb_offers[offer].nanos);
	return dd_sb_price_cents(dd_sb_options[-1 - offer].units, dd_sb_options[-1 - offer].nanos);
}

static void list_offers(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	static const char *const orders[] = { "created_at_asc", "created_at_desc", "name_asc", "name_desc",
					      "price_asc", "price_desc", NULL };
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, orders, &pg) < 0)
		return;
	const char *range = dd_sb_query(r, "commercial_range"), *catalog = dd_sb_query(r, "catalog");
	const char *avail = dd_sb_query(r, "available_only"), *fip = dd_sb_query(r, "is_failover_ip");
	const char *fblock = dd_sb_query(r, "is_failover_block"), *san = dd_sb_query(r, "is_rpn_san");
	int offers[64], n = 0;
	for (size_t i = 0; i < dd_sb_noffers; i++)
		offers[n++] = (int)i;
	for (int i = 0; i < DD_SB_NOPTIONS; i++)
		offers[n++] = -1 - i;
	/* the tables are in creation order; sort a copy for the other orders */
	for (int a = 0; a < n && pg.order >= 2; a++)
		for (int b = a + 1; b < n; b++) {
			int x = offers[a], y = offers[b], swap;
			if (pg.order < 4) {
				const char *nx = x >= 0 ? dd_sb_offers[x].name : dd_sb_options[-1 - x].name;
				const char *ny = y >= 0 ? dd_sb_offers[y].name : dd_sb_options[-1 - y].name;
				swap = strcmp(nx, ny) > 0;
			} else {
				swap = offer_cents(x) > offer_cents(y);
			}
			if (swap) {
				offers[a] = y;
				offers[b] = x;
			}
		}
	int desc = pg.order % 2 == 1;
	json_t *arr = json_array();
	size_t total = 0, first = dd_sb_page_first(&pg);
	int dc = zone == DD_SB_ZONE_PAR2 ? DD_SB_DC5 : zone == DD_SB_ZONE_AMS1 ? DD_SB_AMS1 : DD_SB_DC3;
	for (int k = 0; k < n; k++) {
		int o = offers[desc ? n - 1 - k : k];
		if (fip && !strcmp(fip, "true") && o != -1 - FAILOVER_OPTION)
			continue;
		if (san && !strcmp(san, "true") && o != -1 - SAN_OPTION)
			continue;
		if (fblock && !strcmp(fblock, "true"))
			continue; /* no failover block offer in this catalogue */
		if (range && (o < 0 || strcmp(range, dd_sb_offers[o].range) != 0))
			continue;
		if (catalog && strcmp(catalog, "default") != 0 && strcmp(catalog, "all") != 0)
			continue;
		if (avail && !strcmp(avail, "true") && o >= 0 && !strcmp(stock_now(r->world, (size_t)o, dc), "empty"))
			continue;
		if (total >= first && total < first + pg.size)
			json_array_append_new(arr, stocked_offer_json(r->world, o));
		total++;
	}
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total, "offers", arr));
}

static void get_offer(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	uint32_t id;
	int o;
	if (dd_sb_parse_id(r->segs[3], &id) < 0)
		dd_sb_scw_invalid(resp, "offer_id", "format", "must be a positive integer");
	else if ((o = offer_index(id)) == INT32_MIN)
		dd_sb_scw_not_found(resp, "offer", r->segs[3]);
	else
		dd_sb_reply(resp, 200, stocked_offer_json(r->world, o));
}

static size_t zone_servers(const struct dd_sb_world *w, int zone)
{
	size_t n = 0;
	for (size_t i = 0; i < w->nservers; i++)
		n += !w->servers[i].deleted && dd_sb_dc_zone(w->servers[i].dc) == zone;
	return n;
}

static void quota_numbers(const struct dd_sb_world *w, int zone, size_t *quota, size_t *used)
{
	/* 16 failover IPs per server in the zone, as Dedibox grants */
	*quota = 16 * zone_servers(w, zone);
	*used = 0;
	for (size_t i = 0; i < w->nfailovers; i++)
		*used += !w->failovers[i].deleted && w->failovers[i].zone == zone;
}

static void remaining_quota(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	size_t quota, used;
	quota_numbers(r->world, zone, &quota, &used);
	dd_sb_reply(resp, 200, json_pack("{s:I, s:I, s:i, s:i}", "failover_ip_quota", (json_int_t)quota,
					 "failover_ip_remaining_quota", (json_int_t)(used < quota ? quota - used : 0),
					 "failover_block_quota", 0, "failover_block_remaining_quota", 0));
}

static json_t *service_json(const struct dd_sb_service *v)
{
	const char *st = v->terminated_at ? "expiring" : v->delivered_at ? "ready" : "delivering";
	return json_pack("{s:I, s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:s}", "id", (json_int_t)v->id,
			 "resource_id", (json_int_t)v->resource, "provisioning_status", st, "offer", offer_json(v->offer),
			 "created_at", dd_sb_time_json(v->created_at),
			 "delivered_at", v->delivered_at ? dd_sb_time_json(v->delivered_at) : json_null(),
			 "terminated_at", v->terminated_at ? dd_sb_time_json(v->terminated_at) : json_null(),
			 "expires_at", dd_sb_time_json((v->terminated_at ? v->terminated_at : v->created_at) + 30 * 86400),
			 "type", v->order ? "order" : "service");
}

static struct dd_sb_server *server_by_id(struct dd_sb_world *w, uint32_t id)
{
	for (size_t i = w->nservers; i-- > 0;)
		if (w->servers[i].id == id)
			return &w->servers[i];
	return NULL;
}

/* A read delivers what was ordered: a server once DELIVERY_SECONDS have
 * passed on the sandbox clock, anything else at once. Caller holds the
 * write lock. */
static void deliver(struct dd_sb_world *w)
{
	int64_t now = dd_sb_now();
	int pending = 0;
	for (size_t i = 0; i < w->nservices; i++) {
		struct dd_sb_service *v = &w->services[i];
		struct dd_sb_server *s;
		if (v->delivered_at)
			continue;
		s = v->order && v->offer >= 0 ? server_by_id(w, v->resource) : NULL;
		if (s && v->created_at + DELIVERY_SECONDS > now) {
			pending = 1;
			continue;
		}
		v->delivered_at = s ? v->created_at + DELIVERY_SECONDS : now;
		if (s && s->status == DD_SB_DELIVERING) {
			s->status = DD_SB_READY;
			dd_sb_world_add_event(w, s, v->delivered_at, "Server delivered");
		}
	}
	__atomic_store_n(&w->undelivered, pending, __ATOMIC_RELEASE);
}

static void order_server(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp), *v;
	if (!body)
		return;
	json_t *offer = json_object_get(body, "offer_id"), *opts = json_object_get(body, "server_option_ids");
	json_t *dcn = json_object_get(body, "datacenter_name");
	size_t i;
	int o = json_is_integer(offer) ? offer_index((uint32_t)json_integer_value(offer)) : INT32_MIN;
	unsigned options = 0;
	int dc = zone == DD_SB_ZONE_PAR2 ? DD_SB_DC5 : zone == DD_SB_ZONE_AMS1 ? DD_SB_AMS1 : DD_SB_DC3;
	if (o < 0) {
		dd_sb_scw_invalid(resp, "offer_id", offer ? "constraint" : "required", "must be the id of a server offer");
		goto out;
	}
	if (opts && !json_is_array(opts)) {
		dd_sb_scw_invalid(resp, "server_option_ids", "format", "must be a list of option offer ids");
		goto out;
	}
	json_array_foreach(opts, i, v) {
		int k = json_is_integer(v) ? offer_index((uint32_t)json_integer_value(v)) : 0;
		if (k >= 0 || k == INT32_MIN) {
			dd_sb_scw_invalid(resp, "server_option_ids", "constraint", "each must be the id of a server option offer");
			goto out;
		}
		options |= 1u << (-1 - k);
	}
	if (dcn) {
		dc = -1;
		for (int d = 0; d < DD_SB_NDCS && json_is_string(dcn); d++)
			if (!strcmp(json_string_value(dcn), dd_sb_dc_names[d]) && dd_sb_dc_zone((unsigned)d) == zone)
				dc = d;
		if (dc < 0) {
			dd_sb_scw_invalid(resp, "datacenter_name", "constraint", "must be a datacenter of this zone");
			goto out;
		}
	}
	unsigned blocks = __atomic_load_n(&r->world->order_blocks, __ATOMIC_ACQUIRE);
	if (blocks & DD_SB_BLOCK_QUOTA) {
		dd_sb_reply(resp, 403, json_pack("{s:[{s:s, s:i, s:I}], s:s, s:s}", "details", "resource", "server",
						 "quota", 0, "current", (json_int_t)zone_servers(r->world, zone),
						 "message", "quota(s) exceeded for this resource", "type", "quotas_exceeded"));
		goto out;
	}
	if (blocks) {
		static const char *const why[] = {
			"confirm the email address of the account first", "confirm the phone number of the account first",
			"the account is not validated yet", "register a payment method first",
			"pay the unpaid invoices first",
		};
		int k = __builtin_ctz(blocks);
		char msg[160];
		snprintf(msg, sizeof msg, "precondition failed: unknown_precondition, %s", why[k]);
		dd_sb_reply(resp, 412, json_pack("{s:s, s:s, s:s, s:s}", "help_message", why[k], "message", msg,
						 "precondition", "unknown_precondition", "type", "precondition_failed"));
		goto out;
	}
	dd_sb_world_wrlock(r->world);
	if (!strcmp(stock_now(r->world, (size_t)o, dc), "empty")) {
		pthread_rwlock_unlock(&r->world->lock);
		dd_sb_reply(resp, 409, json_pack("{s:s, s:s, s:s}", "message", "resource is out of stock",
						 "resource", "offer", "type", "out_of_stock"));
		goto out;
	}
	if (o < 32)
		__atomic_add_fetch(&r->world->sold[o][dc], 1, __ATOMIC_RELEASE);
	int64_t now = dd_sb_now();
	struct dd_sb_server *s = dd_sb_world_add_server(r->world, (unsigned)dc, (unsigned)o, options, now);
	struct dd_sb_service *svc = s ? dd_sb_world_add_service(r->world, s->id, o, 1, now) : NULL;
	__atomic_store_n(&r->world->undelivered, 1, __ATOMIC_RELEASE);
	dd_sb_reply(resp, 200, svc ? service_json(svc) : NULL);
	pthread_rwlock_unlock(&r->world->lock);
out:
	json_decref(body);
}

static void order_failovers(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp);
	if (!body)
		return;
	json_t *offer = json_object_get(body, "offer_id"), *qty = json_object_get(body, "quantity");
	if (!json_is_integer(offer) || offer_index((uint32_t)json_integer_value(offer)) != -1 - FAILOVER_OPTION) {
		dd_sb_scw_invalid(resp, "offer_id", offer ? "constraint" : "required", "must be the failover IP offer (4030)");
	} else if (!json_is_integer(qty) || json_integer_value(qty) < 1 || json_integer_value(qty) > 32) {
		dd_sb_scw_invalid(resp, "quantity", qty ? "constraint" : "required", "must be from 1 to 32");
	} else {
		dd_sb_world_wrlock(r->world);
		size_t quota, used, want = (size_t)json_integer_value(qty);
		quota_numbers(r->world, zone, &quota, &used);
		if (used + want > quota) {
			dd_sb_reply(resp, 403, json_pack("{s:[{s:s, s:I, s:I}], s:s, s:s}", "details", "resource", "failover_ip",
							 "quota", (json_int_t)quota, "current", (json_int_t)used,
							 "message", "quota(s) exceeded for this resource", "type", "quotas_exceeded"));
		} else {
			json_t *arr = json_array();
			int64_t now = dd_sb_now();
			for (size_t k = 0; k < want; k++) {
				struct dd_sb_failover *f = dd_sb_world_add_failover(r->world, (unsigned)zone);
				struct dd_sb_service *v = f ? dd_sb_world_add_service(r->world, f->id, -1 - FAILOVER_OPTION, 1, now) : NULL;
				if (v)
					json_array_append_new(arr, service_json(v));
			}
			__atomic_store_n(&r->world->undelivered, 1, __ATOMIC_RELEASE);
			dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)json_array_size(arr),
							 "services", arr));
		}
		pthread_rwlock_unlock(&r->world->lock);
	}
	json_decref(body);
}

void dd_sb_subscribe_option(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp);
	if (!body)
		return;
	json_t *opt = json_object_get(body, "option_id");
	int k = json_is_integer(opt) ? offer_index((uint32_t)json_integer_value(opt)) : INT32_MIN;
	if (k >= 0 || k == INT32_MIN) {
		dd_sb_scw_invalid(resp, "option_id", opt ? "constraint" : "required", "must be the id of a server option offer");
		json_decref(body);
		return;
	}
	dd_sb_world_wrlock(r->world);
	struct dd_sb_server *s = dd_sb_find_server(r, zone, resp);
	if (s && !dd_sb_refuse_locked(s, resp)) {
		unsigned bit = 1u << (-1 - k);
		if (s->options & bit) {
			char id[16];
			snprintf(id, sizeof id, "%u", s->id);
			dd_sb_reply(resp, 409, json_pack("{s:s, s:s, s:s, s:s, s:s}", "help_message", "this option is already subscribed",
							 "message", "resource already exists", "resource", "server_option",
							 "resource_id", id, "type", "already_exists"));
		} else {
			s->options = (uint8_t)(s->options | bit);
			struct dd_sb_service *v = dd_sb_world_add_service(r->world, s->id, k, 0, dd_sb_now());
			__atomic_store_n(&r->world->undelivered, 1, __ATOMIC_RELEASE);
			dd_sb_reply(resp, 200, v ? service_json(v) : NULL);
		}
	}
	pthread_rwlock_unlock(&r->world->lock);
	json_decref(body);
}

/* POST .../subscribe-storage-options (options_ids): backup storage. */
void dd_sb_subscribe_storage(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	json_t *body = dd_sb_json_body(r, resp), *v;
	size_t i;
	if (!body)
		return;
	json_t *list = json_object_get(body, "options_ids");
	unsigned bits = 0;
	if (!json_is_array(list) || json_array_size(list) == 0) {
		dd_sb_scw_invalid(resp, "options_ids", list ? "format" : "required", "must be a list of storage option offer ids");
		json_decref(body);
		return;
	}
	json_array_foreach(list, i, v) {
		int k = json_is_integer(v) ? offer_index((uint32_t)json_integer_value(v)) : INT32_MIN;
		/* the storage options are the backup storage ones */
		if (k != -1 && k != -2) {
			dd_sb_scw_invalid(resp, "options_ids", "constraint", "each must be a backup storage offer (4001, 4002)");
			json_decref(body);
			return;
		}
		bits |= 1u << (-1 - k);
	}
	dd_sb_world_wrlock(r->world);
	struct dd_sb_server *s = dd_sb_find_server(r, zone, resp);
	if (s && !dd_sb_refuse_locked(s, resp)) {
		json_t *arr = json_array();
		int64_t now = dd_sb_now();
		for (unsigned k = 0; k < 2; k++) {
			if (!(bits & (1u << k)) || (s->options & (1u << k)))
				continue;
			s->options = (uint8_t)(s->options | (1u << k));
			struct dd_sb_service *svc = dd_sb_world_add_service(r->world, s->id, -1 - (int)k, 0, now);
			if (svc)
				json_array_append_new(arr, service_json(svc));
		}
		__atomic_store_n(&r->world->undelivered, 1, __ATOMIC_RELEASE);
		dd_sb_reply(resp, 200, json_pack("{s:o}", "services", arr));
	}
	pthread_rwlock_unlock(&r->world->lock);
	json_decref(body);
}

void dd_sb_delete_server(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	dd_sb_world_wrlock(r->world);
	struct dd_sb_world *w = r->world;
	struct dd_sb_server *s = dd_sb_find_server(r, zone, resp);
	if (s && !dd_sb_refuse_locked(s, resp)) {
		for (size_t i = 0; i < w->nfailovers; i++)
			if (w->failovers[i].server == s->id) {
				w->failovers[i].server = 0;
				w->failovers[i].mac_type = 0;
			}
		for (size_t g = 0; g < w->nrpn; g++)
			for (size_t k = 0; k < w->rpn[g].nm; k++)
				if (w->rpn[g].m[k].server == s->id)
					w->rpn[g].m[k--] = w->rpn[g].m[--w->rpn[g].nm];
		s->deleted = 1;
		s->rpnv2 = 0;
		dd_sb_no_content(resp);
	}
	pthread_rwlock_unlock(&w->lock);
}

static void services(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	static const char *const orders[] = { "created_at_asc", "created_at_desc", NULL };
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, orders, &pg) < 0)
		return;
	struct dd_sb_world *w = r->world;
	/* every live server of the zone is a service, then what the API made */
	json_t *arr = json_array();
	size_t total = 0, first = dd_sb_page_first(&pg), n = w->nservers + w->nservices;
	/* a scenario's domain, Dedirack or outsourcing contract is the newest */
	size_t extra = dd_sb_scn_nservices(w->scenario, zone);
	for (size_t k = 0; k < n + extra; k++) {
		if (extra && k == (pg.order == 1 ? 0 : n)) {
			if (total >= first && total < first + pg.size)
				json_array_append_new(arr, dd_sb_scn_service_json(w->scenario, zone));
			total++;
			continue;
		}
		size_t kk = extra && pg.order == 1 ? k - 1 : k;
		size_t i = pg.order == 1 ? n - 1 - kk : kk;
		struct dd_sb_service v;
		if (i < w->nservers) {
			const struct dd_sb_server *s = &w->servers[i];
			if (s->deleted || dd_sb_dc_zone(s->dc) != zone)
				continue;
			v = (struct dd_sb_service){ SERVICE_BASE + s->index, s->id, s->offer, s->created_at,
						    s->created_at + 3600, 0, 0 };
		} else {
			v = w->services[i - w->nservers];
		}
		if (total >= first && total < first + pg.size)
			json_array_append_new(arr, service_json(&v));
		total++;
	}
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total, "services", arr));
}

static void one_service(const struct dd_sb_req *r, int kind, struct dd_sb_resp *resp)
{
	uint32_t id;
	struct dd_sb_world *w = r->world;
	const char *arg = kind ? "service_id" : "ordered_service_id";
	if (dd_sb_parse_id(r->segs[3], &id) < 0) {
		dd_sb_scw_invalid(resp, arg, "format", "must be a positive integer");
		return;
	}
	for (size_t i = 0; i < w->nservices; i++) {
		struct dd_sb_service *v = &w->services[i];
		if (v->id != id)
			continue;
		if (!strcmp(r->method, "DELETE") && !v->terminated_at)
			v->terminated_at = dd_sb_now();
		dd_sb_reply(resp, 200, service_json(v));
		return;
	}
	if (kind && id >= SERVICE_BASE && id - SERVICE_BASE < w->nservers && !w->servers[id - SERVICE_BASE].deleted) {
		const struct dd_sb_server *s = &w->servers[id - SERVICE_BASE];
		struct dd_sb_service v = { id, s->id, s->offer, s->created_at, s->created_at + 3600, 0, 0 };
		if (!strcmp(r->method, "DELETE"))
			v.terminated_at = dd_sb_now(); /* termination is asked; the server goes at expiry */
		dd_sb_reply(resp, 200, service_json(&v));
		return;
	}
	dd_sb_scw_not_found(resp, kind ? "service" : "ordered_service", r->segs[3]);
}

int dd_sb_dedibox_order(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp)
{
	const char *what = r->segs[2], *m = r->method;
	int get = !strcmp(m, "GET");
	if (!strcmp(what, "offers")) {
		if (!get)
			dd_sb_scw_method(resp, "GET");
		else if (r->nsegs == 3)
			list_offers(r, zone, resp);
		else if (r->nsegs == 4)
			get_offer(r, resp);
		else
			dd_sb_scw_no_route(resp);
	} else if (!strcmp(what, "remaining-quota") && r->nsegs == 3) {
		if (!get) {
			dd_sb_scw_method(resp, "GET");
		} else {
			pthread_rwlock_rdlock(&r->world->lock);
			remaining_quota(r, zone, resp);
			pthread_rwlock_unlock(&r->world->lock);
		}
	} else if ((!strcmp(what, "services") || !strcmp(what, "ordered-services")) && r->nsegs <= 4) {
		int kind = !strcmp(what, "services");
		dd_sb_world_wrlock(r->world);
		if (r->nsegs == 3 && kind && get)
			services(r, zone, resp);
		else if (r->nsegs == 4 && (get || (kind && (!strcmp(m, "PATCH") || !strcmp(m, "DELETE")))))
			one_service(r, kind, resp);
		else if (r->nsegs == 4)
			dd_sb_scw_method(resp, kind ? "PATCH, DELETE" : "GET");
		else
			kind ? dd_sb_scw_method(resp, "GET") : dd_sb_scw_no_route(resp);
		pthread_rwlock_unlock(&r->world->lock);
	} else if (!strcmp(what, "servers") && r->nsegs == 3 && !strcmp(m, "POST")) {
		order_server(r, zone, resp);
	} else if (!strcmp(what, "failover-ips") && r->nsegs == 3 && !strcmp(m, "POST")) {
		order_failovers(r, zone, resp);
	} else {
		return 0;
	}
	return 1;
}

void dd_sb_deliver(struct dd_sb_world *w)
{
	if (!__atomic_load_n(&w->undelivered, __ATOMIC_ACQUIRE))
		return;
	dd_sb_world_wrlock(w);
	if (w->undelivered)
		deliver(w);
	pthread_rwlock_unlock(&w->lock);
}
