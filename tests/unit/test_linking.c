/* core/linking: every rule pass/fail/unknown from a table of facts, the
 * linked status, the payment rules with a declared or undeclared Scaleway
 * method, the exit codes, the declarations' parsers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/billing.h"
#include "core/linking.h"

/* A fully eligible, not linked account: every source read. */
static struct dd_link_facts *base(void)
{
	struct dd_link_facts *f = malloc(sizeof(*f));

	assert_non_null(f);
	dd_link_facts_init(f);
	f->today = dd_billing_day(2026, 11, 30);
	f->have_dedibox_creds = f->have_scaleway_creds = true;
	f->have_scw_servers = true;
	f->have_online_servers = true;
	f->n_online_servers = 2;
	snprintf(f->online_servers[0].id, sizeof f->online_servers[0].id, "101");
	snprintf(f->online_servers[1].id, sizeof f->online_servers[1].id, "102");
	f->have_hostings = true;
	f->have_services = true;
	f->n_services = 1;
	snprintf(f->services[0].id, sizeof f->services[0].id, "20000001");
	snprintf(f->services[0].offer, sizeof f->services[0].offer, "Start-2-M-SATA");
	f->have_dedibox_invoices = true;
	f->n_dedibox_invoices = 2;
	snprintf(f->dedibox_invoices[0].number, 32, "7000184");
	snprintf(f->dedibox_invoices[0].method, 24, "credit_card");
	f->dedibox_invoices[0].day = dd_billing_day(2026, 11, 1);
	snprintf(f->dedibox_invoices[1].number, 32, "7000183");
	snprintf(f->dedibox_invoices[1].method, 24, "credit_card");
	f->dedibox_invoices[1].day = dd_billing_day(2026, 10, 1);
	f->have_iam = true;
	snprintf(f->iam_type, sizeof f->iam_type, "owner");
	snprintf(f->iam_email, sizeof f->iam_email, "demo@example.org");
	f->have_scw_vat = f->have_dedibox_vat = true;
	f->scw_vat_bp = f->dedibox_vat_bp = 2000;
	memcpy(f->declared_dedibox_country, "FR", 3);
	memcpy(f->declared_scaleway_country, "FR", 3);
	return f;
}

typedef void (*mutate_fn)(struct dd_link_facts *f);

static void m_none(struct dd_link_facts *f) { (void)f; }
static void m_hosting(struct dd_link_facts *f) { f->n_hostings = 1; snprintf(f->hosting_first, 96, "hosting 55"); }
static void m_no_hostings(struct dd_link_facts *f) { f->have_hostings = false; snprintf(f->hostings_why, DD_LINK_WHY, "needs the Dedibox token"); }
static void m_domain(struct dd_link_facts *f) { snprintf(f->services[0].offer, 96, "Nom de domaine .fr"); }
static void m_domain_en(struct dd_link_facts *f) { snprintf(f->services[0].offer, 96, "Domain name example.com"); }
static void m_dedirack(struct dd_link_facts *f) { snprintf(f->services[0].offer, 96, "Dedirack 1U"); }
static void m_outsourced(struct dd_link_facts *f) { snprintf(f->services[0].offer, 96, "Infogerance serenite"); }
static void m_no_services(struct dd_link_facts *f) { f->have_services = false; snprintf(f->services_why, DD_LINK_WHY, "needs the Scaleway key"); }
static void m_paypal_last(struct dd_link_facts *f) { snprintf(f->dedibox_invoices[0].method, 24, "paypal"); }
static void m_paypal_recent(struct dd_link_facts *f) { snprintf(f->dedibox_invoices[1].method, 24, "paypal"); }
static void m_paypal_old(struct dd_link_facts *f) { snprintf(f->dedibox_invoices[1].method, 24, "paypal"); f->dedibox_invoices[1].day = dd_billing_day(2024, 1, 1); }
static void m_no_invoice(struct dd_link_facts *f) { f->n_dedibox_invoices = 0; }
static void m_no_method(struct dd_link_facts *f) { f->dedibox_invoices[0].method[0] = f->dedibox_invoices[1].method[0] = '\0'; }
static void m_member(struct dd_link_facts *f) { snprintf(f->iam_type, 16, "member"); }
static void m_application(struct dd_link_facts *f) { f->iam_application = true; f->iam_type[0] = '\0'; }
static void m_no_iam(struct dd_link_facts *f) { f->have_iam = false; snprintf(f->iam_why, DD_LINK_WHY, "needs the Scaleway key"); }
static void m_undeclared(struct dd_link_facts *f) { f->declared_dedibox_country[0] = f->declared_scaleway_country[0] = '\0'; }
static void m_vat_nl(struct dd_link_facts *f) { m_undeclared(f); f->dedibox_vat_bp = 2100; }
static void m_vat_lu(struct dd_link_facts *f) { m_undeclared(f); f->dedibox_vat_bp = 1700; f->scw_vat_bp = 1700; }
static void m_vat_exempt(struct dd_link_facts *f) { m_undeclared(f); f->scw_vat_bp = 0; }
static void m_vat_none(struct dd_link_facts *f) { m_undeclared(f); f->have_scw_vat = false; snprintf(f->scw_vat_why, DD_LINK_WHY, "no Scaleway invoice"); }
static void m_declared_diff(struct dd_link_facts *f) { memcpy(f->declared_scaleway_country, "DE", 3); }
static void m_one_declared(struct dd_link_facts *f) { f->declared_scaleway_country[0] = '\0'; f->scw_vat_bp = 2100; }

