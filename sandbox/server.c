/* libmicrohttpd plumbing: one thread per connection (so --latency does not
 * serialise clients), body collection with a cap, authentication, routing
 * to the API rooms, the test hooks under /__sandbox/. The replies and
 * argument checks the rooms share are in reply.c. */
#include "sandbox/server.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/names.h"
#include "core/netcalc.h"
#include "sandbox/billing_api.h"
#include "sandbox/dedibox_api.h"
#include "sandbox/dedibox_billing.h"
#include "sandbox/emit.h"
#include "sandbox/faults.h"
#include "sandbox/iam_api.h"
#include "sandbox/online_api.h"
#include "sandbox/sandbox.h"
#include "sandbox/scenario.h"
#include "sandbox/server_wire.h"

struct dd_sandbox {
	struct MHD_Daemon *daemon;
	struct dd_sb_world *world;
	unsigned latency_ms;
	char *access_key;
	char *secret_key;
	char *online_token;
	int iam_member;
	unsigned quirks;          /* DD_SANDBOX_QUIRK_* bits */
	int no_page_cache;        /* --no-page-cache */
	char url[64];
	/* Test hooks: counters by method (changed with __atomic builtins, one
	 * thread per connection), writes still to cut, the stats file. */
	unsigned long counts[7];  /* GET HEAD POST PUT PATCH DELETE other */
	unsigned long cut;
	unsigned long served, in_flight, max_in_flight;
	unsigned cut_writes;
	unsigned long limited;
	unsigned long not_modified; /* 304s of Online reads */
	unsigned rate_limit, rate_limit_writes; /* requests still to refuse (quirks) */
	char fail_zone[16];                     /* "" or the zone whose reads fail */
	unsigned slow_pages_ms;                 /* the slow-pages quirk, 0 if off */
	char fail_online[32];                   /* "" or the Online server path whose reads fail */
	struct dd_sb_faults *faults; /* --faults and POST /__sandbox/faults */
	char *stats_path;
	pthread_mutex_t stats_lock; /* one writer of the stats file at a time */
	/* The last write to an API as it arrived, for tests that compare
	 * dedi's requests with another client's (GET /__sandbox/last-write). */
	pthread_mutex_t write_lock;
	json_t *last_write;
};

/* Per-request state kept by MHD between calls of the access handler. */
struct conn_ctx {
	char *body;
	size_t len, cap;
	int too_large;
	int counted;              /* a routed request: its completion counts as served */
};

