/* Backend room: the RAID arrays of Scaleway's Dedibox v1 API (GET
 * .../raid, POST .../update-raid) and their records. */
#ifndef DD_SCW_DEDIBOX_RAID_H
#define DD_SCW_DEDIBOX_RAID_H

#include <stddef.h>
#include <stdint.h>

#include "core/actions_model.h"
#include "core/creds.h"
#include "core/error.h"
#include "core/write.h"

/* GET .../raid */
int dd_scw_url_raid(const struct dd_creds *c, const char *zone, int64_t id, char *buf, size_t len,
		    struct dd_error *err);
/* {"raid_arrays": [...]} into out. */
int dd_scw_decode_raid(const char *body, size_t len, struct dd_raid *out, struct dd_error *err);
/* POST .../update-raid with every array of r (level, disk ids). */
int dd_scw_req_update_raid(const struct dd_creds *c, const char *zone, int64_t id,
			   const struct dd_raid *r, struct dd_write_req *out, struct dd_error *err);

#endif
