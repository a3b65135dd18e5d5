/* claims.c — each claim of the source document as a scenario on the simulator and a check of its
 * target (docs/CLAIMS.md). Nothing here shapes the model's output: the scenarios only set
 * inputs (procedure, patient, schedule) and measure what the equations produce. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "claims.h"
#include "params.h"
#include "robustness.h"
#include "runfile.h"
#include "runner.h"
#include "screen.h"

#define FINE_STEP 0.01 /* day: sampling for claims that read a trajectory */

/* Run p recording every `step` days. Returns 0 or -1 with r->measured explaining. */
static int simulate(const double *p, double step, mn_trace *tr, mn_result *res, mn_claim_result *r)
{
    mn_runner *w = mn_runner_new();
    *tr = (mn_trace){0};
    mn_observer ob = mn_trace_observer(tr, step);
    int rc = w ? mn_run_course(w, p, step > 0 ? &ob : NULL, res) : -1;
    mn_runner_free(w);
    if (rc != 0 || tr->oom) {
        snprintf(r->measured, sizeof r->measured, "simulation failed: %.500s",
                 w ? res->message : "out of memory");
        r->pass = 0;
        mn_trace_free(tr);
        return -1;
    }
    return 0;
}

static void one_session(double *p, double days)
{
    mn_params_default(p);
    p[P_schedule_sessions] = 1;
    p[P_schedule_course_days] = days;
    p[P_aftercare_serum_hours] = -1;
}

static double obs_at(const mn_trace *tr, int o, double t)
{
    return tr->obs[mn_trace_nearest(tr, t) * O_COUNT + (size_t)o];
}

static double obs_max(const mn_trace *tr, int o, double *when)
{
    double m = -INFINITY;
    for (size_t i = 0; i < tr->n; i++)
        if (tr->obs[i * O_COUNT + (size_t)o] > m) {
            m = tr->obs[i * O_COUNT + (size_t)o];
            if (when) *when = tr->t[i];
        }
    return m;
}

static double state_max(const mn_trace *tr, int s)
{
    double m = -INFINITY;
    for (size_t i = 0; i < tr->n; i++)
        m = fmax(m, tr->y[i * S_COUNT + (size_t)s]);
    return m;
}

/* C1: superficial injuries heal without scarring; channels close, barrier >= 95 % by 48 h. */
static int c1(mn_claim_result *r)
{
    double p[P_COUNT], worst_scar = 0, worst_barrier = 1, worst_defect = 0;
    static const double depths[] = {0.25, 1.5, 2.5};
    for (int k = 0; k < 3; k++) {
        one_session(p, 30);
        p[P_procedure_depth_mm] = depths[k];
        p[P_patient_scar_grade] = 0;
        mn_trace tr;
        mn_result res;
        if (simulate(p, FINE_STEP, &tr, &res, r)) return -1;
        worst_scar = fmax(worst_scar, state_max(&tr, S_scar_severity));
        worst_barrier = fmin(worst_barrier, obs_at(&tr, O_barrier, 2.0));
        double d0 = obs_max(&tr, O_open_defect, NULL);
        worst_defect = fmax(worst_defect, obs_at(&tr, O_open_defect, 0.5) / d0);
        mn_trace_free(&tr);
    }
    snprintf(r->measured, sizeof r->measured,
             "0.25-2.5 mm: max scar severity %.2g; barrier at 48 h >= %.3f; open channels at 12 h "
             "<= %.2g of initial",
             worst_scar, worst_barrier, worst_defect);
    r->pass = worst_scar < 1e-9 && worst_barrier >= 0.95 && worst_defect < 0.01;
    return 0;
}

