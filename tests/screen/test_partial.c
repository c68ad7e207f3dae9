/* Screen test: a zone that fails leaves the other zones' servers on the
 * Servers tab, with the missing zone named on the title line; it never
 * empties the console nor passes for the whole fleet. TAP on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/screen/harness.h"

#define WAIT 15000

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "# %s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
			term_dump(t, #cond);                                   \
			return false;                                          \
		}                                                              \
	} while (0)

static const char *const fail_par2[] = { "--seed", "5", "--servers", "30", "--quirks",
					 "fail-zone=fr-par-2", NULL };
/* Online would bring fr-par-2's servers back: Scaleway alone here. */
static const char *const scw_only[] = { "DEDI_ONLINE_TOKEN", NULL };

/* The number in " Servers  N servers" on the title line, -1 if none. */
static long servers_shown(const struct term *t)
{
	char row[4096];
	for (int r = 0; r < t->rows; r++) {
		term_row(t, r, row, sizeof(row));
		const char *p = strstr(row, " Servers  ");
		if (p)
			return strtol(p + 10, NULL, 10);
	}
	return -1;
}

/* A table row of that zone (the title and status lines name it too). */
static bool zone_row(const struct term *t, const char *zone)
{
	char row[4096];
	for (int r = 0; r < t->rows; r++) {
		term_row(t, r, row, sizeof(row));
		if (strstr(row, zone) && !strstr(row, "incomplete"))
			return true;
	}
	return false;
}

static bool t_zone_fails_rest_stays(struct world *w, struct term *t)
{
	if (world_start(w, fail_par2) < 0 || term_start(t, w, 24, 80, scw_only, NULL) < 0)
		return false;
	CHECK(term_wait(t, "incomplete: fr-par-2 failed", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(servers_shown(t) > 0);
	CHECK(!term_has(t, "This account has no servers"));
	CHECK(term_has(t, " fr-par-1 ") && term_has(t, " nl-ams-1 "));
	CHECK(!zone_row(t, " fr-par-2 "));
	/* A refresh fails the same way: the rows and the mark both stay. */
	long before = servers_shown(t);
	term_send(t, "r");
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_has(t, "incomplete: fr-par-2 failed"));
	CHECK(servers_shown(t) == before);
	return true;
}

static bool t_whole_list_unmarked(struct world *w, struct term *t)
{
	static const char *const whole[] = { "--seed", "5", "--servers", "30", NULL };
	if (world_start(w, whole) < 0 || term_start(t, w, 24, 80, scw_only, NULL) < 0)
		return false;
	CHECK(term_wait(t, "30 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(!term_has(t, "incomplete"));
	return true;
}

int main(int argc, char **argv)
{
	static const struct screen_test tests[] = {
		{ "a failed zone: the other zones stay, marked incomplete", t_zone_fails_rest_stays, 60 },
		{ "a whole list carries no mark", t_whole_list_unmarked, 60 },
	};
	return screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
