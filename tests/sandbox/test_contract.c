/* Contract: every key, type and enum value the sandbox sends exists in the
 * official SDK (tests/data/sdk-fields.txt and sdk-enums.txt, extracted from
 * @scaleway/sdk-dedibox@1.4.0, @scaleway/sdk-iam@1.6.0 and
 * @scaleway/sdk-billing@1.3.0), and every
 * required field is there. Error bodies are checked against the shapes
 * that @scaleway/sdk-client's errors/ parse. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/sandbox/sbtest.h"

struct field { char type[64], key[48], kind[80]; int required; };
struct enumdef { char type[64]; char *values; /* " a b c " */ };

static struct field *fields;
static size_t nfields;
static struct enumdef *enums;
static size_t nenums;

static FILE *open_data(const char *name)
{
	const char *src = getenv("DD_SRCDIR");
	char path[1024];
	snprintf(path, sizeof path, "%s/tests/data/%s", src ? src : ".", name);
	FILE *f = fopen(path, "r");
	if (!f) {
		printf("Bail out! cannot read %s (is DD_SRCDIR set?)\n", path);
		exit(1);
	}
	return f;
}

static void load(void)
{
	char line[4096];
	FILE *f = open_data("sdk-fields.txt");
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		struct field fl;
		char req[16];
		if (sscanf(line, "%63s %47s %79s %15s", fl.type, fl.key, fl.kind, req) != 4)
			continue;
		fl.required = strcmp(req, "required") == 0;
		fields = realloc(fields, (nfields + 1) * sizeof *fields);
		fields[nfields++] = fl;
	}
	fclose(f);
	f = open_data("sdk-enums.txt");
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		char *sp = strchr(line, ' ');
		if (!sp)
			continue;
		*sp = '\0';
		enums = realloc(enums, (nenums + 1) * sizeof *enums);
		snprintf(enums[nenums].type, sizeof enums[nenums].type, "%s", line);
		size_t n = strlen(sp + 1) + 3;
		enums[nenums].values = malloc(n);
		snprintf(enums[nenums].values, n, " %s ", sp + 1);
		nenums++;
	}
	fclose(f);
}

static const struct enumdef *find_enum(const char *type)
{
	for (size_t i = 0; i < nenums; i++)
		if (strcmp(enums[i].type, type) == 0)
			return &enums[i];
	return NULL;
}

static int is_object_type(const char *type)
{
	for (size_t i = 0; i < nfields; i++)
		if (strcmp(fields[i].type, type) == 0)
			return 1;
	return 0;
}

/* Problems found, first few kept for the TAP line. */
static char problems[2048];
static int nproblems;

static void problem(const char *path, const char *what)
{
	if (nproblems++ < 5) {
		size_t l = strlen(problems);
		snprintf(problems + l, sizeof problems - l, "%s%s: %s", l ? "; " : "", path, what);
	}
}

static int is_rfc3339(const char *s)
{
	int y, mo, d, h, mi, sec, n = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 || n != 19)
		return 0;
	const char *p = s + 19;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return strcmp(p, "Z") == 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && sec < 61;
}

static void check(const json_t *v, const char *kind, const char *path);

static void check_object(const json_t *v, const char *type, const char *path)
{
	char sub[512];
	if (!json_is_object(v)) {
		problem(path, "expected an object");
		return;
	}
	const char *key;
	json_t *val;
	json_object_foreach((json_t *)v, key, val) {
		const struct field *f = NULL;
		for (size_t i = 0; i < nfields && !f; i++)
			if (strcmp(fields[i].type, type) == 0 && strcmp(fields[i].key, key) == 0)
				f = &fields[i];
		snprintf(sub, sizeof sub, "%s.%s", path, key);
		if (!f) {
			problem(sub, "key not in the SDK");
			continue;
		}
		if (json_is_null(val)) {
			if (f->required)
				problem(sub, "required field is null");
			continue;
		}
		check(val, f->kind, sub);
	}
	for (size_t i = 0; i < nfields; i++)
		if (strcmp(fields[i].type, type) == 0 && fields[i].required &&
		    !json_object_get(v, fields[i].key)) {
			snprintf(sub, sizeof sub, "%s.%s", path, fields[i].key);
			problem(sub, "required field missing");
		}
}

