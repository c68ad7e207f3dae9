/* The screen-test harness: forkpty + libvterm. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sandbox/sandbox.h"
#include "tests/screen/harness.h"

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *builddir(void)
{
	const char *b = getenv("DD_BUILDDIR");
	return b && b[0] ? b : ".";
}

static const char *srcdir(void)
{
	const char *s = getenv("DD_SRCDIR");
	return s && s[0] ? s : ".";
}

int world_start(struct world *w, const char *const *args)
{
	int p[2];
	char path[512];
	const char *argv[32];
	int n = 0;
	memset(w, 0, sizeof(*w));
	snprintf(w->dir, sizeof(w->dir), "/tmp/dd-screen-XXXXXX");
	if (!mkdtemp(w->dir) || pipe(p) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s/dedi-sandbox", builddir());
	argv[n++] = path;
	argv[n++] = "--port";
	argv[n++] = "0";
	for (int i = 0; args && args[i] && n < 30; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	w->sandbox = fork();
	if (w->sandbox < 0)
		return -1;
	if (w->sandbox == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		int devnull = open("/dev/null", O_WRONLY);
		if (devnull >= 0)
			dup2(devnull, 2);
		execv(path, (char *const *)argv);
		_exit(127);
	}
	close(p[1]);
	/* Its first line is its URL; read it byte by byte with a deadline. */
	size_t k = 0;
	long long end = now_ms() + 10000;
	while (k + 1 < sizeof(w->url) && now_ms() < end) {
		struct pollfd pf = { p[0], POLLIN, 0 };
		char c;
		if (poll(&pf, 1, 200) <= 0)
			continue;
		if (read(p[0], &c, 1) != 1)
			break;
		if (c == '\n')
			break;
		w->url[k++] = c;
	}
	w->url[k] = 0;
	close(p[0]);
	if (strncmp(w->url, "http://", 7)) {
		fprintf(stderr, "# dedi-sandbox printed no URL (\"%s\")\n", w->url);
		world_stop(w);
		return -1;
	}
	return 0;
}

void world_stop(struct world *w)
{
	if (w->sandbox > 0) {
		int st = 0;
		kill(w->sandbox, SIGTERM);
		waitpid(w->sandbox, &st, 0);
		/* It leaves with 0 on SIGTERM: anything else is a crash or a
		 * sanitizer's report at exit. */
		w->sandbox_status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		w->sandbox = 0;
	}
	if (w->dir[0]) {
		char cmd[400];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", w->dir);
		if (system(cmd) != 0)
			fprintf(stderr, "# could not remove %s\n", w->dir);
		w->dir[0] = 0;
	}
}

static int on_prop(VTermProp prop, VTermValue *val, void *user)
{
	struct term *t = user;
	(void)val;
	if (prop == VTERM_PROP_TITLE || prop == VTERM_PROP_ICONNAME)
		t->title_set = true;
	return 1;
}

static const VTermScreenCallbacks screen_cbs = { .settermprop = on_prop };

static void on_output(const char *s, size_t len, void *user)
{
	struct term *t = user;
	/* Terminal replies (device attributes...) go back to dedi. */
	if (write(t->fd, s, len) < 0)
		return;
}

