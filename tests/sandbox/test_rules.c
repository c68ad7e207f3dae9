/* The sandbox and the client apply one copy of the rules (core/librules):
 * for each name, address and price below the sandbox accepts exactly what
 * core's function accepts. A sandbox with its own copy of a rule that
 * drifts fails here. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/names.h"
#include "core/netcalc.h"
#include "sandbox/dedibox_json.h"
#include "sandbox/world.h"
#include "tests/sandbox/sbtest.h"

#define FORM "application/x-www-form-urlencoded"

static const char *str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static const char *bad_argument(const json_t *err)
{
	return str(json_array_get(json_object_get(err, "details"), 0), "argument_name");
}

/* Names that sit on each edge of the rule; all valid UTF-8 so that JSON
 * carries them (raw bytes go through the Online form below). */
static const char *const names[] = {
	"web-01", "web-01.example.com", "UPPER.Case", "1234", "a", "bad_name", "-web", "web-",
	"a..b", "web.", ".web", "a.-b.c", "a-.b", "caf\xc3\xa9", "caf\xc3\xa9.example.com",
	"w\xe4\xb8\xad.example", "with space", "localhost.", "example.com..", "tab\there",
};

static void long_names(char *l63, char *l64, char *n253, char *n254)
{
	memset(l63, 'a', 63), l63[63] = 0;
	memset(l64, 'b', 64), l64[64] = 0;
	/* 4 labels of 62 and one of 1: 4 * 63 + 1 = 253 */
	for (int i = 0; i < 4; i++) {
		memset(n253 + 63 * i, 'c', 62);
		n253[63 * i + 62] = '.';
	}
	n253[252] = 'x', n253[253] = 0;
	snprintf(n254, 256, "%sy", n253);
}

static long patch_json(struct sbt *t, const char *path, const char *key, const char *value,
		       struct sbt_resp *r)
{
	json_t *o = json_pack("{s:s}", key, value);
	char *body = json_dumps(o, 0);
	long st = sbt_req(t, SBT_SCW, "PATCH", path, body, NULL, r);
	free(body);
	json_decref(o);
	return st;
}

static void hostnames(struct sbt *t, const char *path, const char *online_path,
		      const char *const *list, size_t n)
{
	struct sbt_resp r;
	for (size_t i = 0; i < n; i++) {
		int core_ok = dd_check_hostname(list[i], NULL) == 0;
		long st = patch_json(t, path, "hostname", list[i], &r);
		int refused = st == 400 && !strcmp(bad_argument(r.json), "hostname");
		t_ok(core_ok ? st == 200 : refused, "Scaleway hostname \"%.40s\" (%zu bytes): core %s, sandbox %ld",
		     list[i], strlen(list[i]), core_ok ? "accepts" : "refuses", st);
		sbt_resp_free(&r);

		char *esc = curl_easy_escape(NULL, list[i], 0), body[1024];
		snprintf(body, sizeof body, "hostname=%s", esc);
		curl_free(esc);
		st = sbt_req(t, SBT_ONLINE, "PUT", online_path, body, FORM, &r);
		t_ok(core_ok ? st == 200 : st == 400, "Online hostname \"%.40s\": core %s, sandbox %ld", list[i],
		     core_ok ? "accepts" : "refuses", st);
		sbt_resp_free(&r);
	}
}

static void reverses(struct sbt *t, const char *path, const char *const *list, size_t n)
{
	struct sbt_resp r;
	for (size_t i = 0; i < n; i++) {
		int core_ok = dd_check_reverse(list[i], NULL) == 0;
		long st = patch_json(t, path, "reverse", list[i], &r);
		t_ok(core_ok ? st == 200 : st == 400 && !strcmp(bad_argument(r.json), "reverse"),
		     "reverse \"%.40s\": core %s, sandbox %ld", list[i], core_ok ? "accepts" : "refuses", st);
		sbt_resp_free(&r);
	}
}

static void nameservers(struct sbt *t, const char *path, const char *const *list, size_t n)
{
	struct sbt_resp r;
	for (size_t i = 0; i < n; i++) {
		int core_ok = dd_check_fqdn("name server", list[i], NULL) == 0;
		json_t *o = json_pack("{s:[s,s]}", "nameservers", list[i], "ns9.example.net");
		char *body = json_dumps(o, 0);
		long st = sbt_req(t, SBT_SCW, "PATCH", path, body, NULL, &r);
		t_ok(core_ok ? st == 200 : st == 400, "name server \"%.40s\": core %s, sandbox %ld", list[i],
		     core_ok ? "accepts" : "refuses", st);
		free(body);
		json_decref(o);
		sbt_resp_free(&r);
	}
}

