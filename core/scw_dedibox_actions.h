/* Backend room: the server actions of Scaleway's Dedibox v1 API (power,
 * rescue, BMC access): request builders for the write path and the
 * decoders of their answers. */
#ifndef DD_SCW_DEDIBOX_ACTIONS_H
#define DD_SCW_DEDIBOX_ACTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "core/actions_model.h"
#include "core/creds.h"
#include "core/error.h"
#include "core/write.h"

/* POST .../servers/{id}/reboot|start|stop, body {}. */
int dd_scw_req_power(const struct dd_creds *c, const char *zone, int64_t id, enum dd_power what,
		     struct dd_write_req *out, struct dd_error *err);
/* POST .../rescue {"os_id": N}, DELETE .../rescue. */
int dd_scw_req_rescue(const struct dd_creds *c, const char *zone, int64_t id, int64_t os_id,
		      struct dd_write_req *out, struct dd_error *err);
int dd_scw_req_rescue_off(const struct dd_creds *c, const char *zone, int64_t id,
			  struct dd_write_req *out, struct dd_error *err);
/* POST .../bmc-access {"ip": ADDR}, DELETE .../bmc-access. */
int dd_scw_req_bmc(const struct dd_creds *c, const char *zone, int64_t id, const char *ip,
		   struct dd_write_req *out, struct dd_error *err);
int dd_scw_req_bmc_off(const struct dd_creds *c, const char *zone, int64_t id,
		       struct dd_write_req *out, struct dd_error *err);

/* GET /zones/{z}/os?server_id=ID&type=rescue */
int dd_scw_url_rescue_images(const struct dd_creds *c, const char *zone, int64_t id, char *buf,
			     size_t len, struct dd_error *err);
/* GET /zones/{z}/os?server_id=ID: every system the server can install. */
int dd_scw_url_oses(const struct dd_creds *c, const char *zone, int64_t id, char *buf, size_t len,
		    struct dd_error *err);
/* {"os": [...], "total_count": N} into out (cleared first); rescue
 * systems and installable ones are the same records. */
int dd_scw_decode_rescue_images(const char *body, size_t len, struct dd_rescue_images *out,
				struct dd_error *err);
/* The Rescue answer of POST/GET .../rescue. */
int dd_scw_decode_rescue(const char *body, size_t len, struct dd_rescue_creds *out,
			 struct dd_error *err);
/* The BMCAccess answer of POST/GET .../bmc-access. */
int dd_scw_decode_bmc(const char *body, size_t len, struct dd_bmc *out, struct dd_error *err);

/* GET .../partitioning/{os_id}: the API's default plan for that OS. */
int dd_scw_url_partitioning(const struct dd_creds *c, const char *zone, int64_t id, int64_t os_id,
			    char *buf, size_t len, struct dd_error *err);
int dd_scw_decode_partitioning(const char *body, size_t len, struct dd_partitions *out,
			       struct dd_error *err);
/* POST .../install, user_password masked in out->shown. */
int dd_scw_req_install(const struct dd_creds *c, const char *zone, int64_t id,
		       const struct dd_install *in, struct dd_write_req *out, struct dd_error *err);
int dd_scw_req_cancel_install(const struct dd_creds *c, const char *zone, int64_t id,
			      struct dd_write_req *out, struct dd_error *err);
/* GET .../install: its status (booting ... installed) into buf. */
int dd_scw_url_install(const struct dd_creds *c, const char *zone, int64_t id, char *buf,
		       size_t len, struct dd_error *err);
int dd_scw_decode_install_status(const char *body, size_t len, char *buf, size_t blen,
				 struct dd_error *err);
/* GET /zones/{z}/os/{os_id}: the OS's name and version into buf. */
int dd_scw_url_os(const struct dd_creds *c, const char *zone, int64_t os_id, char *buf, size_t len,
		  struct dd_error *err);
int dd_scw_decode_os_name(const char *body, size_t len, char *buf, size_t blen,
			  struct dd_error *err);

#endif