/* C2: a session raises fibroblast activity, synthesis, perfusion, renewal; all return. */
static int c2(mn_claim_result *r)
{
    double p[P_COUNT];
    one_session(p, 120);
    mn_trace tr;
    mn_result res;
    if (simulate(p, FINE_STEP, &tr, &res, r)) return -1;
    static const int obs[] = {O_fibroblast_activity, O_collagen_synthesis_rate, O_perfusion,
                              O_renewal};
    double min_rise = INFINITY, max_left = 0;
    for (int k = 0; k < 4; k++) {
        double base = tr.obs[obs[k]], peak = obs_max(&tr, obs[k], NULL);
        double end = obs_at(&tr, obs[k], 120.0);
        min_rise = fmin(min_rise, peak / base - 1);
        max_left = fmax(max_left, fabs(end / base - 1));
    }
    mn_trace_free(&tr);
    snprintf(r->measured, sizeof r->measured,
             "smallest peak rise %.0f %% above baseline; largest residual at day 120 %.3f %%",
             100 * min_rise, 100 * max_left);
    r->pass = min_rise > 0.05 && max_left < 0.01;
    return 0;
}

/* C3: synthesis peaks on days 2-7, within 10 % of baseline by day 28; collagen raised for months.
 */
static int c3(mn_claim_result *r)
{
    double p[P_COUNT], peak_day = 0;
    one_session(p, 180);
    mn_trace tr;
    mn_result res;
    if (simulate(p, FINE_STEP, &tr, &res, r)) return -1;
    double base = tr.obs[O_collagen_synthesis_rate];
    obs_max(&tr, O_collagen_synthesis_rate, &peak_day);
    double d28 = obs_at(&tr, O_collagen_synthesis_rate, 28.0) / base - 1;
    double c0 = tr.obs[O_collagen_total];
    double g30 = obs_at(&tr, O_collagen_total, 30.0) - c0,
           g180 = obs_at(&tr, O_collagen_total, 180.0) - c0;
    double t30 = obs_at(&tr, O_treated_collagen, 30.0) - 1,
           t180 = obs_at(&tr, O_treated_collagen, 180.0) - 1;
    mn_trace_free(&tr);
    snprintf(r->measured, sizeof r->measured,
             "peak on day %.2f; day 28 %.1f %% above baseline; treated layer %+.0f %% on day 30, "
             "%+.0f %% on day 180; whole dermis %+.2g %% on day 30, %+.2g %% on day 180",
             peak_day, 100 * d28, 100 * t30, 100 * t180, 100 * g30 / c0, 100 * g180 / c0);
    r->pass = peak_day >= 2 && peak_day <= 7 && fabs(d28) <= 0.10 && g180 > 0 &&
              g180 >= 0.5 * g30 && t180 > 0 && t180 >= 0.5 * t30;
    return 0;
}

/* Metrics of the default course for a patient of the given age (NULL res on failure). */
static int course(double *p, mn_result *res, mn_claim_result *r)
{
    mn_trace tr;
    int rc = simulate(p, 0, &tr, res, r);
    mn_trace_free(&tr);
    return rc;
}

/* C4 and C7: quality indices follow collagen (course gain; and lower for lower collagen). */
static int quality_claim(mn_claim_result *r, int pores)
{
    double p[P_COUNT];
    mn_params_default(p);
    mn_trace tr;
    mn_result res;
    if (simulate(p, 1.0, &tr, &res, r)) return -1;
    const double *o0 = tr.obs, *o1 = tr.obs + (tr.n - 1) * O_COUNT;
    double dc = o1[O_treated_collagen] - o0[O_treated_collagen];
    double df = o1[O_firmness] - o0[O_firmness], de = o1[O_elasticity] - o0[O_elasticity];
    double dw = o1[O_wrinkle_depth] - o0[O_wrinkle_depth];
    double dp = o1[O_pore_visibility] - o0[O_pore_visibility];
    double dc_percent = 100 * dc / o0[O_treated_collagen]; /* of the layer's day-0 collagen */
    mn_trace_free(&tr);
    /* Across ages: less collagen (older) must mean the indices point the other way. */
    double young[P_COUNT], old[P_COUNT];
    mn_result ry, ro;
    mn_params_default(young);
    mn_params_default(old);
    old[P_patient_age_years] = 65;
    young[P_patient_age_years] = 25;
    if (course(young, &ry, r) || course(old, &ro, r)) return -1;
    if (pores) {
        snprintf(
            r->measured, sizeof r->measured,
            "course: treated-layer collagen %+.1f %%, pore visibility %+.3g; end of course age 65 "
            "vs 25: pores %.3f vs %.3f",
            dc_percent, dp, ro.metrics[M_pore_visibility_end], ry.metrics[M_pore_visibility_end]);
        r->pass = dc > 0 && dp < 0 &&
                  ro.metrics[M_pore_visibility_end] > ry.metrics[M_pore_visibility_end];
    } else {
        snprintf(
            r->measured, sizeof r->measured,
            "course: treated-layer collagen %+.1f %%, firmness %+.3g, elasticity %+.3g, wrinkle "
            "depth %+.3g; age 65 vs 25 wrinkle depth %.2f vs %.2f",
            dc_percent, df, de, dw, ro.metrics[M_wrinkle_depth_end],
            ry.metrics[M_wrinkle_depth_end]);
        r->pass = dc > 0 && df > 0 && de > 0 && dw < 0 &&
                  ro.metrics[M_wrinkle_depth_end] > ry.metrics[M_wrinkle_depth_end];
    }
    return 0;
}

