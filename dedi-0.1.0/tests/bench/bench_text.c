/* Throughput of the sanitizer on the list view's load: 100,000 hostnames,
 * most plain ASCII, some with accents, CJK, or hostile bytes.
 *   tests/bench/bench_text [ROUNDS]
 * Prints bytes/s and names/s for dd_text_clean_buf, dd_text_clean and
 * dd_text_width. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/text.h"

#define NAMES 100000

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void report(const char *what, double secs, size_t bytes, size_t names)
{
	printf("%-18s %8.1f MB/s %10.0f names/s (%.3f s)\n", what,
	       (double)bytes / secs / 1e6, (double)names / secs, secs);
}

int main(int argc, char **argv)
{
	static const char *const odd[][2] = {
		{ "caf\xC3\xA9", ".example.fr" }, { "\xE4\xB8\xAD\xE6\x96\x87", "" },
		{ "web", "\x1B[2J\x1B]0;x\x07" }, { "db", "\xE2\x80\xAEgnp" },
		{ "srv", "\xC0\xAF\xFF" }, { "x", "\xCC\x81\xCC\x82\xCC\x83\xCC\x84" },
	};
	int rounds = argc > 1 ? atoi(argv[1]) : 10;
	char **names = malloc(NAMES * sizeof(*names));
	size_t *lens = malloc(NAMES * sizeof(*lens)), bytes = 0, sink = 0;
	char buf[DD_TEXT_MAX];
	double t;

	if (names == NULL || lens == NULL || rounds < 1)
		return 1;
	for (int i = 0; i < NAMES; i++) {
		char tmp[128];

		/* one name in ten is not plain ASCII */
		if (i % 10 == 9)
			snprintf(tmp, sizeof(tmp), "%s-%d%s", odd[(i / 10) % 6][0],
				 i, odd[(i / 10) % 6][1]);
		else
			snprintf(tmp, sizeof(tmp), "sd-%06d.dc%d.dedibox.fr", i, i % 5);
		names[i] = strdup(tmp);
		if (names[i] == NULL)
			return 1;
		lens[i] = strlen(tmp);
		bytes += lens[i];
	}
	printf("%d names, %zu bytes, %d rounds\n", NAMES, bytes, rounds);

	t = now();
	for (int r = 0; r < rounds; r++)
		for (int i = 0; i < NAMES; i++)
			sink += dd_text_clean_buf(names[i], lens[i], buf, sizeof(buf));
	report("dd_text_clean_buf", now() - t, bytes * rounds, (size_t)NAMES * rounds);

	t = now();
	for (int r = 0; r < rounds; r++)
		for (int i = 0; i < NAMES; i++) {
			char *s = dd_text_clean(names[i], lens[i]);

			if (s == NULL)
				return 1;
			sink += s[0];
			free(s);
		}
	report("dd_text_clean", now() - t, bytes * rounds, (size_t)NAMES * rounds);

	t = now();
	for (int r = 0; r < rounds; r++)
		for (int i = 0; i < NAMES; i++)
			sink += dd_text_width(names[i]);
	report("dd_text_width", now() - t, bytes * rounds, (size_t)NAMES * rounds);

	for (int i = 0; i < NAMES; i++)
		free(names[i]);
	free(names);
	free(lens);
	/* keeps the loops from being optimised away */
	return sink == 0;
}
