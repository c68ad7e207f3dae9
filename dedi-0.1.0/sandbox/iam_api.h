/* IAM v1alpha1 routes: segs are the path after /iam/v1alpha1. */
#ifndef DD_SB_IAM_API_H
#define DD_SB_IAM_API_H

#include "sandbox/server.h"

void dd_sb_iam_handle(const struct dd_sb_req *r, struct dd_sb_resp *resp);

#endif
