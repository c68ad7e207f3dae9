#include "core/model_billing.h"

#include <stdlib.h>
#include <string.h>

#define NANO 1000000000

/* Grows *v (of size bytes each) to hold one more; NULL on ENOMEM. */
static void *grow(void **v, size_t *n, size_t *cap, size_t size)
{
	char *rec;

	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		void *nv;

		if (nc > SIZE_MAX / size)
			return NULL;
		nv = realloc(*v, nc * size);
		if (!nv)
			return NULL;
		*v = nv;
		*cap = nc;
	}
	rec = (char *)*v + *n * size;
	memset(rec, 0, size);
	(*n)++;
	return rec;
}

#define LIST_FNS(type, name)                                                       \
	struct type *name##_add(struct type##_list *l)                             \
	{                                                                          \
		return grow((void **)&l->v, &l->n, &l->cap, sizeof(*l->v));       \
	}                                                                          \
	void name##_clear(struct type##_list *l)                                   \
	{                                                                          \
		free(l->v);                                                        \
		l->v = NULL;                                                       \
		l->n = l->cap = 0;                                                 \
	}

LIST_FNS(dd_invoice, dd_invoice_list)
LIST_FNS(dd_discount, dd_discount_list)
LIST_FNS(dd_offer, dd_offer_list)

struct dd_tax *dd_tax_list_add(struct dd_tax_list *l)
{
	return grow((void **)&l->v, &l->n, &l->cap, sizeof(*l->v));
}

void dd_tax_list_clear(struct dd_tax_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

struct dd_invoice_line *dd_invoice_line_list_add(struct dd_invoice_line_list *l)
{
	return grow((void **)&l->v, &l->n, &l->cap, sizeof(*l->v));
}

void dd_invoice_line_list_clear(struct dd_invoice_line_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

struct dd_consumption *dd_consumption_list_add(struct dd_consumption_list *l)
{
	return grow((void **)&l->v, &l->n, &l->cap, sizeof(*l->v));
}

void dd_consumption_list_clear(struct dd_consumption_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static const char *cur(const struct dd_money *m)
{
	return m->currency[0] ? m->currency : "EUR";
}

int dd_money_sub(const struct dd_money *a, const struct dd_money *b, struct dd_money *out)
{
	int64_t units;
	int64_t nanos = (int64_t)a->nanos - b->nanos;

	if (strcmp(cur(a), cur(b)) != 0 || __builtin_sub_overflow(a->units, b->units, &units))
		return -1;
	if (nanos >= NANO || nanos <= -NANO) {
		if (__builtin_add_overflow(units, nanos / NANO, &units))
			return -1;
		nanos %= NANO;
	}
	/* Google's money: units and nanos carry the same sign. */
	if (units > 0 && nanos < 0) {
		units--;
		nanos += NANO;
	} else if (units < 0 && nanos > 0) {
		units++;
		nanos -= NANO;
	}
	memcpy(out->currency, a->currency, sizeof(out->currency));
	out->units = units;
	out->nanos = (int32_t)nanos;
	return 0;
}

void dd_billing_store_clear(struct dd_billing_store *b)
{
	dd_invoice_list_clear(&b->scw_invoices);
	dd_invoice_list_clear(&b->dbx_invoices);
	dd_consumption_list_clear(&b->consumption);
	dd_discount_list_clear(&b->discounts);
	dd_tax_list_clear(&b->taxes);
	dd_offer_list_clear(&b->offers);
	dd_invoice_line_list_clear(&b->dbx_lines);
	memset(&b->payment, 0, sizeof(b->payment));
}
