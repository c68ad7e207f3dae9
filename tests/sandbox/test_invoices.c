/* --invoices N: a busy account's billing history. The Dedibox months are
 * billed in batches of servers; the same servers at the same prices as
 * one invoice a month, only on more documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/sandbox/sbtest.h"

static json_int_t num(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static json_int_t cents(const json_t *inv, const char *k)
{
	const json_t *m = json_object_get(inv, k);
	return num(m, "units") * 100 + num(m, "nanos") / 10000000;
}

/* Every Dedibox invoice, page by page (page_size 100); caller decrefs. */
static json_t *all_invoices(struct sbt *t, const char *order, json_int_t *total)
{
	json_t *all = json_array();
	char path[160];
	*total = -1;
	for (int p = 1; p < 1000; p++) {
		struct sbt_resp r;
		snprintf(path, sizeof path, "/dedibox/v1/invoices?page=%d&page_size=100&order_by=%s", p, order);
		sbt_get(t, path, &r);
		json_t *a = json_object_get(r.json, "invoices");
		*total = num(r.json, "total_count");
		json_array_extend(all, a);
		size_t n = json_array_size(a);
		sbt_resp_free(&r);
		if (n < 100)
			break;
	}
	return all;
}

static json_int_t scw_total(struct sbt *t)
{
	struct sbt_resp r;
	sbt_get(t, "/billing/v2beta1/invoices?page_size=1", &r);
	json_int_t n = num(r.json, "total_count");
	sbt_resp_free(&r);
	return n;
}

/* The month an invoice bills: its creation date's year and month, less one. */
static void month_of(const json_t *inv, char out[8])
{
	const char *c = json_string_value(json_object_get(inv, "created_at"));
	snprintf(out, 8, "%.7s", c ? c : "?");
}

static void busy(void)
{
	struct dd_sandbox_opts plain_o = { .servers = 2000 }, busy_o = { .servers = 2000, .invoices = 1500 };
	struct sbt *plain = sbt_start(&plain_o), *t = sbt_start(&busy_o);
	json_int_t ptotal, total, dtotal;
	json_t *months = all_invoices(plain, "created_at_asc", &ptotal);
	json_t *inv = all_invoices(t, "created_at_asc", &total);
	json_t *desc = all_invoices(t, "created_at_desc", &dtotal);
	json_int_t scw = scw_total(t);

	t_ok(total + scw >= 1500 && (json_int_t)json_array_size(inv) == total && ptotal < total,
	     "--invoices 1500: %lld Dedibox and %lld Scaleway invoices (one a month: %lld)", (long long)total,
	     (long long)scw, (long long)ptotal);

	/* per month: the batches add up to the month's one invoice */
	size_t i = 0, same = 0, unpaid = 0, unpaid_last = 0, ids_ok = 1;
	json_t *m;
	size_t k;
	json_array_foreach(months, k, m) {
		char want[8], got[8];
		json_int_t un = 0, n = 0;
		month_of(m, want);
		for (; i < json_array_size(inv); i++, n++) {
			json_t *v = json_array_get(inv, i);
			month_of(v, got);
			if (strcmp(got, want) != 0)
				break;
			un += cents(v, "total_without_taxes");
			if (!strcmp(json_string_value(json_object_get(v, "status")), "unpaid")) {
				unpaid++;
				unpaid_last += k == json_array_size(months) - 1;
			}
			json_int_t id = num(v, "id");
			ids_ok &= id >= 7000000 && id < 8000000 && (i == 0 || id != num(json_array_get(inv, i - 1), "id"));
		}
		same += n >= 1 && un == cents(m, "total_without_taxes");
	}
	t_ok(i == json_array_size(inv) && same == json_array_size(months) && ids_ok,
	     "each month's batches bill what its one invoice bills (%zu of %zu months)", same,
	     json_array_size(months));
	t_ok(unpaid > 0 && unpaid == unpaid_last, "only the newest month's invoices are unpaid (%zu)", unpaid);

	int reversed = json_array_size(desc) == json_array_size(inv);
	for (size_t j = 0; reversed && j < json_array_size(inv); j++)
		reversed = json_equal(json_array_get(desc, j), json_array_get(inv, json_array_size(inv) - 1 - j));
	t_ok(reversed && dtotal == total, "created_at_desc lists the same invoices reversed");

	/* one invoice of a batch, by id: its lines are its own servers */
	json_t *last = json_array_get(inv, json_array_size(inv) - 1);
	char path[96];
	struct sbt_resp r;
	snprintf(path, sizeof path, "/dedibox/v1/invoices/%lld", (long long)num(last, "id"));
	sbt_get(t, path, &r);
	const char *content = json_string_value(json_object_get(r.json, "content"));
	json_int_t sum = 0;
	for (const char *p = content; p && (p = strstr(p, "\nserver ")); p++) {
		const char *e = strstr(p, ": EUR ");
		long long u = 0, c = 0;
		if (e && sscanf(e, ": EUR %lld.%2lld", &u, &c) == 2)
			sum += u * 100 + c;
	}
	t_ok(r.status == 200 && json_equal(json_object_get(r.json, "id"), json_object_get(last, "id")) &&
	     sum > 0 && sum == cents(last, "total_without_taxes"),
	     "GET a batch invoice by id: its server lines add up to its total (%lld cents)", (long long)sum);
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/invoices/%lld", (long long)num(last, "id") + 1200 * 800);
	sbt_get(t, path, &r);
	t_ok(r.status == 404, "a batch the month does not have is not found (%ld)", r.status);
	sbt_resp_free(&r);

	json_decref(months);
	json_decref(inv);
	json_decref(desc);
	sbt_stop(t);
	sbt_stop(plain);
}

static void too_few(void)
{
	struct dd_sandbox_opts o = { .servers = 10, .invoices = 5000 };
	char err[256] = "";
	struct dd_sandbox *sb = dd_sandbox_start(&o, err, sizeof err);
	t_ok(!sb && strstr(err, "--invoices 5000") && strstr(err, "--servers"),
	     "too few servers for --invoices 5000 is refused with a reason: %s", err);
	dd_sandbox_stop(sb);
}

int main(void)
{
	busy();
	too_few();
	return t_done();
}
