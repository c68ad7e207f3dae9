#include "core/billing_payg.h"
#include "core/i18n.h"

#include <stdio.h>
#include <string.h>

/* Which events start and stop billing for each class (seed 002's table). */
static int role(enum dd_resource_class c, enum dd_bill_ev e)
{
	if (e == DD_EV_DELETE)
		return -1;
	switch (c) {
	case DD_RES_INSTANCE:
		return e == DD_EV_POWER_ON ? 1 : e == DD_EV_SHUTDOWN || e == DD_EV_POWERED_OFF ? -1 : 0;
	case DD_RES_FLEXIBLE_IP:
		return e == DD_EV_RESERVE ? 1 : e == DD_EV_CANCEL ? -1 : 0;
	case DD_RES_DYNAMIC_IP:
		return e == DD_EV_ATTACH ? 1 : e == DD_EV_DETACH ? -1 : 0;
	default:
		/* Elastic Metal and the Mac mini are billed even when off. */
		return e == DD_EV_CREATE ? 1 : 0;
	}
}

int dd_billing_periods(enum dd_resource_class c, const struct dd_bill_event *ev, size_t nev,
		       struct dd_bill_period *out, size_t cap, size_t *nout, struct dd_error *err)
{
	bool running = false;

	*nout = 0;
	if ((unsigned)c >= DD_RES_CLASS_COUNT)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("unknown resource class %d"), (int)c);
	for (size_t i = 0; i < nev; i++) {
		int r = role(c, ev[i].ev);

		if (i && ev[i].at < ev[i - 1].at)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("billing events must be in time order (event %zu)"), i);
		if (r > 0 && !running) {
			if (*nout >= cap)
				return dd_error_set(err, DD_E_USAGE, 0, NULL,
						    _("more than %zu billing periods"), cap);
			out[*nout].start = ev[i].at;
			out[*nout].stop = DD_BILL_RUNNING;
			running = true;
		} else if (r < 0 && running) {
			out[(*nout)++].stop = ev[i].at;
			running = false;
		}
	}
	if (running)
		(*nout)++;
	return 0;
}

int dd_billing_cost_of(int64_t price_hour, int64_t seconds, int64_t *nanos, struct dd_error *err)
{
	__int128 p = (__int128)price_hour * seconds, q = p / 3600, r = p % 3600;

	if (r * 2 >= 3600)
		q++;
	else if (r * 2 <= -3600)
		q--;
	if (q > INT64_MAX || q < INT64_MIN)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("the cost overflows"));
	*nanos = (int64_t)q;
	return 0;
}

int dd_billing_period_cost(enum dd_resource_class c, int64_t price_hour,
			   const struct dd_bill_period *p, int64_t from, int64_t to, int64_t now,
			   int64_t *seconds, int64_t *nanos, struct dd_error *err)
{
	int64_t stop = p->stop == DD_BILL_RUNNING || p->stop > now ? now : p->stop, billed, end, a, b;

	*seconds = 0;
	*nanos = 0;
	if (stop < p->start)	/* starts after now: nothing billed yet */
		return 0;
	billed = dd_billing_billed_seconds(c, p->start, stop, err);
	if (billed < 0)
		return -1;
	if (__builtin_add_overflow(p->start, billed, &end))
		end = INT64_MAX;
	a = p->start > from ? p->start : from;
	b = end < to ? end : to;
	if (b <= a)
		return 0;
	*seconds = b - a;
	return dd_billing_cost_of(price_hour, *seconds, nanos, err);
}

void dd_billing_month_of(int64_t t, int64_t *first, int64_t *next)
{
	int64_t day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400), f, n;

	dd_billing_period(day, &f, &n);
	*first = f * 86400;
	*next = n * 86400;
}

static int add(int64_t *sum, int64_t v, struct dd_error *err)
{
	if (__builtin_add_overflow(*sum, v, sum))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("the month's total overflows"));
	return 0;
}

