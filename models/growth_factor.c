/* growth_factor.c — growth-factor signal G, first-order follower of inflammation I:
 *     dG/dt = (I - G) / (tau_G h(age)),   h(age) = 1 + c_age (age - 25)+
 * h(age) is the healing-time factor shared by the slow healing processes (fibroblast.c,
 * collagen.c, treated_layer.c, epidermis.c). */
#include <math.h>

#include "model.h"

/* SBML export: mirrored in models/sbml_rules.c; change both together. */
double mn_healing_time_factor(const double *p)
{
    return 1.0 + p[P_growth_factor_age_slowing_per_year] * fmax(0.0, p[P_patient_age_years] - 25.0);
}

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_rate); change both together. */
static void rhs(double t, const double *y, const mn_signals *sig, const double *p, double *dydt)
{
    (void)t;
    (void)p;
    dydt[S_growth_factor] = (y[S_inflammation] - y[S_growth_factor]) * sig->k->growth_factor_rate;
}

const mn_submodel growth_factor_submodel = {
    .name = "growth_factor",
    .description = "Growth-factor signal (PDGF/TGF-beta) following inflammation with a delay of "
                   "days; age lengthens it and the other healing time scales.",
    .reference = "Segal et al. 2012 Bull Math Biol; Jin et al. 2011 BMC Syst Biol 5:60; Gerstein "
                 "et al. 1993 Dermatol Clin 11:749; Sgonc & Gruber 2013 Gerontology 59:159",
    .rhs = rhs,
};
