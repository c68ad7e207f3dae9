/* The server edits (hostname, tags, reverse DNS, backup settings) as
 * write plans: each checks the value, picks the API that serves the
 * server, has the backend room build the request, and words the summary.
 * core/write sends the plan. */
#ifndef DD_EDIT_H
#define DD_EDIT_H

#include <stdbool.h>

#include "core/account.h"
#include "core/error.h"
#include "core/model.h"
#include "core/write.h"

/* Each fills out (wipe it with dd_write_plan_wipe) or returns -1 with err
 * saying what is wrong with the value or why this profile cannot reach
 * the server. s needs id, zone, sources and hostname. */
int dd_edit_hostname(const struct dd_account *a, const struct dd_server *s, const char *hostname,
		     struct dd_write_plan *out, struct dd_error *err);
/* tags: comma-separated; blanks around commas are dropped. Scaleway only. */
int dd_edit_tags(const struct dd_account *a, const struct dd_server *s, const char *tags,
		 struct dd_write_plan *out, struct dd_error *err);
/* ip: one of the server's addresses; reverse "" removes it. */
int dd_edit_reverse(const struct dd_account *a, const struct dd_server *s, const struct dd_ip *ip,
		    const char *reverse, struct dd_write_plan *out, struct dd_error *err);
/* Both flags are sent; password NULL or "" keeps the current one. */
int dd_edit_backup(const struct dd_account *a, const struct dd_server *s, bool acl_enabled,
		   bool autologin, const char *password, struct dd_write_plan *out,
		   struct dd_error *err);

#endif
