/* Screen test: the console paints the last known fleet from the encrypted
 * cache at once, marked "cached ... ago", and the mark goes when the
 * background refresh lands; a damaged cache is discarded with one line
 * and the servers are read normally; --offline stays on the cache. The
 * sandbox answers slowly (--latency) so the cached paint is seen before
 * the refresh, whatever the machine's load. TAP on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/screen/harness.h"

#define WAIT 30000

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "# %s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
			term_dump(t, #cond);                                   \
			return false;                                          \
		}                                                              \
	} while (0)

static const char *const slow[] = { "--seed", "5", "--servers", "30", "--latency", "1500", NULL };
/* Scaleway alone: three requests, not one per server. */
static const char *const scw_only[] = { "DEDI_ONLINE_TOKEN", NULL };

/* A first console fills the cache (written when its read lands), then quits. */
static bool first_run(struct world *w, struct term *t)
{
	if (term_start(t, w, 24, 80, scw_only, NULL) < 0)
		return false;
	CHECK(term_wait(t, "30 servers loaded", WAIT));
	CHECK(!term_has(t, "cached"));
	term_send(t, "q");
	CHECK(term_wait_exit(t, WAIT));
	term_stop(t);
	return true;
}

static void cache_path(const struct world *w, char *buf, size_t len)
{
	snprintf(buf, len, "%s/cache/dedi/env.cache", w->dir);
}

static bool t_cached_then_fresh(struct world *w, struct term *t)
{
	char path[512];
	struct stat sb;

	if (world_start(w, slow) < 0 || !first_run(w, t))
		return false;
	cache_path(w, path, sizeof(path));
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 07777) == 0600);
	if (term_start(t, w, 24, 80, scw_only, NULL) < 0)
		return false;
	/* The table at once, from the cache, with its mark and age. */
	/* The age is the first run's read, seconds ago on a loaded machine. */
	CHECK(term_wait(t, "Servers  30 servers  cached ", WAIT));
	CHECK(term_has(t, " ago") || term_has(t, "cached just now"));
	CHECK(term_has(t, "Servers as cached "));
	/* Then the read lands and the mark goes. */
	CHECK(term_wait(t, "30 servers loaded", WAIT));
	CHECK(term_wait_gone(t, "cached", WAIT));
	CHECK(term_has(t, "Servers  30 servers"));
	return true;
}

static bool t_damaged_discarded(struct world *w, struct term *t)
{
	char path[512];
	FILE *f;

	if (world_start(w, slow) < 0 || !first_run(w, t))
		return false;
	cache_path(w, path, sizeof(path));
	f = fopen(path, "r+");
	CHECK(f != NULL);
	fseek(f, -20, SEEK_END);
	fputc('!', f);
	fclose(f);
	if (term_start(t, w, 24, 80, scw_only, NULL) < 0)
		return false;
	CHECK(term_wait(t, "discarded the cache of profile env", WAIT));
	CHECK(!term_has(t, "  cached "));
	/* The error stays on the status line; the read goes on under it. */
	CHECK(term_wait(t, "Servers  30 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(!term_has(t, "  cached "));
	return true;
}

static bool t_offline_stays(struct world *w, struct term *t)
{
	static const char *const offline[] = { "--offline", NULL };

	if (world_start(w, slow) < 0 || !first_run(w, t))
		return false;
	if (term_start(t, w, 24, 80, scw_only, offline) < 0)
		return false;
	CHECK(term_wait(t, "Servers  30 servers  cached ", WAIT));
	CHECK(term_wait(t, " (offline)", WAIT));
	CHECK(term_has(t, "Offline: servers as cached "));
	/* r refreshes nothing: nothing is sent, the rows stay. */
	term_send(t, "r");
	CHECK(term_wait(t, "Offline (--offline): nothing is sent", WAIT));
	CHECK(term_has(t, "Servers  30 servers  cached"));
	return true;
}

int main(int argc, char **argv)
{
	static const struct screen_test tests[] = {
		{ "the cached fleet at once, marked, then the refresh takes the mark away",
		  t_cached_then_fresh, 120 },
		{ "a damaged cache is discarded with a line, the servers are read", t_damaged_discarded, 120 },
		{ "--offline: the cache only, marked offline", t_offline_stays, 120 },
	};
	return screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
