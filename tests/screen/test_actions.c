/* Screen tests of the server actions (issue 19): a reboot asks in a
 * dialog whose default is Cancel, stays disabled until the hostname is
 * typed, sends nothing on Enter at the default button, and refuses to send
 * when the server was renamed after the dialog opened. The sandbox counts
 * the writes it received (--stats). TAP on stdout. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sandbox/sandbox.h"
#include "tests/screen/harness.h"

#define ESC "\x1b"
#define ENTER "\r"
#define TAB "\t"
#define WAIT 15000

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "# %s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
			return false;                                          \
		}                                                              \
	} while (0)

static const char *const mono[] = { "NO_COLOR=1", NULL };
static char stats[64];

/* The writes the sandbox received so far (its --stats file), -1 unread. */
static long writes(void)
{
	char buf[1024];
	FILE *f = fopen(stats, "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
	const char *w;
	if (f)
		fclose(f);
	buf[n] = 0;
	w = strstr(buf, "\"writes\":");
	return w ? strtol(w + 9, NULL, 10) : -1;
}

/* Whether the last write the sandbox received holds needle (GET
 * /__sandbox/last-write through curl). */
static bool last_write_has(const struct world *w, const char *needle)
{
	char cmd[400], buf[8192];
	FILE *p;
	size_t n;
	snprintf(cmd, sizeof(cmd), "curl -s '%s/__sandbox/last-write'", w->url);
	if (!(p = popen(cmd, "r")))
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, p);
	pclose(p);
	buf[n] = '\0';
	return strstr(buf, needle) != NULL;
}

/* A world of 12 servers, the list loaded, the cursor on the second row:
 * its id and hostname. */
static bool open_world_scaled(struct world *w, struct term *t, int64_t *id, char *host, size_t len,
			      const char *scale)
{
	const char *args[] = { "--seed", "1", "--servers", "12", "--stats", stats, "--time-scale", scale, NULL };
	char row[512], name[256];
	long long v;
	snprintf(stats, sizeof(stats), "/tmp/dd-actions-stats-%ld", (long)getpid());
	unlink(stats);
	if (world_start(w, args) < 0 || term_start(t, w, 30, 100, mono, NULL) < 0) {
		fprintf(stderr, "# the sandbox or dedi did not start\n");
		return false;
	}
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	/* The second row: a server that is ready (the first is stopped). */
	term_send(t, "j");
	for (int i = 0; i < 200; i++) {
		term_row(t, 4, row, sizeof(row));
		if (term_reverse(t, 4, 2) && sscanf(row, "%255s %lld", name, &v) == 2) {
			*id = v;
			snprintf(host, len, "%s", name);
			return true;
		}
		term_pump(t, 50);
	}
	term_dump(t, "no cursor row");
	return false;
}

static bool open_world(struct world *w, struct term *t, int64_t *id, char *host, size_t len)
{
	return open_world_scaled(w, t, id, host, len, "1");
}

static void cleanup(void)
{
	unlink(stats);
}

