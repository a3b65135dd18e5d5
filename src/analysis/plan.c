/* plan.c — candidate schedules, their ensembles, scores and equivalence group, the booked course's
 * aftercare windows and the risk alternatives. Every number comes from simulated courses; nothing
 * here encodes a preferred interval. Score (docs/PLANNING.md), normalised by a fixed reference
 * course (every plan.reference_interval_days days, same horizon or session count), so a score
 * does not depend on which candidates ran:
 *   score = w_c gain/gain_ref + w_s scar/scar_ref - w_r red/red_ref - w_i irr/irr_ref - w_p PIH
 * Ensemble: every schedule is re-run with the same plan.ensemble_members parameter draws (common
 * random numbers: log-normal factors on the uncertain rates, drawn once from a fixed seed before
 * any course runs), so differences between candidates are paired and the numbers do not depend
 * on the thread count. Aftercare windows for each session of the booked course:
 *   acid-free until the barrier is back to 95 %; sun protection until inflammation is so low that
 *   unprotected sun would add < 1 % of the visible PIH threshold per day for this Fitzpatrick
 *   type; serums within the hours the permeability stays >= 2x intact skin. */
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "ensemble.h"
#include "plan.h"
#include "runfile.h"

const mn_plan_outcome_info mn_plan_outcomes[MN_PO_COUNT] = {
    {"matured_collagen_gain_percent", "%",
     "matured new collagen of the treated layer at the end, relative to its day-0 collagen"},
    {"scar_reduction_percent", "%", "reduction of scar severity (0 without a scar)"},
    {"redness_days_per_session", "day", "visible-redness time per session"},
    {"redness_visible_days", "day", "total visible-redness time over the course"},
    {"pih_index", "1", "pigment peak / visible threshold (>= 1: visible PIH expected)"},
    {"score", "1", "benefit - cost against the reference course (docs/PLANNING.md)"},
};

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

/* Parameters of schedule s, scaled by the ensemble factors f (NULL: nominal). */
static void schedule_params(const double *p, const mn_plan_request *rq, const mn_plan_schedule *s,
                            const double *f, double *q)
{
    if (s->n_days > 0) {
        memcpy(q, p, P_COUNT * sizeof *q);
        q[P_schedule_first_day] = s->days[0];
        q[P_schedule_sessions] = s->n_days;
        q[P_schedule_interval_days] = s->interval_days > 0 ? s->interval_days
                                      : s->n_days > 1      ? s->days[1] - s->days[0]
                                                           : 28;
        q[P_schedule_course_days] = rq->sessions > 0 || rq->horizon_days <= s->days[s->n_days - 1]
                                        ? s->days[s->n_days - 1] + rq->follow_up_days
                                        : rq->horizon_days;
    } else {
        mn_plan_request r = *rq;
        if (s->sessions > 0) r.sessions = s->sessions;
        mn_plan_course_params(p, &r, s->interval_days, q);
        if (rq->sessions == 0 && s->sessions > 0) q[P_schedule_course_days] = rq->horizon_days;
    }
    if (f)
        for (int j = 0; j < mn_uncertain_rate_count; j++) {
            int id = mn_uncertain_rates[j];
            q[id] = fmin(fmax(q[id] * f[j], mn_params[id].min), mn_params[id].max);
        }
}

