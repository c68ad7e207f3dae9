# doc
dist_man_MANS += doc/dedi.1
