/* cli_run.c — `mnsim run` (one course to HDF5) and `mnsim check` (the same validation, no
 * output). Both load through mn_load_run_params (src/core/inifile.c) so they can never disagree. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "inifile.h"
#include "params.h"
#include "runfile.h"
#include "runner.h"
#include "schedule.h"

typedef struct {
    const char **files;
    char **sets;
    int n_files, n_sets;
    const char *output;
    int quiet;
} run_args;

/* Parse the options shared by run and check. Returns 0, or an exit code. */
static int parse_args(const char *cmd, int argc, char **argv, run_args *a, int allow_output)
{
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {"set", required_argument, NULL, 's'},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {NULL, 0, NULL, 0}};
    a->files = calloc((size_t)argc + 1, sizeof *a->files);
    a->sets = calloc((size_t)argc + 1, sizeof *a->sets);
    if (!a->files || !a->sets) return mn_usage_error(cmd, "out of memory");
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "o:s:q", longopts, NULL)) != -1) {
        if (c == 'o' && allow_output)
            a->output = optarg;
        else if (c == 's')
            a->sets[a->n_sets++] = optarg;
        else if (c == 'q')
            a->quiet = 1;
        else
            return mn_usage_error(cmd, "unknown option or missing value: '%s'", argv[optind - 1]);
    }
    while (optind < argc)
        a->files[a->n_files++] = argv[optind++];
    if (a->n_files == 0) return mn_usage_error(cmd, "missing the INI file");
    return 0;
}

static void free_args(run_args *a)
{
    free(a->files);
    free(a->sets);
}

static void print_summary(const char *out, int replaced, const mn_result *r)
{
    const double *m = r->metrics;
    printf("wrote %s%s\n", out, replaced ? " (replaced the existing file)" : "");
    printf("  sessions                      %.0f\n", m[M_sessions_done]);
    printf("  collagen gain at the end      %+.3f %% (whole dermis)\n", m[M_collagen_gain_percent]);
    printf("  treated-layer collagen        %+.1f %% (matured new collagen %+.1f %%)\n",
           m[M_treated_collagen_gain_percent], m[M_matured_collagen_gain_percent]);
    printf("  epidermal thickness           %+.1f %%\n",
           100.0 * (m[M_epidermal_thickness_end] - 1.0));
    printf("  wrinkle grade (Lemperle)      %.2f\n", m[M_wrinkle_grade_end]);
    printf("  peak synthesis (1st session)  %.2f x baseline on day %.1f\n",
           m[M_peak_synthesis_ratio], m[M_peak_synthesis_day]);
    printf("  redness visible (1st session) %.1f days\n", m[M_redness_gone_day]);
    printf("  barrier back to 95 %%          %.0f hours\n", m[M_barrier_recovery_hours]);
    if (!isnan(m[M_scar_reduction_percent]))
        printf("  scar severity                 %.0f %% lower (grade %.2f)\n",
               m[M_scar_reduction_percent], m[M_scar_severity_end]);
    printf("  solver                        %lu steps, %lu RHS evaluations\n", r->steps,
           r->rhs_evals);
}

/* The parameters the parsed options describe (run and check share this: they validate alike).
 * Returns 0, or an exit code after reporting (arguments freed). */
static int load(run_args *a, double *p)
{
    mn_error err = {{0}};
    int rc = 0;
    if (mn_load_run_params(p, a->files, a->n_files, a->sets, a->n_sets, &err) != 0)
        rc = mn_input_error(&err);
    if (rc) free_args(a);
    return rc;
}

int mn_cmd_run(int argc, char **argv)
{
    run_args a = {0};
    double p[P_COUNT];
    int rc = parse_args("run", argc, argv, &a, 1);
    char out[4096];
    if (rc == 0) {
        if (a.output)
            snprintf(out, sizeof out, "%s", a.output);
        else
            mn_default_output(a.files[0], ".h5", out, sizeof out);
        rc = mn_check_output("run", out, 0, a.files, a.n_files);
    }
    if (rc) {
        free_args(&a);
        return rc;
    }
    rc = load(&a, p);
    if (rc) return rc;
    mn_error err = {{0}};
    int replaced = mn_output_exists(out);

    mn_runner *w = mn_runner_new();
    mn_trace tr = {0};
    mn_observer ob = mn_trace_observer(&tr, p[P_output_step_days]);
    mn_result res;
    rc = MN_EXIT_OK;
    if (!w) {
        rc = mn_runtime_error(&(mn_error){"out of memory"});
    } else if (mn_run_course(w, p, &ob, &res) != 0 || tr.oom) {
        snprintf(err.msg, sizeof err.msg, "%.300s: %.1600s; nothing was written", a.files[0],
                 tr.oom ? "out of memory recording the series" : res.message);
        rc = res.status == MN_COURSE_INVALID ? mn_input_error(&err) : mn_runtime_error(&err);
    } else if (mn_make_parent_dir(out, &err) != 0 ||
               mn_write_run_file(out, p, &tr, &res, a.files[0], mn_argc, mn_argv, &err) != 0) {
        rc = mn_runtime_error(&err);
    } else if (!a.quiet) {
        print_summary(out, replaced, &res);
    }
    mn_trace_free(&tr);
    mn_runner_free(w);
    free_args(&a);
    return rc;
}

int mn_cmd_check(int argc, char **argv)
{
    run_args a = {0};
    double p[P_COUNT];
    int rc = parse_args("check", argc, argv, &a, 1);
    if (rc == 0 && a.output) rc = mn_check_output("check", a.output, 0, a.files, a.n_files);
    if (rc) {
        free_args(&a);
        return rc;
    }
    rc = load(&a, p);
    if (rc) return rc;
    mn_error err = {{0}};
    mn_schedule s = {0};
    if (mn_schedule_build(p, &s, &err) != 0) {
        free_args(&a);
        return mn_input_error(&err);
    }
    int changed = 0;
    for (int i = 0; i < P_COUNT; i++)
        changed += p[i] != mn_params[i].def;
    if (!a.quiet)
        printf("%s: OK (%d parameters differ from their defaults; %d sessions over %g days)\n",
               a.files[0], changed, s.n_sessions, s.end_day);
    mn_schedule_free(&s);
    if (a.output) { /* the resolved parameters as a complete INI file */
        FILE *f = fopen(a.output, "w");
        if (f) mn_params_write_ini(f, p);
        if (!f || fclose(f) != 0) {
            mn_fail(&err, "%s: cannot write the file", a.output);
            free_args(&a);
            return mn_runtime_error(&err);
        }
        if (!a.quiet) printf("wrote %s\n", a.output);
    }
    free_args(&a);
    return 0;
}
