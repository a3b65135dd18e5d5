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

/* ---- the common flags ---- */

#define MN_OPT_ALL (MN_OPT_OUTPUT | MN_OPT_QUIET | MN_OPT_SET | MN_OPT_THREADS)
const mn_common_flags mn_common_flag_table[] = {
    {"run", MN_OPT_ALL, "OUT.h5 (results/<first INI>.h5)", "yes", "ensemble members", NULL},
    {"check", MN_OPT_OUTPUT | MN_OPT_QUIET | MN_OPT_SET, "the resolved INI (none)", "yes", NULL,
     "it simulates nothing"},
    {"params", MN_OPT_OUTPUT | MN_OPT_QUIET | MN_OPT_SET, "the listing (standard output)", "yes",
     NULL, "it simulates nothing"},
    {"claims", MN_OPT_OUTPUT | MN_OPT_QUIET, "a Markdown table (none)", NULL, NULL,
     "it runs fixed scenarios, one at a time"},
    {"export", MN_OPT_OUTPUT | MN_OPT_QUIET, "the table (standard output)", NULL, NULL,
     "it reads a finished file"},
    {"plot", MN_OPT_OUTPUT | MN_OPT_QUIET, "DIR of figures (FILE without .h5)", NULL, NULL,
     "it reads a finished file"},
    {"gallery", MN_OPT_OUTPUT | MN_OPT_QUIET, "DIR (results/gallery)", NULL, NULL,
     "it runs fixed example scenarios, one at a time"},
    {"plan", MN_OPT_ALL, "DIR (results/<patient>_plan)", "yes", "candidate courses", NULL},
    {"sweep", MN_OPT_ALL, "OUT.h5 (results/<sweep file>.h5)", "base", "courses", NULL},
    {"sensitivity", MN_OPT_ALL, "OUT.h5 (results/<spec file>.h5)", "base", "courses", NULL},
    {"fit", MN_OPT_OUTPUT | MN_OPT_QUIET | MN_OPT_THREADS, "OUT.h5 (results/<fit file>.h5)", NULL,
     "starts", "its parameters come from FIT.ini: base = and [group] sections"},
    {"sbml", MN_OPT_OUTPUT | MN_OPT_QUIET | MN_OPT_SET, "OUT.xml (results/<first INI>.xml)", "yes",
     NULL, "it simulates nothing"},
    {"help", 0, NULL, NULL, NULL, "it only prints help"},
    {NULL, 0, NULL, NULL, NULL, NULL},
};

const mn_common_flags *mn_common_flags_of(const char *command)
{
    for (const mn_common_flags *f = mn_common_flag_table; f->command; f++)
        if (strcmp(f->command, command) == 0) return f;
    return NULL;
}

/* "run, check, plan and sweep": the commands that take a flag. */
static void commands_taking(unsigned flag, char *buf, size_t size)
{
    int n = 0, k = 0;
    for (const mn_common_flags *f = mn_common_flag_table; f->command; f++)
        n += (f->accepts & flag) != 0;
    buf[0] = '\0';
    for (const mn_common_flags *f = mn_common_flag_table; f->command; f++) {
        if (!(f->accepts & flag)) continue;
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s",
                 k == 0       ? ""
                 : k == n - 1 ? " and "
                              : ", ",
                 f->command);
        k++;
    }
}

/* The common flag a word of the command line is (0 if none), and whether it takes a value that
 * follows as the next word. Long forms exactly (--output, --output=X); short forms alone or
 * bundled as getopt reads them (-q, -qo X, -oX, -t4). */
