/* Every string reaches the screen through here. The model's strings are
 * already sanitized; this is a second fence: only printable characters are
 * ever handed to curses, so nothing can move the cursor or recolour. */
#include <ctype.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>

#include "tui/draw.h"

static bool g_utf8 = true;

void dd_draw_set_utf8(bool utf8)
{
	g_utf8 = utf8;
}

bool dd_draw_utf8(void)
{
	return g_utf8;
}

/* Decodes one character; returns its byte length (>= 1) and sets *cp to
 * U+FFFD on a malformed sequence. */
static size_t decode(const unsigned char *s, wchar_t *cp)
{
	unsigned c = s[0];
	size_t n;
	unsigned v;
	if (c < 0x80) {
		*cp = (wchar_t)c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		v = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		v = c & 0x07;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return i;
		}
		v = (v << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10ffff)) ||
	    (v >= 0xd800 && v <= 0xdfff)) {
		*cp = 0xfffd;
		return n;
	}
	*cp = (wchar_t)v;
	return n;
}

/* What is drawn for a character, and its width. */
static int shown(wchar_t *c)
{
	if (!g_utf8) {
		if (*c < 0x20 || *c >= 0x7f)
			*c = '?';
		return 1;
	}
	if (*c < 0x20 || (*c >= 0x7f && *c < 0xa0)) {
		*c = 0xfffd;
		return 1;
	}
	int w = wcwidth(*c);
	if (w < 0 || (w == 0 && !(*c >= 0x300 && *c <= 0x36f))) {
		*c = 0xfffd;
		return 1;
	}
	return w;
}

/* Draws bytes [s, s+len) from the cursor; stops before exceeding w
 * columns; returns columns used. */
static int put(const char *s, size_t len, int w, unsigned long attr)
{
	wchar_t buf[256];
	int n = 0, used = 0;
	size_t i = 0;
	attrset((attr_t)attr);
	while (i < len && s[i]) {
		wchar_t c;
		size_t k = decode((const unsigned char *)s + i, &c);
		int cw = shown(&c);
		if (used + cw > w)
			break;
		i += k;
		used += cw;
		buf[n++] = c;
		if (n == (int)(sizeof(buf) / sizeof(buf[0]))) {
			addnwstr(buf, n);
			n = 0;
		}
	}
	if (n)
		addnwstr(buf, n);
	return used;
}

/* Every cut says so: a text wider than its room ends in "…" (ASCII "~"),
 * so "62-210-0-5.rev.poneytelecom." never passes for a whole name. */
int dd_draw_text(int y, int x, int w, const char *s, unsigned long attr)
{
	if (w <= 0 || !s)
		return 0;
	move(y, x);
	if (w < 2 || dd_draw_width(s) <= w)
		return put(s, strlen(s), w, attr);
	int used = put(s, strlen(s), w - 1, attr);
	move(y, x + used);
	attrset((attr_t)attr);
	addstr(dd_draw_utf8() ? "…" : "~");
	return used + 1;
}

void dd_draw_blank(int y, int x, int w, unsigned long attr)
{
	if (w <= 0)
		return;
	attrset((attr_t)attr);
	mvhline(y, x, ' ', w);
}

/* A cut value says so: its last cell becomes "…" (ASCII "~"), so a
 * shortened hostname never passes for a whole one. */
static int cut_mark(int y, int x, int w, const char *s, unsigned long attr)
{
	if (w < 2 || dd_draw_width(s) <= w)
		return w;
	dd_draw_blank(y, x + w - 1, 1, attr);
	move(y, x + w - 1);
	attrset((attr_t)attr);
	addstr(dd_draw_utf8() ? "…" : "~");
	return w - 1;
}

void dd_draw_field(int y, int x, int w, const char *s, unsigned long attr)
{
	if (!s)
		s = "";
	int used = dd_draw_text(y, x, w, s, attr);
	dd_draw_blank(y, x + used, w - used, attr);
}

