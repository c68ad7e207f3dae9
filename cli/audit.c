/* dedi audit: the audit log, newest first, each intent with its outcome. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/audit.h"
#include "core/audit_log.h"
#include "core/i18n.h"

int dd_cli_audit(struct dd_cli *cli, int argc, char **argv)
{
	struct dd_audit_log l;
	struct dd_error err;
	char path[1100];
	int json = cli->json;
	long limit = 0;

	for (int i = 0; i < argc; i++) {
		char *end;
		if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
			errno = 0;
			limit = strtol(argv[++i], &end, 10);
			if (errno || *end || limit <= 0) {
				fprintf(stderr, _("%s: audit: --limit wants a positive number\n"), cli->prog);
				return DD_EXIT_USAGE;
			}
		} else {
			fprintf(stderr, _("%s: audit: unknown argument %s\nusage: dedi audit [--json] [--limit N]\n"),
				cli->prog, argv[i]);
			return DD_EXIT_USAGE;
		}
	}
	if (dd_audit_path(path, sizeof(path), &err) < 0 || dd_audit_read(path, &l, &err) < 0)
		return dd_cli_fail(cli, &err);
	if (json) {
		int rc = dd_cli_print_doc(cli, dd_audit_log_json(&l, (size_t)limit));
		if (rc != DD_EXIT_OK) {
			dd_audit_log_clear(&l);
			return rc;
		}
	} else {
		if (!l.n)
			printf(_("No write yet (%s is empty).\n"), path);
		for (size_t i = 0; i < l.n && (!limit || i < (size_t)limit); i++) {
			const struct dd_audit_record *r = &l.v[i];
			printf("%s  %s  %s %s\n    %s\n", r->time, r->write, r->method, r->url,
			       r->summary[0] ? r->summary : _("(no intent line)"));
			if (!r->has_outcome)
				printf(_("    outcome: none written (dedi stopped before the answer)\n"));
			else if (strcmp(r->outcome, "ok") == 0)
				printf(_("    outcome: ok (HTTP %d)\n"), r->status);
			else
				printf(_("    outcome: %s%s%s\n"), r->outcome, r->message[0] ? ": " : "", r->message);
		}
	}
	if (l.skipped)
		fprintf(stderr, _("%s: warning: %zu line(s) of %s could not be read\n"), cli->prog, l.skipped, path);
	dd_audit_log_clear(&l);
	return DD_EXIT_OK;
}
