/* The config file, XDG paths, profile selection and passphrase sources. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"
#include "core/passphrase.h"
#include "tests/vault/vtest.h"

static struct dd_config *parse(const char *text, struct dd_error *err)
{
	return dd_config_parse(text, strlen(text), "config", err);
}

static void good_file(void **state)
{
	struct dd_error err;
	struct dd_config *c = parse("# comment\n; other\n\n[dedi]\ndefault_profile = work\n"
				    "passphrase_command=\"pass show dedi\"\r\n  theme =  light  \n",
				    &err);

	assert_non_null(c);
	assert_string_equal(dd_config_default_profile(c), "work");
	assert_string_equal(dd_config_passphrase_command(c), "pass show dedi");
	assert_string_equal(dd_config_theme(c), "light");
	dd_config_free(c);
	c = parse("", &err);
	assert_non_null(c);
	assert_null(dd_config_theme(c));
	dd_config_free(c);
}

static void bad_lines_name_file_and_line(void **state)
{
	static const struct {
		const char *text;
		const char *msg;
	} bad[] = {
		{ "theme = dark\nnonsense\n", "config:2: expected \"key = value\"" },
		{ "theme = a\ntheme = b\n", "config:2: theme is set twice" },
		{ "[profiles]\n", "config:1: unknown section [profiles]" },
		{ "= x\n", "config:1: missing key" },
		{ "theme =\n", "config:1: theme has an empty value" },
		{ "default_profile = ../x\n", "config:1: default_profile is not a valid" },
		{ "theme = a\x01\n", "config:1: control character" },
		{ "[profile w]\nread_only = yes\n", "config:2: read_only is true or false" },
		{ "[profile w]\n[profile w]\n", "config:2: [profile w] appears twice" },
		{ "[profile ../x]\n", "config:1: not a valid profile name" },
		{ "protected =\n", "config:1: protected has an empty value" },
	};
	struct dd_error err;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_null(parse(bad[i].text, &err));
		assert_int_equal(err.kind, DD_E_USAGE);
		if (!strstr(err.message, bad[i].msg))
			fail_msg("%s: got %s", bad[i].msg, err.message);
	}
}

/* An unknown key is a warning with file and line; the rest applies. */
static void unknown_keys_warn(void **state)
{
	struct dd_error err;
	struct dd_config *c = parse("\n\ncolour = red\ntheme = dark\n[profile w]\ntheme = x\n"
				    "read_only = true\n", &err);
	char why[300];

	assert_non_null(c);
	assert_string_equal(dd_config_theme(c), "dark");
	assert_true(dd_config_read_only(c, "w", why, sizeof(why)));
	assert_non_null(dd_config_warnings(c));
	assert_non_null(strstr(dd_config_warnings(c), "config:3: unknown key \"colour\" ignored"));
	assert_non_null(strstr(dd_config_warnings(c),
			       "config:6: unknown key \"theme\" in [profile w] ignored"));
	dd_config_free(c);
	c = parse("theme = dark\n", &err);
	assert_null(dd_config_warnings(c));
	dd_config_free(c);
}

/* The write path's guards: read_only per profile, protected in [dedi]
 * and per profile, each naming the line that set it. */
static void write_guards(void **state)
{
	struct dd_error err;
	char why[300];
	struct dd_config *c = parse("protected = 7, DB-1.example\n[profile work]\nread_only = true\n"
				    "[profile home]\nprotected = 9\nread_only = false\n", &err);

	assert_non_null(c);
	assert_true(dd_config_read_only(c, "work", why, sizeof(why)));
	assert_non_null(strstr(why, "read_only = true in [profile work] of config (line 3)"));
	assert_false(dd_config_read_only(c, "home", why, sizeof(why)));
	assert_false(dd_config_read_only(c, "other", why, sizeof(why)));
	assert_true(dd_config_protects(c, "work", 7, "x", why, sizeof(why)));
	assert_non_null(strstr(why, "protected = 7, DB-1.example in config (line 1)"));
	assert_true(dd_config_protects(c, "work", 1, "db-1.example", why, sizeof(why)));
	assert_false(dd_config_protects(c, "work", 9, "db-1", why, sizeof(why)));
	assert_true(dd_config_protects(c, "home", 9, "", why, sizeof(why)));
	assert_non_null(strstr(why, "in [profile home] of config (line 5)"));
	assert_false(dd_config_protects(NULL, "home", 9, "", why, sizeof(why)));
	dd_config_free(c);
}

