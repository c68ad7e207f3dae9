#include "core/vault.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "core/safefile.h"
#include "core/i18n.h"

/* Format version 1, doc/vault-format.md. All integers little-endian. */
#define HDR_LEN 80
#define OFF_VERSION 8
#define OFF_KDF 10
#define OFF_AEAD 11
#define OFF_OPS 12
#define OFF_MEM 16
#define OFF_SALT 20
#define OFF_CHECK 36
#define OFF_NONCE 52
#define OFF_CTLEN 76
#define SALT_LEN 16
#define CHECK_LEN 16
#define NONCE_LEN 24
#define TAG_LEN 16
#define KEY_LEN 32
#define PAD 256
#define FORMAT_VERSION 1
#define KDF_ARGON2ID13 2
#define AEAD_XCHACHA20POLY1305 1

static const unsigned char MAGIC[8] = { 'D', 'E', 'D', 'I', 'V', 'L', 'T', 0x1a };

struct field {
	unsigned char tag;
	size_t off;
	size_t size;
	const char *what;
};

/* Tag numbers are part of the file format: never renumber. */
static const struct field FIELDS[] = {
	{ 1, offsetof(struct dd_creds, profile), sizeof(((struct dd_creds *)0)->profile), N_("profile name") },
	{ 2, offsetof(struct dd_creds, access_key), sizeof(((struct dd_creds *)0)->access_key), N_("access key") },
	{ 3, offsetof(struct dd_creds, secret_key), sizeof(((struct dd_creds *)0)->secret_key), N_("secret key") },
	{ 4, offsetof(struct dd_creds, organization_id), sizeof(((struct dd_creds *)0)->organization_id), N_("organization ID") },
	{ 5, offsetof(struct dd_creds, project_id), sizeof(((struct dd_creds *)0)->project_id), N_("project ID") },
	{ 6, offsetof(struct dd_creds, zone), sizeof(((struct dd_creds *)0)->zone), N_("zone") },
	{ 7, offsetof(struct dd_creds, scw_api_url), sizeof(((struct dd_creds *)0)->scw_api_url), N_("Scaleway API URL") },
	{ 8, offsetof(struct dd_creds, online_token), sizeof(((struct dd_creds *)0)->online_token), N_("Dedibox private token") },
	{ 9, offsetof(struct dd_creds, online_api_url), sizeof(((struct dd_creds *)0)->online_api_url), N_("Dedibox API URL") },
};
#define NFIELDS (sizeof(FIELDS) / sizeof(FIELDS[0]))

