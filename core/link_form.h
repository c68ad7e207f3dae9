/* What the link wizard (tui/link_wizard.c) was given, and the text it is
 * kept as in the vault between two sessions (a vault record, never a
 * plain file: it holds the token and the secret key). Lines of
 * "name=value"; unknown names are skipped so a later dedi may add some. */
#ifndef DD_LINK_FORM_H
#define DD_LINK_FORM_H

#include "core/creds.h"
#include "core/error.h"
#include "core/passphrase.h"

#define DD_LINK_STEPS 9

struct dd_link_form {
	int step;               /* 1..DD_LINK_STEPS: where the wizard stands */
	char dbx_profile[64];   /* step 2: an existing profile for the Dedibox side, "" */
	char scw_profile[64];   /* step 3: an existing profile for the Scaleway side, "" */
	char payment[24];       /* step 6: sepa | card[:LAST4] | none | "" undeclared */
	char save_as[64];       /* step 9: the name of the profile to save */
	char report[512];       /* step 9: where to write the report, "" none */
	struct dd_creds *typed; /* steps 2-3: token, keys, organization typed
				 * (locked memory, owned; the URLs are not kept) */
};

/* Zeroed, step 1, typed allocated. -1 with err (out of memory). */
int dd_link_form_init(struct dd_link_form *f, struct dd_error *err);
/* Wipes and frees typed. */
void dd_link_form_free(struct dd_link_form *f);

/* The record text, secrets included, in locked memory: caller frees with
 * dd_secret_free. -1 with err. */
int dd_link_form_encode(const struct dd_link_form *f, struct dd_secret **out,
			struct dd_error *err);
/* Reads text into f (initialised). Refuses a value too long or with a
 * control character, a step out of 1..9, naming the line, never a value. */
int dd_link_form_decode(const char *text, struct dd_link_form *f, struct dd_error *err);

#endif
