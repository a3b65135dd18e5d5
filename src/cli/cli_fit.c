/* cli_fit.c — `mnsim fit FIT.ini -o F.h5`: load and check the fit file and its data (exit 2 with
 * file:line, nothing written), fit (fit.c), print the estimates, standard errors, chi2, AIC and
 * the warnings, and write F.h5 atomically. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fit.h"
#include "params.h"

int mn_cmd_fit(int argc, char **argv)
{
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {"threads", required_argument, NULL, 't'},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {NULL, 0, NULL, 0}};
    const char *out = NULL;
    int threads = 0, quiet = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:t:q", longopts, NULL)) != -1) {
        if (c == 'o')
            out = optarg;
        else if (c == 't') {
            char *end = NULL;
            long v = strtol(optarg, &end, 10);
            if (end == optarg || *end || v < 1 || v > 4096)
                return mn_usage_error("fit", "--threads: '%s' is not a whole number in [1, 4096]",
                                      optarg);
            threads = (int)v;
        } else if (c == 'q')
            quiet = 1;
        else
            return mn_usage_error("fit", "unknown option or missing value: '%s'", argv[optind - 1]);
    }
    const char *file = optind < argc ? argv[optind++] : NULL;
    if (!file) return mn_usage_error("fit", "missing the fit file");
    if (optind < argc) return mn_usage_error("fit", "unexpected argument '%s'", argv[optind]);
    char def[4096];
    if (!out) {
        mn_default_output(file, ".h5", def, sizeof def);
        out = def;
    }
    const char *inputs[1] = {file};
    int orc = mn_check_output("fit", out, 0, inputs, 1);
    if (orc) return orc;
    mn_error err = {{0}};
    mn_fit_spec fs;
    if (mn_fit_load(file, &fs, &err) != 0) return mn_input_error(&err);
    const char *named[2] = {fs.data_path, fs.base_path[0] ? fs.base_path : NULL};
    if ((orc = mn_check_output("fit", out, 0, named, 2)) != 0) { /* the same file, any path */
        mn_fit_spec_free(&fs);
        return orc;
    }
    if (mn_make_parent_dir(out, &err) != 0) {
        mn_fit_spec_free(&fs);
        return mn_runtime_error(&err);
    }
    mn_fit_result r;
    if (mn_fit_run(&fs, threads, &r, &err) != 0) {
        mn_fit_spec_free(&fs);
        return mn_runtime_error(&err);
    }
    int existed = mn_output_exists(out);
    int rc = mn_fit_write(out, &fs, &r, mn_argc, mn_argv, &err) == 0 ? MN_EXIT_OK
                                                                     : mn_runtime_error(&err);
    if (!quiet && rc == MN_EXIT_OK) {
        printf("fit of %s: %zu observations, %d parameters, %d of %d starts converged (best: "
               "start %d)\n",
               file, fs.n_obs, fs.n_params, r.converged, r.n_starts, r.best_start);
        printf("  %-40s %12s %12s %12s %12s\n", "parameter", "estimate", "std_error", "lower",
               "upper");
        for (int k = 0; k < fs.n_params; k++) {
            char name[160];
            mn_param_name(fs.par[k].id, name, sizeof name);
            printf("  %-40s %12.6g %12.6g %12.6g %12.6g%s\n", name, r.x[k], r.se[k], fs.par[k].lo,
                   fs.par[k].hi, fs.par[k].log_scale ? "  log" : "");
        }
        if (fs.n_params > 1) {
            printf("  correlation:\n");
            for (int a = 0; a < fs.n_params; a++) {
                printf("   ");
                for (int b = 0; b < fs.n_params; b++)
                    printf(" %+7.3f", r.corr[a * fs.n_params + b]);
                printf("\n");
            }
        }
        printf("  chi2 = %.6g with %d degrees of freedom (chi2/dof = %.3g, p = %.3g), AIC = %.6g\n",
               r.chi2, r.dof, r.dof > 0 ? r.chi2 / r.dof : NAN, r.p_value, r.aic);
        printf("  ");
        mn_say_wrote(stdout, out, existed);
    }
    if (rc == MN_EXIT_OK && r.warnings[0]) {
        const char *s = r.warnings;
        while (*s) {
            const char *nl = strchr(s, '\n');
            int len = nl ? (int)(nl - s) : (int)strlen(s);
            fprintf(stderr, "fit: warning: %.*s\n", len, s);
            s += len + (nl ? 1 : 0);
        }
    }
    mn_fit_result_free(&r);
    mn_fit_spec_free(&fs);
    return rc;
}
