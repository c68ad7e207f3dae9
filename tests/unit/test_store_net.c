/* The network collections of the store (IPv6 blocks, RPN v1 and v2
 * groups) against an in-process sandbox: empty, loading, fresh with the
 * sandbox's world; a failed refresh keeps the data (stale); one
 * notification per change of the right kind; an Online-only profile is
 * told why, never shown an empty list; the decoders on hand-written JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/account.h"
#include "core/net_load.h"
#include "core/request.h"
#include "core/scw_dedibox_net.h"
#include "core/store.h"
#include "core/text.h"
#include "sandbox/sandbox.h"

struct done {
	int called;
	struct dd_error err;
};

static void on_done(void *ud, const struct dd_error *err)
{
	struct done *d = ud;
	d->called++;
	d->err = *err;
}

struct heard {
	int n[DD_KIND__N];
	int whole;
};

static void on_change(void *ud, enum dd_kind kind, int64_t id)
{
	struct heard *h = ud;
	h->n[kind]++;
	h->whole += id == 0;
}

static struct dd_account *account_for(const struct dd_sandbox *sb, bool scw, bool online)
{
	struct dd_creds *c = dd_creds_new();

	assert_non_null(c);
	if (scw)
		snprintf(c->secret_key, sizeof(c->secret_key), "%s", DD_SANDBOX_SECRET_KEY);
	if (online)
		snprintf(c->online_token, sizeof(c->online_token), "%s", DD_SANDBOX_ONLINE_TOKEN);
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", dd_sandbox_url(sb));
	snprintf(c->online_api_url, sizeof(c->online_api_url), "%s/api/v1", dd_sandbox_url(sb));
	return dd_account_new(c);
}

typedef int (*load_fn)(struct dd_account *, struct dd_http *, dd_done_fn, void *,
		       struct dd_error *);

/* Runs one load through empty → loading → fresh, with two notifications
 * of kind and none of any other. */
static void load_fresh(struct dd_account *a, struct dd_http *h, struct heard *hd, load_fn fn,
		       enum dd_kind kind)
{
	const struct dd_coll *m = dd_store_meta(dd_account_store(a), kind);
	struct done d = { 0 };
	int before = hd->n[kind];

	assert_int_equal(m->state, DD_COLL_EMPTY);
	assert_int_equal(fn(a, h, on_done, &d, NULL), 0);
	assert_int_equal(m->state, DD_COLL_LOADING);
	assert_int_equal(hd->n[kind], before + 1);
	dd_http_run(h);
	assert_int_equal(d.called, 1);
	if (d.err.kind != DD_OK)
		fail_msg("%s", d.err.message);
	assert_int_equal(m->state, DD_COLL_FRESH);
	assert_true(m->fetched_at > 0);
	assert_int_equal(hd->n[kind], before + 2);
}

static const struct dd_server *server_of(const struct dd_store *st, int64_t id)
{
	const struct dd_server *s = dd_store_server(st, id);

	assert_non_null(s);
	return s;
}

