/* The transfer engine: a libcurl multi handle, its timers, retries of
 * reads, stalls and the body cap. What the answer's headers say and the
 * words of a wait are in core/http_headers.c; what a failed transfer is
 * called and whether a read may try again, in core/http_fail.c. */
#include "core/http.h"
#include "core/i18n.h"

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "core/http_int.h"
#include "core/ratelimit.h"

const char *dd_http_method_name(enum dd_http_method m)
{
	static const char *const names[] = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE" };
	return (unsigned)m < 6 ? names[m] : "GET";
}

struct dd_http *dd_http_new(const struct dd_http_opts *opts, struct dd_error *err)
{
	static int global_done;
	struct dd_http *h;

	if (!global_done) {
		/* libcurl's TLS backend reads SSLKEYLOGFILE when it starts and
		 * would write every session key to that file: no dedi session
		 * is meant to be decrypted by a bystander. */
		unsetenv("SSLKEYLOGFILE");
		/* Secrets pass through sodium_malloc'd buffers. */
		CURLcode gc = CURLE_FAILED_INIT;

		if (sodium_init() < 0 || (gc = curl_global_init(CURL_GLOBAL_DEFAULT)) != CURLE_OK) {
			if (gc == CURLE_OUT_OF_MEMORY)
				dd_error_oom(err);
			else
				dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("libcurl could not start"));
			return NULL;
		}
		global_done = 1;
	}
	h = calloc(1, sizeof(*h));
	if (!h) {
		dd_error_oom(err);
		return NULL;
	}
	h->o.connect_timeout_ms = 10000;
	h->o.total_timeout_ms = 60000;
	h->o.max_body = 64u << 20;
	h->o.max_retries = 4;
	h->o.max_backoff_ms = 30000;
	h->o.max_parallel = 16;
	h->o.stall_s = 15;
	if (opts) {
		if (opts->stall_s > 0) h->o.stall_s = opts->stall_s;
		if (opts->connect_timeout_ms > 0) h->o.connect_timeout_ms = opts->connect_timeout_ms;
		if (opts->total_timeout_ms > 0) h->o.total_timeout_ms = opts->total_timeout_ms;
		if (opts->max_body > 0) h->o.max_body = opts->max_body;
		if (opts->max_retries >= 0) h->o.max_retries = opts->max_retries;
		if (opts->max_backoff_ms > 0) h->o.max_backoff_ms = opts->max_backoff_ms;
		if (opts->max_parallel > 0) h->o.max_parallel = opts->max_parallel;
	}
	/* Once libcurl is started, a NULL handle means memory ran out. */
	h->multi = curl_multi_init();
	if (!h->multi) {
		free(h);
		dd_error_oom(err);
		return NULL;
	}
	curl_multi_setopt(h->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)h->o.max_parallel);
	curl_multi_setopt(h->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)h->o.max_parallel);
	h->next_id = 1;
	dd_backoff_seed(&h->rng, opts ? opts->jitter_seed : 0);
	return h;
}

int dd_http_max_parallel(const struct dd_http *h)
{
	return h->o.max_parallel;
}

/* Header lists hold the auth secret: wipe before libcurl frees them. */
static void free_hdrs(struct curl_slist *l)
{
	for (struct curl_slist *p = l; p; p = p->next)
		if (p->data)
			sodium_memzero(p->data, strlen(p->data));
	curl_slist_free_all(l);
}

static void req_free(struct req *r)
{
	if (r->easy) {
		curl_multi_remove_handle(r->h->multi, r->easy);
		curl_easy_cleanup(r->easy);
	}
	free_hdrs(r->hdrs);
	free(r->url);
	if (r->body) {
		sodium_memzero(r->body, r->body_len);
		free(r->body);
	}
	free(r->buf);
	free(r);
}

static void unlink_req(struct dd_http *h, struct req *r)
{
	for (struct req **pp = &h->reqs; *pp; pp = &(*pp)->next) {
		if (*pp == r) {
			*pp = r->next;
			h->n--;
			return;
		}
	}
}

