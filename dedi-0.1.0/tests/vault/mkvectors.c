/* Writes the negative vectors in tests/data/vault/ and their MANIFEST.
 * An independent writer of doc/vault-format.md (it shares no code with
 * core/vault.c), so the vectors also check the document. Run by hand:
 *   make tests/vault/mkvectors && tests/vault/mkvectors DIR
 * Every vector uses the passphrase "correct horse test" and the smallest
 * Argon2 parameters (opslimit 1, memlimit 8 KiB). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#define PASS "correct horse test"
#define HDR 80

static FILE *manifest;
static const char *outdir;
static int count;

struct pt {
	unsigned char b[4096];
	size_t n;
};

static void put32(unsigned char *p, unsigned long v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void emit(const char *name, const unsigned char *d, size_t n, const char *expect)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", outdir, name);
	f = fopen(path, "wb");
	if (!f || (n && fwrite(d, 1, n, f) != n) || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
	fprintf(manifest, "%s\t%s\n", name, expect);
	count++;
}

static void pt_u32(struct pt *p, unsigned long v)
{
	put32(p->b + p->n, v);
	p->n += 4;
}

static void pt_field(struct pt *p, int tag, const char *v, size_t len)
{
	p->b[p->n++] = (unsigned char)tag;
	p->b[p->n++] = (unsigned char)len;
	p->b[p->n++] = (unsigned char)(len >> 8);
	memcpy(p->b + p->n, v, len);
	p->n += len;
}

static void pt_str(struct pt *p, int tag, const char *v)
{
	pt_field(p, tag, v, strlen(v));
}

static void pt_end(struct pt *p)
{
	p->b[p->n++] = 0;
}

static void pt_profile(struct pt *p, const char *name)
{
	pt_str(p, 1, name);
	pt_str(p, 2, "SCWTESTVAULT00000001");
	pt_str(p, 3, "00000000-0000-4000-8000-7e57c0ffee01");
	pt_end(p);
}

static void pt_pad(struct pt *p)
{
	while (p->n % 256)
		p->b[p->n++] = 0;
}

struct hdr {
	unsigned char magic[8];
	unsigned version, kdf, aead;
	unsigned long ops, mem_kib;
	unsigned char salt[16], nonce[24];
	const char *pass;
};

static void hdr_default(struct hdr *h)
{
	memcpy(h->magic, "DEDIVLT\x1a", 8);
	h->version = 1;
	h->kdf = 2;
	h->aead = 1;
	h->ops = 1;
	h->mem_kib = 8;
	randombytes_buf(h->salt, sizeof(h->salt));
	randombytes_buf(h->nonce, sizeof(h->nonce));
	h->pass = PASS;
}

/* The whole file for h and plaintext p; returns its length in out. */
static size_t seal(const struct hdr *h, const struct pt *p, unsigned char *out)
{
	unsigned char master[32], key[32], check[16];
	static const char el[] = "dedi vault v1 encryption key";
	static const char cl[] = "dedi vault v1 key check";

	if (crypto_pwhash(master, 32, h->pass, strlen(h->pass), h->salt, 1, 8192,
			  crypto_pwhash_ALG_ARGON2ID13) != 0)
		exit(1);
	crypto_generichash(key, 32, (const unsigned char *)el, sizeof(el) - 1, master, 32);
	crypto_generichash(check, 16, (const unsigned char *)cl, sizeof(cl) - 1, master, 32);
	memcpy(out, h->magic, 8);
	out[8] = (unsigned char)h->version;
	out[9] = (unsigned char)(h->version >> 8);
	out[10] = (unsigned char)h->kdf;
	out[11] = (unsigned char)h->aead;
	put32(out + 12, h->ops);
	put32(out + 16, h->mem_kib);
	memcpy(out + 20, h->salt, 16);
	memcpy(out + 36, check, 16);
	memcpy(out + 52, h->nonce, 24);
	put32(out + 76, p->n + 16);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + HDR, NULL, p->b, p->n, out, HDR, NULL,
						   h->nonce, key);
	return HDR + p->n + 16;
}