static void check(const json_t *v, const char *kind, const char *path)
{
	char sub[512];
	size_t kl = strlen(kind);
	if (kl > 2 && strcmp(kind + kl - 2, "[]") == 0) {
		char inner[80];
		snprintf(inner, sizeof inner, "%.*s", (int)(kl - 2), kind);
		if (!json_is_array(v)) {
			problem(path, "expected an array");
			return;
		}
		for (size_t i = 0; i < json_array_size(v); i++) {
			snprintf(sub, sizeof sub, "%s[%zu]", path, i);
			check(json_array_get(v, i), inner, sub);
		}
	} else if (strncmp(kind, "map:", 4) == 0) {
		const char *key;
		json_t *val;
		if (!json_is_object(v)) {
			problem(path, "expected a map");
			return;
		}
		json_object_foreach((json_t *)v, key, val) {
			snprintf(sub, sizeof sub, "%s.%s", path, key);
			check(val, kind + 4, sub);
		}
	} else if (strcmp(kind, "number") == 0) {
		if (!json_is_number(v))
			problem(path, "expected a number");
	} else if (strcmp(kind, "string") == 0) {
		if (!json_is_string(v))
			problem(path, "expected a string");
	} else if (strcmp(kind, "boolean") == 0) {
		if (!json_is_boolean(v))
			problem(path, "expected a boolean");
	} else if (strcmp(kind, "date") == 0) {
		if (!json_is_string(v) || !is_rfc3339(json_string_value(v)))
			problem(path, "expected an RFC 3339 date");
	} else if (strcmp(kind, "any") == 0) {
		return;
	} else if (find_enum(kind)) {
		char needle[256];
		if (!json_is_string(v)) {
			problem(path, "expected an enum string");
			return;
		}
		snprintf(needle, sizeof needle, " %s ", json_string_value(v));
		if (!strstr(find_enum(kind)->values, needle)) {
			snprintf(sub, sizeof sub, "\"%s\" is not a %s", json_string_value(v), kind);
			problem(path, sub);
		}
	} else if (is_object_type(kind)) {
		check_object(v, kind, path);
	} else {
		problem(path, "unknown kind in sdk-fields.txt");
	}
}

/* Fetches path and checks its body against type; one TAP line. */
static json_t *expect(struct sbt *t, const char *method, const char *path, const char *body,
		      long status, const char *type)
{
	struct sbt_resp r;
	sbt_req(t, SBT_SCW, method, path, body, NULL, &r);
	problems[0] = '\0';
	nproblems = 0;
	if (r.status != status)
		problem(path, "unexpected status");
	else if (!r.json)
		problem(path, "body is not JSON");
	else
		check(r.json, type, type);
	t_ok(nproblems == 0, "%s %s is a %s%s%s", method, path, type, nproblems ? ": " : "", problems);
	json_t *v = json_incref(r.json);
	sbt_resp_free(&r);
	return v;
}

