#include "sandbox/scenario.h"

#include <string.h>

#include "sandbox/dedibox_json.h"
#include "sandbox/server.h"
#include "sandbox/world.h"

/* Services the scenarios add: ids far from the derived ones. */
#define SCN_SERVICE_ID 29000001u
#define SCN_OFFER_ID 99001u

static const char *const fixed[] = {
	[DD_SB_SCN_LINKED] = "linked", [DD_SB_SCN_ELIGIBLE] = "eligible",
	[DD_SB_SCN_SEVERAL] = "several", [DD_SB_SCN_SEPA_ONE_SIDE] = "sepa-one-side",
	[DD_SB_SCN_TWO_CARDS] = "two-cards", [DD_SB_SCN_NO_SERVERS] = "no-servers",
};

int dd_sb_scenario_parse(const char *name)
{
	enum dd_link_rule r = dd_link_rule_by_word(name);

	if (r != DD_LR_COUNT)
		return DD_SB_SCN_RULE + (int)r;
	for (int i = 1; i < DD_SB_SCN_COUNT; i++)
		if (i < (int)(sizeof fixed / sizeof fixed[0]) && fixed[i] && strcmp(fixed[i], name) == 0)
			return i;
	return -1;
}

const char *dd_sb_scenario_names(void)
{
	return "linked, eligible, webhosting, domain, dedirack, outsourced, paypal, not-owner, "
	       "country-mismatch, several, sepa-one-side, two-cards, no-servers";
}

int dd_sb_scn_fails(int s, enum dd_link_rule r)
{
	if (s == DD_SB_SCN_SEVERAL)
		return r == DD_LR_WEBHOSTING || r == DD_LR_PAYPAL || r == DD_LR_NOT_OWNER;
	return s == DD_SB_SCN_RULE + (int)r;
}

int dd_sb_scn_org_sees_servers(int s)
{
	return s == DD_SB_SCN_NONE || s == DD_SB_SCN_LINKED || s == DD_SB_SCN_NO_SERVERS;
}

const char *dd_sb_scn_invoice_method(int s, int k, int n, const char *generated)
{
	if (s == DD_SB_SCN_NONE)
		return generated;
	if (dd_sb_scn_fails(s, DD_LR_PAYPAL))
		return k == n - 1 ? "paypal" : "credit_card";
	if (s == DD_SB_SCN_SEPA_ONE_SIDE)
		return "direct_debit";
	return "credit_card";
}

const char *dd_sb_scn_dedibox_country(int s)
{
	return dd_sb_scn_fails(s, DD_LR_COUNTRY) ? "NL" : "FR";
}

size_t dd_sb_scn_hostings(int s)
{
	return dd_sb_scn_fails(s, DD_LR_WEBHOSTING) ? 2 : 0;
}

int dd_sb_scn_member(int s)
{
	return dd_sb_scn_fails(s, DD_LR_NOT_OWNER);
}

int dd_sb_scn_linking_discount(int s)
{
	return s == DD_SB_SCN_NONE || s == DD_SB_SCN_LINKED;
}

/* The Dedibox catalogue's names of these products. */
static const char *service_offer(int s)
{
	if (dd_sb_scn_fails(s, DD_LR_DOMAIN))
		return "Domain name dedi-demo.fr";
	if (dd_sb_scn_fails(s, DD_LR_DEDIRACK))
		return "Dedirack 1U";
	if (dd_sb_scn_fails(s, DD_LR_OUTSOURCED))
		return "Infogerance Serenite";
	return NULL;
}

size_t dd_sb_scn_nservices(int s, int zone)
{
	return zone == DD_SB_ZONE_PAR1 && service_offer(s) ? 1 : 0;
}

json_t *dd_sb_scn_service_json(int s, int zone)
{
	const char *name = service_offer(s);
	/* a month old: the newest service of the account */
	const int64_t since = dd_sb_now() - 30 * 86400;

	if (!name || zone != DD_SB_ZONE_PAR1)
		return NULL;
	json_t *offer = json_pack("{s:I, s:s, s:s, s:s, s:{s:s, s:i, s:i}}", "id", (json_int_t)SCN_OFFER_ID,
				  "name", name, "catalog", "default", "payment_frequency", "monthly",
				  "pricing", "currency_code", "EUR", "units", 12, "nanos", 0);
	return json_pack("{s:I, s:s, s:o, s:o, s:o, s:n, s:o, s:s}", "id", (json_int_t)SCN_SERVICE_ID,
			 "provisioning_status", "ready", "offer", offer,
			 "created_at", dd_sb_time_json(since), "delivered_at", dd_sb_time_json(since + 3600),
			 "terminated_at", "expires_at", dd_sb_time_json(since + 365 * 86400), "type", "service");
}
