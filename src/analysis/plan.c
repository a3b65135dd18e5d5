/* plan.c — candidate schedules, their scores, the recommended course's aftercare windows and its
 * uncertainty ensemble. Every number comes from simulated courses; nothing here encodes a
 * preferred interval. Score (docs/PLANNING.md):
 *   score = w_c gain/max(gain) + w_s scar/max(scar) - w_r red/max(red) - w_i irr/max(irr)
 *           - w_p max(0, pigment_peak/threshold)
 * Aftercare windows for each session of the recommended course:
 *   acid-free until the barrier is back to 95 % (longer for sensitive skin, whose barrier heals
 *   more slowly in the model); sun protection until inflammation is so low that unprotected sun
 *   would add < 1 % of the visible PIH threshold per day for this Fitzpatrick type; serums within
 *   the hours the permeability stays >= 2x intact skin. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "plan.h"
#include "runfile.h"
#include "runner.h"

double mn_plan_pih_risk(const double *metrics, const double *p)
{
    return metrics[M_pigment_peak] / p[P_pigment_visible_threshold];
}

void mn_plan_course_params(const double *p, const mn_plan_request *rq, double interval, double *out)
{
    memcpy(out, p, P_COUNT * sizeof *out);
    out[P_schedule_interval_days] = interval;
    out[P_schedule_first_day] = 0;
    if (rq->sessions > 0) {
        out[P_schedule_sessions] = rq->sessions;
        out[P_schedule_course_days] = (rq->sessions - 1) * interval + rq->follow_up_days;
    } else {
        out[P_schedule_sessions] = 0;
        out[P_schedule_course_days] = rq->horizon_days;
    }
}

static double max_of(const mn_plan *pl, int metric, double floor_value)
{
    double m = floor_value;
    for (int k = 0; k < pl->n_candidates; k++)
        if (pl->candidates[k].ok && isfinite(pl->candidates[k].metrics[metric]))
            m = fmax(m, pl->candidates[k].metrics[metric]);
    return m;
}

static void score(mn_plan *pl, const double *p)
{
    double g = max_of(pl, M_matured_collagen_gain_percent, 1e-300);
    double s = max_of(pl, M_scar_reduction_percent, 1e-300);
    double r = max_of(pl, M_redness_visible_days, 1e-300);
    double i = max_of(pl, M_peak_irritation, 1e-300);
    pl->best = -1;
    for (int k = 0; k < pl->n_candidates; k++) {
        mn_plan_candidate *c = &pl->candidates[k];
        if (!c->ok) continue;
        const double *m = c->metrics;
        double scar = isfinite(m[M_scar_reduction_percent]) ? m[M_scar_reduction_percent] : 0;
        c->benefit = p[P_plan_weight_collagen] * m[M_matured_collagen_gain_percent] / g +
                     p[P_plan_weight_scar] * scar / s;
        c->cost = p[P_plan_weight_redness] * m[M_redness_visible_days] / r +
                  p[P_plan_weight_irritation] * m[M_peak_irritation] / i +
                  p[P_plan_weight_pigment] * mn_plan_pih_risk(m, p);
        c->score = c->benefit - c->cost;
        /* ties go to the longer interval (fewer visits) */
        if (pl->best < 0 || c->score >= pl->candidates[pl->best].score) pl->best = k;
    }
}

/* Time after t0 until series v (sampled on tr) stays below level; t0 if never above. */
static double stays_below_after(const mn_trace *tr, const double *v, size_t stride, double t0,
                                double t_end, double level)
{
    double last = t0;
    for (size_t i = 0; i < tr->n; i++) {
        if (tr->t[i] < t0 || tr->t[i] >= t_end) continue;
        if (v[i * stride] >= level) last = tr->t[i];
    }
    return last;
}

static int detail_recommended(const double *pc, mn_plan *pl, mn_error *err)
{
    mn_runner *w = mn_runner_new();
    mn_trace tr = {0};
    mn_observer ob = mn_trace_observer(&tr, 0.02);
    mn_result res;
    int rc = w ? mn_run_course(w, pc, &ob, &res) : -1;
    if (rc != 0 || tr.oom) {
        mn_fail(err, "simulating the recommended course failed: %s", w ? res.message : "no memory");
        mn_trace_free(&tr);
        mn_runner_free(w);
        return -1;
    }
    pl->n_sessions = res.n_sessions;
    pl->sessions = calloc((size_t)res.n_sessions + 1, sizeof *pl->sessions);
    if (!pl->sessions) {
        mn_trace_free(&tr);
        mn_runner_free(w);
        return mn_fail(err, "out of memory");
    }
    double reactivity =
        pow(pc[P_patient_fitzpatrick_type] / 3.0, pc[P_pigment_fitzpatrick_exponent]);
    double uv_unprotected = pc[P_pigment_ambient_uv] + fmax(pc[P_patient_sun_exposure], 0.5);
    double induction = pc[P_pigment_induction_per_day] * reactivity * uv_unprotected;
    double i_safe = 0.01 * pc[P_pigment_visible_threshold] / induction;
    for (int k = 0; k < res.n_sessions; k++) {
        const mn_session_outcome *so = &res.sessions[k];
        double next = k + 1 < res.n_sessions ? res.sessions[k + 1].day : pc[P_schedule_course_days];
        mn_plan_session *ps = &pl->sessions[k];
        ps->day = so->day;
        ps->redness_gone = so->redness_gone;
        ps->barrier_back = so->barrier_back;
        ps->acid_free_until = isnan(so->barrier_back) ? next : so->barrier_back;
        ps->sun_protect_until =
            fmax(so->redness_gone,
                 stays_below_after(&tr, tr.y + S_inflammation, S_COUNT, so->day, next, i_safe));
        ps->serum_until_hours =
            24.0 * (stays_below_after(&tr, tr.obs + O_topical_uptake, O_COUNT, so->day, next, 2.0) -
                    so->day);
    }
    mn_trace_free(&tr);
    mn_runner_free(w);
    return 0;
}

