/* RPN: the checks before anything is sent (names, VLANs, ids), the
 * requests shaped as the SDK's marshal*Request, and the decoders of the
 * invitations, the group logs and Online's RPN groups, on hand-written
 * JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/online_rpn.h"
#include "core/request.h"
#include "core/rpn_write.h"
#include "core/scw_dedibox_net.h"
#include "core/scw_dedibox_rpn.h"

static void names(void **state)
{
	struct dd_error e;
	char long_name[80];
	(void)state;
	memset(long_name, 'a', 65);
	long_name[65] = 0;
	assert_int_equal(dd_rpn_check_name("backend", &e), 0);
	assert_int_equal(dd_rpn_check_name("lan été 2", &e), 0);
	assert_int_equal(dd_rpn_check_name("", &e), -1);
	assert_int_equal(e.kind, DD_E_USAGE);
	assert_int_equal(dd_rpn_check_name(long_name, &e), -1);
	long_name[64] = 0;
	assert_int_equal(dd_rpn_check_name(long_name, &e), 0);
	assert_int_equal(dd_rpn_check_name("a\tb", &e), -1);
	assert_int_equal(dd_rpn_check_name("a\033[2J", &e), -1);
	assert_int_equal(dd_rpn_check_name(" lead", &e), -1);
	assert_int_equal(dd_rpn_check_name("trail ", &e), -1);
}

static void vlans(void **state)
{
	struct dd_error e;
	int v = 7;
	(void)state;
	assert_int_equal(dd_rpn_parse_vlan("0", &v, &e), 0);
	assert_int_equal(v, 0);
	assert_int_equal(dd_rpn_parse_vlan("3967", &v, &e), 0);
	assert_int_equal(v, 3967);
	assert_int_equal(dd_rpn_parse_vlan("default", &v, &e), 0);
	assert_int_equal(v, -1);
	v = 5;
	assert_int_equal(dd_rpn_parse_vlan("3968", &v, &e), -1);
	assert_non_null(strstr(e.message, "0 to 3967"));
	assert_int_equal(dd_rpn_parse_vlan("-1", &v, &e), -1);
	assert_int_equal(dd_rpn_parse_vlan("12a", &v, &e), -1);
	assert_int_equal(dd_rpn_parse_vlan("", &v, &e), -1);
	assert_int_equal(dd_rpn_parse_vlan("99999999999999999999", &v, &e), -1);
	assert_int_equal(v, 5);
}

static void ids(void **state)
{
	struct dd_rpn_change ch = { 0 };
	struct dd_error e;
	char many[400] = "";
	(void)state;
	assert_int_equal(dd_rpn_parse_ids("12,13", "IDS", &ch, &e), 0);
	assert_int_equal(ch.n_ids, 2);
	assert_int_equal(ch.ids[1], 13);
	assert_int_equal(dd_rpn_parse_ids("12,,13", "IDS", &ch, &e), -1);
	assert_int_equal(dd_rpn_parse_ids("0", "IDS", &ch, &e), -1);
	assert_int_equal(dd_rpn_parse_ids("12,12", "IDS", &ch, &e), -1);
	assert_non_null(strstr(e.message, "twice"));
	assert_int_equal(dd_rpn_parse_ids("12,", "IDS", &ch, &e), -1);
	assert_int_equal(dd_rpn_parse_ids("", "IDS", &ch, &e), -1);
	for (int i = 1; i <= DD_RPN_MAX_IDS + 1; i++)
		snprintf(many + strlen(many), sizeof(many) - strlen(many), "%s%d", i > 1 ? "," : "", i);
	assert_int_equal(dd_rpn_parse_ids(many, "IDS", &ch, &e), -1);
	assert_non_null(strstr(e.message, "at most"));
}

static struct dd_creds creds(void)
{
	struct dd_creds c;
	memset(&c, 0, sizeof(c));
	snprintf(c.scw_api_url, sizeof(c.scw_api_url), "https://api.example");
	dd_request_default_bases(&c);
	return c;
}

/* The request of ch: method, URL tail and body. */
static void req(const struct dd_rpn_change *ch, const char *method, const char *tail,
		const char *body)
{
	struct dd_creds c = creds();
	struct dd_write_req out;
	struct dd_error e;
	assert_int_equal(dd_scw_req_rpn(&c, ch, &out, &e), 0);
	assert_string_equal(dd_http_method_name(out.method), method);
	assert_string_equal(out.url + strlen("https://api.example"), tail);
	assert_string_equal(out.body, body);
	assert_string_equal(out.shown, body);
}