void dd_http_free(struct dd_http *h)
{
	if (!h)
		return;
	while (h->reqs) {
		struct req *r = h->reqs;
		h->reqs = r->next;
		req_free(r);
	}
	curl_multi_cleanup(h->multi);
	for (size_t i = 0; i < h->nsecrets; i++)
		sodium_free(h->secrets[i]);
	free(h->secrets);
	if (h->line)
		sodium_free(h->line);
	free(h);
}

/* h's locked copy of a credential, made at its first request; NULL on
 * ENOMEM. */
static const char *secret_copy(struct dd_http *h, const char *value)
{
	size_t n = strlen(value) + 1;
	char **v, *s;

	for (size_t i = 0; i < h->nsecrets; i++)
		if (strcmp(h->secrets[i], value) == 0)
			return h->secrets[i];
	v = realloc(h->secrets, (h->nsecrets + 1) * sizeof(*v));
	if (!v)
		return NULL;
	h->secrets = v;
	if (!(s = sodium_malloc(n)))
		return NULL;
	memcpy(s, value, n);
	return h->secrets[h->nsecrets++] = s;
}

/* h's locked scratch, n bytes at least; NULL on ENOMEM. */
static char *line_scratch(struct dd_http *h, size_t n)
{
	if (n > h->line_cap) {
		if (h->line)
			sodium_free(h->line);
		h->line_cap = 0;
		if (!(h->line = sodium_malloc(n < 512 ? 512 : n)))
			return NULL;
		h->line_cap = n < 512 ? 512 : n;
	}
	return h->line;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *ud)
{
	struct req *r = ud;
	size_t n = size * nmemb;

	/* Counted after decoding: libcurl hands us inflated bytes. */
	if (n > r->max_body || r->len + n > r->max_body) {
		r->too_big = 1;
		return 0;
	}
	if (r->len + n + 1 > r->cap) {
		size_t cap = r->cap ? r->cap : 16384;
		curl_off_t cl = -1;
		char *p;

		/* The announced length first (a page of 100 servers is 130 KB):
		 * doubling from 16 KiB copied the body three times into fresh
		 * pages. Only a hint: a compressed body inflates past it, a
		 * lying one is still held to max_body. */
		if (!r->cap && curl_easy_getinfo(r->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl) == CURLE_OK &&
		    cl > (curl_off_t)cap && (uint64_t)cl < r->max_body)
			cap = (size_t)cl + 1;
		while (cap < r->len + n + 1)
			cap *= 2;
		p = realloc(r->buf, cap);
		if (!p) {
			r->no_memory = 1;
			return 0;
		}
		r->buf = p;
		r->cap = cap;
	}
	memcpy(r->buf + r->len, data, n);
	r->len += n;
	r->buf[r->len] = '\0';
	return n;
}

/* The host libcurl will connect to, parsed by libcurl itself: a hand
 * parse would take "http://127.0.0.1:x@evil.example/" for loopback.
 * -1 when memory ran out before the host was known: neither answer. */
static int is_loopback_url(const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL;
	CURLUcode uc;
	int yes = 0;

	if (!u)
		return -1;
	uc = curl_url_set(u, CURLUPART_URL, url, 0);
	if (uc == CURLUE_OK)
		uc = curl_url_get(u, CURLUPART_HOST, &host, 0);
	if (uc == CURLUE_OUT_OF_MEMORY)
		yes = -1;
	else if (uc == CURLUE_OK && host)
		yes = strcmp(host, "127.0.0.1") == 0 || strcasecmp(host, "localhost") == 0 ||
		      strcmp(host, "[::1]") == 0;
	curl_free(host);
	curl_url_cleanup(u);
	return yes;
}

