#include "tests/vault/vtest.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const struct dd_vault_params vt_params = { VT_OPS, VT_MEM };

const char *vt_tmpdir(void)
{
	static char dir[PATH_MAX];
	const char *base = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/dedi-vt.XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(99);
	}
	chmod(dir, 0700);
	return dir;
}

void vt_rmtree(const char *dir)
{
	char cmd[PATH_MAX + 32];

	if (strncmp(dir, "/", 1) != 0 || !strstr(dir, "dedi-vt."))
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "# could not remove %s\n", dir);
}

void vt_creds(struct dd_creds *c, const char *name)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->profile, sizeof(c->profile), "%s", name);
	snprintf(c->access_key, sizeof(c->access_key), VT_ACCESS);
	snprintf(c->secret_key, sizeof(c->secret_key), VT_SECRET);
	snprintf(c->organization_id, sizeof(c->organization_id),
		 "22222222-2222-4222-8222-222222222222");
	snprintf(c->project_id, sizeof(c->project_id), "33333333-3333-4333-8333-333333333333");
	snprintf(c->zone, sizeof(c->zone), "fr-par-1");
	snprintf(c->online_token, sizeof(c->online_token), VT_TOKEN);
}

int vt_make_vault(const char *path, size_t n)
{
	struct dd_error err;
	struct dd_creds c;
	struct dd_vault *v = dd_vault_open(path, VT_PASS, strlen(VT_PASS), DD_VAULT_WRITE,
					   &vt_params, &err);
	int rc = 0;

	if (!v) {
		fprintf(stderr, "# vt_make_vault: %s\n", err.message);
		return -1;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		char name[32];

		snprintf(name, sizeof(name), "p%zu", i);
		vt_creds(&c, name);
		rc = dd_vault_put(v, &c, &err);
	}
	if (rc == 0)
		rc = dd_vault_save(v, &err);
	if (rc != 0)
		fprintf(stderr, "# vt_make_vault: %s\n", err.message);
	dd_vault_close(v);
	return rc;
}

unsigned char *vt_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *b;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b = malloc((size_t)n + 1);
	if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
		free(b);
		b = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return b;
}

int vt_write(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int rc = 0;

	if (fd < 0)
		return -1;
	if (len && write(fd, data, len) != (ssize_t)len)
		rc = -1;
	fchmod(fd, 0600);
	close(fd);
	return rc;
}

struct dd_vault *vt_open(const char *path, struct dd_error *err)
{
	dd_error_clear(err);
	return dd_vault_open(path, VT_PASS, strlen(VT_PASS), DD_VAULT_READ, NULL, err);
}
