/* Screen tests of issue 18's console items: escape sequences a terminal
 * sends that terminfo does not list, :log going back where it came from,
 * the command line (:q, completion per screen, :sort -x), the quit dialog
 * that closes when its requests end, kept messages, cuts that say so, and
 * small terminals. TAP on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/screen/harness.h"

#define ESC "\x1b"
#define ENTER "\r"
#define TAB "\t"
#define WAIT 15000

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "# %s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
			return false;                                          \
		}                                                              \
	} while (0)

static const char *const twelve[] = { "--seed", "1", "--servers", "12", NULL };
static const char *const slow[] = { "--seed", "1", "--servers", "12", "--latency", "1500", NULL };

/* NO_COLOR: the cursor row is reversed, which the tests can see. */
static const char *const mono[] = { "NO_COLOR=1", NULL };

static bool open_world(struct world *w, struct term *t, const char *const *sandbox_args,
		       int rows, int cols)
{
	if (world_start(w, sandbox_args) < 0 || term_start(t, w, rows, cols, mono, NULL) < 0) {
		fprintf(stderr, "# the sandbox or dedi did not start\n");
		return false;
	}
	return true;
}

/* Waits until the cell at (r, c) is reversed (the cursor row). */
static bool wait_reverse(struct term *t, int r, int c, int ms)
{
	for (int waited = 0; waited < ms; waited += 50) {
		if (term_reverse(t, r, c))
			return true;
		term_pump(t, 50);
	}
	term_dump(t, "the cursor did not get there");
	return false;
}

static bool row_ends_with(const struct term *t, int r, const char *tail)
{
	char row[4096];
	term_row(t, r, row, sizeof(row));
	size_t n = strlen(row), k = strlen(tail);
	return n >= k && !strcmp(row + n - k, tail);
}

static bool row_has(const struct term *t, int r, const char *text)
{
	char row[4096];
	term_row(t, r, row, sizeof(row));
	return strstr(row, text) != NULL;
}

/* tmux sends Home as "ESC [ 1 ~", which xterm's terminfo does not list:
 * it must move in the prompt, not close it and fire '[' and '1'. */
static bool t_home_end(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 80))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(wait_reverse(t, 3, 0, WAIT));
	term_send(t, ":ort" ESC "[1~" "s" ENTER);
	CHECK(term_wait(t, ":sort needs an argument", WAIT));
	/* An unknown sequence (Shift-F12) is swallowed whole: its '2' and '4'
	 * do not switch tabs; the next key is the user's. */
	term_send(t, ESC "[24;2~" "j");
	CHECK(wait_reverse(t, 4, 0, WAIT));
	CHECK(term_has(t, "12 servers"));
	/* End in the vt220 form goes to the last row, not to tab 4. */
	term_send(t, ESC "[4~");
	CHECK(wait_reverse(t, 14, 0, WAIT));
	CHECK(!term_reverse(t, 4, 0));
	term_send(t, ESC "[H");
	CHECK(wait_reverse(t, 3, 0, WAIT));
	return true;
}

static bool t_log_back(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 80))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "interface 1", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, ":log" ENTER);
	CHECK(term_wait(t, "Error log", WAIT));
	CHECK(term_wait_gone(t, "interface 1", WAIT));
	term_send(t, ESC);
	CHECK(term_wait(t, "interface 1", WAIT));
	CHECK(!term_has(t, "Error log"));
	/* q from the overview still goes back to the list. */
	term_send(t, "q");
	CHECK(term_wait(t, "12 servers", WAIT));
	return true;
}

static bool t_cmd_quit(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 80))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, ":q" ENTER);
	CHECK(term_wait_exit(t, WAIT));
	CHECK(t->exit_status == 0);
	return true;
}

static bool t_completion(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 80))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, ":sort -i" TAB);
	CHECK(term_wait(t, ":sort -id ", WAIT));
	term_send(t, ESC);
	CHECK(term_wait_gone(t, ":sort -id", WAIT));
	/* The overview's commands do not apply to the list. */
	term_send(t, ":hostn" TAB);
	CHECK(term_wait(t, "no match", WAIT));
	term_send(t, ESC);
	/* Account has no columns: no :sort there, but :quit is. */
	term_send(t, "4");
	term_send(t, ":so" TAB);
	CHECK(term_wait(t, "no match", WAIT));
	term_send(t, "\x15" "qui" TAB);
	CHECK(term_wait(t, ":quit", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait_exit(t, WAIT));
	return true;
}

