/* Two processes each add 500 profiles, one save per profile, at the same
 * time: the lock serialises read-modify-write, so all 1,000 are there. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/vault.h"
#include "tests/vault/vtest.h"

#define PER_PROCESS 500

static int writer(const char *path, char tag)
{
	for (int k = 0; k < PER_PROCESS; k++) {
		struct dd_error err;
		struct dd_creds c;
		struct dd_vault *v;
		char name[32];

		v = dd_vault_open(path, VT_PASS, strlen(VT_PASS), DD_VAULT_WRITE, &vt_params, &err);
		if (!v) {
			fprintf(stderr, "# %c%d: %s\n", tag, k, err.message);
			return 1;
		}
		snprintf(name, sizeof(name), "%c%d", tag, k);
		vt_creds(&c, name);
		if (dd_vault_put(v, &c, &err) != 0 || dd_vault_save(v, &err) != 0) {
			fprintf(stderr, "# %c%d: %s\n", tag, k, err.message);
			dd_vault_close(v);
			return 1;
		}
		dd_vault_close(v);
	}
	return 0;
}

int main(void)
{
	const char *dir = vt_tmpdir();
	char path[PATH_MAX], name[32];
	pid_t pids[2];
	int failed = 0, st, missing = 0;
	struct dd_error err;
	struct dd_vault *v;

	printf("1..3\n");
	snprintf(path, sizeof(path), "%s/dedi/vault", dir);
	for (int i = 0; i < 2; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(writer(path, i ? 'b' : 'a'));
	}
	for (int i = 0; i < 2; i++)
		if (waitpid(pids[i], &st, 0) != pids[i] || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			failed++;
	printf("%s 1 - both writers finished their %d saves\n", failed ? "not ok" : "ok",
	       PER_PROCESS);
	v = vt_open(path, &err);
	if (!v) {
		printf("not ok 2 - vault opens: %s\nnot ok 3 - no update lost\n", err.message);
		return 1;
	}
	printf("ok 2 - the vault opens after %d interleaved saves\n", 2 * PER_PROCESS);
	for (int i = 0; i < 2; i++)
		for (int k = 0; k < PER_PROCESS; k++) {
			snprintf(name, sizeof(name), "%c%d", i ? 'b' : 'a', k);
			missing += dd_vault_find(v, name) == NULL;
		}
	printf("%s 3 - %zu profiles, %d of %d updates lost\n",
	       missing == 0 && dd_vault_count(v) == 2 * PER_PROCESS ? "ok" : "not ok",
	       dd_vault_count(v), missing, 2 * PER_PROCESS);
	failed += missing != 0;
	{
		size_t switches = 0;

		for (size_t i = 1; i < dd_vault_count(v); i++)
			switches += dd_vault_at(v, i)->profile[0] != dd_vault_at(v, i - 1)->profile[0];
		printf("# the writers took turns %zu times\n", switches);
	}
	dd_vault_close(v);
	vt_rmtree(dir);
	return failed ? 1 : 0;
}
