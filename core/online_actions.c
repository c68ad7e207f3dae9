#include "core/online_actions.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>

#include "core/json.h"
#include "core/request.h"
#include "core/text.h"

/* The actions send no secret, so the form is shown as sent. */
static int form(const struct dd_creds *c, const char *path, int64_t id, const char *key,
		const char *value, struct dd_write_req *out, struct dd_error *err)
{
	memset(out, 0, sizeof(*out));
	out->api = DD_API_ONLINE;
	out->method = DD_POST;
	if (dd_request_url(c, DD_API_ONLINE, out->url, sizeof(out->url), err, "%s/%" PRId64, path,
			   id) < 0)
		return -1;
	if (!key)
		return 0;
	char *enc = curl_easy_escape(NULL, value, 0);
	if (!enc)
		return dd_error_oom(err);
	int n = snprintf(out->body, sizeof(out->body), "%s=%s", key, enc);
	curl_free(enc);
	if (n < 0 || (size_t)n >= sizeof(out->body))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "The request would be too long.");
	snprintf(out->shown, sizeof(out->shown), "%s", out->body);
	out->content_type = "application/x-www-form-urlencoded";
	return 0;
}

int dd_online_req_power(const struct dd_creds *c, int64_t id, enum dd_power what,
			const char *reason, struct dd_write_req *out, struct dd_error *err)
{
	if (what == DD_POWER_START)
		return form(c, "/server/boot/normal", id, NULL, NULL, out, err);
	if (!reason || !*reason)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "The Online API wants a reason for a reboot or a shutdown.");
	return form(c, what == DD_POWER_REBOOT ? "/server/reboot" : "/server/shutdown", id,
		    "reason", reason, out, err);
}

int dd_online_req_rescue(const struct dd_creds *c, int64_t id, const char *image,
			 struct dd_write_req *out, struct dd_error *err)
{
	return form(c, "/server/boot/rescue", id, "image", image, out, err);
}

int dd_online_req_rescue_off(const struct dd_creds *c, int64_t id, struct dd_write_req *out,
			     struct dd_error *err)
{
	return form(c, "/server/boot/normal", id, NULL, NULL, out, err);
}

int dd_online_url_rescue_images(const struct dd_creds *c, int64_t id, char *buf, size_t len,
				struct dd_error *err)
{
	return dd_request_url(c, DD_API_ONLINE, buf, len, err, "/server/rescue_images/%" PRId64, id);
}

int dd_online_decode_rescue_images(const char *body, size_t len, struct dd_rescue_images *out,
				   struct dd_error *err)
{
	struct dd_jv root, it;
	size_t n;
	const char *slug;

	dd_rescue_images_clear(out);
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (dd_json_array_size(&root, &n, err) < 0) {
		json_decref(root.v);
		return -1;
	}
	if (n && !(out->v = calloc(n, sizeof(*out->v)))) {
		json_decref(root.v);
		return dd_error_oom(err);
	}
	for (size_t i = 0; i < n; i++) {
		if (dd_json_at(&root, i, &it, err) < 0)
			break;
		if (!json_is_string(it.v)) {
			dd_json_bad(&it, "", "expected string", err);
			break;
		}
		slug = json_string_value(it.v);
		dd_text_clean_str(slug, out->v[i].name, sizeof(out->v[i].name));
		out->n++;
	}
	json_decref(root.v);
	if (out->n != n) {
		dd_rescue_images_clear(out);
		return -1;
	}
	return 0;
}

int dd_online_decode_rescue(const char *body, size_t len, struct dd_rescue_creds *out,
			    struct dd_error *err)
{
	struct dd_jv root;
	int rc;

	memset(out, 0, sizeof(*out));
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	rc = dd_json_text(&root, "login", out->login, sizeof(out->login), err) < 0 ||
	     dd_json_text(&root, "password", out->password, sizeof(out->password), err) < 0 ||
	     dd_json_text(&root, "protocol", out->protocol, sizeof(out->protocol), err) < 0 ||
	     dd_json_text(&root, "ip", out->ip, sizeof(out->ip), err) < 0 ? -1 : 0;
	json_decref(root.v);
	if (rc < 0)
		sodium_memzero(out, sizeof(*out));
	return rc;
}