static void set_env(const struct world *w, const char *const *env)
{
	char buf[600];
	const char *path = getenv("PATH"), *asan = getenv("ASAN_OPTIONS"), *ubsan = getenv("UBSAN_OPTIONS");
	char *keep_path = strdup(path ? path : "/usr/bin:/bin");
	char *keep_asan = asan ? strdup(asan) : NULL, *keep_ubsan = ubsan ? strdup(ubsan) : NULL;
	char *keep_src = strdup(srcdir());
	clearenv();
	setenv("PATH", keep_path, 1);
	if (keep_asan)
		setenv("ASAN_OPTIONS", keep_asan, 1);
	if (keep_ubsan)
		setenv("UBSAN_OPTIONS", keep_ubsan, 1);
	setenv("DD_SRCDIR", keep_src, 1);
	setenv("TERM", "xterm-256color", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("TZ", "UTC", 1);
	setenv("HOME", w->dir, 1);
#define XDG(name, sub)                                   \
	snprintf(buf, sizeof(buf), "%s/%s", w->dir, sub); \
	mkdir(buf, 0700);                                \
	setenv(name, buf, 1)
	XDG("XDG_CONFIG_HOME", "config");
	XDG("XDG_DATA_HOME", "data");
	XDG("XDG_STATE_HOME", "state");
	XDG("XDG_CACHE_HOME", "cache");
#undef XDG
	if (w->url[0]) {
		setenv("SCW_API_URL", w->url, 1);
		setenv("SCW_ACCESS_KEY", DD_SANDBOX_ACCESS_KEY, 1);
		setenv("SCW_SECRET_KEY", DD_SANDBOX_SECRET_KEY, 1);
		setenv("SCW_DEFAULT_ORGANIZATION_ID", DD_SANDBOX_ORGANIZATION_ID, 1);
		setenv("SCW_DEFAULT_PROJECT_ID", DD_SANDBOX_PROJECT_ID, 1);
		setenv("DEDI_ONLINE_TOKEN", DD_SANDBOX_ONLINE_TOKEN, 1);
		snprintf(buf, sizeof(buf), "%s/api/v1", w->url);
		setenv("DEDI_ONLINE_API_URL", buf, 1);
	}
	for (int i = 0; env && env[i]; i++) {
		const char *eq = strchr(env[i], '=');
		if (!eq) {
			unsetenv(env[i]);
			continue;
		}
		snprintf(buf, sizeof(buf), "%.*s", (int)(eq - env[i]), env[i]);
		setenv(buf, eq + 1, 1);
	}
}

int term_start(struct term *t, const struct world *w, int rows, int cols,
	       const char *const *env, const char *const *args)
{
	struct winsize ws = { (unsigned short)rows, (unsigned short)cols, 0, 0 };
	char path[512];
	const char *argv[16];
	int n = 0;
	memset(t, 0, sizeof(*t));
	t->rows = rows;
	t->cols = cols;
	t->exit_status = -1;
	snprintf(path, sizeof(path), "%s/dedi", builddir());
	argv[n++] = path;
	for (int i = 0; args && args[i] && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	t->pid = forkpty(&t->fd, NULL, NULL, &ws);
	if (t->pid < 0)
		return -1;
	if (t->pid == 0) {
		set_env(w, env);
		execv(path, (char *const *)argv);
		_exit(127);
	}
	fcntl(t->fd, F_SETFL, fcntl(t->fd, F_GETFL) | O_NONBLOCK);
	t->vt = vterm_new(rows, cols);
	vterm_set_utf8(t->vt, 1);
	vterm_output_set_callback(t->vt, on_output, t);
	t->vs = vterm_obtain_screen(t->vt);
	vterm_screen_enable_altscreen(t->vs, 1);
	vterm_screen_set_callbacks(t->vs, &screen_cbs, t);
	vterm_screen_reset(t->vs, 1);
	return 0;
}

void term_stop(struct term *t)
{
	if (t->pid > 0 && t->exit_status < 0) {
		kill(t->pid, SIGTERM);
		if (!term_wait_exit(t, 10000)) {
			kill(t->pid, SIGKILL);
			waitpid(t->pid, NULL, 0);
		}
	}
	if (t->vt)
		vterm_free(t->vt);
	if (t->fd > 0)
		close(t->fd);
	t->vt = NULL;
	t->fd = -1;
}

/* Looks for what a sanitized screen never sends: OSC, DCS, APC, PM, SOS
 * introducers, C1 controls (raw or as UTF-8) and BEL. */
static void scan(struct term *t, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		unsigned char prev = t->esc_len ? (unsigned char)t->last_esc[0] : 0;
		if (c >= 0x80)
			t->non_ascii = true;
		if (c == 0x07)
			t->bad_seqs++;
		if (prev == 0x1b && (c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X'))
			t->bad_seqs++;
		if (prev == 0xc2 && c >= 0x80 && c <= 0x9f)
			t->bad_seqs++;
		t->last_esc[0] = (char)c;
		t->esc_len = 1;
	}
}

void term_pump(struct term *t, int ms)
{
	int timeout = ms;
	for (;;) {
		struct pollfd pf = { t->fd, POLLIN, 0 };
		if (poll(&pf, 1, timeout) <= 0)
			break;
		char buf[65536];
		ssize_t r = read(t->fd, buf, sizeof(buf));
		if (r <= 0)
			break;
		t->raw_bytes += (size_t)r;
		scan(t, (const unsigned char *)buf, (size_t)r);
		vterm_input_write(t->vt, buf, (size_t)r);
		timeout = 0; /* drain what is already there, then return */
	}
}

void term_send(struct term *t, const char *keys)
{
	size_t n = strlen(keys), off = 0;
	while (off < n) {
		ssize_t w = write(t->fd, keys + off, n - off);
		if (w < 0 && errno != EAGAIN && errno != EINTR)
			return;
		if (w > 0)
			off += (size_t)w;
		else
			term_pump(t, 10);
	}
}

void term_resize(struct term *t, int rows, int cols)
{
	struct winsize ws = { (unsigned short)rows, (unsigned short)cols, 0, 0 };
	t->rows = rows;
	t->cols = cols;
	vterm_set_size(t->vt, rows, cols);
	/* The kernel signals dedi's process group. */
	ioctl(t->fd, TIOCSWINSZ, &ws);
}

void term_row(const struct term *t, int row, char *buf, size_t len)
{
	VTermRect r = { row, row + 1, 0, t->cols };
	size_t n = vterm_screen_get_text(t->vs, buf, len - 1, r);
	buf[n] = 0;
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = 0;
}

char *term_screen(const struct term *t)
{
	size_t cap = (size_t)t->rows * ((size_t)t->cols * 4 + 2) + 1, used = 0;
	char *s = malloc(cap);
	if (!s)
		return NULL;
	for (int r = 0; r < t->rows; r++) {
		term_row(t, r, s + used, cap - used);
		used += strlen(s + used);
		s[used++] = '\n';
	}
	s[used] = 0;
	return s;
}

bool term_has(const struct term *t, const char *text)
{
	char *s = term_screen(t);
	bool r = s && strstr(s, text);
	free(s);
	return r;
}

int term_find(const struct term *t, const char *text)
{
	char row[4096];
	for (int r = 0; r < t->rows; r++) {
		term_row(t, r, row, sizeof(row));
		if (strstr(row, text))
			return r;
	}
	return -1;
}

/* Where dedi is, for a test that timed out: running, sleeping, and in
 * which kernel function. */
static void dump_proc(const struct term *t)
{
	char path[64], buf[256] = "";
	FILE *f;
	snprintf(path, sizeof(path), "/proc/%d/wchan", (int)t->pid);
	if ((f = fopen(path, "r"))) {
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = 0;
		fclose(f);
	}
	fprintf(stderr, "# dedi pid %d wchan %s\n", (int)t->pid, buf);
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)t->pid);
	if ((f = fopen(path, "r"))) {
		if (fgets(buf, sizeof(buf), f))
			fprintf(stderr, "# stat %s", buf);
		fclose(f);
	}
}

void term_dump(const struct term *t, const char *why)
{
	char *s = term_screen(t);
	if (t->pid > 0 && t->exit_status < 0)
		dump_proc(t);
	fprintf(stderr, "# %s; the screen (%dx%d):\n", why, t->cols, t->rows);
	for (char *line = s; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		fprintf(stderr, "#|%s\n", line);
		line = nl ? nl + 1 : line + strlen(line);
	}
	free(s);
}

/* Reads until dedi has been quiet for a moment: a frame can reach us in
 * several reads, and a test must not judge half a frame. */
static void settle(struct term *t)
{
	long long end = now_ms() + 2000;
	size_t before;
	do {
		before = t->raw_bytes;
		term_pump(t, 30);
	} while (before != t->raw_bytes && now_ms() < end);
}

bool term_wait(struct term *t, const char *text, int ms)
{
	long long end = now_ms() + ms;
	for (;;) {
		if (term_has(t, text)) {
			settle(t);
			if (term_has(t, text))
				return true;
		}
		if (now_ms() >= end)
			break;
		term_pump(t, 20);
	}
	char why[200];
	snprintf(why, sizeof(why), "timed out after %d ms waiting for \"%.100s\"", ms, text);
	term_dump(t, why);
	return false;
}

bool term_wait_gone(struct term *t, const char *text, int ms)
{
	long long end = now_ms() + ms;
	for (;;) {
		if (!term_has(t, text)) {
			settle(t);
			if (!term_has(t, text))
				return true;
		}
		if (now_ms() >= end)
			break;
		term_pump(t, 20);
	}
	char why[200];
	snprintf(why, sizeof(why), "timed out after %d ms waiting for \"%.100s\" to go", ms, text);
	term_dump(t, why);
	return false;
}

bool term_wait_idle(struct term *t, int ms)
{
	long long end = now_ms() + ms;
	char row[4096];
	while (now_ms() < end) {
		size_t before = t->raw_bytes;
		term_pump(t, 60);
		term_row(t, t->rows - 1, row, sizeof(row));
		/* Quiet: nothing in flight and no output for the last pump. */
		if (!strstr(row, "in flight") && before == t->raw_bytes)
			return true;
	}
	term_dump(t, "timed out waiting for zero requests in flight");
	return false;
}

bool term_wait_exit(struct term *t, int ms)
{
	long long end = now_ms() + ms;
	while (now_ms() < end) {
		int st;
		term_pump(t, 10);
		pid_t r = waitpid(t->pid, &st, WNOHANG);
		if (r == t->pid) {
			t->exit_status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
			return true;
		}
	}
	return false;
}

bool term_reverse(const struct term *t, int row, int col)
{
	VTermScreenCell c;
	VTermPos p = { row, col };
	vterm_screen_get_cell(t->vs, p, &c);
	return c.attrs.reverse;
}

bool term_default_colors(const struct term *t, int row, int col)
{
	VTermScreenCell c;
	VTermPos p = { row, col };
	vterm_screen_get_cell(t->vs, p, &c);
	return VTERM_COLOR_IS_DEFAULT_FG(&c.fg) && VTERM_COLOR_IS_DEFAULT_BG(&c.bg);
}

int term_bg_index(const struct term *t, int row, int col)
{
	VTermScreenCell c;
	VTermPos p = { row, col };
	vterm_screen_get_cell(t->vs, p, &c);
	if (VTERM_COLOR_IS_DEFAULT_BG(&c.bg) || !VTERM_COLOR_IS_INDEXED(&c.bg))
		return -1;
	return c.bg.indexed.idx;
}

bool term_golden(const struct term *t, const char *name)
{
	char path[600];
	char *s = term_screen(t);
	const char *upd = getenv("DD_GOLDEN_UPDATE");
	if (!s)
		return false;
	/* The status line holds fading messages and the spinner: left out. */
	char *last = s + strlen(s);
	if (last > s)
		last--;
	while (last > s && last[-1] != '\n')
		last--;
	*last = 0;
	snprintf(path, sizeof(path), "%s/tests/screen/golden/%s.txt", srcdir(), name);
	if (upd && !strcmp(upd, "1")) {
		FILE *f = fopen(path, "w");
		bool ok = f && fputs(s, f) >= 0;
		if (f)
			fclose(f);
		free(s);
		fprintf(stderr, "# rewrote %s\n", path);
		return ok;
	}
	FILE *f = fopen(path, "r");
	char *want = calloc(1, 1 << 20);
	size_t n = f && want ? fread(want, 1, (1 << 20) - 1, f) : 0;
	if (f)
		fclose(f);
	bool ok = want && n > 0 && !strcmp(want, s);
	if (!ok) {
		fprintf(stderr, "# golden %s differs (DD_GOLDEN_UPDATE=1 rewrites it); expected:\n", name);
		for (char *line = want; line && *line;) {
			char *nl = strchr(line, '\n');
			if (nl)
				*nl = 0;
			fprintf(stderr, "#<%s\n", line);
			line = nl ? nl + 1 : line + strlen(line);
		}
		term_dump(t, "got");
	}
	free(want);
	free(s);
	return ok;
}

bool term_exits_ok(const struct term *t)
{
	if (t->pid > 0 && t->exit_status != t->expect_exit) {
		fprintf(stderr, "# dedi exited with %d, not %d\n", t->exit_status, t->expect_exit);
		return false;
	}
	return true;
}

bool world_exits_ok(const struct world *w)
{
	if (w->sandbox_status != 0) {
		fprintf(stderr, "# dedi-sandbox exited with %d\n", w->sandbox_status);
		return false;
	}
	return true;
}

/* ---- the runner ---- */

/* A test that runs out of time takes its children with it. */
static struct world *g_world;
static struct term *g_term;

static void on_alarm(int sig)
{
	(void)sig;
	if (g_term && g_term->pid > 0)
		kill(g_term->pid, SIGKILL);
	if (g_world && g_world->sandbox > 0)
		kill(g_world->sandbox, SIGKILL);
	static const char msg[] = "# time limit reached\n";
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(3);
}


int screen_tests_run(const struct screen_test *tests, size_t n, int argc, char **argv)
{
	int failed = 0;
	const char *only = argc > 1 ? argv[1] : NULL;
	printf("1..%zu\n", n);
	fflush(stdout);
	for (size_t i = 0; i < n; i++) {
		if (only && !strstr(tests[i].name, only)) {
			printf("ok %zu - %s # SKIP not selected\n", i + 1, tests[i].name);
			continue;
		}
		char logpath[] = "/tmp/dd-screen-log-XXXXXX";
		int lfd = mkstemp(logpath);
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			struct world w;
			struct term t;
			memset(&w, 0, sizeof(w));
			memset(&t, 0, sizeof(t));
			if (lfd >= 0)
				dup2(lfd, 2);
			g_world = &w;
			g_term = &t;
			signal(SIGALRM, on_alarm);
			alarm((unsigned)tests[i].limit_s);
			bool ok = tests[i].fn(&w, &t);
			if (!ok && t.vt)
				term_dump(&t, "at failure");
			term_stop(&t);
			world_stop(&w);
			/* The statuses at the end, so a sanitizer report when dedi
			 * or the sandbox leaves is not lost. dedi leaves cleanly
			 * on SIGTERM too. */
			ok = ok && term_exits_ok(&t) && world_exits_ok(&w);
			_exit(ok ? 0 : 1);
		}
		int st = 0;
		waitpid(pid, &st, 0);
		bool ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
		printf("%s %zu - %s\n", ok ? "ok" : "not ok", i + 1, tests[i].name);
		if (!ok) {
			failed++;
			if (WIFSIGNALED(st))
				printf("# killed by signal %d (SIGALRM is the %d s limit)\n", WTERMSIG(st),
				       tests[i].limit_s);
			/* The diagnostics of a failed test only. */
			FILE *f = lfd >= 0 ? fopen(logpath, "r") : NULL;
			char line[4096];
			while (f && fgets(line, sizeof(line), f))
				printf("%s%s", line[0] == '#' ? "" : "# ", line);
			if (f)
				fclose(f);
		}
		if (lfd >= 0) {
			close(lfd);
			unlink(logpath);
		}
		fflush(stdout);
	}
	return failed ? 1 : 0;
}
