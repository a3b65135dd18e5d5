/* fit.c — weighted least squares of model parameters to observations: residuals
 * (model - value) / sd from one course per group, gsl_multifit_nlinear trust region with
 * Levenberg-Marquardt and geodesic acceleration on unbounded coordinates (a logistic map onto
 * the bounds, of log(value) for log parameters), several starts (the base values, then a Sobol'
 * design from gsl_qrng_sobol) run in parallel, and at the best optimum the covariance of the
 * fitted coordinates from the SVD of the weighted Jacobian (central differences). See fit.h. */
#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_qrng.h>
#include <math.h>
#include <omp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit.h"
#include "params.h"
#include "runfile.h"
#include "runner.h"

/* Failed courses give this weighted residual for each of their rows: the step is rejected. */
#define FIT_FAILED_RESIDUAL 1e3

typedef struct {
    const mn_fit_spec *fs;
    mn_runner *w;
    double x[MN_FIT_MAX_PARAMS]; /* last natural values evaluated */
} eval_ctx;

/* fitted coordinate phi (log(value) on a log scale) and its bounds */
static double to_phi(const mn_fit_param *fp, double x)
{
    return fp->log_scale ? log(x) : x;
}
static double from_phi(const mn_fit_param *fp, double phi)
{
    return fp->log_scale ? exp(phi) : phi;
}

/* unbounded internal coordinate u <-> value: phi = phi_lo + (phi_hi - phi_lo) / (1 + e^-u) */
static double u_to_x(const mn_fit_param *fp, double u)
{
    double a = to_phi(fp, fp->lo), b = to_phi(fp, fp->hi);
    double x = from_phi(fp, a + (b - a) / (1 + exp(-u)));
    return fmin(fmax(x, fp->lo), fp->hi);
}

static double unit_to_u(double s)
{
    s = fmin(fmax(s, 1e-6), 1 - 1e-6);
    return log(s / (1 - s));
}

static double x_to_unit(const mn_fit_param *fp, double x)
{
    double a = to_phi(fp, fp->lo), b = to_phi(fp, fp->hi);
    return (to_phi(fp, x) - a) / (b - a);
}

/* Value of a state/observable at `day` from the trace (linear between grid samples). */
static double trace_at(const mn_trace *tr, double day, mn_fit_kind kind, int var)
{
    if (tr->n == 0) return NAN;
    size_t lo = 0, hi = tr->n - 1;
    if (day <= tr->t[0]) hi = 0;
    while (hi > lo + 1) {
        size_t mid = (lo + hi) / 2;
        if (tr->t[mid] <= day)
            lo = mid;
        else
            hi = mid;
    }
    const double *base = kind == MN_FIT_STATE ? tr->y : tr->obs;
    size_t stride = kind == MN_FIT_STATE ? S_COUNT : O_COUNT;
    double a = base[lo * stride + (size_t)var];
    if (hi == lo || fabs(tr->t[lo] - day) < 1e-9) return a;
    if (fabs(tr->t[hi] - day) < 1e-9 || day > tr->t[hi]) return base[hi * stride + (size_t)var];
    double b = base[hi * stride + (size_t)var];
    double f = (day - tr->t[lo]) / (tr->t[hi] - tr->t[lo]);
    return a + f * (b - a);
}

/* One course of group g with the fitted parameters at x (p receives the group's parameters, tr
 * the sampled trajectory to free with mn_trace_free); 1 if it ran to the end. */
static int run_group(const mn_fit_spec *fs, mn_runner *w, const double *x, int g, double *p,
                     mn_trace *tr, mn_result *res)
{
    memcpy(p, fs->groups[g].p, sizeof(double) * P_COUNT);
    for (int k = 0; k < fs->n_params; k++)
        p[fs->par[k].id] = x[k];
    mn_observer ob = mn_trace_observer(tr, fs->step_days);
    return mn_run_course(w, p, &ob, res) == 0 && !tr->oom;
}

/* Model values of every observation for natural parameter values x. Returns the number of rows
 * whose course failed (their model value is NaN). */
