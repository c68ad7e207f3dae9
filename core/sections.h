/* Loads of the store's per-server sections (backup, events, options, the
 * server's failover IPs) and of the zones' failover IPs. Each load marks
 * its collection loading, then fresh, stale or error, and notifies the
 * store's listener once per change. Scaleway Dedibox v1 where the account
 * has Scaleway keys and knows the server there, Online v1 otherwise. */
#ifndef DD_SECTIONS_H
#define DD_SECTIONS_H

#include <stdint.h>

#include "core/account.h"
#include "core/error.h"
#include "core/http.h"
#include "core/store.h"

/* Events of one overview screen. */
#define DD_EVENTS_PAGE_SIZE 15

/* Reads one section (DD_KIND_BACKUP, _EVENTS, _OPTIONS, _SRV_FAILOVERS)
 * of server id, which must be in the fleet. page (from 1) is for events.
 * On a refusal to start, -1 with err filled and the section marked failed
 * with err (the view shows why). done may be NULL. */
int dd_account_load_section(struct dd_account *a, struct dd_http *h, int64_t id,
			    enum dd_kind kind, int page, dd_done_fn done, void *ud,
			    struct dd_error *err);

/* Reads every failover IP of zone (every zone if NULL or "") into the
 * DD_KIND_FAILOVERS collection. Scaleway only. */
int dd_account_load_failovers(struct dd_account *a, struct dd_http *h, const char *zone,
			      dd_done_fn done, void *ud, struct dd_error *err);

#endif
