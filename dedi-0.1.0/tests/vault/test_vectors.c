/* The checked-in vectors of tests/data/vault: each is refused with the
 * message its MANIFEST line names (and good.vault opens). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vault.h"
#include "tests/vault/vtest.h"

int main(void)
{
	const char *src = getenv("DD_SRCDIR");
	const char *dir = vt_tmpdir();
	char mpath[PATH_MAX], line[1024], vpath[PATH_MAX], copy[PATH_MAX];
	int t = 0, failed = 0, refused = 0;
	FILE *m;

	snprintf(mpath, sizeof(mpath), "%s/tests/data/vault/MANIFEST", src ? src : ".");
	m = fopen(mpath, "r");
	if (!m) {
		printf("1..0 # SKIP\nBail out! cannot read %s\n", mpath);
		return 1;
	}
	snprintf(copy, sizeof(copy), "%s/vault", dir);
	while (fgets(line, sizeof(line), m)) {
		char *tab = strchr(line, '\t'), *nl = strchr(line, '\n');
		struct dd_error err;
		struct dd_vault *v;
		unsigned char *data;
		size_t len;
		int good;

		if (line[0] == '#' || !tab)
			continue;
		*tab = '\0';
		if (nl)
			*nl = '\0';
		snprintf(vpath, sizeof(vpath), "%s/tests/data/vault/%s", src ? src : ".", line);
		data = vt_read(vpath, &len);
		/* Checked-in files are 0644: the vault only opens a private copy. */
		if (!data || vt_write(copy, data, len) != 0) {
			printf("not ok %d - %s: cannot copy\n", ++t, line);
			failed++;
			free(data);
			continue;
		}
		free(data);
		v = vt_open(copy, &err);
		if (strcmp(tab + 1, "OK") == 0) {
			good = v != NULL;
		} else {
			good = !v && err.kind == DD_E_VAULT && strstr(err.message, tab + 1);
			refused += good;
		}
		printf("%s %d - %s: %s\n", good ? "ok" : "not ok", ++t, line,
		       v ? "opened" : err.message);
		if (!good) {
			printf("#   expected: %s\n", tab + 1);
			failed++;
		}
		dd_vault_close(v);
	}
	fclose(m);
	printf("# %d negative vectors refused with the expected message\n", refused);
	if (refused < 40) {
		printf("not ok %d - at least 40 negative vectors\n", ++t);
		failed++;
	}
	printf("1..%d\n", t);
	vt_rmtree(dir);
	return failed ? 1 : 0;
}