static int run_schedule(mn_runner *w, const double *p, const mn_plan_request *rq,
                        const mn_plan_schedule *s, const double *f, const mn_observer *ob,
                        mn_result *res)
{
    double q[P_COUNT];
    schedule_params(p, rq, s, f, q);
    if (s->n_days == 0) return mn_run_course(w, q, ob, res);
    double *vp = NULL;
    const double **ptr = NULL;
    if (s->visit_params) {
        vp = malloc((size_t)s->n_days * P_COUNT * sizeof *vp);
        ptr = calloc((size_t)s->n_days, sizeof *ptr);
        if (!vp || !ptr) {
            free(vp), free(ptr);
            memset(res, 0, sizeof *res);
            res->status = MN_COURSE_SOLVER_FAILED;
            snprintf(res->message, sizeof res->message, "out of memory");
            return -1;
        }
        for (int k = 0; k < s->n_days; k++)
            if (s->visit_params[k]) {
                schedule_params(s->visit_params[k], rq, s, f, vp + (size_t)k * P_COUNT);
                ptr[k] = vp + (size_t)k * P_COUNT;
            }
    }
    mn_visit_list v = {s->n_days, s->days, ptr};
    int rc = mn_run_course_visits(w, q, &v, ob, res);
    free(vp), free(ptr);
    return rc;
}

void mn_plan_schedule_params(const double *p, const mn_plan_request *rq, const mn_plan_schedule *s,
                             double *out)
{
    schedule_params(p, rq, s, NULL, out);
}

int mn_plan_simulate(mn_runner *w, const double *p, const mn_plan_request *rq,
                     const mn_plan_schedule *s, const mn_observer *ob, mn_result *res)
{
    return run_schedule(w, p, rq, s, NULL, ob, res);
}

static double finite_or0(double v)
{
    return isfinite(v) ? v : 0;
}

/* A normaliser: the reference value, or 1 (in the metric's unit) when it is ~0. */
static double norm_of(double ref)
{
    return isfinite(ref) && fabs(ref) > 1e-9 ? fabs(ref) : 1.0;
}

static void score_of(const double *m, const double *ref, const double *p, double *benefit,
                     double *cost)
{
    double scar_ref = finite_or0(ref[M_scar_reduction_percent]);
    *benefit = p[P_plan_weight_collagen] * m[M_matured_collagen_gain_percent] /
                   norm_of(ref[M_matured_collagen_gain_percent]) +
               (scar_ref > 1e-9
                    ? p[P_plan_weight_scar] * finite_or0(m[M_scar_reduction_percent]) / scar_ref
                    : 0);
    *cost = p[P_plan_weight_redness] * m[M_redness_visible_days] /
                norm_of(ref[M_redness_visible_days]) +
            p[P_plan_weight_irritation] * m[M_peak_irritation] / norm_of(ref[M_peak_irritation]) +
            p[P_plan_weight_pigment] * mn_plan_pih_risk(m, p);
}

