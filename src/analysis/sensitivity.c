/* sensitivity.c — Saltelli design, Sobol' index estimators (Saltelli 2010 first order, Jansen
 * total effect) with percentile bootstrap intervals, and Morris elementary effects. Pure functions
 * of their arguments (GSL Sobol sequence, mt19937 seeded by the caller). See sensitivity.h and
 * docs/ANALYSIS.md. */
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sensitivity.h"

/* Point estimates over the base samples idx[0..m): s1 and st (d each). fA, fB, fAB centred. */
static void sobol_point(const double *f, const size_t *idx, size_t m, int d, double *s1, double *st)
{
    const size_t w = (size_t)d + 2;
    double sum = 0, sum2 = 0;
    for (size_t q = 0; q < m; q++) {
        const double *r = f + idx[q] * w;
        sum += r[0] + r[1];
    }
    double mean = sum / (double)(2 * m);
    for (size_t q = 0; q < m; q++) {
        const double *r = f + idx[q] * w;
        sum2 += (r[0] - mean) * (r[0] - mean) + (r[1] - mean) * (r[1] - mean);
    }
    double var = m > 1 ? sum2 / (double)(2 * m - 1) : 0;
    for (int i = 0; i < d; i++) {
        double a = 0, b = 0;
        for (size_t q = 0; q < m; q++) {
            const double *r = f + idx[q] * w;
            double fa = r[0] - mean, fb = r[1] - mean, fab = r[2 + i] - mean;
            a += fb * (fab - fa);
            b += (fa - fab) * (fa - fab);
        }
        s1[i] = var > 0 ? a / (double)m / var : NAN;
        st[i] = var > 0 ? b / (2.0 * (double)m) / var : NAN;
    }
}

static double variance_of(const double *f, const size_t *idx, size_t m, int d)
{
    const size_t w = (size_t)d + 2;
    double sum = 0, sum2 = 0;
    for (size_t q = 0; q < m; q++)
        sum += f[idx[q] * w] + f[idx[q] * w + 1];
    double mean = sum / (double)(2 * m);
    for (size_t q = 0; q < m; q++) {
        double a = f[idx[q] * w] - mean, b = f[idx[q] * w + 1] - mean;
        sum2 += a * a + b * b;
    }
    return m > 1 ? sum2 / (double)(2 * m - 1) : 0;
}

/* Percentile interval of x[0..n) (sorted in place) at `level`. */
static void percentile(double *x, size_t n, double level, double *lo, double *hi)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i])) x[k++] = x[i];
    if (k == 0) {
        *lo = *hi = NAN;
        return;
    }
    gsl_sort(x, 1, k);
    *lo = gsl_stats_quantile_from_sorted_data(x, 1, k, (1 - level) / 2);
    *hi = gsl_stats_quantile_from_sorted_data(x, 1, k, 1 - (1 - level) / 2);
}

int mn_sobol_indices(const double *f, size_t n, int d, const mn_boot_options *bo,
                     mn_sobol_index *out, double *variance, size_t *n_used, mn_error *err)
{
    const size_t w = (size_t)d + 2;
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    size_t *pick = malloc((n ? n : 1) * sizeof *pick);
    size_t nb = bo ? bo->n_boot : 0;
    double *s1 = malloc((size_t)d * sizeof *s1), *st = malloc((size_t)d * sizeof *st);
    double *bs1 = malloc((nb ? nb : 1) * (size_t)d * sizeof *bs1);
    double *bst = malloc((nb ? nb : 1) * (size_t)d * sizeof *bst);
    double *col = malloc((nb ? nb : 1) * sizeof *col);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    int rc = 0;
    if (!idx || !pick || !s1 || !st || !bs1 || !bst || !col || !rng) {
        rc = mn_fail(err, "out of memory (Sobol' indices of %zu samples)", n);
        goto done;
    }
    size_t m = 0;
    for (size_t j = 0; j < n; j++) {
        int ok = 1;
        for (size_t k = 0; k < w; k++)
            ok &= isfinite(f[j * w + k]) != 0;
        if (ok) idx[m++] = j;
    }
    *n_used = m;
    *variance = variance_of(f, idx, m, d);
    sobol_point(f, idx, m, d, s1, st);
    gsl_rng_set(rng, bo && bo->seed ? bo->seed : 1);
    for (size_t b = 0; b < nb && m > 1; b++) {
        for (size_t q = 0; q < m; q++)
            pick[q] = idx[gsl_rng_uniform_int(rng, m)];
        sobol_point(f, pick, m, d, bs1 + b * (size_t)d, bst + b * (size_t)d);
    }
    for (int i = 0; i < d; i++) {
        mn_sobol_index *o = &out[i];
        o->s1 = s1[i];
        o->st = st[i];
        o->s1_lo = o->s1_hi = s1[i];
        o->st_lo = o->st_hi = st[i];
        if (nb == 0 || m < 2) continue;
        for (size_t b = 0; b < nb; b++)
            col[b] = bs1[b * (size_t)d + (size_t)i];
        percentile(col, nb, bo->level, &o->s1_lo, &o->s1_hi);
        for (size_t b = 0; b < nb; b++)
            col[b] = bst[b * (size_t)d + (size_t)i];
        percentile(col, nb, bo->level, &o->st_lo, &o->st_hi);
    }
done:
    free(idx);
    free(pick);
    free(s1);
    free(st);
    free(bs1);
    free(bst);
    free(col);
    if (rng) gsl_rng_free(rng);
    return rc;
}