static void requests(void **state)
{
	struct dd_rpn_change ch = { .op = DD_RPN_CREATE, .v2 = true, .name = "lab",
				    .ids = { 11, 12 }, .n_ids = 2 };
	(void)state;
	/* marshalRpnV2ApiCreateRpnV2GroupRequest: name, project_id, servers, type */
	req(&ch, "POST", "/dedibox/v1/rpnv2/groups", "{\"name\":\"lab\",\"servers\":[11,12],\"type\":\"standard\"}");
	snprintf(ch.type, sizeof(ch.type), "qinq");
	req(&ch, "POST", "/dedibox/v1/rpnv2/groups", "{\"name\":\"lab\",\"servers\":[11,12],\"type\":\"qinq\"}");
	ch = (struct dd_rpn_change){ .op = DD_RPN_CREATE, .name = "b", .ids = { 5 }, .n_ids = 1 };
	req(&ch, "POST", "/dedibox/v1/rpnv1/groups", "{\"name\":\"b\",\"server_ids\":[5]}");
	ch = (struct dd_rpn_change){ .op = DD_RPN_RENAME, .group_id = 9, .name = "n" };
	req(&ch, "PATCH", "/dedibox/v1/rpnv1/groups/9", "{\"name\":\"n\"}");
	ch = (struct dd_rpn_change){ .op = DD_RPN_DELETE, .v2 = true, .group_id = 9 };
	req(&ch, "DELETE", "/dedibox/v1/rpnv2/groups/9", "");
	ch = (struct dd_rpn_change){ .op = DD_RPN_ADD, .group_id = 9, .ids = { 4 }, .n_ids = 1 };
	req(&ch, "POST", "/dedibox/v1/rpnv1/groups/9/members", "{\"server_ids\":[4]}");
	ch.v2 = true;
	req(&ch, "POST", "/dedibox/v1/rpnv2/groups/9/members", "{\"servers\":[4]}");
	ch.op = DD_RPN_REMOVE;
	req(&ch, "DELETE", "/dedibox/v1/rpnv2/groups/9/members", "{\"member_ids\":[4]}");
	ch = (struct dd_rpn_change){ .op = DD_RPN_INVITE, .group_id = 9, .ids = { 300001 }, .n_ids = 1 };
	req(&ch, "POST", "/dedibox/v1/rpnv1/groups/9/invite", "{\"server_ids\":[300001]}");
	ch.op = DD_RPN_LEAVE;
	req(&ch, "POST", "/dedibox/v1/rpnv1/groups/9/leave", "{\"member_ids\":[300001]}");
	ch = (struct dd_rpn_change){ .op = DD_RPN_ACCEPT, .member_id = 77 };
	req(&ch, "POST", "/dedibox/v1/rpnv1/invites/77/accept", "{}");
	ch.op = DD_RPN_REFUSE;
	req(&ch, "POST", "/dedibox/v1/rpnv1/invites/77/refuse", "{}");
	ch = (struct dd_rpn_change){ .op = DD_RPN_VLAN, .v2 = true, .group_id = 9, .ids = { 1, 2 },
				     .n_ids = 2, .vlan = 1234 };
	req(&ch, "PATCH", "/dedibox/v1/rpnv2/groups/9/vlan", "{\"member_ids\":[1,2],\"vlan\":1234}");
	ch.vlan = -1; /* the default: no vlan sent */
	req(&ch, "PATCH", "/dedibox/v1/rpnv2/groups/9/vlan", "{\"member_ids\":[1,2]}");
	ch = (struct dd_rpn_change){ .op = DD_RPN_COMPAT_ON, .v2 = true, .group_id = 9, .v1_group = 3 };
	req(&ch, "POST", "/dedibox/v1/rpnv2/groups/9/enable-compatibility", "{\"rpnv1_group_id\":3}");
	ch.op = DD_RPN_COMPAT_OFF;
	req(&ch, "POST", "/dedibox/v1/rpnv2/groups/9/disable-compatibility", "{}");
}

