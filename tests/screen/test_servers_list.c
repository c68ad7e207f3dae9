/* Screen tests of the Servers list (issue 18): every zone whatever the
 * default zone, with :zone; details read after :sort; addresses sorted as
 * addresses; a column chooser kept in the config; status colours; search
 * wrap; auto-refresh; a refresh after a hostile world replaces every
 * string. TAP on stdout, one child per test. */
#include <arpa/inet.h>
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/screen/harness.h"

#define ESC "\x1b"
#define ENTER "\r"
#define WAIT 15000
#define HEADER_ROW 2
#define FIRST_ROW 3

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "# %s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
			return false;                                          \
		}                                                              \
	} while (0)

static bool open_world(struct world *w, struct term *t, const char *const *sandbox_args,
		       int rows, int cols, const char *const *env)
{
	if (world_start(w, sandbox_args) < 0) {
		fprintf(stderr, "# the sandbox did not start\n");
		return false;
	}
	if (term_start(t, w, rows, cols, env, NULL) < 0) {
		fprintf(stderr, "# dedi did not start\n");
		return false;
	}
	return true;
}

/* The screen column where a header title starts, -1 if not shown. */
static int header_x(const struct term *t, const char *title)
{
	char row[4096], pat[64];
	term_row(t, HEADER_ROW, row, sizeof(row));
	snprintf(pat, sizeof(pat), " %s", title);
	const char *p = strstr(row, pat);
	if (!p)
		return -1;
	/* Columns are ASCII titles: bytes are cells up to there. */
	return (int)(p - row) + 1;
}

/* The word at screen column x of a row. */
static void word_at(const struct term *t, int r, int x, char *out, size_t len)
{
	char row[4096];
	term_row(t, r, row, sizeof(row));
	if ((size_t)x >= strlen(row)) {
		out[0] = 0;
		return;
	}
	size_t n = strcspn(row + x, " ");
	snprintf(out, len, "%.*s", (int)n, row + x);
}

static const char *const fifty[] = { "--seed", "4", "--servers", "50", NULL };

/* Issue 18, 3: the profile's default zone does not narrow the console's
 * list; :zone does, and the status line says which. */
static bool t_zone(struct world *w, struct term *t)
{
	static const char *const env[] = { "SCW_DEFAULT_ZONE=fr-par-2", NULL };
	char row[4096], z[64];
	if (!open_world(w, t, fifty, 30, 200, env))
		return false;
	CHECK(term_wait(t, "50 servers", WAIT));
	term_row(t, t->rows - 1, row, sizeof(row));
	CHECK(strstr(row, "all zones") != NULL);
	term_send(t, ":zone a\t");
	CHECK(term_wait(t, ":zone all", WAIT));
	term_send(t, "\x15" "zone fr-par-2" ENTER);
	CHECK(term_wait(t, "zone: fr-par-2", WAIT));
	/* Rows new on screen get their OS and tags without a key. */
	CHECK(term_wait_gone(t, "…", WAIT));
	term_row(t, t->rows - 1, row, sizeof(row));
	CHECK(strstr(row, "fr-par-2") != NULL && !strstr(row, "all zones"));
	int zx = header_x(t, "zone");
	CHECK(zx > 0);
	int shown = 0;
	for (int r = FIRST_ROW; r < t->rows - 1; r++) {
		word_at(t, r, zx, z, sizeof(z));
		if (!z[0])
			continue;
		CHECK(!strcmp(z, "fr-par-2"));
		shown++;
	}
	CHECK(shown > 0 && shown < 50);
	term_send(t, ":zone nowhere" ENTER);
	CHECK(term_wait(t, "No zone is named", WAIT));
	term_send(t, ":zone all" ENTER);
	CHECK(term_wait(t, "50 servers", WAIT));
	CHECK(!term_has(t, "zone: "));
	return true;
}

static const char *const many[] = { "--seed", "2", "--servers", "300", NULL };

