/* IPv6: the Organization's /48, /56 and /64 subnets within quota, name
 * server delegation, and the refusals of the real API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/world.h"
#include "tests/sandbox/sbtest.h"

static const char *str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static const char *first_reason(const json_t *j)
{
	return str(json_array_get(json_object_get(j, "details"), 0), "reason");
}

static json_int_t first_id(const json_t *j, const char *list)
{
	return json_integer_value(json_object_get(json_array_get(json_object_get(j, list), 0), "id"));
}

static void rpn(void)
{
	struct dd_sandbox_opts o = { .seed = 22, .servers = 30, .servers_set = 1 };
	struct sbt *t = sbt_start(&o);
	struct sbt_resp r;
	char path[160], body[256];
	size_t i;

	/* RPN v1 */
	sbt_get(t, "/dedibox/v1/rpnv1/groups", &r);
	json_int_t g1 = first_id(r.json, "rpn_groups");
	t_ok(json_integer_value(json_object_get(r.json, "total_count")) == 1 && g1, "one RPN v1 group at birth");
	sbt_resp_free(&r);
	sbt_get(t, "/dedibox/v1/rpnv1/capable-servers?page_size=100", &r);
	json_int_t cap = json_integer_value(json_object_get(r.json, "total_count"));
	/* the first three capable servers are the group's at birth */
	json_int_t pick = json_integer_value(json_object_get(json_array_get(json_object_get(r.json, "servers"), 3), "id"));
	json_int_t member = first_id(r.json, "servers");
	sbt_resp_free(&r);
	t_ok(cap > 0 && cap < 30, "some but not all servers are RPN capable (%lld)", (long long)cap);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv1/groups/%lld/members", (long long)g1);
	snprintf(body, sizeof body, "{\"server_ids\":[%lld]}", (long long)pick);
	sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	t_ok(r.status == 200 && json_integer_value(json_object_get(r.json, "members_count")) == 4, "add a server: the group has 4 members");
	sbt_resp_free(&r);
	sbt_get(t, path, &r);
	const json_t *m = json_array_get(json_object_get(r.json, "members"), 3);
	json_int_t mid = json_integer_value(json_object_get(m, "id"));
	t_ok(json_integer_value(json_object_get(json_object_get(m, "server"), "id")) == pick &&
	     !strcmp(str(m, "status"), "active"), "the new member is that server, active");
	sbt_resp_free(&r);
	snprintf(body, sizeof body, "{\"member_ids\":[%lld]}", (long long)mid);
	sbt_req(t, SBT_SCW, "DELETE", path, body, NULL, &r);
	t_ok(r.status == 200 && json_integer_value(json_object_get(r.json, "members_count")) == 3, "remove it: 3 members");
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "DELETE", path, body, NULL, &r);
	t_ok(r.status == 404, "remove it again: 404");
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "POST", "/dedibox/v1/rpnv1/groups", "{\"name\":\"\"}", NULL, &r);
	t_ok(r.status == 400, "a group without a name: 400");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv1/groups/%lld/members", (long long)g1);
	snprintf(body, sizeof body, "{\"server_ids\":[%lld]}", (long long)member);
	sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	t_ok(r.status == 412 && !strcmp(str(r.json, "precondition"), "resource_still_in_use"),
	     "add a server that is already a member: 412 resource_still_in_use");
	sbt_resp_free(&r);

	/* invitations: this account invites another's servers, and another
	 * account's group invites one of this account's */
	snprintf(path, sizeof path, "/dedibox/v1/rpnv1/groups/%lld/invite", (long long)g1);
	t_ok(sbt_req(t, SBT_SCW, "POST", path, "{\"server_ids\":[300002]}", NULL, &r) == 204,
	     "invite another account's server: 204");
	sbt_resp_free(&r);
	t_ok(sbt_req(t, SBT_SCW, "POST", path, "{\"server_ids\":[300002]}", NULL, &r) == 412,
	     "invite it again: 412");
	sbt_resp_free(&r);
	snprintf(body, sizeof body, "{\"server_ids\":[%lld]}", (long long)pick);
	t_ok(sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r) == 412, "invite one of this account's servers: 412");
	sbt_resp_free(&r);
	t_ok(sbt_req(t, SBT_SCW, "POST", path, "{\"server_ids\":[999999]}", NULL, &r) == 404,
	     "invite a server nobody has: 404");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv1/groups/%lld", (long long)g1);
	sbt_get(t, path, &r);
	t_ok(json_integer_value(json_object_get(r.json, "members_count")) == 3, "pending invitations are not counted as members");
	sbt_resp_free(&r);
	sbt_get(t, "/dedibox/v1/rpnv1/invites", &r);
	const json_t *inv = json_array_get(json_object_get(r.json, "members"), 0);
	json_int_t invite_id = json_integer_value(json_object_get(inv, "id"));
	json_int_t partner = json_integer_value(json_object_get(inv, "group_id"));
	t_ok(json_integer_value(json_object_get(r.json, "total_count")) == 1 && !strcmp(str(inv, "status"), "pending_invitation") &&
	     !strcmp(str(inv, "group_owner"), "partner"), "one invitation received, from the partner's group");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv1/groups/%lld", (long long)partner);
	t_ok(sbt_get(t, path, &r) == 404, "the partner's group is not this account's to see before accepting");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv1/invites/%lld/accept", (long long)invite_id);
	t_ok(sbt_req(t, SBT_SCW, "POST", path, "{}", NULL, &r) == 204, "accept it: 204");
	sbt_resp_free(&r);
	t_ok(sbt_req(t, SBT_SCW, "POST", path, "{}", NULL, &r) == 404, "accept it again: 404");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv1/groups/%lld", (long long)partner);
	sbt_get(t, path, &r);
	t_ok(r.status == 200 && !strcmp(str(r.json, "type"), "shared") && json_integer_value(json_object_get(r.json, "members_count")) == 2,
	     "then the partner's group is seen, shared, with 2 members");
	sbt_resp_free(&r);
	t_ok(sbt_req(t, SBT_SCW, "PATCH", path, "{\"name\":\"mine\"}", NULL, &r) == 403, "renaming it: 403");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv1/groups/%lld/leave", (long long)g1);
	snprintf(body, sizeof body, "{\"member_ids\":[%lld]}", (long long)invite_id);
	t_ok(sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r) == 412, "leave a group this account owns: 412");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv1/groups/%lld/leave", (long long)partner);
	t_ok(sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r) == 204, "leave the partner's: 204");
	sbt_resp_free(&r);
	sbt_get(t, "/dedibox/v1/rpnv1/groups", &r);
	t_ok(json_integer_value(json_object_get(r.json, "total_count")) == 1, "one RPN v1 group again");
	sbt_resp_free(&r);

	/* RPN v2: asynchronous, one group per server */
	sbt_get(t, "/dedibox/v1/rpnv2/groups/capable?page_size=2", &r);
	json_int_t a = json_integer_value(json_object_get(json_array_get(json_object_get(r.json, "servers"), 0), "id"));
	json_int_t b = json_integer_value(json_object_get(json_array_get(json_object_get(r.json, "servers"), 1), "id"));
	sbt_resp_free(&r);
	snprintf(body, sizeof body, "{\"name\":\"lan\",\"servers\":[%lld,%lld]}", (long long)a, (long long)b);
	sbt_req(t, SBT_SCW, "POST", "/dedibox/v1/rpnv2/groups", body, NULL, &r);
	json_int_t g2 = json_integer_value(json_object_get(r.json, "id"));
	t_ok(r.status == 200 && !strcmp(str(r.json, "status"), "creating") &&
	     json_integer_value(json_object_get(r.json, "members_count")) == 2, "create an RPN v2 group: creating");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv2/groups/%lld", (long long)g2);
	sbt_get(t, path, &r);
	t_ok(!strcmp(str(r.json, "status"), "active"), "the next read sees it active");
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "POST", "/dedibox/v1/rpnv2/groups", body, NULL, &r);
	t_ok(r.status == 412, "the same servers in a second RPN v2 group: 412");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld", (long long)a);
	sbt_get(t, path, &r);
	if (r.status == 404) {
		sbt_resp_free(&r);
		snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-2/servers/%lld", (long long)a);
		sbt_get(t, path, &r);
	}
	if (r.status == 404) {
		sbt_resp_free(&r);
		snprintf(path, sizeof path, "/dedibox/v1/zones/nl-ams-1/servers/%lld", (long long)a);
		sbt_get(t, path, &r);
	}
	t_ok(json_is_true(json_object_get(r.json, "is_rpnv2_member")), "the server says is_rpnv2_member");
	sbt_resp_free(&r);

	snprintf(path, sizeof path, "/dedibox/v1/rpnv2/groups/%lld/members", (long long)g2);
	sbt_get(t, path, &r);
	json_int_t m1 = first_id(r.json, "members");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv2/groups/%lld/vlan", (long long)g2);
	snprintf(body, sizeof body, "{\"member_ids\":[%lld],\"vlan\":4000}", (long long)m1);
	sbt_req(t, SBT_SCW, "PATCH", path, body, NULL, &r);
	t_ok(r.status == 400, "VLAN 4000: 400 (0 to 3967)");
	sbt_resp_free(&r);
	snprintf(body, sizeof body, "{\"member_ids\":[%lld],\"vlan\":42}", (long long)m1);
	t_ok(sbt_req(t, SBT_SCW, "PATCH", path, body, NULL, &r) == 204, "VLAN 42: 204");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv2/groups/%lld/members", (long long)g2);
	sbt_get(t, path, &r);
	t_ok(!strcmp(str(json_array_get(json_object_get(r.json, "members"), 0), "vlan"), "42"), "the member's VLAN is \"42\"");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv2/groups/%lld/logs", (long long)g2);
	sbt_get(t, path, &r);
	const json_t *logs = json_object_get(r.json, "logs");
	size_t nl = json_array_size(logs);
	t_ok(nl == 4 && !strcmp(str(json_array_get(logs, 0), "action"), "group_created") &&
	     !strcmp(str(json_array_get(logs, nl - 1), "action"), "vlan_updated"),
	     "logs: group_created, members_added x2, vlan_updated");
	sbt_resp_free(&r);
	/* compatibility with the RPN v1 group */
	snprintf(path, sizeof path, "/dedibox/v1/rpnv2/groups/%lld/enable-compatibility", (long long)g2);
	snprintf(body, sizeof body, "{\"rpnv1_group_id\":%lld}", (long long)g1);
	t_ok(sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r) == 204, "enable RPN v1 compatibility: 204");
	sbt_resp_free(&r);
	sbt_get(t, "/dedibox/v1/rpn/status", &r);
	t_ok(!strcmp(str(r.json, "status"), "busy") && json_integer_value(json_object_get(r.json, "operations_left")) > 0,
	     "rpn/status: busy while it settles");
	sbt_resp_free(&r);
	sbt_get(t, "/dedibox/v1/rpn/status", &r);
	t_ok(!strcmp(str(r.json, "status"), "operational"), "then operational");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv2/groups/%lld", (long long)g2);
	sbt_get(t, path, &r);
	t_ok(json_is_true(json_object_get(r.json, "compatible_rpnv1")) &&
	     json_integer_value(json_object_get(json_object_get(r.json, "rpnv1_group"), "id")) == g1,
	     "the RPN v2 group names its RPN v1 group");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv2/groups/%lld/members?type=rpnv1_group", (long long)g2);
	sbt_get(t, path, &r);
	t_ok(json_integer_value(json_object_get(r.json, "total_count")) == 1, "members of type rpnv1_group: the RPN v1 group");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv2/groups/%lld/disable-compatibility", (long long)g2);
	t_ok(sbt_req(t, SBT_SCW, "POST", path, "{}", NULL, &r) == 204, "disable it: 204");
	sbt_resp_free(&r);
	sbt_get(t, "/dedibox/v1/rpn/server-capabilities?page_size=100", &r);
	int caps = json_integer_value(json_object_get(r.json, "total_count")) == 30;
	const json_t *c;
	json_array_foreach(json_object_get(r.json, "servers"), i, c)
		if (json_integer_value(json_object_get(c, "id")) == a)
			caps &= json_integer_value(json_object_get(c, "rpnv2_group_count")) == 1 &&
				json_is_false(json_object_get(c, "can_join_rpnv2_group"));
	t_ok(caps, "rpn/server-capabilities: every server, the RPN v2 member cannot join another");
	sbt_resp_free(&r);

	snprintf(path, sizeof path, "/dedibox/v1/rpnv2/groups/%lld", (long long)g2);
	t_ok(sbt_req(t, SBT_SCW, "DELETE", path, NULL, NULL, &r) == 204, "delete the RPN v2 group: 204");
	sbt_resp_free(&r);
	snprintf(body, sizeof body, "{\"name\":\"lan2\",\"servers\":[%lld]}", (long long)a);
	sbt_req(t, SBT_SCW, "POST", "/dedibox/v1/rpnv2/groups", body, NULL, &r);
	t_ok(r.status == 200, "its servers are free to join another group");
	sbt_resp_free(&r);
	sbt_stop(t);
}