static void project_sent(void **state)
{
	struct dd_creds c = creds();
	struct dd_rpn_change ch = { .op = DD_RPN_INVITE, .group_id = 9, .ids = { 3 }, .n_ids = 1 };
	struct dd_write_req out;
	struct dd_error e;
	(void)state;
	snprintf(c.project_id, sizeof(c.project_id), "11111111-1111-4111-8111-111111111111");
	assert_int_equal(dd_scw_req_rpn(&c, &ch, &out, &e), 0);
	assert_string_equal(out.body, "{\"project_id\":\"11111111-1111-4111-8111-111111111111\",\"server_ids\":[3]}");
}

static void decode_invites(void **state)
{
	static const char body[] =
		"{\"total_count\":1,\"members\":[{\"id\":9500008,\"status\":\"pending_invitation\","
		"\"san_server\":null,\"server\":{\"id\":100002,\"hostname\":\"web\\u001b[2J-1\"},"
		"\"group_id\":9300003,\"group_name\":\"partner-lan\",\"group_owner\":\"partner\","
		"\"speed\":1000,\"owner\":\"demo\"}]}";
	struct dd_rpn_list l = { 0 };
	struct dd_error e;
	size_t n;
	int64_t total;
	(void)state;
	assert_int_equal(dd_scw_decode_rpn_invites(body, strlen(body), &l, &n, &total, &e), 0);
	assert_int_equal(l.n_invites, 1);
	assert_int_equal(total, 1);
	assert_int_equal(l.invites[0].group_id, 9300003);
	assert_string_equal(l.invites[0].group_name, "partner-lan");
	assert_string_equal(l.invites[0].group_owner, "partner");
	assert_string_equal(l.invites[0].status, "pending_invitation");
	assert_null(strchr(l.invites[0].hostname, '\033'));
	static const char bad[] = "{\"members\":[{\"id\":1,\"group_id\":\"x\"}]}";
	assert_int_equal(dd_scw_decode_rpn_invites(bad, strlen(bad), &l, &n, &total, &e), -1);
	assert_int_equal(e.kind, DD_E_DECODE);
	assert_non_null(strstr(e.message, "group_id"));
	assert_int_equal(l.n_invites, 1); /* nothing of the bad answer */
	dd_rpn_list_clear(&l);
}

static void decode_logs(void **state)
{
	static const char body[] =
		"{\"total_count\":2,\"logs\":[{\"id\":1,\"group\":{},\"member\":null,\"action\":\"group_created\","
		"\"status\":\"success\",\"created_at\":\"2026-01-01T00:00:00Z\",\"finished_at\":null},"
		"{\"id\":2,\"member\":{\"id\":5,\"server\":{\"id\":7,\"hostname\":\"db\"}},\"action\":\"vlan_updated\","
		"\"status\":\"success\",\"created_at\":\"2026-01-02T00:00:00Z\"}]}";
	struct dd_rpn_log_list l = { 0 };
	struct dd_error e;
	size_t n;
	int64_t total;
	(void)state;
	assert_int_equal(dd_scw_decode_rpn_logs(body, strlen(body), &l, &n, &total, &e), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].action, "group_created");
	assert_int_equal(l.v[0].member_id, 0);
	assert_int_equal(l.v[1].member_id, 5);
	assert_string_equal(l.v[1].hostname, "db");
	dd_rpn_log_list_clear(&l);
}

