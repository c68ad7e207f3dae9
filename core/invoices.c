#include "core/invoices.h"
#include "core/i18n.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void dd_invoice_sel_all(struct dd_invoice_sel *s)
{
	s->source = -1;
	s->from = INT64_MIN;
	s->to = INT64_MAX;
}

int dd_invoice_parse_month(const char *ym, int64_t *first, int64_t *next, struct dd_error *err)
{
	int y, m;
	char tail;

	if (!ym || strlen(ym) != 7 || sscanf(ym, "%4d-%2d%c", &y, &m, &tail) != 2 || ym[4] != '-' ||
	    y < 1970 || m < 1 || m > 12)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("\"%.16s\" is not a month: write it YYYY-MM, as 2025-03"), ym ? ym : "");
	*first = dd_billing_day(y, m, 1);
	*next = m == 12 ? dd_billing_day(y + 1, 1, 1) : dd_billing_day(y, m + 1, 1);
	return 0;
}

int dd_invoice_month(const struct dd_invoice *v, int64_t *first)
{
	int64_t day, next;

	if (v->period_start[0] && dd_billing_parse_day(v->period_start, &day, NULL) == 0) {
		dd_billing_period(day, first, &next);
		return 0;
	}
	if (v->issued[0] && dd_billing_parse_day(v->issued, &day, NULL) == 0) {
		dd_billing_period_billed(day, first, &next);
		return 0;
	}
	return -1;
}

bool dd_invoice_selected(const struct dd_invoice *v, const struct dd_invoice_sel *s)
{
	int64_t first;

	if (s->source >= 0 && (int)v->source != s->source)
		return false;
	if (s->from == INT64_MIN && s->to == INT64_MAX)
		return true;
	/* An undated invoice cannot be placed in a range: left out of one. */
	if (dd_invoice_month(v, &first) < 0)
		return false;
	return first >= s->from && first < s->to;
}

const struct dd_invoice *dd_invoice_get(const struct dd_invoice_lists *L, struct dd_invoice_ref r)
{
	const struct dd_invoice_list *l = r.source == DD_INVOICE_SCALEWAY ? L->scw : L->dbx;
	return l && r.i < l->n ? &l->v[r.i] : NULL;
}

const struct dd_invoice *dd_invoice_find(const struct dd_invoice_lists *L, const char *key)
{
	const struct dd_invoice_list *ls[2] = { L->scw, L->dbx };

	if (!key || !*key)
		return NULL;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; ls[k] && i < ls[k]->n; i++)
			if (strcasecmp(ls[k]->v[i].id, key) == 0 ||
			    (ls[k]->v[i].number[0] && strcmp(ls[k]->v[i].number, key) == 0))
				return &ls[k]->v[i];
	return NULL;
}

struct keyed {
	struct dd_invoice_ref r;
	int64_t month;
	const char *issued;
};

static int newest_first(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c;

	if (x->month != y->month)
		return x->month < y->month ? 1 : -1;
	if ((c = strcmp(y->issued, x->issued)) != 0)
		return c;
	if (x->r.source != y->r.source)
		return x->r.source == DD_INVOICE_DEDIBOX ? -1 : 1;
	return x->r.i < y->r.i ? -1 : x->r.i > y->r.i;
}

int dd_invoices_select(const struct dd_invoice_lists *L, const struct dd_invoice_sel *sel,
		       struct dd_invoice_ref **out, size_t *n, struct dd_error *err)
{
	size_t cap = (L->scw ? L->scw->n : 0) + (L->dbx ? L->dbx->n : 0), k = 0;
	struct keyed *tmp;

	*out = NULL;
	*n = 0;
	if (cap == 0)
		return 0;
	tmp = calloc(cap, sizeof(*tmp));
	if (!tmp)
		return dd_error_oom(err);
	for (int s = 0; s < 2; s++) {
		const struct dd_invoice_list *l = s ? L->scw : L->dbx;
		for (size_t i = 0; l && i < l->n; i++) {
			if (!dd_invoice_selected(&l->v[i], sel))
				continue;
			tmp[k].r.source = s ? DD_INVOICE_SCALEWAY : DD_INVOICE_DEDIBOX;
			tmp[k].r.i = i;
			tmp[k].issued = l->v[i].issued;
			if (dd_invoice_month(&l->v[i], &tmp[k].month) < 0)
				tmp[k].month = INT64_MIN;
			k++;
		}
	}
	qsort(tmp, k, sizeof(*tmp), newest_first);
	if (k) {
		*out = malloc(k * sizeof(**out));
		if (!*out) {
			free(tmp);
			return dd_error_oom(err);
		}
		for (size_t i = 0; i < k; i++)
			(*out)[i] = tmp[i].r;
	}
	*n = k;
	free(tmp);
	return 0;
}

