/* libFuzzer harness for the vault's readers: the input is opened as a
 * vault file (passphrase "correct horse test"), parsed as a config file and
 * as scw's config.yaml. Whatever is refused must be refused with a clean
 * one-line message and the right kind; whatever opens must be a valid set
 * of profiles that saves and reopens to the same. A broken rule aborts. */
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"
#include "core/scw_import.h"
#include "core/vault.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PASS "correct horse test"
#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "fuzz_vault: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

static void clean_message(const struct dd_error *e)
{
	size_t n = strlen(e->message);

	CHECK(n > 0 && n < sizeof(e->message) - 1);
	for (size_t i = 0; i < n; i++)
		CHECK((unsigned char)e->message[i] >= 0x20 && e->message[i] != 0x7f);
}

static char d[PATH_MAX];

static void cleanup(void)
{
	static const char *const names[] = { "vault", "copy", "copy.bak", "copy.lock", "copy.tmp" };
	char p[PATH_MAX + 16];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", d, names[i]);
		unlink(p);
	}
	rmdir(d);
}

static const char *dir(void)
{
	if (!d[0]) {
		const char *t = getenv("TMPDIR");

		snprintf(d, sizeof(d), "%s/dedi-fuzz-vault.XXXXXX", t && *t ? t : "/tmp");
		CHECK(mkdtemp(d) != NULL);
		atexit(cleanup);
	}
	return d;
}

static void as_vault(const uint8_t *data, size_t size)
{
	char path[PATH_MAX], path2[PATH_MAX + 8];
	struct dd_error err;
	struct dd_vault *v, *w;
	int fd;

	snprintf(path, sizeof(path), "%s/vault", dir());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK(size == 0 || write(fd, data, size) == (ssize_t)size);
	close(fd);
	v = dd_vault_open(path, PASS, strlen(PASS), DD_VAULT_READ, NULL, &err);
	if (!v) {
		clean_message(&err);
		CHECK(err.kind == DD_E_VAULT || err.kind == DD_E_INTERNAL);
		return;
	}
	/* What opens is valid, and survives a save. */
	snprintf(path2, sizeof(path2), "%s/copy", dir());
	unlink(path2);
	w = dd_vault_open(path2, PASS, strlen(PASS), DD_VAULT_WRITE,
			  &(struct dd_vault_params){ 1, 8192 }, &err);
	CHECK(w != NULL);
	for (size_t i = 0; i < dd_vault_count(v); i++) {
		CHECK(dd_vault_check_profile(dd_vault_at(v, i), &err) == 0);
		CHECK(dd_vault_put(w, dd_vault_at(v, i), &err) == 0);
	}
	CHECK(dd_vault_save(w, &err) == 0);
	dd_vault_close(w);
	w = dd_vault_open(path2, PASS, strlen(PASS), DD_VAULT_READ, NULL, &err);
	CHECK(w != NULL && dd_vault_count(w) == dd_vault_count(v));
	for (size_t i = 0; i < dd_vault_count(v); i++)
		CHECK(memcmp(dd_vault_at(v, i), dd_vault_at(w, i), sizeof(struct dd_creds)) == 0);
	dd_vault_close(w);
	dd_vault_close(v);
}

static void as_config(const uint8_t *data, size_t size)
{
	struct dd_error err;
	struct dd_config *c = dd_config_parse((const char *)data, size, "config", &err);

	if (!c) {
		clean_message(&err);
		CHECK(err.kind == DD_E_USAGE);
		CHECK(strncmp(err.message, "config", 6) == 0);
		return;
	}
	if (dd_config_default_profile(c))
		CHECK(dd_vault_name_ok(dd_config_default_profile(c)));
	dd_config_free(c);
}

static void as_scw(const uint8_t *data, size_t size)
{
	struct dd_scw_import im;
	struct dd_error err;

	if (dd_scw_import_text((const char *)data, size, "config.yaml", &im, &err) != 0) {
		clean_message(&err);
		CHECK(err.kind == DD_E_USAGE || err.kind == DD_E_NOT_FOUND);
		return;
	}
	CHECK(im.n > 0);
	for (size_t i = 0; i < im.n; i++)
		CHECK(dd_vault_check_profile(&im.prof[i], &err) == 0);
	dd_scw_import_free(&im);
}

static uint32_t get32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void put32(uint8_t *b, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b[i] = (uint8_t)(v >> (8 * i));
}

/* The header's Argon2 cost within the reader's range is Argon2's to pay,
 * not a finding: 1 GiB and 10 passes take seconds (minutes under load on
 * a VM, where each page faulted costs tens of µs), and libFuzzer called
 * that a timeout. Costs in range are lowered to at most 2 passes over
 * 16 MiB (doc/vault-format.md: opslimit at offset 12, memlimit in KiB at
 * 16); those out of range are left for the reader to refuse. */
static void cheap_kdf(uint8_t *b, size_t size)
{
	uint32_t ops, mem;

	if (size < 20)
		return;
	ops = get32(b + 12);
	mem = get32(b + 16);
	if (ops > 2 && ops <= DD_VAULT_OPSLIMIT_MAX)
		put32(b + 12, 2);
	if (mem > 16384 && mem <= DD_VAULT_MEMLIMIT_MAX / 1024)
		put32(b + 16, 16384);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *v = malloc(size ? size : 1);

	CHECK(v != NULL);
	memcpy(v, data, size);
	cheap_kdf(v, size);
	as_vault(v, size);
	free(v);
	as_config(data, size);
	as_scw(data, size);
	return 0;
}
