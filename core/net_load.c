#include "core/net_load.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/request.h"
#include "core/online_rpn.h"
#include "core/scw_dedibox_net.h"
#include "core/i18n.h"

/* More pages than this is a broken or hostile answer (100,000 records). */
#define MAX_PAGES 1000

struct net_load {
	struct dd_account *a;
	struct dd_http *h;
	enum dd_kind kind;
	dd_done_fn done;
	void *ud;
	int pending;                 /* requests out, plus the starter's hold */
	struct dd_error err;         /* the first failure */
	struct dd_ipv6_list v6;      /* what this load read; the store's once whole */
	struct dd_rpn_list rpn;
};

/* One request of a load: which answer it is and what it fills. */
enum part { PART_QUOTAS, PART_BLOCKS, PART_FREE, PART_GROUPS, PART_MEMBERS, PART_INVITES,
	    PART_ONLINE };

struct req {
	struct net_load *L;
	enum part part;
	size_t idx;                  /* the block or group it fills */
	int page;
};

static bool is_v2(const struct net_load *L)
{
	return L->kind == DD_KIND_RPNV2;
}

static void fail(struct net_load *L, const struct dd_error *e)
{
	if (L->err.kind == DD_OK)
		L->err = *e;
}

static void install(struct net_load *L)
{
	struct dd_store *st = dd_account_store_mut(L->a);
	struct dd_coll *m = dd_store_meta_mut(st, L->kind);
	struct dd_rpn_list *rl;
	struct dd_ipv6_list *vl;

	if (L->err.kind != DD_OK) {
		dd_coll_fail(m, &L->err);
		return;
	}
	if (L->kind == DD_KIND_IPV6) {
		vl = dd_store_ipv6_mut(st);
		dd_ipv6_list_clear(vl);
		*vl = L->v6;
		memset(&L->v6, 0, sizeof(L->v6));
	} else {
		rl = is_v2(L) ? dd_store_rpnv2_mut(st) : dd_store_rpnv1_mut(st);
		dd_rpn_list_clear(rl);
		*rl = L->rpn;
		memset(&L->rpn, 0, sizeof(L->rpn));
	}
	dd_coll_succeed(m, time(NULL));
}

static void release(struct net_load *L)
{
	if (--L->pending > 0)
		return;
	install(L);
	dd_store_notify(dd_account_store(L->a), L->kind, 0);
	if (L->done)
		L->done(L->ud, &L->err);
	dd_ipv6_list_clear(&L->v6);
	dd_rpn_list_clear(&L->rpn);
	free(L);
}

static void on_answer(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr);

static int send_req(struct net_load *L, enum part part, size_t idx, int page,
		    struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(L->a);
	struct dd_request q = { .api = DD_API_SCW, .method = DD_GET };
	struct req *R;
	char url[512];
	int rc = -1;

	switch (part) {
	case PART_QUOTAS:
		rc = dd_scw_url_ipv6_quotas(c, url, sizeof(url), err);
		break;
	case PART_BLOCKS:
		rc = dd_scw_url_ipv6_blocks(c, url, sizeof(url), err);
		break;
	case PART_FREE:
		rc = dd_scw_url_ipv6_free(c, L->v6.v[idx].id, url, sizeof(url), err);
		break;
	case PART_GROUPS:
		rc = dd_scw_url_rpn_groups(c, is_v2(L), page, url, sizeof(url), err);
		break;
	case PART_MEMBERS:
		rc = dd_scw_url_rpn_members(c, is_v2(L), L->rpn.v[idx].id, page, url, sizeof(url),
					    err);
		break;
	case PART_INVITES:
		rc = dd_scw_url_rpn_invites(c, page, url, sizeof(url), err);
		break;
	case PART_ONLINE:
		q.api = DD_API_ONLINE;
		rc = dd_online_url_rpn_groups(c, is_v2(L), url, sizeof(url), err);
		break;
	}
	if (rc < 0)
		return -1;
	if (!(R = calloc(1, sizeof(*R))))
		return dd_error_oom(err);
	*R = (struct req){ .L = L, .part = part, .idx = idx, .page = page };
	q.url = url;
	if (!dd_request_send(L->h, c, &q, on_answer, R, err)) {
		free(R);
		return -1;
	}
	L->pending++;
	return 0;
}

