/* The JSON documents of `dedi rpn list --json` and `dedi rpn v2 logs
 * --json`. Version 1: fields are only ever added. */
#ifndef DD_RPN_EXPORT_H
#define DD_RPN_EXPORT_H

#include "core/model_net.h"

/* Caller frees. NULL on ENOMEM. */
char *dd_export_rpn_json(const struct dd_rpn_list *v1, const struct dd_rpn_list *v2);
char *dd_export_rpn_logs_json(const struct dd_rpn_log_list *l);

#endif