static void test_world_fresh_then_stale(void **state)
{
	struct dd_sandbox_opts o = { .seed = 3, .servers = 24, .servers_set = 1 };
	char msg[200], want[64];
	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a;
	const struct dd_store *st;
	struct heard hd = { 0 };
	struct done d = { 0 };

	(void)state;
	assert_non_null(sb);
	a = account_for(sb, true, true);
	st = dd_account_store(a);
	dd_account_set_notify(a, on_change, &hd);
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
	dd_http_run(h);
	assert_int_equal(dd_store_servers(st)->n, 24);
	memset(&hd, 0, sizeof(hd));

	/* IPv6: the world's /48 with two /56 and a /64 carved in the first. */
	load_fresh(a, h, &hd, dd_account_load_ipv6, DD_KIND_IPV6);
	const struct dd_ipv6_list *v6 = dd_store_ipv6(st);
	assert_int_equal(v6->n, 1);
	const struct dd_ipv6_block *b = &v6->v[0];
	assert_int_equal(b->cidr, 48);
	assert_true(b->id > 0);
	assert_int_equal(strncmp(b->address, "2001:bc8:", 9), 0);
	assert_string_equal(b->address + strlen(b->address) - 2, "::");
	assert_string_equal(b->delegation, "done");
	assert_true(strncmp(b->duid, "00:03:00:01:", 12) == 0);
	/* "2001:bc8:XXXX::" → the subnets are XXXX:100::, XXXX:101::, XXXX:200:: */
	char base[32];
	snprintf(base, sizeof(base), "%.*s", (int)(strlen(b->address) - 2), b->address);
	assert_int_equal(b->n_subnets, 3);
	snprintf(want, sizeof(want), "%s:100::", base);
	assert_string_equal(b->subnets[0].address, want);
	assert_int_equal(b->subnets[0].cidr, 56);
	assert_int_equal(b->subnets[0].parent_id, b->id);
	snprintf(want, sizeof(want), "%s:101::", base);
	assert_string_equal(b->subnets[1].address, want);
	assert_int_equal(b->subnets[1].cidr, 64);
	assert_int_equal(b->subnets[1].parent_id, b->subnets[0].id); /* depth first */
	snprintf(want, sizeof(want), "%s:200::", base);
	assert_string_equal(b->subnets[2].address, want);
	assert_int_equal(b->subnets[2].parent_id, b->id);
	/* Free /56s: 256 less the two carved, from the block's first. */
	assert_int_equal(b->n_free, 254);
	assert_string_equal(b->free[0].address, b->address);
	snprintf(want, sizeof(want), "%s:300::", base);
	assert_string_equal(b->free[1].address, want);
	assert_int_equal(b->free[1].cidr, 56);
	/* Quotas: one /48, a /56 per server. */
	assert_int_equal(v6->n_quotas, 3);
	assert_int_equal(v6->quotas[0].cidr, 48);
	assert_int_equal(v6->quotas[0].quota, 1);
	assert_int_equal(v6->quotas[1].cidr, 56);
	assert_int_equal(v6->quotas[1].quota, 24);

	/* RPN v1: "backend" and its three servers of the fleet. */
	load_fresh(a, h, &hd, dd_account_load_rpnv1, DD_KIND_RPNV1);
	const struct dd_rpn_list *r1 = dd_store_rpnv1(st);
	assert_int_equal(r1->n, 1);
	assert_string_equal(r1->v[0].name, "backend");
	assert_string_equal(r1->v[0].type, "local");
	assert_string_equal(r1->v[0].status, "active");
	assert_int_equal(r1->v[0].members_count, 3);
	assert_int_equal(r1->v[0].n_members, 3);
	for (size_t i = 0; i < 3; i++) {
		const struct dd_rpn_member *mb = &r1->v[0].members[i];
		assert_string_equal(mb->status, "active");
		assert_string_equal(mb->hostname, server_of(st, mb->server_id)->hostname);
	}

	/* RPN v2: "private-lan", standard, three other servers with a VLAN. */
	load_fresh(a, h, &hd, dd_account_load_rpnv2, DD_KIND_RPNV2);
	const struct dd_rpn_list *r2 = dd_store_rpnv2(st);
	assert_int_equal(r2->n, 1);
	assert_string_equal(r2->v[0].name, "private-lan");
	assert_string_equal(r2->v[0].type, "standard");
	assert_string_equal(r2->v[0].status, "active");
	assert_int_equal(strncmp(r2->v[0].subnet, "10.200.", 7), 0);
	assert_int_equal(r2->v[0].subnet_cidr, 24);
	assert_int_equal(r2->v[0].n_members, 3);
	for (size_t i = 0; i < 3; i++) {
		const struct dd_rpn_member *mb = &r2->v[0].members[i];
		assert_true(mb->vlan[0] != '\0');
		assert_string_equal(mb->hostname, server_of(st, mb->server_id)->hostname);
		for (size_t k = 0; k < 3; k++)
			assert_true(mb->server_id != r1->v[0].members[k].server_id);
	}
	assert_int_equal(hd.n[DD_KIND_SERVERS] + hd.n[DD_KIND_FAILOVERS], 0);
	assert_int_equal(hd.whole, 6);

	/* The sandbox goes away: every refresh fails, the data stays. */
	dd_sandbox_stop(sb);
	static const enum dd_kind kinds[3] = { DD_KIND_IPV6, DD_KIND_RPNV1, DD_KIND_RPNV2 };
	static const load_fn fns[3] = { dd_account_load_ipv6, dd_account_load_rpnv1,
					dd_account_load_rpnv2 };
	for (int k = 0; k < 3; k++) {
		const struct dd_coll *m = dd_store_meta(st, kinds[k]);
		time_t at = m->fetched_at;
		struct dd_error e;

		memset(&d, 0, sizeof(d));
		assert_int_equal(fns[k](a, h, on_done, &d, NULL), 0);
		assert_int_equal(m->state, DD_COLL_LOADING);
		/* One at a time: a second load is refused and changes nothing. */
		assert_int_equal(fns[k](a, h, on_done, &d, &e), -1);
		assert_int_equal(e.kind, DD_E_USAGE);
		assert_int_equal(hd.n[kinds[k]], 3);
		dd_http_run(h);
		assert_int_equal(d.called, 1);
		assert_int_equal(d.err.kind, DD_E_NETWORK);
		assert_int_equal(m->state, DD_COLL_STALE);
		assert_int_equal(m->error.kind, DD_E_NETWORK);
		assert_int_equal(m->fetched_at, at);
		assert_int_equal(hd.n[kinds[k]], 4);
	}
	assert_int_equal(dd_store_ipv6(st)->v[0].n_subnets, 3);
	assert_string_equal(dd_store_rpnv1(st)->v[0].name, "backend");
	assert_int_equal(dd_store_rpnv2(st)->v[0].n_members, 3);
	dd_account_free(a);
	dd_http_free(h);
}