/* Adds the sums of b into a, currency by currency. */
static int merge(struct dd_billing_totals *a, const struct dd_billing_totals *b, struct dd_error *err)
{
	for (size_t j = 0; j < b->nsums; j++) {
		const struct dd_billing_sum *s = &b->sums[j];
		size_t k;
		for (k = 0; k < a->nsums; k++)
			if (strcmp(a->sums[k].currency, s->currency) == 0)
				break;
		if (k == a->nsums) {
			if (a->nsums == DD_BILLING_MAX_CURRENCIES)
				return dd_error_set(err, DD_E_USAGE, 0, NULL,
						    _("more than %d currencies in one selection"), DD_BILLING_MAX_CURRENCIES);
			a->sums[a->nsums++] = *s;
			continue;
		}
		struct dd_billing_sum *d = &a->sums[k];
		if (dd_billing_money_add(&d->untaxed, &s->untaxed, &d->untaxed, err) < 0 ||
		    dd_billing_money_add(&d->vat, &s->vat, &d->vat, err) < 0 ||
		    dd_billing_money_add(&d->taxed, &s->taxed, &d->taxed, err) < 0)
			return -1;
		d->count += s->count;
	}
	a->without_totals += b->without_totals;
	a->vat_mismatch += b->vat_mismatch;
	return 0;
}

int dd_invoices_totals(const struct dd_invoice_lists *L, const struct dd_invoice_ref *refs,
		       size_t n, struct dd_billing_totals *out, struct dd_error *err)
{
	size_t *idx[2] = { NULL, NULL }, cnt[2] = { 0, 0 };
	struct dd_billing_totals part;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (n == 0)
		return 0;
	idx[0] = malloc(n * sizeof(size_t));
	idx[1] = malloc(n * sizeof(size_t));
	if (!idx[0] || !idx[1]) {
		free(idx[0]);
		free(idx[1]);
		return dd_error_oom(err);
	}
	for (size_t i = 0; i < n; i++) {
		int s = refs[i].source == DD_INVOICE_SCALEWAY;
		idx[s][cnt[s]++] = refs[i].i;
	}
	for (int s = 0; s < 2 && rc == 0; s++) {
		const struct dd_invoice_list *l = s ? L->scw : L->dbx;
		if (!cnt[s])
			continue;
		if (!l)
			rc = dd_error_set(err, DD_E_USAGE, 0, NULL, _("a selection names a list not read"));
		else if ((rc = dd_billing_totals(l->v, l->n, idx[s], cnt[s], &part, err)) == 0)
			rc = merge(out, &part, err);
	}
	free(idx[0]);
	free(idx[1]);
	return rc;
}

void dd_invoices_spend(const struct dd_invoice_lists *L, int64_t today,
		       struct dd_spend_month out[DD_SPEND_MONTHS], size_t *other)
{
	int64_t first, next;
	int y, m, d;

	*other = 0;
	dd_billing_period_billed(today, &first, &next);
	dd_billing_ymd(first, &y, &m, &d);
	for (int k = DD_SPEND_MONTHS - 1; k >= 0; k--) {
		memset(&out[k], 0, sizeof(out[k]));
		out[k].first = dd_billing_day(y, m, 1);
		if (--m == 0) {
			m = 12;
			y--;
		}
	}
	for (int s = 0; s < 2; s++) {
		const struct dd_invoice_list *l = s ? L->scw : L->dbx;
		for (size_t i = 0; l && i < l->n; i++) {
			const struct dd_invoice *v = &l->v[i];
			int64_t mo;
			if (!v->has_totals || strcasecmp(v->state, "draft") == 0 ||
			    dd_invoice_month(v, &mo) < 0)
				continue;
			for (int k = 0; k < DD_SPEND_MONTHS; k++) {
				if (out[k].first != mo)
					continue;
				if (v->taxed.currency[0] && strcmp(v->taxed.currency, "EUR") != 0)
					(*other)++;
				else
					out[k].cents[v->source] += dd_money_cents(&v->taxed);
			}
		}
	}
}

