# i18n: the French catalog is complete, nothing shown is left unmarked,
# money, dates and machine outputs under a French locale.
TESTS += tests/i18n/catalog.sh tests/i18n/unmarked.sh
EXTRA_DIST += tests/i18n/catalog.sh tests/i18n/unmarked.sh tests/i18n/unmarked.pl tests/i18n/unmarked.allow
# i18ncmd: the commands in French (help, core's errors, human table
# headers) and -o json unchanged by the locale.
TESTS += tests/i18n/cmd_fr.sh
EXTRA_DIST += tests/i18n/cmd_fr.sh