struct dd_vault {
	char path[PATH_MAX];
	int lock_fd;                  /* -1 in DD_VAULT_READ */
	struct dd_vault_params params;
	unsigned char salt[SALT_LEN];
	unsigned char *keys;          /* sodium_malloc: enc key, then key check */
	struct dd_creds *prof;        /* sodium_malloc'd array of cap */
	size_t n, cap;
	char *rec;                    /* sodium_malloc'd record text, or NULL */
	unsigned rec_kind;            /* its kind (only DD_VAULT_REC_LINK_WIZARD) */
};

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static int verr(struct dd_error *err, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int verr(struct dd_error *err, const char *path, const char *fmt, ...)
{
	char msg[384];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return dd_error_set(err, DD_E_VAULT, 0, NULL, "%s: %s", path, msg);
}

bool dd_vault_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 63 || name[0] == '.' || name[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

static const char *value_problem(const char *v, size_t size)
{
	const char *end = memchr(v, '\0', size);

	if (!end)
		return _("is too long");
	for (const char *p = v; p < end; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return _("contains a control character");
	return NULL;
}

int dd_vault_check_profile(const struct dd_creds *c, struct dd_error *err)
{
	for (size_t i = 0; i < NFIELDS; i++) {
		const char *why = value_problem((const char *)c + FIELDS[i].off, FIELDS[i].size);

		if (why)
			return dd_error_set(err, DD_E_USAGE, 0, NULL, _("the %s %s"), _(FIELDS[i].what),
					    why);
	}
	if (!dd_vault_name_ok(c->profile))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("invalid profile name: use 1 to 63 letters, digits, '.', '_' "
				    "or '-', not starting with '.' or '-'"));
	return 0;
}

/* Argon2id gives a master key; BLAKE2b keyed by it gives the cipher key and
 * a 16-byte key check, so a wrong passphrase is told from a damaged file. */
static int derive(struct dd_vault *v, const char *pass, size_t pass_len, struct dd_error *err)
{
	static const char enc_label[] = "dedi vault v1 encryption key";
	static const char chk_label[] = "dedi vault v1 key check";
	unsigned char *master = sodium_malloc(KEY_LEN);
	int rc = 0;

	if (!master)
		return dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("out of memory deriving the key"));
	if (crypto_pwhash(master, KEY_LEN, pass, pass_len, v->salt, v->params.opslimit,
			  v->params.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
		/* The one spelling first (a script greps for it), then the size
		 * a small machine could not give. */
		rc = dd_error_set(err, DD_E_INTERNAL, 0, NULL,
				  _("out of memory: Argon2id could not get %u KiB for the vault key"),
				  (unsigned)(v->params.memlimit / 1024));
	else if (crypto_generichash(v->keys, KEY_LEN, (const unsigned char *)enc_label,
				    sizeof(enc_label) - 1, master, KEY_LEN) != 0 ||
		 crypto_generichash(v->keys + KEY_LEN, CHECK_LEN, (const unsigned char *)chk_label,
				    sizeof(chk_label) - 1, master, KEY_LEN) != 0)
		rc = dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("BLAKE2b failed"));
	sodium_free(master);
	return rc;
}

static int params_ok(const struct dd_vault_params *p, struct dd_error *err)
{
	if (p->opslimit < DD_VAULT_OPSLIMIT_MIN || p->opslimit > DD_VAULT_OPSLIMIT_MAX ||
	    p->memlimit < DD_VAULT_MEMLIMIT_MIN || p->memlimit > DD_VAULT_MEMLIMIT_MAX ||
	    p->memlimit % 1024 != 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("Argon2 parameters out of range: opslimit %u..%u, memlimit "
				    "%u KiB..%u KiB in whole KiB"),
				    DD_VAULT_OPSLIMIT_MIN, DD_VAULT_OPSLIMIT_MAX,
				    DD_VAULT_MEMLIMIT_MIN / 1024, DD_VAULT_MEMLIMIT_MAX / 1024);
	return 0;
}

static struct dd_vault *vault_alloc(const char *path, struct dd_error *err)
{
	struct dd_vault *v;

	if (sodium_init() < 0) {
		dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("libsodium could not initialise"));
		return NULL;
	}
	/* The path's length is dd_vault_open's to check. */
	v = calloc(1, sizeof(*v));
	if (!v) {
		dd_error_oom(err);
		return NULL;
	}
	memcpy(v->path, path, strlen(path) + 1);
	v->lock_fd = -1;
	v->keys = sodium_malloc(KEY_LEN + CHECK_LEN);
	if (!v->keys) {
		free(v);
		dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("out of memory for the vault key"));
		return NULL;
	}
	return v;
}

void dd_vault_close(struct dd_vault *v)
{
	if (!v)
		return;
	sodium_free(v->keys);
	if (v->prof)
		sodium_free(v->prof);
	if (v->rec)
		sodium_free(v->rec);
	if (v->lock_fd >= 0)
		close(v->lock_fd);
	free(v);
}

