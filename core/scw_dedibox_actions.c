#include "core/scw_dedibox_actions.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "core/json.h"
#include "core/request.h"
#include "core/text.h"
#include "core/i18n.h"

#define SERVERS "/dedibox/v1/zones/%s/servers/%" PRId64
/* One page holds every rescue system: the API lists a handful. */
#define RESCUE_PAGE_SIZE 50

static const char *const power_words[] = { "reboot", "start", "stop" };

static int req_start(const struct dd_creds *c, enum dd_http_method m, const char *zone, int64_t id,
		     const char *what, struct dd_write_req *out, struct dd_error *err)
{
	memset(out, 0, sizeof(*out));
	out->api = DD_API_SCW;
	out->method = m;
	return dd_request_url(c, DD_API_SCW, out->url, sizeof(out->url), err, SERVERS "/%s", zone,
			      id, what);
}

/* body takes no secret here: the actions send none (the answers do). */
static int put_body(json_t *body, struct dd_write_req *out, struct dd_error *err)
{
	char *text = body ? json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;

	json_decref(body);
	if (!text)
		return dd_error_oom(err);
	if (strlen(text) >= sizeof(out->body)) {
		free(text);
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("The request would be too long."));
	}
	snprintf(out->body, sizeof(out->body), "%s", text);
	snprintf(out->shown, sizeof(out->shown), "%s", text);
	free(text);
	out->content_type = "application/json";
	return 0;
}

int dd_scw_req_power(const struct dd_creds *c, const char *zone, int64_t id, enum dd_power what,
		     struct dd_write_req *out, struct dd_error *err)
{
	if (req_start(c, DD_POST, zone, id, power_words[what], out, err) < 0)
		return -1;
	return put_body(json_object(), out, err);
}

int dd_scw_req_rescue(const struct dd_creds *c, const char *zone, int64_t id, int64_t os_id,
		      struct dd_write_req *out, struct dd_error *err)
{
	if (req_start(c, DD_POST, zone, id, "rescue", out, err) < 0)
		return -1;
	return put_body(json_pack("{s:I}", "os_id", (json_int_t)os_id), out, err);
}

int dd_scw_req_rescue_off(const struct dd_creds *c, const char *zone, int64_t id,
			  struct dd_write_req *out, struct dd_error *err)
{
	return req_start(c, DD_DELETE, zone, id, "rescue", out, err);
}

int dd_scw_req_bmc(const struct dd_creds *c, const char *zone, int64_t id, const char *ip,
		   struct dd_write_req *out, struct dd_error *err)
{
	if (req_start(c, DD_POST, zone, id, "bmc-access", out, err) < 0)
		return -1;
	return put_body(json_pack("{s:s}", "ip", ip), out, err);
}

int dd_scw_req_bmc_off(const struct dd_creds *c, const char *zone, int64_t id,
		       struct dd_write_req *out, struct dd_error *err)
{
	return req_start(c, DD_DELETE, zone, id, "bmc-access", out, err);
}

int dd_scw_url_rescue_images(const struct dd_creds *c, const char *zone, int64_t id, char *buf,
			     size_t len, struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/zones/%s/os?server_id=%" PRId64 "&type=rescue&page_size=%d",
			      zone, id, RESCUE_PAGE_SIZE);
}

int dd_scw_url_oses(const struct dd_creds *c, const char *zone, int64_t id, char *buf, size_t len,
		    struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/zones/%s/os?server_id=%" PRId64 "&page_size=%d", zone, id,
			      RESCUE_PAGE_SIZE);
}