/* A key goes into a path: only the characters a key is made of. */
static int key_ok(const char *key, struct dd_error *err)
{
	if (!key || !*key || strlen(key) > 64 || strspn(key, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != strlen(key))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "No KVM session key is known for this server.");
	return 0;
}

int dd_online_req_bmc(const struct dd_creds *c, int64_t id, const char *ip,
		      struct dd_write_req *out, struct dd_error *err)
{
	char *enc = curl_easy_escape(NULL, ip, 0);
	int n;

	memset(out, 0, sizeof(*out));
	if (!enc)
		return dd_error_oom(err);
	out->api = DD_API_ONLINE;
	out->method = DD_POST;
	out->content_type = "application/x-www-form-urlencoded";
	n = snprintf(out->body, sizeof(out->body), "server_id=%" PRId64 "&ip=%s", id, enc);
	curl_free(enc);
	if (n < 0 || (size_t)n >= sizeof(out->body))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "The request would be too long.");
	snprintf(out->shown, sizeof(out->shown), "%s", out->body);
	return dd_request_url(c, DD_API_ONLINE, out->url, sizeof(out->url), err, "/server/bmc/session");
}

int dd_online_req_bmc_off(const struct dd_creds *c, const char *key, struct dd_write_req *out,
			  struct dd_error *err)
{
	memset(out, 0, sizeof(*out));
	out->api = DD_API_ONLINE;
	out->method = DD_DELETE;
	if (key_ok(key, err) < 0)
		return -1;
	return dd_request_url(c, DD_API_ONLINE, out->url, sizeof(out->url), err, "/server/bmc/session/%s", key);
}

int dd_online_url_bmc_session(const struct dd_creds *c, const char *key, char *buf, size_t len,
			      struct dd_error *err)
{
	if (key_ok(key, err) < 0)
		return -1;
	return dd_request_url(c, DD_API_ONLINE, buf, len, err, "/server/bmc/session/%s", key);
}

int dd_online_decode_bmc_key(const char *body, size_t len, struct dd_bmc *out, struct dd_error *err)
{
	json_t *v;
	int rc = 0;

	/* a bare JSON string, which dd_json_parse (objects and arrays) refuses */
	v = len < 256 ? json_loadb(body, len, JSON_DECODE_ANY, NULL) : NULL;
	if (!json_is_string(v))
		rc = dd_error_set(err, DD_E_DECODE, 0, NULL,
				  "The Online API answered no BMC session key (a JSON string).");
	else
		dd_text_clean_str(json_string_value(v), out->session_key, sizeof(out->session_key));
	json_decref(v);
	if (rc == 0 && key_ok(out->session_key, err) < 0)
		rc = -1;
	if (rc == 0)
		snprintf(out->status, sizeof(out->status), "creating");
	return rc;
}

int dd_online_decode_bmc_session(const char *body, size_t len, struct dd_bmc *out,
				 struct dd_error *err)
{
	struct dd_jv root;
	int rc;

	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	rc = dd_json_text(&root, "url", out->url, sizeof(out->url), err) < 0 ||
	     dd_json_text(&root, "login", out->login, sizeof(out->login), err) < 0 ||
	     dd_json_text(&root, "password", out->password, sizeof(out->password), err) < 0 ||
	     dd_json_text(&root, "expiration", out->expires_at, sizeof(out->expires_at), err) < 0 ? -1 : 0;
	if (rc == 0 && !out->url[0])
		rc = dd_json_bad(&root, "url", "absent: the session has no address", err);
	json_decref(root.v);
	if (rc == 0)
		snprintf(out->status, sizeof(out->status), "created");
	else
		sodium_memzero(out->password, sizeof(out->password));
	return rc;
}

int dd_online_decode_server_bmc_key(const char *body, size_t len, char *buf, size_t buflen,
				    struct dd_error *err)
{
	struct dd_jv root, bmc;
	int rc;

	buf[0] = '\0';
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	rc = dd_json_obj(&root, "bmc", false, &bmc, err);
	if (rc == 0 && bmc.v)
		rc = dd_json_text(&bmc, "session_key", buf, buflen, err);
	json_decref(root.v);
	return rc;
}
