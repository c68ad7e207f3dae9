/* The retry schedule of reads and the request budget of each API host:
 * pure arithmetic, so the schedule is tested without a network. */
#ifndef DD_RATELIMIT_H
#define DD_RATELIMIT_H

#include <stddef.h>
#include <stdint.h>

/* First wait before jitter; each retry doubles it up to the cap. */
#define DD_BACKOFF_BASE_MS 200
/* The default longest wait between two tries of a read, and what an
 * absurd Retry-After (an hour, a date in 2099) is clamped to. */
#define DD_BACKOFF_CAP_MS 30000

/* Seeds the jitter: seed 0 takes one from libsodium, any other value
 * gives the same schedule on every run (DEDI_JITTER_SEED, for tests). */
void dd_backoff_seed(uint64_t *state, uint64_t seed);

/* The wait before retry number attempt+1 (attempt counts from 0).
 * retry_after_s >= 0 is the server's Retry-After, followed but clamped to
 * cap_ms; otherwise an exponential wait, capped, with jitter: a random
 * point of the upper half, so that views retrying together spread out. */
long long dd_backoff_ms(int attempt, long retry_after_s, long long cap_ms, uint64_t *state);

/* Retry-After as sent: whole seconds or an HTTP-date (relative to now, a
 * unix time). -1 when it is neither (negative, garbage); a huge value
 * stays huge (the caller clamps); a date in the past is 0. */
long dd_retry_after_parse(const char *v, int64_t now);

/* One budget per API host, shared by every request to it: after a
 * refusal for too many requests, nothing goes to that host before
 * the wait has passed. */
#define DD_RATELIMIT_HOSTS 8
struct dd_ratelimit {
	struct {
		char host[128];
		long long until_ms;   /* monotonic ms; 0: open */
	} h[DD_RATELIMIT_HOSTS];
};

/* The host part of a URL ("api.example:8443"), into buf. */
void dd_ratelimit_host(const char *url, char *buf, size_t n);
/* Holds host until until_ms (never shortens a hold already longer). */
void dd_ratelimit_hold(struct dd_ratelimit *rl, const char *host, long long until_ms);
/* When host opens again (monotonic ms), 0 when it is open at now_ms. */
long long dd_ratelimit_until(const struct dd_ratelimit *rl, const char *host, long long now_ms);

#endif
