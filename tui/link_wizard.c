/* The link wizard's state and keys: Tab and Shift-Tab between the fields
 * of a step, Enter goes on (checking live what steps 2 and 3 were given,
 * gathering the facts before step 4, saving at step 9), Esc goes back.
 * Every change of step is kept in the vault (a record, core/link_form.h)
 * so that the next `dedi link` resumes there; nothing goes to a plain
 * file but the report the user asks for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "core/i18n.h"
#include "core/link_report.h"
#include "core/profile.h"
#include "core/vault.h"
#include "tui/app.h"
#include "tui/link_wizard.h"
#include "tui/profiles.h"

static const char *const titles[DD_LINK_STEPS] = {
	N_("What linking was"), N_("Dedibox side"), N_("Scaleway side"), N_("Status"), N_("Eligibility"),
	N_("Payment method"), N_("Data"), N_("Discount"), N_("Result"),
};

static const struct dd_lw_field f2[] = {
	{ N_("Existing profile"), false }, { N_("or Dedibox private token"), true },
};
static const struct dd_lw_field f3[] = {
	{ N_("Existing profile"), false }, { N_("or access key"), false },
	{ N_("secret key"), true }, { N_("organization ID"), false },
};
static const struct dd_lw_field f6[] = { { N_("Scaleway method"), false } };
static const struct dd_lw_field f9[] = {
	{ N_("Save as profile"), false }, { N_("Report file"), false },
};

const char *dd_linkwiz_title(int step)
{
	return step >= 1 && step <= DD_LINK_STEPS ? _(titles[step - 1]) : "";
}

const struct dd_lw_field *dd_linkwiz_fields(int step, size_t *n)
{
	switch (step) {
	case 2: *n = 2; return f2;
	case 3: *n = 4; return f3;
	case 6: *n = 1; return f6;
	case 9: *n = 2; return f9;
	default: *n = 0; return NULL;
	}
}

/* The buffer behind field i of the current step, and its size. */
static char *field_buf(struct dd_linkwiz *w, int i, size_t *size)
{
	struct dd_link_form *f = &w->form;
	struct dd_creds *t = f->typed;

#define B(x) (*size = sizeof(x), (x))
	switch (f->step * 10 + i) {
	case 20: return B(f->dbx_profile);
	case 21: return B(t->online_token);
	case 30: return B(f->scw_profile);
	case 31: return B(t->access_key);
	case 32: return B(t->secret_key);
	case 33: return B(t->organization_id);
	case 60: return B(f->payment);
	case 90: return B(f->save_as);
	case 91: return B(f->report);
	default: *size = 0; return NULL;
	}
#undef B
}

const char *dd_linkwiz_value(const struct dd_linkwiz *w, int i)
{
	size_t size;
	const char *b = field_buf((struct dd_linkwiz *)w, i, &size);

	return b ? b : "";
}

/* ---- keeping the state in the vault ---- */

static void keep(struct dd_app *app)
{
	struct dd_linkwiz *w = app->link;
	struct dd_vault *v = app->opts->vault;
	struct dd_secret *s = NULL;
	struct dd_error err;

	if (!v) {
		if (!w->kept_warned)
			dd_status_info(&app->status, app->now_ms,
				       _("This console cannot keep the wizard's place: `dedi link` "
				       "opens the vault for it."));
		w->kept_warned = true;
		return;
	}
	/* At step 1 with nothing given there is no place to keep: no record,
	 * so that a dedi older than records still opens the vault. */
	if (w->form.step == 1 && !w->form.dbx_profile[0] && !w->form.scw_profile[0] &&
	    !w->form.typed->online_token[0] && !w->form.typed->access_key[0] &&
	    !w->form.typed->secret_key[0]) {
		if (dd_vault_record(v, DD_VAULT_REC_LINK_WIZARD) &&
		    (dd_vault_set_record(v, DD_VAULT_REC_LINK_WIZARD, NULL, &err) != 0 ||
		     dd_vault_save(v, &err) != 0))
			dd_status_error(&app->status, app->now_ms, _("Vault"), &err);
		return;
	}
	if (dd_link_form_encode(&w->form, &s, &err) != 0 ||
	    dd_vault_set_record(v, DD_VAULT_REC_LINK_WIZARD, s->buf, &err) != 0 ||
	    dd_vault_save(v, &err) != 0)
		dd_status_error(&app->status, app->now_ms, _("Keeping the wizard's place"), &err);
	dd_secret_free(s);
}

