/* A failing allocator for tests, loaded with LD_PRELOAD: the n-th
 * allocation made after main() starts fails with ENOMEM.
 *
 *   DEDI_FAIL_ALLOC_AT=N       the N-th allocation fails (1 is the first);
 *                              unset or 0: nothing fails, only counted
 *   DEDI_FAIL_ALLOC_MODE=once  only that one fails (a transient shortage);
 *                  =after      that one and every later one (the default:
 *                              the error paths must cope without memory)
 *   DEDI_FAIL_ALLOC_REPORT=F   at exit, F gets "COUNT FAILED\n": the
 *                              allocations counted and how many failed
 *   DEDI_FAIL_ALLOC_TRACE=1    a backtrace on stderr at the first failure
 *                              (to find the call that then goes wrong)
 *   DEDI_FAIL_ALLOC_PROG=NAME  only a program of that name (argv[0]'s last
 *                              part) counts: valgrind's launcher, which
 *                              passes LD_PRELOAD on, and children are left
 *                              alone
 *
 * Counting starts in main (__libc_start_main is wrapped), so the dynamic
 * loader's and the libraries' constructors never fail: the program's own
 * path, and everything the libraries allocate for it (libcurl, jansson,
 * libsodium, stdio, gettext), does. Threads share the counter. The real
 * allocator is glibc's __libc_* entry points, which valgrind's memcheck
 * replaces as well: run under it, the leaks it finds are the program's. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static atomic_ulong counted;
static atomic_ulong failed;
static atomic_bool started;
static unsigned long fail_at;
static bool fail_after = true;
static bool trace;
static const char *report;

static unsigned long parse_ulong(const char *s)
{
	unsigned long v = 0;

	if (!s)
		return 0;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (unsigned long)(*s - '0');
	return v;
}

/* True when this allocation must fail. */
static bool should_fail(void)
{
	unsigned long n;

	if (!atomic_load_explicit(&started, memory_order_relaxed))
		return false;
	n = atomic_fetch_add(&counted, 1) + 1;
	if (!fail_at || n < fail_at || (n > fail_at && !fail_after))
		return false;
	if (atomic_fetch_add(&failed, 1) == 0 && trace) {
		void *frames[48];
		int k = backtrace(frames, 48);
		static const char head[] = "failmalloc: allocation failed here:\n";

		if (write(2, head, sizeof head - 1) < 0)
			return true;
		backtrace_symbols_fd(frames, k, 2);
	}
	errno = ENOMEM;
	return true;
}

void *malloc(size_t size)
{
	return should_fail() ? NULL : __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
	return should_fail() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
	/* realloc(p, 0) frees: not an allocation that can fail. */
	if (p && size == 0)
		return __libc_realloc(p, size);
	return should_fail() ? NULL : __libc_realloc(p, size);
}

void *reallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, n * size);
}

void *memalign(size_t align, size_t size)
{
	return should_fail() ? NULL : __libc_memalign(align, size);
}

void *aligned_alloc(size_t align, size_t size)
{
	return memalign(align, size);
}

void *valloc(size_t size)
{
	return memalign((size_t)sysconf(_SC_PAGESIZE), size);
}

int posix_memalign(void **out, size_t align, size_t size)
{
	void *p;

	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	p = memalign(align, size);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

/* glibc's own strdup calls malloc through its PLT, so it is counted once
 * either way; these keep the count the same on a libc that does not. */
char *strdup(const char *s)
{
	size_t len = strlen(s) + 1;
	char *d = malloc(len);

	return d ? memcpy(d, s, len) : NULL;
}

char *strndup(const char *s, size_t max)
{
	size_t len = strnlen(s, max);
	char *d = malloc(len + 1);

	if (!d)
		return NULL;
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

static void write_report(void)
{
	char line[64];
	int fd, len;

	if (!report)
		return;
	fd = open(report, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	len = snprintf(line, sizeof line, "%lu %lu\n", atomic_load(&counted),
		       atomic_load(&failed));
	if (len > 0 && write(fd, line, (size_t)len) < 0)
		len = 0;
	close(fd);
}

/* Late, so the libraries' own destructors are counted first where the
 * order allows; exit() runs it after the atexit handlers in any case. */
__attribute__((destructor(101))) static void at_exit(void)
{
	write_report();
}

typedef int (*main_fn)(int, char **, char **);
static main_fn real_main;

static int counting_main(int argc, char **argv, char **envp)
{
	const char *mode = getenv("DEDI_FAIL_ALLOC_MODE");
	const char *prog = getenv("DEDI_FAIL_ALLOC_PROG");

	if (prog && argc > 0) {
		const char *base = strrchr(argv[0], '/');

		if (strcmp(base ? base + 1 : argv[0], prog))
			return real_main(argc, argv, envp);
	}

	fail_at = parse_ulong(getenv("DEDI_FAIL_ALLOC_AT"));
	fail_after = !(mode && !strcmp(mode, "once"));
	trace = getenv("DEDI_FAIL_ALLOC_TRACE") != NULL;
	report = getenv("DEDI_FAIL_ALLOC_REPORT");
	if (trace) {
		/* backtrace() loads libgcc_s on its first call: not at the
		 * moment memory is gone. */
		void *f[2];
		backtrace(f, 2);
	}
	atomic_store(&started, true);
	return real_main(argc, argv, envp);
}

int __libc_start_main(main_fn main, int argc, char **argv, void (*init)(void),
		      void (*fini)(void), void (*rtld_fini)(void), void *stack_end)
{
	int (*real)(main_fn, int, char **, void (*)(void), void (*)(void),
		    void (*)(void), void *);

	real = (int (*)(main_fn, int, char **, void (*)(void), void (*)(void),
			void (*)(void), void *))dlsym(RTLD_NEXT, "__libc_start_main");
	real_main = main;
	return real(counting_main, argc, argv, init, fini, rtld_fini, stack_end);
}
