#include "core/audit_log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/text.h"
#include "core/i18n.h"

static void put(json_t *o, const char *key, char *buf, size_t len)
{
	const char *s = json_string_value(json_object_get(o, key));
	dd_text_clean_str(s ? s : "", buf, len);
}

static struct dd_audit_record *find(struct dd_audit_log *l, const char *wid)
{
	/* the outcome is near its intent: look from the end */
	for (size_t i = l->n; i-- > 0;)
		if (strcmp(l->v[i].write, wid) == 0)
			return &l->v[i];
	return NULL;
}

int dd_audit_read(const char *path, struct dd_audit_log *out, struct dd_error *err)
{
	FILE *f = fopen(path, "re");
	struct dd_audit_log l = { 0 };
	size_t cap = 0, lcap = 0;
	char *line = NULL;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (!f)
		return errno == ENOENT ? 0
		       : dd_error_set(err, DD_E_IO, 0, NULL, _("cannot read the audit log %s: %s"), path,
				      strerror(errno));
	while (getline(&line, &lcap, f) > 0) {
		json_t *o = json_loads(line, 0, NULL);
		char wid[40], phase[16];
		struct dd_audit_record *r;
		if (!json_is_object(o)) {
			json_decref(o);
			l.skipped++;
			continue;
		}
		put(o, "write", wid, sizeof(wid));
		put(o, "phase", phase, sizeof(phase));
		r = strcmp(phase, "outcome") == 0 ? find(&l, wid) : NULL;
		if (!r) {
			if (l.n == cap) {
				struct dd_audit_record *nv = realloc(l.v, (cap ? cap * 2 : 64) * sizeof(*nv));
				if (!nv) {
					json_decref(o);
					rc = dd_error_oom(err);
					break;
				}
				l.v = nv;
				cap = cap ? cap * 2 : 64;
			}
			r = &l.v[l.n++];
			memset(r, 0, sizeof(*r));
			snprintf(r->write, sizeof(r->write), "%s", wid);
			put(o, "time", r->time, sizeof(r->time));
			put(o, "profile", r->profile, sizeof(r->profile));
			put(o, "method", r->method, sizeof(r->method));
			put(o, "url", r->url, sizeof(r->url));
		}
		if (strcmp(phase, "intent") == 0) {
			put(o, "summary", r->summary, sizeof(r->summary));
			put(o, "body", r->body, sizeof(r->body));
		} else {
			r->has_outcome = true;
			r->status = (int)json_integer_value(json_object_get(o, "status"));
			put(o, "outcome", r->outcome, sizeof(r->outcome));
			put(o, "message", r->message, sizeof(r->message));
			put(o, "reconciled", r->reconciled, sizeof(r->reconciled));
		}
		json_decref(o);
	}
	free(line);
	fclose(f);
	if (rc < 0) {
		free(l.v);
		return -1;
	}
	/* newest first */
	for (size_t i = 0; i < l.n / 2; i++) {
		struct dd_audit_record t = l.v[i];
		l.v[i] = l.v[l.n - 1 - i];
		l.v[l.n - 1 - i] = t;
	}
	*out = l;
	return 0;
}

void dd_audit_log_clear(struct dd_audit_log *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

char *dd_audit_log_json(const struct dd_audit_log *l, size_t limit)
{
	json_t *arr = json_array(), *doc;
	char *text;

	for (size_t i = 0; arr && i < l->n && (!limit || i < limit); i++) {
		const struct dd_audit_record *r = &l->v[i];
		json_t *x = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "time", r->time, "write",
				      r->write, "profile", r->profile, "method", r->method, "url", r->url,
				      "summary", r->summary, "body", r->body);
		if (x && r->has_outcome)
			json_object_set_new(x, "outcome", json_pack("{s:i, s:s, s:s, s:s}", "status", r->status,
								      "result", r->outcome, "message", r->message,
								      "reconciled", r->reconciled));
		else if (x)
			json_object_set_new(x, "outcome", json_null());
		if (!x || json_array_append_new(arr, x) < 0) {
			json_decref(arr);
			return NULL;
		}
	}
	if (!arr || !(doc = json_pack("{s:o}", "writes", arr)))
		return NULL;
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	return text;
}
