/* Switching profile inside the console: `:profile NAME`, and a picker
 * (`:profile` alone) listing the profiles of the vault that was unlocked
 * at start, as k9s switches contexts. No passphrase is asked again. */
#ifndef DD_TUI_PROFILES_H
#define DD_TUI_PROFILES_H

#include <stddef.h>

#include "core/account.h"
#include "core/error.h"
#include "tui/app.h"

/* Puts a (takes ownership) in place of the app's account: cancels and
 * drains the old account's requests, frees it, empties the screens' data
 * and starts loading the new server list. Refuses (-1, err filled, a
 * still owned by the caller) while an edit is in flight: a cancelled
 * write would leave its outcome unknown. */
int dd_app_set_account(struct dd_app *app, struct dd_account *a, struct dd_error *err);

/* `:profile NAME` switches; `:profile` alone opens the picker. */
enum dd_result dd_profiles_cmd(struct dd_app *app, const char *arg);
/* The profile names for completion, NULL when there are none (the demo,
 * the environment alone). Caller frees the array; names are borrowed. */
const char **dd_profiles_names(const struct dd_app *app, size_t *n);

/* The picker: Enter switches, Esc leaves. */
extern const struct dd_screen_ops dd_screen_profiles;

#endif
