/* Every single-bit flip and every truncation of a real vault file is
 * refused, all of them, not a sample; so is every one-byte deletion and
 * insertion. The file uses the smallest Argon2
 * parameters the header bounds allow (opslimit 1, memlimit 8 KiB) so the
 * few thousand unlocks fit in seconds; the checks are the same for any
 * parameters. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vault.h"
#include "tests/vault/vtest.h"

static int t;
static int failed;

static void ok(int cond, const char *what)
{
	t++;
	if (!cond)
		failed++;
	printf("%s %d - %s\n", cond ? "ok" : "not ok", t, what);
}

/* 1 when opening data as a vault is refused as a vault problem. */
static int refused(const char *path, const unsigned char *data, size_t len, char *why,
		   size_t whylen)
{
	struct dd_error err;
	struct dd_vault *v;

	if (vt_write(path, data, len) != 0)
		return 0;
	v = vt_open(path, &err);
	if (v) {
		dd_vault_close(v);
		snprintf(why, whylen, "opened");
		return 0;
	}
	snprintf(why, whylen, "%s", err.message);
	return err.kind == DD_E_VAULT;
}

int main(void)
{
	const char *dir = vt_tmpdir();
	char path[PATH_MAX], why[600], msg[700];
	unsigned char *orig, *buf;
	size_t len, flips = 0, flips_ok = 0, truncs = 0, truncs_ok = 0, ext_ok = 0;
	struct dd_error err;
	struct dd_vault *v;

	printf("1..7\n");
	snprintf(path, sizeof(path), "%s/vault", dir);
	if (vt_make_vault(path, 2) != 0 || !(orig = vt_read(path, &len))) {
		printf("Bail out! cannot make a vault\n");
		return 1;
	}
	buf = malloc(len + 2);
	v = vt_open(path, &err);
	ok(v != NULL, "the untouched file opens");
	dd_vault_close(v);

	why[0] = '\0';
	for (size_t i = 0; i < len; i++) {
		for (int b = 0; b < 8; b++) {
			memcpy(buf, orig, len);
			buf[i] ^= (unsigned char)(1u << b);
			flips++;
			if (refused(path, buf, len, why, sizeof(why)))
				flips_ok++;
			else
				printf("# flip of bit %d of byte %zu not refused: %s\n", b, i, why);
		}
	}
	snprintf(msg, sizeof(msg), "%zu of %zu single-bit flips of a %zu-byte vault refused",
		 flips_ok, flips, len);
	ok(flips == len * 8 && flips_ok == flips, msg);

	for (size_t n = 0; n < len; n++) {
		truncs++;
		if (refused(path, orig, n, why, sizeof(why)))
			truncs_ok++;
		else
			printf("# truncation to %zu bytes not refused: %s\n", n, why);
	}
	snprintf(msg, sizeof(msg), "%zu of %zu truncation lengths (0..%zu) refused", truncs_ok,
		 truncs, len - 1);
	ok(truncs == len && truncs_ok == truncs, msg);

	for (int x = 0; x < 256; x++) {
		memcpy(buf, orig, len);
		buf[len] = (unsigned char)x;
		if (refused(path, buf, len + 1, why, sizeof(why)) && strstr(why, "unexpected bytes"))
			ext_ok++;
	}
	snprintf(msg, sizeof(msg), "%zu of 256 one-byte extensions refused", ext_ok);
	ok(ext_ok == 256, msg);

	/* A byte missing or added anywhere, not only at the end. */
	{
		size_t del_ok = 0, ins_ok = 0;

		for (size_t i = 0; i < len; i++) {
			memcpy(buf, orig, i);
			memcpy(buf + i, orig + i + 1, len - i - 1);
			if (refused(path, buf, len - 1, why, sizeof(why)))
				del_ok++;
			else
				printf("# deleting byte %zu not refused: %s\n", i, why);
		}
		snprintf(msg, sizeof(msg), "%zu of %zu one-byte deletions refused", del_ok, len);
		ok(del_ok == len, msg);
		for (size_t i = 0; i <= len; i++) {
			memcpy(buf, orig, i);
			buf[i] = orig[i < len ? i : len - 1];
			memcpy(buf + i + 1, orig + i, len - i);
			if (refused(path, buf, len + 1, why, sizeof(why)))
				ins_ok++;
			else
				printf("# inserting at %zu not refused: %s\n", i, why);
		}
		snprintf(msg, sizeof(msg), "%zu of %zu one-byte insertions refused", ins_ok, len + 1);
		ok(ins_ok == len + 1, msg);
	}

	vt_write(path, orig, len);
	v = vt_open(path, &err);
	ok(v != NULL && dd_vault_count(v) == 2, "the restored file opens again");
	dd_vault_close(v);
	printf("# bit flips refused: %zu/%zu, truncations refused: %zu/%zu\n", flips_ok, flips,
	       truncs_ok, truncs);
	free(buf);
	free(orig);
	vt_rmtree(dir);
	return failed ? 1 : 0;
}
