/* Loads of the account's network collections: IPv6 blocks (with their
 * carved and free subnets, and the quotas), RPN v1 groups and RPN v2
 * groups (each with its members). Like core/sections.h, each load marks
 * its collection loading, then fresh, stale (a failed refresh keeps the
 * data) or error, and notifies the store's listener once per change. A
 * collection is replaced only by a load that read everything. */
#ifndef DD_NET_LOAD_H
#define DD_NET_LOAD_H

#include "core/account.h"
#include "core/error.h"
#include "core/http.h"
#include "core/store.h"

/* DD_KIND_IPV6. Scaleway Dedibox v1 only: the Online API has no IPv6
 * endpoint, and the collection's error says so. On a refusal to start,
 * -1 with err filled (err may be NULL) and the collection marked failed;
 * a load already running is refused with DD_E_USAGE and left alone. done
 * may be NULL. */
int dd_account_load_ipv6(struct dd_account *a, struct dd_http *h, dd_done_fn done, void *ud,
			 struct dd_error *err);
/* DD_KIND_RPNV1, DD_KIND_RPNV2: every page of groups, then every page of
 * each group's members. Scaleway Dedibox v1 only for now: a profile with
 * only an Online token gets an error that says so, never an empty list. */
int dd_account_load_rpnv1(struct dd_account *a, struct dd_http *h, dd_done_fn done, void *ud,
			  struct dd_error *err);
int dd_account_load_rpnv2(struct dd_account *a, struct dd_http *h, dd_done_fn done, void *ud,
			  struct dd_error *err);

#endif
