#include "core/scw_iam.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/json.h"
#include "core/online.h"
#include "core/request.h"
#include "core/scw_dedibox.h"
#include "core/text.h"
#include "core/i18n.h"

static int key_ok(const char *k)
{
	if (!*k)
		return 0;
	for (; *k; k++)
		if (!((*k >= 'A' && *k <= 'Z') || (*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9')))
			return 0;
	return 1;
}

static int uuidish(const char *k)
{
	if (!*k || strlen(k) > 63)
		return 0;
	for (; *k; k++)
		if (!((*k >= 'a' && *k <= 'f') || (*k >= 'A' && *k <= 'F') ||
		      (*k >= '0' && *k <= '9') || *k == '-'))
			return 0;
	return 1;
}

int dd_scw_iam_url_api_key(const struct dd_creds *c, char *buf, size_t len,
			   struct dd_error *err)
{
	if (!key_ok(c->access_key))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("the access key must be letters and digits (it starts with SCW)"));
	if (snprintf(buf, len, "%s/iam/v1alpha1/api-keys/%s", c->scw_api_url, c->access_key) >=
	    (int)len)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("Scaleway API URL too long"));
	return 0;
}

int dd_scw_iam_url_user(const struct dd_creds *c, const char *user_id, char *buf, size_t len,
			struct dd_error *err)
{
	if (!uuidish(user_id))
		return dd_error_set(err, DD_E_DECODE, 0, NULL, _("IAM gave a malformed user_id"));
	if (snprintf(buf, len, "%s/iam/v1alpha1/users/%s", c->scw_api_url, user_id) >= (int)len)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("Scaleway API URL too long"));
	return 0;
}

static int copy_str(const struct dd_jv *o, const char *key, bool required, char *dst,
		    size_t n, struct dd_error *err)
{
	const char *s = NULL;

	if (dd_json_str(o, key, required, &s, err) != 0)
		return -1;
	dd_text_clean_buf(s ? s : "", s ? strlen(s) : 0, dst, n);
	return 0;
}

int dd_scw_iam_decode_api_key(const char *body, size_t len, struct dd_iam_key *out,
			      struct dd_error *err)
{
	struct dd_jv root;
	int rc;

	memset(out, 0, sizeof(*out));
	if (dd_json_parse(body, len, &root, err) != 0)
		return -1;
	rc = copy_str(&root, "user_id", false, out->user_id, sizeof(out->user_id), err) ||
	     copy_str(&root, "application_id", false, out->application_id,
		      sizeof(out->application_id), err) ||
	     copy_str(&root, "default_project_id", false, out->default_project_id,
		      sizeof(out->default_project_id), err) ||
	     copy_str(&root, "description", false, out->description, sizeof(out->description),
		      err) ? -1 : 0;
	/* The API may echo a secret_key field (null): never keep it. */
	json_decref(root.v);
	if (rc == 0 && !out->user_id[0] && !out->application_id[0])
		rc = dd_error_set(err, DD_E_DECODE, 0, NULL,
				  _("IAM answered an API key with neither user_id nor application_id"));
	return rc;
}

int dd_scw_iam_decode_user(const char *body, size_t len, struct dd_iam_user *out,
			   struct dd_error *err)
{
	struct dd_jv root;
	int rc;

	memset(out, 0, sizeof(*out));
	if (dd_json_parse(body, len, &root, err) != 0)
		return -1;
	rc = copy_str(&root, "id", true, out->id, sizeof(out->id), err) ||
	     copy_str(&root, "email", false, out->email, sizeof(out->email), err) ||
	     copy_str(&root, "type", false, out->type, sizeof(out->type), err) ||
	     copy_str(&root, "organization_id", false, out->organization_id,
		      sizeof(out->organization_id), err) ||
	     dd_json_text(&root, "first_name", out->first_name, sizeof(out->first_name), err) ||
	     dd_json_text(&root, "last_name", out->last_name, sizeof(out->last_name), err) ||
	     dd_json_text(&root, "phone_number", out->phone_number, sizeof(out->phone_number),
			  err) ? -1 : 0;
	json_decref(root.v);
	return rc;
}

void dd_ssh_keys_clear(struct dd_ssh_keys *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int dd_scw_iam_url_ssh_keys(const struct dd_creds *c, int page, char *buf, size_t len,
			    struct dd_error *err)
{
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/iam/v1alpha1/ssh-keys?page=%d&page_size=%d&order_by=created_at_asc", page,
			      DD_IAM_SSH_PAGE);
}

int dd_scw_iam_decode_ssh_keys(const char *body, size_t len, struct dd_ssh_keys *out,
			       int64_t *total, struct dd_error *err)
{
	struct dd_jv root, arr, it;
	size_t n;
	int rc = 0;

	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (dd_json_obj(&root, "ssh_keys", true, &arr, err) < 0 || dd_json_array_size(&arr, &n, err) < 0 ||
	    dd_json_int(&root, "total_count", false, total, err) < 0) {
		json_decref(root.v);
		return -1;
	}
	struct dd_ssh_key *v = n ? realloc(out->v, (out->n + n) * sizeof(*v)) : out->v;
	if (n && !v) {
		json_decref(root.v);
		return dd_error_oom(err);
	}
	out->v = v;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct dd_ssh_key *k = &out->v[out->n];
		bool dis = false;
		memset(k, 0, sizeof(*k));
		if (dd_json_at(&arr, i, &it, err) < 0 ||
		    copy_str(&it, "id", true, k->id, sizeof(k->id), err) < 0 ||
		    dd_json_text(&it, "name", k->name, sizeof(k->name), err) < 0 ||
		    dd_json_text(&it, "fingerprint", k->fingerprint, sizeof(k->fingerprint), err) < 0 ||
		    dd_json_bool(&it, "disabled", false, &dis, err) < 0)
			rc = -1;
		else if (!uuidish(k->id))
			rc = dd_json_bad(&it, "id", N_("not an SSH key id"), err);
		k->disabled = dis;
		if (rc == 0)
			out->n++;
	}
	json_decref(root.v);
	return rc;
}

