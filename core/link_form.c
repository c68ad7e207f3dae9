#include "core/link_form.h"
#include "core/i18n.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

struct slot {
	const char *name;
	size_t off;    /* in struct dd_link_form, or in struct dd_creds when typed */
	size_t size;
	int typed;
};

#define F(n, m) { n, offsetof(struct dd_link_form, m), sizeof(((struct dd_link_form *)0)->m), 0 }
#define C(n, m) { n, offsetof(struct dd_creds, m), sizeof(((struct dd_creds *)0)->m), 1 }
/* The names are the record's format (doc/vault-format.md): never rename. */
static const struct slot SLOTS[] = {
	F("dedibox_profile", dbx_profile), F("scaleway_profile", scw_profile),
	F("scaleway_payment", payment), F("save_as", save_as), F("report", report),
	C("online_token", online_token), C("access_key", access_key),
	C("secret_key", secret_key), C("organization_id", organization_id),
	C("project_id", project_id),
};
#define NSLOTS (sizeof(SLOTS) / sizeof(SLOTS[0]))

static char *at(const struct dd_link_form *f, const struct slot *s)
{
	return (s->typed ? (char *)f->typed : (char *)f) + s->off;
}

int dd_link_form_init(struct dd_link_form *f, struct dd_error *err)
{
	memset(f, 0, sizeof(*f));
	f->step = 1;
	f->typed = dd_creds_new();
	return f->typed ? 0 : dd_error_oom(err);
}

void dd_link_form_free(struct dd_link_form *f)
{
	dd_creds_free(f->typed);
	sodium_memzero(f, sizeof(*f));
}

int dd_link_form_encode(const struct dd_link_form *f, struct dd_secret **out,
			struct dd_error *err)
{
	size_t cap = 32;
	struct dd_secret *s;

	for (size_t i = 0; i < NSLOTS; i++)
		cap += strlen(SLOTS[i].name) + SLOTS[i].size + 2;
	s = dd_secret_new(cap);
	if (!s)
		return dd_error_oom(err);
	s->len = (size_t)snprintf(s->buf, s->cap, "step=%d\n", f->step);
	for (size_t i = 0; i < NSLOTS; i++) {
		const char *v = at(f, &SLOTS[i]);

		if (*v)
			s->len += (size_t)snprintf(s->buf + s->len, s->cap - s->len, "%s=%s\n",
						   SLOTS[i].name, v);
	}
	*out = s;
	return 0;
}

int dd_link_form_decode(const char *text, struct dd_link_form *f, struct dd_error *err)
{
	int line = 0;

	while (*text) {
		const char *nl = strchr(text, '\n'), *eq;
		size_t len = nl ? (size_t)(nl - text) : strlen(text), nlen, vlen;

		line++;
		eq = memchr(text, '=', len);
		if (!eq)
			return dd_error_set(err, DD_E_VAULT, 0, NULL,
					    _("the link wizard's record, line %d: no '='"), line);
		nlen = (size_t)(eq - text);
		vlen = len - nlen - 1;
		for (size_t i = 0; i < vlen; i++)
			if ((unsigned char)eq[1 + i] < 0x20 || eq[1 + i] == 0x7f)
				return dd_error_set(err, DD_E_VAULT, 0, NULL,
						    _("the link wizard's record, line %d: a control "
						    "character"), line);
		if (nlen == 4 && !strncmp(text, "step", 4)) {
			char buf[8];
			char *end;
			long v;

			snprintf(buf, sizeof(buf), "%.*s", (int)(vlen < 7 ? vlen : 7), eq + 1);
			v = strtol(buf, &end, 10);
			if (*end || end == buf || v < 1 || v > DD_LINK_STEPS)
				return dd_error_set(err, DD_E_VAULT, 0, NULL,
						    _("the link wizard's record, line %d: the step is "
						    "not 1 to %d"), line, DD_LINK_STEPS);
			f->step = (int)v;
		}
		for (size_t i = 0; i < NSLOTS; i++) {
			const struct slot *s = &SLOTS[i];

			if (strlen(s->name) != nlen || strncmp(s->name, text, nlen))
				continue;
			if (vlen >= s->size)
				return dd_error_set(err, DD_E_VAULT, 0, NULL,
						    _("the link wizard's record, line %d: the %s is "
						    "too long"), line, s->name);
			memcpy(at(f, s), eq + 1, vlen);
			at(f, s)[vlen] = 0;
		}
		text += len + (nl != NULL);
	}
	return 0;
}