/* Splits the path after prefix into segments, in place. */
static size_t split_path(char *path, const char *segs[DD_SB_MAX_SEGS])
{
	size_t n = 0;
	char *save = NULL;
	for (char *t = strtok_r(path, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
		if (n == DD_SB_MAX_SEGS)
			return DD_SB_MAX_SEGS + 1;
		segs[n++] = t;
	}
	return n;
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void scw_denied(struct dd_sb_resp *resp, const char *reason)
{
	dd_sb_reply(resp, 401, json_pack("{s:s, s:s, s:s, s:s}", "message", "authentication is denied",
					 "method", "api_key", "reason", reason,
					 "type", "denied_authentication"));
}

static int scw_authorized(const struct dd_sandbox *sb, struct MHD_Connection *c,
			  struct dd_sb_resp *resp)
{
	const char *tok = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Auth-Token");
	if (!tok || !dd_sb_is_uuid(tok)) {
		scw_denied(resp, "invalid_argument");
		return 0;
	}
	if (strcmp(tok, sb->secret_key) != 0) {
		scw_denied(resp, "not_found");
		return 0;
	}
	return 1;
}

static int online_authorized(const struct dd_sandbox *sb, struct MHD_Connection *c,
			     struct dd_sb_resp *resp)
{
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	if (!h || strncasecmp(h, "Bearer ", 7) != 0 || strcmp(h + 7, sb->online_token) != 0) {
		dd_sb_online_error(resp, 401, "Authentication required: invalid or missing API token", 1);
		return 0;
	}
	return 1;
}

/* --quirks bare-lists, null-lists: an empty page, {"total_count": 0, "xs": []},
 * loses its array (removed, or null) as real answers sometimes do. */
static void bare_list(struct dd_sb_resp *resp, int remove)
{
	if (resp->status != 200 || resp->ctype || !resp->body)
		return;
	json_t *v = json_loadb(resp->body, resp->len, 0, NULL), *tc = json_object_get(v, "total_count");
	const char *k;
	json_t *m;
	void *tmp;
	int changed = 0;
	if (json_is_integer(tc) && json_integer_value(tc) == 0) {
		json_object_foreach_safe(v, tmp, k, m) {
			if (!json_is_array(m) || json_array_size(m) != 0)
				continue;
			if (remove)
				json_object_del(v, k);
			else
				json_object_set_new(v, k, json_null());
			changed = 1;
		}
	}
	if (changed)
		dd_sb_reply(resp, 200, v);
	else
		json_decref(v);
}

/* Every Online read that succeeds carries the ETag of its bytes; one the
 * client already holds (If-None-Match) is 304 with no body, the same
 * ETag. A changed server has other bytes, so another tag. */
static void online_validate(struct dd_sandbox *sb, struct MHD_Connection *c, struct dd_sb_resp *resp)
{
	const char *inm;

	if (resp->status != 200 || !resp->body)
		return;
	dd_sb_etag_of(resp->body, resp->len, resp->etag);
	inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
	if (!inm || !dd_sb_etag_matches(inm, resp->etag))
		return;
	free(resp->body);
	resp->body = NULL;
	resp->len = 0;
	resp->status = 304;
	__atomic_add_fetch(&sb->not_modified, 1, __ATOMIC_SEQ_CST);
}

static void route(struct dd_sandbox *sb, struct MHD_Connection *c, const char *url,
		  const char *method, const struct conn_ctx *cx, struct dd_sb_resp *resp)
{
	static const struct {
		const char *prefix;
		int online;
		void (*handle)(const struct dd_sb_req *, struct dd_sb_resp *);
	} apis[] = {
		{ "/dedibox/v1/", 0, dd_sb_dedibox_handle },
		{ "/iam/v1alpha1/", 0, dd_sb_iam_handle },
		{ "/billing/v2beta1/", 0, dd_sb_billing_handle },
		{ "/api/v1/", 1, dd_sb_online_handle },
	};
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	struct dd_sb_req r = {
		.world = sb->world, .conn = c, .method = method,
		.body = cx->body ? cx->body : "", .body_len = cx->len,
		.content_type = ct ? ct : "", .access_key = sb->access_key,
		.iam_member = sb->iam_member, .quirks = sb->quirks,
	};
	/* the test hook of tests/sandbox/test_pages.c: one answer by the
	 * reference path, to compare with the next */
	const char *pc = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Dedi-Sandbox-Page-Cache");
	r.no_page_cache = sb->no_page_cache || (pc && strcmp(pc, "off") == 0);
	for (size_t i = 0; i < sizeof apis / sizeof apis[0]; i++) {
		size_t plen = strlen(apis[i].prefix) - 1; /* without its final slash */
		if (strncmp(url, apis[i].prefix, plen) != 0 || (url[plen] != '/' && url[plen] != '\0'))
			continue;
		if (apis[i].online ? !online_authorized(sb, c, resp) : !scw_authorized(sb, c, resp))
			return;
		char *path = strdup(url + plen);
		if (!path) {
			dd_sb_reply(resp, 500, NULL);
			return;
		}
		r.nsegs = split_path(path, r.segs);
		if (r.nsegs > DD_SB_MAX_SEGS) {
			if (apis[i].online)
				dd_sb_online_error(resp, 404, "Unknown method", 3);
			else
				dd_sb_scw_no_route(resp);
		} else if (apis[i].online && (sb->quirks & DD_SANDBOX_QUIRK_ONLINE_FALSE) &&
			   strcmp(method, "GET") != 0) {
			/* as the legacy API does when it will not: 200, false, nothing changed */
			dd_sb_reply(resp, 200, json_false());
		} else {
			apis[i].handle(&r, resp);
			if (apis[i].online && strcmp(method, "GET") == 0)
				online_validate(sb, c, resp);
			if (!apis[i].online && (sb->quirks & (DD_SANDBOX_QUIRK_BARE_LISTS | DD_SANDBOX_QUIRK_NULL_LISTS)))
				bare_list(resp, (sb->quirks & DD_SANDBOX_QUIRK_BARE_LISTS) != 0);
		}
		free(path);
		return;
	}
	if (starts_with(url, "/api/"))
		dd_sb_online_error(resp, 404, "Unknown method", 3);
	else
		dd_sb_scw_no_route(resp);
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static ssize_t no_body(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)cls;
	(void)pos;
	(void)buf;
	(void)max;
	return MHD_CONTENT_READER_END_OF_STREAM;
}

/* ft: the fault this answer carries, or NULL. */
static enum MHD_Result send_fault_resp(struct MHD_Connection *c, struct dd_sb_resp *resp,
				       const struct dd_sb_fault *ft)
{
	struct MHD_Response *mr = ft ? dd_sb_fault_response(ft, resp) : NULL;
	/* A 304 must not say "Content-Length: 0" (RFC 9110 8.6: only the
	 * 200's length, or none). libmicrohttpd 0.9.75 adds that header to
	 * any sized response, beside one the sandbox sets, and frames one of
	 * unknown size as chunked (a body a 304 cannot have). Unknown size in
	 * HTTP/1.0 framing is the one way to none: the end of the connection
	 * ends the (empty) answer, so a 304 closes its connection. */
	if (!mr && resp->status == 304) {
		mr = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64, no_body, NULL, NULL);
		if (mr && MHD_set_response_options(mr, MHD_RF_HTTP_1_0_COMPATIBLE_STRICT, MHD_RO_END) != MHD_YES) {
			MHD_destroy_response(mr);
			mr = NULL;
		}
		if (!mr) {
			free(resp->body);
			return MHD_NO;
		}
	}
	if (!mr)
		mr = MHD_create_response_from_buffer(
			resp->len, resp->body ? resp->body : (char *)"", resp->body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (!mr) {
		free(resp->body);
		return MHD_NO;
	}
	resp->body = NULL;
	/* Exactly "application/json", as the real APIs send it: the SDK's
	 * response parser compares the whole header and reads nothing else
	 * as JSON. */
	if (resp->status != 204 && resp->status != 304)
		MHD_add_response_header(mr, MHD_HTTP_HEADER_CONTENT_TYPE,
					resp->ctype ? resp->ctype : "application/json");
	if (resp->has_total) {
		char n[24];
		snprintf(n, sizeof n, "%lld", (long long)resp->total);
		MHD_add_response_header(mr, "X-Total-Count", n);
	}
	if (resp->allow)
		MHD_add_response_header(mr, MHD_HTTP_HEADER_ALLOW, resp->allow);
	if (resp->envoy_limited)
		MHD_add_response_header(mr, "x-envoy-ratelimited", "true");
	if (resp->etag[0])
		MHD_add_response_header(mr, MHD_HTTP_HEADER_ETAG, resp->etag);
	/* The sandbox clock's now, not the host's: clients that count from
	 * the API's Date (BMC expiry) see the time the state is at. */
	char date[40];
	time_t now = (time_t)dd_sb_now();
	struct tm tm;
	if (gmtime_r(&now, &tm) && strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm))
		MHD_add_response_header(mr, MHD_HTTP_HEADER_DATE, date);
	if (ft)
		dd_sb_fault_headers(ft, mr);
	enum MHD_Result ret = MHD_queue_response(c, resp->status, mr);
	MHD_destroy_response(mr);
	return ret;
}

static enum MHD_Result send_resp(struct MHD_Connection *c, struct dd_sb_resp *resp)
{
	return send_fault_resp(c, resp, NULL);
}

static enum MHD_Result too_large(struct MHD_Connection *c)
{
	struct dd_sb_resp resp = { 0 };
	char help[96];
	snprintf(help, sizeof help, "the request body must not exceed %d bytes", DD_SB_BODY_MAX);
	dd_sb_reply(&resp, 413, json_pack("{s:s, s:s}", "message", help, "type", "request_too_large"));
	resp.status = 413;
	return send_resp(c, &resp);
}

/* ---- test hooks: request counts and the connection cut ---- */

static const char *const method_names[] = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE" };

static size_t method_slot(const char *method)
{
	size_t i;
	for (i = 0; i < sizeof method_names / sizeof method_names[0]; i++)
		if (strcmp(method, method_names[i]) == 0)
			break;
	return i;
}

void dd_sandbox_stats(const struct dd_sandbox *sb, struct dd_sandbox_stats *out)
{
	unsigned long c[7];
	for (size_t i = 0; i < 7; i++)
		c[i] = __atomic_load_n(&sb->counts[i], __ATOMIC_SEQ_CST);
	*out = (struct dd_sandbox_stats){
		.get = c[0], .head = c[1], .post = c[2], .put = c[3], .patch = c[4],
		.del = c[5], .other = c[6], .writes = c[2] + c[3] + c[4] + c[5],
		.cut = __atomic_load_n(&sb->cut, __ATOMIC_SEQ_CST),
		.limited = __atomic_load_n(&sb->limited, __ATOMIC_SEQ_CST),
		.served = __atomic_load_n(&sb->served, __ATOMIC_SEQ_CST),
		.max_in_flight = __atomic_load_n(&sb->max_in_flight, __ATOMIC_SEQ_CST),
		.not_modified = __atomic_load_n(&sb->not_modified, __ATOMIC_SEQ_CST),
	};
}

static json_t *stats_json(const struct dd_sandbox *sb)
{
	struct dd_sandbox_stats st;
	dd_sandbox_stats(sb, &st);
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "faults",
			 (json_int_t)dd_sb_faults_fired(sb->faults), "GET",
			 (json_int_t)st.get, "HEAD", (json_int_t)st.head, "POST", (json_int_t)st.post,
			 "PUT", (json_int_t)st.put, "PATCH", (json_int_t)st.patch, "DELETE",
			 (json_int_t)st.del, "other", (json_int_t)st.other, "writes",
			 (json_int_t)st.writes, "cut", (json_int_t)st.cut, "limited",
			 (json_int_t)st.limited, "served", (json_int_t)st.served, "max_in_flight",
			 (json_int_t)st.max_in_flight, "not_modified", (json_int_t)st.not_modified);
}

