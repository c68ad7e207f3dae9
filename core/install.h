/* The OS installation as a write plan, and the reads around it: the OS's
 * name, the API's default partitioning for that OS on that server, the
 * installation's progress. Scaleway keys only for now: the Online API's
 * install takes other fields and reports only installing/installed. */
#ifndef DD_INSTALL_H
#define DD_INSTALL_H

#include <stddef.h>
#include <stdint.h>

#include "core/account.h"
#include "core/actions_model.h"
#include "core/error.h"
#include "core/http.h"
#include "core/model.h"
#include "core/write.h"

/* The steps the API reports, in order; dd_install_step gives the
 * position (1..9) of a status, 0 when the API said something else. */
#define DD_INSTALL_STEPS 9
int dd_install_step(const char *status);

/* A strong password for the new system: 20 characters from libsodium's
 * randombytes, letters, digits and a few signs every OS accepts. buf
 * holds at least 21 bytes. */
void dd_install_gen_password(char *buf, size_t len);

/* Checks the plan before anything is sent: a hostname (core/names), a
 * user and a password of 8 to 64 characters, and partitions the disks can
 * hold: positive sizes, one root (/ or C:), no mount point twice, no more
 * than in->budget bytes in all (when it is known). */
int dd_install_check(const struct dd_install *in, struct dd_error *err);

/* Reads the systems server s can install (ids and names) into *out,
 * valid until done; the caller clears it. */
int dd_install_load_oses(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			 struct dd_rescue_images *out, dd_done_fn done, void *ud,
			 struct dd_error *err);
/* Replaces partition i (0-based) from "FS MOUNT GIB RAID" ("ext4 /srv
 * 200 raid1"; MOUNT "-" for none, GIB a size in GiB), checked: a known
 * file system, a RAID level its disks can build, and every partition
 * still fitting the disks. in is unchanged on error. */
int dd_install_edit_partition(struct dd_install *in, size_t i, const char *text,
			      struct dd_error *err);

/* Replaces the whole partitioning (the API's default plan, which must be
 * loaded: it names the disks) with n specs "MOUNT:FS:SIZE[:RAID]" (MOUNT
 * "-" or empty for none, SIZE in GiB with an optional G or GiB, RAID
 * no_raid by default), checked as dd_install_edit_partition checks one:
 * no_raid on the first disk, another level over every disk. in is
 * unchanged on error. */
int dd_install_replace_partitions(struct dd_install *in, const char *const *specs, size_t n,
				  struct dd_error *err);

/* Reads the OS's name and the default partitioning of os_id on server s
 * into *out (os_id, os_name, parts), which must stay valid until done. */
int dd_install_load_defaults(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			     int64_t os_id, struct dd_install *out, dd_done_fn done, void *ud,
			     struct dd_error *err);
/* Reads the installation's status (booting ... installed) into buf
 * (32 bytes at least), valid until done. */
int dd_install_read_status(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
			   char *buf, size_t len, dd_done_fn done, void *ud, struct dd_error *err);

/* The write plans: install (erases the disks), cancel. */
int dd_install_plan(const struct dd_account *a, const struct dd_server *s,
		    const struct dd_install *in, struct dd_write_plan *out, struct dd_error *err);
int dd_install_plan_cancel(const struct dd_account *a, const struct dd_server *s,
			   struct dd_write_plan *out, struct dd_error *err);

#endif