static void xdg_paths_and_file(void **state)
{
	const char *dir = vt_tmpdir();
	char buf[PATH_MAX], cfgdir[PATH_MAX + 16];
	struct dd_error err;
	struct dd_config *c;
	FILE *f;

	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("XDG_DATA_HOME", "relative/ignored", 1);
	setenv("HOME", "/home/someone", 1);
	assert_int_equal(dd_config_file_path(buf, sizeof(buf), &err), 0);
	snprintf(cfgdir, sizeof(cfgdir), "%s/dedi/config", dir);
	assert_string_equal(buf, cfgdir);
	assert_int_equal(dd_config_vault_path(buf, sizeof(buf), &err), 0);
	assert_string_equal(buf, "/home/someone/.local/share/dedi/vault");

	/* Missing file: an empty config. */
	c = dd_config_load(NULL, &err);
	assert_non_null(c);
	dd_config_free(c);

	snprintf(buf, sizeof(buf), "%s/dedi", dir);
	assert_int_equal(mkdir(buf, 0700), 0);
	f = fopen(cfgdir, "w");
	fputs("theme = mono\nbroken line\n", f);
	fclose(f);
	chmod(cfgdir, 0600);
	assert_null(dd_config_load(NULL, &err));
	snprintf(buf, sizeof(buf), "%s:2: expected", cfgdir);
	assert_non_null(strstr(err.message, buf));
	f = fopen(cfgdir, "w");
	fputs("theme = mono\n", f);
	fclose(f);
	chmod(cfgdir, 0644);
	assert_null(dd_config_load(NULL, &err));
	assert_non_null(strstr(err.message, "chmod 600"));
	chmod(cfgdir, 0600);
	c = dd_config_load(NULL, &err);
	assert_non_null(c);
	assert_string_equal(dd_config_theme(c), "mono");
	dd_config_free(c);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME");
	vt_rmtree(dir);
}

static void profile_selection(void **state)
{
	struct dd_error err;
	struct dd_config *c = parse("default_profile = fromconfig\n", &err);

	unsetenv("DEDI_PROFILE");
	assert_string_equal(dd_config_select_profile(NULL, NULL), "default");
	assert_string_equal(dd_config_select_profile(c, NULL), "fromconfig");
	setenv("DEDI_PROFILE", "fromenv", 1);
	assert_string_equal(dd_config_select_profile(c, NULL), "fromenv");
	assert_string_equal(dd_config_select_profile(c, "explicit"), "explicit");
	unsetenv("DEDI_PROFILE");
	dd_config_free(c);
}

static int no_tty(void *ud, const char *prompt, struct dd_secret **out, struct dd_error *err)
{
	(*(int *)ud)++;
	return 1;
}

static int fake_tty(void *ud, const char *prompt, struct dd_secret **out, struct dd_error *err)
{
	*out = dd_secret_new(DD_PASSPHRASE_MAX);
	strcpy((*out)->buf, "typed");
	(*out)->len = 5;
	return 0;
}

static void passphrase_sources(void **state)
{
	struct dd_pass_opts o = { .fd = -1 };
	struct dd_secret *s;
	enum dd_pass_source src;
	struct dd_error err;
	int p[2], asked = 0;

	/* fd wins over everything. */
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "from fd\nrest", 12), 12);
	close(p[1]);
	o.fd = p[0];
	o.command = "echo from-command";
	o.ask = fake_tty;
	setenv("DEDI_PASSPHRASE", "from env", 1);
	assert_int_equal(dd_passphrase_get(&o, &s, &src, &err), 0);
	assert_int_equal(src, DD_PASS_FD);
	assert_string_equal(s->buf, "from fd");
	dd_secret_free(s);
	close(p[0]);

	o.fd = -1;
	assert_int_equal(dd_passphrase_get(&o, &s, &src, &err), 0);
	assert_int_equal(src, DD_PASS_COMMAND);
	assert_string_equal(s->buf, "from-command");
	dd_secret_free(s);

	o.command = NULL;
	assert_int_equal(dd_passphrase_get(&o, &s, &src, &err), 0);
	assert_int_equal(src, DD_PASS_TERMINAL);
	assert_string_equal(s->buf, "typed");
	dd_secret_free(s);

	o.ask = no_tty;
	o.ask_ud = &asked;
	assert_int_equal(dd_passphrase_get(&o, &s, &src, &err), 0);
	assert_int_equal(asked, 1);
	assert_int_equal(src, DD_PASS_ENV);
	assert_string_equal(s->buf, "from env");
	assert_null(getenv("DEDI_PASSPHRASE"));
	dd_secret_free(s);

	/* No source at all: a vault that cannot be opened (exit 7). */
	unsetenv("DEDI_PASSPHRASE");
	assert_int_equal(dd_passphrase_get(&o, &s, &src, &err), -1);
	assert_int_equal(err.kind, DD_E_VAULT);
	assert_non_null(strstr(err.message, "no passphrase available"));

	o.command = "exit 3";
	assert_int_equal(dd_passphrase_get(&o, &s, &src, &err), -1);
	assert_non_null(strstr(err.message, "exit status 3"));
	o.command = "true";
	assert_int_equal(dd_passphrase_get(&o, &s, &src, &err), -1);
	assert_non_null(strstr(err.message, "printed nothing"));
	o.command = "head -c 2000 /dev/zero | tr '\\0' x";
	assert_int_equal(dd_passphrase_get(&o, &s, &src, &err), -1);
	assert_non_null(strstr(err.message, "longer than"));
	o.command = NULL;
	o.fd = 987;
	assert_int_equal(dd_passphrase_get(&o, &s, &src, &err), -1);
	assert_non_null(strstr(err.message, "not open"));

	/* The first line of a command that prints more, later, as `pass
	 * show` does for an entry with a login line: the rest is not a
	 * failure of the command. */
	o.fd = -1;
	o.command = "echo first; sleep 0.2; echo login: someone; echo url: x";
	assert_int_equal(dd_passphrase_get(&o, &s, &src, &err), 0);
	assert_string_equal(s->buf, "first");
	dd_secret_free(s);

	/* A descriptor at its end gave no passphrase: say so, rather than
	 * try an empty one and call it wrong. */
	assert_int_equal(pipe(p), 0);
	close(p[1]);
	o.command = NULL;
	o.fd = p[0];
	assert_int_equal(dd_passphrase_get(&o, &s, &src, &err), -1);
	assert_int_equal(err.kind, DD_E_USAGE);
	assert_non_null(strstr(err.message, "empty"));
	close(p[0]);
}