/* Rewritten whole (temporary file, rename) so a reader never sees half. */
static void write_stats_file(struct dd_sandbox *sb)
{
	char tmp[4200];
	json_t *v;
	FILE *f;
	if (!sb->stats_path || snprintf(tmp, sizeof tmp, "%s.tmp", sb->stats_path) >= (int)sizeof tmp)
		return;
	pthread_mutex_lock(&sb->stats_lock);
	v = stats_json(sb);
	f = fopen(tmp, "w");
	if (f && v) {
		json_dumpf(v, f, JSON_COMPACT | JSON_PRESERVE_ORDER);
		fputc('\n', f);
	}
	if (f && fclose(f) == 0 && v)
		rename(tmp, sb->stats_path);
	json_decref(v);
	pthread_mutex_unlock(&sb->stats_lock);
}

static enum MHD_Result add_query_pair(void *cls, enum MHD_ValueKind kind, const char *key,
				      const char *value)
{
	(void)kind;
	json_array_append_new(cls, json_pack("[s?s?]", key, value));
	return MHD_YES;
}

/* Keeps method, path, query (decoded [name, value] pairs in order) and
 * body of a write. A body that is not UTF-8 is kept as null. */
static void record_write(struct dd_sandbox *sb, struct MHD_Connection *c, const char *url,
			 const char *method, const struct conn_ctx *cx)
{
	json_t *query = json_array();
	if (query)
		MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_query_pair, query);
	json_t *w = json_pack("{s:s, s:s, s:o*, s:o*}", "method", method, "path", url, "query", query,
			      "body", json_stringn(cx->body ? cx->body : "", cx->len));
	pthread_mutex_lock(&sb->write_lock);
	json_decref(sb->last_write);
	sb->last_write = w;
	pthread_mutex_unlock(&sb->write_lock);
}

