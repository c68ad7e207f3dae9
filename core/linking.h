/* Account linking (issue 22, seeds 000 and 001): the eligibility rules of
 * the linking FAQ, the "already linked" decision, the default payment
 * method and the shared data, judged from facts gathered elsewhere
 * (core/link_gather) or built by the sandbox for its scenarios.
 *
 * What no API tells is never made up: a rule whose evidence is missing is
 * DD_LINK_UNKNOWN with the reason, never a pass. Part of librules: pure
 * functions, libc only. */
#ifndef DD_LINKING_H
#define DD_LINKING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/billing.h"
#include "core/error.h"
#include "core/money.h"

enum dd_link_verdict { DD_LINK_PASS, DD_LINK_FAIL, DD_LINK_UNKNOWN };

enum dd_link_rule {
	DD_LR_WEBHOSTING,
	DD_LR_DOMAIN,
	DD_LR_DEDIRACK,
	DD_LR_OUTSOURCED,
	DD_LR_PAYPAL,
	DD_LR_NOT_OWNER,
	DD_LR_COUNTRY,
	DD_LR_COUNT
};

/* "webhosting", "domain", "dedirack", "outsourced", "paypal", "not-owner",
 * "country-mismatch": the words of the sandbox scenarios and of
 * `dedi link check --json`. NULL out of range. */
const char *dd_link_rule_word(enum dd_link_rule r);
/* The FAQ's condition, one sentence ("No Web Hosting service on the
 * Dedibox account."). */
const char *dd_link_rule_text(enum dd_link_rule r);
/* The rule named by word, or DD_LR_COUNT. */
enum dd_link_rule dd_link_rule_by_word(const char *word);
/* "pass", "fail", "unknown". */
const char *dd_link_verdict_word(enum dd_link_verdict v);

/* ---- facts: each source has its own have_ flag and, when absent, why ---- */

#define DD_LINK_MAX_SERVERS 512
#define DD_LINK_MAX_SERVICES 128
#define DD_LINK_MAX_INVOICES 64
#define DD_LINK_WHY 192

/* A Dedibox server as one side lists it. ids: the Online id ("12345"),
 * which the Scaleway Dedibox v1 API uses as its server id too. */
struct dd_link_server {
	char id[32];
	char hostname[96];
	char ip[48];          /* main IPv4, "" if unknown */
};

/* A service of the Dedibox account (Scaleway Dedibox v1 services). */
struct dd_link_service {
	char id[32];
	char offer[96];       /* offer.name, sanitized */
	char catalog[32];     /* offer.catalog ("server", "domain", ...) */
};

/* A Dedibox invoice: its number, how it was paid, its day and totals. */
struct dd_link_invoice {
	char number[32];
	char method[24];      /* "direct_debit", "credit_card", "amex", "paypal",
			       * "transfer", "" when none */
	int64_t day;          /* UTC day (dd_billing_day) it was issued, 0 unknown */
	int64_t untaxed_cents;
	int64_t taxed_cents;
};

/* What the user declares of the Scaleway payment method: no public API
 * states it. */
enum dd_link_scw_pay {
	DD_LINK_SCWPAY_UNDECLARED,
	DD_LINK_SCWPAY_NONE,
	DD_LINK_SCWPAY_SEPA,
	DD_LINK_SCWPAY_CARD
};

struct dd_link_person {
	char first_name[64];
	char last_name[64];
	char email[128];
	char phone[40];
	char company[128];
};

/* About 200 KB: allocate it, do not put it on the stack. */
struct dd_link_facts {
	int64_t today;                 /* UTC day (dd_billing_day) of the check */
	bool have_dedibox_creds;       /* a Dedibox (Online) token was given */
	bool have_scaleway_creds;      /* Scaleway keys were given */

	/* Servers: Scaleway Dedibox v1 of the organization (every zone) and
	 * Online v1 with the Dedibox token. */
	bool have_scw_servers;
	char scw_servers_why[DD_LINK_WHY];
	struct dd_link_server scw_servers[DD_LINK_MAX_SERVERS];
	size_t n_scw_servers;
	bool have_online_servers;
	char online_servers_why[DD_LINK_WHY];
	struct dd_link_server online_servers[DD_LINK_MAX_SERVERS];
	size_t n_online_servers;

	/* Online v1 /hosting: the web hostings of the Dedibox account. */
	bool have_hostings;
	char hostings_why[DD_LINK_WHY];
	size_t n_hostings;
	char hosting_first[96];        /* evidence: the first one's name or id */

	/* Scaleway Dedibox v1 services. */
	bool have_services;
	char services_why[DD_LINK_WHY];
	struct dd_link_service services[DD_LINK_MAX_SERVICES];
	size_t n_services;

	/* Scaleway Dedibox v1 invoices, newest first. */
	bool have_dedibox_invoices;
	char dedibox_invoices_why[DD_LINK_WHY];
	struct dd_link_invoice dedibox_invoices[DD_LINK_MAX_INVOICES];
	size_t n_dedibox_invoices;

	/* IAM: the key's owner. */
	bool have_iam;
	char iam_why[DD_LINK_WHY];
	bool iam_application;          /* the key belongs to an application */
	char iam_type[16];             /* "owner", "member", ... */
	char iam_email[128];

