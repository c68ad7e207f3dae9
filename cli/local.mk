# cli: the scripting face (dedi SUBCOMMAND ...); main() is dedi.c.
dedi_SOURCES += \
	cli/cli.h \
	cli/cli.c \
	cli/output.c \
	cli/servers.c \
	cli/servers_edit.c
dedi_SOURCES += cli/server_actions.c cli/server_actions.h cli/server_install.c cli/server_raid.c
dedi_SOURCES += cli/opt_table.c cli/opt_table.h
dedi_SOURCES += cli/unlock.c cli/unlock.h cli/auth.c cli/vault.c
dedi_SOURCES += cli/invoices.c
dedi_SOURCES += cli/net_cli.c cli/net_cli.h cli/failover.c cli/ipv6.c
# order: dedi offers, dedi order, dedi audit
dedi_SOURCES += cli/order.c cli/audit.c
dedi_SOURCES += cli/billing.c
# RPN v1 and v2 (issue 20)
dedi_SOURCES += cli/rpn.c
# account linking: dedi link check
dedi_SOURCES += cli/link.c
