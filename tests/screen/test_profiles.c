/* Switching profile inside the console: two profiles of one vault point
 * at two sandboxes with different worlds; `:profile NAME` and the picker
 * must show the other world's servers without asking the passphrase
 * again. The demo and the environment alone say there is no other one.
 * TAP on stdout, one child and one time limit per test. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/vault.h"
#include "sandbox/sandbox.h"
#include "tests/screen/harness.h"

#define ESC "\x1b"
#define ENTER "\r"
#define WAIT 15000
#define PASS "fake screen-test passphrase"

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "# %s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
			return false;                                          \
		}                                                              \
	} while (0)

static const char *const twelve[] = { "--seed", "1", "--servers", "12", NULL };
/* Seed 2 with 3 servers has vpn-gw; seed 1 with 12 has db-primary. */
static const char *const three[] = { "--seed", "2", "--servers", "3", NULL };
/* The vault's profiles alone: no credential from the environment. */
static const char *const no_env[] = {
	"SCW_API_URL", "SCW_ACCESS_KEY", "SCW_SECRET_KEY", "SCW_DEFAULT_ORGANIZATION_ID",
	"SCW_DEFAULT_PROJECT_ID", "DEDI_ONLINE_TOKEN", "DEDI_ONLINE_API_URL", NULL
};

static void put_profile(struct dd_vault *v, const char *name, const char *url)
{
	struct dd_creds *c = dd_creds_new();
	struct dd_error err;

	if (!c)
		return;
	snprintf(c->profile, sizeof(c->profile), "%s", name);
	snprintf(c->access_key, sizeof(c->access_key), "%s", DD_SANDBOX_ACCESS_KEY);
	snprintf(c->secret_key, sizeof(c->secret_key), "%s", DD_SANDBOX_SECRET_KEY);
	snprintf(c->organization_id, sizeof(c->organization_id), "%s", DD_SANDBOX_ORGANIZATION_ID);
	snprintf(c->project_id, sizeof(c->project_id), "%s", DD_SANDBOX_PROJECT_ID);
	snprintf(c->online_token, sizeof(c->online_token), "%s", DD_SANDBOX_ONLINE_TOKEN);
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", url);
	snprintf(c->online_api_url, sizeof(c->online_api_url), "%s/api/v1", url);
	if (dd_vault_put(v, c, &err) != 0)
		fprintf(stderr, "# put %s: %s\n", name, err.message);
	dd_creds_free(c);
}

/* alpha -> world a, beta -> world b, in a's private data directory. The
 * cheapest Argon2 the header accepts: tests need no real key stretching. */
static bool make_vault(const struct world *a, const struct world *b)
{
	static const struct dd_vault_params fast = { 1, 8192 };
	struct dd_error err;
	struct dd_vault *v;
	char path[512];
	bool ok;

	snprintf(path, sizeof(path), "%s/data", a->dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/data/dedi", a->dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/data/dedi/vault", a->dir);
	v = dd_vault_open(path, PASS, strlen(PASS), DD_VAULT_WRITE, &fast, &err);
	if (!v) {
		fprintf(stderr, "# vault: %s\n", err.message);
		return false;
	}
	put_profile(v, "alpha", a->url);
	put_profile(v, "beta", b->url);
	ok = dd_vault_save(v, &err) == 0;
	if (!ok)
		fprintf(stderr, "# vault save: %s\n", err.message);
	dd_vault_close(v);
	return ok;
}

static bool status_has(const struct term *t, const char *text)
{
	char row[4096];

	term_row(t, t->rows - 1, row, sizeof(row));
	return strstr(row, text) != NULL;
}

/* Opens dedi on profile alpha of a two-profile vault, passphrase typed
 * at the terminal as a person would. */
static bool open_alpha(struct world *a, struct world *b, struct term *t)
{
	static const char *const args[] = { "--profile", "alpha", NULL };

	if (world_start(a, twelve) < 0 || world_start(b, three) < 0) {
		fprintf(stderr, "# the sandboxes did not start\n");
		return false;
	}
	CHECK(make_vault(a, b));
	CHECK(term_start(t, a, 24, 80, no_env, args) == 0);
	CHECK(term_wait(t, "Passphrase for", WAIT));
	term_send(t, PASS "\r");
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_has(t, "db-primary"));
	CHECK(status_has(t, "alpha"));
	return true;
}

static struct world *g_other;