void dd_rescue_images_clear(struct dd_rescue_images *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int dd_scw_decode_rescue_images(const char *body, size_t len, struct dd_rescue_images *out,
				struct dd_error *err)
{
	struct dd_jv root, arr, it;
	size_t n;
	int64_t total;
	char name[64], version[32];

	dd_rescue_images_clear(out);
	if (dd_json_open_list(body, len, "os", &root, &arr, &n, &total, err) < 0)
		return -1;
	if (n && !(out->v = calloc(n, sizeof(*out->v)))) {
		json_decref(root.v);
		return dd_error_oom(err);
	}
	for (size_t i = 0; i < n; i++) {
		struct dd_rescue_image *r = &out->v[i];
		if (dd_json_at(&arr, i, &it, err) < 0 || dd_json_int(&it, "id", true, &r->os_id, err) < 0 ||
		    dd_json_text(&it, "name", name, sizeof(name), err) < 0 ||
		    dd_json_text(&it, "version", version, sizeof(version), err) < 0) {
			json_decref(root.v);
			dd_rescue_images_clear(out);
			return -1;
		}
		snprintf(r->name, sizeof(r->name), "%s%s%s", name, version[0] ? " " : "", version);
		out->n++;
	}
	json_decref(root.v);
	return 0;
}

int dd_scw_decode_rescue(const char *body, size_t len, struct dd_rescue_creds *out,
			 struct dd_error *err)
{
	struct dd_jv root;
	int rc;

	memset(out, 0, sizeof(*out));
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	rc = dd_json_int(&root, "os_id", false, &out->os_id, err) < 0 ||
	     dd_json_text(&root, "login", out->login, sizeof(out->login), err) < 0 ||
	     dd_json_text(&root, "password", out->password, sizeof(out->password), err) < 0 ||
	     dd_json_text(&root, "protocol", out->protocol, sizeof(out->protocol), err) < 0 ? -1 : 0;
	json_decref(root.v);
	if (rc < 0)
		sodium_memzero(out, sizeof(*out));
	return rc;
}

int dd_scw_decode_bmc(const char *body, size_t len, struct dd_bmc *out, struct dd_error *err)
{
	struct dd_jv root;
	int rc;

	memset(out, 0, sizeof(*out));
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	rc = dd_json_text(&root, "url", out->url, sizeof(out->url), err) < 0 ||
	     dd_json_text(&root, "login", out->login, sizeof(out->login), err) < 0 ||
	     dd_json_text(&root, "password", out->password, sizeof(out->password), err) < 0 ||
	     dd_json_text(&root, "status", out->status, sizeof(out->status), err) < 0 ||
	     dd_json_text(&root, "expires_at", out->expires_at, sizeof(out->expires_at), err) < 0
		     ? -1 : 0;
	json_decref(root.v);
	if (rc < 0)
		sodium_memzero(out, sizeof(*out));
	return rc;
}

int dd_scw_url_partitioning(const struct dd_creds *c, const char *zone, int64_t id, int64_t os_id,
			    char *buf, size_t len, struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err, SERVERS "/partitioning/%" PRId64, zone, id,
			      os_id);
}

int dd_scw_decode_partitioning(const char *body, size_t len, struct dd_partitions *out,
			       struct dd_error *err)
{
	struct dd_jv root, arr, it, conn, c1;
	size_t n, nc;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (dd_json_obj(&root, "partitions", true, &arr, err) < 0 || dd_json_array_size(&arr, &n, err) < 0) {
		json_decref(root.v);
		return -1;
	}
	if (n > DD_PART_MAX)
		rc = dd_json_bad(&root, "partitions", N_("more partitions than dedi can show"), err);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct dd_partition *p = &out->v[i];
		if (dd_json_at(&arr, i, &it, err) < 0 ||
		    dd_json_text(&it, "file_system", p->file_system, sizeof(p->file_system), err) < 0 ||
		    dd_json_text(&it, "mount_point", p->mount_point, sizeof(p->mount_point), err) < 0 ||
		    dd_json_text(&it, "raid_level", p->raid_level, sizeof(p->raid_level), err) < 0 ||
		    dd_json_int(&it, "capacity", true, &p->capacity, err) < 0 ||
		    dd_json_obj(&it, "connectors", false, &conn, err) < 0 ||
		    dd_json_array_size(&conn, &nc, err) < 0) {
			rc = -1;
			break;
		}
		for (size_t k = 0; k < nc && k < DD_PART_MAX_CONN && rc == 0; k++) {
			if (dd_json_at(&conn, k, &c1, err) < 0 || !json_is_string(c1.v)) {
				rc = c1.v ? dd_json_bad(&c1, "", N_("expected string"), err) : -1;
				break;
			}
			dd_text_clean_str(json_string_value(c1.v), p->connectors[k], sizeof(p->connectors[k]));
			p->nconn++;
		}
		out->n++;
	}
	json_decref(root.v);
	if (rc < 0)
		memset(out, 0, sizeof(*out));
	return rc;
}

