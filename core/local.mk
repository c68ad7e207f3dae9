# libdedicore: everything that has no screen.
noinst_LIBRARIES += core/libdedicore.a
core_libdedicore_a_CPPFLAGS = $(AM_CPPFLAGS) $(CURL_CFLAGS) $(JANSSON_CFLAGS) $(SODIUM_CFLAGS) $(YAML_CFLAGS)
core_libdedicore_a_SOURCES = \
	core/error.c core/error.h

# What a program linking libdedicore needs after it.
DD_CORE_LIBS = core/libdedicore.a $(CURL_LIBS) $(JANSSON_LIBS) $(SODIUM_LIBS) $(YAML_LIBS)
core_libdedicore_a_SOURCES += \
	core/safefile.c core/safefile.h \
	core/vault.c core/vault.h \
	core/hardening.c core/hardening.h
