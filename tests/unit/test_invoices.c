/* core/invoices and core/scw_invoice_pdf: the month a Dedibox invoice
 * bills (its list has no period), the merged order and exact totals of
 * both sources, RFC 4180 quoting, safe PDF names from hostile numbers,
 * the deadline timeline with today in its place, and a PDF download cut
 * mid-body that leaves no file (nor a temporary one) behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/account.h"
#include "core/invoices.h"
#include "core/scw_invoice_pdf.h"

static struct dd_invoice inv(enum dd_invoice_source s, const char *id, const char *number,
			     const char *period_start, const char *issued, const char *state,
			     int64_t cents)
{
	struct dd_invoice v;
	memset(&v, 0, sizeof(v));
	v.source = s;
	snprintf(v.id, sizeof(v.id), "%s", id);
	snprintf(v.number, sizeof(v.number), "%s", number);
	snprintf(v.period_start, sizeof(v.period_start), "%s", period_start);
	snprintf(v.issued, sizeof(v.issued), "%s", issued);
	snprintf(v.state, sizeof(v.state), "%s", state);
	v.has_totals = true;
	dd_money_from_cents(cents, "EUR", &v.untaxed);
	dd_money_from_cents(cents / 5, "EUR", &v.vat);
	dd_money_from_cents(cents + cents / 5, "EUR", &v.taxed);
	return v;
}

static void dedibox_month_is_the_one_before_issue(void **state)
{
	(void)state;
	struct dd_invoice v = inv(DD_INVOICE_DEDIBOX, "7000001", "7000001", "", "2026-03-01T01:00:00Z",
				  "paid", 1000);
	struct dd_invoice_sel s;
	int64_t first, next;

	assert_int_equal(dd_invoice_month(&v, &first), 0);
	assert_int_equal(first, dd_billing_day(2026, 2, 1));
	dd_invoice_sel_all(&s);
	assert_int_equal(dd_invoice_parse_month("2026-02", &first, &next, NULL), 0);
	s.from = first;
	s.to = next;
	assert_true(dd_invoice_selected(&v, &s));
	assert_int_equal(dd_invoice_parse_month("2026-03", &first, &next, NULL), 0);
	s.from = first;
	s.to = next;
	assert_false(dd_invoice_selected(&v, &s));
	assert_int_equal(dd_invoice_parse_month("2026-13", &first, &next, NULL), -1);
	assert_int_equal(dd_invoice_parse_month("2026-1", &first, &next, NULL), -1);
}

static void both_sources_merged_newest_first_with_totals(void **state)
{
	(void)state;
	struct dd_invoice scw[2] = {
		inv(DD_INVOICE_SCALEWAY, "00000000-0000-4000-8000-000000000001", "1000001",
		    "2026-01-01T00:00:00Z", "2026-02-02T00:00:00Z", "paid", 1001),
		inv(DD_INVOICE_SCALEWAY, "00000000-0000-4000-8000-000000000002", "1000002",
		    "2026-02-01T00:00:00Z", "2026-03-02T00:00:00Z", "issued", 2002),
	};
	struct dd_invoice dbx[1] = {
		inv(DD_INVOICE_DEDIBOX, "7000001", "7000001", "", "2026-02-01T01:00:00Z", "paid", 5005),
	};
	struct dd_invoice_list ls = { scw, 2, 2 }, ld = { dbx, 1, 1 };
	struct dd_invoice_lists L = { &ls, &ld };
	struct dd_invoice_sel s;
	struct dd_invoice_ref *r;
	struct dd_billing_totals t;
	size_t n;

	dd_invoice_sel_all(&s);
	assert_int_equal(dd_invoices_select(&L, &s, &r, &n, NULL), 0);
	assert_int_equal(n, 3);
	assert_string_equal(dd_invoice_get(&L, r[0])->number, "1000002");  /* Feb */
	/* Both bill January: the one issued later first. */
	assert_string_equal(dd_invoice_get(&L, r[1])->number, "1000001");
	assert_string_equal(dd_invoice_get(&L, r[2])->number, "7000001");
	assert_int_equal(dd_invoices_totals(&L, r, n, &t, NULL), 0);
	assert_int_equal(t.nsums, 1);
	assert_int_equal(t.sums[0].count, 3);
	assert_int_equal(dd_money_cents(&t.sums[0].untaxed), 8008);
	assert_int_equal(dd_money_cents(&t.sums[0].taxed), 8008 + 200 + 400 + 1001);
	free(r);
	s.source = DD_INVOICE_DEDIBOX;
	assert_int_equal(dd_invoices_select(&L, &s, &r, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].source, DD_INVOICE_DEDIBOX);
	free(r);

	struct dd_spend_month sp[DD_SPEND_MONTHS];
	size_t other;
	dd_invoices_spend(&L, dd_billing_day(2026, 3, 15), sp, &other);
	assert_int_equal(sp[DD_SPEND_MONTHS - 1].first, dd_billing_day(2026, 2, 1));
	assert_int_equal(sp[DD_SPEND_MONTHS - 1].cents[DD_INVOICE_SCALEWAY], 2002 + 400);
	assert_int_equal(sp[DD_SPEND_MONTHS - 2].cents[DD_INVOICE_DEDIBOX], 5005 + 1001);
	assert_int_equal(sp[DD_SPEND_MONTHS - 2].cents[DD_INVOICE_SCALEWAY], 1001 + 200);
	assert_int_equal(sp[0].first, dd_billing_day(2025, 3, 1));
	assert_int_equal(other, 0);
}

