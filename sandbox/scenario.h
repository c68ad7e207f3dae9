/* dedi-sandbox --scenario NAME: the account-linking worlds of issue 22.
 * One name per rule of the linking FAQ (core/linking's words), plus
 * linked, eligible, several, sepa-one-side, two-cards and no-servers.
 * Without a scenario the world is unchanged: the organization's Dedibox
 * API and the Online token see the same servers (linked). */
#ifndef DD_SB_SCENARIO_H
#define DD_SB_SCENARIO_H

#include <jansson.h>
#include <stddef.h>

#include "core/linking.h"

enum dd_sb_scenario {
	DD_SB_SCN_NONE,
	DD_SB_SCN_LINKED,
	DD_SB_SCN_ELIGIBLE,
	DD_SB_SCN_RULE,          /* one rule fails: DD_SB_SCN_RULE + enum dd_link_rule */
	DD_SB_SCN_SEVERAL = DD_SB_SCN_RULE + DD_LR_COUNT,
	DD_SB_SCN_SEPA_ONE_SIDE,
	DD_SB_SCN_TWO_CARDS,
	DD_SB_SCN_NO_SERVERS,
	DD_SB_SCN_COUNT
};

/* The scenario named name, or -1. */
int dd_sb_scenario_parse(const char *name);
/* Every name, comma-separated, for a usage message. */
const char *dd_sb_scenario_names(void);
/* The rule r fails in scenario s (several: webhosting, paypal, not-owner). */
int dd_sb_scn_fails(int s, enum dd_link_rule r);
/* The organization's Dedibox v1 API lists the Dedibox servers: linked
 * (and without a scenario), not in the other scenarios. */
int dd_sb_scn_org_sees_servers(int s);
/* The payment method of Dedibox invoice k of n (newest is n - 1);
 * generated is the world's own, kept without a scenario. */
const char *dd_sb_scn_invoice_method(int s, int k, int n, const char *generated);
/* The country whose VAT the Dedibox invoices charge ("FR"; "NL" in
 * country-mismatch). */
const char *dd_sb_scn_dedibox_country(int s);
/* Web hostings of the Dedibox account (Online GET /hosting). */
size_t dd_sb_scn_hostings(int s);
/* The IAM user of the key is a member, not the Owner. */
int dd_sb_scn_member(int s);
/* The linking discount exists (linked accounts only). */
int dd_sb_scn_linking_discount(int s);
/* The extra Dedibox service of domain, dedirack and outsourced, as a
 * Service object of zone fr-par-1 (NULL: none, or out of memory). */
json_t *dd_sb_scn_service_json(int s, int zone);
/* How many such services (0 or 1) zone has. */
size_t dd_sb_scn_nservices(int s, int zone);

#endif
