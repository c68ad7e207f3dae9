/* Saving under injected failures: at each step of the atomic replace
 * (built with -DDD_SAFEFILE_FAULTS, a test-only build), failing or
 * crashing leaves the old vault or the new one, whole, never neither. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/vault.h"
#include "tests/vault/vtest.h"

static const char *const steps[] = {
	"open", "write", "write:short", "fsync", "close", "link", "rename-bak", "rename",
	"fsync-dir",
};

/* Child: add profile "new" and save with DD_FAULT set. */
static int save_with_fault(const char *path, const char *fault)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		struct dd_error err;
		struct dd_creds c;
		struct dd_vault *v;

		setenv("DD_FAULT", fault, 1);
		v = dd_vault_open(path, VT_PASS, strlen(VT_PASS), DD_VAULT_WRITE, NULL, &err);
		if (!v)
			_exit(2);
		vt_creds(&c, "new");
		if (dd_vault_put(v, &c, &err) != 0)
			_exit(2);
		_exit(dd_vault_save(v, &err) == 0 ? 0 : 1);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* 1: old vault (p0 only), 2: new (p0 and new), 0: anything else. */
static int state_of(const char *path)
{
	struct dd_error err;
	struct dd_vault *v = vt_open(path, &err);
	int r = 0;

	if (!v) {
		printf("# %s\n", err.message);
		return 0;
	}
	if (dd_vault_count(v) == 1 && dd_vault_find(v, "p0"))
		r = 1;
	else if (dd_vault_count(v) == 2 && dd_vault_find(v, "p0") && dd_vault_find(v, "new"))
		r = 2;
	dd_vault_close(v);
	return r;
}

int main(void)
{
	const char *dir = vt_tmpdir();
	char path[PATH_MAX], bak[PATH_MAX + 8], fault[64], msg[200];
	int t = 0, failed = 0;
	size_t nsteps = sizeof(steps) / sizeof(steps[0]);

	printf("1..%zu\n", nsteps * 2 * 2 + 1);
	snprintf(path, sizeof(path), "%s/vault", dir);
	snprintf(bak, sizeof(bak), "%s.bak", path);
	for (size_t i = 0; i < nsteps; i++) {
		for (int crash = 0; crash < 2; crash++) {
			int after_rename = strcmp(steps[i], "fsync-dir") == 0;
			int rc, s, want_rc, want_state;

			if (crash && strcmp(steps[i], "write:short") == 0)
				snprintf(fault, sizeof(fault), "write:exit");
			else
				snprintf(fault, sizeof(fault), "%s%s", steps[i], crash ? ":exit" : "");
			unlink(path);
			unlink(bak);
			if (vt_make_vault(path, 1) != 0) {
				printf("Bail out! cannot make a vault\n");
				return 1;
			}
			rc = save_with_fault(path, fault);
			s = state_of(path);
			want_rc = crash ? 70 : 1;
			want_state = after_rename ? 2 : 1;
			snprintf(msg, sizeof(msg), "fault %s: save %s (exit %d), vault is %s", fault,
				 rc == 0 ? "claimed success" : "failed", rc,
				 s == 1 ? "the old one" : s == 2 ? "the new one" : "NEITHER");
			t++;
			if (rc != want_rc || s != want_state) {
				failed++;
				printf("not ok %d - %s\n", t, msg);
			} else
				printf("ok %d - %s\n", t, msg);
			/* A later save goes through and cleans what the failure left. */
			rc = save_with_fault(path, "none");
			s = state_of(path);
			t++;
			snprintf(msg, sizeof(msg), "after fault %s: the next save works (%d, %d)",
				 fault, rc, s);
			if (rc != 0 || s != 2) {
				failed++;
				printf("not ok %d - %s\n", t, msg);
			} else
				printf("ok %d - %s\n", t, msg);
		}
	}
	/* The backup is the previous vault, whole. */
	t++;
	{
		struct dd_error err;
		struct dd_vault *v = vt_open(bak, &err);
		char tmp[PATH_MAX + 8];
		struct stat st;
		int good;

		snprintf(tmp, sizeof(tmp), "%s.tmp", path);
		good = v && dd_vault_count(v) == 2 && stat(tmp, &st) != 0;
		printf("%s %d - vault.bak is the previous vault and no vault.tmp is left\n",
		       good ? "ok" : "not ok", t);
		failed += !good;
		dd_vault_close(v);
	}
	vt_rmtree(dir);
	return failed ? 1 : 0;
}
