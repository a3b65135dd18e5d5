/* cli_sensitivity.c — `mnsim sensitivity SPEC.ini -o S.h5`: the saltelli or morris sweep of
 * SPEC.ini runs on the sweep engine (threads, MPI, --resume, progress, signals: cli_sweep.c), then
 * the indices are computed from the finished file and written into it before it takes its final
 * name (sensitivity_io.c), so a complete-looking file always holds them. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "export.h"
#include "parallel.h"
#include "sensitivity_io.h"

static int parse_positive(const char *text, long *v)
{
    char *end = NULL;
    long x = strtol(text, &end, 10);
    if (end == text || *end != '\0' || x < 1) return -1;
    *v = x;
    return 0;
}

typedef struct {
    const mn_sweep *sweep;
    const mn_sens_spec *spec;
} analysis;

/* the sweep engine's finalise hook: the indices into the complete OUT.h5.partial */
static int add_indices(const char *partial, void *user, mn_error *err)
{
    const analysis *a = user;
    if (mn_sens_analyse(partial, a->sweep, a->spec, err) == 0) return 0;
    return mn_fail_more(
        err, " (every sample is kept in %s: run again with --resume to retry the analysis)",
        partial);
}

/* The ranking the file holds, per metric: parameters by total index S_T (Sobol') or by mu*
 * (Morris), largest first. Read back from the file, so it shows what was written. */
static void print_ranking(const char *path, int morris)
{
    mn_error err = {{0}};
    long f = mn_export_open(path, NULL, 0, &err);
    if (f < 0) return;
    const char *name[] = {morris ? "mu_star" : "ST"};
    mn_table t = {0};
    if (mn_export_load(f, "/", name, 1, &t, &err) == 0 && t.rank == 2 && t.axes[0].labels &&
        t.axes[1].labels) {
        size_t nm = t.dims[0], np = t.dims[1];
        fprintf(stderr, "  %s by metric (largest first):\n", morris ? "mu*" : "total index S_T");
        for (size_t m = 0; m < nm; m++) {
            const double *v = t.cols[0].v + m * np;
            size_t order[64], n = np < 64 ? np : 64;
            for (size_t k = 0; k < n; k++) { /* insertion sort, largest first, ties in order */
                size_t j = k;
                for (; j > 0 && v[k] > v[order[j - 1]]; j--)
                    order[j] = order[j - 1];
                order[j] = k;
            }
            fprintf(stderr, "    %s:", t.axes[0].labels[m]);
            for (size_t k = 0; k < n && k < 5; k++)
                fprintf(stderr, "%s %s %.3g", k ? "," : "", t.axes[1].labels[order[k]],
                        v[order[k]]);
            fprintf(stderr, "%s\n", n > 5 ? ", ..." : "");
        }
    }
    mn_table_free(&t);
    mn_export_close(f);
}

int mn_cmd_sensitivity(int argc, char **argv)
{
    if (mn_par_rank() != 0 && !freopen("/dev/null", "w", stderr)) return MN_EXIT_RUNTIME;
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'}, {"threads", required_argument, NULL, 't'},
        {"resume", no_argument, NULL, 'r'},       {"quiet", no_argument, NULL, 'q'},
        {"set", required_argument, NULL, 's'},    {NULL, 0, NULL, 0}};
    char *sets[256];
    int n_sets = 0;
    mn_sweep_options o = {.argc = mn_argc, .argv = mn_argv};
    optind = 1;
    opterr = 0;
    int c;
    long v;
    while ((c = getopt_long(argc, argv, "o:t:qs:", longopts, NULL)) != -1) {
        if (c == 'o')
            o.output = optarg;
        else if (c == 't') {
            if (parse_positive(optarg, &v) != 0 || v > 4096)
                return mn_usage_error("sensitivity",
                                      "--threads: '%s' is not a whole number in [1, 4096]", optarg);
            o.threads = (int)v;
        } else if (c == 'r')
            o.resume = 1;
        else if (c == 'q')
            o.quiet = 1;
        else if (c == 's') {
            if (n_sets == (int)(sizeof sets / sizeof *sets))
                return mn_usage_error("sensitivity", "--set: at most %d assignments",
                                      (int)(sizeof sets / sizeof *sets));
            sets[n_sets++] = optarg;
        } else
            return mn_usage_error("sensitivity", "unknown option or missing value: '%s'",
                                  argv[optind - 1]);
    }
    const char *file = optind < argc ? argv[optind++] : NULL;
    if (!file) return mn_usage_error("sensitivity", "missing the sensitivity file");
    if (optind < argc)
        return mn_usage_error("sensitivity", "unexpected argument '%s'", argv[optind]);
    static char dflt[4096];
    if (!o.output) { /* default: results/<name of the spec file>.h5 */
        mn_default_output(file, ".h5", dflt, sizeof dflt);
        o.output = dflt;
    }
    const char *inputs[] = {file};
    int rc = mn_check_output("sensitivity", o.output, 0, inputs, 1);
    if (rc) return rc;

    mn_error err = {{0}};
    mn_sweep s;
    mn_sens_spec sp;
    if (mn_sens_load(file, &s, &sp, &err) != 0) return mn_input_error(&err);
    const char *base_input[] = {s.base_path};
    if (mn_sweep_apply_sets(&s, sets, n_sets, &err) != 0)
        rc = mn_input_error(&err);
    else if (s.base_path[0])
        rc = mn_check_output("sensitivity", o.output, 0, base_input, 1);
    analysis a = {&s, &sp};
    o.finalise = add_indices, o.finalise_user = &a;
    if (rc == 0) rc = mn_sweep_execute("sensitivity", file, &s, &o);
    if (rc == MN_EXIT_OK && !o.quiet && mn_par_rank() == 0) {
        fprintf(stderr, "sensitivity: %s indices of %d metric%s x %d parameter%s in %s\n",
                s.design == MN_DESIGN_SALTELLI ? "Sobol'" : "Morris", sp.n_metrics,
                sp.n_metrics == 1 ? "" : "s", s.n_axes, s.n_axes == 1 ? "" : "s", o.output);
        print_ranking(o.output, s.design != MN_DESIGN_SALTELLI);
    }
    mn_sweep_free(&s);
    return rc;
}
