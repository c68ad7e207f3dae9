/* Screen tests of the Billing tab: both sources in one list with their
 * totals; an overdue invoice's detail with the seed's timeline on an
 * injected today (DEDI_TODAY); the unpaid flag on another tab's status
 * line; the spend chart; a Dedibox-token-only profile told what to add.
 * TAP on stdout, one child per test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/screen/harness.h"

#define ESC "\x1b"
#define ENTER "\r"
#define WAIT 15000

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "# %s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
			term_dump(t, #cond);                                   \
			return false;                                          \
		}                                                              \
	} while (0)

static const char *const world[] = { "--seed", "5", "--servers", "4", NULL };
static const char *const today[] = { "DEDI_TODAY=2026-11-15", NULL };

static bool open_billing(struct world *w, struct term *t, const char *const *env)
{
	if (world_start(w, world) < 0 || term_start(t, w, 30, 140, env, NULL) < 0)
		return false;
	term_send(t, "3");
	return term_wait(t, " Billing  ", WAIT) && term_wait_idle(t, WAIT);
}

/* Both sources, marked; the totals line counts what is shown. */
static bool t_list(struct world *w, struct term *t)
{
	CHECK(open_billing(w, t, today));
	CHECK(term_wait(t, " dedibox ", WAIT));
	CHECK(term_has(t, " scaleway "));
	CHECK(term_has(t, "NUMBER") && term_has(t, "INCL. TAX") && term_has(t, "STATE"));
	int r = term_find(t, " invoices: ");
	CHECK(r > 0);
	char row[4096];
	term_row(t, r, row, sizeof(row));
	CHECK(strstr(row, " EUR VAT = ") != NULL);
	/* f: Dedibox only; the title and rows say so. */
	term_send(t, "f");
	CHECK(term_wait(t, "source: Dedibox", WAIT));
	CHECK(!term_has(t, " scaleway "));
	/* m: totals per month. */
	term_send(t, "m");
	CHECK(term_wait(t, " MONTH    TOTALS", WAIT));
	CHECK(term_has(t, " 2026-10  1 invoice: "));
	return true;
}

/* The issued Scaleway invoice of October 2026 (issued 11-02, due 11-12)
 * on 2026-11-15: suspended, 8 days before deletion. */
static bool t_overdue(struct world *w, struct term *t)
{
	CHECK(open_billing(w, t, today));
	CHECK(term_wait(t, " scaleway ", WAIT));
	term_send(t, "/issued");
	CHECK(term_wait(t, "filter: issued", WAIT));
	term_send(t, ENTER ENTER);
	CHECK(term_wait(t, "Scaleway invoice ", WAIT));
	CHECK(term_wait(t, "A final invoice awaiting payment", WAIT));
	CHECK(term_has(t, "2026-11-12  due: the last of the 10 days to pay"));
	CHECK(term_has(t, "2026-11-13  services suspended"));
	CHECK(term_has(t, "> 2026-11-15  today"));
	CHECK(term_has(t, "2026-11-23  resources deleted"));
	CHECK(term_has(t, "8 days left to the next step"));
	CHECK(term_has(t, "console.scaleway.com"));
	/* The status line of every tab flags what is owed. */
	term_send(t, ESC "1");
	CHECK(term_wait(t, " Servers", WAIT));
	CHECK(term_wait(t, " unpaid invoice", WAIT));
	return true;
}

static bool t_chart(struct world *w, struct term *t)
{
	CHECK(open_billing(w, t, today));
	CHECK(term_wait(t, " dedibox ", WAIT));
	term_send(t, "c");
	CHECK(term_wait(t, "Spend per billed month", WAIT));
	/* The 12 months end with October 2026 (the last invoiced). */
	CHECK(term_has(t, " 2026-10 ") && term_has(t, " 2025-11 ") && !term_has(t, " 2025-10 "));
	CHECK(term_has(t, "Dedibox") && term_has(t, "Scaleway"));
	return true;
}

static bool t_online_only(struct world *w, struct term *t)
{
	static const char *const env[] = { "SCW_ACCESS_KEY", "SCW_SECRET_KEY", "DEDI_TODAY=2026-11-15", NULL };
	CHECK(open_billing(w, t, env));
	CHECK(term_wait(t, "need Scaleway keys", WAIT));
	CHECK(term_has(t, "has no invoices"));
	CHECK(!term_has(t, " dedibox "));
	return true;
}

static const struct screen_test tests[] = {
	{ "both sources in one list, filtered by source, grouped by month", t_list, 60 },
	{ "an overdue invoice's timeline on an injected today; unpaid on every tab", t_overdue, 60 },
	{ "the 12-month spend chart", t_chart, 60 },
	{ "a Dedibox token alone is told to add Scaleway keys", t_online_only, 60 },
};

int main(int argc, char **argv)
{
	return screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
