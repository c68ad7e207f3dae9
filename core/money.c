#include "core/money.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

int64_t dd_money_cents(const struct dd_money *m)
{
	/* A nano-cent is 10^7 nanos; the remainder decides the rounding. */
	int64_t c = m->nanos / 10000000, r = m->nanos % 10000000;

	if (r >= 5000000)
		c++;
	else if (r <= -5000000)
		c--;
	if (m->units > (INT64_MAX - 100) / 100)
		return INT64_MAX;
	if (m->units < (INT64_MIN + 100) / 100)
		return INT64_MIN;
	return m->units * 100 + c;
}

void dd_money_from_cents(int64_t cents, const char *currency, struct dd_money *out)
{
	memset(out, 0, sizeof(*out));
	snprintf(out->currency, sizeof(out->currency), "%s",
		 currency && currency[0] ? currency : "EUR");
	/* C division truncates toward zero, so units and nanos share a sign. */
	out->units = cents / 100;
	out->nanos = (int32_t)(cents % 100) * 10000000;
}

void dd_money_format(const struct dd_money *m, char *buf, size_t len)
{
	int64_t cents = dd_money_cents(m);
	/* Negated as unsigned: -INT64_MIN does not fit an int64_t. */
	uint64_t a = cents < 0 ? 0 - (uint64_t)cents : (uint64_t)cents;

	snprintf(buf, len, "%s%" PRIu64 ".%02" PRIu64 " %s", cents < 0 ? "-" : "", a / 100,
		 a % 100, m->currency[0] ? m->currency : "EUR");
}