static int setup_easy(struct req *r, struct dd_error *err)
{
	CURL *e = curl_easy_init();
	struct dd_http *h = r->h;
	int copied = CURLE_OK;

	/* libcurl is started (dd_http_new): only memory can be missing. */
	if (!e)
		return dd_error_oom(err);
	r->easy = e;
	/* The options libcurl copies can fail for memory; one ignored would
	 * send without a URL, with a proxy, or a DELETE as a POST. */
	copied |= curl_easy_setopt(e, CURLOPT_URL, r->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, r);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	copied |= curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	/* Plain http is allowed only because it stays on this machine; a
	 * proxy from http_proxy would carry the token off it in clear. */
	if (strncmp(r->url, "http://", 7) == 0)
		copied |= curl_easy_setopt(e, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	/* A private CA (a company's TLS-inspecting proxy, a test) comes from
	 * the variables curl's and OpenSSL's tools read; it adds a trust
	 * anchor, nothing turns verification off. */
	const char *ca = getenv("CURL_CA_BUNDLE");

	if (!ca || !*ca)
		ca = getenv("SSL_CERT_FILE");
	if (ca && *ca)
		copied |= curl_easy_setopt(e, CURLOPT_CAINFO, ca);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, h->o.connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, h->o.total_timeout_ms);
	/* A transfer that moves slowly may take the whole total; one that
	 * sends nothing at all for stall_s is abandoned sooner. */
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, h->o.stall_s);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)r->max_body);
	copied |= curl_easy_setopt(e, CURLOPT_USERAGENT, "dedi/" PACKAGE_VERSION);
	copied |= curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, dd_http_on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, r->hdrs);
	switch (r->method) {
	case DD_GET:
		break;
	case DD_HEAD:
		curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
		break;
	default:
		/* libcurl silently resends a request whose reused connection
		 * closed before any answer: a write must leave exactly once. */
		curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
		copied |= curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, dd_http_method_name(r->method));
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, r->body ? r->body : "");
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)r->body_len);
		break;
	}
	/* Each of those returns OK or CURLE_OUT_OF_MEMORY (the values are
	 * constants or were checked): any bit set is memory. */
	if (copied != CURLE_OK)
		return dd_error_oom(err);
	return 0;
}

static int start(struct req *r, struct dd_error *err);

/* A host that asked us to slow down gets nothing before its wait is over,
 * from any view: the request waits its turn without counting a try. */
static int start_or_hold(struct req *r, struct dd_error *err)
{
	long long until = dd_ratelimit_until(&r->h->rl, r->host, dd_http_now_ms());

	if (until) {
		r->state = REQ_WAITING;
		r->retry_at = until;
		return 0;
	}
	return start(r, err);
}

static int start(struct req *r, struct dd_error *err)
{
	r->len = 0;
	r->too_big = 0;
	r->no_memory = 0;
	r->total_count = -1;
	r->retry_after_s = -1;
	r->date = -1;
	r->etag[0] = '\0';
	r->content_type[0] = '\0';
	if (r->buf)
		r->buf[0] = '\0';
	CURLMcode mc = curl_multi_add_handle(r->h->multi, r->easy);

	if (mc == CURLM_OUT_OF_MEMORY)
		return dd_error_oom(err);
	if (mc != CURLM_OK)
		return dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("libcurl refused a transfer"));
	r->state = REQ_RUNNING;
	r->started_ms = dd_http_now_ms();
	return 0;
}

