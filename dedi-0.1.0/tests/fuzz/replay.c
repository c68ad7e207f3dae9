/* Replays a libFuzzer corpus through one harness without libFuzzer, so
 * `make check` runs the checked-in corpus with any compiler. Link it with
 * exactly one harness (a file defining LLVMFuzzerTestOneInput).
 *
 *   replay_NAME [FILE|DIR]...
 * With no argument it replays $DD_SRCDIR/tests/fuzz/corpus/DD_FUZZ_CORPUS.
 * Prints TAP, one line per input; a harness that aborts fails the test. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef DD_FUZZ_CORPUS
#error "define DD_FUZZ_CORPUS, the corpus directory name under tests/fuzz/corpus"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct list {
	char **v;
	size_t n, cap;
};

static int list_add(struct list *l, const char *path)
{
	char *copy;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **v = realloc(l->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	copy = strdup(path);
	if (copy == NULL)
		return -1;
	l->v[l->n++] = copy;
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int collect(struct list *l, const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char sub[4096];

	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return list_add(l, path);
	d = opendir(path);
	if (d == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		if (stat(sub, &st) == 0 && S_ISREG(st.st_mode) &&
		    list_add(l, sub) != 0) {
			closedir(d);
			return -1;
		}
	}
	closedir(d);
	return 0;
}

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0;

	if (f == NULL)
		return -1;
	for (;;) {
		if (n == cap) {
			uint8_t *b = realloc(buf, cap ? cap * 2 : 4096);

			if (b == NULL)
				break;
			buf = b;
			cap = cap ? cap * 2 : 4096;
		}
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f) || n == cap) {
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	/* An exact-size copy so AddressSanitizer sees reads past the end. */
	uint8_t *exact = malloc(n ? n : 1);

	if (exact == NULL) {
		free(buf);
		return -1;
	}
	memcpy(exact, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	return 0;
}

int main(int argc, char **argv)
{
	struct list l = { 0 };
	int failed = 0;

	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			if (collect(&l, argv[i]) != 0)
				return 1;
	} else {
		const char *src = getenv("DD_SRCDIR");
		char dir[4096];

		snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/%s",
			 src ? src : ".", DD_FUZZ_CORPUS);
		if (collect(&l, dir) != 0)
			return 1;
	}
	if (l.n == 0) {
		/* A corpus that vanished would otherwise pass silently. */
		printf("1..1\nnot ok 1 - no input to replay\n");
		return 1;
	}
	qsort(l.v, l.n, sizeof(*l.v), cmp);
	printf("1..%zu\n", l.n);
	for (size_t i = 0; i < l.n; i++) {
		/* Flushed first: if the harness aborts, the log shows which input. */
		printf("# %s\n", l.v[i]);
		fflush(stdout);
		if (run_file(l.v[i]) != 0) {
			printf("not ok %zu - %s: cannot read\n", i + 1, l.v[i]);
			failed = 1;
		} else {
			printf("ok %zu - %s\n", i + 1, l.v[i]);
		}
		free(l.v[i]);
	}
	free(l.v);
	return failed;
}
