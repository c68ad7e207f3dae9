#include "core/creds.h"
#include "core/request.h"
#include "core/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

struct dd_creds *dd_creds_new(void)
{
	struct dd_creds *c;

	if (sodium_init() < 0)
		return NULL;
	c = sodium_malloc(sizeof(*c));
	if (c)
		sodium_memzero(c, sizeof(*c));
	return c;
}

void dd_creds_free(struct dd_creds *c)
{
	if (c)
		sodium_free(c); /* wipes */
}

struct env_field {
	const char *name;
	size_t off, size;
	int secret;
};

#define F(n, f, s) { n, offsetof(struct dd_creds, f), sizeof(((struct dd_creds *)0)->f), s }
static const struct env_field env_fields[] = {
	F("SCW_ACCESS_KEY", access_key, 0),
	F("SCW_SECRET_KEY", secret_key, 1),
	F("SCW_DEFAULT_ORGANIZATION_ID", organization_id, 0),
	F("SCW_DEFAULT_PROJECT_ID", project_id, 0),
	F("SCW_DEFAULT_ZONE", zone, 0),
	F("SCW_API_URL", scw_api_url, 0),
	F("DEDI_ONLINE_TOKEN", online_token, 1),
	F("DEDI_ONLINE_API_URL", online_api_url, 0),
};
#undef F

static int printable_ascii(const char *v)
{
	for (; *v; v++)
		if ((unsigned char)*v < 0x21 || (unsigned char)*v > 0x7e)
			return 0;
	return 1;
}

static int valid_zone(const char *z)
{
	return strcmp(z, "fr-par-1") == 0 || strcmp(z, "fr-par-2") == 0 ||
	       strcmp(z, "nl-ams-1") == 0;
}

bool dd_creds_zone_ok(const char *z)
{
	return valid_zone(z);
}

/* scheme://host[:port][/path]: enough to refuse "notaurl" or a typo with
 * a sentence before the transport cuts it into a request URL. */
bool dd_creds_url_ok(const char *u)
{
	const char *h;

	if (strncmp(u, "https://", 8) == 0)
		h = u + 8;
	else if (strncmp(u, "http://", 7) == 0)
		h = u + 7;
	else
		return false;
	if (*h == '\0' || *h == '/' || *h == ':' || !printable_ascii(u))
		return false;
	return strpbrk(u, "?#") == NULL;
}

int dd_creds_from_env(struct dd_creds *c, struct dd_error *err)
{
	int any = 0;
	const char *e;

	for (size_t i = 0; i < sizeof(env_fields) / sizeof(env_fields[0]); i++) {
		const struct env_field *f = &env_fields[i];
		const char *v = getenv(f->name);
		size_t n;

		if (!v || !*v)
			continue;
		n = strlen(v);
		if (n >= f->size)
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("%s is too long (%zu characters, at most %zu)"), f->name, n,
					    f->size - 1);
		if (!printable_ascii(v))
			return dd_error_set(err, DD_E_USAGE, 0, NULL,
					    _("%s holds spaces or control characters%s"), f->name,
					    f->secret ? "" : _("; check how it was exported"));
		memcpy((char *)c + f->off, v, n + 1);
		any = 1;
	}
	/* Only what the environment set is judged here: a saved profile's
	 * values are judged with its name (dd_creds_check_saved). */
	if ((e = getenv("SCW_DEFAULT_ZONE")) && *e && !valid_zone(e))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("SCW_DEFAULT_ZONE=%s is not a Dedibox zone (fr-par-1, fr-par-2, nl-ams-1)"),
				    e);
	if ((e = getenv("SCW_API_URL")) && *e && !dd_creds_url_ok(e))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("SCW_API_URL=%.80s is not a valid URL: give http:// or https:// "
				    "and a host, e.g. https://api.scaleway.com"), e);
	if ((e = getenv("DEDI_ONLINE_API_URL")) && *e && !dd_creds_url_ok(e))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("DEDI_ONLINE_API_URL=%.80s is not a valid URL: give http:// or "
				    "https:// and a host, e.g. https://api.online.net/api/v1"), e);
	if (any && !c->profile[0])
		snprintf(c->profile, sizeof(c->profile), "env");
	return 0;
}

void dd_creds_urls_from_env(struct dd_creds *c)
{
	const char *e;

	if (!c->scw_api_url[0] && (e = getenv("SCW_API_URL")) && strlen(e) < sizeof(c->scw_api_url))
		memcpy(c->scw_api_url, e, strlen(e) + 1);
	if (!c->online_api_url[0] && (e = getenv("DEDI_ONLINE_API_URL")) &&
	    strlen(e) < sizeof(c->online_api_url))
		memcpy(c->online_api_url, e, strlen(e) + 1);
}

static void strip_slashes(char *u)
{
	size_t n = strlen(u);

	while (n > 0 && u[n - 1] == '/')
		u[--n] = '\0';
}

void dd_creds_finish(struct dd_creds *c)
{
	dd_request_default_bases(c);
	strip_slashes(c->scw_api_url);
	strip_slashes(c->online_api_url);
}

int dd_creds_check_saved(const struct dd_creds *c, struct dd_error *err)
{
	if (c->zone[0] && !valid_zone(c->zone))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("profile %s in the vault has the zone %s, not a Dedibox zone "
				    "(fr-par-1, fr-par-2, nl-ams-1): dedi auth login --profile %s "
				    "saves it again"), c->profile, c->zone, c->profile);
	if (c->scw_api_url[0] && !dd_creds_url_ok(c->scw_api_url))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("profile %s in the vault has an invalid Scaleway API URL (%.80s): "
				    "dedi auth login --profile %s saves it again"), c->profile,
				    c->scw_api_url, c->profile);
	if (c->online_api_url[0] && !dd_creds_url_ok(c->online_api_url))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("profile %s in the vault has an invalid Dedibox API URL (%.80s): "
				    "dedi auth login --profile %s saves it again"), c->profile,
				    c->online_api_url, c->profile);
	return 0;
}

bool dd_creds_has_scw(const struct dd_creds *c)
{
	return c->secret_key[0] != '\0';
}

bool dd_creds_has_online(const struct dd_creds *c)
{
	return c->online_token[0] != '\0';
}

void dd_creds_mask(const char *key, char *buf, size_t len)
{
	size_t n = strlen(key);

	if (n <= 8)
		snprintf(buf, len, "%.*s", n ? 2 : 0, "********");
	else
		snprintf(buf, len, "%.4s…%s", key, key + n - 4);
}
