/* The vault's behaviour: round trip, passphrases, profiles, refusals of
 * unsafe files, core dumps and ptrace. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/hardening.h"
#include "core/vault.h"
#include "tests/vault/vtest.h"

struct fx {
	const char *dir;
	char path[PATH_MAX];
};

static int setup(void **state)
{
	static struct fx f;

	f.dir = strdup(vt_tmpdir());
	snprintf(f.path, sizeof(f.path), "%s/dedi/vault", f.dir);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	vt_rmtree(f->dir);
	free((char *)f->dir);
	return 0;
}

static void round_trip(void **state)
{
	struct fx *f = *state;
	struct dd_error err;
	struct dd_vault *v;
	const struct dd_creds *c;

	assert_int_equal(vt_make_vault(f->path, 3), 0);
	v = vt_open(f->path, &err);
	assert_non_null(v);
	assert_int_equal(dd_vault_count(v), 3);
	c = dd_vault_find(v, "p1");
	assert_non_null(c);
	assert_string_equal(c->access_key, VT_ACCESS);
	assert_string_equal(c->secret_key, VT_SECRET);
	assert_string_equal(c->online_token, VT_TOKEN);
	assert_string_equal(c->zone, "fr-par-1");
	assert_string_equal(c->scw_api_url, "");
	assert_int_equal(dd_vault_get_params(v).opslimit, VT_OPS);
	assert_int_equal(dd_vault_get_params(v).memlimit, VT_MEM);
	/* Read-only: saving is refused. */
	assert_int_equal(dd_vault_save(v, &err), -1);
	dd_vault_close(v);
}

