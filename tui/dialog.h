/* The dialog that every action opens before it does anything: a title, the
 * request exactly as it will be sent, Cancel and Confirm buttons with
 * Cancel the default, and optionally a text (the server's hostname or ID)
 * to type before Confirm is possible. A state of the app, not a nested
 * input loop; the opener learns the outcome through a callback. */
#ifndef DD_TUI_DIALOG_H
#define DD_TUI_DIALOG_H

#include <stdbool.h>

#include "tui/prompt.h"
#include "tui/theme.h"

struct dd_app;

enum dd_dialog_outcome { DD_DIALOG_CANCELLED, DD_DIALOG_CONFIRMED };

typedef void dd_dialog_done_fn(struct dd_app *app, enum dd_dialog_outcome out, void *ud);

/* What a dialog shows. Plain strings, copied when the dialog opens; NULL
 * or "" leaves a line out, so the write path can fill what it knows. */
struct dd_dialog_spec {
	const char *title;          /* "Reboot web-01?" */
	const char *text;           /* what will happen; '\n' breaks lines */
	const char *method;         /* "POST" */
	const char *resource;       /* the URL or resource path */
	const char *body;           /* the body as sent, secrets already masked */
	const char *price;          /* when it costs money: "€12.99 a month" */
	const char *confirm_label;  /* "Reboot"; NULL: "Confirm" */
	const char *typed;          /* to type exactly before Confirm enables; NULL: none */
	bool ctrl_c_confirms;       /* the quit dialog: a second Ctrl-C means it */
	dd_dialog_done_fn *done;    /* called once, after the dialog closed */
	void *ud;                   /* for done */
};

enum dd_dialog_focus { DD_DF_CANCEL, DD_DF_CONFIRM };

struct dd_dialog {
	bool open;
	char title[128];
	char text[512];
	char method[16];
	char resource[512];
	char body[2048];
	char price[96];
	char confirm_label[32];
	char typed[256];            /* "" when nothing needs typing */
	bool ctrl_c_confirms;
	struct dd_prompt field;     /* what the user typed */
	enum dd_dialog_focus focus; /* starts on Cancel */
	char note[160];             /* why Confirm did nothing */
	dd_dialog_done_fn *done;
	void *ud;
};

/* What a key did to the dialog. */
enum dd_dialog_ev {
	DD_DE_NONE,       /* nothing to redraw */
	DD_DE_REDRAW,     /* focus, text or note changed */
	DD_DE_CONFIRMED,  /* the dialog closed: go ahead */
	DD_DE_CANCELLED,  /* the dialog closed: do nothing */
	DD_DE_QUIT        /* Ctrl-C: closed as cancelled, and the user wants out */
};

void dd_dialog_open(struct dd_dialog *d, const struct dd_dialog_spec *spec);
/* Confirm is possible: nothing to type, or the text matches exactly. */
bool dd_dialog_ready(const struct dd_dialog *d);
/* fkey: ch is a curses KEY_* code; otherwise a Unicode character. The
 * dialog closes itself on every outcome but DD_DE_NONE/REDRAW; the caller
 * then calls done. */
enum dd_dialog_ev dd_dialog_input(struct dd_dialog *d, bool fkey, int ch);
/* Centred over a rows x cols screen. */
void dd_dialog_draw(const struct dd_dialog *d, const struct dd_theme *th, int rows, int cols);

#endif