/* ---- credentials: typed, or from a profile ---- */

/* The profile name from the vault this console holds (secrets not
 * overlaid by the environment's), else from the profiles it opened. */
static struct dd_creds *profile_creds(struct dd_app *app, const char *name,
				      struct dd_error *err)
{
	const struct dd_creds *found = app->opts->vault ? dd_vault_find(app->opts->vault, name)
							: NULL;
	struct dd_creds *c;

	if (found) {
		c = dd_creds_new();
		if (!c)
			return dd_error_oom(err), NULL;
		memcpy(c, found, sizeof(*c));
		return c;
	}
	if (app->opts->profiles && dd_profiles_source(app->opts->profiles) == DD_PROFILE_VAULT)
		return dd_profiles_creds(app->opts->profiles, name, err);
	dd_error_set(err, DD_E_AUTH, 0, NULL, _("no profile named %s in the vault"),
		     dd_vault_name_ok(name) ? name : _("(invalid name)"));
	return NULL;
}

enum { SIDE_DBX = 1, SIDE_SCW = 2 };

/* New credentials holding the sides asked for (caller frees), URLs from
 * the profile or SCW_API_URL / DEDI_ONLINE_API_URL, then the defaults. */
static struct dd_creds *build_creds(struct dd_app *app, int sides, struct dd_error *err)
{
	struct dd_link_form *f = &app->link->form;
	struct dd_creds *c = dd_creds_new(), *p = NULL;

	if (!c)
		return dd_error_oom(err), NULL;
	snprintf(c->profile, sizeof(c->profile), "%s", f->save_as[0] ? f->save_as : "linked");
	if (sides & SIDE_DBX) {
		if (f->dbx_profile[0] && !(p = profile_creds(app, f->dbx_profile, err)))
			goto fail;
		if (p && !p->online_token[0]) {
			dd_error_set(err, DD_E_USAGE, 0, NULL,
				     _("profile %s holds no Dedibox token"), f->dbx_profile);
			goto fail;
		}
		const struct dd_creds *s = p ? p : f->typed;
		memcpy(c->online_token, s->online_token, sizeof(c->online_token));
		if (p)
			memcpy(c->online_api_url, p->online_api_url, sizeof(c->online_api_url));
		dd_creds_free(p);
		p = NULL;
	}
	if (sides & SIDE_SCW) {
		if (f->scw_profile[0] && !(p = profile_creds(app, f->scw_profile, err)))
			goto fail;
		if (p && !dd_creds_has_scw(p)) {
			dd_error_set(err, DD_E_USAGE, 0, NULL,
				     _("profile %s holds no Scaleway keys"), f->scw_profile);
			goto fail;
		}
		const struct dd_creds *s = p ? p : f->typed;
		memcpy(c->access_key, s->access_key, sizeof(c->access_key));
		memcpy(c->secret_key, s->secret_key, sizeof(c->secret_key));
		memcpy(c->organization_id, s->organization_id, sizeof(c->organization_id));
		memcpy(c->project_id, s->project_id[0] ? s->project_id : s->organization_id,
		       sizeof(c->project_id));
		if (p) {
			memcpy(c->zone, p->zone, sizeof(c->zone));
			memcpy(c->scw_api_url, p->scw_api_url, sizeof(c->scw_api_url));
		}
		dd_creds_free(p);
		p = NULL;
	}
	dd_creds_urls_from_env(c);
	dd_creds_finish(c);
	return c;
fail:
	dd_creds_free(p);
	dd_creds_free(c);
	return NULL;
}

/* ---- steps 2 and 3: the live checks ---- */

