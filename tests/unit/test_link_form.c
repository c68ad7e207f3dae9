/* The link wizard's kept place: core/link_form's text, and the vault
 * record that holds it (doc/vault-format.md, "Records"): written, read
 * back after a reopen, removed, and a vault without one unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/link_form.h"
#include "core/vault.h"

#define PASS "fake unit-test passphrase"
static const struct dd_vault_params fast = { 1, 8192 };

static void filled(struct dd_link_form *f)
{
	assert_int_equal(dd_link_form_init(f, NULL), 0);
	f->step = 5;
	snprintf(f->scw_profile, sizeof(f->scw_profile), "work");
	snprintf(f->payment, sizeof(f->payment), "card:4242");
	snprintf(f->save_as, sizeof(f->save_as), "both");
	snprintf(f->report, sizeof(f->report), "/tmp/link report.md");
	snprintf(f->typed->online_token, sizeof(f->typed->online_token), "fake-token-0123");
}

static void t_roundtrip(void **state)
{
	struct dd_link_form a, b;
	struct dd_secret *s = NULL;
	struct dd_error err;

	(void)state;
	filled(&a);
	assert_int_equal(dd_link_form_encode(&a, &s, &err), 0);
	assert_non_null(strstr(s->buf, "step=5\n"));
	assert_non_null(strstr(s->buf, "online_token=fake-token-0123\n"));
	/* Empty fields are left out. */
	assert_null(strstr(s->buf, "secret_key="));
	assert_int_equal(dd_link_form_init(&b, NULL), 0);
	assert_int_equal(dd_link_form_decode(s->buf, &b, &err), 0);
	assert_int_equal(b.step, 5);
	assert_string_equal(b.scw_profile, "work");
	assert_string_equal(b.payment, "card:4242");
	assert_string_equal(b.save_as, "both");
	assert_string_equal(b.report, "/tmp/link report.md");
	assert_string_equal(b.typed->online_token, "fake-token-0123");
	assert_string_equal(b.dbx_profile, "");
	dd_secret_free(s);
	dd_link_form_free(&a);
	dd_link_form_free(&b);
}

static void t_refusals(void **state)
{
	struct dd_link_form f;
	struct dd_error err;
	char longv[200];

	(void)state;
	assert_int_equal(dd_link_form_init(&f, NULL), 0);
	assert_int_equal(dd_link_form_decode("step=0\n", &f, &err), -1);
	assert_non_null(strstr(err.message, "line 1"));
	assert_int_equal(dd_link_form_decode("step=10\n", &f, &err), -1);
	assert_int_equal(dd_link_form_decode("step=x\n", &f, &err), -1);
	assert_int_equal(dd_link_form_decode("step=2\nnoequals\n", &f, &err), -1);
	assert_non_null(strstr(err.message, "line 2"));
	assert_int_equal(dd_link_form_decode("report=a\tb\n", &f, &err), -1);
	memset(longv, 'x', sizeof(longv) - 1);
	longv[sizeof(longv) - 1] = 0;
	char text[300];
	snprintf(text, sizeof(text), "save_as=%s\n", longv);
	assert_int_equal(dd_link_form_decode(text, &f, &err), -1);
	assert_non_null(strstr(err.message, "save_as is too long"));
	/* The message never quotes the value. */
	assert_null(strstr(err.message, "xxxx"));
	/* A name a later dedi may add is skipped. */
	assert_int_equal(dd_link_form_decode("step=3\nfuture_field=1\n", &f, &err), 0);
	assert_int_equal(f.step, 3);
	dd_link_form_free(&f);
}

static char g_dir[64];

static void vault_path(char *buf, size_t len)
{
	snprintf(buf, len, "%s/vault", g_dir);
}