/* Error bodies as sdk-client's errors/standard read them. */
static void expect_error(struct sbt *t, enum sbt_auth auth, const char *method, const char *path,
			 const char *body, long status, const char *type)
{
	struct sbt_resp r;
	sbt_req(t, auth, method, path, body, NULL, &r);
	const json_t *j = r.json;
	int ok = r.status == status && json_is_object(j) &&
		 json_is_string(json_object_get(j, "message")) &&
		 json_is_string(json_object_get(j, "type")) &&
		 strcmp(json_string_value(json_object_get(j, "type")), type) == 0;
	if (ok && strcmp(type, "denied_authentication") == 0) {
		const char *reason = json_string_value(json_object_get(j, "reason"));
		ok = json_is_string(json_object_get(j, "method")) && reason &&
		     (!strcmp(reason, "invalid_argument") || !strcmp(reason, "not_found") || !strcmp(reason, "expired"));
	} else if (ok && strcmp(type, "invalid_arguments") == 0) {
		const json_t *d = json_object_get(j, "details"), *e;
		size_t i;
		ok = json_is_array(d) && json_array_size(d) > 0;
		json_array_foreach(d, i, e) {
			const char *reason = json_string_value(json_object_get(e, "reason"));
			ok = ok && json_is_string(json_object_get(e, "argument_name")) && reason &&
			     (!strcmp(reason, "required") || !strcmp(reason, "format") || !strcmp(reason, "constraint")) &&
			     json_is_string(json_object_get(e, "help_message"));
		}
	} else if (ok && strcmp(type, "out_of_stock") == 0) {
		ok = json_is_string(json_object_get(j, "resource"));
	} else if (ok && strcmp(type, "already_exists") == 0) {
		ok = json_is_string(json_object_get(j, "resource")) && json_is_string(json_object_get(j, "resource_id")) &&
		     json_is_string(json_object_get(j, "help_message"));
	} else if (ok && strcmp(type, "quotas_exceeded") == 0) {
		const json_t *d = json_object_get(j, "details"), *e;
		size_t i;
		ok = json_is_array(d);
		json_array_foreach(d, i, e)
			ok = ok && json_is_string(json_object_get(e, "resource")) && json_is_number(json_object_get(e, "quota")) &&
			     json_is_number(json_object_get(e, "current"));
	} else if (ok && strcmp(type, "permissions_denied") == 0) {
		const json_t *d = json_object_get(j, "details"), *e;
		size_t i;
		ok = json_is_array(d);
		json_array_foreach(d, i, e)
			ok = ok && json_is_string(json_object_get(e, "resource")) && json_is_string(json_object_get(e, "action"));
	} else if (ok && strcmp(type, "transient_state") == 0) {
		ok = json_is_string(json_object_get(j, "resource")) && json_is_string(json_object_get(j, "resource_id")) &&
		     json_is_string(json_object_get(j, "current_state"));
	} else if (ok && strcmp(type, "precondition_failed") == 0) {
		ok = json_is_string(json_object_get(j, "precondition"));
	} else if (ok && (strcmp(type, "not_found") == 0 || strcmp(type, "locked") == 0)) {
		ok = json_is_string(json_object_get(j, "resource")) && json_is_string(json_object_get(j, "resource_id"));
	}
	t_ok(ok, "%s %s: %ld %s body as the SDK parses it (got %ld %.200s)", method, path, status, type,
	     r.status, r.body ? r.body : "");
	sbt_resp_free(&r);
}

static void sample_world(struct sbt *t, int hostile)
{
	static const char *const zones[] = { "fr-par-1", "fr-par-2", "nl-ams-1" };
	char path[256];
	int servers = 0;
	for (size_t z = 0; z < 3; z++) {
		snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers?page_size=100", zones[z]);
		json_t *list = expect(t, "GET", path, NULL, 200, "dedibox.ListServersResponse");
		const json_t *s;
		size_t i;
		json_array_foreach(json_object_get(list, "servers"), i, s) {
			json_int_t id = json_integer_value(json_object_get(s, "id"));
			if (i % (hostile ? 9 : 3) != 0)
				continue;
			snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers/%lld", zones[z], (long long)id);
			json_decref(expect(t, "GET", path, NULL, 200, "dedibox.Server"));
			if (servers++ % 4 != 0)
				continue;
			snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers/%lld/events?page_size=5", zones[z], (long long)id);
			json_decref(expect(t, "GET", path, NULL, 200, "dedibox.ListServerEventsResponse"));
			snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers/%lld/backups", zones[z], (long long)id);
			json_decref(expect(t, "GET", path, NULL, 200, "dedibox.Backup"));
			snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers/%lld/subscribable-server-options", zones[z], (long long)id);
			json_decref(expect(t, "GET", path, NULL, 200, "dedibox.ListSubscribableServerOptionsResponse"));
			snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers/%lld/disks", zones[z], (long long)id);
			json_decref(expect(t, "GET", path, NULL, 200, "dedibox.ListServerDisksResponse"));
		}
		json_decref(list);
		snprintf(path, sizeof path, "/dedibox/v1/zones/%s/failover-ips?page_size=100", zones[z]);
		json_t *fl = expect(t, "GET", path, NULL, 200, "dedibox.ListFailoverIPsResponse");
		const json_t *f = json_array_get(json_object_get(fl, "failover_ips"), 0);
		if (f) {
			snprintf(path, sizeof path, "/dedibox/v1/zones/%s/failover-ips/%lld", zones[z],
				 (long long)json_integer_value(json_object_get(f, "id")));
			json_decref(expect(t, "GET", path, NULL, 200, "dedibox.FailoverIP"));
			snprintf(path, sizeof path, "/dedibox/v1/zones/%s/reverses/%lld", zones[z],
				 (long long)json_integer_value(json_object_get(f, "id")));
			json_decref(expect(t, "PATCH", path, "{\"reverse\":\"fo.example.com.\"}", 200, "dedibox.IP"));
		}
		json_decref(fl);
	}
}

