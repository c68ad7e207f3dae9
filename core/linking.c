#include "core/linking.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/vat.h"
#include "core/i18n.h"

static const char *const words[DD_LR_COUNT] = {
	"webhosting", "domain", "dedirack", "outsourced", "paypal", "not-owner", "country-mismatch"
};

/* Seed 001, "Which accounts cannot be linked?" */
static const char *const texts[DD_LR_COUNT] = {
	"No Web Hosting service on the Dedibox account.",
	"No domain name service on the Dedibox account.",
	"No Dedirack (rack space) service on the Dedibox account.",
	"No outsourced (managed services) contract on the Dedibox account.",
	"No PayPal payment method on the Dedibox account.",
	"The Scaleway user is the Owner of the Organization.",
	"The Scaleway Organization is in the same country as the Dedibox account."
};

const char *dd_link_rule_word(enum dd_link_rule r)
{
	return (unsigned)r < DD_LR_COUNT ? words[r] : NULL;
}

const char *dd_link_rule_text(enum dd_link_rule r)
{
	return (unsigned)r < DD_LR_COUNT ? texts[r] : NULL;
}

enum dd_link_rule dd_link_rule_by_word(const char *word)
{
	for (int i = 0; word && i < DD_LR_COUNT; i++)
		if (strcmp(word, words[i]) == 0)
			return (enum dd_link_rule)i;
	return DD_LR_COUNT;
}

const char *dd_link_verdict_word(enum dd_link_verdict v)
{
	return v == DD_LINK_PASS ? "pass" : v == DD_LINK_FAIL ? "fail" : "unknown";
}

const char *dd_link_status_word(enum dd_link_status s)
{
	switch (s) {
	case DD_LINK_LINKED: return "linked";
	case DD_LINK_NOT_LINKED: return "not-linked";
	case DD_LINK_PARTLY: return "partly";
	default: return "undecided";
	}
}

void dd_link_facts_init(struct dd_link_facts *f)
{
	static const char nog[] = "not gathered";

	memset(f, 0, sizeof(*f));
	snprintf(f->scw_servers_why, sizeof f->scw_servers_why, "%s", nog);
	snprintf(f->online_servers_why, sizeof f->online_servers_why, "%s", nog);
	snprintf(f->hostings_why, sizeof f->hostings_why, "%s", nog);
	snprintf(f->services_why, sizeof f->services_why, "%s", nog);
	snprintf(f->dedibox_invoices_why, sizeof f->dedibox_invoices_why, "%s", nog);
	snprintf(f->iam_why, sizeof f->iam_why, "%s", nog);
	snprintf(f->scw_vat_why, sizeof f->scw_vat_why, "%s", nog);
	snprintf(f->dedibox_vat_why, sizeof f->dedibox_vat_why, "%s", nog);
	snprintf(f->discounts_why, sizeof f->discounts_why, "%s", nog);
	snprintf(f->scw_person_why, sizeof f->scw_person_why, "%s", nog);
	snprintf(f->dedibox_person_why, sizeof f->dedibox_person_why, "%s", nog);
}

