#include "core/dbx_lines.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/billing.h"
#include "core/invoices.h"
#include "core/request.h"
#include "core/scw_dedibox_billing.h"
#include "core/store_billing.h"
#include "core/text.h"
#include "core/i18n.h"

/* "12.34" (at most 9 decimals) → units + nanos; -1 when it is not that. */
static int amount(const char *s, size_t n, struct dd_money *m)
{
	int64_t units = 0, nanos = 0;
	size_t i = 0, dec = 0;

	if (n == 0 || !isdigit((unsigned char)s[0]))
		return -1;
	for (; i < n && isdigit((unsigned char)s[i]); i++)
		if (__builtin_mul_overflow(units, 10, &units) || __builtin_add_overflow(units, s[i] - '0', &units))
			return -1;
	if (i < n && s[i] == '.') {
		for (i++; i < n && isdigit((unsigned char)s[i]) && dec < 9; i++, dec++)
			nanos = nanos * 10 + (s[i] - '0');
		if (dec == 0)
			return -1;
		for (size_t k = dec; k < 9; k++)
			nanos *= 10;
	}
	if (i != n)
		return -1;
	m->units = units;
	m->nanos = (int32_t)nanos;
	return 0;
}

/* "server ID HOSTNAME OFFER: CUR AMOUNT[ anything]" → the line's server
 * and amount; anything else leaves l a text line. The offer may hold
 * spaces: it ends at the last ": " before a currency code. */
static void server_line(struct dd_invoice_line *l)
{
	const char *t = l->text, *p, *colon = NULL, *q;
	char *end;
	long long id;

	if (strncmp(t, "server ", 7) != 0)
		return;
	p = t + 7;
	if (!isdigit((unsigned char)*p))
		return;
	id = strtoll(p, &end, 10);
	if (id <= 0 || *end != ' ')
		return;
	const char *host = end + 1, *hend = strchr(host, ' ');
	if (!hend || hend == host)
		return;
	for (q = hend + 1; (q = strstr(q, ": ")) != NULL; q++)
		colon = q;
	if (!colon || colon == hend + 1)
		return;
	const char *cur = colon + 2;
	if (!(isupper((unsigned char)cur[0]) && isupper((unsigned char)cur[1]) &&
	      isupper((unsigned char)cur[2]) && cur[3] == ' '))
		return;
	const char *num = cur + 4;
	size_t nlen = strcspn(num, " ");
	struct dd_money m = { { 0 }, 0, 0 };
	if (amount(num, nlen, &m) < 0)
		return;
	memcpy(m.currency, cur, 3);
	l->server_id = id;
	snprintf(l->hostname, sizeof(l->hostname), "%.*s", (int)(hend - host), host);
	snprintf(l->offer, sizeof(l->offer), "%.*s", (int)(colon - hend - 1), hend + 1);
	l->untaxed = m;
	l->has_amount = true;
}

int dd_dbx_lines_parse(const char *content, size_t len, const char *invoice_id,
		       struct dd_invoice_line_list *out, struct dd_error *err)
{
	size_t start = out->n, i = 0;

	while (i < len) {
		size_t k = i;
		while (k < len && content[k] != '\n' && content[k] != '\r')
			k++;
		if (k > i) {
			struct dd_invoice_line *l = dd_invoice_line_list_add(out);
			if (!l) {
				out->n = start;
				return dd_error_oom(err);
			}
			dd_text_clean_str(invoice_id, l->invoice_id, sizeof(l->invoice_id));
			dd_text_clean_buf(content + i, k - i, l->text, sizeof(l->text));
			if (!l->text[0])
				out->n--;
			else
				server_line(l);
		}
		i = k + 1;
	}
	return 0;
}

bool dd_dbx_lines_have(const struct dd_invoice_line_list *l, const char *id)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (strcmp(l->v[i].invoice_id, id) == 0)
			return true;
	return false;
}

/* ---- the loader ---- */

struct lload {
	struct dd_account *a;
	dd_done_fn done;
	void *ud;
	int pending;
	struct dd_error err;
	char (*ids)[24];
	size_t nids;
	struct dd_invoice_line_list lines;
};

struct one {
	struct lload *L;
	size_t k;   /* index in ids */
};

static bool asked(const struct lload *L, const char *id)
{
	for (size_t k = 0; k < L->nids; k++)
		if (strcmp(L->ids[k], id) == 0)
			return true;
	return false;
}

