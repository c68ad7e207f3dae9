#include "core/billing.h"
#include "core/i18n.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define NANOS_PER_UNIT 1000000000

/* Howard Hinnant's days_from_civil: exact for every year, no tables, no
 * timegm() (which reads the TZ environment on some libcs). */
int64_t dd_billing_day(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void dd_billing_ymd(int64_t day, int *y, int *m, int *d)
{
	int64_t z = day + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = mm;
	*y = (int)(yoe + era * 400 + (mm <= 2));
}

static int month_days(int y, int m)
{
	static const int n[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : n[m - 1];
}

/* Reads exactly n digits; -1 if any is not a digit. */
static int digits(const char **p, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++, (*p)++) {
		if (**p < '0' || **p > '9')
			return -1;
		v = v * 10 + (**p - '0');
	}
	return v;
}

int dd_billing_parse_day(const char *s, int64_t *day, struct dd_error *err)
{
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, se = 0, off = 0;

	if (!s)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("no date"));
	y = digits(&p, 4);
	if (y < 0 || *p++ != '-' || (mo = digits(&p, 2)) < 1 || mo > 12 || *p++ != '-' ||
	    (d = digits(&p, 2)) < 1 || d > month_days(y, mo))
		goto bad;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		/* RFC 3339 allows a leap second (60). */
		if ((h = digits(&p, 2)) < 0 || h > 23 || *p++ != ':' ||
		    (mi = digits(&p, 2)) < 0 || mi > 59 || *p++ != ':' ||
		    (se = digits(&p, 2)) < 0 || se > 60)
			goto bad;
		if (*p == '.') {
			p++;
			if (*p < '0' || *p > '9')
				goto bad;
			while (*p >= '0' && *p <= '9')
				p++;
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1, oh, om;

			if ((oh = digits(&p, 2)) < 0 || oh > 23 || *p++ != ':' ||
			    (om = digits(&p, 2)) < 0 || om > 59)
				goto bad;
			off = sign * (oh * 60 + om) * 60;
		} else {
			goto bad;  /* a time without an offset is not a UTC instant */
		}
	}
	if (*p)
		goto bad;
	{
		/* Local time minus the offset is UTC; it may fall on the day
		 * before or after the printed date. */
		int64_t secs = (int64_t)h * 3600 + mi * 60 + se - off;
		int64_t shift = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);

		*day = dd_billing_day(y, mo, d) + shift;
	}
	return 0;
bad:
	return dd_error_set(err, DD_E_USAGE, 0, NULL,
			    _("not an RFC 3339 date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)"));
}

void dd_billing_period(int64_t day, int64_t *first, int64_t *next)
{
	int y, m, d;

	dd_billing_ymd(day, &y, &m, &d);
	*first = day - (d - 1);
	*next = *first + month_days(y, m);
}

void dd_billing_period_billed(int64_t issued_day, int64_t *first, int64_t *next)
{
	int64_t this_first, unused;

	dd_billing_period(issued_day, &this_first, &unused);
	*next = this_first;
	dd_billing_period(this_first - 1, first, &unused);
}

/* ---- states ---- */

struct meaning {
	const char *state, *text;
};

/* Seed 002's words, nearly verbatim. */
static const struct meaning scw_states[] = {
	{ "draft", N_("The invoice for the current calendar month: the billing period has not "
		   "finished, so it is not final and may still change.") },
	{ "stopped", N_("The billing period (calendar month) has ended, but the invoice is not "
		     "issued yet.") },
	{ "issued", N_("A final invoice awaiting payment: it has a unique number and cannot be "
		    "repudiated.") },
	{ "paid", N_("Fully paid. No further action is required.") },
	{ "incomplete", N_("Billing details or payment information are incorrect or missing: "
			"update them as soon as possible to avoid having the account deleted.") },
	{ "outdated", N_("Billing information changed (a discount was applied or billing details "
		      "were amended): an updated invoice will be issued soon.") },
};

/* The seeds do not describe Dedibox states; these say only what the
 * state's name and the shared payment rules imply. */
static const struct meaning dbx_states[] = {
	{ "unpaid", N_("Issued and awaiting payment: pay it before the due date to keep the "
		    "services reachable.") },
	{ "paid", N_("Fully paid. No further action is required.") },
	{ "errored", N_("The payment of this invoice failed: pay it again from the console, by "
		     "card if the failed payment was a SEPA debit.") },
};

