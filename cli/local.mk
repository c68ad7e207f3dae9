# cli: the scripting face (dedi SUBCOMMAND ...); main() is dedi.c.
dedi_SOURCES += \
	cli/cli.h \
	cli/cli.c \
	cli/servers.c \
	cli/servers_edit.c
dedi_SOURCES += cli/server_actions.c cli/server_actions.h cli/server_install.c
dedi_SOURCES += cli/unlock.c cli/unlock.h cli/auth.c cli/vault.c
