# dedi: the console (no subcommand) and the scripting face.
bin_PROGRAMS += dedi
dedi_CPPFLAGS = $(AM_CPPFLAGS) $(CURL_CFLAGS) $(JANSSON_CFLAGS) $(SODIUM_CFLAGS)
dedi_SOURCES = \
	cli/cli.h \
	cli/main.c \
	cli/servers.c \
	cli/servers_edit.c
dedi_LDADD = $(DD_TUI_LIBS) $(DD_SANDBOX_LIBS) $(DD_CORE_LIBS) $(PTHREAD_LIBS)
dedi_SOURCES += cli/unlock.c cli/unlock.h cli/auth.c cli/vault.c