/* ---- documents ---- */

struct buf {
	char *p;
	size_t len, cap;
	bool oom;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *p;
		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* One RFC 4180 field, quoted only when it must be. */
static void field(struct buf *b, const char *s, bool last)
{
	if (strpbrk(s, ",\"\r\n")) {
		put(b, "\"", 1);
		for (const char *q; (q = strchr(s, '"')); s = q + 1) {
			put(b, s, (size_t)(q - s));
			put(b, "\"\"", 2);
		}
		put(b, s, strlen(s));
		put(b, "\"", 1);
	} else {
		put(b, s, strlen(s));
	}
	put(b, last ? "\r\n" : ",", last ? 2 : 1);
}

/* "12.34" (no currency: it has its own column), "" without totals. */
static const char *amount(const struct dd_invoice *v, const struct dd_money *m, char *buf, size_t len)
{
	int64_t c = dd_money_cents(m);
	if (!v->has_totals)
		return "";
	snprintf(buf, len, "%s%lld.%02lld", c < 0 ? "-" : "", (long long)(c < 0 ? -(c / 100) : c / 100),
		 (long long)(c < 0 ? -(c % 100) : c % 100));
	return buf;
}

static const char *month_text(const struct dd_invoice *v, char *buf, size_t len)
{
	int64_t first;
	int y, m, d;
	if (dd_invoice_month(v, &first) < 0)
		return "";
	dd_billing_ymd(first, &y, &m, &d);
	snprintf(buf, len, "%04d-%02d", y, m);
	return buf;
}

char *dd_invoices_csv(const struct dd_invoice_lists *L, const struct dd_invoice_ref *refs,
		      size_t n, size_t *len)
{
	static const char *const head[] = { "source", "id", "number", "period", "issued", "due",
					    "state", "currency", "total_excl_tax", "vat",
					    "total_incl_tax", "payment_method" };
	struct buf b = { 0 };
	char a1[32], a2[32], a3[32], per[16];

	for (size_t k = 0; k < sizeof(head) / sizeof(head[0]); k++)
		field(&b, head[k], k + 1 == sizeof(head) / sizeof(head[0]));
	for (size_t i = 0; i < n; i++) {
		const struct dd_invoice *v = dd_invoice_get(L, refs[i]);
		if (!v)
			continue;
		field(&b, v->source == DD_INVOICE_SCALEWAY ? "scaleway" : "dedibox", false);
		field(&b, v->id, false);
		field(&b, v->number, false);
		field(&b, month_text(v, per, sizeof(per)), false);
		field(&b, v->issued, false);
		field(&b, v->due, false);
		field(&b, v->state, false);
		field(&b, v->taxed.currency[0] ? v->taxed.currency : "EUR", false);
		field(&b, amount(v, &v->untaxed, a1, sizeof(a1)), false);
		field(&b, amount(v, &v->vat, a2, sizeof(a2)), false);
		field(&b, amount(v, &v->taxed, a3, sizeof(a3)), false);
		field(&b, v->payment_method, true);
	}
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	*len = b.len;
	return b.p;
}

static json_t *money_json(const struct dd_money *m)
{
	return json_pack("{s:s, s:I, s:i}", "currency", m->currency[0] ? m->currency : "EUR",
			 "units", (json_int_t)m->units, "nanos", (int)m->nanos);
}

static json_t *str_or_null(const char *s)
{
	return s[0] ? json_string(s) : json_null();
}

static json_t *invoice_json(const struct dd_invoice *v)
{
	char per[16];
	json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o}",
			      "source", v->source == DD_INVOICE_SCALEWAY ? "scaleway" : "dedibox",
			      "id", v->id, "number", str_or_null(v->number),
			      "period", str_or_null(month_text(v, per, sizeof(per))),
			      "period_start", str_or_null(v->period_start),
			      "period_stop", str_or_null(v->period_stop),
			      "issued", str_or_null(v->issued), "due", str_or_null(v->due),
			      "paid", str_or_null(v->paid), "state", v->state,
			      "type", str_or_null(v->type), "payment_method", str_or_null(v->payment_method));
	if (o && v->has_totals) {
		json_object_set_new(o, "total_excl_tax", money_json(&v->untaxed));
		json_object_set_new(o, "vat", money_json(&v->vat));
		json_object_set_new(o, "total_incl_tax", money_json(&v->taxed));
		json_object_set_new(o, "discount", money_json(&v->discount));
	}
	return o;
}

