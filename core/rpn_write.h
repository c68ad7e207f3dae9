/* RPN v1 and v2 changes: the checks before anything is sent (group
 * names, VLANs, ids), the plan of each change, and the target the write
 * path re-reads (the group, the group list for a creation, the
 * invitations for an answer to one). The requests are built by
 * core/scw_dedibox_rpn, or core/online_rpn for a profile with only an
 * Online token (its removals name servers: a member's server is read
 * from the store). */
#ifndef DD_RPN_WRITE_H
#define DD_RPN_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/account.h"
#include "core/error.h"
#include "core/scw_dedibox_rpn.h"
#include "core/write.h"

/* The API's VLAN range for an RPN v2 member. */
#define DD_RPN_VLAN_MIN 0
#define DD_RPN_VLAN_MAX 3967
#define DD_RPN_NAME_MAX 64

/* A group name: 1 to 64 characters, no control character. */
int dd_rpn_check_name(const char *name, struct dd_error *err);
/* "default" (-1) or a number in the API's range into *vlan. */
int dd_rpn_parse_vlan(const char *text, int *vlan, struct dd_error *err);
/* "12,13" into ch->ids (positive, at most DD_RPN_MAX_IDS, no repeat). */
int dd_rpn_parse_ids(const char *text, const char *what, struct dd_rpn_change *ch,
		     struct dd_error *err);

/* The checks of dd_rpn_plan that need no store: the values, and for an
 * Online-only profile whether the Online API has a route for ch. */
int dd_rpn_check_change(const struct dd_account *a, const struct dd_rpn_change *ch,
			struct dd_error *err);

/* Checks ch and fills plan (summary, request). seen_name is the group's
 * name as the user saw it ("" or NULL when it has none: a creation, an
 * invitation). */
int dd_rpn_plan(const struct dd_account *a, const struct dd_rpn_change *ch, const char *seen_name,
		struct dd_write_plan *plan, struct dd_error *err);

/* The change touches this one member's server: `protected` guards it
 * (remove, leave, a VLAN of one member). m may be NULL. */
void dd_rpn_plan_member(struct dd_write_plan *plan, const struct dd_rpn_member *m);

/* Whether ch destroys something a typed name must confirm (delete,
 * remove, leave, refuse). */
bool dd_rpn_destructive(const struct dd_rpn_change *ch);

/* What dd_write_send_target re-reads for ch. Lives until the write's
 * callback has run; then dd_rpn_target_free. */
struct dd_rpn_target;
struct dd_rpn_target *dd_rpn_target_new(const struct dd_rpn_change *ch, const char *seen_name,
					struct dd_error *err);
void dd_rpn_target_lend(struct dd_rpn_target *t, struct dd_write_target *out);
void dd_rpn_target_free(struct dd_rpn_target *t);

#endif