struct run {
	struct dd_http *h;
	const struct dd_creds *c;
	struct dd_authcheck *out;
	dd_authcheck_done done;
	void *ud;
	int pending;
};

static void finish_one(struct run *r)
{
	if (--r->pending == 0) {
		r->done(r->ud, r->out);
		free(r);
	}
}

static uint64_t get(struct run *r, enum dd_api_flavour api, const char *url, dd_http_cb cb,
		    struct dd_error *err)
{
	struct dd_request q = { .api = api, .method = DD_GET, .url = url };

	return dd_request_send(r->h, r->c, &q, cb, r, err);
}

static void user_done(void *ud, const struct dd_http_resp *resp, const struct dd_error *err)
{
	struct run *r = ud;

	if (err->kind == DD_E_PERMISSION)
		r->out->owner_hidden = 1; /* the key itself was read: it is good */
	else if (err->kind != DD_OK)
		r->out->scw_err = *err;
	else
		dd_scw_iam_decode_user(resp->body, resp->body_len, &r->out->user, &r->out->scw_err);
	finish_one(r);
}

static void dedibox_done(void *ud, const struct dd_http_resp *resp, const struct dd_error *err)
{
	struct run *r = ud;

	if (err->kind != DD_OK)
		r->out->scw_err = *err;
	finish_one(r);
}

static void key_done(void *ud, const struct dd_http_resp *resp, const struct dd_error *err)
{
	struct run *r = ud;
	char url[512];

	if (err->kind == DD_E_PERMISSION) {
		/* A key scoped to Dedibox has no IAM rights: IAM's 403 says
		 * nothing of the key, so ask the API the key is for. */
		r->out->owner_hidden = 1;
		r->out->iam_err = *err;
		dd_scw_url_servers(r->c, r->c->zone[0] ? r->c->zone : dd_scw_zones[0], 1, 1, url,
				   sizeof(url));
		if (get(r, DD_API_SCW, url, dedibox_done, &r->out->scw_err) != 0)
			return; /* dedibox_done finishes this half */
	} else if (err->kind != DD_OK) {
		r->out->scw_err = *err;
	} else if (dd_scw_iam_decode_api_key(resp->body, resp->body_len, &r->out->key,
					     &r->out->scw_err) == 0 && r->out->key.user_id[0] &&
		   dd_scw_iam_url_user(r->c, r->out->key.user_id, url, sizeof(url),
				       &r->out->scw_err) == 0 &&
		   get(r, DD_API_SCW, url, user_done, &r->out->scw_err) != 0) {
		return; /* user_done finishes this half */
	}
	finish_one(r);
}

static void online_done(void *ud, const struct dd_http_resp *resp, const struct dd_error *err)
{
	struct run *r = ud;
	int64_t *ids = NULL;
	size_t n = 0;

	if (err->kind != DD_OK)
		r->out->online_err = *err;
	else if (dd_online_decode_refs(resp->body, resp->body_len, &ids, &n,
				       &r->out->online_err) == 0)
		r->out->online_servers = n;
	free(ids);
	finish_one(r);
}

int dd_authcheck_start(struct dd_http *h, const struct dd_creds *c, struct dd_authcheck *out,
		       dd_authcheck_done done, void *ud, struct dd_error *err)
{
	struct run *r;
	char url[512];
	int want_scw = dd_creds_has_scw(c) || c->access_key[0], want_online = dd_creds_has_online(c);

	memset(out, 0, sizeof(*out));
	if (!want_scw && !want_online)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("nothing to check: give Scaleway keys or a Dedibox token"));
	if (want_scw && (!c->access_key[0] || !c->secret_key[0]))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("Scaleway needs both the access key and the secret key"));
	if (want_scw && dd_scw_iam_url_api_key(c, url, sizeof(url), err) != 0)
		return -1;
	r = calloc(1, sizeof(*r));
	if (!r)
		return dd_error_oom(err);
	*r = (struct run){ h, c, out, done, ud, 1 };
	/* pending starts at 1 so no callback can finish the run while the
	 * requests are still being queued. */
	if (want_scw) {
		out->scw_checked = 1;
		r->pending++;
		if (get(r, DD_API_SCW, url, key_done, &out->scw_err) == 0)
			r->pending--;
	}
	if (want_online) {
		out->online_checked = 1;
		dd_online_url_servers(c, url, sizeof(url));
		r->pending++;
		if (get(r, DD_API_ONLINE, url, online_done, &out->online_err) == 0)
			r->pending--;
	}
	finish_one(r);
	return 0;
}
