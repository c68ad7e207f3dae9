/* A profile's data: one collection per kind of resource, each with its
 * state, its last error and when it was last read. Loads (core/account.h,
 * core/sections.h, core/net_load.h) fill it; views read it and keep only
 * indices, cursors and filters.
 * One notification says which collection changed, and which record when
 * only one did. */
#ifndef DD_STORE_H
#define DD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/actions_model.h"
#include "core/error.h"
#include "core/model.h"
#include "core/model_net.h"
#include "core/validators.h"

/* Every kind of resource the store holds. The per-server kinds (detail,
 * backup, events, options, failovers) live in the server's sections; the
 * others are whole collections. */
enum dd_kind {
	DD_KIND_SERVERS,        /* the fleet; per server: its detail */
	DD_KIND_FAILOVERS,      /* every failover IP of the zones read */
	DD_KIND_BACKUP,         /* per server: the backup space */
	DD_KIND_EVENTS,         /* per server: one page of events */
	DD_KIND_OPTIONS,        /* per server: subscribable options */
	DD_KIND_SRV_FAILOVERS,  /* per server: the failover IPs routed to it */
	/* billing and order (core/store_billing.h, core/billing_load.h) */
	DD_KIND_SCW_INVOICES,   /* Scaleway cloud invoices (Billing v2beta1) */
	DD_KIND_DBX_INVOICES,   /* Dedibox invoices (Dedibox v1) */
	DD_KIND_CONSUMPTION,    /* the current month's consumption lines */
	DD_KIND_DISCOUNTS,      /* the Organization's discounts */
	DD_KIND_TAXES,          /* the current month's taxes */
	DD_KIND_OFFERS,         /* server offers of every zone */
	DD_KIND_PAYMENT,        /* payment facts: can-order */
	DD_KIND_DBX_LINES,      /* lines of Dedibox invoices (core/dbx_lines.h) */
	/* network (core/net_load.h): account-wide, no zone */
	DD_KIND_IPV6,           /* IPv6 blocks with their subnets, and quotas */
	DD_KIND_RPNV1,          /* RPN v1 groups with their members */
	DD_KIND_RPNV2,          /* RPN v2 groups with their members */
	/* server actions (core/actions_load.h): per server */
	DD_KIND_OSES,           /* per server: the systems it can install */
	DD_KIND_RESCUE_IMAGES,  /* per server: the rescue systems it can boot */
	DD_KIND_RAID,           /* per server: the RAID arrays and their disks */
	DD_KIND__N
};

enum dd_coll_state {
	DD_COLL_EMPTY,    /* never asked for */
	DD_COLL_LOADING,  /* a read runs; data from before (if any) stays */
	DD_COLL_FRESH,    /* the last read succeeded */
	DD_COLL_STALE,    /* the last read failed; the data of fetched_at stays */
	DD_COLL_ERROR     /* the last read failed and there is no data */
};

/* The meta of one collection. */
struct dd_coll {
	enum dd_coll_state state;
	struct dd_error error;  /* why the last read failed; kind DD_OK otherwise */
	time_t fetched_at;      /* the last good read, 0 if none: data exists */
	bool partial;           /* the data is what arrived of a read that left parts out; error names them */
	bool cached;            /* the data came from the cache file (core/cache.h), not a read of this run */
};

/* A read starts, succeeds (at now) or fails. */
void dd_coll_begin(struct dd_coll *c);
void dd_coll_succeed(struct dd_coll *c, time_t now);
void dd_coll_fail(struct dd_coll *c, const struct dd_error *err);
/* A read gave data but left parts out (a zone, an API, a server): fresh,
 * marked partial, err names what is missing. */
void dd_coll_partial(struct dd_coll *c, time_t now, const struct dd_error *err);
/* True when the collection holds data from a read (fresh, stale or loading
 * again). */
bool dd_coll_has_data(const struct dd_coll *c);

/* What the store keeps of one server beyond its record: one collection
 * per per-server kind. meta[DD_KIND_SERVERS] is the detail's read (the
 * detail itself is folded into the record). */
