/* ensemble.c — `mnsim run --ensemble N`: the [ensemble] file, member parameters drawn with
 * gsl_rng (mt19937 seeded per member), member courses on OpenMP threads (one runner each), the
 * 10/50/90 % quantiles (gsl_stats_quantile_from_sorted_data) of every series, and their HDF5
 * datasets next to the nominal series of the run file. See ensemble.h and docs/ANALYSIS.md. */
#include <errno.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <hdf5.h>
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ensemble.h"
#include "h5util.h"
#include "inifile.h"
#include "metrics.h"
#include "params.h"
#include "runfile.h"
#include "runner.h"

typedef struct {
    mn_ensemble_spec *es;
    int line_seed;
} load_ctx;

static int parse_num(const char *text, double *v)
{
    char *end = NULL;
    errno = 0;
    *v = strtod(text, &end);
    while (end && (*end == ' ' || *end == '\t'))
        end++;
    return end == text || *end || errno || !isfinite(*v) ? -1 : 0;
}

static int entry(void *user, const char *file, int line, const char *section, const char *key,
                 const char *value, mn_error *err)
{
    load_ctx *c = user;
    mn_ensemble_spec *es = c->es;
    if (strcmp(section, "ensemble") != 0)
        return mn_fail(err, "%s:%d: unknown section [%s] in an ensemble file (expected [ensemble])",
                       file, line, section);
    if (strcmp(key, "seed") == 0) {
        char *end = NULL;
        errno = 0;
        unsigned long long v = strtoull(value, &end, 10);
        if (c->line_seed)
            return mn_fail(err, "%s:%d: duplicate key 'seed' (first set on line %d)", file, line,
                           c->line_seed);
        if (end == value || *end || errno || value[0] == '-')
            return mn_fail(err, "%s:%d: seed: '%s' is not a non-negative whole number", file, line,
                           value);
        c->line_seed = line;
        es->seed = (unsigned long)v;
        return 0;
    }
    int id = mn_param_find(key);
    if (id < 0) {
        const char *dot = strchr(key, '.');
        char sec[128] = "";
        if (dot) snprintf(sec, sizeof sec, "%.*s", (int)(dot - key), key);
        const char *hint = dot ? mn_param_suggest(sec, dot + 1) : NULL;
        return mn_fail(err, "%s:%d: unknown parameter '%s'%s%s%s (see `mnsim params`)", file, line,
                       key, hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
    }
    if (id == P_schedule_course_days || id == P_output_step_days)
        return mn_fail(err, "%s:%d: %s: the time grid must be the same for every member", file,
                       line, key);
    if (mn_params[id].kind == MN_ENUM)
        return mn_fail(err, "%s:%d: %s: a choice cannot be drawn from a distribution", file, line,
                       key);
    for (int i = 0; i < es->n; i++)
        if (es->d[i].id == id)
            return mn_fail(err, "%s:%d: duplicate key '%s' (first set on line %d)", file, line, key,
                           es->d[i].line);
    if (es->n >= MN_ENSEMBLE_MAX_PARAMS)
        return mn_fail(err, "%s:%d: at most %d parameters", file, line, MN_ENSEMBLE_MAX_PARAMS);
    mn_dist *d = &es->d[es->n];
    d->id = id;
    d->line = line;
    char kind[32] = "", rest[512] = "";
    if (sscanf(value, "%31s %511[^\n]", kind, rest) < 1) rest[0] = '\0';
    char why[512];
    if (strcmp(kind, "uniform") == 0 || strcmp(kind, "loguniform") == 0) {
        d->kind = kind[0] == 'u' ? MN_DIST_UNIFORM : MN_DIST_LOGUNIFORM;
        char *dots = strstr(rest, "..");
        if (!dots)
            return mn_fail(err, "%s:%d: %s: expected '%s A .. B', not '%s'", file, line, key, kind,
                           value);
        *dots = '\0';
        char lo[sizeof rest], hi[sizeof rest];
        snprintf(lo, sizeof lo, "%s", rest);
        snprintf(hi, sizeof hi, "%s", dots + 2);
        for (char *s = lo + strlen(lo); s > lo && (s[-1] == ' ' || s[-1] == '\t'); s--)
            s[-1] = '\0';
        const char *h = hi + strspn(hi, " \t");
        if (mn_param_parse(id, lo, &d->a, why, sizeof why) != 0)
            return mn_fail(err, "%s:%d: %s: lower bound: %s", file, line, key, why);
        if (mn_param_parse(id, h, &d->b, why, sizeof why) != 0)
            return mn_fail(err, "%s:%d: %s: upper bound: %s", file, line, key, why);
        if (d->b < d->a)
            return mn_fail(err, "%s:%d: %s: bad range '%s': the upper bound is below the lower one",
                           file, line, key, value);
        if (d->kind == MN_DIST_LOGUNIFORM && d->a <= 0)
            return mn_fail(err, "%s:%d: %s: loguniform needs a lower bound > 0", file, line, key);
    } else if (strcmp(kind, "normal") == 0) {
        d->kind = MN_DIST_NORMAL;
        char m[256] = "", s[256] = "";
        if (sscanf(rest, "%255s %255s", m, s) != 2 || parse_num(m, &d->a) || parse_num(s, &d->b))
            return mn_fail(err, "%s:%d: %s: expected 'normal MEAN SD' with numbers, not '%s'", file,
                           line, key, value);
        if (mn_param_parse(id, m, &d->a, why, sizeof why) != 0)
            return mn_fail(err, "%s:%d: %s: mean: %s", file, line, key, why);
        if (d->b <= 0)
            return mn_fail(err, "%s:%d: %s: the standard deviation must be > 0", file, line, key);
    } else if (strcmp(kind, "lognormal") == 0) {
        d->kind = MN_DIST_LOGNORMAL;
        if (parse_num(rest, &d->b) != 0)
            return mn_fail(err, "%s:%d: %s: expected 'lognormal SIGMA' (a number), not '%s'", file,
                           line, key, value);
        if (d->b <= 0 || d->b > 5)
            return mn_fail(err, "%s:%d: %s: sigma must be in (0, 5]", file, line, key);
    } else {
        return mn_fail(err,
                       "%s:%d: %s: unknown distribution '%s'; expected uniform A .. B, "
                       "loguniform A .. B, normal MEAN SD or lognormal SIGMA",
                       file, line, key, kind);
    }
    es->n++;
    return 0;
}

int mn_ensemble_load(const char *path, mn_ensemble_spec *es, mn_error *err)
{
    memset(es, 0, sizeof *es);
    es->seed = 1;
    snprintf(es->path, sizeof es->path, "%s", path);
    load_ctx c = {.es = es};
    if (mn_ini_parse(path, entry, &c, err) != 0) return -1;
    if (es->n == 0)
        return mn_fail(err,
                       "%s: no parameter to draw: add lines such as "
                       "'collagen.synthesis_boost = lognormal 0.2' to [ensemble]",
                       path);
    return 0;
}

/* The biological rates whose values are least certain (the planner's ensemble and the default
 * of `mnsim run --ensemble`): fibroblast and collagen kinetics, the growth-factor delay, the
 * treated layer's synthesis, scar filling, inflammation resolution, needling load and pigment
 * induction. */
const int mn_uncertain_rates[] = {
    P_collagen_synthesis_boost,
    P_collagen_maturation_days,
    P_collagen_wound_turnover_days,
    P_fibroblast_activation_per_day,
    P_fibroblast_deactivation_per_day,
    P_fibroblast_exhaustion_per_day,
    P_fibroblast_recovery_days,
    P_inflammation_resolution_per_day,
    P_scar_fill_per_matrix,
    P_growth_factor_tau_days,
    P_treated_layer_synthesis_per_day,
    P_microneedling_load_per_mm,
    P_pigment_induction_per_day,
};
const int mn_uncertain_rate_count = (int)(sizeof mn_uncertain_rates / sizeof *mn_uncertain_rates);

void mn_ensemble_default(const double *p, mn_ensemble_spec *es)
{
    memset(es, 0, sizeof *es);
    es->seed = 1;
    for (int i = 0; i < mn_uncertain_rate_count; i++)
        es->d[es->n++] = (mn_dist){
            .id = mn_uncertain_rates[i], .kind = MN_DIST_LOGNORMAL, .b = p[P_plan_ensemble_spread]};
}

int mn_ensemble_from_fit(const char *path, mn_ensemble_spec *es, mn_error *err)
{
    memset(es, 0, sizeof *es);
    es->seed = 1;
    mn_fit_posterior fp;
    if (mn_fit_read_posterior(path, &fp, err) != 0) return -1;
    snprintf(es->path, sizeof es->path, "%s (posterior of the fit: multivariate normal)", path);
    const size_t n = (size_t)fp.n;
    mn_joint_normal *j = &es->joint;
    j->n = fp.n;
    double vmax = 0;
    for (size_t k = 0; k < n; k++) {
        es->d[k] = (mn_dist){.id = fp.id[k], .kind = MN_DIST_JOINT, .a = fp.lo[k], .b = fp.hi[k]};
        j->log_scale[k] = fp.log_scale[k];
        j->mean[k] = fp.mean[k];
        vmax = fmax(vmax, fp.cov[k * n + k]);
    }
    es->n = fp.n;
    if (!(vmax > 0) || !isfinite(vmax))
        return mn_fail(err, "%s: the covariance of the estimates has no positive variance", path);
    gsl_matrix *L = gsl_matrix_alloc(n, n);
    if (!L) return mn_fail(err, "out of memory");
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int ok = 0;
    for (double eps = 0; !ok && eps <= 1.01e-4; eps = eps == 0 ? 1e-12 : eps * 10) {
        for (size_t a = 0; a < n; a++)
            for (size_t b = 0; b < n; b++)
                gsl_matrix_set(L, a, b, fp.cov[a * n + b] + (a == b ? eps * vmax : 0));
        ok = gsl_linalg_cholesky_decomp1(L) == GSL_SUCCESS;
        j->jitter = eps * vmax;
    }
    gsl_set_error_handler(old);
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++)
            j->chol[a * n + b] = b <= a ? gsl_matrix_get(L, a, b) : 0;
    gsl_matrix_free(L);
    if (!ok)
        return mn_fail(err,
                       "%s: the covariance of the estimates is not positive definite (even with "
                       "a jitter of 1e-4 of the largest variance)",
                       path);
    return 0;
}

