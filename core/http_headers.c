/* What the answer's headers say (the total of a listing, Retry-After,
 * Date, the content type) and the words of a wait: "rate limited,
 * retrying in N s", "waiting for HOST". The transfers themselves are
 * core/http.c's. */
#include "core/http_int.h"
#include "core/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

size_t dd_http_on_header(char *data, size_t size, size_t nmemb, void *ud)
{
	struct req *r = ud;
	size_t n = size * nmemb;
	char line[256];
	size_t k = n < sizeof(line) - 1 ? n : sizeof(line) - 1;
	char *colon, *v;

	memcpy(line, data, k);
	line[k] = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	if (strncmp(line, "HTTP/", 5) == 0) {
		/* A new response (after 100 Continue): forget the old headers. */
		r->total_count = -1;
		r->retry_after_s = -1;
		r->date = -1;
		r->etag[0] = '\0';
		r->content_type[0] = '\0';
		return n;
	}
	colon = strchr(line, ':');
	if (!colon)
		return n;
	*colon = '\0';
	v = colon + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	if (strcasecmp(line, "x-total-count") == 0) {
		char *end;
		long long t = strtoll(v, &end, 10);
		if (end != v && *end == '\0' && t >= 0)
			r->total_count = t;
	} else if (strcasecmp(line, "retry-after") == 0) {
		r->retry_after_s = dd_retry_after_parse(v, (int64_t)time(NULL));
	} else if (strcasecmp(line, "date") == 0) {
		struct tm tm;
		const char *end;
		memset(&tm, 0, sizeof(tm));
		end = strptime(v, "%a, %d %b %Y %H:%M:%S GMT", &tm);
		r->date = end && !*end ? (long long)timegm(&tm) : -1;
	} else if (strcasecmp(line, "etag") == 0) {
		if (snprintf(r->etag, sizeof(r->etag), "%s", v) >= (int)sizeof(r->etag))
			r->etag[0] = '\0';
	} else if (strcasecmp(line, "content-type") == 0) {
		snprintf(r->content_type, sizeof(r->content_type), "%s", v);
	}
	return n;
}

int dd_http_rate_limit_status(long status)
{
	/* Scaleway's edge answers 429; Online's answers 503 to a client
	 * that polls too often. */
	return status == 429 || status == 503;
}

/* A read will be tried again after wait_ms: the host's budget is held
 * when it refused for too many requests, and the user is told. */
void dd_http_schedule_retry(struct dd_http *h, struct req *r, long status, long long wait_ms,
			    const struct dd_error *why)
{
	char msg[640];
	long long secs = (wait_ms + 999) / 1000;

	r->attempt++;
	r->state = REQ_WAITING;
	r->retry_at = dd_http_now_ms() + wait_ms;
	if (dd_http_rate_limit_status(status))
		dd_ratelimit_hold(&h->rl, r->host, r->retry_at);
	if (!h->notice)
		return;
	if (dd_http_rate_limit_status(status))
		snprintf(msg, sizeof(msg), _("%s: rate limited, retrying in %lld s"), r->host, secs);
	else
		snprintf(msg, sizeof(msg), _("%s; retrying in %lld s"), why->message, secs);
	h->notice(h->notice_ud, msg);
}

void dd_http_set_notice(struct dd_http *h, dd_http_notice_fn fn, void *ud)
{
	h->notice = fn;
	h->notice_ud = ud;
}

void dd_http_wait_text(const struct dd_http *h, char *buf, size_t n)
{
	long long now = dd_http_now_ms(), held = 0, oldest = 0;
	const char *held_host = NULL, *slow_host = NULL;

	if (!n)
		return;
	buf[0] = '\0';
	for (const struct req *r = h->reqs; r; r = r->next) {
		long long u;
		if (r->timer)
			continue;
		u = dd_ratelimit_until(&h->rl, r->host, now);
		if (u > held) {
			held = u;
			held_host = r->host;
		}
		if (r->state == REQ_RUNNING && (!slow_host || r->started_ms < oldest)) {
			oldest = r->started_ms;
			slow_host = r->host;
		}
	}
	if (held_host)
		snprintf(buf, n, _("%s: rate limited, retrying in %lld s"), held_host, (held - now + 999) / 1000);
	else if (slow_host && now - oldest >= 1000)
		snprintf(buf, n, _("waiting for %s: %lld s"), slow_host, (now - oldest) / 1000);
}
