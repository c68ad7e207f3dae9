#include "core/profile.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/hardening.h"
#include "core/i18n.h"

struct dd_profiles {
	enum dd_profile_source source;
	char current[64];
	size_t n;
	struct dd_creds *v; /* sodium_allocarray: locked, guarded, wiped */
	/* The vault's cache subkey (core/cache.h), sodium_malloc'd; NULL
	 * with the environment alone. */
	unsigned char *cache_key;
};

static bool env_has_secret(void)
{
	const char *s = getenv("SCW_SECRET_KEY"), *t = getenv("DEDI_ONLINE_TOKEN");

	return (s && *s) || (t && *t);
}

/* --profile, else DEDI_PROFILE: a name given on purpose, NULL if none. */
static const char *named_profile(const char *explicit_name)
{
	const char *n = explicit_name && *explicit_name ? explicit_name : getenv("DEDI_PROFILE");

	return n && *n ? n : NULL;
}

enum dd_profile_source dd_profile_decide(const char *explicit_name, bool vault_exists)
{
	if (named_profile(explicit_name))
		return DD_PROFILE_VAULT;
	if (env_has_secret() || !vault_exists)
		return DD_PROFILE_ENV;
	return DD_PROFILE_VAULT;
}

static struct dd_profiles *alloc_profiles(size_t n, struct dd_error *err)
{
	struct dd_profiles *p = calloc(1, sizeof(*p));

	if (!p || sodium_init() < 0) {
		free(p);
		dd_error_oom(err);
		return NULL;
	}
	if (n > 0) {
		p->v = sodium_allocarray(n, sizeof(*p->v));
		if (!p->v) {
			free(p);
			dd_error_set(err, DD_E_INTERNAL, 0, NULL,
				     _("cannot allocate locked memory for %zu profiles"), n);
			return NULL;
		}
		sodium_memzero(p->v, n * sizeof(*p->v));
	}
	p->n = n;
	return p;
}

void dd_profiles_free(struct dd_profiles *p)
{
	if (!p)
		return;
	if (p->v)
		sodium_free(p->v); /* wipes */
	if (p->cache_key)
		sodium_free(p->cache_key);
	free(p);
}

/* The environment alone: checked now, so a malformed variable or no
 * credentials at all stops dedi before anything starts. */
static struct dd_profiles *env_profiles(struct dd_error *err)
{
	struct dd_profiles *p;
	struct dd_creds *c = dd_creds_new();

	if (!c) {
		dd_error_set(err, DD_E_INTERNAL, 0, NULL,
			     _("cannot allocate locked memory for credentials"));
		return NULL;
	}
	if (dd_creds_from_env(c, err) != 0) {
		dd_creds_free(c);
		return NULL;
	}
	if (!dd_creds_has_scw(c) && !dd_creds_has_online(c)) {
		dd_creds_free(c);
		dd_error_set(err, DD_E_AUTH, 0, NULL,
			     _("no credentials: run dedi auth login, or set SCW_ACCESS_KEY and "
			     "SCW_SECRET_KEY (or DEDI_ONLINE_TOKEN)"));
		return NULL;
	}
	dd_creds_free(c);
	p = alloc_profiles(0, err);
	if (p) {
		p->source = DD_PROFILE_ENV;
		snprintf(p->current, sizeof(p->current), "env");
	}
	return p;
}

struct dd_profiles *dd_profiles_from_vault(const struct dd_vault *v, const char *selected,
					   struct dd_error *err)
{
	size_t n = dd_vault_count(v);
	struct dd_profiles *p = alloc_profiles(n, err);