static const struct rule_case {
	const char *name;
	mutate_fn mutate;
	enum dd_link_rule rule;
	enum dd_link_verdict want;
	const char *evidence;    /* a part of the evidence */
	int exit_code;
} rule_cases[] = {
	{ "eligible", m_none, DD_LR_WEBHOSTING, DD_LINK_PASS, "no web hosting", 0 },
	{ "hosting", m_hosting, DD_LR_WEBHOSTING, DD_LINK_FAIL, "hosting 55", 10 },
	{ "hosting unknown", m_no_hostings, DD_LR_WEBHOSTING, DD_LINK_UNKNOWN, "needs the Dedibox token", 11 },
	{ "domain pass", m_none, DD_LR_DOMAIN, DD_LINK_PASS, "none of the 1 services", 0 },
	{ "domain fr", m_domain, DD_LR_DOMAIN, DD_LINK_FAIL, "service 20000001", 10 },
	{ "domain en", m_domain_en, DD_LR_DOMAIN, DD_LINK_FAIL, "Domain name example.com", 10 },
	{ "domain unknown", m_no_services, DD_LR_DOMAIN, DD_LINK_UNKNOWN, "needs the Scaleway key", 11 },
	{ "dedirack", m_dedirack, DD_LR_DEDIRACK, DD_LINK_FAIL, "Dedirack 1U", 10 },
	{ "dedirack pass", m_domain, DD_LR_DEDIRACK, DD_LINK_PASS, "a Dedirack", 10 },
	{ "dedirack unknown", m_no_services, DD_LR_DEDIRACK, DD_LINK_UNKNOWN, "cannot be checked", 11 },
	{ "outsourced", m_outsourced, DD_LR_OUTSOURCED, DD_LINK_FAIL, "Infogerance", 10 },
	{ "outsourced pass", m_none, DD_LR_OUTSOURCED, DD_LINK_PASS, "outsourcing", 0 },
	{ "outsourced unknown", m_no_services, DD_LR_OUTSOURCED, DD_LINK_UNKNOWN, "cannot be checked", 11 },
	{ "paypal latest", m_paypal_last, DD_LR_PAYPAL, DD_LINK_FAIL, "7000184", 10 },
	{ "paypal recent", m_paypal_recent, DD_LR_PAYPAL, DD_LINK_FAIL, "7000183", 10 },
	{ "paypal too old", m_paypal_old, DD_LR_PAYPAL, DD_LINK_PASS, "no PayPal", 0 },
	{ "paypal pass", m_none, DD_LR_PAYPAL, DD_LINK_PASS, "latest: 7000184, credit_card", 0 },
	{ "no invoice", m_no_invoice, DD_LR_PAYPAL, DD_LINK_UNKNOWN, "no Dedibox invoice shows a payment method", 11 },
	{ "no method", m_no_method, DD_LR_PAYPAL, DD_LINK_UNKNOWN, "no Dedibox invoice shows a payment method", 11 },
	{ "owner", m_none, DD_LR_NOT_OWNER, DD_LINK_PASS, "demo@example.org is the Owner", 0 },
	{ "member", m_member, DD_LR_NOT_OWNER, DD_LINK_FAIL, "member", 10 },
	{ "application", m_application, DD_LR_NOT_OWNER, DD_LINK_UNKNOWN, "application, not a user", 11 },
	{ "iam unknown", m_no_iam, DD_LR_NOT_OWNER, DD_LINK_UNKNOWN, "needs the Scaleway key", 11 },
	{ "declared same", m_none, DD_LR_COUNTRY, DD_LINK_PASS, "(declared)", 0 },
	{ "declared different", m_declared_diff, DD_LR_COUNTRY, DD_LINK_FAIL, "DE (declared)", 10 },
	{ "same rate", m_undeclared, DD_LR_COUNTRY, DD_LINK_UNKNOWN, "consistent, not proven", 11 },
	{ "vat differs", m_vat_nl, DD_LR_COUNTRY, DD_LINK_FAIL, "21% VAT (BE, CZ, ES, LT, LV, NL, RO); Scaleway invoices charge 20% VAT (AT, BG, FR)", 10 },
	{ "one country rate", m_vat_lu, DD_LR_COUNTRY, DD_LINK_PASS, "17% VAT (LU)", 0 },
	{ "exempt", m_vat_exempt, DD_LR_COUNTRY, DD_LINK_UNKNOWN, "charge no VAT", 11 },
	{ "no vat", m_vat_none, DD_LR_COUNTRY, DD_LINK_UNKNOWN, "no Scaleway invoice", 11 },
	{ "one declared", m_one_declared, DD_LR_COUNTRY, DD_LINK_FAIL, "FR (declared)", 10 },
};

