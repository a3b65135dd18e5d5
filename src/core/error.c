/* error.c — filling the error context. */
#include <stdio.h>
#include <string.h>

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

int mn_fail_more(mn_error *err, const char *fmt, ...)
{
    if (!err) return -1;
    size_t len = strnlen(err->msg, sizeof err->msg - 1);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg + len, sizeof err->msg - len, fmt, ap);
    va_end(ap);
    return -1;
}
