# tests/screen: the console in a pseudo-terminal (forkpty + libvterm),
# plus the pure parts of the console (themes) and of core/overview.
check_PROGRAMS += tests/screen/test_screen tests/screen/test_frame tests/screen/test_theme tests/screen/test_overview \
	tests/screen/test_table tests/screen/test_dialog
TESTS += tests/screen/test_theme tests/screen/test_table tests/screen/test_dialog tests/screen/test_overview \
	tests/screen/test_screen tests/screen/test_frame
tests_screen_test_frame_SOURCES = tests/screen/test_frame.c \
	tests/screen/harness.c tests/screen/harness.h
tests_screen_test_frame_CPPFLAGS = $(AM_CPPFLAGS) $(VTERM_CFLAGS)
tests_screen_test_frame_LDADD = $(VTERM_LIBS) -lutil
EXTRA_tests_screen_test_frame_DEPENDENCIES = dedi$(EXEEXT) dedi-sandbox$(EXEEXT)
tests_screen_test_screen_SOURCES = tests/screen/test_screen.c \
	tests/screen/harness.c tests/screen/harness.h
tests_screen_test_screen_CPPFLAGS = $(AM_CPPFLAGS) $(VTERM_CFLAGS)
tests_screen_test_screen_LDADD = $(VTERM_LIBS) -lutil
# The screen tests run the programs they test.
EXTRA_tests_screen_test_screen_DEPENDENCIES = dedi$(EXEEXT) dedi-sandbox$(EXEEXT)
tests_screen_test_theme_SOURCES = tests/screen/test_theme.c
tests_screen_test_theme_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS) $(NCURSES_CFLAGS)
tests_screen_test_theme_LDADD = $(DD_TUI_LIBS) $(DD_CORE_LIBS) $(CMOCKA_LIBS)
tests_screen_test_table_SOURCES = tests/screen/test_table.c
tests_screen_test_table_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS) $(NCURSES_CFLAGS)
tests_screen_test_table_LDADD = $(DD_TUI_LIBS) $(DD_CORE_LIBS) $(CMOCKA_LIBS)
tests_screen_test_dialog_SOURCES = tests/screen/test_dialog.c
tests_screen_test_dialog_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS) $(NCURSES_CFLAGS)
tests_screen_test_dialog_LDADD = $(DD_TUI_LIBS) $(DD_CORE_LIBS) $(CMOCKA_LIBS)
tests_screen_test_overview_SOURCES = tests/screen/test_overview.c
tests_screen_test_overview_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS) $(JANSSON_CFLAGS) $(CURL_CFLAGS)
tests_screen_test_overview_LDADD = $(DD_CORE_LIBS) $(CMOCKA_LIBS)
EXTRA_DIST += tests/screen/golden
# Figures (not a test): make tests/screen/bench_screen && tests/screen/bench_screen 10000
EXTRA_PROGRAMS += tests/screen/bench_screen
tests_screen_bench_screen_SOURCES = tests/screen/bench_screen.c \
	tests/screen/harness.c tests/screen/harness.h
tests_screen_bench_screen_CPPFLAGS = $(AM_CPPFLAGS) $(VTERM_CFLAGS)
tests_screen_bench_screen_LDADD = $(VTERM_LIBS) -lutil
CLEANFILES += tests/screen/bench_screen
# Switching profile in the console (a vault made with core's calls).
check_PROGRAMS += tests/screen/test_profiles
TESTS += tests/screen/test_profiles
tests_screen_test_profiles_SOURCES = tests/screen/test_profiles.c \
	tests/screen/harness.c tests/screen/harness.h
tests_screen_test_profiles_CPPFLAGS = $(AM_CPPFLAGS) $(VTERM_CFLAGS) $(SODIUM_CFLAGS)
tests_screen_test_profiles_LDADD = $(DD_CORE_LIBS) $(VTERM_LIBS) -lutil
EXTRA_tests_screen_test_profiles_DEPENDENCIES = dedi$(EXEEXT) dedi-sandbox$(EXEEXT)

