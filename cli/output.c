/* -o json|yaml|table|csv: the listings print their one JSON document, or
 * its YAML or CSV (core/outfmt), or their table. --json is -o json. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/i18n.h"
#include "core/money_display.h"
#include "core/text.h"

int dd_cli_output_opt(struct dd_cli *cli, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *v;

	if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
		if (*i + 1 >= argc) {
			fprintf(stderr, _("%s: %s needs a format: json, yaml, table or csv\n"), cli->prog, a);
			return -1;
		}
		v = argv[++*i];
	} else if (strncmp(a, "--output=", 9) == 0) {
		v = a + 9;
	} else {
		return 0;
	}
	if (dd_outfmt_parse(v, &cli->output) != 0) {
		fprintf(stderr, _("%s: unknown output format \"%.40s\": json, yaml, table or csv\n"),
			cli->prog, v);
		return -1;
	}
	cli->output_set = 1;
	/* the commands build their document under json; table is their text */
	cli->json = cli->output != DD_OUT_TABLE;
	return 1;
}

int dd_cli_print_doc(const struct dd_cli *cli, char *doc)
{
	struct dd_error err;
	char *out;

	if (!doc) {
		fprintf(stderr, _("%s: out of memory\n"), cli->prog);
		return DD_EXIT_FAILURE;
	}
	if (!cli->output_set || cli->output == DD_OUT_JSON || cli->output == DD_OUT_TABLE) {
		puts(doc);
		free(doc);
		return DD_EXIT_OK;
	}
	out = dd_outfmt_convert(doc, cli->output, &err);
	free(doc);
	if (!out)
		return dd_cli_fail(cli, &err);
	fputs(out, stdout);
	free(out);
	return DD_EXIT_OK;
}

int dd_cli_cols(const char *s, int w)
{
	return w + (int)(strlen(s) - dd_text_width(s));
}

const char *dd_cli_money(const struct dd_money *m, int w, char *buf, size_t len)
{
	char v[64];

	dd_money_display(m, v, sizeof(v));
	snprintf(buf, len, "%*s", DD_COLS(v, w));
	return buf;
}
