/* Screen tests of the console. Each test runs in its own child with a
 * time limit, in its own world (sandbox + private directories); its
 * diagnostics are kept only when it fails. TAP on stdout. */
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox/sandbox.h"
#include "tests/screen/harness.h"

#define DD_TEST_SECRET DD_SANDBOX_SECRET_KEY

#define KEY_DOWN_S "\x1bOB"
#define KEY_UP_S "\x1bOA"
#define ESC "\x1b"
#define ENTER "\r"
#define WAIT 15000

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "# %s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
			return false;                                          \
		}                                                              \
	} while (0)

/* A world with n servers and dedi started in it at rows x cols. */
static bool open_world(struct world *w, struct term *t, const char *const *sandbox_args,
		       int rows, int cols, const char *const *env, const char *const *args)
{
	if (world_start(w, sandbox_args) < 0) {
		fprintf(stderr, "# the sandbox did not start\n");
		return false;
	}
	if (term_start(t, w, rows, cols, env, args) < 0) {
		fprintf(stderr, "# dedi did not start\n");
		return false;
	}
	return true;
}

static const char *const twelve[] = { "--seed", "1", "--servers", "12", NULL };

/* First word of a screen row. */
static void first_word(const struct term *t, int r, char *out, size_t len)
{
	char row[4096];
	term_row(t, r, row, sizeof(row));
	size_t n = strcspn(row, " ");
	snprintf(out, len, "%.*s", (int)n, row);
}

static bool t_open(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_has(t, "1 Servers"));
	CHECK(term_has(t, "hostname"));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_golden(t, "open"));
	return true;
}