static unsigned common_flag(const char *arg, int *value_follows)
{
    static const struct {
        const char *name;
        char letter;
        unsigned flag;
        int has_value;
    } flags[] = {{"output", 'o', MN_OPT_OUTPUT, 1},
                 {"quiet", 'q', MN_OPT_QUIET, 0},
                 {"set", 's', MN_OPT_SET, 1},
                 {"threads", 't', MN_OPT_THREADS, 1}};
    *value_follows = 0;
    if (strncmp(arg, "--", 2) == 0) {
        for (size_t i = 0; i < sizeof flags / sizeof *flags; i++) {
            size_t n = strlen(flags[i].name);
            if (strncmp(arg + 2, flags[i].name, n) == 0 &&
                (arg[2 + n] == '\0' || arg[2 + n] == '=')) {
                *value_follows = flags[i].has_value && arg[2 + n] == '\0';
                return flags[i].flag;
            }
        }
        return 0;
    }
    if (arg[0] != '-') return 0;
    unsigned found = 0;
    for (const char *c = arg + 1; *c; c++) {
        size_t i = 0;
        while (i < sizeof flags / sizeof *flags && flags[i].letter != *c)
            i++;
        if (i == sizeof flags / sizeof *flags) return found; /* another option: its own parser */
        found |= flags[i].flag;
        if (flags[i].has_value) {
            *value_follows = c[1] == '\0';
            return found;
        }
    }
    return found;
}

static const char *flag_text(unsigned flag)
{
    return flag == MN_OPT_OUTPUT  ? "-o/--output"
           : flag == MN_OPT_QUIET ? "-q/--quiet"
           : flag == MN_OPT_SET   ? "--set"
                                  : "-t/--threads";
}

int mn_refuse_common_flags(const char *command, int argc, char **argv)
{
    const mn_common_flags *f = mn_common_flags_of(command);
    if (!f) return 0; /* a command not in the table checks its options itself */
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) break;
        int value_follows;
        unsigned used = common_flag(argv[i], &value_follows);
        unsigned refused = used & ~f->accepts;
        if (refused) {
            unsigned flag = refused & -refused; /* the first one */
            char who[256];
            commands_taking(flag, who, sizeof who);
            return mn_usage_error(command,
                                  "%s does not apply to %s (%s); %s applies to %s (table: `mnsim "
                                  "help`)",
                                  flag_text(flag), command, f->refusal ? f->refusal : "",
                                  flag_text(flag), who);
        }
        i += value_follows;
    }
    return 0;
}

void mn_print_common_flags(FILE *out)
{
    fputs(
        "Common flags, the same on every command (and -h, --help on each). A flag a command does\n"
        "not take is refused with exit status 2 and a message naming the command.\n\n",
        out);
    fprintf(out, "  %-12s %-36s %-4s %-6s %s\n", "command", "-o, --output PATH (default)", "-q",
            "--set", "-t, --threads N");
    for (const mn_common_flags *f = mn_common_flag_table; f->command; f++) {
        if (!f->accepts) continue;
        fprintf(out, "  %-12s %-36s %-4s %-6s %s\n", f->command,
                f->accepts & MN_OPT_OUTPUT ? f->output : "-",
                f->accepts & MN_OPT_QUIET ? "yes" : "-", f->accepts & MN_OPT_SET ? f->set : "-",
                f->accepts & MN_OPT_THREADS ? f->threads : "-");
    }
    fputs(
        "\n"
        "  -s, --set section.key=value  override one parameter (repeatable; base: the base values\n"
        "                               of the design, a swept parameter is refused)\n"
        "  -q, --quiet                  no progress or summary: errors and warnings only (claims:\n"
        "                               the failed claims and the count)\n"
        "  -t, --threads N              N threads (default: all cores); results do not depend on "
        "N\n"
        "\n"
        "Outputs: -o naming an input file, a directory where a file is written (or a file where a\n"
        "directory is written) or a parent directory that does not exist (results/ is made when\n"
        "needed) is refused with exit status 2 before any work. An existing output file is\n"
        "replaced: the new one is written as OUT.partial and renamed over the old one only when\n"
        "complete, and the command says \"(replaced the existing file)\". In an output DIR, files\n"
        "of the same names are replaced and other files are kept. sweep and sensitivity --resume\n"
        "continue OUT.h5.partial.\n",
        out);
}

void mn_say_wrote(FILE *out, const char *path, int existed)
{
    fprintf(out, "wrote %s%s\n", path, existed ? " (replaced the existing file)" : "");
}