static int reserve(struct dd_vault *v, size_t want, struct dd_error *err)
{
	struct dd_creds *np;
	size_t cap;

	if (want <= v->cap)
		return 0;
	cap = v->cap ? v->cap * 2 : 8;
	while (cap < want)
		cap *= 2;
	/* sodium_malloc cannot realloc: copy into a new guarded block. */
	np = sodium_malloc(cap * sizeof(*np));
	if (!np)
		return dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("out of memory for profiles"));
	memset(np, 0, cap * sizeof(*np));
	if (v->prof) {
		memcpy(np, v->prof, v->n * sizeof(*np));
		sodium_free(v->prof);
	}
	v->prof = np;
	v->cap = cap;
	return 0;
}

/* Header checks that need no key, in file order, before any allocation
 * sized by the file. */
static int check_header(const unsigned char *b, size_t len, const char *path,
			struct dd_vault_params *p, uint32_t *ctlen, struct dd_error *err)
{
	char d[128];
	uint32_t ver, mem_kib;

	if (len == 0)
		return verr(err, path, _("the file is empty%s: it is not a dedi vault; restore the "
			    "backup (vault.bak) or remove it and run dedi auth login"), "");
	if (len < sizeof(MAGIC) || memcmp(b, MAGIC, sizeof(MAGIC)) != 0)
		return verr(err, path, _("not a dedi vault (bad magic bytes)%s"), "");
	if (len < HDR_LEN) {
		snprintf(d, sizeof(d), _("%zu of %d"), len, HDR_LEN);
		return verr(err, path, _("truncated header (%s bytes): restore the backup (vault.bak)"), d);
	}
	ver = (uint32_t)b[OFF_VERSION] | (uint32_t)b[OFF_VERSION + 1] << 8;
	if (ver != FORMAT_VERSION) {
		snprintf(d, sizeof(d), "%u", (unsigned)ver);
		return verr(err, path, ver > FORMAT_VERSION ?
			    _("unsupported format version %s (this dedi reads version 1): upgrade dedi") :
			    _("unsupported format version %s (this dedi reads version 1)"), d);
	}
	if (b[OFF_KDF] != KDF_ARGON2ID13) {
		snprintf(d, sizeof(d), "%u", b[OFF_KDF]);
		return verr(err, path, _("unsupported key derivation algorithm %s (only 2, Argon2id, "
			    "is known)"), d);
	}
	if (b[OFF_AEAD] != AEAD_XCHACHA20POLY1305) {
		snprintf(d, sizeof(d), "%u", b[OFF_AEAD]);
		return verr(err, path, _("unsupported cipher %s (only 1, XChaCha20-Poly1305, is "
			    "known)"), d);
	}
	p->opslimit = get32(b + OFF_OPS);
	if (p->opslimit < DD_VAULT_OPSLIMIT_MIN || p->opslimit > DD_VAULT_OPSLIMIT_MAX) {
		snprintf(d, sizeof(d), _("%lu is outside %u..%u"), (unsigned long)p->opslimit,
			 DD_VAULT_OPSLIMIT_MIN, DD_VAULT_OPSLIMIT_MAX);
		return verr(err, path, _("Argon2 opslimit %s: the header is damaged or hostile"), d);
	}
	mem_kib = get32(b + OFF_MEM);
	if (mem_kib < DD_VAULT_MEMLIMIT_MIN / 1024 || mem_kib > DD_VAULT_MEMLIMIT_MAX / 1024) {
		snprintf(d, sizeof(d), _("%lu KiB is outside %u..%u KiB"), (unsigned long)mem_kib,
			 DD_VAULT_MEMLIMIT_MIN / 1024, DD_VAULT_MEMLIMIT_MAX / 1024);
		return verr(err, path, _("Argon2 memlimit %s: the header is damaged or hostile"), d);
	}
	p->memlimit = mem_kib * 1024u;
	*ctlen = get32(b + OFF_CTLEN);
	if (*ctlen < TAG_LEN + PAD || *ctlen > DD_VAULT_MAX_CIPHERTEXT ||
	    (*ctlen - TAG_LEN) % PAD != 0) {
		snprintf(d, sizeof(d), "%lu", (unsigned long)*ctlen);
		return verr(err, path, _("invalid contents length %s in the header: the header is "
			    "damaged"), d);
	}
	if (len - HDR_LEN < *ctlen) {
		snprintf(d, sizeof(d), _("%zu of %lu"), len - HDR_LEN, (unsigned long)*ctlen);
		return verr(err, path, _("truncated contents (%s bytes): restore the backup "
			    "(vault.bak)"), d);
	}
	if (len - HDR_LEN > *ctlen) {
		snprintf(d, sizeof(d), "%zu", len - HDR_LEN - *ctlen);
		return verr(err, path, _("%s unexpected bytes after the contents: the file was "
			    "damaged or tampered with"), d);
	}
	return 0;
}

