# i18ncmd: the commands in French (help, core's errors, human table
# headers) and -o json unchanged by the locale. It needs the gettext build
# (po/locale/fr/LC_MESSAGES/dedi.mo in the build tree) and dedi's locale
# calls, which come with the i18n infrastructure:
# TESTS += tests/i18n/cmd_fr.sh  (enabled at merge)
EXTRA_DIST += tests/i18n/cmd_fr.sh
