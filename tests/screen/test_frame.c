/* Screen tests of the frame around screens: the dialog (Cancel is the
 * default), and the prompt, `:` and `r` reaching the current screen only
 * through its hooks. TAP on stdout. */
#include <stdio.h>
#include <string.h>

#include "tests/screen/harness.h"

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

static const char *const twelve[] = { "--seed", "1", "--servers", "12", NULL };
static const char *const slow[] = { "--servers", "12", "--latency", "3000", NULL };

static bool open_world(struct world *w, struct term *t, const char *const *sandbox_args)
{
	if (world_start(w, sandbox_args) < 0 || term_start(t, w, 24, 80, NULL, NULL) < 0) {
		fprintf(stderr, "# the sandbox or dedi did not start\n");
		return false;
	}
	return true;
}

/* The screen column where text starts on row r (cells, not bytes), -1. */
static int col_of(const struct term *t, int r, const char *text)
{
	char row[4096];
	term_row(t, r, row, sizeof(row));
	const char *p = strstr(row, text);
	int col = 0;
	if (!p)
		return -1;
	for (const char *q = row; q < p; q++)
		col += ((unsigned char)*q & 0xc0) != 0x80;
	return col;
}

static bool cancel_focused(const struct term *t)
{
	int r = term_find(t, "[ Cancel ]");
	if (r < 0)
		return false;
	int c = col_of(t, r, "[ Cancel ]"), q = col_of(t, r, "[ Quit ]");
	return q > 0 && term_reverse(t, r, c + 2) && !term_reverse(t, r, q + 2);
}

static bool t_dialog_default(struct world *w, struct term *t)
{
	if (!open_world(w, t, slow))
		return false;
	CHECK(term_wait(t, "in flight", WAIT));
	term_send(t, "q");
	CHECK(term_wait(t, "Quit dedi?", WAIT));
	CHECK(term_wait(t, "still in flight", WAIT));
	CHECK(cancel_focused(t));
	/* Esc cancels; so does 'q' in a dialog with nothing to type. */
	term_send(t, ESC);
	CHECK(term_wait_gone(t, "Quit dedi?", WAIT));
	term_send(t, "q");
	CHECK(term_wait(t, "Quit dedi?", WAIT));
	CHECK(cancel_focused(t));
	term_send(t, "q");
	CHECK(term_wait_gone(t, "Quit dedi?", WAIT));
	/* Tab moves the focus to Quit; Enter takes it. */
	term_send(t, "q");
	CHECK(term_wait(t, "Quit dedi?", WAIT));
	term_send(t, "\t");
	int r = term_find(t, "[ Quit ]");
	CHECK(r > 0);
	for (int i = 0; i < 50 && !term_reverse(t, r, col_of(t, r, "[ Quit ]") + 2); i++)
		term_pump(t, 50);
	CHECK(term_reverse(t, r, col_of(t, r, "[ Quit ]") + 2));
	CHECK(!term_reverse(t, r, col_of(t, r, "[ Cancel ]") + 2));
	term_send(t, ENTER);
	CHECK(term_wait_exit(t, WAIT));
	CHECK(t->exit_status == 0);
	return true;
}

static bool t_dialog_ctrl_c(struct world *w, struct term *t)
{
	if (!open_world(w, t, slow))
		return false;
	CHECK(term_wait(t, "in flight", WAIT));
	term_send(t, "\x03");
	CHECK(term_wait(t, "Quit dedi?", WAIT));
	term_send(t, "\x03"); /* a second Ctrl-C means it */
	CHECK(term_wait_exit(t, WAIT));
	CHECK(t->exit_status == 0);
	return true;
}

static bool t_filter_current_screen(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	/* The overview has no filter: `/` says so and the list is untouched. */
	term_send(t, ENTER);
	CHECK(term_wait(t, "remote console", WAIT));
	term_send(t, "/");
	CHECK(term_wait(t, "Server has no filter.", WAIT));
	term_send(t, "zz" ENTER ESC);
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(!term_has(t, "filter:"));
	/* Nor has Network: neither `/` nor `:filter` reaches the list. */
	term_send(t, "2/");
	CHECK(term_wait(t, "Network has no filter.", WAIT));
	term_send(t, ":filter zz" ENTER);
	CHECK(term_wait(t, "does not apply to Network", WAIT));
	term_send(t, ":sort id" ENTER);
	CHECK(term_wait(t, "Network has no columns to sort.", WAIT));
	term_send(t, "1");
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(!term_has(t, "filter:"));
	CHECK(!term_has(t, "sorted by"));
	/* The list's own filter still works, from `/` and from `:filter`. */
	term_send(t, ":filter zz" ENTER);
	CHECK(term_wait(t, "filter: zz", WAIT));
	term_send(t, ESC "/zz");
	CHECK(term_wait(t, "0 of 12 servers  filter: zz", WAIT));
	return true;
}

static bool t_refresh_current_screen(struct world *w, struct term *t)
{
	if (!open_world(w, t, twelve))
		return false;
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	/* Account has nothing to read again (Billing has: its invoices). */
	term_send(t, "4r");
	CHECK(term_wait(t, "Nothing to refresh on this screen.", WAIT));
	term_send(t, "1r");
	CHECK(term_wait(t, "12 servers loaded.", WAIT));
	return true;
}

static const struct screen_test tests[] = {
	{ "dialog: Cancel is the default, Esc and q cancel, Tab then Enter quits", t_dialog_default, 60 },
	{ "dialog: a second Ctrl-C quits", t_dialog_ctrl_c, 45 },
	{ "filter: / and :filter reach the current screen only", t_filter_current_screen, 45 },
	{ "refresh: r reloads the current screen, or says it cannot", t_refresh_current_screen, 45 },
};

int main(int argc, char **argv)
{
	return screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
