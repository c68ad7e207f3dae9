/* Where dedi keeps its files (XDG base directories) and the config file
 * $XDG_CONFIG_HOME/dedi/config: INI lines "key = value", '#' or ';'
 * comments, an optional [dedi] section. Known keys: default_profile,
 * passphrase_command, theme, columns, protected. A [profile NAME] section holds
 * the write path's guards for one profile: read_only, protected. */
#ifndef DD_CONFIG_H
#define DD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

enum dd_xdg { DD_XDG_CONFIG, DD_XDG_DATA, DD_XDG_STATE, DD_XDG_CACHE };

/* "$XDG_..._HOME/dedi", or the XDG default under $HOME. A relative XDG
 * variable is ignored, as the specification says. */
int dd_config_dir(enum dd_xdg which, char *buf, size_t len, struct dd_error *err);
/* $XDG_DATA_HOME/dedi/vault */
int dd_config_vault_path(char *buf, size_t len, struct dd_error *err);
/* $XDG_CONFIG_HOME/dedi/config */
int dd_config_file_path(char *buf, size_t len, struct dd_error *err);

struct dd_config;

/* Reads path (NULL: the default file). A missing file is an empty config.
 * A file others could change, or a bad line, is refused; an unknown key
 * is a warning (dd_config_warnings) with a message
 * naming the file and the line. Caller frees with dd_config_free. */
struct dd_config *dd_config_load(const char *path, struct dd_error *err);
/* Parses text as if read from name (for tests and messages). */
struct dd_config *dd_config_parse(const char *text, size_t len, const char *name,
				  struct dd_error *err);
void dd_config_free(struct dd_config *c);
/* Unknown keys, each "FILE:LINE: unknown key ..." on its own line (the
 * rest of the file applies); NULL when there are none. Borrowed. */
const char *dd_config_warnings(const struct dd_config *c);

/* Borrowed until dd_config_free; NULL when unset. */
const char *dd_config_default_profile(const struct dd_config *c);
const char *dd_config_passphrase_command(const struct dd_config *c);
const char *dd_config_theme(const struct dd_config *c);
/* The console's shown server columns, "hostname,id,zone,...". */
const char *dd_config_columns(const struct dd_config *c);

/* Sets one key of the top section (before any [profile]) in the file at
 * path (NULL: the default one) to value: its line is replaced, or a line is
 * added; every other line stays as it was. The new text must parse, and
 * replaces the file atomically (the file is the old one or the new one,
 * never half of each). */
int dd_config_set(const char *path, const char *key, const char *value, struct dd_error *err);

/* The profile in use: explicit (--profile) if not NULL, else DEDI_PROFILE,
 * else the config's default_profile, else "default". c may be NULL. */
const char *dd_config_select_profile(const struct dd_config *c, const char *explicit_name);

/* ssh_user in [profile NAME]: the login the console's ssh uses for that
 * profile's servers; NULL when unset (ssh then uses its own config). */
const char *dd_config_ssh_user(const struct dd_config *c, const char *profile);

/* The guards of the write path (core/write). Each returns true when it
 * applies, with the setting that says so (key, section, file, line) in why,
 * so a refusal can name what to change. c and profile may be NULL. */
bool dd_config_read_only(const struct dd_config *c, const char *profile, char *why, size_t len);
/* id or hostname (compared without case) is listed by protected, in the
 * profile's section or in [dedi]. */
bool dd_config_protects(const struct dd_config *c, const char *profile, int64_t id,
			const char *hostname, char *why, size_t len);

#endif
