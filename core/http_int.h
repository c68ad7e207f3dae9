/* Inside core/http: the request and the transport as its rooms see
 * them (http.c, the transfer engine; http_headers.c, what the answer's
 * headers say and the words of a wait; http_fail.c, what a failed
 * transfer is called). No other room includes this. */
#ifndef DD_HTTP_INT_H
#define DD_HTTP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <curl/curl.h>

#include "core/error.h"
#include "core/http.h"
#include "core/ratelimit.h"

enum req_state { REQ_RUNNING, REQ_WAITING, REQ_FINISHED };

struct req {
	struct req *next;
	struct dd_http *h;
	uint64_t id;
	enum req_state state;
	enum dd_http_method method;
	dd_http_refusal_fn refusal;
	CURL *easy;
	struct curl_slist *hdrs;
	const char *secret;   /* the credential, to redact from what comes back; h's copy */
	char *url;
	char *body;
	size_t body_len;
	dd_http_cb cb;
	void *ud;
	char *buf;            /* response body */
	size_t len, cap;
	size_t max_body;      /* decoded bytes accepted for this request */
	int too_big;
	int no_memory;      /* the body could not grow: the transfer was cut */
	long long total_count;
	long retry_after_s;   /* from the last response, -1 if none */
	long long date;       /* Date header, epoch seconds, -1 if none or unparseable */
	char etag[208];       /* ETag header, "" if none or longer than this */
	bool not_modified_ok; /* a conditional read: 304 is its answer */
	char content_type[128];
	int attempt;
	long long retry_at;   /* monotonic ms, for REQ_WAITING */
	struct dd_error fail; /* for REQ_FINISHED: why */
	int timer;            /* dd_http_after: no transfer, only a wait */
	long long started_ms; /* when the running try began */
	char host[128];       /* the host's budget this request draws on */
};

struct dd_http {
	CURLM *multi;
	struct dd_http_opts o;
	struct req *reqs;
	uint64_t next_id;
	size_t n;
	struct dd_ratelimit rl; /* one budget per API host */
	uint64_t rng;           /* the jitter's state */
	dd_http_notice_fn notice;
	void *notice_ud;
	/* Each credential sent, one locked copy for every request that sends
	 * it, and the locked scratch its header line is written in: a
	 * sodium_malloc is an mmap, an mlock and two faulted pages, too dear
	 * for each of the thousand requests of an Online listing. Wiped and
	 * freed with the transport. */
	char **secrets;
	size_t nsecrets;
	char *line;
	size_t line_cap;
};

static inline long long dd_http_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* libcurl's header callback: X-Total-Count, Retry-After, Date, ETag and
 * Content-Type of the answer into the request (ud). */
size_t dd_http_on_header(char *data, size_t size, size_t nmemb, void *ud);
/* 429 and Online's 503: the host asks for fewer requests. */
int dd_http_rate_limit_status(long status);
/* A read will be tried again after wait_ms: the host's budget is held
 * when it refused for too many requests, and the user is told why. */
void dd_http_schedule_retry(struct dd_http *h, struct req *r, long status, long long wait_ms,
			    const struct dd_error *why);
/* core/http_fail.c: a status or a libcurl code a read may try again. */
int dd_http_transient_status(int status);
int dd_http_transient_curl(CURLcode c);
/* The words of a transfer that failed in libcurl (the host named, a
 * stall told from a slow answer, why a certificate was refused). */
void dd_http_network_error(const struct req *r, CURLcode c, struct dd_error *e);
/* A 3xx: never followed, said plainly. */
void dd_http_redirect_error(const struct req *r, long status, struct dd_error *e);

#endif