static void san(void)
{
	struct dd_sandbox_opts o = { .seed = 23, .servers = 40, .servers_set = 1 };
	struct sbt *t = sbt_start(&o);
	struct sbt_resp r;
	char path[160], body[160];
	sbt_get(t, "/dedibox/v1/rpn-sans", &r);
	json_int_t id = first_id(r.json, "rpn_sans");
	t_ok(json_integer_value(json_object_get(r.json, "total_count")) == 1 && id, "one RPN SAN at birth");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpn-sans/%lld/available-ips", (long long)id);
	sbt_get(t, path, &r);
	json_int_t avail = json_integer_value(json_object_get(r.json, "total_count"));
	json_int_t ip = json_integer_value(json_object_get(json_object_get(json_array_get(json_object_get(r.json, "ips"), 0), "ip"), "ip_id"));
	t_ok(avail > 0 && ip, "private IPs of its datacenter are available (%lld)", (long long)avail);
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpn-sans/%lld/ips", (long long)id);
	snprintf(body, sizeof body, "{\"ip_ids\":[%lld]}", (long long)ip);
	t_ok(sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r) == 204, "allow one: 204");
	sbt_resp_free(&r);
	sbt_get(t, path, &r);
	t_ok(json_integer_value(json_object_get(r.json, "total_count")) == 2, "the SAN now has two IPs");
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "POST", path, "{\"ip_ids\":[1000000]}", NULL, &r);
	t_ok(r.status == 404, "a public IP id is not a private one: 404");
	sbt_resp_free(&r);
	t_ok(sbt_req(t, SBT_SCW, "DELETE", path, body, NULL, &r) == 204, "remove it: 204");
	sbt_resp_free(&r);
	sbt_get(t, "/dedibox/v1/rpnv1/capable-san-servers", &r);
	t_ok(json_integer_value(json_object_get(r.json, "total_count")) == 1 &&
	     json_array_size(json_object_get(json_array_get(json_object_get(r.json, "san_servers"), 0), "sans")) == 1,
	     "capable-san-servers: the server allowed on it");
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "POST", "/dedibox/v1/rpn-sans", "{\"offer_id\":3201}", NULL, &r);
	t_ok(r.status == 400, "order a SAN with a server offer: 400");
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "POST", "/dedibox/v1/rpn-sans", "{\"offer_id\":4040}", NULL, &r);
	json_int_t id2 = json_integer_value(json_object_get(r.json, "id"));
	t_ok(r.status == 200 && !strcmp(str(r.json, "status"), "creating"), "order a SAN: creating");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/rpn-sans/%lld", (long long)id2);
	sbt_get(t, path, &r);
	t_ok(!strcmp(str(r.json, "status"), "active") && json_is_string(json_object_get(r.json, "iqn")), "then active, with its IQN");
	sbt_resp_free(&r);
	t_ok(sbt_req(t, SBT_SCW, "DELETE", path, NULL, NULL, &r) == 204, "delete it: 204");
	sbt_resp_free(&r);
	t_ok(sbt_get(t, path, &r) == 404, "then it is gone");
	sbt_resp_free(&r);
	sbt_stop(t);
}