static void check_done(void *ud, struct dd_authcheck *chk)
{
	struct dd_app *app = ud;
	struct dd_linkwiz *w = app->link;

	if (!w)
		return;
	/* The fields changed while it was asked: the answer is for old values. */
	if ((w->checking_step == 2 ? w->dbx : w->scw) != DD_LW_CHECKING) {
		w->checking_step = 0;
		dd_creds_free(w->probe);
		w->probe = NULL;
		return;
	}
	if (w->checking_step == 2) {
		if (chk->online_err.kind == DD_OK) {
			w->dbx = DD_LW_VALID;
			snprintf(w->dbx_said, sizeof(w->dbx_said),
				 _("Token accepted: the Dedibox API lists %zu server%s with it."),
				 chk->online_servers, chk->online_servers == 1 ? "" : "s");
		} else {
			w->dbx = DD_LW_REFUSED;
			snprintf(w->dbx_said, sizeof(w->dbx_said), _("Refused: %s"),
				 chk->online_err.message);
		}
	} else if (w->checking_step == 3) {
		if (chk->scw_err.kind != DD_OK) {
			w->scw = DD_LW_REFUSED;
			snprintf(w->scw_said, sizeof(w->scw_said), _("Refused: %s"),
				 chk->scw_err.message);
		} else {
			w->scw = DD_LW_VALID;
			if (chk->key.application_id[0])
				snprintf(w->scw_said, sizeof(w->scw_said),
					 _("Key accepted. It belongs to an application (%s), not a "
					 "user."), chk->key.application_id);
			else if (chk->owner_hidden)
				snprintf(w->scw_said, sizeof(w->scw_said),
					 _("Key accepted by the Dedibox API; IAM would not say whose "
					 "it is (%s)."), chk->iam_err.message);
			else
				snprintf(w->scw_said, sizeof(w->scw_said),
					 _("Key accepted. It belongs to %s, %s of organization %s."),
					 chk->user.email, chk->user.type[0] ? chk->user.type : "member",
					 chk->user.organization_id);
		}
	}
	w->checking_step = 0;
	dd_creds_free(w->probe);
	w->probe = NULL;
	app->dirty = true;
}

static void start_check(struct dd_app *app, int step)
{
	struct dd_linkwiz *w = app->link;
	struct dd_link_form *f = &w->form;
	enum dd_lw_check *st = step == 2 ? &w->dbx : &w->scw;
	char *said = step == 2 ? w->dbx_said : w->scw_said;
	struct dd_error err;

	if (w->checking_step)
		return;
	if (step == 2 && !f->dbx_profile[0] && !f->typed->online_token[0]) {
		*st = DD_LW_REFUSED;
		snprintf(said, 320, _("Give an existing profile or the Dedibox private token "
			 "(Dedibox console, Account, API access)."));
		return;
	}
	if (step == 3 && !f->scw_profile[0] &&
	    (!f->typed->access_key[0] || !f->typed->secret_key[0] ||
	     !f->typed->organization_id[0])) {
		*st = DD_LW_REFUSED;
		snprintf(said, 320, _("Give an existing profile, or the access key, the secret "
			 "key and the organization ID (Scaleway console, IAM, API keys)."));
		return;
	}
	w->probe = build_creds(app, step == 2 ? SIDE_DBX : SIDE_SCW, &err);
	memset(&w->chk, 0, sizeof(w->chk));
	if (!w->probe ||
	    dd_authcheck_start(app->http, w->probe, &w->chk, check_done, app, &err) != 0) {
		dd_creds_free(w->probe);
		w->probe = NULL;
		*st = DD_LW_REFUSED;
		snprintf(said, 320, "%s", err.message);
		return;
	}
	w->checking_step = step;
	*st = DD_LW_CHECKING;
	snprintf(said, 320, _("Asking the %s API..."), step == 2 ? _("Dedibox") : _("Scaleway IAM"));
}

/* ---- steps 4-8: the facts and the report ---- */