/* GET /__sandbox/stats, GET /__sandbox/last-write, GET /__sandbox/clock;
 * POST /__sandbox/cut-next-write, POST /__sandbox/advance?seconds=N,
 * POST /__sandbox/account?fail=email,billing,... (order).
 * Loopback only, as the whole sandbox is. */
static void admin(struct dd_sandbox *sb, struct MHD_Connection *c, const char *url,
		  const char *method, struct dd_sb_resp *resp)
{
	if (strcmp(url, "/__sandbox/stats") == 0 && strcmp(method, "GET") == 0) {
		dd_sb_reply(resp, 200, stats_json(sb));
	} else if (strcmp(url, "/__sandbox/last-write") == 0 && strcmp(method, "GET") == 0) {
		pthread_mutex_lock(&sb->write_lock);
		json_t *w = json_incref(sb->last_write);
		pthread_mutex_unlock(&sb->write_lock);
		if (w)
			dd_sb_reply(resp, 200, w);
		else
			dd_sb_scw_error(resp, 404, "not_found", "no write received yet");
	} else if (strcmp(url, "/__sandbox/advance") == 0 && strcmp(method, "POST") == 0) {
		const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "seconds");
		char *end = NULL;
		long long n = q ? strtoll(q, &end, 10) : -1;
		if (!q || !*q || *end || n < 0 || n > 10LL * 366 * 86400) {
			dd_sb_scw_error(resp, 400, "invalid_arguments",
					"seconds wants a whole number from 0 to ten years of seconds");
			return;
		}
		json_t *v = json_pack("{s:I}", "now", (json_int_t)dd_sb_clock_advance(n));
		dd_sb_reply(resp, 200, v);
	} else if (strcmp(url, "/__sandbox/clock") == 0 && strcmp(method, "GET") == 0) {
		dd_sb_reply(resp, 200, json_pack("{s:I,s:I}", "now", (json_int_t)dd_sb_now(), "scale_milli",
						 (json_int_t)dd_sb_clock_scale()));
	} else if (strcmp(url, "/__sandbox/account") == 0 && strcmp(method, "POST") == 0) {
		/* order: can-order's checks that fail from now on ("" for none) */
		const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "fail");
		unsigned bits;
		if (!q || dd_sb_order_blocks_parse(q, &bits) < 0) {
			dd_sb_scw_error(resp, 400, "invalid_arguments",
					"fail wants a list of email, phone, user, payment, billing, quota (or nothing)");
			return;
		}
		__atomic_store_n(&sb->world->order_blocks, bits, __ATOMIC_RELEASE);
		dd_sb_reply(resp, 200, json_pack("{s:I}", "fail", (json_int_t)bits));
	} else if (strcmp(url, "/__sandbox/faults") == 0 && strcmp(method, "POST") == 0) {
		/* one sandbox, many faults: a test changes them between points */
		const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "spec");
		char ferr[160];
		if (dd_sb_faults_set(sb->faults, q ? q : "", ferr, sizeof ferr) < 0)
			dd_sb_scw_error(resp, 400, "invalid_arguments", ferr);
		else
			dd_sb_reply(resp, 200, stats_json(sb));
	} else if (strcmp(url, "/__sandbox/cut-next-write") == 0 && strcmp(method, "POST") == 0) {
		__atomic_add_fetch(&sb->cut_writes, 1, __ATOMIC_SEQ_CST);
		dd_sb_reply(resp, 200, stats_json(sb));
	} else {
		dd_sb_scw_no_route(resp);
	}
}