/* The old lines of other invoices stay; those read now replace theirs. */
static int install(struct lload *L, struct dd_error *err)
{
	struct dd_invoice_line_list *cur = dd_store_dbx_lines_mut(dd_account_store_mut(L->a));
	struct dd_invoice_line_list merged = { 0 };

	for (size_t i = 0; i < cur->n; i++) {
		if (asked(L, cur->v[i].invoice_id))
			continue;
		struct dd_invoice_line *l = dd_invoice_line_list_add(&merged);
		if (!l) {
			dd_invoice_line_list_clear(&merged);
			return dd_error_oom(err);
		}
		*l = cur->v[i];
	}
	for (size_t i = 0; i < L->lines.n; i++) {
		struct dd_invoice_line *l = dd_invoice_line_list_add(&merged);
		if (!l) {
			dd_invoice_line_list_clear(&merged);
			return dd_error_oom(err);
		}
		*l = L->lines.v[i];
	}
	dd_invoice_line_list_clear(cur);
	*cur = merged;
	return 0;
}

static void release(struct lload *L)
{
	if (--L->pending > 0)
		return;
	struct dd_coll *m = dd_store_meta_mut(dd_account_store_mut(L->a), DD_KIND_DBX_LINES);
	if (L->err.kind == DD_OK)
		install(L, &L->err);
	if (L->err.kind == DD_OK)
		dd_coll_succeed(m, time(NULL));
	else
		dd_coll_fail(m, &L->err);
	dd_store_notify(dd_account_store(L->a), DD_KIND_DBX_LINES, 0);
	if (L->done)
		L->done(L->ud, &L->err);
	dd_invoice_line_list_clear(&L->lines);
	free(L->ids);
	free(L);
}

static void on_invoice(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct one *o = ud;
	struct lload *L = o->L;
	struct dd_error e;

	dd_error_clear(&e);
	if (herr->kind != DD_OK) {
		if (L->err.kind == DD_OK) {
			L->err = *herr;
			dd_error_prefix(&L->err, _("Dedibox invoice %s"), L->ids[o->k]);
		}
	} else if (L->err.kind == DD_OK &&
		   dd_scw_decode_dbx_invoice_lines(resp->body, resp->body_len, L->ids[o->k], &L->lines, &e) < 0) {
		dd_error_prefix(&e, _("Dedibox invoice %s"), L->ids[o->k]);
		L->err = e;
	}
	free(o);
	release(L);
}

int dd_account_load_dbx_lines(struct dd_account *a, struct dd_http *h, const char *const *ids,
			      size_t n, dd_done_fn done, void *ud, struct dd_error *err)
{
	struct dd_coll *m = dd_store_meta_mut(dd_account_store_mut(a), DD_KIND_DBX_LINES);
	struct lload *L;
	struct dd_error e;

	if (m->state == DD_COLL_LOADING)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("Invoice lines are loading already."));
	if (n > DD_DBX_LINES_MAX_INVOICES)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%zu invoices at once is too many (at most %d)."),
				    n, DD_DBX_LINES_MAX_INVOICES);
	if (!dd_creds_has_scw(dd_account_creds(a))) {
		dd_error_set(&e, DD_E_AUTH, 0, NULL,
			     _("Dedibox invoice lines need Scaleway keys in this profile: dedi auth login "
			     "adds them (or set SCW_ACCESS_KEY and SCW_SECRET_KEY)."));
		dd_coll_fail(m, &e);
		dd_store_notify(dd_account_store(a), DD_KIND_DBX_LINES, 0);
		if (err)
			*err = e;
		return -1;
	}
	L = calloc(1, sizeof(*L));
	if (!L || !(L->ids = calloc(n ? n : 1, sizeof(*L->ids)))) {
		free(L);
		return dd_error_oom(err);
	}
	L->a = a;
	L->done = done;
	L->ud = ud;
	L->nids = n;
	L->pending = 1;
	dd_error_clear(&L->err);
	for (size_t k = 0; k < n; k++)
		snprintf(L->ids[k], sizeof(L->ids[k]), "%s", ids[k]);
	dd_coll_begin(m);
	dd_store_notify(dd_account_store(a), DD_KIND_DBX_LINES, 0);
	for (size_t k = 0; k < n && L->err.kind == DD_OK; k++) {
		char url[512];
		struct dd_request q = { .api = DD_API_SCW, .method = DD_GET, .url = url };
		struct one *o = calloc(1, sizeof(*o));
		dd_error_clear(&e);
		if (!o) {
			dd_error_oom(&L->err);
			break;
		}
		o->L = L;
		o->k = k;
		if (dd_scw_url_dbx_invoice(dd_account_creds(a), L->ids[k], url, sizeof(url), &e) < 0 ||
		    !dd_request_send(h, dd_account_creds(a), &q, on_invoice, o, &e)) {
			free(o);
			L->err = e;
			break;
		}
		L->pending++;
	}
	release(L);
	return 0;
}

/* ---- the cost per server ---- */

