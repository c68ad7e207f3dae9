/* The server overview's edits and their validation (what is left here
 * once the reads moved to the store: core/sections.c, core/account.c and
 * the backend rooms). One request context per edit. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "core/json.h"
#include "core/names.h"
#include "core/overview.h"
#include "core/request.h"
#include "core/scw_dedibox.h"
#include "core/text.h"

enum ov_kind { OV_BACKUP, OV_EDIT };

struct ov_ctx {
	enum ov_kind kind;
	enum dd_api_flavour api;
	struct dd_account *a;
	struct dd_http *h;
	int64_t server_id;
	char base[400];           /* URL without the page query, for paging */
	void *out;
	dd_done_fn done;
	void *ud;
	int page;
};

/* Which API serves the server: Scaleway when it knows it and we hold keys. */
static int pick_api(const struct dd_account *a, const struct dd_server *s,
		    enum dd_api_flavour *api, struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(a);
	if ((s->sources & DD_SRC_SCW) && dd_creds_has_scw(c)) {
		if (!s->zone[0])
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "Server %" PRId64 " has no known zone; refresh the list first.",
					    s->id);
		*api = DD_API_SCW;
		return 0;
	}
	if ((s->sources & DD_SRC_ONLINE) && dd_creds_has_online(c)) {
		*api = DD_API_ONLINE;
		return 0;
	}
	return dd_error_set(err, DD_E_AUTH, 0, NULL,
			    "No credentials of this profile reach server %" PRId64 ".", s->id);
}

static int scw_url(const struct dd_account *a, const struct dd_server *s, const char *tail,
		   char *buf, size_t len)
{
	const struct dd_creds *c = dd_account_creds(a);
	int n = snprintf(buf, len, "%s/dedibox/v1/zones/%s%s", c->scw_api_url, s->zone, tail);
	return (n < 0 || (size_t)n >= len) ? -1 : 0;
}

static int start(struct ov_ctx *ctx, enum dd_http_method m, const char *url,
		 const char *body, const char *ctype, struct dd_error *err);

static void fail_done(struct ov_ctx *ctx, const struct dd_error *e)
{
	ctx->done(ctx->ud, e);
	free(ctx);
}

/* ---- the callback ---- */

static void on_resp(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct ov_ctx *ctx = ud;
	struct dd_error err;

	dd_error_clear(&err);
	if (herr && herr->kind != DD_OK) {
		fail_done(ctx, herr);
		return;
	}
	/* A Scaleway backup edit answers the backup as it now is. */
	if (ctx->kind == OV_BACKUP)
		dd_scw_decode_backup(resp ? resp->body : NULL, resp ? resp->body_len : 0, ctx->out,
				     &err);
	fail_done(ctx, &err);
}

static int start(struct ov_ctx *ctx, enum dd_http_method m, const char *url,
		 const char *body, const char *ctype, struct dd_error *err)
{
	struct dd_request req = {
		.api = ctx->api, .method = m, .url = url, .body = body, .content_type = ctype,
	};
	return dd_request_send(ctx->h, dd_account_creds(ctx->a), &req, on_resp, ctx, err) ? 0 : -1;
}

static struct ov_ctx *ctx_new(struct dd_account *a, struct dd_http *h, enum ov_kind kind,
			      enum dd_api_flavour api, const struct dd_server *s, void *out,
			      dd_done_fn done, void *ud, struct dd_error *err)
{
	struct ov_ctx *ctx = calloc(1, sizeof(*ctx));
	if (!ctx) {
		dd_error_oom(err);
		return NULL;
	}
	ctx->kind = kind;
	ctx->api = api;
	ctx->a = a;
	ctx->h = h;
	ctx->server_id = s->id;
	ctx->out = out;
	ctx->done = done;
	ctx->ud = ud;
	ctx->page = 1;
	return ctx;
}

