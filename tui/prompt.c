/* The input line. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <curses.h>

#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/prompt.h"
#include "core/i18n.h"

void dd_prompt_open(struct dd_prompt *p, enum dd_prompt_kind kind, const char *label,
		    const char *initial)
{
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	snprintf(p->label, sizeof(p->label), "%s", label);
	snprintf(p->buf, sizeof(p->buf), "%s", initial ? initial : "");
	p->len = p->cur = strlen(p->buf);
}

void dd_prompt_close(struct dd_prompt *p)
{
	p->kind = DD_P_NONE;
	p->err[0] = 0;
	if (p->secret) {
		/* volatile: the wipe must not be optimised away. */
		volatile char *b = p->buf;
		for (size_t i = 0; i < sizeof(p->buf); i++)
			b[i] = 0;
		p->len = p->cur = 0;
		p->secret = false;
	}
}

static size_t prev_char(const struct dd_prompt *p, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && ((unsigned char)p->buf[at] & 0xc0) == 0x80)
		at--;
	return at;
}

static size_t next_char(const struct dd_prompt *p, size_t at)
{
	if (at >= p->len)
		return p->len;
	at++;
	while (at < p->len && ((unsigned char)p->buf[at] & 0xc0) == 0x80)
		at++;
	return at;
}

static void cut(struct dd_prompt *p, size_t from, size_t to)
{
	memmove(p->buf + from, p->buf + to, p->len - to + 1);
	p->len -= to - from;
	p->cur = from;
}