int dd_scw_req_install(const struct dd_creds *c, const char *zone, int64_t id,
		       const struct dd_install *in, struct dd_write_req *out, struct dd_error *err)
{
	json_t *body, *parts;
	char *text;
	int rc = 0;

	if (req_start(c, DD_POST, zone, id, "install", out, err) < 0)
		return -1;
	parts = json_array();
	for (size_t i = 0; parts && i < in->parts.n; i++) {
		const struct dd_partition *p = &in->parts.v[i];
		json_t *conn = json_array();
		for (size_t k = 0; conn && k < p->nconn; k++)
			json_array_append_new(conn, json_string(p->connectors[k]));
		json_t *o = json_pack("{s:s, s:s, s:I, s:o}", "file_system", p->file_system, "raid_level",
				      p->raid_level, "capacity", (json_int_t)p->capacity, "connectors",
				      conn ? conn : json_array());
		if (o && p->mount_point[0])
			json_object_set_new(o, "mount_point", json_string(p->mount_point));
		json_array_append_new(parts, o);
	}
	json_t *keys = json_array();
	for (size_t k = 0; keys && k < in->nkeys; k++)
		json_array_append_new(keys, json_string(in->ssh_key_ids[k]));
	body = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "os_id", (json_int_t)in->os_id, "hostname",
			 in->hostname, "user_login", in->user_login, "user_password", in->user_password,
			 "partitions", parts ? parts : json_array(), "ssh_key_ids", keys ? keys : json_array());
	text = body ? json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	if (!text) {
		json_decref(body);
		return dd_error_oom(err);
	}
	if (strlen(text) >= sizeof(out->body))
		rc = dd_error_set(err, DD_E_USAGE, 0, NULL, _("The request would be too long."));
	else
		snprintf(out->body, sizeof(out->body), "%s", text);
	sodium_memzero(text, strlen(text));
	free(text);
	json_object_set_new(body, "user_password", json_string("********"));
	text = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(body);
	if (!text)
		return dd_error_oom(err);
	snprintf(out->shown, sizeof(out->shown), "%s", text);
	free(text);
	out->content_type = "application/json";
	return rc;
}

int dd_scw_req_cancel_install(const struct dd_creds *c, const char *zone, int64_t id,
			      struct dd_write_req *out, struct dd_error *err)
{
	if (req_start(c, DD_POST, zone, id, "cancel-install", out, err) < 0)
		return -1;
	return put_body(json_object(), out, err);
}

int dd_scw_url_install(const struct dd_creds *c, const char *zone, int64_t id, char *buf,
		       size_t len, struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err, SERVERS "/install", zone, id);
}

int dd_scw_decode_install_status(const char *body, size_t len, char *buf, size_t blen,
				 struct dd_error *err)
{
	struct dd_jv root;
	int rc;

	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	rc = dd_json_text(&root, "status", buf, blen, err);
	if (rc == 0 && !buf[0])
		rc = dd_json_bad(&root, "status", N_("missing"), err);
	json_decref(root.v);
	return rc;
}

int dd_scw_url_os(const struct dd_creds *c, const char *zone, int64_t os_id, char *buf, size_t len,
		  struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err, "/dedibox/v1/zones/%s/os/%" PRId64, zone,
			      os_id);
}

int dd_scw_decode_os_name(const char *body, size_t len, char *buf, size_t blen,
			  struct dd_error *err)
{
	struct dd_jv root;
	char name[48], version[48];
	int rc;

	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	rc = dd_json_text(&root, "name", name, sizeof(name), err) < 0 ||
	     dd_json_text(&root, "version", version, sizeof(version), err) < 0 ? -1 : 0;
	json_decref(root.v);
	if (rc == 0)
		snprintf(buf, blen, "%s%s%s", name, version[0] ? " " : "", version);
	return rc;
}
