# themes: data files, installed to $(pkgdatadir)/themes (the format is
# described at the top of dark.theme).
themesdir = $(pkgdatadir)/themes
dist_themes_DATA = themes/dark.theme themes/light.theme \
	themes/high-contrast.theme themes/mono.theme
EXTRA_DIST += themes/README.md