uint64_t dd_http_send(struct dd_http *h, const struct dd_http_req *q, dd_http_cb cb,
		      void *ud, struct dd_error *err)
{
	struct req *r;
	int loopback;

	if (!q->url || (strncmp(q->url, "https://", 8) != 0 && strncmp(q->url, "http://", 7) != 0)) {
		dd_error_set(err, DD_E_USAGE, 0, NULL, _("API URL must start with https:// (got \"%.80s\")"),
			     q->url ? q->url : "");
		return 0;
	}
	/* Secrets never cross a network in clear text; plain http is only
	 * for the local sandbox. */
	if (q->auth_value && strncmp(q->url, "http://", 7) == 0 &&
	    (loopback = is_loopback_url(q->url)) != 1) {
		if (loopback < 0)
			dd_error_oom(err);
		else
			dd_error_set(err, DD_E_USAGE, 0, NULL,
				     _("refusing to send credentials over plain http to a remote host; use an https:// API URL"));
		return 0;
	}
	r = calloc(1, sizeof(*r));
	if (!r)
		goto oom;
	r->h = h;
	r->method = q->method;
	r->refusal = q->refusal;
	r->not_modified_ok = q->not_modified_ok;
	r->max_body = q->max_body ? q->max_body : DD_HTTP_PAGE_MAX;
	if (r->max_body > h->o.max_body)
		r->max_body = h->o.max_body;
	r->cb = cb;
	r->ud = ud;
	r->url = strdup(q->url);
	if (!r->url)
		goto oom;
	if (q->body) {
		r->body = malloc(q->body_len + 1);
		if (!r->body)
			goto oom;
		memcpy(r->body, q->body, q->body_len);
		r->body[q->body_len] = '\0';
		r->body_len = q->body_len;
	}
	{
		struct curl_slist *l = curl_slist_append(NULL, "Accept: application/json");
		if (!l)
			goto oom;
		r->hdrs = l;
		if (q->content_type) {
			char ct[160];
			snprintf(ct, sizeof(ct), "Content-Type: %s", q->content_type);
			if (!(l = curl_slist_append(r->hdrs, ct)))
				goto oom;
		}
		/* An empty Expect: saves a round trip on bodies over 1 KiB. */
		if (!(l = curl_slist_append(r->hdrs, "Expect:")))
			goto oom;
		if (q->extra_header && !(l = curl_slist_append(r->hdrs, q->extra_header)))
			goto oom;
		if (q->auth_name && q->auth_value) {
			const char *pre = q->auth_prefix ? q->auth_prefix : "";
			size_t n = strlen(q->auth_name) + strlen(pre) + strlen(q->auth_value) + 3;
			char *line = line_scratch(h, n);
			if (!line)
				goto oom;
			if (strlen(q->auth_value) >= 8 && !(r->secret = secret_copy(h, q->auth_value)))
				goto oom;
			snprintf(line, n, "%s: %s%s", q->auth_name, pre, q->auth_value);
			l = curl_slist_append(r->hdrs, line);
			sodium_memzero(line, n);
			if (!l)
				goto oom;
		}
	}
	dd_ratelimit_host(r->url, r->host, sizeof(r->host));
	if (setup_easy(r, err) < 0 || start_or_hold(r, err) < 0) {
		req_free(r);
		return 0;
	}
	r->id = h->next_id++;
	r->next = h->reqs;
	h->reqs = r;
	h->n++;
	return r->id;
oom:
	if (r)
		req_free(r);
	dd_error_oom(err);
	return 0;
}

static void finish_later(struct req *r, const struct dd_error *why)
{
	if (r->state == REQ_RUNNING)
		curl_multi_remove_handle(r->h->multi, r->easy);
	r->state = REQ_FINISHED;
	r->fail = *why;
}

void dd_http_cancel(struct dd_http *h, uint64_t id)
{
	struct dd_error e;

	dd_error_set(&e, DD_E_NETWORK, 0, "cancelled", _("request cancelled"));
	for (struct req *r = h->reqs; r; r = r->next)
		if (r->id == id && r->state != REQ_FINISHED)
			finish_later(r, &e);
}

void dd_http_cancel_all(struct dd_http *h)
{
	struct dd_error e;

	dd_error_set(&e, DD_E_NETWORK, 0, "cancelled", _("request cancelled"));
	for (struct req *r = h->reqs; r; r = r->next)
		if (r->state != REQ_FINISHED)
			finish_later(r, &e);
}

size_t dd_http_in_flight(const struct dd_http *h)
{
	return h->n;
}

long dd_http_next_timer_ms(const struct dd_http *h)
{
	long long best = -1, now = dd_http_now_ms();

	for (const struct req *r = h->reqs; r; r = r->next) {
		if (r->state == REQ_FINISHED)
			return 0;
		if (r->state == REQ_WAITING) {
			long long d = r->retry_at > now ? r->retry_at - now : 0;
			if (best < 0 || d < best)
				best = d;
		}
	}
	return (long)best;
}

void dd_http_wakeup(struct dd_http *h)
{
	curl_multi_wakeup(h->multi);
}

static int is_read(enum dd_http_method m)
{
	return m == DD_GET || m == DD_HEAD;
}

/* Every occurrence of secret in s becomes stars of the same length. */
static void redact(char *s, size_t len, const char *secret)
{
	size_t k = strlen(secret);

	if (!s || k == 0)
		return;
	for (size_t i = 0; i + k <= len; i++)
		if (s[i] == secret[0] && memcmp(s + i, secret, k) == 0) {
			memset(s + i, '*', k);
			i += k - 1;
		}
}