static void outcomes_of(const double *m, const double *ref, const double *p, double *o)
{
    double b, c;
    score_of(m, ref, p, &b, &c);
    o[MN_PO_GAIN] = m[M_matured_collagen_gain_percent];
    o[MN_PO_SCAR] = finite_or0(m[M_scar_reduction_percent]);
    o[MN_PO_REDNESS] = m[M_redness_days_per_session];
    o[MN_PO_REDNESS_TOTAL] = m[M_redness_visible_days];
    o[MN_PO_PIH] = mn_plan_pih_risk(m, p);
    o[MN_PO_SCORE] = b - c;
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

static int detail_booked(const double *p, const mn_plan_request *rq, mn_plan *pl, mn_error *err)
{
    double pc[P_COUNT];
    schedule_params(p, rq, &pl->booked.spec, NULL, pc);
    mn_runner *w = mn_runner_new();
    mn_trace tr = {0};
    mn_observer ob = mn_trace_observer(&tr, 0.02);
    mn_result res;
    int rc = w ? run_schedule(w, p, rq, &pl->booked.spec, NULL, &ob, &res) : -1;
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

/* Nominal days of a regular schedule (as the runner lays them out). */
static int regular_days(const double *p, const mn_plan_request *rq, const mn_plan_schedule *s,
                        double *days, int max)
{
    double q[P_COUNT];
    schedule_params(p, rq, s, NULL, q);
    int n = 0, want = (int)q[P_schedule_sessions];
    for (int k = 0; (want == 0 || k < want) && n < max; k++) {
        double d = q[P_schedule_first_day] + k * q[P_schedule_interval_days];
        if (d >= q[P_schedule_course_days]) break;
        days[n++] = d;
    }
    return n;
}

int mn_plan_book(const double *nominal, int n, unsigned closed_days, int start_weekday,
                 double *booked)
{
    int moved = 0;
    if ((closed_days & 0x7f) == 0x7f) closed_days = 0; /* never closed every day */
    for (int k = 0; k < n; k++) {
        double d = nominal[k];
        if (k > 0 && d <= booked[k - 1]) d = booked[k - 1] + 1;
        while (closed_days & (1u << (((long)floor(d) + start_weekday) % 7)))
            d += 1;
        booked[k] = d;
        moved += d != nominal[k];
    }
    return moved;
}

/* The whole batch of (schedule, member) courses; member -1 is the nominal course. */
typedef struct {
    const mn_plan_schedule *spec;
    mn_plan_candidate *out;
    double *member_metrics; /* members x M_COUNT, NaN when a member failed */
} job_set;

static int run_batch(const double *p, const mn_plan_request *rq, job_set *js, int n_sets,
                     const double *factors, int members)
{
    long n_jobs = (long)n_sets * (members + 1);
    int failures = 0;
    int threads = rq->threads > 0 ? rq->threads : omp_get_max_threads();
#pragma omp parallel num_threads(threads) reduction(+ : failures)
    {
        mn_runner *w = mn_runner_new();
#pragma omp for schedule(dynamic, 4)
        for (long j = 0; j < n_jobs; j++) {
            job_set *s = &js[j / (members + 1)];
            int m = (int)(j % (members + 1)) - 1;
            mn_result res;
            int ok = w && run_schedule(w, p, rq, s->spec,
                                       m < 0 ? NULL : factors + m * mn_uncertain_rate_count, NULL,
                                       &res) == 0;
            double *dst = m < 0 ? s->out->metrics : s->member_metrics + (size_t)m * M_COUNT;
            if (ok)
                memcpy(dst, res.metrics, M_COUNT * sizeof *dst);
            else
                for (int i = 0; i < M_COUNT; i++)
                    dst[i] = NAN;
            if (m < 0) {
                s->out->ok = ok;
                s->out->sessions = ok ? (int)res.metrics[M_sessions_done] : 0;
            }
            failures += !ok && !w;
        }
        mn_runner_free(w);
    }
    return failures ? -1 : 0;
}

/* Nominal score and ensemble percentiles of one schedule. member_scores: members values. */
static void summarise(const double *p, const double *ref, mn_plan_candidate *c,
                      const double *member_metrics, int members, double *member_scores,
                      double *scratch)
{
    if (c->ok) {
        score_of(c->metrics, ref, p, &c->benefit, &c->cost);
        c->score = c->benefit - c->cost;
    } else {
        c->benefit = c->cost = c->score = NAN;
    }
    double o[MN_PO_COUNT];
    int n = 0;
    for (int m = 0; m < members; m++) {
        const double *mm = member_metrics + (size_t)m * M_COUNT;
        if (isnan(mm[M_sessions_done])) {
            member_scores[m] = NAN;
            continue;
        }
        outcomes_of(mm, ref, p, o);
        member_scores[m] = o[MN_PO_SCORE];
        for (int i = 0; i < MN_PO_COUNT; i++)
            scratch[(size_t)i * members + n] = o[i];
        n++;
    }
    c->members = n;
    static const double probs[3] = {0.1, 0.5, 0.9};
    for (int i = 0; i < MN_PO_COUNT; i++) {
        double *v = scratch + (size_t)i * members;
        if (n > 0) gsl_sort(v, 1, (size_t)n);
        for (int k = 0; k < 3; k++)
            c->q[i][k] =
                n > 0 ? gsl_stats_quantile_from_sorted_data(v, 1, (size_t)n, probs[k]) : NAN;
    }
}

/* Fraction of members in which a scores above b (ties count half). */
static double paired_beats(const double *a, const double *b, int members)
{
    double wins = 0;
    int n = 0;
    for (int m = 0; m < members; m++) {
        if (isnan(a[m]) || isnan(b[m])) continue;
        wins += a[m] > b[m] ? 1 : a[m] == b[m] ? 0.5 : 0;
        n++;
    }
    return n ? wins / n : NAN;
}

static int nominal_run(const double *p, const mn_plan_request *rq, const mn_plan_schedule *s,
                       double *metrics)
{
    mn_runner *w = mn_runner_new();
    mn_result res;
    int rc = w ? run_schedule(w, p, rq, s, NULL, NULL, &res) : -1;
    for (int i = 0; i < M_COUNT; i++)
        metrics[i] = rc == 0 ? res.metrics[i] : NAN;
    mn_runner_free(w);
    return rc;
}

/* The model's prediction for the recommended actions behind the warnings. */
static void alternatives(const double *p, const mn_plan_request *rq, mn_plan *pl)
{
    const mn_plan_candidate *b = &pl->candidates[pl->best];
    for (int i = 0; i < M_COUNT; i++)
        pl->pih_alt_metrics[i] = pl->acid_alt_metrics[i] = NAN;
    pl->pih_alt_interval = NAN;
    pl->acid_alt_day = NAN;
    if (mn_plan_pih_risk(b->metrics, p) >= p[P_plan_warn_pih_index]) {
        double q[P_COUNT];
        memcpy(q, p, sizeof q);
        q[P_patient_sunscreen] = 1;
        pl->pih_alt_sunscreen = 1;
        pl->pih_alt_interval = fmin(365, b->spec.interval_days + 14);
        mn_plan_schedule s = {.interval_days = pl->pih_alt_interval};
        nominal_run(q, rq, &s, pl->pih_alt_metrics);
    }
    if (p[P_patient_sensitivity] >= p[P_plan_warn_sensitivity]) {
        double q[P_COUNT];
        memcpy(q, p, sizeof q);
        /* with acids the day after each session (or, if the patient uses them, without) */
        q[P_aftercare_acid_days] = p[P_aftercare_acid_days] >= 0 ? -1 : 1;
        pl->acid_alt_day = q[P_aftercare_acid_days];
        nominal_run(q, rq, &pl->booked.spec, pl->acid_alt_metrics);
    }
}

static void free_spec(mn_plan_schedule *s)
{
    free(s->days);
    s->days = NULL;
}

/* The clinician's schedules follow the same booking as the recommendation: every session on a
 * closed day moves to the next open day (after the previous session); a moved schedule runs on
 * its booked days (owned by the plan from then on) and says so in its label. */
static int book_compare(const double *p, const mn_plan_request *rq, mn_plan *pl)
{
    pl->compare_moved = calloc((size_t)pl->n_compare + 1, sizeof *pl->compare_moved);
    if (!pl->compare_moved) return -1;
    for (int k = 0; k < pl->n_compare; k++) {
        mn_plan_schedule *s = &pl->compare[k].spec;
        int cap = s->n_days > 0 ? s->n_days : (int)(rq->horizon_days + 1) + s->sessions + 2;
        double *nominal = malloc((size_t)cap * sizeof *nominal);
        double *booked = malloc((size_t)cap * sizeof *booked);
        if (!nominal || !booked) {
            free(nominal), free(booked);
            return -1;
        }
        int nd = s->n_days;
        if (nd > 0)
            memcpy(nominal, s->days, (size_t)nd * sizeof *nominal);
        else
            nd = regular_days(p, rq, s, nominal, cap);
        int moved = mn_plan_book(nominal, nd, rq->closed_days, rq->start_weekday, booked);
        free(nominal);
        if (!moved) {
            free(booked);
            continue;
        }
        /* horizon mode: a session pushed past the horizon is dropped */
        while (rq->sessions == 0 && nd > 0 && booked[nd - 1] >= rq->horizon_days)
            nd--;
        s->days = booked;
        s->n_days = nd;
        pl->compare_moved[k] = moved;
        size_t len = strlen(s->label);
        snprintf(s->label + len, sizeof s->label - len, ", booked on clinic days");
    }
    return 0;
}

int mn_plan_run(const double *p, const mn_plan_request *rq, mn_plan *pl, mn_error *err)
{
    memset(pl, 0, sizeof *pl);
    if (rq->min_interval > rq->max_interval || rq->min_interval < 1)
        return mn_fail(err, "search range %g:%g is not a valid range of days", rq->min_interval,
                       rq->max_interval);
    int n = (int)floor(rq->max_interval - rq->min_interval) + 1, nc = rq->n_compare;
    int members = (int)p[P_plan_ensemble_members];
    pl->candidates = calloc((size_t)n, sizeof *pl->candidates);
    pl->compare = calloc((size_t)nc + 1, sizeof *pl->compare);
    pl->n_candidates = n;
    pl->n_compare = nc;
    pl->horizon_days = rq->horizon_days;
    pl->fixed_sessions = rq->sessions;
    pl->ensemble_members = members;
    int n_sets = n + nc + 1; /* + the booked course */
    job_set *js = calloc((size_t)n_sets, sizeof *js);
    double *mm = malloc((size_t)n_sets * members * M_COUNT * sizeof *mm);
    double *scores = malloc((size_t)n_sets * members * sizeof *scores);
    double *scratch = malloc((size_t)MN_PO_COUNT * members * sizeof *scratch);
    double *factors = malloc((size_t)members * mn_uncertain_rate_count * sizeof *factors);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    int rc = -1;
    if (!pl->candidates || !pl->compare || !js || !mm || !scores || !scratch || !factors || !rng) {
        mn_fail(err, "out of memory");
        goto done;
    }
    /* common random numbers: one draw per member and uncertain rate, before any course */
    gsl_rng_set(rng, 20260101UL);
    for (int k = 0; k < members * mn_uncertain_rate_count; k++)
        factors[k] = exp(gsl_ran_gaussian(rng, p[P_plan_ensemble_spread]));

    mn_plan_schedule ref = {.interval_days = p[P_plan_reference_interval_days]};
    if (nominal_run(p, rq, &ref, pl->reference_metrics) != 0) {
        mn_fail(err, "the reference course (every %g days) could not be simulated",
                ref.interval_days);
        goto done;
    }
    for (int k = 0; k < n; k++) {
        mn_plan_schedule *s = &pl->candidates[k].spec;
        s->interval_days = rq->min_interval + k;
        snprintf(s->label, sizeof s->label, "every %g days", s->interval_days);
    }
    for (int k = 0; k < nc; k++)
        pl->compare[k].spec = rq->compare[k]; /* borrowed: days/visit_params owned by the caller */
    pl->clinic_booking = rq->closed_days != 0;
    if (pl->clinic_booking && book_compare(p, rq, pl) != 0) {
        mn_fail(err, "out of memory");
        goto done;
    }
    for (int k = 0; k < n + nc; k++) {
        js[k].spec = k < n ? &pl->candidates[k].spec : &pl->compare[k - n].spec;
        js[k].out = k < n ? &pl->candidates[k] : &pl->compare[k - n];
        js[k].member_metrics = mm + (size_t)k * members * M_COUNT;
    }
    if (run_batch(p, rq, js, n + nc, factors, members) != 0) {
        mn_fail(err, "out of memory running the candidates");
        goto done;
    }
    for (int k = 0; k < n + nc; k++)
        summarise(p, pl->reference_metrics, js[k].out, js[k].member_metrics, members,
                  scores + (size_t)k * members, scratch);
    pl->best = -1;
    for (int k = 0; k < n; k++) /* ties go to the longer interval (fewer visits) */
        if (pl->candidates[k].ok &&
            (pl->best < 0 || pl->candidates[k].score >= pl->candidates[pl->best].score))
            pl->best = k;
    if (pl->best < 0) {
        mn_fail(err, "no candidate schedule could be simulated");
        goto done;
    }
    const double *best_scores = scores + (size_t)pl->best * members;
    for (int k = 0; k < n + nc; k++) {
        mn_plan_candidate *c = js[k].out;
        c->p_beats_best =
            k == pl->best ? NAN : paired_beats(scores + (size_t)k * members, best_scores, members);
        c->equivalent =
            k == pl->best || (c->ok && c->p_beats_best >= p[P_plan_equivalence_probability]);
    }
    pl->group_lo = pl->group_hi = pl->best;
    for (int k = 0; k < n; k++)
        if (pl->candidates[k].equivalent) {
            if (k < pl->group_lo) pl->group_lo = k;
            if (k > pl->group_hi) pl->group_hi = k;
        }
    pl->group_contiguous = 1;
    for (int k = pl->group_lo; k <= pl->group_hi; k++)
        pl->group_contiguous &= pl->candidates[k].equivalent;
    pl->edge = n < 2 ? 0 : pl->best == 0 ? -1 : pl->best == n - 1 ? 1 : 0;

    /* the recommended course as booked on open clinic days */
    mn_plan_candidate *bk = &pl->booked, *best = &pl->candidates[pl->best];
    *bk = *best;
    if (rq->closed_days) {
        int cap = (int)(rq->horizon_days + 1) + rq->sessions + 2;
        double *nominal = malloc((size_t)cap * sizeof *nominal);
        bk->spec.days = malloc((size_t)cap * sizeof *bk->spec.days);
        if (!nominal || !bk->spec.days) {
            free(nominal);
            mn_fail(err, "out of memory");
            goto done;
        }
        int nd = regular_days(p, rq, &best->spec, nominal, cap);
        pl->booking_moved =
            mn_plan_book(nominal, nd, rq->closed_days, rq->start_weekday, bk->spec.days);
        /* horizon mode: a session pushed past the horizon is dropped */
        while (rq->sessions == 0 && nd > 0 && bk->spec.days[nd - 1] >= rq->horizon_days)
            nd--;
        free(nominal);
        bk->spec.n_days = nd;
        snprintf(bk->spec.label, sizeof bk->spec.label, "every %g days, booked on clinic days",
                 best->spec.interval_days);
        if (pl->booking_moved) {
            job_set one = {&bk->spec, bk, mm + (size_t)(n + nc) * members * M_COUNT};
            if (run_batch(p, rq, &one, 1, factors, members) != 0 || !bk->ok) {
                mn_fail(err, "the booked course could not be simulated");
                goto done;
            }
            summarise(p, pl->reference_metrics, bk, one.member_metrics, members,
                      scores + (size_t)(n + nc) * members, scratch);
            bk->p_beats_best =
                paired_beats(scores + (size_t)(n + nc) * members, best_scores, members);
        }
    }
    if (detail_booked(p, rq, pl, err) != 0) goto done;
    alternatives(p, rq, pl);
    rc = 0;
done:
    free(js), free(mm), free(scores), free(scratch), free(factors);
    if (rng) gsl_rng_free(rng);
    return rc;
}

void mn_plan_free(mn_plan *pl)
{
    free(pl->candidates);
    if (pl->compare_moved)
        for (int k = 0; k < pl->n_compare; k++)
            if (pl->compare_moved[k]) free(pl->compare[k].spec.days); /* booked days, owned */
    free(pl->compare_moved);
    free(pl->compare);
    free(pl->sessions);
    free_spec(&pl->booked.spec);
    memset(pl, 0, sizeof *pl);
}
