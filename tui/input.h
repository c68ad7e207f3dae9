/* Input decoding: the keys read in one round of the loop, SGR mouse
 * reports, and where each key goes (dialog, prompt, help, screen, app). */
#ifndef DD_TUI_INPUT_H
#define DD_TUI_INPUT_H

#include <stdbool.h>

struct dd_app;

/* Keys read in one go. SGR (1006) mouse reports are decoded here rather
 * than by curses, whose decoder reads the rest of a report with a blocking
 * read() and can freeze the loop when reports arrive back to back. */
struct dd_keyq {
	struct { bool fkey; int ch; } k[512];
	int n;
	bool carried;   /* a partial report waited one round already */
};

/* Reads every key waiting (a resize arrives as a key too). */
void dd_input_read(struct dd_keyq *q);
/* Sends the queued keys where they belong; a partial mouse report waits
 * for the next round once. */
void dd_input_dispatch(struct dd_app *app, struct dd_keyq *q);

#endif
