/* Online.net v1, network: the account's failover IPs (GET /server/failover:
 * source, destination, mac, status, server {"$ref"}), for a profile that
 * has only a Dedibox private token. The Online API names no zone and gives
 * a failover IP no id: the record's id is its IPv4 address as a number,
 * its zone "". */
#ifndef DD_ONLINE_NET_H
#define DD_ONLINE_NET_H

#include <stddef.h>

#include "core/creds.h"
#include "core/error.h"
#include "core/model.h"

int dd_online_url_failovers(const struct dd_creds *c, char *buf, size_t len, struct dd_error *err);
/* Appends the answer's failover IPs to l; on failure l holds nothing of it.
 * Strict on types (DD_E_DECODE with the path); strings sanitized. */
int dd_online_decode_failovers(const char *body, size_t len, struct dd_failover_list *l,
			       struct dd_error *err);

#endif
