#include "core/vat.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/billing.h"
#include "core/i18n.h"

struct rate_row {
	char country[3];
	int y, m, d;
	int bp;
};

/* Generated from data/eu-vat-rates.tsv by core/vat_rates.awk, sorted by
 * country then day as the file is. */
static const struct rate_row rates[] = {
#include "core/vat_rates.inc"
};

static const char *const eu[] = { "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES",
				  "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
				  "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK" };

static bool code_is(const char *a, const char *b)
{
	return a && strlen(a) == 2 && toupper((unsigned char)a[0]) == b[0] &&
	       toupper((unsigned char)a[1]) == b[1];
}

bool dd_vat_is_eu(const char *country)
{
	for (size_t i = 0; i < sizeof(eu) / sizeof(eu[0]); i++)
		if (code_is(country, eu[i]))
			return true;
	return false;
}

int dd_vat_rate(const char *country, int64_t day, int *bp, int64_t *since, struct dd_error *err)
{
	bool seen = false;
	int64_t best = INT64_MIN;

	if (!dd_vat_is_eu(country))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s is not a member state of the European Union: no EU VAT rate"),
				    country && strlen(country) == 2 ? country : _("that country"));
	for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); i++) {
		int64_t from;

		if (!code_is(country, rates[i].country))
			continue;
		seen = true;
		from = dd_billing_day(rates[i].y, rates[i].m, rates[i].d);
		if (from <= day && from >= best) {
			best = from;
			*bp = rates[i].bp;
			if (since)
				*since = from;
		}
	}
	if (best == INT64_MIN)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    seen ? _("the VAT table has no rate for %c%c that early")
					 : _("the VAT table has no rate for %c%c"),
				    toupper((unsigned char)country[0]), toupper((unsigned char)country[1]));
	return 0;
}

/* ---- VAT numbers ---- */

static bool shape_is(const char *body, const char *shape, size_t n)
{
	if (strlen(body) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)body[i];

		if (shape[i] == '9' ? !isdigit(c) : shape[i] == 'A' ? !isupper(c)
				   : shape[i] == 'X' ? !isdigit(c) && !isupper(c) : c != (unsigned char)shape[i])
			return false;
	}
	return true;
}

static bool shapes_match(const char *body, const char *shapes)
{
	for (const char *s = shapes; *s;) {
		size_t n = strcspn(s, "|");

		if (shape_is(body, s, n))
			return true;
		s += n + (s[n] == '|');
	}
	return false;
}

static int dig(char c)
{
	return c - '0';
}

static bool luhn(const char *s, size_t n)
{
	int sum = 0;

	for (size_t i = 0; i < n; i++) {
		int d = dig(s[n - 1 - i]);

		if (i % 2 == 1)
			d = d * 2 > 9 ? d * 2 - 9 : d * 2;
		sum += d;
	}
	return sum % 10 == 0;
}

static bool check_at(const char *b)
{
	int sum = 0;

	for (int i = 0; i < 7; i++) {
		int d = dig(b[1 + i]);

		sum += i % 2 ? d * 2 / 10 + d * 2 % 10 : d;
	}
	return (10 - (sum + 4) % 10) % 10 == dig(b[8]);
}

static bool check_be(const char *b)
{
	long n = 0;

	if (b[0] != '0' && b[0] != '1')
		return false;
	for (int i = 0; i < 8; i++)
		n = n * 10 + dig(b[i]);
	return 97 - n % 97 == dig(b[8]) * 10 + dig(b[9]);
}

/* ISO 7064 MOD 11,10. */
static bool check_de(const char *b)
{
	int p = 10;

	for (int i = 0; i < 8; i++) {
		int s = (dig(b[i]) + p) % 10;

		p = (s ? s : 10) * 2 % 11;
	}
	return (11 - p) % 10 == dig(b[8]);
}

static bool check_dk(const char *b)
{
	static const int w[] = { 2, 7, 6, 5, 4, 3, 2, 1 };
	int sum = 0;

	for (int i = 0; i < 8; i++)
		sum += w[i] * dig(b[i]);
	return b[0] != '0' && sum % 11 == 0;
}

