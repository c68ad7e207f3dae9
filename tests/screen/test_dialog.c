/* The dialog widget without a screen: Cancel is the default, Confirm stays
 * disabled until the typed text matches exactly, Esc cancels, and what it
 * shows is copied from the opener's plain strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <curses.h>

#include "tui/dialog.h"
#include "tui/keys.h"

static const struct dd_dialog_spec reboot = {
	.title = "Reboot web-01?",
	.text = "The server restarts; its services stop for a few minutes.",
	.method = "POST",
	.resource = "/dedibox/v1/zones/fr-par-1/servers/42/reboot",
	.body = "{}",
	.confirm_label = "Reboot",
	.typed = "web-01",
};

static enum dd_dialog_ev type(struct dd_dialog *d, const char *s)
{
	enum dd_dialog_ev ev = DD_DE_NONE;
	while (*s && d->open)
		ev = dd_dialog_input(d, false, (unsigned char)*s++);
	return ev;
}

static void test_enter_right_away_cancels(void **state)
{
	struct dd_dialog d;
	(void)state;
	dd_dialog_open(&d, &reboot);
	assert_true(d.open);
	assert_int_equal(d.focus, DD_DF_CANCEL);
	assert_int_equal(dd_dialog_input(&d, false, '\r'), DD_DE_CANCELLED);
	assert_false(d.open);
	/* The same with nothing to type. */
	struct dd_dialog_spec plain = { .title = "Quit dedi?", .confirm_label = "Quit" };
	dd_dialog_open(&d, &plain);
	assert_true(dd_dialog_ready(&d));
	assert_int_equal(dd_dialog_input(&d, true, KEY_ENTER), DD_DE_CANCELLED);
}

static void test_typed_gates_confirm(void **state)
{
	struct dd_dialog d;
	(void)state;
	dd_dialog_open(&d, &reboot);
	assert_false(dd_dialog_ready(&d));
	/* Tab moves to Confirm; Enter there does nothing but say why. */
	assert_int_equal(dd_dialog_input(&d, false, '\t'), DD_DE_REDRAW);
	assert_int_equal(d.focus, DD_DF_CONFIRM);
	assert_int_equal(dd_dialog_input(&d, false, '\r'), DD_DE_REDRAW);
	assert_true(d.open);
	assert_non_null(strstr(d.note, "web-01"));
	/* A prefix, a longer text and another case are all wrong. */
	type(&d, "web-0");
	assert_false(dd_dialog_ready(&d));
	assert_int_equal(dd_dialog_input(&d, false, '\r'), DD_DE_REDRAW);
	assert_true(d.open);
	type(&d, "1x");
	assert_false(dd_dialog_ready(&d));
	assert_int_equal(dd_dialog_input(&d, true, KEY_BACKSPACE), DD_DE_REDRAW);
	assert_true(dd_dialog_ready(&d));
	/* Letters went to the text, not to the buttons: focus is unchanged. */
	assert_int_equal(d.focus, DD_DF_CONFIRM);
	assert_int_equal(dd_dialog_input(&d, false, '\r'), DD_DE_CONFIRMED);
	assert_false(d.open);

	dd_dialog_open(&d, &reboot);
	type(&d, "WEB-01");
	assert_false(dd_dialog_ready(&d));
	/* Even a matching text leaves the focus on Cancel. */
	dd_dialog_open(&d, &reboot);
	type(&d, "web-01");
	assert_true(dd_dialog_ready(&d));
	assert_int_equal(d.focus, DD_DF_CANCEL);
	assert_int_equal(dd_dialog_input(&d, false, '\r'), DD_DE_CANCELLED);
}

static void test_keys_that_cancel(void **state)
{
	struct dd_dialog d;
	(void)state;
	dd_dialog_open(&d, &reboot);
	type(&d, "web-01");
	dd_dialog_input(&d, true, KEY_RIGHT);
	assert_int_equal(dd_dialog_input(&d, false, DD_KEY_ESC), DD_DE_CANCELLED);
	/* 'q' is text in a typed dialog, a way out in a plain one. */
	dd_dialog_open(&d, &reboot);
	assert_int_equal(type(&d, "q"), DD_DE_REDRAW);
	assert_true(d.open);
	struct dd_dialog_spec plain = { .title = "Quit dedi?", .confirm_label = "Quit" };
	dd_dialog_open(&d, &plain);
	assert_int_equal(dd_dialog_input(&d, false, 'q'), DD_DE_CANCELLED);
	dd_dialog_open(&d, &plain);
	assert_int_equal(dd_dialog_input(&d, false, 'l'), DD_DE_REDRAW);
	assert_int_equal(dd_dialog_input(&d, false, '\r'), DD_DE_CONFIRMED);
	/* Ctrl-C: out of an action dialog; the quit dialog takes it as yes. */
	dd_dialog_open(&d, &reboot);
	assert_int_equal(dd_dialog_input(&d, false, DD_CTRL('c')), DD_DE_QUIT);
	plain.ctrl_c_confirms = true;
	dd_dialog_open(&d, &plain);
	assert_int_equal(dd_dialog_input(&d, false, DD_CTRL('c')), DD_DE_CONFIRMED);
}

static void test_copies_what_it_shows(void **state)
{
	struct dd_dialog d;
	char body[] = "{\"password\":\"***\"}";
	struct dd_dialog_spec s = { .title = "Set password?", .method = "PATCH", .body = body,
				    .price = "free" };
	(void)state;
	dd_dialog_open(&d, &s);
	body[0] = 'X';
	assert_string_equal(d.body, "{\"password\":\"***\"}");
	assert_string_equal(d.method, "PATCH");
	assert_string_equal(d.confirm_label, "Confirm");
	assert_string_equal(d.typed, "");
	assert_string_equal(d.resource, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enter_right_away_cancels),
		cmocka_unit_test(test_typed_gates_confirm),
		cmocka_unit_test(test_keys_that_cancel),
		cmocka_unit_test(test_copies_what_it_shows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
