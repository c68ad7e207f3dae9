/* Screen test: a zone that fails leaves the other zones' servers on the
 * Servers tab, with the missing zone named on the title line; it never
 * empties the console nor passes for the whole fleet. A zone that fails
 * on a refresh keeps its last good rows, marked '~' and named with their
 * age on the title line; so does the Online list. TAP on stdout. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

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
		char *end;
		long n;
		if (!p)
			continue;
		/* The tab bar says " Servers   2 Network": not a count. */
		n = strtol(p + 10, &end, 10);
		if (end != p + 10 && strncmp(end, " server", 7) == 0)
			return n;
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
	return ok && strstr(resp, " 200 ") != NULL;
}

/* Table rows of zone, and how many of them carry the kept mark '~'. */
static void zone_rows(const struct term *t, const char *zone, int *rows, int *marked)
{
	char row[4096];
	*rows = *marked = 0;
	for (int r = 0; r < t->rows; r++) {
		term_row(t, r, row, sizeof(row));
		if (!strstr(row, zone) || strstr(row, " Servers  ") || strstr(row, "incomplete"))
			continue;
		(*rows)++;
		*marked += strstr(row, " ~") != NULL;
	}
}

static bool t_refresh_keeps_failed_zone(struct world *w, struct term *t)
{
	static const char *const whole[] = { "--seed", "5", "--servers", "30", NULL };
	int rows, marked;
	if (world_start(w, whole) < 0 || term_start(t, w, 40, 160, scw_only, NULL) < 0)
		return false;
	CHECK(term_wait(t, "30 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	zone_rows(t, " fr-par-2 ", &rows, &marked);
	CHECK(rows > 0 && marked == 0);
	/* fr-par-2's list now answers half a JSON body; the others answer. */
	CHECK(set_faults(w, "malformed@/dedibox/v1/zones/fr-par-2/servers"));
	term_send(t, "r");
	CHECK(term_wait(t, "from the last good read", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_has(t, "fr-par-2: "));
	CHECK(term_has(t, "incomplete: fr-par-2 failed"));
	CHECK(servers_shown(t) == 30);
	int kept_rows = rows;
	zone_rows(t, " fr-par-2 ", &rows, &marked);
	CHECK(rows == kept_rows && marked == rows);
	/* the zones that answered are fresh: no mark */
	zone_rows(t, " fr-par-1 ", &rows, &marked);
	CHECK(rows > 0 && marked == 0);
	zone_rows(t, " nl-ams-1 ", &rows, &marked);
	CHECK(rows > 0 && marked == 0);
	/* the zone answers again: its rows are fresh, the marks go */
	CHECK(set_faults(w, ""));
	term_send(t, "r");
	CHECK(term_wait_gone(t, "from the last good read", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(!term_has(t, "incomplete"));
	zone_rows(t, " fr-par-2 ", &rows, &marked);
	CHECK(rows == kept_rows && marked == 0);
	return true;
}

/* Rows of the three zones, and how many carry '~'. */
static void all_rows(const struct term *t, int *rows, int *marked)
{
	static const char *const zones[] = { " fr-par-1 ", " fr-par-2 ", " nl-ams-1 " };
	int r, m;
	*rows = *marked = 0;
	for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		zone_rows(t, zones[z], &r, &m);
		*rows += r;
		*marked += m;
	}
}

/* Online fails on a refresh while Scaleway answers (accounts not linked:
 * Scaleway lists no server, Online all 30): the Online rows stay, each
 * marked, the title says how many and how old; a good read clears them. */
static bool t_online_refresh_keeps_rows(struct world *w, struct term *t)
{
	static const char *const unlinked[] = { "--seed", "5", "--servers", "30", "--scenario", "eligible", NULL };
	int rows, marked;
	if (world_start(w, unlinked) < 0 || term_start(t, w, 44, 200, NULL, NULL) < 0)
		return false;
	CHECK(term_wait(t, "30 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	all_rows(t, &rows, &marked);
	CHECK(rows == 30 && marked == 0);
	/* the Online list answers half a JSON body; the zones answer (empty) */
	CHECK(set_faults(w, "malformed@/api/v1/server"));
	term_send(t, "r");
	CHECK(term_wait(t, "30 rows (~) from the last good read", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(servers_shown(t) == 30);
	all_rows(t, &rows, &marked);
	CHECK(rows == 30 && marked == 30);
	CHECK(set_faults(w, ""));
	term_send(t, "r");
	CHECK(term_wait_gone(t, "from the last good read", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(!term_has(t, "incomplete"));
	all_rows(t, &rows, &marked);
	CHECK(rows == 30 && marked == 0);
	return true;
}

int main(int argc, char **argv)
{
	static const struct screen_test tests[] = {
		{ "a failed zone: the other zones stay, marked incomplete", t_zone_fails_rest_stays, 60 },
		{ "a whole list carries no mark", t_whole_list_unmarked, 60 },
		{ "a zone failing on a refresh keeps its last good rows, marked", t_refresh_keeps_failed_zone, 90 },
		{ "the Online list failing on a refresh keeps its last good rows, marked", t_online_refresh_keeps_rows, 90 },
	};
	return screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
