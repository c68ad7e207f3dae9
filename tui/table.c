/* The table widget: order and filter are index arrays over the screen's
 * rows; drawing reads them and never changes them. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curses.h>
#include <locale.h>
#include <time.h>

#include "core/i18n.h"
#include "tui/draw.h"
#include "tui/table.h"

#define MEASURE_ROWS 5000
/* A cell wider than this is cut whatever the screen: no column needs more. */
#define MEASURE_CAP 160

/* The next column drawn after c: the first one stays, hscroll columns
 * after it are scrolled past, hidden ones are skipped. */
static int next_col(const struct dd_table *t, int c)
{
	int skip = c == 0 ? t->hscroll : 0;
	for (c++; c < t->ncols; c++) {
		if (t->hidden[c])
			continue;
		if (skip-- > 0)
			continue;
		return c;
	}
	return t->ncols;
}

void dd_table_init(struct dd_table *t, const struct dd_table_col *cols, int ncols,
		   dd_cell_fn cell, const void *ctx)
{
	memset(t, 0, sizeof(*t));
	t->cols = cols;
	t->ncols = ncols > DD_TABLE_MAXCOLS ? DD_TABLE_MAXCOLS : ncols;
	t->cell = cell;
	t->ctx = ctx;
	t->sort_col = -1;
	t->height = 1;
	for (int c = 0; c < t->ncols; c++)
		t->natural[c] = dd_draw_width(_(cols[c].title)) + 2;
}

void dd_table_free(struct dd_table *t)
{
	free(t->order);
	free(t->view);
	t->order = t->view = NULL;
	t->nrows = t->nview = 0;
}

struct sort_ctx {
	const struct dd_table *t;
	int col;
	bool desc;
	const double *num;
};

static int cmp_rows(const void *a, const void *b, void *arg)
{
	const struct sort_ctx *sc = arg;
	size_t ra = *(const size_t *)a, rb = *(const size_t *)b;
	int r;
	if (sc->num) {
		r = sc->num[ra] < sc->num[rb] ? -1 : sc->num[ra] > sc->num[rb];
	} else {
		char ba[64], bb[64];
		const char *sa = sc->t->cell(sc->t->ctx, ra, sc->col, ba, sizeof(ba));
		const char *sb = sc->t->cell(sc->t->ctx, rb, sc->col, bb, sizeof(bb));
		r = strcasecmp(sa, sb);
	}
	if (sc->desc)
		r = -r;
	/* Ties keep the model's order: the sort is stable for the user. */
	return r ? r : (ra < rb ? -1 : ra > rb);
}

/* The value a cell shows, as a number that sorts like it; text that is
 * not a value of the kind (empty, "?", "…") sorts after every value. */
static double cell_value(enum dd_col_kind kind, bool integer, const char *s)
{
	unsigned a, b, c, d, Y, M, D, h = 0, m = 0, sec = 0;
	char tail;
	switch (kind) {
	case DD_COL_IPV4:
		if (sscanf(s, "%3u.%3u.%3u.%3u%c", &a, &b, &c, &d, &tail) == 4 && a < 256 && b < 256 &&
		    c < 256 && d < 256)
			return (double)(((uint32_t)a << 24) | (b << 16) | (c << 8) | d);
		return INFINITY;
	case DD_COL_DATE:
		if (sscanf(s, "%4u-%2u-%2u", &Y, &M, &D) != 3) {
			/* A day in the locale's order (dd_date_display). */
			struct tm tm = { 0 };
			if (!strptime(s, "%x", &tm))
				return INFINITY;
			return ((tm.tm_year + 1900) * 100.0 + tm.tm_mon + 1) * 100 + tm.tm_mday;
		}
		if (strlen(s) > 10)
			sscanf(s + 11, "%2u:%2u:%2u", &h, &m, &sec);
		return ((((Y * 100.0 + M) * 100 + D) * 100 + h) * 100 + m) * 100 + sec;
	case DD_COL_DECIMAL: {
		char digits[64];
		size_t k = 0;
		/* Amounts are shown in the locale's money (dd_money_display):
		 * "1 234,56 €" has a decimal comma. Thousands separators (',',
		 * ' ', or a UTF-8 space's bytes) are dropped; the point becomes '.'. */
		const struct lconv *lc = localeconv();
		char point = lc && lc->mon_decimal_point && lc->mon_decimal_point[0] == ',' ? ',' : '.';
		for (; *s && k + 1 < sizeof(digits); s++)
			if ((*s >= '0' && *s <= '9') || (*s == '-' && k == 0))
				digits[k++] = *s;
			else if (*s == point && k)
				digits[k++] = '.';
			else if (k && *s != ',' && *s != '.' && *s != ' ' && !(*s & 0x80))
				break;
		digits[k] = 0;
		char *end;
		double v = strtod(digits, &end);
		return end == digits ? INFINITY : v;
	}
	case DD_COL_TEXT:
		break;
	}
	if (integer) {
		char *end;
		long long v = strtoll(s, &end, 10);
		return end == s ? INFINITY : (double)v;
	}
	return 0;
}

