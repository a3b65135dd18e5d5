/* metrics.c — streaming computation of the per-course metrics on the continuous solution.
 * Every accepted step end is observed; a threshold crossing inside a step is located on the
 * step's dense output and refined with gsl_root_fsolver_brent, and a local maximum of a tracked
 * quantity (a step end higher than its two neighbours) with gsl_min_fminimizer_brent on the two
 * steps around it. The metrics therefore depend on the solution only, not on where steps or
 * output samples fall. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_roots.h>

#include "metrics.h"

#define MN_M_INFO(name, unit, desc) {#name, unit, desc},
const mn_metric_info mn_metric_table[M_COUNT] = {MN_METRICS(MN_M_INFO)};

/* Refinement tolerances: crossings to 1e-8 day (~1 ms); maxima to 1e-5 day + 1e-7 of the time
 * t (1 s near day 0, 4 s at a year, 32 s at ten: the minimiser cannot resolve a location much
 * below sqrt(epsilon) |t| anyway, and Brent's parabolic steps end well inside the bracket: the
 * peak days of the 100-course grid moved by < 10 ms from 1e-6 day); inside the metrics' minute. */
#define ROOT_TOL_DAYS 1e-8
/* Cuts of the visible-redness integral at the edges of the smooth step's band: the step is C2
 * there, so a cut off by d changes the integral by O(d^4) (1e-16 day^4 here: the grid's visible
 * times moved by < 1e-8 s from a tolerance of 1e-6 day). */
#define CUT_TOL_DAYS 1e-4
#define MIN_TOL_DAYS 1e-5
#define MIN_TOL_REL 1e-7
#define MAX_ITER 60
#define BARRIER_BACK 0.95
/* points of the Gauss-Legendre rule over a step piece inside the visible band (smooth there: 5
 * points agree with 10 to < 1 ms of visible time) */
#define VISIBLE_GAUSS_POINTS 5

int mn_metrics_begin(mn_metrics *mt, const double *p, const double *y, const double *obs,
                     double first_session, double second_session, mn_dense_eval eval, void *ctx)
{
    mn_session_outcome *keep = mt->sessions;
    int cap = mt->cap_sessions;
    void *root = mt->root, *min = mt->min, *gauss = mt->gauss;
    *mt = (mn_metrics){0};
    mt->sessions = keep;
    mt->cap_sessions = cap;
    mt->root = root ? root : gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    mt->min = min ? min : gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    mt->gauss = gauss ? gauss : gsl_integration_glfixed_table_alloc(VISIBLE_GAUSS_POINTS);
    if (!mt->root || !mt->min || !mt->gauss) return -1;
    mt->eval = eval;
    mt->eval_ctx = ctx;
    mt->p = p;
    mt->threshold = p[P_inflammation_visible_threshold];
    mt->pigment_threshold = p[P_pigment_visible_threshold];
    mt->total0 = obs[O_collagen_total];
    mt->scar0 = y[S_scar_severity];
    mt->baseline_synthesis = obs[O_collagen_synthesis_rate];
    mt->first_session = first_session;
    mt->second_session = second_session;
    mt->peak_syn_day = mt->peak_glow_day = NAN;
    mt->peak_syn = mt->peak_glow = -INFINITY;
    for (int i = 0; i < M_COUNT; i++)
        mt->m[i] = 0.0;
    mt->m[M_barrier_recovery_hours] = NAN;
    mt->m[M_redness_gone_day] = NAN;
    return 0;
}

const int mn_metric_quantity_source[MQ_COUNT] = {[MQ_REDNESS] = O_redness,
                                                 [MQ_GLOW] = O_glow,
                                                 [MQ_SYNTHESIS] = O_collagen_synthesis_rate,
                                                 [MQ_PIGMENT] = -1,
                                                 [MQ_IRRITATION] = O_irritation,
                                                 [MQ_BARRIER] = O_barrier};

static void quantities(const double *y, const double *obs, double *q)
{
    for (int i = 0; i < MQ_COUNT; i++)
        q[i] = mn_metric_quantity_source[i] >= 0 ? obs[mn_metric_quantity_source[i]] : y[S_pigment];
}

