/* What every decoder harness asserts of what reached the model: no
 * terminal control byte in a string, a one-line error message. A broken
 * rule aborts, which libFuzzer and the replay both report. */
#ifndef DD_FUZZ_DECODE_CHECK_H
#define DD_FUZZ_DECODE_CHECK_H

#include "core/error.h"
#include "core/model.h"

void dd_fuzz_clean(const char *s);
void dd_fuzz_check_server(const struct dd_server *s);
void dd_fuzz_check_detail(const struct dd_server_detail *d);
void dd_fuzz_check_error(const struct dd_error *e);

#endif
