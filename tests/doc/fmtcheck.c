/* Reads dedi's YAML and CSV back with parsers that are not ours, and
 * compares them with the JSON document of the same listing:
 *   fmtcheck yaml FILE.yaml FILE.json   libyaml's reading equals the JSON
 *   fmtcheck csv FILE.csv FILE.json     RFC 4180 rows hold the records
 * Exit 0 when they agree, 1 with the first difference on stderr. */
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <yaml.h>

static int fail(const char *what, const char *why, const char *more)
{
	fprintf(stderr, "fmtcheck: %s: %s%s\n", what, why, more);
	return 1;
}

/* A plain scalar as the YAML 1.2 core schema resolves it. */
static json_t *plain(const char *s)
{
	regex_t ri, rf;
	json_t *v;
	if (!strcmp(s, "null") || !strcmp(s, "~") || !*s)
		return json_null();
	if (!strcmp(s, "true"))
		return json_true();
	if (!strcmp(s, "false"))
		return json_false();
	regcomp(&ri, "^[-+]?[0-9]+$", REG_EXTENDED | REG_NOSUB);
	regcomp(&rf, "^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$", REG_EXTENDED | REG_NOSUB);
	if (regexec(&ri, s, 0, NULL, 0) == 0)
		v = json_integer(strtoll(s, NULL, 10));
	else if (regexec(&rf, s, 0, NULL, 0) == 0)
		v = json_real(strtod(s, NULL));
	else
		v = json_string(s);
	regfree(&ri);
	regfree(&rf);
	return v;
}

static json_t *node(yaml_document_t *d, yaml_node_t *n)
{
	json_t *v;
	switch (n->type) {
	case YAML_SCALAR_NODE:
		if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
			return plain((const char *)n->data.scalar.value);
		return json_stringn((const char *)n->data.scalar.value, n->data.scalar.length);
	case YAML_SEQUENCE_NODE:
		v = json_array();
		for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top; i++)
			json_array_append_new(v, node(d, yaml_document_get_node(d, *i)));
		return v;
	case YAML_MAPPING_NODE:
		v = json_object();
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(d, p->key);
			json_object_set_new(v, (const char *)k->data.scalar.value,
					    node(d, yaml_document_get_node(d, p->value)));
		}
		return v;
	default:
		return json_null();
	}
}

static int check_yaml(const char *ypath, json_t *want)
{
	yaml_parser_t p;
	yaml_document_t d;
	FILE *f = fopen(ypath, "rb");
	json_t *got;
	char *a, *b;
	int rc;
	if (!f)
		return fail(ypath, "cannot open", "");
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, f);
	if (!yaml_parser_load(&p, &d) || !yaml_document_get_root_node(&d)) {
		fclose(f);
		return fail(ypath, "not YAML: ", p.problem ? p.problem : "empty");
	}
	got = node(&d, yaml_document_get_root_node(&d));
	rc = json_equal(got, want) ? 0 : 1;
	if (rc) {
		a = json_dumps(got, JSON_SORT_KEYS | JSON_COMPACT);
		b = json_dumps(want, JSON_SORT_KEYS | JSON_COMPACT);
		for (size_t i = 0; a[i] && a[i] == b[i]; i++)
			if (a[i + 1] != b[i + 1]) {
				fprintf(stderr, "fmtcheck: YAML and JSON differ at\n  %.80s\n  %.80s\n", a + i, b + i);
				break;
			}
		free(a);
		free(b);
	}
	json_decref(got);
	yaml_document_delete(&d);
	yaml_parser_delete(&p);
	fclose(f);
	return rc;
}

/* RFC 4180: records end with CRLF; a quoted field may hold commas, CRLF
 * and "" for a quote. Returns rows (arrays of strings) or NULL. */
