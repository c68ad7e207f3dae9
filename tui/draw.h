/* Writing sanitized UTF-8 into the screen, clipped to a width, with an
 * ASCII fallback for terminals that are not UTF-8. */
#ifndef DD_TUI_DRAW_H
#define DD_TUI_DRAW_H

#include <stdbool.h>
#include <stddef.h>

/* Set once at start from the locale. */
void dd_draw_set_utf8(bool utf8);
bool dd_draw_utf8(void);

/* Writes s at (y, x) using at most w columns with attribute attr; returns
 * the columns written. Non-ASCII characters become '?' without UTF-8. */
int dd_draw_text(int y, int x, int w, const char *s, unsigned long attr);
/* Same, then pads with blanks to exactly w columns. */
void dd_draw_field(int y, int x, int w, const char *s, unsigned long attr);
/* Writes s with the case-insensitive matches of needle in mattr. */
void dd_draw_field_hl(int y, int x, int w, const char *s, const char *needle,
		      unsigned long attr, unsigned long mattr);
/* Fills w columns with blanks. */
void dd_draw_blank(int y, int x, int w, unsigned long attr);
/* Columns taken by s as dd_draw_text would draw it. */
int dd_draw_width(const char *s);
/* A horizontal line (falls back to '-'). */
void dd_draw_hline(int y, int x, int w, unsigned long attr);
/* Box frame around a rectangle (falls back to ASCII). */
void dd_draw_box(int y, int x, int h, int w, unsigned long attr);
/* Word-wraps s into the rectangle; returns the rows used. */
int dd_draw_para(int y, int x, int h, int w, const char *s, unsigned long attr);
/* Case-insensitive (ASCII) substring search; returns the byte offset or -1. */
long dd_draw_find(const char *hay, const char *needle);

#endif
