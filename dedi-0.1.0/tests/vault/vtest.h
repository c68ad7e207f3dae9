/* Shared by the vault tests: private temporary directories, fast Argon2
 * parameters and obviously fake credentials. */
#ifndef DD_VTEST_H
#define DD_VTEST_H

#include <stddef.h>

#include "core/creds.h"
#include "core/vault.h"

/* The smallest parameters the header bounds accept: tests open thousands of
 * vaults. Users get DD_VAULT_OPSLIMIT_DEFAULT / DD_VAULT_MEMLIMIT_DEFAULT. */
#define VT_OPS 1u
#define VT_MEM 8192u
#define VT_PASS "correct horse test"
#define VT_ACCESS "SCWTESTVAULT00000001"
#define VT_SECRET "00000000-0000-4000-8000-7e57c0ffee01"
#define VT_TOKEN "testtoken-not-real-0123456789abcdef"

extern const struct dd_vault_params vt_params;

/* A fresh 0700 directory under $TMPDIR; the path is static storage. */
const char *vt_tmpdir(void);
void vt_rmtree(const char *dir);
/* Fills c with the fake credentials under the given profile name. */
void vt_creds(struct dd_creds *c, const char *name);
/* Writes a vault holding profiles named p0..p{n-1} at path. 0 on success. */
int vt_make_vault(const char *path, size_t n);
unsigned char *vt_read(const char *path, size_t *len);
int vt_write(const char *path, const void *data, size_t len);
struct dd_vault *vt_open(const char *path, struct dd_error *err);

#endif
