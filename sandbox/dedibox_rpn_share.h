/* What the two RPN rooms of the sandbox share: dedibox_rpn.c (groups,
 * members, VLANs, logs, capabilities, the routes) and dedibox_rpn_share.c
 * (RPN v1 between accounts: invitations, their answers, leaving). Every
 * function expects the world's write lock held, as the routes take it. */
#ifndef DD_SB_DEDIBOX_RPN_SHARE_H
#define DD_SB_DEDIBOX_RPN_SHARE_H

#include <jansson.h>

#include "sandbox/server.h"
#include "sandbox/world.h"

extern const char *const dd_sb_rpn_orders[];

/* 403 permissions_denied, as the API words it (sdk-client errors). */
void dd_sb_rpn_denied(struct dd_sb_resp *resp, const char *action);
int dd_sb_rpn_foreign_server(uint32_t id);
/* -1 with a 412 when a server of list is already a member (or invited). */
int dd_sb_rpn_not_members(const struct dd_sb_rpn_group *g, json_t *list, struct dd_sb_resp *resp);
/* Reads a list of ids (key) from body; -1 with a 400 when malformed. */
int dd_sb_rpn_ids(json_t *body, const char *key, int required, struct dd_sb_resp *resp);
/* Finds every member id of body's member_ids in g; -1 with a 404 if not. */
int dd_sb_rpn_members_exist(json_t *body, const struct dd_sb_rpn_group *g, struct dd_sb_resp *resp);
json_t *dd_sb_rpn_member_json(struct dd_sb_world *w, const struct dd_sb_rpn_group *g,
			      const struct dd_sb_rpn_member *m);

/* POST /rpnv1/groups/{id}/leave, /invite; GET /rpnv1/invites;
 * POST /rpnv1/invites/{id}/accept|refuse. */
void dd_sb_rpn_leave(const struct dd_sb_req *r, struct dd_sb_rpn_group *g, struct dd_sb_resp *resp);
void dd_sb_rpn_invite(const struct dd_sb_req *r, struct dd_sb_rpn_group *g, struct dd_sb_resp *resp);
void dd_sb_rpn_invites(const struct dd_sb_req *r, struct dd_sb_resp *resp);
void dd_sb_rpn_answer_invite(const struct dd_sb_req *r, int accept, struct dd_sb_resp *resp);

#endif
