/* core/link_gather against the in-process sandbox in its linking
 * scenarios (the facts each API gives, judged by core/linking), a
 * gathering freed before its answers, and the new decoders of the backend
 * rooms on hand-written JSON. */
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
#include "core/creds.h"
#include "core/http.h"
#include "core/link_gather.h"
#include "core/link_report.h"
#include "core/linking.h"
#include "core/online_account.h"
#include "core/scw_dedibox_order.h"
#include "sandbox/sandbox.h"
#include "sandbox/scenario.h"

struct world {
	struct dd_sandbox *sb;
	struct dd_http *h;
	struct dd_creds *c;
	struct dd_link_facts *f;
	int done;
};

static void world_start(struct world *w, const char *scenario, bool scw, bool online)
{
	struct dd_sandbox_opts o = { .seed = 3, .servers = 6 };
	char msg[200];

	memset(w, 0, sizeof(*w));
	o.scenario = scenario ? dd_sb_scenario_parse(scenario) : 0;
	assert_true(o.scenario >= 0);
	w->sb = dd_sandbox_start(&o, msg, sizeof(msg));
	assert_non_null(w->sb);
	w->h = dd_http_new(NULL, NULL);
	assert_non_null(w->h);
	w->c = dd_creds_new();
	assert_non_null(w->c);
	if (scw) {
		snprintf(w->c->access_key, sizeof(w->c->access_key), "%s", DD_SANDBOX_ACCESS_KEY);
		snprintf(w->c->secret_key, sizeof(w->c->secret_key), "%s", DD_SANDBOX_SECRET_KEY);
		snprintf(w->c->organization_id, sizeof(w->c->organization_id), "%s",
			 DD_SANDBOX_ORGANIZATION_ID);
	}
	if (online)
		snprintf(w->c->online_token, sizeof(w->c->online_token), "%s", DD_SANDBOX_ONLINE_TOKEN);
	snprintf(w->c->scw_api_url, sizeof(w->c->scw_api_url), "%s", dd_sandbox_url(w->sb));
	snprintf(w->c->online_api_url, sizeof(w->c->online_api_url), "%s/api/v1",
		 dd_sandbox_url(w->sb));
	w->f = malloc(sizeof(*w->f));
	assert_non_null(w->f);
	dd_link_facts_init(w->f);
	w->f->today = dd_billing_day(2026, 11, 30);
}

static void world_stop(struct world *w)
{
	free(w->f);
	dd_creds_free(w->c);
	dd_http_free(w->h);
	dd_sandbox_stop(w->sb);
}

static void on_done(void *ud, struct dd_link_facts *f)
{
	struct world *w = ud;

	assert_ptr_equal(f, w->f);
	w->done++;
}

static void gather(struct world *w)
{
	struct dd_error e;
	struct dd_link_gather *g = dd_link_gather_start(w->h, w->c, w->f, on_done, w, &e);

	assert_non_null(g);
	assert_int_equal(w->done, 0); /* never from inside the start */
	dd_http_run(w->h);
	assert_int_equal(w->done, 1);
	dd_link_gather_free(g);
}

