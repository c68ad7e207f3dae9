#include "core/scw_dedibox_netw.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/json.h"
#include "core/request.h"
#include "core/scw_dedibox_billing.h"
#include "core/i18n.h"

/* Takes body; nothing in these bodies is secret, so shown is the same. */
static int json_body(json_t *body, struct dd_write_req *out, struct dd_error *err)
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

static int start(const struct dd_creds *c, enum dd_http_method m, struct dd_write_req *out,
		 struct dd_error *err, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int start(const struct dd_creds *c, enum dd_http_method m, struct dd_write_req *out,
		 struct dd_error *err, const char *fmt, ...)
{
	char path[256];
	va_list ap;

	memset(out, 0, sizeof(*out));
	out->api = DD_API_SCW;
	out->method = m;
	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	return dd_request_url(c, DD_API_SCW, out->url, sizeof(out->url), err, "%s", path);
}

int dd_scw_req_fip_order(const struct dd_creds *c, const char *zone, int64_t offer_id,
			 int quantity, struct dd_write_req *out, struct dd_error *err)
{
	json_t *b;

	if (start(c, DD_POST, out, err, "/dedibox/v1/zones/%s/failover-ips", zone) < 0)
		return -1;
	b = json_pack("{s:I, s:i}", "offer_id", (json_int_t)offer_id, "quantity", quantity);
	if (b && c->project_id[0])
		json_object_set_new(b, "project_id", json_string(c->project_id));
	return json_body(b, out, err);
}

int dd_scw_req_fip_route(const struct dd_creds *c, const char *zone, int64_t fip_id,
			 int64_t server_id, struct dd_write_req *out, struct dd_error *err)
{
	if (start(c, DD_POST, out, err, "/dedibox/v1/zones/%s/failover-ips/%s", zone,
		  server_id ? "attach" : "detach") < 0)
		return -1;
	if (server_id)
		return json_body(json_pack("{s:[I], s:I}", "fips_ids", (json_int_t)fip_id, "server_id",
					   (json_int_t)server_id), out, err);
	return json_body(json_pack("{s:[I]}", "fips_ids", (json_int_t)fip_id), out, err);
}

int dd_scw_req_fip_mac(const struct dd_creds *c, const char *zone, int64_t fip_id,
		       const char *type, const char *mac, struct dd_write_req *out,
		       struct dd_error *err)
{
	json_t *b;

	if (start(c, DD_POST, out, err,
		  "/dedibox/v1/zones/%s/failover-ips/%" PRId64 "/attach-to-mac-address", zone, fip_id) < 0)
		return -1;
	b = json_pack("{s:s}", "type", type);
	if (b && mac && *mac)
		json_object_set_new(b, "mac", json_string(mac));
	return json_body(b, out, err);
}

int dd_scw_req_fip_mac_detach(const struct dd_creds *c, const char *zone, int64_t fip_id,
			      struct dd_write_req *out, struct dd_error *err)
{
	if (start(c, DD_POST, out, err,
		  "/dedibox/v1/zones/%s/failover-ips/%" PRId64 "/detach-from-mac-address", zone, fip_id) < 0)
		return -1;
	return json_body(json_object(), out, err);
}

int dd_scw_req_fip_delete(const struct dd_creds *c, const char *zone, int64_t fip_id,
			  struct dd_write_req *out, struct dd_error *err)
{
	return start(c, DD_DELETE, out, err, "/dedibox/v1/zones/%s/failover-ips/%" PRId64, zone, fip_id);
}

int dd_scw_req_v6_order(const struct dd_creds *c, struct dd_write_req *out, struct dd_error *err)
{
	json_t *b;

	if (start(c, DD_POST, out, err, "/dedibox/v1/ipv6-block") < 0)
		return -1;
	b = json_object();
	if (b && c->project_id[0])
		json_object_set_new(b, "project_id", json_string(c->project_id));
	return json_body(b, out, err);
}

int dd_scw_req_v6_nameservers(const struct dd_creds *c, int64_t block_id, const char *const *ns,
			      size_t n, struct dd_write_req *out, struct dd_error *err)
{
	json_t *arr;

	if (start(c, DD_PATCH, out, err, "/dedibox/v1/ipv6-blocks/%" PRId64, block_id) < 0)
		return -1;
	arr = json_array();
	for (size_t i = 0; arr && i < n; i++)
		json_array_append_new(arr, json_string(ns[i]));
	return json_body(arr ? json_pack("{s:o}", "nameservers", arr) : NULL, out, err);
}

int dd_scw_req_v6_subnet(const struct dd_creds *c, int64_t parent_id, const char *address,
			 int cidr, struct dd_write_req *out, struct dd_error *err)
{
	if (start(c, DD_POST, out, err, "/dedibox/v1/ipv6-blocks/%" PRId64 "/subnets", parent_id) < 0)
		return -1;
	return json_body(json_pack("{s:s, s:i}", "address", address, "cidr", cidr), out, err);
}

int dd_scw_req_v6_delete(const struct dd_creds *c, int64_t id, struct dd_write_req *out,
			 struct dd_error *err)
{
	return start(c, DD_DELETE, out, err, "/dedibox/v1/ipv6-blocks/%" PRId64, id);
}

int dd_scw_url_fip_quota(const struct dd_creds *c, const char *zone, char *buf, size_t len,
			 struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err, "/dedibox/v1/zones/%s/remaining-quota", zone);
}

int dd_scw_decode_fip_quota(const char *body, size_t len, struct dd_fip_quota *q,
			    struct dd_error *err)
{
	struct dd_jv root;
	int64_t v[4] = { 0 };
	static const char *const keys[4] = { "failover_ip_quota", "failover_ip_remaining_quota",
					     "failover_block_quota", "failover_block_remaining_quota" };

	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	for (int i = 0; i < 4; i++)
		if (dd_json_int(&root, keys[i], i < 2, &v[i], err) < 0) {
			json_decref(root.v);
			return -1;
		}
	json_decref(root.v);
	q->quota = v[0];
	q->remaining = v[1];
	q->block_quota = v[2];
	q->block_remaining = v[3];
	return 0;
}

int dd_scw_url_fip_offers(const struct dd_creds *c, const char *zone, char *buf, size_t len,
			  struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/zones/%s/offers?is_failover_ip=true&page_size=%d", zone,
			      DD_SCW_FIP_OFFERS_PAGE);
}

struct fip_offer_pick {
	struct dd_offer *out;
	bool *found;
};

/* The first monthly offer is the one sold: the filter leaves only failover
 * IP offers, and the API sells one per zone. */
static int fip_offer_item(void *ud, const struct dd_jv *item, struct dd_error *err)
{
	struct fip_offer_pick *p = ud;
	struct dd_offer o;
	bool server = false;

	if (*p->found)
		return 0;
	memset(&o, 0, sizeof(o));
	if (dd_scw_decode_offer_at(item, "", &o, &server, err) < 0)
		return -1;
	if (server || strcmp(o.payment_frequency, "oneshot") == 0)
		return 0;
	*p->out = o;
	*p->found = true;
	return 0;
}

int dd_scw_decode_fip_offer(const char *body, size_t len, struct dd_offer *out, bool *found,
			    struct dd_error *err)
{
	struct fip_offer_pick p = { out, found };
	size_t n = 0;
	int64_t total = 0;

	*found = false;
	return dd_json_each_item(body, len, "offers", fip_offer_item, &p, &n, &total, err);
}
