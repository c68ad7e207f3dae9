#include "core/request.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/apierr.h"
#include "core/i18n.h"
#include "core/validators.h"

#define SCW_BASE "https://api.scaleway.com"
#define ONLINE_PATH "/api/v1"
#define ONLINE_BASE "https://api.online.net" ONLINE_PATH

void dd_request_default_bases(struct dd_creds *c)
{
	if (!c->scw_api_url[0])
		snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", SCW_BASE);
	if (!c->online_api_url[0])
		snprintf(c->online_api_url, sizeof(c->online_api_url), "%s", ONLINE_BASE);
}

int dd_request_bases_from_root(struct dd_creds *c, const char *root, struct dd_error *err)
{
	int a = snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", root);
	int b = snprintf(c->online_api_url, sizeof(c->online_api_url), "%s%s", root, ONLINE_PATH);

	if (a < 0 || (size_t)a >= sizeof(c->scw_api_url) || b < 0 ||
	    (size_t)b >= sizeof(c->online_api_url))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("The API URL %.80s is too long."), root);
	return 0;
}

int dd_request_url(const struct dd_creds *c, enum dd_api_flavour api, char *buf, size_t len,
		   struct dd_error *err, const char *fmt, ...)
{
	const char *base = api == DD_API_SCW ? c->scw_api_url : c->online_api_url;
	size_t blen = strlen(base);
	va_list ap;
	int n;

	if (blen >= len)
		goto too_long;
	memcpy(buf, base, blen + 1);
	va_start(ap, fmt);
	n = vsnprintf(buf + blen, len - blen, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < len - blen)
		return 0;
too_long:
	buf[0] = '\0';
	return dd_error_set(err, DD_E_USAGE, 0, NULL, _("The API URL of this profile is too long."));
}

/* --offline: one switch for the process, so no screen or command can
 * send by a path that forgot to ask. */
static bool offline;

void dd_request_set_offline(bool on)
{
	offline = on;
}

uint64_t dd_request_send(struct dd_http *h, const struct dd_creds *c, const struct dd_request *r,
			 dd_http_cb cb, void *ud, struct dd_error *err)
{
	struct dd_http_req q = {
		.method = r->method,
		.url = r->url,
		.body = r->body,
		.body_len = r->body && !r->body_len ? strlen(r->body) : r->body_len,
		.content_type = r->content_type,
		.max_body = r->max_body,
	};
	char inm[DD_ETAG_MAX + 32];

	if (offline) {
		dd_error_set(err, DD_E_NETWORK, 0, "offline",
			     _("offline (--offline): nothing is sent; only the cached servers show"));
		return 0;
	}
	/* The secret is not copied here: the transport builds the header
	 * line once, in locked memory, and wipes it. */
	if (r->api == DD_API_SCW) {
		if (!c->secret_key[0]) {
			dd_error_set(err, DD_E_AUTH, 0, NULL,
				     _("This profile has no Scaleway secret key."));
			return 0;
		}
		q.auth_name = "X-Auth-Token";
		q.auth_value = c->secret_key;
		q.refusal = dd_apierr_scw;
	} else {
		if (!c->online_token[0]) {
			dd_error_set(err, DD_E_AUTH, 0, NULL,
				     _("This profile has no Dedibox private token."));
			return 0;
		}
		q.auth_name = "Authorization";
		q.auth_prefix = "Bearer ";
		q.auth_value = c->online_token;
		q.refusal = dd_apierr_online;
	}
	/* A tag that would not pass as a header value is not sent: the
	 * read is then unconditional, never a split header line. */
	if (r->if_none_match && r->method == DD_GET && dd_etag_ok(r->if_none_match)) {
		snprintf(inm, sizeof(inm), "If-None-Match: %s", r->if_none_match);
		q.extra_header = inm;
		q.not_modified_ok = true;
	}
	return dd_http_send(h, &q, cb, ud, err);
}
