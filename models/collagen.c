/* collagen.c — collagen pools (relative to a 25-year-old's dermal content = 1):
 *     s0(age) = k_d exp(-beta (age - 25))          baseline synthesis, k_d = ln 2 / half-life
 *     S = s0 (1 + b F)                             total synthesis (F: fibroblast activation)
 *     dC_I/dt   = (1 - f3) s0 - k_d C_I + W / tau_mat
 *     dC_III/dt = f3 s0 - k_d C_III
 *     dW/dt     = s0 b F - W / (tau_mat h) - W / tau_w  (immature wound matrix, type III rich)
 * (h: healing-time factor of age, growth_factor.c; the same 1/(tau_mat h) in dC_I/dt)
 * A visit destroys the fraction `matrix_disruption` of W (re-injury of immature matrix only; the
 * mature pools are untouched). Cumulative synthesis and degradation are integrated so that the
 * balance  content(t) - content(0) = synthesised - degraded  can be checked. */
#include <math.h>

#include "model.h"

/* SBML export: mirrored in models/sbml_rules.c; change both together. */
double mn_collagen_turnover_per_day(const double *p)
{
    return M_LN2 / (p[P_collagen_half_life_years] * 365.25);
}

/* SBML export: mirrored in models/sbml_rules.c; change both together. */
double mn_baseline_synthesis(const double *p)
{
    return mn_collagen_turnover_per_day(p) *
           exp(-p[P_collagen_age_decline_per_year] * (p[P_patient_age_years] - 25.0));
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_initial); change both together. */
static void init(const double *p, double *y)
{
    double total = mn_baseline_synthesis(p) / mn_collagen_turnover_per_day(p); /* steady state */
    y[S_collagen_mature_I] = (1.0 - p[P_collagen_type_III_fraction]) * total;
    y[S_collagen_base_III] = p[P_collagen_type_III_fraction] * total;
    y[S_wound_matrix] = 0.0;
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_rate); change both together. */
static void rhs(double t, const double *y, const mn_signals *sig, const double *p, double *dydt)
{
    (void)t;
    double kd = sig->k->turnover_per_day, s0 = sig->k->baseline_synthesis;
    double f3 = p[P_collagen_type_III_fraction];
    double induced = s0 * p[P_collagen_synthesis_boost] * y[S_fibroblast_activation];
    double maturation = y[S_wound_matrix] * sig->k->maturation_rate;
    double wound_loss = y[S_wound_matrix] / p[P_collagen_wound_turnover_days];
    dydt[S_collagen_mature_I] = (1.0 - f3) * s0 - kd * y[S_collagen_mature_I] + maturation;
    dydt[S_collagen_base_III] = f3 * s0 - kd * y[S_collagen_base_III];
    dydt[S_wound_matrix] = induced - maturation - wound_loss;
    dydt[S_collagen_synthesized] = s0 + induced;
    dydt[S_collagen_degraded] = kd * (y[S_collagen_mature_I] + y[S_collagen_base_III]) + wound_loss;
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_session_jumps); change both together. */
static void on_session(const mn_injury *inj, const double *p, double *y)
{
    (void)p;
    double lost = inj->matrix_disruption * y[S_wound_matrix];
    y[S_wound_matrix] -= lost;
    y[S_collagen_degraded] += lost;
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_observable); change both together. */
static void observe(const double *y, const mn_signals *sig, const double *p, double *obs)
{
    obs[O_collagen_synthesis_rate] =
        sig->k->baseline_synthesis *
        (1.0 + p[P_collagen_synthesis_boost] * y[S_fibroblast_activation]) /
        sig->k->turnover_per_day;
    obs[O_collagen_total] = y[S_collagen_mature_I] + y[S_collagen_base_III] + y[S_wound_matrix];
    obs[O_collagen_type_I] = y[S_collagen_mature_I];
    obs[O_collagen_type_III] = y[S_collagen_base_III] + y[S_wound_matrix];
}

const mn_submodel collagen_submodel = {
    .name = "collagen",
    .description = "Baseline turnover into mature type I / type III, injury-induced immature "
                   "matrix maturing into type I, re-injury of immature matrix, slow turnover.",
    .reference = "Verzijl et al. 2000 J Biol Chem 275:39027; Shuster et al. 1975 Br J Dermatol "
                 "93:639; Segal et al. 2012 Bull Math Biol",
    .init = init,
    .rhs = rhs,
    .on_session = on_session,
    .observe = observe,
};