/* An Online-only profile: IPv6 says why it holds nothing (no Online
 * endpoint); RPN is read from Online's /rpn routes. */
static void test_online_only(void **state)
{
	struct dd_sandbox_opts o = { .seed = 3, .servers = 16, .servers_set = 1 };
	char msg[200];
	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a = account_for(sb, false, true);
	const struct dd_store *st = dd_account_store(a);
	struct heard hd = { 0 };
	struct dd_error e;

	(void)state;
	dd_account_set_notify(a, on_change, &hd);
	assert_int_equal(dd_account_load_ipv6(a, h, NULL, NULL, &e), -1);
	assert_non_null(strstr(e.message, "Online API has no IPv6"));
	assert_int_equal(dd_store_meta(st, DD_KIND_IPV6)->state, DD_COLL_ERROR);
	assert_string_equal(dd_store_meta(st, DD_KIND_IPV6)->error.message, e.message);
	assert_int_equal(hd.n[DD_KIND_IPV6], 1);
	assert_int_equal(dd_http_in_flight(h), 0); /* nothing was asked */
	/* RPN comes from Online's own routes (/rpn/v2, /rpn/group) */
	load_fresh(a, h, &hd, dd_account_load_rpnv2, DD_KIND_RPNV2);
	const struct dd_rpn_list *r2 = dd_store_rpnv2(st);
	assert_int_equal(r2->n, 1);
	assert_string_equal(r2->v[0].name, "private-lan");
	assert_string_equal(r2->v[0].type, "standard");
	assert_string_equal(r2->v[0].status, "active");
	assert_int_equal(r2->v[0].n_members, 3);
	assert_string_equal(r2->v[0].members[0].vlan, "3900");
	assert_true(r2->v[0].members[0].server_id > 0);
	load_fresh(a, h, &hd, dd_account_load_rpnv1, DD_KIND_RPNV1);
	const struct dd_rpn_list *r1 = dd_store_rpnv1(st);
	/* another account's group is not this one's before it accepts */
	assert_int_equal(r1->n, 1);
	assert_string_equal(r1->v[0].name, "backend");
	assert_int_equal(r1->n_invites, 0);
	dd_account_free(a);
	dd_http_free(h);
	dd_sandbox_stop(sb);
}

static bool clean(const char *s)
{
	char *c = dd_text_clean(s, strlen(s));
	bool same = c && strcmp(c, s) == 0;

	free(c);
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return same;
}

/* The hostile world names its groups with escape sequences and bidi
 * overrides: they reach the store sanitized. */
