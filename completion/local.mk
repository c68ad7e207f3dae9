# bash completion (actfix): installed under the name bash-completion loads
# on demand, "dedi"; `make bashcompletiondir=DIR install` puts it elsewhere.
bashcompletiondir = $(datadir)/bash-completion/completions
EXTRA_DIST += completion/dedi.bash

install-data-local: install-bash-completion
install-bash-completion:
	$(MKDIR_P) '$(DESTDIR)$(bashcompletiondir)'
	$(INSTALL_DATA) '$(srcdir)/completion/dedi.bash' '$(DESTDIR)$(bashcompletiondir)/dedi'

uninstall-local: uninstall-bash-completion
uninstall-bash-completion:
	rm -f '$(DESTDIR)$(bashcompletiondir)/dedi'
.PHONY: install-bash-completion uninstall-bash-completion