/* Action answers: Rescue, BMCAccess, ServerInstall, the OS catalogue. */
static void sample_actions(struct sbt *t)
{
	struct sbt_resp r;
	char path[256];
	sbt_get(t, "/dedibox/v1/zones/fr-par-1/servers?page_size=100", &r);
	json_int_t plain = 0, bmc = 0;
	const json_t *s;
	size_t i;
	json_array_foreach(json_object_get(r.json, "servers"), i, s) {
		if (strcmp(json_string_value(json_object_get(s, "status")), "ready") != 0)
			continue;
		json_int_t id = json_integer_value(json_object_get(s, "id"));
		snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld", (long long)id);
		json_t *full = expect(t, "GET", path, NULL, 200, "dedibox.Server");
		if (json_is_true(json_object_get(full, "has_bmc")) && !bmc)
			bmc = id;
		else if (!plain)
			plain = id;
		json_decref(full);
	}
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/os?server_id=%lld", (long long)plain);
	json_decref(expect(t, "GET", path, NULL, 200, "dedibox.ListOSResponse"));
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/os?server_id=%lld&type=rescue", (long long)plain);
	json_decref(expect(t, "GET", path, NULL, 200, "dedibox.ListOSResponse"));
	json_decref(expect(t, "GET", "/dedibox/v1/zones/fr-par-1/os/507", NULL, 200, "dedibox.OS"));
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld/rescue", (long long)plain);
	json_decref(expect(t, "POST", path, "{\"os_id\":601}", 200, "dedibox.Rescue"));
	json_decref(expect(t, "GET", path, NULL, 200, "dedibox.Rescue"));
	expect_error(t, SBT_SCW, "POST", path, "{\"os_id\":1}", 400, "invalid_arguments");
	sbt_req(t, SBT_SCW, "DELETE", path, NULL, NULL, &r);
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld/install", (long long)plain);
	json_decref(expect(t, "POST", path, "{\"os_id\":501,\"hostname\":\"c\",\"user_login\":\"u\",\"user_password\":\"12345678\"}",
			   200, "dedibox.ServerInstall"));
	json_decref(expect(t, "GET", path, NULL, 200, "dedibox.ServerInstall"));
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld/reboot", (long long)plain);
	expect_error(t, SBT_SCW, "POST", path, "{}", 409, "transient_state");
	if (bmc) {
		snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld/raid", (long long)bmc);
		json_decref(expect(t, "GET", path, NULL, 200, "dedibox.Raid"));
		snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld/partitioning/501", (long long)bmc);
		json_decref(expect(t, "GET", path, NULL, 200, "dedibox.ServerDefaultPartitioning"));
		snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld/bmc-access", (long long)bmc);
		json_decref(expect(t, "POST", path, "{\"ip\":\"192.0.2.1\"}", 200, "dedibox.BMCAccess"));
		json_decref(expect(t, "GET", path, NULL, 200, "dedibox.BMCAccess"));
	}
	sbt_get(t, "/dedibox/v1/zones/fr-par-1/failover-ips?only_available=false&page_size=1", &r);
	json_int_t fip = json_integer_value(json_object_get(json_array_get(json_object_get(r.json, "failover_ips"), 0), "id"));
	sbt_resp_free(&r);
	if (fip) {
		snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/failover-ips/%lld/attach-to-mac-address", (long long)fip);
		json_decref(expect(t, "POST", path, "{\"type\":\"xen\"}", 200, "dedibox.IP"));
		snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/failover-ips/%lld/detach-from-mac-address", (long long)fip);
		json_decref(expect(t, "POST", path, "{}", 200, "dedibox.IP"));
	}
}