/* R opens the dialog on Cancel: Enter cancels, nothing is sent. */
static bool t_enter_cancels(struct world *w, struct term *t)
{
	int64_t id;
	char host[256];
	CHECK(open_world(w, t, &id, host, sizeof(host)));
	long before = writes();
	term_send(t, "R");
	CHECK(term_wait(t, "Reboot server", WAIT));
	CHECK(term_has(t, "POST "));
	CHECK(term_has(t, "/reboot"));
	term_send(t, host); /* even with the hostname typed, the focus is Cancel */
	term_send(t, ENTER);
	CHECK(term_wait(t, "Cancelled: nothing sent.", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(writes() == before);
	cleanup();
	return true;
}

/* Confirm stays disabled until the hostname is typed exactly. */
static bool t_reboot_needs_hostname(struct world *w, struct term *t)
{
	int64_t id;
	char host[256];
	CHECK(open_world(w, t, &id, host, sizeof(host)));
	long before = writes();
	term_send(t, "R");
	CHECK(term_wait(t, "Reboot server", WAIT));
	term_send(t, TAB ENTER);
	CHECK(term_wait(t, "Reboot stays disabled", WAIT));
	term_send(t, "sd-wrong" ENTER);
	CHECK(term_wait(t, "Reboot stays disabled", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(writes() == before);
	/* Clear the field (Ctrl-U), then the real name. */
	term_send(t, "\x15");
	term_send(t, host);
	term_send(t, ENTER);
	CHECK(term_wait(t, "done.", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(writes() == before + 1);
	cleanup();
	return true;
}

/* The dialog shows the server as it was: renamed meanwhile (by another
 * client), the write path's re-read refuses and nothing is sent. */
static bool t_renamed_refuses(struct world *w, struct term *t)
{
	int64_t id;
	char host[256], cmd[1024];
	CHECK(open_world(w, t, &id, host, sizeof(host)));
	term_send(t, "X");
	CHECK(term_wait(t, "Stop (power off) server", WAIT));
	snprintf(cmd, sizeof(cmd),
		 "SCW_API_URL='%s' SCW_SECRET_KEY='%s' SCW_ACCESS_KEY='%s' XDG_STATE_HOME='%s' "
		 "XDG_CONFIG_HOME='%s' '%s/dedi' servers edit %" PRId64 " --hostname elsewhere.example "
		 ">/dev/null 2>&1", w->url, DD_SANDBOX_SECRET_KEY, DD_SANDBOX_ACCESS_KEY, w->dir, w->dir,
		 getenv("DD_BUILDDIR") && *getenv("DD_BUILDDIR") ? getenv("DD_BUILDDIR") : ".", id);
	CHECK(system(cmd) == 0);
	long before = writes();
	term_send(t, host);
	term_send(t, TAB ENTER);
	CHECK(term_wait(t, "changed since", WAIT));
	CHECK(term_wait(t, "elsewhere.", WAIT)); /* the re-read shows the new name */
	CHECK(term_wait_idle(t, WAIT));
	CHECK(writes() == before);
	CHECK(!term_has(t, "done."));
	cleanup();
	return true;
}

/* The wizard from I to "installed": a system, the API's partitioning, the
 * user edited, Cancel first (nothing sent), then the typed hostname; the
 * sandbox clock runs 1000 times as fast, so the steps pass in seconds. */
static bool t_install_wizard(struct world *w, struct term *t)
{
	int64_t id;
	char host[256];
	CHECK(open_world_scaled(w, t, &id, host, sizeof(host), "1000"));
	long before = writes();
	term_send(t, "I");
	CHECK(term_wait(t, "1. Pick a system", WAIT));
	CHECK(term_wait(t, "Debian 12", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "partitions (the API's default", WAIT));
	CHECK(term_wait(t, "ext4", WAIT));
	CHECK(term_has(t, "password   generated"));
	/* the third partition (/, RAID 10 on 4 disks): too big, then a RAID
	 * its disks cannot build, then xfs of 100 GiB */
	term_send(t, "jjp");
	CHECK(term_wait(t, "partition 3 (FS MOUNT GIB RAID):", WAIT));
	term_send(t, "\x15" "ext4 / 999999 raid10" ENTER);
	CHECK(term_wait(t, "The partitions need 1000003.5 GiB", WAIT));
	term_send(t, "\x15" "ext4 / 100 no_raid" ENTER);
	CHECK(term_wait(t, "no_raid cannot be built from 4 disks", WAIT));
	term_send(t, "\x15" "xfs / 100 raid10" ENTER);
	CHECK(term_wait(t, "xfs    /              100.0 GiB", WAIT));
	term_send(t, "u");
	CHECK(term_wait(t, "user:", WAIT));
	term_send(t, "\x15" "alice" ENTER);
	CHECK(term_wait(t, "user       alice", WAIT));
	/* the Organization's SSH keys under the partitions, oldest first: the
	 * disabled one refuses its mark, laptop takes it */
	CHECK(term_wait(t, "[ ] laptop", WAIT));
	term_send(t, "j ");
	CHECK(term_wait(t, "is disabled", WAIT));
	CHECK(term_has(t, "[ ] old-desktop"));
	term_send(t, "j ");
	CHECK(term_wait(t, "[x] laptop", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Every disk of the server is erased", WAIT));
	CHECK(term_has(t, "/install"));
	CHECK(term_has(t, "\"user_login\":\"alice\""));
	term_send(t, ENTER); /* Cancel, the default */
	CHECK(term_wait(t, "Cancelled: nothing sent.", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(writes() == before);
	term_send(t, ENTER);
	CHECK(term_wait(t, "Every disk of the server is erased", WAIT));
	term_send(t, host);
	term_send(t, TAB ENTER);
	CHECK(term_wait(t, "(shown once: note it now)", WAIT));
	CHECK(term_wait(t, "progress   ", WAIT));
	CHECK(term_wait(t, "installed (9/9)", 30000));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(writes() == before + 1);
	/* the marked key went with the installation (the body is JSON in a
	 * JSON string there: its quotes escaped) */
	CHECK(last_write_has(w, "ssh_key_ids\\\":[\\\"5e1f0c2a-7d64-4a8e-9a3b-2f6c1d0e9a01\\\"]"));
	cleanup();
	return true;
}

/* The row of the screen that holds text, or -1. */
static int row_with(const struct term *t, const char *text, char *buf, size_t len)
{
	for (int r = 0; r < t->rows; r++) {
		term_row(t, r, buf, len);
		if (strstr(buf, text))
			return r;
	}
	return -1;
}

/* K: the address typed (checked), the typed confirmation, then the access
 * with a countdown that ticks; x revokes it, asking first. */
static bool t_bmc(struct world *w, struct term *t)
{
	int64_t id;
	char host[256], row[512], before_row[512];
	CHECK(open_world(w, t, &id, host, sizeof(host)));
	long before = writes();
	term_send(t, "K");
	CHECK(term_wait(t, "KVM access  server #", WAIT));
	CHECK(term_wait(t, "allowed IPv4 address:", WAIT));
	term_send(t, "\x15" "not-an-ip" ENTER);
	CHECK(term_wait(t, "is not an IPv4 address", WAIT));
	term_send(t, "\x15" "203.0.113.7" ENTER);
	CHECK(term_wait(t, "/bmc-access", WAIT));
	CHECK(term_has(t, "203.0.113.7"));
	term_send(t, ENTER); /* Cancel, the default */
	CHECK(term_wait(t, "Cancelled: nothing sent.", WAIT));
	CHECK(writes() == before);
	term_send(t, "i");
	CHECK(term_wait(t, "allowed IPv4 address:", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "/bmc-access", WAIT));
	term_send(t, host);
	term_send(t, TAB ENTER);
	CHECK(term_wait(t, "password   ", WAIT));
	CHECK(term_wait(t, "(the API's clock)", WAIT));
	CHECK(term_has(t, "allowed    203.0.113.7"));
	CHECK(row_with(t, "expires    ", before_row, sizeof(before_row)) >= 0);
	CHECK(strstr(before_row, ", in 00:5") || strstr(before_row, ", in 01:00:00"));
	/* the countdown moves on by itself, no key pressed */
	bool moved = false;
	for (int i = 0; i < 100 && !moved; i++) {
		term_pump(t, 50);
		moved = row_with(t, "expires    ", row, sizeof(row)) >= 0 && strcmp(row, before_row) != 0;
	}
	CHECK(moved);
	CHECK(writes() == before + 1);
	term_send(t, "x");
	CHECK(term_wait(t, "Revoke", WAIT));
	term_send(t, host);
	term_send(t, TAB ENTER);
	CHECK(term_wait(t, "Revoked: the BMC no longer answers 203.0.113.7", WAIT));
	CHECK(!term_has(t, "password   "));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(writes() == before + 2);
	cleanup();
	return true;
}

/* L runs ssh (a stand-in from $DEDI_SSH) with the profile's ssh_user and
 * the primary address, and the console comes back; Y sends OSC 52. */
static bool t_ssh_and_copy(struct world *w, struct term *t)
{
	static const char *const args[] = { "--seed", "1", "--servers", "12", NULL };
	char path[512], script[600], env_ssh[600], row[512], name[256], got[512] = "";
	long long id;
	FILE *f;
	CHECK(world_start(w, args) == 0);
	snprintf(path, sizeof(path), "%s/config/dedi", w->dir);
	snprintf(script, sizeof(script), "mkdir -p '%s'", path);
	CHECK(system(script) == 0);
	snprintf(path, sizeof(path), "%s/config/dedi/config", w->dir);
	CHECK((f = fopen(path, "w")) != NULL);
	fputs("[profile env]\nssh_user = deploy\n", f);
	fclose(f);
	chmod(path, 0600);
	snprintf(script, sizeof(script), "%s/fake-ssh", w->dir);
	CHECK((f = fopen(script, "w")) != NULL);
	fprintf(f, "#!/bin/sh\necho \"$*\" >'%s/ssh-args'\nexit 3\n", w->dir);
	fclose(f);
	chmod(script, 0700);
	snprintf(env_ssh, sizeof(env_ssh), "DEDI_SSH=%s", script);
	const char *env[] = { "NO_COLOR=1", env_ssh, NULL };
	CHECK(term_start(t, w, 30, 100, env, NULL) == 0);
	CHECK(term_wait(t, "12 servers", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_row(t, 3, row, sizeof(row));
	CHECK(sscanf(row, "%255s %lld", name, &id) == 2);
	term_send(t, "L");
	CHECK(term_wait(t, "ended (status 3)", WAIT));
	CHECK(term_has(t, "12 servers")); /* the console is back */
	snprintf(path, sizeof(path), "%s/ssh-args", w->dir);
	CHECK((f = fopen(path, "r")) != NULL);
	CHECK(fgets(got, sizeof(got), f) != NULL);
	fclose(f);
	CHECK(!strncmp(got, "-l deploy -- ", 13) && strchr(got + 13, '.') != NULL);
	size_t before = t->bad_seqs;
	term_send(t, "Y");
	CHECK(term_wait(t, "Copied ", WAIT));
	CHECK(t->bad_seqs > before); /* the OSC 52 reached the terminal */
	return true;
}

/* D shows the arrays; c checks the level against the disks before any
 * dialog, Cancel sends nothing, the typed hostname sends the change and
 * the screen reads the new level back. */
static bool t_raid(struct world *w, struct term *t)
{
	int64_t id;
	char host[256];
	CHECK(open_world(w, t, &id, host, sizeof(host)));
	long before = writes();
	term_send(t, "D");
	CHECK(term_wait(t, "RAID of server", WAIT));
	CHECK(term_wait(t, "array 1   raid10   4 disks", WAIT));
	CHECK(term_has(t, "disk A"));
	term_send(t, "c");
	CHECK(term_wait(t, "RAID level of array 1:", WAIT));
	term_send(t, "\x15" "raid7" ENTER);
	CHECK(term_wait(t, "is not a RAID level", WAIT));
	term_send(t, "\x15" "raid5" ENTER);
	CHECK(term_wait(t, "from raid10 to raid5", WAIT));
	CHECK(term_has(t, "update-raid"));
	term_send(t, ENTER); /* Cancel */
	CHECK(term_wait(t, "Cancelled: nothing sent.", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(writes() == before);
	term_send(t, "c");
	CHECK(term_wait(t, "RAID level of array 1:", WAIT));
	term_send(t, "\x15" "raid5" ENTER);
	CHECK(term_wait(t, "from raid10 to raid5", WAIT));
	term_send(t, host);
	term_send(t, TAB ENTER);
	CHECK(term_wait(t, "array 1   raid5    4 disks", WAIT)); /* read back from the API */
	CHECK(term_wait_idle(t, WAIT));
	CHECK(writes() == before + 1);
	cleanup();
	return true;
}

/* Online only: its API lists several rescue systems, so E opens the
 * picker; the one picked is in the dialog, and the credentials show once
 * after the typed hostname. */
static bool t_rescue_pick(struct world *w, struct term *t)
{
	const char *args[] = { "--seed", "1", "--servers", "12", "--stats", stats, NULL };
	const char *env[] = { "NO_COLOR=1", "SCW_SECRET_KEY", "SCW_ACCESS_KEY", NULL };
	char row[512], host[256];
	long long id;
	snprintf(stats, sizeof(stats), "/tmp/dd-actions-stats-%ld", (long)getpid());
	unlink(stats);
	CHECK(world_start(w, args) == 0);
	CHECK(term_start(t, w, 30, 100, env, NULL) == 0);
	CHECK(term_wait(t, "servers loaded", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_row(t, 3, row, sizeof(row));
	CHECK(sscanf(row, "%255s %lld", host, &id) == 2);
	long before = writes();
	term_send(t, "E");
	CHECK(term_wait(t, "Rescue system for", WAIT));
	CHECK(term_wait(t, "debian-12_amd64", WAIT));
	term_send(t, "j" ENTER);
	CHECK(term_wait(t, "into the rescue system debian-", WAIT));
	CHECK(term_has(t, "image=debian-12_amd64"));
	term_send(t, host);
	term_send(t, TAB ENTER);
	CHECK(term_wait(t, "Rescue credentials (shown once)", WAIT));
	CHECK(term_has(t, "password"));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(writes() == before + 1);
	cleanup();
	return true;
}

/* An Online-only profile: the wizard lists the Online API's systems, says
 * the API lays the disks out itself, marks an Online SSH key, asks with the
 * hostname typed, sends the Online form once and follows install_status
 * to installed, the user's and root's passwords shown once. */
static bool t_online_install(struct world *w, struct term *t)
{
	const char *args[] = { "--seed", "1", "--servers", "12", "--stats", stats, "--time-scale", "1000", NULL };
	const char *env[] = { "NO_COLOR=1", "SCW_SECRET_KEY", "SCW_ACCESS_KEY", NULL };
	char row[512], host[256];
	long long id;
	snprintf(stats, sizeof(stats), "/tmp/dd-actions-stats-%ld", (long)getpid());
	unlink(stats);
	CHECK(world_start(w, args) == 0);
	CHECK(term_start(t, w, 30, 100, env, NULL) == 0);
	CHECK(term_wait(t, "servers loaded", WAIT));
	CHECK(term_wait_idle(t, WAIT));
	term_row(t, 3, row, sizeof(row));
	CHECK(sscanf(row, "%255s %lld", host, &id) == 2);
	long before = writes();
	term_send(t, "I");
	CHECK(term_wait(t, "1. Pick a system", WAIT));
	CHECK(term_wait(t, "Debian", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "the Online API lays the disks out itself", WAIT));
	CHECK(term_has(t, "(root's too)"));
	CHECK(term_wait(t, "[ ] workstation", WAIT));
	term_send(t, " ");
	CHECK(term_wait(t, "[x] workstation", WAIT));
	term_send(t, ENTER);
	CHECK(term_wait(t, "Every disk of the server is erased", WAIT));
	CHECK(term_has(t, "/server/install/"));
	CHECK(term_has(t, "user_password=**"));
	term_send(t, host);
	term_send(t, TAB ENTER);
	CHECK(term_wait(t, "root       ", WAIT));
	CHECK(term_has(t, "(shown once: note it now)"));
	CHECK(term_wait(t, "installed (9/9)", 30000));
	CHECK(term_wait_idle(t, WAIT));
	CHECK(writes() == before + 1);
	CHECK(last_write_has(w, "ssh_keys=%5B%221c7f74bb-5e0d-4c1f-9a3e-0b6e0c1d2a01%22%5D"));
	cleanup();
	return true;
}

static const struct screen_test tests[] = {
	{ "install wizard, Online-only: the Online systems, a key, confirm, installed", t_online_install, 90 },
	{ "rescue: the picker of the Online API's systems, then the credentials once", t_rescue_pick, 60 },
	{ "RAID: arrays shown, level checked, Cancel, then changed", t_raid, 60 },
	{ "L runs ssh as the profile's ssh_user and comes back; Y copies", t_ssh_and_copy, 60 },
	{ "install wizard: system, partitions, user, confirm, progress to installed", t_install_wizard, 90 },
	{ "KVM: the address typed and checked, confirmed, a countdown that ticks, x revokes", t_bmc, 60 },
	{ "reboot: Enter on the default button cancels, nothing sent", t_enter_cancels, 60 },
	{ "reboot: refused until the hostname is typed, then sent once", t_reboot_needs_hostname, 60 },
	{ "a dialog opened before a rename refuses to send", t_renamed_refuses, 60 },
};

int main(int argc, char **argv)
{
	return screen_tests_run(tests, sizeof(tests) / sizeof(tests[0]), argc, argv);
}
