/* The one key table: it dispatches keys, builds the `?` help and names
 * the `:` commands, so the three cannot drift apart. */
#ifndef DD_TUI_KEYS_H
#define DD_TUI_KEYS_H

#include <stddef.h>

enum dd_action {
	DD_ACT_NONE,
	/* moving */
	DD_ACT_UP, DD_ACT_DOWN, DD_ACT_TOP, DD_ACT_BOTTOM,
	DD_ACT_PGDN, DD_ACT_PGUP, DD_ACT_HALFDN, DD_ACT_HALFUP,
	DD_ACT_LEFT, DD_ACT_RIGHT,
	/* lists */
	DD_ACT_OPEN, DD_ACT_FILTER, DD_ACT_NEXT, DD_ACT_PREV,
	DD_ACT_SORT, DD_ACT_RSORT,
	/* overview */
	DD_ACT_HOSTNAME, DD_ACT_TAGS, DD_ACT_REVERSE,
	DD_ACT_AUTOLOGIN, DD_ACT_ACL, DD_ACT_BACKUP_PW, DD_ACT_EV_NEXT, DD_ACT_EV_PREV,
	/* the Network tab */
	DD_ACT_NET_FAILOVER, DD_ACT_NET_IPV6, DD_ACT_NET_MOVE, DD_ACT_NET_ATTACH,
	DD_ACT_NET_DETACH, DD_ACT_NET_MAC, DD_ACT_NET_DELETE, DD_ACT_NET_PICK,
	DD_ACT_NET_PICK64, DD_ACT_NET_CARVE, DD_ACT_NET_NS, DD_ACT_NET_ORDER,
	/* server actions, from a server's row or overview (in this order) */
	DD_ACT_REBOOT, DD_ACT_START, DD_ACT_STOP, DD_ACT_RESCUE, DD_ACT_BMC, DD_ACT_INSTALL,
	DD_ACT_SSH, DD_ACT_COPY_ADDR, DD_ACT_RAID,
	/* everywhere */
	DD_ACT_HELP, DD_ACT_CMDLINE, DD_ACT_REFRESH,
	DD_ACT_TAB1, DD_ACT_TAB2, DD_ACT_TAB3, DD_ACT_TAB4,
	DD_ACT_TABNEXT, DD_ACT_TABPREV,
	DD_ACT_ESC, DD_ACT_BACK, DD_ACT_QUIT, DD_ACT_REDRAW, DD_ACT_LOG,
	DD_ACT_OFFERS, DD_ACT_AUDIT, /* order */
	/* RPN topology (tui/rpn.c) */
	DD_ACT_RPN, DD_ACT_RPN_DELETE, DD_ACT_RPN_ACCEPT, DD_ACT_RPN_LOGS,
	/* the Billing tab and the invoice detail (tui/billing.c, invoice_view.c) */
	DD_ACT_BILL_SOURCE, DD_ACT_BILL_GROUP, DD_ACT_BILL_CHART, DD_ACT_BILL_PDF,
	DD_ACT_BILL_SERVERS, DD_ACT_BILL_MARK, DD_ACT_BILL_BULK, DD_ACT_BILL_YEAR_PREV,
	DD_ACT_BILL_YEAR_NEXT,
	DD_ACT__COUNT
};

/* Where a key applies: a screen declares the scopes it takes. */
enum {
	DD_KS_GLOBAL = 1,   /* every screen */
	DD_KS_MOVE = 2,     /* screens that scroll */
	DD_KS_TABLE = 4,    /* screens with a sortable, filterable table */
	DD_KS_VIEW = 8,     /* the server overview */
	DD_KS_NET = 16,     /* the Network tab */
	DD_KS_RPN = 32,     /* the RPN topology */
	DD_KS_SERVER = 64,  /* one server is selected: the list and the overview */
	DD_KS_BILL = 128,   /* the Billing tab */
	DD_KS_INVOICE = 256, /* one invoice's detail */
	DD_KS_SERVERS = 512 /* the Servers tab's list only */
};

struct dd_key {
	int key;               /* curses key code or character */
	enum dd_action action;
	unsigned scope;        /* DD_KS_* */
	const char *keyname;   /* as shown in help: "j", "PgDn" */
	const char *command;   /* `:` command name, NULL when the key has none */
	const char *help;      /* one sentence */
};

#define DD_CTRL(c) ((c) & 0x1f)
#define DD_KEY_ESC 27

/* The table, and its length. */
const struct dd_key *dd_keys(size_t *n);
/* The action of a key in the given scopes, DD_ACT_NONE if none. */
enum dd_action dd_keys_lookup(int key, unsigned scopes);
/* The action named by a `:` command, DD_ACT_NONE if none. */
enum dd_action dd_keys_command(const char *name);

#endif
