/* dedi auth login|list|remove|passwd|import-scw: profiles in the vault. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/unlock.h"
#include "core/export.h"
#include "core/hardening.h"
#include "core/scw_dedibox.h"
#include "core/scw_iam.h"
#include "core/scw_import.h"
#include "core/text.h"
#include "core/i18n.h"

struct opts {
	const char *profile;
	const char *access_key, *organization_id, *project_id, *zone;
	const char *api_url, *online_api_url;
	int force;
	int argc;          /* positional arguments */
	char *argv[4];
};

/* Options shared by the auth and vault subcommands, before or after the
 * positional arguments; --profile and --passphrase-fd may also be given
 * before the command. */
static int parse(struct dd_cli *cli, int argc, char **argv, struct opts *o, const char *allowed)
{
	static const char *const with_value[] = {
		"--profile", "--passphrase-fd", "--access-key", "--organization-id",
		"--project-id", "--zone", "--api-url", "--online-api-url",
	};
	int only_args = 0;

	memset(o, 0, sizeof(*o));
	o->profile = cli->profile;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *val;
		int known = 0;

		if (only_args || a[0] != '-' || a[1] == '\0') {
			if (o->argc == (int)(sizeof(o->argv) / sizeof(o->argv[0]))) {
				fprintf(stderr, _("%s: too many arguments\n"), cli->prog);
				return -1;
			}
			o->argv[o->argc++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_args = 1;
			continue;
		}
		if (strcmp(a, "--force") == 0 && strstr(allowed, "force")) {
			o->force = 1;
			continue;
		}
		if (strcmp(a, "--json") == 0 && strstr(allowed, "json")) {
			cli->json = 1;
			continue;
		}
		for (size_t k = 0; k < sizeof(with_value) / sizeof(with_value[0]); k++)
			if (strcmp(a, with_value[k]) == 0 && strstr(allowed, a + 2))
				known = 1;
		if (!known) {
			fprintf(stderr, _("%s: unknown option %s here\n"), cli->prog, a);
			return -1;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, _("%s: %s needs a value\n"), cli->prog, a);
			return -1;
		}
		val = argv[++i];
		if (strcmp(a, "--profile") == 0)
			o->profile = val;
		else if (strcmp(a, "--passphrase-fd") == 0)
			cli->passphrase_fd = val;
		else if (strcmp(a, "--access-key") == 0)
			o->access_key = val;
		else if (strcmp(a, "--organization-id") == 0)
			o->organization_id = val;
		else if (strcmp(a, "--project-id") == 0)
			o->project_id = val;
		else if (strcmp(a, "--zone") == 0)
			o->zone = val;
		else if (strcmp(a, "--api-url") == 0)
			o->api_url = val;
		else
			o->online_api_url = val;
	}
	return 0;
}

/* One answer from stdin, read byte by byte so no stdio buffer keeps a
 * copy; echo off when it is a terminal and the answer is secret. */
static int ask(const char *prompt, int secret, char *dst, size_t size, struct dd_error *err)
{
	int tty = isatty(0);
	struct termios saved, quiet;
	size_t n = 0;
	int rc = 0, eof = 1;

	/* Echo goes off before the prompt shows, and nothing typed is
	 * flushed: an answer typed as soon as the prompt appears (or ahead
	 * of it) is read, never dropped or echoed. */
	if (tty && secret && tcgetattr(0, &saved) == 0) {
		quiet = saved;
		quiet.c_lflag &= (tcflag_t)~ECHO;
		tcsetattr(0, TCSANOW, &quiet);
	} else {
		secret = 0;
	}
	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
	}
	for (;;) {
		char c;
		ssize_t r = read(0, &c, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		eof = 0;
		if (c == '\n')
			break;
		if (n + 1 >= size) {
			rc = -1;
			continue;
		}
		dst[n++] = c;
	}
	if (n && dst[n - 1] == '\r')
		n--;
	dst[n] = '\0';
	if (secret) {
		tcsetattr(0, TCSANOW, &saved);
		fputc('\n', stderr);
	}
	if (rc != 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("the answer to \"%.40s\" is too long "
				    "(at most %zu characters)"), prompt, size - 1);
	if (eof && !n)
		return 1;
	return 0;
}

