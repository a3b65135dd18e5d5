/* cli_util.c — helpers shared by the sub-commands (part of the core library so that tests can
 * link the code paths that report errors): error reporting with exit codes, --help detection and
 * the command line kept for provenance. */
#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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

/* Same file: same device and inode when both exist, else the same path text. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    return strcmp(a, b) == 0;
}

int mn_check_output(const char *command, const char *out, int want_dir, const char *const *inputs,
                    int n_inputs)
{
    /* the default results/ directory is created when the output is written */
    int in_results = strncmp(out ? out : "", "results/", 8) == 0 && !strchr(out + 8, '/');
    if (!out || !*out) return mn_usage_error(command, "-o: empty output path");
    for (int i = 0; i < n_inputs; i++)
        if (inputs[i] && same_file(out, inputs[i]))
            return mn_usage_error(command,
                                  "-o %s is the input file %s: refusing to overwrite an input "
                                  "(choose another output path)",
                                  out, inputs[i]);
    struct stat st;
    if (stat(out, &st) == 0) {
        if (!want_dir && S_ISDIR(st.st_mode))
            return mn_usage_error(command,
                                  "-o %s is a directory; expected a file name (e.g. %s/out%s)", out,
                                  out, strcmp(command, "claims") == 0 ? ".md" : ".h5");
        if (want_dir && !S_ISDIR(st.st_mode))
            return mn_usage_error(command, "-o %s exists and is not a directory", out);
    }
    if (!want_dir) {
        /* the directory that will hold the file must exist (checked now, not after the work) */
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", out);
        char *slash = strrchr(dir, '/');
        if (slash) {
            if (slash == dir)
                slash[1] = '\0';
            else
                *slash = '\0';
            if (!(in_results && stat(dir, &st) != 0) &&
                (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)))
                return mn_usage_error(command, "-o %s: directory %s does not exist", out, dir);
        }
    }
    return 0;
}

int mn_output_exists(const char *out)
{
    struct stat st;
    return stat(out, &st) == 0;
}

void mn_default_output(const char *input, const char *ext, char *buf, size_t size)
{
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", input ? input : "");
    char *base = basename(copy);
    char *dot = strrchr(base, '.');
    if (dot && dot != base) *dot = '\0';
    snprintf(buf, size, "results/%s%s", base, ext);
}

void mn_trim_slashes(const char *path, char *buf, size_t size)
{
    snprintf(buf, size, "%s", path);
    size_t n = strlen(buf);
    while (n > 1 && buf[n - 1] == '/')
        buf[--n] = '\0';
}

int mn_make_parent_dir(const char *out, mn_error *err)
{
    if (strncmp(out, "results/", 8) != 0) return 0;
    if (mkdir("results", 0777) != 0 && errno != EEXIST)
        return mn_fail(err, "cannot create directory results: %s", strerror(errno));
    return 0;
}
