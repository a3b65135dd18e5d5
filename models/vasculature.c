/* vasculature.c — excess micro-vessel density V and epidermal renewal E:
 *     dV/dt = a_V I - k_V V
 *     dE/dt = a_E (I + A) - k_E E
 *     perfusion = 1 + V, renewal = 1 + E, glow = V + E - w * redness */
#include "model.h"

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_rate); change both together. */
static void rhs(double t, const double *y, const mn_signals *sig, const double *p, double *dydt)
{
    (void)t;
    dydt[S_vessel_growth] = p[P_vasculature_angiogenesis_per_day] * y[S_inflammation] -
                            p[P_vasculature_vessel_regression_per_day] * y[S_vessel_growth];
    dydt[S_renewal_boost] =
        p[P_vasculature_renewal_drive_per_day] * (y[S_inflammation] + sig->open_defect) -
        p[P_vasculature_renewal_decay_per_day] * y[S_renewal_boost];
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_observable); change both together. */
static void observe(const double *y, const mn_signals *sig, const double *p, double *obs)
{
    (void)sig;
    obs[O_perfusion] = 1.0 + y[S_vessel_growth];
    obs[O_renewal] = 1.0 + y[S_renewal_boost];
    obs[O_glow] = y[S_vessel_growth] + y[S_renewal_boost] -
                  p[P_vasculature_glow_redness_weight] * mn_redness(y, p);
}

const mn_submodel vasculature_submodel = {
    .name = "vasculature",
    .description = "New micro-vessels (perfusion) and epidermal renewal driven by inflammation; "
                   "glow = perfusion + renewal net of redness.",
    .reference = "Wound-healing proliferative phase; Aust et al. 2008; Lotfi et al. 2013",
    .rhs = rhs,
    .observe = observe,
};
