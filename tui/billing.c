/* The Billing tab: invoices and consumption come in a later issue; until
 * then it says what it will hold. */
#include <curses.h>

#include "tui/app.h"
#include "tui/draw.h"

static void draw(const struct dd_app *app)
{
	int y = dd_app_body_top() + 1, w = app->cols - 4;
	dd_draw_text(y, 2, w, "Billing", dd_theme_attr(&app->theme, DD_R_SECTION));
	y += 2;
	y += dd_draw_para(y, 2, 6, w,
			  "This tab will hold the Dedibox invoices and refunds, the Scaleway "
			  "invoices, the consumption of the current month with its taxes, and "
			  "the discounts (such as an account-linking discount). None of that "
			  "is built yet.",
			  dd_theme_attr(&app->theme, DD_R_NORMAL)) + 1;
	dd_draw_para(y, 2, 4, w,
		     "Payment methods cannot be managed through any public API; this tab "
		     "will show what the APIs do tell about them.",
		     dd_theme_attr(&app->theme, DD_R_DIM));
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	(void)app, (void)act, (void)fkey, (void)ch;
	return DD_RES_UNHANDLED;
}

const struct dd_screen_ops dd_screen_billing = {
	.name = "Billing",
	.scopes = 0,
	.draw = draw,
	.key = key,
};
