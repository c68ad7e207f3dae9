/* The overview of one server: which server, where the cursor is and the
 * lines built from the store's data (core/store.h); the data itself is
 * the store's. */
#ifndef DD_TUI_SERVER_VIEW_H
#define DD_TUI_SERVER_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/store.h"
#include "tui/theme.h"

/* Selectable things on an overview line. */
enum dd_vline_kind {
	DD_VL_TEXT, DD_VL_SECTION, DD_VL_HOSTNAME, DD_VL_TAGS, DD_VL_IP,
	DD_VL_FAILOVER, DD_VL_AUTOLOGIN, DD_VL_ACL, DD_VL_EVENTS
};

struct dd_vline {
	enum dd_vline_kind kind;
	enum dd_role role;
	int ref;               /* DD_VL_IP: iface << 16 | ip */
	char *label;           /* left column, owned */
	char *text;            /* owned */
};

/* As long as a prompt line can be. */
#define DD_VIEW_PW_MAX 512

struct dd_view_state {
	unsigned gen;          /* bumps on open: late edit answers for another server are dropped */
	int64_t id;            /* the server shown: its record and sections are the store's */
	int ev_page;           /* the events page asked for, from 1 */
	int edits;             /* edits in flight */
	char edit_msg[300];    /* the API's last answer to an edit */
	bool edit_ok;          /* that answer accepted it (the text is translated) */
	char pw[DD_VIEW_PW_MAX]; /* the backup password typed once, until typed again */
	struct dd_vline *lines;
	size_t nlines, cap, cursor, top;
	int height;
};

/* view_lines.c: the overview's lines from the store's data. */
void dd_view_rebuild(struct dd_view_state *v, const struct dd_store *st);
void dd_view_lines_free(struct dd_view_state *v);
void dd_view_keep_visible(struct dd_view_state *v);
/* The width of the overview's label column. */
#define DD_VIEW_LABEL_W 18

#endif