static void sort_order(struct dd_table *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		t->order[i] = i;
	if (t->sort_col < 0 || t->nrows < 2)
		return;
	struct sort_ctx sc = { t, t->sort_col, t->sort_desc, NULL };
	const struct dd_table_col *col = &t->cols[t->sort_col];
	double *num = NULL;
	if (col->numeric || col->kind != DD_COL_TEXT) {
		/* One parse per row, not one per comparison. */
		num = malloc(t->nrows * sizeof(*num));
		if (num) {
			for (size_t i = 0; i < t->nrows; i++) {
				char b[64];
				num[i] = cell_value(col->kind, col->numeric,
						    t->cell(t->ctx, i, t->sort_col, b, sizeof(b)));
			}
			sc.num = num;
		}
	}
	qsort_r(t->order, t->nrows, sizeof(size_t), cmp_rows, &sc);
	free(num);
}

static bool row_matches(const struct dd_table *t, size_t row, const char *needle)
{
	for (int c = 0; c < t->ncols; c++) {
		char b[64];
		if (dd_draw_find(t->cell(t->ctx, row, c, b, sizeof(b)), needle) >= 0)
			return true;
	}
	return false;
}

/* Rebuilds view from `from` (order or the current view when the new
 * needle only narrows the old one). */
static void filter_from(struct dd_table *t, const size_t *from, size_t n)
{
	size_t k = 0;
	if (!t->filter[0] && !t->keep) {
		memmove(t->view, from, n * sizeof(size_t));
		t->nview = n;
		return;
	}
	for (size_t i = 0; i < n; i++)
		if ((!t->keep || t->keep(t->ctx, from[i])) &&
		    (!t->filter[0] || row_matches(t, from[i], t->filter)))
			t->view[k++] = from[i];
	t->nview = k;
}

static void keep_visible(struct dd_table *t)
{
	if (t->nview == 0) {
		t->cursor = t->top = 0;
		return;
	}
	if (t->cursor >= t->nview)
		t->cursor = t->nview - 1;
	size_t h = t->height > 0 ? (size_t)t->height : 1;
	if (t->cursor < t->top)
		t->top = t->cursor;
	if (t->cursor >= t->top + h)
		t->top = t->cursor - h + 1;
	if (t->top + h > t->nview)
		t->top = t->nview > h ? t->nview - h : 0;
}

/* Puts the cursor back on `row` when it is still in the view. */
static void refind(struct dd_table *t, bool had, size_t row)
{
	if (had)
		for (size_t i = 0; i < t->nview; i++)
			if (t->view[i] == row) {
				t->cursor = i;
				break;
			}
	keep_visible(t);
}

void dd_table_measure(struct dd_table *t)
{
	size_t n = t->nrows < MEASURE_ROWS ? t->nrows : MEASURE_ROWS;
	for (int c = 0; c < t->ncols; c++) {
		int w = dd_draw_width(_(t->cols[c].title)) + 2;
		for (size_t i = 0; i < n && w < MEASURE_CAP; i++) {
			char b[64];
			int cw = dd_draw_width(t->cell(t->ctx, t->order ? t->order[i] : i, c, b, sizeof(b)));
			if (cw > w)
				w = cw;
		}
		t->natural[c] = w;
	}
	dd_table_resize(t, t->height, t->width);
}

int dd_table_set_rows(struct dd_table *t, size_t nrows)
{
	size_t row = 0;
	bool had = dd_table_current(t, &row);
	size_t *o = realloc(t->order, (nrows ? nrows : 1) * sizeof(size_t));
	if (!o)
		return -1;
	t->order = o;
	size_t *v = realloc(t->view, (nrows ? nrows : 1) * sizeof(size_t));
	if (!v)
		return -1;
	t->view = v;
	t->nrows = nrows;
	sort_order(t);
	filter_from(t, t->order, t->nrows);
	refind(t, had && row < nrows, row);
	dd_table_measure(t);
	return 0;
}

