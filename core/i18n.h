/* The one header for translatable text: every user-facing message and
 * label goes through _() (or N_() where a constant table needs a plain
 * string, translated with _() where it is shown).  The domain is named
 * here rather than through textdomain() so that the library rooms
 * translate the same way whichever program links them. */
#ifndef DD_I18N_H
#define DD_I18N_H

#include <libintl.h>

#define DD_TEXTDOMAIN "dedi"
#define _(s) dgettext(DD_TEXTDOMAIN, s)
#define N_(s) s
#define P_(one, many, n) dngettext(DD_TEXTDOMAIN, one, many, n)

#endif