static int read_exact(int fd, unsigned char *b, size_t n, size_t *got)
{
	*got = 0;
	while (*got < n) {
		ssize_t r = read(fd, b + *got, n - *got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		*got += (size_t)r;
	}
	return 0;
}

/* Reads the header, checks it against the file's size, and only then
 * allocates and reads the ciphertext (when ct is not NULL; caller frees).
 * Nothing sized by the file is allocated before the header passed. */
static int read_vault(int fd, const char *path, unsigned char *hdr, struct dd_vault_params *p,
		      uint32_t *ctlen, size_t *size, unsigned char **ct, struct dd_error *err)
{
	struct stat st;
	unsigned char probe;
	size_t want, got;

	if (fstat(fd, &st) != 0 || st.st_size < 0)
		return dd_error_set(err, DD_E_IO, 0, NULL, _("cannot stat %s: %s"), path,
				    strerror(errno));
	*size = (size_t)st.st_size;
	want = *size < HDR_LEN ? *size : HDR_LEN;
	if (read_exact(fd, hdr, want, &got) != 0)
		return dd_error_set(err, DD_E_IO, 0, NULL, _("cannot read %s: %s"), path,
				    strerror(errno));
	if (got != want)
		return dd_error_set(err, DD_E_IO, 0, NULL, _("%s changed while it was read: try again"),
				    path);
	if (check_header(hdr, *size, path, p, ctlen, err) != 0)
		return -1;
	if (!ct)
		return 0;
	*ct = malloc(*ctlen);
	if (!*ct)
		return dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("out of memory reading %s"), path);
	if (read_exact(fd, *ct, *ctlen, &got) != 0 || got != *ctlen ||
	    read_exact(fd, &probe, 1, &want) != 0 || want != 0) {
		free(*ct);
		*ct = NULL;
		return dd_error_set(err, DD_E_IO, 0, NULL, _("%s changed while it was read: try again"),
				    path);
	}
	return 0;
}

int dd_vault_inspect(const char *path, struct dd_vault_info *info, struct dd_error *err)
{
	char dir[PATH_MAX];
	unsigned char hdr[HDR_LEN];
	size_t size = 0;
	uint32_t ctlen = 0;
	int fd, rc;

	memset(info, 0, sizeof(*info));
	if (dd_safefile_dirname(path, dir, sizeof(dir)) != 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("vault path too long"));
	if (dd_safefile_check_dir(dir, DD_E_VAULT, err) != 0)
		return -1;
	fd = dd_safefile_open(path, DD_E_VAULT, err);
	if (fd < 0)
		return -1;
	rc = read_vault(fd, path, hdr, &info->params, &ctlen, &size, NULL, err);
	close(fd);
	if (rc == 0) {
		info->version = FORMAT_VERSION;
		info->file_size = size;
		info->contents_len = ctlen;
	}
	return rc;
}

/* The records after the profiles (doc/vault-format.md, "Records"): kind,
 * 4-byte length, text; a 00 byte (the padding) ends them. */