/* Every failover IP a world is born with obeys the sandbox's own attach
 * rule (a failover IP is routed only to a server of its zone), at several
 * seeds and sizes; and the API shows it so (server_zone is the zone). */
static void failover_routes(void)
{
	static const struct { uint64_t seed; unsigned servers; } worlds[] = {
		{ 1, 6 }, { 3, 16 }, { 11, 90 }, { 21, 3 }, { 42, 1000 }, { 77, 1000 }, { 9001, 250 },
	};
	for (size_t i = 0; i < sizeof worlds / sizeof worlds[0]; i++) {
		for (int hostile = 0; hostile < 2; hostile++) {
			struct dd_sb_world *w = dd_sb_world_new(worlds[i].seed, worlds[i].servers, hostile);
			size_t routed = 0, wrong = 0;
			uint32_t bad = 0;
			for (size_t k = 0; w && k < w->nfailovers; k++) {
				const struct dd_sb_failover *f = &w->failovers[k];
				const struct dd_sb_server *s = f->server ? dd_sb_world_server(w, f->server) : NULL;
				if (!f->server)
					continue;
				routed++;
				if (!s || dd_sb_dc_zone(s->dc) != f->zone) {
					wrong++;
					bad = bad ? bad : f->id;
				}
			}
			t_ok(w && routed > 0 && wrong == 0,
			     "seed %llu, %u servers%s: %zu routed failover IPs, each to a server of its zone (%zu not, first %u)",
			     (unsigned long long)worlds[i].seed, worlds[i].servers, hostile ? ", hostile" : "",
			     routed, wrong, bad);
			dd_sb_world_free(w);
		}
	}

	struct dd_sandbox_opts o = { .seed = 11, .servers = 90, .servers_set = 1 };
	struct sbt *t = sbt_start(&o);
	struct sbt_resp r;
	size_t seen = 0, wrong = 0;
	for (int z = 0; z < DD_SB_NZONES; z++) {
		char path[128];
		snprintf(path, sizeof path, "/dedibox/v1/zones/%s/failover-ips?page_size=100", dd_sb_zone_names[z]);
		sbt_get(t, path, &r);
		json_t *v;
		size_t k;
		json_array_foreach(json_object_get(r.json, "failover_ips"), k, v) {
			if (!json_is_string(json_object_get(v, "server_zone")))
				continue;
			seen++;
			wrong += strcmp(str(v, "server_zone"), dd_sb_zone_names[z]) != 0;
		}
		sbt_resp_free(&r);
	}
	t_ok(seen > 0 && wrong == 0, "the API lists %zu routed failover IPs, each with server_zone its own zone (%zu not)",
	     seen, wrong);
	sbt_stop(t);
}

