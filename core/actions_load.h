/* The loaders of the per-server lists the server actions pick from: the
 * systems a server can install (DD_KIND_OSES) and the rescue systems it
 * can boot (DD_KIND_RESCUE_IMAGES), read from the API that serves it into
 * the server's sections of the store. A view reads them there; a second
 * open finds them fresh and reads nothing. */
#ifndef DD_ACTIONS_LOAD_H
#define DD_ACTIONS_LOAD_H

#include <stdbool.h>

#include "core/account.h"
#include "core/error.h"
#include "core/http.h"
#include "core/model.h"
#include "core/store.h"

/* kind is DD_KIND_OSES or DD_KIND_RESCUE_IMAGES. Returns 1 when the list
 * is fresh already (and force is false): done is not called; 0 when a
 * read started (done runs once; the store notifies kind and s->id before
 * and after); -1 with err filled. A failed read keeps the old list
 * (stale); an empty list is an error, never shown as nothing to pick. */
int dd_actions_load_list(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			 enum dd_kind kind, bool force, dd_done_fn done, void *ud, struct dd_error *err);

#endif
