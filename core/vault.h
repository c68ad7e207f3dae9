/* The encrypted credential vault: one file of named profiles, sealed with
 * XChaCha20-Poly1305 under a key derived from a passphrase by Argon2id.
 * The byte layout is doc/vault-format.md. Profiles are struct dd_creds
 * records kept in one sodium_malloc'd array (locked, guarded, wiped). */
#ifndef DD_VAULT_H
#define DD_VAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/creds.h"
#include "core/error.h"

/* What users get. Unlock takes about 0.45 s on a 2-core machine. */
#define DD_VAULT_OPSLIMIT_DEFAULT 3u
#define DD_VAULT_MEMLIMIT_DEFAULT (256u * 1024u * 1024u)
/* Bounds enforced on every header before anything is allocated: a hostile
 * file cannot make dedi allocate more than 1 GiB or run Argon2 for minutes. */
#define DD_VAULT_OPSLIMIT_MIN 1u
#define DD_VAULT_OPSLIMIT_MAX 10u
#define DD_VAULT_MEMLIMIT_MIN (8u * 1024u)
#define DD_VAULT_MEMLIMIT_MAX (1024u * 1024u * 1024u)
#define DD_VAULT_MAX_PROFILES 4096u
/* Largest ciphertext accepted, tag included. */
#define DD_VAULT_MAX_CIPHERTEXT (16u * 1024u * 1024u)

/* err->api_type when the passphrase (not the file) is what is wrong, so a
 * caller reading from a terminal may ask again. */
#define DD_VAULT_WRONG_PASSPHRASE "wrong_passphrase"

struct dd_vault_params {
	uint32_t opslimit; /* Argon2id passes */
	uint32_t memlimit; /* Argon2id memory in bytes, a multiple of 1024 */
};

struct dd_vault;

enum dd_vault_mode {
	DD_VAULT_READ = 0,   /* no lock; the file is replaced atomically */
	DD_VAULT_WRITE = 1,  /* exclusive lock held until dd_vault_close */
};

/* True when path exists (as anything, even a symlink). */
bool dd_vault_exists(const char *path);

/* Opens and decrypts path. With DD_VAULT_WRITE, waits for the lock first
 * and reads the file under it, so an update made elsewhere is never lost.
 * If the file does not exist and create is not NULL, returns an empty
 * vault with those parameters (written on the first dd_vault_save);
 * otherwise a missing file is DD_E_NOT_FOUND. The passphrase is borrowed.
 * NULL with err filled (DD_E_VAULT for any refusal). */
struct dd_vault *dd_vault_open(const char *path, const char *pass, size_t pass_len,
			       enum dd_vault_mode mode, const struct dd_vault_params *create,
			       struct dd_error *err);
/* Wipes every secret, releases the lock. Safe with NULL. */
void dd_vault_close(struct dd_vault *v);

/* Seals the profiles with a fresh nonce and replaces the file atomically
 * (the previous one becomes path.bak). Needs DD_VAULT_WRITE. */
int dd_vault_save(struct dd_vault *v, struct dd_error *err);
/* New passphrase (and parameters if not NULL), fresh salt; saved by the
 * next dd_vault_save. */
int dd_vault_rekey(struct dd_vault *v, const char *pass, size_t pass_len,
		   const struct dd_vault_params *params, struct dd_error *err);

size_t dd_vault_count(const struct dd_vault *v);
/* Borrowed until the vault changes or closes. NULL past the end. */
const struct dd_creds *dd_vault_at(const struct dd_vault *v, size_t i);
const struct dd_creds *dd_vault_find(const struct dd_vault *v, const char *name);
/* Adds c, or replaces the profile of the same name (c->profile). */
int dd_vault_put(struct dd_vault *v, const struct dd_creds *c, struct dd_error *err);
/* DD_E_NOT_FOUND when there is no such profile. */
int dd_vault_remove(struct dd_vault *v, const char *name, struct dd_error *err);
struct dd_vault_params dd_vault_get_params(const struct dd_vault *v);
/* A 32-byte key for another file sealed "with the vault key" (the cache):
 * BLAKE2b-256 of "dedi subkey v1 " + purpose, keyed by the vault's
 * encryption key. Changes when the passphrase (salt) changes. out should
 * be locked memory. */
int dd_vault_subkey(const struct dd_vault *v, const char *purpose, unsigned char out[32],
		    struct dd_error *err);
const char *dd_vault_path(const struct dd_vault *v);

/* Records kept beside the profiles (doc/vault-format.md, "Records"). A
 * vault holding one is refused by a dedi older than records, so dedi
 * writes one only while it is needed: the state of a link wizard left
 * before its end (tui/link_wizard.c), removed when the wizard ends. */
#define DD_VAULT_REC_LINK_WIZARD 1u
#define DD_VAULT_REC_MAX (64u * 1024u)
/* The record's text (borrowed, locked memory, until the record changes or
 * the vault closes); NULL when the vault holds none. */
const char *dd_vault_record(const struct dd_vault *v, unsigned kind);
/* Sets the record to text (copied into locked memory), or removes it
 * (text NULL); saved by the next dd_vault_save. */
int dd_vault_set_record(struct dd_vault *v, unsigned kind, const char *text,
			struct dd_error *err);

/* What can be learnt without the passphrase: the same checks as
 * dd_vault_open up to (not including) the key. */
struct dd_vault_info {
	unsigned version;
	struct dd_vault_params params;
	size_t file_size;
	size_t contents_len; /* ciphertext bytes, tag included */
};
int dd_vault_inspect(const char *path, struct dd_vault_info *info, struct dd_error *err);

/* Profile names: 1 to 63 of [A-Za-z0-9._-], not starting with '.' or '-'. */
bool dd_vault_name_ok(const char *name);
/* Refuses a profile whose fields do not fit the format (message names the
 * field, never its value). */
int dd_vault_check_profile(const struct dd_creds *c, struct dd_error *err);

#endif
