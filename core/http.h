/* Asynchronous HTTP over one libcurl multi handle. Never blocks: requests
 * are queued, dd_http_poll() waits on the sockets (and one extra fd, the
 * terminal) and runs completion callbacks. Reads (GET/HEAD) are retried on
 * transient failures with backoff and Retry-After; writes never are. */
#ifndef DD_HTTP_H
#define DD_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

struct dd_http;

enum dd_http_method { DD_GET, DD_HEAD, DD_POST, DD_PUT, DD_PATCH, DD_DELETE };

/* Words a refusal (status outside 2xx) into err: the API's own error
 * format is known by the caller (core/request), not by the transport. */
typedef void (*dd_http_refusal_fn)(int status, const char *body, size_t len,
				   long retry_after_s, struct dd_error *err);

struct dd_http_opts {
	long connect_timeout_ms; /* default 10000 */
	long total_timeout_ms;   /* per attempt, default 60000 */
	size_t max_body;         /* cap over every response, default 64 MiB */
	int max_retries;         /* for reads, default 4 */
	long max_backoff_ms;     /* cap on one wait, default 30000 */
	int max_parallel;        /* transfers at once, default 16 */
	long stall_s;            /* no byte for this long: abandoned, default 15 */
	uint64_t jitter_seed;    /* 0: random jitter; else a fixed schedule (tests) */
};

struct dd_http_req {
	enum dd_http_method method;
	const char *url;          /* full URL, copied */
	const char *body;         /* may be NULL, copied */
	size_t body_len;
	const char *content_type; /* e.g. "application/json" */
	const char *auth_name;    /* the header that carries the credential */
	const char *auth_prefix;  /* put before the value ("Bearer "), may be NULL */
	const char *auth_value;   /* secret: copied to locked memory, wiped */
	dd_http_refusal_fn refusal; /* NULL: "HTTP <status>" */
	size_t max_body;          /* decoded size cap; 0: DD_HTTP_PAGE_MAX */
	const char *extra_header; /* NULL, or one more "Name: value" line (core/request builds it), copied */
	bool not_modified_ok;     /* a conditional read: 304 is an answer (empty body), not a refusal */
};

/* A JSON page of any API fits well under this once decoded; a gzip of
 * repeated "{}," must not grow past it (compression bombs). */
#define DD_HTTP_PAGE_MAX ((size_t)8 << 20)
/* A downloaded file (an invoice PDF). */
#define DD_HTTP_FILE_MAX ((size_t)64 << 20)

struct dd_http_resp {
	int status;
	const char *body;         /* NUL-terminated; borrowed for the callback */
	size_t body_len;
	long long total_count;    /* X-Total-Count header, -1 if absent */
	const char *content_type; /* borrowed, may be "" */
	const char *url;          /* the request's URL, borrowed */
	long long date;           /* the Date header (epoch seconds): the API's clock; -1 if absent */
	const char *etag;         /* the ETag header, borrowed; "" if absent or too long */
};

/* Called once per request. On failure err->kind != DD_OK and resp may be
 * NULL (transport error) or carry the refused response. */
typedef void (*dd_http_cb)(void *ud, const struct dd_http_resp *resp,
			   const struct dd_error *err);

struct dd_http *dd_http_new(const struct dd_http_opts *opts, struct dd_error *err);
void dd_http_free(struct dd_http *h);
/* Transfers at once (the connection limit): loaders size their windows
 * by it, so a limit of 1 really reads one request after the other. */
int dd_http_max_parallel(const struct dd_http *h);

/* Queues a request. Returns a request id (> 0), or 0 with err filled. The
 * callback never runs from inside dd_http_send. */
uint64_t dd_http_send(struct dd_http *h, const struct dd_http_req *req,
		      dd_http_cb cb, void *ud, struct dd_error *err);
/* A timer on the same loop: cb runs once, ms from now, with resp NULL
 * and err DD_OK (or "cancelled" by dd_http_cancel). It counts as in
 * flight, so dd_http_run waits for it and the console keeps drawing
 * meanwhile. Returns its id, 0 with err on ENOMEM. */
uint64_t dd_http_after(struct dd_http *h, long ms, dd_http_cb cb, void *ud, struct dd_error *err);
/* Drops a request; its callback runs with a DD_E_NETWORK "cancelled". */
void dd_http_cancel(struct dd_http *h, uint64_t id);
void dd_http_cancel_all(struct dd_http *h);

/* Waits up to timeout_ms for network activity or for extra_fd (-1: none)
 * to become readable, then advances transfers and runs callbacks. Sets
 * *extra_ready when extra_fd is readable. Returns requests still in flight. */
size_t dd_http_poll(struct dd_http *h, int extra_fd, int timeout_ms, bool *extra_ready);
/* Runs dd_http_poll until nothing is in flight (the cli's loop). */
void dd_http_run(struct dd_http *h);
/* Makes a concurrent dd_http_poll return early (safe from a signal handler
 * or another thread). */
void dd_http_wakeup(struct dd_http *h);

size_t dd_http_in_flight(const struct dd_http *h);
/* Milliseconds until the next retry timer fires, -1 if none. */
long dd_http_next_timer_ms(const struct dd_http *h);

const char *dd_http_method_name(enum dd_http_method m);

/* Told each time a read waits before its next try ("api.example: rate
 * limited, retrying in 4 s"): the commands print it on stderr, so a wait
 * never looks like a hang. NULL: nobody is told. */
typedef void (*dd_http_notice_fn)(void *ud, const char *msg);
void dd_http_set_notice(struct dd_http *h, dd_http_notice_fn fn, void *ud);
/* What the user waits for right now, for a status line: "api.example:
 * rate limited, retrying in 4 s", or "waiting for api.example: 12 s" when
 * a transfer has run 1 s or more; "" when nothing is slow. */
void dd_http_wait_text(const struct dd_http *h, char *buf, size_t n);

#endif