void dd_table_sort(struct dd_table *t, int col, bool desc)
{
	size_t row = 0;
	bool had = dd_table_current(t, &row);
	t->sort_col = col < t->ncols ? col : -1;
	t->sort_desc = desc;
	sort_order(t);
	filter_from(t, t->order, t->nrows);
	refind(t, had, row);
}

void dd_table_set_filter(struct dd_table *t, const char *needle)
{
	size_t row = 0;
	bool had = dd_table_current(t, &row);
	bool narrows = t->filter[0] && !strncmp(needle, t->filter, strlen(t->filter));
	snprintf(t->filter, sizeof(t->filter), "%s", needle);
	if (narrows)
		filter_from(t, t->view, t->nview);
	else
		filter_from(t, t->order, t->nrows);
	t->cursor = 0;
	t->top = 0;
	refind(t, had, row);
}

void dd_table_refilter(struct dd_table *t)
{
	size_t row = 0;
	bool had = dd_table_current(t, &row);
	filter_from(t, t->order, t->nrows);
	refind(t, had, row);
}

void dd_table_rejudge(struct dd_table *t, size_t row)
{
	size_t at = t->nview, cur = 0, k = 0;
	bool had, match;

	if (!t->filter[0] || row >= t->nrows)
		return;
	for (size_t i = 0; i < t->nview; i++)
		if (t->view[i] == row) {
			at = i;
			break;
		}
	match = (!t->keep || t->keep(t->ctx, row)) && row_matches(t, row, t->filter);
	if (match == (at < t->nview))
		return;
	had = dd_table_current(t, &cur);
	if (!match) {
		memmove(&t->view[at], &t->view[at + 1], (t->nview - at - 1) * sizeof(size_t));
		t->nview--;
	} else {
		/* view is order with rows left out: walk both to find the
		 * place, with no cell matched but this row's. */
		for (size_t i = 0; i < t->nrows && t->order[i] != row; i++)
			if (k < t->nview && t->view[k] == t->order[i])
				k++;
		memmove(&t->view[k + 1], &t->view[k], (t->nview - k) * sizeof(size_t));
		t->view[k] = row;
		t->nview++;
	}
	refind(t, had, cur);
}

void dd_table_resize(struct dd_table *t, int height, int width)
{
	int total = 0, shown = 0, last = 0;
	t->height = height > 0 ? height : 1;
	t->width = width;
	for (int c = 0; c < t->ncols; c++) {
		int w = t->natural[c];
		if (t->hidden[c]) {
			t->widths[c] = 0;
			continue;
		}
		if (w < t->cols[c].min)
			w = t->cols[c].min;
		if (w > t->cols[c].max)
			w = t->cols[c].max;
		t->widths[c] = w;
		total += w + (shown++ ? 1 : 0);
		last = c;
	}
	/* Too wide: columns give room by priority (tags and OS before names,
	 * never addresses), the widest of a priority first, down to their
	 * minimum; what still does not fit scrolls with Left/Right. */
	for (int prio = 1; prio <= 3 && total > width; prio++) {
		while (total > width) {
			int best = -1;
			for (int c = 0; c < t->ncols; c++)
				if (!t->hidden[c] && t->cols[c].shrink == prio && t->widths[c] > t->cols[c].min &&
				    (best < 0 || t->widths[c] > t->widths[best]))
					best = c;
			if (best < 0)
				break;
			t->widths[best]--;
			total--;
		}
	}
	/* Room to spare goes first to the columns whose text is cut, those
	 * that gave room first first, one column at a time so that each
	 * gets a share; what is left goes to the last column. */
	for (int prio = 1; prio <= 3 && total < width; prio++) {
		bool grew = true;
		while (total < width && grew) {
			grew = false;
			for (int c = 0; c < t->ncols && total < width; c++)
				if (!t->hidden[c] && t->cols[c].shrink == prio && t->widths[c] < t->natural[c]) {
					t->widths[c]++;
					total++;
					grew = true;
				}
		}
	}
	if (total < width && shown > 0)
		t->widths[last] += width - total;
	if (t->hscroll > shown - 2)
		t->hscroll = shown > 1 ? shown - 2 : 0;
	if (t->hscroll < 0)
		t->hscroll = 0;
	keep_visible(t);
}

void dd_table_show_col(struct dd_table *t, int col, bool shown)
{
	if (col <= 0 || col >= t->ncols)
		return;
	t->hidden[col] = !shown;
	dd_table_resize(t, t->height, t->width);
}