/* Whether another page follows this one. */
static bool more(const struct req *R, size_t page_n, int64_t total)
{
	return page_n > 0 && (int64_t)R->page * DD_SCW_RPN_PAGE_SIZE < total &&
	       R->page < MAX_PAGES;
}

/* Decodes one answer into the load; starts what it leads to. */
static int take(struct req *R, const struct dd_http_resp *resp, struct dd_error *e)
{
	struct net_load *L = R->L;
	const char *b = resp->body;
	size_t n = resp->body_len, page_n = 0;
	int64_t total = -1;

	switch (R->part) {
	case PART_QUOTAS:
		return dd_scw_decode_ipv6_quotas(b, n, &L->v6, e);
	case PART_BLOCKS:
		if (dd_scw_decode_ipv6_blocks(b, n, &L->v6, e) < 0)
			return -1;
		for (size_t i = 0; i < L->v6.n; i++)
			if (send_req(L, PART_FREE, i, 1, e) < 0)
				return -1;
		return 0;
	case PART_FREE:
		if (dd_scw_decode_ipv6_free(b, n, &L->v6.v[R->idx], e) < 0) {
			dd_error_prefix(e, _("free subnets of IPv6 block %s"), L->v6.v[R->idx].address);
			return -1;
		}
		return 0;
	case PART_GROUPS:
		if (dd_scw_decode_rpn_groups(b, n, is_v2(L), &L->rpn, &page_n, &total, e) < 0) {
			dd_error_prefix(e, _("RPN v%d groups, page %d"), is_v2(L) ? 2 : 1, R->page);
			return -1;
		}
		if (total < 0)
			total = resp->total_count; /* the X-Total-Count fallback */
		if (more(R, page_n, total))
			return send_req(L, PART_GROUPS, 0, R->page + 1, e);
		/* Every group is known: the array stops moving, members may fill it. */
		for (size_t i = 0; i < L->rpn.n; i++)
			if (send_req(L, PART_MEMBERS, i, 1, e) < 0)
				return -1;
		return 0;
	case PART_ONLINE:
		if (dd_online_decode_rpn_groups(b, n, is_v2(L), &L->rpn, e) < 0) {
			dd_error_prefix(e, _("Online RPN v%d groups"), is_v2(L) ? 2 : 1);
			return -1;
		}
		return 0;
	case PART_INVITES:
		if (dd_scw_decode_rpn_invites(b, n, &L->rpn, &page_n, &total, e) < 0) {
			dd_error_prefix(e, _("RPN v1 invitations, page %d"), R->page);
			return -1;
		}
		if (total < 0)
			total = resp->total_count;
		return more(R, page_n, total) ? send_req(L, PART_INVITES, 0, R->page + 1, e) : 0;
	case PART_MEMBERS:
		if (dd_scw_decode_rpn_members(b, n, is_v2(L), &L->rpn.v[R->idx], &page_n, &total,
					      e) < 0) {
			dd_error_prefix(e, _("members of RPN group %lld, page %d"),
					(long long)L->rpn.v[R->idx].id, R->page);
			return -1;
		}
		if (total < 0)
			total = resp->total_count;
		return more(R, page_n, total) ? send_req(L, PART_MEMBERS, R->idx, R->page + 1, e)
					      : 0;
	}
	return 0;
}

static void on_answer(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct req *R = ud;
	struct net_load *L = R->L;
	struct dd_error e;

	dd_error_clear(&e);
	if (herr->kind != DD_OK)
		fail(L, herr);
	else if (L->err.kind == DD_OK && take(R, resp, &e) < 0)
		fail(L, &e);
	free(R);
	release(L);
}

