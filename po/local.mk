# po: the translations. The console's strings are in po/fr.po, the
# commands' and core's in po/fr-cmd.po; both are compiled into one
# dedi.mo (a msgid in both takes fr.po's translation). The build tree keeps
# it at po/locale/fr/LC_MESSAGES/dedi.mo so that tests run dedi with
# DEDI_LOCALEDIR=$(abs_top_builddir)/po/locale before any install.
frmsgdir = $(localedir)/fr/LC_MESSAGES
frmsg_DATA = po/locale/fr/LC_MESSAGES/dedi.mo
DD_PO_FR = $(srcdir)/po/fr.po $(srcdir)/po/fr-cmd.po
EXTRA_DIST += po/fr.po po/fr-cmd.po po/xgettext.sh
CLEANFILES += po/locale/fr/LC_MESSAGES/dedi.mo

po/locale/fr/LC_MESSAGES/dedi.mo: $(DD_PO_FR)
	$(AM_V_GEN)$(MKDIR_P) po/locale/fr/LC_MESSAGES && \
	$(MSGCAT) --force-po --use-first $(DD_PO_FR) | $(MSGFMT) --check -o $@.tmp - && mv $@.tmp $@

clean-local: clean-po
clean-po:
	rm -rf po/locale

# make update-po: every string of every source into po/dedi.pot, then
# each catalog merged with the strings of the rooms it owns (fr.po: tui;
# fr-cmd.po: dedi.c, cli and core). New strings arrive untranslated;
# tests/i18n/catalog.sh fails until they are translated.
update-po:
	$(SHELL) $(srcdir)/po/xgettext.sh $(srcdir) $(abs_srcdir)/po/dedi.pot
	$(SHELL) $(srcdir)/po/xgettext.sh $(srcdir) $(abs_builddir)/po/tui.pot tui
	$(SHELL) $(srcdir)/po/xgettext.sh $(srcdir) $(abs_builddir)/po/cmd.pot dedi.c cli core
	$(MSGMERGE) --quiet --update --backup=none --no-wrap $(srcdir)/po/fr.po po/tui.pot
	$(MSGMERGE) --quiet --update --backup=none --no-wrap $(srcdir)/po/fr-cmd.po po/cmd.pot
	rm -f po/tui.pot po/cmd.pot
.PHONY: update-po clean-po