static double joint_value(const mn_joint_normal *j, int k, double phi)
{
    return j->log_scale[k] ? exp(phi) : phi;
}

void mn_ensemble_joint_mean(const mn_ensemble_spec *es, double *p)
{
    for (int k = 0; k < es->joint.n; k++)
        p[es->d[k].id] = joint_value(&es->joint, k, es->joint.mean[k]);
}

/* One draw of the joint normal into v (value scale): mean + L z; redrawn (up to 100 times) until
 * every coordinate lies within the fit's bounds and the parameter's limits, then clipped. */
static void draw_joint(const mn_ensemble_spec *es, gsl_rng *rng, double *v)
{
    const mn_joint_normal *j = &es->joint;
    const int n = j->n;
    for (int tries = 0; tries < 100; tries++) {
        double z[MN_FIT_MAX_PARAMS];
        for (int k = 0; k < n; k++)
            z[k] = gsl_ran_gaussian(rng, 1.0);
        int inside = 1;
        for (int a = 0; a < n; a++) {
            double phi = j->mean[a];
            for (int b = 0; b <= a; b++)
                phi += j->chol[a * n + b] * z[b];
            v[a] = joint_value(j, a, phi);
            const mn_param_info *pi = &mn_params[es->d[a].id];
            inside &= v[a] >= fmax(es->d[a].a, pi->min) && v[a] <= fmin(es->d[a].b, pi->max);
        }
        if (inside) return;
    }
    for (int a = 0; a < n; a++) {
        const mn_param_info *pi = &mn_params[es->d[a].id];
        v[a] = fmin(fmax(v[a], fmax(es->d[a].a, pi->min)), fmin(es->d[a].b, pi->max));
    }
}