static size_t model_values(const mn_fit_spec *fs, mn_runner *w, const double *x, double *model)
{
    size_t failed = 0;
    double p[P_COUNT];
    for (int g = 0; g < fs->n_groups; g++) {
        if (!fs->groups[g].used) continue;
        mn_trace tr = {0};
        mn_result res;
        int ok = run_group(fs, w, x, g, p, &tr, &res);
        for (size_t i = 0; i < fs->n_obs; i++) {
            const mn_fit_obs *o = &fs->obs[i];
            if (o->group != g) continue;
            if (!ok)
                model[i] = NAN;
            else if (o->kind == MN_FIT_METRIC)
                model[i] = res.metrics[o->var];
            else
                model[i] = trace_at(&tr, o->day, o->kind, o->var);
            if (!isfinite(model[i])) failed++;
        }
        mn_trace_free(&tr);
    }
    return failed;
}

static void weighted(const mn_fit_spec *fs, const double *model, gsl_vector *f)
{
    for (size_t i = 0; i < fs->n_obs; i++) {
        double r = (model[i] - fs->obs[i].value) / fs->obs[i].sd;
        gsl_vector_set(f, i, isfinite(r) ? r : FIT_FAILED_RESIDUAL);
    }
}

static int resid_u(const gsl_vector *u, void *params, gsl_vector *f)
{
    eval_ctx *c = params;
    const mn_fit_spec *fs = c->fs;
    double x[MN_FIT_MAX_PARAMS], *model = malloc(fs->n_obs * sizeof *model);
    if (!model) return GSL_ENOMEM;
    for (int k = 0; k < fs->n_params; k++)
        x[k] = u_to_x(&fs->par[k], gsl_vector_get(u, (size_t)k));
    model_values(fs, c->w, x, model);
    weighted(fs, model, f);
    free(model);
    return GSL_SUCCESS;
}

/* Jacobian in u by central differences (the solver's tolerance makes forward differences of
 * sqrt(eps) meaningless). */
static int jac_u(const gsl_vector *u, void *params, gsl_matrix *J)
{
    eval_ctx *c = params;
    const size_t n = c->fs->n_obs, p = (size_t)c->fs->n_params;
    const double h = 1e-3;
    gsl_vector *uu = gsl_vector_alloc(p), *fp = gsl_vector_alloc(n), *fm = gsl_vector_alloc(n);
    if (!uu || !fp || !fm) {
        gsl_vector_free(uu), gsl_vector_free(fp), gsl_vector_free(fm);
        return GSL_ENOMEM;
    }
    int rc = GSL_SUCCESS;
    for (size_t k = 0; k < p && rc == GSL_SUCCESS; k++) {
        gsl_vector_memcpy(uu, u);
        gsl_vector_set(uu, k, gsl_vector_get(u, k) + h);
        rc = resid_u(uu, params, fp);
        gsl_vector_set(uu, k, gsl_vector_get(u, k) - h);
        if (rc == GSL_SUCCESS) rc = resid_u(uu, params, fm);
        for (size_t i = 0; i < n && rc == GSL_SUCCESS; i++)
            gsl_matrix_set(J, i, k, (gsl_vector_get(fp, i) - gsl_vector_get(fm, i)) / (2 * h));
    }
    gsl_vector_free(uu), gsl_vector_free(fp), gsl_vector_free(fm);
    return rc;
}

/* One start from unit coordinates s0: fills x (natural values), chi2, status and iterations. */
static void one_start(const mn_fit_spec *fs, mn_runner *w, const double *s0, double *x,
                      double *chi2, int *status, int *iter)
{
    const size_t n = fs->n_obs, p = (size_t)fs->n_params;
    eval_ctx c = {.fs = fs, .w = w};
    gsl_multifit_nlinear_fdf fdf = {
        .f = resid_u, .df = jac_u, .fvv = NULL, .n = n, .p = p, .params = &c};
    gsl_multifit_nlinear_parameters par = gsl_multifit_nlinear_default_parameters();
    par.trs = gsl_multifit_nlinear_trs_lmaccel;
    par.h_fvv = 0.02;
    gsl_multifit_nlinear_workspace *ws =
        gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &par, n, p);
    gsl_vector *u0 = gsl_vector_alloc(p);
    *chi2 = NAN;
    *status = -1;
    *iter = 0;
    for (size_t k = 0; k < p; k++)
        x[k] = NAN;
    if (ws && u0) {
        for (size_t k = 0; k < p; k++)
            gsl_vector_set(u0, k, unit_to_u(s0[k]));
        int info = 0;
        if (gsl_multifit_nlinear_init(u0, &fdf, ws) == GSL_SUCCESS) {
            *status = gsl_multifit_nlinear_driver((size_t)fs->max_iter, 1e-8, 1e-8, 1e-10, NULL,
                                                  NULL, &info, ws);
            const gsl_vector *u = gsl_multifit_nlinear_position(ws);
            const gsl_vector *f = gsl_multifit_nlinear_residual(ws);
            double ss = 0;
            gsl_blas_ddot(f, f, &ss);
            *chi2 = ss;
            *iter = (int)gsl_multifit_nlinear_niter(ws);
            for (size_t k = 0; k < p; k++)
                x[k] = u_to_x(&fs->par[k], gsl_vector_get(u, k));
        }
    }
    if (ws) gsl_multifit_nlinear_free(ws);
    gsl_vector_free(u0);
}

