/* The invoice detail as a page of lines, built before it is drawn so the
 * page can scroll (j/k, PgUp/PgDn): a long Dedibox invoice or the seven
 * parts of a Scaleway one never stop at the terminal's last row. */
#ifndef DD_TUI_INVOICE_PAGE_H
#define DD_TUI_INVOICE_PAGE_H

#include <stddef.h>

#include "tui/theme.h"

struct dd_app;

struct dd_pline {
	int x;               /* where the text starts */
	int role;            /* enum dd_role of the text */
	char label[20];      /* drawn at column 2, "" for none */
	char text[320];
};

struct dd_page {
	struct dd_pline *v;
	size_t n, cap;
	int width;           /* of the terminal */
	int oom;             /* a line could not be added: the page says so */
};

/* A labelled value, wrapped at the page's width. */
void dd_page_row(struct dd_page *p, const char *label, const char *value, int role);
/* Text from column x, wrapped. */
void dd_page_text(struct dd_page *p, int x, const char *text, int role);
void dd_page_free(struct dd_page *p);

/* Builds the page of the invoice the Billing tab opened (caller frees). */
void dd_invoice_page(const struct dd_app *app, struct dd_page *p);

#endif