static const char *lookup(const struct meaning *t, size_t n, const char *state)
{
	if (!state)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(t[i].state, state) == 0)
			return _(t[i].text);
	return NULL;
}

const char *dd_billing_state_meaning(enum dd_invoice_source source, const char *state)
{
	if (source == DD_INVOICE_SCALEWAY)
		return lookup(scw_states, sizeof(scw_states) / sizeof(scw_states[0]), state);
	return lookup(dbx_states, sizeof(dbx_states) / sizeof(dbx_states[0]), state);
}

const char *dd_billing_state_text(enum dd_invoice_source source, const char *state,
				  char *buf, size_t len)
{
	const char *m = dd_billing_state_meaning(source, state);
	char safe[32];
	size_t j = 0;

	if (m)
		return m;
	/* The state came from the network: only printable ASCII is echoed. */
	for (const char *p = state ? state : ""; *p && j + 1 < sizeof(safe); p++)
		safe[j++] = (*p >= 0x20 && *p < 0x7f && *p != '"') ? *p : '?';
	safe[j] = '\0';
	snprintf(buf, len, _("Unknown state \"%s\": dedi does not know what it means."), safe);
	return buf;
}

/* ---- timeline ---- */

static const char ADVICE_PAY[] = N_(
	"Pay it from the billing section of the console before the due date; if the "
	"automatic payment failed, start a new transaction, or add another card, make it the "
	"active card and pay again.");
static const char ADVICE_SEPA[] = N_(
	"Failed SEPA payments can only be regularized by credit or debit card payment: pay "
	"it by card from the billing section of the console.");
static const char ADVICE_SUSPENDED[] = N_(
	"The due date has passed: the account is suspended and its resources are "
	"unreachable. Pay now: the resources are deleted when the ten days are over.");
static const char ADVICE_DELETED[] = N_(
	"The due date and the ten days after it have passed: the resources are deleted "
	"under the terms of service. Contact support.");

static bool is_sepa(const char *pm)
{
	return pm && (strcasecmp(pm, "sepa") == 0 || strcasecmp(pm, "direct_debit") == 0 ||
		      strcasecmp(pm, "sepa_direct_debit") == 0);
}

int dd_billing_deadline(enum dd_invoice_source source, const char *state,
			const char *payment_method, int64_t issued_day, int64_t due_day,
			int64_t today, struct dd_billing_deadline *out, struct dd_error *err)
{
	bool sepa = is_sepa(payment_method);

	memset(out, 0, sizeof(*out));
	out->issued = issued_day;
	out->due = due_day == INT64_MIN ? issued_day + DD_BILLING_DAYS_TO_PAY : due_day;
	if (out->due < issued_day)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("the due date is before the issue date"));
	out->suspend = out->due + 1;
	out->delete_day = out->suspend + DD_BILLING_DAYS_SUSPENDED;
	out->days_left = -1;
	out->advice = _(ADVICE_PAY);

	if (!state || !dd_billing_state_meaning(source, state)) {
		out->stage = DD_STAGE_UNKNOWN;
		out->advice = _("dedi does not know this state: check the invoice in the console.");
		return 0;
	}
	if (strcasecmp(state, "paid") == 0) {
		out->stage = DD_STAGE_SETTLED;
		out->advice = _("No further action is required.");
		return 0;
	}
	if (strcasecmp(state, "draft") == 0 || strcasecmp(state, "stopped") == 0) {
		out->stage = DD_STAGE_NOT_ISSUED;
		out->advice = _("Nothing to pay yet: the invoice is issued after the month ends and "
				"paid automatically in the first days of the next month.");
		return 0;
	}
	if (strcasecmp(state, "incomplete") == 0 || strcasecmp(state, "outdated") == 0) {
		out->stage = DD_STAGE_ACTION;
		out->advice = dd_billing_state_meaning(source, state);
		return 0;
	}
	/* issued (Scaleway), unpaid and errored (Dedibox): money is owed and
	 * the seed's clock runs from the due date. */
	if (today <= out->due) {
		out->stage = DD_STAGE_BEFORE_DUE;
		out->days_left = out->due - today;
	} else if (today < out->delete_day) {
		out->stage = DD_STAGE_SUSPENDED;
		out->days_left = out->delete_day - today;
	} else {
		out->stage = DD_STAGE_DELETED;
		out->advice = _(ADVICE_DELETED);
		return 0;
	}
	if (sepa && (strcasecmp(state, "errored") == 0 || out->stage == DD_STAGE_SUSPENDED))
		out->advice = _(ADVICE_SEPA);
	else if (out->stage == DD_STAGE_SUSPENDED)
		out->advice = _(ADVICE_SUSPENDED);
	return 0;
}