static void t_vault_record(void **state)
{
	struct dd_error err;
	struct dd_vault *v;
	struct dd_creds *c = dd_creds_new();
	char path[128];

	(void)state;
	vault_path(path, sizeof(path));
	v = dd_vault_open(path, PASS, strlen(PASS), DD_VAULT_WRITE, &fast, &err);
	assert_non_null(v);
	snprintf(c->profile, sizeof(c->profile), "alpha");
	snprintf(c->online_token, sizeof(c->online_token), "fake-token");
	assert_int_equal(dd_vault_put(v, c, &err), 0);
	assert_null(dd_vault_record(v, DD_VAULT_REC_LINK_WIZARD));
	assert_int_equal(dd_vault_save(v, &err), 0);
	dd_vault_close(v);

	/* A vault without a record opens as before, with none. */
	v = dd_vault_open(path, PASS, strlen(PASS), DD_VAULT_WRITE, NULL, &err);
	assert_non_null(v);
	assert_null(dd_vault_record(v, DD_VAULT_REC_LINK_WIZARD));
	assert_int_equal(dd_vault_set_record(v, DD_VAULT_REC_LINK_WIZARD,
					     "step=5\nonline_token=fake-token\n", &err), 0);
	assert_int_equal(dd_vault_set_record(v, 7, "x", &err), -1);
	assert_int_equal(dd_vault_save(v, &err), 0);
	dd_vault_close(v);

	/* Read back with the profiles intact. */
	v = dd_vault_open(path, PASS, strlen(PASS), DD_VAULT_READ, NULL, &err);
	assert_non_null(v);
	assert_int_equal(dd_vault_count(v), 1);
	assert_string_equal(dd_vault_at(v, 0)->online_token, "fake-token");
	assert_non_null(dd_vault_record(v, DD_VAULT_REC_LINK_WIZARD));
	assert_string_equal(dd_vault_record(v, DD_VAULT_REC_LINK_WIZARD),
			    "step=5\nonline_token=fake-token\n");
	dd_vault_close(v);

	/* Removed, and gone after a reopen. */
	v = dd_vault_open(path, PASS, strlen(PASS), DD_VAULT_WRITE, NULL, &err);
	assert_non_null(v);
	assert_int_equal(dd_vault_set_record(v, DD_VAULT_REC_LINK_WIZARD, NULL, &err), 0);
	assert_int_equal(dd_vault_save(v, &err), 0);
	dd_vault_close(v);
	v = dd_vault_open(path, PASS, strlen(PASS), DD_VAULT_READ, NULL, &err);
	assert_non_null(v);
	assert_null(dd_vault_record(v, DD_VAULT_REC_LINK_WIZARD));
	assert_int_equal(dd_vault_count(v), 1);
	dd_vault_close(v);
	dd_creds_free(c);
}

/* A record filling the plaintext to a multiple of the padding exactly
 * (no zero byte after it) still reads back. */
static void t_record_sizes(void **state)
{
	struct dd_error err;
	char path[128], text[1200];

	(void)state;
	vault_path(path, sizeof(path));
	for (size_t n = 200; n < 1100; n += 37) {
		struct dd_vault *v = dd_vault_open(path, PASS, strlen(PASS), DD_VAULT_WRITE, NULL,
						   &err);

		assert_non_null(v);
		memset(text, 'a', n);
		text[n] = 0;
		assert_int_equal(dd_vault_set_record(v, DD_VAULT_REC_LINK_WIZARD, text, &err), 0);
		assert_int_equal(dd_vault_save(v, &err), 0);
		dd_vault_close(v);
		v = dd_vault_open(path, PASS, strlen(PASS), DD_VAULT_READ, NULL, &err);
		assert_non_null(v);
		assert_int_equal(strlen(dd_vault_record(v, DD_VAULT_REC_LINK_WIZARD)), n);
		dd_vault_close(v);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_roundtrip),
		cmocka_unit_test(t_refusals),
		cmocka_unit_test(t_vault_record),
		cmocka_unit_test(t_record_sizes),
	};
	int rc;

	snprintf(g_dir, sizeof(g_dir), "/tmp/dd-linkform-XXXXXX");
	if (!mkdtemp(g_dir))
		return 1;
	chmod(g_dir, 0700);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", g_dir);
	if (system(cmd) != 0)
		rc = rc ? rc : 1;
	return rc;
}
