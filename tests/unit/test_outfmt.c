/* core/outfmt: the YAML and CSV writers on documents made to trip them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/outfmt.h"

static char *yaml(const char *doc)
{
	struct dd_error err;
	char *s = dd_outfmt_yaml(doc, &err);
	assert_non_null(s);
	return s;
}

static void assert_has(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("expected %s in:\n%s", want, text);
}

/* Strings a reader would take for a number, a boolean, null, a mapping or
 * a comment are double-quoted; plain words stay plain. */
static void yaml_quotes_what_needs_it(void **state)
{
	(void)state;
	char *s = yaml("{\"a\":\"yes\",\"b\":\"1.0\",\"c\":\"a: b\",\"d\":\"x #y\",\"e\":\"\","
		       "\"f\":\"-x\",\"g\":\"web-1\",\"h\":\"null\",\"i\":\"62.210.0.1\","
		       "\"j\":\"say \\\"hi\\\"\",\"k\":\"ends:\",\"l\":\"No\",\"m\":\"a#b\"}");
	assert_has(s, "a: \"yes\"\n");
	assert_has(s, "b: \"1.0\"\n");
	assert_has(s, "c: \"a: b\"\n");
	assert_has(s, "d: \"x #y\"\n");
	assert_has(s, "e: \"\"\n");
	assert_has(s, "f: \"-x\"\n");
	assert_has(s, "g: web-1\n");
	assert_has(s, "h: \"null\"\n");
	assert_has(s, "i: \"62.210.0.1\"\n");
	assert_has(s, "j: say \"hi\"\n"); /* a quote after the first character is text */
	assert_has(s, "k: \"ends:\"\n");
	assert_has(s, "l: \"No\"\n");
	assert_has(s, "m: a#b\n");
	free(s);
}

static void yaml_escapes_controls_and_keeps_types(void **state)
{
	(void)state;
	char *s = yaml("{\"s\":\"\\u001b[2Jx\\nline\",\"c1\":\"a\\u0085b\",\"ls\":\"a\\u2028b\","
		       "\"n\":null,\"t\":true,\"i\":-42,\"r\":1.5,\"e\":[],\"o\":{},"
		       "\"l\":[{\"id\":1,\"tags\":[\"a\",\"b\"]},[1,2]],\"u\":\"caf\\u00e9\"}");
	assert_has(s, "s: \"\\x1b[2Jx\\nline\"\n");
	assert_has(s, "c1: \"a\\x85b\"\n");
	assert_has(s, "ls: \"a\\u2028b\"\n");
	/* "n" is a YAML 1.1 boolean: quoted even as a key */
	assert_has(s, "\"n\": null\nt: true\ni: -42\nr: 1.5\ne: []\no: {}\n");
	assert_has(s, "l:\n  - id: 1\n    tags:\n      - a\n      - b\n  -\n    - 1\n    - 2\n");
	assert_has(s, "u: \"caf\xc3\xa9\"\n");
	assert_true(strncmp(s, "---\n", 4) == 0);
	free(s);
}

static void csv_quotes_as_rfc4180(void **state)
{
	(void)state;
	struct dd_error err;
	char *s = dd_outfmt_csv("{\"version\":1,\"servers\":[{\"id\":1,\"name\":\"a,b\",\"note\":\"say \\\"hi\\\"\","
				"\"m\":\"two\\nlines\",\"tags\":[\"x\",\"y\"],\"price\":{\"units\":3,\"nanos\":5},"
				"\"gone\":null,\"esc\":\"\\u001b[31mred\"},"
				"{\"id\":2,\"name\":\"b\",\"extra\":true}]}", &err);
	assert_non_null(s);
	assert_string_equal(s, "id,name,note,m,tags,price.units,price.nanos,gone,esc,extra\r\n"
			       "1,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",x;y,3,5,,\xef\xbf\xbd[31mred,\r\n"
			       "2,b,,,,,,,,true\r\n");
	free(s);
}

static void csv_several_lists_and_refusals(void **state)
{
	(void)state;
	struct dd_error err;
	char *s = dd_outfmt_csv("{\"a\":[{\"x\":1}],\"b\":[{\"y\":2}],\"n\":3}", &err);
	assert_non_null(s);
	assert_string_equal(s, "list,x,y\r\na,1,\r\nb,,2\r\n");
	free(s);
	assert_null(dd_outfmt_csv("{\"id\":1,\"hostname\":\"a\"}", &err));
	assert_int_equal(err.kind, DD_E_USAGE);
	assert_null(dd_outfmt_csv("not json", &err));
	s = dd_outfmt_csv("{\"writes\":[]}", &err);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void format_names(void **state)
{
	(void)state;
	enum dd_outfmt f;
	assert_int_equal(dd_outfmt_parse("yaml", &f), 0);
	assert_int_equal(f, DD_OUT_YAML);
	assert_int_equal(dd_outfmt_parse("csv", &f), 0);
	assert_int_equal(f, DD_OUT_CSV);
	assert_int_equal(dd_outfmt_parse("YAML", &f), -1);
	assert_int_equal(dd_outfmt_parse("xml", &f), -1);
	assert_string_equal(dd_outfmt_name(DD_OUT_TABLE), "table");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(yaml_quotes_what_needs_it),
		cmocka_unit_test(yaml_escapes_controls_and_keeps_types),
		cmocka_unit_test(csv_quotes_as_rfc4180),
		cmocka_unit_test(csv_several_lists_and_refusals),
		cmocka_unit_test(format_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