static int go(struct ov_ctx *ctx, enum dd_http_method m, const char *url, const char *body,
	      const char *ctype, struct dd_error *err)
{
	if (start(ctx, m, url, body, ctype, err) < 0) {
		free(ctx);
		return -1;
	}
	return 0;
}

static int too_long(struct dd_error *err)
{
	return dd_error_set(err, DD_E_USAGE, 0, NULL, "The API URL of this profile is too long.");
}

static int only_scw(const struct dd_server *s, enum dd_api_flavour api, const char *what,
		    struct dd_error *err)
{
	if (api == DD_API_SCW)
		return 0;
	return dd_error_set(err, DD_E_USAGE, 0, NULL,
			    "The Online API does not give %s; add Scaleway keys to this profile to see them.",
			    what);
}

/* ---- edits ---- */

/* Appends "&key=value" (URL-encoded) to a form body. */
static int form_add(char *buf, size_t len, const char *key, const char *value)
{
	char *enc = curl_easy_escape(NULL, value, 0);
	if (!enc)
		return -1;
	size_t used = strlen(buf);
	int n = snprintf(buf + used, len - used, "%s%s=%s", used ? "&" : "", key, enc);
	curl_free(enc);
	return (n < 0 || (size_t)n >= len - used) ? -1 : 0;
}

static int send_json(struct ov_ctx *ctx, enum dd_http_method m, const char *url, json_t *body,
		     struct dd_error *err)
{
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	if (!text) {
		free(ctx);
		return dd_error_oom(err);
	}
	int rc = go(ctx, m, url, text, "application/json", err);
	/* The body may hold a password: wipe our copy (http copied it). */
	memset(text, 0, strlen(text));
	free(text);
	return rc;
}

int dd_overview_set_backup(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			   const struct dd_backup_edit *edit, struct dd_backup *out,
			   dd_done_fn done, void *ud, struct dd_error *err)
{
	enum dd_api_flavour api;
	char url[400];
	if (pick_api(a, s, &api, err) < 0)
		return -1;
	if (api == DD_API_SCW) {
		char tail[64];
		json_t *body = json_pack("{s:b,s:b}", "acl_enabled", edit->acl_enabled,
					 "autologin", edit->autologin);
		snprintf(tail, sizeof(tail), "/servers/%" PRId64 "/backups", s->id);
		if (!body)
			return dd_error_oom(err);
		if (edit->password && edit->password[0])
			json_object_set_new(body, "password", json_string(edit->password));
		if (scw_url(a, s, tail, url, sizeof(url)) < 0) {
			json_decref(body);
			return too_long(err);
		}
		struct ov_ctx *ctx = ctx_new(a, h, OV_BACKUP, api, s, out, done, ud, err);
		if (!ctx) {
			json_decref(body);
			return -1;
		}
		return send_json(ctx, DD_PATCH, url, body, err);
	}
	/* Online answers `true`, not the backup: read it back afterwards. */
	char form[600] = "", id[24];
	snprintf(url, sizeof(url), "%s/server/backup/edit", dd_account_creds(a)->online_api_url);
	snprintf(id, sizeof(id), "%" PRId64, s->id);
	if (form_add(form, sizeof(form), "server_id", id) < 0 ||
	    form_add(form, sizeof(form), "autologin", edit->autologin ? "true" : "false") < 0 ||
	    form_add(form, sizeof(form), "acl_enabled", edit->acl_enabled ? "true" : "false") < 0 ||
	    (edit->password && edit->password[0] &&
	     form_add(form, sizeof(form), "password", edit->password) < 0))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "The backup password is too long.");
	struct ov_ctx *ctx = ctx_new(a, h, OV_EDIT, api, s, NULL, done, ud, err);
	int rc = ctx ? go(ctx, DD_POST, url, form, "application/x-www-form-urlencoded", err) : -1;
	memset(form, 0, sizeof(form));
	if (rc == 0) {
		out->autologin = edit->autologin;
		out->acl_enabled = edit->acl_enabled;
	}
	return rc;
}

