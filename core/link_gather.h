/* Gathering the facts of account linking from the APIs: an asynchronous
 * loader on the http multi handle, over the backend rooms (Scaleway
 * Dedibox v1 servers, services and invoices; IAM key and user; Billing
 * v2beta1 invoices and discounts; Online v1 servers, /user and /hosting).
 * A source that refuses or that lacks its credential leaves its have_ flag
 * false with a sentence in its why: the rules then say "cannot be checked". */
#ifndef DD_LINK_GATHER_H
#define DD_LINK_GATHER_H

#include "core/creds.h"
#include "core/error.h"
#include "core/http.h"
#include "core/linking.h"

struct dd_link_gather;

/* Runs once, when every request is over. facts is the caller's, filled. */
typedef void (*dd_link_gather_done)(void *ud, struct dd_link_facts *facts);

/* Starts the requests c's credentials allow (URLs final: dd_creds_finish;
 * either side may be absent). facts must be initialised by the caller
 * (dd_link_facts_init, then today and the declarations: scw_pay,
 * declared_*_country) and, with c, live until done runs. Returns the
 * gathering (free it after done with dd_link_gather_free), or NULL with
 * err when nothing could start (no credential at all). */
struct dd_link_gather *dd_link_gather_start(struct dd_http *h, const struct dd_creds *c,
					    struct dd_link_facts *facts,
					    dd_link_gather_done done, void *ud,
					    struct dd_error *err);
/* Cancels what is in flight (done does not run then) and frees. */
void dd_link_gather_free(struct dd_link_gather *g);

#endif
