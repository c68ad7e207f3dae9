/* The Network tab. Failover IPs, IPv6 blocks and RPN groups get their own
 * screens in a later issue; until then this says so, and where the network
 * data that already exists is. */
#include <curses.h>

#include "tui/app.h"
#include "tui/draw.h"

static void draw(const struct dd_app *app)
{
	int y = dd_app_body_top() + 1, w = app->cols - 4;
	unsigned long a = dd_theme_attr(&app->theme, DD_R_NORMAL);
	dd_draw_text(y, 2, w, "Network", dd_theme_attr(&app->theme, DD_R_SECTION));
	y += 2;
	y += dd_draw_para(y, 2, 6, w,
			  "This tab will hold the account's failover IPs (order, assign to a "
			  "server, virtual MACs), its IPv6 blocks with their /56 and /64 "
			  "subnets, and the RPN v1 and v2 groups. None of that is built yet.",
			  a) + 1;
	dd_draw_para(y, 2, 6, w,
		     "Today, a server's interfaces, addresses, reverse DNS and the failover "
		     "IPs routed to it are in its overview: press 1 for Servers, pick a "
		     "server and press Enter. Reverse DNS can be edited there (v).",
		     dd_theme_attr(&app->theme, DD_R_DIM));
}

static enum dd_result key(struct dd_app *app, enum dd_action act, bool fkey, int ch)
{
	(void)app, (void)act, (void)fkey, (void)ch;
	return DD_RES_UNHANDLED;
}

const struct dd_screen_ops dd_screen_network = {
	.name = "Network",
	.scopes = 0,
	.draw = draw,
	.key = key,
};
