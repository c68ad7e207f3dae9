#include "core/scw_dedibox_order.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/json.h"
#include "core/request.h"
#include "core/scw_dedibox_billing.h"
#include "core/i18n.h"

int dd_scw_url_offer(const struct dd_creds *c, const char *zone, int64_t id, char *buf,
		     size_t len, struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err, "/dedibox/v1/zones/%s/offers/%" PRId64,
			      zone, id);
}

int dd_scw_url_services(const struct dd_creds *c, const char *zone, char *buf, size_t len,
			struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/zones/%s/services?page=1&page_size=%d&order_by=created_at_desc",
			      zone, DD_SCW_SERVICES_PAGE_SIZE);
}

int dd_scw_url_ordered_service(const struct dd_creds *c, const char *zone, int64_t id,
			       char *buf, size_t len, struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/zones/%s/ordered-services/%" PRId64, zone, id);
}

int dd_scw_req_order_server(const struct dd_creds *c, const char *zone, int64_t offer_id,
			    struct dd_write_req *out, struct dd_error *err)
{
	int n;

	memset(out, 0, sizeof(*out));
	if (dd_request_url(c, DD_API_SCW, out->url, sizeof(out->url), err,
			   "/dedibox/v1/zones/%s/servers", zone) < 0)
		return -1;
	/* No secret in an order: what is sent is what is shown. */
	n = snprintf(out->body, sizeof(out->body),
		     "{\"offer_id\":%" PRId64 ",\"server_option_ids\":[]}", offer_id);
	if (n < 0 || (size_t)n >= sizeof(out->body))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("The request would be too long."));
	memcpy(out->shown, out->body, (size_t)n + 1);
	out->api = DD_API_SCW;
	out->method = DD_POST;
	out->content_type = "application/json";
	return 0;
}

int dd_scw_decode_offer(const char *body, size_t len, const char *zone, struct dd_offer *f,
			struct dd_error *err)
{
	struct dd_jv root;
	bool server = false;
	int rc;

	if (!body)
		return dd_error_set(err, DD_E_DECODE, 0, NULL, _("The API answered nothing."));
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	memset(f, 0, sizeof(*f));
	rc = dd_scw_decode_offer_at(&root, zone, f, &server, err);
	if (rc == 0 && !server)
		rc = dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
				  _("Offer %" PRId64 " is an option, not a server offer."), f->id);
	json_decref(root.v);
	return rc;
}

static int service_at(const struct dd_jv *o, struct dd_order_service *s, struct dd_error *err)
{
	struct dd_jv offer;

	memset(s, 0, sizeof(*s));
	if (dd_json_int(o, "id", true, &s->id, err) < 0 ||
	    dd_json_int(o, "resource_id", false, &s->resource_id, err) < 0 ||
	    dd_json_text(o, "provisioning_status", s->status, sizeof(s->status), err) < 0 ||
	    dd_json_text(o, "type", s->type, sizeof(s->type), err) < 0 ||
	    dd_json_obj(o, "offer", false, &offer, err) < 0)
		return -1;
	if (offer.v && json_is_object(offer.v) && dd_json_int(&offer, "id", false, &s->offer_id, err) < 0)
		return -1;
	return 0;
}

int dd_scw_decode_service(const char *body, size_t len, struct dd_order_service *s,
			  struct dd_error *err)
{
	struct dd_jv root;
	int rc;

	if (!body)
		return dd_error_set(err, DD_E_DECODE, 0, NULL, _("The API answered nothing."));
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	rc = service_at(&root, s, err);
	json_decref(root.v);
	return rc;
}

int dd_scw_decode_services(const char *body, size_t len, struct dd_order_service *v, size_t cap,
			   size_t *n, struct dd_error *err)
{
	struct dd_jv root, arr, it;
	size_t count = 0;
	int64_t total;
	int rc = 0;

	*n = 0;
	if (dd_json_open_list(body, len, "services", &root, &arr, &count, &total, err) < 0)
		return -1;
	for (size_t i = 0; i < count && i < cap && rc == 0; i++) {
		rc = dd_json_at(&arr, i, &it, err);
		if (rc == 0)
			rc = service_at(&it, &v[i], err);
		if (rc == 0)
			*n = i + 1;
	}
	json_decref(root.v);
	return rc;
}

int dd_scw_url_services_page(const struct dd_creds *c, const char *zone, int page, char *buf,
			     size_t len, struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/zones/%s/services?page=%d&page_size=%d&order_by=created_at_desc",
			      zone, page, DD_SCW_SERVICES_PAGE_SIZE);
}

int dd_scw_decode_link_services(const char *body, size_t len, struct dd_link_service *v,
				size_t cap, size_t *n, size_t *page_n, int64_t *total,
				struct dd_error *err)
{
	struct dd_jv root, arr, it, offer;
	int rc = 0;

	if (dd_json_open_list(body, len, "services", &root, &arr, page_n, total, err) < 0)
		return -1;
	for (size_t i = 0; i < *page_n && rc == 0; i++) {
		struct dd_link_service s;
		int64_t id = 0;

		memset(&s, 0, sizeof(s));
		rc = dd_json_at(&arr, i, &it, err) < 0 || dd_json_int(&it, "id", true, &id, err) < 0 ||
		     dd_json_obj(&it, "offer", false, &offer, err) < 0 ? -1 : 0;
		if (rc == 0 && offer.v && json_is_object(offer.v))
			rc = dd_json_text(&offer, "name", s.offer, sizeof(s.offer), err) < 0 ||
			     dd_json_text(&offer, "catalog", s.catalog, sizeof(s.catalog), err) < 0 ? -1 : 0;
		snprintf(s.id, sizeof(s.id), "%lld", (long long)id);
		if (rc == 0 && *n < cap)
			v[(*n)++] = s;
	}
	json_decref(root.v);
	return rc;
}