static int decode_records(struct dd_vault *v, const unsigned char *pt, size_t len, size_t *pos,
			  struct dd_error *err)
{
	while (*pos < len && pt[*pos] != 0) {
		unsigned kind = pt[(*pos)++];
		uint32_t rlen;

		if (len - *pos < 4 || (rlen = get32(pt + *pos)) > len - *pos - 4)
			return verr(err, v->path, _("malformed contents (%s)"), _("a record runs past the end"));
		*pos += 4;
		if (kind != DD_VAULT_REC_LINK_WIZARD || v->rec)
			return verr(err, v->path, _("malformed contents (%s)"),
				    v->rec ? _("a record appears twice") : _("unknown record kind"));
		if (rlen > DD_VAULT_REC_MAX || memchr(pt + *pos, '\0', rlen))
			return verr(err, v->path, _("malformed contents (%s)"),
				    _("a record is too long or holds a NUL byte"));
		v->rec = sodium_malloc(rlen + 1);
		if (!v->rec)
			return dd_error_oom(err);
		memcpy(v->rec, pt + *pos, rlen);
		v->rec[rlen] = 0;
		v->rec_kind = kind;
		*pos += rlen;
	}
	return 0;
}

static int decode(struct dd_vault *v, const unsigned char *pt, size_t len, struct dd_error *err)
{
	struct dd_error e;
	char d[160];
	size_t pos = 4;
	uint32_t count = get32(pt);

	if (count > DD_VAULT_MAX_PROFILES) {
		snprintf(d, sizeof(d), _("%lu profiles, more than %u"), (unsigned long)count,
			 DD_VAULT_MAX_PROFILES);
		return verr(err, v->path, _("malformed contents (%s)"), d);
	}
	if (reserve(v, count, err) != 0)
		return -1;
	for (uint32_t i = 0; i < count; i++) {
		struct dd_creds *c = &v->prof[i];
		unsigned seen = 0;

		memset(c, 0, sizeof(*c));
		for (;;) {
			const struct field *f = NULL;
			unsigned tag;
			size_t flen;

			if (pos >= len) {
				snprintf(d, sizeof(d), _("profile %lu ends early"), (unsigned long)i + 1);
				return verr(err, v->path, _("malformed contents (%s)"), d);
			}
			tag = pt[pos++];
			if (tag == 0)
				break;
			for (size_t k = 0; k < NFIELDS; k++)
				if (FIELDS[k].tag == tag)
					f = &FIELDS[k];
			if (!f) {
				snprintf(d, sizeof(d), _("profile %lu: unknown field %u"),
					 (unsigned long)i + 1, tag);
				return verr(err, v->path, _("malformed contents (%s)"), d);
			}
			if (seen & (1u << tag)) {
				snprintf(d, sizeof(d), _("profile %lu: the %s appears twice"),
					 (unsigned long)i + 1, _(f->what));
				return verr(err, v->path, _("malformed contents (%s)"), d);
			}
			seen |= 1u << tag;
			if (len - pos < 2 || (flen = pt[pos] | (size_t)pt[pos + 1] << 8) > len - pos - 2) {
				snprintf(d, sizeof(d), _("profile %lu: the %s runs past the end"),
					 (unsigned long)i + 1, _(f->what));
				return verr(err, v->path, _("malformed contents (%s)"), d);
			}
			pos += 2;
			if (flen >= f->size || memchr(pt + pos, '\0', flen)) {
				snprintf(d, sizeof(d), _("profile %lu: the %s %s"), (unsigned long)i + 1,
					 _(f->what), flen >= f->size ? _("is too long") : _("contains a NUL byte"));
				return verr(err, v->path, _("malformed contents (%s)"), d);
			}
			memcpy((char *)c + f->off, pt + pos, flen);
			pos += flen;
		}
		if (dd_vault_check_profile(c, &e) != 0) {
			snprintf(d, sizeof(d), _("profile %lu: %s"), (unsigned long)i + 1,
				 e.message);
			return verr(err, v->path, _("malformed contents (%s)"), d);
		}
		for (uint32_t j = 0; j < i; j++)
			if (strcmp(v->prof[j].profile, c->profile) == 0) {
				snprintf(d, sizeof(d), _("profile %lu repeats the name of profile %lu"),
					 (unsigned long)i + 1, (unsigned long)j + 1);
				return verr(err, v->path, _("malformed contents (%s)"), d);
			}
		v->n = i + 1;
	}
	if (decode_records(v, pt, len, &pos, err) != 0)
		return -1;
	for (; pos < len; pos++)
		if (pt[pos] != 0)
			return verr(err, v->path, _("malformed contents (%s)"),
				    _("non-zero bytes in the padding"));
	return 0;
}