static int set_field(char *dst, size_t size, const char *v, const char *what,
		     struct dd_error *err)
{
	if (!v)
		return 0;
	if (strlen(v) >= size)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s is too long (at most %zu)"), what,
				    size - 1);
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

struct wait_check {
	int done;
};

static void check_done(void *ud, struct dd_authcheck *chk)
{
	((struct wait_check *)ud)->done = 1;
}

/* Asks IAM and the Dedibox API before anything is saved. */
static int check_keys(struct dd_cli *cli, const struct dd_creds *c, struct dd_error *err)
{
	struct dd_creds *probe = dd_creds_new();
	struct dd_authcheck chk;
	struct wait_check w = { 0 };
	char masked[64];
	int rc = 0;

	if (!probe)
		return dd_error_oom(err);
	memcpy(probe, c, sizeof(*probe));
	dd_creds_urls_from_env(probe);
	dd_creds_finish(probe);
	if (dd_authcheck_start(cli->http, probe, &chk, check_done, &w, err) != 0) {
		dd_creds_free(probe);
		return -1;
	}
	while (!w.done)
		dd_http_run(cli->http);
	dd_creds_mask(c->access_key, masked, sizeof(masked));
	if (chk.scw_checked && chk.scw_err.kind != DD_OK) {
		*err = chk.scw_err;
		dd_error_prefix(err, _("Scaleway refused the key %s"), masked);
		rc = -1;
	} else if (chk.scw_checked && chk.iam_err.kind != DD_OK) {
		printf(_("Scaleway: key %s accepted by the Dedibox API; IAM refused to say whose it is "
		       "(%s), so its owner cannot be shown\n"), masked,
		       chk.iam_err.api_type[0] ? chk.iam_err.api_type : "403");
	} else if (chk.scw_checked && chk.owner_hidden) {
		printf(_("Scaleway: key %s accepted by IAM; its owner cannot be shown (IAM refused to "
		       "read the user)\n"), masked);
	} else if (chk.scw_checked) {
		printf(chk.user.email[0] ? _("Scaleway: key %s accepted by IAM (user %s%s%s)\n")
		       : _("Scaleway: key %s accepted by IAM (application %s%s%s)\n"), masked,
		       chk.user.email[0] ? chk.user.email : chk.key.application_id,
		       chk.user.type[0] ? ", " : "", chk.user.type);
	}
	if (rc == 0 && chk.online_checked && chk.online_err.kind != DD_OK) {
		*err = chk.online_err;
		dd_error_prefix(err, _("the Dedibox API refused the private token"));
		rc = -1;
	} else if (rc == 0 && chk.online_checked) {
		printf(P_("Dedibox: private token accepted (%zu server)\n",
			  "Dedibox: private token accepted (%zu servers)\n", chk.online_servers),
		       chk.online_servers);
	}
	dd_creds_free(probe);
	return rc;
}

/* What is wrong with an answer, or NULL. Checked as typed, so a typo is
 * asked again at once instead of failing after everything was typed. */
typedef const char *(*field_check)(const char *v);

static const char *bad_access_key(const char *v)
{
	size_t n = strlen(v);

	if (n != 20 || strncmp(v, "SCW", 3) != 0)
		return _("an access key is SCW followed by 17 letters or digits");
	for (size_t i = 3; i < n; i++)
		if (!((v[i] >= 'A' && v[i] <= 'Z') || (v[i] >= '0' && v[i] <= '9')))
			return _("an access key is SCW followed by 17 letters or digits");
	return NULL;
}

