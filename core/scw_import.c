#include "core/scw_import.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>
#include <yaml.h>

#include "core/safefile.h"
#include "core/vault.h"
#include "core/i18n.h"

#define MAX_PROFILES DD_SCW_IMPORT_MAX
/* scw's config is a few hundred bytes per profile; past these the text is
 * refused before libyaml sees it (a deeply nested document costs it
 * minutes of CPU). */
#define MAX_FILE DD_SCW_IMPORT_MAX_BYTES
#define MAX_DEPTH 32
#define MAX_INDENT 128

int dd_scw_import_default_path(char *buf, size_t len, struct dd_error *err)
{
	const char *p = getenv("SCW_CONFIG_PATH"), *x = getenv("XDG_CONFIG_HOME"),
		   *home = getenv("HOME");
	int n;

	if (p && *p)
		n = snprintf(buf, len, "%s", p);
	else if (x && x[0] == '/')
		n = snprintf(buf, len, "%s/scw/config.yaml", x);
	else if (home && *home)
		n = snprintf(buf, len, "%s/.config/scw/config.yaml", home);
	else
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("HOME is not set: give the path of config.yaml"));
	if (n < 0 || (size_t)n >= len)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("config.yaml path too long"));
	return 0;
}

void dd_scw_import_free(struct dd_scw_import *im)
{
	if (im->prof)
		sodium_free(im->prof);
	memset(im, 0, sizeof(*im));
}

/* Which dd_creds field a scw key fills. */
static char *slot_for(struct dd_creds *c, const char *key, size_t *size)
{
	static const struct {
		const char *key;
		size_t off, size;
	} map[] = {
		{ "access_key", offsetof(struct dd_creds, access_key), sizeof(((struct dd_creds *)0)->access_key) },
		{ "secret_key", offsetof(struct dd_creds, secret_key), sizeof(((struct dd_creds *)0)->secret_key) },
		{ "default_organization_id", offsetof(struct dd_creds, organization_id), sizeof(((struct dd_creds *)0)->organization_id) },
		{ "default_project_id", offsetof(struct dd_creds, project_id), sizeof(((struct dd_creds *)0)->project_id) },
		{ "default_zone", offsetof(struct dd_creds, zone), sizeof(((struct dd_creds *)0)->zone) },
		{ "api_url", offsetof(struct dd_creds, scw_api_url), sizeof(((struct dd_creds *)0)->scw_api_url) },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].key, key) == 0) {
			*size = map[i].size;
			return (char *)c + map[i].off;
		}
	return NULL;
}

static int where(struct dd_error *err, const char *name, const yaml_node_t *n, const char *what)
{
	return dd_error_set(err, DD_E_USAGE, 0, NULL, "%s:%lu:%lu: %s", name,
			    (unsigned long)n->start_mark.line + 1,
			    (unsigned long)n->start_mark.column + 1, what);
}

static const char *scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* Fills c from a mapping of scw keys; nested values of known keys must be
 * scalars. */
static int read_profile(yaml_document_t *doc, yaml_node_t *map, struct dd_creds *c,
			const char *name, int top, struct dd_error *err)
{
	const char *seen[16];
	size_t n_seen = 0;

	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		yaml_node_t *v = yaml_document_get_node(doc, p->value);
		const char *key = scalar(k), *val;
		size_t size, vl;
		char *slot;

		if (!key)
			return where(err, name, k, "expected a key");
		if (top && (strcmp(key, "profiles") == 0 || strcmp(key, "active_profile") == 0))
			continue;
		slot = slot_for(c, key, &size);
		if (!slot)
			continue;
		/* Two values for one key: refuse rather than guess which one
		 * scw would use (yaml.v3 refuses them too). */
		for (size_t i = 0; i < n_seen; i++)
			if (strcmp(seen[i], key) == 0) {
				char m[96];

				snprintf(m, sizeof(m), _("%s is set twice"), key);
				return where(err, name, k, m);
			}
		if (n_seen < sizeof(seen) / sizeof(seen[0]))
			seen[n_seen++] = key;
		val = scalar(v);
		if (!val) {
			char m[96];

			snprintf(m, sizeof(m), _("%s must be a plain value"), key);
			return where(err, name, v, m);
		}
		vl = strlen(val);
		if (vl != v->data.scalar.length) {
			char m[96];

			snprintf(m, sizeof(m), _("%s holds a NUL byte"), key);
			return where(err, name, v, m);
		}
		if (vl >= size) {
			char m[96];

			snprintf(m, sizeof(m), _("%s is too long (%zu bytes, at most %zu)"), key, vl,
				 size - 1);
			return where(err, name, v, m);
		}
		memcpy(slot, val, vl + 1);
	}
	return 0;
}