static void warn(mn_fit_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(mn_fit_result *r, const char *fmt, ...)
{
    size_t used = strlen(r->warnings);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->warnings + used, sizeof r->warnings - used, fmt, ap);
    va_end(ap);
    used = strlen(r->warnings);
    if (used + 1 < sizeof r->warnings) strcat(r->warnings, "\n");
}

/* Covariance of phi at x from the SVD of the weighted Jacobian d r / d phi. */
static int covariance(const mn_fit_spec *fs, mn_runner *w, mn_fit_result *r)
{
    const size_t n = fs->n_obs, p = (size_t)fs->n_params;
    gsl_matrix *J = gsl_matrix_alloc(n, p), *V = gsl_matrix_alloc(p, p);
    gsl_vector *S = gsl_vector_alloc(p), *work = gsl_vector_alloc(p);
    double *mp = malloc(n * sizeof *mp), *mm = malloc(n * sizeof *mm);
    if (!J || !V || !S || !work || !mp || !mm) {
        gsl_matrix_free(J), gsl_matrix_free(V), gsl_vector_free(S), gsl_vector_free(work);
        free(mp), free(mm);
        return -1;
    }
    for (size_t k = 0; k < p; k++) {
        const mn_fit_param *fp = &fs->par[k];
        const mn_param_info *pi = &mn_params[fp->id];
        double phi = to_phi(fp, r->x[k]);
        double h = 1e-3 * (to_phi(fp, fp->hi) - to_phi(fp, fp->lo));
        double xp[MN_FIT_MAX_PARAMS], xm[MN_FIT_MAX_PARAMS];
        memcpy(xp, r->x, sizeof xp);
        memcpy(xm, r->x, sizeof xm);
        double up = from_phi(fp, phi + h), dn = from_phi(fp, phi - h);
        double hp = h, hm = h;
        if (up > pi->max) up = r->x[k], hp = 0; /* one-sided at a parameter limit */
        if (dn < pi->min) dn = r->x[k], hm = 0;
        xp[k] = up;
        xm[k] = dn;
        model_values(fs, w, xp, mp);
        model_values(fs, w, xm, mm);
        for (size_t i = 0; i < n; i++) {
            double d = (mp[i] - mm[i]) / ((hp + hm) * fs->obs[i].sd);
            gsl_matrix_set(J, i, k, isfinite(d) ? d : 0);
        }
    }
    gsl_linalg_SV_decomp(J, V, S, work);
    double smax = gsl_vector_get(S, 0);
    r->rank = 0;
    for (size_t a = 0; a < p; a++)
        for (size_t k = 0; k < p; k++)
            r->sv_vec[a * p + k] = gsl_matrix_get(V, a, k);
    for (size_t k = 0; k < p; k++) {
        r->sv[k] = gsl_vector_get(S, k);
        if (r->sv[k] > 1e-6 * smax) r->rank++;
    }
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b < p; b++) {
            double c = 0;
            for (size_t k = 0; k < p; k++) {
                double s = fmax(r->sv[k], 1e-9 * smax);
                c += gsl_matrix_get(V, a, k) * gsl_matrix_get(V, b, k) / (s * s);
            }
            r->cov[a * p + b] = smax > 0 ? c : INFINITY;
        }
    for (size_t a = 0; a < p; a++) {
        double sd_phi = sqrt(r->cov[a * p + a]);
        r->se_log[a] = fs->par[a].log_scale ? sd_phi : NAN;
        r->se[a] = fs->par[a].log_scale ? r->x[a] * sd_phi : sd_phi;
    }
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b < p; b++)
            r->corr[a * p + b] = r->cov[a * p + b] / sqrt(r->cov[a * p + a] * r->cov[b * p + b]);
    gsl_matrix_free(J), gsl_matrix_free(V), gsl_vector_free(S), gsl_vector_free(work);
    free(mp), free(mm);
    return 0;
}

