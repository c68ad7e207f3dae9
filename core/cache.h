/* The encrypted cache: the last known fleet of a profile (its servers and
 * the details read of them), so the console paints at once and --offline
 * answers without a request. One file per profile,
 * $XDG_CACHE_HOME/dedi/PROFILE.cache, mode 0600, replaced atomically,
 * sealed with XChaCha20-Poly1305 (layout: doc/cache-format.md).
 *
 * The key: a vault profile's is the vault's subkey "cache"
 * (dd_vault_subkey, kept in the creds by core/profile.c); a profile of
 * the environment alone (and the demo) has no vault, so its key is derived
 * from the API secrets themselves. Either way a cache of another vault or
 * other keys does not open. The cache holds no secret: the records only. */
#ifndef DD_CACHE_H
#define DD_CACHE_H

#include <stddef.h>
#include <time.h>

#include "core/account.h"
#include "core/creds.h"
#include "core/error.h"
#include "core/store.h"

/* 2: the Online validators section (1 is still read, without it) */
#define DD_CACHE_VERSION 2u
/* Largest cache file read: a bound, so a hostile file cannot make dedi
 * allocate without limit (10,000 servers with details are about 8 MiB). */
#define DD_CACHE_MAX_FILE (128u * 1024u * 1024u)
/* err->api_type of a file that was there but could not be used (corrupt,
 * foreign, future version): the caller says it was discarded. */
#define DD_CACHE_DISCARDED "cache_discarded"

/* The cache key of c into out (locked memory is the caller's choice):
 * the vault's subkey when the profile came from a vault, else a key
 * derived from the secrets. -1 when the profile has no secret at all. */
int dd_cache_key(const struct dd_creds *c, unsigned char out[32], struct dd_error *err);

/* $XDG_CACHE_HOME/dedi/PROFILE.cache */
int dd_cache_path(const struct dd_creds *c, char *buf, size_t len, struct dd_error *err);

/* The whole file in memory, sealed: the fleet of st (servers with their
 * folded details) and written_at. Caller frees *out with free(). */
int dd_cache_seal(const struct dd_store *st, const struct dd_creds *c,
		  const unsigned char key[32], time_t written_at, unsigned char **out,
		  size_t *len, struct dd_error *err);
/* Opens a sealed buffer and puts its fleet in st (replacing the list;
 * DD_KIND_SERVERS fresh as of the cache's date, marked cached). Refuses
 * with err (DD_E_IO, api_type DD_CACHE_DISCARDED, a sentence saying why)
 * a corrupt, foreign (another profile, API endpoint or key) or
 * future-version buffer; st is then untouched. */
int dd_cache_unseal(const unsigned char *buf, size_t len, const struct dd_creds *c,
		    const unsigned char key[32], struct dd_store *st, time_t *written_at,
		    struct dd_error *err);

/* Writes st's fleet to the profile's cache file (directory made 0700,
 * file 0600 whatever the umask, whole or not at all). */
int dd_cache_save(const struct dd_store *st, const struct dd_creds *c, struct dd_error *err);
/* Reads the profile's cache into st: 1 when loaded (*written_at set), 0
 * when there is none, -1 with err when it could not be used: a discarded
 * file (api_type DD_CACHE_DISCARDED; the file is removed so the next
 * start does not stumble on it again) or a file that cannot be read. */
int dd_cache_load(struct dd_store *st, const struct dd_creds *c, time_t *written_at,
		  struct dd_error *err);

/* Only the Online validators of the profile's cache into st (the fleet
 * itself is left out): what a listing asks If-None-Match with. Returns as
 * dd_cache_load does; a discarded cache is said by the caller in one line
 * and the listing reads everything in full. */
int dd_cache_load_validators(struct dd_store *st, const struct dd_creds *c, struct dd_error *err);

/* The same for an account's store and profile: load notifies the store's
 * listener (DD_KIND_SERVERS) when it put the cache in. */
int dd_cache_load_account(struct dd_account *a, time_t *written_at, struct dd_error *err);
int dd_cache_save_account(const struct dd_account *a, struct dd_error *err);

/* "just now", "42 s ago", "3 min ago", "2 h ago", "5 days ago". */
void dd_cache_age(time_t then, time_t now, char *buf, size_t len);

#endif