	if (!p)
		return NULL;
	p->source = DD_PROFILE_VAULT;
	/* The vault closes after this: its key for the cache is kept now. */
	p->cache_key = sodium_malloc(32);
	if (!p->cache_key || dd_vault_subkey(v, "cache", p->cache_key, err) != 0) {
		if (!p->cache_key)
			dd_error_oom(err);
		dd_profiles_free(p);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		memcpy(&p->v[i], dd_vault_at(v, i), sizeof(p->v[i]));
	snprintf(p->current, sizeof(p->current), "%s", selected ? selected : "");
	return p;
}

static const char *shown(const char *name)
{
	return dd_vault_name_ok(name) ? name : _("(invalid name)");
}

struct dd_profiles *dd_profiles_open(const char *explicit_name, dd_profile_unlock_fn unlock,
				     void *ud, struct dd_error *err)
{
	const char *named = named_profile(explicit_name), *want;
	struct dd_profiles *p = NULL;
	struct dd_config *cfg;
	struct dd_vault *v;
	char path[PATH_MAX];

	if (dd_hardening_apply(err) != 0)
		return NULL;
	if (!named && env_has_secret())
		return env_profiles(err);
	if (dd_config_vault_path(path, sizeof(path), err) != 0)
		return NULL;
	if (dd_profile_decide(explicit_name, dd_vault_exists(path)) == DD_PROFILE_ENV)
		return env_profiles(err);
	/* The config is read only on the vault's way: a broken config does
	 * not stop someone who gave everything in the environment. */
	cfg = dd_config_load(NULL, err);
	if (!cfg)
		return NULL;
	want = dd_config_select_profile(cfg, explicit_name);
	if (!dd_vault_exists(path)) {
		dd_error_set(err, DD_E_AUTH, 0, NULL,
			     _("no vault at %s, so no profile %s: dedi auth login --profile %s "
			     "creates it"), path, shown(want),
			     dd_vault_name_ok(want) ? want : "NAME");
		goto out;
	}
	v = unlock(ud, cfg, path, err);
	if (!v)
		goto out;
	if (!dd_vault_find(v, want))
		dd_error_set(err, DD_E_AUTH, 0, NULL,
			     _("no profile named %s in the vault (dedi auth list shows them; "
			     "dedi auth login --profile %s adds it)"), shown(want),
			     dd_vault_name_ok(want) ? want : "NAME");
	else
		p = dd_profiles_from_vault(v, want, err);
	dd_vault_close(v);
out:
	dd_config_free(cfg);
	return p;
}

enum dd_profile_source dd_profiles_source(const struct dd_profiles *p)
{
	return p->source;
}

const char *dd_profiles_current(const struct dd_profiles *p)
{
	return p->current;
}

size_t dd_profiles_count(const struct dd_profiles *p)
{
	return p->n;
}

const char *dd_profiles_name(const struct dd_profiles *p, size_t i)
{
	return i < p->n ? p->v[i].profile : NULL;
}

struct dd_creds *dd_profiles_creds(const struct dd_profiles *p, const char *name,
				   struct dd_error *err)
{
	const struct dd_creds *found = NULL;
	struct dd_creds *c;

	if (p->source == DD_PROFILE_ENV && strcmp(name, "env") != 0) {
		dd_error_set(err, DD_E_AUTH, 0, NULL,
			     _("dedi runs on the environment's credentials and did not open the "
			     "vault, so there is no profile %s here: start it with --profile %s"),
			     shown(name), dd_vault_name_ok(name) ? name : "NAME");
		return NULL;
	}
	for (size_t i = 0; i < p->n && !found; i++)
		if (strcmp(p->v[i].profile, name) == 0)
			found = &p->v[i];
	if (p->source == DD_PROFILE_VAULT && !found) {
		dd_error_set(err, DD_E_AUTH, 0, NULL, _("no profile named %s in the vault"),
			     shown(name));
		return NULL;
	}
	c = dd_creds_new();
	if (!c) {
		dd_error_set(err, DD_E_INTERNAL, 0, NULL,
			     _("cannot allocate locked memory for credentials"));
		return NULL;
	}
	if (found)
		memcpy(c, found, sizeof(*c));
	if (found && p->cache_key) {
		memcpy(c->cache_key, p->cache_key, sizeof(c->cache_key));
		c->cache_key_set = true;
	}
	if (dd_creds_from_env(c, err) != 0 || (found && dd_creds_check_saved(c, err) != 0)) {
		dd_creds_free(c);
		return NULL;
	}
	return c;
}