/* The dialog asked because of requests in flight; once they end there is
 * nothing left to ask about. */
static bool t_quit_dialog_closes(struct world *w, struct term *t)
{
	if (!open_world(w, t, slow, 24, 80))
		return false;
	CHECK(term_wait(t, "in flight", WAIT));
	term_send(t, "q");
	CHECK(term_wait(t, "Quit dedi?", WAIT));
	CHECK(term_wait_exit(t, 20000));
	CHECK(t->exit_status == 0);
	return true;
}

/* "Theme light." stays when the list loaded behind it says so, and goes
 * to :log; a long error is cut with "…" and whole in :log. */
static bool t_messages_kept(struct world *w, struct term *t)
{
	if (!open_world(w, t, slow, 24, 80))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "r");
	CHECK(term_wait(t, "in flight", WAIT));
	term_send(t, ":theme light" ENTER);
	CHECK(term_wait(t, "Theme light.", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_has(t, "Theme light."));
	CHECK(!term_has(t, "servers loaded"));
	term_send(t, ":sort aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" ENTER);
	CHECK(term_wait(t, "No column is named", WAIT));
	CHECK(row_ends_with(t, 23, "… ? help"));
	term_send(t, ":log" ENTER);
	CHECK(term_wait(t, "Error log", WAIT));
	CHECK(term_wait(t, "(Tab lists them).", WAIT));
	CHECK(term_has(t, "Theme light."));
	return true;
}

/* A cut value ends in "…": a reverse cut at 50 columns is not a name. */
static bool t_overview_cut(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 50))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "interface 1", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	int r = term_find(t, "    ipv4 ");
	CHECK(r > 0);
	CHECK(row_ends_with(t, r, "…"));
	return true;
}

/* 40x12: short tab labels and the help hint; 20 columns: numbers. */
static bool t_small(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 12, 40))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, ":theme light" ENTER);
	CHECK(term_wait(t, "Theme light.", WAIT));
	CHECK(row_has(t, 0, "1 Ser"));
	CHECK(row_has(t, 0, "4 Acc"));
	CHECK(row_ends_with(t, 11, "? help"));
	term_resize(t, 12, 20);
	CHECK(term_wait_gone(t, "1 Ser", WAIT));
	CHECK(row_has(t, 0, " 1   2   3   4"));
	CHECK(row_ends_with(t, 11, "?"));
	return true;
}


/* a, c and Enter on the autologin line ask first (Cancel is the default
 * and changes nothing); the password is checked (8 to 64) and typed twice
 * before its dialog shows the request with the password masked. */