static void sample_billing(struct sbt *t)
{
	json_t *l = expect(t, "GET", "/billing/v2beta1/invoices?page_size=100", NULL, 200, "billing.ListInvoicesResponse");
	char path[256];
	snprintf(path, sizeof path, "/billing/v2beta1/invoices/%s",
		 json_string_value(json_object_get(json_array_get(json_object_get(l, "invoices"), 0), "id")));
	json_decref(l);
	json_decref(expect(t, "GET", path, NULL, 200, "billing.Invoice"));
	json_decref(expect(t, "GET", "/billing/v2beta1/consumptions", NULL, 200, "billing.ListConsumptionsResponse"));
	json_decref(expect(t, "GET", "/billing/v2beta1/taxes", NULL, 200, "billing.ListTaxesResponse"));
	json_decref(expect(t, "GET", "/billing/v2beta1/discounts", NULL, 200, "billing.ListDiscountsResponse"));
	expect_error(t, SBT_SCW, "GET", "/billing/v2beta1/invoices?organization_id=99999999-9999-4999-8999-999999999999",
		     NULL, 403, "permissions_denied");
	l = expect(t, "GET", "/dedibox/v1/invoices?page_size=100", NULL, 200, "dedibox.ListInvoicesResponse");
	snprintf(path, sizeof path, "/dedibox/v1/invoices/%lld",
		 (long long)json_integer_value(json_object_get(json_array_get(json_object_get(l, "invoices"), 0), "id")));
	json_decref(l);
	json_decref(expect(t, "GET", path, NULL, 200, "dedibox.Invoice"));
	l = expect(t, "GET", "/dedibox/v1/refunds", NULL, 200, "dedibox.ListRefundsResponse");
	snprintf(path, sizeof path, "/dedibox/v1/refunds/%lld",
		 (long long)json_integer_value(json_object_get(json_array_get(json_object_get(l, "refunds"), 0), "id")));
	json_decref(l);
	json_decref(expect(t, "GET", path, NULL, 200, "dedibox.Refund"));
	json_decref(expect(t, "GET", "/dedibox/v1/can-order", NULL, 200, "dedibox.CanOrderResponse"));
}

static void sample_ipv6(struct sbt *t)
{
	json_decref(expect(t, "GET", "/dedibox/v1/ipv6-block-quotas", NULL, 200, "dedibox.GetIPv6BlockQuotasResponse"));
	json_t *b = expect(t, "GET", "/dedibox/v1/ipv6-block", NULL, 200, "dedibox.IPv6Block");
	json_decref(expect(t, "GET", "/dedibox/v1/ipv6-blocks", NULL, 200, "dedibox.ListIPv6BlocksResponse"));
	expect_error(t, SBT_SCW, "POST", "/dedibox/v1/ipv6-block", "{}", 409, "already_exists");
	char path[128];
	snprintf(path, sizeof path, "/dedibox/v1/ipv6-blocks/%lld", (long long)json_integer_value(json_object_get(b, "id")));
	json_decref(expect(t, "PATCH", path, "{\"nameservers\":[\"a.example.com\",\"b.example.com\"]}", 200, "dedibox.IPv6Block"));
	expect_error(t, SBT_SCW, "DELETE", path, NULL, 412, "precondition_failed");
	strncat(path, "/subnets", sizeof path - strlen(path) - 1);
	json_t *av = expect(t, "GET", path, NULL, 200, "dedibox.ListIPv6BlockSubnetsAvailableResponse");
	char body[160];
	snprintf(body, sizeof body, "{\"address\":\"%s\",\"cidr\":56}",
		 json_string_value(json_object_get(json_array_get(json_object_get(av, "subnet_availables"), 0), "address")));
	json_decref(expect(t, "POST", path, body, 200, "dedibox.IPv6Block"));
	json_decref(av);
	json_decref(b);
}

