#include "sandbox/etag.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

void dd_sb_etag_of(const char *body, size_t len, char out[DD_SB_ETAG_LEN])
{
	/* FNV-1a 64 with the length beside it: not a cryptographic hash,
	 * only a validator; a tag that changes whenever a byte does. */
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)body[i];
		h *= 0x100000001b3ull;
	}
	snprintf(out, DD_SB_ETAG_LEN, "\"%016llx-%llx\"", (unsigned long long)h, (unsigned long long)len);
}

static const char *skip_ows(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

int dd_sb_etag_matches(const char *inm, const char *etag)
{
	const char *p = skip_ows(inm);
	size_t elen = strlen(etag);

	if (*p == '*' && *skip_ows(p + 1) == '\0')
		return 1;
	/* #entity-tag: members separated by commas, empty members allowed. */
	while (*p) {
		const char *q, *end;

		p = skip_ows(p);
		if (*p == ',') {
			p++;
			continue;
		}
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		if (*p != '"')
			return 0;
		/* etagc is %x21 / %x23-7E / obs-text: no quote, no control */
		for (end = p + 1; *end && *end != '"'; end++)
			if ((unsigned char)*end < 0x21 || *end == 0x7f)
				return 0;
		if (*end != '"')
			return 0;
		end++;
		if ((size_t)(end - p) == elen && memcmp(p, etag, elen) == 0)
			return 1;
		q = skip_ows(end);
		if (*q && *q != ',')
			return 0;
		p = q;
	}
	return 0;
}
