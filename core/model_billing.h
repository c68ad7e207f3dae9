/* The records of billing and ordering: invoices of both sources,
 * consumption lines of the current month, discounts, server offers and the
 * payment facts. Amounts are struct dd_money exactly as the APIs give them
 * (units + nanos), never floating point; every string is sanitized by the
 * backend room that decoded it. Lists are one allocation plus a count, and
 * their records hold no pointers, so clearing a list is one free. */
#ifndef DD_MODEL_BILLING_H
#define DD_MODEL_BILLING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/money.h"

enum dd_invoice_source {
	DD_INVOICE_DEDIBOX,   /* Dedibox v1 /invoices */
	DD_INVOICE_SCALEWAY   /* Billing v2beta1 /invoices */
};

struct dd_invoice {
	char id[48];                   /* Dedibox: decimal id; Scaleway: UUID */
	char number[24];               /* what the invoice prints; "" for a draft */
	enum dd_invoice_source source;
	char period_start[32];         /* RFC 3339 or "" (Dedibox gives no period) */
	char period_stop[32];
	char issued[32];               /* Scaleway issued_date, Dedibox created_at */
	char due[32];                  /* "" when the API gives none */
	char paid[32];                 /* Dedibox paid_at, "" otherwise */
	struct dd_money untaxed;       /* total excl. tax (after discount) */
	struct dd_money vat;           /* Scaleway total_tax; Dedibox: taxed - untaxed */
	struct dd_money taxed;         /* total incl. tax */
	struct dd_money discount;      /* Scaleway total_discount, 0 otherwise */
	bool has_totals;               /* false when the API left the totals out */
	char state[24];                /* Scaleway: draft..outdated; Dedibox: unpaid, paid, errored */
	char type[24];                 /* Scaleway periodic or purchase, "" for Dedibox */
	char payment_method[24];       /* Dedibox credit_card, direct_debit...; "" for Scaleway */
	int64_t transaction_id;        /* Dedibox, 0 when unpaid */
};

struct dd_invoice_list {
	struct dd_invoice *v;
	size_t n, cap;
};

/* One line of a Dedibox invoice's content (GET /invoices/{id}: a free
 * string, one line per thing billed). A line that names a server and an
 * amount is tied to it; any other line is kept as text only. */
struct dd_invoice_line {
	char invoice_id[24];       /* the Dedibox invoice it came from */
	int64_t server_id;         /* 0: not a server line */
	char hostname[64];
	char offer[64];
	char text[192];            /* the line as sent, sanitized */
	struct dd_money untaxed;   /* the server's month, excl. tax */
	bool has_amount;
};

struct dd_invoice_line_list {
	struct dd_invoice_line *v;
	size_t n, cap;
};

/* One line of the current month's consumption (the draft invoice). */
struct dd_consumption {
	char category[64];
	char product[128];
	char resource[128];
	char project_id[48];
	char consumer_id[48];
	char sku[128];
	char unit[24];
	char billed_quantity[32];  /* a decimal string on the wire: kept as text */
	struct dd_money value;
};

struct dd_consumption_list {
	struct dd_consumption *v;
	size_t n, cap;
	char updated_at[32];             /* RFC 3339 or "" */
	struct dd_money discount_untaxed; /* total_discount_untaxed_value */
};

/* One tax of the current month (Billing v2beta1 /taxes). */
struct dd_tax {
	char description[128];
	char currency[4];
	int rate_bp;               /* the JSON rate (0.2) in basis points (2000) */
	bool has_rate;
	struct dd_money total;     /* total_tax_value, converted to the nano */
	bool has_total;
};

struct dd_tax_list {
	struct dd_tax *v;
	size_t n, cap;
	char updated_at[32];       /* RFC 3339 or "" */
};

#define DD_DISCOUNT_MAX_FILTERS 8

struct dd_discount_filter {
	char type[24];    /* product_range, zone, ... */
	char value[64];
	bool exclude;     /* true: the discount does not apply there */
};

