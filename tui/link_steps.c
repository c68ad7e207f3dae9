/* The link wizard's steps as drawn: the step indicator, each step's text,
 * fields and the report of core/linking. Reads the wizard, never changes
 * it. Colour is never the only signal: verdicts are words, a difference
 * says "differs". */
#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "tui/app.h"
#include "tui/draw.h"
#include "tui/link_wizard.h"
#include "core/i18n.h"

static unsigned long at(const struct dd_app *app, enum dd_role r)
{
	return dd_theme_attr(&app->theme, r);
}

/* A paragraph from y, at most h rows; returns the rows used. */
static int para(const struct dd_app *app, int y, int h, const char *s, enum dd_role r)
{
	return h > 0 ? dd_draw_para(y, 2, h, app->cols - 4, s, at(app, r)) : 0;
}

static void indicator(const struct dd_app *app, const struct dd_linkwiz *w, int y)
{
	char line[160];
	int x = 2;

	snprintf(line, sizeof(line), _(" Link accounts   Step %d of %d: %s"), w->form.step,
		 DD_LINK_STEPS, dd_linkwiz_title(w->form.step));
	dd_draw_field(y, 0, app->cols, line, at(app, DD_R_HEADER));
	for (int s = 1; s <= DD_LINK_STEPS && x + 4 < app->cols; s++) {
		snprintf(line, sizeof(line), s == w->form.step ? "[%d]" : " %d ", s);
		x += dd_draw_text(y + 1, x, 4, line,
				  at(app, s == w->form.step ? DD_R_CURSOR : DD_R_DIM));
	}
}

/* The fields of the step, focused one reversed; returns the rows used. */
static int fields(const struct dd_app *app, const struct dd_linkwiz *w, int y)
{
	size_t n;
	const struct dd_lw_field *f = dd_linkwiz_fields(w->form.step, &n);
	char shown[600];

	for (size_t i = 0; i < n; i++) {
		const char *v = dd_linkwiz_value(w, (int)i);
		bool focus = (int)i == w->field;

		if (f[i].secret) {
			size_t l = strlen(v);

			if (l > 40)
				l = 40;
			memset(shown, '*', l);
			shown[l] = 0;
		} else {
			snprintf(shown, sizeof(shown), "%s", v);
		}
		if (focus)
			strncat(shown, "_", sizeof(shown) - strlen(shown) - 1);
		dd_draw_field(y + (int)i, 2, 26, _(f[i].label), at(app, DD_R_LABEL));
		dd_draw_field(y + (int)i, 29, app->cols - 31, shown,
			      at(app, focus ? DD_R_CURSOR : DD_R_VALUE));
	}
	return (int)n;
}

static const char *verdict(enum dd_link_verdict v)
{
	return v == DD_LINK_PASS ? "pass   " : v == DD_LINK_FAIL ? "FAIL   " : "unknown";
}

static enum dd_role verdict_role(enum dd_link_verdict v)
{
	return v == DD_LINK_PASS ? DD_R_OK : v == DD_LINK_FAIL ? DD_R_ERROR : DD_R_DIM;
}

static const char *status_text(enum dd_link_status s)
{
	switch (s) {
	case DD_LINK_LINKED: return _("Already linked");
	case DD_LINK_NOT_LINKED: return _("Not linked");
	case DD_LINK_PARTLY: return _("Partly linked");
	default: return _("Cannot be decided from the data");
	}
}

static int step1(const struct dd_app *app, int y, int h)
{
	return para(app, y, h,
		    _("Account linking joined a Dedibox (Online.net) account to a Scaleway "
		    "Organization so that its Dedibox servers could be managed from the "
		    "Scaleway console too. The official process closed on 2025-10-28; accounts "
		    "linked before keep both consoles while unification goes on.\n"
		    "This wizard asks for both sides' credentials, checks them live, tells from "
		    "the APIs whether the accounts are linked, whether they could have been and "
		    "why not (the FAQ's rules, with evidence), what changes for the payment "
		    "method and the shared data, then saves one dedi profile holding both "
		    "credentials and writes a report if you ask.\n"
		    "It does not link anything: no request it sends changes either account. "
		    "Where an API cannot tell, it says so instead of guessing."),
		    DD_R_VALUE);
}