/* Online takes raw bytes: the high half is never a letter, in any locale. */
static void raw_bytes(struct sbt *t, const char *online_path)
{
	struct sbt_resp r;
	int agree = 0, refused = 0;
	for (unsigned c = 0x80; c <= 0xff; c++) {
		char name[8] = { 'a', (char)c, 'b', 0 }, body[32];
		int core_ok = dd_check_hostname(name, NULL) == 0;
		snprintf(body, sizeof body, "hostname=a%%%02Xb", c);
		long st = sbt_req(t, SBT_ONLINE, "PUT", online_path, body, FORM, &r);
		agree += core_ok ? st == 200 : st == 400;
		refused += !core_ok && st == 400;
		sbt_resp_free(&r);
	}
	t_ok(agree == 128 && refused == 128, "bytes 0x80-0xff in a host name: core and sandbox refuse all (%d/128)",
	     refused);
}

static json_int_t ready_server(struct sbt *t, json_int_t *ip_id)
{
	struct sbt_resp r;
	json_int_t id = 0;
	sbt_get(t, "/dedibox/v1/zones/fr-par-1/servers?page_size=50", &r);
	const json_t *list = json_object_get(r.json, "servers");
	for (size_t i = 0; i < json_array_size(list) && !id; i++) {
		const json_t *s = json_array_get(list, i);
		char path[96];
		struct sbt_resp p;
		snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld",
			 (long long)json_integer_value(json_object_get(s, "id")));
		if (patch_json(t, path, "hostname", "probe", &p) == 200) {
			id = json_integer_value(json_object_get(s, "id"));
			*ip_id = json_integer_value(json_object_get(json_array_get(json_object_get(
				json_array_get(json_object_get(s, "interfaces"), 0), "ips"), 0), "ip_id"));
		}
		sbt_resp_free(&p);
	}
	sbt_resp_free(&r);
	return id;
}

/* What netcalc says of "addr/56" in block: aligned and inside, or not. */
static int netcalc_ok(const struct dd_prefix *block, const char *addr)
{
	struct dd_addr a;
	struct dd_prefix p;
	return dd_addr_parse(addr, DD_IPV6, &a, NULL) == 0 && dd_prefix_make(&a, 56, &p, NULL) == 0 &&
	       dd_addr_equal(&p.addr, &a) && dd_prefix_within(&p, block);
}

static void ipv6(struct sbt *t)
{
	struct sbt_resp r;
	char path[96], body[160], text[6][DD_ADDR_STRLEN];
	struct dd_prefix block, sub;

	sbt_get(t, "/dedibox/v1/ipv6-block", &r);
	json_int_t id = json_integer_value(json_object_get(r.json, "id"));
	snprintf(body, sizeof body, "%s/%lld", str(r.json, "address"),
		 (long long)json_integer_value(json_object_get(r.json, "cidr")));
	sbt_resp_free(&r);
	t_ok(dd_prefix_parse(body, DD_IPV6, DD_PREFIX_STRICT, &block, NULL) == 0 && block.len == 48,
	     "the /48 (%s) parses with netcalc", body);

	snprintf(path, sizeof path, "/dedibox/v1/ipv6-blocks/%lld/subnets", (long long)id);
	sbt_get(t, path, &r);
	const json_t *av = json_object_get(r.json, "subnet_availables");
	size_t good = 0;
	for (size_t i = 0; i < json_array_size(av); i++) {
		char cidr[64];
		struct dd_prefix p;
		uint64_t k;
		snprintf(cidr, sizeof cidr, "%s/56", str(json_array_get(av, i), "address"));
		good += dd_prefix_parse(cidr, DD_IPV6, DD_PREFIX_STRICT, &p, NULL) == 0 &&
			dd_prefix_subnet_index(&block, &p, &k, NULL) == 0 && k < 256;
	}
	t_ok(json_array_size(av) > 0 && good == json_array_size(av),
	     "every free /56 listed is an aligned subnet of the /48 for netcalc (%zu/%zu)", good,
	     json_array_size(av));
	sbt_resp_free(&r);

	/* candidates: the last /56, its address with a host bit, the next /48,
	 * a documentation prefix, an IPv4-mapped address, a /64 boundary */
	struct dd_addr a;
	dd_prefix_subnet(&block, 56, 255, &sub, NULL);
	dd_addr_format(&sub.addr, text[0], sizeof text[0]);
	a = sub.addr;
	a.b[7] |= 1;
	dd_addr_format(&a, text[1], sizeof text[1]);
	a = block.addr;
	a.b[5] ^= 1;
	dd_addr_format(&a, text[2], sizeof text[2]);
	snprintf(text[3], sizeof text[3], "2001:db8::");
	snprintf(text[4], sizeof text[4], "::ffff:192.0.2.1");
	a = sub.addr;
	a.b[8] = 0x80;
	dd_addr_format(&a, text[5], sizeof text[5]);
	for (int i = 5; i >= 0; i--) {
		int ok = netcalc_ok(&block, text[i]);
		snprintf(body, sizeof body, "{\"address\":\"%s\",\"cidr\":56}", text[i]);
		long st = sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
		int refused = st == 400 && !strcmp(bad_argument(r.json), "address");
		t_ok(ok ? st == 200 : refused, "a /56 at %s: netcalc says %s, sandbox %ld", text[i],
		     ok ? "inside and aligned" : "no", st);
		sbt_resp_free(&r);
	}
}

