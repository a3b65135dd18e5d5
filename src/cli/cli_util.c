/* cli_util.c — helpers shared by the sub-commands (part of the core library so that tests can
 * link the code paths that report errors): error reporting with exit codes, --help detection and
 * the command line kept for provenance. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

int mn_argc;
char **mn_argv;

int mn_input_error(const mn_error *err)
{
    fprintf(stderr, "mnsim: error: %s\n", err->msg);
    return MN_EXIT_INPUT;
}

int mn_runtime_error(const mn_error *err)
{
    fprintf(stderr, "mnsim: error: %s\n", err->msg);
    return MN_EXIT_RUNTIME;
}

int mn_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "mnsim %s: ", command);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n(see `mnsim help %s`)\n", command);
    va_end(ap);
    return MN_EXIT_INPUT;
}

int mn_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) break;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) return 1;
    }
    return 0;
}

const char *mn_take_file_and_names(int argc, char **argv, int first, const char **names,
                                   int *n_names)
{
    const char *path = NULL;
    for (int i = first; i < argc; i++) {
        if (!path)
            path = argv[i];
        else
            names[(*n_names)++] = argv[i];
    }
    return path;
}