void mn_fit_result_free(mn_fit_result *r)
{
    free(r->model), free(r->residual);
    free(r->start_x0), free(r->start_x), free(r->start_chi2);
    free(r->start_status), free(r->start_iter);
    free(r->curve_t), free(r->curve), free(r->curve_sd);
    free(r->curve_group), free(r->curve_kind), free(r->curve_var);
    memset(r, 0, sizeof *r);
}

/* Curves of group g at natural parameter values x into dst (n_curves x n_curve_t; rows of other
 * groups untouched). Returns 0, or -1 if the course failed (the group's rows are NaN). */
static int group_curves(const mn_fit_spec *fs, mn_runner *w, const double *x, int g,
                        const mn_fit_result *r, double *dst)
{
    double p[P_COUNT];
    mn_trace tr = {0};
    mn_result res;
    int ok = run_group(fs, w, x, g, p, &tr, &res);
    for (int c = 0; c < r->n_curves; c++) {
        if (r->curve_group[c] != g) continue;
        for (size_t j = 0; j < r->n_curve_t; j++)
            dst[(size_t)c * r->n_curve_t + j] =
                ok && r->curve_t[j] <= p[P_schedule_course_days] + 1e-9
                    ? trace_at(&tr, r->curve_t[j], (mn_fit_kind)r->curve_kind[c], r->curve_var[c])
                    : NAN;
    }
    mn_trace_free(&tr);
    return ok ? 0 : -1;
}

/* The model curves at the estimate and their pointwise standard deviation by the delta method
 * (linearised posterior): var = g' C g with g the central-difference gradient of the curve in
 * the fitted coordinates; 2 courses per parameter and group. */