int dd_billing_month(const struct dd_bill_resource *r, size_t n, int64_t now,
		     struct dd_bill_month *out, struct dd_error *err)
{
	struct dd_bill_period p[DD_BILL_MAX_PERIODS];

	memset(out, 0, sizeof(*out));
	dd_billing_month_of(now, &out->first, &out->next);
	for (size_t i = 0; i < n; i++) {
		size_t np;

		if (dd_billing_periods(r[i].cls, r[i].ev, r[i].nev, p, DD_BILL_MAX_PERIODS, &np,
				       err) < 0)
			return -1;
		for (size_t k = 0; k < np; k++) {
			int64_t s, cost, proj;
			bool runs = p[k].start <= now && (p[k].stop == DD_BILL_RUNNING || p[k].stop > now);

			if (dd_billing_period_cost(r[i].cls, r[i].price_hour, &p[k], out->first,
						   out->next, now, &s, &cost, err) < 0 ||
			    add(&out->so_far, cost, err) < 0)
				return -1;
			out->periods += s > 0;
			/* The projection: what runs now runs to the month's end; a
			 * period already over keeps what it billed (its minimum may
			 * still reach past now). */
			if (dd_billing_period_cost(r[i].cls, r[i].price_hour, &p[k], out->first,
						   out->next, runs ? out->next : now, &s, &proj,
						   err) < 0 ||
			    add(&out->projected, proj, err) < 0)
				return -1;
			out->running += runs;
		}
	}
	return 0;
}

int dd_money_to_nanos(const struct dd_money *m, int64_t *nanos)
{
	int64_t u;

	if (__builtin_mul_overflow(m->units, (int64_t)1000000000, &u) ||
	    __builtin_add_overflow(u, (int64_t)m->nanos, nanos))
		return -1;
	return 0;
}

void dd_money_from_nanos(int64_t nanos, const char *currency, struct dd_money *out)
{
	memset(out, 0, sizeof(*out));
	snprintf(out->currency, sizeof(out->currency), "%s", currency && currency[0] ? currency : "EUR");
	out->units = nanos / 1000000000;
	out->nanos = (int32_t)(nanos % 1000000000);
}

int dd_billing_project_line(const struct dd_money *value, int64_t quantity_milli,
			    int64_t remaining, struct dd_money *out, struct dd_error *err)
{
	int64_t v, add_n;
	__int128 q;

	if (quantity_milli <= 0 || remaining < 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("a projection needs a billed quantity and the time left"));
	if (dd_money_to_nanos(value, &v) < 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("the amount overflows"));
	/* value / (quantity_milli / 1000 h) × remaining / 3600 h */
	q = (__int128)v * remaining;
	q = (q * 1000 * 2 / ((__int128)quantity_milli * 3600) + (q >= 0 ? 1 : -1)) / 2;
	if (q > INT64_MAX || q < INT64_MIN || __builtin_add_overflow(v, (int64_t)q, &add_n))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("the projection overflows"));
	dd_money_from_nanos(add_n, value->currency, out);
	return 0;
}

int dd_billing_parse_quantity(const char *s, int64_t *milli, struct dd_error *err)
{
	int64_t whole = 0, frac = 0;
	int nd = 0, fd = 0;
	const char *p = s;

	if (!s)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("no quantity"));
	for (; *p >= '0' && *p <= '9'; p++, nd++)
		if (__builtin_mul_overflow(whole, 10, &whole) ||
		    __builtin_add_overflow(whole, *p - '0', &whole))
			goto bad;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, fd++) {
			if (fd >= 3)
				goto bad;
			frac = frac * 10 + (*p - '0');
		}
	if (*p || nd == 0)
		goto bad;
	for (int i = fd; i < 3; i++)
		frac *= 10;
	if (__builtin_mul_overflow(whole, 1000, &whole) || __builtin_add_overflow(whole, frac, milli))
		goto bad;
	return 0;
bad:
	return dd_error_set(err, DD_E_USAGE, 0, NULL,
			    _("\"%.32s\" is not a quantity (digits, at most three decimals)"), s);
}
