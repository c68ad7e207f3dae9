#include "core/billing_estimate.h"

#include <stdio.h>
#include <string.h>

#include "core/vat.h"
#include "core/i18n.h"

int dd_billing_parse_instant(const char *s, int64_t *t, struct dd_error *err)
{
	int y, mo, d, h, mi, se, n = 0;
	int64_t day;
	const char *p;

	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &se, &n) != 6 ||
	    n != 19 || h > 23 || mi > 59 || se > 59)
		goto bad;
	p = s + n;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (strcmp(p, "Z") != 0 && strcmp(p, "+00:00") != 0)
		goto bad;
	/* The day itself is checked by the one calendar parser. */
	{
		char ds[11];

		memcpy(ds, s, 10);
		ds[10] = '\0';
		if (dd_billing_parse_day(ds, &day, err) < 0)
			return -1;
	}
	*t = day * 86400 + h * 3600 + mi * 60 + se;
	return 0;
bad:
	return dd_error_set(err, DD_E_USAGE, 0, NULL,
			    _("\"%.40s\" is not a UTC instant like 2026-11-30T07:35:00Z"), s ? s : "");
}

int dd_billing_estimate(const struct dd_consumption_list *c, const struct dd_tax_list *taxes,
			int64_t now, struct dd_billing_estimate *out,
			struct dd_billing_estimate_line *lines, struct dd_error *err)
{
	int64_t so_far = 0, proj = 0, elapsed, remaining;
	const char *cur = "EUR";

	memset(out, 0, sizeof(*out));
	out->now = now;
	dd_billing_month_of(now, &out->first, &out->next);
	elapsed = now - out->first;
	remaining = out->next - now;
	for (size_t i = 0; i < c->n; i++) {
		const struct dd_consumption *l = &c->v[i];
		struct dd_billing_estimate_line tmp, *e = lines ? &lines[i] : &tmp;
		int64_t v, pv;
		struct dd_error qe;
		const char *lc = l->value.currency[0] ? l->value.currency : "EUR";

		memset(e, 0, sizeof(*e));
		if (i == 0)
			cur = lc;
		else if (strcmp(cur, lc) != 0)
			return dd_error_set(err, DD_E_DECODE, 0, NULL,
					    _("the consumption mixes %s and %s: no single estimate"), cur, lc);
		e->so_far = l->value;
		e->projected = l->value;
		if (dd_billing_parse_quantity(l->billed_quantity, &e->qty_milli, &qe) < 0)
			e->qty_milli = -1;
		/* Every hour of the month so far, an hour of slack for a reboot
		 * or a late start on the 1st: still running. */
		if (strcmp(l->unit, "hour") == 0 && e->qty_milli > 0 && remaining > 0 &&
		    e->qty_milli / 1000 * 3600 + (e->qty_milli % 1000) * 36 / 10 >= elapsed - 3600) {
			if (dd_billing_project_line(&l->value, e->qty_milli, remaining, &e->projected,
						    err) < 0)
				return -1;
			e->running = true;
			out->running++;
		} else {
			out->kept++;
		}
		if (dd_money_to_nanos(&e->so_far, &v) < 0 || dd_money_to_nanos(&e->projected, &pv) < 0 ||
		    __builtin_add_overflow(so_far, v, &so_far) ||
		    __builtin_add_overflow(proj, pv, &proj))
			return dd_error_set(err, DD_E_USAGE, 0, NULL, _("the month's total overflows"));
	}
	dd_money_from_nanos(so_far, cur, &out->so_far);
	dd_money_from_nanos(proj, cur, &out->projected);
	for (size_t i = 0; taxes && i < taxes->n; i++)
		if (taxes->v[i].has_rate)
			out->tax_bp += taxes->v[i].rate_bp;
	if (dd_vat_amount(&out->projected, out->tax_bp, &out->tax, err) < 0)
		return -1;
	dd_money_from_cents(dd_money_cents(&out->projected) + dd_money_cents(&out->tax), cur,
			    &out->taxed);
	return 0;
}