static uint64_t splitmix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static double draw_one(const mn_dist *d, double nominal, gsl_rng *rng)
{
    switch (d->kind) {
    case MN_DIST_UNIFORM:
        return d->a + gsl_rng_uniform(rng) * (d->b - d->a);
    case MN_DIST_LOGUNIFORM:
        return exp(log(d->a) + gsl_rng_uniform(rng) * (log(d->b) - log(d->a)));
    case MN_DIST_NORMAL:
        return d->a + gsl_ran_gaussian(rng, d->b);
    case MN_DIST_LOGNORMAL:
    default:
        return nominal * exp(gsl_ran_gaussian(rng, d->b));
    }
}

void mn_ensemble_draw(const mn_ensemble_spec *es, const double *nominal, size_t member, double *p)
{
    memcpy(p, nominal, P_COUNT * sizeof *p);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng) return;
    uint64_t h = splitmix64(splitmix64(es->seed) ^ (uint64_t)member);
    gsl_rng_set(rng, (unsigned long)(h & 0xffffffffULL) ? (unsigned long)(h & 0xffffffffULL) : 1);
    if (es->joint.n > 0) {
        double v[MN_FIT_MAX_PARAMS];
        draw_joint(es, rng, v);
        for (int k = 0; k < es->joint.n; k++)
            p[es->d[k].id] = v[k];
    }
    for (int i = es->joint.n; i < es->n; i++) {
        const mn_dist *d = &es->d[i];
        const mn_param_info *pi = &mn_params[d->id];
        double v = draw_one(d, nominal[d->id], rng);
        for (int tries = 0; tries < 100 && !(v >= pi->min && v <= pi->max); tries++)
            v = draw_one(d, nominal[d->id], rng);
        v = fmin(fmax(v, pi->min), pi->max);
        if (pi->kind != MN_REAL) v = round(v);
        p[d->id] = v;
    }
    gsl_rng_free(rng);
}

