/* One line of text input at the bottom: the `/` filter, the `:` command
 * line and the edit prompts of the overview. A state of the app, not a
 * nested input loop. */
#ifndef DD_TUI_PROMPT_H
#define DD_TUI_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/theme.h"

enum dd_prompt_kind { DD_P_NONE, DD_P_FILTER, DD_P_CMD, DD_P_EDIT };

enum dd_prompt_ev {
	DD_PE_NONE,     /* nothing changed */
	DD_PE_CHANGED,  /* the text changed */
	DD_PE_DONE,     /* Enter */
	DD_PE_CANCEL,   /* Esc */
	DD_PE_TAB       /* Tab: the owner completes */
};

struct dd_prompt {
	enum dd_prompt_kind kind;
	char label[96];       /* "/", ":", "hostname: " */
	char buf[512];        /* UTF-8 */
	size_t len, cur;      /* bytes; cur is on a character boundary */
	char err[256];        /* validation message shown after the text */
	int target, ref;      /* what an edit prompt edits (the owner's codes) */
	bool secret;          /* shown as stars, wiped on close */
	int tab_cycle;        /* repeated Tab walks the candidates */
	size_t tab_len;       /* buffer length when the cycle began */
};

void dd_prompt_open(struct dd_prompt *p, enum dd_prompt_kind kind, const char *label,
		    const char *initial);
void dd_prompt_close(struct dd_prompt *p);
/* fkey: ch is a curses KEY_* code; otherwise a Unicode character. */
enum dd_prompt_ev dd_prompt_input(struct dd_prompt *p, bool fkey, int ch);
/* Completes the word at the end of the text from cands (any order). */
void dd_prompt_complete(struct dd_prompt *p, const char *const *cands, size_t n);
void dd_prompt_draw(const struct dd_prompt *p, const struct dd_theme *th, int y, int w);

#endif
