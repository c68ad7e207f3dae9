# sandbox: the API imitation (libdedisandbox) and the dedi-sandbox program.
noinst_LIBRARIES += sandbox/libdedisandbox.a
sandbox_libdedisandbox_a_CPPFLAGS = $(AM_CPPFLAGS) $(MHD_CFLAGS) $(JANSSON_CFLAGS)
sandbox_libdedisandbox_a_SOURCES = \
	sandbox/sandbox.h \
	sandbox/server.c sandbox/server.h sandbox/reply.c \
	sandbox/emit.c sandbox/emit.h \
	sandbox/world.c sandbox/world.h \
	sandbox/hostile.c \
	sandbox/quirks.c \
	sandbox/faults.c sandbox/faults.h \
	sandbox/scenario.c sandbox/scenario.h \
	sandbox/dedibox_api.c sandbox/dedibox_api.h \
	sandbox/dedibox_actions.c sandbox/dedibox_actions.h \
	sandbox/dedibox_billing.c sandbox/dedibox_billing.h \
	sandbox/dedibox_ipv6.c sandbox/dedibox_ipv6.h \
	sandbox/dedibox_rpn.c sandbox/dedibox_rpn.h sandbox/dedibox_rpn_share.c sandbox/dedibox_rpn_share.h \
	sandbox/dedibox_san.c sandbox/dedibox_san.h \
	sandbox/dedibox_order.c sandbox/dedibox_order.h \
	sandbox/dedibox_raid.c sandbox/dedibox_raid.h \
	sandbox/dedibox_json.c sandbox/dedibox_json.h \
	sandbox/server_wire.c sandbox/server_wire.h \
	sandbox/dedibox_net.c sandbox/dedibox_net.h \
	sandbox/dedibox_paging.c sandbox/dedibox_paging.h \
	sandbox/iam_api.c sandbox/iam_api.h \
	sandbox/billing_api.c sandbox/billing_api.h \
	sandbox/billing_usage.c sandbox/billing_usage.h \
	sandbox/online_api.c sandbox/online_api.h \
	sandbox/online_actions.c sandbox/online_actions.h
# issue 20: Online's RPN reads
sandbox_libdedisandbox_a_SOURCES += sandbox/online_rpn.c sandbox/online_rpn.h
sandbox_libdedisandbox_a_SOURCES += sandbox/online_failover.c sandbox/online_failover.h
# issue 19: Online installation and SSH keys
sandbox_libdedisandbox_a_SOURCES += sandbox/online_install.c sandbox/online_install.h
sandbox_libdedisandbox_a_SOURCES += sandbox/online_bmc.c sandbox/online_bmc.h
# issue 24: Online's ETag and If-None-Match
sandbox_libdedisandbox_a_SOURCES += sandbox/etag.c sandbox/etag.h

# What a program embedding the sandbox links after its objects. Of core it
# takes only the rules library (core/local.mk), never the HTTP client.
DD_SANDBOX_LIBS = sandbox/libdedisandbox.a $(DD_RULES_LIBS) $(MHD_LIBS) $(JANSSON_LIBS) $(PTHREAD_LIBS)

bin_PROGRAMS += dedi-sandbox
dedi_sandbox_SOURCES = sandbox/main.c
dedi_sandbox_LDADD = $(DD_SANDBOX_LIBS)