static int c4(mn_claim_result *r)
{
    return quality_claim(r, 0);
}
static int c7(mn_claim_result *r)
{
    return quality_claim(r, 1);
}

/* C5: baseline synthesis falls with age, content ~1 %/year (Shuster et al. 1975). */
static int c5(mn_claim_result *r)
{
    double p[P_COUNT], syn[3], content[3];
    static const double ages[] = {25, 45, 65};
    for (int k = 0; k < 3; k++) {
        mn_params_default(p);
        p[P_patient_age_years] = ages[k];
        double y[S_COUNT], obs[O_COUNT];
        mn_fast fast;
        mn_fast_reset(&fast, p);
        mn_signals sig;
        mn_fast_eval(&fast, 0.0, p, &sig);
        mn_model_init(p, y);
        mn_model_observe(y, &sig, p, obs);
        syn[k] = obs[O_collagen_synthesis_rate];
        content[k] = obs[O_collagen_total];
    }
    double per_year = 100 * (1 - pow(content[2] / content[0], 1.0 / 40));
    snprintf(r->measured, sizeof r->measured,
             "baseline synthesis at 25/45/65: %.3f/%.3f/%.3f; content falls %.2f %%/year", syn[0],
             syn[1], syn[2], per_year);
    r->pass = syn[0] > syn[1] && syn[1] > syn[2] && per_year >= 0.7 && per_year <= 1.3;
    return 0;
}

/* C6: a 60-year-old's post-session peak is within +-25 % of a 25-year-old's baseline. */
static int c6(mn_claim_result *r)
{
    double p[P_COUNT];
    one_session(p, 30);
    p[P_patient_age_years] = 60;
    mn_result res;
    if (course(p, &res, r)) return -1;
    double peak = res.metrics[M_peak_synthesis_rate];
    snprintf(r->measured, sizeof r->measured,
             "60-year-old: baseline %.2f, peak %.2f of a 25-year-old's baseline",
             peak / res.metrics[M_peak_synthesis_ratio], peak);
    r->pass = fabs(peak - 1.0) <= 0.25;
    return 0;
}

/* C8: small scar >= 80 % within three months of one session; large < 50 % after one, 30-70 %
 * after six monthly (four weeks after the last), never 0, and still improving months later. */