bool dd_table_fit(struct dd_table *t, int col, int w)
{
	if (col < 0 || col >= t->ncols || w <= t->natural[col])
		return false;
	t->natural[col] = w < MEASURE_CAP ? w : MEASURE_CAP;
	dd_table_resize(t, t->height, t->width);
	return true;
}

void dd_table_move(struct dd_table *t, long delta)
{
	if (t->nview == 0)
		return;
	long c = (long)t->cursor + delta;
	if (c < 0)
		c = 0;
	if ((size_t)c >= t->nview)
		c = (long)t->nview - 1;
	t->cursor = (size_t)c;
	keep_visible(t);
}

void dd_table_goto(struct dd_table *t, size_t i)
{
	t->cursor = i;
	keep_visible(t);
}

void dd_table_hscroll(struct dd_table *t, int delta)
{
	int shown = 0;
	for (int c = 0; c < t->ncols; c++)
		shown += !t->hidden[c];
	t->hscroll += delta;
	if (t->hscroll > shown - 2)
		t->hscroll = shown - 2;
	if (t->hscroll < 0)
		t->hscroll = 0;
}

bool dd_table_current(const struct dd_table *t, size_t *row)
{
	if (!t->view || t->nview == 0 || t->cursor >= t->nview)
		return false;
	*row = t->view[t->cursor];
	return true;
}


int dd_table_col_at(const struct dd_table *t, int x)
{
	int cx = 0;
	for (int c = 0; c < t->ncols && cx < t->width; c = next_col(t, c)) {
		if (x >= cx && x < cx + t->widths[c])
			return c;
		cx += t->widths[c] + 1;
	}
	return -1;
}

void dd_table_draw(const struct dd_table *t, const struct dd_theme *th, int y, int x)
{
	unsigned long ah = dd_theme_attr(th, DD_R_HEADER), as = dd_theme_attr(th, DD_R_HEADER_SORT);
	unsigned long ar = dd_theme_attr(th, DD_R_ROW), acur = dd_theme_attr(th, DD_R_CURSOR);
	unsigned long am = dd_theme_attr(th, DD_R_MATCH);
	int end = x + t->width;
	dd_draw_blank(y, x, t->width, ah);
	for (int c = 0, cx = x; c < t->ncols && cx < end; c = next_col(t, c)) {
		int cw = t->widths[c] < end - cx ? t->widths[c] : end - cx;
		char title[64];
		if (cw < t->widths[c] && !t->cols[c].shrink)
			break; /* an address cut is a wrong address: Right shows it */
		const char *mark = "";
		if (c == t->sort_col)
			mark = dd_draw_utf8() ? (t->sort_desc ? "▼" : "▲") : (t->sort_desc ? "v" : "^");
		snprintf(title, sizeof(title), "%s%s", _(t->cols[c].title), mark);
		dd_draw_field(y, cx, cw, title, c == t->sort_col ? as : ah);
		cx += t->widths[c] + 1;
	}
	if (t->hscroll > 0 && t->width > 2)
		dd_draw_text(y, end - 1, 1, dd_draw_utf8() ? "«" : "<", ah);
	for (int r = 0; r < t->height; r++) {
		size_t vi = t->top + (size_t)r;
		int ry = y + 1 + r;
		if (vi >= t->nview) {
			dd_draw_blank(ry, x, t->width, ar);
			continue;
		}
		size_t row = t->view[vi];
		unsigned long a = vi == t->cursor ? acur : ar;
		dd_draw_blank(ry, x, t->width, a);
		for (int c = 0, cx = x; c < t->ncols && cx < end; c = next_col(t, c)) {
			int cw = t->widths[c] < end - cx ? t->widths[c] : end - cx;
			char b[64];
			if (cw < t->widths[c] && !t->cols[c].shrink)
				break;
			const char *s = t->cell(t->ctx, row, c, b, sizeof(b));
			unsigned long ca = a;
			int role = a == ar && t->role ? t->role(t->ctx, row, c) : -1;
			if (role >= 0)
				ca = dd_theme_attr(th, (enum dd_role)role);
			if (t->filter[0])
				dd_draw_field_hl(ry, cx, cw, s, t->filter, ca, a == acur ? (acur | A_BOLD | A_UNDERLINE) : am);
			else
				dd_draw_field(ry, cx, cw, s, ca);
			cx += t->widths[c] + 1;
		}
	}
}
