/* fast.c — fast sub-processes solved exactly between events, so the ODE system stays non-stiff:
 *  - the open epidermal defect A closes by saturating re-epithelialisation
 *        dA/dt = -v A / (K + A)
 *    whose exact solution is A(t) = K W0( (A0/K) exp((A0 - v t)/K) ) (W0: Lambert W, evaluated
 *    from the logarithm of its argument: lambert_w0_of_exp);
 *    small micro-channels (A << K) close exponentially at v/K per day (hours), a peel's whole
 *    epidermis (A ~ 1 >> K) closes at the constant speed v (days);
 *  - products on the skin surface (serum, acid) clear exponentially.
 */
#include <math.h>

#include "model.h"

const int mn_linear_states[MN_LINEAR_COUNT] = {S_barrier_deficit, S_inflammation,  S_growth_factor,
                                               S_vessel_growth,   S_renewal_boost, S_pigment};
const int mn_quadrature_states[MN_QUADRATURE_COUNT] = {
    S_visible_redness_days, S_collagen_synthesized, S_collagen_degraded, S_topical_absorbed};

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_constants); change both together. */
void mn_fast_reset(mn_fast *f, const double *p)
{
    *f = (mn_fast){0};
    f->k.turnover_per_day = mn_collagen_turnover_per_day(p);
    f->k.baseline_synthesis = mn_baseline_synthesis(p);
    f->k.activation_capacity = mn_activation_capacity(p);
    f->k.pigment_drive = mn_pigment_drive(p);
    f->k.barrier_rate = mn_barrier_rate(p);
    f->k.scar_width_factor = mn_scar_width_factor(p);
    f->k.scar_floor = mn_scar_floor(p);
    f->k.scar_rate_factor = mn_scar_rate_factor(p);
    double h = mn_healing_time_factor(p);
    f->k.healing_time_factor = h;
    f->k.growth_factor_rate = 1.0 / (p[P_growth_factor_tau_days] * h);
    f->k.activation_rate = p[P_fibroblast_activation_per_day] / h;
    f->k.deactivation_rate = p[P_fibroblast_deactivation_per_day] / h;
    f->k.recovery_rate = 1.0 / (p[P_fibroblast_recovery_days] * h);
    f->k.maturation_rate = 1.0 / (p[P_collagen_maturation_days] * h);
    /* the diagonal of the linear states' equations (epidermis.c, inflammation.c,
     * growth_factor.c, vasculature.c, pigment.c), in the order of mn_linear_states */
    const double rate[MN_LINEAR_COUNT] = {f->k.barrier_rate,
                                          p[P_inflammation_resolution_per_day],
                                          f->k.growth_factor_rate,
                                          p[P_vasculature_vessel_regression_per_day],
                                          p[P_vasculature_renewal_decay_per_day],
                                          1.0 / p[P_pigment_clearance_days]};
    /* the candidates for the integrating factor: the linear states, then fibroblast activation;
     * their drivers' rates (B and I are forced by closed forms: the open defect, the acid) */
    const double driver[MN_EXPO_CANDIDATES] = {INFINITY, INFINITY, rate[1], rate[1],
                                               rate[1],  rate[1],  rate[2]};
    for (int i = 0; i < MN_LINEAR_COUNT; i++)
        f->k.linear_rate[i] = rate[i];
    f->k.n_expo = 0;
    f->k.expo_rate_max = 0.0;
    for (int i = 0; i < MN_EXPO_CANDIDATES; i++) {
        const int linear = i < MN_LINEAR_COUNT;
        const double own = linear ? rate[i] : f->k.deactivation_rate;
        if (own < MN_EXPO_MIN_RATE || own - driver[i] > MN_EXPO_MIN_RATE) continue;
        f->k.expo_state[f->k.n_expo] = linear ? mn_linear_states[i] : S_fibroblast_activation;
        f->k.expo_rate[f->k.n_expo++] = own;
        f->k.expo_rate_max = fmax(f->k.expo_rate_max, own);
    }
}