static const char *bad_uuid(const char *v)
{
	static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

	if (strlen(v) != sizeof(shape) - 1)
		return _("expected a UUID (8-4-4-4-12 hexadecimal digits)");
	for (size_t i = 0; shape[i]; i++) {
		char c = v[i];
		int hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

		if (shape[i] == '-' ? c != '-' : !hex)
			return _("expected a UUID (8-4-4-4-12 hexadecimal digits)");
	}
	return NULL;
}

static const char *bad_zone(const char *v)
{
	return dd_scw_zone_valid(v) ? NULL : _("the zone must be fr-par-1, fr-par-2 or nl-ams-1");
}

/* One field: on a terminal a wrong answer asks that field again (what was
 * typed before stays); from a pipe it fails, naming the field, since the
 * next line is already the next answer. An empty answer skips. */
static int ask_field(const char *prompt, const char *name, int secret, char *dst, size_t size,
		     field_check bad, struct dd_error *err)
{
	for (int attempt = 1;; attempt++) {
		const char *why;
		int r = ask(prompt, secret, dst, size, err);

		if (r != 0 || !dst[0] || !bad || !(why = bad(dst)))
			return r;
		sodium_memzero(dst, size);
		if (!isatty(0) || attempt == 5)
			return dd_error_set(err, DD_E_USAGE, 0, NULL, "%s: %s", name, why);
		fprintf(stderr, _("  %s: %s; try again (empty skips)\n"), name, why);
	}
}

/* A value given as an option is judged like a typed one. */
static int check_option(const char *v, const char *opt, field_check bad, struct dd_error *err)
{
	const char *why = v && *v ? bad(v) : NULL;

	return why ? dd_error_set(err, DD_E_USAGE, 0, NULL, "%s: %s", opt, why) : 0;
}

