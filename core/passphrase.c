#include "core/passphrase.h"
#include "core/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
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
			return dd_error_set(err, DD_E_IO, 0, NULL, _("cannot read the passphrase from %s: %s"),
					    what, strerror(errno));
		if (r == 0 || c == '\n')
			break;
		if (s->len == s->cap)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("the passphrase from %s is longer than %d bytes"), what,
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
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s: the descriptor is not open"),
				    what);
	}
	if (read_line(fd, s, what, err) != 0) {
		dd_secret_free(s);
		return -1;
	}
	if (s->len == 0) {
		dd_secret_free(s);
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s gave an empty passphrase (end of file or an empty line)"), what);
	}
	*out = s;
	return 0;
}

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits until fd is readable or the deadline passes (0: passed). */
static int wait_readable(int fd, long long deadline)
{
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		long long left = deadline - mono_ms();
		int r;

		if (left <= 0)
			return 0;
		r = poll(&pfd, 1, left > 1000 ? 1000 : (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r != 0)
			return 1; /* readable, hung up, or an error read() will report */
	}
}

/* read_line with a deadline: -2 when it passed. */
static int read_line_by(int fd, struct dd_secret *s, long long deadline, struct dd_error *err)
{
	for (;;) {
		char c;
		ssize_t r;

		if (!wait_readable(fd, deadline))
			return -2;
		r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return dd_error_set(err, DD_E_IO, 0, NULL,
					    _("cannot read the passphrase from passphrase_command: %s"),
					    strerror(errno));
		if (r == 0 || c == '\n')
			break;
		if (s->len == s->cap)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("the passphrase from passphrase_command is longer than %d bytes"),
					    DD_PASSPHRASE_MAX);
		s->buf[s->len++] = c;
	}
	if (s->len && s->buf[s->len - 1] == '\r')
		s->buf[--s->len] = '\0';
	s->buf[s->len] = '\0';
	return 0;
}

/* Lines after the first (a `pass` entry's login, url...) are read and
 * wiped, not left to fail the command with a broken pipe. Bounded: a
 * command that never stops is cut off (it then gets SIGPIPE). */
static void drain(int fd, long long deadline)
{
	char buf[4096];
	size_t total = 0;

	while (total < (1u << 20) && wait_readable(fd, deadline)) {
		ssize_t r = read(fd, buf, sizeof(buf));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		total += (size_t)r;
	}
	sodium_memzero(buf, sizeof(buf));
}

/* The secrets dedi holds stay with dedi. */
static int secret_var(const char *kv)
{
	static const char *const names[] = { "SCW_SECRET_KEY=", "DEDI_ONLINE_TOKEN=",
					     "DEDI_PASSPHRASE=" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strncmp(kv, names[i], strlen(names[i])) == 0)
			return 1;
	return 0;
}

/* Waits for pid until the deadline; then kills its whole group. Returns
 * 1 when it had to kill. */
static int reap(pid_t pid, long long deadline, int *st)
{
	for (;;) {
		pid_t r = waitpid(pid, st, WNOHANG);

		if (r == pid)
			return 0;
		if (r < 0 && errno != EINTR)
			return 0;
		if (mono_ms() >= deadline) {
			kill(-pid, SIGKILL);
			while (waitpid(pid, st, 0) < 0 && errno == EINTR)
				;
			return 1;
		}
		usleep(10000);
	}
}

int dd_passphrase_from_command_ms(const char *command, int timeout_ms,
				  struct dd_secret **out, struct dd_error *err)
{
	struct dd_secret *s = dd_secret_new(DD_PASSPHRASE_MAX);
	char *argv[] = { "sh", "-c", (char *)command, NULL };
	long long deadline = mono_ms() + timeout_ms;
	size_t n = 0, k = 0;
	char **envp;
	int p[2], st = 0, rc, killed;
	pid_t pid;

	if (!s)
		return dd_error_oom(err);
	for (char **e = environ; e && *e; e++)
		n++;
	envp = calloc(n + 1, sizeof(*envp));
	if (!envp) {
		dd_secret_free(s);
		return dd_error_oom(err);
	}
	for (char **e = environ; e && *e; e++)
		if (!secret_var(*e))
			envp[k++] = *e;
	if (pipe2(p, O_CLOEXEC) != 0) {
		free(envp);
		dd_secret_free(s);
		return dd_error_set(err, DD_E_IO, 0, NULL, _("pipe: %s"), strerror(errno));
	}
	pid = fork();
	if (pid == 0) {
		/* Only async-signal-safe calls from here to execve. */
		sigset_t none;
		struct sigaction dfl = { .sa_handler = SIG_DFL };

		setpgid(0, 0);
		sigaction(SIGPIPE, &dfl, NULL);
		sigaction(SIGINT, &dfl, NULL);
		sigaction(SIGTERM, &dfl, NULL);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		if (dup2(p[1], 1) < 0)
			_exit(127);
		close_range(3, ~0U, 0);
		execve("/bin/sh", argv, envp);
		_exit(127);
	}
	free(envp);
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		dd_secret_free(s);
		return dd_error_set(err, DD_E_IO, 0, NULL, _("cannot run passphrase_command: %s"),
				    strerror(errno));
	}
	/* Also from here: the child may not have reached setpgid yet. */
	setpgid(pid, pid);
	rc = read_line_by(p[0], s, deadline, err);
	if (rc == 0)
		drain(p[0], deadline);
	close(p[0]);
	killed = reap(pid, rc == -2 ? 0 : deadline, &st);
	if (rc == -2 || killed) {
		rc = dd_error_set(err, DD_E_AUTH, 0, NULL,
				  _("passphrase_command did not finish within %d s and was stopped: "
				  "check the command in the config file"), timeout_ms / 1000);
	} else if (rc == 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE) {
		/* We stopped reading after the first MiB: that is our doing. */
	} else if (rc == 0 && (!WIFEXITED(st) || WEXITSTATUS(st) != 0)) {
		rc = dd_error_set(err, DD_E_AUTH, 0, NULL,
				  _("passphrase_command failed (%s %d): check the command in the "
				  "config file"), WIFEXITED(st) ? _("exit status") : "signal",
				  WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
	}
	if (rc == 0 && s->len == 0)
		rc = dd_error_set(err, DD_E_AUTH, 0, NULL,
				  _("passphrase_command printed nothing: check the command in the "
				  "config file"));
	if (rc != 0) {
		dd_secret_free(s);
		return -1;
	}
	*out = s;
	return 0;
}

int dd_passphrase_from_command(const char *command, struct dd_secret **out,
			       struct dd_error *err)
{
	return dd_passphrase_from_command_ms(command, DD_PASSPHRASE_CMD_TIMEOUT_MS, out, err);
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
		rc = o->ask(o->ask_ud, o->prompt ? o->prompt : _("Vault passphrase: "), out, err);
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
					    _("DEDI_PASSPHRASE is longer than %d bytes"),
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
			    _("no passphrase available: the vault needs one and there is no "
			    "terminal to ask it on: "
			    "use --passphrase-fd N, passphrase_command in the config, or "
			    "DEDI_PASSPHRASE"));
}

const char *dd_pass_source_name(enum dd_pass_source s)
{
	switch (s) {
	case DD_PASS_FD: return "--passphrase-fd";
	case DD_PASS_COMMAND: return "passphrase_command";
	case DD_PASS_TERMINAL: return _("the terminal");
	case DD_PASS_ENV: return "DEDI_PASSPHRASE";
	default: return _("nowhere");
	}
}
