/* sensitivity.h — global sensitivity estimators as pure functions on arrays (no I/O, no model):
 * the Saltelli design (A, B and the A_B^i matrices from one 2d-dimensional Sobol sequence), the
 * Saltelli 2010 first-order and Jansen 1999 total-effect estimators of Sobol' indices with
 * percentile bootstrap intervals, and Morris trajectories with elementary effects (mu, mu*,
 * sigma). Every random number comes from a gsl_rng seeded by the caller: results are a function
 * of the inputs only. */
#ifndef MN_SENSITIVITY_H
#define MN_SENSITIVITY_H

#include <stddef.h>

#include "error.h"
#include "sa_design.h"

typedef struct {
    double s1, s1_lo, s1_hi; /* first-order index and its bootstrap interval */
    double st, st_lo, st_hi; /* total-effect index and its bootstrap interval */
} mn_sobol_index;

typedef struct {
    size_t n_boot;      /* bootstrap resamples (0: no intervals, lo = hi = estimate) */
    double level;       /* interval level, e.g. 0.95 */
    unsigned long seed; /* bootstrap generator seed (mt19937) */
} mn_boot_options;

/* Sobol' indices of one output from values f in the Saltelli layout (n base samples, d inputs).
 * Base samples with a non-finite value in any of their d + 2 rows are left out (*n_used says how
 * many were kept). first order (Saltelli et al. 2010, eq. b):
 *     S_i  = mean_j f(B)_j (f(A_B^i)_j - f(A)_j) / V
 * total effect (Jansen 1999):
 *     ST_i = mean_j (f(A)_j - f(A_B^i)_j)^2 / (2 V)
 * with V the variance of f over the rows A and B. Indices are NaN when V = 0 or fewer than 2
 * samples are usable. out has d entries; *variance gets V. Returns 0 or -1 (out of memory). */
int mn_sobol_indices(const double *f, size_t n, int d, const mn_boot_options *bo,
                     mn_sobol_index *out, double *variance, size_t *n_used, mn_error *err);

typedef struct {
    double mu, mu_star, sigma;     /* mean, mean |.| and standard deviation of elementary effects */
    double mu_star_lo, mu_star_hi; /* bootstrap interval of mu* (over trajectories) */
    size_t n_effects;              /* elementary effects used */
} mn_morris_index;

/* Elementary effects of r trajectories: f has r (d + 1) values, u the matching unit coordinates
 * (r (d + 1) x d). The effect of the factor that changes between consecutive rows is
 * (f_{s+1} - f_s) / (u_{s+1} - u_s) (per unit of the scaled range). Steps with non-finite values
 * or no change are left out. out has d entries. */
int mn_morris_indices(const double *f, const double *u, size_t r, int d, const mn_boot_options *bo,
                      mn_morris_index *out, mn_error *err);

#endif
