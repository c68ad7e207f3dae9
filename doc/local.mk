# doc
dist_man_MANS += doc/dedi.1
dist_man_MANS += doc/dedi-sandbox.1
dist_man_MANS += doc/dedi-config.5
EXTRA_DIST += doc/vault-format.md
EXTRA_DIST += doc/HACKING.md
EXTRA_DIST += doc/json-fields.md
EXTRA_DIST += doc/cache-format.md