static int curves(const mn_fit_spec *fs, mn_runner *w, mn_fit_result *r)
{
    int cap = 64;
    const int p = fs->n_params;
    r->curve_group = malloc((size_t)cap * sizeof(int));
    r->curve_kind = malloc((size_t)cap * sizeof(int));
    r->curve_var = malloc((size_t)cap * sizeof(int));
    if (!r->curve_group || !r->curve_kind || !r->curve_var) return -1;
    double tmax = 0;
    for (size_t i = 0; i < fs->n_obs; i++) {
        const mn_fit_obs *o = &fs->obs[i];
        tmax = fmax(tmax, fs->groups[o->group].p[P_schedule_course_days]);
        if (o->kind == MN_FIT_METRIC) continue;
        int seen = 0;
        for (int c = 0; c < r->n_curves && !seen; c++)
            seen = r->curve_group[c] == o->group && r->curve_kind[c] == (int)o->kind &&
                   r->curve_var[c] == o->var;
        if (seen || r->n_curves == cap) continue;
        r->curve_group[r->n_curves] = o->group;
        r->curve_kind[r->n_curves] = (int)o->kind;
        r->curve_var[r->n_curves++] = o->var;
    }
    double step = fmax(fs->step_days, tmax / 2000);
    r->n_curve_t = (size_t)floor(tmax / step + 1e-9) + 1;
    const size_t nt = r->n_curve_t, size = (size_t)(r->n_curves ? r->n_curves : 1) * nt;
    r->curve_t = malloc(nt * sizeof *r->curve_t);
    r->curve = malloc(size * sizeof *r->curve);
    r->curve_sd = malloc(size * sizeof *r->curve_sd);
    double *grad = malloc((size_t)(p ? p : 1) * size * sizeof *grad);
    double *up = malloc(size * sizeof *up), *dn = malloc(size * sizeof *dn);
    if (!r->curve_t || !r->curve || !r->curve_sd || !grad || !up || !dn) {
        free(grad), free(up), free(dn);
        return -1;
    }
    for (size_t j = 0; j < nt; j++)
        r->curve_t[j] = (double)j * step;
    for (size_t j = 0; j < size; j++)
        r->curve[j] = r->curve_sd[j] = NAN;
    for (int g = 0; g < fs->n_groups; g++) {
        int any = 0;
        for (int c = 0; c < r->n_curves; c++)
            any |= r->curve_group[c] == g;
        if (!any) continue;
        group_curves(fs, w, r->x, g, r, r->curve);
        int grad_ok = 1;
        for (int k = 0; k < p && grad_ok; k++) {
            const mn_fit_param *fp = &fs->par[k];
            const mn_param_info *pi = &mn_params[fp->id];
            double phi = to_phi(fp, r->x[k]), h = 1e-3 * (to_phi(fp, fp->hi) - to_phi(fp, fp->lo));
            double xp[MN_FIT_MAX_PARAMS], xm[MN_FIT_MAX_PARAMS];
            memcpy(xp, r->x, sizeof xp);
            memcpy(xm, r->x, sizeof xm);
            xp[k] = fmin(from_phi(fp, phi + h), pi->max);
            xm[k] = fmax(from_phi(fp, phi - h), pi->min);
            double span = to_phi(fp, xp[k]) - to_phi(fp, xm[k]);
            grad_ok = span > 0 && group_curves(fs, w, xp, g, r, up) == 0 &&
                      group_curves(fs, w, xm, g, r, dn) == 0;
            for (int c = 0; c < r->n_curves && grad_ok; c++) {
                if (r->curve_group[c] != g) continue;
                for (size_t j = 0; j < nt; j++) {
                    size_t at = (size_t)c * nt + j;
                    grad[(size_t)k * size + at] = (up[at] - dn[at]) / span;
                }
            }
        }
        for (int c = 0; c < r->n_curves && grad_ok; c++) {
            if (r->curve_group[c] != g) continue;
            for (size_t j = 0; j < nt; j++) {
                size_t at = (size_t)c * nt + j;
                double v = 0;
                for (int a = 0; a < p; a++)
                    for (int b = 0; b < p; b++)
                        v += grad[(size_t)a * size + at] * r->cov[a * p + b] *
                             grad[(size_t)b * size + at];
                r->curve_sd[at] = isfinite(r->curve[at]) && v >= 0 ? sqrt(v) : NAN;
            }
        }
    }
    free(grad), free(up), free(dn);
    return 0;
}

void mn_fit_warn_pairs(const mn_fit_spec *fs, mn_fit_result *r)
{
    const int p = r->n;
    char na[160], nb[160], comb[400];
    for (int a = 0; a < p; a++)
        for (int b = a + 1; b < p; b++) {
            double rab = r->corr[a * p + b];
            if (!(fabs(rab) > 0.95)) continue;
            mn_param_name(fs->par[a].id, na, sizeof na);
            mn_param_name(fs->par[b].id, nb, sizeof nb);
            /* the best-determined combination phi_a + k phi_b (least variance): k = -c_ab/c_bb;
             * with log scales and k ~ +-1 it is the product (ratio) of the two values */
            const double cbb = r->cov[b * p + b], cab = r->cov[a * p + b];
            double k = -cab / cbb;
            /* its variance from the determined directions only (pseudo-inverse: singular
             * values above 1e-6 of the largest), free of the cancellation in the covariance */
            double var = 0;
            for (int j = 0; j < p; j++)
                if (r->sv[j] > 1e-6 * r->sv[0]) {
                    double c = r->sv_vec[a * p + j] + k * r->sv_vec[b * p + j];
                    var += c * c / (r->sv[j] * r->sv[j]);
                }
            comb[0] = '\0';
            if (fs->par[a].log_scale && fs->par[b].log_scale && fabs(fabs(k) - 1) < 0.1 &&
                var >= 0) {
                int product = k > 0;
                double v = product ? r->x[a] * r->x[b] : r->x[a] / r->x[b];
                snprintf(
                    comb, sizeof comb, "; only their %s is determined: %s %s %s = %.4g +- %.2g %%",
                    product ? "product" : "ratio", na, product ? "x" : "/", nb, v, 100 * sqrt(var));
            } else if (isfinite(k) && var >= 0) {
                snprintf(comb, sizeof comb,
                         "; only a combination is determined (%s%s %+.3g %s%s, sd %.2g)",
                         fs->par[a].log_scale ? "log " : "", na, k,
                         fs->par[b].log_scale ? "log " : "", nb, sqrt(var));
            }
            warn(r,
                 "%s and %s are not identifiable separately from these data (correlation "
                 "r = %+.3f)%s; fix one of them or add data that separates them",
                 na, nb, rab, comb);
        }
}