void mn_ensemble_free(mn_ensemble_result *r)
{
    free(r->q);
    free(r->metrics);
    free(r->drawn);
    free(r->status);
    memset(r, 0, sizeof *r);
}

enum { NV = S_COUNT + O_COUNT };

int mn_ensemble_run(const mn_ensemble_spec *es, const double *nominal, size_t members, int threads,
                    size_t ntime, mn_ensemble_result *r, mn_error *err)
{
    memset(r, 0, sizeof *r);
    r->members = members;
    r->ntime = ntime;
    if (threads <= 0) threads = omp_get_max_threads();
    double *series = malloc(members * NV * ntime * sizeof *series); /* member-major */
    r->q = malloc(3 * NV * ntime * sizeof *r->q);
    r->metrics = malloc(members * M_COUNT * sizeof *r->metrics);
    r->drawn = malloc(members * (size_t)(es->n ? es->n : 1) * sizeof *r->drawn);
    r->status = calloc(members, 1);
    if (!series || !r->q || !r->metrics || !r->drawn || !r->status) {
        free(series);
        mn_ensemble_free(r);
        return mn_fail(err, "out of memory (ensemble of %zu members x %zu samples)", members,
                       ntime);
    }
    int oom = 0;
#pragma omp parallel num_threads(threads)
    {
        mn_runner *w = mn_runner_new();
        double p[P_COUNT];
#pragma omp for schedule(dynamic, 1)
        for (size_t k = 0; k < members; k++) {
            mn_ensemble_draw(es, nominal, k, p);
            for (int i = 0; i < es->n; i++)
                r->drawn[k * (size_t)es->n + (size_t)i] = p[es->d[i].id];
            double *s = series + k * NV * ntime;
            for (size_t j = 0; j < NV * ntime; j++)
                s[j] = NAN;
            for (int m = 0; m < M_COUNT; m++)
                r->metrics[k * M_COUNT + (size_t)m] = NAN;
            mn_trace tr = {0};
            mn_observer ob = mn_trace_observer(&tr, p[P_output_step_days]);
            mn_result res;
            if (!w) {
#pragma omp atomic write
                oom = 1;
            } else if (mn_run_course(w, p, &ob, &res) == 0 && !tr.oom) {
                r->status[k] = 1;
                for (size_t t = 0; t < tr.n && t < ntime; t++) {
                    for (int v = 0; v < S_COUNT; v++)
                        s[(size_t)v * ntime + t] = tr.y[t * S_COUNT + (size_t)v];
                    for (int v = 0; v < O_COUNT; v++)
                        s[(size_t)(S_COUNT + v) * ntime + t] = tr.obs[t * O_COUNT + (size_t)v];
                }
                memcpy(r->metrics + k * M_COUNT, res.metrics, sizeof res.metrics);
            } else if (tr.oom) {
#pragma omp atomic write
                oom = 1;
            }
            mn_trace_free(&tr);
        }
        mn_runner_free(w);
    }
    for (size_t k = 0; k < members; k++)
        r->ok += r->status[k] == 1;
    int rc = 0;
    if (oom)
        rc = mn_fail(err, "out of memory running the ensemble");
    else if (r->ok == 0)
        rc = mn_fail(err, "every one of the %zu ensemble members failed", members);
    double *col = malloc(members * sizeof *col);
    if (rc == 0 && !col) rc = mn_fail(err, "out of memory");
    static const double probs[3] = {0.1, 0.5, 0.9};
    for (size_t v = 0; v < NV && rc == 0; v++)
        for (size_t t = 0; t < ntime; t++) {
            size_t m = 0;
            for (size_t k = 0; k < members; k++) {
                double x = series[k * NV * ntime + v * ntime + t];
                if (isfinite(x)) col[m++] = x;
            }
            if (m) gsl_sort(col, 1, m);
            for (int j = 0; j < 3; j++)
                r->q[((size_t)j * NV + v) * ntime + t] =
                    m ? gsl_stats_quantile_from_sorted_data(col, 1, m, probs[j]) : NAN;
        }
    free(col);
    free(series);
    if (rc) mn_ensemble_free(r);
    return rc;
}

