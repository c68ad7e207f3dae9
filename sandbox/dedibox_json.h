/* Dedibox v1 wire objects (snake_case as in @scaleway/sdk-dedibox 1.4.0
 * marshalling.gen.js) built from the world. Every json_t function returns a
 * new reference, NULL on out of memory. */
#ifndef DD_SB_DEDIBOX_JSON_H
#define DD_SB_DEDIBOX_JSON_H

#include <jansson.h>
#include <stdint.h>

#include "sandbox/world.h"

json_t *dd_sb_offer_json(const struct dd_sb_offer *o);
/* Stock of offer (index in dd_sb_offers) overall (dc < 0) or in a
 * datacenter: "available", "low" or "empty". */
const char *dd_sb_offer_stock(size_t offer, int dc);
json_t *dd_sb_option_offer_json(unsigned i);
json_t *dd_sb_os_json(const struct dd_sb_os *os, int rescue);
/* which: 0 public IPv4, 1 IPv6, 2 private (RPN), 3 ipmi */
json_t *dd_sb_ip_json(const struct dd_sb_server *s, unsigned which);
json_t *dd_sb_failover_ip_json(const struct dd_sb_failover *f);
json_t *dd_sb_server_summary_json(const struct dd_sb_server *s);
json_t *dd_sb_server_json(const struct dd_sb_server *s);
/* The ip-shuffle quirk, applied to a server object above (in place; a
 * no-op when the quirk is off): the first interface gains one address of
 * each semantic the SDK's IP.Semantic knows, then its list is shuffled. */
void dd_sb_ips_quirk(const struct dd_sb_world *w, const struct dd_sb_server *s, json_t *server);
/* Shuffles a JSON array in place, the same way for the same key. */
void dd_sb_shuffle(json_t *arr, uint64_t key);
json_t *dd_sb_failover_json(const struct dd_sb_world *w, const struct dd_sb_failover *f);
json_t *dd_sb_backup_json(const struct dd_sb_server *s);
json_t *dd_sb_disk_json(const struct dd_sb_server *s, unsigned k);
json_t *dd_sb_time_json(int64_t t);
/* A Google money object holding exactly cents (core's dd_money_from_cents). */
json_t *dd_sb_money_json(int64_t cents);
/* A string that may hold any bytes (hostile names). */
json_t *dd_sb_raw_string(const char *s);

#endif