void mn_fit_warn_starts(const mn_fit_spec *fs, mn_fit_result *r)
{
    const int p = r->n, best = r->best_start;
    if (best < 0 || r->n_starts < 2) return;
    const double chi_best = r->start_chi2[best], tol = fmax(1.0, 0.01 * chi_best);
    int worse = 0, apart = 0, conv = 0;
    double worst = chi_best, far = 0;
    for (int s = 0; s < r->n_starts; s++) {
        if (s == best || r->start_status[s] != 0 || !isfinite(r->start_chi2[s])) continue;
        conv++;
        if (r->start_chi2[s] > chi_best + tol) {
            worse++;
            worst = fmax(worst, r->start_chi2[s]);
            continue;
        }
        /* as good a chi2: how far apart (in standard errors of the fitted coordinate)? */
        double d = 0;
        for (int k = 0; k < p; k++) {
            double sd = sqrt(r->cov[k * p + k]);
            double dk = fabs(to_phi(&fs->par[k], r->start_x[(size_t)s * (size_t)p + (size_t)k]) -
                             to_phi(&fs->par[k], r->x[k]));
            d = fmax(d, sd > 0 ? dk / sd : (dk > 0 ? INFINITY : 0));
        }
        if (d > 2) {
            apart++;
            far = fmax(far, d);
        }
    }
    if (worse)
        warn(r,
             "the starts disagree: %d of %d other converged starts ended at a different, worse "
             "minimum (chi2 up to %.4g against %.4g at the best, start %d); the best was kept, "
             "but more starts may find a better one",
             worse, conv, worst, chi_best, best);
    if (apart)
        warn(r,
             "the starts disagree: %d of %d other converged starts reached as low a chi2 (within "
             "%.3g) at estimates up to %.3g standard errors away: a flat valley or several equal "
             "minima",
             apart, conv, tol, far);
}

int mn_fit_run(const mn_fit_spec *fs, int threads, mn_fit_result *r, mn_error *err)
{
    memset(r, 0, sizeof *r);
    const int p = fs->n_params, S = fs->starts;
    const size_t n = fs->n_obs;
    r->n = p;
    r->n_obs = n;
    r->n_starts = S;
    r->model = malloc(n * sizeof *r->model);
    r->residual = malloc(n * sizeof *r->residual);
    r->start_x0 = malloc((size_t)S * (size_t)p * sizeof *r->start_x0);
    r->start_x = malloc((size_t)S * (size_t)p * sizeof *r->start_x);
    r->start_chi2 = malloc((size_t)S * sizeof *r->start_chi2);
    r->start_status = malloc((size_t)S * sizeof *r->start_status);
    r->start_iter = malloc((size_t)S * sizeof *r->start_iter);
    double *unit = malloc((size_t)S * (size_t)p * sizeof *unit);
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)p);
    if (!r->model || !r->residual || !r->start_x0 || !r->start_x || !r->start_chi2 ||
        !r->start_status || !r->start_iter || !unit || !q) {
        free(unit);
        if (q) gsl_qrng_free(q);
        mn_fit_result_free(r);
        return mn_fail(err, "out of memory");
    }
    /* start 0: the base values (clamped inside the bounds); then Sobol' points, kept off the
     * bounds where the logistic map is flat */
    for (int k = 0; k < p; k++)
        unit[k] = fmin(fmax(x_to_unit(&fs->par[k], fs->groups[0].p[fs->par[k].id]), 0.02), 0.98);
    double v[MN_FIT_MAX_PARAMS];
    gsl_qrng_get(q, v); /* skip the origin */
    for (int s = 1; s < S; s++) {
        gsl_qrng_get(q, v);
        for (int k = 0; k < p; k++)
            unit[(size_t)s * (size_t)p + (size_t)k] = 0.02 + 0.96 * v[k];
    }
    gsl_qrng_free(q);
    for (int s = 0; s < S; s++)
        for (int k = 0; k < p; k++)
            r->start_x0[(size_t)s * (size_t)p + (size_t)k] =
                u_to_x(&fs->par[k], unit_to_u(unit[(size_t)s * (size_t)p + (size_t)k]));
    if (threads <= 0) threads = omp_get_max_threads();
    if (threads > S) threads = S;
    int oom = 0;
