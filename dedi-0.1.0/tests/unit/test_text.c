/* core/text.c: the sanitizer, width and fit. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/text.h"
#include "tests/fuzz/text_check.h"

#define FFFD "\xEF\xBF\xBD"
#define ELLIPSIS "\xE2\x80\xA6"

/* Cleans len bytes of in and compares with want; also checks the
 * invariants (validity, idempotence, cuts, fit) on the same input. */
static void check_len(const char *in, size_t len, const char *want)
{
	char *got = dd_text_clean(in, len);
	char why[256];

	assert_non_null(got);
	if (strcmp(got, want) != 0)
		print_error("input of %zu bytes\n got: %s\nwant: %s\n", len, got,
			    want);
	assert_string_equal(got, want);
	free(got);
	if (!dd_test_text_invariants((const unsigned char *)in, len, why,
				     sizeof(why)))
		fail_msg("invariant broken: %s", why);
}

#define check(in, want) check_len((in), sizeof(in) - 1, (want))

static void test_plain(void **state)
{
	(void)state;
	check("sd-12345.dedibox.fr", "sd-12345.dedibox.fr");
	check("", "");
	check(" ~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./", " ~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./");
	check("caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80",
	      "caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80");
	/* U+FFFD itself and a private-use character are ordinary text. */
	check(FFFD "\xEE\x80\x80", FFFD "\xEE\x80\x80");
}