/* passphrase_command runs as a guest: its own process group, killed
 * whole at the deadline; SIGPIPE at its default even though dedi ignores
 * it (a command that writes forever must not hang dedi); none of dedi's
 * descriptors; none of dedi's secrets in its environment. */
static void passphrase_command_hygiene(void **state)
{
	char cmd[256], pidfile[300];
	struct dd_secret *s;
	struct dd_error err;
	const char *dir = vt_tmpdir();
	int fd;
	FILE *f;
	long pid = 0;

	signal(SIGPIPE, SIG_IGN); /* as dedi.c does */

	/* Writes forever after the first line: read, cut off, not a hang. */
	assert_int_equal(dd_passphrase_from_command_ms(
		"echo first; while :; do echo more; done", 60000, &s, &err), 0);
	assert_string_equal(s->buf, "first");
	dd_secret_free(s);

	/* Past the deadline the whole group goes, a background child too. */
	snprintf(pidfile, sizeof(pidfile), "%s/bg.pid", dir);
	snprintf(cmd, sizeof(cmd), "sleep 1000 & echo $! > '%s'; wait", pidfile);
	assert_int_equal(dd_passphrase_from_command_ms(cmd, 300, &s, &err), -1);
	assert_int_equal(err.kind, DD_E_AUTH);
	assert_non_null(strstr(err.message, "did not finish"));
	f = fopen(pidfile, "r");
	assert_non_null(f);
	assert_int_equal(fscanf(f, "%ld", &pid), 1);
	fclose(f);
	for (int i = 0; i < 500 && kill((pid_t)pid, 0) == 0; i++) {
		char st[64], path[64], state_c = 0;
		FILE *sf;
		snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
		if ((sf = fopen(path, "r"))) {
			if (fscanf(sf, "%*d %63s %c", st, &state_c) != 2)
				state_c = 0;
			fclose(sf);
		}
		if (state_c == 'Z')
			break; /* killed, waiting for init to reap it */
		usleep(10000);
	}
	{
		char path[64], st[64], state_c = 'Z';
		FILE *sf;
		snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
		if ((sf = fopen(path, "r"))) {
			if (fscanf(sf, "%*d %63s %c", st, &state_c) != 2)
				state_c = 'Z';
			fclose(sf);
		}
		assert_int_equal(state_c, 'Z');
	}

	/* No descriptor of ours but its stdout. */
	fd = open("/dev/null", O_RDONLY); /* no O_CLOEXEC, as a careless library would */
	assert_true(fd > 2);
	snprintf(cmd, sizeof(cmd), "if [ -e /proc/self/fd/%d ]; then echo leaked; else echo clean; fi", fd);
	assert_int_equal(dd_passphrase_from_command_ms(cmd, 60000, &s, &err), 0);
	assert_string_equal(s->buf, "clean");
	dd_secret_free(s);
	close(fd);

	/* The secrets dedi holds stay with dedi; the rest passes. */
	setenv("SCW_SECRET_KEY", VT_SECRET, 1);
	setenv("DEDI_ONLINE_TOKEN", VT_TOKEN, 1);
	setenv("DEDI_PASSPHRASE", VT_PASS, 1);
	setenv("DEDI_TEST_PLAIN", "kept", 1);
	assert_int_equal(dd_passphrase_from_command_ms(
		"echo \"${SCW_SECRET_KEY:-none}/${DEDI_ONLINE_TOKEN:-none}/${DEDI_PASSPHRASE:-none}/${DEDI_TEST_PLAIN:-none}\"",
		60000, &s, &err), 0);
	assert_string_equal(s->buf, "none/none/none/kept");
	dd_secret_free(s);
	unsetenv("SCW_SECRET_KEY");
	unsetenv("DEDI_ONLINE_TOKEN");
	unsetenv("DEDI_PASSPHRASE");
	unlink(pidfile);
	vt_rmtree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_file),
		cmocka_unit_test(bad_lines_name_file_and_line),
		cmocka_unit_test(unknown_keys_warn),
		cmocka_unit_test(write_guards),
		cmocka_unit_test(xdg_paths_and_file),
		cmocka_unit_test(profile_selection),
		cmocka_unit_test(passphrase_sources),
		cmocka_unit_test(passphrase_command_hygiene),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
