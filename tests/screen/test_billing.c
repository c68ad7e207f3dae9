/* Screen tests of the Billing tab: both sources in one list with their
 * totals; an overdue invoice's detail with the seed's timeline on an
 * injected today (DEDI_TODAY); the unpaid flag on another tab's status
 * line; the spend chart; a Dedibox-token-only profile told what to add.
 * TAP on stdout, one child per test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The newest Dedibox invoice at 80x24: its lines are read on opening,
 * the page scrolls to its last line (the totals), nothing is cut. */
static bool t_dedibox_lines(struct world *w, struct term *t)
{
	if (world_start(w, world) < 0 || term_start(t, w, 24, 80, today, NULL) < 0)
		return false;
	term_send(t, "3");
	CHECK(term_wait(t, " dedibox ", WAIT) && term_wait_idle(t, WAIT));
	term_send(t, "f");
	CHECK(term_wait(t, "source: Dedibox", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Dedibox invoice ", WAIT));
	CHECK(term_wait(t, " lines 1-", WAIT));
	CHECK(!term_has(t, "total: EUR"));
	term_send(t, "G");
	CHECK(term_wait(t, "total: EUR", WAIT));
	CHECK(term_has(t, "Lines (one per server billed)"));
	CHECK(term_has(t, "server 1000"));
	CHECK(!term_has(t, " lines 1-"));
	/* Back to the top, a page at a time. */
	term_send(t, "g");
	CHECK(term_wait(t, " lines 1-", WAIT));
	CHECK(term_has(t, "State") && !term_has(t, "total: EUR"));
	term_send(t, "j");
	CHECK(term_wait(t, " lines 2-", WAIT));
	return true;
}

/* The Scaleway draft: the parts the APIs give, from this month's
 * consumption and taxes, and the parts only the PDF has, said so. */
static bool t_seven_parts(struct world *w, struct term *t)
{
	CHECK(open_billing(w, t, today));
	CHECK(term_wait(t, " scaleway ", WAIT));
	term_send(t, "/draft");
	CHECK(term_wait(t, "filter: draft", WAIT));
	term_send(t, ENTER ENTER);
	CHECK(term_wait(t, "Scaleway invoice (draft", WAIT));
	term_send(t, "G");
	CHECK(term_wait(t, "7 Consumption", WAIT));
	CHECK(term_wait(t, "Mac mini M1", WAIT));
	CHECK(term_has(t, "Account linking"));
	CHECK(term_has(t, "remaining"));
	term_send(t, "g");
	CHECK(term_wait(t, "1 Number", WAIT));
	CHECK(term_has(t, "3 Seller") && term_has(t, "4 Customer"));
	CHECK(term_has(t, "printed on the PDF only (d saves it)"));
	CHECK(term_has(t, "5 Projects"));
	CHECK(term_wait(t, "project 11111111-1111-4111-8111-111111111111:", WAIT));
	return true;
}

static bool t_per_server(struct world *w, struct term *t)
{
	CHECK(open_billing(w, t, today));
	CHECK(term_wait(t, " dedibox ", WAIT));
	term_send(t, "p");
	CHECK(term_wait(t, "Dedibox cost per server in 2026", WAIT));
	CHECK(term_wait(t, "4 servers, ", WAIT));
	CHECK(term_has(t, "MONTHS") && term_has(t, "Core-4-L-SATA"));
	term_send(t, "[");
	CHECK(term_wait(t, "Dedibox cost per server in 2025", WAIT));
	CHECK(term_wait(t, "4 servers, ", WAIT));
	/* Twelve months of the costliest server: 12 x 59.98. */
	CHECK(term_has(t, "    12 ") && term_has(t, "719.76 EUR"));
	term_send(t, ESC);
	CHECK(term_wait(t, "INCL. TAX", WAIT));
	return true;
}

/* ? lists the Billing keys from the key table, and Enter as it acts here. */
static bool t_help(struct world *w, struct term *t)
{
	CHECK(open_billing(w, t, today));
	term_send(t, "?");
	CHECK(term_wait(t, "12-month spend chart", WAIT));
	CHECK(term_has(t, "Dedibox cost per server"));
	CHECK(term_has(t, "mark or unmark"));
	CHECK(term_has(t, "Open the invoice"));
	CHECK(!term_has(t, "Open the server's overview"));
	return true;
}

/* The unpaid flag on the Servers tab without visiting Billing. */
static bool t_unpaid_at_start(struct world *w, struct term *t)
{
	if (world_start(w, world) < 0 || term_start(t, w, 24, 100, today, NULL) < 0)
		return false;
	CHECK(term_wait(t, "4 servers", WAIT));
	CHECK(term_wait(t, " unpaid invoice", WAIT));
	CHECK(term_has(t, "Servers  4 servers") && !term_has(t, "INCL. TAX"));
	return true;
}

/* Two marked invoices saved into a typed directory; again, both are
 * there already and left as they were. */
static bool t_bulk(struct world *w, struct term *t)
{
	char dir[400], f[600], head[6] = { 0 };
	CHECK(open_billing(w, t, today));
	CHECK(term_wait(t, " dedibox ", WAIT));
	snprintf(dir, sizeof(dir), "%s/pdfs", w->dir);
	CHECK(mkdir(dir, 0700) == 0);
	term_send(t, "f");
	CHECK(term_wait(t, "source: Dedibox", WAIT));
	term_send(t, "  ");
	CHECK(term_wait(t, "* 7000", WAIT));
	term_send(t, "D");
	CHECK(term_wait(t, "save 2 PDFs into directory:", WAIT));
	term_send(t, "\x15/nonexistent-dir" ENTER);
	CHECK(term_wait(t, "not a directory", WAIT));
	term_send(t, "\x15");
	term_send(t, dir);
	term_send(t, ENTER);
	CHECK(term_wait(t, "Saved 2 PDFs into", WAIT));
	int n = 0;
	for (int id = 7000180; id <= 7000190; id++) {
		snprintf(f, sizeof(f), "%s/dedibox-%d.pdf", dir, id);
		FILE *fp = fopen(f, "rb");
		if (!fp)
			continue;
		n++;
		CHECK(fread(head, 1, 5, fp) == 5);
		fclose(fp);
		CHECK(strcmp(head, "%PDF-") == 0);
		struct stat st;
		CHECK(stat(f, &st) == 0 && (st.st_mode & 0777) == 0600);
	}
	CHECK(n == 2);
	/* The marks did their work; the same two again are left alone. */
	CHECK(!term_has(t, "* 7000"));
	term_send(t, "gg  D");
	CHECK(term_wait(t, "save 2 PDFs into directory:", WAIT));
	term_send(t, "\x15");
	term_send(t, dir);
	term_send(t, ENTER);
	CHECK(term_wait(t, "2 already there, left as they were", WAIT));
	return true;
}

static const struct screen_test tests[] = {
	{ "both sources in one list, filtered by source, grouped by month", t_list, 60 },
	{ "an overdue invoice's timeline on an injected today; unpaid on every tab", t_overdue, 60 },
	{ "the 12-month spend chart", t_chart, 60 },
	{ "a Dedibox token alone is told to add Scaleway keys", t_online_only, 60 },
	{ "a Dedibox invoice's lines, the page scrolled to its end at 80x24", t_dedibox_lines, 60 },
	{ "the seven parts of the Scaleway draft: from the APIs or on the PDF", t_seven_parts, 60 },
	{ "p: the Dedibox cost per server over a year, [ the year before", t_per_server, 60 },
	{ "?: the Billing keys from the key table", t_help, 60 },
	{ "the unpaid flag on the Servers tab from the start", t_unpaid_at_start, 60 },
	{ "space marks, D saves the marked PDFs into a typed directory, never over a file", t_bulk, 60 },
};

int main(int argc, char **argv)
{
	return screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
