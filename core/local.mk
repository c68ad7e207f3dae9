# libdedicore: everything that has no screen.
noinst_LIBRARIES += core/libdedicore.a
core_libdedicore_a_CPPFLAGS = $(AM_CPPFLAGS) $(CURL_CFLAGS) $(JANSSON_CFLAGS) $(SODIUM_CFLAGS) $(YAML_CFLAGS)
core_libdedicore_a_SOURCES = \
	core/account.c core/account.h \
	core/apierr.c core/apierr.h \
	core/creds.c core/creds.h \
	core/error.c core/error.h \
	core/export.c core/export.h \
	core/http.c core/http.h \
	core/json.c core/json.h \
	core/model.c core/model.h \
	core/online.c core/online.h \
	core/scw_dedibox.c core/scw_dedibox.h \
	core/text.h

# What a program linking libdedicore needs after it.
DD_CORE_LIBS = core/libdedicore.a $(CURL_LIBS) $(JANSSON_LIBS) $(SODIUM_LIBS) $(YAML_LIBS)
