/* The billing rules of the seed documents, written once: what an invoice
 * state means, the unpaid-invoice timeline, the UTC calendar-month billing
 * period, exact totals of a selection of invoices, and the default payment
 * method after linking a Dedibox and a Scaleway account.
 *
 * Sources: "Billing" FAQ of Scaleway (shared/seeds/002_...) and "Dedibox and
 * Scaleway account linking" (shared/seeds/000_...). Each function's comment
 * names the sentence it implements. Part of librules: pure functions, libc
 * only, no clock reads (the caller passes "today"), no allocation, so the
 * sandbox computes the same deadlines and totals as the console.
 *
 * Days are UTC day numbers: days since 1970-01-01 (negative before). */
#ifndef DD_BILLING_H
#define DD_BILLING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/money.h"
/* Only the record types (struct dd_invoice, enum dd_invoice_source): no
 * function of libdedicore is called, so librules still links alone. */
#include "core/model_billing.h"

/* ---- calendar (proleptic Gregorian, UTC) ---- */

/* The UTC day number of y-m-d; m 1..12, d 1..31 (not range checked). */
int64_t dd_billing_day(int y, int m, int d);
/* The inverse of dd_billing_day. */
void dd_billing_ymd(int64_t day, int *y, int *m, int *d);
/* The UTC day of an RFC 3339 timestamp ("2024-02-29",
 * "2024-02-29T23:30:00Z", "2024-03-01T00:30:00+02:00" is Feb 29 UTC).
 * 0 and *day set, or -1 with err (DD_E_USAGE) on anything else. */
int dd_billing_parse_day(const char *s, int64_t *day, struct dd_error *err);

/* ---- billing period ---- */

/* Seed 002, "When are invoices issued?": "Our reference billing period is
 * the definition of a calendar month in the Coordinated Universal Time (UTC)
 * time zone." The period holding day: its first day and the first day of
 * the next month (half-open, so days = *next - *first). */
void dd_billing_period(int64_t day, int64_t *first, int64_t *next);
/* Seed 002: "Invoices are issued each month based on the resources'
 * consumption of the previous month." The period an invoice issued on
 * issued_day bills: the calendar month before the one it is issued in. */
void dd_billing_period_billed(int64_t issued_day, int64_t *first, int64_t *next);

/* ---- invoice states ---- */

/* Seed 002, "What does the status of my invoice mean?" for Scaleway's
 * draft, stopped, issued, paid, incomplete, outdated; Dedibox's unpaid,
 * paid, errored in the same plain words. Case-insensitive. Anything else:
 * NULL (see dd_billing_state_text for a sentence). */
const char *dd_billing_state_meaning(enum dd_invoice_source source, const char *state);
/* dd_billing_state_meaning, or "Unknown state \"X\": dedi does not know
 * what it means." written to buf (state sanitized to printable ASCII). */
const char *dd_billing_state_text(enum dd_invoice_source source, const char *state,
				  char *buf, size_t len);

/* ---- the unpaid-invoice timeline ---- */

/* Seed 002, "How can I pay my invoice?": "Once an invoice is issued, you
 * have 10 days to regularize it", "If you are unable to settle your invoice
 * after the due date, your account is going to be suspended ... You will
 * then have another ten days to regularize your invoice, before your
 * resources are deleted." */
#define DD_BILLING_DAYS_TO_PAY 10
#define DD_BILLING_DAYS_SUSPENDED 10

enum dd_billing_stage {
	DD_STAGE_SETTLED,      /* paid: nothing to do */
	DD_STAGE_NOT_ISSUED,   /* draft or stopped: nothing to pay yet */
	DD_STAGE_ACTION,       /* incomplete, outdated, errored: see advice */
	DD_STAGE_BEFORE_DUE,   /* issued..due day inclusive: pay by the due day */
	DD_STAGE_SUSPENDED,    /* due+1 .. delete-1: services unreachable */
	DD_STAGE_DELETED,      /* from the delete day: resources deleted */
	DD_STAGE_UNKNOWN       /* a state dedi does not know */
};

struct dd_billing_deadline {
	enum dd_billing_stage stage;
	int64_t issued, due;   /* UTC days; due = issued + 10 when not given */
	int64_t suspend;       /* due + 1: the first day after the due date */
	int64_t delete_day;    /* suspend + 10: the ten suspended days are over */
	int64_t days_left;     /* to the next step (0 on its eve); -1 if none */
	const char *advice;    /* what to do, from the seed; never NULL */
};

/* The timeline of an invoice in state (either source) issued on issued_day,
 * due on due_day (INT64_MIN when the invoice gives none: issued + 10), seen
 * on today. payment_method is the method that failed or will be debited
 * ("sepa", "direct_debit", "credit_card", "" unknown): a failed SEPA debit
 * gets the seed's card advice. A due day before the issue day is refused. */
