/* core/profile: which credentials dedi uses (environment versus vault),
 * and switching between the vault's profiles without unlocking again. */
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

#include "core/profile.h"
#include "tests/vault/vtest.h"

static char dir[PATH_MAX], vault[PATH_MAX + 32];
static int unlocks;

static struct dd_vault *unlock(void *ud, const struct dd_config *cfg, const char *path,
			       struct dd_error *err)
{
	(void)ud, (void)cfg;
	unlocks++;
	return vt_open(path, err);
}

static void clear_env(void)
{
	static const char *const vars[] = {
		"SCW_ACCESS_KEY", "SCW_SECRET_KEY", "SCW_DEFAULT_ORGANIZATION_ID",
		"SCW_DEFAULT_PROJECT_ID", "SCW_DEFAULT_ZONE", "SCW_API_URL",
		"DEDI_ONLINE_TOKEN", "DEDI_ONLINE_API_URL", "DEDI_PROFILE",
	};

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		unsetenv(vars[i]);
}

/* A private world: XDG directories in a fresh directory, no vault yet. */
static int setup(void **state)
{
	char sub[PATH_MAX + 32];

	(void)state;
	clear_env();
	unlocks = 0;
	snprintf(dir, sizeof(dir), "%s", vt_tmpdir());
	snprintf(sub, sizeof(sub), "%s/data", dir);
	setenv("XDG_DATA_HOME", sub, 1);
	mkdir(sub, 0700);
	snprintf(sub, sizeof(sub), "%s/data/dedi", dir);
	mkdir(sub, 0700);
	snprintf(sub, sizeof(sub), "%s/config", dir);
	setenv("XDG_CONFIG_HOME", sub, 1);
	mkdir(sub, 0700);
	snprintf(sub, sizeof(sub), "%s/config/dedi", dir);
	mkdir(sub, 0700);
	snprintf(vault, sizeof(vault), "%s/data/dedi/vault", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	vt_rmtree(dir);
	clear_env();
	return 0;
}

static void write_config(const char *text)
{
	char path[PATH_MAX + 32];
	FILE *f;

	snprintf(path, sizeof(path), "%s/config/dedi/config", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(path, 0600);
}

static void decide(void **state)
{
	(void)state;
	assert_int_equal(dd_profile_decide(NULL, false), DD_PROFILE_ENV);
	assert_int_equal(dd_profile_decide(NULL, true), DD_PROFILE_VAULT);
	assert_int_equal(dd_profile_decide("", true), DD_PROFILE_VAULT);
	setenv("DEDI_ONLINE_TOKEN", VT_TOKEN, 1);
	/* A secret in the environment and no profile named: the vault stays shut. */
	assert_int_equal(dd_profile_decide(NULL, true), DD_PROFILE_ENV);
	assert_int_equal(dd_profile_decide("work", true), DD_PROFILE_VAULT);
	setenv("DEDI_PROFILE", "work", 1);
	assert_int_equal(dd_profile_decide(NULL, true), DD_PROFILE_VAULT);
	assert_int_equal(dd_profile_decide(NULL, false), DD_PROFILE_VAULT);
}

static void vault_profiles_switch_without_unlocking_again(void **state)
{
	struct dd_error err;
	struct dd_profiles *p;
	struct dd_creds *c;

	(void)state;
	assert_int_equal(vt_make_vault(vault, 3), 0);
	p = dd_profiles_open("p1", unlock, NULL, &err);
	assert_non_null(p);
	assert_int_equal(unlocks, 1);
	assert_int_equal(dd_profiles_source(p), DD_PROFILE_VAULT);
	assert_string_equal(dd_profiles_current(p), "p1");
	assert_int_equal(dd_profiles_count(p), 3);
	assert_string_equal(dd_profiles_name(p, 0), "p0");
	assert_string_equal(dd_profiles_name(p, 2), "p2");
	assert_null(dd_profiles_name(p, 3));
	/* Any profile, any number of times: the vault is not opened again. */
	for (int i = 0; i < 3; i++) {
		char name[8];

		snprintf(name, sizeof(name), "p%d", i);
		c = dd_profiles_creds(p, name, &err);
		assert_non_null(c);
		assert_string_equal(c->profile, name);
		assert_string_equal(c->secret_key, VT_SECRET);
		dd_creds_free(c);
	}
	assert_int_equal(unlocks, 1);
	/* The environment is laid over the profile's values. */
	setenv("SCW_DEFAULT_ZONE", "nl-ams-1", 1);
	setenv("SCW_API_URL", "http://127.0.0.1:9", 1);
	c = dd_profiles_creds(p, "p2", &err);
	assert_non_null(c);
	assert_string_equal(c->zone, "nl-ams-1");
	assert_string_equal(c->scw_api_url, "http://127.0.0.1:9");
	assert_string_equal(c->access_key, VT_ACCESS);
	dd_creds_free(c);
	assert_null(dd_profiles_creds(p, "nosuch", &err));
	assert_int_equal(err.kind, DD_E_AUTH);
	assert_non_null(strstr(err.message, "no profile named nosuch"));
	dd_profiles_free(p);
}

static void selection_order(void **state)
{
	struct dd_error err;
	struct dd_profiles *p;

	(void)state;
	assert_int_equal(vt_make_vault(vault, 3), 0);
	/* Nothing named: "default", which this vault lacks. */
	assert_null(dd_profiles_open(NULL, unlock, NULL, &err));
	assert_int_equal(err.kind, DD_E_AUTH);
	assert_non_null(strstr(err.message, "no profile named default"));
	write_config("default_profile = p2\n");
	p = dd_profiles_open(NULL, unlock, NULL, &err);
	assert_non_null(p);
	assert_string_equal(dd_profiles_current(p), "p2");
	dd_profiles_free(p);
	setenv("DEDI_PROFILE", "p0", 1);
	p = dd_profiles_open(NULL, unlock, NULL, &err);
	assert_non_null(p);
	assert_string_equal(dd_profiles_current(p), "p0");
	dd_profiles_free(p);
	p = dd_profiles_open("p1", unlock, NULL, &err);
	assert_non_null(p);
	assert_string_equal(dd_profiles_current(p), "p1");
	dd_profiles_free(p);
}

static void environment_alone(void **state)
{
	struct dd_error err;
	struct dd_profiles *p;
	struct dd_creds *c;

	(void)state;
	assert_int_equal(vt_make_vault(vault, 2), 0);
	setenv("SCW_ACCESS_KEY", VT_ACCESS, 1);
	setenv("SCW_SECRET_KEY", VT_SECRET, 1);
	p = dd_profiles_open(NULL, unlock, NULL, &err);
	assert_non_null(p);
	assert_int_equal(unlocks, 0);
	assert_int_equal(dd_profiles_source(p), DD_PROFILE_ENV);
	assert_string_equal(dd_profiles_current(p), "env");
	assert_int_equal(dd_profiles_count(p), 0);
	c = dd_profiles_creds(p, "env", &err);
	assert_non_null(c);
	assert_string_equal(c->profile, "env");
	assert_string_equal(c->secret_key, VT_SECRET);
	dd_creds_free(c);
	/* The vault was never opened: its profiles cannot be reached. */
	assert_null(dd_profiles_creds(p, "p0", &err));
	assert_int_equal(err.kind, DD_E_AUTH);
	dd_profiles_free(p);
}

static void no_credentials_and_no_vault(void **state)
{
	struct dd_error err;

	(void)state;
	assert_null(dd_profiles_open(NULL, unlock, NULL, &err));
	assert_int_equal(err.kind, DD_E_AUTH);
	assert_non_null(strstr(err.message, "no credentials"));
	assert_null(dd_profiles_open("work", unlock, NULL, &err));
	assert_int_equal(err.kind, DD_E_AUTH);
	assert_non_null(strstr(err.message, "no vault at"));
	assert_int_equal(unlocks, 0);
	/* No vault, keys in the environment: they are used. */
	setenv("DEDI_ONLINE_TOKEN", VT_TOKEN, 1);
	struct dd_profiles *p = dd_profiles_open(NULL, unlock, NULL, &err);
	assert_non_null(p);
	assert_int_equal(dd_profiles_source(p), DD_PROFILE_ENV);
	dd_profiles_free(p);
}

/* A zone saved by an older dedi (scw's fr-par-3) is blamed on the
 * profile that holds it, not on a variable that is not set; the
 * environment still wins over it. */
static void saved_zone_blamed_on_the_profile(void **state)
{
	struct dd_error err;
	struct dd_profiles *p;
	struct dd_creds *c = dd_creds_new();
	struct dd_vault *v;

	(void)state;
	v = dd_vault_open(vault, VT_PASS, strlen(VT_PASS), DD_VAULT_WRITE, &vt_params, &err);
	assert_non_null(v);
	vt_creds(c, "old");
	snprintf(c->zone, sizeof(c->zone), "fr-par-3");
	assert_int_equal(dd_vault_put(v, c, &err), 0);
	assert_int_equal(dd_vault_save(v, &err), 0);
	dd_vault_close(v);
	dd_creds_free(c);
	p = dd_profiles_open("old", unlock, NULL, &err);
	assert_non_null(p);
	assert_null(dd_profiles_creds(p, "old", &err));
	if (!strstr(err.message, "profile old in the vault has the zone fr-par-3") ||
	    strstr(err.message, "SCW_DEFAULT_ZONE"))
		fail_msg("got: %s", err.message);
	setenv("SCW_DEFAULT_ZONE", "fr-par-1", 1);
	c = dd_profiles_creds(p, "old", &err);
	assert_non_null(c);
	assert_string_equal(c->zone, "fr-par-1");
	dd_creds_free(c);
	setenv("SCW_DEFAULT_ZONE", "fr-par-3", 1);
	assert_null(dd_profiles_creds(p, "old", &err));
	assert_non_null(strstr(err.message, "SCW_DEFAULT_ZONE=fr-par-3 is not a Dedibox zone"));
	dd_profiles_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(decide, setup, teardown),
		cmocka_unit_test_setup_teardown(vault_profiles_switch_without_unlocking_again, setup,
						teardown),
		cmocka_unit_test_setup_teardown(selection_order, setup, teardown),
		cmocka_unit_test_setup_teardown(environment_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(no_credentials_and_no_vault, setup, teardown),
		cmocka_unit_test_setup_teardown(saved_zone_blamed_on_the_profile, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
