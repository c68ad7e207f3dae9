#include "cli/unlock.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "core/hardening.h"
#include "core/safefile.h"
#include "core/i18n.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

int dd_cli_askpass(void *ud, const char *prompt, struct dd_secret **out, struct dd_error *err)
{
	struct sigaction sa = { .sa_handler = on_signal }, old_int, old_term, old_tstp;
	struct termios saved, quiet;
	struct dd_secret *s;
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return 1;
	if (tcgetattr(fd, &saved) != 0) {
		close(fd);
		return 1;
	}
	s = dd_secret_new(DD_PASSPHRASE_MAX);
	if (!s) {
		close(fd);
		return dd_error_oom(err);
	}
	/* No SA_RESTART: Ctrl-C ends the read, then echo comes back. */
	interrupted = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGTSTP, &sa, &old_tstp);
	quiet = saved;
	quiet.c_lflag &= (tcflag_t)~(ECHO | ECHOE | ECHOK | ECHONL);
	quiet.c_lflag |= ICANON;
	tcsetattr(fd, TCSAFLUSH, &quiet);
	if (write(fd, prompt, strlen(prompt)) < 0)
		rc = -1;
	while (rc == 0) {
		char c;
		ssize_t r = read(fd, &c, 1);

		if (r < 0 && errno == EINTR && !interrupted)
			continue;
		if (r < 0 || interrupted) {
			rc = dd_error_set(err, DD_E_AUTH, 0, NULL, _("no passphrase: interrupted"));
			break;
		}
		if (r == 0 || c == '\n' || c == '\r')
			break;
		if (s->len == s->cap) {
			rc = dd_error_set(err, DD_E_USAGE, 0, NULL,
					  _("the passphrase is longer than %d bytes"), DD_PASSPHRASE_MAX);
			break;
		}
		s->buf[s->len++] = c;
	}
	tcsetattr(fd, TCSAFLUSH, &saved);
	if (write(fd, "\n", 1) < 0)
		(void)0;
	close(fd);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGTSTP, &old_tstp, NULL);
	if (interrupted == SIGINT || interrupted == SIGTERM) {
		dd_secret_free(s);
		raise(interrupted);
		return -1;
	}
	if (rc != 0) {
		dd_secret_free(s);
		return -1;
	}
	*out = s;
	return 0;
}

int dd_cli_passphrase_fd(const struct dd_cli *cli, struct dd_error *err)
{
	char *end;
	long v;

	if (!cli->passphrase_fd)
		return -1;
	errno = 0;
	v = strtol(cli->passphrase_fd, &end, 10);
	if (errno || end == cli->passphrase_fd || *end || v < 0 || v > INT_MAX) {
		dd_error_set(err, DD_E_USAGE, 0, NULL,
			     _("--passphrase-fd needs a file descriptor number, e.g. 3"));
		return -2;
	}
	return (int)v;
}

int dd_cli_new_vault_params(struct dd_vault_params *p, struct dd_error *err)
{
	const char *e = getenv("DEDI_VAULT_KDF");
	unsigned long ops, kib;
	char *end;

	p->opslimit = DD_VAULT_OPSLIMIT_DEFAULT;
	p->memlimit = DD_VAULT_MEMLIMIT_DEFAULT;
	if (!e || !*e)
		return 0;
	ops = strtoul(e, &end, 10);
	if (*end != ':')
		goto bad;
	kib = strtoul(end + 1, &end, 10);
	if (*end || ops < DD_VAULT_OPSLIMIT_MIN || ops > DD_VAULT_OPSLIMIT_MAX ||
	    kib < DD_VAULT_MEMLIMIT_MIN / 1024 || kib > DD_VAULT_MEMLIMIT_MAX / 1024)
		goto bad;
	p->opslimit = (uint32_t)ops;
	p->memlimit = (uint32_t)(kib * 1024);
	/* Test suites need fast vaults; nobody else should get one without
	 * knowing it, every time one is sealed. */
	if (ops < DD_VAULT_KDF_FLOOR_OPS || kib < DD_VAULT_KDF_FLOOR_KIB)
		fprintf(stderr, _("dedi: WARNING: DEDI_VAULT_KDF=%lu:%lu makes a WEAK vault: below "
			"opslimit %u and %u KiB, a copy of the file gives up its passphrase "
			"quickly. Meant for tests only; unset DEDI_VAULT_KDF and run "
			"dedi auth passwd to re-seal it.\n"), ops, kib, DD_VAULT_KDF_FLOOR_OPS,
			DD_VAULT_KDF_FLOOR_KIB);
	return 0;
bad:
	return dd_error_set(err, DD_E_USAGE, 0, NULL,
			    _("DEDI_VAULT_KDF must be OPSLIMIT:MEMLIMIT_KIB with opslimit %u..%u and "
			    "memlimit %u..%u KiB"), DD_VAULT_OPSLIMIT_MIN, DD_VAULT_OPSLIMIT_MAX,
			    DD_VAULT_MEMLIMIT_MIN / 1024, DD_VAULT_MEMLIMIT_MAX / 1024);
}

