#include "core/ratelimit.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

void dd_backoff_seed(uint64_t *state, uint64_t seed)
{
	if (!seed)
		randombytes_buf(&seed, sizeof(seed));
	*state = seed ? seed : 1;
}

/* splitmix64: enough to spread retries, and reproducible from a seed. */
static uint64_t next_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

long long dd_backoff_ms(int attempt, long retry_after_s, long long cap_ms, uint64_t *state)
{
	long long ms;

	if (cap_ms < 1)
		cap_ms = DD_BACKOFF_CAP_MS;
	if (retry_after_s >= 0) {
		/* Compared in seconds first: seconds * 1000 can overflow. */
		if (retry_after_s > cap_ms / 1000)
			return cap_ms;
		ms = (long long)retry_after_s * 1000;
		return ms < cap_ms ? ms : cap_ms;
	}
	if (attempt < 0)
		attempt = 0;
	ms = (long long)DD_BACKOFF_BASE_MS << (attempt < 20 ? attempt : 20);
	if (ms > cap_ms)
		ms = cap_ms;
	return ms - ms / 2 + (long long)(next_rand(state) % (uint64_t)(ms / 2 + 1));
}

long dd_retry_after_parse(const char *v, int64_t now)
{
	struct tm tm;
	char *end;

	while (*v == ' ' || *v == '\t')
		v++;
	if (isdigit((unsigned char)*v)) {
		long long s;
		errno = 0;
		s = strtoll(v, &end, 10);
		while (*end == ' ' || *end == '\t')
			end++;
		if (*end)
			return -1;
		if (errno == ERANGE || s > LONG_MAX)
			return LONG_MAX;
		return (long)s;
	}
	memset(&tm, 0, sizeof(tm));
	end = strptime(v, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (end && !*end) {
		time_t t = timegm(&tm);
		if (t == (time_t)-1)
			return -1;
		return (int64_t)t > now ? (long)((int64_t)t - now) : 0;
	}
	return -1;
}

void dd_ratelimit_host(const char *url, char *buf, size_t n)
{
	const char *p = strstr(url, "://");

	p = p ? p + 3 : url;
	if (n)
		snprintf(buf, n, "%.*s", (int)strcspn(p, "/?#"), p);
}

void dd_ratelimit_hold(struct dd_ratelimit *rl, const char *host, long long until_ms)
{
	size_t i, oldest = 0;

	for (i = 0; i < DD_RATELIMIT_HOSTS; i++)
		if (rl->h[i].host[0] && strcasecmp(rl->h[i].host, host) == 0)
			break;
	if (i == DD_RATELIMIT_HOSTS) {
		/* A new host takes a free slot, or the one that opens first. */
		for (i = 0; i < DD_RATELIMIT_HOSTS; i++) {
			if (!rl->h[i].host[0])
				break;
			if (rl->h[i].until_ms < rl->h[oldest].until_ms)
				oldest = i;
		}
		if (i == DD_RATELIMIT_HOSTS)
			i = oldest;
		snprintf(rl->h[i].host, sizeof(rl->h[i].host), "%s", host);
		rl->h[i].until_ms = 0;
	}
	if (until_ms > rl->h[i].until_ms)
		rl->h[i].until_ms = until_ms;
}

long long dd_ratelimit_until(const struct dd_ratelimit *rl, const char *host, long long now_ms)
{
	for (size_t i = 0; i < DD_RATELIMIT_HOSTS; i++)
		if (rl->h[i].host[0] && strcasecmp(rl->h[i].host, host) == 0)
			return rl->h[i].until_ms > now_ms ? rl->h[i].until_ms : 0;
	return 0;
}
