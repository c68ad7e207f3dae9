/* Online.net v1, the account's side (online-v1.md §2 and §7): the user
 * (GET /user) and the web hostings (GET /hosting, a list of links), read
 * by the account-linking checks. */
#ifndef DD_ONLINE_ACCOUNT_H
#define DD_ONLINE_ACCOUNT_H

#include <stddef.h>

#include "core/creds.h"
#include "core/error.h"
#include "core/linking.h"

void dd_online_url_user(const struct dd_creds *c, char *buf, size_t len);
void dd_online_url_hostings(const struct dd_creds *c, char *buf, size_t len);

/* {"id","login","email","first_name","last_name","company"} into p
 * (sanitized; company may be null; Online has no phone). */
int dd_online_decode_user(const char *body, size_t len, struct dd_link_person *p,
			  struct dd_error *err);
/* ["/api/v1/hosting/ID", ...] (or {"$ref": ...} items): *n hostings,
 * first gets "hosting ID" of the first one ("" when none). */
int dd_online_decode_hostings(const char *body, size_t len, size_t *n, char *first,
			      size_t flen, struct dd_error *err);

#endif
