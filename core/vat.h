/* VAT by the rules of seed 002 ("Do the prices shown on the website include
 * EU VAT?"): prices exclude tax; an EU consumer pays the standard VAT rate
 * of their fiscal residence; outside the 27 member states no tax is added;
 * an EU business with a valid VAT number is exempt; an invalid number makes
 * the customer a consumer. Rates come from data/eu-vat-rates.tsv (dated:
 * the rate of an invoice is the one in force on its day), compiled in.
 *
 * VAT numbers are checked for syntax in every member state, and for their
 * check digits in AT, BE, DE, DK, EE, EL, ES, FI, FR (numeric key), HR, HU,
 * IT, LU, MT, NL, PL, PT, RO, SE, SI and SK (not BG, CY, CZ, IE, LT, LV). "Valid" here means well formed: whether the number is
 * registered is only known to VIES, which dedi does not query.
 * Part of librules: pure functions, libc only. */
#ifndef DD_VAT_H
#define DD_VAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/money.h"

/* True for the ISO 3166 code of one of the 27 member states (case-
 * insensitive; Greece is GR, its VAT numbers start with EL). */
bool dd_vat_is_eu(const char *country);

/* The standard rate of an EU country on a UTC day, in basis points
 * (2000 = 20%), and the day that rate took effect. -1 with err for a
 * country outside the EU or a day before the table's first row for it. */
int dd_vat_rate(const char *country, int64_t day, int *bp, int64_t *since, struct dd_error *err);

enum dd_vatnum {
	DD_VATNUM_BAD,       /* not a VAT number of any member state */
	DD_VATNUM_SYNTAX,    /* well formed; the country's check digits not known to dedi */
	DD_VATNUM_CHECKED    /* well formed and its check digits are right */
};

/* Checks an EU VAT number: "FR 40-303265045", "de136695976" (spaces, dots
 * and dashes ignored, case-insensitive, the two-letter prefix required).
 * canon (may be NULL) gets the compact form "FR40303265045". When the
 * answer is DD_VATNUM_BAD, why (may be NULL) says what is wrong. */
enum dd_vatnum dd_vat_number_check(const char *number, char *canon, size_t len,
				   const char **why);

enum dd_vat_case {
	DD_VAT_CONSUMER,         /* EU individual: local rate */
	DD_VAT_OUTSIDE_EU,       /* no tax */
	DD_VAT_BUSINESS_EXEMPT,  /* EU business with a valid number */
	DD_VAT_INVALID_NUMBER    /* business whose number is not valid: a consumer */
};

struct dd_vat_customer {
	const char *country;     /* ISO 3166 alpha-2 of the fiscal residence */
	bool business;
	const char *vat_number;  /* NULL or "" when none was given */
};

struct dd_vat_decision {
	enum dd_vat_case kind;
	int bp;                  /* the rate applied, basis points; 0 when exempt */
	int64_t since;           /* the day that rate took effect (consumers) */
	const char *why;         /* the seed's rule, one sentence */
};

/* Which rule of the seed applies to c on day. -1 with err only for a
 * country code that is not two letters or an EU day before the table. */
int dd_vat_decide(const struct dd_vat_customer *c, int64_t day, struct dd_vat_decision *out,
		  struct dd_error *err);

/* The VAT on an untaxed amount at bp: the untaxed amount in cents (the
 * money rule), times the rate, rounded half away from zero to the cent.
 * -1 with err on overflow. */
int dd_vat_amount(const struct dd_money *untaxed, int bp, struct dd_money *vat,
		  struct dd_error *err);

#endif
