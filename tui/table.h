/* A virtualized table: the rows stay in the screen's model, the table
 * holds only arrays of indices (sorted order, filtered view) and asks for
 * a cell's text when it needs it, so 100,000 rows cost two size_t arrays. */
#ifndef DD_TUI_TABLE_H
#define DD_TUI_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/theme.h"

#define DD_TABLE_MAXCOLS 12

/* How a column's text sorts: as text, or by the value it shows. */
enum dd_col_kind {
	DD_COL_TEXT,
	DD_COL_IPV4,         /* dotted quad, by address; anything else last */
	DD_COL_DECIMAL,      /* "12.50", "-3", "1,024.5 EUR": by value */
	DD_COL_DATE,         /* ISO 8601 "2026-11-30[ 12:00[:00]]": by time */
};

struct dd_table_col {
	const char *title;
	int min, max;        /* width bounds in columns; max only caps the first
	                      * layout, spare width lets a column grow past it */
	bool numeric;        /* sorts as an integer */
	int shrink;          /* 0 never below its text; 1 gives room first, then 2, 3 */
	enum dd_col_kind kind;
};

/* Text of a cell; may return a static string or write into buf. */
typedef const char *(*dd_cell_fn)(const void *ctx, size_t row, int col, char *buf, size_t len);
/* Whether a row is in the view at all, before the text filter (a zone). */
typedef bool (*dd_keep_fn)(const void *ctx, size_t row);
/* The theme role of a cell by its meaning (a status), -1 for the row's. */
typedef int (*dd_role_fn)(const void *ctx, size_t row, int col);

struct dd_table {
	const struct dd_table_col *cols;
	int ncols;
	dd_cell_fn cell;
	dd_keep_fn keep;     /* NULL: every row */
	dd_role_fn role;     /* NULL: every cell in the row's colour */
	const void *ctx;
	size_t nrows;        /* rows in the model */
	size_t *order;       /* every row, sorted */
	size_t *view;        /* the rows that pass the filter, in order */
	size_t nview;
	int sort_col;        /* -1: the model's order */
	bool sort_desc;
	char filter[256];
	size_t cursor;       /* index into view */
	size_t top;          /* first view index on screen */
	int hscroll;         /* columns scrolled past (the first stays) */
	int height;          /* data rows on screen, set by dd_table_resize */
	int width;
	int natural[DD_TABLE_MAXCOLS];  /* widest text seen */
	bool hidden[DD_TABLE_MAXCOLS];  /* left out by the column chooser */
	int widths[DD_TABLE_MAXCOLS];   /* laid out for width */
};

void dd_table_init(struct dd_table *t, const struct dd_table_col *cols, int ncols,
		   dd_cell_fn cell, const void *ctx);
void dd_table_free(struct dd_table *t);

/* The model changed (new rows or new text): re-sort, re-filter, keep the
 * cursor on the row whose key_row it was if still there. -1 on ENOMEM. */
int dd_table_set_rows(struct dd_table *t, size_t nrows);
/* Re-measures columns (after cell text changed without new rows). */
void dd_table_measure(struct dd_table *t);
void dd_table_sort(struct dd_table *t, int col, bool desc);
void dd_table_set_filter(struct dd_table *t, const char *needle);
/* keep's answer changed for some rows: the view is built again. */
void dd_table_refilter(struct dd_table *t);
/* One row's record changed: the filter judges that row again (it may now
 * match, or no longer), in its sorted place, the cursor kept on its row.
 * Cheap: no other row's cells are read. */
void dd_table_rejudge(struct dd_table *t, size_t row);
/* Screen size changed: recompute widths and keep the cursor visible. */
void dd_table_resize(struct dd_table *t, int height, int width);
/* Hides or shows a column (the first one always stays), then lays out. */
void dd_table_show_col(struct dd_table *t, int col, bool shown);
/* Grows a column's natural width to hold text of width w (a record's
 * text arrived); true when the layout changed. */
bool dd_table_fit(struct dd_table *t, int col, int w);

void dd_table_move(struct dd_table *t, long delta);
void dd_table_goto(struct dd_table *t, size_t view_index);
void dd_table_hscroll(struct dd_table *t, int delta);
/* The model row under the cursor; false when the view is empty. */
bool dd_table_current(const struct dd_table *t, size_t *row);
/* Which column a screen x falls in (for header clicks), -1 if none. */
int dd_table_col_at(const struct dd_table *t, int x);

/* Draws the header at y and height rows below it. */
void dd_table_draw(const struct dd_table *t, const struct dd_theme *th, int y, int x);

#endif