static int side(const struct dd_app *app, const struct dd_linkwiz *w, int y, int h)
{
	bool dbx = w->form.step == 2;
	enum dd_lw_check st = dbx ? w->dbx : w->scw;
	int r = para(app, y, h, dbx ?
		     _("Leave the profile empty to type the token; a profile of the vault "
		     "holding a Dedibox token is used as it is.") :
		     _("Leave the profile empty to type the keys; the key is checked with IAM, "
		     "which says whose key it is."), DD_R_DIM) + 1;

	r += fields(app, w, y + r) + 1;
	if (st != DD_LW_UNCHECKED)
		r += para(app, y + r, h - r, dbx ? w->dbx_said : w->scw_said,
			  st == DD_LW_REFUSED ? DD_R_ERROR : st == DD_LW_VALID ? DD_R_OK : DD_R_DIM);
	if (st == DD_LW_VALID)
		r += para(app, y + r, h - r, _("Enter goes on."), DD_R_DIM);
	return r;
}

static int waiting(const struct dd_app *app, const struct dd_linkwiz *w, int y, int h)
{
	if (w->err[0])
		return para(app, y, h, w->err, DD_R_ERROR);
	return para(app, y, h, _("Asking the APIs (servers, services, invoices, IAM, billing)..."),
		    DD_R_DIM);
}

static int step4(const struct dd_app *app, const struct dd_linkwiz *w, int y, int h)
{
	const struct dd_link_report *rp = &w->report;
	char line[160];
	int r = 0;

	dd_draw_text(y, 2, app->cols - 4, status_text(rp->status), at(app, DD_R_SECTION));
	r += 2;
	r += para(app, y + r, h - r, rp->status_evidence, DD_R_VALUE) + 1;
	snprintf(line, sizeof(line), _("Servers seen on both sides: %zu of %zu."), rp->servers_common,
		 rp->servers_total);
	r += para(app, y + r, h - r, line, DD_R_DIM);
	return r;
}

static int step5(const struct dd_app *app, const struct dd_linkwiz *w, int y, int h)
{
	const struct dd_link_report *rp = &w->report;
	int r = 0;

	for (int i = 0; i < DD_LR_COUNT && r + 1 < h; i++) {
		const struct dd_link_line *l = &rp->lines[i];
		char line[320];

		dd_draw_text(y + r, 2, 8, verdict(l->v), at(app, verdict_role(l->v)));
		snprintf(line, sizeof(line), "%s%s", dd_link_rule_text((enum dd_link_rule)i),
			 l->declared ? _(" (declared)") : "");
		dd_draw_text(y + r, 10, app->cols - 12, line, at(app, DD_R_VALUE));
		dd_draw_text(y + r + 1, 12, app->cols - 14, l->evidence, at(app, DD_R_DIM));
		r += 2;
	}
	if (r < h)
		dd_draw_text(y + r, 2, app->cols - 4, rp->eligible ?
			     _("Eligible: every rule passes.") :
			     _("Not eligible, or not provable: see the lines above."),
			     at(app, rp->eligible ? DD_R_OK : DD_R_SECTION));
	return r + 1;
}

static int step6(const struct dd_app *app, const struct dd_linkwiz *w, int y, int h)
{
	const struct dd_link_report *rp = &w->report;
	char line[160];
	int r = 0;

	snprintf(line, sizeof(line), _("Dedibox invoices are paid by: %s"),
		 rp->dedibox_method[0] ? rp->dedibox_method : _("(no invoice shows a method)"));
	r += para(app, y, h, line, DD_R_VALUE);
	r += para(app, y + r, h - r,
		  _("No public API states the Scaleway payment method: declare it (sepa, "
		  "card, card:LAST4 or none), or leave it empty."), DD_R_DIM) + 1;
	r += fields(app, w, y + r) + 1;
	if (w->err[0]) {
		char e[340];

		snprintf(e, sizeof(e), _("Refused: %s"), w->err);
		r += para(app, y + r, h - r, e, DD_R_ERROR) + 1;
	}
	r += para(app, y + r, h - r, rp->pay_evidence, DD_R_VALUE);
	return r;
}

