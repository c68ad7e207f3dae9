/* Screen test: the RPN topology (`:rpn`) shows v1 and v2 groups together
 * with their members, the VLAN of each membership and the invitations;
 * `d` on a group opens the dialog (Cancel the default, the group's name to
 * type) and a confirmed delete goes through the write path; `l` on an
 * RPN v2 group opens its logs; an Online-only profile's removal goes to
 * Online's route. TAP. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/screen/harness.h"

#define WAIT 15000
#define ENTER "\r"
#define ESC "\033"
#define TAB "\t"

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "# %s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
			term_dump(t, #cond);                                   \
			return false;                                          \
		}                                                              \
	} while (0)

static const char *const world_args[] = { "--seed", "3", "--servers", "16", NULL };

static bool open_topology(struct world *w, struct term *t)
{
	if (world_start(w, world_args) < 0 || term_start(t, w, 30, 110, NULL, NULL) < 0)
		return false;
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, ":rpn" ENTER);
	CHECK(term_wait(t, "RPN topology", WAIT));
	CHECK(term_wait(t, "Invitations received  1", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	return true;
}

static bool t_topology(struct world *w, struct term *t)
{
	if (!open_topology(w, t))
		return false;
	CHECK(term_has(t, "RPN v1  1 group"));
	CHECK(term_has(t, "RPN v2  1 group"));
	CHECK(term_has(t, " backend "));
	CHECK(term_has(t, " private-lan "));
	/* every v2 membership with its VLAN, v1 memberships with none */
	CHECK(term_has(t, "active              VLAN 3900"));
	CHECK(term_find(t, "private-lan") < term_find(t, "VLAN 3900"));
	/* the invitation another account sent, pending */
	CHECK(term_has(t, "into partner-lan"));
	CHECK(term_has(t, "owner partner"));
	CHECK(term_has(t, "pending_invitation"));
	/* Esc goes back to the tab it covered */
	term_send(t, ESC);
	CHECK(term_wait_gone(t, "RPN topology", WAIT));
	return true;
}

static bool t_delete_from_topology(struct world *w, struct term *t)
{
	if (!open_topology(w, t))
		return false;
	/* row 0 is the RPN v1 title, row 1 the backend group */
	term_send(t, "j" "d");
	CHECK(term_wait(t, "Delete RPN v1 group", WAIT));
	CHECK(term_has(t, "DELETE "));
	CHECK(term_has(t, "/dedibox/v1/rpnv1/groups/"));
	/* Cancel is the default: Enter cancels, nothing is sent */
	term_send(t, ENTER);
	CHECK(term_wait(t, "Cancelled; nothing was sent.", WAIT));
	CHECK(term_has(t, " backend "));
	/* Confirm stays disabled until the group's name is typed */
	term_send(t, "d");
	CHECK(term_wait(t, "Delete RPN v1 group", WAIT));
	term_send(t, "back" TAB ENTER);
	CHECK(term_wait(t, "stays disabled", WAIT));
	CHECK(term_has(t, "Delete RPN v1 group"));
	term_send(t, "end" ENTER);
	CHECK(term_wait(t, ": done.", WAIT));
	CHECK(term_wait(t, "RPN v1  0 groups", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(!term_has(t, " backend "));
	CHECK(term_has(t, " private-lan "));
	return true;
}

static bool t_accept_invitation(struct world *w, struct term *t)
{
	if (!open_topology(w, t))
		return false;
	term_send(t, "G");
	CHECK(term_wait(t, "into partner-lan", WAIT));
	term_send(t, "a");
	CHECK(term_wait(t, "Accept RPN v1 invitation", WAIT));
	CHECK(term_has(t, "POST ") && term_has(t, "/rpnv1/invites/"));
	/* nothing to type to accept; Cancel is still the default */
	term_send(t, TAB ENTER);
	CHECK(term_wait(t, ": done.", WAIT));
	CHECK(term_wait(t, "Invitations received  0", WAIT));
	CHECK(term_wait(t, "RPN v1  2 groups", WAIT));
	CHECK(term_has(t, " partner-lan "));
	CHECK(term_has(t, " shared "));
	return true;
}

static bool t_v2_logs(struct world *w, struct term *t)
{
	if (!open_topology(w, t))
		return false;
	/* row 1 is the RPN v1 group backend: v1 groups have no logs */
	term_send(t, "j" "l");
	CHECK(term_wait(t, "logs are RPN v2's", WAIT));
	CHECK(term_has(t, "RPN topology"));
	/* rows 2-4 its members, 5 the RPN v2 title, 6 private-lan */
	term_send(t, "jjjjj" "l");
	CHECK(term_wait(t, "RPN v2 group private-lan (9300002) logs", WAIT));
	CHECK(term_wait(t, "group_created", WAIT));
	CHECK(term_has(t, "members_added"));
	CHECK(term_has(t, "sd-100058"));
	CHECK(!term_has(t, "RPN topology"));
	/* Esc goes back to the topology, not to the tab */
	term_send(t, ESC);
	CHECK(term_wait(t, "RPN topology", WAIT));
	CHECK(!term_has(t, "group_created"));
	CHECK(term_has(t, " private-lan "));
	return true;
}

/* An Online-only profile: d on an RPN v2 member opens the dialog with
 * Online's DELETE /rpn/v2/{id}/removeMember, and the confirmed removal
 * goes through the write path to it. */
static bool t_online_remove(struct world *w, struct term *t)
{
	static const char *const online_only[] = { "SCW_ACCESS_KEY", "SCW_SECRET_KEY", NULL };

	if (world_start(w, world_args) < 0 || term_start(t, w, 30, 110, online_only, NULL) < 0)
		return false;
	CHECK(term_wait_idle(t, WAIT));
	term_send(t, ":rpn" ENTER);
	CHECK(term_wait(t, "RPN topology", WAIT));
	CHECK(term_wait(t, " private-lan ", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_has(t, "server 100042"));
	/* rows: 0 RPN v1, 1 backend, 2-4 its members, 5 RPN v2, 6 private-lan,
	 * 7 its first member */
	term_send(t, "jjjjjjj" "d");
	CHECK(term_wait(t, "Remove members", WAIT));
	CHECK(term_has(t, "DELETE "));
	CHECK(term_has(t, "/api/v1/rpn/v2/9300002/removeMember"));
	CHECK(term_has(t, "server_ids=%5B100042%5D"));
	term_send(t, "private-lan" TAB ENTER);
	CHECK(term_wait(t, ": done.", WAIT));
	CHECK(term_wait_gone(t, "server 100042", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(term_has(t, " private-lan "));
	CHECK(term_has(t, "server 100058"));
	return true;
}

int main(int argc, char **argv)
{
	static const struct screen_test tests[] = {
		{ "topology: v1 and v2 groups, members, VLANs, invitations", t_topology, 60 },
		{ "delete from the topology: dialog, Cancel default, typed name", t_delete_from_topology, 60 },
		{ "accept an invitation from the topology", t_accept_invitation, 60 },
		{ "l on an RPN v2 group opens its logs, Esc back (v1: told why not)", t_v2_logs, 60 },
		{ "Online only: remove an RPN v2 member through Online's route", t_online_remove, 60 },
	};
	return screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
