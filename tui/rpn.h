/* The RPN topology (a screen pushed over a tab: `:rpn`, or `r` on the
 * Network tab): RPN v1 and v2 groups together, their members with the
 * VLAN of each membership, pending and active states, the invitations
 * received. `d` deletes the group, removes the member or refuses the
 * invitation under the cursor, after the dialog and the group's name
 * typed; `a` accepts the invitation under it, after the dialog. */
#ifndef DD_TUI_RPN_H
#define DD_TUI_RPN_H

struct dd_screen_ops;
extern const struct dd_screen_ops dd_screen_rpn;

#endif