static int load(struct dd_vault *v, int fd, const char *pass, size_t pass_len,
		struct dd_error *err)
{
	unsigned char b[HDR_LEN], *ct = NULL, *pt;
	unsigned long long ptlen;
	uint32_t ctlen = 0;
	size_t size;
	int rc;

	if (read_vault(fd, v->path, b, &v->params, &ctlen, &size, &ct, err) != 0)
		return -1;
	memcpy(v->salt, b + OFF_SALT, SALT_LEN);
	if (derive(v, pass, pass_len, err) != 0) {
		free(ct);
		return -1;
	}
	if (sodium_memcmp(v->keys + KEY_LEN, b + OFF_CHECK, CHECK_LEN) != 0) {
		free(ct);
		dd_error_set(err, DD_E_VAULT, 0, DD_VAULT_WRONG_PASSPHRASE,
			     _("%s: wrong passphrase (or the key check in the header was damaged)"),
			     v->path);
		return -1;
	}
	pt = sodium_malloc(ctlen - TAG_LEN);
	if (!pt) {
		free(ct);
		return dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("out of memory decrypting"));
	}
	rc = crypto_aead_xchacha20poly1305_ietf_decrypt(pt, &ptlen, NULL, ct, ctlen, b, HDR_LEN,
							b + OFF_NONCE, v->keys);
	free(ct);
	if (rc != 0) {
		sodium_free(pt);
		return verr(err, v->path, _("the contents fail authentication: the file was damaged "
			    "or tampered with%s; restore the backup (vault.bak)"), "");
	}
	rc = decode(v, pt, (size_t)ptlen, err);
	sodium_free(pt);
	if (rc != 0) {
		if (v->prof)
			sodium_memzero(v->prof, v->cap * sizeof(*v->prof));
		v->n = 0;
		dd_vault_set_record(v, DD_VAULT_REC_LINK_WIZARD, NULL, NULL);
	}
	return rc;
}

bool dd_vault_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 || errno != ENOENT;
}

struct dd_vault *dd_vault_open(const char *path, const char *pass, size_t pass_len,
			       enum dd_vault_mode mode, const struct dd_vault_params *create,
			       struct dd_error *err)
{
	char dir[PATH_MAX];
	struct dd_vault *v;
	int fd, rc;

	if (strlen(path) >= PATH_MAX ||
	    dd_safefile_dirname(path, dir, sizeof(dir)) != 0) {
		dd_error_set(err, DD_E_USAGE, 0, NULL, _("vault path too long"));
		return NULL;
	}
	if (create && params_ok(create, err) != 0)
		return NULL;
	v = vault_alloc(path, err);
	if (!v)
		return NULL;
	if (mode == DD_VAULT_WRITE && create) {
		if (dd_safefile_mkdir_private(dir, err) != 0)
			goto fail;
	} else if (dd_safefile_check_dir(dir, DD_E_VAULT, err) != 0) {
		if (err && err->kind == DD_E_NOT_FOUND)
			dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
				     _("no vault at %s: run dedi auth login to create one"), path);
		goto fail;
	}
	if (mode == DD_VAULT_WRITE && (v->lock_fd = dd_safefile_lock(path, err)) < 0)
		goto fail;
	fd = dd_safefile_open(path, DD_E_VAULT, err);
	if (fd == -2 && create) {
		v->params = *create;
		randombytes_buf(v->salt, SALT_LEN);
		if (derive(v, pass, pass_len, err) != 0)
			goto fail;
		dd_error_clear(err);
		return v;
	}
	if (fd == -2)
		dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
			     _("no vault at %s: run dedi auth login to create one"), path);
	if (fd < 0)
		goto fail;
	rc = load(v, fd, pass, pass_len, err);
	close(fd);
	if (rc != 0)
		goto fail;
	return v;