static const struct dd_invoice *invoice_of(const struct dd_invoice_list *dbx, const char *id)
{
	for (size_t i = 0; dbx && i < dbx->n; i++)
		if (strcmp(dbx->v[i].id, id) == 0)
			return &dbx->v[i];
	return NULL;
}

static bool of_year(const struct dd_invoice *v, int year)
{
	int64_t first;
	int y, m, d;

	if (dd_invoice_month(v, &first) < 0)
		return false;
	dd_billing_ymd(first, &y, &m, &d);
	return y == year;
}

int dd_dbx_invoices_of_year(const struct dd_invoice_list *dbx, int year, const char ***ids,
			    size_t *n, struct dd_error *err)
{
	*ids = NULL;
	*n = 0;
	if (!dbx || dbx->n == 0)
		return 0;
	if (!(*ids = malloc(dbx->n * sizeof(**ids))))
		return dd_error_oom(err);
	for (size_t i = 0; i < dbx->n; i++)
		if (of_year(&dbx->v[i], year))
			(*ids)[(*n)++] = dbx->v[i].id;
	return 0;
}

/* Dedibox ids are decimal and grow with time. */
static bool newer(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	return la != lb ? la > lb : strcmp(a, b) > 0;
}

static int by_cost(const void *a, const void *b)
{
	const struct dd_server_cost *x = a, *y = b;
	if (x->cents != y->cents)
		return x->cents > y->cents ? -1 : 1;
	return x->server_id < y->server_id ? -1 : x->server_id > y->server_id;
}

int dd_server_costs(const struct dd_invoice_list *dbx, const struct dd_invoice_line_list *lines,
		    int year, struct dd_server_cost **out, size_t *n, size_t *missing,
		    struct dd_error *err)
{
	struct dd_server_cost *c = NULL;
	size_t nc = 0;

	*out = NULL;
	*n = 0;
	*missing = 0;
	for (size_t i = 0; dbx && i < dbx->n; i++)
		if (of_year(&dbx->v[i], year) && !dd_dbx_lines_have(lines, dbx->v[i].id))
			(*missing)++;
	if (lines && lines->n && !(c = calloc(lines->n, sizeof(*c))))
		return dd_error_oom(err);
	for (size_t i = 0; lines && i < lines->n; i++) {
		const struct dd_invoice_line *l = &lines->v[i];
		const struct dd_invoice *v;
		if (!l->server_id || !l->has_amount || !(v = invoice_of(dbx, l->invoice_id)) || !of_year(v, year))
			continue;
		size_t k;
		for (k = 0; k < nc && c[k].server_id != l->server_id; k++)
			;
		if (k == nc) {
			c[nc].server_id = l->server_id;
			snprintf(c[nc].currency, sizeof(c[nc].currency), "%s", l->untaxed.currency);
			nc++;
		}
		/* The newest invoice names the server as it is now. */
		if (c[k].months == 0 || newer(l->invoice_id, c[k].newest_invoice)) {
			snprintf(c[k].newest_invoice, sizeof(c[k].newest_invoice), "%s", l->invoice_id);
			snprintf(c[k].hostname, sizeof(c[k].hostname), "%s", l->hostname);
			snprintf(c[k].offer, sizeof(c[k].offer), "%s", l->offer);
		}
		int64_t cents = dd_money_cents(&l->untaxed);
		if (__builtin_add_overflow(c[k].cents, cents, &c[k].cents)) {
			free(c);
			return dd_error_set(err, DD_E_DECODE, 0, NULL, _("Server %" PRId64 ": the yearly total overflows."),
					    l->server_id);
		}
		c[k].months++;
	}
	if (nc)
		qsort(c, nc, sizeof(*c), by_cost);
	else {
		free(c);
		c = NULL;
	}
	*out = c;
	*n = nc;
	return 0;
}

char *dd_export_server_costs_json(int year, const struct dd_server_cost *c, size_t n)
{
	json_t *arr = json_array(), *doc;
	char *s;

	for (size_t i = 0; arr && i < n; i++) {
		struct dd_money m;
		dd_money_from_cents(c[i].cents, c[i].currency, &m);
		/* The same money object as every other document of dedi. */
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:I, s:{s:s, s:I, s:i}}", "server_id",
						     (json_int_t)c[i].server_id, "hostname", c[i].hostname,
						     "offer", c[i].offer, "months", (json_int_t)c[i].months,
						     "total_excl_tax", "currency", m.currency[0] ? m.currency : "EUR",
						     "units", (json_int_t)m.units, "nanos", (int)m.nanos));
	}
	doc = arr ? json_pack("{s:i, s:o}", "year", year, "servers", arr) : NULL;
	s = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(doc);
	return s;
}
