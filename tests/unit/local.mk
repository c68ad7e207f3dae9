# tests/unit: owned by whoever writes its tests

check_PROGRAMS += tests/unit/test_text
TESTS += tests/unit/test_text
tests_unit_test_text_SOURCES = tests/unit/test_text.c \
	tests/fuzz/text_check.c tests/fuzz/text_check.h
tests_unit_test_text_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_text_LDADD = $(DD_CORE_LIBS) $(CMOCKA_LIBS)

check_PROGRAMS += tests/unit/test_netcalc
TESTS += tests/unit/test_netcalc
tests_unit_test_netcalc_SOURCES = tests/unit/test_netcalc.c
tests_unit_test_netcalc_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_netcalc_LDADD = $(DD_CORE_LIBS) $(CMOCKA_LIBS)