static int login(struct dd_cli *cli, int argc, char **argv)
{
	char path[PATH_MAX];
	struct opts o;
	struct dd_error err;
	struct dd_creds *c;
	struct dd_config *cfg;
	struct dd_vault *v = NULL;
	int r = 0, existed;

	if (parse(cli, argc, argv, &o,
		  "profile passphrase-fd access-key organization-id project-id zone api-url "
		  "online-api-url") != 0 || o.argc != 0) {
		fprintf(stderr, _("usage: %s auth login [--profile P] [--access-key AK] "
			"[--organization-id ID] [--project-id ID] [--zone Z] [--api-url URL] "
			"[--online-api-url URL] [--passphrase-fd N]\n"), cli->prog);
		return DD_EXIT_USAGE;
	}
	/* Before the first secret is typed. */
	if (dd_hardening_apply(&err) != 0 || !(cfg = dd_config_load(NULL, &err)))
		return dd_cli_fail(cli, &err);
	c = dd_creds_new();
	if (!c) {
		dd_config_free(cfg);
		return DD_EXIT_FAILURE;
	}
	dd_error_clear(&err);
	snprintf(c->profile, sizeof(c->profile), "%s", dd_config_select_profile(cfg, o.profile));
	if (!dd_vault_name_ok(c->profile)) {
		dd_error_set(&err, DD_E_USAGE, 0, NULL, _("invalid profile name: use 1 to 63 letters, "
			     "digits, '.', '_' or '-'"));
		goto fail;
	}
	if (set_field(c->access_key, sizeof(c->access_key), o.access_key, "--access-key", &err) ||
	    set_field(c->organization_id, sizeof(c->organization_id), o.organization_id,
		      "--organization-id", &err) ||
	    set_field(c->project_id, sizeof(c->project_id), o.project_id, "--project-id", &err) ||
	    set_field(c->zone, sizeof(c->zone), o.zone, "--zone", &err) ||
	    set_field(c->scw_api_url, sizeof(c->scw_api_url), o.api_url, "--api-url", &err) ||
	    set_field(c->online_api_url, sizeof(c->online_api_url), o.online_api_url,
		      "--online-api-url", &err) ||
	    check_option(o.access_key, "--access-key", bad_access_key, &err) ||
	    check_option(o.organization_id, "--organization-id", bad_uuid, &err) ||
	    check_option(o.project_id, "--project-id", bad_uuid, &err) ||
	    check_option(o.zone, "--zone", bad_zone, &err))
		goto fail;
	if ((o.api_url && !dd_creds_url_ok(o.api_url)) ||
	    (o.online_api_url && !dd_creds_url_ok(o.online_api_url))) {
		dd_error_set(&err, DD_E_USAGE, 0, NULL, _("%s is not a valid URL: give http:// or "
			     "https:// and a host"), o.api_url && !dd_creds_url_ok(o.api_url) ?
			     "--api-url" : "--online-api-url");
		goto fail;
	}
	/* The passphrase first: a wrong one must not cost the keys typed. */
	if (dd_config_vault_path(path, sizeof(path), &err) != 0 ||
	    !(v = dd_cli_unlock(cli, cfg, path, DD_VAULT_WRITE, 1, &err)))
		goto fail;
	dd_config_free(cfg);
	cfg = NULL;
	if (isatty(0))
		fprintf(stderr, _("Profile %s. Leave an answer empty to skip it.\n"), c->profile);
	if (!o.access_key)
		r = ask_field(_("Scaleway access key: "), _("access key"), 0, c->access_key,
			      sizeof(c->access_key), bad_access_key, &err);
	if (r >= 0 && c->access_key[0])
		r = ask_field(_("Scaleway secret key: "), _("secret key"), 1, c->secret_key,
			      sizeof(c->secret_key), bad_uuid, &err);
	if (r >= 0 && c->access_key[0] && !o.organization_id && !o.project_id && !o.zone && isatty(0)) {
		r = ask_field(_("Organization ID (optional): "), _("organization ID"), 0,
			      c->organization_id, sizeof(c->organization_id), bad_uuid, &err);
		if (r >= 0)
			r = ask_field(_("Project ID (optional): "), _("project ID"), 0, c->project_id,
				      sizeof(c->project_id), bad_uuid, &err);
		if (r >= 0)
			r = ask_field(_("Default zone, fr-par-1, fr-par-2 or nl-ams-1 (optional): "),
				      _("zone"), 0, c->zone, sizeof(c->zone), bad_zone, &err);
	}
	if (r >= 0)
		r = ask(_("Dedibox private token (optional): "), 1, c->online_token,
			sizeof(c->online_token), &err);
	if (r < 0)
		goto fail;
	if (!c->secret_key[0] && !c->online_token[0]) {
		dd_error_set(&err, DD_E_USAGE, 0, NULL,
			     _("nothing to save: give Scaleway keys, a Dedibox private token, or both"));
		goto fail;
	}
	if (dd_vault_check_profile(c, &err) != 0 || check_keys(cli, c, &err) != 0)
		goto fail;
	existed = dd_vault_find(v, c->profile) != NULL;
	if (dd_vault_put(v, c, &err) != 0 || dd_vault_save(v, &err) != 0)
		goto fail;
	printf(existed ? _("Updated profile %s in %s\n") : _("Saved profile %s in %s\n"), c->profile, path);
	dd_vault_close(v);
	dd_creds_free(c);
	return DD_EXIT_OK;
fail:
	dd_vault_close(v);
	dd_config_free(cfg);
	dd_creds_free(c);
	return dd_cli_fail(cli, &err);
}

static struct dd_vault *open_for(struct dd_cli *cli, enum dd_vault_mode mode, char *path,
				 size_t len, struct dd_config **cfg, struct dd_error *err)
{
	struct dd_vault *v;

	if (dd_config_vault_path(path, len, err) != 0 || !(*cfg = dd_config_load(NULL, err)))
		return NULL;
	v = dd_cli_unlock(cli, *cfg, path, mode, 0, err);
	if (!v) {
		dd_config_free(*cfg);
		*cfg = NULL;
	}
	return v;
}

