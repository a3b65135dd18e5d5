/* metrics.c — streaming computation of the per-course metrics. Threshold crossings are located by
 * linear interpolation between consecutive observations (accepted step ends, events, samples). */
#include <math.h>
#include <stdlib.h>

#include "metrics.h"

#define MN_M_INFO(name, unit, desc) {#name, unit, desc},
const mn_metric_info mn_metric_table[M_COUNT] = {MN_METRICS(MN_M_INFO)};

void mn_metrics_begin(mn_metrics *mt, const double *p, const double *y, const double *obs,
                      double first_session, double second_session)
{
    mn_session_outcome *keep = mt->sessions;
    int cap = mt->cap_sessions;
    *mt = (mn_metrics){0};
    mt->sessions = keep;
    mt->cap_sessions = cap;
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
}

static double crossing(double t0, double v0, double t1, double v1, double level)
{
    if (v1 == v0) return t1;
    return t0 + (t1 - t0) * (level - v0) / (v1 - v0);
}

/* Abscissa of the vertex of the parabola through three points (t0 < t1 < t2, v1 the largest),
 * kept inside [t0, t2]; t1 when the points are degenerate. */
static double vertex(const double *t, const double *v)
{
    double a = (t[1] - t[0]) * (v[1] - v[2]), b = (t[1] - t[2]) * (v[1] - v[0]);
    double den = a - b;
    if (den == 0 || !isfinite(den)) return t[1];
    double x = t[1] - 0.5 * ((t[1] - t[0]) * a - (t[1] - t[2]) * b) / den;
    return x < t[0] ? t[0] : x > t[2] ? t[2] : x;
}

/* Value at x of the parabola through the three points (Lagrange form). */
static double parabola_at(const double *t, const double *v, double x)
{
    double l0 = (x - t[1]) * (x - t[2]) / ((t[0] - t[1]) * (t[0] - t[2]));
    double l1 = (x - t[0]) * (x - t[2]) / ((t[1] - t[0]) * (t[1] - t[2]));
    double l2 = (x - t[0]) * (x - t[1]) / ((t[2] - t[0]) * (t[2] - t[1]));
    return l0 * v[0] + l1 * v[1] + l2 * v[2];
}

void mn_metrics_observe(mn_metrics *mt, double t, const double *y, const double *obs)
{
    (void)y;
    double red = obs[O_redness], pig = y[S_pigment], bar = obs[O_barrier];
    if (red > mt->m[M_peak_redness]) mt->m[M_peak_redness] = red;
    if (pig > mt->m[M_pigment_peak]) mt->m[M_pigment_peak] = pig;
    if (obs[O_irritation] > mt->m[M_peak_irritation]) mt->m[M_peak_irritation] = obs[O_irritation];
    int in_first = t >= mt->first_session && t <= mt->second_session;
    if (in_first) {
        /* Keep the last three distinct observations; a peak found at the middle one is refined
         * by the vertex of the parabola through the three (the step ends are coarse). */
        if (mt->pk_n == 0 || t > mt->pk_t[mt->pk_n - 1]) {
            if (mt->pk_n == 3) {
                for (int i = 0; i < 2; i++)
                    mt->pk_t[i] = mt->pk_t[i + 1], mt->pk_syn[i] = mt->pk_syn[i + 1],
                    mt->pk_glow[i] = mt->pk_glow[i + 1];
                mt->pk_n = 2;
            }
            mt->pk_t[mt->pk_n] = t;
            mt->pk_syn[mt->pk_n] = obs[O_collagen_synthesis_rate];
            mt->pk_glow[mt->pk_n] = obs[O_glow];
            mt->pk_n++;
            if (mt->pk_n == 3 && mt->syn_refine) {
                /* the peak value too: the steps are coarse over a broad maximum */
                mt->peak_syn_day = vertex(mt->pk_t, mt->pk_syn);
                mt->peak_syn =
                    fmax(mt->peak_syn, parabola_at(mt->pk_t, mt->pk_syn, mt->peak_syn_day));
            }
            if (mt->pk_n == 3 && mt->glow_refine) mt->peak_glow_day = vertex(mt->pk_t, mt->pk_glow);
            mt->syn_refine = mt->glow_refine = 0;
        }
        if (obs[O_collagen_synthesis_rate] > mt->peak_syn) {
            mt->peak_syn = obs[O_collagen_synthesis_rate], mt->peak_syn_day = t;
            mt->syn_refine = 1;
        }
        if (obs[O_glow] > mt->peak_glow) {
            mt->peak_glow = obs[O_glow], mt->peak_glow_day = t;
            mt->glow_refine = 1;
        }
    }
    if (mt->have_prev && t > mt->t_prev) {
        /* Pigment visible time: trapezoid of the indicator, exact at the interpolated crossing. */
        int a = mt->pig_prev > mt->pigment_threshold, b = pig > mt->pigment_threshold;
        if (a && b)
            mt->pigment_visible += t - mt->t_prev;
        else if (a != b) {
            double tc = crossing(mt->t_prev, mt->pig_prev, t, pig, mt->pigment_threshold);
            mt->pigment_visible += a ? tc - mt->t_prev : t - tc;
        }
        if (mt->n_sessions > 0) {
            mn_session_outcome *s = &mt->sessions[mt->n_sessions - 1];
            if (mt->red_prev >= mt->threshold && red < mt->threshold)
                s->redness_gone = crossing(mt->t_prev, mt->red_prev, t, red, mt->threshold);
            else if (red >= mt->threshold)
                s->redness_gone = t;
            if (red > s->peak_redness) s->peak_redness = red;
            if (isnan(s->barrier_back) && bar >= 0.95)
                s->barrier_back = mt->barrier_prev < 0.95
                                      ? crossing(mt->t_prev, mt->barrier_prev, t, bar, 0.95)
                                      : t;
        }
    }
    mt->t_prev = t;
    mt->red_prev = red;
    mt->pig_prev = pig;
    mt->barrier_prev = bar;
    mt->have_prev = 1;
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
    /* The barrier criterion restarts: the state before the jump must not count as "back". */
    mt->barrier_prev = 0.0;
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
    mt->sessions = NULL;
    mt->cap_sessions = mt->n_sessions = 0;
}
