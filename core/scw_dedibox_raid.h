/* Backend room: the RAID arrays of Scaleway's Dedibox v1 API (GET
 * .../raid, POST .../update-raid) and their records. */
#ifndef DD_SCW_DEDIBOX_RAID_H
#define DD_SCW_DEDIBOX_RAID_H

#include <stddef.h>
#include <stdint.h>

#include "core/creds.h"
#include "core/error.h"
#include "core/write.h"

#define DD_RAID_MAX_DISKS 8
#define DD_RAID_MAX_ARRAYS 4

struct dd_raid_disk {
	int64_t id;
	char connector[16];       /* "A" */
	char type[16];            /* sata, ssd, nvme */
	int64_t capacity;         /* bytes */
};

struct dd_raid_array {
	char level[16];           /* no_raid, raid0, raid1, raid5, raid6, raid10 */
	struct dd_raid_disk disks[DD_RAID_MAX_DISKS];
	size_t n;
};

struct dd_raid {
	struct dd_raid_array arrays[DD_RAID_MAX_ARRAYS];
	size_t n;
};

/* GET .../raid */
int dd_scw_url_raid(const struct dd_creds *c, const char *zone, int64_t id, char *buf, size_t len,
		    struct dd_error *err);
/* {"raid_arrays": [...]} into out. */
int dd_scw_decode_raid(const char *body, size_t len, struct dd_raid *out, struct dd_error *err);
/* POST .../update-raid with every array of r (level, disk ids). */
int dd_scw_req_update_raid(const struct dd_creds *c, const char *zone, int64_t id,
			   const struct dd_raid *r, struct dd_write_req *out, struct dd_error *err);

#endif
