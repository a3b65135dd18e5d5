/* fibroblast.c — activated (recruited, proliferating) fibroblast fraction F and responsiveness r:
 *     dF/dt = (a_F / h) r G (cap(age) - F) / (1 + A / A_h) - (k_F / h) F
 *     dr/dt = (1 - r) / (tau_rec h) - x_F F r
 * G: growth-factor signal (growth_factor.c), h: healing-time factor of age, A: open epidermal
 * defect (a confluent wound such as a peel's must re-epithelialise before its proliferative phase
 * peaks; micro-channels close in hours and hardly delay it). Activation exhausts
 * responsiveness, which recovers over ~3 weeks: a new session too soon finds fibroblasts less
 * responsive. cap(age) = 1 - c (age - 25)+ . */
#include <math.h>

#include "model.h"

/* SBML export: mirrored in models/sbml_rules.c; change both together. */
double mn_activation_capacity(const double *p)
{
    return fmax(0.0, 1.0 - p[P_fibroblast_capacity_loss_per_year] *
                               fmax(0.0, p[P_patient_age_years] - 25.0));
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_initial); change both together. */
static void init(const double *p, double *y)
{
    (void)p;
    y[S_fibroblast_activation] = 0.0;
    y[S_fibroblast_responsiveness] = 1.0;
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_rate); change both together. */
static void rhs(double t, const double *y, const mn_signals *sig, const double *p, double *dydt)
{
    (void)t;
    double F = y[S_fibroblast_activation], r = y[S_fibroblast_responsiveness];
    dydt[S_fibroblast_activation] =
        sig->k->activation_rate * r * y[S_growth_factor] * (sig->k->activation_capacity - F) /
            (1.0 + sig->open_defect / p[P_fibroblast_open_wound_defect]) -
        sig->k->deactivation_rate * F;
    dydt[S_fibroblast_responsiveness] =
        (1.0 - r) * sig->k->recovery_rate - p[P_fibroblast_exhaustion_per_day] * F * r;
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_observable); change both together. */
static void observe(const double *y, const mn_signals *sig, const double *p, double *obs)
{
    (void)sig;
    obs[O_fibroblast_activity] = 1.0 + p[P_collagen_synthesis_boost] * y[S_fibroblast_activation];
}

const mn_submodel fibroblast_submodel = {
    .name = "fibroblast",
    .description = "Fibroblast activation by inflammation, age-limited capacity, and exhaustion of "
                   "responsiveness recovering over weeks.",
    .reference = "Varani et al. 2000 J Invest Dermatol 114:480; Jin et al. 2011 BMC Syst Biol 5:60",
    .init = init,
    .rhs = rhs,
    .observe = observe,
};