long dd_draw_find(const char *hay, const char *needle)
{
	size_t nl = strlen(needle);
	if (!nl)
		return -1;
	for (const char *p = hay; *p; p++) {
		size_t i = 0;
		while (i < nl && p[i] &&
		       tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == nl)
			return p - hay;
	}
	return -1;
}

void dd_draw_field_hl(int y, int x, int w, const char *s, const char *needle,
		      unsigned long attr, unsigned long mattr)
{
	int used = 0;
	size_t nl = needle ? strlen(needle) : 0;
	if (!s)
		s = "";
	w = cut_mark(y, x, w, s, attr);
	move(y, x);
	while (*s && used < w) {
		long at = nl ? dd_draw_find(s, needle) : -1;
		size_t plain = at < 0 ? strlen(s) : (size_t)at;
		int u = put(s, plain, w - used, attr);
		used += u;
		if (at < 0 || used >= w)
			break;
		s += plain;
		used += put(s, nl, w - used, mattr);
		s += nl;
	}
	dd_draw_blank(y, x + used, w - used, attr);
}

int dd_draw_width(const char *s)
{
	int used = 0;
	size_t i = 0;
	while (s[i]) {
		wchar_t c;
		i += decode((const unsigned char *)s + i, &c);
		used += shown(&c);
	}
	return used;
}

void dd_draw_hline(int y, int x, int w, unsigned long attr)
{
	if (w <= 0)
		return;
	attrset((attr_t)attr);
	if (g_utf8)
		mvhline_set(y, x, WACS_HLINE, w);
	else
		mvhline(y, x, '-', w);
}

void dd_draw_box(int y, int x, int h, int w, unsigned long attr)
{
	if (h < 2 || w < 2)
		return;
	attrset((attr_t)attr);
	if (g_utf8) {
		mvhline_set(y, x + 1, WACS_HLINE, w - 2);
		mvhline_set(y + h - 1, x + 1, WACS_HLINE, w - 2);
		mvvline_set(y + 1, x, WACS_VLINE, h - 2);
		mvvline_set(y + 1, x + w - 1, WACS_VLINE, h - 2);
		mvadd_wch(y, x, WACS_ULCORNER);
		mvadd_wch(y, x + w - 1, WACS_URCORNER);
		mvadd_wch(y + h - 1, x, WACS_LLCORNER);
		mvadd_wch(y + h - 1, x + w - 1, WACS_LRCORNER);
	} else {
		mvhline(y, x + 1, '-', w - 2);
		mvhline(y + h - 1, x + 1, '-', w - 2);
		mvvline(y + 1, x, '|', h - 2);
		mvvline(y + 1, x + w - 1, '|', h - 2);
		mvaddch(y, x, '+');
		mvaddch(y, x + w - 1, '+');
		mvaddch(y + h - 1, x, '+');
		mvaddch(y + h - 1, x + w - 1, '+');
	}
}

int dd_draw_para(int y, int x, int h, int w, const char *s, unsigned long attr)
{
	int row = 0;
	while (*s && row < h) {
		/* Take as many whole words as fit. */
		size_t best = 0, i = 0;
		char line[512];
		while (s[i] && s[i] != '\n') {
			size_t j = i;
			while (s[j] && s[j] != ' ' && s[j] != '\n')
				j++;
			if (j >= sizeof(line))
				break;
			memcpy(line, s, j);
			line[j] = 0;
			if (dd_draw_width(line) > w && best)
				break;
			best = j;
			i = j;
			while (s[i] == ' ')
				i++;
		}
		if (!best)
			best = i ? i : strlen(s);
		if (best >= sizeof(line))
			best = sizeof(line) - 1;
		memcpy(line, s, best);
		line[best] = 0;
		dd_draw_text(y + row, x, w, line, attr);
		s += best;
		while (*s == ' ')
			s++;
		if (*s == '\n')
			s++;
		row++;
	}
	return row;
}
