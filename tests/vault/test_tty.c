/* The passphrase at a terminal: dedi runs in a pseudo-terminal, the test
 * answers its prompts. Three tries, then exit 7; the typed passphrase is
 * never echoed; a new vault asks twice. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/vault/vtest.h"

static int t, failed;
static char screen[65536];
static size_t screen_len;

static void ok(int cond, const char *what)
{
	t++;
	failed += !cond;
	printf("%s %d - %s\n", cond ? "ok" : "not ok", t, what);
	if (!cond)
		printf("# terminal: %.*s\n", (int)screen_len, screen);
}

static long ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Reads the pty until text appears (counting from *from) or 10 s pass. */
static int wait_for(int fd, const char *text, size_t *from)
{
	long end = ms_now() + 10000;

	for (;;) {
		char *hit;
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t r;

		screen[screen_len] = '\0';
		hit = strstr(screen + *from, text);
		if (hit) {
			*from = (size_t)(hit - screen) + strlen(text);
			return 1;
		}
		if (ms_now() >= end || poll(&p, 1, (int)(end - ms_now())) <= 0)
			return 0;
		r = read(fd, screen + screen_len, sizeof(screen) - 1 - screen_len);
		if (r <= 0)
			return 0;
		screen_len += (size_t)r;
	}
}

static void drain(int fd)
{
	ssize_t r;

	while (screen_len < sizeof(screen) - 1 &&
	       (r = read(fd, screen + screen_len, sizeof(screen) - 1 - screen_len)) > 0)
		screen_len += (size_t)r;
	screen[screen_len] = '\0';
}

/* Starts dedi ARGS in a new pty; returns the master fd. */
static int spawn(const char *dedi, char *const argv[], pid_t *pid)
{
	int fd;

	screen_len = 0;
	*pid = forkpty(&fd, NULL, NULL, NULL);
	if (*pid == 0) {
		execv(dedi, argv);
		_exit(127);
	}
	return *pid < 0 ? -1 : fd;
}

static int finish(int fd, pid_t pid)
{
	int st;

	drain(fd);
	close(fd);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static void type(int fd, const char *s)
{
	if (write(fd, s, strlen(s)) < 0)
		perror("write");
}

int main(void)
{
	const char *b = getenv("DD_BUILDDIR");
	const char *dir = vt_tmpdir();
	char dedi[PATH_MAX], data[PATH_MAX + 8], vault[PATH_MAX + 32];
	char *list[] = { "dedi", "auth", "list", NULL };
	char *import[] = { "dedi", "auth", "import-scw", NULL, NULL };
	char yaml[PATH_MAX + 16];
	size_t at;
	pid_t pid;
	int fd, rc;
	FILE *f;

	printf("1..8\n");
	snprintf(dedi, sizeof(dedi), "%s/dedi", b ? b : ".");
	snprintf(data, sizeof(data), "%s/data", dir);
	snprintf(vault, sizeof(vault), "%s/dedi/vault", data);
	setenv("XDG_DATA_HOME", data, 1);
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("HOME", dir, 1);
	setenv("DEDI_VAULT_KDF", "1:8", 1);
	unsetenv("DEDI_PASSPHRASE");
	unsetenv("SCW_SECRET_KEY");
	unsetenv("DEDI_ONLINE_TOKEN");
	unsetenv("DEDI_PROFILE");

	/* A new vault by import-scw: the passphrase is asked twice. */
	snprintf(yaml, sizeof(yaml), "%s/scw.yaml", dir);
	f = fopen(yaml, "w");
	fprintf(f, "access_key: %s\nsecret_key: %s\n", VT_ACCESS, VT_SECRET);
	fclose(f);
	chmod(yaml, 0600);
	import[3] = yaml;
	fd = spawn(dedi, import, &pid);
	at = 0;
	ok(wait_for(fd, "New passphrase for", &at), "a new vault asks for a new passphrase");
	type(fd, "tty pass one\n");
	wait_for(fd, "Repeat it:", &at);
	type(fd, "tty pass two\n");
	ok(wait_for(fd, "the two passphrases differ, try again", &at),
	   "two different answers are refused");
	wait_for(fd, "New passphrase for", &at);
	type(fd, "tty pass one\n");
	wait_for(fd, "Repeat it:", &at);
	type(fd, "tty pass one\n");
	rc = finish(fd, pid);
	ok(rc == 0 && strstr(screen, "imported default") && access(vault, F_OK) == 0,
	   "the same answer twice creates the vault");
	ok(!strstr(screen, "tty pass"), "the typed passphrase is never echoed");

	fd = spawn(dedi, list, &pid);
	at = 0;
	wait_for(fd, "Passphrase for", &at);
	type(fd, "wrong one\n");
	ok(wait_for(fd, "wrong passphrase, try again (2 left)", &at), "first wrong try: 2 left");
	wait_for(fd, "Passphrase for", &at);
	type(fd, "tty pass one\n");
	rc = finish(fd, pid);
	ok(rc == 0 && strstr(screen, "default"), "the right passphrase on the second try opens");

	fd = spawn(dedi, list, &pid);
	at = 0;
	for (int i = 0; i < 3; i++) {
		wait_for(fd, "Passphrase for", &at);
		type(fd, "wrong again\n");
	}
	rc = finish(fd, pid);
	ok(rc == 7 && strstr(screen, "(1 left)") && !strstr(screen, "(0 left)"),
	   "three wrong tries: exit 7, no fourth prompt");
	ok(!strstr(screen, "wrong again") && !strstr(screen, VT_SECRET),
	   "no passphrase and no secret on the terminal");
	vt_rmtree(dir);
	return failed ? 1 : 0;
}