struct dd_server_sections {
	int64_t id;
	struct dd_coll meta[DD_KIND__N];
	struct dd_backup backup;
	struct dd_event_page events;
	struct dd_option_list options;
	struct dd_failover_list failovers;
	struct dd_rescue_images oses;          /* DD_KIND_OSES */
	struct dd_rescue_images rescue_images; /* DD_KIND_RESCUE_IMAGES */
	struct dd_raid raid;                   /* DD_KIND_RAID */
};

/* kind changed; id is the one record (server id) that changed, or 0 when
 * the whole collection did. */
typedef void (*dd_store_notify_fn)(void *ud, enum dd_kind kind, int64_t id);

struct dd_store;

struct dd_store *dd_store_new(void);
void dd_store_free(struct dd_store *st);
/* One listener; NULL removes it. */
void dd_store_set_notify(struct dd_store *st, dd_store_notify_fn fn, void *ud);
void dd_store_notify(const struct dd_store *st, enum dd_kind kind, int64_t id);

/* Reads. Pointers are borrowed: the list and meta live as long as the
 * store; records and sections until the next change of their kind. */
const struct dd_server_list *dd_store_servers(const struct dd_store *st);
const struct dd_coll *dd_store_meta(const struct dd_store *st, enum dd_kind kind);
const struct dd_server *dd_store_server(const struct dd_store *st, int64_t id);
const struct dd_server_sections *dd_store_sections(const struct dd_store *st, int64_t id);
const struct dd_failover_list *dd_store_failovers(const struct dd_store *st);
const struct dd_ipv6_list *dd_store_ipv6(const struct dd_store *st);
const struct dd_rpn_list *dd_store_rpnv1(const struct dd_store *st);
const struct dd_rpn_list *dd_store_rpnv2(const struct dd_store *st);

/* ---- for core's loaders only ---- */

/* The billing collections (core/model_billing.h); core/store_billing.h
 * gives each one its typed accessor. */
struct dd_billing_store;
struct dd_billing_store *dd_store_billing_mut(struct dd_store *st);

struct dd_server_list *dd_store_servers_mut(struct dd_store *st);
/* The Online per-server validators (core/validators.h), sorted by id:
 * the fleet loader reads and replaces them, the cache keeps them. */
const struct dd_validators *dd_store_validators(const struct dd_store *st);
struct dd_validators *dd_store_validators_mut(struct dd_store *st);
struct dd_failover_list *dd_store_failovers_mut(struct dd_store *st);
struct dd_ipv6_list *dd_store_ipv6_mut(struct dd_store *st);
struct dd_rpn_list *dd_store_rpnv1_mut(struct dd_store *st);
struct dd_rpn_list *dd_store_rpnv2_mut(struct dd_store *st);
struct dd_coll *dd_store_meta_mut(struct dd_store *st, enum dd_kind kind);
struct dd_server *dd_store_server_mut(struct dd_store *st, int64_t id);
/* The server's sections, made empty on first use; NULL on ENOMEM. */
struct dd_server_sections *dd_store_sections_get(struct dd_store *st, int64_t id);
/* Replaces the fleet with l (taken; l is left empty) and marks it fresh.
 * Details of the old list are dropped: a refresh replaces everything it
 * re-reads, so no old tag or OS outlives it. */
void dd_store_replace_servers(struct dd_store *st, struct dd_server_list *l, time_t now);
/* The rows a first read has so far (taken; l is left empty): the
 * collection stays as it is (loading, no fetched_at) until the read ends
 * with dd_store_replace_servers or fails (then the caller puts back an
 * empty list). */
void dd_store_early_servers(struct dd_store *st, struct dd_server_list *l);
/* Folds a detail into the record of d->s.id (taken: *d is left empty).
 * Returns the record, or NULL when the fleet has no such server (then d is
 * cleared) or on ENOMEM. */
struct dd_server *dd_store_fold_detail(struct dd_store *st, struct dd_server_detail *d);

#endif
