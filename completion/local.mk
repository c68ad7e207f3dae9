# Shell completion: bash under the name bash-completion loads on demand,
# "dedi"; zsh as "_dedi" in the vendor directory Debian's zsh puts on
# $fpath. `make bashcompletiondir=DIR zshcompletiondir=DIR install` puts
# them elsewhere.
bashcompletiondir = $(datadir)/bash-completion/completions
zshcompletiondir = $(datadir)/zsh/vendor-completions
EXTRA_DIST += completion/dedi.bash completion/_dedi

install-data-local: install-bash-completion install-zsh-completion
install-bash-completion:
	$(MKDIR_P) '$(DESTDIR)$(bashcompletiondir)'
	$(INSTALL_DATA) '$(srcdir)/completion/dedi.bash' '$(DESTDIR)$(bashcompletiondir)/dedi'
install-zsh-completion:
	$(MKDIR_P) '$(DESTDIR)$(zshcompletiondir)'
	$(INSTALL_DATA) '$(srcdir)/completion/_dedi' '$(DESTDIR)$(zshcompletiondir)/_dedi'

uninstall-local: uninstall-bash-completion uninstall-zsh-completion
uninstall-bash-completion:
	rm -f '$(DESTDIR)$(bashcompletiondir)/dedi'
uninstall-zsh-completion:
	rm -f '$(DESTDIR)$(zshcompletiondir)/_dedi'
.PHONY: install-bash-completion uninstall-bash-completion install-zsh-completion uninstall-zsh-completion
