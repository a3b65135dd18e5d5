/* ensemble.h — uncertainty bands for one course (`mnsim run --ensemble N`): parameters drawn from
 * stated distributions (an [ensemble] file, or by default the planner's log-normal spread of the
 * uncertain biological rates), N member courses on OpenMP threads, and the 10/50/90 % quantiles
 * of every state and observable on the run's time grid, written next to the nominal series.
 * Or from a fit's posterior (`--ensemble-from F.h5`): a multivariate normal of its estimates.
 * Member k draws from a generator seeded by (seed, k): results never depend on threads. */
#ifndef MN_ENSEMBLE_H
#define MN_ENSEMBLE_H

#include <stddef.h>

#include "error.h"
#include "fit.h"
#include "model.h"

enum { MN_ENSEMBLE_MAX_PARAMS = 64, MN_ENSEMBLE_MAX_MEMBERS = 100000 };

typedef enum {
    MN_DIST_UNIFORM,
    MN_DIST_LOGUNIFORM,
    MN_DIST_NORMAL,
    MN_DIST_LOGNORMAL,
    MN_DIST_JOINT /* one coordinate of the joint normal (mn_ensemble_spec.joint) */
} mn_dist_kind;

typedef struct {
    int id, line;
    mn_dist_kind kind;
    double a, b; /* uniform/loguniform: bounds; normal: mean, sd; lognormal: sigma (a unused);
                    joint: the bounds of the fit */
} mn_dist;

/* A multivariate normal over the first n distributions of a spec (all MN_DIST_JOINT), in the
 * fitted coordinates of `mnsim fit` (log(value) for log parameters): a fit's posterior. */
typedef struct {
    int n;
    int log_scale[MN_FIT_MAX_PARAMS];
    double mean[MN_FIT_MAX_PARAMS];
    double chol[MN_FIT_MAX_PARAMS * MN_FIT_MAX_PARAMS]; /* lower Cholesky factor, row-major */
    double jitter; /* added to the diagonal to make the covariance positive definite (0: none) */
} mn_joint_normal;

typedef struct {
    char path[4096]; /* the [ensemble] file ("" = default spread) */
    unsigned long seed;
    int n;
    mn_dist d[MN_ENSEMBLE_MAX_PARAMS];
    mn_joint_normal joint; /* joint.n > 0: d[0 .. joint.n-1] are drawn together */
} mn_ensemble_spec;

/* Read an [ensemble] file: `seed = S` and one line per parameter:
 *   section.key = uniform A .. B | loguniform A .. B | normal MEAN SD | lognormal SIGMA
 * (lognormal: median = the run's value). Errors name file:line. Returns 0 or -1. */
int mn_ensemble_load(const char *path, mn_ensemble_spec *es, mn_error *err);
/* The default: the planner's uncertain rates, log-normal with sigma = plan.ensemble_spread. */
void mn_ensemble_default(const double *p, mn_ensemble_spec *es);
/* The posterior of a fit file F.h5 (`mnsim run --ensemble-from F.h5`): a joint normal of the
 * estimates with their covariance (Cholesky factor by gsl_linalg_cholesky_decomp1; a near-singular
 * covariance gets the smallest diagonal jitter, 1e-12 .. 1e-4 of its largest variance, that makes
 * it positive definite), draws kept within the fit's bounds. seed = 1. Returns 0 or -1 (err: not a
 * fit file, covariance not usable). */
int mn_ensemble_from_fit(const char *path, mn_ensemble_spec *es, mn_error *err);
/* The estimate of every parameter of a joint normal (its mean, on the value scale) into p. */
void mn_ensemble_joint_mean(const mn_ensemble_spec *es, double *p);
/* Parameters of member k: nominal values, then each distribution drawn in order (values outside
 * a parameter's limits are redrawn, up to 100 times, then clipped; whole-number parameters are
 * rounded). */
void mn_ensemble_draw(const mn_ensemble_spec *es, const double *nominal, size_t member, double *p);

typedef struct {
    size_t members, ok, ntime;
    double *q;       /* 3 (q10, q50, q90) x (S_COUNT + O_COUNT) x ntime */
    double *metrics; /* members x M_COUNT (NaN for failed members) */
    double *drawn;   /* members x es->n */
    signed char *status;
} mn_ensemble_result;

/* Run `members` courses (threads <= 0: all cores) sampled on the nominal grid of ntime samples
 * every p[output.step_days]. Returns 0 or -1 (out of memory, every member failed). */
int mn_ensemble_run(const mn_ensemble_spec *es, const double *nominal, size_t members, int threads,
                    size_t ntime, mn_ensemble_result *r, mn_error *err);
void mn_ensemble_free(mn_ensemble_result *r);

/* Add the quantile series (NAME_q10/_q50/_q90 on `time`) and the members (group `ensemble`, on a
 * `member` dimension) to the run file `path`. Returns 0 or -1. */
int mn_ensemble_write(const char *path, const mn_ensemble_spec *es, const mn_ensemble_result *r,
                      mn_error *err);

/* The uncertain biological rates (parameter ids) of the default ensemble, shared with the planner.
 */
extern const int mn_uncertain_rates[];
extern const int mn_uncertain_rate_count;

#endif