/* Under 12 characters is guessed quickly once the file is copied; the
 * owner may still choose it (a test vault, a machine of their own). */
int dd_cli_warn_short(const struct dd_cli *cli, const struct dd_secret *pass)
{
	size_t chars = 0;

	for (size_t i = 0; i < pass->len; i++)
		chars += ((unsigned char)pass->buf[i] & 0xc0) != 0x80;
	if (chars > 0 && chars < 12)
		fprintf(stderr, _("%s: warning: the passphrase has %zu characters; 12 or more "
			"(a few words) resist guessing if the vault file is copied\n"), cli->prog,
			chars);
	return 0;
}

static void warn_env(const struct dd_cli *cli)
{
	fprintf(stderr,
		_("%s: warning: the passphrase came from DEDI_PASSPHRASE; environments leak "
		"(/proc, ps e, crash reports, CI logs): prefer passphrase_command or "
		"--passphrase-fd\n"), cli->prog);
}

struct dd_vault *dd_cli_unlock(const struct dd_cli *cli, const struct dd_config *cfg,
			       const char *path, enum dd_vault_mode mode, int create,
			       struct dd_error *err)
{
	struct dd_vault_params params;
	struct dd_pass_opts o = { .ask = dd_cli_askpass };
	int fresh = create && !dd_vault_exists(path);
	char prompt[PATH_MAX + 64];

	if (dd_hardening_apply(err) != 0)
		return NULL;
	if (!create && !dd_vault_exists(path)) {
		dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
			     _("no vault at %s: run dedi auth login to create one"), path);
		return NULL;
	}
	if (fresh && dd_cli_new_vault_params(&params, err) != 0)
		return NULL;
	o.fd = dd_cli_passphrase_fd(cli, err);
	if (o.fd == -2)
		return NULL;
	o.command = dd_config_passphrase_command(cfg);
	snprintf(prompt, sizeof(prompt), fresh ? _("New passphrase for %s: ") : _("Passphrase for %s: "),
		 path);
	o.prompt = prompt;
	for (int attempt = 1;; attempt++) {
		struct dd_secret *pass = NULL, *again = NULL;
		enum dd_pass_source src;
		struct dd_vault *v;

		if (dd_passphrase_get(&o, &pass, &src, err) != 0)
			return NULL;
		if (src == DD_PASS_ENV && attempt == 1)
			warn_env(cli);
		if (fresh && pass->len == 0) {
			dd_secret_free(pass);
			dd_error_set(err, DD_E_USAGE, 0, NULL,
				     _("an empty passphrase would protect nothing: choose one"));
			if (src == DD_PASS_TERMINAL && attempt < 3) {
				fprintf(stderr, "%s: %s\n", cli->prog, err->message);
				continue;
			}
			return NULL;
		}
		if (fresh)
			dd_cli_warn_short(cli, pass);
		if (fresh && src == DD_PASS_TERMINAL) {
			int r = dd_cli_askpass(NULL, _("Repeat it: "), &again, err);

			if (r != 0 || again->len != pass->len ||
			    sodium_memcmp(again->buf, pass->buf, pass->len) != 0) {
				dd_secret_free(pass);
				dd_secret_free(again);
				if (r < 0)
					return NULL;
				dd_error_set(err, DD_E_USAGE, 0, NULL,
					     _("the two passphrases differ"));
				if (attempt < 3) {
					fprintf(stderr, _("%s: %s, try again\n"), cli->prog,
						err->message);
					continue;
				}
				return NULL;
			}
			dd_secret_free(again);
		}
		if (mode == DD_VAULT_WRITE && dd_safefile_lock_busy(path))
			fprintf(stderr, _("%s: waiting for another dedi that is changing the vault "
				"(perhaps \"dedi auth passwd\" at its prompt)...\n"), cli->prog);
		v = dd_vault_open(path, pass->buf, pass->len, mode, fresh ? &params : NULL, err);
		dd_secret_free(pass);
		if (v)
			return v;
		if (src != DD_PASS_TERMINAL || attempt >= 3 ||
		    strcmp(err->api_type, DD_VAULT_WRONG_PASSPHRASE) != 0)
			return NULL;
		fprintf(stderr, _("%s: wrong passphrase, try again (%d left)\n"), cli->prog,
			3 - attempt);
	}
}

static struct dd_vault *unlock_read(void *ud, const struct dd_config *cfg, const char *path,
				    struct dd_error *err)
{
	return dd_cli_unlock(ud, cfg, path, DD_VAULT_READ, 0, err);
}

struct dd_profiles *dd_cli_open_profiles(const struct dd_cli *cli, struct dd_error *err)
{
	return dd_profiles_open(cli->profile, unlock_read, (void *)cli, err);
}
