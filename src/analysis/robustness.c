/* robustness.c — the C14 scan and its robustness under a joint +-20 % Latin hypercube of the ten
 * rates that move the C14 curve most (see robustness.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_permutation.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "params.h"
#include "robustness.h"
#include "runner.h"

int mn_c14_scan(const double *p, double gain[MN_SCAN_MAX_D + 1], int *best, double *best_in,
                mn_error *err)
{
    mn_runner *w = mn_runner_new();
    if (!w) return mn_fail(err, "out of memory");
    double q[P_COUNT], top = -INFINITY;
    *best = -1;
    *best_in = -INFINITY;
    for (int d = MN_SCAN_MIN_D; d <= MN_SCAN_MAX_D; d++) {
        memcpy(q, p, sizeof q);
        q[P_schedule_course_days] = 182;
        q[P_schedule_sessions] = 0;
        q[P_schedule_first_day] = 0;
        q[P_schedule_interval_days] = d;
        mn_result res;
        if (mn_run_course(w, q, NULL, &res) != 0) {
            mn_runner_free(w);
            return mn_fail(err, "C14 scan, D = %d: %s", d, res.message);
        }
        gain[d] = res.metrics[M_matured_collagen_gain_percent];
        if (gain[d] > top) top = gain[d], *best = d;
        if (d >= 21 && d <= 28) *best_in = fmax(*best_in, gain[d]);
    }
    mn_runner_free(w);
    return *best >= 21 && *best <= 28 && *best_in >= 0.98 * top &&
           *best_in >= 1.1 * gain[MN_SCAN_MIN_D] && *best_in >= 1.1 * gain[MN_SCAN_MAX_D];
}

/* Biological rates: real parameters of the sub-models (not schedule, solver, output, plan,
 * patient or the user's procedure choice) whose unit is a time or a rate. */
static int is_rate(int id)
{
    const mn_param_info *pi = &mn_params[id];
    static const char *const skip[] = {"schedule", "solver",  "output",
                                       "plan",     "patient", "procedure"};
    for (size_t k = 0; k < sizeof skip / sizeof skip[0]; k++)
        if (strcmp(pi->section, skip[k]) == 0) return 0;
    return pi->kind == MN_REAL && pi->def > 0 &&
           (strcmp(pi->unit, "day") == 0 || strncmp(pi->unit, "1/", 2) == 0);
}

/* Largest change of the C14 curve normalised by its maximum, max over D. */
static double curve_change(const double *a, const double *b)
{
    double ma = -INFINITY, mb = -INFINITY, d = 0;
    for (int k = MN_SCAN_MIN_D; k <= MN_SCAN_MAX_D; k++)
        ma = fmax(ma, a[k]), mb = fmax(mb, b[k]);
    for (int k = MN_SCAN_MIN_D; k <= MN_SCAN_MAX_D; k++)
        d = fmax(d, fabs(a[k] / ma - b[k] / mb));
    return d;
}

int mn_c14_robustness_run(int n_samples, double spread, unsigned long seed, mn_c14_robustness *out,
                          mn_error *err)
{
    memset(out, 0, sizeof *out);
    out->spread = spread;
    double p[P_COUNT], q[P_COUNT], ref[MN_SCAN_MAX_D + 1], g[MN_SCAN_MAX_D + 1], best_in;
    int best;
    mn_params_default(p);
    p[P_aftercare_serum_hours] = -1;
    if (mn_c14_scan(p, ref, &best, &best_in, err) < 0) return -1;
    /* one-at-a-time influence of every rate, kept sorted (largest first) in out->rate */
    int n_top = 0;
    for (int id = 0; id < P_COUNT; id++) {
        if (!is_rate(id)) continue;
        double infl = 0;
        for (int s = -1; s <= 1; s += 2) {
            memcpy(q, p, sizeof q);
            q[id] = fmin(fmax(p[id] * (1 + s * spread), mn_params[id].min), mn_params[id].max);
            if (mn_c14_scan(q, g, &best, &best_in, err) < 0) return -1;
            infl = fmax(infl, curve_change(ref, g));
        }
        int k = n_top < MN_ROBUST_RATES ? n_top++ : MN_ROBUST_RATES;
        if (k == MN_ROBUST_RATES && infl <= out->influence[MN_ROBUST_RATES - 1]) continue;
        if (k == MN_ROBUST_RATES) k = MN_ROBUST_RATES - 1;
        while (k > 0 && out->influence[k - 1] < infl) {
            out->influence[k] = out->influence[k - 1];
            out->rate[k] = out->rate[k - 1];
            k--;
        }
        out->influence[k] = infl;
        out->rate[k] = id;
    }
    /* Latin hypercube: per rate a random permutation of the n strata, a uniform point in each */
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_permutation *perm[MN_ROBUST_RATES] = {0};
    double *best_d = malloc((size_t)n_samples * sizeof *best_d);
    int ok = rng && best_d;
    for (int j = 0; j < n_top && ok; j++)
        ok = (perm[j] = gsl_permutation_alloc((size_t)n_samples)) != NULL;
    int rc = 0;
    if (!ok) rc = mn_fail(err, "out of memory");
    if (ok) {
        gsl_rng_set(rng, seed);
        for (int j = 0; j < n_top; j++) {
            gsl_permutation_init(perm[j]);
            gsl_ran_shuffle(rng, perm[j]->data, (size_t)n_samples, sizeof(size_t));
        }
        for (int i = 0; i < n_samples && rc == 0; i++) {
            memcpy(q, p, sizeof q);
            for (int j = 0; j < n_top; j++) {
                double u =
                    (gsl_permutation_get(perm[j], (size_t)i) + gsl_rng_uniform(rng)) / n_samples;
                int id = out->rate[j];
                q[id] = fmin(fmax(p[id] * (1 + spread * (2 * u - 1)), mn_params[id].min),
                             mn_params[id].max);
            }
            int pass = mn_c14_scan(q, g, &best, &best_in, err);
            if (pass < 0) rc = -1;
            out->n_pass += pass == 1;
            best_d[i] = best;
        }
    }
    if (rc == 0 && ok) {
        out->n_samples = n_samples;
        gsl_sort(best_d, 1, (size_t)n_samples);
        static const double f[3] = {0.05, 0.50, 0.95};
        for (int k = 0; k < 3; k++)
            out->best_d_percentile[k] =
                gsl_stats_quantile_from_sorted_data(best_d, 1, (size_t)n_samples, f[k]);
        out->best_d_min = (int)best_d[0];
        out->best_d_max = (int)best_d[n_samples - 1];
    }
    for (int j = 0; j < MN_ROBUST_RATES; j++)
        if (perm[j]) gsl_permutation_free(perm[j]);
    if (rng) gsl_rng_free(rng);
    free(best_d);
    return rc;
}