static void decode_online(void **state)
{
	/* the contract's example of GET /rpn/v2/7, in an array */
	static const char v2[] =
		"[{\"id\":7,\"description\":\"backend\",\"status\":\"ACTIVE\",\"type\":\"STANDARD\","
		"\"compatibility_rpn_v1\":false,\"member\":[{\"id\":11,\"linked\":{\"id\":42,\"ip\":\"10.90.53.212\","
		"\"type\":\"server\",\"$ref\":\"/api/v1/server/42\"},\"status\":\"ACTIVE\",\"vlan\":3900}]}]";
	static const char v1[] =
		"[{\"id\":3,\"name\":\"lan\",\"owner\":\"demo\",\"members\":[{\"id\":4,\"status\":\"active\","
		"\"server\":{\"id\":42,\"$ref\":\"/api/v1/server/42\"}},{\"id\":5,\"status\":\"pending\",\"server\":null}]}]";
	struct dd_rpn_list l = { 0 };
	struct dd_error e;
	(void)state;
	assert_int_equal(dd_online_decode_rpn_groups(v2, strlen(v2), true, &l, &e), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].name, "backend");
	assert_string_equal(l.v[0].status, "active");
	assert_string_equal(l.v[0].type, "standard");
	assert_int_equal(l.v[0].n_members, 1);
	assert_int_equal(l.v[0].members[0].server_id, 42);
	assert_string_equal(l.v[0].members[0].vlan, "3900");
	dd_rpn_list_clear(&l);
	assert_int_equal(dd_online_decode_rpn_groups(v1, strlen(v1), false, &l, &e), 0);
	assert_int_equal(l.v[0].n_members, 2);
	assert_int_equal(l.v[0].members[1].server_id, 0);
	assert_string_equal(l.v[0].members[1].status, "pending");
	dd_rpn_list_clear(&l);
	static const char notarr[] = "{\"id\":7}";
	assert_int_equal(dd_online_decode_rpn_groups(notarr, strlen(notarr), true, &l, &e), -1);
	static const char badvlan[] = "[{\"id\":7,\"member\":[{\"id\":1,\"vlan\":\"x\"}]}]";
	assert_int_equal(dd_online_decode_rpn_groups(badvlan, strlen(badvlan), true, &l, &e), -1);
	assert_non_null(strstr(e.message, "vlan"));
	assert_int_equal(l.n, 0);
	dd_rpn_list_clear(&l); /* a failed decode rolls back the records, not the array */
}

/* ch's Online request: method, URL tail after /api/v1, form body. */
static void oreq(const struct dd_rpn_change *ch, const int64_t *servers, size_t n,
		 const char *method, const char *tail, const char *body)
{
	struct dd_creds *c = dd_creds_new();
	struct dd_write_req r;
	struct dd_error e;

	assert_non_null(c);
	snprintf(c->online_api_url, sizeof(c->online_api_url), "http://127.0.0.1:1/api/v1");
	assert_int_equal(dd_online_req_rpn(c, ch, servers, n, &r, &e), 0);
	assert_int_equal(r.api, DD_API_ONLINE);
	assert_string_equal(dd_http_method_name(r.method), method);
	assert_non_null(strstr(r.url, "/api/v1"));
	assert_string_equal(strstr(r.url, "/api/v1") + 7, tail);
	assert_string_equal(r.body, body);
	assert_string_equal(r.shown, body);
	if (body[0])
		assert_string_equal(r.content_type, "application/x-www-form-urlencoded");
	dd_creds_free(c);
}

