#include "tui/ssh.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <curses.h>
#include <sodium.h>

#include "core/config.h"
#include "core/i18n.h"
#include "core/write.h"
#include "tui/status.h"

/* The primary address: the first public IPv4, else IPv6. */
static const char *address(const struct dd_server *s)
{
	return s->ipv4[0] ? s->ipv4 : s->ipv6;
}

static const struct dd_server *target(struct dd_app *app, int64_t id)
{
	const struct dd_server *s = dd_store_server(dd_account_store(app->account), id);
	if (!s)
		dd_status_info(&app->status, app->now_ms, _("No server selected."));
	else if (!address(s)[0])
		dd_status_info(&app->status, app->now_ms, _("%s has no public address known yet."),
			       s->hostname);
	return s && address(s)[0] ? s : NULL;
}

enum dd_result dd_ssh_open(struct dd_app *app, int64_t id)
{
	const struct dd_server *s = target(app, id);
	const struct dd_write_policy *w = app->opts->writes;
	const char *user = w ? dd_config_ssh_user(w->config, w->profile) : NULL;
	/* $DEDI_SSH replaces the program (a wrapper, or a test's stand-in). */
	const char *prog = getenv("DEDI_SSH") && *getenv("DEDI_SSH") ? getenv("DEDI_SSH") : "ssh";
	char addr[48];
	struct sigaction ign = { .sa_handler = SIG_IGN }, oint, oquit;
	int st = 0;
	pid_t pid;

	if (!s)
		return DD_RES_REDRAW;
	snprintf(addr, sizeof(addr), "%s", address(s));
	def_prog_mode();
	endwin();
	printf(_("dedi: ssh %s%s%s (the console comes back when it ends)\n"), user ? user : "",
	       user ? "@" : "", addr);
	fflush(stdout);
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	pid = fork();
	if (pid == 0) {
		/* the terminal itself: the console may have redirected stderr */
		int tty = open("/dev/tty", O_RDWR);
		if (tty >= 0) {
			dup2(tty, 0), dup2(tty, 1), dup2(tty, 2);
			if (tty > 2)
				close(tty);
		}
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		if (user)
			execlp(prog, prog, "-l", user, "--", addr, (char *)NULL);
		else
			execlp(prog, prog, "--", addr, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &st, 0) < 0)
		;
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	reset_prog_mode();
	app->clear = true;
	app->dirty = true;
	if (pid < 0)
		dd_status_info(&app->status, app->now_ms, _("Could not start %s."), prog);
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		dd_status_info(&app->status, app->now_ms, _("%s could not be run (not installed?)."), prog);
	else
		dd_status_done(&app->status, app->now_ms, _("ssh to %s ended (status %d)."), addr,
			       WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	return DD_RES_REDRAW;
}

enum dd_result dd_ssh_copy(struct dd_app *app, int64_t id)
{
	const struct dd_server *s = target(app, id);
	char b64[128], seq[160];
	int n;

	if (!s)
		return DD_RES_REDRAW;
	sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)address(s), strlen(address(s)),
			  sodium_base64_VARIANT_ORIGINAL);
	/* OSC 52: the terminal (or tmux with set-clipboard) puts it on the clipboard */
	n = snprintf(seq, sizeof(seq), "\033]52;c;%s\a", b64);
	if (n > 0 && write(STDOUT_FILENO, seq, (size_t)n) == n)
		dd_status_done(&app->status, app->now_ms,
			       _("Copied %s (through the terminal: OSC 52, if it allows it)."), address(s));
	else
		dd_status_info(&app->status, app->now_ms, _("Could not write to the terminal."));
	return DD_RES_REDRAW;
}