static void complete(struct dd_http *h, struct req *r, const struct dd_error *err)
{
	struct dd_http_resp resp;
	int have_resp = 0;
	long status = 0;

	unlink_req(h, r);
	if (r->easy)
		curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &status);
	if (status > 0 && (!err || err->kind != DD_E_NETWORK)) {
		resp.status = (int)status;
		resp.body = r->buf ? r->buf : "";
		resp.body_len = r->len;
		resp.total_count = r->total_count;
		resp.date = r->date;
		resp.etag = r->etag;
		resp.content_type = r->content_type;
		resp.url = r->url;
		have_resp = 1;
	}
	if (r->cb) {
		struct dd_error ok;
		dd_error_clear(&ok);
		r->cb(r->ud, have_resp ? &resp : NULL, err ? err : &ok);
	}
	req_free(r);
}

/* A transfer ended: complete it, or schedule a retry for a read. */
static void on_done(struct dd_http *h, struct req *r, CURLcode code)
{
	struct dd_error e;
	long status = 0;
	int retryable = 0;

	dd_error_clear(&e);
	curl_multi_remove_handle(h->multi, r->easy);
	curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &status);
	if (code == CURLE_FILESIZE_EXCEEDED)
		r->too_big = 1;
	/* A server that echoes the token in a refusal must not get it printed
	 * or written to the audit log: what came back loses the secret. */
	if (r->secret && (status < 200 || status >= 300))
		redact(r->buf, r->len, r->secret);
	if (r->too_big) {
		dd_error_set(&e, DD_E_API, (int)status, NULL,
			     _("the answer from %.120s is larger than the %zu KiB limit"), r->url,
			     r->max_body >> 10);
	} else if (r->no_memory) {
		/* libcurl says "failed writing received data": it was memory. */
		dd_error_oom(&e);
	} else if (code != CURLE_OK) {
		dd_http_network_error(r, code, &e);
		retryable = dd_http_transient_curl(code);
		/* A host that hangs once for the whole timeout will likely hang
		 * again: one more try, not four more minutes. */
		if (code == CURLE_OPERATION_TIMEDOUT && r->attempt >= 1)
			retryable = 0;
	} else if (status == 304 && r->not_modified_ok) {
		/* The caller's copy is current: an answer, with no body. */
	} else if (status >= 300 && status < 400) {
		dd_http_redirect_error(r, status, &e);
	} else if (status < 200 || status >= 300) {
		if (r->refusal)
			r->refusal((int)status, r->buf, r->len, r->retry_after_s, &e);
		else if (r->retry_after_s > 0)
			dd_error_set(&e, status == 429 ? DD_E_RATE_LIMIT : DD_E_API, (int)status, NULL,
				     _("the API refused the request: HTTP %ld; it asks to wait %ld s"),
				     status, r->retry_after_s);
		else
			dd_error_set(&e, status == 429 ? DD_E_RATE_LIMIT : DD_E_API, (int)status, NULL,
				     _("the API refused the request: HTTP %ld"), status);
		retryable = dd_http_transient_status((int)status);
	}
	if (e.kind != DD_OK && retryable && is_read(r->method) && r->attempt < h->o.max_retries) {
		dd_http_schedule_retry(h, r, status,
				       dd_backoff_ms(r->attempt, r->retry_after_s, h->o.max_backoff_ms, &h->rng), &e);
		return;
	}
	/* A write refused for too many requests is never sent again, but
	 * the reads behind it wait for the host all the same. */
	if (e.kind != DD_OK && dd_http_rate_limit_status(status))
		dd_ratelimit_hold(&h->rl, r->host,
				  dd_http_now_ms() + dd_backoff_ms(r->attempt, r->retry_after_s, h->o.max_backoff_ms, &h->rng));
	/* A refusal that survived the retries says so: "rate-limited" alone
	 * would read as if dedi had not waited at all. */
	if ((e.kind == DD_E_NETWORK || retryable) && r->attempt > 0)
		dd_error_prefix(&e, _("after %d attempts"), r->attempt + 1);
	if (r->secret)
		redact(e.message, strlen(e.message), r->secret);
	complete(h, r, e.kind == DD_OK ? NULL : &e);
}