/* ---- money ---- */

static const char *cur(const struct dd_money *m)
{
	return m->currency[0] ? m->currency : "EUR";
}

int dd_billing_money_add(const struct dd_money *a, const struct dd_money *b,
			 struct dd_money *out, struct dd_error *err)
{
	int64_t units;
	int64_t nanos = (int64_t)a->nanos + b->nanos;

	if (strcmp(cur(a), cur(b)) != 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("cannot add %s to %s"), cur(b),
				    cur(a));
	if (a->nanos <= -NANOS_PER_UNIT || a->nanos >= NANOS_PER_UNIT ||
	    b->nanos <= -NANOS_PER_UNIT || b->nanos >= NANOS_PER_UNIT)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("nanos out of range"));
	if (__builtin_add_overflow(a->units, b->units, &units))
		goto overflow;
	/* Carry whole units out of the nanos, then give both the same sign
	 * (2 units - 0.3 is 1 unit + 0.7, not 2 units - 0.3). */
	if (nanos >= NANOS_PER_UNIT || nanos <= -NANOS_PER_UNIT) {
		if (__builtin_add_overflow(units, nanos / NANOS_PER_UNIT, &units))
			goto overflow;
		nanos %= NANOS_PER_UNIT;
	}
	if (units > 0 && nanos < 0) {
		units--;
		nanos += NANOS_PER_UNIT;
	} else if (units < 0 && nanos > 0) {
		units++;
		nanos -= NANOS_PER_UNIT;
	}
	{
		/* Built apart: out may be a or b (a running sum). */
		struct dd_money r;

		memset(&r, 0, sizeof(r));
		memcpy(r.currency, cur(a), 4);
		r.units = units;
		r.nanos = (int32_t)nanos;
		*out = r;
	}
	return 0;
overflow:
	return dd_error_set(err, DD_E_USAGE, 0, NULL, _("amount too large to add"));
}

static int add_invoice(struct dd_billing_totals *t, const struct dd_invoice *inv,
		       struct dd_error *err)
{
	const char *c = cur(&inv->taxed);
	struct dd_billing_sum *s = NULL;
	struct dd_money sum;

	if (!inv->has_totals) {
		t->without_totals++;
		return 0;
	}
	if (strcmp(cur(&inv->untaxed), c) != 0 || strcmp(cur(&inv->vat), c) != 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("invoice %s mixes currencies in its totals"), inv->id);
	for (size_t i = 0; i < t->nsums; i++)
		if (strcmp(t->sums[i].currency, c) == 0)
			s = &t->sums[i];
	if (!s) {
		if (t->nsums == DD_BILLING_MAX_CURRENCIES)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("more than %d currencies in the selection"),
					    DD_BILLING_MAX_CURRENCIES);
		s = &t->sums[t->nsums++];
		memset(s, 0, sizeof(*s));
		memcpy(s->currency, c, 4);
		memcpy(s->untaxed.currency, c, 4);
		memcpy(s->vat.currency, c, 4);
		memcpy(s->taxed.currency, c, 4);
	}
	/* Part 6 of the invoice: untaxed total + VAT = total due. Checked to
	 * the cent, the precision the invoice prints. */
	if (dd_billing_money_add(&inv->untaxed, &inv->vat, &sum, err) != 0)
		return -1;
	if (dd_money_cents(&sum) != dd_money_cents(&inv->taxed))
		t->vat_mismatch++;
	if (dd_billing_money_add(&s->untaxed, &inv->untaxed, &s->untaxed, err) != 0 ||
	    dd_billing_money_add(&s->vat, &inv->vat, &s->vat, err) != 0 ||
	    dd_billing_money_add(&s->taxed, &inv->taxed, &s->taxed, err) != 0)
		return -1;
	s->count++;
	return 0;
}

int dd_billing_totals(const struct dd_invoice *v, size_t n, const size_t *idx, size_t nidx,
		      struct dd_billing_totals *out, struct dd_error *err)
{
	size_t count = idx ? nidx : n;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < count; i++) {
		size_t k = idx ? idx[i] : i;

		if (k >= n)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("selection index %zu out of range"), k);
		if (add_invoice(out, &v[k], err) != 0)
			return -1;
	}
	return 0;
}