fail:
	dd_vault_close(v);
	return NULL;
}

static size_t encoded_len(const struct dd_vault *v)
{
	size_t n = 4;

	for (size_t i = 0; i < v->n; i++) {
		for (size_t k = 0; k < NFIELDS; k++) {
			size_t l = strlen((const char *)&v->prof[i] + FIELDS[k].off);

			if (l || FIELDS[k].tag == 1)
				n += 3 + l;
		}
		n++;
	}
	if (v->rec)
		n += 5 + strlen(v->rec);
	return (n + PAD - 1) / PAD * PAD;
}

static void encode(const struct dd_vault *v, unsigned char *pt)
{
	size_t pos = 4;

	put32(pt, (uint32_t)v->n);
	for (size_t i = 0; i < v->n; i++) {
		for (size_t k = 0; k < NFIELDS; k++) {
			const char *s = (const char *)&v->prof[i] + FIELDS[k].off;
			size_t l = strlen(s);

			if (!l && FIELDS[k].tag != 1)
				continue;
			pt[pos++] = FIELDS[k].tag;
			pt[pos++] = (unsigned char)l;
			pt[pos++] = (unsigned char)(l >> 8);
			memcpy(pt + pos, s, l);
			pos += l;
		}
		pt[pos++] = 0;
	}
	if (v->rec) {
		size_t l = strlen(v->rec);

		pt[pos++] = (unsigned char)v->rec_kind;
		put32(pt + pos, (uint32_t)l);
		memcpy(pt + pos + 4, v->rec, l);
	}
}

int dd_vault_save(struct dd_vault *v, struct dd_error *err)
{
	size_t ptlen = encoded_len(v), total = HDR_LEN + ptlen + TAG_LEN;
	unsigned char *pt, *out;
	int rc;

	if (v->lock_fd < 0)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("the vault was opened read-only; open it for writing to save"));
	if (total - HDR_LEN > DD_VAULT_MAX_CIPHERTEXT)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("too many profiles to save"));
	pt = sodium_malloc(ptlen);
	out = sodium_malloc(total);
	if (!pt || !out) {
		if (pt)
			sodium_free(pt);
		if (out)
			sodium_free(out);
		return dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("out of memory saving the vault"));
	}
	memset(pt, 0, ptlen);
	encode(v, pt);
	memset(out, 0, HDR_LEN);
	memcpy(out, MAGIC, sizeof(MAGIC));
	out[OFF_VERSION] = FORMAT_VERSION;
	out[OFF_KDF] = KDF_ARGON2ID13;
	out[OFF_AEAD] = AEAD_XCHACHA20POLY1305;
	put32(out + OFF_OPS, v->params.opslimit);
	put32(out + OFF_MEM, v->params.memlimit / 1024);
	memcpy(out + OFF_SALT, v->salt, SALT_LEN);
	memcpy(out + OFF_CHECK, v->keys + KEY_LEN, CHECK_LEN);
	randombytes_buf(out + OFF_NONCE, NONCE_LEN);
	put32(out + OFF_CTLEN, (uint32_t)(ptlen + TAG_LEN));
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + HDR_LEN, NULL, pt, ptlen, out, HDR_LEN,
						   NULL, out + OFF_NONCE, v->keys);
	sodium_free(pt);
	rc = dd_safefile_replace(v->path, out, total, true, err);
	sodium_free(out);
	return rc;
}