static int c8(mn_claim_result *r)
{
    double p[P_COUNT];
    mn_result small1, large1, large6, large6_later;
    one_session(p, 90);
    p[P_patient_scar_grade] = 2, p[P_patient_scar_depth_mm] = 0.3, p[P_patient_scar_width_mm] = 1;
    if (course(p, &small1, r)) return -1;
    p[P_patient_scar_grade] = 3, p[P_patient_scar_depth_mm] = 1.5, p[P_patient_scar_width_mm] = 6;
    if (course(p, &large1, r)) return -1;
    p[P_schedule_sessions] = 6;
    p[P_schedule_interval_days] = 28;
    p[P_schedule_course_days] = 5 * 28 + 28;
    if (course(p, &large6, r)) return -1;
    p[P_schedule_course_days] = 5 * 28 + 28 + 91;
    if (course(p, &large6_later, r)) return -1;
    double s1 = small1.metrics[M_scar_reduction_percent],
           l1 = large1.metrics[M_scar_reduction_percent];
    double l6 = large6.metrics[M_scar_reduction_percent],
           later = large6_later.metrics[M_scar_reduction_percent];
    snprintf(r->measured, sizeof r->measured,
             "small scar -%.0f %% three months after one session; large scar -%.0f %% after one, "
             "-%.0f %% four weeks after six (grade %.2f left), -%.0f %% three months later",
             s1, l1, l6, large6.metrics[M_scar_severity_end], later);
    r->pass = s1 >= 80 && l1 < 50 && l6 >= 30 && l6 <= 70 &&
              large6.metrics[M_scar_severity_end] > 0.05 &&
              large6_later.metrics[M_scar_severity_end] > 0.05 && later > l6;
    return 0;
}

/* C9: glow peaks on days 3-7, after the redness has gone. */
static int c9(mn_claim_result *r)
{
    double p[P_COUNT];
    one_session(p, 30);
    mn_result res;
    if (course(p, &res, r)) return -1;
    double g = res.metrics[M_glow_peak_day], red = res.metrics[M_redness_gone_day];
    snprintf(r->measured, sizeof r->measured, "glow peaks on day %.1f; redness gone on day %.1f", g,
             red);
    r->pass = g >= 3 && g <= 7 && g > red;
    return 0;
}

/* C10: uptake several-fold right after a session, back as channels close within hours. */
static int c10(mn_claim_result *r)
{
    double p[P_COUNT];
    one_session(p, 5);
    mn_trace tr;
    mn_result res;
    if (simulate(p, 1.0 / 96, &tr, &res, r)) return -1;
    double u0 = obs_at(&tr, O_topical_uptake, 1.0 / 96), u12 = obs_at(&tr, O_topical_uptake, 0.5);
    mn_trace_free(&tr);
    double ratio[2];
    static const double hours[] = {0.25, 48};
    for (int k = 0; k < 2; k++) {
        one_session(p, 10);
        p[P_aftercare_serum_hours] = hours[k];
        if (course(p, &res, r)) return -1;
        ratio[k] = res.metrics[M_topical_uptake_ratio];
    }
    snprintf(r->measured, sizeof r->measured,
             "permeability %.1fx at 15 min, %.2fx at 12 h; serum absorbed %.2fx (15 min after) vs "
             "%.2fx (48 h after)",
             u0, u12, ratio[0], ratio[1]);
    r->pass = u0 >= 3 && u12 <= 1.5 && ratio[0] >= 2 && ratio[1] < 1.1;
    return 0;
}

/* C11: needling redness gone by day 2-4; medium/deep peels visible for 2-3 weeks. */
static int c11(mn_claim_result *r)
{
    double p[P_COUNT], gone[4];
    for (int peel = PEEL_NONE; peel <= PEEL_DEEP; peel++) {
        one_session(p, 60);
        p[P_procedure_microneedling] = peel == PEEL_NONE;
        p[P_procedure_peel] = peel;
        mn_result res;
        if (course(p, &res, r)) return -1;
        gone[peel] = res.metrics[M_redness_gone_day];
    }
    snprintf(r->measured, sizeof r->measured,
             "redness visible for %.1f days (needling 1.5 mm), %.1f (superficial), %.1f (medium), "
             "%.1f (deep peel)",
             gone[0], gone[1], gone[2], gone[3]);
    r->pass = gone[0] >= 2 && gone[0] <= 4 && gone[1] <= 5 && gone[2] >= 14 && gone[2] <= 24 &&
              gone[3] >= 14 && gone[3] >= gone[2];
    return 0;
}

