/* The profile in use (README, "Credentials" and "The profile in use"):
 * the environment alone, or a profile of the vault with the environment
 * laid over it. Once the vault is open, every profile of it stays in
 * locked memory, so the console can switch profile without asking the
 * passphrase again. Core asks nothing itself: the caller unlocks. */
#ifndef DD_PROFILE_H
#define DD_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/config.h"
#include "core/creds.h"
#include "core/error.h"
#include "core/vault.h"

enum dd_profile_source {
	DD_PROFILE_ENV,   /* the environment alone; the vault stays closed */
	DD_PROFILE_VAULT, /* a vault profile, the environment laid over it */
};

/* The rule before anything is opened. explicit_name is --profile (NULL
 * or "" when not given); DEDI_PROFILE also names a profile. A secret in
 * the environment (SCW_SECRET_KEY, DEDI_ONLINE_TOKEN) with no profile
 * named, or no vault and no profile named, means the environment. */
enum dd_profile_source dd_profile_decide(const char *explicit_name, bool vault_exists);

/* Opens the vault at path (the passphrase is the caller's business): NULL
 * with err filled. cfg is the loaded config (passphrase_command). */
typedef struct dd_vault *(*dd_profile_unlock_fn)(void *ud, const struct dd_config *cfg,
						  const char *path, struct dd_error *err);

struct dd_profiles;

/* Applies the rules: calls unlock at most once, copies every profile of
 * the vault into locked memory and closes the vault. Fails when the
 * selected profile is missing, or when there are no credentials at all.
 * Caller frees with dd_profiles_free (wipes). */
struct dd_profiles *dd_profiles_open(const char *explicit_name, dd_profile_unlock_fn unlock,
				     void *ud, struct dd_error *err);
/* The profiles of an open vault (copied; the vault may close after),
 * with selected as the current one. For callers that already hold it. */
struct dd_profiles *dd_profiles_from_vault(const struct dd_vault *v, const char *selected,
					   struct dd_error *err);
void dd_profiles_free(struct dd_profiles *p);

enum dd_profile_source dd_profiles_source(const struct dd_profiles *p);
/* The profile chosen at open: a vault name, or "env". Borrowed. */
const char *dd_profiles_current(const struct dd_profiles *p);
/* Vault profiles in vault order; 0 with the environment alone. Names are
 * borrowed until dd_profiles_free; NULL past the end. */
size_t dd_profiles_count(const struct dd_profiles *p);
const char *dd_profiles_name(const struct dd_profiles *p, size_t i);

/* New credentials for the profile name (the environment's own with
 * DD_PROFILE_ENV and name "env"), environment laid over (dd_account_new
 * fills the default URLs).
 * Caller frees with dd_creds_free. NULL with err filled (DD_E_AUTH when
 * there is no such profile, or when the vault was never opened). */
struct dd_creds *dd_profiles_creds(const struct dd_profiles *p, const char *name,
				   struct dd_error *err);

#endif