static bool check_fi(const char *b)
{
	static const int w[] = { 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0, r;

	for (int i = 0; i < 7; i++)
		sum += w[i] * dig(b[i]);
	r = sum % 11;
	return r != 1 && (r ? 11 - r : 0) == dig(b[7]);
}

/* The numeric key of a French number: (12 + 3 * (SIREN mod 97)) mod 97.
 * The newer alphanumeric keys have no published algorithm. */
static bool check_fr(const char *b)
{
	long siren = 0;

	if (!isdigit((unsigned char)b[0]) || !isdigit((unsigned char)b[1]))
		return true;
	for (int i = 2; i < 11; i++)
		siren = siren * 10 + dig(b[i]);
	return (12 + 3 * (siren % 97)) % 97 == dig(b[0]) * 10 + dig(b[1]);
}

static bool check_it(const char *b)
{
	return luhn(b, 11);
}

static bool check_lu(const char *b)
{
	long n = 0;

	for (int i = 0; i < 6; i++)
		n = n * 10 + dig(b[i]);
	return n % 89 == dig(b[6]) * 10 + dig(b[7]);
}

/* Companies: MOD 11 over the first nine digits; since 2020, sole traders'
 * numbers pass ISO 7064 MOD 97-10 over "NL" + the number instead. */
static bool check_nl(const char *b)
{
	static const int w[] = { 9, 8, 7, 6, 5, 4, 3, 2 };
	int sum = 0, r = 0;
	char all[16];

	for (int i = 0; i < 8; i++)
		sum += w[i] * dig(b[i]);
	if (sum % 11 == dig(b[8]))
		return true;
	snprintf(all, sizeof(all), "NL%s", b);
	for (const char *p = all; *p; p++) {
		int v = isdigit((unsigned char)*p) ? dig(*p) : *p - 'A' + 10;

		r = (v > 9 ? r * 100 : r * 10) + v;
		r %= 97;
	}
	return r == 1;
}

static bool check_pl(const char *b)
{
	static const int w[] = { 6, 5, 7, 2, 3, 4, 5, 6, 7 };
	int sum = 0;

	for (int i = 0; i < 9; i++)
		sum += w[i] * dig(b[i]);
	return sum % 11 == dig(b[9]);
}

static bool check_pt(const char *b)
{
	int sum = 0, c;

	for (int i = 0; i < 8; i++)
		sum += (9 - i) * dig(b[i]);
	c = 11 - sum % 11;
	return (c >= 10 ? 0 : c) == dig(b[8]);
}

static bool check_se(const char *b)
{
	return strcmp(b + 10, "01") == 0 && luhn(b, 10);
}

/* Spain: a company's CIF (letter, 7 digits, control digit or letter), a
 * person's NIF (8 digits and a letter), a foreigner's NIE (X, Y or Z,
 * 7 digits, letter), and K, L, M numbers (letter, 7 digits, letter). */
static bool check_es(const char *b)
{
	static const char nif[] = "TRWAGMYFPDXBNJZSQVHLCKE";
	long n = 0;

	if (isdigit((unsigned char)b[0])) {
		for (int i = 0; i < 8; i++) {
			if (!isdigit((unsigned char)b[i]))
				return false;
			n = n * 10 + dig(b[i]);
		}
		return b[8] == nif[n % 23];
	}
	for (int i = 1; i < 8; i++)
		if (!isdigit((unsigned char)b[i]))
			return false;
	if (strchr("XYZ", b[0])) {
		n = b[0] - 'X';
		for (int i = 1; i < 8; i++)
			n = n * 10 + dig(b[i]);
		return b[8] == nif[n % 23];
	}
	if (strchr("KLM", b[0])) {
		for (int i = 1; i < 8; i++)
			n = n * 10 + dig(b[i]);
		return b[8] == nif[n % 23];
	}
	if (strchr("ABCDEFGHJNPQRSUVW", b[0])) {
		int sum = 0, c;

		for (int i = 1; i < 8; i++) {
			int d = dig(b[i]);

			sum += i % 2 ? d * 2 / 10 + d * 2 % 10 : d;
		}
		c = (10 - sum % 10) % 10;
		return b[8] == '0' + c || b[8] == "JABCDEFGHI"[c];
	}
	return false;
}

static bool check_ee(const char *b)
{
	static const int w[] = { 3, 7, 1, 3, 7, 1, 3, 7 };
	int sum = 0;

	for (int i = 0; i < 8; i++)
		sum += w[i] * dig(b[i]);
	return (10 - sum % 10) % 10 == dig(b[8]);
}

static bool check_el(const char *b)
{
	int sum = 0;

	for (int i = 0; i < 8; i++)
		sum += dig(b[i]) << (8 - i);
	return sum % 11 % 10 == dig(b[8]);
}

/* Croatia: ISO 7064 MOD 11,10 over the OIB's eleven digits. */
static bool check_hr(const char *b)
{
	int p = 10;

	for (int i = 0; i < 10; i++) {
		int s = (dig(b[i]) + p) % 10;

		p = (s ? s : 10) * 2 % 11;
	}
	return (11 - p) % 10 == dig(b[10]);
}

static bool check_hu(const char *b)
{
	static const int w[] = { 9, 7, 3, 1, 9, 7, 3 };
	int sum = 0;

	for (int i = 0; i < 7; i++)
		sum += w[i] * dig(b[i]);
	return (10 - sum % 10) % 10 == dig(b[7]);
}

static bool check_mt(const char *b)
{
	static const int w[] = { 3, 4, 6, 7, 8, 9 };
	int sum = 0;

	for (int i = 0; i < 6; i++)
		sum += w[i] * dig(b[i]);
	return b[0] != '0' && (sum + dig(b[6]) * 10 + dig(b[7])) % 37 == 0;
}

/* Romania: 2 to 10 digits, weights 7,5,3,2,1,7,5,3,2 aligned to the right
 * of the digits before the check digit. */
static bool check_ro(const char *b)
{
	static const int w[] = { 7, 5, 3, 2, 1, 7, 5, 3, 2 };
	size_t n = strlen(b);
	int sum = 0;

	for (size_t i = 0; i + 1 < n; i++)
		sum += w[9 - (n - 1) + i] * dig(b[i]);
	return sum * 10 % 11 % 10 == dig(b[n - 1]);
}

static bool check_si(const char *b)
{
	int sum = 0, c;

	for (int i = 0; i < 7; i++)
		sum += (8 - i) * dig(b[i]);
	c = 11 - sum % 11;
	return b[0] != '0' && c != 11 && (c == 10 ? 0 : c) == dig(b[7]);
}

static bool check_sk(const char *b)
{
	long long n = 0;

	for (int i = 0; i < 10; i++)
		n = n * 10 + dig(b[i]);
	return b[0] != '0' && n % 11 == 0;
}

/* Per prefix, the body's shapes: 9 a digit, A a letter, X either, any
 * other character itself; alternatives separated by '|'. */
static const struct {
	const char *prefix, *shapes;
	bool (*check)(const char *body);
} formats[] = {
	{ "AT", "U99999999", check_at },
	{ "BE", "9999999999", check_be },
	{ "BG", "999999999|9999999999", NULL },
	{ "CY", "99999999A", NULL },
	{ "CZ", "99999999|999999999|9999999999", NULL },
	{ "DE", "999999999", check_de },
	{ "DK", "99999999", check_dk },
	{ "EE", "999999999", check_ee },
	{ "EL", "999999999", check_el },
	{ "ES", "X9999999X", check_es },
	{ "FI", "99999999", check_fi },
	{ "FR", "XX999999999", check_fr },
	{ "HR", "99999999999", check_hr },
	{ "HU", "99999999", check_hu },
	{ "IE", "9999999A|9999999AA|9X99999A", NULL },
	{ "IT", "99999999999", check_it },
	{ "LT", "999999999|999999999999", NULL },
	{ "LU", "99999999", check_lu },
	{ "LV", "99999999999", NULL },
	{ "MT", "99999999", check_mt },
	{ "NL", "999999999B99", check_nl },
	{ "PL", "9999999999", check_pl },
	{ "PT", "999999999", check_pt },
	{ "RO", "99|999|9999|99999|999999|9999999|99999999|999999999|9999999999", check_ro },
	{ "SE", "999999999999", check_se },
	{ "SI", "99999999", check_si },
	{ "SK", "9999999999", check_sk },
};

enum dd_vatnum dd_vat_number_check(const char *number, char *canon, size_t len,
				   const char **why)
{
	char c[24];
	size_t n = 0;
	const char *dummy;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (canon && len)
		canon[0] = '\0';
	if (!number) {
		*why = _("no VAT number");
		return DD_VATNUM_BAD;
	}
	for (const char *p = number; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch == ' ' || ch == '.' || ch == '-')
			continue;
		if (!isalnum(ch) || ch > 127) {
			*why = _("a VAT number holds only letters and digits");
			return DD_VATNUM_BAD;
		}
		if (n + 1 >= sizeof(c)) {
			*why = _("too long for a VAT number");
			return DD_VATNUM_BAD;
		}
		c[n++] = (char)toupper(ch);
	}
	c[n] = '\0';
	if (n < 4) {
		*why = _("too short for a VAT number");
		return DD_VATNUM_BAD;
	}
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strncmp(c, formats[i].prefix, 2) != 0)
			continue;
		if (!shapes_match(c + 2, formats[i].shapes)) {
			*why = _("not the shape of a VAT number of that country");
			return DD_VATNUM_BAD;
		}
		if (formats[i].check && !formats[i].check(c + 2)) {
			*why = _("its check digits are wrong");
			return DD_VATNUM_BAD;
		}
		if (canon)
			snprintf(canon, len, "%s", c);
		/* A French number with a letter key passes the shape only. */
		if (!formats[i].check || (strcmp(formats[i].prefix, "FR") == 0 &&
					  !(isdigit((unsigned char)c[2]) && isdigit((unsigned char)c[3]))))
			return DD_VATNUM_SYNTAX;
		return DD_VATNUM_CHECKED;
	}
	*why = isalpha((unsigned char)c[0]) && isalpha((unsigned char)c[1])
		       ? _("its prefix is not a member state of the European Union (Greece is EL)")
		       : _("a VAT number starts with its country's two letters");
	return DD_VATNUM_BAD;
}