/* C12: dermaplaning with microneedling raises topical uptake further. */
static int c12(mn_claim_result *r)
{
    double p[P_COUNT], ratio[2];
    for (int k = 0; k < 2; k++) {
        one_session(p, 10);
        p[P_aftercare_serum_hours] = 1;
        p[P_procedure_dermaplaning] = k;
        mn_result res;
        if (course(p, &res, r)) return -1;
        ratio[k] = res.metrics[M_topical_uptake_ratio];
    }
    snprintf(r->measured, sizeof r->measured,
             "serum 1 h after: %.2fx intact skin with needling, %.2fx with needling + dermaplaning",
             ratio[0], ratio[1]);
    r->pass = ratio[1] > 1.1 * ratio[0];
    return 0;
}

/* C13: contraindications carried by the profile and screened. */
static int c13(mn_claim_result *r)
{
    static const int refused[] = {P_patient_pregnant, P_patient_psoriasis, P_patient_cold_sores,
                                  P_patient_severe_acne};
    static const int doctor[] = {P_patient_bleeding_disorder, P_patient_severe_illness};
    double p[P_COUNT];
    int ok = 1, n = 0;
    mn_params_default(p);
    ok &= mn_screen(p, 0).verdict == MN_SCREEN_OK;
    for (int k = 0; k < 4; k++, n++) {
        mn_params_default(p);
        p[refused[k]] = 1;
        mn_screening s = mn_screen(p, 1);
        ok &= s.verdict == MN_SCREEN_REFUSED && s.n_findings == 1;
    }
    for (int k = 0; k < 2; k++, n++) {
        mn_params_default(p);
        p[doctor[k]] = 1;
        ok &= mn_screen(p, 0).verdict == MN_SCREEN_NEEDS_DOCTOR;
        ok &= mn_screen(p, 1).verdict == MN_SCREEN_OK && mn_screen(p, 1).n_findings == 1;
    }
    snprintf(r->measured, sizeof r->measured,
             "%d conditions screened: pregnancy, psoriasis, cold sores, severe acne refused; "
             "bleeding disorder, severe illness need a doctor (warning when approved)",
             n);
    r->pass = ok;
    return 0;
}

/* The C14 scan (robustness.c) for a patient of the given age. Returns the best D, or -1 with
 * r->measured explaining. */
static int interval_scan(double age, double gain[MN_SCAN_MAX_D + 1], mn_claim_result *r)
{
    double p[P_COUNT], best_in;
    int best;
    mn_params_default(p);
    p[P_patient_age_years] = age;
    p[P_aftercare_serum_hours] = -1;
    mn_error err;
    if (mn_c14_scan(p, gain, &best, &best_in, &err) < 0) {
        snprintf(r->measured, sizeof r->measured, "simulation failed: %.500s", err.msg);
        r->pass = 0;
        return -1;
    }
    return best;
}

/* C14: over 182 days with a session every D days, the collagen gain peaks for D in 21-28. */
static int c14(mn_claim_result *r)
{
    double gain[MN_SCAN_MAX_D + 1], best_in = -INFINITY;
    int arg = interval_scan(mn_params[P_patient_age_years].def, gain, r);
    if (arg < 0) return -1;
    for (int d = 21; d <= 28; d++)
        best_in = fmax(best_in, gain[d]);
    snprintf(r->measured, sizeof r->measured,
             "gain at day 182 peaks at D = %d days (+%.1f %% matured new collagen in the treated "
             "layer); best of 21-28 is %.1f %% of the max, %.0f %% above D = 7 and %.0f %% above "
             "D = 56; D = 7/14/21/28/35/42/56: %.1f/%.1f/%.1f/%.1f/%.1f/%.1f/%.1f %%",
             arg, gain[arg], 100 * best_in / gain[arg], 100 * (best_in / gain[7] - 1),
             100 * (best_in / gain[56] - 1), gain[7], gain[14], gain[21], gain[28], gain[35],
             gain[42], gain[56]);
    r->pass = arg >= 21 && arg <= 28 && best_in >= 0.98 * gain[arg] && best_in >= 1.1 * gain[7] &&
              best_in >= 1.1 * gain[56];
    return 0;
}