static void csv_quotes_per_rfc4180(void **state)
{
	(void)state;
	struct dd_invoice d = inv(DD_INVOICE_DEDIBOX, "7", "A,\"B\"\nC", "", "2026-02-01T01:00:00Z",
				  "paid", 150);
	struct dd_invoice_list ld = { &d, 1, 1 };
	struct dd_invoice_lists L = { NULL, &ld };
	struct dd_invoice_ref r = { DD_INVOICE_DEDIBOX, 0 };
	size_t len;
	char *csv = dd_invoices_csv(&L, &r, 1, &len);

	assert_non_null(csv);
	assert_int_equal(strlen(csv), len);
	assert_non_null(strstr(csv, "\r\ndedibox,7,\"A,\"\"B\"\"\nC\",2026-01,"));
	assert_non_null(strstr(csv, ",1.50,0.30,1.80,\r\n"));
	assert_int_equal(strncmp(csv, "source,id,number,period,", 24), 0);
	free(csv);
}

static void file_names_never_carry_a_path(void **state)
{
	(void)state;
	struct dd_invoice v = inv(DD_INVOICE_DEDIBOX, "1", "../../etc/passwd", "", "", "paid", 0);
	char name[64];

	assert_int_equal(dd_invoice_filename(&v, name, sizeof(name)), 0);
	assert_string_equal(name, "dedibox-etcpasswd.pdf");
	snprintf(v.number, sizeof(v.number), "..");
	snprintf(v.id, sizeof(v.id), "..");
	assert_int_equal(dd_invoice_filename(&v, name, sizeof(name)), -1);
	v.source = DD_INVOICE_SCALEWAY;
	snprintf(v.number, sizeof(v.number), "1000088");
	assert_int_equal(dd_invoice_filename(&v, name, sizeof(name)), 0);
	assert_string_equal(name, "scaleway-1000088.pdf");
	assert_int_equal(dd_invoice_filename(&v, name, 12), -1);
}

