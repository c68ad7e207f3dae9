#include "core/link_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/safefile.h"

static const char *pay_kind(enum dd_pay_kind k)
{
	return k == DD_PAY_SEPA ? "sepa" : k == DD_PAY_CARD ? "card" : "none";
}

static const char *pay_from(enum dd_pay_from f)
{
	return f == DD_PAY_FROM_DEDIBOX ? "dedibox" : f == DD_PAY_FROM_SCALEWAY ? "scaleway"
	       : f == DD_PAY_FROM_BOTH ? "both" : "none";
}

static const char *field_state(enum dd_link_field_state s)
{
	return s == DD_LF_SAME ? "same" : s == DD_LF_DIFFERENT ? "different"
	       : s == DD_LF_ONE_SIDE ? "one-side" : "not-in-api";
}

static const char *scw_pay_word(enum dd_link_scw_pay p)
{
	return p == DD_LINK_SCWPAY_SEPA ? "sepa" : p == DD_LINK_SCWPAY_CARD ? "card"
	       : p == DD_LINK_SCWPAY_NONE ? "none" : "undeclared";
}

/* json_object_set_new that remembers a failure. */
static void put(json_t *o, const char *k, json_t *v, bool *bad)
{
	if (!o || !v || json_object_set_new(o, k, v) < 0)
		*bad = true;
}

static json_t *build(const struct dd_link_facts *f, const struct dd_link_report *r)
{
	json_t *root = json_object(), *rules = json_array(), *failing = json_array();
	json_t *unknown = json_array(), *pay = json_object(), *fields = json_array();
	json_t *servers = json_object(), *decl = json_object();
	bool bad = !rules || !failing || !unknown || !pay || !fields || !servers || !decl;

	put(root, "status", json_string(dd_link_status_word(r->status)), &bad);
	put(root, "status_evidence", json_string(r->status_evidence), &bad);
	put(servers, "common", json_integer((json_int_t)r->servers_common), &bad);
	put(servers, "total", json_integer((json_int_t)r->servers_total), &bad);
	put(servers, "scaleway", json_integer((json_int_t)f->n_scw_servers), &bad);
	put(servers, "dedibox", json_integer((json_int_t)f->n_online_servers), &bad);
	put(root, "servers", servers, &bad);
	put(root, "eligible", json_boolean(r->eligible), &bad);
	put(root, "exit_code", json_integer(dd_link_exit_code(r)), &bad);
	for (int i = 0; i < DD_LR_COUNT; i++) {
		const struct dd_link_line *l = &r->lines[i];
		const char *w = dd_link_rule_word(l->rule);
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:b}", "rule", w,
				      "verdict", dd_link_verdict_word(l->v), "text", dd_link_rule_text(l->rule),
				      "evidence", l->evidence, "declared", l->declared);
		if (!o || json_array_append_new(rules, o) < 0)
			bad = true;
		if (l->v == DD_LINK_FAIL && json_array_append_new(failing, json_string(w)) < 0)
			bad = true;
		if (l->v == DD_LINK_UNKNOWN && json_array_append_new(unknown, json_string(w)) < 0)
			bad = true;
	}
	put(root, "rules", rules, &bad);
	put(root, "failing", failing, &bad);
	put(root, "unknown", unknown, &bad);
	put(pay, "dedibox_method", json_string(r->dedibox_method), &bad);
	put(pay, "scaleway_declared", json_string(scw_pay_word(f->scw_pay)), &bad);
	put(pay, "decided", json_boolean(r->pay_decided), &bad);
	put(pay, "default", r->pay_decided ? json_string(pay_kind(r->pay.kind)) : json_null(), &bad);
	put(pay, "from", r->pay_decided ? json_string(pay_from(r->pay.from)) : json_null(), &bad);
	put(pay, "rule", r->pay_decided && r->pay.why ? json_string(r->pay.why) : json_null(), &bad);
	put(pay, "evidence", json_string(r->pay_evidence), &bad);
	put(root, "payment", pay, &bad);
	put(root, "discount", json_string(r->discount), &bad);
	for (int i = 0; i < DD_LF_COUNT; i++) {
		const struct dd_link_field *x = &r->fields[i];
		json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "field", x->name ? x->name : "",
				      "state", field_state(x->state), "dedibox", x->dedibox,
				      "scaleway", x->scaleway);
		if (!o || json_array_append_new(fields, o) < 0)
			bad = true;
	}
	put(root, "data", fields, &bad);
	put(root, "data_note", json_string(r->data_note ? r->data_note : ""), &bad);
	put(decl, "dedibox_country", f->declared_dedibox_country[0]
				     ? json_string(f->declared_dedibox_country) : json_null(), &bad);
	put(decl, "scaleway_country", f->declared_scaleway_country[0]
				      ? json_string(f->declared_scaleway_country) : json_null(), &bad);
	put(decl, "scaleway_payment", json_string(scw_pay_word(f->scw_pay)), &bad);
	put(root, "declared", decl, &bad);
	if (bad) {
		json_decref(root);
		return NULL;
	}
	return root;
}