#pragma omp parallel num_threads(threads)
    {
        mn_runner *w = mn_runner_new();
        if (!w) {
#pragma omp atomic write
            oom = 1;
        }
#pragma omp for schedule(dynamic, 1)
        for (int s = 0; s < S; s++) {
            if (!w) continue;
            one_start(fs, w, unit + (size_t)s * (size_t)p, r->start_x + (size_t)s * (size_t)p,
                      &r->start_chi2[s], &r->start_status[s], &r->start_iter[s]);
        }
        mn_runner_free(w);
    }
    free(unit);
    if (oom) {
        mn_fit_result_free(r);
        return mn_fail(err, "out of memory");
    }
    r->best_start = -1;
    for (int s = 0; s < S; s++) {
        if (r->start_status[s] == GSL_SUCCESS) r->converged++;
        if (isfinite(r->start_chi2[s]) &&
            (r->best_start < 0 || r->start_chi2[s] < r->start_chi2[r->best_start]))
            r->best_start = s;
    }
    if (r->best_start < 0) {
        mn_fit_result_free(r);
        return mn_fail(err, "no start of the fit could be evaluated");
    }
    memcpy(r->x, r->start_x + (size_t)r->best_start * (size_t)p, (size_t)p * sizeof *r->x);
    mn_runner *w = mn_runner_new();
    if (!w) {
        mn_fit_result_free(r);
        return mn_fail(err, "out of memory");
    }
    size_t failed = model_values(fs, w, r->x, r->model);
    if (failed) {
        mn_runner_free(w);
        mn_fit_result_free(r);
        return mn_fail(err, "the course failed at the best estimate (%zu rows without a value)",
                       failed);
    }
    r->chi2 = 0;
    for (size_t i = 0; i < n; i++) {
        r->residual[i] = (r->model[i] - fs->obs[i].value) / fs->obs[i].sd;
        r->chi2 += r->residual[i] * r->residual[i];
    }
    r->dof = (int)n - p;
    r->aic = r->chi2 + 2.0 * p;
    r->p_value = r->dof > 0 ? gsl_cdf_chisq_Q(r->chi2, r->dof) : NAN;
    int rc = covariance(fs, w, r) == 0 && curves(fs, w, r) == 0 ? 0 : -1;
    mn_runner_free(w);
    if (rc) {
        mn_fit_result_free(r);
        return mn_fail(err, "out of memory");
    }
    /* warnings */
    char na[160];
    for (int a = 0; a < p; a++) {
        const mn_fit_param *fp = &fs->par[a];
        mn_param_name(fp->id, na, sizeof na);
        double s = x_to_unit(fp, r->x[a]);
        if (s < 0.01 || s > 0.99)
            warn(r,
                 "%s = %g is at its %s bound %g: the optimum may lie outside the bounds and "
                 "its standard error is not reliable",
                 na, r->x[a], s < 0.5 ? "lower" : "upper", s < 0.5 ? fp->lo : fp->hi);
        double width = to_phi(fp, fp->hi) - to_phi(fp, fp->lo);
        if (!(sqrt(r->cov[a * p + a]) < width))
            warn(r,
                 "%s: the standard error exceeds the width of its bounds: not determined by "
                 "these data",
                 na);
    }
    mn_fit_warn_pairs(fs, r);
    mn_fit_warn_starts(fs, r);
    if (r->rank < p)
        warn(r, "the Jacobian has rank %d of %d (singular values down to %.3g of the largest)",
             r->rank, p, r->sv[p - 1] / r->sv[0]);
    if (r->dof == 0) warn(r, "no degrees of freedom: chi2 cannot test the fit");
    if (r->converged == 0)
        warn(r, "no start met the convergence tests in %d iterations", fs->max_iter);
    return 0;
}