static void timeline_places_today(void **state)
{
	(void)state;
	struct dd_invoice v = inv(DD_INVOICE_SCALEWAY, "x", "1", "2026-10-01T00:00:00Z",
				  "2026-11-02T00:00:00Z", "issued", 100);
	struct dd_billing_deadline dl;
	struct dd_invoice_step st[DD_INVOICE_STEPS];
	size_t n;

	assert_int_equal(dd_invoice_deadline(&v, dd_billing_day(2026, 11, 15), &dl, NULL), 1);
	assert_int_equal(dl.stage, DD_STAGE_SUSPENDED);
	n = dd_invoice_timeline(&dl, dd_billing_day(2026, 11, 15), st);
	assert_int_equal(n, 5);
	assert_int_equal(st[2].day, dd_billing_day(2026, 11, 13));
	assert_true(st[3].today);
	assert_string_equal(st[3].what, "today");
	assert_int_equal(st[4].day, dd_billing_day(2026, 11, 23));
	/* On the due day itself: that step is today, no extra line. */
	n = dd_invoice_timeline(&dl, dl.due, st);
	assert_int_equal(n, 4);
	assert_true(st[1].today);
	snprintf(v.state, sizeof(v.state), "paid");
	assert_int_equal(dd_invoice_deadline(&v, dd_billing_day(2026, 11, 15), &dl, NULL), 0);
}

/* A server that promises 4096 bytes of PDF, sends a few and hangs up. */
static int lsock;

static void *cut_server(void *arg)
{
	(void)arg;
	for (;;) {
		int c = accept(lsock, NULL, NULL);
		char buf[4096];
		size_t got = 0;
		ssize_t r;
		static const char reply[] = "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n"
					    "Content-Length: 4096\r\n\r\n%PDF-1.4\n1 0 obj";
		if (c < 0)
			return NULL;
		while (got < sizeof(buf) - 1 && (r = read(c, buf + got, sizeof(buf) - 1 - got)) > 0) {
			got += (size_t)r;
			buf[got] = 0;
			if (strstr(buf, "\r\n\r\n"))
				break;
		}
		if (write(c, reply, sizeof(reply) - 1) < 0) {
			/* the client left: nothing to do */
		}
		close(c);
	}
}

static void on_saved(void *ud, const struct dd_error *err)
{
	*(struct dd_error *)ud = *err;
}

static void cut_download_leaves_no_file(void **state)
{
	(void)state;
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t al = sizeof(a);
	pthread_t th;
	char dir[] = "/tmp/dd-inv-XXXXXX", path[128];
	struct dd_http_opts ho = { .max_retries = 0 };
	struct dd_http *h;
	struct dd_creds *c = dd_creds_new();
	struct dd_account *acct;
	struct dd_error err, got;
	struct dd_invoice v = inv(DD_INVOICE_DEDIBOX, "7000001", "7000001", "", "2026-02-01", "paid", 1);
	DIR *d;
	struct dirent *e;
	int entries = 0;

	lsock = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(lsock >= 0);
	assert_int_equal(bind(lsock, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(lsock, 8), 0);
	assert_int_equal(getsockname(lsock, (struct sockaddr *)&a, &al), 0);
	assert_int_equal(pthread_create(&th, NULL, cut_server, NULL), 0);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/dedibox-7000001.pdf", dir);
	assert_non_null(c);
	snprintf(c->access_key, sizeof(c->access_key), "SCWXXXXXXXXXXXXXXXXX");
	snprintf(c->secret_key, sizeof(c->secret_key), "00000000-0000-4000-8000-0000000fa4e0");
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "http://127.0.0.1:%d", ntohs(a.sin_port));
	acct = dd_account_new(c);
	assert_non_null(acct);
	h = dd_http_new(&ho, &err);
	assert_non_null(h);
	memset(&got, 0, sizeof(got));
	got.kind = DD_E_INTERNAL;
	assert_int_equal(dd_invoice_download(acct, h, &v, path, false, on_saved, &got, &err), 0);
	dd_http_run(h);
	assert_int_equal(got.kind, DD_E_NETWORK);
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			entries++;
	closedir(d);
	assert_int_equal(entries, 0);   /* neither the file nor a temporary */
	rmdir(dir);
	shutdown(lsock, SHUT_RDWR);
	close(lsock);
	pthread_join(th, NULL);
	dd_http_free(h);
	dd_account_free(acct);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dedibox_month_is_the_one_before_issue),
		cmocka_unit_test(both_sources_merged_newest_first_with_totals),
		cmocka_unit_test(csv_quotes_per_rfc4180),
		cmocka_unit_test(file_names_never_carry_a_path),
		cmocka_unit_test(timeline_places_today),
		cmocka_unit_test(cut_download_leaves_no_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
