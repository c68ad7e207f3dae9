/* The table widget without a screen: sort, incremental filter, cursor
 * kept on its row, widths that fit, 100,000 rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui/table.h"

struct rows {
	size_t n;
	char (*name)[24];
	long *num;
};

static const struct dd_table_col cols[] = {
	{ "name", 6, 20, false, 1, DD_COL_TEXT },
	{ "num", 3, 10, true, 0, DD_COL_TEXT },
	{ "note", 4, 30, false, 2, DD_COL_TEXT },
};

static const char *cell(const void *ctx, size_t row, int col, char *buf, size_t len)
{
	const struct rows *r = ctx;
	switch (col) {
	case 0:
		return r->name[row];
	case 1:
		snprintf(buf, len, "%ld", r->num[row]);
		return buf;
	default:
		return row % 2 ? "odd" : "even";
	}
}

static struct rows *make_rows(size_t n)
{
	struct rows *r = calloc(1, sizeof(*r));
	r->n = n;
	r->name = calloc(n, sizeof(*r->name));
	r->num = calloc(n, sizeof(*r->num));
	for (size_t i = 0; i < n; i++) {
		/* Names out of order; numbers that sort differently as text. */
		snprintf(r->name[i], sizeof(r->name[i]), "host-%05zu", (i * 7919) % n);
		r->num[i] = (long)((i * 104729) % 1000);
	}
	return r;
}

static void free_rows(struct rows *r)
{
	free(r->name);
	free(r->num);
	free(r);
}

static void sorts(void **state)
{
	struct rows *r = make_rows(1000);
	struct dd_table t;
	char a[64], b[64];
	(void)state;
	dd_table_init(&t, cols, 3, cell, r);
	assert_int_equal(dd_table_set_rows(&t, r->n), 0);
	dd_table_resize(&t, 20, 80);
	dd_table_sort(&t, 0, false);
	for (size_t i = 1; i < t.nview; i++)
		assert_true(strcmp(r->name[t.view[i - 1]], r->name[t.view[i]]) <= 0);
	dd_table_sort(&t, 1, false);
	for (size_t i = 1; i < t.nview; i++)
		assert_true(r->num[t.view[i - 1]] <= r->num[t.view[i]]);
	dd_table_sort(&t, 1, true);
	for (size_t i = 1; i < t.nview; i++) {
		assert_true(r->num[t.view[i - 1]] >= r->num[t.view[i]]);
		/* Ties keep the model's order. */
		if (r->num[t.view[i - 1]] == r->num[t.view[i]])
			assert_true(t.view[i - 1] < t.view[i]);
	}
	(void)a, (void)b;
	dd_table_free(&t);
	free_rows(r);
}

/* A record that changes under an active filter: rejudge takes that row in
 * (at its sorted place) or out, and the cursor stays on its row. */
static void rejudge_sees_a_changed_row(void **state)
{
	struct rows *r = make_rows(100);
	struct dd_table t;
	size_t row, keep = 0, changed;
	(void)state;
	dd_table_init(&t, cols, 3, cell, r);
	dd_table_set_rows(&t, r->n);
	dd_table_resize(&t, 20, 80);
	dd_table_sort(&t, 0, false);
	dd_table_set_filter(&t, "host-0001");
	assert_int_equal(t.nview, 10);
	dd_table_move(&t, 3);
	assert_true(dd_table_current(&t, &keep));
	for (changed = 0; changed < r->n && strstr(r->name[changed], "host-0001"); changed++)
		;
	snprintf(r->name[changed], sizeof(r->name[changed]), "host-00013a");
	dd_table_rejudge(&t, changed);
	assert_int_equal(t.nview, 11);
	/* In the table's order (the sort as it was made): view is order with
	 * rows left out. */
	for (size_t i = 0, k = 0; i < t.nview; i++, k++) {
		while (k < t.nrows && t.order[k] != t.view[i])
			k++;
		assert_true(k < t.nrows);
	}
	assert_true(dd_table_current(&t, &row));
	assert_int_equal(row, keep);
	/* Judging it again changes nothing; a row that stops matching leaves. */
	dd_table_rejudge(&t, changed);
	assert_int_equal(t.nview, 11);
	snprintf(r->name[changed], sizeof(r->name[changed]), "gone");
	dd_table_rejudge(&t, changed);
	assert_int_equal(t.nview, 10);
	assert_true(dd_table_current(&t, &row));
	assert_int_equal(row, keep);
	dd_table_free(&t);
	free_rows(r);
}

