/* Ordering: offers and stock (low stock runs out), a new server delivered
 * after 30 minutes of the sandbox clock, can-order's failing checks refuse
 * an order, failover IPs within quota, options, services, termination. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/sandbox/sbtest.h"

static const char *str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static long long price(const json_t *offer)
{
	const json_t *p = json_object_get(offer, "pricing");
	return json_integer_value(json_object_get(p, "units")) * 100 + json_integer_value(json_object_get(p, "nanos")) / 10000000;
}

int main(void)
{
	struct dd_sandbox_opts o = { .seed = 31, .servers = 12, .servers_set = 1 };
	struct sbt *t = sbt_start(&o);
	struct sbt_resp r;
	const char *z = "/dedibox/v1/zones/fr-par-1";
	char path[256], body[256];

	snprintf(path, sizeof path, "%s/offers?order_by=price_asc&page_size=100", z);
	sbt_get(t, path, &r);
	const json_t *offers = json_object_get(r.json, "offers"), *of;
	size_t i;
	int sorted = json_array_size(offers) > 10;
	json_int_t in_stock = 0, sold_out = 0, low = 0;
	json_array_foreach(offers, i, of) {
		if (i)
			sorted &= price(json_array_get(offers, i - 1)) <= price(of);
		const json_t *si = json_object_get(of, "server_info");
		const char *dc3 = str(json_object_get(si, "stock_by_datacenter"), "DC3");
		if (si && !strcmp(dc3, "available") && !in_stock)
			in_stock = json_integer_value(json_object_get(of, "id"));
		if (si && !strcmp(dc3, "low") && !low)
			low = json_integer_value(json_object_get(of, "id"));
		if (si && !strcmp(dc3, "empty") && !sold_out)
			sold_out = json_integer_value(json_object_get(of, "id"));
	}
	t_ok(sorted, "offers order_by price_asc: cheapest first");
	sbt_resp_free(&r);
	t_ok(in_stock && sold_out, "some offers are in stock in DC3, some sold out");

	snprintf(path, sizeof path, "%s/offers?available_only=true&page_size=100", z);
	sbt_get(t, path, &r);
	int none_empty = 1;
	json_array_foreach(json_object_get(r.json, "offers"), i, of)
		none_empty &= json_integer_value(json_object_get(of, "id")) != sold_out;
	t_ok(none_empty, "available_only hides what is sold out here");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/offers?is_failover_ip=true", z);
	sbt_get(t, path, &r);
	t_ok(json_integer_value(json_object_get(r.json, "total_count")) == 1 &&
	     json_object_get(json_array_get(json_object_get(r.json, "offers"), 0), "failover_ip_info"),
	     "is_failover_ip lists the failover IP offer");
	json_int_t fip_offer = json_integer_value(json_object_get(json_array_get(json_object_get(r.json, "offers"), 0), "id"));
	sbt_resp_free(&r);

	snprintf(path, sizeof path, "%s/servers", z);
	snprintf(body, sizeof body, "{\"offer_id\":%lld}", (long long)sold_out);
	sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	t_ok(r.status == 409 && !strcmp(str(r.json, "type"), "out_of_stock") && json_is_string(json_object_get(r.json, "resource")),
	     "order a sold-out offer: 409 out_of_stock");
	sbt_resp_free(&r);
	snprintf(body, sizeof body, "{\"offer_id\":%lld,\"datacenter_name\":\"DC5\"}", (long long)in_stock);
	sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	t_ok(r.status == 400, "a datacenter of another zone: 400");
	sbt_resp_free(&r);
	snprintf(body, sizeof body, "{\"offer_id\":%lld,\"server_option_ids\":[4010]}", (long long)in_stock);
	sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	json_int_t sid = json_integer_value(json_object_get(r.json, "resource_id"));
	json_int_t order = json_integer_value(json_object_get(r.json, "id"));
	t_ok(r.status == 200 && !strcmp(str(r.json, "type"), "order") && !strcmp(str(r.json, "provisioning_status"), "delivering") && sid,
	     "order a server: an order, delivering");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/servers/%lld", z, (long long)sid);
	sbt_get(t, path, &r);
	t_ok(r.status == 200 && !strcmp(str(r.json, "status"), "delivering"), "the next read finds it still delivering");
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "POST", "/__sandbox/advance?seconds=1800", NULL, NULL, &r);
	sbt_resp_free(&r);
	sbt_get(t, path, &r);
	t_ok(r.status == 200 && !strcmp(str(r.json, "status"), "ready") &&
	     json_array_size(json_object_get(r.json, "options")) == 1, "30 minutes later it is delivered, with its option");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/ordered-services/%lld", z, (long long)order);
	sbt_get(t, path, &r);
	t_ok(!strcmp(str(r.json, "provisioning_status"), "ready") && json_is_string(json_object_get(r.json, "delivered_at")),
	     "the order is ready, with its delivery date");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/server/%lld", (long long)sid);
	sbt_req(t, SBT_ONLINE, "GET", path, NULL, NULL, &r);
	t_ok(r.status == 200, "the Online API knows the new server too");
	sbt_resp_free(&r);

	/* low stock runs out after two servers in DC3 */
	snprintf(path, sizeof path, "%s/servers", z);
	snprintf(body, sizeof body, "{\"offer_id\":%lld}", (long long)low);
	long st1 = sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	sbt_resp_free(&r);
	long st2 = sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	t_ok(low && st1 == 200 && st2 == 200 && r.status == 409 && !strcmp(str(r.json, "type"), "out_of_stock"),
	     "an offer with low stock sells two servers, then 409 out_of_stock");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/offers/%lld", z, (long long)low);
	sbt_get(t, path, &r);
	t_ok(!strcmp(str(json_object_get(json_object_get(r.json, "server_info"), "stock_by_datacenter"), "DC3"), "empty"),
	     "its stock in DC3 is now empty");
	sbt_resp_free(&r);

	/* can-order's checks fail: can-order says which, an order is refused */
	sbt_req(t, SBT_SCW, "POST", "/__sandbox/account?fail=email,billing", NULL, NULL, &r);
	sbt_resp_free(&r);
	sbt_get(t, "/dedibox/v1/can-order", &r);
	t_ok(json_is_false(json_object_get(r.json, "can_order")) && json_is_false(json_object_get(r.json, "email_confirmed")) &&
	     json_is_false(json_object_get(r.json, "billing_ok")) && json_is_true(json_object_get(r.json, "payment_mode")),
	     "can-order: false, email_confirmed and billing_ok false, the others true");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/servers", z);
	snprintf(body, sizeof body, "{\"offer_id\":%lld}", (long long)in_stock);
	sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	t_ok(r.status == 412 && !strcmp(str(r.json, "type"), "precondition_failed") &&
	     !strcmp(str(r.json, "precondition"), "unknown_precondition") && *str(r.json, "help_message"),
	     "an order while the email is unconfirmed: 412 precondition_failed with a help message");
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "POST", "/__sandbox/account?fail=quota", NULL, NULL, &r);
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	t_ok(r.status == 403 && !strcmp(str(r.json, "type"), "quotas_exceeded") && json_is_array(json_object_get(r.json, "details")),
	     "an order beyond the quota: 403 quotas_exceeded with details");
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "POST", "/__sandbox/account?fail=", NULL, NULL, &r);
	sbt_resp_free(&r);

	snprintf(path, sizeof path, "%s/remaining-quota", z);
	sbt_get(t, path, &r);
	json_int_t left = json_integer_value(json_object_get(r.json, "failover_ip_remaining_quota"));
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/failover-ips", z);
	snprintf(body, sizeof body, "{\"offer_id\":%lld,\"quantity\":2}", (long long)fip_offer);
	sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	t_ok(r.status == 200 && json_integer_value(json_object_get(r.json, "total_count")) == 2, "order two failover IPs");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/remaining-quota", z);
	sbt_get(t, path, &r);
	t_ok(json_integer_value(json_object_get(r.json, "failover_ip_remaining_quota")) == left - 2, "the remaining quota drops by 2");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/failover-ips", z);
	snprintf(body, sizeof body, "{\"offer_id\":%lld,\"quantity\":32}", (long long)fip_offer);
	int refused = 0;
	for (int k = 0; k < 40 && !refused; k++) {
		sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
		refused = r.status == 403 && !strcmp(str(r.json, "type"), "quotas_exceeded");
		sbt_resp_free(&r);
	}
	t_ok(refused, "ordering past the quota: 403 quotas_exceeded");

	snprintf(path, sizeof path, "%s/servers/%lld/subscribe-server-option", z, (long long)sid);
	sbt_req(t, SBT_SCW, "PATCH", path, "{\"option_id\":4010}", NULL, &r);
	t_ok(r.status == 409 && !strcmp(str(r.json, "type"), "already_exists"), "subscribe an option twice: 409");
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "PATCH", path, "{\"option_id\":4001}", NULL, &r);
	t_ok(r.status == 200 && !strcmp(str(json_object_get(r.json, "offer"), "name"), "Backup Storage 100 GB"),
	     "subscribe backup storage: a service");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/servers/%lld/subscribe-storage-options", z, (long long)sid);
	sbt_req(t, SBT_SCW, "POST", path, "{\"options_ids\":[4002]}", NULL, &r);
	t_ok(r.status == 200 && json_array_size(json_object_get(r.json, "services")) == 1,
	     "subscribe storage options: one service");
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "POST", path, "{\"options_ids\":[4010]}", NULL, &r);
	t_ok(r.status == 400, "anti-DDoS is not a storage option: 400");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/servers/%lld/subscribable-server-options?page_size=100", z, (long long)sid);
	sbt_get(t, path, &r);
	int offered = 0;
	json_array_foreach(json_object_get(r.json, "server_options"), i, of)
		offered |= json_integer_value(json_object_get(of, "id")) == 4001;
	t_ok(!offered, "it is no longer offered to that server");
	sbt_resp_free(&r);

	snprintf(path, sizeof path, "%s/services?page_size=100&order_by=created_at_desc", z);
	sbt_get(t, path, &r);
	t_ok(json_integer_value(json_object_get(r.json, "total_count")) > 3 &&
	     !strcmp(str(json_array_get(json_object_get(r.json, "services"), 0), "type"), "service"),
	     "services list the servers and what was ordered, newest first");
	sbt_resp_free(&r);

	snprintf(path, sizeof path, "%s/servers/%lld", z, (long long)sid);
	t_ok(sbt_req(t, SBT_SCW, "DELETE", path, NULL, NULL, &r) == 204, "terminate the server: 204");
	sbt_resp_free(&r);
	t_ok(sbt_get(t, path, &r) == 404, "then it is gone");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/server/%lld", (long long)sid);
	t_ok(sbt_req(t, SBT_ONLINE, "GET", path, NULL, NULL, &r) == 404, "from the Online API too");
	sbt_resp_free(&r);
	sbt_stop(t);
	return t_done();
}