static void test_hostile_names_sanitized(void **state)
{
	struct dd_sandbox_opts o = { .seed = 3, .servers = 12, .servers_set = 1, .hostile = 1 };
	char msg[200];
	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a = account_for(sb, true, false);
	const struct dd_store *st = dd_account_store(a);
	struct done d = { 0 };

	(void)state;
	assert_int_equal(dd_account_load_rpnv1(a, h, on_done, &d, NULL), 0);
	assert_int_equal(dd_account_load_rpnv2(a, h, on_done, &d, NULL), 0);
	dd_http_run(h);
	assert_int_equal(d.called, 2);
	assert_int_equal(d.err.kind, DD_OK);
	const struct dd_rpn_list *ls[2] = { dd_store_rpnv1(st), dd_store_rpnv2(st) };
	for (int k = 0; k < 2; k++) {
		assert_int_equal(ls[k]->n, 1);
		assert_true(ls[k]->v[0].name[0] != '\0');
		assert_true(clean(ls[k]->v[0].name));
		for (size_t i = 0; i < ls[k]->v[0].n_members; i++)
			assert_true(clean(ls[k]->v[0].members[i].hostname));
	}
	dd_account_free(a);
	dd_http_free(h);
	dd_sandbox_stop(sb);
}

static void on_created(void *ud, const struct dd_http_resp *resp, const struct dd_error *err)
{
	int *ok = ud;
	*ok += err->kind == DD_OK && resp->status == 200;
}

/* More groups than one page holds: every page is read, by total_count. */
static void test_groups_paged(void **state)
{
	struct dd_sandbox_opts o = { .seed = 3, .servers = 12, .servers_set = 1 };
	char msg[200], url[512], body[64];
	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a = account_for(sb, true, false);
	const struct dd_rpn_list *l = dd_store_rpnv1(dd_account_store(a));
	const int extra = DD_SCW_RPN_PAGE_SIZE + 4;
	struct dd_error e;
	struct done d = { 0 };
	int ok = 0, seen = 0, backend = 0;

	(void)state;
	assert_int_equal(dd_request_url(dd_account_creds(a), DD_API_SCW, url, sizeof(url), &e,
					"/dedibox/v1/rpnv1/groups"), 0);
	for (int i = 0; i < extra; i++) {
		struct dd_request q = { .api = DD_API_SCW, .method = DD_POST, .url = url,
					.body = body, .content_type = "application/json" };
		snprintf(body, sizeof(body), "{\"name\":\"g%d\"}", i);
		assert_true(dd_request_send(h, dd_account_creds(a), &q, on_created, &ok, &e) > 0);
		dd_http_run(h); /* one at a time: ids and order follow i */
	}
	assert_int_equal(ok, extra);
	assert_int_equal(dd_account_load_rpnv1(a, h, on_done, &d, NULL), 0);
	dd_http_run(h);
	assert_int_equal(d.err.kind, DD_OK);
	assert_int_equal(l->n, (size_t)extra + 1);
	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].name, "backend") == 0) {
			backend++;
			assert_int_equal(l->v[i].n_members, 3);
		} else {
			assert_int_equal(l->v[i].n_members, 0);
			seen++;
		}
	}
	assert_int_equal(backend, 1);
	assert_int_equal(seen, extra);
	assert_string_equal(l->v[l->n - 1].name, "g103");
	dd_account_free(a);
	dd_http_free(h);
	dd_sandbox_stop(sb);
}

