/* The key table. Several keys may share an action; the first one with a
 * command name names it on the `:` line. */
#include <string.h>

#include <curses.h>

#include "tui/keys.h"
#include "core/i18n.h"

#define G DD_KS_GLOBAL
#define M DD_KS_MOVE
#define T DD_KS_TABLE
#define V DD_KS_VIEW
#define N DD_KS_NET
#define A DD_KS_SERVER
#define B DD_KS_BILL
#define I DD_KS_INVOICE

static const struct dd_key table[] = {
	/* Billing first: its space and Enter win over the moving keys'. */
	{ '\n', DD_ACT_OPEN, B, N_("Enter"), NULL, N_("Open the invoice: its lines or parts, payment, deadlines.") },
	{ '\r', DD_ACT_OPEN, B, NULL, NULL, NULL },
	{ KEY_ENTER, DD_ACT_OPEN, B, NULL, NULL, NULL },
	{ 'f', DD_ACT_BILL_SOURCE, B, "f", NULL, N_("Billing: show both sources, Dedibox only, Scaleway only.") },
	{ 'm', DD_ACT_BILL_GROUP, B, "m", NULL, N_("Billing: totals per month, per year, or one row per invoice.") },
	{ 'c', DD_ACT_BILL_CHART, B, "c", NULL, N_("Billing: the 12-month spend chart, per source.") },
	{ 'p', DD_ACT_BILL_SERVERS, B, "p", NULL, N_("Billing: Dedibox cost per server over a year ([ ] change the year).") },
	{ '[', DD_ACT_BILL_YEAR_PREV, B, "[", NULL, N_("Billing, cost per server: the year before.") },
	{ ']', DD_ACT_BILL_YEAR_NEXT, B, "]", NULL, N_("Billing, cost per server: the year after.") },
	{ 'd', DD_ACT_BILL_PDF, B | I, "d", NULL, N_("Save the invoice's PDF here (never over a file).") },
	{ ' ', DD_ACT_BILL_MARK, B, N_("Space"), NULL, N_("Billing: mark or unmark the invoice (for D).") },
	{ 'D', DD_ACT_BILL_BULK, B, "D", NULL, N_("Billing: save the PDFs of the marked invoices into a directory you type.") },
	{ 'j', DD_ACT_DOWN, M, N_("j Down"), "down", N_("Move down one row.") },
	{ KEY_DOWN, DD_ACT_DOWN, M, NULL, NULL, NULL },
	{ 'k', DD_ACT_UP, M, N_("k Up"), "up", N_("Move up one row.") },
	{ KEY_UP, DD_ACT_UP, M, NULL, NULL, NULL },
	{ 'g', DD_ACT_TOP, M, N_("g Home"), "top", N_("Go to the first row.") },
	{ KEY_HOME, DD_ACT_TOP, M, NULL, NULL, NULL },
	{ 'G', DD_ACT_BOTTOM, M, N_("G End"), "bottom", N_("Go to the last row.") },
	{ KEY_END, DD_ACT_BOTTOM, M, NULL, NULL, NULL },
	{ KEY_NPAGE, DD_ACT_PGDN, M, N_("PgDn"), NULL, N_("Page down.") },
	{ ' ', DD_ACT_PGDN, M, NULL, NULL, NULL },
	{ KEY_PPAGE, DD_ACT_PGUP, M, N_("PgUp"), NULL, N_("Page up.") },
	{ DD_CTRL('d'), DD_ACT_HALFDN, M, N_("Ctrl-D"), NULL, N_("Half a page down.") },
	{ DD_CTRL('u'), DD_ACT_HALFUP, M, N_("Ctrl-U"), NULL, N_("Half a page up.") },
	{ KEY_LEFT, DD_ACT_LEFT, T, N_("Left h"), NULL, N_("Scroll the columns left.") },
	{ 'h', DD_ACT_LEFT, T, NULL, NULL, NULL },
	{ KEY_RIGHT, DD_ACT_RIGHT, T, N_("Right l"), NULL, N_("Scroll the columns right.") },
	{ 'l', DD_ACT_RIGHT, T, NULL, NULL, NULL },
	{ '\n', DD_ACT_OPEN, T, N_("Enter"), NULL, N_("Open the server's overview.") },
	{ '\r', DD_ACT_OPEN, T, NULL, NULL, NULL },
	{ KEY_ENTER, DD_ACT_OPEN, T, NULL, NULL, NULL },
	{ '/', DD_ACT_FILTER, T, "/", "filter", N_("Filter as you type, over every column.") },
	{ 'n', DD_ACT_NEXT, T, "n", NULL, N_("Next matching row.") },
	{ 'N', DD_ACT_PREV, T, "N", NULL, N_("Previous matching row.") },
	{ 's', DD_ACT_SORT, T, "s", NULL, N_("Sort by the next column.") },
	{ 'S', DD_ACT_RSORT, T, "S", NULL, N_("Reverse the sort.") },
	{ '\n', DD_ACT_OPEN, V, N_("Enter"), NULL, N_("Edit the selected line (hostname, tags, reverse, backup).") },
	{ '\r', DD_ACT_OPEN, V, NULL, NULL, NULL },
	{ KEY_ENTER, DD_ACT_OPEN, V, NULL, NULL, NULL },
	{ 'e', DD_ACT_HOSTNAME, V, "e", "hostname", N_("Edit the hostname.") },
	{ 't', DD_ACT_TAGS, V, "t", "tags", N_("Edit the tags.") },
	{ 'v', DD_ACT_REVERSE, V, "v", "reverse", N_("Edit the reverse DNS of the selected IP.") },
	{ 'a', DD_ACT_AUTOLOGIN, V, "a", "autologin", N_("Turn backup autologin on or off.") },
	{ 'c', DD_ACT_ACL, V, "c", "acl", N_("Turn the backup access list on or off.") },
	{ 'p', DD_ACT_BACKUP_PW, V, "p", "password", N_("Set a new backup password (typed hidden).") },
	{ ']', DD_ACT_EV_NEXT, V, "]", NULL, N_("Older events (next page of the log).") },
	{ '[', DD_ACT_EV_PREV, V, "[", NULL, N_("Newer events (previous page of the log).") },
	{ 'f', DD_ACT_NET_FAILOVER, N, "f", NULL, N_("Network: the failover IPs.") },
	{ 'i', DD_ACT_NET_IPV6, N, "i", NULL, N_("Network: the IPv6 block and its subnets.") },
	{ 'R', DD_ACT_RPN, N, "R", NULL, N_("Network: the RPN v1 and v2 topology (also :rpn).") },
	{ 'm', DD_ACT_NET_MOVE, N, "m", NULL, N_("Move the failover IP to another server (its MAC and reverse go with it).") },
	{ 'a', DD_ACT_NET_ATTACH, N, "a", NULL, N_("Route the failover IP to a server.") },
	{ 'd', DD_ACT_NET_DETACH, N, "d", NULL, N_("Detach the failover IP from its server.") },
	{ 'M', DD_ACT_NET_MAC, N, "M", NULL, N_("Give the failover IP a virtual MAC (vmware, kvm, xen); none removes it.") },
	{ 'v', DD_ACT_REVERSE, N, "v", NULL, N_("Edit the reverse DNS of the failover IP.") },
	{ 'x', DD_ACT_NET_DELETE, N, "x", NULL, N_("Delete the failover IP, or the IPv6 subnet.") },
	{ 'n', DD_ACT_NET_PICK, N, "n", NULL, N_("IPv6: pick a free /56 to carve.") },
	{ 'N', DD_ACT_NET_PICK64, N, "N", NULL, N_("IPv6: pick a free /64 in the /56 under the cursor.") },
	{ 'c', DD_ACT_NET_CARVE, N, "c", NULL, N_("IPv6: carve a subnet typed by hand.") },
	{ 'e', DD_ACT_NET_NS, N, "e", NULL, N_("IPv6: edit the name servers of the delegation.") },
	{ 'o', DD_ACT_NET_ORDER, N, "o", NULL, N_("Network: order failover IPs in a zone (its price shown), or the IPv6 block when there is none.") },
	{ '\n', DD_ACT_OPEN, N, N_("Enter"), NULL, N_("Network: carve the picked subnet.") },
	{ '\r', DD_ACT_OPEN, N, NULL, NULL, NULL },
	{ KEY_ENTER, DD_ACT_OPEN, N, NULL, NULL, NULL },
	{ 'R', DD_ACT_REBOOT, A, "R", "reboot", N_("Reboot the server (asks, the hostname typed).") },
	{ 'O', DD_ACT_START, A, "O", "start", N_("Power the server on (asks).") },
	{ 'X', DD_ACT_STOP, A, "X", "stop", N_("Power the server off (asks).") },
	{ 'E', DD_ACT_RESCUE, A, "E", "rescue", N_("Boot into rescue, or leave it (asks; shows the credentials once).") },
	{ 'K', DD_ACT_BMC, A, "K", "kvm", N_("KVM (BMC) access: the address typed (your SSH one by default), a countdown, x revokes (asks).") },
	{ 'I', DD_ACT_INSTALL, A, "I", "install", N_("Install a system: the wizard, then its progress.") },
	{ 'L', DD_ACT_SSH, A, "L", "ssh", N_("ssh to the server's address; the console comes back after.") },
	{ 'Y', DD_ACT_COPY_ADDR, A, "Y", "copy", N_("Copy the server's address (OSC 52 to the terminal).") },
	{ 'D', DD_ACT_RAID, A, "D", "raid", N_("The RAID arrays and disks; change a level (asks).") },
	{ '?', DD_ACT_HELP, G, "?", "help", N_("Show the keys of this screen.") },
	{ KEY_F(1), DD_ACT_HELP, G, NULL, NULL, NULL },
	{ ':', DD_ACT_CMDLINE, G, ":", NULL, N_("Command line; Tab completes commands and server names.") },
	{ 'r', DD_ACT_REFRESH, G, "r", "refresh", N_("Refresh this screen from the API.") },
	{ '1', DD_ACT_TAB1, G, "1", "servers", N_("Servers tab.") },
	{ '2', DD_ACT_TAB2, G, "2", "network", N_("Network tab.") },
	{ '3', DD_ACT_TAB3, G, "3", "billing", N_("Billing tab.") },
	{ '4', DD_ACT_TAB4, G, "4", "account", N_("Account tab.") },
	{ '\t', DD_ACT_TABNEXT, G, N_("Tab"), NULL, N_("Next tab.") },
	{ KEY_BTAB, DD_ACT_TABPREV, G, N_("Shift-Tab"), NULL, N_("Previous tab.") },
	{ DD_KEY_ESC, DD_ACT_ESC, G, N_("Esc"), NULL, N_("Clear the filter, close, or go back.") },
	{ 'q', DD_ACT_BACK, G, "q", "back", N_("Back; quit at the top.") },
	{ DD_CTRL('c'), DD_ACT_QUIT, G, N_("Ctrl-C"), "quit", N_("Quit (asks only if requests are in flight).") },
	{ DD_CTRL('l'), DD_ACT_REDRAW, G, N_("Ctrl-L"), "redraw", N_("Redraw the screen.") },
	{ 0, DD_ACT_LOG, G, NULL, "log", N_("Show the log of errors and results, whole.") },
	/* order */
	{ 'o', DD_ACT_OFFERS, DD_KS_SERVERS, "o", "order", N_("Browse the server offers and order one.") },
	{ 0, DD_ACT_AUDIT, G, NULL, "audit", N_("Show the audit log of every write, newest first.") },
	{ 0, DD_ACT_RPN, G, NULL, "rpn", N_("Show the RPN topology: v1 and v2 groups, members, VLANs, invitations.") },
	{ 'd', DD_ACT_RPN_DELETE, DD_KS_RPN, "d", NULL, N_("Delete the group, remove the member or refuse the invitation under the cursor (asks first).") },
	{ 'a', DD_ACT_RPN_ACCEPT, DD_KS_RPN, "a", NULL, N_("Accept the invitation under the cursor (asks first).") },
	{ 'l', DD_ACT_RPN_LOGS, DD_KS_RPN, "l", NULL, N_("Show the logs of the RPN v2 group under the cursor (Esc back).") },
};

const struct dd_key *dd_keys(size_t *n)
{
	*n = sizeof(table) / sizeof(table[0]);
	return table;
}

enum dd_action dd_keys_lookup(int key, unsigned scopes)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].key && table[i].key == key && (table[i].scope & scopes))
			return table[i].action;
	return DD_ACT_NONE;
}

enum dd_action dd_keys_command(const char *name)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].command && !strcmp(table[i].command, name))
			return table[i].action;
	return DD_ACT_NONE;
}
