/* IAM v1alpha1 routes: segs are the path after /iam/v1alpha1. */
#ifndef DD_SB_IAM_API_H
#define DD_SB_IAM_API_H

#include "sandbox/server.h"

void dd_sb_iam_handle(const struct dd_sb_req *r, struct dd_sb_resp *resp);
/* Whether the Organization's SSH key id may go into an installation: 1
 * yes, 0 disabled, -1 no such key. */
int dd_sb_ssh_key_usable(const char *id);

#endif
