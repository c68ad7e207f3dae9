#include "core/store.h"

#include <stdlib.h>
#include <string.h>

#include "core/model_billing.h"

struct dd_store {
	struct dd_server_list servers;
	struct dd_failover_list failovers;
	struct dd_billing_store billing;    /* invoices, consumption, offers... */
	struct dd_ipv6_list ipv6;
	struct dd_rpn_list rpnv1, rpnv2;
	struct dd_coll meta[DD_KIND__N];    /* whole collections: servers, failovers, network, billing */
	struct dd_validators validators;    /* Online reads' ETags and bodies (If-None-Match) */
	struct dd_server_sections *sect;    /* servers whose sections were read */
	size_t nsect, capsect;
	dd_store_notify_fn notify;
	void *notify_ud;
};

void dd_coll_begin(struct dd_coll *c)
{
	c->state = DD_COLL_LOADING;
}

void dd_coll_succeed(struct dd_coll *c, time_t now)
{
	c->state = DD_COLL_FRESH;
	c->partial = false;
	c->cached = false;
	dd_error_clear(&c->error);
	/* 0 means "never": a clock at the epoch still counts as data. */
	c->fetched_at = now ? now : 1;
}

void dd_coll_partial(struct dd_coll *c, time_t now, const struct dd_error *err)
{
	dd_coll_succeed(c, now);
	c->partial = true;
	c->error = *err;
}

void dd_coll_fail(struct dd_coll *c, const struct dd_error *err)
{
	c->state = c->fetched_at ? DD_COLL_STALE : DD_COLL_ERROR;
	c->error = *err;
}

bool dd_coll_has_data(const struct dd_coll *c)
{
	return c->fetched_at != 0;
}

struct dd_store *dd_store_new(void)
{
	struct dd_store *st = calloc(1, sizeof(*st));

	if (st)
		dd_server_list_init(&st->servers);
	return st;
}

static void sections_clear(struct dd_server_sections *s)
{
	dd_event_page_clear(&s->events);
	dd_option_list_clear(&s->options);
	dd_failover_list_clear(&s->failovers);
	dd_rescue_images_clear(&s->oses);
	dd_rescue_images_clear(&s->rescue_images);
}

void dd_store_free(struct dd_store *st)
{
	if (!st)
		return;
	dd_server_list_clear(&st->servers);
	dd_failover_list_clear(&st->failovers);
	dd_billing_store_clear(&st->billing);
	dd_ipv6_list_clear(&st->ipv6);
	dd_rpn_list_clear(&st->rpnv1);
	dd_rpn_list_clear(&st->rpnv2);
	dd_validators_clear(&st->validators);
	for (size_t i = 0; i < st->nsect; i++)
		sections_clear(&st->sect[i]);
	free(st->sect);
	free(st);
}

void dd_store_set_notify(struct dd_store *st, dd_store_notify_fn fn, void *ud)
{
	st->notify = fn;
	st->notify_ud = ud;
}

void dd_store_notify(const struct dd_store *st, enum dd_kind kind, int64_t id)
{
	if (st->notify)
		st->notify(st->notify_ud, kind, id);
}

const struct dd_server_list *dd_store_servers(const struct dd_store *st)
{
	return &st->servers;
}

struct dd_server_list *dd_store_servers_mut(struct dd_store *st)
{
	return &st->servers;
}

const struct dd_validators *dd_store_validators(const struct dd_store *st)
{
	return &st->validators;
}

struct dd_validators *dd_store_validators_mut(struct dd_store *st)
{
	return &st->validators;
}

const struct dd_failover_list *dd_store_failovers(const struct dd_store *st)
{
	return &st->failovers;
}

struct dd_failover_list *dd_store_failovers_mut(struct dd_store *st)
{
	return &st->failovers;
}

struct dd_billing_store *dd_store_billing_mut(struct dd_store *st)
{
	return &st->billing;
}

const struct dd_ipv6_list *dd_store_ipv6(const struct dd_store *st)
{
	return &st->ipv6;
}