/* C15: acids while the barrier is impaired prolong redness, more so for sensitive skin. */
static int c15(mn_claim_result *r)
{
    double p[P_COUNT], days[3];
    for (int k = 0; k < 3; k++) {
        one_session(p, 30);
        p[P_aftercare_acid_days] = k ? 0.5 : -1;
        p[P_patient_sensitivity] = k == 2 ? 1.0 : 0.0;
        mn_result res;
        if (course(p, &res, r)) return -1;
        days[k] = res.metrics[M_redness_visible_days];
    }
    snprintf(
        r->measured, sizeof r->measured,
        "visible redness %.2f days without acid, %.2f with an acid on day 0.5, %.2f with it on "
        "sensitive skin",
        days[0], days[1], days[2]);
    r->pass = days[1] > days[0] + 0.1 && days[2] > days[1] + 0.1;
    return 0;
}

/* C16: PIH from inflammation x UV x skin type; less sun or sunscreen lowers it. */
static int c16(mn_claim_result *r)
{
    double p[P_COUNT], peak[4];
    static const struct {
        int type;
        double sun;
        int sunscreen;
    } cases[] = {{1, 0.8, 0}, {5, 0.8, 0}, {5, 0.8, 1}, {5, 0.1, 0}};
    for (int k = 0; k < 4; k++) {
        one_session(p, 120);
        p[P_patient_fitzpatrick_type] = cases[k].type;
        p[P_patient_sun_exposure] = cases[k].sun;
        p[P_patient_sunscreen] = cases[k].sunscreen;
        mn_result res;
        if (course(p, &res, r)) return -1;
        peak[k] = res.metrics[M_pigment_peak];
    }
    snprintf(r->measured, sizeof r->measured,
             "peak PIH index: type I in sun %.3f; type V in sun %.3f, with sunscreen %.3f, indoors "
             "%.3f",
             peak[0], peak[1], peak[2], peak[3]);
    r->pass = peak[1] > 2 * peak[0] && peak[2] < 0.5 * peak[1] && peak[3] < 0.5 * peak[1];
    return 0;
}

/* ---- literature targets L1-L6 (scenarios also kept as INI files in params/studies/) ---- */

/* A course of `sessions` sessions `interval` days apart from day 0, ending at `days`. */
static void course_of(double *p, int sessions, double interval, double days)
{
    mn_params_default(p);
    p[P_schedule_sessions] = sessions;
    p[P_schedule_interval_days] = interval;
    p[P_schedule_course_days] = days;
    p[P_aftercare_serum_hours] = -1;
}

/* L1 (Lotfi et al. 2013): 5 sessions 28 days apart, day 168: papillary collagen +53 %,
 * epidermis +50 %. */
static int l1(mn_claim_result *r)
{
    double p[P_COUNT];
    course_of(p, 5, 28, 168);
    mn_result res;
    if (course(p, &res, r)) return -1;
    double tc = res.metrics[M_treated_collagen_end] - 1,
           ep = res.metrics[M_epidermal_thickness_end] - 1;
    snprintf(r->measured, sizeof r->measured,
             "day 168: treated_collagen %+.0f %%, epidermal_thickness %+.0f %% (published +53 %%, "
             "+50 %%); whole-dermis collagen %+.2f %%",
             100 * tc, 100 * ep, res.metrics[M_collagen_gain_percent]);
    r->pass = tc >= 0.35 && tc <= 0.80 && ep >= 0.30 && ep <= 0.70;
    return 0;
}

/* L2 (Ablon 2018): age 55, Lemperle grade 3, 4 sessions 30 days apart: -1.23 at day 150,
 * significant at day 90. */
static int l2(mn_claim_result *r)
{
    double p[P_COUNT];
    course_of(p, 4, 30, 150);
    p[P_patient_age_years] = 55;
    p[P_patient_wrinkle_grade] = 3;
    mn_trace tr;
    mn_result res;
    if (simulate(p, 0.25, &tr, &res, r)) return -1;
    double d90 = 3 - obs_at(&tr, O_wrinkle_grade, 90.0);
    double d150 = 3 - res.metrics[M_wrinkle_grade_end];
    mn_trace_free(&tr);
    snprintf(r->measured, sizeof r->measured,
             "wrinkle_grade 3 -> %.2f on day 150 (-%.2f; published -1.23), -%.2f on day 90",
             3 - d150, d150, d90);
    r->pass = d150 >= 0.8 && d150 <= 1.6 && d90 >= 0.4;
    return 0;
}

