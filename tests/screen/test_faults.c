/* Screen test: faults of the network during a refresh (dedi-sandbox
 * --faults, changed at run time). The console names the wait while it
 * lasts, keeps the last good table, and ends with a message; it never
 * empties the list. TAP on stdout. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/screen/harness.h"

#define WAIT 20000

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "# %s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
			term_dump(t, #cond);                                   \
			return false;                                          \
		}                                                              \
	} while (0)

static const char *const world12[] = { "--seed", "25", "--servers", "12", NULL };
/* Scaleway alone; a stall given up after 3 s; Retry-After followed up to 5 s. */
static const char *const env[] = { "DEDI_ONLINE_TOKEN", "DEDI_STALL_SECONDS=3",
				   "DEDI_RETRY_CAP_SECONDS=5", "DEDI_JITTER_SEED=25", NULL };

/* POST /__sandbox/faults?spec=SPEC (SPEC already URL-safe); true on 200. */
static bool set_faults(const struct world *w, const char *spec)
{
	unsigned port = 0;
	struct sockaddr_in sa = { 0 };
	char req[512], resp[64] = "";
	int fd, ok;

	if (sscanf(w->url, "http://127.0.0.1:%u", &port) != 1)
		return false;
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return false;
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	snprintf(req, sizeof(req),
		 "POST /__sandbox/faults?spec=%s HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n", spec);
	ok = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	     write(fd, req, strlen(req)) == (ssize_t)strlen(req) && read(fd, resp, sizeof(resp) - 1) > 0;
	close(fd);
	return ok && strncmp(resp, "HTTP/1.0 200", 12) == 0 ? true : ok && strstr(resp, " 200 ") != NULL;
}

/* The first twelve servers are on screen: the last good table. */
static bool table_whole(const struct term *t)
{
	return term_has(t, "12 servers") && term_has(t, "build.example.org") && term_has(t, "edge-cache");
}

static bool loaded(struct world *w, struct term *t)
{
	if (world_start(w, world12) < 0 || term_start(t, w, 24, 100, env, NULL) < 0)
		return false;
	return term_wait(t, "12 servers", WAIT) && term_wait_idle(t, WAIT) && table_whole(t);
}

static bool t_stall(struct world *w, struct term *t)
{
	CHECK(loaded(w, t));
	CHECK(set_faults(w, "stall@/dedibox/*"));
	term_send(t, "r");
	/* while the host says nothing, the status line names it and counts */
	CHECK(term_wait(t, "waiting for 127.0.0.1:", WAIT));
	CHECK(table_whole(t));
	CHECK(term_wait(t, "stalled: no data for 3 s", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(table_whole(t));
	CHECK(!term_has(t, "no servers"));
	return true;
}

static bool t_rate_limited(struct world *w, struct term *t)
{
	CHECK(loaded(w, t));
	CHECK(set_faults(w, "retry-after=2@/dedibox/*"));
	term_send(t, "r");
	CHECK(term_wait(t, "rate limited, retrying in", WAIT));
	CHECK(table_whole(t));
	CHECK(term_wait(t, "HTTP 429", 4 * WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(table_whole(t));
	return true;
}

static bool t_malformed(struct world *w, struct term *t)
{
	CHECK(loaded(w, t));
	CHECK(set_faults(w, "malformed@/dedibox/*"));
	term_send(t, "r");
	CHECK(term_wait(t, "malformed JSON", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(table_whole(t));
	return true;
}

int main(int argc, char **argv)
{
	static const struct screen_test tests[] = {
		{ "a stalled refresh: the wait named, then the host, the table kept", t_stall, 90 },
		{ "a rate-limited refresh: the wait said, the table kept", t_rate_limited, 120 },
		{ "malformed JSON on refresh: the message, the table kept", t_malformed, 90 },
	};
	return screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