static void sample_rpn(struct sbt *t)
{
	json_t *g = expect(t, "GET", "/dedibox/v1/rpnv1/groups", NULL, 200, "dedibox.ListRpnGroupsResponse");
	char path[160];
	json_int_t id = json_integer_value(json_object_get(json_array_get(json_object_get(g, "rpn_groups"), 0), "id"));
	json_decref(g);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv1/groups/%lld", (long long)id);
	json_decref(expect(t, "GET", path, NULL, 200, "dedibox.RpnGroup"));
	strncat(path, "/members", sizeof path - strlen(path) - 1);
	json_decref(expect(t, "GET", path, NULL, 200, "dedibox.ListRpnGroupMembersResponse"));
	json_decref(expect(t, "GET", "/dedibox/v1/rpnv1/capable-servers?page_size=5", NULL, 200, "dedibox.ListRpnCapableServersResponse"));
	json_decref(expect(t, "GET", "/dedibox/v1/rpnv1/invites", NULL, 200, "dedibox.ListRpnInvitesResponse"));
	g = expect(t, "GET", "/dedibox/v1/rpnv2/groups", NULL, 200, "dedibox.ListRpnV2GroupsResponse");
	id = json_integer_value(json_object_get(json_array_get(json_object_get(g, "rpn_groups"), 0), "id"));
	json_decref(g);
	snprintf(path, sizeof path, "/dedibox/v1/rpnv2/groups/%lld", (long long)id);
	json_decref(expect(t, "PATCH", path, "{\"name\":\"renamed\"}", 200, "dedibox.RpnV2Group"));
	json_decref(expect(t, "GET", path, NULL, 200, "dedibox.RpnV2Group"));
	snprintf(path, sizeof path, "/dedibox/v1/rpnv2/groups/%lld/members", (long long)id);
	json_decref(expect(t, "GET", path, NULL, 200, "dedibox.ListRpnV2MembersResponse"));
	snprintf(path, sizeof path, "/dedibox/v1/rpnv2/groups/%lld/logs", (long long)id);
	json_decref(expect(t, "GET", path, NULL, 200, "dedibox.ListRpnV2GroupLogsResponse"));
	json_decref(expect(t, "GET", "/dedibox/v1/rpnv2/groups/capable?page_size=5", NULL, 200, "dedibox.ListRpnV2CapableResourcesResponse"));
	json_t *c = expect(t, "GET", "/dedibox/v1/rpnv2/groups/capable?page_size=1", NULL, 200, "dedibox.ListRpnV2CapableResourcesResponse");
	char body[128];
	snprintf(body, sizeof body, "{\"name\":\"c\",\"servers\":[%lld]}",
		 (long long)json_integer_value(json_object_get(json_array_get(json_object_get(c, "servers"), 0), "id")));
	json_decref(c);
	json_decref(expect(t, "POST", "/dedibox/v1/rpnv2/groups", body, 200, "dedibox.RpnV2Group"));
	json_decref(expect(t, "POST", "/dedibox/v1/rpnv1/groups", "{\"name\":\"v1\"}", 200, "dedibox.RpnGroup"));
	json_decref(expect(t, "GET", "/dedibox/v1/rpn/server-capabilities?page_size=20", NULL, 200, "dedibox.ListRpnServerCapabilitiesResponse"));
	json_decref(expect(t, "GET", "/dedibox/v1/rpn/status", NULL, 200, "dedibox.GetRpnStatusResponse"));
	json_t *sans = expect(t, "GET", "/dedibox/v1/rpn-sans", NULL, 200, "dedibox.ListRpnSansResponse");
	snprintf(path, sizeof path, "/dedibox/v1/rpn-sans/%lld",
		 (long long)json_integer_value(json_object_get(json_array_get(json_object_get(sans, "rpn_sans"), 0), "id")));
	json_decref(sans);
	json_decref(expect(t, "GET", path, NULL, 200, "dedibox.RpnSan"));
	strncat(path, "/ips", sizeof path - strlen(path) - 1);
	json_decref(expect(t, "GET", path, NULL, 200, "dedibox.ListIpsResponse"));
	json_decref(expect(t, "GET", "/dedibox/v1/rpnv1/capable-san-servers", NULL, 200, "dedibox.ListRpnCapableSanServersResponse"));
	json_decref(expect(t, "POST", "/dedibox/v1/rpn-sans", "{\"offer_id\":4040}", 200, "dedibox.RpnSan"));
}