struct dd_ipv6_list *dd_store_ipv6_mut(struct dd_store *st)
{
	return &st->ipv6;
}

const struct dd_rpn_list *dd_store_rpnv1(const struct dd_store *st)
{
	return &st->rpnv1;
}

struct dd_rpn_list *dd_store_rpnv1_mut(struct dd_store *st)
{
	return &st->rpnv1;
}

const struct dd_rpn_list *dd_store_rpnv2(const struct dd_store *st)
{
	return &st->rpnv2;
}

struct dd_rpn_list *dd_store_rpnv2_mut(struct dd_store *st)
{
	return &st->rpnv2;
}

const struct dd_coll *dd_store_meta(const struct dd_store *st, enum dd_kind kind)
{
	return &st->meta[kind];
}

struct dd_coll *dd_store_meta_mut(struct dd_store *st, enum dd_kind kind)
{
	return &st->meta[kind];
}

struct dd_server *dd_store_server_mut(struct dd_store *st, int64_t id)
{
	/* Linear: a lookup per edit or per detail, not per frame. */
	for (size_t i = 0; i < st->servers.n; i++)
		if (st->servers.v[i].id == id)
			return &st->servers.v[i];
	return NULL;
}

const struct dd_server *dd_store_server(const struct dd_store *st, int64_t id)
{
	return dd_store_server_mut((struct dd_store *)st, id);
}

const struct dd_server_sections *dd_store_sections(const struct dd_store *st, int64_t id)
{
	for (size_t i = 0; i < st->nsect; i++)
		if (st->sect[i].id == id)
			return &st->sect[i];
	return NULL;
}

struct dd_server_sections *dd_store_sections_get(struct dd_store *st, int64_t id)
{
	struct dd_server_sections *s = (struct dd_server_sections *)dd_store_sections(st, id);

	if (s)
		return s;
	if (st->nsect == st->capsect) {
		size_t nc = st->capsect ? st->capsect * 2 : 8;
		struct dd_server_sections *nv = realloc(st->sect, nc * sizeof(*nv));
		if (!nv)
			return NULL;
		st->sect = nv;
		st->capsect = nc;
	}
	s = &st->sect[st->nsect++];
	memset(s, 0, sizeof(*s));
	s->id = id;
	return s;
}

void dd_store_replace_servers(struct dd_store *st, struct dd_server_list *l, time_t now)
{
	dd_server_list_clear(&st->servers);
	st->servers = *l;
	dd_server_list_init(l);
	/* The detail read belonged to the old records. */
	for (size_t i = 0; i < st->nsect; i++)
		memset(&st->sect[i].meta[DD_KIND_SERVERS], 0, sizeof(struct dd_coll));
	dd_coll_succeed(&st->meta[DD_KIND_SERVERS], now);
}

void dd_store_early_servers(struct dd_store *st, struct dd_server_list *l)
{
	dd_server_list_clear(&st->servers);
	st->servers = *l;
	dd_server_list_init(l);
}

struct dd_server *dd_store_fold_detail(struct dd_store *st, struct dd_server_detail *d)
{
	struct dd_server *rec = dd_store_server_mut(st, d->s.id);
	struct dd_server_detail *keep;
	struct dd_server fresh;

	if (!rec || !(keep = malloc(sizeof(*keep)))) {
		dd_server_detail_clear(d);
		return NULL;
	}
	if (dd_server_copy(&fresh, &d->s) < 0) {
		free(keep);
		dd_server_detail_clear(d);
		return NULL;
	}
	*keep = *d;
	memset(d, 0, sizeof(*d));
	/* The list knew which APIs see it; one detail answer may not say. */
	fresh.sources |= rec->sources;
	if (!fresh.zone[0])
		memcpy(fresh.zone, rec->zone, sizeof(fresh.zone));
	fresh.detailed = true;
	fresh.detail_state = DD_DETAIL_NONE;
	fresh.detail = keep;
	dd_server_clear(rec);
	*rec = fresh;
	return rec;
}