static void test_rules(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof rule_cases / sizeof rule_cases[0]; i++) {
		const struct rule_case *c = &rule_cases[i];
		struct dd_link_facts *f = base();
		struct dd_link_report r;

		c->mutate(f);
		dd_link_judge(f, &r);
		if (r.lines[c->rule].v != c->want || !strstr(r.lines[c->rule].evidence, c->evidence) ||
		    dd_link_exit_code(&r) != c->exit_code)
			fail_msg("%s: %s is %s (%s), exit %d; want %s (\"%s\"), exit %d", c->name,
				 dd_link_rule_word(c->rule), dd_link_verdict_word(r.lines[c->rule].v),
				 r.lines[c->rule].evidence, dd_link_exit_code(&r),
				 dd_link_verdict_word(c->want), c->evidence, c->exit_code);
		assert_int_equal(r.lines[c->rule].rule, c->rule);
		assert_int_equal(r.eligible, c->exit_code == 0);
		free(f);
	}
}

static void servers(struct dd_link_facts *f, const char *const *scw, const char *const *on)
{
	f->n_scw_servers = f->n_online_servers = 0;
	for (; scw && *scw; scw++)
		snprintf(f->scw_servers[f->n_scw_servers++].id, 32, "%s", *scw);
	for (; on && *on; on++)
		snprintf(f->online_servers[f->n_online_servers++].id, 32, "%s", *on);
}