/* ---- payment method after linking ---- */

void dd_billing_default_payment(const struct dd_pay_account *dedibox,
				const struct dd_pay_account *scaleway,
				struct dd_pay_default *out)
{
	bool ds = dedibox && dedibox->sepa_preferred, ss = scaleway && scaleway->sepa_preferred;
	const char *dc = dedibox ? dedibox->card : NULL, *sc = scaleway ? scaleway->card : NULL;

	memset(out, 0, sizeof(*out));
	if (ds || ss) {
		out->kind = DD_PAY_SEPA;
		out->from = ds && ss ? DD_PAY_FROM_BOTH : ds ? DD_PAY_FROM_DEDIBOX
							     : DD_PAY_FROM_SCALEWAY;
		out->why = "SEPA was the preferred payment method in one of the accounts, so it "
			   "became the default payment method for both consoles.";
	} else if (dc && sc) {
		out->kind = DD_PAY_CARD;
		if (strcmp(dc, sc) == 0) {
			out->from = DD_PAY_FROM_BOTH;
			out->why = "Neither account preferred SEPA, so the registered credit card "
				   "is the default payment method for both consoles.";
		} else {
			out->from = DD_PAY_FROM_SCALEWAY;
			out->why = "Neither account preferred SEPA and the two accounts had "
				   "different credit cards, so the card registered with Scaleway "
				   "is the default payment method for both consoles.";
		}
	} else if (dc || sc) {
		out->kind = DD_PAY_CARD;
		out->from = dc ? DD_PAY_FROM_DEDIBOX : DD_PAY_FROM_SCALEWAY;
		out->why = "Neither account preferred SEPA, so the registered credit card is the "
			   "default payment method for both consoles.";
	} else {
		out->kind = DD_PAY_NONE;
		out->from = DD_PAY_FROM_NONE;
		out->why = "Neither account had SEPA or a credit card: add a payment method in "
			   "the billing section of the Scaleway console.";
	}
}

/* ---- billed duration ---- */

/* Seed 002's table, its "Billing Starts" and "Billing Stops" columns. */
static const struct {
	const char *starts, *stops;
} class_events[DD_RES_CLASS_COUNT] = {
	[DD_RES_INSTANCE] = { N_("Power On (when the Instance is already powered off); a hard "
			      "reboot keeps the ongoing resource running"),
			      N_("Powered Off (the shutdown process is not billed)") },
	[DD_RES_ELASTIC_METAL] = { N_("the server is created"),
				   N_("the server is deleted (billed even when powered off)") },
	[DD_RES_MAC_MINI] = { N_("the Mac mini is created"),
			      N_("the Mac mini is deleted (24 hours minimum; billed even when "
			      "powered off)") },
	[DD_RES_FLEXIBLE_IP] = { N_("the IP is reserved"),
				 N_("the reservation is cancelled (billed whether used or not)") },
	[DD_RES_DYNAMIC_IP] = { N_("the IP is associated with a running Instance"),
				N_("the IP is detached from a running Instance which has just been "
				"shut down") },
	[DD_RES_VOLUME] = { N_("the volume is created"), N_("the volume is deleted") },
	[DD_RES_SNAPSHOT] = { N_("the snapshot is created"), N_("the snapshot is deleted") },
};

int dd_billing_class_events(enum dd_resource_class c, const char **starts, const char **stops,
			    struct dd_error *err)
{
	if ((unsigned)c >= DD_RES_CLASS_COUNT)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("unknown resource class %d"), (int)c);
	*starts = _(class_events[c].starts);
	*stops = _(class_events[c].stops);
	return 0;
}

int64_t dd_billing_billed_seconds(enum dd_resource_class c, int64_t start, int64_t stop,
				  struct dd_error *err)
{
	int64_t len, min = c == DD_RES_MAC_MINI ? DD_BILLING_MAC_MIN_SECONDS
						: DD_BILLING_MIN_SECONDS;

	if ((unsigned)c >= DD_RES_CLASS_COUNT)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("unknown resource class %d"), (int)c);
	if (stop < start || __builtin_sub_overflow(stop, start, &len))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("a billing period cannot stop before it starts"));
	return len < min ? min : len;
}
