/* quality.c — skin-quality indices from the treated layer. With C0 = s0(age)/k_d the patient's
 * collagen relative to a 25-year-old's, T = treated_collagen and M_L the matured new collagen:
 *     D = C0 T                                  layer density (1 = 25-year-old's untreated)
 *     firmness = D,  elasticity = C0 (1 + M_L),  wrinkle_depth = exp(-s (D - 1)),
 *     pore_visibility = D^(-e),
 *     wrinkle_grade = min(5, g0 exp(-s C0 (T - 1)))   (= g0 wrinkle_depth / wrinkle_depth(day 0))
 */
#include <math.h>

#include "model.h"

/* SBML export: mirrored in models/sbml_rules.c (mn_sbml_observable); change both together. */
static void observe(const double *y, const mn_signals *sig, const double *p, double *obs)
{
    double c0 = sig->k->baseline_synthesis / sig->k->turnover_per_day;
    double t = 1.0 + y[S_layer_immature] + y[S_layer_mature], d = c0 * t;
    double s = p[P_quality_wrinkle_sensitivity];
    obs[O_firmness] = d;
    obs[O_elasticity] = c0 * (1.0 + y[S_layer_mature]);
    obs[O_wrinkle_depth] = exp(-s * (d - 1.0));
    obs[O_pore_visibility] = pow(fmax(d, 1e-6), -p[P_quality_pore_exponent]);
    obs[O_wrinkle_grade] = fmin(5.0, p[P_patient_wrinkle_grade] * exp(-s * c0 * (t - 1.0)));
}

const mn_submodel quality_submodel = {
    .name = "quality",
    .description = "Firmness, elasticity, wrinkle depth, pore visibility and the Lemperle wrinkle "
                   "grade derived from the treated layer's collagen.",
    .reference = "Lemperle et al. 2001 (wrinkle assessment scale); Ablon 2018 J Clin Aesthet "
                 "Dermatol 11(8):29; Kenkel et al. 2021; direction from the seed document",
    .observe = observe,
};