int dd_billing_deadline(enum dd_invoice_source source, const char *state,
			const char *payment_method, int64_t issued_day, int64_t due_day,
			int64_t today, struct dd_billing_deadline *out, struct dd_error *err);

/* ---- totals of a selection ---- */

/* Exact a + b, nanos carried, the result normalized (nanos with the sign
 * of units). 0, or -1 with err on overflow or different currencies
 * ("" is EUR). */
int dd_billing_money_add(const struct dd_money *a, const struct dd_money *b,
			 struct dd_money *out, struct dd_error *err);

#define DD_BILLING_MAX_CURRENCIES 4

struct dd_billing_sum {
	char currency[4];
	struct dd_money untaxed, vat, taxed;
	size_t count;
};

/* Seed 002, "How to read my invoice?" part 6: the total is the untaxed
 * total plus VAT. Sums per currency (a mix is reported as several sums,
 * never added together); invoices without totals are counted apart. */
struct dd_billing_totals {
	struct dd_billing_sum sums[DD_BILLING_MAX_CURRENCIES];
	size_t nsums;
	size_t without_totals;   /* has_totals false: not in any sum */
	size_t vat_mismatch;     /* untaxed + vat != taxed to the cent */
};

/* Totals of v[0..n-1] (idx NULL) or of v[idx[0..nidx-1]] (a selection).
 * -1 with err on overflow, more currencies than the maximum, or an index
 * out of range. */
int dd_billing_totals(const struct dd_invoice *v, size_t n, const size_t *idx, size_t nidx,
		      struct dd_billing_totals *out, struct dd_error *err);

/* ---- default payment method after linking ---- */

enum dd_pay_kind { DD_PAY_NONE, DD_PAY_SEPA, DD_PAY_CARD };
enum dd_pay_from { DD_PAY_FROM_NONE, DD_PAY_FROM_DEDIBOX, DD_PAY_FROM_SCALEWAY, DD_PAY_FROM_BOTH };

/* What one account had before linking. */
struct dd_pay_account {
	bool sepa_preferred;   /* SEPA was its preferred payment method */
	const char *card;      /* its registered card (any stable id), NULL if none */
};

struct dd_pay_default {
	enum dd_pay_kind kind;
	enum dd_pay_from from;
	const char *why;       /* the seed's rule that decided, one sentence */
};

/* Seed 000, "How can I access and manage my payment methods?": "If you had
 * SEPA as your preferred payment method in either your Dedibox or Scaleway,
 * this became your default payment method for both consoles. If you did not
 * have SEPA ... your registered credit card will be used ... If you use
 * different credit cards for Dedibox and Scaleway, the card registered with
 * Scaleway becomes the default payment method for both consoles." */
void dd_billing_default_payment(const struct dd_pay_account *dedibox,
				const struct dd_pay_account *scaleway,
				struct dd_pay_default *out);

/* ---- billed duration of one resource ---- */

/* Seed 002, "When does the billing of an Instance start and stop?": the
 * resource classes of its table. */
enum dd_resource_class {
	DD_RES_INSTANCE,       /* Compute Instances */
	DD_RES_ELASTIC_METAL,
	DD_RES_MAC_MINI,       /* Apple silicon M1 */
	DD_RES_FLEXIBLE_IP,
	DD_RES_DYNAMIC_IP,
	DD_RES_VOLUME,
	DD_RES_SNAPSHOT,
	DD_RES_CLASS_COUNT
};

/* The seed's "Billing Starts" and "Billing Stops" events of a class, in
 * its words; 0, or -1 with err for a class out of range. */
int dd_billing_class_events(enum dd_resource_class c, const char **starts, const char **stops,
			    struct dd_error *err);

/* "Each of these resources are billed separately for a minimum of 60
 * minutes. Each uninterrupted period between a start and a stop billing
 * event will be considered a unique resource." and, for the Mac mini,
 * "the minimum lease for Apple silicon-as-a-Service is 24 hours". */
#define DD_BILLING_MIN_SECONDS 3600
#define DD_BILLING_MAC_MIN_SECONDS (24 * 3600)

/* The seconds billed for one uninterrupted period from start to stop (UTC
 * seconds): its length, raised to the class's minimum. The seed does not
 * say a period is rounded up to whole hours beyond the minimum, so it is
 * not. -1 with err when stop is before start or the class is unknown. */
int64_t dd_billing_billed_seconds(enum dd_resource_class c, int64_t start, int64_t stop,
				  struct dd_error *err);

#endif