# issue 17: a list with a zone missing stays on screen, marked incomplete
check_PROGRAMS += tests/screen/test_partial
TESTS += tests/screen/test_partial
tests_screen_test_partial_SOURCES = tests/screen/test_partial.c \
	tests/screen/harness.c tests/screen/harness.h
tests_screen_test_partial_CPPFLAGS = $(AM_CPPFLAGS) $(VTERM_CFLAGS)
tests_screen_test_partial_LDADD = $(VTERM_LIBS) -lutil
EXTRA_tests_screen_test_partial_DEPENDENCIES = dedi$(EXEEXT) dedi-sandbox$(EXEEXT)

# Issue 18's console items: keys, :log, command line, messages, small terminals.
check_PROGRAMS += tests/screen/test_console_keys
TESTS += tests/screen/test_console_keys
tests_screen_test_console_keys_SOURCES = tests/screen/test_console_keys.c \
	tests/screen/harness.c tests/screen/harness.h
tests_screen_test_console_keys_CPPFLAGS = $(AM_CPPFLAGS) $(VTERM_CFLAGS)
tests_screen_test_console_keys_LDADD = $(VTERM_LIBS) -lutil
EXTRA_tests_screen_test_console_keys_DEPENDENCIES = dedi$(EXEEXT) dedi-sandbox$(EXEEXT)
# Every theme readable with 8 colours (issue 18, item 20).
check_PROGRAMS += tests/screen/test_theme8
TESTS += tests/screen/test_theme8
tests_screen_test_theme8_SOURCES = tests/screen/test_theme8.c
tests_screen_test_theme8_CPPFLAGS = $(AM_CPPFLAGS) $(CMOCKA_CFLAGS) $(NCURSES_CFLAGS)
tests_screen_test_theme8_LDADD = $(DD_TUI_LIBS) $(DD_CORE_LIBS) $(CMOCKA_LIBS)

# The Servers list of issue 18: zones, columns, sort, colours, refresh.
check_PROGRAMS += tests/screen/test_servers_list
TESTS += tests/screen/test_servers_list
tests_screen_test_servers_list_SOURCES = tests/screen/test_servers_list.c \
	tests/screen/harness.c tests/screen/harness.h
tests_screen_test_servers_list_CPPFLAGS = $(AM_CPPFLAGS) $(VTERM_CFLAGS)
tests_screen_test_servers_list_LDADD = $(VTERM_LIBS) -lutil
EXTRA_tests_screen_test_servers_list_DEPENDENCIES = dedi$(EXEEXT) dedi-sandbox$(EXEEXT)

# billui: the Billing tab and the invoice detail.
check_PROGRAMS += tests/screen/test_billing
TESTS += tests/screen/test_billing
tests_screen_test_billing_SOURCES = tests/screen/test_billing.c \
	tests/screen/harness.c tests/screen/harness.h
tests_screen_test_billing_CPPFLAGS = $(AM_CPPFLAGS) $(VTERM_CFLAGS)
tests_screen_test_billing_LDADD = $(VTERM_LIBS) -lutil
EXTRA_tests_screen_test_billing_DEPENDENCIES = dedi$(EXEEXT) dedi-sandbox$(EXEEXT)
# issue 20: the Network tab (ipv6fo): the subnet picker, the failover move.
check_PROGRAMS += tests/screen/test_network
TESTS += tests/screen/test_network
tests_screen_test_network_SOURCES = tests/screen/test_network.c \
	tests/screen/harness.c tests/screen/harness.h
tests_screen_test_network_CPPFLAGS = $(AM_CPPFLAGS) $(VTERM_CFLAGS)
tests_screen_test_network_LDADD = $(VTERM_LIBS) -lutil
EXTRA_tests_screen_test_network_DEPENDENCIES = dedi$(EXEEXT) dedi-sandbox$(EXEEXT)
# order: the offers screen, the order dialog, :audit
check_PROGRAMS += tests/screen/test_order_screen
TESTS += tests/screen/test_order_screen
tests_screen_test_order_screen_SOURCES = tests/screen/test_order_screen.c \
	tests/screen/harness.c tests/screen/harness.h
