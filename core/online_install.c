#include "core/online_install.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "core/json.h"
#include "core/request.h"
#include "core/text.h"

int dd_online_url_oses(const struct dd_creds *c, int64_t id, char *buf, size_t len,
		       struct dd_error *err)
{
	return dd_request_url(c, DD_API_ONLINE, buf, len, err, "/server/operatingSystems/%" PRId64, id);
}

int dd_online_decode_oses(const char *body, size_t len, struct dd_rescue_images *out,
			  struct dd_error *err)
{
	struct dd_jv root, it;
	size_t n;

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
		char name[48], version[48];
		int64_t id;
		if (dd_json_at(&root, i, &it, err) < 0 || dd_json_int(&it, "id", true, &id, err) < 0 ||
		    dd_json_text(&it, "name", name, sizeof(name), err) < 0 ||
		    dd_json_text(&it, "version", version, sizeof(version), err) < 0)
			break;
		out->v[i].os_id = id;
		snprintf(out->v[i].name, sizeof(out->v[i].name), "%s%s%s", name,
			 name[0] && version[0] ? " " : "", version);
		out->n++;
	}
	json_decref(root.v);
	if (out->n != n) {
		dd_rescue_images_clear(out);
		return -1;
	}
	return 0;
}

int dd_online_url_ssh_keys(const struct dd_creds *c, char *buf, size_t len, struct dd_error *err)
{
	return dd_request_url(c, DD_API_ONLINE, buf, len, err, "/user/key/ssh");
}

int dd_online_decode_ssh_keys(const char *body, size_t len, struct dd_ssh_keys *out,
			      struct dd_error *err)
{
	struct dd_jv root, it;
	size_t n;

	dd_ssh_keys_clear(out);
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
		struct dd_ssh_key *k = &out->v[i];
		if (dd_json_at(&root, i, &it, err) < 0 ||
		    dd_json_text(&it, "uuid_ref", k->id, sizeof(k->id), err) < 0 ||
		    dd_json_text(&it, "description", k->name, sizeof(k->name), err) < 0 ||
		    dd_json_text(&it, "fingerprint", k->fingerprint, sizeof(k->fingerprint), err) < 0)
			break;
		if (!k->id[0]) {
			dd_json_bad(&it, "uuid_ref", "expected a key UUID", err);
			break;
		}
		out->n++;
	}
	json_decref(root.v);
	if (out->n != n) {
		dd_ssh_keys_clear(out);
		return -1;
	}
	return 0;
}

int dd_online_url_server_status(const struct dd_creds *c, int64_t id, char *buf, size_t len,
				struct dd_error *err)
{
	return dd_request_url(c, DD_API_ONLINE, buf, len, err, "/server/%" PRId64, id);
}

int dd_online_decode_install_status(const char *body, size_t len, char *buf, size_t buflen,
				    struct dd_error *err)
{
	struct dd_jv root;
	int rc;

	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	rc = dd_json_text(&root, "install_status", buf, buflen, err);
	if (rc == 0 && !buf[0])
		rc = dd_json_bad(&root, "install_status", "absent: the API does not report the installation", err);
	json_decref(root.v);
	return rc;
}

/* Appends "&key=value" (value escaped) to out->body and, with value
 * masked when secret, to out->shown. */
static int add(struct dd_write_req *out, const char *key, const char *value, int secret,
	       struct dd_error *err)
{
	char *enc = curl_easy_escape(NULL, value, 0);
	size_t b = strlen(out->body), s = strlen(out->shown);
	int n, m;

	if (!enc)
		return dd_error_oom(err);
	n = snprintf(out->body + b, sizeof(out->body) - b, "%s%s=%s", b ? "&" : "", key, enc);
	m = snprintf(out->shown + s, sizeof(out->shown) - s, "%s%s=%s", s ? "&" : "", key,
		     secret ? "********" : enc);
	curl_free(enc);
	if (n < 0 || (size_t)n >= sizeof(out->body) - b || m < 0 || (size_t)m >= sizeof(out->shown) - s)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "The request would be too long.");
	return 0;
}

int dd_online_req_install(const struct dd_creds *c, int64_t id, const struct dd_install *in,
			  struct dd_write_req *out, struct dd_error *err)
{
	char os[24], keys[DD_INSTALL_MAX_KEYS * 44 + 4] = "[";

	memset(out, 0, sizeof(*out));
	out->api = DD_API_ONLINE;
	out->method = DD_POST;
	out->content_type = "application/x-www-form-urlencoded";
	if (dd_request_url(c, DD_API_ONLINE, out->url, sizeof(out->url), err, "/server/install/%" PRId64,
			   id) < 0)
		return -1;
	for (size_t k = 0; k < in->nkeys; k++) {
		size_t u = strlen(keys);
		snprintf(keys + u, sizeof(keys) - u, "%s\"%s\"", k ? "," : "", in->ssh_key_ids[k]);
	}
	strcat(keys, "]");
	snprintf(os, sizeof(os), "%" PRId64, in->os_id);
	if (add(out, "os_id", os, 0, err) < 0 || add(out, "hostname", in->hostname, 0, err) < 0 ||
	    add(out, "user_login", in->user_login, 0, err) < 0 ||
	    add(out, "user_password", in->user_password, 1, err) < 0 ||
	    add(out, "root_password", in->root_password, 1, err) < 0 ||
	    add(out, "panel_password", in->panel_password, 1, err) < 0 ||
	    (in->nkeys && add(out, "ssh_keys", keys, 0, err) < 0))
		return -1;
	return 0;
}