static void good_pt(struct pt *p)
{
	memset(p, 0, sizeof(*p));
	pt_u32(p, 2);
	pt_profile(p, "default");
	pt_profile(p, "work");
	pt_pad(p);
}

/* A valid file, then one header field changed without re-sealing. */
static void hdr_variant(const char *name, size_t off, int width, unsigned long val,
			const char *expect)
{
	static unsigned char f[8192];
	struct hdr h;
	struct pt p;
	size_t n;

	hdr_default(&h);
	good_pt(&p);
	n = seal(&h, &p, f);
	if (width == 1)
		f[off] = (unsigned char)val;
	else if (width == 2) {
		f[off] = (unsigned char)val;
		f[off + 1] = (unsigned char)(val >> 8);
	} else
		put32(f + off, val);
	emit(name, f, n, expect);
}

/* Authenticated contents that break the payload rules. */
static void pt_variant(const char *name, const struct pt *p, const char *expect)
{
	static unsigned char f[8192];
	struct hdr h;

	hdr_default(&h);
	emit(name, f, seal(&h, p, f), expect);
}

int main(int argc, char **argv)
{
	static unsigned char f[8192], g[8192];
	char path[1024];
	struct hdr h;
	struct pt p;
	size_t n, m;

	if (argc != 2 || sodium_init() < 0) {
		fprintf(stderr, "usage: mkvectors DIR\n");
		return 2;
	}
	outdir = argv[1];
	snprintf(path, sizeof(path), "%s/MANIFEST", outdir);
	manifest = fopen(path, "w");
	if (!manifest)
		return 1;
	fprintf(manifest, "# name<TAB>text the refusal must contain; passphrase \"%s\"\n", PASS);

	hdr_default(&h);
	good_pt(&p);
	n = seal(&h, &p, f);
	emit("good.vault", f, n, "OK");

	emit("empty.vault", f, 0, "the file is empty");
	emit("one-byte.vault", f, 1, "bad magic bytes");
	emit("magic-only.vault", f, 8, "truncated header (8 of 80 bytes)");
	emit("text.vault", (const unsigned char *)"hello, world\n", 13, "bad magic bytes");
	emit("scw-config.vault", (const unsigned char *)"access_key: SCWXXXXXXXXXXXXXXXXX\n", 33,
	     "bad magic bytes");
	memcpy(g, f, n);
	g[0] = 'd';
	emit("magic-lowercase.vault", g, n, "bad magic bytes");
	memcpy(g, f, n);
	g[7] = 0;
	emit("magic-last-byte.vault", g, n, "bad magic bytes");
	emit("short-version.vault", f, 9, "truncated header (9 of 80 bytes)");
	emit("short-params.vault", f, 14, "truncated header (14 of 80 bytes)");
	emit("short-salt.vault", f, 30, "truncated header (30 of 80 bytes)");
	emit("short-keycheck.vault", f, 40, "truncated header (40 of 80 bytes)");
	emit("short-nonce.vault", f, 60, "truncated header (60 of 80 bytes)");
	emit("short-length.vault", f, 78, "truncated header (78 of 80 bytes)");
	emit("header-only.vault", f, 80, "truncated contents (0 of");
	emit("short-contents.vault", f, 200, "truncated contents (120 of");
	emit("short-tag.vault", f, n - 1, "truncated contents");
	memcpy(g, f, n);
	g[n] = 0;
	emit("extra-byte.vault", g, n + 1, "1 unexpected bytes after the contents");
	memcpy(g, f, n);
	memset(g + n, 'A', 1000);
	emit("extra-kilobyte.vault", g, n + 1000, "1000 unexpected bytes after the contents");

	hdr_variant("version-0.vault", 8, 2, 0, "unsupported format version 0");
	hdr_variant("version-2.vault", 8, 2, 2, "unsupported format version 2 (this dedi reads version 1): upgrade dedi");
	hdr_variant("version-ffff.vault", 8, 2, 0xffff, "unsupported format version 65535");
	hdr_variant("version-256.vault", 8, 2, 0x100, "unsupported format version 256");
	hdr_variant("kdf-0.vault", 10, 1, 0, "unsupported key derivation algorithm 0");
	hdr_variant("kdf-argon2i.vault", 10, 1, 1, "unsupported key derivation algorithm 1");
	hdr_variant("kdf-255.vault", 10, 1, 255, "unsupported key derivation algorithm 255");
	hdr_variant("aead-0.vault", 11, 1, 0, "unsupported cipher 0");
	hdr_variant("aead-2.vault", 11, 1, 2, "unsupported cipher 2");
	hdr_variant("ops-0.vault", 12, 4, 0, "Argon2 opslimit 0 is outside 1..10");
	hdr_variant("ops-11.vault", 12, 4, 11, "Argon2 opslimit 11 is outside 1..10");
	hdr_variant("ops-huge.vault", 12, 4, 0xffffffffUL, "Argon2 opslimit 4294967295 is outside");
	hdr_variant("mem-0.vault", 16, 4, 0, "Argon2 memlimit 0 KiB is outside");
	hdr_variant("mem-7k.vault", 16, 4, 7, "Argon2 memlimit 7 KiB is outside");
	hdr_variant("mem-1g-plus.vault", 16, 4, 1048577, "Argon2 memlimit 1048577 KiB is outside");
	hdr_variant("mem-4t.vault", 16, 4, 0xffffffffUL, "Argon2 memlimit 4294967295 KiB is outside");
	hdr_variant("ctlen-0.vault", 76, 4, 0, "invalid contents length 0");
	hdr_variant("ctlen-15.vault", 76, 4, 15, "invalid contents length 15");
	hdr_variant("ctlen-tag-only.vault", 76, 4, 16, "invalid contents length 16");
	hdr_variant("ctlen-unpadded.vault", 76, 4, 16 + 256 + 1, "invalid contents length 273");
	hdr_variant("ctlen-huge.vault", 76, 4, 0xffffffffUL, "invalid contents length 4294967295");
	hdr_variant("ctlen-longer.vault", 76, 4, 16 + 512, "truncated contents (272 of 528 bytes)");
	/* Within bounds but not what the file was sealed with. */
	hdr_variant("ops-changed.vault", 12, 4, 2, "wrong passphrase");
	hdr_variant("mem-changed.vault", 16, 4, 16, "wrong passphrase");

	memcpy(g, f, n);
	g[20] ^= 1;
	emit("salt-changed.vault", g, n, "wrong passphrase");
	memcpy(g, f, n);
	g[36] ^= 0x80;
	emit("keycheck-changed.vault", g, n, "wrong passphrase");
	memcpy(g, f, n);
	g[52] ^= 1;
	emit("nonce-changed.vault", g, n, "fail authentication");
	memcpy(g, f, n);
	memset(g + 52, 0, 24);
	emit("nonce-zero.vault", g, n, "fail authentication");
	memcpy(g, f, n);
	g[n - 1] ^= 1;
	emit("tag-flipped.vault", g, n, "fail authentication");
	memcpy(g, f, n);
	memset(g + n - 16, 0, 16);
	emit("tag-zero.vault", g, n, "fail authentication");
	memcpy(g, f, n);
	g[HDR + 5] ^= 0x20;
	emit("ciphertext-flipped.vault", g, n, "fail authentication");
	/* Same salt, same key, another nonce: the header of one save with the
	 * contents of another. */
	h.nonce[0] ^= 0xff;
	m = seal(&h, &p, g);
	memcpy(g, f, HDR);
	emit("spliced.vault", g, m, "fail authentication");

	hdr_default(&h);
	h.pass = "another passphrase";
	emit("other-passphrase.vault", f, seal(&h, &p, f), "wrong passphrase");

	memset(&p, 0, sizeof(p));
	pt_u32(&p, 4097);
	pt_pad(&p);
	pt_variant("too-many-profiles.vault", &p, "4097 profiles, more than 4096");
	memset(&p, 0, sizeof(p));
	pt_u32(&p, 3);
	pt_profile(&p, "a");
	pt_pad(&p);
	pt_variant("count-too-high.vault", &p, "malformed contents (profile 2: invalid profile name");
	memset(&p, 0, sizeof(p));
	pt_u32(&p, 1);
	pt_str(&p, 1, "a");
	pt_str(&p, 12, "x");
	pt_end(&p);
	pt_pad(&p);
	pt_variant("unknown-field.vault", &p, "profile 1: unknown field 12");
	memset(&p, 0, sizeof(p));
	pt_u32(&p, 1);
	pt_str(&p, 1, "a");
	pt_str(&p, 6, "fr-par-1-much-too-long-zone");
	pt_end(&p);
	pt_pad(&p);
	pt_variant("field-too-long.vault", &p, "profile 1: the zone is too long");
	memset(&p, 0, sizeof(p));
	pt_u32(&p, 1);
	pt_str(&p, 2, "SCWTESTVAULT00000001");
	pt_end(&p);
	pt_pad(&p);
	pt_variant("no-name.vault", &p, "profile 1: invalid profile name");
	memset(&p, 0, sizeof(p));
	pt_u32(&p, 1);
	pt_profile(&p, "../etc");
	pt_pad(&p);
	pt_variant("bad-name.vault", &p, "profile 1: invalid profile name");
	memset(&p, 0, sizeof(p));
	pt_u32(&p, 2);
	pt_profile(&p, "same");
	pt_profile(&p, "same");
	pt_pad(&p);
	pt_variant("duplicate-name.vault", &p, "profile 2 repeats the name of profile 1");
	memset(&p, 0, sizeof(p));
	pt_u32(&p, 1);
	pt_str(&p, 1, "a");
	pt_str(&p, 6, "fr-par-1");
	pt_str(&p, 6, "fr-par-2");
	pt_end(&p);
	pt_pad(&p);
	pt_variant("duplicate-field.vault", &p, "profile 1: the zone appears twice");
	memset(&p, 0, sizeof(p));
	pt_u32(&p, 1);
	pt_str(&p, 1, "a");
	pt_str(&p, 3, "secret\nwith newline");
	pt_end(&p);
	pt_pad(&p);
	pt_variant("control-char.vault", &p, "profile 1: the secret key contains a control character");
	memset(&p, 0, sizeof(p));
	pt_u32(&p, 1);
	pt_str(&p, 1, "a");
	pt_field(&p, 3, "sec\0ret", 7);
	pt_end(&p);
	pt_pad(&p);
	pt_variant("nul-in-value.vault", &p, "profile 1: the secret key contains a NUL byte");
	memset(&p, 0, sizeof(p));
	pt_u32(&p, 1);
	pt_profile(&p, "a");
	pt_pad(&p);
	p.b[p.n - 1] = 1;
	pt_variant("padding-nonzero.vault", &p, "non-zero bytes in the padding");
	memset(&p, 0, sizeof(p));
	pt_u32(&p, 1);
	pt_str(&p, 1, "a");
	p.b[p.n++] = 3;
	p.b[p.n++] = 0xff;
	p.b[p.n++] = 0x7f;
	pt_pad(&p);
	pt_variant("field-past-end.vault", &p, "profile 1: the secret key runs past the end");
	memset(&p, 0, sizeof(p));
	pt_u32(&p, 1);
	pt_str(&p, 1, "a");
	p.b[p.n++] = 7;
	p.b[p.n++] = 245;
	p.b[p.n++] = 0;
	memset(p.b + p.n, 'u', 245);
	p.n += 245;
	pt_variant("unterminated-profile.vault", &p, "profile 1 ends early");
	memset(&p, 0, sizeof(p));
	pt_u32(&p, 1);
	pt_str(&p, 1, "a");
	memset(p.b + p.n, 6, 256 - p.n);
	p.n = 256;
	pt_variant("fields-to-the-end.vault", &p, "profile 1: the zone runs past the end");

	fclose(manifest);
	printf("%d vectors written to %s\n", count, outdir);
	return 0;
}
