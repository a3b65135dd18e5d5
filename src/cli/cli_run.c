/* cli_run.c — `mnsim run` (one course to HDF5) and `mnsim check` (the same validation, no
 * output). Both load through mn_load_run_params (src/core/inifile.c) so they can never disagree. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"
#include "ensemble.h"
#include "inifile.h"
#include "textfile.h"
#include "params.h"
#include "runfile.h"
#include "runner.h"
#include "schedule.h"
#include "sensitivity_io.h"
#include "sweep.h"

typedef struct {
    const char **files;
    char **sets;
    int n_files, n_sets;
    const char *output;
    int quiet;
    long ensemble;             /* --ensemble N (0: none) */
    const char *ensemble_file; /* --ensemble-file FILE */
    const char *ensemble_from; /* --ensemble-from F.h5 (a fit's posterior) */
    long seed;                 /* --seed S (-1: the file's or 1) */
    int threads;               /* --threads N */
} run_args;

static int parse_long(const char *text, long lo, long hi, long *v)
{
    char *end = NULL;
    long x = strtol(text, &end, 10);
    if (end == text || *end != '\0' || x < lo || x > hi) return -1;
    *v = x;
    return 0;
}

/* Parse the options shared by run and check. Returns 0, or an exit code. */
static int parse_args(const char *cmd, int argc, char **argv, run_args *a, int allow_output)
{
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {"set", required_argument, NULL, 's'},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"ensemble", required_argument, NULL, 'E'},
                                             {"ensemble-file", required_argument, NULL, 'F'},
                                             {"ensemble-from", required_argument, NULL, 'P'},
                                             {"seed", required_argument, NULL, 'S'},
                                             {"threads", required_argument, NULL, 't'},
                                             {NULL, 0, NULL, 0}};
    a->seed = -1;
    a->files = calloc((size_t)argc + 1, sizeof *a->files);
    a->sets = calloc((size_t)argc + 1, sizeof *a->sets);
    if (!a->files || !a->sets) return mn_usage_error(cmd, "out of memory");
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "o:s:qt:", longopts, NULL)) != -1) {
        if (c == 'o' && allow_output)
            a->output = optarg;
        else if (c == 's')
            a->sets[a->n_sets++] = optarg;
        else if (c == 'q')
            a->quiet = 1;
        else if (c == 'E' && allow_output) {
            if (parse_long(optarg, 2, MN_ENSEMBLE_MAX_MEMBERS, &a->ensemble) != 0)
                return mn_usage_error(cmd, "--ensemble: '%s' is not a whole number in [2, %d]",
                                      optarg, MN_ENSEMBLE_MAX_MEMBERS);
        } else if (c == 'F' && allow_output)
            a->ensemble_file = optarg;
        else if (c == 'P' && allow_output)
            a->ensemble_from = optarg;
        else if (c == 'S' && allow_output) {
            if (parse_long(optarg, 0, 2147483647L, &a->seed) != 0)
                return mn_usage_error(cmd, "--seed: '%s' is not a non-negative whole number",
                                      optarg);
        } else if (c == 't' && allow_output) {
            long v;
            if (parse_long(optarg, 1, 4096, &v) != 0)
                return mn_usage_error(cmd, "--threads: '%s' is not a whole number in [1, 4096]",
                                      optarg);
            a->threads = (int)v;
        } else
            return mn_usage_error(cmd, "unknown option or missing value: '%s'", argv[optind - 1]);
    }
    while (optind < argc)
        a->files[a->n_files++] = argv[optind++];
    if (a->n_files == 0) return mn_usage_error(cmd, "missing the INI file");
    if (strcmp(cmd, "check") == 0 &&
        (a->ensemble || a->ensemble_file || a->ensemble_from || a->seed >= 0))
        return mn_usage_error(cmd, "--ensemble, --ensemble-file, --ensemble-from and --seed apply "
                                   "to run, not check (check an ensemble file with `mnsim check "
                                   "U.ini`)");
    if (a->ensemble_from && a->ensemble_file)
        return mn_usage_error(cmd, "--ensemble-from and --ensemble-file exclude each other");
    if (a->ensemble_from && !a->ensemble) a->ensemble = 64;
    if ((a->ensemble_file || a->seed >= 0 || a->threads) && !a->ensemble)
        return mn_usage_error(cmd, "--ensemble-file, --seed and --threads need --ensemble N");
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

typedef struct {
    const mn_ensemble_spec *spec;
    const mn_ensemble_result *result;
} ensemble_output;

/* mn_write_run_file_with's addition: the bands go into the run file before it takes its name,
 * so no file named OUT.h5 lacks the bands it was asked for */
