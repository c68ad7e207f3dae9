#include "core/error.h"
#include "core/i18n.h"

#include <stdio.h>
#include <string.h>

void dd_error_clear(struct dd_error *e)
{
	if (e)
		memset(e, 0, sizeof(*e));
}

int dd_error_vset(struct dd_error *e, enum dd_error_kind kind, int http_status,
		  const char *api_type, const char *fmt, va_list ap)
{
	if (!e)
		return -1;
	e->kind = kind;
	e->http_status = http_status;
	snprintf(e->api_type, sizeof(e->api_type), "%s", api_type ? api_type : "");
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	dd_utf8_trim_cut(e->message);
	dd_utf8_trim_cut(e->api_type);
	return -1;
}

int dd_error_set(struct dd_error *e, enum dd_error_kind kind, int http_status,
		 const char *api_type, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dd_error_vset(e, kind, http_status, api_type, fmt, ap);
	va_end(ap);
	return -1;
}

void dd_error_prefix(struct dd_error *e, const char *fmt, ...)
{
	char head[256], old[sizeof(e->message)];
	va_list ap;

	if (!e)
		return;
	va_start(ap, fmt);
	vsnprintf(head, sizeof(head), fmt, ap);
	va_end(ap);
	memcpy(old, e->message, sizeof(old));
	dd_utf8_trim_cut(head);
	snprintf(e->message, sizeof(e->message), "%s: %s", head, old);
	dd_utf8_trim_cut(e->message);
}

size_t dd_utf8_trim_cut(char *s)
{
	size_t n = strlen(s), i = n, cont = 0;
	unsigned char lead;
	size_t need;

	while (i > 0 && cont < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
		i--;
		cont++;
	}
	if (i == 0)
		return n;
	lead = (unsigned char)s[i - 1];
	if (lead < 0xC0)
		return n; /* ASCII last, or stray continuation bytes: not a cut */
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
	if (cont + 1 < need) {
		s[i - 1] = '\0';
		return i - 1;
	}
	return n;
}

const char *dd_error_kind_name(enum dd_error_kind kind)
{
	static const char *const names[] = {
		[DD_OK] = "ok",
		[DD_E_USAGE] = "usage",
		[DD_E_AUTH] = "authentication",
		[DD_E_PERMISSION] = "permission",
		[DD_E_NOT_FOUND] = "not found",
		[DD_E_NETWORK] = "network",
		[DD_E_RATE_LIMIT] = "rate limited",
		[DD_E_API] = "api",
		[DD_E_DECODE] = "decode",
		[DD_E_IO] = "io",
		[DD_E_VAULT] = "vault",
		[DD_E_INTERNAL] = "internal",
		[DD_E_REFUSED] = "refused",
	};
	if ((unsigned)kind < sizeof(names) / sizeof(names[0]) && names[kind])
		return names[kind];
	return "unknown";
}

int dd_error_oom(struct dd_error *e)
{
	return dd_error_set(e, DD_E_INTERNAL, 0, DD_ERROR_OOM_TYPE, _("out of memory"));
}

bool dd_error_is_oom(const struct dd_error *e)
{
	return e && e->kind == DD_E_INTERNAL && strcmp(e->api_type, DD_ERROR_OOM_TYPE) == 0;
}