/* L3 (Tirmizi et al. 2021; Majid 2009): rolling scar grade 3, 0.5 mm deep, 2 mm wide; 3
 * sessions 28 days apart, assessed 4 weeks after the last. */
static int l3(mn_claim_result *r)
{
    double p[P_COUNT];
    course_of(p, 3, 28, 84);
    p[P_patient_scar_grade] = 3, p[P_patient_scar_depth_mm] = 0.5, p[P_patient_scar_width_mm] = 2;
    mn_result res, later;
    if (course(p, &res, r)) return -1;
    p[P_schedule_course_days] = 84 + 91;
    if (course(p, &later, r)) return -1;
    double drop = 3 - res.metrics[M_scar_severity_end];
    snprintf(r->measured, sizeof r->measured,
             "scar_severity 3 -> %.2f on day 84 (-%.2f grades; published about -1), %.2f three "
             "months later",
             3 - drop, drop, later.metrics[M_scar_severity_end]);
    r->pass = drop >= 0.6 && drop <= 1.5;
    return 0;
}

/* L4 (wound-healing texts): a deeper wound reaches its proliferative peak later. */
static int l4(mn_claim_result *r)
{
    double p[P_COUNT], day[2];
    for (int k = 0; k < 2; k++) {
        one_session(p, 60);
        p[P_procedure_microneedling] = k == 0;
        p[P_procedure_peel] = k ? PEEL_MEDIUM : PEEL_NONE;
        mn_result res;
        if (course(p, &res, r)) return -1;
        day[k] = res.metrics[M_peak_synthesis_day];
    }
    snprintf(r->measured, sizeof r->measured,
             "synthesis peaks on day %.2f after 1.5 mm needling, day %.2f after a medium peel",
             day[0], day[1]);
    r->pass = day[1] > day[0];
    return 0;
}

/* L5 (Aust et al. 2008): 4 sessions 28 days apart: new collagen at 6 months; stratum spinosum
 * +40 % at 1 year. */
static int l5(mn_claim_result *r)
{
    double p[P_COUNT];
    mn_result m6, y1;
    course_of(p, 4, 28, 182);
    if (course(p, &m6, r)) return -1;
    course_of(p, 4, 28, 365);
    if (course(p, &y1, r)) return -1;
    double tc = m6.metrics[M_treated_collagen_end] - 1,
           ep = y1.metrics[M_epidermal_thickness_end] - 1;
    snprintf(r->measured, sizeof r->measured,
             "treated_collagen %+.0f %% on day 182; epidermal_thickness %+.0f %% on day 365 "
             "(published +40 %%)",
             100 * tc, 100 * ep);
    r->pass = tc >= 0.20 && ep >= 0.20 && ep <= 0.60;
    return 0;
}

/* L6 (Gerstein et al. 1993; Sgonc & Gruber 2013): healing slows with age. */
static int l6(mn_claim_result *r)
{
    double p[P_COUNT], day[2], gain[57];
    int best[2];
    static const double ages[] = {25, 65};
    for (int k = 0; k < 2; k++) {
        one_session(p, 60);
        p[P_patient_age_years] = ages[k];
        mn_result res;
        if (course(p, &res, r)) return -1;
        day[k] = res.metrics[M_peak_synthesis_day];
        if ((best[k] = interval_scan(ages[k], gain, r)) < 0) return -1;
    }
    snprintf(r->measured, sizeof r->measured,
             "synthesis peak on day %.2f at 25, %.2f at 65; best interval %d days at 25, %d at 65",
             day[0], day[1], best[0], best[1]);
    r->pass = day[1] >= day[0] + 0.5 && best[1] >= best[0] + 2;
    return 0;
}