static void judge(struct dd_app *app)
{
	struct dd_linkwiz *w = app->link;
	struct dd_error err;

	w->facts->scw_pay = DD_LINK_SCWPAY_UNDECLARED;
	w->facts->scw_card_last4[0] = 0;
	if (w->form.payment[0] && dd_link_parse_scw_payment(w->form.payment, w->facts, &err) != 0) {
		snprintf(w->err, sizeof(w->err), "%s", err.message);
		return;
	}
	dd_link_judge(w->facts, &w->report);
	w->judged = true;
}

static void gather_done(void *ud, struct dd_link_facts *facts)
{
	struct dd_app *app = ud;
	struct dd_linkwiz *w = app->link;

	(void)facts;
	if (!w)
		return;
	judge(app);
	app->dirty = true;
}

static void stop_gather(struct dd_linkwiz *w)
{
	dd_link_gather_free(w->gather);
	w->gather = NULL;
	dd_creds_free(w->gcreds);
	w->gcreds = NULL;
}

static void start_gather(struct dd_app *app)
{
	struct dd_linkwiz *w = app->link;
	const struct dd_tui_link *lo = app->opts->link;
	struct dd_error err;

	stop_gather(w);
	w->judged = false;
	w->err[0] = 0;
	if (!w->facts && !(w->facts = malloc(sizeof(*w->facts)))) {
		snprintf(w->err, sizeof(w->err), _("out of memory"));
		return;
	}
	dd_link_facts_init(w->facts);
	w->facts->today = (int64_t)(time(NULL) / 86400);
	if (lo && lo->dedibox_country)
		snprintf(w->facts->declared_dedibox_country, 3, "%s", lo->dedibox_country);
	if (lo && lo->scaleway_country)
		snprintf(w->facts->declared_scaleway_country, 3, "%s", lo->scaleway_country);
	w->gcreds = build_creds(app, SIDE_DBX | SIDE_SCW, &err);
	if (w->gcreds)
		w->gather = dd_link_gather_start(app->http, w->gcreds, w->facts, gather_done, app,
						 &err);
	if (!w->gather) {
		stop_gather(w);
		snprintf(w->err, sizeof(w->err), _("The facts could not be gathered: %s"),
			 err.message);
	}
}

/* ---- step 9: the profile and the report ---- */

static enum dd_result finish(struct dd_app *app)
{
	struct dd_linkwiz *w = app->link;
	struct dd_link_form *f = &w->form;
	struct dd_vault *v = app->opts->vault;
	struct dd_creds *c;
	bool wrote;
	struct dd_account *a;
	struct dd_error err;
	char name[64];

	w->err[0] = 0;
	if (!v) {
		snprintf(w->err, sizeof(w->err), _("This console holds the vault read-only: run "
			 "`dedi link` to save the profile (it resumes here)."));
		return DD_RES_REDRAW;
	}
	if (!dd_vault_name_ok(f->save_as)) {
		snprintf(w->err, sizeof(w->err), _("A profile name is 1 to 63 of A-Z a-z 0-9 . _ -, "
			 "not starting with . or -."));
		return DD_RES_REDRAW;
	}
	if (!w->judged || w->checking_step) {
		snprintf(w->err, sizeof(w->err), _("The report is not ready yet."));
		return DD_RES_REDRAW;
	}
	if (f->report[0] && dd_link_report_write(f->report, w->facts, &w->report, false, &err) != 0) {
		snprintf(w->err, sizeof(w->err), _("Report not written: %s"), err.message);
		return DD_RES_REDRAW;
	}
	c = build_creds(app, SIDE_DBX | SIDE_SCW, &err);
	if (!c || dd_vault_put(v, c, &err) != 0 ||
	    dd_vault_set_record(v, DD_VAULT_REC_LINK_WIZARD, NULL, &err) != 0 ||
	    dd_vault_save(v, &err) != 0) {
		dd_creds_free(c);
		snprintf(w->err, sizeof(w->err), _("Profile not saved: %s"), err.message);
		return DD_RES_REDRAW;
	}
	snprintf(name, sizeof(name), "%s", f->save_as);
	wrote = f->report[0] != 0;
	/* The wizard is over (the next one starts afresh): gone before the
	 * switch, whose leave would keep its place again. */
	dd_screen_link.free(app);
	a = dd_account_new(c);
	if (!a) {
		dd_creds_free(c);
		dd_status_info(&app->status, app->now_ms, _("Profile %s saved; out of memory opening it."),
			       name);
		return DD_RES_BACK;
	}
	if (dd_app_set_account(app, a, &err) != 0) {
		dd_account_free(a);
		dd_status_error(&app->status, app->now_ms, _("Profile saved, not opened"), &err);
		return DD_RES_BACK;
	}
	dd_status_done(&app->status, app->now_ms, _("Profile %s saved with both credentials%s."),
		       name, wrote ? _("; report written") : "");
	return DD_RES_REDRAW;
}

