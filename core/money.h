/* Money as the APIs give it (Google's units + nanos), and the one rounding
 * rule: an amount becomes cents rounded half away from zero (12.345 EUR is
 * 12.35, -12.345 is -12.35, 12.3449999 is 12.34). Core shows money with it
 * and the sandbox adds prices up with it, so the two cannot disagree by a
 * cent. Pure functions: no I/O, no allocation, no locale. */
#ifndef DD_MONEY_H
#define DD_MONEY_H

#include <stddef.h>
#include <stdint.h>

struct dd_money {
	char currency[4];  /* ISO 4217, "" means EUR */
	int64_t units;     /* whole units */
	int32_t nanos;     /* -999999999..999999999, same sign as units */
};

/* m in cents under the rule above; saturates at INT64_MIN / INT64_MAX
 * instead of overflowing on absurd units. */
int64_t dd_money_cents(const struct dd_money *m);
/* The exact amount of cents as units + nanos (cents / 100 and the rest),
 * in currency (NULL or "" means EUR). */
void dd_money_from_cents(int64_t cents, const char *currency, struct dd_money *out);
/* "12.99 EUR", "-3.50 EUR": dd_money_cents, then two decimals. */
void dd_money_format(const struct dd_money *m, char *buf, size_t len);

#endif