static void run_due(struct dd_http *h)
{
	long long now = dd_http_now_ms();
	struct req *r, *next;

	/* Finished (cancelled) first: their callbacks may queue new work. */
	for (r = h->reqs; r; r = next) {
		next = r->next;
		if (r->state == REQ_FINISHED) {
			struct dd_error e = r->fail;
			complete(h, r, &e);
			next = h->reqs; /* the list may have changed under us */
		}
	}
	/* Due timers fire earliest deadline first (then first set): a loop
	 * that was late must not fire a 30 ms timer before a 5 ms one. */
	for (;;) {
		struct req *first = NULL;
		for (r = h->reqs; r; r = r->next)
			if (r->state == REQ_WAITING && r->retry_at <= now && r->timer &&
			    (!first || r->retry_at < first->retry_at ||
			     (r->retry_at == first->retry_at && r->id < first->id)))
				first = r;
		if (!first)
			break;
		complete(h, first, NULL); /* its callback may change the list */
	}
	for (r = h->reqs; r; r = r->next) {
		if (r->state == REQ_WAITING && r->retry_at <= now && !r->timer) {
			struct dd_error e;
			if (start_or_hold(r, &e) < 0)
				finish_later(r, &e);
		}
	}
}

uint64_t dd_http_after(struct dd_http *h, long ms, dd_http_cb cb, void *ud, struct dd_error *err)
{
	struct req *r = calloc(1, sizeof(*r));

	if (!r) {
		dd_error_oom(err);
		return 0;
	}
	r->h = h;
	r->timer = 1;
	r->state = REQ_WAITING;
	/* at least 1 ms: a timer set from a timer's callback waits for the
	 * next turn of the loop instead of firing in the same one */
	r->retry_at = dd_http_now_ms() + (ms > 1 ? ms : 1);
	r->cb = cb;
	r->ud = ud;
	r->id = h->next_id++;
	r->next = h->reqs;
	h->reqs = r;
	h->n++;
	return r->id;
}

size_t dd_http_poll(struct dd_http *h, int extra_fd, int timeout_ms, bool *extra_ready)
{
	struct curl_waitfd wfd = { .fd = extra_fd, .events = CURL_WAIT_POLLIN, .revents = 0 };
	long curl_t = -1, timer;
	int running = 0, wait = timeout_ms, numfds = 0;
	CURLMsg *m;
	int left;

	if (extra_ready)
		*extra_ready = false;
	run_due(h);
	if (h->n == 0 && extra_fd < 0)
		return 0;
	timer = dd_http_next_timer_ms(h);
	if (timer >= 0 && (wait < 0 || timer < wait))
		wait = (int)timer;
	curl_multi_timeout(h->multi, &curl_t);
	if (curl_t >= 0 && (wait < 0 || curl_t < wait))
		wait = (int)curl_t;
	if (wait < 0)
		wait = 1000;
	curl_multi_poll(h->multi, extra_fd >= 0 ? &wfd : NULL, extra_fd >= 0 ? 1 : 0, wait, &numfds);
	if (extra_ready && extra_fd >= 0 && (wfd.revents & (CURL_WAIT_POLLIN | POLLHUP | POLLERR)))
		*extra_ready = true;
	curl_multi_perform(h->multi, &running);

	/* Gather first: callbacks may add or cancel transfers. */
	{
		struct { struct req *r; CURLcode c; } done[64];
		size_t nd;
		do {
			nd = 0;
			while (nd < 64 && (m = curl_multi_info_read(h->multi, &left))) {
				if (m->msg != CURLMSG_DONE)
					continue;
				curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&done[nd].r);
				done[nd].c = m->data.result;
				nd++;
			}
			for (size_t i = 0; i < nd; i++)
				if (done[i].r->state == REQ_RUNNING)
					on_done(h, done[i].r, done[i].c);
		} while (nd == 64);
	}
	run_due(h);
	return h->n;
}

void dd_http_run(struct dd_http *h)
{
	while (h->n > 0)
		dd_http_poll(h, -1, 1000, NULL);
}