static void test_null(void **state)
{
	char *s = dd_text_clean(NULL, 42);
	char buf[8] = "xxxxxxx";

	(void)state;
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	assert_int_equal(dd_text_clean_buf(NULL, 5, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	assert_int_equal(dd_text_width(NULL), 0);
	assert_int_equal(dd_text_fit(NULL, 10), 0);
}

static void test_escape_sequences(void **state)
{
	(void)state;
	check("srv\x1B[2Jowned", "srv\\u{1B}[2Jowned");
	/* OSC 8 hyperlink */
	check("\x1B]8;;http://evil.example/\x1B\\click\x1B]8;;\x1B\\",
	      "\\u{1B}]8;;http://evil.example/\\u{1B}\\click\\u{1B}]8;;\\u{1B}\\");
	/* OSC 0 title, BEL-terminated */
	check("\x1B]0;pwned\x07host", "\\u{1B}]0;pwned\\u{07}host");
	/* CSI cursor moves */
	check("a\x1B[10;20Hb\x1B[3A", "a\\u{1B}[10;20Hb\\u{1B}[3A");
	/* C1 CSI: as a raw byte it is not UTF-8; encoded it is a control. */
	check("x\x9B" "2Jy", "x" FFFD "2Jy");
	check("x\xC2\x9B" "2Jy", "x\\u{9B}2Jy");
	check("\xC2\x80\xC2\x85\xC2\x9F", "\\u{80}\\u{85}\\u{9F}");
}

static void test_c0(void **state)
{
	(void)state;
	check("sd-1\rsd-2", "sd-1\\u{0D}sd-2");
	check("good\x08\x08\x08\x08" "evil", "good\\u{08}\\u{08}\\u{08}\\u{08}evil");
	check("a\x07" "b", "a\\u{07}b");
	check("a\tb\nc\x0B" "d\x0C" "e", "a\\u{09}b\\u{0A}c\\u{0B}d\\u{0C}e");
	check("abc\x7F" "def", "abc\\u{7F}def");
	check("abc\0def\0", "abc\\u{00}def\\u{00}");
	check("\x01\x1F", "\\u{01}\\u{1F}");
}

static void test_bidi(void **state)
{
	(void)state;
	check("host-\xE2\x80\xAEgnp.exe", "host-\\u{202E}gnp.exe");
	check("\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD",
	      "\\u{202A}\\u{202B}\\u{202C}\\u{202D}");
	check("\xE2\x81\xA6" "a\xE2\x81\xA7" "b\xE2\x81\xA8" "c\xE2\x81\xA9",
	      "\\u{2066}a\\u{2067}b\\u{2068}c\\u{2069}");
	check("\xE2\x80\x8E\xE2\x80\x8F\xD8\x9C", "\\u{200E}\\u{200F}\\u{61C}");
}

static void test_invisible(void **state)
{
	(void)state;
	check("ex\xE2\x80\x8B" "am\xE2\x80\x8Cp\xE2\x80\x8Dle",
	      "ex\\u{200B}am\\u{200C}p\\u{200D}le");
	check("\xEF\xBB\xBFserver", "\\u{FEFF}server");
	check("ex\xC2\xAD" "ample", "ex\\u{AD}ample");
	check("a\xCD\x8F" "b", "a\\u{34F}b");
	check("\xE1\x85\x9F\xE1\x85\xA0\xE3\x85\xA4\xEF\xBE\xA0",
	      "\\u{115F}\\u{1160}\\u{3164}\\u{FFA0}");
	check("\xE1\x9E\xB4\xE1\x9E\xB5", "\\u{17B4}\\u{17B5}");
	check("\xE1\xA0\x8B\xE1\xA0\x8E\xE1\xA0\x8F", "\\u{180B}\\u{180E}\\u{180F}");
	check("\xE2\x81\xA0\xE2\x81\xA4\xE2\x81\xAA\xE2\x81\xAF",
	      "\\u{2060}\\u{2064}\\u{206A}\\u{206F}");
	check("\xEF\xBF\xB9\xEF\xBF\xBB", "\\u{FFF9}\\u{FFFB}");
	/* variation selectors, both blocks */
	check("\xE2\x9D\xA4\xEF\xB8\x8F", "\xE2\x9D\xA4\\u{FE0F}");
	check("x\xF3\xA0\x84\x80", "x\\u{E0100}");
	/* tag characters spell hidden text */
	check("flag\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xBF",
	      "flag\\u{E0067}\\u{E0062}\\u{E007F}");
	check("\xF3\xA0\x80\x81", "\\u{E0001}");
	/* spaces that look like U+0020 and line separators */
	check("a\xC2\xA0" "b\xE2\x80\x83" "c\xE3\x80\x80" "d",
	      "a\\u{A0}b\\u{2003}c\\u{3000}d");
	check("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c", "a\\u{2028}b\\u{2029}c");
}

static void test_noncharacters(void **state)
{
	(void)state;
	check("\xEF\xB7\x90\xEF\xB7\xAF", "\\u{FDD0}\\u{FDEF}");
	check("\xEF\xBF\xBE\xEF\xBF\xBF", "\\u{FFFE}\\u{FFFF}");
	check("\xF0\x9F\xBF\xBF\xF4\x8F\xBF\xBF", "\\u{1FFFF}\\u{10FFFF}");
	/* unassigned in the built-in Unicode version */
	check("\xCD\xB8", "\\u{378}");
	check("\xF3\xA0\x82\x80", "\\u{E0080}");
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	/* overlong '/' in two, three and four bytes */
	check("a\xC0\xAF" "b", "a" FFFD FFFD "b");
	check("a\xE0\x80\xAF" "b", "a" FFFD FFFD FFFD "b");
	check("a\xF0\x80\x80\xAF" "b", "a" FFFD FFFD FFFD FFFD "b");
	check("\xC1\xBF", FFFD FFFD);
	/* encoded surrogates */
	check("a\xED\xA0\x80" "b", "a" FFFD FFFD FFFD "b");
	check("\xED\xBF\xBF", FFFD FFFD FFFD);
	/* lone continuation bytes */
	check("\x80\xBF" "abc\xBF", FFFD FFFD "abc" FFFD);
	/* truncated sequences: one U+FFFD per maximal subpart */
	check("abc\xE2\x82", "abc" FFFD);
	check("abc\xF0\x9F\x98", "abc" FFFD);
	check("\xE2\x82" "x", FFFD "x");
	check("\xC3", FFFD);
	/* bytes that never occur, and past U+10FFFF */
	check("\xFE\xFF" "ab\xFF", FFFD FFFD "ab" FFFD);
	check("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD);
	check("\xF5\x80", FFFD FFFD);
	check("\xF8\x88\x80\x80\x80", FFFD FFFD FFFD FFFD FFFD);
}

static void test_cap(void **state)
{
	char in[10240], want[DD_TEXT_MAX];
	char *got;

	(void)state;
	memset(in, 'A', sizeof(in));
	memset(want, 'A', DD_TEXT_MAX - 4);
	memcpy(want + DD_TEXT_MAX - 4, ELLIPSIS, 4);
	check_len(in, sizeof(in), want);

	/* exactly at the limit: kept whole, no ellipsis */
	got = dd_text_clean(in, DD_TEXT_MAX - 1);
	assert_int_equal(strlen(got), DD_TEXT_MAX - 1);
	assert_int_equal(strstr(got, ELLIPSIS) == NULL, 1);
	free(got);
	check_len(in, DD_TEXT_MAX, want);
}

static void test_cap_boundaries(void **state)
{
	char in[6000];
	char *got;
	size_t n;

	(void)state;
	/* three-byte characters: 169 fit with the ellipsis */
	for (size_t i = 0; i + 3 <= sizeof(in); i += 3)
		memcpy(in + i, "\xE4\xB8\xAD", 3);
	got = dd_text_clean(in, sizeof(in));
	n = strlen(got);
	assert_int_equal(n, 169 * 3 + 3);
	assert_memory_equal(got + n - 3, ELLIPSIS, 3);
	free(got);

	/* escapes are never split: 84 "\u{1B}" fit with the ellipsis */
	memset(in, 0x1B, sizeof(in));
	got = dd_text_clean(in, sizeof(in));
	n = strlen(got);
	assert_int_equal(n, 84 * 6 + 3);
	assert_memory_equal(got + n - 9, "\\u{1B}" ELLIPSIS, 9);
	free(got);
}

static void test_buf(void **state)
{
	char buf[16];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(dd_text_clean_buf("abc", 3, buf, 0), 0);
	assert_int_equal(buf[0], 'x');
	assert_int_equal(dd_text_clean_buf("abc", 3, buf, 1), 0);
	assert_string_equal(buf, "");
	assert_int_equal(dd_text_clean_buf("abc", 3, buf, 4), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(dd_text_clean_buf("abcdef", 6, buf, 4), 3);
	assert_string_equal(buf, ELLIPSIS);
	assert_int_equal(dd_text_clean_buf("abcdef", 6, buf, 5), 4);
	assert_string_equal(buf, "a" ELLIPSIS);
	/* too small for the ellipsis: a plain cut on a boundary */
	assert_int_equal(dd_text_clean_buf("\xC3\xA9\xC3\xA9", 4, buf, 3), 2);
	assert_string_equal(buf, "\xC3\xA9");
	assert_int_equal(dd_text_clean_buf("a\x1B", 2, buf, 3), 1);
	assert_string_equal(buf, "a");
	/* an escape that does not fit goes whole */
	assert_int_equal(dd_text_clean_buf("ab\x1B", 3, buf, 8), 5);
	assert_string_equal(buf, "ab" ELLIPSIS);
}

static void test_combining(void **state)
{
	char in[1 + 200 * 2], want[DD_TEXT_MAX];
	char *got;

	(void)state;
	/* two marks stay (Vietnamese), the third on is escaped */
	check("e\xCC\x81", "e\xCC\x81");
	check("a\xCC\x82\xCC\x83", "a\xCC\x82\xCC\x83");
	check("Z\xCC\x81\xCC\x82\xCC\x83\xCC\x84" "b",
	      "Z\xCC\x81\xCC\x82\\u{303}\\u{304}b");
	/* a mark with nothing before it would stack on the screen's left */
	check("\xCC\x81" "a", "\\u{301}a");
	/* after an escape or a U+FFFD the run starts again */
	check("\x1B\xCC\x81", "\\u{1B}\xCC\x81");
	in[0] = 'Z';
	for (size_t i = 0; i < 200; i++)
		memcpy(in + 1 + 2 * i, "\xCC\x81", 2);
	got = dd_text_clean(in, sizeof(in));
	assert_memory_equal(got, "Z\xCC\x81\xCC\x81\\u{301}\\u{301}", 14);
	assert_int_equal(dd_text_width(got) > 3, 1);
	free(got);
	/* Z, two marks, then escapes until the cap: 5 + 7 * 71 + 3 bytes */
	memcpy(want, "Z\xCC\x81\xCC\x81", 5);
	for (size_t i = 0; i < 71; i++)
		memcpy(want + 5 + 7 * i, "\\u{301}", 7);
	memcpy(want + 5 + 7 * 71, ELLIPSIS, 4);
	check_len(in, sizeof(in), want);
}

/* Two names that differ only by invisible characters must differ on
 * screen, and so must a name and its escaped look-alike width. */
static void test_lookalikes(void **state)
{
	static const char *const pairs[][2] = {
		{ "example", "exa\xE2\x80\x8Bmple" },
		{ "paypal", "paypa\xC2\xAD" "l" },
		{ "web-1", "web-1\xEF\xBB\xBF" },
		{ "db 2", "db\xC2\xA0" "2" },
		{ "srv", "\xE2\x81\xA6srv\xE2\x81\xA9" },
		{ "abc", "a\xE2\x80\x8D" "bc" },
		{ "x", "x\xF3\xA0\x80\xA0" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		char *a = dd_text_clean(pairs[i][0], strlen(pairs[i][0]));
		char *b = dd_text_clean(pairs[i][1], strlen(pairs[i][1]));

		assert_string_not_equal(a, b);
		/* the difference takes room on screen: it cannot hide */
		assert_int_not_equal(dd_text_width(a), dd_text_width(b));
		free(a);
		free(b);
	}
}

static void test_idempotent_samples(void **state)
{
	static const char *const samples[] = {
		"\x1B[2J", "\xE2\x80\xAE", "\xC0\xAF", "a\xCC\x81\xCC\x81\xCC\x81",
		"\\u{1B}", "\xF0\x9F\x98\x80\xEF\xB8\x8F", "\xED\xA0\x80",
		"\xCC\x81", "\xE2\x80\xA6",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		char *once = dd_text_clean(samples[i], strlen(samples[i]));
		char *twice = dd_text_clean(once, strlen(once));

		assert_string_equal(once, twice);
		free(once);
		free(twice);
	}
	/* a backslash sequence in the input is text, left alone */
	check("\\u{1B}[2J", "\\u{1B}[2J");
}

/* A fixed-seed generator: the same 100,000 strings on every run. */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

static size_t put_utf8(unsigned char *p, uint32_t cp)
{
	if (cp < 0x80) {
		p[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		p[0] = (unsigned char)(0xC0 | cp >> 6);
		p[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		p[0] = (unsigned char)(0xE0 | cp >> 12);
		p[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		p[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	p[0] = (unsigned char)(0xF0 | cp >> 18);
	p[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	p[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	p[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Half raw bytes, half code points drawn near the edges that matter
 * (controls, bidi, marks, wide, tags, surrogates, noncharacters). */
static size_t random_input(unsigned char *buf, size_t cap)
{
	static const uint32_t hot[] = {
		0x00, 0x1B, 0x7F, 0x80, 0x9B, 0xA0, 0xAD, 0x300, 0x34F, 0x61C,
		0x1100, 0x115F, 0x1160, 0x200B, 0x200D, 0x202E, 0x2066, 0x3000,
		0x4E00, 0xD800, 0xDFFF, 0xFDD0, 0xFE0F, 0xFEFF, 0xFFFD, 0xFFFE,
		0x1F600, 0x1FFFF, 0xE0001, 0xE0041, 0xE0100, 0x10FFFF,
	};
	size_t len = rnd() % 5 == 0 ? rnd() % 1200 : rnd() % 48, n = 0;
	bool raw = rnd() & 1;

	while (n + 4 <= cap && n < len) {
		if (raw) {
			buf[n++] = (unsigned char)rnd();
		} else {
			uint32_t cp, r = rnd() % 8;

			if (r < 3)
				cp = 0x20 + rnd() % 0x5F;
			else if (r < 6)
				cp = hot[rnd() % (sizeof(hot) / sizeof(hot[0]))] +
				     rnd() % 3;
			else
				cp = rnd() % 0x110000;
			n += put_utf8(buf + n, cp);
		}
	}
	return n;
}

static void test_random(void **state)
{
	unsigned char buf[1300];
	char why[256];

	(void)state;
	for (int i = 0; i < 100000; i++) {
		size_t len = random_input(buf, sizeof(buf));

		if (!dd_test_text_invariants(buf, len, why, sizeof(why))) {
			print_error("string %d (%zu bytes):", i, len);
			for (size_t j = 0; j < len; j++)
				print_error(" %02X", buf[j]);
			fail_msg("\n%s", why);
		}
	}
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(dd_text_width(""), 0);
	assert_int_equal(dd_text_width("sd-12345"), 8);
	assert_int_equal(dd_text_width("\xE4\xB8\xAD\xE6\x96\x87"), 4);
	assert_int_equal(dd_text_width("\xED\x95\x9C"), 2);            /* 한 */
	assert_int_equal(dd_text_width("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"), 2);
	assert_int_equal(dd_text_width("\xEF\xBC\xA1"), 2);            /* Ａ */
	assert_int_equal(dd_text_width("\xEF\xBD\xB1"), 1);            /* ｱ */
	assert_int_equal(dd_text_width("e\xCC\x81"), 1);
	assert_int_equal(dd_text_width("a\xCC\x82\xCC\x83"), 1);
	assert_int_equal(dd_text_width("\xF0\x9F\x98\x80"), 2);        /* 😀 */
	assert_int_equal(dd_text_width("\xF0\x9F\x9A\x80x"), 3);       /* 🚀 */
	assert_int_equal(dd_text_width("\xE2\x9D\xA4"), 1);            /* ❤ text */
	assert_int_equal(dd_text_width("\xF0\xA0\x80\x80"), 2);        /* U+20000 */
	assert_int_equal(dd_text_width("\xC3\xA9t\xC3\xA9"), 3);
	assert_int_equal(dd_text_width(FFFD), 1);
	assert_int_equal(dd_text_width(ELLIPSIS), 1);
	assert_int_equal(dd_text_width("\\u{202E}"), 8);
}

static void test_fit(void **state)
{
	(void)state;
	assert_int_equal(dd_text_fit("abcdefgh", 5), 5);
	assert_int_equal(dd_text_fit("abc", 10), 3);
	assert_int_equal(dd_text_fit("abc", 0), 0);
	/* a wide character never half fits */
	assert_int_equal(dd_text_fit("\xE4\xB8\xAD\xE6\x96\x87", 3), 3);
	assert_int_equal(dd_text_fit("\xE4\xB8\xAD\xE6\x96\x87", 1), 0);
	assert_int_equal(dd_text_fit("\xE4\xB8\xAD\xE6\x96\x87", 4), 6);
	assert_int_equal(dd_text_fit("a\xF0\x9F\x98\x80", 2), 1);
	assert_int_equal(dd_text_fit("a\xF0\x9F\x98\x80", 3), 5);
	/* marks go with the character they sit on */
	assert_int_equal(dd_text_fit("e\xCC\x81x", 1), 3);
	assert_int_equal(dd_text_fit("e\xCC\x81\xCC\x82x", 1), 5);
	assert_int_equal(dd_text_fit("e\xCC\x81x", 0), 0);
	assert_int_equal(dd_text_fit("\xC3\xA9\xC3\xA9", 1), 2);
}

/* Nothing may change with the process locale. */
static void test_locale(void **state)
{
	static const char in[] = "\xE4\xB8\xAD\x1B\xCC\x81\xE2\x80\xAE\xF0\x9F\x98\x80";
	char *c, *u;
	size_t wc, wu;

	(void)state;
	setlocale(LC_ALL, "C");
	c = dd_text_clean(in, sizeof(in) - 1);
	wc = dd_text_width(c);
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		free(c);
		skip();
	}
	u = dd_text_clean(in, sizeof(in) - 1);
	wu = dd_text_width(u);
	setlocale(LC_ALL, "C");
	assert_string_equal(c, u);
	assert_int_equal(wc, wu);
	assert_int_equal(wc, 2 + 6 + 8 + 2);
	free(c);
	free(u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_null),
		cmocka_unit_test(test_escape_sequences),
		cmocka_unit_test(test_c0),
		cmocka_unit_test(test_bidi),
		cmocka_unit_test(test_invisible),
		cmocka_unit_test(test_noncharacters),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_cap_boundaries),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_combining),
		cmocka_unit_test(test_lookalikes),
		cmocka_unit_test(test_idempotent_samples),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_locale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