/* Like servers list: a versioned document, fields only added. */
static int list_json(struct dd_cli *cli, struct dd_vault *v, struct dd_config *cfg,
		     const char *sel)
{
	char *doc = dd_export_profiles_json(v, sel);
	struct dd_error err;

	dd_vault_close(v);
	dd_config_free(cfg);
	if (!doc) {
		dd_error_set(&err, DD_E_INTERNAL, 0, NULL, _("cannot build the profile list document"));
		return dd_cli_fail(cli, &err);
	}
	return dd_cli_print_doc(cli, doc); /* -o yaml|csv too; main checks stdout */
}

static int list(struct dd_cli *cli, int argc, char **argv)
{
	char path[PATH_MAX], masked[64];
	struct dd_config *cfg = NULL;
	struct dd_error err;
	struct dd_vault *v;
	struct opts o;
	const char *sel;

	if (parse(cli, argc, argv, &o, "passphrase-fd json") != 0 || o.argc != 0) {
		fprintf(stderr, _("usage: %s auth list [--json] [--passphrase-fd N]\n"), cli->prog);
		return DD_EXIT_USAGE;
	}
	v = open_for(cli, DD_VAULT_READ, path, sizeof(path), &cfg, &err);
	if (!v)
		return dd_cli_fail(cli, &err);
	sel = dd_config_select_profile(cfg, cli->profile);
	if (cli->json)
		return list_json(cli, v, cfg, sel);
	printf("  %-*s %-*s %-*s %-8s %s\n", DD_COLS(_("PROFILE"), 20), DD_COLS(_("ACCESS KEY"), 14), DD_COLS(_("ZONE"), 9), "SCALEWAY",
	       "DEDIBOX");
	for (size_t i = 0; i < dd_vault_count(v); i++) {
		const struct dd_creds *c = dd_vault_at(v, i);

		dd_creds_mask(c->access_key, masked, sizeof(masked));
		/* The mask's ellipsis is 3 bytes, 1 column. */
		printf("%c %-20s %-*s %-9s %-8s %s\n", strcmp(c->profile, sel) ? ' ' : '*',
		       c->profile,
		       (int)(14 + strlen(c->access_key[0] ? masked : "-") -
			     dd_text_width(c->access_key[0] ? masked : "-")),
		       c->access_key[0] ? masked : "-",
		       c->zone[0] ? c->zone : _("all"), dd_creds_has_scw(c) ? _("yes") : _("no"),
		       dd_creds_has_online(c) ? _("yes") : _("no"));
	}
	if (dd_vault_count(v) == 0) {
		printf(_("(no profiles: dedi auth login adds one)\n"));
	} else if (!dd_vault_find(v, sel)) {
		printf(_("(the selected profile, %s, is not in the vault: choose one with --profile, "
		       "DEDI_PROFILE or default_profile in %s)\n"),
		       dd_vault_name_ok(sel) ? sel : _("(invalid name)"), _("the config"));
	}
	dd_vault_close(v);
	dd_config_free(cfg);
	return DD_EXIT_OK;
}

static int remove_profile(struct dd_cli *cli, int argc, char **argv)
{
	char path[PATH_MAX];
	struct dd_config *cfg = NULL;
	struct dd_error err;
	struct dd_vault *v;
	struct opts o;
	int rc = DD_EXIT_OK;

	if (parse(cli, argc, argv, &o, "passphrase-fd") != 0 || o.argc != 1) {
		fprintf(stderr, _("usage: %s auth remove PROFILE [--passphrase-fd N]\n"), cli->prog);
		return DD_EXIT_USAGE;
	}
	v = open_for(cli, DD_VAULT_WRITE, path, sizeof(path), &cfg, &err);
	if (!v)
		return dd_cli_fail(cli, &err);
	if (dd_vault_remove(v, o.argv[0], &err) != 0 || dd_vault_save(v, &err) != 0)
		rc = dd_cli_fail(cli, &err);
	else
		printf(_("Removed profile %s from %s (the previous vault is %s.bak)\n"), o.argv[0],
		       path, path);
	dd_vault_close(v);
	dd_config_free(cfg);
	return rc;
}

