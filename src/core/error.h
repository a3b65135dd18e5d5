/* error.h — the error context passed down the call chain (never a global): the first failure
 * fills `msg` with everything a user needs (file:line, key, value, what was expected). */
#ifndef MN_ERROR_H
#define MN_ERROR_H

#include <stdarg.h>

/* Exit codes of the mnsim program. */
enum { MN_EXIT_OK = 0, MN_EXIT_RUNTIME = 1, MN_EXIT_INPUT = 2, MN_EXIT_REFUSED = 3 };

typedef struct {
    char msg[2048];
} mn_error;

/* Record a message (printf-style). Returns -1 so callers can `return mn_fail(err, ...)`. */
int mn_fail(mn_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append to the message already recorded (context such as the file, or what was kept).
 * Returns -1 likewise. */
int mn_fail_more(mn_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
