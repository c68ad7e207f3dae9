/* Backend room: the server actions of the Online.net v1 API (power and
 * rescue boot) for servers only that API serves: request builders for
 * the write path and the decoders of their answers. */
#ifndef DD_ONLINE_ACTIONS_H
#define DD_ONLINE_ACTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "core/actions_model.h"
#include "core/creds.h"
#include "core/error.h"
#include "core/write.h"

/* reboot: POST /server/reboot/{id} reason=..., stop: /server/shutdown/{id}
 * reason=..., start: /server/boot/normal/{id}. The API answers false to
 * a reboot without a reason, so reason must not be empty. */
int dd_online_req_power(const struct dd_creds *c, int64_t id, enum dd_power what,
			const char *reason, struct dd_write_req *out, struct dd_error *err);
/* POST /server/boot/rescue/{id} image=SLUG; leaving rescue is booting
 * normal again. */
int dd_online_req_rescue(const struct dd_creds *c, int64_t id, const char *image,
			 struct dd_write_req *out, struct dd_error *err);
int dd_online_req_rescue_off(const struct dd_creds *c, int64_t id, struct dd_write_req *out,
			     struct dd_error *err);

/* BMC sessions (online-v1.md §4): POST /server/bmc/session server_id=ID
 * &ip=ADDR answers the session's key (a JSON string); GET
 * /server/bmc/session/{key} answers 202 {} until it is ready, then
 * {"url","login","password","expiration"}; DELETE closes it. The key of
 * the open session is GET /server/{id}'s bmc.session_key. */
int dd_online_req_bmc(const struct dd_creds *c, int64_t id, const char *ip,
		      struct dd_write_req *out, struct dd_error *err);
int dd_online_req_bmc_off(const struct dd_creds *c, const char *key, struct dd_write_req *out,
			  struct dd_error *err);
int dd_online_url_bmc_session(const struct dd_creds *c, const char *key, char *buf, size_t len,
			      struct dd_error *err);
/* The key of POST's answer into out->session_key, status "creating". */
int dd_online_decode_bmc_key(const char *body, size_t len, struct dd_bmc *out, struct dd_error *err);
/* A 200 answer of GET session/{key}: url, login, password, expiration
 * (out's key and clock stamps are kept), status "created". */
int dd_online_decode_bmc_session(const char *body, size_t len, struct dd_bmc *out,
				 struct dd_error *err);
/* GET /server/{id}'s bmc.session_key into buf ("" when none is open). */
int dd_online_decode_server_bmc_key(const char *body, size_t len, char *buf, size_t buflen,
				    struct dd_error *err);

/* GET /server/rescue_images/{id}: ["slug", ...] */
int dd_online_url_rescue_images(const struct dd_creds *c, int64_t id, char *buf, size_t len,
				struct dd_error *err);
int dd_online_decode_rescue_images(const char *body, size_t len, struct dd_rescue_images *out,
				   struct dd_error *err);
/* {"login","password","protocol","ip"} */
int dd_online_decode_rescue(const char *body, size_t len, struct dd_rescue_creds *out,
			    struct dd_error *err);

#endif