/* Issue 18, 11 and 8: after :sort the rows now on screen get their OS and
 * tags without a key; addresses sort as addresses. */
static bool t_sort_reads_details(struct world *w, struct term *t)
{
	char ip[64];
	if (!open_world(w, t, many, 24, 200, NULL))
		return false;
	CHECK(term_wait(t, "300 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_wait_gone(t, "…", WAIT));
	term_send(t, ":sort ipv4" ENTER);
	CHECK(term_wait(t, "sorted by ipv4", WAIT));
	/* Until the fix the new rows said "…" until the next key. */
	CHECK(term_wait_gone(t, "…", WAIT));
	int ix = header_x(t, "ipv4");
	CHECK(ix > 0);
	uint32_t prev = 0;
	int n = 0;
	for (int r = FIRST_ROW; r < t->rows - 1; r++) {
		struct in_addr a;
		word_at(t, r, ix, ip, sizeof(ip));
		if (!ip[0] || inet_pton(AF_INET, ip, &a) != 1)
			continue;
		CHECK(ntohl(a.s_addr) >= prev);
		prev = ntohl(a.s_addr);
		n++;
	}
	CHECK(n > 10);
	return true;
}

static const char *const twelve[] = { "--seed", "1", "--servers", "12", NULL };

static bool header_shows(const struct term *t, const char *title)
{
	char row[4096], pat[64];
	term_row(t, HEADER_ROW, row, sizeof(row));
	snprintf(pat, sizeof(pat), " %s ", title);
	return strstr(row, pat) != NULL;
}

/* Issue 18, 7: :columns hides a column, the config keeps it (its other
 * lines untouched), a new console starts with it hidden. */
static bool t_columns(struct world *w, struct term *t)
{
	char path[600], buf[2048];
	FILE *f;
	if (world_start(w, twelve) < 0)
		return false;
	snprintf(path, sizeof(path), "%s/config", w->dir);
	CHECK(mkdir(path, 0700) == 0);
	snprintf(path, sizeof(path), "%s/config/dedi", w->dir);
	CHECK(mkdir(path, 0700) == 0);
	snprintf(path, sizeof(path), "%s/config/dedi/config", w->dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	fputs("# mine\ntheme = dark\n\n[profile other]\nread_only = true\n", f);
	fclose(f);
	CHECK(chmod(path, 0600) == 0);
	CHECK(term_start(t, w, 24, 120, NULL, NULL) == 0);
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(header_shows(t, "os"));
	term_send(t, ":columns o\t");
	CHECK(term_wait(t, ":columns offer", WAIT) || term_has(t, ":columns os"));
	term_send(t, "\x15" "columns os" ENTER);
	CHECK(term_wait(t, "Hid the os column", WAIT));
	CHECK(!header_shows(t, "os"));
	CHECK(header_shows(t, "tags") || header_shows(t, "ipv4"));
	f = fopen(path, "r");
	CHECK(f != NULL);
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	CHECK(strstr(buf, "# mine\ntheme = dark\n") == buf);
	CHECK(strstr(buf, "columns = hostname,id,zone,offer,status,ipv4,tags\n") != NULL);
	CHECK(strstr(buf, "[profile other]\nread_only = true\n") != NULL);
	CHECK(strstr(buf, "columns") < strstr(buf, "[profile other]"));
	term_send(t, "q");
	CHECK(term_wait_exit(t, WAIT));
	term_stop(t);
	CHECK(term_start(t, w, 24, 120, NULL, NULL) == 0);
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(!header_shows(t, "os"));
	term_send(t, ":columns os" ENTER);
	CHECK(term_wait(t, "Showing the os column", WAIT));
	CHECK(header_shows(t, "os"));
	return true;
}

/* The palette index of a cell's foreground, -1 if default or RGB. */
static int fg_index(const struct term *t, int row, int col)
{
	VTermScreenCell c;
	VTermPos p = { row, col };
	if (!vterm_screen_get_cell(t->vs, p, &c) || VTERM_COLOR_IS_DEFAULT_FG(&c.fg) ||
	    !VTERM_COLOR_IS_INDEXED(&c.fg))
		return -1;
	return c.fg.indexed.idx;
}

/* Issue 18, 23: the status column is coloured by meaning; the row's other
 * cells are not. */
static bool t_status_colours(struct world *w, struct term *t)
{
	static const char *const forty[] = { "--seed", "7", "--servers", "40", NULL };
	char st[64];
	int ready = -1, other = -1, ready_fg = -2, other_fg = -2;
	if (!open_world(w, t, forty, 50, 140, NULL))
		return false;
	CHECK(term_wait(t, "40 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	int sx = header_x(t, "status");
	CHECK(sx > 0);
	/* Not the cursor's row (row FIRST_ROW): it keeps the cursor colour. */
	for (int r = FIRST_ROW + 1; r < t->rows - 1; r++) {
		word_at(t, r, sx, st, sizeof(st));
		if (!strcmp(st, "ready") && ready < 0)
			ready = r;
		else if ((!strcmp(st, "locked") || !strcmp(st, "error") || !strcmp(st, "stopped") ||
			  !strcmp(st, "installing")) && other < 0)
			other = r;
	}
	CHECK(ready > 0);
	ready_fg = fg_index(t, ready, sx);
	CHECK(ready_fg == 2);                  /* green in the dark theme */
	CHECK(fg_index(t, ready, 1) == -1);    /* the hostname is not */
	if (other > 0) {
		other_fg = fg_index(t, other, sx);
		CHECK(other_fg != ready_fg);
	}
	return true;
}

/* The hostname on the cursor's row (drawn reversed or in the cursor's
 * colour: the one row whose first cell differs from the header's row). */
static int cursor_row(const struct term *t)
{
	int bg = term_bg_index(t, HEADER_ROW, 0);
	for (int r = FIRST_ROW; r < t->rows - 1; r++)
		if (term_bg_index(t, r, 0) >= 0 && term_bg_index(t, r, 0) != bg)
			return r;
	for (int r = FIRST_ROW; r < t->rows - 1; r++)
		if (term_bg_index(t, r, 0) >= 0)
			return r;
	return -1;
}

/* Waits (with a deadline) until the cursor is drawn on row r. */
static bool wait_cursor(struct term *t, int r, int ms)
{
	for (int waited = 0; waited < ms; waited += 50) {
		if (cursor_row(t) == r)
			return true;
		term_pump(t, 50);
	}
	term_dump(t, "the cursor is not on the row");
	return false;
}

/* Issue 18, 23: n and N say when they wrap. */
static bool t_search_wraps(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 80, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	term_send(t, "/sd-" ENTER);
	CHECK(term_wait(t, "filter: sd-", WAIT));
	term_send(t, "n");
	CHECK(wait_cursor(t, FIRST_ROW + 1, WAIT));
	CHECK(!term_has(t, "wrapped"));
	term_send(t, "G");
	term_send(t, "n");
	CHECK(term_wait(t, "Search wrapped to the top", WAIT));
	term_send(t, "N");
	CHECK(term_wait(t, "Search wrapped to the bottom", WAIT));
	return true;
}

/* Issue 18, 23: :refresh 5s reloads in the background and keeps the
 * cursor on its server; :refresh off stops. */
static bool t_auto_refresh(struct world *w, struct term *t)
{
	char before[128], after[128];
	if (!open_world(w, t, twelve, 24, 80, NULL))
		return false;
	CHECK(term_wait(t, "12 servers loaded", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "s");
	CHECK(term_wait(t, "sorted by hostname", WAIT));
	term_send(t, "jjjj");
	CHECK(wait_cursor(t, FIRST_ROW + 4, WAIT));
	int r = FIRST_ROW + 4;
	word_at(t, r, 0, before, sizeof(before));
	CHECK(before[0]);
	term_send(t, ":refresh 5s" ENTER);
	CHECK(term_wait(t, "Refreshing every 5s", WAIT));
	CHECK(term_wait(t, "12 servers loaded", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	r = cursor_row(t);
	CHECK(r > 0);
	word_at(t, r, 0, after, sizeof(after));
	CHECK(!strcmp(before, after));
	term_send(t, ":refresh off" ENTER);
	CHECK(term_wait(t, "Auto-refresh off", WAIT));
	term_send(t, ":refresh soon" ENTER);
	CHECK(term_wait(t, "is not a period", WAIT));
	return true;
}

/* Issue 18, 1: a refresh replaces every string it re-reads: after the
 * hostile sandbox is replaced by a clean one on the same port, r leaves
 * no hostile hostname or tag (escaped as \u{...}) on screen. */
static bool t_hostile_then_clean(struct world *w, struct term *t)
{
	static const char *const hostile[] = { "--seed", "3", "--servers", "20", "--hostile", NULL };
	struct world w2;
	const char *colon;
	char port[16], *args[8];
	int started = -1;
	if (!open_world(w, t, hostile, 30, 200, NULL))
		return false;
	CHECK(term_wait(t, "20 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_has(t, "\\u{"));
	colon = strrchr(w->url, ':');
	CHECK(colon != NULL);
	snprintf(port, sizeof(port), "%s", colon + 1);
	kill(w->sandbox, SIGTERM);
	waitpid(w->sandbox, NULL, 0);
	w->sandbox = 0;
	args[0] = "--seed";
	args[1] = "3";
	args[2] = "--servers";
	args[3] = "20";
	args[4] = "--port";
	args[5] = port;
	args[6] = NULL;
	/* The port may take a moment to be free: a few tries, no clock. */
	for (int i = 0; i < 20 && started < 0; i++) {
		started = world_start(&w2, (const char *const *)args);
		if (started < 0)
			world_stop(&w2);
	}
	CHECK(started == 0);
	/* Its sandbox is the world's now: the runner stops it. */
	w->sandbox = w2.sandbox;
	w2.sandbox = 0;
	world_stop(&w2);
	term_send(t, "r");
	CHECK(term_wait(t, "20 servers loaded", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_wait_gone(t, "…", WAIT));
	CHECK(!term_has(t, "\\u{"));
	CHECK(!term_has(t, "red-alert"));
	return true;
}

/* Issue 18, 1: a tag edit reaches the filter at once, and after r. */
static bool t_tag_edit_filter(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 200, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "/zz-fresh");
	CHECK(term_wait(t, "No server matches", WAIT));
	term_send(t, ESC);
	CHECK(term_wait_gone(t, "filter:", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "interface 1", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "t");
	CHECK(term_wait(t, "tags (comma-separated): ", WAIT));
	term_send(t, "\x15" "zz-fresh" ENTER);
	CHECK(term_wait(t, "Saved the tags.", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "q");
	CHECK(term_wait(t, "12 servers", WAIT));
	term_send(t, "/zz-fresh");
	CHECK(term_wait(t, "1 of 12 servers", WAIT));
	term_send(t, ENTER "r");
	CHECK(term_wait(t, "12 servers loaded", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_wait(t, "1 of 12 servers", WAIT));
	CHECK(term_has(t, "zz-fresh"));
	return true;
}

static const struct screen_test tests[] = {
	{ "a tag edit reaches the filter at once and after r", t_tag_edit_filter, 60 },
	{ "the default zone does not narrow the list; :zone does", t_zone, 60 },
	{ ":sort ipv4 reads the new rows' details, by address", t_sort_reads_details, 90 },
	{ ":columns hides a column and the config keeps it", t_columns, 60 },
	{ "the status column is coloured by meaning", t_status_colours, 60 },
	{ "n and N say when the search wraps", t_search_wraps, 45 },
	{ ":refresh 5s refreshes and keeps the cursor's server", t_auto_refresh, 60 },
	{ "hostile sandbox replaced by a clean one: r cleans every string", t_hostile_then_clean, 90 },
};

int main(int argc, char **argv)
{
	return screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