/* The new passphrase: the next line of --passphrase-fd, or the terminal
 * twice. passphrase_command and DEDI_PASSPHRASE give the current one. */
static int new_passphrase(struct dd_cli *cli, struct dd_secret **out, struct dd_error *err)
{
	struct dd_secret *again = NULL;
	int fd = dd_cli_passphrase_fd(cli, err), r;

	if (fd >= 0)
		return dd_passphrase_from_fd(fd, out, err);
	r = dd_cli_askpass(NULL, _("New passphrase: "), out, err);
	if (r == 1)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("no terminal for the new passphrase: give it as the second line "
				    "of --passphrase-fd"));
	if (r < 0)
		return -1;
	r = dd_cli_askpass(NULL, _("Repeat it: "), &again, err);
	if (r == 0 && (again->len != (*out)->len ||
		       sodium_memcmp(again->buf, (*out)->buf, again->len) != 0))
		r = dd_error_set(err, DD_E_USAGE, 0, NULL, _("the two passphrases differ: nothing "
				 "was changed"));
	dd_secret_free(again);
	if (r != 0) {
		dd_secret_free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static int passwd(struct dd_cli *cli, int argc, char **argv)
{
	char path[PATH_MAX];
	struct dd_config *cfg = NULL;
	struct dd_secret *np = NULL;
	struct dd_vault_params params;
	struct dd_error err;
	struct dd_vault *v;
	struct opts o;
	int rc = DD_EXIT_OK;

	if (parse(cli, argc, argv, &o, "passphrase-fd") != 0 || o.argc != 0) {
		fprintf(stderr, _("usage: %s auth passwd [--passphrase-fd N]   (with N, the first "
			"line is the current passphrase, the second the new one)\n"), cli->prog);
		return DD_EXIT_USAGE;
	}
	v = open_for(cli, DD_VAULT_WRITE, path, sizeof(path), &cfg, &err);
	if (!v)
		return dd_cli_fail(cli, &err);
	if (new_passphrase(cli, &np, &err) != 0) {
		rc = dd_cli_fail(cli, &err);
	} else if (np->len == 0) {
		dd_error_set(&err, DD_E_USAGE, 0, NULL, _("an empty passphrase would protect nothing"));
		rc = dd_cli_fail(cli, &err);
	} else if (dd_cli_warn_short(cli, np) ||
		   dd_cli_new_vault_params(&params, &err) != 0 ||
		   dd_vault_rekey(v, np->buf, np->len, &params, &err) != 0 ||
		   dd_vault_save(v, &err) != 0) {
		rc = dd_cli_fail(cli, &err);
	} else {
		printf(_("The vault %s is now sealed with the new passphrase. %s.bak still opens "
		       "with the old one: remove it once you are sure.\n"), path, path);
		if (dd_config_passphrase_command(cfg))
			printf(_("Update the password manager entry that passphrase_command reads.\n"));
	}
	dd_secret_free(np);
	dd_vault_close(v);
	dd_config_free(cfg);
	return rc;
}

static int import_scw(struct dd_cli *cli, int argc, char **argv)
{
	char path[PATH_MAX], src[PATH_MAX], masked[64];
	struct dd_config *cfg = NULL;
	struct dd_scw_import im;
	struct dd_error err;
	struct dd_vault *v;
	struct opts o;
	size_t added = 0, kept = 0;
	int rc = DD_EXIT_OK;

	if (parse(cli, argc, argv, &o, "passphrase-fd force") != 0 || o.argc > 1) {
		fprintf(stderr, _("usage: %s auth import-scw [PATH] [--force] [--passphrase-fd N]\n"),
			cli->prog);
		return DD_EXIT_USAGE;
	}
	if (o.argc == 1)
		snprintf(src, sizeof(src), "%s", o.argv[0]);
	else if (dd_scw_import_default_path(src, sizeof(src), &err) != 0)
		return dd_cli_fail(cli, &err);
	if (dd_hardening_apply(&err) != 0 || dd_scw_import_file(src, &im, &err) != 0)
		return dd_cli_fail(cli, &err);
	if (dd_config_vault_path(path, sizeof(path), &err) != 0 ||
	    !(cfg = dd_config_load(NULL, &err))) {
		dd_scw_import_free(&im);
		return dd_cli_fail(cli, &err);
	}
	v = dd_cli_unlock(cli, cfg, path, DD_VAULT_WRITE, 1, &err);
	if (!v) {
		rc = dd_cli_fail(cli, &err);
		goto out;
	}
	for (size_t i = 0; i < im.n; i++) {
		struct dd_creds *c = &im.prof[i];
		const struct dd_creds *old = dd_vault_find(v, c->profile);
		char what[1200] = "";

		dd_creds_mask(c->access_key, masked, sizeof(masked));
		if (old && !o.force) {
			printf(_("kept     %-20s (already in the vault; --force replaces it)\n"),
			       c->profile);
			kept++;
			continue;
		}
		if (im.dropped_zone[i][0])
			printf(_("note     %-20s default_zone %s is not a Dedibox zone (fr-par-1, "
			       "fr-par-2, nl-ams-1): not kept%s\n"), c->profile, im.dropped_zone[i],
			       old && old->zone[0] ? _(", the profile's zone stays") :
			       _(", the profile covers every zone"));
		/* scw's file holds no Dedibox token: a replace must not lose it. */
		if (old)
			dd_scw_import_merge(old, c, what, sizeof(what));
		if (dd_vault_put(v, c, &err) != 0) {
			rc = dd_cli_fail(cli, &err);
			goto out;
		}
		printf("%s %-20s %s%s%s%s\n", old ? _("replaced") : _("imported"), c->profile,
		       c->access_key[0] ? masked : _("(no access key)"), old ? " (" : "", what,
		       old ? ")" : "");
		added++;
	}
	if (added && dd_vault_save(v, &err) != 0) {
		rc = dd_cli_fail(cli, &err);
		goto out;
	}
	printf(P_("%zu profile imported from %s into %s, %zu kept.\n",
		  "%zu profiles imported from %s into %s, %zu kept.\n", added), added,
	       src, path, kept);
	if (im.active[0] && !dd_config_default_profile(cfg) && dd_vault_name_ok(im.active))
		printf(_("scw's active profile is %s: put \"default_profile = %s\" in the config "
		       "to use it by default.\n"), im.active, im.active);
out:
	dd_vault_close(v);
	dd_config_free(cfg);
	dd_scw_import_free(&im);
	return rc;
}

int dd_cli_auth(struct dd_cli *cli, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(struct dd_cli *, int, char **);
	} sub[] = {
		{ "login", login }, { "list", list }, { "remove", remove_profile },
		{ "passwd", passwd }, { "import-scw", import_scw },
	};

	if (cli->demo) {
		fprintf(stderr, _("%s: the demo has no vault: its credentials are the sandbox's "
			"(drop --demo to manage your profiles)\n"), cli->prog);
		return DD_EXIT_USAGE;
	}
	for (size_t i = 0; argc > 0 && i < sizeof(sub) / sizeof(sub[0]); i++)
		if (strcmp(argv[0], sub[i].name) == 0)
			return sub[i].run(cli, argc - 1, argv + 1);
	fprintf(stderr, _("usage: %s auth login|list|remove PROFILE|passwd|import-scw [PATH]\n"),
		cli->prog);
	return DD_EXIT_USAGE;
}