static bool t_move(struct world *w, struct term *t)
{
	char last[128], title[4096];
	if (!open_world(w, t, twelve, 24, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	/* 12 rows fit: the last table row is screen row 3 + 11. */
	first_word(t, 14, last, sizeof(last));
	CHECK(last[0]);
	term_send(t, "G" ENTER);
	CHECK(term_wait(t, "remote console", WAIT));
	term_row(t, 1, title, sizeof(title));
	CHECK(strstr(title, last) != NULL);
	term_send(t, "q");
	CHECK(term_wait(t, "12 servers", WAIT));
	term_send(t, "g" KEY_DOWN_S KEY_DOWN_S KEY_UP_S ENTER);
	first_word(t, 4, last, sizeof(last));
	CHECK(term_wait(t, "remote console", WAIT));
	term_row(t, 1, title, sizeof(title));
	CHECK(strstr(title, last) != NULL);
	return true;
}

static bool t_filter(struct world *w, struct term *t)
{
	char row[4096];
	if (!open_world(w, t, twelve, 24, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	term_send(t, "/sd-");
	CHECK(term_wait(t, "filter: sd-", WAIT));
	CHECK(term_wait(t, "of 12 servers", WAIT));
	/* Every row left on screen matches. */
	int rows = 0;
	for (int r = 3; r < t->rows - 1; r++) {
		term_row(t, r, row, sizeof(row));
		if (!row[0])
			continue;
		for (char *p = row; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		CHECK(strstr(row, "sd-") != NULL);
		rows++;
	}
	CHECK(rows > 0);
	term_send(t, "zzzz");
	CHECK(term_wait(t, "No server matches", WAIT));
	term_send(t, ESC);
	/* "0 of 12 servers" holds "12 servers": wait for the title without "of". */
	CHECK(term_wait(t, "Servers  12 servers", WAIT));
	CHECK(!term_has(t, "filter:"));
	return true;
}

static bool t_sort(struct world *w, struct term *t)
{
	char a[128], b[128], row[4096];
	if (!open_world(w, t, twelve, 24, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	term_send(t, "s");
	CHECK(term_wait(t, "sorted by hostname", WAIT));
	for (int r = 3; r < 14; r++) {
		first_word(t, r, a, sizeof(a));
		first_word(t, r + 1, b, sizeof(b));
		CHECK(strcasecmp(a, b) <= 0);
	}
	term_send(t, "S");
	CHECK(term_wait(t, "(reversed)", WAIT));
	first_word(t, 3, a, sizeof(a));
	first_word(t, 14, b, sizeof(b));
	CHECK(strcasecmp(a, b) >= 0);
	/* By id, as numbers, through the command line. */
	term_send(t, ":sort id" ENTER);
	CHECK(term_wait(t, "sorted by id", WAIT));
	long prev = -1;
	for (int r = 3; r < 15; r++) {
		long id = 0;
		/* The id is the second field: byte offsets would drift past a
		 * cut hostname's "…". */
		term_row(t, r, row, sizeof(row));
		CHECK(sscanf(row, "%*s %ld", &id) == 1);
		CHECK(id > prev);
		prev = id;
	}
	return true;
}

static bool t_overview(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Network", WAIT));
	CHECK(term_wait(t, "interface 1", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "G");
	CHECK(term_wait(t, "Logs", WAIT));
	CHECK(term_wait(t, "newest first", WAIT));
	CHECK(term_has(t, "Backup") || term_has(t, "Customization"));
	term_send(t, "g");
	CHECK(term_wait(t, "Server ", WAIT));
	/* Esc goes back to the table. */
	term_send(t, ESC);
	CHECK(term_wait(t, "12 servers", WAIT));
	return true;
}

static bool t_edit_hostname(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "interface 1", WAIT));
	term_send(t, "e");
	CHECK(term_wait(t, "hostname: ", WAIT));
	term_send(t, "\x15" "bad_name" ENTER);
	CHECK(term_wait(t, "only letters, digits", WAIT));
	term_send(t, "\x15" "renamed-01" ENTER);
	CHECK(term_wait_gone(t, "hostname: ", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "G");
	CHECK(term_wait(t, "The API accepted the new hostname.", WAIT));
	term_send(t, "q");
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait(t, "renamed-01", WAIT));
	return true;
}

/* An edit re-reads its one server into the store: the list shows the new
 * tags at once, without a fleet reload, and r shows the store's data. */
static bool t_edit_tags_list(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 200, NULL, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "interface 1", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "t");
	CHECK(term_wait(t, "tags (comma-separated): ", WAIT));
	term_send(t, "\x15" "zz-newtag" ENTER);
	CHECK(term_wait(t, "Saved the tags.", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(!term_has(t, "servers loaded")); /* no fleet reload */
	term_send(t, "q");
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait(t, "zz-newtag", WAIT));
	CHECK(!term_has(t, "servers loaded"));
	term_send(t, "r");
	CHECK(term_wait(t, "12 servers loaded", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_wait(t, "zz-newtag", WAIT));
	return true;
}

/* 50 rows: the whole overview fits, so every edited line stays visible. */
static bool t_edit_reverse_backup(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 50, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "interface 1", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "v");
	CHECK(term_wait(t, "Select an address", WAIT));
	/* Overview lines start on screen row 2 and the cursor on line 0. */
	int r = term_find(t, "    ipv4 ");
	CHECK(r > 2);
	for (int i = 0; i < r - 2; i++)
		term_send(t, "j");
	term_send(t, "v");
	CHECK(term_wait(t, "reverse of ", WAIT));
	term_send(t, "\x15" "nodot" ENTER);
	CHECK(term_wait(t, "full domain name", WAIT));
	term_send(t, "\x15" "web.example.com." ENTER);
	CHECK(term_wait(t, "reverse web.example.com.", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	/* Backup autologin: a toggles it through the API. */
	term_send(t, "G");
	CHECK(term_wait(t, "autologin", WAIT));
	int ar = term_find(t, "autologin");
	char row[4096];
	term_row(t, ar, row, sizeof(row));
	bool was_on = strstr(row, " on ") != NULL;
	term_send(t, "a");
	CHECK(term_wait(t, "Change the backup settings?", WAIT));
	term_send(t, "\t" ENTER);
	CHECK(term_wait(t, "The API accepted the new backup settings.", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	ar = term_find(t, "autologin");
	term_row(t, ar, row, sizeof(row));
	CHECK((strstr(row, " on ") != NULL) == !was_on);
	/* A new backup password is typed hidden. */
	term_send(t, "p");
	CHECK(term_wait(t, "new backup password:", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Type a password", WAIT));
	term_send(t, "s3cret-Pa55");
	CHECK(term_wait(t, "***********", WAIT));
	CHECK(!term_has(t, "s3cret"));
	term_send(t, ENTER);
	CHECK(term_wait(t, "the same password again:", WAIT));
	term_send(t, "s3cret-Pa55" ENTER);
	CHECK(term_wait(t, "Set the backup password?", WAIT));
	term_send(t, "\t" ENTER);
	CHECK(term_wait_gone(t, "Set the backup password?", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(!term_has(t, "s3cret"));
	CHECK(!term_has(t, "error"));
	/* Tags: blanks around commas are dropped, the list comes back. */
	term_send(t, "t");
	CHECK(term_wait(t, "tags (comma-separated): ", WAIT));
	term_send(t, "\x15" "alpha , beta" ENTER);
	CHECK(term_wait(t, "alpha,beta", WAIT)); /* read back from the API */
	return true;
}

/* An SGR (1006) mouse event at screen row r, column c (0-based). */
static void mouse(struct term *t, int button, int r, int c)
{
	char seq[64];
	snprintf(seq, sizeof(seq), "\x1b[<%d;%d;%dM", button, c + 1, r + 1);
	term_send(t, seq);
	if (button < 64) {
		snprintf(seq, sizeof(seq), "\x1b[<%d;%d;%dm", button, c + 1, r + 1);
		term_send(t, seq);
	}
}

static bool t_mouse(struct world *w, struct term *t)
{
	static const char *const args[] = { "--theme", "mono", NULL };
	char head[4096], title[4096], host[128];
	if (!open_world(w, t, twelve, 24, 80, NULL, args))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_row(t, 2, head, sizeof(head));
	char *id = strstr(head, " id");
	CHECK(id != NULL);
	mouse(t, 0, 2, (int)(id - head) + 1);
	CHECK(term_wait(t, "sorted by id", WAIT));
	mouse(t, 0, 2, (int)(id - head) + 1);
	CHECK(term_wait(t, "sorted by id (reversed)", WAIT));
	/* Click a row: it gets the cursor; a second click opens it. */
	mouse(t, 0, 6, 2);
	term_pump(t, 50);
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_reverse(t, 6, 0));
	first_word(t, 6, host, sizeof(host));
	mouse(t, 0, 6, 2);
	CHECK(term_wait(t, "remote console", WAIT));
	term_row(t, 1, title, sizeof(title));
	CHECK(strstr(title, host) != NULL);
	/* Reports back to back in one write never freeze the loop. */
	char burst[4096] = "";
	for (int i = 0; i < 40; i++) {
		char one[64];
		snprintf(one, sizeof(one), "\x1b[<0;5;21M\x1b[<0;5;21m\x1b[<65;5;21M");
		strcat(burst, one);
	}
	term_send(t, "q");
	CHECK(term_wait(t, "12 servers", WAIT));
	term_send(t, burst);
	term_send(t, "3");
	CHECK(term_wait(t, "invoices", WAIT));
	term_send(t, "1" ENTER);
	CHECK(term_wait(t, "remote console", WAIT));
	/* The wheel scrolls; a click on a tab switches. */
	mouse(t, 65, 10, 10);
	mouse(t, 65, 10, 10);
	mouse(t, 0, 0, 15);
	CHECK(term_wait(t, "failover IPs", WAIT));
	return true;
}

static bool t_help(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	term_send(t, "?");
	CHECK(term_wait(t, "Keys: Servers", WAIT));
	CHECK(term_has(t, "Filter as you type"));
	CHECK(term_has(t, "Sort by the next column"));
	term_send(t, ESC);
	CHECK(term_wait_gone(t, "Keys: Servers", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "interface 1", WAIT));
	term_send(t, "?");
	CHECK(term_wait(t, "Keys: Server", WAIT));
	CHECK(term_has(t, "Edit the hostname"));
	CHECK(!term_has(t, "Sort by the next column"));
	return true;
}

static bool t_resize(struct world *w, struct term *t)
{
	char row[4096];
	if (!open_world(w, t, twelve, 24, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_resize(t, 60, 200);
	/* The status line moves to the new last row. */
	long long tries = 0;
	for (;;) {
		term_pump(t, 50);
		term_row(t, 59, row, sizeof(row));
		if (strstr(row, "? help"))
			break;
		CHECK(++tries < 160);
	}
	CHECK((int)strlen(row) <= 200 * 4);
	term_row(t, 0, row, sizeof(row));
	CHECK(strstr(row, "1 Servers") == row + 1);
	CHECK(term_has(t, "tags"));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Logs", WAIT)); /* 60 rows show every section */
	term_resize(t, 24, 80);
	for (tries = 0;;) {
		term_pump(t, 50);
		term_row(t, 23, row, sizeof(row));
		if (strstr(row, "? help"))
			break;
		CHECK(++tries < 160);
	}
	term_send(t, "q");
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_golden(t, "resize-80x24"));
	return true;
}

static bool t_mono(struct world *w, struct term *t)
{
	static const char *const args[] = { "--theme", "mono", NULL };
	if (!open_world(w, t, twelve, 24, 80, NULL, args))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	/* No colour anywhere; the cursor row is reversed. */
	for (int r = 0; r < t->rows; r++)
		for (int c = 0; c < t->cols; c++)
			CHECK(term_default_colors(t, r, c));
	CHECK(term_reverse(t, 3, 0));
	CHECK(!term_reverse(t, 4, 0));
	return true;
}

/* The dark theme's cursor: white (7) on 8 colours (cyan is the header's),
 * 117 on 256. */
static bool t_colours(struct world *w, struct term *t)
{
	static const char *const eight[] = { "TERM=xterm", NULL };
	if (!open_world(w, t, twelve, 24, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_bg_index(t, 3, 0) == 117);
	term_stop(t);
	CHECK(term_start(t, w, 24, 80, eight, NULL) == 0);
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_bg_index(t, 3, 0) == 7);
	CHECK(term_bg_index(t, 2, 0) == 6); /* the header */
	return true;
}

static bool t_demo(struct world *w, struct term *t)
{
	static const char *const args[] = { "--demo", NULL };
	/* No sandbox child and no credentials: --demo brings its own. */
	memset(w, 0, sizeof(*w));
	snprintf(w->dir, sizeof(w->dir), "/tmp/dd-screen-XXXXXX");
	CHECK(mkdtemp(w->dir) != NULL);
	CHECK(term_start(t, w, 24, 80, NULL, args) == 0);
	CHECK(term_wait(t, " servers", WAIT));
	CHECK(term_wait(t, "dedi demo", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "remote console", WAIT));
	term_send(t, "qq");
	CHECK(term_wait_exit(t, WAIT));
	CHECK(t->exit_status == 0);
	return true;
}

static bool t_no_color(struct world *w, struct term *t)
{
	static const char *const env[] = { "NO_COLOR=1", NULL };
	if (!open_world(w, t, twelve, 24, 80, env, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	for (int r = 0; r < t->rows; r++)
		for (int c = 0; c < t->cols; c++)
			CHECK(term_default_colors(t, r, c));
	CHECK(term_reverse(t, 3, 0));
	return true;
}

static bool t_bad_theme(struct world *w, struct term *t)
{
	static const char *const args[] = { "--theme", "broken", NULL };
	char path[400];
	if (world_start(w, twelve) < 0)
		return false;
	snprintf(path, sizeof(path), "%s/config", w->dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/config/dedi", w->dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/config/dedi/themes", w->dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/config/dedi/themes/broken.theme", w->dir);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	fputs("[8]\nnormal = default default\ntabel.cursor = red blue\n", f);
	fclose(f);
	CHECK(term_start(t, w, 24, 80, NULL, args) == 0);
	CHECK(term_wait(t, "broken.theme:3: unknown role", WAIT));
	CHECK(term_wait(t, "12 servers", WAIT));
	return true;
}

static bool t_config_theme(struct world *w, struct term *t)
{
	char path[400];
	if (world_start(w, twelve) < 0)
		return false;
	snprintf(path, sizeof(path), "%s/config", w->dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/config/dedi", w->dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/config/dedi/config", w->dir);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	fputs("theme = mono\n", f);
	fclose(f);
	chmod(path, 0600);
	CHECK(term_start(t, w, 24, 80, NULL, NULL) == 0);
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	for (int r = 0; r < t->rows; r++)
		for (int c = 0; c < t->cols; c++)
			CHECK(term_default_colors(t, r, c));
	CHECK(term_reverse(t, 3, 0));
	return true;
}

static bool t_sandbox_stops(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	kill(w->sandbox, SIGKILL);
	waitpid(w->sandbox, NULL, 0);
	w->sandbox = 0;
	term_send(t, "r");
	CHECK(term_wait(t, "stale since", 20000));
	CHECK(term_has(t, "error"));
	CHECK(term_has(t, "12 servers")); /* the last data stays */
	term_send(t, ENTER);
	CHECK(term_wait(t, "error:", 20000));
	term_send(t, "q:log" ENTER);
	CHECK(term_wait(t, "Error log", WAIT));
	CHECK(term_has(t, "Loading servers"));
	term_send(t, "q");
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, 30000));
	term_send(t, "q");
	CHECK(term_wait_exit(t, WAIT));
	CHECK(t->exit_status == 0);
	return true;
}

static bool t_overview_offline(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "interface 1", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	kill(w->sandbox, SIGKILL);
	waitpid(w->sandbox, NULL, 0);
	w->sandbox = 0;
	term_send(t, "r");
	CHECK(term_wait(t, "stale: ", 30000));
	CHECK(term_has(t, "interface 1")); /* the last data stays */
	CHECK(term_has(t, "remote console"));
	return true;
}

/* A profile with only a Dedibox console token: the Online API. */
static bool t_online_only(struct world *w, struct term *t)
{
	static const char *const env[] = { "SCW_API_URL", "SCW_SECRET_KEY", "SCW_ACCESS_KEY", NULL };
	if (!open_world(w, t, twelve, 50, 100, env, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "remote console", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	/* What Online does not give is said, not faked. */
	CHECK(term_has(t, "The Online API does not give server events"));
	term_send(t, "e");
	CHECK(term_wait(t, "hostname:", WAIT));
	term_send(t, "\x15" "online-renamed" ENTER);
	CHECK(term_wait(t, "The API accepted the new hostname.", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_has(t, "online-renamed"));
	return true;
}

/* Every table row keeps its own line: the id column of each row holds a
 * number at the same place. */
static bool rows_intact(const struct term *t, int first, int last)
{
	char head[4096], row[4096];
	term_row(t, 2, head, sizeof(head));
	char *idt = strstr(head, " id");
	if (!idt)
		return false;
	int idx = (int)(idt - head) + 1;
	for (int r = first; r <= last; r++) {
		term_row(t, r, row, sizeof(row));
		if (!row[0])
			continue;
		/* Find the byte offset of screen column idx (row text is UTF-8). */
		VTermScreenCell c;
		VTermPos p = { r, idx };
		vterm_screen_get_cell(t->vs, p, &c);
		if (!(c.chars[0] >= '0' && c.chars[0] <= '9')) {
			fprintf(stderr, "# row %d has no id at column %d: %s\n", r, idx, row);
			return false;
		}
	}
	return true;
}

static bool t_hostile(struct world *w, struct term *t)
{
	/* 60 servers: every one of the sandbox's hostile strings (58) is a
	 * hostname. */
	static const char *const args[] = { "--hostile", "--servers", "60", NULL };
	char row[4096];
	if (!open_world(w, t, args, 24, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, " servers", WAIT));
	CHECK(term_wait_idle(t, 20000));
	term_row(t, 1, row, sizeof(row));
	long n = strtol(strstr(row, "Servers") + 8, NULL, 10);
	CHECK(n >= 58);
	CHECK(rows_intact(t, 3, t->rows - 2));
	/* Walk every row and every column. */
	for (long i = 0; i < n; i += 10) {
		term_send(t, "\x04");
		term_pump(t, 30);
	}
	term_send(t, "lllllll");
	CHECK(term_wait_idle(t, 20000));
	term_send(t, "hhhhhhhg");
	CHECK(term_wait_idle(t, 20000));
	CHECK(rows_intact(t, 3, t->rows - 2));
	/* The overview of each of the first rows. */
	for (int i = 0; i < 5; i++) {
		term_send(t, ENTER);
		CHECK(term_wait(t, "remote console", WAIT));
		CHECK(term_wait_idle(t, 20000));
		term_row(t, t->rows - 1, row, sizeof(row));
		CHECK(strstr(row, "? help") != NULL);
		term_row(t, 0, row, sizeof(row));
		CHECK(strstr(row, "1 Servers") != NULL);
		term_send(t, "q" KEY_DOWN_S);
		CHECK(term_wait(t, "servers", WAIT));
	}
	term_row(t, t->rows - 1, row, sizeof(row));
	CHECK(strstr(row, "? help") != NULL);
	CHECK(!t->title_set);
	CHECK(t->bad_seqs == 0);
	return true;
}

static bool t_quit_confirm(struct world *w, struct term *t)
{
	static const char *const slow[] = { "--servers", "12", "--latency", "1500", NULL };
	if (!open_world(w, t, slow, 24, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, "in flight", WAIT));
	term_send(t, "q");
	CHECK(term_wait(t, "Quit dedi?", WAIT));
	term_send(t, ENTER); /* focus starts on Cancel */
	CHECK(term_wait_gone(t, "Quit dedi?", WAIT));
	CHECK(term_wait(t, "12 servers", 20000));
	CHECK(term_wait_idle(t, 30000));
	term_send(t, "q");
	CHECK(term_wait_exit(t, WAIT));
	CHECK(t->exit_status == 0);
	return true;
}

static bool t_cmdline(struct world *w, struct term *t)
{
	char host[128];
	if (!open_world(w, t, twelve, 24, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	first_word(t, 5, host, sizeof(host));
	term_send(t, ":op\t");
	CHECK(term_wait(t, ":open", WAIT)); /* trailing blank trimmed by term_row */
	term_send(t, host);
	term_send(t, ENTER);
	CHECK(term_wait(t, "remote console", WAIT));
	char title[4096];
	term_row(t, 1, title, sizeof(title));
	CHECK(strstr(title, host) != NULL);
	term_send(t, ":nosuch" ENTER);
	CHECK(term_wait(t, "Unknown command", WAIT));
	/* :theme switches at once. */
	term_send(t, "q:theme mo\t" ENTER);
	CHECK(term_wait(t, "Theme mono.", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	for (int r = 0; r < t->rows - 1; r++)
		for (int c = 0; c < t->cols; c++)
			CHECK(term_default_colors(t, r, c));
	term_send(t, ":theme nosuch" ENTER);
	CHECK(term_wait(t, "was not found", WAIT));
	return true;
}

static bool t_ascii(struct world *w, struct term *t)
{
	static const char *const env[] = { "LC_ALL=C", NULL };
	if (!open_world(w, t, twelve, 24, 80, env, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "remote console", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(!t->non_ascii);
	return true;
}

static bool t_tabs(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	term_send(t, "2");
	CHECK(term_wait(t, "failover IPs", WAIT));
	term_send(t, "\t");
	CHECK(term_wait(t, "invoices", WAIT));
	term_send(t, "4");
	CHECK(term_wait(t, "Scaleway Dedibox", WAIT));
	CHECK(!term_has(t, DD_TEST_SECRET));
	term_send(t, "\x1b[Z");
	CHECK(term_wait(t, "invoices", WAIT));
	term_send(t, "1");
	CHECK(term_wait(t, "12 servers", WAIT));
	return true;
}

static bool t_sigterm(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 80, NULL, NULL))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	kill(t->pid, SIGTERM);
	CHECK(term_wait_exit(t, WAIT));
	CHECK(t->exit_status == 0);
	/* curses gave the terminal back: the console's screen is gone. */
	CHECK(!term_has(t, "1 Servers"));
	return true;
}

static const struct screen_test tests[] = {
	{ "open: the table paints", t_open, 45 },
	{ "move: j/k/g/G and Enter open the row under the cursor", t_move, 45 },
	{ "filter: / narrows every column, Esc clears", t_filter, 45 },
	{ "sort: s, S and :sort id", t_sort, 45 },
	{ "overview: every section of a server", t_overview, 45 },
	{ "edit hostname: validation, then the API's answer", t_edit_hostname, 45 },
	{ "edit reverse DNS (validated), backup autologin and password, tags", t_edit_reverse_backup, 45 },
	{ "edit tags: the list shows them at once, and after r", t_edit_tags_list, 45 },
	{ "mouse: header sorts, click selects and opens, tabs", t_mouse, 45 },
	{ "help: keys of the current screen", t_help, 45 },
	{ "tabs: 1-4, Tab, Shift-Tab", t_tabs, 45 },
	{ "command line: completion and open", t_cmdline, 45 },
	{ "resize: 200x60 then 80x24", t_resize, 40 },
	{ "mono theme: no colour, reversed cursor", t_mono, 45 },
	{ "NO_COLOR: mono", t_no_color, 45 },
	{ "colours: [8] on xterm, [256] on xterm-256color", t_colours, 45 },
	{ "--demo: the embedded sandbox", t_demo, 45 },
	{ "broken theme: message with file and line, default theme", t_bad_theme, 45 },
	{ "config theme = mono", t_config_theme, 45 },
	{ "ASCII terminal: nothing but ASCII is written", t_ascii, 45 },
	{ "sandbox stopped mid-session: stale data, errors, :log", t_sandbox_stops, 60 },
	{ "SIGTERM: a clean exit that gives the terminal back", t_sigterm, 45 },
	{ "overview offline: the last data stays, marked stale", t_overview_offline, 60 },
	{ "Online token only: list, overview, hostname edit", t_online_only, 60 },
	{ "quit while requests are in flight asks first", t_quit_confirm, 60 },
	{ "hostile world: no injected sequence, rows intact", t_hostile, 90 },
};

int main(int argc, char **argv)
{
	return screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