static json_t *parse_csv(const char *t, size_t len)
{
	json_t *rows = json_array(), *row = json_array();
	char *cell = malloc(len + 1);
	size_t i = 0, n = 0;
	bool quoted = false, was_quoted = false;
	while (i < len) {
		char c = t[i];
		if (quoted) {
			if (c == '"' && i + 1 < len && t[i + 1] == '"')
				cell[n++] = '"', i += 2;
			else if (c == '"')
				quoted = false, i++;
			else
				cell[n++] = c, i++;
			continue;
		}
		if (c == '"' && n == 0 && !was_quoted) {
			quoted = was_quoted = true;
			i++;
		} else if (c == ',') {
			json_array_append_new(row, json_stringn(cell, n));
			n = 0, was_quoted = false, i++;
		} else if (c == '\r' && i + 1 < len && t[i + 1] == '\n') {
			json_array_append_new(row, json_stringn(cell, n));
			json_array_append_new(rows, row);
			row = json_array();
			n = 0, was_quoted = false, i += 2;
		} else if (c == '"' || c == '\r' || c == '\n') {
			free(cell);
			json_decref(row);
			json_decref(rows);
			return NULL; /* a bare quote or line end: not RFC 4180 */
		} else {
			cell[n++] = c, i++;
		}
	}
	free(cell);
	if (quoted || json_array_size(row) || n) {
		json_decref(row);
		json_decref(rows);
		return NULL; /* the last record has no CRLF */
	}
	json_decref(row);
	return rows;
}

static char *text_of(const json_t *v)
{
	if (json_is_string(v))
		return strdup(json_string_value(v));
	if (json_is_null(v))
		return strdup("");
	return json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
}

/* The rows against the JSON's records; rows stay the caller's. */
static int check_rows(const char *cpath, json_t *rows, json_t *want)
{
	json_t *head, *recs = NULL;
	const char *k;
	json_t *x;
	if (!json_array_size(rows))
		json_array_append_new(rows, json_array()); /* an empty list: no header either */
	head = json_array_get(rows, 0);
	/* the records: the only list of the document (the test picks such listings) */
	if (json_is_array(want))
		recs = want;
	else
		json_object_foreach(want, k, x) if (json_is_array(x)) recs = x;
	if (!recs)
		return fail("json", "the JSON has no list", "");
	if (json_array_size(rows) != json_array_size(recs) + 1)
		return fail(cpath, "the row count is not the record count + 1", "");
	for (size_t r = 0; r < json_array_size(recs); r++) {
		json_t *rec = json_array_get(recs, r), *row = json_array_get(rows, r + 1);
		if (json_array_size(row) != json_array_size(head))
			return fail(cpath, "a row has not as many fields as the header", "");
		json_object_foreach(rec, k, x) {
			size_t c;
			bool found = false;
			if (json_is_object(x) || (json_is_array(x) && json_array_size(x) &&
						  !json_is_string(json_array_get(x, 0))))
				continue;
			for (c = 0; c < json_array_size(head) && !found; c++)
				found = !strcmp(json_string_value(json_array_get(head, c)), k);
			if (!found)
				return fail(cpath, "no column for field ", k);
			char *want_s = NULL;
			if (json_is_array(x)) {
				size_t i, n = 0;
				json_t *e;
				want_s = calloc(1, 4096);
				json_array_foreach(x, i, e) n += (size_t)snprintf(want_s + n, 4096 - n, "%s%s",
									i ? ";" : "", json_string_value(e));
			} else
				want_s = text_of(x);
			const char *got = json_string_value(json_array_get(row, c - 1));
			if (strcmp(got, want_s)) {
				fprintf(stderr, "fmtcheck: row %zu, %s: CSV \"%s\", JSON \"%s\"\n", r + 1, k, got,
					want_s);
				free(want_s);
				return 1;
			}
			free(want_s);
		}
	}
	printf("%zu rows, %zu columns\n", json_array_size(rows) - 1, json_array_size(head));
	return 0;
}

static int check_csv(const char *cpath, json_t *want)
{
	FILE *f = fopen(cpath, "rb");
	static char buf[1 << 22];
	size_t len;
	json_t *rows;
	int rc;
	if (!f)
		return fail(cpath, "cannot open", "");
	len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (!(rows = parse_csv(buf, len)))
		return fail(cpath, "not RFC 4180 CSV (CRLF records, quoted fields)", "");
	rc = check_rows(cpath, rows, want);
	json_decref(rows);
	return rc;
}

int main(int argc, char **argv)
{
	json_error_t je;
	json_t *want;
	int rc;
	if (argc != 4 || (strcmp(argv[1], "yaml") && strcmp(argv[1], "csv"))) {
		fprintf(stderr, "usage: fmtcheck yaml|csv FILE FILE.json\n");
		return 2;
	}
	if (!(want = json_load_file(argv[3], 0, &je)))
		return fail(argv[3], "not JSON: ", je.text);
	rc = argv[1][0] == 'y' ? check_yaml(argv[2], want) : check_csv(argv[2], want);
	json_decref(want);
	return rc;
}
