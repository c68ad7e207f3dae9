/* The vault seen from the command line: where the passphrase comes from
 * (--passphrase-fd, passphrase_command, the terminal, DEDI_PASSPHRASE),
 * three tries at the terminal, and the credentials of the selected
 * profile for every command. */
#ifndef DD_CLI_UNLOCK_H
#define DD_CLI_UNLOCK_H

#include "cli/cli.h"
#include "core/config.h"
#include "core/creds.h"
#include "core/passphrase.h"
#include "core/profile.h"
#include "core/vault.h"

/* A dd_ask_fn on /dev/tty with echo off: 1 when there is no terminal. */
int dd_cli_askpass(void *ud, const char *prompt, struct dd_secret **out, struct dd_error *err);

/* The --passphrase-fd value (global, or given to the subcommand): -1 when
 * absent, -2 with err when malformed. */
int dd_cli_passphrase_fd(const struct dd_cli *cli, struct dd_error *err);

/* Disables core dumps and ptrace, gets a passphrase and opens path. With
 * create (a new vault), a passphrase typed at the terminal is asked twice
 * and an empty one is refused. */
struct dd_vault *dd_cli_unlock(const struct dd_cli *cli, const struct dd_config *cfg,
			       const char *path, enum dd_vault_mode mode, int create,
			       struct dd_error *err);

/* Argon2 parameters for a new vault: the defaults, or DEDI_VAULT_KDF as
 * "OPSLIMIT:MEMLIMIT_KIB" (for tests; the header bounds apply). */
/* Warns on stderr when a new passphrase has under 12 characters (it is
 * still accepted). Returns 0, so it can sit in a chain of checks. */
int dd_cli_warn_short(const struct dd_cli *cli, const struct dd_secret *pass);
/* Below these (libsodium's "interactive" limits) DEDI_VAULT_KDF warns. */
#define DD_VAULT_KDF_FLOOR_OPS 2u
#define DD_VAULT_KDF_FLOOR_KIB 65536u
int dd_cli_new_vault_params(struct dd_vault_params *p, struct dd_error *err);

/* The profiles of the selected profile's vault, or of the environment
 * (core/profile.h has the rules), the passphrase got as dd_cli_unlock
 * does. Caller frees with dd_profiles_free. */
struct dd_profiles *dd_cli_open_profiles(const struct dd_cli *cli, struct dd_error *err);

/* The command groups. */
int dd_cli_auth(struct dd_cli *cli, int argc, char **argv);
int dd_cli_vault(struct dd_cli *cli, int argc, char **argv);

#endif