static void test_several(void **state)
{
	struct world w;
	struct dd_link_report r;

	(void)state;
	world_start(&w, "several", true, true);
	gather(&w);
	assert_true(w.f->have_online_servers);
	assert_int_equal(w.f->n_online_servers, 6);
	assert_true(w.f->have_scw_servers);
	assert_int_equal(w.f->n_scw_servers, 0);
	assert_true(w.f->have_hostings);
	assert_int_equal(w.f->n_hostings, 2);
	assert_string_equal(w.f->hosting_first, "hosting 5500");
	assert_true(w.f->have_iam);
	assert_string_equal(w.f->iam_type, "member");
	assert_true(w.f->have_dedibox_invoices);
	assert_string_equal(w.f->dedibox_invoices[0].method, "paypal");
	assert_true(w.f->have_dedibox_vat);
	assert_int_equal(w.f->dedibox_vat_bp, 2000);
	assert_true(w.f->have_scw_vat);
	assert_int_equal(w.f->scw_vat_bp, 2000);
	assert_true(w.f->have_discounts);
	assert_false(w.f->discount_found);
	assert_true(w.f->have_dedibox_person);
	assert_string_equal(w.f->dedibox_person.company, "Dedi Demo SAS");
	assert_true(w.f->have_scw_person);
	assert_string_equal(w.f->scw_person.phone, "+33100000000");
	dd_link_judge(w.f, &r);
	assert_int_equal(r.status, DD_LINK_NOT_LINKED);
	assert_int_equal(r.lines[DD_LR_WEBHOSTING].v, DD_LINK_FAIL);
	assert_int_equal(r.lines[DD_LR_PAYPAL].v, DD_LINK_FAIL);
	assert_int_equal(r.lines[DD_LR_NOT_OWNER].v, DD_LINK_FAIL);
	assert_int_equal(r.lines[DD_LR_DOMAIN].v, DD_LINK_PASS);
	assert_int_equal(r.lines[DD_LR_COUNTRY].v, DD_LINK_UNKNOWN);
	assert_int_equal(dd_link_exit_code(&r), DD_LINK_EXIT_NOT_ELIGIBLE);
	world_stop(&w);
}

static void test_linked_and_country(void **state)
{
	struct world w;
	struct dd_link_report r;

	(void)state;
	world_start(&w, "linked", true, true);
	gather(&w);
	dd_link_judge(w.f, &r);
	assert_int_equal(r.status, DD_LINK_LINKED);
	assert_int_equal(r.servers_common, 6);
	assert_true(w.f->discount_found);
	world_stop(&w);

	world_start(&w, "country-mismatch", true, true);
	gather(&w);
	assert_int_equal(w.f->dedibox_vat_bp, 2100);
	dd_link_judge(w.f, &r);
	assert_int_equal(r.lines[DD_LR_COUNTRY].v, DD_LINK_FAIL);
	world_stop(&w);

	world_start(&w, "outsourced", true, true);
	gather(&w);
	dd_link_judge(w.f, &r);
	assert_int_equal(r.lines[DD_LR_OUTSOURCED].v, DD_LINK_FAIL);
	assert_non_null(strstr(r.lines[DD_LR_OUTSOURCED].evidence, "Infogerance"));
	world_stop(&w);
}

static void test_one_side(void **state)
{
	struct world w;
	struct dd_link_report r;

	(void)state;
	world_start(&w, "eligible", false, true);
	gather(&w);
	assert_false(w.f->have_scaleway_creds);
	assert_false(w.f->have_scw_servers);
	assert_non_null(strstr(w.f->services_why, "needs the Scaleway key"));
	dd_link_judge(w.f, &r);
	assert_int_equal(r.status, DD_LINK_UNDECIDED);
	assert_int_equal(r.lines[DD_LR_DOMAIN].v, DD_LINK_UNKNOWN);
	assert_int_equal(r.lines[DD_LR_WEBHOSTING].v, DD_LINK_PASS);
	world_stop(&w);
}

static void test_freed_early(void **state)
{
	struct world w;
	struct dd_error e;
	struct dd_link_gather *g;

	(void)state;
	world_start(&w, "eligible", true, true);
	g = dd_link_gather_start(w.h, w.c, w.f, on_done, &w, &e);
	assert_non_null(g);
	dd_link_gather_free(g);
	dd_http_run(w.h);
	assert_int_equal(w.done, 0);
	world_stop(&w);
	/* nothing to ask with */
	world_start(&w, NULL, false, false);
	assert_null(dd_link_gather_start(w.h, w.c, w.f, on_done, &w, &e));
	assert_non_null(strstr(e.message, "Dedibox token, Scaleway keys, or both"));
	world_stop(&w);
}