static void file_and_dir_modes(void **state)
{
	struct fx *f = *state;
	char dir[PATH_MAX + 8], bak[PATH_MAX + 8];
	struct stat st;

	assert_int_equal(vt_make_vault(f->path, 1), 0);
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	snprintf(dir, sizeof(dir), "%s/dedi", f->dir);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	/* A second save keeps the first as vault.bak. */
	assert_int_equal(vt_make_vault(f->path, 2), 0);
	snprintf(bak, sizeof(bak), "%s.bak", f->path);
	assert_int_equal(stat(bak, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
}

static void wrong_passphrase(void **state)
{
	struct fx *f = *state;
	struct dd_error err;
	struct dd_vault *v;

	assert_int_equal(vt_make_vault(f->path, 1), 0);
	v = dd_vault_open(f->path, "not the passphrase", 18, DD_VAULT_READ, NULL, &err);
	assert_null(v);
	assert_int_equal(err.kind, DD_E_VAULT);
	assert_string_equal(err.api_type, DD_VAULT_WRONG_PASSPHRASE);
	assert_non_null(strstr(err.message, "wrong passphrase"));
	/* Empty passphrase, and the right one plus a byte. */
	assert_null(dd_vault_open(f->path, "", 0, DD_VAULT_READ, NULL, &err));
	assert_null(dd_vault_open(f->path, VT_PASS "x", strlen(VT_PASS) + 1, DD_VAULT_READ,
				  NULL, &err));
	assert_string_equal(err.api_type, DD_VAULT_WRONG_PASSPHRASE);
}

/* Too long a path is the user's to fix (exit 2), not "out of memory". */
static void path_too_long(void **state)
{
	struct dd_error err;
	char path[5000];

	(void)state;
	memset(path, 'v', sizeof(path) - 1);
	path[0] = '/';
	path[sizeof(path) - 1] = '\0';
	assert_null(dd_vault_open(path, VT_PASS, strlen(VT_PASS), DD_VAULT_READ, NULL, &err));
	assert_int_equal(err.kind, DD_E_USAGE);
	assert_string_equal(err.message, "vault path too long");
}

static void missing(void **state)
{
	struct fx *f = *state;
	struct dd_error err;

	assert_false(dd_vault_exists(f->path));
	assert_null(vt_open(f->path, &err));
	assert_int_equal(err.kind, DD_E_NOT_FOUND);
	assert_non_null(strstr(err.message, "dedi auth login"));
}

static void put_remove_rekey(void **state)
{
	struct fx *f = *state;
	struct dd_error err;
	struct dd_vault *v;
	struct dd_creds c;
	struct dd_vault_params p2 = { 2, 16384 };

	assert_int_equal(vt_make_vault(f->path, 2), 0);
	v = dd_vault_open(f->path, VT_PASS, strlen(VT_PASS), DD_VAULT_WRITE, NULL, &err);
	assert_non_null(v);
	vt_creds(&c, "p0");
	strcpy(c.zone, "nl-ams-1");
	assert_int_equal(dd_vault_put(v, &c, &err), 0);
	assert_int_equal(dd_vault_count(v), 2);
	assert_int_equal(dd_vault_remove(v, "p1", &err), 0);
	assert_int_equal(dd_vault_remove(v, "p1", &err), -1);
	assert_int_equal(err.kind, DD_E_NOT_FOUND);
	/* Invalid names and oversize values never enter the vault. */
	vt_creds(&c, "../evil");
	assert_int_equal(dd_vault_put(v, &c, &err), -1);
	vt_creds(&c, "ok");
	memset(c.zone, 'z', sizeof(c.zone));
	assert_int_equal(dd_vault_put(v, &c, &err), -1);
	assert_non_null(strstr(err.message, "zone is too long"));
	vt_creds(&c, "ok");
	c.secret_key[3] = '\n';
	assert_int_equal(dd_vault_put(v, &c, &err), -1);
	assert_null(strstr(err.message, VT_SECRET));
	assert_int_equal(dd_vault_rekey(v, "new pass", 8, &p2, &err), 0);
	assert_int_equal(dd_vault_save(v, &err), 0);
	dd_vault_close(v);

	assert_null(vt_open(f->path, &err));
	assert_string_equal(err.api_type, DD_VAULT_WRONG_PASSPHRASE);
	v = dd_vault_open(f->path, "new pass", 8, DD_VAULT_READ, NULL, &err);
	assert_non_null(v);
	assert_int_equal(dd_vault_count(v), 1);
	assert_string_equal(dd_vault_at(v, 0)->zone, "nl-ams-1");
	assert_int_equal(dd_vault_get_params(v).opslimit, 2);
	assert_int_equal(dd_vault_get_params(v).memlimit, 16384);
	dd_vault_close(v);
}

static void create_params_bounded(void **state)
{
	struct fx *f = *state;
	struct dd_error err;
	struct dd_vault_params bad[] = {
		{ 0, VT_MEM }, { 11, VT_MEM }, { 1, 4096 }, { 1, DD_VAULT_MEMLIMIT_MAX + 1024 },
		{ 1, 8193 },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_null(dd_vault_open(f->path, "x", 1, DD_VAULT_WRITE, &bad[i], &err));
		assert_int_equal(err.kind, DD_E_USAGE);
	}
}

static void refuses_group_readable(void **state)
{
	struct fx *f = *state;
	struct dd_error err;
	static const mode_t modes[] = { 0640, 0604, 0620, 0602, 0644, 0666 };

	assert_int_equal(vt_make_vault(f->path, 1), 0);
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		char fix[PATH_MAX + 16];

		assert_int_equal(chmod(f->path, modes[i]), 0);
		assert_null(vt_open(f->path, &err));
		assert_int_equal(err.kind, DD_E_VAULT);
		snprintf(fix, sizeof(fix), "chmod 600 %s", f->path);
		assert_non_null(strstr(err.message, fix));
	}
	assert_int_equal(chmod(f->path, 0600), 0);
	assert_non_null(strstr(f->path, "/dedi/vault"));
	{
		char dir[PATH_MAX];
		struct dd_vault *v;

		snprintf(dir, sizeof(dir), "%s/dedi", f->dir);
		assert_int_equal(chmod(dir, 0750), 0);
		assert_null(vt_open(f->path, &err));
		assert_non_null(strstr(err.message, "chmod 700"));
		/* A shared directory (sticky, writable by all: /tmp) is no
		 * place for a vault, and chmod 700 on it would break the
		 * system: the advice is to move the file. */
		assert_int_equal(chmod(dir, 01777), 0);
		assert_null(vt_open(f->path, &err));
		assert_int_equal(err.kind, DD_E_VAULT);
		assert_null(strstr(err.message, "chmod"));
		assert_non_null(strstr(err.message, "move"));
		assert_int_equal(chmod(dir, 0700), 0);
		v = vt_open(f->path, &err);
		assert_non_null(v);
		dd_vault_close(v);
	}
}

static void refuses_symlinks(void **state)
{
	struct fx *f = *state;
	struct dd_error err;
	char real[PATH_MAX + 8], ldir[PATH_MAX + 8], lpath[PATH_MAX + 16];

	assert_int_equal(vt_make_vault(f->path, 1), 0);
	snprintf(real, sizeof(real), "%s.real", f->path);
	assert_int_equal(rename(f->path, real), 0);
	assert_int_equal(symlink(real, f->path), 0);
	assert_null(vt_open(f->path, &err));
	assert_int_equal(err.kind, DD_E_VAULT);
	assert_non_null(strstr(err.message, "symbolic link"));
	/* Saving through a symlinked vault must not follow it either. */
	assert_null(dd_vault_open(f->path, VT_PASS, strlen(VT_PASS), DD_VAULT_WRITE, NULL, &err));

	/* The directory itself as a symlink. */
	snprintf(ldir, sizeof(ldir), "%s/linkdir", f->dir);
	snprintf(real, sizeof(real), "%s/dedi", f->dir);
	assert_int_equal(symlink(real, ldir), 0);
	snprintf(lpath, sizeof(lpath), "%s/vault.real", ldir);
	assert_null(vt_open(lpath, &err));
	assert_non_null(strstr(err.message, "symbolic link"));
}

static void refuses_other_owner(void **state)
{
	struct fx *f = *state;
	struct dd_error err;

	if (geteuid() != 0) {
		/* Only root can give a file away; an ordinary user meets one
		 * that root owns. */
		assert_null(vt_open("/etc/passwd", &err));
		assert_int_equal(err.kind, DD_E_VAULT);
		assert_non_null(strstr(err.message, "belongs to uid 0"));
		return;
	}
	assert_int_equal(vt_make_vault(f->path, 1), 0);
	assert_int_equal(chown(f->path, 4242, 4242), 0);
	assert_null(vt_open(f->path, &err));
	assert_int_equal(err.kind, DD_E_VAULT);
	assert_non_null(strstr(err.message, "belongs to uid 4242"));
}

static void refuses_non_regular(void **state)
{
	struct fx *f = *state;
	struct dd_error err;
	char dir[PATH_MAX + 8];

	snprintf(dir, sizeof(dir), "%s/dedi", f->dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mkdir(f->path, 0700), 0);
	assert_null(vt_open(f->path, &err));
	assert_true(err.kind == DD_E_VAULT || err.kind == DD_E_IO);
}

static void subkeys(void **state)
{
	struct fx *f = *state;
	struct dd_error err;
	struct dd_vault *v, *w;
	unsigned char a[32], b[32], c[32];

	assert_int_equal(vt_make_vault(f->path, 1), 0);
	v = vt_open(f->path, &err);
	w = vt_open(f->path, &err);
	assert_non_null(v);
	assert_non_null(w);
	assert_int_equal(dd_vault_subkey(v, "cache", a, &err), 0);
	assert_int_equal(dd_vault_subkey(w, "cache", b, &err), 0);
	assert_int_equal(dd_vault_subkey(v, "other", c, &err), 0);
	assert_memory_equal(a, b, 32);
	assert_memory_not_equal(a, c, 32);
	assert_int_equal(dd_vault_subkey(v, "", c, &err), -1);
	dd_vault_close(w);
	/* A new passphrase (new salt) gives new subkeys. */
	dd_vault_close(v);
	v = dd_vault_open(f->path, VT_PASS, strlen(VT_PASS), DD_VAULT_WRITE, NULL, &err);
	assert_non_null(v);
	assert_int_equal(dd_vault_rekey(v, VT_PASS, strlen(VT_PASS), NULL, &err), 0);
	assert_int_equal(dd_vault_subkey(v, "cache", c, &err), 0);
	assert_memory_not_equal(a, c, 32);
	dd_vault_close(v);
}

static void hardening(void **state)
{
	struct dd_error err;

	assert_int_equal(dd_hardening_apply(&err), 0);
	assert_true(dd_hardening_active());
	assert_int_equal(dd_hardening_apply(&err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(file_and_dir_modes, setup, teardown),
		cmocka_unit_test_setup_teardown(wrong_passphrase, setup, teardown),
		cmocka_unit_test_setup_teardown(missing, setup, teardown),
		cmocka_unit_test(path_too_long),
		cmocka_unit_test_setup_teardown(put_remove_rekey, setup, teardown),
		cmocka_unit_test_setup_teardown(create_params_bounded, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_group_readable, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_symlinks, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_other_owner, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_non_regular, setup, teardown),
		cmocka_unit_test_setup_teardown(subkeys, setup, teardown),
		cmocka_unit_test(hardening),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
