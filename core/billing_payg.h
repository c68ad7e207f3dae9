/* Hourly pay-as-you-go, seed 002 ("How am I billed for Scaleway services?",
 * "When does the billing of an Instance start and stop?"): each resource
 * class's start and stop events make uninterrupted periods, each period is
 * its own resource billed at least 60 minutes (a Mac mini 24 hours), the
 * invoice covers one UTC calendar month, prices exclude tax.
 *
 * The one rule for a period across a month boundary: the period is first
 * stretched to its minimum ([start, start + billed seconds)), then each
 * month bills the part of it that falls inside the month. A cost is
 * price per hour × seconds / 3600 in nanos, rounded half away from zero
 * to the nano; a total becomes cents only when shown (core/money).
 *
 * Part of librules: pure, libc only; the caller passes "now". */
#ifndef DD_BILLING_PAYG_H
#define DD_BILLING_PAYG_H

#include <stddef.h>
#include <stdint.h>

#include "core/billing.h"

/* What happens to a resource, at a UTC second. Each class listens to the
 * events of its row of the seed's table and ignores the others. */
enum dd_bill_ev {
	DD_EV_CREATE,      /* Elastic Metal, Mac mini, volume, snapshot: starts */
	DD_EV_DELETE,      /* stops every class */
	DD_EV_POWER_ON,    /* Instance: starts (when it was off) */
	DD_EV_SHUTDOWN,    /* Instance: the power-off is asked; the shutdown is not billed */
	DD_EV_POWERED_OFF, /* Instance: stops, if SHUTDOWN did not already */
	DD_EV_HARD_REBOOT, /* no class: the ongoing resource keeps running */
	DD_EV_RESERVE,     /* flexible IP: starts */
	DD_EV_CANCEL,      /* flexible IP: stops */
	DD_EV_ATTACH,      /* dynamic IP: attached to a running Instance, starts */
	DD_EV_DETACH       /* dynamic IP: stops */
};

struct dd_bill_event {
	int64_t at;
	enum dd_bill_ev ev;
};

/* stop == DD_BILL_RUNNING: no stop event yet. */
#define DD_BILL_RUNNING INT64_MAX

struct dd_bill_period {
	int64_t start, stop;
};

/* The uninterrupted periods of a resource of class c from its events (in
 * time order). A start while running and a stop while stopped change
 * nothing. -1 with err when events go back in time or more than cap
 * periods result. */
int dd_billing_periods(enum dd_resource_class c, const struct dd_bill_event *ev, size_t nev,
		       struct dd_bill_period *out, size_t cap, size_t *nout, struct dd_error *err);

/* The seconds and nanos a period of class c at price_hour (nanos per hour,
 * excl. tax) bills inside [from, to), a running period counted up to now.
 * -1 with err on overflow or a bad class. */
int dd_billing_period_cost(enum dd_resource_class c, int64_t price_hour,
			   const struct dd_bill_period *p, int64_t from, int64_t to, int64_t now,
			   int64_t *seconds, int64_t *nanos, struct dd_error *err);

/* price_hour × seconds / 3600, rounded half away from zero to the nano. */
int dd_billing_cost_of(int64_t price_hour, int64_t seconds, int64_t *nanos, struct dd_error *err);

/* The UTC month holding second t, as seconds [*first, *next). */
void dd_billing_month_of(int64_t t, int64_t *first, int64_t *next);

/* One billed resource: a class, a price, its events. */
struct dd_bill_resource {
	enum dd_resource_class cls;
	int64_t price_hour;              /* nanos per hour, excl. tax */
	const struct dd_bill_event *ev;
	size_t nev;
};

struct dd_bill_month {
	int64_t first, next;     /* the UTC month, seconds */
	int64_t so_far;          /* nanos billed up to now */
	int64_t projected;       /* nanos at the month's end if nothing else changes */
	size_t periods;          /* the "unique resources" of the month */
	size_t running;          /* periods still running at now */
};

#define DD_BILL_MAX_PERIODS 256

/* The month holding now for resources r[0..n-1]: billed so far and the
 * month-end projection, in which every period still running at now runs
 * to the end of the month and nothing new starts. */
int dd_billing_month(const struct dd_bill_resource *r, size_t n, int64_t now,
		     struct dd_bill_month *out, struct dd_error *err);

/* The same projection from what the Billing API's consumption gives (no
 * events): value billed for quantity_milli thousandths of an hour so far,
 * still running, with remaining seconds of the month left. The hourly
 * price is value / quantity; out = value + price × remaining. */
int dd_billing_project_line(const struct dd_money *value, int64_t quantity_milli,
			    int64_t remaining, struct dd_money *out, struct dd_error *err);

/* "720", "12.5", "0.125" as thousandths (720000, 12500, 125); -1 with err
 * on anything else or more than three decimals. */
int dd_billing_parse_quantity(const char *s, int64_t *milli, struct dd_error *err);

/* Nanos of a struct dd_money and back (currency kept; -1 on overflow). */
int dd_money_to_nanos(const struct dd_money *m, int64_t *nanos);
void dd_money_from_nanos(int64_t nanos, const char *currency, struct dd_money *out);

#endif
