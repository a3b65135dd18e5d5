/* error.c — filling the error context. */
#include <stdio.h>

#include "error.h"

int mn_fail(mn_error *err, const char *fmt, ...)
{
    if (!err) return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return -1;
}
