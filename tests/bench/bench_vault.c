/* Unlock time of a vault with the users' parameters (Argon2id opslimit 3,
 * memlimit 256 MiB): tests/bench/bench_vault [ROUNDS]. Prints wall and CPU
 * time of each unlock (dd_vault_open: read, Argon2id, key check, decrypt,
 * decode) and the median; wall time grows when other work shares the CPU. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/vault.h"

static double wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	const struct dd_vault_params p = { DD_VAULT_OPSLIMIT_DEFAULT, DD_VAULT_MEMLIMIT_DEFAULT };
	int rounds = argc > 1 ? atoi(argv[1]) : 5;
	char dir[] = "/tmp/dedi-bench.XXXXXX", path[PATH_MAX], cmd[PATH_MAX + 16];
	double w[64], c[64];
	struct dd_error err;
	struct dd_creds cr;
	struct dd_vault *v;

	if (rounds < 1 || rounds > 64 || !mkdtemp(dir))
		return 2;
	snprintf(path, sizeof(path), "%s/vault", dir);
	memset(&cr, 0, sizeof(cr));
	strcpy(cr.profile, "bench");
	strcpy(cr.secret_key, "00000000-0000-4000-8000-000000be7c00");
	v = dd_vault_open(path, "bench", 5, DD_VAULT_WRITE, &p, &err);
	if (!v || dd_vault_put(v, &cr, &err) != 0 || dd_vault_save(v, &err) != 0) {
		fprintf(stderr, "bench_vault: %s\n", err.message);
		return 1;
	}
	dd_vault_close(v);
	for (int i = 0; i < rounds; i++) {
		double w0 = wall(), c0 = cpu();

		v = dd_vault_open(path, "bench", 5, DD_VAULT_READ, NULL, &err);
		w[i] = wall() - w0;
		c[i] = cpu() - c0;
		if (!v) {
			fprintf(stderr, "bench_vault: %s\n", err.message);
			return 1;
		}
		dd_vault_close(v);
		printf("unlock %d: %.3f s wall, %.3f s CPU\n", i + 1, w[i], c[i]);
	}
	qsort(w, (size_t)rounds, sizeof(w[0]), cmp);
	qsort(c, (size_t)rounds, sizeof(c[0]), cmp);
	printf("opslimit %u, memlimit %u MiB: median %.3f s wall (min %.3f, max %.3f), "
	       "median %.3f s CPU\n", p.opslimit, p.memlimit >> 20, w[rounds / 2], w[0],
	       w[rounds - 1], c[rounds / 2]);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : 1;
}
