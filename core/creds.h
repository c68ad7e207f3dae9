/* Credentials of one profile. The struct lives in sodium_malloc'd memory
 * (guarded, locked, wiped on free); copy secrets out of it only into other
 * locked memory. */
#ifndef DD_CREDS_H
#define DD_CREDS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct dd_creds {
	char profile[64];          /* profile name, "env" or "demo" */
	char access_key[64];       /* SCW_ACCESS_KEY */
	char secret_key[128];      /* SCW_SECRET_KEY (secret) */
	char organization_id[64];  /* SCW_DEFAULT_ORGANIZATION_ID */
	char project_id[64];       /* SCW_DEFAULT_PROJECT_ID */
	char zone[16];             /* SCW_DEFAULT_ZONE; "" = every zone */
	char scw_api_url[256];     /* SCW_API_URL, no trailing slash */
	char online_token[256];    /* DEDI_ONLINE_TOKEN (secret) */
	char online_api_url[256];  /* DEDI_ONLINE_API_URL, no trailing slash */
	/* The vault's subkey for the cache (core/cache.h), set by
	 * core/profile.c for a vault profile; never written to the vault. */
	unsigned char cache_key[32];
	bool cache_key_set;
	/* What the cache binds instead of the two API URLs when they change
	 * from run to run for the same data (the demo's sandbox port); "" to
	 * bind the URLs. */
	char cache_scope[64];
};


/* Zeroed, in locked memory; NULL on ENOMEM. Free with dd_creds_free. */
struct dd_creds *dd_creds_new(void);
void dd_creds_free(struct dd_creds *c);
/* Overlays every variable set in the environment onto c (environment
 * wins). Fails on a value too long or malformed (the message never quotes
 * a secret). */
int dd_creds_from_env(struct dd_creds *c, struct dd_error *err);
/* Fills empty URLs from SCW_API_URL and DEDI_ONLINE_API_URL, and nothing
 * else: a probe of keys being saved must not pick up the environment's
 * secrets. A value too long is ignored. */
void dd_creds_urls_from_env(struct dd_creds *c);
/* Fills empty URLs with the public defaults (core/request knows them) and
 * strips trailing slashes. */
void dd_creds_finish(struct dd_creds *c);
/* fr-par-1, fr-par-2 or nl-ams-1: the Dedibox zones. */
bool dd_creds_zone_ok(const char *z);
/* http:// or https:// with a host. */
bool dd_creds_url_ok(const char *u);
/* The zone and URLs of a profile read from the vault, refused with a
 * sentence naming the profile (not an environment variable it never set). */
int dd_creds_check_saved(const struct dd_creds *c, struct dd_error *err);
bool dd_creds_has_scw(const struct dd_creds *c);
bool dd_creds_has_online(const struct dd_creds *c);
/* "SCWX…XY12": enough to recognise a key, never enough to use it. */
void dd_creds_mask(const char *key, char *buf, size_t len);

#endif