/* All tracked quantities at t on the continuous solution (every refinement goes through here). */
static void quantities_at(mn_metrics *mt, double t, double *q)
{
    double y[S_COUNT], obs[O_COUNT];
    mt->eval(mt->eval_ctx, t, y, obs);
    mt->refine_evals++;
    quantities(y, obs, q);
}

const char *mn_metric_description(const char *name)
{
    for (int m = 0; m < M_COUNT; m++)
        if (strcmp(mn_metric_table[m].name, name) == 0) return mn_metric_table[m].description;
    return NULL;
}

size_t mn_metrics_submodels(void)
{
    size_t n = 0;
    for (size_t k = 0; k < mn_submodel_count; k++) {
        mn_layout l = mn_submodel_layout(k);
        for (int i = 0; i < MQ_COUNT; i++) {
            int o = mn_metric_quantity_source[i];
            if (o >= l.first_observable && o < l.first_observable + l.n_observables) n = k + 1;
        }
    }
    return n;
}

typedef struct {
    mn_metrics *mt;
    int q;
    double level, sign;
    int known;             /* the values at the bracket's ends are known (crossing) */
    double ta, fa, tb, fb; /* ... these: gsl_root_fsolver_set evaluates both ends again */
} qfun;

/* sign * (quantity q at t on the continuous solution - level) */
static double qvalue(double t, void *params)
{
    qfun *c = params;
    if (c->known && t == c->ta) return c->fa;
    if (c->known && t == c->tb) return c->fb;
    double q[MQ_COUNT];
    quantities_at(c->mt, t, q);
    return c->sign * (q[c->q] - c->level);
}

/* Time in [t0, t1] at which quantity q crosses level, given its values v0, v1 at the ends on
 * either side of it (v1 may equal level). */
static double crossing(mn_metrics *mt, int q, double level, double t0, double v0, double t1,
                       double v1, double tol_days)
{
    if (v1 == level) return t1;
    if (v0 == level) return t0;
    if ((v0 < level) == (v1 < level)) return t1; /* not a bracket: nothing to refine */
    qfun c = {mt, q, level, 1.0, 1, t0, v0 - level, t1, v1 - level};
    gsl_function F = {qvalue, &c};
    gsl_root_fsolver *s = mt->root;
    if (gsl_root_fsolver_set(s, &F, t0, t1) != GSL_SUCCESS) return t1;
    for (int it = 0; it < MAX_ITER; it++) {
        if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS) break;
        if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s),
                                   tol_days, 0) == GSL_SUCCESS)
            break;
    }
    return gsl_root_fsolver_root(s);
}

/* Maximum of quantity q on [a, b] given that the value vm at m (a < m < b) exceeds va and vb.
 * Returns its value and stores its time in *t_max. */
static double maximum(mn_metrics *mt, int q, double a, double va, double m, double vm, double b,
                      double vb, double *t_max)
{
    *t_max = m;
    if (!(vm > va && vm > vb && a < m && m < b)) return vm;
    qfun c = {.mt = mt, .q = q, .level = 0.0, .sign = -1.0};
    gsl_function F = {qvalue, &c};
    gsl_min_fminimizer *s = mt->min;
    if (gsl_min_fminimizer_set_with_values(s, &F, m, -vm, a, -va, b, -vb) != GSL_SUCCESS) return vm;
    for (int it = 0; it < MAX_ITER; it++) {
        if (gsl_min_fminimizer_iterate(s) != GSL_SUCCESS) break;
        if (gsl_min_test_interval(gsl_min_fminimizer_x_lower(s), gsl_min_fminimizer_x_upper(s),
                                  MIN_TOL_DAYS, MIN_TOL_REL) == GSL_SUCCESS)
            break;
    }
    double v = -gsl_min_fminimizer_f_minimum(s);
    if (!(v >= vm)) return vm;
    *t_max = gsl_min_fminimizer_x_minimum(s);
    return v;
}

