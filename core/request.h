/* The one request path: every call dedi makes to an API is built here.
 * It knows each API's base URL (from the profile), how each API wants its
 * credentials, and how each API words a refusal; the transport
 * (core/http) knows none of that. The backend rooms (scw_dedibox,
 * scw_iam, online, ...) build paths and decode answers; nothing else
 * builds a URL or touches a secret. */
#ifndef DD_REQUEST_H
#define DD_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "core/creds.h"
#include "core/error.h"
#include "core/http.h"

/* Which API answers: decides the base URL, the auth header and how an
 * error body is read. */
enum dd_api_flavour { DD_API_SCW, DD_API_ONLINE };

struct dd_request {
	enum dd_api_flavour api;
	enum dd_http_method method;
	const char *url;          /* full URL, from dd_request_url */
	const char *body;         /* may be NULL; copied */
	size_t body_len;          /* 0: strlen(body) */
	const char *content_type; /* "application/json", form, or NULL */
	size_t max_body;          /* decoded answer cap; 0: a JSON page's */
	const char *if_none_match; /* NULL, or the ETag of a copy held (a GET): a 304
				    * then reaches cb as success, status 304, no body */
};

/* Fills the empty base URLs of c with the public APIs'. */
void dd_request_default_bases(struct dd_creds *c);
/* Points both APIs of c at one server's root (the sandbox serves both):
 * Scaleway's paths under root, Online's under root/api/v1. -1 when too
 * long. */
int dd_request_bases_from_root(struct dd_creds *c, const char *root, struct dd_error *err);

/* Writes the profile's base URL for api followed by the printf-formatted
 * path ("/dedibox/v1/zones/%s/servers/%lld", or "/server/%lld" after
 * Online's /api/v1). -1 with err filled when it does not fit. */
int dd_request_url(const struct dd_creds *c, enum dd_api_flavour api, char *buf, size_t len,
		   struct dd_error *err, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Queues the request with the profile's credentials for api. Returns the
 * transport's request id (> 0), or 0 with err filled (no credentials for
 * that API, plain http to a remote host, out of memory). A refusal by the
 * API reaches cb as an error worded by core/apierr. */
uint64_t dd_request_send(struct dd_http *h, const struct dd_creds *c, const struct dd_request *r,
			 dd_http_cb cb, void *ud, struct dd_error *err);
/* --offline: from now on every dd_request_send fails (DD_E_NETWORK,
 * api_type "offline") before anything is queued. */
void dd_request_set_offline(bool on);

#endif