/* ---- moving between steps ---- */

static void go(struct dd_app *app, int step)
{
	struct dd_linkwiz *w = app->link;

	w->form.step = step;
	w->field = 0;
	w->err[0] = 0;
	if (step >= 4 && !w->judged && !w->gather)
		start_gather(app);
	keep(app);
}

static void fresh(struct dd_app *app)
{
	struct dd_linkwiz *w = app->link;
	const struct dd_tui_link *lo = app->opts->link;
	struct dd_link_form *f = &w->form;

	if (!f->save_as[0])
		snprintf(f->save_as, sizeof(f->save_as), "linked");
	if (lo && lo->report && !f->report[0])
		snprintf(f->report, sizeof(f->report), "%s", lo->report);
	if (lo && lo->scaleway_payment && !f->payment[0])
		snprintf(f->payment, sizeof(f->payment), "%s", lo->scaleway_payment);
}

static enum dd_result enter_key(struct dd_app *app)
{
	struct dd_linkwiz *w = app->link;
	int step = w->form.step;

	switch (step) {
	case 2:
	case 3:
		if ((step == 2 ? w->dbx : w->scw) == DD_LW_VALID)
			go(app, step + 1);
		else
			start_check(app, step);
		return DD_RES_REDRAW;
	case 4:
		if (w->gather && !w->judged) {
			dd_status_info(&app->status, app->now_ms, _("Still asking the APIs..."));
			return DD_RES_REDRAW;
		}
		if (!w->judged) {
			start_gather(app);
			return DD_RES_REDRAW;
		}
		go(app, 5);
		return DD_RES_REDRAW;
	case 6:
		judge(app);
		if (!w->err[0])
			go(app, 7);
		return DD_RES_REDRAW;
	case 9:
		return finish(app);
	default:
		go(app, step + 1);
		return DD_RES_REDRAW;
	}
}

static bool is_enter(bool fkey, int ch)
{
	return fkey ? ch == KEY_ENTER : (ch == '\r' || ch == '\n');
}

static enum dd_result resume_key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	struct dd_linkwiz *w = app->link;

	if ((!fkey && ch == '\t') || (fkey && (ch == KEY_BTAB || ch == KEY_LEFT || ch == KEY_RIGHT))) {
		w->resume_choice = !w->resume_choice;
		return DD_RES_REDRAW;
	}
	if (is_enter(fkey, ch)) {
		w->asking_resume = false;
		if (w->resume_choice) {
			dd_link_form_free(&w->form);
			if (dd_link_form_init(&w->form, NULL) != 0)
				return DD_RES_BACK;
			fresh(app);
			go(app, 1);
		} else if (w->form.step >= 4) {
			start_gather(app);
		}
		return DD_RES_REDRAW;
	}
	if (act == DD_ACT_ESC || act == DD_ACT_BACK)
		return DD_RES_BACK;
	return DD_RES_UNHANDLED;
}

/* Editing the focused field: printable characters, Backspace, Ctrl-U. */
static enum dd_result edit_key(struct dd_app *app, bool fkey, int ch)
{
	struct dd_linkwiz *w = app->link;
	size_t size, len;
	char *b = field_buf(w, w->field, &size);