static void online_requests(void **state)
{
	const int64_t two[] = { 11, 12 }, one[] = { 42 };
	struct dd_rpn_change ch = { .op = DD_RPN_CREATE, .name = "lan a", .ids = { 11, 12 }, .n_ids = 2 };
	struct dd_creds *c = dd_creds_new();
	struct dd_write_req r;
	struct dd_error e;
	(void)state;

	oreq(&ch, two, 2, "POST", "/rpn/group", "name=lan%20a&server_ids=%5B11%2C12%5D");
	ch.v2 = true;
	snprintf(ch.type, sizeof(ch.type), "qinq");
	oreq(&ch, two, 2, "POST", "/rpn/v2", "type=QINQ&description=lan%20a&server_ids=%5B11%2C12%5D");
	ch = (struct dd_rpn_change){ .op = DD_RPN_ADD, .group_id = 9, .ids = { 42 }, .n_ids = 1 };
	oreq(&ch, one, 1, "POST", "/rpn/group/addServers", "group_id=9&server_ids=%5B42%5D");
	ch.op = DD_RPN_REMOVE; /* the servers of the members, given by the planner */
	oreq(&ch, one, 1, "POST", "/rpn/group/removeServers", "group_id=9&server_ids=%5B42%5D");
	ch.v2 = true;
	oreq(&ch, one, 1, "DELETE", "/rpn/v2/9/removeMember", "server_ids=%5B42%5D");
	ch.op = DD_RPN_ADD;
	oreq(&ch, one, 1, "POST", "/rpn/v2/9/addMember", "server_ids=%5B42%5D");
	ch = (struct dd_rpn_change){ .op = DD_RPN_VLAN, .v2 = true, .group_id = 9, .ids = { 5 }, .n_ids = 1, .vlan = 3967 };
	oreq(&ch, NULL, 0, "PATCH", "/rpn/v2/9/editVlanMember/5", "vlan_number=3967&reset_vlan=false");
	ch.vlan = -1;
	oreq(&ch, NULL, 0, "PATCH", "/rpn/v2/9/editVlanMember/5", "reset_vlan=true");
	ch = (struct dd_rpn_change){ .op = DD_RPN_DELETE, .v2 = true, .group_id = 9 };
	oreq(&ch, NULL, 0, "DELETE", "/rpn/v2/9", "");

	/* no Online route: refused with a sentence, never a request */
	assert_non_null(c);
	snprintf(c->online_api_url, sizeof(c->online_api_url), "http://127.0.0.1:1/api/v1");
	static const enum dd_rpn_op none[] = { DD_RPN_RENAME, DD_RPN_INVITE, DD_RPN_LEAVE, DD_RPN_ACCEPT,
					       DD_RPN_REFUSE, DD_RPN_COMPAT_ON, DD_RPN_COMPAT_OFF };
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		ch = (struct dd_rpn_change){ .op = none[i], .group_id = 9 };
		assert_int_equal(dd_online_req_rpn(c, &ch, NULL, 0, &r, &e), -1);
		assert_int_equal(e.kind, DD_E_USAGE);
		assert_non_null(strstr(e.message, "Online API has no route"));
	}
	ch = (struct dd_rpn_change){ .op = DD_RPN_DELETE, .group_id = 9 };
	assert_int_equal(dd_online_req_rpn(c, &ch, NULL, 0, &r, &e), -1);
	assert_non_null(strstr(e.message, "delete an RPN v1 group"));
	ch = (struct dd_rpn_change){ .op = DD_RPN_VLAN, .v2 = true, .group_id = 9, .ids = { 5, 6 }, .n_ids = 2 };
	assert_int_equal(dd_online_req_rpn(c, &ch, NULL, 0, &r, &e), -1);
	assert_non_null(strstr(e.message, "one member"));
	dd_creds_free(c);
}

static void decode_online_one(void **state)
{
	static const char v2[] =
		"{\"id\":7,\"description\":\"backend\",\"status\":\"UPDATING\",\"type\":\"QINQ\","
		"\"member\":[{\"id\":11,\"linked\":{\"id\":42},\"status\":\"ACTIVE\",\"vlan\":0}]}";
	struct dd_rpn_group g = { 0 };
	struct dd_error e;
	(void)state;
	assert_int_equal(dd_online_decode_rpn_group(v2, strlen(v2), true, &g, &e), 0);
	assert_int_equal(g.id, 7);
	assert_string_equal(g.name, "backend");
	assert_string_equal(g.status, "updating");
	assert_string_equal(g.type, "qinq");
	assert_int_equal(g.n_members, 1);
	assert_string_equal(g.members[0].vlan, "0");
	assert_int_equal(dd_online_decode_rpn_group("[]", 2, true, &g, &e), -1);
	assert_int_equal(g.n_members, 0);
	dd_rpn_group_clear(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names),          cmocka_unit_test(vlans),
		cmocka_unit_test(ids),            cmocka_unit_test(requests),
		cmocka_unit_test(project_sent),   cmocka_unit_test(decode_invites),
		cmocka_unit_test(decode_logs),    cmocka_unit_test(decode_online),
		cmocka_unit_test(online_requests), cmocka_unit_test(decode_online_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
