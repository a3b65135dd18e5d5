/* bench_steppers.c — benchmark of the steppers (dopri5 and gsl_odeiv2's) on the default six-session
 * one-year course: courses per second on one core (one runner reused, as in a sweep), steps, RHS
 * evaluations and evaluations of the continuous solution (metric refinement) per course, the
 * largest relative error of the metrics against a tight rk8pd reference (rtol 1e-12, atol 1e-14,
 * states integrated without the integrating factor) and the largest error of the time metrics
 * (days/hours) in seconds. Built and run by scripts/bench (not part of the test suite). Usage:
 * bench_steppers [seconds per stepper] */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "metrics.h"
#include "params.h"
#include "runner.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); /* CPU time: the machine may be shared */
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 1.0;
    double p[P_COUNT], ref[M_COUNT];
    mn_runner *w = mn_runner_new();
    mn_result res;
    mn_params_default(p);
    p[P_solver_method] = 2; /* rk8pd */
    p[P_solver_rtol] = 1e-12;
    p[P_solver_atol] = 1e-14;
    if (w) mn_runner_set_plain(w, 1); /* the reference integrates the states themselves */
    if (!w || mn_run_course(w, p, NULL, &res) != 0) {
        fprintf(stderr, "bench_steppers: reference course failed: %s\n", w ? res.message : "oom");
        return 1;
    }
    memcpy(ref, res.metrics, sizeof ref);
    printf("%-12s %10s %7s %9s %7s %12s %-26s %12s\n", "stepper", "courses/s", "steps", "rhs_evals",
           "dense", "max_rel_err", "(worst metric)", "max_time_err");
    /* the integrating factor of the linear states (default) and, for comparison, dopri5, rkf45 and
     * rk8pd integrating the states themselves (plain) */
    static const struct {
        int method, plain;
    } runs[] = {{6, 0}, {0, 0}, {1, 0}, {2, 0}, {3, 0}, {6, 1}, {0, 1}, {2, 1}};
    for (size_t k = 0; k < sizeof runs / sizeof *runs; k++) {
        char name[32];
        snprintf(name, sizeof name, "%s%s", mn_solver_name(runs[k].method),
                 runs[k].plain ? " plain" : "");
        mn_params_default(p);
        p[P_solver_method] = runs[k].method;
        p[P_solver_rtol] = 1e-6;
        long n = 0;
        double t0 = now_s(), t = t0;
        mn_runner_set_plain(w, runs[k].plain);
        do { /* one runner for every course, as each thread of mnsim sweep has */
            if (mn_run_course(w, p, NULL, &res) != 0) break;
            n++;
            t = now_s();
        } while (t - t0 < seconds);
        if (res.status != MN_COURSE_OK) {
            printf("%-12s failed: %s\n", name, res.message);
            continue;
        }
        double worst = 0, worst_s = 0;
        int worst_m = 0;
        for (int m = 0; m < M_COUNT; m++) {
            if (isnan(ref[m]) && isnan(res.metrics[m])) continue;
            double to_s = !strcmp(mn_metric_table[m].unit, "day")    ? 86400.0
                          : !strcmp(mn_metric_table[m].unit, "hour") ? 3600.0
                                                                     : 0.0;
            worst_s = fmax(worst_s, to_s * fabs(res.metrics[m] - ref[m]));
            double e = fabs(res.metrics[m] - ref[m]) / fmax(fabs(ref[m]), 1e-12);
            if (!(e <= worst)) {
                worst = e;
                worst_m = m;
            }
        }
        printf("%-12s %10.1f %7lu %9lu %7lu %12.2e %-26s %10.2f s\n", name, (double)n / (t - t0),
               res.steps, res.rhs_evals, res.dense_evals, worst, mn_metric_table[worst_m].name,
               worst_s);
    }
    mn_runner_free(w);
    return 0;
}
