#include "core/money_display.h"

#include <inttypes.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#define NBSP "\xc2\xa0" /* U+00A0: the space before the currency sign */

/* The digits of a, grouped by threes with sep (the locale's grouping is
 * 3 in every locale dedi ships a catalog for; other groupings read as 3). */
static void group(uint64_t a, const char *sep, char *out, size_t len)
{
	char digits[24];
	size_t n = (size_t)snprintf(digits, sizeof(digits), "%" PRIu64, a), o = 0, sl = strlen(sep);

	for (size_t i = 0; i < n && o + 1 < len; i++) {
		if (i > 0 && (n - i) % 3 == 0 && o + sl + 1 < len) {
			memcpy(out + o, sep, sl);
			o += sl;
		}
		out[o++] = digits[i];
	}
	out[o < len ? o : len - 1] = '\0';
}

void dd_money_display(const struct dd_money *m, char *buf, size_t len)
{
	/* localeconv() reads LC_MONETARY, which dedi leaves to the user. */
	const struct lconv *lc = localeconv();
	const char *cur = m->currency[0] ? m->currency : "EUR";
	char whole[64];
	int64_t cents;
	uint64_t a;

	if (!lc || !lc->mon_decimal_point || !lc->mon_decimal_point[0]) {
		dd_money_format(m, buf, len);
		return;
	}
	cents = dd_money_cents(m);
	a = cents < 0 ? 0 - (uint64_t)cents : (uint64_t)cents;
	group(a / 100, lc->mon_thousands_sep ? lc->mon_thousands_sep : "", whole, sizeof(whole));
	/* The euro has its sign; another currency keeps its ISO code, which
	 * always stands apart from the digits. */
	const char *sym = strcmp(cur, "EUR") == 0 ? "\xe2\x82\xac" : cur;
	const char *sp = lc->p_sep_by_space || sym == cur ? NBSP : "";
	const char *sign = cents < 0 ? "-" : "";

	if (lc->p_cs_precedes == 1)
		snprintf(buf, len, "%s%s%s%s%s%02" PRIu64, sign, sym, sp, whole,
			 lc->mon_decimal_point, a % 100);
	else
		snprintf(buf, len, "%s%s%s%02" PRIu64 "%s%s", sign, whole, lc->mon_decimal_point,
			 a % 100, sp, sym);
}

/* Only a locale that names its own date order changes the ISO spelling:
 * C, POSIX and C.UTF-8 (whose D_FMT is the two-digit-year "%m/%d/%y")
 * keep it. */
static int c_time_locale(void)
{
	const char *l = setlocale(LC_TIME, NULL);
	return !l || strcmp(l, "C") == 0 || strcmp(l, "POSIX") == 0 || strncmp(l, "C.", 2) == 0;
}

void dd_date_display(int y, int m, int d, char *buf, size_t len)
{
	/* The locale's D_FMT ("%d/%m/%Y" in fr_FR, "%m/%d/%Y" in en_US) read
	 * by hand: the year always has its four digits (strftime's %x may
	 * give two), and anything beyond day, month and year keeps ISO. */
	const char *f = c_time_locale() ? "" : nl_langinfo(D_FMT);
	size_t o = 0;

	if (!len)
		return;
	for (; f && *f && o + 1 < len; f++) {
		int v = -1, w = 2;
		if (*f != '%') {
			buf[o++] = *f;
			continue;
		}
		switch (*++f) {
		case 'd': case 'e': v = d; break;
		case 'm': v = m; break;
		case 'Y': case 'y': v = y; w = 4; break;
		default: f = NULL; break;
		}
		if (!f)
			break;
		int n = snprintf(buf + o, len - o, "%0*d", w, v);
		o = n < 0 || (size_t)n >= len - o ? len - 1 : o + (size_t)n;
	}
	/* An unknown conversion, no format (C) or a cut: ISO. */
	if (!f || *f || o == 0)
		snprintf(buf, len, "%04d-%02d-%02d", y, m, d);
	else
		buf[o] = '\0';
}

void dd_date_display_iso(const char *iso, char *buf, size_t len)
{
	int y, m, d, n = 0;

	if (iso && sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10)
		dd_date_display(y, m, d, buf, len);
	else
		snprintf(buf, len, "%s", iso ? iso : "");
}
