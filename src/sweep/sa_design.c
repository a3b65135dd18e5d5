/* sa_design.c — the unit-cube designs of global sensitivity analysis: Saltelli's A, B and A_B^i
 * rows from one 2d-dimensional GSL Sobol sequence, and Morris trajectories on a grid of levels.
 * Pure functions of their arguments; the estimators that read the results are in
 * src/analysis/sensitivity.c. */
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sa_design.h"

void mn_saltelli_row(const double *ab, int d, int k, double *u)
{
    for (int i = 0; i < d; i++)
        u[i] = k == 1 ? ab[d + i] : ab[i];
    if (k >= 2) u[k - 2] = ab[d + k - 2];
}

int mn_saltelli_design(size_t n, int d, double *u, mn_error *err)
{
    if (d < 1 || d > MN_SALTELLI_MAX_D)
        return mn_fail(err, "a Saltelli design takes 1 to %d parameters, not %d", MN_SALTELLI_MAX_D,
                       d);
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * d));
    if (!q) return mn_fail(err, "cannot create a %d-dimensional Sobol sequence", 2 * d);
    double ab[2 * MN_SALTELLI_MAX_D];
    gsl_qrng_get(q, ab); /* the origin */
    for (size_t j = 0; j < n; j++) {
        gsl_qrng_get(q, ab);
        for (int k = 0; k < d + 2; k++)
            mn_saltelli_row(ab, d, k, u + (j * (size_t)(d + 2) + (size_t)k) * (size_t)d);
    }
    gsl_qrng_free(q);
    return 0;
}

void mn_morris_trajectory(unsigned long seed, int d, int levels, double *u)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng) {
        for (int k = 0; k < (d + 1) * d; k++)
            u[k] = NAN;
        return;
    }
    gsl_rng_set(rng, seed ? seed : 1);
    double delta = (double)levels / (2.0 * (double)(levels - 1));
    int order[MN_SALTELLI_MAX_D * 2];
    for (int k = 0; k < d; k++) {
        /* base levels whose step stays in [0, 1]: 0 .. levels/2 - 1 */
        double x =
            (double)gsl_rng_uniform_int(rng, (unsigned long)(levels / 2)) / (double)(levels - 1);
        int up = gsl_rng_uniform(rng) < 0.5;
        u[k] = up ? x : x + delta;
        order[k] = k;
    }
    gsl_ran_shuffle(rng, order, (size_t)d, sizeof *order);
    for (int s = 0; s < d; s++) {
        double *prev = u + (size_t)s * (size_t)d, *row = prev + d;
        memcpy(row, prev, (size_t)d * sizeof *row);
        int k = order[s];
        row[k] = prev[k] < delta - 1e-12 ? prev[k] + delta : prev[k] - delta;
        if (row[k] < 0) row[k] = 0; /* rounding */
        if (row[k] > 1) row[k] = 1;
    }
    gsl_rng_free(rng);
}
