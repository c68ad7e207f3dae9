/* Reads the scw CLI's config.yaml (its top-level keys are the "default"
 * profile, "profiles:" holds the others) with libyaml, into dd_creds
 * records for the vault. Secrets read are wiped from libyaml's nodes. */
#ifndef DD_SCW_IMPORT_H
#define DD_SCW_IMPORT_H

#include <stddef.h>

#include "core/creds.h"
#include "core/error.h"

#define DD_SCW_IMPORT_MAX 256

struct dd_scw_import {
	struct dd_creds *prof; /* sodium_malloc'd array */
	size_t n;
	char active[64];       /* active_profile, "" if none */
	/* prof[i]'s default_zone when it was not a Dedibox zone (an
	 * Instance zone such as fr-par-3) and so not kept; "" otherwise. */
	char dropped_zone[DD_SCW_IMPORT_MAX][16];
};

/* $SCW_CONFIG_PATH, else $XDG_CONFIG_HOME/scw/config.yaml, else
 * ~/.config/scw/config.yaml. */
int dd_scw_import_default_path(char *buf, size_t len, struct dd_error *err);
/* Parses path. Profiles with neither an access key nor a secret key are
 * skipped. Unknown keys are ignored (scw has many); a value of the wrong
 * shape, a profile name dedi cannot use or a YAML error is refused with
 * line and column. Fills out; free with dd_scw_import_free. */
#define DD_SCW_IMPORT_MAX_BYTES (64 * 1024)
int dd_scw_import_file(const char *path, struct dd_scw_import *out, struct dd_error *err);
int dd_scw_import_text(const char *text, size_t len, const char *name,
		       struct dd_scw_import *out, struct dd_error *err);
void dd_scw_import_free(struct dd_scw_import *im);

/* A replace of old by c (same profile): every field the scw file left
 * empty keeps old's value (the Dedibox token and API URL are never in it),
 * and what changed and what was kept is written to what (no secret, keys
 * masked), e.g. "changed: access key SCWA…0001 -> SCWB…0002, secret key;
 * kept: Dedibox private token". */
void dd_scw_import_merge(const struct dd_creds *old, struct dd_creds *c, char *what, size_t len);

#endif
