/* The follow-up of a failover move: the spacing of its reads (doubling
 * waits, capped, bounded by time and by count) and the http loop's timer
 * it waits on (fires in order of due time, counts as in flight, can be
 * cancelled). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/fip_move.h"
#include "core/http.h"

static void test_delay_schedule(void **state)
{
	(void)state;
	assert_int_equal(dd_fip_follow_delay(0, 0), 0);
	assert_int_equal(dd_fip_follow_delay(1, 0), DD_FIP_MOVE_FOLLOW_FIRST_MS);
	assert_int_equal(dd_fip_follow_delay(2, 1000), 2 * DD_FIP_MOVE_FOLLOW_FIRST_MS);
	assert_int_equal(dd_fip_follow_delay(3, 3000), 4 * DD_FIP_MOVE_FOLLOW_FIRST_MS);
	assert_int_equal(dd_fip_follow_delay(4, 7000), 8 * DD_FIP_MOVE_FOLLOW_FIRST_MS);
	/* capped */
	assert_int_equal(dd_fip_follow_delay(5, 15000), DD_FIP_MOVE_FOLLOW_MAX_MS);
	assert_int_equal(dd_fip_follow_delay(12, 60000), DD_FIP_MOVE_FOLLOW_MAX_MS);
}

static void test_delay_bounds(void **state)
{
	long total = 0, w;
	int reads = 0;

	(void)state;
	/* bounded by time: the next wait would end after the bound */
	assert_int_equal(dd_fip_follow_delay(6, DD_FIP_MOVE_FOLLOW_SECONDS * 1000L - 5000), -1);
	assert_int_equal(dd_fip_follow_delay(1, DD_FIP_MOVE_FOLLOW_SECONDS * 1000L), -1);
	/* bounded by count, however little time went by */
	assert_int_equal(dd_fip_follow_delay(DD_FIP_MOVE_FOLLOW_READS, 0), -1);
	/* played through with instant reads: it stops within the bound, and
	 * every wait is at least the first */
	while ((w = dd_fip_follow_delay(reads, total)) >= 0) {
		if (reads > 0)
			assert_true(w >= DD_FIP_MOVE_FOLLOW_FIRST_MS);
		total += w;
		reads++;
	}
	assert_true(total <= DD_FIP_MOVE_FOLLOW_SECONDS * 1000L);
	assert_true(reads > 5);
	assert_true(reads <= DD_FIP_MOVE_FOLLOW_READS);
}

struct fired {
	char order[8];
	int n;
	int cancelled;
};

struct tick {
	struct fired *f;
	char name;
};

static void on_tick(void *ud, const struct dd_http_resp *resp, const struct dd_error *err)
{
	struct tick *t = ud;

	assert_null(resp);
	if (err->kind != DD_OK) {
		assert_int_equal(err->kind, DD_E_NETWORK);
		t->f->cancelled++;
		return;
	}
	t->f->order[t->f->n++] = t->name;
}

static void test_timer_order(void **state)
{
	struct dd_error err;
	struct dd_http *h = dd_http_new(NULL, &err);
	struct fired f = { 0 };
	struct tick a = { &f, 'a' }, b = { &f, 'b' }, c = { &f, 'c' };

	(void)state;
	assert_non_null(h);
	assert_true(dd_http_after(h, 60, on_tick, &a, &err) > 0);
	assert_true(dd_http_after(h, 5, on_tick, &b, &err) > 0);
	assert_true(dd_http_after(h, 30, on_tick, &c, &err) > 0);
	assert_int_equal(dd_http_in_flight(h), 3);
	assert_true(dd_http_next_timer_ms(h) >= 0);
	assert_int_equal(f.n, 0); /* nothing fires from inside dd_http_after */
	dd_http_run(h);
	assert_int_equal(f.n, 3);
	assert_memory_equal(f.order, "bca", 3);
	assert_int_equal(dd_http_in_flight(h), 0);
	dd_http_free(h);
}

/* A loop that comes late finds every timer due at once: they still fire
 * by deadline, not in the order the list holds them. The pause is a lower
 * bound (all three are due after it), never a limit. */
static void test_timer_order_late(void **state)
{
	struct dd_error err;
	struct dd_http *h = dd_http_new(NULL, &err);
	struct fired f = { 0 };
	struct tick a = { &f, 'a' }, b = { &f, 'b' }, c = { &f, 'c' };
	struct timespec pause = { 0, 80 * 1000 * 1000 };

	(void)state;
	assert_non_null(h);
	assert_true(dd_http_after(h, 60, on_tick, &a, &err) > 0);
	assert_true(dd_http_after(h, 5, on_tick, &b, &err) > 0);
	assert_true(dd_http_after(h, 30, on_tick, &c, &err) > 0);
	while (nanosleep(&pause, &pause) != 0)
		;
	assert_int_equal(dd_http_next_timer_ms(h), 0);
	dd_http_run(h);
	assert_int_equal(f.n, 3);
	assert_memory_equal(f.order, "bca", 3);
	dd_http_free(h);
}

static void test_timer_cancel(void **state)
{
	struct dd_error err;
	struct dd_http *h = dd_http_new(NULL, &err);
	struct fired f = { 0 };
	struct tick a = { &f, 'a' }, b = { &f, 'b' };
	uint64_t id;

	(void)state;
	assert_non_null(h);
	id = dd_http_after(h, 60000, on_tick, &a, &err);
	assert_true(id > 0);
	assert_true(dd_http_after(h, 1, on_tick, &b, &err) > 0);
	dd_http_cancel(h, id);
	dd_http_run(h);
	assert_int_equal(f.cancelled, 1);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.order[0], 'b');
	dd_http_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_delay_schedule),
		cmocka_unit_test(test_delay_bounds),
		cmocka_unit_test(test_timer_order),
		cmocka_unit_test(test_timer_order_late),
		cmocka_unit_test(test_timer_cancel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
