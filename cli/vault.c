/* dedi vault check [PATH]: is the vault whole, and does it open? */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli/unlock.h"
#include "core/i18n.h"

/* Exit codes: 0 the vault is whole (and opens, unless --no-passphrase),
 * 4 there is no vault, 7 it is refused (unsafe file, damaged, wrong
 * passphrase), 2 usage. */
static int check(struct dd_cli *cli, int argc, char **argv)
{
	char path[PATH_MAX];
	struct dd_vault_info info;
	struct dd_config *cfg;
	struct dd_error err;
	struct dd_vault *v;
	int no_pass = 0, i;

	dd_error_clear(&err);
	path[0] = '\0';
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--no-passphrase") == 0) {
			no_pass = 1;
		} else if (strcmp(argv[i], "--passphrase-fd") == 0 && i + 1 < argc) {
			cli->passphrase_fd = argv[++i];
		} else if (argv[i][0] != '-' && !path[0]) {
			snprintf(path, sizeof(path), "%s", argv[i]);
		} else {
			fprintf(stderr, _("usage: %s vault check [PATH] [--no-passphrase] "
				"[--passphrase-fd N]\n"), cli->prog);
			return DD_EXIT_USAGE;
		}
	}
	if (!path[0] && dd_config_vault_path(path, sizeof(path), &err) != 0)
		return dd_cli_fail(cli, &err);
	if (!dd_vault_exists(path)) {
		fprintf(stderr, _("%s: no vault yet: run dedi auth login (looked for %s)\n"),
			cli->prog, path);
		return DD_EXIT_NOT_FOUND;
	}
	if (dd_vault_inspect(path, &info, &err) != 0)
		return dd_cli_fail(cli, &err);
	printf(_("%s: format %u, %zu bytes, Argon2id opslimit %u memlimit %u KiB\n"), path,
	       info.version, info.file_size, (unsigned)info.params.opslimit,
	       (unsigned)(info.params.memlimit / 1024));
	if (info.params.opslimit < DD_VAULT_OPSLIMIT_DEFAULT ||
	    info.params.memlimit < DD_VAULT_MEMLIMIT_DEFAULT)
		printf(_("note: weaker than the defaults (opslimit %u, memlimit %u KiB): "
		       "dedi auth passwd re-seals it, with DEDI_VAULT_KDF unset\n"),
		       DD_VAULT_OPSLIMIT_DEFAULT, DD_VAULT_MEMLIMIT_DEFAULT / 1024);
	if (no_pass) {
		printf(_("%s: header and length are valid (contents not authenticated: no "
		       "passphrase asked)\n"), path);
		return DD_EXIT_OK;
	}
	cfg = dd_config_load(NULL, &err);
	if (!cfg)
		return dd_cli_fail(cli, &err);
	v = dd_cli_unlock(cli, cfg, path, DD_VAULT_READ, 0, &err);
	dd_config_free(cfg);
	if (!v)
		return dd_cli_fail(cli, &err);
	printf(P_("%s: ok, %zu profile, authenticated and decoded\n",
		  "%s: ok, %zu profiles, authenticated and decoded\n", dd_vault_count(v)), path,
	       dd_vault_count(v));
	dd_vault_close(v);
	return DD_EXIT_OK;
}

int dd_cli_vault(struct dd_cli *cli, int argc, char **argv)
{
	if (argc > 0 && strcmp(argv[0], "check") == 0)
		return check(cli, argc - 1, argv + 1);
	fprintf(stderr, _("usage: %s vault check [PATH] [--no-passphrase] [--passphrase-fd N]\n"),
		cli->prog);
	return DD_EXIT_USAGE;
}