static bool insert(struct dd_prompt *p, int ch)
{
	char u[4];
	size_t n;
	if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0) || ch > 0x10ffff ||
	    (ch >= 0xd800 && ch <= 0xdfff))
		return false;
	if (ch < 0x80) {
		u[0] = (char)ch;
		n = 1;
	} else if (ch < 0x800) {
		u[0] = (char)(0xc0 | (ch >> 6));
		u[1] = (char)(0x80 | (ch & 0x3f));
		n = 2;
	} else if (ch < 0x10000) {
		u[0] = (char)(0xe0 | (ch >> 12));
		u[1] = (char)(0x80 | ((ch >> 6) & 0x3f));
		u[2] = (char)(0x80 | (ch & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (ch >> 18));
		u[1] = (char)(0x80 | ((ch >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((ch >> 6) & 0x3f));
		u[3] = (char)(0x80 | (ch & 0x3f));
		n = 4;
	}
	if (p->len + n >= sizeof(p->buf))
		return false;
	memmove(p->buf + p->cur + n, p->buf + p->cur, p->len - p->cur + 1);
	memcpy(p->buf + p->cur, u, n);
	p->len += n;
	p->cur += n;
	return true;
}

enum dd_prompt_ev dd_prompt_input(struct dd_prompt *p, bool fkey, int ch)
{
	size_t at;
	if (!(ch == '\t' && !fkey))
		p->tab_cycle = 0;
	if (fkey) {
		switch (ch) {
		case KEY_LEFT:
			p->cur = prev_char(p, p->cur);
			return DD_PE_NONE;
		case KEY_RIGHT:
			p->cur = next_char(p, p->cur);
			return DD_PE_NONE;
		case KEY_HOME:
			p->cur = 0;
			return DD_PE_NONE;
		case KEY_END:
			p->cur = p->len;
			return DD_PE_NONE;
		case KEY_BACKSPACE:
			goto backspace;
		case KEY_DC:
			if (p->cur < p->len)
				cut(p, p->cur, next_char(p, p->cur));
			p->err[0] = 0;
			return DD_PE_CHANGED;
		case KEY_ENTER:
			return DD_PE_DONE;
		default:
			return DD_PE_NONE;
		}
	}
	switch (ch) {
	case '\n':
	case '\r':
		return DD_PE_DONE;
	case DD_KEY_ESC:
	case DD_CTRL('c'):
	case DD_CTRL('g'):
		return DD_PE_CANCEL;
	case '\t':
		return DD_PE_TAB;
	case 0x7f:
	case DD_CTRL('h'):
backspace:
		if (p->cur == 0) {
			/* Backspace on an empty filter closes it, as in less. */
			return p->len == 0 ? DD_PE_CANCEL : DD_PE_NONE;
		}
		cut(p, prev_char(p, p->cur), p->cur);
		p->err[0] = 0;
		return DD_PE_CHANGED;
	case DD_CTRL('a'):
		p->cur = 0;
		return DD_PE_NONE;
	case DD_CTRL('e'):
		p->cur = p->len;
		return DD_PE_NONE;
	case DD_CTRL('u'):
		cut(p, 0, p->cur);
		p->err[0] = 0;
		return DD_PE_CHANGED;
	case DD_CTRL('w'):
		at = p->cur;
		while (at > 0 && p->buf[at - 1] == ' ')
			at--;
		while (at > 0 && p->buf[at - 1] != ' ')
			at--;
		cut(p, at, p->cur);
		p->err[0] = 0;
		return DD_PE_CHANGED;
	default:
		if (!insert(p, ch))
			return DD_PE_NONE;
		p->err[0] = 0;
		return DD_PE_CHANGED;
	}
}

void dd_prompt_complete(struct dd_prompt *p, const char *const *cands, size_t n)
{
	if (p->tab_cycle == 0)
		p->tab_len = p->len;
	size_t ws = p->tab_len;
	while (ws > 0 && p->buf[ws - 1] != ' ')
		ws--;
	const char *word = p->buf + ws;
	size_t wl = p->tab_len - ws, nmatch = 0, lcp = 0;
	const char *first = NULL, *pick = NULL;
	for (size_t i = 0; i < n; i++) {
		if (strncasecmp(cands[i], word, wl))
			continue;
		if (!first) {
			first = cands[i];
			lcp = strlen(first);
		} else {
			size_t k = 0;
			while (k < lcp && cands[i][k] && cands[i][k] == first[k])
				k++;
			lcp = k;
		}
		if ((int)nmatch == p->tab_cycle - 1)
			pick = cands[i];
		nmatch++;
	}
	if (!first) {
		snprintf(p->err, sizeof(p->err), _("no match"));
		return;
	}
	char out[512];
	if (nmatch == 1) {
		snprintf(out, sizeof(out), "%s ", first);
	} else if (p->tab_cycle == 0 && lcp > wl) {
		snprintf(out, sizeof(out), "%.*s", (int)lcp, first);
	} else {
		if (!pick) {
			p->tab_cycle = 1;
			pick = first;
		}
		snprintf(out, sizeof(out), "%s", pick);
		snprintf(p->err, sizeof(p->err), _("%zu matches, Tab for the next"), nmatch);
		p->tab_cycle++;
		goto put;
	}
	p->tab_cycle = 0;
	p->err[0] = 0;
put:
	if (ws + strlen(out) < sizeof(p->buf)) {
		memcpy(p->buf + ws, out, strlen(out) + 1);
		p->len = p->cur = strlen(p->buf);
		if (p->tab_cycle == 0)
			p->tab_len = p->len;
	}
}

void dd_prompt_draw(const struct dd_prompt *p, const struct dd_theme *th, int y, int w)
{
	unsigned long a = dd_theme_attr(th, DD_R_PROMPT);
	int lw = dd_draw_width(p->label);
	int avail = w - lw - 1;
	dd_draw_blank(y, 0, w, a);
	dd_draw_text(y, 0, w, p->label, a | A_BOLD);
	if (p->secret) {
		/* One star per character: the length shows, never the text. */
		char stars[512];
		size_t n = 0;
		for (size_t i = 0; i < p->len && n + 1 < sizeof(stars); i++)
			if (((unsigned char)p->buf[i] & 0xc0) != 0x80)
				stars[n++] = '*';
		stars[n] = 0;
		int used = dd_draw_text(y, lw, w - lw - 1, stars, a);
		if (p->err[0] && lw + used + 3 < w)
			dd_draw_text(y, lw + used + 2, w - lw - used - 2, p->err,
				     dd_theme_attr(th, DD_R_ERROR));
		move(y, lw + used < w ? lw + used : w - 1);
		return;
	}
	/* Scroll the text so the cursor stays visible. */
	char before[512];
	size_t start = 0;
	memcpy(before, p->buf, p->cur);
	before[p->cur] = 0;
	while (dd_draw_width(before + start) >= avail && start < p->cur) {
		start++;
		while (start < p->cur && ((unsigned char)before[start] & 0xc0) == 0x80)
			start++;
	}
	int used = dd_draw_text(y, lw, avail, p->buf + start, a);
	int cx = lw + dd_draw_width(before + start);
	if (p->err[0] && lw + used + 3 < w)
		dd_draw_text(y, lw + used + 2, w - lw - used - 2, p->err,
			     dd_theme_attr(th, DD_R_ERROR));
	move(y, cx < w ? cx : w - 1);
}
