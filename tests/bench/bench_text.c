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

static const char *const odd[][2] = {
	{ "caf\xC3\xA9", ".example.fr" }, { "\xE4\xB8\xAD\xE6\x96\x87", "" },
	{ "web", "\x1B[2J\x1B]0;x\x07" }, { "db", "\xE2\x80\xAEgnp" },
	{ "srv", "\xC0\xAF\xFF" }, { "x", "\xCC\x81\xCC\x82\xCC\x83\xCC\x84" },
};

/* Times the three calls over names; every odd_every-th name is one of the
 * odd ones (1: all of them). Returns a checksum so nothing is optimised
 * away, 0 on ENOMEM. */
static size_t run(const char *title, int odd_every, int rounds)
{
	char **names = malloc(NAMES * sizeof(*names));
	size_t *lens = malloc(NAMES * sizeof(*lens)), bytes = 0, sink = 1;
	char buf[DD_TEXT_MAX];
	double t;

	if (names == NULL || lens == NULL)
		return 0;
	for (int i = 0; i < NAMES; i++) {
		char tmp[128];

		if (i % odd_every == odd_every - 1)
			snprintf(tmp, sizeof(tmp), "%s-%d%s", odd[i % 6][0], i,
				 odd[i % 6][1]);
		else
			snprintf(tmp, sizeof(tmp), "sd-%06d.dc%d.dedibox.fr", i, i % 5);
		names[i] = strdup(tmp);
		if (names[i] == NULL)
			return 0;
		lens[i] = strlen(tmp);
		bytes += lens[i];
	}
	printf("%s: %d names, %zu bytes, %d rounds\n", title, NAMES, bytes, rounds);

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
				return 0;
			sink += (unsigned char)s[0];
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
	return sink;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 10;

	if (rounds < 1)
		return 1;
	if (run("hostnames, one in ten odd", 10, rounds) == 0)
		return 1;
	if (run("odd names only (accents, CJK, escapes, invalid UTF-8, marks)", 1,
		rounds) == 0)
		return 1;
	return 0;
}
