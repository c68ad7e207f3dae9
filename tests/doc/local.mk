# eco: the man pages render without a warning; make install DESTDIR=...
TESTS += tests/doc/man.sh tests/doc/install.sh
EXTRA_DIST += tests/doc/man.sh tests/doc/install.sh
# fmtcheck: reads -o yaml and -o csv back (libyaml, an RFC 4180 reader)
check_PROGRAMS += tests/doc/fmtcheck
tests_doc_fmtcheck_SOURCES = tests/doc/fmtcheck.c
tests_doc_fmtcheck_CPPFLAGS = $(AM_CPPFLAGS) $(JANSSON_CFLAGS) $(YAML_CFLAGS)
tests_doc_fmtcheck_LDADD = $(JANSSON_LIBS) $(YAML_LIBS)
