/* cli.h — the sub-commands of the mnsim program (one file each) and shared CLI helpers. */
#ifndef MN_CLI_H
#define MN_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "sweep.h"

typedef struct {
    const char *name;
    int (*main)(int argc, char **argv);
    const char *summary;
    const char *usage; /* full help text */
} mn_command;

extern const mn_command mn_commands[];

/* Print a command's help (to stdout) — used by `mnsim help CMD` and `CMD --help`. */
int mn_print_help(const char *name);

/* Report an input error (exit 2) / runtime error (exit 1) with the program prefix. */
int mn_input_error(const mn_error *err);
int mn_runtime_error(const mn_error *err);
int mn_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The operands left after getopt (from `first`): the first is the file (returned, NULL if none),
 * the others are appended to names (n_names updated). */
const char *mn_take_file_and_names(int argc, char **argv, int first, const char **names,
                                   int *n_names);

/* Check an output path before any work (every command that writes calls it): refused (exit 2,
 * reported) if it names one of the inputs (same file), if it is a directory where a file is
 * written (want_dir 0) or an existing non-directory where a directory is written (want_dir 1),
 * or if the directory that would hold the file does not exist. An existing output is replaced
 * (documented in README and `mnsim help`). Returns 0 or the exit code. */
int mn_check_output(const char *command, const char *out, int want_dir, const char *const *inputs,
                    int n_inputs);
/* The default output of a command: results/<input's base name without extension><ext> (ext ""
 * for a directory). mn_check_output accepts it while results/ does not exist yet;
 * mn_make_parent_dir creates results/ (in the working directory) once the input is valid. */
void mn_default_output(const char *input, const char *ext, char *buf, size_t size);
int mn_make_parent_dir(const char *out, mn_error *err);
/* A directory path without trailing slashes ("plan/" -> "plan"; "/" stays). */
void mn_trim_slashes(const char *path, char *buf, size_t size);
/* Does the path exist (to say "replaced" instead of "wrote")? */
int mn_output_exists(const char *out);

/* Is argv[i] a --help/-h flag anywhere in the arguments? */
int mn_wants_help(int argc, char **argv);

/* The common flags: -h/--help on every command (main.c) and, where they mean something,
 *   MN_OPT_OUTPUT -o/--output PATH, MN_OPT_QUIET -q/--quiet, MN_OPT_SET -s/--set KEY=VALUE,
 *   MN_OPT_THREADS -t/--threads N.
 * mn_common_flag_table has one row per command: the flags it takes and the text of its row in
 * the conventions table (`mnsim help`, README). main.c calls mn_refuse_common_flags before the
 * command runs: a common flag the command does not take is refused there (exit 2, a message
 * naming the command and the commands that take it); the command's own getopt parses the
 * accepted ones. A command without a row is left to check its options itself. A new command
 * adds its row, parses the flags it takes with the same letters, checks its outputs with
 * mn_check_output before any work and reports them with mn_say_wrote. */
enum { MN_OPT_OUTPUT = 1u, MN_OPT_QUIET = 2u, MN_OPT_SET = 4u, MN_OPT_THREADS = 8u };
typedef struct {
    const char *command;
    unsigned accepts;    /* MN_OPT_* */
    const char *output;  /* what -o names (its default in parentheses) */
    const char *set;     /* what --set changes ("yes": the course's parameters) */
    const char *threads; /* what runs in parallel */
    const char *refusal; /* why the other common flags do not apply (NULL: it takes all) */
} mn_common_flags;
extern const mn_common_flags mn_common_flag_table[];
const mn_common_flags *mn_common_flags_of(const char *command); /* NULL: no row */
/* Returns 0, or 2 after the message when argv (argv[0] the command) uses a common flag the
 * command does not take. Stops at "--". */
int mn_refuse_common_flags(const char *command, int argc, char **argv);
/* The conventions: the table of common flags and the output policy (`mnsim help`, README). */
void mn_print_common_flags(FILE *out);
/* "wrote PATH" or "wrote PATH (replaced the existing file)" (existed: mn_output_exists before). */
void mn_say_wrote(FILE *out, const char *path, int existed);

/* The full command line of this invocation (for provenance). */
extern int mn_argc;
extern char **mn_argv;

int mn_cmd_run(int argc, char **argv);
int mn_cmd_check(int argc, char **argv);
int mn_cmd_params(int argc, char **argv);
int mn_cmd_sweep(int argc, char **argv);
int mn_cmd_sensitivity(int argc, char **argv); /* cli_sensitivity.c */

/* Run a loaded sweep with signal handling (stop cleanly, keep the .partial, say how to resume
 * with `mnsim COMMAND FILE ... --resume`) and print the summary; returns the exit code
 * (cli_sweep.c). */
int mn_sweep_execute(const char *command, const char *file, const mn_sweep *s,
                     const mn_sweep_options *o);
/* --set on a sweep or sensitivity design: the base values take each assignment (a swept
 * parameter is refused) and the stored base INI text records it (cli_sweep.c). 0 or -1. */
int mn_sweep_apply_sets(mn_sweep *s, char **sets, int n_sets, mn_error *err);
int mn_cmd_export(int argc, char **argv);  /* cli_export.c */
int mn_cmd_plot(int argc, char **argv);    /* cli_plot.c */
int mn_cmd_gallery(int argc, char **argv); /* cli_gallery.c */
int mn_cmd_claims(int argc, char **argv);
int mn_cmd_plan(int argc, char **argv);
int mn_cmd_fit(int argc, char **argv); /* cli_fit.c */
int mn_cmd_sbml(int argc, char **argv);

#endif
