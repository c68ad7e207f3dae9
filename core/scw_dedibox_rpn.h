/* Scaleway Dedibox v1, RPN writes: the request of every RPN v1 and v2
 * change, shaped as the SDK's marshal*Request (RpnV1API, RpnV2API). The
 * reads are in scw_dedibox_net. */
#ifndef DD_SCW_DEDIBOX_RPN_H
#define DD_SCW_DEDIBOX_RPN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/creds.h"
#include "core/error.h"
#include "core/write.h"

enum dd_rpn_op {
	DD_RPN_CREATE,     /* v1, v2: name, ids (servers), v2 type */
	DD_RPN_RENAME,     /* v1, v2: group, name */
	DD_RPN_DELETE,     /* v1, v2: group */
	DD_RPN_ADD,        /* v1, v2: group, ids (servers) */
	DD_RPN_REMOVE,     /* v1, v2: group, ids (members) */
	DD_RPN_INVITE,     /* v1: group, ids (servers of another account) */
	DD_RPN_LEAVE,      /* v1: group, ids (this account's members) */
	DD_RPN_ACCEPT,     /* v1: member (the invitation) */
	DD_RPN_REFUSE,     /* v1: member */
	DD_RPN_VLAN,       /* v2: group, ids (members), vlan (-1: the default) */
	DD_RPN_COMPAT_ON,  /* v2: group, v1_group */
	DD_RPN_COMPAT_OFF, /* v2: group */
};

#define DD_RPN_MAX_IDS 32

/* One change, as the user asked it. */
struct dd_rpn_change {
	enum dd_rpn_op op;
	bool v2;
	int64_t group_id;
	char name[128];              /* create, rename */
	char type[16];               /* v2 create: standard or qinq ("" = standard) */
	int64_t ids[DD_RPN_MAX_IDS]; /* servers or members, by op */
	size_t n_ids;
	int vlan;                    /* DD_RPN_VLAN: 0..3967, -1 for the default */
	int64_t v1_group;            /* DD_RPN_COMPAT_ON */
	int64_t member_id;           /* DD_RPN_ACCEPT, DD_RPN_REFUSE */
};

/* Fills out with the request of ch (URL, method, JSON body). Checks only
 * what the URL needs; core/rpn_write checks the values first. */
int dd_scw_req_rpn(const struct dd_creds *c, const struct dd_rpn_change *ch,
		   struct dd_write_req *out, struct dd_error *err);

#endif