static const struct {
    const char *id, *statement, *target;
    int (*run)(mn_claim_result *);
} claims[] = {
    {"C1", "superficial injuries heal without pain or scarring",
     "no scar tissue on unscarred skin; channels closed by 12 h; barrier >= 95 % by 48 h", c1},
    {"C2", "healing boosts collagen, forms red blood cells, speeds skin growth",
     "fibroblasts, synthesis, perfusion, renewal rise > 5 % and return to baseline", c2},
    {"C3", "extra collagen for a few days after treatment",
     "synthesis peak on days 2-7, within 10 % of baseline by day 28, collagen raised for months",
     c3},
    {"C4", "firmer, more elastic skin; wrinkles less noticeable",
     "firmness, elasticity up and wrinkle depth down with collagen", c4},
    {"C5", "collagen production slows with age", "baseline synthesis falls; content ~1 %/year", c5},
    {"C6", "returns skin to its prior speed of production for a few days",
     "60-year-old's peak within +-25 % of a 25-year-old's baseline", c6},
    {"C7", "firmness and plumping shrink the appearance of pores",
     "pore visibility falls as collagen rises", c7},
    {"C8", "small scars may disappear after one treatment; large ones fade over repeated visits",
     "small >= 80 % in 3 months after 1; large < 50 % after 1, 30-70 % after 6, never 0, "
     "improving after the last",
     c8},
    {"C9", "a fresh glow a few days after", "glow peaks on days 3-7, after redness has gone", c9},
    {"C10", "tiny holes make creams and serums easier to absorb",
     "permeability >= 3x right after, <= 1.5x by 12 h; serum absorbed >= 2x", c10},
    {"C11", "redness gone in about three days, unlike up to three weeks for peels",
     "needling visible 2-4 days; superficial peel <= 5; medium 14-24; deep >= 14", c11},
    {"C12", "dermaplaning and microneedling make topicals more effective",
     "uptake with dermaplaning > 1.1x needling alone", c12},
    {"C13", "psoriasis, cold sores, severe acne, pregnancy: avoid; bleeding, illness: doctor",
     "each condition refused or referred by screening", c13},
    {"C14", "appointments every three to four weeks give the best result",
     "182-day gain peaks for D in 21-28, >= 10 % above D = 7 and D = 56", c14},
    {"C15", "sensitive skin should avoid acids while healing",
     "acid on impaired barrier prolongs redness, more for sensitive skin", c15},
    {"C16", "hyper-pigmentation can follow; limiting sunlight reduces the risk",
     "PIH higher for darker types in sun; sunscreen / less sun halve it", c16},
    {"L1", "Lotfi et al. 2013: papillary collagen +53 %, epidermis +50 % after 5 monthly sessions",
     "day 168: treated_collagen +35 to +80 %, epidermal_thickness +30 to +70 %", l1},
    {"L2", "Ablon 2018: wrinkle grade -1.23 at day 150 after 4 sessions 30 days apart",
     "age 55, grade 3: lower by 0.8-1.6 on day 150 and by >= 0.4 on day 90", l2},
    {"L3", "Tirmizi et al. 2021: acne scars grade III -> II after 3 monthly sessions",
     "grade-3 rolling scar: lower by 0.6-1.5 grades 4 weeks after the third session", l3},
    {"L4", "wound-healing texts: deeper wounds reach the proliferative peak later",
     "a medium peel's synthesis peak later than 1.5 mm needling's", l4},
    {"L5", "Aust et al. 2008: new collagen at 6 months; stratum spinosum +40 % at 1 year",
     "4 monthly sessions: treated_collagen >= +20 % on day 182; epidermis +20 to +60 % on day 365",
     l5},
    {"L6", "Gerstein et al. 1993; Sgonc & Gruber 2013: healing slows with age",
     "at 65 vs 25: synthesis peak >= 0.5 day later; best interval >= 2 days longer", l6},
};

int mn_claims_count(void)
{
    return (int)(sizeof claims / sizeof claims[0]);
}

int mn_claim_find(const char *id)
{
    for (int i = 0; i < mn_claims_count(); i++)
        if (strcmp(claims[i].id, id) == 0) return i;
    return -1;
}

int mn_claim_run(int i, mn_claim_result *r)
{
    memset(r, 0, sizeof *r);
    r->id = claims[i].id;
    r->statement = claims[i].statement;
    r->target = claims[i].target;
    return claims[i].run(r);
}