	if (!b)
		return DD_RES_UNHANDLED;
	len = strlen(b);
	if ((fkey && ch == KEY_BACKSPACE) || (!fkey && (ch == 127 || ch == 8))) {
		if (len)
			b[len - 1] = 0;
	} else if (!fkey && ch == DD_CTRL('u')) {
		memset(b, 0, size);
	} else if (!fkey && ch > 0x20 && ch < 0x7f) {
		/* Keys, tokens, names and paths: ASCII without blanks. */
		if (len + 1 >= size)
			return DD_RES_HANDLED;
		b[len] = (char)ch;
		b[len + 1] = 0;
	} else {
		return DD_RES_UNHANDLED;
	}
	if (w->form.step == 2)
		w->dbx = DD_LW_UNCHECKED;
	if (w->form.step == 3)
		w->scw = DD_LW_UNCHECKED;
	if (w->form.step == 2 || w->form.step == 3)
		w->judged = false;
	w->err[0] = 0;
	return DD_RES_REDRAW;
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	struct dd_linkwiz *w = app->link;
	size_t n;

	if (!w)
		return DD_RES_BACK;
	if (w->asking_resume)
		return resume_key(app, act, fkey, ch);
	dd_linkwiz_fields(w->form.step, &n);
	if (!fkey && ch == '\t') {
		if (n)
			w->field = (w->field + 1) % (int)n;
		return DD_RES_REDRAW;
	}
	if (fkey && ch == KEY_BTAB) {
		if (n)
			w->field = (w->field + (int)n - 1) % (int)n;
		return DD_RES_REDRAW;
	}
	if (is_enter(fkey, ch))
		return enter_key(app);
	if (act == DD_ACT_ESC || (!fkey && ch == DD_KEY_ESC)) {
		if (w->form.step == 1)
			return DD_RES_BACK;
		go(app, w->form.step - 1);
		return DD_RES_REDRAW;
	}
	if (n && !(!fkey && ch == DD_CTRL('c')))
		return edit_key(app, fkey, ch);
	return DD_RES_UNHANDLED;
}

/* ---- the screen ---- */

static void enter(struct dd_app *app)
{
	struct dd_linkwiz *w = app->link;
	struct dd_vault *v = app->opts->vault;
	const char *rec = v ? dd_vault_record(v, DD_VAULT_REC_LINK_WIZARD) : NULL;
	struct dd_error err;

	if (w)
		return;
	w = app->link = calloc(1, sizeof(*w));
	if (!w || dd_link_form_init(&w->form, &err) != 0) {
		free(w);
		app->link = NULL;
		return;
	}
	if (rec && dd_link_form_decode(rec, &w->form, &err) != 0) {
		dd_status_error(&app->status, app->now_ms, _("The wizard's kept place"), &err);
		dd_link_form_free(&w->form);
		dd_link_form_init(&w->form, &err);
	} else if (rec && w->form.step > 1) {
		w->asking_resume = true;
	}
	fresh(app);
}

static void leave(struct dd_app *app)
{
	if (app->link && !app->link->asking_resume)
		keep(app);
}

static void wiz_free(struct dd_app *app)
{
	struct dd_linkwiz *w = app->link;

	if (!w)
		return;
	stop_gather(w);
	/* A check in flight holds w->chk: the loop has cancelled and drained
	 * every request before the screens are freed. */
	dd_creds_free(w->probe);
	free(w->facts);
	dd_link_form_free(&w->form);
	free(w);
	app->link = NULL;
}

static void draw(const struct dd_app *app)
{
	if (app->link)
		dd_linkwiz_draw_step(app, app->link, dd_app_body_top(), dd_app_body_height(app));
}

void dd_linkwiz_open(struct dd_app *app)
{
	dd_app_switch(app, &dd_screen_account);
	dd_app_switch(app, &dd_screen_link);
}

const struct dd_screen_ops dd_screen_link = {
	.name = N_("Link accounts"),
	.scopes = 0,
	.enter = enter,
	.leave = leave,
	.draw = draw,
	.key = key,
	.free = wiz_free,
};
