/* Money and dates as a person reads them, in the user's locale.
 *
 * core/money.h stays locale-free: the sandbox and every machine output
 * (-o json|yaml|csv, --json) use dd_money_format().  What a human table,
 * a status line or a dialog shows goes through these instead:
 *
 *   C / POSIX locale   "1234.56 EUR"   (exactly dd_money_format)
 *   fr_FR.UTF-8        "1 234,56 €"    thousands separated by the locale's
 *                                      mon_thousands_sep (U+202F, narrow
 *                                      no-break space, in glibc's fr_FR),
 *                                      the euro sign after a U+00A0
 *                                      no-break space so it never wraps
 *
 * The separators come from LC_MONETARY (dedi keeps LC_NUMERIC at "C" for
 * parsing, never LC_MONETARY); a locale with no monetary data (C) keeps the
 * machine spelling so English screens and scripts do not change. */
#ifndef DD_MONEY_DISPLAY_H
#define DD_MONEY_DISPLAY_H

#include <stddef.h>

#include "core/money.h"

/* m for a human; buf gets at most len-1 bytes (UTF-8 in a French locale). */
void dd_money_display(const struct dd_money *m, char *buf, size_t len);

/* A calendar day (y, 1..12, 1..31) for a human: the locale's date (%x,
 * "01/05/2024" in fr_FR) or "2024-05-01" in the C locale. */
void dd_date_display(int y, int m, int d, char *buf, size_t len);

/* The same for a date the API wrote ("2024-05-01" or "2024-05-01T..."):
 * a string that does not start with a date is copied as it is. */
void dd_date_display_iso(const char *iso, char *buf, size_t len);

#endif