/* Ensemble: the uncertain biological rates scaled by log-normal factors (seeded, deterministic). */
static int ensemble(const double *pc, mn_plan *pl, mn_error *err)
{
    static const int uncertain[] = {
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
    int n = (int)pc[P_plan_ensemble_members];
    double *gain = malloc(3 * (size_t)n * sizeof *gain), q[P_COUNT];
    mn_runner *w = mn_runner_new();
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!gain || !w || !rng) {
        free(gain), mn_runner_free(w);
        if (rng) gsl_rng_free(rng);
        return mn_fail(err, "out of memory");
    }
    gsl_rng_set(rng, 20260101UL);
    double *scar = gain + n, *red = gain + 2 * n;
    int m = 0;
    for (int k = 0; k < n; k++) {
        memcpy(q, pc, sizeof q);
        for (size_t j = 0; j < sizeof uncertain / sizeof uncertain[0]; j++) {
            int id = uncertain[j];
            double v = q[id] * exp(gsl_ran_gaussian(rng, pc[P_plan_ensemble_spread]));
            q[id] = fmin(fmax(v, mn_params[id].min), mn_params[id].max);
        }
        mn_result res;
        if (mn_run_course(w, q, NULL, &res) != 0) continue; /* a failed member is left out */
        gain[m] = res.metrics[M_matured_collagen_gain_percent];
        scar[m] = isfinite(res.metrics[M_scar_reduction_percent])
                      ? res.metrics[M_scar_reduction_percent]
                      : 0;
        red[m] = res.metrics[M_redness_days_per_session];
        m++;
    }
    static const double probs[3] = {0.1, 0.5, 0.9};
    if (m > 0) {
        gsl_sort(gain, 1, (size_t)m), gsl_sort(scar, 1, (size_t)m), gsl_sort(red, 1, (size_t)m);
        for (int i = 0; i < 3; i++) {
            pl->gain_q[i] = gsl_stats_quantile_from_sorted_data(gain, 1, (size_t)m, probs[i]);
            pl->scar_q[i] = gsl_stats_quantile_from_sorted_data(scar, 1, (size_t)m, probs[i]);
            pl->redness_q[i] = gsl_stats_quantile_from_sorted_data(red, 1, (size_t)m, probs[i]);
        }
    }
    pl->ensemble_members = m;
    gsl_rng_free(rng);
    mn_runner_free(w);
    free(gain);
    return m > 0 ? 0 : mn_fail(err, "every ensemble member failed");
}

int mn_plan_run(const double *p, const mn_plan_request *rq, mn_plan *pl, mn_error *err)
{
    memset(pl, 0, sizeof *pl);
    if (rq->min_interval > rq->max_interval || rq->min_interval < 1)
        return mn_fail(err, "search range %g:%g is not a valid range of days", rq->min_interval,
                       rq->max_interval);
    int n = (int)floor(rq->max_interval - rq->min_interval) + 1;
    pl->candidates = calloc((size_t)n, sizeof *pl->candidates);
    if (!pl->candidates) return mn_fail(err, "out of memory");
    pl->n_candidates = n;
    pl->horizon_days = rq->horizon_days;
    pl->fixed_sessions = rq->sessions;
    int ok = 0;
#pragma omp parallel reduction(+ : ok)
    {
        mn_runner *w = mn_runner_new();
#pragma omp for schedule(static)
        for (int k = 0; k < n; k++) {
            double q[P_COUNT];
            mn_plan_candidate *c = &pl->candidates[k];
            c->interval_days = rq->min_interval + k;
            mn_plan_course_params(p, rq, c->interval_days, q);
            mn_result res;
            c->ok = w && mn_run_course(w, q, NULL, &res) == 0;
            if (c->ok) {
                memcpy(c->metrics, res.metrics, sizeof c->metrics);
                c->sessions = (int)res.metrics[M_sessions_done];
                ok++;
            }
        }
        mn_runner_free(w);
    }
    if (ok == 0) return mn_fail(err, "no candidate schedule could be simulated");
    score(pl, p);
    double pc[P_COUNT];
    mn_plan_course_params(p, rq, pl->candidates[pl->best].interval_days, pc);
    if (detail_recommended(pc, pl, err) != 0) return -1;
    return ensemble(pc, pl, err);
}

void mn_plan_free(mn_plan *pl)
{
    free(pl->candidates);
    free(pl->sessions);
    memset(pl, 0, sizeof *pl);
}