int dd_overview_set_hostname(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			     const char *hostname, dd_done_fn done, void *ud, struct dd_error *err)
{
	enum dd_api_flavour api;
	char url[400];
	if (dd_check_hostname(hostname, err) < 0 || pick_api(a, s, &api, err) < 0)
		return -1;
	struct ov_ctx *ctx = ctx_new(a, h, OV_EDIT, api, s, NULL, done, ud, err);
	if (!ctx)
		return -1;
	if (api == DD_API_SCW) {
		char tail[48];
		snprintf(tail, sizeof(tail), "/servers/%" PRId64, s->id);
		if (scw_url(a, s, tail, url, sizeof(url)) < 0) {
			free(ctx);
			return too_long(err);
		}
		return send_json(ctx, DD_PATCH, url, json_pack("{s:s}", "hostname", hostname), err);
	}
	char form[400] = "";
	snprintf(url, sizeof(url), "%s/server/%" PRId64, dd_account_creds(a)->online_api_url, s->id);
	form_add(form, sizeof(form), "hostname", hostname);
	return go(ctx, DD_PUT, url, form, "application/x-www-form-urlencoded", err);
}

int dd_overview_set_tags(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			 const char *tags, dd_done_fn done, void *ud, struct dd_error *err)
{
	enum dd_api_flavour api;
	char url[400], tail[48];
	if (dd_check_tags(tags, err) < 0 || pick_api(a, s, &api, err) < 0 ||
	    only_scw(s, api, "tags", err) < 0)
		return -1;
	json_t *arr = json_array();
	const char *p = tags;
	while (arr && *p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		const char *q = p;
		while (n && isspace((unsigned char)*q)) {
			q++;
			n--;
		}
		while (n && isspace((unsigned char)q[n - 1]))
			n--;
		if (n)
			json_array_append_new(arr, json_stringn(q, n));
		p += e ? (size_t)(e - p) + 1 : strlen(p);
	}
	snprintf(tail, sizeof(tail), "/servers/%" PRId64 "/tags", s->id);
	if (!arr || scw_url(a, s, tail, url, sizeof(url)) < 0) {
		json_decref(arr);
		return arr ? too_long(err) : dd_error_oom(err);
	}
	struct ov_ctx *ctx = ctx_new(a, h, OV_EDIT, api, s, NULL, done, ud, err);
	if (!ctx) {
		json_decref(arr);
		return -1;
	}
	return send_json(ctx, DD_POST, url, json_pack("{s:o}", "tags", arr), err);
}

int dd_overview_set_reverse(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			    const struct dd_ip *ip, const char *reverse, dd_done_fn done,
			    void *ud, struct dd_error *err)
{
	enum dd_api_flavour api;
	char url[400];
	if (dd_check_reverse(reverse, err) < 0 || pick_api(a, s, &api, err) < 0)
		return -1;
	if (api == DD_API_SCW && ip->ip_id <= 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "The API gave no id for %s; its reverse cannot be edited here.",
				    ip->address);
	struct ov_ctx *ctx = ctx_new(a, h, OV_EDIT, api, s, NULL, done, ud, err);
	if (!ctx)
		return -1;
	if (api == DD_API_SCW) {
		char tail[48];
		snprintf(tail, sizeof(tail), "/reverses/%" PRId64, ip->ip_id);
		if (scw_url(a, s, tail, url, sizeof(url)) < 0) {
			free(ctx);
			return too_long(err);
		}
		return send_json(ctx, DD_PATCH, url, json_pack("{s:s}", "reverse", reverse), err);
	}
	char form[400] = "";
	snprintf(url, sizeof(url), "%s/server/ip/edit", dd_account_creds(a)->online_api_url);
	form_add(form, sizeof(form), "address", ip->address);
	form_add(form, sizeof(form), "reverse", reverse);
	return go(ctx, DD_POST, url, form, "application/x-www-form-urlencoded", err);
}