static bool t_backup_asks(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 50, 80))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "interface 1", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "G");
	CHECK(term_wait(t, "autologin", WAIT));
	char before[4096], row[4096];
	term_row(t, term_find(t, "  autologin "), before, sizeof(before));
	term_send(t, "a");
	CHECK(term_wait(t, "Change the backup settings?", WAIT));
	CHECK(term_has(t, "PATCH "));
	CHECK(term_has(t, "\"autologin\""));
	term_send(t, ENTER); /* Cancel */
	CHECK(term_wait_gone(t, "Change the backup settings?", WAIT));
	term_send(t, "c");
	CHECK(term_wait(t, "Change the backup settings?", WAIT));
	term_send(t, ESC);
	CHECK(term_wait_gone(t, "Change the backup settings?", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_row(t, term_find(t, "  autologin "), row, sizeof(row));
	CHECK(!strcmp(row, before));
	CHECK(!term_has(t, "The API accepted"));
	/* Enter on the autologin line asks too; Send sends. */
	int r = term_find(t, "  autologin "), cur = -1;
	for (int i = 0; i < 200 && cur < 0; i++) {
		for (int y = 2; y < t->rows - 1 && cur < 0; y++)
			if (term_reverse(t, y, 2))
				cur = y;
		if (cur < 0)
			term_pump(t, 50);
	}
	CHECK(cur > r);
	for (int i = 0; i < cur - r; i++)
		term_send(t, "k");
	CHECK(wait_reverse(t, r, 2, WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Change the backup settings?", WAIT));
	term_send(t, "\t" ENTER);
	CHECK(term_wait(t, "The API accepted the new backup settings.", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_row(t, term_find(t, "  autologin "), row, sizeof(row));
	CHECK(strcmp(row, before) != 0);
	/* The password: the API's rule first, then twice the same. */
	term_send(t, "p");
	CHECK(term_wait(t, "new backup password:", WAIT));
	term_send(t, "short" ENTER);
	CHECK(term_wait(t, "8 to 64 characters", WAIT));
	term_send(t, "\x15" "s3cret-Pa55" ENTER);
	CHECK(term_wait(t, "the same password again:", WAIT));
	term_send(t, "s3cret-Pa56" ENTER);
	CHECK(term_wait(t, "The two passwords differ", WAIT));
	CHECK(term_has(t, "new backup password:"));
	term_send(t, "s3cret-Pa55" ENTER);
	CHECK(term_wait(t, "the same password again:", WAIT));
	term_send(t, "s3cret-Pa55" ENTER);
	CHECK(term_wait(t, "Set the backup password?", WAIT));
	CHECK(term_has(t, "\"password\":\"********\""));
	CHECK(!term_has(t, "s3cret"));
	term_send(t, "\t" ENTER);
	CHECK(term_wait(t, "The API accepted the new backup settings.", WAIT));
	CHECK(!term_has(t, "s3cret"));
	return true;
}

/* The help wraps in the width it has, and lists only the keys that do
 * something here: Account cannot refresh, so no r. */
static bool t_help(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve, 24, 40))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, "4?");
	CHECK(term_wait(t, "Keys: Account", WAIT));
	CHECK(term_has(t, "commands and server names."));
	CHECK(!term_has(t, "Refresh this screen"));
	CHECK(!term_has(t, "Filter as you type"));
	term_send(t, ESC "1?");
	CHECK(term_wait(t, "Keys: Servers", WAIT));
	CHECK(term_has(t, "Move down one row."));
	return true;
}

/* The demo world has two servers named "mail": :open lists both instead
 * of opening one of them silently; Enter opens the chosen one. */
static bool t_open_two(struct world *w, struct term *t)
{
	static const char *const args[] = { "--demo", NULL };
	memset(w, 0, sizeof(*w));
	snprintf(w->dir, sizeof(w->dir), "/tmp/dd-screen-XXXXXX");
	CHECK(mkdtemp(w->dir) != NULL);
	CHECK(term_start(t, w, 24, 80, mono, args) == 0);
	CHECK(term_wait(t, "24 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, ":open mail" ENTER);
	CHECK(term_wait(t, "2 servers are named mail", WAIT));
	CHECK(term_has(t, "100172"));
	CHECK(term_has(t, "100166"));
	CHECK(!term_has(t, "interface 1"));
	term_send(t, "j" ENTER);
	CHECK(term_wait(t, "interface 1", WAIT));
	CHECK(row_has(t, 1, "#100166") || row_has(t, 1, "#100172"));
	return true;
}

/* :open completes ids as well as hostnames: "10016" is 100166 alone in
 * the demo world (one of the two "mail"), and Enter opens that one. */
static bool t_open_id(struct world *w, struct term *t)
{
	static const char *const args[] = { "--demo", NULL };
	memset(w, 0, sizeof(*w));
	snprintf(w->dir, sizeof(w->dir), "/tmp/dd-screen-XXXXXX");
	CHECK(mkdtemp(w->dir) != NULL);
	CHECK(term_start(t, w, 24, 80, mono, args) == 0);
	CHECK(term_wait(t, "24 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, ":open 10016\t");
	CHECK(term_wait(t, ":open 100166", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "interface 1", WAIT));
	CHECK(row_has(t, 1, "#100166"));
	return true;
}

static const struct screen_test tests[] = {
	{ "Home/End from tmux move; unknown sequences are swallowed", t_home_end, 45 },
	{ ":log then Esc returns to the overview", t_log_back, 45 },
	{ ":q quits", t_cmd_quit, 45 },
	{ "completion: commands of this screen, :sort -i<Tab>", t_completion, 45 },
	{ "quit dialog closes when the requests end", t_quit_dialog_closes, 60 },
	{ "messages: results kept over news, errors cut, whole in :log", t_messages_kept, 60 },
	{ "overview: cut values end in …", t_overview_cut, 45 },
	{ "small terminals: short tabs, then numbers, ? kept", t_small, 45 },
	{ ":open NAME with two matches lists both", t_open_two, 45 },
	{ ":open completes an id, Enter opens that server", t_open_id, 45 },
	{ "help: wrapped to the width, only the keys of this screen", t_help, 45 },
	{ "backup: a, c, Enter ask; the password is checked and typed twice", t_backup_asks, 60 },
};

int main(int argc, char **argv)
{
	return screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