static void ipv4(struct sbt *t)
{
	static const char *const addrs[] = { "192.0.2.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "256.1.1.1",
					     "1.2.3.4 ", "0x1.2.3.4", "::1" };
	struct sbt_resp r;
	for (size_t i = 0; i < sizeof addrs / sizeof *addrs; i++) {
		struct dd_addr a;
		int ok = dd_addr_parse(addrs[i], DD_IPV4, &a, NULL) == 0;
		char *esc = curl_easy_escape(NULL, addrs[i], 0), body[160];
		snprintf(body, sizeof body, "address=%s&reverse=x.example.com.", esc);
		curl_free(esc);
		long st = sbt_req(t, SBT_ONLINE, "POST", "/api/v1/server/ip/edit", body, FORM, &r);
		/* an unknown but well-formed address is a 404 */
		t_ok(ok ? st == 404 : st == 400, "IPv4 \"%s\": netcalc %s, sandbox %ld", addrs[i],
		     ok ? "parses" : "refuses", st);
		sbt_resp_free(&r);
	}
}

static void money(void)
{
	/* truncation would give 1234, 99 and -1234 */
	t_ok(dd_sb_price_cents(12, 345000000) == 1235 && dd_sb_price_cents(0, 995000000) == 100 &&
	     dd_sb_price_cents(0, 994999999) == 99,
	     "the sandbox's prices round half away from zero, as core shows them");
	json_t *m = dd_sb_money_json(-350);
	struct dd_money back = { "EUR", json_integer_value(json_object_get(m, "units")),
				 (int32_t)json_integer_value(json_object_get(m, "nanos")) };
	t_ok(back.units == -3 && back.nanos == -500000000 && dd_money_cents(&back) == -350,
	     "a money object of -3.50 EUR reads back as -350 cents");
	json_decref(m);
}

int main(void)
{
	struct dd_sandbox_opts o = { .seed = 61, .servers = 12, .servers_set = 1 };
	struct sbt *t = sbt_start(&o);
	char l63[64], l64[65], n253[256], n254[256], path[96], online[64];
	json_int_t ip_id = 0, id = ready_server(t, &ip_id);

	t_ok(id > 0 && ip_id > 0, "a server that takes a new host name, and its IP");
	long_names(l63, l64, n253, n254);
	const char *const edges[] = { l63, l64, n253, n254 };

	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld", (long long)id);
	snprintf(online, sizeof online, "/api/v1/server/%lld", (long long)id);
	hostnames(t, path, online, names, sizeof names / sizeof *names);
	hostnames(t, path, online, edges, 4);
	raw_bytes(t, online);

	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/reverses/%lld", (long long)ip_id);
	reverses(t, path, names, sizeof names / sizeof *names);
	t_ok(dd_check_reverse("localhost", NULL) < 0, "\"localhost\" is no reverse for core (nor, above, for the sandbox)");

	struct sbt_resp r;
	sbt_get(t, "/dedibox/v1/ipv6-block", &r);
	snprintf(path, sizeof path, "/dedibox/v1/ipv6-blocks/%lld",
		 (long long)json_integer_value(json_object_get(r.json, "id")));
	sbt_resp_free(&r);
	nameservers(t, path, names, sizeof names / sizeof *names);

	ipv6(t);
	ipv4(t);
	money();
	sbt_stop(t);
	return t_done();
}