static void filters_and_keeps_cursor(void **state)
{
	struct rows *r = make_rows(1000);
	struct dd_table t;
	size_t row, want;
	(void)state;
	dd_table_init(&t, cols, 3, cell, r);
	dd_table_set_rows(&t, r->n);
	dd_table_resize(&t, 20, 80);
	/* Put the cursor on a row that will survive the filter. */
	for (want = 0; want < r->n && !strstr(r->name[want], "host-0012"); want++)
		;
	for (size_t i = 0; i < t.nview; i++)
		if (t.view[i] == want)
			dd_table_goto(&t, i);
	dd_table_set_filter(&t, "HOST-001");       /* case does not matter */
	assert_int_equal(t.nview, 100);
	dd_table_set_filter(&t, "host-0012");     /* narrows the current view */
	assert_int_equal(t.nview, 10);
	assert_true(dd_table_current(&t, &row));
	assert_int_equal(row, want);
	dd_table_set_filter(&t, "odd");           /* another column matches too */
	assert_int_equal(t.nview, 500);
	dd_table_set_filter(&t, "no such thing");
	assert_int_equal(t.nview, 0);
	assert_false(dd_table_current(&t, &row));
	dd_table_move(&t, 5);                     /* harmless on nothing */
	dd_table_set_filter(&t, "");
	assert_int_equal(t.nview, 1000);
	dd_table_free(&t);
	free_rows(r);
}

static void cursor_stays_visible(void **state)
{
	struct rows *r = make_rows(1000);
	struct dd_table t;
	(void)state;
	dd_table_init(&t, cols, 3, cell, r);
	dd_table_set_rows(&t, r->n);
	dd_table_resize(&t, 10, 80);
	dd_table_goto(&t, 999);
	assert_int_equal(t.cursor, 999);
	assert_int_equal(t.top, 990);
	dd_table_move(&t, -15);
	assert_true(t.cursor >= t.top && t.cursor < t.top + 10);
	dd_table_resize(&t, 3, 80);
	assert_true(t.cursor >= t.top && t.cursor < t.top + 3);
	dd_table_move(&t, -100000);
	assert_int_equal(t.cursor, 0);
	assert_int_equal(t.top, 0);
	dd_table_free(&t);
	free_rows(r);
}

static void widths_fit(void **state)
{
	struct rows *r = make_rows(10);
	struct dd_table t;
	(void)state;
	dd_table_init(&t, cols, 3, cell, r);
	dd_table_set_rows(&t, r->n);
	for (int w = 20; w <= 120; w += 7) {
		dd_table_resize(&t, 10, w);
		int total = t.widths[0] + t.widths[1] + t.widths[2] + 2;
		int mins = cols[0].min + t.natural[1] + cols[2].min + 2;
		/* It fits whenever the minimums fit; numbers never shrink. */
		if (mins <= w)
			assert_int_equal(total, w);
		assert_true(t.widths[1] >= t.natural[1] || t.widths[1] == cols[1].max);
	}
	dd_table_free(&t);
	free_rows(r);
}

static void hundred_thousand_rows(void **state)
{
	struct rows *r = make_rows(100000);
	struct dd_table t;
	(void)state;
	dd_table_init(&t, cols, 3, cell, r);
	assert_int_equal(dd_table_set_rows(&t, r->n), 0);
	dd_table_resize(&t, 20, 80);
	dd_table_sort(&t, 0, false);
	dd_table_set_filter(&t, "host-9999");
	assert_int_equal(t.nview, 10);
	dd_table_set_filter(&t, "");
	dd_table_goto(&t, 99999);
	assert_int_equal(t.top, 99980);
	dd_table_free(&t);
	free_rows(r);
}

/* Columns of every kind: addresses, amounts and dates sort by value. */
static const char *const kinds_rows[][4] = {
	{ "a", "10.0.0.2", "1,024.50", "2026-02-01" },
	{ "b", "9.255.255.255", "99.9", "2025-12-31 23:59" },
	{ "c", "?", "-3", "2026-01-15" },
	{ "d", "192.168.1.10", "100", "" },
	{ "e", "10.0.0.10", "7", "2024-06-30" },
};
static const struct dd_table_col kinds_cols[] = {
	{ "name", 4, 10, false, 2, DD_COL_TEXT },
	{ "ipv4", 7, 15, false, 0, DD_COL_IPV4 },
	{ "amount", 4, 12, false, 0, DD_COL_DECIMAL },
	{ "date", 4, 16, false, 0, DD_COL_DATE },
};

static const char *kinds_cell(const void *ctx, size_t row, int col, char *buf, size_t len)
{
	(void)ctx, (void)buf, (void)len;
	return kinds_rows[row][col];
}