static int add(struct dd_scw_import *im, const struct dd_creds *c, const char *name,
	       const yaml_node_t *at, struct dd_error *err)
{
	struct dd_error e;

	if (!c->access_key[0] && !c->secret_key[0])
		return 0;
	if (dd_vault_check_profile(c, &e) != 0) {
		char m[300];

		snprintf(m, sizeof(m), _("profile %.63s: %s"), dd_vault_name_ok(c->profile) ?
			 c->profile : _("(this name)"), e.message);
		return where(err, name, at, m);
	}
	if (im->n == MAX_PROFILES)
		return where(err, name, at, _("too many profiles"));
	im->prof[im->n] = *c;
	/* scw's default_zone is often an Instance zone (fr-par-3): kept, it
	 * would fail every Dedibox request of the profile. */
	if (c->zone[0] && !dd_creds_zone_ok(c->zone)) {
		snprintf(im->dropped_zone[im->n], sizeof(im->dropped_zone[0]), "%s", c->zone);
		im->prof[im->n].zone[0] = '\0';
	}
	im->n++;
	return 0;
}

/* libyaml copies every scalar into its own heap: wipe them all before the
 * document is freed, so no secret is left in freed memory. */
static void wipe_doc(yaml_document_t *doc)
{
	for (yaml_node_t *n = doc->nodes.start; n < doc->nodes.top; n++)
		if (n->type == YAML_SCALAR_NODE)
			sodium_memzero(n->data.scalar.value, n->data.scalar.length);
}

static int walk(yaml_document_t *doc, const char *name, struct dd_scw_import *im,
		struct dd_creds *c, struct dd_error *err)
{
	yaml_node_t *root = yaml_document_get_root_node(doc);

	if (!root)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s: the file is empty"), name);
	if (root->type != YAML_MAPPING_NODE)
		return where(err, name, root, _("expected a mapping of scw settings"));
	memset(c, 0, sizeof(*c));
	strcpy(c->profile, "default");
	if (read_profile(doc, root, c, name, 1, err) != 0 || add(im, c, name, root, err) != 0)
		return -1;
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		yaml_node_t *v = yaml_document_get_node(doc, p->value);
		const char *key = scalar(k);

		if (key && strcmp(key, "active_profile") == 0 && scalar(v))
			snprintf(im->active, sizeof(im->active), "%s", scalar(v));
		if (!key || strcmp(key, "profiles") != 0)
			continue;
		if (v->type == YAML_SCALAR_NODE && !*scalar(v))
			continue;
		if (v->type != YAML_MAPPING_NODE)
			return where(err, name, v, _("profiles must be a mapping of name: settings"));
		for (yaml_node_pair_t *q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
			yaml_node_t *pk = yaml_document_get_node(doc, q->key);
			yaml_node_t *pv = yaml_document_get_node(doc, q->value);
			const char *pname = scalar(pk);

			if (!pname || !dd_vault_name_ok(pname))
				return where(err, name, pk, _("profile name dedi cannot use (1 to 63 "
					     "letters, digits, '.', '_', '-')"));
			if (pv->type != YAML_MAPPING_NODE)
				return where(err, name, pv, _("a profile must be a mapping"));
			memset(c, 0, sizeof(*c));
			snprintf(c->profile, sizeof(c->profile), "%s", pname);
			for (size_t i = 0; i < im->n; i++)
				if (strcmp(im->prof[i].profile, pname) == 0)
					return where(err, name, pk, _("profile defined twice"));
			if (read_profile(doc, pv, c, name, 0, err) != 0 ||
			    add(im, c, name, pk, err) != 0)
				return -1;
		}
	}
	return 0;
}

/* Nesting without parsing: flow brackets outside quotes and comments,
 * block indentation, and "- - -" sequences opened on one line. */
static int too_deep(const char *t, size_t len, size_t *line_no)
{
	int flow = 0, dashes = 0;
	size_t col = 0;
	char quote = 0;
	bool start = true, comment = false;

	*line_no = 1;
	for (size_t i = 0; i < len; i++) {
		char ch = t[i];

		if (ch == '\n') {
			(*line_no)++;
			col = 0;
			dashes = 0;
			start = true;
			comment = false;
			continue;
		}
		if (comment)
			continue;
		if (start && (ch == ' ' || ch == '-')) {
			if (ch == '-' && !(i + 1 < len && (t[i + 1] == ' ' || t[i + 1] == '\n')))
				start = false;
			else if (ch == '-' && ++dashes > MAX_DEPTH)
				return 1;
			if (++col > MAX_INDENT)
				return 1;
			if (start)
				continue;
		}
		start = false;
		if (quote) {
			if (ch == '\\' && quote == '"')
				i++;
			else if (ch == quote)
				quote = 0;
		} else if (ch == '"' || ch == '\'') {
			quote = ch;
		} else if (ch == '#') {
			comment = true;
		} else if (ch == '[' || ch == '{') {
			if (++flow > MAX_DEPTH)
				return 1;
		} else if ((ch == ']' || ch == '}') && flow > 0) {
			flow--;
		}
	}
	return 0;
}

int dd_scw_import_text(const char *text, size_t len, const char *name,
		       struct dd_scw_import *out, struct dd_error *err)
{
	size_t deep_line;

	yaml_parser_t parser;
	yaml_document_t doc;
	struct dd_creds *c;
	int rc;