static void sample_order(struct sbt *t)
{
	json_t *l = expect(t, "GET", "/dedibox/v1/zones/fr-par-1/offers?page_size=100", NULL, 200, "dedibox.ListOffersResponse");
	json_int_t ok = 0, empty = 0;
	const json_t *of;
	size_t i;
	json_array_foreach(json_object_get(l, "offers"), i, of) {
		const char *st = json_string_value(json_object_get(json_object_get(json_object_get(of, "server_info"),
								       "stock_by_datacenter"), "DC3"));
		if (st && !strcmp(st, "available") && !ok)
			ok = json_integer_value(json_object_get(of, "id"));
		if (st && !strcmp(st, "empty") && !empty)
			empty = json_integer_value(json_object_get(of, "id"));
	}
	json_decref(l);
	char path[128], body[128];
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/offers/%lld", (long long)ok);
	json_decref(expect(t, "GET", path, NULL, 200, "dedibox.Offer"));
	json_decref(expect(t, "GET", "/dedibox/v1/zones/fr-par-1/offers/4030", NULL, 200, "dedibox.Offer"));
	json_decref(expect(t, "GET", "/dedibox/v1/zones/fr-par-1/remaining-quota", NULL, 200, "dedibox.GetRemainingQuotaResponse"));
	snprintf(body, sizeof body, "{\"offer_id\":%lld}", (long long)ok);
	json_t *svc = expect(t, "POST", "/dedibox/v1/zones/fr-par-1/servers", body, 200, "dedibox.Service");
	json_int_t new_server = json_integer_value(json_object_get(svc, "resource_id"));
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/ordered-services/%lld",
		 (long long)json_integer_value(json_object_get(svc, "id")));
	json_decref(svc);
	json_decref(expect(t, "GET", path, NULL, 200, "dedibox.Service"));
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld/subscribe-storage-options", (long long)new_server);
	json_decref(expect(t, "POST", path, "{\"options_ids\":[4002]}", 200, "dedibox.SubscribeStorageOptionsResponse"));
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld/subscribe-server-option", (long long)new_server);
	json_decref(expect(t, "PATCH", path, "{\"option_id\":4050}", 200, "dedibox.Service"));
	snprintf(body, sizeof body, "{\"offer_id\":%lld}", (long long)empty);
	expect_error(t, SBT_SCW, "POST", "/dedibox/v1/zones/fr-par-1/servers", body, 409, "out_of_stock");
	json_decref(expect(t, "POST", "/dedibox/v1/zones/fr-par-1/failover-ips", "{\"offer_id\":4030,\"quantity\":1}", 200,
			   "dedibox.CreateFailoverIPsResponse"));
	json_decref(expect(t, "GET", "/dedibox/v1/zones/fr-par-1/services?page_size=100", NULL, 200, "dedibox.ListServicesResponse"));
}

/* Every method and path of the SDK is routed: no "route not found", no
 * 405 (tests/data/sdk-routes.txt). Ids are placeholders, so 4xx is fine. */
static void sample_routes(struct sbt *t)
{
	FILE *f = open_data("sdk-routes.txt");
	char line[512], missing[1024] = "";
	int n = 0, bad = 0;
	while (fgets(line, sizeof line, f)) {
		char method[16], tmpl[400], path[400];
		if (line[0] == '#' || sscanf(line, "%15s %399s", method, tmpl) != 2)
			continue;
		size_t o = 0;
		for (const char *p = tmpl; *p && o < sizeof path - 16; p++) {
			if (*p != '{') {
				path[o++] = *p;
				continue;
			}
			const char *end = strchr(p, '}');
			if (!end)
				break;
			o += (size_t)snprintf(path + o, sizeof path - o, "%s", !strncmp(p, "{zone}", 6) ? "fr-par-1" : "1");
			p = end;
		}
		path[o] = '\0';
		struct sbt_resp r;
		sbt_req(t, SBT_SCW, method, path, strcmp(method, "GET") ? "{}" : NULL, NULL, &r);
		const char *msg = json_string_value(json_object_get(r.json, "message"));
		if (r.status == 405 || (r.status == 404 && msg && !strcmp(msg, "route not found")) || !r.status) {
			bad++;
			size_t l = strlen(missing);
			snprintf(missing + l, sizeof missing - l, " %s %s", method, path);
		}
		n++;
		sbt_resp_free(&r);
	}
	fclose(f);
	t_ok(n > 100 && bad == 0, "all %d SDK routes are served%s%s", n, bad ? "; missing:" : "", missing);
}