static bool t_command(struct world *w, struct term *t)
{
	CHECK(open_alpha(w, g_other, t));
	/* Tab completes the profile names. */
	term_send(t, ":profile b\t");
	CHECK(term_wait(t, ":profile beta", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "3 servers", WAIT));
	CHECK(term_wait(t, "vpn-gw", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(!term_has(t, "db-primary"));
	CHECK(status_has(t, "beta"));
	CHECK(!status_has(t, "alpha"));
	/* The Account tab names the profile in use. */
	term_send(t, "4");
	CHECK(term_wait(t, "Scaleway Dedibox", WAIT));
	CHECK(term_has(t, "beta"));
	term_send(t, ":profile nosuch" ENTER);
	CHECK(term_wait(t, "no profile named nosuch", WAIT));
	return true;
}

static bool t_picker(struct world *w, struct term *t)
{
	CHECK(open_alpha(w, g_other, t));
	term_send(t, ":profile" ENTER);
	CHECK(term_wait(t, "2 in the vault", WAIT));
	CHECK(term_has(t, "* alpha"));
	CHECK(term_has(t, "beta"));
	/* Esc leaves without switching. */
	term_send(t, ESC);
	CHECK(term_wait_gone(t, "2 in the vault", WAIT));
	CHECK(term_has(t, "db-primary"));
	term_send(t, ":profile" ENTER);
	CHECK(term_wait(t, "2 in the vault", WAIT));
	term_send(t, "j" ENTER);
	CHECK(term_wait(t, "vpn-gw", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(!term_has(t, "db-primary"));
	CHECK(status_has(t, "beta"));
	/* And back, without a passphrase. */
	term_send(t, ":profile" ENTER);
	CHECK(term_wait(t, "* beta", WAIT));
	term_send(t, "k" ENTER);
	CHECK(term_wait(t, "db-primary", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(!term_has(t, "vpn-gw"));
	CHECK(status_has(t, "alpha"));
	CHECK(!term_has(t, "Passphrase"));
	return true;
}

static bool t_demo(struct world *w, struct term *t)
{
	static const char *const args[] = { "--demo", NULL };

	/* No sandbox child: --demo brings its own. */
	memset(w, 0, sizeof(*w));
	snprintf(w->dir, sizeof(w->dir), "/tmp/dd-screen-XXXXXX");
	CHECK(mkdtemp(w->dir) != NULL);
	CHECK(term_start(t, w, 24, 80, NULL, args) == 0);
	CHECK(term_wait(t, " servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, ":profile" ENTER);
	CHECK(term_wait(t, "No other profile in the demo", WAIT));
	return true;
}

static bool t_env_only(struct world *w, struct term *t)
{
	CHECK(world_start(w, twelve) == 0);
	CHECK(term_start(t, w, 24, 80, NULL, NULL) == 0);
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(status_has(t, "env"));
	term_send(t, ":profile other" ENTER);
	CHECK(term_wait(t, "No other profile: the credentials come", WAIT));
	CHECK(term_has(t, "12 servers") || term_has(t, "db-primary"));
	return true;
}

struct test {
	const char *name;
	bool (*fn)(struct world *w, struct term *t);
	int limit_s;
};

static const struct test tests[] = {
	{ ":profile NAME (Tab completes) shows the other profile's servers", t_command, 60 },
	{ "the profile picker: Esc leaves, Enter switches, and back", t_picker, 60 },
	{ "--demo: no other profile", t_demo, 45 },
	{ "environment alone: no other profile", t_env_only, 45 },
};

static struct term *g_term;
static struct world *g_world;

static void on_alarm(int sig)
{
	(void)sig;
	if (g_term && g_term->vt)
		term_dump(g_term, "time limit");
	if (g_term)
		term_stop(g_term);
	if (g_world)
		world_stop(g_world);
	if (g_other)
		world_stop(g_other);
	_exit(1);
}

int main(int argc, char **argv)
{
	size_t n = sizeof(tests) / sizeof(tests[0]);
	int failed = 0;
	const char *only = argc > 1 ? argv[1] : NULL;

	printf("1..%zu\n", n);
	fflush(stdout);
	for (size_t i = 0; i < n; i++) {
		char logpath[] = "/tmp/dd-profiles-log-XXXXXX";
		int lfd, st = 0;
		pid_t pid;

		if (only && !strstr(tests[i].name, only)) {
			printf("ok %zu - %s # SKIP not selected\n", i + 1, tests[i].name);
			continue;
		}
		lfd = mkstemp(logpath);
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			struct world w, other;
			struct term t;
			bool ok;

			memset(&w, 0, sizeof(w));
			memset(&other, 0, sizeof(other));
			memset(&t, 0, sizeof(t));
			if (lfd >= 0)
				dup2(lfd, 2);
			g_world = &w;
			g_other = &other;
			g_term = &t;
			signal(SIGALRM, on_alarm);
			alarm((unsigned)tests[i].limit_s);
			ok = tests[i].fn(&w, &t);
			if (!ok && t.vt)
				term_dump(&t, "at failure");
			term_stop(&t);
			world_stop(&w);
			world_stop(&other);
			ok = ok && term_exits_ok(&t) && world_exits_ok(&w) && world_exits_ok(&other);
			_exit(ok ? 0 : 1);
		}
		waitpid(pid, &st, 0);
		bool ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
		printf("%s %zu - %s\n", ok ? "ok" : "not ok", i + 1, tests[i].name);
		if (!ok) {
			FILE *f = lfd >= 0 ? fopen(logpath, "r") : NULL;
			char line[4096];

			failed++;
			if (WIFSIGNALED(st))
				printf("# killed by signal %d\n", WTERMSIG(st));
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