int dd_vault_rekey(struct dd_vault *v, const char *pass, size_t pass_len,
		   const struct dd_vault_params *params, struct dd_error *err)
{
	struct dd_vault_params old = v->params;

	if (params && params_ok(params, err) != 0)
		return -1;
	if (params)
		v->params = *params;
	randombytes_buf(v->salt, SALT_LEN);
	if (derive(v, pass, pass_len, err) != 0) {
		v->params = old;
		return -1;
	}
	return 0;
}

size_t dd_vault_count(const struct dd_vault *v)
{
	return v->n;
}

const struct dd_creds *dd_vault_at(const struct dd_vault *v, size_t i)
{
	return i < v->n ? &v->prof[i] : NULL;
}

const struct dd_creds *dd_vault_find(const struct dd_vault *v, const char *name)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->prof[i].profile, name) == 0)
			return &v->prof[i];
	return NULL;
}

int dd_vault_put(struct dd_vault *v, const struct dd_creds *c, struct dd_error *err)
{
	struct dd_creds *slot = (struct dd_creds *)dd_vault_find(v, c->profile);

	if (dd_vault_check_profile(c, err) != 0)
		return -1;
	if (!slot) {
		if (v->n >= DD_VAULT_MAX_PROFILES)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("the vault holds at most %u profiles"),
					    DD_VAULT_MAX_PROFILES);
		if (reserve(v, v->n + 1, err) != 0)
			return -1;
		slot = &v->prof[v->n++];
	}
	memcpy(slot, c, sizeof(*slot));
	return 0;
}

int dd_vault_remove(struct dd_vault *v, const char *name, struct dd_error *err)
{
	struct dd_creds *slot = (struct dd_creds *)dd_vault_find(v, name);
	size_t i;

	if (!slot)
		return dd_error_set(err, DD_E_NOT_FOUND, 0, NULL, _("no profile named %s in %s"),
				    dd_vault_name_ok(name) ? name : _("(invalid name)"), v->path);
	i = (size_t)(slot - v->prof);
	memmove(slot, slot + 1, (v->n - i - 1) * sizeof(*slot));
	v->n--;
	sodium_memzero(&v->prof[v->n], sizeof(v->prof[v->n]));
	return 0;
}

int dd_vault_subkey(const struct dd_vault *v, const char *purpose, unsigned char out[32],
		    struct dd_error *err)
{
	char label[96];
	int n = snprintf(label, sizeof(label), "dedi subkey v1 %s", purpose);

	if (!*purpose || n < 0 || (size_t)n >= sizeof(label))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("subkey purpose empty or too long"));
	if (crypto_generichash(out, 32, (const unsigned char *)label, (size_t)n, v->keys,
			       KEY_LEN) != 0)
		return dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("BLAKE2b failed"));
	return 0;
}

struct dd_vault_params dd_vault_get_params(const struct dd_vault *v)
{
	return v->params;
}

const char *dd_vault_path(const struct dd_vault *v)
{
	return v->path;
}

const char *dd_vault_record(const struct dd_vault *v, unsigned kind)
{
	return v->rec && v->rec_kind == kind ? v->rec : NULL;
}

int dd_vault_set_record(struct dd_vault *v, unsigned kind, const char *text,
			struct dd_error *err)
{
	char *r = NULL;

	if (kind != DD_VAULT_REC_LINK_WIZARD)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("unknown vault record kind %u"), kind);
	if (text && strlen(text) > DD_VAULT_REC_MAX)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("the record is over %u bytes"),
				    DD_VAULT_REC_MAX);
	if (text) {
		r = sodium_malloc(strlen(text) + 1);
		if (!r)
			return dd_error_oom(err);
		memcpy(r, text, strlen(text) + 1);
	}
	if (v->rec)
		sodium_free(v->rec);
	v->rec = r;
	v->rec_kind = kind;
	return 0;
}