/* W0(e^z), the w > 0 with w + ln w = z, for z >= -7: Halley's iteration on w + ln w - z from a
 * start within ~1e-2 (the series of W0 at 0 below z = -2, Winitzki's log1p form up to z = 1.5,
 * w ~ z - ln z + ln z / z above). At most four iterations, stopped once a step is below 1e-5 w
 * (cubic convergence leaves ~1e-15). Agrees with gsl_sf_lambert_W0(exp(z)) to 2e-15 relative at
 * a third of its cost (tests/unit/test_fast) and needs no exp(z), so it holds for any z (a peel's
 * wound: z ~ 1e2-1e4). */
static double lambert_w0_of_exp(double z)
{
    double w;
    if (z < -2) {
        double x = exp(z);
        w = x * (1.0 - x * (1.0 - 1.5 * x));
    } else if (z < 1.5) {
        double l = log1p(exp(z));
        w = l * (1.0 - log1p(l) / (2.0 + l));
    } else {
        double lz = log(z);
        w = z - lz + lz / z;
    }
    for (int i = 0; i < 4; i++) {
        double f = w + log(w) - z, fp = 1.0 + 1.0 / w;
        double dw = f / (fp + f / (2.0 * w * w * fp)); /* Halley: f'' = -1/w^2 */
        w -= dw;
        if (fabs(dw) < 1e-5 * w) break; /* cubic: the error left is ~(dw / w)^3 w */
    }
    return w;
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_signals: its ODE); change both. */
static double open_defect(const mn_fast *f, double t, const double *p)
{
    if (f->defect0 <= 0) return 0.0;
    double v = p[P_epidermis_closure_speed_per_day], K = p[P_epidermis_closure_half_saturation];
    double tau = t - f->defect_day;
    /* A = K W0(x), ln x = ln(A0 / K) + (A0 - v tau) / K */
    double logarg = f->log_defect0_over_K + (f->defect0 - v * tau) / K;
    if (logarg < -36) return 0.0; /* A < K e^-36: closed (below 1e-17 of the skin area) */
    if (logarg < -7) {
        /* W0(x) = x - x^2 + 3/2 x^3 + O(x^4): for x < e^-7 the truncation error is < 1e-11 x */
        double x = exp(logarg);
        return K * x * (1.0 - x * (1.0 - 1.5 * x));
    }
    return K * lambert_w0_of_exp(logarg);
}

void mn_fast_eval(const mn_fast *f, double t, const double *p, mn_signals *sig)
{
    double k = p[P_topical_clearance_per_day];
    sig->open_defect = open_defect(f, t, p);
    /* beyond 40 clearance times (e^-40 ~ 4e-18) a product is gone */
    double kt = k * (t - f->topical_day), ka = k * (t - f->acid_day);
    sig->topical_dose = f->topical0 > 0 && kt < 40 ? f->topical0 * exp(-kt) : 0.0;
    sig->acid_dose = f->acid0 > 0 && ka < 40 ? f->acid0 * exp(-ka) : 0.0;
    sig->wound_depth_mm = f->wound_depth_mm;
    sig->k = &f->k;
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_session_jumps); change both together. */
void mn_fast_session(mn_fast *f, double t, const mn_injury *inj, const double *p)
{
    f->defect0 = open_defect(f, t, p) + inj->epidermal_defect;
    f->log_defect0_over_K =
        f->defect0 > 0 ? log(f->defect0 / p[P_epidermis_closure_half_saturation]) : 0;
    f->defect_day = t;
    f->wound_depth_mm = inj->wound_depth_mm;
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_serum_jumps); change both together. */
void mn_fast_apply_topical(mn_fast *f, double t, const double *p)
{
    mn_signals s;
    mn_fast_eval(f, t, p, &s);
    f->topical0 = s.topical_dose + 1.0; /* one dose unit per application */
    f->topical_day = t;
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_acid_jumps); change both together. */
void mn_fast_apply_acid(mn_fast *f, double t, const double *p)
{
    mn_signals s;
    mn_fast_eval(f, t, p, &s);
    f->acid0 = s.acid_dose + p[P_aftercare_acid_strength];
    f->acid_day = t;
}
