/* Figures for the report, measured through the same pty and terminal
 * emulator as the screen tests (so they include the terminal's cost):
 * time from start to the first painted table, time per filter
 * keystroke, and time from a second start to the table painted from the
 * encrypted cache, on N servers (default 10,000), with the peak RSS once
 * the Billing tab holds I invoices (default 5,000: dedi-sandbox --invoices).
 * Not part of make check:
 *   make tests/screen/bench_screen && tests/screen/bench_screen [N [scw|both [I]]] */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/screen/harness.h"

/* Waits for text without the harness's settling pause, so the figure is
 * the time until the text is on the emulated screen. */
static int wait_fast(struct term *t, const char *text, int ms);

static double ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int wait_fast(struct term *t, const char *text, int ms)
{
	double end = ms_now() + ms;
	while (ms_now() < end) {
		if (term_has(t, text))
			return 1;
		term_pump(t, 1);
	}
	return 0;
}

static int cmp_ms(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	const char *n = argc > 1 ? argv[1] : "10000";
	/* "scw": Scaleway keys only (the Online API lists servers one by one). */
	bool scw_only = argc > 2 && !strcmp(argv[2], "scw");
	static const char *const no_online[] = { "DEDI_ONLINE_TOKEN", "DEDI_ONLINE_API_URL", NULL };
	const char *inv = argc > 3 ? argv[3] : "5000";
	const char *sargs[] = { "--seed", "1", "--servers", n, "--invoices", inv, NULL };
	char want[64];
	struct world w;
	struct term t;
	if (world_start(&w, sargs) < 0)
		return 1;
	double t0 = ms_now();
	if (term_start(&t, &w, 24, 80, scw_only ? no_online : NULL, NULL) < 0)
		return 1;
	snprintf(want, sizeof(want), "Servers  %s servers", n);
	if (!wait_fast(&t, want, 120000))
		return 1;
	double first = ms_now() - t0;
	printf("servers: %s (%s)\nstart to first painted table: %.0f ms\n", n,
	       scw_only ? "Scaleway keys only" : "Scaleway keys and Online token", first);
	term_wait_idle(&t, 60000);
	/* Each keystroke: from sending it to the new count on screen. */
	const char *needle = "sd-1000";
	double total = 0, worst = 0, each[16];
	term_send(&t, "/");
	term_wait(&t, "/", 5000);
	for (size_t i = 0; i < strlen(needle); i++) {
		char k[2] = { needle[i], 0 }, shown[64];
		snprintf(shown, sizeof(shown), "filter: %.*s", (int)i + 1, needle);
		double a = ms_now();
		term_send(&t, k);
		if (!wait_fast(&t, shown, 10000))
			return 1;
		double d = ms_now() - a;
		total += d;
		if (i < 16)
			each[i] = d;
		if (d > worst)
			worst = d;
		printf("  keystroke '%c': %.1f ms\n", needle[i], d);
	}
	size_t nk = strlen(needle) < 16 ? strlen(needle) : 16;
	qsort(each, nk, sizeof(each[0]), cmp_ms);
	printf("filter keystroke: %.1f ms average, %.1f ms median, %.1f ms worst (%zu keys, through pty and libvterm)\n",
	       total / strlen(needle), nk % 2 ? each[nk / 2] : (each[nk / 2 - 1] + each[nk / 2]) / 2,
	       worst, strlen(needle));
	term_wait_idle(&t, 60000);
	term_send(&t, "\x1b");
	term_wait(&t, want, 10000);
	term_wait_idle(&t, 60000);
	/* Scrolling: End then Home over the whole list. */
	double a = ms_now();
	term_send(&t, "G");
	term_pump(&t, 5);
	term_send(&t, "g");
	term_wait_idle(&t, 60000);
	printf("G then g over %s rows, until idle: %.0f ms (includes the lazy detail fetches)\n", n,
	       ms_now() - a);
	/* Peak RSS of the console with the fleet and the invoices it reads
	 * after it (the Billing tab's preload), once everything is idle. */
	term_send(&t, "3");
	term_wait_idle(&t, 60000);
	char path[64], line[4096];
	for (int r = 0; r < t.rows; r++) {
		term_row(&t, r, line, sizeof(line));
		const char *p = strstr(line, " Billing  ");
		if (p && strstr(p, " invoices"))
			printf("invoices loaded: %ld\n", strtol(p + 10, NULL, 10));
	}
	snprintf(path, sizeof(path), "/proc/%d/status", (int)t.pid);
	FILE *f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmHWM:", 6))
			printf("peak RSS, console with servers and invoices: %ld KiB\n", strtol(line + 6, NULL, 10));
	if (f)
		fclose(f);
	/* The first console wrote the encrypted cache when its read landed:
	 * a second start paints from it, marked cached, before its own read. */
	term_send(&t, "q");
	if (!term_wait_exit(&t, 60000))
		return 1;
	term_stop(&t);
	snprintf(want, sizeof(want), "Servers  %s servers  cached ", n);
	t0 = ms_now();
	if (term_start(&t, &w, 24, 80, scw_only ? no_online : NULL, NULL) < 0)
		return 1;
	if (!wait_fast(&t, want, 120000)) {
		term_dump(&t, "no cached paint");
		return 1;
	}
	printf("start to first painted table, cached: %.0f ms\n", ms_now() - t0);
	term_wait_idle(&t, 60000);
	term_stop(&t);
	world_stop(&w);
	return 0;
}
