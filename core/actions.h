/* The server actions (power, rescue, BMC access) as write plans: each
 * picks the API that serves the server, has the backend room build the
 * request and words the summary; core/write sends the plan. Also the one
 * read an action needs before its dialog: the server's rescue images. */
#ifndef DD_ACTIONS_H
#define DD_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/account.h"
#include "core/actions_model.h"
#include "core/error.h"
#include "core/http.h"
#include "core/model.h"
#include "core/write.h"

/* "reboot", "start", "stop": the command words; -1 when none. */
int dd_power_parse(const char *word, enum dd_power *out);
const char *dd_power_word(enum dd_power what);

/* Each fills out (wipe it with dd_write_plan_wipe) or returns -1 with err
 * saying why. s needs id, zone, sources and hostname. reason is what the
 * Online API records for a reboot or a shutdown (NULL: a default). */
int dd_action_power(const struct dd_account *a, const struct dd_server *s, enum dd_power what,
		    const char *reason, struct dd_write_plan *out, struct dd_error *err);
/* image: one of the server's rescue images (dd_action_load_rescue_images). */
int dd_action_rescue(const struct dd_account *a, const struct dd_server *s,
		     const struct dd_rescue_image *image, struct dd_write_plan *out,
		     struct dd_error *err);
int dd_action_rescue_off(const struct dd_account *a, const struct dd_server *s,
			 struct dd_write_plan *out, struct dd_error *err);
/* ip: the IPv4 address allowed to reach the BMC. The Online API opens a
 * session in two steps: the write answers its key, dd_action_read_bmc
 * then reads the details until status is "created". Revoking an Online
 * session needs its key: known, as dd_action_read_bmc left it. */
int dd_action_bmc(const struct dd_account *a, const struct dd_server *s, const char *ip,
		  struct dd_write_plan *out, struct dd_error *err);
int dd_action_bmc_off(const struct dd_account *a, const struct dd_server *s,
		      const struct dd_bmc *known, struct dd_write_plan *out, struct dd_error *err);

/* Reads the server's open access into *out (valid until done): Scaleway's
 * bmc-access, or the Online session out->session_key names (read from
 * GET /server/{id} when ""). An Online session not ready yet leaves
 * status "creating": ask again. Stamps out with the answer's Date. */
int dd_action_read_bmc(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
		       struct dd_bmc *out, dd_done_fn done, void *ud, struct dd_error *err);
/* Seconds left before b expires, by the API's clock (the Date of the
 * answer it came in, moved on by this machine's elapsed time since; *by_api
 * true) or, without that Date, by this machine's clock (*by_api false);
 * -1 when the API gave no expiry. */
long long dd_bmc_left(const struct dd_bmc *b, long long local_now, bool *by_api);

/* The answer of a rescue or BMC write that succeeded (plan->req.api says
 * which API answered). The caller wipes out with dd_action_wipe. */
int dd_action_decode_rescue(const struct dd_write_plan *plan, const char *body, size_t len,
			    struct dd_rescue_creds *out, struct dd_error *err);
/* date: the answer's Date (dd_write_result.date). Online: the session
 * key only, status "creating". */
int dd_action_decode_bmc(const struct dd_write_plan *plan, const char *body, size_t len,
			 long long date, struct dd_bmc *out, struct dd_error *err);
void dd_action_wipe(void *secret_record, size_t len);

/* The caller's address for the BMC when it is known: the client end of
 * the SSH session dedi runs in ($SSH_CONNECTION, then $SSH_CLIENT),
 * which is where the person sits. false when dedi does not run over SSH
 * or that end is not IPv4 (the API allows one IPv4 address). */
bool dd_action_caller_ip(char *buf, size_t len);

/* Reads the rescue images of server s (from the API that serves it) into
 * *out, which must stay valid until done runs; the caller clears it. */
int dd_action_load_rescue_images(struct dd_account *a, struct dd_http *h,
				 const struct dd_server *s, struct dd_rescue_images *out,
				 dd_done_fn done, void *ud, struct dd_error *err);

#endif