/* Marks the collection loading, or failed when the load cannot start;
 * one notification either way. */
static int started(struct dd_account *a, enum dd_kind kind, int rc, const struct dd_error *e,
		   struct dd_error *err)
{
	struct dd_coll *m = dd_store_meta_mut(dd_account_store_mut(a), kind);

	if (rc < 0) {
		dd_coll_fail(m, e);
		if (err)
			*err = *e;
	} else {
		dd_coll_begin(m);
	}
	dd_store_notify(dd_account_store(a), kind, 0);
	return rc;
}

/* Why this profile cannot read kind, or 0 when it can. */
static int reachable(const struct dd_account *a, enum dd_kind kind, struct dd_error *e)
{
	const struct dd_creds *c = dd_account_creds(a);

	if (dd_creds_has_scw(c))
		return 0;
	if (!dd_creds_has_online(c))
		return dd_error_set(e, DD_E_AUTH, 0, NULL,
				    _("No credentials: set SCW_SECRET_KEY or log in with \"dedi auth login\"."));
	if (kind == DD_KIND_IPV6)
		return dd_error_set(e, DD_E_USAGE, 0, NULL,
				    _("The Online API has no IPv6 endpoint: IPv6 blocks live in Scaleway Dedibox; add Scaleway keys to this profile to see them."));
	return 0; /* RPN: Online v1 has /rpn/group and /rpn/v2 */
}

static int load(struct dd_account *a, struct dd_http *h, enum dd_kind kind, dd_done_fn done,
		void *ud, struct dd_error *err)
{
	const struct dd_coll *m = dd_store_meta(dd_account_store(a), kind);
	struct net_load *L;
	struct dd_error e;
	int rc;

	dd_error_clear(&e);
	if (m->state == DD_COLL_LOADING)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("This list is already being read; wait for it to finish."));
	if (reachable(a, kind, &e) < 0)
		return started(a, kind, -1, &e, err);
	if (!(L = calloc(1, sizeof(*L)))) {
		dd_error_oom(&e);
		return started(a, kind, -1, &e, err);
	}
	*L = (struct net_load){ .a = a, .h = h, .kind = kind, .done = done, .ud = ud };
	/* Held while starting so no completion can finish the load early. */
	L->pending = 1;
	if (kind == DD_KIND_IPV6)
		rc = send_req(L, PART_QUOTAS, 0, 1, &e) < 0 ? -1 : send_req(L, PART_BLOCKS, 0, 1, &e);
	else if (!dd_creds_has_scw(dd_account_creds(a)))
		/* An Online-only profile: one answer holds groups and members;
		 * Online shows no invitations. */
		rc = send_req(L, PART_ONLINE, 0, 1, &e);
	else
		rc = send_req(L, PART_GROUPS, 0, 1, &e);
	/* RPN v1 also lists the invitations other accounts sent this one. */
	if (rc == 0 && kind == DD_KIND_RPNV1 && dd_creds_has_scw(dd_account_creds(a)))
		rc = send_req(L, PART_INVITES, 0, 1, &e);
	if (rc < 0 && L->pending == 1) {
		free(L);
		return started(a, kind, -1, &e, err);
	}
	if (rc < 0)
		fail(L, &e); /* requests already out end, and find the error */
	started(a, kind, 0, &e, err);
	release(L);
	return 0;
}

int dd_account_load_ipv6(struct dd_account *a, struct dd_http *h, dd_done_fn done, void *ud,
			 struct dd_error *err)
{
	return load(a, h, DD_KIND_IPV6, done, ud, err);
}

int dd_account_load_rpnv1(struct dd_account *a, struct dd_http *h, dd_done_fn done, void *ud,
			  struct dd_error *err)
{
	return load(a, h, DD_KIND_RPNV1, done, ud, err);
}

int dd_account_load_rpnv2(struct dd_account *a, struct dd_http *h, dd_done_fn done, void *ud,
			  struct dd_error *err)
{
	return load(a, h, DD_KIND_RPNV2, done, ud, err);
}
