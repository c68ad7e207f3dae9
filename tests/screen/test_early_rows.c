/* Screen test: the first read of the fleet paints the pages that arrived
 * while the sandbox holds the others back (--quirks slow-pages), marked
 * "loading n/N"; when the rest arrives the server under the cursor stays
 * under it. TAP on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* 400 servers: two pages per zone, the second of each 10 s late. */
static const char *const slow[] = { "--seed", "5", "--servers", "400", "--quirks",
				    "slow-pages=10000", NULL };
/* Mono: the cursor row is drawn reversed. */
static const char *const scw_only[] = { "DEDI_ONLINE_TOKEN", "NO_COLOR=1", NULL };

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

/* The server id (second column) on the row drawn reversed (the cursor),
 * or "". */
static void cursor_id(const struct term *t, char *out, size_t len)
{
	char row[4096];
	out[0] = 0;
	for (int r = 2; r < t->rows - 1; r++) {
		if (!term_reverse(t, r, 2))
			continue;
		term_row(t, r, row, sizeof(row));
		const char *p = row + strcspn(row, " ");
		p += strspn(p, " ");
		snprintf(out, len, "%.*s", (int)strcspn(p, " "), p);
		return;
	}
}

static bool t_first_pages_painted(struct world *w, struct term *t)
{
	char before[64], after[64];

	if (world_start(w, slow) < 0 || term_start(t, w, 24, 80, scw_only, NULL) < 0)
		return false;
	/* The first pages, before the late ones can have come. */
	CHECK(term_wait(t, "loading ", WAIT));
	long early = servers_shown(t);
	CHECK(early > 0 && early < 400);
	CHECK(term_has(t, " fr-par-") || term_has(t, " nl-ams-1 "));
	CHECK(!term_has(t, "Loading servers"));
	/* The user moves while the rest loads. */
	term_send(t, "jjj");
	/* Rows 3.. are the table's: the cursor leaves the first one. */
	for (int i = 0; i < 100; i++) {
		cursor_id(t, before, sizeof(before));
		if (before[0] && !term_reverse(t, 3, 2))
			break;
		term_pump(t, 50);
	}
	CHECK(strtol(before, NULL, 10) >= 100000);
	CHECK(term_has(t, "loading "));
	/* The rest arrives: all rows, no mark, the same server selected. */
	CHECK(term_wait(t, " 400 servers", WAIT));
	CHECK(term_wait_gone(t, "loading ", WAIT));
	cursor_id(t, after, sizeof(after));
	CHECK(strcmp(before, after) == 0);
	return true;
}

int main(int argc, char **argv)
{
	static const struct screen_test tests[] = {
		{ "the first pages are painted while the others load", t_first_pages_painted, 60 },
	};
	return screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
