/* Where the vault passphrase comes from, in this order: --passphrase-fd N,
 * the config's passphrase_command, the terminal (the caller's prompt, no
 * echo), then DEDI_PASSPHRASE. Passphrases live in sodium_malloc'd memory. */
#ifndef DD_PASSPHRASE_H
#define DD_PASSPHRASE_H

#include <stddef.h>

#include "core/error.h"

#define DD_PASSPHRASE_MAX 1024

struct dd_secret {
	char *buf;  /* sodium_malloc'd, NUL-terminated */
	size_t len; /* bytes before the NUL */
	size_t cap; /* usable bytes */
};

/* An empty secret of cap bytes; NULL on ENOMEM. */
struct dd_secret *dd_secret_new(size_t cap);
/* Wipes and frees; safe with NULL. */
void dd_secret_free(struct dd_secret *s);

enum dd_pass_source {
	DD_PASS_NONE = 0,
	DD_PASS_FD,
	DD_PASS_COMMAND,
	DD_PASS_TERMINAL,
	DD_PASS_ENV,
};

/* Reads a terminal with echo off. Returns 0 and fills *out, 1 when there
 * is no terminal, -1 with err filled. */
typedef int (*dd_ask_fn)(void *ud, const char *prompt, struct dd_secret **out,
			 struct dd_error *err);

struct dd_pass_opts {
	int fd;              /* --passphrase-fd, -1 if not given */
	const char *command; /* passphrase_command or NULL */
	dd_ask_fn ask;       /* NULL: no terminal */
	void *ask_ud;
	const char *prompt;  /* e.g. "Vault passphrase: " */
};

/* The first source that is configured gives the passphrase; *src says
 * which (DD_PASS_ENV: the caller should warn that environments leak;
 * DEDI_PASSPHRASE is then wiped from the process's environment).
 * DD_E_AUTH when no source has one. Caller frees *out. */
int dd_passphrase_get(const struct dd_pass_opts *o, struct dd_secret **out,
		      enum dd_pass_source *src, struct dd_error *err);

/* One line (without its newline) from fd, at most DD_PASSPHRASE_MAX bytes. */
int dd_passphrase_from_fd(int fd, struct dd_secret **out, struct dd_error *err);
/* How long passphrase_command may take (a pinentry waits for a person). */
#define DD_PASSPHRASE_CMD_TIMEOUT_MS 120000

/* Runs command with /bin/sh -c; its first output line is the passphrase.
 * Refused if it exits non-zero or prints nothing. The command runs in its
 * own process group, killed whole if it is not done by the deadline; with
 * SIGPIPE at its default, no descriptor of ours but its stdout, and an
 * environment without SCW_SECRET_KEY, DEDI_ONLINE_TOKEN, DEDI_PASSPHRASE. */
int dd_passphrase_from_command(const char *command, struct dd_secret **out,
			       struct dd_error *err);
/* The same with a deadline in milliseconds (what the tests shorten). */
int dd_passphrase_from_command_ms(const char *command, int timeout_ms,
				  struct dd_secret **out, struct dd_error *err);
const char *dd_pass_source_name(enum dd_pass_source s);

#endif
