/* fit.h — calibration of model parameters to observations (`mnsim fit FIT.ini -o F.h5`): the
 * fit file (parameters with bounds, optional log scale; groups with their own INI overrides),
 * the data file (day, observable_or_metric, value, sd[, group]), weighted least squares with
 * gsl_multifit_nlinear (trust region, Levenberg-Marquardt with geodesic acceleration) from
 * several starts of a Sobol' design, and the estimates, standard errors and correlations from
 * the Jacobian at the optimum (SVD). See docs/ANALYSIS.md. */
#ifndef MN_FIT_H
#define MN_FIT_H

#include <stddef.h>

#include "error.h"
#include "model.h"

enum { MN_FIT_MAX_PARAMS = 20, MN_FIT_MAX_GROUPS = 64 };

typedef struct {
    int id, line;
    double lo, hi; /* inclusive bounds */
    int log_scale; /* fitted on log(value) */
} mn_fit_param;

typedef struct {
    char name[128]; /* "" = the base parameters (data without a group column) */
    int line;       /* line of its [group NAME] section */
    double p[P_COUNT];
    int used;
} mn_fit_group;

typedef enum { MN_FIT_STATE, MN_FIT_OBSERVABLE, MN_FIT_METRIC } mn_fit_kind;

typedef struct {
    double day, value, sd;
    int group; /* index into groups */
    mn_fit_kind kind;
    int var;  /* state, observable or metric id */
    int line; /* line of the data file */
} mn_fit_obs;

typedef struct {
    char path[4096], data_path[4096], base_path[4096];
    char *text, *data_text, *base_text; /* the files' text (provenance) */
    int n_params;
    mn_fit_param par[MN_FIT_MAX_PARAMS];
    int n_groups;
    mn_fit_group *groups; /* n_groups (malloc'd) */
    size_t n_obs;
    mn_fit_obs *obs;  /* n_obs (malloc'd) */
    int starts;       /* multistart points (default 8) */
    int max_iter;     /* iterations per start (default 100) */
    double step_days; /* model sampling grid for observables (default 0.25) */
} mn_fit_spec;

/* Read and check FIT.ini and its data file. Every error names file:line. Returns 0 or -1. */
int mn_fit_load(const char *path, mn_fit_spec *fs, mn_error *err);
void mn_fit_spec_free(mn_fit_spec *fs);

typedef struct {
    int n; /* parameters */
    size_t n_obs;
    double x[MN_FIT_MAX_PARAMS];      /* estimates */
    double se[MN_FIT_MAX_PARAMS];     /* standard errors (value scale; delta method) */
    double se_log[MN_FIT_MAX_PARAMS]; /* standard errors of log(value) (log parameters) */
    double cov[MN_FIT_MAX_PARAMS * MN_FIT_MAX_PARAMS];  /* covariance of the fitted coordinate */
    double corr[MN_FIT_MAX_PARAMS * MN_FIT_MAX_PARAMS]; /* correlation matrix */
    double sv[MN_FIT_MAX_PARAMS]; /* singular values of the weighted Jacobian */
    double sv_vec[MN_FIT_MAX_PARAMS * MN_FIT_MAX_PARAMS]; /* its right singular vectors V
                                                             (column k: sv[k]), row-major */
    int rank;                                             /* numerical rank of the Jacobian */
    double chi2, aic, p_value;
    int dof;
    double *model;    /* n_obs model values at the estimate */
    double *residual; /* n_obs weighted residuals (model - value) / sd */
    /* the starts */
    int n_starts, converged;
    double *start_x0, *start_x; /* n_starts x n */
    double *start_chi2;
    int *start_status, *start_iter;
    int best_start;
    /* model curves for the figure: one per (group, state/observable) pair of the data */
    int n_curves;
    size_t n_curve_t;
    double *curve_t;  /* n_curve_t days */
    double *curve;    /* n_curves x n_curve_t (NaN beyond a group's course) */
    double *curve_sd; /* its pointwise standard deviation (delta method, linearised) */
    int *curve_group, *curve_kind, *curve_var;
    char warnings[4096]; /* one per line */
} mn_fit_result;

/* Fit (threads <= 0: all cores; the starts run in parallel, results do not depend on threads).
 * Returns 0, or -1 with err filled (every course failed, out of memory). */
int mn_fit_run(const mn_fit_spec *fs, int threads, mn_fit_result *r, mn_error *err);
void mn_fit_result_free(mn_fit_result *r);

/* Warnings appended to r->warnings (used by mn_fit_run; separate for the tests): every pair of
 * estimates with |r| > 0.95 (not identifiable separately; for two log parameters with the
 * least-variance combination ~ log a +- log b, the product or ratio that is determined); starts
 * that disagree: a converged start at a worse minimum (chi2 above the best by more than
 * max(1, 1 % of it)), or one as good but more than 2 standard errors away. */
void mn_fit_warn_pairs(const mn_fit_spec *fs, mn_fit_result *r);
void mn_fit_warn_starts(const mn_fit_spec *fs, mn_fit_result *r);

/* Write F.h5 atomically (F.h5.partial then rename). Returns 0 or -1. */
int mn_fit_write(const char *path, const mn_fit_spec *fs, const mn_fit_result *r, int argc,
                 char **argv, mn_error *err);

/* Name of an observation's quantity. */
const char *mn_fit_obs_name(mn_fit_kind kind, int var);

/* The estimate and covariance of a fit file, for `mnsim run --ensemble-from F.h5`: parameter ids,
 * log flags, means and covariance of the fitted coordinate (log(value) for log parameters), and
 * bounds. Returns 0 or -1 (err: not a fit file, unknown parameter). */
typedef struct {
    int n;
    int id[MN_FIT_MAX_PARAMS], log_scale[MN_FIT_MAX_PARAMS];
    double mean[MN_FIT_MAX_PARAMS], lo[MN_FIT_MAX_PARAMS], hi[MN_FIT_MAX_PARAMS];
    double cov[MN_FIT_MAX_PARAMS * MN_FIT_MAX_PARAMS];
} mn_fit_posterior;
int mn_fit_read_posterior(const char *path, mn_fit_posterior *fp, mn_error *err);

#endif
