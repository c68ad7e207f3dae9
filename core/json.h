/* Typed getters over jansson. A failed getter fills err with the path of
 * the value ("servers[3].offer.pricing.units: expected integer"). */
#ifndef DD_JSON_H
#define DD_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/error.h"

/* A cursor: a value plus the path that led to it. Paths are kept in a
 * small fixed buffer; deeper paths are truncated with "...". */
struct dd_jv {
	json_t *v;
	char path[160];
};

/* Most values one document may hold (a page of any list holds a few
 * thousand); past it the text is refused before jansson builds anything. */
#define DD_JSON_MAX_VALUES 250000

/* Wipes the whole block, then frees it: jansson's free for what it
 * allocates outside a parsed document's arena (core/json_arena.h). */
void dd_json_free_wiped(void *p);

/* Parses text; caller json_decref()s root.v. */
int dd_json_parse(const char *text, size_t len, struct dd_jv *root, struct dd_error *err);

/* Child lookups. A missing key with required=false yields v == NULL. */
int dd_json_obj(const struct dd_jv *parent, const char *key, bool required,
		struct dd_jv *out, struct dd_error *err);
int dd_json_at(const struct dd_jv *array, size_t i, struct dd_jv *out, struct dd_error *err);
/* Checks that jv is an array (or NULL when !required), returns its size. */
int dd_json_array_size(const struct dd_jv *jv, size_t *n, struct dd_error *err);

/* Scalar getters on parent[key]. When the key is absent or null and
 * required=false, *out keeps the default given in dflt. */
int dd_json_str(const struct dd_jv *parent, const char *key, bool required,
		const char **out, struct dd_error *err);
int dd_json_int(const struct dd_jv *parent, const char *key, bool required,
		int64_t *out, struct dd_error *err);
int dd_json_bool(const struct dd_jv *parent, const char *key, bool required,
		 bool *out, struct dd_error *err);
int dd_json_num(const struct dd_jv *parent, const char *key, bool required,
		double *out, struct dd_error *err);
/* Integer given either as a JSON integer or a decimal string (Online's
 * "rack" is either). */
int dd_json_int_or_str(const struct dd_jv *parent, const char *key, bool required,
		       char *buf, size_t buflen, struct dd_error *err);

/* An optional string at parent[key], sanitized (core/text) into buf; ""
 * when absent or null. */
int dd_json_text(const struct dd_jv *parent, const char *key, char *buf, size_t len,
		 struct dd_error *err);
/* A value that has the right type but a wrong content: "PATH.key: what"
 * as DD_E_DECODE. Returns -1. */
int dd_json_bad(const struct dd_jv *at, const char *key, const char *what, struct dd_error *err);
/* The array root[key] of a list answer, *n its size. A missing or null
 * array is an empty list when root's total_count is 0 or absent, and an
 * error when it is above 0. */
int dd_json_list(const struct dd_jv *root, const char *key, struct dd_jv *arr, size_t *n,
		 struct dd_error *err);
/* Opens a list answer, {"KEY": [...], "total_count": N}: *arr is the
 * array, *n its size, *total the count (-1 when absent). The caller
 * json_decref()s root->v, which is NULL on failure. */
int dd_json_open_list(const char *body, size_t len, const char *key, struct dd_jv *root,
		      struct dd_jv *arr, size_t *n, int64_t *total, struct dd_error *err);

/* Calls each(ud, item) on every item of a list answer (as
 * dd_json_open_list reads it); *page_n is the page's size. On failure
 * the caller rolls back what each() added. */
typedef int (*dd_json_item_fn)(void *ud, const struct dd_jv *item, struct dd_error *err);
int dd_json_each_item(const char *body, size_t len, const char *key, dd_json_item_fn each,
		      void *ud, size_t *page_n, int64_t *total, struct dd_error *err);

#endif
