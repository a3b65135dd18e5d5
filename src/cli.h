/* cli.h — the sub-commands of the mnsim program (one file each) and shared CLI helpers. */
#ifndef MN_CLI_H
#define MN_CLI_H

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

/* Load run parameters: defaults, then each INI file in order, then --set assignments. */
int mn_load_run_params(double *p, const char *const *files, int n_files, char *const *sets,
                       int n_sets, mn_error *err);

/* The operands left after getopt (from `first`): the first is the file (returned, NULL if none),
 * the others are appended to names (n_names updated). */
const char *mn_take_file_and_names(int argc, char **argv, int first, const char **names,
                                   int *n_names);

/* Is argv[i] a --help/-h flag anywhere in the arguments? */
int mn_wants_help(int argc, char **argv);

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
int mn_cmd_export(int argc, char **argv);  /* cli_export.c */
int mn_cmd_plot(int argc, char **argv);    /* cli_plot.c */
int mn_cmd_gallery(int argc, char **argv); /* cli_gallery.c */
int mn_cmd_claims(int argc, char **argv);
int mn_cmd_plan(int argc, char **argv);

#endif
