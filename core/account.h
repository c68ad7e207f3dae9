/* A profile's view of its servers: the credentials, the store the views
 * read, and the calls that fill it from every configured API (Scaleway
 * Dedibox v1 and Online v1), merged so one server appears once. */
#ifndef DD_ACCOUNT_H
#define DD_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/creds.h"
#include "core/error.h"
#include "core/http.h"
#include "core/model.h"
#include "core/request.h"
#include "core/store.h"

struct dd_account;

/* Called once when an operation is over; err->kind == DD_OK on success. */
typedef void (*dd_done_fn)(void *ud, const struct dd_error *err);

/* Takes ownership of creds. NULL on ENOMEM. */
struct dd_account *dd_account_new(struct dd_creds *creds);
void dd_account_free(struct dd_account *a);
const struct dd_creds *dd_account_creds(const struct dd_account *a);

/* The profile's store (core/store.h): what every view reads. Borrowed for
 * the account's life. */
const struct dd_store *dd_account_store(const struct dd_account *a);
/* For core's loaders (core/sections.c) only. */
struct dd_store *dd_account_store_mut(struct dd_account *a);
/* The one change notification of the store (one listener). */
void dd_account_set_notify(struct dd_account *a, dd_store_notify_fn fn, void *ud);

/* Starts loading every server of every zone (or only zone, if not NULL or
 * "") from every configured API, following pages to total_count. When
 * everything arrived the store is replaced (DD_KIND_SERVERS fresh). When a
 * zone, the Online list or some Online servers failed but other parts came
 * whole, the store holds those parts, the collection is marked partial and
 * done gets the error naming what is missing ("incomplete: fr-par-2
 * failed: ..."). When nothing arrived the previous list stays (stale) and
 * done gets the error. One load at a time: a second call while one runs
 * fails with DD_E_USAGE. */
int dd_account_load_servers(struct dd_account *a, struct dd_http *h, const char *zone,
			    dd_done_fn done, void *ud, struct dd_error *err);
/* The store: borrowed until the next load completes. */
const struct dd_server_list *dd_account_servers(const struct dd_account *a);
/* True while a load runs. */
int dd_account_loading(const struct dd_account *a);
/* The console's first read: when the store has no servers yet, the rows
 * read so far are put in the store as they arrive (the collection stays
 * loading, fetched_at 0), each time their number has doubled, so the
 * first page is painted while the others load. Off by default: a command
 * prints the whole list and needs no copies. */
void dd_account_set_early_rows(struct dd_account *a, bool on);
/* While a load runs: records read so far and records expected (known once
 * each API told its count; a server seen by both APIs counts twice).
 * Both 0 when no load runs. */
void dd_account_load_progress(const struct dd_account *a, size_t *have, size_t *expected);

/* Fetches one server's detail by id from every configured API (every zone
 * in turn unless zone is given); *out is filled before done runs with
 * DD_OK. out (initialised or zeroed) must stay valid until done runs; the
 * caller clears it. */
int dd_account_load_server(struct dd_account *a, struct dd_http *h, int64_t id,
			   const char *zone, struct dd_server_detail *out,
			   dd_done_fn done, void *ud, struct dd_error *err);

/* Re-reads one server of the store (its detail) and folds it into its
 * record in place: the rest of the fleet is not read. Notifies
 * (DD_KIND_SERVERS, id) when it starts and when it ends; the record's
 * detail_state says loading or failed. The server must be in the store.
 * done may be NULL. */
int dd_account_reload_server(struct dd_account *a, struct dd_http *h, int64_t id,
			     dd_done_fn done, void *ud, struct dd_error *err);
/* Keeps the sections (core/store.h) of server id, so the reads of its
 * detail are tracked too (meta[DD_KIND_SERVERS]). -1 on ENOMEM. */
int dd_account_watch_server(struct dd_account *a, int64_t id);

/* Which API serves server s for this profile: Scaleway when the server was
 * seen there and the profile holds Scaleway keys, else Online when it was
 * seen there and the profile holds a Dedibox token. -1 with err filled
 * (no known zone, or no credentials reach it). */
int dd_account_api_for(const struct dd_account *a, const struct dd_server *s,
		       enum dd_api_flavour *api, struct dd_error *err);

#endif
