# Integration tests: dedi against a private dedi-sandbox (TAP scripts).
TESTS += tests/integration/servers_list.sh tests/integration/servers_show.sh \
	tests/integration/output.sh tests/integration/servers_edit.sh \
	tests/integration/help.sh tests/integration/stub_dedi.sh
EXTRA_DIST += tests/integration/lib.sh tests/integration/stub_dedi.sh tests/integration/servers_list.sh tests/integration/servers_edit.sh \
	tests/integration/servers_show.sh tests/integration/output.sh tests/integration/help.sh
# issue 17: the client against each --quirks of the sandbox (quirks1).
TESTS += tests/integration/quirks_iam.sh tests/integration/quirks_online.sh tests/integration/quirks_lists.sh
EXTRA_DIST += tests/integration/quirks_iam.sh tests/integration/quirks_online.sh tests/integration/quirks_lists.sh

# issue 17: the real APIs' quirks (dedi-sandbox --quirks)
TESTS += tests/integration/quirks_net.sh
EXTRA_DIST += tests/integration/quirks_net.sh

# --json carries the real value of a string (issue 18, 22).
TESTS += tests/integration/json_raw.sh

# order: dedi offers, dedi order (200 cut trials), dedi audit; --dry-run over every write
TESTS += tests/integration/order.sh tests/integration/dry_run_all.sh
EXTRA_DIST += tests/integration/order.sh tests/integration/dry_run_all.sh
EXTRA_DIST += tests/integration/json_raw.sh

# billui: dedi invoices list|show|download|export.
TESTS += tests/integration/invoices.sh
EXTRA_DIST += tests/integration/invoices.sh
# billfix: the cost per server per year, Dedibox lines, the clock.
TESTS += tests/integration/invoices_servers.sh
EXTRA_DIST += tests/integration/invoices_servers.sh
# issue 19: the Online API's installation and KVM sessions (act19)
TESTS += tests/integration/online_install.sh tests/integration/online_bmc.sh
EXTRA_DIST += tests/integration/online_install.sh tests/integration/online_bmc.sh
# issue 20: failover IPs and IPv6 (ipv6fo)
TESTS += tests/integration/failover.sh tests/integration/ipv6.sh
EXTRA_DIST += tests/integration/failover.sh tests/integration/ipv6.sh
# billcore: dedi billing consumption | estimate | discounts
TESTS += tests/integration/billing.sh
EXTRA_DIST += tests/integration/billing.sh
# issue 20: RPN v1 and v2 (dedi rpn ...)
TESTS += tests/integration/rpn.sh
EXTRA_DIST += tests/integration/rpn.sh
# issue 19: dedi server reboot|start|stop|rescue|bmc (actions)
TESTS += tests/integration/server_actions.sh
EXTRA_DIST += tests/integration/server_actions.sh
# netfix: failover order without --offer, the zone rule, Online routes, unknown outcomes
TESTS += tests/integration/failover_order.sh tests/integration/failover_online.sh tests/integration/net_unknown.sh
EXTRA_DIST += tests/integration/failover_order.sh tests/integration/failover_online.sh tests/integration/net_unknown.sh
# account linking: dedi link check in every sandbox scenario
TESTS += tests/integration/link.sh
EXTRA_DIST += tests/integration/link.sh
# linkwiz: dedi link's refusals before the console
TESTS += tests/integration/link_wizard.sh
EXTRA_DIST += tests/integration/link_wizard.sh
# actfix: completion/dedi.bash sourced in bash
TESTS += tests/integration/completion.sh tests/integration/completion_zsh.sh tests/integration/server_raid.sh
EXTRA_DIST += tests/integration/completion.sh tests/integration/completion_zsh.sh tests/integration/server_raid.sh

# perf: DEDI_MAX_CONNECTIONS, concurrent listings
TESTS += tests/integration/concurrency.sh
EXTRA_DIST += tests/integration/concurrency.sh
# eco: -o json|yaml|table|csv on the listings
TESTS += tests/integration/output_formats.sh
EXTRA_DIST += tests/integration/output_formats.sh
# rpn20: RPN changes of an Online-only profile through Online's /rpn routes
TESTS += tests/integration/rpn_online.sh
EXTRA_DIST += tests/integration/rpn_online.sh
# cache24: the encrypted cache and --offline
TESTS += tests/integration/cache.sh
EXTRA_DIST += tests/integration/cache.sh
# harden25: TLS with a local CA, process hygiene
TESTS += tests/integration/tls.sh tests/integration/hygiene.sh tests/integration/hostile.sh
EXTRA_DIST += tests/integration/tls.sh tests/integration/tls_server.py tests/integration/hygiene.sh tests/integration/hostile.sh
# faults25: dedi against dedi-sandbox --faults, one point per fault
TESTS += tests/integration/faults.sh
EXTRA_DIST += tests/integration/faults.sh

# i18n: machine outputs are the same under a French locale.
TESTS += tests/integration/i18n_machine.sh
EXTRA_DIST += tests/integration/i18n_machine.sh
# issue 24 (etag24): Online v1 ETag / If-None-Match, the second start asks only for what changed
TESTS += tests/integration/etag.sh
EXTRA_DIST += tests/integration/etag.sh

# asan25: make check-valgrind runs the scripts on tests/integration/lib.sh
# with every dedi under valgrind memcheck (DD_VALGRIND in lib.sh): an error
# or a definite leak fails a point. The figures per script are printed at
# the end, the logs of bad runs stay in valgrind-logs/. It needs a build
# without --enable-sanitizers (valgrind cannot run ASan's binaries).
# The scripts need dedi, the sandbox and fmtcheck only: check-TESTS with
# only fmtcheck as check_PROGRAMS (check builds them all). order.sh's cut
# trials (a dedi run each) are 20 here unless DD_ORDER_TRIALS says.
check-valgrind: all tests/doc/fmtcheck$(EXEEXT)
	rm -rf valgrind-logs
	DD_VALGRIND='$(abs_top_builddir)/valgrind-logs'; export DD_VALGRIND; \
	DD_ORDER_TRIALS=$${DD_ORDER_TRIALS:-20}; export DD_ORDER_TRIALS; \
	tests=; for t in $(TESTS); do \
		case $$t in \
		tests/integration/stub_dedi.sh) ;; \
		tests/integration/*.sh) tests="$$tests $$t" ;; \
		*.sh) grep -q 'integration/lib\.sh' '$(srcdir)'/$$t && tests="$$tests $$t" ;; \
		esac; \
	done; \
	$(MAKE) $(AM_MAKEFLAGS) check-TESTS TESTS="$$tests" \
		check_PROGRAMS='tests/doc/fmtcheck$(EXEEXT)' check_SCRIPTS=; st=$$?; \
	awk -F '\t' 'BEGIN { printf "%-20s %6s %7s %9s\n", "script", "runs", "errors", "lost" } \
		{ printf "%-20s %6d %7d %9d\n", $$1, $$2, $$3, $$4; r += $$2; e += $$3; l += $$4 } \
		END { printf "%-20s %6d %7d %9d\n", "total", r, e, l; exit (e + l > 0) }' \
		valgrind-logs/summary || st=1; \
	exit $$st
.PHONY: check-valgrind
EXTRA_DIST += tests/valgrind.supp
# one option-table parser for server ACTION|install|raid (cli/opt_table.c)
TESTS += tests/integration/server_opts.sh
EXTRA_DIST += tests/integration/server_opts.sh
