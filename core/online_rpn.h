/* Online v1 RPN reads (shared/api/online-v1.md section 6): the groups of
 * an Online-only profile, RPN v1 (/rpn/group) and v2 (/rpn/v2), each an
 * array of groups with their members inline, decoded into the records
 * Dedibox v1's groups fill. */
#ifndef DD_ONLINE_RPN_H
#define DD_ONLINE_RPN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/creds.h"
#include "core/error.h"
#include "core/model_net.h"
#include "core/scw_dedibox_rpn.h"
#include "core/write.h"

int dd_online_url_rpn_groups(const struct dd_creds *c, bool v2, char *buf, size_t len,
			     struct dd_error *err);
/* Appends every group (with its members) to l; on failure l holds
 * nothing of this answer. */
int dd_online_decode_rpn_groups(const char *body, size_t len, bool v2, struct dd_rpn_list *l,
				struct dd_error *err);

/* GET /rpn/group/{id} (v1) or /rpn/v2/{id}: one group, members inline. */
int dd_online_url_rpn_group(const struct dd_creds *c, bool v2, int64_t id, char *buf, size_t len,
			    struct dd_error *err);
/* One group object into g (cleared first). */
int dd_online_decode_rpn_group(const char *body, size_t len, bool v2, struct dd_rpn_group *g,
			       struct dd_error *err);

/* The Online request of ch (online-v1.md section 6), a form whose arrays
 * are JSON text (server_ids=[12,13]) as the API's clients send them.
 * servers are the server ids the change names: for an add or a creation
 * ch's ids, for a removal the servers of ch's members (Online removes by
 * server). Online has no route for the other changes: an error says so. */
int dd_online_req_rpn(const struct dd_creds *c, const struct dd_rpn_change *ch,
		      const int64_t *servers, size_t n_servers, struct dd_write_req *out,
		      struct dd_error *err);

#endif