/* A maximum (t, v) of quantity q: fold it into the course's maxima. */
static void fold_max(mn_metrics *mt, int q, double t, double v)
{
    int in_first = t >= mt->first_session && t <= mt->second_session;
    switch (q) {
    case MQ_REDNESS:
        if (v > mt->m[M_peak_redness]) mt->m[M_peak_redness] = v;
        if (mt->n_sessions > 0 && v > mt->sessions[mt->n_sessions - 1].peak_redness)
            mt->sessions[mt->n_sessions - 1].peak_redness = v;
        break;
    case MQ_PIGMENT:
        if (v > mt->m[M_pigment_peak]) mt->m[M_pigment_peak] = v;
        break;
    case MQ_IRRITATION:
        if (v > mt->m[M_peak_irritation]) mt->m[M_peak_irritation] = v;
        break;
    case MQ_SYNTHESIS:
        if (in_first && v > mt->peak_syn) mt->peak_syn = v, mt->peak_syn_day = t;
        break;
    case MQ_GLOW:
        if (in_first && v > mt->peak_glow) mt->peak_glow = v, mt->peak_glow_day = t;
        break;
    default:
        break;
    }
}

/* mn_visible_fraction at t on the continuous solution */
static double visible_at(double t, void *params)
{
    mn_metrics *mt = params;
    double q[MQ_COUNT];
    quantities_at(mt, t, q);
    return mn_visible_fraction(q[MQ_REDNESS], mt->p);
}

double mn_metrics_visible_time(mn_metrics *mt, double t0, double r0, double t1, double r1)
{
    const double width = mt->p[P_inflammation_visible_width];
    const double edge[2] = {mt->threshold - width, mt->threshold + width};
    if (r0 <= edge[0] && r1 <= edge[0]) return 0.0;
    if (r0 >= edge[1] && r1 >= edge[1]) return t1 - t0;
    /* pieces between the band-edge crossings inside the step (at most one per edge) */
    double cut[4] = {t0, t0, t0, t1};
    int n = 1;
    for (int k = 0; k < 2; k++)
        if ((r0 < edge[k]) != (r1 < edge[k]) && r0 != edge[k] && r1 != edge[k])
            cut[n++] = crossing(mt, MQ_REDNESS, edge[k], t0, r0, t1, r1, CUT_TOL_DAYS);
    if (n == 3 && cut[2] < cut[1]) {
        double c = cut[1];
        cut[1] = cut[2], cut[2] = c;
    }
    cut[n] = t1;
    gsl_function F = {visible_at, mt};
    double total = 0.0;
    for (int i = 0; i < n; i++) {
        double a = cut[i], b = cut[i + 1];
        if (!(b > a)) continue;
        double mid = visible_at(0.5 * (a + b), mt);
        if (mid == 0.0) continue; /* below the band throughout */
        total += mid == 1.0 ? b - a : gsl_integration_glfixed(&F, a, b, mt->gauss);
    }
    return total;
}

/* Quantities whose maxima are metrics. */
static const int peak_quantities[] = {MQ_REDNESS, MQ_PIGMENT, MQ_IRRITATION, MQ_SYNTHESIS, MQ_GLOW};

/* Synthesis and glow peaks count only after the first session, before the second. */
static int tracked_in(const mn_metrics *mt, int q, double a, double b)
{
    return !(q == MQ_SYNTHESIS || q == MQ_GLOW) ||
           (a >= mt->first_session && b <= mt->second_session);
}

/* Maxima strictly inside the step [a, b] (quantities qa, qb at its ends) next to a break, where
 * the three-point test of mn_metrics_observe has no neighbour on one side (the first step of a
 * segment, the last one before an event or the end). The slope at each quantity's higher end
 * tells: if it falls into that end (or rises out of it), the step holds a higher point, which 7
 * interior points find and Brent refines. A step where every quantity is monotone costs one or two
 * evaluations of the continuous solution (the probes next to each end, shared by the quantities).
 */
static void edge_maxima(mn_metrics *mt, double a, const double *qa, double b, const double *qb)
{
    const double h = b - a;
    if (!(h > 0)) return;
    double probe[2][MQ_COUNT]; /* next to a, next to b */
    int probed[2] = {0, 0};
    for (size_t k = 0; k < sizeof peak_quantities / sizeof *peak_quantities; k++) {
        const int q = peak_quantities[k];
        if (!tracked_in(mt, q, a, b)) continue;
        const int end = qb[q] >= qa[q]; /* the higher end: 1 = b */
        const double t_probe = end ? b - 1e-3 * h : a + 1e-3 * h;
        if (!probed[end]) quantities_at(mt, t_probe, probe[end]), probed[end] = 1;
        double best = probe[end][q], best_t = t_probe;
        if (!(best > (end ? qb[q] : qa[q]))) continue;
        qfun c = {.mt = mt, .q = q, .level = 0.0, .sign = 1.0};
        for (int i = 1; i < 8; i++) {
            double t = a + h * i / 8.0, v = qvalue(t, &c);
            if (v > best) best = v, best_t = t;
        }
        double tm, v = maximum(mt, q, a, qa[q], best_t, best, b, qb[q], &tm);
        fold_max(mt, q, tm, v);
    }
}

