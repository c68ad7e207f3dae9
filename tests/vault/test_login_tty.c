/* dedi auth login in a pseudo-terminal, against a private sandbox: the
 * vault passphrase is asked (and checked) before any key is typed, each
 * field is checked as it is typed and a wrong answer asks that field
 * again, keeping the others. From a pipe, a wrong answer fails and names
 * the field. */
#include <fcntl.h>
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

#define TOKEN "logintty-token-not-real-000000000000"
#define PASS "login-tty test passphrase"

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

/* Reads the pty until text appears after *from, or a 10 s deadline. */
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
	ssize_t r;
	int st;

	while (screen_len < sizeof(screen) - 1 &&
	       (r = read(fd, screen + screen_len, sizeof(screen) - 1 - screen_len)) > 0)
		screen_len += (size_t)r;
	screen[screen_len] = '\0';
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

/* dedi-sandbox on an ephemeral port; its first line is its URL. */
static pid_t start_sandbox(const char *b, char *url, size_t len)
{
	char prog[PATH_MAX];
	int p[2];
	pid_t pid;
	size_t n = 0;
	long end = ms_now() + 10000;

	snprintf(prog, sizeof(prog), "%s/dedi-sandbox", b);
	if (pipe(p) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		execl(prog, "dedi-sandbox", "--port", "0", "--access-key", VT_ACCESS,
		      "--secret-key", VT_SECRET, "--online-token", TOKEN, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	while (n + 1 < len && ms_now() < end) {
		struct pollfd q = { p[0], POLLIN, 0 };

		if (poll(&q, 1, (int)(end - ms_now())) <= 0 || read(p[0], url + n, 1) != 1)
			break;
		if (url[n] == '\n')
			break;
		n++;
	}
	url[n] = '\0';
	close(p[0]);
	return strncmp(url, "http://", 7) == 0 ? pid : -1;
}

static int run_sh(const char *cmd)
{
	int st = system(cmd);

	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int file_has(const char *path, const char *text)
{
	static char buf[16384];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, text) != NULL;
}

int main(void)
{
	const char *b = getenv("DD_BUILDDIR");
	const char *dir = vt_tmpdir();
	char dedi[PATH_MAX], url[256], onl[300], data[PATH_MAX + 8], cmd[4 * PATH_MAX];
	char pass[PATH_MAX + 16], out[PATH_MAX + 16], err[PATH_MAX + 16], in[PATH_MAX + 16];
	char *login[] = { "dedi", "auth", "login", NULL };
	char *login2[] = { "dedi", "--profile", "second", "auth", "login", NULL };
	size_t at, keys;
	pid_t sb, pid;
	int fd, rc;
	FILE *f;

	printf("1..12\n");
	b = b ? b : ".";
	snprintf(dedi, sizeof(dedi), "%s/dedi", b);
	sb = start_sandbox(b, url, sizeof(url));
	if (sb < 0) {
		printf("Bail out! the sandbox did not start\n");
		return 1;
	}
	snprintf(onl, sizeof(onl), "%s/api/v1", url);
	snprintf(data, sizeof(data), "%s/data", dir);
	setenv("SCW_API_URL", url, 1);
	setenv("DEDI_ONLINE_API_URL", onl, 1);
	setenv("XDG_DATA_HOME", data, 1);
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("XDG_STATE_HOME", dir, 1);
	setenv("XDG_CACHE_HOME", dir, 1);
	setenv("HOME", dir, 1);
	setenv("DEDI_VAULT_KDF", "1:8", 1);
	unsetenv("DEDI_PASSPHRASE");
	unsetenv("SCW_ACCESS_KEY");
	unsetenv("SCW_SECRET_KEY");
	unsetenv("DEDI_ONLINE_TOKEN");
	unsetenv("DEDI_PROFILE");
	unsetenv("SCW_DEFAULT_ZONE");

	fd = spawn(dedi, login, &pid);
	at = 0;
	ok(wait_for(fd, "New passphrase for", &at) && !strstr(screen, "access key"),
	   "the vault passphrase is asked before any key");
	type(fd, PASS "\n");
	wait_for(fd, "Repeat it:", &at);
	type(fd, PASS "\n");
	wait_for(fd, "Scaleway access key: ", &at);
	type(fd, "SCWTOOSHORT\n");
	keys = at;
	ok(wait_for(fd, "access key: an access key is SCW followed by 17", &at) &&
	   wait_for(fd, "Scaleway access key: ", &at),
	   "a malformed access key is refused as typed and asked again");
	type(fd, VT_ACCESS "\n");
	wait_for(fd, "Scaleway secret key: ", &at);
	type(fd, "not-a-uuid\n");
	ok(wait_for(fd, "secret key: expected a UUID", &at) &&
	   wait_for(fd, "Scaleway secret key: ", &at),
	   "a secret key that is not a UUID is asked again, not the access key");
	type(fd, VT_SECRET "\n");
	wait_for(fd, "Organization ID (optional): ", &at);
	type(fd, "1234\n");
	ok(wait_for(fd, "organization ID: expected a UUID", &at) &&
	   wait_for(fd, "Organization ID (optional): ", &at),
	   "an organization ID that is not a UUID is asked again");
	type(fd, "\n");
	wait_for(fd, "Project ID (optional): ", &at);
	type(fd, "\n");
	wait_for(fd, "Default zone", &at);
	type(fd, "fr-par-3\n");
	ok(wait_for(fd, "zone: the zone must be fr-par-1, fr-par-2 or nl-ams-1", &at) &&
	   wait_for(fd, "Default zone", &at),
	   "an Instance zone is refused against the zone list and asked again");
	type(fd, "fr-par-2\n");
	wait_for(fd, "Dedibox private token (optional): ", &at);
	type(fd, TOKEN "\n");
	rc = finish(fd, pid);
	ok(rc == 0 && strstr(screen + keys, "accepted by IAM") &&
	   strstr(screen + keys, "Saved profile default"),
	   "after the retries, the keys typed once are checked and saved");
	ok(!strstr(screen, VT_SECRET) && !strstr(screen, TOKEN) && !strstr(screen, PASS),
	   "no secret and no passphrase on the terminal");

	snprintf(pass, sizeof(pass), "%s/pass", dir);
	snprintf(out, sizeof(out), "%s/out", dir);
	snprintf(err, sizeof(err), "%s/err", dir);
	snprintf(in, sizeof(in), "%s/in", dir);
	f = fopen(pass, "w");
	fprintf(f, "%s\n", PASS);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "setsid '%s' auth list --passphrase-fd 3 3<'%s' >'%s' 2>'%s' "
		 "</dev/null", dedi, pass, out, err);
	rc = run_sh(cmd);
	ok(rc == 0 && file_has(out, "fr-par-2") && file_has(out, "yes      yes"),
	   "the saved profile has the zone and both credentials");

	/* A wrong passphrase costs nothing typed: no key was asked yet. */
	fd = spawn(dedi, login2, &pid);
	at = 0;
	for (int i = 0; i < 3; i++) {
		wait_for(fd, "Passphrase for", &at);
		type(fd, "not the passphrase\n");
	}
	rc = finish(fd, pid);
	ok(rc == 7 && !strstr(screen, "access key"),
	   "a wrong passphrase ends login (exit 7) before any key is typed");

	/* From a pipe: one line per answer; a bad one fails, naming it. */
	f = fopen(in, "w");
	fprintf(f, "%s\n%s\n\n", VT_ACCESS, "0000-bad");
	fclose(f);
	snprintf(cmd, sizeof(cmd), "setsid '%s' --profile third auth login --passphrase-fd 3 "
		 "3<'%s' <'%s' >'%s' 2>'%s'", dedi, pass, in, out, err);
	rc = run_sh(cmd);
	ok(rc == 2 && file_has(err, "secret key: expected a UUID"),
	   "from a pipe, a malformed secret key fails and names the field");
	snprintf(cmd, sizeof(cmd), "setsid '%s' --profile third auth login --zone fr-par-3 "
		 "--passphrase-fd 3 3<'%s' </dev/null >'%s' 2>'%s'", dedi, pass, out, err);
	rc = run_sh(cmd);
	ok(rc == 2 && file_has(err, "--zone: the zone must be"),
	   "--zone fr-par-3 fails naming the option");
	snprintf(cmd, sizeof(cmd), "setsid '%s' auth list --passphrase-fd 3 3<'%s' >'%s' 2>'%s' "
		 "</dev/null", dedi, pass, out, err);
	rc = run_sh(cmd);
	ok(rc == 0 && file_has(out, "default") && !file_has(out, "third") &&
	   !file_has(out, "second"), "nothing was saved by the failed logins");

	kill(sb, SIGTERM);
	waitpid(sb, NULL, 0);
	vt_rmtree(dir);
	return failed ? 1 : 0;
}