static void test_status(void **state)
{
	static const char *const ab[] = { "1", "2", NULL }, *const a[] = { "1", NULL };
	static const char *const cd[] = { "3", "4", NULL };
	static const struct {
		const char *const *scw, *const *on;
		enum dd_link_status want;
		const char *evidence;
		int exit_code;
	} cases[] = {
		{ ab, ab, DD_LINK_LINKED, "the same 2 servers on both sides", 0 },
		{ NULL, ab, DD_LINK_NOT_LINKED, "lists none", 0 },
		{ a, ab, DD_LINK_PARTLY, "partly: 1 of 2", 12 },
		{ NULL, NULL, DD_LINK_UNDECIDED, "no server on either side", 11 },
		{ cd, ab, DD_LINK_UNDECIDED, "none in common", 11 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct dd_link_facts *f = base();
		struct dd_link_report r;

		servers(f, cases[i].scw, cases[i].on);
		dd_link_judge(f, &r);
		assert_int_equal(r.status, cases[i].want);
		if (!strstr(r.status_evidence, cases[i].evidence))
			fail_msg("case %zu: %s", i, r.status_evidence);
		assert_int_equal(dd_link_exit_code(&r), cases[i].exit_code);
		free(f);
	}
	/* without ids, the same hostname and address make the same server */
	struct dd_link_facts *f = base();
	struct dd_link_report r;
	servers(f, a, a);
	f->scw_servers[0].id[0] = '\0';
	snprintf(f->scw_servers[0].hostname, 96, "sd-1");
	snprintf(f->scw_servers[0].ip, 48, "192.0.2.1");
	f->online_servers[0] = f->scw_servers[0];
	dd_link_judge(f, &r);
	assert_int_equal(r.status, DD_LINK_LINKED);
	/* a side not read: never a verdict */
	f->have_scw_servers = false;
	snprintf(f->scw_servers_why, DD_LINK_WHY, "needs the Scaleway key");
	dd_link_judge(f, &r);
	assert_int_equal(r.status, DD_LINK_UNDECIDED);
	assert_non_null(strstr(r.status_evidence, "needs the Scaleway key"));
	/* linked wins over a failing rule: the account is already linked */
	f->have_scw_servers = true;
	m_hosting(f);
	dd_link_judge(f, &r);
	assert_int_equal(r.status, DD_LINK_LINKED);
	assert_int_equal(r.lines[DD_LR_WEBHOSTING].v, DD_LINK_FAIL);
	assert_int_equal(dd_link_exit_code(&r), DD_LINK_EXIT_OK);
	free(f);
}

static void test_payment(void **state)
{
	static const struct {
		const char *dedibox_method;
		const char *declared;   /* NULL: undeclared */
		bool decided;
		enum dd_pay_kind kind;
		enum dd_pay_from from;
		const char *evidence;
	} cases[] = {
		{ "direct_debit", NULL, true, DD_PAY_SEPA, DD_PAY_FROM_DEDIBOX, "SEPA" },
		{ "credit_card", NULL, false, DD_PAY_NONE, DD_PAY_FROM_NONE, "cannot be decided without the Scaleway method" },
		{ "credit_card", "sepa", true, DD_PAY_SEPA, DD_PAY_FROM_SCALEWAY, "SEPA was the preferred" },
		{ "credit_card", "card:4242", true, DD_PAY_CARD, DD_PAY_FROM_SCALEWAY, "either way" },
		{ "amex", "card", true, DD_PAY_CARD, DD_PAY_FROM_SCALEWAY, "either way" },
		{ "credit_card", "none", true, DD_PAY_CARD, DD_PAY_FROM_DEDIBOX, "registered credit card" },
		{ "transfer", "none", true, DD_PAY_NONE, DD_PAY_FROM_NONE, "add a payment method" },
		{ "direct_debit", "sepa", true, DD_PAY_SEPA, DD_PAY_FROM_BOTH, "SEPA" },
		{ "paypal", "card:1234", true, DD_PAY_CARD, DD_PAY_FROM_SCALEWAY, "registered credit card" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct dd_link_facts *f = base();
		struct dd_link_report r;
		struct dd_error e;

		snprintf(f->dedibox_invoices[0].method, 24, "%s", cases[i].dedibox_method);
		if (cases[i].declared)
			assert_int_equal(dd_link_parse_scw_payment(cases[i].declared, f, &e), 0);
		dd_link_judge(f, &r);
		assert_string_equal(r.dedibox_method, cases[i].dedibox_method);
		if (r.pay_decided != cases[i].decided || !strstr(r.pay_evidence, cases[i].evidence))
			fail_msg("case %zu: decided %d: %s", i, r.pay_decided, r.pay_evidence);
		if (cases[i].decided) {
			assert_int_equal(r.pay.kind, cases[i].kind);
			assert_int_equal(r.pay.from, cases[i].from);
		}
		free(f);
	}
}

static void test_words_and_parsers(void **state)
{
	static const char *const want[] = { "webhosting", "domain", "dedirack", "outsourced",
					    "paypal", "not-owner", "country-mismatch" };
	struct dd_link_facts *f = base();
	struct dd_error e;
	char cc[3];
	char buf[128];

	(void)state;
	for (int i = 0; i < DD_LR_COUNT; i++) {
		assert_string_equal(dd_link_rule_word((enum dd_link_rule)i), want[i]);
		assert_int_equal(dd_link_rule_by_word(want[i]), i);
		assert_non_null(dd_link_rule_text((enum dd_link_rule)i));
	}
	assert_null(dd_link_rule_word(DD_LR_COUNT));
	assert_int_equal(dd_link_rule_by_word("nope"), DD_LR_COUNT);
	assert_int_equal(dd_link_parse_scw_payment("card:12345", f, &e), -1);
	assert_int_equal(dd_link_parse_scw_payment("card:12a4", f, &e), -1);
	assert_int_equal(dd_link_parse_scw_payment("cash", f, &e), -1);
	assert_int_equal(dd_link_parse_scw_payment("card:0042", f, &e), 0);
	assert_string_equal(f->scw_card_last4, "0042");
	assert_int_equal(dd_link_parse_country("nl", cc, &e), 0);
	assert_string_equal(cc, "NL");
	assert_int_equal(dd_link_parse_country("US", cc, &e), -1);
	assert_non_null(strstr(e.message, "not a member state"));
	assert_int_equal(dd_link_parse_country("FRA", cc, &e), -1);
	/* 20% on 2026-11-30: Austria, Bulgaria, France */
	assert_true(dd_link_countries_at_rate(2000, dd_billing_day(2026, 11, 30), buf, sizeof buf) == 3);
	assert_non_null(strstr(buf, "FR"));
	assert_int_equal(dd_link_countries_at_rate(2100, dd_billing_day(2026, 11, 30), buf, sizeof buf) > 0, 1);
	assert_non_null(strstr(buf, "NL"));
	assert_int_equal(dd_link_countries_at_rate(1234, dd_billing_day(2026, 11, 30), buf, sizeof buf), 0);
	free(f);
}

static void test_discount_and_fields(void **state)
{
	struct dd_link_facts *f = base();
	struct dd_link_report r;

	(void)state;
	dd_link_judge(f, &r);
	assert_non_null(strstr(r.discount, "discounts not read"));
	assert_non_null(strstr(r.discount, "EUR 100 for six months"));
	f->have_discounts = true;
	f->discount_found = true;
	snprintf(f->discount_description, 128, "Account linking");
	dd_money_from_cents(4250, "EUR", &f->discount_remaining);
	f->discount_end_day = dd_billing_day(2027, 2, 1);
	dd_link_judge(f, &r);
	assert_non_null(strstr(r.discount, "42.50"));
	assert_non_null(strstr(r.discount, "2027-02-01"));
	f->have_scw_person = f->have_dedibox_person = true;
	snprintf(f->scw_person.first_name, 64, "Ada");
	snprintf(f->dedibox_person.first_name, 64, "Ada");
	snprintf(f->scw_person.email, 128, "Ada@Example.org");
	snprintf(f->dedibox_person.email, 128, "ada@example.org");
	snprintf(f->scw_person.last_name, 64, "Lovelace");
	snprintf(f->dedibox_person.last_name, 64, "King");
	snprintf(f->dedibox_person.company, 128, "Analytical");
	dd_link_judge(f, &r);
	assert_int_equal(r.fields[DD_LF_FIRST_NAME].state, DD_LF_SAME);
	assert_int_equal(r.fields[DD_LF_EMAIL].state, DD_LF_SAME);
	assert_int_equal(r.fields[DD_LF_LAST_NAME].state, DD_LF_DIFFERENT);
	assert_int_equal(r.fields[DD_LF_COMPANY].state, DD_LF_ONE_SIDE);
	assert_int_equal(r.fields[DD_LF_VAT_NUMBER].state, DD_LF_NOT_IN_API);
	assert_non_null(strstr(r.data_note, "Scaleway console only"));
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_payment),
		cmocka_unit_test(test_words_and_parsers),
		cmocka_unit_test(test_discount_and_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