void mn_metrics_segment_end(mn_metrics *mt)
{
    const int n = mt->h_n;
    if (n < 3) return; /* one step: already checked as the first step of the segment */
    edge_maxima(mt, mt->h_t[n - 2], mt->h_q[n - 2], mt->h_t[n - 1], mt->h_q[n - 1]);
}

void mn_metrics_observe(mn_metrics *mt, double t, const double *y, const double *obs)
{
    double q[MQ_COUNT];
    quantities(y, obs, q);
    int n = mt->h_n;
    if (n > 0 && !(t > mt->h_t[n - 1])) {
        /* same time as the last observation (an empty step): only the maxima can change */
        for (size_t k = 0; k < sizeof peak_quantities / sizeof *peak_quantities; k++)
            fold_max(mt, peak_quantities[k], t, q[peak_quantities[k]]);
        return;
    }
    if (n > 0) {
        /* the step [t0, t] */
        double t0 = mt->h_t[n - 1];
        const double *q0 = mt->h_q[n - 1];
        /* pigment visible time: exact at the crossings */
        double pth = mt->pigment_threshold;
        int a = q0[MQ_PIGMENT] > pth, b = q[MQ_PIGMENT] > pth;
        if (a && b)
            mt->pigment_visible += t - t0;
        else if (a != b) {
            double tc =
                crossing(mt, MQ_PIGMENT, pth, t0, q0[MQ_PIGMENT], t, q[MQ_PIGMENT], ROOT_TOL_DAYS);
            mt->pigment_visible += a ? tc - t0 : t - tc;
        }
        if (mt->n_sessions > 0) {
            mn_session_outcome *s = &mt->sessions[mt->n_sessions - 1];
            double th = mt->threshold;
            if (q0[MQ_REDNESS] >= th && q[MQ_REDNESS] < th)
                s->redness_gone = crossing(mt, MQ_REDNESS, th, t0, q0[MQ_REDNESS], t, q[MQ_REDNESS],
                                           ROOT_TOL_DAYS);
            else if (q[MQ_REDNESS] >= th)
                s->redness_gone = t;
            if (isnan(s->barrier_back) && q[MQ_BARRIER] >= BARRIER_BACK)
                s->barrier_back = q0[MQ_BARRIER] >= BARRIER_BACK
                                      ? t0
                                      : crossing(mt, MQ_BARRIER, BARRIER_BACK, t0, q0[MQ_BARRIER],
                                                 t, q[MQ_BARRIER], ROOT_TOL_DAYS);
        }
        /* a maximum inside the first step of the segment */
        if (n == 1) edge_maxima(mt, t0, q0, t, q);
        /* a local maximum at the middle of the last three observations */
        if (n >= 2) {
            double ta = mt->h_t[n - 2];
            const double *qa = mt->h_q[n - 2];
            for (size_t k = 0; k < sizeof peak_quantities / sizeof *peak_quantities; k++) {
                int i = peak_quantities[k];
                if (q0[i] > qa[i] && q0[i] > q[i]) {
                    if (!tracked_in(mt, i, ta, t)) continue;
                    double tm, v = maximum(mt, i, ta, qa[i], t0, q0[i], t, q[i], &tm);
                    fold_max(mt, i, tm, v);
                }
            }
        }
    } else if (mt->n_sessions > 0 && q[MQ_REDNESS] >= mt->threshold) {
        mt->sessions[mt->n_sessions - 1].redness_gone = t; /* start of a segment */
    }
    for (size_t k = 0; k < sizeof peak_quantities / sizeof *peak_quantities; k++)
        fold_max(mt, peak_quantities[k], t, q[peak_quantities[k]]);
    if (n == 3) {
        mt->h_t[0] = mt->h_t[1], mt->h_t[1] = mt->h_t[2];
        for (int i = 0; i < MQ_COUNT; i++)
            mt->h_q[0][i] = mt->h_q[1][i], mt->h_q[1][i] = mt->h_q[2][i];
        n = 2;
    }
    mt->h_t[n] = t;
    for (int i = 0; i < MQ_COUNT; i++)
        mt->h_q[n][i] = q[i];
    mt->h_n = n + 1;
}