tests_screen_test_order_screen_CPPFLAGS = $(AM_CPPFLAGS) $(VTERM_CFLAGS)
tests_screen_test_order_screen_LDADD = $(VTERM_LIBS) -lutil
EXTRA_tests_screen_test_order_screen_DEPENDENCIES = dedi$(EXEEXT) dedi-sandbox$(EXEEXT)
# issue 20: the RPN topology (:rpn) and a delete from it
check_PROGRAMS += tests/screen/test_rpn
TESTS += tests/screen/test_rpn
tests_screen_test_rpn_SOURCES = tests/screen/test_rpn.c \
	tests/screen/harness.c tests/screen/harness.h
tests_screen_test_rpn_CPPFLAGS = $(AM_CPPFLAGS) $(VTERM_CFLAGS)
tests_screen_test_rpn_LDADD = $(VTERM_LIBS) -lutil
EXTRA_tests_screen_test_rpn_DEPENDENCIES = dedi$(EXEEXT) dedi-sandbox$(EXEEXT)
# issue 19: the server actions' dialogs (reboot, stop) in the console
check_PROGRAMS += tests/screen/test_actions
TESTS += tests/screen/test_actions
tests_screen_test_actions_SOURCES = tests/screen/test_actions.c \
	tests/screen/harness.c tests/screen/harness.h
tests_screen_test_actions_CPPFLAGS = $(AM_CPPFLAGS) $(VTERM_CFLAGS)
tests_screen_test_actions_LDADD = $(VTERM_LIBS) -lutil
EXTRA_tests_screen_test_actions_DEPENDENCIES = dedi$(EXEEXT) dedi-sandbox$(EXEEXT)
# linkwiz: the link wizard through every scenario, left and resumed
check_PROGRAMS += tests/screen/test_link_wizard
TESTS += tests/screen/test_link_wizard
tests_screen_test_link_wizard_SOURCES = tests/screen/test_link_wizard.c \
	tests/screen/harness.c tests/screen/harness.h
tests_screen_test_link_wizard_CPPFLAGS = $(AM_CPPFLAGS) $(VTERM_CFLAGS) $(SODIUM_CFLAGS)
tests_screen_test_link_wizard_LDADD = $(DD_CORE_LIBS) $(VTERM_LIBS) -lutil
EXTRA_tests_screen_test_link_wizard_DEPENDENCIES = dedi$(EXEEXT) dedi-sandbox$(EXEEXT)

# cache24: the console paints from the encrypted cache, then refreshes
check_PROGRAMS += tests/screen/test_cache
TESTS += tests/screen/test_cache
tests_screen_test_cache_SOURCES = tests/screen/test_cache.c \
	tests/screen/harness.c tests/screen/harness.h
tests_screen_test_cache_CPPFLAGS = $(AM_CPPFLAGS) $(VTERM_CFLAGS)
tests_screen_test_cache_LDADD = $(VTERM_LIBS) -lutil
EXTRA_tests_screen_test_cache_DEPENDENCIES = dedi$(EXEEXT) dedi-sandbox$(EXEEXT)
# faults25: the console during a stall, a rate limit and malformed JSON
check_PROGRAMS += tests/screen/test_faults
TESTS += tests/screen/test_faults
tests_screen_test_faults_SOURCES = tests/screen/test_faults.c \
	tests/screen/harness.c tests/screen/harness.h
tests_screen_test_faults_CPPFLAGS = $(AM_CPPFLAGS) $(VTERM_CFLAGS)
tests_screen_test_faults_LDADD = $(VTERM_LIBS) -lutil
EXTRA_tests_screen_test_faults_DEPENDENCIES = dedi$(EXEEXT) dedi-sandbox$(EXEEXT)