static void line(struct dd_link_line *l, enum dd_link_verdict v, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void line(struct dd_link_line *l, enum dd_link_verdict v, const char *fmt, ...)
{
	va_list ap;

	l->v = v;
	va_start(ap, fmt);
	vsnprintf(l->evidence, sizeof l->evidence, fmt, ap);
	va_end(ap);
}

/* Case-insensitive substring. */
static bool names(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

/* Which rule an offer name makes a service fall under: the Dedibox
 * catalogue names its products in English and French. */
static bool offer_is(enum dd_link_rule r, const char *offer)
{
	switch (r) {
	case DD_LR_DOMAIN:
		return names(offer, "domain") || names(offer, "domaine");
	case DD_LR_DEDIRACK:
		return names(offer, "dedirack");
	case DD_LR_OUTSOURCED:
		return names(offer, "infog") || names(offer, "outsourc");
	default:
		return false;
	}
}

static void judge_service(const struct dd_link_facts *f, enum dd_link_rule r, struct dd_link_line *l,
			  const char *what)
{
	if (!f->have_services) {
		line(l, DD_LINK_UNKNOWN, "cannot be checked: %s", f->services_why);
		return;
	}
	for (size_t i = 0; i < f->n_services; i++)
		if (offer_is(r, f->services[i].offer)) {
			line(l, DD_LINK_FAIL, "service %s is %s: \"%s\"", f->services[i].id, what,
			     f->services[i].offer);
			return;
		}
	line(l, DD_LINK_PASS, "none of the %zu services of the Dedibox account is %s", f->n_services,
	     what);
}

static void judge_hosting(const struct dd_link_facts *f, struct dd_link_line *l)
{
	if (!f->have_hostings)
		line(l, DD_LINK_UNKNOWN, "cannot be checked: %s", f->hostings_why);
	else if (f->n_hostings)
		line(l, DD_LINK_FAIL, "the Dedibox account has %zu web hosting%s (%s)", f->n_hostings,
		     f->n_hostings > 1 ? "s" : "", f->hosting_first);
	else
		line(l, DD_LINK_PASS, "the Dedibox account has no web hosting");
}

/* The newest invoice that says how it was paid, or NULL. */
static const struct dd_link_invoice *latest_paid(const struct dd_link_facts *f)
{
	const struct dd_link_invoice *best = NULL;

	for (size_t i = 0; i < f->n_dedibox_invoices; i++) {
		const struct dd_link_invoice *v = &f->dedibox_invoices[i];
		if (v->method[0] && (!best || v->day > best->day))
			best = v;
	}
	return best;
}

static void judge_paypal(const struct dd_link_facts *f, struct dd_link_line *l)
{
	const struct dd_link_invoice *last = NULL;
	size_t recent = 0;

	if (!f->have_dedibox_invoices) {
		line(l, DD_LINK_UNKNOWN, "cannot be checked: %s", f->dedibox_invoices_why);
		return;
	}
	last = latest_paid(f);
	if (!last) {
		line(l, DD_LINK_UNKNOWN, "cannot be checked: no Dedibox invoice shows a payment method");
		return;
	}
	if (strcmp(last->method, "paypal") == 0) {
		line(l, DD_LINK_FAIL, "the latest Dedibox invoice, %s, was paid by PayPal", last->number);
		return;
	}
	for (size_t i = 0; i < f->n_dedibox_invoices; i++) {
		const struct dd_link_invoice *v = &f->dedibox_invoices[i];
		if (v->day && f->today && v->day + 365 < f->today)
			continue;
		recent++;
		if (strcmp(v->method, "paypal") == 0) {
			line(l, DD_LINK_FAIL, "Dedibox invoice %s, of the last 12 months, was paid by PayPal",
			     v->number);
			return;
		}
	}
	line(l, DD_LINK_PASS, "no PayPal payment in the %zu Dedibox invoice%s of the last 12 months "
	     "(latest: %s, %s)", recent, recent == 1 ? "" : "s", last->number, last->method);
}

static void judge_owner(const struct dd_link_facts *f, struct dd_link_line *l)
{
	if (!f->have_iam)
		line(l, DD_LINK_UNKNOWN, "cannot be checked: %s", f->iam_why);
	else if (f->iam_application)
		line(l, DD_LINK_UNKNOWN, "cannot be checked: the key belongs to an application, not a "
		     "user; use a key of the Organization's Owner");
	else if (strcmp(f->iam_type, "owner") == 0)
		line(l, DD_LINK_PASS, "the key's user %s is the Owner of the Organization", f->iam_email);
	else
		line(l, DD_LINK_FAIL, "the key's user %s is a %s of the Organization, not its Owner",
		     f->iam_email, f->iam_type[0] ? f->iam_type : "user");
}

size_t dd_link_countries_at_rate(int bp, int64_t day, char *buf, size_t len)
{
	size_t n = 0, used = 0;

	if (len)
		buf[0] = '\0';
	/* Every two-letter code: vat.c's list of member states stays its own. */
	for (char a = 'A'; a <= 'Z'; a++)
		for (char b = 'A'; b <= 'Z'; b++) {
			char cc[3] = { a, b, '\0' };
			int r;
			struct dd_error e;
			if (!dd_vat_is_eu(cc) || dd_vat_rate(cc, day, &r, NULL, &e) < 0 || r != bp)
				continue;
			if (used < len) {
				int k = snprintf(buf + used, len - used, "%s%s", n ? ", " : "", cc);
				used += k > 0 ? (size_t)k : 0;
			}
			n++;
		}
	return n;
}

/* One side's countries: the declared one, else those applying its VAT
 * rate. -1 when this side cannot tell (why in l). */
static int side_countries(const char *side, bool have, const char *why, int bp, int64_t day,
			  const char *declared, char *set, size_t len, size_t *n, char *shown,
			  size_t slen, struct dd_link_line *l)
{
	if (declared[0]) {
		snprintf(set, len, "%s", declared);
		*n = 1;
		snprintf(shown, slen, "the %s account is in %s (declared)", side, declared);
		return 0;
	}
	if (!have) {
		line(l, DD_LINK_UNKNOWN, "cannot be checked: %s (or declare the countries)", why);
		return -1;
	}
	if (bp == 0) {
		line(l, DD_LINK_UNKNOWN, "cannot be checked: %s invoices charge no VAT (exempt or outside "
		     "the EU), which names no country; declare the countries", side);
		return -1;
	}
	*n = dd_link_countries_at_rate(bp, day, set, len);
	if (*n == 0) {
		line(l, DD_LINK_UNKNOWN, "cannot be checked: %s invoices charge %d.%02d%% VAT, the "
		     "standard rate of no EU country", side, bp / 100, bp % 100);
		return -1;
	}
	if (bp % 100)
		snprintf(shown, slen, "%s invoices charge %d.%02d%% VAT (%s)", side, bp / 100, bp % 100, set);
	else
		snprintf(shown, slen, "%s invoices charge %d%% VAT (%s)", side, bp / 100, set);
	return 0;
}

static bool in_set(const char *set, const char *cc)
{
	for (const char *p = set; *p; p += p[2] ? 4 : 2)
		if (p[0] == cc[0] && p[1] == cc[1])
			return true;
	return false;
}

static void judge_country(const struct dd_link_facts *f, struct dd_link_line *l)
{
	char ds[128], ss[128], dshow[200], sshow[200];
	size_t dn = 0, sn = 0, common = 0;
	char first[3] = "";

	l->declared = f->declared_dedibox_country[0] || f->declared_scaleway_country[0];
	if (side_countries("Dedibox", f->have_dedibox_vat, f->dedibox_vat_why, f->dedibox_vat_bp,
			   f->dedibox_vat_day ? f->dedibox_vat_day : f->today,
			   f->declared_dedibox_country, ds, sizeof ds, &dn, dshow, sizeof dshow, l) < 0 ||
	    side_countries("Scaleway", f->have_scw_vat, f->scw_vat_why, f->scw_vat_bp,
			   f->scw_vat_day ? f->scw_vat_day : f->today,
			   f->declared_scaleway_country, ss, sizeof ss, &sn, sshow, sizeof sshow, l) < 0)
		return;
	for (const char *p = ds; *p; p += p[2] ? 4 : 2)
		if (in_set(ss, p)) {
			if (!common++)
				memcpy(first, p, 2);
		}
	if (common == 0)
		line(l, DD_LINK_FAIL, "%s; %s: not the same country", dshow, sshow);
	else if (dn == 1 && sn == 1)
		line(l, DD_LINK_PASS, "%s; %s: the same country", dshow, sshow);
	else
		line(l, DD_LINK_UNKNOWN, "consistent, not proven: %s; %s; declare the countries "
		     "(--dedibox-country, --scaleway-country) to settle it", dshow, sshow);
}

static bool same_server(const struct dd_link_server *a, const struct dd_link_server *b)
{
	if (a->id[0] && b->id[0])
		return strcmp(a->id, b->id) == 0;
	return a->hostname[0] && strcmp(a->hostname, b->hostname) == 0 && strcmp(a->ip, b->ip) == 0;
}

static void judge_status(const struct dd_link_facts *f, struct dd_link_report *r)
{
	size_t s = f->servers_over_cap ? f->total_scw_servers : f->n_scw_servers;
	size_t o = f->servers_over_cap ? f->total_online_servers : f->n_online_servers, common = 0;

	r->status = DD_LINK_UNDECIDED;
	if (!f->have_scw_servers || !f->have_online_servers) {
		snprintf(r->status_evidence, sizeof r->status_evidence,
			 "cannot be decided from the data: %s",
			 !f->have_scw_servers ? f->scw_servers_why : f->online_servers_why);
		return;
	}
	if (f->servers_over_cap)
		common = f->common_over_cap;
	for (size_t i = 0; !f->servers_over_cap && i < o; i++)
		for (size_t k = 0; k < s; k++)
			if (same_server(&f->online_servers[i], &f->scw_servers[k])) {
				common++;
				break;
			}
	r->servers_common = common;
	r->servers_total = s + o - common;
	if (s == 0 && o == 0) {
		snprintf(r->status_evidence, sizeof r->status_evidence,
			 "cannot be decided from the data: no server on either side");
	} else if (common == 0 && s == 0) {
		r->status = DD_LINK_NOT_LINKED;
		snprintf(r->status_evidence, sizeof r->status_evidence,
			 "the Dedibox token sees %zu server%s; the Organization's Dedibox API lists none",
			 o, o == 1 ? "" : "s");
	} else if (common == 0) {
		snprintf(r->status_evidence, sizeof r->status_evidence,
			 "cannot be decided from the data: the Organization lists %zu Dedibox server%s and "
			 "the token %zu, none in common (another Dedibox account?)", s, s == 1 ? "" : "s", o);
	} else if (common == r->servers_total) {
		r->status = DD_LINK_LINKED;
		snprintf(r->status_evidence, sizeof r->status_evidence,
			 "the same %zu server%s on both sides", common, common == 1 ? "" : "s");
	} else {
		r->status = DD_LINK_PARTLY;
		snprintf(r->status_evidence, sizeof r->status_evidence,
			 "partly: %zu of %zu servers are seen on both sides", common, r->servers_total);
	}
}

static const char *method_kind(const char *m)
{
	if (strcmp(m, "direct_debit") == 0)
		return "SEPA direct debit";
	if (strcmp(m, "credit_card") == 0 || strcmp(m, "amex") == 0)
		return "card";
	if (strcmp(m, "paypal") == 0)
		return "PayPal";
	if (strcmp(m, "transfer") == 0)
		return "bank transfer";
	return m[0] ? m : "no method";
}

static const char *pay_kind_word(enum dd_pay_kind k)
{
	return k == DD_PAY_SEPA ? "SEPA direct debit" : k == DD_PAY_CARD ? "credit card" : "none";
}

static const char *pay_from_word(enum dd_pay_from k)
{
	return k == DD_PAY_FROM_DEDIBOX ? "the Dedibox account's"
	       : k == DD_PAY_FROM_SCALEWAY ? "the Scaleway account's"
	       : k == DD_PAY_FROM_BOTH ? "both accounts'" : "no account's";
}

static void judge_payment(const struct dd_link_facts *f, struct dd_link_report *r)
{
	const struct dd_link_invoice *last = f->have_dedibox_invoices ? latest_paid(f) : NULL;
	struct dd_pay_account d = { false, NULL }, s = { false, NULL };
	char scard[16];

	if (last)
		snprintf(r->dedibox_method, sizeof r->dedibox_method, "%s", last->method);
	d.sepa_preferred = last && strcmp(last->method, "direct_debit") == 0;
	/* No API identifies the Dedibox card: a stable stand-in. */
	d.card = last && strcmp(method_kind(last->method), "card") == 0 ? "dedibox-card" : NULL;
	if (f->scw_pay == DD_LINK_SCWPAY_UNDECLARED && !d.sepa_preferred) {
		r->pay_decided = false;
		snprintf(r->pay_evidence, sizeof r->pay_evidence,
			 "cannot be decided without the Scaleway method (--scaleway-payment): Dedibox "
			 "pays by %s; if Scaleway pays by SEPA, SEPA becomes the default for both "
			 "consoles; if by card, the card registered with Scaleway does; %s",
			 last ? method_kind(last->method) : "an unknown method",
			 d.card ? "if neither, the Dedibox card does"
				: "if neither, no default: add one in the Scaleway console");
		return;
	}
	s.sepa_preferred = f->scw_pay == DD_LINK_SCWPAY_SEPA;
	snprintf(scard, sizeof scard, "scaleway-card:%s", f->scw_card_last4);
	s.card = f->scw_pay == DD_LINK_SCWPAY_CARD ? scard : NULL;
	dd_billing_default_payment(&d, &s, &r->pay);
	r->pay_decided = true;
	snprintf(r->pay_evidence, sizeof r->pay_evidence, "%s, %s (Dedibox pays by %s, Scaleway %s%s). %s%s",
		 pay_kind_word(r->pay.kind), pay_from_word(r->pay.from),
		 last ? method_kind(last->method) : "an unknown method",
		 f->scw_pay == DD_LINK_SCWPAY_UNDECLARED ? "undeclared"
		 : f->scw_pay == DD_LINK_SCWPAY_SEPA ? "by SEPA (declared)"
		 : f->scw_pay == DD_LINK_SCWPAY_CARD ? "by card (declared)" : "none (declared)",
		 "", r->pay.why ? r->pay.why : "",
		 d.card && s.card ? " No API identifies the Dedibox card: same card or different "
				    "cards, the card registered with Scaleway is the default either way."
				  : "");
}

static void judge_discount(const struct dd_link_facts *f, struct dd_link_report *r)
{
	static const char terms[] = "the first-customers credit: EUR 100 for six months, on "
				    "Scaleway cloud services only, not on Dedibox or Elastic Metal";
	char amount[48];

	if (f->have_discounts && f->discount_found) {
		dd_money_format(&f->discount_remaining, amount, sizeof amount);
		if (f->discount_end_day) {
			int y, m, d;
			dd_billing_ymd(f->discount_end_day, &y, &m, &d);
			snprintf(r->discount, sizeof r->discount, "%s remaining until %04d-%02d-%02d (\"%s\"); %s",
				 amount, y, m, d, f->discount_description, terms);
		} else {
			snprintf(r->discount, sizeof r->discount, "%s remaining (\"%s\"); %s", amount,
				 f->discount_description, terms);
		}
	} else if (f->have_discounts) {
		snprintf(r->discount, sizeof r->discount, "no linking discount on the Scaleway account; %s",
			 terms);
	} else {
		snprintf(r->discount, sizeof r->discount, "discounts not read (%s); %s", f->discounts_why,
			 terms);
	}
}

static void field(struct dd_link_field *o, const char *name, bool hd, const char *d, bool hs,
		  const char *s)
{
	o->name = name;
	snprintf(o->dedibox, sizeof o->dedibox, "%s", hd && d ? d : "");
	snprintf(o->scaleway, sizeof o->scaleway, "%s", hs && s ? s : "");
	if (!d && !s)
		o->state = DD_LF_NOT_IN_API;
	else if (!o->dedibox[0] || !o->scaleway[0])
		o->state = DD_LF_ONE_SIDE;
	else
		o->state = strcasecmp(o->dedibox, o->scaleway) == 0 ? DD_LF_SAME : DD_LF_DIFFERENT;
}

static void judge_fields(const struct dd_link_facts *f, struct dd_link_report *r)
{
	const struct dd_link_person *d = &f->dedibox_person, *s = &f->scw_person;
	bool hd = f->have_dedibox_person, hs = f->have_scw_person;

	/* Online /user has no phone; IAM users have no company. */
	field(&r->fields[DD_LF_FIRST_NAME], "first name", hd, d->first_name, hs, s->first_name);
	field(&r->fields[DD_LF_LAST_NAME], "last name", hd, d->last_name, hs, s->last_name);
	field(&r->fields[DD_LF_EMAIL], "email", hd, d->email, hs, s->email);
	field(&r->fields[DD_LF_PHONE], "phone", false, "", hs, s->phone);
	field(&r->fields[DD_LF_COMPANY], "company", hd, d->company, false, "");
	field(&r->fields[DD_LF_ADDRESS], "address", false, NULL, false, NULL);
	field(&r->fields[DD_LF_BILLING_CONTACT], "billing contact", false, NULL, false, NULL);
	field(&r->fields[DD_LF_VAT_NUMBER], "VAT number", false, NULL, false, NULL);
	r->data_note = "After linking, these are edited in the Scaleway console only. Invoices stay "
		       "separate, one payment method pays both, and API access is unchanged. The "
		       "address, billing contact and VAT number are in no public API: compare them "
		       "in both consoles.";
}

void dd_link_judge(const struct dd_link_facts *f, struct dd_link_report *out)
{
	memset(out, 0, sizeof(*out));
	for (int i = 0; i < DD_LR_COUNT; i++)
		out->lines[i].rule = (enum dd_link_rule)i;
	judge_status(f, out);
	judge_hosting(f, &out->lines[DD_LR_WEBHOSTING]);
	judge_service(f, DD_LR_DOMAIN, &out->lines[DD_LR_DOMAIN], "a domain name");
	judge_service(f, DD_LR_DEDIRACK, &out->lines[DD_LR_DEDIRACK], "a Dedirack");
	judge_service(f, DD_LR_OUTSOURCED, &out->lines[DD_LR_OUTSOURCED], "an outsourcing contract");
	judge_paypal(f, &out->lines[DD_LR_PAYPAL]);
	judge_owner(f, &out->lines[DD_LR_NOT_OWNER]);
	judge_country(f, &out->lines[DD_LR_COUNTRY]);
	out->eligible = true;
	for (int i = 0; i < DD_LR_COUNT; i++)
		if (out->lines[i].v != DD_LINK_PASS)
			out->eligible = false;
	judge_payment(f, out);
	judge_discount(f, out);
	judge_fields(f, out);
}

int dd_link_exit_code(const struct dd_link_report *r)
{
	bool unknown = false;

	if (r->status == DD_LINK_LINKED)
		return DD_LINK_EXIT_OK;
	if (r->status == DD_LINK_PARTLY)
		return DD_LINK_EXIT_PARTLY;
	for (int i = 0; i < DD_LR_COUNT; i++) {
		if (r->lines[i].v == DD_LINK_FAIL)
			return DD_LINK_EXIT_NOT_ELIGIBLE;
		if (r->lines[i].v == DD_LINK_UNKNOWN)
			unknown = true;
	}
	return unknown || r->status == DD_LINK_UNDECIDED ? DD_LINK_EXIT_UNDECIDED : DD_LINK_EXIT_OK;
}

int dd_link_parse_scw_payment(const char *s, struct dd_link_facts *f, struct dd_error *err)
{
	if (strcmp(s, "sepa") == 0) {
		f->scw_pay = DD_LINK_SCWPAY_SEPA;
	} else if (strcmp(s, "none") == 0) {
		f->scw_pay = DD_LINK_SCWPAY_NONE;
	} else if (strcmp(s, "card") == 0) {
		f->scw_pay = DD_LINK_SCWPAY_CARD;
		f->scw_card_last4[0] = '\0';
	} else if (strncmp(s, "card:", 5) == 0 && strlen(s + 5) == 4 && isdigit((unsigned char)s[5]) &&
		   isdigit((unsigned char)s[6]) && isdigit((unsigned char)s[7]) &&
		   isdigit((unsigned char)s[8])) {
		f->scw_pay = DD_LINK_SCWPAY_CARD;
		memcpy(f->scw_card_last4, s + 5, 5);
	} else {
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("the Scaleway payment method is sepa, card, card:LAST4 (four digits) "
				    "or none"));
	}
	return 0;
}

int dd_link_parse_country(const char *s, char out[3], struct dd_error *err)
{
	if (!s || strlen(s) != 2 || !isalpha((unsigned char)s[0]) || !isalpha((unsigned char)s[1]))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("a country is a two-letter ISO 3166 code such as FR or NL"));
	out[0] = (char)toupper((unsigned char)s[0]);
	out[1] = (char)toupper((unsigned char)s[1]);
	out[2] = '\0';
	if (!dd_vat_is_eu(out))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s is not a member state of the European Union, where Dedibox and "
				    "Scaleway accounts are linked"), out);
	return 0;
}