static int write_1d(hid_t loc, const char *name, const double *v, size_t n, hid_t scale,
                    const char *units, const char *long_name, const char *desc)
{
    hid_t d = mn_h5_dataset_1d(loc, name, n, v);
    if (d < 0) return -1;
    int rc = mn_h5_describe(d, units, long_name, desc);
    rc |= mn_h5_attach(d, scale, 0);
    H5Dclose(d);
    return rc;
}

int mn_ensemble_write(const char *path, const mn_ensemble_spec *es, const mn_ensemble_result *r,
                      mn_error *err)
{
    hid_t file = H5Fopen(path, H5F_ACC_RDWR, H5P_DEFAULT);
    if (file < 0) return mn_fail(err, "%s: cannot open the run file to add the ensemble", path);
    hid_t time = H5Dopen2(file, "time", H5P_DEFAULT);
    int rc = time < 0 ? -1 : 0;
    static const char *suffix[3] = {"q10", "q50", "q90"};
    static const char *pct[3] = {"10", "50", "90"};
    for (size_t v = 0; v < NV && rc == 0; v++) {
        const mn_var_info *vi = v < S_COUNT ? &mn_states[v] : &mn_observables[v - S_COUNT];
        for (int j = 0; j < 3 && rc == 0; j++) {
            char name[256], long_name[512], desc[512];
            snprintf(name, sizeof name, "%s_%s", vi->name, suffix[j]);
            snprintf(long_name, sizeof long_name, "%s, %s %% quantile of the ensemble", vi->name,
                     pct[j]);
            snprintf(desc, sizeof desc,
                     "%s: %s %% quantile over the %zu successful members of the ensemble "
                     "(group ensemble)",
                     vi->description, pct[j], r->ok);
            rc |= write_1d(file, name, r->q + ((size_t)j * NV + v) * r->ntime, r->ntime, time,
                           vi->unit, long_name, desc);
        }
    }
    if (time >= 0) H5Dclose(time);
    /* members: drawn parameters, status and metrics on a `member` dimension */
    hid_t g = rc == 0 ? H5Gcreate2(file, "ensemble", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT) : -1;
    double *idx = malloc(r->members * sizeof *idx), *col = malloc(r->members * sizeof *col);
    if (g < 0 || !idx || !col) rc = -1;
    hid_t scale = -1;
    if (rc == 0) {
        for (size_t k = 0; k < r->members; k++)
            idx[k] = (double)k;
        scale = mn_h5_dataset_1d(g, "member", r->members, idx);
        if (scale < 0 || mn_h5_describe(scale, "1", "ensemble member", "member index") != 0 ||
            mn_h5_make_scale(scale, "member") != 0)
            rc = -1;
    }
    for (int i = 0; i < es->n && rc == 0; i++) {
        const mn_param_info *pi = &mn_params[es->d[i].id];
        char name[160], desc[512];
        mn_param_name(es->d[i].id, name, sizeof name);
        for (size_t k = 0; k < r->members; k++)
            col[k] = r->drawn[k * (size_t)es->n + (size_t)i];
        snprintf(desc, sizeof desc, "%s (drawn for each member)", pi->description);
        char dname[200];
        snprintf(dname, sizeof dname, "%s_%s", pi->section, pi->key);
        rc |= write_1d(g, dname, col, r->members, scale, pi->unit, name, desc);
    }
    for (size_t k = 0; k < r->members && rc == 0; k++)
        col[k] = r->status[k];
    if (rc == 0)
        rc |= write_1d(g, "status", col, r->members, scale, "1", "status of the member",
                       "1 ok, 0 failed or invalid (left out of the quantiles)");
    for (int m = 0; m < M_COUNT && rc == 0; m++) {
        for (size_t k = 0; k < r->members; k++)
            col[k] = r->metrics[k * M_COUNT + (size_t)m];
        rc |= write_1d(g, mn_metric_table[m].name, col, r->members, scale, mn_metric_table[m].unit,
                       mn_metric_table[m].description,
                       "course metric of each member (NaN if it failed)");
    }
    if (scale >= 0) H5Dclose(scale);
    if (g >= 0) H5Gclose(g);
    free(idx);
    free(col);
    if (rc == 0) {
        rc |= mn_h5_attr_long(file, "ensemble_members", (long)r->members);
        rc |= mn_h5_attr_long(file, "ensemble_ok", (long)r->ok);
        rc |= mn_h5_attr_long(file, "ensemble_seed", (long)es->seed);
        rc |= mn_h5_attr_str(file, "ensemble_spec",
                             es->path[0] ? es->path
                                         : "default: log-normal spread (plan.ensemble_spread) of "
                                           "the uncertain biological rates");
    }
    if (mn_h5_close_file(file) != 0) rc = -1; /* a failed close must not crash HDF5's shutdown */
    return rc ? mn_fail(err, "%s: writing the ensemble failed: %s", path,
                        mn_io_reason(path, 0, "HDF5 error"))
              : 0;
}