	/* VAT charged by the latest invoice of each side, basis points. */
	bool have_scw_vat;
	char scw_vat_why[DD_LINK_WHY];
	int scw_vat_bp;
	int64_t scw_vat_day;           /* day of that invoice, 0 = today */
	char scw_vat_invoice[40];
	bool have_dedibox_vat;
	char dedibox_vat_why[DD_LINK_WHY];
	int dedibox_vat_bp;
	int64_t dedibox_vat_day;
	char dedibox_vat_invoice[40];
	char declared_dedibox_country[3];   /* ISO 3166 alpha-2, "" undeclared */
	char declared_scaleway_country[3];

	/* Payment: Scaleway side declared by the user. */
	enum dd_link_scw_pay scw_pay;
	char scw_card_last4[5];

	/* Billing v2beta1 discounts. */
	bool have_discounts;
	char discounts_why[DD_LINK_WHY];
	bool discount_found;           /* one names the linking / first-customers credit */
	char discount_description[128];
	struct dd_money discount_remaining;
	int64_t discount_end_day;      /* 0 when the API gives none */

	/* Shared data: IAM user and Online /user. */
	bool have_scw_person;
	char scw_person_why[DD_LINK_WHY];
	struct dd_link_person scw_person;
	bool have_dedibox_person;
	char dedibox_person_why[DD_LINK_WHY];
	struct dd_link_person dedibox_person;
};

/* Zeroes f and sets every why to "not gathered". */
void dd_link_facts_init(struct dd_link_facts *f);

/* ---- the report ---- */

enum dd_link_status {
	DD_LINK_LINKED,
	DD_LINK_NOT_LINKED,
	DD_LINK_PARTLY,
	DD_LINK_UNDECIDED
};

/* "linked", "not-linked", "partly", "undecided". */
const char *dd_link_status_word(enum dd_link_status s);

struct dd_link_line {
	enum dd_link_rule rule;
	enum dd_link_verdict v;
	bool declared;                 /* settled by the user's declaration, not checked */
	char evidence[256];
};

enum dd_link_field_state {
	DD_LF_SAME,
	DD_LF_DIFFERENT,
	DD_LF_ONE_SIDE,                /* only one side's API returns it, or one side missing */
	DD_LF_NOT_IN_API               /* no public API returns it */
};

enum dd_link_field_id {
	DD_LF_FIRST_NAME, DD_LF_LAST_NAME, DD_LF_EMAIL, DD_LF_PHONE, DD_LF_COMPANY,
	DD_LF_ADDRESS, DD_LF_BILLING_CONTACT, DD_LF_VAT_NUMBER,
	DD_LF_COUNT
};

struct dd_link_field {
	const char *name;              /* "first name", static */
	enum dd_link_field_state state;
	char dedibox[128];             /* "" when not known */
	char scaleway[128];
};

struct dd_link_report {
	enum dd_link_status status;
	char status_evidence[256];
	size_t servers_common;         /* servers seen on both sides */
	size_t servers_total;          /* distinct servers seen on either side */
	struct dd_link_line lines[DD_LR_COUNT];   /* indexed by enum dd_link_rule */
	bool eligible;                 /* every rule passes */

	/* Payment method after linking (seed 000's three rules). */
	char dedibox_method[24];       /* the Dedibox method used: "direct_debit", ... "" none */
	bool pay_decided;              /* false without the Scaleway method */
	struct dd_pay_default pay;     /* when pay_decided */
	char pay_evidence[512];        /* the answer, or the rule for each case */

	char discount[384];            /* remaining value and end, or the FAQ's terms */
	struct dd_link_field fields[DD_LF_COUNT];
	const char *data_note;         /* after linking: edited in the Scaleway console ... */
};

/* Judges f. Never fails: missing facts give DD_LINK_UNKNOWN lines and an
 * undecided status. */
void dd_link_judge(const struct dd_link_facts *f, struct dd_link_report *out);

/* Exit codes of `dedi link check` (doc/dedi.1). */
#define DD_LINK_EXIT_OK 0            /* linked, or eligible */
#define DD_LINK_EXIT_NOT_ELIGIBLE 10 /* not linked and a rule fails */
#define DD_LINK_EXIT_UNDECIDED 11    /* no rule fails, one cannot be checked
				      * (or the status cannot be decided) */
#define DD_LINK_EXIT_PARTLY 12       /* some servers linked, some not */
int dd_link_exit_code(const struct dd_link_report *r);

/* --scaleway-payment sepa|card[:LAST4]|none into f. -1 with err. */
int dd_link_parse_scw_payment(const char *s, struct dd_link_facts *f, struct dd_error *err);
/* An ISO 3166 alpha-2 code of an EU member state, upper-cased into out[3].
 * -1 with err. */
int dd_link_parse_country(const char *s, char out[3], struct dd_error *err);

/* The countries whose standard VAT rate on day is bp, comma-separated
 * ("FR, AT, BG, EE, SK"), at most len bytes; returns how many. */
size_t dd_link_countries_at_rate(int bp, int64_t day, char *buf, size_t len);

#endif