static int add_ensemble(const char *partial, void *user, mn_error *err)
{
    const ensemble_output *e = user;
    if (mn_ensemble_write(partial, e->spec, e->result, err) != 0)
        return mn_fail_more(err, "; nothing was written");
    return 0;
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

    mn_ensemble_spec es;
    if (a.ensemble) {
        if (a.ensemble_from) { /* the fit's posterior; the nominal course is at its estimate */
            if (mn_ensemble_from_fit(a.ensemble_from, &es, &err) != 0) {
                mn_error e2 = {{0}};
                snprintf(e2.msg, sizeof e2.msg, "--ensemble-from: %.1900s; nothing was written",
                         err.msg);
                free_args(&a);
                return mn_input_error(&e2);
            }
            mn_ensemble_joint_mean(&es, p);
        } else if (a.ensemble_file) {
            if (mn_ensemble_load(a.ensemble_file, &es, &err) != 0) {
                free_args(&a);
                return mn_input_error(&err);
            }
        } else {
            mn_ensemble_default(p, &es);
        }
        if (a.seed >= 0) es.seed = (unsigned long)a.seed;
    }

    mn_runner *w = mn_runner_new();
    mn_trace tr = {0};
    mn_ensemble_result er = {0};
    mn_observer ob = mn_trace_observer(&tr, p[P_output_step_days]);
    mn_result res;
    rc = MN_EXIT_OK;
    if (!w) {
        rc = mn_runtime_error(&(mn_error){"out of memory"});
    } else if (mn_run_course(w, p, &ob, &res) != 0 || tr.oom) {
        snprintf(err.msg, sizeof err.msg, "%.300s: %.1600s; nothing was written", a.files[0],
                 tr.oom ? "out of memory recording the series" : res.message);
        rc = res.status == MN_COURSE_INVALID ? mn_input_error(&err) : mn_runtime_error(&err);
    } else if (a.ensemble &&
               mn_ensemble_run(&es, p, (size_t)a.ensemble, a.threads, tr.n, &er, &err) != 0) {
        rc = mn_runtime_error(&err);
    } else if (mn_make_parent_dir(out, &err) != 0 ||
               mn_write_run_file_with(out, p, &tr, &res, a.files[0], mn_argc, mn_argv,
                                      a.ensemble ? add_ensemble : NULL,
                                      &(ensemble_output){&es, &er}, &err) != 0) {
        rc = mn_runtime_error(&err);
    } else if (!a.quiet) {
        print_summary(out, replaced, &res);
        if (a.ensemble) {
            printf("  ensemble                      %zu of %zu members ok (seed %lu); "
                   "10/50/90 %% quantiles as NAME_q10/_q50/_q90\n",
                   er.ok, er.members, es.seed);
            if (a.ensemble_from)
                printf("  drawn from the fit %s: nominal series at its estimate of %d "
                       "parameter%s\n",
                       a.ensemble_from, es.joint.n, es.joint.n == 1 ? "" : "s");
        }
    }
    mn_ensemble_free(&er);
    mn_trace_free(&tr);
    mn_runner_free(w);
    free_args(&a);
    return rc;
}

/* The kind of INI file check was given, from its section headers: a sweep or sensitivity spec
 * ([sweep], [sensitivity]), an ensemble file ([ensemble]) or a run file (anything else). */
typedef enum { INI_RUN, INI_SWEEP, INI_SENSITIVITY, INI_ENSEMBLE } ini_kind;

static ini_kind file_kind(const char *path)
{
    /* through mn_text_read: /dev/zero or a FIFO is not read here (the run loader reports it) */
    char *text = NULL;
    size_t size = 0;
    mn_error ignored = {{0}};
    ini_kind k = INI_RUN;
    if (mn_text_read(path, &text, &size, &ignored) != 0) return k;
    for (const char *line = text; line && *line;) {
        const char *q = line + strspn(line, " \t");
        if (strncmp(q, "[sensitivity]", 13) == 0) k = INI_SENSITIVITY;
        if (strncmp(q, "[sweep]", 7) == 0 && k == INI_RUN) k = INI_SWEEP;
        if (strncmp(q, "[ensemble]", 10) == 0 && k == INI_RUN) k = INI_ENSEMBLE;
        line = strchr(line, '\n');
        if (line) line++;
    }
    free(text);
    return k;
}

