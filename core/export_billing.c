#include "core/export_billing.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

void dd_money_exact(const struct dd_money *m, char *buf, size_t len)
{
	int neg = m->units < 0 || m->nanos < 0;
	uint64_t u = m->units < 0 ? 0 - (uint64_t)m->units : (uint64_t)m->units;
	int32_t n = m->nanos < 0 ? -m->nanos : m->nanos;

	snprintf(buf, len, "%s%" PRIu64 ".%09d", neg ? "-" : "", u, (int)n);
}

static json_t *money(const struct dd_money *m)
{
	char exact[40];

	dd_money_exact(m, exact, sizeof(exact));
	return json_pack("{s:s, s:s, s:I}", "amount", exact, "currency",
			 m->currency[0] ? m->currency : "EUR", "cents", (json_int_t)dd_money_cents(m));
}

static char *dump(json_t *doc)
{
	char *out = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;

	json_decref(doc);
	return out;
}

static json_t *taxes_json(const struct dd_tax_list *t)
{
	json_t *a = json_array();

	for (size_t i = 0; a && t && i < t->n; i++)
		json_array_append_new(a, json_pack("{s:s, s:o, s:o}", "description", t->v[i].description,
						   "rate_basis_points",
						   t->v[i].has_rate ? json_integer(t->v[i].rate_bp) : json_null(),
						   "total", t->v[i].has_total ? money(&t->v[i].total) : json_null()));
	return a;
}

char *dd_export_consumption_json(const struct dd_consumption_list *c,
				 const struct dd_tax_list *taxes)
{
	json_t *lines = json_array();

	for (size_t i = 0; lines && i < c->n; i++) {
		const struct dd_consumption *l = &c->v[i];

		json_array_append_new(lines, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}",
			"category", l->category, "product", l->product, "resource", l->resource,
			"project_id", l->project_id, "sku", l->sku, "unit", l->unit,
			"billed_quantity", l->billed_quantity, "value", money(&l->value)));
	}
	return dump(json_pack("{s:i, s:s, s:o, s:o, s:o}", "version", 1, "updated_at", c->updated_at,
			      "discount_untaxed", money(&c->discount_untaxed), "taxes", taxes_json(taxes),
			      "consumptions", lines));
}

char *dd_export_estimate_json(const struct dd_consumption_list *c,
			      const struct dd_billing_estimate *e,
			      const struct dd_billing_estimate_line *lines)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < c->n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b, s:o, s:o}", "resource",
						   c->v[i].resource, "product", c->v[i].product,
						   "running", lines[i].running, "so_far",
						   money(&lines[i].so_far), "projected",
						   money(&lines[i].projected)));
	return dump(json_pack("{s:i, s:I, s:I, s:I, s:s, s:o, s:o, s:i, s:o, s:o, s:I, s:I, s:o}",
			      "version", 1, "as_of", (json_int_t)e->now, "month_start",
			      (json_int_t)e->first, "month_end", (json_int_t)e->next, "rule",
			      DD_BILLING_ESTIMATE_RULE, "so_far", money(&e->so_far), "projected_untaxed",
			      money(&e->projected), "tax_rate_basis_points", e->tax_bp, "projected_tax",
			      money(&e->tax), "projected_taxed", money(&e->taxed), "running",
			      (json_int_t)e->running, "kept", (json_int_t)e->kept, "lines", a));
}

char *dd_export_discounts_json(const struct dd_discount_list *d)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < d->n; i++) {
		const struct dd_discount *x = &d->v[i];
		json_t *f = json_array();

		for (size_t k = 0; f && k < x->nfilters; k++)
			json_array_append_new(f, json_pack("{s:s, s:s, s:b}", "type", x->filters[k].type,
							   "value", x->filters[k].value, "exclude",
							   x->filters[k].exclude));
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o}",
			"id", x->id, "description", x->description, "coupon", x->coupon, "mode", x->mode,
			"created", x->created, "start", x->start, "stop", x->stop, "value", money(&x->value),
			"value_used", money(&x->value_used), "value_remaining", money(&x->value_remaining),
			"filters", f));
	}
	return dump(json_pack("{s:i, s:o}", "version", 1, "discounts", a));
}