/* Handlers that overlap: what "served concurrently" means, whatever the
 * machine's load does to the time they take. */
static void enter(struct dd_sandbox *sb)
{
	unsigned long now = __atomic_add_fetch(&sb->in_flight, 1, __ATOMIC_SEQ_CST);
	unsigned long max = __atomic_load_n(&sb->max_in_flight, __ATOMIC_SEQ_CST);
	while (now > max && !__atomic_compare_exchange_n(&sb->max_in_flight, &max, now, 0,
							 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		;
}

/* True when this write is one to cut: applied, then left unanswered. */
/* Takes one from a counter that other connection threads also take from. */
static int take_one(unsigned *counter)
{
	unsigned n = __atomic_load_n(counter, __ATOMIC_SEQ_CST);
	while (n > 0)
		if (__atomic_compare_exchange_n(counter, &n, n - 1, 0, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST))
			return 1;
	return 0;
}

static int take_cut(struct dd_sandbox *sb)
{
	return take_one(&sb->cut_writes);
}

/* The rate-limit quirks: refused as the real gateways refuse. Scaleway's
 * edge (envoy) answers 429 with x-envoy-ratelimited and no Retry-After;
 * Online's answers 503 to a client that polls too fast. */
static int rate_limited(struct dd_sandbox *sb, const char *url, int write,
			struct dd_sb_resp *resp)
{
	if (!take_one(&sb->rate_limit) && !(write && take_one(&sb->rate_limit_writes)))
		return 0;
	__atomic_add_fetch(&sb->limited, 1, __ATOMIC_SEQ_CST);
	if (starts_with(url, "/api/")) {
		dd_sb_online_error(resp, 503, "Service Unavailable: too many requests", 503);
	} else {
		dd_sb_reply_bytes(resp, 429, "text/plain", NULL, 0);
		resp->envoy_limited = 1;
	}
	return 1;
}

/* The fail-zone quirk: every Dedibox read in one zone answers 500. */
static int zone_failed(const struct dd_sandbox *sb, const char *url, const char *method,
		       struct dd_sb_resp *resp)
{
	static const char prefix[] = "/dedibox/v1/zones/";
	size_t zl = strlen(sb->fail_zone);

	if (!zl || strcmp(method, "GET") != 0 || !starts_with(url, prefix) ||
	    strncmp(url + sizeof prefix - 1, sb->fail_zone, zl) != 0 ||
	    (url[sizeof prefix - 1 + zl] != '/' && url[sizeof prefix - 1 + zl] != '\0'))
		return 0;
	dd_sb_scw_error(resp, 500, "internal_error", "internal error");
	return 1;
}

/* The slow-pages quirk: a zone's server list pages after the first come
 * late, so what a client shows of the first page alone can be seen. */
static unsigned page_delay(const struct dd_sandbox *sb, struct MHD_Connection *c, const char *url,
			   const char *method)
{
	size_t n = strlen(url);
	const char *page;

	if (!sb->slow_pages_ms || strcmp(method, "GET") != 0 || !starts_with(url, "/dedibox/v1/zones/") ||
	    n < 8 || strcmp(url + n - 8, "/servers") != 0)
		return 0;
	page = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "page");
	return page && strtoul(page, NULL, 10) >= 2 ? sb->slow_pages_ms : 0;
}

/* The fail-online-server quirk: one Online server cannot be read. */
static int online_server_failed(const struct dd_sandbox *sb, const char *url, const char *method,
				struct dd_sb_resp *resp)
{
	if (!sb->fail_online[0] || strcmp(method, "GET") != 0 || strcmp(url, sb->fail_online) != 0)
		return 0;
	dd_sb_online_error(resp, 500, "Internal error", 500);
	return 1;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_size, void **con_cls)
{
	struct dd_sandbox *sb = cls;
	struct conn_ctx *cx = *con_cls;
	if (!cx) {
		cx = calloc(1, sizeof *cx);
		if (!cx)
			return MHD_NO;
		*con_cls = cx;
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > DD_SB_BODY_MAX) {
			cx->too_large = 1;
			return too_large(c);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!cx->too_large && cx->len + *upload_size <= DD_SB_BODY_MAX) {
			if (cx->len + *upload_size + 1 > cx->cap) {
				size_t cap = cx->cap ? cx->cap : 4096;
				while (cap < cx->len + *upload_size + 1)
					cap *= 2;
				char *p = realloc(cx->body, cap);
				if (!p)
					return MHD_NO;
				cx->body = p;
				cx->cap = cap;
			}
			memcpy(cx->body + cx->len, upload_data, *upload_size);
			cx->len += *upload_size;
			cx->body[cx->len] = '\0';
		} else if (!cx->too_large) {
			cx->too_large = 1;
			*upload_size = 0;
			return too_large(c);
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (cx->too_large)
		return MHD_YES;
	struct dd_sb_resp resp = { 0 };
	if (starts_with(url, "/__sandbox/")) {
		admin(sb, c, url, method, &resp);
		return send_resp(c, &resp);
	}
	size_t slot = method_slot(method);
	__atomic_add_fetch(&sb->counts[slot], 1, __ATOMIC_SEQ_CST);
	if (slot >= 2 && slot <= 5)
		record_write(sb, c, url, method, cx);
	enter(sb);
	struct dd_sb_fault ft = { 0 };
	int fault = dd_sb_faults_take(sb->faults, c, method, url, &ft), how = 0;
	if (fault)
		how = dd_sb_fault_before(sb->faults, &ft, url, &resp);
	if (how == 0 && !rate_limited(sb, url, slot >= 2 && slot <= 5, &resp) &&
	    !zone_failed(sb, url, method, &resp) && !online_server_failed(sb, url, method, &resp))
		route(sb, c, url, method, cx, &resp);
	dd_sb_fault_done();
	if (fault && how == 0)
		how = dd_sb_fault_after(&ft, &resp);
	write_stats_file(sb);
	if (how < 0 || (slot >= 2 && slot <= 5 && take_cut(sb))) {
		/* The change is made (or a fault closes first); the client gets
		 * no answer (MHD closes). */
		if (how == 0)
			__atomic_add_fetch(&sb->cut, 1, __ATOMIC_SEQ_CST);
		__atomic_sub_fetch(&sb->in_flight, 1, __ATOMIC_SEQ_CST);
		write_stats_file(sb);
		free(resp.body);
		return MHD_NO;
	}
	if (sb->latency_ms || sb->slow_pages_ms)
		sleep_ms(sb->latency_ms + page_delay(sb, c, url, method));
	cx->counted = 1;
	__atomic_sub_fetch(&sb->in_flight, 1, __ATOMIC_SEQ_CST);
	return send_fault_resp(c, &resp, fault ? &ft : NULL);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct dd_sandbox *sb = cls;
	struct conn_ctx *cx = *con_cls;
	if (cx && cx->counted && toe == MHD_REQUEST_TERMINATED_COMPLETED_OK) {
		__atomic_add_fetch(&sb->served, 1, __ATOMIC_SEQ_CST);
		write_stats_file(sb);
	}
	if (cx) {
		free(cx->body);
		free(cx);
		*con_cls = NULL;
	}
}

static char *dup_or(const char *v, const char *dflt)
{
	return strdup(v ? v : dflt);
}

struct dd_sandbox *dd_sandbox_start(const struct dd_sandbox_opts *opts, char *err, size_t errlen)
{
	struct dd_sandbox_opts o = { 0 };
	if (opts)
		o = *opts;
	if (o.seed == 0)
		o.seed = 1;
	if (o.servers > 100000) {
		snprintf(err, errlen, "the sandbox holds at most 100000 servers (asked for %u)", o.servers);
		return NULL;
	}
	struct dd_sandbox *sb = calloc(1, sizeof *sb);
	if (!sb) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	sb->latency_ms = o.latency_ms;
	sb->cut_writes = o.cut_writes;
	sb->rate_limit = o.rate_limit;
	sb->rate_limit_writes = o.rate_limit_writes;
	snprintf(sb->fail_zone, sizeof sb->fail_zone, "%s", o.fail_zone ? o.fail_zone : "");
	sb->slow_pages_ms = o.slow_pages_ms;
	if (o.fail_online_server)
		snprintf(sb->fail_online, sizeof sb->fail_online, "/api/v1/server/%u", (unsigned)o.fail_online_server);
	pthread_mutex_init(&sb->stats_lock, NULL);
	pthread_mutex_init(&sb->write_lock, NULL);
	if (o.stats_path && !(sb->stats_path = strdup(o.stats_path))) {
		snprintf(err, errlen, "out of memory");
		free(sb);
		return NULL;
	}
	sb->iam_member = o.iam_member;
	sb->quirks = o.quirks;
	sb->no_page_cache = o.no_page_cache;
	sb->faults = dd_sb_faults_new();
	if (!sb->faults || (o.faults && dd_sb_faults_set(sb->faults, o.faults, err, errlen) < 0)) {
		if (!sb->faults)
			snprintf(err, errlen, "out of memory");
		dd_sandbox_stop(sb);
		return NULL;
	}
	if (o.time_scale_milli)
		dd_sb_clock_set_scale(o.time_scale_milli);
	sb->access_key = dup_or(o.access_key, DD_SANDBOX_ACCESS_KEY);
	sb->secret_key = dup_or(o.secret_key, DD_SANDBOX_SECRET_KEY);
	sb->online_token = dup_or(o.online_token, DD_SANDBOX_ONLINE_TOKEN);
	/* no-servers: neither side has a server (linking cannot be decided) */
	sb->world = dd_sb_world_new(o.seed, o.scenario == DD_SB_SCN_NO_SERVERS ? 0
					    : (o.servers || o.servers_set) ? o.servers : 24, o.hostile);
	if (sb->world) {
		sb->world->ip_shuffle = o.ip_shuffle;
		sb->world->scenario = o.scenario;
	}
	if (!sb->access_key || !sb->secret_key || !sb->online_token || !sb->world) {
		snprintf(err, errlen, "out of memory while building the sandbox world");
		dd_sandbox_stop(sb);
		return NULL;
	}
	if (o.invoices && dd_sb_dedibox_invoices_plan(sb->world, o.invoices, err, errlen) < 0) {
		dd_sandbox_stop(sb);
		return NULL;
	}
	/* The list items are written once before the first client comes, as a
	 * real API has its pages ready: the first listing of a benchmark then
	 * measures the client, not the sandbox building 10,000 items. */
	if (!o.no_page_cache) {
		pthread_rwlock_rdlock(&sb->world->lock);
		for (size_t i = 0; i < sb->world->nservers; i++) {
			size_t len;
			(void)dd_sb_server_summary_text(sb->world, &sb->world->servers[i], &len);
		}
		pthread_rwlock_unlock(&sb->world->lock);
	}
	struct sockaddr_in sa = { 0 };
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)o.port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sb->daemon = MHD_start_daemon(
		MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ITC,
		(uint16_t)o.port, NULL, NULL, on_request, sb,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, sb,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)512,
		MHD_OPTION_END);
	if (!sb->daemon) {
		snprintf(err, errlen, "cannot listen on 127.0.0.1:%u (port in use?)", o.port);
		dd_sandbox_stop(sb);
		return NULL;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(sb->daemon, MHD_DAEMON_INFO_BIND_PORT);
	snprintf(sb->url, sizeof sb->url, "http://127.0.0.1:%u", info ? (unsigned)info->port : o.port);
	write_stats_file(sb);
	return sb;
}

const char *dd_sandbox_url(const struct dd_sandbox *sb)
{
	return sb->url;
}

void dd_sandbox_stop(struct dd_sandbox *sb)
{
	if (!sb)
		return;
	dd_sb_faults_stop(sb->faults);
	if (sb->daemon)
		MHD_stop_daemon(sb->daemon);
	dd_sb_faults_free(sb->faults);
	dd_sb_world_free(sb->world);
	free(sb->access_key);
	free(sb->secret_key);
	free(sb->online_token);
	free(sb->stats_path);
	pthread_mutex_destroy(&sb->stats_lock);
	json_decref(sb->last_write);
	pthread_mutex_destroy(&sb->write_lock);
	free(sb);
}