struct dd_discount {
	char id[48];
	char description[256];
	char coupon[128];          /* the coupon's description, "" if none */
	char mode[32];             /* discount_mode_value, _rate, _splittable */
	char created[32], start[32], stop[32];  /* RFC 3339 or "" */
	/* The API gives these three as JSON numbers in currency units; they
	 * are converted once, to the nano, when decoded. */
	struct dd_money value, value_used, value_remaining;
	struct dd_discount_filter filters[DD_DISCOUNT_MAX_FILTERS];
	size_t nfilters;           /* filters beyond the maximum are dropped */
};

struct dd_discount_list {
	struct dd_discount *v;
	size_t n, cap;
};

/* A server offer of one zone (the zones' lists also hold options: those
 * are not kept here, they belong to a server's subscribable options). */
struct dd_offer {
	int64_t id;
	char zone[16];
	char name[64];
	char range[32];             /* commercial_range */
	char payment_frequency[16]; /* monthly, oneshot */
	char cpu[96];               /* the first CPU's model */
	int cpu_count;              /* sockets */
	int cores, threads;         /* of all CPUs */
	int64_t memory_bytes;       /* of all memories */
	char memory_type[16];
	int disk_count;
	int64_t disk_bytes;         /* of all disks */
	char disk_type[16];         /* of the first disk */
	int64_t bandwidth;          /* server_info.bandwidth, as the API gives it */
	int64_t connectivity;
	struct dd_money price;      /* per payment_frequency, excl. tax */
	struct dd_money setup_fee;  /* the onetime_fees offer's pricing, 0 if none */
	bool has_setup_fee;
	char stock[16];             /* empty, low, available */
};

struct dd_offer_list {
	struct dd_offer *v;
	size_t n, cap;
};

/* What the Dedibox API says about paying and ordering (GET /can-order). */
struct dd_payment {
	bool can_order;
	bool quota_ok;
	bool phone_confirmed;
	bool email_confirmed;
	bool user_confirmed;
	bool payment_mode;      /* a payment method is registered */
	bool billing_ok;        /* no unpaid invoice blocks an order */
	char message[256];      /* why not, when the API says */
};

/* Appends a zeroed record; NULL on ENOMEM (the list is unchanged). */
struct dd_invoice *dd_invoice_list_add(struct dd_invoice_list *l);
struct dd_invoice_line *dd_invoice_line_list_add(struct dd_invoice_line_list *l);
struct dd_consumption *dd_consumption_list_add(struct dd_consumption_list *l);
struct dd_discount *dd_discount_list_add(struct dd_discount_list *l);
struct dd_tax *dd_tax_list_add(struct dd_tax_list *l);
struct dd_offer *dd_offer_list_add(struct dd_offer_list *l);
/* Frees the records and leaves the list empty (and reusable). */
void dd_invoice_list_clear(struct dd_invoice_list *l);
void dd_invoice_line_list_clear(struct dd_invoice_line_list *l);
void dd_consumption_list_clear(struct dd_consumption_list *l);
void dd_discount_list_clear(struct dd_discount_list *l);
void dd_tax_list_clear(struct dd_tax_list *l);
void dd_offer_list_clear(struct dd_offer_list *l);

/* a - b exactly (units + nanos normalised, same sign), in a's currency.
 * -1 when the currencies differ or the result overflows. */
int dd_money_sub(const struct dd_money *a, const struct dd_money *b, struct dd_money *out);

/* Every billing collection of one store (core/store_billing.h reads it). */
struct dd_billing_store {
	struct dd_invoice_list scw_invoices;
	struct dd_invoice_list dbx_invoices;
	struct dd_consumption_list consumption;
	struct dd_discount_list discounts;
	struct dd_tax_list taxes;
	struct dd_offer_list offers;
	struct dd_payment payment;
	struct dd_invoice_line_list dbx_lines;  /* of the invoices read one by one */
};

void dd_billing_store_clear(struct dd_billing_store *b);

#endif