	memset(out, 0, sizeof(*out));
	if (len > MAX_FILE)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s is larger than %d KiB: not a scw config file"), name,
				    MAX_FILE / 1024);
	if (too_deep(text, len, &deep_line))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("%s:%zu: nested deeper than a scw config file is (more than %d "
				    "levels or %d columns of indentation): not read"), name, deep_line,
				    MAX_DEPTH, MAX_INDENT);
	if (sodium_init() < 0)
		return dd_error_set(err, DD_E_INTERNAL, 0, NULL, _("libsodium could not initialise"));
	out->prof = sodium_malloc(MAX_PROFILES * sizeof(*out->prof));
	c = sodium_malloc(sizeof(*c));
	if (!out->prof || !c || !yaml_parser_initialize(&parser)) {
		if (c)
			sodium_free(c);
		dd_scw_import_free(out);
		return dd_error_oom(err);
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		rc = dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s:%lu:%lu: not valid YAML: %s"), name,
				  (unsigned long)parser.problem_mark.line + 1,
				  (unsigned long)parser.problem_mark.column + 1,
				  parser.problem ? parser.problem : _("parse error"));
	} else {
		rc = walk(&doc, name, out, c, err);
		wipe_doc(&doc);
		yaml_document_delete(&doc);
	}
	/* The parser's own copies of the text, secrets included. */
	if (parser.raw_buffer.start)
		sodium_memzero(parser.raw_buffer.start,
			       (size_t)(parser.raw_buffer.end - parser.raw_buffer.start));
	if (parser.buffer.start)
		sodium_memzero(parser.buffer.start,
			       (size_t)(parser.buffer.end - parser.buffer.start));
	yaml_parser_delete(&parser);
	sodium_free(c);
	if (rc == 0 && out->n == 0)
		rc = dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
				  _("%s holds no profile with an access key or a secret key"), name);
	if (rc != 0)
		dd_scw_import_free(out);
	return rc;
}

int dd_scw_import_file(const char *path, struct dd_scw_import *out, struct dd_error *err)
{
	unsigned char *buf;
	size_t len;
	int fd, rc;

	/* scw writes it 0600; a looser file is still refused: it holds a key. */
	fd = dd_safefile_open(path, DD_E_USAGE, err);
	if (fd == -2)
		dd_error_set(err, DD_E_NOT_FOUND, 0, NULL,
			     _("%s does not exist: give the path of scw's config.yaml"), path);
	if (fd < 0)
		return -1;
	buf = dd_safefile_slurp(fd, path, MAX_FILE, &len, DD_E_USAGE, err);
	close(fd);
	if (!buf)
		return -1;
	rc = dd_scw_import_text((const char *)buf, len, path, out, err);
	sodium_free(buf);
	return rc;
}

static void append(char *buf, size_t len, const char *fmt, ...)
{
	size_t n = strlen(buf);
	va_list ap;

	if (n + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + n, len - n, fmt, ap);
	va_end(ap);
}

void dd_scw_import_merge(const struct dd_creds *old, struct dd_creds *c, char *what, size_t len)
{
	static const struct {
		const char *label;
		size_t off, size;
		int kind; /* 0 shown, 1 masked key, 2 secret: named only */
	} f[] = {
#define F(l, m, k) { l, offsetof(struct dd_creds, m), sizeof(((struct dd_creds *)0)->m), k }
		F(N_("access key"), access_key, 1),
		F(N_("secret key"), secret_key, 2),
		F(N_("organization ID"), organization_id, 0),
		F(N_("project ID"), project_id, 0),
		F(N_("zone"), zone, 0),
		F(N_("Scaleway API URL"), scw_api_url, 0),
		F(N_("Dedibox private token"), online_token, 2),
		F(N_("Dedibox API URL"), online_api_url, 0),
#undef F
	};
	char changed[512] = "", kept[512] = "", a[64], b[64];

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		const char *o = (const char *)old + f[i].off;
		char *n = (char *)c + f[i].off;

		if (!n[0] && o[0]) {
			memcpy(n, o, f[i].size);
			append(kept, sizeof(kept), "%s%s", kept[0] ? ", " : "", _(f[i].label));
			continue;
		}
		if (strcmp(n, o) == 0)
			continue;
		if (f[i].kind == 2) {
			append(changed, sizeof(changed), "%s%s", changed[0] ? ", " : "", _(f[i].label));
			continue;
		}
		if (f[i].kind == 1) {
			dd_creds_mask(o, a, sizeof(a));
			dd_creds_mask(n, b, sizeof(b));
		} else {
			snprintf(a, sizeof(a), "%s", o);
			snprintf(b, sizeof(b), "%s", n);
		}
		append(changed, sizeof(changed), "%s%s %s -> %s", changed[0] ? ", " : "",
		       _(f[i].label), a[0] ? a : _("(none)"), b);
	}
	snprintf(what, len, "%s%s%s%s", changed[0] ? _("changed: ") : _("nothing changed"), changed,
		 kept[0] ? _("; kept: ") : "", kept);
}
