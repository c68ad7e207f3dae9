/* A server's RAID arrays (Scaleway's GET .../raid) and the plan that
 * changes one array's level (POST .../update-raid, every array sent, as
 * the API wants the whole layout). Scaleway keys only. */
#ifndef DD_RAID_H
#define DD_RAID_H

#include <stddef.h>
#include <stdint.h>

#include "core/account.h"
#include "core/creds.h"
#include "core/error.h"
#include "core/http.h"
#include "core/model.h"
#include "core/scw_dedibox_raid.h"
#include "core/write.h"

/* Can level be built from n disks? The API's rule: no_raid one disk,
 * raid0 two or more, raid1 an even number, raid5 three or more, raid6 and
 * raid10 four or more (raid10 even). 0, or -1 with err saying why. */
int dd_raid_level_fits(const char *level, size_t n, struct dd_error *err);

/* Reads server s's arrays into *out, valid until done. */
int dd_raid_load(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
		 struct dd_raid *out, dd_done_fn done, void *ud, struct dd_error *err);
/* The plan that sets array i of cur to level (the others unchanged). */
int dd_raid_plan(const struct dd_account *a, const struct dd_server *s, const struct dd_raid *cur,
		 size_t i, const char *level, struct dd_write_plan *out, struct dd_error *err);

/* { "server_id", "hostname", "zone", "controller": null, "arrays": [ {
 * "array": 1, "level", "disks": [ { "id", "connector", "type", "capacity"
 * } ] } ] } for dedi server raid --json; caller frees; NULL on ENOMEM. */
char *dd_raid_json(const struct dd_server *s, const struct dd_raid *r);

#endif
