/* Screen tests: dedi runs under forkpty in a fixed world (80x24,
 * TERM=xterm-256color, LC_ALL=C.UTF-8, TZ=UTC, private XDG directories,
 * its own dedi-sandbox); its output feeds libvterm and tests read the
 * emulated screen, waiting for text with a deadline, never sleeping. */
#ifndef DD_TEST_SCREEN_HARNESS_H
#define DD_TEST_SCREEN_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <vterm.h>

struct world {
	pid_t sandbox;          /* dedi-sandbox child, 0 if none */
	int sandbox_status;     /* its exit status once world_stop reaped it */
	char url[256];          /* its base URL */
	char dir[256];          /* private HOME and XDG directories */
};

struct term {
	pid_t pid;
	int fd;                 /* pty master */
	VTerm *vt;
	VTermScreen *vs;
	int rows, cols;
	bool title_set;         /* an OSC title reached the terminal */
	size_t bad_seqs;        /* raw sequences that no sanitized screen emits */
	size_t raw_bytes;
	bool non_ascii;         /* a byte >= 0x80 was written */
	int exit_status;        /* after term_wait_exit, -1 before */
	int expect_exit;        /* the status the runner requires at the end (0 unless a test says) */
	char last_esc[8];       /* scanner state across reads */
	size_t esc_len;
};

/* Starts dedi-sandbox with extra arguments (NULL-terminated). */
int world_start(struct world *w, const char *const *args);
void world_stop(struct world *w);

/* Starts dedi in the world. env: extra "NAME=value" (NULL-terminated) that
 * override the fixed ones; args: dedi's arguments. */
int term_start(struct term *t, const struct world *w, int rows, int cols,
	       const char *const *env, const char *const *args);
void term_stop(struct term *t);

void term_send(struct term *t, const char *keys);
void term_resize(struct term *t, int rows, int cols);
/* Reads whatever dedi wrote within ms. */
void term_pump(struct term *t, int ms);

/* Row text (UTF-8, trailing blanks trimmed). */
void term_row(const struct term *t, int row, char *buf, size_t len);
/* The whole screen, rows joined by '\n'; caller frees. */
char *term_screen(const struct term *t);
bool term_has(const struct term *t, const char *text);
/* The row where text first appears, -1 if none. */
int term_find(const struct term *t, const char *text);

/* Waits for text on the screen; false (and prints the screen) on timeout. */
bool term_wait(struct term *t, const char *text, int ms);
bool term_wait_gone(struct term *t, const char *text, int ms);
/* Waits until no request is in flight (the status line says so) and the
 * output has been quiet for a moment. */
bool term_wait_idle(struct term *t, int ms);
/* Waits for dedi to exit; false on timeout. */
bool term_wait_exit(struct term *t, int ms);

/* Cell attributes at (row, col). */
bool term_reverse(const struct term *t, int row, int col);
bool term_default_colors(const struct term *t, int row, int col);
/* The palette index of the cell's background, -1 if default or RGB. */
int term_bg_index(const struct term *t, int row, int col);

/* Compares the screen (without the status line) with
 * $DD_SRCDIR/tests/screen/golden/NAME.txt; DD_GOLDEN_UPDATE=1 rewrites it. */
bool term_golden(const struct term *t, const char *name);

void term_dump(const struct term *t, const char *why);

/* After term_stop / world_stop: dedi's status is its expect_exit, the
 * sandbox's 0; false with a diagnostic otherwise (a sanitizer's report at
 * exit changes them). The runners check both after every test. */
bool term_exits_ok(const struct term *t);
bool world_exits_ok(const struct world *w);

/* One screen test: its own child, world and time limit. */
struct screen_test {
	const char *name;
	bool (*fn)(struct world *, struct term *);
	int limit_s;
};
/* Runs the tests (argv[1]: only those whose name contains it) as TAP,
 * keeping a failed test's diagnostics only; the exit code for main. */
int screen_tests_run(const struct screen_test *tests, size_t n, int argc, char **argv);

#endif
