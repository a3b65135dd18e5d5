/* topical.c — permeability and topical uptake, and irritation from acidic products:
 *     permeability = 1 + g_A A + g_B B              (1 = intact skin)
 *     dU/dt = permeability * serum on the skin       (absorbed serum)
 *     irritation = g_i acid (1 + g_s sensitivity) (permeability - 1)
 * Irritation needs an impaired barrier: on intact skin (permeability 1) an acid does not irritate
 * in this model. */
#include "model.h"

/* SBML export: mirrored in models/sbml_rules.c; change both together. */
double mn_permeability(const double *y, const mn_signals *sig, const double *p)
{
    return 1.0 + p[P_topical_channel_gain] * sig->open_defect +
           p[P_topical_barrier_gain] * y[S_barrier_deficit];
}

/* SBML export: mirrored in models/sbml_rules.c; change both together. */
double mn_irritation(const double *y, const mn_signals *sig, const double *p)
{
    if (sig->acid_dose <= 0) return 0.0;
    return p[P_aftercare_irritation_gain] * sig->acid_dose *
           (1.0 + p[P_aftercare_sensitivity_gain] * p[P_patient_sensitivity]) *
           (mn_permeability(y, sig, p) - 1.0);
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_rate); change both together. */
static void rhs(double t, const double *y, const mn_signals *sig, const double *p, double *dydt)
{
    (void)t;
    dydt[S_topical_absorbed] = mn_permeability(y, sig, p) * sig->topical_dose;
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_observable); change both together. */
static void observe(const double *y, const mn_signals *sig, const double *p, double *obs)
{
    obs[O_topical_uptake] = mn_permeability(y, sig, p);
}

const mn_submodel topical_submodel = {
    .name = "topical",
    .description = "Topical uptake through open micro-channels and an impaired barrier; "
                   "irritation from acidic/exfoliating products while the barrier is impaired.",
    .reference = "Kalluri & Banga 2011; Gupta et al. 2011; seed document (aftercare)",
    .rhs = rhs,
    .observe = observe,
};