/* Validate a sweep, sensitivity or ensemble spec with the loader its command uses. */
static int check_spec(const char *path, ini_kind k, int quiet)
{
    mn_error err = {{0}};
    if (k == INI_ENSEMBLE) {
        mn_ensemble_spec es;
        if (mn_ensemble_load(path, &es, &err) != 0) return mn_input_error(&err);
        if (!quiet)
            printf("%s: OK (ensemble file: %d distributions, seed %lu)\n", path, es.n, es.seed);
        return 0;
    }
    mn_sweep s;
    if (k == INI_SWEEP) {
        if (mn_sweep_load(path, &s, &err) != 0) return mn_input_error(&err);
        k = s.design == MN_DESIGN_SALTELLI || s.design == MN_DESIGN_MORRIS ? INI_SENSITIVITY : k;
        if (k == INI_SENSITIVITY) mn_sweep_free(&s);
    }
    if (k == INI_SENSITIVITY) {
        mn_sens_spec sp = {0};
        if (mn_sens_load(path, &s, &sp, &err) != 0) return mn_input_error(&err);
    }
    if (!quiet)
        printf("%s: OK (%s file: %zu courses over %d parameters)\n", path,
               k == INI_SWEEP ? "sweep" : "sensitivity", s.n_points, s.n_axes);
    mn_sweep_free(&s);
    return 0;
}

/* Report every collected problem (stderr): one line when there is one, else a count then one
 * `file:line: ...` per line, in line order. */
static void report_errors(const char *what, mn_ini_errors *e)
{
    if (e->n == 0) return;
    mn_ini_errors_sort(e);
    if (e->n == 1) {
        fprintf(stderr, "mnsim: error: %s\n", e->items[0].msg);
        return;
    }
    fprintf(stderr, "mnsim: error: %s: %d errors (in line order):\n", what, e->n);
    for (int i = 0; i < e->n; i++)
        fprintf(stderr, "%s\n", e->items[i].msg);
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
    /* sweep, sensitivity and ensemble specs: validated by their own loaders */
    ini_kind k = file_kind(a.files[0]);
    if (k != INI_RUN) {
        if (a.n_files > 1 || a.n_sets > 0 || a.output)
            rc = mn_usage_error("check",
                                "%s is a %s file: check it alone (no second file, --set "
                                "or -o)",
                                a.files[0],
                                k == INI_ENSEMBLE ? "ensemble"
                                : k == INI_SWEEP  ? "sweep"
                                                  : "sensitivity");
        else
            rc = check_spec(a.files[0], k, a.quiet);
        free_args(&a);
        return rc;
    }
    /* a run file: every problem of every file, in line order, then --set, in one run */
    mn_params_default(p);
    int n_errors = 0;
    for (int i = 0; i < a.n_files; i++) {
        mn_ini_errors e = {0};
        mn_ini_load_params_all(a.files[i], p, &e);
        report_errors(a.files[i], &e);
        n_errors += e.n;
        mn_ini_errors_free(&e);
    }
    mn_error err = {{0}};
    for (int i = 0; i < a.n_sets; i++)
        if (mn_param_set_arg(p, a.sets[i], &err) != 0) {
            fprintf(stderr, "mnsim: error: %s\n", err.msg);
            n_errors++;
        }
    if (n_errors == 0 && mn_params_validate(p, &err) != 0) {
        fprintf(stderr, "mnsim: error: %s\n", err.msg);
        n_errors++;
    }
    if (n_errors) {
        free_args(&a);
        return MN_EXIT_INPUT;
    }
    mn_schedule s = {0};
    if (mn_schedule_build(p, &s, &err) != 0) {
        free_args(&a);
        return mn_input_error(&err);
    }
    int changed = 0;
    for (int i = 0; i < P_COUNT; i++)
        changed += p[i] != mn_params[i].def;
    if (!a.quiet) { /* the files layered in order, later ones overriding earlier ones */
        for (int i = 0; i < a.n_files; i++)
            printf("%s%s", i ? " + " : "", a.files[i]);
        printf(": OK (%d parameters differ from their defaults; %d sessions over %g days)\n",
               changed, s.n_sessions, s.end_day);
    }
    mn_schedule_free(&s);
    if (a.output) {   /* the resolved parameters as a complete INI file */
        mn_outfile o; /* OUT.partial, renamed when complete */
        int existed = mn_output_exists(a.output);
        FILE *f = mn_outfile_open(&o, a.output, "w");
        if (f) mn_params_write_ini(f, p);
        if (mn_outfile_close(&o, &err) != 0) {
            free_args(&a);
            return mn_runtime_error(&err);
        }
        if (!a.quiet) mn_say_wrote(stdout, a.output, existed);
    }
    free_args(&a);
    return 0;
}
