/* The audit screen (`:audit`): every write dedi sent from this machine,
 * newest first, its intent (time, method, URL, summary) over its outcome,
 * paired by write id (core/audit_log). Read when the screen opens and on
 * `r`; the log holds no secret (masked when written). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/audit.h"
#include "core/audit_log.h"
#include "core/i18n.h"
#include "tui/app.h"
#include "tui/draw.h"

#define LINES_PER 3 /* a record: intent, outcome, a blank line */

static const struct dd_audit_log *log_of(const struct dd_app *app)
{
	return app->audit.log;
}

static void load(struct dd_app *app)
{
	struct dd_audit_state *s = &app->audit;
	struct dd_audit_log *l = s->log;
	struct dd_error err;
	char path[1100];

	if (!l && !(l = s->log = calloc(1, sizeof(*l))))
		return;
	dd_audit_log_clear(l);
	s->err[0] = '\0';
	if (dd_audit_path(path, sizeof(path), &err) < 0 || dd_audit_read(path, l, &err) < 0)
		snprintf(s->err, sizeof(s->err), "%s", err.message);
	if (s->top >= l->n)
		s->top = 0;
	app->dirty = true;
}

static void enter(struct dd_app *app)
{
	app->audit.top = 0;
	load(app);
}

static void draw(const struct dd_app *app)
{
	const struct dd_audit_state *s = &app->audit;
	const struct dd_audit_log *l = log_of(app);
	int y = dd_app_body_top(), bottom = y + dd_app_body_height(app);
	size_t n = l ? l->n : 0;
	char title[128];

	snprintf(title, sizeof(title), P_(" Audit log  %zu write, newest first%s", " Audit log  %zu writes, newest first%s", n), n,
		 l && l->skipped ? _("  (some lines unreadable)") : "");
	dd_draw_field(y, 0, app->cols, title, dd_theme_attr(&app->theme, DD_R_HEADER));
	if (s->err[0]) {
		dd_draw_para(y + 2, 2, bottom - y - 2, app->cols - 4, s->err, dd_theme_attr(&app->theme, DD_R_ERROR));
		return;
	}
	if (!n)
		dd_draw_text(y + 2, 2, app->cols - 4, _("No write yet."), dd_theme_attr(&app->theme, DD_R_DIM));
	int row = y + 1;
	for (size_t i = s->top; i < n && row + 1 < bottom; i++) {
		const struct dd_audit_record *r = &l->v[i];
		char line[1200];
		int role;
		snprintf(line, sizeof(line), "%s  %s %s", r->time, r->method, r->summary[0] ? r->summary : r->url);
		dd_draw_field(row, 1, app->cols - 2, line, dd_theme_attr(&app->theme, DD_R_VALUE));
		if (!r->has_outcome) {
			snprintf(line, sizeof(line), _("  no outcome written (dedi stopped before the answer)  %s"), r->write);
			role = DD_R_ERROR;
		} else if (!strcmp(r->outcome, "ok")) {
			snprintf(line, sizeof(line), _("  ok, HTTP %d  %s"), r->status, r->write);
			role = DD_R_OK;
		} else {
			snprintf(line, sizeof(line), "  %s%s%s%s%s  %s", r->outcome, r->message[0] ? ": " : "", r->message,
				 r->reconciled[0] && !strstr(r->message, r->reconciled) ? "; " : "",
				 r->reconciled[0] && !strstr(r->message, r->reconciled) ? r->reconciled : "", r->write);
			role = DD_R_ERROR;
		}
		dd_draw_field(row + 1, 1, app->cols - 2, line, dd_theme_attr(&app->theme, role));
		row += LINES_PER;
	}
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	struct dd_audit_state *s = &app->audit;
	size_t n = log_of(app) ? log_of(app)->n : 0;
	(void)fkey, (void)ch;
	switch (act) {
	case DD_ACT_DOWN:
		if (s->top + 1 < n)
			s->top++;
		return DD_RES_REDRAW;
	case DD_ACT_UP:
		if (s->top)
			s->top--;
		return DD_RES_REDRAW;
	case DD_ACT_TOP:
		s->top = 0;
		return DD_RES_REDRAW;
	case DD_ACT_BOTTOM:
		s->top = n ? n - 1 : 0;
		return DD_RES_REDRAW;
	case DD_ACT_ESC:
	case DD_ACT_BACK:
		return DD_RES_BACK;
	default:
		return DD_RES_UNHANDLED;
	}
}

static void free_state(struct dd_app *app)
{
	if (app->audit.log)
		dd_audit_log_clear(app->audit.log);
	free(app->audit.log);
	app->audit.log = NULL;
}

const struct dd_screen_ops dd_screen_audit = {
	.name = N_("Audit log"),
	.scopes = DD_KS_MOVE,
	.enter = enter,
	.draw = draw,
	.key = key,
	.reload = load,
	.free = free_state,
};