static char *dump(json_t *doc)
{
	char *out = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(doc);
	return out;
}

char *dd_export_invoices_json(const struct dd_invoice_lists *L, const struct dd_invoice_ref *refs,
			      size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++) {
		const struct dd_invoice *v = dd_invoice_get(L, refs[i]);
		json_t *o = v ? invoice_json(v) : NULL;
		if (v && (!o || json_array_append_new(arr, o) < 0)) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr ? dump(json_pack("{s:i, s:o}", "version", 1, "invoices", arr)) : NULL;
}

char *dd_export_invoice_json(const struct dd_invoice *v)
{
	return dump(invoice_json(v));
}

int dd_invoice_filename(const struct dd_invoice *v, char *buf, size_t len)
{
	const char *src = v->number[0] ? v->number : v->id;
	const char *pre = v->source == DD_INVOICE_SCALEWAY ? "scaleway-" : "dedibox-";
	size_t k = strlen(pre), start;

	if (len < k + 6)
		return -1;
	memcpy(buf, pre, k);
	start = k;
	for (; *src && k + 5 < len; src++) {
		char c = *src;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || (c == '.' && k > start))
			buf[k++] = c;
	}
	if (*src || k == start)
		return -1;
	memcpy(buf + k, ".pdf", 5);
	return 0;
}

const char *dd_invoice_source_name(enum dd_invoice_source s)
{
	return s == DD_INVOICE_SCALEWAY ? "Scaleway" : "Dedibox";
}

int dd_invoice_today(int64_t *day, struct dd_error *err)
{
	const char *t = getenv("DEDI_TODAY");
	int y, m, d;
	char tail;

	if (t && *t) {
		if (strlen(t) != 10 || sscanf(t, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
		    m > 12 || d < 1 || d > 31)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("DEDI_TODAY=\"%.16s\" is not a day: write it YYYY-MM-DD"), t);
		*day = dd_billing_day(y, m, d);
		return 0;
	}
	*day = (int64_t)time(NULL) / 86400;
	return 0;
}

int dd_invoice_deadline(const struct dd_invoice *v, int64_t today, struct dd_billing_deadline *out,
			struct dd_error *err)
{
	int64_t issued, due = INT64_MIN;

	memset(out, 0, sizeof(*out));
	if (!v->issued[0])
		return 0; /* a draft: nothing owed yet */
	if (dd_billing_parse_day(v->issued, &issued, err) < 0 ||
	    (v->due[0] && dd_billing_parse_day(v->due, &due, err) < 0) ||
	    dd_billing_deadline(v->source, v->state, v->payment_method, issued, due, today, out, err) < 0)
		return -1;
	return out->stage >= DD_STAGE_BEFORE_DUE && out->stage <= DD_STAGE_DELETED;
}

size_t dd_invoice_timeline(const struct dd_billing_deadline *dl, int64_t today,
			   struct dd_invoice_step out[DD_INVOICE_STEPS])
{
	const struct dd_invoice_step steps[4] = {
		{ dl->issued, N_("issued"), false },
		{ dl->due, N_("due: the last of the 10 days to pay"), false },
		{ dl->suspend, N_("services suspended, resources unreachable"), false },
		{ dl->delete_day, N_("resources deleted"), false },
	};
	size_t n = 0;
	bool placed = false;

	for (int k = 0; k < 4; k++) {
		if (!placed && today < steps[k].day) {
			out[n++] = (struct dd_invoice_step){ today, N_("today"), true };
			placed = true;
		}
		out[n++] = steps[k];
		/* Today on a step's day is that step. */
		if (!placed && today == steps[k].day) {
			out[n - 1].today = true;
			placed = true;
		}
	}
	if (!placed)
		out[n++] = (struct dd_invoice_step){ today, N_("today"), true };
	return n;
}