int main(void)
{
	/* 3 servers: three /56 allowed, two carved at birth */
	struct dd_sandbox_opts o = { .seed = 21, .servers = 3, .servers_set = 1 };
	struct sbt *t = sbt_start(&o);
	struct sbt_resp r, q;
	char path[160], body[160];

	sbt_get(t, "/dedibox/v1/ipv6-block-quotas", &q);
	const json_t *quotas = json_object_get(q.json, "quotas");
	t_ok(json_integer_value(json_object_get(json_array_get(quotas, 1), "quota")) == 3 &&
	     json_integer_value(json_object_get(json_array_get(quotas, 1), "cidr")) == 56,
	     "quota of /56 subnets is the number of servers");
	sbt_resp_free(&q);

	sbt_get(t, "/dedibox/v1/ipv6-block", &r);
	json_int_t id = json_integer_value(json_object_get(r.json, "id"));
	char addr[64];
	snprintf(addr, sizeof addr, "%s", str(r.json, "address"));
	t_ok(r.status == 200 && json_integer_value(json_object_get(r.json, "cidr")) == 48 && !strncmp(addr, "2001:bc8:", 9) &&
	     json_array_size(json_object_get(r.json, "subnets")) == 2, "the Organization has a /48 (%s) with two /56", addr);
	sbt_resp_free(&r);

	sbt_req(t, SBT_SCW, "POST", "/dedibox/v1/ipv6-block", "{}", NULL, &r);
	t_ok(r.status == 409 && !strcmp(str(r.json, "type"), "already_exists") && json_is_string(json_object_get(r.json, "help_message")),
	     "a second /48: 409 already_exists");
	sbt_resp_free(&r);

	snprintf(path, sizeof path, "/dedibox/v1/ipv6-blocks/%lld", (long long)id);
	sbt_req(t, SBT_SCW, "PATCH", path, "{\"nameservers\":[\"ns1.example.com\"]}", NULL, &r);
	t_ok(r.status == 400 && !strcmp(first_reason(r.json), "constraint"), "one name server only: 400");
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "PATCH", path, "{\"nameservers\":[\"ns1.example.com\",\"NS1.example.com\"]}", NULL, &r);
	t_ok(r.status == 400, "the same name server twice: 400");
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "PATCH", path, "{\"nameservers\":[\"ns1.example.com\",\"ns2.example.com.\"]}", NULL, &r);
	t_ok(r.status == 200 && !strcmp(str(r.json, "delegation_status"), "updating") &&
	     json_array_size(json_object_get(r.json, "nameservers")) == 2, "delegate to two name servers: updating");
	sbt_resp_free(&r);
	sbt_get(t, "/dedibox/v1/ipv6-blocks", &r);
	const json_t *b = json_array_get(json_object_get(r.json, "ipv6_blocks"), 0);
	t_ok(!strcmp(str(b, "delegation_status"), "done") && json_array_size(json_object_get(b, "nameservers")) == 2,
	     "the next read sees the delegation done");
	sbt_resp_free(&r);

	snprintf(path, sizeof path, "/dedibox/v1/ipv6-blocks/%lld/subnets", (long long)id);
	sbt_get(t, path, &r);
	const json_t *av = json_object_get(r.json, "subnet_availables");
	t_ok(json_integer_value(json_object_get(r.json, "total_count")) == 254 && json_array_size(av) == 254,
	     "254 /56 are still free in the /48");
	char free56[64];
	snprintf(free56, sizeof free56, "%s", str(json_array_get(av, 0), "address"));
	sbt_resp_free(&r);

	snprintf(body, sizeof body, "{\"address\":\"%s\",\"cidr\":64}", free56);
	sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	t_ok(r.status == 400 && !strcmp(str(json_array_get(json_object_get(r.json, "details"), 0), "argument_name"), "cidr"),
	     "a /64 straight in the /48: 400 on cidr");
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "POST", path, "{\"address\":\"2001:db8::\",\"cidr\":56}", NULL, &r);
	t_ok(r.status == 400, "a /56 outside the /48: 400");
	sbt_resp_free(&r);
	snprintf(body, sizeof body, "{\"address\":\"%s1\",\"cidr\":56}", free56);
	sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	t_ok(r.status == 400, "a misaligned /56 (%s1): 400", free56);
	sbt_resp_free(&r);
	snprintf(body, sizeof body, "{\"address\":\"%s\",\"cidr\":56}", free56);
	sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	t_ok(r.status == 200 && json_integer_value(json_object_get(r.json, "cidr")) == 56 && !strcmp(str(r.json, "address"), free56),
	     "carve %s/56", free56);
	json_int_t sub = json_integer_value(json_object_get(r.json, "id"));
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	t_ok(r.status == 409 && !strcmp(str(r.json, "type"), "already_exists"), "the same /56 again: 409");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/ipv6-blocks/%lld/subnets", (long long)id);
	sbt_get(t, path, &r);
	snprintf(body, sizeof body, "{\"address\":\"%s\",\"cidr\":56}",
		 str(json_array_get(json_object_get(r.json, "subnet_availables"), 0), "address"));
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	const json_t *d = json_array_get(json_object_get(r.json, "details"), 0);
	t_ok(r.status == 403 && !strcmp(str(r.json, "type"), "quotas_exceeded") &&
	     json_integer_value(json_object_get(d, "quota")) == 3 && json_integer_value(json_object_get(d, "current")) == 3,
	     "a fourth /56 with three servers: 403 quotas_exceeded (quota 3, current 3)");
	sbt_resp_free(&r);

	snprintf(path, sizeof path, "/dedibox/v1/ipv6-blocks/%lld", (long long)id);
	sbt_req(t, SBT_SCW, "DELETE", path, NULL, NULL, &r);
	t_ok(r.status == 412 && !strcmp(str(r.json, "precondition"), "resource_still_in_use"),
	     "delete the /48 while subnets exist: 412");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/ipv6-blocks/%lld", (long long)sub);
	t_ok(sbt_req(t, SBT_SCW, "DELETE", path, NULL, NULL, &r) == 204, "delete the new /56: 204");
	sbt_resp_free(&r);
	t_ok(sbt_req(t, SBT_SCW, "DELETE", path, NULL, NULL, &r) == 404, "delete it again: 404");
	sbt_resp_free(&r);
	sbt_stop(t);

	o.servers = 0;
	t = sbt_start(&o);
	sbt_get(t, "/dedibox/v1/ipv6-block", &r);
	t_ok(r.status == 404 && !strcmp(str(r.json, "resource"), "ipv6_block"), "an empty world has no /48 yet");
	sbt_resp_free(&r);
	sbt_req(t, SBT_SCW, "POST", "/dedibox/v1/ipv6-block", "{}", NULL, &r);
	t_ok(r.status == 200 && json_integer_value(json_object_get(r.json, "cidr")) == 48, "POST ipv6-block orders one");
	sbt_resp_free(&r);
	sbt_get(t, "/dedibox/v1/ipv6-blocks", &r);
	t_ok(json_integer_value(json_object_get(r.json, "total_count")) == 1, "then it is listed");
	sbt_resp_free(&r);
	sbt_stop(t);
	rpn();
	san();
	failover_routes();
	return t_done();
}