static void order_of(const struct dd_table *t, char *out)
{
	for (size_t i = 0; i < t->nview; i++)
		out[i] = kinds_rows[t->view[i]][0][0];
	out[t->nview] = 0;
}

static void sorts_by_value(void **state)
{
	struct dd_table t;
	char got[8];
	(void)state;
	dd_table_init(&t, kinds_cols, 4, kinds_cell, NULL);
	assert_int_equal(dd_table_set_rows(&t, 5), 0);
	dd_table_resize(&t, 10, 80);
	/* As text, 10.0.0.10 < 10.0.0.2 < 192... < 9...; as addresses not,
	 * and what is not an address comes last. */
	dd_table_sort(&t, 1, false);
	order_of(&t, got);
	assert_string_equal(got, "baedc");
	dd_table_sort(&t, 2, false);
	order_of(&t, got);
	assert_string_equal(got, "cebda");
	dd_table_sort(&t, 3, false);
	order_of(&t, got);
	assert_string_equal(got, "ebcad");
	dd_table_sort(&t, 3, true);
	order_of(&t, got);
	assert_string_equal(got, "dacbe");
	dd_table_free(&t);
}

/* Long OS and tags on a wide screen: spare width goes to the cut columns
 * before the last one; an address is never cut, not even at the edge. */
static const struct dd_table_col wide_cols[] = {
	{ "hostname", 10, 32, false, 2, DD_COL_TEXT },
	{ "ipv4", 7, 15, false, 0, DD_COL_IPV4 },
	{ "os", 8, 20, false, 1, DD_COL_TEXT },
	{ "tags", 8, 60, false, 1, DD_COL_TEXT },
	{ "note", 4, 10, false, 3, DD_COL_TEXT },
};

static const char *wide_cell(const void *ctx, size_t row, int col, char *buf, size_t len)
{
	(void)ctx, (void)buf, (void)len, (void)row;
	switch (col) {
	case 0: return "sd-12345";
	case 1: return "203.0.113.254";
	case 2: return "Ubuntu 24.04 LTS (Noble Numbat) 64 bits";
	case 3: return "production, web, frontend, europe, paris, dc3, rack-12, critical";
	default: return "x";
	}
}

static void spare_width_to_cut_columns(void **state)
{
	struct dd_table t;
	(void)state;
	dd_table_init(&t, wide_cols, 5, wide_cell, NULL);
	assert_int_equal(dd_table_set_rows(&t, 3), 0);
	dd_table_resize(&t, 10, 200);
	assert_int_equal(t.widths[2], (int)strlen(wide_cell(NULL, 0, 2, NULL, 0)));
	assert_int_equal(t.widths[3], (int)strlen(wide_cell(NULL, 0, 3, NULL, 0)));
	assert_int_equal(t.widths[1], 13);
	/* Narrow: the cut columns shrink, the address keeps its width. */
	dd_table_resize(&t, 10, 60);
	assert_int_equal(t.widths[1], 13);
	assert_true(t.widths[2] < 20 && t.widths[3] < 60);
	assert_int_equal(t.widths[0] + t.widths[1] + t.widths[2] + t.widths[3] + t.widths[4] + 4, 60);
	dd_table_free(&t);
}

static void hides_and_shows_columns(void **state)
{
	struct dd_table t;
	(void)state;
	dd_table_init(&t, wide_cols, 5, wide_cell, NULL);
	assert_int_equal(dd_table_set_rows(&t, 3), 0);
	dd_table_resize(&t, 10, 80);
	int tags = t.widths[3];
	dd_table_show_col(&t, 2, false);
	assert_int_equal(t.widths[2], 0);
	assert_true(t.widths[3] > tags);      /* the room went to a cut column */
	assert_int_equal(t.widths[0] + t.widths[1] + t.widths[3] + t.widths[4] + 3, 80);
	dd_table_show_col(&t, 0, false);      /* the first column stays */
	assert_false(t.hidden[0]);
	dd_table_show_col(&t, 2, true);
	assert_int_equal(t.widths[3], tags);
	dd_table_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sorts),
		cmocka_unit_test(filters_and_keeps_cursor),
		cmocka_unit_test(cursor_stays_visible),
		cmocka_unit_test(widths_fit),
		cmocka_unit_test(rejudge_sees_a_changed_row),
		cmocka_unit_test(hundred_thousand_rows),
		cmocka_unit_test(sorts_by_value),
		cmocka_unit_test(spare_width_to_cut_columns),
		cmocka_unit_test(hides_and_shows_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