static int step7(const struct dd_app *app, const struct dd_linkwiz *w, int y, int h)
{
	const struct dd_link_report *rp = &w->report;
	int cw = (app->cols - 30) / 2, r = 1;

	dd_draw_field(y, 2, 16, "field", at(app, DD_R_HEADER));
	dd_draw_field(y, 18, cw, _("Dedibox"), at(app, DD_R_HEADER));
	dd_draw_field(y, 18 + cw, cw, _("Scaleway"), at(app, DD_R_HEADER));
	dd_draw_field(y, 18 + 2 * cw, app->cols - 20 - 2 * cw, "", at(app, DD_R_HEADER));
	for (int i = 0; i < DD_LF_COUNT && r < h; i++, r++) {
		const struct dd_link_field *f = &rp->fields[i];
		bool diff = f->state == DD_LF_DIFFERENT;
		const char *mark = diff ? _("differs") : f->state == DD_LF_SAME ? _("same") :
				   f->state == DD_LF_NOT_IN_API ? _("no API") : _("one side");

		dd_draw_field(y + r, 2, 16, _(f->name), at(app, DD_R_LABEL));
		dd_draw_field(y + r, 18, cw - 1, f->state == DD_LF_NOT_IN_API ? "-" : f->dedibox,
			      at(app, diff ? DD_R_ERROR : DD_R_VALUE));
		dd_draw_field(y + r, 18 + cw, cw - 1,
			      f->state == DD_LF_NOT_IN_API ? "-" : f->scaleway,
			      at(app, diff ? DD_R_ERROR : DD_R_VALUE));
		dd_draw_text(y + r, 18 + 2 * cw, app->cols - 20 - 2 * cw, mark,
			     at(app, diff ? DD_R_ERROR : DD_R_DIM));
	}
	r++;
	if (rp->data_note)
		r += para(app, y + r, h - r, rp->data_note, DD_R_VALUE);
	return r;
}

static int step8(const struct dd_app *app, const struct dd_linkwiz *w, int y, int h)
{
	int r = para(app, y, h, w->report.discount, DD_R_VALUE) + 1;

	if (strstr(w->report.discount, "six months"))
		return r;
	return r + para(app, y + r, h - r,
			_("The FAQ's terms: EUR 100 for the first customers to link, valid six "
			"months after linking, on Scaleway cloud services ordered in the Scaleway "
			"console; not on Dedibox or Elastic Metal."), DD_R_DIM);
}

static int step9(const struct dd_app *app, const struct dd_linkwiz *w, int y, int h)
{
	int r = para(app, y, h,
		     _("Enter saves one profile holding the Dedibox token and the Scaleway keys "
		     "(the Servers, Network and Billing tabs then show both sides merged), writes "
		     "the report when a file is given (Markdown for .md, JSON otherwise; an "
		     "existing file is not replaced) and switches the console to that profile."),
		     DD_R_DIM) + 1;

	r += fields(app, w, y + r) + 1;
	if (!app->opts->vault)
		r += para(app, y + r, h - r,
			  _("This console holds the vault read-only: run `dedi link` to save."),
			  DD_R_DIM);
	return r;
}

static void resume(const struct dd_app *app, const struct dd_linkwiz *w, int y)
{
	char line[96];

	snprintf(line, sizeof(line), _("Resume the wizard at step %d (%s)?"), w->form.step,
		 dd_linkwiz_title(w->form.step));
	dd_draw_field(y, 0, app->cols, _(" Link accounts"), at(app, DD_R_HEADER));
	dd_draw_text(y + 2, 2, app->cols - 4, line, at(app, DD_R_SECTION));
	dd_draw_text(y + 4, 4, 12, _(" Resume "), at(app, w->resume_choice ? DD_R_VALUE : DD_R_CURSOR));
	dd_draw_text(y + 4, 16, 14, _(" Start over "),
		     at(app, w->resume_choice ? DD_R_CURSOR : DD_R_VALUE));
	dd_draw_text(y + 6, 2, app->cols - 4, _("Tab chooses, Enter confirms, Esc leaves."),
		     at(app, DD_R_DIM));
}

void dd_linkwiz_draw_step(const struct dd_app *app, const struct dd_linkwiz *w, int y, int h)
{
	int body = y + 3, bh = h - 4, step = w->form.step;

	if (w->asking_resume) {
		resume(app, w, y);
		return;
	}
	indicator(app, w, y);
	if (step >= 4 && step <= 8 && !w->judged)
		waiting(app, w, body, bh);
	else if (step == 1)
		step1(app, body, bh);
	else if (step == 2 || step == 3)
		side(app, w, body, bh);
	else if (step == 4)
		step4(app, w, body, bh);
	else if (step == 5)
		step5(app, w, body, bh);
	else if (step == 6)
		step6(app, w, body, bh);
	else if (step == 7)
		step7(app, w, body, bh);
	else if (step == 8)
		step8(app, w, body, bh);
	else {
		int r = step9(app, w, body, bh);

		if (w->err[0])
			para(app, body + r, bh - r, w->err, DD_R_ERROR);
	}
	dd_draw_field(y + h - 1, 0, app->cols,
		      step == 1 ? _(" Enter: start   Esc: leave the wizard (it resumes here)") :
		      _(" Tab/Shift-Tab: fields   Enter: go on   Esc: back a step"),
		      at(app, DD_R_DIM));
}