char *dd_link_report_json(const struct dd_link_facts *f, const struct dd_link_report *r,
			  struct dd_error *err)
{
	json_t *root = build(f, r);
	char *s = root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	char *out = NULL;

	json_decref(root);
	if (s && (out = malloc(strlen(s) + 2)))
		sprintf(out, "%s\n", s);
	free(s);
	if (!out)
		dd_error_oom(err);
	return out;
}

/* A table cell: no pipe or newline may break the row. */
static void cell(FILE *o, const char *s)
{
	for (; s && *s; s++)
		fputs(*s == '|' ? "\\|" : *s == '\n' ? " " : (char[]){ *s, 0 }, o);
}

char *dd_link_report_markdown(const struct dd_link_facts *f, const struct dd_link_report *r,
			      struct dd_error *err)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *o = open_memstream(&buf, &len);

	if (!o) {
		dd_error_oom(err);
		return NULL;
	}
	fprintf(o, "# Dedibox and Scaleway account linking\n\n");
	fprintf(o, "## Status: %s\n\n", dd_link_status_word(r->status));
	cell(o, r->status_evidence);
	fprintf(o, "\n\n## Eligibility: %s\n\n| rule | verdict | evidence |\n|---|---|---|\n",
		r->eligible ? "eligible" : "not eligible or not decided");
	for (int i = 0; i < DD_LR_COUNT; i++) {
		const struct dd_link_line *l = &r->lines[i];
		fprintf(o, "| %s | %s%s | ", dd_link_rule_word(l->rule), dd_link_verdict_word(l->v),
			l->declared ? " (declared)" : "");
		cell(o, l->evidence);
		fputs(" |\n", o);
	}
	fprintf(o, "\n## Payment method\n\n");
	cell(o, r->pay_evidence);
	fprintf(o, "\n\n## Data\n\n| field | Dedibox | Scaleway | |\n|---|---|---|---|\n");
	for (int i = 0; i < DD_LF_COUNT; i++) {
		const struct dd_link_field *x = &r->fields[i];
		fprintf(o, "| %s | ", x->name ? x->name : "");
		cell(o, x->dedibox);
		fputs(" | ", o);
		cell(o, x->scaleway);
		fprintf(o, " | %s |\n", field_state(x->state));
	}
	fprintf(o, "\n%s\n\n## Discount\n\n", r->data_note ? r->data_note : "");
	cell(o, r->discount);
	fprintf(o, "\n\nExit code of `dedi link check`: %d\n", dd_link_exit_code(r));
	(void)f;
	if (fclose(o) != 0) {
		free(buf);
		dd_error_oom(err);
		return NULL;
	}
	return buf;
}

int dd_link_report_write(const char *path, const struct dd_link_facts *f,
			 const struct dd_link_report *r, bool overwrite, struct dd_error *err)
{
	size_t n = strlen(path);
	bool md = n > 3 && strcmp(path + n - 3, ".md") == 0;
	char *doc = md ? dd_link_report_markdown(f, r, err) : dd_link_report_json(f, r, err);
	int rc;

	if (!doc)
		return -1;
	rc = dd_safefile_create(path, doc, strlen(doc), overwrite, err);
	free(doc);
	return rc;
}
