# tui: the ncurses console. dedi.c links $(DD_TUI_LIBS) into dedi and
# calls dd_tui_run when no subcommand is given.
noinst_LIBRARIES += tui/libdeditui.a
tui_libdeditui_a_CPPFLAGS = $(AM_CPPFLAGS) $(NCURSES_CFLAGS) $(CURL_CFLAGS) $(JANSSON_CFLAGS)
tui_libdeditui_a_SOURCES = \
	tui/tui.h tui/app.h \
	tui/app.c tui/loop.c tui/input.c tui/input.h tui/frame.c tui/frame.h tui/keys.c tui/keys.h tui/table.c tui/table.h \
	tui/theme.c tui/theme.h tui/draw.c tui/draw.h \
	tui/status.c tui/status.h tui/prompt.c tui/prompt.h \
	tui/help.c tui/help.h tui/dialog.c tui/dialog.h tui/cmdline.c tui/cmdline.h \
	tui/servers.c tui/servers_cmd.c tui/servers.h tui/server_view.c tui/server_view.h tui/view_lines.c \
	tui/network.c tui/network.h tui/failover.c tui/ipv6.c \
	tui/billing.c tui/billing.h tui/invoice_view.c \
	tui/billing_bulk.c tui/billing_servers.c tui/invoice_page.c tui/invoice_page.h \
	tui/account.c tui/log.c tui/profiles.c tui/profiles.h \
	tui/offers.c tui/offers.h tui/audit_view.c \
	tui/rpn.c tui/rpn.h \
	tui/link_wizard.c tui/link_wizard.h tui/link_steps.c

DD_TUI_LIBS = tui/libdeditui.a $(NCURSES_LIBS)
# the server actions (reboot, start, stop, rescue, KVM) from a row or an overview
tui_libdeditui_a_SOURCES += tui/actions.c tui/actions.h tui/bmc.c tui/bmc.h tui/install.c tui/install.h \
	tui/ssh.c tui/ssh.h tui/raid.c tui/raid.h
