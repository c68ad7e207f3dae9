#include "core/passphrase.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

extern char **environ;

struct dd_secret *dd_secret_new(size_t cap)
{
	struct dd_secret *s;

	if (sodium_init() < 0)
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->buf = sodium_malloc(cap + 1);
	if (!s->buf) {
		free(s);
		return NULL;
	}
	memset(s->buf, 0, cap + 1);
	s->cap = cap;
	return s;
}

void dd_secret_free(struct dd_secret *s)
{
	if (!s)
		return;
	sodium_free(s->buf);
	free(s);
}

/* Reads up to the first newline or EOF; a longer line is refused rather
 * than cut, since a cut passphrase would just look wrong. */
static int read_line(int fd, struct dd_secret *s, const char *what, struct dd_error *err)
{
	for (;;) {
		char c;
		ssize_t r = read(fd, &c, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return dd_error_set(err, DD_E_IO, 0, NULL, "cannot read the passphrase from %s: %s",
					    what, strerror(errno));
		if (r == 0 || c == '\n')
			break;
		if (s->len == s->cap)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "the passphrase from %s is longer than %d bytes", what,
					    DD_PASSPHRASE_MAX);
		s->buf[s->len++] = c;
	}
	if (s->len && s->buf[s->len - 1] == '\r')
		s->buf[--s->len] = '\0';
	s->buf[s->len] = '\0';
	return 0;
}

int dd_passphrase_from_fd(int fd, struct dd_secret **out, struct dd_error *err)
{
	struct dd_secret *s = dd_secret_new(DD_PASSPHRASE_MAX);
	char what[48];

	if (!s)
		return dd_error_oom(err);
	snprintf(what, sizeof(what), "--passphrase-fd %d", fd);
	if (fcntl(fd, F_GETFD) < 0) {
		dd_secret_free(s);
		return dd_error_set(err, DD_E_USAGE, 0, NULL, "%s: the descriptor is not open",
				    what);
	}
	if (read_line(fd, s, what, err) != 0) {
		dd_secret_free(s);
		return -1;
	}
	if (s->len == 0) {
		dd_secret_free(s);
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    "%s gave an empty passphrase (end of file or an empty line)", what);
	}
	*out = s;
	return 0;
}

/* Lines after the first (a `pass` entry's login, url...) are read and
 * wiped, not left to fail the command with a broken pipe. Bounded: a
 * command that never stops is cut off. */
static void drain(int fd)
{
	char buf[4096];
	size_t total = 0;

	while (total < (1u << 20)) {
		ssize_t r = read(fd, buf, sizeof(buf));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		total += (size_t)r;
	}
	sodium_memzero(buf, sizeof(buf));
}

int dd_passphrase_from_command(const char *command, struct dd_secret **out,
			       struct dd_error *err)
{
	struct dd_secret *s = dd_secret_new(DD_PASSPHRASE_MAX);
	posix_spawn_file_actions_t fa;
	char *argv[] = { "sh", "-c", (char *)command, NULL };
	int p[2], st, rc;
	pid_t pid;

	if (!s)
		return dd_error_oom(err);
	if (pipe2(p, O_CLOEXEC) != 0) {
		dd_secret_free(s);
		return dd_error_set(err, DD_E_IO, 0, NULL, "pipe: %s", strerror(errno));
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	rc = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (rc != 0) {
		close(p[0]);
		dd_secret_free(s);
		return dd_error_set(err, DD_E_IO, 0, NULL, "cannot run passphrase_command: %s",
				    strerror(rc));
	}
	rc = read_line(p[0], s, "passphrase_command", err);
	if (rc == 0)
		drain(p[0]);
	close(p[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (rc == 0 && (!WIFEXITED(st) || WEXITSTATUS(st) != 0))
		rc = dd_error_set(err, DD_E_AUTH, 0, NULL,
				  "passphrase_command failed (%s %d): check the command in the "
				  "config file", WIFEXITED(st) ? "exit status" : "signal",
				  WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
	if (rc == 0 && s->len == 0)
		rc = dd_error_set(err, DD_E_AUTH, 0, NULL,
				  "passphrase_command printed nothing: check the command in the "
				  "config file");
	if (rc != 0) {
		dd_secret_free(s);
		return -1;
	}
	*out = s;
	return 0;
}

int dd_passphrase_get(const struct dd_pass_opts *o, struct dd_secret **out,
		      enum dd_pass_source *src, struct dd_error *err)
{
	const char *env;
	struct dd_secret *s;
	int rc;

	*out = NULL;
	*src = DD_PASS_NONE;
	if (o->fd >= 0) {
		*src = DD_PASS_FD;
		return dd_passphrase_from_fd(o->fd, out, err);
	}
	if (o->command && *o->command) {
		*src = DD_PASS_COMMAND;
		return dd_passphrase_from_command(o->command, out, err);
	}
	if (o->ask) {
		rc = o->ask(o->ask_ud, o->prompt ? o->prompt : "Vault passphrase: ", out, err);
		if (rc <= 0) {
			*src = DD_PASS_TERMINAL;
			return rc;
		}
	}
	env = getenv("DEDI_PASSPHRASE");
	if (env && *env) {
		size_t n = strlen(env);

		if (n > DD_PASSPHRASE_MAX)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    "DEDI_PASSPHRASE is longer than %d bytes",
					    DD_PASSPHRASE_MAX);
		s = dd_secret_new(DD_PASSPHRASE_MAX);
		if (!s)
			return dd_error_oom(err);
		memcpy(s->buf, env, n);
		s->len = n;
		/* The value lives in the process's environment block, which
		 * /proc/PID/environ shows: wipe it there once copied. */
		sodium_memzero((char *)env, n);
		unsetenv("DEDI_PASSPHRASE");
		*out = s;
		*src = DD_PASS_ENV;
		return 0;
	}
	/* A vault that cannot be opened is exit 7, as the README says. */
	return dd_error_set(err, DD_E_VAULT, 0, NULL,
			    "no passphrase available: the vault needs one and there is no "
			    "terminal to ask it on: "
			    "use --passphrase-fd N, passphrase_command in the config, or "
			    "DEDI_PASSPHRASE");
}

const char *dd_pass_source_name(enum dd_pass_source s)
{
	switch (s) {
	case DD_PASS_FD: return "--passphrase-fd";
	case DD_PASS_COMMAND: return "passphrase_command";
	case DD_PASS_TERMINAL: return "the terminal";
	case DD_PASS_ENV: return "DEDI_PASSPHRASE";
	default: return "nowhere";
	}
}