static void test_decoders(void **state)
{
	struct dd_link_person p;
	struct dd_link_service v[2];
	size_t n = 0, page_n = 0, hn;
	int64_t total;
	char first[32];
	struct dd_error e;
	static const char user[] = "{\"id\":99999,\"login\":\"x\",\"email\":\"a@b.example\","
				   "\"first_name\":\"Ada\",\"last_name\":\"L\\u001b[2J\",\"company\":null}";
	static const char svc[] = "{\"total_count\":3,\"services\":[{\"id\":1,\"provisioning_status\":"
				  "\"ready\",\"type\":\"service\",\"offer\":{\"id\":5,\"name\":\"Dedirack 1U\","
				  "\"catalog\":\"default\"}},{\"id\":2,\"provisioning_status\":\"ready\","
				  "\"type\":\"service\"},{\"id\":3,\"provisioning_status\":\"ready\","
				  "\"type\":\"service\",\"offer\":null}]}";

	static const char hostings[] = "[\"/api/v1/hosting/7\",{\"$ref\":\"/api/v1/hosting/9\"}]";

	(void)state;
	assert_int_equal(dd_online_decode_user(user, strlen(user), &p, &e), 0);
	assert_string_equal(p.first_name, "Ada");
	assert_null(strchr(p.last_name, '\033')); /* sanitized */
	assert_string_equal(p.company, "");
	assert_int_equal(dd_online_decode_user("[]", 2, &p, &e), -1);
	assert_int_equal(dd_online_decode_hostings(hostings, strlen(hostings), &hn, first, sizeof(first),
						   &e), 0);
	assert_int_equal(hn, 2);
	assert_string_equal(first, "hosting 7");
	assert_int_equal(dd_online_decode_hostings("[]", 2, &hn, first, sizeof(first), &e), 0);
	assert_int_equal(hn, 0);
	assert_int_equal(dd_online_decode_hostings("{}", 2, &hn, first, sizeof(first), &e), -1);
	assert_int_equal(dd_online_decode_hostings("[42]", 4, &hn, first, sizeof(first), &e), -1);
	assert_non_null(strstr(e.message, "hosting list[0]"));
	/* at most cap kept, every item still checked */
	assert_int_equal(dd_scw_decode_link_services(svc, strlen(svc), v, 2, &n, &page_n, &total, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(page_n, 3);
	assert_int_equal(total, 3);
	assert_string_equal(v[0].id, "1");
	assert_string_equal(v[0].offer, "Dedirack 1U");
	assert_string_equal(v[1].offer, "");
	n = 0;
	assert_int_equal(dd_scw_decode_link_services("{\"services\":[{\"id\":\"x\"}]}", 26, v, 2, &n,
						     &page_n, &total, &e), -1);
}

static void test_report_roundtrip(void **state)
{
	struct world w;
	struct dd_link_report r;
	struct dd_error e;
	char *json, *md;

	(void)state;
	world_start(&w, "dedirack", true, true);
	gather(&w);
	dd_link_judge(w.f, &r);
	json = dd_link_report_json(w.f, &r, &e);
	md = dd_link_report_markdown(w.f, &r, &e);
	assert_non_null(json);
	assert_non_null(md);
	assert_non_null(strstr(json, "\"failing\": [\n    \"dedirack\"\n  ]"));
	assert_non_null(strstr(md, "| dedirack | fail | service 29000001 is a Dedirack: \"Dedirack 1U\" |"));
	/* no secret of the profile in either */
	assert_null(strstr(json, DD_SANDBOX_SECRET_KEY));
	assert_null(strstr(md, DD_SANDBOX_ONLINE_TOKEN));
	free(json);
	free(md);
	world_stop(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_several),
		cmocka_unit_test(test_linked_and_country),
		cmocka_unit_test(test_one_side),
		cmocka_unit_test(test_freed_early),
		cmocka_unit_test(test_decoders),
		cmocka_unit_test(test_report_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
