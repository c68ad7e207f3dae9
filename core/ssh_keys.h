/* The SSH keys an installation can authorize, from the API that installs
 * the server: the Organization's IAM keys (every page of IAM's list), or
 * the Online account's keys (GET /user/key/ssh, UUIDs); and the pick of
 * the ones the person named (an id, or a unique name) into the
 * installation's ssh_key_ids. */
#ifndef DD_SSH_KEYS_H
#define DD_SSH_KEYS_H

#include "core/account.h"
#include "core/actions_model.h"
#include "core/error.h"
#include "core/http.h"
#include "core/model.h"
#include "core/scw_iam.h"

/* Reads every key into *out (cleared first), page after page; out must
 * stay valid until done runs. */
int dd_ssh_keys_load(struct dd_account *a, struct dd_http *h, const struct dd_server *s,
		     struct dd_ssh_keys *out, dd_done_fn done, void *ud, struct dd_error *err);
/* Adds the key text names (its id, or its exact name when one key has it)
 * to in's ssh_key_ids, once. A disabled key, an unknown one, a name two
 * keys share, or more than DD_INSTALL_MAX_KEYS are refused (DD_E_USAGE or
 * DD_E_NOT_FOUND) with a sentence that lists what there is. */
int dd_ssh_keys_pick(const struct dd_ssh_keys *l, const char *text, struct dd_install *in,
		     struct dd_error *err);

#endif
