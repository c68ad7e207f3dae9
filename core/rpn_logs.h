/* An RPN v2 group's log, read on demand (every page) into a list the
 * caller owns: a history of one group, not a collection of the store. */
#ifndef DD_RPN_LOGS_H
#define DD_RPN_LOGS_H

#include "core/account.h"
#include "core/http.h"
#include "core/model_net.h"

/* Starts reading; done(ud, err) runs once when every page is in l (l
 * holds nothing of a failed read). 0 when started, -1 with err. */
int dd_rpn_load_logs(struct dd_account *a, struct dd_http *h, int64_t group_id,
		     struct dd_rpn_log_list *l, dd_done_fn done, void *ud, struct dd_error *err);

#endif