int main(void)
{
	load();
	t_ok(nfields > 500 && nenums > 80, "loaded %zu fields and %zu enums from tests/data", nfields, nenums);

	struct dd_sandbox_opts o = { .seed = 7, .servers = 40, .servers_set = 1 };
	struct sbt *t = sbt_start(&o);
	sample_world(t, 0);
	sample_routes(t);
	sample_actions(t);
	sample_billing(t);
	sample_ipv6(t);
	sample_rpn(t);
	sample_order(t);

	/* mutations answer the same types */
	struct sbt_resp r;
	sbt_get(t, "/dedibox/v1/zones/fr-par-1/servers?page_size=1", &r);
	json_int_t id = json_integer_value(json_object_get(json_array_get(json_object_get(r.json, "servers"), 0), "id"));
	json_int_t ip_id = json_integer_value(json_object_get(json_array_get(json_object_get(
		json_array_get(json_object_get(json_array_get(json_object_get(r.json, "servers"), 0), "interfaces"), 0),
		"ips"), 0), "ip_id"));
	sbt_resp_free(&r);
	char path[256];
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld", (long long)id);
	json_decref(expect(t, "PATCH", path, "{\"hostname\":\"contract-test\",\"enable_ipv6\":true}", 200, "dedibox.Server"));
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld/tags", (long long)id);
	json_decref(expect(t, "POST", path, "{\"tags\":[\"a\",\"b\"]}", 200, "dedibox.Server"));
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld/backups", (long long)id);
	json_decref(expect(t, "PATCH", path, "{\"password\":\"correct-horse\",\"autologin\":true}", 200, "dedibox.Backup"));
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/reverses/%lld", (long long)ip_id);
	json_decref(expect(t, "PATCH", path, "{\"reverse\":\"www.example.com.\"}", 200, "dedibox.IP"));

	/* IAM: the key and its user; never the secret */
	json_t *key = expect(t, "GET", "/iam/v1alpha1/api-keys/" DD_SANDBOX_ACCESS_KEY, NULL, 200, "iam.APIKey");
	const char *secret = json_string_value(json_object_get(key, "secret_key"));
	t_ok(!secret, "the API key answer carries no secret");
	char user[64];
	snprintf(user, sizeof user, "/iam/v1alpha1/users/%s", json_string_value(json_object_get(key, "user_id")));
	json_t *u = expect(t, "GET", user, NULL, 200, "iam.User");
	t_ok(u && strcmp(json_string_value(json_object_get(u, "type")), "owner") == 0, "the demo user is the Organization's owner");
	json_decref(u);
	json_decref(key);
	sbt_req(t, SBT_SCW, "GET", "/iam/v1alpha1/api-keys/" DD_SANDBOX_ACCESS_KEY, NULL, NULL, &r);
	t_ok(r.body && !strstr(r.body, DD_SANDBOX_SECRET_KEY), "the secret key never appears in a body");
	sbt_resp_free(&r);

	/* error bodies */
	expect_error(t, SBT_NONE, "GET", "/dedibox/v1/zones/fr-par-1/servers", NULL, 401, "denied_authentication");
	expect_error(t, SBT_SCW, "GET", "/dedibox/v1/zones/fr-par-1/servers?page_size=0", NULL, 400, "invalid_arguments");
	expect_error(t, SBT_SCW, "GET", "/dedibox/v1/zones/fr-par-1/servers?page=x", NULL, 400, "invalid_arguments");
	expect_error(t, SBT_SCW, "GET", "/dedibox/v1/zones/fr-par-1/servers?order_by=name", NULL, 400, "invalid_arguments");
	expect_error(t, SBT_SCW, "GET", "/dedibox/v1/zones/xx-yyy-1/servers", NULL, 400, "invalid_arguments");
	expect_error(t, SBT_SCW, "GET", "/dedibox/v1/zones/fr-par-1/servers/1", NULL, 404, "not_found");
	expect_error(t, SBT_SCW, "GET", "/dedibox/v1/zones/fr-par-1/failover-ips/5", NULL, 404, "not_found");
	expect_error(t, SBT_SCW, "GET", "/iam/v1alpha1/users/33333333-3333-4333-8333-333333333333", NULL, 404, "not_found");
	expect_error(t, SBT_SCW, "PATCH", path, "{\"reverse\":\"not a name\"}", 400, "invalid_arguments");
	expect_error(t, SBT_SCW, "PATCH", path, "{nope", 400, "invalid_arguments");
	sbt_stop(t);

	/* the hostile world sends the same shapes */
	o.hostile = 1;
	o.servers = 64;
	t = sbt_start(&o);
	sample_world(t, 1);
	sbt_stop(t);

	for (size_t i = 0; i < nenums; i++)
		free(enums[i].values);
	free(enums);
	free(fields);
	return t_done();
}