int dd_vat_decide(const struct dd_vat_customer *c, int64_t day, struct dd_vat_decision *out,
		  struct dd_error *err)
{
	memset(out, 0, sizeof(*out));
	if (!c->country || strlen(c->country) != 2 || !isalpha((unsigned char)c->country[0]) ||
	    !isalpha((unsigned char)c->country[1]))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("the fiscal residence must be a two-letter country code (FR, DE, ...)"));
	if (!dd_vat_is_eu(c->country)) {
		out->kind = DD_VAT_OUTSIDE_EU;
		out->why = _("Outside the 27 member states of the European Union, no tax is added "
			   "to the invoice.");
		return 0;
	}
	if (c->business && c->vat_number && c->vat_number[0] &&
	    dd_vat_number_check(c->vat_number, NULL, 0, NULL) != DD_VATNUM_BAD) {
		out->kind = DD_VAT_BUSINESS_EXEMPT;
		out->why = _("An EU business that gives a valid VAT number is exempted from VAT.");
		return 0;
	}
	if (dd_vat_rate(c->country, day, &out->bp, &out->since, err) < 0)
		return -1;
	if (c->business) {
		out->kind = DD_VAT_INVALID_NUMBER;
		out->why = _("Without a valid VAT number, a business is considered an individual "
			   "customer and the local VAT rate of its fiscal residence applies.");
	} else {
		out->kind = DD_VAT_CONSUMER;
		out->why = _("An individual customer in the EU pays the VAT rate of their fiscal "
			   "residence.");
	}
	return 0;
}

int dd_vat_amount(const struct dd_money *untaxed, int bp, struct dd_money *vat,
		  struct dd_error *err)
{
	int64_t cents = dd_money_cents(untaxed), prod, q, r;

	if (bp < 0 || bp > 10000 || cents == INT64_MAX || cents == INT64_MIN ||
	    __builtin_mul_overflow(cents, (int64_t)bp, &prod))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("the VAT of that amount overflows"));
	q = prod / 10000;
	r = prod % 10000;
	if (r >= 5000)
		q++;
	else if (r <= -5000)
		q--;
	dd_money_from_cents(q, untaxed->currency, vat);
	return 0;
}