static void morris_point(const double *ee, const size_t *pick, size_t m, double *mu,
                         double *mu_star, double *sigma)
{
    double s = 0, sa = 0, s2 = 0;
    for (size_t q = 0; q < m; q++) {
        s += ee[pick[q]];
        sa += fabs(ee[pick[q]]);
    }
    *mu = m ? s / (double)m : NAN;
    *mu_star = m ? sa / (double)m : NAN;
    for (size_t q = 0; q < m; q++)
        s2 += (ee[pick[q]] - *mu) * (ee[pick[q]] - *mu);
    *sigma = m > 1 ? sqrt(s2 / (double)(m - 1)) : NAN;
}

int mn_morris_indices(const double *f, const double *u, size_t r, int d, const mn_boot_options *bo,
                      mn_morris_index *out, mn_error *err)
{
    size_t nb = bo ? bo->n_boot : 0;
    double *ee = malloc((size_t)d * (r ? r : 1) * sizeof *ee); /* factor-major */
    size_t *cnt = calloc((size_t)d, sizeof *cnt);
    size_t *pick = malloc((r ? r : 1) * sizeof *pick), *all = malloc((r ? r : 1) * sizeof *all);
    double *boot = malloc((nb ? nb : 1) * sizeof *boot);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    int rc = 0;
    if (!ee || !cnt || !pick || !all || !boot || !rng) {
        rc = mn_fail(err, "out of memory (Morris effects of %zu trajectories)", r);
        goto done;
    }
    for (size_t t = 0; t < r; t++)
        for (int s = 0; s < d; s++) {
            size_t row = t * (size_t)(d + 1) + (size_t)s;
            const double *a = u + row * (size_t)d, *b = a + d;
            int k = -1;
            double du = 0;
            for (int i = 0; i < d; i++)
                if (fabs(b[i] - a[i]) > fabs(du)) {
                    du = b[i] - a[i];
                    k = i;
                }
            double df = f[row + 1] - f[row];
            if (k < 0 || !isfinite(df) || fabs(du) < 1e-12) continue;
            ee[(size_t)k * r + cnt[k]++] = df / du;
        }
    gsl_rng_set(rng, bo && bo->seed ? bo->seed : 1);
    for (int k = 0; k < d; k++) {
        mn_morris_index *o = &out[k];
        const double *e = ee + (size_t)k * r;
        size_t m = cnt[k];
        for (size_t q = 0; q < m; q++)
            all[q] = q;
        o->n_effects = m;
        morris_point(e, all, m, &o->mu, &o->mu_star, &o->sigma);
        o->mu_star_lo = o->mu_star_hi = o->mu_star;
        if (nb == 0 || m < 2) continue;
        for (size_t b = 0; b < nb; b++) {
            double mu, sg;
            for (size_t q = 0; q < m; q++)
                pick[q] = gsl_rng_uniform_int(rng, m);
            morris_point(e, pick, m, &mu, &boot[b], &sg);
        }
        percentile(boot, nb, bo->level, &o->mu_star_lo, &o->mu_star_hi);
    }
done:
    free(ee);
    free(cnt);
    free(pick);
    free(all);
    free(boot);
    if (rng) gsl_rng_free(rng);
    return rc;
}