static void test_decoders(void **state)
{
	struct dd_ipv6_list v6 = { 0 };
	struct dd_rpn_list rl = { 0 };
	struct dd_error e;
	size_t page_n;
	int64_t total;

	(void)state;
	/* Optional fields absent or null are tolerated. */
	static const char ok[] = "{\"ipv6_blocks\":[{\"id\":7,\"address\":\"2001:db8::\",\"cidr\":48,"
		"\"nameservers\":null,\"duid\":null,\"subnets\":[{\"id\":8,\"address\":\"2001:db8:0:100::\","
		"\"cidr\":56,\"subnets\":null}]}],\"total_count\":1}";
	assert_int_equal(dd_scw_decode_ipv6_blocks(ok, strlen(ok), &v6, &e), 0);
	assert_int_equal(v6.n, 1);
	assert_int_equal(v6.v[0].n_nameservers, 0);
	assert_int_equal(v6.v[0].n_subnets, 1);
	assert_int_equal(v6.v[0].subnets[0].parent_id, 7);
	/* A wrong type fails with its path, and takes nothing of the answer. */
	static const char badcidr[] = "{\"ipv6_blocks\":[{\"id\":9,\"address\":\"2001:db8:1::\",\"cidr\":48,"
		"\"subnets\":[{\"id\":10,\"address\":\"x\",\"cidr\":56},{\"id\":11,\"address\":\"y\",\"cidr\":\"64\"}]}]}";
	assert_int_equal(dd_scw_decode_ipv6_blocks(badcidr, strlen(badcidr), &v6, &e), -1);
	assert_int_equal(e.kind, DD_E_DECODE);
	assert_non_null(strstr(e.message, "ipv6_blocks[0].subnets[1].cidr"));
	assert_int_equal(v6.n, 1);
	static const char badns[] = "{\"ipv6_blocks\":[{\"id\":9,\"address\":\"a\",\"cidr\":48,\"nameservers\":[\"ns1\",3]}]}";
	assert_int_equal(dd_scw_decode_ipv6_blocks(badns, strlen(badns), &v6, &e), -1);
	assert_non_null(strstr(e.message, "ipv6_blocks[0].nameservers[1]"));
	static const char badq[] = "{\"quotas\":[{\"cidr\":48,\"quota\":true}]}";
	assert_int_equal(dd_scw_decode_ipv6_quotas(badq, strlen(badq), &v6, &e), -1);
	assert_non_null(strstr(e.message, "quotas[0].quota"));
	assert_int_equal(v6.n_quotas, 0);
	dd_ipv6_list_clear(&v6);

	/* Hostile strings are sanitized; null nested objects tolerated. */
	static const char grp[] = "{\"rpn_groups\":[{\"id\":3,\"name\":\"\\u001b[2Jevil\\u202e\\u0007x\","
		"\"owner\":null,\"rpnv1_group\":null,\"subnet\":null,\"status\":\"active\",\"type\":\"qinq\"}],"
		"\"total_count\":250}";
	assert_int_equal(dd_scw_decode_rpn_groups(grp, strlen(grp), true, &rl, &page_n, &total, &e), 0);
	assert_int_equal(page_n, 1);
	assert_int_equal(total, 250);
	assert_int_equal(rl.n, 1);
	assert_null(strchr(rl.v[0].name, 0x1b));
	assert_null(strchr(rl.v[0].name, 0x07));
	assert_null(strstr(rl.v[0].name, "\xe2\x80\xae"));
	assert_non_null(strstr(rl.v[0].name, "evil"));
	assert_true(clean(rl.v[0].name));
	assert_string_equal(rl.v[0].owner, "");
	assert_string_equal(rl.v[0].type, "qinq");
	static const char badmem[] = "{\"members\":[{\"id\":1,\"status\":\"active\",\"server\":{\"id\":4,\"hostname\":\"a\"}},"
		"{\"id\":2,\"server\":{\"id\":\"5\"}}],\"total_count\":2}";
	assert_int_equal(dd_scw_decode_rpn_members(badmem, strlen(badmem), true, &rl.v[0], &page_n,
						   &total, &e), -1);
	assert_int_equal(e.kind, DD_E_DECODE);
	assert_non_null(strstr(e.message, "members[1].server.id"));
	assert_int_equal(rl.v[0].n_members, 0);
	static const char badgrp[] = "{\"rpn_groups\":[{\"id\":4,\"active\":\"yes\"}]}";
	assert_int_equal(dd_scw_decode_rpn_groups(badgrp, strlen(badgrp), false, &rl, &page_n,
						  &total, &e), -1);
	assert_non_null(strstr(e.message, "rpn_groups[0].active"));
	assert_int_equal(rl.n, 1);
	/* An RPN v1 group that does not say whether it is active is not "inactive". */
	static const char v1[] = "{\"rpn_groups\":[{\"id\":5,\"name\":\"n\"},{\"id\":6,\"active\":false}]}";
	assert_int_equal(dd_scw_decode_rpn_groups(v1, strlen(v1), false, &rl, &page_n, &total, &e), 0);
	assert_int_equal(total, -1);
	assert_string_equal(rl.v[1].status, "");
	assert_string_equal(rl.v[2].status, "inactive");
	dd_rpn_list_clear(&rl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_world_fresh_then_stale),
		cmocka_unit_test(test_online_only),
		cmocka_unit_test(test_hostile_names_sanitized),
		cmocka_unit_test(test_groups_paged),
		cmocka_unit_test(test_decoders),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
