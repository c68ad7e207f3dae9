/* The Account tab: what this profile can reach today (from its
 * credentials, masked), and the way into the link wizard (Enter). */
#include <stdio.h>

#include <curses.h>

#include "tui/app.h"
#include "tui/draw.h"
#include "tui/link_wizard.h"
#include "core/i18n.h"

static void row(const struct dd_app *app, int y, const char *label, const char *value)
{
	dd_draw_field(y, 2, 22, label, dd_theme_attr(&app->theme, DD_R_LABEL));
	dd_draw_text(y, 25, app->cols - 27, value, dd_theme_attr(&app->theme, DD_R_VALUE));
}

static void draw(const struct dd_app *app)
{
	const struct dd_creds *c = dd_account_creds(app->account);
	int y = dd_app_body_top() + 1, w = app->cols - 4;
	char buf[300], mask[64];
	dd_draw_text(y, 2, w, _("Account"), dd_theme_attr(&app->theme, DD_R_SECTION));
	y += 2;
	row(app, y++, "profile", app->opts->profile_label ? app->opts->profile_label : c->profile);
	if (dd_creds_has_scw(c)) {
		dd_creds_mask(c->access_key, mask, sizeof(mask));
		snprintf(buf, sizeof(buf), _("access key %s at %s"), c->access_key[0] ? mask : _("(none)"),
			 c->scw_api_url);
	} else {
		snprintf(buf, sizeof(buf), _("no keys in this profile"));
	}
	row(app, y++, _("Scaleway Dedibox"), buf);
	snprintf(buf, sizeof(buf), "%s%s%s", dd_creds_has_online(c) ? _("token set, at ") : _("no token in this profile"),
		 dd_creds_has_online(c) ? c->online_api_url : "", "");
	row(app, y++, _("Online (Dedibox console)"), buf);
	row(app, y++, "zone", c->zone[0] ? c->zone : _("every zone"));
	if (app->opts->demo)
		row(app, y++, "mode", _("demo: the embedded sandbox, nothing real is touched"));
	y++;
	dd_draw_text(y++, 2, w, _("> Link accounts  (Enter)"), dd_theme_attr(&app->theme, DD_R_CURSOR));
	dd_draw_para(y, 2, 4, w,
		     _("The wizard tells from the APIs whether your Dedibox and Scaleway accounts "
		     "are linked, whether they could have been and why not, what changes for "
		     "payment and data, and saves one profile holding both credentials."),
		     dd_theme_attr(&app->theme, DD_R_DIM));
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	(void)act;
	if (fkey ? ch == KEY_ENTER : (ch == '\r' || ch == '\n')) {
		dd_app_switch(app, &dd_screen_link);
		return DD_RES_REDRAW;
	}
	return DD_RES_UNHANDLED;
}

const struct dd_screen_ops dd_screen_account = {
	.name = N_("Account"),
	.scopes = 0,
	.draw = draw,
	.key = key,
};
