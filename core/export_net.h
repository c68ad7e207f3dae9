/* The JSON documents of `dedi failover list --json` and `dedi ipv6 ...
 * --json`. Version 1: fields are only ever added. */
#ifndef DD_EXPORT_NET_H
#define DD_EXPORT_NET_H

#include <stddef.h>

#include "core/model.h"
#include "core/model_net.h"
#include "core/netcalc.h"
#include "core/scw_dedibox_netw.h"

/* Caller frees. NULL on ENOMEM. */
char *dd_export_failovers_json(const struct dd_failover_list *l);
/* The block (or null), its subnets and the quotas. */
char *dd_export_ipv6_json(const struct dd_ipv6_list *l);
/* free[0..n) of length len, total in all: the picker's list. */
char *dd_export_free_json(const struct dd_prefix *free, size_t n, unsigned long long total);

/* `failover quota --json`: one entry per zone. */
char *dd_export_fip_quota_json(const struct dd_fip_quota *q, size_t n);

#endif
