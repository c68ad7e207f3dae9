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

int dd_online_url_rpn_groups(const struct dd_creds *c, bool v2, char *buf, size_t len,
			     struct dd_error *err);
/* Appends every group (with its members) to l; on failure l holds
 * nothing of this answer. */
int dd_online_decode_rpn_groups(const char *body, size_t len, bool v2, struct dd_rpn_list *l,
				struct dd_error *err);

#endif