void mn_metrics_break(mn_metrics *mt)
{
    mt->h_n = 0;
}

int mn_metrics_session(mn_metrics *mt, double t)
{
    if (mt->n_sessions == mt->cap_sessions) {
        int cap = mt->cap_sessions ? 2 * mt->cap_sessions : 16;
        mn_session_outcome *s = realloc(mt->sessions, (size_t)cap * sizeof *s);
        if (!s) return -1;
        mt->sessions = s;
        mt->cap_sessions = cap;
    }
    mt->sessions[mt->n_sessions++] = (mn_session_outcome){t, t, NAN, 0.0};
    return 0;
}

void mn_metrics_serum(mn_metrics *mt)
{
    mt->serum_count++;
}

void mn_metrics_end(mn_metrics *mt, double t, const double *y, const double *obs)
{
    const double *p = mt->p;
    double *m = mt->m;
    m[M_sessions_done] = mt->n_sessions;
    m[M_collagen_total_end] = obs[O_collagen_total];
    m[M_collagen_gain_percent] = 100.0 * (obs[O_collagen_total] - mt->total0) / mt->total0;
    m[M_peak_synthesis_rate] = mt->n_sessions ? mt->peak_syn : NAN;
    m[M_peak_synthesis_ratio] = mt->n_sessions ? mt->peak_syn / mt->baseline_synthesis : NAN;
    m[M_peak_synthesis_day] = mt->peak_syn_day - mt->first_session;
    m[M_glow_peak_day] = mt->peak_glow_day - mt->first_session;
    m[M_redness_visible_days] = y[S_visible_redness_days];
    m[M_redness_days_per_session] =
        mt->n_sessions ? y[S_visible_redness_days] / mt->n_sessions : 0.0;
    if (mt->n_sessions > 0) {
        m[M_redness_gone_day] = mt->sessions[0].redness_gone - mt->sessions[0].day;
        m[M_barrier_recovery_hours] = 24.0 * (mt->sessions[0].barrier_back - mt->sessions[0].day);
    }
    m[M_scar_severity_end] = y[S_scar_severity];
    m[M_scar_reduction_percent] =
        mt->scar0 > 0 ? 100.0 * (mt->scar0 - y[S_scar_severity]) / mt->scar0 : NAN;
    m[M_pigment_visible_days] = mt->pigment_visible;
    m[M_topical_uptake_ratio] =
        mt->serum_count ? y[S_topical_absorbed] * p[P_topical_clearance_per_day] / mt->serum_count
                        : NAN;
    m[M_firmness_end] = obs[O_firmness];
    m[M_elasticity_end] = obs[O_elasticity];
    m[M_wrinkle_depth_end] = obs[O_wrinkle_depth];
    m[M_pore_visibility_end] = obs[O_pore_visibility];
    m[M_treated_collagen_end] = obs[O_treated_collagen];
    m[M_treated_collagen_gain_percent] = 100.0 * (obs[O_treated_collagen] - 1.0);
    m[M_matured_collagen_gain_percent] = 100.0 * (obs[O_treated_collagen_matured] - 1.0);
    m[M_epidermal_thickness_end] = obs[O_epidermal_thickness];
    m[M_wrinkle_grade_end] = obs[O_wrinkle_grade];
    (void)t;
}

void mn_metrics_free(mn_metrics *mt)
{
    free(mt->sessions);
    if (mt->root) gsl_root_fsolver_free(mt->root);
    if (mt->min) gsl_min_fminimizer_free(mt->min);
    if (mt->gauss) gsl_integration_glfixed_table_free(mt->gauss);
    mt->root = mt->min = mt->gauss = NULL;
    mt->sessions = NULL;
    mt->cap_sessions = mt->n_sessions = 0;
}
